//! Reductions and dot products: segment passes until one value per row remains.
//!
//! Pass 1 reads the data in segments of `seg` elements, each reduced by a group of
//! `lanes` invocations (each loops at most `PER_LANE` = 256 times), and writes one
//! accumulator per (row, segment); merge passes reduce those the same way; the last
//! pass writes finished values. Short rows take small groups, many to a workgroup. Rows
//! whose data spans more than one storage binding are split across dispatches by
//! segment ranges, so arrays past the binding limit reduce without copies.

use super::context::{Bind, WgpuBackend};
use super::kernels::{Pass, Reduce, ReduceCols};
use super::memory::WgpuStorage;
use super::wgsl::{device_size, subgroup_builtin};
use crate::backend::{ReduceOp, View};
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::layout::{box_reaches, collapse, flat_offset, reach, Layout};

/// Row positions one invocation visits per segment (64 vec4 loads when dense).
const PER_LANE: u64 = 256;

/// Fewest invocations per row segment, without subgroup operations.
const MIN_LANES: u64 = 8;

/// How one pass divides its rows: segments of `seg` elements, each reduced by a group of
/// `lanes` invocations (a power of two; 256 / lanes segments share a workgroup and its
/// combine tree).
///
/// Long rows keep whole workgroups and 64K-element segments (a 16M-element sum took
/// 12 ms on lavapipe with 64K-element segments, 21 ms with 16K). Short rows used to get
/// a workgroup and a barrier tree each: a 16000 × 1000 row mean took 89 ms against 10 ms
/// for the same bytes in long rows. Now each row takes the smallest group that covers it
/// in one segment, and that row mean takes 10.4 ms (4000 × 4000: 27.9 → 8.9 ms).
#[derive(Debug, Clone, Copy)]
struct Split {
    lanes: u64,
    seg: u64,
    /// The kernel combines with subgroup operations (`lanes` is then a multiple of
    /// the largest subgroup size).
    subgroups: bool,
}

impl Split {
    fn segments(&self, rlen: u64) -> u64 {
        rlen.div_ceil(self.seg).max(1)
    }
}

/// Bytes of one accumulator in storage (WGSL struct layout).
fn acc_size(op: ReduceOp, t: DType) -> u64 {
    let e = device_size(t) as u64;
    match op {
        // (n: u32, mean: T, m2: T): n is padded to T's alignment.
        ReduceOp::Var | ReduceOp::Std => 3 * e,
        // (v: T, i: u32, ok: u32), rounded to T's alignment.
        ReduceOp::ArgMax | ReduceOp::ArgMin => (e + 8).next_multiple_of(e),
        _ => e,
    }
}

/// The data a pass reads: a buffer with the layout of its rows.
struct Rows<'a> {
    buffer: &'a wgpu::Buffer,
    esize: u64,
    /// Outer (kept) dims, collapsed: shape and strides.
    outer_shape: Vec<usize>,
    outer_strides: Vec<isize>,
    offset: isize,
    /// Row length and stride along the row.
    rlen: u64,
    rstride: isize,
}

impl Rows<'_> {
    fn rows(&self) -> u64 {
        self.outer_shape.iter().map(|&d| d as u64).product()
    }

    /// Storage span (lo, hi exclusive) of rows `r0..r1` restricted to row positions
    /// `j0..j1`.
    fn span(&self, r0: u64, r1: u64, j0: u64, j1: u64) -> (i64, i64) {
        let mut base = self.offset as i64;
        let mut reaches = Vec::new();
        if !self.outer_shape.is_empty() && r1 > r0 {
            let at = |r: u64| flat_offset(r as usize, &self.outer_shape, &self.outer_strides) as i64;
            if r1 - r0 == 1 || self.outer_shape.len() == 1 {
                base += at(r0);
                reaches.push(at(r1 - 1) - at(r0));
            } else {
                // Rows across several outer dims: bound by the whole outer extent.
                reaches.extend(box_reaches(&self.outer_shape, &self.outer_strides));
            }
        }
        if j1 > j0 {
            base += j0 as i64 * self.rstride as i64;
            reaches.push((j1 - 1 - j0) as i64 * self.rstride as i64);
        }
        reach(base, reaches)
    }
}

