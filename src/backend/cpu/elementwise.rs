//! CPU elementwise kernels: fill, cast, unary, binary (also in place), ternary, compare,
//! select.
//!
//! Each op is matched once per call and monomorphised per (op, dtype), so the inner
//! loops in `strided` inline the scalar function and vectorise.

use super::convenience::Deg;
use super::num::{compare as cmp, CastTo, FloatNum, Num};
use super::strided::{assign2, map1, map2, map3, map_n, par_chunks, Src};
use super::{betainc, carlson, hyp2f1, legendre, wright};
use super::{src_of, unsupported, CpuBackend, CpuStorage};
use crate::backend::{BinaryOp, CompareOp, Fill, Operand, QuaternaryOp, TernaryOp, UnaryOp, View};
use crate::dtype::{DType, HostVec, Scalar};
use crate::error::Result;
use crate::layout::Layout;

pub(super) fn fill(cpu: &CpuBackend, dtype: DType, len: usize, fill: Fill) -> Result<CpuStorage> {
    fn typed<T: Scalar + Default>(cpu: &CpuBackend, len: usize, f: impl Fn(usize) -> T + Sync) -> Result<CpuStorage> {
        let mut out = cpu.alloc::<T>(len)?;
        par_chunks(&mut out[..len], |c, start| {
            for (i, o) in c.iter_mut().enumerate() {
                *o = f(start + i);
            }
        });
        Ok(cpu.finish(out))
    }
    // Values are computed in f64 and converted, as NumPy does for arange/linspace.
    let value = move |i: usize| -> f64 {
        match fill {
            Fill::Constant(v) => v.to_f64(),
            Fill::Arange { start, step } => start + i as f64 * step,
            Fill::Linspace { start, stop } => {
                if len <= 1 || i + 1 == len {
                    if i == 0 {
                        start
                    } else {
                        stop
                    }
                } else {
                    start + i as f64 * ((stop - start) / (len - 1) as f64)
                }
            }
        }
    };
    match (dtype, fill) {
        (_, Fill::Constant(v)) => match v {
            crate::dtype::ScalarValue::F32(x) => typed(cpu, len, |_| x),
            crate::dtype::ScalarValue::F64(x) => typed(cpu, len, |_| x),
            crate::dtype::ScalarValue::I32(x) => typed(cpu, len, |_| x),
            crate::dtype::ScalarValue::U32(x) => typed(cpu, len, |_| x),
            crate::dtype::ScalarValue::Bool(x) => typed(cpu, len, |_| x),
        },
        (DType::F32, _) => typed(cpu, len, |i| value(i) as f32),
        (DType::F64, _) => typed(cpu, len, value),
        (DType::I32, _) => typed(cpu, len, |i| value(i) as i32),
        (DType::U32, _) => typed(cpu, len, |i| value(i) as u32),
        (DType::Bool, _) => Err(unsupported(DType::Bool, "arange/linspace")),
    }
}

pub(super) fn cast(cpu: &CpuBackend, to: DType, src: View<'_, CpuStorage>) -> Result<CpuStorage> {
    fn into<A, B>(cpu: &CpuBackend, v: &[A], layout: &Layout) -> Result<CpuStorage>
    where
        A: Copy + Sync + CastTo<B>,
        B: Scalar,
    {
        let n = layout.len();
        let mut out = cpu.alloc::<B>(n)?;
        map1(&mut out[..n], layout.shape(), &Src::view(v, layout), |x| x.cast());
        Ok(cpu.finish(out))
    }
    macro_rules! to {
        ($v:expr) => {
            match to {
                DType::F32 => into::<_, f32>(cpu, $v, src.layout),
                DType::F64 => into::<_, f64>(cpu, $v, src.layout),
                DType::I32 => into::<_, i32>(cpu, $v, src.layout),
                DType::U32 => into::<_, u32>(cpu, $v, src.layout),
                DType::Bool => into::<_, bool>(cpu, $v, src.layout),
            }
        };
    }
    match &src.storage.data {
        HostVec::F32(v) => to!(v),
        HostVec::F64(v) => to!(v),
        HostVec::I32(v) => to!(v),
        HostVec::U32(v) => to!(v),
        HostVec::Bool(v) => to!(v),
    }
}

