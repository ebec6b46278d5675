// Γ and ψ, written once for f32 and f64 ({{T}}); the constants each type needs are
// filled in by src/backend/wgpu/kernels.rs (special_vars). Included in every kernel's
// prelude after special_math.wgsl, whose helpers (exp, ln, sin/cos kernels) it uses.

// src/backend/cpu/special.rs is the same algorithm in f64.
// Γ(x) for x >= 10 by Stirling's series, its exponent in two parts; below, and for x < 0,
// Γ(x) = Γ(t)·∏(factors), t in [2, 3] and the factors x − 1, …, t (x > 3) or x, …, t − 1
// (dividing; x < 2), multiplied in double-length arithmetic (Dekker's products: WGSL's
// fma need not be fused), so ~190 factors cost no more than the last rounding; the
// product is scaled by {{GAMMA_SCALE}} when it grows past it, which lets Γ reach
// its subnormal range below −171. ψ(x) = (x − x₀)·R(x) on [1, 2] around the positive
// root x₀ (two parts), a fit on [2, 3] with ψ(x + 1) = ψ(x) + 1/x below 10, the
// asymptotic series above, and reflection below 0. The fits are mpmath's Chebyshev
// fits (chebyfit) in s = x − 1.5 or x − 2.5, highest power first.
// Γ(2.5 + s), |s| <= ½ (degree 17, 1.2e-18 relative).
fn gamma_2_3_{{T}}(s: {{T}}) -> {{T}} {
    var p: {{T}} = -8.228337612513728e-08;
    p = p * s + 2.0594390312960716e-07;
    p = p * s + -4.1866472217648884e-07;
    p = p * s + 1.0654567795576118e-06;
    p = p * s + -2.561960809450555e-06;
    p = p * s + 7.258179334692199e-06;
    p = p * s + -1.2801398595590587e-05;
    p = p * s + 6.132933686364514e-05;
    p = p * s + 3.941763325825312e-06;
    p = p * s + 0.0007544741843398753;
    p = p * s + 0.0016074004859635903;
    p = p * s + 0.01039240342319837;
    p = p * s + 0.028360780594813752;
    p = p * s + 0.1096732340022263;
    p = p * s + 0.2538712468411431;
    p = p * s + 0.6545585779813361;
    p = p * s + 0.9347345216260855;
    p = p * s + 1.329340388179137;
    return p;
}
// ψ(1.5 + s)/(1.5 + s − x₀), |s| <= ½ (degree 21, 2.1e-17 relative).
fn digamma_1_2_{{T}}(s: {{T}}) -> {{T}} {
    var p: {{T}} = -0.00017312261802727394;
    p = p * s + 0.00025968482126430747;
    p = p * s + -0.00015148586836773365;
    p = p * s + 0.0002272331660987376;
    p = p * s + -0.0004821990530566789;
    p = p * s + 0.0007233266279287554;
    p = p * s + -0.0010376374098418604;
    p = p * s + 0.0015566317474486838;
    p = p * s + -0.002345267632540769;
    p = p * s + 0.003519006401502276;
    p = p * s + -0.005279964873257405;
    p = p * s + 0.007926944646403797;
    p = p * s + -0.011908218001568644;
    p = p * s + 0.0179072524394512;
    p = p * s + -0.02697579675613825;
    p = p * s + 0.04076083381242074;
    p = p * s + -0.061922133273064534;
    p = p * s + 0.09498872445494122;
    p = p * s + -0.14840492305390884;
    p = p * s + 0.2405424842407742;
    p = p * s + -0.4236274212814605;
    p = p * s + 0.951055876031833;
    return p;
}
// ψ(2.5 + s), |s| <= ½ (degree 17, 1.2e-18).
fn digamma_2_3_{{T}}(s: {{T}}) -> {{T}} {
    var p: {{T}} = 8.267815845287522e-08;
    p = p * s + -2.0687583795242883e-07;
    p = p * s + 4.2481223325063033e-07;
    p = p * s + -1.0640705254157975e-06;
    p = p * s + 2.7109965480846823e-06;
    p = p * s + -6.803232576993842e-06;
    p = p * s + 1.708891125596372e-05;
    p = p * s + -4.3052048513574485e-05;
    p = p * s + 0.00010882586435206692;
    p = p * s + -0.00027643930999581804;
    p = p * s + 0.0007073881640957325;
    p = p * s + -0.0018305640355441625;
    p = p * s + 0.004821409821419739;
    p = p * s + -0.013073166646180193;
    p = p * s + 0.03731764146954176;
    p = p * s + -0.11810202582086309;
    p = p * s + 0.49035775610023485;
    p = p * s + 0.7031566406452432;
    return p;
}
// B₂ₖ/(2k), k = 8 down to 1, for ψ's asymptotic series.
fn digamma_asymptotic_{{T}}(z: {{T}}) -> {{T}} {
    var p: {{T}} = -3617.0 / 8160.0;
    p = p * z + 1.0 / 12.0;
    p = p * z + -691.0 / 32760.0;
    p = p * z + 1.0 / 132.0;
    p = p * z + -1.0 / 240.0;
    p = p * z + 1.0 / 252.0;
    p = p * z + -1.0 / 120.0;
    p = p * z + 1.0 / 12.0;
    return p;
}