impl WgpuBackend {
    /// Reduces the last `reduced` dims of `src` (see `Backend::reduce`).
    pub(super) fn reduce_view(
        &self,
        op: ReduceOp,
        dtype: DType,
        src: View<'_, WgpuStorage>,
        reduced: usize,
    ) -> Result<WgpuStorage> {
        let layout = src.layout;
        let nd = layout.ndim();
        let (oshape, ishape) = layout.shape().split_at(nd - reduced);
        let (ostr, istr) = layout.strides().split_at(nd - reduced);
        let inner = collapse(ishape, &[istr]);
        if inner.shape.len() > 1 && !layout.is_empty() {
            // Reduced dims that do not merge into one run: make them dense first.
            let dense = self.copy_view(dtype, src)?;
            let l = Layout::contiguous(layout.shape());
            return self.reduce_view(op, dtype, View { storage: &dense, layout: &l }, reduced);
        }
        let outer = collapse(oshape, &[ostr]);
        let rstride = inner.strides[0].first().copied().unwrap_or(0);
        let rlen = ishape.iter().product::<usize>() as u64;
        // A strided reduced dim under a dense kept one: reduce down the columns.
        if rstride.abs() > 1 && rlen > 1 && outer.strides[0].last() == Some(&1) {
            let k = outer.shape.len() - 1;
            let cols = Cols {
                buffer: src.storage.buffer(),
                esize: device_size(dtype) as u64,
                prefix_shape: outer.shape[..k].to_vec(),
                prefix_strides: outer.strides[0][..k].to_vec(),
                offset: layout.offset() as isize,
                cols: outer.shape[k] as u64,
                rlen,
                rstride,
            };
            return self.reduce_cols(op, dtype, &cols);
        }
        let rows = Rows {
            buffer: src.storage.buffer(),
            esize: device_size(dtype) as u64,
            outer_shape: outer.shape,
            outer_strides: outer.strides[0].clone(),
            offset: layout.offset() as isize,
            rlen: ishape.iter().product::<usize>() as u64,
            rstride: inner.strides[0].first().copied().unwrap_or(0),
        };
        self.reduce_rows(op, dtype, &rows, None)
    }

