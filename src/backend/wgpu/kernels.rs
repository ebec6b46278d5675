//! WGSL kernel sources: the `shaders/*.wgsl` templates specialised per dtype and op
//! (the per-op snippets come from `wgsl.rs`), and the pipeline cache keyed by
//! (kernel, dtypes, specialisation).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

pub(super) use super::wgsl::Pass;
use super::wgsl::{acc_def, subgroup_builtin, wgsl, INT_POW};
use crate::backend::ReduceOp;
use crate::dtype::DType;
use crate::error::{Error, Result};

const COMMON: &str = include_str!("../../../shaders/common.wgsl");
const F64_MATH: &str = include_str!("../../../shaders/f64_math.wgsl");
const FLOAT_MATH: &str = include_str!("../../../shaders/float_math.wgsl");
const SPECIAL_MATH: &str = include_str!("../../../shaders/special_math.wgsl");
const GAMMA_MATH: &str = include_str!("../../../shaders/gamma_math.wgsl");
const ZETA_MATH: &str = include_str!("../../../shaders/zeta_math.wgsl");
const GAMMAINC_MATH: &str = include_str!("../../../shaders/gammainc_math.wgsl");
const BETAINC_MATH: &str = include_str!("../../../shaders/betainc_math.wgsl");
const EXPINT_MATH: &str = include_str!("../../../shaders/expint_math.wgsl");
const BESSELK_MATH: &str = include_str!("../../../shaders/besselk_math.wgsl");
const KOLMOGOROV_MATH: &str = include_str!("../../../shaders/kolmogorov_math.wgsl");
const BESSELJ_MATH: &str = include_str!("../../../shaders/besselj_math.wgsl");
const CONVENIENCE_MATH: &str = include_str!("../../../shaders/convenience_math.wgsl");
const LEGENDRE_MATH: &str = include_str!("../../../shaders/legendre_math.wgsl");
const HYP2F1_MATH: &str = include_str!("../../../shaders/hyp2f1_math.wgsl");
const WRIGHT_MATH: &str = include_str!("../../../shaders/wright_math.wgsl");
const ELEMENTWISE: &str = include_str!("../../../shaders/elementwise.wgsl");
const ELEMENTWISE_1D: &str = include_str!("../../../shaders/elementwise_1d.wgsl");
const ELEMENTWISE_VEC4: &str = include_str!("../../../shaders/elementwise_vec4.wgsl");
const REDUCE: &str = include_str!("../../../shaders/reduce.wgsl");
const REDUCE_COLS: &str = include_str!("../../../shaders/reduce_cols.wgsl");
const MATMUL: &str = include_str!("../../../shaders/matmul.wgsl");
const MATMUL_NAIVE: &str = include_str!("../../../shaders/matmul_naive.wgsl");
const RANDOM: &str = include_str!("../../../shaders/random.wgsl");
const FILL: &str = include_str!("../../../shaders/fill.wgsl");
const TRANSPOSE: &str = include_str!("../../../shaders/transpose.wgsl");
const TAKE: &str = include_str!("../../../shaders/take.wgsl");
const SCATTER: &str = include_str!("../../../shaders/scatter.wgsl");
const SCATTER_ADD: &str = include_str!("../../../shaders/scatter_add.wgsl");
const SCATTER_KEYS: &str = include_str!("../../../shaders/scatter_keys.wgsl");
const SCATTER_GROUP: &str = include_str!("../../../shaders/scatter_group.wgsl");
const SEGMENT_ADD: &str = include_str!("../../../shaders/segment_add.wgsl");
const BINCOUNT: &str = include_str!("../../../shaders/bincount.wgsl");
const SCAN: &str = include_str!("../../../shaders/scan.wgsl");
const COMPACT: &str = include_str!("../../../shaders/compact.wgsl");
const SORT: &str = include_str!("../../../shaders/sort.wgsl");
const SEARCH: &str = include_str!("../../../shaders/search.wgsl");
const FFT: &str = include_str!("../../../shaders/fft.wgsl");
const FFT_LOCAL: &str = include_str!("../../../shaders/fft_local.wgsl");
const FFT_RADIX: &str = include_str!("../../../shaders/fft_radix.wgsl");

/// Fills `{{NAME}}` placeholders; the templates' comment lines (documentation for
/// readers of `shaders/`) are dropped.
fn render(template: &str, vars: &[(&str, &str)]) -> String {
    let mut s: String =
        template.lines().filter(|l| !l.trim_start().starts_with("//")).map(|l| format!("{l}\n")).collect();
    for (k, v) in vars {
        s = s.replace(&format!("{{{{{k}}}}}"), v);
    }
    debug_assert!(!s.contains("{{"), "unfilled placeholder in kernel:\n{s}");
    s
}

