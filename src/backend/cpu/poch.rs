//! The Pochhammer symbol (rising factorial) `(z)_m = Γ(z + m)/Γ(z)`, SciPy's `poch`, and
//! the binomial coefficient built on it, SciPy's `binom`. shaders/gamma_math.wgsl
//! (`math_poch`, `math_binom`) and kernels/common.cuh (`k_poch`, `k_binom`) are the same
//! algorithms.

use super::special::{
    betaln_past_gamma, digamma, gamma, gamma_pole, gamma_sign, sin_pi_parts, stirling_ln_gamma_ratio, two_prod, two_sum,
};

/// Integer m up to this many factors are their product.
const PRODUCT_TERMS: f64 = 64.0;

/// Where Γ's own ratio is used: |z|, |z + m| up to this (Γ(±160) stays normal).
const REACH: f64 = 160.0;

/// ∏ (z + j) for j = 0 … m − 1 (`m > 0`), or 1/∏ (z − j) for j = 1 … |m| (`m < 0`), in
/// double-length arithmetic: each factor an exact two-sum, each product a Dekker
/// product, so 64 factors cost about one rounding. `None` where the product overflows
/// (or, for m < 0, its reciprocal leaves the normal range), for the general path.
fn product(z: f64, m: f64) -> Option<f64> {
    let up = m > 0.0;
    let (mut ph, mut pl) = (1.0, 0.0);
    for j in 0..m.abs() as i32 {
        let c = if up { j as f64 } else { -(j + 1) as f64 };
        let (fh, fl) = two_sum(z, c);
        let (h, err) = two_prod(ph, fh);
        (ph, pl) = two_sum(h, err + (ph * fl + pl * fh));
    }
    if !ph.is_finite() {
        return None;
    }
    if up {
        return Some(ph + pl);
    }
    if ph == 0.0 {
        return Some(f64::INFINITY); // z − j = 0: z + m is a pole and z is not
    }
    let q = 1.0 / ph;
    (q.abs() >= f64::MIN_POSITIVE && q.is_finite()).then(|| q - q * (pl / ph))
}

/// ln Γ(s) − ln Γ(z) for z, s ≥ ½, s = z + m: for both at least 10, Stirling's series
/// arranged so that nothing of the size of ln Γ cancels, `(z − ½)·ln_1p(m/z) + m·(ln s −
/// 1) + S(s) − S(z)`, each term of the size of m; else the difference of ln Γs, which is
/// then of the size of its terms (one argument below 10, the other past `REACH`).
fn ln_gamma_ratio(z: f64, s: f64, m: f64) -> f64 {
    if z >= 10.0 && s >= 10.0 {
        stirling_ln_gamma_ratio(z, s, m)
    } else {
        libm::lgamma(s) - libm::lgamma(z)
    }
}

/// `fac·e^l` without overflow in between.
fn scaled_exp(fac: f64, l: f64) -> f64 {
    if l.abs() < 700.0 {
        fac * l.exp()
    } else {
        (l + fac.abs().ln()).exp().copysign(fac)
    }
}

