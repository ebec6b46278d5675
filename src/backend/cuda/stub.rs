//! The cuda backend compiled out (no `cuda` feature): every entry point reports that the
//! backend is not compiled in, and the types are uninhabited.

use std::sync::Arc;

use crate::error::{Error, Result};
use crate::info::DeviceInfo;

/// A cuda device context (uninhabited without the `cuda` feature).
pub(crate) enum CudaBackend {}

/// A cuda buffer (uninhabited without the `cuda` feature).
pub(crate) enum CudaStorage {}

crate::backend::uninhabited_backend!(CudaBackend, CudaStorage);

impl CudaBackend {
    /// The device with index `ordinal`.
    pub(crate) fn device(_ordinal: usize) -> Result<Arc<CudaBackend>> {
        Err(Error::NotCompiled { backend: "cuda" })
    }

    /// Every CUDA device.
    pub(crate) fn enumerate() -> Vec<DeviceInfo> {
        Vec::new()
    }
}
