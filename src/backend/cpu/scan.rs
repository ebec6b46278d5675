//! Inclusive scans along the middle dimension of `[outer, len, inner]` views: each
//! output row is the previous output row combined with the input row, so the inner
//! loop runs over `inner` (vectorisable) and the order along the axis is NumPy's.
//! Blocks of `outer` run in parallel; a single block runs on the calling thread.
//! Also compaction (`extract`, `flatnonzero`), which places elements by a scan's
//! running count, and `bincount`.

use rayon::prelude::*;

use super::num::Num;
use super::strided::{CHUNK, SERIAL_MAX};
use super::{unsupported, CpuBackend, CpuStorage};
use crate::backend::{BinaryOp, View};
use crate::dtype::{DType, Scalar};
use crate::error::{Error, Result};

pub(super) fn scan(cpu: &CpuBackend, op: BinaryOp, dtype: DType, src: View<'_, CpuStorage>) -> Result<CpuStorage> {
    match dtype {
        DType::F32 => typed::<f32>(cpu, op, src),
        DType::F64 => typed::<f64>(cpu, op, src),
        DType::I32 => typed::<i32>(cpu, op, src),
        DType::U32 => typed::<u32>(cpu, op, src),
        DType::Bool => Err(unsupported(dtype, "a cumulative op")),
    }
}

fn typed<T: Num>(cpu: &CpuBackend, op: BinaryOp, src: View<'_, CpuStorage>) -> Result<CpuStorage> {
    // Each op its own instance of `run`, so the combine inlines into the loops.
    match op {
        BinaryOp::Add => run(cpu, src, T::add),
        BinaryOp::Mul => run(cpu, src, T::mul),
        BinaryOp::Maximum => run(cpu, src, T::maximum),
        BinaryOp::Minimum => run(cpu, src, T::minimum),
        other => Err(Error::Backend { device: "cpu".into(), message: format!("internal error: scan by {other:?}") }),
    }
}

fn run<T: Num>(cpu: &CpuBackend, src: View<'_, CpuStorage>, f: impl Fn(T, T) -> T + Sync) -> Result<CpuStorage> {
    let (shape, strides) = (src.layout.shape(), src.layout.strides());
    let [outer, len, inner] = [shape[0], shape[1], shape[2]];
    let [so, sl, si] = [strides[0], strides[1], strides[2]];
    let data = src.storage.typed::<T>()?;
    let off = src.layout.offset() as isize;
    let n = outer * len * inner;
    let mut out = cpu.alloc::<T>(n)?;
    let block = |o: usize, dst: &mut [T]| {
        let base = off + o as isize * so;
        if inner == 1 {
            // One run along the axis: a plain loop-carried scan.
            let mut acc = data[base as usize];
            dst[0] = acc;
            for (j, x) in dst.iter_mut().enumerate().skip(1) {
                acc = f(acc, data[(base + j as isize * sl) as usize]);
                *x = acc;
            }
            return;
        }
        for j in 0..len {
            let row = base + j as isize * sl;
            let at = |k: usize| data[(row + k as isize * si) as usize];
            let (done, rest) = dst.split_at_mut(j * inner);
            let cur = &mut rest[..inner];
            if j == 0 {
                cur.iter_mut().enumerate().for_each(|(k, x)| *x = at(k));
            } else {
                let prev = &done[(j - 1) * inner..];
                for (k, (x, &p)) in cur.iter_mut().zip(prev).enumerate() {
                    *x = f(p, at(k));
                }
            }
        }
    };
    let per = len * inner;
    if n <= SERIAL_MAX || outer == 1 {
        out[..n].chunks_mut(per).enumerate().for_each(|(o, d)| block(o, d));
    } else {
        out[..n].par_chunks_mut(per).enumerate().for_each(|(o, d)| block(o, d));
    }
    Ok(cpu.finish(out))
}

