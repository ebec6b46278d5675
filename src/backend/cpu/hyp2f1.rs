//! The Gauss hypergeometric function `₂F₁(a, b; c; x)` at real arguments (SciPy's
//! `hyp2f1`) in f64; src/ops/hyp2f1.rs describes the method, and shaders/hyp2f1_math.wgsl
//! and kernels/common.cuh (`k_hyp2f1`) are the same steps.

use super::special::gamma;
use std::f64::consts::PI;

/// The series stop when a term is below this fraction of their sum.
const EPS: f64 = f64::EPSILON / 2.0;
/// No series takes more terms; one that has not ended by then gives NaN (parameters
/// beyond −4,000, polynomials of higher degree). wgpu's loops must stay within llvmpipe's
/// budget of 65,535 passes per SIMD group across every loop: this keeps any one sum within
/// a sixteenth of it.
const MAX_TERMS: f64 = 4_000.0;
/// Up to this argument (after Pfaff's transformation for x < 0) a power series that
/// cancels is weighed against Euler's form; above it, against the transformation to 1 − x.
const DIRECT_BELOW: f64 = 0.9;
/// Above `DIRECT_BELOW` but for 1 − w at least this, the series itself is tried first and
/// kept where it does not cancel (large positive parameters, whose terms grow before they
/// fall, lose digits in the transformation to 1 − w); nearer 1 its rounding errors, over
/// more than 500 terms, pass those of the transformation.
const DIRECT_NEAR_ONE: f64 = 0.07;
/// A sum whose largest term is within this factor of its value has lost at most two bits
/// to cancellation; past it, the other forms are tried.
const LOSS_OK: f64 = 4.0;
/// v a non-positive integer: a pole of Γ, or a parameter that ends the series.
fn npi(v: f64) -> bool {
    v <= 0.0 && v == v.floor()
}

/// `1/Γ(v)`, 0 at the poles.
fn rgamma(v: f64) -> f64 {
    if npi(v) {
        0.0
    } else {
        1.0 / gamma(v)
    }
}

/// Gauss's ratio `Γ(c)Γ(c − a − b)/(Γ(c − a)Γ(c − b))`: ₂F₁ at x = 1, and the finite
/// part's factor near it.
fn gauss_ratio(a: f64, b: f64, c: f64) -> f64 {
    gamma(c) * rgamma(c - a) * (gamma(c - a - b) * rgamma(c - b))
}

/// `Σ (a)ₙ(b)ₙ/((c)ₙ n!) xⁿ` and the loss: its largest term over its value. It ends where
/// a or b does (a polynomial), else once every parameter has passed 0 and a term is below
/// `EPS` of the sum; NaN (and an infinite loss) if it has not by `MAX_TERMS`.
fn series(a: f64, b: f64, c: f64, x: f64) -> (f64, f64) {
    let (mut s, mut t, mut big) = (1.0, 1.0_f64, 1.0_f64);
    let n0 = (-a).max(-b).max(-c).max(0.0);
    let mut n = 0.0;
    loop {
        let num = (a + n) * (b + n);
        if num == 0.0 {
            break;
        }
        if n >= MAX_TERMS {
            return (f64::NAN, f64::INFINITY);
        }
        t *= num / ((c + n) * (n + 1.0)) * x;
        s += t;
        big = big.max(t.abs());
        n += 1.0;
        if n > n0 && t.abs() <= EPS * s.abs() {
            break;
        }
    }
    (s, big / s.abs())
}

