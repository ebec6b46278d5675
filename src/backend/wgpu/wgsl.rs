//! Op identity → WGSL: the expression or accumulator each op enum arm becomes, per
//! dtype. Adding an op is one arm here (and one line per kernel template elsewhere).

use crate::backend::{BinaryOp, CompareOp, QuaternaryOp, ReduceOp, TernaryOp, UnaryOp};
use crate::dtype::DType;

/// WGSL storage type of a dtype (bool is stored as u32 0/1).
pub(super) fn wgsl(dtype: DType) -> &'static str {
    match dtype {
        DType::F32 => "f32",
        DType::F64 => "f64",
        DType::I32 => "i32",
        DType::U32 | DType::Bool => "u32",
    }
}

/// Bytes per element on the device.
pub(super) fn device_size(dtype: DType) -> usize {
    match dtype {
        DType::F64 => 8,
        _ => 4,
    }
}

/// `max`/`min` with NaN propagation (checked on bits; see common.wgsl).
pub(super) fn extreme(max: bool, t: DType, a: &str, b: &str) -> String {
    let f = if max { "max" } else { "min" };
    let w = wgsl(t);
    if t.is_float() {
        format!("select(select({f}({a}, {b}), {b}, nan_{w}({b})), {a}, nan_{w}({a}))")
    } else {
        format!("{f}({a}, {b})")
    }
}

/// The special functions whose WGSL iterates until a series or fraction converges (and
/// everything built on them). An expression calling one is computed one element per
/// invocation (the generic and 1-D elementwise kernels; not the vec4 kernel's sixteen
/// nor the 1-D and transposing kernels' four): llvmpipe ends an invocation's loops after
/// 65,535 iterations counted over all of them, and when it does it spoils the other
/// lanes of its SIMD group too (f32 `betaincinv` on lavapipe: wrong roots, 0, for 30 of
/// 83 points computed together, each right alone). It also compiles one copy of the
/// function, not four or sixteen. Measured on lavapipe (4M f64; first call with the
/// shader cache off / a call after; before → after): betainc 9.7 / 2.43 s → 5.3 / 3.10,
/// betaincinv 46 / 13.4 → 26 / 16.4, gammainc 11.1 / 2.45 → 2.8 / 1.79, poch 9.2 / 1.54
/// → 2.3 / 1.43, yn 3.7 / 0.63 → 1.4 / 0.76 (a run is up to a quarter slower without
/// vector loads; a compile two to four times as fast). Straight-line functions (Γ,
/// ln Γ, ψ, erf, K(m)) keep the wide kernels, which load vectors and run 2–5 times as
/// fast as this one.
const ITERATIVE: [&str; 25] = [
    "math_betainc",
    "math_betaincinv",
    "math_gammainc",
    "math_gammaincinv",
    "math_zeta",
    "math_riemann_zeta",
    "math_zetac",
    "math_poch",
    "math_binom",
    "math_yn",
    "math_spherical_yn",
    "math_expn",
    "math_exp1",
    "math_expi",
    "math_si",
    "math_ci",
    "math_shi",
    "math_chi",
    "math_kolmogi",
    "math_smirnov",
    "math_smirnovi",
    "math_lpmv",
    "math_hyp2f1",
    "math_wright_bessel",
    "math_sph_legendre_p",
];

/// Whether `expr` calls one of the `ITERATIVE` functions (by name and type suffix:
/// `math_exp1_` is not `math_exp10_`).
pub(super) fn iterative(expr: &str) -> bool {
    ITERATIVE.iter().any(|f| expr.contains(&format!("{f}_f")))
}

