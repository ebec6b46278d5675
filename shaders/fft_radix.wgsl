// One Stockham step of any radix r of a batch of FFTs of length n (the pass of
// src/backend/mod.rs, `Backend::fft`): output value g of transform b = g / n is row
// k + q·l and column c of the [r·l, h] result, Σ_p X[k, c + p·h]·T[p·(k·h + q·n/r) mod n]
// over the [l, m] input (m = n / l, h = m / r). One invocation per output value; used
// for lengths that are not powers of two (radices 3, 5, 7, …), whole transforms per
// dispatch.
//
// Template parameters (filled by src/backend/wgpu/kernels.rs):
//   {{T}}      the float type (f32 or f64)
//
// args (u32 words): 0 outputs in this dispatch, 1 g0 (global index of the first),
//   2 n, 3 l, 4 r, 5 h, 6 x_base, 7 w_base, 8 out_base (the global index each binding's
//   element 0 stands for).
// Workgroups are laid out in 2-D when the count passes 65535.

@group(0) @binding(0) var<storage, read_write> out: array<vec2<{{T}}>>;
@group(0) @binding(1) var<storage, read> args: array<u32>;
@group(0) @binding(2) var<storage, read> x: array<vec2<{{T}}>>;
@group(0) @binding(3) var<storage, read> tw: array<vec2<{{T}}>>;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) li: u32) {
    let count = args[0];
    let n = args[2];
    let l = args[3];
    let r = args[4];
    let h = args[5];
    let t = (wg.y * nwg.x + wg.x) * 256u + li;
    if (t >= count) { return; }
    let g = args[1] + t;
    let j = g % n;
    let row = j / h;
    let c = j - row * h;
    let q = row / l;
    let k = row - q * l;
    let base = (g - j) + k * (n / l) + c;
    let turn = k * h + q * (n / r);
    var acc = vec2<{{T}}>(0.0, 0.0);
    for (var p = 0u; p < r; p++) {
        let v = x[base + p * h - args[6]];
        let w = tw[(p * turn) % n - args[7]];
        acc += vec2<{{T}}>(v.x * w.x - v.y * w.y, v.x * w.y + v.y * w.x);
    }
    out[g - args[8]] = acc;
}
