//! Constructors that create data directly on a device (no host round trip).

use crate::array::{check_supported, Array, IntoShape};
use crate::backend::{Backend, Fill};
use crate::device::on_backend;
use crate::device::Device;
use crate::dtype::{DType, Element, Float, Scalar};
use crate::error::{Error, Result};
use crate::layout::{byte_count, element_count, Layout};

fn filled<T: Scalar>(shape: Vec<usize>, fill: Fill, device: &Device) -> Result<Array<T>> {
    check_supported(device, T::DTYPE)?;
    let n = element_count(&shape)?;
    byte_count(&shape, T::DTYPE.size_of())?;
    let storage = on_backend!(device, b => b.wrap(b.fill(T::DTYPE, n, fill)?));
    Ok(Array::from_storage(storage, Layout::contiguous(&shape), device.clone()))
}

impl<T: Scalar> Array<T> {
    /// An array of `shape` with every element `value`, created on `device`.
    ///
    /// # Errors
    /// [`Error::ShapeOverflow`], [`Error::Unsupported`], [`Error::OutOfMemory`].
    pub fn full(shape: impl IntoShape, value: T, device: &Device) -> Result<Array<T>> {
        filled(shape.into_shape(), Fill::Constant(value.to_value()), device)
    }
}

impl<T: Element> Array<T> {
    /// An array of zeros, created on `device`.
    ///
    /// # Errors
    /// [`Error::ShapeOverflow`], [`Error::Unsupported`], [`Error::OutOfMemory`].
    ///
    /// ```
    /// let z = gpu::Array::<f32>::zeros([2, 3], &gpu::Device::cpu())?;
    /// assert_eq!(z.to_vec()?, vec![0.0; 6]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn zeros(shape: impl IntoShape, device: &Device) -> Result<Array<T>> {
        Array::full(shape, T::ZERO, device)
    }

    /// An array of ones, created on `device`.
    ///
    /// # Errors
    /// As [`zeros`](Array::zeros).
    pub fn ones(shape: impl IntoShape, device: &Device) -> Result<Array<T>> {
        Array::full(shape, T::ONE, device)
    }

    /// Zeros with the shape and device of `like`.
    ///
    /// # Errors
    /// As [`zeros`](Array::zeros).
    pub fn zeros_like(like: &Array<T>) -> Result<Array<T>> {
        Array::zeros(like.shape(), like.device())
    }

    /// Values `start, start + step, …` below `stop` (above it for a negative step), as
    /// NumPy's `arange`: `ceil((stop - start) / step)` elements, each computed in f64.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for a zero or non-finite step or non-finite bounds.
    ///
    /// ```
    /// let a = gpu::Array::<i32>::arange(0, 10, 3, &gpu::Device::cpu())?;
    /// assert_eq!(a.to_vec()?, vec![0, 3, 6, 9]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn arange(start: T, stop: T, step: T, device: &Device) -> Result<Array<T>> {
        let (s, e, d) = (start.to_f64(), stop.to_f64(), step.to_f64());
        if d == 0.0 || !d.is_finite() || !s.is_finite() || !e.is_finite() {
            return Err(Error::InvalidArgument {
                op: "arange",
                reason: format!("need finite bounds and a non-zero finite step, got start={s}, stop={e}, step={d}"),
            });
        }
        let n = ((e - s) / d).ceil().max(0.0);
        if n > isize::MAX as f64 {
            return Err(Error::ShapeOverflow { shape: vec![usize::MAX] });
        }
        filled(vec![n as usize], Fill::Arange { start: s, step: d }, device)
    }

    /// `n` evenly spaced values from `start` to `stop` inclusive (NumPy's `linspace`;
    /// the last element is exactly `stop`).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for non-finite bounds.
    ///
    /// ```
    /// let a = gpu::Array::<f64>::linspace(0.0, 1.0, 5, &gpu::Device::cpu())?;
    /// assert_eq!(a.to_vec()?, vec![0.0, 0.25, 0.5, 0.75, 1.0]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn linspace(start: T, stop: T, n: usize, device: &Device) -> Result<Array<T>> {
        let (s, e) = (start.to_f64(), stop.to_f64());
        if !s.is_finite() || !e.is_finite() {
            return Err(Error::InvalidArgument {
                op: "linspace",
                reason: format!("need finite bounds, got start={s}, stop={e}"),
            });
        }
        filled(vec![n], Fill::Linspace { start: s, stop: e }, device)
    }

    /// The `n`×`n` identity matrix.
    ///
    /// # Errors
    /// As [`zeros`](Array::zeros).
    pub fn eye(n: usize, device: &Device) -> Result<Array<T>> {
        // n·n must fit before `n as u32` below (which it then does: n < 2^32).
        byte_count(&[n, n], T::DTYPE.size_of())?;
        // (arange(n)[:, None] == arange(n)[None, :]) as T: three small kernels, no host data.
        let idx = Array::<u32>::arange(0, n as u32, 1, device)?;
        idx.reshape([n, 1])?.eq(&idx.reshape([1, n])?)?.cast::<T>()
    }
}

