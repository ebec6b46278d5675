//! Fuzzing the layout operations against a reference index mapping.
//!
//! `cargo fuzz` needs a nightly toolchain, which CI machines do not have (one stable
//! toolchain, no other can be fetched), so this is a proptest target instead. Each case
//! is a random array shape and a chain of up to 10 view operations — transpose, slice,
//! broadcast_to, reshape, squeeze, unsqueeze, index_axis — with *unconstrained*
//! arguments: out-of-range and `isize::MIN/MAX` axes, indices and bounds, steps of 0 and
//! ±isize::MAX, shapes with zero, huge and overflowing dimensions. The chain runs on an
//! `Array<i32>` on every device present and on a reference that knows nothing of strides:
//! a row-major list of the storage positions each element reads. The reference decides:
//! a valid op must succeed with the reference's shape and elements, an invalid one must
//! fail with the `Error` variant it names, and nothing may panic. At the end, strided
//! kernels (elementwise, reduction, copy) run on the final view.
//!
//! `GPU_FUZZ_CASES` sets the number of chains (default 500: about a second on lavapipe). A long run:
//! `GPU_FUZZ_CASES=200000 cargo test --release -p gpu --test fuzz_layout -- --nocapture`.
//! Proptest seeds each run afresh and prints the minimal failing chain.

mod common;

use std::io::Write;
use std::sync::OnceLock;
use std::time::Instant;

use common::ViewOp;
use gpu::{Array, Device, Error};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

/// Views with more elements than this (possible through huge broadcast dimensions) are
/// checked by shape only: the reference would not fit in memory.
const MAX_MATERIALISED: usize = 1 << 12;

fn cases() -> u32 {
    std::env::var("GPU_FUZZ_CASES").ok().and_then(|v| v.trim().parse().ok()).unwrap_or(500)
}

fn devices() -> &'static [Device] {
    static DEVICES: OnceLock<Vec<Device>> = OnceLock::new();
    DEVICES.get_or_init(|| {
        std::iter::once(Device::cpu())
            .chain(common::device("wgpu", 1, file!()))
            .chain(common::device("cuda", 1, file!()))
            .collect()
    })
}

// ---- the reference: shapes and explicit storage positions --------------------------

/// A view as the list of storage positions of its elements, in row-major order.
#[derive(Debug, Clone, PartialEq)]
struct RefView {
    shape: Vec<usize>,
    pos: Vec<usize>,
}

/// Product of the non-zero dims, if it fits in isize (the crate's, and NumPy's, rule).
fn nonzero_extent(shape: &[usize], unit: u128) -> Option<u128> {
    let p = shape.iter().filter(|&&d| d != 0).try_fold(unit, |a, &d| a.checked_mul(d as u128))?;
    (p <= isize::MAX as u128).then_some(p)
}

fn count(shape: &[usize]) -> u128 {
    if shape.contains(&0) {
        0
    } else {
        shape.iter().map(|&d| d as u128).product()
    }
}

/// Row-major multi-index → flat index.
fn flat(idx: &[usize], shape: &[usize]) -> usize {
    idx.iter().zip(shape).fold(0, |acc, (&i, &d)| acc * d + i)
}

/// Every multi-index of `shape`, row-major (small shapes only).
fn indices(shape: &[usize]) -> Vec<Vec<usize>> {
    let n = count(shape) as usize;
    (0..n)
        .map(|mut k| {
            let mut idx = vec![0; shape.len()];
            for d in (0..shape.len()).rev() {
                idx[d] = k % shape[d];
                k /= shape[d];
            }
            idx
        })
        .collect()
}

/// `axis` resolved against `n` dims (negative from the end), if in range.
fn resolve(axis: isize, n: usize) -> Option<usize> {
    let a = if axis < 0 { axis as i128 + n as i128 } else { axis as i128 };
    (0..n as i128).contains(&a).then_some(a as usize)
}

