//! Kernel parameter blocks: `#[repr(C)]` mirrors of the structs in `kernels/*.cu`, passed
//! by value as each kernel's single argument. Every field is 8 bytes wide, so neither
//! side pads; [`static_asserts`] emits C `static_assert`s of the sizes and offsets seen
//! here, appended to every NVRTC program, so a layout drift fails to compile (in CI
//! too) instead of corrupting memory on a GPU.

#[cfg(test)]
use std::mem::offset_of;
use std::mem::size_of;

use cudarc::driver::DeviceRepr;

use crate::layout::Collapsed;

/// Dimensions a kernel indexes after collapsing (`MAXD` in `kernels/common.cuh`).
pub(super) const MAXD: usize = 8;
/// Threads per block of every kernel (`BLOCK`).
pub(super) const BLOCK: u32 = 256;
/// Elements per block-tile in elementwise kernels (`BLOCK * EW_ITEMS`).
pub(super) const EW_TILE: usize = 256 * 4;
/// Run positions per block in block reductions (`R_TILE`).
pub(super) const R_TILE: usize = 256 * 16;
/// Run positions per thread in thread reductions (`RT_ITEMS`).
pub(super) const RT_ITEMS: usize = 32;
/// Largest grid x dimension.
pub(super) const GRID_MAX: usize = i32::MAX as usize;

/// One operand of an elementwise kernel: a strided view or a scalar.
#[repr(C)]
#[derive(Clone, Copy, Default, Debug)]
pub(super) struct Operand {
    pub ptr: u64,
    pub offset: i64,
    pub strides: [i64; MAXD],
    pub scalar: u64,
    pub is_scalar: u64,
}

/// `EwParams`: unary, binary, compare, select, cast and copy kernels.
#[repr(C)]
#[derive(Clone, Copy, Default, Debug)]
pub(super) struct EwParams {
    pub n: i64,
    pub ndim: i64,
    pub shape: [i64; MAXD],
    pub inp: [Operand; 4],
    pub out: u64,
}

/// `FillParams`: fill_b8, arange, linspace.
#[repr(C)]
#[derive(Clone, Copy, Default, Debug)]
pub(super) struct FillParams {
    pub out: u64,
    pub n: i64,
    pub bits: u64,
    pub start: f64,
    pub step: f64,
    pub stop: f64,
}

/// `TakeParams`: the gather kernels (`take`).
#[repr(C)]
#[derive(Clone, Copy, Default, Debug)]
pub(super) struct TakeParams {
    pub n: i64,
    pub ndim: i64,
    pub shape: [i64; MAXD],
    pub src: u64,
    pub src_off: i64,
    pub src_strides: [i64; MAXD],
    pub idx: u64,
    pub idx_off: i64,
    pub idx_strides: [i64; MAXD],
    pub len: i64,
    pub step: i64,
    pub out: u64,
}

/// `ScanParams`: one pass of a scan (`cumsum` and friends).
#[repr(C)]
#[derive(Clone, Copy, Default, Debug)]
pub(super) struct ScanParams {
    pub src: u64,
    pub out: u64,
    pub carry: u64,
    pub off: i64,
    pub so: i64,
    pub sl: i64,
    pub si: i64,
    pub outer: i64,
    pub len: i64,
    pub inner: i64,
    pub seg: i64,
    pub nseg: i64,
    pub totals: i64,
    pub has_carry: i64,
}

/// `CompactParams`: compaction (`extract`, `flatnonzero`).
#[repr(C)]
#[derive(Clone, Copy, Default, Debug)]
pub(super) struct CompactParams {
    pub vals: u64,
    pub mask: u64,
    pub pos: u64,
    pub out: u64,
    pub n: i64,
    pub has_values: i64,
}

/// `FftParams`: one radix-2 Stockham FFT step.
#[repr(C)]
#[derive(Clone, Copy, Default, Debug)]
pub(super) struct FftParams {
    pub src: u64,
    pub tw: u64,
    pub out: u64,
    pub total: i64,
    pub n: i64,
    pub h: i64,
}

/// `FftRadixParams`: one Stockham FFT step of any radix.
#[repr(C)]
#[derive(Clone, Copy, Default, Debug)]
pub(super) struct FftRadixParams {
    pub src: u64,
    pub tw: u64,
    pub out: u64,
    pub total: i64,
    pub n: i64,
    pub l: i64,
    pub r: i64,
}

/// `FftLocalParams`: whole FFTs in shared memory.
#[repr(C)]
#[derive(Clone, Copy, Default, Debug)]
pub(super) struct FftLocalParams {
    pub src: u64,
    pub tw: u64,
    pub out: u64,
    pub total: i64,
    pub log_n: i64,
}

