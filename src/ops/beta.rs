//! SciPy's `beta` and `betaln`, composed on the device from the elementwise kernels
//! (Γ, ψ, ln Γ, ln, ln_1p): a few dozen launches, nothing downloaded.
//!
//! With `lo = min(a, b)`, `hi = max(a, b)` and `s = lo + hi` (its rounding error `sl`
//! kept by an exact two-sum):
//! - where Γ reaches (`|lo|, hi, |s|` up to 171; f32: 34), the ratio
//!   `Γ(lo) · (Γ(hi) / Γ(s)) / (1 + ψ(s)·sl)`, each Γ within 2 ulp;
//! - past that with `lo ≥ 10`, Stirling's series for all three, rearranged so that no
//!   two large terms cancel: `ln B = ½ ln 2π − ½ ln hi + (lo − ½) ln(lo/s) −
//!   hi·ln_1p(lo/hi) + S(lo) + S(hi) − S(s)`, every term but the first and the S(x) ≤ 0;
//! - past it with `lo < 10`, `ln Γ(lo) + (ln Γ(hi) − ln Γ(s))` with the difference from
//!   Stirling's series: `−lo·ln hi − ((s − ½)·ln_1p(lo/hi) − lo) + S(hi) − S(s)`, the
//!   bracket of size `lo²/hi` computed from terms of size `lo`, not `ln Γ(hi)`;
//! - anything else (negative arguments whose sum leaves Γ's range) as
//!   `ln|Γ(lo)| + ln|Γ(hi)| − ln|Γ(s)|`.

use std::f64::consts::PI;

use crate::array::Array;
use crate::dtype::{DType, Float};
use crate::error::Result;
use crate::ops::elementwise::where_;

/// B₂ₖ/(2k(2k − 1)) for k = 1, 2, …: Stirling's series `S(x) = Σ B₂ₖ/(2k(2k − 1)
/// x^(2k−1))` for ln Γ(x) − ((x − ½) ln x − x + ½ ln 2π).
const STIRLING: [f64; 8] = [
    1.0 / 12.0,
    -1.0 / 360.0,
    1.0 / 1260.0,
    -1.0 / 1680.0,
    1.0 / 1188.0,
    -691.0 / 360360.0,
    1.0 / 156.0,
    -3617.0 / 122400.0,
];

/// What [`Array::betaln`] and [`Array::beta`] share.
struct BetaParts<T: Float> {
    /// ln |B|.
    log: Array<T>,
    /// The ratio of Γs, and the special values.
    ratio: Array<T>,
    /// Where `ratio` is the answer for B.
    use_ratio: Array<bool>,
    /// ±1 with B's sign elsewhere.
    sign: Array<T>,
}

impl<T: Float> Array<T> {
    /// Stirling's series S(x) with its first `terms` terms (x ≥ 10: eight reach 3e-17).
    fn stirling(&self, terms: usize) -> Result<Array<T>> {
        let ix = self.recip()?;
        let z = ix.square()?;
        let mut p = Array::scalar(T::from_f64(STIRLING[terms - 1]), self.device())?;
        for &c in STIRLING[..terms - 1].iter().rev() {
            p = p.mul(&z)?.add_scalar(T::from_f64(c))?;
        }
        ix.mul(&p)
    }

