//! Wright's generalized Bessel function `Φ(a, b; x) = Σ xᵏ/(k!·Γ(ak + b))` and its
//! logarithm (SciPy's `wright_bessel` and `log_wright_bessel`) for a, b, x ≥ 0, summed from
//! its largest term outward. `src/ops/wright.rs` describes the method;
//! shaders/wright_math.wgsl (`math_wright_bessel`) and kernels/common.cuh
//! (`k_wright_bessel`) take the same steps.

use super::special::{gamma, stirling_ln_gamma_ratio, stirling_series, two_sum, HALF_LN_2PI, SQRT_2PI};

/// Stirling's series serves from here (`stirling_series`' own bound).
const Z0: f64 = 10.0;
/// A term below this fraction of the sum ends the sum in its direction.
const TAIL: f64 = 1e-18;
/// From this width (in terms) of the peak on, the sum is taken on a grid of step σ/3.
const WIDE: f64 = 12.0;
/// From this width on, the sum is Laplace's `σ·√(2π)`: ln Φ is then past 1e10, and
/// Laplace's error, of the order of 1/k, and the terms' (`term_ratio` loses `ε·σ·ln x`),
/// are far below its ulp; Φ itself overflowed long before.
const LAPLACE: f64 = 1e5;
/// Terms (and peak walk steps) past which the value is NaN; the widest integer sum (σ just
/// under 12) takes about 220.
const MAX_STEPS: u32 = 2000;
/// `exp` overflows past this.
const EXP_MAX: f64 = 708.0;

/// `t(c + d)/t(c)` for the terms `t(k) = xᵏ/(Γ(k + 1)·Γ(ak + b))`, `lnx = ln x`: between
/// neighbours (`near`, d = ±1) `x/(c + 1)` or `c/x` times `Γ(ac + b)/Γ(a(c + d) + b)`, with no
/// logarithm of x; else `e^(d·ln x)` times that and `Γ(c + 1)/Γ(c + d + 1)`. Each `Γ(z)/Γ(s)`,
/// `s = z + d′` (s and d′ each formed from the arguments, so that neither loses what the
/// other has; 0 where s ≤ 0, a pole), is the product of `s/z` while either is below 10
/// (`Γ(z) = Γ(z + 1)/z`), then `e^−(ln Γ(s) − ln Γ(z))` by Stirling's series arranged so that
/// nothing of the size of ln Γ cancels (`stirling_ln_gamma_ratio`).
fn term_ratio(a: f64, b: f64, x: f64, lnx: f64, c: f64, d: f64, near: bool) -> f64 {
    let (mut e, mut p) = if near { (0.0, if d > 0.0 { x / (c + 1.0) } else { c / x }) } else { (d * lnx, 1.0) };
    for pair in u8::from(near)..2 {
        let (mut z, mut s, d) = if pair == 0 { (c + 1.0, c + d + 1.0, d) } else { (a * c + b, a * (c + d) + b, a * d) };
        if d == 0.0 {
            continue;
        }
        if s <= 0.0 {
            return 0.0;
        }
        while z.min(s) < Z0 {
            let q = s / z;
            if (1e-15..=1e15).contains(&q) {
                p *= q;
            } else {
                e += q.ln();
            }
            if !(1e-15..=1e15).contains(&p) {
                e += p.ln();
                p = 1.0;
            }
            z += 1.0;
            s += 1.0;
        }
        e -= stirling_ln_gamma_ratio(z, s, d);
    }
    p * e.exp()
}

/// The largest term's place, roughly: the root of `ln(k + 1) + a·ln(ak + b + 1) = ln x`
/// (ψ, the terms' logarithmic derivative, to within O(1) in k), by Newton's method in
/// `u = ln(k + 1)` bracketed by bisection; 0 where the terms fall from the first.
fn peak(a: f64, b: f64, lnx: f64) -> f64 {
    if a * (b + 1.0).ln() >= lnx {
        return 0.0;
    }
    let (mut lo, mut hi) = (0.0, lnx);
    let mut u = lnx / (1.0 + a);
    for _ in 0..64 {
        let em1 = u.exp_m1();
        let inner = a * em1 + b + 1.0;
        let g = u + a * inner.ln() - lnx;
        if g < 0.0 {
            lo = u;
        } else {
            hi = u;
        }
        let e = em1 + 1.0;
        let mut next = u - g / (1.0 + a * a * e / inner);
        if !(next > lo && next < hi) {
            next = 0.5 * (lo + hi);
        }
        let moved = (next - u).abs();
        u = next;
        if moved * e < 0.01 || moved <= 4.0 * f64::EPSILON * u {
            break;
        }
    }
    u.exp_m1()
}

