//! `dot` and `matmul` with NumPy semantics.

use super::{resolve_pair, AsArray};
use crate::array::{check_output, check_supported, Array};
use crate::backend::{Backend, BinaryOp, View};
use crate::device::on_backend;
use crate::dtype::Element;
use crate::error::{Error, Result};
use crate::layout::{broadcast_shapes, normalize_axis, Layout};
use crate::ops::common_device;
use crate::ops::elementwise::{binary, Arg};

fn shape_err(op: &'static str, a: &[usize], b: &[usize], reason: String) -> Error {
    Error::MatmulShape { op, lhs: a.to_vec(), rhs: b.to_vec(), reason }
}

/// NumPy `matmul` on two arrays of one device.
fn matmul_arrays<T: Element>(a: &Array<T>, b: &Array<T>) -> Result<Array<T>> {
    let dev = common_device("matmul", a.device(), b.device())?.clone();
    check_supported(&dev, T::DTYPE)?;
    let (sa, sb) = (a.shape(), b.shape());
    if sa.is_empty() || sb.is_empty() {
        return Err(shape_err("matmul", sa, sb, "matmul does not accept 0-d operands; use mul".into()));
    }
    // 1-D operands are promoted to matrices and the added dimension removed afterwards.
    let la = if a.ndim() == 1 { a.layout.unsqueeze(0)? } else { a.layout.clone() };
    let lb = if b.ndim() == 1 { b.layout.unsqueeze(-1)? } else { b.layout.clone() };
    let (ra, rb) = (la.ndim(), lb.ndim());
    let (m, k) = (la.shape()[ra - 2], la.shape()[ra - 1]);
    let (k2, n) = (lb.shape()[rb - 2], lb.shape()[rb - 1]);
    if k != k2 {
        return Err(shape_err(
            "matmul",
            sa,
            sb,
            format!("contracted dimensions differ: {k} (last of lhs) != {k2} (second-to-last of rhs)"),
        ));
    }
    let batch = broadcast_shapes("matmul", &la.shape()[..ra - 2], &lb.shape()[..rb - 2])
        .map_err(|_| shape_err("matmul", sa, sb, "batch dimensions do not broadcast".into()))?;
    let full = |tail: [usize; 2]| -> Vec<usize> { batch.iter().copied().chain(tail).collect() };
    // Operands come from two arrays, so the output [batch.., m, n] may not fit.
    check_output(&full([m, n]), T::DTYPE)?;
    let la = la.broadcast_to(&full([m, k]))?;
    let lb = lb.broadcast_to(&full([k, n]))?;
    let storage = on_backend!(&dev, be => {
        let x = View { storage: be.storage(&a.storage)?, layout: &la };
        let y = View { storage: be.storage(&b.storage)?, layout: &lb };
        be.wrap(be.matmul(T::DTYPE, x, y)?)
    });
    let mut out_shape = full([m, n]);
    if b.ndim() == 1 {
        out_shape.pop();
    }
    if a.ndim() == 1 {
        let at = out_shape.len() - if b.ndim() == 1 { 1 } else { 2 };
        out_shape.remove(at);
    }
    Ok(Array::from_storage(storage, Layout::contiguous(&out_shape), dev))
}

/// NumPy `dot` on two arrays of one device.
pub(crate) fn dot_arrays<T: Element>(a: &Array<T>, b: &Array<T>) -> Result<Array<T>> {
    let dev = common_device("dot", a.device(), b.device())?.clone();
    check_supported(&dev, T::DTYPE)?;
    let (sa, sb) = (a.shape(), b.shape());
    match (a.ndim(), b.ndim()) {
        (0, _) | (_, 0) => binary(BinaryOp::Mul, Arg::Array(a), Arg::Array(b)),
        (1, 1) => {
            if sa[0] != sb[0] {
                return Err(shape_err("dot", sa, sb, format!("vector lengths differ: {} != {}", sa[0], sb[0])));
            }
            let storage = on_backend!(&dev, be => be.wrap(be.dot(T::DTYPE, a.storage_of(be)?, b.storage_of(be)?)?));
            Ok(Array::from_storage(storage, Layout::contiguous(&[]), dev))
        }
        (_, 1) | (1, _) | (2, 2) => {
            let k_a = sa[sa.len() - 1];
            let k_b = if b.ndim() == 1 { sb[0] } else { sb[sb.len() - 2] };
            if k_a != k_b {
                return Err(shape_err(
                    "dot",
                    sa,
                    sb,
                    format!("contracted dimensions differ: {k_a} (last of lhs) != {k_b} (rhs)"),
                ));
            }
            matmul_arrays(a, b)
        }
        (na, nb) => {
            // Tensordot over a's last and b's second-to-last axis:
            // [A.., K] · [B.., K, N] -> [A.., B.., N], as one 2-D product.
            let k = sa[na - 1];
            if k != sb[nb - 2] {
                return Err(shape_err(
                    "dot",
                    sa,
                    sb,
                    format!(
                        "contracted dimensions differ: {k} (last of lhs) != {} (second-to-last of rhs)",
                        sb[nb - 2]
                    ),
                ));
            }
            let a2 = a.reshape([sa[..na - 1].iter().product::<usize>(), k])?;
            let mut perm: Vec<isize> = vec![(nb - 2) as isize];
            perm.extend((0..nb).filter(|&d| d != nb - 2).map(|d| d as isize));
            let bt = b.transpose(&perm)?;
            let b2 = bt.reshape([k, bt.len() / k.max(1)])?;
            let out = matmul_arrays(&a2, &b2)?;
            let shape: Vec<usize> =
                sa[..na - 1].iter().chain(&sb[..nb - 2]).chain(std::iter::once(&sb[nb - 1])).copied().collect();
            out.reshape(shape)
        }
    }
}

