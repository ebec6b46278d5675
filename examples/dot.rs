//! The CuPy dot-product example in Rust: two 10,000,000-element f64 vectors, their dot
//! product on the default device, timed against the CPU backend and a plain serial loop.
//!
//! ```text
//! cargo run --release --example dot                 # Device::default()
//! GPU_DEVICE=wgpu cargo run --release --example dot # a specific device
//! cargo run --release --example dot -- 100000       # another size
//! ```
//! On a device without f64 (e.g. a wgpu adapter lacking SHADER_F64) it uses f32 and
//! says so, comparing with a relative tolerance.

use std::time::Instant;

use std::hint::black_box;

use gpu::{random, Array, DType, Device, Float};

fn main() -> gpu::Result<()> {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(10_000_000);
    let dev = Device::from_env()?;
    println!("device: {dev}");
    if dev.supports(DType::F64) {
        run::<f64>(&dev, n)
    } else {
        println!("note: {dev} has no f64 support; using f32 (results compared with a relative tolerance)");
        run::<f32>(&dev, n)
    }
}

fn run<T: Float>(dev: &Device, n: usize) -> gpu::Result<()> {
    println!("dtype: {}, n = {n} ({:.1} MB per vector)", T::DTYPE, (n * T::DTYPE.size_of()) as f64 / 1e6);
    // Generated on the device (as `cp.random.rand`): no host → device transfer.
    let x = random::uniform::<T>([n], T::ZERO, T::ONE, 1, dev)?;
    let y = random::uniform::<T>([n], T::ZERO, T::ONE, 2, dev)?;
    dev.synchronize()?;

    let t = Instant::now();
    let first = gpu::dot(&x, &y)?.item()?;
    let first_ms = t.elapsed().as_secs_f64() * 1e3;
    let (dev_ms, result) = best_of(5, || gpu::dot(&x, &y)?.item())?;
    println!(
        "{:<28} {dev_ms:>9.3} ms   (first call {first_ms:.3} ms)   result {result}",
        format!("gpu::dot on {}", dev.kind())
    );
    assert_eq!(first, result, "repeated dot products agree");

    // The same data on the host: CPU backend and a plain serial loop.
    let (hx, hy) = (x.to_vec()?, y.to_vec()?);
    let cpu = Device::cpu();
    let (cx, cy) = (Array::from_slice(&hx, [n])?, Array::from_slice(&hy, [n])?);
    let (cpu_ms, cpu_result) = best_of(5, || gpu::dot(&cx, &cy)?.item())?;
    println!("{:<28} {cpu_ms:>9.3} ms   result {cpu_result}", format!("gpu::dot on cpu ({})", cpu.info().name));
    let (serial_ms, serial) = best_of(3, || {
        let (px, py) = (black_box(&hx), black_box(&hy));
        Ok(px.iter().zip(py).fold(0.0f64, |a, (p, q)| a + p.to_f64() * q.to_f64()))
    })?;
    println!("{:<28} {serial_ms:>9.3} ms   result {serial}", "serial loop (f64 accumulate)");

    println!("speedup vs serial loop: {:.2}x   vs cpu backend: {:.2}x", serial_ms / dev_ms, cpu_ms / dev_ms);
    let rel = (result.to_f64() - serial).abs() / serial.abs().max(f64::MIN_POSITIVE);
    let tol = if T::DTYPE == DType::F64 { 1e-12 } else { 1e-5 };
    if rel <= tol && (cpu_result.to_f64() - serial).abs() / serial.abs() <= tol {
        println!("results match (relative difference {rel:.2e} <= {tol:.0e})");
        Ok(())
    } else {
        println!("RESULTS DIFFER: relative difference {rel:.2e} > {tol:.0e}");
        std::process::exit(1)
    }
}

/// Best (minimum) wall time of `reps` runs of `f`, in ms, with the last result.
fn best_of<R>(reps: usize, mut f: impl FnMut() -> gpu::Result<R>) -> gpu::Result<(f64, R)> {
    let mut best = f64::INFINITY;
    let mut last = None;
    for _ in 0..reps {
        let t = Instant::now();
        let r = f()?;
        best = best.min(t.elapsed().as_secs_f64() * 1e3);
        last = Some(r);
    }
    match last {
        Some(r) => Ok((best, r)),
        None => Err(gpu::Error::InvalidArgument { op: "best_of", reason: "zero repetitions".into() }),
    }
}
