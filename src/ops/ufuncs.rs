//! NumPy ufuncs composed from the elementwise kernels every backend has: the inverse
//! hyperbolic functions, `cbrt`, `logaddexp`/`logaddexp2`, `deg2rad`/`rad2deg`, `sinc`,
//! `heaviside`, `nan_to_num`, `clip` with array bounds, and SciPy's `log_ndtr`,
//! `lambertw`, `logit`, `log_expit`, `xlogy`, `xlog1py` and `entr`. Most cost a few kernel
//! launches (`lambertw` about 100), with formulas chosen for accuracy near 0 and no
//! overflow for large inputs. `ndtri_exp` is here beside `log_ndtr`, its inverse, but is
//! one kernel of its own (`UnaryOp::NdtriExp`).

use std::f64::consts::{LN_2, PI};

use crate::array::Array;
use crate::backend::UnaryOp;
use crate::dtype::{Element, Float};
use crate::error::Result;
use crate::ops::elementwise::where_;

impl<T: Float> Array<T> {
    /// A 0-d constant on this array's device.
    pub(crate) fn constant(&self, v: f64) -> Result<Array<T>> {
        Array::scalar(T::from_f64(v), self.device())
    }

    /// `S = Σₖ (−1)^k·(2k − 1)!!·t^k` for k = 1 to `terms`, by Horner, with `t = 1/x²`:
    /// the asymptotic series of the normal tail, `ndtr(x) ≈ φ(x)/(−x)·(1 + S)` for x → −∞.
    fn normal_tail_series(&self, terms: u32) -> Result<Array<T>> {
        let coeff =
            |k: u32| (1..=k).map(|j| f64::from(2 * j - 1)).product::<f64>() * if k % 2 == 1 { -1.0 } else { 1.0 };
        let mut series = self.mul_scalar(T::from_f64(coeff(terms)))?;
        for k in (1..terms).rev() {
            series = series.add_scalar(T::from_f64(coeff(k)))?.mul(self)?;
        }
        Ok(series)
    }

    /// Above this magnitude `x² + 1` loses `1` (and soon overflows): `asinh` and `acosh`
    /// are `ln(2|x|)` there to the last bit.
    fn large(&self) -> f64 {
        1.0 / T::EPSILON.to_f64().sqrt()
    }

