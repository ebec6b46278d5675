//! Shapes, strides, offsets: every view is index arithmetic on a [`Layout`].
//!
//! Pure logic with no device: broadcasting (zero strides), reshape without copy when
//! the strides allow it, permutation, Python slicing, squeeze/unsqueeze, and the
//! dimension collapsing that kernels use to see as few dimensions as possible.

use crate::error::{Error, Result};

/// Where the elements of an array sit in its storage.
///
/// Element `[i0, i1, …]` is at storage index `offset + Σ ik·strides[k]`. Strides are in
/// elements and may be zero (broadcast) or negative (reversed slices); every reachable
/// index is within the storage.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Layout {
    shape: Vec<usize>,
    strides: Vec<isize>,
    offset: usize,
}

/// Row-major (C-order) strides of `shape`, in elements.
pub fn contiguous_strides(shape: &[usize]) -> Vec<isize> {
    let mut strides = vec![0isize; shape.len()];
    let mut acc = 1isize;
    for (s, &d) in strides.iter_mut().zip(shape).rev() {
        *s = acc;
        acc = acc.wrapping_mul(d.max(1) as isize);
    }
    strides
}

/// Product of the non-zero dimensions times `unit`, when it fits in `isize`.
///
/// NumPy's rule: zero-length dimensions are skipped, so `[0, 2^40, 2^40]` overflows
/// like `[2^40, 2^40]`. Every product of a subset of an accepted shape's dimensions, in
/// any order (a transposed view's length, a kernel's row count), then fits as well.
fn checked_extent(shape: &[usize], unit: usize) -> Option<usize> {
    shape.iter().filter(|&&d| d != 0).try_fold(unit, |acc, &d| acc.checked_mul(d)).filter(|&n| n <= isize::MAX as usize)
}

/// Number of elements of `shape`, or [`Error::ShapeOverflow`] when the product of its
/// non-zero dimensions does not fit in `isize` (the largest count any allocation holds).
pub fn element_count(shape: &[usize]) -> Result<usize> {
    match checked_extent(shape, 1) {
        Some(_) if shape.contains(&0) => Ok(0),
        Some(n) => Ok(n),
        None => Err(Error::ShapeOverflow { shape: shape.to_vec() }),
    }
}

/// Number of bytes of `shape` elements of `elem_bytes` each, or
/// [`Error::ShapeOverflow`] when that (zero dimensions skipped, as NumPy does) does
/// not fit in `isize`.
pub fn byte_count(shape: &[usize], elem_bytes: usize) -> Result<usize> {
    match checked_extent(shape, elem_bytes) {
        Some(_) if shape.contains(&0) => Ok(0),
        Some(n) => Ok(n),
        None => Err(Error::ShapeOverflow { shape: shape.to_vec() }),
    }
}

/// Resolves a possibly negative axis against `shape`.
pub fn normalize_axis(axis: isize, shape: &[usize]) -> Result<usize> {
    normalize_axis_for(axis, shape.len(), shape)
}

/// Resolves an axis against `ndim` dimensions (for `unsqueeze`, `ndim` is one more
/// than the shape has); the error names `shape`.
fn normalize_axis_for(axis: isize, ndim: usize, shape: &[usize]) -> Result<usize> {
    let n = ndim as isize;
    let a = if axis < 0 { axis + n } else { axis };
    if a < 0 || a >= n {
        return Err(Error::AxisOutOfRange { axis, shape: shape.to_vec() });
    }
    Ok(a as usize)
}

/// The NumPy broadcast of two shapes: dimensions aligned from the right, each pair equal
/// or one of them 1.
pub fn broadcast_shapes(op: &'static str, a: &[usize], b: &[usize]) -> Result<Vec<usize>> {
    let n = a.len().max(b.len());
    let mut out = vec![0; n];
    for i in 0..n {
        let da = if i + a.len() >= n { a[i + a.len() - n] } else { 1 };
        let db = if i + b.len() >= n { b[i + b.len() - n] } else { 1 };
        out[i] = match (da, db) {
            (x, y) if x == y => x,
            (1, y) => y,
            (x, 1) => x,
            _ => return Err(Error::BroadcastMismatch { op, lhs: a.to_vec(), rhs: b.to_vec() }),
        };
    }
    Ok(out)
}

impl Layout {
    /// A row-major layout of `shape` starting at storage index 0.
    pub fn contiguous(shape: &[usize]) -> Layout {
        Layout { shape: shape.to_vec(), strides: contiguous_strides(shape), offset: 0 }
    }

    /// The extent of each dimension.
    pub fn shape(&self) -> &[usize] {
        &self.shape
    }

