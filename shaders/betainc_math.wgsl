// The regularised incomplete beta function I_x(a, b) (SciPy's betainc) and its
// complement (betaincc), written once for f32 and f64 ({{T}}); src/backend/cpu/betainc.rs
// is the same algorithm in f64 and src/ops/betainc.rs describes it. Included after
// gamma_math.wgsl (Γ, Stirling's series) and gammainc_math.wgsl (log1pmx).

// x^a·y^b/(a·B(a, b)) for y = 1 − x, lx = ln x, ly = ln y: Stirling's series arranged so
// that the large terms cancel exactly (a, b >= 10), Γ(a + b)/Γ(M) from it (one of them,
// M, >= 10), or Γ itself (both below 10).
fn beta_power_factor_{{T}}(a: {{T}}, b: {{T}}, x: {{T}}, y: {{T}}, lx: {{T}}, ly: {{T}}) -> {{T}} {
    let s = a + b;
    if (a >= 10.0 && b >= 10.0) {
        let d = x * b - y * a;
        let u = d / a;
        let v = -d / b;
        var ea = a * (ln_{{T}}(x * (s / a)) - u);          // x far below the mean
        if (u > -0.5) { ea = a * log1pmx_{{T}}(u); }
        var eb = b * (ln_{{T}}(y * (s / b)) - v);
        if (v > -0.5) { eb = b * log1pmx_{{T}}(v); }
        let tail = stirling_series_{{T}}(a) + stirling_series_{{T}}(b) - stirling_series_{{T}}(s);
        return sqrt(b / s) / sqrt(6.283185307179586 * a) * exp_{{T}}(ea + eb - tail);
    }
    let a_small = a <= b;
    let m = select(b, a, a_small);
    let big = select(a, b, a_small);
    if (big >= 10.0) {
        let t = m / big;
        let v = select(y, x, a_small);
        let e = m * ln_{{T}}(v * s) + big * select(lx, ly, a_small) + big * log1pmx_{{T}}(t)
            - 0.5 * math_ln_1p_{{T}}(t) + (stirling_series_{{T}}(s) - stirling_series_{{T}}(big));
        let g = math_gamma_{{T}}(select(b, 1.0 + a, a_small)) * select(a, 1.0, a_small);
        return exp_{{T}}(e) / g;
    }
    // v^p as a power where v < ½ (then exact), else from its logarithm (below ln 2): one
    // power and one exponential, the variable below ½ to the power.
    let x_low = x < 0.5;
    let pw = pow_double_{{T}}(select(y, x, x_low), 0.0, select(b, a, x_low));
    let ex = exp_{{T}}(select(a * lx, b * ly, x_low));
    return pw * ex * (math_gamma_{{T}}(s) / (math_gamma_{{T}}(a + 1.0) * math_gamma_{{T}}(b)));
}

// The k-th partial numerator of I_x(a, b)'s first continued fraction (DLMF 8.17.22) or,
// when second, of the second (Cephes' incbd, in z = x/(1 − x)); see
// src/backend/cpu/betainc.rs.
fn beta_numerator_{{T}}(second: bool, a: {{T}}, b: {{T}}, x: {{T}}, k: i32) -> {{T}} {
    let m = {{T}}((k - 1) / 2);
    let a2m = a + 2.0 * m;
    let odd = (k & 1) == 1;
    let num_odd = -x * (a + m) * select(a + b + m, b - 1.0 - m, second);
    let num_even = x * (m + 1.0) * select(b - m - 1.0, a + b + m, second);
    return select(num_even, num_odd, odd) / select((a2m + 1.0) * (a2m + 2.0), a2m * (a2m + 1.0), odd);
}

// 1/(1 + d₁/(1 + d₂/(1 + …))): Lentz's method counts the terms, then the fraction is
// evaluated from the bottom up, a quarter deeper; NaN past 12,000 terms.
fn beta_fraction_{{T}}(second: bool, a: {{T}}, b: {{T}}, x: {{T}}) -> {{T}} {
    let tiny: {{T}} = {{LENTZ_TINY}};
    var c: {{T}} = 1.0;
    var d: {{T}} = 0.0;
    var n = 0;
    for (var k = 1; k < 12000; k++) {
        let dk = beta_numerator_{{T}}(second, a, b, x, k);
        d = 1.0 + dk * d;
        if (abs(d) < tiny) { d = tiny; }
        c = 1.0 + dk / c;
        if (abs(c) < tiny) { c = tiny; }
        d = 1.0 / d;
        if (abs(c * d - 1.0) <= {{EPS_HALF}}) { n = k + k / 4 + 4; break; }
    }
    var t: {{T}} = 1.0;
    for (var k = n; k >= 1; k--) { t = 1.0 + beta_numerator_{{T}}(second, a, b, x, k) / t; }
    return select(1.0 / t, qnan_{{T}}(), n == 0);
}

