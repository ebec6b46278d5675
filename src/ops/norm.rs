//! Vector and matrix norms (NumPy's `np.linalg.norm`, and NumPy 2's `vector_norm` and
//! `matrix_norm`, which take stacks) and the condition number (`np.linalg.cond`),
//! composed from reductions and, for the spectral and nuclear norms, the singular
//! values. Nothing here downloads anything: every result is an array on the device.

use crate::array::Array;
use crate::dtype::Float;
use crate::error::{Error, Result};
use crate::layout::normalize_axis;
use crate::ops::elementwise::where_;
use crate::ops::solve::inverse;
use crate::ops::svd::svdvals;

/// Which norm [`norm`], [`vector_norm`], [`matrix_norm`] and [`cond`] compute (NumPy's
/// `ord=`). For vectors the vector norms; for matrices `L1`, `Inf`, `NegL1`, `NegInf`
/// are the induced matrix norms and `Frobenius` the entrywise one.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NormOrd {
    /// `sqrt(Σ x²)` over every element (NumPy's `ord=None`: 2 for vectors, `"fro"` for
    /// matrices).
    Frobenius,
    /// Vectors: `Σ |x|`; matrices: the largest column sum of `|a|` (`ord=1`).
    L1,
    /// Vectors: `max |x|`; matrices: the largest row sum of `|a|` (`ord=inf`).
    Inf,
    /// Vectors: `min |x|`; matrices: the smallest row sum of `|a|` (`ord=-inf`).
    NegInf,
    /// Vectors: `(Σ |x|⁻¹)⁻¹` (the same as `P(-1.0)`); matrices: the smallest column sum
    /// of `|a|` (`ord=-1`).
    NegL1,
    /// Vectors: `(Σ |x|^p)^(1/p)` (`ord=p`, `p` finite and non-zero, negative allowed),
    /// computed scaled by the largest `|x|` (the smallest for `p < 0`), so it overflows
    /// or underflows only where the norm itself does, unlike NumPy's;
    /// matrices: `P(2.0)` is the largest singular value (the spectral norm, NumPy's
    /// `ord=2`) and `P(-2.0)` the smallest (`ord=-2`), other `p` are errors.
    P(f64),
    /// Matrices only: the sum of the singular values (the nuclear norm, `ord="nuc"`).
    Nuclear,
    /// Vectors only: the number of non-zero elements (`ord=0`).
    Count,
}

fn bad_ord<T: Float>(op: &'static str, a: &Array<T>, what: &str) -> Error {
    Error::InvalidArgument { op, reason: format!("{what} for an array of shape {:?}", a.shape()) }
}

/// A vector or matrix norm (NumPy's `np.linalg.norm(a, ord)`), as a 0-d array on the
/// device. `NormOrd::Frobenius` takes any shape (all elements); the other orders need
/// a 1-D (vector norms) or 2-D (matrix norms) array as [`NormOrd`] lists. For norms
/// along chosen axes or of each matrix of a stack, see [`vector_norm`] and
/// [`matrix_norm`].
///
/// # Errors
/// [`Error::InvalidArgument`] for an order that does not apply to the array's number
/// of axes, or `P(0)`/non-finite `P`; [`Error::EmptyReduction`] for `Inf`/`NegInf`
/// of an empty array.
///
/// ```
/// use gpu::{linalg::{norm, NormOrd}, Array};
/// let v = Array::from_vec(vec![3.0f32, -4.0], [2])?;
/// assert_eq!(norm(&v, NormOrd::Frobenius)?.item()?, 5.0);
/// assert_eq!(norm(&v, NormOrd::L1)?.item()?, 7.0);
/// assert_eq!(norm(&v, NormOrd::Inf)?.item()?, 4.0);
/// let m = Array::from_vec(vec![1.0f32, -2.0, 3.0, 4.0], [2, 2])?;
/// assert_eq!(norm(&m, NormOrd::L1)?.item()?, 6.0);  // column |−2| + |4|
/// assert_eq!(norm(&m, NormOrd::Inf)?.item()?, 7.0); // row |3| + |4|
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn norm<T: Float>(a: &Array<T>, ord: NormOrd) -> Result<Array<T>> {
    match (a.ndim(), ord) {
        (_, NormOrd::Frobenius) => a.norm(),
        (1, _) => vector_norm_of("norm", a, None, ord, false),
        (2, _) => matrix_norm_of("norm", a, ord, false),
        (_, ord) => Err(bad_ord("norm", a, &format!("ord {ord:?} (vector orders need 1-D, matrix orders 2-D)"))),
    }
}

