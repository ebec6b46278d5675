//! The CPU backend's special functions beyond musl's (`libm`: erf, erfc, lgamma), in
//! f64, with f32 computed through them: the inverse error functions and the normal
//! quantile (Wichura's AS 241), the normal CDF, I0, I0e, I1, I1e, erfcx, Γ and ψ.
//! `shaders/special_math.wgsl` and `shaders/gamma_math.wgsl` are the same algorithms for
//! wgpu.
//!
//! AS 241 (PPND16, Applied Statistics 37, 1988: relative error about 1e-16) is written
//! so that its two inputs — `q = p − ½` and the smaller tail probability
//! `s = min(p, 1 − p)` — are exact for each function: erfinv's tail comes from
//! `1 − |x|` and erfcinv's from `y` itself, so neither loses the digits of a
//! probability near 0.

// The coefficients are AS 241's as published (20 digits), the same text as the WGSL's.
#![allow(clippy::excessive_precision)]

/// AS 241 at `q = p − ½` with `s = min(p, 1 − p)` (both exact): the standard normal
/// quantile of `p`.
fn ppnd(q: f64, s: f64) -> f64 {
    if q.abs() <= 0.425 {
        let r = 0.180625 - q * q;
        let num = ((((((2.5090809287301226727e+3 * r + 3.3430575583588128105e+4) * r + 6.7265770927008700853e+4)
            * r
            + 4.5921953931549871457e+4)
            * r
            + 1.3731693765509461125e+4)
            * r
            + 1.9715909503065514427e+3)
            * r
            + 1.3314166789178437745e+2)
            * r
            + 3.3871328727963666080e+0;
        let den = ((((((5.2264952788528545610e+3 * r + 2.8729085735721942674e+4) * r + 3.9307895800092710610e+4)
            * r
            + 2.1213794301586595867e+4)
            * r
            + 5.3941960214247511077e+3)
            * r
            + 6.8718700749205790830e+2)
            * r
            + 4.2313330701600911252e+1)
            * r
            + 1.0;
        return q * num / den;
    }
    if s <= 0.0 {
        return if q > 0.0 { f64::INFINITY } else { f64::NEG_INFINITY };
    }
    let mut r = (-s.ln()).sqrt();
    let v = if r <= 5.0 {
        r -= 1.6;
        let num = ((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r + 2.41780725177450611770e-1)
            * r
            + 1.27045825245236838258e+0)
            * r
            + 3.64784832476320460504e+0)
            * r
            + 5.76949722146069140550e+0)
            * r
            + 4.63033784615654529590e+0)
            * r
            + 1.42343711074968357734e+0;
        let den = ((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r + 1.51986665636164571966e-2)
            * r
            + 1.48103976427480074590e-1)
            * r
            + 6.89767334985100004550e-1)
            * r
            + 1.67638483018380384940e+0)
            * r
            + 2.05319162663775882187e+0)
            * r
            + 1.0;
        num / den
    } else {
        r -= 5.0;
        let num = ((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 1.24266094738807843860e-3)
            * r
            + 2.65321895265761230930e-2)
            * r
            + 2.96560571828504891230e-1)
            * r
            + 1.78482653991729133580e+0)
            * r
            + 5.46378491116411436990e+0)
            * r
            + 6.65790464350110377720e+0;
        let den =
            ((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r + 1.84631831751005468180e-5) * r
                + 7.86869131145613259100e-4)
                * r
                + 1.48753612908506148525e-2)
                * r
                + 1.36929880922735805310e-1)
                * r
                + 5.99832206555887937690e-1)
                * r
                + 1.0;
        num / den
    };
    if q < 0.0 {
        -v
    } else {
        v
    }
}

const FRAC_1_SQRT_2: f64 = std::f64::consts::FRAC_1_SQRT_2;
/// ½ ln 2π in two parts (the second the first's rounding error), Stirling's constant.
pub(super) const HALF_LN_2PI: (f64, f64) = (0.918_938_533_204_672_8, -3.878_294_158_067_241_4e-17);
/// ln 2 in two parts, the first with its low 21 bits zero (k·LN2.0 is exact for |k| < 2²¹).
pub(super) const LN2: (f64, f64) = (6.931_471_803_691_238_2e-1, 1.908_214_929_270_587_7e-10);
/// √(2π), correctly rounded.
pub(super) const SQRT_2PI: f64 = 2.506_628_274_631_000_7;

/// The inverse of erf on `[-1, 1]`: `erfinv(x) = ndtri((1 + x) / 2) / √2`.
pub(crate) fn erfinv(x: f64) -> f64 {
    if x.is_nan() || x.abs() > 1.0 {
        return f64::NAN;
    }
    if x.abs() < 1e-30 {
        return x * 0.886_226_925_452_758; // √π / 2
    }
    ppnd(0.5 * x, 0.5 * (1.0 - x.abs())) * FRAC_1_SQRT_2
}

/// The inverse of erfc on `[0, 2]`: `erfcinv(y) = erfinv(1 − y)`, its tail from `y`.
pub(crate) fn erfcinv(y: f64) -> f64 {
    if y.is_nan() || !(0.0..=2.0).contains(&y) {
        return f64::NAN;
    }
    ppnd(0.5 * (1.0 - y), 0.5 * y.min(2.0 - y)) * FRAC_1_SQRT_2
}

/// The standard normal quantile on `[0, 1]` (SciPy's `ndtri`).
pub(crate) fn ndtri(p: f64) -> f64 {
    if p.is_nan() || !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    ppnd(p - 0.5, p.min(1.0 - p))
}

/// The inverse of ln ndtr, the x with ln Φ(x) = y (SciPy's `ndtri_exp`): `−ndtri(−expm1(y))`
/// above −ln 2, `ndtri(e^y)` down to −708 (where e^y stops being normal), and below that
/// the root of the asymptotic form `y = −v − ½ln(4πv) + ln(1 + S)`, `S = Σ (−1)^k·(2k −
/// 1)!!·t^k` (k ≤ 5, t = 1/x² = 1/(2v)), in v = x²/2 by three Newton steps from v = −y
/// (the derivative taken as 1 + t). +∞ at 0, −∞ at −∞, NaN above 0 and for NaN.
/// shaders/special_math.wgsl and kernels/common.cuh are the same.
pub(crate) fn ndtri_exp(y: f64) -> f64 {
    const LN_4PI: f64 = 2.531_024_246_969_290_7;
    if y.is_nan() || y > 0.0 {
        return f64::NAN;
    }
    if y == f64::NEG_INFINITY {
        return y;
    }
    if y > -std::f64::consts::LN_2 {
        return -ndtri(-y.exp_m1());
    }
    if y >= -708.0 {
        return ndtri(y.exp());
    }
    let mut v = -y;
    for _ in 0..3 {
        let t = 0.5 / v;
        let s = t * (-1.0 + t * (3.0 + t * (-15.0 + t * (105.0 - 945.0 * t))));
        let h = v + 0.5 * (v.ln() + LN_4PI) - s.ln_1p() + y;
        v -= h / (1.0 + t);
    }
    // x = −√(2v), and −√2·√v where 2v would overflow.
    if v > 0.25 * f64::MAX {
        -std::f64::consts::SQRT_2 * v.sqrt()
    } else {
        -(2.0 * v).sqrt()
    }
}

