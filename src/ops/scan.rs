//! Cumulative operations along an axis (NumPy's `cumsum`, `cumprod` and
//! `maximum.accumulate` / `minimum.accumulate`): inclusive scans, one backend call; and
//! their inverse, [`Array::diff`].
//!
//! The front presents the input as a 3-D view `[outer, len, inner]` (the dimensions
//! before the axis, the axis, the dimensions after it) — a view whenever the array's
//! strides allow, else after one contiguous copy — and the backend scans the middle one.

use crate::array::{check_supported, Array};
use crate::backend::{Backend, BinaryOp, View};
use crate::device::on_backend;
use crate::dtype::Element;
use crate::error::Result;
use crate::layout::{normalize_axis, Layout};

macro_rules! scans {
    ($($(#[$doc:meta])* $name:ident => $op:expr;)*) => {
        impl<T: Element> Array<T> {
            $(
                $(#[$doc])*
                pub fn $name(&self, axis: isize) -> Result<Array<T>> {
                    scan(self, $op, axis)
                }
            )*
        }
    };
}

scans! {
    /// Cumulative sum along `axis` (NumPy's `np.cumsum(a, axis)`); the result has this
    /// array's shape and dtype (integers wrap, as every sum here does).
    ///
    /// Floats are summed in an order that differs by backend: sequentially along the
    /// axis on the CPU (as NumPy does), in segments of 256 whose totals are scanned in
    /// turn on the GPUs, so results agree to rounding, not bit for bit.
    ///
    /// # Errors
    /// [`Error::AxisOutOfRange`](crate::Error::AxisOutOfRange) (0-d arrays have no axis),
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// use gpu::Array;
    /// let a = Array::from_vec(vec![1, 2, 3, 4, 5, 6], [2, 3])?;
    /// assert_eq!(a.cumsum(1)?.to_vec()?, vec![1, 3, 6, 4, 9, 15]);
    /// assert_eq!(a.cumsum(0)?.to_vec()?, vec![1, 2, 3, 5, 7, 9]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    cumsum => BinaryOp::Add;
    /// Cumulative product along `axis` (NumPy's `np.cumprod(a, axis)`); integers wrap.
    /// Errors as [`cumsum`](Array::cumsum).
    ///
    /// ```
    /// use gpu::Array;
    /// let a = Array::from_vec(vec![1.0f32, 2.0, 3.0, 4.0], 4)?;
    /// assert_eq!(a.cumprod(0)?.to_vec()?, vec![1.0, 2.0, 6.0, 24.0]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    cumprod => BinaryOp::Mul;
    /// Running maximum along `axis` (NumPy's `np.maximum.accumulate(a, axis)`): once a
    /// NaN is met, the rest of the run is NaN. Errors as [`cumsum`](Array::cumsum).
    ///
    /// ```
    /// use gpu::Array;
    /// let a = Array::from_vec(vec![3, 1, 4, 1, 5, 9, 2, 6], 8)?;
    /// assert_eq!(a.cummax(0)?.to_vec()?, vec![3, 3, 4, 4, 5, 9, 9, 9]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    cummax => BinaryOp::Maximum;
    /// Running minimum along `axis` (NumPy's `np.minimum.accumulate(a, axis)`), with
    /// [`cummax`](Array::cummax)'s NaN rule. Errors as [`cumsum`](Array::cumsum).
    ///
    /// ```
    /// use gpu::Array;
    /// let a = Array::from_vec(vec![3, 1, 4, 1, 5, 0], 6)?;
    /// assert_eq!(a.cummin(0)?.to_vec()?, vec![3, 1, 1, 1, 1, 0]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    cummin => BinaryOp::Minimum;
}

impl<T: Element> Array<T> {
    /// NumPy 2's `np.cumulative_sum(a, axis=axis, include_initial=...)`: [`cumsum`](Array::cumsum),
    /// with `include_initial` a leading 0 along `axis` (one element longer), so that
    /// `out[i]` is the sum of the first `i` elements.
    ///
    /// # Errors
    /// As [`cumsum`](Array::cumsum).
    ///
    /// ```
    /// let a = gpu::Array::from_vec(vec![1, 2, 3, 4, 5, 6], [2, 3])?;
    /// assert_eq!(a.cumulative_sum(1, true)?.to_vec()?, [0, 1, 3, 6, 0, 4, 9, 15]);
    /// assert_eq!(a.cumulative_prod(0, false)?.to_vec()?, [1, 2, 3, 4, 10, 18]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn cumulative_sum(&self, axis: isize, include_initial: bool) -> Result<Array<T>> {
        with_initial(self.cumsum(axis)?, axis, include_initial, T::ZERO)
    }

    /// NumPy 2's `np.cumulative_prod(a, axis=axis, include_initial=...)`:
    /// [`cumprod`](Array::cumprod), with `include_initial` a leading 1 along `axis`.
    ///
    /// # Errors
    /// As [`cumsum`](Array::cumsum).
    pub fn cumulative_prod(&self, axis: isize, include_initial: bool) -> Result<Array<T>> {
        with_initial(self.cumprod(axis)?, axis, include_initial, T::ONE)
    }
}

/// `scanned` with `identity` prepended along `axis` when `include`.
fn with_initial<T: Element>(scanned: Array<T>, axis: isize, include: bool, identity: T) -> Result<Array<T>> {
    if !include {
        return Ok(scanned);
    }
    let ax = normalize_axis(axis, scanned.shape())?;
    let mut shape = scanned.shape().to_vec();
    shape[ax] = 1;
    let first = Array::full(shape, identity, scanned.device())?;
    crate::ops::join::concatenate(&[first, scanned], ax as isize)
}

/// The scan of `a` by `op` along `axis`.
fn scan<T: Element>(a: &Array<T>, op: BinaryOp, axis: isize) -> Result<Array<T>> {
    let dev = a.device().clone();
    check_supported(&dev, T::DTYPE)?;
    let ax = normalize_axis(axis, a.shape())?;
    let shape = a.shape();
    if a.is_empty() {
        return a.contiguous();
    }
    let three = [shape[..ax].iter().product(), shape[ax], shape[ax + 1..].iter().product::<usize>()];
    // A 3-D view of the input when its strides allow, else of a contiguous copy.
    let copy;
    let (src, layout) = match a.layout.reshaped(&three) {
        Some(l) => (a, l),
        None => {
            copy = a.contiguous()?;
            let l = copy.layout.reshaped(&three).unwrap_or_else(|| Layout::contiguous(&three));
            (&copy, l)
        }
    };
    let storage = on_backend!(&dev, be => {
        let v = View { storage: be.storage(&src.storage)?, layout: &layout };
        be.wrap(be.scan(op, T::DTYPE, v)?)
    });
    Ok(Array::from_storage(storage, Layout::contiguous(shape), dev))
}

impl<T: Element> Array<T> {
    /// The first difference along `axis` (NumPy's `np.diff(a, axis=axis)`):
    /// `out[.., i, ..] = a[.., i + 1, ..] - a[.., i, ..]`, one element shorter along
    /// `axis` (integers wrap). It undoes [`cumsum`](Array::cumsum) but for the first
    /// element; for NumPy's `n`, apply it `n` times. One subtraction of two views.
    ///
    /// # Errors
    /// [`Error::AxisOutOfRange`](crate::Error::AxisOutOfRange), and those of
    /// [`sub`](Array::sub).
    ///
    /// ```
    /// use gpu::Array;
    /// let a = Array::from_vec(vec![1, 4, 9, 16, 2, 2, 5, 0], [2, 4])?;
    /// assert_eq!(a.diff(1)?.to_vec()?, vec![3, 5, 7, 0, 3, -5]);
    /// assert_eq!(a.diff(0)?.to_vec()?, vec![1, -2, -4, -16]);
    /// assert_eq!(a.cumsum(1)?.diff(1)?.to_vec()?, a.slice(1, Some(1), None, 1)?.to_vec()?);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn diff(&self, axis: isize) -> Result<Array<T>> {
        let ax = normalize_axis(axis, self.shape())? as isize;
        self.slice(ax, Some(1), None, 1)?.sub(&self.slice(ax, None, Some(-1), 1)?)
    }
}