/// The vector norm of `a` over `axes` (NumPy 2's `np.linalg.vector_norm(a, axis, ord,
/// keepdims)`): `None` reduces every element, otherwise the listed axes (negative
/// count from the end) are treated as one flattened vector and the others kept, as
/// length 1 with `keepdims`. Orders as for vectors in [`NormOrd`]; `Frobenius` is
/// NumPy's default `ord=2`.
///
/// # Errors
/// [`Error::InvalidArgument`] for `Nuclear`, `P(0)` (use `Count`) or a non-finite `P`
/// (use `Inf`/`NegInf`), or a repeated axis; [`Error::AxisOutOfRange`];
/// [`Error::EmptyReduction`] for `Inf`/`NegInf` over no elements.
///
/// ```
/// use gpu::{linalg::{vector_norm, NormOrd}, Array};
/// let a = Array::from_vec(vec![3.0f32, 4.0, 6.0, 8.0], [2, 2])?;
/// assert_eq!(vector_norm(&a, Some(&[-1]), NormOrd::Frobenius, false)?.to_vec()?, [5.0, 10.0]);
/// assert_eq!(vector_norm(&a, Some(&[0]), NormOrd::L1, true)?.shape(), &[1, 2]);
/// assert_eq!(vector_norm(&a, None, NormOrd::Inf, false)?.item()?, 8.0);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn vector_norm<T: Float>(a: &Array<T>, axes: Option<&[isize]>, ord: NormOrd, keepdims: bool) -> Result<Array<T>> {
    vector_norm_of("vector_norm", a, axes, ord, keepdims)
}

fn vector_norm_of<T: Float>(
    op: &'static str,
    a: &Array<T>,
    axes: Option<&[isize]>,
    ord: NormOrd,
    keepdims: bool,
) -> Result<Array<T>> {
    let all: Vec<isize> = (0..a.ndim() as isize).collect();
    let axes = axes.unwrap_or(&all);
    for &ax in axes {
        normalize_axis(ax, a.shape())?;
    }
    match ord {
        NormOrd::Frobenius => a.norm_axes(axes, keepdims),
        NormOrd::L1 => a.abs()?.sum_axes(axes, keepdims),
        NormOrd::Inf => a.abs()?.max_axes(axes, keepdims),
        NormOrd::NegInf => a.abs()?.min_axes(axes, keepdims),
        NormOrd::Count => a.ne_scalar(T::ZERO)?.cast::<T>()?.sum_axes(axes, keepdims),
        NormOrd::NegL1 => vector_norm_of(op, a, Some(axes), NormOrd::P(-1.0), keepdims),
        NormOrd::P(2.0) => a.norm_axes(axes, keepdims),
        NormOrd::P(1.0) => a.abs()?.sum_axes(axes, keepdims),
        NormOrd::P(p) if p.is_finite() && p != 0.0 => {
            let dims = axes.iter().map(|&ax| normalize_axis(ax, a.shape())).collect::<Result<Vec<usize>>>()?;
            let abs = a.abs()?;
            let (p_t, inv_p) = (T::from_f64(p), T::from_f64(1.0 / p));
            if dims.iter().any(|&d| a.shape()[d] == 0) {
                // No elements: Σ = 0, so 0 for p > 0 and ∞ for p < 0 (as NumPy).
                return abs.pow_scalar(p_t)?.sum_axes(axes, keepdims)?.pow_scalar(inv_p);
            }
            // s·(Σ (|x|/s)^p)^(1/p) with s = max |x| for p > 0 and min |x| for p < 0, as
            // BLAS's nrm2 scales: every term is at most 1 and one is 1, so the sum lies in
            // [1, n] and neither overflows nor underflows where the norm itself is in range
            // (unscaled, [1e200, 1e200] with p = 3 overflowed to ∞). One element per norm
            // gives |x| exactly. Where s is 0, ∞ or NaN the norm is s itself.
            let s = if p > 0.0 { abs.max_axes(axes, true)? } else { abs.min_axes(axes, true)? };
            let sum = abs.div(&s)?.pow_scalar(p_t)?.sum_axes(axes, true)?;
            let scaled = s.mul(&sum.pow_scalar(inv_p)?)?;
            let usable = s.isfinite()?.logical_and(&s.ne_scalar(T::ZERO)?)?;
            let norm = where_(&usable, &scaled, &s)?;
            if keepdims {
                return Ok(norm);
            }
            let kept: Vec<usize> =
                a.shape().iter().enumerate().filter(|(d, _)| !dims.contains(d)).map(|(_, &n)| n).collect();
            norm.reshape(kept)
        }
        NormOrd::P(p) => Err(bad_ord(op, a, &format!("ord P({p}) (use Count for 0, Inf/NegInf for infinities)"))),
        NormOrd::Nuclear => Err(bad_ord(op, a, "ord Nuclear is a matrix norm (use matrix_norm)")),
    }
}

