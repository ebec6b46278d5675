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
pub(super) const MAX_SWEEPS: usize = 40;

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

/// The round-robin schedule of a Jacobi method over `n` indices (padded to an even
/// `np`): the circle method pairs positions `(j, np-1-j)`; between rounds position 0
/// stays and the others move one on (`new[1] = old[np-1]`, `new[j] = old[j-1]`), so every
/// pair meets once in `np - 1` rounds. The host tracks which original index sits where
/// (the schedule does not depend on the data), the device only applies `order`.
pub(super) struct Tournament {
    n: usize,
    np: usize,
    half: usize,
    /// Position `j` of the next round takes column `order[j]` of `[p'..., q'...]`
    /// (the rotated halves, `q'` in pair order, i.e. reversed).
    order: Array<u32>,
    /// `arrangement[j]`: the original index at position `j`.
    arrangement: Vec<usize>,
}

/// The plane rotations of one round, `[..., 1, np/2]` each, ready to broadcast over
/// rows: pair `j` maps `(x_p, x_q)` to `(c·x_p - s·x_q, s·x_p + c·x_q)`.
pub(super) struct Rotation<T: Float> {
    c: Array<T>,
    s: Array<T>,
}

impl Tournament {
    pub(super) fn new(n: usize, dev: &crate::Device) -> Result<Tournament> {
        let np = n + n % 2;
        let half = np / 2;
        let j = Array::<u32>::arange(0, np as u32, 1, dev)?;
        let u32s = |x: usize| Array::<u32>::scalar(x as u32, dev);
        let from = where_(
            &j.eq_scalar(0)?,
            &u32s(0)?,
            &where_(&j.eq_scalar(1)?, &u32s(np.saturating_sub(1))?, &j.sub_scalar(1)?)?,
        )?;
        let order = where_(&from.lt_scalar(half as u32)?, &from, &u32s((np + half).saturating_sub(1))?.sub(&from)?)?;
        Ok(Tournament { n, np, half, order, arrangement: (0..np).collect() })
    }

    /// Rounds in a sweep.
    pub(super) fn rounds(&self) -> usize {
        self.np.saturating_sub(1)
    }

    /// The two members of every pair along the last axis: `(x[..., :half], x[..., np-1:half-1:-1])`.
    pub(super) fn pairs<T: Float>(&self, x: &Array<T>) -> Result<(Array<T>, Array<T>)> {
        let (np, half) = (self.np as isize, self.half as isize);
        Ok((x.slice(-1, Some(0), Some(half), 1)?, x.slice(-1, Some(np - 1), Some(half - 1), -1)?))
    }

    /// `x` (`[..., r, np]`) with every pair of columns rotated, in the next round's order.
    pub(super) fn turn<T: Float>(&self, x: &Array<T>, rot: &Rotation<T>) -> Result<Array<T>> {
        let (xp, xq) = self.pairs(x)?;
        let new_p = xp.mul(&rot.c)?.sub(&xq.mul(&rot.s)?)?;
        let new_q = xp.mul(&rot.s)?.add(&xq.mul(&rot.c)?)?;
        concatenate(&[new_p, new_q], -1)?.take(&self.order, -1)
    }

    /// Moves the host's record on by one round (after the `turn`s of that round).
    pub(super) fn advance(&mut self) {
        let (old, np) = (&self.arrangement, self.np);
        self.arrangement = (0..np).map(|i| old[[0, np - 1].get(i).copied().unwrap_or_else(|| i - 1)]).collect();
    }

    /// `x` without the padding index `n` (its current position along `axis`, which is
    /// -1 or -2); unchanged when `n` was even.
    pub(super) fn unpad<T: Float>(&self, x: &Array<T>, axis: isize) -> Result<Array<T>> {
        let Some(at) = self.arrangement.iter().position(|&c| c == self.n) else {
            return Ok(x.clone()); // n even: no padding
        };
        let at = at as isize;
        concatenate(&[x.slice(axis, None, Some(at), 1)?, x.slice(axis, Some(at + 1), None, 1)?], axis)
    }
}

