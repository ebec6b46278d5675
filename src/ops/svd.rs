//! The singular value decomposition (NumPy's `np.linalg.svd`, `svdvals`) by one-sided
//! Jacobi rotations composed from kernels every backend has, and what it gives:
//! `pinv`, `matrix_rank`, `lstsq`, and the 2- and nuclear norms.
//!
//! One-sided (Hestenes) Jacobi orthogonalises the columns of `W = A·V` by plane
//! rotations of column pairs; when no pair needs a rotation, the column norms are the
//! singular values, `V` the right singular vectors, and the normalised columns the left
//! ones. Pairs are rotated `n / 2` at a time — a round-robin tournament (the circle
//! method) in which every pair meets once per sweep of `n - 1` rounds — so a round is a
//! fixed set of about 40 kernels over the whole matrix (a stack `[..., m, n]` in the same
//! launches): the Gram entries `α = ‖w_p‖²`, `β = ‖w_q‖²`, `γ = w_p·w_q` of every pair as
//! column reductions, the rotations elementwise, the rotated columns written back in the
//! next round's order by one `take`. A pair is rotated while `|γ| > √m·ε·√(αβ)` (LAPACK's
//! `gesvj` threshold); after each sweep one `bool` is downloaded — did any pair
//! rotate? — and the loop stops at the first quiet sweep (quadratic convergence: about
//! 6–10 sweeps). Jacobi is accurate to the precision of each singular value, small ones
//! included. The left vectors come from a QR factorisation of the sorted `W` (so
//! rank-deficient matrices and `full_matrices` get orthonormal completions).

use crate::array::Array;
use crate::dtype::Float;
use crate::error::{Error, Result};
use crate::ops::elementwise::where_;
use crate::ops::join::concatenate;
use crate::ops::qr::{qr, QrMode};
use crate::ops::solve::batch;

/// More sweeps than convergence ever needs for finite input (it is quadratic); the
/// loop stops there even if a pair still rotates (only NaN or infinite input could).
const MAX_SWEEPS: usize = 40;

/// `[..., m, n]` of `op`'s argument.
fn matrix_dims<T: Float>(op: &'static str, a: &Array<T>) -> Result<(usize, usize)> {
    match a.shape() {
        [.., m, n] => Ok((*m, *n)),
        s => {
            let reason = format!("needs a matrix or a stack of them [..., m, n], got shape {s:?}");
            Err(Error::InvalidArgument { op, reason })
        }
    }
}

/// One-sided Jacobi on `a` (`[..., m, n]`): `W = A·V` with orthogonal columns, their
/// norms `σ` sorted descending, and `V` (with `with_v`), columns in the same order.
struct Jacobi<T: Float> {
    w: Array<T>,
    sigma: Array<T>,
    v: Option<Array<T>>,
}

