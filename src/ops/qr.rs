//! The QR factorisation (NumPy's `np.linalg.qr`) by Householder reflections composed
//! from kernels every backend has, for one matrix or a stack `[..., m, n]`.
//!
//! Step `k` reflects column `k` onto the diagonal: `v = x - α·e_k` with `x` the
//! column from row `k` down and `α = -sign(x_k)·‖x‖` (LAPACK's `geqrf` choice, so `R`
//! and `Q` come out with NumPy's signs), then `R -= β·v ⊗ (vᵀR)` and `Q -= β·(Qv) ⊗ v`
//! with `β = 2 / vᵀv` — two matrix-vector products and two rank-1 updates, about 20
//! launches a step and `min(m, n)` steps. A column already zero below the diagonal is
//! left alone (`β = 0`), as LAPACK does. The loop decides nothing from device data, so
//! nothing is downloaded.

use crate::array::Array;
use crate::dtype::Float;
use crate::error::{Error, Result};
use crate::ops::elementwise::where_;
use crate::ops::solve::batch;

/// Which factors [`qr`] returns (NumPy's `mode=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QrMode {
    /// `Q` is `[..., m, k]` and `R` is `[..., k, n]`, `k = min(m, n)` (NumPy's default,
    /// `"reduced"`).
    Reduced,
    /// `Q` is `[..., m, m]` and `R` is `[..., m, n]` (`"complete"`).
    Complete,
}

/// The QR factorisation `a = Q·R` of a matrix or of each matrix of a stack
/// `[..., m, n]` (NumPy's `np.linalg.qr`): `Q` with orthonormal columns, `R` upper
/// triangular (exact zeros below the diagonal), with NumPy's (LAPACK's) signs. Any
/// shape, tall, wide or square; rank-deficient matrices factor too. `mode="r"` is
/// `qr(a, mode)?.1`. Nothing is downloaded; the cost is in the module notes.
///
/// # Errors
/// [`Error::InvalidArgument`] for fewer than two axes; [`Error::Unsupported`] when the
/// device has no kernels for `T`.
///
/// ```
/// use gpu::{linalg::{qr, QrMode}, Array};
/// let a = Array::from_vec(vec![3.0f64, 1.0, 4.0, 2.0], [2, 2])?;
/// let (q, r) = qr(&a, QrMode::Reduced)?;
/// // Column 0 is [3, 4]: R[0, 0] = -5 and Q's first column is -[3, 4] / 5, as NumPy.
/// let (q, r) = (q.to_vec()?, r.to_vec()?);
/// assert!((r[0] + 5.0).abs() < 1e-12 && r[2] == 0.0);
/// assert!((q[0] + 0.6).abs() < 1e-12 && (q[2] + 0.8).abs() < 1e-12);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn qr<T: Float>(a: &Array<T>, mode: QrMode) -> Result<(Array<T>, Array<T>)> {
    let &[.., m, n] = a.shape() else {
        let reason = format!("needs a matrix or a stack of them [..., m, n], got shape {:?}", a.shape());
        return Err(Error::InvalidArgument { op: "qr", reason });
    };
    let dev = a.device();
    let eye = Array::<T>::eye(m, dev)?;
    let after = Array::<T>::ones([m, m], dev)?.triu(1)?;
    let zero = Array::<T>::scalar(T::ZERO, dev)?;
    let mut r = a.contiguous()?;
    let mut q = eye.broadcast_to([batch(a), &[m, m]].concat())?;
    for k in 0..m.min(n) {
        let e_k = eye.index_axis(0, k as isize)?;
        let below = r.column(k)?.mul(&after.index_axis(0, k as isize)?)?;
        let xk = r.entry(k, k)?;
        let tail = below.square()?.sum_axis(-1, false)?;
        let norm = tail.add(&xk.square()?)?.sqrt()?;
        let alpha = where_(&xk.lt_scalar(T::ZERO)?, &norm, &norm.neg()?)?;
        let head = xk.sub(&alpha)?;
        let v = below.add(&e_k.mul(&head.unsqueeze(-1)?)?)?;
        // β = 2 / vᵀv, or 0 (no reflection) when the column is already zero below k.
        let beta = where_(
            &tail.gt_scalar(T::ZERO)?,
            &tail.add(&head.square()?)?.recip()?.mul_scalar(T::from_f64(2.0))?,
            &zero,
        )?;
        let bv = v.mul(&beta.unsqueeze(-1)?)?;
        // R -= βv ⊗ (vᵀR);  Q -= (Qv) ⊗ βv.
        let vt_r = v.unsqueeze(-2)?.matmul(&r)?.squeeze(-2)?;
        r = r.sub(&bv.outer_stack(&vt_r)?)?;
        let qv = q.matmul(&v.unsqueeze(-1)?)?.squeeze(-1)?;
        q = q.sub(&qv.outer_stack(&bv)?)?;
    }
    let r = r.triu(0)?;
    match mode {
        QrMode::Complete => Ok((q.contiguous()?, r)),
        QrMode::Reduced => {
            let k = m.min(n) as isize;
            Ok((q.slice(-1, None, Some(k), 1)?.contiguous()?, r.slice(-2, None, Some(k), 1)?.contiguous()?))
        }
    }
}
