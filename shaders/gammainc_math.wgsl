// The regularised incomplete gamma functions P(a, x) (SciPy's gammainc) and Q(a, x) =
// 1 − P (gammaincc), written once for f32 and f64 ({{T}}); src/backend/cpu/gammainc.rs
// is the same algorithm in f64 and src/ops/gammainc.rs describes it. Included after
// zeta_math.wgsl, whose pow_double it uses, and gamma_math.wgsl (Γ, Stirling's series).

// ln(1 + s) − s for s > −1: −s·u + 2(u³/3 + u⁵/5 + …) with u = s/(2 + s) for −½ < s < 1
// (|u| <= ⅓), so that nothing cancels near 0; ln_1p(s) − s beyond.
fn log1pmx_{{T}}(s: {{T}}) -> {{T}} {
    if (s > -0.5 && s < 1.0) {
        let u = s / (2.0 + s);
        let z = u * u;
        var p: {{T}} = 1.0 / 37.0;
        p = p * z + 1.0 / 35.0;
        p = p * z + 1.0 / 33.0;
        p = p * z + 1.0 / 31.0;
        p = p * z + 1.0 / 29.0;
        p = p * z + 1.0 / 27.0;
        p = p * z + 1.0 / 25.0;
        p = p * z + 1.0 / 23.0;
        p = p * z + 1.0 / 21.0;
        p = p * z + 1.0 / 19.0;
        p = p * z + 1.0 / 17.0;
        p = p * z + 1.0 / 15.0;
        p = p * z + 1.0 / 13.0;
        p = p * z + 1.0 / 11.0;
        p = p * z + 1.0 / 9.0;
        p = p * z + 1.0 / 7.0;
        p = p * z + 1.0 / 5.0;
        p = p * z + 1.0 / 3.0;
        return -s * u + 2.0 * (u * z) * p;
    }
    return math_ln_1p_{{T}}(s) - s;
}

// ln Γ(1 + a) for a > −1: its Taylor series (−γa + Σ (−1)ⁿζ(n)aⁿ/n, to a^27) for |a| <= ¼,
// where 1 + a would lose a's digits; ln Γ(1 + a) above.
fn ln_gamma_1p_{{T}}(a: {{T}}) -> {{T}} {
    if (abs(a) > 0.25) { return math_ln_gamma_{{T}}(1.0 + a); }
    var p: {{T}} = -0.037037037312989324;
    p = p * a + 0.03846153903467518;
    p = p * a - 0.04000000119214014;
    p = p * a + 0.04166666915034121;
    p = p * a - 0.04347826605304026;
    p = p * a + 0.04545455629320467;
    p = p * a - 0.047619070330142226;
    p = p * a + 0.05000004769810169;
    p = p * a - 0.05263167937961666;
    p = p * a + 0.055555767627403614;
    p = p * a - 0.058823978658684585;
    p = p * a + 0.06250095514121304;
    p = p * a - 0.06666870588242046;
    p = p * a + 0.07143294629536133;
    p = p * a - 0.0769325164113522;
    p = p * a + 0.083353840546109;
    p = p * a - 0.09095401714582904;
    p = p * a + 0.1000994575127818;
    p = p * a - 0.11133426586956469;
    p = p * a + 0.12550966952474304;
    p = p * a - 0.1440498967688461;
    p = p * a + 0.1695571769974082;
    p = p * a - 0.20738555102867398;
    p = p * a + 0.27058080842778454;
    p = p * a - 0.40068563438653143;
    p = p * a + 0.8224670334241132;
    p = p * a - 0.5772156649015329;
    return a * p;
}

// x^a·e^−x/Γ(a + 1) for a, x > 0: Stirling's e^(a·(ln(1 + s) − s) − S(a))/√(2πa) with
// s = (x − a)/a from a = 10 (the exponent as a·ln(x/a) − (x − a) below s = −½); below,
// x^a·e^−x/Γ(a + 1), with e^−x in two halves past its underflow.
fn igam_factor_{{T}}(a: {{T}}, x: {{T}}) -> {{T}} {
    if (a >= 10.0) {
        let s = (x - a) / a;
        var core = a * ln_{{T}}(x / a) - (x - a);
        if (s > -0.5) { core = a * log1pmx_{{T}}(s); }
        return exp_{{T}}(core - stirling_series_{{T}}(a)) / sqrt(6.283185307179586 * a);
    }
    let small = a < 1.0;                                                // Γ(1 + a), or a·Γ(a): one Γ
    let g1 = math_gamma_{{T}}(select(a, 1.0 + a, small)) * select(a, 1.0, small);
    if (x < {{EXP_SPLIT}}) { return pow_double_{{T}}(x, 0.0, a) * exp_{{T}}(-x) / g1; }
    if (x >= 2.0 * {{EXP_SPLIT}}) { return 0.0; }                     // a·ln x − x below the underflow
    let h = exp_{{T}}(-0.5 * x);                                        // e^−x would be subnormal
    return pow_double_{{T}}(x, 0.0, a) * h * h / g1;
}

