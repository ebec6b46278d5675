// Bitonic argsort of the rows of a [rows, n] array (src/backend/wgpu/sort.rs). Each row
// is padded, virtually, to p = 2^logp positions; the padding sorts after everything,
// never moves and is never stored. Keys are order-preserving integers made from the
// elements' bits (NaN above everything, -0.0 equal to 0.0), compared together with the
// element's position, so the order is total and the sort stable. The network is the
// variant with only ascending comparators: stage k starts with a "flip" step (position
// o of each k-block against position k-1-o) followed by "disperse" steps (i against
// i + j for j = k/4 .. 1).
//
// Template parameters (filled by src/backend/wgpu/kernels.rs):
//   {{KEYS}}   the order (kernels.rs `sort_keys`): types Word (an element's bits) and Key,
//              KMAX, key_of(Word), key_lt, key_eq
//   {{LOCAL}}  true: each workgroup handles a block of BLOCK positions in workgroup
//              memory, running stages k_lo..=k_hi (doubling; for k > BLOCK only the
//              steps with j < BLOCK); false: one compare-exchange per invocation
//   {{DECLS}}  the source binding, on the first pass only
//   {{LOAD}}   statements setting `key` and `pos` of stored element s: from the source's
//              bits and the column on the first pass, else from `keys` and `idx`
//
// args (u32 words; offsets in elements from the start of each binding):
//   0 rows   1 n   2 logp   3 k (global) / k_lo (local)   4 j, 0 for the flip step
//   (global) / k_hi (local)   5 keys_off   6 idx_off   7 src_off   8 invocations (global)
//   or blocks (local)   9 src_rs: the source's row stride
// No loop runs more than log2(BLOCK)^2 times (llvmpipe ends any shader's loops after
// 65535 iterations). Workgroups are laid out in 2-D when there are more than 65535.

{{KEYS}}
@group(0) @binding(0) var<storage, read_write> keys: array<Key>;
@group(0) @binding(1) var<storage, read> args: array<u32>;
@group(0) @binding(2) var<storage, read_write> idx: array<u32>;
{{DECLS}}

const PAD: u32 = 0xffffffffu;
const BLOCK: u32 = 1024u;
const LOCAL: bool = {{LOCAL}};

// Whether (ka, ia) sorts before (kb, ib).
fn before(ka: Key, ia: u32, kb: Key, ib: u32) -> bool {
    return key_lt(ka, kb) || (key_eq(ka, kb) && ia < ib);
}

// The stored element (row * n + col) at virtual position v, or PAD.
fn slot(v: u32) -> u32 {
    let row = v >> args[2];
    let col = v & ((1u << args[2]) - 1u);
    if (row >= args[0] || col >= args[1]) { return PAD; }
    return row * args[1] + col;
}

var<workgroup> sk: array<Key, BLOCK>;
var<workgroup> si: array<u32, BLOCK>;

fn exchange(a: u32, b: u32) {
    let ka = sk[a];
    let kb = sk[b];
    let ia = si[a];
    let ib = si[b];
    if (before(kb, ib, ka, ia)) {
        sk[a] = kb;
        sk[b] = ka;
        si[a] = ib;
        si[b] = ia;
    }
}

// One compare-exchange of the global network (invocation t).
fn global_step(t: u32) {
    if (t >= args[8]) { return; }
    let k = args[3];
    let j = args[4];
    var a: u32;
    var b: u32;
    if (j == 0u) {
        let h = k >> 1u;
        let o = t & (h - 1u);
        let start = (t >> firstTrailingBit(h)) * k;
        a = start + o;
        b = start + k - 1u - o;
    } else {
        a = ((t >> firstTrailingBit(j)) << (firstTrailingBit(j) + 1u)) + (t & (j - 1u));
        b = a + j;
    }
    // b > a in the same row: when b is padding, a is already in order.
    let sb = slot(b);
    if (sb == PAD) { return; }
    let sa = slot(a);
    let ka = keys[args[5] + sa];
    let kb = keys[args[5] + sb];
    let ia = idx[args[6] + sa];
    let ib = idx[args[6] + sb];
    if (before(kb, ib, ka, ia)) {
        keys[args[5] + sa] = kb;
        keys[args[5] + sb] = ka;
        idx[args[6] + sa] = ib;
        idx[args[6] + sb] = ia;
    }
}

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) li: u32) {
    if (!LOCAL) {
        global_step((wg.y * nwg.x + wg.x) * 256u + li);
        return;
    }
    let base = (wg.y * nwg.x + wg.x) * BLOCK;
    for (var q = 0u; q < 4u; q++) {
        let l = li + q * 256u;
        let s = slot(base + l);
        if (s == PAD) {
            sk[l] = KMAX;
            si[l] = PAD;
        } else {
            var key: Key;
            var pos: u32;
            {{LOAD}}
            sk[l] = key;
            si[l] = pos;
        }
    }
    workgroupBarrier();
    for (var k = args[3]; k <= args[4]; k <<= 1u) {
        var j = BLOCK >> 1u;
        if (k <= BLOCK) {
            let h = k >> 1u;
            for (var q = 0u; q < 2u; q++) {
                let t = li + q * 256u;
                let o = t & (h - 1u);
                let start = (t >> firstTrailingBit(h)) * k;
                exchange(start + o, start + k - 1u - o);
            }
            workgroupBarrier();
            j = k >> 2u;
        }
        for (; j > 0u; j >>= 1u) {
            for (var q = 0u; q < 2u; q++) {
                let t = li + q * 256u;
                let a = ((t >> firstTrailingBit(j)) << (firstTrailingBit(j) + 1u)) + (t & (j - 1u));
                exchange(a, a + j);
            }
            workgroupBarrier();
        }
    }
    for (var q = 0u; q < 4u; q++) {
        let l = li + q * 256u;
        let s = slot(base + l);
        if (s != PAD) {
            keys[args[5] + s] = sk[l];
            idx[args[6] + s] = si[l];
        }
    }
}
