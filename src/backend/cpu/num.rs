//! Scalar semantics of every op on every numeric dtype, as the CPU reference defines
//! them (the GPU kernels follow the same rules).

use crate::backend::CompareOp;
use crate::dtype::Element;

/// Arithmetic with the crate's semantics: wrapping integers, integer `x / 0 = 0` and
/// `x % 0 = 0`, NaN-propagating `maximum`/`minimum`.
pub(crate) trait Num: Element + Copy + Send + Sync + PartialOrd + 'static {
    fn add(self, o: Self) -> Self;
    fn sub(self, o: Self) -> Self;
    fn mul(self, o: Self) -> Self;
    fn div(self, o: Self) -> Self;
    fn rem(self, o: Self) -> Self;
    fn pow(self, o: Self) -> Self;
    /// NumPy's `//`: the quotient rounded toward −∞ (integers: `x // 0 = 0`).
    fn floor_div(self, o: Self) -> Self;
    /// NumPy's `%`: the remainder with the divisor's sign (integers: `x % 0 = 0`).
    fn floor_rem(self, o: Self) -> Self;
    /// `atan2`, `hypot` and `copysign` are float ops; every backend rejects them for integers
    /// before computing (`BinaryOp::defined_for`), so the integer versions exist only
    /// to keep the op table total, and compute through f64.
    fn atan2(self, o: Self) -> Self;
    fn hypot(self, o: Self) -> Self;
    // The special binary functions below compute in f64 for every dtype (an f32 result
    // rounds once, at the end; the integer versions exist only to keep the op table
    // total), so each has one body here, shared by all four impls.
    /// ln |B(self, o)| (floats; integers go through f64, though no kernel asks).
    fn betaln(self, o: Self) -> Self {
        Self::from_f64(super::special::betaln(self.to_f64(), o.to_f64()))
    }
    /// B(self, o) (floats; integers through f64).
    fn beta(self, o: Self) -> Self {
        Self::from_f64(super::special::beta(self.to_f64(), o.to_f64()))
    }
    /// ζ(self, o), the Hurwitz zeta function (floats; integers through f64).
    fn zeta(self, o: Self) -> Self {
        Self::from_f64(super::zeta::zeta(self.to_f64(), o.to_f64()))
    }
    /// P(self, o), or Q(self, o) when `upper` (floats; integers through f64).
    fn gammainc(self, o: Self, upper: bool) -> Self {
        Self::from_f64(super::gammainc::gammainc(self.to_f64(), o.to_f64(), upper))
    }
    /// The x with P(self, x) = o, or Q(self, x) = o when `upper` (floats; integers
    /// through f64).
    fn gammaincinv(self, o: Self, upper: bool) -> Self {
        Self::from_f64(super::gammainc::gammaincinv(self.to_f64(), o.to_f64(), upper))
    }
    /// E_self(o), the generalised exponential integral (floats; integers through f64).
    fn expn(self, o: Self) -> Self {
        Self::from_f64(super::expint::expn(self.to_f64(), o.to_f64()))
    }
    /// P(D_self^+ ≥ o), the one-sided Kolmogorov–Smirnov survival function, or its inverse
    /// in o when `inverse` (floats; integers through f64).
    fn smirnov(self, o: Self, inverse: bool) -> Self {
        let f = if inverse { super::kolmogorov::smirnovi } else { super::kolmogorov::smirnov };
        Self::from_f64(f(self.to_f64(), o.to_f64()))
    }
    /// self·ln(self/o) − self + o, the Kullback–Leibler term (floats; integers through f64).
    fn kl_div(self, o: Self) -> Self {
        Self::from_f64(super::convenience::kl_div(self.to_f64(), o.to_f64()))
    }
    /// Jacobi's sn, cn, dn or am (`part` 0 to 3) of self at parameter o (floats; integers
    /// through f64).
    fn ellipj(self, o: Self, part: usize) -> Self {
        Self::from_f64(super::ellipj::ellipj(self.to_f64(), o.to_f64())[part])
    }
    /// F(self | o), or E(self | o) when `second`, the incomplete elliptic integrals
    /// (floats; integers through f64).
    fn ellipinc(self, o: Self, second: bool) -> Self {
        Self::from_f64(super::carlson::ellipinc(self.to_f64(), o.to_f64(), second))
    }
    /// Carlson's R_C(self, o) (floats; integers through f64).
    fn elliprc(self, o: Self) -> Self {
        Self::from_f64(super::carlson::elliprc(self.to_f64(), o.to_f64()))
    }
    /// The arithmetic–geometric mean of self and o (floats; integers through f64).
    fn agm(self, o: Self) -> Self {
        Self::from_f64(super::special::agm(self.to_f64(), o.to_f64()))
    }
    /// Y_self(o), the Bessel function of the second kind (floats; integers through f64).
    fn yn(self, o: Self) -> Self {
        Self::from_f64(super::besselj::yn(self.to_f64(), o.to_f64()))
    }
    /// y_self(o), the spherical Bessel function of the second kind, or its derivative
    /// (floats; integers through f64).
    fn spherical_yn(self, o: Self, derivative: bool) -> Self {
        Self::from_f64(super::besselj::spherical_yn(self.to_f64(), o.to_f64(), derivative))
    }
    /// (self)_o = Γ(self + o)/Γ(self), the Pochhammer symbol (floats; integers through
    /// f64).
    fn poch(self, o: Self) -> Self {
        Self::from_f64(super::poch::poch(self.to_f64(), o.to_f64()))
    }
    /// C(self, o), the binomial coefficient (floats; integers through f64).
    fn binom(self, o: Self) -> Self {
        Self::from_f64(super::poch::binom(self.to_f64(), o.to_f64()))
    }
    fn copysign(self, o: Self) -> Self;
    /// The bit operations are integer ops; every backend rejects them for floats
    /// (`BinaryOp::defined_for`), so the float versions exist only to keep the op table
    /// total, and act on the bit patterns.
    fn bit_and(self, o: Self) -> Self;
    fn bit_or(self, o: Self) -> Self;
    fn bit_xor(self, o: Self) -> Self;
    /// NumPy's `left_shift`: a shift by 32 or more (a negative `i32` amount counts as
    /// unsigned) gives 0.
    fn shl(self, o: Self) -> Self;
    /// NumPy's `right_shift` (arithmetic for `i32`): a shift by 32 or more gives 0, or −1
    /// for a negative `i32`.
    fn shr(self, o: Self) -> Self;
    /// NumPy's `fmax`: the larger, ignoring a NaN (NaN only if both are).
    fn fmax(self, o: Self) -> Self {
        if self.is_nan() {
            o
        } else if o.is_nan() {
            self
        } else {
            self.maximum(o)
        }
    }
    /// NumPy's `fmin`: the smaller, ignoring a NaN (NaN only if both are).
    fn fmin(self, o: Self) -> Self {
        if self.is_nan() {
            o
        } else if o.is_nan() {
            self
        } else {
            self.minimum(o)
        }
    }
    fn is_nan(self) -> bool;
    fn neg(self) -> Self;
    fn abs(self) -> Self;
    fn square(self) -> Self {
        self.mul(self)
    }
    fn relu(self) -> Self;
    /// −1, 0 or 1 by sign (NumPy's `sign`: `±0 → 0`, NaN stays NaN).
    fn sign(self) -> Self;

    /// The larger of two values, NaN if either is (the first NaN when both are); of
    /// equal values, `self`. Three selects, each on one comparison and none on a
    /// combined bool, so loops over it vectorise into compare-and-blend.
    #[inline(always)]
    fn maximum(self, o: Self) -> Self {
        let r = if o > self { o } else { self };
        let r = if o.is_nan() { o } else { r };
        if self.is_nan() {
            self
        } else {
            r
        }
    }

    /// The smaller of two values, with `maximum`'s NaN and tie rules.
    #[inline(always)]
    fn minimum(self, o: Self) -> Self {
        let r = if o < self { o } else { self };
        let r = if o.is_nan() { o } else { r };
        if self.is_nan() {
            self
        } else {
            r
        }
    }
}

