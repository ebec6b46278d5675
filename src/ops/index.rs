//! Indexing by arrays: [`Array::take`] and [`Array::take_along_axis`] (NumPy's and
//! CuPy's), both one gather kernel (see `backend::Gather`), and [`Array::put`], a scatter
//! in which the last writer of each element wins; and by masks ([`Array::nonzero`] and
//! [`Array::argwhere`] unravel `flatnonzero`'s positions):
//! [`Array::extract`] (`a[mask]`) and [`Array::flatnonzero`], a running count of the mask
//! and one compaction kernel.
//!
//! The indices stay on the device. Like CuPy (and NumPy's `mode="wrap"`), indices are
//! taken modulo the axis length, so `-1` is the last element and nothing is checked on
//! the host: checking would mean a download and a sync per call.

use super::{check_u32_positions, common_device};
use crate::array::{check_output, check_supported, Array};
use crate::backend::{Backend, Gather, View};
use crate::device::{on_backend, Device};
use crate::dtype::{DType, Element, Scalar};
use crate::error::{Error, Result};
use crate::layout::{broadcast_shapes, normalize_axis, Layout};

mod sealed {
    pub trait Sealed {}
    impl Sealed for u32 {}
    impl Sealed for i32 {}
}

/// Element types usable as indices: `u32` (what [`Array::argmax_axis`] returns) and
/// `i32` (negative indices count from the end).
pub trait Index: Element + sealed::Sealed {}
impl Index for u32 {}
impl Index for i32 {}