/// The term `t(c)` at the sum's centre c (z = ac + b > 0), times `e^extra`, as
/// `e^(hi + lo)·f`, f a factor for the value and a term of the exponent for `log`:
/// `extra + c·ln x − ln Γ(c + 1) − ln Γ(z)` with the ln Γ of arguments past 10 by
/// Stirling's formula, whose `(c + ½)·ln(c + 1)` and `(z − ½)·ln z` are merged into
/// `c·ln q`, `q = x/((c + 1)·zᵃ)` (near 1 at the peak), leaving `extra + (c + 1) + z` as the
/// one large part, kept exactly (hi + lo); the factors of arguments below 10 are products,
/// `qᶜ/c!` and `1/Γ(z)` (for `log`, their logarithms).
fn centre_term(a: f64, b: f64, x: f64, c: f64, extra: f64, log: bool) -> (f64, f64, f64) {
    let z = if c == 0.0 { b } else { a * c + b };
    let w = c + 1.0;
    let (mut q, mut small, mut m) = (x, 0.0, 1.0);
    let (mut big, mut lo) = (extra, 0.0);
    if w >= Z0 {
        q /= w;
        (big, lo) = two_sum(big, w);
        small -= 0.5 * w.ln() + HALF_LN_2PI.0 + stirling_series(w);
    } else {
        for i in 2..=c as u32 {
            m /= f64::from(i);
        }
    }
    if z >= Z0 {
        let lnz = z.ln();
        if c > 0.0 {
            // zᵃ past the range: q from logarithms (x/(c + 1) is in q already).
            let za = z.powf(a);
            q = if za.is_finite() { q / za } else { (q.ln() - a * lnz).exp() };
        }
        small -= (b - 0.5) * lnz + HALF_LN_2PI.0 + stirling_series(z);
        let (s, e) = two_sum(big, z);
        (big, lo) = (s, lo + e);
    }
    let mut ln_m = if log { m.ln() } else { 0.0 };
    if z < Z0 {
        if log {
            ln_m -= libm::lgamma(z);
        } else {
            m /= gamma(z);
        }
    }
    if c > 0.0 {
        if w >= Z0 {
            small += c * q.ln();
        } else if log {
            ln_m += c * q.ln();
        } else {
            m *= q.powi(c as i32);
        }
    }
    let (hi, e) = two_sum(big, small);
    (hi, lo + e, if log { ln_m } else { m })
}

/// The centre of the sum and the step of its grid: the largest term and 1, or past `WIDE`
/// the peak of the terms as a function of real k and σ/3 (the sum over the integers is
/// the integral of that function, to far below ε, and the integral its sum on that grid),
/// or past `LAPLACE` the peak and the whole sum over its term, `σ·√(2π)`; then the sum of
/// the other terms over the centre's. `None` past `MAX_STEPS`.
fn sum(a: f64, b: f64, x: f64) -> Option<(f64, f64, f64)> {
    let lnx = x.ln();
    let kh = peak(a, b, lnx);
    // σ² = −1/(ln t)″ = 1/(ψ′(k + 1) + a²·ψ′(ak + b)), ψ′(z) ≈ 1/z + 1/(2z²).
    let zh = a * kh + b;
    let sigma = (1.0 / (1.0 / (kh + 0.5) + a * a * (1.0 + 0.5 / zh) / zh)).sqrt();
    if sigma >= LAPLACE {
        return Some((kh, sigma * SQRT_2PI, 0.0));
    }
    let mut steps = 0;
    let (c, h) = if sigma >= WIDE {
        (kh, sigma / 3.0)
    } else {
        // Up while the terms rise, or else down while they rise that way.
        let mut k = (kh + 0.5).floor().max(if b == 0.0 { 1.0 } else { 0.0 });
        let mut probe = 1.0;
        loop {
            if probe < 0.0 && !(k >= 1.0 && a * (k - 1.0) + b > 0.0) {
                break;
            }
            steps += 1;
            if steps > MAX_STEPS {
                return None;
            }
            if term_ratio(a, b, x, lnx, k, probe, true) > 1.0 {
                k += probe;
            } else if probe > 0.0 {
                probe = -1.0;
            } else {
                break;
            }
        }
        (k, 1.0)
    };
    // On the grid each term from the centre's; on the integers each from the one before
    // (ratios of neighbours: one ratio of Γs each, with x/(k + 1) in place of e^(ln x)/(k + 1)).
    let grid = h > 1.0;
    let mut rest = 0.0;
    for dir in [1.0, -1.0] {
        let (mut j, mut prev) = (1.0, h);
        loop {
            let d = dir * j * h;
            if c + d < 0.0 || a * (c + d) + b <= 0.0 {
                break;
            }
            let t = if grid {
                term_ratio(a, b, x, lnx, c, d, false) * h
            } else {
                prev * term_ratio(a, b, x, lnx, c + d - dir, dir, true)
            };
            prev = t;
            rest += t;
            steps += 1;
            if steps > MAX_STEPS {
                return None;
            }
            if t < TAIL * (h + rest) {
                break;
            }
            j += 1.0;
        }
    }
    Some((c, h, rest))
}