/// The standard normal CDF (SciPy's `ndtr`): `½ erfc(−x/√2)`, and in the lower tail
/// that times `e^(−(x²/2 − h²))` for the rounded `h = fl(|x|/√2)`: the rounding of
/// `h` would otherwise cost `x²/2` ulp (~450 at x = −37; SciPy's ndtr is ~500 off there).
/// `x²/2 − h²` is formed from exact squares.
pub(crate) fn ndtr(x: f64) -> f64 {
    let h = x * FRAC_1_SQRT_2;
    if x.is_nan() || h > -1.0 {
        return 0.5 * libm::erfc(-h);
    }
    if h <= -28.0 {
        return 0.0; // below f64's smallest subnormal, as erfc(28) is
    }
    let (a, b) = (-x, -h);
    let ((p, ep), (q, eq)) = (two_prod(a, a), two_prod(b, b)); // exact squares
    let d = (0.5 * p - q) + (0.5 * ep - eq);
    // erfc(b + δ) = erfc(b)·e^(−(2bδ + δ²))·(b/(b + δ))(1 + …), 2bδ + δ² = d.
    0.5 * libm::erfc(b) * (-d).exp() * (1.0 - d / (2.0 * q))
}

/// Cephes' Chebyshev coefficients for I0 on [0, 8] (NumPy's `_i0A`).
const I0_A: [f64; 30] = [
    -4.4153416464793395e-18,
    3.3307945188222384e-17,
    -2.431279846547955e-16,
    1.715391285555133e-15,
    -1.1685332877993451e-14,
    7.676185498604936e-14,
    -4.856446783111929e-13,
    2.95505266312964e-12,
    -1.726826291441556e-11,
    9.675809035373237e-11,
    -5.189795601635263e-10,
    2.6598237246823866e-09,
    -1.300025009986248e-08,
    6.046995022541919e-08,
    -2.670793853940612e-07,
    1.1173875391201037e-06,
    -4.4167383584587505e-06,
    1.6448448070728896e-05,
    -5.754195010082104e-05,
    0.00018850288509584165,
    -0.0005763755745385824,
    0.0016394756169413357,
    -0.004324309995050576,
    0.010546460394594998,
    -0.02373741480589947,
    0.04930528423967071,
    -0.09490109704804764,
    0.17162090152220877,
    -0.3046826723431984,
    0.6767952744094761,
];

/// Cephes' Chebyshev coefficients for e^-x·√x·I0(x) above 8 (NumPy's `_i0B`).
const I0_B: [f64; 25] = [
    -7.233180487874754e-18,
    -4.830504485944182e-18,
    4.46562142029676e-17,
    3.461222867697461e-17,
    -2.8276239805165836e-16,
    -3.425485619677219e-16,
    1.7725601330565263e-15,
    3.8116806693526224e-15,
    -9.554846698828307e-15,
    -4.150569347287222e-14,
    1.54008621752141e-14,
    3.8527783827421426e-13,
    7.180124451383666e-13,
    -1.7941785315068062e-12,
    -1.3215811840447713e-11,
    -3.1499165279632416e-11,
    1.1889147107846439e-11,
    4.94060238822497e-10,
    3.3962320257083865e-09,
    2.266668990498178e-08,
    2.0489185894690638e-07,
    2.8913705208347567e-06,
    6.889758346916825e-05,
    0.0033691164782556943,
    0.8044904110141088,
];

/// Cephes' `chbevl`: the Chebyshev series with `coeffs` at `x` by Clenshaw's recurrence.
pub(super) fn chbevl(x: f64, coeffs: &[f64]) -> f64 {
    let (mut b0, mut b1, mut b2) = (coeffs[0], 0.0, 0.0);
    for &c in &coeffs[1..] {
        b2 = b1;
        b1 = b0;
        b0 = x * b1 - b2 + c;
    }
    0.5 * (b0 - b2)
}

/// I0, the modified Bessel function of the first kind of order 0 (NumPy's `i0`), as
/// NumPy and Cephes compute it, but with e^|x| in two halves so that it stays finite
/// up to its own overflow (~713.98) rather than e^x's (709.78).
pub(crate) fn i0(x: f64) -> f64 {
    let a = x.abs();
    if a == f64::INFINITY {
        return a;
    }
    if a <= 8.0 {
        return a.exp() * chbevl(0.5 * a - 2.0, &I0_A);
    }
    let h = (0.5 * a).exp();
    h * (chbevl(32.0 / a - 2.0, &I0_B) / a.sqrt()) * h
}

/// `e^−|x|·I0(x)` (SciPy's `i0e`): I0's series without the exponential, finite for all
/// x and 0 at ±∞.
pub(crate) fn i0e(x: f64) -> f64 {
    let a = x.abs();
    if a <= 8.0 {
        return chbevl(0.5 * a - 2.0, &I0_A);
    }
    chbevl(32.0 / a - 2.0, &I0_B) / a.sqrt()
}

/// 16^k/(k!(k + 1)!) for k = 22 down to 0: I1(x) = (x/2)·Σ (x²/4)^k/(k!(k + 1)!), in
/// w = x²/64 ≤ 1 for |x| ≤ 8 (positive terms, no cancellation; the next term is 4e-19
/// relative). Cephes' Chebyshev form of e^−x·I1(x)/x loses a few ulp just below 8,
/// where the series' alternating terms are 40 times its value.
const I1_SERIES: [f64; 23] = [
    1.0650710926275618e-17,
    3.368287330434664e-16,
    9.725929666630093e-15,
    2.5530565374903993e-13,
    6.0635092765396984e-12,
    1.2960751078603606e-10,
    2.4787436437829395e-09,
    4.2138641944309975e-08,
    6.320796291646496e-07,
    8.296045132786026e-06,
    9.436751338544105e-05,
    0.0009200832555080502,
    0.007590686857941414,
    0.05218597214834722,
    0.29354609333445314,
    1.3209574200050391,
    4.623350970017636,
    12.136296296296296,
    22.755555555555556,
    28.444444444444443,
    21.333333333333332,
    8.0,
    1.0,
];

/// Chebyshev coefficients of e^−x·√x·I1(x) above 8 in `32/x − 2`, highest order first
/// (Cephes' form, as I0_B; computed with mpmath at 200 bits: terms to 1e-18).
const I1_B: [f64; 27] = [
    -1.242193275194891e-18,
    -9.314178867326884e-19,
    7.517296310842105e-18,
    4.414348323071708e-18,
    -4.6503053684893586e-17,
    -3.209525921993424e-17,
    2.96262899764595e-16,
    3.3082023109209285e-16,
    -1.8803547755107825e-15,
    -3.8144030724370075e-15,
    1.0420276984128802e-14,
    4.272440016711951e-14,
    -2.1015418427726643e-14,
    -4.0835511110921974e-13,
    -7.198551776245908e-13,
    2.0356285441470896e-12,
    1.4125807436613782e-11,
    3.2526035830154884e-11,
    -1.8974958123505413e-11,
    -5.589743462196584e-10,
    -3.835380385964237e-09,
    -2.6314688468895196e-08,
    -2.512236237870209e-07,
    -3.882564808877691e-06,
    -0.00011058893876262371,
    -0.009761097491361469,
    0.7785762350182801,
];

