//! Sorting along an axis: [`Array::argsort`] (NumPy's `np.argsort(a, axis, kind="stable")`)
//! and [`Array::sort`], one backend call (`argsort` of the rows of a `[rows, n]` view with
//! the axis last) plus, for `sort`, one gather. Built on them: [`Array::unique`] and
//! [`Array::unique_counts`], [`Array::unique_inverse`] (a sort, a comparison of
//! neighbours, a compaction), and
//! [`Array::searchsorted`] (a binary search per value, one backend call).
//!
//! Every backend sorts by the same total order — ascending, NaN last (NumPy's rule),
//! `-0.0 == 0.0`, equal elements in their original order — so the permutation itself,
//! not just the sorted values, is identical on the CPU, wgpu and CUDA.

use super::{check_u32_positions, common_device};
use crate::array::{check_output, check_supported, Array};
use crate::backend::{Backend, View};
use crate::device::on_backend;
use crate::dtype::Element;
use crate::error::{Error, Result};
use crate::layout::{normalize_axis, Layout};

impl<T: Element> Array<T> {
    /// The indices that sort the array along `axis` (NumPy's
    /// `np.argsort(a, axis, kind="stable")`): `u32` indices of this array's shape, with
    /// each 1-D slice along `axis` listing positions in ascending order of value.
    ///
    /// The sort is stable (equal elements keep their order), NaN sorts after every
    /// number, and `-0.0` equals `0.0`, on every backend, so CPU, wgpu and CUDA return
    /// the same permutation. The result pairs with
    /// [`take_along_axis`](Array::take_along_axis). On a GPU the sort is a bitonic network
    /// (`O(n log² n)` work, `O(log² n)` passes) that stays on the device.
    ///
    /// # Errors
    /// [`Error::AxisOutOfRange`] (a 0-d array has no axis), [`Error::TooLarge`] when the
    /// axis is too long for `u32` indices (or, on wgpu, one slice along it exceeds the
    /// adapter's storage binding size), [`Error::Unsupported`] for a dtype the device
    /// lacks.
    ///
    /// ```
    /// use gpu::Array;
    /// let a = Array::from_vec(vec![3.0f32, f32::NAN, -1.0, 3.0, 0.5, 2.0], [2, 3])?;
    /// assert_eq!(a.argsort(1)?.to_vec()?, vec![2, 0, 1, 1, 2, 0]);
    /// // Along the first axis: each column on its own.
    /// assert_eq!(a.argsort(0)?.to_vec()?, vec![0, 1, 0, 1, 0, 1]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn argsort(&self, axis: isize) -> Result<Array<u32>> {
        let (idx, ax) = argsort_axis_last(self, axis)?;
        if ax + 1 == self.ndim() {
            return Ok(idx);
        }
        restore_axis(&idx, ax)?.contiguous()
    }

    /// A sorted copy along `axis` (NumPy's `np.sort(a, axis)`), in the order
    /// [`argsort`](Array::argsort) defines: ascending, NaN last, stable.
    ///
    /// # Errors
    /// As [`argsort`](Array::argsort).
    ///
    /// ```
    /// use gpu::Array;
    /// let a = Array::from_vec(vec![5, -2, 9, 0, 7, 1], [2, 3])?;
    /// assert_eq!(a.sort(1)?.to_vec()?, vec![-2, 5, 9, 0, 1, 7]);
    /// assert_eq!(a.sort(0)?.to_vec()?, vec![0, -2, 1, 5, 7, 9]);
    /// // NumPy's `np.sort(a, axis=None)`: flatten first.
    /// assert_eq!(a.reshape([6])?.sort(0)?.to_vec()?, vec![-2, 0, 1, 5, 7, 9]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn sort(&self, axis: isize) -> Result<Array<T>> {
        let (idx, ax) = argsort_axis_last(self, axis)?;
        self.take_along_axis(&restore_axis(&idx, ax)?, ax as isize)
    }
}

