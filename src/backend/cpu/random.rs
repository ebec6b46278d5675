//! Counter-based random arrays on the CPU, following the element → word mapping in
//! [`philox`](crate::backend::philox) so GPU backends reproduce the same streams.

use super::strided::par_chunks;
use super::{unsupported, CpuBackend, CpuStorage};
use crate::backend::philox::{self, block};
use crate::backend::Distribution;
use crate::dtype::{DType, Scalar, ScalarValue};
use crate::error::Result;

/// Fills `len` elements with `f(i)`, in parallel.
fn fill_with<T: Scalar>(cpu: &CpuBackend, len: usize, f: impl Fn(usize) -> T + Sync) -> Result<CpuStorage> {
    let mut out = cpu.alloc::<T>(len)?;
    par_chunks(&mut out[..len], |c, start| {
        for (i, o) in c.iter_mut().enumerate() {
            *o = f(start + i);
        }
    });
    Ok(cpu.finish(out))
}

pub(super) fn random(cpu: &CpuBackend, dtype: DType, len: usize, dist: Distribution, seed: u64) -> Result<CpuStorage> {
    match (dtype, dist) {
        (DType::U32, Distribution::Uniform { low, high }) => {
            let (lo, hi) = (u32_of(low), u32_of(high));
            let range = hi.wrapping_sub(lo);
            gen_words(cpu, len, seed, move |w| philox::scale_u32(w, lo, range))
        }
        (DType::I32, Distribution::Uniform { low, high }) => {
            let (lo, hi) = (i32_of(low), i32_of(high));
            let range = (hi as u32).wrapping_sub(lo as u32);
            gen_words(cpu, len, seed, move |w| philox::scale_u32(w, lo as u32, range) as i32)
        }
        (DType::F32, Distribution::Uniform { low, high }) => {
            let (lo, hi) = (low.to_f64() as f32, high.to_f64() as f32);
            gen_words(cpu, len, seed, move |w| philox::scale_f32(philox::unit_f32(w), lo, hi))
        }
        (DType::F64, Distribution::Uniform { low, high }) => {
            let (lo, hi) = (low.to_f64(), high.to_f64());
            fill_with(cpu, len, move |i| {
                let w = block(seed, (i / 2) as u64);
                let j = 2 * (i % 2);
                philox::scale_f64(philox::unit_f64(w[j], w[j + 1]), lo, hi)
            })
        }
        (DType::F32, Distribution::Normal { mean, std }) => {
            let (m, s) = (mean as f32, std as f32);
            fill_with(cpu, len, move |i| {
                let p = i / 2;
                let w = block(seed, (p / 2) as u64);
                let j = 2 * (p % 2);
                let (z0, z1) = philox::normal_pair_f32(w[j], w[j + 1]);
                m + s * if i % 2 == 0 { z0 } else { z1 }
            })
        }
        (DType::F64, Distribution::Normal { mean, std }) => fill_with(cpu, len, move |i| {
            let (z0, z1) = philox::normal_pair_f64(block(seed, (i / 2) as u64));
            mean + std * if i % 2 == 0 { z0 } else { z1 }
        }),
        (DType::F32, Distribution::Gamma { k }) => {
            let (d, c, inv_k) = philox::gamma_constants(k);
            let consts = (d as f32, c as f32, inv_k as f32);
            fill_with(cpu, len, move |i| philox::gamma_f32(seed, i as u64, consts))
        }
        (DType::F64, Distribution::Gamma { k }) => {
            let consts = philox::gamma_constants(k);
            fill_with(cpu, len, move |i| philox::gamma_f64(seed, i as u64, consts))
        }
        (d, Distribution::Normal { .. }) => Err(unsupported(d, "normal")),
        (d, Distribution::Gamma { .. }) => Err(unsupported(d, "gamma")),
        (DType::Bool, _) => Err(unsupported(DType::Bool, "uniform")),
    }
}

/// One word per element (u32, i32, f32 uniform): each block computed once.
fn gen_words<T: Scalar>(cpu: &CpuBackend, len: usize, seed: u64, f: impl Fn(u32) -> T + Sync) -> Result<CpuStorage> {
    let mut out = cpu.alloc::<T>(len)?;
    par_chunks(&mut out[..len], |c, start| {
        debug_assert_eq!(start % 4, 0);
        for (q, group) in c.chunks_mut(4).enumerate() {
            let w = block(seed, ((start / 4) + q) as u64);
            for (o, &x) in group.iter_mut().zip(&w) {
                *o = f(x);
            }
        }
    });
    Ok(cpu.finish(out))
}

fn u32_of(v: ScalarValue) -> u32 {
    match v {
        ScalarValue::U32(x) => x,
        other => other.to_f64() as u32,
    }
}

fn i32_of(v: ScalarValue) -> i32 {
    match v {
        ScalarValue::I32(x) => x,
        other => other.to_f64() as i32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_word_streams_take_word_i_mod_4_of_block_i_div_4() {
        let cpu = CpuBackend::global();
        let s = random(
            &cpu,
            DType::U32,
            9,
            Distribution::Uniform { low: ScalarValue::U32(0), high: ScalarValue::U32(u32::MAX) },
            7,
        )
        .unwrap();
        let v = s.typed::<u32>().unwrap();
        assert_eq!(v[5], philox::scale_u32(block(7, 1)[1], 0, u32::MAX));
    }
}
