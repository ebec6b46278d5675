//! Property tests (proptest, 256 cases each) on the CPU device and, when present, wgpu:
//!
//! - (a) broadcasting: random shape pairs biased to 1s — `broadcast_shapes` agrees with
//!   an independent reference, `Layout::broadcast_to` puts zero strides exactly on the
//!   stretched dims, and `add`/`sub` equal the naive `HostNd::get_broadcast` result (i32,
//!   exact), or fail with `BroadcastMismatch` naming both shapes; and random shape
//!   triples through a ternary op (`betainc`) give the same bits as its operands spelled
//!   out in full.
//! - (b) view composition: random chains of transpose / slice / broadcast_to / reshape /
//!   squeeze / unsqueeze / index_axis on an `Array<i32>` and on a `HostNd` reference;
//!   after every step shape and elements match, the layout addresses a model of the
//!   array's storage, and the `Layout` invariants hold (span, contiguity, overlap,
//!   collapse). Each final view is also joined: `concatenate` with its own reverse and
//!   a fresh array along one axis, `stack` of two copies along a new one.
//! - (c) the pure `Layout` API: the same chains on `Layout` alone (every index mapped
//!   to the right storage element; `reshaped` returns `None` only when no strides could
//!   express the reshape), plus contiguous layouts, reshape, permutation and slicing.

mod common;

use std::sync::OnceLock;

use common::{broadcast, pattern, python_range, HostNd, ViewOp};
use gpu::layout::{broadcast_shapes, collapse, contiguous_strides, unravel};
use gpu::{Array, Device, Error, Layout};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

/// Proptest functions in this file (for the one "skipped" line when wgpu is absent).
const TESTS: usize = 6;

fn config() -> ProptestConfig {
    ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() }
}

/// The CPU device, plus wgpu when it exists (a skip line otherwise, or a failure when
/// `GPU_TEST_REQUIRE` names it).
fn devices() -> &'static [Device] {
    static DEVICES: OnceLock<Vec<Device>> = OnceLock::new();
    DEVICES.get_or_init(|| std::iter::once(Device::cpu()).chain(common::device("wgpu", TESTS, file!())).collect())
}

/// A library result as a test-case result, with context.
fn ok<T>(r: gpu::Result<T>, what: impl std::fmt::Debug) -> Result<T, TestCaseError> {
    r.map_err(|e| TestCaseError::fail(format!("{what:?}: unexpected error: {e}")))
}

fn dim() -> impl Strategy<Value = usize> {
    prop_oneof![3 => Just(1usize), 2 => 0usize..=4]
}

fn shape() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(dim(), 0..=4)
}

// ---- (a) broadcasting -----------------------------------------------------------------

