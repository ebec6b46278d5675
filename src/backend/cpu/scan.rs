//! Inclusive scans along the middle dimension of `[outer, len, inner]` views: each
//! output row is the previous output row combined with the input row, so the inner
//! loop runs over `inner` (vectorisable) and the order along the axis is NumPy's.
//! Blocks of `outer` run in parallel; a single block runs on the calling thread.

use rayon::prelude::*;

use super::num::Num;
use super::strided::SERIAL_MAX;
use super::{unsupported, CpuBackend, CpuStorage};
use crate::backend::{BinaryOp, View};
use crate::dtype::DType;
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
