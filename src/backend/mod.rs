//! The seam between the backend-neutral front (`src/ops`) and the backends.
//!
//! Op identity is data: [`UnaryOp`], [`BinaryOp`], [`TernaryOp`], [`QuaternaryOp`],
//! [`CompareOp`] and [`ReduceOp`] are shared by every backend, so adding an op is one
//! enum arm plus one line per kernel template. Every method takes strided [`View`]s
//! (broadcast = stride 0) and returns fresh contiguous storage; none may assume its
//! inputs are contiguous.

pub(crate) mod cpu;
pub(crate) mod cuda;
pub(crate) mod philox;
pub(crate) mod wgpu;

use crate::dtype::{DType, HostSlice, HostVec, ScalarValue};
use crate::error::Result;
use crate::info::{Counters, DeviceInfo};
use crate::layout::Layout;

/// Elementwise functions of one operand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UnaryOp {
    /// `-x` (wrapping for integers).
    Neg,
    /// `|x|` (wrapping for `i32::MIN`).
    Abs,
    /// `x * x` (wrapping for integers).
    Square,
    /// `max(x, 0)`; NaN stays NaN.
    Relu,
    /// Square root (floats).
    Sqrt,
    /// `e^x` (floats).
    Exp,
    /// Natural logarithm (floats).
    Ln,
    /// Sine (floats).
    Sin,
    /// Cosine (floats).
    Cos,
    /// Hyperbolic tangent (floats).
    Tanh,
    /// `1 / (1 + e^-x)` (floats).
    Sigmoid,
    /// Round toward −∞ (floats).
    Floor,
    /// Round toward +∞ (floats).
    Ceil,
    /// Round half to even, as NumPy (floats).
    Round,
    /// `1 / x` (floats).
    Recip,
    /// Tangent (floats).
    Tan,
    /// Hyperbolic sine (floats).
    Sinh,
    /// Hyperbolic cosine (floats).
    Cosh,
    /// Inverse sine, in `[-π/2, π/2]`; NaN outside `[-1, 1]` (floats).
    Asin,
    /// Inverse cosine, in `[0, π]`; NaN outside `[-1, 1]` (floats).
    Acos,
    /// Inverse tangent, in `[-π/2, π/2]` (floats).
    Atan,
    /// `2^x` (floats).
    Exp2,
    /// `e^x - 1`, accurate near 0 (floats).
    ExpM1,
    /// Base-2 logarithm (floats).
    Log2,
    /// Base-10 logarithm (floats).
    Log10,
    /// `ln(1 + x)`, accurate near 0 (floats).
    Ln1p,
    /// Round toward zero (floats).
    Trunc,
    /// −1, 0 or 1 by the sign of `x` (NumPy's `sign`: `±0 → 0`, NaN stays NaN).
    Sign,
    /// The error function `erf(x) = 2/√π ∫₀ˣ e^(−t²) dt` (floats).
    Erf,
    /// The complementary error function `1 − erf(x)`, accurate in the tail (floats).
    Erfc,
    /// `ln |Γ(x)|` (SciPy's `gammaln`; floats).
    LnGamma,
    /// The inverse of erf on `[-1, 1]` (floats).
    Erfinv,
    /// The inverse of erfc on `[0, 2]` (floats).
    Erfcinv,
    /// The standard normal quantile on `[0, 1]` (SciPy's `ndtri`; floats).
    Ndtri,
    /// The standard normal CDF (SciPy's `ndtr`; floats).
    Ndtr,
    /// The modified Bessel function of the first kind, order 0 (NumPy's `i0`; floats).
    I0,
    /// The gamma function Γ(x) (SciPy's `gamma`; floats).
    Gamma,
    /// The digamma function ψ(x) = Γ'(x)/Γ(x) (SciPy's `digamma`/`psi`; floats).
    Digamma,
    /// `e^−|x|·I0(x)`, the exponentially scaled I0 (SciPy's `i0e`; floats).
    I0e,
    /// The modified Bessel function of the first kind, order 1 (SciPy's `i1`; floats).
    I1,
    /// `e^−|x|·I1(x)` (SciPy's `i1e`; floats).
    I1e,
    /// The scaled complementary error function `e^(x²)·erfc(x)` (SciPy's `erfcx`; floats).
    Erfcx,
    /// Dawson's integral `e^(−x²)∫₀^x e^(t²) dt` (SciPy's `dawsn`; floats).
    Dawsn,
    /// The imaginary error function `−i·erf(ix)` (SciPy's `erfi`; floats).
    Erfi,
    /// `K(1 − p)`, the complete elliptic integral of the first kind at parameter
    /// `m = 1 − p` (SciPy's `ellipkm1`; floats).
    EllipKm1,
    /// `E(m)`, the complete elliptic integral of the second kind at parameter `m` (SciPy's
    /// `ellipe`; floats).
    EllipE,
    /// Spence's function (the dilogarithm) `∫₁^x ln t/(1 − t) dt = Li₂(1 − x)` (SciPy's
    /// `spence`; floats).
    Spence,
    /// The exponential integral `E₁(x) = ∫ₓ^∞ e^−t/t dt` (SciPy's `exp1`; floats).
    Exp1,
    /// The exponential integral `Ei(x) = −PV∫₋ₓ^∞ e^−t/t dt` (SciPy's `expi`; floats).
    Expi,
    /// The sine integral `Si(x) = ∫₀^x sin t/t dt` (SciPy's `sici(x)[0]`; floats).
    Si,
    /// The cosine integral `Ci(x) = γ + ln|x| + ∫₀^|x| (cos t − 1)/t dt` (SciPy's
    /// `sici(x)[1]`; floats).
    Ci,
    /// The hyperbolic sine integral `Shi(x) = ∫₀^x sinh t/t dt` (SciPy's `shichi(x)[0]`;
    /// floats).
    Shi,
    /// The hyperbolic cosine integral `Chi(x) = γ + ln|x| + ∫₀^|x| (cosh t − 1)/t dt`
    /// (SciPy's `shichi(x)[1]`; floats).
    Chi,
    /// The Kolmogorov distribution's survival function `P(K > x)` (SciPy's `kolmogorov`;
    /// floats).
    Kolmogorov,
    /// Its inverse: the x with `P(K > x) = p` (SciPy's `kolmogi`; floats).
    Kolmogi,
    /// The modified Bessel function of the second kind `K0(x)` (SciPy's `k0`; floats).
    K0,
    /// `e^x·K0(x)` (SciPy's `k0e`; floats).
    K0e,
    /// The modified Bessel function of the second kind `K1(x)` (SciPy's `k1`; floats).
    K1,
    /// `e^x·K1(x)` (SciPy's `k1e`; floats).
    K1e,
    /// The Bessel function of the first kind `J0(x)` (SciPy's `j0`; floats).
    J0,
    /// The Bessel function of the first kind `J1(x)` (SciPy's `j1`; floats).
    J1,
    /// The Bessel function of the second kind `Y0(x)` (SciPy's `y0`; floats).
    Y0,
    /// The Bessel function of the second kind `Y1(x)` (SciPy's `y1`; floats).
    Y1,
    /// The Riemann zeta function `ζ(x)` over the whole real line (SciPy's `zeta(x)`;
    /// floats).
    RiemannZeta,
    /// `ζ(x) − 1` (SciPy's `zetac`; floats).
    Zetac,
    /// `10^x` (SciPy's `exp10`; floats).
    Exp10,
    /// The sine of an angle in degrees (SciPy's `sindg`; floats).
    SinDg,
    /// The cosine of an angle in degrees (SciPy's `cosdg`; floats).
    CosDg,
    /// The tangent of an angle in degrees (SciPy's `tandg`; floats).
    TanDg,
    /// The cotangent of an angle in degrees (SciPy's `cotdg`; floats).
    CotDg,
    /// The inverse of `ln ndtr`: the x with `ln Φ(x) = y` (SciPy's `ndtri_exp`; floats).
    NdtriExp,
}

