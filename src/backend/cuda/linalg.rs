//! Matrix multiply on CUDA: cuBLAS sgemm/dgemm (strided-batched) for floats, the tiled
//! kernel of `kernels/matmul.cu` for integers and when libcublas is absent.
//!
//! cuBLAS is column-major, so row-major `C = A·B` is computed as `Cᵀ = Bᵀ·Aᵀ`: B is
//! cuBLAS's first operand, A its second. A row-major view with unit column stride is a
//! column-major matrix of its transpose with leading dimension = row stride (`OP_N`); a
//! view with unit row stride (a transposed array) is the same matrix untransposed
//! (`OP_T`, leading dimension = column stride). So `a.t()` reaches cuBLAS as a flag,
//! never as a copy. Only layouts neither form expresses (negative or zero strides
//! inside a matrix, both strides non-unit) are first copied to contiguous memory.

use cudarc::cublas::result as blas;
use cudarc::cublas::sys::cublasOperation_t;

use super::device::CudaBackend;
use super::elementwise::{copy, unsupported};
use super::kernels::{suffix, Module};
use super::memory::CudaStorage;
use super::params::{dims, MatmulParams, MAXD};
use crate::backend::View;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::layout::{collapse, contiguous_strides, unravel, Layout};

/// Batches per tiled launch (grid z limit).
const Z_MAX: usize = 65_535;

/// How one row-major operand of `rows × cols` (strides `rs`, `cs`) enters cuBLAS:
/// (transpose flag, leading dimension), or `None` when it cannot.
fn blas_operand(rows: usize, cols: usize, rs: isize, cs: isize) -> Option<(cublasOperation_t, i32)> {
    let fits = |ld: isize, min: usize| ld > 0 && ld as usize >= min.max(1) && ld <= i32::MAX as isize;
    // Row-major with unit column stride: OP_N, ld = row stride.
    if cols <= 1 || cs == 1 {
        let ld = if rows <= 1 { cols.max(1) as isize } else { rs };
        if fits(ld, cols) {
            return Some((cublasOperation_t::CUBLAS_OP_N, ld as i32));
        }
    }
    // Unit row stride (a transposed view): OP_T, ld = column stride.
    if rows <= 1 || rs == 1 {
        let ld = if cols <= 1 { rows.max(1) as isize } else { cs };
        if fits(ld, rows) {
            return Some((cublasOperation_t::CUBLAS_OP_T, ld as i32));
        }
    }
    None
}

/// The shapes of a batched product and each operand's layout.
struct Geometry<'a> {
    batch: Vec<usize>,
    m: usize,
    n: usize,
    k: usize,
    lhs: &'a Layout,
    rhs: &'a Layout,
}

impl Geometry<'_> {
    fn count(&self) -> usize {
        self.batch.iter().product()
    }
    /// (row stride, col stride) of the last two dims of `l`.
    fn mat(l: &Layout) -> (isize, isize) {
        let s = l.strides();
        (s[s.len() - 2], s[s.len() - 1])
    }
    fn batch_strides(l: &Layout) -> &[isize] {
        &l.strides()[..l.ndim() - 2]
    }
}

pub(super) fn matmul(
    cuda: &CudaBackend,
    dtype: DType,
    lhs: View<'_, CudaStorage>,
    rhs: View<'_, CudaStorage>,
) -> Result<CudaStorage> {
    if dtype == DType::Bool {
        return Err(unsupported(cuda, dtype, "matmul"));
    }
    let nd = lhs.layout.ndim();
    let g = Geometry {
        batch: lhs.layout.shape()[..nd - 2].to_vec(),
        m: lhs.layout.shape()[nd - 2],
        k: lhs.layout.shape()[nd - 1],
        n: rhs.layout.shape()[nd - 1],
        lhs: lhs.layout,
        rhs: rhs.layout,
    };
    let total = g.count() * g.m * g.n;
    let out = cuda.alloc(dtype, total)?;
    if total == 0 {
        return Ok(out);
    }
    if g.k == 0 {
        cuda.memset(out.buf.ptr(), 0, total * dtype.size_of() / 4, true)?;
        return Ok(out);
    }
    if dtype.is_float()
        && cuda.blas().is_some()
        && let Some(r) = with_blas_layouts(cuda, dtype, &g, lhs, rhs, &out)
    {
        r?;
        return Ok(out);
    }
    tiled(cuda, dtype, &g, lhs, rhs, &out)?;
    Ok(out)
}

