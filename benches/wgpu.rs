//! wgpu backend next to the CPU backend on the Core workloads:
//! W1 dot 10M f64 · W6 sum 100M f32 · W4 a*b+c 10M f32 · W3 row mean 10000² f32 ·
//! W5 matmul 2048² f32 · S1 sort 1M f32 · F1 FFTs (2²⁰, 1024 real rows of 1024, 10⁶) —
//! plus the naive matmul kernel against the tiled one, to show what the workgroup tiles
//! and register blocks buy.
//!
//! `cargo bench --bench wgpu` (add `-- W5` to pick one). Uses `Device::wgpu()` (software
//! adapters such as lavapipe included); without one it prints a line and exits.
//! See `common/mod.rs` for what is timed.

mod common;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use gpu::{random, Device};

fn naive_vs_tiled(c: &mut Criterion, dev: &Device) {
    let n = 1024;
    let a = random::uniform::<f32>([n, n], -1.0, 1.0, 10, dev).expect("a");
    let b_ = random::uniform::<f32>([n, n], -1.0, 1.0, 11, dev).expect("b");
    let mut g = c.benchmark_group(format!("W5b matmul {n} f32 kernels"));
    g.sample_size(10);
    g.throughput(Throughput::Elements((2 * n * n * n) as u64));
    g.bench_function("naive (one output per invocation)", |b| {
        b.iter_custom(|k| common::queued(dev, k, || gpu::testing::matmul_naive(&a, &b_)))
    });
    g.bench_function("tiled (8x8 register blocks; 64- or 128-tiles by size)", |b| {
        b.iter_custom(|k| common::queued(dev, k, || gpu::matmul(&a, &b_)))
    });
    g.finish();
}

fn benches(c: &mut Criterion) {
    let dev = match Device::wgpu() {
        Ok(d) => d,
        Err(e) => {
            println!("benches/wgpu.rs: skipped: no wgpu device ({e})");
            return;
        }
    };
    println!("benches/wgpu.rs: {dev}");
    naive_vs_tiled(c, &dev);
    common::core_workloads(c, &dev, "gpu wgpu");
    common::s1_sort(c, &dev, "gpu wgpu");
    common::f1_fft(c, &dev, "gpu wgpu");
}

criterion_group!(wgpu_benches, benches);
criterion_main!(wgpu_benches);
