//! What `tests/cuda_kernels.rs` needs to compile every kernel without a GPU. Not part of
//! the public API (re-exported doc-hidden as `gpu::cuda_kernels`).

/// Whether libnvrtc can be loaded (no GPU or driver needed).
pub fn nvrtc_available() -> bool {
    // SAFETY: only attempts to dlopen libnvrtc under its usual names.
    unsafe { cudarc::nvrtc::sys::is_culib_present() }
}

/// Every kernel family as one NVRTC program holding all of its instantiations (each op ×
/// dtype), with the host's layout `static_assert`s: `(family, source)`.
pub fn all_sources() -> Vec<(String, String)> {
    super::kernels::family_programs()
}

/// The entry point of every kernel instantiation the backend can launch.
pub fn kernel_names() -> Vec<String> {
    super::kernels::entry_points()
}

/// Compiles `source` to PTX for `compute_<arch>` (e.g. 80) with the backend's own NVRTC
/// options; `Err` carries NVRTC's log. Call only when [`nvrtc_available`] is true.
pub fn compile_ptx(name: &str, source: &str, arch: u32) -> Result<String, String> {
    super::kernels::compile(name, source, super::kernels::Target::Ptx(arch))
        .map(|ptx| String::from_utf8_lossy(&ptx).into_owned())
}
