//! `gradient`, `trapezoid`/`trapezoid_x`, `vander`, `polyval`, `polyfit`,
//! `unravel_index`, `ravel_multi_index`, `round_decimals` and
//! `cumulative_sum`/`cumulative_prod` on every backend, against host formulas in
//! f64 and NumPy 2.4's results for fixed inputs.

#[macro_use]
mod common;

use common::{f64s, noise, to_t, TestValue};
use gpu::{Array, DType, Device, Error, Float};

#[track_caller]
fn close(got: &[f64], want: &[f64], tol: f64, what: &str) {
    assert_eq!(got.len(), want.len(), "{what}: length");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!((g - w).abs() <= tol * (1.0 + w.abs()), "{what}: element {i}: got {g}, want {w}");
    }
}

fn calculus<T: TestValue + Float>(dev: &Device, tol: f64) -> gpu::Result<()> {
    let ty = T::DTYPE;
    // [4, 7] samples; derivatives along both axes against the host formulas.
    let (r, c) = (4, 7);
    let h: Vec<f64> = to_t::<T>(&noise(r * c, 3)).iter().map(|x| x.f64()).collect();
    let a = Array::from_vec(to_t::<T>(&h), [r, c])?.to(dev)?;
    let at = |i: usize, j: usize| h[i * c + j];
    for (edge, spacing) in [(1usize, 0.5), (2, 0.25)] {
        // Along axis 1 (rows of 7).
        let want: Vec<f64> = (0..r)
            .flat_map(|i| {
                (0..c).map(move |j| {
                    let d = |p: usize, q: usize| at(i, p) - at(i, q);
                    match (j, edge) {
                        (0, 1) => d(1, 0) / spacing,
                        (0, _) => (-3.0 * at(i, 0) + 4.0 * at(i, 1) - at(i, 2)) / (2.0 * spacing),
                        (j, 1) if j == c - 1 => d(c - 1, c - 2) / spacing,
                        (j, _) if j == c - 1 => {
                            (3.0 * at(i, c - 1) - 4.0 * at(i, c - 2) + at(i, c - 3)) / (2.0 * spacing)
                        }
                        (j, _) => d(j + 1, j - 1) / (2.0 * spacing),
                    }
                })
            })
            .collect();
        close(
            &f64s(&a.gradient(-1, spacing, edge)?),
            &want,
            tol / spacing,
            &format!("{ty} gradient axis 1 edge {edge}"),
        );
        // Along axis 0 of the transpose: the same numbers, transposed.
        let g0 = a.t().gradient(0, spacing, edge)?;
        assert_eq!(g0.shape(), &[c, r]);
        close(&f64s(&g0.t()), &want, tol / spacing, &format!("{ty} gradient of a view, edge {edge}"));
    }
    // NumPy: np.gradient([1, 4, 9, 16, 25], 2.0) = [1.5, 2, 3, 4, 4.5], edge_order=2: [1, 2, 3, 4, 5].
    let sq = Array::from_vec(to_t::<T>(&[1.0, 4.0, 9.0, 16.0, 25.0]), [5])?.to(dev)?;
    close(&f64s(&sq.gradient(0, 2.0, 1)?), &[1.5, 2.0, 3.0, 4.0, 4.5], tol, "numpy gradient");
    close(&f64s(&sq.gradient(0, 2.0, 2)?), &[1.0, 2.0, 3.0, 4.0, 5.0], tol, "numpy gradient edge 2");
    let two = Array::from_vec(to_t::<T>(&[1.0, 3.0]), [2])?.to(dev)?;
    close(&f64s(&two.gradient(0, 1.0, 1)?), &[2.0, 2.0], tol, "two samples");
    for (x, edge, sp) in [(&two, 2usize, 1.0), (&two, 3, 1.0), (&two, 1, 0.0), (&two, 1, f64::NAN)] {
        assert!(matches!(x.gradient(0, sp, edge), Err(Error::InvalidArgument { op: "gradient", .. })), "{edge} {sp}");
    }

    // trapezoid: dx and positions.
    let want: Vec<f64> = (0..r).map(|i| (0..c - 1).map(|j| (at(i, j) + at(i, j + 1)) * 0.3 / 2.0).sum()).collect();
    close(&f64s(&a.trapezoid(0.3, -1)?), &want, tol, &format!("{ty} trapezoid"));
    let xs: Vec<f64> = (0..c).map(|j| (j * j) as f64 / 10.0).collect();
    let want_x: Vec<f64> =
        (0..r).map(|i| (0..c - 1).map(|j| (xs[j + 1] - xs[j]) * (at(i, j) + at(i, j + 1)) / 2.0).sum()).collect();
    let x = Array::from_vec(to_t::<T>(&xs), [c])?.to(dev)?;
    close(&f64s(&a.trapezoid_x(&x, 1)?), &want_x, tol, &format!("{ty} trapezoid_x (1-D x)"));
    let x_full = x.broadcast_to([r, c])?;
    close(&f64s(&a.trapezoid_x(&x_full, 1)?), &want_x, tol, &format!("{ty} trapezoid_x (x of y's shape)"));
    // Along axis 0: columns.
    let want0: Vec<f64> = (0..c).map(|j| (0..r - 1).map(|i| (at(i, j) + at(i + 1, j)) / 2.0).sum()).collect();
    close(&f64s(&a.trapezoid(1.0, 0)?), &want0, tol, &format!("{ty} trapezoid axis 0"));
    // NumPy: np.trapezoid([1, 2, 3], x=[4, 6, 8]) = 8.
    let y3 = Array::from_vec(to_t::<T>(&[1.0, 2.0, 3.0]), [3])?.to(dev)?;
    let x3 = Array::from_vec(to_t::<T>(&[4.0, 6.0, 8.0]), [3])?.to(dev)?;
    assert_eq!(y3.trapezoid_x(&x3, 0)?.item()?.f64(), 8.0);
    assert_eq!(y3.slice(0, None, Some(1), 1)?.trapezoid(1.0, 0)?.item()?.f64(), 0.0, "one sample");
    assert!(matches!(a.trapezoid_x(&x3, 1), Err(Error::InvalidArgument { .. })));
    Ok(())
}

