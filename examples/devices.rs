//! Every device this build can see — name, API, software or hardware, memory, f64 and
//! subgroup support, limits — then a smoke test: the sum of 1,000,000 random f32 values
//! on each device, timed and checked against the CPU backend.
//!
//! ```text
//! cargo run --release --example devices
//! GPU_DEVICE=wgpu cargo run --release --example devices   # also shows what GPU_DEVICE selects
//! cargo run --release --example devices -- 1000            # a smaller smoke test
//! ```

mod common;

use common::{rel_diff, show, speedup, time, verdict};
use gpu::{random, Device, DeviceInfo, DeviceKind};

fn bytes(b: Option<u64>) -> String {
    match b {
        Some(b) if b >= 1 << 30 => format!("{:.1} GiB", b as f64 / (1u64 << 30) as f64),
        Some(b) => format!("{:.0} MiB", b as f64 / (1u64 << 20) as f64),
        None => "-".into(),
    }
}

fn yes(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

fn open(info: &DeviceInfo) -> gpu::Result<Device> {
    match info.kind {
        DeviceKind::Cpu => Ok(Device::cpu()),
        DeviceKind::Wgpu => Device::wgpu_adapter(info.ordinal),
        DeviceKind::Cuda => Device::cuda(info.ordinal),
    }
}

fn main() -> gpu::Result<()> {
    let n = common::size_arg(1_000_000);
    let all = gpu::devices();
    println!("{} device(s) found:", all.len());
    for (i, d) in all.iter().enumerate() {
        let kind = if d.software { "software (runs on the host CPU)" } else { "hardware" };
        println!("[{i}] {}:{}  {}", d.kind, d.ordinal, d.name);
        println!("      api {}, {kind}, memory {}", d.api, bytes(d.memory_bytes));
        println!(
            "      f64 {}, subgroups {}, parallel workers {}",
            yes(d.supports_f64),
            yes(d.supports_subgroups),
            d.parallelism.map_or("-".into(), |p| p.to_string())
        );
        println!(
            "      limits: buffer {}, storage binding {}, workgroups per dimension {}",
            bytes(d.max_buffer_bytes),
            bytes(d.max_binding_bytes),
            d.max_workgroups_per_dim.map_or("-".into(), |w| w.to_string())
        );
    }
    if !all.iter().any(|d| d.kind == DeviceKind::Cuda)
        && let Err(e) = Device::cuda(0)
    {
        println!("no CUDA device: {e}");
    }
    let chosen = common::device()?;

    println!("smoke test: sum of {n} random f32 values on each device (5 runs after a first call):");
    let cpu = Device::cpu();
    let x = random::uniform::<f32>([n], 0.0, 1.0, 11, &cpu)?;
    let (t_cpu, r_cpu) = time(5, || x.sum()?.item())?;
    show("sum on cpu backend", &t_cpu);
    let mut checks = Vec::new();
    for info in all.iter().filter(|d| d.kind != DeviceKind::Cpu) {
        let label = format!("{}:{}", info.kind, info.ordinal);
        let dev = match open(info) {
            Ok(d) => d,
            Err(e) => {
                println!("  {label}: cannot open ({e})");
                continue;
            }
        };
        let mark = if dev == chosen { " (selected)" } else { "" };
        let xd = x.to(&dev)?;
        let (t, r) = time(5, || xd.sum()?.item())?;
        show(&format!("sum on {label}{mark}"), &t);
        speedup(&format!("of {label} over the cpu backend"), &t_cpu, &t);
        checks.push((label, rel_diff(r as f64, r_cpu as f64)));
    }
    let checks: Vec<(&str, f64)> = checks.iter().map(|(l, d)| (l.as_str(), *d)).collect();
    verdict(&checks, 1e-5);
    Ok(())
}
