//! SciPy's `ellipk` and `ellipkm1`, the complete elliptic integral of the first kind, and
//! `ellipe`, the complete elliptic integral of the second kind.
//! `ellipkm1` is one kernel on every backend (`UnaryOp::EllipKm1`:
//! `src/backend/cpu/special.rs`, `shaders/special_math.wgsl`, `kernels/common.cuh`):
//! `K(1 − p) = π/(2·AGM(1, √p))`, the arithmetic–geometric mean run until its two terms
//! agree to 1e-9 (f32: 1e-4), after which, the convergence being quadratic, it is exact
//! to the last bit; 13 steps at most for p from 1e-300 to 1e300. Near m = 1, where K has
//! its logarithmic singularity, `ellipkm1` takes p = 1 − m itself, so nothing is lost to
//! forming 1 − m.
//!
//! `ellipe` is one kernel on every backend too (`UnaryOp::EllipE`, the same files):
//! Cephes' polynomials `P(p) − p·ln p·Q(p)` in p = 1 − m (SciPy's method, both terms
//! positive), and `E(m) = √p·E(1 − 1/p)` below m = 0 with 1/p passed on as it is.

use crate::array::Array;
use crate::backend::UnaryOp;
use crate::dtype::Float;
use crate::error::Result;

impl<T: Float> Array<T> {
    /// The complete elliptic integral of the first kind `K(m) = ∫₀^{π/2} dθ/√(1 − m sin²θ)`
    /// (SciPy's `special.ellipk`, parameter m = k²): [`ellipkm1`](Array::ellipkm1) of
    /// `1 − m` (one rounding, exact for m ≥ ½). `+∞` at m = 1, NaN above, 0 at −∞.
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let m = gpu::Array::from_vec(vec![0.0f64, 0.5, -1e10, 1.0], [4])?;
    /// let k = m.ellipk()?.to_vec()?;
    /// assert!((k[0] - std::f64::consts::FRAC_PI_2).abs() < 3e-16);
    /// assert!((k[1] / 1.8540746773013719 - 1.0).abs() < 5e-16);
    /// assert!((k[2] / 0.00012899219825792638 - 1.0).abs() < 5e-16);
    /// assert_eq!(k[3], f64::INFINITY);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn ellipk(&self) -> Result<Array<T>> {
        self.neg()?.add_scalar(T::ONE)?.ellipkm1()
    }

    /// `K(1 − p)`, the complete elliptic integral of the first kind at parameter
    /// `m = 1 − p` (SciPy's `special.ellipkm1`), for p near 0 where `1 − p` would round:
    /// `π/(2·AGM(1, √p))` in one kernel (see the module notes). `+∞` at p = 0, NaN below
    /// 0, 0 at +∞.
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let p = gpu::Array::from_vec(vec![1e-300f64, 1.0, 0.0], [3])?;
    /// let k = p.ellipkm1()?.to_vec()?;
    /// assert!((k[0] / 346.77405831022674 - 1.0).abs() < 5e-16); // K(1 − 1e-300)
    /// assert!((k[1] - std::f64::consts::FRAC_PI_2).abs() < 3e-16);
    /// assert_eq!(k[2], f64::INFINITY);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn ellipkm1(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::EllipKm1)
    }

    /// The complete elliptic integral of the second kind `E(m) = ∫₀^{π/2} √(1 − m sin²θ) dθ`
    /// (SciPy's `special.ellipe`, parameter m = k²), in one kernel (see the module notes):
    /// the arc length of an ellipse with semi-axes a ≥ b is `4a·E(1 − b²/a²)`. 1 at m = 1,
    /// `π/2` at 0, `+∞` at −∞, NaN above 1.
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let m = gpu::Array::from_vec(vec![0.0f64, 0.5, -1e10, 1.0, 0.999999], [5])?;
    /// let e = m.ellipe()?.to_vec()?;
    /// assert!((e[0] - std::f64::consts::FRAC_PI_2).abs() < 3e-16);
    /// assert!((e[1] / 1.3506438810476755 - 1.0).abs() < 5e-16);
    /// assert!((e[2] / 100000.0000669961 - 1.0).abs() < 5e-16);
    /// assert_eq!(e[3], 1.0);
    /// assert!((e[4] / 1.000003897026172 - 1.0).abs() < 5e-16);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn ellipe(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::EllipE)
    }
}
