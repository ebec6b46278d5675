//! Interop: `ndarray` conversions both ways, `approx` comparisons, and `Display`.

use std::fmt;

use approx::{AbsDiffEq, RelativeEq};

use crate::array::Array;
use crate::dtype::{Element, Float, Scalar};
use crate::error::{Error, Result};

impl<T: Scalar> Array<T> {
    /// Copies an `ndarray` array (any dimensionality or layout) into a new CPU array.
    ///
    /// ```
    /// let nd = ndarray::arr2(&[[1.0f32, 2.0], [3.0, 4.0]]);
    /// let a = gpu::Array::from_ndarray(&nd);
    /// assert_eq!(a.shape(), &[2, 2]);
    /// assert_eq!(a.to_ndarray()?, nd.into_dyn());
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn from_ndarray<S, D>(a: &ndarray::ArrayBase<S, D>) -> Array<T>
    where
        S: ndarray::Data<Elem = T>,
        D: ndarray::Dimension,
    {
        let data: Vec<T> = a.iter().copied().collect();
        let shape = a.shape().to_vec();
        // The length matches the shape by construction, so this cannot fail.
        match Array::from_vec(data, shape) {
            Ok(x) => x,
            Err(e) => unreachable!("ndarray shape and data always agree: {e}"),
        }
    }

    /// Downloads into an owned `ndarray::ArrayD` (row-major).
    ///
    /// # Errors
    /// Device faults during the download.
    pub fn to_ndarray(&self) -> Result<ndarray::ArrayD<T>> {
        let v = self.to_vec()?;
        ndarray::ArrayD::from_shape_vec(self.shape(), v).map_err(|e| Error::Backend {
            device: self.device.to_string(),
            message: format!("internal error converting to ndarray: {e}"),
        })
    }
}

impl<T: Scalar, S: ndarray::Data<Elem = T>, D: ndarray::Dimension> From<&ndarray::ArrayBase<S, D>> for Array<T> {
    fn from(a: &ndarray::ArrayBase<S, D>) -> Array<T> {
        Array::from_ndarray(a)
    }
}

impl<T: Scalar, D: ndarray::Dimension> From<ndarray::Array<T, D>> for Array<T> {
    fn from(a: ndarray::Array<T, D>) -> Array<T> {
        Array::from_ndarray(&a)
    }
}

impl<T: Scalar> From<Vec<T>> for Array<T> {
    /// A 1-D CPU array.
    fn from(v: Vec<T>) -> Array<T> {
        let n = v.len();
        match Array::from_vec(v, [n]) {
            Ok(x) => x,
            Err(e) => unreachable!("a Vec always fits its own length: {e}"),
        }
    }
}

/// Element pairs of two arrays after downloading; `None` when shapes differ or a
/// download fails (approx traits cannot return errors).
fn pairs<T: Scalar>(a: &Array<T>, b: &Array<T>) -> Option<(Vec<T>, Vec<T>)> {
    if a.shape() != b.shape() {
        return None;
    }
    Some((a.to_vec().ok()?, b.to_vec().ok()?))
}

/// Exact elementwise equality of shape and values (NaN is unequal to itself), by
/// downloading both arrays; a failed download compares unequal. For a mask of
/// elementwise results use [`Array::eq`](Array::eq) (the method form).
impl<T: Scalar> PartialEq for Array<T> {
    fn eq(&self, other: &Self) -> bool {
        pairs(self, other).is_some_and(|(a, b)| a == b)
    }
}

/// Approximate equality by downloading both arrays (shapes must match exactly).
impl<T: Element + AbsDiffEq<Epsilon = T>> AbsDiffEq for Array<T> {
    type Epsilon = T;

    fn default_epsilon() -> T {
        T::default_epsilon()
    }

    fn abs_diff_eq(&self, other: &Self, epsilon: T) -> bool {
        pairs(self, other).is_some_and(|(a, b)| a.iter().zip(&b).all(|(x, y)| x.abs_diff_eq(y, epsilon)))
    }
}

impl<T: Float + RelativeEq<Epsilon = T>> RelativeEq for Array<T> {
    fn default_max_relative() -> T {
        T::default_max_relative()
    }

    fn relative_eq(&self, other: &Self, epsilon: T, max_relative: T) -> bool {
        pairs(self, other).is_some_and(|(a, b)| a.iter().zip(&b).all(|(x, y)| x.relative_eq(y, epsilon, max_relative)))
    }
}

/// Prints the elements NumPy-style (nested brackets, long axes elided), then shape,
/// dtype and device. Downloads the array: printing is a transfer.
impl<T: Scalar> fmt::Display for Array<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let data = match self.to_vec() {
            Ok(d) => d,
            Err(e) => return write!(f, "<array unavailable: {e}>"),
        };
        fn rec<T: fmt::Debug>(f: &mut fmt::Formatter<'_>, data: &[T], shape: &[usize], depth: usize) -> fmt::Result {
            const EDGE: usize = 3;
            if shape.is_empty() {
                return write!(f, "{:?}", data[0]);
            }
            let n = shape[0];
            let stride = data.len().checked_div(n).unwrap_or(0);
            f.write_str("[")?;
            for i in 0..n {
                if n > 2 * EDGE + 1 && i == EDGE {
                    f.write_str(if shape.len() > 1 { "...,\n" } else { "..., " })?;
                    continue;
                }
                if n > 2 * EDGE + 1 && i > EDGE && i < n - EDGE {
                    continue;
                }
                rec(f, &data[i * stride..(i + 1) * stride], &shape[1..], depth + 1)?;
                if i + 1 < n {
                    if shape.len() > 1 {
                        write!(f, ",\n{:width$}", "", width = depth + 1)?;
                    } else {
                        f.write_str(", ")?;
                    }
                }
            }
            f.write_str("]")
        }
        rec(f, &data, self.shape(), 0)?;
        write!(f, ", shape={:?}, dtype={}, device={}", self.shape(), T::DTYPE, self.device)
    }
}
