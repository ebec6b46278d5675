//! Reductions on every backend against naive references: every reduction × dtype,
//! whole-array and per-axis (keepdims, negative axes, several axes), non-contiguous
//! inputs, NaN propagation, ties, empty inputs, and the pairwise-summation error bound.

#[macro_use]
mod common;

use common::{assert_all_close, noise, pattern, HostNd, TestValue, Tol, Tolerances};
use gpu::{Array, DType, Device, Element, Error};

/// Exact-as-possible f64 sum (Neumaier) as the accuracy reference.
fn neumaier(xs: impl Iterator<Item = f64>) -> f64 {
    let (mut s, mut c) = (0.0f64, 0.0f64);
    for x in xs {
        let t = s + x;
        c += if s.abs() >= x.abs() { (s - t) + x } else { (x - t) + s };
        s = t;
    }
    s + c
}

#[derive(Clone, Copy, Debug)]
enum R {
    Sum,
    Prod,
    Max,
    Min,
    Mean,
    Var,
    Std,
    Norm,
    ArgMax,
    ArgMin,
}

/// Naive reference of reduction `r` over `xs` (in visiting order), as f64.
fn reference<T: TestValue + Element>(r: R, xs: &[T]) -> f64 {
    let f: Vec<f64> = xs.iter().map(|x| x.f64()).collect();
    let n = f.len() as f64;
    let float = T::DTYPE.is_float();
    match r {
        R::Sum if float => neumaier(f.iter().copied()),
        R::Sum => xs.iter().fold(0i64, |a, x| a.wrapping_add(x.f64() as i64)) as f64,
        R::Prod if float => f.iter().product(),
        R::Prod => {
            // Integers wrap at 32 bits, as the library does.
            let p = xs.iter().fold(1u32, |a, x| a.wrapping_mul(x.f64() as i64 as u32));
            if T::DTYPE == DType::I32 {
                p as i32 as f64
            } else {
                p as f64
            }
        }
        R::Max => {
            f.iter().copied().fold(f64::NEG_INFINITY, |a, x| if a.is_nan() || x.is_nan() { f64::NAN } else { a.max(x) })
        }
        R::Min => {
            f.iter().copied().fold(f64::INFINITY, |a, x| if a.is_nan() || x.is_nan() { f64::NAN } else { a.min(x) })
        }
        R::Mean => neumaier(f.iter().copied()) / n,
        R::Var | R::Std => {
            let m = neumaier(f.iter().copied()) / n;
            let v = neumaier(f.iter().map(|x| (x - m) * (x - m))) / n;
            if matches!(r, R::Std) {
                v.sqrt()
            } else {
                v
            }
        }
        R::Norm => neumaier(f.iter().map(|x| x * x)).sqrt(),
        R::ArgMax | R::ArgMin => {
            let mut best = 0usize;
            for (i, &x) in f.iter().enumerate() {
                let cur = f[best];
                let better = !cur.is_nan() && (x.is_nan() || if matches!(r, R::ArgMax) { x > cur } else { x < cur });
                if better {
                    best = i;
                }
            }
            best as f64
        }
    }
}

fn tol_for<T: Tolerances>(r: R, xs: &[T]) -> Tol {
    let n = xs.len().max(2) as f64;
    let abs_sum: f64 = xs.iter().map(|x| x.f64().abs()).sum();
    let sum_bound = T::SUM_C * n.log2() * T::EPS * abs_sum;
    match r {
        R::Sum => Tol { abs: sum_bound, rel: 0.0 },
        R::Mean => Tol { abs: sum_bound / n, rel: 0.0 },
        R::Norm => Tol { abs: 0.0, rel: T::SUM_C * n.log2() * T::EPS },
        R::Var | R::Std => T::MOMENTS,
        R::Prod => Tol::rel(2.0 * n * T::EPS),
        _ => Tol::EXACT,
    }
}

