//! The CUDA backend without a GPU: every kernel instantiation (each op × dtype) compiles
//! with NVRTC for compute_80 and compute_90 and assembles with `ptxas -v` for sm_80 and
//! sm_90 without errors or register spills; and an absent driver is an error, never a
//! panic.
//!
//! NVRTC is found through `LD_LIBRARY_PATH` and ptxas through `GPU_TEST_PTXAS`, both set
//! by `scripts/cuda-env.sh` (sourced by `scripts/test`). Without them the compile test
//! prints one "skipped" line, unless `GPU_TEST_REQUIRE` names cuda.
#![cfg(feature = "cuda")]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use gpu::{cuda_kernels, Device, DeviceKind, Error};

const ARCHS: [u32; 2] = [80, 90];

/// Skips (one line per test file) or fails, per `GPU_TEST_REQUIRE`.
fn unavailable(what: &str) {
    if common::required("cuda") {
        panic!("GPU_TEST_REQUIRE includes cuda, but {what}");
    }
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = writeln!(
            std::io::stderr(),
            "CUDA kernels: skipped: {what} — `source scripts/cuda-env.sh` provides it [tests/cuda_kernels.rs]"
        );
    });
}

/// Per-kernel numbers from `ptxas -v`.
#[derive(Debug, Default, Clone)]
struct KernelStats {
    registers: u32,
    stack: u32,
    spill_stores: u32,
    spill_loads: u32,
}

/// Parses `ptxas -v` output (stderr): "Function properties for NAME", then its
/// "N bytes stack frame, S bytes spill stores, L bytes spill loads" line, then
/// "Used R registers".
fn parse_ptxas(log: &str) -> BTreeMap<String, KernelStats> {
    let num = |line: &str, before: &str| -> Option<u32> {
        let head = &line[..line.find(before)?];
        head.split(|c: char| !c.is_ascii_digit()).rfind(|s| !s.is_empty())?.parse().ok()
    };
    let mut out = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in log.lines() {
        if let Some(i) = line.find("Function properties for ") {
            let name = line[i + "Function properties for ".len()..].trim().to_string();
            out.entry(name.clone()).or_insert_with(KernelStats::default);
            current = Some(name);
        } else if let Some(name) = &current {
            let s = out.get_mut(name).expect("entry");
            if line.contains("bytes stack frame") {
                s.stack = num(line, " bytes stack frame").unwrap_or(u32::MAX);
                s.spill_stores = num(line, " bytes spill stores").unwrap_or(u32::MAX);
                s.spill_loads = num(line, " bytes spill loads").unwrap_or(u32::MAX);
            } else if line.contains("Used ") && line.contains(" registers") {
                s.registers = num(line, " registers").unwrap_or(u32::MAX);
                current = None;
            }
        }
    }
    out
}

fn ptxas_path() -> Option<PathBuf> {
    let p = PathBuf::from(std::env::var_os("GPU_TEST_PTXAS")?);
    p.is_file().then_some(p)
}

fn assemble(ptxas: &Path, ptx_file: &Path, arch: u32) -> (bool, String) {
    let out = Command::new(ptxas)
        .args(["-v", "--gpu-name", &format!("sm_{arch}")])
        .arg(ptx_file)
        .args(["-o", "/dev/null"])
        .output()
        .expect("run ptxas");
    let log = String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    (out.status.success(), log)
}

