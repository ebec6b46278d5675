//! Reductions and the 1-D dot product on CUDA (`kernels/reduce.cu`).
//!
//! The view's last `reduced` dimensions are reduced (the seam's contract); the outer
//! and inner dimensions are collapsed separately. Each pass picks a kernel shape:
//! `block` (one block per 4096-element tile of a dense run: row and full reductions)
//! or `thread` (one thread per 32 run positions, neighbouring threads on neighbouring
//! outputs: column reductions, short runs, strided runs), and writes `splits` partial
//! accumulators per output; further passes merge the partials until one remains. A pass
//! shrinks the work by 4096× or 32×, so 100M elements take three launches.

use super::device::CudaBackend;
use super::elementwise::{copy, unsupported};
use super::kernels::{suffix, Module};
use super::memory::{CudaStorage, DeviceBuffer};
use super::params::{collapsed_dims, grid_for, DotParams, RedParams, BLOCK, MAXD, RT_ITEMS, R_TILE};
use crate::backend::{ReduceOp, View};
use crate::dtype::DType;
use crate::error::Result;
use crate::layout::{collapse, Collapsed, Layout};

/// Dense runs at least this long use the block kernel.
const BLOCK_MIN_RUN: usize = 256;

/// Bytes of one partial accumulator (`sizeof(red_<op><T>::Acc)`, asserted in the kernels).
pub(super) fn acc_bytes(op: ReduceOp, dtype: DType) -> usize {
    let t = dtype.size_of();
    match op {
        ReduceOp::ArgMax | ReduceOp::ArgMin => 2 * t.max(4),
        ReduceOp::Var | ReduceOp::Std => 8 + 2 * t,
        _ => t,
    }
}

/// The input of one pass: elements (first pass) or partial accumulators.
struct Pass {
    ptr: u64,
    offset: usize,
    outer: Collapsed,
    inner: Collapsed,
    rlen: usize,
    from_acc: bool,
}

/// What the passes reduce into.
struct Target {
    module: Module,
    /// Entry names are `{prefix}_{block|thread}[_acc]`.
    prefix: String,
    outputs: usize,
    /// Elements per output in the whole reduction (mean's divisor).
    count: usize,
    acc: usize,
    out: u64,
}

fn run_passes(cuda: &CudaBackend, t: &Target, mut input: Pass) -> Result<()> {
    // Keeps the partials read by the pass being queued alive until it is queued (the
    // pool reuses them only for work queued later on the same stream).
    let mut _reading: Option<DeviceBuffer> = None;
    loop {
        let dense = input.inner.shape.len() == 1 && input.inner.strides[0][0] == 1;
        let block = dense && input.rlen >= BLOCK_MIN_RUN;
        let per = if block { R_TILE } else { RT_ITEMS };
        let splits = input.rlen.div_ceil(per).max(1);
        let partials = if splits > 1 { Some(cuda.scratch(t.outputs * splits * t.acc)?) } else { None };
        let (ondim, oshape, ostride) = collapsed_dims(&input.outer, 0);
        let (indim, ishape, istride) = collapsed_dims(&input.inner, 0);
        let p = RedParams {
            inp: input.ptr,
            out: partials.as_ref().map_or(t.out, |b| b.ptr()),
            offset: input.offset as i64,
            outer: t.outputs as i64,
            rlen: input.rlen as i64,
            splits: splits as i64,
            count: t.count as i64,
            ondim,
            indim,
            oshape,
            ostride,
            ishape,
            istride,
        };
        let kind = if block { "block" } else { "thread" };
        let entry = format!("{}_{kind}{}", t.prefix, if input.from_acc { "_acc" } else { "" });
        let work = t.outputs * splits;
        let grid = if block { grid_for(work, 1) } else { grid_for(work, BLOCK as usize) };
        cuda.launch(t.module, &entry, (grid, 1, 1), &p)?;
        let Some(buf) = partials else { return Ok(()) };
        // Block partials are [outputs, splits]; thread partials [splits, outputs].
        let (ostride, istride) = if block { (splits as isize, 1) } else { (1, t.outputs as isize) };
        input = Pass {
            ptr: buf.ptr(),
            offset: 0,
            outer: Collapsed { shape: vec![t.outputs], strides: vec![vec![ostride]] },
            inner: Collapsed { shape: vec![splits], strides: vec![vec![istride]] },
            rlen: splits,
            from_acc: true,
        };
        _reading = Some(buf);
    }
}

