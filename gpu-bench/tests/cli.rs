//! The `gpu-bench` binary end to end at tiny sizes: the JSON output against its
//! documented schema, the mismatch detector and the impossible-figure guard (both
//! driven through the hidden `--inject-fault` hook), CSV, table and chart output.

use std::process::{Command, Output};

use gpu_bench::cases::Op;
use gpu_bench::checks::Fault;
use gpu_bench::report::Status;
use gpu_bench::run::{self, Config};

/// Small cases: two ops, two sizes each, two runs; wgpu included when present.
const SMALL: &[&str] =
    &["--ops", "dot,row_mean", "--sizes", "1000,4096", "--sizes", "row_mean=16x32,64", "--repeat", "2"];

fn bench(extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gpu-bench"))
        .args(SMALL)
        .args(extra)
        .arg("--no-progress")
        .output()
        .expect("run gpu-bench")
}

fn wgpu_required() -> bool {
    std::env::var("GPU_TEST_REQUIRE").is_ok_and(|v| v.split(',').any(|b| b.trim().eq_ignore_ascii_case("wgpu")))
}

/// The id of a non-CPU device when one is available (wgpu), else `cpu`.
fn some_gpu(json: &serde_json::Value) -> String {
    let ids: Vec<String> =
        json["devices"].as_array().into_iter().flatten().filter_map(|d| d["id"].as_str().map(String::from)).collect();
    match ids.iter().find(|id| id.starts_with("wgpu") || id.starts_with("cuda")) {
        Some(id) => id.clone(),
        None => {
            assert!(!wgpu_required(), "GPU_TEST_REQUIRE includes wgpu, but gpu-bench measured only {ids:?}");
            "cpu".into()
        }
    }
}

fn json_of(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

#[test]
fn json_output_follows_the_documented_schema() {
    let out = bench(&["--format", "json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v = json_of(&out);
    gpu_bench::json::validate(&v).unwrap_or_else(|e| panic!("schema: {e}"));
    assert_eq!(v["status"], "ok");
    let devices = v["devices"].as_array().map_or(0, Vec::len);
    assert_eq!(v["results"].as_array().map_or(0, Vec::len), 4 * devices, "4 cases x every device");
    for r in v["results"].as_array().into_iter().flatten() {
        assert_eq!(r["status"], "ok", "{r}");
        let e2e = r["end_to_end"]["median_ms"].as_f64().unwrap_or(f64::NAN);
        assert!(e2e > 0.0, "{r}");
        assert!(r["max_rel_error"].as_f64().unwrap_or(f64::NAN) <= r["tolerance"].as_f64().unwrap_or(0.0), "{r}");
        if r["device"] == "cpu" {
            assert!(r["parallel_efficiency"].is_number(), "{r}");
        }
    }
    let gpu = some_gpu(&v);
    if gpu != "cpu" {
        let crossovers = v["crossovers"].as_array().map_or(0, Vec::len);
        assert_eq!(crossovers, 2, "one crossover per op for {gpu}");
    }
}

#[test]
fn a_wrong_result_fails_loudly_and_withholds_its_times() {
    let probe = json_of(&bench(&["--format", "json"]));
    let victim = some_gpu(&probe);
    let out = bench(&["--inject-fault", &format!("wrong-result:{victim}")]);
    assert_eq!(out.status.code(), Some(2), "a mismatch exits with status 2");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stderr.contains("RESULT MISMATCH") && stderr.contains(&format!("on {victim}")), "{stderr}");
    assert!(stderr.contains("FAILED"), "{stderr}");
    assert!(stdout.contains("RESULT MISMATCH: times withheld"), "{stdout}");

    let out = bench(&["--format", "json", "--inject-fault", &format!("wrong-result:{victim}")]);
    let v = json_of(&out);
    gpu_bench::json::validate(&v).unwrap_or_else(|e| panic!("schema: {e}"));
    assert_eq!(v["status"], "failed");
    for r in v["results"].as_array().into_iter().flatten() {
        if r["device"] == victim.as_str() {
            assert_eq!(r["status"], "mismatch", "{r}");
            assert!(r["resident"].is_null() && r["end_to_end"].is_null(), "{r}");
            assert!(r["message"].as_str().unwrap_or("").contains("relative error"), "{r}");
        } else {
            assert_eq!(r["status"], "ok", "only {victim} is wrong: {r}");
        }
    }
}

#[test]
fn impossible_figures_are_rejected_not_printed() {
    let out = bench(&["--format", "json", "--inject-fault", "impossible-time:cpu"]);
    assert_eq!(out.status.code(), Some(3), "a rejected figure exits with status 3");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("MEASUREMENT REJECTED") && stderr.contains("exceeds the device's ceiling"), "{stderr}");
    let v = json_of(&out);
    gpu_bench::json::validate(&v).unwrap_or_else(|e| panic!("schema: {e}"));
    for r in v["results"].as_array().into_iter().flatten() {
        if r["device"] == "cpu" {
            assert_eq!(r["status"], "rejected", "{r}");
            assert!(r["resident"].is_null(), "no figure is printed: {r}");
        } else {
            assert_eq!(r["status"], "ok", "{r}");
            // The other rows lose only their comparison with the cpu backend.
            assert!(r["speedup_vs_cpu"].is_null(), "{r}");
        }
    }
}

#[test]
fn library_run_reports_the_fault_per_record() {
    let mut config = Config::quick().with_cases(&[Op::Sum], |_| None);
    config.repeat = 1;
    config.progress = false;
    config.devices = run::DeviceSelection::List(vec![]);
    config.fault = Some(Fault::WrongResult { device: "serial".into() });
    let report = run::run(&config).expect("run");
    assert_eq!(report.exit_code(), 2);
    for r in &report.results {
        let want = if r.device == "serial" { Status::Mismatch } else { Status::Ok };
        assert_eq!(r.status, want, "{r:?}");
    }
}

#[test]
fn csv_table_and_chart_outputs() {
    let dir = std::env::temp_dir().join(format!("gpu-bench-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let csv = dir.join("out.csv");
    let svg = dir.join("out.svg");
    let out = bench(&[
        "--format",
        "csv",
        "--out",
        csv.to_str().unwrap_or_default(),
        "--plot",
        svg.to_str().unwrap_or_default(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.is_empty(), "--out sends the output to the file");
    let text = std::fs::read_to_string(&csv).expect("csv written");
    let mut lines = text.lines();
    let header = lines.next().unwrap_or_default();
    assert!(header.starts_with("op,size,dims,dtype,device,status,"), "{header}");
    let cols = header.split(',').count();
    assert!(lines.clone().count() >= 8);
    assert!(lines.all(|l| l.split(',').count() == cols), "{text}");
    let chart = std::fs::read_to_string(&svg).expect("chart written");
    assert!(chart.contains("<svg") && chart.contains("row_mean") && chart.contains("<polyline"), "an SVG with lines");

    let out = bench(&[]);
    let table = String::from_utf8_lossy(&out.stdout);
    for want in ["res med", "e2e med", "x serial", "x cpu", "eff", "first", "how to read"] {
        assert!(table.contains(want), "table lacks {want:?}:\n{table}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