fn polynomials<T: TestValue + Float>(dev: &Device, tol: f64) -> gpu::Result<()> {
    let ty = T::DTYPE;
    let hx = [-1.5, -0.5, 0.0, 0.25, 1.0, 2.0];
    let x = Array::from_vec(to_t::<T>(&hx), [6])?.to(dev)?;
    // vander: decreasing and increasing powers.
    let v = f64s(&gpu::vander(&x, 4, false)?);
    let want: Vec<f64> = hx.iter().flat_map(|&t| (0..4).rev().map(move |k| f64::powi(t, k))).collect();
    close(&v, &want, tol, &format!("{ty} vander"));
    let vi = f64s(&gpu::vander(&x, 4, true)?);
    let want_i: Vec<f64> = hx.iter().flat_map(|&t| (0..4).map(move |k| f64::powi(t, k))).collect();
    close(&vi, &want_i, tol, &format!("{ty} vander increasing"));
    assert_eq!(gpu::vander(&x, 0, false)?.shape(), &[6, 0]);
    // polyval: Horner against the host.
    let hp = [0.5, -2.0, 0.0, 3.0];
    let p = Array::from_vec(to_t::<T>(&hp), [4])?.to(dev)?;
    let want_y: Vec<f64> = hx.iter().map(|&t| hp.iter().fold(0.0, |acc, &c| acc * t + c)).collect();
    close(&f64s(&gpu::polyval(&p, &x)?), &want_y, tol, &format!("{ty} polyval"));
    let grid = x.reshape([2, 3])?;
    assert_eq!(gpu::polyval(&p, &grid)?.shape(), &[2, 3]);
    // polyfit recovers the polynomial from exact samples, 1-D and 2-D y.
    let y = gpu::polyval(&p, &x)?;
    close(&f64s(&gpu::polyfit(&x, &y, 3)?), &hp, 100.0 * tol, &format!("{ty} polyfit"));
    let y2 = gpu::stack(&[y.clone(), y.mul_scalar(T::from_f64(2.0))?], 1)?; // [6, 2]
    let c2 = f64s(&gpu::polyfit(&x, &y2, 3)?);
    let want_c2: Vec<f64> = hp.iter().flat_map(|&c| [c, 2.0 * c]).collect();
    close(&c2, &want_c2, 100.0 * tol, &format!("{ty} polyfit of two columns"));
    // NumPy: np.polyfit([0, 1, 2, 3], [1, 2, 2, 5], 1) = [1.1, 0.9] (least squares, not exact).
    let xa = Array::from_vec(to_t::<T>(&[0.0, 1.0, 2.0, 3.0]), [4])?.to(dev)?;
    let ya = Array::from_vec(to_t::<T>(&[1.0, 2.0, 2.0, 5.0]), [4])?.to(dev)?;
    close(&f64s(&gpu::polyfit(&xa, &ya, 1)?), &[1.2, 0.7], 100.0 * tol, &format!("{ty} NumPy polyfit"));
    assert!(matches!(gpu::polyfit(&grid, &y, 1), Err(Error::InvalidArgument { op: "polyfit", .. })));
    assert!(matches!(gpu::polyval(&grid, &x), Err(Error::InvalidArgument { op: "polyval", .. })));
    assert!(matches!(gpu::vander(&grid, 2, false), Err(Error::InvalidArgument { op: "vander", .. })));
    Ok(())
}