/// Python's `range(n)[start:end:step]` as (first position, count), in wide arithmetic:
/// enumerated one by one, except on the huge axes only empty views have here.
fn python_slice(n: usize, start: Option<isize>, end: Option<isize>, step: isize) -> (i128, usize) {
    let (n, step) = (n as i128, step as i128);
    let norm = |v: isize| if v < 0 { v as i128 + n } else { v as i128 };
    let (s, e) = if step > 0 {
        (start.map_or(0, |v| norm(v).clamp(0, n)), end.map_or(n, |v| norm(v).clamp(0, n)))
    } else {
        (start.map_or(n - 1, |v| norm(v).clamp(-1, n - 1)), end.map_or(-1, |v| norm(v).clamp(-1, n - 1)))
    };
    if n > MAX_MATERIALISED as i128 {
        let len = if step > 0 { (e - s).max(0) } else { (s - e).max(0) };
        return (s, (len + step.abs() - 1) as usize / step.unsigned_abs() as usize);
    }
    let mut count = 0;
    let mut i = s;
    while (step > 0 && i < e) || (step < 0 && i > e) {
        count += 1;
        i += step;
    }
    (s, count)
}

/// What the reference expects of an op: a view, a view too large to list (shape only),
/// or the name of an error variant.
#[derive(Debug)]
enum Expect {
    View(RefView),
    Huge(Vec<usize>),
    Error(&'static str),
}

/// The op on the reference, by its own rules (in the crate's order of checks).
fn apply_ref(v: &RefView, op: &ViewOp) -> Expect {
    let nd = v.shape.len();
    // Gather positions for a new shape from a map of its multi-indices to old ones.
    let gather = |shape: Vec<usize>, from: &dyn Fn(&[usize]) -> Vec<usize>| -> Expect {
        match nonzero_extent(&shape, 1) {
            None => Expect::Error("ShapeOverflow"),
            Some(_) if count(&shape) > MAX_MATERIALISED as u128 => Expect::Huge(shape),
            Some(_) => {
                let pos = indices(&shape).iter().map(|i| v.pos[flat(&from(i), &v.shape)]).collect();
                Expect::View(RefView { shape, pos })
            }
        }
    };
    match op {
        ViewOp::Transpose(axes) => {
            let perm: Option<Vec<usize>> = axes.iter().map(|&a| resolve(a, nd)).collect();
            match perm {
                Some(p) if p.len() == nd && (0..nd).all(|d| p.contains(&d)) => {
                    let shape = p.iter().map(|&a| v.shape[a]).collect();
                    gather(shape, &|i| {
                        let mut old = vec![0; nd];
                        for (k, &a) in p.iter().enumerate() {
                            old[a] = i[k];
                        }
                        old
                    })
                }
                _ => Expect::Error("InvalidPermutation"),
            }
        }
        ViewOp::Slice(axis, start, end, step) => {
            let Some(a) = resolve(*axis, nd) else { return Expect::Error("AxisOutOfRange") };
            if *step == 0 {
                return Expect::Error("ZeroStep");
            }
            let (first, len) = python_slice(v.shape[a], *start, *end, *step);
            let mut shape = v.shape.clone();
            shape[a] = len;
            gather(shape, &|i| {
                let mut old = i.to_vec();
                old[a] = (first + i[a] as i128 * *step as i128) as usize;
                old
            })
        }
        ViewOp::BroadcastTo(target) => {
            if nonzero_extent(target, 1).is_none() {
                return Expect::Error("ShapeOverflow");
            }
            if target.len() < nd {
                return Expect::Error("BroadcastTo");
            }
            let lead = target.len() - nd;
            if (0..nd).any(|d| v.shape[d] != target[lead + d] && v.shape[d] != 1) {
                return Expect::Error("BroadcastTo");
            }
            gather(target.clone(), &|i| (0..nd).map(|d| if v.shape[d] == 1 { 0 } else { i[lead + d] }).collect())
        }
        ViewOp::Reshape(target) => {
            if nonzero_extent(target, 1).is_none() {
                return Expect::Error("ShapeOverflow");
            }
            if count(target) != count(&v.shape) {
                return Expect::Error("ReshapeMismatch");
            }
            Expect::View(RefView { shape: target.clone(), pos: v.pos.clone() })
        }
        ViewOp::Squeeze(axis) => match resolve(*axis, nd) {
            None => Expect::Error("AxisOutOfRange"),
            Some(a) if v.shape[a] != 1 => Expect::Error("SqueezeNotOne"),
            Some(a) => {
                let mut shape = v.shape.clone();
                shape.remove(a);
                Expect::View(RefView { shape, pos: v.pos.clone() })
            }
        },
        ViewOp::Unsqueeze(axis) => match resolve(*axis, nd + 1) {
            None => Expect::Error("AxisOutOfRange"),
            Some(a) => {
                let mut shape = v.shape.clone();
                shape.insert(a, 1);
                Expect::View(RefView { shape, pos: v.pos.clone() })
            }
        },
        ViewOp::IndexAxis(axis, index) => {
            let Some(a) = resolve(*axis, nd) else { return Expect::Error("AxisOutOfRange") };
            let Some(k) = resolve(*index, v.shape[a]) else { return Expect::Error("IndexOutOfBounds") };
            let mut shape = v.shape.clone();
            shape.remove(a);
            gather(shape, &|i| {
                let mut old = i.to_vec();
                old.insert(a, k);
                old
            })
        }
    }
}

fn variant(e: &Error) -> &'static str {
    match e {
        Error::AxisOutOfRange { .. } => "AxisOutOfRange",
        Error::IndexOutOfBounds { .. } => "IndexOutOfBounds",
        Error::ReshapeMismatch { .. } => "ReshapeMismatch",
        Error::ShapeOverflow { .. } => "ShapeOverflow",
        Error::ZeroStep { .. } => "ZeroStep",
        Error::SqueezeNotOne { .. } => "SqueezeNotOne",
        Error::InvalidPermutation { .. } => "InvalidPermutation",
        Error::BroadcastTo { .. } => "BroadcastTo",
        Error::OutOfMemory { .. } => "OutOfMemory",
        _ => "another variant",
    }
}

