//! `take` on every backend against `ndarray`'s `select`, and `take_along_axis` against
//! a naive reference (NumPy's definition, index by index). `take`: every dtype (bool included),
//! first / middle / last / negative axes, u32 and i32 indices of any shape (0-d too),
//! wrapping of negative and out-of-range indices, views on both sides (transposed,
//! reversed, broadcast sources; strided and broadcast indices), empty cases, and
//! bit-exact copies (NaN, -0.0). That `take` moves nothing through the host is proven
//! in `transfers.rs`, and sources past one storage binding in `gpu_limits.rs`.
//! `extract` (`a[mask]`) and `flatnonzero` against a host filter: every dtype, mask
//! densities 0 / ~⅓ / 1, inputs past one CPU chunk, broadcast and transposed masks.

#[macro_use]
mod common;

use common::{pattern, TestValue};
use gpu::{Array, DType, Device, Error, Index, Scalar};
use ndarray::{ArrayD, Axis, IxDyn};

/// `shape` filled with the test pattern for `seed`.
fn host<T: TestValue + Scalar>(shape: &[usize], seed: u64) -> ArrayD<T> {
    ArrayD::from_shape_vec(IxDyn(shape), pattern::<T>(shape.iter().product(), seed)).expect("shape")
}

/// An index type as Python integers, for the reference's wrapping.
trait Idx: Index {
    fn from_i64(v: i64) -> Self;
    fn to_i64(self) -> i64;
}
impl Idx for u32 {
    fn from_i64(v: i64) -> u32 {
        v as u32
    }
    fn to_i64(self) -> i64 {
        self as i64
    }
}
impl Idx for i32 {
    fn from_i64(v: i64) -> i32 {
        v as i32
    }
    fn to_i64(self) -> i64 {
        self as i64
    }
}

/// NumPy's `take(h, indices, axis, mode="wrap")` through `ndarray::select`.
fn reference<T: TestValue + Scalar, I: Idx>(h: &ArrayD<T>, indices: &[I], idx_shape: &[usize], ax: usize) -> ArrayD<T> {
    let len = h.shape()[ax] as i64;
    let wrapped: Vec<usize> = indices.iter().map(|&i| i.to_i64().rem_euclid(len) as usize).collect();
    let picked = h.select(Axis(ax), &wrapped);
    let mut shape = h.shape()[..ax].to_vec();
    shape.extend_from_slice(idx_shape);
    shape.extend_from_slice(&h.shape()[ax + 1..]);
    picked.as_standard_layout().into_owned().into_shape_with_order(IxDyn(&shape)).expect("reshape")
}

/// The same elements, bit for bit (so NaN and -0.0 compare as themselves).
fn same<T: TestValue + Scalar>(got: &Array<T>, want: &ArrayD<T>, what: &str) -> gpu::Result<()> {
    assert_eq!(got.shape(), want.shape(), "{what}: shape");
    assert!(got.is_contiguous(), "{what}: the result is row-major");
    let bits = |v: &[T]| v.iter().map(|x| x.f64().to_bits()).collect::<Vec<_>>();
    let w: Vec<T> = want.iter().copied().collect();
    assert_eq!(bits(&got.to_vec()?), bits(&w), "{what}: elements");
    Ok(())
}

/// Indices for an axis of length `len`: in range, negative (i32) and past the end.
fn some_indices<I: Idx>(n: usize, len: usize, seed: u64) -> Vec<I> {
    (0..n)
        .map(|k| {
            let r = (k as u64 * 2654435761 + seed * 97) % (3 * len as u64 + 1);
            let v = r as i64 - len as i64; // -len ..= 2 len
            I::from_i64(if I::DTYPE == DType::U32 { v.rem_euclid(3 * len as i64) } else { v })
        })
        .collect()
}

