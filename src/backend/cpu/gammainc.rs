//! The regularised incomplete gamma functions P(a, x) and Q(a, x) = 1 − P(a, x) in f64
//! (SciPy's `gammainc` and `gammaincc`); src/ops/gammainc.rs describes the algorithm,
//! and shaders/gammainc_math.wgsl and kernels/common.cuh are the same for wgpu and CUDA.

use super::special::{gamma, stirling_series};

/// Temme's coefficients: row k holds c_k(η) = Σ dₙ·ηⁿ of the uniform expansion
/// `Q(a, x) = ½ erfc(η√(a/2)) + e^(−aη²/2)/√(2πa)·Σ c_k(η)·a^−k` (DLMF 8.12), cut where
/// the terms fall below 2^-56 of c₀ for a ≥ 20 and |η| ≤ 0.4 (scripts/gammainc-coefficients.py).
#[allow(clippy::excessive_precision)]
const TEMME: [&[f64]; 12] = [
    &[
        -0.3333333333333333,
        0.08333333333333333,
        -0.014814814814814815,
        0.0011574074074074073,
        0.0003527336860670194,
        -0.0001787551440329218,
        3.919263178522438e-05,
        -2.185448510679992e-06,
        -1.85406221071516e-06,
        8.296711340953087e-07,
        -1.7665952736826078e-07,
        6.707853543401498e-09,
        1.0261809784240309e-08,
        -4.382036018453353e-09,
        9.14769958223679e-10,
        -2.5514193994946248e-11,
        -5.830772132550426e-11,
    ],
    &[
        -0.001851851851851852,
        -0.003472222222222222,
        0.0026455026455026454,
        -0.0009902263374485596,
        0.00020576131687242798,
        -4.018775720164609e-07,
        -1.8098550334489977e-05,
        7.64916091608111e-06,
        -1.6120900894563446e-06,
        4.647127802807434e-09,
        1.378633446915721e-07,
        -5.752545603517705e-08,
        1.1951628599778148e-08,
        -1.7543241719747647e-11,
        -1.0091543710600413e-09,
        4.162792991842583e-10,
    ],
    &[
        0.004133597883597883,
        -0.0026813271604938273,
        0.0007716049382716049,
        2.0093878600823047e-06,
        -0.0001073665322636516,
        5.2923448829120125e-05,
        -1.2760635188618728e-05,
        3.423578734096138e-08,
        1.3721957309062934e-06,
        -6.298992138380055e-07,
        1.4280614206064242e-07,
        -2.0477098421990866e-10,
        -1.409252991086752e-08,
        6.228974084922022e-09,
        -1.3670488396617114e-09,
    ],
    &[
        0.0006494341563786008,
        0.00022947209362139917,
        -0.0004691894943952557,
        0.00026772063206283885,
        -7.561801671883977e-05,
        -2.396505113867297e-07,
        1.1082654115347302e-05,
        -5.6749528269915965e-06,
        1.4230900732435883e-06,
        -2.7861080291528143e-11,
        -1.6958404091930278e-07,
        8.099464905388083e-08,
        -1.9111168485973655e-08,
    ],
    &[
        -0.0008618882909167117,
        0.0007840392217200666,
        -0.0002990724803031902,
        -1.4638452578843418e-06,
        6.641498215465122e-05,
        -3.968365047179435e-05,
        1.1375726970678419e-05,
        2.507497226237533e-10,
        -1.6954149536558305e-06,
        8.907507532205309e-07,
        -2.292934834000805e-07,
    ],
    &[
        -0.00033679855336635813,
        -6.972813758365857e-05,
        0.0002772753244959392,
        -0.00019932570516188847,
        6.797780477937208e-05,
        1.419062920643967e-07,
        -1.3594048189768693e-05,
        8.018470256334202e-06,
        -2.291481176508095e-06,
        -3.252473551298454e-10,
        3.4652846491085265e-07,
    ],
    &[
        0.0005313079364639922,
        -0.0005921664373536939,
        0.0002708782096718045,
        7.902353232660328e-07,
        -8.153969367561969e-05,
        5.61168275310625e-05,
        -1.8329116582843375e-05,
        -3.0796134506033047e-09,
        3.465155368803609e-06,
        -2.0291327396058603e-06,
    ],
    &[
        0.00034436760689237765,
        5.171790908260592e-05,
        -0.00033493161081142234,
        0.0002812695154763237,
        -0.00010976582244684731,
        -1.2741009095484485e-07,
        2.7744451511563645e-05,
        -1.8263488805711332e-05,
    ],
    &[
        -0.0006526239185953094,
        0.0008394987206720873,
        -0.000438297098541721,
        -6.969091458420552e-07,
        0.00016644846642067547,
        -0.00012783517679769218,
        4.629953263691304e-05,
    ],
    &[
        -0.0005967612901927463,
        -7.204895416020011e-05,
        0.0006782308837667328,
        -0.0006401475260262758,
        0.00027750107634328704,
    ],
    &[0.0013324454494800656, -0.0019144384985654776, 0.0011089369134596636],
    &[0.001579727660730835],
];

