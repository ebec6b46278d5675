//! Dense linear algebra (NumPy's `np.linalg.solve`, `inv`, `det`, `slogdet`,
//! `matrix_power`, `cholesky`, SciPy's `solve_triangular`): LU factorisation with
//! partial pivoting and the Cholesky factorisation, composed from kernels every backend
//! has.
//!
//! Every factorisation works on a stack of matrices `[..., n, n]` at once, as NumPy's
//! gufuncs do: the leading axes only widen each kernel, so a stack costs the launches
//! of one matrix. Step `k` finds each matrix's pivot (an `argmax` along the column, on
//! the device), swaps rows with a `take_along_axis` whose indices are made on the
//! device from the pivots' positions, and applies the rank-1 update `A -= l ⊗ u` as broadcast products
//! masked to the trailing block. The substitutions are rank-1 updates of the right-hand
//! sides in the same way. The loop runs on the host and nothing it decides needs data
//! from the device: each step is a fixed set of kernels (about 20), so an `n × n` system
//! takes about `30 n` launches and `O(n³)` work. That suits the moderate sizes these
//! functions are used at; LAPACK-style blocked kernels are a backend job left for later.
//!
//! `solve` and `inv` download one `bool`: whether any pivot is exactly zero, so a
//! singular matrix is [`Error::Singular`] (NumPy's `LinAlgError`) rather than a result
//! full of infinities. `det` and `slogdet` download nothing (a singular matrix has
//! determinant 0).

use crate::array::Array;
use crate::dtype::{Element, Float};
use crate::error::{Error, Result};
use crate::layout::broadcast_shapes;
use crate::ops::common_device;
use crate::ops::elementwise::where_;

/// An LU factorisation `P·A = L·U` of each matrix of a stack `[..., n, n]`: `L` (unit
/// diagonal, below it) and `U` (on and above it) packed into one stack, the row orders
/// `perm` (`[..., n]`; `P·A = A.take_along_axis(perm[..., None], -2)`), and the
/// permutations' signs (±1, `[...]`).
struct Lu<T: Float> {
    lu: Array<T>,
    perm: Array<u32>,
    sign: Array<T>,
}

/// `n` of a stack of square matrices `[..., n, n]`.
fn square<T: Float>(op: &'static str, a: &Array<T>) -> Result<usize> {
    match a.shape() {
        [.., n, m] if n == m => Ok(*n),
        s => {
            let reason = format!("needs a square matrix or a stack of them [..., n, n], got shape {s:?}");
            Err(Error::InvalidArgument { op, reason })
        }
    }
}

/// The leading (stack) axes of `a`.
pub(super) fn batch<T: Element>(a: &Array<T>) -> &[usize] {
    &a.shape()[..a.ndim().saturating_sub(2)]
}

/// Masks made once per factorisation or solve and read a row at a time as views, so
/// the loops launch no kernels for them: `eye[k]` is `e_k` and `after[k][i]` is
/// `i > k` (as `T`: the identity and the strict upper triangle of ones), `is[k]` is
/// `e_k` as a mask, `positions` is `0..n`. Each broadcasts over a stack's leading axes.
struct Masks<T: Float> {
    eye: Array<T>,
    after: Array<T>,
    is: Array<bool>,
    positions: Array<u32>,
}

impl<T: Float> Masks<T> {
    fn new(n: usize, like: &Array<T>) -> Result<Masks<T>> {
        let dev = like.device();
        let eye = Array::<T>::eye(n, dev)?;
        Ok(Masks {
            is: eye.ne_scalar(T::ZERO)?,
            after: Array::<T>::ones([n, n], dev)?.triu(1)?,
            positions: Array::<u32>::arange(0, n as u32, 1, dev)?,
            eye,
        })
    }

    /// `e_k`.
    fn e(&self, k: usize) -> Result<Array<T>> {
        self.eye.index_axis(0, k as isize)
    }

    /// 1 where `i > k`.
    fn after(&self, k: usize) -> Result<Array<T>> {
        self.after.index_axis(0, k as isize)
    }

