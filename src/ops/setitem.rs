//! Assignment through a view (NumPy's `a[1:3, ::2] = v`): the view is described by a
//! closure that builds it from the array with the usual view methods, its element
//! positions are computed on the device from the view's layout, and `put` writes them.

use std::sync::Arc;

use crate::array::Array;
use crate::dtype::Scalar;
use crate::error::{Error, Result};

impl<T: Scalar> Array<T> {
    /// Writes `values` into the view `view` makes of this array, in place (NumPy's and
    /// CuPy's `a[index] = values`): `view` receives the array and returns any view of it
    /// built with [`slice`](Array::slice), [`index_axis`](Array::index_axis),
    /// [`diagonal`](Array::diagonal), [`t`](Array::t)/[`transpose`](Array::transpose),
    /// [`flip`](Array::flip), [`reshape`](Array::reshape) (when it is a view) and the
    /// like; `values` broadcasts to the view's shape. Nothing passes through the host.
    ///
    /// The positions the view covers are computed on the device (one `u32` per element
    /// of the view) and written by [`put`](Array::put), so where a view repeats an
    /// element (a broadcast) the last write wins, as in NumPy. Copy-on-write like the
    /// other in-place ops: a shared or non-contiguous array first becomes a contiguous
    /// copy of itself, and other handles keep the old values.
    ///
    /// # Errors
    /// Any error of `view`; [`Error::InvalidArgument`] when `view` returns an array that
    /// is not a view of its argument (a copy, or another array);
    /// [`Error::BroadcastTo`] when `values` does not broadcast to the view's shape;
    /// [`Error::TooLarge`] for views of `u32::MAX - 1` elements or more, or an array
    /// of `u32::MAX` elements or more; [`Error::DeviceMismatch`].
    ///
    /// ```
    /// use gpu::Array;
    /// let mut a = Array::<i32>::zeros([3, 4], &gpu::Device::cpu())?;
    /// // a[1:, ::2] = [[1, 2], [3, 4]]
    /// let v = Array::from_vec(vec![1, 2, 3, 4], [2, 2])?;
    /// a.assign_view(|x| x.slice(0, Some(1), None, 1)?.slice(1, None, None, 2), &v)?;
    /// assert_eq!(a.to_vec()?, vec![0, 0, 0, 0, 1, 0, 2, 0, 3, 0, 4, 0]);
    /// // a[0] = 7 (one value broadcast), then the main diagonal to -1.
    /// a.fill_view(|x| x.index_axis(0, 0), 7)?;
    /// a.fill_view(|x| x.diagonal(0, 0, 1), -1)?;
    /// assert_eq!(a.to_vec()?, vec![-1, 7, 7, 7, 1, -1, 2, 0, 3, 0, -1, 0]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn assign_view<F>(&mut self, view: F, values: &Array<T>) -> Result<()>
    where
        F: FnOnce(&Array<T>) -> Result<Array<T>>,
    {
        crate::ops::common_device("assign_view", self.device(), values.device())?;
        if !(self.layout.is_contiguous() && Arc::get_mut(&mut self.storage).is_some()) {
            *self = self.copy()?;
        }
        let target = view(self)?;
        if !Arc::ptr_eq(&target.storage, &self.storage) {
            let reason = format!(
                "the closure returned an array of shape {:?} that is not a view of the array (shape {:?}); \
                 use view methods such as slice, index_axis, diagonal or transpose",
                target.shape(),
                self.shape()
            );
            return Err(Error::InvalidArgument { op: "assign_view", reason });
        }
        let layout = target.layout.clone();
        drop(target);
        values
            .broadcast_to(layout.shape())
            .map_err(|_| Error::BroadcastTo { from: values.shape().to_vec(), to: layout.shape().to_vec() })?;
        if layout.shape().contains(&0) {
            return Ok(());
        }
        let dev = self.device().clone();
        crate::ops::check_u32_positions(
            self.len(),
            "elements of an array assigned through a view (positions are u32)",
            &dev,
        )?;
        // Flat positions in the (contiguous) array: offset + Σ i_d · stride_d, in
        // wrapping u32 arithmetic (negative strides wrap; every sum lands in 0..len).
        let first = (layout.offset() - self.layout.offset()) as u32;
        let nd = layout.ndim();
        let mut positions = Array::<u32>::full(vec![1; nd], first, &dev)?;
        for (d, (&n, &stride)) in layout.shape().iter().zip(layout.strides()).enumerate() {
            if n == 1 {
                continue;
            }
            let mut shape = vec![1; nd];
            shape[d] = n;
            let along = Array::<u32>::arange(0, n as u32, 1, &dev)?.mul_scalar(stride as i64 as u32)?.reshape(shape)?;
            positions = positions.add(&along)?;
        }
        let positions = positions.broadcast_to(layout.shape())?;
        self.put(&positions, values)
    }

    /// Sets every element of the view `view` makes of this array to `value` (NumPy's
    /// `a[index] = value`). See [`assign_view`](Array::assign_view).
    ///
    /// # Errors
    /// As [`assign_view`](Array::assign_view).
    pub fn fill_view<F>(&mut self, view: F, value: T) -> Result<()>
    where
        F: FnOnce(&Array<T>) -> Result<Array<T>>,
    {
        let one = Array::scalar(value, self.device())?;
        self.assign_view(view, &one)
    }
}
