//! The float functions NumPy users reach for beyond exp/ln/sin/cos (tan, tanh, sinh, cosh,
//! arcsin, arccos, arctan, exp2, expm1, log2, log10, log1p, trunc, sign; and ln, which
//! shares the logarithms' code) on every
//! backend against Rust's std, at the inputs where implementations go wrong: ±0, NaN,
//! ±inf, the edges of each domain, overflow and underflow thresholds, and tiny
//! arguments where a naive formula cancels (`expm1(1e-10)`, `log1p(-3e-10)`,
//! `sinh(1e-30)`). The tolerance is the stated transcendental one (`T::TRANSCENDENTAL`)
//! as a relative bound with no absolute floor, so a result near zero must be right in
//! its own digits, not just close to zero. The binary ones (floor_div, floor_rem,
//! atan2, hypot) are checked against NumPy's own results at signed zeros, infinities,
//! NaN and extreme magnitudes, signs of zero included; `pow` against std at random pairs of
//! any size, exact integer powers and C's edge values. Ordinary inputs, broadcasting and
//! strided views of every op are in `elementwise.rs`.

#[macro_use]
mod common;

use common::{assert_array, Tol, Tolerances};
use gpu::{Array, Device, Float, UnaryOp};

/// Inputs every function sees.
const SHARED: &[f64] = &[0.0, -0.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1e-6, -1e-6, 1e-10, -3e-10, 1e-30];

/// Where each function is interesting (values past f32's range become ±inf or ±0 there).
fn inputs(op: UnaryOp) -> Vec<f64> {
    let own: &[f64] = match op {
        UnaryOp::Tan => &[0.5, -0.5, 0.785, 1.0, -1.2, 1.5, 3.0, -3.0, 10.0],
        UnaryOp::Tanh => &[0.1, -0.2, 0.2499, 0.25, 0.2501, -0.7, 1.0, 5.0, 9.0, 9.1, -21.9, 22.0, 22.1, 100.0],
        UnaryOp::Sinh | UnaryOp::Cosh => &[0.3, -0.9, 1.0, 1.01, 1.5, -5.0, 20.0, -80.0, 87.5, 200.0, 710.0, 800.0],
        UnaryOp::Asin | UnaryOp::Acos => {
            &[0.5, -0.5, std::f64::consts::FRAC_1_SQRT_2, 0.9999, -0.99, 1.0, -1.0, 1.0000001, -2.0]
        }
        UnaryOp::Atan => &[0.5, -0.66, 0.67, 1.0, 2.4, 2.5, -100.0, 1e10, -1e30, 1e300],
        UnaryOp::Exp2 => {
            &[0.5, -0.5, 1.0, 10.3, -10.3, 100.0, -100.0, 127.5, 128.0, -125.9, 1000.0, -1000.0, 1023.5, -1022.0, 1e5]
        }
        UnaryOp::ExpM1 => &[0.3, -0.49, 0.5, 0.51, -0.6, 1.0, -3.0, 20.0, -40.0, 88.0, 700.0, 710.0],
        UnaryOp::Ln | UnaryOp::Log2 | UnaryOp::Log10 => {
            // Subnormals too (1.12e-38 and below in f32, 1e-310 and 5e-324 in f64): lavapipe's
            // f32 frexp of them was wrong, ln(1.12e-38) 0.02 off.
            &[
                1.0, 2.0, 0.5, 1024.0, 1000.0, 0.001, 3.7, 1e-30, 1e30, 1e300, 1e-300, 0.9999999, 1.0000001, -1.0,
                1.12e-38, 1e-40, 3e-45, 1e-310, 5e-324,
            ]
        }
        UnaryOp::Ln1p => &[0.3, -0.29, -0.3, 0.41, 0.42, -0.9999, -1.0, -1.5, 1.0, 1e10, 1e300],
        UnaryOp::Trunc | UnaryOp::Sign => &[0.5, -0.5, 1.5, -2.7, 1e10, -1e10, 8388609.5, 4503599627370497.0],
        _ => &[],
    };
    SHARED.iter().chain(own).copied().collect()
}