impl<T: Scalar> Array<T> {
    /// Elements at `indices` along `axis` (NumPy's `np.take(a, indices, axis)`).
    ///
    /// The result has this array's shape with `axis` replaced by the shape of
    /// `indices`: `out[i.., j.., k..] = self[i.., wrap(indices[j..]), k..]`. Any
    /// views work on both sides (transposed, sliced, broadcast); the result is a new
    /// row-major array on the same device, and nothing passes through the host.
    ///
    /// Out-of-range indices wrap around (`wrap(j)` is `j` modulo the axis length,
    /// Python-style, so `-1` picks the last element). This is CuPy's behaviour and
    /// NumPy's `mode="wrap"`; NumPy's default raises instead, which on a GPU would
    /// cost a download and a synchronisation per call.
    ///
    /// # Errors
    /// [`Error::AxisOutOfRange`]; [`Error::IndexOutOfBounds`] for a non-empty `indices`
    /// along an axis of length 0 (nothing to wrap into); [`Error::DeviceMismatch`] when
    /// `indices` lives on another device; [`Error::Unsupported`] for a dtype the
    /// device lacks.
    ///
    /// ```
    /// use gpu::Array;
    /// // Embedding lookup: rows of a table by token id.
    /// let table = Array::from_vec(vec![0.0f32, 0.5, 1.0, 1.5, 2.0, 2.5], [3, 2])?;
    /// let ids = Array::from_vec(vec![2u32, 0, 2], 3)?;
    /// let rows = table.take(&ids, 0)?;
    /// assert_eq!(rows.shape(), &[3, 2]);
    /// assert_eq!(rows.to_vec()?, vec![2.0, 2.5, 0.0, 0.5, 2.0, 2.5]);
    ///
    /// // Negative and out-of-range indices wrap; indices may have any shape.
    /// let picks = Array::from_vec(vec![-1i32, 3, 1, -2], [2, 2])?;
    /// let cols = table.take(&picks, 1)?;
    /// assert_eq!(cols.shape(), &[3, 2, 2]);
    /// assert_eq!(cols.index_axis(0, 0)?.to_vec()?, vec![0.5, 0.5, 0.5, 0.0]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn take<I: Index>(&self, indices: &Array<I>, axis: isize) -> Result<Array<T>> {
        const OP: &str = "take";
        let dev = common_device(OP, self.device(), indices.device())?.clone();
        check_supported(&dev, T::DTYPE)?;
        check_supported(&dev, I::DTYPE)?;
        let ax = normalize_axis(axis, self.shape())?;
        let len = self.shape()[ax];
        let n_idx = indices.len();
        if len == 0 && n_idx > 0 {
            return Err(Error::IndexOutOfBounds { index: 0, axis: ax, len, shape: self.shape().to_vec() });
        }
        let mut shape = self.shape()[..ax].to_vec();
        shape.extend_from_slice(indices.shape());
        shape.extend_from_slice(&self.shape()[ax + 1..]);
        check_output(&shape, T::DTYPE)?;
        if shape.contains(&0) {
            return empty(self, ax, shape);
        }
        // The source with stride 0 along the index dimensions; the indices' own strides.
        let (st, k) = (self.layout.strides(), indices.ndim());
        let mut src_strides = st[..ax].to_vec();
        src_strides.extend(std::iter::repeat_n(0, k));
        src_strides.extend_from_slice(&st[ax + 1..]);
        let mut idx_strides = vec![0; ax];
        idx_strides.extend_from_slice(indices.layout.strides());
        idx_strides.extend(std::iter::repeat_n(0, self.ndim() - ax - 1));
        let g = Gather { shape, src_strides, idx_strides, step: st[ax], len };
        gather(self, indices, g, dev)
    }

    /// Elements picked along `axis` by an index array of the same rank (NumPy's
    /// `np.take_along_axis(a, indices, axis)`): `out[i.., j, k..] = self[i..,
    /// wrap(indices[i.., j, k..]), k..]`.
    ///
    /// `indices` and this array broadcast against each other in every dimension but
    /// `axis`, along which the result has the extent of `indices`. It pairs with the
    /// index-returning reductions: `a.take_along_axis(&a.argmax_axis(1, true)?, 1)` is
    /// `a.max_axis(1, true)`. Indices wrap as in [`take`](Array::take).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when the ranks differ, [`Error::AxisOutOfRange`],
    /// [`Error::BroadcastMismatch`] naming both shapes when the other dimensions do not
    /// broadcast, [`Error::IndexOutOfBounds`] for indices into an axis of length 0,
    /// [`Error::DeviceMismatch`], [`Error::Unsupported`].
    ///
    /// ```
    /// use gpu::Array;
    /// let a = Array::from_vec(vec![3.0f32, 9.0, 1.0, 4.0, -2.0, 8.0], [2, 3])?;
    /// // The largest element of each row, through its index.
    /// let at = a.argmax_axis(1, true)?; // [[1], [2]]
    /// assert_eq!(a.take_along_axis(&at, 1)?.to_vec()?, vec![9.0, 8.0]);
    /// // Reorder each row: a different permutation per row.
    /// let perm = Array::from_vec(vec![2u32, 0, 1, 1, 2, 0], [2, 3])?;
    /// assert_eq!(a.take_along_axis(&perm, 1)?.to_vec()?, vec![1.0, 3.0, 9.0, -2.0, 8.0, 4.0]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn take_along_axis<I: Index>(&self, indices: &Array<I>, axis: isize) -> Result<Array<T>> {
        const OP: &str = "take_along_axis";
        let dev = common_device(OP, self.device(), indices.device())?.clone();
        check_supported(&dev, T::DTYPE)?;
        check_supported(&dev, I::DTYPE)?;
        if indices.ndim() != self.ndim() {
            let reason = format!(
                "indices of shape {:?} must have as many dimensions as the array, of shape {:?}",
                indices.shape(),
                self.shape()
            );
            return Err(Error::InvalidArgument { op: OP, reason });
        }
        let ax = normalize_axis(axis, self.shape())?;
        let len = self.shape()[ax];
        // Broadcast every dimension but `axis`, which takes the indices' extent.
        let mut own = self.shape().to_vec();
        own[ax] = indices.shape()[ax];
        let shape = broadcast_shapes(OP, &own, indices.shape()).map_err(|_| Error::BroadcastMismatch {
            op: OP,
            lhs: self.shape().to_vec(),
            rhs: indices.shape().to_vec(),
        })?;
        if len == 0 && !shape.contains(&0) {
            return Err(Error::IndexOutOfBounds { index: 0, axis: ax, len, shape: self.shape().to_vec() });
        }
        check_output(&shape, T::DTYPE)?;
        if shape.contains(&0) {
            return empty(self, ax, shape);
        }
        let idx_strides = indices.layout.broadcast_to(&shape)?.strides().to_vec();
        let mut src_strides: Vec<isize> =
            self.shape().iter().zip(self.layout.strides()).map(|(&n, &s)| if n == 1 { 0 } else { s }).collect();
        let step = std::mem::replace(&mut src_strides[ax], 0);
        let g = Gather { shape, src_strides, idx_strides, step, len };
        gather(self, indices, g, dev)
    }
}

