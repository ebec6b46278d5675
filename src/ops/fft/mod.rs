//! Discrete Fourier transforms (NumPy's and CuPy's `fft` module). There is no complex
//! dtype, so a complex array is a pair of real arrays of one shape, `(re, im)`.
//!
//! Lengths whose prime factors are at most 61 use (unless Bluestein's algorithm is
//! cheaper, see `radices`) the Stockham autosort formulation of the mixed-radix FFT: the data of each transform is held as an `[l, m]` matrix
//! whose column `c` is the DFT of the subsequence `x[c::m]`; a step of radix `r`
//! divides `m` and multiplies `l` by `r`, each output a sum of `r` inputs with one
//! twiddle each — one step per prime factor (4s for pairs of 2s), no digit reversal,
//! run by the backend (`Backend::fft`, on (re, im) pairs). Powers of two use radix-2
//! butterflies (`E ± w·O`), all steps at once in workgroup memory or in cache for short
//! transforms. Other lengths use Bluestein's chirp-z algorithm:
//! the transform as a convolution with the chirp `e^{iπj²/n}`, done by three
//! power-of-two FFTs of length `M ≥ 2n - 1`; the chirp is computed on the host in f64
//! (`j² mod 2n` exactly) and uploaded — the only transfer these functions make, once
//! per length: twiddle tables, chirps and the transform of Bluestein's kernel are kept
//! in a plan cache ([`clear_plan_cache`], [`set_plan_cache_size`]), so a repeated
//! Bluestein transform runs two power-of-two FFTs, not three.
//!
//! Accuracy is that of a textbook FFT: errors grow like `log2(n)·ε` relative to the
//! input's norm (tested against an f64 DFT).

use std::f64::consts::PI;

use crate::array::Array;
use crate::backend::{Backend, View, LARGEST_RADIX};
use crate::device::on_backend;
use crate::dtype::{Element, Float};
use crate::error::{Error, Result};
use crate::layout::{normalize_axis, Layout};
use crate::ops::common_device;
use crate::ops::convolve::check_1d;
use crate::ops::join::{concatenate, stack};
use crate::ops::pad::PadMode;

mod plan;
use plan::{cached, Kind};
pub use plan::{clear_plan_cache, plan_cache_len, set_plan_cache_size, DEFAULT_PLAN_CACHE_SIZE};

/// A complex array as its real and imaginary parts (same shape, same device).
type Complex<T> = (Array<T>, Array<T>);

/// The discrete Fourier transform along `axis` (NumPy's `np.fft.fft(a, axis=axis)`,
/// norm `"backward"`): `X[k] = Σ_j x[j]·e^{-2πijk/n}` of the complex input `re + i·im`
/// (`im = None` for real input), as `(re, im)` of the same shape. Every other axis is a
/// batch of independent transforms.
///
/// # Errors
/// [`Error::InvalidArgument`] for an empty axis or `im` of another shape;
/// [`Error::AxisOutOfRange`]; [`Error::DeviceMismatch`].
///
/// ```
/// use gpu::{fft, Array};
/// let x = Array::from_vec(vec![1.0f64, 2.0, 3.0, 4.0], [4])?;
/// let (re, im) = fft::fft(&x, None, -1)?;
/// let close = |a: &gpu::Array<f64>, want: &[f64]| a.to_vec().map(|v| v.iter().zip(want).all(|(x, w)| (x - w).abs() < 1e-12));
/// assert!(close(&re, &[10.0, -2.0, -2.0, -2.0])?);
/// assert!(close(&im, &[0.0, 2.0, 0.0, -2.0])?);
/// // Back again.
/// let (x2, _) = fft::ifft(&re, Some(&im), -1)?;
/// assert!(x2.allclose(&x, 1e-12, 1e-12, false)?);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn fft<T: Float>(re: &Array<T>, im: Option<&Array<T>>, axis: isize) -> Result<Complex<T>> {
    transform("fft", re, im, axis, false)
}

/// The inverse transform along `axis` (NumPy's `np.fft.ifft`): `x[j] = (1/n)·Σ_k
/// X[k]·e^{2πijk/n}`.
///
/// # Errors
/// As [`fft`].
pub fn ifft<T: Float>(re: &Array<T>, im: Option<&Array<T>>, axis: isize) -> Result<Complex<T>> {
    transform("ifft", re, im, axis, true)
}

/// The transform over several axes in turn (NumPy's `np.fft.fftn(a, axes=axes)`;
/// `fft2` is `axes = [-2, -1]`).
///
/// # Errors
/// As [`fft`]; [`Error::InvalidArgument`] for no axes.
///
/// ```
/// use gpu::{fft, Array};
/// let x = Array::from_vec(vec![1.0f32, 2.0, 3.0, 4.0], [2, 2])?;
/// let (re, im) = fft::fftn(&x, None, &[-2, -1])?;
/// assert_eq!(re.to_vec()?, [10.0, -2.0, -4.0, 0.0]);
/// assert_eq!(im.to_vec()?, [0.0; 4]);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn fftn<T: Float>(re: &Array<T>, im: Option<&Array<T>>, axes: &[isize]) -> Result<Complex<T>> {
    over_axes("fftn", re, im, axes, false)
}

