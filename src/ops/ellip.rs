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
//!
//! `ellipj`, Jacobi's elliptic functions sn, cn, dn and the amplitude am, is four kernels,
//! one per function, on every backend (`BinaryOp::EllipjSn`, `EllipjCn`, `EllipjDn`,
//! `EllipjAm`: `src/backend/cpu/ellipj.rs`, `shaders/special_math.wgsl`,
//! `kernels/common.cuh`). SciPy's (Cephes') method is the descending Landen sequence, the
//! arithmetic–geometric mean `a, b` of 1 and `√(1 − m)` with `c² = a² − b²`, then
//! `φ = 2ⁿ·a·u` halved back through `φ ← (φ + asin((c/a)·sin φ))/2` to the amplitude.
//! This keeps the sequence and changes five things:
//! - c is `c²/4a` after the first step (from b near m = 1, from m near 0), so nothing
//!   cancels, and the sequence runs for every m below 1 (13 steps at most, from
//!   `1 − m = 2⁻¹⁰⁷⁴`; m = 1 is tanh, sech and the Gudermannian). Cephes subtracts, so it
//!   swaps in first-order formulas below m = 1e-9 and above 1 − 1e-10, and the one above
//!   is tanh's, which holds only within a quarter period: SciPy 1.17's
//!   `ellipj(30, 1 − 1e-11)` has cn = −13.36 where it is −0.2929, and `ellipj(50, 1 − 2⁻⁵²)`
//!   has sn = 1 where it is −1.0.
//! - u is reduced to `r = u − qK` with |r| ≤ K/2 (`a·u − qπ/2`, π/2 in three parts) and the
//!   shift by qK applied at the end (DLMF 22.4.3: by K, `cd`, `−k′·sd`, `k′·nd`), so that
//!   the zeros and small values of cn and dn are r's, with r's relative accuracy. Cephes'
//!   amplitude carries the rounding of `2ⁿ·a·u` and of every step at its full size, which
//!   near a zero of cn far out is many ulp of cn (without the reduction, this scheme was
//!   28 ulp per unit of κ off at `ellipj(2, −1e6)`).
//! - Within 1e-4 of m = 1, where the `asin` steps meet arguments within `√(1 − m)` of 1,
//!   r's functions come from the ascending Landen transformation (DLMF 22.7.4–6, 2 steps
//!   at most) and the first order in `1 − m` about tanh and sech (DLMF 22.10.8–10).
//! - `dn = √(1 − m + m·cn²)`, two terms that do not cancel, where Cephes divides `cos φ₀`
//!   by `cos(φ₁ − φ₀)` (SciPy 1.17's dn is 121 ulp per unit of κ off at
//!   `ellipj(23.5, 0.0131)`, 104 at `ellipj(43.8, 0.146)`).
//! - SciPy returns NaN outside [0, 1]; here m < 0 goes through the imaginary-modulus
//!   transformation to `−m/(1 − m)` (`1/(1 − m)` passed on as the complement, exact) and
//!   m > 1 through the reciprocal one to `1/m` (DLMF 22.17), where the amplitude is
//!   `atan2(sn, cn)`, within ±π/2.
//!
//! Against mpmath at 365 points (tests/data/ellipj_mpmath.txt: u from 1e-5 to 200, m
//! from −1e12 to 1e3, within 1e-16 of 0 and of 1, and at fractions of the quarter period
//! near m = 1) the four are within 2.7 ulp per unit of the condition number in both
//! arguments on the CPU and lavapipe (f64; 2.1 in f32 on lavapipe).

