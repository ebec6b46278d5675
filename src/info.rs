//! What a device is and what it has done: [`DeviceKind`], [`DeviceInfo`], [`Stats`], and
//! the atomic counters backends update. Backends depend on this module, not on
//! `device.rs` (which depends on them).

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};

/// Which backend a device runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeviceKind {
    /// Host CPU, multithreaded with rayon.
    Cpu,
    /// A wgpu adapter (Vulkan, Metal, DX12).
    Wgpu,
    /// An NVIDIA GPU through CUDA.
    Cuda,
}

impl fmt::Display for DeviceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DeviceKind::Cpu => "cpu",
            DeviceKind::Wgpu => "wgpu",
            DeviceKind::Cuda => "cuda",
        })
    }
}

/// What a device is and what it can do.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct DeviceInfo {
    /// Backend kind.
    pub kind: DeviceKind,
    /// Index among devices of this kind.
    pub ordinal: usize,
    /// Adapter or processor name.
    pub name: String,
    /// The API underneath (`"rayon"`, `"Vulkan"`, `"Metal"`, `"CUDA 12.9"` …).
    pub api: String,
    /// Whether it is a software implementation running on the CPU (e.g. lavapipe).
    pub software: bool,
    /// Device memory in bytes, when known.
    pub memory_bytes: Option<u64>,
    /// Whether f64 kernels are available.
    pub supports_f64: bool,
    /// Whether subgroup (warp) operations are used by the kernels.
    pub supports_subgroups: bool,
    /// Largest single buffer, in bytes, when limited.
    pub max_buffer_bytes: Option<u64>,
    /// Largest storage binding per kernel argument, in bytes, when limited.
    pub max_binding_bytes: Option<u64>,
    /// Most workgroups (blocks) per dispatch dimension, when limited.
    pub max_workgroups_per_dim: Option<u32>,
    /// Parallel workers (CPU threads, GPU multiprocessors) when known.
    pub parallelism: Option<usize>,
}

/// Counters since a device was created. Read with [`Device::stats`](crate::Device::stats).
///
/// Tests use these to prove where data moves: e.g. a dot of two device-resident
/// vectors downloads exactly one element, and only when `item()` is called.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Stats {
    /// Host → device copies.
    pub uploads: u64,
    /// Bytes copied host → device.
    pub upload_bytes: u64,
    /// Device → host copies.
    pub downloads: u64,
    /// Bytes copied device → host.
    pub download_bytes: u64,
    /// Kernels launched (on the CPU: parallel ops run).
    pub kernel_launches: u64,
    /// Fresh allocations from the device or OS (pool misses included).
    pub allocations: u64,
    /// Allocations served from the pool.
    pub pool_hits: u64,
    /// Allocations the pool could not serve.
    pub pool_misses: u64,
    /// Bytes currently held by the pool, free for reuse.
    pub pool_bytes: u64,
    /// Bytes currently owned by live buffers.
    pub bytes_in_use: u64,
}

impl Stats {
    /// Fraction of pooled allocations served from the pool (1.0 when none were made).
    pub fn pool_hit_rate(&self) -> f64 {
        let total = self.pool_hits + self.pool_misses;
        if total == 0 {
            1.0
        } else {
            self.pool_hits as f64 / total as f64
        }
    }
}

/// Atomic counters behind [`Stats`], updated by backends.
#[derive(Debug, Default)]
pub(crate) struct Counters {
    pub uploads: AtomicU64,
    pub upload_bytes: AtomicU64,
    pub downloads: AtomicU64,
    pub download_bytes: AtomicU64,
    pub kernel_launches: AtomicU64,
    pub allocations: AtomicU64,
    pub pool_hits: AtomicU64,
    pub pool_misses: AtomicU64,
    pub pool_bytes: AtomicU64,
    pub bytes_in_use: AtomicU64,
}

// Transfer counters are bumped by the GPU backends only (CPU arrays never cross a bus).
#[allow(dead_code)]
impl Counters {
    pub fn upload(&self, bytes: usize) {
        self.uploads.fetch_add(1, Ordering::Relaxed);
        self.upload_bytes.fetch_add(bytes as u64, Ordering::Relaxed);
    }

    pub fn download(&self, bytes: usize) {
        self.downloads.fetch_add(1, Ordering::Relaxed);
        self.download_bytes.fetch_add(bytes as u64, Ordering::Relaxed);
    }

    pub fn launch(&self) {
        self.kernel_launches.fetch_add(1, Ordering::Relaxed);
    }

    pub fn launches(&self, n: u64) {
        self.kernel_launches.fetch_add(n, Ordering::Relaxed);
    }

    pub fn snapshot(&self) -> Stats {
        let r = |a: &AtomicU64| a.load(Ordering::Relaxed);
        Stats {
            uploads: r(&self.uploads),
            upload_bytes: r(&self.upload_bytes),
            downloads: r(&self.downloads),
            download_bytes: r(&self.download_bytes),
            kernel_launches: r(&self.kernel_launches),
            allocations: r(&self.allocations),
            pool_hits: r(&self.pool_hits),
            pool_misses: r(&self.pool_misses),
            pool_bytes: r(&self.pool_bytes),
            bytes_in_use: r(&self.bytes_in_use),
        }
    }
}