/// Dot product with NumPy semantics: 1-D·1-D is the inner product (a 0-d array that
/// stays on the device), 2-D·2-D is matrix multiplication, N-D·1-D contracts the last
/// axis, N-D·M-D contracts the last axis of `a` with the second-to-last of `b`, and a
/// 0-d operand multiplies elementwise.
///
/// Arrays are used where they live; host data (`&Vec<T>`, `&[T]`, `&ndarray::Array`)
/// is uploaded once to the other operand's device, or to [`Device::default`] when both
/// are host data, and the result stays on that device.
///
/// # Errors
/// [`Error::MatmulShape`] when the contracted dimensions differ,
/// [`Error::DeviceMismatch`] for arrays on different devices.
///
/// ```
/// use gpu::{Array, Device};
/// let dev = Device::cpu();
/// let a = Array::<f64>::arange(0.0, 4.0, 1.0, &dev)?;  // [0, 1, 2, 3]
/// let d = gpu::dot(&a, &a)?;                            // 0-d, still on `dev`
/// assert_eq!(d.item()?, 14.0);
/// # Ok::<(), gpu::Error>(())
/// ```
///
/// [`Device::default`]: crate::Device::default
pub fn dot<T: Element>(a: impl AsArray<T>, b: impl AsArray<T>) -> Result<Array<T>> {
    let (a, b) = resolve_pair("dot", &a, &b)?;
    dot_arrays(&a, &b)
}

/// Matrix product with NumPy `matmul` semantics: 2-D and batched (leading dimensions
/// broadcast), 1-D operands promoted to a row/column and the added dimension removed.
/// Transposed and sliced views are multiplied in place, without a contiguous copy.
///
/// # Errors
/// [`Error::MatmulShape`] for mismatched inner dimensions, non-broadcasting batch
/// dimensions or 0-d operands; [`Error::DeviceMismatch`].
///
/// ```
/// use gpu::Array;
/// let a = Array::from_vec(vec![1.0f32, 2.0, 3.0, 4.0], [2, 2])?;
/// let i = Array::from_vec(vec![1.0f32, 0.0, 0.0, 1.0], [2, 2])?;
/// assert_eq!(gpu::matmul(&a.t(), &i)?.to_vec()?, vec![1.0, 3.0, 2.0, 4.0]);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn matmul<T: Element>(a: impl AsArray<T>, b: impl AsArray<T>) -> Result<Array<T>> {
    let (a, b) = resolve_pair("matmul", &a, &b)?;
    matmul_arrays(&a, &b)
}

impl<T: Element> Array<T> {
    /// `gpu::dot(self, rhs)`.
    ///
    /// # Errors
    /// As [`dot`].
    pub fn dot(&self, rhs: &Array<T>) -> Result<Array<T>> {
        dot_arrays(self, rhs)
    }

    /// `gpu::matmul(self, rhs)`.
    ///
    /// # Errors
    /// As [`matmul`].
    pub fn matmul(&self, rhs: &Array<T>) -> Result<Array<T>> {
        matmul_arrays(self, rhs)
    }
}

