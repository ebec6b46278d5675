//! Workloads shared by the device benches (`cuda.rs`, `wgpu.rs`): each group times a
//! device next to the CPU backend so criterion's report shows the ratio.
//!
//! What is timed on a device is its throughput: inputs are placed on it before timing;
//! a sample queues its `iters` ops back to back and then waits once (`synchronize()`),
//! so kernels run as in a real program and the one wait is amortised; results stay on
//! the device. Throughput is the bytes the kernels must move (GB/s) or, for matmul,
//! 2n³ flops (read as GFLOP/s).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use gpu::{random, Array, Device};

/// Queues `iters` runs of `f`, then waits for the device: the sample's time covers the
/// kernels' execution, with one synchronisation amortised over the batch.
pub fn queued<T>(dev: &Device, iters: u64, f: impl Fn() -> gpu::Result<T>) -> Duration {
    let start = Instant::now();
    for _ in 0..iters {
        black_box(f().expect("op"));
    }
    dev.synchronize().expect("synchronize");
    start.elapsed()
}

pub fn w1_dot(c: &mut Criterion, dev: &Device, name: &str) {
    let n = 10_000_000;
    let cpu = Device::cpu();
    let (x, y) = (
        random::uniform::<f64>([n], 0.0, 1.0, 1, &cpu).expect("x"),
        random::uniform::<f64>([n], 0.0, 1.0, 2, &cpu).expect("y"),
    );
    let (gx, gy) = (x.to(dev).expect("upload"), y.to(dev).expect("upload"));
    let mut g = c.benchmark_group("W1 dot 10M f64");
    g.throughput(Throughput::Bytes((2 * n * 8) as u64));
    g.bench_function(name, |b| b.iter_custom(|n| queued(dev, n, || gpu::dot(&gx, &gy))));
    g.bench_function("gpu cpu", |b| b.iter(|| black_box(gpu::dot(&x, &y).expect("dot"))));
    g.finish();
}

pub fn w6_sum(c: &mut Criterion, dev: &Device, name: &str) {
    let n = 100_000_000;
    let x = random::uniform::<f32>([n], 0.0, 1.0, 3, dev).expect("x");
    let cx = x.to(&Device::cpu()).expect("download");
    let mut g = c.benchmark_group("W6 sum 100M f32");
    g.throughput(Throughput::Bytes((n * 4) as u64));
    g.bench_function(name, |b| b.iter_custom(|n| queued(dev, n, || x.sum())));
    g.bench_function("gpu cpu", |b| b.iter(|| black_box(cx.sum().expect("sum"))));
    g.finish();
}

pub fn w4_fma(c: &mut Criterion, dev: &Device, name: &str) {
    let n = 10_000_000;
    let ops: Vec<Array<f32>> =
        (4..7).map(|s| random::uniform::<f32>([n], 0.0, 1.0, s, dev).expect("operand")).collect();
    let cpu_ops: Vec<Array<f32>> = ops.iter().map(|a| a.to(&Device::cpu()).expect("download")).collect();
    let mut g = c.benchmark_group("W4 a*b+c 10M f32");
    // Two kernels (mul, then add): 3 reads + 1 write each of 4 bytes per element.
    g.throughput(Throughput::Bytes((6 * n * 4) as u64));
    g.bench_function(name, |b| b.iter_custom(|n| queued(dev, n, || Ok(&(&ops[0] * &ops[1]) + &ops[2]))));
    g.bench_function("gpu cpu", |b| b.iter(|| black_box(&(&cpu_ops[0] * &cpu_ops[1]) + &cpu_ops[2])));
    g.finish();
}

pub fn w3_row_mean(c: &mut Criterion, dev: &Device, name: &str) {
    let (r, k) = (10_000, 10_000);
    let m = random::uniform::<f32>([r, k], 0.0, 1.0, 7, dev).expect("m");
    let cm = m.to(&Device::cpu()).expect("download");
    let mut g = c.benchmark_group("W3 row mean 10000x10000 f32");
    g.sample_size(20);
    g.throughput(Throughput::Bytes((r * k * 4) as u64));
    g.bench_function(name, |b| b.iter_custom(|n| queued(dev, n, || m.mean_axis(1, false))));
    g.bench_function("gpu cpu", |b| b.iter(|| black_box(cm.mean_axis(1, false).expect("mean"))));
    g.finish();
}

