//! The inverse error functions and the normal quantile on the host, from Wichura's
//! AS 241 (PPND16, Applied Statistics 37, 1988: relative error about 1e-16), written
//! so that its two inputs — `q = p − ½` and the smaller tail probability
//! `s = min(p, 1 − p)` — are exact for each function: erfinv's tail comes from
//! `1 − |x|` and erfcinv's from `y` itself, so neither loses the digits of a
//! probability near 0. `shaders/special_math.wgsl` is the same algorithm for wgpu.

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
    let ((p, ep), (q, eq)) = (exact_square(a), exact_square(b));
    let d = (0.5 * p - q) + (0.5 * ep - eq);
    // erfc(b + δ) = erfc(b)·e^(−(2bδ + δ²))·(b/(b + δ))(1 + …), 2bδ + δ² = d.
    0.5 * libm::erfc(b) * (-d).exp() * (1.0 - d / (2.0 * q))
}

/// `a²` as `p + e` exactly (Dekker's product by Veltkamp's split, for |a| < 2^996),
/// without relying on a fused multiply-add, which is a software call on targets
/// without FMA.
fn exact_square(a: f64) -> (f64, f64) {
    let c = 134_217_729.0 * a; // 2^27 + 1
    let hi = c - (c - a);
    let lo = a - hi;
    let p = a * a;
    (p, ((hi * hi - p) + 2.0 * hi * lo) + lo * lo)
}

/// f32 versions: computed in f64 (where the inputs are exact) and rounded once.
pub(crate) fn erfinv_f32(x: f32) -> f32 {
    erfinv(x as f64) as f32
}
pub(crate) fn erfcinv_f32(y: f32) -> f32 {
    erfcinv(y as f64) as f32
}
pub(crate) fn ndtri_f32(p: f32) -> f32 {
    ndtri(p as f64) as f32
}
pub(crate) fn ndtr_f32(x: f32) -> f32 {
    ndtr(x as f64) as f32
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
fn chbevl(x: f64, coeffs: &[f64]) -> f64 {
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
pub(crate) fn i0_f32(x: f32) -> f32 {
    i0(x as f64) as f32
}
