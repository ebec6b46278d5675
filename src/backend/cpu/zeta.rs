//! The Hurwitz zeta function ζ(x, q) in f64 (SciPy's `zeta`), and the Riemann ζ(x) and
//! ζ(x) − 1 over the whole real line (SciPy's `zeta(x)` and `zetac`); src/ops/zeta.rs
//! describes the algorithms, and shaders/zeta_math.wgsl and kernels/common.cuh are the
//! same for wgpu and CUDA.

use super::special::{gamma, horner, sin_cos_pi, two_prod, two_sum};

/// B₂ⱼ/(2j)! for j = 1 to 20: Euler–Maclaurin's corrections.
const ZETA_BERNOULLI: [f64; 20] = [
    0.08333333333333333,
    -0.001388888888888889,
    3.306878306878307e-05,
    -8.267195767195768e-07,
    2.08767569878681e-08,
    -5.284190138687493e-10,
    1.3382536530684679e-11,
    -3.3896802963225827e-13,
    8.586062056277845e-15,
    -2.174868698558062e-16,
    5.5090028283602295e-18,
    -1.3954464685812522e-19,
    3.534707039629467e-21,
    -8.953517427037546e-23,
    2.267952452337683e-24,
    -5.744790668872202e-26,
    1.455172475614865e-27,
    -3.6859949406653103e-29,
    9.336734257095045e-31,
    -2.36502241570063e-32,
];

/// (h + l)^e for h > 0 and |l| ≤ ulp(h)/2: the platform's `powf` (glibc's within an
/// ulp) times `e^(e·l/h)`, which is exact enough to the first order only for |e·l/h|
/// below 2^-27 and so is taken whole.
fn pow_parts(h: f64, l: f64, e: f64) -> f64 {
    let r = h.powf(e);
    if l == 0.0 || r == 0.0 || r.is_infinite() {
        return r;
    }
    r + r * (e * (l / h)).exp_m1()
}

/// ζ(x, q) for finite x > 1 and q = qh + ql > 0: the first terms `(q + k)^−x` summed
/// (compensated), until the rest (below `b·w/(x − 1)` for the last term b) is below
/// 2^-55 of the sum, or `w = q + k` reaches `7 + x/2`; from there Euler–Maclaurin's
/// `w^(1−x)·(1/(x − 1) + 1/(2w) + Σ B₂ⱼ/(2j)!·(x)₂ⱼ₋₁/w^2j)`, whose 21st correction is
/// below 2^-56 of the first term from that w on (from w = 5.5 at x = 1 to 0.41x at x =
/// 10⁴, by mpmath; 20 corrections instead of Cephes' 12 need half the terms).
fn zeta_pos(x: f64, qh: f64, ql: f64) -> f64 {
    let reach = 7.0 + 0.5 * x;
    let (mut s, mut c) = (0.0, 0.0);
    let (mut wh, mut wl) = (qh, ql);
    for k in 1..=64 {
        if wh >= reach {
            break;
        }
        let b = pow_parts(wh, wl, -x);
        if b.is_infinite() {
            return b;
        }
        let (t, e) = two_sum(s, b);
        (s, c) = (t, c + e);
        let (h, l) = two_sum(qh, k as f64);
        (wh, wl) = (h, l + ql);
        if b * wh <= s * (x - 1.0) * 2.7755575615628914e-17 {
            return s + c; // also where the powers underflow to 0 (huge x)
        }
    }
    let iw = 1.0 / wh;
    let z = iw * iw;
    let mut poch = x * z; // (x)₂ⱼ₋₁/w^2j
    let mut corr = 0.0;
    for (j, b) in ZETA_BERNOULLI.iter().enumerate() {
        corr += b * poch;
        let a = x + (2 * j + 1) as f64;
        poch *= a * (a + 1.0) * z;
    }
    let d = x - 1.0; // exact for x ≥ 1
    let inv = 1.0 / d;
    let inv_l = (1.0 - inv * d) / d; // 1/d's rounding, nearly
    let bracket = inv + (inv_l + (0.5 * iw + corr));
    let head = pow_parts(wh, wl, -d);
    let (t, e) = two_sum(s, head * bracket);
    t + (c + e)
}

/// The Hurwitz zeta function ζ(x, q) = Σₖ (q + k)^−x (SciPy's `zeta`): `zeta_pos` for
/// q > 0; for q < 0 (x then an integer) by
/// `ζ(x, q) = ζ(x, r) + (−1)^x·(ζ(x, 1 − r) − ζ(x, m + 1 − r))`, `r = q + m` in (0, 1),
/// m = ⌈−q⌉, which is the sum over the m terms below 0 paired up, with r, 1 − r and
/// m + 1 − r in two parts. +∞ at x = 1 and at q = 0, −1, −2, …, −∞; NaN for x < 1 and for
/// q < 0 with x not an integer.
pub(crate) fn zeta(x: f64, q: f64) -> f64 {
    if x.is_nan() || q.is_nan() || x < 1.0 {
        return f64::NAN;
    }
    if x == 1.0 || (q <= 0.0 && q.floor() == q) {
        return f64::INFINITY;
    }
    if q < 0.0 && x.floor() != x {
        return f64::NAN; // (q + k)^−x is not real
    }
    if x == f64::INFINITY {
        return if q < 1.0 {
            f64::INFINITY
        } else if q == 1.0 {
            1.0
        } else {
            0.0
        };
    }
    if q == f64::INFINITY {
        return 0.0;
    }
    if q > 0.0 {
        return zeta_pos(x, q, 0.0);
    }
    let m = -q.floor();
    let (rh, rl) = two_sum(q, m);
    let (uh, ul) = two_sum(1.0, -rh);
    let (uh, ul) = two_sum(uh, ul - rl);
    let (vh, vl) = two_sum(m + 1.0, -rh);
    let (vh, vl) = two_sum(vh, vl - rl);
    let pair = zeta_pos(x, uh, ul) - zeta_pos(x, vh, vl);
    let odd = (x * 0.5).floor() != x * 0.5;
    zeta_pos(x, rh, rl) + if odd { -pair } else { pair }
}