/// See [`crate::backend::Backend::compact`]: chunks of the input in parallel, each
/// writing the output range its running counts say it owns.
pub(super) fn compact(
    cpu: &CpuBackend,
    dtype: DType,
    values: Option<View<'_, CpuStorage>>,
    mask: View<'_, CpuStorage>,
    positions: View<'_, CpuStorage>,
    count: usize,
) -> Result<CpuStorage> {
    fn typed<T: Scalar>(
        cpu: &CpuBackend,
        value: impl Fn(usize) -> T + Sync,
        mask: &[bool],
        pos: &[u32],
        count: usize,
    ) -> Result<CpuStorage> {
        let mut out = cpu.alloc::<T>(count)?;
        // Split the output at each chunk's first position; chunks fill their parts.
        let mut parts = Vec::new();
        let mut rest = &mut out[..count];
        for (c, m) in mask.chunks(CHUNK).enumerate() {
            let end = pos[c * CHUNK + m.len() - 1] as usize;
            let start = count - rest.len();
            let (mine, tail) = rest.split_at_mut(end - start);
            parts.push((c * CHUNK, m, mine));
            rest = tail;
        }
        parts.into_par_iter().for_each(|(i0, m, dst)| {
            let picked = m.iter().enumerate().filter(|&(_, &on)| on).map(|(i, _)| value(i0 + i));
            dst.iter_mut().zip(picked).for_each(|(d, v)| *d = v);
        });
        Ok(cpu.finish(out))
    }
    let dense = |v: &View<'_, CpuStorage>| v.layout.offset();
    let m = &mask.storage.typed::<bool>()?[dense(&mask)..][..mask.layout.len()];
    let p = &positions.storage.typed::<u32>()?[dense(&positions)..][..positions.layout.len()];
    fn from<'a, T: Scalar>(v: &'a Option<View<'_, CpuStorage>>) -> Result<&'a [T]> {
        match v {
            Some(v) => Ok(&v.storage.typed::<T>()?[v.layout.offset()..]),
            None => Ok(&[]),
        }
    }
    match (dtype, values.is_some()) {
        (DType::U32, false) => typed::<u32>(cpu, |i| i as u32, m, p, count),
        (DType::F32, true) => {
            let v = from::<f32>(&values)?;
            typed(cpu, |i| v[i], m, p, count)
        }
        (DType::F64, true) => {
            let v = from::<f64>(&values)?;
            typed(cpu, |i| v[i], m, p, count)
        }
        (DType::I32, true) => {
            let v = from::<i32>(&values)?;
            typed(cpu, |i| v[i], m, p, count)
        }
        (DType::U32, true) => {
            let v = from::<u32>(&values)?;
            typed(cpu, |i| v[i], m, p, count)
        }
        (DType::Bool, true) => {
            let v = from::<bool>(&values)?;
            typed(cpu, |i| v[i], m, p, count)
        }
        (other, _) => Err(Error::Backend {
            device: "cpu".into(),
            message: format!("internal error: compaction into {other} without values"),
        }),
    }
}

/// See [`crate::backend::Backend::bincount`]: chunks counted into private histograms in
/// parallel and then added, when the histogram is small next to the input; else one
/// pass on the calling thread.
pub(super) fn bincount(cpu: &CpuBackend, values: View<'_, CpuStorage>, len: usize) -> Result<CpuStorage> {
    let n = values.layout.len();
    let vals = &values.storage.typed::<u32>()?[values.layout.offset()..][..n];
    let count = |chunk: &[u32], hist: &mut [u32]| {
        for &v in chunk {
            if let Some(c) = hist.get_mut(v as usize) {
                *c = c.wrapping_add(1);
            }
        }
    };
    let mut out = cpu.alloc::<u32>(len)?;
    let hist = &mut out[..len];
    hist.fill(0);
    let threads = rayon::current_num_threads();
    if n <= SERIAL_MAX || len * threads * 4 > n {
        count(vals, hist);
    } else {
        let total = vals
            .par_chunks(n.div_ceil(threads))
            .map(|chunk| {
                let mut h = vec![0u32; len];
                count(chunk, &mut h);
                h
            })
            .reduce_with(|mut a, b| {
                a.iter_mut().zip(&b).for_each(|(x, y)| *x = x.wrapping_add(*y));
                a
            })
            .unwrap_or_default();
        hist.copy_from_slice(&total);
    }
    Ok(cpu.finish(out))
}
