//! [`Array<T>`]: a shared storage handle plus a [`Layout`]; constructors, transfers
//! and views.

use std::marker::PhantomData;
use std::sync::Arc;

use crate::backend::{Backend, Storage, View};
use crate::device::on_backend;
use crate::device::Device;
use crate::dtype::{DType, HostSlice, Scalar};
use crate::error::{Error, Result};
use crate::layout::{element_count, normalize_axis, Layout};

/// An n-dimensional, strided, typed array on a [`Device`].
///
/// Cloning is cheap: clones and views share storage (copy-on-write for in-place ops,
/// so a write through one handle is never seen through another). Operations run on the
/// device the operands live on; data crosses between host and device only through
/// [`to`](Array::to), [`to_vec`](Array::to_vec), [`item`](Array::item) and friends.
///
/// ```
/// use gpu::{Array, Device};
/// let dev = Device::cpu();
/// let a = Array::from_vec(vec![1.0f32, 2.0, 3.0, 4.0], [2, 2])?.to(&dev)?;
/// let b = Array::<f32>::ones([2, 2], &dev)?;
/// let c = (&a + &b).sum()?;
/// assert_eq!(c.item()?, 14.0);
/// # Ok::<(), gpu::Error>(())
/// ```
pub struct Array<T: Scalar> {
    pub(crate) storage: Arc<Storage>,
    pub(crate) layout: Layout,
    pub(crate) device: Device,
    _t: PhantomData<T>,
}

impl<T: Scalar> Clone for Array<T> {
    fn clone(&self) -> Self {
        Array {
            storage: self.storage.clone(),
            layout: self.layout.clone(),
            device: self.device.clone(),
            _t: PhantomData,
        }
    }
}

/// Anything usable as a shape: `&[usize]`, `[usize; N]`, `&[usize; N]`, `Vec<usize>`,
/// `&Vec<usize>`, or a bare `usize` for 1-D.
pub trait IntoShape {
    /// The dimensions.
    fn into_shape(self) -> Vec<usize>;
}

impl IntoShape for &[usize] {
    fn into_shape(self) -> Vec<usize> {
        self.to_vec()
    }
}
impl IntoShape for Vec<usize> {
    fn into_shape(self) -> Vec<usize> {
        self
    }
}
impl IntoShape for &Vec<usize> {
    fn into_shape(self) -> Vec<usize> {
        self.clone()
    }
}
impl<const N: usize> IntoShape for [usize; N] {
    fn into_shape(self) -> Vec<usize> {
        self.to_vec()
    }
}
impl<const N: usize> IntoShape for &[usize; N] {
    fn into_shape(self) -> Vec<usize> {
        self.to_vec()
    }
}
impl IntoShape for usize {
    fn into_shape(self) -> Vec<usize> {
        vec![self]
    }
}

impl<T: Scalar> Array<T> {
    pub(crate) fn from_storage(storage: Storage, layout: Layout, device: Device) -> Array<T> {
        Array { storage: Arc::new(storage), layout, device, _t: PhantomData }
    }

    /// A view sharing this array's storage with another layout.
    pub(crate) fn with_layout(&self, layout: Layout) -> Array<T> {
        Array { storage: self.storage.clone(), layout, device: self.device.clone(), _t: PhantomData }
    }

    /// Wraps host data on `device` (on the CPU without copying).
    pub(crate) fn upload(data: Vec<T>, shape: Vec<usize>, device: &Device) -> Result<Array<T>> {
        check_supported(device, T::DTYPE)?;
        let layout = Layout::contiguous(&shape);
        let storage = on_backend!(device, b => b.wrap(b.upload(T::into_host(data))?));
        Ok(Array::from_storage(storage, layout, device.clone()))
    }

    /// Copies borrowed host data to a new array on `device`.
    fn upload_slice(data: HostSlice<'_>, shape: Vec<usize>, device: &Device) -> Result<Array<T>> {
        check_supported(device, T::DTYPE)?;
        let layout = Layout::contiguous(&shape);
        let storage = on_backend!(device, b => b.wrap(b.upload_slice(data)?));
        Ok(Array::from_storage(storage, layout, device.clone()))
    }