    /// 1 where `i < k`.
    fn before(&self, k: usize) -> Result<Array<T>> {
        self.after.index_axis(1, k as isize)
    }
}

impl<T: Element> Array<T> {
    /// `m[..., i, j]` of a stack of matrices: `[...]`.
    pub(super) fn entry(&self, i: usize, j: usize) -> Result<Array<T>> {
        self.index_axis(-2, i as isize)?.index_axis(-1, j as isize)
    }

    /// Column `j` of each matrix of a stack: `[..., n]`.
    pub(super) fn column(&self, j: usize) -> Result<Array<T>> {
        self.index_axis(-1, j as isize)
    }

    /// Row `i` of each matrix of a stack: `[..., m]`.
    pub(super) fn row(&self, i: usize) -> Result<Array<T>> {
        self.index_axis(-2, i as isize)
    }
}

impl<T: Float> Array<T> {
    /// Batched outer product `col[..., i] · row[..., j]` → `[..., n, m]` (the stacks
    /// broadcast).
    pub(super) fn outer_stack(&self, row: &Array<T>) -> Result<Array<T>> {
        self.unsqueeze(-1)?.mul(&row.unsqueeze(-2)?)
    }
}

/// Factors each matrix of `a` (`[..., n, n]`); with `check`, a zero pivot in any of
/// them is [`Error::Singular`] (one `bool` downloaded). A zero pivot leaves its column
/// below unscaled, as LAPACK's `getrf` does (the column is all zeros then), so the
/// factors stay finite either way.
fn factor<T: Float>(op: &'static str, a: &Array<T>, check: bool) -> Result<Lu<T>> {
    let n = square(op, a)?;
    let dev = a.device().clone();
    let masks = Masks::new(n, a)?;
    let one = Array::<T>::scalar(T::ONE, &dev)?;
    let mut lu = a.contiguous()?;
    let mut perm = masks.positions.broadcast_to([batch(a), &[n]].concat())?;
    let mut sign = one.broadcast_to(batch(a))?;
    for k in 0..n {
        // Pivot: the largest |lu[..., i, k]| for i >= k, found on the device ([...] u32).
        let below_diag = lu.column(k)?.slice(-1, Some(k as isize), None, 1)?;
        let p = below_diag.abs()?.argmax_axis(-1, false)?.add_scalar(k as u32)?;
        // Swap rows k and p of each matrix: positions k <-> p, the rest in place.
        let (k_at, p_col) = (masks.positions.index_axis(0, k as isize)?, p.unsqueeze(-1)?);
        let p_or_rest = where_(&masks.positions.eq(&p_col)?, &k_at, &masks.positions)?;
        let swap = where_(&masks.is.index_axis(0, k as isize)?, &p_col, &p_or_rest)?;
        lu = lu.take_along_axis(&swap.unsqueeze(-1)?, -2)?;
        perm = perm.take_along_axis(&swap, -1)?;
        sign = where_(&p.ne(&k_at)?, &sign.neg()?, &sign)?;
        if k + 1 == n {
            break;
        }
        // l = lu[k+1:, k] / pivot (as a full column, zero at and above k); u = lu[k, k+1:].
        let below = masks.after(k)?;
        let col_below = lu.column(k)?.mul(&below)?;
        let pivot = lu.entry(k, k)?;
        let l = col_below.div(&where_(&pivot.eq_scalar(T::ZERO)?, &one, &pivot)?.unsqueeze(-1)?)?;
        let u = lu.row(k)?.mul(&below)?;
        // Trailing block minus l ⊗ u; column k below the pivot replaced by l.
        let update = l.outer_stack(&u)?.add(&col_below.sub(&l)?.outer_stack(&masks.e(k)?)?)?;
        lu = lu.sub(&update)?;
    }
    // One download: is any pivot exactly zero?
    if check && n > 0 && lu.diagonal(0, -2, -1)?.eq_scalar(T::ZERO)?.any()?.item()? {
        return Err(Error::Singular { op, shape: a.shape().to_vec() });
    }
    Ok(Lu { lu, perm, sign })
}

