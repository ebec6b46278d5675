// The exponential integrals E₁(x) (SciPy's exp1) and Ei(x) (expi), written once for f32
// and f64 ({{T}}); src/backend/cpu/expint.rs is the same in f64 and src/ops/expint.rs
// describes the methods. Included after gammainc_math.wgsl, whose Legendre fraction E₁
// shares.

// E₁(x): for x < ½ its series −γ − ln x − Σ (−x)^k/(k·k!), above e^−x over Legendre's
// continued fraction for Γ(0, x), {{E1_DEPTH}}/x + 7 terms deep. NaN for x < 0, +∞ at 0, 0 at +∞.
fn math_exp1_{{T}}(x: {{T}}) -> {{T}} {
    if (nan_{{T}}(x) || x < 0.0) { return qnan_{{T}}(); }
    if (x == 0.0) { return inf_{{T}}(); }
    if (x > {{T_MAX}}) { return 0.0; }
    if (x < 0.5) {
        var t: {{T}} = 1.0;
        var s: {{T}} = 0.0;
        for (var k = 1; k < 300; k++) {
            let fk = {{T}}(k);
            t = t * (-x / fk);
            let term = t / fk;
            s = s + term;
            if (abs(term) <= {{EPS_HALF}} * abs(s)) { break; }
        }
        return (-0.5772156649015329 - ln_{{T}}(x)) - s;
    }
    return exp_{{T}}(-x) / legendre_backward_{{T}}(0.0, x, i32({{E1_DEPTH}} / x) + 7);
}

// v·x²/m as two parts, for v = (h, l), x² = (yh, yl), m = (k + 1)(k + 2), rm = 1/m: (p +
// lo)/m is q + (p − q·m + lo)/m for any q near p/m, with p − q·m exact.
fn ei_step_{{T}}(v: vec2<{{T}}>, y: vec2<{{T}}>, m: {{T}}, rm: {{T}}) -> vec2<{{T}}> {
    let p = two_prod_{{T}}(v.x, y.x);
    let lo = p.y + (v.x * y.y + v.y * y.x);
    let q = p.x * rm;
    let qm = two_prod_{{T}}(q, m);
    return two_sum_{{T}}(q, ((keep_{{T}}(p.x - qm.x) - qm.y) + lo) * rm);
}

// Σ_{k>=1} x^k/(k·k!) for x >= 2 as two parts: v_k = x^k/k! in two parts in two chains,
// odd and even k, each stepping by two (v_(k+2) = v_k·x²/((k+1)(k+2))), so that each waits
// for half as many steps; v_k/k added in two sums that keep their errors.
fn ei_power_sum_{{T}}(x: {{T}}) -> vec2<{{T}}> {
    let y = two_prod_{{T}}(x, x);
    var a = vec2<{{T}}>(x, 0.0);                       // v_k
    var b = 0.5 * y;                                      // v_(k+1)
    var sa = vec2<{{T}}>(x, 0.0);
    var sb = 0.25 * y;
    var k: {{T}} = 1.0;
    for (var i = 0; i < 150; i++) {
        let ma = (k + 1.0) * (k + 2.0);
        let mb = (k + 2.0) * (k + 3.0);
        a = ei_step_{{T}}(a, y, ma, 1.0 / ma);
        b = ei_step_{{T}}(b, y, mb, 1.0 / mb);
        let ta = (a.x + a.y) * (1.0 / (k + 2.0));
        let tb = (b.x + b.y) * (1.0 / (k + 3.0));
        let ea = two_sum_{{T}}(sa.x, ta);
        sa = vec2<{{T}}>(ea.x, sa.y + ea.y);
        let eb = two_sum_{{T}}(sb.x, tb);
        sb = vec2<{{T}}>(eb.x, sb.y + eb.y);
        k = k + 2.0;
        if (ta <= {{EPS_HALF}} * sa.x) { break; }
    }
    let t = two_sum_{{T}}(sa.x, sb.x);
    return vec2<{{T}}>(t.x, t.y + (sa.y + sb.y));
}

