// Groups a chunk of the f64 scatter-add's values by destination (a counting sort):
// `ends` holds, per destination, the end of its group (the inclusive running total of
// the counts); each value takes the slot below its group's end by an atomic decrement
// and writes its key and value there. Afterwards the keys run in ascending order and
// each group is contiguous (its order is the atomics'), ready for
// shaders/segment_add.wgsl.
//
// args (u32 words): 0 m: values in this chunk   1 vals_off   2 vals_step

@group(0) @binding(0) var<storage, read_write> ends: array<atomic<u32>>;
@group(0) @binding(1) var<storage, read> args: array<u32>;
@group(0) @binding(2) var<storage, read> keys: array<u32>;
@group(0) @binding(3) var<storage, read> vals: array<f64>;
@group(0) @binding(4) var<storage, read_write> grouped_keys: array<u32>;
@group(0) @binding(5) var<storage, read_write> grouped_vals: array<f64>;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) li: u32) {
    let t = (wg.y * nwg.x + wg.x) * 256u + li;
    if (t >= args[0]) { return; }
    let k = keys[t];
    let slot = atomicSub(&ends[k], 1u) - 1u;
    grouped_keys[slot] = k;
    grouped_vals[slot] = vals[args[1] + t * args[2]];
}
