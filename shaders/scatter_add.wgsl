// Scatter-add (`np.add.at`): element wrap(idx[i]) of dst gains vals[i], every repeat
// counting. Integers add with atomicAdd; f32 with a compare-exchange loop on the bits
// (WGSL has no float atomics): a failed exchange means another invocation's add went
// in, so the loop ends after at most as many retries as there are rivals. Each pass
// covers one chunk of the indices and one window [d0, d1) of dst; indices outside the
// window are left to the pass whose window holds them.
//
// Template parameters (filled by src/backend/wgpu/kernels.rs):
//   {{I}}     index type (i32 or u32)   {{WRAP}}: body of wrap(v, len) -> u32
//   {{A}}     the atomic word of dst (i32 or u32; u32 holding f32 bits)
//   {{V}}     the value type as stored in vals
//   {{ADD}}   adds v to dst[at]
//
// args (u32 words; offsets in elements from the start of each binding):
//   0 n: indices in this chunk   1 idx_off   2 len: dst's length (what indices wrap by)
//   3 d0, 4 d1: the window's flat range   5 dst_off: where d0 sits in the dst binding
//   6 vals_off   7 vals_step

@group(0) @binding(0) var<storage, read_write> dst: array<atomic<{{A}}>>;
@group(0) @binding(1) var<storage, read> args: array<u32>;
@group(0) @binding(2) var<storage, read> idx: array<{{I}}>;
@group(0) @binding(3) var<storage, read> vals: array<{{V}}>;

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
    let at = args[5] + j - args[3];
    let v = vals[args[6] + t * args[7]];
    {{ADD}}
}