/// WGSL for `op(a, b, c)` on float dtype `t`, or `None` for the other dtypes.
pub(super) fn ternary_expr(op: TernaryOp, t: DType) -> Option<String> {
    let w = wgsl(t);
    t.is_float().then(|| match op {
        TernaryOp::BetaInc => format!("math_betainc_{w}(a, b, c, false)"),
        TernaryOp::BetaIncC => format!("math_betainc_{w}(a, b, c, true)"),
        TernaryOp::BetaIncInv => format!("math_betaincinv_{w}(a, b, c, false)"),
        TernaryOp::BetaIncCInv => format!("math_betaincinv_{w}(a, b, c, true)"),
        TernaryOp::EllipRf => format!("math_elliprf_{w}(a, b, c)"),
        TernaryOp::EllipRd => format!("math_elliprd_{w}(a, b, c)"),
        TernaryOp::EllipRg => format!("math_elliprg_{w}(a, b, c)"),
        TernaryOp::Lpmv => format!("math_lpmv_{w}(a, b, c)"),
        TernaryOp::WrightBessel => format!("math_wright_bessel_{w}(a, b, c, false)"),
        TernaryOp::LogWrightBessel => format!("math_wright_bessel_{w}(a, b, c, true)"),
        TernaryOp::SphLegendreP => format!("math_sph_legendre_p_{w}(a, b, c)"),
    })
}

/// WGSL for `op(a, b, c, d)` on float dtype `t`, or `None` for the other dtypes.
pub(super) fn quaternary_expr(op: QuaternaryOp, t: DType) -> Option<String> {
    let w = wgsl(t);
    t.is_float().then(|| match op {
        QuaternaryOp::EllipRj => format!("math_elliprj_{w}(a, b, c, d)"),
        QuaternaryOp::Hyp2f1 => format!("math_hyp2f1_{w}(a, b, c, d)"),
    })
}

