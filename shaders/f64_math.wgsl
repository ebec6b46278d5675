// f64 math in software. SPIR-V's GLSL.std.450 defines exp/log/sin/cos/pow/tanh only for
// 16- and 32-bit floats; drivers return garbage for f64 (measured on lavapipe), so these
// are computed from +, *, /, floor, round and ldexp, which are exact or correctly
// rounded in f64. Accuracy: a few ulp (sin/cos: Cody–Waite reduction below 1.5e6,
// Payne–Hanek above).

fn nan_f64(x: f64) -> bool { return nan_f32(f32(x)); }  // f64 NaN converts to f32 NaN
fn inf_f64() -> f64 { return f64(inf_f32()); }
fn qnan_f64() -> f64 { return f64(qnan_f32()); }
fn signbit_f64(x: f64) -> bool { return signbit_f32(f32(x)); }   // the conversion keeps the sign

const LN2_HI: f64 = 6.93147180369123816490e-01lf;
const LN2_LO: f64 = 1.90821492927058770002e-10lf;

// x rounded to the nearest integer, ties to even (WGSL's round), from floor: on a CPU
// without AVX-512, llvmpipe (Mesa 22.3.6, LLVM 15) gave 1 for the builtin round(1.5),
// and digamma's reflection at x = −1e15 − ½ went to ∞ through it. Every f64 rounding in
// the shaders goes through this. A zero keeps x's sign.
fn round_even_f64(x: f64) -> f64 {
    let f = floor(x);
    let d = x - f;
    let odd = f - 2.0lf * floor(0.5lf * f) != 0.0lf;
    let r = select(f, f + 1.0lf, d > 0.5lf || (d == 0.5lf && odd));
    return select(r, x * 0.0lf, r == 0.0lf);
}

fn exp_f64(x: f64) -> f64 {
    if (nan_f64(x)) { return x; }
    if (x > 709.782712893384lf) { return inf_f64(); }
    if (x < -745.1332191019412lf) { return 0.0lf; }
    let k = round_even_f64(x * 1.4426950408889634lf);
    let r = (x - k * LN2_HI) - k * LN2_LO;            // |r| <= ln2/2
    var p = 1.6059043836821613e-10lf;                 // Taylor to r^13
    p = p * r + 2.08767569878681e-09lf;
    p = p * r + 2.505210838544172e-08lf;
    p = p * r + 2.755731922398589e-07lf;
    p = p * r + 2.7557319223985893e-06lf;
    p = p * r + 2.48015873015873e-05lf;
    p = p * r + 0.0001984126984126984lf;
    p = p * r + 0.001388888888888889lf;
    p = p * r + 0.008333333333333333lf;
    p = p * r + 0.041666666666666664lf;
    p = p * r + 0.16666666666666666lf;
    p = p * r + 0.5lf;
    p = p * r + 1.0lf;
    p = p * r + 1.0lf;
    let ki = i32(k);
    let k1 = ki / 2;
    return ldexp(ldexp(p, k1), ki - k1);              // 2^k in two steps: no early overflow
}

