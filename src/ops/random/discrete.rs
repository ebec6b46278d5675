//! Discrete distributions by inversion of a CDF tabulated on the host, geometric values,
//! permutations and `choice` (see the module notes in `mod.rs`).

use super::continuous::{check_params, derived, open_unit, random, standard_exponential, uniform};
use crate::array::{Array, IntoShape};
use crate::device::Device;
use crate::dtype::{Float, Scalar};
use crate::error::{Error, Result};
use crate::layout::{element_count, normalize_axis};
use crate::ops::sort::{lexsort, Side};

/// Geometric values with success probability `p` (NumPy's `geometric`): the number of
/// trials up to and including the first success, `⌈ln U / ln(1 - p)⌉` (at least 1), as
/// `u32` (saturating at `u32::MAX` for tiny `p`).
///
/// # Errors
/// [`Error::InvalidArgument`] unless `0 < p ≤ 1`.
pub fn geometric(shape: impl IntoShape, p: f64, seed: u64, device: &Device) -> Result<Array<u32>> {
    if !(p > 0.0 && p <= 1.0) {
        return Err(Error::InvalidArgument { op: "geometric", reason: format!("p must be in (0, 1], got {p}") });
    }
    let shape = shape.into_shape();
    if p == 1.0 {
        return Array::ones(shape, device);
    }
    // In f64 where the device has it: ln(1 - p) of a tiny p needs the precision.
    if device.supports(crate::DType::F64) {
        trials::<f64>(shape, p, seed, device)
    } else {
        trials::<f32>(shape, p, seed, device)
    }
}

/// `⌈ln U / ln(1 - p)⌉`, at least 1, as saturating `u32`.
fn trials<T: Float>(shape: Vec<usize>, p: f64, seed: u64, device: &Device) -> Result<Array<u32>> {
    let ln_u = open_unit::<T>(shape, seed, device)?.ln()?;
    ln_u.mul_scalar(T::from_f64(1.0 / (-p).ln_1p()))?.ceil()?.maximum_scalar(T::ONE)?.cast::<u32>()
}

/// Largest table [`by_inversion`] builds (values of the support it covers).
const TABLE_MAX: usize = 1 << 24;

