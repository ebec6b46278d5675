//! Dawson's integral and the imaginary error function, SciPy's `dawsn` and `erfi`, one
//! kernel each on every backend (`UnaryOp::Dawsn`, `UnaryOp::Erfi`:
//! `src/backend/cpu/special.rs`, `shaders/special_math.wgsl`, `kernels/common.cuh`).
//!
//! - D(x), |x| < 1: the Maclaurin series `x·Σ (−2x²)^k/(2k + 1)!!`, nested from its
//!   21st term (its terms at most halve the sum there).
//! - D(x), |x| ≥ 1: Rybicki's sampling formula (Numerical Recipes, §6.10), `D(x) ≈
//!   π^(−½) Σ_(n odd) e^(−(x − nh)²)/n`, summed around the even multiple n₀ of h nearest
//!   x. Its error is `e^(−(π/2h)²)`, 7e-18 at h = ¼, and 14 terms on each side bring the
//!   weights below 1e-20. The exponentials come by recurrence from two calls of exp,
//!   so the cost does not grow with x; past 1e9, D(x) = 1/(2x) to the last bit.
//! - erfi(x), |x| < 1: the series `2x/√π·Σ x^(2k)/(k!(2k + 1))`, whose terms are all
//!   positive.
//! - erfi(x), |x| ≥ 1: `2/√π·e^(x²)·D(x)`, with e^(x²) as `e^(z²)·e^((x − z)(x + z))`
//!   for z, x rounded down to 20 fraction bits (7 in f32), so that z² is exact and the
//!   rounding of x² costs nothing (it would cost x² ulps: 700 at x = 26). Where e^(z²)
//!   alone overflows, it is taken in two halves, so erfi is finite up to its own
//!   overflow at 26.714 (SciPy 1.17 returns +∞ from 26.642).
//!
//! Both are odd, and NaN goes through. Their accuracy is in `tests/special.rs`
//! (`dawsn_check`).

use crate::array::Array;
use crate::backend::UnaryOp;
use crate::dtype::Float;
use crate::error::Result;

impl<T: Float> Array<T> {
    /// Dawson's integral `D(x) = e^(−x²)∫₀^x e^(t²) dt` (SciPy's `special.dawsn`), in one
    /// kernel; see the module notes for the method. Odd, with its maximum 0.5410 at
    /// x = 0.9241, ≈ 1/(2x) for large x, and ±0 at ±∞.
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![0.5f64, 1.0, -3.0, 1e10], [4])?;
    /// let d = x.dawsn()?.to_vec()?;
    /// assert!((d[0] / 0.4244363835020223 - 1.0).abs() < 1e-15);
    /// assert!((d[1] / 0.5380795069127684 - 1.0).abs() < 1e-15);
    /// assert!((d[2] / -0.1782710306105583 - 1.0).abs() < 1e-15);
    /// assert_eq!(d[3], 5e-11);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn dawsn(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::Dawsn)
    }

    /// The imaginary error function `erfi(x) = −i·erf(ix) = 2/√π ∫₀^x e^(t²) dt` (SciPy's
    /// `special.erfi`), in one kernel; see the module notes for the method. Odd; ±∞ past
    /// |x| = 26.714 (9.568 in f32).
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![0.5f64, -1.0, 5.0, 26.65], [4])?;
    /// let e = x.erfi()?.to_vec()?;
    /// assert!((e[0] / 0.614952094696511 - 1.0).abs() < 1e-15);
    /// assert!((e[1] / -1.6504257587975428 - 1.0).abs() < 1e-15);
    /// assert!((e[2] / 8298273880.676804 - 1.0).abs() < 1e-15);
    /// assert!((e[3] / 5.912168581618709e306 - 1.0).abs() < 1e-15); // SciPy 1.17: inf
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn erfi(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::Erfi)
    }
}
