// Whole power-of-two FFTs in workgroup memory: each workgroup loads P consecutive
// (re, im) pairs — P / n transforms of length n ≤ P — runs all log2 n radix-2 Stockham
// steps between two halves of `buf` (the step of src/backend/mod.rs, `Backend::fft`),
// and stores the result. A partial last group computes on stale values past its data
// and stores only its own (transforms are independent).
//
// Template parameters (filled by src/backend/wgpu/kernels.rs):
//   {{T}}      the float type (f32 or f64)
//   {{P}}      pairs per workgroup: a power of two (at most 1024, by the workgroup memory)
//
// args (u32 words): 0 pairs in this dispatch (a multiple of n), 1 first input pair in
//   its binding, 2 first output pair in its binding, 3 first twiddle pair in its binding,
//   4 log2(n)
// Workgroups are laid out in 2-D when the count passes 65535.

@group(0) @binding(0) var<storage, read_write> out: array<vec2<{{T}}>>;
@group(0) @binding(1) var<storage, read> args: array<u32>;
@group(0) @binding(2) var<storage, read> src: array<vec2<{{T}}>>;
@group(0) @binding(3) var<storage, read> tw: array<vec2<{{T}}>>;

const P: u32 = {{P}}u;
var<workgroup> buf: array<vec2<{{T}}>, 2u * P>;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) li: u32) {
    let total = args[0];
    let first = (wg.y * nwg.x + wg.x) * P;
    if (first >= total) { return; }          // uniform per workgroup
    let count = min(P, total - first);
    let log_n = args[4];
    let half = (1u << log_n) >> 1u;
    for (var i = li; i < count; i += 256u) {
        buf[i] = src[args[1] + first + i];
    }
    workgroupBarrier();
    var cur = 0u;
    for (var s = 0u; s < log_n; s++) {
        let log_h = log_n - 1u - s;          // h = n / 2l for l = 2^s
        let nxt = P - cur;
        for (var q = li; q < P / 2u; q += 256u) {
            let base = (q >> (log_n - 1u)) << log_n;   // the transform's first pair
            let p = q & (half - 1u);                  // butterfly k·h + c
            let k = p >> log_h;
            let e = base + p + (k << log_h);
            let ev = buf[cur + e];
            let ov = buf[cur + e + (1u << log_h)];
            let w = tw[args[3] + (k << log_h)];
            let wo = vec2<{{T}}>(ov.x * w.x - ov.y * w.y, ov.x * w.y + ov.y * w.x);
            buf[nxt + base + p] = ev + wo;
            buf[nxt + base + p + half] = ev - wo;
        }
        workgroupBarrier();
        cur = nxt;
    }
    for (var i = li; i < count; i += 256u) {
        out[args[2] + first + i] = buf[cur + i];
    }
}
