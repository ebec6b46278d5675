//! Elementwise ops on every backend against a naive serial reference: every binary and
//! unary op × dtype, broadcasting (0-d, size-1, empty dims), non-contiguous inputs,
//! scalar operands, comparisons, `where_`, casts, integer wrap and division by zero,
//! NaN propagation, and the in-place forms.

#[macro_use]
mod common;

use common::{assert_all_close, assert_array, pattern, HostNd, Tol, Tolerances};
use gpu::{Array, BinaryOp, Device, Element, UnaryOp};

/// The crate's scalar semantics, written out independently of the library.
trait RefOps: Tolerances + Element {
    fn bin(op: BinaryOp, a: Self, b: Self) -> Self;
    fn un(op: UnaryOp, a: Self) -> Option<Self>;
}

macro_rules! float_ref {
    ($t:ty) => {
        impl RefOps for $t {
            fn bin(op: BinaryOp, a: $t, b: $t) -> $t {
                match op {
                    BinaryOp::Add => a + b,
                    BinaryOp::Sub => a - b,
                    BinaryOp::Mul => a * b,
                    BinaryOp::Div => a / b,
                    BinaryOp::Rem => a % b,
                    BinaryOp::Pow => a.powf(b),
                    BinaryOp::Maximum => {
                        if a.is_nan() || b.is_nan() {
                            <$t>::NAN
                        } else {
                            a.max(b)
                        }
                    }
                    BinaryOp::Minimum => {
                        if a.is_nan() || b.is_nan() {
                            <$t>::NAN
                        } else {
                            a.min(b)
                        }
                    }
                    BinaryOp::FloorDiv => numpy_divmod(a as f64, b as f64).0 as $t,
                    BinaryOp::FloorRem => numpy_divmod(a as f64, b as f64).1 as $t,
                    BinaryOp::Atan2 => a.atan2(b),
                    BinaryOp::Hypot => a.hypot(b),
                    BinaryOp::Copysign => a.copysign(b),
                    // The CPU backend's own f64 (tests/special.rs holds it to mpmath).
                    op if special_binary(op) => gpu::Array::from_vec(vec![a as f64], 1)
                        .and_then(|x| {
                            let y = gpu::Array::from_vec(vec![b as f64], 1)?;
                            match op {
                                BinaryOp::Zeta => x.zeta(&y),
                                BinaryOp::GammaInc => x.gammainc(&y),
                                BinaryOp::GammaIncC => x.gammaincc(&y),
                                BinaryOp::GammaIncInv => x.gammaincinv(&y),
                                BinaryOp::GammaIncCInv => x.gammainccinv(&y),
                                BinaryOp::ExpN => x.expn(&y),
                                BinaryOp::Yn => x.yn(&y),
                                BinaryOp::SphericalYn => x.spherical_yn(&y, false),
                                BinaryOp::SphericalYnD => x.spherical_yn(&y, true),
                                BinaryOp::Poch => x.poch(&y),
                                BinaryOp::Binom => x.binom(&y),
                                BinaryOp::Smirnov => x.smirnov(&y),
                                BinaryOp::Smirnovi => x.smirnovi(&y),
                                BinaryOp::KlDiv => x.kl_div(&y),
                                BinaryOp::Beta => x.beta(&y),
                                BinaryOp::EllipjSn => x.ellipj_sn(&y),
                                BinaryOp::EllipjCn => x.ellipj_cn(&y),
                                BinaryOp::EllipjDn => x.ellipj_dn(&y),
                                BinaryOp::EllipjAm => x.ellipj_am(&y),
                                BinaryOp::EllipKinc => x.ellipkinc(&y),
                                BinaryOp::EllipEinc => x.ellipeinc(&y),
                                BinaryOp::EllipRc => x.elliprc(&y),
                                BinaryOp::Agm => x.agm(&y),
                                _ => x.betaln(&y),
                            }
                        })
                        .and_then(|y| y.item())
                        .unwrap_or(f64::NAN) as $t,
                    BinaryOp::FMax | BinaryOp::FMin if a.is_nan() => b,
                    BinaryOp::FMax | BinaryOp::FMin if b.is_nan() => a,
                    BinaryOp::FMax => a.max(b),
                    BinaryOp::FMin => a.min(b),
                    _ => unreachable!(),
                }
            }
            fn un(op: UnaryOp, x: $t) -> Option<$t> {
                Some(match op {
                    UnaryOp::Neg => -x,
                    UnaryOp::Abs => x.abs(),
                    UnaryOp::Square => x * x,
                    UnaryOp::Relu => {
                        if x.is_nan() {
                            x
                        } else {
                            x.max(0.0)
                        }
                    }
                    UnaryOp::Sqrt => x.sqrt(),
                    UnaryOp::Exp => x.exp(),
                    UnaryOp::Ln => x.ln(),
                    UnaryOp::Sin => x.sin(),
                    UnaryOp::Cos => x.cos(),
                    UnaryOp::Tanh => x.tanh(),
                    UnaryOp::Sigmoid => 1.0 / (1.0 + (-x).exp()),
                    UnaryOp::Floor => x.floor(),
                    UnaryOp::Ceil => x.ceil(),
                    UnaryOp::Round => {
                        // Half to even, by hand.
                        let r = x.round();
                        if (x - x.trunc()).abs() == 0.5 && r % 2.0 != 0.0 {
                            r - x.signum()
                        } else {
                            r
                        }
                    }
                    UnaryOp::Recip => 1.0 / x,
                    UnaryOp::Tan => x.tan(),
                    UnaryOp::Sinh => x.sinh(),
                    UnaryOp::Cosh => x.cosh(),
                    UnaryOp::Asin => x.asin(),
                    UnaryOp::Acos => x.acos(),
                    UnaryOp::Atan => x.atan(),
                    UnaryOp::Exp2 => x.exp2(),
                    UnaryOp::ExpM1 => x.exp_m1(),
                    UnaryOp::Log2 => x.log2(),
                    UnaryOp::Log10 => x.log10(),
                    UnaryOp::Ln1p => x.ln_1p(),
                    UnaryOp::Trunc => x.trunc(),
                    // The special functions in f64 (musl's), rounded: an independent
                    // reference for f32 and the CPU backend's own code for f64.
                    UnaryOp::Erf => libm::erf(x as f64) as $t,
                    UnaryOp::Erfc => libm::erfc(x as f64) as $t,
                    UnaryOp::LnGamma => libm::lgamma(x as f64) as $t,
                    // The inverses, ndtr, i0, Γ and ψ: only the CPU backend's own code here (f64);
                    // their independent checks are in tests/special.rs.
                    UnaryOp::Erfinv => gpu::Array::from_vec(vec![x as f64], 1).ok()?.erfinv().ok()?.item().ok()? as $t,
                    UnaryOp::Erfcinv => {
                        gpu::Array::from_vec(vec![x as f64], 1).ok()?.erfcinv().ok()?.item().ok()? as $t
                    }
                    UnaryOp::Ndtri => gpu::Array::from_vec(vec![x as f64], 1).ok()?.ndtri().ok()?.item().ok()? as $t,
                    UnaryOp::Ndtr => gpu::Array::from_vec(vec![x as f64], 1).ok()?.ndtr().ok()?.item().ok()? as $t,
                    UnaryOp::I0 => gpu::Array::from_vec(vec![x as f64], 1).ok()?.i0().ok()?.item().ok()? as $t,
                    UnaryOp::Gamma => gpu::Array::from_vec(vec![x as f64], 1).ok()?.gamma().ok()?.item().ok()? as $t,
                    UnaryOp::I0e => gpu::Array::from_vec(vec![x as f64], 1).ok()?.i0e().ok()?.item().ok()? as $t,
                    UnaryOp::I1 => gpu::Array::from_vec(vec![x as f64], 1).ok()?.i1().ok()?.item().ok()? as $t,
                    UnaryOp::I1e => gpu::Array::from_vec(vec![x as f64], 1).ok()?.i1e().ok()?.item().ok()? as $t,
                    UnaryOp::Erfcx => gpu::Array::from_vec(vec![x as f64], 1).ok()?.erfcx().ok()?.item().ok()? as $t,
                    UnaryOp::Dawsn => gpu::Array::from_vec(vec![x as f64], 1).ok()?.dawsn().ok()?.item().ok()? as $t,
                    UnaryOp::Erfi => gpu::Array::from_vec(vec![x as f64], 1).ok()?.erfi().ok()?.item().ok()? as $t,
                    UnaryOp::EllipKm1 => {
                        gpu::Array::from_vec(vec![x as f64], 1).ok()?.ellipkm1().ok()?.item().ok()? as $t
                    }
                    UnaryOp::EllipE => gpu::Array::from_vec(vec![x as f64], 1).ok()?.ellipe().ok()?.item().ok()? as $t,
                    UnaryOp::Spence => gpu::Array::from_vec(vec![x as f64], 1).ok()?.spence().ok()?.item().ok()? as $t,
                    UnaryOp::Exp1 => gpu::Array::from_vec(vec![x as f64], 1).ok()?.exp1().ok()?.item().ok()? as $t,
                    UnaryOp::Expi => gpu::Array::from_vec(vec![x as f64], 1).ok()?.expi().ok()?.item().ok()? as $t,
                    UnaryOp::Si => gpu::Array::from_vec(vec![x as f64], 1).ok()?.si().ok()?.item().ok()? as $t,
                    UnaryOp::Ci => gpu::Array::from_vec(vec![x as f64], 1).ok()?.ci().ok()?.item().ok()? as $t,
                    UnaryOp::Shi => gpu::Array::from_vec(vec![x as f64], 1).ok()?.shi().ok()?.item().ok()? as $t,
                    UnaryOp::Chi => gpu::Array::from_vec(vec![x as f64], 1).ok()?.chi().ok()?.item().ok()? as $t,
                    UnaryOp::Kolmogorov => {
                        gpu::Array::from_vec(vec![x as f64], 1).ok()?.kolmogorov().ok()?.item().ok()? as $t
                    }
                    UnaryOp::Kolmogi => {
                        gpu::Array::from_vec(vec![x as f64], 1).ok()?.kolmogi().ok()?.item().ok()? as $t
                    }
                    UnaryOp::K0 => gpu::Array::from_vec(vec![x as f64], 1).ok()?.k0().ok()?.item().ok()? as $t,
                    UnaryOp::K0e => gpu::Array::from_vec(vec![x as f64], 1).ok()?.k0e().ok()?.item().ok()? as $t,
                    UnaryOp::K1 => gpu::Array::from_vec(vec![x as f64], 1).ok()?.k1().ok()?.item().ok()? as $t,
                    UnaryOp::K1e => gpu::Array::from_vec(vec![x as f64], 1).ok()?.k1e().ok()?.item().ok()? as $t,
                    UnaryOp::J0 => gpu::Array::from_vec(vec![x as f64], 1).ok()?.j0().ok()?.item().ok()? as $t,
                    UnaryOp::J1 => gpu::Array::from_vec(vec![x as f64], 1).ok()?.j1().ok()?.item().ok()? as $t,
                    UnaryOp::Y0 => gpu::Array::from_vec(vec![x as f64], 1).ok()?.y0().ok()?.item().ok()? as $t,
                    UnaryOp::Y1 => gpu::Array::from_vec(vec![x as f64], 1).ok()?.y1().ok()?.item().ok()? as $t,
                    UnaryOp::RiemannZeta => {
                        gpu::Array::from_vec(vec![x as f64], 1).ok()?.riemann_zeta().ok()?.item().ok()? as $t
                    }
                    UnaryOp::Zetac => gpu::Array::from_vec(vec![x as f64], 1).ok()?.zetac().ok()?.item().ok()? as $t,
                    UnaryOp::Exp10 => gpu::Array::from_vec(vec![x as f64], 1).ok()?.exp10().ok()?.item().ok()? as $t,
                    UnaryOp::NdtriExp => {
                        gpu::Array::from_vec(vec![x as f64], 1).ok()?.ndtri_exp().ok()?.item().ok()? as $t
                    }
                    UnaryOp::SinDg => gpu::Array::from_vec(vec![x as f64], 1).ok()?.sindg().ok()?.item().ok()? as $t,
                    UnaryOp::CosDg => gpu::Array::from_vec(vec![x as f64], 1).ok()?.cosdg().ok()?.item().ok()? as $t,
                    UnaryOp::TanDg => gpu::Array::from_vec(vec![x as f64], 1).ok()?.tandg().ok()?.item().ok()? as $t,
                    UnaryOp::CotDg => gpu::Array::from_vec(vec![x as f64], 1).ok()?.cotdg().ok()?.item().ok()? as $t,
                    UnaryOp::Digamma => {
                        gpu::Array::from_vec(vec![x as f64], 1).ok()?.digamma().ok()?.item().ok()? as $t
                    }
                    // NumPy's sign, not Rust's signum: ±0 → 0.
                    UnaryOp::Sign if x == 0.0 => 0.0,
                    UnaryOp::Sign => {
                        if x.is_nan() {
                            x
                        } else {
                            x.signum()
                        }
                    }
                    _ => unreachable!(),
                })
            }
        }
    };
}
float_ref!(f32);
float_ref!(f64);

