//! Sum of squares of 10,000,000 random values (normal, mean 0, std 1) on the selected
//! device, two ways — `x.square()?.sum()?` (a temporary array, two kernels) and
//! `gpu::dot(&x, &x)` (one pass) — against the CPU backend and a serial loop.
//!
//! ```text
//! GPU_DEVICE=wgpu cargo run --release --example sum_squares
//! cargo run --release --example sum_squares -- 1e6
//! ```

mod common;

use std::hint::black_box;

use common::{mb, rel_diff, show, speedup, time, verdict};
use gpu::{random, Device, Float};

fn main() -> gpu::Result<()> {
    let n = common::size_arg(10_000_000);
    let dev = common::device()?;
    if common::use_f64(&dev) {
        run::<f64>(&dev, n, 1e-12)
    } else {
        run::<f32>(&dev, n, 1e-5)
    }
}

fn run<T: Float>(dev: &Device, n: usize, tol: f64) -> gpu::Result<()> {
    println!("sum of squares: n = {n} random normal values, {}, {:.1} MB", T::DTYPE, mb(n, T::DTYPE));
    let x = random::normal::<T>([n], T::ZERO, T::ONE, 7, dev)?;
    dev.synchronize()?;
    let host = x.to_vec()?;
    let cpu = Device::cpu();
    let cx = x.to(&cpu)?;

    println!("times (5 runs after a first call):");
    let k = dev.kind();
    let (t_two, r_two) = time(5, || x.square()?.sum()?.item())?;
    show(&format!("x.square().sum() on {k}"), &t_two);
    let (t_one, r_one) = time(5, || gpu::dot(&x, &x)?.item())?;
    show(&format!("gpu::dot(x, x) on {k}"), &t_one);
    let (t_cpu_two, r_cpu) = time(5, || cx.square()?.sum()?.item())?;
    show("x.square().sum() on cpu backend", &t_cpu_two);
    let (t_cpu_one, _) = time(5, || gpu::dot(&cx, &cx)?.item())?;
    show("gpu::dot(x, x) on cpu backend", &t_cpu_one);
    let (t_serial, r_serial) =
        time(3, || Ok(black_box(&host).iter().fold(0.0f64, |a, v| a + v.to_f64() * v.to_f64())))?;
    show("serial loop (one thread, f64 accumulator)", &t_serial);

    speedup(&format!("of {k} over the cpu backend (square + sum)"), &t_cpu_two, &t_two);
    speedup(&format!("of {k} over the cpu backend (dot)"), &t_cpu_one, &t_one);
    speedup(&format!("of {k} dot over the serial loop"), &t_serial, &t_one);
    println!("results: {k} {r_two} (square + sum), {r_one} (dot); cpu backend {r_cpu}; serial loop {r_serial:.6}");
    verdict(
        &[
            ("square+sum vs cpu backend", rel_diff(r_two.to_f64(), r_cpu.to_f64())),
            ("dot vs cpu backend", rel_diff(r_one.to_f64(), r_cpu.to_f64())),
            ("cpu backend vs serial loop", rel_diff(r_cpu.to_f64(), r_serial)),
        ],
        tol,
    );
    Ok(())
}
