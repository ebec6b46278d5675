//! [`CudaBackend`]: one device's context, stream, pool, kernel cache and cuBLAS handle,
//! and the [`Backend`] implementation, which delegates each op family to its file.

use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, OnceLock};

use cudarc::cublas::CudaBlas;
use cudarc::driver::{CudaContext, CudaStream};

use super::elementwise;
use super::kernels::KernelCache;
use super::memory::{CudaStorage, DevicePool};
use super::transfer::StagingRing;
use super::{linalg, random, reduce};
use crate::backend::{
    Backend, BinaryOp, CompareOp, Distribution, Fill, Gather, Operand, QuaternaryOp, ReduceOp, Storage, TernaryOp,
    UnaryOp, View,
};
use crate::dtype::{DType, HostSlice, HostVec};
use crate::error::{Error, Result};
use crate::info::{Counters, DeviceInfo};
use crate::layout::Layout;

/// One CUDA device: its context, stream, memory pool, kernel cache and cuBLAS handle.
pub(crate) struct CudaBackend {
    pub(super) ctx: Arc<CudaContext>,
    pub(super) stream: Arc<CudaStream>,
    pub(super) pool: Arc<DevicePool>,
    pub(super) kernels: KernelCache,
    pub(super) staging: Mutex<StagingRing>,
    pub(super) blas: OnceLock<Option<Mutex<CudaBlas>>>,
    pub(super) lost: AtomicBool,
    pub(super) info: DeviceInfo,
    pub(super) label: String,
}

impl CudaBackend {
    fn foreign(&self) -> Error {
        Error::Backend { device: self.label.clone(), message: "internal error: storage of another backend".into() }
    }

    /// Counts a launch made outside [`CudaBackend::launch`] (cuBLAS).
    pub(super) fn counters_launch(&self) {
        self.pool.counters.launch();
    }

    fn upload_typed<T: Copy>(&self, data: &[T], dtype: DType) -> Result<CudaStorage> {
        let out = self.alloc(dtype, data.len())?;
        if !data.is_empty() {
            let ptr = out.buf.ptr();
            self.staging().upload(self.stream(), data, ptr).map_err(|e| self.driver_err("upload", e))?;
        }
        self.pool.counters.upload(std::mem::size_of_val(data));
        Ok(out)
    }

    fn download_typed<T: Copy + Default>(&self, src: &CudaStorage, start: usize, n: usize) -> Result<Vec<T>> {
        let mut out = vec![T::default(); n];
        self.staging()
            .download(self.stream(), src.addr(start), &mut out)
            .map_err(|e| self.driver_err("download", e))?;
        self.pool.counters.download(std::mem::size_of_val(out.as_slice()));
        Ok(out)
    }
}

impl Backend for CudaBackend {
    type Storage = CudaStorage;

