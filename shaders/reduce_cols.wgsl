// Column reduction: the reduced dimension is strided and the kept one dense (e.g. a sum
// over axis 0 of a row-major matrix). One invocation owns one column (or a quad of
// columns, loaded as vec4) for a segment of at most 256 rows, so neighbouring
// invocations read neighbouring addresses; it writes one accumulator per (segment,
// column), and further passes fold the segments the same way.
//
// Template parameters: as reduce.wgsl ({{T}} {{ACC}} {{IDENT}} {{PUSH}} {{MERGE}} {{FINISH}}
// {{RES}} {{SRC}} {{OUTE}} {{ND}}), plus {{BODY}}: the loop over the segment's rows and
// the stores, per column (scalar) or per column quad (vec4).
//
// args (u32): 0 invocations, 1 columns (or column quads), 2 segments in this dispatch,
//   3 rows R, 4 src offset, 5 row stride rs (i32), 6 out offset, 7 count for finish,
//   8 first prefix, 9 first segment, 10 segments in the output (its layout),
//   11.. prefix shape[ND], prefix strides[ND] (i32)
// Output layout: [prefix, segments, columns].

struct Acc { {{ACC}} }
fn acc_identity() -> Acc { {{IDENT}} }
fn acc_push(a: Acc, x: {{T}}, i: u32) -> Acc { {{PUSH}} }
fn acc_merge(a: Acc, b: Acc) -> Acc { {{MERGE}} }
fn acc_finish(a: Acc, n: u32) -> {{RES}} { {{FINISH}} }

@group(0) @binding(0) var<storage, read_write> out: array<{{OUTE}}>;
@group(0) @binding(1) var<storage, read> args: array<u32>;
@group(0) @binding(2) var<storage, read> src: array<{{SRC}}>;

const ND: u32 = {{ND}}u;
const ROWS: u32 = 256u;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) li: u32) {
    let id = (wg.y * nwg.x + wg.x) * 256u + li;
    if (id >= args[0]) { return; }
    let ncols = args[1];
    let nseg = args[2];
    let col = id % ncols;
    let seg = args[9] + (id / ncols) % nseg;
    let p = args[8] + id / ncols / nseg;
    var base = i32(args[4]);
    var rem = p;
    for (var d = ND; d > 0u; d--) {
        let extent = args[11u + d - 1u];
        base += i32(rem % extent) * bitcast<i32>(args[11u + ND + d - 1u]);
        rem = rem / extent;
    }
    let rs = bitcast<i32>(args[5]);
    let r0 = seg * ROWS;
    let r1 = min(r0 + ROWS, args[3]);
    let o = args[6] + (p * args[10] + seg) * {{OUT_COLS}};
{{BODY}}
}
