//! `logsumexp`, `softmax` and `log_softmax` (SciPy's `scipy.special` functions, CuPy's
//! `cupyx.scipy.special`), composed from reductions and elementwise kernels on the
//! device: shifted by the maximum along the axis, as SciPy does, so that nothing
//! overflows and the largest term is exact.

use crate::array::Array;
use crate::dtype::Float;
use crate::error::Result;
use crate::layout::normalize_axis;
use crate::ops::elementwise::where_;

/// The shift and the shifted exponentials along an axis, kept as dims of length 1.
struct Shifted<T: Float> {
    /// `a − m`, with m the maximum along the axis (0 where that maximum is not finite,
    /// so all −∞ stays −∞, +∞ stays +∞ and NaN stays NaN).
    centred: Array<T>,
    m: Array<T>,
    /// `Σ e^(a − m)` along the axis.
    total: Array<T>,
}

impl<T: Float> Array<T> {
    fn shifted(&self, axis: isize) -> Result<Shifted<T>> {
        let m = self.max_axis(axis, true)?;
        let zero = Array::scalar(T::ZERO, self.device())?;
        let m = where_(&m.isfinite()?, &m, &zero)?;
        let centred = self.sub(&m)?;
        let total = centred.exp()?.sum_axis(axis, true)?;
        Ok(Shifted { centred, m, total })
    }

    /// `ln Σ e^a` over the whole array as a 0-d array on the device (SciPy's
    /// `logsumexp(a)`): `m + ln Σ e^(a − m)` with `m` the maximum, so large entries do
    /// not overflow; `−∞` for an empty array or all `−∞`, `+∞` if any entry is, NaN if
    /// any is NaN.
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let a = gpu::Array::from_vec(vec![1000.0f64, 1000.0, f64::NEG_INFINITY], [3])?;
    /// assert!((a.logsumexp()?.item()? - (1000.0 + 2f64.ln())).abs() < 1e-12);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn logsumexp(&self) -> Result<Array<T>> {
        self.reshape([self.len()])?.logsumexp_axis(0, false)
    }

    /// `ln Σ e^a` along `axis` (SciPy's `logsumexp(a, axis, keepdims)`), as
    /// [`logsumexp`](Array::logsumexp) per slice; an empty axis gives `−∞`.
    ///
    /// # Errors
    /// [`Error::AxisOutOfRange`](crate::Error::AxisOutOfRange);
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let a = gpu::Array::from_vec(vec![0.0f32, 0.0, 1.0, 1.0], [2, 2])?;
    /// let l = a.logsumexp_axis(1, false)?.to_vec()?;
    /// assert!((l[0] - 2f32.ln()).abs() < 1e-6 && (l[1] - (1.0 + 2f32.ln())).abs() < 1e-6);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn logsumexp_axis(&self, axis: isize, keepdims: bool) -> Result<Array<T>> {
        let ax = normalize_axis(axis, self.shape())?;
        let out = if self.shape()[ax] == 0 {
            let mut shape = self.shape().to_vec();
            shape[ax] = 1;
            Array::full(shape, T::from_f64(f64::NEG_INFINITY), self.device())?
        } else {
            let s = self.shifted(axis)?;
            s.total.ln()?.add(&s.m)?
        };
        if keepdims {
            Ok(out)
        } else {
            out.squeeze(ax as isize)
        }
    }

    /// `e^a / Σ e^a` along `axis` (SciPy's `softmax(a, axis)`): `e^(a − m) / Σ e^(a − m)`
    /// with `m` the maximum, so each slice sums to 1 without overflow.
    ///
    /// # Errors
    /// [`Error::AxisOutOfRange`](crate::Error::AxisOutOfRange);
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let a = gpu::Array::from_vec(vec![1.0f64, 2.0, 3.0, 1000.0, 1000.0, 1000.0], [2, 3])?;
    /// let p = a.softmax(1)?.to_vec()?;
    /// assert!((p[2] - 0.6652409557748219).abs() < 1e-15 && (p[5] - 1.0 / 3.0).abs() < 1e-15);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn softmax(&self, axis: isize) -> Result<Array<T>> {
        let ax = normalize_axis(axis, self.shape())?;
        if self.shape()[ax] == 0 {
            return self.copy();
        }
        let s = self.shifted(axis)?;
        s.centred.exp()?.div(&s.total)
    }

    /// `ln softmax(a)` along `axis` (SciPy's `log_softmax(a, axis)`): `(a − m) − ln Σ
    /// e^(a − m)`, accurate where `softmax` underflows to 0.
    ///
    /// # Errors
    /// As [`softmax`](Array::softmax).
    ///
    /// ```
    /// let a = gpu::Array::from_vec(vec![0.0f64, -1000.0], [2])?;
    /// let l = a.log_softmax(0)?.to_vec()?;
    /// assert!(l[0].abs() < 1e-15 && (l[1] + 1000.0).abs() < 1e-12);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn log_softmax(&self, axis: isize) -> Result<Array<T>> {
        let ax = normalize_axis(axis, self.shape())?;
        if self.shape()[ax] == 0 {
            return self.copy();
        }
        let s = self.shifted(axis)?;
        s.centred.sub(&s.total.ln()?)
    }
}