fn ravel(dev: &Device) -> gpu::Result<()> {
    let shape = [3usize, 4, 5];
    let flat: Vec<u32> = (0..60).rev().step_by(7).collect();
    let idx = Array::from_vec(flat.clone(), [flat.len()])?.to(dev)?;
    let coords = gpu::unravel_index(&idx, &shape)?;
    assert_eq!(coords.len(), 3);
    let want: Vec<[u32; 3]> = flat.iter().map(|&f| [f / 20, f / 5 % 4, f % 5]).collect();
    for (k, c) in coords.iter().enumerate() {
        assert_eq!(c.to_vec()?, want.iter().map(|w| w[k]).collect::<Vec<_>>(), "axis {k}");
    }
    let refs: Vec<&Array<u32>> = coords.iter().collect();
    assert_eq!(gpu::ravel_multi_index(&refs, &shape)?.to_vec()?, flat, "round trip");
    // Broadcast coordinates: a row index against every column.
    let row = Array::scalar(2u32, dev)?;
    let cols = Array::from_vec(vec![0u32, 1, 2, 3], [4])?.to(dev)?;
    assert_eq!(gpu::ravel_multi_index(&[&row, &cols], &[3, 4])?.to_vec()?, [8, 9, 10, 11]);
    // NumPy: np.unravel_index(22, (7, 6)) = (3, 4).
    let rc = gpu::unravel_index(&Array::scalar(22u32, dev)?, &[7, 6])?;
    assert_eq!((rc[0].item()?, rc[1].item()?), (3, 4));
    // Errors: out of range (downloaded check), coordinate count, sizes past u32.
    let big = Array::from_vec(vec![60u32], [1])?.to(dev)?;
    assert!(matches!(gpu::unravel_index(&big, &shape), Err(Error::InvalidArgument { .. })));
    assert!(matches!(
        gpu::ravel_multi_index(&[&row, &Array::scalar(4u32, dev)?], &[3, 4]),
        Err(Error::InvalidArgument { .. })
    ));
    assert!(matches!(gpu::ravel_multi_index(&[&row], &[3, 4]), Err(Error::InvalidArgument { .. })));
    assert!(matches!(gpu::unravel_index(&big, &[1 << 20, 1 << 20]), Err(Error::InvalidArgument { .. })));
    assert_eq!(gpu::unravel_index(&Array::<u32>::zeros([0], dev)?, &shape)?[0].shape(), &[0]);
    Ok(())
}