/// Runs cuBLAS, copying an operand to contiguous memory first when its layout is not
/// expressible; `None` when cuBLAS cannot take the problem at all (sizes past i32).
fn with_blas_layouts(
    cuda: &CudaBackend,
    dtype: DType,
    g: &Geometry<'_>,
    lhs: View<'_, CudaStorage>,
    rhs: View<'_, CudaStorage>,
    out: &CudaStorage,
) -> Option<Result<()>> {
    if [g.m, g.n, g.k].iter().any(|&d| d > i32::MAX as usize) {
        return None;
    }
    let expressible = |l: &Layout, rows: usize, cols: usize| {
        let (rs, cs) = Geometry::mat(l);
        blas_operand(rows, cols, rs, cs).is_some() && Geometry::batch_strides(l).iter().all(|&s| s >= 0)
    };
    let dense = |v: View<'_, CudaStorage>| -> Result<(CudaStorage, Layout)> {
        Ok((copy(cuda, dtype, v)?, Layout::contiguous(v.layout.shape())))
    };
    let (lhs_copy, rhs_copy);
    let lhs = if expressible(g.lhs, g.m, g.k) {
        lhs
    } else {
        lhs_copy = match dense(lhs) {
            Ok(c) => c,
            Err(e) => return Some(Err(e)),
        };
        View { storage: &lhs_copy.0, layout: &lhs_copy.1 }
    };
    let rhs = if expressible(g.rhs, g.k, g.n) {
        rhs
    } else {
        rhs_copy = match dense(rhs) {
            Ok(c) => c,
            Err(e) => return Some(Err(e)),
        };
        View { storage: &rhs_copy.0, layout: &rhs_copy.1 }
    };
    let g = Geometry { lhs: lhs.layout, rhs: rhs.layout, batch: g.batch.clone(), ..*g };
    Some(gemm(cuda, dtype, &g, lhs.storage, rhs.storage, out))
}

/// Strided-batched gemm over the batch dims: the last collapsed batch dim is cuBLAS's
/// batch (stride 0 for a broadcast operand), any others loop on the host.
fn gemm(
    cuda: &CudaBackend,
    dtype: DType,
    g: &Geometry<'_>,
    a: &CudaStorage,
    b: &CudaStorage,
    out: &CudaStorage,
) -> Result<()> {
    let (ars, acs) = Geometry::mat(g.lhs);
    let (brs, bcs) = Geometry::mat(g.rhs);
    let (Some((op_a, lda)), Some((op_b, ldb))) = (blas_operand(g.m, g.k, ars, acs), blas_operand(g.k, g.n, brs, bcs))
    else {
        return Err(internal(cuda, "cuBLAS operand layout"));
    };
    let mn = (g.m * g.n) as isize;
    let c_strides: Vec<isize> = contiguous_strides(&g.batch).iter().map(|s| s * mn).collect();
    let col = collapse(&g.batch, &[Geometry::batch_strides(g.lhs), Geometry::batch_strides(g.rhs), &c_strides]);
    let last = col.shape.len().saturating_sub(1);
    let (outer, inner) = col.shape.split_at(last);
    let batch = inner.first().copied().unwrap_or(1);
    let stride = |k: usize| col.strides[k].get(last).copied().unwrap_or(0) as i64;
    let (sa, sb, sc) = (stride(0), stride(1), stride(2));
    let size = dtype.size_of() as u64;
    let blas_handle = cuda.blas().ok_or_else(|| internal(cuda, "cuBLAS handle"))?;
    let handle = blas_handle.lock().unwrap_or_else(|p| p.into_inner());
    cuda.bind()?;
    let mut idx = vec![0usize; outer.len()];
    for o in 0..outer.iter().product::<usize>() {
        unravel(o, outer, &mut idx);
        let shift = |k: usize| idx.iter().zip(&col.strides[k]).map(|(&i, &s)| i as isize * s).sum::<isize>();
        let pa = a.addr((g.lhs.offset() as isize + shift(0)) as usize);
        let pb = b.addr((g.rhs.offset() as isize + shift(1)) as usize);
        let pc = out.addr(shift(2) as usize);
        let mut first = 0usize;
        while first < batch {
            let count = (batch - first).min(i32::MAX as usize);
            let f = first as u64;
            let (pa, pb, pc) = (pa + f * sa as u64 * size, pb + f * sb as u64 * size, pc + f * sc as u64 * size);
            let (m, n, k) = (g.n as i32, g.m as i32, g.k as i32);
            let h = *handle.handle();
            // SAFETY: cuBLAS computes Cᵀ[n×m] = op(B)·op(A) on the device stream (the
            // handle is bound to it); op/ld were derived from the views' strides by
            // `blas_operand`, so every element it reads is an element of the views,
            // which lie inside `a`/`b`; C is `out`, sized batch·m·n by `matmul`; alpha
            // and beta are host scalars (default pointer mode) read during the call.
            let r = unsafe {
                match dtype {
                    DType::F64 => blas::dgemm_strided_batched(
                        h,
                        op_b,
                        op_a,
                        m,
                        n,
                        k,
                        &1.0,
                        pb as *const f64,
                        ldb,
                        sb,
                        pa as *const f64,
                        lda,
                        sa,
                        &0.0,
                        pc as *mut f64,
                        n_ld(g.n),
                        sc,
                        count as i32,
                    ),
                    _ => blas::sgemm_strided_batched(
                        h,
                        op_b,
                        op_a,
                        m,
                        n,
                        k,
                        &1.0,
                        pb as *const f32,
                        ldb,
                        sb,
                        pa as *const f32,
                        lda,
                        sa,
                        &0.0,
                        pc as *mut f32,
                        n_ld(g.n),
                        sc,
                        count as i32,
                    ),
                }
            };
            r.map_err(|e| Error::Backend { device: cuda.label().to_string(), message: format!("cuBLAS gemm: {e:?}") })?;
            cuda.counters_launch();
            first += count;
        }
    }
    Ok(())
}

