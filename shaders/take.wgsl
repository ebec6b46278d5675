// Gather along one axis (`take`): out[o] = src[offset of o, with the gathered axis at
// wrap(idx[j])], eight consecutive output elements per invocation.
//
// Template parameters (filled by src/backend/wgpu/kernels.rs):
//   {{T}}     storage word of the element, copied by bits (u32, or vec2<u32> for f64)
//   {{I}}     index type (i32 or u32)
//   {{WRAP}}  `v % len` folded into 0..len (Python's modulo for i32)
//   {{ND}}    collapsed dimensions of the gathered shape
//
// args (u32 words; offsets are element indices, i32 bit patterns where marked):
//   0 n            output elements of this dispatch
//   1 first        flat output index of invocation 0 (the output chunk's start)
//   2 out_base     output element the output binding starts at
//   3 src_off      the view's offset (i32)      4 src_base  element the src binding starts at
//   5 src_lo       6 src_hi: this pass writes only elements read from src_lo..src_hi
//   7 idx_off      the index view's offset      8 idx_base  element the idx binding starts at
//   9 idx_lo      10 idx_hi: this pass writes only elements whose index is in idx_lo..idx_hi
//  11 len          axis length (> 0)           12 step  the axis stride in src (i32)
//  13.. shape[ND], src_strides[ND] (i32; 0 along the index dimensions), idx_strides[ND]
//        (i32; 0 off them): see `Gather` in src/backend/mod.rs
// Passes over windows of src, idx and the output cover buffers larger than a binding:
// every element is written by exactly one pass. Workgroups are laid out in 2-D when
// n/2048 > 65535.

@group(0) @binding(0) var<storage, read_write> out: array<{{T}}>;
@group(0) @binding(1) var<storage, read> args: array<u32>;
@group(0) @binding(2) var<storage, read> src: array<{{T}}>;
@group(0) @binding(3) var<storage, read> idx: array<{{I}}>;

const ND: u32 = {{ND}}u;

fn wrap(v: {{I}}, len: u32) -> u32 {
    {{WRAP}}
}

// Where flat output index `flat` reads: (src offset, idx offset, innermost coordinate).
struct Place { s: i32, j: i32, k: u32 }

fn place(flat: u32) -> Place {
    var rem = flat;
    var p = Place(bitcast<i32>(args[3]), bitcast<i32>(args[7]), 0u);
    for (var d = ND; d > 0u; d--) {
        let extent = args[12u + d];
        let k = rem % extent;
        rem = rem / extent;
        if (d == ND) { p.k = k; }
        p.s += i32(k) * bitcast<i32>(args[12u + ND + d]);
        p.j += i32(k) * bitcast<i32>(args[12u + 2u * ND + d]);
    }
    return p;
}

// PER consecutive output elements per invocation: the index decomposition (integer
// divisions, scalar per lane on CPU drivers) is done once, then stepped along the
// innermost dimension, and redone only where that dimension wraps.
const PER: u32 = 8u;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) li: u32) {
    let i0 = ((wg.y * nwg.x + wg.x) * 256u + li) * PER;
    let n = args[0];
    if (i0 >= n) { return; }
    let extent = args[12u + ND];
    let ds = bitcast<i32>(args[12u + 2u * ND]);
    let dj = bitcast<i32>(args[12u + 3u * ND]);
    var p = place(args[1] + i0);
    for (var t = 0u; t < PER; t++) {
        let i = i0 + t;
        if (i >= n) { break; }
        if (p.k == extent) { p = place(args[1] + i); }
        let j = p.j;
        if (u32(j) >= args[9] && u32(j) < args[10]) {
            let s = p.s + i32(wrap(idx[u32(j) - args[8]], args[11])) * bitcast<i32>(args[12]);
            if (u32(s) >= args[5] && u32(s) < args[6]) {
                out[args[1] + i - args[2]] = src[u32(s) - args[4]];
            }
        }
        p.k += 1u;
        p.s += ds;
        p.j += dj;
    }
}
