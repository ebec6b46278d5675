//! 1-D `convolve` and `correlate` (NumPy's `np.convolve`, `np.correlate`): the longer
//! input, zero-padded for the `Full` and `Same` modes, seen through a sliding window
//! view (no copy), times the reversed shorter input in one matrix-vector product.

use crate::array::Array;
use crate::dtype::Element;
use crate::error::{Error, Result};
use crate::ops::common_device;
use crate::ops::pad::PadMode;

/// Which part of the full convolution [`convolve`] and [`correlate`] return (NumPy's
/// `mode=`), for inputs of lengths `n` and `k`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConvolveMode {
    /// Every overlap: `n + k - 1` values (NumPy's default for `convolve`).
    Full,
    /// `max(n, k)` values centred on the full result.
    Same,
    /// Only complete overlaps: `max(n, k) - min(n, k) + 1` values (NumPy's default
    /// for `correlate`).
    Valid,
}

/// [`Error::InvalidArgument`] unless `a` and `v` are non-empty 1-D arrays of one device.
pub(super) fn check_1d<T: Element>(op: &'static str, a: &Array<T>, v: &Array<T>) -> Result<()> {
    common_device(op, a.device(), v.device())?;
    for (name, x) in [("a", a), ("v", v)] {
        if x.ndim() != 1 || x.is_empty() {
            let reason = format!("`{name}` must be a non-empty 1-D array, got shape {:?}", x.shape());
            return Err(Error::InvalidArgument { op, reason });
        }
    }
    Ok(())
}

/// Discrete linear convolution of two 1-D arrays, `out[j] = Σ_m a[m] · v[j - m]`
/// (NumPy's `np.convolve(a, v, mode)`). Symmetric in `a` and `v`; one matrix-vector
/// product over a sliding window view of the longer input.
///
/// # Errors
/// [`Error::InvalidArgument`] for an input that is empty or not 1-D;
/// [`Error::DeviceMismatch`].
///
/// ```
/// use gpu::{Array, ConvolveMode};
/// let a = Array::from_vec(vec![1.0f32, 2.0, 3.0], [3])?;
/// let v = Array::from_vec(vec![0.0f32, 1.0, 0.5], [3])?;
/// assert_eq!(gpu::convolve(&a, &v, ConvolveMode::Full)?.to_vec()?, vec![0.0, 1.0, 2.5, 4.0, 1.5]);
/// assert_eq!(gpu::convolve(&a, &v, ConvolveMode::Same)?.to_vec()?, vec![1.0, 2.5, 4.0]);
/// assert_eq!(gpu::convolve(&a, &v, ConvolveMode::Valid)?.to_vec()?, vec![2.5]);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn convolve<T: Element>(a: &Array<T>, v: &Array<T>, mode: ConvolveMode) -> Result<Array<T>> {
    check_1d("convolve", a, v)?;
    let (long, short) = if a.len() >= v.len() { (a, v) } else { (v, a) };
    let k = short.len();
    // Zeros on each side for the mode's first and last windows: output j of `Full`
    // starts its window k - 1 before the data; `Same` returns outputs (k-1)/2 onwards.
    let (left, right) = match mode {
        ConvolveMode::Full => (k - 1, k - 1),
        ConvolveMode::Same => (k - 1 - (k - 1) / 2, (k - 1) / 2),
        ConvolveMode::Valid => (0, 0),
    };
    let padded = if left + right == 0 { long.clone() } else { long.pad(&[(left, right)], PadMode::Constant(T::ZERO))? };
    let windows = padded.sliding_window_view(k, 0)?;
    windows.matmul(&short.flip(0)?)
}

/// Cross-correlation of two 1-D arrays, `out[j] = Σ_n a[n + j] · v[n]` over the
/// overlaps (NumPy's `np.correlate(a, v, mode)`, for real numbers): `convolve(a,
/// v[::-1])`, and, as NumPy, reversed when `a` is the shorter input.
///
/// # Errors
/// As [`convolve`].
///
/// ```
/// use gpu::{Array, ConvolveMode};
/// let a = Array::from_vec(vec![1.0f32, 2.0, 3.0], [3])?;
/// let v = Array::from_vec(vec![0.0f32, 1.0, 0.5], [3])?;
/// assert_eq!(gpu::correlate(&a, &v, ConvolveMode::Valid)?.to_vec()?, vec![3.5]);
/// assert_eq!(gpu::correlate(&a, &v, ConvolveMode::Full)?.to_vec()?, vec![0.5, 2.0, 3.5, 3.0, 0.0]);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn correlate<T: Element>(a: &Array<T>, v: &Array<T>, mode: ConvolveMode) -> Result<Array<T>> {
    check_1d("correlate", a, v)?;
    if a.len() < v.len() {
        return correlate(v, a, mode)?.flip(0);
    }
    convolve(a, &v.flip(0)?, mode)
}
