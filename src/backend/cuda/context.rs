//! Opening CUDA devices without ever panicking, one context per ordinal, and the
//! per-device helpers every op family uses (allocation, launches, error mapping).
//!
//! cudarc loads libcuda/libnvrtc/libcublas lazily and panics when one is missing, so the
//! libraries are probed with `is_culib_present` (a plain `dlopen`) before the first call
//! into them, and opening a device also runs under `catch_unwind` (a driver too old for
//! a symbol panics as well).

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use cudarc::cublas::CudaBlas;
use cudarc::driver::sys::{CUdevice_attribute as Attr, CUresult};
use cudarc::driver::{CudaContext, CudaStream, DeviceRepr, DriverError, LaunchConfig, PushKernelArg};

use super::device::CudaBackend;
use super::kernels::{self, KernelCache, Module, Target};
use super::memory::{CudaStorage, DeviceBuffer, DevicePool};
use super::params::BLOCK;
use super::transfer::StagingRing;
use crate::backend::Backend;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::info::{DeviceInfo, DeviceKind};

/// Whether the CUDA libraries can be loaded; `Err` says which one is missing and how to
/// get it. Probed once per process.
pub(super) fn libraries() -> std::result::Result<(), String> {
    static PROBE: OnceLock<std::result::Result<(), String>> = OnceLock::new();
    PROBE
        .get_or_init(|| {
            // SAFETY: only attempts to dlopen the library under its usual names.
            if !unsafe { cudarc::driver::sys::is_culib_present() } {
                return Err("the NVIDIA driver library (libcuda.so.1) is not installed or not on the loader path \
                            — no NVIDIA driver on this machine"
                    .into());
            }
            // SAFETY: as above.
            if !unsafe { cudarc::nvrtc::sys::is_culib_present() } {
                return Err("NVRTC (libnvrtc.so.12), which compiles the kernels, is not on the loader path; \
                            `pip install nvidia-cuda-nvrtc-cu12` and add its nvidia/cuda_nvrtc/lib directory to \
                            LD_LIBRARY_PATH (scripts/cuda-env.sh does both)"
                    .into());
            }
            Ok(())
        })
        .clone()
}

fn no_device(reason: String) -> Error {
    Error::NoDevice { backend: "cuda", reason }
}

fn panic_text(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<String>().cloned().or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default()
}

/// Open contexts by ordinal: `Device::cuda(n)` returns the same context every time.
fn registry() -> &'static Mutex<HashMap<usize, Arc<CudaBackend>>> {
    static OPEN: OnceLock<Mutex<HashMap<usize, Arc<CudaBackend>>>> = OnceLock::new();
    OPEN.get_or_init(|| Mutex::new(HashMap::new()))
}

impl CudaBackend {
    /// The device with index `ordinal` (opened on first use, then shared).
    pub(crate) fn device(ordinal: usize) -> Result<Arc<CudaBackend>> {
        libraries().map_err(no_device)?;
        let mut open = registry().lock().unwrap_or_else(|p| p.into_inner());
        if let Some(b) = open.get(&ordinal) {
            return Ok(b.clone());
        }
        let backend = match std::panic::catch_unwind(|| CudaBackend::open(ordinal)) {
            Ok(r) => Arc::new(r?),
            Err(p) => {
                return Err(no_device(format!(
                    "the CUDA driver failed while opening cuda:{ordinal}: {}",
                    panic_text(&*p)
                )))
            }
        };
        open.insert(ordinal, backend.clone());
        Ok(backend)
    }

    /// Every CUDA device (empty without a driver or GPU).
    pub(crate) fn enumerate() -> Vec<DeviceInfo> {
        if libraries().is_err() {
            return Vec::new();
        }
        let count = std::panic::catch_unwind(CudaContext::device_count).ok().and_then(|r| r.ok()).unwrap_or(0);
        (0..count.max(0) as usize).filter_map(|i| CudaBackend::device(i).ok()).map(|b| b.info()).collect()
    }

