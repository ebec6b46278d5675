//! Devices: parsing, selection from `GPU_DEVICE`, info, `Stats` counters, and the
//! behaviour of absent backends (errors, never panics).

#[macro_use]
mod common;

use gpu::{Array, Device, DeviceKind, Error};

#[test]
fn parse_accepts_the_documented_forms() -> gpu::Result<()> {
    assert_eq!(Device::parse("cpu")?, Device::cpu());
    assert_eq!(Device::parse(" CPU ")?, Device::cpu());
    assert_eq!(Device::parse("cpu:0")?, Device::cpu());
    for bad in ["tpu", "cuda:x", "wgpu:", "", "cpu:1", "cuda:-1"] {
        match Device::parse(bad) {
            Err(Error::InvalidDevice { input }) => assert_eq!(input, bad),
            other => panic!("{bad:?}: expected InvalidDevice, got {other:?}"),
        }
    }
    let msg = Device::parse("tpu").unwrap_err().to_string();
    for form in ["\"cpu\"", "\"wgpu\"", "\"wgpu:N\"", "\"cuda\"", "\"cuda:N\""] {
        assert!(msg.contains(form), "message lists {form}: {msg}");
    }
    Ok(())
}

#[test]
fn absent_backends_are_errors_not_panics() {
    for (name, r) in [("wgpu", Device::wgpu()), ("cuda", Device::cuda(0)), ("cuda:7", Device::cuda(7))] {
        match r {
            Ok(d) => assert_ne!(d.kind(), DeviceKind::Cpu, "{name}"),
            Err(e) => {
                assert!(matches!(e, Error::NoDevice { .. } | Error::NotCompiled { .. }), "{name}: unexpected {e:?}")
            }
        }
    }
}

/// `GPU_DEVICE` is read from the process environment, which the test threads share and
/// which must not be written while another thread may read it; so each value is tried in
/// a child process (this test binary running `gpu_device_child`), which prints the
/// device `Device::default()` chose.
#[test]
fn default_device_follows_gpu_device() {
    let chosen = |value: Option<&str>| -> String {
        let (stdout, stderr) = common::run_in_child("gpu_device_child", "GPU_DEVICE", value);
        if value == Some("not-a-device") {
            assert!(stderr.contains("gpu: ignoring GPU_DEVICE"), "one warning for a bad value:\n{stderr}");
        }
        // The harness may print its "test … " before the report on the same line.
        let line = stdout.lines().find_map(|l| l.split_once("default device: ")).expect("the child's report").1;
        line.to_string()
    };
    assert_eq!(chosen(Some("cpu")), Device::cpu().to_string());
    // A bad value warns and falls back to the automatic choice.
    assert_eq!(chosen(Some("not-a-device")), chosen(None));
}

/// Run by `default_device_follows_gpu_device` with `GPU_DEVICE` set (or removed).
#[test]
#[ignore = "run by default_device_follows_gpu_device in a child process with GPU_DEVICE set"]
fn gpu_device_child() -> gpu::Result<()> {
    let value = std::env::var("GPU_DEVICE").ok();
    match value.as_deref() {
        Some("cpu") => assert_eq!(Device::from_env()?, Device::cpu()),
        Some(bad) => match Device::from_env() {
            Err(Error::InvalidDevice { input }) => assert_eq!(input, bad),
            other => panic!("GPU_DEVICE={bad:?}: expected InvalidDevice, got {other:?}"),
        },
        None => {
            assert_eq!(Device::from_env()?, Device::default());
            if Device::cuda(0).is_err() {
                // Without CUDA the automatic choice is a hardware wgpu adapter or the
                // CPU, never a software rasteriser.
                let d = Device::default();
                assert!(matches!(d.kind(), DeviceKind::Cpu | DeviceKind::Wgpu) && !d.info().software, "{d}");
            }
        }
    }
    println!("default device: {}", Device::default());
    Ok(())
}

#[test]
fn devices_lists_the_cpu_first() {
    let all = gpu::devices();
    assert_eq!(all[0].kind, DeviceKind::Cpu);
    assert!(all[0].supports_f64);
    assert!(all.iter().skip(1).all(|d| d.kind != DeviceKind::Cpu));
}

backend_tests! {
    fn info_and_display_name_the_device(dev) {
        let info = dev.info();
        assert_eq!(info.kind, dev.kind());
        assert!(!info.name.is_empty() && !info.api.is_empty());
        assert!(dev.to_string().starts_with(&dev.kind().to_string()));
        assert_eq!(dev.supports(gpu::DType::F64), info.supports_f64);
        assert!(dev.supports(gpu::DType::F32) && dev.supports(gpu::DType::I32));
        dev.synchronize()?;
        Ok(())
    }

    fn stats_count_launches_and_allocations(dev) {
        let before = dev.stats();
        let a = Array::<f32>::ones([1 << 18], dev)?;
        let b = (&a * 2.0).sum()?;
        dev.synchronize()?;
        let after = dev.stats();
        assert!(after.kernel_launches >= before.kernel_launches + 3, "{before:?} -> {after:?}");
        assert!(after.allocations > before.allocations, "{before:?} -> {after:?}");
        assert_eq!(b.item()?, (2 << 18) as f32);
        Ok(())
    }

    fn pool_reuses_same_size_buffers(dev) {
        let a = Array::<f32>::ones([1 << 20], dev)?;
        // Warm up one size class, then loop: every allocation should be a pool hit.
        for _ in 0..3 {
            drop(a.mul_scalar(3.0)?);
        }
        let before = dev.stats();
        for _ in 0..100 {
            let t = a.mul_scalar(3.0)?;
            drop(t);
        }
        dev.synchronize()?;
        let after = dev.stats();
        let (hits, misses) = (after.pool_hits - before.pool_hits, after.pool_misses - before.pool_misses);
        // Counters are per device and tests share it, so only a lower bound on hits holds.
        assert!(hits >= 99, "hits {hits}, misses {misses}");
        assert!(after.bytes_in_use <= before.bytes_in_use + (4 << 20), "{before:?} -> {after:?}");
        dev.trim();
        assert!(dev.stats().pool_bytes < 4 << 20, "trim empties the pool: {:?}", dev.stats());
        Ok(())
    }
}