/// The Taylor coefficients of ln Γ(1 + a), from a¹: −γ, then (−1)ⁿ ζ(n)/n, to 2^-56 for |a| ≤ ¼.
#[allow(clippy::excessive_precision)]
const LN_GAMMA_1P: [f64; 27] = [
    -0.5772156649015329,
    0.8224670334241132,
    -0.40068563438653143,
    0.27058080842778454,
    -0.20738555102867398,
    0.1695571769974082,
    -0.1440498967688461,
    0.12550966952474304,
    -0.11133426586956469,
    0.1000994575127818,
    -0.09095401714582904,
    0.083353840546109,
    -0.0769325164113522,
    0.07143294629536133,
    -0.06666870588242046,
    0.06250095514121304,
    -0.058823978658684585,
    0.055555767627403614,
    -0.05263167937961666,
    0.05000004769810169,
    -0.047619070330142226,
    0.04545455629320467,
    -0.04347826605304026,
    0.04166666915034121,
    -0.04000000119214014,
    0.03846153903467518,
    -0.037037037312989324,
];

/// 1/(2k + 1) for k = 18 down to 1: the series of atanh.
const ATANH: [f64; 18] = [
    1.0 / 37.0,
    1.0 / 35.0,
    1.0 / 33.0,
    1.0 / 31.0,
    1.0 / 29.0,
    1.0 / 27.0,
    1.0 / 25.0,
    1.0 / 23.0,
    1.0 / 21.0,
    1.0 / 19.0,
    1.0 / 17.0,
    1.0 / 15.0,
    1.0 / 13.0,
    1.0 / 11.0,
    1.0 / 9.0,
    1.0 / 7.0,
    1.0 / 5.0,
    1.0 / 3.0,
];

/// Where the series and the continued fraction stop (2^-53 of the sum so far), and the
/// cap on their terms, which none reaches (the slowest take about 100: the continued
/// fraction just above x = 1.1 for small a, the series at x = 0.7a).
const EPS: f64 = 1.1102230246251565e-16;
const MAX_TERMS: usize = 300;

/// ln(1 + s) − s for s > −1 without cancellation near 0: with u = s/(2 + s),
/// ln(1 + s) = 2 atanh u, so for −½ < s < 1 (|u| ≤ ⅓) it is −s·u + 2(u³/3 + u⁵/5 + …),
/// whose terms are all small against −s·u ≈ −s²/2.
pub(super) fn log1pmx(s: f64) -> f64 {
    if s > -0.5 && s < 1.0 {
        let u = s / (2.0 + s);
        let z = u * u;
        let p = ATANH.iter().fold(0.0, |p, &c| p * z + c);
        -s * u + 2.0 * (u * z) * p
    } else {
        s.ln_1p() - s
    }
}

/// ln Γ(1 + a) for a > −1, without losing small a to the rounding of 1 + a: its Taylor
/// series for |a| ≤ ¼, `ln Γ(1 + a)` above.
fn ln_gamma_1p(a: f64) -> f64 {
    if a.abs() <= 0.25 {
        a * LN_GAMMA_1P.iter().rev().fold(0.0, |p, &c| p * a + c)
    } else {
        libm::lgamma(1.0 + a)
    }
}