    /// Inner product of two 1-D views: a sum whose first pass multiplies.
    pub(super) fn dot_views(
        &self,
        dtype: DType,
        a: View<'_, WgpuStorage>,
        b: View<'_, WgpuStorage>,
    ) -> Result<WgpuStorage> {
        fn row<'a>(v: &View<'a, WgpuStorage>, dtype: DType) -> Rows<'a> {
            Rows {
                buffer: v.storage.buffer(),
                esize: device_size(dtype) as u64,
                outer_shape: Vec::new(),
                outer_strides: Vec::new(),
                offset: v.layout.offset() as isize,
                rlen: v.layout.len() as u64,
                rstride: v.layout.strides().first().copied().unwrap_or(1),
            }
        }
        self.reduce_rows(ReduceOp::Sum, dtype, &row(&a, dtype), Some(&row(&b, dtype)))
    }

    /// `[..batch, m, k] @ [..batch, k, n]` when `m == 1` or `n == 1` (batch shapes equal,
    /// broadcast ones stride 0): one dot per output element, as a row reduction whose
    /// first pass multiplies by the vector (stride 0 across the rows). The tiled matmul
    /// would fill a 64-wide tile with one column.
    pub(super) fn matvec_views(
        &self,
        dtype: DType,
        a: View<'_, WgpuStorage>,
        b: View<'_, WgpuStorage>,
    ) -> Result<WgpuStorage> {
        let nd = a.layout.ndim();
        let (sa, sb) = (a.layout.strides(), b.layout.strides());
        let (m, k, n) = (a.layout.shape()[nd - 2], a.layout.shape()[nd - 1], b.layout.shape()[nd - 1]);
        // Rows run over the output's non-unit axis; the vector side repeats (stride 0).
        let (rows_of, vec_of, len, rstride, vstride, along) = if n == 1 {
            (&a, &b, m, sa[nd - 1], sb[nd - 2], sa[nd - 2])
        } else {
            (&b, &a, n, sb[nd - 2], sa[nd - 1], sb[nd - 1])
        };
        let mut shape = a.layout.shape()[..nd - 2].to_vec();
        shape.push(len);
        let (rs, vs) = (rows_of.layout.strides(), vec_of.layout.strides());
        let mut row_strides = rs[..nd - 2].to_vec();
        row_strides.push(along);
        let mut vec_strides = vs[..nd - 2].to_vec();
        vec_strides.push(0);
        let outer = collapse(&shape, &[&row_strides, &vec_strides]);
        let esize = device_size(dtype) as u64;
        let data = Rows {
            buffer: rows_of.storage.buffer(),
            esize,
            outer_shape: outer.shape.clone(),
            outer_strides: outer.strides[0].clone(),
            offset: rows_of.layout.offset() as isize,
            rlen: k as u64,
            rstride,
        };
        let second = Rows {
            buffer: vec_of.storage.buffer(),
            esize,
            outer_shape: outer.shape,
            outer_strides: outer.strides[1].clone(),
            offset: vec_of.layout.offset() as isize,
            rlen: k as u64,
            rstride: vstride,
        };
        self.reduce_rows(ReduceOp::Sum, dtype, &data, Some(&second))
    }

    fn reduce_rows(
        &self,
        op: ReduceOp,
        dtype: DType,
        data: &Rows<'_>,
        second: Option<&Rows<'_>>,
    ) -> Result<WgpuStorage> {
        let nrows = data.rows();
        let out_dtype = op.output_dtype(dtype);
        if nrows == 0 {
            return self.pool.take(4);
        }
        let count = data.rlen;
        if count > u32::MAX as u64 {
            return Err(Error::TooLarge {
                what: "reduced run",
                bytes: count,
                limit: u32::MAX as u64,
                device: self.name.clone(),
            });
        }
        let pass = Pass::First { dot: second.is_some() };
        let split = self.split(op, dtype, pass, data.rlen);
        let nseg = split.segments(data.rlen);
        let last = nseg == 1;
        let out_esize = if last { device_size(out_dtype) as u64 } else { acc_size(op, dtype) };
        let out = self.pool.take(nrows * nseg * out_esize)?;
        self.reduce_pass(op, dtype, pass, last, data, second, &out, split, count)?;
        if last {
            return Ok(out);
        }
        // Merge passes over the accumulators, laid out [rows, segments].
        let mut cur = out;
        let mut width = nseg;
        loop {
            let split = self.split(op, dtype, Pass::Merge, width);
            let next_w = split.segments(width);
            let last = next_w == 1;
            let esize = if last { device_size(out_dtype) as u64 } else { acc_size(op, dtype) };
            let next = self.pool.take(nrows * next_w * esize)?;
            let rows = Rows {
                buffer: cur.buffer(),
                esize: acc_size(op, dtype),
                outer_shape: vec![nrows as usize],
                outer_strides: vec![width as isize],
                offset: 0,
                rlen: width,
                rstride: 1,
            };
            self.reduce_pass(op, dtype, Pass::Merge, last, &rows, None, &next, split, count)?;
            if last {
                return Ok(next);
            }
            cur = next;
            width = next_w;
        }
    }

    /// The split of rows of `rlen` elements for one pass of `op`.
    fn split(&self, op: ReduceOp, dtype: DType, pass: Pass, rlen: u64) -> Split {
        let sg_max = u64::from(self.limits.subgroup_max);
        let subgroups =
            self.subgroups && subgroup_builtin(op, dtype, pass).is_some() && sg_max.is_power_of_two() && sg_max <= 256;
        let min = if subgroups { sg_max.max(MIN_LANES) } else { MIN_LANES };
        let lanes = rlen.div_ceil(PER_LANE).next_power_of_two().clamp(min, 256);
        Split { lanes, seg: lanes * PER_LANE, subgroups }
    }

    /// One pass: every (row, segment) item, split into dispatches whose input windows
    /// fit a binding.
    #[allow(clippy::too_many_arguments)]
    fn reduce_pass(
        &self,
        op: ReduceOp,
        dtype: DType,
        pass: Pass,
        last: bool,
        data: &Rows<'_>,
        second: Option<&Rows<'_>>,
        out: &WgpuStorage,
        split: Split,
        count: u64,
    ) -> Result<()> {
        let nseg = split.segments(data.rlen);
        let seg = split.seg;
        let nd = data.outer_shape.len();
        // Dense rows whose every start is a multiple of 4 elements load as vec4 (window
        // starts are 32-byte aligned, so rebased offsets keep that property).
        let aligned = |d: &Rows<'_>| d.rstride == 1 && d.offset % 4 == 0 && d.outer_strides.iter().all(|s| s % 4 == 0);
        let vec4 = matches!(pass, Pass::First { .. })
            && data.rlen >= 4
            && [Some(data), second].into_iter().flatten().all(aligned)
            && self.limits.align.is_multiple_of(4 * data.esize);
        let spec = Reduce { op, dtype, pass, last, nd, vec4, subgroups: split.subgroups, lanes: split.lanes };
        let kernel = self.kernel(&spec.key(), || spec.source().unwrap_or_default())?;
        let limit = self.chunk_limit();
        let nrows = data.rows();
        let fits = |r0: u64, r1: u64, s0: u64, s1: u64| {
            let (j0, j1) = (s0 * seg, (s1 * seg).min(data.rlen));
            [Some(data), second].into_iter().flatten().all(|d| {
                let (lo, hi) = d.span(r0, r1, j0, j1);
                (hi - lo) as u64 * d.esize <= limit
            })
        };
        // Chunks: (first row, rows, first segment, segments).
        let mut chunks = Vec::new();
        if fits(0, nrows, 0, nseg) {
            chunks.push((0, nrows, 0, nseg));
        } else if fits(0, 1, 0, nseg) {
            let mut r = 0;
            while r < nrows {
                let mut k = (nrows - r).min(1 << 20);
                while k > 1 && !fits(r, r + k, 0, nseg) {
                    k /= 2;
                }
                chunks.push((r, k, 0, nseg));
                r += k;
            }
        } else {
            let per = ((limit / data.esize.max(1)) / (seg * data.rstride.unsigned_abs().max(1) as u64)).max(1);
            for r in 0..nrows {
                let mut s = 0;
                while s < nseg {
                    let k = per.min(nseg - s);
                    chunks.push((r, 1, s, k));
                    s += k;
                }
            }
        }
        let out_w = device_size(op.output_dtype(dtype)) as u64;
        let out_esize = if last { out_w } else { acc_size(op, dtype) };
        for (r0, nr, s0, ns) in chunks {
            let (j0, j1) = (s0 * seg, ((s0 + ns) * seg).min(data.rlen));
            let mut binds = Vec::new();
            let o0 = r0 * nseg + s0;
            let o1 = (r0 + nr - 1) * nseg + s0 + ns;
            let (ob, obase) = self.window(out.buffer(), out_esize, o0, o1);
            binds.push(ob);
            let (lo, hi) = data.span(r0, r0 + nr, j0, j1);
            let (db, dbase) = self.window(data.buffer, data.esize, lo.max(0) as u64, hi as u64);
            let (sb, sbase, s2) = match second {
                Some(s) => {
                    let (lo2, hi2) = s.span(r0, r0 + nr, j0, j1);
                    let (b, base) = self.window(s.buffer, s.esize, lo2.max(0) as u64, hi2 as u64);
                    (Some(b), base, Some(s))
                }
                None => (None, 0, None),
            };
            let mut meta: Vec<u32> = vec![
                (nr * ns) as u32,
                ns as u32,
                seg as u32,
                data.rlen as u32,
                r0 as u32,
                s0 as u32,
                (data.offset - dbase as isize) as u32,
                s2.map_or(0, |s| (s.offset - sbase as isize) as u32),
                data.rstride as i32 as u32,
                s2.map_or(0, |s| s.rstride as i32 as u32),
                0u32.wrapping_sub(obase as u32),
                nseg as u32,
                count as u32,
            ];
            meta.extend(data.outer_shape.iter().map(|&d| d as u32));
            meta.extend(data.outer_strides.iter().map(|&s| s as i32 as u32));
            match s2 {
                Some(s) => meta.extend(s.outer_strides.iter().map(|&x| x as i32 as u32)),
                None => meta.extend(std::iter::repeat_n(0u32, nd)),
            }
            let meta: Vec<u8> = bytemuck::cast_slice(&meta).to_vec();
            binds.push(Bind::Data(&meta));
            binds.push(db);
            if let Some(b) = sb {
                binds.push(b);
            }
            self.dispatch(&kernel, &binds, (nr * ns).div_ceil(256 / split.lanes))?;
        }
        Ok(())
    }
}

