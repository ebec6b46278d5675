//! Batched matmul: tiled kernel on strided operands, split along K (accumulating into
//! the output) so no invocation's loops approach llvmpipe's budget, and along batches,
//! rows and columns when an operand's window would exceed one storage binding.

use super::context::{Bind, Limits, WgpuBackend};
use super::kernels::{self, MatmulTiling};
use super::memory::WgpuStorage;
use super::wgsl::device_size;
use crate::backend::View;
use crate::dtype::DType;
use crate::error::Result;
use crate::layout::{box_reaches, collapse, flat_offset, reach};

/// K elements per dispatch: 1024 iterations of the 16-wide k loop, each costing ~18
/// loop iterations per invocation — well under 65535.
const K_CHUNK: usize = 16384;
/// Output tiles of the large kernel a product needs before it is used: with fewer,
/// the small kernel's four times as many workgroups keep more of a GPU busy (on
/// lavapipe, 512² runs at 11 GFLOP/s with 64-tiles against 9.5 with 128-tiles; 1024²
/// — 64 large tiles — at 10.4 against 12.6–13.3).
const LARGE_MIN_TILES: usize = 64;

/// The kernel shape for `count` products of `m × n` outputs.
fn tiling(limits: &Limits, esize: u64, count: usize, m: usize, n: usize) -> MatmulTiling {
    let large = MatmulTiling::LARGE;
    let tiles = count * m.div_ceil(large.tile()) * n.div_ceil(large.tile());
    let fits = large.staging_bytes(esize) <= u64::from(limits.workgroup_storage)
        && (large.threads * large.threads) as u32 <= limits.workgroup_invocations;
    if fits && tiles >= LARGE_MIN_TILES {
        large
    } else {
        MatmulTiling::SMALL
    }
}

struct Operand {
    offset: isize,
    rs: isize,
    cs: isize,
    batch_strides: Vec<isize>,
}

impl Operand {
    /// Storage span of rows `r0..r1` × cols `c0..c1` over batches `b0..b1` (row-major
    /// batch index over `batch`).
    fn span(&self, batch: &[usize], b: (usize, usize), r: (usize, usize), c: (usize, usize)) -> (i64, i64) {
        let mut reaches: Vec<i64> = Vec::with_capacity(batch.len() + 2);
        let mut base = self.offset as i64 + r.0 as i64 * self.rs as i64 + c.0 as i64 * self.cs as i64;
        // Batches: conservative over the whole batch extent unless a single batch.
        if b.1 - b.0 == 1 {
            base += flat_offset(b.0, batch, &self.batch_strides) as i64;
        } else {
            reaches.extend(box_reaches(batch, &self.batch_strides));
        }
        reaches.push((r.1 - r.0).saturating_sub(1) as i64 * self.rs as i64);
        reaches.push((c.1 - c.0).saturating_sub(1) as i64 * self.cs as i64);
        reach(base, reaches)
    }
}

