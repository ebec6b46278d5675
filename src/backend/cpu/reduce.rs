//! CPU reductions and the 1-D dot product.
//!
//! Float sums are pairwise: leaves of [`LEAF`] elements summed in 16 independent lanes
//! (so the loop vectorises), then combined in a binary tree whose shape depends only
//! on the length — results are identical for any thread count, and the error stays
//! within `c·log2(n)·eps·Σ|x|`. Three traversal shapes cover every layout: one long
//! run (full reductions), many runs (row reductions, parallel over rows), and
//! row-accumulation when the reduced axis is strided and the kept axis dense
//! (column reductions, which would otherwise walk memory with a large stride).

use rayon::prelude::*;

use super::num::{FloatNum, Num};
use super::strided::CHUNK;
use super::{unsupported, CpuBackend, CpuStorage};
use crate::backend::{ReduceOp, View};
use crate::dtype::{DType, HostVec, Scalar};
use crate::error::Result;
use crate::layout::{collapse, flat_offset, Collapsed, Layout};

/// Elements per pairwise leaf.
const LEAF: usize = 65536;
/// Below this many elements a pairwise tree stays on one thread. A reduction streams at
/// 30–80 GB/s on one core, so the 15–25 µs hand-off to rayon and back only pays from
/// about a million elements (measured with gpu-bench: sum and dot of 500k and 1M f32
/// were 10% slower than a serial loop at a 128K threshold, level at this one).
const PAR_MIN: usize = 1 << 20;
/// Lanes in a leaf's accumulator.
const LANES: usize = 16;
/// Rows per leaf in column reductions.
const ROW_LEAF: usize = 128;
/// Columns per task in column reductions.
const COL_CHUNK: usize = 512;

/// A reduction as a monoid with a final transform.
pub(crate) trait Reducer<T: Copy>: Sync {
    type Acc: Copy + Send + Sync;
    type Out: Copy + Send + Sync + Scalar;
    fn identity(&self) -> Self::Acc;
    /// Adds element `x` at position `i` of the reduced run.
    fn push(&self, acc: Self::Acc, x: T, i: usize) -> Self::Acc;
    /// Combines `a` (earlier positions) with `b` (later positions).
    fn merge(&self, a: Self::Acc, b: Self::Acc) -> Self::Acc;
    fn finish(&self, acc: Self::Acc, n: usize) -> Self::Out;
    /// Reduces a dense run starting at position `first`; overridden where lanes help.
    fn leaf(&self, xs: &[T], first: usize) -> Self::Acc {
        xs.iter().enumerate().fold(self.identity(), |a, (i, &x)| self.push(a, x, first + i))
    }
    /// Reduces rows `r0..r0 + nr` of a block of `w` dense columns into one accumulator
    /// per column (`row(i)` is row i's `w` values); overridden where a branch-free
    /// per-column form vectorises.
    fn leaf_cols<'a>(&self, row: impl Fn(usize) -> &'a [T], r0: usize, nr: usize, w: usize) -> Vec<Self::Acc>
    where
        T: 'a,
    {
        push_cols(self, row, r0, nr, w)
    }
}

/// `leaf_cols` element by element through `push`.
fn push_cols<'a, T: Copy + 'a, R: Reducer<T> + ?Sized>(
    r: &R,
    row: impl Fn(usize) -> &'a [T],
    r0: usize,
    nr: usize,
    w: usize,
) -> Vec<R::Acc> {
    let mut acc = vec![r.identity(); w];
    for i in r0..r0 + nr {
        for (a, &x) in acc.iter_mut().zip(row(i)) {
            *a = r.push(*a, x, i);
        }
    }
    acc
}