/// `x^a·e^−x/Γ(a + 1)` for a, x > 0, the power series' factor. From a = 10 Stirling's
/// form `e^(a·(ln(1 + s) − s) − S(a))/√(2πa)` with s = (x − a)/a, whose exponent is
/// computed without anything large cancelling (below s = −½ as `a·ln(x/a) − (x − a)`,
/// so that a tiny x/a is not lost to the rounding of s); below a = 10,
/// `x^a·e^−x/Γ(a + 1)`, with e^−x in two halves past its underflow.
fn series_factor(a: f64, x: f64) -> f64 {
    if a >= 10.0 {
        let s = (x - a) / a;
        let core = if s > -0.5 { a * log1pmx(s) } else { a * (x / a).ln() - (x - a) };
        return (core - stirling_series(a)).exp() / (std::f64::consts::TAU * a).sqrt();
    }
    let g1 = if a < 1.0 { gamma(1.0 + a) } else { a * gamma(a) };
    if x < 700.0 {
        x.powf(a) * (-x).exp() / g1
    } else if x < 1400.0 {
        let h = (-0.5 * x).exp(); // e^−x would be subnormal
        x.powf(a) * h * h / g1
    } else {
        0.0 // below the smallest subnormal: a·ln x − x < −1330
    }
}

/// P(a, x) by its power series `x^a·e^−x/Γ(a + 1)·Σ xⁿ/((a + 1)⋯(a + n))` (DLMF 8.11.4),
/// for x below about a (the terms then fall geometrically); f is `series_factor(a, x)`.
fn p_series(a: f64, x: f64, f: f64) -> f64 {
    if f == 0.0 {
        return 0.0;
    }
    let (mut r, mut c, mut s) = (a, 1.0, 1.0);
    for _ in 0..MAX_TERMS {
        r += 1.0;
        c *= x / r;
        s += c;
        if c <= EPS * s {
            break;
        }
    }
    s * f
}

/// The denominator t of Legendre's continued fraction `Γ(a, x) = x^a·e^−x/t`, `t = b₀ +
/// a₁/(b₁ + a₂/(b₂ + …))` with `bᵢ = x + 2i + 1 − a`, `aᵢ = −i(i − a)` (DLMF 8.9.2), for x
/// above a and 1.1 (Q). The modified Lentz method finds how many terms it takes (to
/// 2^-53), and the fraction is then evaluated from the bottom up, a quarter deeper:
/// forward, its roundings compound over the 60–80 terms it takes near x = a (up to 26
/// ulp, by mpmath); backward, they stay within 3, and Lentz's test, which sees only the
/// last step, stops early where the fraction converges slowly (E₁ at x = 0.55 was 14
/// ulp off at Lentz's own count, 1.8 a quarter deeper).
pub(crate) fn legendre_fraction(a: f64, x: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let mut b = x + 1.0 - a;
    let mut c = 1.0 / TINY;
    let mut d = 1.0 / b;
    let mut n = MAX_TERMS;
    for i in 1..MAX_TERMS {
        let an = -(i as f64) * (i as f64 - a);
        b += 2.0;
        d = an * d + b;
        if d.abs() < TINY {
            d = TINY;
        }
        c = b + an / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        if (d * c - 1.0).abs() <= EPS {
            n = i + i / 4 + 4;
            break;
        }
    }
    legendre_backward(a, x, n)
}

/// Legendre's continued fraction (see `legendre_fraction`) cut after n terms and
/// evaluated from the bottom up.
pub(crate) fn legendre_backward(a: f64, x: f64, n: usize) -> f64 {
    let mut t = x + (2 * n + 1) as f64 - a;
    for i in (1..=n).rev() {
        let fi = i as f64;
        t = (x + (2 * i - 1) as f64 - a) - fi * (fi - a) / t;
    }
    t
}

/// Q(a, x) for x ≤ 1.1 and a below about x: `1 − x^a/Γ(1 + a) − x^a/Γ(a)·Σ_{n≥1}
/// (−x)ⁿ/(n!·(a + n))` (DLMF 8.7.3), with `x^a/Γ(1 + a) − 1` as `expm1(a ln x − ln Γ(1 +
/// a))`, so that nothing cancels for small a, where Q is about `−a·(ln x + γ)`.
fn q_series(a: f64, x: f64) -> f64 {
    let (mut fac, mut sum) = (1.0, 0.0);
    for n in 1..MAX_TERMS {
        let n = n as f64;
        fac *= -x / n;
        let term = fac / (a + n);
        sum += term;
        if term.abs() <= EPS * sum.abs() {
            break;
        }
    }
    let em = (a * x.ln() - ln_gamma_1p(a)).exp_m1();
    -em - a * (1.0 + em) * sum
}