impl UnaryOp {
    /// Every unary op.
    pub const ALL: [UnaryOp; 71] = [
        UnaryOp::Neg,
        UnaryOp::Abs,
        UnaryOp::Square,
        UnaryOp::Relu,
        UnaryOp::Sqrt,
        UnaryOp::Exp,
        UnaryOp::Ln,
        UnaryOp::Sin,
        UnaryOp::Cos,
        UnaryOp::Tanh,
        UnaryOp::Sigmoid,
        UnaryOp::Floor,
        UnaryOp::Ceil,
        UnaryOp::Round,
        UnaryOp::Recip,
        UnaryOp::Tan,
        UnaryOp::Sinh,
        UnaryOp::Cosh,
        UnaryOp::Asin,
        UnaryOp::Acos,
        UnaryOp::Atan,
        UnaryOp::Exp2,
        UnaryOp::ExpM1,
        UnaryOp::Log2,
        UnaryOp::Log10,
        UnaryOp::Ln1p,
        UnaryOp::Trunc,
        UnaryOp::Sign,
        UnaryOp::Erf,
        UnaryOp::Erfc,
        UnaryOp::LnGamma,
        UnaryOp::Erfinv,
        UnaryOp::Erfcinv,
        UnaryOp::Ndtri,
        UnaryOp::Ndtr,
        UnaryOp::I0,
        UnaryOp::Gamma,
        UnaryOp::Digamma,
        UnaryOp::I0e,
        UnaryOp::I1,
        UnaryOp::I1e,
        UnaryOp::Erfcx,
        UnaryOp::Dawsn,
        UnaryOp::Erfi,
        UnaryOp::EllipKm1,
        UnaryOp::EllipE,
        UnaryOp::Spence,
        UnaryOp::Exp1,
        UnaryOp::Expi,
        UnaryOp::Si,
        UnaryOp::Ci,
        UnaryOp::Shi,
        UnaryOp::Chi,
        UnaryOp::Kolmogorov,
        UnaryOp::Kolmogi,
        UnaryOp::K0,
        UnaryOp::K0e,
        UnaryOp::K1,
        UnaryOp::K1e,
        UnaryOp::J0,
        UnaryOp::J1,
        UnaryOp::Y0,
        UnaryOp::Y1,
        UnaryOp::RiemannZeta,
        UnaryOp::Zetac,
        UnaryOp::Exp10,
        UnaryOp::SinDg,
        UnaryOp::CosDg,
        UnaryOp::TanDg,
        UnaryOp::CotDg,
        UnaryOp::NdtriExp,
    ];

    /// Whether the op is defined for integer dtypes too.
    pub fn supports_int(self) -> bool {
        matches!(self, UnaryOp::Neg | UnaryOp::Abs | UnaryOp::Square | UnaryOp::Relu | UnaryOp::Sign)
    }

    /// Lower-case name, as used in kernel names and messages.
    pub fn name(self) -> &'static str {
        match self {
            UnaryOp::Neg => "neg",
            UnaryOp::Abs => "abs",
            UnaryOp::Square => "square",
            UnaryOp::Relu => "relu",
            UnaryOp::Sqrt => "sqrt",
            UnaryOp::Exp => "exp",
            UnaryOp::Ln => "ln",
            UnaryOp::Sin => "sin",
            UnaryOp::Cos => "cos",
            UnaryOp::Tanh => "tanh",
            UnaryOp::Sigmoid => "sigmoid",
            UnaryOp::Floor => "floor",
            UnaryOp::Ceil => "ceil",
            UnaryOp::Round => "round",
            UnaryOp::Recip => "recip",
            UnaryOp::Tan => "tan",
            UnaryOp::Sinh => "sinh",
            UnaryOp::Cosh => "cosh",
            UnaryOp::Asin => "asin",
            UnaryOp::Acos => "acos",
            UnaryOp::Atan => "atan",
            UnaryOp::Exp2 => "exp2",
            UnaryOp::ExpM1 => "exp_m1",
            UnaryOp::Log2 => "log2",
            UnaryOp::Log10 => "log10",
            UnaryOp::Ln1p => "ln_1p",
            UnaryOp::Trunc => "trunc",
            UnaryOp::Sign => "sign",
            UnaryOp::Erf => "erf",
            UnaryOp::Erfc => "erfc",
            UnaryOp::LnGamma => "ln_gamma",
            UnaryOp::Erfinv => "erfinv",
            UnaryOp::Erfcinv => "erfcinv",
            UnaryOp::Ndtri => "ndtri",
            UnaryOp::Ndtr => "ndtr",
            UnaryOp::I0 => "i0",
            UnaryOp::Gamma => "gamma",
            UnaryOp::Digamma => "digamma",
            UnaryOp::I0e => "i0e",
            UnaryOp::I1 => "i1",
            UnaryOp::I1e => "i1e",
            UnaryOp::Erfcx => "erfcx",
            UnaryOp::Dawsn => "dawsn",
            UnaryOp::Erfi => "erfi",
            UnaryOp::EllipKm1 => "ellipkm1",
            UnaryOp::EllipE => "ellipe",
            UnaryOp::Spence => "spence",
            UnaryOp::Exp1 => "exp1",
            UnaryOp::Expi => "expi",
            UnaryOp::Si => "si",
            UnaryOp::Ci => "ci",
            UnaryOp::Shi => "shi",
            UnaryOp::Chi => "chi",
            UnaryOp::Kolmogorov => "kolmogorov",
            UnaryOp::Kolmogi => "kolmogi",
            UnaryOp::K0 => "k0",
            UnaryOp::K0e => "k0e",
            UnaryOp::K1 => "k1",
            UnaryOp::K1e => "k1e",
            UnaryOp::J0 => "j0",
            UnaryOp::J1 => "j1",
            UnaryOp::Y0 => "y0",
            UnaryOp::Y1 => "y1",
            UnaryOp::RiemannZeta => "riemann_zeta",
            UnaryOp::Zetac => "zetac",
            UnaryOp::Exp10 => "exp10",
            UnaryOp::SinDg => "sindg",
            UnaryOp::CosDg => "cosdg",
            UnaryOp::TanDg => "tandg",
            UnaryOp::CotDg => "cotdg",
            UnaryOp::NdtriExp => "ndtri_exp",
        }
    }
}