/// NumPy's float `divmod` (`npy_divmod` in numpy/core/src/npymath), transcribed; f32
/// inputs are exact in f64 and the small-integer test data keep f64's rounding out.
fn numpy_divmod(a: f64, b: f64) -> (f64, f64) {
    let m = a % b;
    if b == 0.0 {
        return (a / b, m);
    }
    let mut div = (a - m) / b;
    let mut m = m;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(b);
    }
    let q = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        0.0f64.copysign(a / b)
    };
    (q, m)
}

macro_rules! int_ref {
    ($t:ty) => {
        impl RefOps for $t {
            fn bin(op: BinaryOp, a: $t, b: $t) -> $t {
                match op {
                    BinaryOp::Add => a.wrapping_add(b),
                    BinaryOp::Sub => a.wrapping_sub(b),
                    BinaryOp::Mul => a.wrapping_mul(b),
                    BinaryOp::Div => a.checked_div(b).unwrap_or(if b == 0 { 0 } else { a }),
                    BinaryOp::Rem => a.checked_rem(b).unwrap_or(0),
                    // Python's `//` through exact i64 arithmetic, wrapped back (MIN // -1).
                    BinaryOp::FloorDiv if b == 0 => 0,
                    BinaryOp::FloorDiv => {
                        (a as i64).div_euclid(b as i64) as $t
                            - if (b as i64) < 0 && (a as i64).rem_euclid(b as i64) != 0 { 1 } else { 0 }
                    }
                    BinaryOp::FMax => a.max(b),
                    BinaryOp::FMin => a.min(b),
                    BinaryOp::FloorRem if b == 0 => 0,
                    BinaryOp::FloorRem => {
                        let r = (a as i64).rem_euclid(b as i64);
                        (if (b as i64) < 0 && r != 0 { r + b as i64 } else { r }) as $t
                    }
                    BinaryOp::Pow =>
                    {
                        #[allow(unused_comparisons)]
                        if b < 0 {
                            match a as i64 {
                                1 => 1,
                                -1 => {
                                    if (b as i64) % 2 == 0 {
                                        1
                                    } else {
                                        a
                                    }
                                }
                                _ => 0,
                            }
                        } else {
                            (0..b as i64).fold(1 as $t, |acc, _| acc.wrapping_mul(a))
                        }
                    }
                    BinaryOp::Maximum => a.max(b),
                    BinaryOp::Minimum => a.min(b),
                    BinaryOp::BitAnd => a & b,
                    BinaryOp::BitOr => a | b,
                    BinaryOp::BitXor => a ^ b,
                    // NumPy's shifts in i64: amounts outside 0..32 (negative ones too) shift everything out.
                    BinaryOp::Shl if (0..32).contains(&(b as i64)) => ((a as i64) << (b as i64)) as $t,
                    BinaryOp::Shl => 0,
                    BinaryOp::Shr if (0..32).contains(&(b as i64)) => ((a as i64) >> (b as i64)) as $t,
                    #[allow(unused_comparisons)]
                    BinaryOp::Shr => {
                        if a < 0 {
                            !0
                        } else {
                            0
                        }
                    }
                    _ => unreachable!(),
                }
            }
            fn un(op: UnaryOp, x: $t) -> Option<$t> {
                #[allow(unused_comparisons)]
                Some(match op {
                    UnaryOp::Neg => (0 as $t).wrapping_sub(x),
                    UnaryOp::Abs => {
                        if x < 0 {
                            (0 as $t).wrapping_sub(x)
                        } else {
                            x
                        }
                    }
                    UnaryOp::Square => x.wrapping_mul(x),
                    UnaryOp::Relu => {
                        if x > 0 {
                            x
                        } else {
                            0
                        }
                    }
                    UnaryOp::Sign => {
                        if x > 0 {
                            1
                        } else if x < 0 {
                            (0 as $t).wrapping_sub(1)
                        } else {
                            0
                        }
                    }
                    _ => return None,
                })
            }
        }
    };
}
int_ref!(i32);
int_ref!(u32);