//! `ellipkinc` and `ellipeinc`, Legendre's incomplete integrals `F(φ | m)` and `E(φ | m)`,
//! are one kernel each on every backend (`BinaryOp::EllipKinc`, `EllipEinc`:
//! `src/backend/cpu/carlson.rs`, `shaders/special_math.wgsl`, `kernels/common.cuh`), through Carlson's symmetric integrals R_F and R_D
//! (duplication to `(3ε)^(−1/6)` and `(ε/4)^(−1/6)` of the arguments' spread, then the
//! fifth-order series; 13 steps at most), where Cephes (SciPy) uses Landen's
//! transformations: φ = nπ + r with |r| ≤ π/2 (π in three parts), the whole periods
//! `2n·K(m)` or `2n·E(m)` by `ellipkm1` and `ellipe`, and r's part with
//! `Δ² = cos²r + (1 − m)·sin²r` as `sin r·R_F(cos²r, Δ², 1)` (DLMF 19.25.5) and, for E,
//! the form whose terms share a sign: 19.25.9 below m = 0, 19.25.10 on [0, 1] (where
//! 19.25.9 subtracts two terms that both grow without bound as m → 1 and r → π/2), 19.25.11
//! above 1. SciPy returns NaN for every m > 1; here the integrals are given where they
//! are real, `|sin φ| ≤ 1/√m`.
//!
//! Carlson's integrals themselves are public as `elliprf`, `elliprd`, `elliprg` (one kernel
//! each, `TernaryOp::EllipRf`, `EllipRd`, `EllipRg`), `elliprj` (`QuaternaryOp::EllipRj`)
//! and `elliprc` (`BinaryOp::EllipRc`), SciPy's real-argument forms, in the same files;
//! `R_G` by DLMF 19.21.10 about the median argument, `R_C` as `R_F(x, y, y)` and, for
//! y < 0, Cauchy's principal value.
//!
//! `R_J` is Carlson's duplication (Carlson 1995) with the fifth-order series and, at each
//! step m, `6·4⁻ᵐ·R_C(1, 1 + eₘ)/dₘ`, `dₘ = (√p + √x)(√p + √y)(√p + √z)` of the step's
//! arguments. `eₘ = 4⁻³ᵐ·(p − x)(p − y)(p − z)/dₘ²` is formed as the product of the three
//! `4⁻ᵐ(p − x)/(√p + √x)²`, so the product of the differences cannot overflow, and
//! `1 + eₘ = 2√p(p + λ)/dₘ` (every term positive) is passed to `R_C` beside it: where p is
//! small against the others, e nears −1, and `R_C(1, 1 + e) = atanh(t)/t` (t = √−e) is
//! taken as `½·ln_1p(2t(1 + t)/(1 + e))/t`, not from `1 + e` formed by a sum that
//! cancels. For p < 0, Cauchy's principal value follows from Carlson's transformation
//! (DLMF 19.20.14, in Boost's form) with z the largest argument and q = −p:
//!
//! `(z + q)·R_J(x, y, z, −q) = 3√(xyz/(xy + p′q))·R_C(xy + p′q, p′q) − (z − x)(z − y)/(z + q)·R_J(x, y, z, p′) − 3R_F(x, y, z)`,
//!
//! `p′ = (x(z − y) + z(y + q))/(z + q)` written as a sum of non-negative terms.
//!
use crate::array::Array;
use crate::backend::{BinaryOp, QuaternaryOp, TernaryOp, UnaryOp};
use crate::dtype::Float;
use crate::error::Result;
use crate::ops::elementwise::{binary, quaternary, ternary, Arg};

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

    /// Jacobi's elliptic functions of `self` (u) at parameter `m = k²` broadcast against
    /// it: `(sn, cn, dn, am)`, with `sn = sin am`, `cn = cos am` and
    /// `dn = √(1 − m·sn²)` (SciPy's `special.ellipj(u, m)`), as four kernels; see the
    /// module notes for the method, and [`ellipj_sn`](Array::ellipj_sn) and its
    /// siblings for one of them alone. Defined for every finite m (SciPy's is NaN outside
    /// [0, 1]); NaN for an infinite or NaN argument.
    ///
    /// # Errors
    /// [`Error::BroadcastMismatch`](crate::Error::BroadcastMismatch),
    /// [`Error::DeviceMismatch`](crate::Error::DeviceMismatch),
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let u = gpu::Array::from_vec(vec![0.5f64, 30.0, 2.0], [3])?;
    /// let m = gpu::Array::from_vec(vec![0.3f64, 1.0 - 1e-11, -3.0], [3])?;
    /// let (sn, cn, dn, am) = u.ellipj(&m)?;
    /// let (sn, cn, dn, am) = (sn.to_vec()?, cn.to_vec()?, dn.to_vec()?, am.to_vec()?);
    /// let close = |a: f64, b: f64, tol: f64| (a / b - 1.0).abs() < tol;
    /// assert!(close(sn[0], 0.4742156227118206, 3e-16) && close(cn[0], 0.8804087364264624, 3e-16));
    /// assert!(close(dn[0], 0.9656789647459512, 3e-16) && close(am[0], 0.49407289371104723, 3e-16));
    /// // Past the first quarter period near m = 1 (SciPy 1.17: cn = −13.36, dn = 13.36).
    /// assert!(close(sn[1], -0.9561496508467177, 1e-13) && close(cn[1], -0.29287855023149084, 1e-13));
    /// assert!(close(dn[1], 0.2928785502470984, 1e-13) && close(am[1], 4.415152960403005, 1e-14));
    /// // m < 0 (SciPy: NaN).
    /// assert!(close(sn[2], 0.15776830681546974, 1e-14) && close(cn[2], -0.9874761573651183, 1e-15));
    /// # Ok::<(), gpu::Error>(())
    /// ```
    #[allow(clippy::type_complexity)]
    pub fn ellipj(&self, m: &Array<T>) -> Result<(Array<T>, Array<T>, Array<T>, Array<T>)> {
        Ok((self.ellipj_sn(m)?, self.ellipj_cn(m)?, self.ellipj_dn(m)?, self.ellipj_am(m)?))
    }

    /// Jacobi's `sn(u | m)` alone (SciPy's `special.ellipj(u, m)[0]`), in one kernel; see
    /// [`ellipj`](Array::ellipj). Odd in u, of period 4K(m); `sin u` at m = 0, `tanh u` at
    /// m = 1.
    ///
    /// # Errors
    /// As [`ellipj`](Array::ellipj).
    ///
    /// ```
    /// let u = gpu::Array::from_vec(vec![1.8540746773013719f64, 1.0], [2])?; // K(½), 1
    /// let m = gpu::Array::from_vec(vec![0.5f64, 1.0], [2])?;
    /// let sn = u.ellipj_sn(&m)?.to_vec()?;
    /// assert!((sn[0] - 1.0).abs() < 3e-16 && (sn[1] / 1f64.tanh() - 1.0).abs() < 3e-16);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn ellipj_sn(&self, m: &Array<T>) -> Result<Array<T>> {
        binary(BinaryOp::EllipjSn, Arg::Array(self), Arg::Array(m))
    }

    /// Jacobi's `cn(u | m)` alone (SciPy's `special.ellipj(u, m)[1]`), in one kernel; see
    /// [`ellipj`](Array::ellipj). Even in u; `cos u` at m = 0, `sech u` at m = 1.
    ///
    /// # Errors
    /// As [`ellipj`](Array::ellipj).
    ///
    /// ```
    /// let u = gpu::Array::from_vec(vec![1.0f64, -1.0], [2])?;
    /// let cn = u.ellipj_cn(&gpu::Array::from_vec(vec![0.5f64], [1])?)?.to_vec()?;
    /// assert!((cn[0] / 0.5959765676721407 - 1.0).abs() < 3e-16 && cn[1] == cn[0]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn ellipj_cn(&self, m: &Array<T>) -> Result<Array<T>> {
        binary(BinaryOp::EllipjCn, Arg::Array(self), Arg::Array(m))
    }

    /// Jacobi's `dn(u | m)` alone (SciPy's `special.ellipj(u, m)[2]`), in one kernel; see
    /// [`ellipj`](Array::ellipj). Even in u, within `[√(1 − m), 1]` for m in [0, 1].
    ///
    /// # Errors
    /// As [`ellipj`](Array::ellipj).
    ///
    /// ```
    /// let u = gpu::Array::from_vec(vec![1.8540746773013719f64], [1])?; // K(½)
    /// let dn = u.ellipj_dn(&gpu::Array::from_vec(vec![0.5f64], [1])?)?.to_vec()?;
    /// assert!((dn[0] - std::f64::consts::FRAC_1_SQRT_2).abs() < 3e-16);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn ellipj_dn(&self, m: &Array<T>) -> Result<Array<T>> {
        binary(BinaryOp::EllipjDn, Arg::Array(self), Arg::Array(m))
    }

    /// The amplitude `am(u | m)` alone, the φ with `sn = sin φ` and `cn = cos φ`
    /// (SciPy's `special.ellipj(u, m)[3]`), in one kernel; see [`ellipj`](Array::ellipj).
    /// The inverse of the incomplete elliptic integral `F(φ | m)` for m ≤ 1 (growing by π
    /// every 2K(m)); for m > 1, where sn never reaches 1, `atan2(sn, cn)`.
    ///
    /// # Errors
    /// As [`ellipj`](Array::ellipj).
    ///
    /// ```
    /// let u = gpu::Array::from_vec(vec![100.0f64], [1])?;
    /// let am = u.ellipj_am(&gpu::Array::from_vec(vec![0.5f64], [1])?)?.to_vec()?;
    /// assert!((am[0] / 84.70311272411382 - 1.0).abs() < 3e-16);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn ellipj_am(&self, m: &Array<T>) -> Result<Array<T>> {
        binary(BinaryOp::EllipjAm, Arg::Array(self), Arg::Array(m))
    }

    /// The incomplete elliptic integral of the first kind
    /// `F(φ | m) = ∫₀^φ dθ/√(1 − m sin²θ)` of `self` (φ) at parameter m broadcast against
    /// it (SciPy's `special.ellipkinc(phi, m)`), in one kernel: Carlson's R_F (see the
    /// module notes). The inverse of the amplitude: `F(am(u | m) | m) = u`. For m > 1
    /// real where `|sin φ| ≤ 1/√m`, NaN elsewhere (SciPy's is NaN for every m > 1); ±∞ at
    /// φ = ±∞ for m ≤ 1, 0 at m = −∞, NaN at m = +∞.
    ///
    /// # Errors
    /// [`Error::BroadcastMismatch`](crate::Error::BroadcastMismatch),
    /// [`Error::DeviceMismatch`](crate::Error::DeviceMismatch),
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let phi = gpu::Array::from_vec(vec![0.7f64, 10.0, 0.5, std::f64::consts::FRAC_PI_2], [4])?;
    /// let m = gpu::Array::from_vec(vec![0.3f64, -3.0, 2.0, 0.5], [4])?;
    /// let f = phi.ellipkinc(&m)?.to_vec()?;
    /// assert!((f[0] / 0.7165177159853932 - 1.0).abs() < 5e-16);
    /// assert!((f[1] / 6.979796589346306 - 1.0).abs() < 5e-16); // past π: 2nK(m) + F(r)
    /// assert!((f[2] / 0.5513588790796798 - 1.0).abs() < 5e-16); // m > 1 (SciPy: NaN)
    /// assert!((f[3] / 1.8540746773013719 - 1.0).abs() < 5e-16); // K(½)
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn ellipkinc(&self, m: &Array<T>) -> Result<Array<T>> {
        binary(BinaryOp::EllipKinc, Arg::Array(self), Arg::Array(m))
    }

    /// The incomplete elliptic integral of the second kind
    /// `E(φ | m) = ∫₀^φ √(1 − m sin²θ) dθ` of `self` (φ) at parameter m broadcast against
    /// it (SciPy's `special.ellipeinc(phi, m)`), in one kernel: Carlson's R_F and R_D in
    /// forms whose terms share a sign (see the module notes). The arc length of an
    /// ellipse with semi-axes a ≥ b from the end of its minor axis is
    /// `a·E(φ | 1 − b²/a²)`. For m > 1 real where `|sin φ| ≤ 1/√m`, NaN elsewhere (SciPy:
    /// NaN for every m > 1); ±∞ at φ = ±∞ for m ≤ 1 and at m = −∞ (φ ≠ 0), NaN at
    /// m = +∞.
    ///
    /// # Errors
    /// [`Error::BroadcastMismatch`](crate::Error::BroadcastMismatch),
    /// [`Error::DeviceMismatch`](crate::Error::DeviceMismatch),
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let phi = gpu::Array::from_vec(vec![0.7f64, 10.0, 0.5, 1.0], [4])?;
    /// let m = gpu::Array::from_vec(vec![0.3f64, -3.0, 2.0, 1.0], [4])?;
    /// let e = phi.ellipeinc(&m)?.to_vec()?;
    /// assert!((e[0] / 0.6841406078067003 - 1.0).abs() < 5e-16);
    /// assert!((e[1] / 15.187605310927667 - 1.0).abs() < 5e-16);
    /// assert!((e[2] / 0.456992352075574 - 1.0).abs() < 5e-16);
    /// assert!((e[3] - 1f64.sin()).abs() < 2e-16); // E(φ | 1) = sin φ on [0, π/2]
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn ellipeinc(&self, m: &Array<T>) -> Result<Array<T>> {
        binary(BinaryOp::EllipEinc, Arg::Array(self), Arg::Array(m))
    }

    /// Carlson's symmetric elliptic integral of the first kind
    /// `R_F(x, y, z) = ½∫₀^∞ dt/√((t + x)(t + y)(t + z))` of `self` (x), y and z broadcast
    /// together (SciPy's `special.elliprf`, real arguments), in one kernel: Carlson's
    /// duplication to `(3ε)^(−1/6)` of the arguments' spread, then the fifth-order series.
    /// `F(φ | m) = sin φ·R_F(cos²φ, 1 − m sin²φ, 1)`. SciPy's conventions: NaN for a
    /// negative argument, +∞ where two are 0, 0 where one is +∞.
    ///
    /// # Errors
    /// [`Error::BroadcastMismatch`](crate::Error::BroadcastMismatch),
    /// [`Error::DeviceMismatch`](crate::Error::DeviceMismatch),
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![1.0f64, 0.0], [2])?;
    /// let y = gpu::Array::from_vec(vec![2.0f64, 1.0], [2])?;
    /// let z = gpu::Array::from_vec(vec![3.0f64, 2.0], [2])?;
    /// let r = x.elliprf(&y, &z)?.to_vec()?;
    /// assert!((r[0] / 0.7269459354689082 - 1.0).abs() < 5e-16);
    /// assert!((r[1] / 1.3110287771460598 - 1.0).abs() < 5e-16);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn elliprf(&self, y: &Array<T>, z: &Array<T>) -> Result<Array<T>> {
        ternary(TernaryOp::EllipRf, self, y, z)
    }

    /// Carlson's `R_D(x, y, z) = (3/2)∫₀^∞ dt/((t + z)√((t + x)(t + y)(t + z)))`, symmetric
    /// in x and y, of `self` (x), y and z broadcast together (SciPy's `special.elliprd`,
    /// real arguments), in one kernel (duplication, then the fifth-order series). SciPy's
    /// conventions: NaN for a negative argument, +∞ where z or both x and y are 0, 0
    /// where one is +∞.
    ///
    /// # Errors
    /// As [`elliprf`](Array::elliprf).
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![1.0f64], [1])?;
    /// let y = gpu::Array::from_vec(vec![2.0f64], [1])?;
    /// let z = gpu::Array::from_vec(vec![3.0f64], [1])?;
    /// let r = x.elliprd(&y, &z)?.to_vec()?;
    /// assert!((r[0] / 0.29046028102899063 - 1.0).abs() < 5e-16);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn elliprd(&self, y: &Array<T>, z: &Array<T>) -> Result<Array<T>> {
        ternary(TernaryOp::EllipRd, self, y, z)
    }

    /// Carlson's completely symmetric integral of the second kind `R_G(x, y, z)` of `self`
    /// (x), y and z broadcast together (SciPy's `special.elliprg`, real arguments), in one
    /// kernel: DLMF 19.21.10 with z the median of the three, where its terms are all
    /// non-negative, `2R_G = z·R_F − (x − z)(y − z)·R_D/3 + √(xy/z)`. The surface area of
    /// an ellipsoid with semi-axes a, b, c is `4π·(abc)·R_G(a⁻², b⁻², c⁻²)`.
    /// SciPy's conventions: NaN for a negative argument, `√max/2` where two are 0, +∞ where
    /// one is +∞.
    ///
    /// # Errors
    /// As [`elliprf`](Array::elliprf).
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![1.0f64, 0.0], [2])?;
    /// let y = gpu::Array::from_vec(vec![2.0f64, 16.0], [2])?;
    /// let z = gpu::Array::from_vec(vec![3.0f64, 16.0], [2])?;
    /// let r = x.elliprg(&y, &z)?.to_vec()?;
    /// assert!((r[0] / 1.4018470999908952 - 1.0).abs() < 5e-16);
    /// assert!((r[1] / std::f64::consts::PI - 1.0).abs() < 5e-16); // R_G(0, 16, 16) = π
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn elliprg(&self, y: &Array<T>, z: &Array<T>) -> Result<Array<T>> {
        ternary(TernaryOp::EllipRg, self, y, z)
    }

    /// Carlson's symmetric integral of the third kind
    /// `R_J(x, y, z, p) = (3/2)∫₀^∞ dt/((t + p)√((t + x)(t + y)(t + z)))`, symmetric in x, y
    /// and z, of `self` (x), y, z and p broadcast together (SciPy's `special.elliprj`, real
    /// arguments), in one kernel: Carlson's duplication and fifth-order series, with the
    /// `R_C` term of each step in a form that keeps its digits when p is small against the
    /// others. For p < 0, Cauchy's principal value, by Carlson's transformation to a
    /// positive p (DLMF 19.20.14). The complete integral of the third kind is
    /// `Π(n | m) = K(m) + (n/3)·R_J(0, 1 − m, 1, 1 − n)`.
    /// SciPy's conventions: NaN for a negative x, y or z, +∞ where two of them are 0, 0
    /// where an argument is ±∞; at p = 0, where the integral diverges, +∞ (SciPy: NaN).
    ///
    /// # Errors
    /// As [`elliprf`](Array::elliprf).
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![1.0f64, 1.0, 0.0], [3])?;
    /// let y = gpu::Array::from_vec(vec![2.0f64, 2.0, 1.0], [3])?;
    /// let z = gpu::Array::from_vec(vec![3.0f64, 3.0, 1.0], [3])?;
    /// let p = gpu::Array::from_vec(vec![4.0f64, -0.5, 2.0], [3])?;
    /// let r = x.elliprj(&y, &z, &p)?.to_vec()?;
    /// assert!((r[0] / 0.23984809974956775 - 1.0).abs() < 5e-16);
    /// assert!((r[1] / 0.2072200111587186 - 1.0).abs() < 5e-16); // the principal value
    /// let closed = 3.0 * std::f64::consts::PI * (2.0 - 2f64.sqrt()) / 4.0; // R_J(0, 1, 1, 2)
    /// assert!((r[2] / closed - 1.0).abs() < 5e-16);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn elliprj(&self, y: &Array<T>, z: &Array<T>, p: &Array<T>) -> Result<Array<T>> {
        quaternary(QuaternaryOp::EllipRj, self, y, z, p)
    }

    /// Carlson's degenerate integral `R_C(x, y) = R_F(x, y, y)` of `self` (x) and y
    /// broadcast together (SciPy's `special.elliprc`, real arguments), in one kernel; for
    /// y < 0 Cauchy's principal value `√(x/(x − y))·R_C(x − y, −y)` (DLMF 19.2.20). It is
    /// `acos(√(x/y))/√(y − x)` below y and `acosh(√(x/y))/√(x − y)` above, without those
    /// forms' cancellation at x ≈ y. SciPy's conventions: NaN for x < 0 and for y = 0, 0
    /// where one is ±∞.
    ///
    /// # Errors
    /// [`Error::BroadcastMismatch`](crate::Error::BroadcastMismatch),
    /// [`Error::DeviceMismatch`](crate::Error::DeviceMismatch),
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![1.0f64, 1.0, 0.0], [3])?;
    /// let y = gpu::Array::from_vec(vec![2.0f64, -1.0, 1.0], [3])?;
    /// let r = x.elliprc(&y)?.to_vec()?;
    /// assert!((r[0] - std::f64::consts::FRAC_PI_4).abs() < 2e-16);
    /// assert!((r[1] / 0.6232252401402305 - 1.0).abs() < 5e-16); // principal value
    /// assert!((r[2] - std::f64::consts::FRAC_PI_2).abs() < 3e-16); // SciPy 1.17: 1 ulp low
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn elliprc(&self, y: &Array<T>) -> Result<Array<T>> {
        binary(BinaryOp::EllipRc, Arg::Array(self), Arg::Array(y))
    }

    /// The arithmetic–geometric mean of `self` and b broadcast together (SciPy's
    /// `special.agm`): the common limit of `aₙ₊₁ = (aₙ + bₙ)/2` and `bₙ₊₁ = √(aₙbₙ)`, in
    /// one kernel, run until the pair agrees to 1e-9 (f32: 1e-4), past which quadratic
    /// convergence leaves the next mean exact to the last bit; the means without overflow
    /// or underflow over the whole range (`agm(1e300, 1e-300)` is 1.1358405546107696e297).
    /// `K(m) = π/(2·agm(1, √(1 − m)))`. SciPy's conventions: NaN for arguments of opposite
    /// signs and for ±∞ against 0, 0 where one is 0, `−agm(−a, −b)` for two negative ones,
    /// ±∞ where one is ±∞.
    ///
    /// # Errors
    /// [`Error::BroadcastMismatch`](crate::Error::BroadcastMismatch),
    /// [`Error::DeviceMismatch`](crate::Error::DeviceMismatch),
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let a = gpu::Array::from_vec(vec![24.0f64, 1e300, -2.0, 1.7e308], [4])?;
    /// let b = gpu::Array::from_vec(vec![6.0f64, 1e-300, -8.0, 1.7e308], [4])?;
    /// let g = a.agm(&b)?.to_vec()?;
    /// assert!((g[0] / 13.458171481725614 - 1.0).abs() < 3e-16);
    /// assert!((g[1] / 1.1358405546107696e297 - 1.0).abs() < 5e-16);
    /// assert!((g[2] / -4.486057160575205 - 1.0).abs() < 3e-16);
    /// assert_eq!(g[3], 1.7e308);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn agm(&self, b: &Array<T>) -> Result<Array<T>> {
        binary(BinaryOp::Agm, Arg::Array(self), Arg::Array(b))
    }
}
