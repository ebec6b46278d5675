//! Flat positions and coordinates (NumPy's `np.unravel_index` and
//! `np.ravel_multi_index`), computed on the device with integer division and
//! multiply-adds; one `bool` is downloaded to reject out-of-range input, as NumPy
//! raises.

use crate::array::Array;
use crate::error::{Error, Result};
use crate::ops::common_device;

/// The product of `shape` as a `u32`, or [`Error::InvalidArgument`] naming `op`.
fn size_u32(op: &'static str, shape: &[usize]) -> Result<u32> {
    let n = shape.iter().try_fold(1u64, |acc, &d| acc.checked_mul(d as u64)).filter(|&n| n <= u64::from(u32::MAX));
    match n {
        Some(n) => Ok(n as u32),
        None => {
            let reason = format!("shape {shape:?} holds more than u32::MAX elements (positions are u32)");
            Err(Error::InvalidArgument { op, reason })
        }
    }
}

/// The coordinates of flat (row-major) positions in an array of `shape` (NumPy's
/// `np.unravel_index(indices, shape)`): one `u32` array per axis, each of `indices`'
/// shape. Pairs with [`argmax`](Array::argmax) of a flattened array.
///
/// # Errors
/// [`Error::InvalidArgument`] when a position is not below the number of elements
/// (one `bool` downloaded) or the shape does not fit `u32` positions.
///
/// ```
/// use gpu::Array;
/// let a = Array::from_vec(vec![3.0f32, 9.0, 1.0, 4.0, 7.0, 2.0], [2, 3])?;
/// let rc = gpu::unravel_index(&a.argmax()?, &[2, 3])?;
/// assert_eq!((rc[0].item()?, rc[1].item()?), (0, 1));
/// let flat = Array::from_vec(vec![0u32, 5, 4], [3])?;
/// let rc = gpu::unravel_index(&flat, &[2, 3])?;
/// assert_eq!((rc[0].to_vec()?, rc[1].to_vec()?), (vec![0, 1, 1], vec![0, 2, 1]));
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn unravel_index(indices: &Array<u32>, shape: &[usize]) -> Result<Vec<Array<u32>>> {
    let size = size_u32("unravel_index", shape)?;
    if !indices.is_empty() && indices.ge_scalar(size)?.any()?.item()? {
        let reason = format!("an index is out of bounds for shape {shape:?} ({size} elements)");
        return Err(Error::InvalidArgument { op: "unravel_index", reason });
    }
    let mut coords = Vec::with_capacity(shape.len());
    let mut rest = indices.clone();
    for &d in shape.iter().rev() {
        let d = d as u32;
        coords.push(rest.rem_scalar(d)?);
        rest = rest.div_scalar(d)?;
    }
    coords.reverse();
    Ok(coords)
}

/// The flat (row-major) positions of coordinates in an array of `shape` (NumPy's
/// `np.ravel_multi_index(coords, shape)`): `Σ coords[k] · stride[k]`, the coordinate
/// arrays broadcast together.
///
/// # Errors
/// [`Error::InvalidArgument`] for a coordinate count other than `shape.len()`, a
/// coordinate not below its axis' length (one `bool` downloaded), or a shape that does
/// not fit `u32` positions; [`Error::BroadcastMismatch`]; [`Error::DeviceMismatch`].
///
/// ```
/// use gpu::Array;
/// let rows = Array::from_vec(vec![0u32, 1, 1], [3])?;
/// let cols = Array::from_vec(vec![0u32, 2, 1], [3])?;
/// assert_eq!(gpu::ravel_multi_index(&[&rows, &cols], &[2, 3])?.to_vec()?, [0, 5, 4]);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn ravel_multi_index(coords: &[&Array<u32>], shape: &[usize]) -> Result<Array<u32>> {
    const OP: &str = "ravel_multi_index";
    size_u32(OP, shape)?;
    if coords.len() != shape.len() || coords.is_empty() {
        let reason = format!("{} coordinate arrays for shape {shape:?} ({} axes)", coords.len(), shape.len());
        return Err(Error::InvalidArgument { op: OP, reason });
    }
    for c in &coords[1..] {
        common_device(OP, coords[0].device(), c.device())?;
    }
    let mut flat: Option<Array<u32>> = None;
    let mut out_of_range: Option<Array<bool>> = None;
    for (c, &d) in coords.iter().zip(shape) {
        let bad = c.ge_scalar(d as u32)?;
        out_of_range = Some(match out_of_range {
            None => bad,
            Some(b) => b.logical_or(&bad)?,
        });
        flat = Some(match flat {
            None => (*c).clone(),
            Some(f) => f.mul_scalar(d as u32)?.add(c)?,
        });
    }
    let (Some(flat), Some(bad)) = (flat, out_of_range) else {
        return Err(Error::InvalidArgument { op: OP, reason: "no coordinates".into() });
    };
    if !bad.is_empty() && bad.any()?.item()? {
        let reason = format!("a coordinate is out of bounds for shape {shape:?}");
        return Err(Error::InvalidArgument { op: OP, reason });
    }
    Ok(flat)
}