pub(super) fn unary(cpu: &CpuBackend, op: UnaryOp, src: View<'_, CpuStorage>) -> Result<CpuStorage> {
    fn run<T: Num>(cpu: &CpuBackend, v: &[T], layout: &Layout, f: impl Fn(T) -> T + Sync) -> Result<CpuStorage> {
        let n = layout.len();
        let mut out = cpu.alloc::<T>(n)?;
        map1(&mut out[..n], layout.shape(), &Src::view(v, layout), f);
        Ok(cpu.finish(out))
    }
    fn int<T: Num>(cpu: &CpuBackend, op: UnaryOp, v: &[T], l: &Layout) -> Result<CpuStorage> {
        match op {
            UnaryOp::Neg => run(cpu, v, l, T::neg),
            UnaryOp::Abs => run(cpu, v, l, T::abs),
            UnaryOp::Square => run(cpu, v, l, T::square),
            UnaryOp::Relu => run(cpu, v, l, T::relu),
            UnaryOp::Sign => run(cpu, v, l, T::sign),
            _ => Err(unsupported(T::DTYPE, op.name())),
        }
    }
    fn float<T: FloatNum>(cpu: &CpuBackend, op: UnaryOp, v: &[T], l: &Layout) -> Result<CpuStorage> {
        match op {
            UnaryOp::Neg => run(cpu, v, l, T::neg),
            UnaryOp::Abs => run(cpu, v, l, Num::abs),
            UnaryOp::Square => run(cpu, v, l, T::square),
            UnaryOp::Relu => run(cpu, v, l, T::relu),
            UnaryOp::Sqrt => run(cpu, v, l, FloatNum::sqrt),
            UnaryOp::Exp => run(cpu, v, l, FloatNum::exp),
            UnaryOp::Ln => run(cpu, v, l, FloatNum::ln),
            UnaryOp::Sin => run(cpu, v, l, FloatNum::sin),
            UnaryOp::Cos => run(cpu, v, l, FloatNum::cos),
            UnaryOp::Tanh => run(cpu, v, l, FloatNum::tanh),
            UnaryOp::Sigmoid => run(cpu, v, l, FloatNum::sigmoid),
            UnaryOp::Floor => run(cpu, v, l, FloatNum::floor),
            UnaryOp::Ceil => run(cpu, v, l, FloatNum::ceil),
            UnaryOp::Round => run(cpu, v, l, FloatNum::round),
            UnaryOp::Recip => run(cpu, v, l, FloatNum::recip),
            UnaryOp::Tan => run(cpu, v, l, FloatNum::tan),
            UnaryOp::Sinh => run(cpu, v, l, FloatNum::sinh),
            UnaryOp::Cosh => run(cpu, v, l, FloatNum::cosh),
            UnaryOp::Asin => run(cpu, v, l, FloatNum::asin),
            UnaryOp::Acos => run(cpu, v, l, FloatNum::acos),
            UnaryOp::Atan => run(cpu, v, l, FloatNum::atan),
            UnaryOp::Exp2 => run(cpu, v, l, FloatNum::exp2),
            UnaryOp::ExpM1 => run(cpu, v, l, FloatNum::exp_m1),
            UnaryOp::Log2 => run(cpu, v, l, FloatNum::log2),
            UnaryOp::Log10 => run(cpu, v, l, FloatNum::log10),
            UnaryOp::Ln1p => run(cpu, v, l, FloatNum::ln_1p),
            UnaryOp::Trunc => run(cpu, v, l, FloatNum::trunc),
            UnaryOp::Sign => run(cpu, v, l, Num::sign),
            UnaryOp::Erf => run(cpu, v, l, FloatNum::erf),
            UnaryOp::Erfc => run(cpu, v, l, FloatNum::erfc),
            UnaryOp::LnGamma => run(cpu, v, l, FloatNum::ln_gamma),
            UnaryOp::Erfinv => run(cpu, v, l, FloatNum::erfinv),
            UnaryOp::Erfcinv => run(cpu, v, l, FloatNum::erfcinv),
            UnaryOp::Ndtri => run(cpu, v, l, FloatNum::ndtri),
            UnaryOp::Ndtr => run(cpu, v, l, FloatNum::ndtr),
            UnaryOp::I0 => run(cpu, v, l, FloatNum::i0),
            UnaryOp::Gamma => run(cpu, v, l, FloatNum::gamma),
            UnaryOp::Digamma => run(cpu, v, l, FloatNum::digamma),
            UnaryOp::I0e => run(cpu, v, l, FloatNum::i0e),
            UnaryOp::I1 => run(cpu, v, l, FloatNum::i1),
            UnaryOp::I1e => run(cpu, v, l, FloatNum::i1e),
            UnaryOp::Erfcx => run(cpu, v, l, FloatNum::erfcx),
            UnaryOp::Dawsn => run(cpu, v, l, FloatNum::dawsn),
            UnaryOp::Erfi => run(cpu, v, l, FloatNum::erfi),
            UnaryOp::EllipKm1 => run(cpu, v, l, FloatNum::ellipkm1),
            UnaryOp::EllipE => run(cpu, v, l, FloatNum::ellipe),
            UnaryOp::Spence => run(cpu, v, l, FloatNum::spence),
            UnaryOp::Exp1 => run(cpu, v, l, FloatNum::exp1),
            UnaryOp::Expi => run(cpu, v, l, FloatNum::expi),
            UnaryOp::Si => run(cpu, v, l, FloatNum::si),
            UnaryOp::Ci => run(cpu, v, l, FloatNum::ci),
            UnaryOp::Shi => run(cpu, v, l, FloatNum::shi),
            UnaryOp::Chi => run(cpu, v, l, FloatNum::chi),
            UnaryOp::Kolmogorov => run(cpu, v, l, FloatNum::kolmogorov),
            UnaryOp::Kolmogi => run(cpu, v, l, FloatNum::kolmogi),
            UnaryOp::K0 => run(cpu, v, l, FloatNum::k0),
            UnaryOp::K0e => run(cpu, v, l, FloatNum::k0e),
            UnaryOp::K1 => run(cpu, v, l, FloatNum::k1),
            UnaryOp::K1e => run(cpu, v, l, FloatNum::k1e),
            UnaryOp::J0 => run(cpu, v, l, FloatNum::j0),
            UnaryOp::J1 => run(cpu, v, l, FloatNum::j1),
            UnaryOp::Y0 => run(cpu, v, l, FloatNum::y0),
            UnaryOp::Y1 => run(cpu, v, l, FloatNum::y1),
            UnaryOp::RiemannZeta => run(cpu, v, l, FloatNum::riemann_zeta),
            UnaryOp::Zetac => run(cpu, v, l, FloatNum::zetac),
            UnaryOp::Exp10 => run(cpu, v, l, FloatNum::exp10),
            UnaryOp::SinDg => run(cpu, v, l, |x| x.trig_deg(Deg::Sin)),
            UnaryOp::CosDg => run(cpu, v, l, |x| x.trig_deg(Deg::Cos)),
            UnaryOp::TanDg => run(cpu, v, l, |x| x.trig_deg(Deg::Tan)),
            UnaryOp::CotDg => run(cpu, v, l, |x| x.trig_deg(Deg::Cot)),
            UnaryOp::NdtriExp => run(cpu, v, l, FloatNum::ndtri_exp),
        }
    }
    let l = src.layout;
    match &src.storage.data {
        HostVec::F32(v) => float(cpu, op, v, l),
        HostVec::F64(v) => float(cpu, op, v, l),
        HostVec::I32(v) => int(cpu, op, v, l),
        HostVec::U32(v) => int(cpu, op, v, l),
        HostVec::Bool(_) => Err(unsupported(DType::Bool, op.name())),
    }
}

