//! Real transforms of even length by a complex FFT of half the length: `rfft`'s and
//! `irfft`'s fast path.

use std::f64::consts::PI;

use super::engine::{cmul, fft_pairs, split_pairs};
use super::plan::{cached, Kind};
use super::Complex;
use crate::array::Array;
use crate::dtype::Float;
use crate::error::Result;
use crate::ops::join::{concatenate, stack};

/// The transform of real rows `[..., n]` (`n` even, ≥ 4), values `0..=n/2`, by one
/// complex FFT of half the length: the rows read as `n/2` pairs `z_j = x_{2j} +
/// i·x_{2j+1}` (no copy when they are dense), `Z = fft(z)`, then with `E_k = (Z_k +
/// conj Z_{h-k})/2` and `O_k = (Z_k - conj Z_{h-k})/2i` (the transforms of the even and
/// odd samples, `h = n/2`, `Z_h = Z_0`): `X_k = E_k + e^{-2πik/n}·O_k`.
pub(super) fn rfft_packed<T: Float>(x: &Array<T>) -> Result<Complex<T>> {
    let n = x.shape()[x.ndim() - 1];
    let h = n / 2;
    let mut pairs_shape = x.shape().to_vec();
    pairs_shape.pop();
    pairs_shape.extend([h, 2]);
    let dense = if x.is_contiguous() && x.layout.offset().is_multiple_of(2) { x.clone() } else { x.copy()? };
    let pairs = dense.reshape(pairs_shape)?;
    let z = fft_pairs(&pairs)?;
    // Z_k for k = 0..=h (Z_h = Z_0), and Z_{h-k}.
    let ext = concatenate(&[z.clone(), z.slice(-2, Some(0), Some(1), 1)?], -2)?;
    let rev = ext.flip(-2)?;
    let ((ar, ai), (br, bi)) = (split_pairs(&ext)?, split_pairs(&rev)?);
    let RealPlan { c, s, .. } = real_plan(x.device(), n)?;
    // 2E = (ar + br, ai - bi), 2O = (ai + bi, br - ar).
    let half = T::from_f64(0.5);
    let (er, ei) = (ar.add(&br)?.mul_scalar(half)?, ai.sub(&bi)?.mul_scalar(half)?);
    let (or, oi) = (ai.add(&bi)?, br.sub(&ar)?);
    let (wr, wi) = cmul(&c, &s, &or, &oi)?;
    Ok((er.add(&wr)?, ei.add(&wi)?))
}

/// What the packed real transforms of length `n` (even) need, made on the device once.
#[derive(Clone)]
struct RealPlan<T: Float> {
    /// `cos(2πk/n)/2` and `-sin(2πk/n)/2` for `k = 0..=n/2`.
    c: Array<T>,
    s: Array<T>,
    /// False at `k = 0` and `k = n/2` (whose imaginary parts `irfft` ignores).
    inner: Array<bool>,
    /// `[2/n, -2/n]`: the inverse's scale, conjugating each pair.
    conj_scale: Array<T>,
}

fn real_plan<T: Float>(dev: &crate::Device, n: usize) -> Result<RealPlan<T>> {
    let h = n / 2;
    cached(dev, T::DTYPE, n, Kind::RealTwiddles, || {
        let k = Array::<u32>::arange(0, h as u32 + 1, 1, dev)?;
        let angle = k.cast::<T>()?.mul_scalar(T::from_f64(2.0 * PI / n as f64))?;
        let inner = k.gt_scalar(0)?.logical_and(&k.lt_scalar(h as u32)?)?;
        let two = Array::<u32>::arange(0, 2, 1, dev)?.cast::<T>()?;
        Ok(RealPlan {
            c: angle.cos()?.mul_scalar(T::from_f64(0.5))?,
            s: angle.sin()?.mul_scalar(T::from_f64(-0.5))?,
            inner,
            conj_scale: two.mul_scalar(T::from_f64(-4.0 / n as f64))?.add_scalar(T::from_f64(2.0 / n as f64))?,
        })
    })
}

/// The inverse of [`rfft_packed`]: real rows of even length `n ≥ 4` from their values
/// `X_k`, `k = 0..=n/2` (`[..., n/2 + 1]`), by one complex FFT of `h = n/2`:
/// `Z_k = E_k + i·O_k` with `E_k = (X_k + conj X_{h-k})/2` and `O_k = (X_k - conj
/// X_{h-k})·e^{2πik/n}/2` (`k < h`), then `x_{2j} + i·x_{2j+1} = ifft(Z)_j` — the pairs
/// are the output, no copy.
pub(super) fn irfft_packed<T: Float>(xr: &Array<T>, xi: &Array<T>, n: usize) -> Result<Array<T>> {
    let h = n / 2;
    let RealPlan { c, s, inner, conj_scale } = real_plan(xr.device(), n)?;
    let zero = Array::<T>::zeros([1], xr.device())?;
    let (ar, ai) = (xr.clone(), crate::ops::elementwise::where_(&inner, xi, &zero)?);
    let (br, bi) = (ar.flip(-1)?, ai.flip(-1)?);
    let half = T::from_f64(0.5);
    let (er, ei) = (ar.add(&br)?.mul_scalar(half)?, ai.sub(&bi)?.mul_scalar(half)?);
    // O = D·(c, -s) for D = (ar - br, ai + bi).
    let (dr, di) = (ar.sub(&br)?, ai.add(&bi)?);
    let (or, oi) = (dr.mul(&c)?.add(&di.mul(&s)?)?, di.mul(&c)?.sub(&dr.mul(&s)?)?);
    // conj(Z) = (E_r - O_i, -(E_i + O_r)); ifft(Z) = conj(fft(conj Z))/h.
    let pairs = stack(&[er.sub(&oi)?, ei.add(&or)?.neg()?], -1)?.slice(-2, None, Some(h as isize), 1)?.contiguous()?;
    let y = fft_pairs(&pairs)?;
    // conj_scale is [2/n, -2/n] = [1/h, -1/h].
    let x = y.mul(&conj_scale)?;
    let mut shape = xr.shape().to_vec();
    shape.pop();
    shape.push(n);
    x.reshape(shape)
}
