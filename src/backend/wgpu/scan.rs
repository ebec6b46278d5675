//! Scans (`cumsum`, `cumprod`, `cummax`, `cummin`) on wgpu, in three phases so that no
//! invocation loops over more than `SEG` rows (llvmpipe ends any shader's loops after
//! 65535 iterations in total): the total of each segment of `SEG` rows, the inclusive
//! scan of those totals (the same routine, recursively, on an array `SEG` times
//! smaller), then each segment's running values starting from the totals before it.
//! Each pass runs over boxes of (outer, segment, inner) positions whose source and
//! output spans fit one storage binding. Also compaction (`extract`, `flatnonzero`),
//! which places elements by a scan's running count.

use super::context::{Bind, WgpuBackend};
use super::gather::windows;
use super::kernels;
use super::memory::WgpuStorage;
use super::wgsl::device_size;
use crate::backend::{BinaryOp, View};
use crate::dtype::DType;
use crate::error::Result;
use crate::layout::{box_reaches, reach};

/// Rows each invocation scans.
pub(super) const SEG: usize = 256;

/// What a pass writes.
enum Phase<'a> {
    /// Each segment's total.
    Totals,
    /// Every row's running value, carried in from the scanned totals when there are
    /// several segments.
    Rows(Option<&'a WgpuStorage>),
}

/// A box of (outer, segment, inner) positions: origin and extents.
#[derive(Debug, Clone, Copy, PartialEq)]
struct ScanBox {
    at: [usize; 3],
    len: [usize; 3],
}

/// Splits `whole` (extents of outer, segments, inner) into boxes for which `fits(box)`
/// holds, halving the extent of the dimension `spans` says spans the most bytes.
fn plan(whole: [usize; 3], fits: &dyn Fn(&ScanBox) -> bool, spans: &dyn Fn(&ScanBox) -> [u64; 3]) -> Vec<ScanBox> {
    let mut todo = vec![ScanBox { at: [0; 3], len: whole }];
    let mut done = Vec::new();
    while let Some(b) = todo.pop() {
        if fits(&b) || b.len == [1, 1, 1] {
            done.push(b);
            continue;
        }
        let s = spans(&b);
        let d = (0..3).filter(|&d| b.len[d] > 1).max_by_key(|&d| s[d]).unwrap_or(0);
        let half = b.len[d] / 2;
        let (mut lo, mut hi) = (b, b);
        lo.len[d] = half;
        hi.at[d] += half;
        hi.len[d] -= half;
        todo.push(hi);
        todo.push(lo);
    }
    done
}

impl WgpuBackend {
    /// See [`crate::backend::Backend::scan`].
    pub(super) fn scan_view(&self, op: BinaryOp, dtype: DType, src: View<'_, WgpuStorage>) -> Result<WgpuStorage> {
        let esize = device_size(dtype) as u64;
        let shape = src.layout.shape();
        let (outer, len, inner) = (shape[0], shape[1], shape[2]);
        let out = self.pool.take((outer * len * inner) as u64 * esize)?;
        if outer * len * inner == 0 {
            return Ok(out);
        }
        let nseg = len.div_ceil(SEG);
        if nseg == 1 {
            self.scan_pass(op, dtype, src, &out, Phase::Rows(None))?;
            return Ok(out);
        }
        let totals = self.pool.take((outer * nseg * inner) as u64 * esize)?;
        self.scan_pass(op, dtype, src, &totals, Phase::Totals)?;
        let layout = crate::layout::Layout::contiguous(&[outer, nseg, inner]);
        let carries = self.scan_view(op, dtype, View { storage: &totals, layout: &layout })?;
        self.scan_pass(op, dtype, src, &out, Phase::Rows(Some(&carries)))?;
        Ok(out)
    }

