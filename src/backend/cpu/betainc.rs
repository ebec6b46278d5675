//! The regularised incomplete beta function `I_x(a, b)` and its complement (SciPy's
//! `betainc` and `betaincc`). shaders/betainc_math.wgsl and `k_betainc` in
//! kernels/common.cuh are the same algorithm for wgpu and CUDA.

use super::gammainc::log1pmx;
use super::special::{gamma, stirling_series};

/// Where the continued fraction stops (a step within 2^-53 of 1).
const EPS: f64 = 1.1102230246251565e-16;
/// The cap on the fraction's terms. It takes about 2.3·√a terms at the centre of a
/// distribution with a = b (230 at 10⁴) and far fewer in the tails, so the cap is
/// reached only for parameters past about 10⁷ near the centre; NaN is returned there.
const MAX_TERMS: usize = 12_000;
/// Below this the fraction's partial denominators are replaced (Lentz's method).
const TINY: f64 = 1e-300;
/// From here Stirling's series serves `ln Γ` (its error below 2^-53).
const STIRLING_FROM: f64 = 10.0;

/// `x^a·y^b/(a·B(a, b))` for a, b > 0 and y = 1 − x, with `lx = ln x` and `ly = ln y`
/// accurate (`ln_1p(−x)` for the one computed as a difference), the factor in front of
/// the continued fraction:
/// - a, b ≥ 10: Stirling's series for all three Γ, arranged so that the large terms
///   cancel exactly: with d = x·b − y·a = (a + b)(x − x₀) for the mean x₀ = a/(a + b),
///   `√(b/(2πa(a + b)))·e^(a·φ(d/a) + b·φ(−d/b) − S(a) − S(b) + S(a + b))`, where
///   φ(u) = ln(1 + u) − u ≤ 0 (the linear terms d − d cancel, and φ is computed without
///   cancellation);
/// - one of them (m) below 10, the other (M) not: `Γ(a + b)/Γ(M)` from Stirling's series
///   as in `betaln`, the exponent `m·ln(v·s) + M·ln w + M·φ(m/M) − ½ln(1 + m/M) + S(s) −
///   S(M)` (v, w the variables paired with m and M) over `Γ(m + 1)` or `a·Γ(b)`;
/// - both below 10: `x^a·y^b·Γ(a + b)/(Γ(a + 1)·Γ(b))`.
fn power_factor(a: f64, b: f64, (x, y): (f64, f64), (lx, ly): (f64, f64)) -> f64 {
    let s = a + b;
    if a >= STIRLING_FROM && b >= STIRLING_FROM {
        let d = x * b - y * a;
        let part = |p: f64, v: f64, u: f64| {
            if u > -0.5 {
                p * log1pmx(u)
            } else {
                p * ((v * (s / p)).ln() - u) // v far below its mean, whose ratio is not lost to u's rounding
            }
        };
        let e = part(a, x, d / a) + part(b, y, -d / b);
        let tail = stirling_series(a) + stirling_series(b) - stirling_series(s);
        return (b / s).sqrt() / (std::f64::consts::TAU * a).sqrt() * (e - tail).exp();
    }
    let (m, v, big, l_big) = if a <= b { (a, x, b, ly) } else { (b, y, a, lx) };
    if big >= STIRLING_FROM {
        let t = m / big;
        let e = m * (v * s).ln() + big * l_big + big * log1pmx(t) - 0.5 * t.ln_1p()
            + (stirling_series(s) - stirling_series(big));
        let g = if a <= b { gamma(1.0 + a) } else { a * gamma(b) };
        return e.exp() / g;
    }
    // v^p as a power where v < ½, which is then exact (x itself, or 1 − x for x > ½),
    // else from its logarithm, which is below ln 2 in size.
    let power = |v: f64, p: f64, lv: f64| if v < 0.5 { v.powf(p) } else { (p * lv).exp() };
    power(x, a, lx) * power(y, b, ly) * (gamma(s) / (gamma(a + 1.0) * gamma(b)))
}