// scale·Ei(x) for x > 50 (scale 1 or ½): the asymptotic series e^x/x·Σ k!/x^k, its terms
// after the first summed apart, with e^x in halves past {{EXP_SPLIT}} and scale applied before
// the second, so that ½·Ei overflows only where it must.
fn ei_asymptotic_{{T}}(x: {{T}}, scale: {{T}}) -> {{T}} {
    var t: {{T}} = 1.0;
    var r: {{T}} = 0.0;
    for (var k = 1; k < 300; k++) {
        t = t * ({{T}}(k) / x);
        r = r + t;
        if (t <= 0.125 * {{EPS_HALF}}) { break; }
    }
    if (x < {{EXP_SPLIT}}) { return exp_{{T}}(x) / x * (1.0 + r) * scale; }
    let h = exp_{{T}}(0.5 * x);                                          // e^x would overflow
    return h * (h * scale / x * (1.0 + r));
}

// Ei(x): −E₁(−x) for x < 0; from 2 to 50 γ + ln x + Σ x^k/(k·k!) (ei_power_sum);
// below 2 the series less itself at the root x₀ = 0.3725… (held as two parts), ln(x/x₀) +
// Σ (x^k − x₀^k)/(k·k!), whose terms all have the sign of x − x₀: u = (x^k − x₀^k)/k!
// carried in two parts through (x·u + (x₀^(k−1)/(k−1)!)·(x − x₀))/k, the terms u/k summed
// with their errors kept. ln(x/x₀) is 2 atanh((x − x₀)/(x + x₀)) near the root, ln(x/hi)
// − lo/hi away. Above 50 the asymptotic series e^x/x·Σ k!/x^k, its terms after the
// first summed apart, with e^x in halves past {{EXP_SPLIT}}. keep_ holds the differences NIR
// would otherwise reassociate (gamma_math.wgsl). −∞ at 0, +∞ at +∞.
fn math_expi_{{T}}(x: {{T}}) -> {{T}} {
    if (nan_{{T}}(x)) { return x; }
    if (x < 0.0) { return -math_exp1_{{T}}(-x); }
    if (x == 0.0) { return -inf_{{T}}(); }
    if (x > {{T_MAX}}) { return x; }
    if (x > 50.0) { return ei_asymptotic_{{T}}(x, 1.0); }
    if (x >= 2.0) {
        let v = ei_power_sum_{{T}}(x);
        let t = two_sum_{{T}}(v.x, 0.5772156649015329 + ln_{{T}}(x));
        return t.x + (t.y + (v.y - 4.942915152430645e-18));
    }
    let delta = keep_{{T}}(x - {{EI_ROOT_HI}}) - {{EI_ROOT_LO}};
    let f = delta / (keep_{{T}}(x + {{EI_ROOT_HI}}) + {{EI_ROOT_LO}});
    var ln_ratio = ln_{{T}}(x / {{EI_ROOT_HI}}) - {{EI_ROOT_LO}} / {{EI_ROOT_HI}};
    if (abs(f) <= 0.17) { ln_ratio = log_series_{{T}}(f); }                // 2 atanh f
    var u = vec2<{{T}}>(delta, 0.0);
    var q: {{T}} = {{EI_ROOT_HI}};
    var s = vec2<{{T}}>(delta, 0.0);
    for (var k = 2; k < 300; k++) {
        let fk = {{T}}(k);
        let rk = 1.0 / fk;                           // (w + lo)/k = h + (w − h·k + lo)/k
        let p = two_prod_{{T}}(u.x, x);
        let w = two_sum_{{T}}(p.x, q * delta);
        let h = w.x * rk;
        let m = two_prod_{{T}}(h, fk);
        let l = ((keep_{{T}}(w.x - m.x) - m.y) + (p.y + u.y * x + w.y)) * rk;
        u = two_sum_{{T}}(h, l);
        q = q * ({{EI_ROOT_HI}} * rk);
        let term = (u.x + u.y) * rk;
        let e = two_sum_{{T}}(s.x, term);
        s = vec2<{{T}}>(e.x, s.y + e.y);
        if (abs(term) <= {{EPS_HALF}} * abs(s.x)) { break; }
    }
    let t = two_sum_{{T}}(ln_ratio, s.x);
    return t.x + (t.y + s.y);
}