/// `F(a, b; c; x)` (SciPy's `hyp2f1`): NaN for x > 1 (the function is complex there; SciPy:
/// +∞) but for polynomials, for x = ±∞ and for a NaN; +∞ for c a non-positive integer
/// that a or b does not cut off first, and at x = 1 where c − a − b ≤ 0.
pub(crate) fn hyp2f1(a: f64, b: f64, c: f64, x: f64) -> f64 {
    if a.is_nan() || b.is_nan() || c.is_nan() || x.is_nan() {
        return f64::NAN;
    }
    if x == 0.0 {
        return 1.0;
    }
    if npi(a) || npi(b) {
        // The shorter polynomial: the larger of the two cut-offs.
        let (m, other) = if npi(a) && (!npi(b) || a >= b) { (a, b) } else { (b, a) };
        if !(npi(c) && c > m) {
            return if x.is_finite() { polynomial(m, other, c, x) } else { f64::NAN };
        }
    }
    if npi(c) {
        return f64::INFINITY;
    }
    if x > 1.0 || x == f64::NEG_INFINITY {
        return f64::NAN;
    }
    let d = c - a - b;
    if x == 1.0 {
        // Gauss's sum.
        return if d > 0.0 { gauss_ratio(a, b, c) } else { f64::INFINITY };
    }
    if x < 0.0 {
        if x >= -0.5 {
            let (s, loss) = series(a, b, c, x);
            if loss <= LOSS_OK {
                return s;
            }
        }
        // Pfaff (DLMF 15.8.1): (1 − x)^−a F(a, c − b; c; x/(x − 1)), 1 − w exact as 1/(1 − x);
        // Euler's factor (1 − w)^e joins Pfaff's, (1 − x)^−(a + e) (the other Pfaff form),
        // which does not overflow where the two would.
        let y = 1.0 / (1.0 - x);
        let (f, e) = positive(a, c - b, c, -x * y, y);
        return (1.0 - x).powf(-a - e) * f;
    }
    let y = 1.0 - x;
    let (f, e) = positive(a, b, c, x, y);
    if e == 0.0 {
        f
    } else {
        y.powf(e) * f
    }
}

/// F at 0 < w < 1, `y = 1 − w`, c not a pole, as `(f, e)`: F = y^e·f, e = 0 or (Euler's
/// form) c − a − b.
fn positive(a: f64, b: f64, c: f64, w: f64, y: f64) -> (f64, f64) {
    let d = c - a - b;
    // A polynomial: a or b ends the series, or c − a or c − b ends Euler's (DLMF 15.8.1),
    // (1 − w)^(c−a−b) F(c − a, c − b; c; w); the first of them that does.
    let euler = !npi(a) && !npi(b);
    if !euler || npi(c - a) || npi(c - b) {
        let (p, q) = if euler { (c - a, c - b) } else { (a, b) };
        let (m, other) = if npi(p) { (p, q) } else { (q, p) };
        return (poly_pos(m, other, c, w, y).0, if euler { d } else { 0.0 });
    }
    if y >= DIRECT_NEAR_ONE {
        let (s, loss) = series(a, b, c, w);
        if loss <= LOSS_OK {
            return (s, 0.0);
        }
        if w <= DIRECT_BELOW {
            let (s2, loss2) = series(c - a, c - b, c, w);
            return if loss2 < loss { (s2, d) } else { (s, 0.0) };
        }
    }
    // Near 1, the form whose c − a − b is not negative.
    if d < 0.0 {
        (near_one(c - a, c - b, c, y), d)
    } else {
        (near_one(a, b, c, y), 0.0)
    }
}

