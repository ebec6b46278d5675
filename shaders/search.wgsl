// Insertion points (`searchsorted`): for each value, the number of elements of a sorted
// 1-D array that sort before it (left) or not after it (right), in the order of
// shaders/sort.wgsl. A sorted array larger than one binding is searched one window per
// pass, each pass adding its window's count to the output.
//
// Template parameters (filled by src/backend/wgpu/kernels.rs):
//   {{KEYS}}   the order (kernels.rs `sort_keys`): Word, Key, key_of, key_lt, key_eq
//   {{RIGHT}}  true: count the elements not after the value (NumPy's side="right")
//
// args (u32 words; offsets in elements from the start of each binding):
//   0 n: values in this pass   1 len: sorted elements in this window
//   2 sorted_off   3 values_off   4 out_off   5 1 to add to the output, 0 to write it
// The binary search loops at most 32 times.

{{KEYS}}
@group(0) @binding(0) var<storage, read_write> out: array<u32>;
@group(0) @binding(1) var<storage, read> args: array<u32>;
@group(0) @binding(2) var<storage, read> sorted: array<Word>;
@group(0) @binding(3) var<storage, read> vals: array<Word>;

const RIGHT: bool = {{RIGHT}};

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) li: u32) {
    let t = (wg.y * nwg.x + wg.x) * 256u + li;
    if (t >= args[0]) { return; }
    let v = key_of(vals[args[3] + t]);
    var lo = 0u;
    var hi = args[1];
    while (lo < hi) {
        let mid = lo + (hi - lo) / 2u;
        let k = key_of(sorted[args[2] + mid]);
        if (select(key_lt(k, v), !key_lt(v, k), RIGHT)) {
            lo = mid + 1u;
        } else {
            hi = mid;
        }
    }
    var r = lo;
    if (args[5] == 1u) {
        r += out[args[4] + t];
    }
    out[args[4] + t] = r;
}
