//! SciPy's Hurwitz `zeta` (one kernel on every backend, `BinaryOp::Zeta`:
//! `src/backend/cpu/zeta.rs`, `shaders/zeta_math.wgsl`, `kernels/common.cuh`),
//! `polygamma`, composed from it, Γ and ψ, and the Riemann ζ(x) and `zetac` over the
//! whole real line (`UnaryOp::RiemannZeta`, `UnaryOp::Zetac`, in the same files).
//!
//! ζ(x, q) for q > 0 sums the first terms `(q + k)^−x` (compensated) until the rest is
//! below the sum's last bit or `w = q + k` reaches `7 + x/2`, then adds Euler–Maclaurin's
//! tail `w^(1−x)·(1/(x − 1) + 1/(2w) + Σ B₂ⱼ/(2j)!·(x)₂ⱼ₋₁/w^2j)` with twenty corrections
//! (the 21st is below 2^-56 of the first term from that w on; with Cephes' twelve, w
//! must be about twice as large, so twice as many terms summed). `q + k` is carried in
//! two parts (a rounded `q + k` alone would cost `x/2` ulp). The powers are the
//! platform's `pow` on the CPU (glibc's, within an ulp) and CUDA, times `e^(−x·l/h)` for
//! the low part; in WGSL, which has no accurate f64 `pow`, `e^(−x·ln(q + k))` with the
//! logarithm and the product in two parts, as good as `exp` at any size of exponent.
//! At most 64 terms are summed: they fall below the sum's last bit or `w` reaches the
//! tail well before. For q < 0 (x then an integer) the terms below 0 pair up:
//! `ζ(x, q) = ζ(x, r) + (−1)^x·(ζ(x, 1 − r) − ζ(x, m + 1 − r))` with `r = q + m` in
//! (0, 1), so the cost does not grow with |q| (SciPy's loop runs |q| times).
//!
//! The Riemann ζ(x) is ζ(x, 1) from 1 on and `ζ(x) − 1` is ζ(x, 2). On [−1, 1) both
//! come from `g(x) = (x − 1)·ζ(x)`, an entire function, as a Taylor polynomial at 0 of
//! degree 19 (from ζ's Stieltjes constants) divided by `x − 1`. Below −1, Riemann's
//! functional equation with Legendre's duplication formula for Γ(1 − x):
//! `ζ(x) = sin(πx/2)·ζ(1 − x)·[π^(x/2 − ¾)·Γ((1 − x)/2)]·[π^(x/2 − ¾)·Γ(1 − x/2)]`.
//! The sine is reduced exactly (0 at the even integers); `x/2 − ¾` and the Γ arguments
//! are exact sums of x's halves carried in two parts (`1 − x` itself is not exact,
//! and Γ near 170 would turn its rounding into hundreds of ulps: Cephes' reflection,
//! which SciPy uses, is 170 ulp off at −200.5); the power is `e^(exponent in two
//! parts)`; and the factors are multiplied in that order, so that no partial product
//! overflows where ζ does not (ζ overflows near −260; f32 near −70).

use crate::array::Array;
use crate::backend::{BinaryOp, UnaryOp};
use crate::dtype::Float;
use crate::error::Result;
use crate::ops::elementwise::{binary, where_, Arg};