    /// Elementwise inverse hyperbolic sine (NumPy's `arcsinh`): `sign(x) · ln1p(|x| +
    /// x² / (1 + sqrt(1 + x²)))`, and `ln(|x|) + ln 2` for large `|x|`; odd, exact at 0,
    /// infinite at ±∞.
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![0.0f64, 1.0, -1e300], [3])?;
    /// let y = x.asinh()?.to_vec()?;
    /// assert!(y[0] == 0.0 && (y[1] - 1f64.asinh()).abs() < 1e-15 && (y[2] + 691.4686750787736).abs() < 1e-12);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn asinh(&self) -> Result<Array<T>> {
        let a = self.abs()?;
        let sq = a.square()?;
        let small = a.add(&sq.div(&sq.add_scalar(T::ONE)?.sqrt()?.add_scalar(T::ONE)?)?)?.ln_1p()?;
        let big = a.ln()?.add_scalar(T::from_f64(LN_2))?;
        let mag = where_(&a.gt_scalar(T::from_f64(self.large()))?, &big, &small)?;
        mag.copysign(self)
    }

    /// Elementwise inverse hyperbolic cosine (NumPy's `arccosh`), for `x ≥ 1` (NaN below):
    /// `ln1p(t + sqrt(2t + t²))` with `t = x − 1` (accurate near 1), `ln(x) + ln 2` for
    /// large `x`.
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![1.0f64, 2.0, 0.5], [3])?;
    /// let y = x.acosh()?.to_vec()?;
    /// assert!(y[0] == 0.0 && (y[1] - 2f64.acosh()).abs() < 1e-15 && y[2].is_nan());
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn acosh(&self) -> Result<Array<T>> {
        let t = self.sub_scalar(T::ONE)?;
        let small = t.add(&t.mul(&t.add_scalar(T::from_f64(2.0))?)?.sqrt()?)?.ln_1p()?;
        let big = self.ln()?.add_scalar(T::from_f64(LN_2))?;
        let value = where_(&self.gt_scalar(T::from_f64(self.large()))?, &big, &small)?;
        // Below 1 (where t·(t + 2) can be positive again) the function is undefined.
        where_(&self.lt_scalar(T::ONE)?, &self.constant(f64::NAN)?, &value)
    }

    /// Elementwise inverse hyperbolic tangent (NumPy's `arctanh`): `sign(x) · ½ ·
    /// ln1p(2|x| / (1 − |x|))`; ±∞ at ±1, NaN beyond.
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![0.5f64, -1.0, 2.0], [3])?;
    /// let y = x.atanh()?.to_vec()?;
    /// assert!((y[0] - 0.5f64.atanh()).abs() < 1e-15 && y[1] == f64::NEG_INFINITY && y[2].is_nan());
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn atanh(&self) -> Result<Array<T>> {
        let a = self.abs()?;
        let ratio = a.mul_scalar(T::from_f64(2.0))?.div(&self.constant(1.0)?.sub(&a)?)?;
        ratio.ln_1p()?.mul_scalar(T::from_f64(0.5))?.copysign(self)
    }

    /// Elementwise cube root (NumPy's `cbrt`), real for negative `x`: `exp(ln|x| / 3)`
    /// refined by one Newton step, with the sign of `x`; exact at 0 and ±∞.
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![27.0f64, -8.0, 0.0], [3])?;
    /// let y = x.cbrt()?.to_vec()?;
    /// assert!((y[0] - 3.0).abs() < 1e-15 && (y[1] + 2.0).abs() < 1e-15 && y[2] == 0.0);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn cbrt(&self) -> Result<Array<T>> {
        let a = self.abs()?;
        let y = a.ln()?.div_scalar(T::from_f64(3.0))?.exp()?;
        // Newton: y − (y³ − a) / 3y² = (2y + a / y²) / 3, where y is finite and non-zero.
        let refined = y.mul_scalar(T::from_f64(2.0))?.add(&a.div(&y.square()?)?)?.div_scalar(T::from_f64(3.0))?;
        let ordinary = y.isfinite()?.logical_and(&y.ne_scalar(T::ZERO)?)?;
        where_(&ordinary, &refined, &y)?.copysign(self)
    }

    /// `ln(e^a + e^b)` elementwise without overflow (NumPy's `logaddexp`): `max(a, b) +
    /// ln1p(e^−|a−b|)`; equal infinities give themselves, NaN propagates.
    ///
    /// # Errors
    /// [`Error::BroadcastMismatch`](crate::Error::BroadcastMismatch),
    /// [`Error::DeviceMismatch`](crate::Error::DeviceMismatch).
    ///
    /// ```
    /// let a = gpu::Array::from_vec(vec![1000.0f64, f64::NEG_INFINITY], [2])?;
    /// let y = a.logaddexp(&a)?.to_vec()?;
    /// assert!((y[0] - (1000.0 + 2f64.ln())).abs() < 1e-12 && y[1] == f64::NEG_INFINITY);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn logaddexp(&self, other: &Array<T>) -> Result<Array<T>> {
        self.log_add(other, false)
    }

    /// `log2(2^a + 2^b)` elementwise without overflow (NumPy's `logaddexp2`).
    ///
    /// # Errors
    /// As [`logaddexp`](Array::logaddexp).
    pub fn logaddexp2(&self, other: &Array<T>) -> Result<Array<T>> {
        self.log_add(other, true)
    }

    fn log_add(&self, other: &Array<T>, base2: bool) -> Result<Array<T>> {
        let m = self.maximum(other)?;
        let neg_gap = self.sub(other)?.abs()?.neg()?;
        let tail =
            if base2 { neg_gap.exp2()?.ln_1p()?.div_scalar(T::from_f64(LN_2))? } else { neg_gap.exp()?.ln_1p()? };
        let sum = m.add(&tail)?;
        // a == b (infinities included, where a − b is NaN): a + ln 2 (or + 1).
        let same = self.add_scalar(T::from_f64(if base2 { 1.0 } else { LN_2 }))?;
        where_(&self.eq(other)?, &same, &sum)
    }

    /// Degrees to radians, elementwise (NumPy's `deg2rad`, `radians`).
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    pub fn deg2rad(&self) -> Result<Array<T>> {
        self.mul_scalar(T::from_f64(PI / 180.0))
    }

    /// Radians to degrees, elementwise (NumPy's `rad2deg`, `degrees`).
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    pub fn rad2deg(&self) -> Result<Array<T>> {
        self.mul_scalar(T::from_f64(180.0 / PI))
    }

    /// The normalised sinc, `sin(πx) / (πx)` and 1 at 0 (NumPy's `sinc`), with `sin(πx)`
    /// as `(−1)^n·sin(π·f)` for `n = round(x)` and `f = x − n` (exact, in [−½, ½]): so
    /// sinc is 0 at the nonzero integers and keeps its digits for large `x`, where NumPy's
    /// `sin(pi * x)` takes the sine of `πx` rounded (`sinc(1.0)` = 3.9e-17 there, and at
    /// `x = 5598448` in f32 any value within about ±0.5/x).
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![0.0f64, 0.5, 1.0, 2.5e9 + 0.5], [4])?;
    /// let y = x.sinc()?.to_vec()?;
    /// assert!(y[0] == 1.0 && (y[1] - 2.0 / std::f64::consts::PI).abs() < 1e-15 && y[2] == 0.0);
    /// assert!((y[3] - 1.0 / ((2.5e9 + 0.5) * std::f64::consts::PI)).abs() < 1e-15 * y[3]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn sinc(&self) -> Result<Array<T>> {
        let n = self.round()?;
        let sin_pi_f = self.sub(&n)?.mul_scalar(T::from_f64(PI))?.sin()?;
        // (−1)^n = 1 − 2·(n mod 2), exact.
        let sign = n.floor_rem(&self.constant(2.0)?)?.mul_scalar(T::from_f64(-2.0))?.add_scalar(T::ONE)?;
        let ratio = sin_pi_f.mul(&sign)?.div(&self.mul_scalar(T::from_f64(PI))?)?;
        where_(&self.eq_scalar(T::ZERO)?, &self.constant(1.0)?, &ratio)
    }

    /// The Heaviside step (NumPy's `heaviside(x, h0)`): 0 below 0, 1 above, `h0` at 0,
    /// NaN for NaN.
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![-2.0f32, 0.0, 3.0], [3])?;
    /// assert_eq!(x.heaviside(0.5)?.to_vec()?, [0.0, 0.5, 1.0]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn heaviside(&self, h0: T) -> Result<Array<T>> {
        let step = where_(&self.gt_scalar(T::ZERO)?, &self.constant(1.0)?, &self.constant(0.0)?)?;
        let at_zero = where_(&self.eq_scalar(T::ZERO)?, &Array::scalar(h0, self.device())?, &step)?;
        where_(&self.isnan()?, self, &at_zero)
    }

    /// NaN and infinities replaced by finite numbers (NumPy's `nan_to_num(x, nan, posinf,
    /// neginf)`): NaN by `nan`, +∞ by `posinf` (default: the largest finite value), −∞
    /// by `neginf` (default: the most negative finite value).
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![f32::NAN, f32::INFINITY, f32::NEG_INFINITY, 1.5], [4])?;
    /// assert_eq!(x.nan_to_num(0.0, None, Some(-1.0))?.to_vec()?, [0.0, f32::MAX, -1.0, 1.5]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn nan_to_num(&self, nan: T, posinf: Option<T>, neginf: Option<T>) -> Result<Array<T>> {
        let max = T::from_f64(if T::DTYPE == crate::DType::F32 { f64::from(f32::MAX) } else { f64::MAX });
        let dev = self.device();
        let hi = Array::scalar(posinf.unwrap_or(max), dev)?;
        let lo = Array::scalar(neginf.unwrap_or(T::from_f64(-max.to_f64())), dev)?;
        let inf = T::from_f64(f64::INFINITY);
        let x = where_(&self.isnan()?, &Array::scalar(nan, dev)?, self)?;
        let x = where_(&self.eq_scalar(inf)?, &hi, &x)?;
        where_(&self.eq_scalar(T::from_f64(f64::NEG_INFINITY))?, &lo, &x)
    }

    /// The log of the standard normal CDF (SciPy's `special.log_ndtr`, `scipy.stats.norm.logcdf`),
    /// accurate far past where [`ndtr`](Array::ndtr) underflows: `ln ndtr(x)` for
    /// `x <= 0` (ndtr keeps its digits down to its smallest normal result),
    /// `ln_1p(−ndtr(−x))` above 0, and below −20 (−10 for f32) the asymptotic series
    /// `−x²/2 − ln(−x) − ½ln(2π) + ln(1 − 1/x² + 3/x⁴ − …)`, its terms to `x^-20`.
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![-100.0f64, 0.0, 10.0], [3])?;
    /// let l = x.log_ndtr()?.to_vec()?;
    /// assert!((l[0] / -5005.524208694205 - 1.0).abs() < 1e-15);
    /// assert!((l[1] + 2f64.ln()).abs() < 1e-15 && (l[2] / -7.619853024160525e-24 - 1.0).abs() < 1e-14);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn log_ndtr(&self) -> Result<Array<T>> {
        let cut = if T::DTYPE == crate::dtype::DType::F32 { -10.0 } else { -20.0 };
        let neg = self.neg()?;
        let upper = neg.ndtr()?.neg()?.ln_1p()?;
        let middle = self.ndtr()?.ln()?;
        // Ten terms: below the cut t = 1/x² <= 1/400 (1/100 for f32) and the next term is
        // under 1e-17 (1e-10) relative.
        let sq = self.square()?;
        let series = sq.recip()?.normal_tail_series(10)?;
        let lower = sq
            .mul_scalar(T::from_f64(-0.5))?
            .sub(&neg.ln()?)?
            .add_scalar(T::from_f64(-0.918_938_533_204_672_8))? // −½ ln 2π
            .add(&series.ln_1p()?)?;
        let x = where_(&self.gt_scalar(T::ZERO)?, &upper, &middle)?;
        where_(&self.lt_scalar(T::from_f64(cut))?, &lower, &x)
    }

    /// The inverse of [`log_ndtr`](Array::log_ndtr) (SciPy's and CuPy's
    /// `special.ndtri_exp`): the `x` with `ln ndtr(x) = y`, that is `ndtri(e^y)` without
    /// losing `e^y` to underflow or `1 − e^y` to rounding. One kernel on every backend
    /// (`UnaryOp::NdtriExp`): `−ndtri(−expm1(y))` above `−ln 2`, `ndtri(e^y)` down to
    /// where `e^y` is no longer normal (−708; f32 on wgpu and CUDA: −87), and below that
    /// the root of the asymptotic form `y = −v − ½ln(4πv) + ln(1 − 1/x² + 3/x⁴ − …)` in
    /// `v = x²/2`, by three Newton steps from `v = −y`. `+∞` at 0, `−∞` at `−∞`, NaN
    /// above 0; so `ndtri_exp(−1e4)` is −141.38 where `ndtri(e^−1e4)` is `−∞`.
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let y = gpu::Array::from_vec(vec![-1e4f64, -5005.524208694205, -1e-20, 0.0], [4])?;
    /// let x = y.ndtri_exp()?.to_vec()?;
    /// assert!((x[0] / -141.37983987312717 - 1.0).abs() < 1e-15 && (x[1] / -100.0 - 1.0).abs() < 1e-15);
    /// assert!((x[2] / 9.262340089798407 - 1.0).abs() < 1e-14 && x[3] == f64::INFINITY);
    /// // The inverse of log_ndtr.
    /// let back = y.ndtri_exp()?.log_ndtr()?.to_vec()?;
    /// assert!((back[1] / -5005.524208694205 - 1.0).abs() < 1e-15);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn ndtri_exp(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::NdtriExp)
    }

    /// The real branches of the Lambert W function (SciPy's and CuPy's
    /// `special.lambertw(x, k).real` where the value is real): the `w` with `w·e^w = x`,
    /// on the principal branch `k = 0` (`w ≥ −1`, for `x ≥ −1/e`) or the lower branch
    /// `k = −1` (`w ≤ −1`, for `−1/e ≤ x < 0`). NaN where W is complex (`x < −1/e`; `x > 0`
    /// for `k = −1`); `W₀(∞) = ∞`, `W₋₁(0) = −∞`, and −1 at `x = −1/e` rounded.
    ///
    /// Composed on the device (about 100 kernel launches): within 0.01 of the branch point
    /// in `p = √(2(e·x + 1))`, with `x + 1/e` taken in two parts, the series
    /// `−1 ± p − p²/3 ± 11p³/72 − …` to `p⁸`; elsewhere four Halley steps on
    /// `f(w) = w − x·e^(−w)` (`e^(ln(−x) − w)` on the lower branch, which would overflow
    /// near 0), from that series, Winitzki's `ln(1 + x)·(1 − ln(1 + ln(1 + x))/(2 + ln(1 +
    /// x)))` or the asymptotic `L₁ − L₂ + L₂/L₁` (`L₁ = ln(−x)`, `L₂ = ln(−L₁)`).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) for a branch other than 0
    /// and −1 (the others are complex everywhere); [`Error::Unsupported`](crate::Error::Unsupported)
    /// for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![1.0f64, 1e300, -0.3, 1e-300], [4])?;
    /// let w = x.lambertw(0)?.to_vec()?;
    /// assert!((w[0] - 0.5671432904097838).abs() < 1e-16 && (w[1] / 684.2472086297608 - 1.0).abs() < 1e-15);
    /// assert!((w[2] / -0.4894022271802149 - 1.0).abs() < 1e-15 && w[3] == 1e-300);
    /// let lower = gpu::Array::from_vec(vec![-0.3f64, -1e-300], [2])?.lambertw(-1)?.to_vec()?;
    /// assert!((lower[0] / -1.7813370234216276 - 1.0).abs() < 1e-15 && (lower[1] / -697.3227762954602 - 1.0).abs() < 1e-15);
    /// assert!(x.lambertw(1).is_err());
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn lambertw(&self, k: i32) -> Result<Array<T>> {
        if k != 0 && k != -1 {
            return Err(crate::Error::InvalidArgument {
                op: "lambertw",
                reason: format!("branch k = {k}: only k = 0 and k = -1 take real values"),
            });
        }
        let lower = k == -1;
        let f = |v: f64| T::from_f64(v);
        // 1/e in two parts for the type: x + hi is exact near the branch point (Sterbenz).
        let (e_hi, e_lo) = if T::DTYPE == crate::dtype::DType::F32 {
            (0.3678794503211975, -9.149755619830557e-9)
        } else {
            (0.36787944117144233, -1.2428753672788363e-17)
        };
        let zero = self.constant(0.0)?;
        let d = self.add_scalar(f(e_hi))?.add_scalar(f(e_lo))?.maximum(&zero)?;
        let p = d.mul_scalar(f(2.0 * std::f64::consts::E))?.sqrt()?;
        let p = if lower { p.neg()? } else { p };
        // W = Σ μₖ pᵏ (Corless et al. 1996, 4.22); the next term is under 1e-20 of W at |p| = 0.01.
        let mu =
            [680_863.0 / 43_545_600.0, -221.0 / 8505.0, 769.0 / 17_280.0, -43.0 / 540.0, 11.0 / 72.0, -1.0 / 3.0, 1.0];
        let mut series = p.mul_scalar(f(-1963.0 / 204_120.0))?;
        for c in mu {
            series = series.add_scalar(f(c))?.mul(&p)?;
        }
        let series = series.add_scalar(f(-1.0))?;
        let guess = if lower {
            let l1 = self.neg()?.ln()?;
            let l2 = l1.neg()?.ln()?;
            let far = l1.sub(&l2)?.add(&l2.div(&l1)?)?;
            where_(&self.lt_scalar(f(-0.25))?, &series, &far)?
        } else {
            let l = self.ln_1p()?;
            let winitzki = l.mul(&l.ln_1p()?.div(&l.add_scalar(f(2.0))?)?.neg()?.add_scalar(T::ONE)?)?;
            where_(&self.lt_scalar(f(-0.3))?, &series, &winitzki)?
        };
        // Halley on f(w) = w − u, u = x·e^−w: f′ = 1 + u, f″ = −u, so
        // w ← w − 2f(1 + u) / (2(1 + u)² + f·u).
        let ln_minus_x = if lower { Some(self.neg()?.ln()?) } else { None };
        let mut w = guess;
        for _ in 0..4 {
            let u = match &ln_minus_x {
                Some(l) => l.sub(&w)?.exp()?.neg()?,
                None => self.mul(&w.neg()?.exp()?)?,
            };
            let fw = w.sub(&u)?;
            let g = u.add_scalar(T::ONE)?;
            let den = g.square()?.mul_scalar(f(2.0))?.add(&fw.mul(&u)?)?;
            w = w.sub(&fw.mul(&g)?.mul_scalar(f(2.0))?.div(&den)?)?;
        }
        let w = where_(&p.abs()?.lt_scalar(f(0.01))?, &series, &w)?;
        let inf = f64::INFINITY;
        // The ends of the domain, then NaN where W is complex.
        let w = if lower {
            let w = where_(&self.eq_scalar(T::ZERO)?, &self.constant(-inf)?, &w)?;
            where_(&self.gt_scalar(T::ZERO)?, &self.constant(f64::NAN)?, &w)?
        } else {
            where_(&self.eq_scalar(f(inf))?, &self.constant(inf)?, &w)?
        };
        where_(&self.lt_scalar(f(-e_hi))?, &self.constant(f64::NAN)?, &w)
    }

    /// The log-odds `ln(p / (1 − p))` (SciPy's `special.logit`, the inverse of
    /// [`sigmoid`](Array::sigmoid)): `ln p − ln_1p(−p)` away from ½ and `ln_1p(2u / (1 −
    /// u))` with `u = 2p − 1` (exact) within ¼ of it, where the logarithms would cancel;
    /// `−∞` at 0, `+∞` at 1, NaN outside `[0, 1]`.
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let p = gpu::Array::from_vec(vec![0.5000001f64, 1e-10, 0.9], [3])?;
    /// let l = p.logit()?.to_vec()?;
    /// assert!((l[0] / 3.99999999789463e-07 - 1.0).abs() < 1e-15 && (l[2] - 2.1972245773362196).abs() < 1e-15);
    /// assert!((p.logit()?.sigmoid()?.to_vec()?[1] / 1e-10 - 1.0).abs() < 1e-14);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn logit(&self) -> Result<Array<T>> {
        let outer = self.ln()?.sub(&self.neg()?.ln_1p()?)?;
        let u = self.mul_scalar(T::from_f64(2.0))?.add_scalar(T::from_f64(-1.0))?;
        let inner = u.mul_scalar(T::from_f64(2.0))?.div(&u.neg()?.add_scalar(T::ONE)?)?.ln_1p()?;
        let near_half = u.abs()?.lt_scalar(T::from_f64(0.5))?;
        where_(&near_half, &inner, &outer)
    }

    /// `ln σ(x) = −ln(1 + e^−x)` (SciPy's `special.log_expit`) without overflow or
    /// cancellation: `min(x, 0) − ln_1p(e^−|x|)`, so `log_expit(−800)` is −800 and
    /// `log_expit(40)` is −4.25e-18.
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![-800.0f64, 40.0], [2])?;
    /// let l = x.log_expit()?.to_vec()?;
    /// assert!(l[0] == -800.0 && (l[1] / -4.248354255291589e-18 - 1.0).abs() < 1e-15);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn log_expit(&self) -> Result<Array<T>> {
        let zero = self.constant(0.0)?;
        self.minimum(&zero)?.sub(&self.abs()?.neg()?.exp()?.ln_1p()?)
    }

    /// `x · ln y` elementwise with 0 where `x` is 0 and `y` is not NaN (SciPy's
    /// `special.xlogy`: the `0 · ln 0 = 0` of entropies and likelihoods); broadcasts.
    ///
    /// # Errors
    /// [`Error::BroadcastMismatch`](crate::Error::BroadcastMismatch),
    /// [`Error::DeviceMismatch`](crate::Error::DeviceMismatch).
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![0.0f32, 2.0, 0.0], [3])?;
    /// let y = gpu::Array::from_vec(vec![0.0f32, 1.0, f32::NAN], [3])?;
    /// let z = x.xlogy(&y)?.to_vec()?;
    /// assert!(z[0] == 0.0 && z[1] == 0.0 && z[2].is_nan());
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn xlogy(&self, y: &Array<T>) -> Result<Array<T>> {
        self.times_log(y, y.ln()?)
    }

    /// `x · ln(1 + y)` elementwise with 0 where `x` is 0 and `y` is not NaN (SciPy's
    /// `special.xlog1py`), accurate for tiny `y`; broadcasts.
    ///
    /// # Errors
    /// As [`xlogy`](Array::xlogy).
    pub fn xlog1py(&self, y: &Array<T>) -> Result<Array<T>> {
        self.times_log(y, y.ln_1p()?)
    }

    fn times_log(&self, y: &Array<T>, log: Array<T>) -> Result<Array<T>> {
        let product = self.mul(&log)?;
        let zero_x = self.eq_scalar(T::ZERO)?.logical_and(&y.isnan()?.logical_not()?)?;
        where_(&zero_x, &self.constant(0.0)?, &product)
    }

    /// The entropy term `−x ln x` elementwise (SciPy's `special.entr`): 0 at 0, `−∞` below
    /// 0, NaN for NaN.
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let p = gpu::Array::from_vec(vec![0.0f64, 0.5, 1.0, -1.0], [4])?;
    /// let h = p.entr()?.to_vec()?;
    /// assert!(h[0] == 0.0 && (h[1] - 0.34657359027997264).abs() < 1e-16 && h[2] == 0.0 && h[3] == f64::NEG_INFINITY);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn entr(&self) -> Result<Array<T>> {
        let h = self.xlogy(self)?.neg()?;
        where_(&self.lt_scalar(T::ZERO)?, &self.constant(f64::NEG_INFINITY)?, &h)
    }
}

impl<T: Element> Array<T> {
    /// [`clip`](Array::clip) with array bounds (NumPy's `np.clip(a, lo, hi)` with arrays):
    /// `minimum(maximum(a, lo), hi)`, all three broadcast together.
    ///
    /// # Errors
    /// [`Error::BroadcastMismatch`](crate::Error::BroadcastMismatch),
    /// [`Error::DeviceMismatch`](crate::Error::DeviceMismatch).
    ///
    /// ```
    /// use gpu::Array;
    /// let a = Array::from_vec(vec![1, 5, 9, 5], [2, 2])?;
    /// let lo = Array::from_vec(vec![2, 6], [2])?;
    /// let hi = Array::from_vec(vec![4], [1])?;
    /// assert_eq!(a.clip_arrays(&lo, &hi)?.to_vec()?, [2, 4, 4, 4]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn clip_arrays(&self, lo: &Array<T>, hi: &Array<T>) -> Result<Array<T>> {
        self.maximum(lo)?.minimum(hi)
    }
}
