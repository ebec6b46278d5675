//! The exponential integrals E₁(x) and Ei(x) in f64 (SciPy's `exp1` and `expi`);
//! src/ops/expint.rs describes the methods, and shaders/expint_math.wgsl and
//! kernels/common.cuh are the same for wgpu and CUDA.

use super::gammainc::legendre_backward;
use super::special::{two_prod, two_sum};
use std::f64::consts::FRAC_PI_2;

/// Euler's constant γ, and what its double lacks.
const EULER: f64 = 0.5772156649015329;
const EULER_LO: f64 = -4.942915152430645e-18;
/// From where Ei is `γ + ln x + Σ x^k/(k·k!)` itself, away from its root.
const EI_FAR: f64 = 2.0;
/// Ei's positive root x₀ = 0.37250741078136663446… as a sum of two doubles.
const EI_ROOT_HI: f64 = 0.3725074107813666;
const EI_ROOT_LO: f64 = 1.3140183414386028e-17;
/// Where the series stop (2^-53 of the sum so far), and the cap on their terms, which
/// none reaches (Ei's series takes about 130 at x = 50).
const EPS: f64 = 1.1102230246251565e-16;
const MAX_TERMS: usize = 300;
/// How deep E₁'s continued fraction is taken: 106/x + 7 terms, where 2^-56 takes 211 at
/// x = ½, 110 at 1, 27 at 5 and 7 at 40 (by mpmath; a modified Lentz count first took
/// 3.5 times as long: 2.66 against 0.76 s for 10M on [0, 10] on the CPU backend).
const E1_DEPTH: f64 = 106.0;
/// Where Ei's asymptotic series takes over: its smallest term there is 3e-21, and 2^-56
/// is reached at the 24th.
const EI_ASYMPTOTIC: f64 = 50.0;

/// E₁(x) = ∫ₓ^∞ e^−t/t dt (SciPy's `exp1`): for x < ½ its series `−γ − ln x − Σ_{k≥1}
/// (−x)^k/(k·k!)` (DLMF 6.6.2), above `e^−x` over Legendre's continued fraction for
/// Γ(0, x) (DLMF 8.9.2 at a = 0), evaluated from the bottom up from a depth of
/// `E1_DEPTH/x + 7` terms. NaN for x < 0 (and NaN), +∞ at 0, 0 at +∞.
pub(crate) fn exp1(x: f64) -> f64 {
    if x.is_nan() || x < 0.0 {
        return f64::NAN;
    }
    if x == 0.0 {
        return f64::INFINITY;
    }
    if x.is_infinite() {
        return 0.0;
    }
    if x < 0.5 {
        let (mut t, mut s) = (1.0, 0.0);
        for k in 1..MAX_TERMS {
            let k = k as f64;
            t *= -x / k;
            let term = t / k;
            s += term;
            if term.abs() <= EPS * s.abs() {
                break;
            }
        }
        return (-EULER - x.ln()) - s;
    }
    (-x).exp() / legendre_backward(0.0, x, (E1_DEPTH / x) as usize + 7)
}