fn check_broadcast(a: &[usize], b: &[usize], seed: u64) -> Result<(), TestCaseError> {
    let want = broadcast(a, b);
    match (broadcast_shapes("add", a, b), &want) {
        (Ok(got), Some(w)) => prop_assert_eq!(&got, w),
        (Err(Error::BroadcastMismatch { op, lhs, rhs }), None) => {
            prop_assert_eq!((op, &lhs[..], &rhs[..]), ("add", a, b));
        }
        (got, w) => prop_assert!(false, "broadcast_shapes({:?}, {:?}) = {:?}, reference {:?}", a, b, got, w),
    }
    prop_assert_eq!(broadcast_shapes("add", b, a).ok(), want.clone(), "symmetry");
    let (na, nb) = (a.iter().product(), b.iter().product());
    let (ha, hb) = (HostNd::new(pattern::<i32>(na, seed), a), HostNd::new(pattern::<i32>(nb, !seed), b));
    if let Some(w) = &want {
        for s in [a, b] {
            let l = ok(Layout::contiguous(s).broadcast_to(w), ("broadcast_to", s, w))?;
            let lead = w.len() - s.len();
            for d in 0..w.len() {
                let stretched = d < lead || s[d - lead] != w[d];
                prop_assert_eq!(l.strides()[d] == 0, stretched, "{:?} -> {:?}: strides {:?}", s, w, l.strides());
            }
        }
    }
    for dev in devices() {
        let x = ok(Array::from_vec(ha.data.clone(), a).and_then(|x| x.to(dev)), a)?;
        let y = ok(Array::from_vec(hb.data.clone(), b).and_then(|y| y.to(dev)), b)?;
        match &want {
            Some(w) => {
                let idx = HostNd::<i32>::indices(w);
                let sum: Vec<i32> = idx.iter().map(|i| ha.get_broadcast(i).wrapping_add(hb.get_broadcast(i))).collect();
                let diff: Vec<i32> =
                    idx.iter().map(|i| ha.get_broadcast(i).wrapping_sub(hb.get_broadcast(i))).collect();
                let s = ok(x.add(&y), ("add", a, b))?;
                prop_assert_eq!(s.shape(), &w[..]);
                prop_assert_eq!(ok(s.to_vec(), "download")?, sum, "{:?} + {:?} on {}", a, b, dev);
                let d = ok(x.sub(&y), ("sub", a, b))?;
                prop_assert_eq!(ok(d.to_vec(), "download")?, diff, "{:?} - {:?} on {}", a, b, dev);
            }
            None => match x.add(&y) {
                Err(Error::BroadcastMismatch { lhs, rhs, .. }) => prop_assert_eq!((&lhs[..], &rhs[..]), (a, b)),
                other => prop_assert!(
                    false,
                    "{:?} + {:?} should not broadcast, got {:?}",
                    a,
                    b,
                    other.map(|r| r.shape().to_vec())
                ),
            },
        }
    }
    Ok(())
}

/// Three-way broadcasting through a ternary op (`betainc`, f32): the result on random
/// shape triples equals the same kernel on the three operands spelled out in full (bit
/// for bit), or the call fails with `BroadcastMismatch` where the shapes do not broadcast.
fn check_ternary_broadcast(a: &[usize], b: &[usize], c: &[usize], seed: u64) -> Result<(), TestCaseError> {
    let want = broadcast(a, b).and_then(|ab| broadcast(&ab, c));
    let host = |s: &[usize], seed: u64, lo: f32, span: f32| {
        let n = s.iter().product();
        HostNd::new(pattern::<i32>(n, seed).iter().map(|&v| lo + v.rem_euclid(97) as f32 * span / 97.0).collect(), s)
    };
    let (ha, hb, hc) = (host(a, seed, 0.25, 20.0), host(b, !seed, 0.25, 20.0), host(c, seed ^ 0x5555, 0.005, 0.99));
    for dev in devices() {
        let up = |h: &HostNd<f32>| ok(Array::from_vec(h.data.clone(), &h.shape[..]).and_then(|x| x.to(dev)), &h.shape);
        let (x, y, z) = (up(&ha)?, up(&hb)?, up(&hc)?);
        let got = x.betainc(&y, &z);
        match &want {
            Some(w) => {
                let idx = HostNd::<f32>::indices(w);
                let full = |h: &HostNd<f32>| up(&HostNd::new(idx.iter().map(|i| h.get_broadcast(i)).collect(), w));
                let expect = ok(full(&ha)?.betainc(&full(&hb)?, &full(&hc)?), "betainc of full operands")?;
                let got = ok(got, ("betainc", a, b, c))?;
                prop_assert_eq!(got.shape(), &w[..]);
                let bits = |r: Array<f32>| {
                    ok(r.to_vec(), "download").map(|v| v.iter().map(|f| f.to_bits()).collect::<Vec<_>>())
                };
                prop_assert_eq!(bits(got)?, bits(expect)?, "betainc({:?}, {:?}, {:?}) on {}", a, b, c, dev);
            }
            None => prop_assert!(
                matches!(got, Err(Error::BroadcastMismatch { .. })),
                "betainc({:?}, {:?}, {:?}) should not broadcast, got {:?}",
                a,
                b,
                c,
                got.map(|r| r.shape().to_vec())
            ),
        }
    }
    Ok(())
}

// ---- view chains ------------------------------------------------------------------------

/// An op kind and random words, made concrete for the current shape below.
type RawOp = (u8, [u32; 6]);

