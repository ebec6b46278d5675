//! CPU matrix multiply: the `gemm` crate (faer's kernels, runtime SIMD dispatch) for
//! floats on any strides, a blocked wrapping kernel for integers.

use rayon::prelude::*;

use super::num::Num;
use super::{unsupported, CpuBackend, CpuStorage};
use crate::backend::View;
use crate::dtype::HostVec;
use crate::error::Result;
use crate::layout::{flat_offset, Layout};

/// Below this many multiply-adds per matrix, batches run in parallel and each matrix
/// on one thread; above it, `gemm` parallelises inside each matrix.
const PER_MATRIX_PAR: usize = 1 << 18;

/// Geometry of a batched product, read from the two layouts.
struct Geometry {
    batch: Vec<usize>,
    m: usize,
    n: usize,
    k: usize,
    /// (batch strides, row stride, col stride) of lhs and rhs.
    lhs: (Vec<isize>, isize, isize),
    rhs: (Vec<isize>, isize, isize),
}

impl Geometry {
    fn new(l: &Layout, r: &Layout) -> Geometry {
        let nd = l.ndim();
        let (ls, rs) = (l.strides(), r.strides());
        Geometry {
            batch: l.shape()[..nd - 2].to_vec(),
            m: l.shape()[nd - 2],
            k: l.shape()[nd - 1],
            n: r.shape()[nd - 1],
            lhs: (ls[..nd - 2].to_vec(), ls[nd - 2], ls[nd - 1]),
            rhs: (rs[..nd - 2].to_vec(), rs[nd - 2], rs[nd - 1]),
        }
    }

    fn count(&self) -> usize {
        self.batch.iter().product()
    }

    /// Storage offsets of lhs and rhs for batch `b`.
    fn offsets(&self, b: usize, lo: usize, ro: usize) -> (isize, isize) {
        (lo as isize + flat_offset(b, &self.batch, &self.lhs.0), ro as isize + flat_offset(b, &self.batch, &self.rhs.0))
    }
}

pub(super) fn matmul(cpu: &CpuBackend, lhs: View<'_, CpuStorage>, rhs: View<'_, CpuStorage>) -> Result<CpuStorage> {
    let g = Geometry::new(lhs.layout, rhs.layout);
    let (lo, ro) = (lhs.layout.offset(), rhs.layout.offset());
    match (&lhs.storage.data, &rhs.storage.data) {
        (HostVec::F32(a), HostVec::F32(b)) => float(cpu, &g, a, lo, b, ro),
        (HostVec::F64(a), HostVec::F64(b)) => float(cpu, &g, a, lo, b, ro),
        (HostVec::I32(a), HostVec::I32(b)) => int(cpu, &g, a, lo, b, ro),
        (HostVec::U32(a), HostVec::U32(b)) => int(cpu, &g, a, lo, b, ro),
        (h, _) => Err(unsupported(h.dtype(), "matmul")),
    }
}

fn float<T: Num + 'static>(
    cpu: &CpuBackend,
    g: &Geometry,
    a: &[T],
    lo: usize,
    b: &[T],
    ro: usize,
) -> Result<CpuStorage> {
    let (m, n, k) = (g.m, g.n, g.k);
    let count = g.count();
    let mut out = cpu.alloc::<T>(count * m * n)?;
    let o = &mut out[..count * m * n];
    if m * n == 0 {
        return Ok(cpu.finish(out));
    }
    if k == 0 {
        o.fill(T::ZERO);
        return Ok(cpu.finish(out));
    }
    let threads = rayon::current_num_threads();
    let inner_par = m * n * k >= PER_MATRIX_PAR;
    let one = |bi: usize, dst: &mut [T], par: gemm::Parallelism| {
        let (la, rb) = g.offsets(bi, lo, ro);
        // SAFETY: `la`/`rb` are the storage indices of element [0, 0] of this batch's
        // lhs/rhs; every index `la + i*rs + p*cs` (i < m, p < k) and `rb + p*rs + j*cs`
        // (p < k, j < n) is reachable through the layouts, which the front validated to
        // lie inside `a` and `b`, so all pointer offsets stay in bounds. `dst` is a
        // distinct, exclusively borrowed slice of exactly m*n elements written row-major
        // (row stride n, col stride 1). `read_dst = false`, so its old contents are
        // never read. The pointers are only read/written during this call.
        unsafe {
            gemm::gemm(
                m,
                n,
                k,
                dst.as_mut_ptr(),
                1,
                n as isize,
                false,
                a.as_ptr().offset(la),
                g.lhs.2,
                g.lhs.1,
                b.as_ptr().offset(rb),
                g.rhs.2,
                g.rhs.1,
                T::ZERO,
                T::ONE,
                false,
                false,
                false,
                par,
            );
        }
    };
    if inner_par || count == 1 {
        let par = if inner_par { gemm::Parallelism::Rayon(threads) } else { gemm::Parallelism::None };
        for (bi, dst) in o.chunks_mut(m * n).enumerate() {
            one(bi, dst, par);
        }
    } else {
        o.par_chunks_mut(m * n).enumerate().for_each(|(bi, dst)| one(bi, dst, gemm::Parallelism::None));
    }
    Ok(cpu.finish(out))
}

/// Wrapping integer matmul: rhs packed row-major once per batch, then i-k-j order so
/// the inner loop runs over contiguous rows of both rhs and the output.
fn int<T: Num>(cpu: &CpuBackend, g: &Geometry, a: &[T], lo: usize, b: &[T], ro: usize) -> Result<CpuStorage> {
    let (m, n, k) = (g.m, g.n, g.k);
    let count = g.count();
    let mut out = cpu.alloc::<T>(count * m * n)?;
    let o = &mut out[..count * m * n];
    if m * n == 0 {
        return Ok(cpu.finish(out));
    }
    for (bi, dst) in o.chunks_mut(m * n).enumerate() {
        let (la, rb) = g.offsets(bi, lo, ro);
        let mut packed = super::pool::try_filled(k * n, T::ZERO)?;
        for p in 0..k {
            for j in 0..n {
                packed[p * n + j] = b[(rb + p as isize * g.rhs.1 + j as isize * g.rhs.2) as usize];
            }
        }
        let row = |(i, out_row): (usize, &mut [T])| {
            out_row.fill(T::ZERO);
            for p in 0..k {
                let x = a[(la + i as isize * g.lhs.1 + p as isize * g.lhs.2) as usize];
                for (o, &y) in out_row.iter_mut().zip(&packed[p * n..(p + 1) * n]) {
                    *o = o.add(x.mul(y));
                }
            }
        };
        if m * n * k >= PER_MATRIX_PAR {
            dst.par_chunks_mut(n).enumerate().for_each(row);
        } else {
            dst.chunks_mut(n).enumerate().for_each(row);
        }
    }
    Ok(cpu.finish(out))
}
