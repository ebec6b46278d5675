//! Seeded random arrays from a counter-based generator (Philox4x32-10).
//!
//! Element `i` of the result depends only on `(seed, i)`, so every backend, thread
//! count and launch geometry produces the same stream: u32, i32 and f32 uniform
//! streams are bit-identical across devices; f64 uniform is too (exact 53-bit
//! construction); normal streams agree to the accuracy of each device's `ln`/`cos`.
//!
//! ```
//! use gpu::{random, Device};
//! let dev = Device::cpu();
//! let a = random::uniform::<f32>([2, 3], 0.0, 1.0, 42, &dev)?;
//! let b = random::uniform::<f32>([2, 3], 0.0, 1.0, 42, &dev)?;
//! assert_eq!(a.to_vec()?, b.to_vec()?);                 // same seed, same numbers
//! let n = random::normal::<f64>([1000], 0.0, 1.0, 7, &dev)?;
//! assert!(n.mean()?.item()?.abs() < 0.2);
//! # Ok::<(), gpu::Error>(())
//! ```

use crate::array::{check_supported, Array, IntoShape};
use crate::backend::{Backend, Distribution};
use crate::device::on_backend;
use crate::device::Device;
use crate::dtype::{Element, Float};
use crate::error::{Error, Result};
use crate::layout::{byte_count, element_count, Layout};

fn generate<T: Element>(shape: Vec<usize>, dist: Distribution, seed: u64, device: &Device) -> Result<Array<T>> {
    check_supported(device, T::DTYPE)?;
    let n = element_count(&shape)?;
    byte_count(&shape, T::DTYPE.size_of())?;
    let storage = on_backend!(device, b => b.wrap(b.random(T::DTYPE, n, dist, seed)?));
    Ok(Array::from_storage(storage, Layout::contiguous(&shape), device.clone()))
}

/// Uniform values on `[low, high)`.
///
/// # Errors
/// [`Error::InvalidArgument`] unless `low < high` (and both finite for floats).
pub fn uniform<T: Element>(shape: impl IntoShape, low: T, high: T, seed: u64, device: &Device) -> Result<Array<T>> {
    let (l, h) = (low.to_f64(), high.to_f64());
    if l >= h || l.is_nan() || h.is_nan() || !l.is_finite() || !h.is_finite() {
        return Err(Error::InvalidArgument {
            op: "uniform",
            reason: format!("need finite low < high, got low={low}, high={high}"),
        });
    }
    generate(shape.into_shape(), Distribution::Uniform { low: low.to_value(), high: high.to_value() }, seed, device)
}

/// Normally distributed values with mean `mean` and standard deviation `std`.
///
/// # Errors
/// [`Error::InvalidArgument`] unless `std >= 0` and both are finite.
pub fn normal<T: Float>(shape: impl IntoShape, mean: T, std: T, seed: u64, device: &Device) -> Result<Array<T>> {
    let (m, s) = (mean.to_f64(), std.to_f64());
    if s.is_nan() || s < 0.0 || !s.is_finite() || !m.is_finite() {
        return Err(Error::InvalidArgument {
            op: "normal",
            reason: format!("need finite mean and std >= 0, got mean={mean}, std={std}"),
        });
    }
    generate(shape.into_shape(), Distribution::Normal { mean: m, std: s }, seed, device)
}
