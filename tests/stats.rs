//! Quantiles, medians (and their NaN-ignoring forms), NaN-ignoring reductions,
//! histograms and `isclose`/`allclose` on every backend against host references
//! written from NumPy's definitions: both axes of odd and even lengths, `keepdims`,
//! transposed (non-contiguous) input, NaN slices, all-NaN slices, infinities,
//! broadcasting, and the errors. The functions are composed from
//! sort/partition/where/reductions, so every backend runs them; the tolerance is a few
//! ulp of the data's magnitude (one interpolation or one mean of two).

#[macro_use]
mod common;

use common::{assert_array, noise, Tol, Tolerances};
use gpu::{Array, Device, Error, Float, QuantileMethod};

/// Data in [-1, 1), so `Tol { abs: 4·eps, rel: 4·eps }` bounds one lerp's rounding.
const METHODS: [QuantileMethod; 5] = [
    QuantileMethod::Linear,
    QuantileMethod::Lower,
    QuantileMethod::Higher,
    QuantileMethod::Nearest,
    QuantileMethod::Midpoint,
];

fn tol<F: Tolerances>() -> Tol {
    Tol { abs: 4.0 * F::EPS, rel: 4.0 * F::EPS }
}

/// NumPy's `quantile(method="linear")` of one slice (this crate returns the order
/// statistic itself at whole positions).
fn host_quantile(v: Vec<f64>, q: f64) -> f64 {
    host_quantile_with(v, q, QuantileMethod::Linear)
}

/// NumPy's `quantile(method=...)` of one slice: `lower`/`higher` floor and ceil the
/// position, `nearest` rounds it half to even (`np.around`), `midpoint` weighs 0.5.
fn host_quantile_with(mut v: Vec<f64>, q: f64, method: QuantileMethod) -> f64 {
    if v.iter().any(|x| x.is_nan()) {
        return f64::NAN;
    }
    v.sort_by(|a, b| a.partial_cmp(b).expect("no NaN"));
    let pos = q * (v.len() - 1) as f64;
    let lo = pos.floor() as usize;
    let frac = pos - lo as f64;
    let t = match method {
        QuantileMethod::Linear => frac,
        QuantileMethod::Lower => 0.0,
        QuantileMethod::Higher => pos.ceil() - lo as f64,
        QuantileMethod::Nearest => pos.round_ties_even() - lo as f64,
        QuantileMethod::Midpoint => {
            if frac > 0.0 {
                0.5
            } else {
                0.0
            }
        }
    };
    if t == 0.0 || lo + 1 == v.len() {
        return v[lo];
    }
    if t == 1.0 {
        return v[lo + 1];
    }
    let (a, b) = (v[lo], v[lo + 1]);
    if t >= 0.5 {
        b - (b - a) * (1.0 - t)
    } else {
        a + (b - a) * t
    }
}