/// Fixed cases: (source shape, axis, index shape).
fn cases<T: TestValue + Scalar, I: Idx>(dev: &Device) -> gpu::Result<()> {
    let cases: &[(&[usize], isize, &[usize])] = &[
        (&[10], 0, &[6]),
        (&[7, 5], 0, &[4]),
        (&[7, 5], 1, &[9]),
        (&[7, 5], -1, &[2, 3]),
        (&[3, 4, 5], 1, &[6]),
        (&[3, 4, 5], 0, &[2, 2]),
        (&[3, 4, 5], 2, &[]),
        (&[2, 3, 4, 5], -2, &[3, 1]),
        (&[1000, 3], 0, &[777]),
        (&[3, 1000], 1, &[1500]),
        (&[50, 64], 0, &[300]),
    ];
    for (ci, &(shape, axis, ishape)) in cases.iter().enumerate() {
        let h = host::<T>(shape, ci as u64);
        let ax = axis.rem_euclid(shape.len() as isize) as usize;
        let idx: Vec<I> = some_indices(ishape.iter().product(), shape[ax], ci as u64);
        let a = Array::from_ndarray(&h).to(dev)?;
        let i = Array::from_vec(idx.clone(), ishape)?.to(dev)?;
        let what = format!("{} take {shape:?} axis {axis} by {} {ishape:?}", T::DTYPE, I::DTYPE);
        same(&a.take(&i, axis)?, &reference(&h, &idx, ishape, ax), &what)?;
    }
    Ok(())
}

/// Views on both sides: each is read in place, the result is row-major.
fn views<T: TestValue + Scalar>(dev: &Device) -> gpu::Result<()> {
    let h = host::<T>(&[6, 8], 3);
    let a = Array::from_ndarray(&h).to(dev)?;
    let raw: Vec<i32> = vec![5, -1, 0, 7, 2, 9, -8, 3];
    let i = Array::from_vec(raw.clone(), [2, 4])?.to(dev)?;
    // Transposed source, transposed (strided) indices.
    let ht = h.t().to_owned();
    let it: Vec<i32> = vec![5, 2, -1, 9, 0, -8, 7, 3];
    same(&a.t().take(&i.t(), 0)?, &reference(&ht, &it, &[4, 2], 0), "transposed source and indices")?;
    // Reversed rows, indices reversed along their last axis (negative stride).
    let mut hr = h.clone();
    hr.invert_axis(Axis(0));
    let ir: Vec<i32> = vec![7, 0, -1, 5, 3, -8, 9, 2];
    same(
        &a.slice(0, None, None, -1)?.take(&i.slice(1, None, None, -1)?, 1)?,
        &reference(&hr, &ir, &[2, 4], 1),
        "reversed",
    )?;
    // Every other column of a slice.
    let hs = h.slice(ndarray::s![1..5, ..;2]).to_owned().into_dyn();
    same(
        &a.slice(0, Some(1), Some(5), 1)?.slice(1, None, None, 2)?.take(&i, 0)?,
        &reference(&hs, &raw, &[2, 4], 0),
        "sliced",
    )?;
    // Whole rows move as 16-byte words when every row starts on one: rows of a slice
    // starting two columns in (stride 12, offset 2) do not, rows of [.., 4..12] do.
    let wide = host::<T>(&[6, 12], 5);
    let w = Array::from_ndarray(&wide).to(dev)?;
    for (lo, hi) in [(2usize, 10usize), (4, 12), (0, 8), (1, 9)] {
        let hw = wide.slice(ndarray::s![.., lo..hi]).to_owned().into_dyn();
        let v = w.slice(1, Some(lo as isize), Some(hi as isize), 1)?;
        same(&v.take(&i, 0)?, &reference(&hw, &raw, &[2, 4], 0), &format!("rows of columns {lo}..{hi}"))?;
    }
    // Broadcast source (stride-0 rows) and broadcast indices (one index repeated).
    let row = host::<T>(&[1, 8], 4);
    let hb = row.broadcast(IxDyn(&[5, 8])).expect("broadcast").to_owned();
    let b = Array::from_ndarray(&row).to(dev)?.broadcast_to([5, 8])?;
    let one = Array::from_vec(vec![-3i32], 1)?.to(dev)?.broadcast_to([3, 2])?;
    same(&b.take(&one, 1)?, &reference(&hb, &[-3i32; 6], &[3, 2], 1), "broadcast source and indices")?;
    same(&b.take(&i, 0)?, &reference(&hb, &raw, &[2, 4], 0), "broadcast source along its zero stride")
}