/// Folds `xs` in `LANES` independent accumulators, then combines the lanes.
///
/// The lanes are combined in order, not as a tree: with a tree combine, LLVM's SLP
/// vectoriser re-shapes the main loop into 2-wide vectors and the leaf runs ~25%
/// slower (measured: 45 vs 35 ms per 100M f32 on one core). Sixteen sequential adds
/// keep the error within the pairwise bound's constant.
#[inline(always)]
fn lanes<T: Copy, A: Copy>(xs: &[T], init: A, step: impl Fn(A, T) -> A, merge: impl Fn(A, A) -> A) -> A {
    let mut acc = [init; LANES];
    let (chunks, rest) = xs.as_chunks::<LANES>();
    for c in chunks {
        for i in 0..LANES {
            acc[i] = step(acc[i], c[i]);
        }
    }
    let total = acc[1..].iter().fold(acc[0], |a, &b| merge(a, b));
    rest.iter().fold(total, |a, &x| step(a, x))
}

/// The pairwise tree over `0..len`, leaves of `LEAF`, split on leaf boundaries.
fn pairwise<A: Send>(
    len: usize,
    par: bool,
    leaf: &(impl Fn(usize, usize) -> A + Sync),
    merge: &(impl Fn(A, A) -> A + Sync),
) -> A {
    fn rec<A: Send>(
        start: usize,
        len: usize,
        par: bool,
        leaf: &(impl Fn(usize, usize) -> A + Sync),
        merge: &(impl Fn(A, A) -> A + Sync),
    ) -> A {
        if len <= LEAF {
            return leaf(start, len);
        }
        let half = len.div_ceil(LEAF) / 2 * LEAF;
        let (a, b) = if par && len >= PAR_MIN {
            rayon::join(|| rec(start, half, par, leaf, merge), || rec(start + half, len - half, par, leaf, merge))
        } else {
            (rec(start, half, par, leaf, merge), rec(start + half, len - half, par, leaf, merge))
        };
        merge(a, b)
    }
    rec(0, len, par, leaf, merge)
}

/// Reduces the run of `len` elements at storage index `base` with stride `stride`.
fn reduce_run<T: Copy + Sync, R: Reducer<T>>(
    r: &R,
    data: &[T],
    base: isize,
    len: usize,
    stride: isize,
    par: bool,
) -> R::Acc {
    let leaf = |s: usize, l: usize| {
        if stride == 1 {
            let b = base as usize + s;
            r.leaf(&data[b..b + l], s)
        } else {
            (s..s + l).fold(r.identity(), |a, i| r.push(a, data[(base + i as isize * stride) as usize], i))
        }
    };
    pairwise(len, par, &leaf, &|a, b| r.merge(a, b))
}

struct Sum;
impl<T: Num> Reducer<T> for Sum {
    type Acc = T;
    type Out = T;
    fn identity(&self) -> T {
        T::ZERO
    }
    fn push(&self, a: T, x: T, _: usize) -> T {
        a.add(x)
    }
    fn merge(&self, a: T, b: T) -> T {
        a.add(b)
    }
    fn finish(&self, a: T, _: usize) -> T {
        a
    }
    fn leaf(&self, xs: &[T], _: usize) -> T {
        lanes(xs, T::ZERO, T::add, T::add)
    }
}

struct Prod;
impl<T: Num> Reducer<T> for Prod {
    type Acc = T;
    type Out = T;
    fn identity(&self) -> T {
        T::ONE
    }
    fn push(&self, a: T, x: T, _: usize) -> T {
        a.mul(x)
    }
    fn merge(&self, a: T, b: T) -> T {
        a.mul(b)
    }
    fn finish(&self, a: T, _: usize) -> T {
        a
    }
    fn leaf(&self, xs: &[T], _: usize) -> T {
        lanes(xs, T::ONE, T::mul, T::mul)
    }
}

