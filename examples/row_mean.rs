//! The mean of each row of a 10000 x 10000 f64 matrix (800 MB) on the selected device,
//! against the CPU backend and a serial loop. On wgpu the matrix is far larger than
//! one storage binding (128 MiB on lavapipe), so the backend processes it in chunks.
//!
//! ```text
//! GPU_DEVICE=wgpu cargo run --release --example row_mean
//! cargo run --release --example row_mean -- 2000      # 2000 x 2000
//! cargo run --release --example row_mean -- 300x200   # 300 rows, 200 columns
//! ```

mod common;

use std::hint::black_box;

use common::{max_rel_diff, show, speedup, time, verdict};
use gpu::{random, Device, Float};

fn main() -> gpu::Result<()> {
    let (rows, cols) = common::shape_arg((10_000, 10_000));
    let dev = common::device()?;
    if common::use_f64(&dev) {
        run::<f64>(&dev, rows, cols, 1e-12)
    } else {
        run::<f32>(&dev, rows, cols, 1e-5)
    }
}

fn run<T: Float>(dev: &Device, rows: usize, cols: usize, tol: f64) -> gpu::Result<()> {
    let bytes = (rows * cols * T::DTYPE.size_of()) as u64;
    println!("row means of a {rows} x {cols} {} matrix ({:.1} MB)", T::DTYPE, bytes as f64 / 1e6);
    if let Some(limit) = dev.info().max_binding_bytes {
        let chunks = bytes.div_ceil(limit.max(1));
        let how = if chunks > 1 { format!("processed in {chunks}+ chunks") } else { "fits one binding".into() };
        println!("  the device binds at most {:.0} MiB per buffer: the matrix is {how}", limit as f64 / 1048576.0);
    }
    // The same seeded numbers on both devices (the generator is counter-based).
    let a = random::uniform::<T>([rows, cols], T::ZERO, T::ONE, 3, dev)?;
    let cpu = Device::cpu();
    let ca = random::uniform::<T>([rows, cols], T::ZERO, T::ONE, 3, &cpu)?;
    dev.synchronize()?;

    println!("times (3 runs after a first call):");
    let k = dev.kind();
    let (t_dev, m_dev) = time(3, || {
        let m = a.mean_axis(1, false)?;
        dev.synchronize()?;
        Ok(m)
    })?;
    show(&format!("a.mean_axis(1) on {k}"), &t_dev);
    let (t_cpu, m_cpu) = time(3, || ca.mean_axis(1, false))?;
    show("a.mean_axis(1) on cpu backend", &t_cpu);
    let host = ca.to_vec()?;
    let (t_serial, m_serial) = time(2, || {
        let rows_iter = black_box(&host).chunks_exact(cols);
        Ok(rows_iter.map(|r| r.iter().map(|v| v.to_f64()).sum::<f64>() / cols as f64).collect::<Vec<f64>>())
    })?;
    show("serial loop (one thread, f64 accumulator)", &t_serial);

    speedup(&format!("of {k} over the cpu backend"), &t_cpu, &t_dev);
    speedup(&format!("of {k} over the serial loop"), &t_serial, &t_dev);
    let to_f64 = |v: Vec<T>| v.into_iter().map(|x| x.to_f64()).collect::<Vec<f64>>();
    let (d, c) = (to_f64(m_dev.to_vec()?), to_f64(m_cpu.to_vec()?));
    println!("first row means: {k} {:?}, cpu backend {:?}", &d[..d.len().min(3)], &c[..c.len().min(3)]);
    verdict(
        &[("device vs cpu backend", max_rel_diff(&d, &c)), ("cpu backend vs serial loop", max_rel_diff(&c, &m_serial))],
        tol,
    );
    Ok(())
}