/// The matrix norm of each matrix of a stack `[..., m, n]` (NumPy 2's
/// `np.linalg.matrix_norm(a, ord, keepdims)`): `[...]`, or `[..., 1, 1]` with
/// `keepdims`. Orders as for matrices in [`NormOrd`]: `Frobenius` (NumPy's default
/// `"fro"`), `L1`/`NegL1` (column sums), `Inf`/`NegInf` (row sums), `P(2.0)`/`P(-2.0)`
/// and `Nuclear` (from the singular values, [`svdvals`](crate::linalg::svdvals)).
///
/// # Errors
/// [`Error::InvalidArgument`] for fewer than two axes, or `Count` or a `P` other than
/// ±2; [`Error::EmptyReduction`] for an induced norm of a matrix with no columns or
/// rows to take the extreme of.
///
/// ```
/// use gpu::{linalg::{matrix_norm, NormOrd}, Array};
/// // Two matrices: [[1, -2], [3, 4]] and 2·I.
/// let a = Array::from_vec(vec![1.0f32, -2.0, 3.0, 4.0, 2.0, 0.0, 0.0, 2.0], [2, 2, 2])?;
/// assert_eq!(matrix_norm(&a, NormOrd::L1, false)?.to_vec()?, [6.0, 2.0]);
/// assert_eq!(matrix_norm(&a, NormOrd::Inf, true)?.shape(), &[2, 1, 1]);
/// let s = matrix_norm(&a, NormOrd::P(2.0), false)?.to_vec()?;
/// assert!((s[1] - 2.0).abs() < 1e-6);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn matrix_norm<T: Float>(a: &Array<T>, ord: NormOrd, keepdims: bool) -> Result<Array<T>> {
    matrix_norm_of("matrix_norm", a, ord, keepdims)
}