fn run<T: Element + TestValue>(
    r: R,
    a: &Array<T>,
    axis: Option<isize>,
    keepdims: bool,
) -> gpu::Result<(Vec<f64>, Vec<usize>)> {
    fn fl<F: gpu::Float>(r: R, a: &Array<F>, axis: Option<isize>, k: bool) -> gpu::Result<Array<F>> {
        match (r, axis) {
            (R::Mean, None) => a.mean(),
            (R::Var, None) => a.var(),
            (R::Std, None) => a.std(),
            (R::Norm, None) => a.norm(),
            (R::Mean, Some(x)) => a.mean_axis(x, k),
            (R::Var, Some(x)) => a.var_axis(x, k),
            (R::Std, Some(x)) => a.std_axis(x, k),
            (R::Norm, Some(x)) => a.norm_axis(x, k),
            _ => unreachable!(),
        }
    }
    fn out<U: TestValue>(a: Array<U>) -> gpu::Result<(Vec<f64>, Vec<usize>)> {
        Ok((a.to_vec()?.into_iter().map(|x| x.f64()).collect(), a.shape().to_vec()))
    }
    match (r, axis) {
        (R::Sum, None) => out(a.sum()?),
        (R::Prod, None) => out(a.prod()?),
        (R::Max, None) => out(a.max()?),
        (R::Min, None) => out(a.min()?),
        (R::ArgMax, None) => out(a.argmax()?),
        (R::ArgMin, None) => out(a.argmin()?),
        (R::Sum, Some(x)) => out(a.sum_axis(x, keepdims)?),
        (R::Prod, Some(x)) => out(a.prod_axis(x, keepdims)?),
        (R::Max, Some(x)) => out(a.max_axis(x, keepdims)?),
        (R::Min, Some(x)) => out(a.min_axis(x, keepdims)?),
        (R::ArgMax, Some(x)) => out(a.argmax_axis(x, keepdims)?),
        (R::ArgMin, Some(x)) => out(a.argmin_axis(x, keepdims)?),
        _ => match T::DTYPE {
            DType::F32 => out(fl(r, &a.cast::<f32>()?, axis, keepdims)?),
            DType::F64 => out(fl(r, &a.cast::<f64>()?, axis, keepdims)?),
            _ => unreachable!(),
        },
    }
}

const INT_OPS: [R; 6] = [R::Sum, R::Prod, R::Max, R::Min, R::ArgMax, R::ArgMin];
const ALL_OPS: [R; 10] = [R::Sum, R::Prod, R::Max, R::Min, R::Mean, R::Var, R::Std, R::Norm, R::ArgMax, R::ArgMin];

/// Checks every reduction over every axis of `h` (viewed on the device as `a`).
fn check_all<T: Element + Tolerances>(a: &Array<T>, h: &HostNd<T>, what: &str) -> gpu::Result<()> {
    check(a, h, what, true, 0..h.shape.len())
}

/// Checks every reduction of `h` (viewed on the device as `a`) over each of `axes`, and
/// over the whole array when `whole`.
fn check<T: Element + Tolerances>(
    a: &Array<T>,
    h: &HostNd<T>,
    what: &str,
    whole: bool,
    axes: impl Iterator<Item = usize> + Clone,
) -> gpu::Result<()> {
    let ops: &[R] = if T::DTYPE.is_float() { &ALL_OPS } else { &INT_OPS };
    for &r in ops {
        // Whole array.
        let flat = h.to_vec();
        if whole && (!flat.is_empty() || matches!(r, R::Sum | R::Prod)) {
            let (got, shape) = run(r, a, None, false)?;
            assert!(shape.is_empty(), "{what} {r:?}: full reduction is 0-d");
            let want = reference(r, &flat);
            assert_all_close(&got, &[want], tol_for(r, &flat), &format!("{what} {r:?} full"));
        }
        // Every axis asked for, negative form, with and without keepdims.
        for ax in axes.clone() {
            if h.shape[ax] == 0 && !matches!(r, R::Sum | R::Prod) {
                continue;
            }
            let kept: Vec<usize> = (0..h.shape.len()).filter(|&d| d != ax).collect();
            let out_shape: Vec<usize> = kept.iter().map(|&d| h.shape[d]).collect();
            let mut want = Vec::new();
            let mut worst = Tol::EXACT;
            for idx in HostNd::<T>::indices(&out_shape) {
                let run: Vec<T> = (0..h.shape[ax])
                    .map(|i| {
                        let mut full = idx.clone();
                        full.insert(ax, i);
                        h.get(&full)
                    })
                    .collect();
                want.push(reference(r, &run));
                let t = tol_for(r, &run);
                worst = Tol { abs: worst.abs.max(t.abs), rel: worst.rel.max(t.rel) };
            }
            let neg = ax as isize - h.shape.len() as isize;
            let (got, shape) = run(r, a, Some(neg), true)?;
            let mut kd = h.shape.clone();
            kd[ax] = 1;
            assert_eq!(shape, kd, "{what} {r:?} axis {ax} keepdims shape");
            assert_all_close(&got, &want, worst, &format!("{what} {r:?} axis {ax}"));
            let (got, shape) = run(r, a, Some(ax as isize), false)?;
            assert_eq!(shape, out_shape, "{what} {r:?} axis {ax} shape");
            assert_all_close(&got, &want, worst, &format!("{what} {r:?} axis {ax}"));
        }
    }
    Ok(())
}