/// Max (`MAX = true`) or min; NaN propagates. The identity is never observed: empty
/// max/min are rejected before reaching a backend.
struct Extreme<const MAX: bool>;
impl<T: Num, const MAX: bool> Reducer<T> for Extreme<MAX> {
    type Acc = Option<T>;
    type Out = T;
    fn identity(&self) -> Option<T> {
        None
    }
    fn push(&self, a: Option<T>, x: T, _: usize) -> Option<T> {
        Some(match a {
            None => x,
            Some(a) if MAX => a.maximum(x),
            Some(a) => a.minimum(x),
        })
    }
    fn merge(&self, a: Option<T>, b: Option<T>) -> Option<T> {
        match (a, b) {
            (Some(a), Some(b)) => self.push(Some(a), b, 0),
            (a, None) => a,
            (None, b) => b,
        }
    }
    fn finish(&self, a: Option<T>, _: usize) -> T {
        a.unwrap_or(T::ZERO)
    }
    fn leaf(&self, xs: &[T], _: usize) -> Option<T> {
        let first = *xs.first()?;
        let f = |a: T, x: T| if MAX { a.maximum(x) } else { a.minimum(x) };
        Some(lanes(xs, first, f, f))
    }
    fn leaf_cols<'a>(&self, row: impl Fn(usize) -> &'a [T], r0: usize, nr: usize, w: usize) -> Vec<Option<T>>
    where
        T: 'a,
    {
        if nr == 0 {
            return vec![None; w];
        }
        // Plain values seeded from the first row: no Option in the loop, so it vectorises.
        let mut cur = row(r0).to_vec();
        for i in r0 + 1..r0 + nr {
            for (c, &x) in cur.iter_mut().zip(row(i)) {
                *c = if MAX { c.maximum(x) } else { c.minimum(x) };
            }
        }
        cur.into_iter().map(Some).collect()
    }
}

/// Index of the first extreme; a NaN counts as the extreme (NumPy).
struct ArgExtreme<const MAX: bool>;
impl<const MAX: bool> ArgExtreme<MAX> {
    #[inline(always)]
    fn better<T: Num>(x: T, cur: T) -> bool {
        !cur.is_nan() && (x.is_nan() || if MAX { x > cur } else { x < cur })
    }

    /// `better` as a step of a vectorised scan: (value, position) after `x` at `p`
    /// meets `cur` at `j`. Three selects, each on one comparison (as `Num::maximum`);
    /// a select on `better`'s combined bool does not vectorise.
    #[inline(always)]
    fn step<T: Num>(cur: T, j: u32, x: T, p: u32) -> (T, u32) {
        let g = if MAX { x > cur } else { x < cur };
        let (v1, j1) = (if g { x } else { cur }, if g { p } else { j });
        let xn = x.is_nan();
        let (v2, j2) = (if xn { x } else { v1 }, if xn { p } else { j1 });
        let cn = cur.is_nan();
        (if cn { cur } else { v2 }, if cn { j } else { j2 })
    }
}
impl<T: Num, const MAX: bool> Reducer<T> for ArgExtreme<MAX> {
    type Acc = Option<(T, usize)>;
    type Out = u32;
    fn identity(&self) -> Self::Acc {
        None
    }
    fn push(&self, a: Self::Acc, x: T, i: usize) -> Self::Acc {
        match a {
            Some((cur, _)) if !Self::better(x, cur) => a,
            _ => Some((x, i)),
        }
    }
    fn merge(&self, a: Self::Acc, b: Self::Acc) -> Self::Acc {
        match (a, b) {
            (Some((va, _)), Some((vb, _))) if Self::better(vb, va) => b,
            (Some(_), _) => a,
            (None, b) => b,
        }
    }
    fn finish(&self, a: Self::Acc, _: usize) -> u32 {
        a.map_or(0, |(_, i)| i as u32)
    }
    fn leaf(&self, xs: &[T], first: usize) -> Self::Acc {
        // `LANES` interleaved (value, position) lanes advanced by `step`, so the loop
        // vectorises; then the lanes' winners combined: the better value, or the earlier position among equivalent
        // ones (equal values, or NaNs), so the first extreme wins as in a sequential scan.
        let (chunks, rest) = xs.as_chunks::<LANES>();
        let Some(head) = chunks.first().filter(|_| xs.len() <= u32::MAX as usize) else {
            return xs.iter().enumerate().fold(None, |a, (i, &x)| self.push(a, x, first + i));
        };
        let mut val = *head;
        let mut idx: [u32; LANES] = std::array::from_fn(|l| l as u32);
        let mut pos = idx;
        for ch in &chunks[1..] {
            for l in 0..LANES {
                pos[l] += LANES as u32;
                (val[l], idx[l]) = Self::step(val[l], idx[l], ch[l], pos[l]);
            }
        }
        let mut best = (val[0], idx[0] as usize);
        for l in 1..LANES {
            let (v, i) = (val[l], idx[l] as usize);
            if Self::better(v, best.0) || (!Self::better(best.0, v) && i < best.1) {
                best = (v, i);
            }
        }
        let base = chunks.len() * LANES;
        for (i, &x) in rest.iter().enumerate() {
            if Self::better(x, best.0) {
                best = (x, base + i);
            }
        }
        Some((best.0, first + best.1))
    }
    fn leaf_cols<'a>(&self, row: impl Fn(usize) -> &'a [T], r0: usize, nr: usize, w: usize) -> Vec<Self::Acc>
    where
        T: 'a,
    {
        if nr == 0 {
            return vec![None; w];
        }
        if r0 + nr > u32::MAX as usize {
            return push_cols(self, row, r0, nr, w);
        }
        let mut val = row(r0).to_vec();
        let mut idx = vec![r0 as u32; w];
        for i in r0 + 1..r0 + nr {
            let p = i as u32;
            for ((v, k), &x) in val.iter_mut().zip(idx.iter_mut()).zip(row(i)) {
                (*v, *k) = Self::step(*v, *k, x, p);
            }
        }
        val.into_iter().zip(idx).map(|(v, k)| Some((v, k as usize))).collect()
    }
}

