//! SciPy's regularised incomplete gamma functions `gammainc` (P) and `gammaincc` (Q), one
//! kernel each on every backend (`BinaryOp::GammaInc`, `BinaryOp::GammaIncC`:
//! `src/backend/cpu/gammainc.rs`, `shaders/gammainc_math.wgsl`, `kernels/common.cuh`).
//!
//! Of P and Q = 1 − P the smaller is computed and the other is 1 minus it, by SciPy's
//! (Cephes') choice of method, with a wider use of Temme's expansion:
//! - a > 20 and |x − a| < 0.3a: Temme's uniform expansion (DLMF 8.12)
//!   `Q = ½ erfc(η√(a/2)) + e^(−aη²/2)/√(2πa)·Σ c_k(η)·a^−k`, η² = −2(ln(1 + s) − s),
//!   s = (x − a)/a, with 117 coefficients computed in exact rational arithmetic
//!   (scripts/gammainc-coefficients.py). SciPy uses it for a > 200 only within
//!   `4.5/√a` of x = a, and sums up to 2,000 series terms elsewhere, which is too few
//!   from a ≈ 10⁵ (our other methods need about 100 terms at most).
//! - x below about a: P's power series (DLMF 8.11.4).
//! - x above a and 1.1: Q's continued fraction (DLMF 8.9.2, modified Lentz).
//! - x ≤ 1.1 and a below about x: Q's series (DLMF 8.7.3) with `x^a/Γ(1 + a) − 1` by
//!   expm1 of `a ln x − ln Γ(1 + a)` (its Taylor series for |a| ≤ ¼), so that Q ≈
//!   `−a(ln x + γ)` keeps its digits for tiny a.
//!
//! The factor `x^a·e^−x/Γ(a)` is Stirling's `√(a/2π)·e^(a·(ln(1 + s) − s) − S(a))` from
//! a = 10 (`ln(1 + s) − s` by the series of atanh near 0), so that no exponent of size
//! a cancels, and `x^a·e^−x/Γ(a)` below.
//!
//! The distribution functions SciPy builds on them — `chdtr`/`chdtrc` (χ²), `pdtr`/`pdtrc`
//! (Poisson) and `gdtr`/`gdtrc` (gamma) — are the same kernels on scaled arguments.
//!
//! Their inverses in x, `gammaincinv` and `gammainccinv` (`BinaryOp::GammaIncInv`,
//! `BinaryOp::GammaIncCInv`), are one kernel each too: bracketed Newton iterations on
//! these P and Q (see [`gammaincinv`](crate::Array::gammaincinv)).

use crate::array::Array;
use crate::backend::BinaryOp;
use crate::dtype::Float;
use crate::error::Result;
use crate::ops::elementwise::{binary, where_, Arg};