impl<T: Scalar> Array<T> {
    /// Writes `values` at the flat (row-major) positions `indices`, in place (NumPy's
    /// `np.put(a, indices, values, mode="wrap")`, CuPy's `a.put`; `a.reshape(-1)[idx] = v`).
    ///
    /// `values` broadcasts to the shape of `indices` (a one-element array sets every
    /// position to one value). Indices wrap around the array's length as in
    /// [`take`](Array::take). When an index repeats, the **last** occurrence wins, as in
    /// NumPy — deterministically on every backend: the GPU kernels first claim each
    /// element for its highest writer (an atomic max), then only the claimants write.
    /// Nothing passes through the host.
    ///
    /// Like the other in-place ops this is copy-on-write: when the array shares its
    /// storage with another handle, or is a view that is not contiguous, it first becomes
    /// a contiguous copy of itself, and other handles keep the old values.
    ///
    /// # Errors
    /// [`Error::BroadcastTo`] when `values` does not broadcast to `indices`' shape;
    /// [`Error::IndexOutOfBounds`] for indices into an empty array; [`Error::TooLarge`]
    /// past `u32::MAX - 1` indices; [`Error::DeviceMismatch`], [`Error::Unsupported`].
    ///
    /// ```
    /// use gpu::Array;
    /// let mut a = Array::<f32>::zeros([2, 3], &gpu::Device::cpu())?;
    /// // Flat positions; -1 is the last element; position 1 is written twice: the last wins.
    /// let at = Array::from_vec(vec![0i32, 1, -1, 1], 4)?;
    /// a.put(&at, &Array::from_vec(vec![1.0, 2.0, 3.0, 4.0], 4)?)?;
    /// assert_eq!(a.to_vec()?, vec![1.0, 4.0, 0.0, 0.0, 0.0, 3.0]);
    /// // One value everywhere.
    /// a.put(&Array::from_vec(vec![2u32, 3], 2)?, &Array::from_vec(vec![9.0], 1)?)?;
    /// assert_eq!(a.to_vec()?, vec![1.0, 4.0, 9.0, 9.0, 0.0, 3.0]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn put<I: Index>(&mut self, indices: &Array<I>, values: &Array<T>) -> Result<()> {
        let Some(Scatter { dev, span, idx, vals }) = self.scatter_prologue("put", indices, values)? else {
            return Ok(());
        };
        let storage = self.sole_storage(&dev)?;
        on_backend!(&dev, be => {
            let i = View { storage: be.storage(&idx.storage)?, layout: &idx.layout };
            let v = View { storage: be.storage(&vals.storage)?, layout: &vals.layout };
            be.scatter(T::DTYPE, be.storage_mut(storage)?, span, i, I::DTYPE, v)
        })
    }

    /// What `put` and `scatter_add` share: checks devices, dtypes and shapes, makes
    /// `self` a contiguous array of its own, and returns its device, its dense span, and
    /// the indices and values as 1-D dense views (values possibly one broadcast value);
    /// `None` when there is nothing to write.
    fn scatter_prologue<I: Index>(
        &mut self,
        op: &'static str,
        indices: &Array<I>,
        values: &Array<T>,
    ) -> Result<Option<Scatter<I, T>>> {
        let dev = common_device(op, self.device(), indices.device())?.clone();
        common_device(op, &dev, values.device())?;
        check_supported(&dev, T::DTYPE)?;
        check_supported(&dev, I::DTYPE)?;
        let n = indices.len();
        let vals = values
            .broadcast_to(indices.shape())
            .map_err(|_| Error::BroadcastTo { from: values.shape().to_vec(), to: indices.shape().to_vec() })?;
        if n == 0 {
            return Ok(None);
        }
        let len = self.len();
        if len == 0 {
            return Err(Error::IndexOutOfBounds { index: 0, axis: 0, len, shape: self.shape().to_vec() });
        }
        let what = if op == "put" {
            "indices to put (positions are u32)"
        } else {
            "indices to scatter_add (positions are u32)"
        };
        check_u32_positions(n, what, &dev)?;
        // Indices dense 1-D; values dense, or one value broadcast (stride 0).
        let idx = dense_1d(indices)?;
        let vals = if values.len() == 1 { values.reshape([1])?.broadcast_to([n])? } else { dense_1d(&vals)? };
        if !(self.layout.is_contiguous() && std::sync::Arc::get_mut(&mut self.storage).is_some()) {
            *self = self.copy()?;
        }
        Ok(Some(Scatter { dev, span: (self.layout.offset(), len), idx, vals }))
    }

    /// The storage of an array that owns it alone (after `scatter_prologue`).
    fn sole_storage(&mut self, dev: &Device) -> Result<&mut crate::backend::Storage> {
        std::sync::Arc::get_mut(&mut self.storage).ok_or_else(|| Error::Backend {
            device: dev.to_string(),
            message: "internal error: a fresh copy is shared".into(),
        })
    }
}