/// Sum with a final division (mean) or square root of the sum of squares (norm).
struct Scaled<const NORM: bool>;
impl<T: FloatNum, const NORM: bool> Reducer<T> for Scaled<NORM> {
    type Acc = T;
    type Out = T;
    fn identity(&self) -> T {
        T::ZERO
    }
    fn push(&self, a: T, x: T, _: usize) -> T {
        if NORM {
            a + x * x
        } else {
            a + x
        }
    }
    fn merge(&self, a: T, b: T) -> T {
        a + b
    }
    fn finish(&self, a: T, n: usize) -> T {
        if NORM {
            a.sqrt()
        } else {
            a / T::from_usize(n)
        }
    }
    fn leaf(&self, xs: &[T], _: usize) -> T {
        if NORM {
            lanes(xs, T::ZERO, |a, x| a + x * x, |a, b| a + b)
        } else {
            lanes(xs, T::ZERO, |a, x| a + x, |a, b| a + b)
        }
    }
}

/// Variance (or standard deviation) by Chan et al.'s parallel algorithm: each leaf
/// computes its mean and centred sum of squares exactly (two passes over L1-resident
/// data), leaves merge with the pairwise update formula. Stable without a prior mean.
struct Moments<const STD: bool>;
impl<T: FloatNum, const STD: bool> Reducer<T> for Moments<STD> {
    /// (count, mean, Σ(x − mean)²)
    type Acc = (usize, T, T);
    type Out = T;
    fn identity(&self) -> Self::Acc {
        (0, T::ZERO, T::ZERO)
    }
    fn push(&self, (n, mean, m2): Self::Acc, x: T, _: usize) -> Self::Acc {
        let n1 = n + 1;
        let d = x - mean;
        let mean1 = mean + d / T::from_usize(n1);
        (n1, mean1, m2 + d * (x - mean1))
    }
    fn merge(&self, (na, ma, sa): Self::Acc, (nb, mb, sb): Self::Acc) -> Self::Acc {
        if na == 0 {
            return (nb, mb, sb);
        }
        if nb == 0 {
            return (na, ma, sa);
        }
        let n = na + nb;
        let (fa, fb, fn_) = (T::from_usize(na), T::from_usize(nb), T::from_usize(n));
        let d = mb - ma;
        (n, ma + d * (fb / fn_), sa + sb + d * d * (fa * fb / fn_))
    }
    fn finish(&self, (_, _, m2): Self::Acc, n: usize) -> T {
        let v = m2 / T::from_usize(n);
        if STD {
            v.sqrt()
        } else {
            v
        }
    }
    fn leaf(&self, xs: &[T], _: usize) -> Self::Acc {
        if xs.is_empty() {
            return self.identity();
        }
        let mean = lanes(xs, T::ZERO, |a, x| a + x, |a, b| a + b) / T::from_usize(xs.len());
        let m2 = lanes(xs, T::ZERO, |a, x| a + (x - mean) * (x - mean), |a, b| a + b);
        (xs.len(), mean, m2)
    }
    fn leaf_cols<'a>(&self, row: impl Fn(usize) -> &'a [T], r0: usize, nr: usize, w: usize) -> Vec<Self::Acc>
    where
        T: 'a,
    {
        // The row leaf's two passes, per column: each column's mean, then its centred sum
        // of squares (the block's rows are in cache for the second pass).
        let mut mean = vec![T::ZERO; w];
        for i in r0..r0 + nr {
            for (m, &x) in mean.iter_mut().zip(row(i)) {
                *m = *m + x;
            }
        }
        let n = T::from_usize(nr.max(1));
        mean.iter_mut().for_each(|m| *m = *m / n);
        let mut m2 = vec![T::ZERO; w];
        for i in r0..r0 + nr {
            for ((s, &m), &x) in m2.iter_mut().zip(&mean).zip(row(i)) {
                *s = *s + (x - m) * (x - m);
            }
        }
        mean.into_iter().zip(m2).map(|(m, s)| (nr, m, s)).collect()
    }
}