fn chain() -> impl Strategy<Value = Vec<RawOp>> {
    // Weighted towards the ops that make layouts strided, so reshapes meet them.
    let kind = prop_oneof![
        3 => Just(0u8),
        3 => Just(1u8),
        2 => Just(2u8),
        3 => Just(3u8),
        1 => Just(4u8),
        1 => Just(5u8),
        2 => Just(6u8)
    ];
    prop::collection::vec((kind, any::<[u32; 6]>()), 1..=6)
}

fn start_shape() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(prop_oneof![2 => Just(1usize), 1 => Just(0usize), 7 => 2usize..=5], 0..=4)
}

/// A random shape with `n` elements: the prime factors of `n` spread over 0–4 dims.
fn factor_shape(n: usize, r: &[u32; 6]) -> Vec<usize> {
    let k = (r[0] % 5) as usize;
    if n == 0 {
        let k = k.max(1);
        let zero = r[1] as usize % k;
        return (0..k).map(|i| if i == zero { 0 } else { (r[2] >> (2 * i)) as usize % 4 }).collect();
    }
    let k = if n > 1 { k.max(1) } else { k };
    let mut dims = vec![1usize; k];
    let (mut m, mut p, mut j) = (n, 2, 0u32);
    while m > 1 {
        if m % p == 0 {
            dims[r[3].rotate_left(j * 7) as usize % k] *= p;
            m /= p;
            j += 1;
        } else {
            p += 1;
        }
    }
    dims
}

/// Makes a raw op concrete for `shape`, falling back to another op where it has no
/// valid form (e.g. squeeze without a length-1 axis).
fn concretize(kind: u8, r: &[u32; 6], shape: &[usize]) -> ViewOp {
    let nd = shape.len();
    let signed = |axis: usize, bit: u32| if bit & 1 == 1 { axis as isize - nd as isize } else { axis as isize };
    let unsqueeze = ViewOp::Unsqueeze((r[4] as usize % (2 * nd + 2)) as isize - (nd as isize + 1));
    match kind {
        0 => {
            let mut axes: Vec<usize> = (0..nd).collect();
            for i in (1..nd).rev() {
                axes.swap(i, r[i % 6] as usize % (i + 1));
            }
            ViewOp::Transpose(axes.iter().enumerate().map(|(k, &a)| signed(a, r[5] >> k)).collect())
        }
        1 if nd > 0 => {
            let axis = r[0] as usize % nd;
            let n = shape[axis] as u32 as isize;
            let bound = |x: u32| (!x.is_multiple_of(4)).then(|| ((x >> 2) % (2 * n as u32 + 5)) as isize - (n + 2));
            let step = [-3, -2, -1, 1, 1, 2, 3][r[3] as usize % 7];
            ViewOp::Slice(signed(axis, r[0] >> 8), bound(r[1]), bound(r[2]), step)
        }
        2 => {
            let lead = r[0] as usize % 3;
            let mut target: Vec<usize> = (0..lead).map(|i| [1, 2, 3, 2][(r[1] >> (2 * i)) as usize % 4]).collect();
            target.extend(shape.iter().enumerate().map(|(i, &d)| {
                if d == 1 {
                    [1, 2, 3, 0][(r[2] >> (2 * i)) as usize % 4]
                } else {
                    d
                }
            }));
            if target.iter().product::<usize>() > 512 {
                target = shape.to_vec();
            }
            ViewOp::BroadcastTo(target)
        }
        3 => {
            // A random factorisation, or merging / splitting dims in place (which a
            // strided layout can often express without a copy).
            let mut to = shape.to_vec();
            let j = r[1] as usize % nd.max(1);
            match r[4] % 3 {
                1 if nd >= 2 => {
                    let j = j.min(nd - 2);
                    let merged = to[j] * to.remove(j + 1);
                    to[j] = merged;
                }
                2 if nd >= 1 => {
                    let p = (2..=to[j]).find(|p| to[j].is_multiple_of(*p)).unwrap_or(1);
                    to[j] /= p.max(1);
                    to.insert(j, p);
                }
                _ => to = factor_shape(shape.iter().product(), r),
            }
            ViewOp::Reshape(to)
        }
        4 => {
            let ones: Vec<usize> = (0..nd).filter(|&d| shape[d] == 1).collect();
            match ones.len() {
                0 => unsqueeze,
                n => ViewOp::Squeeze(signed(ones[r[0] as usize % n], r[1])),
            }
        }
        6 => {
            let axes: Vec<usize> = (0..nd).filter(|&d| shape[d] > 0).collect();
            if axes.is_empty() {
                return unsqueeze;
            }
            let axis = axes[r[0] as usize % axes.len()];
            let len = shape[axis] as isize;
            ViewOp::IndexAxis(signed(axis, r[2]), (r[1] as usize % (2 * len as usize)) as isize - len)
        }
        _ if nd >= 6 => ViewOp::Transpose((0..nd as isize).rev().collect()),
        _ => unsqueeze,
    }
}