fn layouts<T: Element + Tolerances>(dev: &Device, data: fn(usize) -> Vec<T>) -> gpu::Result<()> {
    for shape in [&[7][..], &[3, 5, 4], &[1, 6], &[4, 0, 2], &[], &[130, 40], &[2, 3000]] {
        let n = shape.iter().product();
        let d = data(n);
        let a = Array::from_vec(d.clone(), shape)?.to(dev)?;
        let h = HostNd::new(d, shape);
        check_all(&a, &h, &format!("{} {shape:?}", T::DTYPE))?;
        if shape.len() >= 2 {
            // Transposed and reversed-strided views of the same data.
            let perm: Vec<isize> = (0..shape.len() as isize).rev().collect();
            let hp: Vec<usize> = (0..shape.len()).rev().collect();
            check_all(&a.transpose(&perm)?, &h.permute(&hp), &format!("{} {shape:?}.T", T::DTYPE))?;
            let s = a.slice(0, None, None, -2)?.slice(-1, Some(1), None, 1)?;
            let hs = h.slice(0, None, None, -2).slice(shape.len() - 1, Some(1), None, 1);
            check_all(&s, &hs, &format!("{} {shape:?}[::-2, .., 1:]", T::DTYPE))?;
        }
    }
    Ok(())
}

/// Row reductions whose rows share workgroups: row lengths around every group size
/// (8 to 256 invocations of 256 positions each, 64K-element segments past that, with a
/// merge pass), row counts that leave the last workgroup part-filled, dense rows (vec4
/// loads) and rows starting one element in (scalar loads).
fn rows_of_every_length<T: Element + Tolerances>(dev: &Device, data: fn(usize) -> Vec<T>) -> gpu::Result<()> {
    let cases = [(33, 1), (33, 3), (1000, 8), (257, 40), (65, 2048), (65, 2049), (9, 65536), (3, 65537), (40, 70_000)];
    for (rows, len) in cases {
        let d = data(rows * (len + 1));
        let a = Array::from_vec(d.clone(), [rows, len + 1])?.to(dev)?;
        let h = HostNd::new(d, &[rows, len + 1]);
        let what = format!("{} {rows}x{len}", T::DTYPE);
        // [:, 1:] starts each row one element in; [:, :len] keeps rows of `len` elements
        // that start on a multiple of `len + 1`.
        check(&a.slice(-1, Some(1), None, 1)?, &h.slice(1, Some(1), None, 1), &format!("{what} [:, 1:]"), false, 1..2)?;
        let hd = h.slice(1, None, Some(len as isize), 1);
        let dense = Array::from_vec(hd.to_vec(), [rows, len])?.to(dev)?;
        check(&dense, &hd, &what, false, 1..2)?;
    }
    Ok(())
}

fn f32_data(n: usize) -> Vec<f32> {
    noise(n, n as u64).into_iter().map(|x| (x * 4.0) as f32).collect()
}
fn f64_data(n: usize) -> Vec<f64> {
    noise(n, n as u64 + 1).into_iter().map(|x| x * 4.0 + 0.5).collect()
}
fn i32_data(n: usize) -> Vec<i32> {
    pattern(n, 5)
}
fn u32_data(n: usize) -> Vec<u32> {
    pattern(n, 6)
}