/// P(a, x) (or Q(a, x) when `upper`) for a > 20 and |x − a| < 0.3a by Temme's uniform
/// expansion: with s = (x − a)/a and η = sign(s)·√(−2(ln(1 + s) − s)),
/// `Q = ½ erfc(η√(a/2)) + e^(−aη²/2)/√(2πa)·Σ c_k(η)·a^−k` and
/// `P = ½ erfc(−η√(a/2)) − (the same sum)`; `aη²/2 = −a·(ln(1 + s) − s)` is used as it is.
fn temme(a: f64, x: f64, upper: bool) -> f64 {
    let s = (x - a) / a;
    let lpm = log1pmx(s);
    let eta = (-2.0 * lpm).sqrt().copysign(s);
    let z = (-a * lpm).sqrt().copysign(s);
    let ia = 1.0 / a;
    let sum = TEMME.iter().rev().fold(0.0, |acc, row| acc * ia + row.iter().rev().fold(0.0, |p, &c| p * eta + c));
    let tail = (a * lpm).exp() / (std::f64::consts::TAU * a).sqrt() * sum;
    if upper {
        0.5 * libm::erfc(z) + tail
    } else {
        0.5 * libm::erfc(-z) - tail
    }
}

/// The regularised lower (`upper` false: P(a, x) = γ(a, x)/Γ(a), SciPy's `gammainc`) or
/// upper (Q(a, x) = Γ(a, x)/Γ(a) = 1 − P, `gammaincc`) incomplete gamma function. The
/// smaller of the two is computed (the other is 1 minus it): Temme's expansion for a > 20
/// and |x − a| < 0.3a, else P's power series below about x = a, and above it Q's
/// continued fraction (x > 1.1) or its series (x ≤ 1.1, as SciPy's choice of regions).
/// SciPy's conventions: NaN for a < 0 or x < 0, NaN at a = x = 0 and at a = x = ∞;
/// P = 1 at a = 0 for x > 0 and at x = ∞, P = 0 at x = 0 and at a = ∞.
pub(crate) fn gammainc(a: f64, x: f64, upper: bool) -> f64 {
    let pick = |p: f64| if upper { 1.0 - p } else { p };
    if a.is_nan() || x.is_nan() || a < 0.0 || x < 0.0 {
        return f64::NAN;
    }
    if a == 0.0 {
        return if x > 0.0 { pick(1.0) } else { f64::NAN };
    }
    if x == 0.0 {
        return pick(0.0);
    }
    if a.is_infinite() {
        return if x.is_infinite() { f64::NAN } else { pick(0.0) };
    }
    if x.is_infinite() {
        return pick(1.0);
    }
    if a > 20.0 && ((x - a) / a).abs() < 0.3 {
        return temme(a, x, upper);
    }
    let q_first = if x > 1.1 {
        x >= a
    } else if x <= 0.5 {
        a <= -0.4 / x.ln()
    } else {
        a <= 1.1 * x
    };
    if q_first && x <= 1.1 {
        let q = q_series(a, x);
        return if upper { q } else { 1.0 - q };
    }
    let f = series_factor(a, x);
    if q_first {
        let q = if f == 0.0 { 0.0 } else { a * f / legendre_fraction(a, x) };
        if upper {
            q
        } else {
            1.0 - q
        }
    } else {
        pick(p_series(a, x, f))
    }
}

/// The cap on the inverse's iterations, which the bracket makes safe: from the starting
/// guesses below it takes 3–6 steps, and a bad step falls back on halving the bracket.
const INV_MAX_STEPS: usize = 64;

