//! The associated Legendre function `P_v^m(x)` of integer order and real degree (SciPy's
//! `lpmv`) in f64; src/ops/legendre.rs describes the method, and
//! shaders/legendre_math.wgsl and kernels/common.cuh (`k_lpmv`) are the same steps.

use super::special::{digamma, LN2};
use std::f64::consts::PI;

/// Orders past ±512 give NaN: `P_v^m` overflows there, or for m < 0 underflows, at every
/// x but within 1e-5 of ±1.
pub(crate) const MAX_ORDER: f64 = 512.0;
/// Degrees past 2¹⁸ give NaN: the recurrence in the degree takes one step per unit.
pub(crate) const MAX_DEGREE: f64 = 262_144.0;
/// The recurrence in the degree starts, for x < 0, at this fraction of the turning point
/// `|m|/√(1 − x²)`, below which `P_v^m(x)` is its recurrence's minimal solution.
const TURN: f64 = 0.9;
/// Below this x the series for degrees below `|m| + 2` is the logarithmic one.
const LOG_BELOW: f64 = -0.8;
const EULER: f64 = 0.577_215_664_901_532_9;
/// The series stop when a term is below this fraction of their sum (and decreasing).
const EPS: f64 = f64::EPSILON / 4.0;
/// More terms than either series takes for |m| ≤ 512 where it is used: Gauss's 1,908 at
/// most (measured, x ≥ −0.8); the logarithmic one's terms peak near j = v·√((1 + x)/2),
/// which its start keeps below 0.64|m|.
const MAX_TERMS: u32 = 8192;

/// `P_v^m(x)` with the Condon–Shortley phase (SciPy's `lpmv(m, v, x)`): NaN for m not an
/// integer, |x| > 1, |m| > 512, |v| > 2¹⁸ or a NaN; ±∞ at x = −1 for non-integer v.
pub(crate) fn lpmv(m: f64, v: f64, x: f64) -> f64 {
    if m.is_nan() || v.is_nan() || x.is_nan() || m != m.floor() || m.abs() > MAX_ORDER || x.abs() > 1.0 {
        return f64::NAN;
    }
    // P_v = P_(−v−1) (DLMF 14.9.5), which is exact in floating point.
    let v = if v < -0.5 { -v - 1.0 } else { v };
    if v > MAX_DEGREE {
        return f64::NAN;
    }
    let (k, neg) = (m.abs() as u32, m < 0.0);
    if x == 1.0 {
        return if k == 0 { 1.0 } else { 0.0 };
    }
    let fl = v.floor();
    if v == fl {
        return integer_degree(v, k, neg, x);
    }
    let kf = f64::from(k);
    if x == -1.0 {
        // The singular part −(sin πv/π)·((1 − x)/(1 + x))^(m/2)·(m − 1)! (ln for m = 0),
        // over Π(v + j) for m < 0.
        let mut sign = -sin_pi(v).signum();
        if neg && (k % 2 == 1) != (poch_range(v, k) < 0.0) {
            sign = -sign;
        }
        return sign * f64::INFINITY;
    }
    let s = ((1.0 - x) * (1.0 + x)).sqrt();
    // Past x < 0's turning point's fraction, the start is there (above k), by the
    // logarithmic series, which is accurate below the turning point.
    let turn = x < 0.0 && TURN * kf >= s * (kf + 1.0);
    let lo = if turn { (TURN * kf / s).floor() } else { kf };
    let log = turn || x < LOG_BELOW;
    if fl - lo <= 1.0 {
        return base(v, k, neg, x, s, log);
    }
    // P at v − (fl − lo) and the next degree, then the recurrence up to v.
    let (p0, p1) = (base(v - (fl - lo), k, neg, x, s, log), base(v - (fl - lo - 1.0), k, neg, x, s, log));
    climb(p0, p1, fl - lo - 1.0, v, if neg { -kf } else { kf }, x)
}

/// From `P_(v−steps−1)` and `P_(v−steps)` up the recurrence in the degree (DLMF 14.10.3)
/// to `P_v`, its coefficients divided through first so that nothing overflows before P
/// does; v − j is exact.
fn climb(mut p0: f64, mut p1: f64, steps: f64, v: f64, mu: f64, x: f64) -> f64 {
    let mut j = steps;
    while j > 0.0 {
        let nu = v - j;
        let d = nu - mu + 1.0;
        let p2 = (2.0 * nu + 1.0) / d * x * p1 - (nu + mu) / d * p0;
        (p0, p1) = (p1, p2);
        j -= 1.0;
    }
    p1
}

