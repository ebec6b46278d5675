//! The cuda backend (NVIDIA, through cudarc). Not built yet: every entry point reports
//! that no cuda device is available, and the types are uninhabited.

use crate::device::{Device, DeviceInfo};
use crate::error::{Error, Result};

/// A cuda device context (uninhabited until the backend lands).
pub(crate) enum CudaBackend {}

/// A cuda buffer (uninhabited until the backend lands).
pub(crate) enum CudaStorage {}

crate::backend::uninhabited_backend!(CudaBackend, CudaStorage);

impl CudaBackend {
    fn unavailable() -> Error {
        if cfg!(feature = "cuda") {
            Error::NoDevice { backend: "cuda", reason: "the cuda backend is not implemented in this version".into() }
        } else {
            Error::NotCompiled { backend: "cuda" }
        }
    }

    /// The device with index `ordinal`.
    pub(crate) fn device(_ordinal: usize) -> Result<Device> {
        Err(Self::unavailable())
    }

    /// Every CUDA device.
    pub(crate) fn enumerate() -> Vec<DeviceInfo> {
        Vec::new()
    }
}
