//! `put` (NumPy's `np.put(a, ind, v, mode="wrap")`) on every backend against a host
//! loop that writes in order: every dtype (bool included), u32 and i32 indices (negative
//! and out-of-range ones wrap), heavy repetition (the last writer must win — NumPy's
//! order — on every backend, exactly), values of the indices' shape, broadcast, or one
//! value; targets that are views (copied first) or sole owners with an offset (written
//! in place), copy-on-write for shared storage, bit-exact copies (NaN, -0.0), and
//! errors. Nothing moving through the host is in `transfers.rs`; targets past one
//! storage binding are in `gpu_limits.rs`.

#[macro_use]
mod common;

use common::{pattern, TestValue};
use gpu::{Array, DType, Device, Error, Scalar};

/// `target` after writing `values[i]` at `wrap(indices[i])` for i in order.
fn reference<T: Copy>(target: &[T], indices: &[i64], values: &[T]) -> Vec<T> {
    let mut out = target.to_vec();
    let len = out.len() as i64;
    for (i, &j) in indices.iter().enumerate() {
        out[j.rem_euclid(len) as usize] = values[i % values.len()];
    }
    out
}

/// Deterministic indices in `[-span, span)` (so many repeat when `span` is small).
fn indices(n: usize, span: i64, seed: u64) -> Vec<i64> {
    (0..n as u64)
        .map(|i| {
            let h = (i ^ seed.wrapping_mul(0x9e37_79b9_7f4a_7c15)).wrapping_mul(0xbf58_476d_1ce4_e5b9) >> 33;
            (h % (2 * span as u64)) as i64 - span
        })
        .collect()
}

fn puts<T: TestValue + Scalar>(dev: &Device) -> gpu::Result<()> {
    // (target length, number of indices, index span): few, many repeats, past a chunk.
    for (ci, &(len, n, span)) in
        [(1usize, 3usize, 4i64), (7, 5, 7), (12, 40, 30), (1000, 70_000, 1000), (50_000, 3000, 60_000)]
            .iter()
            .enumerate()
    {
        let target = pattern::<T>(len, ci as u64);
        let idx = indices(n, span, ci as u64 + 10);
        let vals = pattern::<T>(n, ci as u64 + 20);
        let want = reference(&target, &idx, &vals);
        // i32 indices as given (negative ones wrap); u32 indices wrapped into range.
        let mut a = Array::from_vec(target.clone(), len)?.to(dev)?;
        let i32s: Vec<i32> = idx.iter().map(|&j| j as i32).collect();
        a.put(&Array::from_vec(i32s, n)?.to(dev)?, &Array::from_vec(vals.clone(), n)?.to(dev)?)?;
        assert_eq!(a.to_vec()?, want, "{} put of {n} i32 indices into {len}", T::DTYPE);
        let mut b = Array::from_vec(target.clone(), len)?.to(dev)?;
        let u32s: Vec<u32> = idx.iter().map(|&j| j.rem_euclid(len as i64) as u32 + len as u32).collect();
        b.put(&Array::from_vec(u32s, n)?.to(dev)?, &Array::from_vec(vals.clone(), n)?.to(dev)?)?;
        assert_eq!(b.to_vec()?, want, "{} put of {n} u32 indices into {len}", T::DTYPE);
    }
    Ok(())
}