/// Evaluates `$body` with `$f` bound to a closure computing binary `$op` on `$t`; each
/// arm has its own closure type, so every (op, dtype) pair is compiled and inlined.
macro_rules! with_binary_fn {
    ($op:expr, $t:ty, $f:ident => $body:expr) => {
        match $op {
            BinaryOp::Add => {
                let $f = |a: $t, b: $t| a.add(b);
                $body
            }
            BinaryOp::Sub => {
                let $f = |a: $t, b: $t| a.sub(b);
                $body
            }
            BinaryOp::Mul => {
                let $f = |a: $t, b: $t| a.mul(b);
                $body
            }
            BinaryOp::Div => {
                let $f = |a: $t, b: $t| a.div(b);
                $body
            }
            BinaryOp::Rem => {
                let $f = |a: $t, b: $t| a.rem(b);
                $body
            }
            BinaryOp::Pow => {
                let $f = |a: $t, b: $t| a.pow(b);
                $body
            }
            BinaryOp::Maximum => {
                let $f = |a: $t, b: $t| a.maximum(b);
                $body
            }
            BinaryOp::Minimum => {
                let $f = |a: $t, b: $t| a.minimum(b);
                $body
            }
            BinaryOp::FloorDiv => {
                let $f = |a: $t, b: $t| a.floor_div(b);
                $body
            }
            BinaryOp::FloorRem => {
                let $f = |a: $t, b: $t| a.floor_rem(b);
                $body
            }
            BinaryOp::Atan2 => {
                let $f = |a: $t, b: $t| Num::atan2(a, b);
                $body
            }
            BinaryOp::Hypot => {
                let $f = |a: $t, b: $t| Num::hypot(a, b);
                $body
            }
            BinaryOp::BetaLn => {
                let $f = |a: $t, b: $t| Num::betaln(a, b);
                $body
            }
            BinaryOp::Zeta => {
                let $f = |a: $t, b: $t| Num::zeta(a, b);
                $body
            }
            BinaryOp::GammaInc => {
                let $f = |a: $t, b: $t| Num::gammainc(a, b, false);
                $body
            }
            BinaryOp::GammaIncC => {
                let $f = |a: $t, b: $t| Num::gammainc(a, b, true);
                $body
            }
            BinaryOp::GammaIncInv => {
                let $f = |a: $t, b: $t| Num::gammaincinv(a, b, false);
                $body
            }
            BinaryOp::GammaIncCInv => {
                let $f = |a: $t, b: $t| Num::gammaincinv(a, b, true);
                $body
            }
            BinaryOp::ExpN => {
                let $f = |a: $t, b: $t| Num::expn(a, b);
                $body
            }
            BinaryOp::Smirnov => {
                let $f = |a: $t, b: $t| Num::smirnov(a, b, false);
                $body
            }
            BinaryOp::Smirnovi => {
                let $f = |a: $t, b: $t| Num::smirnov(a, b, true);
                $body
            }
            BinaryOp::KlDiv => {
                let $f = |a: $t, b: $t| Num::kl_div(a, b);
                $body
            }
            BinaryOp::EllipjSn => {
                let $f = |a: $t, b: $t| Num::ellipj(a, b, 0);
                $body
            }
            BinaryOp::EllipjCn => {
                let $f = |a: $t, b: $t| Num::ellipj(a, b, 1);
                $body
            }
            BinaryOp::EllipjDn => {
                let $f = |a: $t, b: $t| Num::ellipj(a, b, 2);
                $body
            }
            BinaryOp::EllipjAm => {
                let $f = |a: $t, b: $t| Num::ellipj(a, b, 3);
                $body
            }
            BinaryOp::EllipKinc => {
                let $f = |a: $t, b: $t| Num::ellipinc(a, b, false);
                $body
            }
            BinaryOp::EllipEinc => {
                let $f = |a: $t, b: $t| Num::ellipinc(a, b, true);
                $body
            }
            BinaryOp::EllipRc => {
                let $f = |a: $t, b: $t| Num::elliprc(a, b);
                $body
            }
            BinaryOp::Agm => {
                let $f = |a: $t, b: $t| Num::agm(a, b);
                $body
            }
            BinaryOp::Beta => {
                let $f = |a: $t, b: $t| Num::beta(a, b);
                $body
            }
            BinaryOp::Yn => {
                let $f = |a: $t, b: $t| Num::yn(a, b);
                $body
            }
            BinaryOp::SphericalYn => {
                let $f = |a: $t, b: $t| Num::spherical_yn(a, b, false);
                $body
            }
            BinaryOp::SphericalYnD => {
                let $f = |a: $t, b: $t| Num::spherical_yn(a, b, true);
                $body
            }
            BinaryOp::Poch => {
                let $f = |a: $t, b: $t| Num::poch(a, b);
                $body
            }
            BinaryOp::Binom => {
                let $f = |a: $t, b: $t| Num::binom(a, b);
                $body
            }
            BinaryOp::FMax => {
                let $f = |a: $t, b: $t| a.fmax(b);
                $body
            }
            BinaryOp::FMin => {
                let $f = |a: $t, b: $t| a.fmin(b);
                $body
            }
            BinaryOp::Copysign => {
                let $f = |a: $t, b: $t| Num::copysign(a, b);
                $body
            }
            BinaryOp::BitAnd => {
                let $f = |a: $t, b: $t| a.bit_and(b);
                $body
            }
            BinaryOp::BitOr => {
                let $f = |a: $t, b: $t| a.bit_or(b);
                $body
            }
            BinaryOp::BitXor => {
                let $f = |a: $t, b: $t| a.bit_xor(b);
                $body
            }
            BinaryOp::Shl => {
                let $f = |a: $t, b: $t| Num::shl(a, b);
                $body
            }
            BinaryOp::Shr => {
                let $f = |a: $t, b: $t| Num::shr(a, b);
                $body
            }
        }
    };
}

