// Strided elementwise kernel: out[i] = EXPR(in0[..], .., in{NIN-1}[..]) for i in 0..n.
//
// Template parameters (filled by src/backend/wgpu/kernels.rs):
//   {{OUT}}   the output's storage element type (bool is stored as u32)
//   {{DECLS}} the inputs' bindings, in0.. (storage types as OUT)
//   {{NIN}}   number of inputs (1..=4, kernels::OPERANDS)
//   {{ND}}    collapsed dimensions (the index decomposition is unrolled over them)
//   {{EXPR}}  the op, in terms of a, b, c, d
//   {{OUT_INDEX}}  `args[1] + i` (a contiguous output range) or `out_index(idx)` (a
//             strided box of the output, for views no contiguous range can bind)
//   {{ONCE}}  `for (var once = 0u; once < 1u; once++)` for expressions that iterate
//             (`wgsl::iterative`), else empty: see kernels::Elementwise::source
//
// args (u32 words): n, out_off, off[NIN], shape[ND], then strides[ND] of each input
// (i32 bit patterns; 0 = broadcast), then for strided boxes the output strides[ND].
// One element per invocation; workgroups are laid out in 2-D when n/256 > 65535.

@group(0) @binding(0) var<storage, read_write> out: array<{{OUT}}>;
@group(0) @binding(1) var<storage, read> args: array<u32>;
{{DECLS}}

const ND: u32 = {{ND}}u;
const NIN: u32 = {{NIN}}u;
const SHAPE: u32 = 2u + NIN;

fn offset_of(k: u32, idx: array<u32, {{NDA}}>) -> u32 {
    var off = i32(args[2u + k]);
    for (var d = 0u; d < ND; d++) {
        off += i32(idx[d]) * bitcast<i32>(args[SHAPE + ND * (1u + k) + d]);
    }
    return u32(off);
}

// Output index of a box whose output is strided (args[SHAPE + (1 + NIN) ND ..]: output
// strides).
fn out_index(idx: array<u32, {{NDA}}>) -> u32 {
    var off = i32(args[1]);
    for (var d = 0u; d < ND; d++) {
        off += i32(idx[d]) * bitcast<i32>(args[SHAPE + ND * (1u + NIN) + d]);
    }
    return u32(off);
}

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) li: u32) {
    let i = (wg.y * nwg.x + wg.x) * 256u + li;
    if (i >= args[0]) { return; }
    var idx: array<u32, {{NDA}}>;
    var rem = i;
    for (var d = ND; d > 0u; d--) {
        let extent = args[SHAPE + d - 1u];
        idx[d - 1u] = rem % extent;
        rem = rem / extent;
    }
    {{ONCE}} {
{{LOADS}}
    out[{{OUT_INDEX}}] = {{EXPR}};
    }
}
