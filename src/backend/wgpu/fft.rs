//! Power-of-two FFTs (see [`crate::backend::Backend::fft`]): transforms that fit in
//! workgroup memory in one dispatch (`shaders/fft_local.wgsl`, every step between
//! barriers); longer ones one dispatch per radix-2 Stockham step (`shaders/fft.wgsl`),
//! each split into windows of the output whose inputs fit one binding when the data is
//! larger than a binding.

use super::context::Bind;
use super::gather::windows;
use super::kernels;
use super::memory::WgpuStorage;
use super::wgsl::device_size;
use super::WgpuBackend;
use crate::backend::View;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::layout::Layout;

/// Ranges `[g0, g1)` of the output (values of all `total / n` transforms of length `n`,
/// butterflies of half-length `h`) to run one dispatch each, so that the values read for
/// a range — `E` at `E(g0)..=E(g1 - 1)` and `O` the same shifted by `h` — and the range
/// itself span at most `per` values. Whole transforms while one fits in `per`; else rows
/// of each half (`2h` apart in the input), or parts of one row when a row is longer.
fn plan(total: u64, n: u64, h: u64, per: u64) -> Vec<(u64, u64)> {
    if n <= per {
        return windows(0, total, per / n * n);
    }
    let mut out = Vec::new();
    let (half, l) = (n / 2, n / (2 * h));
    for start in (0..total).step_by(half as usize) {
        if h <= per / 2 {
            let rows = per / 2 / h;
            out.extend(windows(start, start + half, rows * h));
        } else {
            for k in 0..l {
                out.extend(windows(start + k * h, start + (k + 1) * h, per / 2));
            }
        }
    }
    out
}

/// Where output value `g` reads `E` (its `O` is `h` further): `b·n + 2h·k + c`.
fn e_index(g: u64, n: u64, h: u64) -> (u64, u64) {
    let j = g % n;
    let p = if j >= n / 2 { j - n / 2 } else { j };
    let k = p / h;
    (g - j + p + k * h, k)
}

impl WgpuBackend {
    /// See [`crate::backend::Backend::fft`].
    pub(super) fn fft_view(
        &self,
        dtype: DType,
        src: View<'_, WgpuStorage>,
        twiddles: View<'_, WgpuStorage>,
        n: usize,
        radices: &[usize],
    ) -> Result<WgpuStorage> {
        let pair = 2 * device_size(dtype) as u64;
        let total = (src.layout.len() / 2) as u64;
        if !src.layout.offset().is_multiple_of(2)
            || !twiddles.layout.offset().is_multiple_of(2)
            || total > u64::from(u32::MAX)
        {
            return Err(Error::TooLarge {
                what: "FFT input (or one at an odd offset)",
                bytes: total * pair,
                limit: u64::from(u32::MAX) * pair,
                device: self.name.clone(),
            });
        }
        if !n.is_power_of_two() {
            let flat = Layout::contiguous(&[src.layout.len()]);
            let (mut out, mut l): (Option<WgpuStorage>, usize) = (None, 1);
            for &r in radices {
                let from = match &out {
                    Some(prev) => View { storage: prev, layout: &flat },
                    None => View { storage: src.storage, layout: src.layout },
                };
                out = Some(self.fft_radix(dtype, from, twiddles, n, (r, l))?);
                l *= r;
            }
            return out.ok_or_else(|| Error::InvalidArgument {
                op: "fft",
                reason: format!("internal: no radices for length {n}"),
            });
        }
        // Pairs per workgroup of the in-memory kernel: two buffers in workgroup memory.
        let local = (u64::from(self.limits.workgroup_storage) / (2 * pair)).min(1024);
        let local = if local < 2 { 0 } else { 1 << local.ilog2() };
        if n as u64 <= local {
            return self.fft_local(dtype, src, twiddles, n, local);
        }
        let flat = Layout::contiguous(&[src.layout.len()]);
        let mut out = self.fft_step(dtype, src, twiddles, n, 1)?;
        for s in 1..n.trailing_zeros() {
            out = self.fft_step(dtype, View { storage: &out, layout: &flat }, twiddles, n, 1 << s)?;
        }
        Ok(out)
    }