/// Shape pairs covering equal shapes, broadcasting from both sides, 0-d, size-1 and
/// empty dimensions.
const SHAPES: &[(&[usize], &[usize])] = &[
    (&[2, 3], &[2, 3]),
    (&[3, 4], &[4]),
    (&[2, 1, 3], &[4, 1]),
    (&[], &[2, 3]),
    (&[5], &[]),
    (&[], &[]),
    (&[1], &[5]),
    (&[0, 3], &[1, 3]),
    (&[2, 0], &[2, 1]),
    (&[3, 1, 1], &[1, 2, 1]),
    (&[33, 65], &[65]),
];

/// The special functions among the binary ops (float-only, beyond atan2, hypot and
/// copysign), whose reference is the CPU backend's own f64.
fn special_binary(op: BinaryOp) -> bool {
    !op.supports_int() && !matches!(op, BinaryOp::Atan2 | BinaryOp::Hypot | BinaryOp::Copysign)
}

fn tol_of<T: Tolerances>(op: BinaryOp) -> Tol {
    match op {
        BinaryOp::Div | BinaryOp::Rem | BinaryOp::FloorDiv | BinaryOp::FloorRem => T::DIVISION,
        BinaryOp::Pow
        | BinaryOp::Atan2
        | BinaryOp::Hypot
        | BinaryOp::BetaLn
        | BinaryOp::Zeta
        | BinaryOp::GammaInc
        | BinaryOp::GammaIncC
        | BinaryOp::GammaIncInv
        | BinaryOp::GammaIncCInv
        | BinaryOp::ExpN
        | BinaryOp::Yn
        | BinaryOp::SphericalYn
        | BinaryOp::SphericalYnD
        | BinaryOp::Poch
        | BinaryOp::Binom
        | BinaryOp::Smirnov
        | BinaryOp::Smirnovi
        | BinaryOp::KlDiv
        | BinaryOp::Beta
        | BinaryOp::EllipjSn
        | BinaryOp::EllipjCn
        | BinaryOp::EllipjDn
        | BinaryOp::EllipjAm
        | BinaryOp::EllipKinc
        | BinaryOp::EllipEinc
        | BinaryOp::EllipRc
        | BinaryOp::Agm => T::TRANSCENDENTAL,
        _ => T::EXACT_OPS,
    }
}

fn binary_case<T: RefOps>(dev: &Device, op: BinaryOp, sa: &[usize], sb: &[usize], seed: u64) -> gpu::Result<()> {
    let (na, nb) = (sa.iter().product(), sb.iter().product());
    let (da, db) = (pattern::<T>(na, seed), pattern::<T>(nb, seed + 1));
    let a = Array::from_vec(da.clone(), sa)?.to(dev)?;
    let b = Array::from_vec(db.clone(), sb)?.to(dev)?;
    let out_shape = common::broadcast(sa, sb).expect("test shapes broadcast");
    let (ha, hb) = (HostNd::new(da, sa), HostNd::new(db, sb));
    let want: Vec<T> = if special_binary(op) {
        // The CPU backend in one call (per element, as `bin` does, took 35 s here).
        let cpu = Device::cpu();
        float_binary(&a.to(&cpu)?, &b.to(&cpu)?, op)?.to_vec()?
    } else {
        HostNd::<T>::indices(&out_shape).iter().map(|i| T::bin(op, ha.get_broadcast(i), hb.get_broadcast(i))).collect()
    };
    let what = format!("{} {sa:?} {sb:?} {}", op.name(), T::DTYPE);
    let got = match op {
        BinaryOp::Add => a.add(&b)?,
        BinaryOp::Sub => a.sub(&b)?,
        BinaryOp::Mul => a.mul(&b)?,
        BinaryOp::Div => a.div(&b)?,
        BinaryOp::Rem => a.rem(&b)?,
        BinaryOp::Pow => a.pow(&b)?,
        BinaryOp::Maximum => a.maximum(&b)?,
        BinaryOp::Minimum => a.minimum(&b)?,
        BinaryOp::FloorDiv => a.floor_div(&b)?,
        BinaryOp::FloorRem => a.floor_rem(&b)?,
        BinaryOp::FMax => a.fmax(&b)?,
        BinaryOp::FMin => a.fmin(&b)?,
        op if !op.supports_int() => float_binary(&a, &b, op)?,
        op if op.is_bitwise() => int_binary(&a, &b, op)?,
        _ => unreachable!(),
    };
    assert_eq!(got.device(), dev);
    assert_array(&got, &out_shape, &want, tol_of::<T>(op), &what);
    Ok(())
}

