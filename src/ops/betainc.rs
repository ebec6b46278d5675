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
//! lavapipe; SciPy 1.17, which uses Boost, 7.2). Where one parameter is at least 50
//! times the other (the table has such points with the smaller below 10; the F
//! distribution's table has `I(15, 5e4, ·)` 50 ulp off), near the mean, neither fraction
//! is well-conditioned for every point and `1 − r` cancels where a parameter is tiny:
//! there the error is held to ulps of 1 instead, within 68 (f64) — e.g.
//! `betainc(1.83, 7.2e-8, 0.99945)` = 4.77e-7 comes out 6.4e5 ulp (1.4e-10 relative)
//! off, SciPy's 1.1. Boost's asymptotic expansions for those regions (DiDonato and
//! Morris' BGRAT, APSER) are not implemented.
//!
//! The inverses in x, `betaincinv` and `betainccinv` (`TernaryOp::BetaIncInv`,
//! `TernaryOp::BetaIncCInv`), match the smaller tail by Newton's method on its logarithm
//! (in ln x below ½, in ln(1 − x) above) inside a bracket that each evaluation narrows;
//! the distributions' quantiles (`stdtrit`, `fdtri`, `bdtri`, `nbdtri`) are these at
//! transformed arguments, with both x and 1 − x found directly where a quantile needs
//! both (t and F).
//!
//! The Student t, F, binomial and negative binomial distribution functions (SciPy's
//! `stdtr`, `fdtr`, `fdtrc`, `bdtr`, `bdtrc`, `nbdtr`, `nbdtrc`) are this function at
//! transformed arguments, chosen so that none is formed as `1 − z`; they inherit its
//! accuracy, including the region above: `stdtr(1e6, −4)` = 3.17e-5 is 2.8e-12 off
//! relatively (a = ½ against b = 5e5).