impl<T: Float> Array<T> {
    /// The regularised lower incomplete gamma function `P(a, x) = γ(a, x)/Γ(a) =
    /// ∫₀ˣ t^(a−1)e^−t dt/Γ(a)` (SciPy's `special.gammainc(a, x)`; the CDF of the gamma
    /// distribution of shape a at x), with `self` as a and `x` broadcast against it, in
    /// one kernel. See the module notes for the method.
    ///
    /// Conventions, as SciPy's: NaN where a < 0 or x < 0, at a = x = 0 and at a = x = ∞;
    /// 1 at a = 0 (x > 0) and at x = ∞; 0 at x = 0 and at a = ∞.
    ///
    /// # Errors
    /// [`Error::BroadcastMismatch`](crate::Error::BroadcastMismatch),
    /// [`Error::DeviceMismatch`](crate::Error::DeviceMismatch),
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let a = gpu::Array::from_vec(vec![1.0f64, 0.5, 100.0, 1e-3, 1e12], [5])?;
    /// let x = gpu::Array::from_vec(vec![2.0f64, 2.0, 90.0, 1e-3, 1e12 - 5e6], [5])?;
    /// let p = a.gammainc(&x)?.to_vec()?;
    /// assert!((p[0] / (1.0 - (-2.0f64).exp()) - 1.0).abs() < 3e-16); // 1 − e^−x
    /// assert!((p[1] / 0.9544997361036416 - 1.0).abs() < 3e-16); // erf(√2)
    /// assert!((p[2] / 0.15822098918643016 - 1.0).abs() < 1e-15); // Temme's expansion
    /// assert!((p[3] / 0.9936876467088603 - 1.0).abs() < 3e-16);
    /// // 5σ below the mean of a gamma of shape 10¹² (SciPy 1.17: 2.96e-9)
    /// assert!((p[4] / 2.8663967832502037e-7 - 1.0).abs() < 1e-13);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn gammainc(&self, x: &Array<T>) -> Result<Array<T>> {
        binary(BinaryOp::GammaInc, Arg::Array(self), Arg::Array(x))
    }

    /// The regularised upper incomplete gamma function `Q(a, x) = Γ(a, x)/Γ(a) = 1 −
    /// P(a, x)` (SciPy's `special.gammaincc(a, x)`; the survival function of the gamma
    /// distribution, and of the Poisson's CDF: `Q(k + 1, λ) = P(N ≤ k)`), with `self` as
    /// a and `x` broadcast against it, in one kernel; where Q is small it is computed
    /// directly, not as `1 − P`, so it keeps its digits down to the underflow.
    ///
    /// Conventions, as SciPy's: NaN where a < 0 or x < 0, at a = x = 0 and at a = x = ∞;
    /// 0 at a = 0 (x > 0) and at x = ∞; 1 at x = 0 and at a = ∞.
    ///
    /// # Errors
    /// As [`gammainc`](Array::gammainc).
    ///
    /// ```
    /// let a = gpu::Array::from_vec(vec![1.0f64, 3.0, 1000.0, 1e-3], [4])?;
    /// let x = gpu::Array::from_vec(vec![700.0f64, 2.5, 1100.0, 1e-3], [4])?;
    /// let q = a.gammaincc(&x)?.to_vec()?;
    /// assert!((q[0] / 9.85967654375977e-305 - 1.0).abs() < 1e-14); // e^−700, far below 1 − P's reach
    /// assert!((q[1] / 0.5438131158833295 - 1.0).abs() < 1e-15); // P(N ≤ 2) for Poisson(2.5)
    /// assert!((q[2] / 0.0010593232539299773 - 1.0).abs() < 1e-14);
    /// assert!((q[3] / 0.00631235329113971 - 1.0).abs() < 1e-15); // ≈ −a(ln x + γ)
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn gammaincc(&self, x: &Array<T>) -> Result<Array<T>> {
        binary(BinaryOp::GammaIncC, Arg::Array(self), Arg::Array(x))
    }

    /// The inverse of [`gammainc`](Array::gammainc) in x: the x with `P(a, x) = p`
    /// (SciPy's `special.gammaincinv(a, p)`; the gamma distribution's quantile, and
    /// `2·gammaincinv(v/2, p)` the χ² quantile `chi2.ppf(p, v)`), with `self` as a
    /// and `p` broadcast against it, in one kernel. The smaller tail is matched (P = p,
    /// or Q = 1 − p): Newton's method on ln P in ln x or on ln Q in x (in ln x below 1) — steps that are
    /// exact where the tails are a power of x and nearly an exponential — inside a
    /// bracket that each evaluation narrows, from Wilson–Hilferty's approximation or the
    /// tails' leading terms; 3–6 evaluations of P or Q. The root is as good as P and Q
    /// allow: their few ulps times its condition number `P/(x·P′)` (1/a in the lower
    /// tail).
    ///
    /// Conventions, as SciPy's: 0 at p = 0 and ∞ at p = 1 (any a ≥ 0); NaN for a < 0,
    /// p outside [0, 1], and for a = 0 or a = ∞ in between.
    ///
    /// # Errors
    /// As [`gammainc`](Array::gammainc).
    ///
    /// ```
    /// let a = gpu::Array::from_vec(vec![2.0f64, 0.5, 100.0, 0.01], [4])?;
    /// let p = gpu::Array::from_vec(vec![0.5f64, 1e-10, 0.975, 1e-300], [4])?;
    /// let x = a.gammaincinv(&p)?;
    /// let v = x.to_vec()?;
    /// assert!((v[0] / 1.6783469900166605 - 1.0).abs() < 1e-15); // the median of Γ(2)
    /// assert!((v[1] / 7.853981633974484e-21 - 1.0).abs() < 1e-14); // ≈ π/4·p²
    /// assert!((v[2] / 120.52894775315546 - 1.0).abs() < 1e-14);
    /// assert_eq!(v[3], 0.0); // (p·Γ(1 + a))^(1/a) underflows
    /// let back = a.gammainc(&x)?.to_vec()?;
    /// assert!((back[0] - 0.5).abs() < 1e-15 && (back[2] - 0.975).abs() < 1e-15);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn gammaincinv(&self, p: &Array<T>) -> Result<Array<T>> {
        binary(BinaryOp::GammaIncInv, Arg::Array(self), Arg::Array(p))
    }

    /// The inverse of [`gammaincc`](Array::gammaincc) in x: the x with `Q(a, x) = q`
    /// (SciPy's `special.gammainccinv(a, q)`), with `self` as a and `q` broadcast against
    /// it, in one kernel; the method of [`gammaincinv`](Array::gammaincinv), which q
    /// near 0 does not send through `1 − q`: `gammainccinv(2, 1e-300)` is 697.32.
    ///
    /// Conventions, as SciPy's: ∞ at q = 0 and 0 at q = 1 (any a ≥ 0); NaN for a < 0,
    /// q outside [0, 1], and for a = 0 or a = ∞ in between.
    ///
    /// # Errors
    /// As [`gammainc`](Array::gammainc).
    ///
    /// ```
    /// let a = gpu::Array::from_vec(vec![2.0f64, 2.0, 3.5], [3])?;
    /// let q = gpu::Array::from_vec(vec![1e-300f64, 0.5, 0.05], [3])?;
    /// let x = a.gammainccinv(&q)?.to_vec()?;
    /// assert!((x[0] / 697.3242113793526 - 1.0).abs() < 1e-15);
    /// assert!((x[1] / 1.6783469900166605 - 1.0).abs() < 1e-15);
    /// assert!((x[2] / 7.033570224670084 - 1.0).abs() < 1e-15);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn gammainccinv(&self, q: &Array<T>) -> Result<Array<T>> {
        binary(BinaryOp::GammaIncCInv, Arg::Array(self), Arg::Array(q))
    }

    /// Where `k` is negative (or NaN) NaN, else `Q(⌊k⌋ + 1, m)` (`upper`) or
    /// `P(⌊k⌋ + 1, m)`: the Poisson CDF and its complement.
    fn poisson_tail(&self, m: &Array<T>, upper: bool) -> Result<Array<T>> {
        let a = self.floor()?.add_scalar(T::ONE)?;
        let v = if upper { a.gammaincc(m)? } else { a.gammainc(m)? };
        where_(&self.lt_scalar(T::from_f64(0.0))?, &self.constant(f64::NAN)?, &v)
    }

    /// The χ² distribution's CDF with `self` degrees of freedom at `x` (SciPy's
    /// `special.chdtr(v, x)`, `stats.chi2.cdf(x, v)`): `P(v/2, x/2)`, broadcast; NaN for
    /// v < 0 or x < 0 (SciPy's conventions, as [`gammainc`](Array::gammainc)'s).
    ///
    /// # Errors
    /// As [`gammainc`](Array::gammainc).
    ///
    /// ```
    /// let v = gpu::Array::from_vec(vec![2.0f64, 10.0], [2])?;
    /// let x = gpu::Array::from_vec(vec![3.0f64, 18.307038053275146], [2])?;
    /// let p = v.chdtr(&x)?.to_vec()?;
    /// assert!((p[0] / (1.0 - (-1.5f64).exp()) - 1.0).abs() < 3e-16);
    /// assert!((p[1] - 0.95).abs() < 3e-16); // the 95% point of χ²(10)
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn chdtr(&self, x: &Array<T>) -> Result<Array<T>> {
        let half = T::from_f64(0.5);
        self.mul_scalar(half)?.gammainc(&x.mul_scalar(half)?)
    }

    /// The χ² distribution's survival function (SciPy's `special.chdtrc(v, x)`,
    /// `stats.chi2.sf(x, v)`): `Q(v/2, x/2)`, computed directly where it is small (a
    /// p-value of 1e-300 keeps its digits); broadcast.
    ///
    /// # Errors
    /// As [`gammainc`](Array::gammainc).
    ///
    /// ```
    /// let v = gpu::Array::from_vec(vec![2.0f64], [1])?;
    /// let x = gpu::Array::from_vec(vec![1000.0f64], [1])?;
    /// assert!((v.chdtrc(&x)?.item()? / (-500.0f64).exp() - 1.0).abs() < 1e-15);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn chdtrc(&self, x: &Array<T>) -> Result<Array<T>> {
        let half = T::from_f64(0.5);
        self.mul_scalar(half)?.gammaincc(&x.mul_scalar(half)?)
    }

    /// The inverse of [`chdtrc`](Array::chdtrc) in x: the x at which the χ² distribution
    /// with `self` = v degrees of freedom has survival probability `p` (SciPy's
    /// `special.chdtri(v, p)`, `stats.chi2.isf(p, v)`): `2·gammainccinv(v/2, p)`,
    /// broadcast, as accurate as [`gammainccinv`](Array::gammainccinv) (the scalings
    /// are exact). +∞ at p = 0, 0 at p = 1; NaN for v < 0, for v = 0 between, and for p
    /// outside [0, 1].
    ///
    /// # Errors
    /// As [`gammainc`](Array::gammainc).
    ///
    /// ```
    /// let v = gpu::Array::from_vec(vec![10.0f64, 10.0, 4.0], [3])?;
    /// let p = gpu::Array::from_vec(vec![0.05f64, 1e-10, 0.05], [3])?;
    /// let x = v.chdtri(&p)?.to_vec()?;
    /// assert!((x[0] / 18.307038053275146 - 1.0).abs() < 1e-15); // χ²(10)'s 95% point
    /// assert!((x[1] / 68.16761813861793 - 1.0).abs() < 1e-15);
    /// assert!((x[2] / 9.487729036781158 - 1.0).abs() < 1e-15);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn chdtri(&self, p: &Array<T>) -> Result<Array<T>> {
        let half = self.mul_scalar(T::from_f64(0.5))?;
        half.gammainccinv(p)?.mul_scalar(T::from_f64(2.0))
    }

    /// The inverse of [`pdtr`](Array::pdtr) in m: the Poisson mean at which at most
    /// `self` = k events have probability `y` (SciPy's `special.pdtri(k, y)`):
    /// `gammainccinv(⌊k⌋ + 1, y)`, broadcast; k is floored, as in `pdtr`. +∞ at y = 0,
    /// 0 at y = 1 (SciPy: NaN, though `pdtr(k, 0) = 1`); NaN for k < 0 and y outside
    /// [0, 1].
    ///
    /// # Errors
    /// As [`gammainc`](Array::gammainc).
    ///
    /// ```
    /// let k = gpu::Array::from_vec(vec![2.0f64, 2.7, 0.0], [3])?;
    /// let y = gpu::Array::from_vec(vec![0.5f64, 0.5, 0.3], [3])?;
    /// let m = k.pdtri(&y)?;
    /// let v = m.to_vec()?;
    /// assert!((v[0] / 2.6740603137235603 - 1.0).abs() < 1e-15 && v[1] == v[0]);
    /// assert!((v[2] / -(0.3f64.ln()) - 1.0).abs() < 1e-15); // e^−m = 0.3
    /// let back = k.pdtr(&m)?.to_vec()?;
    /// assert!((back[0] - 0.5).abs() < 1e-15 && (back[2] - 0.3).abs() < 1e-15);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn pdtri(&self, y: &Array<T>) -> Result<Array<T>> {
        let a = self.floor()?.add_scalar(T::ONE)?;
        where_(&self.lt_scalar(T::from_f64(0.0))?, &self.constant(f64::NAN)?, &a.gammainccinv(y)?)
    }

    /// The Poisson distribution's CDF: the probability of at most `self` = k events at
    /// mean `m` (SciPy's `special.pdtr(k, m)`, `stats.poisson.cdf(k, m)`), `Q(⌊k⌋ + 1,
    /// m)`, broadcast; k is floored, as SciPy does; NaN for k < 0 or m < 0.
    ///
    /// # Errors
    /// As [`gammainc`](Array::gammainc).
    ///
    /// ```
    /// let k = gpu::Array::from_vec(vec![2.0f64, 2.7, -1.0], [3])?;
    /// let m = gpu::Array::from_vec(vec![1.0f64], [1])?;
    /// let p = k.pdtr(&m)?.to_vec()?;
    /// let want = 2.5 * (-1.0f64).exp(); // e^−1·(1 + 1 + ½)
    /// assert!((p[0] / want - 1.0).abs() < 3e-16 && p[1] == p[0] && p[2].is_nan());
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn pdtr(&self, m: &Array<T>) -> Result<Array<T>> {
        self.poisson_tail(m, true)
    }

    /// The Poisson distribution's survival function: the probability of more than
    /// `self` = k events at mean `m` (SciPy's `special.pdtrc(k, m)`,
    /// `stats.poisson.sf(k, m)`), `P(⌊k⌋ + 1, m)`, computed directly where it is small;
    /// broadcast; NaN for k < 0 or m < 0.
    ///
    /// # Errors
    /// As [`gammainc`](Array::gammainc).
    ///
    /// ```
    /// let k = gpu::Array::from_vec(vec![50.0f64], [1])?;
    /// let m = gpu::Array::from_vec(vec![1.0f64], [1])?;
    /// // Σ_{n>50} e^−1/n!, far below 1 − pdtr's reach (within 90 ulp: 0.6 per unit of |ln v|)
    /// assert!((k.pdtrc(&m)?.item()? / 2.4181903918759155e-67 - 1.0).abs() < 1e-13);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn pdtrc(&self, m: &Array<T>) -> Result<Array<T>> {
        self.poisson_tail(m, false)
    }

    /// The gamma distribution's CDF with rate `self` = a and shape `b` at `x` (SciPy's
    /// `special.gdtr(a, b, x)`, `stats.gamma.cdf(x, b, scale=1/a)`): `P(b, a·x)`, all
    /// three broadcast together; NaN for x < 0 and where `a·x` or b is negative.
    ///
    /// # Errors
    /// As [`gammainc`](Array::gammainc).
    ///
    /// ```
    /// let a = gpu::Array::from_vec(vec![1.0f64, 2.0], [2])?;
    /// let b = gpu::Array::from_vec(vec![2.0f64], [1])?;
    /// let x = gpu::Array::from_vec(vec![3.0f64], [1])?;
    /// let p = a.gdtr(&b, &x)?.to_vec()?;
    /// assert!((p[0] / (1.0 - 4.0 * (-3.0f64).exp()) - 1.0).abs() < 3e-16); // 1 − e^−x(1 + x)
    /// assert!((p[1] / (1.0 - 7.0 * (-6.0f64).exp()) - 1.0).abs() < 3e-16);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn gdtr(&self, b: &Array<T>, x: &Array<T>) -> Result<Array<T>> {
        let p = b.gammainc(&self.mul(x)?)?;
        where_(&x.lt_scalar(T::from_f64(0.0))?, &p.constant(f64::NAN)?, &p)
    }

    /// The gamma distribution's survival function (SciPy's `special.gdtrc(a, b, x)`,
    /// `stats.gamma.sf(x, b, scale=1/a)`): `Q(b, a·x)`, computed directly where it is
    /// small; broadcast as [`gdtr`](Array::gdtr).
    ///
    /// # Errors
    /// As [`gammainc`](Array::gammainc).
    ///
    /// ```
    /// let a = gpu::Array::from_vec(vec![1.0f64], [1])?;
    /// let b = gpu::Array::from_vec(vec![2.0f64], [1])?;
    /// let x = gpu::Array::from_vec(vec![3.0f64], [1])?;
    /// assert!((a.gdtrc(&b, &x)?.item()? / (4.0 * (-3.0f64).exp()) - 1.0).abs() < 3e-16);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn gdtrc(&self, b: &Array<T>, x: &Array<T>) -> Result<Array<T>> {
        let q = b.gammaincc(&self.mul(x)?)?;
        where_(&x.lt_scalar(T::from_f64(0.0))?, &q.constant(f64::NAN)?, &q)
    }
}