/// Float-only binary ops, reached from generic code through `cast` (as `float_unary`).
fn float_binary<T: Element>(a: &Array<T>, b: &Array<T>, op: BinaryOp) -> gpu::Result<Array<T>> {
    fn go<F: gpu::Float>(a: &Array<F>, b: &Array<F>, op: BinaryOp) -> gpu::Result<Array<F>> {
        match op {
            BinaryOp::Atan2 => a.atan2(b),
            BinaryOp::Hypot => a.hypot(b),
            BinaryOp::Copysign => a.copysign(b),
            BinaryOp::BetaLn => a.betaln(b),
            BinaryOp::Zeta => a.zeta(b),
            BinaryOp::GammaInc => a.gammainc(b),
            BinaryOp::GammaIncC => a.gammaincc(b),
            BinaryOp::GammaIncInv => a.gammaincinv(b),
            BinaryOp::GammaIncCInv => a.gammainccinv(b),
            BinaryOp::ExpN => a.expn(b),
            BinaryOp::Yn => a.yn(b),
            BinaryOp::SphericalYn => a.spherical_yn(b, false),
            BinaryOp::SphericalYnD => a.spherical_yn(b, true),
            BinaryOp::Poch => a.poch(b),
            BinaryOp::Binom => a.binom(b),
            BinaryOp::Smirnov => a.smirnov(b),
            BinaryOp::Smirnovi => a.smirnovi(b),
            BinaryOp::KlDiv => a.kl_div(b),
            BinaryOp::Beta => a.beta(b),
            BinaryOp::EllipjSn => a.ellipj_sn(b),
            BinaryOp::EllipjCn => a.ellipj_cn(b),
            BinaryOp::EllipjDn => a.ellipj_dn(b),
            BinaryOp::EllipjAm => a.ellipj_am(b),
            BinaryOp::EllipKinc => a.ellipkinc(b),
            BinaryOp::EllipEinc => a.ellipeinc(b),
            BinaryOp::EllipRc => a.elliprc(b),
            BinaryOp::Agm => a.agm(b),
            _ => unreachable!(),
        }
    }
    match T::DTYPE {
        gpu::DType::F32 => go(&a.cast::<f32>()?, &b.cast::<f32>()?, op)?.cast::<T>(),
        gpu::DType::F64 => go(&a.cast::<f64>()?, &b.cast::<f64>()?, op)?.cast::<T>(),
        d => panic!("{} is not defined for {d}", op.name()),
    }
}

/// Integer-only binary ops, reached from generic code through `cast` (the dtype is
/// already an integer one, so the casts are identities).
fn int_binary<T: Element>(a: &Array<T>, b: &Array<T>, op: BinaryOp) -> gpu::Result<Array<T>> {
    fn go<I: gpu::Integer>(a: &Array<I>, b: &Array<I>, op: BinaryOp) -> gpu::Result<Array<I>> {
        match op {
            BinaryOp::BitAnd => a.bitwise_and(b),
            BinaryOp::BitOr => a.bitwise_or(b),
            BinaryOp::BitXor => a.bitwise_xor(b),
            BinaryOp::Shl => a.left_shift(b),
            BinaryOp::Shr => a.right_shift(b),
            _ => unreachable!(),
        }
    }
    match T::DTYPE {
        gpu::DType::I32 => go(&a.cast::<i32>()?, &b.cast::<i32>()?, op)?.cast::<T>(),
        gpu::DType::U32 => go(&a.cast::<u32>()?, &b.cast::<u32>()?, op)?.cast::<T>(),
        d => panic!("{} is not defined for {d}", op.name()),
    }
}

/// The `SHAPES` the special binary ops run on: dense (the vec4 kernel and the 1-D one
/// for its tail), rank 3 and rank 2 broadcasts (the N-D kernel), and empty. Every other
/// layout (a broadcast scalar through the vec4 kernel, a rank-1 broadcast) compiles the
/// op's whole expression again, about a second each on llvmpipe for an f64 special
/// function with a cold shader cache (this test took 582 s of a CI run that way); the
/// kernels' layout handling is the same for every op and is covered by the other ops on
/// all of `SHAPES`, and tests/special.rs checks these ops' values.
const SPECIAL_SHAPES: [usize; 4] = [0, 2, 7, 10];

fn all_binary<T: RefOps>(dev: &Device) -> gpu::Result<()> {
    for op in BinaryOp::ALL.into_iter().filter(|op| op.defined_for(T::DTYPE)) {
        for (k, (sa, sb)) in SHAPES.iter().enumerate() {
            if special_binary(op) && !SPECIAL_SHAPES.contains(&k) {
                continue;
            }
            binary_case::<T>(dev, op, sa, sb, k as u64)?;
        }
    }
    Ok(())
}

/// Every binary op against a scalar operand (the `_scalar` forms where there are some),
/// but the special functions: for them a 0-d operand only compiles the whole expression
/// once more (about 1 s each on llvmpipe with a cold shader cache: 55 s of this test's 59
/// for the 22 of them then in f32 and f64), where the broadcast itself is the kernel's, covered
/// by the other ops, and `all_binary` and tests/special.rs check their values.
fn scalar_ops<T: RefOps>(dev: &Device) -> gpu::Result<()> {
    let data = pattern::<T>(24, 3);
    let a = Array::from_vec(data.clone(), [4, 6])?.to(dev)?;
    let s = <T as common::TestValue>::of_f64(3.0);
    for op in BinaryOp::ALL.into_iter().filter(|op| op.defined_for(T::DTYPE) && !special_binary(*op)) {
        let got = match op {
            BinaryOp::Add => a.add_scalar(s)?,
            BinaryOp::Sub => a.sub_scalar(s)?,
            BinaryOp::Mul => a.mul_scalar(s)?,
            BinaryOp::Div => a.div_scalar(s)?,
            BinaryOp::Rem => a.rem_scalar(s)?,
            BinaryOp::Pow => a.pow_scalar(s)?,
            BinaryOp::Maximum => a.maximum_scalar(s)?,
            BinaryOp::Minimum => a.minimum_scalar(s)?,
            BinaryOp::FloorDiv => a.floor_div_scalar(s)?,
            BinaryOp::FloorRem => a.floor_rem_scalar(s)?,
            BinaryOp::FMax => a.fmax_scalar(s)?,
            BinaryOp::FMin => a.fmin_scalar(s)?,
            op if !op.supports_int() => float_binary(&a, &Array::from_vec(vec![s], [])?.to(dev)?, op)?,
            op if op.is_bitwise() => int_binary(&a, &Array::from_vec(vec![s], [])?.to(dev)?, op)?,
            _ => unreachable!(),
        };
        let want: Vec<T> = data.iter().map(|&x| T::bin(op, x, s)).collect();
        assert_array(&got, &[4, 6], &want, tol_of::<T>(op), &format!("{}_scalar {}", op.name(), T::DTYPE));
    }
    Ok(())
}