pub fn w5_matmul(c: &mut Criterion, dev: &Device, name: &str, n: usize) {
    let a = random::uniform::<f32>([n, n], -1.0, 1.0, 8, dev).expect("a");
    let b_ = random::uniform::<f32>([n, n], -1.0, 1.0, 9, dev).expect("b");
    let (ca, cb) = (a.to(&Device::cpu()).expect("a"), b_.to(&Device::cpu()).expect("b"));
    let mut g = c.benchmark_group(format!("W5 matmul {n} f32"));
    g.sample_size(10);
    g.throughput(Throughput::Elements((2 * n * n * n) as u64));
    g.bench_function(name, |b| b.iter_custom(|k| queued(dev, k, || gpu::matmul(&a, &b_))));
    // A transposed operand is multiplied in place (strides), not copied first.
    let bt = b_.t();
    g.bench_function(format!("{name}, rhs transposed view"), |b| {
        b.iter_custom(|k| queued(dev, k, || gpu::matmul(&a, &bt)))
    });
    g.bench_function("gpu cpu", |b| b.iter(|| black_box(gpu::matmul(&ca, &cb).expect("matmul"))));
    g.finish();
}

/// S1: a stable sort of 1M f32 (`sort(0)`: argsort plus the gather) and `argsort` alone,
/// beside the CPU backend; throughput in elements (keys/s).
pub fn s1_sort(c: &mut Criterion, dev: &Device, name: &str) {
    let n = 1 << 20;
    let x = random::uniform::<f32>([n], -1.0, 1.0, 12, dev).expect("x");
    let cx = x.to(&Device::cpu()).expect("download");
    let mut g = c.benchmark_group("S1 sort 1M f32");
    g.sample_size(10);
    g.throughput(Throughput::Elements(n as u64));
    g.bench_function(format!("{name} sort"), |b| b.iter_custom(|k| queued(dev, k, || x.sort(0))));
    g.bench_function(format!("{name} argsort"), |b| b.iter_custom(|k| queued(dev, k, || x.argsort(0))));
    g.bench_function("gpu cpu sort", |b| b.iter(|| black_box(cx.sort(0).expect("sort"))));
    g.finish();
}

/// F1: FFTs beside the CPU backend — a complex 2²⁰ transform, 1024 real rows of 1024
/// (`rfft`, batched) and a 10⁶-point mixed-radix (2⁶·5⁶) transform, f32; throughput in
/// points. Plans (twiddles) are made before timing, as a program's second call finds
/// them.
pub fn f1_fft(c: &mut Criterion, dev: &Device, name: &str) {
    let cpu = Device::cpu();
    let mut g = c.benchmark_group("F1 fft f32");
    g.sample_size(10);
    let cases: [(&str, [usize; 2], bool); 3] = [
        ("fft 2^20 complex", [1, 1 << 20], false),
        ("rfft 1024x1024", [1024, 1024], true),
        ("fft 10^6 complex", [1, 1_000_000], false),
    ];
    for (what, shape, real) in cases {
        let re = random::uniform::<f32>(shape, -1.0, 1.0, 13, dev).expect("re");
        let im = random::uniform::<f32>(shape, -1.0, 1.0, 14, dev).expect("im");
        let (cre, cim) = (re.to(&cpu).expect("download"), im.to(&cpu).expect("download"));
        let run = move |re: &Array<f32>, im: &Array<f32>| -> gpu::Result<(Array<f32>, Array<f32>)> {
            if real {
                gpu::fft::rfft(re, -1)
            } else {
                gpu::fft::fft(re, Some(im), -1)
            }
        };
        run(&re, &im).expect("warm-up");
        run(&cre, &cim).expect("warm-up");
        g.throughput(Throughput::Elements((shape[0] * shape[1]) as u64));
        g.bench_function(format!("{name} {what}"), |b| b.iter_custom(|k| queued(dev, k, || run(&re, &im))));
        g.bench_function(format!("gpu cpu {what}"), |b| b.iter(|| black_box(run(&cre, &cim).expect("fft"))));
    }
    g.finish();
}

/// The Core issue's workloads (BASELINES.md W1, W6, W4, W3, W5) on `dev` beside the CPU
/// backend.
pub fn core_workloads(c: &mut Criterion, dev: &Device, name: &str) {
    // Warm-up: compile every kernel the workloads use before timing.
    let warm = random::uniform::<f32>([4096], 0.0, 1.0, 0, dev).expect("warm-up");
    let _ = (warm.sum(), warm.mean_axis(0, false), &warm * &warm, gpu::dot(&warm, &warm));
    if dev.supports(gpu::DType::F64) {
        let _ = gpu::dot(&warm.cast::<f64>().expect("cast"), &warm.cast::<f64>().expect("cast"));
        w1_dot(c, dev, name);
    }
    w6_sum(c, dev, name);
    w4_fma(c, dev, name);
    w3_row_mean(c, dev, name);
    w5_matmul(c, dev, name, 2048);
}