// P(a, x) by its power series x^a·e^−x/Γ(a + 1)·Σ xⁿ/((a + 1)⋯(a + n)) (DLMF 8.11.4).
// f is x^a·e^−x/Γ(a + 1).
fn igam_p_series_{{T}}(a: {{T}}, x: {{T}}, f: {{T}}) -> {{T}} {
    if (f == 0.0) { return 0.0; }
    var r = a;
    var c: {{T}} = 1.0;
    var s: {{T}} = 1.0;
    for (var i = 0; i < 300; i++) {
        r = r + 1.0;
        c = c * (x / r);
        s = s + c;
        if (c <= {{EPS_HALF}} * s) { break; }
    }
    return s * f;
}

// The denominator t of Legendre's continued fraction Γ(a, x) = x^a·e^−x/t, t = b₀ + a₁/(b₁ +
// …), bᵢ = x + 2i + 1 − a, aᵢ = −i(i − a) (DLMF 8.9.2), for Q (x above a and 1.1): the
// modified Lentz method counts the terms, then the fraction is evaluated from the bottom
// up, a quarter deeper, whose roundings do not compound.
fn legendre_fraction_{{T}}(a: {{T}}, x: {{T}}) -> {{T}} {
    let tiny: {{T}} = {{LENTZ_TINY}};
    var b = x + 1.0 - a;
    var c = 1.0 / tiny;
    var d = 1.0 / b;
    var n = 300;
    for (var i = 1; i < 300; i++) {
        let fi = {{T}}(i);
        let an = -fi * (fi - a);
        b = b + 2.0;
        d = an * d + b;
        if (abs(d) < tiny) { d = tiny; }
        c = b + an / c;
        if (abs(c) < tiny) { c = tiny; }
        d = 1.0 / d;
        if (abs(d * c - 1.0) <= {{EPS_HALF}}) { n = i + i / 4 + 4; break; }
    }
    return legendre_backward_{{T}}(a, x, n);
}

// The same fraction cut after n terms, from the bottom up (E₁ takes a depth of its own).
fn legendre_backward_{{T}}(a: {{T}}, x: {{T}}, n: i32) -> {{T}} {
    var t = x + {{T}}(2 * n + 1) - a;
    for (var i = n; i >= 1; i--) {
        let fi = {{T}}(i);
        t = (x + {{T}}(2 * i - 1) - a) - fi * (fi - a) / t;
    }
    return t;
}

// Q(a, x) for x <= 1.1 and a below about x: 1 − x^a/Γ(1 + a) − x^a/Γ(a)·Σ (−x)ⁿ/(n!(a + n))
// (DLMF 8.7.3), with x^a/Γ(1 + a) − 1 as expm1(a ln x − ln Γ(1 + a)).
fn igam_q_series_{{T}}(a: {{T}}, x: {{T}}) -> {{T}} {
    var fac: {{T}} = 1.0;
    var sum: {{T}} = 0.0;
    for (var n = 1; n < 300; n++) {
        let fn_ = {{T}}(n);
        fac = fac * (-x / fn_);
        let term = fac / (a + fn_);
        sum = sum + term;
        if (abs(term) <= {{EPS_HALF}} * abs(sum)) { break; }
    }
    let em = math_exp_m1_{{T}}(a * ln_{{T}}(x) - ln_gamma_1p_{{T}}(a));
    return -em - a * (1.0 + em) * sum;
}

