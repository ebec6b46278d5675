//! `cumsum`, `cumprod`, `cummax` and `cummin` on every backend against a naive host
//! scan: integers exact (wrapping), floats within the sequential-sum bound
//! `2·(j + 1)·eps·Σ|x|` (cumsum) or `2·(j + 1)·eps·|p|` (cumprod), max/min exact with
//! NaN propagation. Lengths cross the GPU segment (256 rows) and its recursion (65,536
//! rows: three levels); inputs are transposed, reversed, broadcast and non-reshapable
//! views. Arrays past one storage binding are in `gpu_limits.rs`.

#[macro_use]
mod common;

use common::{TestValue, Tolerances};
use gpu::{Array, DType, Device, Element};

/// Which scan.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Op {
    Sum,
    Prod,
    Max,
    Min,
}

fn run<T: Element>(a: &Array<T>, op: Op, axis: isize) -> gpu::Result<Array<T>> {
    match op {
        Op::Sum => a.cumsum(axis),
        Op::Prod => a.cumprod(axis),
        Op::Max => a.cummax(axis),
        Op::Min => a.cummin(axis),
    }
}

/// Deterministic values: small integers, or floats in [-1, 1] (sum) / [0.5, 1.5] (prod).
fn values<T: TestValue>(n: usize, seed: u64, op: Op) -> Vec<T> {
    (0..n)
        .map(|i| {
            let h = (i as u64 ^ seed.wrapping_mul(0x9e37_79b9_7f4a_7c15)).wrapping_mul(0xbf58_476d_1ce4_e5b9) >> 40;
            let u = (h % 2001) as f64 / 1000.0 - 1.0; // [-1, 1]
            if T::DTYPE.is_float() {
                T::of_f64(if op == Op::Prod { 1.0 + u / 2.0 } else { u })
            } else if T::DTYPE == DType::U32 {
                T::of_f64((h % 100) as f64)
            } else {
                T::of_f64((h % 100) as f64 - 50.0)
            }
        })
        .collect()
}

/// The naive scan of row-major `data` of `shape` along `ax`, in f64 for floats (with
/// the per-element error bound) and with wrapping arithmetic for integers.
fn reference<T: TestValue + Tolerances>(data: &[T], shape: &[usize], ax: usize, op: Op) -> (Vec<T>, Vec<f64>) {
    let outer: usize = shape[..ax].iter().product();
    let len = shape[ax];
    let inner: usize = shape[ax + 1..].iter().product();
    let (mut out, mut bound) = (data.to_vec(), vec![0.0; data.len()]);
    let float = T::DTYPE.is_float();
    for o in 0..outer {
        for k in 0..inner {
            let (mut acc, mut abs) = (0.0f64, 0.0f64);
            let mut iacc: i64 = 0;
            for j in 0..len {
                let at = (o * len + j) * inner + k;
                let x = data[at].f64();
                if float {
                    acc = match (op, j) {
                        (_, 0) => x,
                        (Op::Sum, _) => acc + x,
                        (Op::Prod, _) => acc * x,
                        (Op::Max, _) => {
                            if acc.is_nan() || x.is_nan() {
                                f64::NAN
                            } else {
                                acc.max(x)
                            }
                        }
                        (Op::Min, _) => {
                            if acc.is_nan() || x.is_nan() {
                                f64::NAN
                            } else {
                                acc.min(x)
                            }
                        }
                    };
                    abs += x.abs();
                    out[at] = T::of_f64(acc);
                    bound[at] = match op {
                        Op::Sum => 2.0 * (j + 1) as f64 * T::EPS * abs,
                        Op::Prod => 2.0 * (j + 1) as f64 * T::EPS * acc.abs(),
                        _ => 0.0,
                    };
                } else {
                    let xi = x as i64;
                    iacc = match (op, j) {
                        (_, 0) => xi,
                        (Op::Sum, _) => iacc.wrapping_add(xi),
                        (Op::Prod, _) => iacc.wrapping_mul(xi),
                        (Op::Max, _) => iacc.max(xi),
                        (Op::Min, _) => iacc.min(xi),
                    };
                    // Wrap into the dtype (i32 or u32) through its bit pattern.
                    out[at] =
                        T::of_f64(if T::DTYPE == DType::U32 { (iacc as u32) as f64 } else { (iacc as i32) as f64 });
                }
            }
        }
    }
    (out, bound)
}

#[track_caller]
fn check<T: TestValue + Element + Tolerances>(
    got: &Array<T>,
    want: &(Vec<T>, Vec<f64>),
    what: &str,
) -> gpu::Result<()> {
    let g = got.to_vec()?;
    assert_eq!(g.len(), want.0.len(), "{what}: length");
    for (i, (&x, (&w, &b))) in g.iter().zip(want.0.iter().zip(&want.1)).enumerate() {
        let ok = if T::DTYPE.is_float() {
            let (x, w) = (x.f64(), w.f64());
            (x.is_nan() && w.is_nan()) || (x - w).abs() <= b + 1e-300
        } else {
            x == w
        };
        assert!(ok, "{what}: element {i}: got {x:?}, want {w:?} (bound {b:e})");
    }
    Ok(())
}