/// Rust's std for each op (NumPy's `sign`, which maps ±0 to 0, written out).
fn reference(op: UnaryOp, x: f64) -> f64 {
    match op {
        UnaryOp::Tan => x.tan(),
        UnaryOp::Tanh => x.tanh(),
        UnaryOp::Sinh => x.sinh(),
        UnaryOp::Cosh => x.cosh(),
        UnaryOp::Asin => x.asin(),
        UnaryOp::Acos => x.acos(),
        UnaryOp::Atan => x.atan(),
        UnaryOp::Exp2 => x.exp2(),
        UnaryOp::ExpM1 => x.exp_m1(),
        UnaryOp::Ln => x.ln(),
        UnaryOp::Log2 => x.log2(),
        UnaryOp::Log10 => x.log10(),
        UnaryOp::Ln1p => x.ln_1p(),
        UnaryOp::Trunc => x.trunc(),
        UnaryOp::Sign if x == 0.0 || x.is_nan() => x,
        UnaryOp::Sign => x.signum(),
        _ => unreachable!("not one of this file's ops"),
    }
}

fn apply<F: Float>(a: &Array<F>, op: UnaryOp) -> gpu::Result<Array<F>> {
    match op {
        UnaryOp::Tan => a.tan(),
        UnaryOp::Tanh => a.tanh(),
        UnaryOp::Sinh => a.sinh(),
        UnaryOp::Cosh => a.cosh(),
        UnaryOp::Asin => a.asin(),
        UnaryOp::Acos => a.acos(),
        UnaryOp::Atan => a.atan(),
        UnaryOp::Exp2 => a.exp2(),
        UnaryOp::ExpM1 => a.exp_m1(),
        UnaryOp::Ln => a.ln(),
        UnaryOp::Log2 => a.log2(),
        UnaryOp::Log10 => a.log10(),
        UnaryOp::Ln1p => a.ln_1p(),
        UnaryOp::Trunc => a.trunc(),
        UnaryOp::Sign => a.sign(),
        _ => unreachable!("not one of this file's ops"),
    }
}

const OPS: [UnaryOp; 15] = [
    UnaryOp::Tan,
    UnaryOp::Tanh,
    UnaryOp::Sinh,
    UnaryOp::Cosh,
    UnaryOp::Asin,
    UnaryOp::Acos,
    UnaryOp::Atan,
    UnaryOp::Exp2,
    UnaryOp::ExpM1,
    UnaryOp::Ln,
    UnaryOp::Log2,
    UnaryOp::Log10,
    UnaryOp::Ln1p,
    UnaryOp::Trunc,
    UnaryOp::Sign,
];

/// Each op at its inputs rounded to `F`, computed in `F` on `dev`, against std's f64
/// function of the same input rounded to `F` (the correctly rounded answer, nearly).
fn edge_cases<F: Float + Tolerances + Into<f64>>(dev: &Device, to_f: fn(f64) -> F) -> gpu::Result<()> {
    for op in OPS {
        let xs: Vec<F> = inputs(op).into_iter().map(to_f).collect();
        let want: Vec<F> = xs.iter().map(|&x| to_f(reference(op, x.into()))).collect();
        let a = Array::from_vec(xs.clone(), [xs.len()])?.to(dev)?;
        let tol = match op {
            UnaryOp::Trunc | UnaryOp::Sign => Tol::EXACT,
            _ => Tol::rel(F::TRANSCENDENTAL.rel),
        };
        assert_array(&apply(&a, op)?, &[xs.len()], &want, tol, &format!("{} {} at {xs:?}", op.name(), F::DTYPE));
    }
    Ok(())
}