// v itself, out of reach of the compiler's algebra: Mesa's NIR treats SPIR-V arithmetic
// as inexact and rewrites (y − c₁) − c₂ as y − (c₁ + c₂), which loses c₂ when it is the
// tail of c₁ (ψ was 9e-17 off at its root on lavapipe), and cancels the error terms
// below (Γ was 11 ulp off). A select on a NaN test of v's bits is an identity it
// cannot see through; its other arm is not a constant, which NIR would push through the
// select and fold with the next constant all the same.
fn keep_{{T}}(v: {{T}}) -> {{T}} { return select(v, v + v, nan_{{T}}(v)); }

// a + b and a·b exactly, as (result, error).
fn two_sum_{{T}}(a: {{T}}, b: {{T}}) -> vec2<{{T}}> {
    let s = keep_{{T}}(a + b);
    let bb = keep_{{T}}(s - a);
    return vec2<{{T}}>(s, (a - (s - bb)) + (b - bb));
}
// v = h + l, h of half the significand's bits (Veltkamp's split).
fn split_{{T}}(v: {{T}}) -> vec2<{{T}}> {
    let c = {{SPLIT}} * v;
    let h = c - keep_{{T}}(c - v);
    return vec2<{{T}}>(h, v - h);
}
fn two_prod_{{T}}(a: {{T}}, b: {{T}}) -> vec2<{{T}}> {
    let p = a * b;
    let sa = split_{{T}}(a);
    let sb = split_{{T}}(b);
    return vec2<{{T}}>(p, ((sa.x * sb.x - p) + sa.x * sb.y + sa.y * sb.x) + sa.y * sb.y);
}

// ln x for x >= 1 as (high, low), to about 2^-63 relative in f64: x = 2^k·m, m in
// [√½, √2], ln m = 2 atanh(s), s = (m − 1)/(m + 1) in two parts and the series' first
// term (2/3)s³ in two parts too (src/backend/cpu/special.rs: ln_double).
fn ln_double_{{T}}(x: {{T}}) -> vec2<{{T}}> {
    var k = i32(floor(log2(f32(x))));
    var m = ldexp(x, -k);
    if (m >= 2.0) { m = m * 0.5; k += 1; }
    if (m < 1.0) { m = m * 2.0; k -= 1; }
    if (m > 1.4142135623730951) { m = m * 0.5; k += 1; }
    let f = m - 1.0;
    let u = two_sum_{{T}}(2.0, f);
    let sh = f / u.x;
    let p = two_prod_{{T}}(sh, u.x);
    let sl = (((f - p.x) - p.y) - sh * u.y) / u.x;
    let z = two_prod_{{T}}(sh, sh);
    let c = two_prod_{{T}}(sh, z.x);
    let cl = c.y + sh * z.y + 3.0 * z.x * sl;                            // s³
    let d = two_prod_{{T}}({{TWO_THIRDS_HI}}, c.x);
    let dl = d.y + {{TWO_THIRDS_HI}} * cl + {{TWO_THIRDS_LO}} * c.x;      // (2/3)s³
    var q: {{T}} = 2.0 / 21.0;
    q = q * z.x + 2.0 / 19.0;
    q = q * z.x + 2.0 / 17.0;
    q = q * z.x + 2.0 / 15.0;
    q = q * z.x + 2.0 / 13.0;
    q = q * z.x + 2.0 / 11.0;
    q = q * z.x + 2.0 / 9.0;
    q = q * z.x + 2.0 / 7.0;
    q = q * z.x + 2.0 / 5.0;
    let rest = c.x * z.x * q;                                            // (2/5)s⁵ + …
    let l = two_sum_{{T}}(2.0 * sh, d.x);
    let ll = l.y + 2.0 * sl + dl + rest;
    let kf = {{T}}(k);
    let h = two_sum_{{T}}(kf * {{LN2_A}}, l.x);
    return vec2<{{T}}>(h.x, h.y + (ll + kf * {{LN2_B}}));
}