impl<T: Float> Array<T> {
    /// `n` values `base^y` for `y` evenly spaced from `start` to `stop` inclusive (NumPy's
    /// `logspace(start, stop, n, base=base)`), computed on the device by `pow`, which is
    /// exact for exact powers (`logspace(0, 3, 4, 10)` is `[1, 10, 100, 1000]`); f32 in
    /// f64 where the device has it, as [`geomspace`](Array::geomspace).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for non-finite bounds;
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let a = gpu::Array::<f64>::logspace(0.0, 3.0, 4, 10.0, &gpu::Device::cpu())?;
    /// assert_eq!(a.to_vec()?, vec![1.0, 10.0, 100.0, 1000.0]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn logspace(start: T, stop: T, n: usize, base: T, device: &Device) -> Result<Array<T>> {
        if T::DTYPE != DType::F64 && device.supports(DType::F64) {
            // As NumPy's float32 logspace: computed in f64 and rounded once.
            return Array::<f64>::logspace(start.to_f64(), stop.to_f64(), n, base.to_f64(), device)?.cast::<T>();
        }
        let y = Array::linspace(start, stop, n, device).map_err(|e| match e {
            Error::InvalidArgument { reason, .. } => Error::InvalidArgument { op: "logspace", reason },
            e => e,
        })?;
        Array::scalar(base, device)?.pow(&y)
    }

    /// `n` values in geometric progression from `start` to `stop` inclusive (NumPy's
    /// `geomspace`): `10^y` for `y` evenly spaced from `log10|start|` to `log10|stop|`,
    /// with the sign of the bounds, and the ends exactly `start` and `stop`. f32 is
    /// computed in f64 and rounded once where the device has f64 (as NumPy's `dtype=`
    /// does), else in f32 (then within a few ulps of that).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for a zero or non-finite bound, or bounds of opposite
    /// signs (NumPy returns NaN between its ends there);
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let dev = gpu::Device::cpu();
    /// let a = gpu::Array::<f64>::geomspace(1.0, 1000.0, 4, &dev)?;
    /// assert_eq!(a.to_vec()?, vec![1.0, 10.0, 100.0, 1000.0]);
    /// let b = gpu::Array::<f32>::geomspace(-8.0, -1.0, 4, &dev)?;
    /// assert_eq!(b.to_vec()?, vec![-8.0, -4.0, -2.0, -1.0]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn geomspace(start: T, stop: T, n: usize, device: &Device) -> Result<Array<T>> {
        let (s, e) = (start.to_f64(), stop.to_f64());
        if s == 0.0 || e == 0.0 || !s.is_finite() || !e.is_finite() || (s < 0.0) != (e < 0.0) {
            return Err(Error::InvalidArgument {
                op: "geomspace",
                reason: format!("need finite, non-zero bounds of one sign, got start={s}, stop={e}"),
            });
        }
        if T::DTYPE != DType::F64 && device.supports(DType::F64) {
            return Array::<f64>::geomspace(s, e, n, device)?.cast::<T>();
        }
        let (ls, le) = (T::from_f64(s.abs().log10()), T::from_f64(e.abs().log10()));
        let mut out = Array::logspace(ls, le, n, T::from_f64(10.0), device)?;
        if s < 0.0 {
            out = out.neg()?;
        }
        if n > 0 {
            out.fill_view(|x| x.index_axis(0, 0), start)?;
        }
        if n > 1 {
            out.fill_view(|x| x.index_axis(0, (n - 1) as isize), stop)?;
        }
        Ok(out)
    }
}

/// The axis order of [`meshgrid`](crate::meshgrid) (NumPy's `indexing=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Indexing {
    /// Cartesian (NumPy's default `"xy"`): for inputs of lengths `nx, ny, nz, ..` the
    /// grids have shape `[ny, nx, nz, ..]` (the first two swapped).
    Xy,
    /// Matrix (`"ij"`): shape `[nx, ny, nz, ..]`.
    Ij,
}

/// Coordinate grids from coordinate vectors (NumPy's `np.meshgrid(*xs, indexing=..)`):
/// grid `i` holds input `i` (flattened) repeated along every other axis. The grids are
/// broadcast **views** of the inputs (NumPy's `copy=False`), so making them costs no
/// memory; writing to one first copies it (copy-on-write).
///
/// # Errors
/// [`Error::DeviceMismatch`] for inputs on different devices.
///
/// ```
/// use gpu::{Array, Indexing};
/// let x = Array::from_vec(vec![1i32, 2, 3], [3])?;
/// let y = Array::from_vec(vec![10i32, 20], [2])?;
/// let g = gpu::meshgrid(&[&x, &y], Indexing::Xy)?;
/// assert_eq!(g[0].shape(), &[2, 3]);
/// assert_eq!(g[0].contiguous()?.to_vec()?, vec![1, 2, 3, 1, 2, 3]);
/// assert_eq!(g[1].contiguous()?.to_vec()?, vec![10, 10, 10, 20, 20, 20]);
/// assert_eq!(gpu::meshgrid(&[&x, &y], Indexing::Ij)?[0].shape(), &[3, 2]);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn meshgrid<T: Scalar>(xs: &[&Array<T>], indexing: Indexing) -> Result<Vec<Array<T>>> {
    if let Some(first) = xs.first() {
        for x in &xs[1..] {
            crate::ops::common_device("meshgrid", first.device(), x.device())?;
        }
    }
    let nd = xs.len();
    // The output axis of input i: with "xy", inputs 0 and 1 trade places.
    let axis_of = |i: usize| match (indexing, i) {
        (Indexing::Xy, 0) if nd > 1 => 1,
        (Indexing::Xy, 1) => 0,
        _ => i,
    };
    let mut shape = vec![0; nd];
    for (i, x) in xs.iter().enumerate() {
        shape[axis_of(i)] = x.len();
    }
    xs.iter()
        .enumerate()
        .map(|(i, x)| {
            let mut own = vec![1; nd];
            own[axis_of(i)] = x.len();
            x.reshape(own)?.broadcast_to(shape.clone())
        })
        .collect()
}