/// NumPy's results for the binary functions at their special values, as (a, b,
/// floor_divide, remainder, arctan2, hypot), from NumPy 2.4 (`np.floor_divide`, `np.remainder`, `np.arctan2`,
/// `np.hypot` on float64; float32 agrees on the first 15 rows).
/// (a, b, floor_divide, remainder, arctan2, hypot).
type Row = (f64, f64, f64, f64, f64, f64);

const BINARY_SPECIALS: &[Row] = {
    use std::f64::consts::{FRAC_PI_2, FRAC_PI_4, PI};
    const INF: f64 = f64::INFINITY;
    const NAN: f64 = f64::NAN;
    &[
        (7.0, -2.0, -4.0, -1.0, 1.849095985800008, 7.280109889280518),
        (-7.0, 2.0, -4.0, 1.0, -1.2924966677897853, 7.280109889280518),
        (-7.5, -2.0, 3.0, -1.5, -1.8313987185422376, 7.762087348130012),
        (1.0, 0.0, INF, NAN, FRAC_PI_2, 1.0),
        (-1.0, 0.0, -INF, NAN, -FRAC_PI_2, 1.0),
        (0.0, 0.0, NAN, NAN, 0.0, 0.0),
        (0.0, -1.0, -0.0, -0.0, PI, 1.0),
        (-0.0, -1.0, 0.0, -0.0, -PI, 1.0),
        (1.0, INF, 0.0, 1.0, 0.0, INF),
        (-1.0, INF, -1.0, INF, -0.0, INF),
        (1.0, -INF, -1.0, -INF, PI, INF),
        (INF, 2.0, NAN, NAN, FRAC_PI_2, INF),
        (INF, INF, NAN, NAN, FRAC_PI_4, INF),
        (-INF, -INF, NAN, NAN, -3.0 * FRAC_PI_4, INF),
        (NAN, INF, NAN, NAN, NAN, INF),
        (3e300, 4e300, 0.0, 3e300, 0.6435011087932844, 5e300),
        (3e-310, 4e-310, 0.0, 3e-310, 0.6435011087932844, 5e-310),
    ]
};

fn binary_specials<F: Float + Tolerances + Into<f64>>(dev: &Device, to_f: fn(f64) -> F) -> gpu::Result<()> {
    // f32 cannot hold the last two rows (they overflow / flush); f64 runs them all.
    let rows = if F::DTYPE == gpu::DType::F32 { &BINARY_SPECIALS[..15] } else { BINARY_SPECIALS };
    let col = |f: fn(&Row) -> f64| rows.iter().map(f).map(to_f).collect::<Vec<F>>();
    let n = rows.len();
    let a = Array::from_vec(col(|r| r.0), [n])?.to(dev)?;
    let b = Array::from_vec(col(|r| r.1), [n])?.to(dev)?;
    let exact = Tol::EXACT;
    let tol = Tol::rel(F::TRANSCENDENTAL.rel);
    let what = |op: &str| format!("{op} {} at {:?}", F::DTYPE, rows.iter().map(|r| (r.0, r.1)).collect::<Vec<_>>());
    assert_array(&a.floor_div(&b)?, &[n], &col(|r| r.2), exact, &what("floor_div"));
    assert_array(&a.floor_rem(&b)?, &[n], &col(|r| r.3), exact, &what("floor_rem"));
    assert_array(&a.atan2(&b)?, &[n], &col(|r| r.4), tol, &what("atan2"));
    assert_array(&a.hypot(&b)?, &[n], &col(|r| r.5), tol, &what("hypot"));
    // Signed zeros decide atan2's half-plane and the sign of a zero remainder: compare
    // the sign bits where the answer is zero (`close` treats -0 == 0).
    let signs = |v: Vec<F>| v.into_iter().map(|x| x.into().is_sign_negative()).collect::<Vec<bool>>();
    let zero_rows: Vec<usize> = (0..n).filter(|&i| rows[i].3 == 0.0).collect();
    let got = signs(a.floor_rem(&b)?.to_vec()?);
    let want = signs(col(|r| r.3));
    for &i in &zero_rows {
        assert_eq!(got[i], want[i], "floor_rem sign of zero at {:?} on {}", (rows[i].0, rows[i].1), F::DTYPE);
    }
    let got = signs(a.atan2(&b)?.to_vec()?);
    let want = signs(col(|r| r.4));
    for i in (0..n).filter(|&i| rows[i].4 == 0.0) {
        assert_eq!(got[i], want[i], "atan2 sign of zero at {:?} on {}", (rows[i].0, rows[i].1), F::DTYPE);
    }
    Ok(())
}