/// The k-th partial numerator of the continued fractions `I_x(a, b) = x^a·y^b/(a·B(a,
/// b))·F`, `F = 1/(1 + d₁/(1 + d₂/(1 + …)))`:
/// - the first (DLMF 8.17.22): `d₂ₘ₊₁ = −(a + m)(a + b + m)x/((a + 2m)(a + 2m + 1))`,
///   `d₂ₘ = m(b − m)x/((a + 2m − 1)(a + 2m))`;
/// - the second (Cephes' `incbd`), in z = x/y, whose F is divided by y:
///   `d₂ₘ₊₁ = −z(a + m)(b − 1 − m)/((a + 2m)(a + 2m + 1))`, `d₂ₘ₊₂ = z(m + 1)(a + b +
///   m)/((a + 2m + 1)(a + 2m + 2))`.
fn numerator(second: bool, a: f64, b: f64, x: f64, k: usize) -> f64 {
    let m = ((k - 1) / 2) as f64;
    let a2m = a + 2.0 * m;
    match (second, k % 2 == 1) {
        (false, true) => -(a + m) * (a + b + m) * x / (a2m * (a2m + 1.0)),
        (false, false) => (m + 1.0) * (b - m - 1.0) * x / ((a2m + 1.0) * (a2m + 2.0)),
        (true, true) => -x * (a + m) * (b - 1.0 - m) / (a2m * (a2m + 1.0)),
        (true, false) => x * (m + 1.0) * (a + b + m) / ((a2m + 1.0) * (a2m + 2.0)),
    }
}

/// `F = 1/(1 + d₁/(1 + d₂/(1 + …)))` with `numerator(second, a, b, x, k)`. As in
/// `legendre_fraction`, the modified Lentz method finds how many terms it takes and the
/// fraction is then evaluated from the bottom up, a quarter deeper, which keeps its
/// roundings from compounding. NaN where it does not converge in `MAX_TERMS`.
fn fraction(second: bool, a: f64, b: f64, x: f64) -> f64 {
    let (mut c, mut d) = (1.0, 0.0);
    let mut n = 0;
    for k in 1..MAX_TERMS {
        let dk = numerator(second, a, b, x, k);
        d = 1.0 + dk * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + dk / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        if (c * d - 1.0).abs() <= EPS {
            n = k + k / 4 + 4;
            break;
        }
    }
    if n == 0 {
        return f64::NAN;
    }
    let mut t = 1.0;
    for k in (1..=n).rev() {
        t = 1.0 + numerator(second, a, b, x, k) / t;
    }
    1.0 / t
}

/// Where the first fraction's value says it is ill-conditioned: F is I over its factor,
/// and F large means that its terms cancel (a small second parameter with x near 1, as
/// `I_(1−x)(b, a)` for a ≪ b near the mean), so its roundings grow by about F.
const FRACTION_WELL: f64 = 16.0;
/// How closely the second fraction's function must agree with 1 minus the first's.
const AGREE: f64 = 1.0 / 1024.0;

/// The regularised incomplete beta function `I_x(a, b) = ∫₀ˣ t^(a−1)(1 − t)^(b−1) dt /
/// B(a, b)` (`upper` false: SciPy's `betainc`) or its complement `1 − I_x(a, b)`
/// (`upper`: `betaincc`). Of the two, the one whose first continued fraction converges
/// fast is computed (`I_x(a, b)` below x = (a + 1)/(a + b + 2), `I_(1−x)(b, a)` above),
/// by `power_factor` times the fraction, or by the power series where b·x ≤ 1 and x ≤
/// 0.95 (as Cephes). Where the fraction's value exceeds `FRACTION_WELL` the other
/// function is computed by the second fraction instead, if that is well-conditioned and
/// agrees with 1 minus the first to `AGREE`.
/// The function not computed is 1 minus the other, or, where that would cancel (the
/// other above ½) and its power series has positive terms (its second parameter below
/// 1), by that series. SciPy's conventions: NaN for NaN, a < 0, b < 0, x outside [0, 1],
/// a = b = 0 and a = b = ∞; then 0 at x = 0, 1 at x = 1, 1 at a = 0 or b = ∞, 0 at b =
/// 0 or a = ∞ (complemented for `upper`).
pub(crate) fn betainc(a: f64, b: f64, x: f64, upper: bool) -> f64 {
    let pick = |p: f64| if upper { 1.0 - p } else { p };
    if a.is_nan() || b.is_nan() || x.is_nan() || a < 0.0 || b < 0.0 || !(0.0..=1.0).contains(&x) {
        return f64::NAN;
    }
    if (a == 0.0 && b == 0.0) || (a.is_infinite() && b.is_infinite()) {
        return f64::NAN;
    }
    if x == 0.0 || x == 1.0 {
        return pick(x);
    }
    if a == 0.0 || b.is_infinite() {
        return pick(1.0);
    }
    if b == 0.0 || a.is_infinite() {
        return pick(0.0);
    }
    let (y, lx, ly) = (1.0 - x, x.ln(), (-x).ln_1p());
    let mut swap = x > (a + 1.0) / (a + b + 2.0);
    let (mut a, mut b, x, mut y, mut lx, ly) = if swap { (b, a, y, x, ly, lx) } else { (a, b, x, y, lx, ly) };
    let mut f = power_factor(a, b, (x, y), (lx, ly));
    let mut r = 0.0;
    if f != 0.0 && b * x <= 1.0 && x <= 0.95 {
        r = power_series(a, b, x, f / (b * ly).exp());
    } else if f != 0.0 {
        let v = fraction(false, a, b, x);
        r = f * v;
        if v > FRACTION_WELL {
            // The other function, I_y(b, a) = y^b·x^a/(b·B)·F₂/x with F₂ in z = y/x.
            // Taken where it is well-conditioned too and agrees with 1 − r to 2^-10 (in
            // f32 it can converge to a wrong value that passes the first test).
            let w = fraction(true, b, a, y / x);
            let other = f * (a / b) * w / x;
            if w.abs() <= FRACTION_WELL && (other + r - 1.0).abs() <= AGREE {
                (swap, f, r) = (!swap, f * (a / b), other);
                (a, b, y, lx) = (b, a, x, ly); // the other function's frame (its x is y)
            }
        }
    }
    if swap == upper {
        return r;
    }
    // 1 − r would cancel: the other function directly by its power series, which takes
    // positive terms when its second parameter (here a) is below 1. Its factor y^b/(b·B)
    // is f·(a/b)/x^a.
    if r > 0.5 && a < 1.0 {
        let s = power_series(b, a, y, f * (a / b) / (a * lx).exp());
        if !s.is_nan() {
            return s;
        }
    }
    1.0 - r
}