/// WGSL for `op(a)` on dtype `t`, or `None` when the op is not defined for it.
pub(super) fn unary_expr(op: UnaryOp, t: DType) -> Option<String> {
    let w = wgsl(t);
    let float = t.is_float();
    if !float && !op.supports_int() {
        return None;
    }
    Some(match op {
        UnaryOp::Neg if t == DType::U32 => "0u - a".into(),
        UnaryOp::Neg => "-a".into(),
        UnaryOp::Abs if t == DType::U32 => "a".into(),
        UnaryOp::Abs => "abs(a)".into(),
        UnaryOp::Square => "a * a".into(),
        UnaryOp::Relu if float => format!("select(a, {w}(0), a < {w}(0))"),
        UnaryOp::Relu => format!("max(a, {w}(0))"),
        UnaryOp::Sqrt => "sqrt(a)".into(),
        UnaryOp::Exp => format!("exp_{w}(a)"),
        UnaryOp::Ln => format!("ln_{w}(a)"),
        UnaryOp::Sin => format!("sin_{w}(a)"),
        UnaryOp::Cos => format!("cos_{w}(a)"),
        UnaryOp::Tanh => format!("tanh_{w}(a)"),
        UnaryOp::Sigmoid => format!("{w}(1) / ({w}(1) + exp_{w}(-a))"),
        UnaryOp::Floor => "floor(a)".into(),
        UnaryOp::Ceil => "ceil(a)".into(),
        UnaryOp::Round => format!("round_even_{w}(a)"),
        UnaryOp::Recip => format!("{w}(1) / a"),
        UnaryOp::Tan => format!("math_tan_{w}(a)"),
        UnaryOp::Sinh => format!("math_sinh_{w}(a)"),
        UnaryOp::Cosh => format!("math_cosh_{w}(a)"),
        UnaryOp::Asin => format!("math_asin_{w}(a)"),
        UnaryOp::Acos => format!("math_acos_{w}(a)"),
        UnaryOp::Atan => format!("math_atan_{w}(a)"),
        UnaryOp::Exp2 => format!("math_exp2_{w}(a)"),
        UnaryOp::ExpM1 => format!("math_exp_m1_{w}(a)"),
        UnaryOp::Log2 => format!("log2_{w}(a)"),
        UnaryOp::Log10 => format!("log10_{w}(a)"),
        UnaryOp::Ln1p => format!("math_ln_1p_{w}(a)"),
        UnaryOp::Trunc => "trunc(a)".into(),
        UnaryOp::Erf => format!("math_erf_{w}(a)"),
        UnaryOp::Erfc => format!("math_erfc_{w}(a)"),
        UnaryOp::LnGamma => format!("math_ln_gamma_{w}(a)"),
        UnaryOp::Erfinv => format!("math_erfinv_{w}(a)"),
        UnaryOp::Erfcinv => format!("math_erfcinv_{w}(a)"),
        UnaryOp::Ndtri => format!("math_ndtri_{w}(a)"),
        UnaryOp::Ndtr => format!("math_ndtr_{w}(a)"),
        UnaryOp::I0 => format!("math_i0_{w}(a)"),
        UnaryOp::Gamma => format!("math_gamma_{w}(a)"),
        UnaryOp::Digamma => format!("math_digamma_{w}(a)"),
        UnaryOp::I0e => format!("math_i0e_{w}(a)"),
        UnaryOp::I1 => format!("math_i1_{w}(a)"),
        UnaryOp::I1e => format!("math_i1e_{w}(a)"),
        UnaryOp::Erfcx => format!("math_erfcx_{w}(a)"),
        UnaryOp::Dawsn => format!("math_dawsn_{w}(a)"),
        UnaryOp::Erfi => format!("math_erfi_{w}(a)"),
        UnaryOp::EllipKm1 => format!("math_ellipkm1_{w}(a)"),
        UnaryOp::EllipE => format!("math_ellipe_{w}(a)"),
        UnaryOp::Spence => format!("math_spence_{w}(a)"),
        UnaryOp::Exp1 => format!("math_exp1_{w}(a)"),
        UnaryOp::Expi => format!("math_expi_{w}(a)"),
        UnaryOp::Si => format!("math_si_{w}(a)"),
        UnaryOp::Ci => format!("math_ci_{w}(a)"),
        UnaryOp::Shi => format!("math_shi_{w}(a)"),
        UnaryOp::Chi => format!("math_chi_{w}(a)"),
        UnaryOp::Kolmogorov => format!("math_kolmogorov_{w}(a)"),
        UnaryOp::Kolmogi => format!("math_kolmogi_{w}(a)"),
        UnaryOp::K0 => format!("math_k0_{w}(a)"),
        UnaryOp::K0e => format!("math_k0e_{w}(a)"),
        UnaryOp::K1 => format!("math_k1_{w}(a)"),
        UnaryOp::K1e => format!("math_k1e_{w}(a)"),
        UnaryOp::J0 => format!("math_j0_{w}(a)"),
        UnaryOp::J1 => format!("math_j1_{w}(a)"),
        UnaryOp::Y0 => format!("math_y0_{w}(a)"),
        UnaryOp::Y1 => format!("math_y1_{w}(a)"),
        UnaryOp::RiemannZeta => format!("math_riemann_zeta_{w}(a)"),
        UnaryOp::Zetac => format!("math_zetac_{w}(a)"),
        UnaryOp::Exp10 => format!("math_exp10_{w}(a)"),
        UnaryOp::NdtriExp => format!("math_ndtri_exp_{w}(a)"),
        UnaryOp::SinDg => format!("trig_deg_{w}(a, 0)"),
        UnaryOp::CosDg => format!("trig_deg_{w}(a, 1)"),
        UnaryOp::TanDg => format!("trig_deg_{w}(a, 2)"),
        UnaryOp::CotDg => format!("trig_deg_{w}(a, 3)"),
        UnaryOp::Sign if t == DType::U32 => "select(0u, 1u, a > 0u)".into(),
        UnaryOp::Sign if float => {
            format!("select(select(select({w}(0), {w}(-1), a < {w}(0)), {w}(1), a > {w}(0)), a, nan_{w}(a))")
        }
        UnaryOp::Sign => "select(select(0i, -1i, a < 0i), 1i, a > 0i)".into(),
    })
}

