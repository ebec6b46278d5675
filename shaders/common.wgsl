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

// WGSL's round (ties to even) for f32; its f64 twin, round_even_f64 in f64_math.wgsl,
// is built from floor, llvmpipe's f64 round being wrong on some CPUs.
fn round_even_f32(x: f32) -> f32 { return round(x); }

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
// f32 sin and cos: WGSL specifies its builtins only within [−π, π] (lavapipe's are good
// to 3 ulp up to 1e4, hundreds of ulp by 1e5, and garbage from 1e6); above 8192 the
// argument is reduced exactly (Payne–Hanek in u32 arithmetic, below) and the builtins
// see only |r| <= π/4. reduce_trig_f32 gives the reduced argument (r, q) where the
// builtins are not trusted (finite |x| >= 8192); it is computed for every x, but
// reduce_pio2_f32 makes its passes only there.
fn reduce_trig_f32(x: f32) -> vec2<f32> {
    let large = abs(x) >= 8192.0 && abs(x) <= 3.4028234663852886e38;
    return reduce_pio2_f32(select(8192.0, x, large), large);
}
fn sin_f32(x: f32) -> f32 {
    let t = reduce_trig_f32(x);
    if (abs(x) < 8192.0 || nan_f32(x)) { return sin(x); }
    if (abs(x) > 3.4028234663852886e38) { return qnan_f32(); }
    return quadrant_sin_f32(t, false);
}
fn cos_f32(x: f32) -> f32 {
    let t = reduce_trig_f32(x);
    if (abs(x) < 8192.0 || nan_f32(x)) { return cos(x); }
    if (abs(x) > 3.4028234663852886e38) { return qnan_f32(); }
    return quadrant_sin_f32(t, true);
}
// (sin x, cos x) from one reduction.
fn sincos_f32(x: f32) -> vec2<f32> {
    let t = reduce_trig_f32(x);
    if (abs(x) < 8192.0 || nan_f32(x)) { return vec2<f32>(sin(x), cos(x)); }
    if (abs(x) > 3.4028234663852886e38) { return vec2<f32>(qnan_f32(), qnan_f32()); }
    return quadrant_sincos_f32(sin_small_f32(t.x), cos_small_f32(t.x), i32(t.y));
}

// sin (or cos) of q·π/2 + r from the reduced argument (r, q).
fn quadrant_sin_f32(t: vec2<f32>, cosine: bool) -> f32 {
    let q = (i32(t.y) + select(0, 1, cosine)) & 3;
    let r = t.x;
    if (q == 0) { return sin_small_f32(r); }
    if (q == 1) { return cos_small_f32(r); }
    if (q == 2) { return -sin_small_f32(r); }
    return -cos_small_f32(r);
}

// The high and low words of the 64-bit product a·b, from 16-bit halves.
fn mul_wide_u32(a: u32, b: u32) -> vec2<u32> {
    let al = a & 0xffffu;
    let ah = a >> 16u;
    let bl = b & 0xffffu;
    let bh = b >> 16u;
    let ll = al * bl;
    let lh = al * bh;
    let hl = ah * bl;
    let mid = (ll >> 16u) + (lh & 0xffffu) + (hl & 0xffffu);
    return vec2<u32>(ah * bh + (lh >> 16u) + (hl >> 16u) + (mid >> 16u), (mid << 16u) | (ll & 0xffffu));
}

// Bits 32k + 1 ... 32k + 32 after the binary point of 2/π (0 outside the 224 kept), by
// selects: llvmpipe copies an indexed table into every invocation, and a switch cost more.
fn two_over_pi_word(k: i32) -> u32 {
    var w = 0u;
    w = select(w, 0xa2f9836eu, k == 0);
    w = select(w, 0x4e441529u, k == 1);
    w = select(w, 0xfc2757d1u, k == 2);
    w = select(w, 0xf534ddc0u, k == 3);
    w = select(w, 0xdb629599u, k == 4);
    w = select(w, 0x3c439041u, k == 5);
    w = select(w, 0xfe5163abu, k == 6);
    return w;
}

// 32 bits of 2/π starting after bit p (0-based; p may be negative: 2/π < 1).
fn two_over_pi_bits(p: i32) -> u32 {
    let k = (p + 64) / 32 - 2;               // floor(p / 32)
    let off = u32(p - 32 * k);
    let hi = two_over_pi_word(k);
    if (off == 0u) { return hi; }
    return (hi << off) | (two_over_pi_word(k + 1) >> (32u - off));
}

// x = q·(π/2) + r, |r| <= π/4, for finite |x| >= 8192, as (r, q): x = M·2^e with M the
// 24-bit significand, so x·2/π mod 4 needs 2/π only from bit e − 1 on (the bits before
// it add multiples of 4·M); the 120-bit product P of M with 96 bits from there is
// x·2/π·2^94 mod 2^96, whose two integer bits are q and whose next 64 the fraction
// (exact to 2^-70, beyond the closest an f32 comes to a multiple of π/2), rounded to
// the nearest quadrant and normalised before it is converted.
fn reduce_pio2_f32(x: f32, large: bool) -> vec2<f32> {
    let bits = bitcast<u32>(x);
    let m = (bits & 0x7fffffu) | 0x800000u;
    let e = i32((bits >> 23u) & 0xffu) - 150;   // x = m·2^e, e >= -10 here
    let p = e - 2;                              // the window starts at bit e − 1 (1-based)
    // P's words w3 w2 w1 w0 (most significant first): the products with the three words
    // of 2/π added from the last, one per pass, each pass leaving P's next word. Passes
    // only when `large` (llvmpipe: see reduce_pio2_large in f64_math.wgsl).
    var w0 = 0u;
    var w1 = 0u;
    var w2 = 0u;
    var w3 = 0u;
    let passes = select(0, 3, large);
    for (var t = 0; t < passes; t++) {
        let prod = mul_wide_u32(m, two_over_pi_bits(p + 64 - 32 * t));
        let lo = prod.y + w3;
        w3 = prod.x + select(0u, 1u, lo < w3);
        w0 = w1;
        w1 = w2;
        w2 = lo;
    }
    var q = ((w3 << 2u) | (w2 >> 30u)) & 3u;
    var hi = (w2 << 2u) | (w1 >> 30u);
    var lo = (w1 << 2u) | (w0 >> 30u);
    let up = hi >= 0x80000000u;                  // fraction >= 1/2: the next quadrant
    if (up) {
        q = (q + 1u) & 3u;
        hi = ~hi;                                // 2^64 − fraction (the low word's borrow
        lo = ~lo + 1u;                           // is folded in below)
        if (lo == 0u) { hi = hi + 1u; }
    }
    let z = countLeadingZeros(hi);
    var top = hi;
    if (z > 0u && z < 32u) { top = (hi << z) | (lo >> (32u - z)); }
    if (z == 32u) { top = lo; }
    let frac = ldexp(f32(top >> 8u), -24 - i32(z)) + ldexp(f32(top & 0xffu), -32 - i32(z));
    var r = frac * 1.5707963705062866 + frac * -4.371139000186243e-8;  // π/2 in two parts
    if (up) { r = -r; }
    if (x < 0.0) { return vec2<f32>(-r, f32((4u - q) & 3u)); }
    return vec2<f32>(r, f32(q));
}
// For |r| <= π/4 only (f64_math.wgsl has the f64 ones).
fn sin_small_f32(r: f32) -> f32 { return sin(r); }
fn cos_small_f32(r: f32) -> f32 { return cos(r); }