/// `I_x(a, b) = x^a/(a·B(a, b))·(1 + a·Σ (1 − b)ₙ/n!·xⁿ/(a + n))` (the integral of the
/// binomial series of (1 − t)^(b − 1), term by term), with f = x^a/(a·B(a, b)); its terms
/// are positive for b < 1. NaN where it does not converge in `MAX_TERMS` (x near 1).
fn power_series(a: f64, b: f64, x: f64, f: f64) -> f64 {
    let (mut c, mut sum) = (1.0, 0.0);
    for n in 1..MAX_TERMS {
        let n = n as f64;
        c *= (n - b) * x / n;
        let t = c / (a + n);
        sum += t;
        if t.abs() <= EPS * sum.abs() {
            return f * (1.0 + a * sum);
        }
    }
    f64::NAN
}

#[cfg(test)]
mod tests {
    use super::betainc;

    #[test]
    fn closed_forms() {
        // I_x(1, b) = 1 − (1 − x)^b, I_x(a, 1) = x^a, I_x(½, ½) = (2/π) asin √x, within 16 ulp
        // (three Γ of 2 ulp each, the exponential and the fraction; tests/special.rs holds the
        // accuracy against mpmath).
        for x in [1e-8f64, 0.1, 0.3, 0.5, 0.77, 0.999] {
            let want = -(3.5 * (-x).ln_1p()).exp_m1();
            let got = betainc(1.0, 3.5, x, false);
            assert!((got / want - 1.0).abs() < 3.6e-15, "x = {x}: {got} {want}");
            let want = x.powf(2.25);
            let got = betainc(2.25, 1.0, x, false);
            assert!((got / want - 1.0).abs() < 3.6e-15, "x = {x}: {got} {want}");
            let want = std::f64::consts::FRAC_2_PI * x.sqrt().asin();
            assert!((betainc(0.5, 0.5, x, false) / want - 1.0).abs() < 3.6e-15, "x = {x}");
        }
    }

    #[test]
    fn conventions() {
        let nan = f64::NAN;
        let inf = f64::INFINITY;
        for (a, b, x) in [(nan, 1.0, 0.5), (1.0, -1.0, 0.5), (1.0, 1.0, 1.5), (0.0, 0.0, 0.5), (inf, inf, 0.5)] {
            assert!(betainc(a, b, x, false).is_nan() && betainc(a, b, x, true).is_nan());
        }
        assert_eq!(betainc(0.0, 2.0, 0.5, false), 1.0);
        assert_eq!(betainc(2.0, 0.0, 0.5, false), 0.0);
        assert_eq!(betainc(inf, 2.0, 0.5, false), 0.0);
        assert_eq!(betainc(2.0, inf, 0.5, true), 0.0);
        assert_eq!(betainc(2.0, 3.0, 0.0, true), 1.0);
        assert_eq!(betainc(0.0, 2.0, 0.0, false), 0.0);
        assert!(betainc(1e10, 1e10, 0.5, false).is_nan(), "past the fraction's cap");
    }
}
