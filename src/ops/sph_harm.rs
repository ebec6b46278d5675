//! Spherical harmonics: SciPy's `sph_legendre_p(n, m, theta)`, the normalised associated
//! Legendre function `P̄_n^m(θ) = √((2n + 1)/(4π)·(n − m)!/(n + m)!)·P_n^m(cos θ)`, in one
//! kernel on every backend (`TernaryOp::SphLegendreP`: `src/backend/cpu/legendre.rs`,
//! `shaders/legendre_math.wgsl`, `kernels/common.cuh`), and from it SciPy's
//! `sph_harm_y(n, m, theta, phi) = P̄_n^m(θ)·e^(imφ)` and CuPy's
//! `sph_harm(m, n, theta, phi)` (SciPy's before 1.17, azimuth first) as `(re, im)` pairs.
//!
//! SciPy climbs from `P̄_k^k` (k = |m|) by the three-term recurrence in the degree with
//! square-root coefficients, in x = cos θ. That has three faults, each of which we
//! measured (Python prototype against mpmath, SciPy 1.17): the start `sinᵏθ` underflows
//! before the value does (`sph_legendre_p(1000, 600, 0.3)` is NaN there), x's own rounding
//! near the poles is of the size of 1 − x, where the value depends on 1 − x alone
//! (hundreds of ulps at degree 100, growing as n²), and near the equator `sinᵏθ` from a
//! rounded sin θ is `k·ε` off where the value hardly depends on θ (206 ulps at
//! n = m = 546, θ = π/2 + 0.0004). Here, with k = |m|:
//! - `P̄_n^m = ±√((2n + 1)/(4π))·G·u_n` with `G = sinᵏθ·√((n + k)!/(n − k)!)/(2ᵏ·k!)`, the
//!   ratio of `P_n^k(x)` to its value at x = 1 taken out, and `u_n` that ratio, |u_n| ≤ 1.
//!   `G²` is a product of k factors `(n + i)(n + 1 − i)/(4i²)` (with sin²θ in each near the
//!   poles), kept in range by powers of 2 (2⁵⁰⁰; f32 2⁶⁰); near the equator (|x| < ½)
//!   `sinᵏθ = e^(k/2·ln_1p(−x²))` instead, split as `2^E·e^f`.
//! - `u_j = α x u_(j−1) − β u_(j−2)` from u_k = 1, `α = (2j − 1)/(j + k)`,
//!   `β = (j − 1 − k)/(j + k)`: rational coefficients (no square roots), and since α − β = 1,
//!   near the poles (|x| ≥ ½) the differences `d_j = u_j − u_(j−1) = β d_(j−1) − α t u_(j−1)`
//!   run in `t = 1 − |x| = sin²θ/(1 + |x|)`, formed from sin θ to a few ulps, so neither x's
//!   rounding nor the cancellation in `x·u` near 1 enters (Reinsch's modification).
//! - `P_n^m(−x) = (−1)^(n+m) P_n^m(x)`: the recurrence runs at |x|.
//!
//! Conventions, as SciPy's: NaN for θ infinite or a NaN; 0 for n < 0 or |m| > n (`sph_harm`
//! returns NaN there, as CuPy's and SciPy's old one); `P̄` depends on θ through cos θ only
//! (`P̄(−θ) = P̄(θ)`). Past SciPy: n and m are floats here, NaN unless integers, and NaN for
//! n > 2¹⁸ (one recurrence step per unit of degree).

use crate::array::Array;
use crate::backend::TernaryOp;
use crate::dtype::Float;
use crate::error::Result;
use crate::ops::elementwise::{ternary, where_};
use crate::ops::{resolve_on, AsArray};

impl<T: Float> Array<T> {
    /// The spherical Legendre function `P̄_n^m(θ) = √((2n + 1)/(4π)·(n − m)!/(n + m)!)·
    /// P_n^m(cos θ)` with `self` as the degree n, `m` the order and `theta` the polar angle
    /// (SciPy's `special.sph_legendre_p(n, m, theta)`; the spherical harmonic
    /// `Y_n^m(θ, 0)`), broadcast together, in one kernel, with the Condon–Shortley phase.
    /// `m` and `theta` may be host data. The module notes of `src/ops/sph_harm.rs`
    /// describe the method.
    ///
    /// Accuracy, against mpmath at 600 points (`tests/data/sph_legendre_mpmath.txt`, n to
    /// 5,000), in ulps per unit of `max(1, κ)`, κ the condition number in θ: within 5.9 on the CPU and lavapipe f64, 7.2 on lavapipe f32 (the CPU rounds its
    /// f64 value), tested within 16; SciPy 1.17 on the same 525 f64 rows (the others
    /// underflow): beyond 6 at 59, NaN at 40 and 0 for two nonzero values.
    ///
    /// Conventions: NaN for n or m not an integer, θ infinite, n > 2¹⁸ or a NaN; 0 for
    /// n < 0 or |m| > n (as SciPy).
    ///
    /// # Errors
    /// [`Error::BroadcastMismatch`](crate::Error::BroadcastMismatch),
    /// [`Error::DeviceMismatch`](crate::Error::DeviceMismatch),
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let n = gpu::Array::from_vec(vec![1.0f64, 3.0, 1000.0, 2.0], [4])?;
    /// let m = [1.0f64, -2.0, 600.0, 3.0];
    /// let theta = [0.5f64, 2.5, 0.3, 0.1];
    /// let p = n.sph_legendre_p(&m, &theta)?.to_vec()?;
    /// let y11 = -(3.0 / (8.0 * std::f64::consts::PI)).sqrt() * 0.5f64.sin();
    /// assert!((p[0] / y11 - 1.0).abs() < 1e-15);
    /// assert!((p[1] / -0.29325335001811164 - 1.0).abs() < 1e-15); // mpmath
    /// assert!((p[2] / 2.427798490930503e-134 - 1.0).abs() < 1e-12); // SciPy 1.17: NaN
    /// assert_eq!(p[3], 0.0); // |m| > n
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn sph_legendre_p(&self, m: impl AsArray<T>, theta: impl AsArray<T>) -> Result<Array<T>> {
        ternary(TernaryOp::SphLegendreP, self, m, theta)
    }