// E_n(x) (SciPy's expn), n truncated toward zero: e^−x/x for n = 0; for n >= 1 below ½
// its series (−x)^(n−1)/(n−1)!·(ψ(n) − ln x) − Σ_{k≠n−1} (−x)^k/((k − n + 1)·k!),
// above e^−x over Legendre's continued fraction for Γ(1 − n, x), {{E1_DEPTH}}/x + 12 terms deep.
// NaN for n < 0 or x < 0;
// at x = 0 +∞ for n <= 1, 1/(n − 1) above; 0 at x = +∞.
fn math_expn_{{T}}(n0: {{T}}, x: {{T}}) -> {{T}} {
    let n = trunc(n0);
    if (nan_{{T}}(n) || nan_{{T}}(x) || n < 0.0 || x < 0.0) { return qnan_{{T}}(); }
    if (x == 0.0) { return select(1.0 / (n - 1.0), inf_{{T}}(), n <= 1.0); }
    if (x > {{T_MAX}} || n > {{T_MAX}}) { return 0.0; }
    if (n == 0.0) { return exp_{{T}}(-x) / x; }
    if (x >= 0.5) { return exp_{{T}}(-x) / legendre_backward_{{T}}(1.0 - n, x, i32({{E1_DEPTH}} / x) + 12); }
    // The k = n − 1 term is (−x)^(n−1)/(n−1)!·(ψ(n) − ln x), ψ(n) = H_(n−1) − γ.
    let m = n - 1.0;
    let lx = ln_{{T}}(x);
    var s: {{T}} = 0.0;
    var t: {{T}} = 1.0;                                                  // (−x)^k/k!
    var h: {{T}} = 0.0;                                                  // H_k
    for (var i = 0; i < 300; i++) {
        let k = {{T}}(i);
        if (i > 0) { t = t * (-x / k); h = h + 1.0 / k; }
        if (k == m) { s = s + t * ((h - 0.5772156649015329) - lx); continue; }
        let term = t / (m - k);
        s = s + term;
        if (i > 0 && abs(term) <= {{EPS_HALF}} * abs(s)) { break; }
    }
    return s;
}

// The odd and even parts of Σ_{j>=1} σ^⌊j/2⌋·x^j/(j·j!) for 0 < x < 2, σ = ±1: with σ = −1
// Si(x) and Ci(x) − γ − ln x, with σ = 1 Shi(x) and Chi(x) − γ − ln x; to the first term
// below {{EPS_HALF}} of both sums.
fn sici_series_{{T}}(x: {{T}}, sigma: {{T}}) -> vec2<{{T}}> {
    var t: {{T}} = 1.0;                                                  // x^j/j!
    var odd: {{T}} = 0.0;
    var even: {{T}} = 0.0;
    var sign: {{T}} = 1.0;
    for (var j = 1; j < 300; j++) {
        let fj = {{T}}(j);
        t = t * (x / fj);
        if ((j & 1) == 0) { sign = sign * sigma; }
        let term = sign * (t / fj);
        if ((j & 1) == 1) { odd = odd + term; } else { even = even + term; }
        if (abs(term) <= {{EPS_HALF}} * min(abs(odd), abs(even)) || t == 0.0) { break; }
    }
    return vec2<{{T}}>(odd, even);
}

