//! Elementwise ops on CUDA: unary, binary (also in place), ternary, compare, select, cast,
//! copy and fill, all through the strided map kernels of `kernels/elementwise.cu`.
//!
//! Operands keep their strides (broadcast = stride 0, scalars travel in the parameter
//! block), dimensions are collapsed jointly as on the CPU, and only when more than
//! `MAXD` dimensions survive does the host split the leading ones into several launches.

use super::device::CudaBackend;
use super::kernels::{fft_local_pairs, suffix, Module, SCAN_OPS};
use super::memory::CudaStorage;
use super::params::{
    dims, grid_for, EwParams, FftLocalParams, FftParams, FftRadixParams, FillParams, Operand as KOperand, ScanParams,
    BLOCK, EW_TILE, MAXD,
};
use crate::backend::{BinaryOp, CompareOp, Fill, Operand, QuaternaryOp, TernaryOp, UnaryOp, View};
use crate::dtype::{DType, ScalarValue};
use crate::error::{Error, Result};
use crate::layout::{collapse, unravel, Layout};

/// An input of a map kernel.
pub(super) enum Src {
    /// A strided view: storage address, element offset, strides over the op's shape.
    View { ptr: u64, offset: usize, strides: Vec<isize> },
    /// A scalar's bits (see [`ScalarValue::to_bits`]).
    Scalar(u64),
}

impl Src {
    pub(super) fn view(v: View<'_, CudaStorage>) -> Src {
        Src::View { ptr: v.storage.buf.ptr(), offset: v.layout.offset(), strides: v.layout.strides().to_vec() }
    }

    fn operand(cuda: &CudaBackend, op: Operand<'_, CudaStorage>, dtype: DType) -> Result<Src> {
        Ok(match op {
            Operand::Array(v) => Src::view(v),
            Operand::Scalar(s) if s.dtype() == dtype => Src::Scalar(s.to_bits()),
            Operand::Scalar(s) => {
                return Err(Error::Backend {
                    device: cuda.label().to_string(),
                    message: format!("internal error: {} scalar for a {dtype} op", s.dtype()),
                })
            }
        })
    }
}

/// An op that has no kernel for `dtype`.
pub(super) fn unsupported(cuda: &CudaBackend, dtype: DType, what: &str) -> Error {
    Error::Unsupported { dtype, device: cuda.label().to_string(), reason: format!("{what} is not defined for {dtype}") }
}

/// Elements per launch of a kernel indexing two or more dimensions: the kernels
/// unravel such indices with 32-bit division.
const UNRAVEL_MAX: usize = u32::MAX as usize;