fn shapes_and_views<T: TestValue + Scalar>(dev: &Device) -> gpu::Result<()> {
    let host = pattern::<T>(24, 3);
    let a = Array::from_vec(host.clone(), [4, 6])?.to(dev)?;
    // 2-D indices, values broadcast along their rows; flat positions into a 2-D target.
    let idx = [[0i64, 5, 23], [-1, 6, 11]];
    let vals = pattern::<T>(3, 4);
    let flat_idx: Vec<i64> = idx.iter().flatten().copied().collect();
    let flat_vals: Vec<T> = (0..6).map(|i| vals[i % 3]).collect();
    let mut x = a.copy()?;
    let ia = Array::from_vec(flat_idx.iter().map(|&j| j as i32).collect(), [2, 3])?.to(dev)?;
    x.put(&ia, &Array::from_vec(vals.clone(), 3)?.to(dev)?)?;
    assert_eq!(x.shape(), &[4, 6]);
    assert_eq!(x.to_vec()?, reference(&host, &flat_idx, &flat_vals), "{} broadcast values", T::DTYPE);
    // One value everywhere.
    let mut y = a.copy()?;
    let one = Array::from_vec(vec![vals[0]], 1)?.to(dev)?;
    y.put(&ia, &one)?;
    assert_eq!(y.to_vec()?, reference(&host, &flat_idx, &[vals[0]]), "{} one value", T::DTYPE);
    // A transposed view: its own row-major positions; it becomes a copy, `a` is unchanged.
    let mut t = a.t();
    let t_host = t.to_vec()?;
    t.put(&ia, &one)?;
    assert_eq!(t.shape(), &[6, 4]);
    assert_eq!(t.to_vec()?, reference(&t_host, &flat_idx, &[vals[0]]), "{} transposed view", T::DTYPE);
    assert_eq!(a.to_vec()?, host, "{}: the view's put changed its base", T::DTYPE);
    // Copy-on-write: a clone keeps the old values.
    let mut c = a.clone();
    c.put(&ia, &one)?;
    assert_eq!(a.to_vec()?, host, "{}: put changed a clone", T::DTYPE);
    // A sole owner with an offset (rows 1.. of a dropped array): written in place.
    let mut rows = a.copy()?.slice(0, Some(1), None, 1)?;
    let r_host = rows.to_vec()?;
    rows.put(&ia, &one)?;
    assert_eq!(rows.to_vec()?, reference(&r_host, &flat_idx, &[vals[0]]), "{} offset target", T::DTYPE);
    Ok(())
}

/// NaN payloads and -0.0 travel by bits.
fn float_bits<T: TestValue + Scalar>(dev: &Device) -> gpu::Result<()> {
    let mut a = Array::full([4], T::of_f64(0.0), dev)?;
    let vals = Array::from_vec(vec![T::of_f64(f64::NAN), T::of_f64(-0.0)], 2)?.to(dev)?;
    a.put(&Array::from_vec(vec![1u32, 3], 2)?.to(dev)?, &vals)?;
    let got = a.to_vec()?;
    assert!(got[1].is_nan_value(), "{}: NaN lost", T::DTYPE);
    let z = TestValue::f64(got[3]);
    assert!(z == 0.0 && z.is_sign_negative(), "{}: -0.0 lost", T::DTYPE);
    Ok(())
}

backend_tests! {
    fn put_f32(dev) { puts::<f32>(dev)?; shapes_and_views::<f32>(dev)?; float_bits::<f32>(dev) }
    fn put_f64(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        puts::<f64>(dev)?;
        shapes_and_views::<f64>(dev)?;
        float_bits::<f64>(dev)
    }
    fn put_i32(dev) { puts::<i32>(dev)?; shapes_and_views::<i32>(dev) }
    fn put_u32(dev) { puts::<u32>(dev)?; shapes_and_views::<u32>(dev) }
    fn put_bool(dev) { shapes_and_views::<bool>(dev) }

    fn put_edges_and_errors(dev) {
        let mut a = Array::from_vec(vec![1, 2, 3], 3)?.to(dev)?;
        // No indices: nothing happens, even into an empty array.
        let none = Array::<u32>::zeros([0], dev)?;
        a.put(&none, &Array::<i32>::zeros([0], dev)?)?;
        let mut e = Array::<i32>::zeros([0], dev)?;
        e.put(&none, &Array::<i32>::zeros([1], dev)?)?;
        assert_eq!(a.to_vec()?, vec![1, 2, 3]);
        let at = Array::from_vec(vec![0u32, 2], 2)?.to(dev)?;
        assert!(matches!(e.put(&at, &Array::<i32>::ones([2], dev)?), Err(Error::IndexOutOfBounds { .. })));
        // Values must broadcast to the indices' shape.
        assert!(matches!(a.put(&at, &Array::<i32>::ones([3], dev)?), Err(Error::BroadcastTo { .. })));
        // Operands from another device.
        if dev != &Device::cpu() {
            let host_idx = Array::from_vec(vec![0u32], 1)?;
            let r = a.put(&host_idx, &Array::<i32>::ones([1], dev)?);
            assert!(matches!(r, Err(Error::DeviceMismatch { .. })), "{r:?}");
        }
        assert_eq!(a.to_vec()?, vec![1, 2, 3], "a failed put changed the array");
        Ok(())
    }
}