/// `rem` (C's fmod) and `floor_rem` (NumPy's `%`) on non-integer data and at extreme
/// ratios, exactly: fmod's result is always representable, so every backend must hit
/// it (WGSL's own float `%` is `a - b * trunc(a / b)`, wrong in the low digits).
fn remainders_exact<F: Float + Tolerances + Into<f64>>(dev: &Device, to_f: fn(f64) -> F) -> gpu::Result<()> {
    let mut pairs: Vec<(f64, f64)> =
        common::noise(500, 7).into_iter().zip(common::noise(500, 8)).map(|(x, y)| (x * 1000.0, y * 3.0)).collect();
    pairs.extend([(1e30, 3.7), (-1e30, 3.7), (3.7, 1e-30), (1e38, 1.1e-38), (0.3, 0.1), (-5.5, 2.25), (1.0, 1.0)]);
    if F::DTYPE == gpu::DType::F64 {
        pairs.extend([(1e300, 1e-300), (-1.7e308, 3.3e-310), (6.0e-310, 4.9e-324)]);
    }
    let (xs, ys): (Vec<F>, Vec<F>) = pairs.iter().map(|&(x, y)| (to_f(x), to_f(y))).unzip();
    let n = xs.len();
    let a = Array::from_vec(xs.clone(), [n])?.to(dev)?;
    let b = Array::from_vec(ys.clone(), [n])?.to(dev)?;
    let fmod: Vec<f64> = xs.iter().zip(&ys).map(|(&x, &y)| x.into() % y.into()).collect();
    let floor_mod: Vec<F> = fmod
        .iter()
        .zip(&ys)
        .map(|(&r, &y)| {
            let y: f64 = y.into();
            // NumPy's `%` from fmod: shift into the divisor's sign (rounded once, in F).
            if r != 0.0 && (r < 0.0) != (y < 0.0) {
                to_f(to_f(r).into() + y)
            } else {
                to_f(r)
            }
        })
        .collect();
    let fmod: Vec<F> = fmod.into_iter().map(to_f).collect();
    assert_array(&a.rem(&b)?, &[n], &fmod, Tol::EXACT, &format!("rem {}", F::DTYPE));
    assert_array(&a.floor_rem(&b)?, &[n], &floor_mod, Tol::EXACT, &format!("floor_rem {}", F::DTYPE));
    Ok(())
}

