//! SciPy's sine and cosine integrals `sici` (Si, Ci) and their hyperbolic forms `shichi`
//! (Shi, Chi), one kernel per function on every backend (`UnaryOp::Si`, `Ci`, `Shi`,
//! `Chi`: `src/backend/cpu/expint.rs`, `shaders/expint_math.wgsl`, `kernels/common.cuh`).
//!
//! - All four, |x| < 2: their power series, `Si = Σ (−1)^k x^(2k+1)/((2k+1)·(2k+1)!)`,
//!   `Ci = γ + ln x + Σ_{k≥1} (−1)^k x^(2k)/(2k·(2k)!)` and the same with every sign +
//!   for Shi and Chi (DLMF 6.6.5–6.6.8), to the first term below 2^-53 of both sums.
//! - Si and Ci, |x| ≥ 2: from `f + i·g = e^(ix)·E₁(ix)`, as `Si = π/2 + g·cos x − f·sin x`
//!   and `Ci = −(f·cos x + g·sin x)` (DLMF 6.5.5, 6.5.6). `e^(ix)·E₁(ix)` is the continued
//!   fraction `1/(1 + ix − 1²/(3 + ix − 2²/(5 + ix − …)))` (the even part of DLMF 6.9.1,
//!   the one `exp1` takes at real x) evaluated from the bottom up from `212/x + 4` terms
//!   (f32: `54/x + 3`), which reach 2^-56 (2^-27) by mpmath, 107 at x = 2 and 15 at 16;
//!   from x = 2^32 (f32: 2^13) its leading terms `1/x² − i/x`, all that is left in the
//!   type. (The same convergent by Wallis' forward recurrence, without the division per
//!   step, was a quarter faster on the CPU and 9.9 ulp off at x = 2.) sin x and cos x are reduced exactly, so Si and Ci are right for any x up to
//!   f64's largest.
//! - Shi and Chi, |x| ≥ 2: `(Ei(x) ± E₁(x))/2` (DLMF 6.2.15, 6.2.16) by
//!   [`expi`](crate::Array::expi) and [`exp1`](crate::Array::exp1)'s methods; from 50,
//!   `Ei(x)/2` alone (E₁ is below 2^-140 of it), halved before its last factor, so that
//!   both are finite up to x = 717.04 where they are (SciPy 1.17 returns +∞ from 710.5).
//!
//! Near a root (Ci's at 0.6165, 3.3842, 6.4270, …; Chi's at 0.5238) a function's value is
//! as good as its condition number `|x·f′(x)/f(x)|` allows, as with every method that
//! adds up its terms.

use crate::array::Array;
use crate::backend::UnaryOp;
use crate::dtype::Float;
use crate::error::Result;

