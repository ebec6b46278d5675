//! The CPU backend: rayon over cache-sized chunks, the `gemm` crate for float matmul,
//! and the reference semantics every other backend is tested against.

mod besselj;
mod besselk;
mod betainc;
mod carlson;
mod convenience;
mod elementwise;
mod ellipj;
mod expint;
mod fft;
mod gammainc;
mod hyp2f1;
mod kolmogorov;
mod legendre;
mod linalg;
mod num;
mod poch;
mod pool;
mod random;
mod reduce;
mod scan;
mod sort;
mod special;
mod strided;
mod wright;
mod zeta;

use std::sync::atomic::Ordering;
use std::sync::{Arc, OnceLock};

use crate::backend::{
    Backend, BinaryOp, CompareOp, Distribution, Fill, Gather, Operand, QuaternaryOp, ReduceOp, Storage, TernaryOp,
    UnaryOp, View,
};
use crate::dtype::{DType, HostSlice, HostVec, Scalar, ScalarValue};
use crate::error::{Error, Result};
use crate::info::{Counters, DeviceInfo, DeviceKind};
use crate::layout::Layout;
use crate::with_host_vec;
use num::Num;

pub(crate) use pool::SizeClassPool;

/// The process-wide CPU context: counters and the host buffer pool.
pub(crate) struct CpuBackend {
    counters: Counters,
    pool: SizeClassPool,
}

/// A host buffer (possibly longer than the array using it: pooled size classes).
pub(crate) struct CpuStorage {
    data: HostVec,
    /// Whether the buffer came from the pool, and so goes back to it when dropped.
    /// Wrapped host data (`from_vec`) does not: a loop of `from_vec` and drop would
    /// otherwise add a buffer to the pool per iteration that nothing takes out.
    pooled: bool,
}

impl CpuStorage {
    fn new(data: HostVec, pooled: bool) -> CpuStorage {
        let bytes = (data.len() * data.dtype().size_of()) as u64;
        CpuBackend::global().counters.bytes_in_use.fetch_add(bytes, Ordering::Relaxed);
        CpuStorage { data, pooled }
    }

    /// The elements as a typed slice.
    pub(crate) fn typed<T: Scalar>(&self) -> Result<&[T]> {
        T::host_slice(&self.data).ok_or_else(|| internal_dtype(T::DTYPE, self.data.dtype()))
    }

    fn typed_mut<T: Scalar>(&mut self) -> Result<&mut Vec<T>> {
        let found = self.data.dtype();
        typed_vec_mut::<T>(&mut self.data).ok_or_else(|| internal_dtype(T::DTYPE, found))
    }
}

fn typed_vec_mut<T: Scalar>(h: &mut HostVec) -> Option<&mut Vec<T>> {
    // Scalar has no `&mut` accessor; go through the enum directly.
    let any: &mut dyn std::any::Any = match h {
        HostVec::F32(v) => v,
        HostVec::F64(v) => v,
        HostVec::I32(v) => v,
        HostVec::U32(v) => v,
        HostVec::Bool(v) => v,
    };
    any.downcast_mut::<Vec<T>>()
}

impl Drop for CpuStorage {
    fn drop(&mut self) {
        let data = std::mem::replace(&mut self.data, HostVec::Bool(Vec::new()));
        let cpu = CpuBackend::global();
        let bytes = (data.len() * data.dtype().size_of()) as u64;
        cpu.counters.bytes_in_use.fetch_sub(bytes, Ordering::Relaxed);
        if self.pooled {
            cpu.pool.give(data, &cpu.counters);
        }
    }
}

fn internal_dtype(want: DType, found: DType) -> Error {
    Error::Backend { device: "cpu".into(), message: format!("internal error: expected {want} storage, found {found}") }
}

/// An error for an op that has no kernel for `dtype`.
pub(crate) fn unsupported(dtype: DType, what: &str) -> Error {
    Error::Unsupported { dtype, device: "cpu".into(), reason: format!("{what} is not defined for {dtype}") }
}

impl CpuBackend {
    /// The shared CPU context.
    pub(crate) fn global() -> Arc<CpuBackend> {
        static CPU: OnceLock<Arc<CpuBackend>> = OnceLock::new();
        CPU.get_or_init(|| Arc::new(CpuBackend { counters: Counters::default(), pool: SizeClassPool::new() })).clone()
    }

