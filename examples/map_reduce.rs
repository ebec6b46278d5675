//! The multiprocessing `Pool.map` / reduce example in Rust: square every number
//! 0..10,000,000 (the map), then add them up (the reduce), on the selected device.
//!
//! `gpu` has no kernel fusion: the map writes a full temporary array of squares and the
//! reduce reads it back. This example times that fusion-free path step by step, and
//! shows what a single pass costs (`gpu::dot(&x, &x)`, the same sum in one kernel).
//!
//! ```text
//! GPU_DEVICE=wgpu cargo run --release --example map_reduce
//! cargo run --release --example map_reduce -- 1e6
//! ```

mod common;

use common::{rel_diff, show, speedup, time, verdict};
use gpu::{Array, Device, Float};

fn main() -> gpu::Result<()> {
    let n = common::size_arg(10_000_000);
    let dev = common::device()?;
    if common::use_f64(&dev) {
        // The serial loop adds growing terms one by one: in f64 it drifts ~1e-12 from
        // the exact sum at 10M terms (the pairwise backends stay near 1e-15).
        run::<f64>(&dev, n, 1e-10)
    } else {
        run::<f32>(&dev, n, 1e-5)
    }
}

fn run<T: Float>(dev: &Device, n: usize, tol: f64) -> gpu::Result<()> {
    println!("map x -> x*x over 0..{n}, then reduce with +, {}", T::DTYPE);
    let x = Array::<T>::arange(T::ZERO, T::from_f64(n as f64), T::ONE, dev)?;
    let cpu = Device::cpu();
    let cx = Array::<T>::arange(T::ZERO, T::from_f64(n as f64), T::ONE, &cpu)?;
    dev.synchronize()?;
    let k = dev.kind();

    println!("times (5 runs after a first call):");
    let (t_map, squares) = time(5, || {
        let s = x.square()?; // the map: a new array of n squares
        dev.synchronize()?;
        Ok(s)
    })?;
    show(&format!("map: x.square() on {k}"), &t_map);
    let (t_reduce, _) = time(5, || squares.sum()?.item())?;
    show(&format!("reduce: squares.sum() on {k}"), &t_reduce);
    let (t_total, r_total) = time(5, || x.square()?.sum()?.item())?;
    show(&format!("map + reduce (fusion-free) on {k}"), &t_total);
    let (t_fused, r_fused) = time(5, || gpu::dot(&x, &x)?.item())?;
    show(&format!("one pass, gpu::dot(x, x), on {k}"), &t_fused);
    let (t_cpu, r_cpu) = time(5, || cx.square()?.sum()?.item())?;
    show("map + reduce on cpu backend", &t_cpu);
    let (t_serial, r_serial) =
        time(3, || Ok((0..n).map(|i| T::from_f64(i as f64).to_f64()).fold(0.0f64, |a, v| a + v * v)))?;
    show("serial loop (one thread)", &t_serial);

    println!(
        "  the temporary costs {:.0}% of the fusion-free time on {k} (map + reduce vs one pass)",
        100.0 * (t_total.median - t_fused.median).max(0.0) / t_total.median
    );
    speedup(&format!("of {k} over the cpu backend (map + reduce)"), &t_cpu, &t_total);
    speedup(&format!("of {k} over the serial loop (map + reduce)"), &t_serial, &t_total);

    // Σ i² for i < n = (n-1) n (2n-1) / 6, exactly, then rounded once.
    let m = n as u128;
    let exact = (m.saturating_sub(1) * m * (2 * m).saturating_sub(1) / 6) as f64;
    println!("results: {k} {r_total} (map + reduce), {r_fused} (one pass); cpu backend {r_cpu}; exact {exact:e}");
    verdict(
        &[
            ("map + reduce vs cpu backend", rel_diff(r_total.to_f64(), r_cpu.to_f64())),
            ("one pass vs cpu backend", rel_diff(r_fused.to_f64(), r_cpu.to_f64())),
            ("cpu backend vs exact", rel_diff(r_cpu.to_f64(), exact)),
            ("serial loop vs exact", rel_diff(r_serial, exact)),
        ],
        tol,
    );
    Ok(())
}