/// `sin(πv)`, exact in its argument: v split at the nearest integer.
fn sin_pi(v: f64) -> f64 {
    let n = v.round();
    let s = (PI * (v - n)).sin();
    if n.rem_euclid(2.0) == 1.0 {
        -s
    } else {
        s
    }
}

/// `Π_(j = 1 − k)^k (v + j) = Γ(v + k + 1)/Γ(v − k + 1)`.
fn poch_range(v: f64, k: u32) -> f64 {
    (1..=k).map(f64::from).fold(1.0, |p, j| p * (v + j) * (v - (j - 1.0)))
}

/// Integer degree n ≥ 0: 0 for 0 ≤ m ∧ n < m; for m < 0 and n < |m| Gauss's series;
/// otherwise `P_n^m(x) = (−1)^(n+m)·P_n^m(−x)` and the recurrence from
/// `P_k^(±k)` and `P_(k+1)^(±k)`, at |x|, where it is stable.
fn integer_degree(n: f64, k: u32, neg: bool, x: f64) -> f64 {
    let kf = f64::from(k);
    if n < kf {
        if !neg {
            return 0.0;
        }
        if x == -1.0 {
            return f64::INFINITY;
        }
        let s = ((1.0 - x) * (1.0 + x)).sqrt();
        if x >= 0.0 {
            return gauss(n, k, true, x, s);
        }
        // ((1 − x)/(1 + x))^(k/2)/k!·(k − n)_n/(k + 1)_n·F(−n, n + 1; 1 − k; (1 + x)/2)
        // (DLMF 14.3.1, 15.8.7): every term positive.
        let q = ((1.0 - x) / (1.0 + x)).sqrt();
        let mut c = (1..=k).map(f64::from).fold(1.0, |c, j| c * q / j);
        let mut i = 0.0;
        while i < n {
            c *= (kf - n + i) / (kf + 1.0 + i);
            i += 1.0;
        }
        let y = (1.0 + x) * 0.5;
        let (mut sum, mut r, mut j) = (1.0, 1.0, 0.0);
        while j < n {
            r *= (j - n) * (n + 1.0 + j) / ((1.0 - kf + j) * (j + 1.0)) * y;
            sum += r;
            j += 1.0;
        }
        return c * sum;
    }
    let sign = if x < 0.0 && (n + kf).rem_euclid(2.0) == 1.0 { -1.0 } else { 1.0 };
    let ax = x.abs();
    let s = ((1.0 - ax) * (1.0 + ax)).sqrt();
    // P_k^k = (−1)^k (2k − 1)!!·s^k, P_k^(−k) = s^k/(2^k k!).
    let pk = (1..=k).map(f64::from).fold(1.0, |p, j| if neg { p * s / (2.0 * j) } else { -p * (2.0 * j - 1.0) * s });
    if n == kf {
        return sign * pk;
    }
    let p1 = ax * pk * if neg { 1.0 } else { 2.0 * kf + 1.0 };
    sign * climb(pk, p1, n - kf - 1.0, n, if neg { -kf } else { kf }, ax)
}

/// `P_v^(±k)(x)` for non-integer v by one series: Gauss's in (1 − x)/2, or when `log` the
/// logarithmic one in (1 + x)/2.
fn base(v: f64, k: u32, neg: bool, x: f64, s: f64, log: bool) -> f64 {
    if log {
        log_series(v, k, neg, x)
    } else {
        gauss(v, k, neg, x, s)
    }
}

/// `P_v^(−k)(x) = s^k/(2^k k!)·F(k − v, k + v + 1; k + 1; (1 − x)/2)` (DLMF 14.3.1 after
/// Euler's transformation, s = √(1 − x²)), and `P_v^k = (−1)^k·Π(v + j)·P_v^(−k)`
/// (DLMF 14.9.3). For v < k + 2 the terms after the first two share a sign.
fn gauss(v: f64, k: u32, neg: bool, x: f64, s: f64) -> f64 {
    let kf = f64::from(k);
    let t = (1.0 - x) * 0.5;
    let (mut sum, mut r, mut n) = (1.0f64, 1.0f64, 0.0);
    for _ in 0..MAX_TERMS {
        let q = (kf - v + n) * (kf + v + 1.0 + n) / ((kf + 1.0 + n) * (n + 1.0)) * t;
        r *= q;
        sum += r;
        n += 1.0;
        if q.abs() < 1.0 && r.abs() <= EPS * (1.0 - t) * sum.abs() {
            break;
        }
    }
    let p = prefactor(sum, v, k, s, neg);
    if !neg && k % 2 == 1 {
        -p
    } else {
        p
    }
}