/// The op on a `Layout`; `Ok(None)` when a reshape needs a copy.
fn apply_layout(l: &Layout, op: &ViewOp) -> gpu::Result<Option<Layout>> {
    let axis = |a: isize| gpu::layout::normalize_axis(a, l.shape());
    Ok(Some(match op {
        ViewOp::Transpose(axes) => l.permute(&l.permutation(axes)?),
        ViewOp::Slice(a, start, end, step) => l.slice(axis(*a)?, *start, *end, *step)?,
        ViewOp::BroadcastTo(s) => l.broadcast_to(s)?,
        ViewOp::Reshape(s) => return Ok(l.reshaped(s)),
        ViewOp::Squeeze(a) => l.squeeze(*a)?,
        ViewOp::Unsqueeze(a) => l.unsqueeze(*a)?,
        ViewOp::IndexAxis(a, i) => l.index_axis(axis(*a)?, *i)?,
    }))
}

/// The op on the reference, with its own axis arithmetic.
fn apply_ref(h: &HostNd<i32>, op: &ViewOp) -> HostNd<i32> {
    let norm = |a: isize, n: usize| if a < 0 { (a + n as isize) as usize } else { a as usize };
    let nd = h.shape.len();
    let mut out = h.clone();
    match op {
        ViewOp::Transpose(axes) => return h.permute(&axes.iter().map(|&a| norm(a, nd)).collect::<Vec<_>>()),
        ViewOp::Slice(a, start, end, step) => return h.slice(norm(*a, nd), *start, *end, *step),
        ViewOp::BroadcastTo(s) => {
            let lead = s.len() - nd;
            out.strides = (0..s.len())
                .map(|d| if d < lead || h.shape[d - lead] != s[d] { 0 } else { h.strides[d - lead] })
                .collect();
            out.shape = s.clone();
        }
        ViewOp::Reshape(s) => return HostNd::new(h.to_vec(), s),
        ViewOp::Squeeze(a) => {
            out.shape.remove(norm(*a, nd));
            out.strides.remove(norm(*a, nd));
        }
        ViewOp::Unsqueeze(a) => {
            out.shape.insert(norm(*a, nd + 1), 1);
            out.strides.insert(norm(*a, nd + 1), 0);
        }
        ViewOp::IndexAxis(a, i) => {
            let d = norm(*a, nd);
            out.offset += norm(*i, h.shape[d]) as isize * h.strides[d];
            out.shape.remove(d);
            out.strides.remove(d);
        }
    }
    out
}