fn jacobi<T: Float>(a: &Array<T>, with_v: bool) -> Result<Jacobi<T>> {
    let (m, n) = (a.shape()[a.ndim() - 2], a.shape()[a.ndim() - 1]);
    let dev = a.device();
    let stack = batch(a).to_vec();
    if n == 0 {
        let v = with_v.then(|| Array::<T>::zeros([&stack[..], &[0, 0]].concat(), dev)).transpose()?;
        return Ok(Jacobi { w: a.contiguous()?, sigma: Array::<T>::zeros([&stack[..], &[0]].concat(), dev)?, v });
    }
    // An odd count gets a zero column: it never rotates (its γ is exactly 0) and is
    // dropped at the end, at the position the host tracks.
    let np = n + n % 2;
    let half = np / 2;
    let mut w = if np > n {
        concatenate(&[a.clone(), Array::<T>::zeros([&stack[..], &[m, 1]].concat(), dev)?], -1)?
    } else {
        a.contiguous()?
    };
    let mut v = match with_v {
        true => Some(Array::<T>::eye(np, dev)?.broadcast_to([&stack[..], &[np, np]].concat())?),
        false => None,
    };
    // Circle method: pairs (j, np-1-j); between rounds position 0 stays, the others
    // rotate by one (new[1] = old[np-1], new[j] = old[j-1]). `order` applies that to the
    // rotated columns laid out as [p'..., q'...] (q' in pair order, i.e. reversed).
    let j = Array::<u32>::arange(0, np as u32, 1, dev)?;
    let u32s = |x: usize| Array::<u32>::scalar(x as u32, dev);
    let from = where_(&j.eq_scalar(0)?, &u32s(0)?, &where_(&j.eq_scalar(1)?, &u32s(np - 1)?, &j.sub_scalar(1)?)?)?;
    let order = where_(&from.lt_scalar(half as u32)?, &from, &u32s(np - 1 + half)?.sub(&from)?)?;
    let mut arrangement: Vec<usize> = (0..np).collect();
    let tol = T::from_f64(T::EPSILON.to_f64() * (m.max(1) as f64).sqrt());
    let (one, zero) = (Array::<T>::scalar(T::ONE, dev)?, Array::<T>::scalar(T::ZERO, dev)?);
    for _ in 0..MAX_SWEEPS {
        let mut rotated = Array::<bool>::scalar(false, dev)?;
        for _ in 0..np.saturating_sub(1) {
            let p = w.slice(-1, Some(0), Some(half as isize), 1)?;
            let q = w.slice(-1, Some(np as isize - 1), Some(half as isize - 1), -1)?;
            let alpha = p.square()?.sum_axis(-2, false)?;
            let beta = q.square()?.sum_axis(-2, false)?;
            let gamma = p.mul(&q)?.sum_axis(-2, false)?;
            // Rotate where |γ| > tol·√α·√β; t = sign(ζ) / (|ζ| + √(1 + ζ²)), ζ = (β - α) / 2γ.
            let rotate = gamma.abs()?.gt(&alpha.sqrt()?.mul(&beta.sqrt()?)?.mul_scalar(tol)?)?;
            let zeta = beta.sub(&alpha)?.div(&gamma.mul_scalar(T::from_f64(2.0))?)?;
            let sign = where_(&zeta.lt_scalar(T::ZERO)?, &one.neg()?, &one)?;
            let t = sign.div(&zeta.abs()?.add(&zeta.hypot_scalar(T::ONE)?)?)?;
            let c0 = t.square()?.add_scalar(T::ONE)?.sqrt()?.recip()?;
            let c = where_(&rotate, &c0, &one)?.unsqueeze(-2)?;
            let s = where_(&rotate, &c0.mul(&t)?, &zero)?.unsqueeze(-2)?;
            rotated = rotated.logical_or(&rotate.any()?)?;
            let turn = |x: &Array<T>| -> Result<Array<T>> {
                let (xp, xq) = (
                    x.slice(-1, Some(0), Some(half as isize), 1)?,
                    x.slice(-1, Some(np as isize - 1), Some(half as isize - 1), -1)?,
                );
                let new_p = xp.mul(&c)?.sub(&xq.mul(&s)?)?;
                let new_q = xp.mul(&s)?.add(&xq.mul(&c)?)?;
                concatenate(&[new_p, new_q], -1)?.take(&order, -1)
            };
            w = turn(&w)?;
            if let Some(vm) = &v {
                v = Some(turn(vm)?);
            }
            arrangement = (0..np)
                .map(|i| {
                    arrangement[if i == 0 {
                        0
                    } else if i == 1 {
                        np - 1
                    } else {
                        i - 1
                    }]
                })
                .collect();
        }
        if !rotated.item()? {
            break;
        }
    }
    // Drop the padding column (and V's padding row), then sort by σ descending.
    if np > n {
        let at = arrangement.iter().position(|&c| c == n).unwrap_or(np - 1) as isize;
        let drop = |x: &Array<T>| -> Result<Array<T>> {
            concatenate(&[x.slice(-1, None, Some(at), 1)?, x.slice(-1, Some(at + 1), None, 1)?], -1)
        };
        w = drop(&w)?;
        if let Some(vm) = &v {
            v = Some(drop(&vm.slice(-2, None, Some(n as isize), 1)?)?);
        }
    }
    let sigma = w.square()?.sum_axis(-2, false)?.sqrt()?;
    let rank = sigma.neg()?.argsort(-1)?;
    let columns = rank.unsqueeze(-2)?;
    Ok(Jacobi {
        w: w.take_along_axis(&columns, -1)?,
        sigma: sigma.take_along_axis(&rank, -1)?,
        v: match v {
            Some(vm) => Some(vm.take_along_axis(&columns, -1)?),
            None => None,
        },
    })
}

