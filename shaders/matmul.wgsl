// Tiled matrix multiply, batched, on strided operands (no contiguous copies):
//   c[batch, m, n] (+)= Σ_{k0 <= k < k1} a[batch, m, k] · b[batch, k, n]
// A THREADS×THREADS workgroup computes a TILE×TILE tile of c; each invocation a
// register block of (TILE / THREADS)² outputs held as vec4 rows (kernels.rs
// `MatmulTiling`: 64-tiles of 8×8 blocks, or 128-tiles of 8×8 blocks for large
// products). A and B tiles of TILE×16 and 16×TILE are staged in workgroup memory as
// vec4s, so for an 8×8 block the inner loop does four vector loads and sixteen vector
// FMAs per k. The k range of one dispatch is bounded (split-K, accumulating into c),
// and the inner loops are unrolled by the template, so no invocation approaches
// llvmpipe's loop budget.
//
// Template parameters: {{T}}, {{ND}} (batch dims), {{THREADS}}, {{TILE}}, {{TQ16}} (16 ·
// TILE / 4), and the unrolled blocks
// {{ACC_DECL}} {{LOAD_A}} {{LOAD_B}} {{FMA}} {{STORE}} (src/backend/wgpu/kernels.rs).
//
// args (u32): 0 M, 1 N, 2 k0, 3 k1, 4 accumulate (0/1), 5 a_off, 6 b_off, 7 c_off,
//   8 a_rs, 9 a_cs, 10 b_rs, 11 b_cs (i32), 12 first batch, 13 first row, 14 first col,
//   15.. batch shape[ND], a batch strides[ND], b batch strides[ND] (i32)

@group(0) @binding(0) var<storage, read_write> c: array<{{T}}>;
@group(0) @binding(1) var<storage, read> args: array<u32>;
@group(0) @binding(2) var<storage, read> a: array<{{T}}>;
@group(0) @binding(3) var<storage, read> b: array<{{T}}>;

const ND: u32 = {{ND}}u;
var<workgroup> As: array<vec4<{{T}}>, {{TQ16}}>;   // [16 k][TILE / 4 row quads]
var<workgroup> Bs: array<vec4<{{T}}>, {{TQ16}}>;   // [16 k][TILE / 4 column quads]

@compute @workgroup_size({{THREADS}}, {{THREADS}})
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>,
        @builtin(local_invocation_index) li: u32) {
    let M = args[0];
    let N = args[1];
    let k1 = args[3];
    let row0 = args[13] + wg.y * {{TILE}}u;
    let col0 = args[14] + wg.x * {{TILE}}u;
    let batch = args[12] + wg.z;
    var a_base = i32(args[5]);
    var b_base = i32(args[6]);
    var rem = batch;
    for (var d = ND; d > 0u; d--) {
        let extent = args[15u + d - 1u];
        let k = i32(rem % extent);
        rem = rem / extent;
        a_base += k * bitcast<i32>(args[15u + ND + d - 1u]);
        b_base += k * bitcast<i32>(args[15u + 2u * ND + d - 1u]);
    }
    let a_rs = bitcast<i32>(args[8]);
    let a_cs = bitcast<i32>(args[9]);
    let b_rs = bitcast<i32>(args[10]);
    let b_cs = bitcast<i32>(args[11]);
    let ty = lid.y;
    let tx = lid.x;
{{ACC_DECL}}
    for (var k = args[2]; k < k1; k += 16u) {
{{LOAD_A}}
{{LOAD_B}}
        workgroupBarrier();
        for (var kk = 0u; kk < 16u; kk++) {
{{FMA}}
        }
        workgroupBarrier();
    }
    let c_base = args[7] + batch * M * N;
{{STORE}}
}