/// Storage index of outer element `o` over a collapsed outer shape.
fn outer_base(o: usize, outer: &Collapsed, offset: usize) -> isize {
    offset as isize + flat_offset(o, &outer.shape, &outer.strides[0])
}

/// Runs reducer `r` over the last `reduced` dims of `(data, layout)`.
fn drive<T: Copy + Send + Sync + Default, R: Reducer<T>>(
    cpu: &CpuBackend,
    r: &R,
    data: &[T],
    layout: &Layout,
    reduced: usize,
) -> Result<CpuStorage> {
    let nd = layout.ndim();
    let (oshape, ishape) = layout.shape().split_at(nd - reduced);
    let (ostr, istr) = layout.strides().split_at(nd - reduced);
    let olen: usize = oshape.iter().product();
    let rlen: usize = ishape.iter().product();
    if olen == 0 || rlen == 0 {
        let mut out = cpu.alloc::<R::Out>(olen)?;
        out[..olen].fill(r.finish(r.identity(), 0));
        return Ok(cpu.finish(out));
    }
    let inner = collapse(ishape, &[istr]);
    if inner.shape.len() > 1 {
        // Reduced dims that do not merge into one run: gather them densely first.
        let mut dense = super::pool::try_filled(layout.len(), T::default())?;
        super::strided::map1(&mut dense, layout.shape(), &super::strided::Src::view(data, layout), |x| x);
        return drive(cpu, r, &dense, &Layout::contiguous(layout.shape()), reduced);
    }
    let rstride = inner.strides[0].first().copied().unwrap_or(0);
    let outer = collapse(oshape, &[ostr]);
    let mut out = cpu.alloc::<R::Out>(olen)?;
    let o = &mut out[..olen];
    let threads = rayon::current_num_threads();
    let last_dense = outer.strides[0].last() == Some(&1) && outer.shape.last().is_some_and(|&c| c >= 8);

    if rstride != 1 && rlen > 1 && last_dense {
        columns(r, data, layout.offset(), &outer, rlen, rstride, o);
    } else {
        let big = olen * rlen >= PAR_MIN;
        if olen < 2 * threads && big {
            // Few long runs: parallelism inside each run.
            for (i, v) in o.iter_mut().enumerate() {
                let base = outer_base(i, &outer, layout.offset());
                *v = r.finish(reduce_run(r, data, base, rlen, rstride, true), rlen);
            }
        } else {
            let per = (CHUNK / rlen).max(1);
            let body = |(c, chunk): (usize, &mut [R::Out])| {
                for (j, v) in chunk.iter_mut().enumerate() {
                    let base = outer_base(c * per + j, &outer, layout.offset());
                    *v = r.finish(reduce_run(r, data, base, rlen, rstride, false), rlen);
                }
            };
            if big {
                o.par_chunks_mut(per).enumerate().for_each(body);
            } else {
                o.chunks_mut(per).enumerate().for_each(body);
            }
        }
    }
    Ok(cpu.finish(out))
}

