//! Strided traversal for CPU kernels: operands broadcast by zero strides, dimensions
//! collapsed, the output split into cache-sized chunks run in parallel, and each chunk
//! walked as runs along the innermost dimension so the inner loops vectorise.

use rayon::prelude::*;

use crate::layout::{collapse, unravel, Layout};

/// Elements per parallel chunk: large enough to amortise scheduling, small enough to
/// balance two to dozens of threads on arrays of a few MB.
pub(crate) const CHUNK: usize = 1 << 16;

/// Up to this many elements an op runs on the calling thread.
///
/// Handing work to the rayon pool and waiting for it costs a futex wake and a context
/// switch each way: 15–25 µs per op on this VM class, measured (perf: 50% of the time of
/// a 100k-element `a*b+c` went to `futex` wake/wait at the old 32K threshold, which made
/// it 2.4× slower than a serial loop). A cheap elementwise op streams ~128K elements in
/// about that time on one core, so only larger ones are split.
pub(crate) const SERIAL_MAX: usize = 1 << 17;

/// A read operand: storage slice plus the layout of the view, broadcast to the op's shape.
pub(crate) struct Src<'a, T> {
    pub data: &'a [T],
    pub offset: usize,
    pub strides: Vec<isize>,
}

impl<'a, T> Src<'a, T> {
    /// A view of `data` with `layout` (whose shape is the op's shape).
    pub fn view(data: &'a [T], layout: &Layout) -> Src<'a, T> {
        Src { data, offset: layout.offset(), strides: layout.strides().to_vec() }
    }

    /// A scalar broadcast to `ndim` dimensions.
    pub fn scalar(v: &'a T, ndim: usize) -> Src<'a, T> {
        Src { data: std::slice::from_ref(v), offset: 0, strides: vec![0; ndim] }
    }
}

/// Runs `f(chunk, first_flat_index)` over `out` in parallel chunks (serially when small).
pub(crate) fn par_chunks<O: Send>(out: &mut [O], f: impl Fn(&mut [O], usize) + Sync) {
    if out.len() <= SERIAL_MAX {
        f(out, 0);
    } else {
        out.par_chunks_mut(CHUNK).enumerate().for_each(|(i, c)| f(c, i * CHUNK));
    }
}

/// Calls `f(pos, bases, len)` for each run of the innermost dimension within the flat
/// range `start..end` of `shape`; `bases` are the operands' storage indices at `pos`.
fn walk<const N: usize>(
    shape: &[usize],
    strides: [&[isize]; N],
    offsets: [isize; N],
    start: usize,
    end: usize,
    mut f: impl FnMut(usize, [isize; N], usize),
) {
    if start >= end {
        return;
    }
    let nd = shape.len();
    if nd == 0 {
        f(start, offsets, 1);
        return;
    }
    let inner = shape[nd - 1];
    let mut idx = vec![0usize; nd];
    unravel(start, shape, &mut idx);
    let mut pos = start;
    while pos < end {
        let mut bases = offsets;
        for (b, s) in bases.iter_mut().zip(strides) {
            *b += idx.iter().zip(s.iter()).map(|(&i, &st)| i as isize * st).sum::<isize>();
        }
        let run = (inner - idx[nd - 1]).min(end - pos);
        f(pos, bases, run);
        pos += run;
        idx[nd - 1] += run;
        let mut d = nd - 1;
        while idx[d] == shape[d] && d > 0 {
            idx[d] = 0;
            d -= 1;
            idx[d] += 1;
        }
    }
}

#[inline(always)]
fn run1<A: Copy, O>(o: &mut [O], a: &[A], ba: isize, sa: isize, f: &impl Fn(A) -> O) {
    let n = o.len();
    match sa {
        1 => {
            let ba = ba as usize;
            for (o, &x) in o.iter_mut().zip(&a[ba..ba + n]) {
                *o = f(x);
            }
        }
        0 => {
            let x = a[ba as usize];
            for o in o.iter_mut() {
                *o = f(x);
            }
        }
        _ => {
            for (i, o) in o.iter_mut().enumerate() {
                *o = f(a[(ba + i as isize * sa) as usize]);
            }
        }
    }
}

#[inline(always)]
fn run2<A: Copy, B: Copy, O>(
    o: &mut [O],
    (a, ba, sa): (&[A], isize, isize),
    (b, bb, sb): (&[B], isize, isize),
    f: &impl Fn(A, B) -> O,
) {
    let n = o.len();
    match (sa, sb) {
        (1, 1) => {
            let (ba, bb) = (ba as usize, bb as usize);
            for ((o, &x), &y) in o.iter_mut().zip(&a[ba..ba + n]).zip(&b[bb..bb + n]) {
                *o = f(x, y);
            }
        }
        (1, 0) => {
            let (ba, y) = (ba as usize, b[bb as usize]);
            for (o, &x) in o.iter_mut().zip(&a[ba..ba + n]) {
                *o = f(x, y);
            }
        }
        (0, 1) => {
            let (x, bb) = (a[ba as usize], bb as usize);
            for (o, &y) in o.iter_mut().zip(&b[bb..bb + n]) {
                *o = f(x, y);
            }
        }
        _ => {
            for (i, o) in o.iter_mut().enumerate() {
                let i = i as isize;
                *o = f(a[(ba + i * sa) as usize], b[(bb + i * sb) as usize]);
            }
        }
    }
}

/// Rows per block in transposed traversals: 32 rows × 32 columns of 4–8 bytes keep
/// both the read and the write side inside L1.
const TILE: usize = 32;

/// `out[i] = f(a[i])` for an input that is dense along the output's second-to-last
/// dimension and strided along its last (a transpose): visited in TILE×TILE blocks so
/// neither side walks memory with a large stride.
fn map1_tiled<A: Copy + Sync, O: Send>(
    out: &mut [O],
    shape: &[usize],
    strides: &[isize],
    offset: usize,
    a: &[A],
    f: &(impl Fn(A) -> O + Sync),
) {
    let nd = shape.len();
    let (rows, cols) = (shape[nd - 2], shape[nd - 1]);
    let col_stride = strides[nd - 1];
    let lead = &shape[..nd - 2];
    let base_of = |row: usize| -> isize {
        // `row` is the flattened index over lead dims × rows.
        let (mut rem, mut off) = (row / rows, offset as isize + (row % rows) as isize * strides[nd - 2]);
        for d in (0..lead.len()).rev() {
            off += (rem % lead[d]) as isize * strides[d];
            rem /= lead[d];
        }
        off
    };
    let body = |(g, block): (usize, &mut [O])| {
        let row0 = g * TILE;
        let nrows = block.len() / cols;
        let bases: Vec<isize> = (row0..row0 + nrows).map(base_of).collect();
        for c0 in (0..cols).step_by(TILE) {
            for c in c0..(c0 + TILE).min(cols) {
                let cs = c as isize * col_stride;
                for (r, &b) in bases.iter().enumerate() {
                    block[r * cols + c] = f(a[(b + cs) as usize]);
                }
            }
        }
    };
    if out.len() <= SERIAL_MAX {
        out.chunks_mut(TILE * cols).enumerate().for_each(body);
    } else {
        out.par_chunks_mut(TILE * cols).enumerate().for_each(body);
    }
}

/// `out[i] = f(a[i])` over `shape` (row-major `out`).
pub(crate) fn map1<A: Copy + Sync, O: Send>(out: &mut [O], shape: &[usize], a: &Src<A>, f: impl Fn(A) -> O + Sync) {
    if out.is_empty() {
        // Nothing to write; the tiled path would also split by a zero row length.
        return;
    }
    let c = collapse(shape, &[&a.strides]);
    let sa = &c.strides[0];
    let nd = c.shape.len();
    if nd >= 2 && sa[nd - 2].abs() == 1 && sa[nd - 1].abs() > TILE as isize && c.shape[nd - 2] >= TILE {
        map1_tiled(out, &c.shape, sa, a.offset, a.data, &f);
        return;
    }
    let inner = sa.last().copied().unwrap_or(0);
    par_chunks(out, |chunk, start| {
        walk(&c.shape, [sa], [a.offset as isize], start, start + chunk.len(), |pos, [ba], len| {
            run1(&mut chunk[pos - start..pos - start + len], a.data, ba, inner, &f);
        });
    });
}

/// A gather over `shape`: `out[i] = a.data[a(i) + wrap(idx.data[p(i)]) · step]`, where
/// `a(i)` and `p(i)` are the strided offsets of the two operands (see
/// `backend::Gather`) and `wrap` maps an index to its position on the gathered axis.
pub(crate) fn gather<A: Copy + Sync + Send, I: Copy + Sync>(
    out: &mut [A],
    shape: &[usize],
    a: &Src<A>,
    idx: &Src<I>,
    step: isize,
    wrap: impl Fn(I) -> usize + Sync,
) {
    let c = collapse(shape, &[&a.strides, &idx.strides]);
    let (sa, sp) = (&c.strides[0], &c.strides[1]);
    let ia = sa.last().copied().unwrap_or(0);
    let ip = sp.last().copied().unwrap_or(0);
    let offs = [a.offset as isize, idx.offset as isize];
    par_chunks(out, |chunk, start| {
        walk(&c.shape, [sa, sp], offs, start, start + chunk.len(), |pos, [ba, bp], len| {
            let o = &mut chunk[pos - start..pos - start + len];
            if ip == 0 {
                // One index for the whole run: a strided copy of one slice.
                let base = ba + wrap(idx.data[bp as usize]) as isize * step;
                run1(o, a.data, base, ia, &|x| x);
            } else {
                for (r, x) in o.iter_mut().enumerate() {
                    let p = wrap(idx.data[(bp + r as isize * ip) as usize]) as isize;
                    *x = a.data[(ba + r as isize * ia + p * step) as usize];
                }
            }
        });
    });
}

/// `out[i] = f(a[i], b[i])` over `shape`.
pub(crate) fn map2<A: Copy + Sync, B: Copy + Sync, O: Send>(
    out: &mut [O],
    shape: &[usize],
    a: &Src<A>,
    b: &Src<B>,
    f: impl Fn(A, B) -> O + Sync,
) {
    let c = collapse(shape, &[&a.strides, &b.strides]);
    let (sa, sb) = (&c.strides[0], &c.strides[1]);
    let ia = sa.last().copied().unwrap_or(0);
    let ib = sb.last().copied().unwrap_or(0);
    let offs = [a.offset as isize, b.offset as isize];
    par_chunks(out, |chunk, start| {
        walk(&c.shape, [sa, sb], offs, start, start + chunk.len(), |pos, [ba, bb], len| {
            run2(&mut chunk[pos - start..pos - start + len], (a.data, ba, ia), (b.data, bb, ib), &f);
        });
    });
}

/// `out[i] = f(a[i], b[i], c[i])` over `shape`.
pub(crate) fn map3<A: Copy + Sync, B: Copy + Sync, C: Copy + Sync, O: Send>(
    out: &mut [O],
    shape: &[usize],
    a: &Src<A>,
    b: &Src<B>,
    c: &Src<C>,
    f: impl Fn(A, B, C) -> O + Sync,
) {
    let col = collapse(shape, &[&a.strides, &b.strides, &c.strides]);
    let [sa, sb, sc] = [&col.strides[0], &col.strides[1], &col.strides[2]];
    let offs = [a.offset as isize, b.offset as isize, c.offset as isize];
    let inner = |s: &[isize]| s.last().copied().unwrap_or(0);
    let (ia, ib, ic) = (inner(sa), inner(sb), inner(sc));
    par_chunks(out, |chunk, start| {
        walk(&col.shape, [sa, sb, sc], offs, start, start + chunk.len(), |pos, [ba, bb, bc], len| {
            let o = &mut chunk[pos - start..pos - start + len];
            for (i, o) in o.iter_mut().enumerate() {
                let i = i as isize;
                *o = f(a.data[(ba + i * ia) as usize], b.data[(bb + i * ib) as usize], c.data[(bc + i * ic) as usize]);
            }
        });
    });
}

/// `out[i] = f([s[i] for s in srcs])` over `shape`, for operands of one type.
pub(crate) fn map_n<T: Copy + Sync, O: Send, const N: usize>(
    out: &mut [O],
    shape: &[usize],
    srcs: [&Src<T>; N],
    f: impl Fn([T; N]) -> O + Sync,
) {
    let strides: Vec<&[isize]> = srcs.iter().map(|s| s.strides.as_slice()).collect();
    let col = collapse(shape, &strides);
    let strides: [&[isize]; N] = std::array::from_fn(|k| col.strides[k].as_slice());
    let offs: [isize; N] = std::array::from_fn(|k| srcs[k].offset as isize);
    let inner: [isize; N] = std::array::from_fn(|k| strides[k].last().copied().unwrap_or(0));
    par_chunks(out, |chunk, start| {
        walk(&col.shape, strides, offs, start, start + chunk.len(), |pos, bases, len| {
            let o = &mut chunk[pos - start..pos - start + len];
            for (i, o) in o.iter_mut().enumerate() {
                let i = i as isize;
                *o = f(std::array::from_fn(|k| srcs[k].data[(bases[k] + i * inner[k]) as usize]));
            }
        });
    });
}

/// `dst[i] = f(dst[i], b[i])` in place over contiguous `dst` of shape `shape`.
pub(crate) fn assign2<T: Copy + Send + Sync, B: Copy + Sync>(
    dst: &mut [T],
    shape: &[usize],
    b: &Src<B>,
    f: impl Fn(T, B) -> T + Sync,
) {
    let c = collapse(shape, &[&b.strides]);
    let sb = &c.strides[0];
    let ib = sb.last().copied().unwrap_or(0);
    par_chunks(dst, |chunk, start| {
        walk(&c.shape, [sb], [b.offset as isize], start, start + chunk.len(), |pos, [bb], len| {
            let o = &mut chunk[pos - start..pos - start + len];
            match ib {
                1 => {
                    let bb = bb as usize;
                    for (o, &y) in o.iter_mut().zip(&b.data[bb..bb + len]) {
                        *o = f(*o, y);
                    }
                }
                0 => {
                    let y = b.data[bb as usize];
                    for o in o.iter_mut() {
                        *o = f(*o, y);
                    }
                }
                _ => {
                    for (i, o) in o.iter_mut().enumerate() {
                        *o = f(*o, b.data[(bb + i as isize * ib) as usize]);
                    }
                }
            }
        });
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An empty transposed view (rows >= TILE, a long column stride, no columns) takes
    /// the tiled path's shape test; it must write nothing rather than chunk by zero.
    #[test]
    fn empty_transposed_view_maps_to_nothing() {
        let data: [f32; 0] = [];
        let src = Src { data: &data, offset: 0, strides: vec![1, 2 * TILE as isize] };
        let mut out: Vec<f32> = Vec::new();
        map1(&mut out, &[TILE + 3, 0], &src, |x| x);
        assert!(out.is_empty());
    }
}
