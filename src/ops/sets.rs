//! Set routines on flattened arrays (NumPy's `np.isin`, `np.intersect1d`, `np.union1d`,
//! `np.setdiff1d`, `np.setxor1d`) by NumPy's own formulas over sorted data: a sort, a
//! comparison of neighbours or a binary search, and a compaction, all on the device.
//! Each compaction downloads its count (as [`Array::extract`]); `isin` downloads
//! nothing. NaN follows NumPy: equal to nothing in `isin`, `intersect1d` and
//! `setxor1d`, one value in `union1d` (through [`Array::unique`]).

use crate::array::Array;
use crate::dtype::Element;
use crate::error::Result;
use crate::ops::common_device;
use crate::ops::join::concatenate;
use crate::ops::sort::Side;

/// `a` flattened to 1-D.
fn flat<T: Element>(a: &Array<T>) -> Result<Array<T>> {
    a.reshape([a.len()])
}

/// Whether each element of `element` occurs in `test` (NumPy's `np.isin(element,
/// test_elements, invert=invert)`): a `bool` mask of `element`'s shape, negated with
/// `invert`. `test` is sorted once and searched per element; NaN is in nothing,
/// `-0.0 == 0.0`.
///
/// # Errors
/// [`Error::DeviceMismatch`](crate::Error::DeviceMismatch); as [`Array::sort`].
///
/// ```
/// use gpu::Array;
/// let a = Array::from_vec(vec![1, 2, 3, 4], [2, 2])?;
/// let t = Array::from_vec(vec![4, 2, 9], [3])?;
/// assert_eq!(gpu::isin(&a, &t, false)?.to_vec()?, [false, true, false, true]);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn isin<T: Element>(element: &Array<T>, test: &Array<T>, invert: bool) -> Result<Array<bool>> {
    let dev = common_device("isin", element.device(), test.device())?;
    let found = if test.is_empty() || element.is_empty() {
        Array::full(element.shape(), false, dev)?
    } else {
        let sorted = flat(test)?.sort(0)?;
        let at = sorted.searchsorted(element, Side::Left)?.minimum_scalar((sorted.len() - 1) as u32)?;
        sorted.take(&at, 0)?.eq(element)?
    };
    if invert {
        found.logical_not()
    } else {
        Ok(found)
    }
}

/// The sorted values found in both arrays (NumPy's `np.intersect1d(a, b)`), 1-D. NaN is
/// in no intersection.
///
/// # Errors
/// As [`isin`].
///
/// ```
/// use gpu::Array;
/// let a = Array::from_vec(vec![1, 3, 4, 3], [4])?;
/// let b = Array::from_vec(vec![3, 1, 2, 1], [4])?;
/// assert_eq!(gpu::intersect1d(&a, &b)?.to_vec()?, [1, 3]);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn intersect1d<T: Element>(a: &Array<T>, b: &Array<T>) -> Result<Array<T>> {
    common_device("intersect1d", a.device(), b.device())?;
    let aux = concatenate(&[a.unique()?, b.unique()?], 0)?.sort(0)?;
    if aux.len() < 2 {
        return aux.slice(0, None, Some(0), 1);
    }
    let (head, tail) = (aux.slice(0, None, Some(-1), 1)?, aux.slice(0, Some(1), None, 1)?);
    head.extract(&tail.eq(&head)?)
}

/// The sorted unique values of either array (NumPy's `np.union1d(a, b)`), 1-D; NaNs
/// count as one value.
///
/// # Errors
/// As [`isin`].
///
/// ```
/// use gpu::Array;
/// let a = Array::from_vec(vec![-1, 0, 1], [3])?;
/// let b = Array::from_vec(vec![-2, 0, 2], [3])?;
/// assert_eq!(gpu::union1d(&a, &b)?.to_vec()?, [-2, -1, 0, 1, 2]);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn union1d<T: Element>(a: &Array<T>, b: &Array<T>) -> Result<Array<T>> {
    common_device("union1d", a.device(), b.device())?;
    concatenate(&[flat(a)?, flat(b)?], 0)?.unique()
}

/// The sorted unique values of `a` not in `b` (NumPy's `np.setdiff1d(a, b)`), 1-D; a NaN
/// of `a` stays (it is in nothing).
///
/// # Errors
/// As [`isin`].
///
/// ```
/// use gpu::Array;
/// let a = Array::from_vec(vec![1, 2, 3, 2, 4, 1], [6])?;
/// let b = Array::from_vec(vec![3, 4, 5, 6], [4])?;
/// assert_eq!(gpu::setdiff1d(&a, &b)?.to_vec()?, [1, 2]);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn setdiff1d<T: Element>(a: &Array<T>, b: &Array<T>) -> Result<Array<T>> {
    common_device("setdiff1d", a.device(), b.device())?;
    let ua = a.unique()?;
    ua.extract(&isin(&ua, b, true)?)
}

/// The sorted values in exactly one of the arrays (NumPy's `np.setxor1d(a, b)`), 1-D; a
/// NaN of each array stays (NaN equals nothing).
///
/// # Errors
/// As [`isin`].
///
/// ```
/// use gpu::Array;
/// let a = Array::from_vec(vec![1, 2, 3, 2, 4], [5])?;
/// let b = Array::from_vec(vec![2, 3, 5, 7, 5], [5])?;
/// assert_eq!(gpu::setxor1d(&a, &b)?.to_vec()?, [1, 4, 5, 7]);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn setxor1d<T: Element>(a: &Array<T>, b: &Array<T>) -> Result<Array<T>> {
    let dev = common_device("setxor1d", a.device(), b.device())?;
    let aux = concatenate(&[a.unique()?, b.unique()?], 0)?.sort(0)?;
    if aux.len() < 2 {
        return Ok(aux);
    }
    // Unequal to both neighbours (the ends count as unequal on their outer side).
    let differs = aux.slice(0, Some(1), None, 1)?.ne(&aux.slice(0, None, Some(-1), 1)?)?;
    let edge = Array::full([1], true, dev)?;
    let flag = concatenate(&[edge.clone(), differs, edge], 0)?;
    let keep = flag.slice(0, Some(1), None, 1)?.logical_and(&flag.slice(0, None, Some(-1), 1)?)?;
    aux.extract(&keep)
}