/// (z)_m = Γ(z + m)/Γ(z), SciPy's `poch`:
/// - integer m with |m| ≤ 64: the product itself (`product`);
/// - where Γ reaches (|z|, |z + m| ≤ 160): Γ(s)·(1 + ψ(s)·sl)/Γ(z), s + sl = z + m;
/// - elsewhere e^L with Γ(x) = π/(sin πx·Γ(1 − x)) for the arguments below ½ and L a
///   difference or sum of ln Γs, from Stirling's series where both are past 10
///   (`ln_gamma_ratio`).
///
/// 1 at m = 0 (even for NaN z); 0 where z is a pole of Γ and z + m is not; +∞ where
/// z + m is one and z is not; the limit (−1)^m·(1 − z − m)_m where both are; at z =
/// +∞, +∞ for m > 0 and 0 for m < 0; at m = +∞, +∞ for z > 0; NaN otherwise at
/// infinities and for NaN.
pub(crate) fn poch(z: f64, m: f64) -> f64 {
    if m == 0.0 {
        return 1.0;
    }
    if z.is_nan() || m.is_nan() {
        return f64::NAN;
    }
    if z.is_infinite() || m.is_infinite() {
        return match (z, m) {
            (f64::INFINITY, m) if m.is_finite() => {
                if m > 0.0 {
                    f64::INFINITY
                } else {
                    0.0
                }
            }
            (z, f64::INFINITY) if z > 0.0 => f64::INFINITY,
            _ => f64::NAN,
        };
    }
    if m.floor() == m
        && m.abs() <= PRODUCT_TERMS
        && let Some(p) = product(z, m)
    {
        return p;
    }
    let (mut z, (mut s, mut sl)) = (z, two_sum(z, m));
    let mut sign = 1.0;
    let (z_pole, s_pole) = (gamma_pole(z), sl == 0.0 && gamma_pole(s));
    if z_pole != s_pole {
        return if z_pole { 0.0 } else { f64::INFINITY };
    }
    if z_pole {
        // Both poles (m an integer): the ratio of Γ's residues, (−1)^m·Γ(1 − z)/Γ(1 − s),
        // whose arguments are positive integers, exact.
        if (m * 0.5).floor() != m * 0.5 {
            sign = -1.0;
        }
        (z, s, sl) = (1.0 - s, 1.0 - z, 0.0);
    }
    if z.abs() <= REACH && s.abs() <= REACH && !gamma_pole(s) {
        let gz = gamma(z);
        if gz.is_finite() && gz != 0.0 {
            let gs = if sl == 0.0 { gamma(s) } else { gamma(s) * (1.0 + digamma(s) * sl) };
            return sign * (gs / gz);
        }
    }
    // Reflection for the arguments below ½.
    let pi = std::f64::consts::PI;
    match (z < 0.5, s < 0.5) {
        (true, true) => {
            let fac = sign * sin_pi_parts(z, 0.0) / sin_pi_parts(s, sl);
            let (t, tl) = two_sum(1.0, -s);
            scaled_exp(fac, ln_gamma_ratio(t - sl + tl, 1.0 - z, m))
        }
        (true, false) => {
            let l = libm::lgamma(s) + libm::lgamma(1.0 - z);
            scaled_exp(sign * sin_pi_parts(z, 0.0) / pi, l)
        }
        (false, true) => {
            let (t, tl) = two_sum(1.0, -s);
            let l = -(libm::lgamma(t - sl + tl) + libm::lgamma(z));
            scaled_exp(sign * pi / sin_pi_parts(s, sl), l)
        }
        (false, false) => scaled_exp(sign, ln_gamma_ratio(z, s, m)),
    }
}

/// C(n, k) = Γ(n + 1)/(Γ(k + 1)·Γ(n − k + 1)), SciPy's `binom`, for real n and k:
/// - negative n with integer k as (−1)^k·C(k − n − 1, k), whose arguments are positive;
/// - 0 where k is a negative integer, or n − k is one and n is not;
/// - (n − k + 1)_k / Γ(k + 1) where that is a normal number (`poch`: for integer k ≤ 64 a
///   product of k factors);
/// - else ±e^(−ln|B(n − k + 1, k + 1)| − ln|n + 1|), the signs Γ's (`betaln`'s Stirling
///   form, accurate where the ln Γs would cancel: C(1000, 500) = 2.7e299, where both Γs
///   overflow).
///
/// At negative integer n that is the polynomial n(n − 1)…(n − k + 1)/k! for integer k
/// (SciPy: NaN), ±∞ or NaN for other k; NaN for NaN.
pub(crate) fn binom(n: f64, k: f64) -> f64 {
    if n.is_nan() || k.is_nan() {
        return f64::NAN;
    }
    let (mut n, mut sign) = (n, 1.0);
    if n < 0.0 && k.floor() == k {
        if (k * 0.5).floor() != k * 0.5 {
            sign = -1.0;
        }
        n = k - n - 1.0;
    }
    let (n1, k1) = (n + 1.0, k + 1.0);
    let t = n1 - k; // n − k + 1

    // n a negative integer and k not one: Γ(n + 1)'s pole, of either sign (SciPy's NaN).
    if gamma_pole(n1) {
        return f64::NAN;
    }
    if gamma_pole(k1) || gamma_pole(t) {
        return 0.0;
    }
    let g = gamma(k1);
    let direct = poch(t, k) / g;
    if direct.is_finite() && direct.abs() >= f64::MIN_POSITIVE {
        return sign * direct;
    }
    // Γ's range is left behind here, so betaln's Γ ratio is not needed.
    let b_sign = gamma_sign(t) * gamma_sign(k1) * gamma_sign(n1 + 1.0) * n1.signum();
    let (lo, hi) = if t <= k1 { (t, k1) } else { (k1, t) };
    sign * b_sign * (-(betaln_past_gamma(lo, hi, lo + hi) + n1.abs().ln())).exp()
}