/// The x with P(a, x) = y (`upper` false: SciPy's `gammaincinv`) or Q(a, x) = y (`upper`:
/// `gammainccinv`). The smaller tail t (y or 1 − y, exact) is matched: P = t by Newton's
/// method on ln P in ln x (P ≈ x^a/Γ(a + 1) is a power of x in its lower tail, where
/// this step is exact), Q = t by Newton's method on ln Q in x (Q ≈ x^(a−1)·e^−x/Γ(a) in
/// its upper tail is nearly e^−x; in ln x below x = 1, where small a puts Q's roots),
/// inside a bracket that every evaluation narrows; a step that leaves it (or is not
/// finite) halves it instead. The start is the larger of `(t·Γ(a + 1))^(1/a)` (below
/// the root) and Wilson–Hilferty's `a(1 − 1/9a + z/3√a)³` (z the normal quantile) for P;
/// for Q Wilson–Hilferty (below a = 10 only outside the far tail t < 1e-10, where it
/// overshoots), else the root of P's leading term at 1 − t (small a, whose cube is
/// negative) or in the far tail of Q's `x^(a−1)e^−x/Γ(a) = t`. Stops when a step or the bracket is below 2^-51 of x.
/// SciPy's conventions: NaN for a ≤ 0 or a = ∞ (but y at 0 or 1 gives 0 or ∞ for any
/// a ≥ 0), for y outside [0, 1] and for NaN.
pub(crate) fn gammaincinv(a: f64, y: f64, upper: bool) -> f64 {
    if a.is_nan() || y.is_nan() || a < 0.0 || !(0.0..=1.0).contains(&y) {
        return f64::NAN;
    }
    if y == 0.0 || y == 1.0 {
        return if (y == 0.0) == upper { f64::INFINITY } else { 0.0 };
    }
    if a == 0.0 || a.is_infinite() {
        return f64::NAN;
    }
    // Match the smaller tail: Q = t (solve_q) or P = t, t ≤ ½.
    let solve_q = upper == (y <= 0.5);
    let t = if y <= 0.5 { y } else { 1.0 - y };
    let ln_t = t.ln();
    let z = super::special::ndtri(t);
    let s = 1.0 / (9.0 * a);
    let w = 1.0 - s + if solve_q { -z } else { z } * s.sqrt();
    let wilson = if w > 0.0 { a * w * w * w } else { 0.0 };
    // P's leading term x^a/Γ(a + 1) = p, a root below the true one.
    let power_root = |ln_p: f64| ((ln_p + ln_gamma_1p(a)) / a).exp();
    let mut x = if !solve_q {
        power_root(ln_t).max(wilson)
    } else if w > 0.0 && (t > 1e-10 || a >= 10.0) {
        wilson
    } else if t > 1e-10 {
        // Wilson–Hilferty's cube is negative for small a, whose Q falls to t at tiny x,
        // where P ≈ x^a/Γ(a + 1) = 1 − t.
        power_root((-t).ln_1p())
    } else {
        // The far tail: Q's leading term x^(a−1)e^−x/Γ(a) = t, i.e. x = −ln t − ln Γ(a) +
        // (a − 1) ln x, twice.
        let l = -ln_t - (ln_gamma_1p(a) - a.ln());
        let mut far = l.max(a).max(1.0);
        for _ in 0..2 {
            far = (l + (a - 1.0) * far.ln()).max(1e-30);
        }
        far
    };
    if x == 0.0 {
        return 0.0; // the root is below the smallest subnormal
    }
    let (mut lo, mut hi) = (0.0f64, f64::INFINITY);
    for _ in 0..INV_MAX_STEPS {
        let v = gammainc(a, x, solve_q);
        if v == t {
            return x;
        }
        // P rises with x and Q falls: the root is above x when P < t or Q > t.
        if (v < t) != solve_q {
            lo = x;
        } else {
            hi = x;
        }
        // The density x^(a−1)e^−x/Γ(a), and its ratio to the tail matched.
        let d = series_factor(a, x) * a / x;
        // ln(v/t), not ln v − ln t, whose roundings are those of |ln t| (58 → 12 ulp per
        // unit of max(1, κ) in the mpmath table).
        let g = (v / t).ln();
        // Steps in ln x where a tail is a power of x: P's, and Q's below x = 1.
        let next = if !solve_q {
            x * (-g * v / (x * d)).exp()
        } else if x < 1.0 {
            x * (g * v / (x * d)).exp()
        } else {
            x + g * v / d
        };
        let tol = 4.440892098500626e-16 * x;
        if (next - x).abs() <= tol {
            return next; // converged (before the bracket test: x is one of its ends)
        }
        let next = if next > lo && next < hi {
            next
        } else if hi.is_infinite() {
            2.0 * x
        } else if lo > 0.0 {
            lo.sqrt() * hi.sqrt()
        } else {
            0.5 * hi
        };
        if hi - lo <= tol {
            return next;
        }
        x = next;
    }
    x
}
