// The Kolmogorov distribution's survival function (SciPy's kolmogorov) and its inverse
// (kolmogi), written once for f32 and f64 ({{T}}); src/backend/cpu/kolmogorov.rs is the
// same in f64 and src/ops/kolmogorov.rs describes the methods.

// A tail and its derivative: when sf the survival function 2 Σ (−1)^(k−1) e^(−2k²x²)
// (e^(−2x²) from x² = h + l exactly, its powers w^(k²) as products; fast from 0.82), else
// the CDF √(2π)/x·Σ e^(−(2k−1)²π²/(8x²)) (fast below); to the first term below
// {{EPS_HALF}}/8 of the sum.
fn kolmogorov_tail_{{T}}(x: {{T}}, sf: bool) -> vec2<{{T}}> {
    if (sf) {
        let hl = two_prod_{{T}}(x, x);
        let w = exp_{{T}}(-2.0 * hl.x) * (1.0 - 2.0 * hl.y);
        let w2 = w * w;
        var step = w;                                                    // w^(2k−1)
        var term = w;                                                    // w^(k²)
        var s: {{T}} = 0.0;
        var d: {{T}} = 0.0;
        var sign: {{T}} = 1.0;
        for (var k = 1; k <= 12; k++) {
            s = s + sign * term;
            d = d + sign * {{T}}(k * k) * term;
            if (term <= 0.125 * {{EPS_HALF}} * s) { break; }
            step = step * w2;
            term = term * step;
            sign = -sign;
        }
        return vec2<{{T}}>(2.0 * s, -8.0 * x * d);
    }
    let a = 1.2337005501361697 / (x * x);                                // π²/(8x²)
    var s: {{T}} = 0.0;
    var d: {{T}} = 0.0;
    for (var k = 1; k <= 12; k++) {
        let m = {{T}}((2 * k - 1) * (2 * k - 1)) * a;
        let term = exp_{{T}}(-m);
        s = s + term;
        d = d + term * (2.0 * m - 1.0);
        if (term <= 0.125 * {{EPS_HALF}} * s) { break; }
    }
    let c = {{SQRT_2PI}} / x;                                      // √(2π)/x
    return vec2<{{T}}>(c * s, c * d / x);
}

// P(K > x): the tail from 0.82, 1 − the CDF below; 1 for x <= 0, 0 at +∞.
fn math_kolmogorov_{{T}}(x: {{T}}) -> {{T}} {
    if (nan_{{T}}(x)) { return x; }
    if (x <= 0.0) { return 1.0; }
    if (x > {{T_MAX}}) { return 0.0; }
    let t = kolmogorov_tail_{{T}}(x, x >= 0.82).x;
    return select(1.0 - t, t, x >= 0.82);
}

// The x with P(K > x) = p: Newton's method on ln(T/t) for the smaller tail t (p itself up
// to 0.512, the survival function's value at 0.82; else 1 − p against the CDF) in a
// bracket that each step narrows, from the leading terms' roots. NaN outside [0, 1], +∞
// at 0, 0 at 1.
fn math_kolmogi_{{T}}(p: {{T}}) -> {{T}} {
    if (nan_{{T}}(p) || p < 0.0 || p > 1.0) { return qnan_{{T}}(); }
    if (p == 0.0) { return inf_{{T}}(); }
    if (p == 1.0) { return 0.0; }
    let upper = p <= 0.5119717052984973;
    let t = select(1.0 - p, p, upper);
    var x: {{T}};
    var lo: {{T}} = 0.0;
    var hi: {{T}} = 0.82;
    if (upper) {
        x = sqrt(-ln_{{T}}(0.5 * p) * 0.5);
        lo = 0.82;
        hi = 40.0;
    } else {
        let l = ln_{{T}}({{SQRT_2PI}} / t);
        let x0 = sqrt(1.2337005501361697 / l);
        x = sqrt(1.2337005501361697 / (l - ln_{{T}}(x0)));
    }
    x = clamp(x, lo, hi);
    for (var i = 0; i < 64; i++) {
        let vd = kolmogorov_tail_{{T}}(x, upper);                       // the matched tail's series, wherever x is
        let v = vd.x;
        if (v == t) { break; }
        if ((v > t) == upper) { lo = x; } else { hi = x; }               // the tail falls above, the CDF rises below
        var next = x - ln_{{T}}(v / t) * v / vd.y;                       // ln(v/t), not ln v − ln t
        let tol = 4.0 * {{EPS_HALF}} * x;
        if (abs(next - x) <= tol) { x = next; break; }
        if (!(next > lo && next < hi)) { next = 0.5 * (lo + hi); }
        if (hi - lo <= tol) { x = next; break; }
        x = next;
    }
    return x;
}