#[test]
fn every_kernel_compiles_for_sm80_and_sm90_without_spills() {
    if !cuda_kernels::nvrtc_available() {
        return unavailable("NVRTC (libnvrtc.so.12) is not on the loader path");
    }
    let ptxas = ptxas_path();
    if ptxas.is_none() {
        unavailable("ptxas is not found (GPU_TEST_PTXAS unset or not a file); NVRTC compiles are still checked");
    }
    let sources = cuda_kernels::all_sources();
    if let Some(dump) = std::env::var_os("GPU_TEST_DUMP_KERNELS") {
        // Debugging aid: the exact programs compiled here.
        for (family, src) in &sources {
            std::fs::write(Path::new(&dump).join(format!("{family}.cu")), src).expect("dump kernels");
        }
    }
    let expected: BTreeSet<String> = cuda_kernels::kernel_names().into_iter().collect();
    assert!(expected.len() > 250, "kernel catalogue looks truncated: {} entries", expected.len());
    let dir = std::env::temp_dir().join(format!("gpu-cuda-kernels-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");

    // One thread per architecture (NVRTC is thread-safe across programs).
    let results: Vec<(u32, BTreeMap<String, KernelStats>, Vec<String>)> = std::thread::scope(|s| {
        let handles: Vec<_> = ARCHS
            .iter()
            .map(|&arch| {
                let (sources, dir, ptxas) = (&sources, &dir, &ptxas);
                s.spawn(move || {
                    let mut stats = BTreeMap::new();
                    let mut failures = Vec::new();
                    for (family, src) in sources {
                        let t = std::time::Instant::now();
                        let ptx = match cuda_kernels::compile_ptx(&format!("{family}.cu"), src, arch) {
                            Ok(p) => p,
                            Err(log) => {
                                failures.push(format!("NVRTC compute_{arch} {family}.cu:\n{log}"));
                                continue;
                            }
                        };
                        assert!(ptx.contains(&format!(".target sm_{arch}")), "{family}: PTX target");
                        let file = dir.join(format!("{family}_compute_{arch}.ptx"));
                        std::fs::write(&file, &ptx).expect("write ptx");
                        let nvrtc_time = t.elapsed();
                        let Some(ptxas) = ptxas else { continue };
                        let t = std::time::Instant::now();
                        let (ok, log) = assemble(ptxas, &file, arch);
                        let _ = writeln!(
                            std::io::stderr(),
                            "  {family}.cu sm_{arch}: NVRTC {:.1} s, ptxas {:.1} s",
                            nvrtc_time.as_secs_f64(),
                            t.elapsed().as_secs_f64()
                        );
                        if !ok || log.contains("error") {
                            failures.push(format!("ptxas sm_{arch} {family}:\n{log}"));
                            continue;
                        }
                        stats.extend(parse_ptxas(&log));
                    }
                    (arch, stats, failures)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("compile thread")).collect()
    });
    let _ = std::fs::remove_dir_all(&dir);

    let failures: Vec<&String> = results.iter().flat_map(|(_, _, f)| f).collect();
    assert!(
        failures.is_empty(),
        "{} compile/assemble failures:\n{}",
        failures.len(),
        failures.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n")
    );
    if ptxas.is_none() {
        return;
    }
    for (arch, stats, _) in &results {
        let seen: BTreeSet<String> = stats.keys().cloned().collect();
        let missing: Vec<&String> = expected.difference(&seen).collect();
        assert!(missing.is_empty(), "sm_{arch}: ptxas reported no properties for {missing:?}");
        let spills: Vec<String> = stats
            .iter()
            .filter(|(_, s)| s.spill_stores != 0 || s.spill_loads != 0)
            .map(|(k, s)| format!("{k}: {} B spill stores, {} B spill loads", s.spill_stores, s.spill_loads))
            .collect();
        assert!(spills.is_empty(), "sm_{arch}: register spills in {} kernels:\n{}", spills.len(), spills.join("\n"));
        let max = stats.iter().max_by_key(|(_, s)| s.registers).expect("kernels");
        let stack: Vec<String> =
            stats.iter().filter(|(_, s)| s.stack != 0).map(|(k, s)| format!("{k} ({} B)", s.stack)).collect();
        let hot = [
            "binary_add_f32",
            "unary_exp_f32",
            "reduce_sum_f32_block",
            "reduce_sum_f32_thread",
            "dot_f64",
            "reduce_mean_f32_block",
            "matmul_f32",
            "uniform_f32",
        ];
        let regs: Vec<String> =
            hot.iter().filter_map(|k| stats.get(*k).map(|s| format!("{k} {}", s.registers))).collect();
        let _ = writeln!(std::io::stderr(), "CUDA kernels sm_{arch}: registers of hot kernels: {}", regs.join(", "));
        let _ = writeln!(
            std::io::stderr(),
            "CUDA kernels sm_{arch}: {} kernels assembled, no spills; most registers: {} ({}); kernels with a \
             stack frame: {:?}",
            stats.len(),
            max.1.registers,
            max.0,
            stack
        );
    }
}

#[test]
fn nvrtc_errors_carry_the_compiler_log() {
    if !cuda_kernels::nvrtc_available() {
        return unavailable("NVRTC (libnvrtc.so.12) is not on the loader path");
    }
    let bad = "extern \"C\" __global__ void k(float* x) { x[0] = undefined_symbol; }";
    let log = cuda_kernels::compile_ptx("broken.cu", bad, 80).expect_err("must not compile");
    assert!(log.contains("undefined_symbol") && log.contains("broken.cu"), "log: {log}");
}

#[test]
fn cuda_without_a_driver_is_no_device_and_default_falls_back() {
    match Device::cuda(0) {
        Ok(dev) => {
            assert_eq!(dev.kind(), DeviceKind::Cuda);
            assert_eq!(dev, Device::cuda(0).expect("second open"), "one context per ordinal");
            assert!(gpu::devices().iter().any(|d| d.kind == DeviceKind::Cuda));
        }
        Err(Error::NoDevice { backend, reason }) => {
            assert_eq!(backend, "cuda");
            assert!(!reason.is_empty());
            // Every later call says the same, still without panicking.
            assert!(matches!(Device::cuda(0), Err(Error::NoDevice { .. })));
            assert!(matches!(Device::cuda(3), Err(Error::NoDevice { .. })));
            assert!(matches!(Device::parse("cuda:1"), Err(Error::NoDevice { .. })));
            assert!(gpu::devices().iter().all(|d| d.kind != DeviceKind::Cuda));
            if std::env::var("GPU_DEVICE").map_or(true, |v| v.trim().is_empty()) {
                assert_ne!(Device::default().kind(), DeviceKind::Cuda);
            }
            let _ = writeln!(std::io::stderr(), "CUDA: no device here ({reason}); fallback checked");
        }
        Err(other) => panic!("expected Error::NoDevice, got {other:?}"),
    }
}

/// Runs where a CUDA device exists: one op of every family against the CPU reference.
#[test]
fn every_family_runs_on_a_cuda_device() -> gpu::Result<()> {
    let Some(dev) = common::device("cuda", 1, file!()) else { return Ok(()) };
    let dev = &dev;
    let a = gpu::Array::<f32>::arange(0.0, 6.0, 1.0, dev)?.reshape([2, 3])?;
    assert_eq!((&a + &a.t().t()).sum()?.item()?, 30.0);
    assert_eq!(a.argmax()?.item()?, 5);
    assert_eq!(gpu::matmul(&a, &a.t())?.to_vec()?, vec![5.0, 14.0, 14.0, 50.0]);
    let r = gpu::random::uniform::<u32>([9], 0, u32::MAX, 7, dev)?.to_vec()?;
    let c = gpu::random::uniform::<u32>([9], 0, u32::MAX, 7, &Device::cpu())?.to_vec()?;
    assert_eq!(r, c, "the same Philox stream as the CPU");
    Ok(())
}
