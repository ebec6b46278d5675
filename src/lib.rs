//! # gpu — n-dimensional arrays on the GPU, CuPy-style, in Rust
//!
//! [`Array<T>`] is a strided, typed n-dimensional array that lives on a [`Device`]: the
//! CPU (rayon), a wgpu adapter (Vulkan, Metal, DX12) or a CUDA GPU. Elementwise ops,
//! reductions, scans ([`Array::cumsum`]), sorting ([`Array::sort`], [`Array::argsort`],
//! [`Array::searchsorted`], [`Array::unique`]), indexing ([`Array::take`], [`Array::put`],
//! [`Array::extract`]), counting ([`Array::bincount`]), joins, `dot` and `matmul` run as
//! kernels where the operands live. Built from those kernels, and so on every device:
//! [`einsum`] (in the cheapest contraction order, [`einsum_path`]), [`tensordot`],
//! [`convolve`] and [`fftconvolve`], the [`fft`] module (its steps as kernels of their
//! own), [`linalg`] (`solve`, `inv`,
//! `det`, `qr`, `svd`, `eigh`, `lstsq`, `cond`, the norms, …; single matrices or
//! stacks), assignment through views ([`Array::assign_view`], NumPy's `a[1:, ::2] = v`),
//! [`Array::pad`], statistics ([`Array::quantile`], [`Array::cov`], [`Array::histogram`],
//! [`histogram2d`], the `nan*` family), polynomials ([`polyfit`], [`polyval`]), sampling
//! ([`random`]: uniform and normal kernels, and from them a dozen distributions,
//! permutations and `choice`) and, on integer arrays, the bitwise operators.
//! Arrays go to and from NumPy's `.npy` files with [`save`] and [`load`], and `.npz`
//! archives with [`savez`], [`savez_compressed`] and [`NpzFile`].
//! The library moves data between host and device only when asked ([`Array::to`],
//! [`Array::to_vec`], [`Array::item`]) or when a free function is handed host data.
//! Results stay on the device — a reduction is a 0-d array until you read it.
//!
//! ```
//! use gpu::{Array, Device};
//!
//! let dev = Device::default();                       // GPU_DEVICE, else CUDA, else GPU, else CPU
//! let x = gpu::random::uniform::<f32>([1000, 256], -1.0, 1.0, 7, &dev)?;
//! let w = Array::<f32>::ones([256, 10], &dev)?;
//! let y = gpu::matmul(&x, &w)?.relu()?;              // [1000, 10], on `dev`
//! let m = y.mean_axis(0, false)?;                    // per-column mean, still on `dev`
//! assert_eq!(m.shape(), &[10]);
//! let total: f32 = (&y * 2.0).sum()?.item()?;         // one 4-byte download
//! assert!(total >= 0.0);
//! # Ok::<(), gpu::Error>(())
//! ```
//!
//! ## Semantics
//! NumPy's: broadcasting, negative axes, Python slicing (`a.slice(0, None, None, -1)`
//! is `a[::-1]`), pairwise float sums, `var`/`std` with ddof = 0 ([`Array::var_ddof`] for others), argmax returning the
//! first extreme with NaN counting as extreme. Indices given to `take` wrap around the
//! axis (CuPy's default, NumPy's `mode="wrap"`). Integers wrap; integer division
//! truncates toward zero and `x / 0 == x % 0 == 0` on every backend. Failures are
//! [`Error`] values naming the shapes, dtypes and devices involved; operators
//! (`&a + &b`) panic with that message, their method forms (`a.add(&b)`) return it.
//!
//! ## Device selection
//! [`Device::default`] reads `GPU_DEVICE` (`cpu`, `wgpu`, `wgpu:N`, `cuda`, `cuda:N`);
//! without it, it picks CUDA device 0, else a hardware wgpu adapter, else the CPU.
//! Software adapters (lavapipe, WARP) are used only when asked for explicitly.
#![warn(missing_docs)]
#![deny(clippy::unwrap_used, clippy::expect_used)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

mod array;
mod backend;
mod device;
mod dtype;
mod error;
mod info;
mod interop;
mod io;
pub mod layout;
mod ops;

pub use array::{Array, IntoShape};
pub use backend::{BinaryOp, CompareOp, QuaternaryOp, ReduceOp, TernaryOp, UnaryOp};
pub use device::{devices, Device};
pub use dtype::{DType, Element, Float, Integer, Scalar};
pub use error::{Error, Result};
pub use info::{DeviceInfo, DeviceKind, Stats};
pub use io::{load, save, savez, savez_compressed, NpzFile, ToNpy};
pub use layout::Layout;
pub use ops::contract::{einsum, einsum_path, inner, kron, tensordot, vdot, TensorAxes};
pub use ops::convolve::{convolve, correlate, ConvolveMode};
pub use ops::creation::{meshgrid, Indexing};
pub use ops::einsum_path::EinsumPath;
pub use ops::elementwise::where_;
pub use ops::fft;
pub use ops::fft::fftconvolve;
pub use ops::index::Index;
pub use ops::interp::interp;
pub use ops::join::{concatenate, stack};
pub use ops::linalg::{cross, dot, matmul};
pub use ops::pad::PadMode;
pub use ops::poly::{polyfit, polyval, vander};
pub use ops::random;
pub use ops::ravel::{ravel_multi_index, unravel_index};
pub use ops::stats::{histogram2d, QuantileMethod};