/// Float-only functions.
pub(crate) trait FloatNum:
    Num
    + crate::dtype::Float
    + std::ops::Add<Output = Self>
    + std::ops::Sub<Output = Self>
    + std::ops::Mul<Output = Self>
    + std::ops::Div<Output = Self>
{
    fn sqrt(self) -> Self;
    fn exp(self) -> Self;
    fn ln(self) -> Self;
    fn sin(self) -> Self;
    fn cos(self) -> Self;
    fn tanh(self) -> Self;
    fn sigmoid(self) -> Self;
    fn floor(self) -> Self;
    fn ceil(self) -> Self;
    fn round(self) -> Self;
    fn recip(self) -> Self;
    fn tan(self) -> Self;
    fn sinh(self) -> Self;
    fn cosh(self) -> Self;
    fn asin(self) -> Self;
    fn acos(self) -> Self;
    fn atan(self) -> Self;
    fn exp2(self) -> Self;
    fn exp_m1(self) -> Self;
    fn log2(self) -> Self;
    fn log10(self) -> Self;
    fn ln_1p(self) -> Self;
    fn trunc(self) -> Self;
    fn erf(self) -> Self;
    fn erfc(self) -> Self;
    fn ln_gamma(self) -> Self;
    fn erfinv(self) -> Self;
    fn erfcinv(self) -> Self;
    fn ndtri(self) -> Self;
    fn ndtr(self) -> Self;
    fn i0(self) -> Self;
    fn gamma(self) -> Self;
    fn digamma(self) -> Self;
    fn i0e(self) -> Self;
    fn i1(self) -> Self;
    fn i1e(self) -> Self;
    fn erfcx(self) -> Self;
    fn dawsn(self) -> Self;
    fn erfi(self) -> Self;
    fn ellipkm1(self) -> Self;
    fn ellipe(self) -> Self;
    fn spence(self) -> Self;
    fn exp1(self) -> Self;
    fn expi(self) -> Self;
    fn si(self) -> Self;
    fn ci(self) -> Self;
    fn shi(self) -> Self;
    fn chi(self) -> Self;
    fn kolmogorov(self) -> Self;
    fn kolmogi(self) -> Self;
    fn k0(self) -> Self;
    fn k0e(self) -> Self;
    fn k1(self) -> Self;
    fn k1e(self) -> Self;
    fn j0(self) -> Self;
    fn j1(self) -> Self;
    fn y0(self) -> Self;
    fn y1(self) -> Self;
    fn riemann_zeta(self) -> Self;
    fn zetac(self) -> Self;
    fn exp10(self) -> Self;
    fn ndtri_exp(self) -> Self;
    fn trig_deg(self, f: super::convenience::Deg) -> Self;
    fn from_usize(n: usize) -> Self;
}