/// I1, the modified Bessel function of the first kind of order 1 (SciPy's `i1`): odd,
/// its power series up to 8 and `e^|x|·B(32/|x| − 2)/√|x|` above, with e^|x| in two
/// halves as for I0 (finite up to ~713.99).
pub(crate) fn i1(x: f64) -> f64 {
    let a = x.abs();
    if a == f64::INFINITY {
        return x;
    }
    let z = if a <= 8.0 {
        0.5 * a * horner(&I1_SERIES, a * a / 64.0)
    } else if a < 700.0 {
        a.exp() * (chbevl(32.0 / a - 2.0, &I1_B) / a.sqrt())
    } else {
        let h = (0.5 * a).exp();
        h * (chbevl(32.0 / a - 2.0, &I1_B) / a.sqrt()) * h
    };
    z.copysign(x)
}

/// `e^−|x|·I1(x)` (SciPy's `i1e`): odd, ±0 at ±∞.
pub(crate) fn i1e(x: f64) -> f64 {
    let a = x.abs();
    let z = if a <= 8.0 {
        (-a).exp() * (0.5 * a * horner(&I1_SERIES, a * a / 64.0))
    } else {
        chbevl(32.0 / a - 2.0, &I1_B) / a.sqrt()
    };
    z.copysign(x)
}

// ---- erfcx -----------------------------------------------------------------------------

/// msun's R(1/x²)/S(1/x²) of erfc's tail for x in [1.25, 28] (s_erf.c, as in
/// shaders/special_math.wgsl): erfc(x) = e^(−x² − 0.5625 + R/S)/x.
fn erfc_ratio(x: f64) -> f64 {
    let s = 1.0 / (x * x);
    let (r, q) = if x < 2.8571414947509766 {
        (
            -9.86494403484714822705e-03
                + s * (-6.93858572707181764372e-01
                    + s * (-1.05586262253232909814e+01
                        + s * (-6.23753324503260060396e+01
                            + s * (-1.62396669462573470355e+02
                                + s * (-1.84605092906711035994e+02
                                    + s * (-8.12874355063065934246e+01 + s * -9.81432934416914548592e+00)))))),
            1.0 + s
                * (1.96512716674392571292e+01
                    + s * (1.37657754143519042600e+02
                        + s * (4.34565877475229228821e+02
                            + s * (6.45387271733267880336e+02
                                + s * (4.29008140027567833386e+02
                                    + s * (1.08635005541779435134e+02
                                        + s * (6.57024977031928170135e+00 + s * -6.04244152148580987438e-02))))))),
        )
    } else {
        (
            -9.86494292470009928597e-03
                + s * (-7.99283237680523006574e-01
                    + s * (-1.77579549177547519889e+01
                        + s * (-1.60636384855821916062e+02
                            + s * (-6.37566443368389627722e+02
                                + s * (-1.02509513161107724954e+03 + s * -4.83519191608651397019e+02))))),
            1.0 + s
                * (3.03380607434824582924e+01
                    + s * (3.25792512996573918826e+02
                        + s * (1.53672958608443695994e+03
                            + s * (3.19985821950859553908e+03
                                + s * (2.55305040643316442583e+03
                                    + s * (4.74528541206955367215e+02 + s * -2.24409524465858183362e+01)))))),
        )
    };
    r / q
}

/// (−1)^k (2k − 1)!!/2^k for k = 8 down to 0: erfcx(x) ≈ Σ c_k x^(−2k) / (x√π) from 28 on
/// (the next term is 4e-19 relative there).
const ERFCX_ASYMPTOTIC: [f64; 9] =
    [7918.06640625, -1055.7421875, 162.421875, -29.53125, 6.5625, -1.875, 0.75, -0.5, 1.0];

/// The scaled complementary error function `e^(x²)·erfc(x)` (SciPy's `erfcx`): erfc
/// times e^(x²) on (−1.25, 1.25); above, msun's tail without its e^(−x²),
/// `e^(−0.5625 + R/S)/x`, and from 28 the asymptotic series; below −1.25,
/// `2e^(x²) − erfcx(|x|)` with x² split exactly (+∞ below −26.6).
pub(crate) fn erfcx(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    let a = x.abs();
    if a < 1.25 {
        return (x * x).exp() * libm::erfc(x);
    }
    let t = if a < 28.0 {
        (-0.5625 + erfc_ratio(a)).exp() / a
    } else {
        horner(&ERFCX_ASYMPTOTIC, 1.0 / (a * a)) / (a * 1.772_453_850_905_516)
    };
    if x > 0.0 {
        return t;
    }
    if a > 27.0 {
        return f64::INFINITY; // e^(x²) overflows below −26.6 (and −∞ would give ∞ − ∞)
    }
    // e^(x²) = e^(z²)·e^((a − z)(a + z)), z² exact (z has 20 fraction bits, a < 64).
    let z = (a * 1048576.0).floor() / 1048576.0;
    2.0 * ((z * z).exp() * ((a - z) * (a + z)).exp()) - t
}

// ---- dawsn, erfi ------------------------------------------------------------------------
// Dawson's integral D(x) = e^(−x²)∫₀^x e^(t²) dt: below |x| = 1 its Maclaurin series
// x·Σ (−2x²)^k/(2k + 1)!!, nested (the terms at most halve the sum there); from 1 on
// Rybicki's sampling formula (Numerical Recipes §6.10), D(x) ≈ π^(−½) Σ_(n odd)
// e^(−(x − nh)²)/n with the sum taken around the nearest even multiple n₀ of h: with
// x = n₀h + ξ, |ξ| ≤ h, it is e^(−ξ²)/√π · Σᵢ cᵢ (e^(2ξh(2i+1))/(n₀ + 2i + 1) +
// e^(−2ξh(2i+1))/(n₀ − 2i − 1)), cᵢ = e^(−((2i + 1)h)²). Its error is e^(−(π/2h)²),
// 7e-18 at h = ¼, and 14 terms reach cᵢ < 1e-20; the exponentials and cᵢ come by
// recurrence (two calls of exp in all). Past 1e9, D = 1/(2x) to the last bit.
// erfi(x) = 2/√π·e^(x²)·D(x), with e^(x²) split exactly as in erfcx (in halves where it
// would overflow before the product does), and its own series, of positive terms,
// below 1. shaders/special_math.wgsl and kernels/common.cuh are the same algorithm.

/// Rybicki's step h for Dawson's integral.
const DAWSN_H: f64 = 0.25;
/// The terms of Rybicki's sum on each side of its centre.
const DAWSN_TERMS: usize = 14;
/// 1/√π.
const FRAC_1_SQRT_PI: f64 = 0.5641895835477563;

/// D(x)/x for |x| < 1: Σ (−2x²)^k/(2k + 1)!! to k = 20 (the next term is below 2^−60),
/// nested from the last.
fn dawsn_series(x: f64) -> f64 {
    let t = -2.0 * x * x;
    let mut s = 1.0;
    for k in (1..=20).rev() {
        s = 1.0 + s * t / (2 * k + 1) as f64;
    }
    s
}

