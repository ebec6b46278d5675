//! `interp` on every backend (f32, f64): NumPy's own outputs (below, at and between the
//! points, above, NaN, `left`/`right`), a dense sweep against a host reference, a single
//! point, any shape of `x`, and the errors.

#[macro_use]
mod common;

use common::{assert_array, noise, TestValue, Tol, Tolerances};
use gpu::{Array, DType, Device, Error, Float};

fn arr<T: TestValue>(v: &[f64], dev: &Device) -> gpu::Result<Array<T>> {
    Array::from_vec(v.iter().map(|&x| T::of_f64(x)).collect(), [v.len()])?.to(dev)
}

/// Host reference: scan for the interval, as the definition reads.
fn reference(x: f64, xp: &[f64], fp: &[f64]) -> f64 {
    let n = xp.len();
    if x.is_nan() {
        return x;
    }
    if x < xp[0] {
        return fp[0];
    }
    if x >= xp[n - 1] {
        return fp[n - 1];
    }
    let j = (1..n).find(|&j| xp[j] > x).unwrap_or(n - 1);
    fp[j - 1] + (x - xp[j - 1]) / (xp[j] - xp[j - 1]) * (fp[j] - fp[j - 1])
}

fn cases<T: TestValue + Tolerances + Float>(dev: &Device) -> gpu::Result<()> {
    let ty = T::DTYPE;
    let xp = [-2.0, -0.5, 0.0, 1.25, 4.0];
    let fp = [3.0, -1.0, 0.5, 2.0, -4.0];
    let x = [-3.0, -2.0, -1.7, -0.5, -0.25, 0.0, 0.3, 1.25, 2.0, 4.0, 4.5, f64::NAN];
    let (xpa, fpa, xa) = (arr::<T>(&xp, dev)?, arr::<T>(&fp, dev)?, arr::<T>(&x, dev)?);
    // Printed by NumPy 2.4.
    let numpy = [3.0, 3.0, 2.2, -1.0, -0.25, 0.5, 0.86, 2.0, 0.36363636363636365, -4.0, -4.0, f64::NAN];
    let want: Vec<T> = numpy.iter().map(|&v| T::of_f64(v)).collect();
    assert_array(&gpu::interp(&xa, &xpa, &fpa, None, None)?, &[12], &want, T::DIVISION, &format!("{ty} interp"));
    let mut lr = want.clone();
    lr[0] = T::of_f64(-9.0);
    lr[10] = T::of_f64(9.0);
    let got = gpu::interp(&xa, &xpa, &fpa, Some(T::of_f64(-9.0)), Some(T::of_f64(9.0)))?;
    assert_array(&got, &[12], &lr, T::DIVISION, &format!("{ty} interp with left/right"));
    // The points themselves come back exactly.
    assert_array(
        &gpu::interp(&xpa, &xpa, &fpa, None, None)?,
        &[5],
        &fpa.to_vec()?,
        Tol::EXACT,
        &format!("{ty} at the points"),
    );

    // A dense sweep on an uneven grid, x as a 2-D array.
    let grid: Vec<f64> = (0..40).map(|i| i as f64 * 0.25 + 0.1 * noise(1, i).first().copied().unwrap_or(0.0)).collect();
    let vals: Vec<f64> = noise(40, 9);
    let xs: Vec<f64> = noise(600, 10).iter().map(|v| (v + 1.0) * 5.5 - 0.5).collect();
    let (g, f) = (arr::<T>(&grid, dev)?, arr::<T>(&vals, dev)?);
    let x2 = arr::<T>(&xs, dev)?.reshape([20, 30])?;
    let round = |v: &[f64]| -> Vec<f64> { v.iter().map(|&a| T::of_f64(a).f64()).collect() };
    let (gr, fr, xr) = (round(&grid), round(&vals), round(&xs));
    let want: Vec<T> = xr.iter().map(|&x| T::of_f64(reference(x, &gr, &fr))).collect();
    let tol = Tol { abs: 8.0 * T::EPS, rel: 8.0 * T::EPS };
    assert_array(&gpu::interp(&x2, &g, &f, None, None)?, &[20, 30], &want, tol, &format!("{ty} sweep"));

    // One point: its value everywhere, NaN included (NumPy's rule), unless left/right.
    let one = gpu::interp(
        &arr::<T>(&[0.0, 1.0, 2.0, f64::NAN], dev)?,
        &arr::<T>(&[1.0], dev)?,
        &arr::<T>(&[5.0], dev)?,
        None,
        Some(T::of_f64(7.0)),
    )?;
    assert_eq!(one.to_vec()?.iter().map(|v| v.f64()).collect::<Vec<_>>(), vec![5.0, 5.0, 7.0, 5.0]);
    Ok(())
}

backend_tests! {
    fn interp_f32(dev) { cases::<f32>(dev) }
    fn interp_f64(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        cases::<f64>(dev)
    }
    fn interp_errors(dev) {
        let x = Array::<f32>::ones([3], dev)?;
        let xp = Array::<f32>::ones([4], dev)?;
        assert!(matches!(gpu::interp(&x, &xp, &x, None, None), Err(Error::InvalidArgument { op: "interp", .. })));
        assert!(matches!(gpu::interp(&x, &Array::<f32>::ones([0], dev)?, &Array::<f32>::ones([0], dev)?, None, None), Err(Error::InvalidArgument { .. })));
        assert!(matches!(gpu::interp(&x, &xp.reshape([2, 2])?, &xp.reshape([2, 2])?, None, None), Err(Error::InvalidArgument { .. })));
        if dev.kind() != gpu::DeviceKind::Cpu {
            let h = Array::<f32>::ones([4], &Device::cpu())?;
            assert!(matches!(gpu::interp(&x, &h, &h, None, None), Err(Error::DeviceMismatch { .. })));
        }
        Ok(())
    }
}