/// `op(a, b)` for any comparable type.
#[inline(always)]
pub(crate) fn compare<T: PartialOrd>(op: CompareOp, a: T, b: T) -> bool {
    match op {
        CompareOp::Eq => a == b,
        CompareOp::Ne => a != b,
        CompareOp::Lt => a < b,
        CompareOp::Le => a <= b,
        CompareOp::Gt => a > b,
        CompareOp::Ge => a >= b,
    }
}

macro_rules! float_num {
    ($t:ty, $erf:path, $erfc:path, $lgamma:path) => {
        impl Num for $t {
            #[inline(always)]
            fn add(self, o: Self) -> Self {
                self + o
            }
            #[inline(always)]
            fn sub(self, o: Self) -> Self {
                self - o
            }
            #[inline(always)]
            fn mul(self, o: Self) -> Self {
                self * o
            }
            #[inline(always)]
            fn div(self, o: Self) -> Self {
                self / o
            }
            #[inline(always)]
            fn rem(self, o: Self) -> Self {
                self % o
            }
            #[inline(always)]
            fn pow(self, o: Self) -> Self {
                self.powf(o)
            }
            #[inline(always)]
            fn floor_div(self, o: Self) -> Self {
                floor_divmod(self, o).0
            }
            #[inline(always)]
            fn floor_rem(self, o: Self) -> Self {
                floor_divmod(self, o).1
            }
            #[inline(always)]
            fn atan2(self, o: Self) -> Self {
                self.atan2(o)
            }
            #[inline(always)]
            fn hypot(self, o: Self) -> Self {
                self.hypot(o)
            }
            #[inline(always)]
            fn copysign(self, o: Self) -> Self {
                self.copysign(o)
            }
            fn bit_and(self, o: Self) -> Self {
                <$t>::from_bits(self.to_bits() & o.to_bits())
            }
            fn bit_or(self, o: Self) -> Self {
                <$t>::from_bits(self.to_bits() | o.to_bits())
            }
            fn bit_xor(self, o: Self) -> Self {
                <$t>::from_bits(self.to_bits() ^ o.to_bits())
            }
            fn shl(self, _o: Self) -> Self {
                self
            }
            fn shr(self, _o: Self) -> Self {
                self
            }
            #[inline(always)]
            fn is_nan(self) -> bool {
                self.is_nan()
            }
            #[inline(always)]
            fn neg(self) -> Self {
                -self
            }
            #[inline(always)]
            fn abs(self) -> Self {
                self.abs()
            }
            #[inline(always)]
            fn relu(self) -> Self {
                if self < 0.0 {
                    0.0
                } else {
                    self
                }
            }
            #[inline(always)]
            fn sign(self) -> Self {
                if self > 0.0 {
                    1.0
                } else if self < 0.0 {
                    -1.0
                } else if self == 0.0 {
                    0.0
                } else {
                    self
                }
            }
        }

        impl FloatNum for $t {
            #[inline(always)]
            fn sqrt(self) -> Self {
                self.sqrt()
            }
            #[inline(always)]
            fn exp(self) -> Self {
                self.exp()
            }
            #[inline(always)]
            fn ln(self) -> Self {
                self.ln()
            }
            #[inline(always)]
            fn sin(self) -> Self {
                self.sin()
            }
            #[inline(always)]
            fn cos(self) -> Self {
                self.cos()
            }
            #[inline(always)]
            fn tanh(self) -> Self {
                self.tanh()
            }
            #[inline(always)]
            fn sigmoid(self) -> Self {
                1.0 / (1.0 + (-self).exp())
            }
            #[inline(always)]
            fn floor(self) -> Self {
                self.floor()
            }
            #[inline(always)]
            fn ceil(self) -> Self {
                self.ceil()
            }
            #[inline(always)]
            fn round(self) -> Self {
                self.round_ties_even()
            }
            #[inline(always)]
            fn recip(self) -> Self {
                1.0 / self
            }
            #[inline(always)]
            fn tan(self) -> Self {
                self.tan()
            }
            #[inline(always)]
            fn sinh(self) -> Self {
                self.sinh()
            }
            #[inline(always)]
            fn cosh(self) -> Self {
                self.cosh()
            }
            #[inline(always)]
            fn asin(self) -> Self {
                self.asin()
            }
            #[inline(always)]
            fn acos(self) -> Self {
                self.acos()
            }
            #[inline(always)]
            fn atan(self) -> Self {
                self.atan()
            }
            #[inline(always)]
            fn exp2(self) -> Self {
                self.exp2()
            }
            #[inline(always)]
            fn exp_m1(self) -> Self {
                self.exp_m1()
            }
            #[inline(always)]
            fn log2(self) -> Self {
                self.log2()
            }
            #[inline(always)]
            fn log10(self) -> Self {
                self.log10()
            }
            #[inline(always)]
            fn ln_1p(self) -> Self {
                self.ln_1p()
            }
            #[inline(always)]
            fn trunc(self) -> Self {
                self.trunc()
            }
            #[inline(always)]
            fn erf(self) -> Self {
                $erf(self)
            }
            #[inline(always)]
            fn erfc(self) -> Self {
                $erfc(self)
            }
            #[inline(always)]
            fn ln_gamma(self) -> Self {
                $lgamma(self)
            }
            #[inline(always)]
            fn erfinv(self) -> Self {
                super::special::erfinv(self as f64) as $t
            }
            #[inline(always)]
            fn erfcinv(self) -> Self {
                super::special::erfcinv(self as f64) as $t
            }
            #[inline(always)]
            fn ndtri(self) -> Self {
                super::special::ndtri(self as f64) as $t
            }
            #[inline(always)]
            fn ndtr(self) -> Self {
                super::special::ndtr(self as f64) as $t
            }
            #[inline(always)]
            fn i0(self) -> Self {
                super::special::i0(self as f64) as $t
            }
            #[inline(always)]
            fn gamma(self) -> Self {
                super::special::gamma(self as f64) as $t
            }
            #[inline(always)]
            fn digamma(self) -> Self {
                super::special::digamma(self as f64) as $t
            }
            #[inline(always)]
            fn i0e(self) -> Self {
                super::special::i0e(self as f64) as $t
            }
            #[inline(always)]
            fn i1(self) -> Self {
                super::special::i1(self as f64) as $t
            }
            #[inline(always)]
            fn i1e(self) -> Self {
                super::special::i1e(self as f64) as $t
            }
            #[inline(always)]
            fn erfcx(self) -> Self {
                super::special::erfcx(self as f64) as $t
            }
            fn dawsn(self) -> Self {
                super::special::dawsn(self as f64) as $t
            }
            fn erfi(self) -> Self {
                super::special::erfi(self as f64) as $t
            }
            fn ellipkm1(self) -> Self {
                super::special::ellipkm1(self as f64) as $t
            }
            fn ellipe(self) -> Self {
                super::special::ellipe(self as f64) as $t
            }
            fn spence(self) -> Self {
                super::special::spence(self as f64) as $t
            }
            fn exp1(self) -> Self {
                super::expint::exp1(self as f64) as $t
            }
            fn expi(self) -> Self {
                super::expint::expi(self as f64) as $t
            }
            fn si(self) -> Self {
                super::expint::sici(self as f64).0 as $t
            }
            fn ci(self) -> Self {
                super::expint::sici(self as f64).1 as $t
            }
            fn shi(self) -> Self {
                super::expint::shichi(self as f64).0 as $t
            }
            fn chi(self) -> Self {
                super::expint::shichi(self as f64).1 as $t
            }
            fn kolmogorov(self) -> Self {
                super::kolmogorov::kolmogorov(self as f64) as $t
            }
            fn kolmogi(self) -> Self {
                super::kolmogorov::kolmogi(self as f64) as $t
            }
            fn k0(self) -> Self {
                super::besselk::k0(self as f64) as $t
            }
            fn k0e(self) -> Self {
                super::besselk::k0e(self as f64) as $t
            }
            fn k1(self) -> Self {
                super::besselk::k1(self as f64) as $t
            }
            fn k1e(self) -> Self {
                super::besselk::k1e(self as f64) as $t
            }
            fn j0(self) -> Self {
                libm::j0(self as f64) as $t
            }
            fn j1(self) -> Self {
                libm::j1(self as f64) as $t
            }
            fn y0(self) -> Self {
                libm::y0(self as f64) as $t
            }
            fn y1(self) -> Self {
                libm::y1(self as f64) as $t
            }
            fn riemann_zeta(self) -> Self {
                super::zeta::riemann_zeta(self as f64) as $t
            }
            fn zetac(self) -> Self {
                super::zeta::zetac(self as f64) as $t
            }
            fn exp10(self) -> Self {
                super::convenience::exp10(self as f64) as $t
            }
            fn ndtri_exp(self) -> Self {
                super::special::ndtri_exp(self as f64) as $t
            }
            fn trig_deg(self, f: super::convenience::Deg) -> Self {
                super::convenience::trig_deg(self as f64, f) as $t
            }
            #[inline(always)]
            fn from_usize(n: usize) -> Self {
                n as $t
            }
        }
    };
}