    /// A pooled output buffer of at least `len` elements of `T`.
    fn alloc<T: Scalar>(&self, len: usize) -> Result<Vec<T>> {
        let h = self.pool.take(T::DTYPE, len, &self.counters)?;
        T::from_host(h).ok_or_else(|| internal_dtype(T::DTYPE, T::DTYPE))
    }

    fn finish<T: Scalar>(&self, v: Vec<T>) -> CpuStorage {
        self.counters.launch();
        CpuStorage::new(T::into_host(v), true)
    }
}

/// Resolves a scalar operand to `T`, or reports the mismatch.
fn scalar_of<T: Scalar>(v: ScalarValue) -> Result<T> {
    T::from_value(v).ok_or_else(|| internal_dtype(T::DTYPE, v.dtype()))
}

/// The source of an operand of dtype `T`: a view or a scalar held in `slot`.
fn src_of<'a, T: Scalar>(
    op: Operand<'a, CpuStorage>,
    slot: &'a mut Option<T>,
    ndim: usize,
) -> Result<strided::Src<'a, T>> {
    Ok(match op {
        Operand::Array(v) => strided::Src::view(v.storage.typed::<T>()?, v.layout),
        Operand::Scalar(s) => strided::Src::scalar(slot.insert(scalar_of::<T>(s)?), ndim),
    })
}

impl Backend for CpuBackend {
    type Storage = CpuStorage;