/// Runs map kernel `entry` over `shape`, writing the contiguous output at `out`
/// (elements of `out_size` bytes).
///
/// After collapsing, the host loops over leading dimensions beyond `MAXD`, and splits
/// multi-dimensional launches past [`UNRAVEL_MAX`] elements into row blocks.
pub(super) fn map(
    cuda: &CudaBackend,
    module: Module,
    entry: &str,
    shape: &[usize],
    srcs: &[Src],
    out: u64,
    out_size: usize,
) -> Result<()> {
    let n: usize = shape.iter().product();
    if n == 0 {
        return Ok(());
    }
    let zero = vec![0isize; shape.len()];
    let strides: Vec<&[isize]> = srcs
        .iter()
        .map(|s| match s {
            Src::View { strides, .. } => strides.as_slice(),
            Src::Scalar(_) => zero.as_slice(),
        })
        .collect();
    let c = collapse(shape, &strides);
    let mut lead = c.shape.len().saturating_sub(MAXD);
    while c.shape.len() - lead >= 2 && c.shape[lead + 1..].iter().product::<usize>() > UNRAVEL_MAX {
        lead += 1;
    }
    let (outer, inner) = c.shape.split_at(lead);
    let inner_n: usize = inner.iter().product();
    let rows_total = inner.first().copied().unwrap_or(1);
    let rest = inner_n / rows_total;
    let rows_per = if inner.len() >= 2 && inner_n > UNRAVEL_MAX { UNRAVEL_MAX / rest } else { rows_total };
    let mut idx = vec![0usize; lead];
    for o in 0..outer.iter().product::<usize>() {
        unravel(o, outer, &mut idx);
        let mut r0 = 0;
        while r0 < rows_total {
            let rows = rows_per.min(rows_total - r0);
            let mut piece = inner.to_vec();
            if let Some(first) = piece.first_mut() {
                *first = rows;
            }
            let mut p = EwParams {
                n: (rows * rest) as i64,
                ndim: piece.len() as i64,
                shape: dims(&piece),
                out: out + ((o * inner_n + r0 * rest) * out_size) as u64,
                ..Default::default()
            };
            for (k, s) in srcs.iter().enumerate() {
                p.inp[k] = match s {
                    Src::View { ptr, offset, .. } => {
                        let st = &c.strides[k];
                        let shift: isize = idx.iter().zip(st).map(|(&i, &s)| i as isize * s).sum::<isize>()
                            + r0 as isize * st.get(lead).copied().unwrap_or(0);
                        KOperand {
                            ptr: *ptr,
                            offset: (*offset as isize + shift) as i64,
                            strides: dims(&st[lead..]),
                            ..Default::default()
                        }
                    }
                    Src::Scalar(bits) => KOperand { scalar: *bits, is_scalar: 1, ..Default::default() },
                };
            }
            cuda.launch(module, entry, (grid_for(rows * rest, EW_TILE), 1, 1), &p)?;
            r0 += rows;
        }
    }
    Ok(())
}

pub(super) fn unary(cuda: &CudaBackend, op: UnaryOp, dtype: DType, src: View<'_, CudaStorage>) -> Result<CudaStorage> {
    if dtype == DType::Bool || (!dtype.is_float() && !op.supports_int()) {
        return Err(unsupported(cuda, dtype, op.name()));
    }
    let shape = src.layout.shape();
    let out = cuda.alloc(dtype, src.layout.len())?;
    let entry = format!("unary_{}_{}", op.name(), suffix(dtype));
    map(cuda, Module::Unary(dtype), &entry, shape, &[Src::view(src)], out.buf.ptr(), dtype.size_of())?;
    Ok(out)
}

pub(super) fn binary(
    cuda: &CudaBackend,
    op: BinaryOp,
    dtype: DType,
    lhs: Operand<'_, CudaStorage>,
    rhs: Operand<'_, CudaStorage>,
    shape: &[usize],
) -> Result<CudaStorage> {
    if !op.defined_for(dtype) {
        return Err(unsupported(cuda, dtype, op.name()));
    }
    let srcs = [Src::operand(cuda, lhs, dtype)?, Src::operand(cuda, rhs, dtype)?];
    let out = cuda.alloc(dtype, shape.iter().product())?;
    let entry = format!("binary_{}_{}", op.name(), suffix(dtype));
    map(cuda, Module::Binary(dtype), &entry, shape, &srcs, out.buf.ptr(), dtype.size_of())?;
    Ok(out)
}