    /// One pass over every (outer, segment, inner) position, writing `phase`'s output
    /// (contiguous: `[outer, nseg, inner]` for totals, `[outer, len, inner]` for rows).
    fn scan_pass(
        &self,
        op: BinaryOp,
        dtype: DType,
        src: View<'_, WgpuStorage>,
        out: &WgpuStorage,
        phase: Phase<'_>,
    ) -> Result<()> {
        let esize = device_size(dtype) as u64;
        let (shape, strides) = (src.layout.shape(), src.layout.strides());
        let (outer, len, inner) = (shape[0], shape[1], shape[2]);
        let nseg = len.div_ceil(SEG);
        let totals = matches!(phase, Phase::Totals);
        let out_rows = if totals { nseg } else { len };
        let out_strides = [out_rows * inner, inner, 1];
        let key = format!("scan|{op:?}|{dtype:?}|{totals}");
        let kernel = self.kernel(&key, || kernels::scan_source(op, dtype, totals))?;
        let rows = |b: &ScanBox| (b.at[1] * SEG, ((b.at[1] + b.len[1]) * SEG).min(len));
        // Spans in elements: the box's source rows, and its output rows (one per segment
        // for totals).
        let src_reach = |b: &ScanBox| {
            let (j0, j1) = rows(b);
            let start = src.layout.offset() as isize
                + b.at[0] as isize * strides[0]
                + j0 as isize * strides[1]
                + b.at[2] as isize * strides[2];
            reach(start as i64, box_reaches(&[b.len[0], j1 - j0, b.len[2]], strides))
        };
        let out_reach = |b: &ScanBox| {
            let (j0, j1) = if totals { (b.at[1], b.at[1] + b.len[1]) } else { rows(b) };
            let os = out_strides.map(|s| s as isize);
            let start = b.at[0] * out_strides[0] + j0 * out_strides[1] + b.at[2];
            reach(start as i64, box_reaches(&[b.len[0], j1 - j0, b.len[2]], &os))
        };
        let limit = (self.chunk_limit() / esize) as i64;
        let fits = |b: &ScanBox| {
            let ((a, z), (c, d)) = (src_reach(b), out_reach(b));
            z - a <= limit && d - c <= limit
        };
        let spans = |b: &ScanBox| {
            let (j0, j1) = rows(b);
            [
                (b.len[0] as u64) * strides[0].unsigned_abs() as u64,
                ((j1 - j0) as u64) * strides[1].unsigned_abs() as u64,
                (b.len[2] as u64) * strides[2].unsigned_abs() as u64,
            ]
        };
        let carries = match phase {
            Phase::Rows(Some(c)) => Some(self.window(c.buffer(), esize, 0, (outer * nseg * inner) as u64).0),
            _ => None,
        };
        for b in plan([outer, nseg, inner], &fits, &spans) {
            let (slo, shi) = src_reach(&b);
            let (sb, sbase) = self.window(src.storage.buffer(), esize, slo as u64, shi as u64);
            let (olo, ohi) = out_reach(&b);
            let (ob, obase) = self.window(out.buffer(), esize, olo as u64, ohi as u64);
            let n = b.len[0] * b.len[1] * b.len[2];
            let meta: Vec<u32> = vec![
                n as u32,
                b.len[1] as u32,
                b.len[2] as u32,
                b.at[0] as u32,
                b.at[1] as u32,
                b.at[2] as u32,
                len as u32,
                SEG as u32,
                src.layout.offset() as u32,
                strides[0] as i32 as u32,
                strides[1] as i32 as u32,
                strides[2] as i32 as u32,
                sbase as u32,
                obase as u32,
                out_strides[0] as u32,
                out_strides[1] as u32,
                out_strides[2] as u32,
                u32::from(carries.is_some()),
                nseg as u32,
                inner as u32,
            ];
            let bytes: Vec<u8> = bytemuck::cast_slice(&meta).to_vec();
            // Without carries the binding still needs a buffer: the source's will do.
            let binds = [ob, Bind::Data(&bytes), sb, carries.unwrap_or(sb)];
            self.dispatch(&kernel, &binds, (n as u64).div_ceil(256))?;
        }
        Ok(())
    }
}

impl WgpuBackend {
    /// See [`crate::backend::Backend::compact`]: chunks of the input that fit one
    /// binding, each run once per window of the output.
    pub(super) fn compact_views(
        &self,
        dtype: DType,
        values: Option<View<'_, WgpuStorage>>,
        mask: View<'_, WgpuStorage>,
        positions: View<'_, WgpuStorage>,
        count: usize,
    ) -> Result<WgpuStorage> {
        let esize = device_size(dtype) as u64;
        let n = mask.layout.len() as u64;
        let out = self.pool.take(count as u64 * esize)?;
        let key = format!("compact|{esize}|{}", values.is_some());
        let kernel = self.kernel(&key, || kernels::compact_source(esize as usize, values.is_some()))?;
        let limit = self.chunk_limit();
        let (m_off, p_off) = (mask.layout.offset() as u64, positions.layout.offset() as u64);
        for (i0, i1) in windows(0, n, limit / esize.max(4)) {
            let (mb, mbase) = self.window(mask.storage.buffer(), 4, m_off + i0, m_off + i1);
            let (pb, pbase) = self.window(positions.storage.buffer(), 4, p_off + i0, p_off + i1);
            let vals = values.map(|v| {
                let v_off = v.layout.offset() as u64;
                let (b, base) = self.window(v.storage.buffer(), esize, v_off + i0, v_off + i1);
                (b, v_off + i0 - base)
            });
            for (o0, o1) in windows(0, count as u64, limit / esize) {
                let (ob, obase) = self.window(out.buffer(), esize, o0, o1);
                let meta: Vec<u32> = vec![
                    (i1 - i0) as u32,
                    i0 as u32,
                    (m_off + i0 - mbase) as u32,
                    (p_off + i0 - pbase) as u32,
                    vals.map_or(0, |(_, at)| at) as u32,
                    o0 as u32,
                    o1 as u32,
                    obase as u32,
                ];
                let bytes: Vec<u8> = bytemuck::cast_slice(&meta).to_vec();
                let mut binds = vec![ob, Bind::Data(&bytes), mb, pb];
                binds.extend(vals.map(|(b, _)| b));
                self.dispatch(&kernel, &binds, (i1 - i0).div_ceil(256))?;
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::{plan, ScanBox};

    #[test]
    fn plans_halve_the_widest_dimension_until_boxes_fit() {
        // Boxes fit when they hold at most 10 positions; dimension 2 spans the most.
        let fits = |b: &ScanBox| b.len.iter().product::<usize>() <= 10;
        let spans = |b: &ScanBox| [b.len[0] as u64, b.len[1] as u64, 100 * b.len[2] as u64];
        let boxes = plan([2, 3, 8], &fits, &spans);
        assert!(boxes.iter().all(fits));
        assert_eq!(boxes.iter().map(|b| b.len.iter().product::<usize>()).sum::<usize>(), 48);
        assert_eq!(plan([1, 1, 1], &fits, &spans), vec![ScanBox { at: [0; 3], len: [1, 1, 1] }]);
    }
}
