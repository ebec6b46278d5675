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
//!
//! SciPy's `smirnov` and `smirnovi`, the one-sided statistic `D_n^+` for n samples
//! (`BinaryOp::Smirnov`, `Smirnovi`, same files):
//!
//! - `P(D_n^+ ≥ x)` is the Smirnov–Birnbaum–Tingey sum `Σ_{0≤v<n(1−x)} T_v`, `T_v =
//!   x·C(n, v)·p^(v−1)·q^(n−v)` with p = x + v/n, q = 1 − p: positive terms, summed with
//!   Kahan's compensation. `T_0 = (1 − x)^n`; the others as a binomial probability in
//!   Loader's saddle-point form, `x/p·√(n/(2π v(n−v)))·e^E` with
//!   `E = v·log1pmx(nx/v) + (n−v)·log1pmx(−nx/(n−v)) + S(n) − S(v) − S(n−v)` (S
//!   Stirling's series, a table below 10): the `±nx` of the two logarithms cancel in the
//!   algebra, so nothing large cancels in floating point, and each term is as exact as
//!   the rounding of E allows (|E| ulps, within the condition number of the sum). Where
//!   nx/(n − v) passes ½, the q side's logarithm is `ln((n − v − nx)/(n − v))`, the
//!   difference exact (Sterbenz), so that q keeps its digits as it nears 0. Below nx = 1
//!   the closed form `1 − x(1 + x)^(n−1)`; 0 where Hoeffding's bound `e^(−2nx²)` is below
//!   half the smallest subnormal.
//! - SciPy sums the same terms in double-double arithmetic to n = 10⁶ and approximates
//!   past it (`e^(−(6nx+1)²/(18n))`, relative errors of 1e-7 to 5e-6 at n = 10⁶ + 1,
//!   measured); this sums to 2³¹ − 1, its cost proportional to `n(1 − x)`.
//! - `smirnovi(n, p)`: `1 − p^(1/n)` past `1 − 1/n`, where the sum is its first term;
//!   otherwise Newton's method on `ln(S/p)` (the derivative summed with the terms) inside
//!   `[1 − p^(1/n), √(−ln p/(2n))]` (the first term and Hoeffding's bound), narrowed by
//!   every step, from the root of SciPy's asymptotic form.
//! - On wgpu one loop runs at most 60,000 passes of four terms, Newton's steps included
//!   (llvmpipe ends a SIMD group's loops after 65,535 passes in all): past 240,000 terms,
//!   NaN.

use crate::array::Array;
use crate::backend::{BinaryOp, UnaryOp};
use crate::dtype::Float;
use crate::error::Result;
use crate::ops::elementwise::{binary, Arg};

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

    /// The one-sided Kolmogorov–Smirnov statistic's survival function `P(D_n^+ ≥ x)` for
    /// n samples (SciPy's `special.smirnov(n, x)`; `stats.ksone.sf(x, n)`), with `self` as
    /// n and `x` broadcast against it, in one kernel. n is truncated toward zero, as SciPy
    /// does. See the module notes for the method, which sums `n(1 − x)` terms: its cost
    /// grows with n, where SciPy's switches to an approximation past n = 10⁶.
    ///
    /// Conventions, as SciPy's: NaN for n < 1 (and past 2³¹ − 1, SciPy's `int`) and for
    /// x outside [0, 1]; 1 at x = 0, 0 at x = 1, `1 − x` for n = 1.
    ///
    /// # Errors
    /// [`Error::BroadcastMismatch`](crate::Error::BroadcastMismatch),
    /// [`Error::DeviceMismatch`](crate::Error::DeviceMismatch),
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let n = gpu::Array::from_vec(vec![5.0f64, 100.0, 1000.0], [3])?;
    /// let x = gpu::Array::from_vec(vec![0.1f64, 0.1, 0.2], [3])?;
    /// let p = n.smirnov(&x)?.to_vec()?;
    /// assert!((p[0] / 0.85359 - 1.0).abs() < 1e-15);
    /// assert!((p[1] / 0.1265906584562817 - 1.0).abs() < 1e-15);
    /// assert!((p[2] / 7.764314602125269e-36 - 1.0).abs() < 1e-13); // e^−80: κ = 160
    /// // Exact past SciPy's n = 10⁶, where it approximates (0.606328179669418).
    /// let big = gpu::Array::from_vec(vec![1_000_000.0f64, 1_000_001.0], [2])?;
    /// let p = big.smirnov(&gpu::Array::from_vec(vec![0.0005f64], [1])?)?.to_vec()?;
    /// assert!((p[0] / 0.6063285670563211 - 1.0).abs() < 1e-15); // SciPy: …3211
    /// assert!((p[1] / 0.60632826389208 - 1.0).abs() < 1e-13);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn smirnov(&self, x: &Array<T>) -> Result<Array<T>> {
        binary(BinaryOp::Smirnov, Arg::Array(self), Arg::Array(x))
    }

    /// The inverse of [`smirnov`](Array::smirnov) in x: the x with `P(D_n^+ ≥ x) = p`
    /// (SciPy's `special.smirnovi(n, p)`; `stats.ksone.isf(p, n)`), with `self` as n and
    /// `p` broadcast against it, in one kernel. See the module notes for the method.
    ///
    /// Conventions, as SciPy's: NaN for n < 1 (and past 2³¹ − 1) and for p outside
    /// [0, 1]; 1 at p = 0, 0 at p = 1, `1 − p` for n = 1.
    ///
    /// # Errors
    /// [`Error::BroadcastMismatch`](crate::Error::BroadcastMismatch),
    /// [`Error::DeviceMismatch`](crate::Error::DeviceMismatch),
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let n = gpu::Array::from_vec(vec![5.0f64, 100.0, 1000.0], [3])?;
    /// let p = gpu::Array::from_vec(vec![0.85359f64, 0.05, 1e-30], [3])?;
    /// let x = n.smirnovi(&p)?.to_vec()?;
    /// assert!((x[0] / 0.1 - 1.0).abs() < 1e-14);
    /// assert!((x[1] / 0.12066568772965514 - 1.0).abs() < 1e-15);
    /// assert!((x[2] / 0.18498414995515242 - 1.0).abs() < 1e-15);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn smirnovi(&self, p: &Array<T>) -> Result<Array<T>> {
        binary(BinaryOp::Smirnovi, Arg::Array(self), Arg::Array(p))
    }
}
