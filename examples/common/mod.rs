//! Helpers shared by the examples: the device from `GPU_DEVICE`, the size argument,
//! timing, speedups and the "results match" verdict.
#![allow(dead_code)]

use std::time::Instant;

use gpu::{DType, Device, DeviceKind};

/// `Device::from_env()` (`GPU_DEVICE=cpu|wgpu|wgpu:N|cuda|cuda:N`, else CUDA, else a
/// hardware wgpu adapter, else the CPU), printed. A bad `GPU_DEVICE` is an error.
pub fn device() -> gpu::Result<Device> {
    let dev = Device::from_env()?;
    println!("device: {dev}");
    if dev.kind() == DeviceKind::Cpu && std::env::var_os("GPU_DEVICE").is_none() {
        println!("  (no GPU found; GPU_DEVICE=wgpu selects a software Vulkan adapter such as lavapipe if installed)");
    }
    Ok(dev)
}

/// Whether to run in f64 on `dev`, saying so when it has to fall back to f32.
pub fn use_f64(dev: &Device) -> bool {
    let ok = dev.supports(DType::F64);
    if !ok {
        println!("note: {dev} has no f64 kernels; using f32 and comparing with a relative tolerance");
    }
    ok
}

/// The first command-line argument as a count (`10000000`, `1e7`, `10M`, `100k`), or
/// `default`.
pub fn size_arg(default: usize) -> usize {
    std::env::args().nth(1).map(|a| parse_count(&a).unwrap_or_else(|| bad_arg(&a))).unwrap_or(default)
}

/// The first argument as `N` (N x N) or `RxC`, or `default`.
pub fn shape_arg(default: (usize, usize)) -> (usize, usize) {
    match std::env::args().nth(1) {
        None => default,
        Some(a) => match a.split_once(['x', 'X']) {
            Some((r, c)) => {
                (parse_count(r).unwrap_or_else(|| bad_arg(&a)), parse_count(c).unwrap_or_else(|| bad_arg(&a)))
            }
            None => {
                let n = parse_count(&a).unwrap_or_else(|| bad_arg(&a));
                (n, n)
            }
        },
    }
}

fn bad_arg(a: &str) -> ! {
    eprintln!("cannot read {a:?} as a size (examples: 1000000, 1e6, 10M, 100k; 300x200 for a matrix)");
    std::process::exit(2)
}

fn parse_count(s: &str) -> Option<usize> {
    let t = s.trim().replace('_', "");
    let (num, mult) = match t.chars().last()? {
        'k' | 'K' => (&t[..t.len() - 1], 1e3),
        'm' | 'M' => (&t[..t.len() - 1], 1e6),
        _ => (t.as_str(), 1.0),
    };
    let v = num.parse::<f64>().ok()? * mult;
    (v.is_finite() && v >= 1.0 && v.fract() == 0.0).then_some(v as usize)
}

/// MB (1e6 bytes) of `n` elements of `dtype`.
pub fn mb(n: usize, dtype: DType) -> f64 {
    (n * dtype.size_of()) as f64 / 1e6
}

/// Times of repeated runs, in ms.
pub struct Times {
    /// The first call (compilation, allocation), not in median/min.
    pub first: f64,
    /// Median of the timed runs.
    pub median: f64,
    /// Fastest timed run.
    pub min: f64,
}

/// Runs `f` once (the first call) and then `reps` more times; `f` must finish its work
/// (synchronise or read the result) before returning. Returns the times and the last
/// result.
pub fn time<R>(reps: usize, mut f: impl FnMut() -> gpu::Result<R>) -> gpu::Result<(Times, R)> {
    let t = Instant::now();
    let mut last = f()?;
    let first = t.elapsed().as_secs_f64() * 1e3;
    let mut runs = Vec::with_capacity(reps);
    for _ in 0..reps {
        let t = Instant::now();
        last = f()?;
        runs.push(t.elapsed().as_secs_f64() * 1e3);
    }
    runs.sort_by(f64::total_cmp);
    let median = runs.get(runs.len() / 2).copied().unwrap_or(first);
    let min = runs.first().copied().unwrap_or(first);
    Ok((Times { first, median, min }, last))
}

/// Prints one timing line.
pub fn show(what: &str, t: &Times) {
    println!("  {what:<44} median {:>10.3} ms   min {:>10.3} ms   first call {:>9.3} ms", t.median, t.min, t.first);
}

/// Prints the speedup of `contender` over `baseline` (ratio of median times).
pub fn speedup(label: &str, baseline: &Times, contender: &Times) {
    let s = baseline.median / contender.median;
    let word = if s >= 1.0 { "faster" } else { "slower" };
    println!("  speedup {label}: {s:.2}x ({word})");
}

/// `|a - b| / |b|` (0 when both are 0).
pub fn rel_diff(a: f64, b: f64) -> f64 {
    if a == b {
        0.0
    } else {
        (a - b).abs() / b.abs().max(f64::MIN_POSITIVE)
    }
}

/// Largest relative difference between two equally long slices (infinite when the
/// lengths differ or a value is NaN).
pub fn max_rel_diff(a: &[f64], b: &[f64]) -> f64 {
    if a.len() != b.len() {
        return f64::INFINITY;
    }
    a.iter()
        .zip(b)
        .map(|(x, y)| rel_diff(*x, *y))
        .map(|d| if d.is_nan() { f64::INFINITY } else { d })
        .fold(0.0, f64::max)
}

/// Prints "results match" when every `(what, relative difference)` is within `tol`;
/// otherwise prints which differ and exits with status 1.
pub fn verdict(checks: &[(&str, f64)], tol: f64) {
    let bad: Vec<_> = checks.iter().filter(|(_, d)| d.is_nan() || *d > tol).collect();
    if bad.is_empty() {
        let worst = checks.iter().map(|(_, d)| *d).fold(0.0, f64::max);
        println!("results match (largest relative difference {worst:.2e} <= tolerance {tol:.0e})");
    } else {
        for (what, d) in bad {
            println!("RESULTS DIFFER: {what}: relative difference {d:.2e} > tolerance {tol:.0e}");
        }
        std::process::exit(1);
    }
}