/// `op(a, b, c)` for the float dtypes; its kernels live in the binary module.
pub(super) fn ternary(
    cuda: &CudaBackend,
    op: TernaryOp,
    dtype: DType,
    inputs: [View<'_, CudaStorage>; 3],
    shape: &[usize],
) -> Result<CudaStorage> {
    float_map(cuda, op.name(), &format!("ternary_{}_{}", op.name(), suffix(dtype)), dtype, inputs, shape)
}

/// `op(a, b, c, d)` for the float dtypes; its kernels live in the binary module.
pub(super) fn quaternary(
    cuda: &CudaBackend,
    op: QuaternaryOp,
    dtype: DType,
    inputs: [View<'_, CudaStorage>; 4],
    shape: &[usize],
) -> Result<CudaStorage> {
    float_map(cuda, op.name(), &format!("quaternary_{}_{}", op.name(), suffix(dtype)), dtype, inputs, shape)
}

/// Kernel `entry` of `N` float operands over `shape`, for the op `name`.
fn float_map<const N: usize>(
    cuda: &CudaBackend,
    name: &str,
    entry: &str,
    dtype: DType,
    inputs: [View<'_, CudaStorage>; N],
    shape: &[usize],
) -> Result<CudaStorage> {
    if !dtype.is_float() {
        return Err(unsupported(cuda, dtype, name));
    }
    let out = cuda.alloc(dtype, shape.iter().product())?;
    map(cuda, Module::Binary(dtype), entry, shape, &inputs.map(Src::view), out.buf.ptr(), dtype.size_of())?;
    Ok(out)
}

/// `dst = op(dst, rhs)`: the binary kernel with its output aliasing its (contiguous)
/// lhs; each thread loads its elements before storing them, so aliasing is safe.
pub(super) fn binary_assign(
    cuda: &CudaBackend,
    op: BinaryOp,
    dtype: DType,
    dst: &mut CudaStorage,
    layout: &Layout,
    rhs: Operand<'_, CudaStorage>,
) -> Result<()> {
    if !op.defined_for(dtype) {
        return Err(unsupported(cuda, dtype, op.name()));
    }
    let lhs = Src::View { ptr: dst.buf.ptr(), offset: layout.offset(), strides: layout.strides().to_vec() };
    let srcs = [lhs, Src::operand(cuda, rhs, dtype)?];
    let entry = format!("binary_{}_{}", op.name(), suffix(dtype));
    let out = dst.addr(layout.offset());
    map(cuda, Module::Binary(dtype), &entry, layout.shape(), &srcs, out, dtype.size_of())
}

pub(super) fn compare(
    cuda: &CudaBackend,
    op: CompareOp,
    dtype: DType,
    lhs: Operand<'_, CudaStorage>,
    rhs: Operand<'_, CudaStorage>,
    shape: &[usize],
) -> Result<CudaStorage> {
    let srcs = [Src::operand(cuda, lhs, dtype)?, Src::operand(cuda, rhs, dtype)?];
    let out = cuda.alloc(DType::Bool, shape.iter().product())?;
    let entry = format!("compare_{}_{}", op.name(), suffix(dtype));
    map(cuda, Module::Compare(dtype), &entry, shape, &srcs, out.buf.ptr(), 1)?;
    Ok(out)
}

pub(super) fn select(
    cuda: &CudaBackend,
    dtype: DType,
    mask: View<'_, CudaStorage>,
    on_true: View<'_, CudaStorage>,
    on_false: View<'_, CudaStorage>,
    shape: &[usize],
) -> Result<CudaStorage> {
    let w = dtype.size_of();
    let out = cuda.alloc(dtype, shape.iter().product())?;
    let srcs = [Src::view(mask), Src::view(on_true), Src::view(on_false)];
    map(cuda, Module::Bits, &format!("select_b{w}"), shape, &srcs, out.buf.ptr(), w)?;
    Ok(out)
}

pub(super) fn copy(cuda: &CudaBackend, dtype: DType, src: View<'_, CudaStorage>) -> Result<CudaStorage> {
    let w = dtype.size_of();
    let out = cuda.alloc(dtype, src.layout.len())?;
    map(cuda, Module::Bits, &format!("copy_b{w}"), src.layout.shape(), &[Src::view(src)], out.buf.ptr(), w)?;
    Ok(out)
}

pub(super) fn concat(cuda: &CudaBackend, dtype: DType, parts: &[View<'_, CudaStorage>]) -> Result<CudaStorage> {
    let w = dtype.size_of();
    let out = cuda.alloc(dtype, parts.iter().map(|p| p.layout.len()).sum())?;
    let mut at = 0u64;
    for p in parts {
        let dst = out.buf.ptr() + at * w as u64;
        map(cuda, Module::Bits, &format!("copy_b{w}"), p.layout.shape(), &[Src::view(*p)], dst, w)?;
        at += p.layout.len() as u64;
    }
    Ok(out)
}

/// FFTs (see [`crate::backend::Backend::fft`]): a power of two with all steps in shared
/// memory when a transform fits a block's buffers, else one launch per step (radix 2,
/// or the generic radix-r step for other lengths).
pub(super) fn fft(
    cuda: &CudaBackend,
    dtype: DType,
    src: View<'_, CudaStorage>,
    twiddles: View<'_, CudaStorage>,
    n: usize,
    radices: &[usize],
) -> Result<CudaStorage> {
    if !dtype.is_float() {
        return Err(unsupported(cuda, dtype, "the FFT"));
    }
    let len = src.layout.len();
    let w = dtype.size_of() as u64;
    let at = |v: &View<'_, CudaStorage>| v.storage.buf.ptr() + v.layout.offset() as u64 * w;
    if !n.is_power_of_two() {
        let entry = format!("fft_radix_{}", suffix(dtype));
        let (mut from, mut l, mut out) = (at(&src), 1, None);
        for &r in radices {
            let next = cuda.alloc(dtype, len)?;
            let p = FftRadixParams {
                src: from,
                tw: at(&twiddles),
                out: next.buf.ptr(),
                total: (len / 2) as i64,
                n: n as i64,
                l: l as i64,
                r: r as i64,
            };
            cuda.launch(Module::Binary(dtype), &entry, (grid_for(len / 2, BLOCK as usize), 1, 1), &p)?;
            from = next.buf.ptr();
            l *= r;
            // The buffer replaced here was read by this launch, queued before any reuse.
            out = Some(next);
        }
        return out.ok_or_else(|| Error::InvalidArgument {
            op: "fft",
            reason: format!("internal: no radices for length {n}"),
        });
    }
    let local = fft_local_pairs(dtype);
    if n <= local {
        let out = cuda.alloc(dtype, len)?;
        let p = FftLocalParams {
            src: at(&src),
            tw: at(&twiddles),
            out: out.buf.ptr(),
            total: (len / 2) as i64,
            log_n: i64::from(n.trailing_zeros()),
        };
        cuda.launch(
            Module::Binary(dtype),
            &format!("fft_local_{}", suffix(dtype)),
            (grid_for(len / 2, local), 1, 1),
            &p,
        )?;
        return Ok(out);
    }
    let step = |from: u64, s: u32| -> Result<CudaStorage> {
        let out = cuda.alloc(dtype, len)?;
        let p = FftParams {
            src: from,
            tw: at(&twiddles),
            out: out.buf.ptr(),
            total: (len / 2) as i64,
            n: n as i64,
            h: (n >> (s + 1)) as i64,
        };
        let entry = format!("fft_step_{}", suffix(dtype));
        cuda.launch(Module::Binary(dtype), &entry, (grid_for(len / 2, BLOCK as usize), 1, 1), &p)?;
        Ok(out)
    };
    let mut out = step(at(&src), 0)?;
    for s in 1..n.trailing_zeros() {
        // The buffer replaced here returns to the pool once this launch is queued: one
        // stream, so the launch reads it before any later reuse writes it.
        out = step(out.buf.ptr(), s)?;
    }
    Ok(out)
}

/// Rows each thread of a scan pass handles.
const SCAN_SEG: usize = 256;

/// `cumsum` and friends (see [`crate::backend::Backend::scan`]): segment totals, their
/// scan (recursively), then every row carried in from the totals before it.
pub(super) fn scan(cuda: &CudaBackend, op: BinaryOp, dtype: DType, src: View<'_, CudaStorage>) -> Result<CudaStorage> {
    if dtype == DType::Bool || !SCAN_OPS.contains(&op) {
        return Err(unsupported(cuda, dtype, "a cumulative op"));
    }
    let (shape, st) = (src.layout.shape(), src.layout.strides());
    let (outer, len, inner) = (shape[0], shape[1], shape[2]);
    let out = cuda.alloc(dtype, outer * len * inner)?;
    if outer * len * inner == 0 {
        return Ok(out);
    }
    let nseg = len.div_ceil(SCAN_SEG);
    let entry = format!("scan_{}_{}", op.name(), suffix(dtype));
    let pass = |dst: &CudaStorage, totals: bool, carry: Option<&CudaStorage>| {
        let p = ScanParams {
            src: src.storage.buf.ptr(),
            out: dst.buf.ptr(),
            carry: carry.map_or(0, |c| c.buf.ptr()),
            off: src.layout.offset() as i64,
            so: st[0] as i64,
            sl: st[1] as i64,
            si: st[2] as i64,
            outer: outer as i64,
            len: len as i64,
            inner: inner as i64,
            seg: SCAN_SEG as i64,
            nseg: nseg as i64,
            totals: i64::from(totals),
            has_carry: i64::from(carry.is_some()),
        };
        cuda.launch(Module::Binary(dtype), &entry, (grid_for(outer * nseg * inner, BLOCK as usize), 1, 1), &p)
    };
    if nseg == 1 {
        pass(&out, false, None)?;
        return Ok(out);
    }
    let totals = cuda.alloc(dtype, outer * nseg * inner)?;
    pass(&totals, true, None)?;
    let layout = Layout::contiguous(&[outer, nseg, inner]);
    let carries = scan(cuda, op, dtype, View { storage: &totals, layout: &layout })?;
    pass(&out, false, Some(&carries))?;
    Ok(out)
}

pub(super) fn cast(cuda: &CudaBackend, from: DType, to: DType, src: View<'_, CudaStorage>) -> Result<CudaStorage> {
    if from == to {
        return copy(cuda, from, src);
    }
    let out = cuda.alloc(to, src.layout.len())?;
    let entry = format!("cast_{}_{}", suffix(from), suffix(to));
    map(cuda, Module::Cast(from), &entry, src.layout.shape(), &[Src::view(src)], out.buf.ptr(), to.size_of())?;
    Ok(out)
}

pub(super) fn fill(cuda: &CudaBackend, dtype: DType, len: usize, fill: Fill) -> Result<CudaStorage> {
    let out = cuda.alloc(dtype, len)?;
    if len == 0 {
        return Ok(out);
    }
    let ptr = out.buf.ptr();
    let mut p = FillParams { out: ptr, n: len as i64, ..Default::default() };
    let entry = match fill {
        Fill::Constant(v) => {
            let bits = v.to_bits();
            match v {
                ScalarValue::Bool(_) => cuda.memset(ptr, bits as u32, len, false)?,
                ScalarValue::F64(_) => {
                    p.bits = bits;
                    cuda.launch(Module::Bits, "fill_b8", (grid_for(len, BLOCK as usize), 1, 1), &p)?;
                }
                _ => cuda.memset(ptr, bits as u32, len, true)?,
            }
            return Ok(out);
        }
        Fill::Arange { start, step } => {
            p.start = start;
            p.step = step;
            "arange"
        }
        Fill::Linspace { start, stop } => {
            p.start = start;
            p.stop = stop;
            p.step = if len > 1 { (stop - start) / (len - 1) as f64 } else { 0.0 };
            "linspace"
        }
    };
    if dtype == DType::Bool {
        return Err(unsupported(cuda, dtype, "arange/linspace"));
    }
    let name = format!("{entry}_{}", suffix(dtype));
    cuda.launch(Module::Fill(dtype), &name, (grid_for(len, BLOCK as usize), 1, 1), &p)?;
    Ok(out)
}