// f + i·g = e^(ix)·E₁(ix) for x >= 2: 1/(1 + ix − 1²/(3 + ix − 2²/(5 + ix − …))) from the
// bottom up, {{CIS_DEPTH}}/x + {{CIS_EXTRA}} terms deep; from {{CIS_ASYMPTOTIC}} its leading terms 1/x² − i/x.
fn cis_fraction_{{T}}(x: {{T}}) -> vec2<{{T}}> {
    if (x >= {{CIS_ASYMPTOTIC}}) { return vec2<{{T}}>(1.0 / (x * x), -1.0 / x); }
    let n = i32({{CIS_DEPTH}} / x) + {{CIS_EXTRA}};
    var tr = {{T}}(2 * n + 1);
    var ti = x;
    for (var i = n; i >= 1; i--) {
        let fi = {{T}}(i);
        let q = fi * fi / (tr * tr + ti * ti);                           // t ← (2i − 1 + ix) − i²/t
        tr = {{T}}(2 * i - 1) - q * tr;
        ti = x + q * ti;
    }
    let m = tr * tr + ti * ti;
    return vec2<{{T}}>(tr / m, -ti / m);
}

// Si(x), or Ci(x) when cosine (SciPy's sici): below 2 their series, above Si = π/2 + g·cos x
// − f·sin x and Ci = −(f·cos x + g·sin x) from cis_fraction. Si odd, Ci(|x|) for x < 0;
// (0, −∞) at 0, (±π/2, 0) at ±∞.
fn sici_{{T}}(x: {{T}}, cosine: bool) -> {{T}} {
    if (nan_{{T}}(x)) { return x; }
    let ax = abs(x);
    var si: {{T}} = 1.5707963267948966;
    var ci: {{T}} = 0.0;
    if (ax == 0.0) {
        si = 0.0;
        ci = -inf_{{T}}();
    } else if (ax < 2.0) {
        let s = sici_series_{{T}}(ax, -1.0);
        si = s.x;
        ci = ((0.5772156649015329 + ln_{{T}}(ax)) + s.y) - 4.942915152430645e-18;
    } else if (ax <= {{T_MAX}}) {
        let f = cis_fraction_{{T}}(ax);
        let sc = sincos_{{T}}(ax);
        si = 1.5707963267948966 + (f.y * sc.y - f.x * sc.x);
        ci = -(f.x * sc.y + f.y * sc.x);
    }
    if (cosine) { return ci; }
    return select(si, -si, x < 0.0);
}
fn math_si_{{T}}(x: {{T}}) -> {{T}} { return sici_{{T}}(x, false); }
fn math_ci_{{T}}(x: {{T}}) -> {{T}} { return sici_{{T}}(x, true); }

// Shi(x), or Chi(x) when want_chi (SciPy's shichi): below 2 their series, to 50 (Ei ± E₁)/2,
// above Ei/2 alone, halved before its last factor. Shi odd, Chi(|x|) for x < 0; (0, −∞)
// at 0, (±∞, +∞) at ±∞.
fn shichi_{{T}}(x: {{T}}, want_chi: bool) -> {{T}} {
    if (nan_{{T}}(x)) { return x; }
    let ax = abs(x);
    var shi = inf_{{T}}();
    var chi = inf_{{T}}();
    if (ax == 0.0) {
        shi = 0.0;
        chi = -inf_{{T}}();
    } else if (ax < 2.0) {
        let s = sici_series_{{T}}(ax, 1.0);
        shi = s.x;
        chi = ((0.5772156649015329 + ln_{{T}}(ax)) + s.y) - 4.942915152430645e-18;
    } else if (ax > 50.0 && ax <= {{T_MAX}}) {
        shi = ei_asymptotic_{{T}}(ax, 0.5);
        chi = shi;
    } else if (ax <= 50.0) {
        let ei = math_expi_{{T}}(ax);
        let e1 = math_exp1_{{T}}(ax);
        shi = 0.5 * (ei + e1);
        chi = 0.5 * (ei - e1);
    }
    if (want_chi) { return chi; }
    return select(shi, -shi, x < 0.0);
}
fn math_shi_{{T}}(x: {{T}}) -> {{T}} { return shichi_{{T}}(x, false); }
fn math_chi_{{T}}(x: {{T}}) -> {{T}} { return shichi_{{T}}(x, true); }
