//! NumPy's array-manipulation routines built on views and existing kernels, so every
//! backend has them: `swapaxes`/`moveaxis` (views), `split`/`array_split` (views),
//! `repeat` (a `take` with device-made indices), `tile` (a broadcast view copied once),
//! `triu`/`tril` (a `where` against an index mask), `outer` (a broadcast product) and
//! `diagonal`/`trace` (a strided view, then a reduction). Nothing passes through the host.

use super::check_u32_positions;
use super::elementwise::where_;
use crate::array::Array;
use crate::dtype::{Element, Scalar};
use crate::error::{Error, Result};
use crate::layout::normalize_axis;

impl<T: Scalar> Array<T> {
    /// Exchanges two axes (NumPy's `np.swapaxes`; a view).
    ///
    /// # Errors
    /// [`Error::AxisOutOfRange`].
    ///
    /// ```
    /// let a = gpu::Array::from_vec((0..6).collect::<Vec<i32>>(), [1, 2, 3])?;
    /// let s = a.swapaxes(0, -1)?;
    /// assert_eq!(s.shape(), &[3, 2, 1]);
    /// assert_eq!(s.contiguous()?.to_vec()?, vec![0, 3, 1, 4, 2, 5]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn swapaxes(&self, axis1: isize, axis2: isize) -> Result<Array<T>> {
        let (a, b) = (normalize_axis(axis1, self.shape())?, normalize_axis(axis2, self.shape())?);
        let mut perm: Vec<usize> = (0..self.ndim()).collect();
        perm.swap(a, b);
        Ok(self.with_layout(self.layout.permute(&perm)))
    }

    /// Moves axis `source` to position `destination`, the others keeping their order
    /// (NumPy's `np.moveaxis`; a view).
    ///
    /// # Errors
    /// [`Error::AxisOutOfRange`].
    ///
    /// ```
    /// let a = gpu::Array::<f32>::zeros([2, 3, 4], &gpu::Device::cpu())?;
    /// assert_eq!(a.moveaxis(0, -1)?.shape(), &[3, 4, 2]);
    /// assert_eq!(a.moveaxis(2, 0)?.shape(), &[4, 2, 3]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn moveaxis(&self, source: isize, destination: isize) -> Result<Array<T>> {
        let (s, d) = (normalize_axis(source, self.shape())?, normalize_axis(destination, self.shape())?);
        let mut perm: Vec<usize> = (0..self.ndim()).filter(|&k| k != s).collect();
        perm.insert(d, s);
        Ok(self.with_layout(self.layout.permute(&perm)))
    }

    /// Splits along `axis` into `sections` parts of nearly equal length, the first
    /// `len % sections` one longer (NumPy's `np.array_split`); the parts are views.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for `sections == 0`; [`Error::AxisOutOfRange`].
    ///
    /// ```
    /// let a = gpu::Array::from_vec((0..7).collect::<Vec<u32>>(), [7])?;
    /// let parts: Vec<Vec<u32>> = a.array_split(3, 0)?.iter().map(|p| p.to_vec()).collect::<Result<_, _>>()?;
    /// assert_eq!(parts, vec![vec![0, 1, 2], vec![3, 4], vec![5, 6]]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn array_split(&self, sections: usize, axis: isize) -> Result<Vec<Array<T>>> {
        if sections == 0 {
            return Err(Error::InvalidArgument { op: "array_split", reason: "need at least one section".into() });
        }
        let ax = normalize_axis(axis, self.shape())?;
        let n = self.shape()[ax];
        let (size, extra) = (n / sections, n % sections);
        let mut start = 0;
        (0..sections)
            .map(|k| {
                let len = size + usize::from(k < extra);
                let part = self.slice(ax as isize, Some(start as isize), Some((start + len) as isize), 1);
                start += len;
                part
            })
            .collect()
    }

    /// Splits along `axis` into `sections` views of equal length (NumPy's `np.split`
    /// with an integer).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when the axis length is not a multiple of `sections`
    /// (use [`array_split`](Array::array_split)); [`Error::AxisOutOfRange`].
    pub fn split(&self, sections: usize, axis: isize) -> Result<Vec<Array<T>>> {
        let ax = normalize_axis(axis, self.shape())?;
        let n = self.shape()[ax];
        if sections == 0 || !n.is_multiple_of(sections) {
            let reason = format!("axis {ax} of length {n} does not split into {sections} equal parts");
            return Err(Error::InvalidArgument { op: "split", reason });
        }
        self.array_split(sections, axis)
    }

    /// Repeats each element `repeats` times along `axis` (NumPy's `np.repeat(a, r,
    /// axis)`; flatten first for `axis=None`). The gather indices are made on the device.
    ///
    /// # Errors
    /// [`Error::AxisOutOfRange`]; [`Error::TooLarge`] past `u32::MAX - 1` positions along
    /// the axis.
    ///
    /// ```
    /// let a = gpu::Array::from_vec(vec![1, 2, 3, 4], [2, 2])?;
    /// assert_eq!(a.repeat(2, 1)?.to_vec()?, vec![1, 1, 2, 2, 3, 3, 4, 4]);
    /// assert_eq!(a.repeat(2, 0)?.to_vec()?, vec![1, 2, 1, 2, 3, 4, 3, 4]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn repeat(&self, repeats: usize, axis: isize) -> Result<Array<T>> {
        let ax = normalize_axis(axis, self.shape())?;
        let total = self.shape()[ax].checked_mul(repeats).ok_or_else(|| Error::ShapeOverflow {
            shape: self.shape().iter().enumerate().map(|(k, &s)| if k == ax { usize::MAX } else { s }).collect(),
        })?;
        check_u32_positions(total, "positions along the repeated axis (u32)", self.device())?;
        let idx = if repeats == 0 {
            Array::<u32>::zeros([0], self.device())?
        } else {
            Array::<u32>::arange(0, total as u32, 1, self.device())?.div_scalar(repeats as u32)?
        };
        self.take(&idx, ax as isize)
    }

    /// The array repeated `reps[k]` times along each axis (NumPy's `np.tile`): with
    /// fewer `reps` than axes, the leading axes repeat once; with more, the array gains
    /// leading axes of length 1. One broadcast view, copied once.
    ///
    /// # Errors
    /// [`Error::ShapeOverflow`] when the result's size overflows.
    ///
    /// ```
    /// let a = gpu::Array::from_vec(vec![1, 2, 3, 4], [2, 2])?;
    /// assert_eq!(a.tile(&[1, 2])?.to_vec()?, vec![1, 2, 1, 2, 3, 4, 3, 4]);
    /// assert_eq!(a.tile(&[2, 1, 1])?.shape(), &[2, 2, 2]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn tile(&self, reps: &[usize]) -> Result<Array<T>> {
        let nd = self.ndim().max(reps.len());
        let pad = |v: &[usize]| std::iter::repeat_n(1, nd - v.len()).chain(v.iter().copied()).collect::<Vec<usize>>();
        let (shape, reps) = (pad(self.shape()), pad(reps));
        // [s0, s1, ...] as [1, s0, 1, s1, ...], broadcast to [r0, s0, r1, s1, ...].
        let interleaved: Vec<usize> = shape.iter().flat_map(|&s| [1, s]).collect();
        let target: Vec<usize> = reps.iter().zip(&shape).flat_map(|(&r, &s)| [r, s]).collect();
        let out: Vec<usize> = reps.iter().zip(&shape).map(|(&r, &s)| r * s).collect();
        crate::layout::element_count(&target)?;
        self.reshape(interleaved)?.broadcast_to(target)?.contiguous()?.reshape(out)
    }
}