// Γ(x) for x >= 10 by Stirling's series: e^E, E = (x − ½) ln x − x + ½ ln 2π + S(x) in
// two parts (S: stirling_series_{{T}}, below), so that Γ is as good as exp_{{T}}.
fn gamma_stirling_{{T}}(x: {{T}}) -> {{T}} {
    let w = x - 0.5;
    let lx = ln_double_{{T}}(x);
    let a = two_prod_{{T}}(w, lx.x);
    let b = two_sum_{{T}}(a.x, -x);
    let c = two_sum_{{T}}(b.x, {{HALF_LN_2PI_HI}});
    let e = two_sum_{{T}}(c.x, c.y + (b.y + (a.y + w * lx.y)) + {{HALF_LN_2PI_LO}} + stirling_series_{{T}}(x));
    let r = exp_{{T}}(e.x);
    return select(r + r * e.y, r, r > {{T_MAX}});                     // r = ∞ past the overflow
}

fn math_gamma_{{T}}(x: {{T}}) -> {{T}} {
    if (nan_{{T}}(x)) { return x; }
    if (x == 0.0) { return 1.0 / x; }
    let fl = floor(x);
    if (x < 0.0 && fl == x) { return qnan_{{T}}(); }      // the poles and −∞
    if (x > {{GAMMA_XMAX}}) { return inf_{{T}}(); }
    // Stirling from 10 on, but for the factorials {{T}} holds exactly, which the
    // products below give.
    if (x >= 10.0 && (x != fl || x > {{GAMMA_EXACT_N}})) { return gamma_stirling_{{T}}(x); }
    if (x < {{GAMMA_XMIN}}) {
        // Underflowed; negative on (−2k − 1, −2k). A zero made at run time keeps its sign.
        let z = abs(x) * 0.0;
        return select(z, -z, floor(fl * 0.5) != fl * 0.5);
    }
    let k = 2.0 - fl;
    let t = two_sum_{{T}}(x, k);
    let up = k < 0.0;
    let n = i32(abs(k));
    var ph: {{T}} = 1.0;
    var pl: {{T}} = 0.0;
    var e = 0;
    if (abs(x) >= 2.0) {
        // Every factor x + c is exact, and with x = xh + xl (xh of half the bits) so
        // is a = xh + c, no longer than xh: ph·a is then exact from a split of ph
        // alone, and (ph + pl)·(a + xl) = p + err + ph·xl + pl·(a + xl).
        let xs = split_{{T}}(x);
        for (var j = 0; j < n; j++) {
            let a = xs.x + select({{T}}(j), -{{T}}(j + 1), up);
            let h = split_{{T}}(ph);
            let p = ph * a;
            let err = (h.x * a - p) + h.y * a;
            pl = pl * (a + xs.y) + (err + ph * xs.y);
            ph = p;
            if (abs(ph) > {{GAMMA_SCALE}}) {
                ph = ph * {{GAMMA_UNSCALE}};
                pl = pl * {{GAMMA_UNSCALE}};
                e += 1;
            }
        }
        // pl reaches 2^-18 of ph (f32: 2^-6): renormalised, so that 1/(ph + pl) below
        // is first-order.
        let q = two_sum_{{T}}(ph, pl);
        ph = q.x;
        pl = q.y;
    } else {
        // At most four factors x + c, inexact for |x| < 2: each as an exact sum.
        for (var j = 0; j < n; j++) {
            let f = two_sum_{{T}}(x, select({{T}}(j), -{{T}}(j + 1), up));
            let h = two_prod_{{T}}(ph, f.x);
            let q = two_sum_{{T}}(h.x, h.y + (ph * f.y + pl * f.x));
            ph = q.x;
            pl = q.y;
        }
    }
    // Γ(t + tl) = Γ(t)·(1 + ψ(t)·tl), ψ on [2, 3] to a few parts in a thousand.
    // Γ(2) = 1 exactly, so that Γ(n) = (n − 1)! is exact where {{T}} holds it.
    let g0 = select(gamma_2_3_{{T}}(t.x - 2.5), 1.0, t.x == 2.0);
    let g = g0 + g0 * (((-0.0568 * t.x + 0.7843) * t.x - 0.9186) * t.y);
    var r: {{T}};
    if (up) {
        r = g * ph + g * pl;
    } else {
        let q = g / ph;
        r = select(q - q * (pl / ph), q, abs(q) > {{T_MAX}});          // 1/x past the overflow
    }
    let sc = select({{T}}({{GAMMA_UNSCALE}}), {{T}}({{GAMMA_SCALE}}), up);
    for (var i = 0; i < e; i++) { r = r * sc; }
    return r;
}