    fn storage<'a>(&self, s: &'a Storage) -> Result<&'a CudaStorage> {
        match s {
            Storage::Cuda(c) => Ok(c),
            _ => Err(self.foreign()),
        }
    }

    fn storage_mut<'a>(&self, s: &'a mut Storage) -> Result<&'a mut CudaStorage> {
        match s {
            Storage::Cuda(c) => Ok(c),
            _ => Err(self.foreign()),
        }
    }

    fn wrap(&self, s: CudaStorage) -> Storage {
        Storage::Cuda(s)
    }

    fn info(&self) -> DeviceInfo {
        self.info.clone()
    }

    fn counters(&self) -> &Counters {
        &self.pool.counters
    }

    fn supports(&self, _dtype: DType) -> bool {
        true
    }

    fn synchronize(&self) -> Result<()> {
        self.check_alive()?;
        self.stream.synchronize().map_err(|e| self.driver_err("synchronize", e))
    }

    fn trim(&self) {
        self.pool.trim();
    }

    fn upload_slice(&self, data: HostSlice<'_>) -> Result<CudaStorage> {
        match data {
            HostSlice::F32(v) => self.upload_typed(v, DType::F32),
            HostSlice::F64(v) => self.upload_typed(v, DType::F64),
            HostSlice::I32(v) => self.upload_typed(v, DType::I32),
            HostSlice::U32(v) => self.upload_typed(v, DType::U32),
            HostSlice::Bool(v) => self.upload_typed(v, DType::Bool),
        }
    }

    fn download(&self, dtype: DType, src: View<'_, CudaStorage>) -> Result<HostVec> {
        let n = src.layout.len();
        if n == 0 {
            return Ok(empty_host(dtype));
        }
        let gathered;
        let (storage, start) = match src.layout.contiguous_offset() {
            Some(off) => (src.storage, off),
            None => {
                gathered = elementwise::copy(self, dtype, src)?;
                (&gathered, 0)
            }
        };
        Ok(match dtype {
            DType::F32 => HostVec::F32(self.download_typed(storage, start, n)?),
            DType::F64 => HostVec::F64(self.download_typed(storage, start, n)?),
            DType::I32 => HostVec::I32(self.download_typed(storage, start, n)?),
            DType::U32 => HostVec::U32(self.download_typed(storage, start, n)?),
            // Bytes first: only 0/1 are valid bools.
            DType::Bool => {
                HostVec::Bool(self.download_typed::<u8>(storage, start, n)?.iter().map(|&b| b != 0).collect())
            }
        })
    }

    fn fill(&self, dtype: DType, len: usize, fill: Fill) -> Result<CudaStorage> {
        elementwise::fill(self, dtype, len, fill)
    }

    fn random(&self, dtype: DType, len: usize, dist: Distribution, seed: u64) -> Result<CudaStorage> {
        random::random(self, dtype, len, dist, seed)
    }

    fn copy(&self, dtype: DType, src: View<'_, CudaStorage>) -> Result<CudaStorage> {
        elementwise::copy(self, dtype, src)
    }

    fn concat(&self, dtype: DType, parts: &[View<'_, CudaStorage>]) -> Result<CudaStorage> {
        elementwise::concat(self, dtype, parts)
    }

    fn compact(
        &self,
        dtype: DType,
        values: Option<View<'_, CudaStorage>>,
        mask: View<'_, CudaStorage>,
        positions: View<'_, CudaStorage>,
        count: usize,
    ) -> Result<CudaStorage> {
        super::index::compact(self, dtype, values, mask, positions, count)
    }

    fn scan(&self, op: BinaryOp, dtype: DType, src: View<'_, CudaStorage>) -> Result<CudaStorage> {
        elementwise::scan(self, op, dtype, src)
    }

    fn fft(
        &self,
        dtype: DType,
        src: View<'_, CudaStorage>,
        twiddles: View<'_, CudaStorage>,
        n: usize,
        radices: &[usize],
    ) -> Result<CudaStorage> {
        elementwise::fft(self, dtype, src, twiddles, n, radices)
    }

    fn argsort(&self, dtype: DType, src: View<'_, CudaStorage>) -> Result<CudaStorage> {
        super::sort::argsort(self, dtype, src)
    }

    fn search(
        &self,
        dtype: DType,
        sorted: View<'_, CudaStorage>,
        values: View<'_, CudaStorage>,
        right: bool,
    ) -> Result<CudaStorage> {
        super::sort::search(self, dtype, sorted, values, right)
    }

    fn scatter(
        &self,
        dtype: DType,
        dst: &mut CudaStorage,
        span: (usize, usize),
        indices: View<'_, CudaStorage>,
        index_dtype: DType,
        values: View<'_, CudaStorage>,
    ) -> Result<()> {
        super::index::scatter(self, dtype, dst, span, indices, index_dtype, values)
    }

    fn scatter_add(
        &self,
        dtype: DType,
        dst: &mut CudaStorage,
        span: (usize, usize),
        indices: View<'_, CudaStorage>,
        index_dtype: DType,
        values: View<'_, CudaStorage>,
    ) -> Result<()> {
        super::index::scatter_add(self, dtype, dst, span, indices, index_dtype, values)
    }

    fn bincount(&self, values: View<'_, CudaStorage>, len: usize) -> Result<CudaStorage> {
        super::index::bincount(self, values, len)
    }

    fn gather(
        &self,
        dtype: DType,
        src: View<'_, CudaStorage>,
        indices: View<'_, CudaStorage>,
        index_dtype: DType,
        g: &Gather,
    ) -> Result<CudaStorage> {
        super::index::gather(self, dtype, src, indices, index_dtype, g)
    }

    fn cast(&self, from: DType, to: DType, src: View<'_, CudaStorage>) -> Result<CudaStorage> {
        elementwise::cast(self, from, to, src)
    }

    fn unary(&self, op: UnaryOp, dtype: DType, src: View<'_, CudaStorage>) -> Result<CudaStorage> {
        elementwise::unary(self, op, dtype, src)
    }

    fn binary(
        &self,
        op: BinaryOp,
        dtype: DType,
        lhs: Operand<'_, CudaStorage>,
        rhs: Operand<'_, CudaStorage>,
        shape: &[usize],
    ) -> Result<CudaStorage> {
        elementwise::binary(self, op, dtype, lhs, rhs, shape)
    }

    fn binary_assign(
        &self,
        op: BinaryOp,
        dtype: DType,
        dst: &mut CudaStorage,
        dst_layout: &Layout,
        rhs: Operand<'_, CudaStorage>,
    ) -> Result<()> {
        elementwise::binary_assign(self, op, dtype, dst, dst_layout, rhs)
    }

    fn compare(
        &self,
        op: CompareOp,
        dtype: DType,
        lhs: Operand<'_, CudaStorage>,
        rhs: Operand<'_, CudaStorage>,
        shape: &[usize],
    ) -> Result<CudaStorage> {
        elementwise::compare(self, op, dtype, lhs, rhs, shape)
    }

    fn ternary(
        &self,
        op: TernaryOp,
        dtype: DType,
        inputs: [View<'_, CudaStorage>; 3],
        shape: &[usize],
    ) -> Result<CudaStorage> {
        elementwise::ternary(self, op, dtype, inputs, shape)
    }

    fn quaternary(
        &self,
        op: QuaternaryOp,
        dtype: DType,
        inputs: [View<'_, CudaStorage>; 4],
        shape: &[usize],
    ) -> Result<CudaStorage> {
        elementwise::quaternary(self, op, dtype, inputs, shape)
    }

    fn select(
        &self,
        dtype: DType,
        mask: View<'_, CudaStorage>,
        on_true: View<'_, CudaStorage>,
        on_false: View<'_, CudaStorage>,
        shape: &[usize],
    ) -> Result<CudaStorage> {
        elementwise::select(self, dtype, mask, on_true, on_false, shape)
    }

    fn reduce(&self, op: ReduceOp, dtype: DType, src: View<'_, CudaStorage>, reduced: usize) -> Result<CudaStorage> {
        reduce::reduce(self, op, dtype, src, reduced)
    }

    fn dot(&self, dtype: DType, a: View<'_, CudaStorage>, b: View<'_, CudaStorage>) -> Result<CudaStorage> {
        reduce::dot(self, dtype, a, b)
    }

    fn matmul(&self, dtype: DType, lhs: View<'_, CudaStorage>, rhs: View<'_, CudaStorage>) -> Result<CudaStorage> {
        linalg::matmul(self, dtype, lhs, rhs)
    }
}

fn empty_host(dtype: DType) -> HostVec {
    match dtype {
        DType::F32 => HostVec::F32(Vec::new()),
        DType::F64 => HostVec::F64(Vec::new()),
        DType::I32 => HostVec::I32(Vec::new()),
        DType::U32 => HostVec::U32(Vec::new()),
        DType::Bool => HostVec::Bool(Vec::new()),
    }
}
