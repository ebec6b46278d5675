// The destination positions of a scatter, wrapped (Python's modulo by the length):
// keys[t] = wrap(idx[idx_off + t], len), for the sort of the f64 scatter-add
// (shaders/segment_add.wgsl).
//
// Template parameters (filled by src/backend/wgpu/kernels.rs):
//   {{I}}     index type (i32 or u32)   {{WRAP}}: body of wrap(v, len) -> u32
//
// args (u32 words): 0 n: indices in this chunk   1 idx_off   2 len

@group(0) @binding(0) var<storage, read_write> keys: array<u32>;
@group(0) @binding(1) var<storage, read> args: array<u32>;
@group(0) @binding(2) var<storage, read> idx: array<{{I}}>;

fn wrap(v: {{I}}, len: u32) -> u32 {
    {{WRAP}}
}

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) li: u32) {
    let t = (wg.y * nwg.x + wg.x) * 256u + li;
    if (t >= args[0]) { return; }
    keys[t] = wrap(idx[args[1] + t], args[2]);
}
