//! Seeded random arrays from a counter-based generator (Philox4x32-10).
//!
//! The kernels make uniform and normal values; the other routines of NumPy's and
//! CuPy's `random` are composed from them on the device: continuous distributions by
//! their inverse CDFs (or a ratio of normals), the gamma family from a gamma kernel
//! (rejection per element), discrete distributions by searching uniform values in their CDF
//! (tabulated in f64 on the host and uploaded), permutations by sorting random 64-bit
//! keys, and [`choice`] by a search in the cumulative probabilities or an exponential
//! race. A routine that needs several streams draws them from seeds derived from `seed`.
//!
//! Element `i` of the result depends only on `(seed, i)`, so every backend, thread
//! count and launch geometry produces the same stream: u32, i32 and f32 uniform
//! streams are bit-identical across devices; f64 uniform is too (exact 53-bit
//! construction); normal streams agree to the accuracy of each device's `ln`/`cos`.
//!
//! ```
//! use gpu::{random, Device};
//! let dev = Device::cpu();
//! let a = random::uniform::<f32>([2, 3], 0.0, 1.0, 42, &dev)?;
//! let b = random::uniform::<f32>([2, 3], 0.0, 1.0, 42, &dev)?;
//! assert_eq!(a.to_vec()?, b.to_vec()?);                 // same seed, same numbers
//! let n = random::normal::<f64>([1000], 0.0, 1.0, 7, &dev)?;
//! assert!(n.mean()?.item()?.abs() < 0.2);
//! # Ok::<(), gpu::Error>(())
//! ```

use crate::array::{check_supported, Array, IntoShape};
use crate::backend::{Backend, Distribution};
use crate::device::on_backend;
use crate::device::Device;
use crate::dtype::{Element, Float, Scalar};
use crate::error::{Error, Result};
use crate::layout::{byte_count, element_count, normalize_axis, Layout};
use crate::ops::elementwise::where_;
use crate::ops::sort::{lexsort, Side};

fn generate<T: Element>(shape: Vec<usize>, dist: Distribution, seed: u64, device: &Device) -> Result<Array<T>> {
    check_supported(device, T::DTYPE)?;
    let n = element_count(&shape)?;
    byte_count(&shape, T::DTYPE.size_of())?;
    let storage = on_backend!(device, b => b.wrap(b.random(T::DTYPE, n, dist, seed)?));
    Ok(Array::from_storage(storage, Layout::contiguous(&shape), device.clone()))
}

/// Uniform values on `[low, high)`.
///
/// # Errors
/// [`Error::InvalidArgument`] unless `low < high` (and both finite for floats).
pub fn uniform<T: Element>(shape: impl IntoShape, low: T, high: T, seed: u64, device: &Device) -> Result<Array<T>> {
    let (l, h) = (low.to_f64(), high.to_f64());
    if l >= h || l.is_nan() || h.is_nan() || !l.is_finite() || !h.is_finite() {
        return Err(Error::InvalidArgument {
            op: "uniform",
            reason: format!("need finite low < high, got low={low}, high={high}"),
        });
    }
    generate(shape.into_shape(), Distribution::Uniform { low: low.to_value(), high: high.to_value() }, seed, device)
}

/// Normally distributed values with mean `mean` and standard deviation `std`.
///
/// # Errors
/// [`Error::InvalidArgument`] unless `std >= 0` and both are finite.
pub fn normal<T: Float>(shape: impl IntoShape, mean: T, std: T, seed: u64, device: &Device) -> Result<Array<T>> {
    let (m, s) = (mean.to_f64(), std.to_f64());
    if s.is_nan() || s < 0.0 || !s.is_finite() || !m.is_finite() {
        return Err(Error::InvalidArgument {
            op: "normal",
            reason: format!("need finite mean and std >= 0, got mean={mean}, std={std}"),
        });
    }
    generate(shape.into_shape(), Distribution::Normal { mean: m, std: s }, seed, device)
}

