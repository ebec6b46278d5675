// Naive matmul, one output element per invocation, no workgroup memory: the baseline
// the tiled kernel (matmul.wgsl) is benchmarked against. Dense row-major operands,
// c[m, n] = Σ_{k0 <= k < k1} a[m, k]·b[k, n] (+ c when accumulating).
// args (u32): 0 M, 1 N, 2 K, 3 k0, 4 k1, 5 accumulate

@group(0) @binding(0) var<storage, read_write> c: array<{{T}}>;
@group(0) @binding(1) var<storage, read> args: array<u32>;
@group(0) @binding(2) var<storage, read> a: array<{{T}}>;
@group(0) @binding(3) var<storage, read> b: array<{{T}}>;

@compute @workgroup_size(16, 16)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
    let row = g.y;
    let col = g.x;
    let N = args[1];
    let K = args[2];
    if (row >= args[0] || col >= N) { return; }
    var acc = {{T}}(0);
    for (var k = args[3]; k < args[4]; k++) {
        acc += a[row * K + k] * b[k * N + col];
    }
    let o = row * N + col;
    c[o] = select(acc, c[o] + acc, args[5] == 1u);
}
