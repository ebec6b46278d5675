//! SciPy's Kolmogorov distribution functions `kolmogorov` (the survival function of the
//! limiting distribution of `√n·D_n`, the Kolmogorov–Smirnov statistic) and `kolmogi`
//! (its inverse), one kernel each on every backend (`UnaryOp::Kolmogorov`, `Kolmogi`:
//! `src/backend/cpu/kolmogorov.rs`, `shaders/kolmogorov_math.wgsl`, `kernels/common.cuh`).
//!
//! - From x = 0.82, just below the median 0.8276: `2 Σ_{k≥1} (−1)^(k−1) e^(−2k²x²)`, at most
//!   6 terms, with `e^(−2x²)` from x² split exactly into two parts (the rounding of x²
//!   would cost 2x² ulps: 700 at x = 19, where the function nears the subnormals) and its
//!   powers `w^(k²)` as products.
//! - Below 0.82: `1 − √(2π)/x·Σ_{k≥1} e^(−(2k−1)²π²/(8x²))` (the other side of Jacobi's
//!   θ₄ identity), at most 3 terms; the CDF subtracted is below ½.
//! - `kolmogi(p)` matches the smaller tail: the survival function itself for p ≤ 0.512
//!   (its value at 0.82), else the CDF at `1 − p` (exact). Newton's method on the
//!   logarithm of that tail, `ln(T/t)` as one logarithm (not `ln T − ln t`, whose
//!   roundings are those of |ln t|), inside a bracket that every step narrows, from the
//!   root of the tail's leading term; 1–5 evaluations of the tail (over 30,000 p through
//!   (0, 1), down to 1e-300 and up to 1 − 1e-16).

use crate::array::Array;
use crate::backend::UnaryOp;
use crate::dtype::Float;
use crate::error::Result;

impl<T: Float> Array<T> {
    /// The Kolmogorov distribution's survival function `P(K > x)` (SciPy's
    /// `special.kolmogorov`; `stats.kstwobign.sf`), in one kernel: the large-n limit of
    /// the two-sided Kolmogorov–Smirnov test's p-value, `P(√n·D_n > x)`. See the module
    /// notes for the method.
    ///
    /// Conventions, as SciPy's: 1 for x ≤ 0 and at −∞, 0 at +∞, NaN for NaN.
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![0.5f64, 1.0, 3.0, 19.0, 0.0], [5])?;
    /// let p = x.kolmogorov()?.to_vec()?;
    /// assert!((p[0] / 0.9639452436648751 - 1.0).abs() < 3e-16);
    /// assert!((p[1] / 0.2699996716773545 - 1.0).abs() < 3e-16);
    /// assert!((p[2] / 3.045995948942526e-08 - 1.0).abs() < 1e-15);
    /// assert!((p[3] / 5.5006506247e-314 - 1.0).abs() < 1e-9); // subnormal
    /// assert_eq!(p[4], 1.0);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn kolmogorov(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::Kolmogorov)
    }

    /// The inverse of [`kolmogorov`](Array::kolmogorov): the x with `P(K > x) = p`
    /// (SciPy's `special.kolmogi`; `stats.kstwobign.isf`), in one kernel. See the module
    /// notes for the method.
    ///
    /// Conventions, as SciPy's: NaN outside [0, 1] and for NaN, +∞ at 0, 0 at 1. SciPy
    /// 1.17 returns +∞ for subnormal p, where the root is finite (19.29 at the smallest).
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let p = gpu::Array::from_vec(vec![0.5f64, 0.05, 0.99, 1e-300, 1.0], [5])?;
    /// let x = p.kolmogi()?.to_vec()?;
    /// assert!((x[0] / 0.8275735551899077 - 1.0).abs() < 3e-16); // SciPy 1.17: …059
    /// assert!((x[1] / 1.3580986393225507 - 1.0).abs() < 3e-16);
    /// assert!((x[2] / 0.4410276985179294 - 1.0).abs() < 3e-16);
    /// assert!((x[3] / 18.593932815286465 - 1.0).abs() < 3e-16);
    /// assert_eq!(x[4], 0.0);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn kolmogi(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::Kolmogi)
    }
}