/// Solves `L·U·x = b'` for each factored matrix, `b'` (rows already permuted) of shape
/// `[..., n, m]` (its stack axes broadcast with the factors'): forward substitution with
/// the unit lower triangle, then backward with the upper.
fn substitute<T: Float>(f: &Lu<T>, b: Array<T>) -> Result<Array<T>> {
    let n = b.shape()[b.ndim() - 2];
    let masks = Masks::new(n, &f.lu)?;
    let y = sweep(&f.lu, b, &masks, Triangle::Lower, true)?;
    sweep(&f.lu, y, &masks, Triangle::Upper, false)
}

/// One substitution through the `triangle` of `t` (`[..., n, n]`, the other triangle
/// not read) for right-hand sides `y` (`[..., n, m]`): a rank-1 update of `y` per
/// step — row `k` becomes `x[k] = y[k] / t[k, k]` (or `y[k]` with a unit diagonal)
/// and the rows still to come lose `t[i, k] · x[k]`.
fn sweep<T: Float>(
    t: &Array<T>,
    mut y: Array<T>,
    masks: &Masks<T>,
    triangle: Triangle,
    unit: bool,
) -> Result<Array<T>> {
    let n = y.shape()[y.ndim() - 2];
    let order: Box<dyn Iterator<Item = usize>> = match triangle {
        Triangle::Lower => Box::new(0..n),
        Triangle::Upper => Box::new((0..n).rev()),
    };
    for k in order {
        let rest = match triangle {
            Triangle::Lower => masks.after(k)?,
            Triangle::Upper => masks.before(k)?,
        };
        let yk = y.row(k)?;
        let xk = if unit { yk.clone() } else { yk.div(&t.entry(k, k)?.unsqueeze(-1)?)? };
        y = y.sub(&t.column(k)?.mul(&rest)?.outer_stack(&xk)?)?;
        if !unit {
            y = y.add(&masks.e(k)?.outer_stack(&xk.sub(&yk)?)?)?;
        }
    }
    Ok(y)
}

/// Which triangle of a matrix [`solve_triangular`] reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Triangle {
    /// On and below the diagonal (SciPy's `lower=True`).
    Lower,
    /// On and above the diagonal (`lower=False`).
    Upper,
}

/// Solves `t · x = b` for a triangular `t` (SciPy's and CuPy's
/// `solve_triangular(t, b, lower=..., unit_diagonal=...)`): only `t`'s `triangle` is
/// read, and with `unit_diagonal` its diagonal is taken as ones without being read.
/// `t` is `[..., n, n]` and `b` is `[n]` or `[..., n, m]`, with stacks broadcast as in
/// [`solve`]. One substitution (`n` rank-1 updates) — pairs with [`cholesky`]:
/// `a·x = b` is `solve_triangular(Lᵀ, solve_triangular(L, b, Lower), Upper)`.
///
/// # Errors
/// [`Error::Singular`] when a diagonal element is exactly zero (one `bool` downloaded;
/// none with `unit_diagonal`); [`Error::InvalidArgument`] and
/// [`Error::DeviceMismatch`] as [`solve`].
///
/// ```
/// use gpu::{linalg::{solve_triangular, Triangle}, Array};
/// let l = Array::from_vec(vec![2.0f64, 0.0, 1.0, 4.0], [2, 2])?;
/// let b = Array::from_vec(vec![4.0f64, 10.0], [2])?;
/// assert_eq!(solve_triangular(&l, &b, Triangle::Lower, false)?.to_vec()?, [2.0, 2.0]);
/// // The upper triangle of the same array: [[2, 0], [0, 4]].
/// assert_eq!(solve_triangular(&l, &b, Triangle::Upper, false)?.to_vec()?, [2.0, 2.5]);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn solve_triangular<T: Float>(
    t: &Array<T>,
    b: &Array<T>,
    triangle: Triangle,
    unit_diagonal: bool,
) -> Result<Array<T>> {
    let op = "solve_triangular";
    let (b, stack, vector) = rhs(op, t, b)?;
    let n = t.shape()[t.ndim() - 1];
    if !unit_diagonal && n > 0 && t.diagonal(0, -2, -1)?.eq_scalar(T::ZERO)?.any()?.item()? {
        return Err(Error::Singular { op, shape: t.shape().to_vec() });
    }
    let (m, masks) = (b.shape()[b.ndim() - 1], Masks::new(n, t)?);
    let x = sweep(t, b.broadcast_to([&stack[..], &[n, m]].concat())?, &masks, triangle, unit_diagonal)?;
    if vector {
        x.squeeze(-1)
    } else {
        Ok(x)
    }
}