/// `SortParams`: one pass of the bitonic argsort.
#[repr(C)]
#[derive(Clone, Copy, Default, Debug)]
pub(super) struct SortParams {
    pub src: u64,
    pub keys: u64,
    pub idx: u64,
    pub src_off: i64,
    pub src_rs: i64,
    pub rows: i64,
    pub n: i64,
    pub logp: i64,
    pub k: i64,
    pub j: i64,
    pub first: i64,
}

/// `SearchParams`: `searchsorted`.
#[repr(C)]
#[derive(Clone, Copy, Default, Debug)]
pub(super) struct SearchParams {
    pub sorted: u64,
    pub values: u64,
    pub out: u64,
    pub len: i64,
    pub n: i64,
    pub right: i64,
}

/// `ScatterParams`: a pass of `put` (or `scatter_add`, which leaves `owner` and `claim` 0).
#[repr(C)]
#[derive(Clone, Copy, Default, Debug)]
pub(super) struct ScatterParams {
    pub dst: u64,
    pub owner: u64,
    pub idx: u64,
    pub vals: u64,
    pub n: i64,
    pub len: i64,
    pub vstep: i64,
    pub claim: i64,
}

/// `BincountParams`: `bincount`.
#[repr(C)]
#[derive(Clone, Copy, Default, Debug)]
pub(super) struct BincountParams {
    pub values: u64,
    pub counts: u64,
    pub n: i64,
    pub len: i64,
}

/// `RedParams`: one pass of a reduction.
#[repr(C)]
#[derive(Clone, Copy, Default, Debug)]
pub(super) struct RedParams {
    pub inp: u64,
    pub out: u64,
    pub offset: i64,
    pub outer: i64,
    pub rlen: i64,
    pub splits: i64,
    pub count: i64,
    pub ondim: i64,
    pub indim: i64,
    pub oshape: [i64; MAXD],
    pub ostride: [i64; MAXD],
    pub ishape: [i64; MAXD],
    pub istride: [i64; MAXD],
}

/// `DotParams`: the first pass of a dot product.
#[repr(C)]
#[derive(Clone, Copy, Default, Debug)]
pub(super) struct DotParams {
    pub a: u64,
    pub b: u64,
    pub out: u64,
    pub a_off: i64,
    pub a_stride: i64,
    pub b_off: i64,
    pub b_stride: i64,
    pub n: i64,
    pub splits: i64,
}

/// `MatmulParams`: the tiled matmul kernel.
#[repr(C)]
#[derive(Clone, Copy, Default, Debug)]
pub(super) struct MatmulParams {
    pub a: u64,
    pub b: u64,
    pub out: u64,
    pub m: i64,
    pub n: i64,
    pub k: i64,
    pub a_off: i64,
    pub a_rs: i64,
    pub a_cs: i64,
    pub b_off: i64,
    pub b_rs: i64,
    pub b_cs: i64,
    pub batch_first: i64,
    pub batch_ndim: i64,
    pub bshape: [i64; MAXD],
    pub a_bstride: [i64; MAXD],
    pub b_bstride: [i64; MAXD],
}

/// `RandParams`: the Philox kernels.
#[repr(C)]
#[derive(Clone, Copy, Default, Debug)]
pub(super) struct RandParams {
    pub out: u64,
    pub n: i64,
    pub seed: u64,
    pub lo: u64,
    pub range: u64,
    pub a: f64,
    pub b: f64,
}

// SAFETY: each type is `#[repr(C)]`, `Copy`, made only of u64/i64/f64 fields and arrays
// of them (no padding, no pointers the host dereferences), and mirrors the kernel
// parameter struct of the same name field for field; the NVRTC programs assert the
// sizes and offsets (see `static_asserts`), so the driver copies exactly what the
// kernel reads.
unsafe impl DeviceRepr for EwParams {}
// SAFETY: as above.
unsafe impl DeviceRepr for FillParams {}
// SAFETY: as above.
unsafe impl DeviceRepr for TakeParams {}
// SAFETY: as above.
unsafe impl DeviceRepr for ScanParams {}
// SAFETY: as above.
unsafe impl DeviceRepr for CompactParams {}
// SAFETY: as above.
unsafe impl DeviceRepr for FftParams {}
// SAFETY: as above.
unsafe impl DeviceRepr for FftLocalParams {}
// SAFETY: as above.
unsafe impl DeviceRepr for FftRadixParams {}
// SAFETY: as above.
unsafe impl DeviceRepr for SortParams {}
// SAFETY: as above.
unsafe impl DeviceRepr for SearchParams {}
// SAFETY: as above.
unsafe impl DeviceRepr for ScatterParams {}
// SAFETY: as above.
unsafe impl DeviceRepr for BincountParams {}
// SAFETY: as above.
unsafe impl DeviceRepr for RedParams {}
// SAFETY: as above.
unsafe impl DeviceRepr for DotParams {}
// SAFETY: as above.
unsafe impl DeviceRepr for MatmulParams {}
// SAFETY: as above.
unsafe impl DeviceRepr for RandParams {}

