//! SciPy's `rgamma`, `gammasgn` and `multigammaln`, composed on the device from the Γ
//! and ln Γ kernels.

use std::f64::consts::PI;

use crate::array::Array;
use crate::dtype::Float;
use crate::error::{Error, Result};
use crate::ops::elementwise::where_;

/// Euler's constant γ: 1/Γ(x) = x + γx² + … near 0.
const EULER_GAMMA: f64 = 0.577_215_664_901_532_9;

impl<T: Float> Array<T> {
    /// The reciprocal gamma function 1/Γ(x) (SciPy's `special.rgamma`), an entire
    /// function: 0 at the poles 0, −1, −2, … and at ±∞, `x + γx²` where Γ(x) overflows
    /// near 0 (so `rgamma(1e-320)` is 1e-320), `e^(−ln Γ(x))` past Γ's overflow at
    /// 171.62 (subnormal results, where SciPy gives 0), ±∞ where Γ underflows below
    /// −184. One rounding more than [`gamma`](Array::gamma) elsewhere.
    ///
    /// # Errors
    /// [`Error::Unsupported`] for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![-2.0f64, 0.5, 5.0, 1e-320], [4])?;
    /// let r = x.rgamma()?.to_vec()?;
    /// assert!(r[0] == 0.0 && (r[1] - 1.0 / std::f64::consts::PI.sqrt()).abs() < 1e-16);
    /// assert!(r[2] == 1.0 / 24.0 && r[3] == 1e-320);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn rgamma(&self) -> Result<Array<T>> {
        let g = self.gamma()?;
        let zero = self.constant(0.0)?;
        let near_zero = self.mul(&self.mul_scalar(T::from_f64(EULER_GAMMA))?.add_scalar(T::ONE)?)?;
        let past = self.ln_gamma()?.neg()?.exp()?;
        let overflow = g.isinf()?;
        let r = where_(&overflow.logical_and(&self.gt_scalar(T::ONE)?)?, &past, &g.recip()?)?;
        let r = where_(&overflow.logical_and(&self.abs()?.lt_scalar(T::ONE)?)?, &near_zero, &r)?;
        // The poles (Γ is NaN there) and ±∞; NaN stays NaN.
        let pole = g.isnan()?.logical_and(&self.isnan()?.logical_not()?)?;
        let r = where_(&pole, &zero, &r)?;
        where_(&self.isinf()?, &zero, &r)
    }

    /// The sign of Γ(x) (SciPy's `special.gammasgn`): 1 for `x > 0` and at +0 and +∞, −1
    /// at −0, `(−1)^k` on (−k, −k + 1) for x < 0, NaN at the poles −1, −2, …, at −∞ and
    /// for NaN.
    ///
    /// # Errors
    /// [`Error::Unsupported`] for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![3.5f32, -0.5, -1.5, -2.0, -0.0], [5])?;
    /// let s = x.gammasgn()?.to_vec()?;
    /// assert_eq!(&s[..2], &[1.0, -1.0]);
    /// assert!(s[2] == 1.0 && s[3].is_nan() && s[4] == -1.0);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn gammasgn(&self) -> Result<Array<T>> {
        let g = self.gamma()?;
        let sign = self.constant(1.0)?.copysign(&g)?;
        where_(&g.isnan()?, &g, &sign)
    }

    /// `ln Γ(x)` for real x as SciPy's `special.loggamma` takes it (`cupyx.scipy.special.loggamma`):
    /// [`ln_gamma`](Array::ln_gamma) for `x ≥ 0` (+∞ at ±0 and +∞), NaN for `x < 0` and −∞,
    /// where Γ's logarithm is complex (SciPy's real-valued convention; `ln_gamma`, SciPy's
    /// `gammaln`, gives `ln|Γ(x)|` there). Three kernels: ln Γ, the test and the select.
    ///
    /// # Errors
    /// [`Error::Unsupported`] for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![0.5f64, 10.0, -1.5, 0.0], [4])?;
    /// let l = x.loggamma()?.to_vec()?;
    /// assert!((l[0] / 0.5723649429247001 - 1.0).abs() < 3e-16 && (l[1] / 12.801827480081469 - 1.0).abs() < 3e-16);
    /// assert!(l[2].is_nan() && l[3] == f64::INFINITY);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn loggamma(&self) -> Result<Array<T>> {
        let nan = self.constant(f64::NAN)?;
        where_(&self.lt_scalar(T::ZERO)?, &nan, &self.ln_gamma()?)
    }

    /// The log of the multivariate gamma function (SciPy's `special.multigammaln(a, d)`),
    /// `ln Γ_d(a) = d(d − 1)/4 · ln π + Σ_{j=0}^{d−1} ln Γ(a − j/2)`, for `a > (d − 1)/2`:
    /// `d` launches of [`ln_gamma`](Array::ln_gamma).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for `d = 0`, or where an element of `a` is at most
    /// `(d − 1)/2` (as SciPy's `ValueError`; one flag downloaded to check);
    /// [`Error::Unsupported`] for a dtype the device lacks.
    ///
    /// ```
    /// let a = gpu::Array::from_vec(vec![3.0f64, 10.0], [2])?;
    /// let l = a.multigammaln(3)?.to_vec()?;
    /// assert!((l[0] - 2.694924879806965).abs() < 1e-14 && (l[1] - 36.81285863239809).abs() < 1e-13);
    /// assert!(a.multigammaln(7).is_err()); // 3 is not above (7 − 1)/2
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn multigammaln(&self, d: usize) -> Result<Array<T>> {
        let least = (d as f64 - 1.0) / 2.0;
        if d == 0 {
            return Err(Error::InvalidArgument {
                op: "multigammaln",
                reason: "the dimension d must be at least 1".into(),
            });
        }
        if self.le_scalar(T::from_f64(least))?.any()?.item()? {
            let reason =
                format!("every a must be above (d − 1)/2 = {least} for d = {d} (a has shape {:?})", self.shape());
            return Err(Error::InvalidArgument { op: "multigammaln", reason });
        }
        let mut sum = self.ln_gamma()?.add_scalar(T::from_f64(d as f64 * (d as f64 - 1.0) / 4.0 * PI.ln()))?;
        for j in 1..d {
            sum = sum.add(&self.add_scalar(T::from_f64(-(j as f64) / 2.0))?.ln_gamma()?)?;
        }
        Ok(sum)
    }
}