// I_x(a, b) = f·(1 + a·Σ (1 − b)ₙ/n!·xⁿ/(a + n)) for f = x^a/(a·B(a, b)), the power
// series (positive terms for b < 1); NaN past 12,000 terms.
fn beta_series_{{T}}(a: {{T}}, b: {{T}}, x: {{T}}, f: {{T}}) -> {{T}} {
    var c: {{T}} = 1.0;
    var sum: {{T}} = 0.0;
    for (var n = 1; n < 12000; n++) {
        let fn_ = {{T}}(n);
        c = c * ((fn_ - b) * x / fn_);
        let t = c / (a + fn_);
        sum = sum + t;
        if (abs(t) <= {{EPS_HALF}} * abs(sum)) { return f * (1.0 + a * sum); }
    }
    return qnan_{{T}}();
}

// I_x(a, b), or 1 − I_x(a, b) when upper (src/backend/cpu/betainc.rs: betainc): of the
// two, the one whose first fraction converges fast (I_x(a, b) below x = (a + 1)/(a + b
// + 2), I_(1−x)(b, a) above), by its factor times the fraction (the power series where
// b·x <= 1 and x <= 0.95); where the fraction exceeds 16 (ill-conditioned), the other
// function by the second fraction if that is not and agrees with 1 minus it to 2^-10;
// the function not computed 1 minus the other or, where that would cancel, by its own
// series. SciPy's conventions.
fn math_betainc_{{T}}(a: {{T}}, b: {{T}}, x: {{T}}, upper: bool) -> {{T}} {
    if (nan_{{T}}(a) || nan_{{T}}(b) || nan_{{T}}(x) || a < 0.0 || b < 0.0 || x < 0.0 || x > 1.0) { return qnan_{{T}}(); }
    let a_inf = a > {{T_MAX}};
    let b_inf = b > {{T_MAX}};
    if ((a == 0.0 && b == 0.0) || (a_inf && b_inf)) { return qnan_{{T}}(); }
    if (x == 0.0 || x == 1.0) { return select(x, 1.0 - x, upper); }
    if (a == 0.0 || b_inf) { return select({{T}}(1.0), {{T}}(0.0), upper); }
    if (b == 0.0 || a_inf) { return select({{T}}(0.0), {{T}}(1.0), upper); }
    var swap = x > (a + 1.0) / (a + b + 2.0);
    let y = 1.0 - x;
    let lx = ln_{{T}}(x);
    let ly = math_ln_1p_{{T}}(-x);
    var p = select(a, b, swap);
    var q = select(b, a, swap);
    let xs = select(x, y, swap);
    var ys = select(y, x, swap);
    var lxs = select(lx, ly, swap);
    let lys = select(ly, lx, swap);
    var f = beta_power_factor_{{T}}(p, q, xs, ys, lxs, lys);
    var r: {{T}} = 0.0;
    if (f != 0.0 && q * xs <= 1.0 && xs <= 0.95) {
        r = beta_series_{{T}}(p, q, xs, f / exp_{{T}}(q * lys));
    } else if (f != 0.0) {
        // One fraction call in a loop of two passes (llvmpipe inlines every call): the
        // first fraction, then the other function's second fraction in z = y/x.
        for (var attempt = 0; attempt < 2; attempt++) {
            let second = attempt == 1;
            let v = beta_fraction_{{T}}(second, select(p, q, second), select(q, p, second), select(xs, ys / xs, second));
            if (!second) {
                r = f * v;
                if (!(v > 16.0)) { break; }
            } else if (abs(v) <= 16.0 && abs(f * (p / q) * v / xs + r - 1.0) <= 1.0 / 1024.0) {
                swap = !swap;                                   // well-conditioned, and agrees with 1 − r
                f = f * (p / q);
                let p0 = p;
                p = q;
                q = p0;
                ys = xs;
                lxs = lys;
                r = f * v / ys;
            }
        }
    }
    if (swap == upper) { return r; }
    // 1 − r would cancel: the other function by its power series (positive terms for
    // p < 1), its factor f·(p/q)/x^p in the current frame; only where 1 − r's loss,
    // r/(1 − r) ulps, exceeds the √N of the series' N = −ln ε/(−ln y) terms.
    if (r > 0.5 && p < 1.0 && r * r * -ln_{{T}}(ys) > (1.0 - r) * (1.0 - r) * -ln_{{T}}({{EPS_HALF}})) {
        let s = beta_series_{{T}}(q, p, ys, f * (p / q) / exp_{{T}}(p * lxs));
        if (!nan_{{T}}(s)) { return s; }
    }
    return 1.0 - r;
}

