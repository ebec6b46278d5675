//! The wgpu backend: every op as a WGSL compute kernel (Vulkan, Metal, DX12).
//!
//! - `context`: adapter selection, limits, the batch (one encoder until a sync point),
//!   the parameter arena, fault tracking.
//! - `memory`: size-class buffer pool, storage handles, transfers (downloads through two staging buffers).
//! - `wgsl`: each op enum arm as a WGSL expression or accumulator, per dtype.
//! - `kernels`: `shaders/*.wgsl` specialised with those snippets; the pipeline cache.
//! - `elementwise`, `gather`, `reduce`, `scan`, `linalg`, `sort`, `fft`: host side of each kernel family, including the
//!   chunking that keeps every binding under `max_storage_buffer_binding_size`.

#[cfg(feature = "wgpu")]
mod context;
#[cfg(feature = "wgpu")]
mod elementwise;
#[cfg(feature = "wgpu")]
mod fft;
#[cfg(feature = "wgpu")]
mod gather;
#[cfg(feature = "wgpu")]
mod kernels;
#[cfg(feature = "wgpu")]
mod linalg;
#[cfg(feature = "wgpu")]
mod memory;
#[cfg(feature = "wgpu")]
mod reduce;
#[cfg(feature = "wgpu")]
mod scan;
#[cfg(feature = "wgpu")]
mod sort;
#[cfg(feature = "wgpu")]
mod wgsl;

#[cfg(feature = "wgpu")]
pub(crate) use context::WgpuBackend;
#[cfg(feature = "wgpu")]
pub(crate) use memory::WgpuStorage;

#[cfg(not(feature = "wgpu"))]
mod disabled;
#[cfg(not(feature = "wgpu"))]
pub(crate) use disabled::{WgpuBackend, WgpuStorage};

#[cfg(feature = "wgpu")]
mod backend_impl {
    use super::elementwise::{input, Input};
    use super::wgsl::{binary_expr, cast_expr, compare_expr, device_size, quaternary_expr, ternary_expr, unary_expr};
    use super::{WgpuBackend, WgpuStorage};
    use crate::backend::{
        Backend, BinaryOp, CompareOp, Distribution, Fill, Gather, Operand, QuaternaryOp, ReduceOp, Storage, TernaryOp,
        UnaryOp, View,
    };
    use crate::dtype::{DType, HostSlice, HostVec};
    use crate::error::{Error, Result};
    use crate::info::{Counters, DeviceInfo};
    use crate::layout::Layout;

    impl WgpuBackend {
        fn unsupported(&self, dtype: DType, what: &str) -> Error {
            Error::Unsupported {
                dtype,
                device: self.name.clone(),
                reason: format!("{what} is not defined for {dtype}"),
            }
        }

        fn foreign(&self) -> Error {
            Error::Backend { device: self.name.clone(), message: "internal error: storage of another device".into() }
        }
    }

