// Float functions written once for f32 and f64 ({{T}}), on top of exp_/ln_/sin_/cos_
// from common.wgsl and f64_math.wgsl. WGSL's builtins for these are either missing for
// f64 or specified loosely enough to be wrong where users look (sinh/expm1/log1p near
// 0 lose every digit to cancellation; atan may be 4096 ulp off), so each is built from
// + - * / and a few exact builtins, with the IEEE special values handled explicitly.
// Abstract-float literals below convert to {{T}} exactly as written.
// Constants: {{MAX}} is the largest finite value, {{EXP_MAX}} is safely below ln(max
// finite), {{EXP2_MAX}} / {{EXP2_MIN}} bound where 2^x overflows / underflows to zero.

// e^y - 1 for |y| <= 0.5 without cancellation (Taylor to y^14).
fn expm1_small_{{T}}(y: {{T}}) -> {{T}} {
    var p: {{T}} = 1.1470745597729725e-11;
    p = p * y + 1.6059043836821613e-10;
    p = p * y + 2.08767569878681e-09;
    p = p * y + 2.505210838544172e-08;
    p = p * y + 2.755731922398589e-07;
    p = p * y + 2.7557319223985893e-06;
    p = p * y + 2.48015873015873e-05;
    p = p * y + 0.0001984126984126984;
    p = p * y + 0.001388888888888889;
    p = p * y + 0.008333333333333333;
    p = p * y + 0.041666666666666664;
    p = p * y + 0.16666666666666666;
    p = p * y + 0.5;
    return (p * y + 1.0) * y;
}

fn math_exp_m1_{{T}}(x: {{T}}) -> {{T}} {
    if (nan_{{T}}(x)) { return x; }
    if (abs(x) <= 0.5) { return expm1_small_{{T}}(x); }
    return exp_{{T}}(x) - 1.0;
}

// tanh x = e/(e + 2) with e = expm1(2|x|) below |x| = 0.25, (e − 1)/(e + 1) with e = e^(2|x|)
// up to 22 (past which it rounds to ±1), signed zero kept. WGSL's builtin is specified
// only as sinh/cosh and cancels near 0: lavapipe's f32 tanh(−2e-7) was 1.6 million ulps off.
fn tanh_{{T}}(x: {{T}}) -> {{T}} {
    if (nan_{{T}}(x)) { return x; }
    let ax = abs(x);
    var t: {{T}} = 1.0;
    if (ax < 0.25) {
        let e = expm1_small_{{T}}(2.0 * ax);
        t = e / (e + 2.0);
    } else if (ax <= 22.0) {
        let e = exp_{{T}}(2.0 * ax);
        t = (e - 1.0) / (e + 1.0);
    }
    return select(t, -t, signbit_{{T}}(x));
}

// ln(m) = 2 atanh(f) for f = (m - 1) / (m + 1), |f| <= 0.1716 (m in [1/√2, √2]):
// the odd series to f^21.
fn log_series_{{T}}(f: {{T}}) -> {{T}} {
    let f2 = f * f;
    var s: {{T}} = 0.047619047619047616;
    s = s * f2 + 0.05263157894736842;
    s = s * f2 + 0.058823529411764705;
    s = s * f2 + 0.06666666666666667;
    s = s * f2 + 0.07692307692307693;
    s = s * f2 + 0.09090909090909091;
    s = s * f2 + 0.1111111111111111;
    s = s * f2 + 0.14285714285714285;
    s = s * f2 + 0.2;
    s = s * f2 + 0.3333333333333333;
    return 2.0 * f + 2.0 * f * f2 * s;
}

fn math_ln_1p_{{T}}(x: {{T}}) -> {{T}} {
    if (nan_{{T}}(x) || x < -1.0) { return qnan_{{T}}(); }
    if (x == -1.0) { return -inf_{{T}}(); }
    // 1 + x in (1/√2, √2): the series on f = x / (2 + x), which never forms 1 + x.
    if (x > -0.2928932188134524 && x < 0.41421356237309503) { return log_series_{{T}}(x / (2.0 + x)); }
    return ln_{{T}}(1.0 + x);
}

fn math_sinh_{{T}}(x: {{T}}) -> {{T}} {
    if (nan_{{T}}(x)) { return x; }
    let a = abs(x);
    var r: {{T}};
    if (a <= 1.0) {
        let e = math_exp_m1_{{T}}(a);              // sinh = (E + E / (E + 1)) / 2
        r = 0.5 * (e + e / (e + 1.0));
    } else if (a < {{EXP_MAX}}) {
        let e = exp_{{T}}(a);
        r = 0.5 * (e - 1.0 / e);
    } else {
        let w = exp_{{T}}(0.5 * a);                 // e^a overflows before sinh does
        r = (0.5 * w) * w;
    }
    return select(r, -r, x < 0.0);
}