// ψ(y + yl) for y >= 1, |yl| <= ulp(y)/2.
fn digamma_from_1_{{T}}(y: {{T}}, yl: {{T}}) -> {{T}} {
    let iy = 1.0 / y;
    let corr = (iy + iy * iy * (0.5 + iy * (1.0 / 6.0))) * yl;   // ψ'(y)·yl to a few percent
    if (y >= 10.0) {
        let z = iy * iy;
        return ln_{{T}}(y) - (0.5 * iy + z * digamma_asymptotic_{{T}}(z)) + corr;
    }
    if (y < 2.0) {
        return (keep_{{T}}(y - {{PSI_ROOT_HI}}) - {{PSI_ROOT_LO}}) * digamma_1_2_{{T}}(y - 1.5) + corr;
    }
    // y − j is exact for y >= 2; the smallest terms first.
    let n = i32(y) - 2;
    let t = y - {{T}}(n);
    var acc: {{T}} = 0.0;
    for (var j = n - 1; j >= 0; j--) { acc += 1.0 / (t + {{T}}(j)); }
    return (digamma_2_3_{{T}}(t - 2.5) + acc) + corr;
}

// π·cot(πr) for 0 < |r| <= ½, with πr carried in two parts.
fn pi_cot_pi_{{T}}(r: {{T}}) -> {{T}} {
    let a = abs(r);
    let near = a <= 0.25;
    let w = select(0.5 - a, a, near);
    let v = two_prod_{{T}}(3.141592653589793, w);
    let vl = v.y + {{PI_LO}} * w;
    let s0 = sin_small_{{T}}(v.x);
    let c0 = cos_small_{{T}}(v.x);
    let s = s0 + vl * c0;
    let c = c0 - vl * s0;
    let p = 3.141592653589793 * select(s / c, c / s, near);
    return select(-p, p, r > 0.0);
}

fn math_digamma_{{T}}(x: {{T}}) -> {{T}} {
    if (nan_{{T}}(x)) { return x; }
    if (x == 0.0) { return select(-inf_{{T}}(), inf_{{T}}(), signbit_{{T}}(x)); }
    // One call of digamma_from_1 for every branch (llvmpipe runs every inlined copy).
    var y = vec2<{{T}}>(x, 0.0);
    var extra: {{T}} = 0.0;
    if (x < 0.0) {
        if (floor(x) == x) { return qnan_{{T}}(); }
        y = two_sum_{{T}}(1.0, -x);                         // ψ(1 − x) − π·cot(πx)
        extra = -pi_cot_pi_{{T}}(x - round_even_{{T}}(x));
    } else if (x < 1.0) {
        y = two_sum_{{T}}(x, 1.0);                          // ψ(x + 1) − 1/x
        extra = -1.0 / x;
    }
    return digamma_from_1_{{T}}(y.x, y.y) + extra;
}

// ---- ln |B(a, b)| (SciPy's betaln; src/backend/cpu/special.rs: betaln) -----------------
// With lo <= hi and s = lo + hi (its rounding kept): the ratio Γ(lo)·(Γ(hi)/Γ(s))/(1 +
// ψ(s)·sl) where Γ reaches; past it Stirling's series arranged so that nothing large
// cancels; the plain sum of ln |Γ|s otherwise.