/// F at `DIRECT_BELOW` < w < 1 for c − a − b = d ≥ 0, none of a, b, c − a, c − b, c a
/// non-positive integer: DLMF 15.8.4 in `y = 1 − w` with its two terms' poles cancelled
/// in closed form. With d = m + δ, m the nearest integer (|δ| ≤ ½), the first term's
/// m-th and later terms pair with the second's: the pair k is
/// `Γ(c)/(Γ(a)Γ(b)Γ(a + m + δ)Γ(b + m + δ))·π/sin(πd)·y^(m+k)·(h_k(0) − h_k(δ))`,
/// `h_k(ε) = Γ(a + m + k + ε)Γ(b + m + k + ε)y^ε/(Γ(1 + m + k + ε)Γ(1 + k + ε − δ))`, and
/// `(h_k(δ) − h_k(0))/δ` is carried from k = 0 (ratios of Γ, `ln_gamma_ratio`) by the
/// recurrence h_(k+1) = r_k·h_k, its difference quotient in closed form. At δ = 0 that
/// is A&S 15.3.10–11's logarithmic series; nothing cancels as δ nears 0 (DLMF 15.8.4's
/// two terms cancel to ε/|δ| of the value).
fn near_one(a: f64, b: f64, c: f64, y: f64) -> f64 {
    let d = c - a - b;
    let m = d.round();
    let delta = d - m;
    // The first term's m terms that have no partner.
    let mut finite = 0.0;
    if m > 0.0 {
        if m > MAX_TERMS {
            return f64::NAN;
        }
        let (mut t, mut s, mut n) = (1.0, 1.0, 0.0);
        while n < m - 1.0 {
            t *= (a + n) * (b + n) / ((n + 1.0 - d) * (n + 1.0)) * y;
            s += t;
            n += 1.0;
        }
        finite = gauss_ratio(a, b, c) * s;
    }
    let (am, bm) = (a + m, b + m);
    let (la, sa) = ln_gamma_ratio(am, delta);
    let (lb, sb) = ln_gamma_ratio(bm, delta);
    let (lm, _) = ln_gamma_ratio(1.0 + m, delta);
    let (l1, _) = ln_gamma_ratio(1.0, -delta);
    // (h_0(δ)/h_0(0) − 1)/δ from ln|h_0(δ)/h_0(0)|/δ = l0.
    let l0 = la + lb - lm - l1 + y.ln();
    let t0 = delta * l0;
    let ratio_m1 = if sa * sb > 0.0 {
        if t0 == 0.0 {
            l0
        } else {
            t0.exp_m1() / delta
        }
    } else {
        (-t0.exp() - 1.0) / delta
    };
    // u_k = h_k(0) and q_k = (h_k(δ) − h_k(0))/δ over Γ(a + m)Γ(b + m).
    let mut u = rgamma(1.0 + m) * rgamma(1.0 - delta);
    let mut q = u * ratio_m1;
    let n0 = (-am).max(-bm).max(0.0);
    let (mut s, mut yk, mut k) = (0.0, 1.0, 0.0);
    loop {
        if k >= MAX_TERMS {
            return f64::NAN;
        }
        s += yk * q;
        if k > n0 && yk * (q.abs() + u.abs()) <= EPS * s.abs() {
            break;
        }
        let (aa, bb, mm, kk) = (am + k, bm + k, 1.0 + m + k, 1.0 + k);
        let r_delta = (aa + delta) * (bb + delta) / ((mm + delta) * kk);
        let r0 = aa * bb / (mm * (kk - delta));
        let dr = ((aa + bb) * mm * kk - aa * bb * (mm + kk) + delta * (mm * kk - (aa + bb) * mm) - delta * delta * mm)
            / (mm * (mm + delta) * kk * (kk - delta));
        q = q * r_delta + u * dr;
        u *= r0;
        yk *= y;
        k += 1.0;
    }
    let pd = PI * delta;
    let pi_over_sin = if delta == 0.0 { 1.0 } else { pd / pd.sin() };
    let sign = if m % 2.0 == 0.0 { -1.0 } else { 1.0 };
    let scale = sa * (-delta * la).exp() * sb * (-delta * lb).exp();
    finite + sign * gamma(c) * rgamma(a) * rgamma(b) * scale * pi_over_sin * y.powf(m) * s
}

/// `ln|Γ(z + δ)/Γ(z)|/δ` (ψ(z) at δ = 0) and the ratio's sign, z and z + δ not poles:
/// `ln_1p(δ/(z + j))` up to z + j ≥ 15, then Stirling's series's difference, each term's
/// difference quotient in closed form, so nothing cancels as δ nears 0.
fn ln_gamma_ratio(z: f64, delta: f64) -> (f64, f64) {
    // ln(1 + r)/r, 1 at r = 0.
    let ln_rel = |r: f64| if r == 0.0 { 1.0 } else { r.ln_1p() / r };
    let (mut z, mut l, mut sign) = (z, 0.0, 1.0);
    while z < 15.0 {
        // Γ(z + δ)/Γ(z) = Γ(z + 1 + δ)/Γ(z + 1)·z/(z + δ).
        let r = delta / z;
        if r > -1.0 {
            l -= ln_rel(r) / z;
        } else {
            sign = -sign;
            l -= (-1.0 - r).ln() / delta;
        }
        z += 1.0;
    }
    // (ln Γ(z + δ) − ln Γ(z))/δ = (z − ½)·ln(1 + δ/z)/δ + ln(z + δ) − 1
    //   + Σ B₂ⱼ/(2j(2j − 1))·((z + δ)^(1−2j) − z^(1−2j))/δ,
    // ((z + δ)^−p − z^−p)/δ = −uv·Σ_{i<p} vⁱu^(p−1−i), u = 1/z, v = 1/(z + δ).
    const STIRLING: [f64; 6] =
        [1.0 / 12.0, -1.0 / 360.0, 1.0 / 1260.0, -1.0 / 1680.0, 1.0 / 1188.0, -691.0 / 360_360.0];
    // g_p for p = 1, 3, 5, …: g_1 = 1, g_(p+2) = u²g_p + v^p(u + v).
    let (u, v) = (1.0 / z, 1.0 / (z + delta));
    let (mut tail, mut g, mut vp) = (0.0, 1.0, v);
    for cj in STIRLING {
        tail += cj * g;
        g = u * u * g + vp * (u + v);
        vp *= v * v;
    }
    l += (z - 0.5) * ln_rel(delta / z) / z + (z + delta).ln() - 1.0 - u * v * tail;
    (l, sign)
}

