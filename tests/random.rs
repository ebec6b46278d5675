//! The sampling routines of `gpu::random` beyond uniform and normal (those are in
//! `creation.rs`), on every backend: each continuous distribution (the gamma family
//! against host incomplete gamma and beta functions) passes a
//! Kolmogorov–Smirnov test against its CDF (200,000 values, D < 1.95/√n: α ≈ 0.001,
//! deterministic for the fixed seeds) and matches the CPU backend's values for the same
//! seed (the uniform streams are bit-identical; tolerance: the device's `ln`/`exp`,
//! 2e-5 relative for f32, 1e-11 for f64; Cauchy values, a ratio of normals, through
//! their CDF); permutations are permutations, equal across
//! backends and uncorrelated with position; `choice` draws with the asked frequencies
//! (within 5σ), never a zero-probability value, and without repeats when asked; bad
//! parameters are `InvalidArgument`.

#[macro_use]
mod common;

use std::f64::consts::PI;

use common::{f64s, TestValue};
use gpu::{random, Array, DType, Device, Error, Float};

const N: usize = 200_000;

/// `erfc` for the normal CDF (Numerical Recipes' Chebyshev fit, |error| < 1.2e-7).
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.26551223
        + t * (1.00002368
            + t * (0.37409196
                + t * (0.09678418
                    + t * (-0.18628806
                        + t * (0.27886807
                            + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
    let r = t * poly.exp();
    if x >= 0.0 {
        r
    } else {
        2.0 - r
    }
}

fn normal_cdf(x: f64) -> f64 {
    0.5 * erfc(-x / std::f64::consts::SQRT_2)
}

/// ln Γ(x) for x > 0: Stirling's series at x + 16 or beyond, shifted down by
/// ln Γ(x) = ln Γ(x + n) − Σ ln(x + i) (~1e-15; independent of the library's Lanczos).
fn ln_gamma(x: f64) -> f64 {
    let (mut z, mut shift) = (x, 0.0);
    while z < 16.0 {
        shift += z.ln();
        z += 1.0;
    }
    let (r, r2) = (1.0 / z, 1.0 / (z * z));
    let series = r * (1.0 / 12.0 - r2 * (1.0 / 360.0 - r2 * (1.0 / 1260.0 - r2 * (1.0 / 1680.0 - r2 / 1188.0))));
    (z - 0.5) * z.ln() - z + 0.5 * (2.0 * PI).ln() + series - shift
}

/// The regularised lower incomplete gamma function P(a, x) (series below a + 1, Lentz's
/// continued fraction above).
fn gamma_p(a: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    let front = (a * x.ln() - x - ln_gamma(a)).exp();
    if x < a + 1.0 {
        let (mut term, mut sum, mut ap) = (1.0 / a, 1.0 / a, a);
        for _ in 0..1000 {
            ap += 1.0;
            term *= x / ap;
            sum += term;
            if term.abs() < sum.abs() * 1e-16 {
                break;
            }
        }
        sum * front
    } else {
        1.0 - front
            * lentz(|i| {
                if i == 0 {
                    (0.0, x + 1.0 - a)
                } else {
                    (-(i as f64) * (i as f64 - a), x + 1.0 - a + 2.0 * i as f64)
                }
            })
    }
}

/// The regularised incomplete beta function I_x(a, b) (its continued fraction, on the
/// side where it converges fast).
fn beta_i(a: f64, b: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let front = (ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln()).exp();
    if x > (a + 1.0) / (a + b + 2.0) {
        return 1.0 - beta_i(b, a, 1.0 - x);
    }
    let d = |i: usize| -> f64 {
        let m = (i / 2) as f64;
        if i.is_multiple_of(2) {
            m * (b - m) * x / ((a + 2.0 * m - 1.0) * (a + 2.0 * m))
        } else {
            -(a + m) * (a + b + m) * x / ((a + 2.0 * m) * (a + 2.0 * m + 1.0))
        }
    };
    // 1 / (1 + d1 / (1 + d2 / (1 + …))) with d_1 odd, d_2 even, …
    front / a * lentz(|i| if i == 0 { (0.0, 1.0) } else { (d(i), 1.0) })
}

/// `1 / (b0 + a1/(b1 + a2/(b2 + …)))`, the continued fraction by Lentz's method, with
/// terms `(a_i, b_i) = term(i)` (`a_0` unused).
fn lentz(term: impl Fn(usize) -> (f64, f64)) -> f64 {
    let tiny = 1e-300;
    let b0 = term(0).1;
    let mut f = if b0 == 0.0 { tiny } else { b0 };
    let (mut c, mut d) = (f, 0.0);
    for i in 1..10_000 {
        let (a, b) = term(i);
        d = b + a * d;
        if d.abs() < tiny {
            d = tiny;
        }
        c = b + a / c;
        if c.abs() < tiny {
            c = tiny;
        }
        d = 1.0 / d;
        let delta = c * d;
        f *= delta;
        if (delta - 1.0).abs() < 1e-15 {
            break;
        }
    }
    1.0 / f
}

fn t_cdf(df: f64, t: f64) -> f64 {
    let tail = 0.5 * beta_i(df / 2.0, 0.5, df / (df + t * t));
    if t >= 0.0 {
        1.0 - tail
    } else {
        tail
    }
}

/// The Kolmogorov–Smirnov distance of the sample from `cdf`.
fn ks(mut v: Vec<f64>, cdf: impl Fn(f64) -> f64) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len() as f64;
    v.iter()
        .enumerate()
        .map(|(i, &x)| {
            let f = cdf(x);
            (f - i as f64 / n).abs().max(((i + 1) as f64 / n - f).abs())
        })
        .fold(0.0, f64::max)
}

type Sampler<T> = Box<dyn Fn(u64, &Device) -> gpu::Result<Array<T>>>;
type Cdf = Box<dyn Fn(f64) -> f64>;
type Case<T> = (&'static str, Sampler<T>, Cdf);

/// Every continuous distribution with its CDF.
fn distributions<T: Float + TestValue>() -> Vec<Case<T>> {
    let t = |x: f64| T::from_f64(x);
    vec![
        ("random", Box::new(|s, d| random::random::<T>([N], s, d)), Box::new(|x: f64| x.clamp(0.0, 1.0))),
        ("standard_normal", Box::new(|s, d| random::standard_normal::<T>([N], s, d)), Box::new(normal_cdf)),
        (
            "exponential(2)",
            Box::new(move |s, d| random::exponential::<T>([N], t(2.0), s, d)),
            Box::new(|x: f64| 1.0 - (-x / 2.0).exp()),
        ),
        (
            "lognormal(0.5, 0.75)",
            Box::new(move |s, d| random::lognormal::<T>([N], t(0.5), t(0.75), s, d)),
            Box::new(|x: f64| if x <= 0.0 { 0.0 } else { normal_cdf((x.ln() - 0.5) / 0.75) }),
        ),
        (
            "laplace(1, 2)",
            Box::new(move |s, d| random::laplace::<T>([N], t(1.0), t(2.0), s, d)),
            Box::new(
                |x: f64| if x < 1.0 { 0.5 * ((x - 1.0) / 2.0).exp() } else { 1.0 - 0.5 * (-(x - 1.0) / 2.0).exp() },
            ),
        ),
        (
            "logistic(-1, 0.5)",
            Box::new(move |s, d| random::logistic::<T>([N], t(-1.0), t(0.5), s, d)),
            Box::new(|x: f64| 1.0 / (1.0 + (-(x + 1.0) / 0.5).exp())),
        ),
        (
            "gumbel(3, 1.5)",
            Box::new(move |s, d| random::gumbel::<T>([N], t(3.0), t(1.5), s, d)),
            Box::new(|x: f64| (-(-(x - 3.0) / 1.5).exp()).exp()),
        ),
        (
            "weibull(1.7)",
            Box::new(move |s, d| random::weibull::<T>([N], t(1.7), s, d)),
            Box::new(|x: f64| if x <= 0.0 { 0.0 } else { 1.0 - (-x.powf(1.7)).exp() }),
        ),
        (
            "pareto(3)",
            Box::new(move |s, d| random::pareto::<T>([N], t(3.0), s, d)),
            Box::new(|x: f64| if x <= 0.0 { 0.0 } else { 1.0 - (1.0 + x).powf(-3.0) }),
        ),
        (
            "power(2.5)",
            Box::new(move |s, d| random::power::<T>([N], t(2.5), s, d)),
            Box::new(|x: f64| x.clamp(0.0, 1.0).powf(2.5)),
        ),
        (
            "rayleigh(2)",
            Box::new(move |s, d| random::rayleigh::<T>([N], t(2.0), s, d)),
            Box::new(|x: f64| if x <= 0.0 { 0.0 } else { 1.0 - (-x * x / 8.0).exp() }),
        ),
        (
            "standard_cauchy",
            Box::new(|s, d| random::standard_cauchy::<T>([N], s, d)),
            Box::new(|x: f64| 0.5 + x.atan() / PI),
        ),
        (
            "gamma(0.5, 2)",
            Box::new(move |s, d| random::gamma::<T>([N], t(0.5), t(2.0), s, d)),
            Box::new(|x: f64| gamma_p(0.5, x / 2.0)),
        ),
        (
            "gamma(1, 1)",
            Box::new(move |s, d| random::gamma::<T>([N], t(1.0), t(1.0), s, d)),
            Box::new(|x: f64| 1.0 - (-x.max(0.0)).exp()),
        ),
        (
            "gamma(7.5, 0.5)",
            Box::new(move |s, d| random::gamma::<T>([N], t(7.5), t(0.5), s, d)),
            Box::new(|x: f64| gamma_p(7.5, x / 0.5)),
        ),
        (
            "chisquare(3)",
            Box::new(move |s, d| random::chisquare::<T>([N], t(3.0), s, d)),
            Box::new(|x: f64| gamma_p(1.5, x / 2.0)),
        ),
        (
            "beta(2, 5)",
            Box::new(move |s, d| random::beta::<T>([N], t(2.0), t(5.0), s, d)),
            Box::new(|x| beta_i(2.0, 5.0, x)),
        ),
        (
            "beta(0.5, 0.5)",
            Box::new(move |s, d| random::beta::<T>([N], t(0.5), t(0.5), s, d)),
            Box::new(|x| beta_i(0.5, 0.5, x)),
        ),
        (
            "standard_t(4)",
            Box::new(move |s, d| random::standard_t::<T>([N], t(4.0), s, d)),
            Box::new(|x| t_cdf(4.0, x)),
        ),
        (
            "f(5, 10)",
            Box::new(move |s, d| random::f::<T>([N], t(5.0), t(10.0), s, d)),
            Box::new(|x: f64| beta_i(2.5, 5.0, 5.0 * x / (5.0 * x + 10.0))),
        ),
    ]
}

fn continuous<T: Float + TestValue>(dev: &Device) -> gpu::Result<()> {
    let cpu = Device::cpu();
    let rel = if T::DTYPE == DType::F32 { 2e-5 } else { 1e-11 };
    for (seed, (name, sample, cdf)) in distributions::<T>().into_iter().enumerate() {
        let seed = 100 + seed as u64;
        let got = f64s(&sample(seed, dev)?);
        assert_eq!(got.len(), N);
        assert!(got.iter().all(|x| !x.is_nan()), "{} {name}: NaN", T::DTYPE);
        let d = ks(got.clone(), &cdf);
        assert!(d < 1.95 / (N as f64).sqrt(), "{} {name} on {dev}: KS distance {d}", T::DTYPE);
        if dev.kind() != gpu::DeviceKind::Cpu {
            let want = f64s(&sample(seed, &cpu)?);
            // Rejection sampling (the gamma family) may keep another candidate where an
            // acceptance test is decided in the last bit: at most 1 in 1000 may differ.
            let rejection = ["gamma", "chisquare", "beta", "standard_t", "f("].iter().any(|r| name.starts_with(r));
            let mut differ = 0;
            for (i, (g, w)) in got.iter().zip(&want).enumerate() {
                // A ratio amplifies rounding where its denominator is small: those are
                // compared through their CDF.
                let ratio = name == "standard_cauchy" || rejection;
                let (g2, w2) = if ratio { (cdf(*g), cdf(*w)) } else { (*g, *w) };
                if (g2 - w2).abs() > rel * (1.0 + w2.abs()) {
                    assert!(rejection, "{} {name}: element {i}: {g} vs CPU {w}", T::DTYPE);
                    differ += 1;
                }
            }
            assert!(differ <= N / 1000, "{} {name}: {differ} values differ from the CPU's", T::DTYPE);
        }
    }
    Ok(())
}

fn permutations(dev: &Device) -> gpu::Result<()> {
    let n = 100_000;
    let p = random::permutation(n, 7, dev)?;
    let v = p.to_vec()?;
    let mut seen = vec![false; n];
    for &i in &v {
        assert!(!seen[i as usize], "repeated {i}");
        seen[i as usize] = true;
    }
    // Uncorrelated with position: |r| < 5/√n.
    let mean = (n as f64 - 1.0) / 2.0;
    let (mut sxy, mut sxx) = (0.0, 0.0);
    for (i, &x) in v.iter().enumerate() {
        sxy += (i as f64 - mean) * (x as f64 - mean);
        sxx += (i as f64 - mean).powi(2);
    }
    assert!((sxy / sxx).abs() < 5.0 / (n as f64).sqrt(), "correlation {}", sxy / sxx);
    // Deterministic, seed-dependent, the same on every backend.
    assert_eq!(random::permutation(n, 7, dev)?.to_vec()?, v);
    assert_ne!(random::permutation(n, 8, dev)?.to_vec()?, v);
    assert_eq!(random::permutation(n, 7, &Device::cpu())?.to_vec()?, v);
    assert_eq!(random::permutation(0, 7, dev)?.shape(), &[0]);
    // shuffled: rows of a matrix in the permutation's order.
    let a = Array::from_vec((0..12).collect::<Vec<i32>>(), [4, 3])?.to(dev)?;
    let s = random::shuffled(&a, 0, 3)?;
    let order = random::permutation(4, 3, dev)?.to_vec()?;
    let want: Vec<i32> = order.iter().flat_map(|&r| (0..3).map(move |c| r as i32 * 3 + c)).collect();
    assert_eq!(s.to_vec()?, want);
    assert!(matches!(random::shuffled(&a, 2, 3), Err(Error::AxisOutOfRange { .. })));
    Ok(())
}

fn choices(dev: &Device) -> gpu::Result<()> {
    let a = Array::from_vec(vec![10i32, 20, 30, 40, 50], [5])?.to(dev)?;
    // Uniform with replacement: each value about k/5 times.
    let k = 50_000;
    let x = random::choice(&a, [k], true, 1)?.to_vec()?;
    for v in [10, 20, 30, 40, 50] {
        let c = x.iter().filter(|&&y| y == v).count() as f64;
        let (m, s) = (k as f64 / 5.0, (k as f64 * 0.2 * 0.8).sqrt());
        assert!((c - m).abs() < 5.0 * s, "value {v}: {c} of {k}");
    }
    // Weighted with replacement: frequencies of p, none of the zero entries.
    let p32 = Array::from_vec(vec![0.1f32, 0.0, 0.6, 0.3, 0.0], [5])?.to(dev)?;
    if dev.supports(DType::F64) {
        let p = Array::from_vec(vec![0.1f64, 0.0, 0.6, 0.3, 0.0], [5])?.to(dev)?;
        let y = random::choice_weighted(&a, [k], true, &p, 2)?.to_vec()?;
        check_frequencies(&y, &[(10, 0.1), (20, 0.0), (30, 0.6), (40, 0.3), (50, 0.0)], k);
        // The same picks on the CPU for the same seed.
        let cpu_p = p.to(&Device::cpu())?;
        assert_eq!(random::choice_weighted(&a.to(&Device::cpu())?, [k], true, &cpu_p, 2)?.to_vec()?, y);
    }
    let y = random::choice_weighted(&a, [k], true, &p32, 2)?.to_vec()?;
    check_frequencies(&y, &[(10, 0.1), (20, 0.0), (30, 0.6), (40, 0.3), (50, 0.0)], k);
    // Without replacement: distinct values; all of them when k = n.
    let mut z = random::choice(&a, [5], false, 3)?.to_vec()?;
    z.sort();
    assert_eq!(z, [10, 20, 30, 40, 50]);
    assert_eq!(random::choice(&a, [2, 2], false, 3)?.shape(), &[2, 2]);
    // Weighted without replacement: never a zero-probability value; the largest weight
    // (0.6) is in a draw of two with probability 0.6 + 0.1·0.6/0.9 + 0.3·0.6/0.7.
    let trials = 300;
    let mut with_30 = 0;
    for seed in 0..trials {
        let w = random::choice_weighted(&a, [2], false, &p32, seed)?.to_vec()?;
        assert!(w[0] != w[1] && w.iter().all(|v| [10, 30, 40].contains(v)), "{w:?}");
        with_30 += w.contains(&30) as usize;
    }
    let q = 0.6 + 0.1 * 0.6 / 0.9 + 0.3 * 0.6 / 0.7;
    let (m, s) = (trials as f64 * q, (trials as f64 * q * (1.0 - q)).sqrt());
    assert!((with_30 as f64 - m).abs() < 5.0 * s, "30 drawn in {with_30} of {trials} (expected {m:.0})");
    // Errors.
    let bad = |r: gpu::Result<Array<i32>>| matches!(r, Err(Error::InvalidArgument { op: "choice", .. }));
    assert!(bad(random::choice(&a, [6], false, 1)));
    assert!(bad(random::choice(&a.reshape([5, 1])?, [2], true, 1)));
    assert!(bad(random::choice(&a.slice(0, Some(0), Some(0), 1)?, [2], true, 1)));
    assert_eq!(random::choice(&a.slice(0, Some(0), Some(0), 1)?, [0], true, 1)?.shape(), &[0]);
    let q = |v: Vec<f32>| Array::from_vec(v, [5])?.to(dev);
    assert!(bad(random::choice_weighted(&a, [3], true, &q(vec![0.5, 0.5, 0.5, 0.0, 0.0])?, 1)));
    assert!(bad(random::choice_weighted(&a, [3], true, &q(vec![1.5, -0.5, 0.0, 0.0, 0.0])?, 1)));
    assert!(bad(random::choice_weighted(&a, [3], false, &q(vec![0.5, 0.5, 0.0, 0.0, 0.0])?, 1)));
    assert!(bad(random::choice_weighted(&a, [3], true, &Array::from_vec(vec![1.0f32], [1])?.to(dev)?, 1)));
    Ok(())
}

#[track_caller]
fn check_frequencies(y: &[i32], p: &[(i32, f64)], k: usize) {
    for &(v, pv) in p {
        let c = y.iter().filter(|&&x| x == v).count() as f64;
        if pv == 0.0 {
            assert_eq!(c, 0.0, "value {v} has probability 0 but was drawn");
        } else {
            let (m, s) = (k as f64 * pv, (k as f64 * pv * (1.0 - pv)).sqrt());
            assert!((c - m).abs() < 5.0 * s, "value {v}: {c} of {k}, expected {m}");
        }
    }
}

/// Dirichlet: rows on the simplex, component 0 Beta(α0, Σα − α0) by KS; geometric:
/// the frequencies of 1..=5 within 5σ and the mean 1/p.
fn dirichlet_and_geometric(dev: &Device) -> gpu::Result<()> {
    let n = 100_000;
    let alpha = [0.5, 2.0, 3.5];
    let has_f64 = dev.supports(DType::F64);
    let x: Vec<f64> = if has_f64 {
        f64s(&random::dirichlet::<f64>(&alpha, [n], 21, dev)?)
    } else {
        f64s(&random::dirichlet::<f32>(&alpha, [n], 21, dev)?)
    };
    assert_eq!(x.len(), 3 * n);
    for row in x.chunks(3) {
        assert!(
            row.iter().all(|&v| (0.0..=1.0).contains(&v)) && (row.iter().sum::<f64>() - 1.0).abs() < 1e-5,
            "{row:?}"
        );
    }
    let first: Vec<f64> = x.chunks(3).map(|r| r[0]).collect();
    let d = ks(first, |v| beta_i(0.5, 5.5, v));
    assert!(d < 1.95 / (n as f64).sqrt(), "dirichlet component 0: KS distance {d}");
    let p = 0.3;
    let g = random::geometric([n], p, 22, dev)?.to_vec()?;
    assert!(g.iter().all(|&k| k >= 1));
    for k in 1..=5u32 {
        let q = (1.0 - p).powi(k as i32 - 1) * p;
        let c = g.iter().filter(|&&v| v == k).count() as f64;
        let (m, s) = (n as f64 * q, (n as f64 * q * (1.0 - q)).sqrt());
        assert!((c - m).abs() < 5.0 * s, "geometric: {c} values {k}, expected {m:.0}");
    }
    let mean = g.iter().map(|&v| v as f64).sum::<f64>() / n as f64;
    let sd = ((1.0 - p) / (p * p) / n as f64).sqrt();
    assert!((mean - 1.0 / p).abs() < 5.0 * sd, "geometric mean {mean}");
    assert_eq!(random::geometric([4], 1.0, 1, dev)?.to_vec()?, [1; 4]);
    Ok(())
}

/// `pmf(k)` for k = 0, 1, … from `p0` and the ratio `p(k+1)/p(k)`, until `kmax`.
fn pmf_table(p0: f64, ratio: impl Fn(f64) -> f64, kmax: usize) -> Vec<f64> {
    let mut v = vec![p0];
    for k in 0..kmax {
        let next = v[k] * ratio(k as f64);
        v.push(next);
    }
    v
}

/// Frequencies of every value whose expected count is at least 20 within 5σ of it, and
/// the sample mean within 5 standard errors.
#[track_caller]
fn check_discrete(name: &str, x: &[u32], pmf: &[f64]) {
    let n = x.len() as f64;
    let mut counts = vec![0usize; pmf.len() + 1];
    for &v in x {
        counts[(v as usize).min(pmf.len())] += 1;
    }
    for (k, &q) in pmf.iter().enumerate() {
        let m = n * q;
        if m >= 20.0 {
            let c = counts[k] as f64;
            assert!((c - m).abs() < 5.0 * (m * (1.0 - q)).sqrt(), "{name}: {c} values {k}, expected {m:.1}");
        }
    }
    let mean: f64 = pmf.iter().enumerate().map(|(k, q)| k as f64 * q).sum();
    let var: f64 = pmf.iter().enumerate().map(|(k, q)| (k as f64 - mean).powi(2) * q).sum();
    let got = x.iter().map(|&v| v as f64).sum::<f64>() / n;
    assert!((got - mean).abs() < 5.0 * (var / n).sqrt(), "{name}: mean {got}, expected {mean}");
}

/// Poisson, binomial, negative binomial and hypergeometric frequencies against their
/// pmfs (computed here by the ratio recursions, independently of the library's ln Γ),
/// a Poisson with mean 1e6 by its first two moments, and the same values as the CPU's
/// where the device has f64 (then the tables and uniforms are identical).
fn discrete(dev: &Device) -> gpu::Result<()> {
    let n = 200_000;
    let cpu = Device::cpu();
    let same_as_cpu = dev.supports(DType::F64) && dev.kind() != gpu::DeviceKind::Cpu;
    type Draw = Box<dyn Fn(&Device) -> gpu::Result<Array<u32>>>;
    let cases: Vec<(&str, Draw, Vec<f64>)> = vec![
        (
            "poisson(0.7)",
            Box::new(move |d| random::poisson([n], 0.7, 31, d)),
            pmf_table((-0.7f64).exp(), |k| 0.7 / (k + 1.0), 30),
        ),
        (
            "poisson(30)",
            Box::new(move |d| random::poisson([n], 30.0, 32, d)),
            pmf_table((-30.0f64).exp(), |k| 30.0 / (k + 1.0), 120),
        ),
        (
            "binomial(10, 0.3)",
            Box::new(move |d| random::binomial([n], 10, 0.3, 33, d)),
            pmf_table(0.7f64.powi(10), |k| (10.0 - k) / (k + 1.0) * 0.3 / 0.7, 10),
        ),
        (
            "binomial(1000, 0.02)",
            Box::new(move |d| random::binomial([n], 1000, 0.02, 34, d)),
            pmf_table(0.98f64.powi(1000), |k| (1000.0 - k) / (k + 1.0) * 0.02 / 0.98, 1000),
        ),
        (
            "negative_binomial(2.5, 0.4)",
            Box::new(move |d| random::negative_binomial([n], 2.5, 0.4, 35, d)),
            pmf_table(0.4f64.powf(2.5), |k| (k + 2.5) / (k + 1.0) * 0.6, 200),
        ),
        (
            "negative_binomial(0.3, 0.05)",
            Box::new(move |d| random::negative_binomial([n], 0.3, 0.05, 36, d)),
            pmf_table(0.05f64.powf(0.3), |k| (k + 0.3) / (k + 1.0) * 0.95, 2000),
        ),
        (
            "hypergeometric(7, 13, 9)",
            // p(k+1)/p(k) = (g-k)(n-k) / ((k+1)(b-n+k+1)); p(0) = C(13, 9)/C(20, 9).
            Box::new(move |d| random::hypergeometric([n], 7, 13, 9, 37, d)),
            pmf_table(715.0 / 167960.0, |k| (7.0 - k) * (9.0 - k) / ((k + 1.0) * (13.0 - 9.0 + k + 1.0)), 7),
        ),
    ];
    for (name, draw, pmf) in cases {
        let x = draw(dev)?;
        assert_eq!(x.shape(), &[n]);
        let v = x.to_vec()?;
        check_discrete(name, &v, &pmf);
        if same_as_cpu {
            assert_eq!(draw(&cpu)?.to_vec()?, v, "{name}: differs from the CPU's values");
        }
    }
    // A large mean: the first two moments.
    let big = random::poisson([n], 1e6, 38, dev)?.to_vec()?;
    let mean = big.iter().map(|&v| v as f64).sum::<f64>() / n as f64;
    let var = big.iter().map(|&v| (v as f64 - mean).powi(2)).sum::<f64>() / n as f64;
    assert!((mean - 1e6).abs() < 5.0 * (1e6 / n as f64).sqrt(), "poisson(1e6) mean {mean}");
    assert!((var / 1e6 - 1.0).abs() < 0.02, "poisson(1e6) variance {var}");
    // Degenerate and invalid parameters.
    assert_eq!(random::poisson([3], 0.0, 1, dev)?.to_vec()?, [0; 3]);
    assert_eq!(random::binomial([3], 5, 1.0, 1, dev)?.to_vec()?, [5; 3]);
    assert_eq!(random::binomial([2, 2], 5, 0.0, 1, dev)?.to_vec()?, [0; 4]);
    assert_eq!(random::hypergeometric([2], 3, 0, 3, 1, dev)?.to_vec()?, [3, 3]);
    let bad = |r: gpu::Result<Array<u32>>| matches!(r, Err(Error::InvalidArgument { .. }));
    assert!(bad(random::poisson([3], -1.0, 1, dev)));
    assert!(bad(random::poisson([3], 2e9, 1, dev)));
    assert!(bad(random::binomial([3], 4, 1.5, 1, dev)));
    assert!(bad(random::negative_binomial([3], 0.0, 0.5, 1, dev)));
    assert!(bad(random::negative_binomial([3], 1.0, 0.0, 1, dev)));
    assert!(bad(random::hypergeometric([3], 2, 2, 5, 1, dev)));
    Ok(())
}

/// A `Generator` replays its sequence for the same seed, differs between draws and
/// seeds, equals the free functions given its `next_seed`s, and lands on its device.
fn generators(dev: &Device) -> gpu::Result<()> {
    use gpu::random::Generator;
    let (g1, g2, other) = (Generator::new(9, dev), Generator::new(9, dev), Generator::new(10, dev));
    let a = g1.standard_normal::<f32>([1000])?.to_vec()?;
    let b = g1.standard_normal::<f32>([1000])?.to_vec()?;
    assert_ne!(a, b, "successive draws");
    assert_eq!(g2.standard_normal::<f32>([1000])?.to_vec()?, a, "same seed, first draw");
    assert_eq!(g2.standard_normal::<f32>([1000])?.to_vec()?, b, "same seed, second draw");
    assert_ne!(other.standard_normal::<f32>([1000])?.to_vec()?, a, "another seed");
    // Draw k is the free function with the k-th seed.
    let (g3, g4) = (Generator::new(77, dev), Generator::new(77, dev));
    let s = g3.next_seed();
    assert_eq!(g4.poisson([500], 4.0)?.to_vec()?, random::poisson([500], 4.0, s, dev)?.to_vec()?);
    let s = g3.next_seed();
    assert_eq!(g4.permutation(50)?.to_vec()?, random::permutation(50, s, dev)?.to_vec()?);
    let s = g3.next_seed();
    let u = g4.uniform::<i32>([7], -5, 5)?;
    assert_eq!(u.to_vec()?, random::uniform::<i32>([7], -5, 5, s, dev)?.to_vec()?);
    assert_eq!((u.device(), g4.device()), (dev, dev));
    let x = Array::from_vec(vec![1u32, 2, 3, 4], [4])?.to(dev)?;
    assert_eq!(g4.choice(&x, [2, 2], false)?.shape(), &[2, 2]);
    assert_eq!(g4.dirichlet::<f32>(&[1.0, 1.0], [3])?.shape(), &[3, 2]);
    assert!(matches!(g4.gamma::<f32>([2], -1.0, 1.0), Err(Error::InvalidArgument { .. })));
    Ok(())
}

fn parameters(dev: &Device) -> gpu::Result<()> {
    let bad = |r: gpu::Result<Array<f32>>| matches!(r, Err(Error::InvalidArgument { .. }));
    assert!(bad(random::exponential::<f32>([3], -1.0, 1, dev)));
    assert!(bad(random::exponential::<f32>([3], f32::INFINITY, 1, dev)));
    assert!(bad(random::lognormal::<f32>([3], f32::NAN, 1.0, 1, dev)));
    assert!(bad(random::laplace::<f32>([3], 0.0, -1.0, 1, dev)));
    assert!(bad(random::logistic::<f32>([3], 0.0, f32::NAN, 1, dev)));
    assert!(bad(random::gumbel::<f32>([3], f32::INFINITY, 1.0, 1, dev)));
    assert!(bad(random::weibull::<f32>([3], -2.0, 1, dev)));
    assert!(bad(random::pareto::<f32>([3], 0.0, 1, dev)));
    assert!(bad(random::power::<f32>([3], 0.0, 1, dev)));
    assert!(bad(random::rayleigh::<f32>([3], -1.0, 1, dev)));
    assert!(bad(random::gamma::<f32>([3], -1.0, 1.0, 1, dev)));
    assert!(bad(random::gamma::<f32>([3], 1.0, f32::NAN, 1, dev)));
    assert!(bad(random::chisquare::<f32>([3], 0.0, 1, dev)));
    assert!(bad(random::beta::<f32>([3], 1.0, 0.0, 1, dev)));
    assert!(bad(random::standard_t::<f32>([3], -3.0, 1, dev)));
    assert!(bad(random::f::<f32>([3], 1.0, f32::INFINITY, 1, dev)));
    assert!(bad(random::dirichlet::<f32>(&[], [3], 1, dev)));
    assert!(bad(random::dirichlet::<f32>(&[1.0, 0.0], [3], 1, dev)));
    assert!(matches!(random::geometric([3], 0.0, 1, dev), Err(Error::InvalidArgument { .. })));
    assert!(matches!(random::geometric([3], 1.5, 1, dev), Err(Error::InvalidArgument { .. })));
    assert_eq!(random::gamma::<f32>([3], 0.0, 1.0, 1, dev)?.to_vec()?, [0.0; 3]);
    // Degenerate but valid, as NumPy: scale 0 gives loc; weibull(0) gives zeros.
    assert_eq!(random::exponential::<f32>([3], 0.0, 1, dev)?.to_vec()?, [0.0; 3]);
    assert_eq!(random::laplace::<f32>([3], 2.0, 0.0, 1, dev)?.to_vec()?, [2.0; 3]);
    assert_eq!(random::weibull::<f32>([3], 0.0, 1, dev)?.to_vec()?, [0.0; 3]);
    assert_eq!(random::gumbel::<f32>([2, 0], 0.0, 1.0, 1, dev)?.shape(), &[2, 0]);
    Ok(())
}

backend_tests! {
    fn continuous_f32(dev) { continuous::<f32>(dev) }
    fn continuous_f64(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        continuous::<f64>(dev)
    }
    fn permutation_and_shuffled(dev) { permutations(dev) }
    fn choice_and_choice_weighted(dev) { choices(dev) }
    fn dirichlet_geometric(dev) { dirichlet_and_geometric(dev) }
    fn discrete_distributions(dev) { discrete(dev) }
    fn generator_streams(dev) { generators(dev) }
    fn bad_parameters(dev) { parameters(dev) }
}