/// The product of a chain of matrices, multiplied in the cheapest order (NumPy's
/// `np.linalg.multi_dot`): the order that needs the fewest scalar multiplications is
/// found on the host from the shapes alone (the classic dynamic programme, `O(n³)` in
/// the number of arrays), then the products run on the device. The first array may be
/// 1-D (a row vector) and the last 1-D (a column vector); the dimensions they add are
/// removed from the result, as with `dot`. All the others must be 2-D.
///
/// # Errors
/// [`Error::InvalidArgument`] for fewer than two arrays or an operand of the wrong
/// number of axes; [`Error::MatmulShape`] naming the first pair whose inner dimensions
/// differ; [`Error::DeviceMismatch`].
///
/// ```
/// use gpu::{linalg::multi_dot, Array};
/// let a = Array::<f32>::ones([10, 100], &gpu::Device::cpu())?;
/// let b = Array::<f32>::ones([100, 5], &gpu::Device::cpu())?;
/// let c = Array::<f32>::ones([5], &gpu::Device::cpu())?;
/// // (a·b)·c costs 5,000 + 50 multiplications, a·(b·c) 500 + 1,000: the second is used.
/// assert_eq!(multi_dot(&[&a, &b, &c])?.to_vec()?, vec![500.0; 10]);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn multi_dot<T: Element>(arrays: &[&Array<T>]) -> Result<Array<T>> {
    let n = arrays.len();
    if n < 2 {
        let reason = format!("needs at least two arrays, got {n}");
        return Err(Error::InvalidArgument { op: "multi_dot", reason });
    }
    for w in arrays.windows(2) {
        common_device("multi_dot", w[0].device(), w[1].device())?;
    }
    let (row, col) = (arrays[0].ndim() == 1, arrays[n - 1].ndim() == 1);
    let mut mats = Vec::with_capacity(n);
    for (i, a) in arrays.iter().enumerate() {
        let m = match a.ndim() {
            1 if i == 0 => a.reshape([1, a.len()])?,
            1 if i == n - 1 => a.reshape([a.len(), 1])?,
            2 => (*a).clone(),
            d => {
                let allowed = if i == 0 || i == n - 1 { "1-D or 2-D" } else { "2-D" };
                let reason = format!("array {i} has shape {:?} ({d}-D); it must be {allowed}", a.shape());
                return Err(Error::InvalidArgument { op: "multi_dot", reason });
            }
        };
        mats.push(m);
    }
    // dims[i] × dims[i + 1] is the shape of matrix i.
    let mut dims = vec![mats[0].shape()[0]];
    for (i, m) in mats.iter().enumerate() {
        if m.shape()[0] != dims[i] {
            let reason = format!("array {} has {} columns, array {i} has {} rows", i - 1, dims[i], m.shape()[0]);
            return Err(shape_err("multi_dot", mats[i - 1].shape(), m.shape(), reason));
        }
        dims.push(m.shape()[1]);
    }
    let order = chain_order(&dims);
    let out = chain_product(&mats, &order, 0, n - 1)?;
    match (row, col) {
        (true, true) => out.reshape(Vec::<usize>::new()),
        (true, false) => out.squeeze(0),
        (false, true) => out.squeeze(-1),
        (false, false) => Ok(out),
    }
}

/// `split[i][j]`: where the cheapest product of matrices `i..=j` splits
/// (`(i..=k)·(k+1..=j)`), for matrices of shapes `dims[i] × dims[i + 1]`. Costs are
/// counted in `u128`, so no chain of addressable arrays overflows them.
fn chain_order(dims: &[usize]) -> Vec<Vec<usize>> {
    let n = dims.len() - 1;
    let mut cost = vec![vec![0u128; n]; n];
    let mut split = vec![vec![0usize; n]; n];
    for len in 1..n {
        for i in 0..n - len {
            let j = i + len;
            let mut best = u128::MAX;
            for k in i..j {
                let c = cost[i][k] + cost[k + 1][j] + (dims[i] as u128) * (dims[k + 1] as u128) * (dims[j + 1] as u128);
                if c < best {
                    (best, split[i][j]) = (c, k);
                }
            }
            cost[i][j] = best;
        }
    }
    split
}

fn chain_product<T: Element>(mats: &[Array<T>], split: &[Vec<usize>], i: usize, j: usize) -> Result<Array<T>> {
    if i == j {
        return Ok(mats[i].clone());
    }
    let k = split[i][j];
    matmul_arrays(&chain_product(mats, split, i, k)?, &chain_product(mats, split, k + 1, j)?)
}