/// Elementwise functions of two operands with the same dtype.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BinaryOp {
    /// `a + b` (wrapping for integers).
    Add,
    /// `a - b` (wrapping for integers).
    Sub,
    /// `a * b` (wrapping for integers).
    Mul,
    /// `a / b`; integers truncate toward zero and `x / 0 = 0`.
    Div,
    /// Remainder with the sign of `a` (C/Rust `%`); integers: `x % 0 = 0`.
    Rem,
    /// `a^b`; integers by repeated squaring, wrapping; negative exponents truncate.
    Pow,
    /// Larger of the two; NaN propagates.
    Maximum,
    /// Smaller of the two; NaN propagates.
    Minimum,
    /// `floor(a / b)` (NumPy's `//`); integers: `x // 0 = 0`; floats follow NumPy's
    /// `divmod` (`x // 0` is `x / 0`).
    FloorDiv,
    /// Remainder with the sign of `b` (NumPy's `%`), so `a == b * (a // b) + a % b`;
    /// integers: `x % 0 = 0`; floats: `x % 0` is NaN.
    FloorRem,
    /// `atan2(a, b)`: the angle of the point `(b, a)`, in `[-π, π]` (floats).
    Atan2,
    /// `sqrt(a² + b²)` without overflow or underflow in between; infinite when either
    /// is, even if the other is NaN (floats).
    Hypot,
    /// Larger of the two ignoring NaN: NaN only when both are (NumPy's `fmax`).
    FMax,
    /// Smaller of the two ignoring NaN: NaN only when both are (NumPy's `fmin`).
    FMin,
    /// The magnitude of `a` with the sign of `b`, signed zeros and NaN's sign bit
    /// included (floats).
    Copysign,
    /// `a & b`, bit by bit (integers).
    BitAnd,
    /// `a | b`, bit by bit (integers).
    BitOr,
    /// `a ^ b`, bit by bit (integers).
    BitXor,
    /// `a << b` (integers); a shift by 32 or more — or by a negative `i32` amount,
    /// taken as unsigned — gives 0, as NumPy's `left_shift`.
    Shl,
    /// `a >> b` (integers, arithmetic for `i32`); a shift by 32 or more gives 0, or −1
    /// for a negative `i32`, as NumPy's `right_shift`.
    Shr,
    /// `ln |B(a, b)|`, the log of the beta function (SciPy's `betaln`; floats).
    BetaLn,
    /// The Hurwitz zeta function `ζ(a, b) = Σₖ (b + k)^−a` (SciPy's `zeta`; floats).
    Zeta,
    /// The regularised lower incomplete gamma function `P(a, b) = γ(a, b)/Γ(a)` (SciPy's
    /// `gammainc`; floats).
    GammaInc,
    /// The regularised upper incomplete gamma function `Q(a, b) = Γ(a, b)/Γ(a) = 1 −
    /// P(a, b)` (SciPy's `gammaincc`; floats).
    GammaIncC,
    /// The inverse of `GammaInc` in its second argument: the x with `P(a, x) = b`
    /// (SciPy's `gammaincinv`; floats).
    GammaIncInv,
    /// The inverse of `GammaIncC` in its second argument: the x with `Q(a, x) = b`
    /// (SciPy's `gammainccinv`; floats).
    GammaIncCInv,
    /// The generalised exponential integral `E_a(b) = ∫₁^∞ e^(−bt)/t^a dt`, a truncated
    /// toward zero (SciPy's `expn`; floats).
    ExpN,
    /// The Bessel function of the second kind of integer order, `Y_a(b)`, a truncated
    /// toward zero (SciPy's `yn`; floats).
    Yn,
    /// The spherical Bessel function of the second kind `y_a(b)`, a truncated toward zero
    /// (SciPy's `spherical_yn`; floats).
    SphericalYn,
    /// Its derivative in b, `y_a′(b)` (SciPy's `spherical_yn(a, b, derivative=True)`;
    /// floats).
    SphericalYnD,
    /// The Pochhammer symbol (rising factorial) `(a)_b = Γ(a + b)/Γ(a)` (SciPy's `poch`;
    /// floats).
    Poch,
    /// The binomial coefficient `C(a, b) = Γ(a + 1)/(Γ(b + 1)·Γ(a − b + 1))` for real
    /// arguments (SciPy's `binom`; floats).
    Binom,
    /// The one-sided Kolmogorov–Smirnov statistic's survival function `P(D_a^+ ≥ b)` for
    /// a samples, a truncated toward zero (SciPy's `smirnov`; floats).
    Smirnov,
    /// Its inverse in b: the x with `P(D_a^+ ≥ x) = b` (SciPy's `smirnovi`; floats).
    Smirnovi,
    /// The Kullback–Leibler term `a·ln(a/b) − a + b` (SciPy's `kl_div`; floats).
    KlDiv,
    /// Jacobi's elliptic function `sn(a | b)` at parameter m = b (SciPy's `ellipj(a, b)[0]`;
    /// floats).
    EllipjSn,
    /// Jacobi's `cn(a | b)` (SciPy's `ellipj(a, b)[1]`; floats).
    EllipjCn,
    /// Jacobi's `dn(a | b)` (SciPy's `ellipj(a, b)[2]`; floats).
    EllipjDn,
    /// The amplitude `am(a | b)`, with `sn = sin am` and `cn = cos am` (SciPy's
    /// `ellipj(a, b)[3]`; floats).
    EllipjAm,
    /// The incomplete elliptic integral of the first kind `F(a | b)`, amplitude a and
    /// parameter m = b (SciPy's `ellipkinc`; floats).
    EllipKinc,
    /// The incomplete elliptic integral of the second kind `E(a | b)` (SciPy's
    /// `ellipeinc`; floats).
    EllipEinc,
    /// Carlson's degenerate symmetric integral `R_C(a, b)`, Cauchy's principal value for
    /// b < 0 (SciPy's `elliprc`; floats).
    EllipRc,
    /// The arithmetic–geometric mean of a and b (SciPy's `agm`; floats).
    Agm,
    /// The beta function `B(a, b) = Γ(a)Γ(b)/Γ(a + b)` (SciPy's `beta`; floats).
    Beta,
}

impl BinaryOp {
    /// Every binary op.
    pub const ALL: [BinaryOp; 44] = [
        BinaryOp::Add,
        BinaryOp::Sub,
        BinaryOp::Mul,
        BinaryOp::Div,
        BinaryOp::Rem,
        BinaryOp::Pow,
        BinaryOp::Maximum,
        BinaryOp::Minimum,
        BinaryOp::FloorDiv,
        BinaryOp::FloorRem,
        BinaryOp::Atan2,
        BinaryOp::Hypot,
        BinaryOp::FMax,
        BinaryOp::FMin,
        BinaryOp::Copysign,
        BinaryOp::BitAnd,
        BinaryOp::BitOr,
        BinaryOp::BitXor,
        BinaryOp::Shl,
        BinaryOp::Shr,
        BinaryOp::BetaLn,
        BinaryOp::Zeta,
        BinaryOp::GammaInc,
        BinaryOp::GammaIncC,
        BinaryOp::GammaIncInv,
        BinaryOp::GammaIncCInv,
        BinaryOp::ExpN,
        BinaryOp::Yn,
        BinaryOp::SphericalYn,
        BinaryOp::SphericalYnD,
        BinaryOp::Poch,
        BinaryOp::Binom,
        BinaryOp::Smirnov,
        BinaryOp::Smirnovi,
        BinaryOp::KlDiv,
        BinaryOp::Beta,
        BinaryOp::EllipjSn,
        BinaryOp::EllipjCn,
        BinaryOp::EllipjDn,
        BinaryOp::EllipjAm,
        BinaryOp::EllipKinc,
        BinaryOp::EllipEinc,
        BinaryOp::EllipRc,
        BinaryOp::Agm,
    ];