    /// An array on the CPU device owning `data`, in row-major order.
    ///
    /// # Errors
    /// [`Error::LengthMismatch`] when `data.len()` differs from the shape's element
    /// count, [`Error::ShapeOverflow`] when that count overflows.
    ///
    /// ```
    /// let a = gpu::Array::from_vec(vec![1u32, 2, 3, 4, 5, 6], [2, 3])?;
    /// assert_eq!(a.shape(), &[2, 3]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn from_vec(data: Vec<T>, shape: impl IntoShape) -> Result<Array<T>> {
        let shape = checked_shape(data.len(), shape, T::DTYPE)?;
        Array::upload(data, shape, &Device::cpu())
    }

    /// As [`from_vec`](Array::from_vec), copying from a slice.
    ///
    /// # Errors
    /// As [`from_vec`](Array::from_vec).
    pub fn from_slice(data: &[T], shape: impl IntoShape) -> Result<Array<T>> {
        let shape = checked_shape(data.len(), shape, T::DTYPE)?;
        Array::upload_slice(T::slice_ref(data), shape, &Device::cpu())
    }

    /// A 0-d array holding `value`, on `device` (made there by a fill kernel: nothing
    /// is uploaded).
    ///
    /// # Errors
    /// [`Error::Unsupported`] when the device has no kernels for `T`.
    pub fn scalar(value: T, device: &Device) -> Result<Array<T>> {
        Array::full(Vec::<usize>::new(), value, device)
    }

    /// Extent of each dimension.
    pub fn shape(&self) -> &[usize] {
        self.layout.shape()
    }

    /// Strides in elements (zero for broadcast dimensions, negative for reversed ones).
    pub fn strides(&self) -> &[isize] {
        self.layout.strides()
    }

    /// The full layout: shape, strides and storage offset.
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// Number of dimensions.
    pub fn ndim(&self) -> usize {
        self.layout.ndim()
    }

    /// Number of elements.
    pub fn len(&self) -> usize {
        self.layout.len()
    }

    /// Whether the array has no elements.
    pub fn is_empty(&self) -> bool {
        self.layout.is_empty()
    }

    /// The element type tag.
    pub fn dtype(&self) -> DType {
        T::DTYPE
    }

    /// The device the data lives on.
    pub fn device(&self) -> &Device {
        &self.device
    }

    /// Whether the elements are dense in row-major order.
    pub fn is_contiguous(&self) -> bool {
        self.layout.is_contiguous()
    }

    /// The same elements on `device`: shared (no copy) when already there, otherwise
    /// one download and one upload of the elements in row-major order.
    ///
    /// # Errors
    /// [`Error::Unsupported`] when `device` has no kernels for `T`; transfer faults.
    pub fn to(&self, device: &Device) -> Result<Array<T>> {
        if *device == self.device {
            return Ok(self.clone());
        }
        check_supported(device, T::DTYPE)?;
        // From host memory (the CPU backend), a contiguous array is read in place;
        // anything else is downloaded first.
        let host = on_backend!(&self.device, b => {
            let s = b.storage(&self.storage)?;
            b.host_view(View { storage: s, layout: &self.layout })
        });
        match host {
            Some(slice) => Array::upload_slice(slice, self.shape().to_vec(), device),
            None => Array::upload(self.to_vec()?, self.shape().to_vec(), device),
        }
    }

    /// Copies the elements to the host in row-major order.
    ///
    /// # Errors
    /// Device faults ([`Error::DeviceLost`], [`Error::Backend`]).
    pub fn to_vec(&self) -> Result<Vec<T>> {
        check_output(self.shape(), T::DTYPE)?;
        let host = on_backend!(&self.device, b => {
            let s = b.storage(&self.storage)?;
            b.download(T::DTYPE, View { storage: s, layout: &self.layout })?
        });
        let found = host.dtype();
        T::from_host(host).ok_or_else(|| Error::Backend {
            device: self.device.to_string(),
            message: format!("internal error: downloaded {found}, expected {}", T::DTYPE),
        })
    }

    /// The single element of a one-element array (any number of dimensions), as one
    /// device → host copy of one element.
    ///
    /// # Errors
    /// [`Error::NotScalar`] when the array does not hold exactly one element.
    pub fn item(&self) -> Result<T> {
        if self.len() != 1 {
            return Err(Error::NotScalar { shape: self.shape().to_vec() });
        }
        let v = self.to_vec()?;
        v.first().copied().ok_or_else(|| Error::NotScalar { shape: self.shape().to_vec() })
    }

    /// Runs `f` with this array's backend storage view.
    pub(crate) fn storage_of<'a, B: Backend>(&'a self, b: &B) -> Result<View<'a, B::Storage>> {
        Ok(View { storage: b.storage(&self.storage)?, layout: &self.layout })
    }

    // ---- views --------------------------------------------------------------------

    /// The same elements with shape `shape`: a view when the strides allow it,
    /// otherwise a contiguous copy (NumPy's rule).
    ///
    /// # Errors
    /// [`Error::ReshapeMismatch`] when the element counts differ.
    ///
    /// ```
    /// let a = gpu::Array::from_vec((0..6).collect::<Vec<i32>>(), [2, 3])?;
    /// assert_eq!(a.reshape([3, 2])?.to_vec()?, vec![0, 1, 2, 3, 4, 5]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn reshape(&self, shape: impl IntoShape) -> Result<Array<T>> {
        let shape = shape.into_shape();
        if element_count(&shape)? != self.len() {
            return Err(Error::ReshapeMismatch { from: self.shape().to_vec(), to: shape });
        }
        match self.layout.reshaped(&shape) {
            Some(l) => Ok(self.with_layout(l)),
            None => {
                let c = self.contiguous()?;
                let l = Layout::contiguous(&shape).rebased(c.layout.offset());
                Ok(c.with_layout(l))
            }
        }
    }

    /// The transpose: dimensions reversed (a view).
    pub fn t(&self) -> Array<T> {
        self.with_layout(self.layout.reversed())
    }

    /// Permutes the dimensions: result dimension `k` is dimension `axes[k]` (a view).
    ///
    /// # Errors
    /// [`Error::InvalidPermutation`] unless `axes` is a permutation of the axes
    /// (negative values count from the end).
    pub fn transpose(&self, axes: &[isize]) -> Result<Array<T>> {
        let perm = self.layout.permutation(axes)?;
        Ok(self.with_layout(self.layout.permute(&perm)))
    }

    /// Broadcasts to `shape` (a view with zero strides; no copy).
    ///
    /// # Errors
    /// [`Error::BroadcastTo`] when the shape is incompatible.
    pub fn broadcast_to(&self, shape: impl IntoShape) -> Result<Array<T>> {
        Ok(self.with_layout(self.layout.broadcast_to(&shape.into_shape())?))
    }

    /// Python slicing `[start:end:step]` along `axis`; `None` bounds are open, negative
    /// bounds count from the end, out-of-range bounds clamp, negative steps walk
    /// backwards. `a[::-1]` is `a.slice(0, None, None, -1)`.
    ///
    /// # Errors
    /// [`Error::AxisOutOfRange`], or [`Error::ZeroStep`] for `step == 0`.
    ///
    /// ```
    /// let a = gpu::Array::from_vec(vec![0, 1, 2, 3, 4], 5)?;
    /// assert_eq!(a.slice(0, None, None, -2)?.to_vec()?, vec![4, 2, 0]);
    /// assert_eq!(a.slice(0, Some(-2), None, 1)?.to_vec()?, vec![3, 4]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn slice(&self, axis: isize, start: Option<isize>, end: Option<isize>, step: isize) -> Result<Array<T>> {
        let a = normalize_axis(axis, self.shape())?;
        Ok(self.with_layout(self.layout.slice(a, start, end, step)?))
    }

    /// Integer indexing along `axis`, dropping it (`a[i]` for axis 0).
    ///
    /// # Errors
    /// [`Error::AxisOutOfRange`], or [`Error::IndexOutOfBounds`] outside `-len..len`.
    pub fn index_axis(&self, axis: isize, index: isize) -> Result<Array<T>> {
        let a = normalize_axis(axis, self.shape())?;
        Ok(self.with_layout(self.layout.index_axis(a, index)?))
    }

    /// Removes length-1 axis `axis`.
    ///
    /// # Errors
    /// [`Error::AxisOutOfRange`], or [`Error::SqueezeNotOne`] when its length is not 1.
    pub fn squeeze(&self, axis: isize) -> Result<Array<T>> {
        Ok(self.with_layout(self.layout.squeeze(axis)?))
    }

    /// Inserts a length-1 axis at position `axis` of the result (`-1` appends).
    ///
    /// # Errors
    /// [`Error::AxisOutOfRange`] outside `-(ndim+1)..=ndim`.
    pub fn unsqueeze(&self, axis: isize) -> Result<Array<T>> {
        Ok(self.with_layout(self.layout.unsqueeze(axis)?))
    }

    /// A row-major dense array with the same elements: this array (shared) when
    /// already contiguous, otherwise a copy on the same device.
    ///
    /// # Errors
    /// Device faults.
    pub fn contiguous(&self) -> Result<Array<T>> {
        if self.is_contiguous() {
            return Ok(self.clone());
        }
        self.copy()
    }

    /// A fresh contiguous copy that shares nothing with this array.
    ///
    /// # Errors
    /// Device faults.
    pub fn copy(&self) -> Result<Array<T>> {
        check_output(self.shape(), T::DTYPE)?;
        let storage = on_backend!(&self.device, b => b.wrap(b.copy(T::DTYPE, self.storage_of(b)?)?));
        Ok(Array::from_storage(storage, Layout::contiguous(self.shape()), self.device.clone()))
    }
}

