//! The float functions NumPy users reach for beyond exp/ln/sin/cos (tan, sinh, cosh,
//! arcsin, arccos, arctan, exp2, expm1, log2, log10, log1p, trunc, sign; and ln, which
//! shares the logarithms' code) on every
//! backend against Rust's std, at the inputs where implementations go wrong: ±0, NaN,
//! ±inf, the edges of each domain, overflow and underflow thresholds, and tiny
//! arguments where a naive formula cancels (`expm1(1e-10)`, `log1p(-3e-10)`,
//! `sinh(1e-30)`). The tolerance is the stated transcendental one (`T::TRANSCENDENTAL`)
//! as a relative bound with no absolute floor, so a result near zero must be right in
//! its own digits, not just close to zero. Ordinary inputs and strided views of every
//! op are in `elementwise.rs`.

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
            &[1.0, 2.0, 0.5, 1024.0, 1000.0, 0.001, 3.7, 1e-30, 1e30, 1e300, 1e-300, 0.9999999, 1.0000001, -1.0]
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

const OPS: [UnaryOp; 14] = [
    UnaryOp::Tan,
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

backend_tests! {
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
}
