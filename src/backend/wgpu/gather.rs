//! `take` and `take_along_axis` on wgpu: one gather kernel (`shaders/take.wgsl`) that
//! copies elements by bits; its inverse, the scatter of `put` (`shaders/scatter.wgsl`);
//! and the counting scatter of `bincount` (`shaders/bincount.wgsl`).
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
use crate::error::{Error, Result};
use crate::layout::{box_reaches, collapse, reach, Layout};

/// Bins a `bincount` workgroup counts in workgroup memory (`BINS` in
/// `shaders/bincount.wgsl`), and values per invocation (`PER`).
const BINCOUNT_LOCAL: u64 = 4096;
const BINCOUNT_PER: u64 = 16;

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

/// The values of a chunk of the f64 scatter-add in the order of their positions.
enum Order {
    /// Keys and values copied into groups of equal keys.
    Grouped(WgpuStorage, WgpuStorage),
    /// The sorting permutation of the keys.
    Permuted(WgpuStorage),
}

/// One pass of a scatter (`put`, `scatter_add`): a window of the destination and a chunk
/// of the indices and values, each bound as a window of its buffer.
struct ScatterPass<'a> {
    /// Destination elements `d0..d1` (relative to the scattered range) in this pass.
    d: (u64, u64),
    dst: Bind<'a>,
    /// Where element `d0` of the range sits in the `dst` binding.
    dst_first: u64,
    /// Indices `i0..i1` (and their values) in this pass.
    i: (u64, u64),
    idx: Bind<'a>,
    /// Where index `i0` sits in the `idx` binding.
    idx_first: u64,
    val: Bind<'a>,
    /// Where value `i0` sits in the `val` binding.
    val_first: u64,
}

