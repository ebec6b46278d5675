//! `argsort` of the rows of a `[rows, n]` view: each element becomes an order-preserving
//! unsigned key (the same keys the GPU kernels compare) packed with its position, so a
//! plain integer sort yields the stable order with NaN last and `-0.0 == 0.0`. Many rows
//! are sorted in parallel, one per task; a single row uses rayon's parallel sort.
//! `argpartition` selects on the same keys (introselect) instead of sorting.
//! `searchsorted` binary-searches the same keys.

use rayon::prelude::*;

use super::strided::SERIAL_MAX;
use super::{unsupported, CpuBackend, CpuStorage};
use crate::backend::View;
use crate::dtype::{DType, Scalar};
use crate::error::Result;

/// Order-preserving key of an f32: NaN above everything, both zeros equal.
fn key_f32(x: f32) -> u32 {
    if x.is_nan() {
        return u32::MAX;
    }
    let b = if x == 0.0 { 0 } else { x.to_bits() };
    if b >> 31 == 1 {
        !b
    } else {
        b | 0x8000_0000
    }
}

/// Order-preserving key of an f64: NaN above everything, both zeros equal.
fn key_f64(x: f64) -> u64 {
    if x.is_nan() {
        return u64::MAX;
    }
    let b = if x == 0.0 { 0 } else { x.to_bits() };
    if b >> 63 == 1 {
        !b
    } else {
        b | 0x8000_0000_0000_0000
    }
}

/// See [`crate::backend::Backend::argsort`].
pub(super) fn argsort(cpu: &CpuBackend, dtype: DType, src: View<'_, CpuStorage>) -> Result<CpuStorage> {
    packed_rows(cpu, dtype, src, None)
}

/// See [`crate::backend::Backend::argpartition`]: the same packed keys, put in place by
/// `select_nth_unstable` (introselect, `O(n)`) at each `kth` in turn, each selection in
/// the part after the one before.
pub(super) fn argpartition(
    cpu: &CpuBackend,
    dtype: DType,
    src: View<'_, CpuStorage>,
    kth: &[usize],
) -> Result<CpuStorage> {
    packed_rows(cpu, dtype, src, Some(kth))
}

/// Orders each row by its packed keys: 32-bit keys pack with the position into a u64,
/// f64 keys into a u128; sorted, or only selected at `kth`.
fn packed_rows(cpu: &CpuBackend, dtype: DType, src: View<'_, CpuStorage>, kth: Option<&[usize]>) -> Result<CpuStorage> {
    match dtype {
        DType::F32 => rows(cpu, src, kth, |x: f32, i| (u64::from(key_f32(x)) << 32) | u64::from(i), |p| p as u32),
        DType::I32 => {
            rows(cpu, src, kth, |x: i32, i| (u64::from(x as u32 ^ 0x8000_0000) << 32) | u64::from(i), |p| p as u32)
        }
        DType::U32 => rows(cpu, src, kth, |x: u32, i| (u64::from(x) << 32) | u64::from(i), |p| p as u32),
        DType::F64 => rows(cpu, src, kth, |x: f64, i| (u128::from(key_f64(x)) << 32) | u128::from(i), |p| p as u32),
        DType::Bool => Err(unsupported(dtype, "sorting")),
    }
}