/// WGSL for `op(a, b)` on dtype `t`, which the op must be defined for
/// ([`BinaryOp::defined_for`]).
pub(super) fn binary_expr(op: BinaryOp, t: DType) -> String {
    let w = wgsl(t);
    let float = t.is_float();
    match op {
        BinaryOp::Add => "a + b".into(),
        BinaryOp::Sub => "a - b".into(),
        BinaryOp::Mul => "a * b".into(),
        BinaryOp::Div if float => "a / b".into(),
        BinaryOp::Div => format!("select(a / b, {w}(0), b == {w}(0))"),
        BinaryOp::Rem if float => format!("fmod_{w}(a, b)"),
        BinaryOp::Rem => format!("select(a % b, {w}(0), b == {w}(0))"),
        BinaryOp::Pow if float => format!("pow_{w}(a, b)"),
        BinaryOp::Pow => format!("ipow_{w}(a, b)"),
        BinaryOp::Maximum => extreme(true, t, "a", "b"),
        BinaryOp::Minimum => extreme(false, t, "a", "b"),
        BinaryOp::FloorDiv if float => format!("floor_divmod_{w}(a, b).x"),
        BinaryOp::FloorDiv if t == DType::I32 => "floor_div_i32(a, b)".into(),
        BinaryOp::FloorDiv => format!("select(a / b, {w}(0), b == {w}(0))"),
        BinaryOp::FloorRem if float => format!("floor_divmod_{w}(a, b).y"),
        BinaryOp::FloorRem if t == DType::I32 => "floor_rem_i32(a, b)".into(),
        BinaryOp::FloorRem => format!("select(a % b, {w}(0), b == {w}(0))"),
        // Float-only (callers check `BinaryOp::defined_for`).
        BinaryOp::Atan2 => format!("math_atan2_{w}(a, b)"),
        BinaryOp::Hypot => format!("math_hypot_{w}(a, b)"),
        BinaryOp::BetaLn => format!("math_betaln_{w}(a, b)"),
        BinaryOp::Zeta => format!("math_zeta_{w}(a, b)"),
        BinaryOp::GammaInc => format!("math_gammainc_{w}(a, b, false)"),
        BinaryOp::GammaIncC => format!("math_gammainc_{w}(a, b, true)"),
        BinaryOp::GammaIncInv => format!("math_gammaincinv_{w}(a, b, false)"),
        BinaryOp::GammaIncCInv => format!("math_gammaincinv_{w}(a, b, true)"),
        BinaryOp::ExpN => format!("math_expn_{w}(a, b)"),
        BinaryOp::Yn => format!("math_yn_{w}(a, b)"),
        BinaryOp::SphericalYn => format!("math_spherical_yn_{w}(a, b, false)"),
        BinaryOp::SphericalYnD => format!("math_spherical_yn_{w}(a, b, true)"),
        BinaryOp::Poch => format!("math_poch_{w}(a, b)"),
        BinaryOp::Binom => format!("math_binom_{w}(a, b)"),
        BinaryOp::Smirnov => format!("math_smirnov_{w}(a, b)"),
        BinaryOp::Smirnovi => format!("math_smirnovi_{w}(a, b)"),
        BinaryOp::KlDiv => format!("math_kl_div_{w}(a, b)"),
        BinaryOp::Beta => format!("math_beta_{w}(a, b)"),
        BinaryOp::EllipjSn => format!("math_ellipj_{w}(a, b, 0)"),
        BinaryOp::EllipjCn => format!("math_ellipj_{w}(a, b, 1)"),
        BinaryOp::EllipjDn => format!("math_ellipj_{w}(a, b, 2)"),
        BinaryOp::EllipjAm => format!("math_ellipj_{w}(a, b, 3)"),
        BinaryOp::EllipKinc => format!("math_ellipinc_{w}(a, b, false)"),
        BinaryOp::EllipEinc => format!("math_ellipinc_{w}(a, b, true)"),
        BinaryOp::EllipRc => format!("math_elliprc_{w}(a, b)"),
        BinaryOp::Agm => format!("math_agm_{w}(a, b)"),
        BinaryOp::Copysign => format!("select(abs(a), -abs(a), signbit_{w}(b))"),
        BinaryOp::FMax if float => format!("select(select(max(a, b), a, nan_{w}(b)), b, nan_{w}(a))"),
        BinaryOp::FMin if float => format!("select(select(min(a, b), a, nan_{w}(b)), b, nan_{w}(a))"),
        BinaryOp::FMax => "max(a, b)".into(),
        BinaryOp::FMin => "min(a, b)".into(),
        // Integer-only.
        BinaryOp::BitAnd => "a & b".into(),
        BinaryOp::BitOr => "a | b".into(),
        BinaryOp::BitXor => "a ^ b".into(),
        // WGSL takes a shift amount modulo 32; NumPy's rule for 32 and more is explicit.
        BinaryOp::Shl => format!("select(a << u32(b), {w}(0), u32(b) >= 32u)"),
        BinaryOp::Shr if t == DType::I32 => "select(a >> u32(b), select(0i, -1i, a < 0i), u32(b) >= 32u)".into(),
        BinaryOp::Shr => "select(a >> b, 0u, b >= 32u)".into(),
    }
}

