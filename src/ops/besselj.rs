//! SciPy's Bessel functions of the first and second kinds of orders 0 and 1, `j0`, `j1`,
//! `y0`, `y1`, one kernel each on every backend (`UnaryOp::J0`, `J1`, `Y0`, `Y1`), and
//! `yn`, Y of any integer order by recurrence from Y0 and Y1 (`BinaryOp::Yn`), and the
//! spherical `spherical_yn` (`BinaryOp::SphericalYn`, `SphericalYnD`): the
//! CPU backend calls the `libm` crate's (FreeBSD msun's `e_j0.c`/`e_j1.c`, in f64),
//! and `shaders/besselj_math.wgsl` and `kernels/common.cuh` are the same method with
//! the same coefficients (CUDA's own `j0`… are documented only to absolute errors).
//!
//! - x < 2: J0 = `1 − x²/4 + x⁴·R/S`, J1 = `x·(½ + x²·R/S)` with rational R/S in x²;
//!   Y0 = `U/V + (2/π)·J0(x)·ln x`, Y1 = `x·U/V + (2/π)·(J1(x)·ln x − 1/x)`.
//! - x ≥ 2: the asymptotic form `√(2/(πx))·(P(x)·cos χ − Q(x)·sin χ)` (Y: `P·sin χ +
//!   Q·cos χ`), χ = x − π/4 (order 0) or x − 3π/4 (order 1), with P and Q rational in
//!   1/x², fitted on four ranges of x. cos χ and sin χ are `(cos x ± sin x)/√2`, sin x
//!   and cos x reduced exactly (Payne–Hanek on wgpu: f64 past 1.5e6, f32 past 8192), the one whose two terms
//!   cancel computed as `−cos 2x` over the other. SciPy (Cephes) forms `x − π/4` in
//!   f64, which costs its large arguments their low digits: `j0(1e6)` is 6.6e-11
//!   relatively off in SciPy 1.17, 0.7 ulp here.
//!
//! Between the zeros every function keeps a few ulps; at a zero the answer is as
//! sensitive to the rounding of x as its condition number `|x·f′(x)/f(x)|` says, and
//! the error grows with it (tests/special.rs counts ulps per unit of it).

use crate::array::Array;
use crate::backend::{BinaryOp, UnaryOp};
use crate::dtype::Float;
use crate::error::Result;
use crate::ops::elementwise::{binary, Arg};