// A start for the x with I_x(a, b) = 1 − t (solve_q) or = t, t <= ½
// (src/backend/cpu/betainc.rs: inverse_start): for a, b > 1 Abramowitz and Stegun's
// 26.5.22, else the root of a tail's leading term (x^a/(a·B) near 0, (1 − x)^b/(b·B) near
// 1) where it lies on its side of the mean, else the mean.
fn beta_inverse_start_{{T}}(a: {{T}}, b: {{T}}, t: {{T}}, solve_q: bool) -> {{T}} {
    if (a > 1.0 && b > 1.0) {
        let z = math_ndtri_{{T}}(t);
        let w = select(-z, z, solve_q);
        let lgm = (w * w - 3.0) / 6.0;
        let h = 2.0 / (1.0 / (2.0 * a - 1.0) + 1.0 / (2.0 * b - 1.0));
        let d = w * sqrt(h + lgm) / h - (1.0 / (2.0 * b - 1.0) - 1.0 / (2.0 * a - 1.0)) * (lgm + 5.0 / 6.0 - 2.0 / (3.0 * h));
        let x = a / (a + b * exp_{{T}}(2.0 * d));
        if (x > 0.0 && x < 1.0) { return x; }
    }
    let lb = math_betaln_{{T}}(a, b);
    let l1 = math_ln_1p_{{T}}(-t);
    let l0 = ln_{{T}}(t);
    let x_low = exp_{{T}}((select(l0, l1, solve_q) + ln_{{T}}(a) + lb) / a);
    let u_high = exp_{{T}}((select(l1, l0, solve_q) + ln_{{T}}(b) + lb) / b);
    let low_ok = x_low <= a / (a + b);
    let high_ok = u_high <= b / (a + b);
    if (low_ok && (!solve_q || !high_ok)) { return x_low; }
    if (high_ok) { return 1.0 - u_high; }
    return a / (a + b);
}

// The x with I_x(a, b) = y, or 1 − I_x(a, b) = y when upper (SciPy's betaincinv,
// betainccinv; src/backend/cpu/betainc.rs: betaincinv): the smaller tail t matched, each
// computed directly, by Newton's method on its logarithm in ln x below ½ and in ln(1 − x)
// above, inside a bracket that each evaluation narrows (a step that leaves it bisects
// it, geometrically towards 0 or 1); until a step or the bracket is below 2^-51 (f32:
// 2^-22) of x.
fn math_betaincinv_{{T}}(a: {{T}}, b: {{T}}, y: {{T}}, upper: bool) -> {{T}} {
    if (!(a > 0.0 && a <= {{T_MAX}} && b > 0.0 && b <= {{T_MAX}} && y >= 0.0 && y <= 1.0)) { return qnan_{{T}}(); }
    if (y == 0.0 || y == 1.0) { return select({{T}}(1.0), {{T}}(0.0), (y == 0.0) != upper); }
    let solve_q = upper == (y <= 0.5);
    let t = select(1.0 - y, y, y <= 0.5);
    var x = beta_inverse_start_{{T}}(a, b, t, solve_q);
    if (x == 0.0 || x == 1.0) { return x; }
    var lo: {{T}} = 0.0;
    var hi: {{T}} = 1.0;
    // No return inside the loop: on llvmpipe a lane that returned there took another
    // invocation's value when its neighbours in the SIMD batch went on iterating.
    var root = qnan_{{T}}();
    for (var i = 0; i < 64; i++) {
        let v = math_betainc_{{T}}(a, b, x, solve_q);
        if (v == t || nan_{{T}}(v)) { root = v / t * x; break; }       // x, or NaN
        if ((v < t) != solve_q) { lo = x; } else { hi = x; }           // I rises, 1 − I falls
        let y1 = 1.0 - x;
        let d = beta_power_factor_{{T}}(a, b, x, y1, ln_{{T}}(x), math_ln_1p_{{T}}(-x)) * a / (x * y1);
        let g = ln_{{T}}(v / t);                                         // not ln v − ln t (the roundings of |ln t|)
        let dx = select(-g, g, solve_q) * v / d;
        var next = x * exp_{{T}}(dx / x);
        if (x > 0.5) { next = 1.0 - y1 * exp_{{T}}(-dx / y1); }
        let tol = 4.0 * {{EPS_HALF}} * x;
        if (abs(next - x) <= tol) { root = next; break; }               // before the bracket test: x is one of its ends
        // Newton's steps first, only bisections past 10 (a tail too noisy for them).
        if (nan_{{T}}(next) || next <= lo || next >= hi || i >= 10) {   // (NaN by its bits)
            let u = 1.0 - lo;
            if (lo == 0.0) { next = hi * min(hi, 0.5); }
            else if (hi == 1.0) { next = 1.0 - u * min(u, 0.5); }
            else if (hi <= 0.5) { next = sqrt(lo) * sqrt(hi); }
            else if (lo >= 0.5) { next = 1.0 - sqrt(u) * sqrt(1.0 - hi); }
            else { next = 0.5 * (lo + hi); }
        }
        if (hi - lo <= tol) { root = next; break; }
        x = next;
        root = x;
    }
    return root;
}