backend_tests! {
    fn every_reduction_f32(dev) { layouts::<f32>(dev, f32_data) }
    fn every_reduction_f64(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        layouts::<f64>(dev, f64_data)
    }
    fn every_reduction_i32(dev) { layouts::<i32>(dev, i32_data) }
    fn every_reduction_u32(dev) { layouts::<u32>(dev, u32_data) }

    fn short_and_long_rows_f32(dev) {
        // Values near 1 keep products of 70,000 elements finite.
        rows_of_every_length::<f32>(dev, |n| noise(n, 7).into_iter().map(|x| (1.0 + x / 64.0) as f32).collect())
    }
    fn short_and_long_rows_i32(dev) { rows_of_every_length::<i32>(dev, i32_data) }

    fn nan_and_ties_in_long_runs(dev) {
        // Every row and column holds repeated extremes (past the first lanes of a
        // lane-parallel argmax) and a few hold NaNs: rows, columns (the per-column
        // paths) and the whole array must all report the first extreme, NaN first.
        let (r, c) = (300usize, 1000usize);
        let mut d: Vec<f32> = noise(r * c, 11).into_iter().map(|x| (1.0 + x / 64.0) as f32).collect();
        for i in 0..r {
            d[i * c + (i * 37) % c] = 5.0;
            d[i * c + (i * 53 + 500) % c] = 5.0;
            d[i * c + (i * 71 + 250) % c] = -5.0;
            d[i * c + (i * 29 + 750) % c] = -5.0;
        }
        // Rows 5 and 9 hold two NaNs each 16k positions apart (the same lane of a 16-lane
        // scan); column 17 holds two (rows 5 and 100, one 128-row column block).
        let nans = [1234usize, 77_777, 150_001, 299_999, 5 * c + 17, 5 * c + 913, 9 * c + 40, 9 * c + 56, 100 * c + 17];
        for k in nans {
            d[k] = f32::NAN;
        }
        let h = HostNd::new(d.clone(), &[r, c]);
        let a = Array::from_vec(d, [r, c])?.to(dev)?;
        check(&a, &h, "f32 ties and NaN", true, 0..2)?;
        check(&a.t(), &h.permute(&[1, 0]), "f32 ties and NaN .T", false, 0..2)?;
        Ok(())
    }

    fn several_axes_at_once(dev) {
        let d: Vec<f32> = (0..60).map(|x| x as f32).collect();
        let a = Array::from_vec(d.clone(), [3, 4, 5])?.to(dev)?;
        let s = a.sum_axes(&[0, -1], false)?;
        let want: Vec<f32> = (0..4).map(|j| (0..3).flat_map(|i| (0..5).map(move |k| (i * 20 + j * 5 + k) as f32)).sum()).collect();
        assert_eq!((s.shape(), s.to_vec()?), (&[4usize][..], want));
        assert_eq!(a.max_axes(&[0, 1, 2], true)?.shape(), &[1, 1, 1]);
        assert_eq!(a.mean_axes(&[1, 2], false)?.to_vec()?, vec![9.5, 29.5, 49.5]);
        Ok(())
    }

    fn nan_propagates_and_argmax_picks_first(dev) {
        let a = Array::from_vec(vec![1.0f32, f32::NAN, 3.0, f32::NAN, -1.0], [5])?.to(dev)?;
        assert!(a.max()?.item()?.is_nan());
        assert!(a.min()?.item()?.is_nan());
        assert!(a.sum()?.item()?.is_nan());
        assert!(a.mean()?.item()?.is_nan());
        assert_eq!(a.argmax()?.item()?, 1, "the first NaN counts as the maximum");
        assert_eq!(a.argmin()?.item()?, 1, "and as the minimum");
        let ties = Array::from_vec(vec![2i32, 7, 7, -3, -3], [5])?.to(dev)?;
        assert_eq!((ties.argmax()?.item()?, ties.argmin()?.item()?), (1, 3), "first of equal extremes");
        let m = Array::from_vec(vec![0.0f32, f32::NAN, 2.0, 5.0, 1.0, 5.0], [2, 3])?.to(dev)?;
        let mx = m.max_axis(1, false)?.to_vec()?;
        assert!(mx[0].is_nan() && mx[1] == 5.0);
        assert_eq!(m.argmax_axis(1, false)?.to_vec()?, vec![1, 0]);
        assert_eq!(m.argmax_axis(0, false)?.to_vec()?, vec![1, 0, 1]);
        Ok(())
    }

    fn empty_reductions_follow_numpy(dev) {
        let e = Array::<f32>::zeros([0], dev)?;
        assert_eq!(e.sum()?.item()?, 0.0);
        assert_eq!(e.prod()?.item()?, 1.0);
        assert!(e.mean()?.item()?.is_nan());
        assert_eq!(e.norm()?.item()?, 0.0);
        assert!(matches!(e.max(), Err(Error::EmptyReduction { .. })));
        assert!(matches!(e.argmin(), Err(Error::EmptyReduction { .. })));
        let z = Array::<i32>::zeros([3, 0], dev)?;
        assert_eq!(z.sum_axis(1, false)?.to_vec()?, vec![0, 0, 0]);
        assert_eq!(z.prod_axis(-1, true)?.to_vec()?, vec![1, 1, 1]);
        assert_eq!(z.max_axis(0, false)?.shape(), &[0], "nothing reduced over an empty output");
        assert!(matches!(z.max_axis(1, false), Err(Error::EmptyReduction { .. })));
        Ok(())
    }

    fn zero_d_arrays_reduce_to_themselves(dev) {
        let s = Array::scalar(4.5f32, dev)?;
        assert_eq!(s.sum()?.item()?, 4.5);
        assert_eq!(s.max()?.item()?, 4.5);
        assert_eq!(s.var()?.item()?, 0.0);
        assert_eq!(s.argmax()?.item()?, 0);
        Ok(())
    }

    fn integer_sums_wrap(dev) {
        let a = Array::from_vec(vec![i32::MAX, 1, 1], [3])?.to(dev)?;
        assert_eq!(a.sum()?.item()?, i32::MIN + 1);
        let u = Array::<u32>::full([5], u32::MAX, dev)?;
        assert_eq!(u.sum()?.item()?, u32::MAX.wrapping_mul(5));
        Ok(())
    }

    fn pairwise_sum_is_exact_past_2_pow_24(dev) {
        // A sequential f32 sum of ones sticks at 2^24; pairwise summation does not.
        let n = (1usize << 24) + 4096;
        let ones = Array::<f32>::ones([n], dev)?;
        assert_eq!(ones.sum()?.item()?, n as f32);
        assert_eq!(ones.mean()?.item()?, 1.0);
        Ok(())
    }

    fn sum_error_within_pairwise_bound(dev) {
        let n = 3_000_001;
        let a = gpu::random::normal::<f32>([n], 1.0, 10.0, 99, dev)?;
        let h = a.to_vec()?;
        let exact = neumaier(h.iter().map(|&x| x as f64));
        let abs_sum: f64 = h.iter().map(|&x| (x as f64).abs()).sum();
        let bound = <f32 as Tolerances>::SUM_C * (n as f64).log2() * f32::EPSILON as f64 * abs_sum;
        let got = a.sum()?.item()? as f64;
        assert!((got - exact).abs() <= bound, "sum {got} vs exact {exact}: error {} > bound {bound}", (got - exact).abs());
        // Row and column reductions of the same data obey the per-run bound too.
        let m = a.slice(0, None, Some(3_000_000), 1)?.reshape([1000, 3000])?;
        for (axis, runs, len) in [(1isize, 1000usize, 3000usize), (0, 3000, 1000)] {
            let got = m.sum_axis(axis, false)?.to_vec()?;
            for (r, g) in got.iter().enumerate().take(runs) {
                let xs: Vec<f64> = (0..len).map(|i| if axis == 1 { h[r * 3000 + i] } else { h[i * 3000 + r] } as f64).collect();
                let ex = neumaier(xs.iter().copied());
                let b = 4.0 * (len as f64).log2() * f32::EPSILON as f64 * xs.iter().map(|x| x.abs()).sum::<f64>();
                assert!((*g as f64 - ex).abs() <= b, "axis {axis} run {r}: {g} vs {ex}");
            }
        }
        Ok(())
    }

    fn variance_is_stable_with_a_large_offset(dev) {
        // Values 1e4 + small noise: a naive E[x²] − E[x]² in f32 would lose every digit.
        let base: Vec<f32> = noise(100_000, 3).iter().map(|&x| 1.0e4 + x as f32).collect();
        let a = Array::from_vec(base.clone(), [100_000])?.to(dev)?;
        let want = reference(R::Var, &base);
        let got = a.var()?.item()? as f64;
        assert!((got - want).abs() <= 1e-3 * want, "var {got} vs {want}");
        let s = a.reshape([100, 1000])?.std_axis(1, false)?.to_vec()?;
        for (r, g) in s.iter().enumerate() {
            let w = reference(R::Std, &base[r * 1000..(r + 1) * 1000]);
            assert!((*g as f64 - w).abs() <= 1e-3 * w, "row {r}: std {g} vs {w}");
        }
        Ok(())
    }
}
