//! Elementwise launches: the chunk planner that keeps every binding within the device's
//! storage-binding limit, and unary/binary/compare/select/cast/copy, fill and random.

use super::context::{Bind, WgpuBackend};
use super::kernels::{self, Elementwise, ElementwiseVec4};
use super::memory::WgpuStorage;
use super::wgsl::{device_size, wgsl};
use crate::backend::{Distribution, Fill, Operand, View};
use crate::dtype::{DType, ScalarValue};
use crate::error::{Error, Result};
use crate::layout::{box_reaches, collapse, contiguous_strides, reach, Layout};

/// One input of an elementwise launch.
pub(super) enum Input<'a> {
    /// A strided view (already broadcast to the op's shape).
    View { buffer: &'a wgpu::Buffer, layout: Layout, dtype: DType },
    /// One value, bound from the parameter arena with stride 0.
    Scalar { bytes: Vec<u8>, dtype: DType },
}

impl Input<'_> {
    fn dtype(&self) -> DType {
        match self {
            Input::View { dtype, .. } | Input::Scalar { dtype, .. } => *dtype,
        }
    }
}

/// Bytes of a scalar in device layout (bool as u32).
pub(super) fn scalar_bytes(v: ScalarValue) -> Vec<u8> {
    match v {
        ScalarValue::F32(x) => x.to_ne_bytes().to_vec(),
        ScalarValue::F64(x) => x.to_ne_bytes().to_vec(),
        ScalarValue::I32(x) => x.to_ne_bytes().to_vec(),
        ScalarValue::U32(x) => x.to_ne_bytes().to_vec(),
        ScalarValue::Bool(x) => (x as u32).to_ne_bytes().to_vec(),
    }
}

/// The input for a backend operand (its layout already has the op's shape).
pub(super) fn input<'a>(op: Operand<'a, WgpuStorage>, dtype: DType) -> Input<'a> {
    match op {
        Operand::Array(v) => Input::View { buffer: v.storage.buffer(), layout: v.layout.clone(), dtype },
        Operand::Scalar(s) => Input::Scalar { bytes: scalar_bytes(s), dtype },
    }
}

/// A sub-box of the output index space: a contiguous output range whose inputs each
/// fit in one binding window.
struct Chunk {
    out_start: usize,
    /// The box covers dims `dim..` of the full shape (earlier dims fixed in `offsets`).
    dim: usize,
    shape: Vec<usize>,
    offsets: Vec<isize>,
}

fn span(shape: &[usize], strides: &[isize]) -> u64 {
    1 + shape.iter().zip(strides).map(|(&b, &s)| (b as u64 - 1) * s.unsigned_abs() as u64).sum::<u64>()
}

/// Most contiguous-output chunks `plan` makes before giving up on a view: an inner
/// dimension whose stride alone spans more than a binding (`x.t()` of a `[2, 40M]`
/// array) would cut the output into single elements.
const MAX_CHUNKS: usize = 4096;

