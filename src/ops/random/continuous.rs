//! Uniform and normal values from the random kernels, and the continuous
//! distributions made from them (see the module notes in `mod.rs`).

use crate::array::{check_supported, Array, IntoShape};
use crate::backend::{Backend, Distribution};
use crate::device::on_backend;
use crate::device::Device;
use crate::dtype::{Element, Float};
use crate::error::{Error, Result};
use crate::layout::{byte_count, element_count, Layout};
use crate::ops::elementwise::where_;

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
pub(super) fn derived(seed: u64, k: u64) -> u64 {
    let mut z = seed ^ k.wrapping_mul(0x9E37_79B9_7F4A_7C15).wrapping_add(0xD1B5_4A32_D192_ED03);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Uniform on the open interval `(0, 1)` (`[ε/4, 1)`): logarithms of it stay finite.
pub(super) fn open_unit<T: Float>(shape: Vec<usize>, seed: u64, device: &Device) -> Result<Array<T>> {
    uniform(shape, T::from_f64(T::EPSILON.to_f64() / 4.0), T::ONE, seed, device)
}

/// `-ln(U)` for `U` uniform on `(0, 1)`: standard exponential values, all finite.
pub(super) fn standard_exponential<T: Float>(shape: Vec<usize>, seed: u64, device: &Device) -> Result<Array<T>> {
    open_unit::<T>(shape, seed, device)?.ln()?.neg()
}

/// Checks that each named parameter is finite and, with `positive`, `> 0` (else `≥ 0`).
pub(super) fn check_params(op: &'static str, params: &[(&str, f64)], positive: bool) -> Result<()> {
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
