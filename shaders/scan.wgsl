// Inclusive scan along the middle dimension of an [outer, len, inner] view, in
// segments of SEG rows: one invocation per (outer, segment, inner) position of a box.
//
// Template parameters (filled by src/backend/wgpu/kernels.rs):
//   {{T}}       element type       {{OP}}  the combining op, in terms of a (so far) and b
//   {{TOTALS}}  true: write each segment's total to out[o, segment, k] (the first pass);
//               false: write the running value of every row, starting from the inclusive
//               scan of the previous segments' totals in `carry` (the last pass)
//
// args (u32 words; offsets in elements, i32 bit patterns where marked):
//   0 n       invocations (box extents multiplied)   1 bs, 2 bi: the box's segment and
//             inner extents                          3 o0, 4 g0, 5 k0: the box's origin
//   6 len     rows along the axis                    7 seg: rows per segment
//   8 src_off the view's offset                      9 so, 10 sl, 11 si: its strides (i32)
//  12 src_base, 13 out_base: elements the src and out bindings start at
//  14 oo, 15 ol, 16 oi: the (contiguous) output's strides
//  17 carry   1 when `carry` holds the scanned totals of [outer, nseg, inner]
//  18 nseg, 19 inner: the extents of `carry`
// Each invocation loops over at most SEG rows (llvmpipe ends any shader's loops after
// 65535 iterations in total). Workgroups are laid out in 2-D when n/256 > 65535.

@group(0) @binding(0) var<storage, read_write> out: array<{{T}}>;
@group(0) @binding(1) var<storage, read> args: array<u32>;
@group(0) @binding(2) var<storage, read> src: array<{{T}}>;
@group(0) @binding(3) var<storage, read> carry: array<{{T}}>;

const TOTALS: bool = {{TOTALS}};

fn combine(a: {{T}}, b: {{T}}) -> {{T}} {
    return {{OP}};
}

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) li: u32) {
    let t = (wg.y * nwg.x + wg.x) * 256u + li;
    if (t >= args[0]) { return; }
    let bi = args[2];
    let kb = t % bi;
    let rest = t / bi;
    let o = args[3] + rest / args[1];
    let g = args[4] + rest % args[1];
    let k = args[5] + kb;
    let j0 = g * args[7];
    let j1 = min(j0 + args[7], args[6]);
    let sl = bitcast<i32>(args[10]);
    var s = bitcast<i32>(args[8]) + i32(o) * bitcast<i32>(args[9]) + i32(j0) * sl
        + i32(k) * bitcast<i32>(args[11]) - i32(args[12]);
    let ob = i32(o * args[14] + k * args[16]) - i32(args[13]);
    var acc = src[u32(s)];
    if (!TOTALS && args[17] == 1u && g > 0u) {
        acc = combine(carry[(o * args[18] + g - 1u) * args[19] + k], acc);
    }
    if (!TOTALS) { out[u32(ob + i32(j0 * args[15]))] = acc; }
    for (var j = j0 + 1u; j < j1; j++) {
        s += sl;
        acc = combine(acc, src[u32(s)]);
        if (!TOTALS) { out[u32(ob + i32(j * args[15]))] = acc; }
    }
    if (TOTALS) { out[u32(ob + i32(g * args[15]))] = acc; }
}