// Stirling's series S(x) = Σ B₂ₖ/(2k(2k − 1)·x^(2k−1)), k <= 10: to 1.4e-19 for x >= 10.
fn stirling_series_{{T}}(x: {{T}}) -> {{T}} {
    let ix = 1.0 / x;
    let z = ix * ix;
    var p: {{T}} = -174611.0 / 125400.0;
    p = p * z + 43867.0 / 244188.0;
    p = p * z - 3617.0 / 122400.0;
    p = p * z + 1.0 / 156.0;
    p = p * z - 691.0 / 360360.0;
    p = p * z + 1.0 / 1188.0;
    p = p * z - 1.0 / 1680.0;
    p = p * z + 1.0 / 1260.0;
    p = p * z - 1.0 / 360.0;
    p = p * z + 1.0 / 12.0;
    return ix * p;
}
// ln Γ(b) − ln Γ(a) for a, b >= 10, b = a + m: Stirling's series without the terms of ln Γ's
// size, each of m's (src/backend/cpu/special.rs: stirling_ln_gamma_ratio).
fn stirling_ln_gamma_ratio_{{T}}(a: {{T}}, b: {{T}}, m: {{T}}) -> {{T}} {
    return (a - 0.5) * math_ln_1p_{{T}}(m / a) + m * (ln_{{T}}(b) - 1.0)
        + (stirling_series_{{T}}(b) - stirling_series_{{T}}(a));
}

fn gamma_pole_{{T}}(x: {{T}}) -> bool { return x <= 0.0 && floor(x) == x; }
// beta's and betaln's arguments ordered (lo, hi) with their sum in two parts s, or the edge
// that decides them (src/backend/cpu/special.rs: beta_args): 1 for a NaN or −∞ argument,
// 2 for one at a pole of Γ (B = ±∞), 3 where only the sum is one or an argument is +∞
// with the other positive (B = 0); 0 for none.
struct BetaArgs_{{T}} { lo: {{T}}, hi: {{T}}, s: vec2<{{T}}>, edge: i32 }

fn beta_args_{{T}}(a: {{T}}, b: {{T}}) -> BetaArgs_{{T}} {
    let lo = min(a, b);
    let hi = max(a, b);
    let s = two_sum_{{T}}(lo, hi);
    var edge = 0;
    if (nan_{{T}}(a) || nan_{{T}}(b) || lo < -{{T_MAX}}) {
        edge = 1;
    } else if (gamma_pole_{{T}}(lo) || gamma_pole_{{T}}(hi)) {
        edge = 2;
    } else if (gamma_pole_{{T}}(s.x) || (hi > {{T_MAX}} && lo > 0.0)) {
        edge = 3;
    }
    return BetaArgs_{{T}}(lo, hi, s, edge);
}

// The value at an edge of beta_args, with zero what B = 0 is (0 for beta, −∞ for betaln).
fn beta_edge_{{T}}(edge: i32, zero: {{T}}) -> {{T}} {
    if (edge == 1) { return qnan_{{T}}(); }
    if (edge == 2) { return inf_{{T}}(); }
    return zero;
}


fn math_betaln_{{T}}(a: {{T}}, b: {{T}}) -> {{T}} {
    let args = beta_args_{{T}}(a, b);
    if (args.edge != 0) { return beta_edge_{{T}}(args.edge, -inf_{{T}}()); }
    let lo = args.lo;
    let hi = args.hi;
    let s = args.s;
    let lg_lo = math_ln_gamma_{{T}}(lo);
    if (abs(lo) <= {{BETA_REACH}} && hi <= {{BETA_REACH}} && abs(s.x) <= {{BETA_REACH}}) {
        let g_hi = math_gamma_{{T}}(hi);
        let g_s = math_gamma_{{T}}(s.x);
        let corr = 1.0 + math_digamma_{{T}}(s.x) * s.y;
        let g_lo = math_gamma_{{T}}(lo);
        // lo below the overflow of 1/lo: its ln Γ and the rest apart.
        if (abs(g_lo) > {{T_MAX}}) { return lg_lo + ln_{{T}}(abs(g_hi / g_s / corr)); }
        // A Γ(s) below 1 (s negative near the reach: 1e-307) divides Γ(lo) first, which
        // is as small: Γ(hi)/Γ(s) alone overflowed (betaln(−170.5, 0.001) was +∞).
        let ratio = select(g_lo * (g_hi / g_s), (g_lo / g_s) * g_hi, abs(g_s) < 1.0);
        return ln_{{T}}(abs(ratio / corr));
    }
    return betaln_past_gamma_{{T}}(lo, hi, s.x, lg_lo);
}

