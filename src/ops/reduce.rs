//! Reductions: whole-array (a 0-d result that stays on the device) and per-axis.

use crate::array::{check_output, check_supported, Array};
use crate::backend::{Backend, Fill, ReduceOp};
use crate::device::on_backend;
use crate::dtype::{Element, Float, Scalar};
use crate::error::{Error, Result};
use crate::layout::{normalize_axis, Layout};

impl<T: Element> Array<T> {
    /// Reduces the dims in `axes` (resolved, distinct) or all dims when `None`.
    pub(crate) fn reduce<U: Scalar>(&self, op: ReduceOp, axes: Option<&[usize]>, keepdims: bool) -> Result<Array<U>> {
        check_supported(&self.device, T::DTYPE)?;
        let nd = self.ndim();
        let reduced: Vec<usize> = match axes {
            Some(a) => a.to_vec(),
            None => (0..nd).collect(),
        };
        let kept: Vec<usize> = (0..nd).filter(|d| !reduced.contains(d)).collect();
        let count: usize = reduced.iter().map(|&d| self.shape()[d]).product();
        if count == 0 && op.needs_elements() {
            return Err(Error::EmptyReduction { op: op.name(), shape: self.shape().to_vec() });
        }
        if matches!(op, ReduceOp::ArgMax | ReduceOp::ArgMin) && count > u32::MAX as usize {
            return Err(Error::TooLarge {
                what: "argmax/argmin index range",
                bytes: count as u64,
                limit: u32::MAX as u64,
                device: self.device.to_string(),
            });
        }
        // Reduced dims go last, in their original order, so a row-major walk of the
        // reduced part is the flattened index that argmax reports.
        let perm: Vec<usize> = kept.iter().chain(&reduced).copied().collect();
        let layout = self.layout.permute(&perm);
        let out_shape: Vec<usize> = kept.iter().map(|&d| self.shape()[d]).collect();
        // A broadcast view's kept dims can describe more bytes than exist.
        check_output(&out_shape, U::DTYPE)?;
        let storage = if out_shape.contains(&0) {
            // Nothing to compute: an empty result needs no kernel.
            on_backend!(&self.device, be => be.wrap(be.fill(U::DTYPE, 0, Fill::Constant(U::default().to_value()))?))
        } else {
            on_backend!(&self.device, be => {
                let v = crate::backend::View { storage: be.storage(&self.storage)?, layout: &layout };
                be.wrap(be.reduce(op, T::DTYPE, v, reduced.len())?)
            })
        };
        let out = Array::from_storage(storage, Layout::contiguous(&out_shape), self.device.clone());
        if keepdims {
            let kd: Vec<usize> = (0..nd).map(|d| if reduced.contains(&d) { 1 } else { self.shape()[d] }).collect();
            return out.reshape(kd);
        }
        Ok(out)
    }

    fn reduce_axis<U: Scalar>(&self, op: ReduceOp, axis: isize, keepdims: bool) -> Result<Array<U>> {
        let a = normalize_axis(axis, self.shape())?;
        self.reduce(op, Some(&[a]), keepdims)
    }

    fn reduce_axes<U: Scalar>(&self, op: ReduceOp, axes: &[isize], keepdims: bool) -> Result<Array<U>> {
        let mut resolved = Vec::with_capacity(axes.len());
        for &a in axes {
            let r = normalize_axis(a, self.shape())?;
            if resolved.contains(&r) {
                return Err(Error::InvalidArgument {
                    op: op.name(),
                    reason: format!("axis {a} repeated in {axes:?} (shape {:?})", self.shape()),
                });
            }
            resolved.push(r);
        }
        resolved.sort_unstable();
        self.reduce(op, Some(&resolved), keepdims)
    }

    /// Index of the first maximum of the flattened array (a NaN counts as the maximum),
    /// as a 0-d `u32` array on the device.
    ///
    /// # Errors
    /// [`Error::EmptyReduction`] for an empty array.
    pub fn argmax(&self) -> Result<Array<u32>> {
        self.reduce(ReduceOp::ArgMax, None, false)
    }

    /// Index of the first minimum of the flattened array (a NaN counts as the minimum).
    ///
    /// # Errors
    /// [`Error::EmptyReduction`] for an empty array.
    pub fn argmin(&self) -> Result<Array<u32>> {
        self.reduce(ReduceOp::ArgMin, None, false)
    }

    /// Index of the first maximum along `axis`.
    ///
    /// # Errors
    /// [`Error::AxisOutOfRange`]; [`Error::EmptyReduction`] when the axis is empty.
    pub fn argmax_axis(&self, axis: isize, keepdims: bool) -> Result<Array<u32>> {
        self.reduce_axis(ReduceOp::ArgMax, axis, keepdims)
    }

    /// Index of the first minimum along `axis`.
    ///
    /// # Errors
    /// [`Error::AxisOutOfRange`]; [`Error::EmptyReduction`] when the axis is empty.
    pub fn argmin_axis(&self, axis: isize, keepdims: bool) -> Result<Array<u32>> {
        self.reduce_axis(ReduceOp::ArgMin, axis, keepdims)
    }
}

/// Generates `op()`, `op_axis(axis, keepdims)` and `op_axes(&axes, keepdims)`.
macro_rules! reductions {
    ($bound:ident: $($op:ident, $name:ident, $axis:ident, $axes:ident, $doc:literal, $empty:literal;)*) => {
        impl<T: $bound> Array<T> {
            $(
                #[doc = concat!($doc, " of all elements, as a 0-d array that stays on the device ", $empty, ".")]
                ///
                /// # Errors
                /// [`Error::Unsupported`] when the device lacks kernels for `T`.
                pub fn $name(&self) -> Result<Array<T>> {
                    self.reduce(ReduceOp::$op, None, false)
                }

                #[doc = concat!($doc, " along `axis` (negative counts from the end); `keepdims` keeps it as length 1.")]
                ///
                /// # Errors
                /// [`Error::AxisOutOfRange`].
                pub fn $axis(&self, axis: isize, keepdims: bool) -> Result<Array<T>> {
                    self.reduce_axis(ReduceOp::$op, axis, keepdims)
                }

                #[doc = concat!($doc, " over several axes at once.")]
                ///
                /// # Errors
                /// [`Error::AxisOutOfRange`]; [`Error::InvalidArgument`] for a repeated axis.
                pub fn $axes(&self, axes: &[isize], keepdims: bool) -> Result<Array<T>> {
                    self.reduce_axes(ReduceOp::$op, axes, keepdims)
                }
            )*
        }
    };
}

reductions! { Element:
    Sum, sum, sum_axis, sum_axes, "Sum (pairwise for floats, wrapping for integers)", "(0 when empty)";
    Prod, prod, prod_axis, prod_axes, "Product", "(1 when empty)";
    Max, max, max_axis, max_axes, "Maximum (NaN propagates)", "(an error when empty)";
    Min, min, min_axis, min_axes, "Minimum (NaN propagates)", "(an error when empty)";
}

reductions! { Float:
    Mean, mean, mean_axis, mean_axes, "Arithmetic mean", "(NaN when empty)";
    Var, var, var_axis, var_axes, "Population variance (ddof = 0)", "(NaN when empty)";
    Std, std, std_axis, std_axes, "Population standard deviation (ddof = 0)", "(NaN when empty)";
    Norm, norm, norm_axis, norm_axes, "L2 norm `sqrt(Σ x²)`", "(0 when empty)";
}
