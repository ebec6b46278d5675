// The Hurwitz zeta function ζ(x, q) = Σₖ (q + k)^−x (SciPy's zeta), written once for f32
// and f64 ({{T}}); src/backend/cpu/zeta.rs is the same algorithm in f64 and
// src/ops/zeta.rs describes it. Included after gamma_math.wgsl, whose double-length
// helpers (two_sum, two_prod, ln_double) it uses.

// ln x for finite x > 0 as (high, low): ln_double_{{T}} after x is brought into
// [2^-64, 2^64] by steps of 2^64, where its f32 estimate of the exponent works.
fn ln_double_any_{{T}}(x0: {{T}}) -> vec2<{{T}}> {
    var x = x0;
    var e = 0;
    for (var i = 0; i < 17 && x > 1.8446744073709552e19; i++) { x = ldexp(x, -64); e += 64; }
    for (var i = 0; i < 18 && x < 5.421010862427522e-20; i++) { x = ldexp(x, 64); e -= 64; }
    let l = ln_double_{{T}}(x);
    let ef = {{T}}(e);
    let h = two_sum_{{T}}(ef * {{LN2_A}}, l.x);                 // ef·LN2_A is exact
    return vec2<{{T}}>(h.x, h.y + (l.y + ef * {{LN2_B}}));
}

// (h + l)^e for h > 0, |l| <= ulp(h): e^(e·ln(h + l)) with the logarithm and the product
// in two parts, as good as exp_{{T}} at any size of exponent.
fn pow_double_{{T}}(h: {{T}}, l: {{T}}, e: {{T}}) -> {{T}} {
    let lg = ln_double_any_{{T}}(h);
    let lt = two_sum_{{T}}(lg.x, lg.y + l / h);
    let p = e * lt.x;
    if (lt.x == 0.0 || abs(p) > {{POW_FAR}}) { return exp_{{T}}(p); }   // 1, or past the over-/underflow
    let ph = two_prod_{{T}}(e, lt.x);
    let r = exp_{{T}}(ph.x);
    return select(r + r * (ph.y + e * lt.y), r, r > {{T_MAX}});
}

// (ah + al)·(bh + bl) in two parts (the product of the lows dropped: below 2^-2p).
fn mul_double_{{T}}(ah: {{T}}, al: {{T}}, bh: {{T}}, bl: {{T}}) -> vec2<{{T}}> {
    let p = two_prod_{{T}}(ah, bh);
    let l = p.y + (ah * bl + al * bh);
    let s = keep_{{T}}(p.x + l);
    return vec2<{{T}}>(s, l - (s - p.x));
}

// a^b for finite a > 0 and finite b ≠ 0 (pow_f32 and pow_f64 take the other cases). An
// integer b with |b| <= 64 whose power stays in range multiplies by binary powering in
// two parts (every step's error near 2^-2p, so exact powers come out exact: 3^5 = 243,
// not 242.99999999999997); the rest is e^(b·ln a) with the logarithm and the product in
// two parts (pow_double). e^(b·ln a) in one part is |b·ln a| ulps off: 986 ulps at
// 1.15^5015 on lavapipe.
fn pow_pos_{{T}}(a: {{T}}, b: {{T}}) -> {{T}} {
    if (abs(b) > 64.0 || floor(b) != b || !(abs(f32(b) * log2(f32(a))) < {{POW_INT_REACH}})) {
        return pow_double_{{T}}(a, 0.0, b);
    }
    var n = u32(abs(b));
    var r = vec2<{{T}}>(1.0, 0.0);
    var x = vec2<{{T}}>(a, 0.0);
    for (var i = 0; i < 7 && n > 0u; i++) {
        if ((n & 1u) == 1u) { r = mul_double_{{T}}(r.x, r.y, x.x, x.y); }
        n = n >> 1u;
        x = mul_double_{{T}}(x.x, x.y, x.x, x.y);
    }
    if (b > 0.0) { return r.x + r.y; }
    // 1/(h + l) = q·(1 + e), e = 1 − q·(h + l) with q·h exact in two parts.
    let q = 1.0 / r.x;
    let qh = two_prod_{{T}}(q, r.x);
    return q + q * (((1.0 - qh.x) - qh.y) - q * r.y);
}