/// The cross product of 2- or 3-vectors along `axis` (NumPy's `np.cross(a, b,
/// axis=axis)`; `-1` is NumPy's default): the other axes broadcast. Two 3-vectors give
/// a 3-vector along `axis` of the result; a 2-vector is taken as having a zero third
/// component, except that two 2-vectors give the z component alone (a scalar per pair,
/// so `axis` is dropped), as NumPy does. Integers wrap.
///
/// # Errors
/// [`Error::InvalidArgument`] when `axis` of either operand is not of length 2 or 3;
/// [`Error::AxisOutOfRange`]; [`Error::BroadcastMismatch`] when the other axes do not
/// broadcast; [`Error::DeviceMismatch`].
///
/// ```
/// use gpu::Array;
/// let x = Array::from_vec(vec![1i32, 0, 0, 0, 1, 0], [2, 3])?;   // x̂ and ŷ
/// let y = Array::from_vec(vec![0i32, 1, 0], [3])?;              // ŷ, broadcast
/// assert_eq!(gpu::cross(&x, &y, -1)?.to_vec()?, [0, 0, 1, 0, 0, 0]);
/// let p = Array::from_vec(vec![1.0f32, 2.0], [2])?;
/// let q = Array::from_vec(vec![3.0f32, 4.0], [2])?;
/// assert_eq!(gpu::cross(&p, &q, -1)?.item()?, -2.0);             // 1·4 − 2·3
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn cross<T: Element>(a: &Array<T>, b: &Array<T>, axis: isize) -> Result<Array<T>> {
    let dev = common_device("cross", a.device(), b.device())?;
    let components = |x: &Array<T>| -> Result<Vec<Array<T>>> {
        let x = x.moveaxis(axis, -1)?;
        let d = x.shape()[x.ndim() - 1];
        if d != 2 && d != 3 {
            let reason =
                format!("axis {axis} has length {d} in shape {:?}; the vectors must have 2 or 3 components", x.shape());
            return Err(Error::InvalidArgument { op: "cross", reason });
        }
        (0..d as isize).map(|i| x.index_axis(-1, i)).collect()
    };
    let (u, v) = (components(a)?, components(b)?);
    let z = u[0].mul(&v[1])?.sub(&u[1].mul(&v[0])?)?;
    if u.len() == 2 && v.len() == 2 {
        return Ok(z);
    }
    let zero = Array::scalar(T::default(), dev)?;
    let (u2, v2) = (u.get(2).unwrap_or(&zero), v.get(2).unwrap_or(&zero));
    let x = u[1].mul(v2)?.sub(&u2.mul(&v[1])?)?;
    let y = u2.mul(&v[0])?.sub(&u[0].mul(v2)?)?;
    let out = crate::ops::join::stack(&[x, y, z], -1)?;
    let at = normalize_axis(axis, out.shape())?;
    out.moveaxis(-1, at as isize)
}

/// Dot products of the vectors along `axis` (NumPy 2's `np.linalg.vecdot(a, b,
/// axis=axis)`, real numbers): `Σ_k a[..., k] · b[..., k]` with `axis` taken from each
/// operand and the other axes broadcast; the result drops `axis`. `-1` is NumPy's
/// default. One broadcast product and one sum on the device.
///
/// # Errors
/// [`Error::MatmulShape`] when the two axes differ in length; [`Error::AxisOutOfRange`];
/// [`Error::BroadcastMismatch`]; [`Error::DeviceMismatch`].
///
/// ```
/// use gpu::Array;
/// let a = Array::from_vec(vec![1i32, 2, 3, 4, 5, 6], [2, 3])?;
/// let b = Array::from_vec(vec![1i32, 0, 1], [3])?;
/// assert_eq!(gpu::linalg::vecdot(&a, &b, -1)?.to_vec()?, [4, 10]);
/// assert_eq!(gpu::linalg::vecdot(&a, &a, 0)?.to_vec()?, [17, 29, 45]);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn vecdot<T: Element>(a: &Array<T>, b: &Array<T>, axis: isize) -> Result<Array<T>> {
    common_device("vecdot", a.device(), b.device())?;
    let (x, y) = (a.moveaxis(axis, -1)?, b.moveaxis(axis, -1)?);
    let (n, m) = (x.shape()[x.ndim() - 1], y.shape()[y.ndim() - 1]);
    if n != m {
        let reason = format!("axis {axis} has length {n} in {:?} and {m} in {:?}", a.shape(), b.shape());
        return Err(shape_err("vecdot", a.shape(), b.shape(), reason));
    }
    x.mul(&y)?.sum_axis(-1, false)
}