/// WGSL for `op(a, b)` as a u32 mask value; NaN compares unequal (checked on bits).
pub(super) fn compare_expr(op: CompareOp, t: DType) -> String {
    let w = wgsl(t);
    let sym = match op {
        CompareOp::Eq => "==",
        CompareOp::Ne => "!=",
        CompareOp::Lt => "<",
        CompareOp::Le => "<=",
        CompareOp::Gt => ">",
        CompareOp::Ge => ">=",
    };
    let cond = if !t.is_float() {
        format!("a {sym} b")
    } else if op == CompareOp::Ne {
        format!("nan_{w}(a) || nan_{w}(b) || a != b")
    } else {
        format!("!nan_{w}(a) && !nan_{w}(b) && a {sym} b")
    };
    format!("select(0u, 1u, {cond})")
}

/// WGSL converting `a` from `from` to `to` with the CPU's `as` semantics (NaN → 0).
pub(super) fn cast_expr(from: DType, to: DType) -> String {
    let (wf, wt) = (wgsl(from), wgsl(to));
    match (from, to) {
        _ if from == to => "a".into(),
        (DType::F32 | DType::F64, DType::Bool) => format!("select(0u, 1u, a != {wf}(0) || nan_{wf}(a))"),
        (_, DType::Bool) => format!("select(0u, 1u, a != {wf}(0))"),
        (DType::Bool, _) => format!("{wt}(a)"),
        // WGSL clamps to the largest float below the integer maximum; Rust saturates to
        // the maximum itself.
        (DType::F32 | DType::F64, DType::I32) => {
            format!("select(select(i32(a), 2147483647, a >= {wf}(2147483648.0)), 0, nan_{wf}(a))")
        }
        (DType::F32 | DType::F64, DType::U32) => {
            format!("select(select(u32(a), 4294967295u, a >= {wf}(4294967296.0)), 0u, nan_{wf}(a))")
        }
        (DType::I32, DType::U32) | (DType::U32, DType::I32) => format!("bitcast<{wt}>(a)"),
        _ => format!("{wt}(a)"),
    }
}

/// Integer power by squaring with the CPU's negative-exponent rules.
pub(super) const INT_POW: &str = "
fn ipow_u32(a: u32, b: u32) -> u32 {
    var acc = 1u;
    var base = a;
    var e = b;
    for (var i = 0u; i < 32u && e > 0u; i++) {
        if ((e & 1u) == 1u) { acc *= base; }
        base *= base;
        e >>= 1u;
    }
    return acc;
}
fn ipow_i32(a: i32, b: i32) -> i32 {
    if (b < 0) {
        if (a == 1) { return 1; }
        if (a == -1) { return select(-1, 1, (b & 1) == 0); }
        return 0;
    }
    return bitcast<i32>(ipow_u32(bitcast<u32>(a), u32(b)));
}
";

/// Accumulator definition of a reduction on dtype `t`: (fields, identity, push, merge,
/// finish, result type).
pub(super) struct AccDef {
    pub fields: String,
    pub ident: String,
    pub push: String,
    pub merge: String,
    pub finish: String,
    pub result: &'static str,
}