    /// Whether the op is defined for integer dtypes.
    pub fn supports_int(self) -> bool {
        !matches!(
            self,
            BinaryOp::Atan2
                | BinaryOp::Hypot
                | BinaryOp::Copysign
                | BinaryOp::BetaLn
                | BinaryOp::Zeta
                | BinaryOp::GammaInc
                | BinaryOp::GammaIncC
                | BinaryOp::GammaIncInv
                | BinaryOp::GammaIncCInv
                | BinaryOp::ExpN
                | BinaryOp::Yn
                | BinaryOp::SphericalYn
                | BinaryOp::SphericalYnD
                | BinaryOp::Poch
                | BinaryOp::Binom
                | BinaryOp::Smirnov
                | BinaryOp::Smirnovi
                | BinaryOp::KlDiv
                | BinaryOp::Beta
                | BinaryOp::EllipjSn
                | BinaryOp::EllipjCn
                | BinaryOp::EllipjDn
                | BinaryOp::EllipjAm
                | BinaryOp::EllipKinc
                | BinaryOp::EllipEinc
                | BinaryOp::EllipRc
                | BinaryOp::Agm
        )
    }

    /// Whether the op is defined for float dtypes (the bitwise ops are not).
    pub fn supports_float(self) -> bool {
        !self.is_bitwise()
    }

    /// The integer-only bit operations: `BitAnd`, `BitOr`, `BitXor`, `Shl`, `Shr`.
    pub fn is_bitwise(self) -> bool {
        matches!(self, BinaryOp::BitAnd | BinaryOp::BitOr | BinaryOp::BitXor | BinaryOp::Shl | BinaryOp::Shr)
    }

    /// Whether the op is defined for `dtype` (no binary op is defined for `bool`).
    pub fn defined_for(self, dtype: DType) -> bool {
        dtype != DType::Bool && if dtype.is_float() { self.supports_float() } else { self.supports_int() }
    }

    /// Lower-case name, as used in kernel names and messages.
    pub fn name(self) -> &'static str {
        match self {
            BinaryOp::Add => "add",
            BinaryOp::Sub => "sub",
            BinaryOp::Mul => "mul",
            BinaryOp::Div => "div",
            BinaryOp::Rem => "rem",
            BinaryOp::Pow => "pow",
            BinaryOp::Maximum => "maximum",
            BinaryOp::Minimum => "minimum",
            BinaryOp::FloorDiv => "floor_div",
            BinaryOp::FloorRem => "floor_rem",
            BinaryOp::Atan2 => "atan2",
            BinaryOp::Hypot => "hypot",
            BinaryOp::FMax => "fmax",
            BinaryOp::FMin => "fmin",
            BinaryOp::Copysign => "copysign",
            BinaryOp::BitAnd => "bit_and",
            BinaryOp::BitOr => "bit_or",
            BinaryOp::BitXor => "bit_xor",
            BinaryOp::Shl => "shl",
            BinaryOp::Shr => "shr",
            BinaryOp::BetaLn => "betaln",
            BinaryOp::Zeta => "zeta",
            BinaryOp::GammaInc => "gammainc",
            BinaryOp::GammaIncC => "gammaincc",
            BinaryOp::GammaIncInv => "gammaincinv",
            BinaryOp::GammaIncCInv => "gammainccinv",
            BinaryOp::ExpN => "expn",
            BinaryOp::Yn => "yn",
            BinaryOp::SphericalYn => "spherical_yn",
            BinaryOp::SphericalYnD => "spherical_yn_d",
            BinaryOp::Poch => "poch",
            BinaryOp::Binom => "binom",
            BinaryOp::Smirnov => "smirnov",
            BinaryOp::Smirnovi => "smirnovi",
            BinaryOp::KlDiv => "kl_div",
            BinaryOp::Beta => "beta",
            BinaryOp::EllipjSn => "ellipj_sn",
            BinaryOp::EllipjCn => "ellipj_cn",
            BinaryOp::EllipjDn => "ellipj_dn",
            BinaryOp::EllipjAm => "ellipj_am",
            BinaryOp::EllipKinc => "ellipkinc",
            BinaryOp::EllipEinc => "ellipeinc",
            BinaryOp::EllipRc => "elliprc",
            BinaryOp::Agm => "agm",
        }
    }
}

/// Elementwise functions of three float operands with the same dtype.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TernaryOp {
    /// The regularised incomplete beta function `I_c(a, b)` (SciPy's `betainc(a, b, x)`
    /// with x = c).
    BetaInc,
    /// Its complement `1 − I_c(a, b) = I_(1−c)(b, a)` (SciPy's `betaincc`).
    BetaIncC,
    /// The inverse of `BetaInc` in x: the x with `I_x(a, b) = c` (SciPy's `betaincinv`).
    BetaIncInv,
    /// The inverse of `BetaIncC` in x: the x with `1 − I_x(a, b) = c` (SciPy's
    /// `betainccinv`).
    BetaIncCInv,
    /// Carlson's symmetric integral of the first kind `R_F(a, b, c)` (SciPy's `elliprf`).
    EllipRf,
    /// Carlson's `R_D(a, b, c)`, of the second kind, c the distinguished argument (SciPy's
    /// `elliprd`).
    EllipRd,
    /// Carlson's completely symmetric `R_G(a, b, c)`, of the second kind (SciPy's
    /// `elliprg`).
    EllipRg,
    /// The associated Legendre function `P_b^a(c)` of integer order a and real degree b,
    /// with the Condon–Shortley phase (SciPy's `lpmv(m, v, x)`).
    Lpmv,
    /// Wright's generalized Bessel function `Φ(a, b; c) = Σ cᵏ/(k!·Γ(ak + b))` (SciPy's
    /// `wright_bessel`).
    WrightBessel,
    /// Its natural logarithm `ln Φ(a, b; c)` (SciPy's `log_wright_bessel`).
    LogWrightBessel,
    /// The spherical Legendre function `P̄_a^b(c) = Y_a^b(c, 0)` of integer degree a and
    /// order b at the polar angle c (SciPy's `sph_legendre_p(n, m, theta)`).
    SphLegendreP,
}

impl TernaryOp {
    /// Every ternary op, in declaration order.
    pub const ALL: [TernaryOp; 11] = [
        TernaryOp::BetaInc,
        TernaryOp::BetaIncC,
        TernaryOp::BetaIncInv,
        TernaryOp::BetaIncCInv,
        TernaryOp::EllipRf,
        TernaryOp::EllipRd,
        TernaryOp::EllipRg,
        TernaryOp::Lpmv,
        TernaryOp::WrightBessel,
        TernaryOp::LogWrightBessel,
        TernaryOp::SphLegendreP,
    ];