fn matrix_norm_of<T: Float>(op: &'static str, a: &Array<T>, ord: NormOrd, keepdims: bool) -> Result<Array<T>> {
    if a.ndim() < 2 {
        return Err(bad_ord(op, a, "matrix norms need a matrix or a stack of them [..., m, n]"));
    }
    // Column sums reduce the rows (-2), row sums the columns (-1).
    let induced = |sum_over: isize, largest: bool| -> Result<Array<T>> {
        let sums = a.abs()?.sum_axis(sum_over, false)?;
        if largest {
            sums.max_axis(-1, false)
        } else {
            sums.min_axis(-1, false)
        }
    };
    let r = match ord {
        NormOrd::Frobenius => a.norm_axes(&[-2, -1], false)?,
        NormOrd::L1 => induced(-2, true)?,
        NormOrd::NegL1 => induced(-2, false)?,
        NormOrd::Inf => induced(-1, true)?,
        NormOrd::NegInf => induced(-1, false)?,
        NormOrd::P(2.0) => svdvals(a)?.max_axis(-1, false)?,
        NormOrd::P(-2.0) => svdvals(a)?.min_axis(-1, false)?,
        NormOrd::Nuclear => svdvals(a)?.sum_axis(-1, false)?,
        NormOrd::P(p) => return Err(bad_ord(op, a, &format!("ord P({p}) is not a matrix norm (only ±2)"))),
        NormOrd::Count => return Err(bad_ord(op, a, "ord Count is a vector norm (use vector_norm)")),
    };
    if keepdims {
        r.unsqueeze(-1)?.unsqueeze(-1)
    } else {
        Ok(r)
    }
}

/// The condition number of a matrix or of each matrix of a stack (NumPy's
/// `np.linalg.cond(a, p)`), on the device (0-d, or `[...]`). `None`, `P(2.0)` and
/// `P(-2.0)` use the singular values — `σ_max / σ_min` (`σ_min / σ_max` for −2) — and
/// take any `[..., m, n]`; the other matrix orders are `‖a‖ · ‖a⁻¹‖` for square
/// matrices. As NumPy, a singular matrix gives `+inf` (not an error) unless it holds a
/// NaN, and nothing is downloaded.
///
/// # Errors
/// [`Error::InvalidArgument`] for fewer than two axes, an empty matrix, `Count` or a
/// `P` other than ±2, and non-square matrices with the norm orders.
///
/// ```
/// use gpu::{linalg::{cond, NormOrd}, Array};
/// let a = Array::from_vec(vec![1.0f64, 0.0, 0.0, 1e-3], [2, 2])?;
/// assert!((cond(&a, None)?.item()? - 1e3).abs() < 1e-9);
/// assert!((cond(&a, Some(NormOrd::L1))?.item()? - 1e3).abs() < 1e-9);
/// let singular = Array::from_vec(vec![1.0f64, 2.0, 2.0, 4.0], [2, 2])?;
/// assert!(cond(&singular, Some(NormOrd::Inf))?.item()?.is_infinite());
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn cond<T: Float>(a: &Array<T>, ord: Option<NormOrd>) -> Result<Array<T>> {
    let shape = a.shape();
    if shape.len() < 2 || shape[shape.len() - 2] == 0 || shape[shape.len() - 1] == 0 {
        return Err(bad_ord("cond", a, "needs non-empty matrices [..., m, n]"));
    }
    let r = match ord.unwrap_or(NormOrd::P(2.0)) {
        NormOrd::P(p) if p == 2.0 || p == -2.0 => {
            let s = svdvals(a)?;
            let (big, small) = (s.max_axis(-1, false)?, s.min_axis(-1, false)?);
            if p > 0.0 {
                big.div(&small)?
            } else {
                small.div(&big)?
            }
        }
        ord @ (NormOrd::P(_) | NormOrd::Count) => {
            return Err(bad_ord("cond", a, &format!("ord {ord:?} is not a matrix norm")))
        }
        ord => {
            let inv = inverse("cond", a, false)?;
            matrix_norm_of("cond", a, ord, false)?.mul(&matrix_norm_of("cond", &inv, ord, false)?)?
        }
    };
    // NaN from a singular matrix (0 · inf, inf − inf in the inverse) becomes +inf; a NaN
    // in the input stays NaN.
    let input_nan = a.isnan()?.any_axis(-1, false)?.any_axis(-1, false)?;
    let singular = r.isnan()?.logical_and(&input_nan.logical_not()?)?;
    where_(&singular, &Array::scalar(T::from_f64(f64::INFINITY), a.device())?, &r)
}
