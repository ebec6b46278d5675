//! `argsort` on wgpu: a bitonic sorting network over the rows of a `[rows, n]` array
//! (`shaders/sort.wgsl`), on order-preserving integer keys paired with positions.
//!
//! Rows are padded, virtually, to `p = 2^logp`. A first pass sorts every block of
//! `BLOCK` positions in workgroup memory, making the keys from the source's bits on
//! the way in (all stages with `k ≤ BLOCK`). Each later stage `k` is a flip step and
//! disperse steps with `j ≥ BLOCK` — one compare-exchange per invocation, across the
//! row — and then one more workgroup-memory pass for its steps with `j < BLOCK`: for a
//! row of 2^24 elements, 120 dispatches. Rows are sorted in groups whose keys, indices
//! and source each fit one storage binding; a row longer than that is
//! [`Error::TooLarge`]. Also `searchsorted`: a binary search per value in the same order.

use super::context::{Bind, WgpuBackend};
use super::gather::windows;
use super::kernels;
use super::memory::WgpuStorage;
use super::wgsl::device_size;
use crate::backend::View;
use crate::dtype::DType;
use crate::error::{Error, Result};

/// Positions a workgroup sorts in workgroup memory (`BLOCK` in `shaders/sort.wgsl`).
const BLOCK: u64 = 1024;

/// One dispatch of the network.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Step {
    /// Sort blocks of `BLOCK` positions through stages `k_lo..=k_hi` in workgroup memory
    /// (for `k > BLOCK`, only the steps with `j < BLOCK`); `first` reads the source.
    Local { k_lo: u64, k_hi: u64, first: bool },
    /// One compare-exchange per invocation: the flip step of stage `k` (`j == 0`) or
    /// the disperse step `j` of it.
    Global { k: u64, j: u64 },
}

/// The network's dispatches for rows padded to `p` positions.
fn steps(p: u64) -> Vec<Step> {
    let mut out = vec![Step::Local { k_lo: 2, k_hi: p.min(BLOCK), first: true }];
    let mut k = 2 * BLOCK;
    while k <= p {
        out.push(Step::Global { k, j: 0 });
        let mut j = k / 4;
        while j >= BLOCK {
            out.push(Step::Global { k, j });
            j /= 2;
        }
        out.push(Step::Local { k_lo: k, k_hi: k, first: false });
        k *= 2;
    }
    out
}

impl WgpuBackend {
    /// See [`crate::backend::Backend::argsort`].
    pub(super) fn argsort_rows(&self, dtype: DType, src: View<'_, WgpuStorage>) -> Result<WgpuStorage> {
        let esize = device_size(dtype) as u64;
        let (rows, n) = (src.layout.shape()[0] as u64, src.layout.shape()[1] as u64);
        let idx = self.pool.take(rows * n * 4)?;
        if rows * n == 0 {
            return Ok(idx);
        }
        let limit = self.chunk_limit();
        if n * esize > limit {
            return Err(Error::TooLarge {
                what: "row to sort (one storage binding)",
                bytes: n * esize,
                limit,
                device: self.name.clone(),
            });
        }
        let keys = self.pool.take(rows * n * esize)?;
        let logp = n.next_power_of_two().trailing_zeros();
        // Rows per group: their keys fit a binding, and so does the span of the source
        // they read (rows of a view may lie apart, or on top of each other).
        let per = limit / esize;
        let row_stride = src.layout.strides()[0].unsigned_abs() as u64;
        let by_source = (per - n).checked_div(row_stride).map_or(rows, |g| g + 1);
        let group = (per / n).min(by_source).max(1);
        for r0 in (0..rows).step_by(group as usize) {
            self.argsort_group(dtype, src, (&keys, &idx), (r0, (r0 + group).min(rows)), logp)?;
        }
        Ok(idx)
    }

