//! The Pochhammer symbol (rising factorial) `(z)_m = Γ(z + m)/Γ(z)`, SciPy's `poch`.
//! shaders/gamma_math.wgsl (`math_poch`) and kernels/common.cuh (`k_poch`) are the same
//! algorithm.

use super::special::{digamma, gamma, gamma_pole, sin_cos_pi, stirling_series, two_prod, two_sum};

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

/// sin(π(x + xl)) for |xl| ≤ ulp(x)/2: x − round(x) is exact, and the tail xl enters
/// to first order.
fn sin_pi_parts(x: f64, xl: f64) -> f64 {
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

/// ln Γ(s) − ln Γ(z) for z, s ≥ ½, s = z + m: for both at least 10, Stirling's series
/// arranged so that nothing of the size of ln Γ cancels, `(z − ½)·ln_1p(m/z) + m·(ln s −
/// 1) + S(s) − S(z)`, each term of the size of m; else the difference of ln Γs, which is
/// then of the size of its terms (one argument below 10, the other past `REACH`).
fn ln_gamma_ratio(z: f64, s: f64, m: f64) -> f64 {
    if z >= 10.0 && s >= 10.0 {
        (z - 0.5) * (m / z).ln_1p() + m * (s.ln() - 1.0) + (stirling_series(s) - stirling_series(z))
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
    if m.floor() == m && m.abs() <= PRODUCT_TERMS {
        if let Some(p) = product(z, m) {
            return p;
        }
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
