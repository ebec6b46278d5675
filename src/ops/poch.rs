//! SciPy's `poch`, the Pochhammer symbol (rising factorial), and `binom`, the binomial
//! coefficient, one kernel each on every backend (`BinaryOp::Poch`, `BinaryOp::Binom`:
//! `src/backend/cpu/poch.rs`, `shaders/gamma_math.wgsl`, `kernels/common.cuh`). For
//! `poch`, with `s + sl = z + m` (an exact two-sum):
//! - integer `m` with `|m| ≤ 64`: the product `z(z + 1)…(z + m − 1)` (or `1/((z − 1)…(z
//!   + m))` for `m < 0`) in double-length arithmetic, so within about one rounding;
//! - where Γ reaches (`|z|, |s| ≤ 160`; f32: 30), `Γ(s)·(1 + ψ(s)·sl)/Γ(z)`;
//! - elsewhere `e^L`, with `Γ(x) = π/(sin πx·Γ(1 − x))` for the arguments below ½ (the
//!   sines of the arguments reduced exactly), and, where both arguments of the
//!   remaining ratio are past 10, Stirling's series arranged so that no ln Γ cancels:
//!   `L = (z − ½)·ln_1p(m/z) + m·(ln s − 1) + S(s) − S(z)`, every term of the size of
//!   `m`. This is what keeps `(1e15)_0.5` within the 2 ulp of the rest, where `e^(ln
//!   Γ(s) − ln Γ(z))` would lose the digits of ln Γ(1e15) = 3.3e16.
//!
//! `binom(n, k)` is `(n − k + 1)_k / Γ(k + 1)` by the same kernel's code where that is a
//! normal number, else from `betaln`'s (see [`Array::binom`]).

use crate::array::Array;
use crate::backend::BinaryOp;
use crate::dtype::Float;
use crate::error::Result;
use crate::ops::elementwise::{binary, Arg};

impl<T: Float> Array<T> {
    /// The Pochhammer symbol `(z)_m = Γ(z + m)/Γ(z)`, the rising factorial (SciPy's
    /// `special.poch`, `cupyx.scipy.special.poch`), with `self` as `z` and `m` broadcast
    /// together, in one kernel; see the module notes for the method. Conventions (as
    /// SciPy's where it has them): 1 at `m = 0` (even for NaN `z`); 0 where `z` is 0 or
    /// a negative integer and `z + m` is not; `+∞` where `z + m` is one and `z` is not;
    /// where both are, the limit `(−1)^m·(1 − z − m)_m` (so `(−3)_2 = 6`); at `z = +∞`,
    /// `+∞` for `m > 0` and 0 for `m < 0`; at `m = +∞`, `+∞` for `z > 0`; NaN at other
    /// infinities and for NaN.
    ///
    /// # Errors
    /// [`Error::BroadcastMismatch`](crate::Error::BroadcastMismatch),
    /// [`Error::DeviceMismatch`](crate::Error::DeviceMismatch),
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let z = gpu::Array::from_vec(vec![3.0f64, 0.5, 1e6, -3.0, 2.0], [5])?;
    /// let m = gpu::Array::from_vec(vec![4.0f64, 0.5, 0.5, 2.0, -3.0], [5])?;
    /// let p = z.poch(&m)?.to_vec()?;
    /// assert_eq!(p[0], 360.0); // 3·4·5·6
    /// assert!((p[1] * std::f64::consts::PI.sqrt() - 1.0).abs() < 1e-15); // Γ(1)/Γ(½)
    /// assert!((p[2] / 999.9998750000078 - 1.0).abs() < 1e-15); // ≈ √z·(1 − 1/(8z))
    /// assert_eq!((p[3], p[4]), (6.0, f64::INFINITY)); // (−3)(−2); Γ(−1)/Γ(2)
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn poch(&self, m: &Array<T>) -> Result<Array<T>> {
        binary(BinaryOp::Poch, Arg::Array(self), Arg::Array(m))
    }

    /// The binomial coefficient `C(n, k) = Γ(n + 1)/(Γ(k + 1)·Γ(n − k + 1))` for real
    /// `n` (`self`) and `k` broadcast together (SciPy's `special.binom`,
    /// `cupyx.scipy.special.binom`), in one kernel built on [`poch`](Array::poch)'s:
    /// `(n − k + 1)_k / Γ(k + 1)` where that is a normal number
    /// (so `C(n, k)` for integer `k ≤ 64` is a product of `k` factors), else
    /// `±e^(−betaln(n − k + 1, k + 1) − ln|n + 1|)` with Γ's signs (`C(1000, 500)` =
    /// 2.7e299, where both Γs overflow); negative `n` with integer `k` as `(−1)^k·C(k − n
    /// − 1, k)`, whose arguments are positive. 0 where `k` is a negative integer, or `n −
    /// k` is one and `n` is not. Where `n` is a negative integer, the polynomial `n(n −
    /// 1)…(n − k + 1)/k!` for integer `k` (so `C(−3, 2)` = 6; SciPy gives NaN for every
    /// `k` there), and NaN for other `k` (Γ(n + 1)'s pole, approached with either sign).
    ///
    /// # Errors
    /// As [`poch`](Array::poch).
    ///
    /// ```
    /// let n = gpu::Array::from_vec(vec![10.0f64, 1000.0, 2.5, 5.0, -3.0], [5])?;
    /// let k = gpu::Array::from_vec(vec![3.0f64, 500.0, 1.5, 7.0, 2.0], [5])?;
    /// let c = n.binom(&k)?.to_vec()?;
    /// assert_eq!(c[0], 120.0);
    /// assert!((c[1] / 2.7028824094543655e299 - 1.0).abs() < 1e-13);
    /// assert!((c[2] - 2.5).abs() < 1e-15); // Γ(3.5)/(Γ(2.5)·Γ(2))
    /// assert_eq!((c[3], c[4]), (0.0, 6.0));
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn binom(&self, k: &Array<T>) -> Result<Array<T>> {
        binary(BinaryOp::Binom, Arg::Array(self), Arg::Array(k))
    }
}