/// special_math.wgsl's and gamma_math.wgsl's constants per type: erfc's exact split,
/// Dekker's splitter (2^⌈p/2⌉ + 1), the largest finite value, where e^x nears its
/// overflow, Γ's scaling step, range and last exact factorial, where the beta function
/// leaves Γ's range, and ψ's root, π, ln 2
/// (its head short enough that k·head is exact), 2/3, ½ ln 2π and ln π in two parts, and
/// where the Riemann ζ is ±∞ below 0; for convenience_math.wgsl, ln 10 and π/180 in two
/// parts, the significand's bits, the last exact power of ten, and from where every
/// value is a multiple of 8; for expint_math.wgsl's sine and cosine integrals, the depth
/// of E₁(ix)'s continued fraction and where its leading terms are all.
fn special_vars(t: &'static str) -> [(&'static str, &'static str); 58] {
    let f32 = t == "f32";
    let pick = |a: &'static str, b: &'static str| if f32 { a } else { b };
    [
        ("T", t),
        ("ERF_SPLIT", pick("128.0", "1048576.0")),
        ("SPLIT", pick("4097.0", "134217729.0")),
        ("GAMMA_SCALE", pick("18446744073709551616.0", "1.3407807929942597e154")),
        ("GAMMA_UNSCALE", pick("5.421010862427522e-20", "7.458340731200207e-155")),
        ("GAMMA_XMAX", pick("36.0", "172.0")),
        ("GAMMA_XMIN", pick("-50.0", "-190.0")),
        ("PSI_ROOT_HI", pick("1.4616321325302124", "1.4616321449683622")),
        ("PSI_ROOT_LO", pick("1.243815006546356e-08", "9.549995429965697e-17")),
        ("PI_LO", pick("-8.742278e-08", "1.2246467991473532e-16")),
        ("T_MAX", pick("3.4028234663852886e38", "1.7976931348623157e308")),
        ("EXP_SPLIT", pick("85.0", "700.0")),
        ("CIS_DEPTH", pick("54.0", "212.0")),
        ("CIS_EXTRA", pick("3", "4")),
        ("CIS_ASYMPTOTIC", pick("8192.0", "4294967296.0")),
        ("GAMMA_EXACT_N", pick("14.0", "23.0")),
        ("BETA_REACH", pick("34.0", "171.0")),
        ("LN2_A", pick("0.693145751953125", "6.93147180369123816490e-01")),
        ("LN2_B", pick("1.428606765330187e-06", "1.90821492927058770002e-10")),
        ("TWO_THIRDS_HI", pick("0.6666666865348816", "0.6666666666666666")),
        ("TWO_THIRDS_LO", pick("-1.9868215517249155e-08", "3.700743415417188e-17")),
        ("HALF_LN_2PI_HI", pick("0.9189385175704956", "0.9189385332046728")),
        ("HALF_LN_2PI_LO", pick("1.563417661998301e-08", "-3.8782941580672414e-17")),
        ("SQRT_2PI", pick("2.5066282749176025", "2.5066282746310007")),
        // sph_legendre_p's running values stay within 2^±SPH_SCALE (SPH_BIG, SPH_TINY): a
        // product of two is still normal.
        ("SPH_SCALE", pick("60", "500")),
        ("SPH_BIG", pick("1.152921504606847e18", "3.273390607896142e150")),
        ("SPH_TINY", pick("8.673617379884035e-19", "3.054936363499605e-151")),
        ("POW_FAR", pick("110.0", "800.0")),
        // |b·log2 a| below which pow_pos's binary powering neither overflows in Veltkamp's
        // split (a factor above MAX/SPLIT) nor loses every product's low part (f64: below
        // 2^(−1022 + 53); f32 results under 2^−102 keep the high parts only).
        ("POW_INT_REACH", pick("116.0", "990.0")),
        ("ZETA_TAIL", pick("1.4901161193847656e-08", "2.7755575615628914e-17")),
        ("AGM_TOL", pick("1e-4", "1e-9")),
        ("EPS_HALF", pick("5.960464477539063e-08", "1.1102230246251565e-16")),
        ("LENTZ_TINY", pick("1e-30", "1e-300")),
        ("EI_ROOT_HI", pick("0.3725074231624603", "0.3725074107813666")),
        ("EI_ROOT_LO", pick("-1.2381093483782024e-08", "1.3140183414386028e-17")),
        ("E1_DEPTH", pick("27.0", "106.0")),
        ("EXP_NORMAL_END", pick("87.0", "708.0")),
        ("LN_PI_HI", pick("1.1447298526763916", "1.1447298858494002")),
        ("LN_PI_LO", pick("3.317300857258093e-08", "1.0265951162707826e-17")),
        ("ZETA_NEG_END", pick("-100.0", "-400.0")),
        ("LN10_HI", pick("2.3025851249694824", "2.302585092994046")),
        ("LN10_LO", pick("-3.1975435632602967e-08", "-2.1707562233822494e-16")),
        ("PI_180_HI", pick("0.01745329238474369", "0.017453292519943295")),
        ("PI_180_LO", pick("1.3519960151420207e-10", "2.9486522708701687e-19")),
        ("MANT", pick("23", "52")),
        ("EXP10_EXACT", pick("10.0", "22.0")),
        ("DEG_DIRECT", pick("67108864.0", "36028797018963968.0")),
        ("POCH_REACH", pick("30.0", "160.0")),
        ("T_MIN_NORMAL", pick("1.1754943508222875e-38", "2.2250738585072014e-308")),
        // 2nx² past which Hoeffding's bound e^(−2nx²) on smirnov is below half the
        // smallest subnormal.
        ("SMIRNOV_ZERO", pick("104.0", "745.2")),
        ("SMIRNOV_STEPS", "60000"),
        // ellipj: half an ulp of 1, where the Landen sequences stop.
        ("ELLIPJ_EPS", pick("5.960464477539063e-8", "1.1102230246251565e-16")),
        // reduce_pi (ellipj, ellipkinc, ellipeinc): π in three parts, whose products with n
        // (a multiple of ½) are exact for |n| below PI3_N_EXACT; Carlson's duplication stops,
        // (3ε)^(−1/6) and (ε/4)^(−1/6).
        ("PI3_A", pick("3.1416015625", "3.1415926553308964")),
        ("PI3_B", pick("-8.907169103622437e-06", "-1.7411031384001463e-09")),
        ("PI3_C", pick("-1.7411031505432106e-09", "-7.00686879617986e-19")),
        ("PI3_N_EXACT", pick("2048.0", "4194304.0")),
        ("RF_SPREAD", pick("11.869382009446435", "338.3813509546826")),
        ("RD_SPREAD", pick("17.959392772949965", "512.0")),
    ]
}

/// special_math.wgsl, gamma_math.wgsl, zeta_math.wgsl, gammainc_math.wgsl,
/// betainc_math.wgsl, expint_math.wgsl, besselk_math.wgsl, kolmogorov_math.wgsl,
/// besselj_math.wgsl, convenience_math.wgsl, legendre_math.wgsl, hyp2f1_math.wgsl and
/// wright_math.wgsl for one type.
fn special_library(t: &'static str) -> String {
    let vars = special_vars(t);
    format!(
        "{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}",
        render(SPECIAL_MATH, &vars),
        render(GAMMA_MATH, &vars),
        render(ZETA_MATH, &vars),
        render(GAMMAINC_MATH, &vars),
        render(BETAINC_MATH, &vars),
        render(EXPINT_MATH, &vars),
        render(BESSELK_MATH, &vars),
        render(KOLMOGOROV_MATH, &vars),
        render(BESSELJ_MATH, &vars),
        render(CONVENIENCE_MATH, &vars),
        render(LEGENDRE_MATH, &vars),
        render(HYP2F1_MATH, &vars),
        render(WRIGHT_MATH, &vars)
    )
}

/// The helper functions every kernel may call, plus the f64 library when needed.
fn prelude(uses_f64: bool) -> String {
    let f32_math = render(
        FLOAT_MATH,
        &[
            ("T", "f32"),
            ("MAX", "3.4028234663852886e38"),
            ("EXP_MAX", "88.0"),
            ("EXP2_MAX", "128.0"),
            ("EXP2_MIN", "-150.0"),
        ],
    );
    let f32_special = special_library("f32");
    if uses_f64 {
        let f64_math = render(
            FLOAT_MATH,
            &[
                ("T", "f64"),
                ("MAX", "1.7976931348623157e308"),
                ("EXP_MAX", "709.0"),
                ("EXP2_MAX", "1024.0"),
                ("EXP2_MIN", "-1075.0"),
            ],
        );
        let f64_special = special_library("f64");
        format!("{COMMON}\n{f32_math}\n{f32_special}\n{F64_MATH}\n{f64_math}\n{f64_special}\n")
    } else {
        format!("{COMMON}\n{f32_math}\n{f32_special}\n")
    }
}