impl<T: Float> Array<T> {
    /// The Bessel function of the first kind of order 0, `J0(x)` (SciPy's
    /// `special.j0`, `cupyx.scipy.special.j0`), in one kernel; see the module notes for
    /// the method. Even; 1 at 0, 0 at ±∞.
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![1.0f64, -10.0, 1e6, 0.0], [4])?;
    /// let j = x.j0()?.to_vec()?;
    /// assert!((j[0] / 0.7651976865579666 - 1.0).abs() < 5e-16);
    /// assert!((j[1] / -0.24593576445134835 - 1.0).abs() < 5e-16);
    /// assert!((j[2] / 0.00033104301373987376 - 1.0).abs() < 1e-15); // SciPy 1.17: …013761
    /// assert_eq!(j[3], 1.0);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn j0(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::J0)
    }

    /// The Bessel function of the first kind of order 1, `J1(x)` (SciPy's
    /// `special.j1`, `cupyx.scipy.special.j1`), in one kernel. Odd; 0 at 0 and ±∞.
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![1.0f32, -10.0, 1e-3], [3])?;
    /// let j = x.j1()?.to_vec()?;
    /// assert!((j[0] / 0.4400505857449335 - 1.0).abs() < 5e-7);
    /// assert!((j[1] / -0.04347274616886144 - 1.0).abs() < 5e-7);
    /// assert!((j[2] / 0.0004999999375000026 - 1.0).abs() < 5e-7);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn j1(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::J1)
    }

    /// The Bessel function of the second kind of order 0, `Y0(x)` (SciPy's
    /// `special.y0`, `cupyx.scipy.special.y0`), in one kernel. NaN for x < 0, −∞ at 0,
    /// 0 at +∞.
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![1.0f64, 1e-3, 0.0, -1.0], [4])?;
    /// let y = x.y0()?.to_vec()?;
    /// assert!((y[0] / 0.08825696421567696 - 1.0).abs() < 5e-16);
    /// assert!((y[1] / -4.471416611375923 - 1.0).abs() < 5e-16);
    /// assert_eq!(y[2], f64::NEG_INFINITY);
    /// assert!(y[3].is_nan());
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn y0(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::Y0)
    }

    /// The Bessel function of the second kind of order 1, `Y1(x)` (SciPy's
    /// `special.y1`, `cupyx.scipy.special.y1`), in one kernel. NaN for x < 0, −∞ at 0,
    /// 0 at +∞.
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![1.0f64, 10.0, 1e-3], [3])?;
    /// let y = x.y1()?.to_vec()?;
    /// assert!((y[0] / -0.7812128213002887 - 1.0).abs() < 5e-16);
    /// assert!((y[1] / 0.24901542420695388 - 1.0).abs() < 5e-16);
    /// assert!((y[2] / -636.6221672311394 - 1.0).abs() < 5e-16);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn y1(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::Y1)
    }

    /// The Bessel function of the second kind of integer order, `Y_n(x)` (SciPy's
    /// `special.yn(n, x)`, `cupyx.scipy.special.yn`), with `self` as n and `x` broadcast
    /// against it, in one kernel. n is truncated toward zero (SciPy's float signature),
    /// and `Y_−n = (−1)^n·Y_n`.
    ///
    /// Method: the forward recurrence `Y_(k+1) = k·(2/x)·Y_k − Y_(k−1)` from
    /// [`y0`](Array::y0) and [`y1`](Array::y1), as SciPy's, which is stable for Y. It runs
    /// `|n| − 1` steps, or fewer where Y overflows to −∞ on the way (past x ≈ 2n/e), so an
    /// element costs up to `|n|` multiply-adds: keep n to the orders you need, as a GPU
    /// lane with n in the millions holds its whole dispatch. Against mpmath (n to 2,918, x
    /// to 1e15) it stays within 1.6 ulp per unit of the condition number `max(1,
    /// |x·Y_n′/Y_n|)`, as Y0 and Y1 do; SciPy runs the same recurrence from Cephes' Y0
    /// and Y1, 17 on the same points, and loses the low digits of large x (`yn(3, 1e6)`
    /// is 5.5e-11 relatively off in SciPy 1.17; within an ulp here).
    ///
    /// Conventions, as SciPy's: NaN for x < 0 and NaN; `−∞` at x = ±0 (`+∞` for odd
    /// negative n, the limit from above). Differing: NaN for |n| ≥ 2³¹, an order no
    /// recurrence reaches in reasonable time (SciPy runs it); 0 at x = +∞, the limit
    /// (SciPy: NaN). On wgpu the recurrence stops at order 420,096: past it, where Y has
    /// not overflowed (x beyond about n), the answer is NaN. That keeps the kernel within
    /// lavapipe's budget of 65,535 loop iterations per invocation (of one element here),
    /// whose cutting a loop short spoils neighbouring elements too.
    ///
    /// # Errors
    /// [`Error::BroadcastMismatch`](crate::Error::BroadcastMismatch),
    /// [`Error::DeviceMismatch`](crate::Error::DeviceMismatch),
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let n = gpu::Array::from_vec(vec![2.0f64, 5.0, -3.0, 30.0, 3.0, 100.0], [6])?;
    /// let x = gpu::Array::from_vec(vec![1.0f64, 10.0, 2.5, 10.0, 1e6, 150.0], [6])?;
    /// let y = n.yn(&x)?.to_vec()?;
    /// let want = [-1.6506826068162543, 0.13540304768936232, 0.756055496753671,
    ///             -7256142316.10033, 0.00033104628059561726, 0.07387607124501987];
    /// for (got, want) in y.iter().zip(want) {
    ///     assert!((got / want - 1.0).abs() < 1e-14, "{got} vs {want}");
    /// }
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn yn(&self, x: &Array<T>) -> Result<Array<T>> {
        binary(BinaryOp::Yn, Arg::Array(self), Arg::Array(x))
    }

    /// The spherical Bessel function of the second kind `y_n(x) = (π/(2x))^½·Y_(n+½)(x)`,
    /// or with `derivative` its derivative `y_n′(x)` (SciPy's
    /// `special.spherical_yn(n, x, derivative)`, `cupyx.scipy.special.spherical_yn`), with
    /// `self` as n and `x` broadcast against it, in one kernel. n is truncated toward zero.
    ///
    /// Method, as SciPy's: `y_0 = −cos x/x`, `y_1 = (y_0 − sin x)/x` (sin and cos
    /// reduced exactly), the forward recurrence `y_(k+1) = (2k + 1)/x·y_k − y_(k−1)`,
    /// stable for y, and `y_n′ = y_(n−1) − (n + 1)/x·y_n` (`−y_1` for n = 0);
    /// `y_n(−x) = (−1)^(n+1)·y_n(x)`. Its cost and its limit on wgpu are
    /// [`yn`](Array::yn)'s (orders to 420,096 where y has not overflowed).
    ///
    /// Conventions, as SciPy's: NaN for n < 0 and NaN; `−∞` at x = ±0; 0 at ±∞.
    /// Differing: the derivative is `+∞` at ±0 and where y overflows (the limit; SciPy
    /// forms `∞ − ∞` there from n = 1 and gives NaN); NaN for n ≥ 2³¹.
    ///
    /// # Errors
    /// [`Error::BroadcastMismatch`](crate::Error::BroadcastMismatch),
    /// [`Error::DeviceMismatch`](crate::Error::DeviceMismatch),
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let n = gpu::Array::from_vec(vec![0.0f64, 3.0, 10.0, 2.0], [4])?;
    /// let x = gpu::Array::from_vec(vec![1.0f64, 2.5, 30.0, -1.5], [4])?;
    /// let y = n.spherical_yn(&x, false)?.to_vec()?;
    /// let d = n.spherical_yn(&x, true)?.to_vec()?;
    /// let want = [-0.5403023058681398, -0.7966031232532494, 0.031219591064754935, 1.345712693620451];
    /// let dwant = [1.3817732906760363, 0.8206604960015378, -0.014727526664063404, 1.994989973208109];
    /// for i in 0..4 {
    ///     assert!((y[i] / want[i] - 1.0).abs() < 1e-14, "{} vs {}", y[i], want[i]);
    ///     assert!((d[i] / dwant[i] - 1.0).abs() < 1e-14, "{} vs {}", d[i], dwant[i]);
    /// }
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn spherical_yn(&self, x: &Array<T>, derivative: bool) -> Result<Array<T>> {
        let op = if derivative { BinaryOp::SphericalYnD } else { BinaryOp::SphericalYn };
        binary(op, Arg::Array(self), Arg::Array(x))
    }
}