// B(a, b) (SciPy's beta; src/backend/cpu/special.rs: beta): betaln's ratio of Γs itself
// where Γ reaches, else ±e^betaln with the product of the Γs' signs (Γ < 0 on (−2k − 1,
// −2k)). +∞ at the poles of an argument, 0 where only the sum is one or an argument is +∞
// (the other positive), NaN for NaN and −∞.
fn math_beta_{{T}}(a: {{T}}, b: {{T}}) -> {{T}} {
    let args = beta_args_{{T}}(a, b);
    if (args.edge != 0) { return beta_edge_{{T}}(args.edge, 0.0); }
    let lo = args.lo;
    let hi = args.hi;
    let s = args.s;
    if (abs(lo) <= {{BETA_REACH}} && hi <= {{BETA_REACH}} && abs(s.x) <= {{BETA_REACH}}) {
        let g_lo = math_gamma_{{T}}(lo);
        let g_hi = math_gamma_{{T}}(hi);
        let g_s = math_gamma_{{T}}(s.x);
        let ratio = select(g_lo * (g_hi / g_s), (g_lo / g_s) * g_hi, abs(g_s) < 1.0);
        return ratio / (1.0 + math_digamma_{{T}}(s.x) * s.y);
    }
    let sign = gamma_sign_{{T}}(lo) * gamma_sign_{{T}}(hi) * gamma_sign_{{T}}(s.x);
    return sign * exp_{{T}}(betaln_past_gamma_{{T}}(lo, hi, s.x, math_ln_gamma_{{T}}(lo)));
}

// ln |B(lo, hi)| for lo <= hi, s = lo + hi, lg_lo = ln |Γ(lo)|, without Γ itself (betaln
// past Γ's reach; src/backend/cpu/special.rs: betaln_past_gamma): Stirling's series where
// s > {{BETA_REACH}}; else lo < 0, and for s <= −9, (sin πs/sin π lo)·B(hi, 1 − s) by
// reflection, whose ln B is Stirling's series again, and for −9 < s, Γ(lo) reflected
// alone, π/(sin π lo·(s − 1)·B(s − 1, 1 − lo)), the same series for the last B. One copy
// of the series and of each ln Γ call for all three (llvmpipe compiles every inlined copy).
fn betaln_past_gamma_{{T}}(lo: {{T}}, hi: {{T}}, s: {{T}}, lg_lo: {{T}}) -> {{T}} {
    let far = lo >= 0.0;  // and so s past the reach
    let refl = !far && s <= -9.0;
    let st = two_sum_{{T}}(lo, hi);
    let z = (1.0 - st.x) - st.y;
    // The series' pair and sum: (lo, hi; s) past the reach, (min(hi, z), max(hi, z); 1 − lo)
    // reflected, (min(−z, 1 − lo), max(−z, 1 − lo); hi) with Γ(lo) alone reflected.
    let p = select(-z, hi, refl);
    let q = select(1.0 - lo, z, refl);
    let a = select(min(p, q), lo, far);
    let b = select(max(p, q), hi, far);
    let c = select(select(hi, 1.0 - lo, refl), s, far);
    var lg_a = lg_lo;
    if (!far) { lg_a = math_ln_gamma_{{T}}(a); }
    var pre: {{T}} = 0.0;
    if (!far) {
        let num = select({{LN_PI_HI}} + ({{LN_PI_LO}} - ln_{{T}}(abs(z))), ln_{{T}}(abs(sin_pi_parts_{{T}}(st.x, st.y))), refl);
        pre = num - ln_{{T}}(abs(sin_pi_parts_{{T}}(lo, 0.0)));
    }
    let ln_b = ln_{{T}}(b);
    let ln_1p_ratio = math_ln_1p_{{T}}(a / b);
    let tail = stirling_series_{{T}}(b) - stirling_series_{{T}}(c);
    var series: {{T}};
    if (a >= 10.0) {
        series = {{HALF_LN_2PI_HI}} - 0.5 * ln_b + (a - 0.5) * ln_{{T}}(a / c) - b * ln_1p_ratio
            + (stirling_series_{{T}}(a) + tail);
    } else {
        let bracket = (c - 0.5) * ln_1p_ratio - a;
        series = lg_a + (tail - (a * ln_b + bracket));
    }
    return pre + select(-series, series, far || refl);
}

// ---- (z)_m, the Pochhammer symbol (SciPy's poch; src/backend/cpu/poch.rs: poch) -------
// ∏(z + j) (or 1/∏(z − j)) for integer |m| <= 64 in double-length arithmetic; Γ(s)·(1 +
// ψ(s)·sl)/Γ(z) where Γ reaches (s + sl = z + m); else e^L, with Γ(x) = π/(sin πx·Γ(1 −
// x)) for the arguments below ½ and Stirling's series where both are past 10.