    /// The step, in elements, between neighbours along each dimension.
    pub fn strides(&self) -> &[isize] {
        &self.strides
    }

    /// Storage index of the first element.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Number of dimensions.
    pub fn ndim(&self) -> usize {
        self.shape.len()
    }

    /// Number of elements (the product of the shape; 1 for 0-d).
    pub fn len(&self) -> usize {
        self.shape.iter().product()
    }

    /// Whether the layout holds no elements.
    pub fn is_empty(&self) -> bool {
        self.shape.contains(&0)
    }

    /// Whether the elements are row-major and dense (size-1 dimensions' strides ignored).
    pub fn is_contiguous(&self) -> bool {
        if self.is_empty() {
            return true;
        }
        let mut expected = 1isize;
        for (&d, &s) in self.shape.iter().zip(&self.strides).rev() {
            if d != 1 {
                if s != expected {
                    return false;
                }
                expected *= d as isize;
            }
        }
        true
    }

    /// `Some(offset)` when the elements are the dense range `offset..offset + len`.
    pub(crate) fn contiguous_offset(&self) -> Option<usize> {
        self.is_contiguous().then_some(self.offset)
    }

    /// Whether two distinct indices may map to the same storage element (a zero stride
    /// on a dimension longer than 1).
    pub fn has_overlap(&self) -> bool {
        self.shape.iter().zip(&self.strides).any(|(&d, &s)| d > 1 && s == 0)
    }

    /// Storage index of the element at `index` (one entry per dimension, each in range;
    /// not checked).
    pub fn index_of(&self, index: &[usize]) -> usize {
        debug_assert_eq!(index.len(), self.ndim());
        let off = index.iter().zip(&self.strides).fold(self.offset as isize, |acc, (&i, &s)| acc + i as isize * s);
        off as usize
    }

    /// Lowest and one-past-highest storage index reached, or `None` for an empty layout.
    pub fn span(&self) -> Option<(usize, usize)> {
        if self.is_empty() {
            return None;
        }
        let (mut lo, mut hi) = (self.offset as isize, self.offset as isize);
        for (&d, &s) in self.shape.iter().zip(&self.strides) {
            let reach = (d as isize - 1) * s;
            if reach < 0 {
                lo += reach;
            } else {
                hi += reach;
            }
        }
        Some((lo as usize, hi as usize + 1))
    }

    /// The same view shifted by `delta` storage elements (used by backends that bind a
    /// sub-range of a buffer).
    pub(crate) fn rebased(&self, offset: usize) -> Layout {
        Layout { offset, ..self.clone() }
    }

    /// Broadcasts to `shape` by giving new and stretched dimensions stride 0.
    pub fn broadcast_to(&self, shape: &[usize]) -> Result<Layout> {
        let err = || Error::BroadcastTo { from: self.shape.clone(), to: shape.to_vec() };
        element_count(shape)?;
        if shape.len() < self.ndim() {
            return Err(err());
        }
        let lead = shape.len() - self.ndim();
        let mut strides = vec![0isize; shape.len()];
        for (i, &d) in shape.iter().enumerate().skip(lead) {
            let (sd, ss) = (self.shape[i - lead], self.strides[i - lead]);
            strides[i] = if sd == d {
                ss
            } else if sd == 1 {
                0
            } else {
                return Err(err());
            };
        }
        Ok(Layout { shape: shape.to_vec(), strides, offset: self.offset })
    }

    /// Reorders the dimensions: output dimension `k` is input dimension `axes[k]`.
    /// `axes` must be a permutation (checked by the caller, e.g. with
    /// [`permutation`](Layout::permutation)).
    ///
    /// # Panics
    /// When an entry of `axes` is `>= ndim`.
    pub fn permute(&self, axes: &[usize]) -> Layout {
        Layout {
            shape: axes.iter().map(|&a| self.shape[a]).collect(),
            strides: axes.iter().map(|&a| self.strides[a]).collect(),
            offset: self.offset,
        }
    }

    /// Checks and resolves transpose axes (negative allowed) into a permutation.
    pub fn permutation(&self, axes: &[isize]) -> Result<Vec<usize>> {
        let err = || Error::InvalidPermutation { axes: axes.to_vec(), shape: self.shape.clone() };
        if axes.len() != self.ndim() {
            return Err(err());
        }
        let mut seen = vec![false; self.ndim()];
        let mut out = Vec::with_capacity(axes.len());
        for &a in axes {
            let a = normalize_axis(a, &self.shape).map_err(|_| err())?;
            if std::mem::replace(&mut seen[a], true) {
                return Err(err());
            }
            out.push(a);
        }
        Ok(out)
    }