/// The names elementwise expressions give their operands, in order: the kernels take up
/// to four inputs.
pub(super) const OPERANDS: [&str; 4] = ["a", "b", "c", "d"];

/// An elementwise kernel's specialisation.
pub(super) struct Elementwise<'a> {
    pub out: DType,
    pub inputs: &'a [DType],
    pub nd: usize,
    pub expr: &'a str,
    /// The first operand is the output itself (in-place update).
    pub inplace: bool,
    /// The output is a strided box (output strides follow the input strides in the
    /// parameters) rather than a contiguous range; N-D kernel only.
    pub strided_out: bool,
}

impl Elementwise<'_> {
    pub fn key(&self) -> String {
        let (o, i, n, p, e, s) = (self.out, self.inputs, self.nd, self.inplace, self.expr, self.strided_out);
        format!("ew|{o:?}|{i:?}|{n}|{p}|{s}|{e}")
    }

    pub fn source(&self) -> String {
        let f64 = self.out == DType::F64 || self.inputs.contains(&DType::F64);
        let mut decls = String::new();
        let (mut loads, mut loads1) = (String::new(), String::new());
        let out_index = if self.strided_out { "out_index(idx)" } else { "args[1] + i" };
        for (k, (&t, name)) in self.inputs.iter().zip(OPERANDS).enumerate() {
            if self.inplace && k == 0 {
                loads += &format!("    let a = out[{out_index}];\n");
                loads1 += "            let a = out[args[1] + i];\n";
                continue;
            }
            let binding = k + 2 - usize::from(self.inplace);
            decls += &format!("@group(0) @binding({binding}) var<storage, read> in{k}: array<{}>;\n", wgsl(t));
            loads += &format!("    let {name} = in{k}[offset_of({k}u, idx)];\n");
            loads1 += &format!("            let {name} = in{k}[offset_of({k}u, i)];\n");
        }
        let (template, nd) =
            if self.nd <= 1 && !self.strided_out { (ELEMENTWISE_1D, 1) } else { (ELEMENTWISE, self.nd.max(1)) };
        let per = per_invocation_1d(self.expr).to_string();
        // llvmpipe compiles an iterating expression (a special function: loops, every
        // branch inlined) several times as fast inside a loop, as the 1-D kernel always
        // has it (its `PER` loop), and runs it slower there. binom f64, N-D kernel: 26 s
        // to compile bare, 4.6 s in a loop of one; 1M strided elements then take 1.2 s,
        // not 0.5 s (the 1-D kernel: 1.3 s dense). A compile is paid per specialisation
        // (rank, dtypes, in-place, output layout) and cached by Mesa; hardware drivers
        // drop a loop of one.
        let once = if super::wgsl::iterative(self.expr) { "for (var once = 0u; once < 1u; once++)" } else { "" };
        let body = render(
            template,
            &[
                ("OUT", wgsl(self.out)),
                ("DECLS", &decls),
                ("ND", &nd.to_string()),
                ("NIN", &self.inputs.len().to_string()),
                ("NDA", &nd.to_string()),
                ("LOADS", &loads),
                ("LOADS1D", &loads1),
                ("OUT_INDEX", out_index),
                ("EXPR", self.expr),
                ("PER", &per),
                ("ONCE", once),
            ],
        );
        prelude(f64) + INT_POW + &body
    }
}

/// Elements each invocation of the 1-D elementwise kernel computes: 4, or 1 where the
/// expression iterates (`wgsl::iterative`), so that llvmpipe's cap of 65,535 loop
/// iterations per invocation (all loops counted together) is each element's own.
pub(super) fn per_invocation_1d(expr: &str) -> u64 {
    if super::wgsl::iterative(expr) {
        1
    } else {
        4
    }
}

/// Vectors of four elements each invocation of the vec4 elementwise kernel handles.
pub(super) const VEC4_PER: u64 = 4;

/// A vec4 elementwise kernel (`VEC4_PER` vectors per invocation): `dense[k]` says whether input `k`
/// is loaded as vec4 (stride 1) or broadcast (stride 0).
pub(super) struct ElementwiseVec4<'a> {
    pub out: DType,
    pub inputs: &'a [DType],
    pub dense: &'a [bool],
    pub expr: &'a str,
    pub inplace: bool,
}

impl ElementwiseVec4<'_> {
    pub fn key(&self) -> String {
        format!("ew4|{:?}|{:?}|{:?}|{}|{}", self.out, self.inputs, self.dense, self.inplace, self.expr)
    }

    pub fn source(&self) -> String {
        let f64 = self.out == DType::F64 || self.inputs.contains(&DType::F64);
        let (mut decls, mut uniform, mut loads) = (String::new(), String::new(), String::new());
        let names = OPERANDS;
        for (k, (&t, &dense)) in self.inputs.iter().zip(self.dense).enumerate() {
            let w = wgsl(t);
            if self.inplace && k == 0 {
                loads += "    let va = out[o_out + i];\n";
                continue;
            }
            let binding = k + 2 - usize::from(self.inplace);
            if dense {
                decls += &format!("@group(0) @binding({binding}) var<storage, read> in{k}: array<vec4<{w}>>;\n");
                loads += &format!("    let v{} = in{k}[o_in[{k}] + i];\n", names[k]);
            } else {
                decls += &format!("@group(0) @binding({binding}) var<storage, read> in{k}: array<{w}>;\n");
                uniform += &format!("    let v{} = vec4<{w}>(in{k}[o_in[{k}]]);\n", names[k]);
            }
        }
        let mut comps = String::new();
        for c in ["x", "y", "z", "w"] {
            let lets: String = names[..self.inputs.len()].iter().map(|n| format!("let {n} = v{n}.{c}; ")).collect();
            comps += &format!("    {{ {lets}r.{c} = {}; }}\n", self.expr);
        }
        let body = render(
            ELEMENTWISE_VEC4,
            &[
                ("OUT", wgsl(self.out)),
                ("DECLS", &decls),
                ("PER", &VEC4_PER.to_string()),
                ("UNIFORM_LOADS", &uniform),
                ("LOADS", &loads),
                ("COMPONENTS", &comps),
            ],
        );
        prelude(f64) + INT_POW + &body
    }
}

