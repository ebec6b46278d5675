//! The wgpu backend (Vulkan, Metal, DX12). Not built yet: every entry point reports
//! that no wgpu device is available, and the types are uninhabited.

use crate::device::{Device, DeviceInfo};
use crate::error::{Error, Result};

/// A wgpu device context (uninhabited until the backend lands).
pub(crate) enum WgpuBackend {}

/// A wgpu buffer (uninhabited until the backend lands).
pub(crate) enum WgpuStorage {}

crate::backend::uninhabited_backend!(WgpuBackend, WgpuStorage);

impl WgpuBackend {
    fn unavailable() -> Error {
        if cfg!(feature = "wgpu") {
            Error::NoDevice { backend: "wgpu", reason: "the wgpu backend is not implemented in this version".into() }
        } else {
            Error::NotCompiled { backend: "wgpu" }
        }
    }

    /// The adapter with index `ordinal`, or the best one.
    pub(crate) fn device(_ordinal: Option<usize>) -> Result<Device> {
        Err(Self::unavailable())
    }

    /// The best hardware (non-software) adapter.
    pub(crate) fn hardware_device() -> Result<Device> {
        Err(Self::unavailable())
    }

    /// Every adapter.
    pub(crate) fn enumerate() -> Vec<DeviceInfo> {
        Vec::new()
    }
}
