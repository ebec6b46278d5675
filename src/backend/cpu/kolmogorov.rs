//! The Kolmogorov distribution's survival function and its inverse in f64 (SciPy's
//! `kolmogorov` and `kolmogi`); src/ops/kolmogorov.rs describes the methods, and
//! shaders/kolmogorov_math.wgsl and kernels/common.cuh are the same for wgpu and CUDA.

use super::special::two_prod;

/// Where the survival function leaves `1 − CDF` for its own series: just below the
/// median 0.8276, so that neither side subtracts more than half of 1.
const SPLIT: f64 = 0.82;
/// The survival function at `SPLIT`: `kolmogi` matches p itself up to it and `1 − p`
/// (exact, p being above ½) above it, each with the series that holds there.
const P_SPLIT: f64 = 0.5119717052984973;
/// √(2π) and π²/8.
const SQRT_2PI: f64 = 2.5066282746310007;
const PI2_8: f64 = 1.2337005501361697;
/// Where the series stop: a term below 2^-56 of the sum.
const EPS: f64 = 1.3877787807814457e-17;

/// The survival function and its derivative in x by `2 Σ_{k≥1} (−1)^(k−1) e^(−2k²x²)`,
/// the side of Jacobi's θ₄ identity that converges fast from `SPLIT` on (6 terms at most
/// to 2^-56 of the sum). `e^(−2x²)` is `e^(−2h)·(1 − 2l)` from `x² = h + l` exactly, so
/// that the rounding of x² (worth 2x² ulps, 700 at x = 19) does not reach the tail; its
/// powers `w^(k²)` are products.
fn sf_series(x: f64) -> (f64, f64) {
    let (h, l) = two_prod(x, x);
    let w = (-2.0 * h).exp() * (1.0 - 2.0 * l);
    let (w2, mut step, mut term) = (w * w, w, w); // term = w^(k²), step = w^(2k−1)
    let (mut s, mut d, mut sign) = (0.0, 0.0, 1.0);
    for k in 1..=12 {
        let kk = (k * k) as f64;
        s += sign * term;
        d += sign * kk * term;
        if term <= EPS * s {
            break;
        }
        step *= w2;
        term *= step;
        sign = -sign;
    }
    (2.0 * s, -8.0 * x * d)
}

/// The CDF and its derivative in x by `√(2π)/x·Σ_{k≥1} e^(−(2k−1)²π²/(8x²))`, the other
/// side of the identity, fast below `SPLIT` (3 terms at most).
fn cdf_series(x: f64) -> (f64, f64) {
    let a = PI2_8 / (x * x);
    let (mut s, mut d) = (0.0, 0.0);
    for k in 1..=12 {
        let m = ((2 * k - 1) * (2 * k - 1)) as f64 * a;
        let term = (-m).exp();
        s += term;
        d += term * (2.0 * m - 1.0);
        if term <= EPS * s {
            break;
        }
    }
    let c = SQRT_2PI / x;
    (c * s, c * d / x)
}

/// Kolmogorov's survival function `P(K > x)` (SciPy's `kolmogorov`): `sf_series` from
/// `SPLIT`, 1 − `cdf_series` below. 1 for x ≤ 0 and at −∞, 0 at +∞.
pub(crate) fn kolmogorov(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x <= 0.0 {
        return 1.0;
    }
    if x.is_infinite() {
        return 0.0;
    }
    if x >= SPLIT {
        sf_series(x).0
    } else {
        1.0 - cdf_series(x).0
    }
}

/// Newton's steps at most; the bracket makes any cap safe, and from the starts below
/// the method takes 1–5 (over 30,000 p through (0, 1) and to 1e-300 and 1 − 1e-16).
const MAX_STEPS: usize = 64;

/// The x with `kolmogorov(x) = p` (SciPy's `kolmogi`): the smaller tail t is matched,
/// the survival function for p up to its value at `SPLIT` (0.512) and the CDF at `1 − p`
/// (exact) above, by Newton's
/// method on `ln(T/t)` inside a bracket that each step narrows (a step that leaves it
/// bisects it), from the leading terms' roots: `√(−ln(p/2)/2)` above the median and
/// `π/√(8·(ln(√(2π)/t) − ln x₀))` below, from `x₀ = π/√(8·ln(√(2π)/t))`. NaN outside
/// [0, 1]; +∞ at 0, 0 at 1.
pub(crate) fn kolmogi(p: f64) -> f64 {
    if p.is_nan() || !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    if p == 0.0 {
        return f64::INFINITY;
    }
    if p == 1.0 {
        return 0.0;
    }
    let upper = p <= P_SPLIT;
    let t = if upper { p } else { 1.0 - p };
    let mut x = if upper {
        (-(0.5 * p).ln() / 2.0).sqrt()
    } else {
        let l = (SQRT_2PI / t).ln();
        let x0 = (PI2_8 / l).sqrt();
        (PI2_8 / (l - x0.ln())).sqrt()
    };
    // The tail matched falls with x above the median and the CDF rises below it.
    let (mut lo, mut hi) = if upper { (SPLIT, f64::INFINITY) } else { (0.0, SPLIT) };
    x = x.clamp(lo, hi.min(40.0));
    for _ in 0..MAX_STEPS {
        // The matched tail's own series whatever side of `SPLIT` x is on (a start clamped
        // to `SPLIT` itself once met the other one: 9 evaluations, not 4, for p in (0.512,
        // 0.533)).
        let (v, dv) = if upper { sf_series(x) } else { cdf_series(x) };
        if v == t {
            return x;
        }
        if (v > t) == upper {
            lo = x;
        } else {
            hi = x;
        }
        // ln(v/t), not ln v − ln t (whose roundings are those of |ln t|).
        let next = x - (v / t).ln() * v / dv;
        let tol = 4.440892098500626e-16 * x;
        if (next - x).abs() <= tol {
            return next;
        }
        let next = if next > lo && next < hi { next } else { 0.5 * (lo + hi.min(40.0)) };
        if hi - lo <= tol {
            return next;
        }
        x = next;
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The two series agree where they meet, and the inverse returns its inputs (from 0.7,
    /// below which p nears 1 and its rounding is a large part of 1 − p).
    #[test]
    fn series_meet_and_inverse_round_trips() {
        for &x in &[0.7, SPLIT, 0.9] {
            let ((sf, dsf), (cdf, dcdf)) = (sf_series(x), cdf_series(x));
            assert!((sf + cdf - 1.0).abs() < 4e-16, "at {x}: {sf} + {cdf}");
            assert!((dsf + dcdf).abs() < 1e-15, "at {x}: {dsf}, {dcdf}");
        }
        for &x in &[0.7, 0.8, 0.83, 1.0, 2.0, 5.0, 12.0, 19.0] {
            let p = kolmogorov(x);
            let back = kolmogi(p);
            assert!((back - x).abs() <= 1e-13 * x, "kolmogi(kolmogorov({x})) = {back}");
        }
    }
}