/// Rows per invocation in a column pass.
const COL_ROWS: u64 = 256;

/// Data for a column reduction: `[prefix.., rows, cols]` with dense columns.
struct Cols<'a> {
    buffer: &'a wgpu::Buffer,
    esize: u64,
    prefix_shape: Vec<usize>,
    prefix_strides: Vec<isize>,
    offset: isize,
    cols: u64,
    rlen: u64,
    rstride: isize,
}

impl Cols<'_> {
    fn prefixes(&self) -> u64 {
        self.prefix_shape.iter().map(|&d| d as u64).product()
    }

    /// Storage span of prefixes `p0..p1`, rows `r0..r1`, all columns.
    fn span(&self, p0: u64, p1: u64, r0: u64, r1: u64) -> (i64, i64) {
        let mut reaches = vec![(self.cols as i64 - 1).max(0), (r1 - r0).saturating_sub(1) as i64 * self.rstride as i64];
        let mut base = self.offset as i64 + r0 as i64 * self.rstride as i64;
        if p1 - p0 == 1 {
            base += flat_offset(p0 as usize, &self.prefix_shape, &self.prefix_strides) as i64;
        } else {
            reaches.extend(box_reaches(&self.prefix_shape, &self.prefix_strides));
        }
        reach(base, reaches)
    }
}