// Temme's coefficients c_k(η) summed as Σ c_k(η)·a^−k (scripts/gammainc-coefficients.py).
fn igam_temme_sum_{{T}}(e: {{T}}, ia: {{T}}) -> {{T}} {
    var c0: {{T}} = -5.830772132550426e-11;
    c0 = c0 * e - 2.5514193994946248e-11;
    c0 = c0 * e + 9.14769958223679e-10;
    c0 = c0 * e - 4.382036018453353e-09;
    c0 = c0 * e + 1.0261809784240309e-08;
    c0 = c0 * e + 6.707853543401498e-09;
    c0 = c0 * e - 1.7665952736826078e-07;
    c0 = c0 * e + 8.296711340953087e-07;
    c0 = c0 * e - 1.85406221071516e-06;
    c0 = c0 * e - 2.185448510679992e-06;
    c0 = c0 * e + 3.919263178522438e-05;
    c0 = c0 * e - 0.0001787551440329218;
    c0 = c0 * e + 0.0003527336860670194;
    c0 = c0 * e + 0.0011574074074074073;
    c0 = c0 * e - 0.014814814814814815;
    c0 = c0 * e + 0.08333333333333333;
    c0 = c0 * e - 0.3333333333333333;
    var c1: {{T}} = 4.162792991842583e-10;
    c1 = c1 * e - 1.0091543710600413e-09;
    c1 = c1 * e - 1.7543241719747647e-11;
    c1 = c1 * e + 1.1951628599778148e-08;
    c1 = c1 * e - 5.752545603517705e-08;
    c1 = c1 * e + 1.378633446915721e-07;
    c1 = c1 * e + 4.647127802807434e-09;
    c1 = c1 * e - 1.6120900894563446e-06;
    c1 = c1 * e + 7.64916091608111e-06;
    c1 = c1 * e - 1.8098550334489977e-05;
    c1 = c1 * e - 4.018775720164609e-07;
    c1 = c1 * e + 0.00020576131687242798;
    c1 = c1 * e - 0.0009902263374485596;
    c1 = c1 * e + 0.0026455026455026454;
    c1 = c1 * e - 0.003472222222222222;
    c1 = c1 * e - 0.001851851851851852;
    var c2: {{T}} = -1.3670488396617114e-09;
    c2 = c2 * e + 6.228974084922022e-09;
    c2 = c2 * e - 1.409252991086752e-08;
    c2 = c2 * e - 2.0477098421990866e-10;
    c2 = c2 * e + 1.4280614206064242e-07;
    c2 = c2 * e - 6.298992138380055e-07;
    c2 = c2 * e + 1.3721957309062934e-06;
    c2 = c2 * e + 3.423578734096138e-08;
    c2 = c2 * e - 1.2760635188618728e-05;
    c2 = c2 * e + 5.2923448829120125e-05;
    c2 = c2 * e - 0.0001073665322636516;
    c2 = c2 * e + 2.0093878600823047e-06;
    c2 = c2 * e + 0.0007716049382716049;
    c2 = c2 * e - 0.0026813271604938273;
    c2 = c2 * e + 0.004133597883597883;
    var c3: {{T}} = -1.9111168485973655e-08;
    c3 = c3 * e + 8.099464905388083e-08;
    c3 = c3 * e - 1.6958404091930278e-07;
    c3 = c3 * e - 2.7861080291528143e-11;
    c3 = c3 * e + 1.4230900732435883e-06;
    c3 = c3 * e - 5.6749528269915965e-06;
    c3 = c3 * e + 1.1082654115347302e-05;
    c3 = c3 * e - 2.396505113867297e-07;
    c3 = c3 * e - 7.561801671883977e-05;
    c3 = c3 * e + 0.00026772063206283885;
    c3 = c3 * e - 0.0004691894943952557;
    c3 = c3 * e + 0.00022947209362139917;
    c3 = c3 * e + 0.0006494341563786008;
    var c4: {{T}} = -2.292934834000805e-07;
    c4 = c4 * e + 8.907507532205309e-07;
    c4 = c4 * e - 1.6954149536558305e-06;
    c4 = c4 * e + 2.507497226237533e-10;
    c4 = c4 * e + 1.1375726970678419e-05;
    c4 = c4 * e - 3.968365047179435e-05;
    c4 = c4 * e + 6.641498215465122e-05;
    c4 = c4 * e - 1.4638452578843418e-06;
    c4 = c4 * e - 0.0002990724803031902;
    c4 = c4 * e + 0.0007840392217200666;
    c4 = c4 * e - 0.0008618882909167117;
    var c5: {{T}} = 3.4652846491085265e-07;
    c5 = c5 * e - 3.252473551298454e-10;
    c5 = c5 * e - 2.291481176508095e-06;
    c5 = c5 * e + 8.018470256334202e-06;
    c5 = c5 * e - 1.3594048189768693e-05;
    c5 = c5 * e + 1.419062920643967e-07;
    c5 = c5 * e + 6.797780477937208e-05;
    c5 = c5 * e - 0.00019932570516188847;
    c5 = c5 * e + 0.0002772753244959392;
    c5 = c5 * e - 6.972813758365857e-05;
    c5 = c5 * e - 0.00033679855336635813;
    var c6: {{T}} = -2.0291327396058603e-06;
    c6 = c6 * e + 3.465155368803609e-06;
    c6 = c6 * e - 3.0796134506033047e-09;
    c6 = c6 * e - 1.8329116582843375e-05;
    c6 = c6 * e + 5.61168275310625e-05;
    c6 = c6 * e - 8.153969367561969e-05;
    c6 = c6 * e + 7.902353232660328e-07;
    c6 = c6 * e + 0.0002708782096718045;
    c6 = c6 * e - 0.0005921664373536939;
    c6 = c6 * e + 0.0005313079364639922;
    var c7: {{T}} = -1.8263488805711332e-05;
    c7 = c7 * e + 2.7744451511563645e-05;
    c7 = c7 * e - 1.2741009095484485e-07;
    c7 = c7 * e - 0.00010976582244684731;
    c7 = c7 * e + 0.0002812695154763237;
    c7 = c7 * e - 0.00033493161081142234;
    c7 = c7 * e + 5.171790908260592e-05;
    c7 = c7 * e + 0.00034436760689237765;
    var c8: {{T}} = 4.629953263691304e-05;
    c8 = c8 * e - 0.00012783517679769218;
    c8 = c8 * e + 0.00016644846642067547;
    c8 = c8 * e - 6.969091458420552e-07;
    c8 = c8 * e - 0.000438297098541721;
    c8 = c8 * e + 0.0008394987206720873;
    c8 = c8 * e - 0.0006526239185953094;
    var c9: {{T}} = 0.00027750107634328704;
    c9 = c9 * e - 0.0006401475260262758;
    c9 = c9 * e + 0.0006782308837667328;
    c9 = c9 * e - 7.204895416020011e-05;
    c9 = c9 * e - 0.0005967612901927463;
    var c10: {{T}} = 0.0011089369134596636;
    c10 = c10 * e - 0.0019144384985654776;
    c10 = c10 * e + 0.0013324454494800656;
    var c11: {{T}} = 0.001579727660730835;
    var s: {{T}} = c11;
    s = s * ia + c10;
    s = s * ia + c9;
    s = s * ia + c8;
    s = s * ia + c7;
    s = s * ia + c6;
    s = s * ia + c5;
    s = s * ia + c4;
    s = s * ia + c3;
    s = s * ia + c2;
    s = s * ia + c1;
    s = s * ia + c0;
    return s;
}