// ---- generation -------------------------------------------------------------------------

/// An op before it meets a shape: most arguments are final; `Perm` and `Factor` become a
/// valid transpose or reshape of whatever shape the chain has reached.
#[derive(Debug, Clone)]
enum RawOp {
    Op(ViewOp),
    Perm(u64),
    Factor(u64),
}

fn axis() -> impl Strategy<Value = isize> {
    prop_oneof![12 => -6isize..6, 1 => Just(isize::MIN), 1 => Just(isize::MAX)]
}

fn bound() -> impl Strategy<Value = Option<isize>> {
    prop_oneof![
        3 => Just(None),
        8 => (-8isize..9).prop_map(Some),
        1 => Just(Some(isize::MIN)),
        1 => Just(Some(isize::MAX))
    ]
}

fn step() -> impl Strategy<Value = isize> {
    prop_oneof![
        12 => -3isize..=3,
        1 => Just(isize::MIN),
        1 => Just(isize::MIN + 1),
        1 => Just(isize::MAX)
    ]
}

fn dim() -> impl Strategy<Value = usize> {
    prop_oneof![24 => 0usize..=4, 1 => Just(1usize << 62), 1 => Just(usize::MAX), 1 => Just(1usize << 31)]
}

fn raw_op() -> impl Strategy<Value = RawOp> {
    prop_oneof![
        2 => prop::collection::vec(axis(), 0..=5).prop_map(|a| RawOp::Op(ViewOp::Transpose(a))),
        3 => any::<u64>().prop_map(RawOp::Perm),
        5 => (axis(), bound(), bound(), step()).prop_map(|(a, s, e, k)| RawOp::Op(ViewOp::Slice(a, s, e, k))),
        3 => prop::collection::vec(dim(), 0..=5).prop_map(|t| RawOp::Op(ViewOp::BroadcastTo(t))),
        2 => prop::collection::vec(dim(), 0..=5).prop_map(|t| RawOp::Op(ViewOp::Reshape(t))),
        3 => any::<u64>().prop_map(RawOp::Factor),
        2 => axis().prop_map(|a| RawOp::Op(ViewOp::Squeeze(a))),
        2 => axis().prop_map(|a| RawOp::Op(ViewOp::Unsqueeze(a))),
        3 => (axis(), prop_oneof![8 => -6isize..6, 1 => Just(isize::MIN), 1 => Just(isize::MAX)])
            .prop_map(|(a, i)| RawOp::Op(ViewOp::IndexAxis(a, i))),
    ]
}

/// A small xorshift stream for the seeded ops.
fn stream(mut s: u64) -> impl FnMut() -> u64 {
    s |= 1;
    move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s
    }
}