// x = 2^e · m with m in [1/√2, √2], for finite x > 0; lm = ln m.
struct LnParts { e: f64, lm: f64 }
fn ln_parts_f64(x0: f64) -> LnParts {
    var x = x0;
    var e = 0;
    // Into [2^-64, 2^64], where an f32 log2 estimates the exponent, by steps of 2^512 down
    // to 2^64 and no loop: llvmpipe counts every pass of every loop, even a masked one,
    // against its budget of 65,535 per SIMD group, and iterative functions call ln often.
    if (x > 1.3407807929942597e154lf) { x = ldexp(x, -512); e += 512; }
    if (x > 1.157920892373162e77lf) { x = ldexp(x, -256); e += 256; }
    if (x > 3.402823669209385e38lf) { x = ldexp(x, -128); e += 128; }
    if (x > 1.8446744073709552e19lf) { x = ldexp(x, -64); e += 64; }
    if (x < 7.458340731200207e-155lf) { x = ldexp(x, 512); e -= 512; }
    if (x < 7.458340731200207e-155lf) { x = ldexp(x, 512); e -= 512; }
    if (x < 8.636168555094445e-78lf) { x = ldexp(x, 256); e -= 256; }
    if (x < 2.938735877055719e-39lf) { x = ldexp(x, 128); e -= 128; }
    if (x < 5.421010862427522e-20lf) { x = ldexp(x, 64); e -= 64; }
    var k = i32(floor(log2(f32(x))));
    var m = ldexp(x, -k);
    if (m >= 2.0lf) { m = m * 0.5lf; k += 1; }
    if (m < 1.0lf) { m = m * 2.0lf; k -= 1; }
    if (m > 1.4142135623730951lf) { m = m * 0.5lf; k += 1; }
    e += k;
    return LnParts(f64(e), log_series_f64((m - 1.0lf) / (m + 1.0lf)));
}
// Whether x is in the logarithms' ordinary domain (finite, > 0); log_special_f64 is
// the answer outside it (NaN below 0, -inf at 0, +inf at +inf).
fn log_ordinary_f64(x: f64) -> bool { return !nan_f64(x) && x > 0.0lf && x <= 1.7976931348623157e308lf; }
fn log_special_f64(x: f64) -> f64 {
    if (nan_f64(x) || x < 0.0lf) { return qnan_f64(); }
    if (x == 0.0lf) { return -inf_f64(); }
    return x;
}
fn ln_f64(x: f64) -> f64 {
    if (!log_ordinary_f64(x)) { return log_special_f64(x); }
    let p = ln_parts_f64(x);
    return p.e * LN2_HI + (p.e * LN2_LO + p.lm);
}
fn log2_f64(x: f64) -> f64 {
    if (!log_ordinary_f64(x)) { return log_special_f64(x); }
    let p = ln_parts_f64(x);
    return p.e + p.lm * 1.4426950408889634lf;             // 1 / ln 2
}
fn log10_f64(x: f64) -> f64 {
    if (!log_ordinary_f64(x)) { return log_special_f64(x); }
    let p = ln_parts_f64(x);
    return p.e * 0.30102999566398120lf + p.lm * 0.4342944819032518lf;   // log10(2), 1 / ln 10
}

// x = q·(π/2) + r with |r| <= π/4: Cody–Waite (three parts of π/2 from fdlibm) below
// 1.5e6, where k·(π/2)'s first part is exact; Payne–Hanek above.
struct Quadrant { r: f64, q: i32 }

// 2/π in 24-bit chunks: 2/π = Σ_j IPIO2[j]·2^(-24(j+1)) (1584 bits, as fdlibm's table).
var<private> IPIO2: array<f64, 66> = array<f64, 66>(
    10680707.0lf, 7228996.0lf, 1387004.0lf, 2578385.0lf, 16069853.0lf, 12639074.0lf,
    9804092.0lf, 4427841.0lf, 16666979.0lf, 11263675.0lf, 12935607.0lf, 2387514.0lf,
    4345298.0lf, 14681673.0lf, 3074569.0lf, 13734428.0lf, 16653803.0lf, 1880361.0lf,
    10960616.0lf, 8533493.0lf, 3062596.0lf, 8710556.0lf, 7349940.0lf, 6258241.0lf,
    3772886.0lf, 3769171.0lf, 3798172.0lf, 8675211.0lf, 12450088.0lf, 3874808.0lf,
    9961438.0lf, 366607.0lf, 15675153.0lf, 9132554.0lf, 7151469.0lf, 3571407.0lf,
    2607881.0lf, 12013382.0lf, 4155038.0lf, 6285869.0lf, 7677882.0lf, 13102053.0lf,
    15825725.0lf, 473591.0lf, 9065106.0lf, 15363067.0lf, 6271263.0lf, 9264392.0lf,
    5636912.0lf, 4652155.0lf, 7056368.0lf, 13614112.0lf, 10155062.0lf, 1944035.0lf,
    9527646.0lf, 15080200.0lf, 6658437.0lf, 6231200.0lf, 6832269.0lf, 16767104.0lf,
    5075751.0lf, 3212806.0lf, 1398474.0lf, 7579849.0lf, 6349435.0lf, 12618859.0lf
);