/// A checked scatter: the target's device and dense span (first element, length), and
/// the indices and values as dense 1-D arrays (values possibly one broadcast value).
struct Scatter<I: Scalar, T: Scalar> {
    dev: Device,
    span: (usize, usize),
    idx: Array<I>,
    vals: Array<T>,
}

impl<T: Element> Array<T> {
    /// Adds `values` at the flat (row-major) positions `indices`, in place, **every**
    /// occurrence of a repeated index counting (NumPy's `np.add.at(a.reshape(-1), idx,
    /// v)`, CuPy's `cupyx.scatter_add`; unlike `a[idx] += v`, where a repeated index adds
    /// once). Indices wrap as in [`put`](Array::put); `values` broadcasts to `indices`'
    /// shape. Integers wrap on overflow.
    ///
    /// On the CPU the additions happen in index order, as NumPy's; on GPUs they are
    /// atomic adds in an unspecified order, so float sums may differ from run to run in
    /// the last bits (as CuPy's). WGSL has no 64-bit atomics, so f64 on wgpu groups the
    /// values by position first (a counting sort with 32-bit atomics; a bitonic sort for
    /// targets whose counts pass one storage binding) and adds each group's sum once.
    ///
    /// Copy-on-write like the other in-place ops: a shared or non-contiguous array first
    /// becomes a contiguous copy of itself.
    ///
    /// # Errors
    /// As [`put`](Array::put).
    ///
    /// ```
    /// use gpu::Array;
    /// let mut hist = Array::<f32>::zeros([4], &gpu::Device::cpu())?;
    /// let bins = Array::from_vec(vec![1u32, 3, 1, 1], 4)?;
    /// hist.scatter_add(&bins, &Array::from_vec(vec![0.5, 2.0, 0.25, 1.0], 4)?)?;
    /// assert_eq!(hist.to_vec()?, vec![0.0, 1.75, 0.0, 2.0]);
    /// // One value for every index: counting.
    /// hist.scatter_add(&bins, &Array::from_vec(vec![1.0], 1)?)?;
    /// assert_eq!(hist.to_vec()?, vec![0.0, 4.75, 0.0, 3.0]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn scatter_add<I: Index>(&mut self, indices: &Array<I>, values: &Array<T>) -> Result<()> {
        let Some(Scatter { dev, span, idx, vals }) = self.scatter_prologue("scatter_add", indices, values)? else {
            return Ok(());
        };
        let storage = self.sole_storage(&dev)?;
        on_backend!(&dev, be => {
            let i = View { storage: be.storage(&idx.storage)?, layout: &idx.layout };
            let v = View { storage: be.storage(&vals.storage)?, layout: &vals.layout };
            be.scatter_add(T::DTYPE, be.storage_mut(storage)?, span, i, I::DTYPE, v)
        })
    }
}

impl Array<u32> {
    /// How many times each value occurs (NumPy's `np.bincount(x, minlength=...)`):
    /// `u32` counts of length `max(minlength, max(x) + 1)`, element `v` counting the
    /// elements equal to `v`. With [`searchsorted`](Array::searchsorted) it makes a
    /// histogram: `edges.searchsorted(&x, Side::Right)?.bincount(edges.len() + 1)?`.
    ///
    /// The length depends on the data, so the largest value is downloaded first (4
    /// bytes: CuPy synchronises here too). The counting runs on the device with
    /// atomics — on wgpu through workgroup memory when there are at most 4,096 bins.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] unless this array is 1-D (as NumPy);
    /// [`Error::TooLarge`] when the counts would not fit the device.
    ///
    /// ```
    /// use gpu::Array;
    /// let x = Array::from_vec(vec![1u32, 3, 1, 0, 3, 3], 6)?;
    /// assert_eq!(x.bincount(0)?.to_vec()?, vec![1, 2, 0, 3]);
    /// assert_eq!(x.bincount(6)?.to_vec()?, vec![1, 2, 0, 3, 0, 0]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn bincount(&self, minlength: usize) -> Result<Array<u32>> {
        if self.ndim() != 1 {
            let reason = format!("bincount takes a 1-D array, got shape {:?}", self.shape());
            return Err(Error::InvalidArgument { op: "bincount", reason });
        }
        let dev = self.device().clone();
        let len = if self.is_empty() { minlength } else { minlength.max(self.max()?.item()? as usize + 1) };
        check_output(&[len], DType::U32)?;
        if self.is_empty() || len == 0 {
            return Array::zeros([len], &dev);
        }
        let vals = dense_1d(self)?;
        let storage = on_backend!(&dev, be => {
            let v = View { storage: be.storage(&vals.storage)?, layout: &vals.layout };
            be.wrap(be.bincount(v, len)?)
        });
        Ok(Array::from_storage(storage, Layout::contiguous(&[len]), dev))
    }
}