impl<T: Element> Array<T> {
    /// A copy in which the element at position `kth` along `axis` is the one a sort
    /// would put there, with no larger element before it and no smaller one after it
    /// (NumPy's `np.partition(a, kth, axis)`; negative `kth` counts from the end), in
    /// [`argsort`](Array::argsort)'s order (NaN last). The CPU backend selects
    /// (introselect, `O(n)` per slice: 10M f32 in ~88 ms where a sort takes ~280 ms);
    /// GPUs sort the slices — a sort satisfies the contract, and on a GPU the sorting
    /// network costs about what a selection would — so there the copy is sorted.
    ///
    /// # Errors
    /// [`Error::IndexOutOfBounds`] for `kth` outside the axis; as
    /// [`argsort`](Array::argsort) otherwise.
    ///
    /// ```
    /// let a = gpu::Array::from_vec(vec![7, 1, 5, 3, 9, 2], [6])?;
    /// let p = a.partition(2, 0)?.to_vec()?;
    /// assert_eq!(p[2], 3);
    /// assert!(p[..2].iter().all(|&x| x <= 3) && p[3..].iter().all(|&x| x >= 3));
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn partition(&self, kth: isize, axis: isize) -> Result<Array<T>> {
        let k = self.check_kth(kth, axis)?;
        self.partitioned(axis, &[k])
    }

    /// A copy of the array with every rank of `kth` (ascending, distinct, each within
    /// the axis) in place along `axis`, as [`partition`](Array::partition) does for one.
    pub(crate) fn partitioned(&self, axis: isize, kth: &[usize]) -> Result<Array<T>> {
        let (idx, ax) = argorder_axis_last(self, axis, Some(kth))?;
        self.take_along_axis(&restore_axis(&idx, ax)?, ax as isize)
    }

    /// The indices that [`partition`](Array::partition) this array (NumPy's
    /// `np.argpartition(a, kth, axis)`): `take_along_axis` of them gives the partition.
    /// Ties at `kth` resolve as the stable [`argsort`](Array::argsort) would (the
    /// first occurrence first), on every backend.
    ///
    /// # Errors
    /// As [`partition`](Array::partition).
    pub fn argpartition(&self, kth: isize, axis: isize) -> Result<Array<u32>> {
        let k = self.check_kth(kth, axis)?;
        let (idx, ax) = argorder_axis_last(self, axis, Some(&[k]))?;
        if ax + 1 == self.ndim() {
            return Ok(idx);
        }
        restore_axis(&idx, ax)?.contiguous()
    }

    /// `kth` as a position along `axis` (negative from the end), or `IndexOutOfBounds`.
    fn check_kth(&self, kth: isize, axis: isize) -> Result<usize> {
        let ax = normalize_axis(axis, self.shape())?;
        let n = self.shape()[ax];
        let k = if kth < 0 { kth + n as isize } else { kth };
        if k < 0 || k >= n as isize {
            return Err(Error::IndexOutOfBounds { index: kth, axis: ax, len: n, shape: self.shape().to_vec() });
        }
        Ok(k as usize)
    }
}

/// The indirect stable sort by several keys (NumPy's `np.lexsort(keys, axis)`): the
/// **last** key is the primary one, ties broken by the one before it, and so on; `u32`
/// indices along `axis` of the keys' common shape. One stable argsort per key on the
/// device (sorting by the least significant key first).
///
/// # Errors
/// [`Error::InvalidArgument`] for no keys or keys of different shapes;
/// [`Error::DeviceMismatch`]; as [`Array::argsort`] otherwise.
///
/// ```
/// use gpu::Array;
/// let first = Array::from_vec(vec![1, 5, 1, 4, 3, 4, 4], [7])?;   // surnames
/// let second = Array::from_vec(vec![9, 4, 0, 4, 0, 2, 1], [7])?;  // first names
/// // Sort by `first`, then by `second` (NumPy's doc example).
/// assert_eq!(gpu::lexsort(&[&second, &first], -1)?.to_vec()?, [2, 0, 4, 6, 5, 3, 1]);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn lexsort<T: Element>(keys: &[&Array<T>], axis: isize) -> Result<Array<u32>> {
    let Some((first, rest)) = keys.split_first() else {
        return Err(Error::InvalidArgument { op: "lexsort", reason: "needs at least one key".into() });
    };
    for k in rest {
        common_device("lexsort", first.device(), k.device())?;
        if k.shape() != first.shape() {
            let reason = format!("keys have shapes {:?} and {:?}; they must match", first.shape(), k.shape());
            return Err(Error::InvalidArgument { op: "lexsort", reason });
        }
    }
    let mut order = first.argsort(axis)?;
    for k in rest {
        let by_key = k.take_along_axis(&order, axis)?.argsort(axis)?;
        order = order.take_along_axis(&by_key, axis)?;
    }
    Ok(order)
}

