//! `take` and `take_along_axis` on wgpu: one gather kernel (`shaders/take.wgsl`) that
//! copies elements by bits.
//!
//! A gather may read anywhere in its source, so no contiguous output range bounds what
//! it reads. When the source (or the indices, or the output) spans more than one
//! storage binding, the kernel runs once per combination of windows, and each pass
//! writes only the elements whose source element and index fall in its windows: every
//! element is written by exactly one pass, and arrays up to `max_buffer_size` work.

use super::context::{Bind, WgpuBackend};
use super::kernels;
use super::memory::WgpuStorage;
use super::wgsl::device_size;
use crate::backend::{Gather, View};
use crate::dtype::DType;
use crate::error::Result;
use crate::layout::{box_reaches, collapse, reach};

/// Output elements per invocation of the gather kernel (`PER` in `shaders/take.wgsl`).
const TAKE_PER: u64 = 8;

/// `lo..hi` in pieces of at most `width` elements.
pub(super) fn windows(lo: u64, hi: u64, width: u64) -> Vec<(u64, u64)> {
    let width = width.max(1);
    (lo..hi).step_by(width as usize).map(|a| (a, (a + width).min(hi))).collect()
}

impl WgpuBackend {
    /// See [`crate::backend::Backend::gather`].
    pub(super) fn gather_views(
        &self,
        dtype: DType,
        src: View<'_, WgpuStorage>,
        indices: View<'_, WgpuStorage>,
        index_dtype: DType,
        g: &Gather,
    ) -> Result<WgpuStorage> {
        let esize = device_size(dtype) as u64;
        let index_size = device_size(index_dtype) as u64;
        let n: usize = g.shape.iter().product();
        let out = self.pool.take(n as u64 * esize)?;
        if n == 0 {
            return Ok(out);
        }
        let mut c = collapse(&g.shape, &[&g.src_strides, &g.idx_strides]);
        if c.shape.is_empty() {
            c.shape.push(1);
            c.strides.iter_mut().for_each(|s| s.push(0));
        }
        let nd = c.shape.len();
        // Rows copied whole (the innermost dimension dense in the source, one index per
        // run) move as 16-byte words when every row starts on one: f elements a word.
        let f = (16 / esize) as usize;
        let last = nd - 1;
        let (src_off, step) = (src.layout.offset(), g.step);
        let f = if c.strides[0][last] == 1
            && c.strides[1][last] == 0
            && c.shape[last].is_multiple_of(f)
            && src_off.is_multiple_of(f)
            && step % f as isize == 0
            && c.strides[0][..last].iter().all(|&x| x % f as isize == 0)
        {
            c.shape[last] /= f;
            c.strides[0][..last].iter_mut().for_each(|x| *x /= f as isize);
            f
        } else {
            1
        };
        let (word, src_off, step, n) = (esize * f as u64, src_off / f, step / f as isize, n / f);
        let key = format!("take|{word}|{index_dtype:?}|{nd}");
        let kernel = self.kernel(&key, || kernels::take_source(word as usize, index_dtype, nd))?;

        // What each binding may hold, and the windows covering what the op reads (in words).
        let (slo, shi) = reach(src.layout.offset() as i64, box_reaches(src.layout.shape(), src.layout.strides()));
        let (ilo, ihi) =
            reach(indices.layout.offset() as i64, box_reaches(indices.layout.shape(), indices.layout.strides()));
        let limit = self.chunk_limit();
        let src_windows = windows(slo as u64 / f as u64, (shi as u64).div_ceil(f as u64), limit / word);
        let idx_windows = windows(ilo as u64, ihi as u64, limit / index_size);
        let out_windows = windows(0, n as u64, limit / word);

        let mut meta_tail: Vec<u32> = c.shape.iter().map(|&d| d as u32).collect();
        for s in &c.strides {
            meta_tail.extend(s.iter().map(|&x| x as i32 as u32));
        }
        for &(o0, o1) in &out_windows {
            let (ob, obase) = self.window(out.buffer(), word, o0, o1);
            for &(i0, i1) in &idx_windows {
                let (ib, ibase) = self.window(indices.storage.buffer(), index_size, i0, i1);
                for &(s0, s1) in &src_windows {
                    let (sb, sbase) = self.window(src.storage.buffer(), word, s0, s1);
                    let mut meta: Vec<u32> = vec![
                        (o1 - o0) as u32,
                        o0 as u32,
                        obase as u32,
                        src_off as u32,
                        sbase as u32,
                        s0 as u32,
                        s1 as u32,
                        indices.layout.offset() as u32,
                        ibase as u32,
                        i0 as u32,
                        i1 as u32,
                        g.len as u32,
                        step as i32 as u32,
                    ];
                    meta.extend_from_slice(&meta_tail);
                    let bytes: Vec<u8> = bytemuck::cast_slice(&meta).to_vec();
                    let binds = [ob, Bind::Data(&bytes), sb, ib];
                    self.dispatch(&kernel, &binds, (o1 - o0).div_ceil(256 * TAKE_PER))?;
                }
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::windows;

    #[test]
    fn windows_cover_the_range_in_order() {
        assert_eq!(windows(3, 10, 4), vec![(3, 7), (7, 10)]);
        assert_eq!(windows(0, 4, 4), vec![(0, 4)]);
        assert_eq!(windows(5, 5, 4), vec![]);
    }
}