// k with 2^k <= x < 2^(k+1), for finite x >= 1.
fn exponent_f64(x0: f64) -> i32 {
    var x = x0;
    var e = 0;
    if (x >= 0x1p512lf) { x = ldexp(x, -512); e += 512; }
    if (x >= 0x1p256lf) { x = ldexp(x, -256); e += 256; }
    if (x >= 0x1p64lf) { x = ldexp(x, -64); e += 64; }
    if (x >= 0x1p64lf) { x = ldexp(x, -64); e += 64; }
    var k = i32((bitcast<u32>(f32(x)) >> 23u) & 0xffu) - 127;
    let m = ldexp(x, -k);
    if (m >= 2.0lf) { k += 1; }
    if (m < 1.0lf) { k -= 1; }
    return e + k;
}

// Payne–Hanek for finite x >= 1, in exact arithmetic on integer-valued f64s (no
// error-free transformations, which shader compilers may simplify away): x = M·2^b is
// cut into 24-bit pieces on a grid of multiples of 24 bits, so each product with a
// chunk of 2/π (< 2^48) lands on one base-2^24 digit of x·(2/π) — digit 0 the integer
// part, digit d worth 2^(-24d) — and sums of four stay exact (< 2^50). The digits are
// made from the last (d = 11) to the first, one per pass of a loop, with their carries,
// balanced to [−2^23, 2^23) so that the fraction comes out in [−½, ½) and digit 0 is the
// nearest quadrant; the fraction is summed by Horner's rule as its digits come.
//
// The loop makes its passes only when `large`: llvmpipe runs a branch's code for every
// lane whatever the mask, but leaves a loop after one masked pass when no lane is in
// it, so arguments below the threshold pay for one digit rather than the whole method
// (sin on [0, 30], 10M values: 43 ms without this path, 507 ms with it written straight,
// 84 ms so).
fn reduce_pio2_large(x: f64, large: bool) -> Quadrant {
    let k = exponent_f64(x);
    let m = ldexp(x, 52 - k);                        // an integer < 2^53
    let b = k - 52;
    let bq = select(b / 24, (b - 23) / 24, b < 0);   // floor(b / 24)
    let mr = ldexp(m, b - 24 * bq);                  // < 2^76, on the grid
    let x0 = floor(ldexp(mr, -72));
    var rest = mr - ldexp(x0, 72);
    let x1 = floor(ldexp(rest, -48));
    rest = rest - ldexp(x1, 48);
    let x2 = floor(ldexp(rest, -24));
    let x3 = rest - ldexp(x2, 24);
    // Digit d is x0·T[d+bq+2] + x1·T[d+bq+1] + x2·T[d+bq] + x3·T[d+bq−1] plus the carry
    // from digit d + 1: a window of four chunks of 2/π moving down one per pass.
    var a0 = 0.0lf;
    var a1 = 0.0lf;
    var a2 = 0.0lf;
    var a3 = 0.0lf;
    var carry = 0.0lf;
    var digit = 0.0lf;
    var f = 0.0lf;                                   // digits d.. as digit_d + f·2^-24
    var fraction = 0.0lf;                            // f before the last pass: digits 1..
    let passes = select(0, 12, large);
    for (var t = 0; t < passes; t++) {
        let j = bq + 10 - t;
        a0 = a1;
        a1 = a2;
        a2 = a3;
        a3 = select(0.0lf, IPIO2[clamp(j, 0, 65)], j >= 0 && j < 66);
        let acc = x0 * a0 + x1 * a1 + x2 * a2 + x3 * a3 + carry;
        carry = floor(ldexp(acc, -24));
        digit = acc - ldexp(carry, 24);
        let high = digit >= 8388608.0lf;
        digit = select(digit, digit - 16777216.0lf, high);
        carry = select(carry, carry + 1.0lf, high);
        fraction = f;
        f = digit + ldexp(f, -24);
    }
    let n = digit - 4.0lf * floor(digit * 0.25lf);
    let v = ldexp(fraction, -24);
    return Quadrant(v * 1.5707963267948966lf + v * 6.123233995736766e-17lf, i32(n) & 3);
}