pub(super) struct Reduce {
    pub op: ReduceOp,
    pub dtype: DType,
    pub pass: Pass,
    /// Writes finished values (the last pass) instead of accumulators.
    pub last: bool,
    pub nd: usize,
    /// Dense rows with 16-byte aligned starts: load four elements at a time.
    pub vec4: bool,
    /// The device has subgroup operations.
    pub subgroups: bool,
    /// Invocations per row segment (`G` in reduce.wgsl).
    pub lanes: u64,
}

/// The combine of each group's accumulators into `sh[root]` (see reduce.wgsl).
fn reduce_tree(sg: Option<&str>) -> (String, &'static str) {
    match sg {
        Some(f) => (
            format!(
                "    let part = {f}(acc.v);\n    \
                 if (sg_lane == 0u) {{ sh[li / sg_size] = Acc(part); }}\n    \
                 workgroupBarrier();\n    \
                 let per = G / sg_size;\n    \
                 let root = (li / G) * per;\n    \
                 for (var s = per / 2u; s > 0u; s >>= 1u) {{\n        \
                 if (lane < s) {{ sh[root + lane] = acc_merge(sh[root + lane], sh[root + lane + s]); }}\n        \
                 workgroupBarrier();\n    }}"
            ),
            ", @builtin(subgroup_invocation_id) sg_lane: u32, @builtin(subgroup_size) sg_size: u32",
        ),
        None => (
            "    sh[li] = acc;\n    workgroupBarrier();\n    \
             let root = li - lane;\n    \
             for (var s = G / 2u; s > 0u; s >>= 1u) {\n        \
             if (lane < s) { sh[li] = acc_merge(sh[li], sh[li + s]); }\n        \
             workgroupBarrier();\n    }"
                .to_string(),
            "",
        ),
    }
}

impl Reduce {
    pub fn key(&self) -> String {
        let sg = self.subgroups && subgroup_builtin(self.op, self.dtype, self.pass).is_some();
        format!(
            "red|{:?}|{:?}|{:?}|{}|{}|{}|{sg}|{}",
            self.op, self.dtype, self.pass, self.last, self.nd, self.vec4, self.lanes
        )
    }

    pub fn source(&self) -> Option<String> {
        let d = acc_def(self.op, self.dtype)?;
        let w = wgsl(self.dtype);
        let load = "src[u32(base + i32(j) * rs)]";
        let scalar_loop = "for (var j = start + lane; j < end; j += G)".to_string();
        let vec_loop =
            "let full = start + (end - start) / 4u * 4u;\n    for (var j = start + 4u * lane; j < full; j += 4u * G)"
                .to_string();
        let vw = format!("vec4<{w}>");
        let mut tail = String::new();
        let (src, lp, step, decls) = match (self.pass, self.vec4) {
            (Pass::First { dot }, true) => {
                // Rows start on vec4 boundaries: element j of the row is component j % 4
                // of vector (base + j) / 4. Whole vectors are pushed unchecked; a row's
                // partial last vector goes to the lane whose turn it is, after its loop.
                let x = |c: &str| if dot { format!("v[{c}] * v2[{c}]") } else { format!("v[{c}]") };
                let load = |j: &str| {
                    let v2 = if dot { format!(" let v2 = src2[(u32(base2) + {j}) / 4u];") } else { String::new() };
                    format!("let v = src[(u32(base) + {j}) / 4u];{v2}")
                };
                let step = format!(
                    "{} {}",
                    load("j"),
                    (0..4)
                        .map(|c| format!("acc = acc_push(acc, {}, j + {c}u);", x(&c.to_string())))
                        .collect::<String>()
                );
                tail = format!(
                    "    if (full < end && lane == ((full - start) / 4u) % G) {{\n        {}\n        \
                     for (var c = 0u; c < 4u; c++) {{ if (full + c < end) {{ acc = acc_push(acc, {}, full + c); }} }}\n    }}\n",
                    load("full"),
                    x("c")
                );
                let decls = if dot {
                    format!("@group(0) @binding(3) var<storage, read> src2: array<{vw}>;")
                } else {
                    String::new()
                };
                (vw.as_str(), vec_loop, step, decls)
            }
            (Pass::First { dot: false }, false) => {
                (w, scalar_loop, format!("acc = acc_push(acc, {load}, j);"), String::new())
            }
            (Pass::First { dot: true }, false) => (
                w,
                scalar_loop,
                format!("acc = acc_push(acc, {load} * src2[u32(base2 + i32(j) * rs2)], j);"),
                format!("@group(0) @binding(3) var<storage, read> src2: array<{w}>;"),
            ),
            (Pass::Merge, _) => ("Acc", scalar_loop, format!("acc = acc_merge(acc, {load});"), String::new()),
        };
        let (oute, write) = if self.last { (d.result, "acc_finish(sh[root], count)") } else { ("Acc", "sh[root]") };
        let sg = if self.subgroups { subgroup_builtin(self.op, self.dtype, self.pass) } else { None };
        let (tree, sg_args) = reduce_tree(sg);
        let body = render(
            REDUCE,
            &[
                ("T", w),
                ("ACC", &d.fields),
                ("IDENT", &d.ident),
                ("PUSH", &d.push),
                ("MERGE", &d.merge),
                ("FINISH", &d.finish),
                ("RES", d.result),
                ("SRC", src),
                ("OUTE", oute),
                ("LOOP", &lp),
                ("STEP", &step),
                ("TAIL", &tail),
                ("TREE", &tree),
                ("SG_ARGS", sg_args),
                ("WRITE", write),
                ("DECLS", &decls),
                ("ND", &self.nd.to_string()),
                ("G", &self.lanes.to_string()),
            ],
        );
        Some(prelude(self.dtype == DType::F64) + &body)
    }
}

/// A column reduction (reduced dim strided, kept dim dense): see reduce_cols.wgsl.
pub(super) struct ReduceCols {
    pub op: ReduceOp,
    pub dtype: DType,
    /// Reads accumulators of an earlier pass instead of data.
    pub merge: bool,
    pub last: bool,
    pub nd: usize,
    /// Four columns per invocation, loaded as vec4 (aligned rows, columns % 4 == 0).
    pub vec4: bool,
}

impl ReduceCols {
    pub fn key(&self) -> String {
        format!("cols|{:?}|{:?}|{}|{}|{}|{}", self.op, self.dtype, self.merge, self.last, self.nd, self.vec4)
    }