fn unary_ops<T: RefOps>(dev: &Device, data: Vec<T>) -> gpu::Result<()> {
    let n = data.len();
    let a = Array::from_vec(data.clone(), [n])?.to(dev)?;
    // A reversed, strided view exercises non-contiguous input.
    let view = a.slice(0, None, None, -2)?;
    let vdata: Vec<T> = data.iter().rev().step_by(2).copied().collect();
    for op in UnaryOp::ALL {
        let Some(_) = T::un(op, data[0]) else { continue };
        let tol = match op {
            UnaryOp::Sqrt | UnaryOp::Recip => T::DIVISION,
            UnaryOp::Neg
            | UnaryOp::Abs
            | UnaryOp::Square
            | UnaryOp::Relu
            | UnaryOp::Floor
            | UnaryOp::Ceil
            | UnaryOp::Round
            | UnaryOp::Trunc
            | UnaryOp::Sign => T::EXACT_OPS,
            _ => T::TRANSCENDENTAL,
        };
        for (input, src) in [(&a, &data), (&view, &vdata)] {
            let want: Vec<T> = src.iter().map(|&x| T::un(op, x).expect("defined above")).collect();
            let got = unary_dispatch(input, op)?;
            assert_array(&got, &[src.len()], &want, tol, &format!("{} {}", op.name(), T::DTYPE));
        }
    }
    Ok(())
}

fn unary_dispatch<T: Element>(a: &Array<T>, op: UnaryOp) -> gpu::Result<Array<T>> {
    match op {
        UnaryOp::Neg => a.neg(),
        UnaryOp::Abs => a.abs(),
        UnaryOp::Square => a.square(),
        UnaryOp::Relu => a.relu(),
        UnaryOp::Sign => a.sign(),
        _ => float_unary(a, op),
    }
}

/// Float-only ops go through `cast` so the generic helper can reach them for f32/f64.
fn float_unary<T: Element>(a: &Array<T>, op: UnaryOp) -> gpu::Result<Array<T>> {
    fn go<F: gpu::Float>(a: &Array<F>, op: UnaryOp) -> gpu::Result<Array<F>> {
        match op {
            UnaryOp::Sqrt => a.sqrt(),
            UnaryOp::Exp => a.exp(),
            UnaryOp::Ln => a.ln(),
            UnaryOp::Sin => a.sin(),
            UnaryOp::Cos => a.cos(),
            UnaryOp::Tanh => a.tanh(),
            UnaryOp::Sigmoid => a.sigmoid(),
            UnaryOp::Floor => a.floor(),
            UnaryOp::Ceil => a.ceil(),
            UnaryOp::Round => a.round(),
            UnaryOp::Recip => a.recip(),
            UnaryOp::Tan => a.tan(),
            UnaryOp::Sinh => a.sinh(),
            UnaryOp::Cosh => a.cosh(),
            UnaryOp::Asin => a.asin(),
            UnaryOp::Acos => a.acos(),
            UnaryOp::Atan => a.atan(),
            UnaryOp::Exp2 => a.exp2(),
            UnaryOp::ExpM1 => a.exp_m1(),
            UnaryOp::Log2 => a.log2(),
            UnaryOp::Log10 => a.log10(),
            UnaryOp::Ln1p => a.ln_1p(),
            UnaryOp::Trunc => a.trunc(),
            UnaryOp::Erf => a.erf(),
            UnaryOp::Erfc => a.erfc(),
            UnaryOp::LnGamma => a.ln_gamma(),
            UnaryOp::Erfinv => a.erfinv(),
            UnaryOp::Erfcinv => a.erfcinv(),
            UnaryOp::Ndtri => a.ndtri(),
            UnaryOp::Ndtr => a.ndtr(),
            UnaryOp::I0 => a.i0(),
            UnaryOp::Gamma => a.gamma(),
            UnaryOp::Digamma => a.digamma(),
            UnaryOp::I0e => a.i0e(),
            UnaryOp::I1 => a.i1(),
            UnaryOp::I1e => a.i1e(),
            UnaryOp::Erfcx => a.erfcx(),
            UnaryOp::Dawsn => a.dawsn(),
            UnaryOp::Erfi => a.erfi(),
            UnaryOp::EllipKm1 => a.ellipkm1(),
            UnaryOp::EllipE => a.ellipe(),
            UnaryOp::Spence => a.spence(),
            UnaryOp::Exp1 => a.exp1(),
            UnaryOp::Expi => a.expi(),
            UnaryOp::Si => a.si(),
            UnaryOp::Ci => a.ci(),
            UnaryOp::Shi => a.shi(),
            UnaryOp::Chi => a.chi(),
            UnaryOp::Kolmogorov => a.kolmogorov(),
            UnaryOp::Kolmogi => a.kolmogi(),
            UnaryOp::K0 => a.k0(),
            UnaryOp::K0e => a.k0e(),
            UnaryOp::K1 => a.k1(),
            UnaryOp::K1e => a.k1e(),
            UnaryOp::J0 => a.j0(),
            UnaryOp::J1 => a.j1(),
            UnaryOp::Y0 => a.y0(),
            UnaryOp::Y1 => a.y1(),
            UnaryOp::RiemannZeta => a.riemann_zeta(),
            UnaryOp::Zetac => a.zetac(),
            UnaryOp::Exp10 => a.exp10(),
            UnaryOp::SinDg => a.sindg(),
            UnaryOp::CosDg => a.cosdg(),
            UnaryOp::TanDg => a.tandg(),
            UnaryOp::CotDg => a.cotdg(),
            UnaryOp::NdtriExp => a.ndtri_exp(),
            _ => unreachable!(),
        }
    }
    match T::DTYPE {
        gpu::DType::F32 => go(&a.cast::<f32>()?, op)?.cast::<T>(),
        gpu::DType::F64 => go(&a.cast::<f64>()?, op)?.cast::<T>(),
        d => panic!("{} is not defined for {d}", op.name()),
    }
}