fn concretize(raw: &RawOp, shape: &[usize]) -> ViewOp {
    let nd = shape.len();
    match raw {
        RawOp::Op(op) => op.clone(),
        RawOp::Perm(seed) => {
            let mut r = stream(*seed);
            let mut p: Vec<usize> = (0..nd).collect();
            for i in (1..nd).rev() {
                p.swap(i, r() as usize % (i + 1));
            }
            ViewOp::Transpose(
                p.iter().map(|&a| if r() & 1 == 1 { a as isize - nd as isize } else { a as isize }).collect(),
            )
        }
        RawOp::Factor(seed) => {
            // The element count spread over 0–4 dims; an empty array keeps one zero dim.
            let mut r = stream(*seed);
            let n = count(shape) as usize;
            let k = (r() % 5) as usize;
            if n == 0 {
                let k = k.max(1);
                let z = r() as usize % k;
                return ViewOp::Reshape((0..k).map(|i| if i == z { 0 } else { r() as usize % 4 }).collect());
            }
            let k = if n > 1 { k.max(1) } else { k };
            let mut dims = vec![1usize; k];
            let (mut m, mut p) = (n, 2);
            while m > 1 {
                if m % p == 0 {
                    dims[r() as usize % k] *= p;
                    m /= p;
                } else {
                    p += 1;
                }
            }
            ViewOp::Reshape(dims)
        }
    }
}

fn case() -> impl Strategy<Value = (Vec<usize>, Vec<RawOp>)> {
    let start = prop::collection::vec(prop_oneof![2 => Just(1usize), 1 => Just(0usize), 6 => 2usize..=5], 0..=4);
    (start, prop::collection::vec(raw_op(), 1..=10))
}

// ---- the check --------------------------------------------------------------------------

/// Counters for the report.
#[derive(Default)]
struct Tally {
    ops: u64,
    valid: u64,
    errors: u64,
    huge: u64,
}

/// Whether a new buffer of `shape` i32 (4 bytes each, zero dims skipped) fits in isize
/// bytes. An empty view can have dims whose product does not (`[0, 2^62]`); the crate
/// refuses to download or compute into such a shape (`ShapeOverflow`), as NumPy refuses
/// to create it.
fn allocatable(shape: &[usize]) -> bool {
    nonzero_extent(shape, 4).is_some()
}

/// `r` is the reference's values, or `ShapeOverflow` when the shape is not allocatable.
fn expect_values(r: gpu::Result<Vec<i32>>, shape: &[usize], want: &[i32], what: &str) -> Result<(), TestCaseError> {
    match r {
        Ok(got) if allocatable(shape) => prop_assert_eq!(&got[..], want, "{}", what),
        Err(Error::ShapeOverflow { .. }) if !allocatable(shape) => {}
        other => prop_assert!(false, "{}: shape {:?}: {:?}", what, shape, other.map(|v| v.len())),
    }
    Ok(())
}

fn check_elements(got: &Array<i32>, want: &RefView, dev: &Device, ctx: &str) -> Result<(), TestCaseError> {
    // Elements are their own storage positions (arange), so values name positions.
    let want_vals: Vec<i32> = want.pos.iter().map(|&p| p as i32).collect();
    expect_values(got.to_vec(), &want.shape, &want_vals, &format!("{ctx}: elements on {dev}"))
}

