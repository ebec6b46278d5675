//! `interp` (NumPy's `np.interp`): each point's interval found by `searchsorted`, its
//! ends gathered with `take`, then one linear interpolation — on the device.

use super::elementwise::where_;
use super::sort::Side;
use crate::array::Array;
use crate::dtype::Float;
use crate::error::{Error, Result};
use crate::ops::common_device;

/// One-dimensional piecewise-linear interpolation (NumPy's `np.interp(x, xp, fp,
/// left, right)`): the values at `x` of the polyline through `(xp[i], fp[i])`. `xp`
/// must be increasing (not checked, as NumPy); points below `xp[0]` get `left`
/// (default `fp[0]`), above `xp[n-1]` get `right` (default `fp[n-1]`), NaN stays NaN
/// (except with one point, where NumPy, and so this, gives `fp[0]`).
/// The result has `x`'s shape and stays on the device.
///
/// # Errors
/// [`Error::InvalidArgument`] when `xp` and `fp` are not 1-D of one non-zero length;
/// [`Error::DeviceMismatch`].
///
/// ```
/// use gpu::Array;
/// let xp = Array::from_vec(vec![1.0f64, 2.0, 3.0], [3])?;
/// let fp = Array::from_vec(vec![3.0f64, 2.0, 0.0], [3])?;
/// let x = Array::from_vec(vec![0.0f64, 1.0, 1.5, 2.72, 3.14], [5])?;
/// let y = gpu::interp(&x, &xp, &fp, None, None)?.to_vec()?;
/// assert_eq!(&y[..3], &[3.0, 3.0, 2.5]);
/// assert!((y[3] - 0.56).abs() < 1e-12);
/// assert_eq!(y[4], 0.0);
/// assert_eq!(gpu::interp(&x, &xp, &fp, Some(-1.0), Some(9.0))?.to_vec()?[4], 9.0);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn interp<T: Float>(
    x: &Array<T>,
    xp: &Array<T>,
    fp: &Array<T>,
    left: Option<T>,
    right: Option<T>,
) -> Result<Array<T>> {
    common_device("interp", x.device(), xp.device())?;
    common_device("interp", x.device(), fp.device())?;
    let n = xp.len();
    if xp.ndim() != 1 || fp.shape() != xp.shape() || n == 0 {
        let reason =
            format!("xp and fp must be 1-D of one non-zero length, got shapes {:?} and {:?}", xp.shape(), fp.shape());
        return Err(Error::InvalidArgument { op: "interp", reason });
    }
    let dev = x.device();
    let (first, last) = (xp.index_axis(0, 0)?, xp.index_axis(0, -1)?);
    let (f_first, f_last) = (fp.index_axis(0, 0)?, fp.index_axis(0, -1)?);
    let left = match left {
        Some(v) => Array::scalar(v, dev)?,
        None => f_first.clone(),
    };
    let right = match right {
        Some(v) => Array::scalar(v, dev)?,
        None => f_last.clone(),
    };
    // Inside: the interval [xp[j-1], xp[j]] with j the first xp above x (at least 1, at
    // most n-1); a single point has no interval, only its value.
    let inside = if n == 1 {
        f_first.broadcast_to(x.shape())?.contiguous()?
    } else {
        let j = xp.searchsorted(x, Side::Right)?.clip(1, n as u32 - 1)?;
        let i = j.sub_scalar(1)?;
        let (x0, x1) = (xp.take(&i, 0)?, xp.take(&j, 0)?);
        let (y0, y1) = (fp.take(&i, 0)?, fp.take(&j, 0)?);
        let t = x.sub(&x0)?.div(&x1.sub(&x0)?)?;
        let y = y0.add(&t.mul(&y1.sub(&y0)?)?)?;
        // At the last point exactly fp[n-1], as NumPy (y0 + 1·(y1 - y0) may round).
        where_(&x.eq(&last)?, &f_last, &y)?
    };
    let below = where_(&x.lt(&first)?, &left, &inside)?;
    let outside = where_(&x.gt(&last)?, &right, &below)?;
    // NaN stays NaN, except against a single point, where NumPy returns fp[0].
    if n == 1 {
        return Ok(outside);
    }
    where_(&x.isnan()?, x, &outside)
}
