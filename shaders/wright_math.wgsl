// ---- Wright's generalized Bessel function (SciPy's wright_bessel, log_wright_bessel) -----
// Φ(a, b; x) = Σ xᵏ/(k!·Γ(ak + b)) and ln Φ for a, b, x >= 0: the steps of
// src/backend/cpu/wright.rs, whose comments say why; src/ops/wright.rs describes the
// method. llvmpipe runs every inlined copy of a function whichever branch calls it, so
// the ratio of two terms (two ratios of Γ) is formed at one site, in one loop that
// walks to the largest term and then sums outward in both directions, and Γ is called
// once, for the centre term.

// t(c + d)/t(c) for t(k) = xᵏ/(Γ(k + 1)·Γ(ak + b)) (cpu: term_ratio): between neighbours
// (near, d = ±1) x/(c + 1) or c/x times Γ(ac + b)/Γ(a(c + d) + b); else e^(d·ln x) times
// that and Γ(c + 1)/Γ(c + d + 1). Each Γ(z)/Γ(s) is the product of s/z while either is
// below 10, then e^−(ln Γ(s) − ln Γ(z)) by Stirling's series; 0 where s is a pole.
fn wb_term_ratio_{{T}}(a: {{T}}, b: {{T}}, x: {{T}}, lnx: {{T}}, c: {{T}}, d: {{T}}, near: bool) -> {{T}} {
    var e = select(d * lnx, 0.0, near);
    var p = select({{T}}(1.0), select(c / x, x / (c + 1.0), d > 0.0), near);
    for (var i = select(0, 1, near); i < 2; i++) {
        var z = select(a * c + b, c + 1.0, i == 0);
        var s = select(a * (c + d) + b, c + d + 1.0, i == 0);
        let dd = select(a * d, d, i == 0);
        if (dd == 0.0) { continue; }
        if (s <= 0.0) { return 0.0; }
        for (var n = 0; n < 64 && min(z, s) < 10.0; n++) {
            let q = s / z;
            if (q >= 1e-15 && q <= 1e15) { p *= q; } else { e += ln_{{T}}(q); }
            if (!(p >= 1e-15 && p <= 1e15)) {
                e += ln_{{T}}(p);
                p = 1.0;
            }
            z += 1.0;
            s += 1.0;
        }
        e -= stirling_ln_gamma_ratio_{{T}}(z, s, dd);
    }
    return p * exp_{{T}}(e);
}

// The largest term's place, roughly: the root of ln(k + 1) + a·ln(ak + b + 1) = ln x by
// Newton's method in u = ln(k + 1), bracketed by bisection; 0 where the terms fall from
// the first (cpu: peak).
fn wb_peak_{{T}}(a: {{T}}, b: {{T}}, lnx: {{T}}) -> {{T}} {
    if (a * ln_{{T}}(b + 1.0) >= lnx) { return 0.0; }
    var lo: {{T}} = 0.0;
    var hi = lnx;
    var u = lnx / (1.0 + a);
    for (var i = 0; i < 64; i++) {
        let em1 = math_exp_m1_{{T}}(u);
        let inner = a * em1 + b + 1.0;
        let g = u + a * ln_{{T}}(inner) - lnx;
        if (g < 0.0) { lo = u; } else { hi = u; }
        let e = em1 + 1.0;
        var next = u - g / (1.0 + a * a * e / inner);
        if (!(next > lo && next < hi)) { next = 0.5 * (lo + hi); }
        let moved = abs(next - u);
        u = next;
        if (moved * e < 0.01 || moved <= 8.0 * {{EPS_HALF}} * u) { break; }
    }
    return math_exp_m1_{{T}}(u);
}

// The centre c, the grid's step h and the sum of the other terms over the centre's
// (cpu: sum), as (c, h, rest), or past σ = 1e5 Laplace's; rest NaN past 2,000 steps. One
// loop: phase 0 walks to the largest term (probing up, then down), phases 1 and 2 sum up
// and down from it.
fn wb_sum_{{T}}(a: {{T}}, b: {{T}}, x: {{T}}) -> vec3<{{T}}> {
    let lnx = ln_{{T}}(x);
    let kh = wb_peak_{{T}}(a, b, lnx);
    let zh = a * kh + b;
    let sigma = sqrt(1.0 / (1.0 / (kh + 0.5) + a * a * (1.0 + 0.5 / zh) / zh));
    // Laplace's σ·√(2π) past σ = 1e5 (cpu: LAPLACE).
    if (sigma >= 1e5) { return vec3<{{T}}>(kh, sigma * {{SQRT_2PI}}, 0.0); }
    let wide = sigma >= 12.0;
    var c = select(max(floor(kh + 0.5), select({{T}}(0.0), {{T}}(1.0), b == 0.0)), kh, wide);
    let h = select({{T}}(1.0), sigma / 3.0, wide);
    var phase = select(0, 1, wide);
    var probe: {{T}} = 1.0;
    var j: {{T}} = 1.0;
    var rest: {{T}} = 0.0;
    var prev = h;
    for (var steps = 0; steps < 2000; steps++) {
        let dir = select({{T}}(-1.0), {{T}}(1.0), phase == 1);
        let d = select(dir * j * h, probe, phase == 0);
        if (phase == 0 && probe < 0.0 && !(c >= 1.0 && a * (c - 1.0) + b > 0.0)) {
            phase = 1;
            continue;
        }
        // A direction ends past the terms' start or at a term below 1e-18 of the sum.
        var end = phase > 0 && (c + d < 0.0 || a * (c + d) + b <= 0.0);
        if (!end) {
            // On the grid each term from the centre's; on the integers each from the one
            // before (ratios of neighbours).
            let from_prev = phase > 0 && !wide;
            let r = wb_term_ratio_{{T}}(a, b, x, lnx, select(c, c + d - dir, from_prev), select(d, dir, from_prev), !wide);
            if (phase == 0) {
                if (r > 1.0) {
                    c += probe;
                } else if (probe > 0.0) {
                    probe = -1.0;
                } else {
                    phase = 1;
                }
                continue;
            }
            let t = r * select(h, prev, from_prev);
            prev = t;
            rest += t;
            end = t < 1e-18 * (h + rest);
        }
        if (!end) {
            j += 1.0;
        } else if (phase == 2) {
            return vec3<{{T}}>(c, h, rest);
        } else {
            phase = 2;
            j = 1.0;
            prev = h;
        }
    }
    return vec3<{{T}}>(c, h, qnan_{{T}}());
}