/// The inverse of [`fftn`] (NumPy's `np.fft.ifftn`; `ifft2` is `axes = [-2, -1]`).
///
/// # Errors
/// As [`fftn`].
pub fn ifftn<T: Float>(re: &Array<T>, im: Option<&Array<T>>, axes: &[isize]) -> Result<Complex<T>> {
    over_axes("ifftn", re, im, axes, true)
}

/// The transform of real input along `axis`, its non-negative frequencies only (NumPy's
/// `np.fft.rfft`): `n/2 + 1` values along `axis` (the rest are their conjugates).
///
/// # Errors
/// As [`fft`].
///
/// ```
/// use gpu::{fft, Array};
/// let x = Array::from_vec(vec![0.0f64, 1.0, 0.0, -1.0], [4])?;  // sin(2πj/4)
/// let (re, im) = fft::rfft(&x, -1)?;
/// let close = |a: &gpu::Array<f64>, want: &[f64]| a.to_vec().map(|v| v.iter().zip(want).all(|(x, w)| (x - w).abs() < 1e-12));
/// assert!(close(&re, &[0.0, 0.0, 0.0])? && close(&im, &[0.0, -2.0, 0.0])?);
/// assert!(close(&fft::irfft(&re, &im, Some(4), -1)?, &[0.0, 1.0, 0.0, -1.0])?);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn rfft<T: Float>(x: &Array<T>, axis: isize) -> Result<Complex<T>> {
    let ax = normalize_axis(axis, x.shape())? as isize;
    let n = x.shape()[ax as usize];
    if n >= 4 && n.is_multiple_of(2) {
        // Even lengths: one complex FFT of n/2.
        let (re, im) = rfft_packed(&x.moveaxis(ax, -1)?)?;
        return Ok((re.moveaxis(-1, ax)?, im.moveaxis(-1, ax)?));
    }
    let (re, im) = transform("rfft", x, None, axis, false)?;
    let keep = (n / 2 + 1) as isize;
    Ok((re.slice(ax, None, Some(keep), 1)?, im.slice(ax, None, Some(keep), 1)?))
}

/// The inverse of [`rfft`] (NumPy's `np.fft.irfft(a, n, axis)`): a real signal of length
/// `n` (`None`: `2·(k - 1)` for `k` input values) from its non-negative frequencies,
/// truncated or zero-padded to `n/2 + 1` values; the imaginary parts of the zero (and,
/// for even `n`, the Nyquist) frequency are ignored, as NumPy does.
///
/// # Errors
/// As [`fft`]; [`Error::InvalidArgument`] when `n` is 0 (or `None` with one value).
pub fn irfft<T: Float>(re: &Array<T>, im: &Array<T>, n: Option<usize>, axis: isize) -> Result<Array<T>> {
    let (re, im) = complex_pair("irfft", re, Some(im))?;
    let ax = normalize_axis(axis, re.shape())?;
    let k = re.shape()[ax];
    let n = n.unwrap_or(2 * k.saturating_sub(1));
    if n == 0 {
        let reason = format!("output length 0 (from {k} values along axis {axis} of shape {:?})", re.shape());
        return Err(Error::InvalidArgument { op: "irfft", reason });
    }
    let (re, im) = (re.moveaxis(ax as isize, -1)?, im.moveaxis(ax as isize, -1)?);
    let half = n / 2 + 1;
    // The first n/2 + 1 values, zero-padded.
    let fit = |a: &Array<T>| -> Result<Array<T>> {
        if k >= half {
            return a.slice(-1, None, Some(half as isize), 1);
        }
        zero_pad_last(a, half)
    };
    let (hr, hi) = (fit(&re)?, fit(&im)?);
    if n >= 4 && n.is_multiple_of(2) {
        // Even lengths: one complex FFT of n/2.
        return irfft_packed(&hr, &hi, n)?.moveaxis(-1, ax as isize);
    }
    // X[j] = conj(X[n - j]) for j > n/2: X[n - n/2 - 1], ..., X[1], conjugated.
    let tail = n - half;
    let (full_re, full_im) = if tail == 0 {
        (hr, hi)
    } else {
        let mirror = |a: &Array<T>| a.slice(-1, Some(tail as isize), Some(0), -1);
        (concatenate(&[hr.clone(), mirror(&hr)?], -1)?, concatenate(&[hi.clone(), mirror(&hi)?.neg()?], -1)?)
    };
    let (x, _) = fft_along_last(&full_re, &full_im.neg()?)?;
    x.mul_scalar(T::from_f64(1.0 / n as f64))?.moveaxis(-1, ax as isize)
}

/// The scaling of a transform pair (NumPy's `norm` argument): which direction divides
/// by `n`, or both by `√n`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Norm {
    /// The forward transform unscaled, the inverse over `n` (NumPy's default).
    #[default]
    Backward,
    /// Both over `√n`: the transforms are unitary (Parseval's `‖X‖ = ‖x‖`).
    Ortho,
    /// The forward transform over `n`, the inverse unscaled.
    Forward,
}

