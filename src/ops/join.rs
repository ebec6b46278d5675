//! Joining arrays: [`concatenate`] along an existing axis and [`stack`] along a new one,
//! with NumPy's rules. The inputs may be any views; the result is a new contiguous array
//! on their device, and nothing passes through the host. Also [`Array::roll`] (two
//! slices joined the other way round) and [`Array::flip`] (a view).

use std::borrow::Borrow;

use super::common_device;
use crate::array::{check_output, check_supported, Array};
use crate::backend::{Backend, Storage, View};
use crate::device::{on_backend, Device};
use crate::dtype::Scalar;
use crate::error::{Error, Result};
use crate::layout::{normalize_axis, unravel, Layout};

/// Joins arrays along an existing axis (NumPy's `concatenate`).
///
/// Every array has the same number of dimensions and the same extent in every
/// dimension but `axis` (negative counts from the end). Inputs may be transposed,
/// sliced or broadcast views; each is read once where it lives and copied straight into
/// its place — when the extents before `axis` multiply to at most 16 (always along axis
/// 0). Past that the joined result takes one more pass to become row-major.
///
/// # Errors
/// [`Error::InvalidArgument`] for an empty list or 0-d arrays, [`Error::AxisOutOfRange`],
/// [`Error::JoinShape`] naming the first array that does not fit,
/// [`Error::DeviceMismatch`], and [`Error::Unsupported`] for a dtype the device lacks.
///
/// ```
/// use gpu::Array;
/// let a = Array::from_vec(vec![1, 2, 3, 4], [2, 2])?;
/// let b = Array::from_vec(vec![5, 6], [2, 1])?;
/// let c = gpu::concatenate(&[&a, &b], 1)?;
/// assert_eq!(c.shape(), &[2, 3]);
/// assert_eq!(c.to_vec()?, vec![1, 2, 5, 3, 4, 6]);
///
/// // Owned arrays work too, e.g. a Vec<Array<T>> built in a loop.
/// let rows: Vec<Array<f32>> = (0..3).map(|i| Array::full([1, 2], i as f32, a.device())).collect::<gpu::Result<_>>()?;
/// assert_eq!(gpu::concatenate(&rows, 0)?.to_vec()?, vec![0.0, 0.0, 1.0, 1.0, 2.0, 2.0]);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn concatenate<T: Scalar, A: Borrow<Array<T>>>(arrays: &[A], axis: isize) -> Result<Array<T>> {
    const OP: &str = "concatenate";
    let arrays: Vec<&Array<T>> = arrays.iter().map(Borrow::borrow).collect();
    let first = first_of(OP, &arrays)?;
    if first.ndim() == 0 {
        let reason = "0-d arrays cannot be concatenated (stack joins them along a new axis)".to_string();
        return Err(Error::InvalidArgument { op: OP, reason });
    }
    let ax = normalize_axis(axis, first.shape())?;
    for (index, a) in arrays.iter().enumerate().skip(1) {
        common_device(OP, first.device(), a.device())?;
        let rule = if a.ndim() != first.ndim() {
            "the arrays must have the same number of dimensions".to_string()
        } else if (0..a.ndim()).any(|d| d != ax && a.shape()[d] != first.shape()[d]) {
            format!("every dimension but axis {ax} must match")
        } else {
            continue;
        };
        return Err(Error::JoinShape { op: OP, index, shape: a.shape().to_vec(), first: first.shape().to_vec(), rule });
    }
    join(&arrays, ax)
}

/// Joins arrays of one shape along a new axis (NumPy's `stack`): the result has one
/// more dimension, of extent `arrays.len()`, at position `axis` (`-1` appends it).
///
/// # Errors
/// [`Error::InvalidArgument`] for an empty list, [`Error::AxisOutOfRange`] for an axis
/// outside `-(ndim + 1)..=ndim`, [`Error::JoinShape`] naming the first array whose shape
/// differs, [`Error::DeviceMismatch`], and [`Error::Unsupported`].
///
/// ```
/// use gpu::Array;
/// let a = Array::from_vec(vec![1.0f32, 2.0, 3.0], 3)?;
/// let b = Array::from_vec(vec![4.0f32, 5.0, 6.0], 3)?;
/// assert_eq!(gpu::stack(&[&a, &b], 0)?.shape(), &[2, 3]);
/// let pairs = gpu::stack(&[&a, &b], -1)?;
/// assert_eq!(pairs.shape(), &[3, 2]);
/// assert_eq!(pairs.to_vec()?, vec![1.0, 4.0, 2.0, 5.0, 3.0, 6.0]);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn stack<T: Scalar, A: Borrow<Array<T>>>(arrays: &[A], axis: isize) -> Result<Array<T>> {
    const OP: &str = "stack";
    let arrays: Vec<&Array<T>> = arrays.iter().map(Borrow::borrow).collect();
    let first = first_of(OP, &arrays)?;
    for (index, a) in arrays.iter().enumerate().skip(1) {
        common_device(OP, first.device(), a.device())?;
        if a.shape() != first.shape() {
            let rule = "stack needs arrays of one shape".to_string();
            return Err(Error::JoinShape {
                op: OP,
                index,
                shape: a.shape().to_vec(),
                first: first.shape().to_vec(),
                rule,
            });
        }
    }
    let expanded = arrays.iter().map(|a| a.unsqueeze(axis)).collect::<Result<Vec<_>>>()?;
    let ax = normalize_axis(axis, expanded[0].shape())?;
    join(&expanded.iter().collect::<Vec<_>>(), ax)
}