/// `c·s^k/(2^k k!)`, times `Π(v + j)` unless `neg`, the factors applied to c one by one so
/// that nothing underflows (f32: s^k/(2^k k!) is below the smallest subnormal at k = 32) or
/// overflows before the value does.
fn prefactor(c: f64, v: f64, k: u32, s: f64, neg: bool) -> f64 {
    (1..=k).map(f64::from).fold(
        c,
        |c, j| {
            if neg {
                c * s / (2.0 * j)
            } else {
                c * (v + j) * (v - (j - 1.0)) * s / (2.0 * j)
            }
        },
    )
}

/// `P_v^(±k)(x)` for non-integer v and x < 0 by the connection formula at x = −1 for
/// `F(k − v, k + v + 1; k + 1; ·)` (DLMF 15.8.10, the form of Zhang & Jin's LPMV0), in
/// y = (1 + x)/2: a finite sum in `((1 − x)/(1 + x))^(k/2)` and a series with ln y and
/// digamma terms, both times sin(πv)/π (for −k the finite sum over `Π(v + j)`,
/// DLMF 14.9.3). The digammas are those of the formula, `ψ(k − v + j) + ψ(k + v + 1 + j)
/// − ψ(j + 1) − ψ(k + j + 1)`, each stepped by `ψ(z + 1) = ψ(z) + 1/z`: Zhang & Jin
/// reflect ψ(k − v + j) into `ψ(v) + π·cot(πv)` and rational terms whose poles at the
/// integers cancel, which loses `ε/|v − n|` of P near an integer n < k.
fn log_series(v: f64, k: u32, neg: bool, x: f64) -> f64 {
    let kf = f64::from(k);
    let y = (1.0 + x) * 0.5;
    let vs = sin_pi(v) / PI;
    let lg = y.ln();
    // ψ(j + 1), ψ(k + j + 1), ψ(k − v + j), ψ(k + v + 1 + j) at j = 0.
    let mut d1 = -EULER;
    let mut d2 = -EULER + (1..=k).map(|j| 1.0 / f64::from(j)).sum::<f64>();
    let (mut d3, mut d4) = (digamma(kf - v), digamma(kf + v + 1.0));
    let mut sum = lg - d1 - d2 + d3 + d4;
    let (mut r, mut j) = (1.0f64, 0.0);
    for _ in 0..MAX_TERMS {
        let q = (j + kf - v) * (v + kf + 1.0 + j) / ((j + 1.0) * (j + 1.0 + kf)) * y;
        r *= q;
        d1 += 1.0 / (j + 1.0);
        d2 += 1.0 / (kf + j + 1.0);
        d3 += 1.0 / (kf - v + j);
        d4 += 1.0 / (kf + v + 1.0 + j);
        let bracket = lg - d1 - d2 + d3 + d4;
        sum += bracket * r;
        j += 1.0;
        if q.abs() < 1.0 && r.abs() * bracket.abs().max(1.0) <= EPS * sum.abs() {
            break;
        }
    }
    // The finite sum, k ≥ 1: −(sin πv/π)·(q^k (k − 1)!)·Σ_(i<k) (−v)_i (v + 1)_i/(i! (1 − k)_i)·y^i.
    let mut pv0 = 0.0;
    if k > 0 {
        let (mut s0, mut r1) = (1.0, 1.0);
        for i in 1..k {
            let i = f64::from(i);
            r1 *= ((i - 1.0) - v) * (v + i) / (i * (i - kf)) * y;
            s0 += r1;
        }
        let q = ((1.0 - x) / (1.0 + x)).sqrt();
        // Times q^k·k!, over Π(v + j) for −k: one product, from the rest, so that nothing
        // overflows before the value does.
        pv0 = (1..=k).map(f64::from).fold(-vs / kf * s0, |c, j| {
            if neg {
                c * q * j / ((v + j) * (v - (j - 1.0)))
            } else {
                c * q * j
            }
        });
    }
    let s = ((1.0 - x) * (1.0 + x)).sqrt();
    // For −k the sign (−1)^k.
    let p = pv0 + prefactor(vs * sum, v, k, s, neg);
    if neg && k % 2 == 1 {
        -p
    } else {
        p
    }
}

