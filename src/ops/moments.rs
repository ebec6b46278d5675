//! Moments beyond the reductions: `ptp`, weighted `average`, variance and standard
//! deviation with `ddof`, and the covariance and correlation matrices. All composed
//! from kernels every backend has (reductions, broadcast arithmetic, one matmul), so
//! nothing is downloaded.

use crate::array::Array;
use crate::dtype::{Element, Float};
use crate::error::{Error, Result};
use crate::layout::normalize_axis;

impl<T: Element> Array<T> {
    /// Range of all elements, `max - min` (NumPy's `np.ptp`), as a 0-d array on the device.
    ///
    /// # Errors
    /// [`Error::EmptyReduction`] for an empty array.
    ///
    /// ```
    /// let a = gpu::Array::from_vec(vec![4i32, 9, 2, 7], [2, 2])?;
    /// assert_eq!(a.ptp()?.item()?, 7);
    /// assert_eq!(a.ptp_axis(1, false)?.to_vec()?, vec![5, 5]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn ptp(&self) -> Result<Array<T>> {
        self.max()?.sub(&self.min()?)
    }

    /// [`ptp`](Array::ptp) along `axis`.
    ///
    /// # Errors
    /// [`Error::AxisOutOfRange`]; [`Error::EmptyReduction`] when the axis is empty.
    pub fn ptp_axis(&self, axis: isize, keepdims: bool) -> Result<Array<T>> {
        self.max_axis(axis, keepdims)?.sub(&self.min_axis(axis, keepdims)?)
    }
}

/// `n / (n - ddof)`: Bessel's correction and its generalisation (infinite when
/// `ddof >= n`, so the variance is inf, or NaN where it is 0, as NumPy's with its warning).
fn correction(n: usize, ddof: usize) -> f64 {
    n as f64 / n.saturating_sub(ddof) as f64
}

