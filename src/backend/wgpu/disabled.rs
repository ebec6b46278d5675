//! The wgpu backend compiled out: entry points report it, the types are uninhabited.

use std::sync::Arc;

use crate::error::{Error, Result};
use crate::info::DeviceInfo;

/// A wgpu device context (uninhabited without the `wgpu` feature).
pub(crate) enum WgpuBackend {}

/// A wgpu buffer (uninhabited without the `wgpu` feature).
pub(crate) enum WgpuStorage {}

crate::backend::uninhabited_backend!(WgpuBackend, WgpuStorage);

impl WgpuBackend {
    pub(crate) fn device(_ordinal: Option<usize>) -> Result<Arc<WgpuBackend>> {
        Err(Error::NotCompiled { backend: "wgpu" })
    }

    pub(crate) fn hardware_device() -> Result<Arc<WgpuBackend>> {
        Err(Error::NotCompiled { backend: "wgpu" })
    }

    pub(crate) fn enumerate() -> Vec<DeviceInfo> {
        Vec::new()
    }

    pub(crate) fn destroy(&self) {
        match *self {}
    }

    pub(crate) fn compile_for_test(&self, _source: &str) -> Result<()> {
        match *self {}
    }

    pub(crate) fn inject_fault_for_test(&self) {
        match *self {}
    }

    pub(crate) fn matmul_naive(
        &self,
        _dtype: crate::dtype::DType,
        _a: crate::backend::View<'_, WgpuStorage>,
        _b: crate::backend::View<'_, WgpuStorage>,
    ) -> Result<WgpuStorage> {
        match *self {}
    }
}