/// The argsort of `a` along `axis`, with that axis moved last (contiguous), and the
/// normalised axis.
fn argsort_axis_last<T: Element>(a: &Array<T>, axis: isize) -> Result<(Array<u32>, usize)> {
    argorder_axis_last(a, axis, None)
}

/// [`argsort_axis_last`], or with `kth` the backend's selection at those ranks where it
/// has one (`Backend::argpartition`; else the sort).
fn argorder_axis_last<T: Element>(a: &Array<T>, axis: isize, kth: Option<&[usize]>) -> Result<(Array<u32>, usize)> {
    let dev = a.device().clone();
    check_supported(&dev, T::DTYPE)?;
    let ax = normalize_axis(axis, a.shape())?;
    let nd = a.ndim();
    let n = a.shape()[ax];
    check_u32_positions(n, "axis to sort (indices are u32)", &dev)?;
    let perm: Vec<isize> = (0..nd).filter(|&d| d != ax).chain([ax]).map(|d| d as isize).collect();
    let moved = a.transpose(&perm)?;
    let shape = moved.shape().to_vec();
    check_output(&shape, crate::dtype::DType::U32)?;
    let rows = a.len().checked_div(n).unwrap_or(0);
    if rows * n == 0 {
        return Ok((Array::zeros(shape, &dev)?, ax));
    }
    // Rows must be dense (stride 1 along the axis) and in order (a row stride ≥ 0): a
    // view when the strides allow.
    let two = [rows, n];
    let copy;
    let (src, layout) = match moved.layout.reshaped(&two).filter(|l| l.strides()[1] == 1 && l.strides()[0] >= 0) {
        Some(l) => (&moved, l),
        None => {
            copy = moved.contiguous()?;
            let l = copy.layout.reshaped(&two).unwrap_or_else(|| Layout::contiguous(&two));
            (&copy, l)
        }
    };
    let storage = on_backend!(&dev, be => {
        let v = View { storage: be.storage(&src.storage)?, layout: &layout };
        let selected = match kth {
            Some(kth) => be.argpartition(T::DTYPE, v, kth)?,
            None => None,
        };
        match selected {
            Some(idx) => be.wrap(idx),
            None => be.wrap(be.argsort(T::DTYPE, v)?),
        }
    });
    Ok((Array::from_storage(storage, Layout::contiguous(&shape), dev), ax))
}

/// A view of `moved` (axis `ax` moved last) with that axis back in place.
fn restore_axis(moved: &Array<u32>, ax: usize) -> Result<Array<u32>> {
    let nd = moved.ndim();
    let inverse: Vec<isize> = (0..nd).map(|d| if d < ax { d } else if d == ax { nd - 1 } else { d - 1 } as isize).collect();
    moved.transpose(&inverse)
}