pub(super) fn binary(
    cpu: &CpuBackend,
    op: BinaryOp,
    dtype: DType,
    lhs: Operand<'_, CpuStorage>,
    rhs: Operand<'_, CpuStorage>,
    shape: &[usize],
) -> Result<CpuStorage> {
    fn typed<T: Num>(
        cpu: &CpuBackend,
        op: BinaryOp,
        lhs: Operand<'_, CpuStorage>,
        rhs: Operand<'_, CpuStorage>,
        shape: &[usize],
    ) -> Result<CpuStorage> {
        let (mut sa, mut sb) = (None, None);
        let a = src_of::<T>(lhs, &mut sa, shape.len())?;
        let b = src_of::<T>(rhs, &mut sb, shape.len())?;
        let n = shape.iter().product();
        let mut out = cpu.alloc::<T>(n)?;
        let o = &mut out[..n];
        with_binary_fn!(op, T, f => map2(o, shape, &a, &b, f));
        Ok(cpu.finish(out))
    }
    if !op.defined_for(dtype) {
        return Err(unsupported(dtype, op.name()));
    }
    match dtype {
        DType::F32 => typed::<f32>(cpu, op, lhs, rhs, shape),
        DType::F64 => typed::<f64>(cpu, op, lhs, rhs, shape),
        DType::I32 => typed::<i32>(cpu, op, lhs, rhs, shape),
        DType::U32 => typed::<u32>(cpu, op, lhs, rhs, shape),
        DType::Bool => Err(unsupported(DType::Bool, op.name())),
    }
}