    /// The reversed-axes view (`a.T` in NumPy).
    pub fn reversed(&self) -> Layout {
        let axes: Vec<usize> = (0..self.ndim()).rev().collect();
        self.permute(&axes)
    }

    /// A view of the same elements (row-major order) with shape `shape`, when strides
    /// allow it without copying; `None` when a copy is required, or when the element
    /// counts differ (which callers check first, to report it).
    pub fn reshaped(&self, shape: &[usize]) -> Option<Layout> {
        if element_count(shape).ok() != Some(self.len()) {
            return None;
        }
        if self.is_empty() || self.is_contiguous() {
            return Some(Layout { shape: shape.to_vec(), strides: contiguous_strides(shape), offset: self.offset });
        }
        let strides = reshape_strides(&self.shape, &self.strides, shape)?;
        Some(Layout { shape: shape.to_vec(), strides, offset: self.offset })
    }

    /// Python slicing `[start:end:step]` along `axis` (already resolved): negative bounds
    /// count from the end, out-of-range bounds are clamped, a negative step walks backwards.
    ///
    /// # Errors
    /// [`Error::AxisOutOfRange`] for `axis >= ndim`, [`Error::ZeroStep`] for `step == 0`.
    pub fn slice(&self, axis: usize, start: Option<isize>, end: Option<isize>, step: isize) -> Result<Layout> {
        let n = self.axis_len(axis)? as isize;
        if step == 0 {
            return Err(Error::ZeroStep { axis, shape: self.shape.clone() });
        }
        let clamp = |v: isize, lo: isize, hi: isize| {
            let v = if v < 0 { v + n } else { v };
            v.clamp(lo, hi)
        };
        // Python's range length, written without `step ± 1` so that steps near
        // isize::MIN/MAX cannot overflow.
        let (first, len) = if step > 0 {
            let s = start.map_or(0, |v| clamp(v, 0, n));
            let e = end.map_or(n, |v| clamp(v, 0, n));
            (s, if e > s { (e - s - 1) / step + 1 } else { 0 })
        } else {
            let s = start.map_or(n - 1, |v| clamp(v, -1, n - 1));
            let e = end.map_or(-1, |v| clamp(v, -1, n - 1));
            (s, if s > e { ((s - e - 1) as usize / step.unsigned_abs()) as isize + 1 } else { 0 })
        };
        let mut out = self.clone();
        out.shape[axis] = len as usize;
        // With two or more elements |step| < n, so the product stays within the axis'
        // span. With one or none the stride is never stepped along: keep the old one
        // rather than store an extreme value (`1 * isize::MIN`) that kernels negate.
        if len > 1 {
            out.strides[axis] = self.strides[axis]
                .checked_mul(step)
                .ok_or_else(|| Error::ShapeOverflow { shape: self.shape.clone() })?;
        }
        // An empty view keeps its offset: moving it could point past an empty buffer.
        if !out.is_empty() {
            out.offset = (self.offset as isize + first * self.strides[axis]) as usize;
        }
        Ok(out)
    }

    /// Integer indexing along `axis` (already resolved): drops the axis (NumPy
    /// `a[..., i, ...]`).
    ///
    /// # Errors
    /// [`Error::AxisOutOfRange`] for `axis >= ndim`, [`Error::IndexOutOfBounds`] outside
    /// `-len..len`.
    pub fn index_axis(&self, axis: usize, index: isize) -> Result<Layout> {
        let n = self.axis_len(axis)?;
        let i = if index < 0 { index + n as isize } else { index };
        if i < 0 || i >= n as isize {
            return Err(Error::IndexOutOfBounds { index, axis, len: n, shape: self.shape.clone() });
        }
        let mut out = self.clone();
        out.shape.remove(axis);
        out.strides.remove(axis);
        if !out.is_empty() {
            out.offset = (self.offset as isize + i * self.strides[axis]) as usize;
        }
        Ok(out)
    }

    /// The length of a resolved axis, or [`Error::AxisOutOfRange`].
    fn axis_len(&self, axis: usize) -> Result<usize> {
        self.shape.get(axis).copied().ok_or_else(|| Error::AxisOutOfRange {
            axis: isize::try_from(axis).unwrap_or(isize::MAX),
            shape: self.shape.clone(),
        })
    }

