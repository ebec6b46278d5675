//! The FFT engines behind the public functions: Stockham steps run by the backend
//! (`Backend::fft`) for lengths with small prime factors, Bluestein's chirp-z for the
//! rest, and the choice between them.

use std::f64::consts::PI;

use super::plan::{cached, Kind};
use super::Complex;
use crate::array::Array;
use crate::backend::{Backend, View, LARGEST_RADIX};
use crate::device::on_backend;
use crate::dtype::Float;
use crate::error::{Error, Result};
use crate::layout::Layout;
use crate::ops::join::stack;
use crate::ops::pad::PadMode;

/// The forward transform along the last axis of `[..., n]` (`n ≥ 1`).
pub(super) fn fft_along_last<T: Float>(re: &Array<T>, im: &Array<T>) -> Result<Complex<T>> {
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

/// The smallest `2^a·3^b·5^c ≥ n` (even when `even`): SciPy's `next_fast_len` for real
/// transforms, the length to zero-pad a convolution to — at most 25% above `n` where the
/// next power of two can be twice it.
pub(super) fn fast_len(n: usize, even: bool) -> usize {
    let floor = if even { 2 } else { 1 };
    let mut best = n.next_power_of_two().max(floor);
    let mut p5 = 1;
    while p5 < best {
        let mut p35 = p5;
        while p35 < best {
            let mut x = p35;
            while x < n.max(floor) || (even && x % 2 == 1) {
                x *= 2;
            }
            best = best.min(x);
            p35 *= 3;
        }
        p5 *= 5;
    }
    best
}

/// `a` with `to - len` zeros appended along its last axis (`a` itself when it is that
/// long already).
pub(super) fn zero_pad_last<T: Float>(a: &Array<T>, to: usize) -> Result<Array<T>> {
    let len = a.shape()[a.ndim() - 1];
    if len >= to {
        return Ok(a.clone());
    }
    let mut widths = vec![(0, 0); a.ndim()];
    widths[a.ndim() - 1] = (0, to - len);
    a.pad(&widths, PadMode::Constant(T::ZERO))
}

/// `(a + ib)(c + id)` elementwise (broadcasting).
pub(super) fn cmul<T: Float>(a: &Array<T>, b: &Array<T>, c: &Array<T>, d: &Array<T>) -> Result<Complex<T>> {
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
    split_pairs(&stockham_pairs(&stack(&[re, im], -1)?.contiguous()?)?)
}

/// The real and imaginary parts of `[..., n, 2]` (re, im) pairs, as views.
pub(super) fn split_pairs<T: Float>(pairs: &Array<T>) -> Result<Complex<T>> {
    let part = |i: isize| pairs.slice(-1, Some(i), Some(i + 1), 1)?.squeeze(-1);
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
pub(super) fn fft_pairs<T: Float>(pairs: &Array<T>) -> Result<Array<T>> {
    let h = pairs.shape()[pairs.ndim() - 2];
    if radices(h).is_some() {
        return stockham_pairs(pairs);
    }
    let (re, im) = split_pairs(pairs)?;
    let (r, i) = bluestein(&re, &im, h)?;
    stack(&[r, i], -1)
}

/// Bluestein's algorithm along the last axis, for any length `n`: `X_k = c_k ·
/// Σ_j (x_j c_j) · conj(c_{k-j})` with the chirp `c_j = e^{-iπj²/n}`, the convolution by
/// FFTs of length `M ≥ 2n - 1`: the next power of two, or the next `2^a·3^b·5^c`
/// (pocketfft's choice; as little as half the power of two) when its mixed-radix steps
/// cost less by [`radices`]' model with a margin of 1.5 — the generic radix step costs
/// ~1.35× a radix-2 one per modelled operation on the CPU backend (15 rows of 65,537
/// with 131,220: 237 → ~140 ms; 1,000,003 with 2,025,000 instead of 2²¹: 107 → 131
/// ms, so that stays) — and the backend can run that transform at once (wgpu: one
/// binding; its power-of-two transforms are chunked).
fn bluestein<T: Float>(re: &Array<T>, im: &Array<T>, n: usize) -> Result<Complex<T>> {
    let (m, pow2) = (bluestein_len(n), (2 * n - 1).next_power_of_two());
    if m != pow2 {
        match bluestein_padded(re, im, n, m) {
            Err(Error::TooLarge { .. }) => {}
            done => return done,
        }
    }
    bluestein_padded(re, im, n, pow2)
}

/// The length [`bluestein`] pads a transform of length `n` to first.
fn bluestein_len(n: usize) -> usize {
    let (smooth, pow2) = (fast_len(2 * n - 1, false), (2 * n - 1).next_power_of_two());
    let cost = |m: usize| radices(m).map_or(usize::MAX, |r| m * r.iter().sum::<usize>());
    if smooth < pow2 && cost(smooth).saturating_mul(3) < cost(pow2).saturating_mul(2) {
        smooth
    } else {
        pow2
    }
}

/// [`bluestein`] with the convolution padded to `m`.
fn bluestein_padded<T: Float>(re: &Array<T>, im: &Array<T>, n: usize, m: usize) -> Result<Complex<T>> {
    let dev = re.device();
    // The chirp c and the transform of Bluestein's kernel: a plan, made once.
    let (cr, ci, fb_r, fb_i) = cached(dev, T::DTYPE, n, Kind::Chirp { m }, || {
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

    #[test]
    fn bluestein_pads_to_a_smooth_length_only_when_much_shorter() {
        use super::bluestein_len;
        // 2^2·3^8·5 is half of 2^18; 2·3^4·5^3 = 20,250 is 0.62 of 2^15 (cheaper by the
        // model); 2,025,000 is 0.97 of 2^21 (dearer), 2025 is 0.99 of 2048.
        for (n, want) in [(17, 36), (65_537, 131_220), (10_007, 20_250), (1_000_003, 1 << 21), (1009, 2048)] {
            assert_eq!(bluestein_len(n), want, "n = {n}");
        }
    }

    #[test]
    fn fast_lengths() {
        use super::fast_len;
        // SciPy's next_fast_len(n, real=True).
        for (n, want) in [(1, 1), (7, 8), (11, 12), (1054, 1080), (2111, 2160), (219_999, 221_184), (1 << 20, 1 << 20)]
        {
            assert_eq!(fast_len(n, false), want, "n = {n}");
        }
        assert_eq!(fast_len(1, true), 2);
        assert_eq!(fast_len(25, true), 30);
        assert_eq!(fast_len(1054, true), 1080);
    }
}