pub(super) fn binary_assign(
    op: BinaryOp,
    dtype: DType,
    dst: &mut CpuStorage,
    dst_layout: &Layout,
    rhs: Operand<'_, CpuStorage>,
) -> Result<()> {
    fn typed<T: Num>(op: BinaryOp, dst: &mut CpuStorage, l: &Layout, rhs: Operand<'_, CpuStorage>) -> Result<()> {
        let mut slot = None;
        let b = src_of::<T>(rhs, &mut slot, l.ndim())?;
        let (off, n) = (l.offset(), l.len());
        let d = &mut dst.typed_mut::<T>()?[off..off + n];
        with_binary_fn!(op, T, f => assign2(d, l.shape(), &b, f));
        Ok(())
    }
    if !op.defined_for(dtype) {
        return Err(unsupported(dtype, op.name()));
    }
    debug_assert!(dst_layout.is_contiguous());
    match dtype {
        DType::F32 => typed::<f32>(op, dst, dst_layout, rhs),
        DType::F64 => typed::<f64>(op, dst, dst_layout, rhs),
        DType::I32 => typed::<i32>(op, dst, dst_layout, rhs),
        DType::U32 => typed::<u32>(op, dst, dst_layout, rhs),
        DType::Bool => Err(unsupported(DType::Bool, op.name())),
    }
}