    pub fn source(&self) -> Option<String> {
        let d = acc_def(self.op, self.dtype)?;
        let w = wgsl(self.dtype);
        let write = |a: &str| if self.last { format!("acc_finish({a}, args[7])") } else { a.to_string() };
        let (src, body, out_cols) = if self.vec4 {
            let mut b = String::from("    var a0 = acc_identity();\n    var a1 = acc_identity();\n    var a2 = acc_identity();\n    var a3 = acc_identity();\n");
            b += "    for (var r = r0; r < r1; r++) {\n        let v = src[u32(base + i32(r) * rs) / 4u + col];\n";
            for (k, c) in ["x", "y", "z", "w"].iter().enumerate() {
                b += &format!("        a{k} = acc_push(a{k}, v.{c}, r);\n");
            }
            b += "    }\n";
            for k in 0..4 {
                b += &format!("    out[o + 4u * col + {k}u] = {};\n", write(&format!("a{k}")));
            }
            (format!("vec4<{w}>"), b, "4u * ncols")
        } else {
            let load = "src[u32(base + i32(col) + i32(r) * rs)]";
            let step = if self.merge { format!("acc_merge(acc, {load})") } else { format!("acc_push(acc, {load}, r)") };
            let b = format!(
                "    var acc = acc_identity();\n    for (var r = r0; r < r1; r++) {{ acc = {step}; }}\n    out[o + col] = {};\n",
                write("acc")
            );
            (if self.merge { "Acc".to_string() } else { w.to_string() }, b, "ncols")
        };
        let oute = if self.last { d.result } else { "Acc" };
        let body = render(
            REDUCE_COLS,
            &[
                ("T", w),
                ("ACC", &d.fields),
                ("IDENT", &d.ident),
                ("PUSH", &d.push),
                ("MERGE", &d.merge),
                ("FINISH", &d.finish),
                ("RES", d.result),
                ("SRC", &src),
                ("OUTE", oute),
                ("ND", &self.nd.to_string()),
                ("OUT_COLS", out_cols),
                ("BODY", &body),
            ],
        );
        Some(prelude(self.dtype == DType::F64) + &body)
    }
}

/// A matmul kernel's shape: `threads²` invocations per workgroup, each accumulating a
/// `block²` register block of outputs, so a workgroup computes a `tile()²` output tile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct MatmulTiling {
    pub threads: usize,
    /// A multiple of 4 (vec4 rows and columns).
    pub block: usize,
}

impl MatmulTiling {
    /// 64×64 tiles of 64 invocations: small products still spread over many workgroups.
    pub const SMALL: Self = Self { threads: 8, block: 8 };
    /// 128×128 tiles of 256 invocations: half the global loads per FMA of `SMALL`.
    pub const LARGE: Self = Self { threads: 16, block: 8 };

    /// Edge of the output tile one workgroup computes.
    pub fn tile(self) -> usize {
        self.threads * self.block
    }

    /// Workgroup memory for the staged A and B tiles (16 k each), bytes.
    pub fn staging_bytes(self, esize: u64) -> u64 {
        2 * 16 * self.tile() as u64 * esize
    }
}

/// Matmul specialisation: dtype and batch dimensions.
///
/// Each invocation accumulates a `block²` block of outputs in vec4 registers; its
/// rows and columns are taken in quads strided by `threads` quads, so neighbouring
/// invocations read neighbouring vec4s of the workgroup tiles (no bank conflicts) and
/// store to neighbouring columns.
pub(super) fn matmul_source(t: DType, nd: usize, tiling: MatmulTiling) -> String {
    let w = wgsl(t);
    let (tt, quads) = (tiling.threads, tiling.block / 4);
    let tq = tiling.tile() / 4; // vec4 quads along one tile edge
    let comps = ["x", "y", "z", "w"];
    let mut acc = String::new();
    let mut fma = String::new();
    let mut store = String::new();
    for h in 0..quads {
        fma += &format!("            let av{h} = As[kk * {tq}u + {h}u * {tt}u + ty];\n");
        fma += &format!("            let bv{h} = Bs[kk * {tq}u + {h}u * {tt}u + tx];\n");
    }
    for i in 0..tiling.block {
        let (hi, ci) = (i / 4, comps[i % 4]);
        for h in 0..quads {
            acc += &format!("    var c{i}_{h} = vec4<{w}>({w}(0));\n");
            fma += &format!("            c{i}_{h} += av{hi}.{ci} * bv{h};\n");
            for (j, cj) in comps.iter().enumerate() {
                store += &format!(
                    "    {{ let r = row0 + ({hi}u * {tt}u + ty) * 4u + {}u; let q = col0 + ({h}u * {tt}u + tx) * 4u + {j}u;\n      \
                     if (r < M && q < N) {{ let o = c_base + r * N + q; \
                     c[o] = select(c{i}_{h}.{cj}, c[o] + c{i}_{h}.{cj}, args[4] == 1u); }} }}\n",
                    i % 4
                );
            }
        }
    }
    // Staging: the A tile is [16 k][tq row quads], the B tile [16 k][tq column quads], one
    // vec4 each; invocation li fills entries li, li + tt², ... . Consecutive entries of A
    // walk k (along a row of A), of B the columns, so global reads are coalesced.
    let ld = |what: &str, idx: &str, ok: &str| format!("select({w}(0), {what}[u32({idx})], {ok})");
    let (mut load_a, mut load_b) = (String::new(), String::new());
    for e in 0..(16 * tq) / (tt * tt) {
        load_a += &format!(
            "        {{ let e = li + {}u; let kk = e % 16u; let r4 = e / 16u; let gk = k + kk;\n",
            e * tt * tt
        );
        load_b += &format!(
            "        {{ let e = li + {}u; let kk = e / {tq}u; let c4 = e % {tq}u; let gk = k + kk;\n",
            e * tt * tt
        );
        let (mut av, mut bv) = (Vec::new(), Vec::new());
        for q in 0..4 {
            load_a += &format!("          let gr{q} = row0 + r4 * 4u + {q}u;\n");
            av.push(ld("a", &format!("a_base + i32(gr{q}) * a_rs + i32(gk) * a_cs"), &format!("gr{q} < M && gk < k1")));
            load_b += &format!("          let gq{q} = col0 + c4 * 4u + {q}u;\n");
            bv.push(ld("b", &format!("b_base + i32(gk) * b_rs + i32(gq{q}) * b_cs"), &format!("gq{q} < N && gk < k1")));
        }
        load_a += &format!("          As[kk * {tq}u + r4] = vec4<{w}>({}); }}\n", av.join(", "));
        load_b += &format!("          Bs[kk * {tq}u + c4] = vec4<{w}>({}); }}\n", bv.join(", "));
    }
    let body = render(
        MATMUL,
        &[
            ("T", w),
            ("ND", &nd.to_string()),
            ("THREADS", &tt.to_string()),
            ("TILE", &tiling.tile().to_string()),
            ("TQ16", &(16 * tq).to_string()),
            ("ACC_DECL", &acc),
            ("LOAD_A", &load_a),
            ("LOAD_B", &load_b),
            ("FMA", &fma),
            ("STORE", &store),
        ],
    );
    prelude(t == DType::F64) + &body
}