    /// Runs the whole network over rows `r0..r1`.
    fn argsort_group(
        &self,
        dtype: DType,
        src: View<'_, WgpuStorage>,
        (keys, idx): (&WgpuStorage, &WgpuStorage),
        (r0, r1): (u64, u64),
        logp: u32,
    ) -> Result<()> {
        let p = 1u64 << logp;
        let esize = device_size(dtype) as u64;
        let n = src.layout.shape()[1] as u64;
        let rows = r1 - r0;
        let (kb, kbase) = self.window(keys.buffer(), esize, r0 * n, r1 * n);
        let (ib, ibase) = self.window(idx.buffer(), 4, r0 * n, r1 * n);
        let row_stride = src.layout.strides()[0] as u64;
        let s_lo = src.layout.offset() as u64 + r0 * row_stride;
        let s_hi = s_lo + (rows - 1) * row_stride + n;
        let (sb, sbase) = self.window(src.storage.buffer(), esize, s_lo, s_hi);
        for step in steps(p) {
            let (local, first, a, b, count, groups) = match step {
                Step::Local { k_lo, k_hi, first } => {
                    let blocks = (rows * p).div_ceil(BLOCK);
                    (true, first, k_lo, k_hi, blocks, blocks)
                }
                Step::Global { k, j } => {
                    let pairs = rows * p / 2;
                    (false, false, k, j, pairs, pairs.div_ceil(256))
                }
            };
            let key = format!("argsort|{dtype:?}|{local}|{first}");
            let kernel = self.kernel(&key, || kernels::sort_source(dtype, local, first))?;
            let meta: Vec<u32> = vec![
                rows as u32,
                n as u32,
                logp,
                a as u32,
                b as u32,
                (r0 * n - kbase) as u32,
                (r0 * n - ibase) as u32,
                (s_lo - sbase) as u32,
                count as u32,
                row_stride as u32,
            ];
            let bytes: Vec<u8> = bytemuck::cast_slice(&meta).to_vec();
            let mut binds = vec![kb, Bind::Data(&bytes), ib];
            if first {
                binds.push(sb);
            }
            self.dispatch(&kernel, &binds, groups)?;
        }
        Ok(())
    }
}

impl WgpuBackend {
    /// See [`crate::backend::Backend::search`]: one pass per (chunk of values, window
    /// of the sorted array), each adding its window's count.
    pub(super) fn search_views(
        &self,
        dtype: DType,
        sorted: View<'_, WgpuStorage>,
        values: View<'_, WgpuStorage>,
        right: bool,
    ) -> Result<WgpuStorage> {
        let esize = device_size(dtype) as u64;
        let (len, n) = (sorted.layout.len() as u64, values.layout.len() as u64);
        let out = self.pool.take(n * 4)?;
        let key = format!("search|{dtype:?}|{right}");
        let kernel = self.kernel(&key, || kernels::search_source(dtype, right))?;
        let per = self.chunk_limit() / esize;
        let (s_off, v_off) = (sorted.layout.offset() as u64, values.layout.offset() as u64);
        for (v0, v1) in windows(0, n, per) {
            let (vb, vbase) = self.window(values.storage.buffer(), esize, v_off + v0, v_off + v1);
            let (ob, obase) = self.window(out.buffer(), 4, v0, v1);
            for (pass, (s0, s1)) in windows(0, len.max(1), per).into_iter().enumerate() {
                let s1 = s1.min(len);
                let (sb, sbase) = self.window(sorted.storage.buffer(), esize, s_off + s0, s_off + s1);
                let meta: Vec<u32> = vec![
                    (v1 - v0) as u32,
                    (s1 - s0) as u32,
                    (s_off + s0 - sbase) as u32,
                    (v_off + v0 - vbase) as u32,
                    (v0 - obase) as u32,
                    u32::from(pass > 0),
                ];
                let bytes: Vec<u8> = bytemuck::cast_slice(&meta).to_vec();
                self.dispatch(&kernel, &[ob, Bind::Data(&bytes), sb, vb], (v1 - v0).div_ceil(256))?;
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::{steps, Step, BLOCK};

    #[test]
    fn the_network_has_every_stage_once() {
        assert_eq!(steps(8), vec![Step::Local { k_lo: 2, k_hi: 8, first: true }]);
        let s = steps(1 << 24);
        // 1 first pass; per stage k = 2^11 .. 2^24 a flip, log2(k) - 11 disperse steps
        // with j >= BLOCK, and a local merge.
        assert_eq!(s.len(), 1 + (11..=24).map(|l| 2 + (l - 11)).sum::<usize>());
        assert_eq!(s.len(), 120);
        assert!(s.iter().all(|st| match *st {
            Step::Global { j, .. } => j == 0 || j >= BLOCK,
            Step::Local { .. } => true,
        }));
    }
}