// The product, or NaN where it (or for m < 0 its reciprocal) leaves the normal range,
// for the general path.
fn poch_product_{{T}}(z: {{T}}, m: {{T}}) -> {{T}} {
    let up = m > 0.0;
    var ph: {{T}} = 1.0;
    var pl: {{T}} = 0.0;
    let n = i32(abs(m));
    for (var j = 0; j < n; j++) {
        let f = two_sum_{{T}}(z, select(-{{T}}(j + 1), {{T}}(j), up));
        let h = two_prod_{{T}}(ph, f.x);
        let p = two_sum_{{T}}(h.x, h.y + (ph * f.y + pl * f.x));
        ph = p.x;
        pl = p.y;
    }
    if (nan_{{T}}(ph) || abs(ph) > {{T_MAX}}) { return qnan_{{T}}(); }
    if (up) { return ph + pl; }
    if (ph == 0.0) { return inf_{{T}}(); }                    // z − j = 0: z + m is a pole
    let q = 1.0 / ph;
    if (abs(q) < {{T_MIN_NORMAL}} || abs(q) > {{T_MAX}}) { return qnan_{{T}}(); }
    return q - q * (pl / ph);
}

// sin(π(x + xl)) for |xl| <= ulp(x)/2: x = n/2 + r with r in [−¼, ¼] exact, πr in two
// parts and the tail xl to first order.
fn sin_pi_parts_{{T}}(x: {{T}}, xl: {{T}}) -> {{T}} {
    let n = round_even_{{T}}(2.0 * x);
    let r = two_sum_{{T}}((2.0 * x - n) * 0.5, xl);
    let v = two_prod_{{T}}(3.141592653589793, r.x);
    let vl = v.y + ({{PI_LO}} * r.x + 3.141592653589793 * r.y);
    let s0 = sin_small_{{T}}(v.x);
    let c0 = cos_small_{{T}}(v.x);
    let q = i32(n - 4.0 * floor(n * 0.25));
    let w = select(s0 + vl * c0, c0 - vl * s0, (q & 1) == 1);
    return select(w, -w, q >= 2);
}

// fac·e^l without overflow in between.
fn scaled_exp_{{T}}(fac: {{T}}, l: {{T}}) -> {{T}} {
    if (abs(l) < {{EXP_SPLIT}}) { return fac * exp_{{T}}(l); }
    let v = exp_{{T}}(l + ln_{{T}}(abs(fac)));
    return select(v, -v, fac < 0.0);
}