    /// The spherical harmonic `Y_n^m(θ, φ) = P̄_n^m(θ)·e^(imφ)` as `(re, im)`, with `self`
    /// as the degree n, `theta` the polar angle and `phi` the azimuth (SciPy's
    /// `special.sph_harm_y(n, m, theta, phi)`), all four broadcast together: one
    /// [`sph_legendre_p`](Array::sph_legendre_p) kernel and `cos(mφ)`, `sin(mφ)` on the
    /// device. `m`, `theta` and `phi` may be host data.
    ///
    /// # Errors
    /// As [`sph_legendre_p`](Array::sph_legendre_p).
    ///
    /// ```
    /// let n = gpu::Array::from_vec(vec![3.0f64, 3.0], [2])?;
    /// let (re, im) = n.sph_harm_y(&[2.0f64, -2.0][..], &[0.5f64][..], &[0.7f64][..])?;
    /// let (re, im) = (re.to_vec()?, im.to_vec()?);
    /// // SciPy 1.17: 0.035038056833036506 ± 0.20314657913442621j
    /// assert!((re[0] / 0.035038056833036506 - 1.0).abs() < 1e-14 && re[1] == re[0]);
    /// assert!((im[0] / 0.20314657913442621 - 1.0).abs() < 1e-14 && im[1] == -im[0]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn sph_harm_y(
        &self,
        m: impl AsArray<T>,
        theta: impl AsArray<T>,
        phi: impl AsArray<T>,
    ) -> Result<(Array<T>, Array<T>)> {
        let dev = self.device();
        let (m, phi) = (resolve_on("sph_harm_y", &m, dev)?, resolve_on("sph_harm_y", &phi, dev)?);
        let p = self.sph_legendre_p(&*m, theta)?;
        let angle = m.mul(&phi)?;
        Ok((p.mul(&angle.cos()?)?, p.mul(&angle.sin()?)?))
    }

    /// CuPy's `cupyx.scipy.special.sph_harm(m, n, theta, phi)` (SciPy's before 1.17), with
    /// `self` as the order m, `n` the degree, `theta` the azimuth and `phi` the polar angle,
    /// as `(re, im)`: [`sph_harm_y`](Array::sph_harm_y)`(n, m, phi, theta)`, but NaN for
    /// n < 0 or |m| > n, as CuPy's.
    ///
    /// # Errors
    /// As [`sph_legendre_p`](Array::sph_legendre_p).
    ///
    /// ```
    /// let m = gpu::Array::from_vec(vec![2.0f64, 4.0], [2])?;
    /// let (re, im) = m.sph_harm(&[3.0f64][..], &[0.7f64][..], &[0.5f64][..])?;
    /// let (re, im) = (re.to_vec()?, im.to_vec()?);
    /// assert!((re[0] / 0.035038056833036506 - 1.0).abs() < 1e-14);
    /// assert!((im[0] / 0.20314657913442621 - 1.0).abs() < 1e-14);
    /// assert!(re[1].is_nan() && im[1].is_nan()); // |m| > n
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn sph_harm(
        &self,
        n: impl AsArray<T>,
        theta: impl AsArray<T>,
        phi: impl AsArray<T>,
    ) -> Result<(Array<T>, Array<T>)> {
        let dev = self.device();
        let n = resolve_on("sph_harm", &n, dev)?;
        let (re, im) = n.sph_harm_y(self, phi, theta)?;
        // NaN where |m| > n (n < 0 included: |m| ≥ 0 > n).
        let outside = self.abs()?.gt(&n)?;
        let nan = [T::NAN];
        Ok((where_(&outside, &nan[..], &re)?, where_(&outside, &nan[..], &im)?))
    }
}