/// `pow` against std's (`f64::powf`, rounded to F): random bases from 2^-20 to 2^20 with
/// exponents up to |b·ln a| = 700 (f32: 85), where e^(b·ln a) in one part is |b·ln a|
/// ulps off (986 ulps at 1.15^5015 on lavapipe before); integer powers that are exact
/// (3^5, (−2)^−3, 10^15) bit for bit; and C's edge values, signs of zero included.
/// Within 3 ulp in f64 and 4 in f32, measured 2.3 and 1.0 on lavapipe (results below
/// F's smallest normal may flush to zero).
fn pow_cases<F: Float + Tolerances + Into<f64>>(dev: &Device, to_f: fn(f64) -> F) -> gpu::Result<()> {
    let f32 = F::DTYPE == gpu::DType::F32;
    let reach = if f32 { 85.0 } else { 700.0 };
    let (u, v) = (common::noise(4000, 11), common::noise(4000, 12));
    let (mut xs, mut ys): (Vec<F>, Vec<F>) = (Vec::new(), Vec::new());
    for (&u, &v) in u.iter().zip(&v) {
        let a = to_f((u * 20.0).exp2());
        let la = a.into().ln().abs().max(1e-3);
        xs.push(a);
        ys.push(to_f(v * reach / la));
    }
    let n = xs.len();
    let want: Vec<F> = xs.iter().zip(&ys).map(|(&a, &b)| to_f(a.into().powf(b.into()))).collect();
    let a = Array::from_vec(xs, [n])?.to(dev)?;
    let b = Array::from_vec(ys, [n])?.to(dev)?;
    let min_normal = if f32 { f32::MIN_POSITIVE as f64 } else { f64::MIN_POSITIVE };
    let tol = Tol { abs: min_normal, rel: if f32 { 4.0 } else { 3.0 } * F::EPS };
    assert_array(&a.pow(&b)?, &[n], &want, tol, &format!("pow {} on random pairs", F::DTYPE));

    // Exact powers: a^k for integer a, k with |a^k| below 2^24 (f32) / 2^53, and the
    // powers of two with negative exponents down to 2^-100.
    let limit = if f32 { 16_777_216.0 } else { 9_007_199_254_740_992.0 };
    let mut pairs: Vec<(f64, f64)> = Vec::new();
    for a in -12i32..=12 {
        for k in -40i32..=40 {
            let w = f64::from(a).powi(k);
            let power_of_two = a != 0 && (a.unsigned_abs()).is_power_of_two();
            if w.is_finite() && w.abs() < limit && (k >= 0 || (power_of_two && w.abs() >= 2f64.powi(-100))) {
                pairs.push((f64::from(a), f64::from(k)));
            }
        }
    }
    pairs.extend([(10.0, 15.0), (-10.0, 15.0), (0.5, 60.0), (-1.5, 7.0), (2.5, -2.0), (1.25, 11.0)]);
    if f32 {
        pairs.retain(|&(a, k)| (a.powf(k) as f32) as f64 == a.powf(k));
    }
    // C's special values (std follows them).
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    pairs.extend([
        (-1.0, inf),
        (-1.0, -inf),
        (1.0, nan),
        (nan, 0.0),
        (nan, -0.0),
        (-0.0, 3.0),
        (-0.0, -3.0),
        (-0.0, 2.0),
        (-0.0, -2.0),
        (0.0, -1.5),
        (0.0, 1.5),
        (-0.0, -inf),
        (0.5, inf),
        (0.5, -inf),
        (2.0, inf),
        (2.0, -inf),
        (inf, -1.0),
        (inf, 0.5),
        (-inf, 3.0),
        (-inf, -3.0),
        (-inf, 2.0),
        (-inf, -2.0),
        (-inf, 0.5),
        (-8.0, 1.0 / 3.0),
        (-2.0, nan),
        (nan, 1.0),
    ]);
    let (xs, ys): (Vec<F>, Vec<F>) = pairs.iter().map(|&(a, k)| (to_f(a), to_f(k))).unzip();
    let n = xs.len();
    let want: Vec<f64> = xs.iter().zip(&ys).map(|(&a, &b)| to_f(a.into().powf(b.into())).into()).collect();
    let got = Array::from_vec(xs, [n])?.to(dev)?.pow(&Array::from_vec(ys, [n])?.to(dev)?)?.to_vec()?;
    for (i, (&g, &w)) in got.iter().zip(&want).enumerate() {
        let g: f64 = g.into();
        let same = if w.is_nan() { g.is_nan() } else { g.to_bits() == w.to_bits() };
        assert!(same, "pow {} at {:?}: {g:e}, want {w:e} (exact, sign of zero included)", F::DTYPE, pairs[i]);
    }
    Ok(())
}

