// Fill: out[i] = {{EXPR}} for i in 0..n, where the expression may use the index `i`
// (arange, linspace) and the parameters p0, p1 (type {{P}}).
// args (u32): 0 n, 1 out_off, 2 first index, 3 index of the last element (linspace).

@group(0) @binding(0) var<storage, read_write> out: array<{{T}}>;
@group(0) @binding(1) var<storage, read> args: array<u32>;
@group(0) @binding(2) var<storage, read> params: array<{{P}}>;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) li: u32) {
    let j = (wg.y * nwg.x + wg.x) * 256u + li;
    if (j >= args[0]) { return; }
    let i = args[2] + j;
    let p0 = params[0];
    let p1 = params[1];
    let p2 = params[2];
    let last = args[3];
    out[args[1] + j] = {{EXPR}};
}
