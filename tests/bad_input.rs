//! Bad input, table-driven: every public fallible function given arguments it must
//! reject. Each case is a name, a closure returning `gpu::Result`, the expected `Error`
//! variant, and the substrings its message must contain (the offending shapes, axes,
//! dtypes, devices). The table runs on every backend present; a case that panics,
//! succeeds, or returns another variant or message fails the test, and all failures are
//! listed at once.
//!
//! Slice *bounds* are not errors: out-of-range bounds clamp as in Python, by design
//! (`slice_bounds_clamp_by_design`); out-of-range *indices* are, through `index_axis`.
//! `Error::Unsupported` is reachable only for f64 on a wgpu adapter without SHADER_F64;
//! lavapipe and the CPU have f64, so `wgpu_adapter_without_f64` runs the wgpu table
//! again in a child process with `GPU_WGPU_F64=0`, which leaves the feature unrequested.

#[macro_use]
mod common;

use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

use common::{arr, panic_text, sh};
use gpu::{random, Array, DType, Device, DeviceKind, Error};

/// One row of the table.
struct Case<'a> {
    name: String,
    run: Box<dyn Fn() -> gpu::Result<()> + 'a>,
    matches: fn(&Error) -> bool,
    variant: &'static str,
    parts: Vec<String>,
}

/// `case!(table, "name", expr, Pattern, [parts…])`: `expr` (any `gpu::Result`) must be
/// an `Err` matching `Pattern` whose message contains every part.
macro_rules! case {
    ($table:ident, $name:expr, $run:expr, $pat:pat, [$($part:expr),* $(,)?]) => {
        $table.push(Case {
            name: $name.to_string(),
            run: Box::new(move || $run.map(drop)),
            matches: |e| matches!(e, $pat),
            variant: stringify!($pat),
            parts: vec![$($part.to_string()),*],
        })
    };
}

/// A device of another kind than `dev`, when this machine has one.
fn other_device(dev: &Device) -> Option<Device> {
    match dev.kind() {
        DeviceKind::Cpu => Device::wgpu().ok().or_else(|| Device::cuda(0).ok()),
        _ => Some(Device::cpu()),
    }
}