/// Splits `shape` into chunks whose input spans (and output range) fit `limit` bytes:
/// whole sub-boxes when possible, ranges of the outermost splittable dimension
/// otherwise, recursing into a dimension only when one slice of it is too large.
/// `None` past `MAX_CHUNKS` chunks: then [`plan_boxes`] splits the output into strided
/// boxes instead.
fn plan(
    shape: &[usize],
    strides: &[&[isize]],
    offsets: &[isize],
    esizes: &[u64],
    out_esize: u64,
    limit: u64,
) -> Option<Vec<Chunk>> {
    fn fits(shape: &[usize], strides: &[&[isize]], d: usize, esizes: &[u64], out_esize: u64, limit: u64) -> bool {
        let n: u64 = shape.iter().map(|&x| x as u64).product();
        n * out_esize <= limit && strides.iter().zip(esizes).all(|(s, &e)| span(shape, &s[d..]) * e <= limit)
    }
    #[allow(clippy::too_many_arguments)]
    fn rec(
        d: usize,
        full: &[usize],
        strides: &[&[isize]],
        offsets: Vec<isize>,
        out_start: usize,
        esizes: &[u64],
        out_esize: u64,
        limit: u64,
        out: &mut Vec<Chunk>,
    ) {
        if out.len() > MAX_CHUNKS {
            return;
        }
        let rest = &full[d..];
        if d == full.len() || fits(rest, strides, d, esizes, out_esize, limit) {
            out.push(Chunk { out_start, dim: d, shape: rest.to_vec(), offsets });
            return;
        }
        let inner: usize = full[d + 1..].iter().product();
        // Largest number of rows along dim d that fits.
        let (mut lo, mut hi) = (0usize, full[d]);
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            let mut b = rest.to_vec();
            b[0] = mid;
            if fits(&b, strides, d, esizes, out_esize, limit) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        if lo >= 1 {
            let mut r0 = 0;
            while r0 < full[d] {
                let r = lo.min(full[d] - r0);
                let mut b = rest.to_vec();
                b[0] = r;
                let offs = offsets.iter().zip(strides).map(|(&o, s)| o + r0 as isize * s[d]).collect();
                out.push(Chunk { out_start: out_start + r0 * inner, dim: d, shape: b, offsets: offs });
                r0 += r;
            }
        } else {
            for i in 0..full[d] {
                let offs = offsets.iter().zip(strides).map(|(&o, s)| o + i as isize * s[d]).collect();
                rec(d + 1, full, strides, offs, out_start + i * inner, esizes, out_esize, limit, out);
            }
        }
    }
    let mut out = Vec::new();
    rec(0, shape, strides, offsets.to_vec(), 0, esizes, out_esize, limit, &mut out);
    (out.len() <= MAX_CHUNKS).then_some(out)
}

/// A box of the output index space: `start` and `shape` per dimension.
#[derive(Debug, Clone, PartialEq, Eq)]
struct OutBox {
    start: Vec<usize>,
    shape: Vec<usize>,
}

/// Splits `shape` into boxes whose input spans and *output* spans (the output is
/// row-major, written through its strides) fit `limit` bytes, halving the dimension
/// that spans the most bytes until each fits: a handful of boxes where `plan` would
/// need one chunk per element.
fn plan_boxes(shape: &[usize], strides: &[&[isize]], esizes: &[u64], out_esize: u64, limit: u64) -> Vec<OutBox> {
    let out_strides = contiguous_strides(shape);
    // Bytes the widest of the inputs and the output spans along dimension `d` of box `b`.
    let spread = |b: &[usize], d: usize| -> u64 {
        let ext = b[d].saturating_sub(1) as u64;
        let ins = strides.iter().zip(esizes).map(|(s, &e)| ext * s[d].unsigned_abs() as u64 * e);
        ins.chain([ext * out_strides[d].unsigned_abs() as u64 * out_esize]).max().unwrap_or(0)
    };
    let fits = |b: &[usize]| {
        span(b, &out_strides) * out_esize <= limit && strides.iter().zip(esizes).all(|(s, &e)| span(b, s) * e <= limit)
    };
    let mut todo = vec![OutBox { start: vec![0; shape.len()], shape: shape.to_vec() }];
    let mut done = Vec::new();
    while let Some(b) = todo.pop() {
        // A single element always fits, so a box that does not has a dimension to halve.
        let worst = (0..b.shape.len()).filter(|&d| b.shape[d] > 1).max_by_key(|&d| spread(&b.shape, d));
        match worst {
            Some(d) if !fits(&b.shape) => {
                let half = b.shape[d] / 2;
                let (mut lo, mut hi) = (b.clone(), b);
                lo.shape[d] = half;
                hi.start[d] += half;
                hi.shape[d] -= half;
                todo.extend([hi, lo]);
            }
            _ => done.push(b),
        }
    }
    done
}