    /// Lower-case name, as used in kernel names and messages.
    pub fn name(self) -> &'static str {
        match self {
            TernaryOp::BetaInc => "betainc",
            TernaryOp::BetaIncC => "betaincc",
            TernaryOp::BetaIncInv => "betaincinv",
            TernaryOp::BetaIncCInv => "betainccinv",
            TernaryOp::EllipRf => "elliprf",
            TernaryOp::EllipRd => "elliprd",
            TernaryOp::EllipRg => "elliprg",
            TernaryOp::Lpmv => "lpmv",
            TernaryOp::WrightBessel => "wright_bessel",
            TernaryOp::LogWrightBessel => "log_wright_bessel",
            TernaryOp::SphLegendreP => "sph_legendre_p",
        }
    }
}

/// Elementwise functions of four float operands with the same dtype.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum QuaternaryOp {
    /// Carlson's symmetric integral of the third kind `R_J(a, b, c, d)` (SciPy's
    /// `elliprj(x, y, z, p)`; for d < 0 Cauchy's principal value).
    EllipRj,
    /// The Gauss hypergeometric function `₂F₁(a, b; c; d)` (SciPy's `hyp2f1(a, b, c, z)`,
    /// real arguments).
    Hyp2f1,
}

impl QuaternaryOp {
    /// Every quaternary op, in declaration order.
    pub const ALL: [QuaternaryOp; 2] = [QuaternaryOp::EllipRj, QuaternaryOp::Hyp2f1];

    /// Lower-case name, as used in kernel names and messages.
    pub fn name(self) -> &'static str {
        match self {
            QuaternaryOp::EllipRj => "elliprj",
            QuaternaryOp::Hyp2f1 => "hyp2f1",
        }
    }
}

/// Elementwise comparisons producing a `bool` mask (IEEE: NaN compares unequal).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CompareOp {
    /// `a == b`
    Eq,
    /// `a != b`
    Ne,
    /// `a < b`
    Lt,
    /// `a <= b`
    Le,
    /// `a > b`
    Gt,
    /// `a >= b`
    Ge,
}

impl CompareOp {
    /// Every comparison.
    pub const ALL: [CompareOp; 6] =
        [CompareOp::Eq, CompareOp::Ne, CompareOp::Lt, CompareOp::Le, CompareOp::Gt, CompareOp::Ge];

    /// Lower-case name, as used in kernel names and messages.
    pub fn name(self) -> &'static str {
        match self {
            CompareOp::Eq => "eq",
            CompareOp::Ne => "ne",
            CompareOp::Lt => "lt",
            CompareOp::Le => "le",
            CompareOp::Gt => "gt",
            CompareOp::Ge => "ge",
        }
    }
}

/// Reductions. Results have the input dtype except `ArgMax`/`ArgMin` (u32).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ReduceOp {
    /// Sum (pairwise for floats, wrapping for integers); 0 when empty.
    Sum,
    /// Product; 1 when empty.
    Prod,
    /// Maximum; NaN propagates.
    Max,
    /// Minimum; NaN propagates.
    Min,
    /// Arithmetic mean (floats); NaN when empty.
    Mean,
    /// Population variance, ddof = 0 (floats); NaN when empty.
    Var,
    /// Population standard deviation (floats); NaN when empty.
    Std,
    /// L2 norm `sqrt(Σ x²)` (floats); 0 when empty.
    Norm,
    /// Index of the first maximum; a NaN counts as the maximum.
    ArgMax,
    /// Index of the first minimum; a NaN counts as the minimum.
    ArgMin,
}

impl ReduceOp {
    /// Every reduction.
    pub const ALL: [ReduceOp; 10] = [
        ReduceOp::Sum,
        ReduceOp::Prod,
        ReduceOp::Max,
        ReduceOp::Min,
        ReduceOp::Mean,
        ReduceOp::Var,
        ReduceOp::Std,
        ReduceOp::Norm,
        ReduceOp::ArgMax,
        ReduceOp::ArgMin,
    ];

    /// Lower-case name, as used in kernel names and messages.
    pub fn name(self) -> &'static str {
        match self {
            ReduceOp::Sum => "sum",
            ReduceOp::Prod => "prod",
            ReduceOp::Max => "max",
            ReduceOp::Min => "min",
            ReduceOp::Mean => "mean",
            ReduceOp::Var => "var",
            ReduceOp::Std => "std",
            ReduceOp::Norm => "norm",
            ReduceOp::ArgMax => "argmax",
            ReduceOp::ArgMin => "argmin",
        }
    }

    /// Whether the reduction of zero elements is an error (no identity).
    pub fn needs_elements(self) -> bool {
        matches!(self, ReduceOp::Max | ReduceOp::Min | ReduceOp::ArgMax | ReduceOp::ArgMin)
    }

    /// Whether the op is only defined for float dtypes.
    pub fn float_only(self) -> bool {
        matches!(self, ReduceOp::Mean | ReduceOp::Var | ReduceOp::Std | ReduceOp::Norm)
    }

    /// The dtype of the result for input `dtype`.
    pub fn output_dtype(self, dtype: DType) -> DType {
        match self {
            ReduceOp::ArgMax | ReduceOp::ArgMin => DType::U32,
            _ => dtype,
        }
    }
}

/// How `fill` initialises a new array: `out[i] = value`, or `start + i·step` in f64
/// then converted, or NumPy's linspace.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fill {
    /// Every element equal.
    Constant(ScalarValue),
    /// `start + i * step` computed in f64, then converted to the dtype.
    Arange {
        /// First value.
        start: f64,
        /// Increment.
        step: f64,
    },
    /// `start + i * (stop - start) / (n - 1)` with the last element exactly `stop`.
    Linspace {
        /// First value.
        start: f64,
        /// Last value.
        stop: f64,
    },
}

/// A distribution for the counter-based generator (see [`philox`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Distribution {
    /// Uniform on `[low, high)`.
    Uniform {
        /// Inclusive lower bound.
        low: ScalarValue,
        /// Exclusive upper bound.
        high: ScalarValue,
    },
    /// Normal with the given mean and standard deviation (floats).
    Normal {
        /// Mean.
        mean: f64,
        /// Standard deviation.
        std: f64,
    },
    /// Gamma with the given shape `k > 0` and scale 1 (floats), by Marsaglia and Tsang's
    /// rejection method per element (see [`philox`](crate::backend::philox)).
    Gamma {
        /// Shape.
        k: f64,
    },
}

/// A strided view of backend storage.
pub(crate) struct View<'a, S> {
    pub storage: &'a S,
    pub layout: &'a Layout,
}

impl<S> Clone for View<'_, S> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<S> Copy for View<'_, S> {}

/// One operand of an elementwise op: a strided array or a scalar.
pub(crate) enum Operand<'a, S> {
    Array(View<'a, S>),
    Scalar(ScalarValue),
}

impl<S> Clone for Operand<'_, S> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<S> Copy for Operand<'_, S> {}

/// The largest radix of a [`Backend::fft`] step: lengths with a larger prime factor go
/// through Bluestein's algorithm (`ops::fft`).
pub(crate) const LARGEST_RADIX: usize = 64;