// P(a, x) (or Q when upper) for a > 20 and |x − a| < 0.3a by Temme's uniform expansion:
// Q = ½ erfc(η√(a/2)) + e^(−aη²/2)/√(2πa)·Σ c_k(η)·a^−k, P = ½ erfc(−η√(a/2)) − the same,
// with −aη²/2 = a·(ln(1 + s) − s), s = (x − a)/a.
fn igam_temme_{{T}}(a: {{T}}, x: {{T}}, upper: bool) -> {{T}} {
    let s = (x - a) / a;
    let lpm = log1pmx_{{T}}(s);
    let sg = select({{T}}(1.0), {{T}}(-1.0), s < 0.0);
    let eta = sg * sqrt(-2.0 * lpm);
    let z = sg * sqrt(-a * lpm);
    let tail = exp_{{T}}(a * lpm) / sqrt(6.283185307179586 * a) * igam_temme_sum_{{T}}(eta, 1.0 / a);
    if (upper) { return 0.5 * math_erfc_{{T}}(z) + tail; }
    return 0.5 * math_erfc_{{T}}(-z) - tail;
}

// P(a, x), or Q(a, x) when upper: the smaller computed, the other 1 minus it (see
// src/ops/gammainc.rs); SciPy's conventions at a = 0, x = 0 and the infinities.
fn math_gammainc_{{T}}(a: {{T}}, x: {{T}}, upper: bool) -> {{T}} {
    if (nan_{{T}}(a) || nan_{{T}}(x) || a < 0.0 || x < 0.0) { return qnan_{{T}}(); }
    let a_inf = a > {{T_MAX}};
    let x_inf = x > {{T_MAX}};
    if ((a == 0.0 && x == 0.0) || (a_inf && x_inf)) { return qnan_{{T}}(); }
    if (a == 0.0 || x_inf) { return select({{T}}(1.0), {{T}}(0.0), upper); }
    if (x == 0.0 || a_inf) { return select({{T}}(0.0), {{T}}(1.0), upper); }
    if (a > 20.0 && abs((x - a) / a) < 0.3) { return igam_temme_{{T}}(a, x, upper); }
    var q_first = a <= 1.1 * x;
    if (x > 1.1) { q_first = x >= a; } else if (x <= 0.5) { q_first = a <= -0.4 / ln_{{T}}(x); }
    // The series' and the fraction's common factor, once: llvmpipe runs both branches
    // for every lane when its lanes disagree.
    let f = igam_factor_{{T}}(a, x);
    if (q_first) {
        var q: {{T}} = 0.0;
        if (x > 1.1) { q = select(a * f / legendre_fraction_{{T}}(a, x), 0.0, f == 0.0); } else { q = igam_q_series_{{T}}(a, x); }
        return select(1.0 - q, q, upper);
    }
    let p = igam_p_series_{{T}}(a, x, f);
    return select(p, 1.0 - p, upper);
}