/// Sorts every row by `pack(element, position)` (or, with `kth`, selects those ranks)
/// and writes the positions back out.
fn rows<T: Scalar, P: Ord + Copy + Send>(
    cpu: &CpuBackend,
    src: View<'_, CpuStorage>,
    kth: Option<&[usize]>,
    pack: impl Fn(T, u32) -> P + Sync,
    position: impl Fn(P) -> u32 + Sync,
) -> Result<CpuStorage> {
    let (shape, strides) = (src.layout.shape(), src.layout.strides());
    let (nrows, n) = (shape[0], shape[1]);
    let data = src.storage.typed::<T>()?;
    let (off, rs) = (src.layout.offset() as isize, strides[0]);
    let mut out = cpu.alloc::<u32>(nrows * n)?;
    let row = |r: usize, dst: &mut [u32], parallel: bool| {
        let base = (off + r as isize * rs) as usize;
        let mut keyed: Vec<P> = data[base..base + n].iter().zip(0u32..).map(|(&x, i)| pack(x, i)).collect();
        match kth {
            Some(kth) => {
                let mut from = 0;
                for &k in kth.iter().filter(|&&k| k < n) {
                    if k >= from {
                        keyed[from..].select_nth_unstable(k - from);
                        from = k + 1;
                    }
                }
            }
            None if parallel => keyed.par_sort_unstable(),
            None => keyed.sort_unstable(),
        }
        for (d, &p) in dst.iter_mut().zip(&keyed) {
            *d = position(p);
        }
    };
    let out_rows = out[..nrows * n].chunks_mut(n.max(1));
    if nrows == 1 {
        out_rows.enumerate().for_each(|(r, d)| row(r, d, n > SERIAL_MAX));
    } else if nrows * n <= SERIAL_MAX {
        out_rows.enumerate().for_each(|(r, d)| row(r, d, false));
    } else {
        out[..nrows * n].par_chunks_mut(n).enumerate().for_each(|(r, d)| row(r, d, false));
    }
    Ok(cpu.finish(out))
}

/// See [`crate::backend::Backend::search`]: a binary search per value on the keys.
pub(super) fn search(
    cpu: &CpuBackend,
    dtype: DType,
    sorted: View<'_, CpuStorage>,
    values: View<'_, CpuStorage>,
    right: bool,
) -> Result<CpuStorage> {
    match dtype {
        DType::F32 => points(cpu, (sorted, values), right, |x: f32| u64::from(key_f32(x))),
        DType::F64 => points(cpu, (sorted, values), right, key_f64),
        DType::I32 => points(cpu, (sorted, values), right, |x: i32| u64::from(x as u32 ^ 0x8000_0000)),
        DType::U32 => points(cpu, (sorted, values), right, |x: u32| u64::from(x)),
        DType::Bool => Err(unsupported(dtype, "searchsorted")),
    }
}

fn points<T: Scalar>(
    cpu: &CpuBackend,
    (sorted, values): (View<'_, CpuStorage>, View<'_, CpuStorage>),
    right: bool,
    key: impl Fn(T) -> u64 + Sync,
) -> Result<CpuStorage> {
    let (len, n) = (sorted.layout.len(), values.layout.len());
    let s = &sorted.storage.typed::<T>()?[sorted.layout.offset()..][..len];
    let v = &values.storage.typed::<T>()?[values.layout.offset()..][..n];
    let mut out = cpu.alloc::<u32>(n)?;
    let find = |x: T| {
        let k = key(x);
        (if right { s.partition_point(|&e| key(e) <= k) } else { s.partition_point(|&e| key(e) < k) }) as u32
    };
    if n <= SERIAL_MAX / 16 {
        out[..n].iter_mut().zip(v).for_each(|(o, &x)| *o = find(x));
    } else {
        out[..n].par_iter_mut().zip(v.par_iter()).for_each(|(o, &x)| *o = find(x));
    }
    Ok(cpu.finish(out))
}

#[cfg(test)]
mod tests {
    use super::{key_f32, key_f64};

    #[test]
    fn keys_order_like_numpy_sort() {
        let xs = [f32::NEG_INFINITY, -3.5, -1e-40, 0.0, 1e-40, 2.0, f32::INFINITY, f32::NAN];
        for w in xs.windows(2) {
            assert!(key_f32(w[0]) < key_f32(w[1]), "{} !< {}", w[0], w[1]);
            assert!(key_f64(f64::from(w[0])) < key_f64(f64::from(w[1])));
        }
        assert_eq!(key_f32(-0.0), key_f32(0.0));
        assert_eq!(key_f64(-0.0), key_f64(0.0));
        assert_eq!(key_f32(-f32::NAN), key_f32(f32::NAN));
        assert_eq!(key_f64(-f64::NAN), key_f64(f64::NAN));
    }
}
