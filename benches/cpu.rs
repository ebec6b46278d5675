//! CPU backend vs ndarray (with rayon) on the BASELINES.md workloads, each pair in one
//! criterion group so the report shows the ratio:
//! W1 dot 10M f64 · W6 sum 100M f32 · W4 a*b+c 10M f32 · W3 row mean 10000² f32 ·
//! W5 matmul 2048² f32.
//!
//! `cargo bench --bench cpu` (add `-- W1` to pick one). Throughput is reported as bytes
//! of logical input (GB/s) or, for matmul, elements = 2n³ flops (read as GFLOP/s).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use gpu::{random, Array, Device};
use ndarray::parallel::prelude::*;
use ndarray::{Array1, Array2, Axis, Zip};

/// Elements per rayon task in the ndarray baselines (as in BASELINES.md).
const CH: usize = 1 << 16;

fn host<T: gpu::Scalar>(a: &Array<T>) -> Vec<T> {
    a.to_vec().expect("download")
}

fn w1_dot(c: &mut Criterion) {
    let n = 10_000_000;
    let dev = Device::cpu();
    let x = random::uniform::<f64>([n], 0.0, 1.0, 1, &dev).expect("x");
    let y = random::uniform::<f64>([n], 0.0, 1.0, 2, &dev).expect("y");
    let (nx, ny) = (Array1::from(host(&x)), Array1::from(host(&y)));
    let mut g = c.benchmark_group("W1 dot 10M f64");
    g.throughput(Throughput::Bytes((2 * n * 8) as u64));
    g.bench_function("gpu cpu", |b| b.iter(|| gpu::dot(&x, &y).and_then(|d| d.item()).expect("dot")));
    g.bench_function("ndarray rayon", |b| {
        b.iter(|| {
            nx.axis_chunks_iter(Axis(0), CH)
                .into_par_iter()
                .zip(ny.axis_chunks_iter(Axis(0), CH))
                .map(|(p, q)| p.dot(&q))
                .sum::<f64>()
        })
    });
    g.finish();
}

fn w6_sum(c: &mut Criterion) {
    let n = 100_000_000;
    let dev = Device::cpu();
    let x = random::uniform::<f32>([n], 0.0, 1.0, 3, &dev).expect("x");
    let nx = Array1::from(host(&x));
    let mut g = c.benchmark_group("W6 sum 100M f32");
    g.throughput(Throughput::Bytes((n * 4) as u64));
    g.bench_function("gpu cpu", |b| b.iter(|| x.sum().and_then(|s| s.item()).expect("sum")));
    g.bench_function("ndarray rayon", |b| {
        b.iter(|| nx.axis_chunks_iter(Axis(0), CH).into_par_iter().map(|p| p.sum()).sum::<f32>())
    });
    g.finish();
}

fn w4_fma(c: &mut Criterion) {
    let n = 10_000_000;
    let dev = Device::cpu();
    let a = random::uniform::<f32>([n], 0.0, 1.0, 4, &dev).expect("a");
    let b_ = random::uniform::<f32>([n], 0.0, 1.0, 5, &dev).expect("b");
    let c_ = random::uniform::<f32>([n], 0.0, 1.0, 6, &dev).expect("c");
    let (na, nb, nc) = (Array1::from(host(&a)), Array1::from(host(&b_)), Array1::from(host(&c_)));
    let mut g = c.benchmark_group("W4 a*b+c 10M f32");
    g.throughput(Throughput::Bytes((3 * n * 4) as u64));
    g.bench_function("gpu cpu", |b| b.iter(|| black_box(&a * &b_ + &c_)));
    g.bench_function("ndarray rayon", |b| {
        b.iter(|| Zip::from(&na).and(&nb).and(&nc).par_map_collect(|&x, &y, &z| x * y + z))
    });
    g.finish();
}

fn w3_row_mean(c: &mut Criterion) {
    let (r, k) = (10_000, 10_000);
    let dev = Device::cpu();
    let m = random::uniform::<f32>([r, k], 0.0, 1.0, 7, &dev).expect("m");
    let nm = Array2::from_shape_vec((r, k), host(&m)).expect("shape");
    let mut g = c.benchmark_group("W3 row mean 10000x10000 f32");
    g.sample_size(20);
    g.throughput(Throughput::Bytes((r * k * 4) as u64));
    g.bench_function("gpu cpu", |b| b.iter(|| black_box(m.mean_axis(1, false).expect("mean"))));
    g.bench_function("ndarray rayon", |b| {
        b.iter(|| {
            let mut out = Array1::<f32>::zeros(r);
            Zip::from(&mut out).and(nm.rows()).par_for_each(|o, row| *o = row.sum() / k as f32);
            out
        })
    });
    g.finish();
}

fn w5_matmul(c: &mut Criterion) {
    let n = 2048;
    let dev = Device::cpu();
    let a = random::uniform::<f32>([n, n], -1.0, 1.0, 8, &dev).expect("a");
    let b_ = random::uniform::<f32>([n, n], -1.0, 1.0, 9, &dev).expect("b");
    let (na, nb) =
        (Array2::from_shape_vec((n, n), host(&a)).expect("a"), Array2::from_shape_vec((n, n), host(&b_)).expect("b"));
    let mut g = c.benchmark_group("W5 matmul 2048 f32");
    g.sample_size(10);
    g.throughput(Throughput::Elements((2 * n * n * n) as u64));
    g.bench_function("gpu cpu", |b| b.iter(|| black_box(gpu::matmul(&a, &b_).expect("matmul"))));
    g.bench_function("ndarray matrixmultiply", |b| b.iter(|| na.dot(&nb)));
    g.finish();
}

criterion_group!(benches, w1_dot, w6_sum, w4_fma, w3_row_mean, w5_matmul);
criterion_main!(benches);
