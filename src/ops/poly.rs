//! Polynomials with NumPy's conventions (`np.vander`, `np.polyval`, `np.polyfit`):
//! coefficients highest power first, as arrays on the device.

use crate::array::Array;
use crate::dtype::{Element, Float};
use crate::error::{Error, Result};
use crate::ops::common_device;
use crate::ops::join::concatenate;
use crate::ops::svd::lstsq;

/// The Vandermonde matrix of a 1-D `x` (NumPy's `np.vander(x, n, increasing)`):
/// `[len, n]` with columns `x^(n-1), ..., x, 1` (or `1, x, ..., x^(n-1)` when
/// `increasing`), made by a cumulative product along the rows — exact for integers
/// (wrapping) and the same roundings as NumPy's for floats.
///
/// # Errors
/// [`Error::InvalidArgument`] unless `x` is 1-D.
///
/// ```
/// let x = gpu::Array::from_vec(vec![1i32, 2, 3], [3])?;
/// assert_eq!(gpu::vander(&x, 3, false)?.to_vec()?, [1, 1, 1, 4, 2, 1, 9, 3, 1]);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn vander<T: Element>(x: &Array<T>, n: usize, increasing: bool) -> Result<Array<T>> {
    if x.ndim() != 1 {
        let reason = format!("x must be 1-D, got shape {:?}", x.shape());
        return Err(Error::InvalidArgument { op: "vander", reason });
    }
    let len = x.len();
    if n == 0 {
        return Array::zeros([len, 0], x.device());
    }
    let ones = Array::<T>::ones([len, 1], x.device())?;
    let powers = concatenate(&[ones, x.unsqueeze(-1)?.broadcast_to([len, n - 1])?.contiguous()?], 1)?.cumprod(1)?;
    if increasing {
        Ok(powers)
    } else {
        powers.flip(1)
    }
}

/// The polynomial with coefficients `p` (highest power first) at every point of `x`
/// (NumPy's `np.polyval(p, x)`): Horner's rule, one multiply-add per coefficient on the
/// device; the result has `x`'s shape (`p` empty: zeros).
///
/// # Errors
/// [`Error::InvalidArgument`] unless `p` is 1-D; [`Error::DeviceMismatch`].
///
/// ```
/// use gpu::Array;
/// let p = Array::from_vec(vec![3.0f32, 0.0, 1.0], [3])?; // 3x² + 1
/// let x = Array::from_vec(vec![5.0f32, -1.0], [2])?;
/// assert_eq!(gpu::polyval(&p, &x)?.to_vec()?, [76.0, 4.0]);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn polyval<T: Element>(p: &Array<T>, x: &Array<T>) -> Result<Array<T>> {
    common_device("polyval", p.device(), x.device())?;
    if p.ndim() != 1 {
        let reason = format!("the coefficients must be 1-D, got shape {:?}", p.shape());
        return Err(Error::InvalidArgument { op: "polyval", reason });
    }
    let mut y = Array::<T>::zeros(x.shape(), x.device())?;
    for k in 0..p.len() {
        y = y.mul(x)?.add(&p.index_axis(0, k as isize)?)?;
    }
    Ok(y)
}

/// The least-squares polynomial fit of degree `deg` (NumPy's `np.polyfit(x, y, deg)`):
/// coefficients highest power first, `[deg + 1]` for a 1-D `y` or `[deg + 1, k]` for
/// `k` columns. Solved as NumPy does: the Vandermonde matrix with its columns scaled to
/// unit norm, then [`lstsq`](crate::linalg::lstsq) with `rcond = len(x)·ε` (one `u32`,
/// the rank, is downloaded).
///
/// A degree too high for the data gives a rank-deficient fit (the minimum-norm
/// coefficients), as NumPy's does (NumPy also warns).
///
/// # Errors
/// [`Error::InvalidArgument`] unless `x` is 1-D and non-empty and `y` has `len(x)`
/// rows; [`Error::DeviceMismatch`].
///
/// ```
/// use gpu::Array;
/// let x = Array::from_vec(vec![0.0f64, 1.0, 2.0, 3.0, 4.0], [5])?;
/// let y = gpu::polyval(&Array::from_vec(vec![2.0f64, -1.0, 0.5], [3])?, &x)?;
/// let p = gpu::polyfit(&x, &y, 2)?.to_vec()?;
/// assert!(p.iter().zip([2.0, -1.0, 0.5]).all(|(a, b)| (a - b).abs() < 1e-10));
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn polyfit<T: Float>(x: &Array<T>, y: &Array<T>, deg: usize) -> Result<Array<T>> {
    common_device("polyfit", x.device(), y.device())?;
    if x.ndim() != 1 || !(1..=2).contains(&y.ndim()) || y.shape()[0] != x.len() || x.is_empty() {
        let reason = format!(
            "x must be 1-D and non-empty, y [len(x)] or [len(x), k]; got x {:?} and y {:?}",
            x.shape(),
            y.shape()
        );
        return Err(Error::InvalidArgument { op: "polyfit", reason });
    }
    let a = vander(x, deg + 1, false)?;
    // Columns scaled to unit norm (all-zero columns left alone), as NumPy.
    let norms = a.square()?.sum_axis(0, true)?.sqrt()?;
    let scale =
        crate::ops::elementwise::where_(&norms.eq_scalar(T::ZERO)?, &Array::scalar(T::ONE, x.device())?, &norms)?;
    let rcond = x.len() as f64 * T::EPSILON.to_f64();
    let fit = lstsq(&a.div(&scale)?, y, Some(rcond))?;
    let scale = scale.reshape([deg + 1])?;
    if y.ndim() == 1 {
        fit.x.div(&scale)
    } else {
        fit.x.div(&scale.unsqueeze(-1)?)
    }
}
