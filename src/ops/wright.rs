//! Wright's generalized Bessel function `Φ(a, b; x) = Σₖ xᵏ/(k!·Γ(ak + b))` (DLMF 10.46.1)
//! and its logarithm, SciPy's `wright_bessel` and `log_wright_bessel`, for a, b, x ≥ 0.
//! Each is one kernel on every backend (`TernaryOp::WrightBessel`,
//! `TernaryOp::LogWrightBessel`: `src/backend/cpu/wright.rs`, `shaders/wright_math.wgsl`,
//! `kernels/common.cuh`).
//!
//! For a, b, x ≥ 0 every term is positive, so the series cancels nowhere; what it costs is
//! length and range. The terms `t(k) = xᵏ/(Γ(k + 1)·Γ(ak + b))` are log-concave in k (ln Γ
//! is convex), so they rise to one peak and fall, and the sum is taken outward from the
//! peak until a term is below 1e-18 of the sum (f32: the same), as the centre term `t(c)`
//! times the sum of `t(k)/t(c)`:
//! - **The peak** is the root of `ln(k + 1) + a·ln(ak + b + 1) = ln x` (the terms'
//!   logarithmic derivative, ψ, to within O(1) in k), by Newton's method in ln(k + 1)
//!   bracketed by bisection, then, for the integer sum, walked to the largest term.
//! - **Neighbours.** On the integers each term comes from the one before:
//!   `t(k + 1)/t(k) = x/(k + 1)·Γ(ak + b)/Γ(ak + a + b)` (downward `k/x·…`), with no
//!   logarithm of x, which would cost `|ln x|` ulps where x is tiny. A ratio `Γ(z)/Γ(s)` is
//!   the product of the quotients `s/z` while either argument is below 10, then
//!   `e^−(ln Γ(s) − ln Γ(z))` by Stirling's series arranged so that nothing of the size of
//!   ln Γ cancels (`(z − ½)·ln_1p(d/z) + d·(ln s − 1) + S(s) − S(z)`, as `poch` has it).
//! - **Wide peaks.** The peak is about `σ = √(k/(1 + a))` terms wide; from σ = 12 on, the
//!   sum over the integers equals the integral of `t` over real k (the difference is of
//!   the order of `e^(−2π²σ²)` and of t at k = 0, both far below ε), and that integral is
//!   its trapezoidal sum on a grid of step σ/3 through the peak (likewise exact to far
//!   below ε, the terms being analytic and decaying like a Gaussian): some 60 terms
//!   wherever the peak is, each `e^(d·ln x)` times the two ratios of Γ from the centre's.
//! - **Laplace.** From σ = 1e5 on (ln Φ past 1e10) the sum is `σ·√(2π)`: its error, of the
//!   order of 1/k, is far below an ulp of ln Φ, as is the grid's, which loses `ε·σ·ln x`
//!   and would lose everything by x = 1e300. So `log_wright_bessel` serves x up to the
//!   largest float (the peak at k ≈ x^(1/(1 + a))).
//! - **The centre term** `t(c) = xᶜ/(Γ(c + 1)·Γ(ac + b))`: with Stirling's formula for
//!   each ln Γ of an argument past 10, its `(c + ½)·ln(c + 1)` and `(z − ½)·ln z` are
//!   merged into `c·ln q`, `q = x/((c + 1)·zᵃ)` (near 1 at the peak), so the one part of
//!   the exponent as large as ln Φ is `(c + 1) + z`, kept exactly as a sum of two; the
//!   factors of arguments below 10 are products (`qᶜ/c!`, `1/Γ(z)`). Forming the exponent
//!   in one number costs `|ln Φ|` ulps of Φ (a first version was 128 ulps off at
//!   (1, 1, 1e4), where Φ is 2e85).
//!
//! a = 0 is `eˣ/Γ(b)`. So the errors are a few ulps per unit of the condition number κ
//! (κ ≈ the peak's place k, from x, plus `a·k·ln(ak + b)` from a): see
//! [`wright_bessel`](crate::Array::wright_bessel) for the measured figures.
//!
//! Conventions, as SciPy's: NaN for a negative argument or a NaN; `Φ(a, b; 0) = 1/Γ(b)`;
//! 0 (ln: −∞) at b = 0 with x = 0 or a = 0; +∞ at x = +∞. Past SciPy: at a = +∞ the first
//! term `1/Γ(b)` (NaN with x = +∞), at b = +∞ 0 (ln: −∞), the limits (SciPy: NaN).

