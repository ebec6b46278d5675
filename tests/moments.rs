//! `ptp`, weighted `average`, `var`/`std` with `ddof`, `cov` and `corrcoef` on every
//! backend against host references computed in f64: every axis, both weight forms,
//! `rowvar` both ways, transposed views as input, one-variable and `ddof >= n` edge
//! cases, and the errors.

#[macro_use]
mod common;

use common::{assert_array, sample_nd, upload_nd, HostNd, TestValue, Tol, Tolerances};
use gpu::{Array, DType, Device, Element, Error, Float};

/// The values of a 2-D host array along `axis` for each position of the other axis.
fn lanes(h: &HostNd<f64>, axis: usize) -> Vec<Vec<f64>> {
    let other = 1 - axis;
    (0..h.shape[other])
        .map(|o| (0..h.shape[axis]).map(|i| if axis == 0 { h.get(&[i, o]) } else { h.get(&[o, i]) }).collect())
        .collect()
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len() as f64
}

fn ptp_cases<T: TestValue + Element>(dev: &Device) -> gpu::Result<()> {
    let h = sample_nd::<T>(&[5, 7], 3);
    let a = upload_nd(&h, dev)?;
    let v: Vec<f64> = h.to_vec().iter().map(|x| x.f64()).collect();
    let span = |v: &[f64]| v.iter().cloned().fold(f64::MIN, f64::max) - v.iter().cloned().fold(f64::MAX, f64::min);
    assert_eq!(a.ptp()?.item()?.f64(), span(&v), "{} ptp", T::DTYPE);
    let hf = HostNd::new(v, &[5, 7]);
    for axis in [0usize, 1] {
        let want: Vec<T> = lanes(&hf, axis).iter().map(|l| T::of_f64(span(l))).collect();
        let got = a.ptp_axis(axis as isize, true)?;
        let shape = if axis == 0 { [1, 7] } else { [5, 1] };
        assert_array(&got, &shape, &want, Tol::EXACT, &format!("{} ptp_axis {axis}", T::DTYPE));
    }
    assert!(matches!(Array::<T>::zeros([0], dev)?.ptp(), Err(Error::EmptyReduction { .. })));
    Ok(())
}

