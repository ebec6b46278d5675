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
    let c = 2.5066282746310007 / x;                                      // √(2π)/x
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
        let l = ln_{{T}}(2.5066282746310007 / t);
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
