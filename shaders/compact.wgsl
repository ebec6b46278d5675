// Compaction (`extract`, `flatnonzero`): for each i of a chunk with mask[i] set,
// out[positions[i] - 1] = {{VALUE}} (the value at i, or i itself).
//
// Template parameters (filled by src/backend/wgpu/kernels.rs):
//   {{T}}      storage word of the element, copied by bits (u32, or vec2<u32> for f64)
//   {{DECLS}}  the values binding, when there are values
//   {{VALUE}}  `vals[args[4] + t]` or `args[1] + t`
//
// args (u32 words, element indices): 0 n (elements of the chunk), 1 i0 (its first
//   index), 2 mask_at, 3 pos_at (where the chunk starts in those bindings),
//   4 vals_at, 5 out_lo, 6 out_hi (this pass writes only positions out_lo..out_hi),
//   7 out_base (position the output binding starts at)
// Workgroups are laid out in 2-D when n/256 > 65535.

@group(0) @binding(0) var<storage, read_write> out: array<{{T}}>;
@group(0) @binding(1) var<storage, read> args: array<u32>;
@group(0) @binding(2) var<storage, read> mask: array<u32>;
@group(0) @binding(3) var<storage, read> positions: array<u32>;
{{DECLS}}

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) li: u32) {
    let t = (wg.y * nwg.x + wg.x) * 256u + li;
    if (t >= args[0] || mask[args[2] + t] == 0u) { return; }
    let p = positions[args[3] + t] - 1u;
    if (p < args[5] || p >= args[6]) { return; }
    out[p - args[7]] = {{VALUE}};
}
