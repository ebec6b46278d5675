//! Physical ceilings: the fastest any correct measurement could possibly be.
//!
//! A figure above its ceiling is a measurement error (an unsynchronised GPU, work the
//! optimiser removed, a broken clock), not a fast kernel, and is rejected.
//!
//! - **Host memory bandwidth** (the serial loop, the CPU backend, software GPU
//!   adapters such as lavapipe, and every end-to-end figure, since host data is read
//!   at least once): one thread reading, with the widest SIMD the CPU has, a buffer of
//!   the case's own working-set size — so in-cache sizes get the cache's bandwidth —
//!   times the number of cores (each core has its own caches and load ports; for
//!   data in DRAM this overestimates the shared bus, which is fine for a ceiling),
//!   times [`HOST_MARGIN`].
//! - **Host arithmetic**: cores × nominal clock × peak FLOPs per cycle of the widest
//!   SIMD the CPU reports (2 FMA units), times [`HOST_MARGIN`] for turbo clocks.
//! - **Hardware GPUs** (device-resident figures): [`GPU_BANDWIDTH_CEILING_GBS`] and
//!   [`GPU_GFLOPS_CEILING`], above any GPU's cache bandwidth and peak FLOP rate.

use std::collections::BTreeMap;
use std::time::Instant;

use gpu::DType;

/// Safety factor over probed and nominal host figures: noise, turbo clocks and a
/// probe that is not quite optimal must never turn a real figure into a rejection.
pub const HOST_MARGIN: f64 = 2.0;

/// Device-resident bandwidth no GPU reaches, even from its L2 cache (GB/s).
pub const GPU_BANDWIDTH_CEILING_GBS: f64 = 20_000.0;

/// Device-resident f32/f64 FLOP rate no GPU reaches without reduced-precision tensor
/// cores (GFLOP/s = 1 PFLOP/s).
pub const GPU_GFLOPS_CEILING: f64 = 1_000_000.0;

/// The largest buffer the probe reads: beyond the last-level cache, bandwidth no
/// longer depends on size.
const PROBE_MAX_BYTES: usize = 256 << 20;

/// A device's limits for one case.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ceiling {
    /// Highest possible GB/s.
    pub gb_per_s: f64,
    /// Highest possible GFLOP/s.
    pub gflop_per_s: f64,
}

/// The host's processor, as `/proc/cpuinfo` (or the OS) names it.
pub fn cpu_name() -> String {
    cpuinfo_field("model name")
        .or_else(|| cpuinfo_field("Model"))
        .or_else(|| cpuinfo_field("Hardware"))
        .unwrap_or_else(|| format!("unknown {} processor", std::env::consts::ARCH))
}

/// Logical cores available to this process.
pub fn cores() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
}

