//! SciPy's Box–Cox transforms (`boxcox`, `boxcox1p`, `inv_boxcox`, `inv_boxcox1p`),
//! `exprel`, `huber`, `pseudo_huber`, `rel_entr`, `cosm1`, `softplus` and `powm1`,
//! composed on the device from the elementwise kernels, and `kl_div`, a kernel of its
//! own, each in a form that keeps its digits where the obvious formula cancels or
//! overflows.

use crate::array::Array;
use crate::backend::BinaryOp;
use crate::dtype::Float;
use crate::error::Result;
use crate::ops::elementwise::{binary, where_, Arg};

impl<T: Float> Array<T> {
    /// Where e^x is near its overflow: past it the functions below that scale it take
    /// `e^(x/2)·(e^(x/2)/c)`.
    fn exp_reach() -> T {
        T::from_f64(if T::DTYPE == crate::DType::F32 { 88.0 } else { 709.0 })
    }

    /// `expm1(u)/λ`, and past e^u's overflow, where the quotient is still finite for
    /// |λ| > 1, `±e^(u/2)·(e^(u/2)/|λ|)` with λ's sign (the −1 long negligible; as in
    /// `exprel`, without the rounding of `u − ln|λ|`).
    fn expm1_over(u: &Array<T>, lambda: &Array<T>) -> Result<Array<T>> {
        let plain = u.exp_m1()?.div(lambda)?;
        let half = u.mul_scalar(T::from_f64(0.5))?.exp()?;
        let big = half.mul(&half.div(&lambda.abs()?)?)?.copysign(lambda)?;
        where_(&u.gt_scalar(Self::exp_reach())?, &big, &plain)
    }

    /// Where `lambda` is 0 (to ±1e-19, as SciPy), `at_zero`; else `other`.
    fn lambda_zero(lambda: &Array<T>, at_zero: &Array<T>, other: &Array<T>) -> Result<Array<T>> {
        where_(&lambda.abs()?.lt_scalar(T::from_f64(1e-19))?, at_zero, other)
    }