/// Column reduction: the last kept dim is dense, the reduced dim strided. Rows are
/// accumulated into per-column accumulators (vectorisable), pairwise over row blocks.
fn columns<T: Copy + Sync, R: Reducer<T>>(
    r: &R,
    data: &[T],
    offset: usize,
    outer: &Collapsed,
    rlen: usize,
    rstride: isize,
    out: &mut [R::Out],
) {
    let ncol = *outer.shape.last().unwrap_or(&1);
    let prefix = Collapsed {
        shape: outer.shape[..outer.shape.len() - 1].to_vec(),
        strides: vec![outer.strides[0][..outer.shape.len() - 1].to_vec()],
    };
    out.par_chunks_mut(ncol).enumerate().for_each(|(p, row_out)| {
        let pbase = outer_base(p, &prefix, offset);
        row_out.par_chunks_mut(COL_CHUNK).enumerate().for_each(|(cc, cols)| {
            let c0 = pbase + (cc * COL_CHUNK) as isize;
            let w = cols.len();
            let row = |i: usize| {
                let b = (c0 + i as isize * rstride) as usize;
                &data[b..b + w]
            };
            let leaf = |r0: usize, nr: usize| r.leaf_cols(row, r0, nr, w);
            let merge = |mut a: Vec<R::Acc>, b: Vec<R::Acc>| {
                for (x, y) in a.iter_mut().zip(b) {
                    *x = r.merge(*x, y);
                }
                a
            };
            let acc = row_pairwise(rlen, rlen * w >= PAR_MIN, &leaf, &merge);
            for (o, a) in cols.iter_mut().zip(acc) {
                *o = r.finish(a, rlen);
            }
        });
    });
}

/// Pairwise tree over rows with leaves of `ROW_LEAF` rows.
fn row_pairwise<A: Send>(
    len: usize,
    par: bool,
    leaf: &(impl Fn(usize, usize) -> A + Sync),
    merge: &(impl Fn(A, A) -> A + Sync),
) -> A {
    fn rec<A: Send>(
        s: usize,
        l: usize,
        par: bool,
        leaf: &(impl Fn(usize, usize) -> A + Sync),
        merge: &(impl Fn(A, A) -> A + Sync),
    ) -> A {
        if l <= ROW_LEAF {
            return leaf(s, l);
        }
        let h = l.div_ceil(ROW_LEAF) / 2 * ROW_LEAF;
        let (a, b) = if par {
            rayon::join(|| rec(s, h, par, leaf, merge), || rec(s + h, l - h, par, leaf, merge))
        } else {
            (rec(s, h, par, leaf, merge), rec(s + h, l - h, par, leaf, merge))
        };
        merge(a, b)
    }
    rec(0, len, par, leaf, merge)
}