    /// ln |B(a, b)| (SciPy's `special.betaln`), `B(a, b) = Γ(a)Γ(b)/Γ(a + b)`, with `a`
    /// and `b` broadcast together: accurate where the logarithms of Γ would cancel (one
    /// argument far larger than the other, or both past Γ's overflow at 171.62), see
    /// the module notes. Conventions: `+∞` where `a` or `b` is 0 or a negative integer,
    /// `−∞` where `a + b` is one and they are not (B is 0) and where an argument is `+∞`,
    /// NaN for NaN and −∞. (SciPy gives a finite limit where both `a` and `a + b` are
    /// poles; these are `+∞` here.)
    ///
    /// # Errors
    /// [`Error::BroadcastMismatch`](crate::Error::BroadcastMismatch),
    /// [`Error::DeviceMismatch`](crate::Error::DeviceMismatch),
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let a = gpu::Array::from_vec(vec![0.5f64, 200.0, 0.5, 2.0], [4])?;
    /// let b = gpu::Array::from_vec(vec![0.5f64, 300.0, 1e300, -1.5], [4])?;
    /// let l = a.betaln(&b)?.to_vec()?;
    /// assert!((l[0] - std::f64::consts::PI.ln()).abs() < 1e-15); // B(½, ½) = π
    /// assert!((l[1] / -337.98011306546465 - 1.0).abs() < 1e-15);
    /// assert!((l[2] / -344.8153990061821 - 1.0).abs() < 1e-15);
    /// assert!((l[3] - (4.0f64 / 3.0).ln()).abs() < 1e-15); // |B(2, −1.5)| = 4/3
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn betaln(&self, b: &Array<T>) -> Result<Array<T>> {
        Ok(self.beta_parts(b)?.log)
    }