impl WgpuBackend {
    /// A binding window over storage elements `lo..hi` of `buffer`; returns the binding
    /// and the element index it starts at (to subtract from offsets).
    pub(super) fn window<'a>(&self, buffer: &'a wgpu::Buffer, esize: u64, lo: u64, hi: u64) -> (Bind<'a>, u64) {
        if buffer.size() <= self.limits.max_binding {
            return (Bind::whole(buffer), 0);
        }
        let start = (lo * esize) / self.limits.align * self.limits.align;
        // Ends on a vec4 boundary so vec4 views of the window cover its last element.
        let end = (hi * esize).next_multiple_of(4 * esize).min(buffer.size());
        (Bind::Buffer { buffer, offset: start, size: end - start }, start / esize)
    }

    /// Largest binding the planners may use: the limit less the slack that aligning a
    /// window's start down and its end up (to a vec4 of f64) can add.
    pub(super) fn chunk_limit(&self) -> u64 {
        self.limits.max_binding - 2 * self.limits.align - 32
    }

    /// Runs `expr` over `shape` into `out` (contiguous, starting at element `out_off`).
    /// With `inplace`, the first operand is `out` itself.
    pub(super) fn elementwise_into(
        &self,
        (out, out_dtype, out_off): (&wgpu::Buffer, DType, usize),
        inputs: &[Input<'_>],
        shape: &[usize],
        expr: &str,
        inplace: bool,
    ) -> Result<()> {
        let n: usize = shape.iter().product();
        if n == 0 {
            return Ok(());
        }
        let views: Vec<(&wgpu::Buffer, &Layout, u64)> = inputs
            .iter()
            .filter_map(|i| match i {
                Input::View { buffer, layout, dtype } => Some((*buffer, layout, device_size(*dtype) as u64)),
                Input::Scalar { .. } => None,
            })
            .collect();
        let strides: Vec<&[isize]> = views.iter().map(|v| v.1.strides()).collect();
        let offsets: Vec<isize> = views.iter().map(|v| v.1.offset() as isize).collect();
        let esizes: Vec<u64> = views.iter().map(|v| v.2).collect();
        let out_esize = device_size(out_dtype) as u64;
        let dtypes: Vec<DType> = inputs.iter().map(Input::dtype).collect();
        let Some(chunks) = plan(shape, &strides, &offsets, &esizes, out_esize, self.chunk_limit()) else {
            let boxes = plan_boxes(shape, &strides, &esizes, out_esize, self.chunk_limit());
            let views = (strides.as_slice(), offsets.as_slice());
            return self.elementwise_boxes((out, out_dtype, out_off), inputs, views, shape, expr, inplace, &boxes);
        };
        for chunk in chunks {
            let len: usize = chunk.shape.iter().product();
            if len == 0 {
                continue;
            }
            // Bindings and rebased offsets, per input in order.
            let mut binds = Vec::with_capacity(2 + inputs.len());
            let o0 = (out_off + chunk.out_start) as u64;
            let (ob, obase) = self.window(out, out_esize, o0, o0 + len as u64);
            binds.push(ob);
            let view_strides: Vec<&[isize]> = strides.iter().map(|s| &s[chunk.dim..]).collect();
            let (input_binds, mut offs, chunk_strides) =
                self.bind_inputs(inputs, &chunk.shape, &view_strides, &chunk.offsets, inplace, obase);
            let refs: Vec<&[isize]> = chunk_strides.iter().map(|s| s.as_slice()).collect();
            let c = collapse(&chunk.shape, &refs);
            let nd = c.shape.len();
            let out_rel = o0 - obase;
            // Expressions that iterate take one element per invocation (the generic and
            // 1-D kernels), not the four or sixteen of the transposing and vec4 kernels:
            // llvmpipe caps the loop iterations of an invocation at 65,535 in all.
            let iterative = super::wgsl::iterative(expr);
            // One input read transposed: tile it through workgroup memory.
            if !iterative && inputs.len() == 1 && !inplace && nd >= 2 && matches!(inputs[0], Input::View { .. }) {
                let s = &c.strides[0];
                let batch: usize = c.shape[..nd - 2].iter().product();
                let max = self.limits.max_groups as usize;
                let fits_grid =
                    batch <= max && c.shape[nd - 2].div_ceil(32) <= max && c.shape[nd - 1].div_ceil(32) <= max;
                if s[nd - 2].abs() == 1 && s[nd - 1].abs() > 1 && fits_grid {
                    let mut meta: Vec<u32> = vec![
                        c.shape[nd - 2] as u32,
                        c.shape[nd - 1] as u32,
                        out_rel as u32,
                        offs[0] as u32,
                        s[nd - 2] as i32 as u32,
                        s[nd - 1] as i32 as u32,
                        0,
                    ];
                    meta.extend(c.shape[..nd - 2].iter().map(|&d| d as u32));
                    meta.extend(s[..nd - 2].iter().map(|&x| x as i32 as u32));
                    let key = format!("tr|{out_dtype:?}|{:?}|{}|{expr}", dtypes[0], nd - 2);
                    let kernel = self.kernel(&key, || kernels::transpose_source(out_dtype, dtypes[0], nd - 2, expr))?;
                    let meta_bytes: Vec<u8> = bytemuck::cast_slice(&meta).to_vec();
                    let grid = [c.shape[nd - 2].div_ceil(32) as u32, c.shape[nd - 1].div_ceil(32) as u32, batch as u32];
                    self.dispatch_grid(&kernel, &[binds[0], Bind::Data(&meta_bytes), input_binds[0]], grid)?;
                    continue;
                }
            }
            // Dense or broadcast along one dimension, 16-byte aligned: vec4 loads and stores.
            let stride_of = |k: usize| c.strides[k].first().copied().unwrap_or(0);
            let vec4 = !iterative
                && nd == 1
                && len >= 4
                && out_rel.is_multiple_of(4)
                && (0..inputs.len()).all(|k| match stride_of(k) {
                    0 => true,
                    1 => offs[k] % 4 == 0,
                    _ => false,
                });
            let mut done = 0usize;
            if vec4 {
                let n4 = len / 4;
                let dense: Vec<bool> = (0..inputs.len()).map(|k| stride_of(k) == 1).collect();
                let mut meta: Vec<u32> = vec![n4 as u32, (out_rel / 4) as u32];
                for k in 0..kernels::OPERANDS.len() {
                    let o = offs.get(k).copied().unwrap_or(0) as u32;
                    meta.push(if dense.get(k) == Some(&true) { o / 4 } else { o });
                }
                let spec = ElementwiseVec4 { out: out_dtype, inputs: &dtypes, dense: &dense, expr, inplace };
                let kernel = self.kernel(&spec.key(), || spec.source())?;
                let meta_bytes: Vec<u8> = bytemuck::cast_slice(&meta).to_vec();
                let mut b4 = vec![binds[0], Bind::Data(&meta_bytes)];
                b4.extend(input_binds.iter().copied());
                self.dispatch(&kernel, &b4, (n4 as u64).div_ceil(256 * kernels::VEC4_PER))?;
                done = n4 * 4;
                if done == len {
                    continue;
                }
            }
            // The scalar kernel covers the rest (everything, or a vec4 path's tail).
            let len = len - done;
            for (k, o) in offs.iter_mut().enumerate() {
                *o += done as isize * stride_of(k);
            }
            let o0 = o0 + done as u64;
            let mut meta: Vec<u32> = vec![len as u32, (o0 - obase) as u32];
            meta.extend(offs.iter().map(|&o| o as u32));
            if nd <= 1 {
                meta.extend((0..inputs.len()).map(|k| c.strides[k].first().copied().unwrap_or(0) as u32));
            } else {
                meta.extend(c.shape.iter().map(|&d| d as u32));
                for s in &c.strides[..inputs.len()] {
                    meta.extend(s.iter().map(|&x| x as i32 as u32));
                }
            }
            let spec = Elementwise { out: out_dtype, inputs: &dtypes, nd, expr, inplace, strided_out: false };
            let kernel = self.kernel(&spec.key(), || spec.source())?;
            let meta_bytes: Vec<u8> = bytemuck::cast_slice(&meta).to_vec();
            binds.push(Bind::Data(&meta_bytes));
            binds.extend(input_binds);
            let per_group = if nd <= 1 { 256 * kernels::per_invocation_1d(expr) } else { 256 };
            self.dispatch(&kernel, &binds, (len as u64).div_ceil(per_group))?;
        }
        Ok(())
    }

    /// Bindings, rebased offsets and strides of each input over a box of `shape` in
    /// which view `k` (views counted in order) starts at element `starts[k]` with
    /// `strides[k]`; scalars bind from the arena with stride 0. With `inplace`, input 0
    /// is read through the output's binding, which starts at element `obase`.
    fn bind_inputs<'b>(
        &self,
        inputs: &'b [Input<'_>],
        shape: &[usize],
        strides: &[&[isize]],
        starts: &[isize],
        inplace: bool,
        obase: u64,
    ) -> (Vec<Bind<'b>>, Vec<isize>, Vec<Vec<isize>>) {
        let (mut binds, mut offs, mut box_strides) = (Vec::new(), Vec::new(), Vec::new());
        let mut vi = 0;
        for (k, inp) in inputs.iter().enumerate() {
            match inp {
                Input::View { buffer, dtype, .. } => {
                    let (s, off) = (strides[vi], starts[vi]);
                    vi += 1;
                    if inplace && k == 0 {
                        offs.push(off - obase as isize);
                    } else {
                        let (lo, hi) = reach(off as i64, box_reaches(shape, s));
                        let (b, base) = self.window(buffer, device_size(*dtype) as u64, lo as u64, hi as u64);
                        binds.push(b);
                        offs.push(off - base as isize);
                    }
                    box_strides.push(s.to_vec());
                }
                Input::Scalar { bytes, .. } => {
                    binds.push(Bind::Data(bytes));
                    offs.push(0);
                    box_strides.push(vec![0; shape.len()]);
                }
            }
        }
        (binds, offs, box_strides)
    }

    /// `elementwise_into` box by box, each written through the output's row-major
    /// strides by the N-D kernel (see [`plan_boxes`]).
    #[allow(clippy::too_many_arguments)]
    fn elementwise_boxes(
        &self,
        (out, out_dtype, out_off): (&wgpu::Buffer, DType, usize),
        inputs: &[Input<'_>],
        (strides, offsets): (&[&[isize]], &[isize]),
        shape: &[usize],
        expr: &str,
        inplace: bool,
        boxes: &[OutBox],
    ) -> Result<()> {
        let out_strides = contiguous_strides(shape);
        let out_esize = device_size(out_dtype) as u64;
        let dtypes: Vec<DType> = inputs.iter().map(Input::dtype).collect();
        for b in boxes {
            let len: usize = b.shape.iter().product();
            if len == 0 {
                continue;
            }
            let at = |strides: &[isize], offset: isize| {
                offset + b.start.iter().zip(strides).map(|(&i, &s)| i as isize * s).sum::<isize>()
            };
            let o0 = at(&out_strides, out_off as isize);
            let (olo, ohi) = reach(o0 as i64, box_reaches(&b.shape, &out_strides));
            let (ob, obase) = self.window(out, out_esize, olo as u64, ohi as u64);
            let mut binds = vec![ob];
            let starts: Vec<isize> = strides.iter().zip(offsets).map(|(s, &o)| at(s, o)).collect();
            let (input_binds, offs, mut box_strides) =
                self.bind_inputs(inputs, &b.shape, strides, &starts, inplace, obase);
            box_strides.push(out_strides.clone());
            let refs: Vec<&[isize]> = box_strides.iter().map(|s| s.as_slice()).collect();
            let mut c = collapse(&b.shape, &refs);
            if c.shape.is_empty() {
                c.shape.push(1);
                c.strides.iter_mut().for_each(|s| s.push(0));
            }
            let nd = c.shape.len();
            let mut meta: Vec<u32> = vec![len as u32, (o0 - obase as isize) as u32];
            meta.extend(offs.iter().map(|&o| o as u32));
            meta.extend(c.shape.iter().map(|&d| d as u32));
            for s in &c.strides[..=inputs.len()] {
                meta.extend(s.iter().map(|&x| x as i32 as u32));
            }
            let spec = Elementwise { out: out_dtype, inputs: &dtypes, nd, expr, inplace, strided_out: true };
            let kernel = self.kernel(&spec.key(), || spec.source())?;
            let meta_bytes: Vec<u8> = bytemuck::cast_slice(&meta).to_vec();
            binds.push(Bind::Data(&meta_bytes));
            binds.extend(input_binds);
            self.dispatch(&kernel, &binds, (len as u64).div_ceil(256))?;
        }
        Ok(())
    }

    /// A new contiguous array: `expr` over `shape`.
    pub(super) fn elementwise(
        &self,
        out_dtype: DType,
        inputs: &[Input<'_>],
        shape: &[usize],
        expr: &str,
    ) -> Result<WgpuStorage> {
        let n: usize = shape.iter().product();
        let out = self.pool.take((n * device_size(out_dtype)) as u64)?;
        self.elementwise_into((out.buffer(), out_dtype, 0), inputs, shape, expr, false)?;
        Ok(out)
    }

    /// Each view's elements in turn, in one new contiguous buffer.
    pub(super) fn concat_views(&self, dtype: DType, parts: &[View<'_, WgpuStorage>]) -> Result<WgpuStorage> {
        let n: usize = parts.iter().map(|p| p.layout.len()).sum();
        let out = self.pool.take((n * device_size(dtype)) as u64)?;
        let mut at = 0;
        for p in parts {
            let inp = [Input::View { buffer: p.storage.buffer(), layout: p.layout.clone(), dtype }];
            self.elementwise_into((out.buffer(), dtype, at), &inp, p.layout.shape(), "a", false)?;
            at += p.layout.len();
        }
        Ok(out)
    }

    /// A contiguous copy of a view in its own dtype.
    pub(super) fn copy_view(&self, dtype: DType, src: View<'_, WgpuStorage>) -> Result<WgpuStorage> {
        let inp = [Input::View { buffer: src.storage.buffer(), layout: src.layout.clone(), dtype }];
        self.elementwise(dtype, &inp, src.layout.shape(), "a")
    }

    /// Fills a new array of `len` elements.
    pub(super) fn fill_new(&self, dtype: DType, len: usize, fill: Fill) -> Result<WgpuStorage> {
        let esize = device_size(dtype);
        let out = self.pool.take((len * esize) as u64)?;
        if len == 0 {
            return Ok(out);
        }
        let bytes = (len * esize) as u64;
        if let Fill::Constant(v) = fill
            && v.to_bits() == 0
            && !(v.dtype() == DType::F64 && v.to_f64().is_sign_negative())
        {
            self.clear(out.buffer(), 0, bytes.next_multiple_of(4))?;
            return Ok(out);
        }
        // Index arithmetic in f64 where the device has it (as the CPU), else in the
        // dtype itself (exact for integers, within an ulp for f32).
        let p = if self.f64 {
            DType::F64
        } else if dtype == DType::Bool {
            DType::U32
        } else {
            dtype
        };
        let wp = wgsl(p);
        let wt = wgsl(dtype);
        let (params, expr): ([f64; 3], String) = match fill {
            Fill::Constant(v) => {
                // The value itself, in the array's own type: exact for every dtype.
                let p = if dtype == DType::Bool { DType::U32 } else { dtype };
                self.fill_kernel(&out, dtype, p, len, [v.to_f64(), 0.0, 0.0], Some(v), "p0")?;
                return Ok(out);
            }
            Fill::Arange { start, step } => ([start, step, 0.0], format!("{wt}(p0 + {wp}(i) * p1)")),
            Fill::Linspace { start, stop } => {
                let step = if len > 1 { (stop - start) / (len - 1) as f64 } else { 0.0 };
                ([start, step, stop], format!("{wt}(select(p0 + {wp}(i) * p1, p2, i == last))"))
            }
        };
        self.fill_kernel(&out, dtype, p, len, params, None, &expr)?;
        Ok(out)
    }

    #[allow(clippy::too_many_arguments)]
    fn fill_kernel(
        &self,
        out: &WgpuStorage,
        dtype: DType,
        p: DType,
        len: usize,
        params: [f64; 3],
        constant: Option<ScalarValue>,
        expr: &str,
    ) -> Result<()> {
        // A constant is passed bit-exactly in its own type; index formulas' parameters
        // are converted to the parameter type.
        let pbytes: Vec<u8> = match (p, constant) {
            (_, Some(c)) => [scalar_bytes(c), vec![0; 2 * device_size(p)]].concat(),
            (DType::F64, None) => params.iter().flat_map(|v| v.to_ne_bytes()).collect(),
            (DType::F32, None) => params.iter().flat_map(|&v| (v as f32).to_ne_bytes()).collect(),
            (DType::I32, None) => params.iter().flat_map(|&v| (v as i32).to_ne_bytes()).collect(),
            (_, None) => params.iter().flat_map(|&v| (v as u32).to_ne_bytes()).collect(),
        };
        let key = format!("fill|{dtype:?}|{p:?}|{expr}");
        let kernel = self.kernel(&key, || kernels::fill_source(dtype, p, expr))?;
        let esize = device_size(dtype) as u64;
        let per = (self.chunk_limit() / esize) as usize;
        let mut first = 0usize;
        while first < len {
            let n = per.min(len - first);
            let (ob, base) = self.window(out.buffer(), esize, first as u64, (first + n) as u64);
            // The last index is the array's (linspace ends exactly at `stop`); none for n <= 1.
            let last = if len > 1 { (len - 1) as u32 } else { u32::MAX };
            let meta = [n as u32, (first as u64 - base) as u32, first as u32, last];
            let meta: Vec<u8> = bytemuck::cast_slice(&meta).to_vec();
            self.dispatch(&kernel, &[ob, Bind::Data(&meta), Bind::Data(&pbytes)], (n as u64).div_ceil(256))?;
            first += n;
        }
        Ok(())
    }

    /// `len` counter-based random numbers (see `backend::philox` for the mapping).
    pub(super) fn random_new(&self, dtype: DType, len: usize, dist: Distribution, seed: u64) -> Result<WgpuStorage> {
        let kind = match dist {
            Distribution::Uniform { .. } => kernels::RandomKind::Uniform,
            Distribution::Normal { .. } => kernels::RandomKind::Normal,
            Distribution::Gamma { .. } => kernels::RandomKind::Gamma,
        };
        let (src, per) = kernels::random_source(dtype, kind);
        if per == 0 {
            return Err(Error::Unsupported {
                dtype,
                device: self.name.clone(),
                reason: format!("{kind:?} random numbers are not defined for {dtype}"),
            });
        }
        let params: Vec<u8> = match (dtype, dist) {
            (DType::U32 | DType::I32, Distribution::Uniform { low, high }) => {
                let (l, h) = (low.to_bits() as u32, high.to_bits() as u32);
                [l, h.wrapping_sub(l)].iter().flat_map(|v| v.to_ne_bytes()).collect()
            }
            (DType::F32, Distribution::Uniform { low, high }) => {
                [low.to_f64() as f32, high.to_f64() as f32].iter().flat_map(|v| v.to_ne_bytes()).collect()
            }
            (DType::F32, Distribution::Normal { mean, std }) => {
                [mean as f32, std as f32].iter().flat_map(|v| v.to_ne_bytes()).collect()
            }
            (_, Distribution::Uniform { low, high }) => {
                [low.to_f64(), high.to_f64()].iter().flat_map(|v| v.to_ne_bytes()).collect()
            }
            (_, Distribution::Normal { mean, std }) => [mean, std].iter().flat_map(|v| v.to_ne_bytes()).collect(),
            (DType::F32, Distribution::Gamma { k }) => {
                let (d, c, inv_k) = crate::backend::philox::gamma_constants(k);
                [d as f32, c as f32, inv_k as f32].iter().flat_map(|v| v.to_ne_bytes()).collect()
            }
            (_, Distribution::Gamma { k }) => {
                let (d, c, inv_k) = crate::backend::philox::gamma_constants(k);
                [d, c, inv_k].iter().flat_map(|v| v.to_ne_bytes()).collect()
            }
        };
        let esize = device_size(dtype) as u64;
        let out = self.pool.take(len as u64 * esize)?;
        let key = format!("rand|{dtype:?}|{kind:?}");
        let kernel = self.kernel(&key, || src)?;
        // Chunks start on block boundaries so each block's words stay together.
        let per_chunk = ((self.chunk_limit() / esize) as usize / per) * per;
        let mut first = 0usize;
        while first < len {
            let n = per_chunk.min(len - first);
            let (ob, base) = self.window(out.buffer(), esize, first as u64, (first + n) as u64);
            let block = (first / per) as u64;
            let meta: [u32; 6] = [
                n as u32,
                (first as u64 - base) as u32,
                block as u32,
                (block >> 32) as u32,
                seed as u32,
                (seed >> 32) as u32,
            ];
            let meta: Vec<u8> = bytemuck::cast_slice(&meta).to_vec();
            self.dispatch(
                &kernel,
                &[ob, Bind::Data(&meta), Bind::Data(&params)],
                (n.div_ceil(per) as u64).div_ceil(256),
            )?;
            first += n;
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `x.t()` of a `[2, 40M]` u32 array: the contiguous planner gives up, the boxes
    /// tile the output exactly once and each fits the limit.
    #[test]
    fn a_wide_stride_inner_dimension_gets_boxes() {
        let (shape, strides) = ([40_000_000usize, 2], [1isize, 40_000_000]);
        let limit = (128 << 20) - 1024;
        assert!(plan(&shape, &[&strides], &[0], &[4], 4, limit).is_none());
        let boxes = plan_boxes(&shape, &[&strides], &[4], 4, limit);
        assert!(boxes.len() <= 16, "{} boxes", boxes.len());
        let mut covered = 0usize;
        for b in &boxes {
            assert!(span(&b.shape, &strides) * 4 <= limit && span(&b.shape, &[2, 1]) * 4 <= limit, "{b:?}");
            covered += b.shape.iter().product::<usize>();
        }
        assert_eq!(covered, 80_000_000);
        // Disjoint: every (row, column) start pair is distinct and boxes do not overlap.
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                let apart =
                    (0..2).any(|d| a.start[d] + a.shape[d] <= b.start[d] || b.start[d] + b.shape[d] <= a.start[d]);
                assert!(apart, "{a:?} overlaps {b:?}");
            }
        }
        // A transpose within one binding is one chunk; a 160 MiB one needed 10,000
        // row-piece chunks (two per row) and now takes four boxes.
        assert_eq!(plan(&[1000, 1000], &[&[1, 1000]], &[0], &[4], 4, limit).map(|c| c.len()), Some(1));
        assert!(plan(&[5000, 8000], &[&[1, 5000]], &[0], &[4], 4, limit).is_none());
        assert_eq!(plan_boxes(&[5000, 8000], &[&[1, 5000]], &[4], 4, limit).len(), 4);
    }
}