/// The `k`-th stream derived from `seed` (SplitMix64 of both), for routines that need
/// more than one.
fn derived(seed: u64, k: u64) -> u64 {
    let mut z = seed ^ k.wrapping_mul(0x9E37_79B9_7F4A_7C15).wrapping_add(0xD1B5_4A32_D192_ED03);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Uniform on the open interval `(0, 1)` (`[ε/4, 1)`): logarithms of it stay finite.
fn open_unit<T: Float>(shape: Vec<usize>, seed: u64, device: &Device) -> Result<Array<T>> {
    uniform(shape, T::from_f64(T::EPSILON.to_f64() / 4.0), T::ONE, seed, device)
}

/// `-ln(U)` for `U` uniform on `(0, 1)`: standard exponential values, all finite.
fn standard_exponential<T: Float>(shape: Vec<usize>, seed: u64, device: &Device) -> Result<Array<T>> {
    open_unit::<T>(shape, seed, device)?.ln()?.neg()
}

/// Checks that each named parameter is finite and, with `positive`, `> 0` (else `≥ 0`).
fn check_params(op: &'static str, params: &[(&str, f64)], positive: bool) -> Result<()> {
    for &(name, v) in params {
        if !v.is_finite() || v < 0.0 || (positive && v == 0.0) {
            let need = if positive { "finite and > 0" } else { "finite and ≥ 0" };
            return Err(Error::InvalidArgument { op, reason: format!("{name} must be {need}, got {v}") });
        }
    }
    Ok(())
}

fn check_finite(op: &'static str, name: &str, v: f64) -> Result<()> {
    if !v.is_finite() {
        return Err(Error::InvalidArgument { op, reason: format!("{name} must be finite, got {v}") });
    }
    Ok(())
}

/// Uniform values on `[0, 1)` (NumPy's `random`/`rand`, CuPy's `cupy.random.random`).
///
/// ```
/// let x = gpu::random::random::<f32>([3, 4], 9, &gpu::Device::cpu())?;
/// assert!(x.to_vec()?.iter().all(|&v| (0.0..1.0).contains(&v)));
/// # Ok::<(), gpu::Error>(())
/// ```
///
/// # Errors
/// Device faults; [`Error::Unsupported`] for `T` on the device.
pub fn random<T: Float>(shape: impl IntoShape, seed: u64, device: &Device) -> Result<Array<T>> {
    uniform(shape, T::ZERO, T::ONE, seed, device)
}

/// Standard normal values (NumPy's `standard_normal`/`randn`).
///
/// # Errors
/// As [`random`].
pub fn standard_normal<T: Float>(shape: impl IntoShape, seed: u64, device: &Device) -> Result<Array<T>> {
    normal(shape, T::ZERO, T::ONE, seed, device)
}

/// Exponential values with mean `scale` (NumPy's `exponential(scale)`): `-scale·ln(U)`.
///
/// ```
/// let x = gpu::random::exponential::<f64>([100_000], 2.0, 1, &gpu::Device::cpu())?;
/// assert!((x.mean()?.item()? - 2.0).abs() < 0.05);
/// # Ok::<(), gpu::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] unless `scale` is finite and `≥ 0`.
pub fn exponential<T: Float>(shape: impl IntoShape, scale: T, seed: u64, device: &Device) -> Result<Array<T>> {
    check_params("exponential", &[("scale", scale.to_f64())], false)?;
    standard_exponential::<T>(shape.into_shape(), seed, device)?.mul_scalar(scale)
}

/// Log-normal values: `exp(N)` for `N` normal with mean `mean` and standard deviation
/// `sigma` (NumPy's `lognormal`).
///
/// # Errors
/// [`Error::InvalidArgument`] unless `mean` is finite and `sigma` finite and `≥ 0`.
pub fn lognormal<T: Float>(shape: impl IntoShape, mean: T, sigma: T, seed: u64, device: &Device) -> Result<Array<T>> {
    check_finite("lognormal", "mean", mean.to_f64())?;
    check_params("lognormal", &[("sigma", sigma.to_f64())], false)?;
    normal(shape, mean, sigma, seed, device)?.exp()
}

/// Laplace (double exponential) values with location `loc` and scale `scale` (NumPy's
/// `laplace`): `loc ± scale·ln(2U)`, the sign by which half of `(0, 1)` `U` falls in.
///
/// # Errors
/// [`Error::InvalidArgument`] unless `loc` is finite and `scale` finite and `≥ 0`.
pub fn laplace<T: Float>(shape: impl IntoShape, loc: T, scale: T, seed: u64, device: &Device) -> Result<Array<T>> {
    check_finite("laplace", "loc", loc.to_f64())?;
    check_params("laplace", &[("scale", scale.to_f64())], false)?;
    let u = open_unit::<T>(shape.into_shape(), seed, device)?;
    let two = T::from_f64(2.0);
    // U < 1/2: ln(2U) < 0 (left tail); else -ln(2(1 - U)) > 0.
    let left = u.mul_scalar(two)?.ln()?;
    let right = u.neg()?.add_scalar(T::ONE)?.mul_scalar(two)?.ln()?.neg()?;
    where_(&u.lt_scalar(T::from_f64(0.5))?, &left, &right)?.mul_scalar(scale)?.add_scalar(loc)
}

/// Logistic values with location `loc` and scale `scale` (NumPy's `logistic`):
/// `loc + scale·ln(U / (1 - U))`.
///
/// # Errors
/// As [`laplace`].
pub fn logistic<T: Float>(shape: impl IntoShape, loc: T, scale: T, seed: u64, device: &Device) -> Result<Array<T>> {
    check_finite("logistic", "loc", loc.to_f64())?;
    check_params("logistic", &[("scale", scale.to_f64())], false)?;
    let u = open_unit::<T>(shape.into_shape(), seed, device)?;
    // ln U - ln(1 - U): no division, and ln_1p keeps 1 - U exact near 0.
    u.ln()?.sub(&u.neg()?.ln_1p()?)?.mul_scalar(scale)?.add_scalar(loc)
}

/// Gumbel (extreme value type I) values with location `loc` and scale `scale` (NumPy's
/// `gumbel`): `loc - scale·ln(-ln U)`.
///
/// # Errors
/// As [`laplace`].
pub fn gumbel<T: Float>(shape: impl IntoShape, loc: T, scale: T, seed: u64, device: &Device) -> Result<Array<T>> {
    check_finite("gumbel", "loc", loc.to_f64())?;
    check_params("gumbel", &[("scale", scale.to_f64())], false)?;
    standard_exponential::<T>(shape.into_shape(), seed, device)?
        .ln()?
        .mul_scalar(T::from_f64(-scale.to_f64()))?
        .add_scalar(loc)
}

/// Weibull values of shape `a` (NumPy's `weibull(a)`): `E^(1/a)` for `E` standard
/// exponential; `a = 0` gives zeros, as NumPy.
///
/// # Errors
/// [`Error::InvalidArgument`] unless `a` is finite and `≥ 0`.
pub fn weibull<T: Float>(shape: impl IntoShape, a: T, seed: u64, device: &Device) -> Result<Array<T>> {
    check_params("weibull", &[("a", a.to_f64())], false)?;
    let shape = shape.into_shape();
    if a.to_f64() == 0.0 {
        return Array::zeros(shape, device);
    }
    // E^(1/a) = exp(ln(E)/a).
    standard_exponential::<T>(shape, seed, device)?.ln()?.mul_scalar(T::from_f64(1.0 / a.to_f64()))?.exp()
}

/// Pareto II (Lomax) values of shape `a` (NumPy's `pareto(a)`): `exp(E/a) - 1` for `E`
/// standard exponential; add 1 and multiply by `m` for the classical Pareto with mode `m`.
///
/// # Errors
/// [`Error::InvalidArgument`] unless `a` is finite and `> 0`.
pub fn pareto<T: Float>(shape: impl IntoShape, a: T, seed: u64, device: &Device) -> Result<Array<T>> {
    check_params("pareto", &[("a", a.to_f64())], true)?;
    standard_exponential::<T>(shape.into_shape(), seed, device)?.mul_scalar(T::from_f64(1.0 / a.to_f64()))?.exp_m1()
}

/// Power-function values on `[0, 1]` with exponent `a - 1` (NumPy's `power(a)`):
/// `U^(1/a)`.
///
/// # Errors
/// [`Error::InvalidArgument`] unless `a` is finite and `> 0`.
pub fn power<T: Float>(shape: impl IntoShape, a: T, seed: u64, device: &Device) -> Result<Array<T>> {
    check_params("power", &[("a", a.to_f64())], true)?;
    open_unit::<T>(shape.into_shape(), seed, device)?.ln()?.mul_scalar(T::from_f64(1.0 / a.to_f64()))?.exp()
}

/// Rayleigh values with mode `scale` (NumPy's `rayleigh`): `scale·√(2E)` for `E`
/// standard exponential.
///
/// # Errors
/// [`Error::InvalidArgument`] unless `scale` is finite and `≥ 0`.
pub fn rayleigh<T: Float>(shape: impl IntoShape, scale: T, seed: u64, device: &Device) -> Result<Array<T>> {
    check_params("rayleigh", &[("scale", scale.to_f64())], false)?;
    standard_exponential::<T>(shape.into_shape(), seed, device)?.mul_scalar(T::from_f64(2.0))?.sqrt()?.mul_scalar(scale)
}

/// Standard Cauchy values (NumPy's `standard_cauchy`): the ratio of two independent
/// standard normals (streams derived from `seed`).
///
/// # Errors
/// As [`random`].
pub fn standard_cauchy<T: Float>(shape: impl IntoShape, seed: u64, device: &Device) -> Result<Array<T>> {
    let shape = shape.into_shape();
    let num = standard_normal::<T>(shape.clone(), derived(seed, 1), device)?;
    num.div(&standard_normal::<T>(shape, derived(seed, 2), device)?)
}

/// Gamma values of shape `k > 0` with scale 1: Marsaglia and Tsang's method in the
/// random kernels, each element with its own Philox blocks (see
/// [`philox`](crate::backend::philox)).
fn standard_gamma_values<T: Float>(shape: Vec<usize>, k: f64, seed: u64, device: &Device) -> Result<Array<T>> {
    generate(shape, Distribution::Gamma { k }, seed, device)
}

/// Gamma values of shape `k` and scale `scale` (NumPy's `gamma(shape, scale)`; `k = 0`
/// gives zeros, as NumPy). Marsaglia and Tsang's rejection method in a kernel: each
/// element makes up to 16 attempts from its own counter-based blocks (each accepted
/// with probability ≥ 0.95, so all 16 fail with probability below 1e-20; the element
/// then keeps its last candidate), and `k < 1` is boosted through `k + 1`.
///
/// ```
/// let g = gpu::random::gamma::<f64>([100_000], 2.5, 2.0, 3, &gpu::Device::cpu())?;
/// assert!((g.mean()?.item()? - 5.0).abs() < 0.1);   // k·scale
/// # Ok::<(), gpu::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] unless `k` and `scale` are finite and `≥ 0`.
pub fn gamma<T: Float>(shape: impl IntoShape, k: T, scale: T, seed: u64, device: &Device) -> Result<Array<T>> {
    check_params("gamma", &[("shape", k.to_f64()), ("scale", scale.to_f64())], false)?;
    let shape = shape.into_shape();
    if k.to_f64() == 0.0 {
        return Array::zeros(shape, device);
    }
    standard_gamma_values::<T>(shape, k.to_f64(), seed, device)?.mul_scalar(scale)
}

/// Chi-square values with `df` degrees of freedom (NumPy's `chisquare`): `2·G(df/2)`.
///
/// # Errors
/// [`Error::InvalidArgument`] unless `df` is finite and `> 0`.
pub fn chisquare<T: Float>(shape: impl IntoShape, df: T, seed: u64, device: &Device) -> Result<Array<T>> {
    check_params("chisquare", &[("df", df.to_f64())], true)?;
    standard_gamma_values::<T>(shape.into_shape(), df.to_f64() / 2.0, seed, device)?.mul_scalar(T::from_f64(2.0))
}

/// Beta values with parameters `a` and `b` (NumPy's `beta`): `X / (X + Y)` for
/// independent gammas `X ~ G(a)`, `Y ~ G(b)`.
///
/// # Errors
/// [`Error::InvalidArgument`] unless `a` and `b` are finite and `> 0`.
pub fn beta<T: Float>(shape: impl IntoShape, a: T, b: T, seed: u64, device: &Device) -> Result<Array<T>> {
    check_params("beta", &[("a", a.to_f64()), ("b", b.to_f64())], true)?;
    let shape = shape.into_shape();
    let x = standard_gamma_values::<T>(shape.clone(), a.to_f64(), derived(seed, 1), device)?;
    let y = standard_gamma_values::<T>(shape, b.to_f64(), derived(seed, 2), device)?;
    x.div(&x.add(&y)?)
}

/// Student's t values with `df` degrees of freedom (NumPy's `standard_t`):
/// `N / √(χ²(df) / df)`.
///
/// # Errors
/// [`Error::InvalidArgument`] unless `df` is finite and `> 0`.
pub fn standard_t<T: Float>(shape: impl IntoShape, df: T, seed: u64, device: &Device) -> Result<Array<T>> {
    check_params("standard_t", &[("df", df.to_f64())], true)?;
    let shape = shape.into_shape();
    let n = standard_normal::<T>(shape.clone(), derived(seed, 1), device)?;
    let g = standard_gamma_values::<T>(shape, df.to_f64() / 2.0, derived(seed, 2), device)?;
    // χ²/df = 2G/df.
    n.div(&g.mul_scalar(T::from_f64(2.0 / df.to_f64()))?.sqrt()?)
}

/// F values with `dfnum` and `dfden` degrees of freedom (NumPy's `f`):
/// `(χ²(dfnum)/dfnum) / (χ²(dfden)/dfden)`.
///
/// # Errors
/// [`Error::InvalidArgument`] unless both are finite and `> 0`.
pub fn f<T: Float>(shape: impl IntoShape, dfnum: T, dfden: T, seed: u64, device: &Device) -> Result<Array<T>> {
    check_params("f", &[("dfnum", dfnum.to_f64()), ("dfden", dfden.to_f64())], true)?;
    let shape = shape.into_shape();
    let (d1, d2) = (dfnum.to_f64(), dfden.to_f64());
    let x = standard_gamma_values::<T>(shape.clone(), d1 / 2.0, derived(seed, 1), device)?;
    let y = standard_gamma_values::<T>(shape, d2 / 2.0, derived(seed, 2), device)?;
    x.div(&y)?.mul_scalar(T::from_f64(d2 / d1))
}

/// Dirichlet vectors with concentrations `alpha` (NumPy's `dirichlet(alpha, size)`):
/// shape `size + [alpha.len()]`, each vector `G(α_i)` normalised to sum 1.
///
/// ```
/// let x = gpu::random::dirichlet::<f64>(&[1.0, 2.0, 3.0], [4], 8, &gpu::Device::cpu())?;
/// assert_eq!(x.shape(), &[4, 3]);
/// let sums = x.sum_axis(-1, false)?.to_vec()?;
/// assert!(sums.iter().all(|s| (s - 1.0).abs() < 1e-12));
/// # Ok::<(), gpu::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] for no concentrations or one that is not finite and `> 0`.
pub fn dirichlet<T: Float>(alpha: &[f64], size: impl IntoShape, seed: u64, device: &Device) -> Result<Array<T>> {
    if alpha.is_empty() {
        return Err(Error::InvalidArgument { op: "dirichlet", reason: "needs at least one concentration".into() });
    }
    let named: Vec<(&str, f64)> = alpha.iter().map(|&a| ("alpha", a)).collect();
    check_params("dirichlet", &named, true)?;
    let size = size.into_shape();
    let parts = alpha
        .iter()
        .enumerate()
        .map(|(i, &a)| standard_gamma_values::<T>(size.clone(), a, derived(seed, 100 + i as u64), device))
        .collect::<Result<Vec<_>>>()?;
    let g = crate::ops::join::stack(&parts, -1)?;
    g.div(&g.sum_axis(-1, true)?)
}

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
