//! SciPy's exponential integrals `exp1` (E₁), `expi` (Ei) and `expn` (E_n), one kernel
//! each on every backend (`UnaryOp::Exp1`, `UnaryOp::Expi`, `BinaryOp::ExpN`:
//! `src/backend/cpu/expint.rs`, `shaders/expint_math.wgsl`, `kernels/common.cuh`).
//!
//! - E₁(x), x < ½: the series `−γ − ln x − Σ (−x)^k/(k·k!)` (DLMF 6.6.2).
//! - E₁(x), x ≥ ½: `e^−x` over Legendre's continued fraction for Γ(0, x) (DLMF 8.9.2),
//!   the one `gammaincc` uses, evaluated from the bottom up from a depth of 106/x + 7
//!   terms (2^-56 takes 211 at x = ½ and 110 at 1, by mpmath).
//! - Ei(x), x < 0: −E₁(−x).
//! - Ei(x), 0 < x < 2: the series `γ + ln x + Σ x^k/(k·k!)` (DLMF 6.6.1) less the same
//!   series at Ei's root x₀ = 0.3725…: `ln(x/x₀) + Σ (x^k − x₀^k)/(k·k!)`. Every term has
//!   the sign of `x − x₀` (taken to 2^-106 from x₀ held as two doubles), so nothing
//!   cancels and Ei keeps its relative accuracy through the root, where SciPy's sum of
//!   `γ + ln x` and the series loses it.
//! - Ei(x), 2 ≤ x ≤ 50: the series itself, its terms `x^k/k!` in two chains (odd and
//!   even k) stepping by two, so that each waits for half as many steps.
//!
//!   Both series carry their terms as two doubles (one double's roundings compound over
//!   the 20–130 terms: 6.4 ulp at x = 36) and add them with their errors kept.
//! - Ei(x), x > 50: the asymptotic series `e^x/x·Σ k!/x^k` (DLMF 6.12.2), cut at its
//!   first term below 2^-56, with `e^x` in two halves where it alone would overflow, so
//!   Ei is finite up to x = 716.3 (SciPy 1.17 returns +∞ from x = 709.8).
//! - E_n(x): see [`expn`](crate::Array::expn).

use crate::array::Array;
use crate::backend::{BinaryOp, UnaryOp};
use crate::dtype::Float;
use crate::error::Result;
use crate::ops::elementwise::{binary, Arg};

impl<T: Float> Array<T> {
    /// The exponential integral `E₁(x) = ∫ₓ^∞ e^−t/t dt` (SciPy's `special.exp1`, the
    /// incomplete gamma function Γ(0, x)), in one kernel; see the module notes for the
    /// method. NaN for x < 0 (SciPy's real-valued convention), +∞ at 0, 0 at +∞.
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![1.0f64, 1e-10, 50.0, 0.0], [4])?;
    /// let e1 = x.exp1()?.to_vec()?;
    /// assert!((e1[0] / 0.21938393439552029 - 1.0).abs() < 3e-16);
    /// assert!((e1[1] / 22.448635265138925 - 1.0).abs() < 3e-16); // −γ − ln x + x
    /// assert!((e1[2] / 3.783264029550459e-24 - 1.0).abs() < 5e-16); // ≈ e^−x/x
    /// assert_eq!(e1[3], f64::INFINITY);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn exp1(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::Exp1)
    }

    /// The exponential integral `Ei(x) = −PV∫₋ₓ^∞ e^−t/t dt` (SciPy's `special.expi`), in
    /// one kernel; see the module notes for the method. `−E₁(−x)` for x < 0, −∞ at 0, +∞
    /// at +∞, −0 at −∞.
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// // Next to Ei's root 0.3725074107813666…, and where e^x alone overflows.
    /// let x = gpu::Array::from_vec(vec![1.0f64, 0.37250741078136, 712.0, -1.0], [4])?;
    /// let ei = x.expi()?.to_vec()?;
    /// assert!((ei[0] / 1.8951178163559368 - 1.0).abs() < 3e-16);
    /// assert!((ei[1] / -2.578892406867441e-14 - 1.0).abs() < 1e-15); // SciPy 1.17: -2.5757e-14
    /// assert!((ei[2] / 2.3216800841052115e+306 - 1.0).abs() < 1e-15); // SciPy: inf
    /// assert!((ei[3] / -0.21938393439552029 - 1.0).abs() < 3e-16);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn expi(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::Expi)
    }

    /// The generalised exponential integral `E_n(x) = ∫₁^∞ e^(−xt)/tⁿ dt` (SciPy's
    /// `special.expn(n, x)`), with `self` as n and `x` broadcast against it, in one kernel.
    /// n is truncated toward zero (SciPy's float signature; SciPy returns NaN from n =
    /// 2³¹, which it cannot cast, where this goes on to `≈ e^−x/(x + n)`). `e^−x/x` for n
    /// = 0; for n ≥ 1 below x = ½ the series
    /// `(−x)^(n−1)/(n−1)!·(ψ(n) − ln x) − Σ_{k≠n−1} (−x)^k/((k − n + 1)·k!)` (DLMF 8.19.8),
    /// above it `e^−x` over Legendre's continued fraction for `Γ(1 − n, x)` (as
    /// `gammaincc`'s), from a depth of `106/x + 12` terms.
    ///
    /// Conventions, as SciPy's: NaN for n < 0 or x < 0; at x = 0, +∞ for n ≤ 1 and
    /// `1/(n − 1)` above; 0 at x = +∞.
    ///
    /// # Errors
    /// [`Error::BroadcastMismatch`](crate::Error::BroadcastMismatch),
    /// [`Error::DeviceMismatch`](crate::Error::DeviceMismatch),
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let n = gpu::Array::from_vec(vec![2.0f64, 5.0, 100.0], [3, 1])?;
    /// let x = gpu::Array::from_vec(vec![0.25f64, 3.0], [1, 2])?;
    /// let e = n.expn(&x)?.to_vec()?; // [3, 2]
    /// assert!((e[0] / 0.5177301244604703 - 1.0).abs() < 5e-16);
    /// assert!((e[3] / 0.006697984917017044 - 1.0).abs() < 5e-16);
    /// assert!((e[4] / 0.007846658116522881 - 1.0).abs() < 5e-16);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn expn(&self, x: &Array<T>) -> Result<Array<T>> {
        binary(BinaryOp::ExpN, Arg::Array(self), Arg::Array(x))
    }
}