// The centre term t(c)·e^extra as e^(hi + lo)·f, f a factor for the value and a term of the
// exponent for want_log (cpu: centre_term): the ln Γ of arguments past 10 by Stirling's
// formula, merged into c·ln q, q = x/((c + 1)·zᵃ), and the exactly kept extra + (c + 1) + z;
// below 10, qᶜ/c! and 1/Γ(z).
fn wb_centre_term_{{T}}(a: {{T}}, b: {{T}}, x: {{T}}, c: {{T}}, extra: {{T}}, want_log: bool) -> vec3<{{T}}> {
    let z = select(a * c + b, b, c == 0.0);
    let w = c + 1.0;
    var q = x;
    var small: {{T}} = 0.0;
    var m: {{T}} = 1.0;
    var big = extra;
    var lo: {{T}} = 0.0;
    if (w >= 10.0) {
        q = q / w;
        let t = two_sum_{{T}}(big, w);
        big = t.x;
        lo = t.y;
        small -= 0.5 * ln_{{T}}(w) + {{HALF_LN_2PI_HI}} + stirling_series_{{T}}(w);
    } else {
        for (var i: {{T}} = 2.0; i <= c; i += 1.0) { m = m / i; }
    }
    let big_z = z >= 10.0;
    if (big_z) {
        let lnz = ln_{{T}}(z);
        if (c > 0.0) {
            let za = pow_pos_{{T}}(z, a);
            q = select(exp_{{T}}(ln_{{T}}(q) - a * lnz), q / za, za <= {{T_MAX}});
        }
        small -= (b - 0.5) * lnz + {{HALF_LN_2PI_HI}} + stirling_series_{{T}}(z);
        let t = two_sum_{{T}}(big, z);
        big = t.x;
        lo += t.y;
    }
    var ln_m: {{T}} = 0.0;
    if (want_log) {
        ln_m = ln_{{T}}(m);
        if (!big_z) { ln_m -= math_ln_gamma_{{T}}(z); }
    } else if (!big_z) {
        m = m / math_gamma_{{T}}(z);
    }
    if (c > 0.0) {
        if (w >= 10.0) {
            small += c * ln_{{T}}(q);
        } else if (want_log) {
            ln_m += c * ln_{{T}}(q);
        } else {
            m *= pow_pos_{{T}}(q, c);
        }
    }
    let t = two_sum_{{T}}(big, small);
    return vec3<{{T}}>(t.x, lo + t.y, select(m, ln_m, want_log));
}

// Φ(a, b; x), or ln Φ for want_log (cpu: wright_bessel). NaN for a NaN or a negative
// argument and past 2,000 steps; at a = +∞ the first term 1/Γ(b) (NaN with x = +∞), at
// b = +∞ 0, at x = +∞ +∞.
fn math_wright_bessel_{{T}}(a: {{T}}, b: {{T}}, x: {{T}}, want_log: bool) -> {{T}} {
    let inf = inf_{{T}}();
    if (!(a >= 0.0 && b >= 0.0 && x >= 0.0) || (a == inf && x == inf)) { return qnan_{{T}}(); }
    if (b == inf || (b == 0.0 && (x == 0.0 || a == 0.0))) { return select({{T}}(0.0), -inf, want_log); }
    if (x == inf) { return inf; }
    var s = vec3<{{T}}>(0.0, 1.0, 0.0);
    var extra: {{T}} = 0.0;
    if (a == 0.0) {
        extra = x;
    } else if (x > 0.0 && a < inf) {
        s = wb_sum_{{T}}(a, b, x);
    }
    if (nan_{{T}}(s.z)) { return s.z; }
    let t = wb_centre_term_{{T}}(a, b, x, s.x, extra, want_log);
    if (want_log) {
        return t.x + (t.y + t.z + ln_{{T}}(s.y) + math_ln_1p_{{T}}(s.z / s.y));
    }
    let scale = s.y + s.z;
    if (abs(t.x) > {{EXP_NORMAL_END}}) {
        return exp_{{T}}(t.x + (t.y + ln_{{T}}(t.z) + ln_{{T}}(scale)));
    }
    return exp_{{T}}(t.x) * t.z * (scale + scale * t.y);
}