// erf, erfc and lgamma are musl's (through the `libm` crate), in f32 and f64: ≤ 1 ulp for
// erf/erfc, a few ulp for lgamma away from its zeros on the negative axis; so are J0,
// J1, Y0, Y1 (FreeBSD's, in f64; shaders/besselj_math.wgsl and kernels/common.cuh are
// the same method, src/ops/besselj.rs describes it). The other
// special functions are ours, in f64 only (special.rs, zeta.rs, gammainc.rs, expint.rs,
// besselk.rs): the f32 ones compute in f64 and round once (within half an ulp and the
// f64 function's error scaled down by 2^29; the casts are no-ops for f64).
float_num!(f32, libm::erff, libm::erfcf, libm::lgammaf);
float_num!(f64, libm::erf, libm::erfc, libm::lgamma);

/// NumPy's float `divmod` (`npy_divmod`): `(floor(a / b), a mod b)` computed from
/// `fmod`, so that `a == b * q + r` as nearly as rounding allows and `r` has `b`'s sign;
/// `b == 0` gives `(a / b, NaN)`.
pub(crate) fn floor_divmod<T: FloatNum>(a: T, b: T) -> (T, T) {
    let zero = T::from_usize(0);
    let one = T::from_usize(1);
    let m = Num::rem(a, b);
    if b == zero {
        return (a / b, m);
    }
    let mut div = (a - m) / b;
    let mut r = m;
    if m != zero {
        if (b < zero) != (m < zero) {
            r = m + b;
            div = div - one;
        }
    } else {
        r = if b < zero { zero.neg() } else { zero };
    }
    let q = if div != zero {
        let f = div.floor();
        if div - f > one / T::from_usize(2) {
            f + one
        } else {
            f
        }
    } else if is_negative(a / b) {
        zero.neg()
    } else {
        zero
    };
    (q, r)
}