impl WgpuBackend {
    /// `[..batch, m, k] @ [..batch, k, n]` into a new contiguous `[..batch, m, n]`.
    pub(super) fn matmul_views(
        &self,
        dtype: DType,
        a: View<'_, WgpuStorage>,
        b: View<'_, WgpuStorage>,
    ) -> Result<WgpuStorage> {
        let nd = a.layout.ndim();
        let (m, k, n) = (a.layout.shape()[nd - 2], a.layout.shape()[nd - 1], b.layout.shape()[nd - 1]);
        let batch_full = &a.layout.shape()[..nd - 2];
        let count: usize = batch_full.iter().product();
        let esize = device_size(dtype) as u64;
        if (m == 1 || n == 1) && count * m * n > 0 && k > 0 {
            return self.matvec_views(dtype, a, b);
        }
        let out = self.pool.take((count * m * n) as u64 * esize)?;
        if count * m * n == 0 {
            return Ok(out);
        }
        if k == 0 {
            self.clear(out.buffer(), 0, ((count * m * n) as u64 * esize).next_multiple_of(4))?;
            return Ok(out);
        }
        // Collapse batch dims jointly for both operands.
        let (sa, sb) = (a.layout.strides(), b.layout.strides());
        let cb = collapse(batch_full, &[&sa[..nd - 2], &sb[..nd - 2]]);
        let batch = cb.shape.clone();
        let oa = Operand {
            offset: a.layout.offset() as isize,
            rs: sa[nd - 2],
            cs: sa[nd - 1],
            batch_strides: cb.strides[0].clone(),
        };
        let ob = Operand {
            offset: b.layout.offset() as isize,
            rs: sb[nd - 2],
            cs: sb[nd - 1],
            batch_strides: cb.strides[1].clone(),
        };
        let tiling = tiling(&self.limits, esize, count, m, n);
        let tile = tiling.tile();
        let key = format!("mm|{dtype:?}|{}|{}x{}", batch.len(), tiling.threads, tiling.block);
        let kernel = self.kernel(&key, || kernels::matmul_source(dtype, batch.len(), tiling))?;
        let limit = self.chunk_limit();
        let max_z = self.limits.max_groups as usize;

        // Chunk sizes: batches, then rows and columns (multiples of the tile), then K.
        let fits = |bc: usize, rc: usize, cc: usize, kc: usize| {
            let a_span = oa.span(&batch, (0, bc), (0, rc), (0, kc));
            let b_span = ob.span(&batch, (0, bc), (0, kc), (0, cc));
            let c_span = (bc.saturating_sub(1) * m * n + rc * n) as u64;
            (a_span.1 - a_span.0) as u64 * esize <= limit
                && (b_span.1 - b_span.0) as u64 * esize <= limit
                && c_span * esize <= limit
        };
        let kc = K_CHUNK.min(k);
        let (mut bc, mut rc, mut cc) = (count.min(max_z), m, n);
        while bc > 1 && !fits(bc, rc, cc, kc) {
            bc = bc.div_ceil(2);
        }
        while rc > tile && !fits(bc, rc, cc, kc) {
            rc = (rc / 2).next_multiple_of(tile);
        }
        while cc > tile && !fits(bc, rc, cc, kc) {
            cc = (cc / 2).next_multiple_of(tile);
        }
        let mut kc = kc;
        while kc > 16 && !fits(bc, rc, cc, kc) {
            kc = (kc / 2).next_multiple_of(16);
        }
        let a_buf = a.storage.buffer();
        let b_buf = b.storage.buffer();
        for b0 in (0..count).step_by(bc) {
            let nb = bc.min(count - b0);
            for r0 in (0..m).step_by(rc) {
                let nr = rc.min(m - r0);
                for c0 in (0..n).step_by(cc) {
                    let ncol = cc.min(n - c0);
                    for k0 in (0..k).step_by(kc) {
                        let k1 = (k0 + kc).min(k);
                        let (alo, ahi) = oa.span(&batch, (b0, b0 + nb), (r0, r0 + nr), (k0, k1));
                        let (blo, bhi) = ob.span(&batch, (b0, b0 + nb), (k0, k1), (c0, c0 + ncol));
                        let c_lo = (b0 * m * n + r0 * n) as u64;
                        let c_hi = ((b0 + nb - 1) * m * n + (r0 + nr) * n) as u64;
                        let (cbind, cbase) = self.window(out.buffer(), esize, c_lo, c_hi);
                        let (abind, abase) = self.window(a_buf, esize, alo.max(0) as u64, ahi as u64);
                        let (bbind, bbase) = self.window(b_buf, esize, blo.max(0) as u64, bhi as u64);
                        let mut meta: Vec<u32> = vec![
                            m as u32,
                            n as u32,
                            k0 as u32,
                            k1 as u32,
                            u32::from(k0 > 0),
                            (oa.offset - abase as isize) as u32,
                            (ob.offset - bbase as isize) as u32,
                            0u32.wrapping_sub(cbase as u32),
                            oa.rs as i32 as u32,
                            oa.cs as i32 as u32,
                            ob.rs as i32 as u32,
                            ob.cs as i32 as u32,
                            b0 as u32,
                            r0 as u32,
                            c0 as u32,
                        ];
                        meta.extend(batch.iter().map(|&d| d as u32));
                        meta.extend(oa.batch_strides.iter().map(|&s| s as i32 as u32));
                        meta.extend(ob.batch_strides.iter().map(|&s| s as i32 as u32));
                        let meta: Vec<u8> = bytemuck::cast_slice(&meta).to_vec();
                        let grid = [ncol.div_ceil(tile) as u32, nr.div_ceil(tile) as u32, nb as u32];
                        self.dispatch_grid(&kernel, &[cbind, Bind::Data(&meta), abind, bbind], grid)?;
                    }
                }
            }
        }
        Ok(out)
    }
}

