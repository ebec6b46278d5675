//! SciPy's convenience functions in f64: `exp10` and the trigonometric functions of an
//! angle in degrees (`sindg`, `cosdg`, `tandg`, `cotdg`); src/ops/convenience.rs
//! describes the algorithms, and shaders/convenience_math.wgsl and kernels/common.cuh
//! are the same for wgpu and CUDA.

use super::gammainc::log1pmx;
use super::special::{sin_cos_times, two_prod};

/// ln 10 and π/180 in two parts.
const LN10: (f64, f64) = (std::f64::consts::LN_10, -2.1707562233822494e-16);
const PI_180: (f64, f64) = (0.017453292519943295, 2.9486522708701687e-19);

/// 10^x: exact at the integers up to 22 in size (10^n by squaring is exact while
/// 10^n is, and 10^−n = 1/10^n is then correctly rounded), else `e^(x·ln 10)` with the
/// exponent in two parts.
pub(crate) fn exp10(x: f64) -> f64 {
    if x.trunc() == x && x.abs() <= 22.0 {
        let (mut r, mut p, mut n) = (1.0, 10.0, x.abs() as u32);
        while n > 0 {
            if n & 1 == 1 {
                r *= p;
            }
            p *= p;
            n >>= 1;
        }
        return if x < 0.0 { 1.0 / r } else { r };
    }
    let (p, pe) = two_prod(x, LN10.0);
    let e = p.exp();
    if e == 0.0 || e.is_infinite() {
        return e; // NaN too: e is NaN
    }
    e + e * (pe + x * LN10.1)
}

/// Which trigonometric function of degrees.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Deg {
    Sin,
    Cos,
    Tan,
    Cot,
}

/// f(x°) for f in `Deg`: |x| mod 360 exactly (the platform's `%`), then the quadrant
/// q = round(r/90) and t = r − 90q in [−45, 45], exact too; sin and cos of t·π/180
/// with the product in two parts; tan and cot from their ratio, ±1 exactly at t = ±45,
/// and +∞ at the poles (SciPy's). The odd functions take x's sign back. NaN at ±∞.
pub(crate) fn trig_deg(x: f64, f: Deg) -> f64 {
    if !x.is_finite() {
        return f64::NAN;
    }
    let r = x.abs() % 360.0;
    let q = (r / 90.0).round();
    let t = r - 90.0 * q;
    let (s, c) = sin_cos_times(PI_180, t);
    let odd = q as i32 % 2 == 1;
    let v = match f {
        Deg::Sin | Deg::Cos => {
            let k = (q as i32 + if f == Deg::Cos { 1 } else { 0 }) % 4;
            // sin of a quarter turn further is cos; of a half turn, −sin.
            let v = if k % 2 == 1 { c } else { s };
            if k >= 2 {
                -v
            } else {
                v
            }
        }
        Deg::Tan | Deg::Cot => {
            let pole = t == 0.0 && odd == (f == Deg::Tan);
            if pole {
                return f64::INFINITY;
            }
            let tan = if t.abs() == 45.0 { t.signum() } else { s / c };
            // tan of a quarter turn further is −cot; cot is 1/tan.
            match (f == Deg::Tan, odd) {
                (true, false) => tan,
                (true, true) => -1.0 / tan,
                (false, false) => 1.0 / tan,
                (false, true) => -tan,
            }
        }
    };
    if f != Deg::Cos && x < 0.0 {
        -v
    } else {
        v
    }
}

/// SciPy's `kl_div(x, y) = x·ln(x/y) − x + y`: where x/y is in [½, 2], `y·g(t)` with t =
/// (x − y)/y (x − y exact) and `g(t) = (1 + t)·ln(1 + t) − t = log1pmx(t) + t·ln_1p(t)`,
/// whose two terms are of the order of t² (their sum, about t²/2, loses a bit), where the
/// plain formula's terms, about x·t, cancel to it; elsewhere `x·ln(x/y) − x + y`, with
/// `ln x − ln y` where x/y over- or underflows. y at x = 0 ≤ y; +∞ for other
/// non-positive arguments; NaN for NaN.
pub(crate) fn kl_div(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if x > 0.0 && y > 0.0 {
        let r = x / y;
        if (0.5..=2.0).contains(&r) {
            let t = (x - y) / y;
            return y * (log1pmx(t) + t * t.ln_1p());
        }
        let l = if r > 0.0 && r.is_finite() { r.ln() } else { x.ln() - y.ln() };
        return x * l - x + y;
    }
    if x == 0.0 && y >= 0.0 {
        return y;
    }
    f64::INFINITY
}