/// The singular value decomposition `a = U · diag(S) · Vh` of a matrix or of each
/// matrix of a stack `[..., m, n]` (NumPy's `np.linalg.svd(a, full_matrices)`): `S`
/// (`[..., k]`, `k = min(m, n)`) descending and non-negative; `U` `[..., m, k]` and `Vh`
/// `[..., k, n]` with orthonormal columns and rows, or `[..., m, m]` and `[..., n, n]`
/// with `full_matrices`. One-sided Jacobi on the device (module notes), one `bool`
/// downloaded per sweep. Singular vectors of repeated or zero singular values are one
/// valid choice among many (as with LAPACK), and each pair `(u_i, v_i)` is defined up to
/// a common sign.
///
/// # Errors
/// [`Error::InvalidArgument`] for fewer than two axes.
///
/// ```
/// use gpu::Array;
/// let a = Array::from_vec(vec![3.0f64, 0.0, 0.0, -4.0, 0.0, 0.0], [3, 2])?;
/// let (u, s, vh) = gpu::linalg::svd(&a, false)?;
/// assert_eq!((u.shape(), s.shape(), vh.shape()), (&[3, 2][..], &[2][..], &[2, 2][..]));
/// let s = s.to_vec()?;
/// assert!((s[0] - 4.0).abs() < 1e-12 && (s[1] - 3.0).abs() < 1e-12);
/// // U · diag(S) · Vh is a again.
/// let back = gpu::matmul(&u.mul(&Array::from_vec(s, [2])?)?, &vh)?.to_vec()?;
/// assert!(back.iter().zip([3.0, 0.0, 0.0, -4.0, 0.0, 0.0]).all(|(x, y)| (x - y).abs() < 1e-12));
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn svd<T: Float>(a: &Array<T>, full_matrices: bool) -> Result<(Array<T>, Array<T>, Array<T>)> {
    let (m, n) = matrix_dims("svd", a)?;
    if m < n {
        // a = (aᵀ)ᵀ = (U' S V'ᵀ)ᵀ = V' S U'ᵀ.
        let (u, s, vh) = svd(&a.swapaxes(-1, -2)?, full_matrices)?;
        return Ok((vh.swapaxes(-1, -2)?.contiguous()?, s, u.swapaxes(-1, -2)?.contiguous()?));
    }
    let j = jacobi(a, true)?;
    let v = match j.v {
        Some(v) => v,
        None => return Err(Error::InvalidArgument { op: "svd", reason: "internal: V not accumulated".into() }),
    };
    // U: the columns of W = U·diag(S) orthonormalised (and completed) by QR; R's
    // diagonal is ±σ, so the signs of its diagonal put U's columns back in W's direction.
    let (q, r) = qr(&j.w, if full_matrices { QrMode::Complete } else { QrMode::Reduced })?;
    let d = r.diagonal(0, -2, -1)?;
    let flip = where_(
        &d.lt_scalar(T::ZERO)?,
        &Array::scalar(T::from_f64(-1.0), a.device())?,
        &Array::scalar(T::ONE, a.device())?,
    )?;
    let flip = if full_matrices && m > n {
        concatenate(&[flip, Array::<T>::ones([batch(a), &[m - n]].concat(), a.device())?], -1)?
    } else {
        flip
    };
    let u = q.mul(&flip.unsqueeze(-2)?)?;
    Ok((u, j.sigma, v.swapaxes(-1, -2)?.contiguous()?))
}

