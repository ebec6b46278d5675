// One radix-2 Stockham step of a batch of power-of-two FFTs, complex numbers as vec2
// (re, im). Each transform of n values is an [l, m] matrix X (m = n / l, h = m / 2);
// the step writes the [2l, h] matrix Y with Y[k, c] = E + w·O and Y[k + l, c] = E - w·O
// (E = X[k, c], O = X[k, c + h], w = tw[k·h] = e^{-iπk/l}). One invocation per output
// value g of this dispatch (global index g0 + t: transform b = g / n, half, row, column).
//
// Template parameters (filled by src/backend/wgpu/kernels.rs):
//   {{T}}      the float type (f32 or f64)
//
// args (u32 words): 0 outputs in this dispatch, 1 g0 (global index of the first),
//   2 log2(n), 3 l, 4 log2(h), 5 e_base, 6 o_base, 7 w_base, 8 out_base (the global index
//   each binding's element 0 stands for: bindings are windows when the data is larger
//   than one storage binding).
// Workgroups are laid out in 2-D when the count passes 65535.

@group(0) @binding(0) var<storage, read_write> out: array<vec2<{{T}}>>;
@group(0) @binding(1) var<storage, read> args: array<u32>;
@group(0) @binding(2) var<storage, read> xe: array<vec2<{{T}}>>;
@group(0) @binding(3) var<storage, read> xo: array<vec2<{{T}}>>;
@group(0) @binding(4) var<storage, read> tw: array<vec2<{{T}}>>;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) li: u32) {
    let count = args[0];
    let g0 = args[1];
    let log_n = args[2];
    let l = args[3];
    let log_h = args[4];
    let t = (wg.y * nwg.x + wg.x) * 256u + li;
    if (t >= count) { return; }
    let g = g0 + t;
    let j = g & ((1u << log_n) - 1u);        // position in its transform
    let half = (1u << log_n) >> 1u;
    let upper = j >= half;
    let p = j - select(0u, half, upper);     // butterfly k·h + c
    let k = p >> log_h;
    let e = (g - j) + p + (k << log_h);      // X[k, c] = b·n + k·2h + c
    let h = 1u << log_h;
    let ev = xe[e - args[5]];
    let ov = xo[e + h - args[6]];
    let w = tw[(k << log_h) - args[7]];
    let wo = vec2<{{T}}>(ov.x * w.x - ov.y * w.y, ov.x * w.y + ov.y * w.x);
    out[g - args[8]] = select(ev + wo, ev - wo, upper);
}