/// `a` as a dense 1-D array: a view when its strides allow, else a contiguous copy.
fn dense_1d<T: Scalar>(a: &Array<T>) -> Result<Array<T>> {
    let flat = a.reshape([a.len()])?;
    if flat.layout.strides()[0] == 1 {
        Ok(flat)
    } else {
        flat.contiguous()
    }
}

/// A new empty array of `shape` (which holds no elements) on `a`'s device.
fn empty<T: Scalar>(a: &Array<T>, axis: usize, shape: Vec<usize>) -> Result<Array<T>> {
    a.slice(axis as isize, Some(0), Some(0), 1)?.contiguous()?.reshape(shape)
}

/// Runs gather `g` of `src` by `indices` on `dev`: a new row-major array of `g.shape`.
fn gather<T: Scalar, I: Index>(src: &Array<T>, indices: &Array<I>, g: Gather, dev: Device) -> Result<Array<T>> {
    let storage = on_backend!(&dev, be => {
        let s = View { storage: be.storage(&src.storage)?, layout: &src.layout };
        let i = View { storage: be.storage(&indices.storage)?, layout: &indices.layout };
        be.wrap(be.gather(T::DTYPE, s, i, I::DTYPE, &g)?)
    });
    Ok(Array::from_storage(storage, Layout::contiguous(&g.shape), dev))
}

impl<T: Scalar> Array<T> {
    /// The elements where `mask` is true, in row-major order, as a 1-D array (NumPy's
    /// `a[mask]` and `np.extract(mask, a)`).
    ///
    /// `mask` broadcasts to this array's shape. The length of the result depends on
    /// the data, so this is one of the few calls that waits for the device: it
    /// downloads one number (how many elements are selected), like CuPy's boolean
    /// indexing. Everything else stays on the device: a running count of the mask
    /// (a scan, see [`cumsum`](Array::cumsum)) places each selected element.
    ///
    /// # Errors
    /// [`Error::BroadcastTo`] when `mask` does not broadcast to the array's shape,
    /// [`Error::DeviceMismatch`], [`Error::Unsupported`].
    ///
    /// ```
    /// use gpu::Array;
    /// let a = Array::from_vec(vec![-1.0f32, 2.0, -3.0, 4.0, 5.0, -6.0], [2, 3])?;
    /// let positive = a.extract(&a.gt_scalar(0.0)?)?;
    /// assert_eq!(positive.to_vec()?, vec![2.0, 4.0, 5.0]);
    /// // A mask over the columns, broadcast to every row.
    /// let cols = Array::from_vec(vec![true, false, true], 3)?;
    /// assert_eq!(a.extract(&cols)?.to_vec()?, vec![-1.0, -3.0, 4.0, -6.0]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn extract(&self, mask: &Array<bool>) -> Result<Array<T>> {
        let dev = common_device("extract", self.device(), mask.device())?.clone();
        check_supported(&dev, T::DTYPE)?;
        let m = mask.broadcast_to(self.shape())?;
        compact(Some(self), &m, dev)
    }
}

impl Array<bool> {
    /// Flat (row-major) indices of the true elements, as `u32` (NumPy's
    /// `np.flatnonzero(m)`); feed them to [`take`](Array::take) on a flattened array.
    /// Downloads one number (the count), as [`extract`](Array::extract) does.
    ///
    /// # Errors
    /// Device faults.
    ///
    /// ```
    /// use gpu::Array;
    /// let m = Array::from_vec(vec![false, true, true, false, true], 5)?;
    /// assert_eq!(m.flatnonzero()?.to_vec()?, vec![1, 2, 4]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn flatnonzero(&self) -> Result<Array<u32>> {
        compact::<u32>(None, self, self.device().clone())
    }
}

