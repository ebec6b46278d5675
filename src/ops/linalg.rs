//! `dot` and `matmul` with NumPy semantics.

use super::{resolve_pair, AsArray};
use crate::array::{check_output, check_supported, Array};
use crate::backend::{Backend, BinaryOp, View};
use crate::device::on_backend;
use crate::dtype::Element;
use crate::error::{Error, Result};
use crate::layout::{broadcast_shapes, Layout};
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
