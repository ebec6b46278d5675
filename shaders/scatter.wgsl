// Scatter (`put`): element wrap(idx[i]) of dst becomes vals[i], the largest i winning
// where indices repeat. Two passes over the same invocations: CLAIM records i + 1 in
// `owner` with an atomic max; then (CLAIM false) each i whose claim stands writes. Each
// pass covers one chunk of the indices and one window [d0, d1) of dst (and of owner);
// indices outside the window are left to the pass whose window holds them.
//
// Template parameters (filled by src/backend/wgpu/kernels.rs):
//   {{I}}      index type (i32 or u32)   {{WRAP}}: body of wrap(v, len) -> u32
//   {{CLAIM}}  true for the claiming pass
//   {{DECLS}}  dst and vals as arrays of the element's word (u32, or vec2<u32>: copied
//              by bits), in the writing pass only
//   {{WRITE}}  the writing pass's store
//
// args (u32 words; offsets in elements from the start of each binding):
//   0 n: indices in this chunk   1 idx_off   2 len: dst's length (what indices wrap by)
//   3 d0, 4 d1: the window's flat range   5 owner_off, 6 dst_off: where d0 sits in the
//   owner and dst bindings   7 i0: the chunk's first position   8 vals_off   9 vals_step

@group(0) @binding(0) var<storage, read_write> owner: array<atomic<u32>>;
@group(0) @binding(1) var<storage, read> args: array<u32>;
@group(0) @binding(2) var<storage, read> idx: array<{{I}}>;
{{DECLS}}

const CLAIM: bool = {{CLAIM}};

fn wrap(v: {{I}}, len: u32) -> u32 {
    {{WRAP}}
}

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) li: u32) {
    let t = (wg.y * nwg.x + wg.x) * 256u + li;
    if (t >= args[0]) { return; }
    let j = wrap(idx[args[1] + t], args[2]);
    if (j < args[3] || j >= args[4]) { return; }
    let at = j - args[3];
    let me = args[7] + t + 1u;
    if (CLAIM) {
        atomicMax(&owner[args[5] + at], me);
    } else if (atomicLoad(&owner[args[5] + at]) == me) {
        {{WRITE}}
    }
}