// The x with P(a, x) = y, or Q(a, x) = y when upper (SciPy's gammaincinv, gammainccinv;
// src/backend/cpu/gammainc.rs: gammaincinv): the smaller tail t matched by Newton's
// method on ln P in ln x or on ln Q in x (in ln x below 1) inside a bracket that each
// evaluation narrows (a step that leaves it halves it instead), from Wilson–Hilferty's
// start or the tails' leading terms; until a step or the bracket is below 2^-51 (f32:
// 2^-22) of x.
fn math_gammaincinv_{{T}}(a: {{T}}, y: {{T}}, upper: bool) -> {{T}} {
    if (nan_{{T}}(a) || nan_{{T}}(y) || a < 0.0 || y < 0.0 || y > 1.0) { return qnan_{{T}}(); }
    if (y == 0.0 || y == 1.0) { return select({{T}}(0.0), inf_{{T}}(), (y == 0.0) == upper); }
    if (a == 0.0 || a > {{T_MAX}}) { return qnan_{{T}}(); }
    let solve_q = upper == (y <= 0.5);
    let t = select(1.0 - y, y, y <= 0.5);
    let ln_t = ln_{{T}}(t);
    let z = math_ndtri_{{T}}(t);
    let s = 1.0 / (9.0 * a);
    let w = 1.0 - s + select(z, -z, solve_q) * sqrt(s);
    let wilson = select({{T}}(0.0), a * w * w * w, w > 0.0);
    let lg1 = ln_gamma_1p_{{T}}(a);
    var x: {{T}};
    if (!solve_q) {
        x = max(exp_{{T}}((ln_t + lg1) / a), wilson);                   // P's x^a/Γ(a + 1) = t
    } else if (w > 0.0 && (t > 1e-10 || a >= 10.0)) {
        x = wilson;
    } else if (t > 1e-10) {
        x = exp_{{T}}((math_ln_1p_{{T}}(-t) + lg1) / a);                // small a: P's leading term at 1 − t
    } else {
        // The far tail: Q's x^(a−1)e^−x/Γ(a) = t (x = −ln t − ln Γ(a) + (a − 1) ln x, twice).
        let l = -ln_t - (lg1 - ln_{{T}}(a));
        x = max(max(l, a), 1.0);
        x = max(l + (a - 1.0) * ln_{{T}}(x), 1e-30);
        x = max(l + (a - 1.0) * ln_{{T}}(x), 1e-30);
    }
    if (x == 0.0) { return 0.0; }                                       // below the subnormals
    var lo: {{T}} = 0.0;
    var hi = inf_{{T}}();
    for (var i = 0; i < 64; i++) {
        let v = math_gammainc_{{T}}(a, x, solve_q);
        if (v == t) { return x; }
        if ((v < t) != solve_q) { lo = x; } else { hi = x; }           // P rises, Q falls
        let d = igam_factor_{{T}}(a, x) * a / x;                        // x^(a−1)e^−x/Γ(a)
        let g = ln_{{T}}(v / t);                                         // not ln v − ln t (the roundings of |ln t|)
        // Steps in ln x where a tail is a power of x: P's, and Q's below x = 1.
        var next = x * exp_{{T}}(select(-g, g, solve_q) * v / (x * d));
        if (solve_q && x >= 1.0) { next = x + g * v / d; }
        let tol = 4.0 * {{EPS_HALF}} * x;
        if (abs(next - x) <= tol) { return next; }                      // before the bracket test: x is one of its ends
        if (nan_{{T}}(next) || next <= lo || next >= hi) {               // (NaN by its bits)
            if (hi > {{T_MAX}}) { next = 2.0 * x; } else if (lo > 0.0) { next = sqrt(lo) * sqrt(hi); } else { next = 0.5 * hi; }
        }
        if (hi - lo <= tol) { return next; }
        x = next;
    }
    return x;
}