impl Norm {
    /// The factor of the forward (`inverse = false`) or inverse transform of length `n`.
    fn factor(self, n: usize, inverse: bool) -> f64 {
        match (self, inverse) {
            (Norm::Backward, false) | (Norm::Forward, true) => 1.0,
            (Norm::Ortho, _) => 1.0 / (n as f64).sqrt(),
            (Norm::Backward, true) | (Norm::Forward, false) => 1.0 / n as f64,
        }
    }
}

/// [`fft`] with NumPy's other arguments (`np.fft.fft(a, n, axis, norm)`): the input
/// truncated or zero-padded to `n` values along `axis` (`None`: as it is) and the
/// result scaled as `norm` says.
///
/// # Errors
/// As [`fft`]; [`Error::InvalidArgument`] for `n = Some(0)`.
///
/// ```
/// use gpu::{fft, fft::Norm, Array};
/// let x = Array::from_vec(vec![1.0f64, 2.0, 3.0], [3])?;
/// // Zero-padded to 4 values, unitary: np.fft.fft(x, 4, norm="ortho").
/// let (re, im) = fft::fft_with(&x, None, Some(4), -1, Norm::Ortho)?;
/// assert!(re.allclose(&Array::from_vec(vec![3.0, -1.0, 1.0, -1.0], [4])?, 1e-12, 1e-12, false)?);
/// assert!(im.allclose(&Array::from_vec(vec![0.0, -1.0, 0.0, 1.0], [4])?, 1e-12, 1e-12, false)?);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn fft_with<T: Float>(
    re: &Array<T>,
    im: Option<&Array<T>>,
    n: Option<usize>,
    axis: isize,
    norm: Norm,
) -> Result<Complex<T>> {
    scaled_transform("fft", re, im, n, axis, norm, false)
}

/// [`ifft`] with NumPy's other arguments (`np.fft.ifft(a, n, axis, norm)`), as
/// [`fft_with`].
///
/// # Errors
/// As [`fft_with`].
pub fn ifft_with<T: Float>(
    re: &Array<T>,
    im: Option<&Array<T>>,
    n: Option<usize>,
    axis: isize,
    norm: Norm,
) -> Result<Complex<T>> {
    scaled_transform("ifft", re, im, n, axis, norm, true)
}

/// [`rfft`] with NumPy's other arguments (`np.fft.rfft(a, n, axis, norm)`): the input
/// truncated or zero-padded to `n` values first, `n/2 + 1` values out.
///
/// # Errors
/// As [`fft_with`].
pub fn rfft_with<T: Float>(x: &Array<T>, n: Option<usize>, axis: isize, norm: Norm) -> Result<Complex<T>> {
    let x = resize_axis("rfft", x, n, axis)?;
    let len = x.shape()[normalize_axis(axis, x.shape())?];
    let (re, im) = rfft(&x, axis)?;
    let f = T::from_f64(norm.factor(len, false));
    Ok((re.mul_scalar(f)?, im.mul_scalar(f)?))
}

/// [`irfft`] with NumPy's `norm` (`np.fft.irfft(a, n, axis, norm)`).
///
/// # Errors
/// As [`irfft`].
pub fn irfft_with<T: Float>(
    re: &Array<T>,
    im: &Array<T>,
    n: Option<usize>,
    axis: isize,
    norm: Norm,
) -> Result<Array<T>> {
    let x = irfft(re, im, n, axis)?;
    let len = x.shape()[normalize_axis(axis, x.shape())?];
    // irfft divides by n (Backward); undo that as `norm` says.
    x.mul_scalar(T::from_f64(norm.factor(len, true) * len as f64))
}

fn scaled_transform<T: Float>(
    op: &'static str,
    re: &Array<T>,
    im: Option<&Array<T>>,
    n: Option<usize>,
    axis: isize,
    norm: Norm,
    inverse: bool,
) -> Result<Complex<T>> {
    let re = resize_axis(op, re, n, axis)?;
    let im = im.map(|im| resize_axis(op, im, n, axis)).transpose()?;
    let len = re.shape()[normalize_axis(axis, re.shape())?];
    let (r, i) = transform(op, &re, im.as_ref(), axis, inverse)?;
    // `transform` scales the inverse by 1/n (Backward).
    let f = norm.factor(len, inverse) / Norm::Backward.factor(len, inverse);
    if f == 1.0 {
        return Ok((r, i));
    }
    Ok((r.mul_scalar(T::from_f64(f))?, i.mul_scalar(T::from_f64(f))?))
}

/// `a` truncated or zero-padded to `n` values along `axis` (`None`: `a`).
fn resize_axis<T: Float>(op: &'static str, a: &Array<T>, n: Option<usize>, axis: isize) -> Result<Array<T>> {
    let ax = normalize_axis(axis, a.shape())?;
    let Some(n) = n else { return Ok(a.clone()) };
    if n == 0 {
        let reason = format!("n = 0 values along axis {axis} (shape {:?})", a.shape());
        return Err(Error::InvalidArgument { op, reason });
    }
    if n <= a.shape()[ax] {
        return a.slice(ax as isize, None, Some(n as isize), 1);
    }
    zero_pad_last(&a.moveaxis(ax as isize, -1)?, n)?.moveaxis(-1, ax as isize)
}