    /// The Box–Cox transform (SciPy's `special.boxcox(x, lmbda)`): `(x^λ − 1)/λ` as
    /// `expm1(λ·ln x)/λ` (no cancellation for x near 1 or λ near 0), `ln x` at λ = 0;
    /// past the overflow of `x^λ`, where the quotient is finite for |λ| > 1,
    /// `±e^(u/2)·(e^(u/2)/|λ|)` with u = λ·ln x (`boxcox(2, 1030)` is 1.117013210011522e307,
    /// 1.117013210011536e307 rounded: 56 ulp where the rounding of u is worth 714);
    /// `x` and `lambda` broadcast. NaN for x < 0; at 0, `−1/λ` for λ > 0 and `−∞` for
    /// λ < 0.
    ///
    /// # Errors
    /// [`Error::BroadcastMismatch`](crate::Error::BroadcastMismatch),
    /// [`Error::DeviceMismatch`](crate::Error::DeviceMismatch).
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![2.0f64, 1.0 + 1e-12, 2.0], [3])?;
    /// let l = gpu::Array::from_vec(vec![0.5f64, 0.5, 0.0], [3])?;
    /// let y = x.boxcox(&l)?.to_vec()?;
    /// assert!((y[0] - 0.8284271247461901).abs() < 1e-15 && (y[1] / 1.000088900582091e-12 - 1.0).abs() < 1e-15);
    /// assert!((y[2] - std::f64::consts::LN_2).abs() < 1e-16);
    /// let past = gpu::Array::from_vec(vec![2.0f64], [1])?.boxcox(&gpu::Array::from_vec(vec![1030.0f64], [1])?)?;
    /// assert!((past.item()? / 1.117013210011536e307 - 1.0).abs() < 2e-14);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn boxcox(&self, lambda: &Array<T>) -> Result<Array<T>> {
        let ln = self.ln()?;
        Self::lambda_zero(lambda, &ln, &Self::expm1_over(&lambda.mul(&ln)?, lambda)?)
    }

    /// The Box–Cox transform of `1 + x` (SciPy's `special.boxcox1p(x, lmbda)`):
    /// `expm1(λ·ln_1p(x))/λ`, `ln_1p(x)` at λ = 0, accurate for tiny x; broadcasts.
    ///
    /// # Errors
    /// As [`boxcox`](Array::boxcox).
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![1e-10f64], [1])?;
    /// let l = gpu::Array::from_vec(vec![0.5f64], [1])?;
    /// assert!((x.boxcox1p(&l)?.item()? / 9.99999999975e-11 - 1.0).abs() < 1e-15);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn boxcox1p(&self, lambda: &Array<T>) -> Result<Array<T>> {
        let ln = self.ln_1p()?;
        Self::lambda_zero(lambda, &ln, &Self::expm1_over(&lambda.mul(&ln)?, lambda)?)
    }

    /// The inverse Box–Cox transform (SciPy's `special.inv_boxcox(y, lmbda)`):
    /// `exp(ln_1p(λy)/λ)`, `exp(y)` at λ = 0; broadcasts. NaN where `λy < −1`.
    ///
    /// # Errors
    /// As [`boxcox`](Array::boxcox).
    ///
    /// ```
    /// let y = gpu::Array::from_vec(vec![1.0f64], [1])?;
    /// let l = gpu::Array::from_vec(vec![0.5f64], [1])?;
    /// assert!((y.inv_boxcox(&l)?.item()? - 2.25).abs() < 1e-15);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn inv_boxcox(&self, lambda: &Array<T>) -> Result<Array<T>> {
        let far = lambda.mul(self)?.ln_1p()?.div(lambda)?.exp()?;
        Self::lambda_zero(lambda, &self.exp()?, &far)
    }

    /// The inverse of [`boxcox1p`](Array::boxcox1p) (SciPy's `special.inv_boxcox1p(y,
    /// lmbda)`): `expm1(ln_1p(λy)/λ)`, `expm1(y)` at λ = 0, accurate for tiny y;
    /// broadcasts.
    ///
    /// # Errors
    /// As [`boxcox`](Array::boxcox).
    ///
    /// ```
    /// let y = gpu::Array::from_vec(vec![1e-10f64], [1])?;
    /// let l = gpu::Array::from_vec(vec![0.5f64], [1])?;
    /// assert!((y.inv_boxcox1p(&l)?.item()? / 1.000000000025e-10 - 1.0).abs() < 1e-15);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn inv_boxcox1p(&self, lambda: &Array<T>) -> Result<Array<T>> {
        let far = lambda.mul(self)?.ln_1p()?.div(lambda)?.exp_m1()?;
        Self::lambda_zero(lambda, &self.exp_m1()?, &far)
    }

    /// The relative error of `exp`, `(e^x − 1)/x` (SciPy's `special.exprel`):
    /// `expm1(x)/x`, 1 at 0, and `e^(x/2)·(e^(x/2)/x)` past `e^x`'s overflow (so
    /// `exprel(710)` is 3.146e305, where SciPy's is ∞); 0 at −∞, ∞ at ∞.
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![0.0f64, 1e-10, -800.0, 710.0], [4])?;
    /// let y = x.exprel()?.to_vec()?;
    /// assert!(y[0] == 1.0 && (y[1] - 1.00000000005).abs() < 1e-16 && y[2] == 0.00125);
    /// assert!((y[3] / 3.1464715016362125e305 - 1.0).abs() < 1e-13);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn exprel(&self) -> Result<Array<T>> {
        let ratio = self.exp_m1()?.div(self)?;
        // e^(x/2)·(e^(x/2)/x): e^(x − ln x) would carry the rounding of x − ln x, x·2^−p,
        // into its result (46 ulp at f32's 93).
        let half = self.mul_scalar(T::from_f64(0.5))?.exp()?;
        let big = half.mul(&half.div(self)?)?;
        let r = where_(&self.gt_scalar(Self::exp_reach())?, &big, &ratio)?;
        where_(&self.eq_scalar(T::ZERO)?, &self.constant(1.0)?, &r)
    }

    /// The Huber loss (SciPy's `special.huber(delta, r)`, called on `delta`): `r²/2` for
    /// `|r| ≤ δ`, `δ(|r| − δ/2)` beyond, `+∞` for δ < 0; broadcasts.
    ///
    /// # Errors
    /// As [`boxcox`](Array::boxcox).
    ///
    /// ```
    /// let d = gpu::Array::from_vec(vec![1.0f32], [1])?;
    /// let r = gpu::Array::from_vec(vec![0.5f32, 3.0, -3.0], [3])?;
    /// assert_eq!(d.huber(&r)?.to_vec()?, [0.125, 2.5, 2.5]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn huber(&self, r: &Array<T>) -> Result<Array<T>> {
        let a = r.abs()?;
        let quadratic = a.square()?.mul_scalar(T::from_f64(0.5))?;
        let linear = self.mul(&a.sub(&self.mul_scalar(T::from_f64(0.5))?)?)?;
        let loss = where_(&a.le(self)?, &quadratic, &linear)?;
        where_(&self.lt_scalar(T::ZERO)?, &self.constant(f64::INFINITY)?, &loss)
    }

    /// The pseudo-Huber loss (SciPy's `special.pseudo_huber(delta, r)`, called on
    /// `delta`): `δ²(√(1 + (r/δ)²) − 1)`, computed as `|r|·(|r|/(h + 1))` with `h =
    /// hypot(1, r/δ)` (no cancellation for small r, no overflow for large: SciPy's is ∞
    /// at `(2, 1e200)`); 0 at δ = 0, `+∞` for δ < 0; broadcasts.
    ///
    /// # Errors
    /// As [`boxcox`](Array::boxcox).
    ///
    /// ```
    /// let d = gpu::Array::from_vec(vec![1.0f64, 2.0], [2])?;
    /// let r = gpu::Array::from_vec(vec![0.5f64, 1e200], [2])?;
    /// let y = d.pseudo_huber(&r)?.to_vec()?;
    /// assert!((y[0] - 0.11803398874989485).abs() < 1e-16 && (y[1] / 2e200 - 1.0).abs() < 1e-15);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn pseudo_huber(&self, r: &Array<T>) -> Result<Array<T>> {
        let a = r.abs()?;
        let h = a.div(self)?.hypot_scalar(T::ONE)?;
        let loss = a.mul(&a.div(&h.add_scalar(T::ONE)?)?)?;
        let loss = where_(&self.eq_scalar(T::ZERO)?, &self.constant(0.0)?, &loss)?;
        where_(&self.lt_scalar(T::ZERO)?, &self.constant(f64::INFINITY)?, &loss)
    }

    /// The elementwise relative entropy `x·ln(x/y)` (SciPy's `special.rel_entr(x, y)`):
    /// `ln(x/y)` as `ln_1p((x − y)/y)` where `x/y` is within [½, 2] (`x − y` is exact
    /// there, so `rel_entr(1 + 1e-12, 1)` keeps its digits), as `ln x − ln y` where
    /// `x/y` over- or underflows; 0 at `x = 0, y ≥ 0`, `+∞` for other non-positive
    /// arguments; broadcasts.
    ///
    /// # Errors
    /// As [`boxcox`](Array::boxcox).
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![1.0f64, 1.0 + 1e-12, 0.0, 1e300], [4])?;
    /// let y = gpu::Array::from_vec(vec![2.0f64, 1.0, 2.0, 1e-300], [4])?;
    /// let r = x.rel_entr(&y)?.to_vec()?;
    /// assert!((r[0] + std::f64::consts::LN_2).abs() < 1e-16 && (r[1] / 1.000088900582841e-12 - 1.0).abs() < 1e-15);
    /// assert!(r[2] == 0.0 && (r[3] / 1.3815510557964274e303 - 1.0).abs() < 1e-15);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn rel_entr(&self, y: &Array<T>) -> Result<Array<T>> {
        let ratio = self.div(y)?;
        let near = ratio.ge_scalar(T::from_f64(0.5))?.logical_and(&ratio.le_scalar(T::from_f64(2.0))?)?;
        let close = self.sub(y)?.div(y)?.ln_1p()?;
        let apart = self.ln()?.sub(&y.ln()?)?;
        let within = ratio.gt_scalar(T::ZERO)?.logical_and(&ratio.isfinite()?)?;
        let log = where_(&near, &close, &where_(&within, &ratio.ln()?, &apart)?)?;
        let zero = self.constant(0.0)?;
        let positive = self.gt_scalar(T::ZERO)?.logical_and(&y.gt_scalar(T::ZERO)?)?;
        let at_zero = self.eq_scalar(T::ZERO)?.logical_and(&y.ge_scalar(T::ZERO)?)?;
        let r = where_(&positive, &self.mul(&log)?, &self.constant(f64::INFINITY)?)?;
        let r = where_(&at_zero, &zero, &r)?;
        where_(&self.isnan()?.logical_or(&y.isnan()?)?, &self.constant(f64::NAN)?, &r)
    }

    /// The elementwise Kullback–Leibler term `x·ln(x/y) − x + y` (SciPy's
    /// `special.kl_div(x, y)`), in one kernel (`BinaryOp::KlDiv`): where `x/y` is within
    /// [½, 2], `y·g(t)` with `t = (x − y)/y` (`x − y` exact) and `g(t) = (1 + t)·ln(1 + t) −
    /// t = log1pmx(t) + t·ln_1p(t)`, whose two terms are of the order of t², so that
    /// nothing cancels where the plain formula's terms, about `x·t`, cancel to the value
    /// `≈ (x − y)²/(2y)` (SciPy evaluates `(x·ln(x/y) − x) + y`, whose error is an ulp of
    /// x: 360,000 ulp of the value at `kl_div(1.001, 1)`);
    /// elsewhere the plain formula, with `ln x − ln y` where `x/y` over- or underflows.
    /// `y` at `x = 0, y ≥ 0`, `+∞` for other non-positive arguments, NaN for NaN;
    /// broadcasts.
    ///
    /// # Errors
    /// As [`boxcox`](Array::boxcox).
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![1.0f64, 0.0, 2.0, 1.001], [4])?;
    /// let y = gpu::Array::from_vec(vec![2.0f64, 3.0, -1.0, 1.0], [4])?;
    /// let k = x.kl_div(&y)?.to_vec()?;
    /// assert!((k[0] - (1.0 - std::f64::consts::LN_2)).abs() < 1e-16 && k[1] == 3.0 && k[2] == f64::INFINITY);
    /// assert!((k[3] / 4.998334166165899e-7 - 1.0).abs() < 1e-15); // SciPy 1.17: 4.998334166561591e-7
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn kl_div(&self, y: &Array<T>) -> Result<Array<T>> {
        binary(BinaryOp::KlDiv, Arg::Array(self), Arg::Array(y))
    }

    /// `cos x − 1` without its cancellation near 0 (SciPy's `special.cosm1`), as `−2·sin²(x/2)`:
    /// `sin`'s exact argument reduction keeps it right for large x. NaN at ±∞.
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![1e-5f64, 1.0, 1e10], [3])?;
    /// let c = x.cosm1()?.to_vec()?;
    /// assert!((c[0] / -4.999999999958334e-11 - 1.0).abs() < 1e-15); // 1 − cos: 5.000000413701855e-11
    /// assert!((c[1] / -0.45969769413186023 - 1.0).abs() < 1e-15);
    /// assert!((c[2] / -0.12688037732314394 - 1.0).abs() < 1e-15);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn cosm1(&self) -> Result<Array<T>> {
        self.mul_scalar(T::from_f64(0.5))?.sin()?.square()?.mul_scalar(T::from_f64(-2.0))
    }

    /// `ln(1 + e^x)` (SciPy's `special.softplus`) as `max(x, 0) + ln_1p(e^−|x|)`: no
    /// overflow for large x, `e^x` to its last digits for x ≪ 0 (SciPy's `logaddexp(0, x)`).
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![-40.0f64, 0.0, 800.0, f64::NEG_INFINITY], [4])?;
    /// let s = x.softplus()?.to_vec()?;
    /// assert!((s[0] / 4.248354255291589e-18 - 1.0).abs() < 1e-15);
    /// assert!((s[1] - std::f64::consts::LN_2).abs() < 1e-16);
    /// assert!(s[2] == 800.0 && s[3] == 0.0);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn softplus(&self) -> Result<Array<T>> {
        let tail = self.abs()?.neg()?.exp()?.ln_1p()?;
        self.maximum(&self.constant(0.0)?)?.add(&tail)
    }

    /// `x^y − 1` without its cancellation near `x^y = 1` (SciPy's `special.powm1(x, y)`),
    /// `x` and `y` broadcast: `expm1(y·ln x)` where x > 0 and `|y·ln x| < ½`, else
    /// `x.pow(y) − 1`. SciPy's conventions: 0 where y = 0 or x = 1 (NaN in the other
    /// argument included); at x = ±0, −1 for y > 0 and +∞ for y < 0; NaN for x < 0 and y
    /// not an integer.
    ///
    /// # Errors
    /// [`Error::BroadcastMismatch`](crate::Error::BroadcastMismatch),
    /// [`Error::DeviceMismatch`](crate::Error::DeviceMismatch).
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![2.0f64, 1.0000001, -2.0, 0.0], [4])?;
    /// let y = gpu::Array::from_vec(vec![1e-10f64, 1e-10, 3.0, -2.0], [4])?;
    /// let p = x.powm1(&y)?.to_vec()?;
    /// assert!((p[0] / 6.931471805839679e-11 - 1.0).abs() < 1e-15);
    /// assert!((p[1] / 9.999999505838705e-18 - 1.0).abs() < 1e-15);
    /// assert!(p[2] == -9.0 && p[3] == f64::INFINITY);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn powm1(&self, y: &Array<T>) -> Result<Array<T>> {
        let l = y.mul(&self.ln()?)?;
        let near = self.gt_scalar(T::ZERO)?.logical_and(&l.abs()?.lt_scalar(T::from_f64(0.5))?)?;
        let r = where_(&near, &l.exp_m1()?, &self.pow(y)?.add_scalar(T::from_f64(-1.0))?)?;
        let at_zero = where_(&y.gt_scalar(T::ZERO)?, &self.constant(-1.0)?, &self.constant(f64::INFINITY)?)?;
        let r = where_(&self.eq_scalar(T::ZERO)?, &at_zero, &r)?;
        let unit = y.eq_scalar(T::ZERO)?.logical_or(&self.eq_scalar(T::ONE)?)?;
        where_(&unit, &self.constant(0.0)?, &r)
    }
}