/// The singular values of a matrix or of each matrix of a stack, descending (NumPy's
/// `np.linalg.svdvals`, `svd(a, compute_uv=False)`): the Jacobi iteration of [`svd`]
/// without accumulating `V` or forming `U`.
///
/// # Errors
/// [`Error::InvalidArgument`] for fewer than two axes.
///
/// ```
/// use gpu::Array;
/// let a = Array::from_vec(vec![2.0f32, 0.0, 0.0, 0.0, 0.0, 5.0], [2, 3])?;
/// assert_eq!(gpu::linalg::svdvals(&a)?.to_vec()?, [5.0, 2.0]);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn svdvals<T: Float>(a: &Array<T>) -> Result<Array<T>> {
    let (m, n) = matrix_dims("svdvals", a)?;
    if m < n {
        return svdvals(&a.swapaxes(-1, -2)?);
    }
    Ok(jacobi(a, false)?.sigma)
}

/// The default cut-off of [`pinv`], [`matrix_rank`] and [`lstsq`] relative to the
/// largest singular value: `max(m, n) · ε` (NumPy's `rtol=None`).
fn default_rtol<T: Float>(m: usize, n: usize) -> f64 {
    m.max(n) as f64 * T::EPSILON.to_f64()
}

/// The singular values above `rtol · σ_max` as a mask (`[..., k]`), with `S`.
fn significant<T: Float>(s: &Array<T>, rtol: f64) -> Result<Array<bool>> {
    let cut = s.max_axis(-1, true)?.mul_scalar(T::from_f64(rtol))?;
    s.gt(&cut)
}

/// The Moore–Penrose pseudo-inverse (NumPy's `np.linalg.pinv(a, rtol=...)`) of a matrix
/// or of each matrix of a stack `[..., m, n]` → `[..., n, m]`: `V · diag(1/σ) · Uᵀ` over
/// the singular values above `rtol · σ_max` (`None`: `max(m, n) · ε`, NumPy's
/// `rtol=None`).
///
/// # Errors
/// As [`svd`].
///
/// ```
/// use gpu::Array;
/// let a = Array::from_vec(vec![1.0f64, 2.0, 2.0, 4.0], [2, 2])?; // rank 1
/// let p = gpu::linalg::pinv(&a, None)?.to_vec()?;
/// assert!(p.iter().zip([0.04, 0.08, 0.08, 0.16]).all(|(x, w)| (x - w).abs() < 1e-12));
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn pinv<T: Float>(a: &Array<T>, rtol: Option<f64>) -> Result<Array<T>> {
    let (m, n) = matrix_dims("pinv", a)?;
    if m.min(n) == 0 {
        return Array::<T>::zeros([batch(a), &[n, m]].concat(), a.device());
    }
    let (u, s, vh) = svd(a, false)?;
    let keep = significant(&s, rtol.unwrap_or_else(|| default_rtol::<T>(m, n)))?;
    let inv_s = where_(&keep, &s.recip()?, &Array::scalar(T::ZERO, a.device())?)?;
    vh.swapaxes(-1, -2)?.mul(&inv_s.unsqueeze(-2)?)?.matmul(&u.swapaxes(-1, -2)?)
}

/// The rank of a matrix or of each matrix of a stack (NumPy's
/// `np.linalg.matrix_rank(a, rtol=...)`): the number of singular values above
/// `rtol · σ_max` (`None`: `max(m, n) · ε`), as `u32` on the device (`[...]`).
///
/// # Errors
/// As [`svd`].
///
/// ```
/// use gpu::Array;
/// let a = Array::from_vec(vec![1.0f64, 2.0, 3.0, 2.0, 4.0, 6.0], [2, 3])?;
/// assert_eq!(gpu::linalg::matrix_rank(&a, None)?.item()?, 1);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn matrix_rank<T: Float>(a: &Array<T>, rtol: Option<f64>) -> Result<Array<u32>> {
    let (m, n) = matrix_dims("matrix_rank", a)?;
    if m.min(n) == 0 {
        return Array::<u32>::zeros(batch(a), a.device());
    }
    let s = svdvals(a)?;
    significant(&s, rtol.unwrap_or_else(|| default_rtol::<T>(m, n)))?.cast::<u32>()?.sum_axis(-1, false)
}

