//! Runs every example at a small size, on the CPU backend and on wgpu when present,
//! and checks that it reports its device, sizes, times, a speedup and "results match".
//!
//! The examples are built once, with this test's profile, by the cargo running the
//! tests (a no-op when `cargo test` has just built them).

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::OnceLock;

/// Every example with the small size argument used here.
const EXAMPLES: &[(&str, &str)] = &[
    ("dot", "20000"),
    ("sum_squares", "20000"),
    ("row_mean", "300x200"),
    ("map_reduce", "20000"),
    ("scale_inplace", "1000"),
    ("devices", "10000"),
];

/// The directory of the built examples, building them on first use.
fn examples_dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        // This test runs from target/<profile>/deps/; examples live in target/<profile>/examples/.
        let exe = std::env::current_exe().expect("test executable path");
        let profile_dir = exe.parent().and_then(|d| d.parent()).expect("target/<profile>").to_path_buf();
        let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        cmd.args(["build", "--examples", "--quiet"]).current_dir(env!("CARGO_MANIFEST_DIR"));
        if profile_dir.file_name().is_some_and(|n| n == "release") {
            cmd.arg("--release");
        }
        let status = cmd.status().expect("run cargo build --examples");
        assert!(status.success(), "cargo build --examples failed");
        profile_dir.join("examples")
    })
}

fn run(name: &str, arg: &str, device: &str) -> Output {
    let mut path = examples_dir().join(name);
    if cfg!(windows) {
        path.set_extension("exe");
    }
    Command::new(&path)
        .arg(arg)
        .env("GPU_DEVICE", device)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", path.display()))
}

/// Runs `name` on `device` and checks what it prints.
fn check(name: &str, device: &str) {
    let arg = EXAMPLES.iter().find(|(n, _)| *n == name).map(|(_, a)| *a).expect("listed example");
    let out = run(name, arg, device);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let context = format!("example {name} on {device}:\n{stdout}\n{stderr}");
    assert!(out.status.success(), "exit status {:?}: {context}", out.status);
    assert!(stdout.contains(&format!("device: {device}")), "does not name its device: {context}");
    assert!(stdout.contains(" ms"), "prints no times: {context}");
    assert!(stdout.contains("speedup"), "prints no speedup: {context}");
    assert!(stdout.contains("results match"), "does not confirm its results: {context}");
    assert!(!stdout.contains("RESULTS DIFFER"), "{context}");
    let size = arg.split('x').next().unwrap_or(arg);
    assert!(stdout.contains(size), "does not print its size {arg}: {context}");
}

/// Whether wgpu is present; its absence fails when `GPU_TEST_REQUIRE` names it.
fn have_wgpu() -> bool {
    match gpu::Device::wgpu() {
        Ok(_) => true,
        Err(e) => {
            let required = std::env::var("GPU_TEST_REQUIRE")
                .map(|v| v.split(',').any(|b| b.trim().eq_ignore_ascii_case("wgpu")))
                .unwrap_or(false);
            assert!(!required, "GPU_TEST_REQUIRE includes wgpu, but no wgpu device is available: {e}");
            eprintln!("WGPU: example runs skipped — skipped: no wgpu device ({e}) [tests/examples.rs]");
            false
        }
    }
}

macro_rules! example_tests {
    ($($name:ident),*) => {
        mod cpu {
            $(#[test] fn $name() { super::check(stringify!($name), "cpu"); })*
        }
        mod wgpu {
            $(#[test] fn $name() { if super::have_wgpu() { super::check(stringify!($name), "wgpu"); } })*
        }
    };
}

example_tests!(dot, sum_squares, row_mean, map_reduce, scale_inplace, devices);

#[test]
fn every_registered_example_is_tested() {
    let manifest = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml")).expect("Cargo.toml");
    let mut lines = manifest.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "[[example]]" {
            let name = lines.next().and_then(|l| l.split('"').nth(1)).expect("name = \"…\" after [[example]]");
            assert!(EXAMPLES.iter().any(|(n, _)| *n == name), "example {name} has no test in tests/examples.rs");
        }
    }
}

#[test]
fn a_bad_gpu_device_is_reported() {
    let out = run("dot", "100", "gpu9000");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("gpu9000"), "the error names the bad value: {stderr}");
}