fn float_cases<T: TestValue + Tolerances + Float>(dev: &Device) -> gpu::Result<()> {
    let tol = T::MOMENTS;
    let h = sample_nd::<T>(&[6, 9], 5);
    let hw = HostNd::new(
        sample_nd::<T>(&[6, 9], 6).to_vec().iter().map(|x| T::of_f64(x.f64().abs() + 0.1)).collect(),
        &[6, 9],
    );
    let (a, w) = (upload_nd(&h, dev)?, upload_nd(&hw, dev)?);
    let hf = HostNd::new(h.to_vec().iter().map(|x| x.f64()).collect(), &[6, 9]);
    let wf = HostNd::new(hw.to_vec().iter().map(|x| x.f64()).collect(), &[6, 9]);
    let ty = T::DTYPE;

    // average: whole array, same-shape weights along each axis, 1-D weights.
    let num: f64 = hf.to_vec().iter().zip(wf.to_vec()).map(|(x, w)| x * w).sum();
    let den: f64 = wf.to_vec().iter().sum();
    assert_array(&a.average(&w)?, &[], &[T::of_f64(num / den)], tol, &format!("{ty} average"));
    for axis in [0usize, 1] {
        let (xs, ws) = (lanes(&hf, axis), lanes(&wf, axis));
        let want: Vec<T> = xs
            .iter()
            .zip(&ws)
            .map(|(x, w)| T::of_f64(x.iter().zip(w).map(|(a, b)| a * b).sum::<f64>() / w.iter().sum::<f64>()))
            .collect();
        let n = xs.len();
        assert_array(
            &a.average_axis(&w, axis as isize, false)?,
            &[n],
            &want,
            tol,
            &format!("{ty} average_axis {axis}"),
        );
        // One weight per position along the axis: the first lane's weights.
        let w1: Vec<f64> = ws[0].clone();
        let w1a = Array::from_vec(w1.iter().map(|&x| T::of_f64(x)).collect(), [w1.len()])?.to(dev)?;
        let want: Vec<T> = xs
            .iter()
            .map(|x| T::of_f64(x.iter().zip(&w1).map(|(a, b)| a * b).sum::<f64>() / w1.iter().sum::<f64>()))
            .collect();
        let got = a.average_axis(&w1a, axis as isize, true)?;
        let shape = if axis == 0 { [1, n] } else { [n, 1] };
        assert_array(&got, &shape, &want, tol, &format!("{ty} average_axis {axis}, 1-D weights"));
    }
    assert!(matches!(a.average(&w.t()), Err(Error::InvalidArgument { op: "average", .. })));
    assert!(matches!(a.average_axis(&w.slice(1, None, Some(5), 1)?, 1, false), Err(Error::InvalidArgument { .. })));

    // var/std with ddof, whole and along each axis.
    let all = hf.to_vec();
    let var = |v: &[f64], ddof: usize| {
        let m = mean(v);
        v.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (v.len() - ddof) as f64
    };
    for ddof in [0usize, 1, 2] {
        assert_array(&a.var_ddof(ddof)?, &[], &[T::of_f64(var(&all, ddof))], tol, &format!("{ty} var ddof {ddof}"));
        assert_array(
            &a.std_ddof(ddof)?,
            &[],
            &[T::of_f64(var(&all, ddof).sqrt())],
            tol,
            &format!("{ty} std ddof {ddof}"),
        );
        for axis in [0usize, 1] {
            let ls = lanes(&hf, axis);
            let want: Vec<T> = ls.iter().map(|l| T::of_f64(var(l, ddof))).collect();
            let got = a.var_axis_ddof(axis as isize, false, ddof)?;
            assert_array(&got, &[ls.len()], &want, tol, &format!("{ty} var_axis {axis} ddof {ddof}"));
            let want: Vec<T> = ls.iter().map(|l| T::of_f64(var(l, ddof).sqrt())).collect();
            let got = a.std_axis_ddof(-(2 - axis as isize), false, ddof)?;
            assert_array(&got, &[ls.len()], &want, tol, &format!("{ty} std_axis {axis} ddof {ddof}"));
        }
    }
    let two = Array::from_vec(vec![T::of_f64(1.0), T::of_f64(2.0)], [2])?.to(dev)?;
    assert_eq!(two.var_ddof(2)?.item()?.f64(), f64::INFINITY, "ddof = n: infinite, as NumPy");
    assert!(Array::<T>::ones([2], dev)?.var_ddof(3)?.item()?.f64().is_nan(), "constant data, ddof > n: NaN");

    // cov and corrcoef: rows as variables, and columns (the transposed view).
    let cov = |vars: &[Vec<f64>], ddof: usize| -> Vec<f64> {
        let ms: Vec<f64> = vars.iter().map(|v| mean(v)).collect();
        let n = vars[0].len();
        let mut out = Vec::new();
        for (i, vi) in vars.iter().enumerate() {
            for (j, vj) in vars.iter().enumerate() {
                out.push((0..n).map(|k| (vi[k] - ms[i]) * (vj[k] - ms[j])).sum::<f64>() / (n - ddof) as f64);
            }
        }
        out
    };
    let rows = lanes(&hf, 1); // 6 variables of 9 observations
    let cols = lanes(&hf, 0); // 9 variables of 6 observations
    for (rowvar, vars, input) in [(true, &rows, a.clone()), (false, &cols, a.clone()), (true, &cols, a.t())] {
        let k = vars.len();
        for ddof in [0usize, 1] {
            let want: Vec<T> = cov(vars, ddof).into_iter().map(T::of_f64).collect();
            let got = input.cov(rowvar, ddof)?;
            assert_array(
                &got,
                &[k, k],
                &want,
                tol,
                &format!("{ty} cov rowvar={rowvar} ddof {ddof} of {:?}", input.shape()),
            );
        }
        let c = cov(vars, 1);
        let want: Vec<T> = (0..k * k)
            .map(|ij| T::of_f64((c[ij] / (c[(ij / k) * (k + 1)] * c[(ij % k) * (k + 1)]).sqrt()).clamp(-1.0, 1.0)))
            .collect();
        assert_array(&input.corrcoef(rowvar)?, &[k, k], &want, tol, &format!("{ty} corrcoef rowvar={rowvar}"));
    }
    // One variable: 0-d, as NumPy squeezes it.
    let v = a.slice(0, Some(0), Some(1), 1)?;
    assert_array(&v.cov(true, 1)?, &[], &[T::of_f64(var(&rows[0], 1))], tol, &format!("{ty} cov of one row"));
    assert_array(&v.reshape([9])?.cov(true, 1)?, &[], &[T::of_f64(var(&rows[0], 1))], tol, &format!("{ty} cov 1-D"));
    assert_array(&v.reshape([9])?.corrcoef(true)?, &[], &[T::of_f64(1.0)], tol, &format!("{ty} corrcoef 1-D"));
    // A constant variable has no correlation: NaN.
    let k = Array::<T>::ones([2, 4], dev)?;
    assert!(k.corrcoef(true)?.to_vec()?.iter().all(|x| x.f64().is_nan()), "{ty} corrcoef of constants");
    assert!(matches!(Array::<T>::ones([2, 2, 2], dev)?.cov(true, 1), Err(Error::InvalidArgument { op: "cov", .. })));
    Ok(())
}

backend_tests! {
    fn ptp_f32(dev) { ptp_cases::<f32>(dev) }
    fn ptp_f64(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        ptp_cases::<f64>(dev)
    }
    fn ptp_i32(dev) { ptp_cases::<i32>(dev) }
    fn ptp_u32(dev) { ptp_cases::<u32>(dev) }
    fn moments_f32(dev) { float_cases::<f32>(dev) }
    fn moments_f64(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        float_cases::<f64>(dev)
    }
}
