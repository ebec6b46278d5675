//! Numerical calculus on sampled data (NumPy's `np.gradient` and `np.trapezoid`),
//! composed from views and elementwise kernels.

use crate::array::Array;
use crate::dtype::Float;
use crate::error::{Error, Result};
use crate::layout::normalize_axis;
use crate::ops::common_device;
use crate::ops::join::concatenate;

impl<T: Float> Array<T> {
    /// The derivative along `axis` of samples spaced `spacing` apart (NumPy's
    /// `np.gradient(f, spacing, axis=axis, edge_order=edge_order)`): second-order central
    /// differences inside, `(f[i+1] - f[i-1]) / 2h`, and one-sided differences of order
    /// `edge_order` (1 or 2) at the two ends; the result has this array's shape.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for `edge_order` other than 1 or 2, fewer than
    /// `edge_order + 1` samples, or a zero or non-finite spacing;
    /// [`Error::AxisOutOfRange`].
    ///
    /// ```
    /// use gpu::Array;
    /// let f = Array::from_vec(vec![1.0f64, 2.0, 4.0, 7.0, 11.0, 16.0], [6])?;
    /// assert_eq!(f.gradient(0, 1.0, 1)?.to_vec()?, [1.0, 1.5, 2.5, 3.5, 4.5, 5.0]);
    /// assert_eq!(f.gradient(0, 2.0, 2)?.to_vec()?, [0.25, 0.75, 1.25, 1.75, 2.25, 2.75]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn gradient(&self, axis: isize, spacing: f64, edge_order: usize) -> Result<Array<T>> {
        let ax = normalize_axis(axis, self.shape())? as isize;
        let n = self.shape()[ax as usize];
        if !(1..=2).contains(&edge_order) || n < edge_order + 1 || spacing == 0.0 || !spacing.is_finite() {
            let reason = format!(
                "needs edge_order 1 or 2, at least edge_order + 1 samples along axis {axis} and a finite, non-zero \
                 spacing; got edge_order {edge_order}, shape {:?}, spacing {spacing}",
                self.shape()
            );
            return Err(Error::InvalidArgument { op: "gradient", reason });
        }
        let at = |i: isize| self.slice(ax, Some(i), Some(if i == -1 { isize::MAX } else { i + 1 }), 1);
        let h = T::from_f64(spacing);
        let (first, last) = if edge_order == 1 {
            (at(1)?.sub(&at(0)?)?.div_scalar(h)?, at(-1)?.sub(&at(-2)?)?.div_scalar(h)?)
        } else {
            // (-3 f0 + 4 f1 - f2) / 2h and (3 f[-1] - 4 f[-2] + f[-3]) / 2h.
            let two_h = T::from_f64(2.0 * spacing);
            let (three, four) = (T::from_f64(3.0), T::from_f64(4.0));
            let first = at(1)?.mul_scalar(four)?.sub(&at(0)?.mul_scalar(three)?)?.sub(&at(2)?)?.div_scalar(two_h)?;
            let last = at(-1)?.mul_scalar(three)?.sub(&at(-2)?.mul_scalar(four)?)?.add(&at(-3)?)?.div_scalar(two_h)?;
            (first, last)
        };
        if n == 2 {
            return concatenate(&[first, last], ax);
        }
        let inner = self
            .slice(ax, Some(2), None, 1)?
            .sub(&self.slice(ax, None, Some(-2), 1)?)?
            .div_scalar(T::from_f64(2.0 * spacing))?;
        concatenate(&[first, inner, last], ax)
    }

    /// The integral along `axis` by the trapezoidal rule for samples spaced `dx` apart
    /// (NumPy's `np.trapezoid(y, dx=dx, axis=axis)`): `dx · Σ (y[i] + y[i+1]) / 2`, the
    /// axis removed (0 for fewer than two samples).
    ///
    /// # Errors
    /// [`Error::AxisOutOfRange`].
    ///
    /// ```
    /// use gpu::Array;
    /// let y = Array::from_vec(vec![0.0f64, 1.0, 4.0, 9.0], [4])?; // x² at 0, 1, 2, 3
    /// assert_eq!(y.trapezoid(1.0, 0)?.item()?, 9.5);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn trapezoid(&self, dx: f64, axis: isize) -> Result<Array<T>> {
        let ax = normalize_axis(axis, self.shape())? as isize;
        let pairs = self.slice(ax, Some(1), None, 1)?.add(&self.slice(ax, None, Some(-1), 1)?)?;
        pairs.sum_axis(ax, false)?.mul_scalar(T::from_f64(dx / 2.0))
    }

    /// [`trapezoid`](Array::trapezoid) at sample positions `x` (NumPy's
    /// `np.trapezoid(y, x, axis=axis)`): `Σ (x[i+1] - x[i]) · (y[i] + y[i+1]) / 2`. `x` is
    /// 1-D with one position per sample along `axis`, or has this array's shape.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when `x` fits neither way; [`Error::AxisOutOfRange`];
    /// [`Error::DeviceMismatch`].
    ///
    /// ```
    /// use gpu::Array;
    /// let y = Array::from_vec(vec![1.0f64, 1.0, 1.0], [3])?;
    /// let x = Array::from_vec(vec![0.0f64, 0.5, 2.0], [3])?;
    /// assert_eq!(y.trapezoid_x(&x, 0)?.item()?, 2.0);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn trapezoid_x(&self, x: &Array<T>, axis: isize) -> Result<Array<T>> {
        common_device("trapezoid", self.device(), x.device())?;
        let ax = normalize_axis(axis, self.shape())?;
        let n = self.shape()[ax];
        let x = if x.shape() == self.shape() {
            x.clone()
        } else if x.ndim() == 1 && x.len() == n {
            // Positions along `axis`, broadcast over the other axes.
            let mut shape = vec![1; self.ndim()];
            shape[ax] = n;
            x.reshape(shape)?
        } else {
            let reason =
                format!("x of shape {:?} needs {n} positions (1-D) or the shape {:?} of y", x.shape(), self.shape());
            return Err(Error::InvalidArgument { op: "trapezoid", reason });
        };
        let ax = ax as isize;
        let pairs = self.slice(ax, Some(1), None, 1)?.add(&self.slice(ax, None, Some(-1), 1)?)?;
        pairs.mul(&x.diff(ax)?)?.sum_axis(ax, false)?.mul_scalar(T::from_f64(0.5))
    }
}