    /// Diagonal `offset` of axes `a1` and `a2` (distinct, in range): both removed, the
    /// diagonal appended last with stride `s1 + s2`; empty past the matrix (NumPy's
    /// `diagonal`).
    pub(crate) fn diagonal(&self, offset: isize, a1: usize, a2: usize) -> Layout {
        let (n1, n2) = (self.shape[a1] as isize, self.shape[a2] as isize);
        let (s1, s2) = (self.strides[a1], self.strides[a2]);
        let (i0, j0) = if offset >= 0 { (0, offset) } else { (offset.saturating_neg(), 0) };
        let len = (n1.saturating_sub(i0)).min(n2.saturating_sub(j0)).max(0);
        let any_element = len > 0 && self.shape.iter().all(|&n| n > 0);
        // The first diagonal element is a valid element, so its offset is >= 0.
        let offset = if any_element { (self.offset as isize + i0 * s1 + j0 * s2) as usize } else { self.offset };
        let keep = |k: &usize| *k != a1 && *k != a2;
        let mut shape: Vec<usize> = (0..self.ndim()).filter(keep).map(|k| self.shape[k]).collect();
        let mut strides: Vec<isize> = (0..self.ndim()).filter(keep).map(|k| self.strides[k]).collect();
        shape.push(len as usize);
        strides.push(s1 + s2);
        Layout { shape, strides, offset }
    }

    /// Windows of `w` consecutive elements along `axis` (in range, `w <= shape[axis]`):
    /// that axis becomes the `n - w + 1` window starts, and a last axis of length `w`
    /// steps through each window with the same stride (NumPy's `sliding_window_view`;
    /// windows overlap).
    pub(crate) fn windows(&self, axis: usize, w: usize) -> Layout {
        let mut shape = self.shape.clone();
        let mut strides = self.strides.clone();
        shape[axis] = self.shape[axis] + 1 - w;
        shape.push(w);
        strides.push(self.strides[axis]);
        Layout { shape, strides, offset: self.offset }
    }

    /// Removes `axis`, which must have length 1.
    pub fn squeeze(&self, axis: isize) -> Result<Layout> {
        let a = normalize_axis(axis, &self.shape)?;
        if self.shape[a] != 1 {
            return Err(Error::SqueezeNotOne { axis: a, len: self.shape[a], shape: self.shape.clone() });
        }
        let mut out = self.clone();
        out.shape.remove(a);
        out.strides.remove(a);
        Ok(out)
    }

    /// Inserts a length-1 axis so that it becomes axis `axis` of the result
    /// (`-1` appends, as NumPy's `expand_dims`).
    pub fn unsqueeze(&self, axis: isize) -> Result<Layout> {
        let a = normalize_axis_for(axis, self.ndim() + 1, &self.shape)?;
        let mut out = self.clone();
        let stride = self.strides.get(a).map_or(1, |&s| s * self.shape[a].max(1) as isize);
        out.shape.insert(a, 1);
        out.strides.insert(a, stride);
        Ok(out)
    }
}

/// NumPy's `_attempt_nocopy_reshape`: strides for `new` that address the same elements
/// in row-major order as (`old`, `old_strides`), or `None` when no such strides exist.
fn reshape_strides(old: &[usize], old_strides: &[isize], new: &[usize]) -> Option<Vec<isize>> {
    let (od, os): (Vec<usize>, Vec<isize>) =
        old.iter().zip(old_strides).filter(|&(&d, _)| d != 1).map(|(&d, &s)| (d, s)).unzip();
    let mut ns = vec![0isize; new.len()];
    let (mut oi, mut oj, mut ni, mut nj) = (0, 1, 0, 1);
    while ni < new.len() && oi < od.len() {
        let (mut np, mut op) = (new[ni], od[oi]);
        while np != op {
            if np < op {
                np *= new[nj];
                nj += 1;
            } else {
                op *= od[oj];
                oj += 1;
            }
        }
        for ok in oi..oj - 1 {
            if os[ok] != od[ok + 1] as isize * os[ok + 1] {
                return None;
            }
        }
        ns[nj - 1] = os[oj - 1];
        for nk in (ni + 1..nj).rev() {
            ns[nk - 1] = ns[nk] * new[nk] as isize;
        }
        ni = nj;
        nj += 1;
        oi = oj;
        oj += 1;
    }
    // Trailing length-1 dimensions: any stride addresses them correctly.
    for s in ns.iter_mut().skip(ni) {
        *s = 1;
    }
    Some(ns)
}

/// Dimensions of several same-shape operands, merged where every operand is dense
/// across the boundary, with length-1 dimensions dropped. Kernels index fewer
/// dimensions this way (CuPy does the same before every launch).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collapsed {
    /// The merged shape (empty for a single element).
    pub shape: Vec<usize>,
    /// Per operand, its strides over the merged shape.
    pub strides: Vec<Vec<isize>>,
}