/// Ei(x) = −PV∫₋ₓ^∞ e^−t/t dt (SciPy's `expi`): −E₁(−x) for x < 0; from 2 to 50 its
/// series `γ + ln x + Σ x^k/(k·k!)` (DLMF 6.6.1, `ei_power_sum`); below 2 the same less
/// itself at its root x₀, that is `ln(x/x₀) + Σ (x^k − x₀^k)/(k·k!)`, whose terms all
/// have the sign of x − x₀, so that nothing cancels near the root. There `u = (x^k −
/// x₀^k)/k!` comes from `(x·u + (x₀^(k−1)/(k−1)!)·(x − x₀))/k`, with x − x₀ to 2^-106 from
/// x₀'s two parts. Both carry their terms as two doubles so that their roundings do not
/// compound over the 20–130 terms (one double was 6.4 ulp off at x = 36), and add them
/// with their errors kept (Neumaier). `ln(x/x₀)` is `2 atanh((x − x₀)/(x + x₀))` near the
/// root and `ln(x/hi) − lo/hi` away from it. Above 50 the asymptotic series `e^x/x·Σ
/// k!/x^k` (DLMF 6.12.2), cut at its first term below 2^-56, with e^x in two halves past
/// its overflow. −∞ at 0, +∞ at +∞, −0 at −∞.
pub(crate) fn expi(x: f64) -> f64 {
    if x.is_nan() {
        return f64::NAN;
    }
    if x < 0.0 {
        return -exp1(-x);
    }
    if x == 0.0 {
        return f64::NEG_INFINITY;
    }
    if x.is_infinite() {
        return f64::INFINITY;
    }
    if x > EI_ASYMPTOTIC {
        return ei_asymptotic(x, 1.0);
    }
    if x >= EI_FAR {
        let (sh, sl) = ei_power_sum(x);
        let g = EULER + x.ln();
        let (t, e) = two_sum(sh, g);
        return t + (e + (sl + EULER_LO));
    }
    let delta = (x - EI_ROOT_HI) - EI_ROOT_LO;
    let f = delta / ((x + EI_ROOT_HI) + EI_ROOT_LO);
    let ln_ratio = if f.abs() <= 0.17 { 2.0 * f.atanh() } else { (x / EI_ROOT_HI).ln() - EI_ROOT_LO / EI_ROOT_HI };
    // u = uh + ul = (x^k − x₀^k)/k!, q = x₀^k/k!; the sum of the terms u/k is sh + sl.
    let (mut uh, mut ul, mut q, mut sh, mut sl) = (delta, 0.0, EI_ROOT_HI, delta, 0.0);
    for k in 2..MAX_TERMS {
        // Divisions by k as products with 1/k, which no step waits for: (w + lo)/k is h
        // + (w − h·k + lo)/k for any h near w/k, with w − h·k exact.
        let (k, rk) = (k as f64, 1.0 / k as f64);
        let (p, pe) = two_prod(uh, x);
        let (w, e) = two_sum(p, q * delta); // x·u + q·δ = w + (pe + ul·x + e)
        let h = w * rk;
        let (m, me) = two_prod(h, k);
        let l = (((w - m) - me) + (pe + ul * x + e)) * rk;
        (uh, ul) = two_sum(h, l);
        q *= EI_ROOT_HI * rk;
        let term = (uh + ul) * rk;
        let (t, e) = two_sum(sh, term);
        (sh, sl) = (t, sl + e);
        if term.abs() <= EPS * sh.abs() {
            break;
        }
    }
    let (t, e) = two_sum(ln_ratio, sh);
    t + (e + sl)
}

/// `scale·Ei(x)` for x > 50 (`scale` 1 or ½) by the asymptotic series `e^x/x·Σ k!/x^k`
/// (DLMF 6.12.2): the terms after the first summed apart from it (SciPy's 1 + 1/x + …
/// order was 2.3 ulp off at x = 53), to the first below 2^-56, and e^x in two halves past
/// 700, with `scale` applied before the second, so that ½·Ei overflows only where it must.
fn ei_asymptotic(x: f64, scale: f64) -> f64 {
    let (mut t, mut r) = (1.0, 0.0);
    for k in 1..MAX_TERMS {
        t *= k as f64 / x;
        r += t;
        if t <= EPS / 8.0 {
            break;
        }
    }
    if x < 700.0 {
        return x.exp() / x * (1.0 + r) * scale;
    }
    let h = (0.5 * x).exp(); // e^x would overflow
    h * (h * scale / x * (1.0 + r))
}

/// Where Si, Ci, Shi and Chi leave their power series: above it Si and Ci come from E₁(ix)'s
/// continued fraction and Shi and Chi from Ei and E₁.
const SICI_SERIES_END: f64 = 2.0;
/// The depth of E₁(ix)'s continued fraction: `CIS_DEPTH/x + 4` terms reach 2^-56 (by
/// mpmath: 107 terms at x = 2, 55 at 4, 28 at 8, 15 at 16, 6 at 64).
const CIS_DEPTH: f64 = 212.0;
/// From where `e^(ix)·E₁(ix)` is `1/x² − i/x`: the next terms are `6/x²` and `2/x²` of
/// these, below 2^-61. (The fraction's `|t|²` would overflow past 1e154.)
const CIS_ASYMPTOTIC: f64 = 4294967296.0;

/// `f + i·g = e^(ix)·E₁(ix)` for x ≥ 2, so that `Ci(x) = −(f·cos x + g·sin x)` and `Si(x) =
/// π/2 + g·cos x − f·sin x` (DLMF 6.5.5, 6.5.6 with `E₁(ix) = −Ci(x) + i(Si(x) − π/2)`):
/// `1/(1 + ix − 1²/(3 + ix − 2²/(5 + ix − …)))` (DLMF 6.9.1's even part, the fraction
/// `legendre_backward` takes at real x) evaluated from the bottom up from `CIS_DEPTH/x +
/// 4` terms, or its leading terms where they are all.
fn cis_fraction(x: f64) -> (f64, f64) {
    if x >= CIS_ASYMPTOTIC {
        return (1.0 / (x * x), -1.0 / x);
    }
    let n = (CIS_DEPTH / x) as usize + 4;
    let (mut tr, mut ti) = ((2 * n + 1) as f64, x);
    for i in (1..=n).rev() {
        let fi = i as f64;
        let q = fi * fi / (tr * tr + ti * ti); // t ← (2i − 1 + ix) − i²/t
        (tr, ti) = ((2 * i - 1) as f64 - q * tr, x + q * ti);
    }
    let m = tr * tr + ti * ti;
    (tr / m, -ti / m)
}