pub(super) fn acc_def(op: ReduceOp, t: DType) -> Option<AccDef> {
    let w = wgsl(t);
    let float = t.is_float();
    if op.float_only() && !float {
        return None;
    }
    let simple = |push: &str, merge: &str, ident: &str, finish: &str| AccDef {
        fields: format!("v: {w},"),
        ident: format!("return Acc({ident});"),
        push: format!("return Acc({push});"),
        merge: format!("return Acc({merge});"),
        finish: finish.to_string(),
        result: w,
    };
    let lowest = match t {
        DType::F32 | DType::F64 => format!("-inf_{w}()"),
        DType::I32 => "bitcast<i32>(0x80000000u)".into(),
        _ => "0u".into(),
    };
    let highest = match t {
        DType::F32 | DType::F64 => format!("inf_{w}()"),
        DType::I32 => "0x7fffffff".into(),
        _ => "0xffffffffu".into(),
    };
    let nan_if_empty = format!("if (n == 0u) {{ return qnan_{w}(); }}");
    Some(match op {
        ReduceOp::Sum => simple("a.v + x", "a.v + b.v", &format!("{w}(0)"), "return a.v;"),
        ReduceOp::Prod => simple("a.v * x", "a.v * b.v", &format!("{w}(1)"), "return a.v;"),
        ReduceOp::Mean => {
            simple("a.v + x", "a.v + b.v", &format!("{w}(0)"), &format!("{nan_if_empty} return a.v / {w}(n);"))
        }
        ReduceOp::Norm => simple("a.v + x * x", "a.v + b.v", &format!("{w}(0)"), "return sqrt(a.v);"),
        ReduceOp::Max => simple(&extreme(true, t, "a.v", "x"), &extreme(true, t, "a.v", "b.v"), &lowest, "return a.v;"),
        ReduceOp::Min => {
            simple(&extreme(false, t, "a.v", "x"), &extreme(false, t, "a.v", "b.v"), &highest, "return a.v;")
        }
        ReduceOp::Var | ReduceOp::Std => AccDef {
            fields: format!("n: u32, mean: {w}, m2: {w},"),
            ident: format!("return Acc(0u, {w}(0), {w}(0));"),
            push: format!(
                "let n1 = a.n + 1u; let d = x - a.mean; let m = a.mean + d / {w}(n1); \
                 return Acc(n1, m, a.m2 + d * (x - m));"
            ),
            merge: format!(
                "if (a.n == 0u) {{ return b; }} if (b.n == 0u) {{ return a; }} \
                 let n = a.n + b.n; let d = b.mean - a.mean; \
                 let fa = {w}(a.n); let fb = {w}(b.n); let ft = {w}(n); \
                 return Acc(n, a.mean + d * (fb / ft), a.m2 + b.m2 + d * d * (fa * fb / ft));"
            ),
            finish: if op == ReduceOp::Std {
                format!("{nan_if_empty} return sqrt(a.m2 / {w}(n));")
            } else {
                format!("{nan_if_empty} return a.m2 / {w}(n);")
            },
            result: w,
        },
        ReduceOp::ArgMax | ReduceOp::ArgMin => {
            let cmp = if op == ReduceOp::ArgMax { ">" } else { "<" };
            let better = |x: &str, cur: &str| {
                if float {
                    format!("(!nan_{w}({cur}) && (nan_{w}({x}) || {x} {cmp} {cur}))")
                } else {
                    format!("({x} {cmp} {cur})")
                }
            };
            AccDef {
                fields: format!("v: {w}, i: u32, ok: u32,"),
                ident: format!("return Acc({w}(0), 0u, 0u);"),
                push: format!("if (a.ok == 0u || {}) {{ return Acc(x, i, 1u); }} return a;", better("x", "a.v")),
                merge: format!(
                    "if (b.ok == 0u) {{ return a; }} if (a.ok == 0u) {{ return b; }} \
                     if ({} || (!{} && b.i < a.i)) {{ return b; }} return a;",
                    better("b.v", "a.v"),
                    better("a.v", "b.v")
                ),
                finish: "return a.i;".into(),
                result: "u32",
            }
        }
    })
}

/// The subgroup builtin that combines accumulators of `op` on `t`, when one exists with
/// the crate's semantics: sums for every 32-bit type (NaN propagates through adds),
/// products, and integer max/min (float max/min must propagate NaN, which subgroup
/// max/min do not promise). f64 subgroup arithmetic is an optional extension: never.
pub(super) fn subgroup_builtin(op: ReduceOp, t: DType, pass: Pass) -> Option<&'static str> {
    if t == DType::F64 || pass == Pass::Merge {
        return None;
    }
    match op {
        ReduceOp::Sum | ReduceOp::Mean | ReduceOp::Norm => Some("subgroupAdd"),
        ReduceOp::Prod => Some("subgroupMul"),
        ReduceOp::Max if !t.is_float() => Some("subgroupMax"),
        ReduceOp::Min if !t.is_float() => Some("subgroupMin"),
        _ => None,
    }
}

/// Which pass of a reduction a kernel runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Pass {
    /// Reads the data (with a second operand for dot products).
    First { dot: bool },
    /// Reads accumulators written by an earlier pass.
    Merge,
}