/// The transpose of each matrix of a stack: the last two axes swapped, as a view
/// (NumPy 2's `np.linalg.matrix_transpose`, the array API's `.mT`).
///
/// # Errors
/// [`Error::InvalidArgument`] for fewer than two axes.
///
/// ```
/// let a = gpu::Array::from_vec((0..12).collect::<Vec<i32>>(), [2, 3, 2])?;
/// assert_eq!(gpu::linalg::matrix_transpose(&a)?.shape(), &[2, 2, 3]);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn matrix_transpose<T: Element>(a: &Array<T>) -> Result<Array<T>> {
    if a.ndim() < 2 {
        let reason = format!("needs at least two axes, got shape {:?}", a.shape());
        return Err(Error::InvalidArgument { op: "matrix_transpose", reason });
    }
    a.swapaxes(-1, -2)
}

/// The diagonal `offset` of each matrix of a stack (NumPy 2's `np.linalg.diagonal(a,
/// offset=offset)`: the last two axes, unlike [`Array::diagonal`]'s default), as a view
/// `[..., k]`.
///
/// # Errors
/// [`Error::InvalidArgument`] for fewer than two axes.
///
/// ```
/// let a = gpu::Array::from_vec((0..8).collect::<Vec<i32>>(), [2, 2, 2])?;
/// assert_eq!(gpu::linalg::diagonal(&a, 0)?.to_vec()?, [0, 3, 4, 7]);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn diagonal<T: Element>(a: &Array<T>, offset: isize) -> Result<Array<T>> {
    if a.ndim() < 2 {
        let reason = format!("needs at least two axes, got shape {:?}", a.shape());
        return Err(Error::InvalidArgument { op: "diagonal", reason });
    }
    a.diagonal(offset, -2, -1)
}

/// The trace (sum of diagonal `offset`) of each matrix of a stack (NumPy 2's
/// `np.linalg.trace(a, offset=offset)`, over the last two axes): `[...]`, 0-d for one
/// matrix, on the device.
///
/// # Errors
/// [`Error::InvalidArgument`] for fewer than two axes.
///
/// ```
/// let a = gpu::Array::from_vec((0..8).collect::<Vec<i32>>(), [2, 2, 2])?;
/// assert_eq!(gpu::linalg::trace(&a, 0)?.to_vec()?, [3, 11]);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn trace<T: Element>(a: &Array<T>, offset: isize) -> Result<Array<T>> {
    diagonal(a, offset)?.sum_axis(-1, false)
}

/// The outer product of two vectors (NumPy 2's `np.linalg.outer`, which takes 1-D
/// operands only; [`Array::outer`] flattens instead): `[m, n]`.
///
/// # Errors
/// [`Error::InvalidArgument`] unless both are 1-D; [`Error::DeviceMismatch`].
///
/// ```
/// let a = gpu::Array::from_vec(vec![1i32, 2], [2])?;
/// let b = gpu::Array::from_vec(vec![1i32, 10, 100], [3])?;
/// assert_eq!(gpu::linalg::outer(&a, &b)?.to_vec()?, [1, 10, 100, 2, 20, 200]);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn outer<T: Element>(a: &Array<T>, b: &Array<T>) -> Result<Array<T>> {
    if a.ndim() != 1 || b.ndim() != 1 {
        let reason = format!("needs two vectors, got shapes {:?} and {:?}", a.shape(), b.shape());
        return Err(Error::InvalidArgument { op: "outer", reason });
    }
    common_device("outer", a.device(), b.device())?;
    a.outer(b)
}

#[cfg(test)]
mod tests {
    use super::chain_order;

    /// The parenthesisation of matrices `i..=j` as text, from the split table.
    fn show(split: &[Vec<usize>], i: usize, j: usize) -> String {
        if i == j {
            return format!("A{}", i + 1);
        }
        let k = split[i][j];
        format!("({}{})", show(split, i, k), show(split, k + 1, j))
    }

    #[test]
    fn chain_order_is_the_cheapest() {
        // CLRS 15.2's example: 30×35, 35×15, 15×5, 5×10, 10×20, 20×25 → 15,125
        // multiplications as ((A1(A2A3))((A4A5)A6)).
        let split = chain_order(&[30, 35, 15, 5, 10, 20, 25]);
        assert_eq!(show(&split, 0, 5), "((A1(A2A3))((A4A5)A6))");
        // A 1-D last operand: (10×100)(100×5)(5×1) is cheapest as A1(A2A3).
        assert_eq!(show(&chain_order(&[10, 100, 5, 1]), 0, 2), "(A1(A2A3))");
        assert_eq!(show(&chain_order(&[1, 5, 100, 10]), 0, 2), "((A1A2)A3)");
    }
}
