//! Boolean masks on every backend against plain Rust: logical and/or/xor/not (methods
//! and operators) with broadcasting and views; any/all (whole and per axis, empty
//! arrays and empty axes giving NumPy's identities) and count_nonzero; isnan / isinf /
//! isfinite on f32 and f64 specials.

#[macro_use]
mod common;

use common::HostNd;
use gpu::{Array, DType, Device, Error, Float};

/// A mask of `shape` with a fixed irregular pattern.
fn mask(shape: &[usize], seed: usize, dev: &Device) -> gpu::Result<(Array<bool>, HostNd<bool>)> {
    let n: usize = shape.iter().product();
    let v: Vec<bool> = (0..n).map(|i| (i * 7 + seed * 3) % 5 < 2).collect();
    Ok((Array::from_vec(v.clone(), shape)?.to(dev)?, HostNd::new(v, shape)))
}

/// `f` over `a` and `b` broadcast to `shape`, in row-major order.
fn zip_ref(a: &HostNd<bool>, b: &HostNd<bool>, shape: &[usize], f: fn(bool, bool) -> bool) -> Vec<bool> {
    HostNd::<bool>::indices(shape).iter().map(|i| f(a.get_broadcast(i), b.get_broadcast(i))).collect()
}

fn logical(dev: &Device) -> gpu::Result<()> {
    let (a, ha) = mask(&[4, 3], 1, dev)?;
    let (b, hb) = mask(&[3], 2, dev)?;
    let (c, hc) = mask(&[4, 1], 3, dev)?;
    for (x, hx, y, hy) in [(&a, &ha, &b, &hb), (&a, &ha, &c, &hc), (&c, &hc, &b, &hb)] {
        let shape = gpu::layout::broadcast_shapes("test", &hx.shape, &hy.shape)?;
        let what = format!("{:?} with {:?} on {dev}", hx.shape, hy.shape);
        assert_eq!(x.logical_and(y)?.to_vec()?, zip_ref(hx, hy, &shape, |p, q| p && q), "and {what}");
        assert_eq!(x.logical_or(y)?.to_vec()?, zip_ref(hx, hy, &shape, |p, q| p || q), "or {what}");
        assert_eq!(x.logical_xor(y)?.to_vec()?, zip_ref(hx, hy, &shape, |p, q| p != q), "xor {what}");
        assert_eq!((x & y).to_vec()?, x.logical_and(y)?.to_vec()?, "& {what}");
        assert_eq!((x | y).to_vec()?, x.logical_or(y)?.to_vec()?, "| {what}");
        assert_eq!((x ^ y).to_vec()?, x.logical_xor(y)?.to_vec()?, "^ {what}");
        assert_eq!((x.clone() & y.clone()).shape(), &shape[..], "owned & {what}");
    }
    let not: Vec<bool> = ha.to_vec().iter().map(|v| !v).collect();
    assert_eq!(a.logical_not()?.to_vec()?, not);
    assert_eq!((!&a).to_vec()?, not);
    assert_eq!((!a.clone()).to_vec()?, not);
    // A transposed view is read through its strides.
    let t = a.t();
    let want: Vec<bool> = HostNd::<bool>::indices(&[3, 4]).iter().map(|i| !ha.get(&[i[1], i[0]])).collect();
    assert_eq!(t.logical_not()?.to_vec()?, want, "not of a transposed view");
    // The canonical use: a range test selecting values.
    let x = Array::from_vec(vec![-1.0f32, 0.25, 0.5, 2.0, f32::NAN], 5)?.to(dev)?;
    let inside = &x.gt_scalar(0.0)? & &x.lt_scalar(1.0)?;
    assert_eq!(inside.to_vec()?, vec![false, true, true, false, false]);
    assert_eq!(gpu::where_(&inside, &x, &x.mul_scalar(0.0)?)?.to_vec()?[..4], [-0.0, 0.25, 0.5, 0.0]);
    Ok(())
}