fn float_inputs<T: Element>() -> Vec<T> {
    let v = [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 0.25, 3.75, -7.2, 10.0, 0.001, 4.0, 0.0, -0.0, 1e-3, 2.0];
    v.iter().map(|&x| <T as gpu::Element>::from_f64(x)).collect()
}

/// The bit operations' edges (NumPy 2.4's results): shifts by 31, 32 and more and by
/// negative amounts, arithmetic right shifts of negatives, NOT, and the operators.
fn bit_edges(dev: &Device) -> gpu::Result<()> {
    let a = Array::from_vec(vec![1i32, -8, i32::MIN, 12345, -1], [5])?.to(dev)?;
    let s = Array::from_vec(vec![31i32, 1, 32, 40, -1], [5])?.to(dev)?;
    // np.left_shift([1, -8, MIN, 12345, -1], [31, 1, 32, 40, -1]) → [MIN, -16, 0, 0, 0].
    assert_eq!(a.left_shift(&s)?.to_vec()?, [i32::MIN, -16, 0, 0, 0]);
    // np.right_shift(...) → [0, -4, -1, 0, -1].
    assert_eq!(a.right_shift(&s)?.to_vec()?, [0, -4, -1, 0, -1]);
    assert_eq!(a.bitwise_not()?.to_vec()?, [-2, 7, i32::MAX, -12346, 0]);
    let u = Array::from_vec(vec![1u32, 0x8000_0000, u32::MAX, 6], [4])?.to(dev)?;
    let t = Array::from_vec(vec![31u32, 31, 32, 1], [4])?.to(dev)?;
    assert_eq!(u.left_shift(&t)?.to_vec()?, [0x8000_0000, 0, 0, 12]);
    assert_eq!(u.right_shift(&t)?.to_vec()?, [0, 1, 0, 3], "u32 shifts are logical");
    assert_eq!((!&u).to_vec()?, [u32::MAX - 1, 0x7fff_ffff, 0, u32::MAX - 6]);
    // Operators, broadcasting, the owned and in-place forms.
    let m = Array::from_vec(vec![0b1100i32, 0b1010, 0b0110, 0b0001], [2, 2])?.to(dev)?;
    let r = Array::from_vec(vec![0b1010i32, 0b0101], [2])?.to(dev)?;
    assert_eq!((&m & &r).to_vec()?, [0b1000, 0b0000, 0b0010, 0b0001]);
    assert_eq!((&m | &r).to_vec()?, [0b1110, 0b1111, 0b1110, 0b0101]);
    assert_eq!((&m ^ 0b1111).to_vec()?, [0b0011, 0b0101, 0b1001, 0b1110]);
    assert_eq!((&m << 2).to_vec()?, [0b110000, 0b101000, 0b011000, 0b000100]);
    assert_eq!((m.clone() >> 1).to_vec()?, [0b110, 0b101, 0b011, 0b000]);
    let mut x = m.clone();
    x &= &r;
    x |= 0b10000;
    x ^= 1;
    x <<= 1;
    x >>= 2;
    assert_eq!(x.to_vec()?, [0b1100, 0b1000, 0b1001, 0b1000]); // NumPy: [12, 8, 9, 8]
    assert_eq!((!m).to_vec()?, [-13, -11, -7, -2]);
    // Float arrays have no bit ops: the backend refuses the op for floats.
    assert!(!gpu::BinaryOp::BitAnd.defined_for(gpu::DType::F32));
    Ok(())
}

