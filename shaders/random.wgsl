// Counter-based random numbers: Philox4x32-10, one block (four 32-bit words) per
// invocation, mapped to elements exactly as src/backend/philox.rs documents, so every
// backend produces the same stream.
//
// Template: {{T}} element type, {{P}} parameter type, {{PER}} elements per block (4 or
// 2), {{BODY}} the mapping from the words `w` to values (writes out[args[1] + e0 + j]).
// args (u32): 0 n (elements in this dispatch), 1 out_off, 2 first block (lo),
//   3 first block (hi), 4 seed lo, 5 seed hi. params: the distribution's two parameters.

@group(0) @binding(0) var<storage, read_write> out: array<{{T}}>;
@group(0) @binding(1) var<storage, read> args: array<u32>;
@group(0) @binding(2) var<storage, read> params: array<{{P}}>;

// (hi, lo) of the 64-bit product, with 16-bit halves (WGSL has no 64-bit integers).
fn mulhilo(a: u32, b: u32) -> vec2<u32> {
    let al = a & 0xffffu;
    let ah = a >> 16u;
    let bl = b & 0xffffu;
    let bh = b >> 16u;
    let t = ah * bl + ((al * bl) >> 16u);
    let w = (t & 0xffffu) + al * bh;
    return vec2<u32>(ah * bh + (t >> 16u) + (w >> 16u), a * b);
}

fn philox(counter: vec4<u32>, key: vec2<u32>) -> vec4<u32> {
    var c = counter;
    var k = key;
    for (var r = 0u; r < 10u; r++) {
        if (r > 0u) { k = k + vec2<u32>(0x9E3779B9u, 0xBB67AE85u); }
        let p0 = mulhilo(0xD2511F53u, c.x);
        let p1 = mulhilo(0xCD9E8D57u, c.z);
        c = vec4<u32>(p1.x ^ c.y ^ k.x, p1.y, p0.x ^ c.w ^ k.y, p0.y);
    }
    return c;
}

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) li: u32) {
    let t = (wg.y * nwg.x + wg.x) * 256u + li;
    let n = args[0];
    let e0 = t * {{PER}}u;
    if (e0 >= n) { return; }
    let blo = args[2] + t;
    let bhi = args[3] + select(0u, 1u, blo < args[2]);
    let w = philox(vec4<u32>(blo, bhi, 0u, 0u), vec2<u32>(args[4], args[5]));
{{BODY}}
}