// ζ(x, q) for finite x > 1 and q = qh + ql > 0: the first terms summed (compensated)
// until the rest, below b·w/(x − 1), is under the sum's last bit, or w = q + k reaches
// 7 + x/2; then Euler–Maclaurin's tail w^(1−x)·(1/(x − 1) + 1/(2w) + Σ B₂ⱼ/(2j)!·(x)₂ⱼ₋₁/w^2j),
// j <= 20.
fn zeta_pos_{{T}}(x: {{T}}, qh: {{T}}, ql: {{T}}) -> {{T}} {
    let reach = 7.0 + 0.5 * x;
    var s: {{T}} = 0.0;
    var c: {{T}} = 0.0;
    var wh = qh;
    var wl = ql;
    for (var k = 1; k <= 64; k++) {
        if (wh >= reach) { break; }
        let b = pow_double_{{T}}(wh, wl, -x);
        if (b > {{T_MAX}}) { return b; }
        let t = two_sum_{{T}}(s, b);
        s = t.x;
        c = c + t.y;
        let w = two_sum_{{T}}(qh, {{T}}(k));
        wh = w.x;
        wl = w.y + ql;
        if (b * wh <= s * (x - 1.0) * {{ZETA_TAIL}}) { return s + c; }
    }
    let iw = 1.0 / wh;
    let z = iw * iw;
    var poch = x * z;                                                   // (x)₂ⱼ₋₁/w^2j
    var corr: {{T}} = 0.0;
    corr = corr + 0.08333333333333333 * poch;
    poch = poch * (x + 1.0) * (x + 2.0) * z;
    corr = corr + -0.001388888888888889 * poch;
    poch = poch * (x + 3.0) * (x + 4.0) * z;
    corr = corr + 3.306878306878307e-05 * poch;
    poch = poch * (x + 5.0) * (x + 6.0) * z;
    corr = corr + -8.267195767195768e-07 * poch;
    poch = poch * (x + 7.0) * (x + 8.0) * z;
    corr = corr + 2.08767569878681e-08 * poch;
    poch = poch * (x + 9.0) * (x + 10.0) * z;
    corr = corr + -5.284190138687493e-10 * poch;
    poch = poch * (x + 11.0) * (x + 12.0) * z;
    corr = corr + 1.3382536530684679e-11 * poch;
    poch = poch * (x + 13.0) * (x + 14.0) * z;
    corr = corr + -3.3896802963225827e-13 * poch;
    poch = poch * (x + 15.0) * (x + 16.0) * z;
    corr = corr + 8.586062056277845e-15 * poch;
    poch = poch * (x + 17.0) * (x + 18.0) * z;
    corr = corr + -2.174868698558062e-16 * poch;
    poch = poch * (x + 19.0) * (x + 20.0) * z;
    corr = corr + 5.5090028283602295e-18 * poch;
    poch = poch * (x + 21.0) * (x + 22.0) * z;
    corr = corr + -1.3954464685812522e-19 * poch;
    poch = poch * (x + 23.0) * (x + 24.0) * z;
    corr = corr + 3.534707039629467e-21 * poch;
    poch = poch * (x + 25.0) * (x + 26.0) * z;
    corr = corr + -8.953517427037546e-23 * poch;
    poch = poch * (x + 27.0) * (x + 28.0) * z;
    corr = corr + 2.267952452337683e-24 * poch;
    poch = poch * (x + 29.0) * (x + 30.0) * z;
    corr = corr + -5.744790668872202e-26 * poch;
    poch = poch * (x + 31.0) * (x + 32.0) * z;
    corr = corr + 1.455172475614865e-27 * poch;
    poch = poch * (x + 33.0) * (x + 34.0) * z;
    corr = corr + -3.6859949406653103e-29 * poch;
    poch = poch * (x + 35.0) * (x + 36.0) * z;
    corr = corr + 9.336734257095045e-31 * poch;
    poch = poch * (x + 37.0) * (x + 38.0) * z;
    corr = corr + -2.36502241570063e-32 * poch;
    let d = x - 1.0;                                                    // exact for x >= 1
    let inv = 1.0 / d;
    let inv_l = (1.0 - inv * d) / d;
    let bracket = inv + (inv_l + (0.5 * iw + corr));
    let head = pow_double_{{T}}(wh, wl, -d);
    let t = two_sum_{{T}}(s, head * bracket);
    return t.x + (c + t.y);
}

// For q < 0 (x an integer) the terms below 0 pair up: ζ(x, q) = ζ(x, r) + (−1)^x·(ζ(x,
// 1 − r) − ζ(x, m + 1 − r)), r = q + m in (0, 1), each argument in two parts.
fn math_zeta_{{T}}(x: {{T}}, q: {{T}}) -> {{T}} {
    if (nan_{{T}}(x) || nan_{{T}}(q) || x < 1.0) { return qnan_{{T}}(); }
    if (x == 1.0 || (q <= 0.0 && floor(q) == q)) { return inf_{{T}}(); }
    if (q < 0.0 && floor(x) != x) { return qnan_{{T}}(); }
    if (x > {{T_MAX}}) {
        if (q < 1.0) { return inf_{{T}}(); }
        return select({{T}}(0.0), {{T}}(1.0), q == 1.0);
    }
    if (q > {{T_MAX}}) { return 0.0; }
    if (q > 0.0) { return zeta_pos_{{T}}(x, q, 0.0); }
    let m = -floor(q);
    let r = two_sum_{{T}}(q, m);
    let u0 = two_sum_{{T}}(1.0, -r.x);
    let u = two_sum_{{T}}(u0.x, u0.y - r.y);
    let v0 = two_sum_{{T}}(m + 1.0, -r.x);
    let v = two_sum_{{T}}(v0.x, v0.y - r.y);
    let pair = zeta_pos_{{T}}(x, u.x, u.y) - zeta_pos_{{T}}(x, v.x, v.y);
    let odd = floor(x * 0.5) != x * 0.5;
    return zeta_pos_{{T}}(x, r.x, r.y) + select(pair, -pair, odd);
}