/// D(a) for a ≥ 1 by Rybicki's formula (see the module notes above).
fn dawsn_rybicki(a: f64) -> f64 {
    if a > 1e9 {
        return 0.5 / a;
    }
    let n0 = 2.0 * (0.5 * a / DAWSN_H).round();
    let xi = a - n0 * DAWSN_H; // exact: n0·h is a multiple of ¼ within a factor 2 of a
    let e1 = (2.0 * xi * DAWSN_H).exp();
    let e2 = e1 * e1;
    // cᵢ₊₁ = cᵢ·qⁱ⁺¹ with c₀ = e^(−h²), q = e^(−8h²).
    let q = 0.6065306597126334;
    let (mut c, mut r) = (0.9394130628134758, q);
    let (mut d1, mut d2, mut p, mut s) = (n0 + 1.0, n0 - 1.0, e1, 0.0);
    for _ in 0..DAWSN_TERMS {
        s += c * (p / d1 + 1.0 / (d2 * p));
        d1 += 2.0;
        d2 -= 2.0;
        p *= e2;
        c *= r;
        r *= q;
    }
    FRAC_1_SQRT_PI * (-xi * xi).exp() * s
}

/// Dawson's integral `e^(−x²)∫₀^x e^(t²) dt` (SciPy's `dawsn`): odd, ±0 at ±∞.
pub(crate) fn dawsn(x: f64) -> f64 {
    let a = x.abs();
    if a < 1.0 {
        return x * dawsn_series(x);
    }
    if x.is_nan() {
        return x;
    }
    dawsn_rybicki(a).copysign(x)
}

/// The imaginary error function `erfi(x) = −i·erf(ix) = 2/√π ∫₀^x e^(t²) dt` (SciPy's
/// `erfi`): odd, ±∞ past |x| = 26.714.
pub(crate) fn erfi(x: f64) -> f64 {
    let a = x.abs();
    if a < 1.0 {
        // 2x/√π · Σ x^(2k)/(k!(2k + 1)), to k = 18 (the next term is below 2^−60).
        let y = x * x;
        let (mut term, mut s) = (1.0, 1.0);
        for k in 1..=18 {
            term *= y / k as f64;
            s += term / (2 * k + 1) as f64;
        }
        return 2.0 * FRAC_1_SQRT_PI * x * s;
    }
    if x.is_nan() {
        return x;
    }
    if a > 27.0 {
        return f64::INFINITY.copysign(x);
    }
    // e^(a²) = e^(z²)·e^((a − z)(a + z)), z² exact (z has 20 fraction bits, a < 64);
    // e^(z²) in halves past 700, where it overflows before erfi does (at 26.714).
    let z = (a * 1048576.0).floor() / 1048576.0;
    let d = 2.0 * FRAC_1_SQRT_PI * dawsn_rybicki(a) * ((a - z) * (a + z)).exp();
    let zz = z * z;
    let v = if zz > 700.0 {
        let h = (0.5 * zz).exp();
        d * h * h
    } else {
        d * zz.exp()
    };
    v.copysign(x)
}

// ---- Γ and ψ ---------------------------------------------------------------------------
// Γ(x) for x ≥ 10 by Stirling's series with its exponent in two parts; below, and for
// x < 0, Γ(t)·∏(factors) with t in [2, 3] and the factors x − 1, …, t (x > 3) or
// x, …, t − 1 (dividing; x < 2), multiplied in double-double arithmetic so that ~190
// factors cost no more than the final rounding; Γ(t) by a polynomial fitted on [2, 3].
// ψ(x) by the same fits' kind: ψ(x) = (x − x₀)·R(x) on [1, 2] around the positive root
// x₀ (so that ψ keeps its digits there), a fit on [2, 3] with the recurrence
// ψ(x + 1) = ψ(x) + 1/x below 10, and the asymptotic series above; reflection below 0.
// shaders/gamma_math.wgsl is the same algorithm, in f32 and f64.

/// Γ(2.5 + s) on s in [−½, ½]: a Chebyshev fit by mpmath (`chebyfit`, degree 17, error
/// 1.2e-18 relative), highest power first.
const GAMMA_2_3: [f64; 18] = [
    -8.228337612513728e-08,
    2.0594390312960716e-07,
    -4.1866472217648884e-07,
    1.0654567795576118e-06,
    -2.561960809450555e-06,
    7.258179334692199e-06,
    -1.2801398595590587e-05,
    6.132933686364514e-05,
    3.941763325825312e-06,
    0.0007544741843398753,
    0.0016074004859635903,
    0.01039240342319837,
    0.028360780594813752,
    0.1096732340022263,
    0.2538712468411431,
    0.6545585779813361,
    0.9347345216260855,
    1.329340388179137,
];
/// ψ(1.5 + s) / (1.5 + s − x₀) on s in [−½, ½], x₀ the positive root of ψ: mpmath, degree 21, 2.1e-17 relative.
const DIGAMMA_1_2: [f64; 22] = [
    -0.00017312261802727394,
    0.00025968482126430747,
    -0.00015148586836773365,
    0.0002272331660987376,
    -0.0004821990530566789,
    0.0007233266279287554,
    -0.0010376374098418604,
    0.0015566317474486838,
    -0.002345267632540769,
    0.003519006401502276,
    -0.005279964873257405,
    0.007926944646403797,
    -0.011908218001568644,
    0.0179072524394512,
    -0.02697579675613825,
    0.04076083381242074,
    -0.061922133273064534,
    0.09498872445494122,
    -0.14840492305390884,
    0.2405424842407742,
    -0.4236274212814605,
    0.951055876031833,
];
/// ψ(2.5 + s) on s in [−½, ½]: mpmath, degree 17, 1.2e-18 relative.
const DIGAMMA_2_3: [f64; 18] = [
    8.267815845287522e-08,
    -2.0687583795242883e-07,
    4.2481223325063033e-07,
    -1.0640705254157975e-06,
    2.7109965480846823e-06,
    -6.803232576993842e-06,
    1.708891125596372e-05,
    -4.3052048513574485e-05,
    0.00010882586435206692,
    -0.00027643930999581804,
    0.0007073881640957325,
    -0.0018305640355441625,
    0.004821409821419739,
    -0.013073166646180193,
    0.03731764146954176,
    -0.11810202582086309,
    0.49035775610023485,
    0.7031566406452432,
];

/// x₀ = 1.46163214496836234126…, the positive root of ψ, as the sum of two f64s.
const DIGAMMA_ROOT: (f64, f64) = (1.4616321449683622, 9.549995429965697e-17);

/// B₂ₖ/(2k) for k = 8 down to 1: ψ(y) ≈ ln y − 1/(2y) − Σ B₂ₖ/(2k·y²ᵏ) for y ≥ 10.
const DIGAMMA_ASYMPTOTIC: [f64; 8] =
    [-3617.0 / 8160.0, 1.0 / 12.0, -691.0 / 32760.0, 1.0 / 132.0, -1.0 / 240.0, 1.0 / 252.0, -1.0 / 120.0, 1.0 / 12.0];

pub(super) fn horner(coeffs: &[f64], s: f64) -> f64 {
    coeffs.iter().fold(0.0, |p, &c| p * s + c)
}

/// `a + b` exactly, as (sum, error).
pub(super) fn two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    let bb = s - a;
    (s, (a - (s - bb)) + (b - bb))
}

