// Helpers included in every kernel.
//
// NaN tests are done on bits: drivers may compile float comparisons assuming no NaNs
// (WGSL allows it; lavapipe folds `x != x` to false), so `x != x` cannot be trusted.

fn nan_f32(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
fn nan_i32(x: i32) -> bool { return false; }
fn nan_u32(x: u32) -> bool { return false; }
fn inf_f32() -> f32 { return bitcast<f32>(0x7f800000u); }
fn qnan_f32() -> f32 { return bitcast<f32>(0x7fc00000u); }

fn exp_f32(x: f32) -> f32 { return exp(x); }
fn ln_f32(x: f32) -> f32 { return log(x); }
fn sin_f32(x: f32) -> f32 { return sin(x); }
fn cos_f32(x: f32) -> f32 { return cos(x); }
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