/// ln Γ(x) for x > 0 (Lanczos, g = 7, nine terms: about 1e-15 relative).
fn ln_gamma(x: f64) -> f64 {
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        let pi = std::f64::consts::PI;
        return (pi / (pi * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let t = x + 7.5;
    let a = C.iter().enumerate().skip(1).fold(C[0], |acc, (i, c)| acc + c / (x + i as f64));
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + a.ln()
}

/// Values of a discrete distribution on `lo..=hi` by inversion: the host tabulates the
/// CDF in f64 from `lo` up to where the rest of the mass is below ~1e-18 (past `mean`,
/// once the terms fall that far relative to their rate of decrease) or `hi`, uploads it
/// (as f64 where the device has it, else f32: then tail probabilities below 2^-24 are
/// not resolved), and the device finds each uniform value in it.
#[allow(clippy::too_many_arguments)]
fn by_inversion(
    op: &'static str,
    shape: Vec<usize>,
    (lo, hi): (u64, u64),
    mean: f64,
    ln_pmf: impl Fn(u64) -> f64,
    seed: u64,
    device: &Device,
) -> Result<Array<u32>> {
    let mut pmf: Vec<f64> = Vec::new();
    let mut k = lo;
    loop {
        let p = ln_pmf(k).exp();
        let prev = pmf.last().copied().unwrap_or(0.0);
        pmf.push(p);
        if k >= hi {
            break;
        }
        // Past the mean, terms decrease with ratio r < 1: the rest is below p / (1 - r).
        if k as f64 > mean && prev > 0.0 && p < prev && p / (1.0 - p / prev) < 1e-18 {
            break;
        }
        if pmf.len() >= TABLE_MAX {
            let reason = format!("the distribution spreads over more than {TABLE_MAX} values from {lo}");
            return Err(Error::InvalidArgument { op, reason });
        }
        k += 1;
    }
    let total: f64 = pmf.iter().sum();
    let mut acc = 0.0;
    let cdf: Vec<f64> = pmf
        .iter()
        .map(|p| {
            acc += p;
            acc / total
        })
        .collect();
    let last = (cdf.len() - 1) as u32;
    let index = if device.supports(crate::DType::F64) {
        let table = Array::from_vec(cdf, [last as usize + 1])?.to(device)?;
        table.searchsorted(&random::<f64>([element_count(&shape)?], seed, device)?, Side::Right)?
    } else {
        let table = Array::from_vec(cdf.iter().map(|&c| c as f32).collect(), [last as usize + 1])?.to(device)?;
        table.searchsorted(&random::<f32>([element_count(&shape)?], seed, device)?, Side::Right)?
    };
    index.minimum_scalar(last)?.add_scalar(lo as u32)?.reshape(shape)
}

/// Poisson values with mean `lam` (NumPy's `poisson`), as `u32`: exact inversion of
/// its CDF, tabulated on the host (one upload).
///
/// ```
/// let x = gpu::random::poisson([100_000], 3.5, 2, &gpu::Device::cpu())?;
/// let mean = x.cast::<f64>()?.mean()?.item()?;
/// assert!((mean - 3.5).abs() < 0.05);
/// # Ok::<(), gpu::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] unless `0 ≤ lam ≤ 1e9`.
pub fn poisson(shape: impl IntoShape, lam: f64, seed: u64, device: &Device) -> Result<Array<u32>> {
    if !(0.0..=1e9).contains(&lam) {
        return Err(Error::InvalidArgument { op: "poisson", reason: format!("lam must be in [0, 1e9], got {lam}") });
    }
    let shape = shape.into_shape();
    if lam == 0.0 {
        return Array::zeros(shape, device);
    }
    let lo = (lam - 13.0 * lam.sqrt() - 10.0).max(0.0) as u64;
    let ln_pmf = |k: u64| k as f64 * lam.ln() - lam - ln_gamma(k as f64 + 1.0);
    by_inversion("poisson", shape, (lo, u64::from(u32::MAX)), lam, ln_pmf, seed, device)
}

/// Binomial values: successes in `n` trials of probability `p` (NumPy's `binomial`),
/// as `u32`, by inversion of the CDF tabulated on the host.
///
/// # Errors
/// [`Error::InvalidArgument`] unless `0 ≤ p ≤ 1`.
pub fn binomial(shape: impl IntoShape, n: u32, p: f64, seed: u64, device: &Device) -> Result<Array<u32>> {
    if !(0.0..=1.0).contains(&p) {
        return Err(Error::InvalidArgument { op: "binomial", reason: format!("p must be in [0, 1], got {p}") });
    }
    let shape = shape.into_shape();
    if p == 0.0 || n == 0 {
        return Array::zeros(shape, device);
    }
    if p == 1.0 {
        return Array::full(shape, n, device);
    }
    let nf = f64::from(n);
    let (mean, sd) = (nf * p, (nf * p * (1.0 - p)).sqrt());
    let lo = (mean - 13.0 * sd - 10.0).max(0.0) as u64;
    let ln_choose = ln_gamma(nf + 1.0);
    let ln_pmf = |k: u64| {
        let k = k as f64;
        ln_choose - ln_gamma(k + 1.0) - ln_gamma(nf - k + 1.0) + k * p.ln() + (nf - k) * (-p).ln_1p()
    };
    by_inversion("binomial", shape, (lo, u64::from(n)), mean, ln_pmf, seed, device)
}

/// Negative binomial values: failures before the `n`-th success in trials of
/// probability `p` (NumPy's `negative_binomial`; `n` may be fractional), as `u32`, by
/// inversion of the CDF tabulated on the host.
///
/// # Errors
/// [`Error::InvalidArgument`] unless `n > 0` (finite) and `0 < p ≤ 1`, or when the
/// distribution spreads over more than 2^24 values.
pub fn negative_binomial(shape: impl IntoShape, n: f64, p: f64, seed: u64, device: &Device) -> Result<Array<u32>> {
    check_params("negative_binomial", &[("n", n)], true)?;
    if !(p > 0.0 && p <= 1.0) {
        let reason = format!("p must be in (0, 1], got {p}");
        return Err(Error::InvalidArgument { op: "negative_binomial", reason });
    }
    let shape = shape.into_shape();
    if p == 1.0 {
        return Array::zeros(shape, device);
    }
    let mean = n * (1.0 - p) / p;
    let lg_n = ln_gamma(n);
    let ln_pmf = |k: u64| {
        let k = k as f64;
        ln_gamma(k + n) - lg_n - ln_gamma(k + 1.0) + n * p.ln() + k * (-p).ln_1p()
    };
    by_inversion("negative_binomial", shape, (0, u64::from(u32::MAX)), mean, ln_pmf, seed, device)
}

/// Hypergeometric values: good items among `nsample` drawn without replacement from
/// `ngood` good and `nbad` bad ones (NumPy's `hypergeometric`), as `u32`, by inversion
/// of the CDF tabulated on the host.
///
/// # Errors
/// [`Error::InvalidArgument`] when `nsample > ngood + nbad` (or that sum overflows).
pub fn hypergeometric(
    shape: impl IntoShape,
    ngood: u32,
    nbad: u32,
    nsample: u32,
    seed: u64,
    device: &Device,
) -> Result<Array<u32>> {
    let total = ngood.checked_add(nbad).filter(|&t| nsample <= t).ok_or_else(|| Error::InvalidArgument {
        op: "hypergeometric",
        reason: format!("nsample = {nsample} exceeds ngood + nbad = {ngood} + {nbad}"),
    })?;
    let (g, b, n, t) = (f64::from(ngood), f64::from(nbad), f64::from(nsample), f64::from(total));
    let mean = if t > 0.0 { n * g / t } else { 0.0 };
    let var = if t > 1.0 { n * (g / t) * (b / t) * (t - n) / (t - 1.0) } else { 0.0 };
    // The support, from 13 standard deviations below the mean (the mass below is < e^-80).
    let lo = u64::from(nsample.saturating_sub(nbad)).max((mean - 13.0 * var.sqrt() - 10.0).max(0.0) as u64);
    let hi = u64::from(nsample.min(ngood));
    let ln_c = |a: f64, k: f64| ln_gamma(a + 1.0) - ln_gamma(k + 1.0) - ln_gamma(a - k + 1.0);
    let base = ln_c(t, n);
    let ln_pmf = |k: u64| ln_c(g, k as f64) + ln_c(b, n - k as f64) - base;
    by_inversion("hypergeometric", shape.into_shape(), (lo, hi), mean, ln_pmf, seed, device)
}

/// A random permutation of `0..n` (NumPy's `permutation(n)`), as `u32`: the order of `n`
/// random 64-bit keys (two uniform `u32` streams, sorted together), so every ordering is
/// equally likely up to key collisions (probability about `n²/2^65`).
///
/// ```
/// let p = gpu::random::permutation(10, 3, &gpu::Device::cpu())?;
/// let mut v = p.to_vec()?;
/// v.sort();
/// assert_eq!(v, (0..10).collect::<Vec<u32>>());
/// # Ok::<(), gpu::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] when `n` does not fit a `u32`; device faults.
pub fn permutation(n: usize, seed: u64, device: &Device) -> Result<Array<u32>> {
    if n > u32::MAX as usize {
        return Err(Error::InvalidArgument { op: "permutation", reason: format!("n = {n} does not fit a u32") });
    }
    if n == 0 {
        return Array::zeros([0], device);
    }
    let key = |k| uniform::<u32>([n], 0, u32::MAX, derived(seed, k), device);
    // The last key is the primary one.
    lexsort(&[&key(1)?, &key(2)?], 0)
}

/// A copy of `a` with its slices along `axis` in random order (NumPy's
/// `Generator.permutation(a, axis)`): `a.take(&permutation(len, seed), axis)`.
///
/// # Errors
/// [`Error::AxisOutOfRange`]; as [`permutation`].
pub fn shuffled<T: Scalar>(a: &Array<T>, axis: isize, seed: u64) -> Result<Array<T>> {
    let ax = normalize_axis(axis, a.shape())?;
    a.take(&permutation(a.shape()[ax], seed, a.device())?, axis)
}

/// `size` values drawn uniformly from the 1-D array `a`, with or without replacement
/// (NumPy's `Generator.choice(a, size, replace)`; [`choice_weighted`] takes
/// probabilities). Without replacement they are the first `size` of a [`permutation`].
///
/// ```
/// use gpu::{random, Array};
/// let a = Array::from_vec(vec![10i32, 20, 30, 40], [4])?;
/// let mut y = random::choice(&a, [4], false, 5)?.to_vec()?;
/// y.sort();
/// assert_eq!(y, [10, 20, 30, 40]);
/// assert_eq!(random::choice(&a, [2, 3], true, 5)?.shape(), &[2, 3]);
/// # Ok::<(), gpu::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] for an `a` that is not 1-D or is empty (unless `size` is
/// empty), or without replacement, more values than `a` has.
pub fn choice<T: Scalar>(a: &Array<T>, size: impl IntoShape, replace: bool, seed: u64) -> Result<Array<T>> {
    choose::<T, f32>(a, size.into_shape(), replace, None, seed)
}

/// `size` values drawn from the 1-D array `a` with the probabilities `p` (NumPy's
/// `Generator.choice(a, size, replace, p)`; `p` has `a`'s length, is non-negative and
/// sums to 1 within `√ε`). It is downloaded to be checked; zero-probability entries are
/// never drawn.
///
/// With replacement: a search of uniform values in the cumulative probabilities (made on
/// the host in f64 and uploaded). Without replacement: the `size` smallest of `E_i / p_i`
/// for standard exponentials `E_i`, an exponential race with the same law as drawing
/// one value at a time and renormalising, as NumPy does.
///
/// ```
/// use gpu::{random, Array};
/// let a = Array::from_vec(vec![10i32, 20, 30, 40], [4])?;
/// let p = Array::from_vec(vec![0.0f64, 0.5, 0.5, 0.0], [4])?;
/// let x = random::choice_weighted(&a, [1000], true, &p, 5)?.to_vec()?;
/// assert!(x.iter().all(|&v| v == 20 || v == 30));
/// # Ok::<(), gpu::Error>(())
/// ```
///
/// # Errors
/// As [`choice`]; [`Error::InvalidArgument`] for a `p` of another length, with a
/// negative or non-finite entry or not summing to 1, or without replacement, fewer
/// non-zero entries than values asked for; [`Error::DeviceMismatch`].
pub fn choice_weighted<T: Scalar, P: Float>(
    a: &Array<T>,
    size: impl IntoShape,
    replace: bool,
    p: &Array<P>,
    seed: u64,
) -> Result<Array<T>> {
    choose(a, size.into_shape(), replace, Some(p), seed)
}

fn choose<T: Scalar, P: Float>(
    a: &Array<T>,
    size: Vec<usize>,
    replace: bool,
    p: Option<&Array<P>>,
    seed: u64,
) -> Result<Array<T>> {
    let k: usize = size.iter().product();
    let dev = a.device().clone();
    let bad = |reason: String| Err(Error::InvalidArgument { op: "choice", reason });
    if a.ndim() != 1 {
        return bad(format!("a must be 1-D, got shape {:?}", a.shape()));
    }
    let n = a.len();
    if k == 0 {
        return a.slice(0, Some(0), Some(0), 1)?.reshape(size);
    }
    if n == 0 || n > u32::MAX as usize {
        return bad(format!("cannot draw {k} values from an array of {n}"));
    }
    if !replace && k > n {
        return bad(format!("cannot draw {k} values without replacement from an array of {n}"));
    }
    let probs = match p {
        None => None,
        Some(p) => Some(checked_probabilities(p, n, &dev)?),
    };
    let picks: Array<u32> = match (replace, probs) {
        (true, None) => uniform::<u32>([k], 0, n as u32, seed, &dev)?,
        (true, Some((_, host))) => {
            // cdf in f64 on the host, normalised so that its last value is 1.
            let total: f64 = host.iter().sum();
            let mut acc = 0.0;
            let cdf: Vec<P> = host
                .iter()
                .map(|&x| {
                    acc += x;
                    P::from_f64(acc / total)
                })
                .collect();
            let last_positive = host.iter().rposition(|&x| x > 0.0).unwrap_or(0) as u32;
            let cdf = Array::from_vec(cdf, [n])?.to(&dev)?;
            let u = random::<P>([k], seed, &dev)?;
            // The entry whose interval [cdf[i-1], cdf[i]) holds u: positive width only.
            cdf.searchsorted(&u, Side::Right)?.minimum_scalar(last_positive)?
        }
        (false, None) => permutation(n, seed, &dev)?.slice(0, None, Some(k as isize), 1)?,
        (false, Some((p, host))) => {
            let nonzero = host.iter().filter(|&&x| x > 0.0).count();
            if k > nonzero {
                return bad(format!("cannot draw {k} values without replacement: only {nonzero} have p > 0"));
            }
            // E_i / p_i (+inf where p_i = 0): the k smallest win.
            let race = standard_exponential::<P>(vec![n], seed, &dev)?.div(&p)?;
            race.argsort(0)?.slice(0, None, Some(k as isize), 1)?
        }
    };
    a.take(&picks, 0)?.reshape(size)
}

/// `p` checked as a probability vector of length `n` on `dev`, with its values on the host.
fn checked_probabilities<P: Float>(p: &Array<P>, n: usize, dev: &Device) -> Result<(Array<P>, Vec<f64>)> {
    crate::ops::common_device("choice", dev, p.device())?;
    let bad = |reason: String| Err(Error::InvalidArgument { op: "choice", reason });
    if p.shape() != [n] {
        return bad(format!("p must have shape [{n}] like a, got {:?}", p.shape()));
    }
    let host: Vec<f64> = p.to_vec()?.iter().map(|x| x.to_f64()).collect();
    if let Some(x) = host.iter().find(|x| !x.is_finite() || **x < 0.0) {
        return bad(format!("probabilities must be finite and ≥ 0, got {x}"));
    }
    let total: f64 = host.iter().sum();
    let tol = P::EPSILON.to_f64().sqrt();
    if (total - 1.0).abs() > tol {
        return bad(format!("probabilities must sum to 1 (within {tol:e}), got {total}"));
    }
    Ok((p.clone(), host))
}