    /// An FFT pass's sizes, in (re, im) pairs: bytes per pair, pairs in `src`, the first
    /// pair of `src` and of `twiddles`; and its output buffer.
    fn fft_pass(
        &self,
        dtype: DType,
        src: &View<'_, WgpuStorage>,
        twiddles: &View<'_, WgpuStorage>,
    ) -> Result<(u64, u64, u64, u64, WgpuStorage)> {
        let pair = 2 * device_size(dtype) as u64;
        let total = (src.layout.len() / 2) as u64;
        let (src_off, tw_off) = (src.layout.offset() as u64 / 2, twiddles.layout.offset() as u64 / 2);
        Ok((pair, total, src_off, tw_off, self.pool.take(total * pair)?))
    }

    /// Every step of transforms of `n ≤ pairs` values in workgroup memory, `pairs` values
    /// per workgroup, one dispatch per window of whole workgroups that fits a binding.
    fn fft_local(
        &self,
        dtype: DType,
        src: View<'_, WgpuStorage>,
        twiddles: View<'_, WgpuStorage>,
        n: usize,
        pairs: u64,
    ) -> Result<WgpuStorage> {
        let (pair, total, src_off, tw_off, out) = self.fft_pass(dtype, &src, &twiddles)?;
        let kernel = self.kernel(&format!("fft_local|{dtype}|{pairs}"), || kernels::fft_local_source(dtype, pairs))?;
        let (tw, w_base) = self.window(twiddles.storage.buffer(), pair, tw_off, tw_off + n as u64 / 2);
        let per = (self.chunk_limit() / pair / pairs).max(1) * pairs;
        for (g0, g1) in windows(0, total, per) {
            let (xb, x_base) = self.window(src.storage.buffer(), pair, src_off + g0, src_off + g1);
            let (ob, out_base) = self.window(out.buffer(), pair, g0, g1);
            let args: [u32; 5] = [
                (g1 - g0) as u32,
                (src_off + g0 - x_base) as u32,
                (g0 - out_base) as u32,
                (tw_off - w_base) as u32,
                n.trailing_zeros(),
            ];
            let bytes: Vec<u8> = bytemuck::cast_slice(&args).to_vec();
            self.dispatch(&kernel, &[ob, Bind::Data(&bytes), xb, tw], (g1 - g0).div_ceil(pairs))?;
        }
        Ok(out)
    }

    /// The step of radix `r` after `l` (see [`crate::backend::Backend::fft`]), in
    /// windows of whole transforms; a transform larger than a binding is `TooLarge`.
    fn fft_radix(
        &self,
        dtype: DType,
        src: View<'_, WgpuStorage>,
        twiddles: View<'_, WgpuStorage>,
        n: usize,
        (r, l): (usize, usize),
    ) -> Result<WgpuStorage> {
        let (pair, total, src_off, tw_off, out) = self.fft_pass(dtype, &src, &twiddles)?;
        let per = self.chunk_limit() / pair;
        let n = n as u64;
        if n > per {
            let limit = per * pair;
            return Err(Error::TooLarge {
                what: "FFT of a length not a power of two",
                bytes: n * pair,
                limit,
                device: self.name.clone(),
            });
        }
        let kernel = self.kernel(&format!("fft_radix|{dtype}"), || kernels::fft_radix_source(dtype))?;
        let (tw, w_base) = self.window(twiddles.storage.buffer(), pair, tw_off, tw_off + n);
        for (g0, g1) in windows(0, total, per / n * n) {
            let (xb, x_base) = self.window(src.storage.buffer(), pair, src_off + g0, src_off + g1);
            let (ob, out_base) = self.window(out.buffer(), pair, g0, g1);
            let args: [u32; 9] = [
                (g1 - g0) as u32,
                g0 as u32,
                n as u32,
                l as u32,
                r as u32,
                (n / l as u64 / r as u64) as u32,
                (x_base as u32).wrapping_sub(src_off as u32),
                (w_base as u32).wrapping_sub(tw_off as u32),
                out_base as u32,
            ];
            let bytes: Vec<u8> = bytemuck::cast_slice(&args).to_vec();
            self.dispatch(&kernel, &[ob, Bind::Data(&bytes), xb, tw], (g1 - g0).div_ceil(256))?;
        }
        Ok(out)
    }