impl WgpuBackend {
    /// Column reduction: passes of at most 256 rows per invocation, each writing
    /// `[prefix, segments, cols]`, until one segment is left.
    fn reduce_cols(&self, op: ReduceOp, dtype: DType, data: &Cols<'_>) -> Result<WgpuStorage> {
        let out_dtype = op.output_dtype(dtype);
        let (np, count) = (data.prefixes(), data.rlen);
        if np == 0 || data.cols == 0 {
            return self.pool.take(4);
        }
        if count > u32::MAX as u64 {
            return Err(Error::TooLarge {
                what: "reduced run",
                bytes: count,
                limit: u32::MAX as u64,
                device: self.name.clone(),
            });
        }
        let mut nseg = data.rlen.div_ceil(COL_ROWS);
        let mut last = nseg == 1;
        let esize = |last: bool| if last { device_size(out_dtype) as u64 } else { acc_size(op, dtype) };
        let mut cur = self.pool.take(np * nseg * data.cols * esize(last))?;
        self.cols_pass(op, dtype, false, last, data, &cur, nseg, count)?;
        while !last {
            let next_seg = nseg.div_ceil(COL_ROWS);
            last = next_seg == 1;
            let next = self.pool.take(np * next_seg * data.cols * esize(last))?;
            let merged = Cols {
                buffer: cur.buffer(),
                esize: acc_size(op, dtype),
                prefix_shape: vec![np as usize],
                prefix_strides: vec![(nseg * data.cols) as isize],
                offset: 0,
                cols: data.cols,
                rlen: nseg,
                rstride: data.cols as isize,
            };
            self.cols_pass(op, dtype, true, last, &merged, &next, next_seg, count)?;
            cur = next;
            nseg = next_seg;
        }
        Ok(cur)
    }