// g(x) = (x − 1)·ζ(x) around 0, to 2^-60 of g on [−1, 1] (src/backend/cpu/zeta.rs:
// ZETA_NEAR_0, from ζ's Stieltjes constants).
fn zeta_near_0_{{T}}(x: {{T}}) -> {{T}} {
    var g: {{T}} = 1.6740414659213843e-19;
    g = g * x - 2.018503607231426e-18;
    g = g * x + 5.847109749689559e-18;
    g = g * x + 2.9725359243036763e-16;
    g = g * x - 6.845211237028598e-15;
    g = g * x + 7.194301680880207e-14;
    g = g * x - 1.0632487436306846e-13;
    g = g * x - 9.365969839362019e-12;
    g = g * x + 1.5910765508467755e-10;
    g = g * x - 1.060717248650428e-09;
    g = g * x - 4.853659490717978e-09;
    g = g * x + 1.7438050236916946e-07;
    g = g * x - 1.4697618403488443e-06;
    g = g * x - 6.397503064964134e-07;
    g = g * x + 0.00012264139574929108;
    g = g * x - 0.000905894976471243;
    g = g * x - 0.002393033477250018;
    g = g * x + 0.08423969474961969;
    g = g * x + 0.4189385332046727;
    return g * x + 0.5;
}

// Γ(h + l) for h >= ¾ and |l| <= ulp(h)/2: Γ(h)·(1 + l·ψ(h)), ψ(h) to 3e-3; +∞ past
// Γ's overflow (not ∞·0).
fn gamma_parts_{{T}}(h: {{T}}, l: {{T}}) -> {{T}} {
    let g = math_gamma_{{T}}(h);
    let u = h + 0.5;
    return select(g + g * (l * (ln_{{T}}(u) + 1.0 / (24.0 * u * u) - 1.0 / h)), g, g > {{T_MAX}});
}

// ζ(x) for finite x < 1 (src/backend/cpu/zeta.rs: zeta_below_1): g(x)/(x − 1) on
// [−1, 1); below, sin(πx/2)·ζ(1 − x)·[π^(x/2 − ¾)·Γ((1 − x)/2)]·[π^(x/2 − ¾)·Γ(1 − x/2)]
// with x/2 − ¾ and the Γ arguments in two parts, multiplied in that order.
fn zeta_below_1_{{T}}(x: {{T}}) -> {{T}} {
    if (x >= -1.0) { return zeta_near_0_{{T}}(x) / (x - 1.0); }
    let h = 0.5 * x;
    let s = -sin_pi_{{T}}(-h);
    if (s == 0.0) { return 0.0; }
    if (x < {{ZETA_NEG_END}}) { return select(-inf_{{T}}(), inf_{{T}}(), s > 0.0); }
    let e = two_sum_{{T}}(h, -0.75);
    let p = two_prod_{{T}}(e.x, {{LN_PI_HI}});
    let w = exp_{{T}}(p.x);
    let pw = w + w * (p.y + (e.x * {{LN_PI_LO}} + e.y * {{LN_PI_HI}}));
    let a = two_sum_{{T}}(0.5, -h);
    let b = two_sum_{{T}}(1.0, -h);
    let head = s * zeta_pos_{{T}}(1.0 - x, 1.0, 0.0);
    return (head * (gamma_parts_{{T}}(a.x, a.y) * pw)) * (gamma_parts_{{T}}(b.x, b.y) * pw);
}

// The Riemann ζ(x) (SciPy's zeta(x)) and ζ(x) − 1 (zetac): ζ(x, 1) and ζ(x, 2) from 1
// on, zeta_below_1 below; NaN at −∞ and NaN.
fn math_riemann_zeta_{{T}}(x: {{T}}) -> {{T}} {
    if (x >= 1.0) { return math_zeta_{{T}}(x, 1.0); }
    if (nan_{{T}}(x) || x < -{{T_MAX}}) { return qnan_{{T}}(); }
    return zeta_below_1_{{T}}(x);
}
fn math_zetac_{{T}}(x: {{T}}) -> {{T}} {
    if (x >= 1.0) { return math_zeta_{{T}}(x, 2.0); }
    if (nan_{{T}}(x) || x < -{{T_MAX}}) { return qnan_{{T}}(); }
    return zeta_below_1_{{T}}(x) - 1.0;
}