fn cpuinfo_field(key: &str) -> Option<String> {
    let text = std::fs::read_to_string("/proc/cpuinfo").ok()?;
    text.lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.trim() == key)
        .map(|(_, v)| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// The host's peak arithmetic rate in GFLOP/s for `dtype` (before the margin), with
/// how it was derived.
pub fn host_peak_gflops(dtype: DType) -> (f64, String) {
    let flags = cpuinfo_field("flags").unwrap_or_default();
    let has = |f: &str| flags.split_whitespace().any(|x| x == f);
    // f32 lanes × 2 (FMA) × 2 FMA units.
    let (per_cycle, isa) = if has("avx512f") {
        (64.0, "AVX-512")
    } else if has("avx2") || has("fma") {
        (32.0, "AVX2/FMA")
    } else if cfg!(target_arch = "x86_64") {
        (16.0, "SSE")
    } else {
        (32.0, "SIMD (assumed 2x128-bit FMA)")
    };
    let per_cycle = if dtype == DType::F64 { per_cycle / 2.0 } else { per_cycle };
    let ghz = nominal_ghz();
    let (ghz, clock) = match ghz {
        Some(g) => (g, format!("{g:.2} GHz")),
        None => (5.0, "5 GHz (clock unknown, assumed)".to_string()),
    };
    let n = cores();
    (n as f64 * ghz * per_cycle, format!("{n} cores x {clock} x {per_cycle} {dtype} flop/cycle ({isa})"))
}

/// The highest clock the OS reports: cpufreq's maximum, the model name's `@ x.xxGHz`,
/// or `cpu MHz`.
fn nominal_ghz() -> Option<f64> {
    let sys = std::fs::read_to_string("/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq")
        .ok()
        .and_then(|s| s.trim().parse::<f64>().ok())
        .map(|khz| khz / 1e6);
    let model = cpuinfo_field("model name")
        .and_then(|m| m.split('@').nth(1).map(|s| s.trim().trim_end_matches("GHz").trim().to_string()))
        .and_then(|s| s.parse::<f64>().ok());
    let mhz = cpuinfo_field("cpu MHz").and_then(|s| s.parse::<f64>().ok()).map(|m| m / 1e3);
    [sys, model, mhz].into_iter().flatten().filter(|g| g.is_finite() && *g > 0.1).reduce(f64::max)
}

/// Where a device's work really runs, which decides its ceilings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviceClass {
    /// On the host's cores and memory: the serial loop, the CPU backend, and software
    /// GPU adapters (lavapipe, WARP).
    Host,
    /// A hardware GPU with its own memory and arithmetic units.
    HardwareGpu,
}

/// The host's measured and nominal limits, from which every device's ceilings follow.
#[derive(Debug)]
pub struct HostLimits {
    probe: BandwidthProbe,
    peak_gflops: f64,
    /// How the arithmetic peak was derived (cores x clock x flop/cycle).
    pub flops_basis: String,
}

impl HostLimits {
    /// Limits for `dtype`; the bandwidth probe runs lazily, per working-set size.
    pub fn new(dtype: DType) -> HostLimits {
        let (peak_gflops, flops_basis) = host_peak_gflops(dtype);
        HostLimits { probe: BandwidthProbe::new(), peak_gflops, flops_basis }
    }

    /// The (device-resident, end-to-end) ceilings of a case moving `bytes`.
    pub fn ceilings(&mut self, class: DeviceClass, bytes: u64) -> (Ceiling, Ceiling) {
        (self.ceiling(class, bytes, false), self.ceiling(class, bytes, true))
    }

    /// Probes the bandwidth at `bytes` again, keeping the better figure: a second
    /// opinion before rejecting a figure, in case the first probe ran while other work
    /// held the memory bus.
    pub fn reprobe(&mut self, bytes: u64) {
        self.probe.reprobe(bytes);
    }

    /// The host's peak GFLOP/s (before the margin).
    pub fn peak_gflops(&self) -> f64 {
        self.peak_gflops
    }

    /// The ceiling for a case moving `bytes` on a device of `class`, device-resident
    /// or end to end. End-to-end bandwidth is bounded by the host's (the host data is
    /// read at least once); arithmetic by the device that does it.
    pub fn ceiling(&mut self, class: DeviceClass, bytes: u64, end_to_end: bool) -> Ceiling {
        let host_bw = HOST_MARGIN * cores() as f64 * self.probe.gb_per_s(bytes);
        match class {
            DeviceClass::Host => Ceiling { gb_per_s: host_bw, gflop_per_s: HOST_MARGIN * self.peak_gflops },
            DeviceClass::HardwareGpu => Ceiling {
                gb_per_s: if end_to_end { host_bw } else { GPU_BANDWIDTH_CEILING_GBS },
                gflop_per_s: GPU_GFLOPS_CEILING,
            },
        }
    }
}

/// Measured host read bandwidth per working-set size, cached.
#[derive(Debug, Default)]
pub struct BandwidthProbe {
    buffer: Vec<u64>,
    cache: BTreeMap<usize, f64>,
}

