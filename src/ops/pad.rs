//! `pad` (NumPy's `np.pad`): a constant border is a filled array with the input
//! assigned into its middle; the other modes gather along each padded axis with `take`,
//! from indices made on the device (`arange` folded by the mode). Nothing passes
//! through the host.

use super::elementwise::where_;
use crate::array::Array;
use crate::dtype::Scalar;
use crate::error::{Error, Result};

/// How [`Array::pad`] fills the border (NumPy's `mode=`), shown for `[1, 2, 3]`
/// padded by 2 on each side.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PadMode<T> {
    /// One value (`"constant"`): `[v, v, 1, 2, 3, v, v]`.
    Constant(T),
    /// The edge values repeated (`"edge"`): `[1, 1, 1, 2, 3, 3, 3]`.
    Edge,
    /// Mirrored about the edge values (`"reflect"`): `[3, 2, 1, 2, 3, 2, 1]`.
    Reflect,
    /// Mirrored including the edge values (`"symmetric"`): `[2, 1, 1, 2, 3, 3, 2]`.
    Symmetric,
    /// Continued periodically (`"wrap"`): `[2, 3, 1, 2, 3, 1, 2]`.
    Wrap,
}

impl<T: Scalar> Array<T> {
    /// The array with a border added along each axis (NumPy's `np.pad(a, widths,
    /// mode)`): `widths` holds `(before, after)` per axis, or one pair for every axis.
    /// Borders wider than the axis repeat the pattern, as NumPy's do.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when `widths` has neither one pair nor one per axis, or
    /// for a non-constant mode on an empty axis that gets a border (there is nothing to
    /// repeat); [`Error::TooLarge`] for a padded axis of `i32::MAX` elements or more;
    /// [`Error::DeviceMismatch`], [`Error::Unsupported`].
    ///
    /// ```
    /// use gpu::{Array, PadMode};
    /// let a = Array::from_vec(vec![1i32, 2, 3], [3])?;
    /// assert_eq!(a.pad(&[(2, 2)], PadMode::Constant(0))?.to_vec()?, vec![0, 0, 1, 2, 3, 0, 0]);
    /// assert_eq!(a.pad(&[(2, 2)], PadMode::Reflect)?.to_vec()?, vec![3, 2, 1, 2, 3, 2, 1]);
    /// let m = Array::from_vec(vec![1i32, 2, 3, 4], [2, 2])?;
    /// let e = m.pad(&[(1, 0), (0, 1)], PadMode::Edge)?;
    /// assert_eq!(e.shape(), &[3, 3]);
    /// assert_eq!(e.to_vec()?, vec![1, 2, 2, 1, 2, 2, 3, 4, 4]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn pad(&self, widths: &[(usize, usize)], mode: PadMode<T>) -> Result<Array<T>> {
        let nd = self.ndim();
        let widths: Vec<(usize, usize)> = match widths.len() {
            n if n == nd => widths.to_vec(),
            1 => vec![widths[0]; nd],
            n => {
                let reason =
                    format!("{n} (before, after) pairs for an array of shape {:?}; give 1 or {nd}", self.shape());
                return Err(Error::InvalidArgument { op: "pad", reason });
            }
        };
        let padded: Vec<usize> = self.shape().iter().zip(&widths).map(|(&n, &(b, a))| n + b + a).collect();
        if let PadMode::Constant(value) = mode {
            let mut out = Array::full(padded, value, self.device())?;
            let middle = |x: &Array<T>| {
                let mut v = x.clone();
                for (d, (&n, &(b, _))) in self.shape().iter().zip(&widths).enumerate() {
                    v = v.slice(d as isize, Some(b as isize), Some((b + n) as isize), 1)?;
                }
                Ok(v)
            };
            out.assign_view(middle, self)?;
            return Ok(out);
        }
        let mut out = self.clone();
        for (d, (&n, &(before, after))) in self.shape().iter().zip(&widths).enumerate() {
            if before == 0 && after == 0 {
                continue;
            }
            if n == 0 {
                let reason =
                    format!("axis {d} of shape {:?} is empty: only PadMode::Constant can pad it", self.shape());
                return Err(Error::InvalidArgument { op: "pad", reason });
            }
            let total = n + before + after;
            if total >= i32::MAX as usize {
                let device = self.device().to_string();
                let limit = i32::MAX as u64 - 1;
                return Err(Error::TooLarge {
                    what: "padded axis (indices are i32)",
                    bytes: total as u64,
                    limit,
                    device,
                });
            }
            let idx = border_indices(n as i32, before as i32, total as i32, mode, self)?;
            out = out.take(&idx, d as isize)?;
        }
        Ok(out)
    }
}

/// For an axis of `n` elements with `before` added in front and `total` in all, the
/// source position of each output position under `mode` (not `Constant`).
fn border_indices<T: Scalar>(n: i32, before: i32, total: i32, mode: PadMode<T>, like: &Array<T>) -> Result<Array<i32>> {
    let dev = like.device();
    let i = Array::<i32>::arange(-before, total - before, 1, dev)?;
    // Positions folded into 0..period, then mirrored above n: p - m (reflect) or p - 1 - m.
    let mirror = |period: i32, top: i32| -> Result<Array<i32>> {
        let m = i.floor_rem_scalar(period)?;
        where_(&m.ge_scalar(n)?, &m.mul_scalar(-1)?.add_scalar(top)?, &m)
    };
    match mode {
        PadMode::Edge => i.clip(0, n - 1),
        PadMode::Wrap => i.floor_rem_scalar(n),
        PadMode::Reflect if n == 1 => i.mul_scalar(0),
        PadMode::Reflect => mirror(2 * (n - 1), 2 * (n - 1)),
        PadMode::Symmetric => mirror(2 * n, 2 * n - 1),
        PadMode::Constant(_) => Err(Error::InvalidArgument {
            op: "pad",
            reason: "internal: constant borders are filled, not gathered".into(),
        }),
    }
}
