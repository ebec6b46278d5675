// SciPy's convenience functions for {{T}}: exp10, the trigonometric functions of an
// angle in degrees and kl_div (src/backend/cpu/convenience.rs is the same algorithm; see
// src/ops/convenience.rs).

// 10^x: exact at the integers up to {{EXP10_EXACT}} in size (10^n by squaring, 1/10^n
// below 0), else e^(x·ln 10) with the exponent in two parts.
fn math_exp10_{{T}}(x: {{T}}) -> {{T}} {
    if (trunc(x) == x && abs(x) <= {{EXP10_EXACT}}) {
        var n = u32(abs(x));
        var r: {{T}} = 1.0;
        var p: {{T}} = 10.0;
        for (var i = 0u; i < 5u; i++) {
            if ((n & 1u) == 1u) { r = r * p; }
            p = p * p;
            n = n >> 1u;
        }
        return select(r, 1.0 / r, x < 0.0);
    }
    let p = two_prod_{{T}}(x, {{LN10_HI}});
    let e = exp_{{T}}(p.x);
    if (e == 0.0 || e > {{T_MAX}}) { return e; }
    return e + e * (p.y + x * {{LN10_LO}});
}

// x mod 360 for finite x >= 0, exactly, in [−360, 720) (the quadrant step takes the
// rest). Below {{DEG_DIRECT}}, x − 360·⌊x/360⌋ is exact. Above, x is a multiple of 8 and
// 2^12 = 1 (mod 45): x/8 sheds factors 2^12 while they leave it an integer, then its
// high and low 12 bits are added, and the sum (below 2^({{MANT}} + 1)) is reduced mod 45.
fn mod_360_{{T}}(x: {{T}}) -> {{T}} {
    if (x < {{DEG_DIRECT}}) { return x - 360.0 * floor(x / 360.0); }
    var y = x * 0.125;
    for (var i = 0u; i < 7u; i++) {
        let s = i32(768u >> i);
        if (ldexp(y, -({{MANT}} + s)) >= 1.0) { y = ldexp(y, -s); }
    }
    let a = floor(y / 4096.0);
    y = a + (y - a * 4096.0);
    var r = y - 45.0 * floor(y / 45.0);
    r = select(r, r + 45.0, r < 0.0);
    r = select(r, r - 45.0, r >= 45.0);
    return 8.0 * r;
}

// f(x°) for which = 0 (sin), 1 (cos), 2 (tan), 3 (cot): |x| mod 360, the quadrant q =
// round(r/90) and t = r − 90q in [−45, 45] (exact), sin and cos of t·π/180 with the
// product in two parts, tan and cot from their ratio (±1 at t = ±45, +∞ at the poles,
// SciPy's); the odd functions take x's sign back. NaN at ±∞.
fn trig_deg_{{T}}(x: {{T}}, which: i32) -> {{T}} {
    if (nan_{{T}}(x) || abs(x) > {{T_MAX}}) { return qnan_{{T}}(); }
    let r = mod_360_{{T}}(abs(x));
    let q = round_even_{{T}}(r / 90.0);
    let t = r - 90.0 * q;
    let p = two_prod_{{T}}(t, {{PI_180_HI}});
    let tl = p.y + t * {{PI_180_LO}};
    let s0 = sin_small_{{T}}(p.x);
    let c0 = cos_small_{{T}}(p.x);
    let s = s0 + tl * c0;
    let c = c0 - tl * s0;
    let qi = ((i32(q) % 4) + 4) % 4;
    let odd = (qi & 1) == 1;
    var v: {{T}};
    if (which < 2) {
        let k = (qi + which) & 3;
        v = select(s, c, (k & 1) == 1);
        v = select(v, -v, k >= 2);
    } else {
        if (t == 0.0 && odd == (which == 2)) { return inf_{{T}}(); }
        var tn = s / c;
        if (abs(t) == 45.0) { tn = sign(t); }
        if (which == 2) {
            v = select(tn, -1.0 / tn, odd);
        } else {
            v = select(1.0 / tn, -tn, odd);
        }
    }
    return select(v, -v, which != 1 && x < 0.0);
}

// x·ln(x/y) − x + y (SciPy's kl_div): for x/y in [½, 2] y·(log1pmx(t) + t·ln_1p(t)) with
// t = (x − y)/y (x − y exact), two terms of the order of t² where the plain formula's,
// about x·t, cancel; elsewhere the plain formula (ln x − ln y where x/y over- or
// underflows). y at x = 0 <= y; +∞ for other non-positive arguments; NaN for NaN.
fn math_kl_div_{{T}}(x: {{T}}, y: {{T}}) -> {{T}} {
    if (nan_{{T}}(x) || nan_{{T}}(y)) { return qnan_{{T}}(); }
    if (x > 0.0 && y > 0.0) {
        let r = x / y;
        if (r >= 0.5 && r <= 2.0) {
            let t = (x - y) / y;
            return y * (log1pmx_{{T}}(t) + t * math_ln_1p_{{T}}(t));
        }
        var l = ln_{{T}}(x) - ln_{{T}}(y);
        if (r > 0.0 && r <= {{T_MAX}}) { l = ln_{{T}}(r); }
        return x * l - x + y;
    }
    if (x == 0.0 && y >= 0.0) { return y; }
    return inf_{{T}}();
}