fn math_cosh_{{T}}(x: {{T}}) -> {{T}} {
    if (nan_{{T}}(x)) { return x; }
    let a = abs(x);
    if (a < {{EXP_MAX}}) {
        let e = exp_{{T}}(a);
        return 0.5 * (e + 1.0 / e);
    }
    let w = exp_{{T}}(0.5 * a);
    return (0.5 * w) * w;
}

// (sin, cos) of q·π/2 + r from sin r and cos r (sincos_f32 in common.wgsl, sincos_f64 in
// f64_math.wgsl).
fn quadrant_sincos_{{T}}(s: {{T}}, c: {{T}}, q: i32) -> vec2<{{T}}> {
    let swap = (q & 1) == 1;
    let sn = select(s, c, swap);
    let cs = select(c, s, swap);
    return vec2<{{T}}>(select(sn, -sn, (q & 2) == 2), select(cs, -cs, ((q + 1) & 2) == 2));
}

fn math_tan_{{T}}(x: {{T}}) -> {{T}} {
    let sc = sincos_{{T}}(x);
    return sc.x / sc.y;
}

fn math_exp2_{{T}}(x: {{T}}) -> {{T}} {
    if (nan_{{T}}(x)) { return x; }
    if (x >= {{EXP2_MAX}}) { return inf_{{T}}(); }
    if (x < {{EXP2_MIN}}) { return 0.0; }
    let n = round_even_{{T}}(x);
    let p = exp_{{T}}((x - n) * 0.6931471805599453);    // x - n is exact, |x - n| <= 1/2
    let ni = i32(n);
    let n1 = ni / 2;
    return ldexp(ldexp(p, n1), ni - n1);                 // 2^n in two steps: no early overflow
}

// Cephes atan: reduce |x| to |z| <= 0.66 with atan(x) = π/4 + atan((x-1)/(x+1)) or
// π/2 - atan(1/x), then a rational approximation (≤ 1 ulp in f64, checked in Python).
fn math_atan_{{T}}(x: {{T}}) -> {{T}} {
    if (nan_{{T}}(x)) { return x; }
    let a = abs(x);
    var y0: {{T}} = 0.0;
    var more: {{T}} = 0.0;
    var z = a;
    if (a > 2.414213562373095) {
        y0 = 1.5707963267948966;
        more = 6.123233995736766e-17;
        z = -1.0 / a;
    } else if (a > 0.66) {
        y0 = 0.7853981633974483;
        more = 3.061616997868383e-17;
        z = (a - 1.0) / (a + 1.0);
    }
    let z2 = z * z;
    var p: {{T}} = -8.750608600031904e-01;
    p = p * z2 - 1.6157537187333652e+01;
    p = p * z2 - 7.500855792314705e+01;
    p = p * z2 - 1.2288666844901361e+02;
    p = p * z2 - 6.485021904942025e+01;
    var q: {{T}} = z2 + 2.485846490142306e+01;
    q = q * z2 + 1.6502700983169885e+02;
    q = q * z2 + 4.328810604912903e+02;
    q = q * z2 + 4.853903996359137e+02;
    q = q * z2 + 1.9455065714826139e+02;
    let r = y0 + (z + z * z2 * p / q + more);
    return select(r, -r, x < 0.0);
}

fn math_asin_{{T}}(x: {{T}}) -> {{T}} {
    if (nan_{{T}}(x) || abs(x) > 1.0) { return qnan_{{T}}(); }
    let d = sqrt((1.0 - x) * (1.0 + x));               // cos(asin x), no cancellation
    if (d == 0.0) { let h = {{T}}(1.5707963267948966);
        return select(h, -h, x < 0.0); }
    return math_atan_{{T}}(x / d);
}

fn math_acos_{{T}}(x: {{T}}) -> {{T}} {
    if (nan_{{T}}(x) || abs(x) > 1.0) { return qnan_{{T}}(); }
    if (x == -1.0) { return 3.141592653589793; }
    return 2.0 * math_atan_{{T}}(sqrt((1.0 - x) / (1.0 + x)));   // acos x = 2 atan(tan(acos(x)/2))
}

// atan2(y, x) with C's special values: signed zeros pick the half-plane, infinities
// give multiples of π/4.
fn math_atan2_{{T}}(y: {{T}}, x: {{T}}) -> {{T}} {
    if (nan_{{T}}(x) || nan_{{T}}(y)) { return qnan_{{T}}(); }
    let pi = {{T}}(3.141592653589793);
    let ax = abs(x);
    let ay = abs(y);
    let xneg = signbit_{{T}}(x);
    var r: {{T}};
    if (ay == 0.0) {
        r = select({{T}}(0.0), pi, xneg);
    } else if (ax == inf_{{T}}() && ay == inf_{{T}}()) {
        r = select({{T}}(0.7853981633974483), {{T}}(2.356194490192345), xneg);
    } else if (ax == inf_{{T}}()) {
        r = select({{T}}(0.0), pi, xneg);
    } else if (ay == inf_{{T}}() || ax == 0.0) {
        r = {{T}}(1.5707963267948966);
    } else {
        let t = math_atan_{{T}}(ay / ax);                    // |y / x| may over- or underflow: fine
        r = select(t, pi - t, xneg);
    }
    return select(r, -r, signbit_{{T}}(y));
}

