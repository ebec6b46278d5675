//! SciPy's convenience functions `exp10`, `sindg`, `cosdg`, `tandg`, `cotdg` (one kernel
//! each on every backend: `UnaryOp::Exp10` and `UnaryOp::SinDg` to `CotDg`, in
//! `src/backend/cpu/convenience.rs`, `shaders/convenience_math.wgsl` and
//! `kernels/common.cuh`) and `radian`, composed.
//!
//! `10^x` is exact at the integers where 10^n is representable (|n| ≤ 22; f32 10): 10^n
//! by squaring, whose partial products are powers of ten below 10^22 and so exact, and
//! 10^−n = 1/10^n, correctly rounded. Elsewhere `e^(x·ln 10)` with the exponent carried
//! in two parts, which costs no more than `exp` and is within an ulp or so of 10^x.
//!
//! The trigonometric functions of degrees reduce |x| modulo 360 exactly, for every
//! finite x: the platform's `fmod` on the CPU and CUDA; in WGSL, which has none,
//! `x − 360·⌊x/360⌋` below 2^55 (f32: 2^26), where it is exact, and above, where x is a
//! multiple of 8, by `2^12 ≡ 1 (mod 45)`: x/8 sheds factors 2^12 while they leave it an
//! integer, then its high and low 12 bits are added and the sum reduced mod 45. The
//! quadrant `q = round(r/90)` and `t = r − 90q` in [−45, 45] follow exactly too, and
//! `t·π/180` is carried in two parts into sin and cos. So `sindg(180) = 0`,
//! `sindg(30) = ½` and `tandg(45) = 1` exactly, and `sindg(1e22)` is the sine of
//! `1e22 mod 360 = 280°` (Cephes, which SciPy and CuPy use, gives up past 1e14 and
//! returns 0). tan and cot are the ratio of sin and cos (tan near its poles is then
//! `−1/tan t` for small t, not the tangent of a rounded angle near 90°).

use crate::array::Array;
use crate::backend::UnaryOp;
use crate::dtype::Float;
use crate::error::Result;

impl<T: Float> Array<T> {
    /// `10^x` (SciPy's `special.exp10`), in one kernel, exact at the integers where
    /// `10^x` is representable (|x| ≤ 22; f32: 10) and within an ulp or so elsewhere
    /// (see the module notes). `+∞` past the overflow, 0 at `−∞`, NaN at NaN.
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![2.0f64, -3.0, 22.0, 0.5, 400.0], [5])?;
    /// let y = x.exp10()?.to_vec()?;
    /// assert_eq!((y[0], y[1], y[2]), (100.0, 0.001, 1e22));
    /// assert!((y[3] / 3.1622776601683795 - 1.0).abs() < 3e-16);
    /// assert_eq!(y[4], f64::INFINITY);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn exp10(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::Exp10)
    }

    /// The sine of `self` in degrees (SciPy's `special.sindg`), in one kernel, with the
    /// angle reduced exactly for every finite x (see the module notes): 0 at the
    /// multiples of 180 and ½ at 30 exactly. NaN at `±∞` (SciPy: 0) and NaN.
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![30.0f64, 180.0, -90.0, 1e22, 1.2345e250], [5])?;
    /// let y = x.sindg()?.to_vec()?;
    /// assert_eq!((y[0], y[1], y[2]), (0.5, 0.0, -1.0));
    /// assert!((y[3] / -0.984807753012208 - 1.0).abs() < 3e-16); // 1e22 ≡ 280 (mod 360)
    /// assert!((y[4] / 0.984807753012208 - 1.0).abs() < 3e-16); // ≡ 80: SciPy gives 0
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn sindg(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::SinDg)
    }

    /// The cosine of `self` in degrees (SciPy's `special.cosdg`), in one kernel, with
    /// the angle reduced exactly (see [`sindg`](Array::sindg)): 0 at 90 + 180k. NaN at
    /// `±∞` (SciPy: 0) and NaN.
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![60.0f64, 90.0, -180.0], [3])?;
    /// assert_eq!(x.cosdg()?.to_vec()?, vec![0.5, 0.0, -1.0]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn cosdg(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::CosDg)
    }

    /// The tangent of `self` in degrees (SciPy's `special.tandg`), in one kernel: ±1 at
    /// 45 + 90k exactly, `+∞` at the poles 90 + 180k (SciPy's convention, whatever the
    /// sign), NaN at `±∞` (SciPy: 0) and NaN.
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![45.0f64, -135.0, 90.0, 89.999999], [4])?;
    /// let y = x.tandg()?.to_vec()?;
    /// assert_eq!((y[0], y[1], y[2]), (1.0, 1.0, f64::INFINITY));
    /// assert!((y[3] / 57295779.65774025 - 1.0).abs() < 3e-16); // SciPy: 2.7e-9 off
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn tandg(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::TanDg)
    }

    /// The cotangent of `self` in degrees (SciPy's `special.cotdg`), in one kernel: ±1
    /// at 45 + 90k exactly, `+∞` at the poles 180k, NaN at `±∞` (SciPy: 0) and NaN.
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![45.0f64, 0.0, 90.0], [3])?;
    /// assert_eq!(x.cotdg()?.to_vec()?, vec![1.0, f64::INFINITY, 0.0]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn cotdg(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::CotDg)
    }

    /// An angle of `self` degrees, `m` minutes and `s` seconds in radians (SciPy's
    /// `special.radian(d, m, s)`), broadcast together: `((d·60 + m)·60 + s)·π/648000`,
    /// as Cephes (four kernels).
    ///
    /// # Errors
    /// [`Error::BroadcastMismatch`](crate::Error::BroadcastMismatch),
    /// [`Error::DeviceMismatch`](crate::Error::DeviceMismatch),
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let d = gpu::Array::from_vec(vec![1.0f64, 90.0], [2])?;
    /// let m = gpu::Array::from_vec(vec![30.0f64], [1])?;
    /// let s = gpu::Array::from_vec(vec![36.0f64, 0.0], [2])?;
    /// let r = d.radian(&m, &s)?.to_vec()?;
    /// assert!((r[0] / 0.026354471705114377 - 1.0).abs() < 3e-16); // 1.51°
    /// assert!((r[1] / 1.5795229730548683 - 1.0).abs() < 3e-16); // 90.5°
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn radian(&self, m: &Array<T>, s: &Array<T>) -> Result<Array<T>> {
        let sixty = T::from_f64(60.0);
        let arcsec = self.mul_scalar(sixty)?.add(m)?.mul_scalar(sixty)?.add(s)?;
        arcsec.mul_scalar(T::from_f64(std::f64::consts::PI / 648000.0))
    }
}