pub(super) fn reduce(
    cuda: &CudaBackend,
    op: ReduceOp,
    dtype: DType,
    src: View<'_, CudaStorage>,
    reduced: usize,
) -> Result<CudaStorage> {
    if dtype == DType::Bool || (op.float_only() && !dtype.is_float()) {
        return Err(unsupported(cuda, dtype, op.name()));
    }
    let layout = src.layout;
    let nd = layout.ndim();
    let (oshape, ishape) = layout.shape().split_at(nd - reduced);
    let (ostr, istr) = layout.strides().split_at(nd - reduced);
    let outputs: usize = oshape.iter().product();
    let rlen: usize = ishape.iter().product();
    let out = cuda.alloc(op.output_dtype(dtype), outputs)?;
    if outputs == 0 {
        return Ok(out);
    }
    let outer = collapse(oshape, &[ostr]);
    let inner = collapse(ishape, &[istr]);
    if outer.shape.len() > MAXD || inner.shape.len() > MAXD {
        // Too many dimensions that do not merge: gather densely, then both collapse.
        let dense = copy(cuda, dtype, src)?;
        let l = Layout::contiguous(layout.shape());
        return reduce(cuda, op, dtype, View { storage: &dense, layout: &l }, reduced);
    }
    let target = Target {
        module: Module::Reduce(op, dtype),
        prefix: format!("reduce_{}_{}", op.name(), suffix(dtype)),
        outputs,
        count: rlen,
        acc: acc_bytes(op, dtype),
        out: out.buf.ptr(),
    };
    let input = Pass { ptr: src.storage.buf.ptr(), offset: layout.offset(), outer, inner, rlen, from_acc: false };
    run_passes(cuda, &target, input)?;
    Ok(out)
}

/// Inner product of two equal-length 1-D views: a block pass over the products, then
/// sum merges, as one element on the device.
pub(super) fn dot(
    cuda: &CudaBackend,
    dtype: DType,
    a: View<'_, CudaStorage>,
    b: View<'_, CudaStorage>,
) -> Result<CudaStorage> {
    if dtype == DType::Bool {
        return Err(unsupported(cuda, dtype, "dot"));
    }
    let n = a.layout.len();
    let out = cuda.alloc(dtype, 1)?;
    if n == 0 {
        cuda.memset(out.buf.ptr(), 0, dtype.size_of() / 4, true)?;
        return Ok(out);
    }
    let stride = |l: &Layout| l.strides().first().copied().unwrap_or(1) as i64;
    let splits = n.div_ceil(R_TILE);
    let partials = if splits > 1 { Some(cuda.scratch(splits * dtype.size_of())?) } else { None };
    let p = DotParams {
        a: a.storage.buf.ptr(),
        b: b.storage.buf.ptr(),
        out: partials.as_ref().map_or(out.buf.ptr(), |p| p.ptr()),
        a_off: a.layout.offset() as i64,
        a_stride: stride(a.layout),
        b_off: b.layout.offset() as i64,
        b_stride: stride(b.layout),
        n: n as i64,
        splits: splits as i64,
    };
    let name = format!("dot_{}", suffix(dtype));
    cuda.launch(Module::Dot(dtype), &name, (grid_for(splits, 1), 1, 1), &p)?;
    if let Some(buf) = partials {
        let target = Target {
            module: Module::Dot(dtype),
            prefix: format!("{name}_merge"),
            outputs: 1,
            count: n,
            acc: dtype.size_of(),
            out: out.buf.ptr(),
        };
        let input = Pass {
            ptr: buf.ptr(),
            offset: 0,
            outer: Collapsed { shape: vec![1], strides: vec![vec![0]] },
            inner: Collapsed { shape: vec![splits], strides: vec![vec![1]] },
            rlen: splits,
            from_acc: true,
        };
        run_passes(cuda, &target, input)?;
    }
    Ok(out)
}