/// `sph_legendre_p` keeps its running values within `2^±SPH_SCALE` (an even power, so that
/// `√` halves it exactly), with the exponents apart.
const SPH_SCALE: i32 = 500;

/// `v·2^e` brought back within `2^±SPH_SCALE` (from within `2^±2·SPH_SCALE`).
fn sph_norm(v: f64, e: i64) -> (f64, i64) {
    let (big, scale) = (i64::from(SPH_SCALE), 2f64.powi(SPH_SCALE));
    if v.abs() > scale {
        (v / scale, e + big)
    } else if v.abs() < 1.0 / scale && v != 0.0 {
        (v * scale, e - big)
    } else {
        (v, e)
    }
}

/// `sᵏ = f·2^e`, 0 < s ≤ 1, by binary powering with each product brought back in range:
/// about k·ε off (a tenth of that typically), within the condition `k·θ·cot θ` in θ where
/// it is used (|cos θ| ≥ ½).
fn sph_pow(s: f64, k: u32) -> (f64, i64) {
    let (mut b, mut eb) = (s, 0i64);
    while b < 2f64.powi(-SPH_SCALE) {
        (b, eb) = sph_norm(b, eb);
    }
    let (mut f, mut e, mut k) = (1.0, 0i64, k);
    while k > 0 {
        if k & 1 == 1 {
            (f, e) = sph_norm(f * b, e + eb);
        }
        k >>= 1;
        if k > 0 {
            (b, eb) = sph_norm(b * b, 2 * eb);
        }
    }
    (f, e)
}

/// The spherical Legendre function `P̄_n^m(θ) = √((2n + 1)/(4π)·(n − m)!/(n + m)!)·P_n^m(cos θ)`
/// (SciPy's `sph_legendre_p(n, m, theta)`, the spherical harmonic `Y_n^m(θ, 0)`): NaN for
/// n or m not an integer, θ infinite, n > 2¹⁸ or a NaN; 0 for n < 0 or |m| > n. As
/// `±√((2n + 1)/(4π))·G·u_n`, k = |m|, `G = sinᵏθ·√((n + k)!/(n − k)!)/(2ᵏ·k!)` and `u_n`
/// the ratio of `P_n^k(x)` to its value at x = 1; src/ops/sph_harm.rs describes the method,
/// and shaders/legendre_math.wgsl and kernels/common.cuh (`k_sph_legendre_p`) take the same
/// steps.
pub(crate) fn sph_legendre_p(n: f64, m: f64, theta: f64) -> f64 {
    if n.is_nan() || m.is_nan() || theta.is_nan() || n != n.floor() || m != m.floor() || theta.is_infinite() {
        return f64::NAN;
    }
    if n < 0.0 || m.abs() > n {
        return 0.0;
    }
    if n > MAX_DEGREE {
        return f64::NAN;
    }
    let (nu, k) = (n as u32, m.abs() as u32);
    let (sin, c) = theta.sin_cos();
    let (s, x) = (sin.abs(), c.abs());
    if s == 0.0 && k > 0 {
        return 0.0;
    }
    // G/sinᵏθ = √Π (n + i)(n + 1 − i)/(4i²); sinᵏθ after.
    let (mut g, mut e) = (1.0, 0i64);
    for i in 1..=k {
        let i = f64::from(i);
        (g, e) = sph_norm(g * ((n + i) * (n + 1.0 - i) / (4.0 * i * i)), e);
    }
    let (mut g, mut e) = (g.sqrt(), e / 2);
    let near = x >= 0.5;
    if k > 0 && near {
        let (f, es) = sph_pow(s, k);
        (g, e) = sph_norm(g * f, e + es);
    } else if k > 0 {
        // Nearer the equator sinᵏθ = e^L, L = k/2·ln_1p(−x²), as 2^E·e^(L − E ln 2): L's
        // error, |L|·ε, is within the condition in θ, where a rounded sin θ would cost k·ε
        // (sinᵏθ hardly depends on θ near π/2).
        let l = 0.5 * f64::from(k) * (-c * c).ln_1p();
        let big = (l / LN2.0).floor();
        g *= (l - big * LN2.0 - big * LN2.1).exp();
        e += big as i64;
    }
    // u_j from u_k = 1: u_j = α x u_(j−1) − β u_(j−2), α = (2j − 1)/(j + k),
    // β = (j − 1 − k)/(j + k) (α − β = 1); near the poles in the differences
    // d_j = u_j − u_(j−1) = β d_(j−1) − α t u_(j−1), t = 1 − |x|, whose terms do not cancel
    // as x·u's do near 1, nor carry x's rounding (of the size of t).
    let t = s * s / (1.0 + x);
    let (mut u, mut w, mut eu) = (1.0, 0.0, 0i64); // u_j; d_j near the poles, else u_(j−1)
    let tiny = 2f64.powi(-SPH_SCALE);
    for j in k + 1..=nu {
        let (jf, kf) = (f64::from(j), f64::from(k));
        let (a, b) = ((2.0 * jf - 1.0) / (jf + kf), (jf - 1.0 - kf) / (jf + kf));
        if near {
            w = b * w - a * t * u;
            u += w;
        } else {
            (w, u) = (u, a * x * u - b * w);
        }
        if u.abs() < tiny && w.abs() < tiny {
            (u, w, eu) = (u / tiny, w / tiny, eu - i64::from(SPH_SCALE));
        }
    }
    let (v, e) = sph_norm(g * u, e + eu);
    let v = libm::scalbn(((2.0 * n + 1.0) / (4.0 * PI)).sqrt() * v, e.clamp(-4000, 4000) as i32);
    // The Condon–Shortley phase for m > 0; P_n^m(−x) = (−1)^(n+m) P_n^m(x).
    if (m > 0.0 && k % 2 == 1) != (c < 0.0 && (nu + k) % 2 == 1) {
        -v
    } else {
        v
    }
}