/// `(Si(x), Ci(x))` (SciPy's `sici`): the sine and cosine integrals `∫₀^x sin t/t dt` and
/// `γ + ln x + ∫₀^x (cos t − 1)/t dt`. Below 2 their power series `Σ (−1)^k
/// x^(2k+1)/((2k+1)·(2k+1)!)` and `γ + ln x + Σ_{k≥1} (−1)^k x^(2k)/(2k·(2k)!)` (DLMF
/// 6.6.5, 6.6.6), above from E₁(ix) (`cis_fraction`). Si is odd; for x < 0, Ci is the real
/// part of Ci(x), `Ci(|x|)` (as SciPy's). (0, −∞) at ±0, (±π/2, 0) at ±∞.
pub(crate) fn sici(x: f64) -> (f64, f64) {
    if x.is_nan() {
        return (x, x);
    }
    let ax = x.abs();
    let (si, ci) = if ax == 0.0 {
        (0.0, f64::NEG_INFINITY)
    } else if ax.is_infinite() {
        (FRAC_PI_2, 0.0)
    } else if ax < SICI_SERIES_END {
        let (s, c) = sici_series(ax, -1.0);
        (s, ((EULER + ax.ln()) + c) + EULER_LO)
    } else {
        let (f, g) = cis_fraction(ax);
        let (sn, cs) = ax.sin_cos();
        (FRAC_PI_2 + (g * cs - f * sn), -(f * cs + g * sn))
    };
    (if x < 0.0 { -si } else { si }, ci)
}

/// The odd and even parts of `Σ_{j≥1} σ^⌊j/2⌋·x^j/(j·j!)` for 0 < x < 2, σ = ±1: with σ = −1
/// Si(x) and Ci(x) − γ − ln x, with σ = 1 Shi(x) and Chi(x) − γ − ln x, to the first term
/// below 2^-53 of both sums.
fn sici_series(x: f64, sigma: f64) -> (f64, f64) {
    let (mut t, mut odd, mut even, mut sign) = (1.0, 0.0, 0.0, 1.0); // t = x^j/j!
    for j in 1..MAX_TERMS {
        let fj = j as f64;
        t *= x / fj;
        if j % 2 == 0 {
            sign *= sigma;
        }
        let term = sign * (t / fj);
        if j % 2 == 1 {
            odd += term;
        } else {
            even += term;
        }
        if term.abs() <= EPS * odd.abs().min(even.abs()) || t == 0.0 {
            break;
        }
    }
    (odd, even)
}

/// `(Shi(x), Chi(x))` (SciPy's `shichi`): the hyperbolic sine and cosine integrals
/// `∫₀^x sinh t/t dt` and `γ + ln x + ∫₀^x (cosh t − 1)/t dt`. Below 2 their power series
/// `Σ x^(2k+1)/((2k+1)·(2k+1)!)` and `γ + ln x + Σ_{k≥1} x^(2k)/(2k·(2k)!)` (DLMF 6.6.7,
/// 6.6.8); above `(Ei(x) ± E₁(x))/2` (DLMF 6.2.15, 6.2.16), from 50 `Ei(x)/2` alone (E₁ is
/// below 2^-140 of it), taken as a whole so that it overflows only where the functions
/// do (near x = 717.04, not where Ei does). Shi is odd; for x < 0, Chi is the real part
/// of Chi(x), `Chi(|x|)` (as SciPy's). (0, −∞) at ±0, (±∞, +∞) at ±∞.
pub(crate) fn shichi(x: f64) -> (f64, f64) {
    if x.is_nan() {
        return (x, x);
    }
    let ax = x.abs();
    let (shi, chi) = if ax == 0.0 {
        (0.0, f64::NEG_INFINITY)
    } else if ax.is_infinite() {
        (f64::INFINITY, f64::INFINITY)
    } else if ax < SICI_SERIES_END {
        let (s, c) = sici_series(ax, 1.0);
        (s, ((EULER + ax.ln()) + c) + EULER_LO)
    } else if ax > EI_ASYMPTOTIC {
        let half = ei_asymptotic(ax, 0.5);
        (half, half)
    } else {
        let (ei, e1) = (expi(ax), exp1(ax));
        (0.5 * (ei + e1), 0.5 * (ei - e1))
    };
    (if x < 0.0 { -shi } else { shi }, chi)
}