    /// The beta function `B(a, b) = Γ(a)Γ(b)/Γ(a + b)` (SciPy's `special.beta`), with
    /// `a` and `b` broadcast together: the ratio of Γs where they are finite, else
    /// `±e^betaln(a, b)` with Γ's signs, so `B(200, 300)` = 1.65e-147 rather than ∞/∞.
    /// `+∞` at the poles of `a` or `b`, 0 where only `a + b` is one; see
    /// [`betaln`](Array::betaln).
    ///
    /// # Errors
    /// As [`betaln`](Array::betaln).
    ///
    /// ```
    /// let a = gpu::Array::from_vec(vec![2.0f64, 200.0, 1.0], [3])?;
    /// let b = gpu::Array::from_vec(vec![3.0f64, 300.0, -1.5], [3])?;
    /// let y = a.beta(&b)?.to_vec()?;
    /// assert!((y[0] - 1.0 / 12.0).abs() < 1e-16 && (y[1] / 1.6485491608664747e-147 - 1.0).abs() < 1e-13);
    /// assert!((y[2] + 2.0 / 3.0).abs() < 1e-15);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn beta(&self, b: &Array<T>) -> Result<Array<T>> {
        let p = self.beta_parts(b)?;
        let far = p.log.exp()?.copysign(&p.sign)?;
        where_(&p.use_ratio, &p.ratio, &far)
    }

    fn beta_parts(&self, b: &Array<T>) -> Result<BetaParts<T>> {
        let f32 = T::DTYPE == DType::F32;
        let reach = if f32 { 34.0 } else { 171.0 };
        let dev = self.device();
        let constant = |v: f64| Array::scalar(T::from_f64(v), dev);
        let lo = self.minimum(b)?;
        let hi = self.maximum(b)?;
        // s + sl = lo + hi exactly (each kernel rounds once).
        let s = lo.add(&hi)?;
        let bb = s.sub(&lo)?;
        let sl = lo.sub(&s.sub(&bb)?)?.add(&hi.sub(&bb)?)?;

        // Where Γ reaches: Γ(lo)·(Γ(hi)/Γ(s))/(1 + ψ(s)·sl); its logarithm in two parts
        // where Γ(lo) alone overflows (lo below ~5.6e-309).
        let (g_lo, g_hi, g_s) = (lo.gamma()?, hi.gamma()?, s.gamma()?);
        let rest = g_hi.div(&g_s)?.div(&s.digamma()?.mul(&sl)?.add_scalar(T::ONE)?)?;
        let ratio = rest.mul(&g_lo)?;
        let lg_lo = lo.ln_gamma()?;
        let ratio_log = where_(&g_lo.isinf()?, &lg_lo.add(&rest.abs()?.ln()?)?, &ratio.abs()?.ln()?)?;
        let within = |x: &Array<T>| x.abs()?.le_scalar(T::from_f64(reach));
        let in_reach = within(&lo)?.logical_and(&within(&hi)?)?.logical_and(&within(&s)?)?;

        // Past it with lo ≥ 10: Stirling for all three, no cancellation.
        let ln_hi = hi.ln()?;
        let ratio_lh = lo.div(&hi)?.ln_1p()?;
        let s_hi = hi.stirling(8)?;
        let s_s = s.stirling(8)?;
        let both_large = constant(0.5 * (2.0 * PI).ln())?
            .sub(&ln_hi.mul_scalar(T::from_f64(0.5))?)?
            .add(&lo.add_scalar(T::from_f64(-0.5))?.mul(&lo.div(&s)?.ln()?)?)?
            .sub(&hi.mul(&ratio_lh)?)?
            .add(&lo.stirling(8)?.add(&s_hi)?.sub(&s_s)?)?;
        // Past it with lo < 10: ln Γ(lo) + (ln Γ(hi) − ln Γ(s)) by the series.
        let bracket = s.add_scalar(T::from_f64(-0.5))?.mul(&ratio_lh)?.sub(&lo)?;
        let difference = lo.mul(&ln_hi)?.add(&bracket)?.neg()?.add(&s_hi.sub(&s_s)?)?;
        let one_small = lg_lo.add(&difference)?;
        let far = where_(&lo.ge_scalar(T::from_f64(10.0))?, &both_large, &one_small)?;
        // Elsewhere (negative arguments out of reach): the logarithms of Γ as they are.
        let plain = lg_lo.add(&hi.ln_gamma()?)?.sub(&s.ln_gamma()?)?;
        let past = s.gt_scalar(T::from_f64(reach))?;
        let log = where_(&past, &far, &plain)?;
        let log = where_(&in_reach, &ratio_log, &log)?;

        // The poles: of lo or hi, B = ±∞; of s alone, B = 0. An argument of +∞ (with the
        // other finite and positive, or +∞) makes B = 0; −∞ and NaN give NaN.
        let pole = |x: &Array<T>| -> Result<Array<bool>> { x.le_scalar(T::ZERO)?.logical_and(&x.floor()?.eq(x)?) };
        let arg_pole = pole(&lo)?.logical_or(&pole(&hi)?)?;
        let sum_pole = pole(&s)?.logical_and(&arg_pole.logical_not()?)?;
        let inf = T::from_f64(f64::INFINITY);
        let vanish = sum_pole.logical_or(&hi.eq_scalar(inf)?.logical_and(&lo.gt_scalar(T::ZERO)?)?)?;
        let undefined =
            self.isnan()?.logical_or(&b.isnan()?)?.logical_or(&lo.eq_scalar(T::from_f64(f64::NEG_INFINITY))?)?;
        let nan = constant(f64::NAN)?;
        let log = where_(&arg_pole, &constant(f64::INFINITY)?, &log)?;
        let log = where_(&vanish, &constant(f64::NEG_INFINITY)?, &log)?;
        let log = where_(&undefined, &nan, &log)?;
        let ratio = where_(&arg_pole, &constant(f64::INFINITY)?, &ratio)?;
        let ratio = where_(&vanish, &constant(0.0)?, &ratio)?;
        let ratio = where_(&undefined, &nan, &ratio)?;
        let use_ratio = in_reach.logical_or(&arg_pole)?.logical_or(&vanish)?.logical_or(&undefined)?;

        // B's sign elsewhere: the product of Γ's signs (Γ(x) < 0 on (−2k − 1, −2k)),
        // which the Γs keep as signed zeros and infinities where they under- or overflow.
        let one = constant(1.0)?;
        let sign = one.copysign(&g_lo)?.mul(&one.copysign(&g_hi)?)?.mul(&one.copysign(&g_s)?)?;
        Ok(BetaParts { log, ratio, use_ratio, sign })
    }
}