impl BandwidthProbe {
    /// An empty probe; buffers are allocated on first use.
    pub fn new() -> BandwidthProbe {
        BandwidthProbe::default()
    }

    /// Best single-thread read bandwidth in GB/s over a buffer of `bytes` (capped at
    /// 256 MiB), the best of several passes.
    pub fn gb_per_s(&mut self, bytes: u64) -> f64 {
        let bytes = (bytes as usize).clamp(4096, PROBE_MAX_BYTES);
        if let Some(&v) = self.cache.get(&bytes) {
            return v;
        }
        self.measure(bytes)
    }

    /// Measures again at `bytes`, keeping the better of the old and new figures.
    pub fn reprobe(&mut self, bytes: u64) -> f64 {
        let bytes = (bytes as usize).clamp(4096, PROBE_MAX_BYTES);
        let old = self.cache.remove(&bytes).unwrap_or(0.0);
        let new = self.measure(bytes).max(old);
        self.cache.insert(bytes, new);
        new
    }

    fn measure(&mut self, bytes: usize) -> f64 {
        let words = bytes / 8;
        if self.buffer.len() < words {
            // Distinct non-zero values: pages are really touched and nothing folds.
            self.buffer = (0..words as u64).map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1).collect();
        }
        let data = &self.buffer[..words];
        let mut best = 0.0f64;
        let started = Instant::now();
        // At least 5 passes, and at least ~20 ms for small buffers.
        let mut pass = 0;
        while pass < 5 || (started.elapsed().as_secs_f64() < 0.02 && pass < 10_000) {
            best = best.max(timed_read(data));
            pass += 1;
        }
        self.cache.insert(bytes, best);
        best
    }
}

/// GB/s of one single-threaded read pass over `data`.
fn timed_read(data: &[u64]) -> f64 {
    let t = Instant::now();
    let sum = read_sum(data);
    let secs = t.elapsed().as_secs_f64().max(1e-9);
    std::hint::black_box(sum);
    (data.len() * 8) as f64 / secs / 1e9
}

/// Sums `data` with the widest vector unit available (the probe must not be slower
/// than the library's own runtime-dispatched SIMD, or real figures would be rejected).
fn read_sum(data: &[u64]) -> u64 {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx512f") {
            // SAFETY: the CPU supports AVX-512F, checked just above.
            return unsafe { read_sum_avx512(data) };
        }
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU supports AVX2, checked just above.
            return unsafe { read_sum_avx2(data) };
        }
    }
    read_sum_portable(data)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
unsafe fn read_sum_avx512(data: &[u64]) -> u64 {
    read_sum_portable(data)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn read_sum_avx2(data: &[u64]) -> u64 {
    read_sum_portable(data)
}

#[inline(always)]
fn read_sum_portable(data: &[u64]) -> u64 {
    let mut acc = [0u64; 32];
    let chunks = data.chunks_exact(32);
    let tail = chunks.remainder().iter().fold(0u64, |a, &x| a.wrapping_add(x));
    for c in chunks {
        for (a, &x) in acc.iter_mut().zip(c) {
            *a = a.wrapping_add(x);
        }
    }
    acc.iter().fold(tail, |a, &x| a.wrapping_add(x))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probe_reports_a_plausible_bandwidth() {
        let mut p = BandwidthProbe::new();
        let small = p.gb_per_s(64 << 10);
        let large = p.gb_per_s(64 << 20);
        assert!(small > 0.5 && small < 10_000.0, "{small}");
        assert!(large > 0.5 && large < 10_000.0, "{large}");
        assert_eq!(p.gb_per_s(64 << 10), small, "cached");
    }

    #[test]
    fn peak_flops_are_positive_and_f64_is_half() {
        let (f32_peak, basis) = host_peak_gflops(DType::F32);
        let (f64_peak, _) = host_peak_gflops(DType::F64);
        assert!(f32_peak > 1.0, "{basis}");
        assert!((f32_peak / f64_peak - 2.0).abs() < 1e-9);
    }
}