/// A single-input op on a transposed view, tiled through workgroup memory.
pub(super) fn transpose_source(out: DType, input: DType, nd: usize, expr: &str) -> String {
    let f64 = out == DType::F64 || input == DType::F64;
    let body = render(TRANSPOSE, &[("OUT", wgsl(out)), ("T0", wgsl(input)), ("ND", &nd.to_string()), ("EXPR", expr)]);
    prelude(f64) + INT_POW + &body
}

/// The naive matmul baseline (benchmarks only).
pub(super) fn matmul_naive_source(t: DType) -> String {
    prelude(t == DType::F64) + &render(MATMUL_NAIVE, &[("T", wgsl(t))])
}

/// What a random kernel draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RandomKind {
    Uniform,
    Normal,
    /// Standard gamma values (parameters `d`, `c`, `1/k or 0`; see `backend::philox`).
    Gamma,
}

/// The WGSL of one standard gamma value of the float type `t` into `res`, from the
/// blocks of element (`blo`, `bhi`) (the method and word mapping of `backend::philox`).
fn gamma_body(t: DType) -> String {
    let (ty, lit, normal, unit, ln, exp) = if t == DType::F64 {
        (
            "f64",
            "lf",
            "sqrt(-2.0lf * ln_f64(1.0lf - unit53(a[0], a[1]))) * cos_f64(6.283185307179586lf * unit53(a[2], a[3]))",
            "1.0lf - unit53(b[0], b[1])",
            "ln_f64",
            "exp_f64",
        )
    } else {
        (
            "f32",
            "",
            "sqrt(-2.0 * log(f32((a[0] >> 8u) + 1u) * (1.0 / 16777216.0))) * cos(6.283185307179586 * (f32(a[1] >> 8u) * (1.0 / 16777216.0)))",
            "f32((b[0] >> 8u) + 1u) * (1.0 / 16777216.0)",
            "log",
            "exp",
        )
    };
    format!(
        "    let key = vec2<u32>(args[4], args[5]);\n    \
         let d = params[0];\n    let c = params[1];\n    let inv_k = params[2];\n    \
         var res = d;\n    \
         for (var r = 0u; r < 16u; r++) {{\n        \
         let a = philox(vec4<u32>(blo, bhi, 2u * r + 1u, 0u), key);\n        \
         let b = philox(vec4<u32>(blo, bhi, 2u * r + 2u, 0u), key);\n        \
         let x: {ty} = {normal};\n        \
         let u: {ty} = {unit};\n        \
         let s = 1.0{lit} + c * x;\n        \
         if (s > 0.0{lit}) {{\n            \
         let v = s * s * s;\n            \
         res = d * v;\n            \
         if ({ln}(u) < 0.5{lit} * x * x + d - d * v + d * {ln}(v)) {{ break; }}\n        \
         }}\n    \
         }}\n    \
         if (inv_k > 0.0{lit}) {{\n        \
         let b = philox(vec4<u32>(blo, bhi, 33u, 0u), key);\n        \
         let u: {ty} = {unit};\n        \
         res = res * {exp}({ln}(u) * inv_k);\n    \
         }}\n    \
         out[args[1] + e0] = res;"
    )
}

/// Random kernel for (dtype, kind): elements per block and the source.
pub(super) fn random_source(t: DType, kind: RandomKind) -> (String, usize) {
    if kind == RandomKind::Gamma {
        if !t.is_float() {
            return (String::new(), 0);
        }
        let unit53 = "fn unit53(w0: u32, w1: u32) -> f64 {\n    \
                      return (f64(w0 >> 5u) * 67108864.0lf + f64(w1 >> 6u)) * (1.0lf / 9007199254740992.0lf);\n}\n";
        let src = render(RANDOM, &[("T", wgsl(t)), ("P", wgsl(t)), ("PER", "1"), ("BODY", &gamma_body(t))]);
        let helpers = if t == DType::F64 { unit53 } else { "" };
        return (prelude(t == DType::F64) + helpers + &src, 1);
    }
    let normal = kind == RandomKind::Normal;
    let out = "out[args[1] + e0 + j]";
    let guard = "if (e0 + j < n)";
    let (per, p, body) = match (t, normal) {
        (DType::U32 | DType::I32, false) => (
            4,
            "u32",
            format!(
                "    for (var j = 0u; j < 4u; j++) {{ {guard} {{ {out} = {}(params[0] + mulhilo(w[j], params[1]).x); }} }}",
                if t == DType::I32 { "bitcast<i32>" } else { "" }
            ),
        ),
        (DType::F32, false) => (
            4,
            "f32",
            format!(
                "    for (var j = 0u; j < 4u; j++) {{ {guard} {{\n        \
                 let u = f32(w[j] >> 8u) * (1.0 / 16777216.0);\n        \
                 let v = params[0] + (params[1] - params[0]) * u;\n        \
                 {out} = select(params[0], v, v < params[1]); }} }}"
            ),
        ),
        (DType::F64, false) => (
            2,
            "f64",
            format!(
                "    for (var j = 0u; j < 2u; j++) {{ {guard} {{\n        \
                 let u = (f64(w[2u * j] >> 5u) * 67108864.0lf + f64(w[2u * j + 1u] >> 6u)) * (1.0lf / 9007199254740992.0lf);\n        \
                 let v = params[0] + (params[1] - params[0]) * u;\n        \
                 {out} = select(params[0], v, v < params[1]); }} }}"
            ),
        ),
        (DType::F32, true) => (
            4,
            "f32",
            format!(
                "    for (var j = 0u; j < 4u; j++) {{ {guard} {{\n        \
                 let p = 2u * (j / 2u);\n        \
                 let u1 = f32((w[p] >> 8u) + 1u) * (1.0 / 16777216.0);\n        \
                 let u2 = f32(w[p + 1u] >> 8u) * (1.0 / 16777216.0);\n        \
                 let r = sqrt(-2.0 * log(u1));\n        \
                 let th = 6.283185307179586 * u2;\n        \
                 let z = select(r * sin(th), r * cos(th), j % 2u == 0u);\n        \
                 {out} = params[0] + params[1] * z; }} }}"
            ),
        ),
        (DType::F64, true) => (
            2,
            "f64",
            format!(
                "    let u1 = 1.0lf - (f64(w[0] >> 5u) * 67108864.0lf + f64(w[1] >> 6u)) * (1.0lf / 9007199254740992.0lf);\n    \
                 let u2 = (f64(w[2] >> 5u) * 67108864.0lf + f64(w[3] >> 6u)) * (1.0lf / 9007199254740992.0lf);\n    \
                 let r = sqrt(-2.0lf * ln_f64(u1));\n    \
                 let sc = sincos_f64(6.283185307179586lf * u2);\n    \
                 for (var j = 0u; j < 2u; j++) {{ {guard} {{\n        \
                 let z = select(r * sc.x, r * sc.y, j == 0u);\n        \
                 {out} = params[0] + params[1] * z; }} }}"
            ),
        ),
        _ => return (String::new(), 0),
    };
    let src = render(RANDOM, &[("T", wgsl(t)), ("P", p), ("PER", &per.to_string()), ("BODY", &body)]);
    (prelude(t == DType::F64) + &src, per)
}

