//! Eigenvalues and eigenvectors of symmetric matrices (NumPy's `np.linalg.eigh`,
//! `eigvalsh`) by the two-sided Jacobi method, on the round-robin schedule of the SVD
//! (`svd.rs`): each round rotates `n / 2` disjoint index pairs at once, as
//! `A ← Jᵀ·A·J` — the columns of `A` rotated, then the columns of the transpose of
//! that (the rows), each by one `turn` — and `V ← V·J`. A pair rotates while its
//! off-diagonal entry exceeds `n·ε·‖A‖_F` (the absolute accuracy LAPACK's `syevd`
//! gives); one `bool` is downloaded per sweep, and the loop stops at the first quiet one.

use crate::array::Array;
use crate::dtype::Float;
use crate::error::{Error, Result};
use crate::ops::solve::{batch, Triangle};
use crate::ops::svd::{pad_odd, Rotation, Tournament, MAX_SWEEPS};

/// `a` made symmetric from its `triangle` (NumPy's `UPLO`): the other triangle is not
/// read.
fn symmetric<T: Float>(a: &Array<T>, triangle: Triangle) -> Result<Array<T>> {
    let (t, strict) = match triangle {
        Triangle::Lower => (a.tril(0)?, a.tril(-1)?),
        Triangle::Upper => (a.triu(0)?, a.triu(1)?),
    };
    t.add(&strict.swapaxes(-1, -2)?)
}

/// Jacobi on the symmetric `a`: the diagonal (eigenvalues, ascending) and `V`.
fn jacobi_sym<T: Float>(
    op: &'static str,
    a: &Array<T>,
    triangle: Triangle,
    with_v: bool,
) -> Result<(Array<T>, Option<Array<T>>)> {
    let n = match a.shape() {
        [.., n, m] if n == m => *n,
        s => {
            let reason = format!("needs a square matrix or a stack of them [..., n, n], got shape {s:?}");
            return Err(Error::InvalidArgument { op, reason });
        }
    };
    let dev = a.device();
    let stack = batch(a).to_vec();
    if n == 0 {
        let v = with_v.then(|| Array::<T>::zeros([&stack[..], &[0, 0]].concat(), dev)).transpose()?;
        return Ok((Array::<T>::zeros([&stack[..], &[0]].concat(), dev)?, v));
    }
    let mut tour = Tournament::new(n, dev)?;
    let mut s = pad_odd(&symmetric(a, triangle)?, &[-1, -2])?;
    let np = s.shape()[s.ndim() - 1];
    let mut v = match with_v {
        true => Some(Array::<T>::eye(np, dev)?.broadcast_to([&stack[..], &[np, np]].concat())?),
        false => None,
    };
    // Per matrix: rotate while |a_pq| > n·ε·‖A‖_F (rotations keep ‖A‖_F).
    let threshold = s
        .square()?
        .sum_axes(&[-2, -1], false)?
        .sqrt()?
        .mul_scalar(T::from_f64(n as f64 * T::EPSILON.to_f64()))?
        .unsqueeze(-1)?;
    for _ in 0..MAX_SWEEPS {
        let mut rotated = Array::<bool>::scalar(false, dev)?;
        for _ in 0..tour.rounds() {
            // α = a_pp, β = a_qq, γ = a_pq for the pairs (j, np-1-j): the diagonal's two
            // halves, and the diagonal of the matrix with its columns reversed.
            let (alpha, beta) = tour.pairs(&s.diagonal(0, -2, -1)?)?;
            let (gamma, _) = tour.pairs(&s.flip(-1)?.diagonal(0, -2, -1)?)?;
            let rotate = gamma.abs()?.gt(&threshold)?;
            rotated = rotated.logical_or(&rotate.any()?)?;
            let rot = Rotation::new(&alpha, &beta, &gamma, &rotate)?;
            // Jᵀ·A·J: (A·J) rotates columns; for the symmetric A, (A·J)ᵀ = Jᵀ·A, whose
            // columns rotated give Jᵀ·A·J.
            s = tour.turn(&tour.turn(&s, &rot)?.swapaxes(-1, -2)?, &rot)?;
            if let Some(vm) = &v {
                v = Some(tour.turn(vm, &rot)?);
            }
            tour.advance();
        }
        if !rotated.item()? {
            break;
        }
    }
    let w = tour.unpad(&s.diagonal(0, -2, -1)?, -1)?;
    let order = w.argsort(-1)?;
    let v = match v {
        Some(vm) => Some(
            tour.unpad(&vm.slice(-2, None, Some(n as isize), 1)?, -1)?.take_along_axis(&order.unsqueeze(-2)?, -1)?,
        ),
        None => None,
    };
    Ok((w.take_along_axis(&order, -1)?, v))
}

/// The eigenvalues (ascending) and eigenvectors (the columns of `V`, orthonormal) of
/// a real symmetric matrix or of each matrix of a stack `[..., n, n]` (NumPy's
/// `np.linalg.eigh(a, UPLO)`): `a = V · diag(w) · Vᵀ`. Only `triangle` is read
/// (NumPy's default is `Triangle::Lower`). Two-sided Jacobi on the device (module
/// notes); eigenvalues are accurate to about `n·ε·‖a‖`, and each eigenvector is defined
/// up to its sign (a basis of each repeated eigenvalue's space, as with LAPACK).
///
/// # Errors
/// [`Error::InvalidArgument`] for non-square matrices.
///
/// ```
/// use gpu::{linalg::{eigh, Triangle}, Array};
/// let a = Array::from_vec(vec![2.0f64, 1.0, 1.0, 2.0], [2, 2])?;
/// let (w, v) = eigh(&a, Triangle::Lower)?;
/// let (w, v) = (w.to_vec()?, v.to_vec()?);
/// assert!((w[0] - 1.0).abs() < 1e-12 && (w[1] - 3.0).abs() < 1e-12);
/// // The eigenvector of 3 is ±[1, 1]/√2 (the second column).
/// assert!((v[1].abs() - 0.5f64.sqrt()).abs() < 1e-12 && (v[1] - v[3]).abs() < 1e-12);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn eigh<T: Float>(a: &Array<T>, triangle: Triangle) -> Result<(Array<T>, Array<T>)> {
    let (w, v) = jacobi_sym("eigh", a, triangle, true)?;
    match v {
        Some(v) => Ok((w, v)),
        None => Err(Error::InvalidArgument { op: "eigh", reason: "internal: eigenvectors not accumulated".into() }),
    }
}

/// The eigenvalues (ascending) of a real symmetric matrix or of each matrix of a
/// stack (NumPy's `np.linalg.eigvalsh(a, UPLO)`): [`eigh`] without accumulating the
/// eigenvectors.
///
/// # Errors
/// As [`eigh`].
///
/// ```
/// use gpu::{linalg::{eigvalsh, Triangle}, Array};
/// // Only the upper triangle is read: this is [[1, 2], [2, 1]], eigenvalues -1 and 3.
/// let a = Array::from_vec(vec![1.0f32, 2.0, 99.0, 1.0], [2, 2])?;
/// let w = eigvalsh(&a, Triangle::Upper)?.to_vec()?;
/// assert!((w[0] + 1.0).abs() < 1e-6 && (w[1] - 3.0).abs() < 1e-6);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn eigvalsh<T: Float>(a: &Array<T>, triangle: Triangle) -> Result<Array<T>> {
    Ok(jacobi_sym("eigvalsh", a, triangle, false)?.0)
}