/// What [`lstsq`] returns: NumPy's `(x, residuals, rank, s)`.
#[derive(Debug)]
pub struct Lstsq<T: Float> {
    /// The solution, `[n]` or `[n, k]`: it minimises `‖b - a·x‖`, with the smallest
    /// norm among the minimisers.
    pub x: Array<T>,
    /// The squared residual norm of each column of `b` (`[k]`, or `[1]` for a 1-D `b`)
    /// when `rank == n < m`; empty otherwise, as NumPy.
    pub residuals: Array<T>,
    /// The rank of `a` at the cut-off (as [`matrix_rank`]).
    pub rank: usize,
    /// The singular values of `a`, descending (as [`svdvals`]).
    pub s: Array<T>,
}

/// The least-squares solution of `a · x = b` (NumPy's `np.linalg.lstsq(a, b, rcond)`):
/// `a` is `[m, n]`, `b` is `[m]` or `[m, k]`. `x` comes from the SVD with singular
/// values below `rcond · σ_max` treated as zero (`None`: `max(m, n) · ε`), see
/// [`Lstsq`] for the rest. The rank is downloaded (one `u32`) to decide the residuals'
/// shape.
///
/// # Errors
/// [`Error::InvalidArgument`] unless `a` is 2-D and `b` has `m` rows;
/// [`Error::DeviceMismatch`].
///
/// ```
/// use gpu::Array;
/// // The line y = c0 + c1·t through (0, 1), (1, 3), (2, 5), (3, 7) + noise-free: c = [1, 2].
/// let a = Array::from_vec(vec![1.0f64, 0.0, 1.0, 1.0, 1.0, 2.0, 1.0, 3.0], [4, 2])?;
/// let b = Array::from_vec(vec![1.0f64, 3.0, 5.0, 7.0], [4])?;
/// let fit = gpu::linalg::lstsq(&a, &b, None)?;
/// let x = fit.x.to_vec()?;
/// assert!((x[0] - 1.0).abs() < 1e-12 && (x[1] - 2.0).abs() < 1e-12);
/// assert_eq!((fit.rank, fit.residuals.shape()), (2, &[1][..]));
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn lstsq<T: Float>(a: &Array<T>, b: &Array<T>, rcond: Option<f64>) -> Result<Lstsq<T>> {
    crate::ops::common_device("lstsq", a.device(), b.device())?;
    let (m, n) = match a.shape() {
        &[m, n] if (1..=2).contains(&b.ndim()) && b.shape()[0] == m => (m, n),
        _ => {
            let reason =
                format!("a of shape {:?} and b of shape {:?}: need [m, n] and [m] or [m, k]", a.shape(), b.shape());
            return Err(Error::InvalidArgument { op: "lstsq", reason });
        }
    };
    let dev = a.device();
    let b2 = if b.ndim() == 1 { b.unsqueeze(-1)? } else { b.clone() };
    let (u, s, vh) = svd(a, false)?;
    if m.min(n) == 0 {
        let x = Array::<T>::zeros([&[n][..], &b2.shape()[1..]].concat(), dev)?;
        let x = if b.ndim() == 1 { x.squeeze(-1)? } else { x };
        return Ok(Lstsq { x, residuals: Array::<T>::zeros([0], dev)?, rank: 0, s });
    }
    let keep = significant(&s, rcond.unwrap_or_else(|| default_rtol::<T>(m, n)))?;
    let rank = keep.count_nonzero()?.item()? as usize;
    let inv_s = where_(&keep, &s.recip()?, &Array::scalar(T::ZERO, dev)?)?;
    // x = V · diag(1/σ) · Uᵀ b.
    let x = vh.swapaxes(-1, -2)?.matmul(&u.swapaxes(-1, -2)?.matmul(&b2)?.mul(&inv_s.unsqueeze(-1)?)?)?;
    let residuals = if rank == n && m > n {
        b2.sub(&a.matmul(&x)?)?.square()?.sum_axis(0, false)?
    } else {
        Array::<T>::zeros([0], dev)?
    };
    let x = if b.ndim() == 1 { x.squeeze(-1)? } else { x };
    Ok(Lstsq { x, residuals, rank, s })
}