/// [`fftn`] over `[-2, -1]` (NumPy's `np.fft.fft2`).
///
/// # Errors
/// As [`fftn`].
pub fn fft2<T: Float>(re: &Array<T>, im: Option<&Array<T>>) -> Result<Complex<T>> {
    fftn(re, im, &[-2, -1])
}

/// [`ifftn`] over `[-2, -1]` (NumPy's `np.fft.ifft2`).
///
/// # Errors
/// As [`fftn`].
pub fn ifft2<T: Float>(re: &Array<T>, im: Option<&Array<T>>) -> Result<Complex<T>> {
    ifftn(re, im, &[-2, -1])
}

/// The transform of real input over several axes (NumPy's `np.fft.rfftn(a, axes=axes)`):
/// [`rfft`] along the last of `axes` (keeping `n/2 + 1` values there), then the full
/// transform along the others.
///
/// # Errors
/// As [`fftn`].
///
/// ```
/// use gpu::{fft, Array};
/// let x = Array::from_vec(vec![1.0f32, 2.0, 3.0, 4.0, 5.0, 6.0], [2, 3])?;
/// let (re, im) = fft::rfftn(&x, &[0, 1])?;
/// assert_eq!(re.shape(), &[2, 2]);
/// // np.fft.rfftn(x): [[21, -3], [-9, 0]] + i·[[0, 1.7320508], [0, 0]]
/// assert!(re.allclose(&Array::from_vec(vec![21.0, -3.0, -9.0, 0.0], [2, 2])?, 1e-5, 1e-5, false)?);
/// assert!(im.allclose(&Array::from_vec(vec![0.0, 1.7320508, 0.0, 0.0], [2, 2])?, 1e-5, 1e-5, false)?);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn rfftn<T: Float>(x: &Array<T>, axes: &[isize]) -> Result<Complex<T>> {
    let Some((&last, rest)) = axes.split_last() else {
        return Err(Error::InvalidArgument { op: "rfftn", reason: "needs at least one axis".into() });
    };
    let (re, im) = rfft(x, last)?;
    if rest.is_empty() {
        return Ok((re, im));
    }
    over_axes("rfftn", &re, Some(&im), rest, false)
}

/// The inverse of [`rfftn`] (NumPy's `np.fft.irfftn(a, s, axes)` with `s` given for the
/// last axis only): the inverse transform along all but the last of `axes`, then
/// [`irfft`] along the last, to `n` values there (`None`: `2·(k - 1)`).
///
/// # Errors
/// As [`irfft`] and [`fftn`].
pub fn irfftn<T: Float>(re: &Array<T>, im: &Array<T>, n: Option<usize>, axes: &[isize]) -> Result<Array<T>> {
    let Some((&last, rest)) = axes.split_last() else {
        return Err(Error::InvalidArgument { op: "irfftn", reason: "needs at least one axis".into() });
    };
    let (re, im) = if rest.is_empty() {
        complex_pair("irfftn", re, Some(im))?
    } else {
        over_axes("irfftn", re, Some(im), rest, true)?
    };
    irfft(&re, &im, n, last)
}

/// [`rfftn`] over `[-2, -1]` (NumPy's `np.fft.rfft2`).
///
/// # Errors
/// As [`rfftn`].
pub fn rfft2<T: Float>(x: &Array<T>) -> Result<Complex<T>> {
    rfftn(x, &[-2, -1])
}

/// [`irfftn`] over `[-2, -1]` (NumPy's `np.fft.irfft2`).
///
/// # Errors
/// As [`irfftn`].
pub fn irfft2<T: Float>(re: &Array<T>, im: &Array<T>, n: Option<usize>) -> Result<Array<T>> {
    irfftn(re, im, n, &[-2, -1])
}

/// The transform of a Hermitian-symmetric signal given by its first half (NumPy's
/// `np.fft.hfft(a, n, axis)`): a real spectrum of `n` values (`None`: `2·(k - 1)`),
/// `n · irfft(conj(a), n)`.
///
/// # Errors
/// As [`irfft`].
///
/// ```
/// use gpu::{fft, Array};
/// let re = Array::from_vec(vec![1.0f64, 2.0, 3.0], [3])?;
/// let im = Array::from_vec(vec![0.0f64, 1.0, 0.0], [3])?;
/// // np.fft.hfft([1, 2 + 1j, 3]) = [8, 0, 0, -4]
/// let h = fft::hfft(&re, &im, None, -1)?;
/// assert!(h.allclose(&Array::from_vec(vec![8.0, 0.0, 0.0, -4.0], [4])?, 1e-12, 1e-12, false)?);
/// // ihfft is its inverse on the first n/2 + 1 values.
/// let (r2, i2) = fft::ihfft(&h, -1)?;
/// assert!(r2.allclose(&re, 1e-12, 1e-12, false)? && i2.allclose(&im, 1e-12, 1e-12, false)?);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn hfft<T: Float>(re: &Array<T>, im: &Array<T>, n: Option<usize>, axis: isize) -> Result<Array<T>> {
    let ax = normalize_axis(axis, re.shape())?;
    let n = n.unwrap_or(2 * re.shape()[ax].saturating_sub(1));
    let x = irfft(re, &im.neg()?, Some(n), axis)?;
    x.mul_scalar(T::from_f64(n as f64))
}