fn math_hypot_{{T}}(a: {{T}}, b: {{T}}) -> {{T}} {
    let x = abs(a);
    let y = abs(b);
    if (x == inf_{{T}}() || y == inf_{{T}}()) { return inf_{{T}}(); }
    if (nan_{{T}}(a) || nan_{{T}}(b)) { return qnan_{{T}}(); }
    let m = max(x, y);
    if (m == 0.0) { return 0.0; }
    let r = min(x, y) / m;                                   // scaled: no overflow in r²
    return m * sqrt(1.0 + r * r);
}

// C's fmod, exactly: a - n·b for n = trunc(a / b), with a's sign. WGSL's float `%` is
// `a - b * trunc(a / b)` (drivers lower it so: lavapipe was 6·10^5 ulp off), so the
// remainder is found by long division on |a|: t runs over b·2^k from the largest
// not above |a| down to b, subtracting where it fits. Every step is exact: t doubles
// and halves between representable values, and r - t is exact for t <= r < 2t.
// Iterations: about 2·log2(|a / b|) (16 doublings at a time while far apart).
fn fmod_{{T}}(a: {{T}}, b: {{T}}) -> {{T}} {
    let x = abs(a);
    let y = abs(b);
    if (nan_{{T}}(a) || nan_{{T}}(b) || x == inf_{{T}}() || y == 0.0) { return qnan_{{T}}(); }
    if (x < y) { return a; }                                 // also b = ±inf
    var t = y;
    for (var i = 0; i < 160 && t <= x * 1.52587890625e-05; i++) { t = t * 65536.0; }
    for (var i = 0; i < 16 && t <= x * 0.5; i++) { t = t * 2.0; }
    var r = x;
    for (var i = 0; i < 2200 && t >= y; i++) {
        if (r >= t) { r = r - t; }
        t = t * 0.5;
    }
    return select(r, -r, signbit_{{T}}(a));
}

// NumPy's float divmod (npy_divmod): (floor(a / b), a mod b) from fmod, so that
// a = b·q + r as nearly as rounding allows and r has b's sign; b = 0 gives (a / b, NaN).
fn floor_divmod_{{T}}(a: {{T}}, b: {{T}}) -> vec2<{{T}}> {
    if (nan_{{T}}(a) || nan_{{T}}(b) || abs(a) == inf_{{T}}()) { return vec2(qnan_{{T}}(), qnan_{{T}}()); }
    if (b == 0.0) { return vec2(a / b, qnan_{{T}}()); }
    let zero = {{T}}(0.0);
    let m = fmod_{{T}}(a, b);
    var div = (a - m) / b;
    var r = m;
    if (m != 0.0) {
        if ((b < 0.0) != (m < 0.0)) {
            r = m + b;
            div = div - 1.0;
        }
    } else {
        r = select(zero, -zero, b < 0.0);
    }
    var q: {{T}};
    if (div != 0.0) {
        q = floor(div);
        if (div - q > 0.5) { q = q + 1.0; }
    } else {
        q = select(zero, -zero, signbit_{{T}}(a / b));
    }
    return vec2(q, r);
}

// C's pow: 1 for b = 0 and for a = 1 (NaN or not), ±1 for a = −1 and b = ±∞, the limits
// at 0 and ∞ with the sign of a negative a for odd integer b, NaN for a < 0 and b not an
// integer; else pow_pos (zeta_math.wgsl), within about an ulp at any size. (The builtin
// is undefined for a < 0 and 0^0, and is exp2(b·log2 a) in one part, |b·log2 a| ulps off.)
fn pow_{{T}}(a: {{T}}, b: {{T}}) -> {{T}} {
    if (!nan_{{T}}(b) && b == 0.0) { return 1.0; }
    if (!nan_{{T}}(a) && a == 1.0) { return 1.0; }
    if (nan_{{T}}(a) || nan_{{T}}(b)) { return qnan_{{T}}(); }
    let ax = abs(a);
    if (abs(b) > {{MAX}}) {
        if (ax == 1.0) { return 1.0; }
        return select(0.0, inf_{{T}}(), (ax > 1.0) == (b > 0.0));
    }
    var neg = false;
    if (signbit_{{T}}(a)) {
        // −0 and −∞ take non-integer powers as +0 and +∞ do.
        if (trunc(b) != b) {
            if (a < 0.0 && ax <= {{MAX}}) { return qnan_{{T}}(); }
        } else {
            neg = abs(b % 2.0) == 1.0;
        }
    }
    var r: {{T}};
    if (ax == 0.0 || ax > {{MAX}}) {
        r = select(0.0, inf_{{T}}(), (ax == 0.0) == (b < 0.0));
    } else {
        r = pow_pos_{{T}}(ax, b);
    }
    return select(r, -r, neg);
}