/// Copies up to `MAXD` values into a fixed array (the caller checked the length).
pub(super) fn dims<T: Copy + TryInto<i64>>(src: &[T]) -> [i64; MAXD] {
    let mut out = [0i64; MAXD];
    for (o, &v) in out.iter_mut().zip(src) {
        *o = v.try_into().unwrap_or(i64::MAX);
    }
    out
}

/// The collapsed shape of operand `k` as (ndim, shape, strides) arrays.
pub(super) fn collapsed_dims(c: &Collapsed, k: usize) -> (i64, [i64; MAXD], [i64; MAXD]) {
    (c.shape.len() as i64, dims(&c.shape), dims(&c.strides[k]))
}

/// Grid size for `work` items of `per_block` each, capped at the hardware limit (the
/// kernels loop over the rest).
pub(super) fn grid_for(work: usize, per_block: usize) -> u32 {
    work.div_ceil(per_block).clamp(1, GRID_MAX) as u32
}

/// Emits the checks for one struct: its size, each field's width, and (C++20) a
/// designated initializer naming every field in declaration order, which compiles only
/// if the C struct has exactly these fields in this order. The Rust side destructures
/// the struct with the same list (so it names every Rust field), and the unit test
/// `field_lists_follow_declaration_order` checks the list is in Rust's memory order.
macro_rules! layout_check {
    ($out:ident, $ty:ident { $($field:ident => $c:literal),* $(,)? }) => {{
        let value = $ty::default();
        let $ty { $($field: _),* } = value;
        let name = stringify!($ty);
        $out.push_str(&format!(
            "static_assert(sizeof({name}) == {}, \"{name}: size differs from src/backend/cuda/params.rs\");\n",
            size_of::<$ty>()
        ));
        $(
            $out.push_str(&format!(
                "static_assert(sizeof({name}::{}) == {}, \"{name}.{}: width differs from params.rs\");\n",
                $c, std::mem::size_of_val(&value.$field), $c
            ));
        )*
        let fields: Vec<&str> = vec![$($c),*];
        let init: Vec<String> = fields.iter().map(|f| format!(".{f} = {{}}")).collect();
        $out.push_str(&format!(
            "#if __cplusplus >= 202002L\n__device__ constexpr bool layout_{name}() {{ {name} x = {{ {} }}; return x.{} == 0; }}\n\
             static_assert(layout_{name}(), \"{name}: field order differs from params.rs\");\n#endif\n",
            init.join(", "),
            fields[0]
        ));
    }};
}

/// The Rust offsets of the fields listed for `$ty`, in list order (for the unit test).
#[cfg(test)]
macro_rules! offsets {
    ($ty:ident { $($field:ident),* }) => { vec![$(offset_of!($ty, $field)),*] };
}