/// What every backend implements. Outputs are contiguous row-major storage.
pub(crate) trait Backend: Send + Sync + 'static {
    /// The backend's buffer type (dtype-erased; the dtype travels with each call).
    type Storage: Send + Sync + 'static;

    /// Borrows this backend's storage out of the device-neutral enum.
    fn storage<'a>(&self, s: &'a Storage) -> Result<&'a Self::Storage>;
    /// Mutable borrow, for in-place ops.
    fn storage_mut<'a>(&self, s: &'a mut Storage) -> Result<&'a mut Self::Storage>;
    /// Wraps backend storage into the device-neutral enum.
    fn wrap(&self, s: Self::Storage) -> Storage;

    /// Static description of the device.
    fn info(&self) -> DeviceInfo;
    /// Live counters.
    fn counters(&self) -> &Counters;
    /// Whether kernels exist for `dtype` on this device.
    fn supports(&self, dtype: DType) -> bool;
    /// Waits for all queued work.
    fn synchronize(&self) -> Result<()>;
    /// Releases pooled, unused memory back to the device or OS.
    fn trim(&self);

    /// Copies borrowed host data to a new buffer.
    fn upload_slice(&self, data: HostSlice<'_>) -> Result<Self::Storage>;
    /// Moves host data into a new buffer: a copy on a GPU; the CPU keeps the vector itself.
    fn upload(&self, data: HostVec) -> Result<Self::Storage> {
        self.upload_slice(data.as_slice())
    }
    /// The elements of a view as a host slice, when the storage is host memory and the
    /// view contiguous (the CPU backend); `None` otherwise. Lets a transfer from the
    /// CPU read the array in place instead of downloading a copy first.
    fn host_view<'a>(&self, _src: View<'a, Self::Storage>) -> Option<HostSlice<'a>> {
        None
    }
    /// Copies the elements of a view to the host, in row-major order.
    fn download(&self, dtype: DType, src: View<'_, Self::Storage>) -> Result<HostVec>;
    /// A new contiguous array of `len` elements initialised by `fill`.
    fn fill(&self, dtype: DType, len: usize, fill: Fill) -> Result<Self::Storage>;
    /// `len` counter-based random numbers for `seed` (element `i` uses counter `i`).
    fn random(&self, dtype: DType, len: usize, dist: Distribution, seed: u64) -> Result<Self::Storage>;
    /// A contiguous copy of a view.
    fn copy(&self, dtype: DType, src: View<'_, Self::Storage>) -> Result<Self::Storage>;
    /// A new contiguous buffer holding the elements of each part (any strides, each in
    /// row-major order), one part after another.
    fn concat(&self, dtype: DType, parts: &[View<'_, Self::Storage>]) -> Result<Self::Storage>;
    /// The gather `g` (`take`, `take_along_axis`): a new contiguous array of `g.shape`
    /// whose element `i` is `src[src_offset(i) + wrap(indices[idx_offset(i)]) · g.step]`,
    /// the offsets taken from each view's own offset and `g`'s strides; `indices` holds
    /// `index_dtype` (`U32` or `I32`), and `wrap` is Python's modulo by `g.len` (> 0
    /// whenever the output is non-empty).
    fn gather(
        &self,
        dtype: DType,
        src: View<'_, Self::Storage>,
        indices: View<'_, Self::Storage>,
        index_dtype: DType,
        g: &Gather,
    ) -> Result<Self::Storage>;
    /// Scatter (`put`), in place: for every `i` in `0..n` element `wrap(indices[i])` of
    /// `dst` (dense: `span` is its first element and length `len`) becomes `values[i]`; when
    /// several `i` name one element, the largest `i` wins (NumPy's sequential order).
    /// `indices` (`index_dtype`: `U32` or `I32`) is 1-D and dense; `values` 1-D, dense or
    /// broadcast (stride 0); both have `n < u32::MAX` elements. `wrap` is Python's
    /// modulo by `len` (> 0 whenever `n` > 0).
    fn scatter(
        &self,
        dtype: DType,
        dst: &mut Self::Storage,
        span: (usize, usize),
        indices: View<'_, Self::Storage>,
        index_dtype: DType,
        values: View<'_, Self::Storage>,
    ) -> Result<()>;
    /// Scatter-add (`np.add.at`), in place: for every `i` in `0..n`, `values[i]` is added
    /// to element `wrap(indices[i])` of `dst` — every occurrence of a repeated index
    /// counting; integers wrap. Arguments as in [`Backend::scatter`]; `dtype` is numeric.
    /// The order of the additions is the backend's (CPU: index order; GPUs: atomics).
    fn scatter_add(
        &self,
        dtype: DType,
        dst: &mut Self::Storage,
        span: (usize, usize),
        indices: View<'_, Self::Storage>,
        index_dtype: DType,
        values: View<'_, Self::Storage>,
    ) -> Result<()>;
    /// Occurrences (`bincount`): a new contiguous `u32` array of `len` counts whose
    /// element `v` is the number of elements of `values` (`u32`, 1-D, dense) equal to
    /// `v`; values `>= len` are not counted.
    fn bincount(&self, values: View<'_, Self::Storage>, len: usize) -> Result<Self::Storage>;
    /// Compaction (`extract`, `flatnonzero`): a new contiguous array of `count` elements
    /// of `dtype` in which, for every `i` with `mask[i]`, element `positions[i] - 1` is
    /// `values[i]` — or `i` itself (as u32) when `values` is `None`. Every view is 1-D,
    /// dense (stride 1) and of one length; `positions` (u32) is the inclusive running
    /// count of `mask`, whose last element is `count`.
    fn compact(
        &self,
        dtype: DType,
        values: Option<View<'_, Self::Storage>>,
        mask: View<'_, Self::Storage>,
        positions: View<'_, Self::Storage>,
        count: usize,
    ) -> Result<Self::Storage>;
    /// Converts every element to `to` (floats to ints truncate and saturate).
    fn cast(&self, from: DType, to: DType, src: View<'_, Self::Storage>) -> Result<Self::Storage>;

    /// `op(src)` elementwise.
    fn unary(&self, op: UnaryOp, dtype: DType, src: View<'_, Self::Storage>) -> Result<Self::Storage>;
    /// `op(lhs, rhs)` over `shape`; array operands are already broadcast to `shape`.
    fn binary(
        &self,
        op: BinaryOp,
        dtype: DType,
        lhs: Operand<'_, Self::Storage>,
        rhs: Operand<'_, Self::Storage>,
        shape: &[usize],
    ) -> Result<Self::Storage>;
    /// `dst = op(dst, rhs)` in place over `dst_layout` (no overlap; `rhs` broadcast to it).
    fn binary_assign(
        &self,
        op: BinaryOp,
        dtype: DType,
        dst: &mut Self::Storage,
        dst_layout: &Layout,
        rhs: Operand<'_, Self::Storage>,
    ) -> Result<()>;
    /// `op(a, b, c)` over `shape` for a float dtype; all three are already broadcast to
    /// `shape`.
    fn ternary(
        &self,
        op: TernaryOp,
        dtype: DType,
        inputs: [View<'_, Self::Storage>; 3],
        shape: &[usize],
    ) -> Result<Self::Storage>;
    /// `op(a, b, c, d)` over `shape` for a float dtype; all four are already broadcast to
    /// `shape`.
    fn quaternary(
        &self,
        op: QuaternaryOp,
        dtype: DType,
        inputs: [View<'_, Self::Storage>; 4],
        shape: &[usize],
    ) -> Result<Self::Storage>;
    /// `op(lhs, rhs)` as a bool mask over `shape`.
    fn compare(
        &self,
        op: CompareOp,
        dtype: DType,
        lhs: Operand<'_, Self::Storage>,
        rhs: Operand<'_, Self::Storage>,
        shape: &[usize],
    ) -> Result<Self::Storage>;
    /// `mask ? on_true : on_false` over `shape` (all three broadcast to it).
    fn select(
        &self,
        dtype: DType,
        mask: View<'_, Self::Storage>,
        on_true: View<'_, Self::Storage>,
        on_false: View<'_, Self::Storage>,
        shape: &[usize],
    ) -> Result<Self::Storage>;

    /// Inclusive scan (`cumsum` and friends) along the middle dimension of a 3-D view
    /// `[outer, len, inner]`: `out[o, j, k] = op(out[o, j - 1, k], src[o, j, k])`, with
    /// `out[o, 0, k] = src[o, 0, k]`; `op` is `Add`, `Mul`, `Maximum` or `Minimum`.
    /// The output is contiguous `[outer, len, inner]`.
    fn scan(&self, op: BinaryOp, dtype: DType, src: View<'_, Self::Storage>) -> Result<Self::Storage>;
    /// The sorting permutation (`argsort`) of each row of a 2-D view `[rows, n]` (rows
    /// dense — stride 1 along them — and a row stride ≥ 0): a new contiguous `u32` array `[rows, n]` whose row `r`
    /// lists the positions of row `r`'s elements in ascending order — NaN after
    /// everything, `-0.0 == 0.0`, equal elements by position (a stable sort) — so every
    /// backend returns the same permutation. `n < u32::MAX`.
    fn argsort(&self, dtype: DType, src: View<'_, Self::Storage>) -> Result<Self::Storage>;
    /// Selection (`argpartition`) in each row of a view as [`Backend::argsort`] takes it:
    /// a new contiguous `u32` array `[rows, n]` of positions in which, for every `k` of
    /// `kth` (ascending, distinct, each `< n`), entry `k` of a row is what `argsort` puts
    /// there, the entries before it name elements that sort no later and those after it
    /// elements that sort no earlier. `Ok(None)` when the backend has no selection of
    /// its own: the caller sorts (a sort meets this contract).
    fn argpartition(&self, dtype: DType, src: View<'_, Self::Storage>, kth: &[usize]) -> Result<Option<Self::Storage>> {
        let _ = (dtype, src, kth);
        Ok(None)
    }
    /// Insertion points (`searchsorted`): for each element `v` of `values` (1-D, dense), the
    /// number of elements of `sorted` (1-D, dense, ascending in [`Backend::argsort`]'s
    /// order) that sort before `v` — or, with `right`, that do not sort after it — as a
    /// new contiguous `u32` array. `sorted` has fewer than `u32::MAX` elements.
    fn search(
        &self,
        dtype: DType,
        sorted: View<'_, Self::Storage>,
        values: View<'_, Self::Storage>,
        right: bool,
    ) -> Result<Self::Storage>;
    /// The forward DFT (`fft`) of each of the `batch` transforms of `n ≥ 2` complex
    /// values in `src`, by Stockham steps of the given `radices` (their product is `n`;
    /// all 2 for a power of two): `src` dense (stride 1, an even offset) (re, im) pairs
    /// of `dtype` (a float); `twiddles` dense, the `n` pairs `T[j] = e^{-2πij/n}`.
    /// Returns `batch · n` contiguous pairs in natural order.
    ///
    /// The step of radix `r` with `l` (the product of the radices before it) reads each
    /// transform as an `[l, m]` matrix `X` (`m = n / l`, `h = m / r`) and writes the
    /// `[r·l, h]` matrix `Y[k + q·l, c] = Σ_p X[k, c + p·h] · T[p·(k·h + q·n/r) mod n]`
    /// (for radix 2: `E ± T[k·h]·O`). Backends group the steps as they like (a
    /// power-of-two transform in cache or in workgroup memory when it is short).
    fn fft(
        &self,
        dtype: DType,
        src: View<'_, Self::Storage>,
        twiddles: View<'_, Self::Storage>,
        n: usize,
        radices: &[usize],
    ) -> Result<Self::Storage>;
    /// Reduces the last `reduced` dimensions of `src`; the output is contiguous with the
    /// shape of the leading dimensions. Empty reductions are handled by the caller for
    /// ops without identity.
    fn reduce(&self, op: ReduceOp, dtype: DType, src: View<'_, Self::Storage>, reduced: usize)
        -> Result<Self::Storage>;
    /// Inner product of two 1-D views of equal length, as a one-element buffer.
    fn dot(&self, dtype: DType, a: View<'_, Self::Storage>, b: View<'_, Self::Storage>) -> Result<Self::Storage>;
    /// `[..batch, m, k] @ [..batch, k, n]` with identical batch shapes (broadcast batch
    /// dimensions have stride 0); output `[..batch, m, n]` contiguous.
    fn matmul(&self, dtype: DType, lhs: View<'_, Self::Storage>, rhs: View<'_, Self::Storage>)
        -> Result<Self::Storage>;
}

/// A gather (`take`, `take_along_axis`) as two strided operands over the output's
/// shape: the source with stride 0 wherever the index picks the position (the
/// gathered axis's own stride becomes `step`, scaling the wrapped index), and the
/// indices (stride 0 where they are broadcast). Built by `src/ops/index.rs`; every
/// backend reads `src[src_offset(i) + wrap(idx[idx_offset(i)]) · step]`.
pub(crate) struct Gather {
    /// The output's shape.
    pub shape: Vec<usize>,
    /// The source's strides over `shape`.
    pub src_strides: Vec<isize>,
    /// The indices' strides over `shape`.
    pub idx_strides: Vec<isize>,
    /// The source's stride along the gathered axis.
    pub step: isize,
    /// The gathered axis's length (what indices wrap by).
    pub len: usize,
}

/// Device-neutral storage: the only enum over backends that the front sees.
pub(crate) enum Storage {
    Cpu(cpu::CpuStorage),
    // Constructed only by the GPU backends; uninhabited while a backend is compiled out.
    #[allow(dead_code)]
    Wgpu(wgpu::WgpuStorage),
    #[allow(dead_code)]
    Cuda(cuda::CudaStorage),
}

#[allow(unused_macros)] // used only when a backend's feature is off
/// Implements [`Backend`] for an uninhabited type: a backend that is compiled out (or
/// not built yet) keeps the enums' shape while no value of it can exist.
macro_rules! uninhabited_backend {
    ($backend:ty, $storage:ty) => {
        impl $crate::backend::Backend for $backend {
            type Storage = $storage;
            fn storage<'a>(&self, _: &'a $crate::backend::Storage) -> $crate::error::Result<&'a $storage> {
                match *self {}
            }
            fn storage_mut<'a>(&self, _: &'a mut $crate::backend::Storage) -> $crate::error::Result<&'a mut $storage> {
                match *self {}
            }
            fn wrap(&self, _: $storage) -> $crate::backend::Storage {
                match *self {}
            }
            fn info(&self) -> $crate::info::DeviceInfo {
                match *self {}
            }
            fn counters(&self) -> &$crate::info::Counters {
                match *self {}
            }
            fn supports(&self, _: $crate::dtype::DType) -> bool {
                match *self {}
            }
            fn synchronize(&self) -> $crate::error::Result<()> {
                match *self {}
            }
            fn trim(&self) {
                match *self {}
            }
            fn upload_slice(&self, _: $crate::dtype::HostSlice<'_>) -> $crate::error::Result<$storage> {
                match *self {}
            }
            fn download(
                &self,
                _: $crate::dtype::DType,
                _: $crate::backend::View<'_, $storage>,
            ) -> $crate::error::Result<$crate::dtype::HostVec> {
                match *self {}
            }
            fn fill(
                &self,
                _: $crate::dtype::DType,
                _: usize,
                _: $crate::backend::Fill,
            ) -> $crate::error::Result<$storage> {
                match *self {}
            }
            fn random(
                &self,
                _: $crate::dtype::DType,
                _: usize,
                _: $crate::backend::Distribution,
                _: u64,
            ) -> $crate::error::Result<$storage> {
                match *self {}
            }
            fn copy(
                &self,
                _: $crate::dtype::DType,
                _: $crate::backend::View<'_, $storage>,
            ) -> $crate::error::Result<$storage> {
                match *self {}
            }
            fn concat(
                &self,
                _: $crate::dtype::DType,
                _: &[$crate::backend::View<'_, $storage>],
            ) -> $crate::error::Result<$storage> {
                match *self {}
            }
            fn compact(
                &self,
                _: $crate::dtype::DType,
                _: Option<$crate::backend::View<'_, $storage>>,
                _: $crate::backend::View<'_, $storage>,
                _: $crate::backend::View<'_, $storage>,
                _: usize,
            ) -> $crate::error::Result<$storage> {
                match *self {}
            }
            fn scan(
                &self,
                _: $crate::backend::BinaryOp,
                _: $crate::dtype::DType,
                _: $crate::backend::View<'_, $storage>,
            ) -> $crate::error::Result<$storage> {
                match *self {}
            }
            fn argsort(
                &self,
                _: $crate::dtype::DType,
                _: $crate::backend::View<'_, $storage>,
            ) -> $crate::error::Result<$storage> {
                match *self {}
            }
            fn search(
                &self,
                _: $crate::dtype::DType,
                _: $crate::backend::View<'_, $storage>,
                _: $crate::backend::View<'_, $storage>,
                _: bool,
            ) -> $crate::error::Result<$storage> {
                match *self {}
            }
            fn scatter(
                &self,
                _: $crate::dtype::DType,
                _: &mut $storage,
                _: (usize, usize),
                _: $crate::backend::View<'_, $storage>,
                _: $crate::dtype::DType,
                _: $crate::backend::View<'_, $storage>,
            ) -> $crate::error::Result<()> {
                match *self {}
            }
            fn scatter_add(
                &self,
                _: $crate::dtype::DType,
                _: &mut $storage,
                _: (usize, usize),
                _: $crate::backend::View<'_, $storage>,
                _: $crate::dtype::DType,
                _: $crate::backend::View<'_, $storage>,
            ) -> $crate::error::Result<()> {
                match *self {}
            }
            fn bincount(&self, _: $crate::backend::View<'_, $storage>, _: usize) -> $crate::error::Result<$storage> {
                match *self {}
            }
            fn gather(
                &self,
                _: $crate::dtype::DType,
                _: $crate::backend::View<'_, $storage>,
                _: $crate::backend::View<'_, $storage>,
                _: $crate::dtype::DType,
                _: &$crate::backend::Gather,
            ) -> $crate::error::Result<$storage> {
                match *self {}
            }
            fn cast(
                &self,
                _: $crate::dtype::DType,
                _: $crate::dtype::DType,
                _: $crate::backend::View<'_, $storage>,
            ) -> $crate::error::Result<$storage> {
                match *self {}
            }
            fn unary(
                &self,
                _: $crate::backend::UnaryOp,
                _: $crate::dtype::DType,
                _: $crate::backend::View<'_, $storage>,
            ) -> $crate::error::Result<$storage> {
                match *self {}
            }
            fn binary(
                &self,
                _: $crate::backend::BinaryOp,
                _: $crate::dtype::DType,
                _: $crate::backend::Operand<'_, $storage>,
                _: $crate::backend::Operand<'_, $storage>,
                _: &[usize],
            ) -> $crate::error::Result<$storage> {
                match *self {}
            }
            fn binary_assign(
                &self,
                _: $crate::backend::BinaryOp,
                _: $crate::dtype::DType,
                _: &mut $storage,
                _: &$crate::layout::Layout,
                _: $crate::backend::Operand<'_, $storage>,
            ) -> $crate::error::Result<()> {
                match *self {}
            }
            fn ternary(
                &self,
                _: $crate::backend::TernaryOp,
                _: $crate::dtype::DType,
                _: [$crate::backend::View<'_, $storage>; 3],
                _: &[usize],
            ) -> $crate::error::Result<$storage> {
                match *self {}
            }
            fn quaternary(
                &self,
                _: $crate::backend::QuaternaryOp,
                _: $crate::dtype::DType,
                _: [$crate::backend::View<'_, $storage>; 4],
                _: &[usize],
            ) -> $crate::error::Result<$storage> {
                match *self {}
            }
            fn compare(
                &self,
                _: $crate::backend::CompareOp,
                _: $crate::dtype::DType,
                _: $crate::backend::Operand<'_, $storage>,
                _: $crate::backend::Operand<'_, $storage>,
                _: &[usize],
            ) -> $crate::error::Result<$storage> {
                match *self {}
            }
            fn select(
                &self,
                _: $crate::dtype::DType,
                _: $crate::backend::View<'_, $storage>,
                _: $crate::backend::View<'_, $storage>,
                _: $crate::backend::View<'_, $storage>,
                _: &[usize],
            ) -> $crate::error::Result<$storage> {
                match *self {}
            }
            fn reduce(
                &self,
                _: $crate::backend::ReduceOp,
                _: $crate::dtype::DType,
                _: $crate::backend::View<'_, $storage>,
                _: usize,
            ) -> $crate::error::Result<$storage> {
                match *self {}
            }
            fn fft(
                &self,
                _: $crate::dtype::DType,
                _: $crate::backend::View<'_, $storage>,
                _: $crate::backend::View<'_, $storage>,
                _: usize,
                _: &[usize],
            ) -> $crate::error::Result<$storage> {
                match *self {}
            }
            fn dot(
                &self,
                _: $crate::dtype::DType,
                _: $crate::backend::View<'_, $storage>,
                _: $crate::backend::View<'_, $storage>,
            ) -> $crate::error::Result<$storage> {
                match *self {}
            }
            fn matmul(
                &self,
                _: $crate::dtype::DType,
                _: $crate::backend::View<'_, $storage>,
                _: $crate::backend::View<'_, $storage>,
            ) -> $crate::error::Result<$storage> {
                match *self {}
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use uninhabited_backend;
