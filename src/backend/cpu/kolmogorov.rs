//! The Kolmogorov distribution's survival function and its inverse in f64 (SciPy's
//! `kolmogorov` and `kolmogi`), and those of the one-sided statistic `D_n^+` for finite n
//! (`smirnov`, `smirnovi`); src/ops/kolmogorov.rs describes the methods, and
//! shaders/kolmogorov_math.wgsl and kernels/common.cuh are the same for wgpu and CUDA.

use super::gammainc::log1pmx;
use super::special::{stirling_series, two_prod, SQRT_2PI};

/// Where the survival function leaves `1 − CDF` for its own series: just below the
/// median 0.8276, so that neither side subtracts more than half of 1.
const SPLIT: f64 = 0.82;
/// The survival function at `SPLIT`: `kolmogi` matches p itself up to it and `1 − p`
/// (exact, p being above ½) above it, each with the series that holds there.
const P_SPLIT: f64 = 0.5119717052984973;
/// √(2π) and π²/8.
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

/// A root's bracket `[lo, hi]` for Newton's method on `ln(v/t)`, which every step narrows
/// (`kolmogi`, `smirnovi`); a bisection takes `hi` capped at `cap`.
struct LogNewton {
    lo: f64,
    hi: f64,
    cap: f64,
}

impl LogNewton {
    /// One step from x, where the function is v against the target t with slope dv and
    /// the root lies above x when `below`: `Ok(root)` once v is t, or the step or the
    /// bracket is within 2 ulp of x; else `Err(next x)`, the step's, or the bracket's
    /// midpoint where the step leaves it. `ln(v/t)`, not `ln v − ln t` (whose roundings
    /// are those of |ln t|).
    fn step(&mut self, x: f64, v: f64, t: f64, dv: f64, below: bool) -> Result<f64, f64> {
        if v == t {
            return Ok(x);
        }
        if below {
            self.lo = x;
        } else {
            self.hi = x;
        }
        let next = x - (v / t).ln() * v / dv;
        let tol = 4.440892098500626e-16 * x;
        if (next - x).abs() <= tol {
            return Ok(next);
        }
        let next = if next > self.lo && next < self.hi { next } else { 0.5 * (self.lo + self.hi.min(self.cap)) };
        if self.hi - self.lo <= tol {
            return Ok(next);
        }
        Err(next)
    }
}

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
    let (lo, hi) = if upper { (SPLIT, f64::INFINITY) } else { (0.0, SPLIT) };
    let mut bracket = LogNewton { lo, hi, cap: 40.0 };
    x = x.clamp(lo, hi.min(40.0));
    for _ in 0..MAX_STEPS {
        // The matched tail's own series whatever side of `SPLIT` x is on (a start clamped
        // to `SPLIT` itself once met the other one: 9 evaluations, not 4, for p in (0.512,
        // 0.533)).
        let (v, dv) = if upper { sf_series(x) } else { cdf_series(x) };
        match bracket.step(x, v, t, dv, (v > t) == upper) {
            Ok(root) => return root,
            Err(next) => x = next,
        }
    }
    x
}

// ---- smirnov, smirnovi -------------------------------------------------------------------

/// Stirling's series `S(k) = ln Γ(k) − ((k − ½) ln k − k + ½ ln 2π)` at k = 1, …, 9, below
/// the reach of `stirling_series`.
const STIRLING_SMALL: [f64; 9] = [
    0.08106146679532726,
    0.0413406959554093,
    0.02767792568499834,
    0.020790672103765093,
    0.016644691189821193,
    0.013876128823070748,
    0.01189670994589177,
    0.010411265261972096,
    0.009255462182712733,
];
/// The largest n (SciPy's, a C `int`); n is truncated toward zero, as SciPy does.
const SMIRNOV_N_MAX: f64 = 2147483647.0;
/// 2nx² past which `P(D_n^+ ≥ x) ≤ e^(−2nx²)` (Hoeffding's bound) rounds to 0.
const SMIRNOV_ZERO: f64 = 745.2;
/// 2π.
const TAU: f64 = std::f64::consts::TAU;

/// `S(k)` for an integer k ≥ 1.
fn stirling_int(k: f64) -> f64 {
    if k < 10.0 {
        STIRLING_SMALL[k as usize - 1]
    } else {
        stirling_series(k)
    }
}