/// `xs` and `−xs` interleaved with small arguments `small(i)`, so that neighbouring lanes
/// take both paths of the argument reduction (on llvmpipe the large one runs in a loop
/// that only its own lanes enter).
fn with_small_arguments<T: Copy + std::ops::Neg<Output = T>>(xs: &[T], small: impl Fn(usize) -> T) -> Vec<T> {
    xs.iter().enumerate().flat_map(|(i, &x)| [x, small(2 * i), -x, small(2 * i + 1)]).collect()
}

/// A result checked against std: the op's name, what the device gave, std's f64 function.
type Checked<F> = (&'static str, Array<F>, fn(f64) -> f64);

/// sin, cos and tan of `a`, to check against std.
fn sin_cos_tan<F: Float>(a: &Array<F>) -> gpu::Result<[Checked<F>; 3]> {
    Ok([("sin", a.sin()?, f64::sin), ("cos", a.cos()?, f64::cos), ("tan", a.tan()?, f64::tan)])
}

/// f64 sin, cos and tan of huge arguments (Payne–Hanek on wgpu past 1.5e6) against
/// std's, which reduces exactly: within 8 ulp of the result, signs included, for ±x from
/// 1e6 to the largest double — including 6381956970095103·2^797, the double closest to a
/// multiple of π/2, whose cos (4.687e-19) std (glibc) gets 7.4 ulp off and lavapipe 0.4
/// ulp (against mpmath) — and 2,000 log-uniform random arguments, each next to small ones.
fn huge_arguments(dev: &Device) -> gpu::Result<()> {
    let mut xs = vec![
        1.5e6,
        1.6e6,
        1e9,
        1e15,
        1e22,
        std::f64::consts::PI * 1e30,
        1e100,
        1e300,
        f64::MAX,
        6381956970095103.0 * 2f64.powi(797),
        2f64.powi(1000),
        123456789.123,
    ];
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    for _ in 0..2000 {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        xs.push(10f64.powf(6.0 + 302.0 * (state >> 11) as f64 / (1u64 << 53) as f64));
    }
    let xs = with_small_arguments(&xs, |i| (i % 997) as f64 * 0.0123 - 6.0);
    let a = Array::from_vec(xs.clone(), [xs.len()])?.to(dev)?;
    for (name, got, f) in sin_cos_tan(&a)? {
        for (x, g) in xs.iter().zip(got.to_vec()?) {
            let want = f(*x);
            assert!(
                (g - want).abs() <= 8.0 * f64::EPSILON * want.abs(),
                "{name}({x:e}) = {g:e} on {dev}, want {want:e}"
            );
        }
    }
    Ok(())
}

/// f32 sin, cos and tan from 8192 (where the wgpu backend stops trusting WGSL's
/// builtins, which are specified only within [−π, π]) to the largest f32, both signs,
/// within 4 ulp of the rounded answer (std's f64 function of the same value): 2,000
/// log-uniform random arguments and a few chosen ones, each next to small ones. Before,
/// lavapipe's f32 sin was hundreds of ulp off by 1e5 and returned garbage from 1e6.
fn huge_arguments_f32(dev: &Device) -> gpu::Result<()> {
    let mut xs: Vec<f32> = vec![8192.0, 8192.5, 1e5, 1e6, 16777216.0, 1e9, 3.0e10, 1e20, 1e30, f32::MAX, 123456.79];
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    for _ in 0..2000 {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        xs.push(
            8192f64
                .powf(1.0 + (38.5f64 / 8192f64.log10() - 1.0) * (state >> 11) as f64 / (1u64 << 53) as f64)
                .min(f32::MAX as f64) as f32,
        );
    }
    let xs = with_small_arguments(&xs, |i| (i % 997) as f32 * 0.0123 - 6.0);
    let a = Array::from_vec(xs.clone(), [xs.len()])?.to(dev)?;
    for (name, got, f) in sin_cos_tan(&a)? {
        for (x, g) in xs.iter().zip(got.to_vec()?) {
            let want = f(*x as f64);
            let w = (want as f32).abs();
            let ulp = (f32::from_bits(w.to_bits() + 1) - w) as f64;
            assert!((g as f64 - want).abs() <= 4.0 * ulp, "{name}({x:e}) = {g:e} on {dev}, want {want:e}");
        }
    }
    Ok(())
}

backend_tests! {
    fn huge_trig_arguments_f32(dev) {
        huge_arguments_f32(dev)
    }

    fn huge_trig_arguments_f64(dev) {
        if !dev.supports(gpu::DType::F64) { return Ok(()) }
        huge_arguments(dev)
    }
    fn edge_cases_f32(dev) {
        edge_cases::<f32>(dev, |x| x as f32)
    }

    fn edge_cases_f64(dev) {
        if !dev.supports(gpu::DType::F64) { return Ok(()) }
        edge_cases::<f64>(dev, |x| x)
    }

    fn sign_of_integers(dev) {
        let a = Array::from_vec(vec![-7i32, 0, 3, i32::MIN, i32::MAX, -1], [6])?.to(dev)?;
        assert_eq!(a.sign()?.to_vec()?, vec![-1, 0, 1, -1, 1, -1]);
        let u = Array::from_vec(vec![0u32, 1, u32::MAX, 9], [4])?.to(dev)?;
        assert_eq!(u.sign()?.to_vec()?, vec![0, 1, 1, 1]);
        Ok(())
    }

    fn inverse_pairs_round_trip(dev) {
        // sin(asin x) = x, tan(atan x) = x, exp2(log2 x) = x, expm1(ln_1p x) = x over a grid,
        // and cosh(sinh x) against the host.
        // A 2-D strided view, so the composed kernels see non-contiguous input too.
        let xs: Vec<f32> = (0..402).map(|i| -1.0 + (i / 2) as f32 / 100.0).collect();
        let a = Array::from_vec(xs, [201, 2])?.to(dev)?.slice(1, Some(0), Some(1), 1)?;
        let pos = &a + 1.5;
        let (x, p) = (a.to_vec()?, pos.to_vec()?);
        let tol = Tol { abs: 1e-6, rel: 1e-5 };
        assert_array(&a.asin()?.sin()?, &[201, 1], &x, tol, "sin(asin x)");
        assert_array(&a.atan()?.tan()?, &[201, 1], &x, tol, "tan(atan x)");
        let want: Vec<f32> = x.iter().map(|v| v.sinh().cosh()).collect();
        assert_array(&a.sinh()?.cosh()?, &[201, 1], &want, tol, "cosh(sinh x)");
        assert_array(&pos.log2()?.exp2()?, &[201, 1], &p, tol, "exp2(log2 x)");
        assert_array(&pos.ln_1p()?.exp_m1()?, &[201, 1], &p, tol, "expm1(ln_1p x)");
        Ok(())
    }

    fn binary_special_values_f32(dev) {
        binary_specials::<f32>(dev, |x| x as f32)
    }

    fn binary_special_values_f64(dev) {
        if !dev.supports(gpu::DType::F64) { return Ok(()) }
        binary_specials::<f64>(dev, |x| x)
    }

    fn remainders_are_exact_f32(dev) {
        remainders_exact::<f32>(dev, |x| x as f32)
    }

    fn remainders_are_exact_f64(dev) {
        if !dev.supports(gpu::DType::F64) { return Ok(()) }
        remainders_exact::<f64>(dev, |x| x)
    }

    fn pow_is_accurate_f32(dev) {
        pow_cases::<f32>(dev, |x| x as f32)
    }

    fn pow_is_accurate_f64(dev) {
        if !dev.supports(gpu::DType::F64) { return Ok(()) }
        pow_cases::<f64>(dev, |x| x)
    }

    fn fmax_fmin_copysign_special_values(dev) {
        // NumPy: np.fmax / np.fmin ignore one NaN; np.copysign takes the sign bit.
        let nan = f32::NAN;
        let a = Array::from_vec(vec![nan, 1.0f32, nan, -0.0, 3.0, -2.0, f32::INFINITY], [7])?.to(dev)?;
        let b = Array::from_vec(vec![2.0f32, nan, nan, 0.0, -0.0, -nan, f32::NEG_INFINITY], [7])?.to(dev)?;
        let fmax = a.fmax(&b)?.to_vec()?;
        assert_eq!(&fmax[..2], &[2.0, 1.0]);
        assert!(fmax[2].is_nan());
        assert_eq!(&fmax[3..], &[0.0, 3.0, -2.0, f32::INFINITY]);
        let fmin = a.fmin(&b)?.to_vec()?;
        assert_eq!(&fmin[..2], &[2.0, 1.0]);
        assert!(fmin[2].is_nan());
        assert_eq!(&fmin[3..], &[0.0, -0.0, -2.0, f32::NEG_INFINITY]);
        // NaN in an in-place scalar form: the scalar fills it.
        let mut c = a.clone();
        c.fmax_scalar_assign_(0.5)?;
        assert_eq!(c.to_vec()?, vec![0.5, 1.0, 0.5, 0.5, 3.0, 0.5, f32::INFINITY]);
        let cs = a.copysign(&b)?.to_vec()?;
        let signs: Vec<bool> = cs.iter().map(|x| x.is_sign_negative()).collect();
        assert_eq!(&signs[1..], &[false, false, false, true, true, true], "copysign signs: {cs:?}");
        assert_eq!((cs[1], cs[3], cs[4], cs[5]), (1.0, 0.0, -3.0, -2.0));
        let i = Array::from_vec(vec![-3i32, 7], [2])?.to(dev)?;
        assert_eq!(i.fmax_scalar(0)?.to_vec()?, vec![0, 7]);
        assert_eq!(i.fmin_scalar(0)?.to_vec()?, vec![-3, 0]);
        Ok(())
    }

    fn floor_division_identity_for_integers(dev) {
        // a == b * (a // b) + a % b, and the remainder takes b's sign, over a grid with
        // every sign combination (and b = 0 giving 0, 0).
        let mut pairs = Vec::new();
        for a in -9i32..=9 {
            for b in -4i32..=4 {
                pairs.push((a, b));
            }
        }
        pairs.push((i32::MIN, -1));
        pairs.push((i32::MIN, 7));
        let n = pairs.len();
        let a = Array::from_vec(pairs.iter().map(|p| p.0).collect(), [n])?.to(dev)?;
        let b = Array::from_vec(pairs.iter().map(|p| p.1).collect(), [n])?.to(dev)?;
        let (q, r) = (a.floor_div(&b)?.to_vec()?, a.floor_rem(&b)?.to_vec()?);
        for (i, &(x, y)) in pairs.iter().enumerate() {
            if y == 0 {
                assert_eq!((q[i], r[i]), (0, 0), "{x} // 0");
                continue;
            }
            assert_eq!(y.wrapping_mul(q[i]).wrapping_add(r[i]), x, "{x} = {y}·({x} // {y}) + {x} % {y}");
            assert!(r[i] == 0 || (r[i] < 0) == (y < 0), "{x} % {y} = {} takes the divisor's sign", r[i]);
            assert!(r[i].unsigned_abs() < y.unsigned_abs(), "|{x} % {y}| < |{y}|");
        }
        let u = Array::from_vec(vec![7u32, 0, u32::MAX], [3])?.to(dev)?;
        assert_eq!(u.floor_div_scalar(2)?.to_vec()?, vec![3, 0, u32::MAX / 2]);
        assert_eq!(u.floor_rem_scalar(2)?.to_vec()?, vec![1, 0, 1]);
        Ok(())
    }
}