/// `round_decimals` against the same formula on the host in `T` (NumPy's), and NumPy's
/// results; `cumulative_sum`/`cumulative_prod` against host running sums.
fn rounding_and_running<T: TestValue + Float>(dev: &Device) -> gpu::Result<()> {
    let ty = T::DTYPE;
    let h: Vec<T> = to_t::<T>(&noise(500, 8).iter().map(|x| x * 1000.0).collect::<Vec<_>>());
    let a = Array::from_vec(h.clone(), [500])?.to(dev)?;
    for d in [-2i32, -1, 1, 2, 3] {
        let s = T::from_f64(10f64.powi(d.abs()));
        // Half to even on the host, in T's arithmetic.
        let rint = |x: f64| -> f64 {
            let r = x.round();
            if (x - x.trunc()).abs() == 0.5 {
                2.0 * (x / 2.0).round()
            } else {
                r
            }
        };
        let want: Vec<f64> = h
            .iter()
            .map(|&x| {
                let x = x.f64();
                let s = s.f64();
                if d > 0 {
                    T::of_f64(rint(T::of_f64(x * s).f64())).f64() / s
                } else {
                    T::of_f64(rint(T::of_f64(x / s).f64())).f64() * s
                }
            })
            .map(|v| T::of_f64(v).f64())
            .collect();
        close(&f64s(&a.round_decimals(d)?), &want, 0.0, &format!("{ty} round_decimals({d})"));
    }
    // NumPy 2.4: np.round([2.675, 1.005, -0.125, 0.285], 2) = [2.68, 1.0, -0.12, 0.28] (f64 and f32).
    let b = Array::from_vec(to_t::<T>(&[2.675, 1.005, -0.125, 0.285]), [4])?.to(dev)?;
    let want: Vec<f64> = to_t::<T>(&[2.68, 1.0, -0.12, 0.28]).iter().map(|x| x.f64()).collect();
    assert_eq!(f64s(&b.round_decimals(2)?), want, "{ty} NumPy's round");
    // cumulative_sum / cumulative_prod with and without the initial element.
    let m = Array::from_vec(to_t::<T>(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]), [2, 3])?.to(dev)?;
    assert_eq!(f64s(&m.cumulative_sum(1, true)?), [0.0, 1.0, 3.0, 6.0, 0.0, 4.0, 9.0, 15.0]);
    assert_eq!(m.cumulative_sum(0, true)?.shape(), &[3, 3]);
    assert_eq!(f64s(&m.cumulative_sum(0, false)?), [1.0, 2.0, 3.0, 5.0, 7.0, 9.0]);
    assert_eq!(f64s(&m.cumulative_prod(-1, true)?), [1.0, 1.0, 2.0, 6.0, 1.0, 4.0, 20.0, 120.0]);
    assert!(matches!(m.cumulative_sum(2, true), Err(Error::AxisOutOfRange { .. })));
    Ok(())
}