#[cfg(test)]
mod tests {
    use super::{lpmv, sph_legendre_p};
    use std::f64::consts::PI;

    #[test]
    fn closed_forms() {
        // P_1^1 = −√(1 − x²), P_2 = (3x² − 1)/2, P_2^2 = 3(1 − x²); the mpmath table is in
        // tests/special.rs.
        let x: f64 = 0.3;
        let s = (1.0 - x * x).sqrt();
        assert!((lpmv(1.0, 1.0, x) + s).abs() < 1e-16);
        assert!((lpmv(0.0, 2.0, x) - (3.0 * x * x - 1.0) / 2.0).abs() < 1e-16);
        assert!((lpmv(2.0, 2.0, x) - 3.0 * s * s).abs() < 1e-15);
        assert!((lpmv(0.0, 0.5, -1.0)) == f64::NEG_INFINITY);
        assert!(lpmv(0.5, 1.0, x).is_nan() && lpmv(0.0, 1.0, 1.5).is_nan());
    }

    #[test]
    fn sph_closed_forms() {
        // Y_1^0 = √(3/4π)·cos θ, Y_1^1 = −√(3/8π)·sin θ, Y_2^2 = √(15/32π)·sin²θ,
        // Y_3^0 = √(7/16π)·(5cos³θ − 3cos θ), at both halves of (0, π) and past it.
        for &th in &[1e-9, 0.3, 1.2, 1.5706, 2.0, 3.1, 7.5] {
            let (s, c) = (f64::sin(th).abs(), f64::cos(th));
            let near = |a: f64, b: f64, tol: f64| (a - b).abs() <= tol * b.abs().max(f64::MIN_POSITIVE);
            assert!(near(sph_legendre_p(1.0, 0.0, th), (3.0 / (4.0 * PI)).sqrt() * c, 4e-16));
            assert!(near(sph_legendre_p(1.0, 1.0, th), -(3.0 / (8.0 * PI)).sqrt() * s, 4e-16));
            assert!(near(sph_legendre_p(1.0, -1.0, th), (3.0 / (8.0 * PI)).sqrt() * s, 4e-16));
            assert!(near(sph_legendre_p(2.0, 2.0, th), (15.0 / (32.0 * PI)).sqrt() * s * s, 6e-16));
            let p3 = (7.0 / (16.0 * PI)).sqrt() * (5.0 * c * c * c - 3.0 * c);
            assert!(near(sph_legendre_p(3.0, 0.0, th), p3, 1e-14), "Y_3^0({th})");
        }
        assert!(sph_legendre_p(2.0, 3.0, 0.5) == 0.0 && sph_legendre_p(-1.0, 0.0, 0.5) == 0.0);
        assert!(sph_legendre_p(2.5, 0.0, 0.5).is_nan() && sph_legendre_p(2.0, 0.0, f64::INFINITY).is_nan());
    }
}
