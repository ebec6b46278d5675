//! The special functions on every backend, in ulps: `erf`, `erfc` and `ln_gamma`
//! (SciPy's `erf`, `erfc`, `gammaln`) against musl's f64 functions of the same inputs,
//! and the inverses `erfinv`, `erfcinv` and `ndtri` against roots refined by Newton's
//! method on musl's erf/erfc. Dense grids go through every branch of the
//! approximations (the boundaries 0.84375, 1.25, 1/0.35, 6 and 28 of erf/erfc; 0.23,
//! 0.73, 0.9, 1.23, 1.73, 2, 8 and 2^58 of lgamma, and its reflection for negative x;
//! AS 241's 0.425 and its two tails), with erfc's tail and the inverses' probabilities
//! down to the smallest normal number of each type, lgamma near its zeros at 1 and 2,
//! near its minimum and at huge arguments, and the special values (±0, ±inf, NaN, the
//! poles, the ends of the domains and outside them). Values from mpmath at 200–300 bits
//! pin both references.
//!
//! Γ and ψ (`gamma`, `digamma`) are checked against the CPU backend's f64, pinned to
//! mpmath's values at 3,600 points: Γ from its subnormal range below −171 to
//! its overflow at 171.62 (35.04 in f32) with the poles and the integers, ψ through
//! its root at 1.4616, the recurrence's switch at 10, and reflection for x < 0, where
//! its zeros between the poles are cancellations of ψ(1 − x) and π·cot(πx) and the
//! error is measured in ulps of the larger of those terms.
//!
//! The Hurwitz ζ and ψ⁽ⁿ⁾ (`zeta`, `polygamma`) are checked against mpmath's values at
//! 1,500 points on every backend directly, within 4 ulp (8 on CUDA), as are `ellipk` and
//! `ellipkm1` at 1,450, `ellipe` at 1,030 and `spence` at 1,190. The Riemann ζ and
//! ζ − 1 (`riemann_zeta`, `zetac`) are checked at 1,171 points each, x from −400 to
//! 1e3, in ulps per unit of the condition number (see `riemann_zeta_check`). `exp10`
//! and the trigonometric functions of degrees (`sindg`, `cosdg`, `tandg`, `cotdg`) at
//! 5,851 points, angles up to 1e300 (see `convenience_check`).
//!
//! The regularised incomplete gamma functions (`gammainc`, `gammaincc`) are checked
//! against mpmath at 2,300 points through each of their methods' regions, a from 1e-300
//! to 3e15, in ulps per unit of `max(1, |ln v|)` (see `gammainc_check`).
//!
//! The exponential integrals (`exp1`, `expi`) are checked against mpmath at 2,900
//! points, E₁ from 1e-300 to 745 and Ei from −745 to 716 and through its root, within
//! `EXPINT_ULPS` of the answer. The sine and cosine integrals and their hyperbolic
//! forms (`si`, `ci`, `shi`, `chi`, `sici`, `shichi`) at 1,577, x from 1e-300 to 1e300
//! (to 717 for Shi and Chi) and near the roots of Ci and Chi, in ulps per unit of the
//! condition number (see `sici_check`). Dawson's integral and the imaginary error
//! function (`dawsn`, `erfi`) at 897 points, D from 1e-300 to 1e300 and erfi up to its
//! overflow at 26.714, within `DAWSN_ULPS` of the answer (see `dawsn_check`).
//!
//! Kolmogorov's survival function and its inverse (`kolmogorov`, `kolmogi`) are checked
//! against mpmath at 545 points, in ulps per unit of the condition number (see
//! `kolmogorov_check`); so are the one-sided statistic's for n samples (`smirnov`,
//! `smirnovi`) at 248 points, n from 2 to 20,000 (see `smirnov_check`). Jacobi's elliptic
//! functions (`ellipj`) at 325 points, m from −1e8 to 1e3 and within 1e-16 of 1, in ulps
//! per unit of the condition number in both arguments (see `ellipj_check`), and the
//! incomplete elliptic integrals (`ellipkinc`, `ellipeinc`) likewise at 234 (see
//! `ellipinc_check`), and Carlson's symmetric integrals (`elliprf`, `elliprd`, `elliprg`,
//! `elliprc`) at 70 points each (see `carlson_check`), `elliprj` at 160 (see
//! `elliprj_check`); the arithmetic–geometric mean
//! (`agm`) at 120 over 1e±300 (see `agm_check`). The associated Legendre function
//! (`lpmv`) at 520 points, |m| to 60 and v to 3e4, in ulps per unit of the condition
//! number in v and x (see `lpmv_check`). The Gauss hypergeometric function (`hyp2f1`) at
//! 480 points, 80 of them where c − a − b is near an integer, in ulps per unit of the
//! condition number in all four arguments (see `hyp2f1_check`). Wright's generalized
//! Bessel function and its logarithm (`wright_bessel`, `log_wright_bessel`) at 440 points,
//! x to 1e12, in ulps per unit of the condition number in a, b and x (see `wright_check`).
//! The spherical Legendre function (`sph_legendre_p`) at 600 points, n to 4,000, in ulps per
//! unit of the condition number in θ, with the spherical harmonics built on it
//! (`sph_harm_y`, `sph_harm`; see `sph_check`).
//!
//! Their inverses in x (`gammaincinv`, `gammainccinv`) are checked against mpmath's roots
//! at 440 points, in ulps of the root per unit of its condition number (see
//! `gammaincinv_check`).
//!
//! The modified Bessel functions of the second kind (`k0`, `k0e`, `k1`, `k1e`) are
//! checked against mpmath at 3,180 points, x from 1e-300 to 745 (1e6 scaled), within 3
//! ulp of the answer (6 on CUDA).
//!
//! The Bessel functions of the first and second kinds (`j0`, `j1`, `y0`, `y1`) are
//! checked against mpmath at 2,787 points, x from 1e-300 to 1e300 and near the first 30
//! zeros of each, in ulps per unit of the condition number (see `besselj_check`), and
//! `yn` likewise at 1,003 points, n from −38 to 2,918 (see `yn_check`), and
//! `spherical_yn` and its derivative at 678, n from 0 to 300 (see `spherical_yn_check`).
//!
//! `ndtri_exp`, the inverse of `log_ndtr`, is checked against mpmath's roots at 1,462
//! points, y from −1e300 to −1e-300, in ulps per unit of the condition number (see
//! `ndtri_exp_check`).
//!
//! `lambertw`, both real branches, is checked against mpmath at 1,501 points, x from
//! within 1e-16 of −1/e to 1e308, in ulps per unit of the condition number (see
//! `lambertw_check`).
//!
//! `poch`, the Pochhammer symbol, is checked against mpmath at 1,749 points, z from
//! −1e6 to 1e15 and m from ±1e-300 to ±700, in ulps per unit of the condition number
//! (see `poch_check`), and `binom` likewise at 1,194 (see `binom_check`).
//!
//! `betainc` and `betaincc` are checked against mpmath at 1,123 points, a and b from 1e-8
//! to 1e5 and x from 1e-300 to 1 − 1e-16, in ulps per unit of the condition number; where
//! one parameter is below 10 and the other at least 50 times it, in ulps of 1 (see
//! `betainc_check`). Student's t and the F distribution functions (`stdtr`, `fdtr`,
//! `fdtrc`) likewise at 69 and 182 points, the binomial and negative binomial ones
//! against their sums done exactly (see `beta_distributions_check`). The inverses
//! `betaincinv` and `betainccinv` against mpmath's roots at 339 points, in ulps per unit
//! of the root's condition number (see `betaincinv_check`), and the quantiles built on
//! them (`stdtrit`, `fdtri`, `bdtri`, `nbdtri`) against closed forms far into both tails
//! (see `beta_quantiles_check`).
//!
//! `logsumexp`, `softmax` and `log_softmax` are checked against an f64 host reference,
//! where `e^a` overflows too.
//!
//! The bounds, stated per dtype, are in ulps of the answer, with no absolute floor:
//! f32 within `F32_ULPS`, f64 within `F64_ULPS` (on CUDA, CUDA's documented bounds:
//! `bound_for`). On the negative axis lgamma is a
//! difference of two logarithms and its zeros there (x ≈ −2.457, −2.747, …) are not
//! representable, so it is held to the same ulps of the larger term instead.

#[macro_use]
mod common;

use gpu::{Array, DType, Device, Float, UnaryOp};

/// The bound in ulps for f32 results.
const F32_ULPS: f64 = 4.0;
/// The bound in ulps for f64 results.
const F64_ULPS: f64 = 4.0;

/// What the checks need of a float type: its ulp, smallest normal number and the
/// bound in ulps its results are held to.
trait Prec: Float + Into<f64> + common::TestValue {
    const EPS: f64;
    const MIN_POSITIVE: f64;
    const ULPS: f64;
}

impl Prec for f32 {
    const EPS: f64 = f32::EPSILON as f64;
    const MIN_POSITIVE: f64 = f32::MIN_POSITIVE as f64;
    const ULPS: f64 = F32_ULPS;
}

impl Prec for f64 {
    const EPS: f64 = f64::EPSILON;
    const MIN_POSITIVE: f64 = f64::MIN_POSITIVE;
    const ULPS: f64 = F64_ULPS;
}

/// `ours` on the CPU and wgpu, where the kernels' code is ours throughout, `cuda` on
/// CUDA, whose kernels call CUDA's own exp, log, lgamma and the like.
fn bound_on(dev: &Device, ours: f64, cuda: f64) -> f64 {
    if dev.kind() == gpu::DeviceKind::Cuda {
        cuda
    } else {
        ours
    }
}

/// The bound for `op` on `dev`: ours (`F32_ULPS`, `F64_ULPS`) on the CPU and wgpu,
/// where the code is ours; on CUDA, whose kernels call CUDA's own functions, the
/// maximum error the CUDA C++ Programming Guide states for them (its Mathematical
/// Functions appendix; erfcinvf measured 4 ulp on the NVIDIA forums where the guide
/// said 2), plus one ulp for the reference. Not run here: this machine has no NVIDIA
/// driver.
fn bound_for(dev: &Device, op: UnaryOp, dtype: DType, ours: f64) -> f64 {
    if dev.kind() != gpu::DeviceKind::Cuda {
        return ours;
    }
    let f32 = dtype == DType::F32;
    let documented = match op {
        UnaryOp::Erf => 2.0,
        UnaryOp::Erfc if f32 => 4.0,
        UnaryOp::Erfc => 5.0,
        UnaryOp::LnGamma if f32 => 6.0,
        UnaryOp::LnGamma => 4.0,
        UnaryOp::Erfinv if f32 => 2.0,
        UnaryOp::Erfinv => 5.0,
        UnaryOp::Erfcinv if f32 => 4.0,
        UnaryOp::Erfcinv => 6.0,
        UnaryOp::Ndtri if f32 => 5.0,
        UnaryOp::Ndtri => 8.0,
        UnaryOp::Ndtr => 5.0,
        UnaryOp::I0 if f32 => 6.0,
        UnaryOp::I0 => 6.0,
        UnaryOp::Gamma if f32 => 5.0,
        UnaryOp::Gamma => 10.0,
        // Ours (kernels/common.cuh) on CUDA's log and sinpi/cospi, 1–2 ulp each.
        UnaryOp::Digamma => 5.0,
        UnaryOp::I1 => 6.0,
        // Ours (kernels/common.cuh): Chebyshev series and a square root.
        UnaryOp::I0e | UnaryOp::I1e => 3.0,
        UnaryOp::Erfcx => 4.0,
        _ => unreachable!("not a special function"),
    };
    ours.max(documented + 1.0)
}

/// How far the references may be from the true value, in f64 ulps: musl's functions
/// are within one, and the ndtr and inverse references (a correction on musl's erfc,
/// Newton on musl's erf/erfc) add about one more. SciPy is no such anchor: its
/// `gammaln(0.9)` is 21 ulp off and its erfc 2 ulp off at 0.84375, against mpmath.
const REFERENCE_ULPS: f64 = 2.0;

/// erf and erfc correctly rounded to f64, from mpmath 1.4 at 200 bits (x, erf, erfc).
const TRUE_ERF: &[(f64, f64, f64)] = &[
    (1e-300, 1.1283791670955126e-300, 1.0),
    (1e-20, 1.1283791670955125e-20, 1.0),
    (1e-08, 1.1283791670955126e-08, 0.9999999887162083),
    (0.1, 0.1124629160182849, 0.887537083981715),
    (0.3, 0.3286267594591274, 0.6713732405408726),
    (0.84375, 0.7672256612323416, 0.23277433876765838),
    (1.0, 0.8427007929497149, 0.15729920705028513),
    (1.25, 0.9229001282564583, 0.07709987174354177),
    (2.0, 0.9953222650189527, 0.004677734981047266),
    (2.857142857142857, 0.9999466876886117, 5.3312311388322795e-05),
    (3.5, 0.9999992569016276, 7.430983723414128e-07),
    (5.0, 0.9999999999984626, 1.537459794428035e-12),
    (6.0, 1.0, 2.1519736712498913e-17),
    (10.0, 1.0, 2.088487583762545e-45),
    (15.0, 1.0, 7.212994172451207e-100),
    (26.0, 1.0, 5.663192408856143e-296),
    (-0.5, -0.5204998778130465, 1.5204998778130465),
    (-2.0, -0.9953222650189527, 1.9953222650189528),
    (-4.5, -0.9999999998033839, 1.999999999803384),
];

/// ln|Γ(x)| correctly rounded to f64, from mpmath 1.4 at 200 bits (x, ln|Γ(x)|).
const TRUE_LN_GAMMA: &[(f64, f64)] = &[
    (1e-300, 690.7755278982137),
    (1e-20, 46.051701859880914),
    (1e-08, 18.42068073818021),
    (0.1, 2.252712651734206),
    (0.5, 0.5723649429247001),
    (0.9, 0.06637623973474295),
    (1.0000001, -5.772155829918507e-08),
    (1.4616321449683622, -0.12148629053584961),
    (1.5, -0.12078223763524522),
    (1.9999999, -4.2278430309861296e-08),
    (2.5, 0.2846828704729192),
    (3.0, std::f64::consts::LN_2),
    (7.5, 7.534364236758733),
    (8.0, 8.525161361065415),
    (10.5, 13.940625219403763),
    (100.0, 359.1342053695754),
    (100000.0, 1051287.7089736569),
    (10000000000.0, 220258509288.81058),
    (1e+17, 3.8143946580898775e+18),
    (1e+30, 6.807755278982137e+31),
    (1e+300, 6.897755278982137e+302),
    (-0.5, 1.2655121234846454),
    (-1.5, 0.860047015376481),
    (-2.5, -0.056243716497674054),
    (-3.2, -0.37243213612996867),
    (-10.1, -13.0209732710115),
    (-100.5, -364.90096830942736),
    (-1e-08, 18.42068074972452),
];

/// The reference at `x`: musl's f64 functions (the `libm` crate) for erf, erfc and
/// lgamma; for the inverses, the root that Newton's method on musl's erf/erfc refines
/// from the backend's own answer `got` (`inverse_reference`). Both are checked against
/// mpmath (`true_values`).
fn reference(op: UnaryOp, x: f64, got: f64) -> f64 {
    match op {
        UnaryOp::Erf => libm::erf(x),
        UnaryOp::Erfc => libm::erfc(x),
        UnaryOp::LnGamma => libm::lgamma(x),
        UnaryOp::Ndtr => ndtr_reference(x),
        UnaryOp::I0 => i0_reference(x),
        UnaryOp::Gamma => gamma_reference(x),
        UnaryOp::Digamma => digamma_reference(x),
        UnaryOp::I0e | UnaryOp::I1 | UnaryOp::I1e | UnaryOp::Erfcx => cpu_reference(op, x),
        _ => inverse_reference(op, x, if got.is_finite() { got } else { 0.0 }),
    }
}

fn apply<F: Float>(a: &Array<F>, op: UnaryOp) -> gpu::Result<Array<F>> {
    match op {
        UnaryOp::Erf => a.erf(),
        UnaryOp::Erfc => a.erfc(),
        UnaryOp::LnGamma => a.ln_gamma(),
        UnaryOp::Erfinv => a.erfinv(),
        UnaryOp::Erfcinv => a.erfcinv(),
        UnaryOp::Ndtri => a.ndtri(),
        UnaryOp::Ndtr => a.ndtr(),
        UnaryOp::I0 => a.i0(),
        UnaryOp::Gamma => a.gamma(),
        UnaryOp::Digamma => a.digamma(),
        UnaryOp::I0e => a.i0e(),
        UnaryOp::I1 => a.i1(),
        UnaryOp::I1e => a.i1e(),
        UnaryOp::Erfcx => a.erfcx(),
        _ => unreachable!("not a special function"),
    }
}

const OPS: [UnaryOp; 14] = [
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
];

/// `op` in f64 by the CPU backend, held to mpmath's values in `true_values`
/// (`tests/data/bessel_mpmath.txt` for i0e, i1 and i1e).
fn cpu_reference(op: UnaryOp, x: f64) -> f64 {
    Array::from_vec(vec![x], [1]).and_then(|a| apply(&a, op)).and_then(|y| y.item()).unwrap_or(f64::NAN)
}

/// (op, x, value) for i0e, i1, i1e and erfcx from mpmath at 250 bits
/// (`scripts/mpmath-gamma-table.py`).
fn true_bessel_erfcx() -> Vec<(UnaryOp, f64, f64)> {
    let numbers = |l: &str| -> Vec<f64> { l.split(' ').map(|v| v.parse().expect("a number")).collect() };
    let mut rows = Vec::new();
    for l in include_str!("data/bessel_mpmath.txt").lines().filter(|l| !l.starts_with('#')) {
        let f = numbers(l);
        rows.extend([(UnaryOp::I0e, f[0], f[1]), (UnaryOp::I1, f[0], f[2]), (UnaryOp::I1e, f[0], f[3])]);
    }
    for l in include_str!("data/erfcx_mpmath.txt").lines().filter(|l| !l.starts_with('#')) {
        let f = numbers(l);
        rows.push((UnaryOp::Erfcx, f[0], f[1]));
    }
    rows
}

/// Γ and ψ in f64 by the CPU backend, held to mpmath's values at 3,600 points in
/// `true_values`: musl has no digamma, and its tgamma is 5 ulp off at −9.4250885.
/// So f32 is checked against f64, and every backend against the true values.
fn gamma_reference(x: f64) -> f64 {
    Array::from_vec(vec![x], [1]).and_then(|a| a.gamma()).and_then(|y| y.item()).unwrap_or(f64::NAN)
}
fn digamma_reference(x: f64) -> f64 {
    Array::from_vec(vec![x], [1]).and_then(|a| a.digamma()).and_then(|y| y.item()).unwrap_or(f64::NAN)
}

/// I0 in f64 by the CPU backend (Cephes' Chebyshev series, transcribed from NumPy's
/// tables separately from the WGSL), itself held to mpmath's values in `true_values`:
/// so f32 is checked against f64 and every backend against the true values.
fn i0_reference(x: f64) -> f64 {
    Array::from_vec(vec![x], [1]).and_then(|a| a.i0()).and_then(|y| y.item()).unwrap_or(f64::NAN)
}

/// I0 correctly rounded to f64 (x, I0(x)): mpmath 1.4's `besseli(0, x)` at 200 bits.
const TRUE_I0: &[(f64, f64)] = &[
    (0.0, 1.0),
    (1e-10, 1.0),
    (0.5, 1.0634833707413236),
    (1.0, 1.2660658777520084),
    (2.5, 3.289839144050123),
    (5.0, 27.239871823604446),
    (7.99, 423.5842036746737),
    (8.0, 427.5641157218048),
    (8.01, 431.5817860520924),
    (10.0, 2815.7166284662544),
    (20.0, 43558282.559553534),
    (50.0, 2.9325537838493362e+20),
    (88.0, 7.034019697322304e+36),
    (91.0, 1.3892714060989622e+38),
    (100.0, 1.0737517071310738e+42),
    (300.0, 4.475847367935052e+128),
    (700.0, 1.5295933476718737e+302),
    (711.0, 9.087162727263793e+306),
    (713.9, 1.6481551866951379e+308),
    (-3.0, 4.8807925858650245),
];

/// ndtr(x) = ½ erfc(b) for b = −x/√2 carried to double-double (1/√2's tail and the
/// product's rounding error by a fused multiply-add), erfc at the sum to first order:
/// musl's erfc(b_hi) − (2/√π) e^(−b_hi²) b_lo. Independent of the backends' way (exact
/// squares of x).
fn ndtr_reference(x: f64) -> f64 {
    const S_HI: f64 = std::f64::consts::FRAC_1_SQRT_2;
    const S_LO: f64 = -4.833646656726457e-17;
    let a = -x;
    if !a.is_finite() {
        return 0.5 * libm::erfc(a * S_HI);
    }
    let hi = a * S_HI;
    let lo = a.mul_add(S_HI, -hi) + a * S_LO;
    let e = libm::erfc(hi) - std::f64::consts::FRAC_2_SQRT_PI * (-hi * hi).exp() * lo;
    0.5 * e
}

/// ndtr correctly rounded to f64 (x, ndtr(x)): mpmath 1.4's `ncdf` at 200 bits.
const TRUE_NDTR: &[(f64, f64)] = &[
    (-38.0, 2.88542835e-316),
    (-37.6, 1.074811249587044e-309),
    (-37.2, 3.412054343470239e-303),
    (-36.8, 9.231293481419022e-297),
    (-36.4, 2.1284975164260573e-290),
    (-36.0, 4.182624065797283e-284),
    (-35.6, 7.004719876687616e-278),
    (-35.2, 9.997701575335209e-272),
    (-34.8, 1.2161251340967446e-265),
    (-34.4, 1.2607423502985057e-259),
    (-34.0, 1.1138987855743794e-253),
    (-33.6, 8.387601841934883e-248),
    (-33.2, 5.38274733327972e-242),
    (-32.8, 2.9440539964066835e-236),
    (-32.4, 1.3723493044221678e-230),
    (-32.0, 5.452080603512396e-225),
    (-31.6, 1.846036234858162e-219),
    (-31.2, 5.327215135776788e-214),
    (-30.8, 1.3102195814645384e-208),
    (-30.4, 2.746462126879787e-203),
    (-30.0, 4.906713927148187e-198),
    (-29.6, 7.471321923004534e-193),
    (-29.2, 9.69607177232434e-188),
    (-28.8, 1.0724770621302363e-182),
    (-28.4, 1.011058465633788e-177),
    (-28.0, 8.123869469659427e-173),
    (-27.6, 5.56353027480794e-168),
    (-27.2, 3.24744179086377e-163),
    (-26.8, 1.6156167839023165e-158),
    (-26.4, 6.850845571428239e-154),
    (-26.0, 2.4760633155033892e-149),
    (-25.6, 7.627708693943776e-145),
    (-25.2, 2.0028315195580093e-140),
    (-24.8, 4.482455983707202e-136),
    (-24.4, 8.550912043910486e-132),
    (-24.0, 1.390392118549703e-127),
    (-23.6, 1.927056522133844e-123),
    (-23.2, 2.2766063670645312e-119),
    (-22.8, 2.29256693241034e-115),
    (-22.4, 1.9678915281177766e-111),
    (-22.0, 1.439892435145079e-107),
    (-21.6, 8.980771948140381e-104),
    (-21.2, 4.774822670395081e-100),
    (-20.8, 2.164045146880542e-96),
    (-20.4, 8.360778621328095e-93),
    (-20.0, 2.7536241186062337e-89),
    (-19.6, 7.731195768131456e-86),
    (-19.2, 1.8504600699425448e-82),
    (-18.8, 3.7758191326924143e-79),
    (-18.4, 6.568238493386967e-76),
    (-18.0, 9.740948918937151e-73),
    (-17.6, 1.23162116859459e-69),
    (-17.2, 1.3276575042717854e-66),
    (-16.8, 1.2202200405976212e-63),
    (-16.4, 9.561902574231983e-61),
    (-16.0, 6.388754400538087e-58),
    (-15.6, 3.639706001486763e-55),
    (-15.2, 1.7681052341222346e-52),
    (-14.8, 7.324131119827091e-50),
    (-14.4, 2.587175925402249e-47),
    (-14.0, 7.7935368191928e-45),
    (-13.6, 2.002167223681502e-42),
    (-13.2, 4.386752713074247e-40),
    (-12.8, 8.197561713162933e-38),
    (-12.4, 1.3066179831246348e-35),
    (-12.0, 1.776482112077679e-33),
    (-11.6, 2.0603912361587923e-31),
    (-11.2, 2.0386675035448917e-29),
    (-10.8, 1.721017839479776e-27),
    (-10.4, 1.2396659795840038e-25),
    (-10.0, 7.619853024160525e-24),
    (-9.6, 3.9972212057262406e-22),
    (-9.2, 1.7897488120140525e-20),
    (-8.8, 6.840807685935546e-19),
    (-8.4, 2.2323931972880437e-17),
    (-8.0, 6.220960574271784e-16),
    (-7.6, 1.4806537490048088e-14),
    (-7.2, 3.0106279811174334e-13),
    (-6.8, 5.230957544144594e-12),
    (-6.4, 7.768847581709812e-11),
    (-6.0, 9.86587645037698e-10),
    (-5.6, 1.071759025831093e-08),
    (-5.2, 9.964426316933471e-08),
    (-4.8, 7.933281519755953e-07),
    (-4.4, 5.412543907703851e-06),
    (-4.0, 3.1671241833119924e-05),
    (-3.6, 0.00015910859015753383),
    (-3.2, 0.0006871379379158481),
    (-2.8, 0.0025551303304279342),
    (-2.4, 0.008197535924596131),
    (-2.0, 0.02275013194817921),
    (-1.6, 0.05479929169955798),
    (-1.2, 0.11506967022170828),
    (-0.8, 0.21185539858339666),
    (-0.4, 0.3445782583896758),
    (0.0, 0.5),
    (0.4, 0.6554217416103242),
    (0.8, 0.7881446014166034),
    (1.2, 0.8849303297782917),
    (1.6, 0.945200708300442),
    (2.0, 0.9772498680518208),
    (2.4, 0.9918024640754038),
    (2.8, 0.997444869669572),
    (3.2, 0.9993128620620841),
    (3.6, 0.9998408914098424),
    (4.0, 0.9999683287581669),
    (4.4, 0.9999945874560923),
    (4.8, 0.999999206671848),
    (5.2, 0.9999999003557368),
    (5.6, 0.9999999892824097),
    (6.0, 0.9999999990134123),
    (6.4, 0.9999999999223115),
    (6.8, 0.9999999999947691),
    (7.2, 0.9999999999996989),
    (7.6, 0.9999999999999852),
    (8.0, 0.9999999999999993),
    (-1.7677, 0.03855553500062365),
    (-1.7679, 0.03853881140862757),
    (-0.1, 0.460172162722971),
    (1e-10, 0.5000000000398942),
    (-1e-300, 0.5),
    (0.0, 0.5),
    (8.5, 1.0),
    (9.0, 1.0),
    (37.0, 1.0),
    (-37.5, 4.605353009581955e-308),
    (-38.4, 6.4e-323),
];

/// Γ and ψ correctly rounded to f64 at 3,600 points (half of them f32 values), from
/// mpmath at 250 bits: `scripts/mpmath-gamma-table.py` wrote the file.
fn true_gamma_digamma() -> Vec<(UnaryOp, f64, f64)> {
    include_str!("data/gamma_digamma_mpmath.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split(' ').collect();
            let op = if f[0] == "gamma" { UnaryOp::Gamma } else { UnaryOp::Digamma };
            (op, f[1].parse().expect("x"), f[2].parse().expect("value"))
        })
        .collect()
}

/// `n` evenly spaced points from `lo` to `hi`.
fn grid(lo: f64, hi: f64, n: usize) -> impl Iterator<Item = f64> {
    (0..n).map(move |i| lo + (hi - lo) * i as f64 / (n - 1) as f64)
}

/// Inputs for `op` in type `F` (as f64s that `F` holds exactly after rounding).
fn inputs(op: UnaryOp, dtype: DType) -> Vec<f64> {
    let f32 = dtype == DType::F32;
    let mut x: Vec<f64> = vec![0.0, -0.0, f64::INFINITY, f64::NEG_INFINITY, f64::NAN, 1e-30, -1e-30, 1e-8, -3e-9];
    let tails: Vec<f64> = (1..=if f32 { 37 } else { 307 }).step_by(3).map(|k| 10f64.powi(-k)).collect();
    match op {
        UnaryOp::Erf | UnaryOp::Erfc => {
            x.extend(grid(-7.0, 7.0, 4001));
            x.extend([0.84375, 0.84374, 1.25, 1.2499, 2.857142, 2.857143, 6.0, 5.9999, 27.9, 28.0, 30.0, -30.0]);
            // erfc's tail to its smallest normal result (≈ 1e-37 for f32, 1e-307 for f64).
            let last = if f32 { 9.1 } else { 26.5 };
            x.extend(grid(1.0, last, 1500));
        }
        UnaryOp::LnGamma => {
            // An odd step keeps the grid off the poles at the negative integers.
            x.extend(grid(-10.0001, 10.0003, 4001));
            x.extend(grid(0.9, 1.1, 201).chain(grid(1.9, 2.1, 201)).chain(grid(1.4, 1.5, 101)));
            x.extend([1.0, 2.0, 8.0, 7.999999, 1e-20, 1e10, 1e17, 3e17, 1e30]);
            x.extend([-0.0001, -1e-10, -5.5, -20.5, -100.25, -1e4 - 0.5]);
            x.extend((0..40).map(|k| 1.7f64.powi(k) + 8.0));
            if !f32 {
                x.extend([1e-300, 1e100, 1e300, 2.5e305, -1e10 - 0.5]);
            }
        }
        // The inverses: a grid over the domain, probabilities down to the smallest
        // normal number at either end, the edges and past them.
        UnaryOp::Erfinv => {
            x.extend(grid(-1.0, 1.0, 2001));
            x.extend(tails.iter().flat_map(|&t| [1.0 - t, t - 1.0, t, -t]));
            x.extend([0.85, 0.8500001, -0.8499999, 1.0000001, -1.5]);
        }
        UnaryOp::Erfcinv => {
            x.extend(grid(0.0, 2.0, 2001));
            x.extend(tails.iter().flat_map(|&t| [t, 2.0 - t, 1.0 - t, 1.0 + t]));
            x.extend([0.15, 1.85, -1e-30, 2.0000001]);
        }
        UnaryOp::I0 => {
            // Both expansions (the switch at 8), to each type's overflow (~91.9 for
            // f32, ~713.98 for f64), and the even side.
            x.extend(grid(-30.0, 30.0, 2001));
            x.extend(grid(7.9, 8.1, 41));
            x.extend(grid(30.0, if f32 { 91.0 } else { 713.9 }, 1000));
            x.extend([92.0, 714.0, 1e10]);
        }
        UnaryOp::Ndtr => {
            // Both sides of the switch to the tail at x = −√2·1.25, and down to the
            // smallest normal result of each type (≈ −13 for f32, −37.5 for f64).
            x.extend(grid(-8.0, 8.0, 2001));
            x.extend(grid(-1.8, -1.74, 61));
            x.extend(grid(if f32 { -13.0 } else { -37.5 }, -8.0, 1500));
            x.extend([-40.0, 40.0, -1e300, 1e300]);
        }
        UnaryOp::Gamma => {
            // Odd steps keep the grids off the poles. Through [2, 3] and the factors
            // either side, to the overflow (171.62; f32 35.04) and into the subnormal
            // range below −171 (f32 −38), the integers (exact factorials), and near 0.
            let (top, bottom) = if f32 { (35.0, -45.0001) } else { (171.6, -185.0001) };
            x.extend(grid(-10.0001, 10.0003, 4001));
            x.extend(grid(10.0, top, 1500).chain(grid(bottom, -10.0, 1501)));
            x.extend((1..=if f32 { 35 } else { 171 }).map(|n| n as f64));
            x.extend([
                0.5, 1.5, 2.0, 3.0, 1e-20, -1e-20, 1.0000001, 0.9999999, -0.9999999, -1.0000001, 36.0, 172.0, 200.0,
                -300.5, -1e20,
            ]);
            if !f32 {
                x.extend([
                    1e-300,
                    -1e-300,
                    171.62,
                    171.63,
                    2.9999999999999996,
                    2.0000000000000004,
                    -1.0000000000000002,
                ]);
            }
        }
        UnaryOp::Digamma => {
            // Through [1, 2] around the root x₀ = 1.4616 and its neighbours, [2, 10) by
            // the recurrence, the switch to the asymptotic series at 10, large x, and
            // x < 0 by reflection near its poles and zeros.
            x.extend(grid(-10.0001, 10.0003, 4001));
            x.extend(grid(1.36, 1.56, 401).chain(grid(9.9, 10.1, 41)).chain(grid(-0.6, -0.4, 201)));
            x.extend((0..60).map(|k| 1.6f64.powi(k) + 10.0));
            x.extend([
                1.4616321,
                1.4616322,
                1.4616321449683622,
                1.4616321449683624,
                1e10,
                1e30,
                3e38,
                -1e6 - 0.5,
                -0.9999999,
                -1.0000001,
                -1e-20,
            ]);
            if !f32 {
                x.extend([1e-300, -1e-300, 1e300, 1.79e308, -1e15 - 0.5]);
            }
        }
        UnaryOp::I0e | UnaryOp::I1 | UnaryOp::I1e => {
            // Both expansions (the switch at 8), each type's overflow for I1 (~91.9 for
            // f32, ~713.99 for f64), and far past it for the scaled ones.
            x.extend(grid(-30.0, 30.0, 2001));
            x.extend(grid(7.9, 8.1, 41));
            x.extend(grid(30.0, if f32 { 91.0 } else { 713.9 }, 1000));
            x.extend([92.0, 714.0, 1e10, -1e10, 1e30, 1e-20, -1e-20]);
        }
        UnaryOp::Erfcx => {
            // Both sides of ±1.25 and 28, down to e^(x²)'s overflow (f32 −9.3, f64 −26.6)
            // and up to where x² overflows.
            x.extend(grid(if f32 { -9.3 } else { -26.6 }, 30.0, 4001));
            x.extend(grid(1.2, 1.3, 101).chain(grid(-1.3, -1.2, 101)).chain(grid(27.9, 28.1, 41)));
            x.extend([-9.4, -27.0, 1e5, 1e10, 1e19, 3e38, -1e10]);
            if !f32 {
                x.extend([1e155, 1e300]);
            }
        }
        UnaryOp::Ndtri => {
            x.extend(grid(0.0, 1.0, 2001));
            x.extend(tails.iter().flat_map(|&t| [t, 1.0 - t, 0.5 - t, 0.5 + t]));
            x.extend([0.075, 0.925, 0.0749999, -1e-30, 1.0000001]);
        }
        _ => unreachable!(),
    }
    x
}

/// The error of `got` against `want` in ulps of `scale` in `F`'s precision.
fn ulps(got: f64, want: f64, scale: f64, eps: f64, min_positive: f64) -> f64 {
    if got == want || (got.is_nan() && want.is_nan()) {
        return 0.0;
    }
    if !got.is_finite() || !want.is_finite() {
        return f64::INFINITY;
    }
    let ulp = eps * scale.abs().max(min_positive);
    (got - want).abs() / ulp
}

/// What an error is measured in ulps of: the answer, but for lgamma at x < 0, which
/// is ln(π / |x sin πx|) − lgamma(|x|), and ψ at x < 0, which is ψ(1 − x) − π·cot(πx),
/// the larger of those terms.
fn scale(op: UnaryOp, x: f64, want: f64) -> f64 {
    if op == UnaryOp::LnGamma && x < 0.0 && x.is_finite() {
        want.abs().max(libm::lgamma(-x).abs()).max(1.0)
    } else if op == UnaryOp::Digamma && x < 0.0 && x.is_finite() {
        let pi_cot = std::f64::consts::PI / (std::f64::consts::PI * (x - x.round())).tan();
        want.abs().max(digamma_reference(1.0 - x).abs()).max(pi_cot.abs())
    } else {
        want
    }
}

/// Every special function at its inputs on `dev`, in `F`, within its bound in ulps.
fn sweep<F: Prec>(dev: &Device) -> gpu::Result<()> {
    let (to_f, eps, min_positive): (fn(f64) -> F, f64, f64) = (<F as gpu::Element>::from_f64, F::EPS, F::MIN_POSITIVE);
    for op in OPS {
        let bound = bound_for(dev, op, F::DTYPE, F::ULPS);
        let xs: Vec<F> = inputs(op, F::DTYPE).into_iter().map(to_f).collect();
        let got = apply(&Array::from_vec(xs.clone(), [xs.len()])?.to(dev)?, op)?.to_vec()?;
        let mut worst = (0.0f64, 0.0f64);
        for (&x, &g) in xs.iter().zip(&got) {
            let (x, g): (f64, f64) = (x.into(), g.into());
            // A device may flush subnormal inputs, and results, to zero.
            if x != 0.0 && x.abs() < min_positive {
                continue;
            }
            let want: f64 = to_f(reference(op, x, g)).into();
            if want != 0.0 && want.abs() < min_positive {
                assert!(g.abs() < min_positive, "{} {} at {x}: {g} (want {want})", op.name(), F::DTYPE);
                continue;
            }
            let e = ulps(g, want, scale(op, x, want), eps, min_positive);
            assert!(e <= bound, "{} {} at {x:e}: got {g:e}, want {want:e} ({e:.1} ulp > {bound})", op.name(), F::DTYPE);
            if e > worst.0 {
                worst = (e, x);
            }
        }
        println!(
            "{} {} on {}: worst {:.2} ulp at {:e} ({} inputs)",
            op.name(),
            F::DTYPE,
            dev.kind(),
            worst.0,
            worst.1,
            xs.len()
        );
    }
    Ok(())
}

/// The true values on `dev`, in `F`, within the bound plus the reference's own error
/// (and the reference within `REFERENCE_ULPS` of them).
fn true_values<F: Prec>(dev: &Device) -> gpu::Result<()> {
    let (to_f, eps, min_positive): (fn(f64) -> F, f64, f64) = (<F as gpu::Element>::from_f64, F::EPS, F::MIN_POSITIVE);
    let mut cases: Vec<(UnaryOp, f64, f64)> = TRUE_INVERSES.to_vec();
    for &(x, erf, erfc) in TRUE_ERF {
        cases.push((UnaryOp::Erf, x, erf));
        cases.push((UnaryOp::Erfc, x, erfc));
    }
    cases.extend(TRUE_LN_GAMMA.iter().map(|&(x, g)| (UnaryOp::LnGamma, x, g)));
    cases.extend(TRUE_NDTR.iter().map(|&(x, p)| (UnaryOp::Ndtr, x, p)));
    cases.extend(TRUE_I0.iter().map(|&(x, v)| (UnaryOp::I0, x, v)));
    cases.extend(true_gamma_digamma());
    cases.extend(true_bessel_erfcx());
    for op in OPS {
        let bound = bound_for(dev, op, F::DTYPE, F::ULPS);
        let rows: Vec<(f64, f64)> = cases.iter().filter(|c| c.0 == op).map(|c| (c.1, c.2)).collect();
        for &(x, want) in &rows {
            let r = reference(op, x, want);
            let e = ulps(r, want, scale(op, x, want), f64::EPSILON, f64::MIN_POSITIVE);
            assert!(e <= REFERENCE_ULPS, "reference {} at {x:e}: {r:e} vs the true {want:e}", op.name());
        }
        // The inputs F holds exactly, with answers in its normal range.
        let rows: Vec<(f64, f64)> = rows
            .into_iter()
            .filter(|&(x, w)| {
                to_f(x).into() == x && (w == 0.0 || w.abs() >= min_positive) && to_f(w).into().is_finite()
            })
            .collect();
        let xs: Vec<F> = rows.iter().map(|r| to_f(r.0)).collect();
        let got = apply(&Array::from_vec(xs, [rows.len()])?.to(dev)?, op)?.to_vec()?;
        let mut worst = (0.0f64, 0.0f64);
        for (&(x, want), g) in rows.iter().zip(got) {
            let want: f64 = to_f(want).into();
            let e = ulps(g.into(), want, scale(op, x, want), eps, min_positive);
            let slack = REFERENCE_ULPS * f64::EPSILON / eps;
            assert!(
                e <= bound + slack,
                "{} {} at {x}: got {:e}, true {want:e} ({e:.1} ulp)",
                op.name(),
                F::DTYPE,
                g.into()
            );
            if e > worst.0 {
                worst = (e, x);
            }
        }
        println!(
            "{} {} on {} against mpmath: worst {:.2} ulp at {:e} ({} values)",
            op.name(),
            F::DTYPE,
            dev.kind(),
            worst.0,
            worst.1,
            rows.len()
        );
    }
    Ok(())
}

/// The special values exactly: erf(±0) = ±0, erf(±inf) = ±1, erfc(±inf) = 0 / 2,
/// lgamma(1) = lgamma(2) = 0, lgamma at 0, the negative integers and ±inf = +inf,
/// erfcx(±0) = 1, erfcx(+inf) = 0, erfcx(−inf) = +inf, NaN through all.
fn specials<F: Prec>(dev: &Device) -> gpu::Result<()> {
    let to_f = <F as gpu::Element>::from_f64;
    let inf = f64::INFINITY;
    let x = [0.0, -0.0, inf, -inf, f64::NAN, 1.0, 2.0, -1.0, -2.0, -7.0, -1e20];
    let a = Array::from_vec(x.iter().map(|&v| to_f(v)).collect(), [x.len()])?.to(dev)?;
    let bits = |v: Vec<F>| v.into_iter().map(|g| g.into()).collect::<Vec<f64>>();
    let erf = bits(a.erf()?.to_vec()?);
    let erfc = bits(a.erfc()?.to_vec()?);
    let lg = bits(a.ln_gamma()?.to_vec()?);
    assert!(
        erf[0] == 0.0 && erf[0].is_sign_positive() && erf[1] == 0.0 && erf[1].is_sign_negative(),
        "erf(±0): {erf:?}"
    );
    assert_eq!((erf[2], erf[3]), (1.0, -1.0), "erf(±inf)");
    assert_eq!((erfc[0], erfc[1], erfc[2], erfc[3]), (1.0, 1.0, 0.0, 2.0), "erfc(±0), erfc(±inf)");
    assert!(erf[4].is_nan() && erfc[4].is_nan() && lg[4].is_nan(), "NaN in, NaN out: {erf:?} {erfc:?} {lg:?}");
    assert_eq!((lg[5], lg[6]), (0.0, 0.0), "lgamma(1), lgamma(2)");
    let ex = bits(a.erfcx()?.to_vec()?);
    assert_eq!((ex[0], ex[1], ex[2], ex[3], ex[10]), (1.0, 1.0, 0.0, inf, inf), "erfcx(±0, ±inf, −1e20)");
    assert!(ex[4].is_nan(), "erfcx(NaN)");
    for (i, v) in [(0, lg[0]), (1, lg[1]), (2, lg[2]), (3, lg[3]), (7, lg[7]), (8, lg[8]), (9, lg[9]), (10, lg[10])] {
        assert_eq!(v, inf, "lgamma({}) on {} {}", x[i], dev.kind(), F::DTYPE);
    }
    Ok(())
}

/// Γ and ψ's special values: Γ(±0) = ±∞, NaN at the negative integers and −∞, +∞ at
/// +∞ and past the overflow, (n − 1)! exactly at the integers the type holds, signed
/// zeros where Γ underflows (negative on (−2k − 1, −2k)); ψ(±0) = ∓∞, NaN at the poles
/// and −∞, +∞ at +∞; NaN through both.
fn gamma_specials<F: Prec>(dev: &Device) -> gpu::Result<()> {
    let to_f = <F as gpu::Element>::from_f64;
    let inf = f64::INFINITY;
    let x = [0.0, -0.0, inf, -inf, f64::NAN, -1.0, -2.0, -7.0, -1e20, 200.0, -300.5, -301.5];
    let a = Array::from_vec(x.iter().map(|&v| to_f(v)).collect(), [x.len()])?.to(dev)?;
    let g: Vec<f64> = a.gamma()?.to_vec()?.into_iter().map(|v| v.into()).collect();
    let p: Vec<f64> = a.digamma()?.to_vec()?.into_iter().map(|v| v.into()).collect();
    let what = format!("on {} {}", dev.kind(), F::DTYPE);
    assert_eq!((g[0], g[1], g[2], g[9]), (inf, -inf, inf, inf), "Γ(±0), Γ(inf), Γ(200) {what}");
    assert!(g[3..9].iter().all(|v| v.is_nan()), "Γ at −inf, NaN and the poles {what}: {g:?}");
    assert!(
        g[10] == 0.0 && g[10].is_sign_negative() && g[11] == 0.0 && g[11].is_sign_positive(),
        "Γ(−300.5) = −0, Γ(−301.5) = +0 {what}: {g:?}"
    );
    assert_eq!((p[0], p[1], p[2]), (-inf, inf, inf), "ψ(±0), ψ(inf) {what}");
    // Γ(x) ≈ 1/x overflows for subnormal x (flushed to ±0 or not).
    let tiny = F::MIN_POSITIVE / 64.0;
    let t = Array::from_vec(vec![to_f(tiny), to_f(-tiny)], [2])?.to(dev)?.gamma()?.to_vec()?;
    assert_eq!((t[0].into(), t[1].into()), (inf, -inf), "Γ(±{tiny:e}) {what}");
    assert!(p[3..9].iter().all(|v| v.is_nan()), "ψ at −inf, NaN and the poles {what}: {p:?}");
    // (n − 1)! exactly: f32 holds it to 13! (n = 14), f64 to 22! (n = 23).
    let last = if F::DTYPE == DType::F32 { 14 } else { 23 };
    let n: Vec<F> = (1..=last).map(|n| to_f(n as f64)).collect();
    let got: Vec<f64> = Array::from_vec(n, [last])?.to(dev)?.gamma()?.to_vec()?.into_iter().map(|v| v.into()).collect();
    let mut fact = 1.0f64;
    for (i, &g) in got.iter().enumerate() {
        if i > 0 {
            fact *= i as f64;
        }
        assert_eq!(g, fact, "Γ({}) = {}! {what}", i + 1, i);
    }
    Ok(())
}

// ---- rgamma, gammasgn, multigammaln ---------------------------------------------------------

/// `rgamma` against 1/Γ of the reference (one rounding more than Γ: bound + 1 ulp),
/// 0 at the poles and ±∞, `x` itself where Γ overflows near 0; `gammasgn` exactly by
/// the parity of ⌊x⌋; `multigammaln` against musl's lgamma summed in f64, and its
/// domain errors; `loggamma` as `ln_gamma` from 0 on, NaN below.
fn gamma_relatives<F: Prec>(dev: &Device) -> gpu::Result<()> {
    let (to_f, eps, min_positive): (fn(f64) -> F, f64, f64) = (<F as gpu::Element>::from_f64, F::EPS, F::MIN_POSITIVE);
    let what = format!("on {} {}", dev.kind(), F::DTYPE);
    let mut x: Vec<f64> = grid(-30.0001, 30.0003, 3001).collect();
    x.extend([0.0, -0.0, -1.0, -2.0, -7.0, 1.0, 2.0, f64::INFINITY, f64::NEG_INFINITY, f64::NAN, 1e-30, -1e-30]);
    let xs: Vec<F> = x.iter().map(|&v| to_f(v)).collect();
    let a = Array::from_vec(xs.clone(), [xs.len()])?.to(dev)?;
    let r = a.rgamma()?.to_vec()?;
    let sgn = a.gammasgn()?.to_vec()?;
    let bound = bound_for(dev, UnaryOp::Gamma, F::DTYPE, F::ULPS) + 1.0;
    for ((&xv, &rv), &sv) in xs.iter().zip(&r).zip(&sgn) {
        let (x, rv, sv): (f64, f64, f64) = (xv.into(), rv.into(), sv.into());
        let pole = x <= 0.0 && x.floor() == x && x != 0.0 || x == f64::NEG_INFINITY;
        if x.is_nan() {
            assert!(rv.is_nan() && sv.is_nan(), "rgamma, gammasgn of NaN {what}");
            continue;
        }
        // gammasgn: +1 above 0 and at +0, −1 at −0, NaN at the poles, (−1)^⌊x⌋ between.
        let want_sign = if pole {
            f64::NAN
        } else if x > 0.0 || (x == 0.0 && x.is_sign_positive()) {
            1.0
        } else if x == 0.0 {
            -1.0
        } else if x.floor() % 2.0 == 0.0 {
            1.0
        } else {
            -1.0
        };
        assert!(sv == want_sign || (sv.is_nan() && want_sign.is_nan()), "gammasgn({x}) = {sv} {what}");
        let want: f64 = if pole || x.is_infinite() { 0.0 } else { to_f(1.0 / gamma_reference(x)).into() };
        if want != 0.0 && want.abs() < min_positive {
            continue;
        }
        let e = ulps(rv, want, want, eps, min_positive);
        assert!(e <= bound, "rgamma({x:e}) {what}: got {rv:e}, want {want:e} ({e:.1} ulp)");
    }
    // rgamma where Γ overflows: x near 0 (1/Γ(x) = x + γx² + …) and, in f64, past 171.62.
    let tiny = if F::DTYPE == DType::F32 { 1e-39 } else { 1e-310 };
    let t = Array::from_vec(vec![to_f(tiny), to_f(-tiny)], [2])?.to(dev)?.rgamma()?.to_vec()?;
    let t: Vec<f64> = t.into_iter().map(|v| v.into()).collect();
    // A device may flush the subnormal input to ±0, which rgamma maps to ±0.
    assert!(t[0] == to_f(tiny).into() || t[0] == 0.0, "rgamma({tiny:e}) {what}: {}", t[0]);
    assert!(t[1] == to_f(-tiny).into() || t[1] == 0.0, "rgamma({:e}) {what}: {}", -tiny, t[1]);

    // multigammaln: d(d − 1)/4·ln π + Σ ln Γ(a − j/2).
    let av: Vec<f64> = vec![2.6, 3.0, 10.0, 55.5, 1000.0];
    let a = Array::from_vec(av.iter().map(|&v| to_f(v)).collect(), [av.len()])?.to(dev)?;
    for d in [1usize, 2, 4, 5] {
        let got = a.multigammaln(d)?.to_vec()?;
        for (&x, g) in av.iter().zip(got) {
            let x: f64 = to_f(x).into();
            let terms: Vec<f64> = (0..d).map(|j| libm::lgamma(x - j as f64 / 2.0)).collect();
            let c = (d * (d - 1)) as f64 / 4.0 * std::f64::consts::PI.ln();
            let want = c + terms.iter().sum::<f64>();
            let scale = c.abs() + terms.iter().map(|t| t.abs()).sum::<f64>();
            let g: f64 = g.into();
            assert!((g - want).abs() <= 8.0 * eps * scale.max(1.0), "multigammaln({x}, {d}) {what}: {g} vs {want}");
        }
    }
    assert!(a.multigammaln(7).is_err(), "a = 2.6 is not above (7 − 1)/2 {what}");
    assert!(a.multigammaln(0).is_err(), "d = 0 {what}");

    // loggamma: ln_gamma's bits from 0 on (+∞ at ±0), NaN below and at −∞.
    let a = Array::from_vec(xs.clone(), [xs.len()])?.to(dev)?;
    let (lg, lng) = (a.loggamma()?.to_vec()?, a.ln_gamma()?.to_vec()?);
    for ((&xv, &l), &n) in xs.iter().zip(&lg).zip(&lng) {
        let (x, l, n): (f64, f64, f64) = (xv.into(), l.into(), n.into());
        if x < 0.0 || x.is_nan() {
            assert!(l.is_nan(), "loggamma({x}) = {l} {what}");
        } else {
            assert_eq!(l.to_bits(), n.to_bits(), "loggamma({x}) = {l}, ln_gamma {n} {what}");
        }
    }
    Ok(())
}

// ---- boxcox, exprel, huber, pseudo_huber, rel_entr, kl_div ------------------------------------

/// The compositions of `src/ops/special_misc.rs` on `dev` in `F` against f64 host
/// formulas (musl's expm1/log1p), in ulps of the answer: 8, plus `2·|u|` where the
/// result is `expm1(u)` of a rounded product or quotient `u` (its relative error passes
/// through times `u·e^u/(e^u − 1) ≤ 1 + |u|`); `cosm1`, `softplus` and `powm1` likewise,
/// and `powm1`'s edge values as SciPy 1.17 gives them.
fn misc_check<F: Prec>(dev: &Device) -> gpu::Result<()> {
    let (to_f, eps, min_positive): (fn(f64) -> F, f64, f64) = (<F as gpu::Element>::from_f64, F::EPS, F::MIN_POSITIVE);
    let what = format!("on {} {}", dev.kind(), F::DTYPE);
    let lambdas = [-2.5, -0.5, 0.0, 1e-20, 0.5, 1.0, 2.5];
    let mut xs: Vec<f64> = grid(0.05, 20.0, 201).collect();
    xs.extend([1.0 + 1e-6, 1.0 - 1e-6, 1e-7, 0.999]);
    let pairs: Vec<(f64, f64)> = xs.iter().flat_map(|&x| lambdas.iter().map(move |&l| (x, l))).collect();
    let pairs: Vec<(f64, f64)> = pairs.iter().map(|&(x, l)| (to_f(x).into(), to_f(l).into())).collect();
    let x = Array::from_vec(pairs.iter().map(|p| to_f(p.0)).collect(), [pairs.len()])?.to(dev)?;
    let l = Array::from_vec(pairs.iter().map(|p| to_f(p.1)).collect(), [pairs.len()])?.to(dev)?;
    let check = |name: &str, got: Vec<F>, want: &dyn Fn(f64, f64) -> (f64, f64)| {
        for (&(xv, lv), g) in pairs.iter().zip(got) {
            let (w, u) = want(xv, lv);
            let w: f64 = to_f(w).into();
            if !w.is_finite() || (w != 0.0 && w.abs() < min_positive) {
                continue;
            }
            let e = ulps(g.into(), w, w, eps, min_positive);
            let bound = 8.0 + 2.0 * u.abs();
            assert!(
                e <= bound,
                "{name}({xv:e}, {lv:e}) {what}: got {:e}, want {w:e} ({e:.1} ulp > {bound:.1})",
                g.into()
            );
        }
    };
    let small = |l: f64| l.abs() < 1e-19;
    check("boxcox", x.boxcox(&l)?.to_vec()?, &|x, l| {
        let u = l * x.ln();
        (if small(l) { x.ln() } else { libm::expm1(u) / l }, u)
    });
    check("boxcox1p", x.boxcox1p(&l)?.to_vec()?, &|x, l| {
        let u = l * libm::log1p(x);
        (if small(l) { libm::log1p(x) } else { libm::expm1(u) / l }, u)
    });
    check("inv_boxcox", x.inv_boxcox(&l)?.to_vec()?, &|y, l| {
        let u = if small(l) { y } else { libm::log1p(l * y) / l };
        (u.exp(), u)
    });
    check("inv_boxcox1p", x.inv_boxcox1p(&l)?.to_vec()?, &|y, l| {
        let u = if small(l) { y } else { libm::log1p(l * y) / l };
        (libm::expm1(u), u)
    });
    // Past x^λ's overflow, where (x^λ − 1)/λ is finite for |λ| > 1 (mpmath's values for
    // f64); boxcox1p at x − 1.
    let band: Vec<(f64, f64, f64)> = if F::DTYPE == DType::F32 {
        let w = |x: f64, l: f64| (x.powf(l) - 1.0) / l;
        vec![(2.0, 130.0, w(2.0, 130.0)), (0.5, -130.0, w(0.5, -130.0)), (8192.0, 10.0, w(8192.0, 10.0))]
    } else {
        vec![
            (2.0, 1030.0, 1.117013210011536e307),
            (0.5, -1030.0, -1.117013210011536e307),
            (3.0, 650.0, 2.0696752733829345e307),
        ]
    };
    let bx = Array::from_vec(band.iter().map(|b| to_f(b.0)).collect(), [band.len()])?.to(dev)?;
    let bl = Array::from_vec(band.iter().map(|b| to_f(b.1)).collect(), [band.len()])?.to(dev)?;
    let via_1p = bx.add_scalar(to_f(-1.0))?.boxcox1p(&bl)?.to_vec()?;
    for ((&(xv, lv, want), g), g1) in band.iter().zip(bx.boxcox(&bl)?.to_vec()?).zip(via_1p) {
        let bound = 8.0 + 2.0 * (lv * xv.ln()).abs();
        for (name, g) in [("boxcox", g), ("boxcox1p", g1)] {
            let e = ulps(g.into(), want, want, eps, min_positive);
            assert!(
                e <= bound,
                "{name}({xv:e}, {lv:e}) past x^λ's overflow {what}: got {:e}, want {want:e} ({e:.1} ulp > {bound:.1})",
                g.into()
            );
        }
    }
    // huber, pseudo_huber with δ = the λ column's |values| and r = x − 10.
    let r = x.add_scalar(to_f(-10.0))?;
    let d = l.abs()?;
    check("huber", d.huber(&r)?.to_vec()?, &|x, l| {
        let (d, r) = (l.abs(), (x - 10.0).abs());
        (if r <= d { 0.5 * r * r } else { d * (r - 0.5 * d) }, 0.0)
    });
    check("pseudo_huber", d.pseudo_huber(&r)?.to_vec()?, &|x, l| {
        let (d, r) = (l.abs(), x - 10.0);
        (if d == 0.0 { 0.0 } else { r * r / ((1.0 + (r / d) * (r / d)).sqrt() + 1.0) }, 0.0)
    });
    // rel_entr(x, y) with y = |λ| + x/3.
    let y = d.add(&x.mul_scalar(to_f(1.0 / 3.0))?)?;
    let yv: Vec<f64> = y.to_vec()?.into_iter().map(|v| v.into()).collect();
    let got = x.rel_entr(&y)?.to_vec()?;
    for ((&(xv, _), &yv), g) in pairs.iter().zip(&yv).zip(got) {
        let r = xv / yv;
        let want: f64 = to_f(xv * if (0.5..=2.0).contains(&r) { libm::log1p((xv - yv) / yv) } else { r.ln() }).into();
        let e = ulps(g.into(), want, want, eps, min_positive);
        assert!(e <= 8.0, "rel_entr({xv:e}, {yv:e}) {what}: got {:e}, want {want:e} ({e:.1} ulp)", g.into());
    }
    // kl_div: within ulps of the value where x is near y (|t| <= ½, t = (x − y)/y), against
    // `y·Σ_{k≥2} (−t)^k/(k(k − 1))`, the series of `(1 + t)·ln(1 + t) − t` (the plain
    // formula's terms cancel there: SciPy's is an ulp of x off); farther, where they
    // cancel to a third at most, against the plain formula, in ulps of |value| + |x − y|.
    // The grid's pairs and pairs with x = y·(1 + δ), δ from ±1e-7 to ±0.4.
    let mut kx: Vec<f64> = pairs.iter().map(|p| p.0).collect();
    let mut ky = yv.clone();
    for &y0 in &[1.0, 3.7, 1e-3, 1e5] {
        for &d in &[1e-7, 1e-5, 1e-3, 1e-2, 0.1, 0.4] {
            for s in [1.0, -1.0] {
                kx.push(to_f(y0 * (1.0 + s * d)).into());
                ky.push(to_f(y0).into());
            }
        }
    }
    let kxa = Array::from_vec(kx.iter().map(|&v| to_f(v)).collect(), [kx.len()])?.to(dev)?;
    let kya = Array::from_vec(ky.iter().map(|&v| to_f(v)).collect(), [ky.len()])?.to(dev)?;
    let got = kxa.kl_div(&kya)?.to_vec()?;
    for ((&xv, &yv), g) in kx.iter().zip(&ky).zip(got) {
        let t = (xv - yv) / yv;
        let (want, scale) = if t.abs() <= 0.5 {
            let (mut sum, mut p) = (0.0, -t);
            for k in 2..80 {
                p *= -t;
                sum += p / (k * (k - 1)) as f64;
            }
            (yv * sum, yv * sum)
        } else {
            let want = xv * (xv / yv).ln() - (xv - yv);
            (want, want.abs() + (xv - yv).abs())
        };
        let want: f64 = to_f(want).into();
        if want != 0.0 && want.abs() < min_positive {
            continue;
        }
        let e = ulps(g.into(), want, scale, eps, min_positive);
        assert!(e <= 8.0, "kl_div({xv:e}, {yv:e}) {what}: got {:e}, want {want:e} ({e:.1} ulp)", g.into());
    }
    // exprel on a grid through 0 and past e^x's overflow.
    let top = if F::DTYPE == DType::F32 { 95.0 } else { 715.0 };
    let ex: Vec<f64> = grid(-30.0, 30.0, 601).chain(grid(80.0, top, 50)).chain([1e-9, -1e-9, 0.0]).collect();
    let got = Array::from_vec(ex.iter().map(|&v| to_f(v)).collect(), [ex.len()])?.to(dev)?.exprel()?.to_vec()?;
    for (&xv, g) in ex.iter().zip(got) {
        let xv: f64 = to_f(xv).into();
        let want = if xv == 0.0 {
            1.0
        } else if xv > 700.0 {
            let h = libm::exp(xv / 2.0);
            h * (h / xv)
        } else {
            libm::expm1(xv) / xv
        };
        let want: f64 = to_f(want).into();
        if !want.is_finite() {
            continue;
        }
        let e = ulps(g.into(), want, want, eps, min_positive);
        assert!(e <= 8.0, "exprel({xv:e}) {what}: got {:e}, want {want:e} ({e:.1} ulp)", g.into());
    }
    // cosm1 against musl's −2·sin²(x/2), and cos x − 1 where nothing cancels (cos x ≤ ½);
    // softplus against ln_1p(e^x) below 30 and x + ln_1p(e^−x) above, on the same grid,
    // whose x − 10 reaches −10 and 10.
    let grid_x: Vec<f64> = ex.iter().map(|&v| to_f(v).into()).filter(|v: &f64| v.abs() <= 30.0).collect();
    let gx = Array::from_vec(grid_x.iter().map(|&v| to_f(v)).collect(), [grid_x.len()])?.to(dev)?;
    let (c, sp) = (gx.cosm1()?.to_vec()?, gx.softplus()?.to_vec()?);
    for ((&xv, c), sp) in grid_x.iter().zip(c).zip(sp) {
        let s = libm::sin(xv / 2.0);
        let want_c: f64 = to_f(-2.0 * s * s).into();
        let e = ulps(c.into(), want_c, want_c, eps, min_positive);
        assert!(e <= 8.0, "cosm1({xv:e}) {what}: got {:e}, want {want_c:e} ({e:.1} ulp)", c.into());
        if libm::cos(xv) <= 0.5 {
            let direct: f64 = to_f(libm::cos(xv) - 1.0).into();
            let e = ulps(c.into(), direct, direct, eps, min_positive);
            assert!(e <= 8.0, "cosm1({xv:e}) {what}: got {:e}, cos x − 1 {direct:e} ({e:.1} ulp)", c.into());
        }
        let want_s = if xv < 30.0 { libm::log1p(libm::exp(xv)) } else { xv + libm::log1p(libm::exp(-xv)) };
        let want_s: f64 = to_f(want_s).into();
        let e = ulps(sp.into(), want_s, want_s, eps, min_positive);
        assert!(e <= 8.0, "softplus({xv:e}) {what}: got {:e}, want {want_s:e} ({e:.1} ulp)", sp.into());
    }
    // powm1(x, λ) on the pairs: musl's expm1(λ·ln x) where |λ·ln x| < ½ (held as boxcox,
    // 8 + 2|u| ulps), musl's pow − 1 elsewhere; then SciPy's values at its edges.
    check("powm1", x.powm1(&l)?.to_vec()?, &|x, l| {
        let u = l * x.ln();
        (if u.abs() < 0.5 { libm::expm1(u) } else { libm::pow(x, l) - 1.0 }, u)
    });
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let edges: [(f64, f64, f64); 14] = [
        (nan, 0.0, 0.0),
        (1.0, nan, 0.0),
        (-2.0, 3.0, -9.0),
        (-2.0, 2.0, 3.0),
        (-2.0, 0.5, nan),
        (0.0, 2.0, -1.0),
        (0.0, -2.0, inf),
        (-0.0, -3.0, inf),
        (2.0, inf, inf),
        (0.5, inf, -1.0),
        (inf, -1.0, -1.0),
        (-inf, 3.0, -inf),
        (nan, 1.0, nan),
        (1.0, inf, 0.0),
    ];
    let ea = Array::from_vec(edges.iter().map(|e| to_f(e.0)).collect(), [edges.len()])?.to(dev)?;
    let eb = Array::from_vec(edges.iter().map(|e| to_f(e.1)).collect(), [edges.len()])?.to(dev)?;
    for (&(xv, yv, want), g) in edges.iter().zip(ea.powm1(&eb)?.to_vec()?) {
        let g: f64 = g.into();
        // pow itself is `e^(y·ln|x|)` in WGSL f64: a few ulps off at the integers.
        let close = want.is_finite() && (g - want).abs() <= 4.0 * eps * want.abs();
        assert!(g == want || close || (g.is_nan() && want.is_nan()), "powm1({xv}, {yv}) {what}: got {g}, want {want}");
    }
    let ends = Array::from_vec([inf, -inf, nan, 0.0].iter().map(|&v| to_f(v)).collect(), [4])?.to(dev)?;
    let (c, sp): (Vec<f64>, Vec<f64>) = (
        ends.cosm1()?.to_vec()?.into_iter().map(|v| v.into()).collect(),
        ends.softplus()?.to_vec()?.into_iter().map(|v| v.into()).collect(),
    );
    assert!(c[0].is_nan() && c[1].is_nan() && c[2].is_nan() && c[3] == 0.0, "cosm1(∞, −∞, NaN, 0) {what}: {c:?}");
    assert!(sp[0] == inf && sp[1] == 0.0 && sp[2].is_nan(), "softplus(∞, −∞, NaN) {what}: {sp:?}");
    Ok(())
}

// ---- beta, betaln ----------------------------------------------------------------------

/// (a, b, ln|B(a, b)|, B(a, b)) from mpmath at 250 bits (`scripts/mpmath-gamma-table.py`):
/// both arguments from 1e-3 to 1e4, one small against one up to 1e8, both from 10 to
/// 1e6, negative `a` against positive `b`, and edge cases.
fn true_beta() -> Vec<(f64, f64, f64, f64)> {
    include_str!("data/beta_mpmath.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let f: Vec<f64> = l.split(' ').map(|v| v.parse().expect("a number")).collect();
            (f[0], f[1], f[2], f[3])
        })
        .collect()
}

/// `betaln` and `beta` on `dev` in `F` against mpmath: betaln within `bound` ulps of
/// max(|ln B|, 1) (so absolutely where B is near 1, as its logarithm's digits are
/// then the ratio's rounding), B within `bound` ulps where it is a normal number of `F`
/// and Γ reaches, and `bound·|ln B|` ulps past that, where it is `e^(ln B)`; both
/// arguments' orders, as B is symmetric. Prints the worst of each.
fn beta_check<F: Prec>(dev: &Device, bound: f64) -> gpu::Result<()> {
    let (to_f, eps, min_positive): (fn(f64) -> F, f64, f64) = (<F as gpu::Element>::from_f64, F::EPS, F::MIN_POSITIVE);
    let rows: Vec<_> = true_beta().into_iter().filter(|r| to_f(r.0).into() == r.0 && to_f(r.1).into() == r.1).collect();
    let a = Array::from_vec(rows.iter().map(|r| to_f(r.0)).collect(), [rows.len()])?.to(dev)?;
    let b = Array::from_vec(rows.iter().map(|r| to_f(r.1)).collect(), [rows.len()])?.to(dev)?;
    for (x, y, order) in [(&a, &b, "(a, b)"), (&b, &a, "(b, a)")] {
        let (log, beta) = (x.betaln(y)?.to_vec()?, x.beta(y)?.to_vec()?);
        let (mut worst_log, mut worst_beta) = ((0.0f64, 0usize), (0.0f64, 0usize));
        for (i, r) in rows.iter().enumerate() {
            let (gl, gb): (f64, f64) = (log[i].into(), beta[i].into());
            let want_log: f64 = to_f(r.2).into();
            let e = ulps(gl, want_log, want_log.abs().max(1.0), eps, min_positive);
            assert!(
                e <= bound,
                "betaln{order} {} at ({}, {}): got {gl:e}, want {want_log:e} ({e:.1} ulp)",
                F::DTYPE,
                r.0,
                r.1
            );
            if e > worst_log.0 {
                worst_log = (e, i);
            }
            let want: f64 = to_f(r.3).into();
            if want.is_finite() && want.abs() >= min_positive {
                // Past Γ's range B is e^(ln B), whose relative error is ln B's absolute
                // one: there it is measured in ulps of B per unit of |ln B|.
                let reach = if F::DTYPE == DType::F32 { 34.0 } else { 171.0 };
                let far = [r.0, r.1, r.0 + r.1].iter().any(|v: &f64| v.abs() > reach);
                let per = if far { r.2.abs().max(1.0) } else { 1.0 };
                let e = ulps(gb, want, want, eps, min_positive) / per;
                assert!(
                    e <= bound,
                    "beta{order} {} at ({}, {}): got {gb:e}, want {want:e} ({e:.1} ulp)",
                    F::DTYPE,
                    r.0,
                    r.1
                );
                if e > worst_beta.0 {
                    worst_beta = (e, i);
                }
            }
        }
        let at = |i: usize| (rows[i].0, rows[i].1);
        println!(
            "betaln{order} {} on {}: worst {:.2} ulp at {:?}; beta worst {:.2} ulp (per unit of |ln B| past Γ's range) at {:?} ({} pairs)",
            F::DTYPE,
            dev.kind(),
            worst_log.0,
            at(worst_log.1),
            worst_beta.0,
            at(worst_beta.1),
            rows.len()
        );
    }
    Ok(())
}

/// B's conventions: +∞ at the poles of an argument, 0 (ln: −∞) where only the sum is
/// one or an argument is +∞, NaN for NaN and −∞; broadcasting.
fn beta_specials<F: Prec>(dev: &Device) -> gpu::Result<()> {
    let to_f = <F as gpu::Element>::from_f64;
    let inf = f64::INFINITY;
    let pairs = [(0.0, 1.0), (-1.0, 2.0), (-0.5, 0.5), (inf, 1.0), (f64::NAN, 1.0), (-inf, 1.0), (2.0, 3.0)];
    let a = Array::from_vec(pairs.iter().map(|p| to_f(p.0)).collect(), [pairs.len()])?.to(dev)?;
    let b = Array::from_vec(pairs.iter().map(|p| to_f(p.1)).collect(), [pairs.len()])?.to(dev)?;
    let l: Vec<f64> = a.betaln(&b)?.to_vec()?.into_iter().map(|v| v.into()).collect();
    let v: Vec<f64> = a.beta(&b)?.to_vec()?.into_iter().map(|v| v.into()).collect();
    let what = format!("on {} {}", dev.kind(), F::DTYPE);
    assert_eq!((l[0], l[1], l[2], l[3]), (inf, inf, -inf, -inf), "betaln at the poles, +∞ {what}");
    assert_eq!((v[0], v[1], v[2], v[3]), (inf, inf, 0.0, 0.0), "beta at the poles, +∞ {what}");
    assert!(l[4].is_nan() && l[5].is_nan() && v[4].is_nan() && v[5].is_nan(), "NaN, −∞ {what}: {l:?} {v:?}");
    assert!((v[6] - 1.0 / 12.0).abs() <= 4.0 * F::EPS / 12.0, "B(2, 3) {what}: {}", v[6]);
    // A row against a column: [3, 1] with [1, 4] is [3, 4].
    let col = Array::from_vec(vec![to_f(0.5), to_f(2.0), to_f(7.5)], [3, 1])?.to(dev)?;
    let row = Array::from_vec(vec![to_f(0.5), to_f(1.0), to_f(3.0), to_f(40.0)], [1, 4])?.to(dev)?;
    let got: Vec<f64> = col.betaln(&row)?.to_vec()?.into_iter().map(|v| v.into()).collect();
    for (i, &x) in [0.5, 2.0, 7.5].iter().enumerate() {
        for (j, &y) in [0.5, 1.0, 3.0, 40.0].iter().enumerate() {
            let want = libm::lgamma(x) + libm::lgamma(y) - libm::lgamma(x + y);
            assert!(
                (got[i * 4 + j] - want).abs() <= 1e3 * F::EPS,
                "betaln({x}, {y}) broadcast {what}: {}",
                got[i * 4 + j]
            );
        }
    }
    Ok(())
}

// ---- zeta, polygamma --------------------------------------------------------------------

/// (op, a, b, value) from mpmath (`scripts/mpmath-gamma-table.py`, at precisions raised
/// until two agree): Hurwitz ζ(x, q) with x from 1 + 1e-7 to 1e4 and q from 1e-30 to
/// 1e12, x and q of the same size (where the sum hands over to Euler–Maclaurin's tail),
/// the ends (x from 1 + 2^-52 to 1e15, q from 1e-300 to 1e300), integer x with q < 0; and
/// ψ⁽ⁿ⁾(x) for n up to 24 and x from −15 to 1e6.
fn true_zeta() -> Vec<(&'static str, f64, f64, f64)> {
    include_str!("data/zeta_mpmath.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split(' ').collect();
            let num = |i: usize| f[i].parse::<f64>().expect("a number");
            let op = if f[0] == "zeta" { "zeta" } else { "polygamma" };
            (op, num(1), num(2), num(3))
        })
        .collect()
}

/// What a ζ(s, q) error is measured in ulps of: the value, but for q < 0, where it is
/// `ζ(s, r) ± (ζ(s, 1 − r) − ζ(s, m + 1 − r))` (r = q mod 1) and cancels for odd s, the
/// largest of the terms `r^−s`, `(1 − r)^−s` too.
fn zeta_scale(s: f64, q: f64, want: f64) -> f64 {
    if q >= 0.0 {
        return want.abs();
    }
    // r = q mod 1 and 1 − r, exactly: for q in (−1, 0), 1 − r is −q.
    let (r, rest) = if q > -1.0 { (1.0 + q, -q) } else { (q - q.floor(), 1.0 - (q - q.floor())) };
    want.abs().max(r.powf(-s)).max(rest.powf(-s))
}

/// `zeta` and `polygamma` on `dev` in `F` against mpmath, within `bound` ulps (ζ's
/// scale for q < 0 from `zeta_scale`; ψ⁽ⁿ⁾ = ±n!·ζ(n + 1, x)). Prints the worst.
fn zeta_check<F: Prec>(dev: &Device, bound: f64) -> gpu::Result<()> {
    let (to_f, eps, min_positive): (fn(f64) -> F, f64, f64) = (<F as gpu::Element>::from_f64, F::EPS, F::MIN_POSITIVE);
    for op in ["zeta", "polygamma"] {
        let rows: Vec<_> = true_zeta()
            .into_iter()
            .filter(|r| r.0 == op && to_f(r.1).into() == r.1 && to_f(r.2).into() == r.2)
            .filter(|r| to_f(r.3).into().is_finite() && to_f(r.3).into().abs() >= min_positive)
            .collect();
        let a = Array::from_vec(rows.iter().map(|r| to_f(r.1)).collect(), [rows.len()])?.to(dev)?;
        let b = Array::from_vec(rows.iter().map(|r| to_f(r.2)).collect(), [rows.len()])?.to(dev)?;
        let got = if op == "zeta" { a.zeta(&b)? } else { a.polygamma(&b)? }.to_vec()?;
        let mut worst = (0.0f64, 0usize);
        for (i, r) in rows.iter().enumerate() {
            let want: f64 = to_f(r.3).into();
            let scale = if op == "zeta" {
                zeta_scale(r.1, r.2, want)
            } else {
                let n_factorial = (1..=r.1 as u32).map(f64::from).product::<f64>();
                want.abs().max(n_factorial * zeta_scale(r.1 + 1.0, r.2, 0.0))
            };
            let g: f64 = got[i].into();
            let e = ulps(g, want, scale, eps, min_positive);
            assert!(e <= bound, "{op} {} at ({}, {}): got {g:e}, want {want:e} ({e:.1} ulp)", F::DTYPE, r.1, r.2);
            if e > worst.0 {
                worst = (e, i);
            }
        }
        println!(
            "{op} {} on {}: worst {:.2} ulp at ({}, {}) ({} points)",
            F::DTYPE,
            dev.kind(),
            worst.0,
            rows[worst.1].1,
            rows[worst.1].2,
            rows.len()
        );
    }
    Ok(())
}

/// mpmath's P(a, x) and Q(a, x) (tests/data/gammainc_mpmath.txt): (a, x, P, Q).
fn true_gammainc() -> Vec<(f64, f64, f64, f64)> {
    include_str!("data/gammainc_mpmath.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let f: Vec<f64> = l.split(' ').map(|v| v.parse().expect("a number")).collect();
            (f[0], f[1], f[2], f[3])
        })
        .collect()
}

/// `gammainc` and `gammaincc` on `dev` in `F` against mpmath at 2,000 points, within
/// `bound` ulps per unit of `max(1, |ln v|)` for a value v: where P or Q is small it is
/// `e^E` times a modest factor, with an exponent E of size `|ln v|` (up to 745) that no
/// method gets to better than a few ulps of itself, and that e^E magnifies into as many
/// ulps of v (SciPy's error grows the same way; the function's own sensitivity to the
/// rounding of x, `x·∂ln Q/∂x`, is larger still: about `|x − a|`). Values below `F`'s
/// smallest normal number are skipped. Prints the worst, also in plain ulps.
fn gammainc_check<F: Prec>(dev: &Device, bound: f64) -> gpu::Result<()> {
    let (to_f, min_positive): (fn(f64) -> F, f64) = (<F as gpu::Element>::from_f64, F::MIN_POSITIVE);
    let rows: Vec<_> =
        true_gammainc().into_iter().filter(|r| to_f(r.0).into() == r.0 && to_f(r.1).into() == r.1).collect();
    let a = Array::from_vec(rows.iter().map(|r| to_f(r.0)).collect(), [rows.len()])?.to(dev)?;
    let x = Array::from_vec(rows.iter().map(|r| to_f(r.1)).collect(), [rows.len()])?.to(dev)?;
    for upper in [false, true] {
        let got = if upper { a.gammaincc(&x)? } else { a.gammainc(&x)? }.to_vec()?;
        let name = if upper { "gammaincc" } else { "gammainc" };
        // Values below the smallest normal number are skipped.
        let keep: Vec<usize> = (0..rows.len())
            .filter(|&i| to_f(if upper { rows[i].3 } else { rows[i].2 }).into().abs() >= min_positive)
            .collect();
        let got: Vec<F> = keep.iter().map(|&i| got[i]).collect();
        let want: Vec<f64> = keep.iter().map(|&i| if upper { rows[i].3 } else { rows[i].2 }).collect();
        let scale = |k: usize| want[k].ln().abs().max(1.0);
        check_ulps_per(dev, name, &got, &want, bound, (scale, "max(1, |ln v|)"), |k| {
            format!("({}, {})", rows[keep[k]].0, rows[keep[k]].1)
        });
    }
    Ok(())
}

/// `gammainc`'s bound in ulps per unit of `max(1, |ln v|)`: 5 where the code is ours
/// throughout, f32 and f64 (measured: 3.8 for f64, 4.1 for f32 on lavapipe, both in Q's
/// small-x series, where `−expm1(a ln x − ln Γ(1 + a))` and an alternating sum meet);
/// on CUDA, whose kernel uses CUDA's `tgamma` (documented within 10 ulp), `lgamma` (4)
/// and `erfc` (5), 16. Not run here: no NVIDIA driver.
fn gammainc_bound(dev: &Device) -> f64 {
    bound_on(dev, 5.0, 16.0)
}

/// `gammainc`'s and `gammaincc`'s conventions (SciPy's), `P + Q = 1`, and a [3, 1] × [1, 4]
/// broadcast against closed forms: `Q(½, x) = erfc(√x)`, and for whole a the Poisson sum
/// `Q(n, x) = e^−x·Σ_{k<n} x^k/k!`.
fn gammainc_specials<F: Prec>(dev: &Device) -> gpu::Result<()> {
    let to_f = <F as gpu::Element>::from_f64;
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let what = format!("on {} {}", dev.kind(), F::DTYPE);
    // (a, x, P, Q)
    let cases = [
        (0.0, 0.0, nan, nan),
        (0.0, 1.0, 1.0, 0.0),
        (0.0, inf, 1.0, 0.0),
        (1.0, 0.0, 0.0, 1.0),
        (inf, 0.0, 0.0, 1.0),
        (inf, 1.0, 0.0, 1.0),
        (1.0, inf, 1.0, 0.0),
        (inf, inf, nan, nan),
        (-1.0, 1.0, nan, nan),
        (1.0, -1.0, nan, nan),
        (nan, 1.0, nan, nan),
        (1.0, nan, nan, nan),
        (1.0, 1e4, 1.0, 0.0),
        (1e4, 1.0, 0.0, 1.0),
    ];
    let a = Array::from_vec(cases.iter().map(|c| to_f(c.0)).collect(), [cases.len()])?.to(dev)?;
    let x = Array::from_vec(cases.iter().map(|c| to_f(c.1)).collect(), [cases.len()])?.to(dev)?;
    let (p, q) = (a.gammainc(&x)?.to_vec()?, a.gammaincc(&x)?.to_vec()?);
    for (i, c) in cases.iter().enumerate() {
        let (gp, gq): (f64, f64) = (p[i].into(), q[i].into());
        let same = |g: f64, w: f64| g == w || (g.is_nan() && w.is_nan());
        assert!(same(gp, c.2) && same(gq, c.3), "P, Q({}, {}) = {gp}, {gq} {what}", c.0, c.1);
    }
    let a_vals = [0.5, 3.0, 25.0];
    let x_vals = [0.1, 1.0, 5.0, 30.0];
    let a = Array::from_vec(a_vals.iter().map(|&v| to_f(v)).collect(), [3, 1])?.to(dev)?;
    let x = Array::from_vec(x_vals.iter().map(|&v| to_f(v)).collect(), [1, 4])?.to(dev)?;
    let (p, q) = (a.gammainc(&x)?, a.gammaincc(&x)?);
    assert_eq!(q.shape(), &[3, 4]);
    let (p, q) = (p.to_vec()?, q.to_vec()?);
    for (i, &av) in a_vals.iter().enumerate() {
        for (j, &xv) in x_vals.iter().enumerate() {
            let want = if av == 0.5 {
                libm::erfc(xv.sqrt())
            } else {
                let (mut term, mut sum) = (1.0, 0.0);
                for k in 0..av as usize {
                    sum += term;
                    term *= xv / (k + 1) as f64;
                }
                (-xv).exp() * sum
            };
            let (gp, gq): (f64, f64) = (p[i * 4 + j].into(), q[i * 4 + j].into());
            // Loose: the closed forms round too (erfc(√x) by x ulps); mpmath pins accuracy.
            let tol = 64.0 * F::EPS;
            assert!((gq - want).abs() <= tol * want, "Q({av}, {xv}) = {gq:e}, want {want:e} {what}");
            assert!((gp + gq - 1.0).abs() <= 2.0 * F::EPS, "P + Q at ({av}, {xv}) = {} {what}", gp + gq);
        }
    }
    Ok(())
}

/// The χ², Poisson and gamma distribution functions (`chdtr`, `chdtrc`, `pdtr`, `pdtrc`,
/// `gdtr`, `gdtrc`): bit for bit the incomplete gamma functions of their scaled
/// arguments on the same device, SciPy's conventions, closed forms, and a three-way
/// broadcast.
fn distributions_check<F: Prec>(dev: &Device) -> gpu::Result<()> {
    let to_f = <F as gpu::Element>::from_f64;
    let what = format!("on {} {}", dev.kind(), F::DTYPE);
    let arr = |v: &[f64], shape: &[usize]| -> gpu::Result<Array<F>> {
        Array::from_vec(v.iter().map(|&x| to_f(x)).collect(), shape)?.to(dev)
    };
    let bits = |a: &Array<F>| -> gpu::Result<Vec<u64>> {
        Ok(a.to_vec()?.into_iter().map(|v| Into::<f64>::into(v).to_bits()).collect())
    };
    // χ²: v/2 and x/2 are exact, so the results are gammainc's own.
    let v = arr(&[1.0, 2.0, 7.0, 30.0, 101.0, 0.5], &[6])?;
    let x = arr(&[0.5, 3.0, 6.5, 33.0, 80.0, 1e-3], &[6])?;
    let (hv, hx) = (v.mul_scalar(to_f(0.5))?, x.mul_scalar(to_f(0.5))?);
    assert_eq!(bits(&v.chdtr(&x)?)?, bits(&hv.gammainc(&hx)?)?, "chdtr {what}");
    assert_eq!(bits(&v.chdtrc(&x)?)?, bits(&hv.gammaincc(&hx)?)?, "chdtrc {what}");
    // Poisson: k floored; k < 0 NaN; closed form e^−m·Σ_{j≤k} m^j/j!.
    let k = arr(&[0.0, 2.0, 2.7, 5.0, -1.0, -0.5], &[6])?;
    let m = arr(&[1.5], &[1])?;
    let (p, q) = (k.pdtr(&m)?.to_vec()?, k.pdtrc(&m)?.to_vec()?);
    for (i, kv) in [0.0f64, 2.0, 2.7, 5.0].into_iter().enumerate() {
        let (mut term, mut sum) = (1.0, 0.0);
        for j in 0..=kv as usize {
            sum += term;
            term *= 1.5 / (j + 1) as f64;
        }
        let want = (-1.5f64).exp() * sum;
        let (gp, gq): (f64, f64) = (p[i].into(), q[i].into());
        assert!((gp - want).abs() <= 8.0 * F::EPS * want, "pdtr({kv}, 1.5) = {gp:e}, want {want:e} {what}");
        assert!((gp + gq - 1.0).abs() <= 2.0 * F::EPS, "pdtr + pdtrc at k = {kv}: {} {what}", gp + gq);
    }
    for i in 4..6 {
        assert!(Into::<f64>::into(p[i]).is_nan() && Into::<f64>::into(q[i]).is_nan(), "pdtr(k < 0) {what}");
    }
    // gamma: P(b, a·x) with a [2, 1, 1], b [1, 3, 1], x [1, 1, 4]; whole b has the closed
    // form 1 − e^−y·Σ_{j<b} y^j/j!; x < 0 is NaN.
    let (av, bv, xv) = ([0.5, 2.0], [1.0, 2.0, 4.0], [0.25, 1.0, 3.0, 10.0]);
    let a = arr(&av, &[2, 1, 1])?;
    let b = arr(&bv, &[1, 3, 1])?;
    let x = arr(&xv, &[1, 1, 4])?;
    let (p, q) = (a.gdtr(&b, &x)?, a.gdtrc(&b, &x)?);
    assert_eq!(p.shape(), &[2, 3, 4]);
    let (p, q) = (p.to_vec()?, q.to_vec()?);
    for (i, &ai) in av.iter().enumerate() {
        for (j, &bj) in bv.iter().enumerate() {
            for (l, &xl) in xv.iter().enumerate() {
                let y = ai * xl;
                let (mut term, mut sum) = (1.0, 0.0);
                for n in 0..bj as usize {
                    sum += term;
                    term *= y / (n + 1) as f64;
                }
                let want_q = (-y).exp() * sum;
                let g: f64 = q[(i * 3 + j) * 4 + l].into();
                assert!(
                    (g - want_q).abs() <= 8.0 * F::EPS * want_q,
                    "gdtrc({ai}, {bj}, {xl}) = {g:e}, want {want_q:e} {what}"
                );
                let gp: f64 = p[(i * 3 + j) * 4 + l].into();
                assert!((gp + g - 1.0).abs() <= 2.0 * F::EPS, "gdtr + gdtrc {what}");
            }
        }
    }
    let neg = arr(&[-1.0], &[1])?;
    let one = arr(&[1.0], &[1])?;
    let two = arr(&[2.0], &[1])?;
    assert!(Into::<f64>::into(one.gdtr(&two, &neg)?.item()?).is_nan(), "gdtr(x < 0) {what}");
    assert!(Into::<f64>::into(neg.gdtr(&two, &neg)?.item()?).is_nan(), "gdtr(a < 0, x < 0) {what}");
    assert!(Into::<f64>::into(neg.gdtrc(&two, &one)?.item()?).is_nan(), "gdtrc(a < 0) {what}");
    // The inverses: chdtri is gammainccinv's own scaled (v/2 and 2x are exact); pdtri
    // floors k, is NaN for k < 0, and returns m with pdtr(k, m) = y, against mpmath's
    // roots (tests/data/gammaincinv_mpmath.txt checks gammainccinv itself).
    let v = arr(&[1.0, 4.0, 10.0, 30.0, 0.5], &[5, 1])?;
    let p = arr(&[0.05, 0.5, 1e-10, 0.999], &[1, 4])?;
    let want = v.mul_scalar(to_f(0.5))?.gammainccinv(&p)?.mul_scalar(to_f(2.0))?;
    assert_eq!(bits(&v.chdtri(&p)?)?, bits(&want)?, "chdtri {what}");
    let x: Vec<f64> =
        arr(&[10.0, 4.0], &[2])?.chdtri(&arr(&[0.05], &[1])?)?.to_vec()?.into_iter().map(|v| v.into()).collect();
    for (g, w) in x.iter().zip([18.307038053275146, 9.487729036781158]) {
        assert!((g - w).abs() <= 4.0 * F::EPS * w, "chdtri(·, 0.05) = {g}, want {w} {what}");
    }
    // (k, y, m) with Q(k + 1, m) = y: mpmath 1.4 findroot at 40 digits.
    let roots = [(2.0, 0.5, 2.6740603137235603), (0.0, 0.3, 1.203972804325936), (10.0, 1e-6, 34.42788434036118)];
    let k = arr(&roots.iter().map(|r| r.0).collect::<Vec<_>>(), &[3])?;
    let y = arr(&roots.iter().map(|r| r.1).collect::<Vec<_>>(), &[3])?;
    let m = k.pdtri(&y)?;
    for (g, r) in m.to_vec()?.into_iter().zip(roots) {
        let g: f64 = g.into();
        assert!((g - r.2).abs() <= 8.0 * F::EPS * r.2, "pdtri({}, {}) = {g}, want {} {what}", r.0, r.1, r.2);
    }
    let k = arr(&[2.7, 2.0, -1.0, 3.0, 3.0, 3.0, 3.0], &[7])?;
    let y = arr(&[0.5, 0.5, 0.5, 0.0, 1.0, 1.5, f64::NAN], &[7])?;
    let m: Vec<f64> = k.pdtri(&y)?.to_vec()?.into_iter().map(|v| v.into()).collect();
    assert_eq!(m[0], m[1], "pdtri floors k {what}");
    assert!(m[2].is_nan() && m[5].is_nan() && m[6].is_nan(), "pdtri(k < 0; y > 1; NaN) {what}: {m:?}");
    assert_eq!((m[3], m[4]), (f64::INFINITY, 0.0), "pdtri(k, 0), pdtri(k, 1) {what}");
    Ok(())
}

/// ζ's bound in ulps: 4 where the code is ours throughout; on CUDA, whose kernel sums
/// CUDA's `pow` (documented within 2 ulp; `powf` 4), 8. Not run here: no NVIDIA driver.
fn zeta_bound(dev: &Device) -> f64 {
    bound_on(dev, 4.0, 8.0)
}

/// The bound for `riemann_zeta` and `zetac`, in ulps per unit of `max(1, κ)`: 8, for a
/// product of six factors (ζ, two Γ, the power twice and the sine) each within an ulp
/// or two; 32 on CUDA, whose tgamma is documented within 10 ulp (and taken twice). Not
/// run here: no NVIDIA driver.
fn riemann_zeta_bound(dev: &Device) -> f64 {
    bound_on(dev, 8.0, 32.0)
}

/// ζ's and ψ⁽ⁿ⁾'s conventions (SciPy's), and broadcasting.
fn zeta_specials<F: Prec>(dev: &Device) -> gpu::Result<()> {
    let to_f = <F as gpu::Element>::from_f64;
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let what = format!("on {} {}", dev.kind(), F::DTYPE);
    let pairs = [
        (1.0, 2.0, inf),
        (0.5, 1.0, nan),
        (2.0, 0.0, inf),
        (2.0, -0.0, inf),
        (2.0, -3.0, inf),
        (2.0, -inf, inf),
        (2.5, -1.5, nan),
        (nan, 1.0, nan),
        (2.0, nan, nan),
        (inf, 0.5, inf),
        (inf, 1.0, 1.0),
        (inf, 2.0, 0.0),
        (2.0, inf, 0.0),
        (-inf, 1.0, nan),
    ];
    let a = Array::from_vec(pairs.iter().map(|p| to_f(p.0)).collect(), [pairs.len()])?.to(dev)?;
    let b = Array::from_vec(pairs.iter().map(|p| to_f(p.1)).collect(), [pairs.len()])?.to(dev)?;
    let z: Vec<f64> = a.zeta(&b)?.to_vec()?.into_iter().map(|v| v.into()).collect();
    for (p, &g) in pairs.iter().zip(&z) {
        assert!(g == p.2 || (g.is_nan() && p.2.is_nan()), "zeta({}, {}) {what}: got {g}, want {}", p.0, p.1, p.2);
    }
    let pairs = [
        (1.0, 0.0, inf),
        (2.0, 0.0, -inf),
        (1.0, -2.0, inf),
        (2.5, 1.0, nan),
        (-1.0, 1.0, nan),
        (inf, 2.0, nan),
        (nan, 2.0, nan),
        (1.0, nan, nan),
        (0.0, 0.0, -inf),
    ];
    let n = Array::from_vec(pairs.iter().map(|p| to_f(p.0)).collect(), [pairs.len()])?.to(dev)?;
    let x = Array::from_vec(pairs.iter().map(|p| to_f(p.1)).collect(), [pairs.len()])?.to(dev)?;
    let p: Vec<f64> = n.polygamma(&x)?.to_vec()?.into_iter().map(|v| v.into()).collect();
    for (q, &g) in pairs.iter().zip(&p) {
        assert!(g == q.2 || (g.is_nan() && q.2.is_nan()), "polygamma({}, {}) {what}: got {g}, want {}", q.0, q.1, q.2);
    }
    // A column of x against a row of q, and n against x: [3, 1] with [1, 4] is [3, 4].
    let col = Array::from_vec(vec![to_f(2.0), to_f(3.0), to_f(4.0)], [3, 1])?.to(dev)?;
    let row = Array::from_vec(vec![to_f(0.5), to_f(1.0), to_f(2.0), to_f(10.0)], [1, 4])?.to(dev)?;
    let z: Vec<f64> = col.zeta(&row)?.to_vec()?.into_iter().map(|v| v.into()).collect();
    let pg: Vec<f64> = col.polygamma(&row)?.to_vec()?.into_iter().map(|v| v.into()).collect();
    // Plain partial sums to 2e5 and Euler–Maclaurin's first two tail terms: 1e-10
    // relative here.
    let partial = |s: f64, q: f64| {
        let k_max = 200_000.0;
        let w: f64 = q + k_max;
        (0..200_000).rev().map(|k| (q + k as f64).powf(-s)).sum::<f64>() + w.powf(1.0 - s) / (s - 1.0)
            - 0.5 * w.powf(-s)
    };
    for (i, &s) in [2.0f64, 3.0, 4.0].iter().enumerate() {
        for (j, &q) in [0.5f64, 1.0, 2.0, 10.0].iter().enumerate() {
            let (got, want) = (z[i * 4 + j], partial(s, q));
            assert!(
                (got / want - 1.0).abs() <= 1e-9 + 8.0 * F::EPS,
                "zeta({s}, {q}) broadcast {what}: {got} vs {want}"
            );
            // ψ⁽ˢ⁾(q) = (−1)^(s+1)·s!·ζ(s + 1, q).
            let sign = if s as i32 % 2 == 0 { -1.0 } else { 1.0 };
            let s_factorial: f64 = (1..=s as u32).map(f64::from).product();
            let (got, want) = (pg[i * 4 + j], sign * s_factorial * partial(s + 1.0, q));
            assert!(
                (got / want - 1.0).abs() <= 1e-9 + 8.0 * F::EPS,
                "polygamma({s}, {q}) broadcast {what}: {got} vs {want}"
            );
        }
    }
    Ok(())
}

/// The Riemann ζ(x) and ζ(x) − 1 (`riemann_zeta`, `zetac`) on `dev` in `F` against
/// mpmath (tests/data/riemann_zeta_mpmath.txt: x through (−1, 1), down to −400, near
/// the trivial zeros to −60, just below the pole at 1, and above it to 1e3), within
/// `bound` ulps per unit of `max(1, κ)`, κ = |x·ζ′(x)/v| the condition number of the
/// value v; then SciPy's conventions and a strided view.
fn riemann_zeta_check<F: Prec>(dev: &Device, bound: f64) -> gpu::Result<()> {
    let to_f: fn(f64) -> F = <F as gpu::Element>::from_f64;
    let max = if F::DTYPE == DType::F32 { f32::MAX as f64 } else { f64::MAX };
    let table = kappa_table(include_str!("data/riemann_zeta_mpmath.txt"));
    let apply = |op: &str, a: &Array<F>| if op == "zetac" { a.zetac() } else { a.riemann_zeta() };
    for op in ["riemann_zeta", "zetac"] {
        let tag = if op == "zetac" { "zetac" } else { "zeta1" };
        let rows: Vec<[f64; 3]> = table
            .iter()
            .filter(|(o, r)| {
                o == tag && to_f(r[0]).into() == r[0] && r[1].abs() >= F::MIN_POSITIVE && r[1].abs() <= max
            })
            .map(|(_, r)| *r)
            .collect();
        let x = Array::from_vec(rows.iter().map(|r| to_f(r[0])).collect(), [rows.len()])?.to(dev)?;
        let want: Vec<f64> = rows.iter().map(|r| r[1]).collect();
        let scale = |i: usize| rows[i][2].max(1.0);
        check_ulps_per(dev, op, &apply(op, &x)?.to_vec()?, &want, bound, (scale, "max(1, κ)"), |i| {
            format!("{:e}", rows[i][0])
        });
    }
    // SciPy's conventions: +∞ at 1; 1 (ζ − 1: 0) at +∞; NaN at −∞ and NaN; −½ at ±0; 0
    // at the even negative integers (every f32 and f64 beyond 2^53 is one); ±∞ where ζ
    // overflows (ζ(−1001) = −B₁₀₀₂/1002 < 0; ζ(−261) = −1.5e310, just past f64's range).
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let xs = [1.0, inf, -inf, nan, 0.0, -0.0, -2.0, -1e30, -1001.0, -261.0];
    let x = Array::from_vec(xs.iter().map(|&v| to_f(v)).collect(), [xs.len()])?.to(dev)?;
    let what = format!("on {} {}", dev.kind(), F::DTYPE);
    let z: Vec<f64> = x.riemann_zeta()?.to_vec()?.into_iter().map(|v| v.into()).collect();
    let zc: Vec<f64> = x.zetac()?.to_vec()?.into_iter().map(|v| v.into()).collect();
    assert!(z[2].is_nan() && z[3].is_nan() && zc[2].is_nan() && zc[3].is_nan(), "ζ(−∞), ζ(NaN) {what}: {z:?} {zc:?}");
    assert_eq!(
        (z[0], z[1], z[4], z[5], z[6], z[7], z[8], z[9]),
        (inf, 1.0, -0.5, -0.5, 0.0, 0.0, -inf, -inf),
        "riemann_zeta at {xs:?} {what}"
    );
    assert_eq!(
        (zc[0], zc[1], zc[4], zc[5], zc[6], zc[7], zc[8], zc[9]),
        (inf, 0.0, -1.5, -1.5, -1.0, -1.0, -inf, -inf),
        "zetac at {xs:?} {what}"
    );
    // Overflow between the last finite value and the cut-off (f64 −400, f32 −100), on
    // both sides of where Γ((1 − x)/2) overflows (f64 −342.2, f32 −69.08): mpmath's
    // ζ(−68.5, −69.5, −75.5, −81) = −9.8e41, −1.1e43, 2.7e49, −4.1e55 (past f32),
    // ζ(−300.5, −345, −350.5, −399) = −1.7e375, −3.3e451, 9.0e460, 1.7e547 (past f64).
    let xs = if F::DTYPE == DType::F32 { [-68.5, -69.5, -75.5, -81.0] } else { [-300.5, -345.0, -350.5, -399.0] };
    let want = if F::DTYPE == DType::F32 { [-inf, -inf, inf, -inf] } else { [-inf, -inf, inf, inf] };
    let x = Array::from_vec(xs.iter().map(|&v| to_f(v)).collect(), [4])?.to(dev)?;
    let z: Vec<f64> = x.riemann_zeta()?.to_vec()?.into_iter().map(|v| v.into()).collect();
    assert_eq!(z, want, "riemann_zeta at {xs:?} {what}");
    let values: Vec<f64> = (0..40).map(|i| 1.5 - 0.9 * i as f64).collect();
    check_strided_view(dev, &values, &["riemann_zeta", "zetac"], apply)
}

/// `got` against mpmath's `want` (rounded to `F` here) in ulps of the answer, each within
/// `bound`, `at(i)` naming the i-th point; prints the worst.
fn check_ulps<F: Prec>(dev: &Device, op: &str, got: &[F], want: &[f64], bound: f64, at: impl Fn(usize) -> String) {
    check_ulps_per(dev, op, got, want, bound, (|_| 1.0, ""), at);
}

/// [`check_ulps`] with the error at point i counted per unit of `scale.0(i)` (named
/// `scale.1` in the messages, which then also give the worst plain error): for
/// functions whose answer no method can get to within a few ulps everywhere, because
/// it magnifies the rounding of its own argument or exponent.
fn check_ulps_per<F: Prec>(
    dev: &Device,
    op: &str,
    got: &[F],
    want: &[f64],
    bound: f64,
    scale: (impl Fn(usize) -> f64, &str),
    at: impl Fn(usize) -> String,
) {
    let to_f = <F as gpu::Element>::from_f64;
    let (unit, per) = (scale.1, if scale.1.is_empty() { String::new() } else { format!(" per unit of {}", scale.1) });
    let (mut worst, mut worst_plain) = ((0.0f64, 0usize), (0.0f64, 0usize));
    for (i, (&g, &w)) in got.iter().zip(want).enumerate() {
        let (g, w): (f64, f64) = (g.into(), to_f(w).into());
        let plain = ulps(g, w, w, F::EPS, F::MIN_POSITIVE);
        let s = scale.0(i);
        let e = plain / s;
        assert!(
            e <= bound,
            "{op} {} on {} at {}: got {g:e}, want {w:e} ({plain:.1} ulp, {e:.1}{per} = {s:.3})",
            F::DTYPE,
            dev.kind(),
            at(i)
        );
        if e > worst.0 {
            worst = (e, i);
        }
        if plain > worst_plain.0 {
            worst_plain = (plain, i);
        }
    }
    let plain = if unit.is_empty() {
        String::new()
    } else {
        format!("; plain {:.1} ulp at {}", worst_plain.0, at(worst_plain.1))
    };
    println!(
        "{op} {} on {}: worst {:.2} ulp{per} at {}{plain} ({} points)",
        F::DTYPE,
        dev.kind(),
        worst.0,
        at(worst.1),
        got.len()
    );
}

/// The rows "op argument value" of a table from `scripts/mpmath-gamma-table.py`.
fn op_table(text: &str) -> Vec<(String, f64, f64)> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split(' ').collect();
            (f[0].to_string(), f[1].parse().expect("a number"), f[2].parse().expect("a number"))
        })
        .collect()
}

/// The rows of a table whose lines are `tag x value κ` (besselj's and riemann_zeta's op,
/// lambertw's branch), each as (tag, [x, value, κ]).
fn kappa_table(text: &str) -> Vec<(String, [f64; 3])> {
    tagged_table(text)
}

/// The rows `tag v₁ … v_N` of a table, its `#` lines left out, each as (tag, [v₁, …]).
fn tagged_table<const N: usize>(text: &str) -> Vec<(String, [f64; N])> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split(' ').collect();
            (f[0].to_string(), std::array::from_fn(|i| f[i + 1].parse().expect("a number")))
        })
        .collect()
}

/// Each of `ops` (applied by `apply`) on `dev` in `F` against its rows of a
/// `kappa_table` whose arguments `F` holds exactly and whose values lie in `F`'s normal
/// range, within `bound` ulps per unit of `max(1, κ)`. Prints the worst of each.
fn check_kappa_rows<F: Prec>(
    dev: &Device,
    table: &[(String, [f64; 3])],
    ops: &[&str],
    bound: f64,
    apply: impl Fn(&str, &Array<F>) -> gpu::Result<Array<F>>,
) -> gpu::Result<()> {
    let to_f = <F as gpu::Element>::from_f64;
    let max = if F::DTYPE == DType::F32 { f32::MAX as f64 } else { f64::MAX };
    for &op in ops {
        let rows: Vec<[f64; 3]> = table
            .iter()
            .filter(|(o, r)| o == op && to_f(r[0]).into() == r[0] && r[1].abs() >= F::MIN_POSITIVE && r[1].abs() <= max)
            .map(|(_, r)| *r)
            .collect();
        let a = Array::from_vec(rows.iter().map(|r| to_f(r[0])).collect(), [rows.len()])?.to(dev)?;
        let got = apply(op, &a)?.to_vec()?;
        let want: Vec<f64> = rows.iter().map(|r| r[1]).collect();
        let scale = |i: usize| rows[i][2].max(1.0);
        check_ulps_per(dev, op, &got, &want, bound, (scale, "max(1, κ)"), |i| format!("{:e}", rows[i][0]));
    }
    Ok(())
}

/// Each of `ops` (applied by `apply`) on a strided view — every third element of the
/// transpose of a [5, 8] array of `values` — against the same values contiguous, bit
/// for bit.
fn check_strided_view<F: Prec>(
    dev: &Device,
    values: &[f64],
    ops: &[&str],
    apply: impl Fn(&str, &Array<F>) -> gpu::Result<Array<F>>,
) -> gpu::Result<()> {
    let to_f = <F as gpu::Element>::from_f64;
    let m = Array::from_vec(values.iter().map(|&v| to_f(v)).collect(), [5, 8])?.to(dev)?;
    let view = m.t().slice(0, Some(1), None, 3)?;
    let flat = Array::from_vec(view.to_vec()?, view.shape())?.to(dev)?;
    for op in ops {
        let (a, b): (Vec<F>, Vec<F>) = (apply(op, &view)?.to_vec()?, apply(op, &flat)?.to_vec()?);
        let (a, b): (Vec<f64>, Vec<f64>) =
            (a.into_iter().map(|v| v.into()).collect(), b.into_iter().map(|v| v.into()).collect());
        assert_eq!(a, b, "{op} of a strided view on {} {}", dev.kind(), F::DTYPE);
    }
    Ok(())
}

// ---- ellipk, ellipkm1 --------------------------------------------------------------------

/// (op, argument, K) from mpmath (`scripts/mpmath-gamma-table.py`): K(m) for m from
/// −1e300 to 1 − 2^-52, K(1 − p) for p from 1e-300 to 1e300 (with 1 − p held exactly).
fn true_ellip() -> Vec<(String, f64, f64)> {
    op_table(include_str!("data/ellip_mpmath.txt"))
}

/// `ellipk` and `ellipkm1` on `dev` in `F` against mpmath within 4 ulp (ours on every
/// backend: the AGM needs only +, ×, √, which are correctly rounded everywhere). Prints
/// the worst.
fn ellip_check<F: Prec>(dev: &Device) -> gpu::Result<()> {
    let (to_f, eps, min_positive): (fn(f64) -> F, f64, f64) = (<F as gpu::Element>::from_f64, F::EPS, F::MIN_POSITIVE);
    for op in ["ellipk", "ellipkm1"] {
        let rows: Vec<_> = true_ellip()
            .into_iter()
            .filter(|r| r.0 == op && to_f(r.1).into() == r.1)
            .filter(|r| to_f(r.2).into().abs() >= min_positive)
            .collect();
        let a = Array::from_vec(rows.iter().map(|r| to_f(r.1)).collect(), [rows.len()])?.to(dev)?;
        let got = if op == "ellipk" { a.ellipk()? } else { a.ellipkm1()? }.to_vec()?;
        let want: Vec<f64> = rows.iter().map(|r| r.2).collect();
        check_ulps(dev, op, &got, &want, 4.0, |i| format!("{:e}", rows[i].1));
    }
    // The ends, and a view: every other element of a reversed array.
    let to = |v: &[f64]| -> Vec<F> { v.iter().map(|&x| to_f(x)).collect() };
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let x = Array::from_vec(to(&[0.0, -0.0, -1.0, inf, nan, 1.0, 2.0, -inf]), [8])?.to(dev)?;
    let km1: Vec<f64> = x.ellipkm1()?.to_vec()?.into_iter().map(|v| v.into()).collect();
    let k: Vec<f64> = x.ellipk()?.to_vec()?.into_iter().map(|v| v.into()).collect();
    let what = format!("on {} {}", dev.kind(), F::DTYPE);
    assert_eq!((km1[0], km1[1], km1[3]), (inf, inf, 0.0), "ellipkm1(0, −0, ∞) {what}");
    assert!(km1[2].is_nan() && km1[4].is_nan() && km1[7].is_nan(), "ellipkm1(−1, NaN, −∞) {what}: {km1:?}");
    assert_eq!((k[5], k[7]), (inf, 0.0), "ellipk(1, −∞) {what}");
    assert!(k[4].is_nan() && k[6].is_nan() && k[3].is_nan(), "ellipk(NaN, 2, ∞) {what}: {k:?}");
    let m = Array::from_vec(to(&[0.9, 0.1, 0.5, 0.2, -3.0, 0.3]), [6])?.to(dev)?;
    let view = m.slice(0, None, None, -2)?; // [0.3, 0.2, 0.1]
    let got: Vec<f64> = view.ellipk()?.to_vec()?.into_iter().map(|v| v.into()).collect();
    let want: Vec<f64> = [0.3f64, 0.2, 0.1]
        .iter()
        .map(|&v| Array::from_vec(vec![v], [1]).and_then(|a| a.ellipk()?.item()).expect("cpu"))
        .collect();
    for (g, w) in got.iter().zip(&want) {
        assert!((g - w).abs() <= 4.0 * eps * w, "ellipk of a view {what}: {got:?} vs {want:?}");
    }
    Ok(())
}

/// `ellipe` on `dev` in `F` against mpmath (`tests/data/ellipe_mpmath.txt`: m from −1e300
/// to 1 − 2^-52, half f32 values) within 4 ulp, SciPy's special values, and a strided
/// view.
/// Prints the worst.
fn ellipe_check<F: Prec>(dev: &Device) -> gpu::Result<()> {
    let to_f: fn(f64) -> F = <F as gpu::Element>::from_f64;
    let rows: Vec<_> = op_table(include_str!("data/ellipe_mpmath.txt"))
        .into_iter()
        .filter(|r| to_f(r.1).into() == r.1 && to_f(r.2).into().is_finite())
        .collect();
    let a = Array::from_vec(rows.iter().map(|r| to_f(r.1)).collect(), [rows.len()])?.to(dev)?;
    let want: Vec<f64> = rows.iter().map(|r| r.2).collect();
    check_ulps(dev, "ellipe", &a.ellipe()?.to_vec()?, &want, 4.0, |i| format!("{:e}", rows[i].1));
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let x = Array::from_vec([1.0, 0.0, -inf, 2.0, inf, nan].iter().map(|&v| to_f(v)).collect(), [6])?.to(dev)?;
    let e: Vec<f64> = x.ellipe()?.to_vec()?.into_iter().map(|v| v.into()).collect();
    let what = format!("on {} {}", dev.kind(), F::DTYPE);
    assert_eq!((e[0], e[2]), (1.0, inf), "ellipe(1, −∞) {what}: {e:?}");
    assert!((e[1] - std::f64::consts::FRAC_PI_2).abs() <= 2.0 * F::EPS, "ellipe(0) {what}: {e:?}");
    assert!(e[3].is_nan() && e[4].is_nan() && e[5].is_nan(), "ellipe(2, ∞, NaN) {what}: {e:?}");
    let values: Vec<f64> = (0..40).map(|i| 1.0 - 0.7 * i as f64).collect();
    check_strided_view(dev, &values, &["ellipe"], |_, a: &Array<F>| a.ellipe())
}

/// `spence` on `dev` in `F` against mpmath (`tests/data/spence_mpmath.txt`: x from
/// 1e-300 to 1e300, through both switches at ½ and 2 and within 1e-16 of 1, half f32
/// values) within 4 ulp, its special values, and a strided view. Prints the worst.
fn spence_check<F: Prec>(dev: &Device) -> gpu::Result<()> {
    let to_f: fn(f64) -> F = <F as gpu::Element>::from_f64;
    let rows: Vec<_> = op_table(include_str!("data/spence_mpmath.txt"))
        .into_iter()
        .filter(|r| to_f(r.1).into() == r.1 && to_f(r.2).into().abs() >= F::MIN_POSITIVE)
        .collect();
    let a = Array::from_vec(rows.iter().map(|r| to_f(r.1)).collect(), [rows.len()])?.to(dev)?;
    let want: Vec<f64> = rows.iter().map(|r| r.2).collect();
    check_ulps(dev, "spence", &a.spence()?.to_vec()?, &want, 4.0, |i| format!("{:e}", rows[i].1));
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let x = Array::from_vec([0.0, 1.0, inf, -1.0, nan, -0.0].iter().map(|&v| to_f(v)).collect(), [6])?.to(dev)?;
    let got: Vec<f64> = x.spence()?.to_vec()?.into_iter().map(|v| v.into()).collect();
    let what = format!("on {} {}", dev.kind(), F::DTYPE);
    let pi2_6 = std::f64::consts::PI.powi(2) / 6.0;
    assert!((got[0] - pi2_6).abs() <= 2.0 * F::EPS && got[5] == got[0], "spence(±0) {what}: {got:?}");
    assert_eq!((got[1], got[2]), (0.0, -inf), "spence(1, ∞) {what}: {got:?}");
    assert!(got[3].is_nan() && got[4].is_nan(), "spence(−1, NaN) {what}: {got:?}");
    let values: Vec<f64> = (0..40).map(|i| 0.17 * i as f64).collect();
    check_strided_view(dev, &values, &["spence"], |_, a: &Array<F>| a.spence())
}

// ---- exp10 and the trigonometric functions of degrees -----------------------------------

/// `exp10`, `sindg`, `cosdg`, `tandg` and `cotdg` on `dev` in `F` against mpmath
/// (tests/data/convenience_mpmath.txt: 10^x over its whole range and through the
/// integers; angles through [−720, 720], near the multiples of 90, from 1e-300 and up
/// to 1e300, reduced mod 360 exactly), within `bound` ulps; then the values they give
/// exactly (10^n, the sines and cosines of multiples of 30°, tan and cot at 45°, the
/// zeros and poles), SciPy's conventions, `radian` and a strided view.
fn convenience_check<F: Prec>(dev: &Device, bound: f64) -> gpu::Result<()> {
    let to_f: fn(f64) -> F = <F as gpu::Element>::from_f64;
    let table = op_table(include_str!("data/convenience_mpmath.txt"));
    let apply = |op: &str, a: &Array<F>| match op {
        "exp10" => a.exp10(),
        "sindg" => a.sindg(),
        "cosdg" => a.cosdg(),
        "tandg" => a.tandg(),
        _ => a.cotdg(),
    };
    let ops = ["exp10", "sindg", "cosdg", "tandg", "cotdg"];
    check_op_table(dev, &table, &ops, bound, apply)?;
    let what = format!("on {} {}", dev.kind(), F::DTYPE);
    let vec = |a: Array<F>| -> gpu::Result<Vec<f64>> { Ok(a.to_vec()?.into_iter().map(|v| v.into()).collect()) };
    // 10^n exactly (correctly rounded below 0) where it is representable.
    let top: i32 = if F::DTYPE == DType::F32 { 10 } else { 22 };
    let n: Vec<f64> = (-top..=top).map(f64::from).collect();
    let got = vec(Array::from_vec(n.iter().map(|&v| to_f(v)).collect(), [n.len()])?.to(dev)?.exp10()?)?;
    for (k, g) in (-top..=top).zip(&got) {
        let want: f64 = to_f(format!("1e{k}").parse().expect("a number")).into();
        assert_eq!(*g, want, "exp10({k}) {what}");
    }
    // Multiples of 15° from −720 to 720: sin and cos exactly 0, ±½, ±1 where they are;
    // tan and cot ±1 at 45 + 90k, 0 at their zeros, +∞ at their poles (SciPy's).
    let deg: Vec<f64> = (-48..=48).map(|k| 15.0 * k as f64).collect();
    let x = Array::from_vec(deg.iter().map(|&v| to_f(v)).collect(), [deg.len()])?.to(dev)?;
    let (sin, cos, tan, cot) = (vec(x.sindg()?)?, vec(x.cosdg()?)?, vec(x.tandg()?)?, vec(x.cotdg()?)?);
    let exact = |d: f64, turn: f64| -> Option<f64> {
        // sin(d°) where it is 0, ±½ or ±1 (d a multiple of 30), with d shifted by `turn`.
        let m = (d + turn).rem_euclid(360.0);
        [(0.0, 0.0), (30.0, 0.5), (90.0, 1.0), (150.0, 0.5), (180.0, 0.0), (210.0, -0.5), (270.0, -1.0), (330.0, -0.5)]
            .iter()
            .find(|(a, _)| *a == m)
            .map(|(_, v)| *v)
    };
    for (i, &d) in deg.iter().enumerate() {
        if let Some(v) = exact(d, 0.0) {
            assert_eq!(sin[i], v, "sindg({d}) {what}");
        }
        if let Some(v) = exact(d, 90.0) {
            assert_eq!(cos[i], v, "cosdg({d}) {what}");
        }
        let m = d.rem_euclid(180.0);
        let (t, c) = match m {
            0.0 => (0.0, f64::INFINITY),
            45.0 => (1.0, 1.0),
            90.0 => (f64::INFINITY, 0.0),
            135.0 => (-1.0, -1.0),
            _ => continue,
        };
        assert_eq!((tan[i], cot[i]), (t, c), "tandg, cotdg({d}) {what}");
    }
    // ±∞ and NaN: NaN for the angles (SciPy: 0 at ±∞); 10^x +∞, 0, NaN.
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let x = Array::from_vec([inf, -inf, nan].iter().map(|&v| to_f(v)).collect(), [3])?.to(dev)?;
    for op in &ops[1..] {
        assert!(vec(apply(op, &x)?)?.iter().all(|v| v.is_nan()), "{op}(±∞, NaN) {what}");
    }
    let e = vec(x.exp10()?)?;
    assert!(e[0] == inf && e[1] == 0.0 && e[2].is_nan(), "exp10(∞, −∞, NaN) {what}: {e:?}");
    let e = vec(Array::from_vec(vec![to_f(400.0), to_f(-400.0)], [2])?.to(dev)?.exp10()?)?;
    assert_eq!(e, vec![inf, 0.0], "exp10(±400) past the overflow and the underflow {what}");
    // radian(d, m, s), broadcast: d as a column, m a scalar, s a row.
    let (dv, sv) = ([-1.0, 0.0, 45.0], [0.0, 30.0, 36.0, 59.5]);
    let d = Array::from_vec(dv.iter().map(|&v| to_f(v)).collect(), [3, 1])?.to(dev)?;
    let m = Array::from_vec(vec![to_f(30.0)], [1])?.to(dev)?;
    let s = Array::from_vec(sv.iter().map(|&v| to_f(v)).collect(), [1, 4])?.to(dev)?;
    let got = vec(d.radian(&m, &s)?)?;
    for (i, g) in got.iter().enumerate() {
        let want = ((dv[i / 4] * 60.0 + 30.0) * 60.0 + sv[i % 4]) * std::f64::consts::PI / 648000.0;
        let want: f64 = to_f(want).into();
        assert!(
            (g - want).abs() <= 4.0 * F::EPS * want.abs(),
            "radian({}, 30, {}) {what}: {g} vs {want}",
            dv[i / 4],
            sv[i % 4]
        );
    }
    let values: Vec<f64> = (0..40).map(|i| 37.5 * i as f64 - 700.0).collect();
    check_strided_view(dev, &values, &ops[1..], apply)?;
    let values: Vec<f64> = (0..40).map(|i| 0.77 * i as f64 - 15.0).collect();
    check_strided_view(dev, &values, &ops[..1], apply)
}

/// The bound for `exp10` and the trigonometric functions of degrees, in ulps: 4 (sin
/// and cos within an ulp, tan and cot their ratio); on CUDA, whose exp10 and sincos
/// are its own, 8. Not run here: no NVIDIA driver.
fn convenience_bound(dev: &Device) -> f64 {
    bound_on(dev, 4.0, 8.0)
}

// ---- exp1, expi --------------------------------------------------------------------------

/// (op, x, value) from mpmath (`scripts/mpmath-gamma-table.py`): E₁ from 1e-300 to 745,
/// Ei from −745 to 716, through the switches of their methods and to within 1e-15 of
/// Ei's root x₀ = 0.3725….
fn true_expint() -> Vec<(String, f64, f64)> {
    op_table(include_str!("data/expint_mpmath.txt"))
}

/// `exp1`'s and `expi`'s bound in ulps: EXPINT_ULPS where the code is ours (CPU, wgpu);
/// on CUDA, whose kernels call CUDA's exp (documented within 2 ulp in f32, 1 in f64) and
/// log (1), twice that. Not run here: no NVIDIA driver.
fn expint_bound(dev: &Device) -> f64 {
    bound_on(dev, EXPINT_ULPS, 2.0 * EXPINT_ULPS)
}

/// The bound for `exp1` and `expi` on the CPU and wgpu, in ulps of the answer.
const EXPINT_ULPS: f64 = 3.0;

/// `exp1` and `expi` on `dev` in `F` against mpmath within `bound` ulps of the answer,
/// with no absolute floor, Ei's root included; values below `F`'s smallest normal
/// number are skipped. Prints the worst.
fn expint_check<F: Prec>(dev: &Device, bound: f64) -> gpu::Result<()> {
    check_op_table(
        dev,
        &true_expint(),
        &["exp1", "expi"],
        bound,
        |op, a: &Array<F>| {
            if op == "exp1" {
                a.exp1()
            } else {
                a.expi()
            }
        },
    )
}

/// Each of `ops` (applied by `apply`) on `dev` in `F` against its rows of an mpmath table
/// of `op x value` rows, within `bound` ulps of the answer, with no absolute floor; rows
/// whose x is not an `F`, or whose value is outside `F`'s normal range, are skipped.
/// Prints the worst of each.
fn check_op_table<F: Prec>(
    dev: &Device,
    table: &[(String, f64, f64)],
    ops: &[&str],
    bound: f64,
    apply: impl Fn(&str, &Array<F>) -> gpu::Result<Array<F>>,
) -> gpu::Result<()> {
    let to_f: fn(f64) -> F = <F as gpu::Element>::from_f64;
    let max = if F::DTYPE == DType::F32 { f32::MAX as f64 } else { f64::MAX };
    for &op in ops {
        let rows: Vec<_> = table
            .iter()
            .filter(|r| r.0 == op && to_f(r.1).into() == r.1 && r.2.abs() >= F::MIN_POSITIVE && r.2.abs() <= max)
            .collect();
        let x = Array::from_vec(rows.iter().map(|r| to_f(r.1)).collect(), [rows.len()])?.to(dev)?;
        let want: Vec<f64> = rows.iter().map(|r| r.2).collect();
        check_ulps(dev, op, &apply(op, &x)?.to_vec()?, &want, bound, |i| format!("{:e}", rows[i].1));
    }
    Ok(())
}

/// `expn`'s bound in ulps: 4 where the code is ours (measured: 2.5 on lavapipe f64, just
/// below x = ½, where its series' terms cancel to a third; moved lower, the switch to
/// the continued fraction would need it 400 terms deep for n = 2), twice that on CUDA
/// (CUDA's exp and log). Not run here: no NVIDIA driver.
fn expn_bound(dev: &Device) -> f64 {
    bound_on(dev, 4.0, 8.0)
}

/// `expn` on `dev` in `F` against mpmath (tests/data/expn_mpmath.txt: n from 0 to 10⁶, x
/// from 1e-300 to 740) within `bound` ulps of the answer; values below `F`'s smallest
/// normal number are skipped. Prints the worst.
fn expn_check<F: Prec>(dev: &Device, bound: f64) -> gpu::Result<()> {
    let (to_f, min_positive): (fn(f64) -> F, f64) = (<F as gpu::Element>::from_f64, F::MIN_POSITIVE);
    let max = if F::DTYPE == DType::F32 { f32::MAX as f64 } else { f64::MAX };
    let rows: Vec<(f64, f64, f64)> = include_str!("data/expn_mpmath.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let f: Vec<f64> = l.split(' ').map(|v| v.parse().expect("a number")).collect();
            (f[0], f[1], f[2])
        })
        .filter(|r| to_f(r.1).into() == r.1 && r.2.abs() >= min_positive && r.2.abs() <= max)
        .collect();
    let n = Array::from_vec(rows.iter().map(|r| to_f(r.0)).collect(), [rows.len()])?.to(dev)?;
    let x = Array::from_vec(rows.iter().map(|r| to_f(r.1)).collect(), [rows.len()])?.to(dev)?;
    let got = n.expn(&x)?.to_vec()?;
    let want: Vec<f64> = rows.iter().map(|r| r.2).collect();
    check_ulps(dev, "expn", &got, &want, bound, |i| format!("({}, {:e})", rows[i].0, rows[i].1));
    // SciPy's conventions, broadcast: n as a column against x as a row.
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let to = |v: &[f64]| -> Vec<F> { v.iter().map(|&x| to_f(x)).collect() };
    let n = Array::from_vec(to(&[0.0, 1.0, 2.0, 3.0, 2.7, -1.0, nan]), [7, 1])?.to(dev)?;
    let x = Array::from_vec(to(&[0.0, inf, -1.0, 1.0]), [1, 4])?.to(dev)?;
    let got: Vec<f64> = n.expn(&x)?.to_vec()?.into_iter().map(|v| v.into()).collect();
    let what = format!("on {} {}", dev.kind(), F::DTYPE);
    let row = |i: usize| &got[4 * i..4 * i + 4];
    assert_eq!((row(0)[0], row(1)[0], row(2)[0], row(3)[0]), (inf, inf, 1.0, 0.5), "expn(n, 0) {what}");
    assert!(
        (0..5).all(|i| row(i)[1] == 0.0 && row(i)[2].is_nan()),
        "expn(n, ∞) = 0, expn(n, −1) = NaN {what}: {got:?}"
    );
    let e2: f64 = to_f(0.14849550677592205).into();
    assert_eq!(row(4)[3], row(2)[3], "expn(2.7, 1) is expn(2, 1) (n truncated) {what}");
    assert!((row(2)[3] - e2).abs() <= bound * F::EPS * e2, "expn(2, 1) {what}: {}", row(2)[3]);
    assert!(row(5).iter().chain(row(6)).all(|v| v.is_nan()), "expn(−1, x), expn(NaN, x) {what}: {got:?}");
    Ok(())
}

/// `exp1`'s and `expi`'s conventions (SciPy's), `Ei(−x) = −E₁(x)` bit for bit, and a
/// strided view against the contiguous result.
fn expint_specials<F: Prec>(dev: &Device) -> gpu::Result<()> {
    let to_f = <F as gpu::Element>::from_f64;
    let to = |v: &[f64]| -> Vec<F> { v.iter().map(|&x| to_f(x)).collect() };
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let what = format!("on {} {}", dev.kind(), F::DTYPE);
    let x = Array::from_vec(to(&[0.0, -0.0, -1.0, inf, -inf, nan]), [6])?.to(dev)?;
    let e1: Vec<f64> = x.exp1()?.to_vec()?.into_iter().map(|v| v.into()).collect();
    assert_eq!((e1[0], e1[1], e1[3]), (inf, inf, 0.0), "exp1(0, −0, ∞) {what}");
    assert!(e1[2].is_nan() && e1[4].is_nan() && e1[5].is_nan(), "exp1(−1, −∞, NaN) {what}: {e1:?}");
    let ei: Vec<f64> = x.expi()?.to_vec()?.into_iter().map(|v| v.into()).collect();
    assert_eq!((ei[0], ei[1], ei[3], ei[4]), (-inf, -inf, inf, 0.0), "expi(0, −0, ∞, −∞) {what}");
    assert!(ei[4].is_sign_negative() && ei[5].is_nan(), "expi(−∞) = −0, expi(NaN) {what}: {ei:?}");
    let pos: Vec<f64> = (1..=40).map(|k| 0.37 * k as f64).collect();
    let neg: Vec<f64> = pos.iter().map(|v| -v).collect();
    let e1: Vec<F> = Array::from_vec(to(&pos), [40])?.to(dev)?.exp1()?.to_vec()?;
    let ei: Vec<F> = Array::from_vec(to(&neg), [40])?.to(dev)?.expi()?.to_vec()?;
    for (k, (a, b)) in e1.iter().zip(&ei).enumerate() {
        let (a, b): (f64, f64) = ((*a).into(), (*b).into());
        assert_eq!(a, -b, "Ei(−x) = −E₁(x) at x = {} {what}", pos[k]);
    }
    check_strided_view::<F>(dev, &pos, &["exp1", "expi"], |op, a| if op == "exp1" { a.exp1() } else { a.expi() })
}

// ---- dawsn, erfi ------------------------------------------------------------------------

/// `dawsn`'s and `erfi`'s bound in ulps: DAWSN_ULPS where the code is ours (CPU, wgpu);
/// on CUDA, whose kernels call CUDA's exp (documented within 2 ulp in f32, 1 in f64),
/// twice that. Not run here: no NVIDIA driver.
fn dawsn_bound(dev: &Device) -> f64 {
    bound_on(dev, DAWSN_ULPS, 2.0 * DAWSN_ULPS)
}

/// The bound for `dawsn` and `erfi` on the CPU and wgpu, in ulps of the answer: Rybicki's
/// sum compounds the roundings of its recurrences (measured worst: see `dawsn_check`).
const DAWSN_ULPS: f64 = 6.0;

/// `dawsn` and `erfi` on `dev` in `F` against mpmath (tests/data/dawsn_mpmath.txt: D from
/// 1e-300 to 1e300, erfi to its overflow at 26.714, through the switch at 1 and the
/// centres of Rybicki's sum) within `bound` ulps of the answer, with no absolute floor;
/// values outside `F`'s normal range are skipped. Prints the worst.
fn dawsn_check<F: Prec>(dev: &Device, bound: f64) -> gpu::Result<()> {
    let table = op_table(include_str!("data/dawsn_mpmath.txt"));
    check_op_table(
        dev,
        &table,
        &["dawsn", "erfi"],
        bound,
        |op, a: &Array<F>| {
            if op == "dawsn" {
                a.dawsn()
            } else {
                a.erfi()
            }
        },
    )
}

/// `dawsn`'s and `erfi`'s conventions (SciPy's): ±0 kept, D(±∞) = ±0, erfi(±∞) = ±∞ and
/// ±∞ past its overflow, NaN through; both odd bit for bit; a strided view against the
/// contiguous result.
fn dawsn_specials<F: Prec>(dev: &Device) -> gpu::Result<()> {
    let to_f = <F as gpu::Element>::from_f64;
    let to = |v: &[f64]| -> Vec<F> { v.iter().map(|&x| to_f(x)).collect() };
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let what = format!("on {} {}", dev.kind(), F::DTYPE);
    let x = Array::from_vec(to(&[0.0, -0.0, inf, -inf, nan, 30.0, -30.0]), [7])?.to(dev)?;
    let d: Vec<f64> = x.dawsn()?.to_vec()?.into_iter().map(|v| v.into()).collect();
    assert_eq!((d[0], d[1], d[2], d[3]), (0.0, 0.0, 0.0, 0.0), "dawsn(±0, ±∞) {what}");
    assert!(
        d[1].is_sign_negative() && d[3].is_sign_negative() && d[2].is_sign_positive(),
        "dawsn's signs {what}: {d:?}"
    );
    assert!(d[4].is_nan(), "dawsn(NaN) {what}");
    let e: Vec<f64> = x.erfi()?.to_vec()?.into_iter().map(|v| v.into()).collect();
    assert_eq!((e[0], e[2], e[3], e[5], e[6]), (0.0, inf, -inf, inf, -inf), "erfi(0, ±∞, ±30) {what}");
    assert!(e[1] == 0.0 && e[1].is_sign_negative() && e[4].is_nan(), "erfi(−0), erfi(NaN) {what}: {e:?}");
    let pos: Vec<f64> = (1..=40).map(|k| 0.23 * k as f64).collect();
    let neg: Vec<f64> = pos.iter().map(|v| -v).collect();
    let (p, n) = (Array::from_vec(to(&pos), [40])?.to(dev)?, Array::from_vec(to(&neg), [40])?.to(dev)?);
    for (op, f) in [("dawsn", Array::<F>::dawsn as fn(&Array<F>) -> gpu::Result<Array<F>>), ("erfi", Array::<F>::erfi)]
    {
        let (a, b) = (f(&p)?.to_vec()?, f(&n)?.to_vec()?);
        for (k, (a, b)) in a.iter().zip(&b).enumerate() {
            let (a, b): (f64, f64) = ((*a).into(), (*b).into());
            assert_eq!(a, -b, "{op}(−x) = −{op}(x) at x = {} {what}", pos[k]);
        }
    }
    check_strided_view::<F>(dev, &pos, &["dawsn", "erfi"], |op, a| if op == "dawsn" { a.dawsn() } else { a.erfi() })
}

// ---- gammaincinv, gammainccinv ----------------------------------------------------------

/// `gammaincinv` and `gammainccinv` on `dev` in `F` against mpmath's roots
/// (tests/data/gammaincinv_mpmath.txt: a from 1e-3 to 1e4, y through (0, 1) and to 1e-300
/// at either end). A root is as good as P and Q are, times its condition number κ =
/// t/(x·P′(x)) for the tail t it matches; so the error, in ulps of the root, is held to
/// `bound` per unit of `max(1, κ·max(1, |ln t|))` (P and Q are held per unit of
/// `max(1, |ln v|)`: see `gammainc_check`). Then SciPy's conventions, broadcast. Prints
/// the worst.
fn gammaincinv_check<F: Prec>(dev: &Device, bound: f64) -> gpu::Result<()> {
    let (to_f, eps, min_positive): (fn(f64) -> F, f64, f64) = (<F as gpu::Element>::from_f64, F::EPS, F::MIN_POSITIVE);
    let max = if F::DTYPE == DType::F32 { f32::MAX as f64 } else { f64::MAX };
    let rows: Vec<(String, f64, f64, f64, f64)> = include_str!("data/gammaincinv_mpmath.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split(' ').collect();
            let n = |i: usize| -> f64 { f[i].parse().expect("a number") };
            (f[0].to_string(), n(1), n(2), n(3), n(4))
        })
        .filter(|r| to_f(r.1).into() == r.1 && to_f(r.2).into() == r.2 && r.3 >= min_positive && r.3 <= max)
        .collect();
    for op in ["gammaincinv", "gammainccinv"] {
        let rows: Vec<_> = rows.iter().filter(|r| r.0 == op).collect();
        let a = Array::from_vec(rows.iter().map(|r| to_f(r.1)).collect(), [rows.len()])?.to(dev)?;
        let y = Array::from_vec(rows.iter().map(|r| to_f(r.2)).collect(), [rows.len()])?.to(dev)?;
        let got = if op == "gammaincinv" { a.gammaincinv(&y)? } else { a.gammainccinv(&y)? }.to_vec()?;
        let want: Vec<f64> = rows.iter().map(|r| r.3).collect();
        let scale = |i: usize| {
            let (t, kappa) = (rows[i].2.min(1.0 - rows[i].2), rows[i].4);
            1f64.max(kappa * 1f64.max(t.ln().abs()))
        };
        check_ulps_per(dev, op, &got, &want, bound, (scale, "max(1, κ·|ln t|)"), |i| {
            format!("({}, {:e})", rows[i].1, rows[i].2)
        });
    }
    // SciPy's conventions, broadcast: a as a column against y as a row.
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let to = |v: &[f64]| -> Vec<F> { v.iter().map(|&x| to_f(x)).collect() };
    let a = Array::from_vec(to(&[2.0, 0.0, -1.0, inf, nan]), [5, 1])?.to(dev)?;
    let y = Array::from_vec(to(&[0.0, 1.0, 0.5, 1.5, -0.5, nan]), [1, 6])?.to(dev)?;
    let what = format!("on {} {}", dev.kind(), F::DTYPE);
    for op in ["gammaincinv", "gammainccinv"] {
        let got: Vec<f64> = if op == "gammaincinv" { a.gammaincinv(&y)? } else { a.gammainccinv(&y)? }
            .to_vec()?
            .into_iter()
            .map(|v| v.into())
            .collect();
        let row = |i: usize| &got[6 * i..6 * i + 6];
        let ends = if op == "gammaincinv" { (0.0, inf) } else { (inf, 0.0) };
        for i in [0, 1, 3] {
            assert_eq!((row(i)[0], row(i)[1]), ends, "{op}(a, 0), {op}(a, 1) {what}: {got:?}");
        }
        let median: f64 = to_f(1.6783469900166605).into();
        assert!((row(0)[2] - median).abs() <= bound * eps * median, "{op}(2, ½) {what}: {}", row(0)[2]);
        assert!(row(0)[3..].iter().all(|v| v.is_nan()), "{op}(2, y outside [0, 1]) {what}: {got:?}");
        assert!(row(1)[2].is_nan() && row(3)[2].is_nan(), "{op}(0 or ∞, ½) {what}: {got:?}");
        assert!(row(2).iter().chain(row(4)).all(|v| v.is_nan()), "{op}(−1 or NaN, y) {what}: {got:?}");
    }
    Ok(())
}

/// The bound for `gammaincinv` and `gammainccinv` per unit of `max(1, κ·|ln t|)`: 8 where
/// the code is ours (CPU, wgpu), twice that on CUDA (its exp, log and ndtri; not run
/// here: no NVIDIA driver).
fn gammaincinv_bound(dev: &Device) -> f64 {
    bound_on(dev, 8.0, 16.0)
}

// ---- k0, k0e, k1, k1e ---------------------------------------------------------------------

/// `k0`, `k0e`, `k1` and `k1e` on `dev` in `F` against mpmath (tests/data/besselk_mpmath.txt:
/// x from 1e-300 to 745, to 1e6 for the scaled forms, through the switch at 1 and the
/// split of `e^−x` past 700) within `bound` ulps of the answer; values outside `F`'s
/// normal range are skipped. Then SciPy's conventions and a strided view. Prints the
/// worst.
fn besselk_check<F: Prec>(dev: &Device, bound: f64) -> gpu::Result<()> {
    let (to_f, min_positive): (fn(f64) -> F, f64) = (<F as gpu::Element>::from_f64, F::MIN_POSITIVE);
    let max = if F::DTYPE == DType::F32 { f32::MAX as f64 } else { f64::MAX };
    let table = op_table(include_str!("data/besselk_mpmath.txt"));
    let apply = |op: &str, a: &Array<F>| match op {
        "k0" => a.k0(),
        "k0e" => a.k0e(),
        "k1" => a.k1(),
        _ => a.k1e(),
    };
    for op in ["k0", "k0e", "k1", "k1e"] {
        let rows: Vec<_> = table
            .iter()
            .filter(|r| r.0 == op && to_f(r.1).into() == r.1)
            .filter(|r| r.2 >= min_positive && r.2 <= max)
            .collect();
        let a = Array::from_vec(rows.iter().map(|r| to_f(r.1)).collect(), [rows.len()])?.to(dev)?;
        let got = apply(op, &a)?.to_vec()?;
        let want: Vec<f64> = rows.iter().map(|r| r.2).collect();
        check_ulps(dev, op, &got, &want, bound, |i| format!("{:e}", rows[i].1));
    }
    // SciPy's conventions: NaN below 0, +∞ at ±0, 0 at +∞.
    let to = |v: &[f64]| -> Vec<F> { v.iter().map(|&x| to_f(x)).collect() };
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let what = format!("on {} {}", dev.kind(), F::DTYPE);
    let x = Array::from_vec(to(&[0.0, -0.0, inf, -1.0, -inf, nan]), [6])?.to(dev)?;
    for op in ["k0", "k0e", "k1", "k1e"] {
        let v: Vec<f64> = apply(op, &x)?.to_vec()?.into_iter().map(|v| v.into()).collect();
        assert_eq!((v[0], v[1], v[2]), (inf, inf, 0.0), "{op}(0, −0, ∞) {what}");
        assert!(v[3..].iter().all(|v| v.is_nan()), "{op}(−1, −∞, NaN) {what}: {v:?}");
    }
    let pos: Vec<f64> = (1..=40).map(|k| 0.07 * (k * k) as f64).collect();
    check_strided_view(dev, &pos, &["k0", "k0e", "k1", "k1e"], apply)
}

/// The bound for `k0`, `k0e`, `k1` and `k1e`, in ulps of the answer: 3 where the code is
/// ours (CPU, wgpu); on CUDA, whose kernels call CUDA's exp and log, twice that. Not
/// run here: no NVIDIA driver.
fn besselk_bound(dev: &Device) -> f64 {
    bound_on(dev, 3.0, 6.0)
}

// ---- j0, j1, y0, y1 ------------------------------------------------------------------------

/// `j0`, `j1`, `y0` and `y1` on `dev` in `F` against mpmath (tests/data/besselj_mpmath.txt:
/// x from 1e-300 to 1e300, through the switch at 2 and the asymptotic fits' ranges, and
/// within 1e-15 to 1e-3 of the first 30 zeros of each), within `bound` ulps per unit of
/// `max(1, κ)`, κ = |x·f′(x)/f(x)| the point's condition number: near a zero the answer
/// moves by κ ulps for an ulp of x, and no method that reads x (or reduces it mod π/2)
/// keeps more of it. Values outside `F`'s normal range are skipped. Then the
/// conventions and a strided view. Prints the worst, also in plain ulps.
fn besselj_check<F: Prec>(dev: &Device, bound: f64) -> gpu::Result<()> {
    let to_f: fn(f64) -> F = <F as gpu::Element>::from_f64;
    let table = kappa_table(include_str!("data/besselj_mpmath.txt"));
    let apply = |op: &str, a: &Array<F>| match op {
        "j0" => a.j0(),
        "j1" => a.j1(),
        "y0" => a.y0(),
        _ => a.y1(),
    };
    check_kappa_rows(dev, &table, &["j0", "j1", "y0", "y1"], bound, apply)?;
    // SciPy's conventions: J0 even and 1 at 0, J1 odd and 0 at 0, both 0 at ±∞; Y NaN
    // below 0, −∞ at ±0, 0 at +∞; NaN stays NaN.
    let to = |v: &[f64]| -> Vec<F> { v.iter().map(|&x| to_f(x)).collect() };
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let what = format!("on {} {}", dev.kind(), F::DTYPE);
    let x = Array::from_vec(to(&[0.0, -0.0, inf, -inf, -1.0, 3.5, -3.5, nan]), [8])?.to(dev)?;
    let v =
        |op: &str| -> gpu::Result<Vec<f64>> { Ok(apply(op, &x)?.to_vec()?.into_iter().map(|v| v.into()).collect()) };
    let (j0, j1, y0, y1) = (v("j0")?, v("j1")?, v("y0")?, v("y1")?);
    assert_eq!(&j0[..4], &[1.0, 1.0, 0.0, 0.0], "j0(0, −0, ∞, −∞) {what}");
    assert!(j0[5] == j0[6] && j0[7].is_nan(), "j0 even, j0(NaN) {what}: {j0:?}");
    assert_eq!(&j1[..4], &[0.0, 0.0, 0.0, 0.0], "j1(0, −0, ∞, −∞) {what}");
    assert!(j1[5] == -j1[6] && j1[7].is_nan(), "j1 odd, j1(NaN) {what}: {j1:?}");
    for (op, y) in [("y0", &y0), ("y1", &y1)] {
        assert_eq!(&y[..3], &[-inf, -inf, 0.0], "{op}(0, −0, ∞) {what}");
        assert!(y[3].is_nan() && y[4].is_nan() && y[6].is_nan() && y[7].is_nan(), "{op}(x < 0, NaN) {what}: {y:?}");
    }
    let pos: Vec<f64> = (1..=40).map(|k| 0.37 * (k * k) as f64).collect();
    check_strided_view(dev, &pos, &["j0", "j1", "y0", "y1"], apply)
}

/// The bound for `j0`, `j1`, `y0` and `y1`, in ulps per unit of `max(1, κ)`: 4 where the
/// code is msun's (CPU, wgpu); on CUDA, whose kernels call CUDA's sin, cos and log,
/// twice that. Not run here: no NVIDIA driver.
fn besselj_bound(dev: &Device) -> f64 {
    bound_on(dev, 4.0, 8.0)
}

// ---- sici, shichi ----------------------------------------------------------------------

/// `si`, `ci`, `shi` and `chi` on `dev` in `F` against mpmath (tests/data/sici_mpmath.txt:
/// x from 1e-300 to 1e300 for Si and Ci, to 717 for Shi and Chi, through the switch at 2
/// and within 1e-15 to 1e-3 of Chi's root and Ci's first 30) within `bound` ulps per unit
/// of `max(1, κ)`, κ = |x·f′(x)/f(x)| (as `besselj_check`). Values outside `F`'s normal
/// range are skipped. Then `sici` and `shichi` against the four, the symmetries at −x,
/// SciPy's conventions and a strided view. Prints the worst, also in plain ulps.
fn sici_check<F: Prec>(dev: &Device, bound: f64) -> gpu::Result<()> {
    let to_f: fn(f64) -> F = <F as gpu::Element>::from_f64;
    let table = kappa_table(include_str!("data/sici_mpmath.txt"));
    let apply = |op: &str, a: &Array<F>| match op {
        "si" => a.si(),
        "ci" => a.ci(),
        "shi" => a.shi(),
        _ => a.chi(),
    };
    check_kappa_rows(dev, &table, &["si", "ci", "shi", "chi"], bound, apply)?;
    // The pairs are the four; Si and Shi are odd, Ci and Chi take |x|; SciPy's
    // conventions at 0, ±∞ and NaN (but Ci(−∞), 0 here, NaN in SciPy 1.17).
    let to = |v: &[f64]| -> Vec<F> { v.iter().map(|&x| to_f(x)).collect() };
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let what = format!("on {} {}", dev.kind(), F::DTYPE);
    let xs = [0.0, -0.0, inf, -inf, nan, 0.3, -0.3, 1.7, -1.7, 2.5, -2.5, 60.0, -60.0, 1e5, -1e5];
    let x = Array::from_vec(to(&xs), [xs.len()])?.to(dev)?;
    let v = |a: Array<F>| -> gpu::Result<Vec<f64>> { Ok(a.to_vec()?.into_iter().map(|v| v.into()).collect()) };
    let (si, ci, shi, chi) = (v(x.si()?)?, v(x.ci()?)?, v(x.shi()?)?, v(x.chi()?)?);
    let ((psi, pci), (pshi, pchi)) = (x.sici()?, x.shichi()?);
    let bits = |v: &[f64]| -> Vec<u64> { v.iter().map(|x| x.to_bits()).collect() };
    for (pair, got, want) in
        [("sici", [&v(psi)?, &v(pci)?], [&si, &ci]), ("shichi", [&v(pshi)?, &v(pchi)?], [&shi, &chi])]
    {
        for k in 0..2 {
            assert_eq!(bits(got[k]), bits(want[k]), "{pair}[{k}] {what}: {:?}", got[k]);
        }
    }
    let half_pi: f64 = to_f(std::f64::consts::FRAC_PI_2).into();
    assert_eq!((si[0], si[1], si[2], si[3]), (0.0, 0.0, half_pi, -half_pi), "si(0, −0, ∞, −∞) {what}");
    assert_eq!((ci[0], ci[1], ci[2], ci[3]), (-inf, -inf, 0.0, 0.0), "ci(0, −0, ∞, −∞) {what}");
    assert_eq!((shi[0], shi[1], shi[2], shi[3]), (0.0, 0.0, inf, -inf), "shi(0, −0, ∞, −∞) {what}");
    assert_eq!((chi[0], chi[1], chi[2], chi[3]), (-inf, -inf, inf, inf), "chi(0, −0, ∞, −∞) {what}");
    for (op, f) in [("si", &si), ("ci", &ci), ("shi", &shi), ("chi", &chi)] {
        assert!(f[4].is_nan(), "{op}(NaN) {what}: {f:?}");
        let odd = op == "si" || op == "shi";
        for i in (5..xs.len()).step_by(2) {
            let mirrored = if odd { -f[i + 1] } else { f[i + 1] };
            assert_eq!(f[i], mirrored, "{op}(±{}) {what}: {f:?}", xs[i]);
        }
    }
    let pos: Vec<f64> = (1..=40).map(|k| 0.37 * (k * k) as f64).collect();
    check_strided_view(dev, &pos, &["si", "ci", "shi", "chi"], apply)
}

/// The bound for `si`, `ci`, `shi` and `chi`, in ulps per unit of `max(1, κ)`: 4 where the
/// code is ours (CPU, wgpu); on CUDA, whose kernels call CUDA's sin, cos, exp and log,
/// twice that. Not run here: no NVIDIA driver.
fn sici_bound(dev: &Device) -> f64 {
    bound_on(dev, 4.0, 8.0)
}

// ---- kolmogorov, kolmogi ------------------------------------------------------------------

/// `kolmogorov` and `kolmogi` on `dev` in `F` against mpmath (tests/data/kolmogorov_mpmath.txt:
/// x from 1e-3 to 19.4 through the switch at 0.82; p from 1e-300 to 1 − 1e-16 through
/// 0.512, where `kolmogi` changes the tail it matches) within `bound` ulps per unit of
/// `max(1, κ)`: κ = |x·K′/K| for `kolmogorov`, and for a root `t/(x·|T′|)` for the tail t
/// it matches. Values and arguments outside `F`'s normal range are skipped. Then a round
/// trip, SciPy's conventions and a strided view. Prints the worst, also in plain ulps.
fn kolmogorov_check<F: Prec>(dev: &Device, bound: f64) -> gpu::Result<()> {
    let to_f: fn(f64) -> F = <F as gpu::Element>::from_f64;
    let table = kappa_table(include_str!("data/kolmogorov_mpmath.txt"));
    let apply = |op: &str, a: &Array<F>| if op == "kolmogorov" { a.kolmogorov() } else { a.kolmogi() };
    check_kappa_rows(dev, &table, &["kolmogorov", "kolmogi"], bound, apply)?;
    let to = |v: &[f64]| -> Vec<F> { v.iter().map(|&x| to_f(x)).collect() };
    let what = format!("on {} {}", dev.kind(), F::DTYPE);
    // kolmogi(kolmogorov(x)) = x where the rounding of p costs the root little (below x
    // = 0.7, p nears 1 and its rounding is a large part of 1 − p).
    let xs = [0.7, 0.81, 0.83, 1.1, 2.0, 4.0];
    let x = Array::from_vec(to(&xs), [xs.len()])?.to(dev)?;
    let back = x.kolmogorov()?.kolmogi()?.to_vec()?;
    for (b, &x0) in back.iter().zip(&xs) {
        let (b, x0): (f64, f64) = ((*b).into(), to_f(x0).into());
        assert!((b - x0).abs() <= 4.0 * bound * F::EPS * x0, "kolmogi(kolmogorov({x0})) = {b} {what}");
    }
    // SciPy's conventions: K is 1 for x ≤ 0 and at −∞, 0 at +∞; kolmogi NaN outside
    // [0, 1], +∞ at 0, 0 at 1; NaN stays NaN.
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let v = |op: &str, xs: &[f64]| -> gpu::Result<Vec<f64>> {
        let a = Array::from_vec(to(xs), [xs.len()])?.to(dev)?;
        Ok(apply(op, &a)?.to_vec()?.into_iter().map(|v| v.into()).collect())
    };
    let k = v("kolmogorov", &[0.0, -0.0, -1.0, -inf, inf, nan])?;
    assert!(k[..4] == [1.0; 4] && k[4] == 0.0 && k[5].is_nan(), "kolmogorov(0, −0, −1, −∞, ∞, NaN) {what}: {k:?}");
    let ki = v("kolmogi", &[0.0, 1.0, -0.1, 1.1, -inf, inf, nan])?;
    assert!(
        ki[0] == inf && ki[1] == 0.0 && ki[2..].iter().all(|v| v.is_nan()),
        "kolmogi(0, 1, outside) {what}: {ki:?}"
    );
    let pos: Vec<f64> = (1..=40).map(|k| 0.02 * k as f64 + 0.01 * ((k * k) % 7) as f64).collect();
    check_strided_view(dev, &pos, &["kolmogorov", "kolmogi"], |op, a: &Array<F>| {
        if op == "kolmogorov" {
            a.kolmogorov()
        } else {
            // p in (0, 1): the survival function of the same x.
            a.kolmogorov()?.kolmogi()
        }
    })
}

/// The bound for `kolmogorov` and `kolmogi`, in ulps per unit of `max(1, κ)`: 4 where
/// the code is ours (CPU, wgpu); on CUDA, whose kernels call CUDA's exp and log, twice
/// that. Not run here: no NVIDIA driver.
fn kolmogorov_bound(dev: &Device) -> f64 {
    bound_on(dev, 4.0, 8.0)
}

// ---- smirnov, smirnovi --------------------------------------------------------------------

/// `smirnov` and `smirnovi` on `dev` in `F` against mpmath's exact sums
/// (tests/data/smirnov_mpmath.txt: n from 2 to 20,000; x from 1e-4 to 1, down to where the
/// value leaves f64's normal range, and at 1/n and 1 − 1/n, where the sum changes form; p
/// from 1e-300 to 1 − 1e-16) within `bound` ulps per unit of `max(1, κ)`: κ = |x·S′/S| for
/// `smirnov` and `S/(x·|S′|)` for a root. Values and arguments outside `F`'s normal range
/// are skipped. Then a round trip, SciPy's conventions, broadcast, and a strided view.
/// Prints the worst, also in plain ulps.
fn smirnov_check<F: Prec>(dev: &Device, bound: f64) -> gpu::Result<()> {
    let to_f: fn(f64) -> F = <F as gpu::Element>::from_f64;
    let max = if F::DTYPE == DType::F32 { f32::MAX as f64 } else { f64::MAX };
    let what = format!("on {} {}", dev.kind(), F::DTYPE);
    let rows: Vec<(String, [f64; 4])> = tagged_table(include_str!("data/smirnov_mpmath.txt"))
        .into_iter()
        .filter(|(_, r)| to_f(r[1]).into() == r[1] && r[2] >= F::MIN_POSITIVE && r[2] <= max)
        .collect();
    for op in ["smirnov", "smirnovi"] {
        let rows: Vec<[f64; 4]> = rows.iter().filter(|(o, _)| o == op).map(|(_, r)| *r).collect();
        let col = |k: usize| -> gpu::Result<Array<F>> {
            Array::from_vec(rows.iter().map(|r| to_f(r[k])).collect(), [rows.len()])?.to(dev)
        };
        let (n, a) = (col(0)?, col(1)?);
        let got = if op == "smirnov" { n.smirnov(&a)? } else { n.smirnovi(&a)? }.to_vec()?;
        let want: Vec<f64> = rows.iter().map(|r| r[2]).collect();
        let scale = |i: usize| rows[i][3].max(1.0);
        check_ulps_per(dev, op, &got, &want, bound, (scale, "max(1, κ)"), |i| {
            format!("({}, {:e})", rows[i][0], rows[i][1])
        });
    }
    let to = |v: &[f64]| -> Vec<F> { v.iter().map(|&x| to_f(x)).collect() };
    // smirnovi(n, smirnov(n, x)) = x where the rounding of p costs the root little (κ of
    // the root below 3 at these points).
    let (ns, xs) = ([3.0, 10.0, 50.0, 400.0], [0.4, 0.2, 0.12, 0.05]);
    let n = Array::from_vec(to(&ns), [4])?.to(dev)?;
    let x = Array::from_vec(to(&xs), [4])?.to(dev)?;
    let back = n.smirnovi(&n.smirnov(&x)?)?.to_vec()?;
    for (b, &x0) in back.iter().zip(&xs) {
        let (b, x0): (f64, f64) = ((*b).into(), to_f(x0).into());
        assert!((b - x0).abs() <= 4.0 * bound * F::EPS * x0, "smirnovi(smirnov({x0})) = {b} {what}");
    }
    // SciPy's conventions, n as a column against the argument as a row: NaN for n < 1 and
    // an argument outside [0, 1] or NaN; n truncated; smirnov 1 at 0, 0 at 1, 1 − x for
    // n = 1, 0 past Hoeffding's bound; smirnovi 1 at 0, 0 at 1, 1 − p for n = 1.
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let n = Array::from_vec(to(&[1.0, 4.0, 4.9, 0.5, -3.0, nan, inf]), [7, 1])?.to(dev)?;
    let a = Array::from_vec(to(&[0.0, 1.0, 0.25, -0.1, 1.1, nan]), [1, 6])?.to(dev)?;
    for op in ["smirnov", "smirnovi"] {
        let got: Vec<f64> = if op == "smirnov" { n.smirnov(&a)? } else { n.smirnovi(&a)? }
            .to_vec()?
            .into_iter()
            .map(|v| v.into())
            .collect();
        let row = |i: usize| &got[6 * i..6 * i + 6];
        // n = 4 (and 4.9): S(¼) = 131/256 exactly; the root of S = ¼ by mpmath.
        let at_quarter = if op == "smirnov" { 0.51171875 } else { 0.382094068594746 };
        assert!(
            row(0)[..3] == [1.0, 0.0, 0.75] && row(0)[3..].iter().all(|v| v.is_nan()),
            "{op}(1, ·) {what}: {:?}",
            row(0)
        );
        for i in [1, 2] {
            let r = row(i);
            assert!(r[0] == 1.0 && r[1] == 0.0 && r[3..].iter().all(|v| v.is_nan()), "{op}(4, ·) {what}: {r:?}");
            assert!((r[2] - at_quarter).abs() <= 8.0 * F::EPS, "{op}(4, ¼) {what}: {}", r[2]);
        }
        assert!(got[18..].iter().all(|v| v.is_nan()), "{op} for n < 1, NaN, ∞ {what}: {:?}", &got[18..]);
    }
    let far = Array::from_vec(to(&[1000.0]), [1])?.to(dev)?.smirnov(&Array::from_vec(to(&[0.7]), [1])?.to(dev)?)?;
    assert_eq!(far.to_vec()?[0].into(), 0.0, "smirnov(1000, 0.7) past Hoeffding's bound {what}");
    // A sum of 999,500 terms: exact on the CPU and CUDA (as SciPy's double-double one); on
    // wgpu past the loop's 240,000 terms, NaN, and its SIMD group's other lanes (n = 100,
    // a sum of 90 terms) unharmed by it.
    let mut ns = vec![1e6];
    ns.extend([100.0; 15]);
    let n = Array::from_vec(to(&ns), [16])?.to(dev)?;
    let mut xs = vec![5e-4];
    xs.extend((1..16).map(|k| 0.01 * k as f64));
    let x = Array::from_vec(to(&xs), [16])?.to(dev)?;
    let got: Vec<f64> = n.smirnov(&x)?.to_vec()?.into_iter().map(|v| v.into()).collect();
    let cpu = Device::cpu();
    let want: Vec<f64> = n.to(&cpu)?.smirnov(&x.to(&cpu)?)?.to_vec()?.into_iter().map(|v| v.into()).collect();
    if dev.kind() == gpu::DeviceKind::Wgpu {
        assert!(got[0].is_nan(), "smirnov(10⁶, 5e-4) past the loop budget {what}: {}", got[0]);
    } else {
        let exact = if F::DTYPE == DType::F32 { 0.606328547000885 } else { 0.6063285670563211 };
        assert!((got[0] - exact).abs() <= 4.0 * F::EPS, "smirnov(10⁶, 5e-4) {what}: {}", got[0]);
    }
    for i in 1..16 {
        assert!(
            (got[i] - want[i]).abs() <= 4.0 * F::EPS * want[i],
            "smirnov(100, {}) beside a long lane {what}: {} (CPU {})",
            xs[i],
            got[i],
            want[i]
        );
    }
    let pos: Vec<f64> = (1..=40).map(|k| 0.02 * k as f64 + 0.001 * ((k * k) % 7) as f64).collect();
    check_strided_view(dev, &pos, &["smirnov", "smirnovi"], |op, a: &Array<F>| {
        let n = Array::from_vec(to(&[7.0]), [1])?.to(dev)?;
        if op == "smirnov" {
            n.smirnov(a)
        } else {
            n.smirnovi(a)
        }
    })
}

/// The bound for `smirnov` and `smirnovi`, in ulps per unit of `max(1, κ)`: 4 where the
/// code is ours (CPU, wgpu); on CUDA, whose kernels call CUDA's exp and log, twice that.
/// Not run here: no NVIDIA driver.
fn smirnov_bound(dev: &Device) -> f64 {
    bound_on(dev, 4.0, 8.0)
}

// ---- ellipj ------------------------------------------------------------------------------

/// `ellipj` on `dev` in `F` against mpmath (tests/data/ellipj_mpmath.txt: 325 points, u
/// from 1e-5 to 200 of either sign; m in [0, 1], within 1e-16 of 0 and of 1, down to −1e8
/// and up to 1e3) within `bound` ulps per unit of `max(1, κ)`, κ the condition number in
/// both arguments (`(|u·∂f/∂u| + |m·∂f/∂m|)/|f|`). Rows whose arguments `F` does not hold
/// are skipped, and values outside its normal range. Then the identities, m = 0 and 1,
/// NaN for an infinite argument, and a broadcast over a strided view. Prints the worst,
/// also in plain ulps.
fn ellipj_check<F: Prec>(dev: &Device, bound: f64) -> gpu::Result<()> {
    let to_f: fn(f64) -> F = <F as gpu::Element>::from_f64;
    let max = if F::DTYPE == DType::F32 { f32::MAX as f64 } else { f64::MAX };
    let what = format!("on {} {}", dev.kind(), F::DTYPE);
    let rows: Vec<Vec<f64>> = include_str!("data/ellipj_mpmath.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split(' ').map(|v| v.parse().expect("a number")).collect())
        .filter(|r: &Vec<f64>| to_f(r[0]).into() == r[0] && to_f(r[1]).into() == r[1])
        .collect();
    let col = |k: usize| -> gpu::Result<Array<F>> {
        Array::from_vec(rows.iter().map(|r| to_f(r[k])).collect(), [rows.len()])?.to(dev)
    };
    let (u, m) = (col(0)?, col(1)?);
    let (sn, cn, dn, am) = u.ellipj(&m)?;
    for (k, (name, got)) in [("sn", sn), ("cn", cn), ("dn", dn), ("am", am)].into_iter().enumerate() {
        let got = got.to_vec()?;
        let keep: Vec<usize> =
            (0..rows.len()).filter(|&i| (F::MIN_POSITIVE..=max).contains(&rows[i][2 + k].abs())).collect();
        let got: Vec<F> = keep.iter().map(|&i| got[i]).collect();
        let want: Vec<f64> = keep.iter().map(|&i| rows[i][2 + k]).collect();
        let scale = |j: usize| rows[keep[j]][6 + k].max(1.0);
        check_ulps_per(dev, &format!("ellipj {name}"), &got, &want, bound, (scale, "max(1, κ)"), |j| {
            format!("({:e}, {:e})", rows[keep[j]][0], rows[keep[j]][1])
        });
    }
    let to = |v: &[f64]| -> Vec<F> { v.iter().map(|&x| to_f(x)).collect() };
    let host = |a: Array<F>| -> gpu::Result<Vec<f64>> { Ok(a.to_vec()?.into_iter().map(|v| v.into()).collect()) };
    // u as a reversed, strided view (a column) against m as a row: sn² + cn² = 1 and
    // dn² + m·sn² = 1; m = 0 is sin, cos, 1, u; m = 1 tanh, sech, sech, gd(u).
    let us = [0.3, -1.25, 2.5, 7.0, -40.0];
    let backing: Vec<f64> = us.iter().rev().flat_map(|&x| [99.0, x]).collect();
    let u = Array::from_vec(to(&backing), [10])?.to(dev)?.slice(0, None, None, -2)?.reshape([5, 1])?;
    let ms = [0.0, 1.0, 0.5, -4.0, 9.0, 0.999];
    let m = Array::from_vec(to(&ms), [1, 6])?.to(dev)?;
    let (sn, cn, dn, am) = u.ellipj(&m)?;
    let (sn, cn, dn, am) = (host(sn)?, host(cn)?, host(dn)?, host(am)?);
    let tol = 64.0 * F::EPS;
    for (i, &x) in us.iter().enumerate() {
        let x: f64 = to_f(x).into();
        for (k, &mk) in ms.iter().enumerate() {
            let (s, c, d, a) = (sn[6 * i + k], cn[6 * i + k], dn[6 * i + k], am[6 * i + k]);
            let at = format!("ellipj({x}, {mk}) {what}: ({s}, {c}, {d}, {a})");
            assert!((s * s + c * c - 1.0).abs() <= tol && (d * d + mk * s * s - 1.0).abs() <= tol, "{at}");
            assert!(
                (a.sin() - s).abs() <= tol * a.abs().max(1.0) && (a.cos() - c).abs() <= tol * a.abs().max(1.0),
                "{at}"
            );
            let want = match mk {
                0.0 => Some([x.sin(), x.cos(), 1.0, x]),
                1.0 => Some([x.tanh(), 1.0 / x.cosh(), 1.0 / x.cosh(), x.sinh().atan()]),
                _ => None,
            };
            if let Some(w) = want {
                for (g, w) in [s, c, d, a].into_iter().zip(w) {
                    assert!((g - w).abs() <= 8.0 * F::EPS * w.abs().max(1e-30), "{at}: want {w:?}");
                }
            }
        }
    }
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let u = Array::from_vec(to(&[inf, -inf, nan, 1.0, 1.0, 1.0, 0.0]), [7])?.to(dev)?;
    let m = Array::from_vec(to(&[0.5, 0.5, 0.5, inf, -inf, nan, 0.5]), [7])?.to(dev)?;
    let (sn, cn, dn, am) = u.ellipj(&m)?;
    for (name, got) in [("sn", host(sn)?), ("cn", host(cn)?), ("dn", host(dn)?), ("am", host(am)?)] {
        assert!(got[..6].iter().all(|v| v.is_nan()), "ellipj {name} at ±∞, NaN {what}: {got:?}");
        let at_zero = if name == "sn" || name == "am" { 0.0 } else { 1.0 };
        assert_eq!(got[6], at_zero, "ellipj {name}(0, ½) {what}");
    }
    Ok(())
}

/// `ellipkinc` and `ellipeinc` on `dev` in `F` against mpmath (tests/data/ellipinc_mpmath.txt:
/// m from −1e12 to 1e3 and within 1e-16 of 0 and of 1, φ on [0, π/2], within 1e-12 of π/2
/// and on [−20, 20]) within `bound` ulps per unit of `max(1, κ)`, κ the condition number in
/// both arguments. Rows whose arguments `F` does not hold are skipped. Then the round trip
/// `F(am(u | m) | m) = u`, the conventions (NaN for m > 1 past `|sin φ| = 1/√m` and at
/// m = +∞, ±∞ at φ = ±∞, 0 and ±∞ at m = −∞, `E(φ | 1) = sin φ`) and a broadcast.
fn ellipinc_check<F: Prec>(dev: &Device, bound: f64) -> gpu::Result<()> {
    let to_f: fn(f64) -> F = <F as gpu::Element>::from_f64;
    let max = if F::DTYPE == DType::F32 { f32::MAX as f64 } else { f64::MAX };
    let what = format!("on {} {}", dev.kind(), F::DTYPE);
    let rows: Vec<(String, [f64; 4])> = tagged_table(include_str!("data/ellipinc_mpmath.txt"))
        .into_iter()
        .filter(|(_, r)| {
            to_f(r[0]).into() == r[0] && to_f(r[1]).into() == r[1] && (F::MIN_POSITIVE..=max).contains(&r[2].abs())
        })
        .collect();
    for op in ["ellipkinc", "ellipeinc"] {
        let rows: Vec<[f64; 4]> = rows.iter().filter(|(o, _)| o == op).map(|(_, r)| *r).collect();
        let col = |k: usize| -> gpu::Result<Array<F>> {
            Array::from_vec(rows.iter().map(|r| to_f(r[k])).collect(), [rows.len()])?.to(dev)
        };
        let (phi, m) = (col(0)?, col(1)?);
        let got = if op == "ellipkinc" { phi.ellipkinc(&m)? } else { phi.ellipeinc(&m)? }.to_vec()?;
        let want: Vec<f64> = rows.iter().map(|r| r[2]).collect();
        check_ulps_per(dev, op, &got, &want, bound, (|i: usize| rows[i][3].max(1.0), "max(1, κ)"), |i| {
            format!("({:e}, {:e})", rows[i][0], rows[i][1])
        });
    }
    let to = |v: &[f64]| -> Vec<F> { v.iter().map(|&x| to_f(x)).collect() };
    let host = |a: Array<F>| -> gpu::Result<Vec<f64>> { Ok(a.to_vec()?.into_iter().map(|v| v.into()).collect()) };
    // F(am(u | m) | m) = u, u as a column against m as a row (am's rounding, a few ulp of
    // am, is worth dn·ulp(am) of u).
    let us = [0.3, -1.25, 2.5, 7.0];
    let ms = [0.0, 0.5, 0.9, -4.0, 1.0];
    let u = Array::from_vec(to(&us), [4, 1])?.to(dev)?;
    let m = Array::from_vec(to(&ms), [1, 5])?.to(dev)?;
    let back = host(u.ellipj_am(&m)?.ellipkinc(&m)?)?;
    for (i, &x) in us.iter().enumerate() {
        for (k, &mk) in ms.iter().enumerate() {
            let b = back[5 * i + k];
            assert!((b - x).abs() <= 64.0 * F::EPS * x.abs().max(1.0), "ellipkinc(ellipj_am({x}, {mk})) = {b} {what}");
        }
    }
    // The conventions, φ against m elementwise.
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let phi = Array::from_vec(to(&[0.3, 0.5, 2.0, inf, -inf, 1.0, 1.0, nan, 0.0, 1.0]), [10])?.to(dev)?;
    let m = Array::from_vec(to(&[20.0, 2.0, 2.0, 0.5, 0.5, -inf, inf, 0.5, 0.5, 1.0]), [10])?.to(dev)?;
    let f = host(phi.ellipkinc(&m)?)?;
    let e = host(phi.ellipeinc(&m)?)?;
    let s1: f64 = to_f(1f64.sin()).into();
    for (name, got, want) in [
        ("ellipkinc", &f, [nan, 0.0, nan, inf, -inf, 0.0, nan, nan, 0.0, 0.0]),
        ("ellipeinc", &e, [nan, 0.0, nan, inf, -inf, inf, nan, nan, 0.0, s1]),
    ] {
        for (i, (g, w)) in got.iter().zip(want).enumerate() {
            if i == 1 || (name == "ellipkinc" && i == 9) {
                assert!(g.is_finite() && *g > 0.0, "{name} case {i} {what}: {g}");
            } else if w.is_nan() {
                assert!(g.is_nan(), "{name} case {i} {what}: {g}");
            } else {
                assert!((g - w).abs() <= 4.0 * F::EPS * w.abs() || *g == w, "{name} case {i} {what}: {g}, want {w}");
            }
        }
    }
    Ok(())
}

/// `elliprf`, `elliprd`, `elliprg` and `elliprc` on `dev` in `F` against mpmath
/// (tests/data/carlson_mpmath.txt: 70 points each, arguments log-uniform over 1e±30, a third
/// with one of them 0, some with all three within 1e-6 of each other; R_C's y negative for
/// a third) within `bound` ulps per unit of `max(1, κ)`, κ the condition number in all the
/// arguments. Rows whose arguments or values `F` does not hold are skipped. Then SciPy's
/// conventions at the edges, and a broadcast of a column against a row.
fn carlson_check<F: Prec>(dev: &Device, bound: f64) -> gpu::Result<()> {
    let to_f: fn(f64) -> F = <F as gpu::Element>::from_f64;
    let max = if F::DTYPE == DType::F32 { f32::MAX as f64 } else { f64::MAX };
    let what = format!("on {} {}", dev.kind(), F::DTYPE);
    let rows: Vec<(String, [f64; 5])> = tagged_table(include_str!("data/carlson_mpmath.txt"))
        .into_iter()
        .filter(|(_, r)| r[..3].iter().all(|&v| to_f(v).into() == v) && (F::MIN_POSITIVE..=max).contains(&r[3].abs()))
        .collect();
    for op in ["elliprf", "elliprd", "elliprg", "elliprc"] {
        let rows: Vec<[f64; 5]> = rows.iter().filter(|(o, _)| o == op).map(|(_, r)| *r).collect();
        let col = |k: usize| -> gpu::Result<Array<F>> {
            Array::from_vec(rows.iter().map(|r| to_f(r[k])).collect(), [rows.len()])?.to(dev)
        };
        let (x, y, z) = (col(0)?, col(1)?, col(2)?);
        let got = match op {
            "elliprf" => x.elliprf(&y, &z)?,
            "elliprd" => x.elliprd(&y, &z)?,
            "elliprg" => x.elliprg(&y, &z)?,
            _ => x.elliprc(&y)?,
        }
        .to_vec()?;
        let want: Vec<f64> = rows.iter().map(|r| r[3]).collect();
        check_ulps_per(dev, op, &got, &want, bound, (|i: usize| rows[i][4].max(1.0), "max(1, κ)"), |i| {
            format!("({:e}, {:e}, {:e})", rows[i][0], rows[i][1], rows[i][2])
        });
    }
    // SciPy 1.17's values at the edges, elementwise.
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let to = |v: &[f64]| -> gpu::Result<Array<F>> {
        Array::from_vec(v.iter().map(|&x| to_f(x)).collect(), [v.len()])?.to(dev)
    };
    let x = to(&[0.0, -1.0, inf, 0.0, 1.0, nan, 0.0])?;
    let y = to(&[0.0, 2.0, 1.0, 0.0, 1.0, 1.0, inf])?;
    let z = to(&[1.0, 3.0, 1.0, 0.0, 0.0, 1.0, 1.0])?;
    let host = |a: Array<F>| -> gpu::Result<Vec<f64>> { Ok(a.to_vec()?.into_iter().map(|v| v.into()).collect()) };
    let cases = [
        ("elliprf", host(x.elliprf(&y, &z)?)?, [inf, nan, 0.0, inf, std::f64::consts::FRAC_PI_2, nan, 0.0]),
        ("elliprd", host(x.elliprd(&y, &z)?)?, [inf, nan, 0.0, inf, inf, nan, 0.0]),
        ("elliprg", host(x.elliprg(&y, &z)?)?, [0.5, nan, inf, 0.0, std::f64::consts::FRAC_PI_4, nan, inf]),
    ];
    for (op, got, want) in cases {
        for (i, (g, w)) in got.iter().zip(want).enumerate() {
            let ok = if w.is_nan() { g.is_nan() } else { *g == w || (g - w).abs() <= 4.0 * F::EPS * w.abs() };
            assert!(ok, "{op} edge case {i} {what}: got {g}, want {w}");
        }
    }
    let rc = host(to(&[1.0, 0.0, -1.0, inf, 1.0, 4.0])?.elliprc(&to(&[0.0, -1.0, 1.0, 1.0, inf, 4.0])?)?)?;
    for (i, (g, w)) in rc.iter().zip([nan, 0.0, nan, 0.0, 0.0, 0.5]).enumerate() {
        assert!(if w.is_nan() { g.is_nan() } else { *g == w }, "elliprc edge case {i} {what}: got {g}, want {w}");
    }
    // Homogeneity as a broadcast: R_F(λx, λy, λz) = R_F(x, y, z)/√λ, R_D's λ^(−3/2) and
    // R_G's √λ, for λ a column of powers of 4 (exact scalings), the last two far enough
    // out that a product of two arguments leaves the type's range (none is formed).
    let big = if F::DTYPE == DType::F32 { 2f64.powi(64) } else { 2f64.powi(520) };
    let lams = [1.0f64, 4.0, 1.0 / 16.0, big, 1.0 / big];
    let lam = Array::from_vec(to_vec_f(&lams, to_f), [lams.len(), 1])?.to(dev)?;
    let (x, y, z) = (to(&[0.5, 2.0, 0.0])?, to(&[1.0, 3.0, 7.0])?, to(&[2.5, 0.25, 1.0])?);
    let (xs, ys, zs) = (lam.mul(&x.reshape([1, 3])?)?, lam.mul(&y.reshape([1, 3])?)?, lam.mul(&z.reshape([1, 3])?)?);
    let degree: [(&str, f64, Vec<f64>, Vec<f64>); 3] = [
        ("elliprf", -0.5, host(xs.elliprf(&ys, &zs)?)?, host(x.elliprf(&y, &z)?)?),
        ("elliprd", -1.5, host(xs.elliprd(&ys, &zs)?)?, host(x.elliprd(&y, &z)?)?),
        ("elliprg", 0.5, host(xs.elliprg(&ys, &zs)?)?, host(x.elliprg(&y, &z)?)?),
    ];
    for (op, d, scaled, base) in &degree {
        for (i, l) in lams.iter().enumerate() {
            for k in 0..3 {
                let (g, w) = (scaled[3 * i + k], base[k] * l.powf(*d));
                assert!((g - w).abs() <= 4.0 * F::EPS * w, "{op} scaled by {l:e} at {k} {what}: {g} against {w}");
            }
        }
    }
    Ok(())
}

/// `elliprj` on `dev` in `F` against mpmath (tests/data/elliprj_mpmath.txt: 160 points, x,
/// y, z as `carlson_check`'s and p log-uniform, 30% negative (Cauchy's principal value),
/// 10% within 1e-6 of another argument, 10% 1e-8 to 1e-20 of the smallest) within `bound`
/// ulps per unit of `max(1, κ)`, κ the condition number in all four arguments. Rows whose
/// arguments or values `F` does not hold are skipped. Then SciPy's conventions at the
/// edges (and +∞ at p = 0), `R_J(x, y, z, z) = R_D(x, y, z)`, symmetry in x, y, z, and
/// homogeneity as a broadcast of a column against strided rows.
fn elliprj_check<F: Prec>(dev: &Device, bound: f64) -> gpu::Result<()> {
    let to_f: fn(f64) -> F = <F as gpu::Element>::from_f64;
    let max = if F::DTYPE == DType::F32 { f32::MAX as f64 } else { f64::MAX };
    let what = format!("on {} {}", dev.kind(), F::DTYPE);
    let rows: Vec<[f64; 6]> = tagged_table(include_str!("data/elliprj_mpmath.txt"))
        .into_iter()
        .map(|(_, r)| r)
        .filter(|r: &[f64; 6]| {
            r[..4].iter().all(|&v| to_f(v).into() == v) && (F::MIN_POSITIVE..=max).contains(&r[4].abs())
        })
        .collect();
    let least = if F::DTYPE == DType::F32 { 70 } else { 150 };
    assert!(rows.len() >= least, "elliprj {what}: only {} rows in range", rows.len());
    let to = |v: &[f64]| -> gpu::Result<Array<F>> {
        Array::from_vec(v.iter().map(|&x| to_f(x)).collect(), [v.len()])?.to(dev)
    };
    let col = |k: usize| to(&rows.iter().map(|r| r[k]).collect::<Vec<_>>());
    let got = col(0)?.elliprj(&col(1)?, &col(2)?, &col(3)?)?.to_vec()?;
    let want: Vec<f64> = rows.iter().map(|r| r[4]).collect();
    check_ulps_per(dev, "elliprj", &got, &want, bound, (|i: usize| rows[i][5].max(1.0), "max(1, κ)"), |i| {
        format!("({:e}, {:e}, {:e}, {:e})", rows[i][0], rows[i][1], rows[i][2], rows[i][3])
    });
    // SciPy 1.17's values at the edges, elementwise, but +∞ at p = ±0 (SciPy: NaN).
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let x = to(&[-1.0, 1.0, 0.0, 0.0, 1.0, 1.0, 1.0, inf, 1.0, 2.0, 2.0, 0.0])?;
    let y = to(&[2.0, nan, 0.0, 0.0, 2.0, 2.0, 2.0, 1.0, 2.0, 3.0, 3.0, 1.0])?;
    let z = to(&[3.0, 3.0, 1.0, 1.0, inf, 3.0, 3.0, 1.0, 3.0, 4.0, 4.0, 1.0])?;
    let p = to(&[1.0, 1.0, 1.0, -1.0, 1.0, inf, -inf, -1.0, nan, 0.0, -0.0, -1.0])?;
    let got = host_f64(x.elliprj(&y, &z, &p)?)?;
    // R_J(0, 1, 1, −1) = −3π/4 (DLMF 19.20.16's principal value, SciPy's −2.356…).
    let want = [nan, nan, inf, inf, 0.0, 0.0, 0.0, 0.0, nan, inf, inf, -0.75 * std::f64::consts::PI];
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        let ok = if w.is_nan() { g.is_nan() } else { *g == w || (g - w).abs() <= 4.0 * F::EPS * w.abs() };
        assert!(ok, "elliprj edge case {i} {what}: got {g}, want {w}");
    }
    // R_J(x, y, z, z) = R_D(x, y, z), and symmetry in x, y, z.
    let (x, y, z) = (to(&[0.5, 0.0, 1e-3, 7.0])?, to(&[1.0, 2.0, 5.0, 7.5])?, to(&[2.5, 0.25, 40.0, 6.0])?);
    let rj = host_f64(x.elliprj(&y, &z, &z)?)?;
    let rd = host_f64(x.elliprd(&y, &z)?)?;
    let p = to(&[0.75, -0.5, 3.0, -40.0])?;
    let perms =
        [host_f64(x.elliprj(&y, &z, &p)?)?, host_f64(z.elliprj(&x, &y, &p)?)?, host_f64(y.elliprj(&z, &x, &p)?)?];
    for k in 0..4 {
        assert!(
            (rj[k] - rd[k]).abs() <= 8.0 * F::EPS * rd[k],
            "elliprj(x, y, z, z) at {k} {what}: {} against elliprd {}",
            rj[k],
            rd[k]
        );
        for perm in &perms[1..] {
            let (g, w) = (perm[k], perms[0][k]);
            assert!((g - w).abs() <= 16.0 * F::EPS * w.abs(), "elliprj permuted at {k} {what}: {g} against {w}");
        }
    }
    // Homogeneity as a broadcast: R_J(λx, λy, λz, λp) = λ^(−3/2)·R_J(x, y, z, p) for λ a
    // column of powers of 4 (exact scalings), the rows read through stride-2 views; at
    // the last two, a product of two arguments leaves the type's range (none is formed).
    let big = if F::DTYPE == DType::F32 { 2f64.powi(64) } else { 2f64.powi(520) };
    let lams = [1.0f64, 4.0, 1.0 / 16.0, big, 1.0 / big];
    let lam = Array::from_vec(to_vec_f(&lams, to_f), [lams.len(), 1])?.to(dev)?;
    let strided = |v: [f64; 3]| -> gpu::Result<Array<F>> {
        to(&[v[0], -9.0, v[1], -9.0, v[2], -9.0])?.slice(0, None, None, 2)?.reshape([1, 3])
    };
    let (xs, ys, zs, ps) = (
        strided([0.5, 2.0, 0.0])?,
        strided([1.0, 3.0, 7.0])?,
        strided([2.5, 0.25, 1.0])?,
        strided([3.0, -0.5, 200.0])?,
    );
    let scaled = host_f64(lam.mul(&xs)?.elliprj(&lam.mul(&ys)?, &lam.mul(&zs)?, &lam.mul(&ps)?)?)?;
    let base = host_f64(xs.elliprj(&ys, &zs, &ps)?)?;
    for (i, l) in lams.iter().enumerate() {
        for k in 0..3 {
            let (g, w) = (scaled[3 * i + k], base[k] / (l * l.sqrt()));
            assert!((g - w).abs() <= 4.0 * F::EPS * w.abs(), "elliprj scaled by {l} at {k} {what}: {g} against {w}");
        }
    }
    Ok(())
}

/// `hyp2f1` on `dev` in `F` against mpmath (tests/data/hyp2f1_mpmath.txt: 400 points, a
/// and b on [−10, 10] with integers among them, c on [−10, 12] and a quarter `a + b + m`
/// (c − a − b an integer to rounding, the logarithmic case), x over (−1e8, 1], a third
/// near 1 and 37 rows at 1; then 80 with c − a − b, or for x < 0 b − a, within 1e-13 to
/// 0.1 of an integer, x near 1 or below −10) within `bound` ulps per unit of `max(1, κ)`,
/// κ the condition number in all four arguments, but 100 times that where a and b are both
/// below −8 (every form's series cancels there: see src/ops/hyp2f1.rs). Rows whose
/// arguments or values `F` does not hold are skipped. Then the conventions at the edges,
/// symmetry in a and b, continuity in c across c − a − b = 1, and a broadcast of a column
/// against strided rows, each element as its own call.
fn hyp2f1_check<F: Prec>(dev: &Device, bound: f64) -> gpu::Result<()> {
    let to_f: fn(f64) -> F = <F as gpu::Element>::from_f64;
    let max = if F::DTYPE == DType::F32 { f32::MAX as f64 } else { f64::MAX };
    let what = format!("on {} {}", dev.kind(), F::DTYPE);
    let rows: Vec<[f64; 6]> = tagged_table(include_str!("data/hyp2f1_mpmath.txt"))
        .into_iter()
        .map(|(_, r)| r)
        .filter(|r: &[f64; 6]| {
            r[..4].iter().all(|&v| to_f(v).into() == v) && (F::MIN_POSITIVE..=max).contains(&r[4].abs())
        })
        .collect();
    let least = if F::DTYPE == DType::F32 { 230 } else { 470 };
    assert!(rows.len() >= least, "hyp2f1 {what}: only {} rows in range", rows.len());
    let to = |v: &[f64]| -> gpu::Result<Array<F>> {
        Array::from_vec(v.iter().map(|&x| to_f(x)).collect(), [v.len()])?.to(dev)
    };
    let col = |k: usize| to(&rows.iter().map(|r| r[k]).collect::<Vec<_>>());
    let got = col(0)?.hyp2f1(&col(1)?, &col(2)?, &col(3)?)?.to_vec()?;
    let want: Vec<f64> = rows.iter().map(|r| r[4]).collect();
    let scale = |i: usize| {
        let r = &rows[i];
        r[5].max(1.0) * if r[0] < -8.0 && r[1] < -8.0 { 100.0 } else { 1.0 }
    };
    check_ulps_per(dev, "hyp2f1", &got, &want, bound, (scale, "max(1, κ) (×100 for a, b < −8)"), |i| {
        format!("({:e}, {:e}, {:e}, {:e})", rows[i][0], rows[i][1], rows[i][2], rows[i][3])
    });
    // The edges: SciPy 1.17's values, but NaN for x > 1 (SciPy: +∞) and at x = ±∞.
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let a = to(&[1.0, 1.0, 1.0, -2.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, -2.0, nan, 1.0, 1.0])?;
    let b = to(&[2.0, 2.0, 1.0, 2.0, -2.0, -3.0, 2.0, 2.0, 2.0, 2.0, 1.0, 1.0, 1.0, 1.0])?;
    let c = to(&[3.0, 3.0, 3.0, 3.0, -2.0, -2.0, 0.0, -3.0, 3.0, 3.0, 3.0, 1.0, 3.0, 3.0])?;
    let x = to(&[1.5, 1.0, 1.0, 1.5, 0.5, 0.5, 0.5, 0.0, inf, -inf, 10.0, 0.5, 0.5, -0.5])?;
    let got = host_f64(a.hyp2f1(&b, &c, &x)?)?;
    // F(1, 1; 3; 1) = Γ(3)Γ(1)/(Γ(2)Γ(2)) = 2; F(−2, 2; 3; 1.5) = 1 − 2·1.5 + 1.5² = 0.125
    // (SciPy's); F(1, −2; −2; 0.5) = 1 + 0.5 + 0.25; F(−2, 1; 3; 10) = 1 − 20/3 + 100/6;
    // F(1, 1; 3; x) = 2((1 − x)ln(1 − x) + x)/x².
    let f113 = |x: f64| 2.0 * ((1.0 - x) * (-x).ln_1p() + x) / (x * x);
    let want = [
        nan,
        inf,
        2.0,
        0.125,
        1.75,
        inf,
        inf,
        1.0,
        nan,
        nan,
        1.0 - 20.0 / 3.0 + 100.0 / 6.0,
        nan,
        f113(0.5),
        f113(-0.5),
    ];
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        let ok = if w.is_nan() { g.is_nan() } else { *g == w || (g - w).abs() <= 8.0 * F::EPS * w.abs() };
        assert!(ok, "hyp2f1 edge case {i} {what}: got {g}, want {w}");
    }
    // Symmetry in a and b, across the forms (direct, Pfaff, 1 − x, logarithmic, polynomial).
    let a = to(&[0.5, 2.25, -1.5, 3.0, 0.75, -3.0, 1.25])?;
    let b = to(&[1.5, -0.75, 2.5, 1.0, 0.25, 2.5, 2.0])?;
    let c = to(&[2.5, 3.0, 1.25, 4.0, 1.0, 1.5, 3.25])?;
    let x = to(&[0.3, -0.4, -20.0, 0.97, 0.999, 0.7, -1e5])?;
    let (ab, ba) = (host_f64(a.hyp2f1(&b, &c, &x)?)?, host_f64(b.hyp2f1(&a, &c, &x)?)?);
    for k in 0..ab.len() {
        let (g, w) = (ba[k], ab[k]);
        assert!((g - w).abs() <= 16.0 * F::EPS * w.abs(), "hyp2f1 with a, b swapped at {k} {what}: {g} against {w}");
    }
    // Continuity in c across c − a − b = 1, where DLMF 15.8.4's two terms have poles: δ from
    // ±1e-13 to ±1e-5 moves F by about δ·∂F/∂c (here under 3δ·F), not by ε/δ.
    let deltas = [0.0, 1e-13, -1e-13, 1e-9, -1e-9, 1e-5, -1e-5];
    for x0 in [0.95, 0.999, 1.0 - 1e-7] {
        let (a0, b0) = (0.75, 1.875);
        let cs: Vec<f64> = deltas.iter().map(|d| a0 + b0 + 1.0 + d).collect();
        let n = cs.len();
        let f = host_f64(to(&vec![a0; n])?.hyp2f1(&to(&vec![b0; n])?, &to(&cs)?, &to(&vec![x0; n])?)?)?;
        for k in 1..n {
            let dc = to_f(cs[k]).into() - to_f(cs[0]).into();
            let tol = 3.0 * dc.abs() * f[0].abs() + 16.0 * F::EPS * f[0].abs();
            assert!(
                (f[k] - f[0]).abs() <= tol,
                "hyp2f1(0.75, 1.875, 3.625 + {dc:e}, {x0}) {what}: {} against {} at c − a − b = 1",
                f[k],
                f[0]
            );
        }
    }
    // A column of c against strided rows of a, b and x: each element as its own call.
    let cs = [2.5f64, -1.25, 7.0];
    let ccol = Array::from_vec(to_vec_f(&cs, to_f), [cs.len(), 1])?.to(dev)?;
    let strided = |v: [f64; 4]| -> gpu::Result<Array<F>> {
        to(&[v[0], -9.0, v[1], -9.0, v[2], -9.0, v[3], -9.0])?.slice(0, None, None, 2)?.reshape([1, 4])
    };
    let (ar, br, xr) =
        (strided([0.5, -3.0, 1.5, 2.0])?, strided([1.0, 2.5, 0.25, -0.5])?, strided([0.5, -0.8, 0.95, -7.0])?);
    let grid = host_f64(ar.hyp2f1(&br, &ccol, &xr)?)?;
    let (ah, bh, xh) = (host_f64(ar.clone())?, host_f64(br.clone())?, host_f64(xr.clone())?);
    for (i, &cv) in cs.iter().enumerate() {
        for k in 0..4 {
            let one = host_f64(to(&[ah[k]])?.hyp2f1(&to(&[bh[k]])?, &to(&[cv])?, &to(&[xh[k]])?)?)?[0];
            let g = grid[4 * i + k];
            assert!(
                g == one || (g.is_nan() && one.is_nan()),
                "hyp2f1 broadcast at ({i}, {k}) {what}: {g} against {one}"
            );
        }
    }
    Ok(())
}

fn to_vec_f<F: Copy>(v: &[f64], to_f: fn(f64) -> F) -> Vec<F> {
    v.iter().map(|&x| to_f(x)).collect()
}

/// `lpmv` on `dev` in `F` against mpmath (tests/data/lpmv_mpmath.txt: 400 points with
/// |m| ≤ 20 and 120 with 20 < |m| ≤ 60; degrees from −3e3 to 3e4, integers, half-integers
/// and within 1e-9 of an integer; x uniform, within 1e-8 of ±1 and about the turning point)
/// within `bound` ulps per unit of `max(1, κ)` for |m| ≤ 20 and `bound_high` above, κ the
/// condition number in v and x. Rows whose arguments `F` does not hold, or whose values
/// it does not hold with a factor 16 to spare, are skipped (the recurrence's terms are
/// about twice P: within that of the largest finite value they overflow). Then the conventions at the edges, the reflection `P_v = P_(−v−1)`, and a
/// broadcast of a column of orders against a row of arguments.
fn lpmv_check<F: Prec>(dev: &Device, bound: f64, bound_high: f64) -> gpu::Result<()> {
    let to_f: fn(f64) -> F = <F as gpu::Element>::from_f64;
    let max = if F::DTYPE == DType::F32 { f32::MAX as f64 } else { f64::MAX };
    let what = format!("on {} {}", dev.kind(), F::DTYPE);
    let table: Vec<(String, [f64; 5])> = tagged_table(include_str!("data/lpmv_mpmath.txt"));
    let to = |v: &[f64]| -> gpu::Result<Array<F>> {
        Array::from_vec(v.iter().map(|&x| to_f(x)).collect(), [v.len()])?.to(dev)
    };
    let rows = |tag: &str| -> Vec<[f64; 5]> {
        table
            .iter()
            .filter(|(t, r)| {
                t == tag
                    && r[..3].iter().all(|&v| to_f(v).into() == v)
                    && (F::MIN_POSITIVE..=max / 16.0).contains(&r[3].abs())
            })
            .map(|(_, r)| *r)
            .collect()
    };
    let eval = |rows: &[[f64; 5]]| -> gpu::Result<Vec<F>> {
        let col = |k: usize| to(&rows.iter().map(|r| r[k]).collect::<Vec<_>>());
        col(0)?.lpmv(&col(1)?, &col(2)?)?.to_vec()
    };
    let low = rows("lpmv");
    let got = eval(&low)?;
    let want: Vec<f64> = low.iter().map(|r| r[3]).collect();
    check_ulps_per(dev, "lpmv", &got, &want, bound, (|i: usize| low[i][4].max(1.0), "max(1, κ)"), |i| {
        format!("(m {}, v {:e}, x {:e})", low[i][0], low[i][1], low[i][2])
    });
    // 20 < |m| ≤ 60: nineteen in twenty within `bound_high`; the rest, near x = −1 below the
    // turning point, where both the series and the recurrence lose digits exponentially in
    // |m|, within 1e7 (SciPy 1.17 on the same rows: 1e112 off, and NaN for nine).
    let high = rows("lpmv_high");
    let got = eval(&high)?;
    let errs: Vec<f64> = high
        .iter()
        .zip(&got)
        .map(|(r, &g)| ulps(g.into(), to_f(r[3]).into(), to_f(r[3]).into(), F::EPS, F::MIN_POSITIVE) / r[4].max(1.0))
        .collect();
    let within = errs.iter().filter(|&&e| e <= bound_high).count();
    let worst = errs.iter().cloned().fold(0.0, f64::max);
    println!(
        "lpmv_high {what}: {within} of {} within {bound_high} ulp per unit of max(1, κ), worst {worst:.3e}",
        high.len()
    );
    assert!(20 * within >= 19 * high.len(), "lpmv_high {what}: only {within} of {} within {bound_high}", high.len());
    assert!(worst <= 1e7, "lpmv_high {what}: worst {worst:e} ulp per unit of max(1, κ)");
    // The edges: x = 1; x = −1 for integer degrees (P_n(−1) = (−1)^n, 0 for m ≠ 0, +∞ for
    // m < 0 and n < |m|) and for non-integer ones (the singular part's sign, which SciPy 1.17
    // gets wrong for half of these); 0 for 0 ≤ n < m; NaN for m not an integer, |x| > 1,
    // |m| > 512, |v| > 2^18 and a NaN; P_0^(−1)(0.5) = √(1/3), where SciPy returns NaN.
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let cases: [(f64, f64, f64, f64); 20] = [
        (0.0, 2.5, 1.0, 1.0),
        (2.0, 2.5, 1.0, 0.0),
        (-2.0, 2.5, 1.0, 0.0),
        (0.0, 3.0, -1.0, -1.0),
        (0.0, 4.0, -1.0, 1.0),
        (1.0, 3.0, -1.0, 0.0),
        (-3.0, 1.0, -1.0, inf),
        (0.0, 0.3, -1.0, -inf),
        (0.0, 1.3, -1.0, inf),
        (0.0, -0.3, -1.0, inf),
        (1.0, 2.7, -1.0, -inf),
        (-1.0, 1.3, -1.0, -inf),
        (-2.0, 2.7, -1.0, -inf),
        (3.0, 2.0, 0.5, 0.0),
        (0.5, 2.0, 0.5, nan),
        (1.0, 2.0, 1.5, nan),
        (513.0, 600.0, 0.5, nan),
        (1.0, 262_145.0, 0.5, nan),
        (nan, 1.0, 0.5, nan),
        (-1.0, 0.0, 0.5, 0.5773502691896257),
    ];
    let col = |k: usize| to(&cases.iter().map(|c| [c.0, c.1, c.2, c.3][k]).collect::<Vec<_>>());
    let got = col(0)?.lpmv(&col(1)?, &col(2)?)?.to_vec()?;
    for (i, (g, c)) in got.iter().zip(cases).enumerate() {
        let (g, w): (f64, f64) = ((*g).into(), c.3);
        let ok = if w.is_nan() { g.is_nan() } else { g == w || (g - w).abs() <= 4.0 * F::EPS * w.abs() };
        assert!(ok, "lpmv edge case {i} (m {}, v {}, x {}) {what}: got {g}, want {w}", c.0, c.1, c.2);
    }
    // P_v = P_(−v−1), exactly: the reflection is exact in floating point.
    let (m, v, x) = (to(&[0.0, 2.0, -3.0, 5.0])?, to(&[2.75, 7.25, 0.5, 40.5])?, to(&[0.3, -0.9, 0.6, -0.5])?);
    let back = to(&[-3.75, -8.25, -1.5, -41.5])?;
    let (p, q) = (m.lpmv(&v, &x)?.to_vec()?, m.lpmv(&back, &x)?.to_vec()?);
    assert!(p.iter().zip(&q).all(|(a, b)| a == b), "lpmv reflection {what}: {p:?} against {q:?}");
    // A column of orders against a row of arguments, each against its own evaluation.
    let orders = [0.0, 1.0, -2.0];
    let args = [-0.95, -0.2, 0.4, 0.99];
    let grid = Array::from_vec(to_vec_f(&orders, to_f), [3, 1])?.to(dev)?.lpmv(&to(&[5.5])?, &to(&args)?)?.to_vec()?;
    for (i, &m) in orders.iter().enumerate() {
        let one = to(&[m; 4])?.lpmv(&to(&[5.5; 4])?, &to(&args)?)?.to_vec()?;
        assert_eq!(&grid[4 * i..4 * i + 4], &one[..], "lpmv broadcast, order {m} {what}");
    }
    Ok(())
}

/// `agm` on `dev` in `F` against mpmath (tests/data/agm_mpmath.txt: a and b over 1e±300,
/// f32 rows over 1e±30, half within 1e-6 of each other, a tenth both negative) within
/// `bound` ulps (its condition number is at most 1); rows `F` does not hold are skipped.
/// Then SciPy's conventions, and `ellipk` as `π/(2·agm(1, √(1 − m)))`.
fn agm_check<F: Prec>(dev: &Device, bound: f64) -> gpu::Result<()> {
    let to_f: fn(f64) -> F = <F as gpu::Element>::from_f64;
    let max = if F::DTYPE == DType::F32 { f32::MAX as f64 } else { f64::MAX };
    let what = format!("on {} {}", dev.kind(), F::DTYPE);
    let rows: Vec<[f64; 3]> = include_str!("data/agm_mpmath.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let f: Vec<f64> = l.split(' ').map(|v| v.parse().expect("a number")).collect();
            [f[0], f[1], f[2]]
        })
        .filter(|r| {
            to_f(r[0]).into() == r[0] && to_f(r[1]).into() == r[1] && (F::MIN_POSITIVE..=max).contains(&r[2].abs())
        })
        .collect();
    let col = |k: usize| -> gpu::Result<Array<F>> {
        Array::from_vec(rows.iter().map(|r| to_f(r[k])).collect(), [rows.len()])?.to(dev)
    };
    let got = col(0)?.agm(&col(1)?)?.to_vec()?;
    let want: Vec<f64> = rows.iter().map(|r| r[2]).collect();
    check_ulps_per(dev, "agm", &got, &want, bound, (|_| 1.0, ""), |i| format!("({:e}, {:e})", rows[i][0], rows[i][1]));
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let to = |v: &[f64]| -> gpu::Result<Array<F>> {
        Array::from_vec(v.iter().map(|&x| to_f(x)).collect(), [v.len()])?.to(dev)
    };
    let a = to(&[1.0, 0.0, inf, inf, -inf, nan, 5.0, -0.0])?;
    let b = to(&[-1.0, 5.0, 1.0, 0.0, -1.0, 1.0, inf, 3.0])?;
    let got: Vec<f64> = a.agm(&b)?.to_vec()?.into_iter().map(|v| v.into()).collect();
    for (i, (g, w)) in got.iter().zip([nan, 0.0, inf, nan, -inf, nan, inf, 0.0]).enumerate() {
        assert!(if w.is_nan() { g.is_nan() } else { *g == w }, "agm edge case {i} {what}: got {g}, want {w}");
    }
    let m = to(&[0.0, 0.5, 0.9, -3.0])?;
    let via = m.neg()?.add_scalar(to_f(1.0))?.sqrt()?;
    let k = host_f64(to(&[std::f64::consts::FRAC_PI_2; 4])?.div(&to(&[1.0; 4])?.agm(&via)?)?)?;
    let want = host_f64(m.ellipk()?)?;
    for (g, w) in k.iter().zip(&want) {
        assert!((g - w).abs() <= 8.0 * F::EPS * w, "π/(2·agm(1, √(1 − m))) = {g} against ellipk {w} {what}");
    }
    Ok(())
}

/// `wright_bessel` and `log_wright_bessel` on `dev` in `F` against mpmath
/// (tests/data/wright_bessel_mpmath.txt: 400 points, a from 0 to 20 with tiny values among
/// them, b from 0 to 60, x from 0 to 1e7; then 40 with x to 1e12, where Φ overflows and
/// the log's peak is up to 1.4e6 terms out), within `bound` ulps per unit of `max(1, κ)`
/// (the log: `max(1, κ/|ln Φ|)`), κ the condition number in a, b and x. Rows whose
/// arguments `F` does not hold, or whose Φ is outside `F`'s normal range (for the value),
/// are skipped. Then the conventions at the edges, the recurrence `Φ(a, b − 1; x) = a·x·Φ(a,
/// b + a; x) + (b − 1)·Φ(a, b; x)` through the switch to the grid sum (σ = 12), and a
/// broadcast of a column against strided rows, each element as its own call.
fn wright_check<F: Prec>(dev: &Device, bound: (f64, f64)) -> gpu::Result<()> {
    let to_f: fn(f64) -> F = <F as gpu::Element>::from_f64;
    let max = if F::DTYPE == DType::F32 { f32::MAX as f64 } else { f64::MAX };
    let what = format!("on {} {}", dev.kind(), F::DTYPE);
    let rows: Vec<[f64; 6]> = tagged_table(include_str!("data/wright_bessel_mpmath.txt"))
        .into_iter()
        .map(|(_, r)| r)
        .filter(|r: &[f64; 6]| r[..3].iter().all(|&v| to_f(v).into() == v))
        .collect();
    let least = if F::DTYPE == DType::F32 { 215 } else { 430 };
    assert!(rows.len() >= least, "wright_bessel {what}: only {} rows", rows.len());
    let to = |v: &[f64]| -> gpu::Result<Array<F>> {
        Array::from_vec(v.iter().map(|&x| to_f(x)).collect(), [v.len()])?.to(dev)
    };
    let col = |rows: &[[f64; 6]], k: usize| to(&rows.iter().map(|r| r[k]).collect::<Vec<_>>());
    let at = |r: &[f64; 6]| format!("({:e}, {:e}, {:e})", r[0], r[1], r[2]);
    // Φ, where F holds it.
    let held: Vec<[f64; 6]> = rows.iter().copied().filter(|r| (F::MIN_POSITIVE..=max).contains(&r[3])).collect();
    let least = if F::DTYPE == DType::F32 { 100 } else { 360 };
    assert!(held.len() >= least, "wright_bessel {what}: only {} values in range", held.len());
    let got = col(&held, 0)?.wright_bessel(&col(&held, 1)?, &col(&held, 2)?)?.to_vec()?;
    let want: Vec<f64> = held.iter().map(|r| r[3]).collect();
    check_ulps_per(dev, "wright_bessel", &got, &want, bound.0, (|i: usize| held[i][5].max(1.0), "max(1, κ)"), |i| {
        at(&held[i])
    });
    // ln Φ, everywhere.
    let got = col(&rows, 0)?.log_wright_bessel(&col(&rows, 1)?, &col(&rows, 2)?)?.to_vec()?;
    let want: Vec<f64> = rows.iter().map(|r| r[4]).collect();
    let scale = |i: usize| (rows[i][5] / rows[i][4].abs()).max(1.0);
    check_ulps_per(dev, "log_wright_bessel", &got, &want, bound.1, (scale, "max(1, κ/|ln Φ|)"), |i| at(&rows[i]));
    // The edges (SciPy 1.17's, but the limits at a or b = +∞, where SciPy gives NaN).
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let a = to(&[0.0, 1.0, 0.5, 0.0, 1.0, inf, inf, 1.0, -1.0, 1.0, 1.0, nan, 2.5, 0.0])?;
    let b = to(&[0.0, 0.0, 0.0, 2.0, 1.0, 2.0, 1.0, inf, 1.0, -1.0, 1.0, 1.0, 3.0, 1.0])?;
    let x = to(&[1.0, 0.0, 0.0, 3.0, inf, 5.0, inf, 2.0, 1.0, 1.0, -1.0, 1.0, 0.0, 0.5])?;
    let value = host_f64(a.wright_bessel(&b, &x)?)?;
    let log = host_f64(a.log_wright_bessel(&b, &x)?)?;
    let e3 = 3f64.exp();
    let want = [0.0, 0.0, 0.0, e3, inf, 1.0, nan, 0.0, nan, nan, nan, nan, 0.5, 0.5f64.exp()];
    for (i, w) in want.into_iter().enumerate() {
        let close =
            |g: f64, w: f64| if w.is_nan() { g.is_nan() } else { g == w || (g - w).abs() <= 4.0 * F::EPS * w.abs() };
        assert!(close(value[i], w), "wright_bessel edge case {i} {what}: got {}, want {w}", value[i]);
        let lw = if w.is_nan() { nan } else { w.ln() };
        assert!(close(log[i], lw), "log_wright_bessel edge case {i} {what}: got {}, want {lw}", log[i]);
    }
    // Far out (Laplace's sum past σ = 1e5, the grid before): at a = 1, Φ = x^((1 − b)/2)·
    // I_(b−1)(2√x), so ln Φ = ((1 − b)/2)·ln x + z − ½·ln(2πz) + ln(1 − (μ − 1)/(8z) + (μ − 1)(μ −
    // 9)/(2(8z)²) − …), z = 2√x, μ = 4(b − 1)² (DLMF 10.40.1).
    let far: Vec<f64> =
        if F::DTYPE == DType::F32 { vec![1e12, 1e20, 1e30, 3e38] } else { vec![1e12, 1e20, 1e100, 1e300] };
    for b0 in [0.5, 3.0] {
        let got = host_f64(to(&vec![1.0; far.len()])?.log_wright_bessel(&to(&vec![b0; far.len()])?, &to(&far)?)?)?;
        for (g, &x0) in got.iter().zip(&far) {
            let x0 = to_f(x0).into();
            let (z, mu) = (2.0 * f64::sqrt(x0), 4.0 * (b0 - 1.0) * (b0 - 1.0));
            let tail = f64::ln_1p(-(mu - 1.0) / (8.0 * z) + (mu - 1.0) * (mu - 9.0) / (2.0 * (8.0 * z) * (8.0 * z)));
            let w = (1.0 - b0) / 2.0 * f64::ln(x0) + z - 0.5 * f64::ln(2.0 * std::f64::consts::PI * z) + tail;
            assert!(
                (g - w).abs() <= 4.0 * F::EPS * w,
                "log_wright_bessel(1, {b0}, {x0:e}) {what}: got {g:e}, want {w:e}"
            );
        }
    }
    // The recurrence in b, across the integer sum and the grid (σ = 12 at x ≈ 2,250 for
    // a = 0.5, at x ≈ 300 for a = 0.01), Φ within range in f32 too where it can be.
    let pts: Vec<(f64, f64, f64)> = [(0.5, 2.5), (0.01, 3.0), (1.25, 4.0), (3.0, 1.5)]
        .iter()
        .flat_map(|&(a0, b0)| [0.5, 7.0, 60.0, 290.0, 310.0, 2200.0, 2300.0].map(move |x0| (a0, b0, x0)))
        .filter(|&(a0, _, x0)| F::DTYPE == DType::F64 || (a0 >= 0.5 && x0 < 2000.0))
        .collect();
    let av = to(&pts.iter().map(|p| p.0).collect::<Vec<_>>())?;
    let xv = to(&pts.iter().map(|p| p.2).collect::<Vec<_>>())?;
    let bs = |f: &dyn Fn(&(f64, f64, f64)) -> f64| to(&pts.iter().map(f).collect::<Vec<_>>());
    let lo = host_f64(av.log_wright_bessel(&bs(&|p| p.1 - 1.0)?, &xv)?)?;
    let up = host_f64(av.log_wright_bessel(&bs(&|p| p.1 + p.0)?, &xv)?)?;
    let mid = host_f64(av.log_wright_bessel(&bs(&|p| p.1)?, &xv)?)?;
    for (k, &(a0, b0, x0)) in pts.iter().enumerate() {
        // ln(a·x·Φ(b + a) + (b − 1)·Φ(b)) − ln Φ(b − 1), the terms positive for b ≥ 1.
        let rhs = (a0 * x0 * (up[k] - lo[k]).exp() + (b0 - 1.0) * (mid[k] - lo[k]).exp()).ln();
        let tol = 32.0 * F::EPS * (1.0 + lo[k].abs());
        assert!(
            rhs.abs() <= tol,
            "Φ({a0}, b, {x0}) recurrence in b = {b0} {what}: off by {rhs:e} in ln Φ (tolerance {tol:e})"
        );
    }
    // A column of a against rows of x taken with stride 2, against single calls.
    let xs: Vec<f64> = (0..8).map(|i| 0.5 + 9.0 * i as f64).collect();
    let x_rows = to(&xs)?.slice(0, None, None, 2)?.reshape([1, 4])?;
    let a_col = Array::from_vec(to_vec_f(&[0.3, 1.5, 4.0], to_f), [3, 1])?.to(dev)?;
    let grid = host_f64(a_col.wright_bessel(&to(&[1.25])?, &x_rows)?)?;
    for (i, &a0) in [0.3, 1.5, 4.0].iter().enumerate() {
        for k in 0..4 {
            let one = host_f64(to(&[a0])?.wright_bessel(&to(&[1.25])?, &to(&[xs[2 * k]])?)?)?[0];
            assert_eq!(grid[i * 4 + k], one, "wright_bessel broadcast at ({i}, {k}) {what}");
        }
    }
    Ok(())
}

fn host_f64<F: Prec>(a: Array<F>) -> gpu::Result<Vec<f64>> {
    Ok(a.to_vec()?.into_iter().map(|v| v.into()).collect())
}

/// The bound for `hyp2f1`, in ulps per unit of `max(1, κ)`: 12 where the code is ours
/// (CPU, wgpu); on CUDA, whose kernels call CUDA's log, exp and pow, twice that. Not run
/// here: no NVIDIA driver.
fn hyp2f1_bound(dev: &Device) -> f64 {
    bound_on(dev, 12.0, 24.0)
}

/// The bound for the Carlson integrals, in ulps per unit of `max(1, κ)`: 4 where the code
/// is ours (CPU, wgpu); on CUDA, whose kernels call CUDA's sqrt, twice that. Not run here:
/// no NVIDIA driver.
/// The bounds for `wright_bessel` and `log_wright_bessel`, in ulps per unit of their
/// `max(1, κ)`: 4 where the code is ours (CPU, wgpu); on CUDA, whose kernels call CUDA's
/// exp, log and pow, twice that. Not run here: no NVIDIA driver.
/// `sph_legendre_p` on `dev` in `F` against mpmath (tests/data/sph_legendre_mpmath.txt: 600
/// points, n to 4,000, θ uniform, within 1e-8 of 0 and π, within 1e-3 of π/2 and on
/// (−20, 20)) within `bound` ulps per unit of `max(1, κ)`, κ the condition number in θ;
/// rows whose θ `F` does not hold, or whose values lie outside its normal range, are
/// skipped. Then Unsöld's theorem `Σ_m |Y_n^m|² = (2n + 1)/(4π)` through `sph_harm_y`,
/// the symmetries (exact), the conventions at the edges, `sph_harm_y` and CuPy's
/// `sph_harm` against mpmath's `spherharm`, and a broadcast of a column of degrees
/// against a row of angles.
fn sph_check<F: Prec>(dev: &Device, bound: f64) -> gpu::Result<()> {
    let to_f: fn(f64) -> F = <F as gpu::Element>::from_f64;
    let max = if F::DTYPE == DType::F32 { f32::MAX as f64 } else { f64::MAX };
    let what = format!("on {} {}", dev.kind(), F::DTYPE);
    let to = |v: &[f64]| -> gpu::Result<Array<F>> {
        Array::from_vec(v.iter().map(|&x| to_f(x)).collect(), [v.len()])?.to(dev)
    };
    let rows: Vec<[f64; 5]> = tagged_table(include_str!("data/sph_legendre_mpmath.txt"))
        .into_iter()
        .map(|(_, r)| r)
        .filter(|r: &[f64; 5]| to_f(r[2]).into() == r[2] && (F::MIN_POSITIVE..=max).contains(&r[3].abs()))
        .collect();
    assert!(rows.len() >= 200, "sph_legendre_p {what}: only {} rows", rows.len());
    let col = |k: usize| to(&rows.iter().map(|r| r[k]).collect::<Vec<_>>());
    let got = col(0)?.sph_legendre_p(&col(1)?, &col(2)?)?.to_vec()?;
    let want: Vec<f64> = rows.iter().map(|r| r[3]).collect();
    check_ulps_per(dev, "sph_legendre_p", &got, &want, bound, (|i: usize| rows[i][4].max(1.0), "max(1, κ)"), |i| {
        format!("(n {}, m {}, θ {:e})", rows[i][0], rows[i][1], rows[i][2])
    });
    // Unsöld: Σ_m |Y_n^m(θ, φ)|² = (2n + 1)/(4π) for every θ and φ.
    for (n, theta, phi) in [(0usize, 0.3, 1.0), (7, 2.9, -0.4), (40, 1.1, 2.0), (200, 1e-3, 0.5)] {
        let m: Vec<f64> = (0..=2 * n).map(|i| i as f64 - n as f64).collect();
        let (re, im) = to(&[n as f64])?.sph_harm_y(&to(&m)?, &to(&[theta])?, &to(&[phi])?)?;
        let (re, im) = (host_f64(re)?, host_f64(im)?);
        let sum: f64 = re.iter().zip(&im).map(|(a, b)| a * a + b * b).sum();
        let want = (2.0 * n as f64 + 1.0) / (4.0 * std::f64::consts::PI);
        let tol = 8.0 * (n as f64 + 1.0).sqrt() * F::EPS * want;
        assert!((sum - want).abs() <= tol, "Unsöld, n = {n}, θ = {theta} {what}: {sum} against {want}");
    }
    // P̄(−θ) = P̄(θ) and P̄_n^(−m) = (−1)^m P̄_n^m, exactly.
    let (n, m, th) = (to(&[3.0, 10.0, 51.0, 200.0])?, to(&[1.0, -4.0, 17.0, 0.0])?, to(&[0.4, 2.0, 1.5, 3.1])?);
    let p = host_f64(n.sph_legendre_p(&m, &th)?)?;
    let q = host_f64(n.sph_legendre_p(&m, &th.neg()?)?)?;
    let r = host_f64(n.sph_legendre_p(&m.neg()?, &th)?)?;
    assert_eq!(p, q, "sph_legendre_p(−θ) {what}");
    for (i, sign) in [-1.0, 1.0, -1.0, 1.0].into_iter().enumerate() {
        assert_eq!(r[i], sign * p[i], "sph_legendre_p(n, −m) {what}, row {i}");
    }
    // The edges: 0 for n < 0, |m| > n and at the poles for m ≠ 0; √((2n + 1)/(4π))·(±1)ⁿ
    // at the poles for m = 0; NaN for n or m not an integer, θ infinite, n > 2^18 and a NaN.
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let c5 = (11.0 / (4.0 * std::f64::consts::PI)).sqrt();
    let cases: [(f64, f64, f64, f64); 12] = [
        (-1.0, 0.0, 0.5, 0.0),
        (2.0, 3.0, 0.5, 0.0),
        (4.0, 1.0, 0.0, 0.0),
        (5.0, 0.0, 0.0, c5),
        (5.0, 0.0, std::f64::consts::PI, -c5),
        (2.5, 1.0, 0.5, nan),
        (2.0, 0.5, 0.5, nan),
        (2.0, 1.0, inf, nan),
        (2.0, 1.0, -inf, nan),
        (262_145.0, 1.0, 0.5, nan),
        (nan, 1.0, 0.5, nan),
        (3.0, 1.0, nan, nan),
    ];
    let col = |k: usize| to(&cases.iter().map(|c| [c.0, c.1, c.2, c.3][k]).collect::<Vec<_>>());
    let got = host_f64(col(0)?.sph_legendre_p(&col(1)?, &col(2)?)?)?;
    for (i, (g, c)) in got.iter().zip(cases).enumerate() {
        let w = c.3;
        let ok = if w.is_nan() { g.is_nan() } else { (g - w).abs() <= 4.0 * F::EPS * w.abs() };
        assert!(ok, "sph_legendre_p edge case {i} (n {}, m {}, θ {}) {what}: got {g}, want {w}", c.0, c.1, c.2);
    }
    // Y_n^m(θ, φ) against mpmath's spherharm(n, m, θ, φ); sph_harm(m, n, φ, θ) the same,
    // NaN where |m| > n.
    let ys: [(f64, f64, f64, f64, f64, f64); 4] = [
        (3.0, 2.0, 0.5, 0.7, 0.035038056833036506, 0.20314657913442621),
        (3.0, -2.0, 0.5, 0.7, 0.035038056833036506, -0.20314657913442621),
        (10.0, 7.0, 1.2, -2.5, 0.023669713425624548, 0.10523510677845473),
        (25.0, -1.0, 2.0, 4.0, 0.012566733023752037, -0.014550030944505367),
    ];
    let col = |k: usize| to(&ys.iter().map(|c| [c.0, c.1, c.2, c.3][k]).collect::<Vec<_>>());
    let (re, im) = col(0)?.sph_harm_y(&col(1)?, &col(2)?, &col(3)?)?;
    let (re2, im2) = col(1)?.sph_harm(&col(0)?, &col(3)?, &col(2)?)?;
    let (re, im, re2, im2) = (host_f64(re)?, host_f64(im)?, host_f64(re2)?, host_f64(im2)?);
    for (i, y) in ys.iter().enumerate() {
        let tol = 64.0 * y.0 * F::EPS * y.4.hypot(y.5);
        assert!(
            (re[i] - y.4).abs() <= tol && (im[i] - y.5).abs() <= tol,
            "sph_harm_y row {i} {what}: {} {}",
            re[i],
            im[i]
        );
        assert!(re2[i] == re[i] && im2[i] == im[i], "sph_harm row {i} {what}: {} {}", re2[i], im2[i]);
    }
    let (re, im) = to(&[2.0, -3.0, 0.0])?.sph_harm(&to(&[1.0, 2.0, -1.0])?, &to(&[0.3])?, &to(&[0.4])?)?;
    let (re, im) = (host_f64(re)?, host_f64(im)?);
    assert!(re.iter().chain(&im).all(|v| v.is_nan()), "sph_harm with |m| > n or n < 0 {what}: {re:?} {im:?}");
    // A column of degrees against a row of angles, each against its own evaluation.
    let degrees = [0.0, 5.0, 60.0];
    let angles = [-1.0, 0.2, 1.5, 3.0];
    let grid = host_f64(
        Array::from_vec(to_vec_f(&degrees, to_f), [3, 1])?.to(dev)?.sph_legendre_p(&to(&[0.0])?, &to(&angles)?)?,
    )?;
    for (i, &n) in degrees.iter().enumerate() {
        let one = host_f64(to(&[n; 4])?.sph_legendre_p(&to(&[0.0; 4])?, &to(&angles)?)?)?;
        assert_eq!(&grid[4 * i..4 * i + 4], &one[..], "sph_legendre_p broadcast, degree {n} {what}");
    }
    Ok(())
}

/// The bound for `sph_legendre_p`, in ulps per unit of `max(1, κ)`: SPH_BOUND where the
/// code is ours (CPU, wgpu); on CUDA, whose kernels call CUDA's sin, cos, log1p and exp,
/// twice that. Not run here: no NVIDIA driver.
fn sph_bound(dev: &Device) -> f64 {
    bound_on(dev, 16.0, 32.0)
}

fn wright_bound(dev: &Device) -> (f64, f64) {
    (bound_on(dev, 4.0, 8.0), bound_on(dev, 4.0, 8.0))
}

fn carlson_bound(dev: &Device) -> f64 {
    bound_on(dev, 4.0, 8.0)
}

/// The bound for `lpmv` with |m| ≤ 20, in ulps per unit of `max(1, κ)`: 8 where the code
/// is ours (CPU, wgpu); on CUDA, whose kernels call CUDA's sin, log and sqrt, twice that.
/// Not run here: no NVIDIA driver.
fn lpmv_bound(dev: &Device) -> f64 {
    bound_on(dev, 8.0, 16.0)
}

/// The bound for `ellipkinc` and `ellipeinc`, in ulps per unit of `max(1, κ)`: 4 where the
/// code is ours (CPU, wgpu); on CUDA, whose kernels call CUDA's sin, cos and sqrt, twice
/// that. Not run here: no NVIDIA driver.
fn ellipinc_bound(dev: &Device) -> f64 {
    bound_on(dev, 4.0, 8.0)
}

/// The bound for `ellipj`, in ulps per unit of `max(1, κ)`: 12 where the code is ours
/// (CPU, wgpu); on CUDA, whose kernels call CUDA's sin, asin and atan2, twice that. Not
/// run here: no NVIDIA driver.
fn ellipj_bound(dev: &Device) -> f64 {
    bound_on(dev, 12.0, 24.0)
}

// ---- yn ---------------------------------------------------------------------------------

/// `yn` on `dev` in `F` against mpmath (tests/data/yn_mpmath.txt: n from −38 to 2,918, x
/// from 1e-300 to 1e15, through the turning point x ≈ n and within 1e-15 to 1e-3 of the
/// first zeros of Y_2, Y_7, Y_20 and Y_100), within `bound` ulps per unit of `max(1, κ)`,
/// κ = |x·Y_n′(x)/Y_n(x)| (as `besselj_check`). Values outside `F`'s normal range are
/// skipped. Then SciPy's conventions, broadcast, and a strided view. Prints the worst,
/// also in plain ulps.
fn yn_check<F: Prec>(dev: &Device, bound: f64) -> gpu::Result<()> {
    let (to_f, min_positive): (fn(f64) -> F, f64) = (<F as gpu::Element>::from_f64, F::MIN_POSITIVE);
    let max = if F::DTYPE == DType::F32 { f32::MAX as f64 } else { f64::MAX };
    let rows: Vec<[f64; 4]> = include_str!("data/yn_mpmath.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let f: Vec<f64> = l.split(' ').skip(1).map(|v| v.parse().expect("a number")).collect();
            [f[0], f[1], f[2], f[3]]
        })
        .filter(|r| to_f(r[1]).into() == r[1] && r[2].abs() >= min_positive && r[2].abs() <= max)
        .collect();
    let n = Array::from_vec(rows.iter().map(|r| to_f(r[0])).collect(), [rows.len()])?.to(dev)?;
    let x = Array::from_vec(rows.iter().map(|r| to_f(r[1])).collect(), [rows.len()])?.to(dev)?;
    let got = n.yn(&x)?.to_vec()?;
    let want: Vec<f64> = rows.iter().map(|r| r[2]).collect();
    let scale = |i: usize| rows[i][3].max(1.0);
    check_ulps_per(dev, "yn", &got, &want, bound, (scale, "max(1, κ)"), |i| {
        format!("({}, {:e})", rows[i][0], rows[i][1])
    });
    // SciPy's conventions, broadcast: n as a column against x as a row. −∞ at ±0 (+∞ for
    // odd negative n); NaN below 0, for NaN and for |n| ≥ 2³¹; 0 at +∞ (SciPy: NaN); n
    // truncated; Y_−n = (−1)^n·Y_n; −∞ once the recurrence overflows.
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let to = |v: &[f64]| -> Vec<F> { v.iter().map(|&x| to_f(x)).collect() };
    let n = Array::from_vec(to(&[0.0, 2.0, 2.7, -2.0, -3.0, 3.0, 1e3, 3e9, nan]), [9, 1])?.to(dev)?;
    let x = Array::from_vec(to(&[0.0, -0.0, inf, -1.0, nan, 1.5]), [1, 6])?.to(dev)?;
    let got: Vec<f64> = n.yn(&x)?.to_vec()?.into_iter().map(|v| v.into()).collect();
    let what = format!("on {} {}", dev.kind(), F::DTYPE);
    let row = |i: usize| &got[6 * i..6 * i + 6];
    for i in 0..7 {
        let at_zero = if i == 4 { inf } else { -inf };
        assert_eq!((row(i)[0], row(i)[1], row(i)[2]), (at_zero, at_zero, 0.0), "yn(n = row {i}, ±0, ∞) {what}");
        assert!(row(i)[3].is_nan() && row(i)[4].is_nan(), "yn(n, −1), yn(n, NaN) {what}: {got:?}");
    }
    assert!(row(7).iter().chain(row(8)).all(|v| v.is_nan()), "yn(3e9, x), yn(NaN, x) {what}: {got:?}");
    assert_eq!(row(2)[5], row(1)[5], "yn(2.7, 1.5) is yn(2, 1.5) (n truncated) {what}");
    assert_eq!(row(3)[5], row(1)[5], "yn(−2, x) = yn(2, x) {what}");
    assert_eq!(row(4)[5], -row(5)[5], "yn(−3, x) = −yn(3, x) {what}");
    assert_eq!(row(6)[5], -inf, "yn(1000, 1.5) overflows {what}");
    let y2: f64 = to_f(-0.9321937597629739).into(); // Y_2(1.5), mpmath
    assert!((row(1)[5] - y2).abs() <= bound * F::EPS * y2.abs(), "yn(2, 1.5) {what}: {}", row(1)[5]);
    // Orders past llvmpipe's 65,535 loop iterations, where Y oscillates (x > n), against
    // the CPU backend's same recurrence (mpmath's series do not converge there): within
    // 1e-12 (f32: 3e-2, f32's rounding over 420,000 steps; measured on lavapipe 8.3e-14 and
    // 1.1e-2) of the envelope (2/π)^½·(x² − n²)^−¼. A recurrence cut short would be off
    // by the envelope itself. 256 of them, so that every SIMD group
    // of a wgpu dispatch runs at full length, next to one past wgpu's last order,
    // 420,096, which is NaN there (the CPU goes on).
    let (mut nl, mut xl) = (vec![70_000.0, 420_096.0, 421_000.0], vec![2e5, 6e5, 6e5]);
    nl.extend((0..253).map(|i| 420_096.0 - (i % 7) as f64));
    xl.extend((0..253).map(|i| 5e5 + 2e3 * i as f64));
    let n = Array::from_vec(to(&nl), [256])?;
    let x = Array::from_vec(to(&xl), [256])?;
    let want: Vec<f64> = n.yn(&x)?.to_vec()?.into_iter().map(|v| v.into()).collect();
    let got: Vec<f64> = n.to(dev)?.yn(&x.to(dev)?)?.to_vec()?.into_iter().map(|v| v.into()).collect();
    let tol = if F::DTYPE == DType::F32 { 3e-2 } else { 1e-12 };
    let wgpu = dev.kind() == gpu::DeviceKind::Wgpu;
    assert!(!wgpu || got[2].is_nan(), "yn(421000, 6e5) past wgpu's last order {what}: {}", got[2]);
    let mut worst = 0.0f64;
    for i in (0..256).filter(|&i| !wgpu || i != 2) {
        let envelope = (2.0 / std::f64::consts::PI).sqrt() * (xl[i] * xl[i] - nl[i] * nl[i]).powf(-0.25);
        worst = worst.max((got[i] - want[i]).abs() / envelope);
        assert!(
            (got[i] - want[i]).abs() <= tol * envelope,
            "yn({}, {:e}) {what}: {} against the CPU's {}",
            nl[i],
            xl[i],
            got[i],
            want[i]
        );
    }
    println!("yn {what}: orders to 420,096 within {worst:.1e} of the envelope of the CPU's");
    let x: Vec<f64> = (1..=40).map(|k| 0.37 * (k * k) as f64).collect();
    let n = Array::from_vec(to(&[0.0, 1.0, 2.0, 5.0, 12.0]), [5])?.to(dev)?;
    check_strided_view(dev, &x, &["yn"], |_, a: &Array<F>| n.yn(a))
}

/// `spherical_yn` and its derivative on `dev` in `F` against mpmath
/// (tests/data/spherical_yn_mpmath.txt: n from 0 to 300, x from 1e-3 to 1e6, negative x,
/// and within 1e-15 to 1e-3 of the first zeros of y_1, y_5 and y_30), within `bound` ulps
/// per unit of `max(1, κ)`, κ each one's condition number (as `besselj_check`). Then the
/// conventions and a strided view.
fn spherical_yn_check<F: Prec>(dev: &Device, bound: f64) -> gpu::Result<()> {
    let (to_f, min_positive): (fn(f64) -> F, f64) = (<F as gpu::Element>::from_f64, F::MIN_POSITIVE);
    let max = if F::DTYPE == DType::F32 { f32::MAX as f64 } else { f64::MAX };
    let rows: Vec<Vec<f64>> = include_str!("data/spherical_yn_mpmath.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split(' ').skip(1).map(|v| v.parse().expect("a number")).collect())
        .filter(|r: &Vec<f64>| to_f(r[1]).into() == r[1])
        .filter(|r| [r[2], r[4]].iter().all(|v| v.abs() >= min_positive && v.abs() <= max))
        .collect();
    let n = Array::from_vec(rows.iter().map(|r| to_f(r[0])).collect(), [rows.len()])?.to(dev)?;
    let x = Array::from_vec(rows.iter().map(|r| to_f(r[1])).collect(), [rows.len()])?.to(dev)?;
    for (derivative, col, op) in [(false, 2, "spherical_yn"), (true, 4, "spherical_yn′")] {
        let got = n.spherical_yn(&x, derivative)?.to_vec()?;
        let want: Vec<f64> = rows.iter().map(|r| r[col]).collect();
        let scale = |i: usize| rows[i][col + 1].max(1.0);
        check_ulps_per(dev, op, &got, &want, bound, (scale, "max(1, κ)"), |i| {
            format!("({}, {:e})", rows[i][0], rows[i][1])
        });
    }
    // Conventions: n as a column against x as a row.
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let to = |v: &[f64]| -> Vec<F> { v.iter().map(|&x| to_f(x)).collect() };
    let n = Array::from_vec(to(&[0.0, 1.0, 3.0, 3.7, 600.0, -1.0, nan]), [7, 1])?.to(dev)?;
    let x = Array::from_vec(to(&[0.0, -0.0, inf, -inf, nan, 1.0]), [1, 6])?.to(dev)?;
    let what = format!("on {} {}", dev.kind(), F::DTYPE);
    for derivative in [false, true] {
        let got: Vec<f64> = n.spherical_yn(&x, derivative)?.to_vec()?.into_iter().map(|v| v.into()).collect();
        let row = |i: usize| &got[6 * i..6 * i + 6];
        let at_zero = if derivative { inf } else { -inf };
        for i in 0..5 {
            assert_eq!(&row(i)[..4], &[at_zero, at_zero, 0.0, 0.0], "spherical_yn(n, ±0, ±∞) {derivative} {what}");
            assert!(row(i)[4].is_nan(), "spherical_yn(n, NaN) {what}: {got:?}");
        }
        assert_eq!(row(3)[5], row(2)[5], "spherical_yn(3.7, 1) is spherical_yn(3, 1) {what}");
        assert_eq!(row(4)[5], at_zero, "spherical_yn(600, 1) overflows {derivative} {what}");
        assert!(row(5).iter().chain(row(6)).all(|v| v.is_nan()), "spherical_yn(−1 or NaN, x) {what}: {got:?}");
    }
    let x: Vec<f64> = (1..=40).map(|k| 0.37 * (k * k) as f64 - 60.0).collect();
    let n = Array::from_vec(to(&[0.0, 1.0, 2.0, 5.0, 12.0]), [5])?.to(dev)?;
    check_strided_view(dev, &x, &["y", "y′"], |op, a: &Array<F>| n.spherical_yn(a, op == "y′"))
}

/// The bound for `yn`, in ulps per unit of `max(1, κ)`: as `besselj_bound` (Y0 and Y1
/// bring theirs, and the recurrence adds little per unit of κ).
fn yn_bound(dev: &Device) -> f64 {
    besselj_bound(dev)
}

// ---- The inverses: erfinv, erfcinv, ndtri ----------------------------------------------

/// The inverses correctly rounded to f64 (op, x, value): mpmath 1.4 at 300 bits,
/// solving erfc(z) = t by bisection on ln erfc.
const TRUE_INVERSES: &[(UnaryOp, f64, f64)] = &[
    (UnaryOp::Erfinv, 1e-20, 8.86226925452758e-21),
    (UnaryOp::Erfinv, 0.001, 0.0008862271574665521),
    (UnaryOp::Erfinv, 0.3, 0.2724627147267543),
    (UnaryOp::Erfinv, 0.5, 0.4769362762044699),
    (UnaryOp::Erfinv, 0.85, 1.0179024648320276),
    (UnaryOp::Erfinv, 0.9, 1.1630871536766743),
    (UnaryOp::Erfinv, -0.99, -1.8213863677184494),
    (UnaryOp::Erfinv, 0.999999, 3.458910737275499),
    (UnaryOp::Erfinv, 0.9999999999990905, 5.05125408524939),
    (UnaryOp::Erfcinv, 1e-300, 26.209469960516124),
    (UnaryOp::Erfcinv, 1e-100, 15.065574702592645),
    (UnaryOp::Erfcinv, 1e-20, 6.601580622355143),
    (UnaryOp::Erfcinv, 1e-05, 3.123413274340875),
    (UnaryOp::Erfcinv, 0.1, 1.163087153676674),
    (UnaryOp::Erfcinv, 0.15, 1.0179024648320276),
    (UnaryOp::Erfcinv, 0.5, 0.4769362762044699),
    (UnaryOp::Erfcinv, 1.0, 0.0),
    (UnaryOp::Erfcinv, 1.3, -0.2724627147267544),
    (UnaryOp::Erfcinv, 1.9, -1.1630871536766738),
    (UnaryOp::Erfcinv, 1.99999, -3.1234132743398733),
    (UnaryOp::Ndtri, 1e-300, -37.0470962993612),
    (UnaryOp::Ndtri, 1e-20, -9.262340089798407),
    (UnaryOp::Ndtri, 1e-05, -4.264890793922825),
    (UnaryOp::Ndtri, 0.025, -1.9599639845400543),
    (UnaryOp::Ndtri, 0.075, -1.439531470938456),
    (UnaryOp::Ndtri, 0.3, -0.5244005127080408),
    (UnaryOp::Ndtri, 0.5, 0.0),
    (UnaryOp::Ndtri, 0.975, 1.9599639845400538),
    (UnaryOp::Ndtri, 0.999, 3.090232306167813),
    (UnaryOp::Ndtri, 0.9999999990686774, 6.009353565530744),
];

/// z >= 0 with erfc(z) = t for 0 < t <= 1, by Newton's method on musl's f64 erfc from
/// `z0`: an error of an ulp in erfc moves z by ε/(2z²) relative, so the root is good to
/// an ulp. Converging is checked, so a wild `z0` fails rather than passes.
fn solve_erfc(t: f64, z0: f64) -> f64 {
    let mut z = z0;
    for _ in 0..60 {
        let d = -std::f64::consts::FRAC_2_SQRT_PI * (-z * z).exp();
        let step = (libm::erfc(z) - t) / d;
        z -= step;
        if step.abs() <= 2.0 * f64::EPSILON * z.abs() {
            return z;
        }
    }
    panic!("Newton did not converge for erfc(z) = {t:e} from {z0}");
}

/// z with erf(z) = x for |x| < ½, by Newton on musl's erf from `z0`.
fn solve_erf(x: f64, z0: f64) -> f64 {
    let mut z = z0;
    for _ in 0..60 {
        let d = std::f64::consts::FRAC_2_SQRT_PI * (-z * z).exp();
        let step = (libm::erf(z) - x) / d;
        z -= step;
        if step.abs() <= 2.0 * f64::EPSILON * z.abs() || z == 0.0 {
            return z;
        }
    }
    panic!("Newton did not converge for erf(z) = {x:e} from {z0}");
}

/// The reference for an inverse at `x`, refined from the backend's own answer `z0`
/// (which only picks the root): erf for the central part, erfc from the exact tail
/// probability elsewhere.
fn inverse_reference(op: UnaryOp, x: f64, z0: f64) -> f64 {
    let erfcinv = |y: f64, z0: f64| -> f64 {
        if y == 0.0 {
            f64::INFINITY
        } else if y == 2.0 {
            f64::NEG_INFINITY
        } else if (0.5..=1.5).contains(&y) {
            solve_erf(1.0 - y, z0)
        } else if y < 0.5 {
            solve_erfc(y, z0)
        } else {
            -solve_erfc(2.0 - y, -z0)
        }
    };
    match op {
        _ if x.is_nan() => f64::NAN,
        UnaryOp::Erfinv if x.abs() > 1.0 => f64::NAN,
        UnaryOp::Erfinv if x.abs() < 0.5 => solve_erf(x, z0),
        UnaryOp::Erfinv => x.signum() * erfcinv(1.0 - x.abs(), z0.abs()),
        UnaryOp::Erfcinv if !(0.0..=2.0).contains(&x) => f64::NAN,
        UnaryOp::Erfcinv => erfcinv(x, z0),
        UnaryOp::Ndtri if !(0.0..=1.0).contains(&x) => f64::NAN,
        // ndtri(p) = −√2·erfcinv(2p), and 2p is exact.
        UnaryOp::Ndtri => -std::f64::consts::SQRT_2 * erfcinv(2.0 * x, -z0 / std::f64::consts::SQRT_2),
        _ => unreachable!("not an inverse"),
    }
}

// ---- logsumexp, softmax, log_softmax ----------------------------------------------------

/// The host reference along `axis` of a row-major `[rows, cols]` matrix, in f64:
/// (logsumexp, softmax, log_softmax) per slice, shifted by the slice's maximum.
fn lse_reference(data: &[f64], rows: usize, cols: usize, axis: usize) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let (outer, inner) = if axis == 1 { (rows, cols) } else { (cols, rows) };
    let at = |o: usize, i: usize| if axis == 1 { o * cols + i } else { i * cols + o };
    let mut lse = vec![0.0; outer];
    let (mut soft, mut log_soft) = (vec![0.0; data.len()], vec![0.0; data.len()]);
    for o in 0..outer {
        let m = (0..inner).map(|i| data[at(o, i)]).fold(f64::NEG_INFINITY, f64::max);
        let m = if m.is_finite() { m } else { 0.0 };
        let total: f64 = (0..inner).map(|i| (data[at(o, i)] - m).exp()).sum();
        lse[o] = m + total.ln();
        for i in 0..inner {
            soft[at(o, i)] = (data[at(o, i)] - m).exp() / total;
            log_soft[at(o, i)] = (data[at(o, i)] - m) - total.ln();
        }
    }
    (lse, soft, log_soft)
}

/// logsumexp, softmax and log_softmax on `dev` in `F` against the f64 host reference,
/// along either axis of a matrix and of its transposed view, at ordinary magnitudes and
/// where `e^a` overflows `F` (entries near 700 for f64, 80 for f32), within `tol`
/// (relative, and absolute for entries near 0).
fn log_sum_exp<F: Prec>(dev: &Device, tol: common::Tol) -> gpu::Result<()> {
    let (rows, cols) = (5, 37);
    let big = if F::DTYPE == DType::F32 { 80.0 } else { 700.0 };
    for (scale, offset) in [(3.0, 0.0), (10.0, big)] {
        let data: Vec<f64> = common::noise(rows * cols, 3).iter().map(|v| v * scale + offset).collect();
        let data: Vec<f64> = data.iter().map(|&v| <F as gpu::Element>::from_f64(v).into()).collect();
        let a =
            Array::from_vec(data.iter().map(|&v| <F as gpu::Element>::from_f64(v)).collect(), [rows, cols])?.to(dev)?;
        let to_f = |v: Vec<f64>| v.into_iter().map(<F as gpu::Element>::from_f64).collect::<Vec<F>>();
        for axis in [0usize, 1] {
            let (lse, soft, log_soft) = lse_reference(&data, rows, cols, axis);
            let kept = if axis == 1 { [rows, 1] } else { [1, cols] };
            let what = |f: &str| format!("{f} axis {axis} {} (offset {offset})", F::DTYPE);
            common::assert_array(
                &a.logsumexp_axis(axis as isize, false)?,
                &[lse.len()],
                &to_f(lse.clone()),
                tol,
                &what("logsumexp"),
            );
            common::assert_array(
                &a.logsumexp_axis(axis as isize - 2, true)?,
                &kept,
                &to_f(lse.clone()),
                tol,
                &what("logsumexp keepdims"),
            );
            common::assert_array(&a.softmax(axis as isize)?, &[rows, cols], &to_f(soft), tol, &what("softmax"));
            common::assert_array(
                &a.log_softmax(axis as isize)?,
                &[rows, cols],
                &to_f(log_soft),
                tol,
                &what("log_softmax"),
            );
            // The transposed view: its axis 1 - axis is this axis.
            let t = a.t();
            common::assert_array(
                &t.logsumexp_axis(1 - axis as isize, false)?,
                &[lse.len()],
                &to_f(lse),
                tol,
                &what("logsumexp of a view"),
            );
        }
        let whole = lse_reference(&data, 1, rows * cols, 1).0[0];
        common::assert_array(&a.logsumexp()?, &[], &[<F as gpu::Element>::from_f64(whole)], tol, "logsumexp whole");
    }
    // Special values: all −∞ → −∞, any +∞ → +∞, NaN → NaN, an empty axis → −∞.
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let rows4: Vec<F> =
        [-inf, -inf, 1.0, inf, 2.0, nan, 3.0, 4.0].iter().map(|&v| <F as gpu::Element>::from_f64(v)).collect();
    let s = Array::from_vec(rows4, [4, 2])?.to(dev)?.logsumexp_axis(1, false)?.to_vec()?;
    let s: Vec<f64> = s.into_iter().map(|v| v.into()).collect();
    assert!(s[0] == -inf && s[1] == inf && s[2].is_nan(), "special rows: {s:?}");
    assert!((s[3] - (4.0 + (1.0 + (-1f64).exp()).ln())).abs() < 1e-5, "ordinary row: {}", s[3]);
    let empty = Array::<F>::zeros([3, 0], dev)?;
    let e: Vec<f64> = empty.logsumexp_axis(1, false)?.to_vec()?.into_iter().map(|v| v.into()).collect();
    assert_eq!(e, [-inf; 3], "empty slices");
    assert_eq!(empty.logsumexp()?.item()?.into(), -inf, "empty array");
    assert_eq!(empty.softmax(1)?.shape(), &[3, 0]);
    // Softmax rows sum to 1; log_softmax keeps what softmax underflows.
    let p = Array::from_vec(vec![<F as gpu::Element>::from_f64(0.0), <F as gpu::Element>::from_f64(-200.0)], [2])?
        .to(dev)?;
    let l: Vec<f64> = p.log_softmax(0)?.to_vec()?.into_iter().map(|v| v.into()).collect();
    assert!(l[0].abs() < 1e-6 && (l[1] + 200.0).abs() < 1e-4, "log_softmax: {l:?}");
    assert!(matches!(p.softmax(1), Err(gpu::Error::AxisOutOfRange { .. })));
    Ok(())
}

// ---- log_ndtr ---------------------------------------------------------------------------

/// ln ndtr(x) correctly rounded to f64 (x, value): mpmath 1.4 at 300 bits (`ln ncdf`,
/// and `log1p(−ncdf(−x))` above 0).
const TRUE_LOG_NDTR: &[(f64, f64)] = &[
    (-1e+150, -4.9999999999999995e+299),
    (-10000000000.0, -5e+19),
    (-100000.0, -5000000012.431864),
    (-1000.0, -500007.82669481216),
    (-100.0, -5005.524208694205),
    (-40.0, -804.6084420137538),
    (-38.0, -726.5572160188201),
    (-37.0, -689.0305855768906),
    (-30.0, -454.3212439563432),
    (-20.5, -214.0667289632638),
    (-20.0, -203.91715537109727),
    (-19.5, -194.0169657774975),
    (-13.0, -87.98971997102252),
    (-10.5, -58.404187061073245),
    (-10.0, -53.23128515051247),
    (-9.5, -48.30601929896523),
    (-5.0, -15.064998393988725),
    (-1.0, -1.8410216450092636),
    (-0.5, -1.1759117615936185),
    (0.0, -std::f64::consts::LN_2),
    (0.5, -0.3689464152886564),
    (1.0, -0.17275377902344988),
    (3.0, -0.0013508099647481938),
    (5.0, -2.866516129637636e-07),
    (8.0, -6.220960574271786e-16),
    (10.0, -7.619853024160525e-24),
    (20.0, -2.7536241186062337e-89),
    (38.0, -2.88542835e-316),
];

/// The bound in ulps for log_ndtr on every backend: ln of ndtr's few ulp, or the
/// asymptotic series (measured worst 2.4 ulp on the CPU and lavapipe; the margin is
/// for CUDA's normcdf, documented at 5).
const LOG_NDTR_ULPS: f64 = 8.0;

/// log_ndtr on `dev` in `F`: a grid from the smallest normal ndtr (whose ln is the
/// reference, from `ndtr_reference`) through both switches (−20 or −10, and 0) to
/// where it rounds to 0, the true values far into the asymptotic tail, and ±∞, NaN.
fn log_ndtr_check<F: Prec>(dev: &Device) -> gpu::Result<()> {
    let to_f = <F as gpu::Element>::from_f64;
    let lo = if F::DTYPE == DType::F32 { -13.0 } else { -37.0 };
    let mut xs: Vec<f64> = grid(lo, 38.0, 2001).collect();
    xs.extend(grid(-20.5, -19.5, 101).chain(grid(-10.5, -9.5, 101)).chain(grid(-0.05, 0.05, 21)));
    let xs: Vec<F> = xs.into_iter().map(to_f).collect();
    let got = Array::from_vec(xs.clone(), [xs.len()])?.to(dev)?.log_ndtr()?.to_vec()?;
    let mut worst = (0.0f64, 0.0f64);
    for (&x, &g) in xs.iter().zip(&got) {
        let (x, g): (f64, f64) = (x.into(), g.into());
        let want = if x <= 0.0 { ndtr_reference(x).ln() } else { (-ndtr_reference(-x)).ln_1p() };
        let want: f64 = to_f(want).into();
        if want != 0.0 && want.abs() < F::MIN_POSITIVE {
            continue; // a device may flush a subnormal answer
        }
        let e = ulps(g, want, want, F::EPS, F::MIN_POSITIVE);
        assert!(e <= LOG_NDTR_ULPS, "log_ndtr {} at {x:e}: got {g:e}, want {want:e} ({e:.1} ulp)", F::DTYPE);
        if e > worst.0 {
            worst = (e, x);
        }
    }
    println!(
        "log_ndtr {} on {}: worst {:.2} ulp at {:e} ({} inputs)",
        F::DTYPE,
        dev.kind(),
        worst.0,
        worst.1,
        xs.len()
    );
    let rows: Vec<(f64, f64)> = TRUE_LOG_NDTR
        .iter()
        .copied()
        .filter(|&(x, w)| to_f(x).into() == x && to_f(w).into().is_finite() && (w == 0.0 || w.abs() >= F::MIN_POSITIVE))
        .collect();
    let got = Array::from_vec(rows.iter().map(|r| to_f(r.0)).collect(), [rows.len()])?.to(dev)?.log_ndtr()?.to_vec()?;
    for (&(x, want), g) in rows.iter().zip(got) {
        let want: f64 = to_f(want).into();
        let e = ulps(g.into(), want, want, F::EPS, F::MIN_POSITIVE);
        assert!(e <= LOG_NDTR_ULPS, "log_ndtr {} at {x:e}: got {:e}, true {want:e} ({e:.1} ulp)", F::DTYPE, g.into());
    }
    let inf = f64::INFINITY;
    let special = Array::from_vec([-inf, inf, f64::NAN].map(to_f).to_vec(), [3])?.to(dev)?.log_ndtr()?.to_vec()?;
    let special: Vec<f64> = special.into_iter().map(|v| v.into()).collect();
    assert!(special[0] == -inf && special[1] == 0.0 && special[2].is_nan(), "log_ndtr(-inf, inf, NaN) = {special:?}");
    Ok(())
}

// ---- ndtri_exp ----------------------------------------------------------------------------

/// The bound for `ndtri_exp` in ulps per unit of `max(1, κ)`: its branches carry
/// `expm1`/`exp` and `ndtri`'s few ulp, or three Newton steps on the asymptotic form.
const NDTRI_EXP_ULPS: f64 = 8.0;

/// ndtri_exp on `dev` in `F` against mpmath's roots (tests/data/ndtri_exp_mpmath.txt:
/// y from −1e300 to −1e-300, through −ln 2, where x crosses 0, and both sides of the
/// switch to the asymptotic root at −708; f32: −87), within `NDTRI_EXP_ULPS` per unit of
/// `max(1, κ)`, κ = |y·x′(y)/x|; then the ends of the domain, the inverse of log_ndtr,
/// and a strided view.
fn ndtri_exp_check<F: Prec>(dev: &Device) -> gpu::Result<()> {
    let to_f: fn(f64) -> F = <F as gpu::Element>::from_f64;
    let rows: Vec<[f64; 3]> = include_str!("data/ndtri_exp_mpmath.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let v: Vec<f64> = l.split(' ').map(|v| v.parse().expect("a number")).collect();
            [v[0], v[1], v[2]]
        })
        .filter(|r| to_f(r[0]).into() == r[0] && to_f(r[1]).into().is_finite() && r[1].abs() >= F::MIN_POSITIVE)
        .collect();
    assert!(rows.len() > 600, "{} rows for {}", rows.len(), F::DTYPE);
    let y = Array::from_vec(rows.iter().map(|r| to_f(r[0])).collect(), [rows.len()])?.to(dev)?;
    let want: Vec<f64> = rows.iter().map(|r| r[1]).collect();
    let scale = |i: usize| rows[i][2].max(1.0);
    check_ulps_per(dev, "ndtri_exp", &y.ndtri_exp()?.to_vec()?, &want, NDTRI_EXP_ULPS, (scale, "max(1, κ)"), |i| {
        format!("{:e}", rows[i][0])
    });
    // +∞ at ±0 (e^0 = 1), −∞ at −∞, NaN above 0 and at NaN; then log_ndtr undoes it.
    let inf = f64::INFINITY;
    let ys = [0.0, -0.0, -inf, 1e-30, inf, f64::NAN];
    let x = Array::from_vec(ys.iter().map(|&v| to_f(v)).collect(), [ys.len()])?.to(dev)?.ndtri_exp()?.to_vec()?;
    let x: Vec<f64> = x.into_iter().map(|v| v.into()).collect();
    assert!(
        x[0] == inf && x[1] == inf && x[2] == -inf && x[3..].iter().all(|v| v.is_nan()),
        "ndtri_exp at {ys:?} on {} {}: {x:?}",
        dev.kind(),
        F::DTYPE
    );
    let ys: Vec<f64> = vec![-1e30, -1e4, -500.0, -20.0, -2.0, -0.5, -1e-3];
    let back = Array::from_vec(ys.iter().map(|&v| to_f(v)).collect(), [ys.len()])?.to(dev)?.ndtri_exp()?.log_ndtr()?;
    for (&y, b) in ys.iter().zip(back.to_vec()?) {
        let b: f64 = b.into();
        assert!((b / y - 1.0).abs() <= 32.0 * F::EPS, "log_ndtr(ndtri_exp({y})) = {b} on {} {}", dev.kind(), F::DTYPE);
    }
    let values: Vec<f64> = (0..40).map(|i| -(1.7f64).powi(i) * 1e-3).collect();
    check_strided_view(dev, &values, &["ndtri_exp"], |_, a: &Array<F>| a.ndtri_exp())
}

// ---- lambertw --------------------------------------------------------------------------------

/// The bound for `lambertw` in ulps per unit of `max(1, κ)`: Halley's last step leaves
/// the rounding of `x·e^−w` (or `e^(ln(−x) − w)`) over `1 + w`.
const LAMBERTW_ULPS: f64 = 8.0;

/// lambertw on `dev` in `F`, both real branches, against mpmath (tests/data/lambertw_mpmath.txt:
/// x within 1e-16 of −1/e, through (−1/e, 10], from ±1e-300 and up to 1e308; W₋₁ down
/// to −1e-300), within `LAMBERTW_ULPS` per unit of `max(1, κ)`, κ = 1/|1 + W|; then the
/// ends of the domains, NaN where W is complex, the branches SciPy has and these do not,
/// and a strided view.
fn lambertw_check<F: Prec>(dev: &Device) -> gpu::Result<()> {
    let to_f: fn(f64) -> F = <F as gpu::Element>::from_f64;
    let table = kappa_table(include_str!("data/lambertw_mpmath.txt"));
    for k in [0, -1] {
        let rows: Vec<[f64; 3]> = table
            .iter()
            .filter(|(b, r)| {
                *b == k.to_string()
                    && to_f(r[0]).into() == r[0]
                    && to_f(r[1]).into().is_finite()
                    && r[1].abs() >= F::MIN_POSITIVE
            })
            .map(|(_, r)| *r)
            .collect();
        assert!(rows.len() > 200, "{} rows for branch {k} in {}", rows.len(), F::DTYPE);
        let x = Array::from_vec(rows.iter().map(|r| to_f(r[0])).collect(), [rows.len()])?.to(dev)?;
        let want: Vec<f64> = rows.iter().map(|r| r[1]).collect();
        let scale = |i: usize| rows[i][2].max(1.0);
        let op = if k == 0 { "lambertw(k = 0)" } else { "lambertw(k = -1)" };
        check_ulps_per(dev, op, &x.lambertw(k)?.to_vec()?, &want, LAMBERTW_ULPS, (scale, "max(1, κ)"), |i| {
            format!("{:e}", rows[i][0])
        });
    }
    // −1 at −1/e rounded (just below the true −1/e in both types), NaN below it; W₀(0) =
    // 0, W₀(∞) = ∞; W₋₁(±0) = −∞, NaN above 0; NaN at NaN.
    let inf = f64::INFINITY;
    let branch = if F::DTYPE == DType::F32 { -0.3678794503211975 } else { -0.36787944117144233 };
    let xs = [branch, -0.37, 0.0, -0.0, inf, 0.5, -inf, f64::NAN];
    let x = Array::from_vec(xs.iter().map(|&v| to_f(v)).collect(), [xs.len()])?.to(dev)?;
    let w0: Vec<f64> = x.lambertw(0)?.to_vec()?.into_iter().map(|v| v.into()).collect();
    let w1: Vec<f64> = x.lambertw(-1)?.to_vec()?.into_iter().map(|v| v.into()).collect();
    let what = format!("at {xs:?} on {} {}", dev.kind(), F::DTYPE);
    assert!(w0[0] == -1.0 && w0[2] == 0.0 && w0[4] == inf && w0[5] > 0.0, "lambertw(k = 0) {what}: {w0:?}");
    assert!([1, 6, 7].iter().all(|&i| w0[i].is_nan()), "lambertw(k = 0) {what}: {w0:?}");
    assert!(w1[0] == -1.0 && w1[2] == -inf && w1[3] == -inf, "lambertw(k = -1) {what}: {w1:?}");
    assert!([1, 4, 5, 6, 7].iter().all(|&i| w1[i].is_nan()), "lambertw(k = -1) {what}: {w1:?}");
    for k in [1, -2, 7] {
        assert!(matches!(x.lambertw(k), Err(gpu::Error::InvalidArgument { .. })), "lambertw branch {k}");
    }
    let values: Vec<f64> = (0..40).map(|i| -0.36 * 0.8f64.powi(i)).collect(); // both branches real
    check_strided_view(dev, &values, &["0", "-1"], |k, a: &Array<F>| a.lambertw(k.parse().expect("a branch")))
}

// ---- poch --------------------------------------------------------------------------------

/// `op` (applied by `apply`) on `dev` in `F` against a table of `a b value κ` rows
/// (mpmath's), within `bound` ulps per unit of `max(1, κ)`, at the rows whose arguments
/// `F` holds and whose values are normal numbers of `F`. Prints the worst, also in plain
/// ulps.
fn check_pair_table<F: Prec>(
    dev: &Device,
    op: &str,
    text: &str,
    bound: f64,
    apply: impl Fn(&Array<F>, &Array<F>) -> gpu::Result<Array<F>>,
) -> gpu::Result<()> {
    let to_f: fn(f64) -> F = <F as gpu::Element>::from_f64;
    let max = if F::DTYPE == DType::F32 { f32::MAX as f64 } else { f64::MAX };
    let rows: Vec<[f64; 4]> = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let f: Vec<f64> = l.split(' ').map(|v| v.parse().expect("a number")).collect();
            [f[0], f[1], f[2], f[3]]
        })
        .filter(|r| {
            to_f(r[0]).into() == r[0] && to_f(r[1]).into() == r[1] && r[2].abs() >= F::MIN_POSITIVE && r[2].abs() <= max
        })
        .collect();
    assert!(rows.len() > 400, "{} {op} rows in {}", rows.len(), F::DTYPE);
    let a = Array::from_vec(rows.iter().map(|r| to_f(r[0])).collect(), [rows.len()])?.to(dev)?;
    let b = Array::from_vec(rows.iter().map(|r| to_f(r[1])).collect(), [rows.len()])?.to(dev)?;
    let want: Vec<f64> = rows.iter().map(|r| r[2]).collect();
    let scale = |i: usize| rows[i][3].max(1.0);
    check_ulps_per(dev, op, &apply(&a, &b)?.to_vec()?, &want, bound, (scale, "max(1, κ)"), |i| {
        format!("({:e}, {:e})", rows[i][0], rows[i][1])
    });
    Ok(())
}

/// The bound for `poch` in ulps per unit of `max(1, κ)`: Γ's ratio (two Γs within 2
/// ulp each, and ψ's correction) or e^L with L's rounding, which κ bounds. On CUDA,
/// whose tgamma and lgamma the kernel calls, twice that.
fn poch_bound(dev: &Device) -> f64 {
    bound_on(dev, 8.0, 16.0)
}

/// `poch` on `dev` in `F` against mpmath (tests/data/poch_mpmath.txt: z and m through
/// (−30, 30), integer m to ±70, z to 1e15 against m from ±1e-10 to ±z/2, z down to
/// 1e-300 and m to ±1e-300, both negative past −160, one past −160 against the other
/// past 160, and z + m within 1e-15 of a pole), within `bound` ulps per unit of
/// `max(1, κ)`, κ = |z·(ψ(z + m) − ψ(z))| + |m·ψ(z + m)|. Values outside `F`'s normal
/// range are skipped. Then the conventions, broadcast, and a strided view. Prints the
/// worst, also in plain ulps.
fn poch_check<F: Prec>(dev: &Device, bound: f64) -> gpu::Result<()> {
    let to_f: fn(f64) -> F = <F as gpu::Element>::from_f64;
    check_pair_table::<F>(dev, "poch", include_str!("data/poch_mpmath.txt"), bound, |z, m| z.poch(m))?;
    // SciPy's conventions, and the limits where both z and z + m are poles: (−3)_2 =
    // (−3)(−2), (−3)_−1 = Γ(−4)/Γ(−3) = −¼ (the ratio of the residues), (−100)_70 =
    // 100!/30!, (−100)_−70 = 100!/170! (f64; the product path ends at 64 factors).
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let pairs = [
        (nan, 0.0),
        (-2.0, 0.0),
        (-2.0, 1.5),
        (-2.0, 5.0),
        (2.0, -3.0),
        (1.5, -3.5),
        (-3.0, 2.0),
        (-3.0, -1.0),
        (inf, 2.0),
        (inf, -2.0),
        (2.0, inf),
        (-2.5, inf),
        (2.0, -inf),
        (-inf, 1.0),
        (nan, 1.0),
        (1.0, nan),
    ];
    let z = Array::from_vec(pairs.iter().map(|p| to_f(p.0)).collect(), [pairs.len()])?.to(dev)?;
    let m = Array::from_vec(pairs.iter().map(|p| to_f(p.1)).collect(), [pairs.len()])?.to(dev)?;
    let got: Vec<f64> = z.poch(&m)?.to_vec()?.into_iter().map(|v| v.into()).collect();
    let what = format!("at {pairs:?} on {} {}", dev.kind(), F::DTYPE);
    assert_eq!(&got[..11], &[1.0, 1.0, 0.0, 0.0, inf, inf, 6.0, -0.25, inf, 0.0, inf], "poch {what}");
    assert!(got[11..].iter().all(|v| v.is_nan()), "poch NaN cases {what}: {got:?}");
    if F::DTYPE == DType::F64 {
        let z = Array::from_vec(vec![to_f(-100.0); 2], [2])?.to(dev)?;
        let m = Array::from_vec(vec![to_f(70.0), to_f(-70.0)], [2])?.to(dev)?;
        let got: Vec<f64> = z.poch(&m)?.to_vec()?.into_iter().map(|v| v.into()).collect();
        // mpmath: 100!/30! and 100!/170!.
        let want = [3.518386776678774e125, 1.2859428258055393e-149];
        for (g, w) in got.iter().zip(want) {
            assert!((g / w - 1.0).abs() <= bound * 100.0 * F::EPS, "poch(−100, ±70) {what}: {got:?}");
        }
    }
    // A column against a row: [3, 1] with [1, 4] is [3, 4], against the products.
    let zs = [0.5, 2.0, -7.5];
    let ms = [1.0, 2.0, 3.0, -1.0];
    let col = Array::from_vec(zs.iter().map(|&v| to_f(v)).collect(), [3, 1])?.to(dev)?;
    let row = Array::from_vec(ms.iter().map(|&v| to_f(v)).collect(), [1, 4])?.to(dev)?;
    let got: Vec<f64> = col.poch(&row)?.to_vec()?.into_iter().map(|v| v.into()).collect();
    for (i, &z) in zs.iter().enumerate() {
        let want = [z, z * (z + 1.0), z * (z + 1.0) * (z + 2.0), 1.0 / (z - 1.0)];
        for (j, w) in want.iter().enumerate() {
            let g = got[i * 4 + j];
            assert!((g - w).abs() <= 2.0 * F::EPS * w.abs(), "poch({z}, {}) broadcast {what}: {g}", ms[j]);
        }
    }
    let values: Vec<f64> = (0..40).map(|i| -20.3 + 1.37 * i as f64).collect();
    let m = Array::from_vec([0.5, -3.25, 7.0, 40.5, -0.125].iter().map(|&v| to_f(v)).collect(), [5])?.to(dev)?;
    check_strided_view(dev, &values, &["poch"], |_, a: &Array<F>| a.poch(&m))
}

/// `binom` on `dev` in `F` against mpmath (tests/data/binom_mpmath.txt: n and k through
/// (−30, 30), integer n to 1,000 with k from 0 to n, n to 1e15 with k from 1e-10 to 50, n
/// to 1e6 with k near n/2, negative non-integer n with integer k), within `bound` ulps
/// per unit of `max(1, κ)`, κ = |n·(ψ(n + 1) − ψ(n − k + 1))| + |k·(ψ(n − k + 1) − ψ(k +
/// 1))|. Then the zeros, negative integer n, NaN, broadcast and a strided view.
fn binom_check<F: Prec>(dev: &Device, bound: f64) -> gpu::Result<()> {
    let to_f: fn(f64) -> F = <F as gpu::Element>::from_f64;
    check_pair_table::<F>(dev, "binom", include_str!("data/binom_mpmath.txt"), bound, |n, k| n.binom(k))?;
    // 0 where k is a negative integer or n − k is one and n is not; the polynomial at
    // negative integer n and integer k (C(−3, 2) = 6, C(−1, 5) = −1); NaN for NaN, and at
    // negative integer n with other k (Γ(n + 1)'s pole: it was ±5e13 at (−17, 0.0544)).
    let pairs = [
        (5.0, 7.0),
        (5.0, -2.0),
        (2.5, -1.0),
        (-3.0, 2.0),
        (-1.0, 5.0),
        (10.0, 3.0),
        (f64::NAN, 1.0),
        (1.0, f64::NAN),
        (-17.0, 0.05442402005350046),
        (-1.0, 0.5),
        (-40.0, 3.25),
    ];
    let n = Array::from_vec(pairs.iter().map(|p| to_f(p.0)).collect(), [pairs.len()])?.to(dev)?;
    let k = Array::from_vec(pairs.iter().map(|p| to_f(p.1)).collect(), [pairs.len()])?.to(dev)?;
    let got: Vec<f64> = n.binom(&k)?.to_vec()?.into_iter().map(|v| v.into()).collect();
    let what = format!("at {pairs:?} on {} {}", dev.kind(), F::DTYPE);
    assert_eq!(&got[..6], &[0.0, 0.0, 0.0, 6.0, -1.0, 120.0], "binom {what}");
    assert!(got[6..].iter().all(|g| g.is_nan()), "binom NaN {what}: {got:?}");
    // A column against a row, against the products.
    let ns = [7.0, 2.5, -4.5];
    let ks = [0.0, 1.0, 2.0, 3.0];
    let col = Array::from_vec(ns.iter().map(|&v| to_f(v)).collect(), [3, 1])?.to(dev)?;
    let row = Array::from_vec(ks.iter().map(|&v| to_f(v)).collect(), [1, 4])?.to(dev)?;
    let got: Vec<f64> = col.binom(&row)?.to_vec()?.into_iter().map(|v| v.into()).collect();
    for (i, &n) in ns.iter().enumerate() {
        let want = [1.0, n, n * (n - 1.0) / 2.0, n * (n - 1.0) * (n - 2.0) / 6.0];
        for (j, w) in want.iter().enumerate() {
            let g = got[i * 4 + j];
            assert!((g - w).abs() <= 4.0 * F::EPS * w.abs(), "binom({n}, {}) broadcast {what}: {g}", ks[j]);
        }
    }
    let values: Vec<f64> = (0..40).map(|i| 0.7 + 3.1 * i as f64).collect();
    let k = Array::from_vec([0.5, 3.0, 7.25, 40.0, -0.5].iter().map(|&v| to_f(v)).collect(), [5])?.to(dev)?;
    check_strided_view(dev, &values, &["binom"], |_, a: &Array<F>| a.binom(&k))
}

// ---- betaincinv, betainccinv and the distributions' quantiles ------------------------------

/// `betaincinv` and `betainccinv` on `dev` in `F` against mpmath's roots
/// (tests/data/betaincinv_mpmath.txt: a and b from 1e-3 to 1e3, one from 1e3 to 1e5
/// against the other from 0.1 to 10, y through (0, 1) and to 1e-300 and 1 − 1e-15). A
/// root is as good as the tail it matches, whose error is `betainc`'s (held per unit of
/// its κ in `betainc_check`), times the root's condition number κ = (t + |a·∂T/∂a| +
/// |b·∂T/∂b|)/(x·|T′|) for the tail T equal to t; so the error, in ulps of the root, is
/// held to `bound` per unit of `max(1, κ)`, and where the parameters are skewed (one at
/// least 50 times the other: `betainc` is held to `SKEWED_ULPS` ulps of 1 there) to the
/// skewed bound per unit of `max(1, κ, s1)`, s1 = 1/(x·|T′|) the root's sensitivity to an
/// absolute error in T. Then SciPy's conventions, broadcast, and a strided view.
fn betaincinv_check<F: Prec>(dev: &Device, bound: f64) -> gpu::Result<()> {
    let to_f: fn(f64) -> F = <F as gpu::Element>::from_f64;
    let rows: Vec<(String, [f64; 6])> = tagged_table(include_str!("data/betaincinv_mpmath.txt"))
        .into_iter()
        .filter(|(_, r)| r[..3].iter().all(|&v| to_f(v).into() == v) && r[3] >= F::MIN_POSITIVE)
        .collect();
    let skewed_bound = SKEWED_ULPS[usize::from(F::DTYPE == DType::F32)] * bound / BETAINC_ULPS;
    for op in ["betaincinv", "betainccinv"] {
        let rows: Vec<&[f64; 6]> = rows.iter().filter(|r| r.0 == op).map(|r| &r.1).collect();
        assert!(rows.len() > 60, "{} {op} rows in {}", rows.len(), F::DTYPE);
        let column = |k: usize| Array::from_vec(rows.iter().map(|r| to_f(r[k])).collect(), [rows.len()])?.to(dev);
        let (a, b, y) = (column(0)?, column(1)?, column(2)?);
        let all = if op == "betaincinv" { a.betaincinv(&b, &y)? } else { a.betainccinv(&b, &y)? }.to_vec()?;
        let skewed = |r: &[f64; 6]| r[0].max(r[1]) >= 50.0 * r[0].min(r[1]);
        for part in [false, true] {
            let keep: Vec<usize> = (0..rows.len()).filter(|&i| skewed(rows[i]) == part).collect();
            let got: Vec<F> = keep.iter().map(|&i| all[i]).collect();
            let want: Vec<f64> = keep.iter().map(|&i| rows[i][3]).collect();
            let at = |j: usize| {
                let r = rows[keep[j]];
                format!("({:e}, {:e}, {:e})", r[0], r[1], r[2])
            };
            if part {
                let name = format!("{op} (skewed)");
                let scale = |j: usize| rows[keep[j]][4].max(rows[keep[j]][5]).max(1.0);
                check_ulps_per(dev, &name, &got, &want, skewed_bound, (scale, "max(1, κ, s1)"), at);
            } else {
                let scale = |j: usize| rows[keep[j]][4].max(1.0);
                check_ulps_per(dev, op, &got, &want, bound, (scale, "max(1, κ)"), at);
            }
        }
    }
    // SciPy's conventions: (a, b, y) and betaincinv's value (betainccinv's is 1 minus it).
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let cases = [
        (2.0, 3.0, 0.0, 0.0),
        (2.0, 3.0, 1.0, 1.0),
        (0.0, 3.0, 0.5, nan),
        (2.0, 0.0, 0.5, nan),
        (-1.0, 3.0, 0.5, nan),
        (inf, 3.0, 0.5, nan),
        (2.0, inf, 0.5, nan),
        (0.0, 3.0, 0.0, nan),
        (2.0, 3.0, -0.25, nan),
        (2.0, 3.0, 1.25, nan),
        (nan, 3.0, 0.5, nan),
        (2.0, 3.0, nan, nan),
    ];
    let column = |k: usize| {
        let v: Vec<F> = cases.iter().map(|c| to_f([c.0, c.1, c.2][k])).collect();
        Array::from_vec(v, [cases.len()])?.to(dev)
    };
    let (a, b, y) = (column(0)?, column(1)?, column(2)?);
    let (lower, upper) = (a.betaincinv(&b, &y)?.to_vec()?, a.betainccinv(&b, &y)?.to_vec()?);
    for (i, c) in cases.iter().enumerate() {
        let (l, u): (f64, f64) = (lower[i].into(), upper[i].into());
        let what = format!("{:?} on {} {}", (c.0, c.1, c.2), dev.kind(), F::DTYPE);
        if c.3.is_nan() {
            assert!(l.is_nan() && u.is_nan(), "betaincinv, betainccinv{what}: {l}, {u}");
        } else {
            assert_eq!((l, u), (c.3, 1.0 - c.3), "betaincinv, betainccinv{what}");
        }
    }
    // Broadcast: a as a column against y as a row (host data), the same as full operands.
    let col = Array::from_vec(vec![to_f(0.5), to_f(2.0), to_f(30.0)], [3, 1])?.to(dev)?;
    let ys = [to_f(1e-6), to_f(0.3), to_f(0.9)];
    let got = col.betaincinv(&[to_f(4.0)], &ys)?;
    assert_eq!(got.shape(), &[3, 3]);
    let full = |v: Vec<F>| Array::from_vec(v, [3, 3])?.to(dev);
    let fa = full((0..9).map(|i| [to_f(0.5), to_f(2.0), to_f(30.0)][i / 3]).collect())?;
    let fy = full((0..9).map(|i| ys[i % 3]).collect())?;
    let want = fa.betaincinv(&full(vec![to_f(4.0); 9])?, &fy)?.to_vec()?;
    let bits = |v: &[F]| v.iter().map(|&x| Into::<f64>::into(x).to_bits()).collect::<Vec<u64>>();
    assert_eq!(bits(&got.to_vec()?), bits(&want), "betaincinv broadcast on {} {}", dev.kind(), F::DTYPE);
    let values: Vec<f64> = (0..40).map(|i| (f64::from(i) + 0.5) / 40.0).collect();
    let (b, a) = (Array::from_vec(vec![to_f(3.0)], [1])?.to(dev)?, Array::from_vec(vec![to_f(0.75)], [1])?.to(dev)?);
    check_strided_view(dev, &values, &["betaincinv", "betainccinv"], |op, y: &Array<F>| {
        if op == "betaincinv" {
            a.betaincinv(&b, y)
        } else {
            a.betainccinv(&b, y)
        }
    })
}

/// The bound for the distributions' quantiles against their closed forms, in ulps of the
/// quantile per unit of its condition number in p: `betaincinv`'s (`betainc_bound`) plus
/// the few roundings of the closed form itself and of the transformation to the
/// quantile (for `stdtrit`, `|t| = √(ν·(1 − z)/z)`).
fn quantile_bound(dev: &Device) -> f64 {
    betainc_bound(dev) + 4.0
}

/// `stdtrit`, `fdtri`, `bdtri` and `nbdtri` on `dev` in `F` against their closed forms
/// (computed on the host in f64 with the care each needs): Student's t at ν = 1 (the
/// Cauchy quantile `tan(π(p − ½))`) and ν = 2 (`(2p − 1)/√(2p(1 − p))`), and at ν = ∞
/// `ndtri`'s own bits; the F distribution at d₁ = 2 (`d₂/2·((1 − p)^(−2/d₂) − 1)`) and at
/// d₂ = 2 (`2w/(d₁(1 − w))`, w = p^(2/d₁)); `bdtri` at k = 0 (`1 − y^(1/n)`) and k = n −
/// 1 (`(1 − y)^(1/n)`); `nbdtri` at k = 0 (`y^(1/n)`). p runs from 1e-30 (1e-15 in f32) to
/// 1 − 1e-12 (1 − 2^-20), so each quantile is checked far out in both tails, within
/// `bound` ulps per unit of `max(1, κ)`, κ the quantile's condition number in p (by its
/// closed form's derivative, numerically). Then SciPy's conventions.
fn beta_quantiles_check<F: Prec>(dev: &Device, bound: f64) -> gpu::Result<()> {
    let to_f: fn(f64) -> F = <F as gpu::Element>::from_f64;
    let f32 = F::DTYPE == DType::F32;
    let (far, near_one) = if f32 { (1e-15, 1.0 - 2f64.powi(-20)) } else { (1e-30, 1.0 - 1e-12) };
    let ps: Vec<f64> = [far, 1e-9, 1e-4, 0.01, 0.2, 0.4999, 0.5, 0.6, 0.9, 0.999, 1.0 - 1e-5, near_one]
        .iter()
        .map(|&p| to_f(p).into())
        .collect();
    let pi = std::f64::consts::PI;
    // (name, parameters, closed form in p)
    type Closed = Box<dyn Fn(f64) -> f64>;
    let cases: Vec<(&str, [f64; 2], Closed)> = vec![
        // The Cauchy quantile from the nearer end (π·p near π would round away 1 − p).
        (
            "stdtrit",
            [1.0, 0.0],
            Box::new(move |p: f64| match p {
                0.5 => 0.0,
                p if p < 0.5 => -1.0 / (pi * p).tan(),
                p => 1.0 / (pi * (1.0 - p)).tan(),
            }),
        ),
        ("stdtrit", [2.0, 0.0], Box::new(|p: f64| (2.0 * p - 1.0) / (2.0 * p * (1.0 - p)).sqrt())),
        ("fdtri", [2.0, 7.0], Box::new(|p: f64| 3.5 * ((-p).ln_1p() * (-2.0 / 7.0)).exp_m1())),
        ("fdtri", [2.0, 0.5], Box::new(|p: f64| 0.25 * ((-p).ln_1p() * -4.0).exp_m1())),
        (
            "fdtri",
            [5.0, 2.0],
            Box::new(|p: f64| {
                let w = p.powf(0.4);
                2.0 * w / (5.0 * -(p.ln() * 0.4).exp_m1())
            }),
        ),
        ("bdtri", [0.0, 9.0], Box::new(|y: f64| -(y.ln() / 9.0).exp_m1())),
        ("bdtri", [8.0, 9.0], Box::new(|y: f64| ((-y).ln_1p() / 9.0).exp())),
        ("nbdtri", [0.0, 6.0], Box::new(|y: f64| (y.ln() / 6.0).exp())),
    ];
    for (name, [u, v], closed) in &cases {
        let p = Array::from_vec(ps.iter().map(|&p| to_f(p)).collect(), [ps.len()])?.to(dev)?;
        let first = Array::from_vec(vec![to_f(*u); ps.len()], [ps.len()])?.to(dev)?;
        let second = [to_f(*v)];
        let got = match *name {
            "stdtrit" => first.stdtrit(&p)?,
            "fdtri" => first.fdtri(&second, &p)?,
            "bdtri" => first.bdtri(&second, &p)?,
            _ => first.nbdtri(&second, &p)?,
        }
        .to_vec()?;
        let want: Vec<f64> = ps.iter().map(|&p| closed(p)).collect();
        // κ = |p·q′(p)/q(p)| by a central difference (the closed forms are smooth there).
        let kappa = |j: usize| {
            let (p, h) = (ps[j], 1e-6 * ps[j].min(1.0 - ps[j]));
            let d = (closed(p + h) - closed(p - h)) / (2.0 * h);
            if want[j] == 0.0 {
                1.0
            } else {
                (p * d / want[j]).abs().max(1.0)
            }
        };
        let keep: Vec<usize> =
            (0..ps.len()).filter(|&j| want[j].abs() >= F::MIN_POSITIVE && want[j].is_finite()).collect();
        let g: Vec<F> = keep.iter().map(|&j| got[j]).collect();
        let w: Vec<f64> = keep.iter().map(|&j| want[j]).collect();
        let op = format!("{name}({u}, {v}, ·)");
        check_ulps_per(dev, &op, &g, &w, bound, (|i: usize| kappa(keep[i]), "max(1, κ)"), |i: usize| {
            format!("p = {:e}", ps[keep[i]])
        });
        if *name == "stdtrit" {
            let half: f64 = got[ps.iter().position(|&p| p == 0.5).expect("½")].into();
            assert_eq!((half, half.is_sign_positive()), (0.0, true), "stdtrit({u}, ½) on {}", dev.kind());
        }
    }
    // ν = ∞: the normal quantile, as `ndtri` gives it (tested against its roots above).
    let p = Array::from_vec(ps.iter().map(|&p| to_f(p)).collect(), [ps.len()])?.to(dev)?;
    let normal = Array::from_vec(vec![to_f(f64::INFINITY)], [1])?.to(dev)?.stdtrit(&p)?.to_vec()?;
    let bits = |v: Vec<F>| v.into_iter().map(|x| Into::<f64>::into(x).to_bits()).collect::<Vec<u64>>();
    assert_eq!(bits(normal), bits(p.ndtri()?.to_vec()?), "stdtrit(∞, p) on {} {}", dev.kind(), F::DTYPE);
    // SciPy's conventions: (function, args, value).
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    type Dist<F> = fn(&Array<F>, &Array<F>, &Array<F>) -> gpu::Result<Array<F>>;
    let stdtrit: Dist<F> = |a, _, c| a.stdtrit(c);
    let fdtri: Dist<F> = |a, b, c| a.fdtri(b, c);
    let bdtri: Dist<F> = |a, b, c| a.bdtri(b, c);
    let nbdtri: Dist<F> = |a, b, c| a.nbdtri(b, c);
    let cases: [(&str, Dist<F>, [f64; 3], f64); 22] = [
        ("stdtrit", stdtrit, [3.0, 0.0, 0.0], -inf),
        ("stdtrit", stdtrit, [3.0, 0.0, 1.0], inf),
        ("stdtrit", stdtrit, [0.0, 0.0, 0.3], nan),
        ("stdtrit", stdtrit, [-inf, 0.0, 0.3], nan),
        ("stdtrit", stdtrit, [3.0, 0.0, 1.5], nan),
        ("stdtrit", stdtrit, [nan, 0.0, 0.3], nan),
        ("fdtri", fdtri, [2.0, 3.0, 0.0], 0.0),
        ("fdtri", fdtri, [2.0, 3.0, 1.0], inf),
        ("fdtri", fdtri, [0.0, 3.0, 0.5], nan),
        ("fdtri", fdtri, [2.0, inf, 0.5], nan),
        ("fdtri", fdtri, [2.0, 3.0, -0.5], nan),
        ("bdtri", bdtri, [3.0, 10.0, 0.0], 1.0),
        ("bdtri", bdtri, [3.0, 10.0, 1.0], 0.0),
        ("bdtri", bdtri, [10.0, 10.0, 0.5], nan),
        ("bdtri", bdtri, [-1.0, 10.0, 0.5], nan),
        ("bdtri", bdtri, [3.0, 10.0, 1.5], nan),
        ("nbdtri", nbdtri, [3.0, 10.0, 0.0], 0.0),
        ("nbdtri", nbdtri, [3.0, 10.0, 1.0], 1.0),
        ("nbdtri", nbdtri, [-1.0, 10.0, 0.5], nan),
        ("nbdtri", nbdtri, [3.0, 0.0, 0.5], nan),
        ("nbdtri", nbdtri, [3.0, 10.0, 1.5], nan),
        ("nbdtri", nbdtri, [nan, 10.0, 0.5], nan),
    ];
    for (name, f, args, want) in cases {
        let [a, b, c] = args.map(|v| Array::from_vec(vec![to_f(v)], [1]).and_then(|x| x.to(dev)));
        let got: f64 = f(&a?, &b?, &c?)?.item()?.into();
        let what = format!("{name}{args:?} on {} {}", dev.kind(), F::DTYPE);
        assert!(got == want || (got.is_nan() && want.is_nan()), "{what}: {got}, want {want}");
    }
    Ok(())
}

// ---- betainc, betaincc ----------------------------------------------------------------------

/// The bound for `betainc` and `betaincc` in ulps per unit of `max(1, κ)`: the factor's
/// Γs (2 ulp each) and exponential, and the fraction's roundings. Twice that on CUDA, whose
/// tgamma, lgamma and pow the kernel calls.
fn betainc_bound(dev: &Device) -> f64 {
    bound_on(dev, BETAINC_ULPS, 2.0 * BETAINC_ULPS)
}
/// `betainc_bound` off CUDA, in ulps per unit of `max(1, κ)`.
const BETAINC_ULPS: f64 = 16.0;
/// `betainc`'s bound where one parameter is below 10 and the other at least 50 times it,
/// in ulps of 1 (an absolute error of that many ε): f64, f32 (lavapipe's f32 reaches 335
/// there, f64 68 on the CPU and lavapipe).
const SKEWED_ULPS: [f64; 2] = [128.0, 512.0];

/// `betainc` and `betaincc` on `dev` in `F` against mpmath (tests/data/betainc_mpmath.txt:
/// a and b from 1e-3 to 1e3 over (0, 1) and near the mean, 10 to 3,000 within 6σ of it,
/// one from 1e3 to 1e5 against the other from 0.1 to 10, one from 1e-8 to 1e-3, x down
/// to 1e-300 and 1 − x down to 1e-16), within `bound` ulps per unit of `max(1, κ)`, κ =
/// D/I and D/(1 − I) for D = |a·∂I/∂a| + |b·∂I/∂b| + |x·∂I/∂x|, at the rows whose
/// arguments `F` holds and whose value is a normal number of `F`; where one parameter is
/// below 10 and the other at least 50 times it, within `SKEWED_ULPS` ulps of 1. Then
/// SciPy's conventions, broadcast with host data, and a strided view.
fn betainc_check<F: Prec>(dev: &Device, bound: f64) -> gpu::Result<()> {
    let to_f: fn(f64) -> F = <F as gpu::Element>::from_f64;
    let rows: Vec<[f64; 6]> = include_str!("data/betainc_mpmath.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let f: Vec<f64> = l.split(' ').map(|v| v.parse().expect("a number")).collect();
            [f[0], f[1], f[2], f[3], f[4], f[5]]
        })
        .filter(|r| r[..3].iter().all(|&v| to_f(v).into() == v))
        .collect();
    assert!(rows.len() > 400, "{} betainc rows in {}", rows.len(), F::DTYPE);
    let column = |k: usize| Array::from_vec(rows.iter().map(|r| to_f(r[k])).collect(), [rows.len()])?.to(dev);
    let (a, b, x) = (column(0)?, column(1)?, column(2)?);
    // Skewed: one parameter below 10 and the other at least 50 times it, where the
    // fraction loses digits near the mean (see src/ops/betainc.rs); held there to
    // `SKEWED_ULPS` ulps of 1, absolutely.
    let skewed = |r: &[f64; 6]| r[0].min(r[1]) < 10.0 && r[0].max(r[1]) >= 50.0 * r[0].min(r[1]);
    for (op, col, got) in [("betainc", 3, a.betainc(&b, &x)?), ("betaincc", 4, a.betaincc(&b, &x)?)] {
        let all = got.to_vec()?;
        for part in [false, true] {
            let keep: Vec<usize> =
                (0..rows.len()).filter(|&i| rows[i][col] >= F::MIN_POSITIVE && skewed(&rows[i]) == part).collect();
            let got: Vec<F> = keep.iter().map(|&i| all[i]).collect();
            let want: Vec<f64> = keep.iter().map(|&i| rows[i][col]).collect();
            let at = |j: usize| {
                let r = rows[keep[j]];
                format!("({:e}, {:e}, {:e})", r[0], r[1], r[2])
            };
            if part {
                let name = format!("{op} (skewed)");
                let skewed_bound = SKEWED_ULPS[usize::from(F::DTYPE == DType::F32)] * bound / BETAINC_ULPS;
                check_ulps_per(dev, &name, &got, &want, skewed_bound, (|j: usize| 1.0 / want[j], "1/value"), at);
            } else {
                let scale = |j: usize| (rows[keep[j]][5] / want[j]).max(1.0);
                check_ulps_per(dev, op, &got, &want, bound, (scale, "max(1, κ)"), at);
            }
        }
    }
    // SciPy's conventions (betaincc: the complement, NaN staying NaN).
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let cases = [
        (nan, 2.0, 0.5, nan),
        (2.0, 2.0, nan, nan),
        (0.0, 0.0, 0.5, nan),
        (inf, inf, 0.5, nan),
        (-1.0, 2.0, 0.5, nan),
        (2.0, 2.0, -0.1, nan),
        (2.0, 2.0, 1.1, nan),
        (0.0, 2.0, 0.5, 1.0),
        (2.0, 0.0, 0.5, 0.0),
        (inf, 2.0, 0.5, 0.0),
        (2.0, inf, 0.5, 1.0),
        (2.0, 2.0, 0.0, 0.0),
        (2.0, 2.0, 1.0, 1.0),
        (0.0, 2.0, 0.0, 0.0),
        (2.0, 0.0, 1.0, 1.0),
    ];
    let arg = |k: usize| {
        let v: Vec<F> = cases.iter().map(|c| to_f([c.0, c.1, c.2][k])).collect();
        Array::from_vec(v, [cases.len()])?.to(dev)
    };
    let (a, b, x) = (arg(0)?, arg(1)?, arg(2)?);
    let (p, q) = (a.betainc(&b, &x)?.to_vec()?, a.betaincc(&b, &x)?.to_vec()?);
    for (i, c) in cases.iter().enumerate() {
        let (p, q): (f64, f64) = (p[i].into(), q[i].into());
        let what = format!("betainc{:?} on {} {}", (c.0, c.1, c.2), dev.kind(), F::DTYPE);
        if c.3.is_nan() {
            assert!(p.is_nan() && q.is_nan(), "{what}: {p}, {q}");
        } else {
            assert!(p == c.3 && q == 1.0 - c.3, "{what}: {p}, {q}");
        }
    }
    // A column of a against a row of b from host data and one x, against the same
    // kernel on arrays spelled out in full.
    let (av, bv) = ([0.5, 2.0, 30.0], [1.0, 0.25, 7.5, 300.0]);
    let col = Array::from_vec(av.iter().map(|&v| to_f(v)).collect(), [3, 1])?.to(dev)?;
    let row: Vec<F> = bv.iter().map(|&v| to_f(v)).collect();
    let row = Array::from_vec(row, [1, 4])?;
    let got = col.betainc(&row.to_vec()?, &[to_f(0.3)])?;
    assert_eq!(got.shape(), &[3, 4]);
    let full = |v: Vec<F>| Array::from_vec(v, [3, 4]);
    let fa = full((0..12).map(|i| to_f(av[i / 4])).collect())?.to(dev)?;
    let fb = full((0..12).map(|i| to_f(bv[i % 4])).collect())?.to(dev)?;
    let fx = full(vec![to_f(0.3); 12])?.to(dev)?;
    let want = fa.betainc(&fb, &fx)?.to_vec()?;
    let got = got.to_vec()?;
    let same = got.iter().zip(&want).all(|(&g, &w)| g.into() == w.into());
    assert!(same, "betainc broadcast on {} {}: {got:?} against {want:?}", dev.kind(), F::DTYPE);
    let values: Vec<f64> = (0..40).map(|i| 0.3 + 1.7 * i as f64).collect();
    let b = Array::from_vec([0.5, 3.0, 7.25, 40.0, 1.5].iter().map(|&v| to_f(v)).collect(), [5])?.to(dev)?;
    let x = Array::from_vec([0.1, 0.5, 0.75, 0.9, 0.01].iter().map(|&v| to_f(v)).collect(), [5])?.to(dev)?;
    check_strided_view(dev, &values, &["betainc", "betaincc"], |op, a: &Array<F>| {
        if op == "betainc" {
            a.betainc(&b, &x)
        } else {
            a.betaincc(&b, &x)
        }
    })
}

// ---- stdtr, fdtr, fdtrc, bdtr, bdtrc, nbdtr, nbdtrc ------------------------------------------

/// `(k, n, p)` → the binomial CDF `Σ_{i ≤ k} C(n, i)·pⁱ(1 − p)ⁿ⁻ⁱ` and its complement for
/// p = m/16, n ≤ 31, exactly (integers over 16ⁿ in u128) and rounded once to f64, with
/// `|p·∂F/∂p| = n·C(n − 1, k)·p^(k+1)(1 − p)^(n−1−k)`.
fn binomial_exact(k: u32, n: u32, m: u32) -> (f64, f64, f64) {
    let choose = |n: u32, k: u32| (0..k).fold(1u128, |c, i| c * u128::from(n - i) / u128::from(i + 1));
    let term = |i: u32| choose(n, i) * u128::from(m).pow(i) * u128::from(16 - m).pow(n - i);
    let low: u128 = (0..=k.min(n)).map(term).sum();
    let high: u128 = (k + 1..=n).map(term).sum();
    let scale = 16f64.powi(-(n as i32));
    let d = if k < n {
        let t = choose(n - 1, k) * u128::from(m).pow(k + 1) * u128::from(16 - m).pow(n - 1 - k);
        f64::from(n) * t as f64 * scale
    } else {
        0.0
    };
    (low as f64 * scale, high as f64 * scale, d)
}

/// `(k, n, p)` → the negative binomial CDF `I_p(n, k + 1) = Σ_{i ≤ k} C(n + i − 1, i)·pⁿ(1 −
/// p)ⁱ` and its complement for p = m/16, n + k ≤ 31, exactly and rounded once, with
/// `|p·∂I/∂p| = n·C(n + k, k)·pⁿ(1 − p)^k`.
fn negative_binomial_exact(k: u32, n: u32, m: u32) -> (f64, f64, f64) {
    let choose = |n: u32, k: u32| (0..k).fold(1u128, |c, i| c * u128::from(n - i) / u128::from(i + 1));
    let (mu, rest) = (u128::from(m), u128::from(16 - m));
    // Over 16^(n + k): C(n + i − 1, i)·mⁿ·(16 − m)ⁱ·16^(k − i).
    let low: u128 = (0..=k).map(|i| choose(n + i - 1, i) * mu.pow(n) * rest.pow(i) * 16u128.pow(k - i)).sum();
    let total = 16u128.pow(n + k);
    let scale = 16f64.powi(-((n + k) as i32));
    let d = f64::from(n) * (choose(n + k, k) * mu.pow(n) * rest.pow(k)) as f64 * scale;
    (low as f64 * scale, (total - low) as f64 * scale, d)
}

/// `stdtr`, `fdtr` and `fdtrc` against mpmath (tests/data/stdtr_fdtr_mpmath.txt: ν from
/// 0.125 to 1e6 with t from −1000 to 40; d₁ and d₂ from 0.5 to 1e5 with x from 2^-10 to
/// 1e4), and `bdtr`, `bdtrc`, `nbdtr` and `nbdtrc` against their sums done exactly on the
/// host (a three-way broadcast of k, n and p = m/16), each within `bound` ulps per unit of
/// `max(1, κ, κ_I)` where the value is a normal number of `F`, κ_I being the condition
/// number of the incomplete beta function where it is evaluated (its error is betainc's:
/// 20 ulp at stdtr(30, −0.75), κ = 0.98, where betaincc(½, 15, ·) has κ_I = 1.84), and
/// where that function is skewed (one parameter at least 50 times the other: ν ≥ 50 near
/// t = 0, d₁ and d₂ far apart) within `SKEWED_ULPS` ulps of 1, as it is; then
/// SciPy's conventions.
fn beta_distributions_check<F: Prec>(dev: &Device, bound: f64) -> gpu::Result<()> {
    let to_f: fn(f64) -> F = <F as gpu::Element>::from_f64;
    let what = format!("on {} {}", dev.kind(), F::DTYPE);
    let column = |v: Vec<f64>| Array::from_vec(v.iter().map(|&x| to_f(x)).collect(), [v.len()])?.to(dev);
    let table: Vec<Vec<&str>> = include_str!("data/stdtr_fdtr_mpmath.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split(' ').collect())
        .collect();
    let rows = |kind: &str| -> Vec<Vec<f64>> {
        let num = |v: &&str| v.parse::<f64>().expect("a number");
        table.iter().filter(|r| r[0] == kind).map(|r| r[1..].iter().map(num).collect()).collect()
    };
    // Keeps the rows whose value is a normal number of F and checks them; `params` gives
    // the incomplete beta function's (a, b) where the function evaluates it, and where
    // one is at least 50 times the other the row is held to `SKEWED_ULPS` ulps of 1 (as
    // in `betainc_check`, where the smaller is below 10; here it need not be: fdtr(30,
    // 1e5, 1.5) = I(15, 5e4, ·) is 50 ulp off in f64, 154 in f32 on lavapipe).
    let skewed_bound = SKEWED_ULPS[usize::from(F::DTYPE == DType::F32)] * bound / BETAINC_ULPS;
    let check = |op: &str,
                 got: Array<F>,
                 rows: &[Vec<f64>],
                 args: usize,
                 [value, kappa, inner]: [usize; 3],
                 params: &dyn Fn(&[f64]) -> (f64, f64)| {
        let all = got.to_vec()?;
        let skewed = |r: &[f64]| {
            let (a, b) = params(r);
            a.max(b) >= 50.0 * a.min(b)
        };
        for part in [false, true] {
            let keep: Vec<usize> =
                (0..rows.len()).filter(|&i| rows[i][value] >= F::MIN_POSITIVE && skewed(&rows[i]) == part).collect();
            let got: Vec<F> = keep.iter().map(|&i| all[i]).collect();
            let want: Vec<f64> = keep.iter().map(|&i| rows[i][value]).collect();
            let at = |j: usize| format!("{:?}", &rows[keep[j]][..args]);
            if part {
                let name = format!("{op} (skewed)");
                check_ulps_per(dev, &name, &got, &want, skewed_bound, (|j: usize| 1.0 / want[j], "1/value"), at);
            } else {
                let scale = |j: usize| rows[keep[j]][kappa].max(rows[keep[j]][inner]).max(1.0);
                check_ulps_per(dev, op, &got, &want, bound, (scale, "max(1, κ, κ_I)"), at);
            }
        }
        gpu::Result::Ok(())
    };
    // As src/ops/betainc.rs: stdtr's betaincc(½, ν/2, ·) where ν > 2t², else betainc(ν/2,
    // ½, ·); fdtr's (d₂/2, d₁/2) where d₁x > d₂, else (d₁/2, d₂/2).
    let t_params = |r: &[f64]| if r[0] > 2.0 * r[1] * r[1] { (0.5, r[0] / 2.0) } else { (r[0] / 2.0, 0.5) };
    let f_params = |r: &[f64]| if r[0] * r[2] > r[1] { (r[1] / 2.0, r[0] / 2.0) } else { (r[0] / 2.0, r[1] / 2.0) };
    let t_rows = rows("t");
    assert!(t_rows.len() > 60, "{} stdtr rows", t_rows.len());
    let arg = |rows: &[Vec<f64>], k: usize| column(rows.iter().map(|r| r[k]).collect());
    check("stdtr", arg(&t_rows, 0)?.stdtr(&arg(&t_rows, 1)?)?, &t_rows, 2, [2, 3, 4], &t_params)?;
    let f_rows = rows("f");
    assert!(f_rows.len() > 180, "{} fdtr rows", f_rows.len());
    let (d1, d2, x) = (arg(&f_rows, 0)?, arg(&f_rows, 1)?, arg(&f_rows, 2)?);
    check("fdtr", d1.fdtr(&d2, &x)?, &f_rows, 3, [3, 5, 7], &f_params)?;
    check("fdtrc", d1.fdtrc(&d2, &x)?, &f_rows, 3, [4, 6, 8], &f_params)?;

    // The binomial families: k [K, 1, 1], n [1, N, 1], p [1, 1, P], with p = m/16.
    let (ms, ks) = ([1u32, 4, 8, 15], [0u32, 1, 3, 7, 12]);
    let p = Array::from_vec(ms.iter().map(|&m| to_f(f64::from(m) / 16.0)).collect(), [1, 1, ms.len()])?.to(dev)?;
    let k = Array::from_vec(ks.iter().map(|&k| to_f(f64::from(k))).collect(), [ks.len(), 1, 1])?.to(dev)?;
    for (name, ns, exact) in [
        ("bdtr", [12u32, 19, 31], binomial_exact as fn(u32, u32, u32) -> (f64, f64, f64)),
        ("nbdtr", [1, 6, 19], negative_binomial_exact),
    ] {
        let n = Array::from_vec(ns.iter().map(|&n| to_f(f64::from(n))).collect(), [1, ns.len(), 1])?.to(dev)?;
        let (low, high) =
            if name == "bdtr" { (k.bdtr(&n, &p)?, k.bdtrc(&n, &p)?) } else { (k.nbdtr(&n, &p)?, k.nbdtrc(&n, &p)?) };
        assert_eq!(low.shape(), &[ks.len(), ns.len(), ms.len()], "{name} broadcast {what}");
        let (low, high) = (low.to_vec()?, high.to_vec()?);
        for (upper, got) in [(false, low), (true, high)] {
            let (mut g, mut want, mut scale, mut at) = (vec![], vec![], vec![], vec![]);
            for (a, &kv) in ks.iter().enumerate() {
                for (b, &nv) in ns.iter().enumerate() {
                    for (c, &mv) in ms.iter().enumerate() {
                        if name == "nbdtr" && nv + kv > 31 {
                            continue;
                        }
                        let (lo, hi, d) = exact(kv, nv, mv);
                        let w = if upper { hi } else { lo };
                        let v = got[(a * ns.len() + b) * ms.len() + c];
                        if name == "bdtr" && kv >= nv {
                            // At k = n the CDF is 1 and the survival function 0.
                            assert_eq!(v.into(), if upper { 0.0 } else { 1.0 }, "{name}({kv}, {nv}, ·) {what}");
                            continue;
                        }
                        if w < F::MIN_POSITIVE {
                            continue;
                        }
                        g.push(v);
                        want.push(w);
                        scale.push((d / w).max(1.0));
                        at.push(format!("({kv}, {nv}, {mv}/16)"));
                    }
                }
            }
            let op = format!("{name}{}", if upper { "c" } else { "" });
            assert!(g.len() > 30, "{op}: {} points {what}", g.len());
            check_ulps_per(dev, &op, &g, &want, bound, (|j: usize| scale[j], "max(1, κ)"), |j: usize| at[j].clone());
        }
    }

    // SciPy's conventions, element by element: (function, args, value).
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    type Dist<F> = fn(&Array<F>, &Array<F>, &Array<F>) -> gpu::Result<Array<F>>;
    let stdtr: Dist<F> = |a, _, c| a.stdtr(c);
    let cases: [(&str, Dist<F>, [f64; 3], f64); 32] = [
        ("stdtr", stdtr, [0.0, 0.0, 1.0], nan),
        ("stdtr", stdtr, [-1.0, 0.0, 1.0], nan),
        ("stdtr", stdtr, [nan, 0.0, 1.0], nan),
        ("stdtr", stdtr, [3.0, 0.0, nan], nan),
        ("stdtr", stdtr, [3.0, 0.0, 0.0], 0.5),
        ("stdtr", stdtr, [3.0, 0.0, inf], 1.0),
        ("stdtr", stdtr, [3.0, 0.0, -inf], 0.0),
        ("stdtr", stdtr, [inf, 0.0, 0.0], 0.5),
        ("fdtr", |a, b, c| a.fdtr(b, c), [0.0, 3.0, 1.0], nan),
        ("fdtr", |a, b, c| a.fdtr(b, c), [2.0, -3.0, 1.0], nan),
        ("fdtr", |a, b, c| a.fdtr(b, c), [2.0, 3.0, -1.0], nan),
        ("fdtr", |a, b, c| a.fdtr(b, c), [2.0, inf, 1.0], nan),
        ("fdtr", |a, b, c| a.fdtr(b, c), [inf, 3.0, 1.0], nan),
        ("fdtr", |a, b, c| a.fdtr(b, c), [2.0, 3.0, 0.0], 0.0),
        ("fdtr", |a, b, c| a.fdtr(b, c), [2.0, 3.0, inf], 1.0),
        ("fdtrc", |a, b, c| a.fdtrc(b, c), [2.0, 3.0, 0.0], 1.0),
        ("fdtrc", |a, b, c| a.fdtrc(b, c), [2.0, 3.0, inf], 0.0),
        ("bdtr", |a, b, c| a.bdtr(b, c), [11.0, 10.0, 0.25], nan),
        ("bdtr", |a, b, c| a.bdtr(b, c), [-1.0, 10.0, 0.25], nan),
        ("bdtr", |a, b, c| a.bdtr(b, c), [3.0, 10.0, 1.5], nan),
        ("bdtr", |a, b, c| a.bdtr(b, c), [10.0, 10.0, 1.0], 1.0),
        ("bdtr", |a, b, c| a.bdtr(b, c), [3.0, 10.0, 0.0], 1.0),
        ("bdtr", |a, b, c| a.bdtr(b, c), [3.0, 10.0, 1.0], 0.0),
        ("bdtrc", |a, b, c| a.bdtrc(b, c), [-1.0, 10.0, 0.25], 1.0),
        ("bdtrc", |a, b, c| a.bdtrc(b, c), [11.0, 10.0, 0.25], nan),
        ("bdtrc", |a, b, c| a.bdtrc(b, c), [-1.0, 10.0, -0.5], nan),
        ("bdtrc", |a, b, c| a.bdtrc(b, c), [10.0, 10.0, 1.0], 0.0),
        ("nbdtr", |a, b, c| a.nbdtr(b, c), [-1.0, 10.0, 0.25], nan),
        ("nbdtr", |a, b, c| a.nbdtr(b, c), [3.0, 0.0, 0.25], nan),
        ("nbdtr", |a, b, c| a.nbdtr(b, c), [3.0, 10.0, 1.25], nan),
        ("nbdtr", |a, b, c| a.nbdtr(b, c), [3.0, 10.0, 0.0], 0.0),
        ("nbdtrc", |a, b, c| a.nbdtrc(b, c), [3.0, 10.0, 1.0], 0.0),
    ];
    let one = |v: f64| Array::from_vec(vec![to_f(v)], [1])?.to(dev);
    for (name, f, [a, b, c], want) in cases {
        let got: f64 = f(&one(a)?, &one(b)?, &one(c)?)?.item()?.into();
        let ok = if want.is_nan() { got.is_nan() } else { got == want };
        assert!(ok, "{name}({a}, {b}, {c}) = {got}, want {want} {what}");
    }
    // ν = ∞ is the normal distribution; k and n are floored and truncated as SciPy does.
    let t = column(vec![-3.0, 0.5, 2.0])?;
    let normal = |v: Array<F>| -> gpu::Result<Vec<f64>> { Ok(v.to_vec()?.into_iter().map(Into::into).collect()) };
    assert_eq!(normal(one(inf)?.stdtr(&t)?)?, normal(t.ndtr()?)?, "stdtr(∞, t) {what}");
    let (p, n) = (one(0.25)?, one(10.0)?);
    let same = |a: Array<F>, b: Array<F>| -> gpu::Result<bool> { Ok(normal(a)? == normal(b)?) };
    assert!(same(one(3.7)?.bdtr(&n, &p)?, one(3.0)?.bdtr(&n, &p)?)?, "bdtr floors k {what}");
    assert!(same(one(3.0)?.bdtr(&one(10.5)?, &p)?, one(3.0)?.bdtr(&n, &p)?)?, "bdtr truncates n {what}");
    assert!(same(one(3.7)?.nbdtr(&one(10.9)?, &p)?, one(3.0)?.nbdtr(&n, &p)?)?, "nbdtr truncates {what}");
    Ok(())
}

// ---- logit, log_expit, xlogy, xlog1py, entr ------------------------------------------------

/// logit correctly rounded to f64 (p, ln(p / (1 − p))): mpmath at 200 bits.
const TRUE_LOGIT: &[(f64, f64)] = &[
    (1e-300, -690.7755278982137),
    (1e-10, -23.025850929840455),
    (0.1, -2.197224577336219),
    (0.25, -1.0986122886681098),
    (0.3, -0.8472978603872037),
    (0.49, -0.0400053346136992),
    (0.5, 0.0),
    (0.5000001, 3.99999999789463e-07),
    (0.51, 0.0400053346136992),
    (0.7, 0.8472978603872034),
    (0.75, 1.0986122886681098),
    (0.9, 2.1972245773362196),
    (0.9999999, 16.11809555148467),
    (0.9999999999999998, 36.04365338911715),
];

/// log_expit correctly rounded to f64 (x, −ln(1 + e^−x)): mpmath at 200 bits.
const TRUE_LOG_EXPIT: &[(f64, f64)] = &[
    (-800.0, -800.0),
    (-40.0, -40.0),
    (-1.0, -1.3132616875182228),
    (-1e-10, -0.6931471806099453),
    (0.0, -std::f64::consts::LN_2),
    (1e-10, -0.6931471805099453),
    (1.0, -0.3132616875182228),
    (20.0, -2.061153620314381e-09),
    (40.0, -4.248354255291589e-18),
];

/// entr correctly rounded to f64 (x, −x ln x): mpmath at 200 bits.
const TRUE_ENTR: &[(f64, f64)] = &[
    (1e-300, 6.9077552789821376e-298),
    (1e-10, 2.302585092994046e-09),
    (0.5, 0.34657359027997264),
    (1.0, 0.0),
    (2.0, -1.3862943611198906),
    (1e10, -230258509299.40457),
];

/// An array function under test.
type ArrayFn<'a, F> = &'a dyn Fn(&Array<F>) -> gpu::Result<Array<F>>;

/// The bound in ulps for the functions composed of exp and ln kernels: their own
/// errors pass through (lavapipe's f32 `exp` is ~4 ulp off near −7).
const COMPOSED_ULPS: f64 = 8.0;

/// logit, log_expit and entr on `dev` in `F` at the true values (those `F` holds) within
/// `COMPOSED_ULPS`; in f32 also on dense grids against the same functions in f64; xlogy and
/// xlog1py at their zeros, NaN and broadcasts.
fn composed_special<F: Prec>(dev: &Device) -> gpu::Result<()> {
    let to_f = <F as gpu::Element>::from_f64;
    let check = |name: &str, f: ArrayFn<F>, rows: &[(f64, f64)]| -> gpu::Result<()> {
        let rows: Vec<(f64, f64)> = rows
            .iter()
            .copied()
            .filter(|&(x, w)| to_f(x).into() == x && (w == 0.0 || to_f(w).into().abs() >= F::MIN_POSITIVE))
            .collect();
        let got = f(&Array::from_vec(rows.iter().map(|r| to_f(r.0)).collect(), [rows.len()])?.to(dev)?)?.to_vec()?;
        for (&(x, want), g) in rows.iter().zip(got) {
            let want: f64 = to_f(want).into();
            let e = ulps(g.into(), want, want, F::EPS, F::MIN_POSITIVE);
            assert!(e <= COMPOSED_ULPS, "{name} {} at {x:e}: got {:e}, want {want:e} ({e:.1} ulp)", F::DTYPE, g.into());
        }
        Ok(())
    };
    let logit = |a: &Array<F>| a.logit();
    let log_expit = |a: &Array<F>| a.log_expit();
    let entr = |a: &Array<F>| a.entr();
    check("logit", &logit, TRUE_LOGIT)?;
    check("log_expit", &log_expit, TRUE_LOG_EXPIT)?;
    check("entr", &entr, TRUE_ENTR)?;
    if F::DTYPE == DType::F32 {
        // f64 evaluates the plain formulas to far better than f32's ulp.
        let logit64 = |p: f64| (p / (1.0 - p)).ln();
        let log_expit64 = |x: f64| if x >= 0.0 { -(-x).exp().ln_1p() } else { x - x.exp().ln_1p() };
        let entr64 = |x: f64| if x == 0.0 { 0.0 } else { -x * x.ln() };
        let dense = |xs: Vec<f64>, reference: fn(f64) -> f64| -> Vec<(f64, f64)> {
            xs.into_iter().map(|x| (to_f(x).into(), reference(to_f(x).into()))).collect()
        };
        check("logit", &logit, &dense(grid(0.0005, 0.9995, 2001).collect(), logit64))?;
        check("log_expit", &log_expit, &dense(grid(-100.0, 100.0, 2001).collect(), log_expit64))?;
        check("entr", &entr, &dense(grid(0.0, 50.0, 2001).collect(), entr64))?;
    }
    // xlogy / xlog1py: 0 · ln 0 = 0 and 0 · ln ∞ = 0, but NaN stays NaN; a broadcast row.
    let x = Array::from_vec([0.0, 0.0, 0.0, 2.0, 3.0].map(to_f).to_vec(), [5])?.to(dev)?;
    let y = Array::from_vec([0.0, f64::INFINITY, f64::NAN, 1.0, 1e-10].map(to_f).to_vec(), [5])?.to(dev)?;
    let z: Vec<f64> = x.xlogy(&y)?.to_vec()?.into_iter().map(|v| v.into()).collect();
    assert!(z[0] == 0.0 && z[1] == 0.0 && z[2].is_nan() && z[3] == 0.0, "xlogy: {z:?}");
    assert!((z[4] / (3.0 * to_f(1e-10).into().ln()) - 1.0).abs() < 4.0 * F::EPS, "xlogy: {z:?}");
    let z: Vec<f64> = x.xlog1py(&y)?.to_vec()?.into_iter().map(|v| v.into()).collect();
    assert!(
        z[0] == 0.0 && z[2].is_nan() && (z[4] / (3.0 * to_f(1e-10).into().ln_1p()) - 1.0).abs() < 4.0 * F::EPS,
        "xlog1py: {z:?}"
    );
    let col = Array::from_vec([0.0, 1.0].map(to_f).to_vec(), [2, 1])?.to(dev)?;
    let row = Array::from_vec([0.5, 2.0, 4.0].map(to_f).to_vec(), [1, 3])?.to(dev)?;
    let z: Vec<f64> = col.xlogy(&row)?.to_vec()?.into_iter().map(|v| v.into()).collect();
    let want = [0.0, 0.0, 0.0, 0.5f64.ln(), 2f64.ln(), 4f64.ln()];
    assert!(z.iter().zip(want).all(|(g, w)| (g - w).abs() <= 4.0 * F::EPS * w.abs()), "xlogy broadcast: {z:?}");
    let l: Vec<f64> = Array::from_vec([0.0, 1.0, -0.5, 2.0].map(to_f).to_vec(), [4])?
        .to(dev)?
        .logit()?
        .to_vec()?
        .into_iter()
        .map(|v| v.into())
        .collect();
    assert!(l[0] == f64::NEG_INFINITY && l[1] == f64::INFINITY && l[2].is_nan() && l[3].is_nan(), "logit edges: {l:?}");
    Ok(())
}

backend_tests! {
    fn sweep_f32(dev) {
        sweep::<f32>(dev)
    }

    fn sweep_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        sweep::<f64>(dev)
    }

    fn true_values_f32(dev) {
        true_values::<f32>(dev)
    }

    fn true_values_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        true_values::<f64>(dev)
    }

    fn special_values(dev) {
        specials::<f32>(dev)?;
        gamma_specials::<f32>(dev)?;
        if dev.supports(DType::F64) {
            specials::<f64>(dev)?;
            gamma_specials::<f64>(dev)?;
        }
        Ok(())
    }

    fn views_and_broadcasts(dev) {
        // A transposed, strided view and a broadcast row go through the same kernels.
        let data: Vec<f32> = (0..60).map(|i| i as f32 * 0.173 - 4.9).collect();
        let a = Array::from_vec(data.clone(), [6, 10])?.to(dev)?;
        let v = a.t().slice(0, Some(1), None, 3)?;
        let want: Vec<f32> = v.to_vec()?.iter().map(|&x| libm::erf(x as f64) as f32).collect();
        common::assert_array(&v.erf()?, v.shape(), &want, common::Tol::rel(bound_for(dev, UnaryOp::Erf, DType::F32, F32_ULPS) * f32::EPSILON as f64), "erf of a view");
        let row = Array::from_vec(vec![0.5f32, 1.5, 2.5], [1, 3])?.to(dev)?.broadcast_to([4, 3])?;
        let want: Vec<f32> = [0.5f64, 1.5, 2.5].repeat(4).iter().map(|&x| libm::lgamma(x) as f32).collect();
        common::assert_array(&row.ln_gamma()?, &[4, 3], &want, common::Tol::rel(bound_for(dev, UnaryOp::LnGamma, DType::F32, F32_ULPS) * f32::EPSILON as f64), "lgamma of a broadcast row");
        Ok(())
    }

    fn rgamma_gammasgn_multigammaln_f32(dev) {
        gamma_relatives::<f32>(dev)
    }

    fn rgamma_gammasgn_multigammaln_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        gamma_relatives::<f64>(dev)
    }

    fn boxcox_exprel_huber_rel_entr_kl_div_f32(dev) {
        misc_check::<f32>(dev)
    }

    fn boxcox_exprel_huber_rel_entr_kl_div_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        misc_check::<f64>(dev)
    }

    fn beta_betaln_f32(dev) {
        beta_check::<f32>(dev, 8.0)?;
        beta_specials::<f32>(dev)
    }

    fn beta_betaln_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        beta_check::<f64>(dev, 8.0)?;
        beta_specials::<f64>(dev)
    }

    fn zeta_polygamma_f32(dev) {
        zeta_check::<f32>(dev, zeta_bound(dev))?;
        zeta_specials::<f32>(dev)
    }

    fn gammainc_gammaincc_f32(dev) {
        gammainc_check::<f32>(dev, gammainc_bound(dev))?;
        gammainc_specials::<f32>(dev)?;
        distributions_check::<f32>(dev)
    }

    fn gammainc_gammaincc_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        gammainc_check::<f64>(dev, gammainc_bound(dev))?;
        gammainc_specials::<f64>(dev)?;
        distributions_check::<f64>(dev)
    }

    fn ellipe_f32(dev) {
        ellipe_check::<f32>(dev)
    }

    fn ellipe_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        ellipe_check::<f64>(dev)
    }

    fn spence_f32(dev) {
        spence_check::<f32>(dev)
    }

    fn spence_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        spence_check::<f64>(dev)
    }

    fn ellipk_ellipkm1_f32(dev) {
        ellip_check::<f32>(dev)
    }

    fn ellipk_ellipkm1_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        ellip_check::<f64>(dev)
    }

    fn exp1_expi_f32(dev) {
        expint_check::<f32>(dev, expint_bound(dev))?;
        expint_specials::<f32>(dev)
    }

    fn exp1_expi_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        expint_check::<f64>(dev, expint_bound(dev))?;
        expint_specials::<f64>(dev)
    }

    fn dawsn_erfi_f32(dev) {
        dawsn_check::<f32>(dev, dawsn_bound(dev))?;
        dawsn_specials::<f32>(dev)
    }

    fn dawsn_erfi_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        dawsn_check::<f64>(dev, dawsn_bound(dev))?;
        dawsn_specials::<f64>(dev)
    }

    fn sici_shichi_f32(dev) {
        sici_check::<f32>(dev, sici_bound(dev))
    }

    fn sici_shichi_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        sici_check::<f64>(dev, sici_bound(dev))
    }

    fn kolmogorov_kolmogi_f32(dev) {
        kolmogorov_check::<f32>(dev, kolmogorov_bound(dev))
    }

    fn kolmogorov_kolmogi_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        kolmogorov_check::<f64>(dev, kolmogorov_bound(dev))
    }

    fn smirnov_smirnovi_f32(dev) {
        smirnov_check::<f32>(dev, smirnov_bound(dev))
    }

    fn smirnov_smirnovi_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        smirnov_check::<f64>(dev, smirnov_bound(dev))
    }

    fn ellipj_f32(dev) {
        ellipj_check::<f32>(dev, ellipj_bound(dev))
    }

    fn ellipj_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        ellipj_check::<f64>(dev, ellipj_bound(dev))
    }

    fn ellipkinc_ellipeinc_f32(dev) {
        ellipinc_check::<f32>(dev, ellipinc_bound(dev))
    }

    fn ellipkinc_ellipeinc_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        ellipinc_check::<f64>(dev, ellipinc_bound(dev))
    }

    fn carlson_f32(dev) {
        carlson_check::<f32>(dev, carlson_bound(dev))
    }

    fn carlson_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        carlson_check::<f64>(dev, carlson_bound(dev))
    }

    fn elliprj_f32(dev) {
        elliprj_check::<f32>(dev, carlson_bound(dev))
    }

    fn elliprj_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        elliprj_check::<f64>(dev, carlson_bound(dev))
    }

    fn hyp2f1_f32(dev) {
        hyp2f1_check::<f32>(dev, hyp2f1_bound(dev))
    }

    fn hyp2f1_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        hyp2f1_check::<f64>(dev, hyp2f1_bound(dev))
    }

    fn wright_bessel_f32(dev) {
        wright_check::<f32>(dev, wright_bound(dev))
    }

    fn wright_bessel_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        wright_check::<f64>(dev, wright_bound(dev))
    }

    fn sph_legendre_p_f32(dev) {
        sph_check::<f32>(dev, sph_bound(dev))
    }

    fn sph_legendre_p_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        sph_check::<f64>(dev, sph_bound(dev))
    }

    fn agm_f32(dev) {
        agm_check::<f32>(dev, bound_on(dev, 2.0, 4.0))
    }

    fn agm_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        agm_check::<f64>(dev, bound_on(dev, 2.0, 4.0))
    }

    fn lpmv_f32(dev) {
        lpmv_check::<f32>(dev, lpmv_bound(dev), 32.0)
    }

    fn lpmv_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        lpmv_check::<f64>(dev, lpmv_bound(dev), 32.0)
    }

    fn expn_f32(dev) {
        expn_check::<f32>(dev, expn_bound(dev))
    }

    fn expn_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        expn_check::<f64>(dev, expn_bound(dev))
    }

    fn gammaincinv_gammainccinv_f32(dev) {
        gammaincinv_check::<f32>(dev, gammaincinv_bound(dev))
    }

    fn gammaincinv_gammainccinv_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        gammaincinv_check::<f64>(dev, gammaincinv_bound(dev))
    }

    fn k0_k1_f32(dev) {
        besselk_check::<f32>(dev, besselk_bound(dev))
    }

    fn k0_k1_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        besselk_check::<f64>(dev, besselk_bound(dev))
    }

    fn j0_j1_y0_y1_f32(dev) {
        besselj_check::<f32>(dev, besselj_bound(dev))
    }

    fn j0_j1_y0_y1_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        besselj_check::<f64>(dev, besselj_bound(dev))
    }

    fn yn_f32(dev) {
        yn_check::<f32>(dev, yn_bound(dev))
    }

    fn yn_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        yn_check::<f64>(dev, yn_bound(dev))
    }

    fn spherical_yn_f32(dev) {
        spherical_yn_check::<f32>(dev, yn_bound(dev))
    }

    fn spherical_yn_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        spherical_yn_check::<f64>(dev, yn_bound(dev))
    }

    fn zeta_polygamma_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        zeta_check::<f64>(dev, zeta_bound(dev))?;
        zeta_specials::<f64>(dev)
    }

    fn exp10_sindg_cosdg_tandg_cotdg_radian_f32(dev) {
        convenience_check::<f32>(dev, convenience_bound(dev))
    }

    fn exp10_sindg_cosdg_tandg_cotdg_radian_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        convenience_check::<f64>(dev, convenience_bound(dev))
    }

    fn riemann_zeta_zetac_f32(dev) {
        riemann_zeta_check::<f32>(dev, riemann_zeta_bound(dev))
    }

    fn riemann_zeta_zetac_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        riemann_zeta_check::<f64>(dev, riemann_zeta_bound(dev))
    }

    fn inverses_round_trip(dev) {
        // erf(erfinv(x)) = x and ndtri's quantiles of a uniform grid are increasing.
        let x = Array::from_vec(grid(-0.99, 0.99, 199).map(|v| v as f32).collect(), [199])?.to(dev)?;
        let back = x.erfinv()?.erf()?.to_vec()?;
        for (a, b) in x.to_vec()?.iter().zip(&back) {
            assert!((a - b).abs() <= 4.0 * f32::EPSILON, "erf(erfinv({a})) = {b}");
        }
        let q = Array::from_vec(grid(0.001, 0.999, 999).map(|v| v as f32).collect(), [999])?.to(dev)?.ndtri()?.to_vec()?;
        assert!(q.windows(2).all(|w| w[0] < w[1]), "ndtri is increasing");
        Ok(())
    }

    fn logsumexp_softmax_f32(dev) {
        // Pairwise sums of 37 terms and an ln: a few ulp, with an absolute floor for
        // log_softmax and softmax entries near 0.
        log_sum_exp::<f32>(dev, common::Tol { abs: 1e-6, rel: 2e-6 })
    }

    fn logsumexp_softmax_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        log_sum_exp::<f64>(dev, common::Tol { abs: 1e-14, rel: 1e-14 })
    }

    fn ndtri_exp_f32(dev) {
        ndtri_exp_check::<f32>(dev)
    }

    fn ndtri_exp_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        ndtri_exp_check::<f64>(dev)
    }

    fn lambertw_f32(dev) {
        lambertw_check::<f32>(dev)
    }

    fn lambertw_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        lambertw_check::<f64>(dev)
    }

    fn poch_f32(dev) {
        poch_check::<f32>(dev, poch_bound(dev))
    }

    fn poch_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        poch_check::<f64>(dev, poch_bound(dev))
    }

    fn binom_f32(dev) {
        binom_check::<f32>(dev, poch_bound(dev))
    }

    fn binom_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        binom_check::<f64>(dev, poch_bound(dev))
    }

    fn betainc_f32(dev) {
        betainc_check::<f32>(dev, betainc_bound(dev))
    }

    fn betainc_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        betainc_check::<f64>(dev, betainc_bound(dev))
    }

    fn betaincinv_f32(dev) {
        betaincinv_check::<f32>(dev, betainc_bound(dev))
    }

    fn betaincinv_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        betaincinv_check::<f64>(dev, betainc_bound(dev))
    }

    fn beta_quantiles_f32(dev) {
        beta_quantiles_check::<f32>(dev, quantile_bound(dev))
    }

    fn beta_quantiles_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        beta_quantiles_check::<f64>(dev, quantile_bound(dev))
    }

    fn beta_distributions_f32(dev) {
        beta_distributions_check::<f32>(dev, betainc_bound(dev))
    }

    fn beta_distributions_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        beta_distributions_check::<f64>(dev, betainc_bound(dev))
    }

    fn log_ndtr_f32(dev) {
        log_ndtr_check::<f32>(dev)
    }

    fn log_ndtr_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        log_ndtr_check::<f64>(dev)
    }

    fn logit_log_expit_xlogy_entr_f32(dev) {
        composed_special::<f32>(dev)
    }

    fn logit_log_expit_xlogy_entr_f64(dev) {
        if !dev.supports(DType::F64) {
            return Ok(());
        }
        composed_special::<f64>(dev)
    }
}
