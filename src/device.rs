//! Devices: where arrays live and kernels run.
//!
//! A [`Device`] is a cheap, cloneable handle (an `Arc` to the backend context). Two
//! handles are equal when they refer to the same context; [`Device::wgpu`] and
//! [`Device::cuda`] return the same context on every call until it is lost.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use crate::backend::cpu::CpuBackend;
use crate::backend::cuda::CudaBackend;
use crate::backend::wgpu::WgpuBackend;
use crate::backend::{on_backend, Backend};
use crate::dtype::DType;
use crate::error::{Error, Result};

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

/// Counters since a device was created. Read with [`Device::stats`].
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

/// A handle to a compute device. Cheap to clone; `Send + Sync`.
///
/// ```
/// let cpu = gpu::Device::cpu();
/// assert_eq!(cpu.kind(), gpu::DeviceKind::Cpu);
/// let dev = gpu::Device::parse("cpu")?;
/// assert_eq!(dev, cpu);
/// # Ok::<(), gpu::Error>(())
/// ```
#[derive(Clone)]
pub struct Device {
    inner: DeviceInner,
}

#[derive(Clone)]
pub(crate) enum DeviceInner {
    Cpu(Arc<CpuBackend>),
    // Constructed only by the GPU backends; uninhabited while a backend is compiled out.
    #[allow(dead_code)]
    Wgpu(Arc<WgpuBackend>),
    #[allow(dead_code)]
    Cuda(Arc<CudaBackend>),
}

impl Device {
    #[allow(dead_code)] // used by the GPU backends to hand out their devices
    pub(crate) fn from_inner(inner: DeviceInner) -> Device {
        Device { inner }
    }

    pub(crate) fn inner(&self) -> &DeviceInner {
        &self.inner
    }

    /// The host CPU (one shared context for the process).
    pub fn cpu() -> Device {
        Device { inner: DeviceInner::Cpu(CpuBackend::global()) }
    }

    /// The best wgpu adapter: hardware first, software (e.g. lavapipe) allowed.
    ///
    /// # Errors
    /// [`Error::NotCompiled`] without the `wgpu` feature; [`Error::NoDevice`] when no
    /// adapter exists.
    pub fn wgpu() -> Result<Device> {
        WgpuBackend::device(None)
    }

    /// The wgpu adapter with index `ordinal` in [`devices`](crate::devices) order.
    ///
    /// # Errors
    /// As [`Device::wgpu`], and [`Error::NoDevice`] when `ordinal` is out of range.
    pub fn wgpu_adapter(ordinal: usize) -> Result<Device> {
        WgpuBackend::device(Some(ordinal))
    }

    /// CUDA device `ordinal`.
    ///
    /// # Errors
    /// [`Error::NotCompiled`] without the `cuda` feature; [`Error::NoDevice`] when no
    /// driver or no such device exists (never a panic).
    pub fn cuda(ordinal: usize) -> Result<Device> {
        CudaBackend::device(ordinal)
    }

    /// Parses `"cpu"`, `"wgpu"`, `"wgpu:N"`, `"cuda"` or `"cuda:N"` and opens the device.
    ///
    /// # Errors
    /// [`Error::InvalidDevice`] for any other string (the message lists the valid
    /// forms), or the error of opening the device.
    pub fn parse(s: &str) -> Result<Device> {
        let t = s.trim().to_ascii_lowercase();
        let (name, idx) = match t.split_once(':') {
            Some((n, i)) => {
                let idx = i.parse::<usize>().map_err(|_| Error::InvalidDevice { input: s.to_string() })?;
                (n, Some(idx))
            }
            None => (t.as_str(), None),
        };
        match (name, idx) {
            ("cpu", None | Some(0)) => Ok(Device::cpu()),
            ("wgpu", None) => Device::wgpu(),
            ("wgpu", Some(i)) => Device::wgpu_adapter(i),
            ("cuda", i) => Device::cuda(i.unwrap_or(0)),
            _ => Err(Error::InvalidDevice { input: s.to_string() }),
        }
    }

