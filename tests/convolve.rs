//! `convolve`, `correlate` and `sliding_window_view` on every backend and dtype: NumPy's
//! own outputs, then every mode for input lengths 1..=17 in both orders against a
//! direct double loop, windows along each axis of 2-D arrays, and the errors.

#[macro_use]
mod common;

use common::{sample, TestValue, Tolerances};
use gpu::{Array, ConvolveMode, DType, Device, Element, Error};

/// NumPy's slicing of the full result, by its rules.
fn slice_mode(full: Vec<f64>, n: usize, k: usize, mode: ConvolveMode) -> Vec<f64> {
    let (long, short) = (n.max(k), n.min(k));
    match mode {
        ConvolveMode::Full => full,
        ConvolveMode::Same => full[(short - 1) / 2..(short - 1) / 2 + long].to_vec(),
        ConvolveMode::Valid => full[short - 1..long].to_vec(),
    }
}

/// Direct double loop: full[j] = Σ_m a[m] v[j - m], plus Σ|terms| per output.
fn full_convolution(a: &[f64], v: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let len = a.len() + v.len() - 1;
    let (mut out, mut mag) = (vec![0.0; len], vec![0.0; len]);
    for (m, &x) in a.iter().enumerate() {
        for (t, &y) in v.iter().enumerate() {
            out[m + t] += x * y;
            mag[m + t] += (x * y).abs();
        }
    }
    (out, mag)
}

/// Two inputs, convolve (true) or correlate, the mode, NumPy's output.
type Case<'a> = (&'a Array<f64>, &'a Array<f64>, bool, ConvolveMode, Vec<f64>);

fn check<T: TestValue + Tolerances>(got: &Array<T>, want: &[f64], mag: &[f64], k: usize, what: &str) {
    let g = got.to_vec().expect("download");
    assert_eq!(g.len(), want.len(), "{what}: length");
    for (i, (x, (&w, &m))) in g.iter().zip(want.iter().zip(mag)).enumerate() {
        let w = match T::DTYPE {
            DType::U32 => w as i64 as u32 as f64, // wrapping, as the library's integers
            _ => w,
        };
        let bound = T::DOT_C * k as f64 * T::EPS * m;
        assert!((x.f64() - w).abs() <= bound, "{what}: element {i}: got {x:?}, want {w} (bound {bound})");
    }
}

fn sweep<T: TestValue + Tolerances + Element>(dev: &Device) -> gpu::Result<()> {
    let modes = [ConvolveMode::Full, ConvolveMode::Same, ConvolveMode::Valid];
    for n in 1..=17usize {
        for k in [1usize, 2, 3, 4, 7, 16, 17] {
            let (ha, hv) = (sample::<T>(n, n as u64), sample::<T>(k, 100 + k as u64));
            let a = Array::from_vec(ha.clone(), [n])?.to(dev)?;
            let v = Array::from_vec(hv.clone(), [k])?.to(dev)?;
            let (af, vf): (Vec<f64>, Vec<f64>) =
                (ha.iter().map(|x| x.f64()).collect(), hv.iter().map(|x| x.f64()).collect());
            let (full, mag) = full_convolution(&af, &vf);
            // correlate(a, v) = convolve(a, v[::-1]); reversed when a is the shorter.
            let vr: Vec<f64> = vf.iter().rev().copied().collect();
            let (cfull, cmag) = if n >= k {
                full_convolution(&af, &vr)
            } else {
                let ar: Vec<f64> = af.iter().rev().copied().collect();
                full_convolution(&vf, &ar)
            };
            for mode in modes {
                let what = format!("{} convolve n={n} k={k} {mode:?}", T::DTYPE);
                let want = slice_mode(full.clone(), n, k, mode);
                let m = slice_mode(mag.clone(), n, k, mode);
                check(&gpu::convolve(&a, &v, mode)?, &want, &m, k.min(n), &what);
                let mut want = slice_mode(cfull.clone(), n, k, mode);
                let mut m = slice_mode(cmag.clone(), n, k, mode);
                if n < k {
                    want.reverse();
                    m.reverse();
                }
                check(
                    &gpu::correlate(&a, &v, mode)?,
                    &want,
                    &m,
                    k.min(n),
                    &format!("{} correlate n={n} k={k} {mode:?}", T::DTYPE),
                );
            }
        }
    }
    Ok(())
}