/// Collapses `shape` jointly for operands with the given strides.
///
/// # Panics
/// When a strides slice is shorter than `shape`.
pub fn collapse(shape: &[usize], strides: &[&[isize]]) -> Collapsed {
    let mut out_shape: Vec<usize> = Vec::with_capacity(shape.len());
    let mut out_strides: Vec<Vec<isize>> = vec![Vec::with_capacity(shape.len()); strides.len()];
    for (i, &d) in shape.iter().enumerate() {
        if d == 1 {
            continue;
        }
        if let Some(&prev) = out_shape.last() {
            let mergeable = strides.iter().zip(&out_strides).all(|(s, o)| o.last().copied() == Some(s[i] * d as isize));
            if mergeable {
                let last = out_shape.len() - 1;
                out_shape[last] = prev * d;
                for (s, o) in strides.iter().zip(out_strides.iter_mut()) {
                    let l = o.len() - 1;
                    o[l] = s[i];
                }
                continue;
            }
        }
        out_shape.push(d);
        for (s, o) in strides.iter().zip(out_strides.iter_mut()) {
            o.push(s[i]);
        }
    }
    Collapsed { shape: out_shape, strides: out_strides }
}

/// Row-major multi-index of flat position `flat` in `shape`.
pub fn unravel(mut flat: usize, shape: &[usize], index: &mut [usize]) {
    for (i, &d) in index.iter_mut().zip(shape).rev() {
        if d == 0 {
            *i = 0;
            continue;
        }
        *i = flat % d;
        flat /= d;
    }
}

/// Storage offset, relative to the view's own offset, of row-major flat index `flat`
/// over `shape` with `strides`.
pub fn flat_offset(flat: usize, shape: &[usize], strides: &[isize]) -> isize {
    let mut rem = flat;
    let mut off = 0isize;
    for (&d, &s) in shape.iter().zip(strides).rev() {
        if d > 0 {
            off += (rem % d) as isize * s;
            rem /= d;
        }
    }
    off
}

/// The storage interval `[lo, hi)` reached from index `base` by independent steps of
/// `reaches` (each a `(len - 1) * stride`, negative or positive). Used by the wgpu
/// backend to bind only the part of a buffer a kernel reads.
#[cfg(feature = "wgpu")]
pub(crate) fn reach(base: i64, reaches: impl IntoIterator<Item = i64>) -> (i64, i64) {
    let (mut lo, mut hi) = (base, base);
    for r in reaches {
        if r < 0 {
            lo += r;
        } else {
            hi += r;
        }
    }
    (lo, hi + 1)
}

/// The steps of a whole box: `(d - 1) * s` per dimension.
#[cfg(feature = "wgpu")]
pub(crate) fn box_reaches<'a>(shape: &'a [usize], strides: &'a [isize]) -> impl Iterator<Item = i64> + 'a {
    shape.iter().zip(strides).map(|(&d, &s)| (d as i64 - 1) * s as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broadcast_rules() {
        assert_eq!(broadcast_shapes("t", &[3, 1], &[4]).unwrap(), vec![3, 4]);
        assert_eq!(broadcast_shapes("t", &[], &[2, 3]).unwrap(), vec![2, 3]);
        assert_eq!(broadcast_shapes("t", &[0, 1], &[1, 5]).unwrap(), vec![0, 5]);
        assert!(broadcast_shapes("t", &[3], &[4]).is_err());
    }

    #[test]
    fn python_slices() {
        let l = Layout::contiguous(&[10]);
        let s = l.slice(0, None, None, -1).unwrap();
        assert_eq!((s.shape(), s.strides(), s.offset()), (&[10usize][..], &[-1isize][..], 9));
        let s = l.slice(0, Some(-3), None, 1).unwrap();
        assert_eq!((s.shape()[0], s.offset()), (3, 7));
        let s = l.slice(0, Some(100), Some(-100), -2).unwrap();
        assert_eq!((s.shape()[0], s.offset(), s.strides()[0]), (5, 9, -2));
        assert_eq!(l.slice(0, Some(5), Some(2), 1).unwrap().shape()[0], 0);
    }

    #[test]
    fn reshape_of_transposed_needs_copy() {
        let t = Layout::contiguous(&[2, 3]).reversed();
        assert!(t.reshaped(&[6]).is_none());
        assert!(t.reshaped(&[3, 2, 1]).is_some());
    }

    #[test]
    fn collapse_merges_dense_dims() {
        let c = collapse(&[2, 3, 4], &[&[12, 4, 1], &[0, 0, 1]]);
        assert_eq!(c.shape, vec![6, 4]);
        assert_eq!(c.strides, vec![vec![4, 1], vec![0, 1]]);
    }
}