impl<T: Scalar> Array<T> {
    /// Diagonal `offset` of the 2-D slices spanned by `axis1` and `axis2` (NumPy's
    /// `a.diagonal(offset, axis1, axis2)`): a view, with both axes removed and the
    /// diagonal appended as the last axis. `offset > 0` is above the main diagonal
    /// (`[i, i + offset]`), `< 0` below; past the matrix the diagonal is empty.
    ///
    /// # Errors
    /// [`Error::AxisOutOfRange`]; [`Error::InvalidArgument`] when the axes are the same.
    ///
    /// ```
    /// let m = gpu::Array::from_vec((1..=6).collect::<Vec<i32>>(), [2, 3])?;
    /// assert_eq!(m.diagonal(0, 0, 1)?.to_vec()?, vec![1, 5]);
    /// assert_eq!(m.diagonal(1, 0, 1)?.to_vec()?, vec![2, 6]);
    /// assert_eq!(m.diagonal(-1, 0, 1)?.to_vec()?, vec![4]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn diagonal(&self, offset: isize, axis1: isize, axis2: isize) -> Result<Array<T>> {
        let (a, b) = (normalize_axis(axis1, self.shape())?, normalize_axis(axis2, self.shape())?);
        if a == b {
            let reason = format!("axis1 and axis2 are both axis {a} of shape {:?}", self.shape());
            return Err(Error::InvalidArgument { op: "diagonal", reason });
        }
        Ok(self.with_layout(self.layout.diagonal(offset, a, b)))
    }
}