fn reduce_pio2(x: f64) -> Quadrant {
    let large = abs(x) > 1.5e6lf;
    let t = reduce_pio2_large(select(1.0lf, abs(x), large), large);
    if (large) {
        if (x < 0.0lf) { return Quadrant(-t.r, (4 - t.q) & 3); }
        return t;
    }
    let k = round_even_f64(x * 0.6366197723675814lf);
    let r = ((x - k * 1.57079632673412561417e+00lf) - k * 6.07710050630396597660e-11lf)
        - k * 2.02226624871116645580e-21lf;
    return Quadrant(r, i32(k) & 3);
}
fn sin_poly(r: f64) -> f64 {
    let z = r * r;
    var p = 2.8114572543455206e-15lf;                 // 1/17!
    p = p * z - 7.647163731819816e-13lf;
    p = p * z + 1.6059043836821613e-10lf;
    p = p * z - 2.505210838544172e-08lf;
    p = p * z + 2.7557319223985893e-06lf;
    p = p * z - 0.0001984126984126984lf;
    p = p * z + 0.008333333333333333lf;
    p = p * z - 0.16666666666666666lf;
    return r + r * z * p;
}
fn cos_poly(r: f64) -> f64 {
    let z = r * r;
    var p = -1.5619206968586225e-16lf;                // -1/18!
    p = p * z + 4.779477332387385e-14lf;
    p = p * z - 1.1470745597729725e-11lf;
    p = p * z + 2.08767569878681e-09lf;
    p = p * z - 2.755731922398589e-07lf;
    p = p * z + 2.48015873015873e-05lf;
    p = p * z - 0.001388888888888889lf;
    p = p * z + 0.041666666666666664lf;
    return 1.0lf - 0.5lf * z + z * z * p;
}
// For |r| <= π/4 only: the kernels without the argument reduction.
fn sin_small_f64(r: f64) -> f64 { return sin_poly(r); }
fn cos_small_f64(r: f64) -> f64 { return cos_poly(r); }
fn sin_f64(x: f64) -> f64 {
    if (nan_f64(x) || abs(x) > 1.7976931348623157e308lf) { return qnan_f64(); }
    let t = reduce_pio2(x);
    switch t.q {
        case 0: { return sin_poly(t.r); }
        case 1: { return cos_poly(t.r); }
        case 2: { return -sin_poly(t.r); }
        default: { return -cos_poly(t.r); }
    }
}
fn cos_f64(x: f64) -> f64 {
    if (nan_f64(x) || abs(x) > 1.7976931348623157e308lf) { return qnan_f64(); }
    let t = reduce_pio2(x);
    switch t.q {
        case 0: { return cos_poly(t.r); }
        case 1: { return -sin_poly(t.r); }
        case 2: { return -cos_poly(t.r); }
        default: { return sin_poly(t.r); }
    }
}
// (sin x, cos x) from one reduction.
fn sincos_f64(x: f64) -> vec2<f64> {
    if (nan_f64(x) || abs(x) > 1.7976931348623157e308lf) { return vec2<f64>(qnan_f64(), qnan_f64()); }
    let t = reduce_pio2(x);
    return quadrant_sincos_f64(sin_poly(t.r), cos_poly(t.r), t.q);
}