/// The inverse of [`hfft`] (NumPy's `np.fft.ihfft(a, axis)`): `conj(rfft(a)) / n`, the
/// first `n/2 + 1` values.
///
/// # Errors
/// As [`rfft`].
pub fn ihfft<T: Float>(x: &Array<T>, axis: isize) -> Result<Complex<T>> {
    let ax = normalize_axis(axis, x.shape())?;
    let scale = 1.0 / x.shape()[ax].max(1) as f64;
    let (re, im) = rfft(x, axis)?;
    Ok((re.mul_scalar(T::from_f64(scale))?, im.mul_scalar(T::from_f64(-scale))?))
}

/// The zero frequency moved to the middle of each of `axes` (`None`: every axis) —
/// NumPy's `np.fft.fftshift(x, axes)`: a roll by `⌊n/2⌋`, for any element type.
///
/// # Errors
/// [`Error::AxisOutOfRange`].
///
/// ```
/// use gpu::{fft, Device};
/// let f = fft::fftfreq::<f32>(5, 1.0, &Device::cpu())?;
/// assert_eq!(fft::fftshift(&f, None)?.to_vec()?, [-0.4, -0.2, 0.0, 0.2, 0.4]);
/// assert_eq!(fft::ifftshift(&fft::fftshift(&f, None)?, None)?.to_vec()?, f.to_vec()?);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn fftshift<T: Element>(x: &Array<T>, axes: Option<&[isize]>) -> Result<Array<T>> {
    shift(x, axes, false)
}

/// The inverse of [`fftshift`] (NumPy's `np.fft.ifftshift`): a roll by `-⌊n/2⌋`, which
/// differs from `fftshift` for odd lengths.
///
/// # Errors
/// As [`fftshift`].
pub fn ifftshift<T: Element>(x: &Array<T>, axes: Option<&[isize]>) -> Result<Array<T>> {
    shift(x, axes, true)
}

fn shift<T: Element>(x: &Array<T>, axes: Option<&[isize]>, inverse: bool) -> Result<Array<T>> {
    let all: Vec<isize> = (0..x.ndim() as isize).collect();
    let mut out = x.clone();
    for &axis in axes.unwrap_or(&all) {
        let half = (x.shape()[normalize_axis(axis, x.shape())?] / 2) as isize;
        out = out.roll(if inverse { -half } else { half }, axis)?;
    }
    Ok(out)
}

/// The sample frequencies of an `n`-point transform with sample spacing `d` (NumPy's
/// `np.fft.fftfreq(n, d)`): `[0, 1, ..., ⌈n/2⌉ - 1, -⌊n/2⌋, ..., -1] / (d·n)`, made on
/// the device.
///
/// # Errors
/// [`Error::InvalidArgument`] for `n = 0` or a `d` that is zero or not finite.
///
/// ```
/// let f = gpu::fft::fftfreq::<f64>(5, 0.1, &gpu::Device::cpu())?;
/// assert_eq!(f.to_vec()?, [0.0, 2.0, 4.0, -4.0, -2.0]);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn fftfreq<T: Float>(n: usize, d: f64, device: &crate::Device) -> Result<Array<T>> {
    check_spacing("fftfreq", n, d)?;
    let k = Array::<u32>::arange(0, n as u32, 1, device)?.cast::<T>()?;
    let upper = k.ge_scalar(T::from_f64(n.div_ceil(2) as f64))?;
    let signed = crate::ops::elementwise::where_(&upper, &k.sub_scalar(T::from_f64(n as f64))?, &k)?;
    signed.mul_scalar(T::from_f64(1.0 / (d * n as f64)))
}

/// The sample frequencies of [`rfft`]'s output (NumPy's `np.fft.rfftfreq(n, d)`):
/// `[0, 1, ..., n/2] / (d·n)`.
///
/// # Errors
/// As [`fftfreq`].
pub fn rfftfreq<T: Float>(n: usize, d: f64, device: &crate::Device) -> Result<Array<T>> {
    check_spacing("rfftfreq", n, d)?;
    let k = Array::<u32>::arange(0, (n / 2 + 1) as u32, 1, device)?.cast::<T>()?;
    k.mul_scalar(T::from_f64(1.0 / (d * n as f64)))
}

fn check_spacing(op: &'static str, n: usize, d: f64) -> Result<()> {
    if n == 0 || d == 0.0 || !d.is_finite() || n > u32::MAX as usize {
        let reason = format!("needs n ≥ 1 (u32) and a finite, non-zero spacing; got n = {n}, d = {d}");
        return Err(Error::InvalidArgument { op, reason });
    }
    Ok(())
}

