// Elementwise kernel on four elements per invocation, loaded and stored as vec4: the
// path for operands that are dense (or broadcast scalars) along one dimension with
// 16-byte aligned offsets. Software rasterisers (lavapipe) load vectors far faster
// than scattered scalars; hardware GPUs coalesce either way.
//
// Template parameters: {{OUT}}, {{DECLS}} (dense inputs as array<vec4<T>>, broadcast
// ones as array<T>), {{LOADS}} (va, vb, vc), {{COMPONENTS}} (EXPR per component).
// args (u32): n4 (vec4 count), out offset (in vec4s), offsets of inputs 0..2
// (in vec4s for dense inputs, elements for broadcast ones).

@group(0) @binding(0) var<storage, read_write> out: array<vec4<{{OUT}}>>;
@group(0) @binding(1) var<storage, read> args: array<u32>;
{{DECLS}}

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) li: u32) {
    let i = (wg.y * nwg.x + wg.x) * 256u + li;
    if (i >= args[0]) { return; }
{{LOADS}}
    var r: vec4<{{OUT}}>;
{{COMPONENTS}}
    out[args[1] + i] = r;
}