/// Φ(a, b; x), or ln Φ for `log`. NaN for a NaN or a negative argument and past
/// `MAX_STEPS`; at a = +∞ the first term 1/Γ(b) (NaN with x = +∞), at b = +∞ 0, at
/// x = +∞ +∞ (SciPy: NaN at a or b infinite). x = 0 and a = +∞ are the first term alone,
/// a = 0 is `eˣ/Γ(b)`: the centre term at c = 0, with nothing else to sum.
pub(crate) fn wright_bessel(a: f64, b: f64, x: f64, log: bool) -> f64 {
    let inf = f64::INFINITY;
    if !(a >= 0.0 && b >= 0.0 && x >= 0.0) || (a == inf && x == inf) {
        return f64::NAN;
    }
    if b == inf || (b == 0.0 && (x == 0.0 || a == 0.0)) {
        return if log { -inf } else { 0.0 };
    }
    if x == inf {
        return inf;
    }
    let (c, h, rest, extra) = if x == 0.0 || a == inf {
        (0.0, 1.0, 0.0, 0.0)
    } else if a == 0.0 {
        (0.0, 1.0, 0.0, x)
    } else {
        match sum(a, b, x) {
            Some((c, h, rest)) => (c, h, rest, 0.0),
            None => return f64::NAN,
        }
    };
    let (hi, lo, f) = centre_term(a, b, x, c, extra, log);
    if log {
        return hi + (lo + f + h.ln() + (rest / h).ln_1p());
    }
    let scale = h + rest;
    if hi.abs() > EXP_MAX {
        return (hi + (lo + f.ln() + scale.ln())).exp();
    }
    hi.exp() * f * (scale + scale * lo)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Closed forms: a = 1 is a modified Bessel function, `Φ(1, 1; x) = I₀(2√x)`, and
    /// `Φ(1, 2; x) = I₁(2√x)/√x`; Φ(a, b; 0) = 1/Γ(b).
    #[test]
    fn closed_forms() {
        for x in [0.01, 0.5, 3.0, 40.0, 900.0] {
            let s = 2.0 * f64::sqrt(x);
            let i0 = super::super::special::i0(s);
            let i1 = super::super::special::i1(s) / x.sqrt();
            let got0 = wright_bessel(1.0, 1.0, x, false);
            let got1 = wright_bessel(1.0, 2.0, x, false);
            assert!((got0 / i0 - 1.0).abs() < 64.0 * f64::EPSILON, "Φ(1, 1; {x}) = {got0}, I₀ = {i0}");
            assert!((got1 / i1 - 1.0).abs() < 64.0 * f64::EPSILON, "Φ(1, 2; {x}) = {got1}, I₁/√x = {i1}");
        }
        assert_eq!(wright_bessel(2.5, 3.0, 0.0, false), 0.5);
        assert_eq!(wright_bessel(0.5, 0.0, 0.0, false), 0.0);
    }
}