/// Checks the right-hand sides `b` of a system with matrices `a` (`[..., n, n]`) by
/// NumPy 2's rules: `b` as `[..., n, m]` (a 1-D `b` gets a column axis), the stack both
/// broadcast to, and whether `b` was 1-D (the column axis is dropped from the result).
fn rhs<T: Float>(op: &'static str, a: &Array<T>, b: &Array<T>) -> Result<(Array<T>, Vec<usize>, bool)> {
    common_device(op, a.device(), b.device())?;
    let n = square(op, a)?;
    let vector = b.ndim() == 1;
    let bad = || {
        let reason = format!("b of shape {:?} for a of shape {:?}: need [{n}] or [..., {n}, m]", b.shape(), a.shape());
        Err(Error::InvalidArgument { op, reason })
    };
    let b2 = if vector { b.unsqueeze(-1)? } else { b.clone() };
    if b2.ndim() < 2 || b2.shape()[b2.ndim() - 2] != n {
        return bad();
    }
    match broadcast_shapes(op, batch(a), batch(&b2)) {
        Ok(stack) => Ok((b2, stack, vector)),
        Err(_) => bad(),
    }
}

/// Solves `a · x = b` for `x` (NumPy's `np.linalg.solve`): `a` is `[..., n, n]` (one
/// matrix or a stack), `b` is `[n]` (one right-hand side for every matrix) or
/// `[..., n, m]` (`m` of them per matrix; the stack axes of `a` and `b` broadcast), and
/// `x` is `[..., n]` or `[..., n, m]` — NumPy 2's rules. LU with partial pivoting on
/// the device (see the module notes for its cost); a stack is factored in the same
/// number of launches as one matrix.
///
/// # Errors
/// [`Error::Singular`] when a pivot of any matrix is exactly zero;
/// [`Error::InvalidArgument`] for non-square matrices, a `b` of another length or stack
/// axes that do not broadcast; [`Error::DeviceMismatch`].
///
/// ```
/// use gpu::Array;
/// let a = Array::from_vec(vec![3.0f64, 1.0, 1.0, 2.0], [2, 2])?;
/// let b = Array::from_vec(vec![9.0f64, 8.0], [2])?;
/// let x = gpu::linalg::solve(&a, &b)?.to_vec()?;
/// assert!((x[0] - 2.0).abs() < 1e-12 && (x[1] - 3.0).abs() < 1e-12);
/// // Two systems at once: diag(2, 4) and diag(1, 8), each with b = [8, 8].
/// let a2 = Array::from_vec(vec![2.0f64, 0.0, 0.0, 4.0, 1.0, 0.0, 0.0, 8.0], [2, 2, 2])?;
/// assert_eq!(gpu::linalg::solve(&a2, &Array::from_vec(vec![8.0f64, 8.0], [2])?)?.to_vec()?, [4.0, 2.0, 8.0, 1.0]);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn solve<T: Float>(a: &Array<T>, b: &Array<T>) -> Result<Array<T>> {
    let (b, stack, vector) = rhs("solve", a, b)?;
    let f = factor("solve", a, true)?;
    let x = substitute(&f, permute_rows(&f, &b, &stack)?)?;
    if vector {
        x.squeeze(-1)
    } else {
        Ok(x)
    }
}