/// g(x) = (x − 1)·ζ(x) around 0, highest power first: the Taylor coefficients of an
/// entire function, from ζ's Laurent series at 1 (mpmath's Stieltjes constants, shifted
/// to 0 at 60 digits), the rest below 2^-60 of g on [−1, 1].
const ZETA_NEAR_0: [f64; 20] = [
    1.6740414659213843e-19,
    -2.018503607231426e-18,
    5.847109749689559e-18,
    2.9725359243036763e-16,
    -6.845211237028598e-15,
    7.194301680880207e-14,
    -1.0632487436306846e-13,
    -9.365969839362019e-12,
    1.5910765508467755e-10,
    -1.060717248650428e-09,
    -4.853659490717978e-09,
    1.7438050236916946e-07,
    -1.4697618403488443e-06,
    -6.397503064964134e-07,
    0.00012264139574929108,
    -0.000905894976471243,
    -0.002393033477250018,
    0.08423969474961969,
    0.4189385332046727,
    0.5,
];

/// ln π in two parts.
const LN_PI: (f64, f64) = (1.1447298858494002, 1.0265951162707826e-17);

/// sin(πx), reduced exactly (so 0 at the integers): r = x − 2·round(x/2) in [−1, 1], then
/// w = min(|r|, 1 − |r|) and πw in two parts.
fn sin_pi(x: f64) -> f64 {
    let r = x - 2.0 * (0.5 * x).round();
    let a = r.abs();
    sin_cos_pi(if a > 0.5 { 1.0 - a } else { a }).0.copysign(r)
}

/// Γ(h + l) for h ≥ ¾ and |l| ≤ ulp(h)/2: Γ(h)·(1 + l·ψ(h)), with ψ(h) ≈ ln u +
/// 1/(24u²) − 1/h (u = h + ½) to 3e-3, more than enough for l·ψ(h); +∞ past Γ's
/// overflow (not ∞·0).
fn gamma_parts(h: f64, l: f64) -> f64 {
    let g = gamma(h);
    if g.is_infinite() {
        return g;
    }
    let u = h + 0.5;
    g + g * (l * (u.ln() + 1.0 / (24.0 * u * u) - 1.0 / h))
}

/// ζ(x) for finite x < 1. On [−1, 1), g(x)/(x − 1) (`ZETA_NEAR_0`); below, Riemann's
/// functional equation with Legendre's duplication for Γ(1 − x):
/// `ζ(x) = sin(πx/2)·ζ(1 − x)·π^(x/2 − ¾)·Γ((1 − x)/2)·π^(x/2 − ¾)·Γ(1 − x/2)`, with x/2 − ¾ and
/// the Γ arguments in two parts (each is exact in x, which 1 − x is not), the power as
/// e^(two-part exponent), and the product in that order, so that no partial product
/// overflows where ζ does not. 0 at the even integers below 0; ±∞ below −400, well
/// past ζ's overflow near −260 (where |sin(πx/2)| ≥ 1e-13).
fn zeta_below_1(x: f64) -> f64 {
    if x >= -1.0 {
        return horner(&ZETA_NEAR_0, x) / (x - 1.0);
    }
    let h = 0.5 * x;
    let sin = sin_pi(h);
    if sin == 0.0 {
        return 0.0;
    }
    if x < -400.0 {
        return f64::INFINITY.copysign(sin);
    }
    let (eh, el) = two_sum(h, -0.75);
    let (p, pe) = two_prod(eh, LN_PI.0);
    let pw = p.exp();
    let pw = pw + pw * (pe + (eh * LN_PI.1 + el * LN_PI.0));
    let (ah, al) = two_sum(0.5, -h);
    let (bh, bl) = two_sum(1.0, -h);
    ((sin * zeta_pos(1.0 - x, 1.0, 0.0)) * (gamma_parts(ah, al) * pw)) * (gamma_parts(bh, bl) * pw)
}

/// The Riemann zeta function ζ(x) on the whole real line (SciPy's `zeta(x)`): ζ(x, 1)
/// from 1 on (+∞ at 1, 1 at +∞), `zeta_below_1` below; NaN at −∞ and NaN.
pub(crate) fn riemann_zeta(x: f64) -> f64 {
    if x >= 1.0 {
        zeta(x, 1.0)
    } else if x.is_finite() {
        zeta_below_1(x)
    } else {
        f64::NAN
    }
}

/// ζ(x) − 1 (SciPy's `zetac`): ζ(x, 2) from 1 on, without the cancellation (+∞ at 1, 0
/// at +∞), `zeta_below_1(x) − 1` below; NaN at −∞ and NaN.
pub(crate) fn zetac(x: f64) -> f64 {
    if x >= 1.0 {
        zeta(x, 2.0)
    } else if x.is_finite() {
        zeta_below_1(x) - 1.0
    } else {
        f64::NAN
    }
}