/// Empty results, and an empty axis with indices (nothing to wrap into).
fn empties<T: TestValue + Scalar>(dev: &Device) -> gpu::Result<()> {
    let a = Array::from_ndarray(&host::<T>(&[4, 3], 1)).to(dev)?;
    let none = Array::from_vec(Vec::<u32>::new(), [0])?.to(dev)?;
    let r = a.take(&none, 0)?;
    assert_eq!((r.shape(), r.len()), (&[0usize, 3][..], 0));
    let r = a.take(&none.reshape([0, 2])?, 1)?;
    assert_eq!(r.shape(), &[4, 0, 2]);
    let z = Array::from_ndarray(&host::<T>(&[0, 3], 1)).to(dev)?;
    let some = Array::from_vec(vec![1u32, 2], 2)?.to(dev)?;
    assert_eq!(z.take(&some, 1)?.shape(), &[0, 2]);
    assert_eq!(z.take(&none, 0)?.shape(), &[0, 3]);
    match z.take(&some, 0) {
        Err(Error::IndexOutOfBounds { axis: 0, len: 0, .. }) => Ok(()),
        other => panic!("take from an empty axis: {other:?}"),
    }
}

/// NaN payloads and signed zeros survive: the kernels copy bits.
fn float_bits<T: TestValue + Scalar>(dev: &Device) -> gpu::Result<()> {
    let specials: Vec<T> = [f64::NAN, -0.0, 0.0, f64::INFINITY, f64::NEG_INFINITY, -1.5].map(T::of_f64).to_vec();
    let h = ArrayD::from_shape_vec(IxDyn(&[6]), specials.clone()).expect("shape");
    let a = Array::from_vec(specials, 6)?.to(dev)?;
    let idx = vec![5u32, 4, 3, 2, 1, 0, 0, 1];
    same(&a.take(&Array::from_vec(idx.clone(), 8)?.to(dev)?, 0)?, &reference(&h, &idx, &[8], 0), "specials")
}

/// NumPy's `take_along_axis` (mode "wrap"), index by index, with broadcasting.
fn along_reference<T: TestValue + Scalar>(h: &ArrayD<T>, idx: &ArrayD<i32>, ax: usize) -> ArrayD<T> {
    let nd = h.ndim();
    let shape: Vec<usize> =
        (0..nd).map(|d| if d == ax { idx.shape()[d] } else { h.shape()[d].max(idx.shape()[d]) }).collect();
    let len = h.shape()[ax] as i64;
    ArrayD::from_shape_fn(IxDyn(&shape), |i| {
        let i: Vec<usize> = ndarray::Dimension::slice(&i).to_vec();
        let at_idx: Vec<usize> = (0..nd).map(|d| if idx.shape()[d] == 1 { 0 } else { i[d] }).collect();
        let j = (idx[IxDyn(&at_idx)] as i64).rem_euclid(len) as usize;
        let at: Vec<usize> = (0..nd)
            .map(|d| {
                if d == ax {
                    j
                } else if h.shape()[d] == 1 {
                    0
                } else {
                    i[d]
                }
            })
            .collect();
        h[IxDyn(&at)]
    })
}