use crate::array::Array;
use crate::backend::TernaryOp;
use crate::dtype::Float;
use crate::error::Result;
use crate::ops::elementwise::{ternary, where_};
use crate::ops::{resolve_on, AsArray};

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

    /// The inverse of [`betainc`](Array::betainc) in x: the x with `I_x(a, b) = y`
    /// (SciPy's `special.betaincinv(a, b, y)`; the beta distribution's quantile,
    /// `stats.beta.ppf(y, a, b)`), with `self` as a, and `b` and `y` broadcast against
    /// it, in one kernel. The smaller tail is matched (`I = y`, or `1 − I = 1 − y`, each
    /// computed directly): Newton's method on its logarithm in ln x below x = ½ and in
    /// ln(1 − x) above (steps that are exact where a tail is a power of x or of 1 − x,
    /// as both are at their ends), inside a bracket that each evaluation narrows, from
    /// Abramowitz and Stegun's 26.5.22 (a, b > 1) or a tail's leading term; typically 3–7
    /// evaluations of `betainc`, at most 64 (only bisections after 10 Newton steps: 11–12
    /// at `betaincinv(0.114, 110, 0.99)`). The root is as good as `betainc` allows: its few ulps
    /// times the root's condition number `t/(x·I′)` for the tail t matched, and where
    /// `betainc` is held to ulps of 1 (a parameter 50 times the other, see the module
    /// notes) so is the tail it matches.
    ///
    /// Conventions, as SciPy's: NaN for a or b not in (0, ∞), y outside [0, 1] and
    /// NaN; 0 at y = 0 and 1 at y = 1. A root nearer to 0 than the smallest subnormal
    /// is 0 (SciPy 1.17: `betaincinv(1e-300, 2, 0.5)` is 2.2e-308, the smallest normal
    /// number; the root is 0.5^(10³⁰⁰)).
    ///
    /// # Errors
    /// As [`betainc`](Array::betainc).
    ///
    /// ```
    /// let a = gpu::Array::from_vec(vec![2.0f64, 0.5, 1.0, 1000.0], [4])?;
    /// let b = [3.0f64, 0.5, 4.0, 1000.0];
    /// let y = [0.5248f64, 0.25, 1e-300, 0.18555265943151145];
    /// let x = a.betaincinv(&b, &y)?.to_vec()?;
    /// assert!((x[0] / 0.4 - 1.0).abs() < 1e-15); // betainc(2, 3, 0.4) = 0.5248
    /// assert!((x[1] / 0.14644660940672624 - 1.0).abs() < 1e-15); // sin²(π/8)
    /// assert!((x[2] / 2.5e-301 - 1.0).abs() < 1e-15); // 1 − (1 − x)⁴ ≈ 4x
    /// assert!((x[3] / 0.49 - 1.0).abs() < 1e-14); // κ = 15: betainc's 0.9σ below the mean
    /// let back = a.betainc(&b, &a.betaincinv(&b, &[0.3f64])?)?.to_vec()?;
    /// assert!(back.iter().all(|v| (v - 0.3).abs() < 1e-15));
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn betaincinv(&self, b: impl AsArray<T>, y: impl AsArray<T>) -> Result<Array<T>> {
        ternary(TernaryOp::BetaIncInv, self, b, y)
    }

    /// The inverse of [`betaincc`](Array::betaincc) in x: the x with `1 − I_x(a, b) = y`
    /// (SciPy's `special.betainccinv(a, b, y)`; `stats.beta.isf(y, a, b)`), with `self`
    /// as a, in one kernel; the method of [`betaincinv`](Array::betaincinv), which does
    /// not send a y near 0 through `1 − y`: `betainccinv(2, 3, 1e-300)` is
    /// 1 − 2.04e-150 (rounded to 1), and the root near 1 keeps its distance from 1 where
    /// f64 can hold it.
    ///
    /// Conventions: [`betaincinv`](Array::betaincinv)'s, with 1 at y = 0 and 0 at y = 1.
    ///
    /// # Errors
    /// As [`betainc`](Array::betainc).
    ///
    /// ```
    /// let a = gpu::Array::from_vec(vec![2.0f64, 4.0], [2])?;
    /// let x = a.betainccinv(&[3.0f64, 1.0], &[0.4752f64, 1e-12])?.to_vec()?;
    /// assert!((x[0] / 0.4 - 1.0).abs() < 1e-15);
    /// assert!((x[1] / (1.0 - 1e-12f64).powf(0.25) - 1.0).abs() < 3e-16); // 1 − x⁴ = y
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn betainccinv(&self, b: impl AsArray<T>, y: impl AsArray<T>) -> Result<Array<T>> {
        ternary(TernaryOp::BetaIncCInv, self, b, y)
    }

    /// The x where `I_x(a, b) = y`, x and 1 − x each to full relative precision where it
    /// is the smaller: `betaincinv(a, b, y)` and `betainccinv(b, a, y)` (its
    /// complement, the root of the mirrored function, found directly); each where it is
    /// at most ½, the other 1 minus it. `self` is a.
    fn beta_root_and_complement(&self, b: &Array<T>, y: &Array<T>) -> Result<(Array<T>, Array<T>)> {
        let x = self.betaincinv(b, y)?;
        let c = b.betainccinv(self, y)?;
        let x_big = x.gt_scalar(T::from_f64(0.5))?;
        let x_out = where_(&x_big, &c.neg()?.add_scalar(T::ONE)?, &x)?;
        let c_out = where_(&x_big, &c, &x.neg()?.add_scalar(T::ONE)?)?;
        Ok((x_out, c_out))
    }

    /// Student's t distribution's CDF with `self` = ν degrees of freedom at `t` (SciPy's
    /// `special.stdtr(df, t)`, `stats.t.cdf(t, df)`), broadcast. As Boost: the tail
    /// `P(T < −|t|)` is `betaincc(½, ν/2, t²/(ν + t²))/2` where ν > 2t² and
    /// `betainc(ν/2, ½, ν/(ν + t²))/2` elsewhere, so neither argument is formed as
    /// `1 − z`; the CDF is the tail for t ≤ 0 and `1 − tail` for t > 0 (an upper tail
    /// below ε is therefore lost: it is `stdtr(ν, −t)`). The normal CDF at ν = ∞;
    /// NaN for ν ≤ 0 (SciPy's conventions); 0 at t = −∞, 1 at t = +∞. As accurate as
    /// [`betainc`](Array::betainc) there: for ν ≥ 50 with t² ≪ ν (parameters ½ and ν/2,
    /// see the module notes) within about 65 ulps of 1 absolutely, not relatively
    /// (`stdtr(1e6, −4)` = 3.17e-5 is 2.8e-12 off).
    ///
    /// # Errors
    /// As [`betainc`](Array::betainc).
    ///
    /// ```
    /// let df = gpu::Array::from_vec(vec![3.0f64, 10.0, 1.0, f64::INFINITY], [4])?;
    /// let p = df.stdtr(&[1.5f64, -4.0, 2.0, 1.0])?.to_vec()?;
    /// assert!((p[0] / 0.88470806737758847 - 1.0).abs() < 3e-16); // mpmath
    /// assert!((p[1] / 0.0012591663123683461 - 1.0).abs() < 1e-15);
    /// let cauchy = 0.5 + 2.0f64.atan() / std::f64::consts::PI; // ν = 1
    /// assert!((p[2] / cauchy - 1.0).abs() < 3e-16);
    /// assert!((p[3] / 0.8413447460685429 - 1.0).abs() < 3e-16); // ndtr(1)
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn stdtr(&self, t: impl AsArray<T>) -> Result<Array<T>> {
        let t = resolve_on("stdtr", &t, self.device())?;
        let half = self.constant(0.5)?;
        let (df_half, t2) = (self.mul_scalar(T::from_f64(0.5))?, t.square()?);
        let sum = self.add(&t2)?;
        let near = half.betaincc(&df_half, &t2.div(&sum)?)?;
        let far = df_half.betainc(&half, &self.div(&sum)?)?;
        let tail = where_(&self.gt(&t2.mul_scalar(T::from_f64(2.0))?)?, &near, &far)?.mul_scalar(T::from_f64(0.5))?;
        let cdf = where_(&t.gt_scalar(T::ZERO)?, &tail.neg()?.add_scalar(T::ONE)?, &tail)?;
        let cdf = where_(&self.isinf()?, &t.ndtr()?, &cdf)?;
        where_(&self.le_scalar(T::ZERO)?, &self.constant(f64::NAN)?, &cdf)
    }

    /// The inverse of [`stdtr`](Array::stdtr) in t: Student's t quantile with `self` =
    /// ν degrees of freedom at probability `p` (SciPy's `special.stdtrit(df, p)`,
    /// `stats.t.ppf(p, df)`), broadcast. With q = min(p, 1 − p) (exact), z = ν/(ν + t²)
    /// solves `I_z(ν/2, ½) = 2q` and `1 − z` solves `1 − I_(1−z)(½, ν/2) = 2q`; of the
    /// two roots the smaller is used and the other is 1 minus it, and `|t| = √(ν·(1 −
    /// z)/z)`, so neither a tiny tail nor a t near 0 is rounded through `1 − z`. Two
    /// [`betaincinv`](Array::betaincinv) kernels; as accurate as they are. The normal
    /// quantile at ν = ∞; −∞ at p = 0 and +∞ at p = 1 (SciPy 1.17 gives +∞ at both);
    /// NaN for ν ≤ 0 and p outside [0, 1].
    ///
    /// # Errors
    /// As [`betainc`](Array::betainc).
    ///
    /// ```
    /// let df = gpu::Array::from_vec(vec![1.0f64, 2.0, 10.0, f64::INFINITY], [4])?;
    /// let t = df.stdtrit(&[0.75f64, 0.1, 0.975, 0.3])?.to_vec()?;
    /// assert!((t[0] - 1.0).abs() < 3e-16); // the Cauchy quantile tan(π/4)
    /// assert!((t[1] / -1.8856180831641267 - 1.0).abs() < 3e-16); // −4/(3√2): ν = 2 in closed form
    /// assert!((t[2] / 2.228138851986274 - 1.0).abs() < 1e-15); // the 95% interval of t(10); mpmath
    /// assert!((t[3] / -0.5244005127080408 - 1.0).abs() < 1e-15); // ndtri(0.3)
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn stdtrit(&self, p: impl AsArray<T>) -> Result<Array<T>> {
        let p = resolve_on("stdtrit", &p, self.device())?;
        let p = p.as_ref();
        let upper_half = p.gt_scalar(T::from_f64(0.5))?;
        let q = where_(&upper_half, &p.neg()?.add_scalar(T::ONE)?, p)?;
        let (df_half, half) = (self.mul_scalar(T::from_f64(0.5))?, self.constant(0.5)?);
        // z = ν/(ν + t²) and 1 − z = t²/(ν + t²).
        let (z, c) = df_half.beta_root_and_complement(&half, &q.mul_scalar(T::from_f64(2.0))?)?;
        let t = self.mul(&c)?.sqrt()?.div(&z.sqrt()?)?; // t² may overflow where t does not
        let t = where_(&p.lt_scalar(T::from_f64(0.5))?, &t.neg()?, &t)?; // +0 at p = ½
        where_(&self.isinf()?.logical_and(&self.gt_scalar(T::ZERO)?)?, &p.ndtri()?, &t)
    }

    /// The F distribution's CDF with `self` = d₁ and `dfd` = d₂ degrees of freedom at `x`
    /// (SciPy's `special.fdtr(dfn, dfd, x)`, `stats.f.cdf(x, dfn, dfd)`), broadcast:
    /// `betainc(d₁/2, d₂/2, d₁x/(d₂ + d₁x))`, or where d₁x > d₂ (that argument above ½)
    /// the same value as `betaincc(d₂/2, d₁/2, d₂/(d₂ + d₁x))`, whose argument is not
    /// rounded near 1. NaN for d₁ or d₂ not positive and finite, or x < 0 (SciPy's
    /// conventions); 1 at x = ∞.
    ///
    /// # Errors
    /// As [`betainc`](Array::betainc).
    ///
    /// ```
    /// let dfn = gpu::Array::from_vec(vec![5.0f64, 2.0, 2.5], [3])?;
    /// let p = dfn.fdtr(&[10.0f64, 2.0, 3.5], &[2.5f64, 3.0, 0.5])?.to_vec()?;
    /// assert!((p[0] / 0.89799772335573021 - 1.0).abs() < 3e-16); // mpmath
    /// assert!((p[1] / 0.75 - 1.0).abs() < 3e-16); // x/(1 + x) for d₁ = d₂ = 2
    /// assert!((p[2] / 0.32132831212288251 - 1.0).abs() < 1e-15);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn fdtr(&self, dfd: impl AsArray<T>, x: impl AsArray<T>) -> Result<Array<T>> {
        self.f_tail(
            resolve_on("fdtr", &dfd, self.device())?.as_ref(),
            resolve_on("fdtr", &x, self.device())?.as_ref(),
            false,
        )
    }

    /// The F distribution's survival function (SciPy's `special.fdtrc(dfn, dfd, x)`,
    /// `stats.f.sf(x, dfn, dfd)`): [`fdtr`](Array::fdtr)'s complement, computed directly
    /// (`betaincc` where [`fdtr`](Array::fdtr) takes `betainc` and the other way round),
    /// so a small p-value keeps its digits; broadcast; conventions as
    /// [`fdtr`](Array::fdtr)'s, 0 at x = ∞.
    ///
    /// # Errors
    /// As [`betainc`](Array::betainc).
    ///
    /// ```
    /// let dfn = gpu::Array::from_vec(vec![3.0f64, 5.0], [2])?;
    /// let q = dfn.fdtrc(&[40.0f64, 10.0], &[20.0f64, 2.5])?.to_vec()?;
    /// assert!((q[0] / 4.4462727421177231e-8 - 1.0).abs() < 1e-14); // mpmath
    /// assert!((q[1] / 0.10200227664426979 - 1.0).abs() < 1e-15);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn fdtrc(&self, dfd: impl AsArray<T>, x: impl AsArray<T>) -> Result<Array<T>> {
        self.f_tail(
            resolve_on("fdtrc", &dfd, self.device())?.as_ref(),
            resolve_on("fdtrc", &x, self.device())?.as_ref(),
            true,
        )
    }

    /// The inverse of [`fdtr`](Array::fdtr) in x: the F distribution's quantile with
    /// `self` = d₁ and `dfd` = d₂ degrees of freedom at probability `p` (SciPy's
    /// `special.fdtri(dfn, dfd, p)`, `stats.f.ppf(p, dfn, dfd)`), broadcast: w =
    /// d₁x/(d₂ + d₁x) solves `I_w(d₁/2, d₂/2) = p` and `1 − w` is found directly too
    /// (as the root of the mirrored function); of the two the smaller is used and the
    /// other is 1 minus it, and `x = d₂·w/(d₁·(1 − w))`, so a quantile far in either tail
    /// keeps its digits. Two [`betaincinv`](Array::betaincinv) kernels; as accurate as
    /// they are. 0 at p = 0, ∞ at p = 1; NaN for d₁ or d₂ not positive and finite and p
    /// outside [0, 1] (SciPy's conventions).
    ///
    /// # Errors
    /// As [`betainc`](Array::betainc).
    ///
    /// ```
    /// let dfn = gpu::Array::from_vec(vec![2.0f64, 2.0, 3.0], [3])?;
    /// let x = dfn.fdtri(&[2.0f64, 3.0, 4.0], &[0.75f64, 0.5, 1.0 - 1e-12])?.to_vec()?;
    /// assert!((x[0] / 3.0 - 1.0).abs() < 3e-16); // fdtr(2, 2, x) = x/(1 + x)
    /// assert!((x[1] / 0.8811015779522992 - 1.0).abs() < 1e-15); // the median of F(2, 3); mpmath
    /// assert!((x[2] / 1825760.4974051847 - 1.0).abs() < 1e-14); // 1 − p is exact, and kept
    /// let back = dfn.fdtr(&[2.0f64, 3.0, 4.0], &x)?.to_vec()?;
    /// assert!((back[0] - 0.75).abs() < 3e-16 && (back[1] - 0.5).abs() < 3e-16);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn fdtri(&self, dfd: impl AsArray<T>, p: impl AsArray<T>) -> Result<Array<T>> {
        let (dfd, p) = (resolve_on("fdtri", &dfd, self.device())?, resolve_on("fdtri", &p, self.device())?);
        let (dfd, p) = (dfd.as_ref(), p.as_ref());
        let half = T::from_f64(0.5);
        let (a, b) = (self.mul_scalar(half)?, dfd.mul_scalar(half)?);
        let (w, c) = a.beta_root_and_complement(&b, p)?;
        dfd.mul(&w)?.div(&self.mul(&c)?)
    }

    /// [`fdtr`](Array::fdtr) (`upper` false) or [`fdtrc`](Array::fdtrc), `self` = d₁.
    fn f_tail(&self, dfd: &Array<T>, x: &Array<T>, upper: bool) -> Result<Array<T>> {
        let half = T::from_f64(0.5);
        let (a, b) = (self.mul_scalar(half)?, dfd.mul_scalar(half)?);
        let u = self.mul(x)?;
        let sum = dfd.add(&u)?;
        let (low, high) = (u.div(&sum)?, dfd.div(&sum)?);
        // The CDF is I_low(a, b) = 1 − I_high(b, a).
        let (by_low, by_high) = if upper {
            (a.betaincc(&b, &low)?, b.betainc(&a, &high)?)
        } else {
            (a.betainc(&b, &low)?, b.betaincc(&a, &high)?)
        };
        let v = where_(&u.gt(dfd)?, &by_high, &by_low)?;
        let bad = self.le_scalar(T::ZERO)?.logical_or(&dfd.le_scalar(T::ZERO)?)?.logical_or(&x.lt_scalar(T::ZERO)?)?;
        let bad = bad.logical_or(&self.isinf()?)?.logical_or(&dfd.isinf()?)?;
        where_(&bad, &self.constant(f64::NAN)?, &v)
    }

    /// The binomial distribution's CDF: the probability of at most `self` = k successes
    /// in `n` trials of probability `p` (SciPy's `special.bdtr(k, n, p)`,
    /// `stats.binom.cdf(k, n, p)`), broadcast: `betaincc(⌊k⌋ + 1, n − ⌊k⌋, p)`, which is
    /// Cephes' `I_(1−p)(n − k, k + 1)` without rounding `1 − p`. k is floored and n
    /// truncated toward zero (SciPy takes n as an integer); NaN for k < 0, n < ⌊k⌋ and p
    /// outside [0, 1]; 1 at ⌊k⌋ = n.
    ///
    /// # Errors
    /// As [`betainc`](Array::betainc).
    ///
    /// ```
    /// let k = gpu::Array::from_vec(vec![3.0f64, 3.7, 10.0, 11.0], [4])?;
    /// let p = k.bdtr(&[10.0f64], &[0.3f64])?.to_vec()?;
    /// assert!((p[0] / 0.6496107184 - 1.0).abs() < 3e-16); // Σ_{i ≤ 3} C(10, i)·0.3^i·0.7^(10−i)
    /// assert_eq!((p[1], p[2]), (p[0], 1.0));
    /// assert!(p[3].is_nan());
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn bdtr(&self, n: impl AsArray<T>, p: impl AsArray<T>) -> Result<Array<T>> {
        self.binomial_tail(
            resolve_on("bdtr", &n, self.device())?.as_ref(),
            resolve_on("bdtr", &p, self.device())?.as_ref(),
            false,
        )
    }

    /// The binomial distribution's survival function: the probability of more than
    /// `self` = k successes in `n` trials (SciPy's `special.bdtrc(k, n, p)`,
    /// `stats.binom.sf(k, n, p)`): `betainc(⌊k⌋ + 1, n − ⌊k⌋, p)`, computed directly,
    /// so a tiny upper tail keeps its digits; broadcast. k is floored and n truncated;
    /// NaN for n < ⌊k⌋ and p outside [0, 1]; 1 for k < 0 and 0 at ⌊k⌋ = n (SciPy's
    /// conventions).
    ///
    /// # Errors
    /// As [`betainc`](Array::betainc).
    ///
    /// ```
    /// let k = gpu::Array::from_vec(vec![95.0f64, -1.0], [2])?;
    /// let q = k.bdtrc(&[100.0f64], &[0.5f64])?.to_vec()?;
    /// assert!((q[0] / 3.2248444478817710e-24 - 1.0).abs() < 1e-14); // P(more than 95 heads in 100)
    /// assert_eq!(q[1], 1.0);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn bdtrc(&self, n: impl AsArray<T>, p: impl AsArray<T>) -> Result<Array<T>> {
        self.binomial_tail(
            resolve_on("bdtrc", &n, self.device())?.as_ref(),
            resolve_on("bdtrc", &p, self.device())?.as_ref(),
            true,
        )
    }

    /// The inverse of [`bdtr`](Array::bdtr) in p: the success probability at which at
    /// most `self` = k successes in `n` trials have probability `y` (SciPy's
    /// `special.bdtri(k, n, y)`), broadcast: `betainccinv(⌊k⌋ + 1, n − ⌊k⌋, y)`, one
    /// kernel, as accurate as [`betainccinv`](Array::betainccinv). k is floored and n
    /// truncated, as in `bdtr`; 1 at y = 0 and 0 at y = 1; NaN for k < 0, n ≤ ⌊k⌋ (where
    /// `bdtr` is 1 for every p) and y outside [0, 1].
    ///
    /// # Errors
    /// As [`betainc`](Array::betainc).
    ///
    /// ```
    /// let k = gpu::Array::from_vec(vec![3.0f64, 3.7, 0.0], [3])?;
    /// let p = k.bdtri(&[10.0f64], &[0.5f64, 0.5, 0.3])?.to_vec()?;
    /// assert!((p[0] / 0.35509996791248855 - 1.0).abs() < 1e-15 && p[1] == p[0]);
    /// assert!((p[2] / (1.0 - 0.3f64.powf(0.1)) - 1.0).abs() < 1e-15); // (1 − p)^10 = 0.3
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn bdtri(&self, n: impl AsArray<T>, y: impl AsArray<T>) -> Result<Array<T>> {
        let n = resolve_on("bdtri", &n, self.device())?.trunc()?;
        let y = resolve_on("bdtri", &y, self.device())?;
        let k = self.floor()?;
        k.add_scalar(T::ONE)?.betainccinv(&n.sub(&k)?, y.as_ref())
    }

    /// [`bdtr`](Array::bdtr) (`upper` false) or [`bdtrc`](Array::bdtrc), `self` = k.
    fn binomial_tail(&self, n: &Array<T>, p: &Array<T>, upper: bool) -> Result<Array<T>> {
        let (k, n) = (self.floor()?, n.trunc()?);
        let a = k.add_scalar(T::ONE)?;
        let b = n.sub(&k)?;
        let v = if upper { a.betainc(&b, p)? } else { a.betaincc(&b, p)? };
        // At k = n, b = 0 and betainc's conventions give 0 (1 at p = 1); the CDF is 1.
        let v = where_(&k.eq(&n)?, &self.constant(if upper { 0.0 } else { 1.0 })?, &v)?;
        let bad = p.lt_scalar(T::ZERO)?.logical_or(&p.gt_scalar(T::ONE)?)?.logical_or(&n.lt(&k)?)?;
        let negative = k.lt_scalar(T::ZERO)?;
        // SciPy: below k = 0 the survival function is 1, the CDF has no value.
        let (v, bad) =
            if upper { (where_(&negative, &self.constant(1.0)?, &v)?, bad) } else { (v, bad.logical_or(&negative)?) };
        where_(&bad, &self.constant(f64::NAN)?, &v)
    }

    /// The negative binomial distribution's CDF: the probability of at most `self` = k
    /// failures before the `n`-th success, successes having probability `p` (SciPy's
    /// `special.nbdtr(k, n, p)`, `stats.nbinom.cdf(k, n, p)`), broadcast:
    /// `betainc(n, k + 1, p)`. k and n are truncated toward zero (SciPy's integer
    /// arguments); NaN for k < 0, n ≤ 0 and p outside [0, 1].
    ///
    /// # Errors
    /// As [`betainc`](Array::betainc).
    ///
    /// ```
    /// let k = gpu::Array::from_vec(vec![3.0f64, 0.0], [2])?;
    /// let p = k.nbdtr(&[10.0f64, 3.0], &[0.3f64, 0.25])?.to_vec()?;
    /// assert!((p[0] / 6.5196000899999979e-4 - 1.0).abs() < 1e-14); // mpmath; κ = 8.9 in p
    /// assert_eq!(p[1], 0.015625); // no failure before the third success: 0.25³
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn nbdtr(&self, n: impl AsArray<T>, p: impl AsArray<T>) -> Result<Array<T>> {
        self.negative_binomial_tail(
            resolve_on("nbdtr", &n, self.device())?.as_ref(),
            resolve_on("nbdtr", &p, self.device())?.as_ref(),
            false,
        )
    }

    /// The negative binomial distribution's survival function (SciPy's
    /// `special.nbdtrc(k, n, p)`, `stats.nbinom.sf(k, n, p)`): `betaincc(n, k + 1, p)`,
    /// computed directly (Cephes forms `1 − p`); broadcast; conventions as
    /// [`nbdtr`](Array::nbdtr)'s.
    ///
    /// # Errors
    /// As [`betainc`](Array::betainc).
    ///
    /// ```
    /// let k = gpu::Array::from_vec(vec![3.0f64], [1])?;
    /// let q = k.nbdtrc(&[10.0f64], &[0.3f64])?.item()?;
    /// assert!((q / 0.99934803999100000 - 1.0).abs() < 3e-16); // mpmath
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn nbdtrc(&self, n: impl AsArray<T>, p: impl AsArray<T>) -> Result<Array<T>> {
        self.negative_binomial_tail(
            resolve_on("nbdtrc", &n, self.device())?.as_ref(),
            resolve_on("nbdtrc", &p, self.device())?.as_ref(),
            true,
        )
    }

    /// The inverse of [`nbdtr`](Array::nbdtr) in p: the success probability at which at
    /// most `self` = k failures before the `n`-th success have probability `y` (SciPy's
    /// `special.nbdtri(k, n, y)`), broadcast: `betaincinv(n, k + 1, y)`, one kernel, as
    /// accurate as [`betaincinv`](Array::betaincinv). k and n are truncated, as in
    /// `nbdtr`; 0 at y = 0 and 1 at y = 1; NaN for k < 0, n ≤ 0 and y outside [0, 1].
    ///
    /// # Errors
    /// As [`betainc`](Array::betainc).
    ///
    /// ```
    /// let k = gpu::Array::from_vec(vec![3.0f64, 0.0], [2])?;
    /// let p = k.nbdtri(&[10.0f64, 3.0], &[0.5f64, 0.5])?.to_vec()?;
    /// assert!((p[0] / 0.7247241675138479 - 1.0).abs() < 1e-15);
    /// assert!((p[1] / 0.5f64.cbrt() - 1.0).abs() < 3e-16); // p³ = ½
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn nbdtri(&self, n: impl AsArray<T>, y: impl AsArray<T>) -> Result<Array<T>> {
        let n = resolve_on("nbdtri", &n, self.device())?.trunc()?;
        let y = resolve_on("nbdtri", &y, self.device())?;
        let k = self.trunc()?;
        let p = n.betaincinv(&k.add_scalar(T::ONE)?, y.as_ref())?;
        where_(&k.lt_scalar(T::ZERO)?, &self.constant(f64::NAN)?, &p)
    }

    /// [`nbdtr`](Array::nbdtr) (`upper` false) or [`nbdtrc`](Array::nbdtrc), `self` = k.
    fn negative_binomial_tail(&self, n: &Array<T>, p: &Array<T>, upper: bool) -> Result<Array<T>> {
        let (k, n) = (self.trunc()?, n.trunc()?);
        let b = k.add_scalar(T::ONE)?;
        let v = if upper { n.betaincc(&b, p)? } else { n.betainc(&b, p)? };
        let bad = k.lt_scalar(T::ZERO)?.logical_or(&n.le_scalar(T::ZERO)?)?;
        let bad = bad.logical_or(&p.lt_scalar(T::ZERO)?)?.logical_or(&p.gt_scalar(T::ONE)?)?;
        where_(&bad, &self.constant(f64::NAN)?, &v)
    }
}