impl WgpuBackend {
    /// The passes of a scatter of `indices`/`values` into `len` elements of `dst` from
    /// `dst_off`, grouped by destination window (every chunk of the indices once per
    /// window), each binding within the storage binding limit.
    fn scatter_passes<'a>(
        &self,
        dst: &'a wgpu::Buffer,
        esize: u64,
        (dst_off, len): (u64, u64),
        indices: &View<'a, WgpuStorage>,
        values: &View<'a, WgpuStorage>,
    ) -> Vec<Vec<ScatterPass<'a>>> {
        let per = self.chunk_limit() / esize.max(4);
        let (i_off, v_off) = (indices.layout.offset() as u64, values.layout.offset() as u64);
        let step = values.layout.strides()[0] as u64;
        let chunks = windows(0, indices.layout.len() as u64, per);
        let plan = |(d0, d1): (u64, u64)| {
            let (db, dbase) = self.window(dst, esize, dst_off + d0, dst_off + d1);
            let pass = |&(i0, i1): &(u64, u64)| {
                let (ib, ibase) = self.window(indices.storage.buffer(), 4, i_off + i0, i_off + i1);
                let (vlo, vhi) = (v_off + i0 * step, v_off + (i1 - 1) * step + 1);
                let (vb, vbase) = self.window(values.storage.buffer(), esize, vlo, vhi);
                ScatterPass {
                    d: (d0, d1),
                    dst: db,
                    dst_first: dst_off + d0 - dbase,
                    i: (i0, i1),
                    idx: ib,
                    idx_first: i_off + i0 - ibase,
                    val: vb,
                    val_first: vlo - vbase,
                }
            };
            chunks.iter().map(pass).collect()
        };
        windows(0, len, per).into_iter().map(plan).collect()
    }

    /// See [`crate::backend::Backend::scatter`]: every chunk of the indices claims the
    /// elements of each window of `dst` for their last writer (an atomic max of `i + 1`
    /// in a zeroed `u32` array the size of `dst`), then every chunk writes where its
    /// claim stands. Claims finish before any write, so a later chunk's claim counts.
    pub(super) fn scatter_views(
        &self,
        dtype: DType,
        dst: &mut WgpuStorage,
        (dst_off, len): (usize, usize),
        indices: View<'_, WgpuStorage>,
        index_dtype: DType,
        values: View<'_, WgpuStorage>,
    ) -> Result<()> {
        let esize = device_size(dtype) as u64;
        let zero = crate::backend::Fill::Constant(crate::dtype::ScalarValue::U32(0));
        let owner = self.fill_new(DType::U32, len, zero)?;
        let claim_key = format!("scatter|{esize}|{index_dtype:?}|claim");
        let write_key = format!("scatter|{esize}|{index_dtype:?}|write");
        let claim = self.kernel(&claim_key, || kernels::scatter_source(esize as usize, index_dtype, true))?;
        let write = self.kernel(&write_key, || kernels::scatter_source(esize as usize, index_dtype, false))?;
        let step = values.layout.strides()[0] as u32;
        let range = (dst_off as u64, len as u64);
        for window in self.scatter_passes(dst.buffer(), esize, range, &indices, &values) {
            for claiming in [true, false] {
                for p in &window {
                    let (ob, obase) = self.window(owner.buffer(), 4, p.d.0, p.d.1);
                    let meta: Vec<u32> = vec![
                        (p.i.1 - p.i.0) as u32,
                        p.idx_first as u32,
                        len as u32,
                        p.d.0 as u32,
                        p.d.1 as u32,
                        (p.d.0 - obase) as u32,
                        p.dst_first as u32,
                        p.i.0 as u32,
                        p.val_first as u32,
                        step,
                    ];
                    let bytes: Vec<u8> = bytemuck::cast_slice(&meta).to_vec();
                    let groups = (p.i.1 - p.i.0).div_ceil(256);
                    if claiming {
                        self.dispatch(&claim, &[ob, Bind::Data(&bytes), p.idx], groups)?;
                    } else {
                        let binds = [ob, Bind::Data(&bytes), p.idx, p.dst, p.val];
                        self.dispatch(&write, &binds, groups)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// See [`crate::backend::Backend::scatter_add`]: one pass per (window of `dst`, chunk
    /// of the indices), adding with atomics; f64, which has no atomics in WGSL, by
    /// sorting ([`WgpuBackend::scatter_add_f64`]).
    pub(super) fn scatter_add_views(
        &self,
        dtype: DType,
        dst: &mut WgpuStorage,
        (dst_off, len): (usize, usize),
        indices: View<'_, WgpuStorage>,
        index_dtype: DType,
        values: View<'_, WgpuStorage>,
    ) -> Result<()> {
        match dtype {
            DType::F32 | DType::I32 | DType::U32 => {}
            DType::F64 => return self.scatter_add_f64(dst, (dst_off, len), indices, index_dtype, values),
            DType::Bool => {
                let reason = "scatter_add adds numbers";
                return Err(Error::Unsupported { dtype, device: self.name.clone(), reason: reason.into() });
            }
        }
        let key = format!("scatter_add|{dtype:?}|{index_dtype:?}");
        let kernel = self.kernel(&key, || kernels::scatter_add_source(dtype, index_dtype))?;
        let step = values.layout.strides()[0] as u32;
        let range = (dst_off as u64, len as u64);
        for p in self.scatter_passes(dst.buffer(), 4, range, &indices, &values).into_iter().flatten() {
            let meta: Vec<u32> = vec![
                (p.i.1 - p.i.0) as u32,
                p.idx_first as u32,
                len as u32,
                p.d.0 as u32,
                p.d.1 as u32,
                p.dst_first as u32,
                p.val_first as u32,
                step,
            ];
            let bytes: Vec<u8> = bytemuck::cast_slice(&meta).to_vec();
            self.dispatch(&kernel, &[p.dst, Bind::Data(&bytes), p.idx, p.val], (p.i.1 - p.i.0).div_ceil(256))?;
        }
        Ok(())
    }

    /// The f64 scatter-add, without 64-bit atomics: per chunk of the indices (as many as
    /// one binding holds f64 values), the values ordered by their wrapped positions, then
    /// the runs of equal positions summed level by level (`shaders/segment_add.wgsl`:
    /// each level 32 times shorter), every run's sum added to its element by one
    /// invocation. The order is a counting sort's (`bincount`, a running total, an atomic
    /// slot per value: `shaders/scatter_group.wgsl`) when the counts of the target fit
    /// one binding and the target is at most 1024 times longer than the values, else
    /// the bitonic [`argsort`]'s (stable, so repeatable; per value ~100× slower on
    /// lavapipe, but it does not pass over the whole target). Values are added in their
    /// group's order within blocks of 64 and in a tree across blocks; a target larger
    /// than one binding repeats the levels once per window of it.
    ///
    /// [`argsort`]: crate::backend::Backend::argsort
    fn scatter_add_f64(
        &self,
        dst: &mut WgpuStorage,
        (dst_off, len): (usize, usize),
        indices: View<'_, WgpuStorage>,
        index_dtype: DType,
        values: View<'_, WgpuStorage>,
    ) -> Result<()> {
        let keys_kernel =
            self.kernel(&format!("scatter_keys|{index_dtype:?}"), || kernels::scatter_keys_source(index_dtype))?;
        let per = self.chunk_limit() / 8;
        // Counting costs a pass over the target's counts (~3 ns per element on lavapipe:
        // 1000 values into 30M elements 94 ms), sorting ~m·log²m (1000 values: 1.8 ms;
        // 100,000: 164 ms against 105 by counting).
        let m_total = indices.layout.len() as u64;
        let counting = len as u64 <= self.chunk_limit() / 4 && len as u64 <= 1024 * m_total;
        let (i_off, v_off) = (indices.layout.offset() as u64, values.layout.offset() as u64);
        let step = values.layout.strides()[0] as u64;
        for (i0, i1) in windows(0, indices.layout.len() as u64, per) {
            let m = i1 - i0;
            let keys = self.pool.take(m * 4)?;
            let (ib, ibase) = self.window(indices.storage.buffer(), 4, i_off + i0, i_off + i1);
            let meta = [m as u32, (i_off + i0 - ibase) as u32, len as u32];
            let binds = [Bind::whole(keys.buffer()), Bind::Data(bytemuck::cast_slice(&meta)), ib];
            self.dispatch(&keys_kernel, &binds, m.div_ceil(256))?;
            let (vlo, vhi) = (v_off + i0 * step, v_off + (i1 - 1) * step + 1);
            let (vb, vbase) = self.window(values.storage.buffer(), 8, vlo, vhi);
            let order = if counting {
                let counts =
                    self.bincount_view(View { storage: &keys, layout: &Layout::contiguous(&[m as usize]) }, len)?;
                let ends = self.scan_view(
                    crate::backend::BinaryOp::Add,
                    DType::U32,
                    View { storage: &counts, layout: &Layout::contiguous(&[1, len, 1]) },
                )?;
                let (grouped_keys, grouped_vals) = (self.pool.take(m * 4)?, self.pool.take(m * 8)?);
                let group = self.kernel("scatter_group", kernels::scatter_group_source)?;
                let meta = [m as u32, (vlo - vbase) as u32, step as u32];
                let binds = [
                    Bind::whole(ends.buffer()),
                    Bind::Data(bytemuck::cast_slice(&meta)),
                    Bind::whole(keys.buffer()),
                    vb,
                    Bind::whole(grouped_keys.buffer()),
                    Bind::whole(grouped_vals.buffer()),
                ];
                self.dispatch(&group, &binds, m.div_ceil(256))?;
                Order::Grouped(grouped_keys, grouped_vals)
            } else {
                let row = Layout::contiguous(&[1, m as usize]);
                Order::Permuted(self.argsort_rows(DType::U32, View { storage: &keys, layout: &row })?)
            };
            for (d0, d1) in windows(0, len as u64, per) {
                let (db, dbase) = self.window(dst.buffer(), 8, dst_off as u64 + d0, dst_off as u64 + d1);
                let meta = [0, d0, d1, dst_off as u64 + d0 - dbase, 0, vlo - vbase, step];
                self.segment_add(db, meta, m, &keys, &order, vb)?;
            }
        }
        Ok(())
    }

    /// The levels of `shaders/segment_add.wgsl` over `m` values in `order`, adding into
    /// the window `dst`; `meta` holds its args (words 0 and 4, the length and the last
    /// level flag, are filled in per level).
    fn segment_add(
        &self,
        dst: Bind<'_>,
        mut meta: [u64; 7],
        m: u64,
        keys: &WgpuStorage,
        order: &Order,
        vals: Bind<'_>,
    ) -> Result<()> {
        /// Positions per invocation (`B` in `shaders/segment_add.wgsl`).
        const BLOCK: u64 = 64;
        let first = self.kernel("segment_add|first", || kernels::segment_add_source(true))?;
        let later = self.kernel("segment_add|later", || kernels::segment_add_source(false))?;
        let mut partial: Option<(WgpuStorage, WgpuStorage)> = None;
        let mut n = m;
        loop {
            let last = n <= BLOCK;
            let blocks = n.div_ceil(BLOCK);
            let outs = if last { 1 } else { 2 * blocks };
            let (out_keys, out_sums) = (self.pool.take(outs * 4)?, self.pool.take(outs * 8)?);
            (meta[0], meta[4]) = (n, u64::from(last));
            let words = meta.map(|w| w as u32);
            let mut binds = vec![
                dst,
                Bind::Data(bytemuck::cast_slice(&words)),
                Bind::whole(out_keys.buffer()),
                Bind::whole(out_sums.buffer()),
            ];
            let kernel = match (&partial, order) {
                (Some((k, s)), _) | (None, Order::Grouped(k, s)) => {
                    binds.extend([Bind::whole(k.buffer()), Bind::whole(s.buffer())]);
                    &later
                }
                (None, Order::Permuted(perm)) => {
                    binds.extend([Bind::whole(keys.buffer()), Bind::whole(perm.buffer()), vals]);
                    &first
                }
            };
            self.dispatch(kernel, &binds, blocks.div_ceil(64))?;
            if last {
                return Ok(());
            }
            partial = Some((out_keys, out_sums));
            n = outs;
        }
    }

    /// See [`crate::backend::Backend::bincount`]: zeroed counts, then one pass per
    /// (window of the counts, chunk of the values), adding with atomics — through
    /// workgroup memory when a window has at most `BINCOUNT_LOCAL` bins.
    pub(super) fn bincount_view(&self, values: View<'_, WgpuStorage>, len: usize) -> Result<WgpuStorage> {
        let zero = crate::backend::Fill::Constant(crate::dtype::ScalarValue::U32(0));
        let counts = self.fill_new(DType::U32, len, zero)?;
        let (n, v_off) = (values.layout.len() as u64, values.layout.offset() as u64);
        let per = self.chunk_limit() / 4;
        // Values are u32: bins from 2^32 on stay zero.
        for (lo, hi) in windows(0, (len as u64).min(1 << 32), per) {
            let local = hi - lo <= BINCOUNT_LOCAL;
            let key = format!("bincount|{local}");
            let kernel = self.kernel(&key, || kernels::bincount_source(local))?;
            let (cb, cbase) = self.window(counts.buffer(), 4, lo, hi);
            for (i0, i1) in windows(0, n, per) {
                let (vb, vbase) = self.window(values.storage.buffer(), 4, v_off + i0, v_off + i1);
                let meta: Vec<u32> = vec![
                    (i1 - i0) as u32,
                    (v_off + i0 - vbase) as u32,
                    lo as u32,
                    (hi - lo) as u32,
                    (lo - cbase) as u32,
                ];
                let bytes: Vec<u8> = bytemuck::cast_slice(&meta).to_vec();
                self.dispatch(&kernel, &[cb, Bind::Data(&bytes), vb], (i1 - i0).div_ceil(256 * BINCOUNT_PER))?;
            }
        }
        Ok(counts)
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