impl<T: Float> Array<T> {
    /// The Hurwitz zeta function `ζ(x, q) = Σ_{k≥0} (q + k)^−x` (SciPy's
    /// `special.zeta(x, q)`) with `self` as x and `q` broadcast against it, in one
    /// kernel. The Riemann zeta function over the whole real line and `ζ(x) − 1` are
    /// [`riemann_zeta`](Array::riemann_zeta) and [`zetac`](Array::zetac) (from 1 on,
    /// `ζ(x, 1)` and `ζ(x, 2)`). See the module notes for the algorithm; on q < 0 its
    /// cost does not grow with |q|.
    ///
    /// Conventions, as SciPy's: `+∞` at x = 1 and where q is 0, a negative integer or
    /// −∞; NaN for x < 1 and where q < 0 and x is not an integer (the powers are not
    /// real); 0 for q = +∞; for x = +∞, `+∞` below q = 1, 1 at q = 1 and 0 above
    /// (SciPy gives NaN for q > 1).
    ///
    /// # Errors
    /// [`Error::BroadcastMismatch`](crate::Error::BroadcastMismatch),
    /// [`Error::DeviceMismatch`](crate::Error::DeviceMismatch),
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![2.0f64, 3.0, 1.5, 50.0], [4])?;
    /// let q = gpu::Array::from_vec(vec![1.0f64, -1.5, 1e10, 0.25], [4])?;
    /// let z = x.zeta(&q)?.to_vec()?;
    /// let pi = std::f64::consts::PI;
    /// assert!((z[0] / (pi * pi / 6.0) - 1.0).abs() < 3e-16); // ζ(2)
    /// // odd x, q < 0: terms of 8.4 (ζ(3, ½)) cancel to 0.118, so 1e-15 relative
    /// assert!((z[1] / 0.1181020258208637 - 1.0).abs() < 1e-14);
    /// assert!((z[2] / 2.00000000005e-05 - 1.0).abs() < 3e-16);
    /// assert!((z[3] / 1.2676506002282294e30 - 1.0).abs() < 3e-16); // 4^50 + …
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn zeta(&self, q: &Array<T>) -> Result<Array<T>> {
        binary(BinaryOp::Zeta, Arg::Array(self), Arg::Array(q))
    }

    /// The polygamma function `ψ⁽ⁿ⁾(x)`, the n-th derivative of ψ (SciPy's
    /// `special.polygamma(n, x)`), with `self` as n and `x` broadcast against it:
    /// [`digamma`](Array::digamma) for n = 0 and `(−1)^(n+1)·n!·ζ(n + 1, x)` above, the
    /// Hurwitz [`zeta`](Array::zeta) times Γ, so within an ulp or so of ζ's own error
    /// (n! is exact up to 22). NaN where n is not a non-negative integer or x is NaN;
    /// `±∞` at x = 0, −1, −2, … (n ≥ 1); past Γ's overflow (n ≥ 171; f32: n ≥ 35) the
    /// product is ±∞, or NaN where ζ underflows, as in SciPy.
    ///
    /// # Errors
    /// As [`zeta`](Array::zeta).
    ///
    /// ```
    /// let n = gpu::Array::from_vec(vec![1.0f64, 3.0, 2.0, 0.0], [4])?;
    /// let x = gpu::Array::from_vec(vec![0.5f64, -2.5, 10.0, 1.0], [4])?;
    /// let p = n.polygamma(&x)?.to_vec()?;
    /// let pi = std::f64::consts::PI;
    /// assert!((p[0] / (pi * pi / 2.0) - 1.0).abs() < 3e-16); // ψ'(½) = π²/2
    /// assert!((p[1] / 194.74787621918762 - 1.0).abs() < 1e-15);
    /// assert!((p[2] / -0.011049834970802067 - 1.0).abs() < 1e-15);
    /// assert!((p[3] + 0.5772156649015329).abs() < 1e-16); // ψ(1) = −γ
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn polygamma(&self, x: &Array<T>) -> Result<Array<T>> {
        let n = self;
        let n1 = n.add_scalar(T::ONE)?;
        // (−1)^(n+1): +1 for odd n, −1 for even.
        let sign = n.floor_rem_scalar(T::from_f64(2.0))?.mul_scalar(T::from_f64(2.0))?.sub_scalar(T::ONE)?;
        let higher = n1.gamma()?.mul(&n1.zeta(x)?)?.mul(&sign)?;
        let r = where_(&n.eq_scalar(T::from_f64(0.0))?, &x.digamma()?, &higher)?;
        let valid = n.isfinite()?.logical_and(&n.ge_scalar(T::from_f64(0.0))?)?.logical_and(&n.floor()?.eq(n)?)?;
        where_(&valid, &r, &n.constant(f64::NAN)?)
    }

    /// The Riemann zeta function `ζ(x)` over the whole real line (SciPy's
    /// `special.zeta(x)` with q omitted), in one kernel (see the module notes; from 1 on
    /// it is [`zeta`](Array::zeta) at q = 1). Within a few ulps per unit of the
    /// condition number `|x·ζ′(x)/ζ(x)|`, which reaches x·ln|x| for large negative x.
    ///
    /// Conventions, as SciPy's: `+∞` at 1, 1 at `+∞`, 0 at the even negative integers,
    /// `±∞` where ζ overflows below about −260 (f32: −70), NaN at `−∞` and NaN.
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![0.0f64, -1.0, 0.5, -7.5, 2.0, -200.5], [6])?;
    /// let z = x.riemann_zeta()?.to_vec()?;
    /// assert_eq!(z[0], -0.5);
    /// assert!((z[1] * -12.0 - 1.0).abs() < 4e-16); // ζ(−1) = −1/12
    /// assert!((z[2] / -1.4603545088095868 - 1.0).abs() < 4e-16);
    /// assert!((z[3] / 0.00326903957260022 - 1.0).abs() < 1e-15);
    /// assert!((z[4] / 1.6449340668482264 - 1.0).abs() < 4e-16); // π²/6
    /// assert!((z[5] / -2.320000663352899e215 - 1.0).abs() < 1e-14); // SciPy: 2e-14 off
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn riemann_zeta(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::RiemannZeta)
    }

    /// `ζ(x) − 1` (SciPy's `special.zetac`), in one kernel: from 1 on it is the Hurwitz
    /// [`zeta`](Array::zeta) at q = 2, without the cancellation (about `2^−x` for large
    /// x), and below 1 it is [`riemann_zeta`](Array::riemann_zeta) minus 1.
    ///
    /// Conventions, as SciPy's: `+∞` at 1, 0 at `+∞`, −1 at the even negative integers,
    /// NaN at `−∞` and NaN.
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![60.0f64, 2.0, 0.0, -2.0], [4])?;
    /// let z = x.zetac()?.to_vec()?;
    /// assert!((z[0] / 8.673617380119933e-19 - 1.0).abs() < 4e-16); // 2^−60 + 3^−60 + …
    /// assert!((z[1] / 0.6449340668482264 - 1.0).abs() < 4e-16); // π²/6 − 1
    /// assert_eq!((z[2], z[3]), (-1.5, -1.0));
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn zetac(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::Zetac)
    }
}