/// Fill kernel: `expr` over index `i` and parameters `p0..p2` of type `p`.
pub(super) fn fill_source(t: DType, p: DType, expr: &str) -> String {
    let src = render(FILL, &[("T", wgsl(t)), ("P", wgsl(p)), ("EXPR", expr)]);
    prelude(t == DType::F64 || p == DType::F64) + &src
}

/// The gather kernel (`take`) for words of `bytes` (4, 8 or 16: an element, or a run of
/// elements copied together), copied by bits (so f64 needs no SHADER_F64), with `index`
/// (I32 or U32) indices over `nd` dimensions.
pub(super) fn take_source(bytes: usize, index: DType, nd: usize) -> String {
    let word = match bytes {
        16 => "vec4<u32>",
        8 => "vec2<u32>",
        _ => "u32",
    };
    render(TAKE, &[("T", word), ("I", wgsl(index)), ("WRAP", wrap_body(index)), ("ND", &nd.to_string())])
}

/// The body of `wrap(v: I, len: u32) -> u32`: Python's modulo of an index by `len`.
fn wrap_body(index: DType) -> &'static str {
    match index {
        DType::I32 => "let r = v % i32(len);\n    return u32(select(r, r + i32(len), r < 0));",
        _ => "return v % len;",
    }
}

/// A pass of the scatter (`put`) of elements of `esize` device bytes (copied by bits) at
/// `index` (I32 or U32) positions: `claim`ing each element for its last writer, or
/// writing where the claim stands.
pub(super) fn scatter_source(esize: usize, index: DType, claim: bool) -> String {
    let word = if esize == 8 { "vec2<u32>" } else { "u32" };
    let (decls, write) = if claim {
        (String::new(), "")
    } else {
        (
            format!(
                "@group(0) @binding(3) var<storage, read_write> dst: array<{word}>;\n\
                 @group(0) @binding(4) var<storage, read> vals: array<{word}>;"
            ),
            "dst[args[6] + at] = vals[args[8] + t * args[9]];",
        )
    };
    render(
        SCATTER,
        &[
            ("I", wgsl(index)),
            ("WRAP", wrap_body(index)),
            ("CLAIM", if claim { "true" } else { "false" }),
            ("DECLS", &decls),
            ("WRITE", write),
        ],
    )
}

/// A pass of the scatter-add (`np.add.at`) of `dtype` (I32, U32 or F32) values at
/// `index` (I32 or U32) positions.
pub(super) fn scatter_add_source(dtype: DType, index: DType) -> String {
    const CAS: &str = "var old = atomicLoad(&dst[at]);\n    loop {\n        \
        let r = atomicCompareExchangeWeak(&dst[at], old, bitcast<u32>(bitcast<f32>(old) + v));\n        \
        if (r.exchanged) { break; }\n        old = r.old_value;\n    }";
    let (atomic, add) = match dtype {
        DType::F32 => ("u32", CAS),
        _ => (wgsl(dtype), "atomicAdd(&dst[at], v);"),
    };
    render(
        SCATTER_ADD,
        &[("I", wgsl(index)), ("WRAP", wrap_body(index)), ("A", atomic), ("V", wgsl(dtype)), ("ADD", add)],
    )
}

/// The wrapped positions (u32) of `index` (I32 or U32) indices, for the sort of the f64
/// scatter-add.
pub(super) fn scatter_keys_source(index: DType) -> String {
    render(SCATTER_KEYS, &[("I", wgsl(index)), ("WRAP", wrap_body(index))])
}

/// The counting sort of the f64 scatter-add's values by destination.
pub(super) fn scatter_group_source() -> String {
    render(SCATTER_GROUP, &[])
}

/// One level of the f64 scatter-add's reduction of sorted runs: the `first` level reads
/// keys and values through the sorting permutation, later ones the previous level's
/// partial sums.
pub(super) fn segment_add_source(first: bool) -> String {
    let (decls, key, val) = if first {
        (
            "@group(0) @binding(4) var<storage, read> keys: array<u32>;\n\
             @group(0) @binding(5) var<storage, read> perm: array<u32>;\n\
             @group(0) @binding(6) var<storage, read> vals: array<f64>;",
            "return keys[perm[i]];",
            "return vals[args[5] + perm[i] * args[6]];",
        )
    } else {
        (
            "@group(0) @binding(4) var<storage, read> in_keys: array<u32>;\n\
             @group(0) @binding(5) var<storage, read> in_sums: array<f64>;",
            "return in_keys[i];",
            "return in_sums[i];",
        )
    };
    render(SEGMENT_ADD, &[("DECLS", decls), ("KEY", key), ("VAL", val)])
}

/// The scan kernel (`cumsum` and friends) combining by `op` on `t`; with `totals`, the
/// pass that writes each segment's total.
pub(super) fn scan_source(op: crate::backend::BinaryOp, t: DType, totals: bool) -> String {
    let body = render(
        SCAN,
        &[("T", wgsl(t)), ("OP", &super::wgsl::binary_expr(op, t)), ("TOTALS", if totals { "true" } else { "false" })],
    );
    prelude(t == DType::F64) + &body
}

