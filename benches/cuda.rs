//! CUDA backend next to the CPU backend on the Core workloads:
//! W1 dot 10M f64 · W6 sum 100M f32 · W4 a*b+c 10M f32 · W3 row mean 10000² f32 ·
//! W5 matmul 2048² f32 · S1 sort 1M f32 · F1 FFTs (2²⁰, 1024 real rows of 1024, 10⁶)
//! (sgemm through cuBLAS; a transposed operand reaches it as OP_T).
//!
//! `cargo bench --bench cuda` (add `-- W5` to pick one). Without a CUDA device it prints
//! one line and exits successfully. See `common/mod.rs` for what is timed.

mod common;

use criterion::{criterion_group, criterion_main, Criterion};
use gpu::Device;

fn benches(c: &mut Criterion) {
    let dev = match Device::cuda(0) {
        Ok(d) => d,
        Err(e) => {
            println!("benches/cuda.rs: skipped: no CUDA device ({e})");
            return;
        }
    };
    println!("benches/cuda.rs: {dev}");
    common::core_workloads(c, &dev, "gpu cuda");
    common::s1_sort(c, &dev, "gpu cuda");
    common::f1_fft(c, &dev, "gpu cuda");
}

criterion_group!(cuda_benches, benches);
criterion_main!(cuda_benches);