/// Linear convolution of two 1-D float arrays through the FFT (SciPy's and CuPy's
/// `fftconvolve`, with the modes of NumPy's `np.convolve`): the same values as
/// [`convolve`](crate::convolve) up to rounding, in `O(N log N)` for `N = n + k - 1`
/// instead of `O(n·k)` — both inputs zero-padded to the next power of two `m`, two
/// real transforms ([`rfft`], each one complex FFT of `m/2`), a pointwise product and
/// [`irfft`], nothing moved to or from the host. The
/// rounding error is relative to `‖a‖·‖v‖` rather than to each output, so outputs much
/// smaller than that (near-cancellation) are less accurate than the direct method's.
///
/// # Errors
/// As [`convolve`](crate::convolve).
///
/// ```
/// use gpu::{Array, ConvolveMode};
/// let a = Array::from_vec(vec![1.0f64, 2.0, 3.0], [3])?;
/// let v = Array::from_vec(vec![0.0f64, 1.0, 0.5], [3])?;
/// let full = gpu::fftconvolve(&a, &v, ConvolveMode::Full)?.to_vec()?;
/// assert!(full.iter().zip([0.0, 1.0, 2.5, 4.0, 1.5]).all(|(x, w)| (x - w).abs() < 1e-12));
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn fftconvolve<T: Float>(a: &Array<T>, v: &Array<T>, mode: crate::ConvolveMode) -> Result<Array<T>> {
    check_1d("fftconvolve", a, v)?;
    let (n, k) = (a.len(), v.len());
    let (long, short) = (n.max(k), n.min(k));
    let full = n + k - 1;
    // A power of two ≥ 4: the real transforms' packed path.
    let m = full.next_power_of_two().max(4);
    let (ar, ai) = rfft(&zero_pad_last(a, m)?, 0)?;
    let (vr, vi) = rfft(&zero_pad_last(v, m)?, 0)?;
    let (pr, pi) = cmul(&ar, &ai, &vr, &vi)?;
    let q = irfft(&pr, &pi, Some(m), 0)?;
    let (start, len) = match mode {
        crate::ConvolveMode::Full => (0, full),
        crate::ConvolveMode::Same => ((short - 1) / 2, long),
        crate::ConvolveMode::Valid => (short - 1, long - short + 1),
    };
    q.slice(0, Some(start as isize), Some((start + len) as isize), 1)
}

/// `re` and `im` (zeros when `None`) checked to share a shape and a device.
fn complex_pair<T: Float>(op: &'static str, re: &Array<T>, im: Option<&Array<T>>) -> Result<Complex<T>> {
    match im {
        None => Ok((re.clone(), Array::zeros_like(re)?)),
        Some(im) => {
            common_device(op, re.device(), im.device())?;
            if im.shape() != re.shape() {
                let reason = format!("real part of shape {:?}, imaginary part of shape {:?}", re.shape(), im.shape());
                return Err(Error::InvalidArgument { op, reason });
            }
            Ok((re.clone(), im.clone()))
        }
    }
}

fn transform<T: Float>(
    op: &'static str,
    re: &Array<T>,
    im: Option<&Array<T>>,
    axis: isize,
    inverse: bool,
) -> Result<Complex<T>> {
    let (re, im) = complex_pair(op, re, im)?;
    let ax = normalize_axis(axis, re.shape())? as isize;
    let n = re.shape()[ax as usize];
    if n == 0 {
        let reason = format!("an empty axis {axis} (shape {:?}) has no transform", re.shape());
        return Err(Error::InvalidArgument { op, reason });
    }
    let (re, im) = (re.moveaxis(ax, -1)?, im.moveaxis(ax, -1)?);
    // The inverse is the conjugate of the transform of the conjugate, over n.
    let im = if inverse { im.neg()? } else { im };
    let (r, i) = fft_along_last(&re, &im)?;
    let (r, i) = if inverse {
        let scale = T::from_f64(1.0 / n as f64);
        (r.mul_scalar(scale)?, i.mul_scalar(T::from_f64(-1.0 / n as f64))?)
    } else {
        (r, i)
    };
    Ok((r.moveaxis(-1, ax)?, i.moveaxis(-1, ax)?))
}

fn over_axes<T: Float>(
    op: &'static str,
    re: &Array<T>,
    im: Option<&Array<T>>,
    axes: &[isize],
    inverse: bool,
) -> Result<Complex<T>> {
    if axes.is_empty() {
        return Err(Error::InvalidArgument { op, reason: "needs at least one axis".into() });
    }
    let (mut r, mut i) = complex_pair(op, re, im)?;
    for &axis in axes {
        (r, i) = transform(op, &r, Some(&i), axis, inverse)?;
    }
    Ok((r, i))
}

/// The forward transform along the last axis of `[..., n]` (`n ≥ 1`).
fn fft_along_last<T: Float>(re: &Array<T>, im: &Array<T>) -> Result<Complex<T>> {
    let n = re.shape()[re.ndim() - 1];
    match radices(n) {
        // A backend may refuse a mixed-radix transform larger than it can bind at once
        // (wgpu: one binding); Bluestein's power-of-two transforms are chunked instead.
        Some(_) => match stockham(re, im) {
            Err(Error::TooLarge { .. }) if !n.is_power_of_two() => bluestein(re, im, n),
            done => done,
        },
        None => bluestein(re, im, n),
    }
}