/// The polynomial F(m, b; c; x), m a non-positive integer and c not a pole before it: its
/// sum, or where that cancels the least cancelling of Pfaff's form (x < 0), DLMF 15.8.7's
/// in 1 − x (0 < x < 1) and Euler's where c − b ends it too.
fn polynomial(m: f64, b: f64, c: f64, x: f64) -> f64 {
    let (mut best, mut loss) = series(m, b, c, x);
    if loss <= LOSS_OK || x >= 1.0 {
        return best;
    }
    let (s2, loss2) = if x < 0.0 {
        let y = 1.0 / (1.0 - x);
        let (s, l) = poly_pos(m, c - b, c, -x * y, y);
        ((1.0 - x).powf(-m) * s, l)
    } else {
        poly_in_y(m, b, c, 1.0 - x, (best, loss))
    };
    if loss2 < loss {
        (best, loss) = (s2, loss2);
    }
    if npi(c - b) && !npi(c) {
        let (s3, loss3) = series(c - m, c - b, c, x);
        if loss3 < loss {
            best = (1.0 - x).powf(c - m - b) * s3;
        }
    }
    best
}

/// The polynomial F(m, b; c; w) at 0 < w < 1, `y = 1 − w`, with its loss.
fn poly_pos(m: f64, b: f64, c: f64, w: f64, y: f64) -> (f64, f64) {
    poly_in_y(m, b, c, y, series(m, b, c, w))
}

/// Given the sum of the polynomial F(m, b; c; w) and its loss, where that cancels, DLMF
/// 15.8.7's in `y = 1 − w`, `(c − b)ₖ/(c)ₖ·F(m, b; b − c + m + 1; y)` (k = −m), if it
/// cancels less; with its loss.
fn poly_in_y(m: f64, b: f64, c: f64, y: f64, (s, loss): (f64, f64)) -> (f64, f64) {
    let c2 = b - c + m + 1.0;
    if loss <= LOSS_OK || (npi(c2) && c2 > m) || -m > MAX_TERMS {
        return (s, loss);
    }
    let (mut k, mut j) = (1.0, 0.0);
    while j < -m {
        k *= (c - b + j) / (c + j);
        j += 1.0;
    }
    let (s2, loss2) = series(m, b, c2, y);
    if loss2 < loss {
        (k * s2, loss2)
    } else {
        (s, loss)
    }
}

#[cfg(test)]
mod tests {
    use super::hyp2f1;

    /// Closed forms (DLMF 15.4): each within a few ulps.
    #[test]
    fn closed_forms() {
        let close = |got: f64, want: f64| (got / want - 1.0).abs() < 1e-14;
        for x in [-50.0, -2.0, -0.7, -0.3, 0.2, 0.6, 0.95, 0.9999] {
            // F(1, 1; 2; x) = −ln(1 − x)/x
            assert!(close(hyp2f1(1.0, 1.0, 2.0, x), -(-x).ln_1p() / x), "ln at {x}");
            // F(a, b; b; x) = (1 − x)^−a
            assert!(close(hyp2f1(0.7, 2.5, 2.5, x), (1.0 - x).powf(-0.7)), "power at {x}");
        }
        for x in [-0.9, -0.2, 0.3, 0.8, 0.99] {
            // F(1/2, 1; 3/2; −x²) = atan(x)/x
            let z = x * x;
            assert!(close(hyp2f1(0.5, 1.0, 1.5, -z), x.abs().atan() / x.abs()), "atan at {x}");
            // F(1/2, 1/2; 3/2; x²) = asin(x)/x
            assert!(close(hyp2f1(0.5, 0.5, 1.5, z), x.abs().asin() / x.abs()), "asin at {x}");
        }
    }
}