backend_tests! {
    fn matches_numpy(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        let a = Array::from_vec(vec![1.0f64, 2.0, 3.0, 4.0, 5.0], [5])?.to(dev)?;
        let v = Array::from_vec(vec![1.0f64, 0.0, -1.5], [3])?.to(dev)?;
        let w = Array::from_vec(vec![1.0f64, 2.0, 3.0, 4.0], [4])?.to(dev)?;
        // Printed by NumPy 2.4.
        let cases: [Case; 9] = [
            (&a, &v, true, ConvolveMode::Full, vec![1.0, 2.0, 1.5, 1.0, 0.5, -6.0, -7.5]),
            (&v, &a, true, ConvolveMode::Same, vec![2.0, 1.5, 1.0, 0.5, -6.0]),
            (&a, &v, false, ConvolveMode::Full, vec![-1.5, -3.0, -3.5, -4.0, -4.5, 4.0, 5.0]),
            (&v, &a, false, ConvolveMode::Same, vec![4.0, -4.5, -4.0, -3.5, -3.0]),
            (&a, &v, false, ConvolveMode::Valid, vec![-3.5, -4.0, -4.5]),
            (&a, &w, true, ConvolveMode::Same, vec![4.0, 10.0, 20.0, 30.0, 34.0]),
            (&a, &w, false, ConvolveMode::Same, vec![11.0, 20.0, 30.0, 40.0, 26.0]),
            (&w, &a, false, ConvolveMode::Same, vec![26.0, 40.0, 30.0, 20.0, 11.0]),
            (&w, &a, false, ConvolveMode::Full, vec![5.0, 14.0, 26.0, 40.0, 30.0, 20.0, 11.0, 4.0]),
        ];
        for (x, y, conv, mode, want) in cases {
            let got = if conv { gpu::convolve(x, y, mode)? } else { gpu::correlate(x, y, mode)? };
            assert_eq!(got.to_vec()?, want, "{} {mode:?} of {:?} and {:?}", if conv { "convolve" } else { "correlate" }, x.shape(), y.shape());
        }
        Ok(())
    }

    fn every_mode_and_length_f32(dev) { sweep::<f32>(dev) }
    fn every_mode_and_length_f64(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        sweep::<f64>(dev)
    }
    fn every_mode_and_length_i32(dev) { sweep::<i32>(dev) }
    fn every_mode_and_length_u32(dev) { sweep::<u32>(dev) }

    fn sliding_windows(dev) {
        let a = Array::from_vec((0..12).collect::<Vec<i32>>(), [3, 4])?.to(dev)?;
        let w = a.sliding_window_view(2, 1)?;
        assert_eq!(w.shape(), &[3, 3, 2]);
        let want: Vec<i32> = (0..3).flat_map(|r| (0..3).flat_map(move |c| [r * 4 + c, r * 4 + c + 1])).collect();
        assert_eq!(w.contiguous()?.to_vec()?, want);
        let w0 = a.sliding_window_view(3, -2)?;
        assert_eq!(w0.shape(), &[1, 4, 3]);
        assert_eq!(w0.sum_axis(-1, false)?.to_vec()?, vec![12, 15, 18, 21], "column sums through the window axis");
        // Windows of a transposed view, and the whole axis as one window.
        let t = a.t().sliding_window_view(3, 1)?;
        assert_eq!(t.shape(), &[4, 1, 3]);
        assert_eq!(t.contiguous()?.to_vec()?, a.t().contiguous()?.to_vec()?);
        assert_eq!(a.sliding_window_view(0, 1)?.shape(), &[3, 5, 0]);
        // Writing copies first: the base keeps its values.
        let mut m = a.sliding_window_view(2, 1)?;
        m.add_scalar_assign_(100)?;
        assert_eq!(a.to_vec()?, (0..12).collect::<Vec<i32>>());
        assert_eq!(m.index_axis(0, 0)?.index_axis(0, 1)?.to_vec()?, vec![101, 102]);
        assert!(matches!(a.sliding_window_view(5, 1), Err(Error::InvalidArgument { op: "sliding_window_view", .. })));
        assert!(matches!(a.sliding_window_view(1, 2), Err(Error::AxisOutOfRange { .. })));
        Ok(())
    }

    fn convolution_errors(dev) {
        let a = Array::<f32>::ones([4], dev)?;
        let e = Array::<f32>::zeros([0], dev)?;
        let m = Array::<f32>::ones([2, 2], dev)?;
        assert!(matches!(gpu::convolve(&a, &e, ConvolveMode::Full), Err(Error::InvalidArgument { op: "convolve", .. })));
        assert!(matches!(gpu::correlate(&m, &a, ConvolveMode::Valid), Err(Error::InvalidArgument { op: "correlate", .. })));
        if dev.kind() != gpu::DeviceKind::Cpu {
            let h = Array::<f32>::ones([2], &Device::cpu())?;
            assert!(matches!(gpu::convolve(&a, &h, ConvolveMode::Same), Err(Error::DeviceMismatch { .. })));
        }
        Ok(())
    }
}
