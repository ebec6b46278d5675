//! Discrete Fourier transforms (NumPy's and CuPy's `fft` module). There is no complex
//! dtype, so a complex array is a pair of real arrays of one shape, `(re, im)`.
//!
//! Lengths whose prime factors are at most 61 use (unless Bluestein's algorithm is
//! cheaper: a cost model in `engine`) the Stockham autosort formulation of the
//! mixed-radix FFT: the data of each transform is held as an `[l, m]` matrix whose
//! column `c` is the DFT of the subsequence `x[c::m]`; a step of radix `r` divides `m`
//! and multiplies `l` by `r`, each output a sum of `r` inputs with one twiddle each —
//! one step per prime factor (largest first), no digit reversal, run by the backend
//! (`Backend::fft`, on (re, im) pairs). Powers of two use radix-2 butterflies
//! (`E ± w·O`), all steps at once in workgroup memory or in cache for short transforms.
//! Other lengths use Bluestein's chirp-z algorithm: the transform as a convolution with
//! the chirp `e^{iπj²/n}`, done by power-of-two FFTs of length `M ≥ 2n - 1`; the chirp
//! is computed on the host in f64 (`j² mod 2n` exactly) and uploaded — the only
//! transfer these functions make, once per length: twiddle tables, chirps and the
//! transform of Bluestein's kernel are kept in a plan cache ([`clear_plan_cache`],
//! [`set_plan_cache_size`]), so a repeated Bluestein transform runs two power-of-two
//! FFTs, not three. Real transforms of even length (`rfft`, `irfft`, and so
//! `fftconvolve`) run one complex FFT of half the length (`real`).
//!
//! Accuracy is that of a textbook FFT: errors grow like `log2(n)·ε` relative to the
//! input's norm (tested against an f64 DFT).

use crate::array::Array;
use crate::dtype::{Element, Float};
use crate::error::{Error, Result};
use crate::layout::normalize_axis;
use crate::ops::common_device;
use crate::ops::convolve::check_1d;
use crate::ops::join::concatenate;
use crate::ops::pad::PadMode;

mod engine;
mod plan;
mod real;
use engine::{cmul, fast_len, fft_along_last, zero_pad_last};
pub use plan::{clear_plan_cache, plan_cache_len, set_plan_cache_size, DEFAULT_PLAN_CACHE_SIZE};
use real::{irfft_packed, rfft_packed};

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