/// The radices of the Stockham steps for length `n`: all 2 for a power of two (the
/// backends' radix-2 paths), else its prime factors (pairs of 2 as 4s, largest first) when none is
/// above [`LARGEST_RADIX`] and their steps cost less than Bluestein's algorithm would;
/// `None` means Bluestein.
///
/// The cost model counts complex multiply-adds per value: a step of radix `r` costs
/// `r` per output; Bluestein's three power-of-two FFTs of length `M ≥ 2n − 1` cost
/// about `log2 M + 4` each per value, with the chirp products and padding. On this
/// machine's CPU backend a length of 999,999 (`3³·7·11·13·37`) takes 33 ms this way
/// against 284 ms by Bluestein.
fn radices(n: usize) -> Option<Vec<usize>> {
    if n.is_power_of_two() {
        return Some(vec![2; n.trailing_zeros() as usize]);
    }
    let mut rest = n;
    let mut out = Vec::new();
    for p in [4, 2].into_iter().chain((3..=LARGEST_RADIX).step_by(2)) {
        while rest.is_multiple_of(p) {
            out.push(p);
            rest /= p;
        }
    }
    // Largest first: a step's twiddles are fetched once per output row, and the last
    // step has rows of one value.
    out.sort_unstable_by(|a, b| b.cmp(a));
    let m = (2 * n - 1).next_power_of_two();
    let bluestein = 3 * m * (m.trailing_zeros() as usize + 4);
    (rest == 1 && n * out.iter().sum::<usize>() <= bluestein).then_some(out)
}

/// `a` with `to - len` zeros appended along its last axis (`a` itself when it is that
/// long already).
fn zero_pad_last<T: Float>(a: &Array<T>, to: usize) -> Result<Array<T>> {
    let len = a.shape()[a.ndim() - 1];
    if len >= to {
        return Ok(a.clone());
    }
    let mut widths = vec![(0, 0); a.ndim()];
    widths[a.ndim() - 1] = (0, to - len);
    a.pad(&widths, PadMode::Constant(T::ZERO))
}

/// `(a + ib)(c + id)` elementwise (broadcasting).
fn cmul<T: Float>(a: &Array<T>, b: &Array<T>, c: &Array<T>, d: &Array<T>) -> Result<Complex<T>> {
    Ok((a.mul(c)?.sub(&b.mul(d)?)?, a.mul(d)?.add(&b.mul(c)?)?))
}

/// Stockham FFT along the last axis (a length with prime factors up to
/// [`LARGEST_RADIX`]): the values as (re, im) pairs `[..., n, 2]` through the backend's
/// FFT, and the two parts as views.
fn stockham<T: Float>(re: &Array<T>, im: &Array<T>) -> Result<Complex<T>> {
    let n = re.shape()[re.ndim() - 1];
    if n == 1 {
        return Ok((re.clone(), im.clone()));
    }
    // Fresh and contiguous, as the backend wants.
    let y = stockham_pairs(&stack(&[re, im], -1)?.contiguous()?)?;
    let part = |i: isize| y.slice(-1, Some(i), Some(i + 1), 1)?.squeeze(-1);
    Ok((part(0)?, part(1)?))
}

/// The Stockham FFT of `[..., n, 2]` (re, im) pairs (`n ≥ 2` with radices; dense, an
/// even offset), as pairs.
fn stockham_pairs<T: Float>(x: &Array<T>) -> Result<Array<T>> {
    let n = x.shape()[x.ndim() - 2];
    let radices = radices(n).ok_or_else(|| Error::InvalidArgument {
        op: "fft",
        reason: format!("internal: length {n} has no Stockham radices"),
    })?;
    // One table of twiddles for every step, e^{-2πij/n} for j < n, made on the device.
    let dev = x.device().clone();
    let table = cached(&dev, T::DTYPE, n, Kind::Twiddles, || {
        let angle =
            Array::<u32>::arange(0, n as u32, 1, &dev)?.cast::<T>()?.mul_scalar(T::from_f64(2.0 * PI / n as f64))?;
        stack(&[angle.cos()?, angle.sin()?.neg()?], -1)?.contiguous()
    })?;
    let storage = on_backend!(&dev, be => {
        let src = View { storage: be.storage(&x.storage)?, layout: &x.layout };
        let tw = View { storage: be.storage(&table.storage)?, layout: &table.layout };
        be.wrap(be.fft(T::DTYPE, src, tw, n, &radices)?)
    });
    Ok(Array::<T>::from_storage(storage, Layout::contiguous(x.shape()), dev))
}