/// Every op over shapes and axes, from fresh arrays.
fn cases<T: TestValue + Element + Tolerances>(dev: &Device) -> gpu::Result<()> {
    let cases: &[(&[usize], isize)] = &[
        (&[1], 0),
        (&[10], 0),
        (&[257], 0),
        (&[3000], -1),
        (&[70_000], 0),
        (&[4, 600], 1),
        (&[600, 4], 0),
        (&[3, 5, 7], 1),
        (&[3, 5, 7], 0),
        (&[3, 5, 7], 2),
        (&[2, 300, 3], 1),
    ];
    for op in [Op::Sum, Op::Prod, Op::Max, Op::Min] {
        for (ci, &(shape, axis)) in cases.iter().enumerate() {
            // Long float products underflow (f32 subnormals lose relative precision): keep them short.
            if op == Op::Prod && T::DTYPE.is_float() && shape.iter().product::<usize>() > 300 {
                continue;
            }
            let n = shape.iter().product();
            let data = values::<T>(n, ci as u64, op);
            let ax = axis.rem_euclid(shape.len() as isize) as usize;
            let a = Array::from_vec(data.clone(), shape)?.to(dev)?;
            let got = run(&a, op, axis)?;
            assert_eq!(got.shape(), shape);
            check(&got, &reference(&data, shape, ax, op), &format!("{} {op:?} {shape:?} axis {axis}", T::DTYPE))?;
        }
    }
    Ok(())
}

/// Views: transposed, reversed, broadcast along the axis, and one that no 3-D view
/// covers (read through a contiguous copy).
fn views<T: TestValue + Element + Tolerances>(dev: &Device) -> gpu::Result<()> {
    let data = values::<T>(6 * 700, 7, Op::Sum);
    let a = Array::from_vec(data.clone(), [6, 700])?.to(dev)?;
    let host = |v: &Array<T>| -> gpu::Result<Vec<T>> { v.to(&Device::cpu())?.to_vec() };
    for op in [Op::Sum, Op::Max, Op::Min] {
        let cases: Vec<(String, Array<T>, isize)> = vec![
            ("transposed".into(), a.t(), 0),
            ("transposed, last axis".into(), a.t(), 1),
            ("reversed".into(), a.slice(1, None, None, -1)?, 1),
            ("every third column".into(), a.slice(1, Some(1), None, 3)?, 1),
            ("broadcast along the axis".into(), a.slice(0, Some(0), Some(1), 1)?.broadcast_to([300, 700])?, 0),
            ("3-D, middle axis, permuted".into(), a.reshape([6, 70, 10])?.transpose(&[2, 0, 1])?, 1),
        ];
        for (what, v, axis) in cases {
            let vals = host(&v)?;
            let ax = axis as usize;
            let want = reference(&vals, v.shape(), ax, op);
            check(&run(&v, op, axis)?, &want, &format!("{} {op:?} of a {what} view", T::DTYPE))?;
        }
    }
    Ok(())
}

/// NaN: once met, the running max/min and sum stay NaN.
fn nans<T: TestValue + Element + Tolerances>(dev: &Device) -> gpu::Result<()> {
    let mut data: Vec<T> = values(600, 3, Op::Sum);
    data[300] = T::of_f64(f64::NAN);
    let a = Array::from_vec(data, 600)?.to(dev)?;
    for op in [Op::Sum, Op::Max, Op::Min] {
        let got = run(&a, op, 0)?.to_vec()?;
        assert!(got[..300].iter().all(|x| !x.is_nan_value()), "{op:?}: NaN before it appeared");
        assert!(got[300..].iter().all(|x| x.is_nan_value()), "{op:?}: NaN did not propagate");
    }
    Ok(())
}

fn all<T: TestValue + Element + Tolerances>(dev: &Device) -> gpu::Result<()> {
    cases::<T>(dev)?;
    views::<T>(dev)
}

backend_tests! {
    fn scans_f32(dev) { all::<f32>(dev)?; nans::<f32>(dev) }
    fn scans_f64(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        all::<f64>(dev)?;
        nans::<f64>(dev)
    }
    fn scans_i32(dev) { all::<i32>(dev) }
    fn scans_u32(dev) { all::<u32>(dev) }

    fn scans_of_empty_and_errors(dev) {
        let e = Array::<f32>::zeros([3, 0], dev)?;
        assert_eq!(e.cumsum(1)?.shape(), &[3, 0]);
        assert_eq!(e.cumprod(0)?.shape(), &[3, 0]);
        let s = Array::<f32>::zeros([], dev)?;
        assert!(matches!(s.cumsum(0), Err(gpu::Error::AxisOutOfRange { axis: 0, .. })));
        let a = Array::<i32>::ones([2, 3], dev)?;
        assert!(matches!(a.cummax(2), Err(gpu::Error::AxisOutOfRange { axis: 2, .. })));
        assert_eq!(a.cumsum(-1)?.to_vec()?, vec![1, 2, 3, 1, 2, 3]);
        // Integer sums wrap, as every integer op here does.
        let big = Array::from_vec(vec![i32::MAX, 1, 1], 3)?.to(dev)?;
        assert_eq!(big.cumsum(0)?.to_vec()?, vec![i32::MAX, i32::MIN, i32::MIN + 1]);
        Ok(())
    }
}
