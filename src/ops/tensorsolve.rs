//! NumPy's `np.linalg.tensorinv` and `np.linalg.tensorsolve`: `inv` and `solve` of an
//! array whose axes are grouped into the rows and the columns of one square matrix.
//! Both are reshapes around the LU solver (a copy only when the input is not
//! contiguous in the grouped order).

use crate::array::Array;
use crate::dtype::Float;
use crate::error::{Error, Result};
use crate::layout::normalize_axis;
use crate::ops::solve::{inv, solve};

fn count(shape: &[usize]) -> usize {
    shape.iter().product()
}

/// The inverse of `a` with respect to `tensordot` over its first `ind` axes (NumPy's
/// `np.linalg.tensorinv(a, ind)`): the axes before `ind` and those after it must hold
/// the same number of elements; the result has shape `a.shape[ind..] + a.shape[..ind]`
/// and `tensordot(result, a, ind)` is the identity in that arrangement.
///
/// # Errors
/// [`Error::InvalidArgument`] for `ind` = 0 or beyond the axes, or axis groups of
/// different sizes; [`Error::Singular`] as [`inv`].
///
/// ```
/// use gpu::{linalg::tensorinv, Array};
/// // An identity of shape [4, 6, 8, 3] (24 × 24 as a matrix) is its own tensor inverse,
/// // of shape [8, 3, 4, 6].
/// let eye = Array::<f64>::eye(24, &gpu::Device::cpu())?.reshape([4, 6, 8, 3])?;
/// let t = tensorinv(&eye, 2)?;
/// assert_eq!(t.shape(), &[8, 3, 4, 6]);
/// assert_eq!(gpu::tensordot(&t, &eye, 2)?.shape(), &[8, 3, 8, 3]);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn tensorinv<T: Float>(a: &Array<T>, ind: usize) -> Result<Array<T>> {
    let shape = a.shape();
    if ind == 0 || ind > shape.len() {
        let reason = format!("ind must be in 1..={} for shape {shape:?}, got {ind}", shape.len());
        return Err(Error::InvalidArgument { op: "tensorinv", reason });
    }
    let (rows, cols) = (&shape[..ind], &shape[ind..]);
    if count(rows) != count(cols) {
        let reason = format!(
            "axes {rows:?} hold {} elements and axes {cols:?} {}; they must match (shape {shape:?}, ind {ind})",
            count(rows),
            count(cols)
        );
        return Err(Error::InvalidArgument { op: "tensorinv", reason });
    }
    let out: Vec<usize> = cols.iter().chain(rows).copied().collect();
    inv(&a.reshape([count(rows), count(cols)])?)?.reshape(out)
}

/// Solves `tensordot(a, x, x.ndim) = b` for `x` (NumPy's `np.linalg.tensorsolve(a, b,
/// axes)`): `a`'s leading axes match `b`'s shape, its remaining axes are `x`'s shape,
/// and both groups hold the same number of elements. `axes` (negative count from the
/// end) are moved to the end of `a` first, as NumPy does.
///
/// # Errors
/// [`Error::InvalidArgument`] when `a`'s leading axes are not `b`'s shape or the groups
/// differ in size, or for a repeated axis; [`Error::AxisOutOfRange`];
/// [`Error::Singular`] as [`solve`]; [`Error::DeviceMismatch`].
///
/// ```
/// use gpu::{linalg::tensorsolve, Array};
/// // a = 2·I as a [2, 3, 6] tensor: x = b / 2 with shape [6].
/// let a = Array::<f64>::eye(6, &gpu::Device::cpu())?.mul_scalar(2.0)?.reshape([2, 3, 6])?;
/// let b = Array::from_vec(vec![2.0f64, 4.0, 6.0, 8.0, 10.0, 12.0], [2, 3])?;
/// assert_eq!(tensorsolve(&a, &b, None)?.to_vec()?, [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn tensorsolve<T: Float>(a: &Array<T>, b: &Array<T>, axes: Option<&[isize]>) -> Result<Array<T>> {
    let mut a = a.clone();
    if let Some(axes) = axes {
        let mut moved = Vec::with_capacity(axes.len());
        for &ax in axes {
            let k = normalize_axis(ax, a.shape())?;
            if moved.contains(&k) {
                let reason = format!("axis {ax} repeated in {axes:?} (shape {:?})", a.shape());
                return Err(Error::InvalidArgument { op: "tensorsolve", reason });
            }
            moved.push(k);
        }
        let perm: Vec<isize> =
            (0..a.ndim()).filter(|d| !moved.contains(d)).chain(moved.iter().copied()).map(|d| d as isize).collect();
        a = a.transpose(&perm)?;
    }
    let (sa, sb) = (a.shape(), b.shape());
    if sa.len() < sb.len() || &sa[..sb.len()] != sb || count(&sa[sb.len()..]) != count(sb) {
        let reason =
            format!("a's shape {sa:?} must be b's shape {sb:?} followed by axes of {} elements in all", count(sb));
        return Err(Error::InvalidArgument { op: "tensorsolve", reason });
    }
    let n = count(sb);
    let x_shape = sa[sb.len()..].to_vec();
    solve(&a.reshape([n, n])?, &b.reshape([n])?)?.reshape(x_shape)
}