/// The compaction kernel for elements of `esize` device bytes (copied by bits), placing
/// the values (`with_values`) or the flat indices themselves.
pub(super) fn compact_source(esize: usize, with_values: bool) -> String {
    let word = if esize == 8 { "vec2<u32>" } else { "u32" };
    let (decls, value) = if with_values {
        (format!("@group(0) @binding(4) var<storage, read> vals: array<{word}>;"), "vals[args[4] + t]")
    } else {
        (String::new(), "args[1] + t")
    };
    render(COMPACT, &[("T", word), ("DECLS", &decls), ("VALUE", value)])
}

/// One radix-2 Stockham step of FFTs over complex values of the float type `t`.
pub(super) fn fft_source(t: DType) -> String {
    render(FFT, &[("T", wgsl(t))])
}

/// One Stockham step of any radix of FFTs over complex values of the float type `t`.
pub(super) fn fft_radix_source(t: DType) -> String {
    render(FFT_RADIX, &[("T", wgsl(t))])
}

/// Whole FFTs of floats `t` in workgroup memory, `pairs` (a power of two ≥ 512) per
/// workgroup.
pub(super) fn fft_local_source(t: DType, pairs: u64) -> String {
    render(FFT_LOCAL, &[("T", wgsl(t)), ("P", &pairs.to_string())])
}

/// The `bincount` kernel; `local`: counts through workgroup memory first.
pub(super) fn bincount_source(local: bool) -> String {
    render(BINCOUNT, &[("LOCAL", if local { "true" } else { "false" })])
}

/// WGSL defining the sort order of `t` on its bits (so f64 needs no SHADER_F64):
/// `Word` (an element's bits), `Key` (an order-preserving integer: NaN largest, `-0.0`
/// equal to `0.0`; high word first for 8-byte elements), `KMAX`, `key_of(Word)`,
/// `key_lt` and `key_eq`.
fn sort_keys(t: DType) -> String {
    let (types, cmp) = if t == DType::F64 {
        (
            "alias Word = vec2<u32>;\nalias Key = vec2<u32>;\nconst KMAX: Key = vec2<u32>(0xffffffffu);",
            "fn key_lt(a: Key, b: Key) -> bool { return a.x < b.x || (a.x == b.x && a.y < b.y); }\n\
             fn key_eq(a: Key, b: Key) -> bool { return all(a == b); }",
        )
    } else {
        (
            "alias Word = u32;\nalias Key = u32;\nconst KMAX: Key = 0xffffffffu;",
            "fn key_lt(a: Key, b: Key) -> bool { return a < b; }\nfn key_eq(a: Key, b: Key) -> bool { return a == b; }",
        )
    };
    let key_of = match t {
        DType::F32 => {
            "let b = select(w, 0u, w == 0x80000000u);\n\
             return select(select(b | 0x80000000u, ~b, (b & 0x80000000u) != 0u), KMAX, (w & 0x7fffffffu) > 0x7f800000u);"
        }
        DType::F64 => {
            "let m = w.y & 0x7fffffffu;\n\
             if (m > 0x7ff00000u || (m == 0x7ff00000u && w.x != 0u)) { return KMAX; }\n\
             let neg = (w.y & 0x80000000u) != 0u && (m | w.x) != 0u;\n\
             return select(vec2<u32>(w.y | 0x80000000u, w.x), vec2<u32>(~w.y, ~w.x), neg);"
        }
        DType::I32 => "return w ^ 0x80000000u;",
        _ => "return w;",
    };
    format!("{types}\n{cmp}\nfn key_of(w: Word) -> Key {{\n{key_of}\n}}\n")
}

/// A pass of the bitonic argsort of elements of `t`: `local` runs stages in workgroup
/// memory, else one compare-exchange per invocation; the `first` (local) pass makes the
/// keys from the source.
pub(super) fn sort_source(t: DType, local: bool, first: bool) -> String {
    let (decls, load) = if first {
        (
            "@group(0) @binding(3) var<storage, read> src: array<Word>;",
            "let r = s / args[1];\npos = s - r * args[1];\nkey = key_of(src[args[7] + r * args[9] + pos]);",
        )
    } else {
        ("", "key = keys[args[5] + s];\npos = idx[args[6] + s];")
    };
    let local = if local { "true" } else { "false" };
    render(SORT, &[("KEYS", &sort_keys(t)), ("LOCAL", local), ("DECLS", decls), ("LOAD", load)])
}

/// The insertion-point search (`searchsorted`) for elements of `t`, counting the sorted
/// elements before each value (`right`: not after it).
pub(super) fn search_source(t: DType, right: bool) -> String {
    render(SEARCH, &[("KEYS", &sort_keys(t)), ("RIGHT", if right { "true" } else { "false" })])
}

/// A compiled compute pipeline and its bind group layout.
pub(super) struct Kernel {
    pub pipeline: wgpu::ComputePipeline,
    pub layout: wgpu::BindGroupLayout,
}

/// Pipelines by key, compiled once per device.
#[derive(Default)]
pub(super) struct PipelineCache {
    map: Mutex<HashMap<String, Arc<Kernel>>>,
}

impl PipelineCache {
    /// The kernel for `key`, compiling `source()` on first use. WGSL and pipeline
    /// validation errors come back as [`Error::KernelCompile`] with the compiler log.
    pub fn get(
        &self,
        device: &wgpu::Device,
        device_name: &str,
        key: &str,
        source: impl FnOnce() -> String,
    ) -> Result<Arc<Kernel>> {
        let mut map = self.map.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(k) = map.get(key) {
            return Ok(k.clone());
        }
        let kernel = Arc::new(compile(device, device_name, key, &source())?);
        map.insert(key.to_string(), kernel.clone());
        Ok(kernel)
    }
}

/// Compiles WGSL into a pipeline inside an error scope.
pub(super) fn compile(device: &wgpu::Device, device_name: &str, key: &str, source: &str) -> Result<Kernel> {
    let scope = device.push_error_scope(wgpu::ErrorFilter::Validation);
    let module = device.create_shader_module(wgpu::ShaderModuleDescriptor {
        label: Some(key),
        source: wgpu::ShaderSource::Wgsl(source.into()),
    });
    let pipeline = device.create_compute_pipeline(&wgpu::ComputePipelineDescriptor {
        label: Some(key),
        layout: None,
        module: &module,
        entry_point: Some("main"),
        compilation_options: wgpu::PipelineCompilationOptions::default(),
        cache: None,
    });
    if let Some(e) = pollster::block_on(scope.pop()) {
        return Err(Error::KernelCompile {
            kernel: key.to_string(),
            device: device_name.to_string(),
            log: e.to_string(),
        });
    }
    let layout = pipeline.get_bind_group_layout(0);
    Ok(Kernel { pipeline, layout })
}