/// Runs every case, then fails listing each one that misbehaved. Returns the count.
fn run_table(dev: &Device, table: &[Case<'_>]) -> usize {
    let start = Instant::now();
    let mut failures = Vec::new();
    for c in table {
        match catch_unwind(AssertUnwindSafe(|| (c.run)())) {
            Err(p) => failures.push(format!("{}: panicked: {}", c.name, panic_text(p))),
            Ok(Ok(())) => failures.push(format!("{}: returned Ok, expected {}", c.name, c.variant)),
            Ok(Err(e)) => {
                if !(c.matches)(&e) {
                    failures.push(format!("{}: expected {}, got {e:?}", c.name, c.variant));
                }
                let msg = e.to_string();
                for part in c.parts.iter().filter(|p| !msg.contains(p.as_str())) {
                    failures.push(format!("{}: message {msg:?} does not contain {part:?}", c.name));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} problem(s) in {} bad-input cases on {dev}:\n{}",
        failures.len(),
        table.len(),
        failures.join("\n")
    );
    let _ = writeln!(
        std::io::stderr(),
        "bad_input: {} cases on {dev}, each the expected error variant and message ({:.0} ms)",
        table.len(),
        start.elapsed().as_secs_f64() * 1e3
    );
    table.len()
}

backend_tests! {
    // The table is filled by `case!` row by row, some rows conditional.
    #[allow(clippy::vec_init_then_push)]
    fn table_of_bad_inputs(dev) {
        // References, so the `move` closures below copy them.
        let a = &arr(&[2, 3], dev)?;
        let v4 = &arr(&[4], dev)?;
        let v3 = &arr(&[3], dev)?;
        let row = &arr(&[1, 3], dev)?;
        let col = &arr(&[2, 1], dev)?;
        let z = &Array::<f32>::scalar(1.5, dev)?;
        let empty = &arr(&[2, 0], dev)?;
        let one = &Array::<f32>::ones([1], dev)?;
        let ints = &Array::<i32>::arange(0, 6, 1, dev)?.reshape([2, 3])?;
        let mask = &v3.gt_scalar(0.5)?;
        let host = &Array::from_vec(vec![1.0f64, 2.0], [2])?;
        let other = other_device(dev);
        let far = &match &other {
            Some(o) => Some(arr(&[3], o)?),
            None => None,
        };
        let s23 = sh(&[2, 3]);
        let dname = dev.to_string();
        let mut t: Vec<Case> = Vec::new();

        // ---- construction ---------------------------------------------------------------
        case!(t, "from_vec: length 5 into [2, 3]", Array::from_vec(vec![1.0f32; 5], [2, 3]),
            Error::LengthMismatch { len: 5, expected: 6, .. }, ["length 5", s23, "6 elements"]);
        case!(t, "from_slice: length 7 into [2, 2]", Array::from_slice(&[1i32; 7], [2, 2]),
            Error::LengthMismatch { len: 7, expected: 4, .. }, ["length 7", sh(&[2, 2]), "4 elements"]);
        case!(t, "from_vec: empty data for a 0-d shape", Array::<u32>::from_vec(vec![], []),
            Error::LengthMismatch { len: 0, expected: 1, .. }, ["length 0", "[]", "1 elements"]);
        case!(t, "from_vec: element count overflows usize", Array::<f32>::from_vec(vec![], [usize::MAX, 2]),
            Error::ShapeOverflow { .. }, [sh(&[usize::MAX, 2]), "overflow"]);
        case!(t, "zeros: 2^32 x 2^32 elements", Array::<f32>::zeros([1 << 32, 1 << 32], dev),
            Error::ShapeOverflow { .. }, [sh(&[1 << 32, 1 << 32])]);
        // (f32: f64 arrays are Unsupported first on an adapter without SHADER_F64.)
        case!(t, "full: byte size of 2^62 f32 overflows", Array::<f32>::full([1 << 62], 1.0, dev),
            Error::ShapeOverflow { .. }, [sh(&[1 << 62])]);
        case!(t, "zeros: a zero dim does not hide overflowing others",
            Array::<f32>::zeros([0, 1 << 40, 1 << 40], dev),
            Error::ShapeOverflow { .. }, [sh(&[0, 1 << 40, 1 << 40])]);
        case!(t, "zeros: byte size of [0, 2^62] f32 overflows", Array::<f32>::zeros([0, 1 << 62], dev),
            Error::ShapeOverflow { .. }, [sh(&[0, 1 << 62])]);
        case!(t, "uniform: 2^63 elements", random::uniform::<f32>([1usize << 63], 0.0, 1.0, 1, dev),
            Error::ShapeOverflow { .. }, [sh(&[1 << 63])]);
        case!(t, "eye: 2^32 x 2^32 elements", Array::<f32>::eye(1 << 32, dev),
            Error::ShapeOverflow { .. }, [sh(&[1 << 32, 1 << 32])]);
        case!(t, "arange: step 0", Array::<i32>::arange(0, 10, 0, dev),
            Error::InvalidArgument { op: "arange", .. }, ["arange", "step=0"]);
        case!(t, "linspace: NaN bound", Array::<f64>::linspace(0.0, f64::NAN, 5, dev),
            Error::InvalidArgument { op: "linspace", .. }, ["linspace", "NaN"]);
        case!(t, "logspace: infinite bound", Array::<f64>::logspace(f64::INFINITY, 1.0, 5, 10.0, dev),
            Error::InvalidArgument { op: "logspace", .. }, ["logspace", "inf"]);
        case!(t, "geomspace: zero bound", Array::<f32>::geomspace(0.0, 1.0, 5, dev),
            Error::InvalidArgument { op: "geomspace", .. }, ["geomspace", "start=0"]);
        case!(t, "geomspace: bounds of opposite signs", Array::<f64>::geomspace(-1.0, 8.0, 5, dev),
            Error::InvalidArgument { op: "geomspace", .. }, ["geomspace", "start=-1", "stop=8", "one sign"]);
        case!(t, "uniform: low >= high", random::uniform::<f32>([3], 2.0, 1.0, 0, dev),
            Error::InvalidArgument { op: "uniform", .. }, ["uniform", "low=2", "high=1"]);
        case!(t, "normal: negative std", random::normal::<f32>([3], 0.0, -1.0, 0, dev),
            Error::InvalidArgument { op: "normal", .. }, ["normal", "std=-1"]);

        // ---- views ----------------------------------------------------------------------
        case!(t, "reshape: 6 elements into [4, 2]", a.reshape([4, 2]),
            Error::ReshapeMismatch { .. }, [s23, sh(&[4, 2]), "6 elements", "8 elements"]);
        case!(t, "reshape: transposed view into [5]", a.t().reshape([5]),
            Error::ReshapeMismatch { .. }, [sh(&[3, 2]), sh(&[5])]);
        case!(t, "reshape: into an overflowing shape", a.reshape([usize::MAX, 3]),
            Error::ShapeOverflow { .. }, [sh(&[usize::MAX, 3])]);
        case!(t, "broadcast_to: [3] to [4]", v3.broadcast_to([4]),
            Error::BroadcastTo { .. }, [sh(&[3]), sh(&[4])]);
        case!(t, "broadcast_to: fewer dims", a.broadcast_to([3]),
            Error::BroadcastTo { .. }, [s23, sh(&[3])]);
        case!(t, "broadcast_to: overflowing shape", one.broadcast_to([usize::MAX, 2]),
            Error::ShapeOverflow { .. }, [sh(&[usize::MAX, 2])]);
        case!(t, "transpose: repeated axis", a.transpose(&[0, 0]),
            Error::InvalidPermutation { .. }, ["[0, 0]", s23, "2 axes"]);
        case!(t, "transpose: wrong number of axes", a.transpose(&[1, 0, 2]),
            Error::InvalidPermutation { .. }, ["[1, 0, 2]", s23]);
        case!(t, "transpose: isize::MIN axis", a.transpose(&[isize::MIN, 0]),
            Error::InvalidPermutation { .. }, [isize::MIN.to_string(), s23]);
        case!(t, "slice: axis 2 of a 2-d array", a.slice(2, None, None, 1),
            Error::AxisOutOfRange { axis: 2, .. }, ["axis 2", s23, "2 dimensions"]);
        case!(t, "slice: axis -3 of a 2-d array", a.slice(-3, Some(0), None, 1),
            Error::AxisOutOfRange { axis: -3, .. }, ["axis -3", s23]);
        case!(t, "slice: axis of a 0-d array", z.slice(0, None, None, 1),
            Error::AxisOutOfRange { axis: 0, .. }, ["axis 0", "[]", "0 dimensions"]);
        case!(t, "slice: step 0", a.slice(1, Some(0), Some(2), 0),
            Error::ZeroStep { axis: 1, .. }, ["step", "axis 1", s23]);
        case!(t, "slice: step 0 on an empty axis", empty.slice(-1, None, None, 0),
            Error::ZeroStep { axis: 1, .. }, [sh(&[2, 0])]);
        case!(t, "index_axis: index 3 of length 3", a.index_axis(1, 3),
            Error::IndexOutOfBounds { index: 3, axis: 1, len: 3, .. },
            ["index 3", "axis 1", "length 3", s23]);
        case!(t, "index_axis: index -4 of length 3", a.index_axis(-1, -4),
            Error::IndexOutOfBounds { index: -4, axis: 1, .. }, ["index -4", "axis 1"]);
        case!(t, "index_axis: isize::MIN", a.index_axis(0, isize::MIN),
            Error::IndexOutOfBounds { axis: 0, len: 2, .. }, [isize::MIN.to_string(), "length 2"]);
        case!(t, "index_axis: an empty axis", empty.index_axis(1, 0),
            Error::IndexOutOfBounds { index: 0, len: 0, .. }, ["length 0", sh(&[2, 0])]);
        case!(t, "index_axis: axis out of range", a.index_axis(5, 0),
            Error::AxisOutOfRange { axis: 5, .. }, ["axis 5", s23]);
        case!(t, "squeeze: axis of length 2", col.squeeze(0),
            Error::SqueezeNotOne { axis: 0, len: 2, .. }, ["axis 0", sh(&[2, 1]), "length is 2"]);
        case!(t, "squeeze: isize::MIN", a.squeeze(isize::MIN),
            Error::AxisOutOfRange { axis: isize::MIN, .. }, [isize::MIN.to_string(), s23]);
        case!(t, "unsqueeze: axis 3 of a 2-d array", a.unsqueeze(3),
            Error::AxisOutOfRange { axis: 3, .. }, ["axis 3", s23]);
        case!(t, "unsqueeze: isize::MAX", z.unsqueeze(isize::MAX),
            Error::AxisOutOfRange { axis: isize::MAX, .. }, [isize::MAX.to_string(), "[]"]);

        // ---- elementwise ----------------------------------------------------------------
        case!(t, "add: [2, 3] + [4]", a.add(v4),
            Error::BroadcastMismatch { op: "add", .. }, ["add", s23, sh(&[4])]);
        case!(t, "mul: [4] * [2, 3]", v4.mul(a),
            Error::BroadcastMismatch { op: "mul", .. }, ["mul", sh(&[4]), s23]);
        case!(t, "maximum: [2, 3] vs [2, 1, 4]", a.maximum(&v4.reshape([1, 1, 4])?),
            Error::BroadcastMismatch { op: "maximum", .. }, ["maximum", s23, sh(&[1, 1, 4])]);
        case!(t, "pow: integer [2, 3] ** [4]", ints.pow(&Array::<i32>::ones([4], dev)?),
            Error::BroadcastMismatch { op: "pow", .. }, ["pow", s23]);
        case!(t, "lt: [2, 3] < [4]", a.lt(v4),
            Error::BroadcastMismatch { op: "lt", .. }, ["lt", s23, sh(&[4])]);
        case!(t, "add: an empty axis against length 2", arr(&[0], dev)?.add(&arr(&[2], dev)?),
            Error::BroadcastMismatch { .. }, [sh(&[0]), sh(&[2])]);
        case!(t, "where_: branches [3] and [4]", gpu::where_(mask, v3, v4),
            Error::BroadcastMismatch { op: "where", .. }, ["where", sh(&[3]), sh(&[4])]);
        case!(t, "where_: mask [3] against [2, 4]", gpu::where_(mask, &arr(&[2, 4], dev)?, &arr(&[2, 4], dev)?),
            Error::BroadcastMismatch { op: "where", .. }, [sh(&[3]), sh(&[2, 4])]);
        case!(t, "betainc: x [4] against a, b [2, 3]", a.betainc(a, v4),
            Error::BroadcastMismatch { op: "betainc", .. }, ["betainc", s23, sh(&[4])]);
        case!(t, "elliprj: p [4] against x, y, z [2, 3]", a.elliprj(a, a, v4),
            Error::BroadcastMismatch { op: "elliprj", .. }, ["elliprj", s23, sh(&[4])]);
        case!(t, "hyp2f1: c [4] against a, b, x [2, 3]", a.hyp2f1(a, v4, a),
            Error::BroadcastMismatch { op: "hyp2f1", .. }, ["hyp2f1", s23, sh(&[4])]);
        case!(t, "wright_bessel: x [4] against a, b [2, 3]", a.wright_bessel(a, v4),
            Error::BroadcastMismatch { op: "wright_bessel", .. }, ["wright_bessel", s23, sh(&[4])]);
        case!(t, "add_assign_: rhs [2, 3] into self [3]", v3.clone().add_assign_(a),
            Error::BroadcastTo { .. }, [s23, sh(&[3])]);
        case!(t, "mul_assign_: result would outgrow self [1, 3]", row.clone().mul_assign_(a),
            Error::BroadcastTo { .. }, [s23, sh(&[1, 3])]);
        case!(t, "add_scalar: output of 2^62 f32 overflows its byte size",
            one.broadcast_to([1usize << 62])?.add_scalar(1.0),
            Error::ShapeOverflow { .. }, [sh(&[1 << 62])]);
        case!(t, "cast: output of 2^62 f32 overflows its byte size",
            Array::<i32>::ones([1], dev)?.broadcast_to([1usize << 62])?.cast::<f32>(),
            Error::ShapeOverflow { .. }, [sh(&[1 << 62])]);

        // ---- reductions -----------------------------------------------------------------
        case!(t, "sum_axis: axis 2", a.sum_axis(2, false),
            Error::AxisOutOfRange { axis: 2, .. }, ["axis 2", s23]);
        case!(t, "mean_axis: axis -3", a.mean_axis(-3, true),
            Error::AxisOutOfRange { axis: -3, .. }, ["axis -3", s23]);
        case!(t, "argmax_axis: axis 7", a.argmax_axis(7, false),
            Error::AxisOutOfRange { axis: 7, .. }, ["axis 7", s23]);
        case!(t, "sum_axis: isize::MAX", a.sum_axis(isize::MAX, false),
            Error::AxisOutOfRange { axis: isize::MAX, .. }, [isize::MAX.to_string()]);
        case!(t, "sum_axis: axis of a 0-d array", z.sum_axis(0, false),
            Error::AxisOutOfRange { axis: 0, .. }, ["0 dimensions"]);
        case!(t, "sum_axes: repeated axis", a.sum_axes(&[0, -2], false),
            Error::InvalidArgument { op: "sum", .. }, ["sum", "[0, -2]", s23]);
        case!(t, "max: empty array", empty.max(),
            Error::EmptyReduction { op: "max", .. }, ["max", sh(&[2, 0])]);
        case!(t, "argmin_axis: empty axis", empty.argmin_axis(1, false),
            Error::EmptyReduction { op: "argmin", .. }, ["argmin", sh(&[2, 0])]);
        case!(t, "sum_axis: output of 2^60 f32 (4 EiB) exceeds memory",
            Array::<f32>::zeros([0, 1 << 60], dev)?.sum_axis(0, false),
            Error::OutOfMemory { requested: 4_611_686_018_427_387_904, .. },
            ["out of memory", "4611686018427387904", dev.kind().to_string()]);

        // ---- linear algebra -------------------------------------------------------------
        case!(t, "matmul: inner dims 3 vs 4", gpu::matmul(a, &arr(&[4, 2], dev)?),
            Error::MatmulShape { op: "matmul", .. }, ["matmul", s23, sh(&[4, 2]), "3 (last of lhs) != 4"]);
        case!(t, "matmul: vector lengths 3 and 4", v3.matmul(v4),
            Error::MatmulShape { op: "matmul", .. }, [sh(&[3]), sh(&[4])]);
        case!(t, "matmul: a 0-d operand", gpu::matmul(z, a),
            Error::MatmulShape { op: "matmul", .. }, ["0-d", "[]", s23]);
        case!(t, "matmul: batch dims 2 and 5", gpu::matmul(&arr(&[2, 3, 4], dev)?, &arr(&[5, 4, 2], dev)?),
            Error::MatmulShape { op: "matmul", .. }, ["batch", sh(&[2, 3, 4]), sh(&[5, 4, 2])]);
        case!(t, "matmul: host vector against a device matrix", gpu::matmul(&vec![1.0f32; 3], &arr(&[4, 2], dev)?),
            Error::MatmulShape { op: "matmul", .. }, [sh(&[3]), sh(&[4, 2])]);
        case!(t, "matmul: output of 4 x 2^60 f32 overflows its byte size",
            gpu::matmul(&Array::<f32>::zeros([4, 0], dev)?, &Array::<f32>::zeros([0, 1 << 60], dev)?),
            Error::ShapeOverflow { .. }, [sh(&[4, 1 << 60])]);
        case!(t, "dot: vector lengths 3 and 4", gpu::dot(v3, v4),
            Error::MatmulShape { op: "dot", .. }, ["dot", sh(&[3]), sh(&[4]), "3 != 4"]);
        case!(t, "dot: [2, 3] . [4, 5]", a.dot(&arr(&[4, 5], dev)?),
            Error::MatmulShape { op: "dot", .. }, [s23, sh(&[4, 5])]);
        case!(t, "dot: [2, 2, 3] . [2, 4, 5]", arr(&[2, 2, 3], dev)?.dot(&arr(&[2, 4, 5], dev)?),
            Error::MatmulShape { op: "dot", .. }, [sh(&[2, 2, 3]), sh(&[2, 4, 5])]);

        // ---- reading values ---------------------------------------------------------------
        case!(t, "item: 2 elements", v4.slice(0, None, Some(2), 1)?.item(),
            Error::NotScalar { .. }, [sh(&[2]), "holds 2"]);
        case!(t, "item: 0 elements", empty.item(),
            Error::NotScalar { .. }, [sh(&[2, 0]), "holds 0"]);
        case!(t, "item: a broadcast view of 6", z.broadcast_to([2, 3])?.item(),
            Error::NotScalar { .. }, [s23, "holds 6"]);

        // ---- devices ----------------------------------------------------------------------
        let forms = ["\"cpu\"", "\"wgpu\"", "\"wgpu:N\"", "\"cuda\"", "\"cuda:N\""];
        for input in ["tpu", "cuda:x", "cpu:1", "", "wgpu:-1", "cuda:0:1"] {
            case!(t, format!("Device::parse({input:?})"), Device::parse(input),
                Error::InvalidDevice { .. }, [format!("{input:?}"), forms[0], forms[1], forms[2], forms[3], forms[4]]);
        }
        case!(t, "Device::wgpu_adapter(usize::MAX)", Device::wgpu_adapter(usize::MAX),
            Error::NoDevice { backend: "wgpu", .. } | Error::NotCompiled { backend: "wgpu" }, ["wgpu"]);
        case!(t, "Device::cuda(usize::MAX)", Device::cuda(usize::MAX),
            Error::NoDevice { backend: "cuda", .. } | Error::NotCompiled { backend: "cuda" }, ["cuda"]);

        // Operands on two devices (when this machine has a second one).
        if let (Some(o), Some(far)) = (&other, far) {
            let oname = o.to_string();
            case!(t, "add: across devices", v3.add(far),
                Error::DeviceMismatch { op: "add", .. }, ["add", dname, oname]);
            case!(t, "lt: across devices", far.lt(v3),
                Error::DeviceMismatch { op: "lt", .. }, ["lt", oname, dname]);
            case!(t, "dot: across devices", gpu::dot(v3, far),
                Error::DeviceMismatch { op: "dot", .. }, ["dot", dname, oname]);
            case!(t, "matmul: across devices", gpu::matmul(far, v3),
                Error::DeviceMismatch { op: "matmul", .. }, ["matmul", oname, dname]);
            case!(t, "where_: branch on another device", gpu::where_(mask, far, v3),
                Error::DeviceMismatch { op: "where", .. }, ["where", dname, oname]);
            case!(t, "elliprj: p on another device", v3.elliprj(v3, v3, far),
                Error::DeviceMismatch { op: "elliprj", .. }, ["elliprj", dname, oname]);
            case!(t, "hyp2f1: x on another device", v3.hyp2f1(v3, v3, far),
                Error::DeviceMismatch { op: "hyp2f1", .. }, ["hyp2f1", dname, oname]);
            case!(t, "log_wright_bessel: b on another device", v3.log_wright_bessel(far, v3),
                Error::DeviceMismatch { op: "log_wright_bessel", .. }, ["log_wright_bessel", dname, oname]);
            case!(t, "add_assign_: rhs on another device", v3.clone().add_assign_(far),
                Error::DeviceMismatch { op: "add", .. }, [dname, oname]);
        }

        // f64 where the device has no f64 kernels (never a silent downcast).
        let info = dev.info();
        assert_eq!(dev.supports(DType::F64), info.supports_f64, "{dev}: supports() disagrees with info()");
        assert!(dev.supports(DType::F32) && dev.supports(DType::I32) && dev.supports(DType::U32));
        if !dev.supports(DType::F64) {
            case!(t, "zeros::<f64> without SHADER_F64", Array::<f64>::zeros([2], dev),
                Error::Unsupported { dtype: DType::F64, .. }, ["float64", dname, "SHADER_F64"]);
            case!(t, "to(): f64 data to a device without f64", host.to(dev),
                Error::Unsupported { dtype: DType::F64, .. }, ["float64", dname]);
            case!(t, "cast::<f64> without f64", a.cast::<f64>(),
                Error::Unsupported { dtype: DType::F64, .. }, ["float64", dname]);
            case!(t, "normal::<f64> without f64", random::normal::<f64>([2], 0.0, 1.0, 0, dev),
                Error::Unsupported { dtype: DType::F64, .. }, ["float64", dname]);
            println!("{dev}: no f64, Unsupported cases in the table");
        }

        let n = run_table(dev, &t);
        assert!(n >= 40, "only {n} cases on {dev}");
        // A failed call changes nothing: the inputs still hold their values.
        assert_eq!(a.to_vec()?, vec![0.0, 1.0, 2.0, 3.0, 4.0, 5.0]);
        assert_eq!(v3.to_vec()?, vec![0.0, 1.0, 2.0]);
        Ok(())
    }

    fn slice_bounds_clamp_by_design(dev) {
        // Python: a[10:20] of a length-5 list is [], a[-100:2] is a[0:2], a[::isize::MAX]
        // is [a[0]] — none of them errors.
        let a = Array::from_vec(vec![0, 1, 2, 3, 4], [5])?.to(dev)?;
        assert_eq!(a.slice(0, Some(10), Some(20), 1)?.shape(), &[0]);
        assert_eq!(a.slice(0, Some(-100), Some(2), 1)?.to_vec()?, vec![0, 1]);
        assert_eq!(a.slice(0, Some(isize::MIN), Some(isize::MAX), 2)?.to_vec()?, vec![0, 2, 4]);
        assert_eq!(a.slice(0, None, None, isize::MAX)?.to_vec()?, vec![0]);
        assert_eq!(a.slice(0, None, None, isize::MIN)?.to_vec()?, vec![4]);
        assert_eq!(a.slice(0, Some(3), None, isize::MIN + 1)?.to_vec()?, vec![3]);
        assert_eq!(a.slice(0, Some(isize::MAX), Some(isize::MIN), -2)?.to_vec()?, vec![4, 2, 0]);
        // … and the views work in kernels.
        assert_eq!(a.slice(0, None, None, isize::MIN)?.add_scalar(1)?.to_vec()?, vec![5]);
        Ok(())
    }
}

/// `GPU_DEVICE` is read by `Device::from_env`; setting it in this multithreaded process
/// would race with every other reader of the environment, so a child process runs the
/// check with a malformed value.
#[test]
fn malformed_gpu_device_variable() {
    let exe = std::env::current_exe().expect("the test binary's path");
    for value in ["tpu", "cuda:one", "wgpu:"] {
        let out = std::process::Command::new(&exe)
            .args(["--exact", "gpu_device_variable_child", "--ignored", "--nocapture", "--test-threads=1"])
            .env("GPU_DEVICE", value)
            .output()
            .expect("run the child test");
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(out.status.success(), "GPU_DEVICE={value:?}: child failed:\n{text}");
        assert!(text.contains("1 passed"), "GPU_DEVICE={value:?}: the child test did not run:\n{text}");
        assert!(text.contains(&format!("invalid device {value:?}")), "GPU_DEVICE={value:?}: {text}");
    }
}

/// Run by `malformed_gpu_device_variable` with `GPU_DEVICE` set to a malformed value.
#[test]
#[ignore = "run in a child process by malformed_gpu_device_variable"]
fn gpu_device_variable_child() {
    let value = std::env::var("GPU_DEVICE").expect("the parent sets GPU_DEVICE");
    let e = Device::from_env().expect_err("a malformed GPU_DEVICE is an error from from_env");
    assert_eq!(e, Error::InvalidDevice { input: value.clone() });
    let msg = e.to_string();
    for form in ["\"cpu\"", "\"wgpu\"", "\"wgpu:N\"", "\"cuda\"", "\"cuda:N\""] {
        assert!(msg.contains(form), "{msg} does not list {form}");
    }
    println!("{msg}");
    // Device::default() warns and falls back instead of failing.
    let d = Device::default();
    assert!(matches!(d.kind(), DeviceKind::Cpu | DeviceKind::Wgpu | DeviceKind::Cuda));
}

/// The wgpu table on a device without SHADER_F64, where f64 is `Unsupported` (and the
/// cases that would otherwise build f64 arrays must not reach for them first).
#[test]
fn wgpu_adapter_without_f64() {
    common::run_without_f64("wgpu::table_of_bad_inputs", "no f64, Unsupported cases in the table");
}
