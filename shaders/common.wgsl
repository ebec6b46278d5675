// Helpers included in every kernel.
//
// NaN tests are done on bits: drivers may compile float comparisons assuming no NaNs
// (WGSL allows it; lavapipe folds `x != x` to false), so `x != x` cannot be trusted.

fn nan_f32(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
fn nan_i32(x: i32) -> bool { return false; }
fn nan_u32(x: u32) -> bool { return false; }
fn inf_f32() -> f32 { return bitcast<f32>(0x7f800000u); }
fn qnan_f32() -> f32 { return bitcast<f32>(0x7fc00000u); }
fn signbit_f32(x: f32) -> bool { return (bitcast<u32>(x) >> 31u) == 1u; }

// NumPy's integer `//` and `%` (floor division, remainder with the divisor's sign);
// x // 0 = x % 0 = 0. WGSL's i32 `/` and `%` truncate (and give MIN / -1 = MIN, 0).
fn floor_div_i32(a: i32, b: i32) -> i32 {
    if (b == 0) { return 0; }
    let q = a / b;
    let r = a % b;
    return select(q, q - 1, r != 0 && ((r < 0) != (b < 0)));
}
fn floor_rem_i32(a: i32, b: i32) -> i32 {
    if (b == 0) { return 0; }
    let r = a % b;
    return select(r, r + b, r != 0 && ((r < 0) != (b < 0)));
}

// e^x by Cody–Waite reduction x = k·ln2 + r, |r| <= ln2/2 (ln2's first 16 bits exact in
// k·ln2_hi for |k| <= 255), and e^r's Taylor series to r^8 (error < 2^-31): within
// about an ulp. The builtin is only specified to 3 + 2|x| ulp and was 8.5 ulp off at
// x = −14.5 on lavapipe. 2^k in two steps, so no step overflows early.
fn exp_f32(x: f32) -> f32 {
    if (nan_f32(x)) { return x; }
    if (x > 88.72284) { return inf_f32(); }
    if (x < -103.97208) { return 0.0; }
    let k = round(x * 1.442695);
    let r = (x - k * 0.693145751953125) - k * 1.4286068e-06;
    var p = 2.4801587e-05;
    p = p * r + 0.0001984127;
    p = p * r + 0.0013888889;
    p = p * r + 0.008333334;
    p = p * r + 0.041666668;
    p = p * r + 0.16666667;
    p = p * r + 0.5;
    p = p * r + 1.0;
    p = p * r + 1.0;
    let ki = i32(k);
    let k1 = ki / 2;
    return ldexp(ldexp(p, k1), ki - k1);
}
// Logarithms from x = 2^e · m, m in [1/√2, √2), and the atanh series for ln m
// (log_series_f32, float_math.wgsl): the builtins are only specified to an absolute
// 2^-21 near 1, where ln/log2/log10 are near 0 (log2(0.9999999) was 13% off on
// lavapipe), and undefined below 0.
fn log_ordinary_f32(x: f32) -> bool { return !nan_f32(x) && x > 0.0 && x <= 3.4028234663852886e38; }
fn log_special_f32(x: f32) -> f32 {
    if (nan_f32(x) || x < 0.0) { return qnan_f32(); }
    if (x == 0.0) { return -inf_f32(); }
    return x;
}
fn ln_parts_f32(x: f32) -> vec2<f32> {
    // Subnormals scaled by 2^24 first: lavapipe's frexp of them was wrong (ln(1.12e-38)
    // 0.02 off).
    let tiny = x < 1.1754943508222875e-38;
    let fr = frexp(select(x, x * 16777216.0, tiny));      // x = fract · 2^exp, fract in [1/2, 1)
    var m = fr.fract;
    var e = fr.exp - select(0, 24, tiny);
    if (m < 0.70710678) { m = m * 2.0; e -= 1; }
    return vec2(f32(e), log_series_f32((m - 1.0) / (m + 1.0)));
}
fn ln_f32(x: f32) -> f32 {
    if (!log_ordinary_f32(x)) { return log_special_f32(x); }
    let p = ln_parts_f32(x);
    return p.x * 0.6931471805599453 + p.y;
}
fn log2_f32(x: f32) -> f32 {
    if (!log_ordinary_f32(x)) { return log_special_f32(x); }
    let p = ln_parts_f32(x);
    return p.x + p.y * 1.4426950408889634;
}
fn log10_f32(x: f32) -> f32 {
    if (!log_ordinary_f32(x)) { return log_special_f32(x); }
    let p = ln_parts_f32(x);
    return p.x * 0.3010299956639812 + p.y * 0.4342944819032518;
}
fn sin_f32(x: f32) -> f32 { return sin(x); }
fn cos_f32(x: f32) -> f32 { return cos(x); }
// For |r| <= π/4 only (f64_math.wgsl has the f64 ones).
fn sin_small_f32(r: f32) -> f32 { return sin(r); }
fn cos_small_f32(r: f32) -> f32 { return cos(r); }
fn tanh_f32(x: f32) -> f32 {
    // The builtin overflows to NaN for |x| > ~44 on some drivers.
    if (abs(x) > 20.0) { return select(-1.0, 1.0, x > 0.0); }
    return tanh(x);
}
fn pow_f32(a: f32, b: f32) -> f32 {
    // Builtin pow is undefined for a < 0 and for 0^0; follow C/Rust powf instead.
    if (!nan_f32(b) && b == 0.0) { return 1.0; }
    if (!nan_f32(a) && a == 1.0) { return 1.0; }
    if (nan_f32(a) || nan_f32(b)) { return qnan_f32(); }
    if (a == 0.0) { return select(inf_f32(), 0.0, b > 0.0); }
    if (a < 0.0) {
        if (trunc(b) != b) { return qnan_f32(); }
        let r = pow(-a, b);
        return select(r, -r, abs(b % 2.0) == 1.0);
    }
    return pow(a, b);
}