impl<T: Float> Array<T> {
    /// The sine and cosine integrals `(Si(x), Ci(x))` (SciPy's `special.sici`), `Si(x) =
    /// ∫₀^x sin t/t dt` and `Ci(x) = γ + ln|x| + ∫₀^|x| (cos t − 1)/t dt`, in two kernels
    /// ([`si`](Array::si) and [`ci`](Array::ci), which compute one each); see the module
    /// notes for the method.
    ///
    /// Conventions, as SciPy's: Si is odd; for x < 0, Ci is the real part of Ci(x), which
    /// is `Ci(|x|)`; (0, −∞) at 0; (π/2, 0) at +∞, and Si is −π/2 at −∞. One difference:
    /// Ci(−∞) is 0 (the limit of `Ci(|x|)`), where SciPy 1.17 gives NaN.
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![1.0f64, -3.0, 0.6165054856207162, 1e10], [4])?;
    /// let (si, ci) = x.sici()?;
    /// let (si, ci) = (si.to_vec()?, ci.to_vec()?);
    /// assert!((si[0] / 0.946083070367183 - 1.0).abs() < 3e-16);
    /// assert!((si[1] / -1.848652527999468 - 1.0).abs() < 3e-16); // Si is odd
    /// assert!((ci[1] / 0.11962978600800033 - 1.0).abs() < 1e-15); // Ci(|x|)
    /// assert!(ci[2].abs() < 1e-15); // next to Ci's first root
    /// assert!((si[3] / 1.5707963267075846 - 1.0).abs() < 3e-16);
    /// assert!((ci[3] / -4.875060251748227e-11 - 1.0).abs() < 1e-15);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn sici(&self) -> Result<(Array<T>, Array<T>)> {
        Ok((self.si()?, self.ci()?))
    }

    /// The sine integral `Si(x) = ∫₀^x sin t/t dt` alone (SciPy's `special.sici(x)[0]`),
    /// in one kernel; see [`sici`](Array::sici).
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![std::f64::consts::PI, 0.0], [2])?;
    /// let si = x.si()?.to_vec()?;
    /// assert!((si[0] / 1.8519370519824663 - 1.0).abs() < 3e-16); // Si's largest value
    /// assert_eq!(si[1], 0.0);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn si(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::Si)
    }

    /// The cosine integral `Ci(x) = γ + ln|x| + ∫₀^|x| (cos t − 1)/t dt` alone (SciPy's
    /// `special.sici(x)[1]`), in one kernel; see [`sici`](Array::sici).
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![2.0f32, 0.0], [2])?;
    /// let ci = x.ci()?.to_vec()?;
    /// assert!((ci[0] / 0.42298083 - 1.0).abs() < 3e-7);
    /// assert_eq!(ci[1], f32::NEG_INFINITY);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn ci(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::Ci)
    }

    /// The hyperbolic sine and cosine integrals `(Shi(x), Chi(x))` (SciPy's
    /// `special.shichi`), `Shi(x) = ∫₀^x sinh t/t dt` and `Chi(x) = γ + ln|x| + ∫₀^|x|
    /// (cosh t − 1)/t dt`, in two kernels ([`shi`](Array::shi) and [`chi`](Array::chi));
    /// see the module notes for the method.
    ///
    /// Conventions, as SciPy's: Shi is odd; for x < 0, Chi is the real part of Chi(x),
    /// which is `Chi(|x|)`; (0, −∞) at 0; (±∞, +∞) at ±∞. Both are finite up to x =
    /// 717.04 (SciPy 1.17: +∞ from 710.5).
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![1.0f64, -3.0, 716.0], [3])?;
    /// let (shi, chi) = x.shichi()?;
    /// let (shi, chi) = (shi.to_vec()?, chi.to_vec()?);
    /// assert!((shi[0] / 1.0572508753757286 - 1.0).abs() < 3e-16);
    /// assert!((chi[0] / 0.8378669409802082 - 1.0).abs() < 3e-16);
    /// assert!((shi[1] / -4.973440475859807 - 1.0).abs() < 3e-16); // Shi is odd
    /// assert!((chi[1] / 4.96039209476561 - 1.0).abs() < 3e-16); // Chi(|x|)
    /// assert!((shi[2] / 6.302514553020447e+307 - 1.0).abs() < 1e-15); // SciPy 1.17: inf
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn shichi(&self) -> Result<(Array<T>, Array<T>)> {
        Ok((self.shi()?, self.chi()?))
    }

    /// The hyperbolic sine integral `Shi(x) = ∫₀^x sinh t/t dt` alone (SciPy's
    /// `special.shichi(x)[0]`), in one kernel; see [`shichi`](Array::shichi).
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![1e-8f64, 10.0], [2])?;
    /// let shi = x.shi()?.to_vec()?;
    /// assert_eq!(shi[0], 1e-8);
    /// assert!((shi[1] / 1246.1144901994233 - 1.0).abs() < 3e-16);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn shi(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::Shi)
    }

    /// The hyperbolic cosine integral `Chi(x) = γ + ln|x| + ∫₀^|x| (cosh t − 1)/t dt`
    /// alone (SciPy's `special.shichi(x)[1]`), in one kernel; see
    /// [`shichi`](Array::shichi).
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![0.5238225713898644f64, 10.0], [2])?;
    /// let chi = x.chi()?.to_vec()?;
    /// assert!(chi[0].abs() < 1e-15); // next to Chi's root
    /// assert!((chi[1] / 1246.1144860424544 - 1.0).abs() < 3e-16);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn chi(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::Chi)
    }
}