/// `v = h + l` with `h` of 26 significant bits and `l` of 27 (Veltkamp's split).
fn split(v: f64) -> (f64, f64) {
    let c = 134217729.0 * v;
    let h = c - (c - v);
    (h, v - h)
}

/// `a·b` exactly, as (product, error), by Dekker's splitting (for |a|, |b| < 2^996),
/// without a fused multiply-add, which is a software call on targets without FMA.
pub(super) fn two_prod(a: f64, b: f64) -> (f64, f64) {
    let p = a * b;
    let ((ah, al), (bh, bl)) = (split(a), split(b));
    (p, ((ah * bh - p) + ah * bl + al * bh) + al * bl)
}

/// B₂ₖ/(2k(2k − 1)) for k = 10 down to 1: ln Γ(x) = (x − ½) ln x − x + ½ ln 2π + Σ
/// B₂ₖ/(2k(2k − 1) x^(2k−1)), to 1.4e-19 for x ≥ 10.
const STIRLING: [f64; 10] = [
    -174611.0 / 125400.0,
    43867.0 / 244188.0,
    -3617.0 / 122400.0,
    1.0 / 156.0,
    -691.0 / 360360.0,
    1.0 / 1188.0,
    -1.0 / 1680.0,
    1.0 / 1260.0,
    -1.0 / 360.0,
    1.0 / 12.0,
];

/// ln x for x in [1, 2^1023] as (high, low) to about 2^-63 relative, for Stirling's
/// exponent: x = 2^k·m, m in [√½, √2], ln m = 2 atanh(s) with s = (m − 1)/(m + 1)
/// carried in two parts, and the series' first term (2/3)s³ in two parts too.
fn ln_double(x: f64) -> (f64, f64) {
    const TWO_THIRDS: (f64, f64) = (0.6666666666666666, 3.700743415417188e-17);
    let mut k = ((x.to_bits() >> 52) & 0x7ff) as i32 - 1023;
    let mut m = f64::from_bits((x.to_bits() & !(0x7ff << 52)) | (1023 << 52));
    if m > std::f64::consts::SQRT_2 {
        m *= 0.5;
        k += 1;
    }
    let f = m - 1.0;
    let (uh, ul) = two_sum(2.0, f);
    let sh = f / uh;
    let (p, pe) = two_prod(sh, uh);
    let sl = (((f - p) - pe) - sh * ul) / uh;
    let (zh, zl) = two_prod(sh, sh);
    let (ch, cl) = two_prod(sh, zh);
    let cl = cl + sh * zl + 3.0 * zh * sl; // s³
    let (dh, dl) = two_prod(TWO_THIRDS.0, ch);
    let dl = dl + TWO_THIRDS.0 * cl + TWO_THIRDS.1 * ch; // (2/3)s³
    let q = [2.0 / 21.0, 2.0 / 19.0, 2.0 / 17.0, 2.0 / 15.0, 2.0 / 13.0, 2.0 / 11.0, 2.0 / 9.0, 2.0 / 7.0, 2.0 / 5.0];
    let rest = ch * zh * horner(&q, zh); // (2/5)s⁵ + (2/7)s⁷ + …
    let (lh, ll) = two_sum(2.0 * sh, dh);
    let ll = ll + 2.0 * sl + dl + rest;
    let kf = k as f64;
    let (h, l) = two_sum(kf * LN2.0, lh);
    (h, l + (ll + kf * LN2.1))
}

/// Γ(x) for x ≥ 10 by Stirling's series, its exponent E = (x − ½) ln x − x + ½ ln 2π +
/// S(x) (up to 709.8) carried in two parts, so that e^E is as good as `exp`.
fn gamma_stirling(x: f64) -> f64 {
    let w = x - 0.5;
    let (lh, ll) = ln_double(x);
    let (ah, al) = two_prod(w, lh);
    let (bh, bl) = two_sum(ah, -x);
    let (ch, cl) = two_sum(bh, HALF_LN_2PI.0);
    let (eh, el) = two_sum(ch, cl + (bl + (al + w * ll)) + HALF_LN_2PI.1 + stirling_series(x));
    let r = eh.exp();
    if r.is_infinite() {
        return r; // past the overflow at 171.62
    }
    r + r * el
}

/// Γ(x), SciPy's `gamma`: ±∞ at ±0, NaN at the negative integers and −∞, +∞ past
/// 171.62, and a signed zero where |Γ| underflows below −184.
pub(crate) fn gamma(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x == 0.0 {
        return 1.0 / x;
    }
    let fl = x.floor();
    if x < 0.0 && fl == x {
        return f64::NAN;
    }
    if x > 172.0 {
        return f64::INFINITY;
    }
    // Stirling from 10 on, but for the factorials up to 22!, which the products
    // below give exactly.
    if x >= 10.0 && (x != fl || x > 23.0) {
        return gamma_stirling(x);
    }
    if x < -190.0 {
        // |Γ(x)| < 1e-350: Γ is negative on (−2k − 1, −2k).
        return if (fl * 0.5).floor() != fl * 0.5 { -0.0 } else { 0.0 };
    }
    const SCALE: f64 = 1.3407807929942597e154; // 2^512
    let k = 2.0 - fl;
    let (t, tl) = two_sum(x, k);
    let up = k < 0.0;
    let c = |j: i32| if up { -(j + 1) as f64 } else { j as f64 };
    let (mut ph, mut pl, mut e) = (1.0, 0.0, 0);
    if x.abs() >= 2.0 {
        // Every factor x + c is exact, and with x = xh + xl (xh of 26 bits) so is
        // a = xh + c, of at most 26 bits: ph·a is then exact from a split of ph alone,
        // and (ph + pl)·(a + xl) = p + err + ph·xl + pl·(a + xl), the last terms small.
        let (xh, xl) = split(x);
        for j in 0..k.abs() as i32 {
            let a = xh + c(j);
            let (hh, hl) = split(ph);
            let p = ph * a;
            let err = (hh * a - p) + hl * a;
            pl = pl * (a + xl) + (err + ph * xl);
            ph = p;
            if ph.abs() > SCALE {
                (ph, pl, e) = (ph / SCALE, pl / SCALE, e + 1);
            }
        }
        // pl reaches 2^-18 of ph: renormalised, so that 1/(ph + pl) below is first-order.
        (ph, pl) = two_sum(ph, pl);
    } else {
        // At most four factors x + c, inexact for |x| < 2: each as an exact sum.
        for j in 0..k.abs() as i32 {
            let (fh, fl) = two_sum(x, c(j));
            let (h, err) = two_prod(ph, fh);
            (ph, pl) = two_sum(h, err + (ph * fl + pl * fh));
        }
    }
    // Γ(t + tl) = Γ(t)·(1 + ψ(t)·tl), ψ on [2, 3] to a few parts in a thousand.
    // Γ(2) = 1 exactly, so that Γ(n) = (n − 1)! is exact where f64 holds it (n ≤ 23).
    let g = if t == 2.0 { 1.0 } else { horner(&GAMMA_2_3, t - 2.5) };
    let g = g + g * (((-0.0568 * t + 0.7843) * t - 0.9186) * tl);
    let mut r = if up {
        g * ph + g * pl
    } else {
        let q = g / ph;
        if q.is_infinite() {
            q // 1/x past the overflow, for subnormal x
        } else {
            q - q * (pl / ph)
        }
    };
    for _ in 0..e {
        r = if up { r * SCALE } else { r / SCALE };
    }
    r
}

