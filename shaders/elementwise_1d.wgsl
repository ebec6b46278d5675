// Elementwise kernel for operands that are dense or broadcast along one collapsed
// dimension (the common case): no index decomposition, {{PER}} elements per invocation
// (4, or 1 for expressions that iterate: see kernels::per_invocation_1d).
//
// Template parameters as elementwise.wgsl, and {{PER}}. args: n, out_off, off[NIN],
// stride[NIN] (i32 bit patterns).

@group(0) @binding(0) var<storage, read_write> out: array<{{OUT}}>;
@group(0) @binding(1) var<storage, read> args: array<u32>;
{{DECLS}}

const NIN: u32 = {{NIN}}u;

fn offset_of(k: u32, i: u32) -> u32 {
    return u32(i32(args[2u + k]) + i32(i) * bitcast<i32>(args[2u + NIN + k]));
}

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) li: u32) {
    let base = (wg.y * nwg.x + wg.x) * (256u * {{PER}}u) + li;
    let n = args[0];
    for (var r = 0u; r < {{PER}}u; r++) {
        let i = base + r * 256u;
        if (i < n) {
{{LOADS1D}}
            out[args[1] + i] = {{EXPR}};
        }
    }
}