/// The sign bit of a non-NaN float: `x < 0`, or `x` is `-0`.
fn is_negative<T: FloatNum>(x: T) -> bool {
    let zero = T::from_usize(0);
    x < zero || (x == zero && T::from_usize(1) / x < zero)
}

macro_rules! int_num {
    ($t:ty, $abs:expr) => {
        impl Num for $t {
            #[inline(always)]
            fn add(self, o: Self) -> Self {
                self.wrapping_add(o)
            }
            #[inline(always)]
            fn sub(self, o: Self) -> Self {
                self.wrapping_sub(o)
            }
            #[inline(always)]
            fn mul(self, o: Self) -> Self {
                self.wrapping_mul(o)
            }
            #[inline(always)]
            fn div(self, o: Self) -> Self {
                if o == 0 {
                    0
                } else {
                    self.wrapping_div(o)
                }
            }
            #[inline(always)]
            fn rem(self, o: Self) -> Self {
                if o == 0 {
                    0
                } else {
                    self.wrapping_rem(o)
                }
            }
            fn pow(self, o: Self) -> Self {
                int_pow(self, o)
            }
            #[inline(always)]
            #[allow(unused_comparisons)]
            fn floor_div(self, o: Self) -> Self {
                if o == 0 {
                    return 0;
                }
                let (q, r) = (self.wrapping_div(o), self.wrapping_rem(o));
                if r != 0 && ((r < 0) != (o < 0)) {
                    q.wrapping_sub(1)
                } else {
                    q
                }
            }
            #[inline(always)]
            #[allow(unused_comparisons)]
            fn floor_rem(self, o: Self) -> Self {
                if o == 0 {
                    return 0;
                }
                let r = self.wrapping_rem(o);
                if r != 0 && ((r < 0) != (o < 0)) {
                    r.wrapping_add(o)
                } else {
                    r
                }
            }
            fn atan2(self, o: Self) -> Self {
                (self as f64).atan2(o as f64) as $t
            }
            fn hypot(self, o: Self) -> Self {
                (self as f64).hypot(o as f64) as $t
            }
            fn copysign(self, o: Self) -> Self {
                (self as f64).copysign(o as f64) as $t
            }
            #[inline(always)]
            fn bit_and(self, o: Self) -> Self {
                self & o
            }
            #[inline(always)]
            fn bit_or(self, o: Self) -> Self {
                self | o
            }
            #[inline(always)]
            fn bit_xor(self, o: Self) -> Self {
                self ^ o
            }
            #[inline(always)]
            fn shl(self, o: Self) -> Self {
                // The amount's bits as unsigned, as the GPU kernels read it.
                let s = o as u32;
                if s >= 32 {
                    0
                } else {
                    self << s
                }
            }
            #[inline(always)]
            #[allow(unused_comparisons)]
            fn shr(self, o: Self) -> Self {
                let s = o as u32;
                if s < 32 {
                    self >> s
                } else if self < 0 {
                    !0 // −1: only an i32 gets here
                } else {
                    0
                }
            }
            #[inline(always)]
            fn is_nan(self) -> bool {
                false
            }
            #[inline(always)]
            fn neg(self) -> Self {
                self.wrapping_neg()
            }
            #[inline(always)]
            fn abs(self) -> Self {
                $abs(self)
            }
            #[inline(always)]
            fn relu(self) -> Self {
                if self > 0 {
                    self
                } else {
                    0
                }
            }
            #[inline(always)]
            #[allow(unused_comparisons)]
            fn sign(self) -> Self {
                if self > 0 {
                    1
                } else if self < 0 {
                    (0 as $t).wrapping_sub(1)
                } else {
                    0
                }
            }
        }
    };
}