    fn open(ordinal: usize) -> Result<CudaBackend> {
        let ctx = CudaContext::new(ordinal).map_err(|e| {
            no_device(match e.0 {
                CUresult::CUDA_ERROR_NO_DEVICE => {
                    "the driver reports no CUDA-capable GPU (CUDA_ERROR_NO_DEVICE)".into()
                }
                CUresult::CUDA_ERROR_INVALID_DEVICE => {
                    let n = CudaContext::device_count().unwrap_or(0);
                    format!("cuda:{ordinal} does not exist ({n} CUDA device(s) present)")
                }
                _ => format!("cannot open cuda:{ordinal}: {e}"),
            })
        })?;
        // SAFETY: every allocation and launch of this device goes to its one stream, so
        // cudarc's cross-stream event tracking is not needed (and would cost two events
        // per allocation).
        unsafe { ctx.disable_event_tracking() };
        let drv = |e: DriverError| no_device(format!("cannot query cuda:{ordinal}: {e}"));
        let name = ctx.name().map_err(drv)?;
        let (major, minor) = ctx.compute_capability().map_err(drv)?;
        let sms = ctx.attribute(Attr::CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT).map_err(drv)?;
        let memory = ctx.total_mem().map_err(drv)?;
        let mut version = 0i32;
        // SAFETY: libcuda is loaded (a context exists); writes one int.
        let _ = unsafe { cudarc::driver::sys::cuDriverGetVersion(&mut version) };
        let cc = (major * 10 + minor) as u32;
        let archs = kernels::nvrtc_archs();
        let target = Target::for_device(cc, &archs).ok_or_else(|| {
            no_device(format!(
                "NVRTC {:?} cannot compile for compute capability {major}.{minor} of cuda:{ordinal} ({name}); \
                 supported: {archs:?}",
                kernels::nvrtc_version()
            ))
        })?;
        let stream = ctx.new_stream().map_err(drv)?;
        let label = format!("cuda:{ordinal} ({name})");
        let info = DeviceInfo {
            kind: DeviceKind::Cuda,
            ordinal,
            name: format!("{name} (sm_{cc})"),
            api: format!("CUDA {}.{}", version / 1000, (version % 1000) / 10),
            software: false,
            memory_bytes: Some(memory as u64),
            supports_f64: true,
            supports_subgroups: true,
            max_buffer_bytes: None,
            max_binding_bytes: None,
            max_workgroups_per_dim: Some(i32::MAX as u32),
            parallelism: Some(sms.max(1) as usize),
        };
        Ok(CudaBackend {
            kernels: KernelCache::new(ctx.clone(), target, label.clone()),
            pool: Arc::new(DevicePool::new(stream.clone(), label.clone())),
            staging: Mutex::new(StagingRing::new(ctx.clone())),
            blas: OnceLock::new(),
            lost: AtomicBool::new(false),
            ctx,
            stream,
            info,
            label,
        })
    }

    /// "cuda:N (name)", for messages.
    pub(super) fn label(&self) -> &str {
        &self.label
    }

    /// The device's stream (every kernel and copy of the device runs on it).
    pub(super) fn stream(&self) -> &Arc<CudaStream> {
        &self.stream
    }

    /// Maps a driver error: sticky faults mark the device lost for every later call.
    pub(super) fn driver_err(&self, what: &str, e: DriverError) -> Error {
        use CUresult::*;
        let sticky = matches!(
            e.0,
            CUDA_ERROR_ILLEGAL_ADDRESS
                | CUDA_ERROR_LAUNCH_FAILED
                | CUDA_ERROR_HARDWARE_STACK_ERROR
                | CUDA_ERROR_ILLEGAL_INSTRUCTION
                | CUDA_ERROR_MISALIGNED_ADDRESS
                | CUDA_ERROR_INVALID_ADDRESS_SPACE
                | CUDA_ERROR_INVALID_PC
                | CUDA_ERROR_ECC_UNCORRECTABLE
                | CUDA_ERROR_ASSERT
                | CUDA_ERROR_LAUNCH_TIMEOUT
                | CUDA_ERROR_DEINITIALIZED
                | CUDA_ERROR_CONTEXT_IS_DESTROYED
        );
        if sticky {
            self.lost.store(true, Ordering::Relaxed);
            return Error::DeviceLost { device: self.label.clone(), reason: format!("{what}: {e}") };
        }
        Error::Backend { device: self.label.clone(), message: format!("{what}: {e}") }
    }

