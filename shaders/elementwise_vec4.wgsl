// Elementwise kernel on vectors of four elements, loaded and stored as vec4: the
// path for operands that are dense (or broadcast scalars) along one dimension with
// 16-byte aligned offsets. Software rasterisers (lavapipe) load vectors far faster
// than scattered scalars; hardware GPUs coalesce either way.
//
// Template parameters: {{OUT}}, {{DECLS}} (dense inputs as array<vec4<T>>, broadcast
// ones as array<T>), {{PER}} (vectors per invocation), {{UNIFORM_LOADS}} and {{LOADS}}
// (va, vb, vc, vd: broadcast and dense operands), {{COMPONENTS}} (EXPR per component).
// args (u32): n4 (vec4 count), out offset (in vec4s), offsets of inputs 0..3, 0 past
// the last (in vec4s for dense inputs, elements for broadcast ones).

@group(0) @binding(0) var<storage, read_write> out: array<vec4<{{OUT}}>>;
@group(0) @binding(1) var<storage, read> args: array<u32>;
{{DECLS}}

// Vectors per invocation, 256 apart (neighbouring invocations stay on neighbouring
// vectors): fewer, fuller workgroups; llvmpipe pays per workgroup (a*b+c 16M: 40 → 36 ms).
const PER: u32 = {{PER}}u;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) li: u32) {
    let first = (wg.y * nwg.x + wg.x) * 256u * PER + li;
    // Parameters and broadcast operands are read before the bounds check: outside
    // control flow, llvmpipe loads a uniform address once instead of lane by lane.
    let n4 = args[0];
    let o_out = args[1];
    let o_in = vec4<u32>(args[2], args[3], args[4], args[5]);
{{UNIFORM_LOADS}}
    for (var k = 0u; k < PER; k++) {
        let i = first + k * 256u;
        if (i >= n4) { return; }
{{LOADS}}
        var r: vec4<{{OUT}}>;
{{COMPONENTS}}
        out[o_out + i] = r;
    }
}