    fn storage<'a>(&self, s: &'a Storage) -> Result<&'a CpuStorage> {
        match s {
            Storage::Cpu(c) => Ok(c),
            _ => Err(Error::Backend { device: "cpu".into(), message: "internal error: foreign storage".into() }),
        }
    }

    fn storage_mut<'a>(&self, s: &'a mut Storage) -> Result<&'a mut CpuStorage> {
        match s {
            Storage::Cpu(c) => Ok(c),
            _ => Err(Error::Backend { device: "cpu".into(), message: "internal error: foreign storage".into() }),
        }
    }

    fn wrap(&self, s: CpuStorage) -> Storage {
        Storage::Cpu(s)
    }

    fn info(&self) -> DeviceInfo {
        DeviceInfo {
            kind: DeviceKind::Cpu,
            ordinal: 0,
            name: format!("{} threads", rayon::current_num_threads()),
            api: "rayon".into(),
            software: false,
            memory_bytes: None,
            supports_f64: true,
            supports_subgroups: false,
            max_buffer_bytes: None,
            max_binding_bytes: None,
            max_workgroups_per_dim: None,
            parallelism: Some(rayon::current_num_threads()),
        }
    }

    fn counters(&self) -> &Counters {
        &self.counters
    }

    fn supports(&self, _dtype: DType) -> bool {
        true
    }

    fn synchronize(&self) -> Result<()> {
        Ok(())
    }

    fn trim(&self) {
        self.pool.trim(&self.counters);
    }

    fn upload(&self, data: HostVec) -> Result<CpuStorage> {
        Ok(CpuStorage::new(data, false))
    }

    fn upload_slice(&self, data: HostSlice<'_>) -> Result<CpuStorage> {
        // Into a pooled buffer (already faulted in when recycled), copied in parallel.
        fn copy<T: Scalar>(cpu: &CpuBackend, src: &[T]) -> Result<CpuStorage> {
            let n = src.len();
            let mut out = cpu.alloc::<T>(n)?;
            strided::par_chunks(&mut out[..n], |c, start| c.copy_from_slice(&src[start..start + c.len()]));
            Ok(CpuStorage::new(T::into_host(out), true))
        }
        match data {
            HostSlice::F32(v) => copy(self, v),
            HostSlice::F64(v) => copy(self, v),
            HostSlice::I32(v) => copy(self, v),
            HostSlice::U32(v) => copy(self, v),
            HostSlice::Bool(v) => copy(self, v),
        }
    }

    fn host_view<'a>(&self, src: View<'a, CpuStorage>) -> Option<HostSlice<'a>> {
        let off = src.layout.contiguous_offset()?;
        let n = src.layout.len();
        Some(with_host_vec!(&src.storage.data, v => Scalar::slice_ref(&v[off..off + n])))
    }

    fn download(&self, _dtype: DType, src: View<'_, CpuStorage>) -> Result<HostVec> {
        let n = src.layout.len();
        if n == 0 {
            return pool::zeroed(src.storage.data.dtype(), 0);
        }
        Ok(with_host_vec!(&src.storage.data, v => {
            let out = match src.layout.contiguous_offset() {
                // Copied in parallel pieces straight into fresh memory: the page faults
                // of a large download are shared by the threads and nothing is zeroed.
                Some(off) => {
                    use rayon::prelude::*;
                    let mut out = pool::try_with_capacity(n)?;
                    if n <= strided::SERIAL_MAX {
                        out.extend_from_slice(&v[off..off + n]);
                    } else {
                        out.par_extend(v[off..off + n].par_iter().copied().with_min_len(1 << 16));
                    }
                    out
                }
                None => {
                    let mut out = pool::try_filled(n, Default::default())?;
                    strided::map1(&mut out, src.layout.shape(), &strided::Src::view(v, src.layout), |x| x);
                    out
                }
            };
            Scalar::into_host(out)
        }))
    }

    fn fill(&self, dtype: DType, len: usize, fill: Fill) -> Result<CpuStorage> {
        elementwise::fill(self, dtype, len, fill)
    }

    fn random(&self, dtype: DType, len: usize, dist: Distribution, seed: u64) -> Result<CpuStorage> {
        random::random(self, dtype, len, dist, seed)
    }

    fn copy(&self, _dtype: DType, src: View<'_, CpuStorage>) -> Result<CpuStorage> {
        with_host_vec!(&src.storage.data, v => {
            let n = src.layout.len();
            let mut out = self.alloc(n)?;
            strided::map1(&mut out[..n], src.layout.shape(), &strided::Src::view(v, src.layout), |x| x);
            Ok(self.finish(out))
        })
    }

    fn concat(&self, dtype: DType, parts: &[View<'_, CpuStorage>]) -> Result<CpuStorage> {
        fn typed<T: Scalar>(cpu: &CpuBackend, parts: &[View<'_, CpuStorage>]) -> Result<CpuStorage> {
            let mut out = cpu.alloc::<T>(parts.iter().map(|p| p.layout.len()).sum())?;
            let mut at = 0;
            for p in parts {
                let n = p.layout.len();
                let src = strided::Src::view(p.storage.typed::<T>()?, p.layout);
                strided::map1(&mut out[at..at + n], p.layout.shape(), &src, |x| x);
                at += n;
            }
            Ok(cpu.finish(out))
        }
        match dtype {
            DType::F32 => typed::<f32>(self, parts),
            DType::F64 => typed::<f64>(self, parts),
            DType::I32 => typed::<i32>(self, parts),
            DType::U32 => typed::<u32>(self, parts),
            DType::Bool => typed::<bool>(self, parts),
        }
    }

    fn compact(
        &self,
        dtype: DType,
        values: Option<View<'_, CpuStorage>>,
        mask: View<'_, CpuStorage>,
        positions: View<'_, CpuStorage>,
        count: usize,
    ) -> Result<CpuStorage> {
        scan::compact(self, dtype, values, mask, positions, count)
    }

    fn scan(&self, op: BinaryOp, dtype: DType, src: View<'_, CpuStorage>) -> Result<CpuStorage> {
        scan::scan(self, op, dtype, src)
    }

    fn fft(
        &self,
        dtype: DType,
        src: View<'_, CpuStorage>,
        twiddles: View<'_, CpuStorage>,
        n: usize,
        radices: &[usize],
    ) -> Result<CpuStorage> {
        fft::fft(self, dtype, src, twiddles, n, radices)
    }

    fn argsort(&self, dtype: DType, src: View<'_, CpuStorage>) -> Result<CpuStorage> {
        sort::argsort(self, dtype, src)
    }

    fn argpartition(&self, dtype: DType, src: View<'_, CpuStorage>, kth: &[usize]) -> Result<Option<CpuStorage>> {
        sort::argpartition(self, dtype, src, kth).map(Some)
    }

    fn search(
        &self,
        dtype: DType,
        sorted: View<'_, CpuStorage>,
        values: View<'_, CpuStorage>,
        right: bool,
    ) -> Result<CpuStorage> {
        sort::search(self, dtype, sorted, values, right)
    }

    fn scatter(
        &self,
        dtype: DType,
        dst: &mut CpuStorage,
        span: (usize, usize),
        indices: View<'_, CpuStorage>,
        index_dtype: DType,
        values: View<'_, CpuStorage>,
    ) -> Result<()> {
        // In order, one element after another: the last write to an element wins.
        fn by_type<T: Scalar>(dst: &mut CpuStorage, span: (usize, usize), v: Scattered<'_>, it: DType) -> Result<()> {
            scatter_each::<T>(dst, span, v, it, |slot, x| *slot = x)
        }
        self.counters.launch();
        let views = (indices, values);
        match dtype {
            DType::F32 => by_type::<f32>(dst, span, views, index_dtype),
            DType::F64 => by_type::<f64>(dst, span, views, index_dtype),
            DType::I32 => by_type::<i32>(dst, span, views, index_dtype),
            DType::U32 => by_type::<u32>(dst, span, views, index_dtype),
            DType::Bool => by_type::<bool>(dst, span, views, index_dtype),
        }
    }

    fn scatter_add(
        &self,
        dtype: DType,
        dst: &mut CpuStorage,
        span: (usize, usize),
        indices: View<'_, CpuStorage>,
        index_dtype: DType,
        values: View<'_, CpuStorage>,
    ) -> Result<()> {
        // In index order, as NumPy's `add.at`: float sums are reproducible.
        fn by_type<T: Num>(dst: &mut CpuStorage, span: (usize, usize), v: Scattered<'_>, it: DType) -> Result<()> {
            scatter_each::<T>(dst, span, v, it, |slot, x| *slot = slot.add(x))
        }
        self.counters.launch();
        let views = (indices, values);
        match dtype {
            DType::F32 => by_type::<f32>(dst, span, views, index_dtype),
            DType::F64 => by_type::<f64>(dst, span, views, index_dtype),
            DType::I32 => by_type::<i32>(dst, span, views, index_dtype),
            DType::U32 => by_type::<u32>(dst, span, views, index_dtype),
            DType::Bool => Err(unsupported(DType::Bool, "scatter_add")),
        }
    }

    fn bincount(&self, values: View<'_, CpuStorage>, len: usize) -> Result<CpuStorage> {
        scan::bincount(self, values, len)
    }

    fn gather(
        &self,
        dtype: DType,
        src: View<'_, CpuStorage>,
        indices: View<'_, CpuStorage>,
        index_dtype: DType,
        g: &Gather,
    ) -> Result<CpuStorage> {
        fn typed<T: Scalar, I: Scalar>(
            cpu: &CpuBackend,
            (src, indices): (View<'_, CpuStorage>, View<'_, CpuStorage>),
            g: &Gather,
            wrap: impl Fn(I) -> usize + Sync,
        ) -> Result<CpuStorage> {
            let n: usize = g.shape.iter().product();
            let mut out = cpu.alloc::<T>(n)?;
            let a = strided::Src {
                data: src.storage.typed::<T>()?,
                offset: src.layout.offset(),
                strides: g.src_strides.clone(),
            };
            let i = strided::Src {
                data: indices.storage.typed::<I>()?,
                offset: indices.layout.offset(),
                strides: g.idx_strides.clone(),
            };
            strided::gather(&mut out[..n], &g.shape, &a, &i, g.step, wrap);
            Ok(cpu.finish(out))
        }
        fn by_index<T: Scalar>(
            cpu: &CpuBackend,
            views: (View<'_, CpuStorage>, View<'_, CpuStorage>),
            index_dtype: DType,
            g: &Gather,
        ) -> Result<CpuStorage> {
            let len = g.len;
            match index_dtype {
                DType::U32 => typed::<T, u32>(cpu, views, g, |i| i as usize % len),
                DType::I32 => typed::<T, i32>(cpu, views, g, |i| (i as i64).rem_euclid(len as i64) as usize),
                other => Err(internal_dtype(DType::U32, other)),
            }
        }
        let views = (src, indices);
        match dtype {
            DType::F32 => by_index::<f32>(self, views, index_dtype, g),
            DType::F64 => by_index::<f64>(self, views, index_dtype, g),
            DType::I32 => by_index::<i32>(self, views, index_dtype, g),
            DType::U32 => by_index::<u32>(self, views, index_dtype, g),
            DType::Bool => by_index::<bool>(self, views, index_dtype, g),
        }
    }

    fn cast(&self, _from: DType, to: DType, src: View<'_, CpuStorage>) -> Result<CpuStorage> {
        elementwise::cast(self, to, src)
    }

    fn unary(&self, op: UnaryOp, _dtype: DType, src: View<'_, CpuStorage>) -> Result<CpuStorage> {
        elementwise::unary(self, op, src)
    }

    fn binary(
        &self,
        op: BinaryOp,
        dtype: DType,
        lhs: Operand<'_, CpuStorage>,
        rhs: Operand<'_, CpuStorage>,
        shape: &[usize],
    ) -> Result<CpuStorage> {
        elementwise::binary(self, op, dtype, lhs, rhs, shape)
    }

    fn binary_assign(
        &self,
        op: BinaryOp,
        dtype: DType,
        dst: &mut CpuStorage,
        dst_layout: &Layout,
        rhs: Operand<'_, CpuStorage>,
    ) -> Result<()> {
        self.counters.launch();
        elementwise::binary_assign(op, dtype, dst, dst_layout, rhs)
    }

    fn compare(
        &self,
        op: CompareOp,
        dtype: DType,
        lhs: Operand<'_, CpuStorage>,
        rhs: Operand<'_, CpuStorage>,
        shape: &[usize],
    ) -> Result<CpuStorage> {
        elementwise::compare(self, op, dtype, lhs, rhs, shape)
    }

    fn ternary(
        &self,
        op: TernaryOp,
        dtype: DType,
        inputs: [View<'_, CpuStorage>; 3],
        shape: &[usize],
    ) -> Result<CpuStorage> {
        elementwise::ternary(self, op, dtype, inputs, shape)
    }

    fn quaternary(
        &self,
        op: QuaternaryOp,
        dtype: DType,
        inputs: [View<'_, CpuStorage>; 4],
        shape: &[usize],
    ) -> Result<CpuStorage> {
        elementwise::quaternary(self, op, dtype, inputs, shape)
    }

    fn select(
        &self,
        _dtype: DType,
        mask: View<'_, CpuStorage>,
        on_true: View<'_, CpuStorage>,
        on_false: View<'_, CpuStorage>,
        shape: &[usize],
    ) -> Result<CpuStorage> {
        elementwise::select(self, mask, on_true, on_false, shape)
    }

    fn reduce(&self, op: ReduceOp, _dtype: DType, src: View<'_, CpuStorage>, reduced: usize) -> Result<CpuStorage> {
        reduce::reduce(self, op, src, reduced)
    }

    fn dot(&self, _dtype: DType, a: View<'_, CpuStorage>, b: View<'_, CpuStorage>) -> Result<CpuStorage> {
        reduce::dot(self, a, b)
    }

    fn matmul(&self, _dtype: DType, lhs: View<'_, CpuStorage>, rhs: View<'_, CpuStorage>) -> Result<CpuStorage> {
        linalg::matmul(self, lhs, rhs)
    }
}

/// The indices and values of a scatter (see [`Backend::scatter`]).
type Scattered<'a> = (View<'a, CpuStorage>, View<'a, CpuStorage>);

/// Applies `store(&mut dst[wrap(indices[i])], values[i])` for `i` in order, for either
/// index dtype.
fn scatter_each<T: Scalar>(
    dst: &mut CpuStorage,
    (dst_offset, len): (usize, usize),
    (indices, values): Scattered<'_>,
    index_dtype: DType,
    store: impl Fn(&mut T, T),
) -> Result<()> {
    fn run<T: Scalar, I: Scalar>(
        dst: &mut CpuStorage,
        (dst_offset, len): (usize, usize),
        (indices, values): Scattered<'_>,
        wrap: impl Fn(I) -> usize,
        store: impl Fn(&mut T, T),
    ) -> Result<()> {
        let idx = &indices.storage.typed::<I>()?[indices.layout.offset()..][..indices.layout.len()];
        let (vals, v_off) = (values.storage.typed::<T>()?, values.layout.offset());
        let step = values.layout.strides()[0] as usize;
        let out = &mut dst.typed_mut::<T>()?[dst_offset..dst_offset + len];
        for (i, &j) in idx.iter().enumerate() {
            store(&mut out[wrap(j)], vals[v_off + i * step]);
        }
        Ok(())
    }
    let span = (dst_offset, len);
    match index_dtype {
        DType::U32 => run::<T, u32>(dst, span, (indices, values), |i| i as usize % len, store),
        DType::I32 => {
            run::<T, i32>(dst, span, (indices, values), |i| (i as i64).rem_euclid(len as i64) as usize, store)
        }
        other => Err(internal_dtype(DType::U32, other)),
    }
}