    /// An elementwise kernel's input read from a strided view.
    fn view_input<'a>(v: View<'a, WgpuStorage>, dtype: DType) -> Input<'a> {
        Input::View { buffer: v.storage.buffer(), layout: v.layout.clone(), dtype }
    }

    impl Backend for WgpuBackend {
        type Storage = WgpuStorage;

        fn storage<'a>(&self, s: &'a Storage) -> Result<&'a WgpuStorage> {
            match s {
                Storage::Wgpu(w) => Ok(w),
                _ => Err(self.foreign()),
            }
        }

        fn storage_mut<'a>(&self, s: &'a mut Storage) -> Result<&'a mut WgpuStorage> {
            match s {
                Storage::Wgpu(w) => Ok(w),
                _ => Err(self.foreign()),
            }
        }

        fn wrap(&self, s: WgpuStorage) -> Storage {
            Storage::Wgpu(s)
        }

        fn info(&self) -> DeviceInfo {
            self.describe()
        }

        fn counters(&self) -> &Counters {
            &self.counters
        }

        fn supports(&self, dtype: DType) -> bool {
            dtype != DType::F64 || self.f64
        }

        fn synchronize(&self) -> Result<()> {
            self.wait()
        }

        fn trim(&self) {
            self.pool.trim();
        }

        fn upload_slice(&self, data: HostSlice<'_>) -> Result<WgpuStorage> {
            self.upload_host(data)
        }

        fn download(&self, dtype: DType, src: View<'_, WgpuStorage>) -> Result<HostVec> {
            let n = src.layout.len();
            let esize = device_size(dtype) as u64;
            if n == 0 {
                return self.read(src.storage.buffer(), 0, 0, dtype);
            }
            match src.layout.contiguous_offset() {
                Some(off) => self.read(src.storage.buffer(), off as u64 * esize, n as u64 * esize, dtype),
                None => {
                    let dense = self.copy_view(dtype, src)?;
                    self.read(dense.buffer(), 0, n as u64 * esize, dtype)
                }
            }
        }

        fn fill(&self, dtype: DType, len: usize, fill: Fill) -> Result<WgpuStorage> {
            self.fill_new(dtype, len, fill)
        }

        fn random(&self, dtype: DType, len: usize, dist: Distribution, seed: u64) -> Result<WgpuStorage> {
            self.random_new(dtype, len, dist, seed)
        }

        fn copy(&self, dtype: DType, src: View<'_, WgpuStorage>) -> Result<WgpuStorage> {
            self.copy_view(dtype, src)
        }

        fn concat(&self, dtype: DType, parts: &[View<'_, WgpuStorage>]) -> Result<WgpuStorage> {
            self.concat_views(dtype, parts)
        }

        fn compact(
            &self,
            dtype: DType,
            values: Option<View<'_, WgpuStorage>>,
            mask: View<'_, WgpuStorage>,
            positions: View<'_, WgpuStorage>,
            count: usize,
        ) -> Result<WgpuStorage> {
            self.compact_views(dtype, values, mask, positions, count)
        }

        fn scan(&self, op: BinaryOp, dtype: DType, src: View<'_, WgpuStorage>) -> Result<WgpuStorage> {
            if dtype == DType::Bool {
                return Err(self.unsupported(dtype, "a cumulative op"));
            }
            self.scan_view(op, dtype, src)
        }

        fn argsort(&self, dtype: DType, src: View<'_, WgpuStorage>) -> Result<WgpuStorage> {
            if dtype == DType::Bool {
                return Err(self.unsupported(dtype, "sorting"));
            }
            self.argsort_rows(dtype, src)
        }

        fn search(
            &self,
            dtype: DType,
            sorted: View<'_, WgpuStorage>,
            values: View<'_, WgpuStorage>,
            right: bool,
        ) -> Result<WgpuStorage> {
            if dtype == DType::Bool {
                return Err(self.unsupported(dtype, "searchsorted"));
            }
            self.search_views(dtype, sorted, values, right)
        }

        fn scatter(
            &self,
            dtype: DType,
            dst: &mut WgpuStorage,
            span: (usize, usize),
            indices: View<'_, WgpuStorage>,
            index_dtype: DType,
            values: View<'_, WgpuStorage>,
        ) -> Result<()> {
            self.scatter_views(dtype, dst, span, indices, index_dtype, values)
        }

        fn scatter_add(
            &self,
            dtype: DType,
            dst: &mut WgpuStorage,
            span: (usize, usize),
            indices: View<'_, WgpuStorage>,
            index_dtype: DType,
            values: View<'_, WgpuStorage>,
        ) -> Result<()> {
            self.scatter_add_views(dtype, dst, span, indices, index_dtype, values)
        }

        fn bincount(&self, values: View<'_, WgpuStorage>, len: usize) -> Result<WgpuStorage> {
            self.bincount_view(values, len)
        }

        fn gather(
            &self,
            dtype: DType,
            src: View<'_, WgpuStorage>,
            indices: View<'_, WgpuStorage>,
            index_dtype: DType,
            g: &Gather,
        ) -> Result<WgpuStorage> {
            self.gather_views(dtype, src, indices, index_dtype, g)
        }

        fn cast(&self, from: DType, to: DType, src: View<'_, WgpuStorage>) -> Result<WgpuStorage> {
            let inp = [Input::View { buffer: src.storage.buffer(), layout: src.layout.clone(), dtype: from }];
            self.elementwise(to, &inp, src.layout.shape(), &cast_expr(from, to))
        }

        fn unary(&self, op: UnaryOp, dtype: DType, src: View<'_, WgpuStorage>) -> Result<WgpuStorage> {
            let expr = unary_expr(op, dtype).ok_or_else(|| self.unsupported(dtype, op.name()))?;
            let inp = [Input::View { buffer: src.storage.buffer(), layout: src.layout.clone(), dtype }];
            self.elementwise(dtype, &inp, src.layout.shape(), &expr)
        }

        fn binary(
            &self,
            op: BinaryOp,
            dtype: DType,
            lhs: Operand<'_, WgpuStorage>,
            rhs: Operand<'_, WgpuStorage>,
            shape: &[usize],
        ) -> Result<WgpuStorage> {
            if !op.defined_for(dtype) {
                return Err(self.unsupported(dtype, op.name()));
            }
            self.elementwise(dtype, &[input(lhs, dtype), input(rhs, dtype)], shape, &binary_expr(op, dtype))
        }

        fn binary_assign(
            &self,
            op: BinaryOp,
            dtype: DType,
            dst: &mut WgpuStorage,
            dst_layout: &Layout,
            rhs: Operand<'_, WgpuStorage>,
        ) -> Result<()> {
            if !op.defined_for(dtype) {
                return Err(self.unsupported(dtype, op.name()));
            }
            let buffer = dst.buffer();
            let me = Input::View { buffer, layout: dst_layout.clone(), dtype };
            let inputs = [me, input(rhs, dtype)];
            self.elementwise_into(
                (buffer, dtype, dst_layout.offset()),
                &inputs,
                dst_layout.shape(),
                &binary_expr(op, dtype),
                true,
            )
        }

        fn compare(
            &self,
            op: CompareOp,
            dtype: DType,
            lhs: Operand<'_, WgpuStorage>,
            rhs: Operand<'_, WgpuStorage>,
            shape: &[usize],
        ) -> Result<WgpuStorage> {
            self.elementwise(DType::Bool, &[input(lhs, dtype), input(rhs, dtype)], shape, &compare_expr(op, dtype))
        }

        fn select(
            &self,
            dtype: DType,
            mask: View<'_, WgpuStorage>,
            on_true: View<'_, WgpuStorage>,
            on_false: View<'_, WgpuStorage>,
            shape: &[usize],
        ) -> Result<WgpuStorage> {
            let inputs = [view_input(mask, DType::Bool), view_input(on_true, dtype), view_input(on_false, dtype)];
            self.elementwise(dtype, &inputs, shape, "select(c, b, a != 0u)")
        }

        fn ternary(
            &self,
            op: TernaryOp,
            dtype: DType,
            inputs: [View<'_, WgpuStorage>; 3],
            shape: &[usize],
        ) -> Result<WgpuStorage> {
            let expr = ternary_expr(op, dtype).ok_or_else(|| self.unsupported(dtype, op.name()))?;
            self.elementwise(dtype, &inputs.map(|v| view_input(v, dtype)), shape, &expr)
        }

        fn quaternary(
            &self,
            op: QuaternaryOp,
            dtype: DType,
            inputs: [View<'_, WgpuStorage>; 4],
            shape: &[usize],
        ) -> Result<WgpuStorage> {
            let expr = quaternary_expr(op, dtype).ok_or_else(|| self.unsupported(dtype, op.name()))?;
            self.elementwise(dtype, &inputs.map(|v| view_input(v, dtype)), shape, &expr)
        }

        fn reduce(
            &self,
            op: ReduceOp,
            dtype: DType,
            src: View<'_, WgpuStorage>,
            reduced: usize,
        ) -> Result<WgpuStorage> {
            if dtype == DType::Bool || (op.float_only() && !dtype.is_float()) {
                return Err(self.unsupported(dtype, op.name()));
            }
            self.reduce_view(op, dtype, src, reduced)
        }

        fn fft(
            &self,
            dtype: DType,
            src: View<'_, WgpuStorage>,
            twiddles: View<'_, WgpuStorage>,
            n: usize,
            radices: &[usize],
        ) -> Result<WgpuStorage> {
            if !dtype.is_float() {
                return Err(self.unsupported(dtype, "the FFT"));
            }
            self.fft_view(dtype, src, twiddles, n, radices)
        }

        fn dot(&self, dtype: DType, a: View<'_, WgpuStorage>, b: View<'_, WgpuStorage>) -> Result<WgpuStorage> {
            if dtype == DType::Bool {
                return Err(self.unsupported(dtype, "dot"));
            }
            self.dot_views(dtype, a, b)
        }

        fn matmul(&self, dtype: DType, lhs: View<'_, WgpuStorage>, rhs: View<'_, WgpuStorage>) -> Result<WgpuStorage> {
            if dtype == DType::Bool {
                return Err(self.unsupported(dtype, "matmul"));
            }
            self.matmul_views(dtype, lhs, rhs)
        }
    }
}
