//! The CUDA backend (NVIDIA GPUs, through cudarc with dynamic loading).
//!
//! One context and one stream per device; every kernel, copy and cuBLAS call of a
//! device is queued on that stream, so the host waits only on readback. Kernels live in
//! `kernels/*.cu` and are compiled by NVRTC for the device's own architecture on first
//! use, then cached (`kernels.rs`). Memory comes from a caching allocator by size class
//! (`memory.rs`), transfers go through pinned staging buffers (`transfer.rs`).
//! Without the `cuda` feature the types are uninhabited (`stub.rs`).
//!
//! Files by op family: `elementwise.rs` (unary, binary, compare, select, cast, copy,
//! fill), `index.rs` (take, put, extract), `reduce.rs` (reductions, argmax, dot), `linalg.rs` (matmul: cuBLAS or tiled),
//! `random.rs` (Philox), `sort.rs` (argsort), `context.rs` (device opening, launches, errors).

#[cfg(not(feature = "cuda"))]
mod stub;
#[cfg(not(feature = "cuda"))]
pub(crate) use stub::{CudaBackend, CudaStorage};

#[cfg(feature = "cuda")]
mod context;
#[cfg(feature = "cuda")]
mod device;
#[cfg(feature = "cuda")]
mod elementwise;
#[cfg(feature = "cuda")]
mod index;
#[cfg(feature = "cuda")]
mod kernels;
#[cfg(feature = "cuda")]
mod linalg;
#[cfg(feature = "cuda")]
mod memory;
#[cfg(feature = "cuda")]
mod params;
#[cfg(feature = "cuda")]
mod random;
#[cfg(feature = "cuda")]
mod reduce;
#[cfg(feature = "cuda")]
mod sort;
#[cfg(feature = "cuda")]
pub mod testing;
#[cfg(feature = "cuda")]
mod transfer;

#[cfg(feature = "cuda")]
pub(crate) use device::CudaBackend;
#[cfg(feature = "cuda")]
pub(crate) use memory::CudaStorage;