/// `Σ_{k≥1} x^k/(k·k!)` for x ≥ 2 as two doubles: the terms `v_k = x^k/k!` carried as two
/// doubles in two chains, odd k and even k, each stepping by two (`v_{k+2} =
/// v_k·x²/((k+1)(k+2))`), so that each waits for half as many steps, and `v_k/k` added
/// in two Neumaier sums.
fn ei_power_sum(x: f64) -> (f64, f64) {
    let (x2h, x2l) = two_prod(x, x);
    // v·x²/m for v = (h, l), m = (k + 1)(k + 2) and rm = 1/m: (p + lo)/m is q + (p − q·m +
    // lo)/m for any q near p/m, with p − q·m exact.
    let step = |h: f64, l: f64, m: f64, rm: f64| {
        let (p, pe) = two_prod(h, x2h);
        let lo = pe + (h * x2l + l * x2h);
        let q = p * rm;
        let (qm, qe) = two_prod(q, m);
        two_sum(q, (((p - qm) - qe) + lo) * rm)
    };
    let (mut ah, mut al, mut bh, mut bl) = (x, 0.0, 0.5 * x2h, 0.5 * x2l); // v₁, v₂
    let (mut sa, mut ea, mut sb, mut eb) = (x, 0.0, 0.25 * x2h, 0.25 * x2l); // v₁/1, v₂/2
    let mut k = 1.0; // a holds v_k, b holds v_(k+1)
    for _ in 0..MAX_TERMS / 2 {
        let (ma, mb) = ((k + 1.0) * (k + 2.0), (k + 2.0) * (k + 3.0));
        (ah, al) = step(ah, al, ma, 1.0 / ma);
        (bh, bl) = step(bh, bl, mb, 1.0 / mb);
        let (ta, tb) = ((ah + al) * (1.0 / (k + 2.0)), (bh + bl) * (1.0 / (k + 3.0)));
        let (t, e) = two_sum(sa, ta);
        (sa, ea) = (t, ea + e);
        let (t, e) = two_sum(sb, tb);
        (sb, eb) = (t, eb + e);
        k += 2.0;
        if ta <= EPS * sa {
            break;
        }
    }
    let (t, e) = two_sum(sa, sb);
    (t, e + (ea + eb))
}

/// The generalised exponential integral `E_n(x) = ∫₁^∞ e^(−xt)/tⁿ dt` (SciPy's `expn`), n
/// truncated toward zero as SciPy's float signature does: `e^−x/x` for n = 0; for n ≥ 1
/// below x = ½ its series `(−x)^(n−1)/(n−1)!·(ψ(n) − ln x) − Σ_{k≠n−1} (−x)^k/((k − n +
/// 1)·k!)` (DLMF 8.19.8, ψ(n) = H_(n−1) − γ summed along), above `e^−x` over Legendre's
/// continued fraction for Γ(1 − n, x) (`E_n(x) = x^(n−1)·Γ(1 − n, x)`) from a depth of
/// `E1_DEPTH/x + 12` terms (from n = 2 the fraction converges no slower than E₁'s, but
/// for as many as 9 more terms at x near 6, by mpmath). NaN for n < 0 or x < 0; at x =
/// 0, +∞ for n ≤ 1 and 1/(n − 1) above; 0 at x = +∞.
pub(crate) fn expn(n: f64, x: f64) -> f64 {
    let n = n.trunc();
    if n.is_nan() || x.is_nan() || n < 0.0 || x < 0.0 {
        return f64::NAN;
    }
    if x == 0.0 {
        return if n <= 1.0 { f64::INFINITY } else { 1.0 / (n - 1.0) };
    }
    if x.is_infinite() {
        return 0.0;
    }
    if n == 0.0 {
        return (-x).exp() / x;
    }
    if n.is_infinite() {
        return 0.0;
    }
    if x >= 0.5 {
        return (-x).exp() / legendre_backward(1.0 - n, x, (E1_DEPTH / x) as usize + 12);
    }
    // The sum, whose k = n − 1 term is (−x)^(n−1)/(n−1)!·(ψ(n) − ln x) with ψ(n) = H_(n−1)
    // − γ; where the sum stops before it, that term is below half an ulp.
    let (m, lx) = (n - 1.0, x.ln());
    let (mut s, mut t, mut h) = (0.0, 1.0, 0.0); // t = (−x)^k/k!, h = H_k
    for k in 0..MAX_TERMS {
        let k = k as f64;
        if k > 0.0 {
            t *= -x / k;
            h += 1.0 / k;
        }
        if k == m {
            s += t * ((h - EULER) - lx);
            continue;
        }
        let term = t / (m - k);
        s += term;
        if term.abs() <= EPS * s.abs() && k > 0.0 {
            break;
        }
    }
    s
}