use crate::array::Array;
use crate::backend::TernaryOp;
use crate::dtype::Float;
use crate::error::Result;
use crate::ops::elementwise::ternary;
use crate::ops::AsArray;

impl<T: Float> Array<T> {
    /// Wright's generalized Bessel function `Φ(a, b; x) = Σₖ xᵏ/(k!·Γ(ak + b))` with
    /// `self` as a, for a, b, x ≥ 0 broadcast together (SciPy's and CuPy's
    /// `special.wright_bessel(a, b, x)`), in one kernel; `src/ops/wright.rs`'s module notes
    /// describe the method. `b` and `x` may be host data (uploaded to `self`'s device).
    ///
    /// Accuracy, against mpmath at 440 points (`tests/data/wright_bessel_mpmath.txt`: a to
    /// 20 with tiny values among them, b to 60, x to 1e12), in ulps per unit of
    /// `max(1, κ)`, κ the condition number in a, b and x: at the 372 whose Φ is finite,
    /// within 1.41 on the CPU and lavapipe f64 and 1.48 on lavapipe f32 (SciPy 1.17: beyond 4
    /// at 23, +∞ at two where Φ is near 1e297, and 3.1e-6 off at (4.39, 2, 1,258,987.5)).
    ///
    /// Conventions: NaN for a negative argument or a NaN; `1/Γ(b)` at x = 0; 0 at b = 0
    /// with x = 0 or a = 0; +∞ at x = +∞; the limits at a = +∞ (`1/Γ(b)`) and b = +∞ (0),
    /// where SciPy returns NaN.
    ///
    /// # Errors
    /// [`Error::BroadcastMismatch`](crate::Error::BroadcastMismatch),
    /// [`Error::DeviceMismatch`](crate::Error::DeviceMismatch),
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let a = gpu::Array::from_vec(vec![1.5f64, 1.0, 0.0], [3])?;
    /// let phi = a.wright_bessel(&[1.1f64, 1.0, 2.0], &[2.5f64, 4.0, 1.0])?.to_vec()?;
    /// assert!((phi[0] / 3.302783155659857 - 1.0).abs() < 1e-15); // SciPy's example
    /// assert!((phi[1] / 11.301921952136330 - 1.0).abs() < 1e-15); // I₀(2√x) at a = b = 1
    /// assert!((phi[2] - std::f64::consts::E).abs() < 1e-15); // eˣ/Γ(b) at a = 0
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn wright_bessel(&self, b: impl AsArray<T>, x: impl AsArray<T>) -> Result<Array<T>> {
        ternary(TernaryOp::WrightBessel, self, b, x)
    }

    /// `ln Φ(a, b; x)`, the natural logarithm of [`wright_bessel`](Array::wright_bessel),
    /// with `self` as a (SciPy's `special.log_wright_bessel`), finite where Φ overflows: for
    /// x up to the dtype's largest (past a peak 12 terms wide the sum is some 60 terms on a
    /// grid, past 1e5 Laplace's; `src/ops/wright.rs`).
    ///
    /// Accuracy against the same 440 mpmath points, in ulps per unit of
    /// `max(1, κ/|ln Φ|)`, κ as for `wright_bessel`: within 1.60 on the CPU, 1.35 on
    /// lavapipe f64 and 1.15 on lavapipe f32 (SciPy 1.17: beyond 4 at 29, and 1.9e-4 off
    /// at (2.9e-6, 8.46, 297,964)).
    ///
    /// Conventions: as `wright_bessel`'s, with −∞ for its 0.
    ///
    /// # Errors
    /// As [`wright_bessel`](Array::wright_bessel).
    ///
    /// ```
    /// let a = gpu::Array::from_vec(vec![1.5f64, 0.5], [2])?;
    /// let ln_phi = a.log_wright_bessel(&[1.1f64, 2.0], &[2.5f64, 1e300])?.to_vec()?;
    /// assert!((ln_phi[0] / 1.1947654935299217 - 1.0).abs() < 1e-15); // SciPy's example
    /// assert!(ln_phi[1] > 1e199); // Φ itself overflows
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn log_wright_bessel(&self, b: impl AsArray<T>, x: impl AsArray<T>) -> Result<Array<T>> {
        ternary(TernaryOp::LogWrightBessel, self, b, x)
    }
}