impl<T: Element> Array<T> {
    /// The sorted unique elements of the flattened array (NumPy's `np.unique(a)`), on the
    /// device. NaNs count as one value and come last (NumPy's `equal_nan=True`); `-0.0`
    /// and `0.0` are one value.
    ///
    /// A sort, a comparison of neighbours and a compaction: like
    /// [`extract`](Array::extract), the one download is the number of unique values.
    ///
    /// # Errors
    /// As [`sort`](Array::sort).
    ///
    /// ```
    /// use gpu::Array;
    /// let a = Array::from_vec(vec![3.0f32, 1.0, f32::NAN, 3.0, -0.0, 0.0, f32::NAN], 7)?;
    /// let u = a.unique()?.to_vec()?;
    /// assert_eq!(&u[..3], &[0.0, 1.0, 3.0]);
    /// assert!(u[3].is_nan() && u.len() == 4);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn unique(&self) -> Result<Array<T>> {
        let (sorted, _, starts) = runs(self)?;
        sorted.extract(&starts)
    }

    /// The sorted unique elements and how many times each occurs (NumPy's
    /// `np.unique(a, return_counts=True)`), with [`unique`](Array::unique)'s rules; the
    /// counts are `u32`. One download: the number of unique values.
    ///
    /// # Errors
    /// As [`sort`](Array::sort).
    ///
    /// ```
    /// use gpu::Array;
    /// let a = Array::from_vec(vec![2, 7, 2, 2, -1, 7], [2, 3])?;
    /// let (values, counts) = a.unique_counts()?;
    /// assert_eq!(values.to_vec()?, vec![-1, 2, 7]);
    /// assert_eq!(counts.to_vec()?, vec![1, 3, 2]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn unique_counts(&self) -> Result<(Array<T>, Array<u32>)> {
        let (sorted, _, starts) = runs(self)?;
        let first = starts.flatnonzero()?;
        // `sorted` came from an argsort, which checked that its length fits u32.
        let n = sorted.len() as u32;
        // Each run ends where the next starts; the last at the end.
        let end = Array::full([1], n, self.device())?;
        let ends = crate::concatenate(&[&first.slice(0, Some(1), None, 1)?, &end], 0)?;
        let counts = ends.sub(&first)?;
        Ok((sorted.take(&first, 0)?, counts))
    }
}

impl<T: Element> Array<T> {
    /// The sorted unique elements and, for every element of this array, the index of its
    /// value among them (NumPy 2's `np.unique_inverse(a)`: the inverse has this array's
    /// shape), so `values.take(&inverse, 0)` rebuilds the array. Rules as
    /// [`unique`](Array::unique); one download, the number of unique values.
    ///
    /// The inverse is the running count of run starts, put back in the original order
    /// through the inverse of the sorting permutation (an `argsort` of it): two sorts.
    ///
    /// # Errors
    /// As [`sort`](Array::sort).
    ///
    /// ```
    /// use gpu::Array;
    /// let labels = Array::from_vec(vec![30, 10, 30, 20, 10, 30], [2, 3])?;
    /// let (values, inverse) = labels.unique_inverse()?;
    /// assert_eq!(values.to_vec()?, vec![10, 20, 30]);
    /// assert_eq!(inverse.shape(), &[2, 3]);
    /// assert_eq!(inverse.to_vec()?, vec![2, 0, 2, 1, 0, 2]);
    /// assert_eq!(values.take(&inverse, 0)?.to_vec()?, labels.to_vec()?);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn unique_inverse(&self) -> Result<(Array<T>, Array<u32>)> {
        let (sorted, order, starts) = runs(self)?;
        let values = sorted.extract(&starts)?;
        if sorted.is_empty() {
            return Ok((values, Array::zeros(self.shape(), self.device())?));
        }
        // Each sorted position's value index: the number of run starts up to it, less one.
        let rank = starts.cast::<u32>()?.cumsum(0)?.sub_scalar(1)?;
        let inverse = rank.take(&order.argsort(0)?, 0)?;
        Ok((values, inverse.reshape(self.shape())?))
    }
}

