//! SciPy's `spence`, Spence's function (the dilogarithm), one kernel on every backend
//! (`UnaryOp::Spence`: `src/backend/cpu/special.rs`, `shaders/special_math.wgsl`,
//! `kernels/common.cuh`): the Bernoulli series of Li₂ in u = −ln(1 − t), with t brought
//! into [−1, ½] by Li₂'s reflection and inversion formulas written in terms of x itself,
//! so that neither `1 − x` nor any other cancelling difference is formed.

use crate::array::Array;
use crate::backend::UnaryOp;
use crate::dtype::Float;
use crate::error::Result;

impl<T: Float> Array<T> {
    /// Spence's function `∫₁^x ln t/(1 − t) dt = Li₂(1 − x)` for x ≥ 0 (SciPy's
    /// `special.spence`; the other convention, `−∫₀^z ln(1 − t)/t dt = Li₂(z)`, is
    /// `spence(1 − z)`), in one kernel (see the module notes). `π²/6` at 0, 0 at 1, NaN
    /// below 0, `−∞` at `+∞` (the limit; SciPy gives NaN).
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![0.5f64, 2.0, 1e10, 1.000001, 0.0], [5])?;
    /// let s = x.spence()?.to_vec()?;
    /// assert!((s[0] / 0.5822405264650125 - 1.0).abs() < 5e-16); // π²/12 − ln²2/2
    /// assert!((s[1] / -0.8224670334241132 - 1.0).abs() < 5e-16); // −π²/12
    /// assert!((s[2] / -266.73983958836556 - 1.0).abs() < 5e-16);
    /// assert!((s[3] / -9.999997499178445e-07 - 1.0).abs() < 5e-16);
    /// assert!((s[4] / 1.6449340668482264 - 1.0).abs() < 5e-16); // π²/6
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn spence(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::Spence)
    }
}