/// ψ(y + yl) for y ≥ 1 and |yl| ≤ ulp(y)/2.
fn digamma_from_1(y: f64, yl: f64) -> f64 {
    let iy = 1.0 / y;
    // ψ'(y)·yl, with ψ'(y) ≈ 1/y + 1/(2y²) + 1/(6y³) to a few percent.
    let corr = (iy + iy * iy * (0.5 + iy / 6.0)) * yl;
    if y >= 10.0 {
        let z = iy * iy;
        return y.ln() - (0.5 * iy + z * horner(&DIGAMMA_ASYMPTOTIC, z)) + corr;
    }
    if y < 2.0 {
        return ((y - DIGAMMA_ROOT.0) - DIGAMMA_ROOT.1) * horner(&DIGAMMA_1_2, y - 1.5) + corr;
    }
    // y − j is exact for y ≥ 2; the smallest terms first.
    let n = y as i32 - 2;
    let t = y - n as f64;
    let acc = (0..n).rev().fold(0.0, |acc, j| acc + 1.0 / (t + j as f64));
    (horner(&DIGAMMA_2_3, t - 2.5) + acc) + corr
}

/// π in two parts: π = `PI_PARTS.0 + PI_PARTS.1` to twice f64's precision.
const PI_PARTS: (f64, f64) = (std::f64::consts::PI, 1.2246467991473532e-16);

/// (sin kw, cos kw) for k given in two parts (`k.0 + k.1`) and |kw| ≤ π/4 or so, with kw
/// carried to twice the precision: to rounding where `sin(k * w)` would be off by the
/// rounding of k and of the product.
pub(super) fn sin_cos_times(k: (f64, f64), w: f64) -> (f64, f64) {
    let (vh, vl) = two_prod(k.0, w);
    let vl = vl + k.1 * w;
    let (s0, c0) = vh.sin_cos();
    (s0 + vl * c0, c0 - vl * s0)
}

/// (sin πw, cos πw) for |w| ≤ ½, πw in two parts.
pub(super) fn sin_cos_pi(w: f64) -> (f64, f64) {
    sin_cos_times(PI_PARTS, w)
}

/// π·cot(πr) for 0 < |r| ≤ ½, with πr carried to twice the precision.
fn pi_cot_pi(r: f64) -> f64 {
    let a = r.abs();
    let near = a <= 0.25;
    let (s, c) = sin_cos_pi(if near { a } else { 0.5 - a });
    let v = PI_PARTS.0 * if near { c / s } else { s / c };
    if r > 0.0 {
        v
    } else {
        -v
    }
}

/// ψ(x) = Γ'(x)/Γ(x), SciPy's `digamma`/`psi`: −∞ at +0, +∞ at −0, NaN at the
/// negative integers and −∞.
pub(crate) fn digamma(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x == 0.0 {
        return if x.is_sign_negative() { f64::INFINITY } else { f64::NEG_INFINITY };
    }
    if x < 0.0 {
        if x.floor() == x {
            return f64::NAN;
        }
        // ψ(x) = ψ(1 − x) − π·cot(πx), with 1 − x split exactly.
        let (y, yl) = two_sum(1.0, -x);
        return digamma_from_1(y, yl) - pi_cot_pi(x - x.round());
    }
    if x < 1.0 {
        let (y, yl) = two_sum(x, 1.0);
        return digamma_from_1(y, yl) - 1.0 / x;
    }
    digamma_from_1(x, 0.0)
}

// ---- ln |B(a, b)| ------------------------------------------------------------------------

/// Stirling's series S(x) = ln Γ(x) − ((x − ½) ln x − x + ½ ln 2π) for x ≥ 10.
pub(super) fn stirling_series(x: f64) -> f64 {
    let ix = 1.0 / x;
    ix * horner(&STIRLING, ix * ix)
}

/// `ln Γ(s) − ln Γ(z)` for z, s ≥ 10, `s = z + m`: Stirling's series arranged so that
/// nothing of the size of ln Γ cancels, `(z − ½)·ln_1p(m/z) + m·(ln s − 1) + S(s) − S(z)`,
/// each term of the size of m.
pub(super) fn stirling_ln_gamma_ratio(z: f64, s: f64, m: f64) -> f64 {
    (z - 0.5) * (m / z).ln_1p() + m * (s.ln() - 1.0) + (stirling_series(s) - stirling_series(z))
}

/// Whether x is a pole of Γ (0, −1, −2, …, and −∞).
pub(super) fn gamma_pole(x: f64) -> bool {
    x <= 0.0 && x.floor() == x
}

/// ln |B(a, b)| (SciPy's `betaln`), `B = Γ(a)Γ(b)/Γ(a + b)`, without the cancellation of
/// the ln Γ terms: with lo ≤ hi and s = lo + hi (its rounding sl kept), the ratio
/// `Γ(lo)·(Γ(hi)/Γ(s))/(1 + ψ(s)·sl)` (`(Γ(lo)/Γ(s))·Γ(hi)` where |Γ(s)| < 1) where Γ reaches (|lo|, hi, |s| ≤ 171); past it,
/// Stirling's series arranged so that nothing large cancels (lo ≥ 10: `½ ln 2π − ½ ln
/// hi + (lo − ½) ln(lo/s) − hi·ln_1p(lo/hi) + S(lo) + S(hi) − S(s)`; lo < 10: `ln Γ(lo)
/// − lo·ln hi − ((s − ½)·ln_1p(lo/hi) − lo) + S(hi) − S(s)`); the plain sum of ln |Γ|s
/// otherwise. +∞ at the poles of an argument, −∞ where only the sum is one or an argument
/// is +∞, NaN for NaN and −∞. shaders/gamma_math.wgsl is the same for wgpu.
pub(crate) fn betaln(a: f64, b: f64) -> f64 {
    let (lo, hi, s, sl) = match beta_args(a, b) {
        Ok(args) => args,
        Err(at) => return at.value(f64::NEG_INFINITY),
    };
    if lo.abs() <= BETA_REACH && hi <= BETA_REACH && s.abs() <= BETA_REACH {
        let (g_hi, g_s, corr) = (gamma(hi), gamma(s), 1.0 + digamma(s) * sl);
        let g_lo = gamma(lo);
        if g_lo.is_infinite() {
            return libm::lgamma(lo) + (g_hi / g_s / corr).abs().ln(); // lo below ~5.6e-309
        }
        // A Γ(s) below 1 (s negative near the reach, Γ(s) down to 1e-307) divides Γ(lo)
        // first, which is as small: Γ(hi)/Γ(s) alone overflowed (betaln(−170.5, 0.001)
        // was +∞, for 6.902).
        let ratio = if g_s.abs() < 1.0 { (g_lo / g_s) * g_hi } else { g_lo * (g_hi / g_s) };
        return (ratio / corr).abs().ln();
    }
    betaln_past_gamma(lo, hi, s)
}