/// The first array, or the error for an empty list.
fn first_of<'a, T: Scalar>(op: &'static str, arrays: &[&'a Array<T>]) -> Result<&'a Array<T>> {
    arrays.first().copied().ok_or_else(|| Error::InvalidArgument { op, reason: "needs at least one array".into() })
}

/// Largest product of the extents before the join axis for which the inputs are copied
/// block by block straight into place (`outer` × inputs kernels); above it, one kernel
/// per input into an axis-first buffer, then one transposing pass.
const DIRECT_MAX_OUTER: usize = 16;

/// Concatenates checked arrays (same device, shapes equal but along `ax`).
fn join<T: Scalar>(arrays: &[&Array<T>], ax: usize) -> Result<Array<T>> {
    let first = first_of("concatenate", arrays)?;
    let dev = first.device().clone();
    check_supported(&dev, T::DTYPE)?;
    let mut shape = first.shape().to_vec();
    shape[ax] = arrays
        .iter()
        .try_fold(0usize, |n, a| n.checked_add(a.shape()[ax]))
        .ok_or_else(|| Error::ShapeOverflow { shape: first.shape().to_vec() })?;
    check_output(&shape, T::DTYPE)?;
    let nd = shape.len();
    let outer: usize = shape[..ax].iter().product();
    if outer <= DIRECT_MAX_OUTER {
        // In row-major order the result is, for each index over the dimensions before
        // `ax`, every input's block at that index in turn: copy those blocks in order.
        let mut index = vec![0; ax];
        let mut blocks = Vec::with_capacity(outer * arrays.len());
        for o in 0..outer {
            unravel(o, &shape[..ax], &mut index);
            for (k, a) in arrays.iter().enumerate() {
                let mut l = a.layout.clone();
                for &i in &index {
                    l = l.index_axis(0, i as isize)?;
                }
                blocks.push((k, l));
            }
        }
        let storage = concat_on_backend(&dev, arrays, &blocks)?;
        return Ok(Array::from_storage(storage, Layout::contiguous(&shape), dev));
    }
    // With `ax` moved to the front each input is one contiguous block of the result;
    // one more (transposing) pass puts the axes back.
    let perm: Vec<usize> = std::iter::once(ax).chain((0..nd).filter(|&d| d != ax)).collect();
    let blocks: Vec<(usize, Layout)> = arrays.iter().map(|a| a.layout.permute(&perm)).enumerate().collect();
    let storage = concat_on_backend(&dev, arrays, &blocks)?;
    let moved: Vec<usize> = perm.iter().map(|&d| shape[d]).collect();
    let mut back = vec![0; nd];
    for (i, &d) in perm.iter().enumerate() {
        back[d] = i;
    }
    Array::from_storage(storage, Layout::contiguous(&moved).permute(&back), dev).contiguous()
}

/// One backend `concat` of `blocks`: (which array, a layout over its storage).
fn concat_on_backend<T: Scalar>(dev: &Device, arrays: &[&Array<T>], blocks: &[(usize, Layout)]) -> Result<Storage> {
    Ok(on_backend!(dev, be => {
        let parts = blocks
            .iter()
            .map(|(k, layout)| Ok(View { storage: be.storage(&arrays[*k].storage)?, layout }))
            .collect::<Result<Vec<_>>>()?;
        be.wrap(be.concat(T::DTYPE, &parts)?)
    }))
}

impl<T: Scalar> Array<T> {
    /// The elements shifted by `shift` positions along `axis`, those pushed off one end
    /// coming back at the other (NumPy's `np.roll(a, shift, axis)`); negative shifts go
    /// the other way. A new array: the two pieces joined by one [`concatenate`].
    ///
    /// # Errors
    /// [`Error::AxisOutOfRange`](crate::Error::AxisOutOfRange),
    /// [`Error::Unsupported`](crate::Error::Unsupported).
    ///
    /// ```
    /// use gpu::Array;
    /// let a = Array::from_vec(vec![0, 1, 2, 3, 4, 5], [2, 3])?;
    /// assert_eq!(a.roll(1, 1)?.to_vec()?, vec![2, 0, 1, 5, 3, 4]);
    /// assert_eq!(a.roll(-4, 1)?.to_vec()?, vec![1, 2, 0, 4, 5, 3]);
    /// assert_eq!(a.roll(1, 0)?.to_vec()?, vec![3, 4, 5, 0, 1, 2]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn roll(&self, shift: isize, axis: isize) -> Result<Array<T>> {
        let ax = normalize_axis(axis, self.shape())?;
        let n = self.shape()[ax] as isize;
        let s = if n == 0 { 0 } else { shift.rem_euclid(n) };
        if s == 0 {
            return self.copy();
        }
        let a = ax as isize;
        let (tail, head) = (self.slice(a, Some(n - s), None, 1)?, self.slice(a, None, Some(n - s), 1)?);
        concatenate(&[&tail, &head], a)
    }

    /// Reversed along `axis` (NumPy's `np.flip(a, axis)`): a view with a negative
    /// stride, no copy — the same as `a.slice(axis, None, None, -1)`.
    ///
    /// # Errors
    /// [`Error::AxisOutOfRange`](crate::Error::AxisOutOfRange).
    ///
    /// ```
    /// use gpu::Array;
    /// let a = Array::from_vec(vec![0, 1, 2, 3, 4, 5], [2, 3])?;
    /// assert_eq!(a.flip(1)?.to_vec()?, vec![2, 1, 0, 5, 4, 3]);
    /// assert_eq!(a.flip(-2)?.to_vec()?, vec![3, 4, 5, 0, 1, 2]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn flip(&self, axis: isize) -> Result<Array<T>> {
        normalize_axis(axis, self.shape())?;
        self.slice(axis, None, None, -1)
    }
}