impl<T: Float> Array<T> {
    /// Weighted mean of all elements, `Σ a·w / Σ w` (NumPy's `np.average(a,
    /// weights=w)`); `weights` has the array's shape. A 0-d array on the device; where
    /// the weights sum to zero it is NaN or infinite (NumPy raises instead, which would
    /// need a download here).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when the shapes differ; [`Error::DeviceMismatch`].
    ///
    /// ```
    /// use gpu::Array;
    /// let a = Array::from_vec(vec![1.0f64, 2.0, 3.0, 4.0], [2, 2])?;
    /// let w = Array::from_vec(vec![3.0f64, 1.0, 0.0, 0.0], [2, 2])?;
    /// assert_eq!(a.average(&w)?.item()?, 1.25);
    /// // Weights along an axis: one per column.
    /// let c = Array::from_vec(vec![1.0f64, 3.0], [2])?;
    /// assert_eq!(a.average_axis(&c, 1, false)?.to_vec()?, vec![1.75, 3.75]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn average(&self, weights: &Array<T>) -> Result<Array<T>> {
        if weights.shape() != self.shape() {
            let reason = format!(
                "weights of shape {:?} for an array of shape {:?} (whole-array weights need the same shape)",
                weights.shape(),
                self.shape()
            );
            return Err(Error::InvalidArgument { op: "average", reason });
        }
        self.mul(weights)?.sum()?.div(&weights.sum()?)
    }

    /// Weighted mean along `axis` (NumPy's `np.average(a, axis, weights)`): `weights`
    /// has the array's shape, or is 1-D with one weight per position along `axis`.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for weights of another shape, [`Error::AxisOutOfRange`],
    /// [`Error::DeviceMismatch`].
    pub fn average_axis(&self, weights: &Array<T>, axis: isize, keepdims: bool) -> Result<Array<T>> {
        let ax = normalize_axis(axis, self.shape())?;
        let w = if weights.shape() == self.shape() {
            weights.clone()
        } else if weights.shape() == [self.shape()[ax]] {
            // One weight per position along the axis, broadcast over the others.
            let mut shape = vec![1; self.ndim()];
            shape[ax] = self.shape()[ax];
            weights.reshape(shape)?.broadcast_to(self.shape())?
        } else {
            let reason = format!(
                "weights of shape {:?} for axis {ax} of shape {:?}: need the same shape or [{}]",
                weights.shape(),
                self.shape(),
                self.shape()[ax]
            );
            return Err(Error::InvalidArgument { op: "average", reason });
        };
        self.mul(&w)?.sum_axis(axis, keepdims)?.div(&w.sum_axis(axis, keepdims)?)
    }

    /// Variance with `ddof` delta degrees of freedom, `Σ (x - mean)² / (n - ddof)`
    /// (NumPy's `np.var(a, ddof=ddof)`; `ddof = 1` is the unbiased sample variance), as
    /// a 0-d array on the device. Infinite (NaN for constant data) when `ddof >= n`.
    ///
    /// # Errors
    /// [`Error::Unsupported`] when the device lacks kernels for `T`.
    ///
    /// ```
    /// let a = gpu::Array::from_vec(vec![1.0f64, 2.0, 3.0, 4.0], [4])?;
    /// assert!((a.var_ddof(1)?.item()? - 5.0 / 3.0).abs() < 1e-15);
    /// assert_eq!(a.std_ddof(0)?.item()?, 1.25f64.sqrt());
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn var_ddof(&self, ddof: usize) -> Result<Array<T>> {
        self.var()?.mul_scalar(T::from_f64(correction(self.len(), ddof)))
    }

    /// [`var_ddof`](Array::var_ddof) along `axis`.
    ///
    /// # Errors
    /// [`Error::AxisOutOfRange`].
    pub fn var_axis_ddof(&self, axis: isize, keepdims: bool, ddof: usize) -> Result<Array<T>> {
        let n = self.shape()[normalize_axis(axis, self.shape())?];
        self.var_axis(axis, keepdims)?.mul_scalar(T::from_f64(correction(n, ddof)))
    }

    /// Standard deviation with `ddof` delta degrees of freedom: `sqrt(var_ddof(ddof))`.
    ///
    /// # Errors
    /// As [`var_ddof`](Array::var_ddof).
    pub fn std_ddof(&self, ddof: usize) -> Result<Array<T>> {
        self.var_ddof(ddof)?.sqrt()
    }

    /// [`std_ddof`](Array::std_ddof) along `axis`.
    ///
    /// # Errors
    /// [`Error::AxisOutOfRange`].
    pub fn std_axis_ddof(&self, axis: isize, keepdims: bool, ddof: usize) -> Result<Array<T>> {
        self.var_axis_ddof(axis, keepdims, ddof)?.sqrt()
    }

    /// Covariance matrix (NumPy's `np.cov(a, rowvar=rowvar, ddof=ddof)`; NumPy's default
    /// is `rowvar = true, ddof = 1`): with `rowvar` each row of a 2-D array is a variable
    /// and each column an observation (otherwise the reverse). `[vars, vars]`, or 0-d for
    /// a 1-D array (one variable). The centred data times its transpose, in one matmul.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for more than two axes.
    ///
    /// ```
    /// use gpu::Array;
    /// // Two variables, three observations each.
    /// let x = Array::from_vec(vec![0.0f64, 1.0, 2.0, 2.0, 1.0, 0.0], [2, 3])?;
    /// assert_eq!(x.cov(true, 1)?.to_vec()?, vec![1.0, -1.0, -1.0, 1.0]);
    /// assert_eq!(x.corrcoef(true)?.to_vec()?, vec![1.0, -1.0, -1.0, 1.0]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn cov(&self, rowvar: bool, ddof: usize) -> Result<Array<T>> {
        let x = match self.ndim() {
            0 | 1 => self.reshape([1, self.len()])?,
            2 if rowvar => self.clone(),
            2 => self.t(),
            _ => {
                let reason = format!("needs one or two axes, got shape {:?}", self.shape());
                return Err(Error::InvalidArgument { op: "cov", reason });
            }
        };
        let n = x.shape()[1];
        let centred = x.sub(&x.mean_axis(1, true)?)?;
        let c = centred.matmul(&centred.t())?.mul_scalar(T::from_f64(1.0 / n.saturating_sub(ddof) as f64))?;
        if c.len() == 1 {
            c.reshape(Vec::<usize>::new())
        } else {
            Ok(c)
        }
    }

    /// Pearson correlation coefficients (NumPy's `np.corrcoef(a, rowvar=rowvar)`): the
    /// covariance matrix scaled by the standard deviations, clipped to `[-1, 1]` as
    /// NumPy does. NaN for a variable with zero variance.
    ///
    /// # Errors
    /// As [`cov`](Array::cov).
    pub fn corrcoef(&self, rowvar: bool) -> Result<Array<T>> {
        let c = self.cov(rowvar, 1)?;
        if c.ndim() == 0 {
            return c.div(&c);
        }
        let d = c.diagonal(0, 0, 1)?.sqrt()?;
        let k = d.len();
        let r = c.div(&d.reshape([k, 1])?)?.div(&d.reshape([1, k])?)?;
        r.clip(T::from_f64(-1.0), T::from_f64(1.0))
    }
}