    /// The device chosen from the environment, strictly: `GPU_DEVICE` if set (an
    /// unavailable or malformed choice is an error); otherwise the first CUDA device,
    /// else a hardware wgpu adapter, else the CPU.
    ///
    /// # Errors
    /// The error of [`Device::parse`] for the `GPU_DEVICE` value.
    pub fn from_env() -> Result<Device> {
        match std::env::var("GPU_DEVICE") {
            Ok(v) if !v.trim().is_empty() => Device::parse(&v),
            _ => Ok(Device::auto()),
        }
    }

    /// CUDA device 0 if present, else a hardware wgpu adapter, else the CPU.
    fn auto() -> Device {
        if let Ok(d) = Device::cuda(0) {
            return d;
        }
        if let Ok(d) = WgpuBackend::hardware_device() {
            return d;
        }
        Device::cpu()
    }

    /// Which backend this device runs on.
    pub fn kind(&self) -> DeviceKind {
        match &self.inner {
            DeviceInner::Cpu(_) => DeviceKind::Cpu,
            DeviceInner::Wgpu(_) => DeviceKind::Wgpu,
            DeviceInner::Cuda(_) => DeviceKind::Cuda,
        }
    }

    /// Name, API, memory, capabilities and limits.
    pub fn info(&self) -> DeviceInfo {
        on_backend!(self, b => b.info())
    }

    /// Whether this device has kernels for `dtype` (f64 on wgpu needs SHADER_F64).
    pub fn supports(&self, dtype: DType) -> bool {
        on_backend!(self, b => b.supports(dtype))
    }

    /// Waits until all work queued on the device has finished.
    ///
    /// # Errors
    /// [`Error::DeviceLost`] or a backend fault reported while waiting.
    pub fn synchronize(&self) -> Result<()> {
        on_backend!(self, b => b.synchronize())
    }

    /// Counters since the device was created.
    pub fn stats(&self) -> Stats {
        on_backend!(self, b => b.counters().snapshot())
    }

    /// Returns memory held by the allocation pool (free blocks) to the device or OS.
    pub fn trim(&self) {
        on_backend!(self, b => b.trim())
    }

    /// Same as [`Device::trim`], under CuPy's name.
    pub fn empty_cache(&self) {
        self.trim()
    }
}

/// `GPU_DEVICE` if set and usable, else CUDA, else a hardware wgpu adapter, else CPU.
///
/// A `GPU_DEVICE` value that is malformed or names an absent device prints one warning
/// on stderr and falls back to the automatic choice; use [`Device::from_env`] to get the
/// error instead.
impl Default for Device {
    fn default() -> Device {
        match Device::from_env() {
            Ok(d) => d,
            Err(e) => {
                static WARNED: std::sync::Once = std::sync::Once::new();
                WARNED.call_once(|| eprintln!("gpu: ignoring GPU_DEVICE: {e}"));
                Device::auto()
            }
        }
    }
}

impl PartialEq for Device {
    fn eq(&self, other: &Device) -> bool {
        match (&self.inner, &other.inner) {
            (DeviceInner::Cpu(a), DeviceInner::Cpu(b)) => Arc::ptr_eq(a, b),
            (DeviceInner::Wgpu(a), DeviceInner::Wgpu(b)) => Arc::ptr_eq(a, b),
            (DeviceInner::Cuda(a), DeviceInner::Cuda(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl Eq for Device {}

impl fmt::Display for Device {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let info = self.info();
        match info.kind {
            DeviceKind::Cpu => write!(f, "cpu ({})", info.name),
            k => {
                let sw = if info.software { ", software" } else { "" };
                write!(f, "{k}:{} ({}, {}{sw})", info.ordinal, info.name, info.api)
            }
        }
    }
}

impl fmt::Debug for Device {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Device({self})")
    }
}

/// Every device this build can see: the CPU, each wgpu adapter, each CUDA device.
pub fn devices() -> Vec<DeviceInfo> {
    let mut out = vec![Device::cpu().info()];
    out.extend(WgpuBackend::enumerate());
    out.extend(CudaBackend::enumerate());
    out
}