pub(super) fn reduce(cpu: &CpuBackend, op: ReduceOp, src: View<'_, CpuStorage>, reduced: usize) -> Result<CpuStorage> {
    fn int<T: Num + Default>(cpu: &CpuBackend, op: ReduceOp, v: &[T], l: &Layout, k: usize) -> Result<CpuStorage> {
        match op {
            ReduceOp::Sum => drive(cpu, &Sum, v, l, k),
            ReduceOp::Prod => drive(cpu, &Prod, v, l, k),
            ReduceOp::Max => drive(cpu, &Extreme::<true>, v, l, k),
            ReduceOp::Min => drive(cpu, &Extreme::<false>, v, l, k),
            ReduceOp::ArgMax => drive(cpu, &ArgExtreme::<true>, v, l, k),
            ReduceOp::ArgMin => drive(cpu, &ArgExtreme::<false>, v, l, k),
            _ => Err(unsupported(T::DTYPE, op.name())),
        }
    }
    fn float<T: FloatNum + Default>(
        cpu: &CpuBackend,
        op: ReduceOp,
        v: &[T],
        l: &Layout,
        k: usize,
    ) -> Result<CpuStorage> {
        match op {
            ReduceOp::Mean => drive(cpu, &Scaled::<false>, v, l, k),
            ReduceOp::Norm => drive(cpu, &Scaled::<true>, v, l, k),
            ReduceOp::Var => drive(cpu, &Moments::<false>, v, l, k),
            ReduceOp::Std => drive(cpu, &Moments::<true>, v, l, k),
            _ => int(cpu, op, v, l, k),
        }
    }
    let l = src.layout;
    match &src.storage.data {
        HostVec::F32(v) => float(cpu, op, v, l, reduced),
        HostVec::F64(v) => float(cpu, op, v, l, reduced),
        HostVec::I32(v) => int(cpu, op, v, l, reduced),
        HostVec::U32(v) => int(cpu, op, v, l, reduced),
        HostVec::Bool(_) => Err(unsupported(DType::Bool, op.name())),
    }
}

/// Inner product of two equal-length 1-D views, pairwise-summed.
pub(super) fn dot(cpu: &CpuBackend, a: View<'_, CpuStorage>, b: View<'_, CpuStorage>) -> Result<CpuStorage> {
    fn typed<T: Num>(cpu: &CpuBackend, x: &[T], lx: &Layout, y: &[T], ly: &Layout) -> Result<CpuStorage> {
        let n = lx.len();
        let (sx, sy) = (lx.strides().first().copied().unwrap_or(1), ly.strides().first().copied().unwrap_or(1));
        let (bx, by) = (lx.offset() as isize, ly.offset() as isize);
        let leaf = |s: usize, l: usize| {
            if sx == 1 && sy == 1 {
                let (i, j) = ((bx as usize) + s, (by as usize) + s);
                let (xs, ys) = (&x[i..i + l], &y[j..j + l]);
                let mut acc = [T::ZERO; LANES];
                let (cx, cy) = (xs.chunks_exact(LANES), ys.chunks_exact(LANES));
                let tail = cx.remainder().iter().zip(cy.remainder());
                for (p, q) in cx.zip(cy) {
                    for k in 0..LANES {
                        acc[k] = acc[k].add(p[k].mul(q[k]));
                    }
                }
                // Lanes combined in order (see `lanes`).
                let total = acc[1..].iter().fold(acc[0], |a, &b| a.add(b));
                tail.fold(total, |a, (&p, &q)| a.add(p.mul(q)))
            } else {
                (s..s + l).fold(T::ZERO, |acc, k| {
                    let k = k as isize;
                    acc.add(x[(bx + k * sx) as usize].mul(y[(by + k * sy) as usize]))
                })
            }
        };
        let v = pairwise(n, true, &leaf, &|p: T, q: T| p.add(q));
        let mut out = cpu.alloc::<T>(1)?;
        out[0] = v;
        Ok(cpu.finish(out))
    }
    let (la, lb) = (a.layout, b.layout);
    match (&a.storage.data, &b.storage.data) {
        (HostVec::F32(x), HostVec::F32(y)) => typed(cpu, x, la, y, lb),
        (HostVec::F64(x), HostVec::F64(y)) => typed(cpu, x, la, y, lb),
        (HostVec::I32(x), HostVec::I32(y)) => typed(cpu, x, la, y, lb),
        (HostVec::U32(x), HostVec::U32(y)) => typed(cpu, x, la, y, lb),
        (h, _) => Err(unsupported(h.dtype(), "dot")),
    }
}
