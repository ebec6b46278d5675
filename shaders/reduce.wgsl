// Row reduction: each item, one segment (at most SEG elements) of one row, is reduced by
// a group of G invocations, and writes one accumulator (an intermediate pass) or one
// finished value (last pass). A workgroup holds 256 / G items: short rows take small
// groups, so one workgroup (and one combine tree) serves many rows. Long rows take
// several segments and passes; no invocation loops more than SEG/G = 256 times, which
// keeps every loop far below llvmpipe's 65535-iteration budget.
//
// Template parameters (src/backend/wgpu/kernels.rs):
//   {{T}}      element type of the data;   {{ACC}} accumulator fields;
//   {{IDENT}} {{PUSH}} {{MERGE}} {{FINISH}} accumulator functions' bodies
//   {{SRC}}    element type read: {{T}} (first pass) or Acc (merge passes)
//   {{OUTE}}   element type written: Acc (intermediate) or the result type
//   {{G}}      invocations per item: a power of two up to 256 (with subgroups, a
//              multiple of the largest subgroup size)
//   {{LOOP}}   the loop header over row positions j: one element per step, or four
//              (vec4 loads, for dense rows with 16-byte aligned starts: whole vectors
//              only, unchecked)
//   {{STEP}}   how elements enter the accumulator; {{WRITE}} the value stored
//   {{TAIL}}   the vec4 path's partial last vector of a row, pushed element by element by
//              the lane whose turn it is (empty for the scalar path)
//   {{ND}}     collapsed outer (kept) dimensions; {{DECLS}} extra bindings (dot's second input)
//   {{TREE}}   the group combine into sh[root]: a shared-memory tree over the group's G
//              accumulators, or, with subgroups, one subgroup operation first and a tree
//              over the group's subgroup partials ({{SG_ARGS}} adds the subgroup builtins)
//
// args (u32 words):
//   0 items in this dispatch        1 segments per row in this dispatch   2 SEG
//   3 row length R                  4 first row                           5 first segment
//   6 src offset  7 src2 offset     8 src row stride (i32)  9 src2 row stride (i32)
//  10 out offset  11 segments per row in the output (its row stride)     12 count for finish
//  13.. outer shape[ND], src outer strides[ND], src2 outer strides[ND] (i32)

struct Acc { {{ACC}} }
fn acc_identity() -> Acc { {{IDENT}} }
fn acc_push(a: Acc, x: {{T}}, i: u32) -> Acc { {{PUSH}} }
fn acc_merge(a: Acc, b: Acc) -> Acc { {{MERGE}} }
fn acc_finish(a: Acc, n: u32) -> {{RES}} { {{FINISH}} }

@group(0) @binding(0) var<storage, read_write> out: array<{{OUTE}}>;
@group(0) @binding(1) var<storage, read> args: array<u32>;
@group(0) @binding(2) var<storage, read> src: array<{{SRC}}>;
{{DECLS}}

const ND: u32 = {{ND}}u;
const G: u32 = {{G}}u;
const ITEMS: u32 = 256u / G;
var<workgroup> sh: array<Acc, 256>;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) li: u32{{SG_ARGS}}) {
    // The parameters, by name (args above).
    let items = args[0];
    let segs = args[1];
    let seg_len = args[2];
    let row_len = args[3];
    let row0 = args[4];
    let seg0 = args[5];
    let off = i32(args[6]);
    let off2 = i32(args[7]);
    let rs = bitcast<i32>(args[8]);
    let rs2 = bitcast<i32>(args[9]);
    let out_off = args[10];
    let out_rs = args[11];
    let count = args[12];
    let first = (wg.y * nwg.x + wg.x) * ITEMS;
    if (first >= items) { return; }          // uniform per workgroup
    let lane = li % G;
    // Groups past the last item (in the last workgroup) redo it and write nothing, so
    // every invocation reaches the barriers.
    let valid = first + li / G < items;
    let item = min(first + li / G, items - 1u);
    let row = row0 + item / segs;
    let seg = seg0 + item % segs;
    // Storage offsets of this row's first element in src (and src2).
    var base = off;
    var base2 = off2;
    var rem = row;
    for (var d = ND; d > 0u; d--) {
        let extent = args[13u + d - 1u];
        let k = i32(rem % extent);
        rem = rem / extent;
        base += k * bitcast<i32>(args[13u + ND + d - 1u]);
        base2 += k * bitcast<i32>(args[13u + 2u * ND + d - 1u]);
    }
    let start = seg * seg_len;
    let end = min(start + seg_len, row_len);
    var acc = acc_identity();
    {{LOOP}} {
        {{STEP}}
    }
{{TAIL}}
{{TREE}}
    if (lane == 0u && valid) {
        out[out_off + row * out_rs + seg] = {{WRITE}};
    }
}
