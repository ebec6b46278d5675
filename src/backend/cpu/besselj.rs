//! The Bessel functions of the second kind of integer order in f64: Y_n (SciPy's `yn`)
//! and the spherical y_n and its derivative (`spherical_yn`), by forward recurrence from
//! msun's Y0 and Y1 (the `libm` crate's, which the backend's `y0`/`y1` are) and from
//! `−cos x/x`; src/ops/besselj.rs describes them, shaders/besselj_math.wgsl and
//! kernels/common.cuh are the same for wgpu and CUDA.

/// Y_n(x), the Bessel function of the second kind of integer order (SciPy's `yn`): n
/// truncated toward zero, `Y_−n = (−1)^n·Y_n`, and the forward recurrence
/// `Y_(k+1) = k·(2/x)·Y_k − Y_(k−1)` from msun's Y0 and Y1 (the `libm` crate's), which is
/// stable for Y: it stops once Y overflows to −∞, and in the oscillations it adds a few
/// roundings to Y0's and Y1's own errors (2/x is formed once, rather than a division per
/// step: the same accuracy against mpmath). SciPy runs the same recurrence from Cephes' Y0
/// and Y1, whose `x − π/4` in f64 costs large x its low digits. NaN below 0, for NaN and
/// for |n| ≥ 2³¹; `∓∞` at ±0 (the sign of the limit from above); 0 at +∞ (SciPy: NaN).
pub(crate) fn yn(n: f64, x: f64) -> f64 {
    if n.is_nan() || x.is_nan() || x < 0.0 || n.abs() >= 2147483648.0 {
        return f64::NAN;
    }
    let k = n.abs() as u32;
    let sign = if n < 0.0 && k % 2 == 1 { -1.0 } else { 1.0 };
    if x == 0.0 {
        return -sign * f64::INFINITY;
    }
    if x == f64::INFINITY {
        return 0.0;
    }
    if k == 0 {
        return libm::y0(x);
    }
    sign * bessel_forward(libm::y0(x), libm::y1(x), k, x, 0.0).1
}

/// The forward recurrence of the Bessel functions of the second kind, from
/// `(f_0, f_1)` to `(f_(k−1), f_k)` (k ≥ 1) by `f_(i+1) = (i + half)·(2/x)·f_i − f_(i−1)`
/// (half = 0 for Y_n, ½ for the spherical y_n), stopping where f overflows (`(f_(i−1),
/// ±∞)`).
fn bessel_forward(f0: f64, f1: f64, k: u32, x: f64, half: f64) -> (f64, f64) {
    let (mut a, mut b, h) = (f0, f1, 2.0 / x);
    let mut i = 1;
    while i < k && b.is_finite() {
        (a, b) = (b, (f64::from(i) + half) * h * b - a);
        i += 1;
    }
    (a, b)
}

/// The spherical Bessel function of the second kind `y_n(x) = (π/(2x))^½·Y_(n+½)(x)`, or
/// its derivative (SciPy's `spherical_yn`): n truncated toward zero, `y_0 = −cos x/x`,
/// `y_1 = (y_0 − sin x)/x` and the forward recurrence `y_(k+1) = (2k + 1)/x·y_k −
/// y_(k−1)`, as SciPy's; `y_n′ = y_(n−1) − (n + 1)/x·y_n` (`−y_1` for n = 0).
/// `y_n(−x) = (−1)^(n+1)·y_n(x)`. NaN for n < 0, NaN and |n| ≥ 2³¹; at ±0, −∞ (the
/// derivative +∞, the limit; SciPy: NaN from n = 1); 0 at ±∞.
pub(crate) fn spherical_yn(n: f64, x: f64, derivative: bool) -> f64 {
    if x.is_nan() || !(0.0..2147483648.0).contains(&n) {
        return f64::NAN;
    }
    let k = n as u32;
    if x < 0.0 {
        let odd = k % 2 == 1;
        let flip = if derivative { odd } else { !odd };
        let v = spherical_yn(n, -x, derivative);
        return if flip { -v } else { v };
    }
    if x == 0.0 {
        return if derivative { f64::INFINITY } else { f64::NEG_INFINITY };
    }
    if x == f64::INFINITY {
        return 0.0;
    }
    let (s, c) = x.sin_cos();
    let y0 = -c / x;
    let y1 = (y0 - s) / x;
    match (k, derivative) {
        (0, false) => y0,
        (0, true) => -y1,
        _ => {
            let (a, b) = bessel_forward(y0, y1, k, x, 0.5);
            if derivative {
                a - f64::from(k + 1) / x * b
            } else {
                b
            }
        }
    }
}
