//! `argsort` on CUDA: the bitonic network of `src/backend/wgpu/sort.rs` (kernels in
//! `kernels/elementwise.cu`, `ARGSORT_KERNELS`), on u64 keys paired with positions; and
//! `searchsorted`, a binary search per value on the same keys.

use super::device::CudaBackend;
use super::elementwise::unsupported;
use super::kernels::{suffix, Module};
use super::memory::CudaStorage;
use super::params::{grid_for, SearchParams, SortParams, BLOCK};
use crate::backend::View;
use crate::dtype::DType;
use crate::error::{Error, Result};

/// Positions each block of the argsort's shared-memory passes sorts (`SORT_BLOCK`).
const SORT_BLOCK: usize = 1024;

/// `argsort` (see [`crate::backend::Backend::argsort`]): the bitonic network of
/// `src/backend/wgpu/sort.rs` on u64 keys — a first shared-memory pass through every
/// stage up to `SORT_BLOCK`, then per later stage the global steps with `j ≥ SORT_BLOCK`
/// and one shared-memory pass for the rest.
pub(super) fn argsort(cuda: &CudaBackend, dtype: DType, src: View<'_, CudaStorage>) -> Result<CudaStorage> {
    if dtype == DType::Bool {
        return Err(unsupported(cuda, dtype, "sorting"));
    }
    let (rows, n) = (src.layout.shape()[0], src.layout.shape()[1]);
    let idx = cuda.alloc(DType::U32, rows * n)?;
    if rows * n == 0 {
        return Ok(idx);
    }
    let keys = cuda.alloc(DType::U32, rows * n * 2)?;
    let logp = n.next_power_of_two().trailing_zeros() as usize;
    let p = 1usize << logp;
    let params = |k: usize, j: usize, first: bool| SortParams {
        src: src.storage.buf.ptr(),
        keys: keys.buf.ptr(),
        idx: idx.buf.ptr(),
        src_off: src.layout.offset() as i64,
        src_rs: src.layout.strides()[0] as i64,
        rows: rows as i64,
        n: n as i64,
        logp: logp as i64,
        k: k as i64,
        j: j as i64,
        first: i64::from(first),
    };
    let module = Module::Sort(dtype);
    let (local, global) = (format!("argsort_{}_local", suffix(dtype)), format!("argsort_{}_global", suffix(dtype)));
    let blocks = u32::try_from((rows * p).div_ceil(SORT_BLOCK)).map_err(|_| Error::TooLarge {
        what: "array to sort",
        bytes: (rows * n * 4) as u64,
        limit: u64::from(u32::MAX),
        device: cuda.label().to_string(),
    })?;
    let pairs = grid_for(rows * p / 2, BLOCK as usize);
    cuda.launch(module, &local, (blocks, 1, 1), &params(2, p.min(SORT_BLOCK), true))?;
    let mut k = 2 * SORT_BLOCK;
    while k <= p {
        cuda.launch(module, &global, (pairs, 1, 1), &params(k, 0, false))?;
        let mut j = k / 4;
        while j >= SORT_BLOCK {
            cuda.launch(module, &global, (pairs, 1, 1), &params(k, j, false))?;
            j /= 2;
        }
        cuda.launch(module, &local, (blocks, 1, 1), &params(k, k, false))?;
        k *= 2;
    }
    Ok(idx)
}

/// `searchsorted` (see [`crate::backend::Backend::search`]): one thread per value.
pub(super) fn search(
    cuda: &CudaBackend,
    dtype: DType,
    sorted: View<'_, CudaStorage>,
    values: View<'_, CudaStorage>,
    right: bool,
) -> Result<CudaStorage> {
    if dtype == DType::Bool {
        return Err(unsupported(cuda, dtype, "searchsorted"));
    }
    let w = dtype.size_of() as u64;
    let n = values.layout.len();
    let out = cuda.alloc(DType::U32, n)?;
    let p = SearchParams {
        sorted: sorted.storage.buf.ptr() + sorted.layout.offset() as u64 * w,
        values: values.storage.buf.ptr() + values.layout.offset() as u64 * w,
        out: out.buf.ptr(),
        len: sorted.layout.len() as i64,
        n: n as i64,
        right: i64::from(right),
    };
    cuda.launch(Module::Sort(dtype), &format!("search_{}", suffix(dtype)), (grid_for(n, BLOCK as usize), 1, 1), &p)?;
    Ok(out)
}