/// `b` (`[..., n, m]`) broadcast to the stack `stack` and its rows put in each
/// factorisation's pivot order.
fn permute_rows<T: Float>(f: &Lu<T>, b: &Array<T>, stack: &[usize]) -> Result<Array<T>> {
    let (n, m) = (b.shape()[b.ndim() - 2], b.shape()[b.ndim() - 1]);
    let b = b.broadcast_to([stack, &[n, m]].concat())?;
    let perm = f.perm.broadcast_to([stack, &[n]].concat())?;
    b.take_along_axis(&perm.unsqueeze(-1)?, -2)
}

/// The inverse of a square matrix, or of each matrix of a stack `[..., n, n]` (NumPy's
/// `np.linalg.inv`): `solve(a, I)`.
///
/// # Errors
/// As [`solve`].
///
/// ```
/// use gpu::Array;
/// let a = Array::from_vec(vec![4.0f64, 7.0, 2.0, 6.0], [2, 2])?;
/// let inv = gpu::linalg::inv(&a)?.to_vec()?;
/// let want = [0.6, -0.7, -0.2, 0.4];
/// assert!(inv.iter().zip(want).all(|(x, w)| (x - w).abs() < 1e-12));
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn inv<T: Float>(a: &Array<T>) -> Result<Array<T>> {
    inverse("inv", a, true)
}

/// `inv` without the singularity check when `!check`: a zero pivot then gives
/// infinities or NaNs instead of [`Error::Singular`], and nothing is downloaded.
pub(super) fn inverse<T: Float>(op: &'static str, a: &Array<T>, check: bool) -> Result<Array<T>> {
    let n = square(op, a)?;
    let f = factor(op, a, check)?;
    substitute(&f, permute_rows(&f, &Array::<T>::eye(n, a.device())?, batch(a))?)
}

/// The determinant of a square matrix, or of each matrix of a stack `[..., n, n]`
/// (NumPy's `np.linalg.det`), on the device (0-d, or `[...]`): the product of the LU
/// pivots times the permutation's sign. 0 for a singular matrix (no error, as NumPy),
/// 1 for a 0 × 0 one. Nothing is downloaded.
///
/// # Errors
/// [`Error::InvalidArgument`] for non-square matrices.
///
/// ```
/// use gpu::Array;
/// let a = Array::from_vec(vec![0.0f64, 2.0, 3.0, 4.0], [2, 2])?; // needs a row swap
/// assert_eq!(gpu::linalg::det(&a)?.item()?, -6.0);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn det<T: Float>(a: &Array<T>) -> Result<Array<T>> {
    let f = factor("det", a, false)?;
    f.lu.diagonal(0, -2, -1)?.prod_axis(-1, false)?.mul(&f.sign)
}

/// The sign and the natural logarithm of the absolute value of the determinant, of
/// one matrix or of each matrix of a stack (NumPy's `np.linalg.slogdet`): `det =
/// sign · exp(logabsdet)` without the overflow or underflow of the product of `n`
/// pivots. A singular matrix gives sign 0 and `logabsdet = -inf`. Nothing is
/// downloaded.
///
/// # Errors
/// [`Error::InvalidArgument`] for non-square matrices.
///
/// ```
/// use gpu::Array;
/// // det(diag(1e-200, 1e-200, -1e-200)) underflows f64, its logarithm does not.
/// let a = Array::from_vec(vec![1e-200f64, 0.0, 0.0, 0.0, 1e-200, 0.0, 0.0, 0.0, -1e-200], [3, 3])?;
/// let (sign, logabs) = gpu::linalg::slogdet(&a)?;
/// assert_eq!(sign.item()?, -1.0);
/// assert!((logabs.item()? - 3.0 * (1e-200f64).ln()).abs() < 1e-9);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn slogdet<T: Float>(a: &Array<T>) -> Result<(Array<T>, Array<T>)> {
    let f = factor("slogdet", a, false)?;
    let pivots = f.lu.diagonal(0, -2, -1)?;
    let sign = pivots.sign()?.prod_axis(-1, false)?.mul(&f.sign)?;
    Ok((sign, pivots.abs()?.ln()?.sum_axis(-1, false)?))
}