pub(super) fn compare(
    cpu: &CpuBackend,
    op: CompareOp,
    dtype: DType,
    lhs: Operand<'_, CpuStorage>,
    rhs: Operand<'_, CpuStorage>,
    shape: &[usize],
) -> Result<CpuStorage> {
    fn typed<T: Scalar>(
        cpu: &CpuBackend,
        op: CompareOp,
        lhs: Operand<'_, CpuStorage>,
        rhs: Operand<'_, CpuStorage>,
        shape: &[usize],
    ) -> Result<CpuStorage> {
        let (mut sa, mut sb) = (None, None);
        let a = src_of::<T>(lhs, &mut sa, shape.len())?;
        let b = src_of::<T>(rhs, &mut sb, shape.len())?;
        let n = shape.iter().product();
        let mut out = cpu.alloc::<bool>(n)?;
        let o = &mut out[..n];
        match op {
            CompareOp::Eq => map2(o, shape, &a, &b, |x, y| cmp(CompareOp::Eq, x, y)),
            CompareOp::Ne => map2(o, shape, &a, &b, |x, y| cmp(CompareOp::Ne, x, y)),
            CompareOp::Lt => map2(o, shape, &a, &b, |x, y| cmp(CompareOp::Lt, x, y)),
            CompareOp::Le => map2(o, shape, &a, &b, |x, y| cmp(CompareOp::Le, x, y)),
            CompareOp::Gt => map2(o, shape, &a, &b, |x, y| cmp(CompareOp::Gt, x, y)),
            CompareOp::Ge => map2(o, shape, &a, &b, |x, y| cmp(CompareOp::Ge, x, y)),
        }
        Ok(cpu.finish(out))
    }
    match dtype {
        DType::F32 => typed::<f32>(cpu, op, lhs, rhs, shape),
        DType::F64 => typed::<f64>(cpu, op, lhs, rhs, shape),
        DType::I32 => typed::<i32>(cpu, op, lhs, rhs, shape),
        DType::U32 => typed::<u32>(cpu, op, lhs, rhs, shape),
        DType::Bool => typed::<bool>(cpu, op, lhs, rhs, shape),
    }
}

