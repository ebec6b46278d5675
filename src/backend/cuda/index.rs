//! Indexing on CUDA: the gather of `take`/`take_along_axis`, the scatter of `put`, the
//! counting of `bincount` and the compaction of `extract`/`flatnonzero` (kernels in `kernels/elementwise.cu`, in the
//! dtype-agnostic `Bits` module: elements are copied by width).

use super::device::CudaBackend;
use super::kernels::{suffix, Module};
use super::memory::CudaStorage;
use super::params::{dims, grid_for, BincountParams, CompactParams, ScatterParams, TakeParams, BLOCK, MAXD};
use crate::backend::{Backend, Fill, Gather, View};
use crate::dtype::{DType, ScalarValue};
use crate::error::Result;
use crate::layout::{collapse, unravel};

/// `take` and `take_along_axis` (see [`crate::backend::Backend::gather`]): one gather
/// kernel per element width and index type, launched per block of leading dimensions
/// past `MAXD`.
pub(super) fn gather(
    cuda: &CudaBackend,
    dtype: DType,
    src: View<'_, CudaStorage>,
    indices: View<'_, CudaStorage>,
    index_dtype: DType,
    g: &Gather,
) -> Result<CudaStorage> {
    let w = dtype.size_of();
    let n: usize = g.shape.iter().product();
    let out = cuda.alloc(dtype, n)?;
    if n == 0 {
        return Ok(out);
    }
    let c = collapse(&g.shape, &[&g.src_strides, &g.idx_strides]);
    let lead = c.shape.len().saturating_sub(MAXD);
    let (outer, inner) = c.shape.split_at(lead);
    let inner_n: usize = inner.iter().product();
    let entry = format!("take_b{w}_{}", suffix(index_dtype));
    let mut idx = vec![0usize; lead];
    for o in 0..outer.iter().product::<usize>() {
        unravel(o, outer, &mut idx);
        let shift = |st: &[isize]| idx.iter().zip(st).map(|(&i, &s)| i as isize * s).sum::<isize>();
        let p = TakeParams {
            n: inner_n as i64,
            ndim: inner.len() as i64,
            shape: dims(inner),
            src: src.storage.buf.ptr(),
            src_off: (src.layout.offset() as isize + shift(&c.strides[0])) as i64,
            src_strides: dims(&c.strides[0][lead..]),
            idx: indices.storage.buf.ptr(),
            idx_off: (indices.layout.offset() as isize + shift(&c.strides[1])) as i64,
            idx_strides: dims(&c.strides[1][lead..]),
            len: g.len as i64,
            step: g.step as i64,
            out: out.buf.ptr() + (o * inner_n * w) as u64,
        };
        cuda.launch(Module::Bits, &entry, (grid_for(inner_n, BLOCK as usize), 1, 1), &p)?;
    }
    Ok(out)
}

/// `extract` / `flatnonzero` (see [`crate::backend::Backend::compact`]).
pub(super) fn compact(
    cuda: &CudaBackend,
    dtype: DType,
    values: Option<View<'_, CudaStorage>>,
    mask: View<'_, CudaStorage>,
    positions: View<'_, CudaStorage>,
    count: usize,
) -> Result<CudaStorage> {
    let w = dtype.size_of();
    let out = cuda.alloc(dtype, count)?;
    let n = mask.layout.len();
    let at = |v: &View<'_, CudaStorage>, size: usize| v.storage.buf.ptr() + (v.layout.offset() * size) as u64;
    let p = CompactParams {
        vals: values.as_ref().map_or(0, |v| at(v, w)),
        mask: at(&mask, 1),
        pos: at(&positions, 4),
        out: out.buf.ptr(),
        n: n as i64,
        has_values: i64::from(values.is_some()),
    };
    cuda.launch(Module::Bits, &format!("compact_b{w}"), (grid_for(n, BLOCK as usize), 1, 1), &p)?;
    Ok(out)
}

/// What both scatters pass: the destination span, the indices and the values (`w`
/// bytes an element); `owner` and `claim` unset (`scatter_add` uses neither).
fn scatter_params(
    dst: &CudaStorage,
    (dst_off, len): (usize, usize),
    indices: &View<'_, CudaStorage>,
    values: &View<'_, CudaStorage>,
    w: usize,
) -> ScatterParams {
    ScatterParams {
        dst: dst.buf.ptr() + (dst_off * w) as u64,
        owner: 0,
        idx: indices.storage.buf.ptr() + (indices.layout.offset() * 4) as u64,
        vals: values.storage.buf.ptr() + (values.layout.offset() * w) as u64,
        n: indices.layout.len() as i64,
        len: len as i64,
        vstep: values.layout.strides()[0] as i64,
        claim: 0,
    }
}

/// `put` (see [`crate::backend::Backend::scatter`]): a claiming pass (each element's
/// last writer, by an atomic max into a zeroed `u32` array), then a writing pass.
pub(super) fn scatter(
    cuda: &CudaBackend,
    dtype: DType,
    dst: &mut CudaStorage,
    span: (usize, usize),
    indices: View<'_, CudaStorage>,
    index_dtype: DType,
    values: View<'_, CudaStorage>,
) -> Result<()> {
    let w = dtype.size_of();
    let n = indices.layout.len();
    let owner = cuda.fill(DType::U32, span.1, Fill::Constant(ScalarValue::U32(0)))?;
    let entry = format!("scatter_b{w}_{}", suffix(index_dtype));
    let base = scatter_params(dst, span, &indices, &values, w);
    for claim in [true, false] {
        let p = ScatterParams { owner: owner.buf.ptr(), claim: i64::from(claim), ..base };
        cuda.launch(Module::Bits, &entry, (grid_for(n, BLOCK as usize), 1, 1), &p)?;
    }
    Ok(())
}

/// `scatter_add` (see [`crate::backend::Backend::scatter_add`]): one atomic add per
/// index (`ScatterParams` with `owner` and `claim` unused).
pub(super) fn scatter_add(
    cuda: &CudaBackend,
    dtype: DType,
    dst: &mut CudaStorage,
    span: (usize, usize),
    indices: View<'_, CudaStorage>,
    index_dtype: DType,
    values: View<'_, CudaStorage>,
) -> Result<()> {
    if dtype == DType::Bool {
        return Err(super::elementwise::unsupported(cuda, dtype, "scatter_add"));
    }
    let n = indices.layout.len();
    let p = scatter_params(dst, span, &indices, &values, dtype.size_of());
    let entry = format!("scatter_add_{}_{}", suffix(dtype), suffix(index_dtype));
    cuda.launch(Module::Binary(dtype), &entry, (grid_for(n, BLOCK as usize), 1, 1), &p)
}

/// `bincount` (see [`crate::backend::Backend::bincount`]): zeroed counts, one atomic add
/// per value.
pub(super) fn bincount(cuda: &CudaBackend, values: View<'_, CudaStorage>, len: usize) -> Result<CudaStorage> {
    let counts = cuda.fill(DType::U32, len, Fill::Constant(ScalarValue::U32(0)))?;
    let n = values.layout.len();
    let p = BincountParams {
        values: values.storage.buf.ptr() + (values.layout.offset() * 4) as u64,
        counts: counts.buf.ptr(),
        n: n as i64,
        len: len as i64,
    };
    cuda.launch(Module::Bits, "bincount", (grid_for(n, BLOCK as usize), 1, 1), &p)?;
    Ok(counts)
}