/// `take_along_axis`: (source shape, axis, index shape), broadcasting both ways.
fn along<T: TestValue + Scalar>(dev: &Device) -> gpu::Result<()> {
    let cases: &[(&[usize], isize, &[usize])] = &[
        (&[7], 0, &[10]),
        (&[4, 6], 1, &[4, 3]),
        (&[4, 6], 0, &[9, 6]),
        (&[4, 6], -1, &[1, 8]),
        (&[1, 6], 1, &[5, 2]),
        (&[3, 4, 5], 1, &[3, 2, 1]),
        (&[3, 4, 5], 2, &[1, 4, 7]),
        (&[3, 1, 5], 0, &[2, 6, 5]),
    ];
    for (ci, &(shape, axis, ishape)) in cases.iter().enumerate() {
        let h = host::<T>(shape, ci as u64 + 40);
        let ax = axis.rem_euclid(shape.len() as isize) as usize;
        let raw: Vec<i32> = some_indices(ishape.iter().product(), shape[ax], ci as u64);
        let hi = ArrayD::from_shape_vec(IxDyn(ishape), raw.clone()).expect("shape");
        let a = Array::from_ndarray(&h).to(dev)?;
        let i = Array::from_vec(raw, ishape)?.to(dev)?;
        let what = format!("{} take_along_axis {shape:?} axis {axis} by {ishape:?}", T::DTYPE);
        same(&a.take_along_axis(&i, axis)?, &along_reference(&h, &hi, ax), &what)?;
        // u32 indices of the same (wrapped) positions give the same result.
        let len = shape[ax] as i32;
        let u = Array::from_vec(hi.iter().map(|&v| v.rem_euclid(len) as u32).collect::<Vec<_>>(), ishape)?.to(dev)?;
        same(&a.take_along_axis(&u, axis)?, &along_reference(&h, &hi, ax), &format!("{what} (u32)"))?;
    }
    // Views: a transposed source by reversed indices.
    let h = host::<T>(&[5, 4], 9);
    let a = Array::from_ndarray(&h).to(dev)?;
    let raw: Vec<i32> = some_indices(12, 5, 3);
    let hi = ArrayD::from_shape_vec(IxDyn(&[4, 3]), raw.clone()).expect("shape");
    let mut hir = hi.clone();
    hir.invert_axis(Axis(1));
    let i = Array::from_vec(raw, [4, 3])?.to(dev)?.slice(1, None, None, -1)?;
    let ht = h.t().to_owned();
    same(&a.t().take_along_axis(&i, 1)?, &along_reference(&ht, &hir, 1), "take_along_axis of views")?;
    // Empty: no index columns; an empty source axis with nothing to pick.
    assert_eq!(a.take_along_axis(&Array::from_vec(Vec::<u32>::new(), [5, 0])?.to(dev)?, 1)?.shape(), &[5, 0]);
    let z = Array::from_ndarray(&host::<T>(&[3, 0], 1)).to(dev)?;
    assert_eq!(z.take_along_axis(&Array::from_vec(Vec::<u32>::new(), [3, 0])?.to(dev)?, 1)?.shape(), &[3, 0]);
    Ok(())
}

fn all<T: TestValue + Scalar>(dev: &Device) -> gpu::Result<()> {
    cases::<T, u32>(dev)?;
    cases::<T, i32>(dev)?;
    views::<T>(dev)?;
    along::<T>(dev)?;
    empties::<T>(dev)
}

/// A mask pattern of density about `1/k` (all false for k = 0, all true for k = 1).
fn mask_of(n: usize, k: usize, seed: usize) -> Vec<bool> {
    (0..n).map(|i| k != 0 && ((i * 7919 + seed * 31) % 1009).is_multiple_of(k)).collect()
}

