// Gather along one axis (`take`): out[o] = src[offset of o, with the gathered axis at
// wrap(idx[j])], one output element per invocation.
//
// Template parameters (filled by src/backend/wgpu/kernels.rs):
//   {{T}}     storage word of the element, copied by bits (u32, or vec2<u32> for f64)
//   {{I}}     index type (i32 or u32)
//   {{WRAP}}  `v % len` folded into 0..len (Python's modulo for i32)
//   {{ND}}    collapsed dimensions of the gathered shape
//
// args (u32 words; offsets are element indices, i32 bit patterns where marked):
//   0 n            invocations of this dispatch
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
// n/256 > 65535.

@group(0) @binding(0) var<storage, read_write> out: array<{{T}}>;
@group(0) @binding(1) var<storage, read> args: array<u32>;
@group(0) @binding(2) var<storage, read> src: array<{{T}}>;
@group(0) @binding(3) var<storage, read> idx: array<{{I}}>;

const ND: u32 = {{ND}}u;

fn wrap(v: {{I}}, len: u32) -> u32 {
    {{WRAP}}
}

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) li: u32) {
    let i = (wg.y * nwg.x + wg.x) * 256u + li;
    if (i >= args[0]) { return; }
    var rem = args[1] + i;
    var s = bitcast<i32>(args[3]);
    var j = bitcast<i32>(args[7]);
    for (var d = ND; d > 0u; d--) {
        let extent = args[12u + d];
        let k = i32(rem % extent);
        rem = rem / extent;
        s += k * bitcast<i32>(args[12u + ND + d]);
        j += k * bitcast<i32>(args[12u + 2u * ND + d]);
    }
    if (u32(j) < args[9] || u32(j) >= args[10]) { return; }
    s += i32(wrap(idx[u32(j) - args[8]], args[11])) * bitcast<i32>(args[12]);
    if (u32(s) < args[5] || u32(s) >= args[6]) { return; }
    out[args[1] + i - args[2]] = src[u32(s) - args[4]];
}