    /// Step `l` of the transforms (see [`crate::backend::Backend::fft`]) over the whole
    /// array, in windows when it is larger than a binding.
    fn fft_step(
        &self,
        dtype: DType,
        src: View<'_, WgpuStorage>,
        twiddles: View<'_, WgpuStorage>,
        n: usize,
        l: usize,
    ) -> Result<WgpuStorage> {
        let (pair, total, src_off, tw_off, out) = self.fft_pass(dtype, &src, &twiddles)?;
        let (n, h) = (n as u64, (n / l / 2) as u64);
        let kernel = self.kernel(&format!("fft|{dtype}"), || kernels::fft_source(dtype))?;
        let per = self.chunk_limit() / pair;
        for (g0, g1) in plan(total, n, h, per) {
            let ((e_lo, k_lo), (e_hi, k_hi)) = (e_index(g0, n, h), e_index(g1 - 1, n, h));
            let (xe, e_base) = self.window(src.storage.buffer(), pair, src_off + e_lo, src_off + e_hi + 1);
            let (xo, o_base) = self.window(src.storage.buffer(), pair, src_off + e_lo + h, src_off + e_hi + h + 1);
            let (tw, w_base) = self.window(twiddles.storage.buffer(), pair, tw_off + k_lo * h, tw_off + k_hi * h + 1);
            let (ob, out_base) = self.window(out.buffer(), pair, g0, g1);
            // Global index minus binding base, in wrapping u32 arithmetic (as the kernel's).
            let base = |b: u64, off: u64| b.wrapping_sub(off) as u32;
            let args: [u32; 9] = [
                (g1 - g0) as u32,
                g0 as u32,
                n.trailing_zeros(),
                l as u32,
                h.trailing_zeros(),
                base(e_base, src_off),
                base(o_base, src_off),
                base(w_base, tw_off),
                out_base as u32,
            ];
            let bytes: Vec<u8> = bytemuck::cast_slice(&args).to_vec();
            self.dispatch(&kernel, &[ob, Bind::Data(&bytes), xe, xo, tw], (g1 - g0).div_ceil(256))?;
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::{e_index, plan};

    /// Every output value once, in order; each range's reads within `per` values.
    fn check(total: u64, n: u64, h: u64, per: u64) {
        let ranges = plan(total, n, h, per);
        let mut next = 0;
        for &(g0, g1) in &ranges {
            assert_eq!(g0, next, "n={n} h={h} per={per}: {ranges:?}");
            assert!(g1 > g0 && g1 - g0 <= per);
            let lo = e_index(g0, n, h).0;
            let hi = e_index(g1 - 1, n, h).0;
            // Every E read by the range lies in [lo, hi], as the windows assume.
            for g in g0..g1 {
                let e = e_index(g, n, h).0;
                assert!(lo <= e && e <= hi, "n={n} h={h} per={per} g={g}");
            }
            assert!(hi + 1 - lo <= per, "n={n} h={h} per={per}: E span {lo}..={hi}");
            next = g1;
        }
        assert_eq!(next, total);
    }

    #[test]
    fn windows_cover_the_output_and_bound_the_reads() {
        for log_n in 1..=7u32 {
            let n = 1u64 << log_n;
            for log_h in 0..log_n {
                for per in [4, 6, 8, 13, 16, 64, 1000] {
                    check(3 * n, n, 1 << log_h, per);
                }
            }
        }
    }
}