/// `op(a, b, c)` for the float dtypes (f32 computed in f64 and rounded once).
pub(super) fn ternary(
    cpu: &CpuBackend,
    op: TernaryOp,
    dtype: DType,
    inputs: [View<'_, CpuStorage>; 3],
    shape: &[usize],
) -> Result<CpuStorage> {
    let f = match op {
        TernaryOp::BetaInc => |[a, b, x]: [f64; 3]| betainc::betainc(a, b, x, false),
        TernaryOp::BetaIncC => |[a, b, x]: [f64; 3]| betainc::betainc(a, b, x, true),
        TernaryOp::BetaIncInv => |[a, b, y]: [f64; 3]| betainc::betaincinv(a, b, y, false),
        TernaryOp::BetaIncCInv => |[a, b, y]: [f64; 3]| betainc::betaincinv(a, b, y, true),
        TernaryOp::EllipRf => |[x, y, z]: [f64; 3]| carlson::elliprf(x, y, z),
        TernaryOp::EllipRd => |[x, y, z]: [f64; 3]| carlson::elliprd(x, y, z),
        TernaryOp::EllipRg => |[x, y, z]: [f64; 3]| carlson::elliprg(x, y, z),
        TernaryOp::Lpmv => |[m, v, x]: [f64; 3]| legendre::lpmv(m, v, x),
        TernaryOp::WrightBessel => |[a, b, x]: [f64; 3]| wright::wright_bessel(a, b, x, false),
        TernaryOp::LogWrightBessel => |[a, b, x]: [f64; 3]| wright::wright_bessel(a, b, x, true),
        TernaryOp::SphLegendreP => |[n, m, theta]: [f64; 3]| legendre::sph_legendre_p(n, m, theta),
    };
    float_map(cpu, op.name(), dtype, inputs, shape, f)
}

/// `op(a, b, c, d)` for the float dtypes (f32 computed in f64 and rounded once).
pub(super) fn quaternary(
    cpu: &CpuBackend,
    op: QuaternaryOp,
    dtype: DType,
    inputs: [View<'_, CpuStorage>; 4],
    shape: &[usize],
) -> Result<CpuStorage> {
    let f = match op {
        QuaternaryOp::EllipRj => |[x, y, z, p]: [f64; 4]| carlson::elliprj(x, y, z, p),
        QuaternaryOp::Hyp2f1 => |[a, b, c, x]: [f64; 4]| hyp2f1::hyp2f1(a, b, c, x),
    };
    float_map(cpu, op.name(), dtype, inputs, shape, f)
}

/// `f` of `N` float operands over `shape`, in f64 (f32 rounded once at the end).
fn float_map<const N: usize>(
    cpu: &CpuBackend,
    name: &str,
    dtype: DType,
    inputs: [View<'_, CpuStorage>; N],
    shape: &[usize],
    f: fn([f64; N]) -> f64,
) -> Result<CpuStorage> {
    let n = shape.iter().product();
    macro_rules! go {
        ($t:ty) => {{
            let mut srcs = Vec::with_capacity(N);
            for v in &inputs {
                srcs.push(Src::view(v.storage.typed::<$t>()?, v.layout));
            }
            let srcs: [&Src<$t>; N] = std::array::from_fn(|k| &srcs[k]);
            let mut out = cpu.alloc::<$t>(n)?;
            map_n(&mut out[..n], shape, srcs, |v| f(v.map(|x| x as f64)) as $t);
            Ok(cpu.finish(out))
        }};
    }
    match dtype {
        DType::F32 => go!(f32),
        DType::F64 => go!(f64),
        _ => Err(unsupported(dtype, name)),
    }
}

pub(super) fn select(
    cpu: &CpuBackend,
    mask: View<'_, CpuStorage>,
    on_true: View<'_, CpuStorage>,
    on_false: View<'_, CpuStorage>,
    shape: &[usize],
) -> Result<CpuStorage> {
    let m = Src::view(mask.storage.typed::<bool>()?, mask.layout);
    let n = shape.iter().product();
    macro_rules! go {
        ($t:ty, $v:expr) => {{
            let a = Src::view($v, on_true.layout);
            let b = Src::view(on_false.storage.typed::<$t>()?, on_false.layout);
            let mut out = cpu.alloc::<$t>(n)?;
            map3(&mut out[..n], shape, &m, &a, &b, |c, x, y| if c { x } else { y });
            Ok(cpu.finish(out))
        }};
    }
    match &on_true.storage.data {
        HostVec::F32(v) => go!(f32, v),
        HostVec::F64(v) => go!(f64, v),
        HostVec::I32(v) => go!(i32, v),
        HostVec::U32(v) => go!(u32, v),
        HostVec::Bool(v) => go!(bool, v),
    }
}