/// The composed ufuncs against Rust's f64 functions, with the transcendental tolerance
/// of `T`, over values from tiny to huge, and their special values.
fn composed_ufuncs<T: TestValue + Float + common::Tolerances>(dev: &Device) -> gpu::Result<()> {
    let ty = T::DTYPE;
    let tol = T::TRANSCENDENTAL;
    let mags = [1e-30, 1e-8, 1e-3, 0.1, 0.5, 0.9, 0.999, 1.0, 1.5, 3.0, 50.0, 1e4, 1e8, 1e30];
    let xs: Vec<f64> = mags.iter().flat_map(|&m| [m, -m]).map(|v| T::of_f64(v).f64()).collect();
    let x = Array::from_vec(to_t::<T>(&xs), [xs.len()])?.to(dev)?;
    let check = |got: &Array<T>, f: &dyn Fn(f64) -> f64, what: &str| {
        for (g, &v) in f64s(got).iter().zip(&xs) {
            let w = T::of_f64(f(v)).f64();
            let ok = if w.is_nan() {
                g.is_nan()
            } else if w.is_infinite() {
                *g == w
            } else {
                (g - w).abs() <= tol.abs + tol.rel * w.abs()
            };
            assert!(ok, "{ty} {what}({v:e}): got {g:e}, want {w:e}");
        }
    };
    check(&x.asinh()?, &f64::asinh, "asinh");
    check(&x.acosh()?, &f64::acosh, "acosh");
    check(&x.atanh()?, &f64::atanh, "atanh");
    check(&x.cbrt()?, &f64::cbrt, "cbrt");
    check(&x.deg2rad()?, &f64::to_radians, "deg2rad");
    check(&x.rad2deg()?, &f64::to_degrees, "rad2deg");
    let pi = std::f64::consts::PI;
    // sinc against sin(π·f)·(−1)^n/(πx), n = round(x), f = x − n (exact), in f64: the
    // host's own sin(πx) rounds πx first and is no reference for large x.
    for (g, &v) in f64s(&x.sinc()?).iter().zip(&xs) {
        let n = v.round();
        let sign = if n.rem_euclid(2.0) == 1.0 { -1.0 } else { 1.0 };
        let w = T::of_f64(if v == 0.0 { 1.0 } else { sign * (pi * (v - n)).sin() / (pi * v) }).f64();
        assert!((g - w).abs() <= tol.abs + tol.rel * w.abs(), "{ty} sinc({v:e}): got {g:e}, want {w:e}");
    }
    // Zero at the nonzero integers, and large non-integers to their last digits.
    let ints = Array::from_vec(to_t::<T>(&[1.0, -1.0, 2.0, 7.0, -1e6, 16777216.0]), [6])?.to(dev)?;
    assert!(f64s(&ints.sinc()?).iter().all(|&g| g == 0.0), "{ty} sinc at integers: {:?}", f64s(&ints.sinc()?));
    let big: Vec<f64> = [5598448.5, -1234567.25, 8388607.5, 3e6 + 0.125].iter().map(|&v| T::of_f64(v).f64()).collect();
    for (g, &v) in f64s(&Array::from_vec(to_t::<T>(&big), [4])?.to(dev)?.sinc()?).iter().zip(&big) {
        let n = v.round();
        let sign = if n.rem_euclid(2.0) == 1.0 { -1.0 } else { 1.0 };
        let w = T::of_f64(sign * (pi * (v - n)).sin() / (pi * v)).f64();
        assert!((g - w).abs() <= tol.rel * w.abs(), "{ty} sinc({v:e}): got {g:e}, want {w:e}");
    }
    // logaddexp against the reversed values: ln(e^a + e^b) computed stably in f64.
    let rev: Vec<f64> = xs.iter().rev().copied().collect();
    let y = Array::from_vec(to_t::<T>(&rev), [rev.len()])?.to(dev)?;
    let lae = |a: f64, b: f64| a.max(b) + (-(a - b).abs()).exp().ln_1p();
    for (k, (g, g2)) in f64s(&x.logaddexp(&y)?).iter().zip(f64s(&x.logaddexp2(&y)?)).enumerate() {
        let (a, b) = (xs[k], rev[k]);
        let (w, w2) = (lae(a, b), a.max(b) + (-(a - b).abs()).exp2().ln_1p() / std::f64::consts::LN_2);
        assert!((g - w).abs() <= tol.abs + tol.rel * w.abs(), "{ty} logaddexp({a}, {b}): {g} vs {w}");
        assert!((g2 - w2).abs() <= tol.abs + tol.rel * w2.abs(), "{ty} logaddexp2({a}, {b}): {g2} vs {w2}");
    }
    // Special values.
    let sp = Array::from_vec(to_t::<T>(&[f64::INFINITY, f64::NEG_INFINITY, f64::NAN, 0.0]), [4])?.to(dev)?;
    let s = |a: Array<T>| f64s(&a);
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let same = |got: Vec<f64>, want: [f64; 4], what: &str| {
        assert!(
            got.iter().zip(want).all(|(g, w)| g == &w || (g.is_nan() && w.is_nan())),
            "{ty} {what}: {got:?} vs {want:?}"
        );
    };
    same(s(sp.asinh()?), [inf, -inf, nan, 0.0], "asinh");
    same(s(sp.acosh()?), [inf, nan, nan, nan], "acosh");
    same(s(sp.atanh()?), [nan, nan, nan, 0.0], "atanh");
    same(s(sp.cbrt()?), [inf, -inf, nan, 0.0], "cbrt");
    same(s(sp.logaddexp(&sp)?), [inf, -inf, nan, T::of_f64(std::f64::consts::LN_2).f64()], "logaddexp");
    same(s(sp.heaviside(T::of_f64(0.5))?), [1.0, 0.0, nan, 0.5], "heaviside");
    let max = if ty == DType::F32 { f64::from(f32::MAX) } else { f64::MAX };
    same(s(sp.nan_to_num(T::of_f64(-7.0), None, None)?), [max, -max, -7.0, 0.0], "nan_to_num");
    // clip with array bounds, broadcast.
    let lo = Array::from_vec(to_t::<T>(&[-1.0, 0.0]), [2, 1])?.to(dev)?;
    let hi = Array::scalar(T::of_f64(0.5), dev)?;
    let c = sp.clip_arrays(&lo, &hi)?;
    assert_eq!(c.shape(), &[2, 4]);
    let c = f64s(&c);
    assert!(c[..2] == [0.5, -1.0] && c[2].is_nan() && c[3] == 0.0 && c[4..6] == [0.5, 0.0], "{ty} clip_arrays: {c:?}");
    Ok(())
}

backend_tests! {
    fn ufuncs_f32(dev) { composed_ufuncs::<f32>(dev) }
    fn ufuncs_f64(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        composed_ufuncs::<f64>(dev)
    }

    fn rounding_f32(dev) { rounding_and_running::<f32>(dev) }
    fn rounding_f64(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        rounding_and_running::<f64>(dev)
    }

    fn calculus_f32(dev) { calculus::<f32>(dev, 1e-5) }
    fn calculus_f64(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        calculus::<f64>(dev, 1e-12)
    }
    fn polynomials_f32(dev) { polynomials::<f32>(dev, 1e-5) }
    fn polynomials_f64(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        polynomials::<f64>(dev, 1e-12)
    }
    fn ravel_and_unravel(dev) { ravel(dev) }
}
