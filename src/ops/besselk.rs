//! SciPy's modified Bessel functions of the second kind `k0`, `k1` and their scaled
//! forms `k0e = e^x·K0`, `k1e = e^x·K1`, one kernel each on every backend
//! (`UnaryOp::K0`, `K0e`, `K1`, `K1e`: `src/backend/cpu/besselk.rs`,
//! `shaders/besselk_math.wgsl`, `kernels/common.cuh`; CUDA's library has none of them).
//!
//! - x ≤ 1: the power series in t = x²/4 (DLMF 10.31.1–2, with ψ(k + 1) = H_k − γ):
//!   `K0(x) = −(ln(x/2) + γ)·I0(x) + Σ H_k·t^k/k!²` and
//!   `K1(x) = 1/x + (ln(x/2) + γ)·I1(x) − (x/4)·Σ (H_k + H_(k+1))·t^k/(k!(k + 1)!)`,
//!   eleven terms each. Below x = 2e^−γ = 1.12 both of K0's terms are positive (Cephes,
//!   which SciPy uses, writes `−ln(x/2)·I0(x)` plus a series that changes sign, and
//!   loses two bits between them); `ln(x/2) + γ` is `ln x` less `ln 2 − γ` held in two
//!   parts.
//! - x > 1: `e^−x/√x` times a Chebyshev series for `e^x·√x·K(x)` in `4/x − 2` (35 terms,
//!   fitted by mpmath: `scripts/besselk-coefficients.py`); `e^−x` in two halves past
//!   x = 700, so that K keeps its digits into the subnormals. `k0e` and `k1e` are the
//!   series over `√x` alone, finite for every x > 0.

use crate::array::Array;
use crate::backend::UnaryOp;
use crate::dtype::Float;
use crate::error::Result;

impl<T: Float> Array<T> {
    /// The modified Bessel function of the second kind of order 0, `K0(x)` (SciPy's
    /// `special.k0`, `cupyx.scipy.special.k0`), in one kernel; see the module notes for
    /// the method. NaN for x < 0, +∞ at 0, 0 at +∞ (it underflows past x ≈ 745).
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![1.0f64, 0.1, 700.0, 0.0], [4])?;
    /// let k = x.k0()?.to_vec()?;
    /// assert!((k[0] / 0.42102443824070834 - 1.0).abs() < 5e-16); // SciPy 1.17: …823
    /// assert!((k[1] / 2.4270690247020164 - 1.0).abs() < 5e-16);
    /// assert!((k[2] / 4.669776431685377e-306 - 1.0).abs() < 5e-16);
    /// assert_eq!(k[3], f64::INFINITY);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn k0(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::K0)
    }

    /// `e^x·K0(x)` (SciPy's `special.k0e`, `cupyx.scipy.special.k0e`), in one kernel:
    /// finite where K0 underflows. NaN for x < 0, +∞ at 0, 0 at +∞.
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![1.0f32, 50.0, 1e6], [3])?;
    /// let k = x.k0e()?.to_vec()?;
    /// assert!((k[0] / 1.144463079806895 - 1.0).abs() < 5e-7);
    /// assert!((k[1] / 0.17680715585742934 - 1.0).abs() < 5e-7);
    /// assert!((k[2] / 0.0012533139806513213 - 1.0).abs() < 5e-7); // ≈ √(π/2x)·(1 − 1/8x)
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn k0e(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::K0e)
    }

    /// The modified Bessel function of the second kind of order 1, `K1(x)` (SciPy's
    /// `special.k1`, `cupyx.scipy.special.k1`), in one kernel; see the module notes for
    /// the method. NaN for x < 0, +∞ at 0 (and below x ≈ 1/f64::MAX, where 1/x
    /// overflows), 0 at +∞.
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![1.0f64, 2.0, 1e-10, 0.0], [4])?;
    /// let k = x.k1()?.to_vec()?;
    /// assert!((k[0] / 0.6019072301972346 - 1.0).abs() < 5e-16);
    /// assert!((k[1] / 0.13986588181652243 - 1.0).abs() < 5e-16); // SciPy 1.17: …246
    /// assert_eq!(k[2], 1e10); // ≈ 1/x
    /// assert_eq!(k[3], f64::INFINITY);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn k1(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::K1)
    }

    /// `e^x·K1(x)` (SciPy's `special.k1e`, `cupyx.scipy.special.k1e`), in one kernel:
    /// finite where K1 underflows. NaN for x < 0, +∞ at 0, 0 at +∞.
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![1.0f64, 720.0], [2])?;
    /// let k = x.k1e()?.to_vec()?;
    /// assert!((k[0] / 1.6361534862632583 - 1.0).abs() < 5e-16);
    /// assert!((k[1] / 0.046732576809588595 - 1.0).abs() < 5e-16); // K1(720) = 9.5e-315
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn k1e(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::K1e)
    }
}
