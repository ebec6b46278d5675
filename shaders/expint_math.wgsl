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
    if (x > 50.0) {
        var t: {{T}} = 1.0;
        var r: {{T}} = 0.0;
        for (var k = 1; k < 300; k++) {
            t = t * ({{T}}(k) / x);
            r = r + t;
            if (t <= 0.125 * {{EPS_HALF}}) { break; }
        }
        if (x < {{EXP_SPLIT}}) { return exp_{{T}}(x) / x * (1.0 + r); }
        let h = exp_{{T}}(0.5 * x);                                      // e^x would overflow
        return h * (h / x * (1.0 + r));
    }
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