/// B(a, b) = Γ(a)Γ(b)/Γ(a + b) (SciPy's `beta`): `betaln`'s ratio of Γs itself where Γ
/// reaches, else `±e^betaln` with the product of the Γs' signs. +∞ at the poles of an
/// argument, 0 where only the sum is one or an argument is +∞ (the other positive), NaN
/// for NaN and −∞. shaders/gamma_math.wgsl is the same for wgpu.
pub(crate) fn beta(a: f64, b: f64) -> f64 {
    let (lo, hi, s, sl) = match beta_args(a, b) {
        Ok(args) => args,
        Err(at) => return at.value(0.0),
    };
    if lo.abs() <= BETA_REACH && hi <= BETA_REACH && s.abs() <= BETA_REACH {
        let (g_lo, g_hi, g_s) = (gamma(lo), gamma(hi), gamma(s));
        let ratio = if g_s.abs() < 1.0 { (g_lo / g_s) * g_hi } else { g_lo * (g_hi / g_s) };
        return ratio / (1.0 + digamma(s) * sl);
    }
    let sign = [lo, hi, s].iter().map(|&x| gamma_sign(x)).product::<f64>();
    sign * betaln_past_gamma(lo, hi, s).exp()
}

/// The sign of Γ(x) away from its poles: negative on (−2j − 1, −2j).
pub(super) fn gamma_sign(x: f64) -> f64 {
    if x < 0.0 && (x.floor() * 0.5).floor() != x.floor() * 0.5 {
        -1.0
    } else {
        1.0
    }
}

/// sin(π(x + xl)) for |xl| ≤ ulp(x)/2: x − round(x) is exact, and the tail xl enters
/// to first order.
pub(super) fn sin_pi_parts(x: f64, xl: f64) -> f64 {
    let n = x.round();
    let (rh, rl) = two_sum(x - n, xl);
    let (s, c) = sin_cos_pi(rh);
    let v = s + std::f64::consts::PI * rl * c;
    if (n * 0.5).floor() != n * 0.5 {
        -v
    } else {
        v
    }
}

/// Where `beta` and `betaln` are decided before any Γ (`beta_args`).
enum BetaEdge {
    /// A NaN or −∞ argument.
    Nan,
    /// An argument at a pole of Γ: B = ±∞.
    Pole,
    /// Only the sum at a pole, or an argument +∞ with the other positive: B = 0.
    Zero,
}

impl BetaEdge {
    /// The value there, with `zero` what B = 0 is (0 for `beta`, −∞ for `betaln`).
    fn value(self, zero: f64) -> f64 {
        match self {
            BetaEdge::Nan => f64::NAN,
            BetaEdge::Pole => f64::INFINITY,
            BetaEdge::Zero => zero,
        }
    }
}

/// `beta`'s and `betaln`'s arguments ordered, `(lo, hi)`, with their sum in two parts
/// `(s, sl)`, or the edge that decides them.
fn beta_args(a: f64, b: f64) -> Result<(f64, f64, f64, f64), BetaEdge> {
    if a.is_nan() || b.is_nan() {
        return Err(BetaEdge::Nan);
    }
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    if lo == f64::NEG_INFINITY {
        return Err(BetaEdge::Nan);
    }
    if gamma_pole(lo) || gamma_pole(hi) {
        return Err(BetaEdge::Pole);
    }
    let (s, sl) = two_sum(lo, hi);
    if gamma_pole(s) || (hi == f64::INFINITY && lo > 0.0) {
        return Err(BetaEdge::Zero);
    }
    Ok((lo, hi, s, sl))
}

/// Where `betaln` takes Γ's own ratio: all of |lo|, hi, |s| up to this.
const BETA_REACH: f64 = 171.0;

/// ln |B(lo, hi)| for lo ≤ hi, s = lo + hi, without Γ itself (`betaln` past Γ's reach),
/// always by Stirling's series for some B arranged so that nothing of ln Γ's size cancels:
/// - lo ≥ 0 (so s > `BETA_REACH`): B(lo, hi) itself.
/// - lo < 0 and s ≤ −9: Γ(x) = π/(sin πx·Γ(1 − x)) for lo and s turns B(lo, hi) into
///   `(sin πs/sin π lo)·B(hi, z)` with z = 1 − s ≥ 10 and hi + z = 1 − lo past the reach.
/// - lo < 0 and s > −9: the same for lo alone, `π/(sin π lo·(s − 1)·B(s − 1, 1 − lo))`,
///   whose arguments sum to hi > 160.
///
/// The plain sum of ln |Γ|s (and the series with a negative lo) cancelled for lo < 0:
/// against mpmath, 652 ulp of max(1, |ln B|) at (−209.1, 0.4), 110,000 at (−10000.5,
/// 0.125), 47,000 at (−20000.25, 20000.75); the reflections are within 1.5.
pub(super) fn betaln_past_gamma(lo: f64, hi: f64, s: f64) -> f64 {
    if lo >= 0.0 {
        return betaln_stirling(lo, hi, s); // s past the reach (hi <= s)
    }
    let (sh, sl) = two_sum(lo, hi);
    let z = (1.0 - sh) - sl;
    if s <= -9.0 {
        let sines = sin_pi_parts(sh, sl).abs().ln() - sin_pi_parts(lo, 0.0).abs().ln();
        return sines + betaln_stirling(hi.min(z), hi.max(z), 1.0 - lo);
    }
    let (d, x) = (-z, 1.0 - lo);
    std::f64::consts::PI.ln()
        - sin_pi_parts(lo, 0.0).abs().ln()
        - d.abs().ln()
        - betaln_stirling(d.min(x), d.max(x), hi)
}

/// ln |B(lo, hi)| for lo ≤ hi with hi ≥ 10 and s = lo + hi past the reach, by Stirling's
/// series arranged so that nothing of ln Γ's size cancels.
fn betaln_stirling(lo: f64, hi: f64, s: f64) -> f64 {
    let ln_1p_ratio = (lo / hi).ln_1p();
    let tail = stirling_series(hi) - stirling_series(s);
    if lo >= 10.0 {
        return 0.918_938_533_204_672_8 - 0.5 * hi.ln() + (lo - 0.5) * (lo / s).ln() - hi * ln_1p_ratio
            + (stirling_series(lo) + tail);
    }
    let bracket = (s - 0.5) * ln_1p_ratio - lo;
    libm::lgamma(lo) + (tail - (lo * hi.ln() + bracket))
}
// ---- K(1 − p) ----------------------------------------------------------------------------

/// K(1 − p), the complete elliptic integral of the first kind at parameter m = 1 − p
/// (SciPy's `ellipkm1`): `π/(2·AGM(1, √p))`, the arithmetic–geometric mean run until its
/// two terms agree to 1e-9 (its error is then below 1e-19, the convergence being
/// quadratic; 13 steps from p = 1e-300 or 1e300). +∞ at p = 0, 0 at p = +∞, NaN below 0.
pub(crate) fn ellipkm1(p: f64) -> f64 {
    if p.is_nan() || p < 0.0 {
        return f64::NAN;
    }
    if p == 0.0 {
        return f64::INFINITY;
    }
    if p == f64::INFINITY {
        return 0.0;
    }
    std::f64::consts::PI / (2.0 * agm_mean(1.0, p.sqrt()))
}

