//! SciPy's regularised incomplete beta function `betainc` and its complement `betaincc`,
//! one kernel each on every backend (`TernaryOp::BetaInc`, `TernaryOp::BetaIncC`:
//! `src/backend/cpu/betainc.rs`, `shaders/betainc_math.wgsl`, `kernels/common.cuh`).
//!
//! `I_x(a, b) = x^a·y^b/(a·B(a, b))·F` with y = 1 − x and F the continued fraction of
//! DLMF 8.17.22, which converges fast below x = (a + 1)/(a + b + 2); above it the same
//! fraction gives `I_y(b, a) = 1 − I_x(a, b)`. Of `betainc` and `betaincc`, the one the
//! fraction gives is computed directly:
//! - where b·x ≤ 1 and x ≤ 0.95, by the power series `x^a/(a·B)·(1 + a·Σ (1 − b)ₙ/n!·
//!   xⁿ/(a + n))` instead (as Cephes);
//! - where F exceeds 16, its terms cancel (a small second parameter with x near 1, as
//!   for a ≪ b near the mean) and its roundings grow by about F: the other function is
//!   then taken from Cephes' second fraction (in x/y) if that is below 16 and agrees
//!   with 1 minus the first to 2^-10 (`betaincc(0.174, 46781, 3.26e-5)` was 12,980 ulp
//!   off by the first fraction, 3.8 by the second).
//!
//! The other function is 1 minus it or, where that would cancel (the first above ½) and
//! its own power series has positive terms (its second parameter below 1), that series.
//! The fractions' terms are counted with Lentz's method and then evaluated from the
//! bottom up, a quarter deeper, so that their roundings do not compound; about 2.3·√a
//! terms at the centre of a distribution with a = b, capped at 12,000, so parameters
//! past about 10⁷ give NaN near the centre (not a wrong number).
//!
//! The factor `x^a·y^b/(a·B(a, b))` is computed without large terms cancelling:
//! - a, b ≥ 10: Stirling's series for the three Γ, with the distance from the mean
//!   `d = x·b − y·a = (a + b)(x − a/(a + b))`:
//!   `√(b/(2πa(a + b)))·e^(a·φ(d/a) + b·φ(−d/b) − S(a) − S(b) + S(a + b))`, where
//!   `φ(u) = ln(1 + u) − u` (by the series of atanh near 0), so the linear terms, of size
//!   |d|, cancel exactly and nothing of size a·ln x is formed.
//! - one of them below 10: `Γ(a + b)/Γ(max)` from Stirling's series as in
//!   [`betaln`](crate::Array::betaln), over Γ of the small one.
//! - both below 10: `x^a·y^b·Γ(a + b)/(Γ(a + 1)·Γ(b))`, the power of the variable below
//!   ½ (which is exact) by `pow`, the other by its logarithm.
//!
//! Accuracy against mpmath (tests/data/betainc_mpmath.txt): within 13 ulp per unit of
//! the condition number (9.1 for `betainc`, 13.1 for `betaincc`, f64 on the CPU and
//! lavapipe; SciPy 1.17, which uses Boost, 7.2). Where one parameter is below 10 and
//! the other at least 50 times it, near the mean, neither fraction is well-conditioned
//! for every point and `1 − r` cancels where a parameter is tiny: there the error is
//! held to ulps of 1 instead, within 68 (f64) — e.g. `betainc(1.83, 7.2e-8, 0.99945)` =
//! 4.77e-7 comes out 6.4e5 ulp (1.4e-10 relative) off, SciPy's 1.1. Boost's
//! asymptotic expansions for those regions (DiDonato and Morris' BGRAT, APSER) are not
//! implemented.
//!
//! The Student t, F and binomial distribution functions (SciPy's `stdtr`, `fdtr`, `bdtr`)
//! are this function at transformed arguments.

use crate::array::Array;
use crate::backend::TernaryOp;
use crate::dtype::Float;
use crate::error::Result;
use crate::ops::elementwise::ternary;
use crate::ops::AsArray;

impl<T: Float> Array<T> {
    /// The regularised incomplete beta function `I_x(a, b) = ∫₀ˣ t^(a−1)(1 − t)^(b−1) dt /
    /// B(a, b)` (SciPy's `special.betainc(a, b, x)`; the CDF of the beta distribution),
    /// with `self` as a, and `b` and `x` broadcast against it, in one kernel. See the
    /// module notes for the method. `b` and `x` may be host data (uploaded to `self`'s
    /// device).
    ///
    /// Conventions, as SciPy's: NaN for a < 0, b < 0, x outside [0, 1], at a = b = 0 and
    /// at a = b = ∞; then 0 at x = 0 and 1 at x = 1; 1 at a = 0 or b = ∞, 0 at b = 0 or
    /// a = ∞.
    ///
    /// # Errors
    /// [`Error::BroadcastMismatch`](crate::Error::BroadcastMismatch),
    /// [`Error::DeviceMismatch`](crate::Error::DeviceMismatch),
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let a = gpu::Array::from_vec(vec![2.0f64, 0.5, 1000.0, 10.0], [4])?;
    /// let b = [3.0f64, 0.5, 1000.0, 20.0];
    /// let x = [0.4f64, 0.3, 0.49, 0.9];
    /// let p = a.betainc(&b, &x)?.to_vec()?;
    /// assert!((p[0] / 0.5248 - 1.0).abs() < 3e-16); // a polynomial in x for integer a, b
    /// let arcsine = std::f64::consts::FRAC_2_PI * 0.3f64.sqrt().asin();
    /// assert!((p[1] / arcsine - 1.0).abs() < 3e-16);
    /// assert!((p[2] / BETA_1000 - 1.0).abs() < 1e-15); // 0.9σ below the mean
    /// assert!((1.0 - p[3]) < 1e-9);
    /// # const BETA_1000: f64 = 0.18555265943151145; // mpmath; SciPy 1.17: 0.1855526594315119
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn betainc(&self, b: impl AsArray<T>, x: impl AsArray<T>) -> Result<Array<T>> {
        ternary(TernaryOp::BetaInc, self, b, x)
    }

    /// The complement `1 − I_x(a, b) = I_(1−x)(b, a)` of [`betainc`](Array::betainc)
    /// (SciPy's `special.betaincc(a, b, x)`; the beta distribution's survival function),
    /// with `self` as a, in one kernel. Above x = (a + 1)/(a + b + 2) it is computed
    /// directly, not as `1 − I`, so its upper tail keeps its digits down to the
    /// underflow.
    ///
    /// Conventions: [`betainc`](Array::betainc)'s, complemented (NaN stays NaN).
    ///
    /// # Errors
    /// As [`betainc`](Array::betainc).
    ///
    /// ```
    /// let a = gpu::Array::from_vec(vec![10.0f64, 2.0], [2])?;
    /// let q = a.betaincc(&[20.0f64, 3.0], &[0.9f64, 0.4])?.to_vec()?;
    /// assert!((q[0] / UPPER - 1.0).abs() < 1e-14); // far below 1 − I's reach
    /// assert!((q[1] / 0.4752 - 1.0).abs() < 3e-16);
    /// # const UPPER: f64 = 4.0725056810948328e-14; // mpmath
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn betaincc(&self, b: impl AsArray<T>, x: impl AsArray<T>) -> Result<Array<T>> {
        ternary(TernaryOp::BetaIncC, self, b, x)
    }
}
