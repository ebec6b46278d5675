// Occurrences (`bincount`): counts[v] += 1 for every value v of a chunk of `vals` that
// falls in the window [lo, hi) of the counts (src/backend/wgpu/gather.rs runs one pass
// per (window, chunk) pair). With few bins each workgroup first counts into workgroup
// memory (no contention on the device's atomics), then adds its nonzero bins.
//
// Template parameters (filled by src/backend/wgpu/kernels.rs):
//   {{LOCAL}}  true: bins fit workgroup memory (hi - lo <= BINS)
//
// args (u32 words; offsets in elements from the start of each binding):
//   0 n: values in this chunk   1 vals_off   2 lo   3 bins (hi - lo)   4 counts_off
// Each invocation loops over at most PER values, and (LOCAL) BINS / 256 bins.

@group(0) @binding(0) var<storage, read_write> counts: array<atomic<u32>>;
@group(0) @binding(1) var<storage, read> args: array<u32>;
@group(0) @binding(2) var<storage, read> vals: array<u32>;

const LOCAL: bool = {{LOCAL}};
const BINS: u32 = 4096u;
const PER: u32 = 16u;

var<workgroup> local_counts: array<atomic<u32>, BINS>;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) li: u32) {
    let group = wg.y * nwg.x + wg.x;
    let lo = args[2];
    let bins = args[3];
    if (LOCAL) {
        for (var b = li; b < bins; b += 256u) {
            atomicStore(&local_counts[b], 0u);
        }
        workgroupBarrier();
    }
    // Invocation li reads values group * PER * 256 + q * 256 + li: coalesced.
    for (var q = 0u; q < PER; q++) {
        let t = (group * PER + q) * 256u + li;
        if (t < args[0]) {
            let v = vals[args[1] + t];
            if (v >= lo && v - lo < bins) {
                if (LOCAL) {
                    atomicAdd(&local_counts[v - lo], 1u);
                } else {
                    atomicAdd(&counts[args[4] + v - lo], 1u);
                }
            }
        }
    }
    if (LOCAL) {
        workgroupBarrier();
        for (var b = li; b < bins; b += 256u) {
            let c = atomicLoad(&local_counts[b]);
            if (c != 0u) {
                atomicAdd(&counts[args[4] + b], c);
            }
        }
    }
}
