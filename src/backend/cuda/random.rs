//! Counter-based random arrays on CUDA: the Philox kernels of `kernels/random.cu`,
//! reproducing the CPU backend's element → word mapping (see `backend::philox`), so a
//! seed gives the same u32/i32/f32/f64 uniform stream on every device.

use super::device::CudaBackend;
use super::elementwise::unsupported;
use super::kernels::{suffix, Module};
use super::memory::CudaStorage;
use super::params::{grid_for, RandParams, BLOCK};
use crate::backend::Distribution;
use crate::dtype::{DType, ScalarValue};
use crate::error::Result;

/// The bound as the CPU converts it (`u32_of`/`i32_of` in cpu/random.rs).
fn int_bits(v: ScalarValue, dtype: DType) -> u32 {
    match (dtype, v) {
        (DType::I32, ScalarValue::I32(x)) => x as u32,
        (DType::I32, other) => other.to_f64() as i32 as u32,
        (_, ScalarValue::U32(x)) => x,
        (_, other) => other.to_f64() as u32,
    }
}

pub(super) fn random(
    cuda: &CudaBackend,
    dtype: DType,
    len: usize,
    dist: Distribution,
    seed: u64,
) -> Result<CudaStorage> {
    let out = cuda.alloc(dtype, len)?;
    let mut p = RandParams { out: out.buf.ptr(), n: len as i64, seed, ..Default::default() };
    let (entry, per_thread) = match (dtype, dist) {
        (DType::U32 | DType::I32, Distribution::Uniform { low, high }) => {
            let (lo, hi) = (int_bits(low, dtype), int_bits(high, dtype));
            p.lo = lo as u64;
            p.range = hi.wrapping_sub(lo) as u64;
            (format!("uniform_{}", suffix(dtype)), 4)
        }
        (DType::F32, Distribution::Uniform { low, high }) => {
            // Bounds rounded to f32 first, as the CPU does.
            p.a = low.to_f64() as f32 as f64;
            p.b = high.to_f64() as f32 as f64;
            ("uniform_f32".into(), 4)
        }
        (DType::F64, Distribution::Uniform { low, high }) => {
            p.a = low.to_f64();
            p.b = high.to_f64();
            ("uniform_f64".into(), 2)
        }
        (DType::F32, Distribution::Normal { mean, std }) => {
            p.a = mean as f32 as f64;
            p.b = std as f32 as f64;
            ("normal_f32".into(), 4)
        }
        (DType::F64, Distribution::Normal { mean, std }) => {
            p.a = mean;
            p.b = std;
            ("normal_f64".into(), 2)
        }
        (DType::F32 | DType::F64, Distribution::Gamma { k }) => {
            let (d, c, inv_k) = crate::backend::philox::gamma_constants(k);
            (p.a, p.b, p.lo) = (d, c, inv_k.to_bits());
            (format!("gamma_{}", suffix(dtype)), 1)
        }
        (d, Distribution::Normal { .. }) => return Err(unsupported(cuda, d, "normal")),
        (d, Distribution::Gamma { .. }) => return Err(unsupported(cuda, d, "gamma")),
        (d, Distribution::Uniform { .. }) => return Err(unsupported(cuda, d, "uniform")),
    };
    if len > 0 {
        let blocks = len.div_ceil(per_thread);
        cuda.launch(Module::Random(dtype), &entry, (grid_for(blocks, BLOCK as usize), 1, 1), &p)?;
    }
    Ok(out)
}
