//! Sorting along an axis: [`Array::argsort`] (NumPy's `np.argsort(a, axis, kind="stable")`)
//! and [`Array::sort`], one backend call (`argsort` of the rows of a `[rows, n]` view with
//! the axis last) plus, for `sort`, one gather.
//!
//! Every backend sorts by the same total order — ascending, NaN last (NumPy's rule),
//! `-0.0 == 0.0`, equal elements in their original order — so the permutation itself,
//! not just the sorted values, is identical on the CPU, wgpu and CUDA.

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

/// The argsort of `a` along `axis`, with that axis moved last (contiguous), and the
/// normalised axis.
fn argsort_axis_last<T: Element>(a: &Array<T>, axis: isize) -> Result<(Array<u32>, usize)> {
    let dev = a.device().clone();
    check_supported(&dev, T::DTYPE)?;
    let ax = normalize_axis(axis, a.shape())?;
    let nd = a.ndim();
    let n = a.shape()[ax];
    if n as u64 >= u64::from(u32::MAX) {
        return Err(Error::TooLarge {
            what: "axis to sort (indices are u32)",
            bytes: n as u64,
            limit: u64::from(u32::MAX) - 1,
            device: dev.to_string(),
        });
    }
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
        be.wrap(be.argsort(T::DTYPE, v)?)
    });
    Ok((Array::from_storage(storage, Layout::contiguous(&shape), dev), ax))
}

/// A view of `moved` (axis `ax` moved last) with that axis back in place.
fn restore_axis(moved: &Array<u32>, ax: usize) -> Result<Array<u32>> {
    let nd = moved.ndim();
    let inverse: Vec<isize> = (0..nd).map(|d| if d < ax { d } else if d == ax { nd - 1 } else { d - 1 } as isize).collect();
    moved.transpose(&inverse)
}