backend_tests! {
    fn bitwise_edges(dev) { bit_edges(dev) }

    fn binary_f32(dev) { all_binary::<f32>(dev) }
    fn binary_f64(dev) {
        if !dev.supports(gpu::DType::F64) { return Ok(()) }
        all_binary::<f64>(dev)
    }
    fn binary_i32(dev) { all_binary::<i32>(dev) }
    fn binary_u32(dev) { all_binary::<u32>(dev) }

    fn scalar_operands(dev) {
        scalar_ops::<f32>(dev)?;
        scalar_ops::<i32>(dev)?;
        scalar_ops::<u32>(dev)?;
        if dev.supports(gpu::DType::F64) {
            scalar_ops::<f64>(dev)?;
        }
        // Scalar on the left.
        let a = Array::from_vec(vec![1.0f32, 2.0, 4.0], [3])?.to(dev)?;
        assert_eq!((10.0 - &a).to_vec()?, vec![9.0, 8.0, 6.0]);
        assert_eq!((8.0 / &a).to_vec()?, vec![8.0, 4.0, 2.0]);
        assert_eq!((2.0 * &a).to_vec()?, vec![2.0, 4.0, 8.0]);
        assert_eq!((1.0 + &a).to_vec()?, vec![2.0, 3.0, 5.0]);
        Ok(())
    }

    fn unary_float(dev) {
        let mut pos: Vec<f32> = float_inputs();
        unary_ops::<f32>(dev, pos.clone())?;
        pos.extend([f32::NAN, f32::INFINITY, f32::NEG_INFINITY]);
        unary_ops::<f32>(dev, pos)?;
        if dev.supports(gpu::DType::F64) {
            unary_ops::<f64>(dev, float_inputs())?;
        }
        Ok(())
    }

    fn unary_int(dev) {
        unary_ops::<i32>(dev, vec![-5, 3, 0, i32::MIN, i32::MAX, -1, 7, 46341])?;
        unary_ops::<u32>(dev, vec![5, 3, 0, u32::MAX, 65536, 1, 7, 8])?;
        Ok(())
    }

    fn integer_wrap_and_division_by_zero(dev) {
        let a = Array::from_vec(vec![i32::MAX, i32::MIN, 7, -7, i32::MIN, 0], [6])?.to(dev)?;
        let b = Array::from_vec(vec![1, -1, 0, 0, -1, 0], [6])?.to(dev)?;
        assert_eq!(a.add(&b)?.to_vec()?, vec![i32::MIN, i32::MAX, 7, -7, i32::MAX, 0]);
        assert_eq!(a.div(&b)?.to_vec()?, vec![i32::MAX, i32::MIN, 0, 0, i32::MIN, 0]);
        assert_eq!(a.rem(&b)?.to_vec()?, vec![0, 0, 0, 0, 0, 0]);
        let c = Array::from_vec(vec![-7, 7, -7, 7], [4])?.to(dev)?;
        let d = Array::from_vec(vec![2, -2, -2, 2], [4])?.to(dev)?;
        assert_eq!(c.div(&d)?.to_vec()?, vec![-3, -3, 3, 3], "truncation toward zero");
        assert_eq!(c.rem(&d)?.to_vec()?, vec![-1, 1, -1, 1], "remainder takes the dividend's sign");
        let u = Array::from_vec(vec![0u32, 5, u32::MAX], [3])?.to(dev)?;
        assert_eq!(u.sub_scalar(1)?.to_vec()?, vec![u32::MAX, 4, u32::MAX - 1]);
        assert_eq!(u.mul_scalar(2)?.to_vec()?, vec![0, 10, u32::MAX - 1]);
        assert_eq!(u.div_scalar(0)?.to_vec()?, vec![0, 0, 0]);
        assert_eq!(u.rem_scalar(0)?.to_vec()?, vec![0, 0, 0]);
        let big = Array::from_vec(vec![65536i32, 46341], [2])?.to(dev)?;
        assert_eq!(big.square()?.to_vec()?, vec![0, (46341i64 * 46341 - (1i64 << 32)) as i32]);
        Ok(())
    }

    fn nan_propagates_through_maximum_minimum(dev) {
        let a = Array::from_vec(vec![f32::NAN, 1.0, 2.0, f32::NAN], [4])?.to(dev)?;
        let b = Array::from_vec(vec![0.0f32, f32::NAN, 1.0, f32::NAN], [4])?.to(dev)?;
        let mx = a.maximum(&b)?.to_vec()?;
        let mn = a.minimum(&b)?.to_vec()?;
        assert!(mx[0].is_nan() && mx[1].is_nan() && mx[3].is_nan() && mx[2] == 2.0, "{mx:?}");
        assert!(mn[0].is_nan() && mn[1].is_nan() && mn[3].is_nan() && mn[2] == 1.0, "{mn:?}");
        Ok(())
    }

    fn clip_like_numpy(dev) {
        let x = Array::from_vec(vec![-2.0f32, 0.5, 3.0, f32::NAN, -0.0, 1.0], [2, 3])?.to(dev)?;
        let c = x.clip(0.0, 1.0)?.to_vec()?;
        assert_eq!(&c[..3], &[0.0, 0.5, 1.0]);
        assert!(c[3].is_nan(), "a NaN element stays NaN: {c:?}");
        assert_eq!(&c[4..], &[0.0, 1.0]);
        assert_eq!(x.clip(2.0, 1.0)?.to_vec()?[..3], [1.0; 3], "min > max gives max (NumPy)");
        // Integers, and a transposed view read through its strides.
        let i = Array::from_vec((-6..6).collect::<Vec<i32>>(), [3, 4])?.to(dev)?;
        let want: Vec<i32> = [-6, -2, 2, -5, -1, 3, -4, 0, 4, -3, 1, 5].iter().map(|v: &i32| (*v).clamp(-2, 3)).collect();
        assert_eq!(i.t().clip(-2, 3)?.to_vec()?, want);
        assert_eq!(Array::<u32>::from_vec(vec![0, 5, 9], 3)?.to(dev)?.clip(2, 7)?.to_vec()?, vec![2, 5, 7]);
        Ok(())
    }

    fn comparisons(dev) {
        let a = Array::from_vec(vec![1.0f32, 2.0, f32::NAN, 4.0, -0.0, 5.0], [2, 3])?.to(dev)?;
        let b = Array::from_vec(vec![2.0f32, 2.0, f32::NAN], [3])?.to(dev)?;
        let hb = [2.0f32, 2.0, f32::NAN];
        let ha = [1.0f32, 2.0, f32::NAN, 4.0, -0.0, 5.0];
        let want = |f: fn(f32, f32) -> bool| -> Vec<bool> { (0..6).map(|i| f(ha[i], hb[i % 3])).collect() };
        assert_eq!(a.eq(&b)?.to_vec()?, want(|x, y| x == y));
        assert_eq!(a.ne(&b)?.to_vec()?, want(|x, y| x != y));
        assert_eq!(a.lt(&b)?.to_vec()?, want(|x, y| x < y));
        assert_eq!(a.le(&b)?.to_vec()?, want(|x, y| x <= y));
        assert_eq!(a.gt(&b)?.to_vec()?, want(|x, y| x > y));
        assert_eq!(a.ge(&b)?.to_vec()?, want(|x, y| x >= y));
        assert_eq!(a.gt_scalar(1.5)?.to_vec()?, vec![false, true, false, true, false, true]);
        assert_eq!(a.eq_scalar(0.0)?.to_vec()?, vec![false, false, false, false, true, false], "-0 == 0");
        let i = Array::from_vec(vec![-3i32, 0, 3], [3])?.to(dev)?;
        assert_eq!(i.lt_scalar(0)?.to_vec()?, vec![true, false, false]);
        let u = Array::from_vec(vec![u32::MAX, 0], [2])?.to(dev)?;
        assert_eq!(u.gt_scalar(1)?.to_vec()?, vec![true, false], "unsigned order");
        let m = a.gt_scalar(1.5)?;
        assert_eq!(m.eq(&m)?.to_vec()?, vec![true; 6], "bool masks compare");
        Ok(())
    }

    fn where_broadcasts_all_three(dev) {
        let x = Array::from_vec((0..6).map(|v| v as f32).collect(), [2, 3])?.to(dev)?;
        let mask = Array::from_vec(vec![true, false, true], [3])?.to(dev)?;
        let other = Array::from_vec(vec![-1.0f32, -2.0], [2, 1])?.to(dev)?;
        let y = gpu::where_(&mask, &x, &other)?;
        assert_array(&y, &[2, 3], &[0.0, -1.0, 2.0, 3.0, -2.0, 5.0], Tol::EXACT, "where");
        let zero = Array::<i32>::zeros([], dev)?;
        let xi = Array::from_vec(vec![5, -5, 7], [3])?.to(dev)?;
        let r = gpu::where_(&xi.gt_scalar(0)?, &xi, &zero)?;
        assert_eq!(r.to_vec()?, vec![5, 0, 7]);
        // Host data for the branches is uploaded to the mask's device.
        let r = gpu::where_(&mask, &vec![1u32, 2, 3], &vec![9u32, 9, 9])?;
        assert_eq!((r.device(), r.to_vec()?), (dev, vec![1, 9, 3]));
        Ok(())
    }

    fn casts_between_all_dtypes(dev) {
        let f = Array::from_vec(vec![1.7f32, -2.5, 3.0, 0.0, -0.0, 1e10], [6])?.to(dev)?;
        assert_eq!(f.cast::<i32>()?.to_vec()?, vec![1, -2, 3, 0, 0, i32::MAX]);
        assert_eq!(f.cast::<bool>()?.to_vec()?, vec![true, true, true, false, false, true]);
        assert_eq!(f.cast::<f32>()?.to_vec()?, f.to_vec()?);
        let i = Array::from_vec(vec![-1i32, 0, 7], [3])?.to(dev)?;
        assert_eq!(i.cast::<u32>()?.to_vec()?, vec![u32::MAX, 0, 7]);
        assert_eq!(i.cast::<f32>()?.to_vec()?, vec![-1.0, 0.0, 7.0]);
        let u = Array::from_vec(vec![u32::MAX, 3], [2])?.to(dev)?;
        assert_eq!(u.cast::<i32>()?.to_vec()?, vec![-1, 3]);
        assert_eq!(u.cast::<f32>()?.to_vec()?, vec![4294967296.0, 3.0]);
        let b = Array::from_vec(vec![true, false], [2])?.to(dev)?;
        assert_eq!(b.cast::<f32>()?.to_vec()?, vec![1.0, 0.0]);
        assert_eq!(b.cast::<u32>()?.to_vec()?, vec![1, 0]);
        if dev.supports(gpu::DType::F64) {
            let d = f.cast::<f64>()?;
            assert_eq!(d.to_vec()?, vec![1.7f32 as f64, -2.5, 3.0, 0.0, -0.0, 1e10]);
            assert_eq!(d.cast::<f32>()?.to_vec()?, f.to_vec()?);
        }
        // Strided source.
        let t = Array::from_vec((0..6).collect::<Vec<i32>>(), [2, 3])?.to(dev)?.t();
        assert_eq!(t.cast::<f32>()?.to_vec()?, vec![0.0, 3.0, 1.0, 4.0, 2.0, 5.0]);
        Ok(())
    }

    fn non_contiguous_operands(dev) {
        // Transposed lhs, reversed-and-strided rhs, broadcast view: all without copies.
        let base: Vec<f32> = (0..24).map(|v| v as f32 * 0.5 - 3.0).collect();
        let a = Array::from_vec(base.clone(), [4, 6])?.to(dev)?;
        let at = a.t(); // [6, 4]
        let r = a.slice(0, None, None, -1)?.slice(1, Some(1), None, 2)?; // [4, 3]
        let hb = HostNd::new(base.clone(), &[4, 6]);
        let hat = hb.permute(&[1, 0]);
        let hr = hb.slice(0, None, None, -1).slice(1, Some(1), None, 2);
        assert_all_close(&at.to_vec()?, &hat.to_vec(), Tol::EXACT, "transpose view");
        assert_all_close(&r.to_vec()?, &hr.to_vec(), Tol::EXACT, "strided view");
        let prod = at.slice(0, Some(0), Some(3), 1)?.mul(&r.t())?; // [3, 4] * [3, 4]
        let want: Vec<f32> = HostNd::<f32>::indices(&[3, 4])
            .iter()
            .map(|i| hat.get(i) * hr.get(&[i[1], i[0]]))
            .collect();
        assert_array(&prod, &[3, 4], &want, Tol::EXACT, "mul of views");
        let row = a.index_axis(0, -1)?; // last row, [6]
        let bc = row.broadcast_to([3, 6])?;
        let sum = bc.add(&a.slice(0, Some(1), None, 1)?)?;
        let want: Vec<f32> = HostNd::<f32>::indices(&[3, 6]).iter().map(|i| hb.get(&[3, i[1]]) + hb.get(&[i[0] + 1, i[1]])).collect();
        assert_array(&sum, &[3, 6], &want, Tol::EXACT, "broadcast view + slice");
        Ok(())
    }

    fn transposed_single_input_ops(dev) {
        // Copies, casts and unary ops of transposed views (tiled kernels on GPUs), with
        // edges that are not multiples of the tile, and a batch dimension.
        for shape in [&[130usize, 77][..], &[3, 67, 45], &[1, 33, 32]] {
            let n: usize = shape.iter().product();
            let data: Vec<f32> = common::noise(n, n as u64).iter().map(|&x| x as f32).collect();
            let a = Array::from_vec(data, shape)?;
            let perm: Vec<isize> = match shape.len() {
                2 => vec![1, 0],
                _ => vec![0, 2, 1],
            };
            let (g, c) = (a.to(dev)?.transpose(&perm)?, a.transpose(&perm)?);
            assert_all_close(&g.contiguous()?.to_vec()?, &c.contiguous()?.to_vec()?, Tol::EXACT, "transposed copy");
            assert_all_close(&g.exp()?.to_vec()?, &c.exp()?.to_vec()?, <f32 as Tolerances>::TRANSCENDENTAL, "exp");
            assert_eq!(g.cast::<i32>()?.to_vec()?, c.cast::<i32>()?.to_vec()?, "cast of a transpose");
            assert_eq!(g.t().contiguous()?.to_vec()?, c.t().contiguous()?.to_vec()?, "reversed axes");
        }
        Ok(())
    }

    fn large_arrays_split_into_chunks(dev) {
        // Larger than one parallel chunk, with a broadcast column operand.
        let (r, c) = (700, 301);
        let a = gpu::random::uniform::<f32>([r, c], -1.0, 1.0, 11, dev)?;
        let b = gpu::random::uniform::<f32>([r, 1], -1.0, 1.0, 12, dev)?;
        let (ha, hb) = (a.to_vec()?, b.to_vec()?);
        let got = (&a * &b).to_vec()?;
        let want: Vec<f32> = (0..r * c).map(|i| ha[i] * hb[i / c]).collect();
        assert_all_close(&got, &want, Tol::EXACT, "large broadcast mul");
        Ok(())
    }

    fn in_place_forms(dev) {
        let mut a = Array::from_vec(vec![1.0f32, 2.0, 3.0, 4.0, 5.0, 6.0], [2, 3])?.to(dev)?;
        let row = Array::from_vec(vec![10.0f32, 20.0, 30.0], [3])?.to(dev)?;
        a += &row;
        assert_eq!(a.to_vec()?, vec![11.0, 22.0, 33.0, 14.0, 25.0, 36.0]);
        a *= 2.0;
        assert_eq!(a.to_vec()?, vec![22.0, 44.0, 66.0, 28.0, 50.0, 72.0]);
        a.sub_assign_(&row)?;
        a.div_scalar_assign_(2.0)?;
        assert_eq!(a.to_vec()?, vec![6.0, 12.0, 18.0, 9.0, 15.0, 21.0]);
        let mut i = Array::from_vec(vec![7i32, -7], [2])?.to(dev)?;
        i %= 4;
        assert_eq!(i.to_vec()?, vec![3, -3]);
        // In place on a non-contiguous view writes a new buffer, leaving the source intact.
        let src = Array::from_vec(vec![1u32, 2, 3, 4], [2, 2])?.to(dev)?;
        let mut t = src.t();
        t += 100;
        assert_eq!(t.to_vec()?, vec![101, 103, 102, 104]);
        assert_eq!(src.to_vec()?, vec![1, 2, 3, 4]);
        // Owned temporaries are reused: a * b + c.
        let (x, y, z) = (row.clone(), row.clone(), row.clone());
        let r = &x * &y + &z;
        assert_eq!(r.to_vec()?, vec![110.0, 420.0, 930.0]);
        Ok(())
    }
}

#[test]
#[should_panic(expected = "cannot be broadcast together")]
fn operators_panic_with_the_error_message() {
    let a = Array::<f32>::zeros([2, 3], &Device::cpu()).unwrap();
    let b = Array::<f32>::zeros([4], &Device::cpu()).unwrap();
    let _ = &a + &b;
}