/// Every invariant of a layout over storage of `storage_len` elements, checked against
/// brute force over all its indices.
fn check_layout(l: &Layout, storage_len: usize, ctx: &[ViewOp]) -> Result<(), TestCaseError> {
    let reached: Vec<usize> = HostNd::<i32>::indices(l.shape()).iter().map(|i| l.index_of(i)).collect();
    prop_assert_eq!(l.len(), reached.len());
    match (l.span(), reached.iter().min(), reached.iter().max()) {
        (None, None, None) => prop_assert!(l.is_empty()),
        (Some((lo, hi)), Some(&min), Some(&max)) => {
            prop_assert_eq!((lo, hi), (min, max + 1), "span of {:?} after {:?}", l, ctx);
            prop_assert!(hi <= storage_len, "span {:?} beyond storage of {} after {:?}", (lo, hi), storage_len, ctx);
        }
        other => prop_assert!(false, "span/emptiness disagree: {:?} for {:?}", other, l),
    }
    // An empty layout is contiguous whatever its strides (NumPy's rule too).
    if l.is_contiguous() && !l.is_empty() {
        let row_major = contiguous_strides(l.shape());
        for d in (0..l.ndim()).filter(|&d| l.shape()[d] > 1) {
            prop_assert_eq!(l.strides()[d], row_major[d], "contiguous {:?} after {:?}", l, ctx);
        }
    }
    if !l.is_empty() {
        let dense = reached.iter().enumerate().all(|(k, &s)| s == l.offset() + k);
        prop_assert_eq!(l.is_contiguous(), dense, "is_contiguous of {:?} after {:?}", l, ctx);
    }
    // Overlap is exact for non-empty layouts (an empty one may conservatively say yes).
    let mut distinct = reached.clone();
    distinct.sort_unstable();
    distinct.dedup();
    if !l.is_empty() {
        prop_assert_eq!(l.has_overlap(), distinct.len() < reached.len(), "has_overlap of {:?}", l);
    }
    let c = collapse(l.shape(), &[l.strides()]);
    prop_assert!(!c.shape.contains(&1) && c.shape.len() <= l.ndim(), "collapse {:?} of {:?}", c, l);
    prop_assert_eq!(c.shape.iter().product::<usize>(), l.len());
    let mut ci = vec![0; c.shape.len()];
    for (k, &s) in reached.iter().enumerate() {
        unravel(k, &c.shape, &mut ci);
        let at = ci.iter().zip(&c.strides[0]).fold(l.offset() as isize, |acc, (&i, &st)| acc + i as isize * st);
        prop_assert_eq!(at as usize, s, "collapse {:?} of {:?} at {}", c, l, k);
    }
    Ok(())
}

/// (b): the chain on arrays of every device against the reference, with a model of the
/// array's storage (its initial data, or what a copying reshape wrote).
fn check_array_chain(shape0: &[usize], raw: &[RawOp]) -> Result<(), TestCaseError> {
    let n: usize = shape0.iter().product();
    let data: Vec<i32> = (0..n as i32).map(|v| v * 3 - 7).collect();
    for dev in devices() {
        let mut a = ok(Array::from_vec(data.clone(), shape0).and_then(|a| a.to(dev)), shape0)?;
        let mut h = HostNd::new(data.clone(), shape0);
        let mut storage = data.clone();
        let mut done = Vec::new();
        for (kind, r) in raw {
            let op = concretize(*kind, r, &h.shape);
            done.push(op.clone());
            if let ViewOp::Reshape(s) = &op
                && a.layout().reshaped(s).is_none()
            {
                storage = h.to_vec();
            }
            a = ok(op.apply(&a), (&done, shape0))?;
            h = apply_ref(&h, &op);
            prop_assert_eq!(a.shape(), &h.shape[..], "shape after {:?} from {:?}", done, shape0);
            check_layout(a.layout(), storage.len(), &done)?;
            let got = ok(a.to_vec(), "download")?;
            prop_assert_eq!(&got, &h.to_vec(), "elements after {:?} from {:?} on {}", done, shape0, dev);
            let via: Vec<i32> =
                HostNd::<i32>::indices(a.shape()).iter().map(|i| storage[a.layout().index_of(i)]).collect();
            prop_assert_eq!(&got, &via, "layout does not address the storage after {:?}", done);
        }
        // Kernels read the final view through its strides.
        let want = h.to_vec();
        let c = ok(a.contiguous(), "contiguous")?;
        prop_assert!(c.is_contiguous());
        prop_assert_eq!(ok(c.to_vec(), "download")?, want.clone());
        let plus: Vec<i32> = want.iter().map(|v| v + 1).collect();
        prop_assert_eq!(ok(a.add_scalar(1).and_then(|x| x.to_vec()), "add_scalar")?, plus);
        let total = want.iter().fold(0i32, |s, &v| s.wrapping_add(v));
        prop_assert_eq!(ok(a.sum().and_then(|s| s.item()), "sum")?, total, "sum after {:?}", done);
        check_joins(dev, &a, &h, n + raw.len(), &done)?;
        check_take(dev, &a, &h, n + raw.len(), &done)?;
        check_cumsum(dev, &a, &h, n + raw.len(), &done)?;
        check_argsort(dev, &a, &h, n + raw.len(), &done)?;
    }
    Ok(())
}