fn host_median(mut v: Vec<f64>) -> f64 {
    if v.iter().any(|x| x.is_nan()) {
        return f64::NAN;
    }
    v.sort_by(|a, b| a.partial_cmp(b).expect("no NaN"));
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// The slices of a row-major `[r, c]` matrix along `axis`.
fn slices(data: &[f64], r: usize, c: usize, axis: usize) -> Vec<Vec<f64>> {
    if axis == 1 {
        (0..r).map(|i| data[i * c..(i + 1) * c].to_vec()).collect()
    } else {
        (0..c).map(|j| (0..r).map(|i| data[i * c + j]).collect()).collect()
    }
}

fn quantiles<F: Float + Tolerances>(dev: &Device) -> gpu::Result<()> {
    let (r, c) = (7, 6);
    let mut data = noise(r * c, 3);
    data[2 * c + 4] = f64::NAN; // row 2 and column 4 hold a NaN
    let a = Array::from_vec(data.iter().map(|&x| F::from_f64(x)).collect(), [r, c])?.to(dev)?;
    let stored: Vec<f64> = a.to_vec()?.into_iter().map(|x: F| x.to_f64()).collect();
    for axis in [0usize, 1] {
        let s = slices(&stored, r, c, axis);
        let kept: Vec<usize> = if axis == 0 { vec![1, c] } else { vec![r, 1] };
        for q in [0.0, 0.1, 0.25, 0.5, 0.9, 1.0] {
            let want: Vec<F> = s.iter().map(|v| F::from_f64(host_quantile(v.clone(), q))).collect();
            let got = a.quantile_axis(q, axis as isize, false)?;
            assert_eq!(got.device(), dev);
            assert_array(&got, &[want.len()], &want, tol::<F>(), &format!("quantile({q}) axis {axis} {}", F::DTYPE));
            let got = a.quantile_axis(q, axis as isize - 2, true)?;
            assert_array(&got, &kept, &want, tol::<F>(), &format!("quantile({q}) axis {axis} keepdims"));
            let got = a.percentile_axis(q * 100.0, axis as isize, false)?;
            assert_array(&got, &[want.len()], &want, tol::<F>(), &format!("percentile({}) axis {axis}", q * 100.0));
        }
        let want: Vec<F> = s.iter().map(|v| F::from_f64(host_median(v.clone()))).collect();
        assert_array(&a.median_axis(axis as isize, false)?, &[want.len()], &want, tol::<F>(), "median_axis");
        for method in METHODS {
            // Positions 0.5·5 = 2.5 and 0.5·6 = 3 (ties to even), 0.3·5 = 1.5, and whole.
            for q in [0.3, 0.5, 0.9, 1.0] {
                let want: Vec<F> = s.iter().map(|v| F::from_f64(host_quantile_with(v.clone(), q, method))).collect();
                let got = a.quantile_axis_with(q, axis as isize, false, method)?;
                assert_array(&got, &[want.len()], &want, tol::<F>(), &format!("quantile({q}, {method:?}) axis {axis}"));
            }
        }
    }
    // NumPy 2.4's values: np.quantile(range(1, 7), q, method=...) (ties to the even position).
    let six = Array::from_vec((1..=6).map(|x| F::from_f64(f64::from(x))).collect(), [6])?.to(dev)?;
    for (q, method, want) in [
        (0.3, QuantileMethod::Nearest, 3.0),
        (0.5, QuantileMethod::Nearest, 3.0),
        (0.7, QuantileMethod::Nearest, 5.0),
        (0.9, QuantileMethod::Nearest, 5.0),
        (0.3, QuantileMethod::Midpoint, 2.5),
        (0.5, QuantileMethod::Midpoint, 3.5),
        (1.0, QuantileMethod::Midpoint, 6.0),
    ] {
        let got = six.quantile_axis_with(q, 0, false, method)?.item()?.to_f64();
        assert_eq!(got, want, "np.quantile(1..=6, {q}, method={method:?})");
    }
    // A transposed view sorts along its own axes.
    let t = a.t();
    let want: Vec<F> = slices(&stored, r, c, 0).into_iter().map(|v| F::from_f64(host_median(v))).collect();
    assert_array(&t.median_axis(1, false)?, &[c], &want, tol::<F>(), "median of a transposed view");
    // Whole-array forms, without the NaN.
    let clean = Array::from_vec(noise(r * c, 4).iter().map(|&x| F::from_f64(x)).collect(), [r, c])?.to(dev)?;
    let all: Vec<f64> = clean.to_vec()?.into_iter().map(|x: F| x.to_f64()).collect();
    for q in [0.0, 0.37, 0.5, 1.0] {
        let got = clean.quantile(q)?;
        assert_eq!(got.shape(), &[] as &[usize]);
        assert_array(&got, &[], &[F::from_f64(host_quantile(all.clone(), q))], tol::<F>(), &format!("quantile({q})"));
    }
    assert_array(&clean.median()?, &[], &[F::from_f64(host_median(all.clone()))], tol::<F>(), "median");
    assert_array(&clean.percentile(50.0)?, &[], &[F::from_f64(host_quantile(all, 0.5))], tol::<F>(), "percentile(50)");
    Ok(())
}

/// `nanquantile`/`nanmedian`: each slice's own count of numbers (NaNs anywhere in it, a
/// slice of NaNs only, a slice of one number) against the host on the numbers alone.
fn nan_quantiles<F: Float + Tolerances>(dev: &Device) -> gpu::Result<()> {
    let (r, c) = (9, 8);
    let mut data = noise(r * c, 31);
    let marks = noise(r * c, 32);
    for (i, m) in marks.iter().enumerate() {
        if *m > 0.4 || i / c == 3 || (i / c == 5 && i % c != 2) {
            data[i] = f64::NAN; // ~30% NaN; row 3 all NaN; row 5 one number
        }
    }
    let a = Array::from_vec(data.iter().map(|&x| F::from_f64(x)).collect(), [r, c])?.to(dev)?;
    let stored: Vec<f64> = a.to_vec()?.into_iter().map(|x: F| x.to_f64()).collect();
    let numbers = |v: &[f64]| v.iter().copied().filter(|x| !x.is_nan()).collect::<Vec<f64>>();
    let or_nan = |v: Vec<f64>, f: &dyn Fn(Vec<f64>) -> f64| if v.is_empty() { f64::NAN } else { f(v) };
    for axis in [0usize, 1] {
        let s = slices(&stored, r, c, axis);
        let kept: Vec<usize> = if axis == 0 { vec![1, c] } else { vec![r, 1] };
        for q in [0.0, 0.1, 0.25, 0.5, 0.9, 1.0] {
            let want: Vec<F> = s.iter().map(|v| F::from_f64(or_nan(numbers(v), &|n| host_quantile(n, q)))).collect();
            let what = format!("nanquantile({q}) axis {axis} {}", F::DTYPE);
            assert_array(&a.nanquantile_axis(q, axis as isize, false)?, &[want.len()], &want, tol::<F>(), &what);
            assert_array(&a.nanpercentile_axis(q * 100.0, axis as isize - 2, true)?, &kept, &want, tol::<F>(), &what);
        }
        let want: Vec<F> = s.iter().map(|v| F::from_f64(or_nan(numbers(v), &host_median))).collect();
        assert_array(&a.nanmedian_axis(axis as isize, false)?, &[want.len()], &want, tol::<F>(), "nanmedian_axis");
        for method in METHODS {
            for q in [0.3, 0.5, 0.75] {
                let want: Vec<F> =
                    s.iter().map(|v| F::from_f64(or_nan(numbers(v), &|n| host_quantile_with(n, q, method)))).collect();
                let got = a.nanquantile_axis_with(q, axis as isize, false, method)?;
                let what = format!("nanquantile({q}, {method:?}) axis {axis}");
                assert_array(&got, &[want.len()], &want, tol::<F>(), &what);
            }
        }
    }
    let all = numbers(&stored);
    assert_array(&a.nanmedian()?, &[], &[F::from_f64(host_median(all.clone()))], tol::<F>(), "nanmedian");
    assert_array(&a.nanquantile(0.3)?, &[], &[F::from_f64(host_quantile(all.clone(), 0.3))], tol::<F>(), "nanquantile");
    assert_array(&a.nanpercentile(70.0)?, &[], &[F::from_f64(host_quantile(all, 0.7))], tol::<F>(), "nanpercentile");
    assert!(matches!(a.nanquantile(1.5), Err(Error::InvalidArgument { op: "nanquantile", .. })));
    assert!(matches!(a.nanmedian_axis(2, false), Err(Error::AxisOutOfRange { .. })));
    let empty = Array::<F>::zeros([0, 3], dev)?;
    assert!(matches!(empty.nanmedian_axis(0, false), Err(Error::EmptyReduction { .. })));
    Ok(())
}

fn nan_reductions<F: Float + Tolerances>(dev: &Device) -> gpu::Result<()> {
    let nan = f64::NAN;
    // Rows: no NaN, some NaN, all NaN.
    let rows = [[0.5, -0.25, 0.75, 1.0], [nan, 0.5, nan, -0.125], [nan, nan, nan, nan]];
    let a = Array::from_vec(rows.iter().flatten().map(|&x| F::from_f64(x)).collect(), [3, 4])?.to(dev)?;
    let finite = |r: &[f64; 4]| r.iter().copied().filter(|x| !x.is_nan()).collect::<Vec<f64>>();
    let per_row = |f: &dyn Fn(&[f64]) -> f64| rows.iter().map(|r| F::from_f64(f(&finite(r)))).collect::<Vec<F>>();
    let sum = per_row(&|v| v.iter().sum());
    let mean = per_row(&|v| v.iter().sum::<f64>() / v.len() as f64);
    let max = per_row(&|v| if v.is_empty() { f64::NAN } else { v.iter().copied().fold(f64::MIN, f64::max) });
    let min = per_row(&|v| if v.is_empty() { f64::NAN } else { v.iter().copied().fold(f64::MAX, f64::min) });
    let t = tol::<F>();
    assert_array(&a.nansum_axis(1, false)?, &[3], &sum, t, "nansum_axis");
    assert_array(&a.nanmean_axis(-1, true)?, &[3, 1], &mean, t, "nanmean_axis keepdims");
    assert_array(&a.nanmax_axis(1, false)?, &[3], &max, Tol::EXACT, "nanmax_axis");
    assert_array(&a.nanmin_axis(1, false)?, &[3], &min, Tol::EXACT, "nanmin_axis");
    // Along the other axis: column 0 is [0.5, NaN, NaN].
    let col0 = a.nanmax_axis(0, false)?.to_vec()?;
    assert_eq!(col0[0].to_f64(), 0.5);
    let all: Vec<f64> = rows.iter().flat_map(finite).collect();
    assert_array(&a.nansum()?, &[], &[F::from_f64(all.iter().sum())], t, "nansum");
    assert_array(&a.nanmean()?, &[], &[F::from_f64(all.iter().sum::<f64>() / all.len() as f64)], t, "nanmean");
    assert_array(&a.nanmax()?, &[], &[F::from_f64(1.0)], Tol::EXACT, "nanmax");
    assert_array(&a.nanmin()?, &[], &[F::from_f64(-0.25)], Tol::EXACT, "nanmin");
    let only_nan = Array::from_vec(vec![F::from_f64(nan); 3], [3])?.to(dev)?;
    assert_eq!(only_nan.nansum()?.item()?.to_f64(), 0.0);
    assert!(only_nan.nanmean()?.item()?.to_f64().is_nan());
    assert!(only_nan.nanmax()?.item()?.to_f64().is_nan());

    // nanprod, nanvar/nanstd (two-pass f64 reference), nancumsum/nancumprod.
    let prod = per_row(&|v| v.iter().product());
    let var = per_row(&|v| {
        let m = v.iter().sum::<f64>() / v.len() as f64;
        v.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / v.len() as f64
    });
    let std: Vec<F> = var.iter().map(|v| F::from_f64(v.to_f64().sqrt())).collect();
    assert_array(&a.nanprod_axis(1, false)?, &[3], &prod, t, "nanprod_axis");
    assert_array(&a.nanvar_axis(1, false)?, &[3], &var, F::MOMENTS, "nanvar_axis");
    assert_array(&a.nanstd_axis(-1, true)?, &[3, 1], &std, F::MOMENTS, "nanstd_axis keepdims");
    let all_var = {
        let m = all.iter().sum::<f64>() / all.len() as f64;
        all.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / all.len() as f64
    };
    assert_array(&a.nanprod()?, &[], &[F::from_f64(all.iter().product())], t, "nanprod");
    assert_array(&a.nanvar()?, &[], &[F::from_f64(all_var)], F::MOMENTS, "nanvar");
    assert_array(&a.nanstd()?, &[], &[F::from_f64(all_var.sqrt())], F::MOMENTS, "nanstd");
    assert_eq!(only_nan.nanprod()?.item()?.to_f64(), 1.0);
    assert!(only_nan.nanvar()?.item()?.to_f64().is_nan());
    let running = |zero: f64, f: &dyn Fn(f64, f64) -> f64| -> Vec<F> {
        rows.iter()
            .flat_map(|r| {
                let mut acc = zero;
                r.iter().map(move |&x| {
                    if !x.is_nan() {
                        acc = f(acc, x);
                    }
                    acc
                })
            })
            .map(F::from_f64)
            .collect()
    };
    assert_array(&a.nancumsum(1)?, &[3, 4], &running(0.0, &|p, x| p + x), t, "nancumsum");
    assert_array(&a.nancumprod(-1)?, &[3, 4], &running(1.0, &|p, x| p * x), t, "nancumprod");

    // nanargmax/nanargmin: NaN as ∓∞, the first extreme; an all-NaN slice is an error.
    let two = a.slice(0, Some(0), Some(2), 1)?; // rows 0 and 1
    assert_eq!(two.nanargmax_axis(1, false)?.to_vec()?, [3, 1]);
    assert_eq!(two.nanargmin_axis(1, false)?.to_vec()?, [1, 3]);
    assert_eq!(two.nanargmax()?.item()?, 3);
    assert_eq!(two.nanargmin()?.item()?, 1);
    assert_eq!(a.nanargmax_axis(0, true)?.to_vec()?, [0, 1, 0, 0]);
    for r in [a.nanargmax_axis(1, false), a.nanargmin_axis(1, false), only_nan.nanargmax(), only_nan.nanargmin()] {
        match r {
            Err(Error::InvalidArgument { reason, .. }) => assert!(reason.contains("all-NaN"), "{reason}"),
            other => panic!("an all-NaN slice: {other:?}"),
        }
    }
    let empty = Array::<F>::zeros([0, 2], dev)?;
    assert!(matches!(empty.nanargmax_axis(0, false), Err(Error::EmptyReduction { .. })));
    assert_eq!(empty.nanargmax_axis(1, false)?.shape(), &[0]);
    Ok(())
}

fn closeness<F: Float + Tolerances>(dev: &Device) -> gpu::Result<()> {
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let av = [1e10, 1.0, inf, inf, nan, 1.0, 0.0, 1e-9];
    let bv = [1.000001e10, 1.1, inf, -inf, nan, inf, 1e-9, 0.0];
    let a = Array::from_vec(av.iter().map(|&x| F::from_f64(x)).collect(), [8])?.to(dev)?;
    let b = Array::from_vec(bv.iter().map(|&x| F::from_f64(x)).collect(), [8])?.to(dev)?;
    // NumPy: np.isclose(av, bv) (rtol=1e-5, atol=1e-8).
    let want = vec![true, false, true, false, false, false, true, true];
    let got = a.isclose(&b, 1e-5, 1e-8, false)?;
    assert_eq!(got.device(), dev);
    assert_eq!(got.to_vec()?, want);
    let mut want_nan = want.clone();
    want_nan[4] = true;
    assert_eq!(a.isclose(&b, 1e-5, 1e-8, true)?.to_vec()?, want_nan);
    // Not symmetric: the tolerance scales with the second argument.
    let x = Array::from_vec(vec![F::from_f64(1.0)], [1])?.to(dev)?;
    let y = Array::from_vec(vec![F::from_f64(2.0)], [1])?.to(dev)?;
    assert_eq!(x.isclose(&y, 0.5, 0.0, false)?.to_vec()?, vec![true]);
    assert_eq!(y.isclose(&x, 0.5, 0.0, false)?.to_vec()?, vec![false]);
    // Broadcasting a [2, 1] against [3].
    let col = Array::from_vec(vec![F::from_f64(1.0), F::from_f64(2.0)], [2, 1])?.to(dev)?;
    let row = Array::from_vec([1.0, 2.0, 1.0000001].iter().map(|&v| F::from_f64(v)).collect(), [3])?.to(dev)?;
    assert_eq!(col.isclose(&row, 1e-5, 1e-8, false)?.to_vec()?, vec![true, false, true, false, true, false]);
    assert!(a.slice(0, Some(0), Some(3), 2)?.allclose(&b.slice(0, Some(0), Some(3), 2)?, 1e-5, 1e-8, false)?);
    assert!(!a.allclose(&b, 1e-5, 1e-8, true)?);
    Ok(())
}

/// Counts by NumPy's rule against the returned edges: `edges[k] <= x < edges[k + 1]`,
/// the last bin closed; outside values and NaN uncounted.
fn host_histogram(data: &[f64], edges: &[f64]) -> Vec<u32> {
    let bins = edges.len() - 1;
    let mut counts = vec![0u32; bins];
    for &x in data {
        if !(x >= edges[0] && x <= edges[bins]) {
            continue;
        }
        let k = edges.partition_point(|&e| e <= x).saturating_sub(1).min(bins - 1);
        counts[k] += 1;
    }
    counts
}

fn histograms<F: Float + Tolerances>(dev: &Device) -> gpu::Result<()> {
    let to = |v: &[f64]| Array::from_vec(v.iter().map(|&x| F::from_f64(x)).collect::<Vec<F>>(), [v.len()]);
    let f64s = |a: &Array<F>| -> gpu::Result<Vec<f64>> { Ok(a.to_vec()?.into_iter().map(|x| x.to_f64()).collect()) };
    // NumPy 2.4's answers.
    let (c, e) = to(&[1.0, 2.0, 1.0])?.to(dev)?.histogram(3, Some((0.0, 3.0)))?;
    assert_eq!((c.to_vec()?, f64s(&e)?), (vec![0, 2, 1], vec![0.0, 1.0, 2.0, 3.0]));
    let (c, e) = to(&[0.0, 0.5, 1.0, 1.5, 2.0])?.to(dev)?.histogram(2, None)?;
    assert_eq!((c.to_vec()?, f64s(&e)?), (vec![2, 3], vec![0.0, 1.0, 2.0]));
    let (c, e) = to(&[])?.to(dev)?.histogram(4, None)?;
    assert_eq!((c.to_vec()?, f64s(&e)?), (vec![0; 4], vec![0.0, 0.25, 0.5, 0.75, 1.0]));
    let (c, e) = to(&[5.0, 5.0])?.to(dev)?.histogram(2, None)?;
    assert_eq!((c.to_vec()?, f64s(&e)?), (vec![0, 2], vec![4.5, 5.0, 5.5]));
    let (c, _) = to(&[1.0, f64::NAN, 2.0, 7.0, -1.0])?.to(dev)?.histogram(2, Some((0.0, 2.0)))?;
    assert_eq!(c.to_vec()?, vec![0, 2]);
    // Random 2-D data (flattened), the data's range and a narrower one, many bins.
    let data: Vec<f64> = noise(3000, 9).into_iter().map(|x| x * 10.0).collect();
    let a = Array::from_vec(data.iter().map(|&x| F::from_f64(x)).collect::<Vec<F>>(), [60, 50])?.to(dev)?;
    let stored = f64s(&a.reshape([3000])?)?;
    for (bins, range) in [(10, None), (7, Some((-2.5, 3.0))), (1000, None)] {
        let (c, e) = a.histogram(bins, range)?;
        assert_eq!(c.device(), dev);
        let edges = f64s(&e)?;
        assert_eq!(edges.len(), bins + 1);
        assert_eq!(c.to_vec()?, host_histogram(&stored, &edges), "histogram({bins}, {range:?}) of {}", F::DTYPE);
        if range.is_none() {
            assert_eq!(c.sum()?.item()?, 3000, "every element counted");
        }
    }
    // Weighted: quarter-integer weights, so the sums are exact in any order.
    let wdata: Vec<f64> = noise(3000, 10).into_iter().map(|x| (x * 8.0).round() / 4.0).collect();
    let w = Array::from_vec(wdata.iter().map(|&x| F::from_f64(x)).collect::<Vec<F>>(), [60, 50])?.to(dev)?;
    match a.histogram_weighted(&w, 7, Some((-2.5, 3.0))) {
        Err(Error::Unsupported { .. }) if F::DTYPE == gpu::DType::F64 && dev.kind() == gpu::DeviceKind::Wgpu => {}
        got => {
            let (sums, e) = got?;
            let edges = f64s(&e)?;
            let mut want = vec![0.0; 7];
            for (&x, &wt) in stored.iter().zip(&wdata) {
                if x >= edges[0] && x <= edges[7] {
                    want[edges.partition_point(|&b| b <= x).saturating_sub(1).min(6)] += wt;
                }
            }
            assert_eq!(f64s(&sums)?, want, "histogram_weighted of {}", F::DTYPE);
        }
    }
    assert!(matches!(a.histogram_weighted(&w.t(), 3, None), Err(Error::BroadcastTo { .. })));
    // Errors.
    let bad = to(&[1.0, f64::NAN])?.to(dev)?;
    assert!(matches!(bad.histogram(2, None), Err(Error::InvalidArgument { op: "histogram", .. })));
    assert!(matches!(a.histogram(0, None), Err(Error::InvalidArgument { .. })));
    assert!(matches!(a.histogram(3, Some((1.0, 0.0))), Err(Error::InvalidArgument { .. })));
    assert!(matches!(a.histogram(3, Some((0.0, f64::INFINITY))), Err(Error::InvalidArgument { .. })));
    Ok(())
}

fn errors(dev: &Device) -> gpu::Result<()> {
    let a = Array::from_vec(vec![1.0f32, 2.0, 3.0, 4.0], [2, 2])?.to(dev)?;
    for q in [-0.1, 1.5, f64::NAN] {
        assert!(matches!(a.quantile(q), Err(Error::InvalidArgument { op: "quantile", .. })), "q = {q}");
    }
    assert!(matches!(a.percentile(101.0), Err(Error::InvalidArgument { .. })));
    assert!(matches!(a.median_axis(2, false), Err(Error::AxisOutOfRange { .. })));
    let empty = Array::<f32>::zeros([3, 0], dev)?;
    assert!(matches!(empty.median_axis(1, false), Err(Error::EmptyReduction { op: "median", .. })));
    assert!(matches!(empty.quantile(0.5), Err(Error::EmptyReduction { op: "quantile", .. })));
    assert!(matches!(empty.nanmax(), Err(Error::EmptyReduction { .. })));
    // Along the non-empty axis the slices are empty-shaped results, not errors.
    assert_eq!(empty.median_axis(0, false)?.shape(), &[0]);
    let b = Array::from_vec(vec![1.0f32, 2.0, 3.0], [3])?.to(dev)?;
    assert!(matches!(a.isclose(&b, 1e-5, 1e-8, false), Err(Error::BroadcastMismatch { .. })));
    Ok(())
}

/// `histogram2d` against a host count with NumPy's bin rules, and NumPy's results.
fn histograms_2d<F: Float + Tolerances>(dev: &Device) -> gpu::Result<()> {
    let up = |v: &[f64]| -> gpu::Result<Array<F>> {
        Array::from_vec(v.iter().map(|&x| F::from_f64(x)).collect(), [v.len()])?.to(dev)
    };
    // NumPy 2.4: np.histogram2d(x, y, bins=[2, 3], range=[[0, 1], [0, 1]]) (an outlier, a NaN,
    // points on the upper edges) = [[1, 0, 0], [1, 0, 2]].
    let (x, y) = (up(&[0.1, 0.5, 0.9, 1.5, -1.0, f64::NAN, 0.5])?, up(&[0.2, 0.2, 0.95, 0.5, 0.5, 0.5, 1.0])?);
    let (h, xe, ye) = gpu::histogram2d(&x, &y, [2, 3], Some([(0.0, 1.0), (0.0, 1.0)]))?;
    assert_eq!(h.shape(), &[2, 3]);
    assert_eq!(h.to_vec()?, [1, 0, 0, 1, 0, 2]);
    assert_eq!((xe.len(), ye.len()), (3, 4));
    // Many points, default ranges, against the host.
    let n = 5000;
    let (hx, hy): (Vec<f64>, Vec<f64>) = (noise(n, 31), noise(n, 32).iter().map(|v| v * v).collect());
    let (hx, hy): (Vec<f64>, Vec<f64>) =
        (hx.iter().map(|&v| F::from_f64(v).to_f64()).collect(), hy.iter().map(|&v| F::from_f64(v).to_f64()).collect());
    let (bx, by) = (7, 5);
    let (h, xe, ye) = gpu::histogram2d(&up(&hx)?, &up(&hy)?, [bx, by], None)?;
    let (xe, ye): (Vec<f64>, Vec<f64>) =
        (xe.to_vec()?.iter().map(|v| v.to_f64()).collect(), ye.to_vec()?.iter().map(|v| v.to_f64()).collect());
    let bin = |e: &[f64], v: f64| -> usize { (e.partition_point(|&edge| edge <= v) - 1).min(e.len() - 2) };
    let mut want = vec![0u32; bx * by];
    for (&px, &py) in hx.iter().zip(&hy) {
        want[bin(&xe, px) * by + bin(&ye, py)] += 1;
    }
    assert_eq!(h.to_vec()?, want);
    assert_eq!(want.iter().sum::<u32>() as usize, n, "every point inside the data's range");
    // Nothing inside the range: all zeros; errors.
    let (empty, _, _) = gpu::histogram2d(&x, &y, [2, 2], Some([(10.0, 11.0), (0.0, 1.0)]))?;
    assert_eq!(empty.to_vec()?, [0; 4]);
    assert!(matches!(
        gpu::histogram2d(&x, &y.slice(0, None, Some(3), 1)?, [2, 2], None),
        Err(Error::InvalidArgument { .. })
    ));
    assert!(matches!(gpu::histogram2d(&x, &y, [0, 2], None), Err(Error::InvalidArgument { .. })));
    assert!(matches!(
        gpu::histogram2d(&x, &y, [2, 2], Some([(1.0, 0.0), (0.0, 1.0)])),
        Err(Error::InvalidArgument { .. })
    ));
    Ok(())
}

backend_tests! {
    fn histogram2d_like_numpy(dev) {
        histograms_2d::<f32>(dev)?;
        if dev.supports(gpu::DType::F64) {
            histograms_2d::<f64>(dev)?;
        }
        Ok(())
    }

    fn quantiles_and_medians(dev) {
        quantiles::<f32>(dev)?;
        if dev.supports(gpu::DType::F64) {
            quantiles::<f64>(dev)?;
        }
        Ok(())
    }

    fn nan_ignoring_quantiles_and_medians(dev) {
        nan_quantiles::<f32>(dev)?;
        if dev.supports(gpu::DType::F64) {
            nan_quantiles::<f64>(dev)?;
        }
        Ok(())
    }

    fn nan_ignoring_reductions(dev) {
        nan_reductions::<f32>(dev)?;
        if dev.supports(gpu::DType::F64) {
            nan_reductions::<f64>(dev)?;
        }
        Ok(())
    }

    fn isclose_and_allclose(dev) {
        closeness::<f32>(dev)?;
        if dev.supports(gpu::DType::F64) {
            closeness::<f64>(dev)?;
        }
        Ok(())
    }

    fn histograms_like_numpy(dev) {
        histograms::<f32>(dev)?;
        if dev.supports(gpu::DType::F64) {
            histograms::<f64>(dev)?;
        }
        Ok(())
    }

    fn argument_errors(dev) { errors(dev) }
}

/// A slice of more than 2^24 numbers: its positions must not round as f32 would (the
/// CPU backend only: sorting 16M values on lavapipe takes half a minute).
#[test]
fn nanmedian_past_f32_integer_precision() -> gpu::Result<()> {
    let c = (1usize << 24) + 2;
    // Half ones, half twos, and a NaN: the middle two numbers are 1 and 2.
    let mut v: Vec<f32> = (0..c).map(|i| if i < c / 2 { 1.0 } else { 2.0 }).collect();
    v.push(f32::NAN);
    let a = Array::from_vec(v, [c + 1])?;
    assert_eq!(a.nanmedian()?.item()?, 1.5);
    assert_eq!(a.nanquantile(0.5)?.item()?, 1.5);
    Ok(())
}