fn extracts<T: TestValue + Scalar>(dev: &Device) -> gpu::Result<()> {
    for (ci, shape) in [&[7usize][..], &[40, 30], &[1000, 70], &[3, 1, 5]].iter().enumerate() {
        let h = host::<T>(shape, ci as u64);
        let a = Array::from_ndarray(&h).to(dev)?;
        let n = h.len();
        for k in [0usize, 1, 3] {
            let mv = mask_of(n, k, ci);
            let m = Array::from_vec(mv.clone(), *shape)?.to(dev)?;
            let want: Vec<T> = h.iter().zip(&mv).filter(|&(_, &on)| on).map(|(&x, _)| x).collect();
            let got = a.extract(&m)?;
            assert_eq!(got.shape(), &[want.len()], "{} extract {shape:?} density 1/{k}", T::DTYPE);
            let bits = |v: &[T]| v.iter().map(|x| x.f64().to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&got.to_vec()?), bits(&want), "{} extract {shape:?} density 1/{k}", T::DTYPE);
            let idx: Vec<u32> = (0..n as u32).filter(|&i| mv[i as usize]).collect();
            assert_eq!(m.flatnonzero()?.to_vec()?, idx, "flatnonzero {shape:?} density 1/{k}");
        }
    }
    // A mask over the last axis, broadcast to the rows; a transposed array and mask.
    let h = host::<T>(&[6, 9], 9);
    let a = Array::from_ndarray(&h).to(dev)?;
    let cols = mask_of(9, 3, 1);
    let got = a.extract(&Array::from_vec(cols.clone(), 9)?.to(dev)?)?.to_vec()?;
    let want: Vec<T> = h.indexed_iter().filter(|(i, _)| cols[i[1]]).map(|(_, &x)| x).collect();
    assert_eq!(got.len(), want.len());
    assert!(got.iter().zip(&want).all(|(g, w)| g.f64().to_bits() == w.f64().to_bits()), "{} broadcast mask", T::DTYPE);
    let mv = mask_of(54, 3, 2);
    let m = Array::from_vec(mv.clone(), [6, 9])?.to(dev)?;
    let ht = h.t().to_owned();
    let mt: Vec<bool> = (0..54).map(|i| mv[(i % 6) * 9 + i / 6]).collect();
    let want: Vec<T> = ht.iter().zip(&mt).filter(|&(_, &on)| on).map(|(&x, _)| x).collect();
    let got = a.t().extract(&m.t())?.to_vec()?;
    assert!(
        got.iter().zip(&want).all(|(g, w)| g.f64().to_bits() == w.f64().to_bits()) && got.len() == want.len(),
        "{} transposed",
        T::DTYPE
    );
    Ok(())
}