fn run_case(start: &[usize], raw: &[RawOp], tally: &mut Tally) -> Result<(), TestCaseError> {
    let n = count(start) as usize;
    let mut reference = RefView { shape: start.to_vec(), pos: (0..n).collect() };
    let host: Vec<i32> = (0..n as i32).collect();
    let mut arrays: Vec<Array<i32>> = devices()
        .iter()
        .map(|d| Array::from_vec(host.clone(), start).and_then(|a| a.to(d)))
        .collect::<gpu::Result<_>>()
        .map_err(|e| TestCaseError::fail(format!("setup {start:?}: {e}")))?;
    let mut done = Vec::new();
    for r in raw {
        let op = concretize(r, &reference.shape);
        done.push(op.clone());
        let ctx = format!("{start:?} then {done:?}");
        let want = apply_ref(&reference, &op);
        tally.ops += 1;
        let mut next = Vec::new();
        for (a, dev) in arrays.iter().zip(devices()) {
            let got = op.apply(a);
            match (&want, got) {
                (Expect::Error(name), Err(e)) => prop_assert_eq!(variant(&e), *name, "{} on {}: {}", ctx, dev, e),
                (Expect::Error(name), Ok(v)) => {
                    prop_assert!(false, "{} on {}: expected {}, got a view of shape {:?}", ctx, dev, name, v.shape())
                }
                (Expect::Huge(shape), Ok(v)) => prop_assert_eq!(v.shape(), &shape[..], "{} on {}", ctx, dev),
                (Expect::View(w), Ok(v)) => {
                    prop_assert_eq!(v.shape(), &w.shape[..], "{}: shape on {}", ctx, dev);
                    check_elements(&v, w, dev, &ctx)?;
                    next.push(v);
                }
                (_, Err(e)) => prop_assert!(false, "{} on {}: unexpected error {:?}", ctx, dev, e),
            }
        }
        match want {
            Expect::View(w) => {
                tally.valid += 1;
                reference = w;
                arrays = next;
            }
            Expect::Huge(_) => tally.huge += 1,
            Expect::Error(_) => tally.errors += 1,
        }
    }
    // Strided kernels on the final view: elementwise with itself, reductions, a copy.
    let ctx = format!("{start:?} then {done:?}, final kernels");
    let shape = &reference.shape;
    let vals: Vec<i32> = reference.pos.iter().map(|&p| p as i32).collect();
    let tripled: Vec<i32> = vals.iter().map(|&p| 3 * p).collect();
    // sum_axis(0): the output shape, and its values when small enough to list.
    let axis0 = (!shape.is_empty()).then(|| {
        let out = shape[1..].to_vec();
        let m = count(&out) as usize;
        let sums = (m <= MAX_MATERIALISED)
            .then(|| (0..m).map(|k| (0..shape[0]).map(|i| vals[i * m + k]).sum::<i32>()).collect::<Vec<i32>>());
        (out, sums)
    });
    for (a, dev) in arrays.iter().zip(devices()) {
        let at = |what: &str| format!("{ctx}: {what} on {dev}");
        expect_values(a.mul_scalar(2).and_then(|d| d.add(a)).and_then(|t| t.to_vec()), shape, &tripled, &at("2a + a"))?;
        expect_values(a.contiguous().and_then(|c| c.to_vec()), shape, &vals, &at("contiguous"))?;
        match a.sum().and_then(|s| s.item()) {
            Ok(s) => prop_assert_eq!(s, vals.iter().sum::<i32>(), "{}", at("sum")),
            Err(e) => prop_assert!(false, "{}: {}", at("sum"), e),
        }
        if let Some((out, Some(sums))) = &axis0 {
            expect_values(a.sum_axis(0, false).and_then(|s| s.to_vec()), out, sums, &at("sum_axis(0)"))?;
        } else if let Some((out, None)) = &axis0
            && !allocatable(out)
        {
            prop_assert!(matches!(a.sum_axis(0, false), Err(Error::ShapeOverflow { .. })), "{}", at("sum_axis(0)"));
        }
    }
    Ok(())
}

#[test]
fn layout_ops_match_the_reference_index_mapping() {
    let start = Instant::now();
    let n = cases();
    let config = Config { cases: n, failure_persistence: None, max_shrink_iters: 4096, ..Config::default() };
    let mut runner = TestRunner::new(config);
    let tally = std::cell::RefCell::new(Tally::default());
    let result = runner.run(&case(), |(shape, ops)| run_case(&shape, &ops, &mut tally.borrow_mut()));
    if let Err(e) = result {
        panic!("{e}");
    }
    let t = tally.borrow();
    let names: Vec<String> = devices().iter().map(|d| d.to_string()).collect();
    let _ = writeln!(
        std::io::stderr(),
        "fuzz_layout: {n} chains, {} ops ({} valid views, {} errors, {} huge views by shape) on {}; \
         no panic, all as the reference ({:.2} s)",
        t.ops,
        t.valid,
        t.errors,
        t.huge,
        names.join(" and "),
        start.elapsed().as_secs_f64()
    );
}