/// The arithmetic–geometric mean of positive finite a and b: the pairs run until they
/// agree to 1e-9, past which quadratic convergence leaves the next arithmetic mean exact
/// to the last bit (13 steps from a ratio of 1e600). The means as `½(a + b)` and `√(ab)`
/// where those neither overflow nor underflow (the common case, one rounding each), else
/// `½a + ½b` and `√a·√b`.
fn agm_mean(mut a: f64, mut b: f64) -> f64 {
    let half_sum = |a: f64, b: f64| if (a + b).is_finite() { 0.5 * (a + b) } else { 0.5 * a + 0.5 * b };
    for _ in 0..64 {
        if (a - b).abs() <= 1e-9 * a.max(b) {
            break;
        }
        let ab = a * b;
        let g = if ab.is_normal() { ab.sqrt() } else { a.sqrt() * b.sqrt() };
        (a, b) = (half_sum(a, b), g);
    }
    half_sum(a, b)
}

/// The arithmetic–geometric mean of a and b (SciPy's `agm`): the common limit of
/// `aₙ₊₁ = (aₙ + bₙ)/2`, `bₙ₊₁ = √(aₙbₙ)`, by `agm_mean`. SciPy's conventions: NaN for
/// arguments of opposite signs (and for ±∞ against 0), 0 where one is 0, −agm(−a, −b) for
/// two negative ones, ±∞ where one is ±∞.
pub(crate) fn agm(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() || (a < 0.0 && b > 0.0) || (a > 0.0 && b < 0.0) {
        return f64::NAN;
    }
    if a == 0.0 || b == 0.0 {
        return if a.is_infinite() || b.is_infinite() { f64::NAN } else { 0.0 };
    }
    let sign = if a < 0.0 { -1.0 } else { 1.0 };
    let (a, b) = (a.abs(), b.abs());
    if a.is_infinite() || b.is_infinite() {
        return sign * f64::INFINITY;
    }
    sign * agm_mean(a, b)
}

// ---- E(m) --------------------------------------------------------------------------------

/// Cephes' `ellpe` polynomials (SciPy's): E at parameter m = 1 − x is `P(x) − x·ln x·Q(x)`
/// for x in [0, 1] (both terms positive, so nothing cancels). Shared with
/// `shaders/special_math.wgsl` and `kernels/common.cuh`.
const ELLIPE_P: [f64; 11] = [
    1.53552577301013293365e-4,
    2.50888492163602060990e-3,
    8.68786816565889628429e-3,
    1.07350949056076193403e-2,
    7.77395492516787092951e-3,
    7.58395289413514708519e-3,
    1.15688436810574127319e-2,
    2.18317996015557253103e-2,
    5.68051945617860553470e-2,
    4.43147180560990850618e-1,
    1.00000000000000000299e0,
];
const ELLIPE_Q: [f64; 10] = [
    3.27954898576485872656e-5,
    1.00962792679356715133e-3,
    6.50609489976927491433e-3,
    1.68862163993311317300e-2,
    2.61769742454493659583e-2,
    3.34833904888224918614e-2,
    4.27180926518931511717e-2,
    5.85936634471101055642e-2,
    9.37499997197644278445e-2,
    2.49999999999888314361e-1,
];

/// E at m = 1 − x for x in [0, 1]; the `x·ln x` term is dropped below 1e-30, where it is
/// below the last bit of E ≈ 1 (and `ln` of a subnormal would be flushed on some devices).
fn ellipe_poly(x: f64) -> f64 {
    let p = ELLIPE_P.iter().fold(0.0, |s, &c| s * x + c);
    if x < 1e-30 {
        return p;
    }
    let q = ELLIPE_Q.iter().fold(0.0, |s, &c| s * x + c);
    p - x.ln() * (x * q)
}

/// E(m) = ∫₀^{π/2} √(1 − m sin²θ) dθ, the complete elliptic integral of the second kind
/// (SciPy's `ellipe`): Cephes' polynomials in p = 1 − m for m in [0, 1] (exact for
/// m ≥ ½); below 0, `E(m) = √p·E(1 − 1/p)` with 1/p passed to the polynomials as it is.
/// 1 at m = 1, +∞ at −∞, NaN above 1.
pub(crate) fn ellipe(m: f64) -> f64 {
    if m.is_nan() || m > 1.0 {
        return f64::NAN;
    }
    if m == f64::NEG_INFINITY {
        return f64::INFINITY;
    }
    let p = 1.0 - m;
    if p > 1.0 {
        return ellipe_poly(1.0 / p) * p.sqrt();
    }
    ellipe_poly(p)
}

// ---- Spence's function -------------------------------------------------------------------

/// B₂ₖ/(2k + 1)! for k = 1..9: `Li₂(t) = u − u²/4 + u·Σ c_k·u^(2k)` with u = −ln(1 − t)
/// (the Bernoulli series, convergent for |u| < 2π; here |u| <= ln 2, where the ninth term
/// is below 2^-60 of the sum). Shared with `shaders/special_math.wgsl` and
/// `kernels/common.cuh`.
const LI2_SERIES: [f64; 9] = [
    0.027777777777777776,
    -0.0002777777777777778,
    4.72411186696901e-06,
    -9.185773074661964e-08,
    1.8978869988971e-09,
    -4.0647616451442256e-11,
    8.921691020456452e-13,
    -1.9939295860721074e-14,
    4.518980029619918e-16,
];

/// π²/6.
const PI2_6: f64 = 1.6449340668482264;

/// Li₂(t) for t in [−1, ½], from u = −ln(1 − t) (given, so that no 1 − t is formed).
fn li2_series(u: f64) -> f64 {
    let z = u * u;
    let s = LI2_SERIES.iter().rev().fold(0.0, |s, &c| s * z + c);
    u - 0.25 * u * u + u * z * s
}

/// Spence's function `∫₁^x ln t/(1 − t) dt = Li₂(1 − x)` (SciPy's `spence`), x >= 0, by
/// the Bernoulli series of Li₂ with its argument reduced to [−1, ½] from x itself:
/// Li₂(1 − x) with u = −ln x for x in [½, 2]; below ½, `π²/6 − ln x·ln(1 − x) − Li₂(x)`;
/// above 2, `−½ln²x − spence(1/x)`, the latter as below ½. Every `ln(1 − ·)` is
/// `ln_1p(−·)`, and the terms never cancel by more than half. Cephes (SciPy) is up to 19
/// ulp off near x = ½ and 1.5, the ends of its rational fit. π²/6 at 0, 0 at 1, NaN
/// below 0, −∞ at +∞ (the limit; SciPy gives NaN).
pub(crate) fn spence(x: f64) -> f64 {
    if x.is_nan() || x < 0.0 {
        return f64::NAN;
    }
    if x == 0.0 {
        return PI2_6;
    }
    if x == f64::INFINITY {
        return f64::NEG_INFINITY;
    }
    if x < 0.5 {
        let l1 = (-x).ln_1p();
        let cross = if x < 1e-30 { 0.0 } else { x.ln() * l1 };
        return PI2_6 - cross - li2_series(-l1);
    }
    if x <= 2.0 {
        return li2_series(-x.ln());
    }
    let (lx, l1) = (x.ln(), (-1.0 / x).ln_1p());
    -0.5 * lx * lx - (PI2_6 + lx * l1 - li2_series(-l1))
}
