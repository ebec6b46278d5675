//! [`Generator`]: the routines of this module as methods of a seeded stream.

use std::sync::atomic::{AtomicU64, Ordering};

use super::continuous::*;
use super::discrete::*;
use crate::array::{Array, IntoShape};
use crate::device::Device;
use crate::dtype::{Element, Float, Scalar};
use crate::error::Result;

/// A seeded stream of draws on one device (NumPy's and CuPy's `default_rng(seed)`):
/// every call takes the next seed derived from the generator's own (see
/// [`Generator::next_seed`]), so successive draws differ while the same seed replays the
/// same sequence of arrays on every backend. Calls may come from several threads (the
/// order in which they take seeds is then theirs).
///
/// ```
/// use gpu::{random::Generator, Array, Device};
/// let rng = Generator::new(42, &Device::cpu());
/// let a = rng.standard_normal::<f64>([3])?;
/// let b = rng.standard_normal::<f64>([3])?;
/// assert_ne!(a.to_vec()?, b.to_vec()?);                 // the next draw differs
/// let again = Generator::new(42, &Device::cpu());
/// assert_eq!(again.standard_normal::<f64>([3])?.to_vec()?, a.to_vec()?);
/// let k = rng.poisson([4], 3.0)?;                        // u32 counts
/// let pick = rng.choice(&Array::from_vec(vec![1, 2, 3], [3])?, [2], false)?;
/// # let _ = (k, pick);
/// # Ok::<(), gpu::Error>(())
/// ```
#[derive(Debug)]
pub struct Generator {
    seed: u64,
    draws: AtomicU64,
    device: Device,
}

impl Generator {
    /// A generator of `seed` whose draws land on `device`.
    pub fn new(seed: u64, device: &Device) -> Generator {
        Generator { seed, draws: AtomicU64::new(0), device: device.clone() }
    }

    /// The device the draws land on.
    pub fn device(&self) -> &Device {
        &self.device
    }

    /// The seed of the next draw, taken (so the draw after uses another): draw `k` of a
    /// generator uses a fixed function of its seed and `k`. Pass it to this module's free
    /// functions to draw from the stream with them.
    pub fn next_seed(&self) -> u64 {
        derived(self.seed, 0x1000 + self.draws.fetch_add(1, Ordering::Relaxed))
    }

    /// Uniform values on `[low, high)` ([`uniform`]; integers for NumPy's `integers`).
    ///
    /// # Errors
    /// As [`uniform`].
    pub fn uniform<T: Element>(&self, shape: impl IntoShape, low: T, high: T) -> Result<Array<T>> {
        uniform(shape, low, high, self.next_seed(), &self.device)
    }

    /// Dirichlet vectors ([`dirichlet`]).
    ///
    /// # Errors
    /// As [`dirichlet`].
    pub fn dirichlet<T: Float>(&self, alpha: &[f64], size: impl IntoShape) -> Result<Array<T>> {
        dirichlet(alpha, size, self.next_seed(), &self.device)
    }

    /// A permutation of `0..n` ([`permutation`]).
    ///
    /// # Errors
    /// As [`permutation`].
    pub fn permutation(&self, n: usize) -> Result<Array<u32>> {
        permutation(n, self.next_seed(), &self.device)
    }

    /// `a` with its slices along `axis` shuffled ([`shuffled`]; on `a`'s device).
    ///
    /// # Errors
    /// As [`shuffled`].
    pub fn shuffled<T: Scalar>(&self, a: &Array<T>, axis: isize) -> Result<Array<T>> {
        shuffled(a, axis, self.next_seed())
    }

    /// Values drawn from `a` ([`choice`]; on `a`'s device).
    ///
    /// # Errors
    /// As [`choice`].
    pub fn choice<T: Scalar>(&self, a: &Array<T>, size: impl IntoShape, replace: bool) -> Result<Array<T>> {
        choice(a, size, replace, self.next_seed())
    }

    /// Values drawn from `a` with probabilities `p` ([`choice_weighted`]).
    ///
    /// # Errors
    /// As [`choice_weighted`].
    pub fn choice_weighted<T: Scalar, P: Float>(
        &self,
        a: &Array<T>,
        size: impl IntoShape,
        replace: bool,
        p: &Array<P>,
    ) -> Result<Array<T>> {
        choice_weighted(a, size, replace, p, self.next_seed())
    }
}

/// Methods that forward `(shape, parameters…)` to the free function of the same name
/// with the next seed and the generator's device.
macro_rules! draws {
    ($($(<$t:ident>)? $name:ident($($arg:ident: $ty:ty),*) -> $out:ty;)*) => {
        impl Generator {
            $(
                #[doc = concat!("[`", stringify!($name), "`] values of `shape`, from the next seed.")]
                ///
                /// # Errors
                #[doc = concat!("As [`", stringify!($name), "`].")]
                pub fn $name$(<$t: Float>)?(&self, shape: impl IntoShape, $($arg: $ty),*) -> Result<$out> {
                    $name(shape, $($arg,)* self.next_seed(), &self.device)
                }
            )*
        }
    };
}

draws! {
    <T> normal(mean: T, std: T) -> Array<T>;
    <T> random() -> Array<T>;
    <T> standard_normal() -> Array<T>;
    <T> exponential(scale: T) -> Array<T>;
    <T> lognormal(mean: T, sigma: T) -> Array<T>;
    <T> laplace(loc: T, scale: T) -> Array<T>;
    <T> logistic(loc: T, scale: T) -> Array<T>;
    <T> gumbel(loc: T, scale: T) -> Array<T>;
    <T> weibull(a: T) -> Array<T>;
    <T> pareto(a: T) -> Array<T>;
    <T> power(a: T) -> Array<T>;
    <T> rayleigh(scale: T) -> Array<T>;
    <T> standard_cauchy() -> Array<T>;
    <T> gamma(k: T, scale: T) -> Array<T>;
    <T> chisquare(df: T) -> Array<T>;
    <T> beta(a: T, b: T) -> Array<T>;
    <T> standard_t(df: T) -> Array<T>;
    <T> f(dfnum: T, dfden: T) -> Array<T>;
    geometric(p: f64) -> Array<u32>;
    poisson(lam: f64) -> Array<u32>;
    binomial(n: u32, p: f64) -> Array<u32>;
    negative_binomial(n: f64, p: f64) -> Array<u32>;
    hypergeometric(ngood: u32, nbad: u32, nsample: u32) -> Array<u32>;
}