fn reductions(dev: &Device) -> gpu::Result<()> {
    let (a, ha) = mask(&[5, 4], 4, dev)?;
    let v = ha.to_vec();
    assert_eq!(a.any()?.item()?, v.iter().any(|&x| x));
    assert_eq!(a.all()?.item()?, v.iter().all(|&x| x));
    assert_eq!(a.count_nonzero()?.item()?, v.iter().filter(|&&x| x).count() as u32);
    assert_eq!(a.any()?.shape(), &[] as &[usize]);
    for (axis, keep) in [(0isize, false), (1, false), (-1, true), (-2, true)] {
        let ax = axis.rem_euclid(2) as usize;
        let mut out_shape = ha.shape.clone();
        out_shape[ax] = 1;
        let any: Vec<bool> = HostNd::<bool>::indices(&out_shape)
            .iter()
            .map(|i| (0..ha.shape[ax]).any(|k| ha.get(&with(i, ax, k))))
            .collect();
        let all: Vec<bool> = HostNd::<bool>::indices(&out_shape)
            .iter()
            .map(|i| (0..ha.shape[ax]).all(|k| ha.get(&with(i, ax, k))))
            .collect();
        if !keep {
            out_shape.remove(ax);
        }
        let got = a.any_axis(axis, keep)?;
        assert_eq!((got.shape(), got.to_vec()?), (&out_shape[..], any), "any axis {axis} keepdims {keep}");
        let got = a.all_axis(axis, keep)?;
        assert_eq!((got.shape(), got.to_vec()?), (&out_shape[..], all), "all axis {axis} keepdims {keep}");
    }
    // All true / all false.
    let t = Array::full([3, 3], true, dev)?;
    assert!(t.all()?.item()? && t.any()?.item()?);
    let f = Array::full([3, 3], false, dev)?;
    assert!(!f.any()?.item()? && !f.all()?.item()?);
    assert_eq!(f.count_nonzero()?.item()?, 0);
    // Empty: NumPy's identities, not errors.
    let e = Array::<bool>::full([0, 3], true, dev)?;
    assert!(!e.any()?.item()? && e.all()?.item()?);
    assert_eq!(e.count_nonzero()?.item()?, 0);
    assert_eq!(e.any_axis(0, false)?.to_vec()?, vec![false; 3], "empty axis: any is false");
    assert_eq!(e.all_axis(0, true)?.to_vec()?, vec![true; 3], "empty axis: all is true");
    assert_eq!(e.all_axis(0, true)?.shape(), &[1, 3]);
    assert_eq!(e.any_axis(1, false)?.shape(), &[0]);
    Ok(())
}

/// `i` with `k` inserted at axis `ax` (replacing the kept length-1 index).
fn with(i: &[usize], ax: usize, k: usize) -> Vec<usize> {
    let mut j = i.to_vec();
    j[ax] = k;
    j
}

fn float_tests<T: Float>(dev: &Device) -> gpu::Result<()> {
    let vals = [f64::NAN, -f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 0.0, -0.0, 1.5, -3.0, 1e30, f64::MIN_POSITIVE];
    let x = Array::from_vec(vals.iter().map(|&v| T::from_f64(v)).collect(), [2, 5])?.to(dev)?;
    let nan: Vec<bool> = vals.iter().map(|v| v.is_nan()).collect();
    let inf: Vec<bool> = vals.iter().map(|v| v.is_infinite()).collect();
    let fin: Vec<bool> = vals.iter().map(|v| v.is_finite()).collect();
    assert_eq!(x.isnan()?.to_vec()?, nan, "{} isnan on {dev}", T::DTYPE);
    assert_eq!(x.isinf()?.to_vec()?, inf, "{} isinf on {dev}", T::DTYPE);
    assert_eq!(x.isfinite()?.to_vec()?, fin, "{} isfinite on {dev}", T::DTYPE);
    // On a reversed view, through its strides.
    let r = x.slice(1, None, None, -1)?;
    let rev = |v: &[bool]| -> Vec<bool> { v.chunks(5).flat_map(|c| c.iter().rev().copied()).collect() };
    assert_eq!(r.isnan()?.to_vec()?, rev(&nan));
    assert_eq!(r.isfinite()?.to_vec()?, rev(&fin));
    Ok(())
}

backend_tests! {
    fn logical_ops(dev) { logical(dev) }
    fn any_all_count(dev) { reductions(dev) }
    fn float_masks_f32(dev) { float_tests::<f32>(dev) }
    fn float_masks_f64(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        float_tests::<f64>(dev)
    }

    fn mask_errors_name_the_op(dev) {
        let (a, _) = mask(&[4, 3], 1, dev)?;
        let (b, _) = mask(&[4], 2, dev)?;
        match a.logical_and(&b) {
            Err(Error::BroadcastMismatch { op: "logical_and", lhs, rhs }) => assert_eq!((lhs, rhs), (vec![4, 3], vec![4])),
            other => panic!("logical_and [4,3] & [4]: {other:?}"),
        }
        assert!(matches!(a.logical_xor(&b), Err(Error::BroadcastMismatch { op: "logical_xor", .. })));
        assert!(matches!(a.any_axis(2, false), Err(Error::AxisOutOfRange { axis: 2, .. })));
        let p = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| &a | &b)).expect_err("| must panic");
        let text = common::panic_text(p);
        assert!(text.contains("logical_or") && text.contains("[4, 3]"), "panic message {text:?}");
        Ok(())
    }
}