/// `concatenate` of the view, its reverse along the axis and a fresh array, and `stack`
/// of two copies of the view, against the reference (axes picked by `pick`).
fn check_joins(
    dev: &Device,
    a: &Array<i32>,
    h: &HostNd<i32>,
    pick: usize,
    done: &[ViewOp],
) -> Result<(), TestCaseError> {
    let nd = h.shape.len();
    if nd > 0 {
        let ax = pick % nd;
        let rev = ok(a.slice(ax as isize, None, None, -1), "reverse")?;
        let mut fresh_shape = h.shape.clone();
        fresh_shape[ax] = 2;
        let fresh_data: Vec<i32> = (0..fresh_shape.iter().product::<usize>() as i32).map(|v| -v - 1).collect();
        let fresh = ok(Array::from_vec(fresh_data.clone(), &fresh_shape[..]).and_then(|f| f.to(dev)), "fresh")?;
        let parts = [h.clone(), h.slice(ax, None, None, -1), HostNd::new(fresh_data, &fresh_shape)];
        let (shape, want) = concat_ref(&parts, ax);
        let got = ok(gpu::concatenate(&[a, &rev, &fresh], ax as isize), ("concatenate", ax, done))?;
        prop_assert_eq!(got.shape(), &shape[..]);
        prop_assert_eq!(ok(got.to_vec(), "download")?, want, "concatenate along {} after {:?} on {}", ax, done, dev);
    }
    let sx = (pick / 2) % (nd + 1);
    let u = apply_ref(h, &ViewOp::Unsqueeze(sx as isize));
    let (shape, want) = concat_ref(&[u.clone(), u], sx);
    let got = ok(gpu::stack(&[a, a], sx as isize), ("stack", sx, done))?;
    prop_assert_eq!(got.shape(), &shape[..]);
    prop_assert_eq!(ok(got.to_vec(), "download")?, want, "stack along {} after {:?} on {}", sx, done, dev);
    Ok(())
}

/// `take` from the view along an axis picked by `pick`, by a reversed (strided) view
/// of 2-D i32 indices that run past both ends, against the reference.
fn check_take(
    dev: &Device,
    a: &Array<i32>,
    h: &HostNd<i32>,
    pick: usize,
    done: &[ViewOp],
) -> Result<(), TestCaseError> {
    let nd = h.shape.len();
    if nd == 0 || h.shape.contains(&0) {
        return Ok(());
    }
    let ax = pick % nd;
    let len = h.shape[ax] as i64;
    let raw: Vec<i32> = (0..6).map(|k| ((k * 5 + pick as i64) % (3 * len) - len) as i32).collect();
    let idx = ok(Array::from_vec(raw.clone(), [2, 3]).and_then(|i| i.to(dev)), "indices")?;
    let idx = ok(idx.slice(1, None, None, -1), "reverse indices")?;
    let picked: Vec<i32> = [2, 1, 0, 5, 4, 3].iter().map(|&k| raw[k]).collect();
    let mut shape = h.shape[..ax].to_vec();
    shape.extend([2, 3]);
    shape.extend_from_slice(&h.shape[ax + 1..]);
    let want: Vec<i32> = HostNd::<i32>::indices(&shape)
        .into_iter()
        .map(|i| {
            let j = picked[i[ax] * 3 + i[ax + 1]] as i64;
            let mut at = i[..ax].to_vec();
            at.push(j.rem_euclid(len) as usize);
            at.extend_from_slice(&i[ax + 2..]);
            h.get(&at)
        })
        .collect();
    let got = ok(a.take(&idx, ax as isize), ("take", ax, done))?;
    prop_assert_eq!(got.shape(), &shape[..]);
    prop_assert_eq!(ok(got.to_vec(), "download")?, want, "take along {} after {:?} on {}", ax, done, dev);
    Ok(())
}