impl WgpuBackend {
    /// The naive kernel on dense 2-D operands within one binding (benchmark baseline for
    /// the tiled kernel).
    pub(crate) fn matmul_naive(
        &self,
        dtype: DType,
        a: View<'_, WgpuStorage>,
        b: View<'_, WgpuStorage>,
    ) -> Result<WgpuStorage> {
        let (m, k, n) = (a.layout.shape()[0], a.layout.shape()[1], b.layout.shape()[1]);
        let esize = device_size(dtype) as u64;
        let out = self.pool.take((m * n) as u64 * esize)?;
        let kernel = self.kernel(&format!("mmnaive|{dtype:?}"), || kernels::matmul_naive_source(dtype))?;
        for k0 in (0..k).step_by(K_CHUNK) {
            let k1 = (k0 + K_CHUNK).min(k);
            let meta = [m as u32, n as u32, k as u32, k0 as u32, k1 as u32, u32::from(k0 > 0)];
            let meta: Vec<u8> = bytemuck::cast_slice(&meta).to_vec();
            let binds = [
                Bind::whole(out.buffer()),
                Bind::Data(&meta),
                Bind::whole(a.storage.buffer()),
                Bind::whole(b.storage.buffer()),
            ];
            self.dispatch_grid(&kernel, &binds, [n.div_ceil(16) as u32, m.div_ceil(16) as u32, 1])?;
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(workgroup_storage: u32) -> Limits {
        Limits {
            max_binding: 1 << 27,
            max_buffer: 1 << 30,
            align: 256,
            max_groups: 65535,
            workgroup_storage,
            workgroup_invocations: 256,
            subgroup_max: 8,
        }
    }

    #[test]
    fn large_tiles_only_for_many_tiles_that_fit() {
        let l = limits(32768);
        // The shapes tests/linalg.rs uses to reach the large kernel.
        for (count, m, n) in [(64, 129, 130), (16, 130, 260), (1, 1030, 1031), (1, 2048, 2048)] {
            assert_eq!(tiling(&l, 4, count, m, n), MatmulTiling::LARGE, "{count} x {m}x{n}");
            assert_eq!(tiling(&l, 8, count, m, n), MatmulTiling::LARGE, "f64 {count} x {m}x{n}");
        }
        for (count, m, n) in [(1, 512, 512), (1, 67, 33), (63, 128, 128), (1, 1024, 896)] {
            assert_eq!(tiling(&l, 4, count, m, n), MatmulTiling::SMALL, "{count} x {m}x{n}");
        }
        // f64 tiles need 32 KiB of workgroup memory; WebGPU's default limit is 16 KiB.
        let small = limits(16384);
        assert_eq!(tiling(&small, 4, 1, 2048, 2048), MatmulTiling::LARGE);
        assert_eq!(tiling(&small, 8, 1, 2048, 2048), MatmulTiling::SMALL);
        assert_eq!(MatmulTiling::SMALL.staging_bytes(8), 16384);
    }
}