/// `P(D_n^+ ≥ x)` and its derivative in x, for an integer n ≥ 2 and 0 < x < 1, by the
/// Smirnov–Birnbaum–Tingey sum `Σ_{0≤v<n(1−x)} T_v` with `T_v = x·C(n, v)·p^(v−1)·q^(n−v)`,
/// p = x + v/n, q = 1 − p: all terms positive, summed with Kahan's compensation. `T_0 =
/// (1 − x)^n`; the others are a binomial probability in Loader's saddle-point form,
/// `x/p·√(n/(2π v(n−v)))·e^E`, `E = v·log1pmx(nx/v) + (n−v)·log1pmx(−nx/(n−v)) + S(n) −
/// S(v) − S(n−v)`, in which nothing large cancels (the `±nx` of the two logarithms cancel
/// exactly in the algebra, not in floating point), so each term is as exact as the
/// rounding of E allows, |E| ulps. Below nx = 1 the closed form `1 − x(1 + x)^(n−1)` (the
/// complementary sum's one term).
fn smirnov_sum(n: f64, x: f64, derivative: bool) -> (f64, f64) {
    let nx = n * x;
    if nx < 1.0 {
        let w = (n - 2.0) * x.ln_1p();
        let (c, dc) = ((w + x.ln_1p()).exp() * x, w.exp() * (1.0 + nx));
        return (1.0 - c, -dc);
    }
    let first = (n * (-x).ln_1p()).exp();
    let (mut sum, mut comp) = (first, 0.0);
    let mut d = -first * n / (1.0 - x);
    let sn = stirling_int(n);
    let mut v = 1.0;
    while n - v > nx {
        let nv = n - v;
        let s = nx / nv;
        // log1pmx(−s), for s past ½ as ln((n − v − nx)/(n − v)) + s with the difference
        // exact (Sterbenz), so that q keeps its digits as it nears 0.
        let lq = if s > 0.5 { ((nv - nx) / nv).ln() + s } else { log1pmx(-s) };
        let e = v * log1pmx(nx / v) + nv * lq + sn - stirling_int(v) - stirling_int(nv);
        let t = nx / (nx + v) * (n / (TAU * v * nv)).sqrt() * e.exp();
        let y = t - comp;
        let z = sum + y;
        comp = (z - sum) - y;
        sum = z;
        if derivative {
            d += t * (1.0 / x + n * (v - 1.0) / (nx + v) - n * nv / (nv - nx));
        }
        v += 1.0;
    }
    (sum.min(1.0), d)
}

/// `P(D_n^+ ≥ x)`, the one-sided Kolmogorov–Smirnov statistic's survival function for n
/// samples (SciPy's `smirnov(n, x)`), by `smirnov_sum`; n truncated toward zero. SciPy's
/// conventions: NaN for n < 1 and x outside [0, 1]; 1 at x = 0, 0 at 1; `1 − x` for n =
/// 1. 0 where Hoeffding's bound `e^(−2nx²)` is below half the smallest subnormal.
pub(crate) fn smirnov(n: f64, x: f64) -> f64 {
    let n = n.trunc();
    if !(1.0..=SMIRNOV_N_MAX).contains(&n) || !(0.0..=1.0).contains(&x) {
        return f64::NAN;
    }
    if x == 0.0 {
        return 1.0;
    }
    if n == 1.0 || x == 1.0 {
        return 1.0 - x;
    }
    if 2.0 * n * x * x > SMIRNOV_ZERO {
        return 0.0;
    }
    smirnov_sum(n, x, false).0
}

/// The x with `smirnov(n, x) = p` (SciPy's `smirnovi`): `1 − p^(1/n)` where that is past
/// `1 − 1/n` (where the sum is `(1 − x)^n` alone); otherwise Newton's method on `ln(S/p)`
/// inside the bracket `[1 − p^(1/n), √(−ln p/(2n))]` (the sum's first term and Hoeffding's
/// bound), which each step narrows (a step that leaves it bisects it), from the root of
/// the asymptotic form `e^(−(6nx + 1)²/(18n))`. NaN for n < 1, for p outside [0, 1];
/// 1 at p = 0, 0 at 1, `1 − p` for n = 1.
pub(crate) fn smirnovi(n: f64, p: f64) -> f64 {
    let n = n.trunc();
    if !(1.0..=SMIRNOV_N_MAX).contains(&n) || !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    if p == 0.0 || n == 1.0 {
        return 1.0 - p;
    }
    if p == 1.0 {
        return 0.0;
    }
    let lp = p.ln();
    let lo = -(lp / n).exp_m1();
    if lo * n >= n - 1.0 {
        return lo;
    }
    let hi = (-lp / (2.0 * n)).sqrt().min(1.0);
    let mut bracket = LogNewton { lo, hi, cap: 1.0 };
    let mut x = (((-18.0 * n * lp).sqrt() - 1.0) / (6.0 * n)).max(0.0);
    if !(x > lo && x < hi) {
        x = 0.5 * (lo + hi);
    }
    for _ in 0..MAX_STEPS {
        let (s, ds) = smirnov_sum(n, x, true);
        match bracket.step(x, s, p, ds, s > p) {
            Ok(root) => return root,
            Err(next) => x = next,
        }
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