/// [`Error::ShapeOverflow`] when a new buffer of `shape` elements of `dtype` would have
/// more bytes than fit in `isize`. A broadcast view can have that many elements without
/// memory behind them; a kernel's output (or a download) of it cannot, and backends
/// compute byte sizes with plain arithmetic. Counted at 4 bytes or more per element:
/// the wgpu backend stores `bool` as u32.
pub(crate) fn check_output(shape: &[usize], dtype: DType) -> Result<()> {
    crate::layout::byte_count(shape, dtype.size_of().max(4)).map(drop)
}

/// [`Error::Unsupported`] unless `device` has kernels for `dtype`.
pub(crate) fn check_supported(device: &Device, dtype: DType) -> Result<()> {
    if device.supports(dtype) {
        return Ok(());
    }
    let reason = match (device.kind(), dtype) {
        (crate::DeviceKind::Wgpu, DType::F64) => {
            "the adapter lacks the SHADER_F64 feature; use f32 or another device".to_string()
        }
        _ => "no kernels for this dtype on this device".to_string(),
    };
    Err(Error::Unsupported { dtype, device: device.to_string(), reason })
}

impl<T: Scalar> std::fmt::Debug for Array<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Array")
            .field("shape", &self.shape())
            .field("strides", &self.strides())
            .field("offset", &self.layout.offset())
            .field("dtype", &T::DTYPE)
            .field("device", &self.device)
            .finish()
    }
}

/// The shape for `len` host elements: its element and byte counts must not overflow,
/// and it must hold exactly `len` elements.
fn checked_shape(len: usize, shape: impl IntoShape, dtype: DType) -> Result<Vec<usize>> {
    let shape = shape.into_shape();
    let expected = element_count(&shape)?;
    crate::layout::byte_count(&shape, dtype.size_of())?;
    if len != expected {
        return Err(Error::LengthMismatch { len, shape, expected });
    }
    Ok(shape)
}
