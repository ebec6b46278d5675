//! Devices: where arrays live and kernels run.
//!
//! A [`Device`] is a cheap, cloneable handle (an `Arc` to the backend context). Two
//! handles are equal when they refer to the same context; [`Device::wgpu`] and
//! [`Device::cuda`] return the same context on every call until it is lost.

use std::fmt;
use std::sync::Arc;

use crate::backend::cpu::CpuBackend;
use crate::backend::cuda::CudaBackend;
use crate::backend::wgpu::WgpuBackend;
use crate::backend::Backend;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::info::{DeviceInfo, DeviceKind, Stats};

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
        WgpuBackend::device(None).map(|b| Device { inner: DeviceInner::Wgpu(b) })
    }

    /// The wgpu adapter with index `ordinal` in [`devices`](crate::devices) order.
    ///
    /// # Errors
    /// As [`Device::wgpu`], and [`Error::NoDevice`] when `ordinal` is out of range.
    pub fn wgpu_adapter(ordinal: usize) -> Result<Device> {
        WgpuBackend::device(Some(ordinal)).map(|b| Device { inner: DeviceInner::Wgpu(b) })
    }

    /// CUDA device `ordinal`.
    ///
    /// # Errors
    /// [`Error::NotCompiled`] without the `cuda` feature; [`Error::NoDevice`] when no
    /// driver or no such device exists (never a panic).
    pub fn cuda(ordinal: usize) -> Result<Device> {
        CudaBackend::device(ordinal).map(|b| Device { inner: DeviceInner::Cuda(b) })
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
        if let Ok(b) = WgpuBackend::hardware_device() {
            return Device { inner: DeviceInner::Wgpu(b) };
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

/// Runs `$body` with `$b` bound to the concrete backend of device `$dev`.
/// The body is type-checked once per backend.
macro_rules! on_backend {
    ($dev:expr, $b:ident => $body:expr) => {
        match $dev.inner() {
            $crate::device::DeviceInner::Cpu(arc) => {
                let $b = &**arc;
                $body
            }
            $crate::device::DeviceInner::Wgpu(arc) => {
                let $b = &**arc;
                $body
            }
            $crate::device::DeviceInner::Cuda(arc) => {
                let $b = &**arc;
                $body
            }
        }
    };
}
pub(crate) use on_backend;

/// Every device this build can see: the CPU, each wgpu adapter, each CUDA device.
pub fn devices() -> Vec<DeviceInfo> {
    let mut out = vec![Device::cpu().info()];
    out.extend(WgpuBackend::enumerate());
    out.extend(CudaBackend::enumerate());
    out
}