impl Array<bool> {
    /// The indices of the true elements, one `u32` array per dimension (NumPy's
    /// `np.nonzero(mask)`): element `k` of array `d` is the `d`-th coordinate of the
    /// `k`-th true element in row-major order. `a.nonzero()?[0]` of a 1-D mask is
    /// [`flatnonzero`](Array::flatnonzero).
    ///
    /// The flat positions come from one compaction (one download: the count, as
    /// [`extract`](Array::extract)); each coordinate is a division and a remainder of
    /// them on the device.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for a 0-d mask (NumPy refuses it too; use
    /// [`argwhere`](Array::argwhere)), [`Error::Unsupported`].
    ///
    /// ```
    /// use gpu::Array;
    /// let m = Array::from_vec(vec![false, true, true, false, false, true], [2, 3])?;
    /// let ix = m.nonzero()?;
    /// assert_eq!(ix[0].to_vec()?, vec![0, 0, 1]);
    /// assert_eq!(ix[1].to_vec()?, vec![1, 2, 2]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn nonzero(&self) -> Result<Vec<Array<u32>>> {
        if self.ndim() == 0 {
            let reason = "a 0-d mask has no coordinates; use argwhere or reshape it to [1]".to_string();
            return Err(Error::InvalidArgument { op: "nonzero", reason });
        }
        let flat = self.flatnonzero()?;
        let shape = self.shape();
        let mut stride: usize = shape.iter().product();
        let mut out = Vec::with_capacity(shape.len());
        for (d, &n) in shape.iter().enumerate() {
            stride /= n.max(1);
            // u32 positions: the array's length fits u32 (flatnonzero checked it).
            let mut c = if stride == 1 { flat.clone() } else { flat.div_scalar(stride as u32)? };
            if d > 0 {
                c = c.rem_scalar(n as u32)?;
            }
            out.push(c);
        }
        Ok(out)
    }

    /// The coordinates of the true elements as rows of a `[count, ndim]` `u32` array
    /// (NumPy's `np.argwhere(mask)`): the columns are [`nonzero`](Array::nonzero)'s
    /// arrays. A 0-d mask gives `[1, 0]` when true, `[0, 0]` when false, as NumPy.
    ///
    /// # Errors
    /// [`Error::Unsupported`].
    ///
    /// ```
    /// use gpu::Array;
    /// let m = Array::from_vec(vec![false, true, true, false, false, true], [2, 3])?;
    /// let rows = m.argwhere()?;
    /// assert_eq!(rows.shape(), &[3, 2]);
    /// assert_eq!(rows.to_vec()?, vec![0, 1, 0, 2, 1, 2]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn argwhere(&self) -> Result<Array<u32>> {
        if self.ndim() == 0 {
            let count = self.reshape([1])?.flatnonzero()?.len();
            return Array::zeros([count, 0], self.device());
        }
        crate::stack(&self.nonzero()?, 1)
    }
}

/// The selected `values` (or, without values, the selected flat indices) of `mask`,
/// which has the values' shape.
fn compact<T: Scalar>(values: Option<&Array<T>>, mask: &Array<bool>, dev: Device) -> Result<Array<T>> {
    let n = mask.len();
    let m = mask.reshape([n])?.contiguous()?;
    let v = values.map(|a| a.reshape([n]).and_then(|a| a.contiguous())).transpose()?;
    if n == 0 {
        return Array::from_vec(Vec::new(), [0])?.to(&dev);
    }
    let positions = m.cast::<u32>()?.cumsum(0)?;
    let count = positions.index_axis(0, -1)?.item()? as usize;
    if count == 0 {
        return Array::from_vec(Vec::new(), [0])?.to(&dev);
    }
    let storage = on_backend!(&dev, be => {
        let vals = match &v {
            Some(a) => Some(View { storage: be.storage(&a.storage)?, layout: &a.layout }),
            None => None,
        };
        let mv = View { storage: be.storage(&m.storage)?, layout: &m.layout };
        let pv = View { storage: be.storage(&positions.storage)?, layout: &positions.layout };
        be.wrap(be.compact(T::DTYPE, vals, mv, pv, count)?)
    });
    Ok(Array::from_storage(storage, Layout::contiguous(&[count]), dev))
}