// ---- smirnov, smirnovi: the one-sided statistic D_n^+ for n samples ----------------------

// Stirling's series S(k) = ln Γ(k) − ((k − ½) ln k − k + ½ ln 2π) at an integer k >= 1: a
// table below 10.
fn stirling_int_{{T}}(k: {{T}}) -> {{T}} {
    if (k >= 10.0) { return stirling_series_{{T}}(k); }
    var s = array<{{T}}, 9>(0.08106146679532726, 0.0413406959554093, 0.02767792568499834,
                            0.020790672103765093, 0.016644691189821193, 0.013876128823070748,
                            0.01189670994589177, 0.010411265261972096, 0.009255462182712733);
    return s[u32(k) - 1u];
}

// The Smirnov–Birnbaum–Tingey sum P(D_n^+ >= x) = Σ_{0<=v<n(1−x)} T_v in progress: the
// next v, the sum with its Kahan compensation, and the derivative in x.
struct SmirnovSum_{{T}} { v: {{T}}, s: {{T}}, c: {{T}}, d: {{T}} }

// The sum at x begun: T_0 = (1 − x)^n, or below nx = 1 the closed form 1 − x(1 + x)^(n−1)
// and its derivative, complete (v = n).
fn smirnov_start_{{T}}(n: {{T}}, x: {{T}}) -> SmirnovSum_{{T}} {
    let nx = n * x;
    if (nx < 1.0) {
        let w = (n - 2.0) * math_ln_1p_{{T}}(x);
        let c = exp_{{T}}(w + math_ln_1p_{{T}}(x)) * x;
        return SmirnovSum_{{T}}(n, 1.0 - c, 0.0, -exp_{{T}}(w) * (1.0 + nx));
    }
    let first = exp_{{T}}(n * math_ln_1p_{{T}}(-x));
    return SmirnovSum_{{T}}(1.0, first, 0.0, -first * n / (1.0 - x));
}

// Adds T_v, if v < n(1 − x), as x/p·√(n/(2π v(n−v)))·e^E with p = x + v/n and E =
// v·log1pmx(nx/v) + (n−v)·log1pmx(−nx/(n−v)) + S(n) − S(v) − S(n−v) (Loader's form of a
// binomial probability: nothing large cancels), and its derivative when asked; sn = S(n).
fn smirnov_add_{{T}}(st: ptr<function, SmirnovSum_{{T}}>, n: {{T}}, x: {{T}}, sn: {{T}}, derivative: bool) {
    let nx = n * x;
    let v = (*st).v;
    let nv = n - v;
    if (nv > nx) {
        let s = nx / nv;
        // log1pmx(−s), past ½ as ln((n − v − nx)/(n − v)) + s with the difference exact.
        var lq: {{T}};
        if (s > 0.5) { lq = ln_{{T}}((nv - nx) / nv) + s; } else { lq = log1pmx_{{T}}(-s); }
        let e = v * log1pmx_{{T}}(nx / v) + nv * lq + sn - stirling_int_{{T}}(v) - stirling_int_{{T}}(nv);
        let t = nx / (nx + v) * sqrt(n / (6.283185307179586 * v * nv)) * exp_{{T}}(e);
        // Kahan's step, its roundings kept out of NIR's algebra (keep_, gamma_math.wgsl).
        let y = t - (*st).c;
        let z = keep_{{T}}((*st).s + y);
        (*st).c = keep_{{T}}(z - (*st).s) - y;
        (*st).s = z;
        if (derivative) { (*st).d = (*st).d + t * (1.0 / x + n * (v - 1.0) / (nx + v) - n * nv / (nv - nx)); }
        (*st).v = v + 1.0;
    }
}

// The loop budget of both functions, {{SMIRNOV_STEPS}} passes of four terms (llvmpipe ends
// a SIMD group's loops after 65,535 iterations in all, and then spoils its other lanes
// too): one loop, whose passes move on to the next Newton step when a sum is complete,
// so that lanes of different steps do not add up. Past it, NaN.