/// `cumsum` of the view along an axis picked by `pick`, against the reference.
fn check_cumsum(
    dev: &Device,
    a: &Array<i32>,
    h: &HostNd<i32>,
    pick: usize,
    done: &[ViewOp],
) -> Result<(), TestCaseError> {
    let nd = h.shape.len();
    if nd == 0 {
        return Ok(());
    }
    let ax = pick % nd;
    let want: Vec<i32> = HostNd::<i32>::indices(&h.shape)
        .into_iter()
        .map(|i| {
            (0..=i[ax]).fold(0i32, |s, j| {
                let mut at = i.clone();
                at[ax] = j;
                s.wrapping_add(h.get(&at))
            })
        })
        .collect();
    let got = ok(a.cumsum(ax as isize), ("cumsum", ax, done))?;
    prop_assert_eq!(got.shape(), &h.shape[..]);
    prop_assert_eq!(ok(got.to_vec(), "download")?, want, "cumsum along {} after {:?} on {}", ax, done, dev);
    Ok(())
}

/// `argsort` of the view along an axis picked by `pick`, against a stable host sort of
/// each slice's positions (views with repeated elements — broadcasts — test ties).
fn check_argsort(
    dev: &Device,
    a: &Array<i32>,
    h: &HostNd<i32>,
    pick: usize,
    done: &[ViewOp],
) -> Result<(), TestCaseError> {
    let nd = h.shape.len();
    if nd == 0 {
        return Ok(());
    }
    let ax = (pick / 3) % nd;
    let want: Vec<u32> = HostNd::<i32>::indices(&h.shape)
        .into_iter()
        .map(|i| {
            let at = |j: usize| {
                let mut k = i.clone();
                k[ax] = j;
                h.get(&k)
            };
            let mut perm: Vec<usize> = (0..h.shape[ax]).collect();
            perm.sort_by_key(|&j| at(j));
            perm[i[ax]] as u32
        })
        .collect();
    let got = ok(a.argsort(ax as isize), ("argsort", ax, done))?;
    prop_assert_eq!(got.shape(), &h.shape[..]);
    prop_assert_eq!(ok(got.to_vec(), "download")?, want, "argsort along {} after {:?} on {}", ax, done, dev);
    Ok(())
}

/// Reference `concatenate`: each output index taken from the part it falls in.
fn concat_ref(parts: &[HostNd<i32>], ax: usize) -> (Vec<usize>, Vec<i32>) {
    let mut shape = parts[0].shape.clone();
    shape[ax] = parts.iter().map(|p| p.shape[ax]).sum();
    let vals = HostNd::<i32>::indices(&shape)
        .into_iter()
        .map(|mut idx| {
            let mut k = 0;
            while idx[ax] >= parts[k].shape[ax] {
                idx[ax] -= parts[k].shape[ax];
                k += 1;
            }
            parts[k].get(&idx)
        })
        .collect();
    (shape, vals)
}

/// (c): the chain on `Layout` alone; the reference holds storage indices, so
/// `index_of` must equal the reference element at every index.
fn check_layout_chain(shape0: &[usize], raw: &[RawOp]) -> Result<(), TestCaseError> {
    let n: usize = shape0.iter().product();
    let mut l = Layout::contiguous(shape0);
    let mut h = HostNd::new((0..n as i32).collect(), shape0);
    let mut storage_len = n;
    let mut done = Vec::new();
    for (kind, r) in raw {
        let op = concretize(*kind, r, l.shape());
        done.push(op.clone());
        match ok(apply_layout(&l, &op), &done)? {
            Some(next) => {
                l = next;
                h = apply_ref(&h, &op);
            }
            None => {
                let ViewOp::Reshape(s) = &op else { return Err(TestCaseError::fail("None from a non-reshape")) };
                prop_assert!(!l.is_contiguous(), "a contiguous layout must reshape without copy: {:?}", l);
                // No strides can express it: the strides read off unit steps must fail.
                let old: Vec<i32> = h.to_vec();
                let base = old.first().copied().unwrap_or(0) as isize;
                let steps: Vec<isize> = (0..s.len())
                    .map(|j| {
                        let k: usize = s[j + 1..].iter().product();
                        if s[j] > 1 {
                            old[k] as isize - base
                        } else {
                            0
                        }
                    })
                    .collect();
                let expressible = HostNd::<i32>::indices(s).iter().zip(&old).all(|(i, &v)| {
                    i.iter().zip(&steps).fold(base, |acc, (&x, &st)| acc + x as isize * st) == v as isize
                });
                prop_assert!(!expressible, "reshaped({:?}) of {:?} copied although strides {:?} work", s, l, steps);
                storage_len = s.iter().product();
                l = Layout::contiguous(s);
                h = HostNd::new((0..storage_len as i32).collect(), s);
            }
        }
        prop_assert_eq!(l.shape(), &h.shape[..], "after {:?}", done);
        for i in HostNd::<i32>::indices(l.shape()) {
            prop_assert_eq!(l.index_of(&i), h.get(&i) as usize, "index {:?} after {:?}", i, done);
        }
        check_layout(&l, storage_len, &done)?;
    }
    Ok(())
}