fn math_poch_{{T}}(z0: {{T}}, m: {{T}}) -> {{T}} {
    if (m == 0.0) { return 1.0; }
    if (nan_{{T}}(z0) || nan_{{T}}(m)) { return qnan_{{T}}(); }
    if (abs(z0) > {{T_MAX}} || abs(m) > {{T_MAX}}) {
        if (z0 > {{T_MAX}} && abs(m) <= {{T_MAX}}) { return select(0.0, inf_{{T}}(), m > 0.0); }
        if (m > {{T_MAX}} && z0 > 0.0 && z0 <= {{T_MAX}}) { return inf_{{T}}(); }
        return qnan_{{T}}();
    }
    if (floor(m) == m && abs(m) <= 64.0) {
        let p = poch_product_{{T}}(z0, m);
        if (!nan_{{T}}(p)) { return p; }
    }
    var z = z0;
    let t = two_sum_{{T}}(z0, m);
    var s = t.x;
    var sl = t.y;
    var sign: {{T}} = 1.0;
    let z_pole = gamma_pole_{{T}}(z);
    let s_pole = sl == 0.0 && gamma_pole_{{T}}(s);
    if (z_pole != s_pole) { return select(inf_{{T}}(), 0.0, z_pole); }
    if (z_pole) {
        // Both poles (m an integer): (−1)^m·Γ(1 − z)/Γ(1 − s), positive integers.
        sign = select({{T}}(1.0), -1.0, floor(m * 0.5) != m * 0.5);
        let zz = z;
        z = 1.0 - s;
        s = 1.0 - zz;
        sl = 0.0;
    }
    if (abs(z) <= {{POCH_REACH}} && abs(s) <= {{POCH_REACH}} && !gamma_pole_{{T}}(s)) {
        let gz = math_gamma_{{T}}(z);
        if (abs(gz) <= {{T_MAX}} && gz != 0.0) {
            var gs = math_gamma_{{T}}(s);
            if (sl != 0.0) { gs = gs * (1.0 + math_digamma_{{T}}(s) * sl); }
            return sign * (gs / gz);
        }
    }
    // Γ(x) = π/(sin πx·Γ(1 − x)) for the arguments below ½, which leaves ln Γ(b) − ln Γ(a)
    // (b = a + m, both >= ½) or ±(ln Γ(a) + ln Γ(b)); one call of each function for
    // every branch (llvmpipe runs every inlined copy).
    let pi: {{T}} = 3.141592653589793;
    let one_minus_s = two_sum_{{T}}(1.0, -s);
    let rs = one_minus_s.x - sl + one_minus_s.y;
    var a = z;
    var b = s;
    var diff = true;
    var fac = sign;
    var sum_sign: {{T}} = 1.0;
    if (z < 0.5 || s < 0.5) {
        let sz = sin_pi_parts_{{T}}(select(0.5, z, z < 0.5), 0.0);
        let ss = sin_pi_parts_{{T}}(select(0.5, s, s < 0.5), select(0.0, sl, s < 0.5));
        if (z < 0.5 && s < 0.5) {
            fac = sign * sz / ss;
            a = rs;
            b = 1.0 - z;
        } else if (z < 0.5) {
            fac = sign * sz / pi;
            a = 1.0 - z;
            diff = false;
        } else {
            fac = sign * pi / ss;
            a = rs;
            b = z;
            diff = false;
            sum_sign = -1.0;
        }
    }
    var l: {{T}};
    if (diff && a >= 10.0 && b >= 10.0) {
        l = stirling_ln_gamma_ratio_{{T}}(a, b, m);
    } else {
        let la = math_ln_gamma_{{T}}(a);
        let lb = math_ln_gamma_{{T}}(b);
        l = select(sum_sign * (la + lb), lb - la, diff);
    }
    return scaled_exp_{{T}}(fac, l);
}

// ---- C(n, k), the binomial coefficient (SciPy's binom; src/backend/cpu/poch.rs: binom) ---
// Negative n with integer k as (−1)^k·C(k − n − 1, k); 0 where k is a negative integer or
// only n − k is one; (n − k + 1)_k/Γ(k + 1) where that is a normal number; else
// ±e^(−ln|B(n − k + 1, k + 1)| − ln|n + 1|) with Γ's signs.

// The sign of Γ(x) away from its poles: negative on (−2j − 1, −2j).
fn gamma_sign_{{T}}(x: {{T}}) -> {{T}} {
    let f = floor(x);
    return select({{T}}(1.0), -1.0, x < 0.0 && floor(f * 0.5) != f * 0.5);
}

fn math_binom_{{T}}(n0: {{T}}, k: {{T}}) -> {{T}} {
    if (nan_{{T}}(n0) || nan_{{T}}(k)) { return qnan_{{T}}(); }
    let reflect = n0 < 0.0 && floor(k) == k;
    let sign = select({{T}}(1.0), -1.0, reflect && floor(k * 0.5) != k * 0.5);
    let n = select(n0, k - n0 - 1.0, reflect);
    let n1 = n + 1.0;
    let k1 = k + 1.0;
    let t = n1 - k;                                           // n − k + 1
    // n a negative integer and k not one: Γ(n + 1)'s pole, of either sign (SciPy's NaN).
    if (gamma_pole_{{T}}(n1)) { return qnan_{{T}}(); }
    if (gamma_pole_{{T}}(k1) || gamma_pole_{{T}}(t)) { return 0.0; }
    let direct = math_poch_{{T}}(t, k) / math_gamma_{{T}}(k1);
    if (abs(direct) >= {{T_MIN_NORMAL}} && abs(direct) <= {{T_MAX}}) { return sign * direct; }
    let b_sign = gamma_sign_{{T}}(t) * gamma_sign_{{T}}(k1) * gamma_sign_{{T}}(n1 + 1.0) * select({{T}}(1.0), -1.0, n1 < 0.0);
    // Γ's range is left behind here, so betaln's Γ ratio is not needed.
    let lo = min(t, k1);
    let hi = max(t, k1);
    let lb = betaln_past_gamma_{{T}}(lo, hi, lo + hi, math_ln_gamma_{{T}}(lo));
    return sign * b_sign * exp_{{T}}(-(lb + ln_{{T}}(abs(n1))));
}