    #[allow(clippy::too_many_arguments)]
    fn cols_pass(
        &self,
        op: ReduceOp,
        dtype: DType,
        merge: bool,
        last: bool,
        data: &Cols<'_>,
        out: &WgpuStorage,
        nseg: u64,
        count: u64,
    ) -> Result<()> {
        let nd = data.prefix_shape.len();
        let vec4 = !merge
            && data.cols.is_multiple_of(4)
            && data.rstride % 4 == 0
            && data.offset % 4 == 0
            && data.prefix_strides.iter().all(|s| s % 4 == 0)
            && self.limits.align.is_multiple_of(4 * data.esize);
        let spec = ReduceCols { op, dtype, merge, last, nd, vec4 };
        let kernel = self.kernel(&spec.key(), || spec.source().unwrap_or_default())?;
        let ncols = if vec4 { data.cols / 4 } else { data.cols };
        let out_esize = if last { device_size(op.output_dtype(dtype)) as u64 } else { acc_size(op, dtype) };
        let limit = self.chunk_limit();
        let np = data.prefixes();
        let fits = |p0: u64, p1: u64, s0: u64, s1: u64| {
            let (lo, hi) = data.span(p0, p1, s0 * COL_ROWS, (s1 * COL_ROWS).min(data.rlen));
            (hi - lo) as u64 * data.esize <= limit
        };
        // Chunks: (first prefix, prefixes, first segment, segments).
        let mut chunks = Vec::new();
        if fits(0, np, 0, nseg) {
            chunks.push((0, np, 0, nseg));
        } else if fits(0, 1, 0, nseg) {
            let mut p = 0;
            while p < np {
                let mut k = np - p;
                while k > 1 && !fits(p, p + k, 0, nseg) {
                    k = k.div_ceil(2);
                }
                chunks.push((p, k, 0, nseg));
                p += k;
            }
        } else {
            let rows = (limit / data.esize).saturating_sub(data.cols) / data.rstride.unsigned_abs().max(1) as u64;
            let per = (rows / COL_ROWS).max(1);
            for p in 0..np {
                let mut s = 0;
                while s < nseg {
                    let k = per.min(nseg - s);
                    chunks.push((p, 1, s, k));
                    s += k;
                }
            }
        }
        for (p0, pn, s0, sn) in chunks {
            let (lo, hi) = data.span(p0, p0 + pn, s0 * COL_ROWS, ((s0 + sn) * COL_ROWS).min(data.rlen));
            let (db, dbase) = self.window(data.buffer, data.esize, lo.max(0) as u64, hi as u64);
            let o0 = (p0 * nseg + s0) * data.cols;
            let o1 = ((p0 + pn - 1) * nseg + s0 + sn) * data.cols;
            let (ob, obase) = self.window(out.buffer(), out_esize, o0, o1);
            let invocations = pn * sn * ncols;
            let mut meta: Vec<u32> = vec![
                invocations as u32,
                ncols as u32,
                sn as u32,
                data.rlen as u32,
                (data.offset - dbase as isize) as u32,
                data.rstride as i32 as u32,
                0u32.wrapping_sub(obase as u32),
                count as u32,
                p0 as u32,
                s0 as u32,
                nseg as u32,
            ];
            meta.extend(data.prefix_shape.iter().map(|&d| d as u32));
            meta.extend(data.prefix_strides.iter().map(|&s| s as i32 as u32));
            let meta: Vec<u8> = bytemuck::cast_slice(&meta).to_vec();
            self.dispatch(&kernel, &[ob, Bind::Data(&meta), db], invocations.div_ceil(256))?;
        }
        Ok(())
    }
}
