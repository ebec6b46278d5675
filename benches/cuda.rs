//! CUDA backend next to the CPU backend on the Core workloads, each pair in one
//! criterion group so the report shows the ratio:
//! W1 dot 10M f64 · W6 sum 100M f32 · W4 a*b+c 10M f32 · W3 row mean 10000² f32 ·
//! W5 matmul 2048² f32.
//!
//! `cargo bench --bench cuda` (add `-- W5` to pick one). Without a CUDA device it prints
//! one line and exits successfully.
//!
//! What is timed on CUDA is device throughput: inputs are uploaded once before timing;
//! a sample queues its `iters` ops back to back on the device's stream and then waits
//! once (`synchronize()`), so the kernels run as in a real program and the one wait is
//! amortised; results stay on the device (reductions' 0-d results are not read back).
//! The throughput is the bytes the kernels must move (GB/s, to compare with the HBM
//! roofline) or, for matmul, 2n³ flops (read as GFLOP/s, to compare with cuBLAS).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use gpu::{random, Array, Device};

fn cuda() -> Option<Device> {
    match Device::cuda(0) {
        Ok(d) => Some(d),
        Err(e) => {
            println!("benches/cuda.rs: skipped: no CUDA device ({e})");
            None
        }
    }
}

/// Queues `iters` runs of `f`, then waits for the device: the sample's time covers the
/// kernels' execution, with one synchronisation amortised over the batch.
fn queued<T>(dev: &Device, iters: u64, f: impl Fn() -> gpu::Result<T>) -> Duration {
    let start = Instant::now();
    for _ in 0..iters {
        black_box(f().expect("op"));
    }
    dev.synchronize().expect("synchronize");
    start.elapsed()
}

fn w1_dot(c: &mut Criterion, dev: &Device) {
    let n = 10_000_000;
    let cpu = Device::cpu();
    let (x, y) = (
        random::uniform::<f64>([n], 0.0, 1.0, 1, &cpu).expect("x"),
        random::uniform::<f64>([n], 0.0, 1.0, 2, &cpu).expect("y"),
    );
    let (gx, gy) = (x.to(dev).expect("upload"), y.to(dev).expect("upload"));
    let mut g = c.benchmark_group("W1 dot 10M f64");
    g.throughput(Throughput::Bytes((2 * n * 8) as u64));
    g.bench_function("gpu cuda", |b| b.iter_custom(|n| queued(dev, n, || gpu::dot(&gx, &gy))));
    g.bench_function("gpu cpu", |b| b.iter(|| black_box(gpu::dot(&x, &y).expect("dot"))));
    g.finish();
}

fn w6_sum(c: &mut Criterion, dev: &Device) {
    let n = 100_000_000;
    let x = random::uniform::<f32>([n], 0.0, 1.0, 3, dev).expect("x");
    let cx = x.to(&Device::cpu()).expect("download");
    let mut g = c.benchmark_group("W6 sum 100M f32");
    g.throughput(Throughput::Bytes((n * 4) as u64));
    g.bench_function("gpu cuda", |b| b.iter_custom(|n| queued(dev, n, || x.sum())));
    g.bench_function("gpu cpu", |b| b.iter(|| black_box(cx.sum().expect("sum"))));
    g.finish();
}

fn w4_fma(c: &mut Criterion, dev: &Device) {
    let n = 10_000_000;
    let ops: Vec<Array<f32>> =
        (4..7).map(|s| random::uniform::<f32>([n], 0.0, 1.0, s, dev).expect("operand")).collect();
    let cpu_ops: Vec<Array<f32>> = ops.iter().map(|a| a.to(&Device::cpu()).expect("download")).collect();
    let mut g = c.benchmark_group("W4 a*b+c 10M f32");
    // Two kernels (mul, then add): 3 reads + 1 write each of 4 bytes per element.
    g.throughput(Throughput::Bytes((6 * n * 4) as u64));
    g.bench_function("gpu cuda", |b| b.iter_custom(|n| queued(dev, n, || Ok(&(&ops[0] * &ops[1]) + &ops[2]))));
    g.bench_function("gpu cpu", |b| b.iter(|| black_box(&(&cpu_ops[0] * &cpu_ops[1]) + &cpu_ops[2])));
    g.finish();
}

fn w3_row_mean(c: &mut Criterion, dev: &Device) {
    let (r, k) = (10_000, 10_000);
    let m = random::uniform::<f32>([r, k], 0.0, 1.0, 7, dev).expect("m");
    let cm = m.to(&Device::cpu()).expect("download");
    let mut g = c.benchmark_group("W3 row mean 10000x10000 f32");
    g.sample_size(20);
    g.throughput(Throughput::Bytes((r * k * 4) as u64));
    g.bench_function("gpu cuda", |b| b.iter_custom(|n| queued(dev, n, || m.mean_axis(1, false))));
    g.bench_function("gpu cpu", |b| b.iter(|| black_box(cm.mean_axis(1, false).expect("mean"))));
    g.finish();
}

fn w5_matmul(c: &mut Criterion, dev: &Device) {
    let n = 2048;
    let a = random::uniform::<f32>([n, n], -1.0, 1.0, 8, dev).expect("a");
    let b_ = random::uniform::<f32>([n, n], -1.0, 1.0, 9, dev).expect("b");
    let (ca, cb) = (a.to(&Device::cpu()).expect("a"), b_.to(&Device::cpu()).expect("b"));
    let mut g = c.benchmark_group("W5 matmul 2048 f32");
    g.sample_size(10);
    g.throughput(Throughput::Elements((2 * n * n * n) as u64));
    g.bench_function("gpu cuda (cuBLAS sgemm)", |b| b.iter_custom(|n| queued(dev, n, || gpu::matmul(&a, &b_))));
    // The transposed operand reaches cuBLAS as OP_T, not as a copy: same speed.
    let bt = b_.t();
    g.bench_function("gpu cuda, rhs transposed view", |b| b.iter_custom(|n| queued(dev, n, || gpu::matmul(&a, &bt))));
    g.bench_function("gpu cpu", |b| b.iter(|| black_box(gpu::matmul(&ca, &cb).expect("matmul"))));
    g.finish();
}

fn benches(c: &mut Criterion) {
    let Some(dev) = cuda() else { return };
    println!("benches/cuda.rs: {dev}");
    // Warm-up: compile every kernel module the workloads use before timing.
    let warm = random::uniform::<f32>([4096], 0.0, 1.0, 0, &dev).expect("warm-up");
    let _ = (warm.sum(), warm.mean_axis(0, false), &warm * &warm, gpu::dot(&warm, &warm));
    let _ = gpu::dot(&warm.cast::<f64>().expect("cast"), &warm.cast::<f64>().expect("cast"));
    w1_dot(c, &dev);
    w6_sum(c, &dev);
    w4_fma(c, &dev);
    w3_row_mean(c, &dev);
    w5_matmul(c, &dev);
}

criterion_group!(cuda_benches, benches);
criterion_main!(cuda_benches);
