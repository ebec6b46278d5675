//! The backend-neutral front: validate arguments, compute output layouts, call the
//! backend through the seam. Nothing here reads device memory.

pub(crate) mod besselj;
pub(crate) mod besselk;
pub(crate) mod beta;
pub(crate) mod betainc;
pub(crate) mod calculus;
pub(crate) mod contract;
pub(crate) mod convenience;
pub(crate) mod convolve;
pub(crate) mod creation;
pub(crate) mod dawson;
pub(crate) mod eigh;
pub(crate) mod einsum_path;
pub(crate) mod elementwise;
pub(crate) mod ellip;
pub(crate) mod expint;
pub mod fft;
pub(crate) mod gamma;
pub(crate) mod gammainc;
pub(crate) mod hyp2f1;
pub(crate) mod index;
pub(crate) mod interp;
pub(crate) mod join;
pub(crate) mod kolmogorov;
pub(crate) mod legendre;
pub(crate) mod linalg;
pub(crate) mod logsumexp;
pub(crate) mod mask;
pub(crate) mod moments;
pub(crate) mod norm;
pub(crate) mod operators;
pub(crate) mod pad;
pub(crate) mod poch;
pub(crate) mod poly;
pub(crate) mod qr;
pub mod random;
pub(crate) mod ravel;
pub(crate) mod reduce;
pub(crate) mod scan;
pub(crate) mod setitem;
pub(crate) mod sets;
pub(crate) mod shape;
pub(crate) mod sici;
pub(crate) mod solve;
pub(crate) mod sort;
pub(crate) mod special_misc;
pub(crate) mod spence;
pub(crate) mod sph_harm;
pub(crate) mod stats;
pub(crate) mod svd;
pub(crate) mod tensorsolve;
pub(crate) mod ufuncs;
pub(crate) mod wright;
pub(crate) mod zeta;

use std::borrow::Cow;

use crate::array::Array;
use crate::device::Device;
use crate::dtype::Scalar;
use crate::error::{Error, Result};

/// [`Error::TooLarge`] naming `what` unless `n` positions fit `u32` indices (below
/// `u32::MAX`, which kernels may use as a sentinel).
pub(crate) fn check_u32_positions(n: usize, what: &'static str, device: &Device) -> Result<()> {
    if (n as u64) < u64::from(u32::MAX) {
        return Ok(());
    }
    Err(Error::TooLarge { what, bytes: n as u64, limit: u64::from(u32::MAX) - 1, device: device.to_string() })
}

/// The device shared by two operands, or [`Error::DeviceMismatch`] naming both.
pub(crate) fn common_device<'a>(op: &'static str, a: &'a Device, b: &Device) -> Result<&'a Device> {
    if a == b {
        Ok(a)
    } else {
        Err(Error::DeviceMismatch { op, lhs: a.to_string(), rhs: b.to_string() })
    }
}

/// An argument of a free function: an [`Array`] (used where it lives) or host data
/// (`&[T]`, `&Vec<T>`, `&[T; N]`, `&ndarray::ArrayBase`), which is uploaded once to the
/// device of the other operand, or to [`Device::default`] when both are host data.
///
/// ```
/// // Host vectors: uploaded to the default device, the result stays there.
/// let a = vec![1.0f64, 2.0, 3.0];
/// let b = vec![4.0f64, 5.0, 6.0];
/// assert_eq!(gpu::dot(&a, &b)?.item()?, 32.0);
/// # Ok::<(), gpu::Error>(())
/// ```
pub trait AsArray<T: Scalar> {
    /// The device of an array argument; `None` for host data.
    #[doc(hidden)]
    fn resident_device(&self) -> Option<&Device>;
    /// The argument as an array on `device`.
    #[doc(hidden)]
    fn on_device(&self, device: &Device) -> Result<Cow<'_, Array<T>>>;
}

impl<T: Scalar> AsArray<T> for &Array<T> {
    fn resident_device(&self) -> Option<&Device> {
        Some(self.device())
    }
    fn on_device(&self, _device: &Device) -> Result<Cow<'_, Array<T>>> {
        Ok(Cow::Borrowed(*self))
    }
}

impl<T: Scalar> AsArray<T> for &[T] {
    fn resident_device(&self) -> Option<&Device> {
        None
    }
    fn on_device(&self, device: &Device) -> Result<Cow<'_, Array<T>>> {
        Ok(Cow::Owned(Array::upload(self.to_vec(), vec![self.len()], device)?))
    }
}

impl<T: Scalar> AsArray<T> for &Vec<T> {
    fn resident_device(&self) -> Option<&Device> {
        None
    }
    fn on_device(&self, device: &Device) -> Result<Cow<'_, Array<T>>> {
        self.as_slice().on_device(device).map(|c| Cow::Owned(c.into_owned()))
    }
}

impl<T: Scalar, const N: usize> AsArray<T> for &[T; N] {
    fn resident_device(&self) -> Option<&Device> {
        None
    }
    fn on_device(&self, device: &Device) -> Result<Cow<'_, Array<T>>> {
        self.as_slice().on_device(device).map(|c| Cow::Owned(c.into_owned()))
    }
}

impl<T, S, D> AsArray<T> for &ndarray::ArrayBase<S, D>
where
    T: Scalar,
    S: ndarray::Data<Elem = T>,
    D: ndarray::Dimension,
{
    fn resident_device(&self) -> Option<&Device> {
        None
    }
    fn on_device(&self, device: &Device) -> Result<Cow<'_, Array<T>>> {
        let data: Vec<T> = self.iter().copied().collect();
        Ok(Cow::Owned(Array::upload(data, self.shape().to_vec(), device)?))
    }
}

/// Two free-function arguments resolved onto one device.
pub(crate) type ArrayPair<'a, 'b, T> = (Cow<'a, Array<T>>, Cow<'b, Array<T>>);

/// Resolves two free-function arguments onto one device.
pub(crate) fn resolve_pair<'a, 'b, T: Scalar>(
    op: &'static str,
    a: &'a impl AsArray<T>,
    b: &'b impl AsArray<T>,
) -> Result<ArrayPair<'a, 'b, T>> {
    let dev = match (a.resident_device(), b.resident_device()) {
        (Some(x), Some(y)) => common_device(op, x, y)?.clone(),
        (Some(x), None) | (None, Some(x)) => x.clone(),
        (None, None) => Device::default(),
    };
    Ok((a.on_device(&dev)?, b.on_device(&dev)?))
}

/// Resolves a free-function argument onto `device` (host data is uploaded there; an
/// array elsewhere is [`Error::DeviceMismatch`]).
pub(crate) fn resolve_on<'a, T: Scalar>(
    op: &'static str,
    arg: &'a impl AsArray<T>,
    device: &Device,
) -> Result<Cow<'a, Array<T>>> {
    if let Some(d) = arg.resident_device() {
        common_device(op, device, d)?;
    }
    arg.on_device(device)
}