int_num!(i32, |x: i32| x.wrapping_abs());
int_num!(u32, |x: u32| x);

/// Integer power by squaring, wrapping. Negative exponents give the truncated
/// reciprocal: `1` for base 1, `±1` for base −1, `0` otherwise (division by zero
/// included, following the crate's `x / 0 = 0` rule).
pub(crate) fn int_pow<T: IntPow>(base: T, exp: T) -> T {
    base.int_pow(exp)
}

pub(crate) trait IntPow {
    fn int_pow(self, exp: Self) -> Self;
}

impl IntPow for u32 {
    fn int_pow(self, exp: u32) -> u32 {
        let (mut acc, mut b, mut e) = (1u32, self, exp);
        while e > 0 {
            if e & 1 == 1 {
                acc = acc.wrapping_mul(b);
            }
            b = b.wrapping_mul(b);
            e >>= 1;
        }
        acc
    }
}

impl IntPow for i32 {
    fn int_pow(self, exp: i32) -> i32 {
        if exp < 0 {
            return match self {
                1 => 1,
                -1 if exp % 2 == 0 => 1,
                -1 => -1,
                _ => 0,
            };
        }
        (self as u32).int_pow(exp as u32) as i32
    }
}

/// Conversion between dtypes with Rust `as` semantics (floats to ints truncate toward
/// zero and saturate, NaN becomes 0); `bool` converts as 0/1 and `x != 0`.
pub(crate) trait CastTo<U> {
    fn cast(self) -> U;
}

