//! The CuPy dot-product example in Rust: two 10,000,000-element f64 vectors, their dot
//! product on the selected device, timed against the CPU backend and a plain serial
//! loop, device-resident and end to end.
//!
//! ```text
//! cargo run --release --example dot                  # Device::from_env()
//! GPU_DEVICE=wgpu cargo run --release --example dot  # a specific device
//! cargo run --release --example dot -- 100000        # another size
//! ```
//! On a device without f64 (a wgpu adapter lacking SHADER_F64) it uses f32, says so,
//! and compares with a relative tolerance.

mod common;

use std::hint::black_box;

use common::{mb, rel_diff, show, speedup, time, verdict};
use gpu::{random, Array, Device, Float};

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
    println!("dot product of two vectors: n = {n}, {}, {:.1} MB each", T::DTYPE, mb(n, T::DTYPE));
    // Generated on the device (as `cp.random.rand`): no host → device transfer. The
    // generator is counter-based, so the CPU backend produces the very same numbers.
    let x = random::uniform::<T>([n], T::ZERO, T::ONE, 1, dev)?;
    let y = random::uniform::<T>([n], T::ZERO, T::ONE, 2, dev)?;
    dev.synchronize()?;
    let (hx, hy) = (x.to_vec()?, y.to_vec()?);

    println!("times (5 runs after a first call):");
    // item() reads the 0-d result back: the time includes waiting for the kernels.
    let (t_dev, r_dev) = time(5, || gpu::dot(&x, &y)?.item())?;
    show(&format!("gpu::dot on {} (data on the device)", dev.kind()), &t_dev);
    let (t_e2e, r_e2e) = time(5, || {
        let (a, b) = (Array::from_slice(&hx, [n])?.to(dev)?, Array::from_slice(&hy, [n])?.to(dev)?);
        gpu::dot(&a, &b)?.item()
    })?;
    show(&format!("gpu::dot on {} incl. upload (end to end)", dev.kind()), &t_e2e);

    let cpu = Device::cpu();
    let (cx, cy) = (x.to(&cpu)?, y.to(&cpu)?);
    let (t_cpu, r_cpu) = time(5, || gpu::dot(&cx, &cy)?.item())?;
    show(&format!("gpu::dot on {cpu}"), &t_cpu);
    let (t_serial, r_serial) = time(3, || {
        let (px, py) = (black_box(&hx), black_box(&hy));
        Ok(px.iter().zip(py).fold(0.0f64, |a, (p, q)| a + p.to_f64() * q.to_f64()))
    })?;
    show("serial loop (one thread, f64 accumulator)", &t_serial);

    speedup(&format!("of {} over the cpu backend", dev.kind()), &t_cpu, &t_dev);
    speedup(&format!("of {} over the serial loop", dev.kind()), &t_serial, &t_dev);
    println!("results: {} {r_dev}, cpu backend {r_cpu}, serial loop {r_serial:.6}", dev.kind());
    verdict(
        &[
            ("device vs cpu backend", rel_diff(r_dev.to_f64(), r_cpu.to_f64())),
            ("device vs serial loop", rel_diff(r_dev.to_f64(), r_serial)),
            ("end to end vs device-resident", rel_diff(r_e2e.to_f64(), r_dev.to_f64())),
        ],
        tol,
    );
    Ok(())
}