// P(D_n^+ >= x) (SciPy's smirnov), n truncated toward zero: NaN for n < 1 or past
// 2³¹ − 1 and for x outside [0, 1]; 1 at x = 0, 0 at 1, 1 − x for n = 1, 0 past
// Hoeffding's bound (2nx² > {{SMIRNOV_ZERO}}).
fn math_smirnov_{{T}}(n0: {{T}}, x: {{T}}) -> {{T}} {
    let n = trunc(n0);
    if (nan_{{T}}(n) || nan_{{T}}(x) || n < 1.0 || n > 2147483647.0 || x < 0.0 || x > 1.0) { return qnan_{{T}}(); }
    if (x == 0.0) { return 1.0; }
    if (n == 1.0 || x == 1.0) { return 1.0 - x; }
    if (2.0 * n * x * x > {{SMIRNOV_ZERO}}) { return 0.0; }
    let sn = stirling_int_{{T}}(n);
    var st = smirnov_start_{{T}}(n, x);
    for (var i = 0u; i < {{SMIRNOV_STEPS}}u && n - st.v > n * x; i++) {
        smirnov_add_{{T}}(&st, n, x, sn, false);
        smirnov_add_{{T}}(&st, n, x, sn, false);
        smirnov_add_{{T}}(&st, n, x, sn, false);
        smirnov_add_{{T}}(&st, n, x, sn, false);
    }
    if (n - st.v > n * x) { return qnan_{{T}}(); }
    return min(st.s, 1.0);
}

// The x with P(D_n^+ >= x) = p (SciPy's smirnovi): 1 − p^(1/n) past 1 − 1/n; otherwise
// Newton's method on ln(S/p) in the bracket [1 − p^(1/n), √(−ln p/(2n))], narrowed by each
// step (a step that leaves it bisects it), from the root of e^(−(6nx + 1)²/(18n)). NaN
// for n < 1 or past 2³¹ − 1 and for p outside [0, 1]; 1 at p = 0, 0 at 1, 1 − p for n = 1.
fn math_smirnovi_{{T}}(n0: {{T}}, p: {{T}}) -> {{T}} {
    let n = trunc(n0);
    if (nan_{{T}}(n) || nan_{{T}}(p) || n < 1.0 || n > 2147483647.0 || p < 0.0 || p > 1.0) { return qnan_{{T}}(); }
    if (p == 0.0 || n == 1.0) { return 1.0 - p; }
    if (p == 1.0) { return 0.0; }
    let lp = ln_{{T}}(p);
    var lo = -math_exp_m1_{{T}}(lp / n);
    if (lo * n >= n - 1.0) { return lo; }
    var hi = min(sqrt(-lp / (2.0 * n)), 1.0);
    var x = max((sqrt(-18.0 * n * lp) - 1.0) / (6.0 * n), 0.0);
    if (!(x > lo && x < hi)) { x = 0.5 * (lo + hi); }
    let sn = stirling_int_{{T}}(n);
    var st = smirnov_start_{{T}}(n, x);
    var steps = 0;
    var done = false;
    for (var i = 0u; i < {{SMIRNOV_STEPS}}u && !done; i++) {
        smirnov_add_{{T}}(&st, n, x, sn, true);
        smirnov_add_{{T}}(&st, n, x, sn, true);
        smirnov_add_{{T}}(&st, n, x, sn, true);
        smirnov_add_{{T}}(&st, n, x, sn, true);
        if (n - st.v > n * x) { continue; }
        // The sum at x is complete: a Newton step.
        let s = min(st.s, 1.0);
        steps = steps + 1;
        if (s == p || steps > 64) { done = true; continue; }
        if (s > p) { lo = x; } else { hi = x; }
        var next = x - ln_{{T}}(s / p) * s / st.d;                       // ln(s/p), not ln s − ln p
        let tol = 4.0 * {{EPS_HALF}} * x;
        if (abs(next - x) <= tol) { x = next; done = true; continue; }
        if (!(next > lo && next < hi)) { next = 0.5 * (lo + hi); }
        if (hi - lo <= tol) { x = next; done = true; continue; }
        x = next;
        st = smirnov_start_{{T}}(n, x);
    }
    return select(qnan_{{T}}(), x, done);
}