    /// Fails fast once the device is lost.
    pub(super) fn check_alive(&self) -> Result<()> {
        if self.lost.load(Ordering::Relaxed) {
            return Err(Error::DeviceLost {
                device: self.label.clone(),
                reason: "an earlier kernel faulted; the CUDA context is unusable".into(),
            });
        }
        Ok(())
    }

    /// An uninitialised buffer for `len` elements of `dtype`.
    pub(super) fn alloc(&self, dtype: DType, len: usize) -> Result<CudaStorage> {
        self.check_alive()?;
        let bytes = len.checked_mul(dtype.size_of()).ok_or(Error::ShapeOverflow { shape: vec![len] })?;
        Ok(CudaStorage { buf: self.pool.alloc(bytes)?, dtype, len })
    }

    /// A raw scratch block (reduction partials, gathered operands).
    pub(super) fn scratch(&self, bytes: usize) -> Result<DeviceBuffer> {
        self.check_alive()?;
        self.pool.alloc(bytes)
    }

    /// Launches `entry` of `module` on `grid` blocks of [`BLOCK`] threads with the
    /// parameter block `params` as its one argument.
    pub(super) fn launch<P: DeviceRepr>(
        &self,
        module: Module,
        entry: &str,
        grid: (u32, u32, u32),
        params: &P,
    ) -> Result<()> {
        self.check_alive()?;
        let f = self.kernels.function(module, entry)?;
        let cfg = LaunchConfig { grid_dim: grid, block_dim: (BLOCK, 1, 1), shared_mem_bytes: 0 };
        let mut args = self.stream.launch_builder(&f);
        args.arg(params);
        // SAFETY: every kernel takes exactly one parameter block, whose C layout equals
        // `P`'s (asserted when the module compiled); its device addresses point into live
        // pooled blocks sized by the caller for every index the kernel computes from the
        // same block, and those blocks are reused only by work queued later on this stream.
        unsafe { args.launch(cfg) }.map_err(|e| self.driver_err(entry, e))?;
        self.pool.counters.launch();
        Ok(())
    }

    /// Sets `count` 4-byte words (or bytes when `word` is false) at `ptr` to `value`.
    pub(super) fn memset(&self, ptr: u64, value: u32, count: usize, word: bool) -> Result<()> {
        if count == 0 {
            return Ok(());
        }
        self.ctx.bind_to_thread().map_err(|e| self.driver_err("memset", e))?;
        let s = self.stream.cu_stream();
        // SAFETY: `ptr .. ptr + count * (4 or 1)` lies in a live block owned by the
        // caller; the memset is ordered on the device stream like every kernel.
        let r = unsafe {
            if word {
                cudarc::driver::sys::cuMemsetD32Async(ptr, value, count, s)
            } else {
                cudarc::driver::sys::cuMemsetD8Async(ptr, value as u8, count, s)
            }
        };
        r.result().map_err(|e| self.driver_err("memset", e))?;
        self.pool.counters.launch();
        Ok(())
    }

    /// The cuBLAS handle, created on first use; `None` when libcublas is absent (matmul
    /// then uses the tiled kernel).
    pub(super) fn blas(&self) -> Option<&Mutex<CudaBlas>> {
        self.blas
            .get_or_init(|| {
                // SAFETY: only attempts to dlopen libcublas.
                if !unsafe { cudarc::cublas::sys::is_culib_present() } {
                    return None;
                }
                let stream = self.stream.clone();
                std::panic::catch_unwind(move || CudaBlas::new(stream)).ok().and_then(|r| r.ok()).map(Mutex::new)
            })
            .as_ref()
    }

    /// Binds the device's context to the calling thread (before raw driver/cuBLAS calls).
    pub(super) fn bind(&self) -> Result<()> {
        self.ctx.bind_to_thread().map_err(|e| self.driver_err("cuCtxSetCurrent", e))
    }

    pub(super) fn staging(&self) -> std::sync::MutexGuard<'_, StagingRing> {
        self.staging.lock().unwrap_or_else(|p| p.into_inner())
    }
}