/// The FFT of `[..., h, 2]` (re, im) pairs (dense, an even offset) of any length `h ≥
/// 2`, as pairs: Stockham steps in place of the pairs, else Bluestein.
fn fft_pairs<T: Float>(pairs: &Array<T>) -> Result<Array<T>> {
    let h = pairs.shape()[pairs.ndim() - 2];
    if radices(h).is_some() {
        return stockham_pairs(pairs);
    }
    let part = |i: isize| pairs.slice(-1, Some(i), Some(i + 1), 1)?.squeeze(-1);
    let (r, i) = bluestein(&part(0)?, &part(1)?, h)?;
    stack(&[r, i], -1)
}

/// The transform of real rows `[..., n]` (`n` even, ≥ 4), values `0..=n/2`, by one
/// complex FFT of half the length: the rows read as `n/2` pairs `z_j = x_{2j} +
/// i·x_{2j+1}` (no copy when they are dense), `Z = fft(z)`, then with `E_k = (Z_k +
/// conj Z_{h-k})/2` and `O_k = (Z_k - conj Z_{h-k})/2i` (the transforms of the even and
/// odd samples, `h = n/2`, `Z_h = Z_0`): `X_k = E_k + e^{-2πik/n}·O_k`.
fn rfft_packed<T: Float>(x: &Array<T>) -> Result<Complex<T>> {
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
    let part = |a: &Array<T>, i: isize| a.slice(-1, Some(i), Some(i + 1), 1)?.squeeze(-1);
    let (ar, ai, br, bi) = (part(&ext, 0)?, part(&ext, 1)?, part(&rev, 0)?, part(&rev, 1)?);
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
fn irfft_packed<T: Float>(xr: &Array<T>, xi: &Array<T>, n: usize) -> Result<Array<T>> {
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

/// Bluestein's algorithm along the last axis, for any length `n`: `X_k = c_k ·
/// Σ_j (x_j c_j) · conj(c_{k-j})` with the chirp `c_j = e^{-iπj²/n}`, the convolution by
/// power-of-two FFTs of length `M ≥ 2n - 1`.
fn bluestein<T: Float>(re: &Array<T>, im: &Array<T>, n: usize) -> Result<Complex<T>> {
    let dev = re.device();
    let m = (2 * n - 1).next_power_of_two();
    // The chirp c and the transform of Bluestein's kernel: a plan, made once.
    let (cr, ci, fb_r, fb_i) = cached(dev, T::DTYPE, n, Kind::Chirp, || {
        // The chirp's angles, exact: π·(j² mod 2n)/n.
        let angle = |j: usize| PI * ((j as u128 * j as u128) % (2 * n as u128)) as f64 / n as f64;
        let upload = |v: Vec<f64>, len: usize| -> Result<Array<T>> {
            Array::from_vec(v.into_iter().map(T::from_f64).collect(), [len])?.to(dev)
        };
        let (cr, ci) = (
            upload((0..n).map(|j| angle(j).cos()).collect(), n)?,
            upload((0..n).map(|j| -angle(j).sin()).collect(), n)?,
        );
        // conj(c) at 0..n and mirrored at M-n+1..M, zero between.
        let mut br = vec![0.0; m];
        let mut bi = vec![0.0; m];
        for j in 0..n {
            let (c, s) = (angle(j).cos(), angle(j).sin());
            br[j] = c;
            bi[j] = s;
            if j > 0 {
                br[m - j] = c;
                bi[m - j] = s;
            }
        }
        let (fb_r, fb_i) = stockham(&upload(br, m)?, &upload(bi, m)?)?;
        Ok((cr, ci, fb_r, fb_i))
    })?;
    let (ar, ai) = cmul(re, im, &cr, &ci)?;
    let (fa_r, fa_i) = stockham(&zero_pad_last(&ar, m)?, &zero_pad_last(&ai, m)?)?;
    let (pr, pi) = cmul(&fa_r, &fa_i, &fb_r, &fb_i)?;
    // Inverse transform of the product: conj(fft(conj(p))) / M.
    let (qr, qi) = stockham(&pr, &pi.neg()?)?;
    let scale = T::from_f64(1.0 / m as f64);
    let conv_r = qr.slice(-1, None, Some(n as isize), 1)?.mul_scalar(scale)?;
    let conv_i = qi.slice(-1, None, Some(n as isize), 1)?.mul_scalar(T::from_f64(-1.0 / m as f64))?;
    cmul(&conv_r, &conv_i, &cr, &ci)
}

#[cfg(test)]
mod tests {
    use super::radices;

    #[test]
    fn algorithm_per_length() {
        assert_eq!(radices(8), Some(vec![2, 2, 2]));
        assert_eq!(radices(1080), Some(vec![5, 4, 3, 3, 3, 2]));
        assert_eq!(radices(17), Some(vec![17]));
        assert_eq!(radices(3233), Some(vec![61, 53]));
        assert_eq!(radices(13542), Some(vec![61, 37, 3, 2]));
        assert_eq!(radices(999_999), Some(vec![37, 13, 11, 7, 3, 3, 3]));
        // A prime factor above 61, or steps dearer than Bluestein's: Bluestein.
        assert_eq!(radices(257), None);
        assert_eq!(radices(1031), None);
        assert_eq!(radices(61 * 61 * 61), None);
    }
}