/// The flattened elements of `a` in sorted order, the permutation that sorts them, and
/// the mask of the positions that start a run of equal elements (all NaNs one run: they
/// sort last, and only NaN is unequal to itself).
fn runs<T: Element>(a: &Array<T>) -> Result<(Array<T>, Array<u32>, Array<bool>)> {
    let flat = a.reshape([a.len()])?;
    let order = flat.argsort(0)?;
    let sorted = flat.take(&order, 0)?;
    if sorted.len() <= 1 {
        return Ok((sorted, order, Array::full([a.len()], true, a.device())?));
    }
    let (cur, prev) = (sorted.slice(0, Some(1), None, 1)?, sorted.slice(0, None, Some(-1), 1)?);
    let later = cur.ne(&prev)?.logical_and(&prev.eq(&prev)?)?;
    let starts = crate::concatenate(&[&Array::full([1], true, a.device())?, &later], 0)?;
    Ok((sorted, order, starts))
}

/// Which insertion point [`Array::searchsorted`] gives for a value equal to elements of
/// the sorted array (NumPy's `side`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    /// Before the equal elements: the first position where the value could go
    /// (NumPy's default, `side="left"`).
    Left,
    /// After the equal elements: the last position (`side="right"`).
    Right,
}

impl<T: Element> Array<T> {
    /// Where `values` would be inserted to keep this sorted 1-D array sorted (NumPy's
    /// `np.searchsorted(a, v, side)`): `u32` positions of `values`' shape, computed on
    /// the device by a binary search per value.
    ///
    /// This array must be ascending in [`argsort`](Array::argsort)'s order (NaN last) —
    /// as [`sort`](Array::sort) leaves it; like NumPy, that is not checked. A NaN value
    /// goes among (left) or after (right) the NaNs. With `Side::Right`, `bins.searchsorted(&x,
    /// Side::Right)` is the bin index of `x` for bin edges `bins` (NumPy's `digitize`).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] unless this array is 1-D; [`Error::DeviceMismatch`],
    /// [`Error::TooLarge`] past `u32` positions, [`Error::Unsupported`].
    ///
    /// ```
    /// use gpu::{Array, Side};
    /// let edges = Array::from_vec(vec![0.0f32, 1.0, 1.0, 2.5], 4)?;
    /// let x = Array::from_vec(vec![-1.0f32, 1.0, 2.0, 9.0], [2, 2])?;
    /// assert_eq!(edges.searchsorted(&x, Side::Left)?.to_vec()?, vec![0, 1, 3, 4]);
    /// assert_eq!(edges.searchsorted(&x, Side::Right)?.to_vec()?, vec![0, 3, 3, 4]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn searchsorted(&self, values: &Array<T>, side: Side) -> Result<Array<u32>> {
        const OP: &str = "searchsorted";
        let dev = common_device(OP, self.device(), values.device())?.clone();
        check_supported(&dev, T::DTYPE)?;
        if self.ndim() != 1 {
            let reason = format!("the sorted array must be 1-D, got shape {:?}", self.shape());
            return Err(Error::InvalidArgument { op: OP, reason });
        }
        check_u32_positions(self.len(), "sorted array (positions are u32)", &dev)?;
        let shape = values.shape().to_vec();
        check_output(&shape, crate::dtype::DType::U32)?;
        if values.is_empty() || self.is_empty() {
            return Array::zeros(shape, &dev);
        }
        // Both dense 1-D: views when the strides allow, else contiguous copies.
        let dense = |a: &Array<T>| -> Result<Array<T>> {
            let flat = a.reshape([a.len()])?;
            if flat.layout.strides()[0] == 1 {
                Ok(flat)
            } else {
                flat.contiguous()
            }
        };
        let (sorted, vals) = (dense(self)?, dense(values)?);
        let storage = on_backend!(&dev, be => {
            let s = View { storage: be.storage(&sorted.storage)?, layout: &sorted.layout };
            let v = View { storage: be.storage(&vals.storage)?, layout: &vals.layout };
            be.wrap(be.search(T::DTYPE, s, v, side == Side::Right)?)
        });
        Ok(Array::from_storage(storage, Layout::contiguous(&shape), dev))
    }
}