/// C `static_assert`s of every parameter block `family` (a kernels/*.cu file stem) uses.
pub(super) fn static_asserts(family: &str) -> String {
    let mut s = String::from("\n// ---- host layout checks (generated by src/backend/cuda/params.rs)\n");
    match family {
        "elementwise" => {
            layout_check!(s, Operand { ptr => "ptr", offset => "offset", strides => "strides", scalar => "scalar",
                is_scalar => "is_scalar" });
            layout_check!(s, EwParams { n => "n", ndim => "ndim", shape => "shape", inp => "in", out => "out" });
            layout_check!(s, FillParams { out => "out", n => "n", bits => "bits", start => "start", step => "step",
                stop => "stop" });
            layout_check!(s, TakeParams { n => "n", ndim => "ndim", shape => "shape", src => "src",
                src_off => "src_off", src_strides => "src_strides", idx => "idx", idx_off => "idx_off",
                idx_strides => "idx_strides", len => "len", step => "step", out => "out" });
            layout_check!(s, ScanParams { src => "src", out => "out", carry => "carry", off => "off", so => "so",
                sl => "sl", si => "si", outer => "outer", len => "len", inner => "inner", seg => "seg",
                nseg => "nseg", totals => "totals", has_carry => "has_carry" });
            layout_check!(s, CompactParams { vals => "vals", mask => "mask", pos => "pos", out => "out", n => "n",
                has_values => "has_values" });
            layout_check!(s, FftParams { src => "src", tw => "tw", out => "out", total => "total", n => "n",
                h => "h" });
            layout_check!(s, FftLocalParams { src => "src", tw => "tw", out => "out", total => "total",
                log_n => "log_n" });
            layout_check!(s, FftRadixParams { src => "src", tw => "tw", out => "out", total => "total", n => "n",
                l => "l", r => "r" });
            layout_check!(s, SortParams { src => "src", keys => "keys", idx => "idx", src_off => "src_off",
                src_rs => "src_rs", rows => "rows", n => "n", logp => "logp", k => "k", j => "j", first => "first" });
            layout_check!(s, BincountParams { values => "values", counts => "counts", n => "n", len => "len" });
            layout_check!(s, ScatterParams { dst => "dst", owner => "owner", idx => "idx", vals => "vals", n => "n",
                len => "len", vstep => "vstep", claim => "claim" });
            layout_check!(s, SearchParams { sorted => "sorted", values => "values", out => "out", len => "len", n => "n",
                right => "right" });
        }
        "reduce" => {
            layout_check!(s, RedParams { inp => "in", out => "out", offset => "offset", outer => "outer", rlen => "rlen",
                splits => "splits", count => "count", ondim => "ondim", indim => "indim", oshape => "oshape",
                ostride => "ostride", ishape => "ishape", istride => "istride" });
            layout_check!(s, DotParams { a => "a", b => "b", out => "out", a_off => "a_off", a_stride => "a_stride",
                b_off => "b_off", b_stride => "b_stride", n => "n", splits => "splits" });
        }
        "matmul" => layout_check!(s, MatmulParams { a => "a", b => "b", out => "out", m => "m", n => "n", k => "k",
            a_off => "a_off", a_rs => "a_rs", a_cs => "a_cs", b_off => "b_off", b_rs => "b_rs", b_cs => "b_cs",
            batch_first => "batch_first", batch_ndim => "batch_ndim", bshape => "bshape", a_bstride => "a_bstride",
            b_bstride => "b_bstride" }),
        "random" => layout_check!(s, RandParams { out => "out", n => "n", seed => "seed", lo => "lo", range => "range",
            a => "a", b => "b" }),
        _ => {}
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_lists_follow_declaration_order() {
        let lists = [
            offsets!(Operand { ptr, offset, strides, scalar, is_scalar }),
            offsets!(EwParams { n, ndim, shape, inp, out }),
            offsets!(FillParams { out, n, bits, start, step, stop }),
            offsets!(TakeParams {
                n,
                ndim,
                shape,
                src,
                src_off,
                src_strides,
                idx,
                idx_off,
                idx_strides,
                len,
                step,
                out
            }),
            offsets!(ScanParams { src, out, carry, off, so, sl, si, outer, len, inner, seg, nseg, totals, has_carry }),
            offsets!(CompactParams { vals, mask, pos, out, n, has_values }),
            offsets!(FftParams { src, tw, out, total, n, h }),
            offsets!(FftLocalParams { src, tw, out, total, log_n }),
            offsets!(FftRadixParams { src, tw, out, total, n, l, r }),
            offsets!(SortParams { src, keys, idx, src_off, src_rs, rows, n, logp, k, j, first }),
            offsets!(SearchParams { sorted, values, out, len, n, right }),
            offsets!(ScatterParams { dst, owner, idx, vals, n, len, vstep, claim }),
            offsets!(BincountParams { values, counts, n, len }),
            offsets!(RedParams {
                inp,
                out,
                offset,
                outer,
                rlen,
                splits,
                count,
                ondim,
                indim,
                oshape,
                ostride,
                ishape,
                istride
            }),
            offsets!(DotParams { a, b, out, a_off, a_stride, b_off, b_stride, n, splits }),
            offsets!(MatmulParams {
                a,
                b,
                out,
                m,
                n,
                k,
                a_off,
                a_rs,
                a_cs,
                b_off,
                b_rs,
                b_cs,
                batch_first,
                batch_ndim,
                bshape,
                a_bstride,
                b_bstride
            }),
            offsets!(RandParams { out, n, seed, lo, range, a, b }),
        ];
        for l in lists {
            assert!(l.windows(2).all(|w| w[0] < w[1]), "{l:?}");
        }
        for f in ["elementwise", "reduce", "matmul", "random"] {
            assert!(static_asserts(f).contains("static_assert(sizeof("), "{f}");
        }
    }
}