/// Leading dimension of the row-major output (its row length).
fn n_ld(n: usize) -> i32 {
    n.max(1) as i32
}

fn internal(cuda: &CudaBackend, what: &str) -> Error {
    Error::Backend { device: cuda.label().to_string(), message: format!("internal error: {what}") }
}

/// The tiled kernel: any strides, batch dims collapsed (gathered when more than MAXD).
fn tiled(
    cuda: &CudaBackend,
    dtype: DType,
    g: &Geometry<'_>,
    lhs: View<'_, CudaStorage>,
    rhs: View<'_, CudaStorage>,
    out: &CudaStorage,
) -> Result<()> {
    let col = collapse(&g.batch, &[Geometry::batch_strides(g.lhs), Geometry::batch_strides(g.rhs)]);
    if col.shape.len() > MAXD {
        let (lc, rc) = (copy(cuda, dtype, lhs)?, copy(cuda, dtype, rhs)?);
        let (ll, rl) = (Layout::contiguous(g.lhs.shape()), Layout::contiguous(g.rhs.shape()));
        let g2 = Geometry { lhs: &ll, rhs: &rl, batch: g.batch.clone(), ..*g };
        return tiled(cuda, dtype, &g2, View { storage: &lc, layout: &ll }, View { storage: &rc, layout: &rl }, out);
    }
    let tiles = g.m.div_ceil(64) * g.n.div_ceil(64);
    if tiles > i32::MAX as usize {
        return Err(Error::TooLarge {
            what: "matmul output",
            bytes: (g.m * g.n * dtype.size_of()) as u64,
            limit: (i32::MAX as u64) * 64 * 64 * dtype.size_of() as u64,
            device: cuda.label().to_string(),
        });
    }
    let (ars, acs) = Geometry::mat(g.lhs);
    let (brs, bcs) = Geometry::mat(g.rhs);
    let mut p = MatmulParams {
        a: lhs.storage.buf.ptr(),
        b: rhs.storage.buf.ptr(),
        out: out.buf.ptr(),
        m: g.m as i64,
        n: g.n as i64,
        k: g.k as i64,
        a_off: g.lhs.offset() as i64,
        a_rs: ars as i64,
        a_cs: acs as i64,
        b_off: g.rhs.offset() as i64,
        b_rs: brs as i64,
        b_cs: bcs as i64,
        batch_first: 0,
        batch_ndim: col.shape.len() as i64,
        bshape: dims(&col.shape),
        a_bstride: dims(&col.strides[0]),
        b_bstride: dims(&col.strides[1]),
    };
    let name = format!("matmul_{}", suffix(dtype));
    let count = g.count();
    while (p.batch_first as usize) < count {
        let z = (count - p.batch_first as usize).min(Z_MAX);
        cuda.launch(Module::Matmul(dtype), &name, (tiles as u32, 1, z as u32), &p)?;
        p.batch_first += z as i64;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::blas_operand;
    use cudarc::cublas::sys::cublasOperation_t::{CUBLAS_OP_N, CUBLAS_OP_T};

    #[test]
    fn transposes_become_flags() {
        // [4, 3] contiguous: OP_N with ld 3; its transpose [3, 4] strides [1, 3]: OP_T, ld 3.
        assert_eq!(blas_operand(4, 3, 3, 1), Some((CUBLAS_OP_N, 3)));
        assert_eq!(blas_operand(3, 4, 1, 3), Some((CUBLAS_OP_T, 3)));
        // A column slice of a wider matrix: ld is the full row length.
        assert_eq!(blas_operand(4, 2, 10, 1), Some((CUBLAS_OP_N, 10)));
        // Reversed rows, broadcast rows, doubly strided: not expressible.
        assert_eq!(blas_operand(4, 3, -3, 1), None);
        assert_eq!(blas_operand(4, 3, 0, 1), None);
        assert_eq!(blas_operand(4, 3, 6, 2), None);
        // Vectors: any stride of a length-1 dim is fine.
        assert_eq!(blas_operand(1, 5, 0, 1), Some((CUBLAS_OP_N, 5)));
    }
}