impl<T: Scalar> Array<T> {
    /// Every window of `window` consecutive elements along `axis`, as a view (NumPy's
    /// `sliding_window_view(a, window, axis)`): `axis` becomes the `n - window + 1`
    /// window starts and a new last axis of length `window` runs through each window.
    /// The windows overlap in memory, nothing is copied; writing to the view copies it
    /// first (copy-on-write).
    ///
    /// # Errors
    /// [`Error::AxisOutOfRange`]; [`Error::InvalidArgument`] when `window` exceeds the axis.
    ///
    /// ```
    /// let a = gpu::Array::from_vec((1..=5).collect::<Vec<i32>>(), [5])?;
    /// let w = a.sliding_window_view(3, 0)?;
    /// assert_eq!(w.shape(), &[3, 3]);
    /// assert_eq!(w.contiguous()?.to_vec()?, vec![1, 2, 3, 2, 3, 4, 3, 4, 5]);
    /// // Moving sums as one reduction over the window axis.
    /// assert_eq!(w.sum_axis(-1, false)?.to_vec()?, vec![6, 9, 12]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn sliding_window_view(&self, window: usize, axis: isize) -> Result<Array<T>> {
        let ax = normalize_axis(axis, self.shape())?;
        if window > self.shape()[ax] {
            let reason = format!("window {window} is longer than axis {ax} of shape {:?}", self.shape());
            return Err(Error::InvalidArgument { op: "sliding_window_view", reason });
        }
        Ok(self.with_layout(self.layout.windows(ax, window)))
    }
}

impl<T: Element> Array<T> {
    /// Sum along diagonal `offset` of the first two axes (NumPy's `np.trace(a,
    /// offset)`): `diagonal(offset, 0, 1)` summed, an array of the remaining axes (0-d
    /// for a matrix) on the device.
    ///
    /// # Errors
    /// [`Error::AxisOutOfRange`] for fewer than two axes.
    ///
    /// ```
    /// let m = gpu::Array::from_vec((1..=9).collect::<Vec<i32>>(), [3, 3])?;
    /// assert_eq!(m.trace(0)?.item()?, 15);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn trace(&self, offset: isize) -> Result<Array<T>> {
        self.diagonal(offset, 0, 1)?.sum_axis(-1, false)
    }

    /// The upper triangle of the last two axes: elements below diagonal `k` zeroed
    /// (NumPy's `np.triu(a, k)`; `k > 0` above the main diagonal, `k < 0` below).
    /// Leading axes are a batch.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for fewer than two axes.
    ///
    /// ```
    /// let a = gpu::Array::from_vec((1..=9).collect::<Vec<i32>>(), [3, 3])?;
    /// assert_eq!(a.triu(0)?.to_vec()?, vec![1, 2, 3, 0, 5, 6, 0, 0, 9]);
    /// assert_eq!(a.tril(-1)?.to_vec()?, vec![0, 0, 0, 4, 0, 0, 7, 8, 0]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn triu(&self, k: isize) -> Result<Array<T>> {
        self.triangle("triu", k, true)
    }

    /// The lower triangle of the last two axes: elements above diagonal `k` zeroed
    /// (NumPy's `np.tril(a, k)`). Leading axes are a batch.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for fewer than two axes.
    pub fn tril(&self, k: isize) -> Result<Array<T>> {
        self.triangle("tril", k, false)
    }

    /// Keeps element `[.., i, j]` where `j - i >= k` (`upper`) or `j - i <= k`.
    fn triangle(&self, op: &'static str, k: isize, upper: bool) -> Result<Array<T>> {
        let nd = self.ndim();
        if nd < 2 {
            let reason = format!("needs at least two axes, got shape {:?}", self.shape());
            return Err(Error::InvalidArgument { op, reason });
        }
        let (m, n) = (self.shape()[nd - 2], self.shape()[nd - 1]);
        let dev = self.device();
        // j - i over [m, n] in i64 terms, clamped into i32 with k (beyond ±(m + n) every
        // element is on one side anyway).
        let limit = (m + n) as i64 + 1;
        let k = (k as i64).clamp(-limit, limit);
        if m as i64 + limit > i64::from(i32::MAX) || n as i64 + limit > i64::from(i32::MAX) {
            return Err(Error::TooLarge {
                what: "matrix axes for triu/tril (index arithmetic is i32)",
                bytes: (m.max(n)) as u64,
                limit: i32::MAX as u64 / 2,
                device: dev.to_string(),
            });
        }
        let rows = Array::<i32>::arange(0, m as i32, 1, dev)?.reshape([m, 1])?;
        let cols = Array::<i32>::arange(0, n as i32, 1, dev)?.reshape([1, n])?;
        let diff = cols.sub(&rows)?;
        let keep = if upper { diff.ge_scalar(k as i32)? } else { diff.le_scalar(k as i32)? };
        where_(&keep, self, &Array::scalar(T::ZERO, dev)?)
    }

    /// The outer product `out[i, j] = a[i] · b[j]` of the flattened arrays (NumPy's
    /// `np.outer`): one broadcast multiplication.
    ///
    /// # Errors
    /// [`Error::DeviceMismatch`].
    ///
    /// ```
    /// let a = gpu::Array::from_vec(vec![1.0f32, 2.0], [2])?;
    /// let b = gpu::Array::from_vec(vec![1.0f32, 10.0, 100.0], [3])?;
    /// assert_eq!(a.outer(&b)?.to_vec()?, vec![1.0, 10.0, 100.0, 2.0, 20.0, 200.0]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn outer(&self, other: &Array<T>) -> Result<Array<T>> {
        self.reshape([self.len(), 1])?.mul(&other.reshape([1, other.len()])?)
    }
}
