//! SciPy's `lpmv`, the associated Legendre function `P_v^m(x)` of integer order m and
//! real degree v on −1 ≤ x ≤ 1 (the Ferrers function of the first kind, with the
//! Condon–Shortley phase: `P_v^m = (−1)^m (1 − x²)^(m/2) dᵐP_v/dxᵐ`, DLMF 14.6.1). It is
//! one kernel on every backend (`TernaryOp::Lpmv`: `src/backend/cpu/legendre.rs`,
//! `shaders/legendre_math.wgsl`, `kernels/common.cuh`).
//!
//! SciPy's method (Zhang & Jin's LPMV) computes `P_v^m` for degrees below |m| + 2 by a
//! series, Gauss's hypergeometric one in (1 − x)/2 above x = −0.35 and below it the
//! logarithmic connection formula in (1 + x)/2 (DLMF 15.8.10), then climbs to v by the
//! three-term recurrence in the degree (DLMF 14.10.3), and gets m < 0 from m > 0 by the
//! ratio `Γ(v − m + 1)/Γ(v + m + 1)` (DLMF 14.9.3). We keep the two series and the
//! recurrence and change five things:
//! - **Where the recurrence starts.** Near x = −1, below the turning point
//!   `v = |m|/√(1 − x²)`, `P_v^m(x)` is the recurrence's minimal solution: SciPy's climb
//!   from |m| through that stretch loses everything (SciPy 1.17: `lpmv(20, 300.7, -0.99)`
//!   is 1.1e65 where it is 4.4e48). For x < 0 the climb starts at 0.9 of the turning point
//!   instead, from the logarithmic series, which is accurate below it (short of it, for
//!   |m| ≤ 1, Gauss's series serves down to x = −0.8).
//! - **The logarithmic series' digammas** are the connection formula's own,
//!   `ψ(k − v + j) + ψ(k + v + 1 + j) − ψ(j + 1) − ψ(k + j + 1)`, each stepped by
//!   `ψ(z + 1) = ψ(z) + 1/z`. Zhang & Jin reflect `ψ(k − v + j)` into `ψ(v) + π·cot(πv)` and
//!   rational terms whose poles at the integers cancel, which loses `ε/|v − n|` near an
//!   integer n (`P_v^(−16)` near v = 4 was 5e-10 off that way).
//! - **Integer degrees** use `P_n^m(x) = (−1)^(n+m) P_n^m(−x)` and climb at |x| from the
//!   closed forms `P_m^m` and `P_(m+1)^m`.
//! - **Negative orders** run the same recurrence with −|m| from their own starting values
//!   (`Γ(v ± m + 1)` overflow past v = 170, where SciPy returns NaN), and cover integer
//!   degrees below |m| too (`P_n^(−m)`, n < m, is not 0; SciPy returns NaN) by Gauss's
//!   series, or below x = 0 its all-positive form in (1 + x)/2 (DLMF 15.8.7).
//! - **sin(πv)** is taken at v's distance from its nearest integer, exactly, and the sign
//!   of the infinity at x = −1 for non-integer v is the singular part's, where
//!   SciPy 1.17 gives −∞ for every m = 0 and +∞ for every other m (wrong for half of
//!   them).
//!
//! The series for degrees below |m| + 2 have no cancellation except in their first two
//! terms (Gauss's) or within the turning point's reach (the logarithmic one), and the
//! recurrence above the turning point is neutral, so the error is a few ulps per unit of
//! the condition number in v and x. Near x = −1, below the turning point, the logarithmic
//! series cancels like a Bessel series at argument 0.9|m| and the recurrence loses as much
//! climbing from lower down: there the error grows exponentially in |m|, small to |m| = 20
//! and up to 10⁶ ulps past 40 (a uniform asymptotic expansion would be the remedy; SciPy's
//! errors there are far larger). See [`lpmv`](crate::Array::lpmv) for the measured figures.
//!
//! Conventions, as SciPy's: NaN for m not an integer, |x| > 1 or a NaN; `P_v^0(1) = 1`
//! and `P_v^m(1) = 0` otherwise; ±∞ at x = −1 for non-integer v; `P_v = P_(−v−1)`.
//! Past SciPy: NaN for |m| > 512 (every value there overflows, or for m < 0 underflows,
//! but within 1e-5 of x = ±1) and for |v| > 2¹⁸ (the recurrence takes one step per unit of
//! degree; SciPy has no bound and takes as long).

use crate::array::Array;
use crate::backend::TernaryOp;
use crate::dtype::Float;
use crate::error::Result;
use crate::ops::elementwise::ternary;
use crate::ops::AsArray;

impl<T: Float> Array<T> {
    /// The associated Legendre function `P_v^m(x)` with `self` as the order m (an
    /// integer), v the degree (real) and x the argument, broadcast together (SciPy's
    /// `special.lpmv(m, v, x)`, CuPy's `cupyx.scipy.special.lpmv`), in one kernel, with the
    /// Condon–Shortley phase (`P_1^1(x) = −√(1 − x²)`). `src/ops/legendre.rs`'s module
    /// notes describe the method; `v` and `x` may be host data (uploaded to `self`'s
    /// device).
    ///
    /// Accuracy, against mpmath at 520 points (`tests/data/lpmv_mpmath.txt`), in ulps per
    /// unit of `max(1, κ)`, κ the condition number in v and x: for |m| ≤ 20 within 4.1 on
    /// the CPU, 4.4 on lavapipe f64 and 3.3 in f32; for 20 < |m| ≤ 60, 116 of 120 points
    /// within 14 and the other four, near x = −1 below the turning point, up to 3.5e6
    /// (SciPy 1.17: NaN at 43 of the 520 and up to 1e112 off).
    ///
    /// Conventions: NaN for m not an integer, |x| > 1, |m| > 512, |v| > 2¹⁸ or a NaN; at
    /// x = 1, 1 for m = 0 and 0 otherwise; ±∞ at x = −1 for non-integer v (the singular
    /// part's sign); `P_v = P_(−v−1)`. Negative orders are defined for every degree
    /// (DLMF 14.9.3; for integer v below |m| by DLMF 14.3.1, where SciPy returns NaN).
    ///
    /// # Errors
    /// [`Error::BroadcastMismatch`](crate::Error::BroadcastMismatch),
    /// [`Error::DeviceMismatch`](crate::Error::DeviceMismatch),
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let m = gpu::Array::from_vec(vec![1.0f64, 2.0, -3.0, 0.0], [4])?;
    /// let v = [2.5f64, 3.7, 1.0, 2.0];
    /// let x = [0.3f64, -0.8, 0.5, 0.3];
    /// let p = m.lpmv(&v, &x)?.to_vec()?;
    /// assert!((p[0] / -0.12922999435771884 - 1.0).abs() < 1e-14); // κ = 44 (mpmath values)
    /// assert!((p[1] / 9.19292822575041 - 1.0).abs() < 3e-15); // κ = 7
    /// assert!((p[2] / 0.028065638085606807 - 1.0).abs() < 1e-15); // SciPy 1.17: NaN
    /// assert!((p[3] - (3.0 * 0.09 - 1.0) / 2.0).abs() < 1e-16); // P_2(x) = (3x² − 1)/2
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn lpmv(&self, v: impl AsArray<T>, x: impl AsArray<T>) -> Result<Array<T>> {
        ternary(TernaryOp::Lpmv, self, v, x)
    }
}
