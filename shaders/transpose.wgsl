// Single-input elementwise op on a transposed view: the input is dense along the
// output's second-to-last dimension and strided along its last. A 32×32 tile is read
// along the input's dense direction and written along the output's, through workgroup
// memory, so neither side is scattered (the generic kernel decomposes every index and
// strides through one side).
//
// Template parameters: {{OUT}}, {{T0}}, {{ND}} (leading dims, as a batch), {{EXPR}} in `a`.
// args (u32): 0 rows R, 1 cols C, 2 out offset, 3 input offset, 4 input row stride (i32),
//   5 input col stride (i32), 6 first batch, 7.. lead shape[ND], lead strides[ND] (i32)
// Output: [batch, R, C] row-major, contiguous.

@group(0) @binding(0) var<storage, read_write> out: array<{{OUT}}>;
@group(0) @binding(1) var<storage, read> args: array<u32>;
@group(0) @binding(2) var<storage, read> in0: array<{{T0}}>;

const ND: u32 = {{ND}}u;
var<workgroup> tile: array<{{T0}}, 1056>;   // 32 × 33 (the pad avoids bank conflicts)

@compute @workgroup_size(32, 8)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
    let R = args[0];
    let C = args[1];
    let r0 = wg.x * 32u;
    let c0 = wg.y * 32u;
    let b = args[6] + wg.z;
    var base = i32(args[3]);
    var rem = b;
    for (var d = ND; d > 0u; d--) {
        let extent = args[7u + d - 1u];
        base += i32(rem % extent) * bitcast<i32>(args[7u + ND + d - 1u]);
        rem = rem / extent;
    }
    let rs = bitcast<i32>(args[4]);
    let cs = bitcast<i32>(args[5]);
    for (var k = 0u; k < 32u; k += 8u) {
        let r = r0 + lid.x;
        let c = c0 + lid.y + k;
        if (r < R && c < C) {
            tile[(lid.y + k) * 33u + lid.x] = in0[u32(base + i32(r) * rs + i32(c) * cs)];
        }
    }
    workgroupBarrier();
    for (var k = 0u; k < 32u; k += 8u) {
        let c = c0 + lid.x;
        let r = r0 + lid.y + k;
        if (r < R && c < C) {
            let a = tile[lid.x * 33u + lid.y + k];
            out[args[2] + (b * R + r) * C + c] = {{EXPR}};
        }
    }
}
