//! Boolean masks: logical operations (also as the `&`, `|`, `^`, `!` operators),
//! `any` / `all` / `count_nonzero`, and the float tests `isnan` / `isinf` / `isfinite`
//! that produce masks. Everything runs on the mask's device and stays there.

use super::common_device;
use crate::array::Array;
use crate::dtype::Float;
use crate::error::Result;
use crate::layout::{broadcast_shapes, normalize_axis};
use crate::ops::elementwise::where_;

impl Array<bool> {
    /// Checks `other` against `self` for a binary mask op: same device, shapes that
    /// broadcast; the errors name `op`.
    fn mask_pair(&self, op: &'static str, other: &Array<bool>) -> Result<()> {
        common_device(op, self.device(), other.device())?;
        broadcast_shapes(op, self.shape(), other.shape())?;
        Ok(())
    }

    /// Elementwise `a AND b` with broadcasting (NumPy's `logical_and`; also `&a & &b`).
    /// One kernel.
    ///
    /// # Errors
    /// [`Error::BroadcastMismatch`](crate::Error::BroadcastMismatch) or
    /// [`Error::DeviceMismatch`](crate::Error::DeviceMismatch), naming `logical_and`.
    ///
    /// ```
    /// use gpu::Array;
    /// let x = Array::from_vec(vec![-1.0f32, 0.5, 2.0], 3)?;
    /// let inside = x.gt_scalar(0.0)?.logical_and(&x.lt_scalar(1.0)?)?;
    /// assert_eq!(inside.to_vec()?, vec![false, true, false]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn logical_and(&self, other: &Array<bool>) -> Result<Array<bool>> {
        self.mask_pair("logical_and", other)?;
        where_(self, other, self) // a ? b : a
    }

    /// Elementwise `a OR b` with broadcasting (NumPy's `logical_or`; also `&a | &b`).
    /// One kernel.
    ///
    /// # Errors
    /// As [`logical_and`](Array::logical_and), naming `logical_or`.
    pub fn logical_or(&self, other: &Array<bool>) -> Result<Array<bool>> {
        self.mask_pair("logical_or", other)?;
        where_(self, self, other) // a ? a : b
    }

    /// Elementwise `a XOR b` with broadcasting (NumPy's `logical_xor`; also `&a ^ &b`).
    /// One kernel.
    ///
    /// # Errors
    /// As [`logical_and`](Array::logical_and), naming `logical_xor`.
    pub fn logical_xor(&self, other: &Array<bool>) -> Result<Array<bool>> {
        self.mask_pair("logical_xor", other)?;
        self.ne(other)
    }

    /// Elementwise `NOT a` (NumPy's `logical_not`, `~a`; also `!&a`). One kernel.
    ///
    /// # Errors
    /// Device faults.
    pub fn logical_not(&self) -> Result<Array<bool>> {
        self.eq_scalar(false)
    }

    /// Whether any element is true, as a 0-d mask on the device (false when empty).
    ///
    /// # Errors
    /// Device faults.
    ///
    /// ```
    /// use gpu::Array;
    /// let x = Array::from_vec(vec![1.0f32, f32::NAN, 3.0], 3)?;
    /// assert!(x.isnan()?.any()?.item()?);
    /// assert!(!x.isnan()?.all()?.item()?);
    /// assert_eq!(x.isfinite()?.count_nonzero()?.item()?, 2);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn any(&self) -> Result<Array<bool>> {
        self.any_all(true, None, false)
    }

    /// Whether every element is true, as a 0-d mask on the device (true when empty).
    ///
    /// # Errors
    /// Device faults.
    pub fn all(&self) -> Result<Array<bool>> {
        self.any_all(false, None, false)
    }

    /// [`any`](Array::any) along `axis` (negative counts from the end); `keepdims`
    /// keeps it as length 1. An empty axis gives false.
    ///
    /// # Errors
    /// [`Error::AxisOutOfRange`](crate::Error::AxisOutOfRange).
    pub fn any_axis(&self, axis: isize, keepdims: bool) -> Result<Array<bool>> {
        self.any_all(true, Some(axis), keepdims)
    }

    /// [`all`](Array::all) along `axis`; an empty axis gives true.
    ///
    /// # Errors
    /// [`Error::AxisOutOfRange`](crate::Error::AxisOutOfRange).
    pub fn all_axis(&self, axis: isize, keepdims: bool) -> Result<Array<bool>> {
        self.any_all(false, Some(axis), keepdims)
    }

    /// The number of true elements, as a 0-d `u32` array on the device (NumPy's
    /// `count_nonzero`; it wraps past 2³² − 1).
    ///
    /// # Errors
    /// Device faults.
    pub fn count_nonzero(&self) -> Result<Array<u32>> {
        self.cast::<u32>()?.sum()
    }

    /// `any` (max of the mask as 0/1) or `all` (min), whole or along one axis; empty
    /// reductions give the identity (false for any, true for all) as NumPy does.
    fn any_all(&self, any: bool, axis: Option<isize>, keepdims: bool) -> Result<Array<bool>> {
        let mut out_shape = Vec::new();
        let empty = match axis {
            None => self.is_empty(),
            Some(a) => {
                let ax = normalize_axis(a, self.shape())?;
                out_shape = self.shape().to_vec();
                if keepdims {
                    out_shape[ax] = 1;
                } else {
                    out_shape.remove(ax);
                }
                self.shape()[ax] == 0
            }
        };
        if empty {
            return Array::full(out_shape, !any, self.device());
        }
        let bits = self.cast::<u32>()?;
        let r = match (any, axis) {
            (true, None) => bits.max()?,
            (false, None) => bits.min()?,
            (true, Some(a)) => bits.max_axis(a, keepdims)?,
            (false, Some(a)) => bits.min_axis(a, keepdims)?,
        };
        r.cast::<bool>()
    }
}

impl<T: Float> Array<T> {
    /// Elementwise "is NaN" as a mask (NumPy's `isnan`). One kernel: `x != x`, which
    /// every backend evaluates with IEEE semantics.
    ///
    /// # Errors
    /// [`Error::Unsupported`](crate::Error::Unsupported) for f64 on a device without it.
    pub fn isnan(&self) -> Result<Array<bool>> {
        self.ne(self)
    }

    /// Elementwise "is ±infinity" as a mask (NumPy's `isinf`).
    ///
    /// # Errors
    /// As [`isnan`](Array::isnan).
    pub fn isinf(&self) -> Result<Array<bool>> {
        self.abs()?.eq_scalar(T::from_f64(f64::INFINITY))
    }

    /// Elementwise "neither NaN nor infinite" as a mask (NumPy's `isfinite`).
    ///
    /// # Errors
    /// As [`isnan`](Array::isnan).
    pub fn isfinite(&self) -> Result<Array<bool>> {
        self.abs()?.lt_scalar(T::from_f64(f64::INFINITY))
    }
}