macro_rules! cast_as {
    ($($from:ty),* => $to:ty) => {
        $(impl CastTo<$to> for $from {
            #[inline(always)]
            fn cast(self) -> $to {
                self as $to
            }
        })*
    };
}

cast_as!(f32, f64, i32, u32 => f32);
cast_as!(f32, f64, i32, u32 => f64);
cast_as!(f32, f64, i32, u32 => i32);
cast_as!(f32, f64, i32, u32 => u32);

macro_rules! cast_bool {
    ($($t:ty),*) => {
        $(
            impl CastTo<bool> for $t {
                #[inline(always)]
                #[allow(clippy::float_cmp)]
                fn cast(self) -> bool {
                    self != (0 as $t)
                }
            }
            impl CastTo<$t> for bool {
                #[inline(always)]
                fn cast(self) -> $t {
                    self as u8 as $t
                }
            }
        )*
    };
}

cast_bool!(f32, f64, i32, u32);

impl CastTo<bool> for bool {
    #[inline(always)]
    fn cast(self) -> bool {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_rules() {
        assert_eq!(Num::div(7i32, 0), 0);
        assert_eq!(Num::rem(-7i32, 0), 0);
        assert_eq!(Num::div(-7i32, 2), -3);
        assert_eq!(Num::rem(-7i32, 2), -1);
        assert_eq!(Num::div(i32::MIN, -1), i32::MIN);
        assert_eq!(Num::add(u32::MAX, 1), 0);
        assert_eq!(int_pow(3i32, 4), 81);
        assert_eq!(int_pow(2i32, -1), 0);
        assert_eq!(int_pow(-1i32, -3), -1);
        assert_eq!(int_pow(2u32, 33), 0);
    }

    #[test]
    fn nan_propagates_through_maximum() {
        assert!(Num::maximum(f32::NAN, 1.0).is_nan());
        assert!(Num::maximum(1.0, f32::NAN).is_nan());
        assert!(Num::minimum(f64::NAN, 1.0).is_nan());
        assert_eq!(Num::maximum(-0.0f32, 2.0), 2.0);
    }
}