/// Linear convolution through the FFT (SciPy's and CuPy's `fftconvolve`): the same
/// values as the direct sum `out[j] = Σ_m a[m] · v[j - m]` up to rounding, in
/// `O(N log N)` for `N = Π (n_i + k_i - 1)` instead of `O(Π n_i·k_i)` — both inputs
/// zero-padded to a length `m_i ≥ n_i + k_i - 1` of factors 2, 3 and 5 along each axis
/// (SciPy's `next_fast_len`), two real transforms ([`rfftn`];
/// along the last axis one complex FFT of `m/2`), a pointwise product and [`irfftn`],
/// nothing moved to or from the host. The rounding error is relative to `‖a‖·‖v‖`
/// rather than to each output, so outputs much smaller than that (near-cancellation)
/// are less accurate than the direct method's.
///
/// 1-D inputs take NumPy's `np.convolve` modes (as [`convolve`](crate::convolve)):
/// `Same` gives `max(n, k)` values. N-D inputs (the same number of dimensions, e.g.
/// an image and a kernel) take SciPy's: `Full` is `n_i + k_i - 1` along each axis,
/// `Same` the shape of `a`, centred as SciPy centres it, `Valid` `|n_i - k_i| + 1`
/// when one input is at least as large as the other along every axis.
///
/// # Errors
/// [`Error::InvalidArgument`] for empty inputs, different numbers of dimensions, 0-d
/// inputs, or `Valid` when neither input covers the other;
/// [`Error::DeviceMismatch`].
///
/// ```
/// use gpu::{Array, ConvolveMode};
/// let a = Array::from_vec(vec![1.0f64, 2.0, 3.0], [3])?;
/// let v = Array::from_vec(vec![0.0f64, 1.0, 0.5], [3])?;
/// let full = gpu::fftconvolve(&a, &v, ConvolveMode::Full)?.to_vec()?;
/// assert!(full.iter().zip([0.0, 1.0, 2.5, 4.0, 1.5]).all(|(x, w)| (x - w).abs() < 1e-12));
/// // A 3×3 box blur of a 4×5 image, the output the image's size.
/// let img = Array::<f32>::arange(0.0, 20.0, 1.0, &gpu::Device::cpu())?.reshape([4, 5])?;
/// let boxf = Array::full([3, 3], 1.0f32 / 9.0, &gpu::Device::cpu())?;
/// let blurred = gpu::fftconvolve(&img, &boxf, ConvolveMode::Same)?;
/// assert_eq!(blurred.shape(), &[4, 5]);
/// assert!((blurred.to_vec()?[6] - 6.0).abs() < 1e-5); // an inner pixel: its neighbours' mean
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn fftconvolve<T: Float>(a: &Array<T>, v: &Array<T>, mode: crate::ConvolveMode) -> Result<Array<T>> {
    if a.ndim() != 1 || v.ndim() != 1 {
        return fftconvolve_nd(a, v, mode);
    }
    check_1d("fftconvolve", a, v)?;
    let (n, k) = (a.len(), v.len());
    let (long, short) = (n.max(k), n.min(k));
    let full = n + k - 1;
    // A 5-smooth even length ≥ 4: the real transforms' packed path.
    let m = fast_len(full, true).max(4);
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

/// [`fftconvolve`] of N-D inputs (SciPy's modes).
fn fftconvolve_nd<T: Float>(a: &Array<T>, v: &Array<T>, mode: crate::ConvolveMode) -> Result<Array<T>> {
    const OP: &str = "fftconvolve";
    common_device(OP, a.device(), v.device())?;
    let (n, k) = (a.shape(), v.shape());
    if n.len() != k.len() || n.is_empty() || a.is_empty() || v.is_empty() {
        let reason =
            format!("needs two non-empty arrays of the same number (≥ 1) of dimensions, got shapes {n:?} and {k:?}");
        return Err(Error::InvalidArgument { op: OP, reason });
    }
    let full: Vec<usize> = n.iter().zip(k).map(|(n, k)| n + k - 1).collect();
    // (start, length) of the output along each axis.
    let window: Vec<(usize, usize)> = match mode {
        crate::ConvolveMode::Full => full.iter().map(|&f| (0, f)).collect(),
        crate::ConvolveMode::Same => n.iter().zip(&full).map(|(&n, &f)| ((f - n) / 2, n)).collect(),
        crate::ConvolveMode::Valid => {
            let (big, small) = if n.iter().zip(k).all(|(n, k)| n >= k) {
                (n, k)
            } else if n.iter().zip(k).all(|(n, k)| k >= n) {
                (k, n)
            } else {
                let reason = format!("mode Valid needs one input at least as large as the other along every axis, got shapes {n:?} and {k:?}");
                return Err(Error::InvalidArgument { op: OP, reason });
            };
            big.iter().zip(small).map(|(b, s)| (s - 1, b - s + 1)).collect()
        }
    };
    // 5-smooth lengths, the last even (the packed real transform).
    let last = full.len() - 1;
    let m: Vec<usize> = full.iter().enumerate().map(|(i, &f)| fast_len(f, i == last)).collect();
    let axes: Vec<isize> = (0..n.len() as isize).collect();
    let pad = |x: &Array<T>| -> Result<Array<T>> {
        let widths: Vec<(usize, usize)> = x.shape().iter().zip(&m).map(|(&len, &m)| (0, m - len)).collect();
        x.pad(&widths, PadMode::Constant(T::ZERO))
    };
    let (ar, ai) = rfftn(&pad(a)?, &axes)?;
    let (vr, vi) = rfftn(&pad(v)?, &axes)?;
    let (pr, pi) = cmul(&ar, &ai, &vr, &vi)?;
    let mut out = irfftn(&pr, &pi, m.last().copied(), &axes)?;
    for (axis, (start, len)) in window.into_iter().enumerate() {
        out = out.slice(axis as isize, Some(start as isize), Some((start + len) as isize), 1)?;
    }
    Ok(out)
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
