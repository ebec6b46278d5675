// Scatter-add of f64 values without atomics (WGSL has no 64-bit ones): the values are
// ordered by their wrapped positions first (grouped by shaders/scatter_group.wgsl, or
// sorted; src/backend/wgpu/gather.rs), so the additions to one element are one run of
// equal keys, and each run's sum is added to its element by exactly one
// invocation. One level: invocation b walks positions [b·B, b·B + B) of the sorted
// sequence, adding up its runs in order. The runs inside the block (another key on
// each side within it) belong to no other block: their sums go straight to dst. The
// block's first and last runs may continue into the neighbours: they go out as the
// partial sums (out_keys[2b], out_sums[2b]) and (out_keys[2b + 1], out_sums[2b + 1])
// (a block of one run: the run, then its key with 0), a sequence sorted like the input,
// 2/B as long, which the next level reduces the same way. The last level (one block)
// writes every run. Loops are bounded by B (llvmpipe ends loops past 65535 iterations).
//
// Template parameters (filled by src/backend/wgpu/kernels.rs):
//   {{DECLS}}  the input bindings (4, 5 and perhaps 6)
//   {{KEY}}    body of key_at(i) -> u32: the i-th key in sorted order
//   {{VAL}}    body of val_at(i) -> f64: its value
// First level: keys[perm[i]] and vals[vals_off + perm[i] · step] (perm from argsort);
// later levels: the previous level's in_keys[i] and in_sums[i].
//
// args (u32 words): 0 n: positions   1 d0, 2 d1: dst's window (keys outside it are
//   another pass's)   3 dst_off: where d0 sits in the dst binding   4 last level (0/1)
//   5 vals_off   6 vals_step

const B: u32 = 64u;

@group(0) @binding(0) var<storage, read_write> dst: array<f64>;
@group(0) @binding(1) var<storage, read> args: array<u32>;
@group(0) @binding(2) var<storage, read_write> out_keys: array<u32>;
@group(0) @binding(3) var<storage, read_write> out_sums: array<f64>;
{{DECLS}}

fn key_at(i: u32) -> u32 {
    {{KEY}}
}

fn val_at(i: u32) -> f64 {
    {{VAL}}
}

fn emit(k: u32, s: f64) {
    if (k >= args[1] && k < args[2]) {
        let at = args[3] + (k - args[1]);
        dst[at] = dst[at] + s;
    }
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) li: u32) {
    let b = (wg.y * nwg.x + wg.x) * 64u + li;
    let n = args[0];
    let start = b * B;
    if (start >= n) { return; }
    let end = min(start + B, n);
    let last_level = args[4] != 0u;
    var k = key_at(start);
    var s = 0.0lf;
    var first = true;
    for (var i = start; i < end; i++) {
        let ki = key_at(i);
        if (ki != k) {
            if (first && !last_level) {
                out_keys[2u * b] = k;
                out_sums[2u * b] = s;
            } else {
                emit(k, s);
            }
            first = false;
            k = ki;
            s = 0.0lf;
        }
        s = s + val_at(i);
    }
    if (last_level) {
        emit(k, s);
    } else if (first) {
        out_keys[2u * b] = k;
        out_sums[2u * b] = s;
        out_keys[2u * b + 1u] = k;
        out_sums[2u * b + 1u] = 0.0lf;
    } else {
        out_keys[2u * b + 1u] = k;
        out_sums[2u * b + 1u] = s;
    }
}