/// `a` raised to the integer power `p`, for a square matrix or each matrix of a stack
/// (NumPy's `np.linalg.matrix_power`): repeated squaring (about `2·log2 |p|` matrix
/// products), the identity for `p = 0` and the inverse's power for `p < 0`.
///
/// # Errors
/// [`Error::Singular`] for a negative power of a singular matrix;
/// [`Error::InvalidArgument`] for non-square matrices.
///
/// ```
/// use gpu::Array;
/// let a = Array::from_vec(vec![1.0f32, 1.0, 1.0, 0.0], [2, 2])?; // Fibonacci
/// assert_eq!(gpu::linalg::matrix_power(&a, 10)?.to_vec()?, [89.0, 55.0, 55.0, 34.0]);
/// assert_eq!(gpu::linalg::matrix_power(&a, -1)?.to_vec()?, [0.0, 1.0, 1.0, -1.0]);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn matrix_power<T: Float>(a: &Array<T>, p: i64) -> Result<Array<T>> {
    let n = square("matrix_power", a)?;
    let eye = Array::<T>::eye(n, a.device())?;
    let mut base = if p < 0 { inv(a)? } else { a.clone() };
    let mut e = p.unsigned_abs();
    let mut acc: Option<Array<T>> = None;
    while e > 0 {
        if e & 1 == 1 {
            acc = Some(match acc {
                Some(m) => m.matmul(&base)?,
                None => base.clone(),
            });
        }
        e >>= 1;
        if e > 0 {
            base = base.matmul(&base)?;
        }
    }
    match acc {
        Some(m) => Ok(m),
        None => eye.broadcast_to(a.shape())?.contiguous(),
    }
}

/// The Cholesky factor of a symmetric positive-definite matrix, or of each matrix of a
/// stack `[..., n, n]` (NumPy's `np.linalg.cholesky`): the lower-triangular `L` with
/// `a = L · Lᵀ`. Only the lower
/// triangle of `a` is read. Right-looking, one masked rank-1 update per column on the
/// device (about 12 kernels each); one `bool` is downloaded to report a matrix that is
/// not positive definite.
///
/// # Errors
/// [`Error::NotPositiveDefinite`] when a diagonal step of any matrix is not positive
/// (or NaN);
/// [`Error::InvalidArgument`] for a non-square matrix.
///
/// ```
/// use gpu::Array;
/// let a = Array::from_vec(vec![4.0f64, 2.0, 2.0, 5.0], [2, 2])?;
/// assert_eq!(gpu::linalg::cholesky(&a)?.to_vec()?, vec![2.0, 0.0, 1.0, 2.0]);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn cholesky<T: Float>(a: &Array<T>) -> Result<Array<T>> {
    let n = square("cholesky", a)?;
    let masks = Masks::new(n, a)?;
    let mut w = a.contiguous()?;
    let mut l = Array::<T>::zeros(a.shape(), a.device())?;
    for k in 0..n {
        // c = w[..., k:, k] / sqrt(w[..., k, k]) as a full column (zero above k).
        let (e_k, after) = (masks.e(k)?, masks.after(k)?);
        let from_k = after.add(&e_k)?;
        let d = w.entry(k, k)?.sqrt()?.unsqueeze(-1)?;
        let c = w.column(k)?.mul(&from_k)?.div(&d)?;
        l = l.add(&c.outer_stack(&e_k)?)?;
        if k + 1 < n {
            let below = c.mul(&after)?;
            w = w.sub(&below.outer_stack(&below)?)?;
        }
    }
    // One download: every diagonal step positive (a NaN from a negative square root fails too).
    if n > 0 && !l.diagonal(0, -2, -1)?.gt_scalar(T::ZERO)?.all()?.item()? {
        return Err(Error::NotPositiveDefinite { op: "cholesky", shape: a.shape().to_vec() });
    }
    Ok(l)
}