fn check_layout_basics(s: &[usize], r: &[u32; 6]) -> Result<(), TestCaseError> {
    let n: usize = s.iter().product();
    let l = Layout::contiguous(s);
    prop_assert!(l.is_contiguous() && !l.has_overlap());
    prop_assert_eq!((l.offset(), l.strides()), (0, &contiguous_strides(s)[..]));
    prop_assert_eq!(l.span(), (n > 0).then_some((0, n)));
    // Reshape of a contiguous layout: always a view, row-major strides, same offset.
    let to = factor_shape(n, r);
    prop_assert_eq!(l.reshaped(&to), Some(Layout::contiguous(&to)));
    if s.first().is_some_and(|&d| d > 1) && n > 0 {
        let row = ok(l.index_axis(0, -1), s)?;
        let flat = row.reshaped(&[row.len()]);
        prop_assert_eq!(flat.map(|f| (f.offset(), f.strides().to_vec())), Some((n - row.len(), vec![1])));
    }
    // A permutation and its inverse cancel; t() twice is the identity.
    let ViewOp::Transpose(axes) = concretize(0, r, s) else { unreachable!() };
    let perm = ok(l.permutation(&axes), &axes)?;
    let mut inv = vec![0; perm.len()];
    for (k, &p) in perm.iter().enumerate() {
        inv[p] = k;
    }
    prop_assert_eq!(l.permute(&perm).permute(&inv), l.clone());
    prop_assert_eq!(l.reversed().reversed(), l.clone());
    // 1-D slices pick exactly Python's indices.
    let line = Layout::contiguous(&[n]);
    if let ViewOp::Slice(_, start, end, step) = concretize(1, r, &[n]) {
        let sl = ok(line.slice(0, start, end, step), (start, end, step))?;
        let got: Vec<isize> = (0..sl.len()).map(|i| sl.index_of(&[i]) as isize).collect();
        prop_assert_eq!(got, python_range(n as isize, start, end, step), "[{:?}:{:?}:{:?}] of {}", start, end, step, n);
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn broadcasting_matches_reference(a in shape(), b in shape(), seed in any::<u64>()) {
        check_broadcast(&a, &b, seed)?;
    }

    #[test]
    fn ternary_broadcasting_matches_full_operands(a in shape(), b in shape(), c in shape(), seed in any::<u64>()) {
        check_ternary_broadcast(&a, &b, &c, seed)?;
    }

    #[test]
    fn view_chains_match_reference(s in start_shape(), ops in chain()) {
        check_array_chain(&s, &ops)?;
    }

    #[test]
    fn layout_chains_address_the_right_elements(s in start_shape(), ops in chain()) {
        check_layout_chain(&s, &ops)?;
    }

    #[test]
    fn reshape_of_strided_layouts(s in start_shape(), r in any::<[[u32; 6]; 4]>()) {
        // Always strided first (a permutation and a slice), then two reshapes.
        check_layout_chain(&s, &[(0, r[0]), (1, r[1]), (3, r[2]), (3, r[3])])?;
    }

    #[test]
    fn layout_basics(s in start_shape(), r in any::<[u32; 6]>()) {
        check_layout_basics(&s, &r)?;
    }
}