impl<T: Float> Rotation<T> {
    /// The Jacobi rotations that zero `γ` of the 2 × 2 symmetric blocks `[[α, γ], [γ, β]]`
    /// (`[..., np/2]` each) where `rotate`, the identity elsewhere:
    /// `t = sign(ζ) / (|ζ| + √(1 + ζ²))`, `ζ = (β - α) / 2γ`, `c = 1/√(1 + t²)`, `s = c·t`.
    pub(super) fn new(
        alpha: &Array<T>,
        beta: &Array<T>,
        gamma: &Array<T>,
        rotate: &Array<bool>,
    ) -> Result<Rotation<T>> {
        let dev = alpha.device();
        let (one, zero) = (Array::<T>::scalar(T::ONE, dev)?, Array::<T>::scalar(T::ZERO, dev)?);
        let zeta = beta.sub(alpha)?.div(&gamma.mul_scalar(T::from_f64(2.0))?)?;
        let sign = where_(&zeta.lt_scalar(T::ZERO)?, &one.neg()?, &one)?;
        let t = sign.div(&zeta.abs()?.add(&zeta.hypot_scalar(T::ONE)?)?)?;
        let c0 = t.square()?.add_scalar(T::ONE)?.sqrt()?.recip()?;
        Ok(Rotation {
            c: where_(rotate, &c0, &one)?.unsqueeze(-2)?,
            s: where_(rotate, &c0.mul(&t)?, &zero)?.unsqueeze(-2)?,
        })
    }
}

/// `a` with one zero column appended when `n` is odd (so the tournament has pairs
/// only; the padding never rotates, its `γ` being exactly 0).
pub(super) fn pad_odd<T: Float>(a: &Array<T>, axes: &[isize]) -> Result<Array<T>> {
    let n = a.shape()[a.ndim() - 1];
    if n.is_multiple_of(2) {
        return a.contiguous();
    }
    let mut out = a.clone();
    for &axis in axes {
        let mut shape = out.shape().to_vec();
        let at = (shape.len() as isize + axis) as usize;
        shape[at] = 1;
        out = concatenate(&[out.clone(), Array::<T>::zeros(shape, a.device())?], axis)?;
    }
    Ok(out)
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
    let mut tour = Tournament::new(n, dev)?;
    let mut w = pad_odd(a, &[-1])?;
    let np = w.shape()[w.ndim() - 1];
    let mut v = match with_v {
        true => Some(Array::<T>::eye(np, dev)?.broadcast_to([&stack[..], &[np, np]].concat())?),
        false => None,
    };
    let tol = T::from_f64(T::EPSILON.to_f64() * (m.max(1) as f64).sqrt());
    for _ in 0..MAX_SWEEPS {
        let mut rotated = Array::<bool>::scalar(false, dev)?;
        for _ in 0..tour.rounds() {
            // The Gram entries of every pair: α = ‖w_p‖², β = ‖w_q‖², γ = w_p·w_q.
            let (p, q) = tour.pairs(&w)?;
            let alpha = p.square()?.sum_axis(-2, false)?;
            let beta = q.square()?.sum_axis(-2, false)?;
            let gamma = p.mul(&q)?.sum_axis(-2, false)?;
            // Rotate where |γ| > tol·√α·√β (not yet orthogonal to working precision).
            let rotate = gamma.abs()?.gt(&alpha.sqrt()?.mul(&beta.sqrt()?)?.mul_scalar(tol)?)?;
            rotated = rotated.logical_or(&rotate.any()?)?;
            let rot = Rotation::new(&alpha, &beta, &gamma, &rotate)?;
            w = tour.turn(&w, &rot)?;
            if let Some(vm) = &v {
                v = Some(tour.turn(vm, &rot)?);
            }
            tour.advance();
        }
        if !rotated.item()? {
            break;
        }
    }
    // Drop the padding column (and V's padding row, still in place), then sort by σ descending.
    let w = tour.unpad(&w, -1)?;
    let v = match v {
        Some(vm) => Some(tour.unpad(&vm.slice(-2, None, Some(n as isize), 1)?, -1)?),
        None => None,
    };
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