backend_tests! {
    fn extract_f32(dev) { extracts::<f32>(dev) }
    fn extract_f64(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        extracts::<f64>(dev)
    }
    fn extract_i32(dev) { extracts::<i32>(dev) }
    fn extract_u32(dev) { extracts::<u32>(dev) }
    fn extract_bool(dev) { extracts::<bool>(dev) }

    fn extract_edges_and_errors(dev) {
        let e = Array::<f32>::zeros([0, 3], dev)?;
        assert_eq!(e.extract(&Array::from_vec(vec![true; 3], 3)?.to(dev)?)?.shape(), &[0]);
        assert_eq!(Array::from_vec(Vec::<bool>::new(), 0)?.to(dev)?.flatnonzero()?.shape(), &[0]);
        let a = Array::from_vec(vec![1i32, 2, 3, 4], [2, 2])?.to(dev)?;
        match a.extract(&Array::from_vec(vec![true; 3], 3)?.to(dev)?) {
            Err(Error::BroadcastTo { from, to }) => assert_eq!((from, to), (vec![3], vec![2, 2])),
            other => panic!("mask of the wrong shape: {other:?}"),
        }
        // A 0-d array and a 0-d mask: one element or none.
        let s = Array::from_vec(vec![5i32], [])?.to(dev)?;
        assert_eq!(s.extract(&Array::from_vec(vec![true], [])?.to(dev)?)?.to_vec()?, vec![5]);
        assert_eq!(s.extract(&Array::from_vec(vec![false], [])?.to(dev)?)?.len(), 0);
        if dev.kind() != gpu::DeviceKind::Cpu {
            let on_cpu = Array::from_vec(vec![true; 4], [2, 2])?;
            assert!(matches!(a.extract(&on_cpu), Err(Error::DeviceMismatch { .. })));
        }
        Ok(())
    }

    fn take_f32(dev) { all::<f32>(dev)?; float_bits::<f32>(dev) }
    fn take_f64(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        all::<f64>(dev)?;
        float_bits::<f64>(dev)
    }
    fn take_i32(dev) { all::<i32>(dev) }
    fn take_u32(dev) { all::<u32>(dev) }
    fn take_bool(dev) { all::<bool>(dev) }

    fn take_by_argmax(dev) {
        // The indices argmax returns pick the maxima back out.
        let x = Array::from_vec(vec![3.0f32, 9.0, 1.0, 4.0, -2.0, 8.0], [2, 3])?.to(dev)?;
        let best = x.argmax_axis(1, false)?;
        assert_eq!(best.to_vec()?, vec![1, 2]);
        let flat = x.reshape([6])?;
        let at = best.add(&Array::from_vec(vec![0u32, 3], 2)?.to(dev)?)?;
        assert_eq!(flat.take(&at, 0)?.to_vec()?, vec![9.0, 8.0]);
        Ok(())
    }

    fn take_along_argmax_is_max(dev) {
        let x = gpu::random::uniform::<f32>([6, 50, 3], -1.0, 1.0, 5, dev)?;
        for axis in [0isize, 1, -1] {
            let at = x.argmax_axis(axis, true)?;
            let picked = x.take_along_axis(&at, axis)?;
            assert_eq!(picked.to_vec()?, x.max_axis(axis, true)?.to_vec()?, "axis {axis}");
        }
        Ok(())
    }

    fn take_along_axis_errors(dev) {
        let a = Array::from_vec(vec![1.0f32, 2.0, 3.0, 4.0, 5.0, 6.0], [2, 3])?.to(dev)?;
        let flat = Array::from_vec(vec![0u32, 1], 2)?.to(dev)?;
        match a.take_along_axis(&flat, 1) {
            Err(e @ Error::InvalidArgument { .. }) => assert!(e.to_string().contains("[2]") && e.to_string().contains("[2, 3]"), "{e}"),
            other => panic!("rank mismatch: {other:?}"),
        }
        let wrong = Array::from_vec(vec![0u32; 6], [3, 2])?.to(dev)?;
        match a.take_along_axis(&wrong, 1) {
            Err(Error::BroadcastMismatch { op: "take_along_axis", lhs, rhs }) => assert_eq!((lhs, rhs), (vec![2, 3], vec![3, 2])),
            other => panic!("shape mismatch: {other:?}"),
        }
        assert!(matches!(a.take_along_axis(&wrong, 2), Err(Error::AxisOutOfRange { axis: 2, .. })));
        let z = Array::from_vec(Vec::<f32>::new(), [2, 0])?.to(dev)?;
        let some = Array::from_vec(vec![0u32; 2], [2, 1])?.to(dev)?;
        assert!(matches!(z.take_along_axis(&some, 1), Err(Error::IndexOutOfBounds { axis: 1, len: 0, .. })));
        Ok(())
    }

    fn take_errors(dev) {
        let a = Array::from_vec(vec![1.0f32, 2.0, 3.0], 3)?.to(dev)?;
        let i = Array::from_vec(vec![0u32], 1)?.to(dev)?;
        assert!(matches!(a.take(&i, 1), Err(Error::AxisOutOfRange { axis: 1, .. })));
        assert!(matches!(a.take(&i, -2), Err(Error::AxisOutOfRange { axis: -2, .. })));
        if dev.kind() != gpu::DeviceKind::Cpu {
            let on_cpu = Array::from_vec(vec![0u32], 1)?;
            match a.take(&on_cpu, 0) {
                Err(e @ Error::DeviceMismatch { .. }) => assert!(e.to_string().contains("take"), "{e}"),
                other => panic!("indices on another device: {other:?}"),
            }
        }
        Ok(())
    }
}