/// Dense linear algebra beyond products (NumPy's `np.linalg`): `solve`, `inv`, `det`,
/// `slogdet` by LU factorisation with partial pivoting on the device, `cholesky`,
/// `qr` by Householder reflections, `svd`/`svdvals` by one-sided Jacobi and from them
/// `pinv`, `matrix_rank`, `lstsq`, `cond`; `eigh`/`eigvalsh` by two-sided Jacobi;
/// `solve_triangular`, `matrix_power`, `multi_dot` (cheapest multiplication order),
/// `cross`, `tensorinv`/`tensorsolve`, and the norms (`norm`, and NumPy 2's
/// `vector_norm` and `matrix_norm`). All but `norm`, `multi_dot`, `lstsq` and the tensor
/// functions take stacks of matrices (`[..., n, n]`; `[..., m, n]` for the
/// factorisations). The rest of NumPy 2's `np.linalg` namespace is here too:
/// `matmul`, `tensordot`, `vecdot`, `outer`, `matrix_transpose`, `diagonal` and
/// `trace` (the last two over the last two axes).
pub mod linalg {
    pub use crate::ops::contract::tensordot;
    pub use crate::ops::eigh::{eigh, eigvalsh};
    pub use crate::ops::linalg::{cross, diagonal, matmul, matrix_transpose, multi_dot, outer, trace, vecdot};
    pub use crate::ops::norm::{cond, matrix_norm, norm, vector_norm, NormOrd};
    pub use crate::ops::qr::{qr, QrMode};
    pub use crate::ops::solve::{cholesky, det, inv, matrix_power, slogdet, solve, solve_triangular, Triangle};
    pub use crate::ops::svd::{lstsq, matrix_rank, pinv, svd, svdvals, Lstsq};
    pub use crate::ops::tensorsolve::{tensorinv, tensorsolve};
}
pub use ops::sets::{intersect1d, isin, setdiff1d, setxor1d, union1d};
pub use ops::sort::{lexsort, Side};
pub use ops::AsArray;

/// Kernel sources and NVRTC access for `tests/cuda_kernels.rs` (not a stable API).
#[cfg(feature = "cuda")]
#[doc(hidden)]
pub use backend::cuda::testing as cuda_kernels;

/// Hooks for the crate's own fault-injection tests. Not part of the API.
#[doc(hidden)]
pub mod testing {
    use crate::device::DeviceInner;
    use crate::{Device, Error, Result};

    /// Compiles `source` as a WGSL kernel on a wgpu device.
    pub fn compile_wgsl(device: &Device, source: &str) -> Result<()> {
        match device.inner() {
            DeviceInner::Wgpu(b) => b.compile_for_test(source),
            _ => Err(Error::InvalidArgument { op: "compile_wgsl", reason: format!("{device} is not a wgpu device") }),
        }
    }

    /// Makes the device report a validation error outside any error scope.
    pub fn inject_fault(device: &Device) {
        if let DeviceInner::Wgpu(b) = device.inner() {
            b.inject_fault_for_test();
        }
    }

    /// The naive (untiled) wgpu matmul kernel on dense 2-D f32 operands that fit one
    /// binding each: the baseline the tiled kernel is benchmarked against.
    pub fn matmul_naive(a: &crate::Array<f32>, b: &crate::Array<f32>) -> Result<crate::Array<f32>> {
        use crate::backend::{Backend, View};
        let ok = a.ndim() == 2 && b.ndim() == 2 && a.shape()[1] == b.shape()[0];
        match a.device().inner() {
            DeviceInner::Wgpu(be)
                if ok
                    && a.is_contiguous()
                    && b.is_contiguous()
                    && a.layout().offset() == 0
                    && b.layout().offset() == 0 =>
            {
                let va = View { storage: be.storage(&a.storage)?, layout: a.layout() };
                let vb = View { storage: be.storage(&b.storage)?, layout: b.layout() };
                let s = be.matmul_naive(crate::DType::F32, va, vb)?;
                let shape = [a.shape()[0], b.shape()[1]];
                Ok(crate::Array::from_storage(be.wrap(s), crate::Layout::contiguous(&shape), a.device().clone()))
            }
            _ => Err(Error::InvalidArgument {
                op: "matmul_naive",
                reason: "needs dense 2-D f32 operands at offset 0 on a wgpu device".into(),
            }),
        }
    }

    /// Destroys the device as a driver reset would; later calls report `DeviceLost`.
    pub fn destroy_device(device: &Device) {
        if let DeviceInner::Wgpu(b) = device.inner() {
            b.destroy();
        }
    }
}

/// The README's code blocks, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
