//! The results of a run and the figures derived from them: rates, speedups, parallel
//! efficiency, crossovers. Rendered by [`table`](crate::table), [`json`](crate::json)
//! and [`plot`](crate::plot); the JSON schema is these types' serde form.

use serde::Serialize;

use crate::cases::{Case, Metric, Mode, Op};
use crate::measure::Timing;
use gpu::DType;

/// `f32`, `f64` (Rust names, as on the command line).
pub fn dtype_id(dtype: DType) -> &'static str {
    match dtype {
        DType::F32 => "f32",
        DType::F64 => "f64",
        DType::I32 => "i32",
        DType::U32 => "u32",
        _ => "bool",
    }
}

/// JSON schema identifier; bumped on any incompatible change.
pub const SCHEMA: &str = "gpu-bench/1";

/// Everything one run measured.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// [`SCHEMA`].
    pub schema: &'static str,
    /// UTC time the run finished, RFC 3339.
    pub generated_at: String,
    /// The machine.
    pub host: Host,
    /// What was run.
    pub config: RunConfig,
    /// Every device measured (the serial loop included), in column order.
    pub devices: Vec<DeviceEntry>,
    /// One record per (op, size, device).
    pub results: Vec<Record>,
    /// Where each non-CPU device starts beating the CPU backend, per op.
    pub crossovers: Vec<Crossover>,
    /// Devices skipped and other remarks.
    pub notes: Vec<String>,
    /// `"ok"`, or `"failed"` when any record is not ok.
    pub status: &'static str,
}

/// The host machine.
#[derive(Debug, Clone, Serialize)]
pub struct Host {
    /// Processor name (`/proc/cpuinfo`).
    pub cpu: String,
    /// Logical cores available.
    pub cores: usize,
    /// `std::env::consts::OS`.
    pub os: &'static str,
    /// `std::env::consts::ARCH`.
    pub arch: &'static str,
    /// Nominal peak GFLOP/s for the run's dtype, before the margin.
    pub peak_gflop_per_s: f64,
    /// How the peak was derived.
    pub peak_basis: String,
    /// The factor applied to host peak and probed bandwidth to form ceilings.
    pub ceiling_margin: f64,
}

/// What was run.
#[derive(Debug, Clone, Serialize)]
pub struct RunConfig {
    /// `quick`, `default` or `full`.
    pub mode: Mode,
    /// `f32` or `f64`.
    pub dtype: String,
    /// Timed runs per mode per case.
    pub repeat: usize,
    /// The ops, in order.
    pub ops: Vec<Op>,
}

/// A measured device.
#[derive(Debug, Clone, Serialize)]
pub struct DeviceEntry {
    /// `serial`, `cpu`, `wgpu:0`, `cuda:0` …: the key used by records.
    pub id: String,
    /// `serial`, `cpu`, `wgpu` or `cuda`.
    pub kind: String,
    /// Adapter or processor name.
    pub name: String,
    /// API underneath (`rayon`, `Vulkan`, `CUDA …`).
    pub api: String,
    /// Whether it is a software implementation running on the host CPU.
    pub software: bool,
    /// Device memory in bytes, when known.
    pub memory_bytes: Option<u64>,
    /// Whether f64 kernels are available.
    pub supports_f64: bool,
    /// How its ceilings are derived.
    pub ceiling_basis: String,
}

/// How a record ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Every result matched and every figure is possible.
    Ok,
    /// A result differed from the CPU backend's: no figures are reported.
    Mismatch,
    /// A figure exceeded the device's ceiling (a measurement error): no figures.
    Rejected,
    /// The library returned an error.
    Error,
}

/// The statistics of one mode (device-resident or end-to-end).
#[derive(Debug, Clone, Serialize)]
pub struct Figures {
    /// Median run, ms.
    pub median_ms: f64,
    /// Fastest run, ms.
    pub min_ms: f64,
    /// Every run, ms.
    pub runs_ms: Vec<f64>,
    /// Logical bytes / median time.
    pub gb_per_s: f64,
    /// FLOPs / median time.
    pub gflop_per_s: f64,
}

impl Figures {
    /// Statistics of `t` for a case moving `bytes` and doing `flops`.
    pub fn new(t: &Timing, bytes: u64, flops: u64) -> Figures {
        let med = t.median();
        Figures {
            median_ms: med,
            min_ms: t.min(),
            runs_ms: t.runs_ms.clone(),
            gb_per_s: bytes as f64 / med / 1e6,
            gflop_per_s: flops as f64 / med / 1e6,
        }
    }
}

/// The ceilings a record was checked against.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Ceilings {
    /// Device-resident GB/s.
    pub resident_gb_per_s: f64,
    /// End-to-end GB/s.
    pub end_to_end_gb_per_s: f64,
    /// GFLOP/s.
    pub gflop_per_s: f64,
}

/// One case on one device.
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    /// The op.
    pub op: Op,
    /// Size label (`10M`, `4096x4096`, `512x512x512`).
    pub size: String,
    /// Size parameters: `[n]`, `[rows, cols]` or `[m, k, n]`.
    pub dims: Vec<usize>,
    /// Elements (vectors, matrices) or N (matmul): the x axis of crossovers and plots.
    pub scale: f64,
    /// `f32` or `f64`.
    pub dtype: String,
    /// Device id (see [`DeviceEntry::id`]).
    pub device: String,
    /// Logical bytes read and written.
    pub bytes: u64,
    /// Floating-point operations.
    pub flops: u64,
    /// `bandwidth` (GB/s matters) or `flops` (GFLOP/s matters).
    pub metric: Metric,
    /// Outcome.
    pub status: Status,
    /// What went wrong, for a status other than ok.
    pub message: Option<String>,
    /// First call (compilation, allocation), ms; `null` for the serial loop.
    pub first_call_ms: Option<f64>,
    /// Device-resident statistics (`null` unless ok).
    pub resident: Option<Figures>,
    /// End-to-end statistics (`null` unless ok).
    pub end_to_end: Option<Figures>,
    /// Serial median / this device's resident median.
    pub speedup_vs_serial: Option<f64>,
    /// CPU backend's resident median / this device's.
    pub speedup_vs_cpu: Option<f64>,
    /// CPU backend's end-to-end median / this device's.
    pub speedup_vs_cpu_end_to_end: Option<f64>,
    /// CPU backend only: `speedup_vs_serial / cores`.
    pub parallel_efficiency: Option<f64>,
    /// Largest relative difference from the reference over every run.
    pub max_rel_error: Option<f64>,
    /// The relative tolerance applied.
    pub tolerance: f64,
    /// The ceilings applied.
    pub ceilings: Ceilings,
}

impl Record {
    /// A record with no figures yet.
    pub fn new(case: &Case, dtype: DType, device: &str, tolerance: f64, ceilings: Ceilings) -> Record {
        Record {
            op: case.op,
            size: case.size.label(),
            dims: case.size.dims(),
            scale: case.size.scale(),
            dtype: dtype_id(dtype).to_string(),
            device: device.to_string(),
            bytes: case.bytes(dtype.size_of()),
            flops: case.flops(),
            metric: case.metric(),
            status: Status::Ok,
            message: None,
            first_call_ms: None,
            resident: None,
            end_to_end: None,
            speedup_vs_serial: None,
            speedup_vs_cpu: None,
            speedup_vs_cpu_end_to_end: None,
            parallel_efficiency: None,
            max_rel_error: None,
            tolerance,
            ceilings,
        }
    }

    /// One line naming the case and what went wrong: `dot 1M f32 on wgpu:0: <message>`.
    pub fn failure_line(&self) -> String {
        format!(
            "{} {} {} on {}: {}",
            self.op.label(),
            self.size,
            self.dtype,
            self.device,
            self.message.as_deref().unwrap_or("")
        )
    }

    fn resident_median(&self) -> Option<f64> {
        self.resident.as_ref().map(|f| f.median_ms)
    }

    fn end_to_end_median(&self) -> Option<f64> {
        self.end_to_end.as_ref().map(|f| f.median_ms)
    }
}

/// Where a device starts beating the CPU backend for one op.
#[derive(Debug, Clone, Serialize)]
pub struct Crossover {
    /// The op.
    pub op: Op,
    /// The device.
    pub device: String,
    /// Smallest measured size from which the device's resident median beats the CPU
    /// backend's at that size and every larger one (`null`: never, in range).
    pub resident_from: Option<String>,
    /// The same for end-to-end medians.
    pub end_to_end_from: Option<String>,
    /// One line for people: `resident: from 1M; end-to-end: never (up to 10M)`.
    pub summary: String,
}

impl Report {
    /// Records whose status is not ok.
    pub fn failures(&self) -> Vec<&Record> {
        self.results.iter().filter(|r| r.status != Status::Ok).collect()
    }

    /// The process exit code: 0 when all ok; 2 for any mismatch, else 3 for a rejected
    /// figure, else 1 for a library error.
    pub fn exit_code(&self) -> u8 {
        let has = |s: Status| self.results.iter().any(|r| r.status == s);
        if has(Status::Mismatch) {
            2
        } else if has(Status::Rejected) {
            3
        } else if has(Status::Error) {
            1
        } else {
            0
        }
    }

    /// Fills speedups, efficiency, crossovers and the overall status from the records.
    pub fn derive(&mut self, cpu_cores: usize) {
        let snapshot = self.results.clone();
        let find = |op: Op, size: &str, dev: &str| {
            snapshot.iter().find(|r| r.op == op && r.size == size && r.device == dev && r.status == Status::Ok)
        };
        for r in &mut self.results {
            let (Some(res), Some(e2e)) = (r.resident_median(), r.end_to_end_median()) else { continue };
            let serial = find(r.op, &r.size, "serial").and_then(Record::resident_median);
            let cpu = find(r.op, &r.size, "cpu");
            r.speedup_vs_serial = serial.map(|s| s / res);
            r.speedup_vs_cpu = cpu.and_then(Record::resident_median).map(|c| c / res);
            r.speedup_vs_cpu_end_to_end = cpu.and_then(Record::end_to_end_median).map(|c| c / e2e);
            if r.device == "cpu" {
                r.parallel_efficiency = r.speedup_vs_serial.map(|s| s / cpu_cores.max(1) as f64);
            }
        }
        let mut ops: Vec<Op> = self.results.iter().map(|r| r.op).collect();
        ops.dedup();
        self.crossovers.clear();
        for op in ops {
            for dev in self.devices.iter().filter(|d| d.kind != "serial" && d.kind != "cpu") {
                let mut rows: Vec<&Record> = self.results.iter().filter(|r| r.op == op && r.device == dev.id).collect();
                rows.sort_by(|a, b| a.scale.total_cmp(&b.scale));
                let res = crossover(&rows, |r| r.speedup_vs_cpu);
                let e2e = crossover(&rows, |r| r.speedup_vs_cpu_end_to_end);
                let last = rows.last().map(|r| r.size.clone()).unwrap_or_default();
                let say = |c: &Option<String>, first: bool| match c {
                    Some(s) if first => format!("faster at every size (from {s})"),
                    Some(s) => format!("from {s}"),
                    None => format!("never (up to {last})"),
                };
                let first = rows.first().map(|r| r.size.clone());
                let summary =
                    format!("device-resident: {}; end-to-end: {}", say(&res, res == first), say(&e2e, e2e == first));
                if !rows.is_empty() {
                    self.crossovers.push(Crossover {
                        op,
                        device: dev.id.clone(),
                        resident_from: res,
                        end_to_end_from: e2e,
                        summary,
                    });
                }
            }
        }
        self.status = if self.failures().is_empty() { "ok" } else { "failed" };
    }
}

/// The smallest size from which `speedup` stays above 1 for every larger measured size.
fn crossover(rows: &[&Record], speedup: impl Fn(&Record) -> Option<f64>) -> Option<String> {
    let mut from = None;
    for r in rows.iter().rev() {
        match speedup(r) {
            Some(s) if s > 1.0 => from = Some(r.size.clone()),
            _ => break,
        }
    }
    from
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::Size;

    fn rec(op: Op, n: usize, dev: &str, res_ms: f64, e2e_ms: f64) -> Record {
        let case = Case { op, size: Size::Vector(n) };
        let c = Ceilings { resident_gb_per_s: 1.0, end_to_end_gb_per_s: 1.0, gflop_per_s: 1.0 };
        let mut r = Record::new(&case, DType::F32, dev, 1e-6, c);
        r.resident = Some(Figures::new(&Timing { runs_ms: vec![res_ms] }, 8 * n as u64, 2 * n as u64));
        r.end_to_end = Some(Figures::new(&Timing { runs_ms: vec![e2e_ms] }, 8 * n as u64, 2 * n as u64));
        r
    }

    fn entry(id: &str, kind: &str) -> DeviceEntry {
        DeviceEntry {
            id: id.into(),
            kind: kind.into(),
            name: id.into(),
            api: String::new(),
            software: false,
            memory_bytes: None,
            supports_f64: true,
            ceiling_basis: String::new(),
        }
    }

    #[test]
    fn speedups_efficiency_and_crossover() {
        let mut results = vec![];
        for (n, s, c, g) in [(100, 1.0, 2.0, 10.0), (1000, 10.0, 5.0, 4.0), (10000, 100.0, 50.0, 20.0)] {
            results.push(rec(Op::Dot, n, "serial", s, s));
            results.push(rec(Op::Dot, n, "cpu", c, c * 2.0));
            results.push(rec(Op::Dot, n, "wgpu:0", g, g * 10.0));
        }
        let mut report = Report {
            schema: SCHEMA,
            generated_at: String::new(),
            host: Host {
                cpu: "test".into(),
                cores: 2,
                os: "",
                arch: "",
                peak_gflop_per_s: 1.0,
                peak_basis: String::new(),
                ceiling_margin: 2.0,
            },
            config: RunConfig { mode: Mode::Quick, dtype: "f32".into(), repeat: 1, ops: vec![Op::Dot] },
            devices: vec![entry("serial", "serial"), entry("cpu", "cpu"), entry("wgpu:0", "wgpu")],
            results,
            crossovers: vec![],
            notes: vec![],
            status: "ok",
        };
        report.derive(2);
        let cpu_big = &report.results[7];
        assert_eq!(cpu_big.speedup_vs_serial, Some(2.0));
        assert_eq!(cpu_big.parallel_efficiency, Some(1.0));
        let gpu_mid = &report.results[5];
        assert_eq!(gpu_mid.speedup_vs_cpu, Some(1.25));
        assert_eq!(report.crossovers.len(), 1);
        assert_eq!(report.crossovers[0].resident_from.as_deref(), Some("1000"));
        assert_eq!(report.crossovers[0].end_to_end_from, None);
        assert!(report.crossovers[0].summary.contains("never (up to 10k)"), "{}", report.crossovers[0].summary);
        assert_eq!(report.status, "ok");
        assert_eq!(report.exit_code(), 0);
        report.results[0].status = Status::Rejected;
        report.results[1].status = Status::Mismatch;
        report.derive(2);
        assert_eq!(report.status, "failed");
        assert_eq!(report.exit_code(), 2);
    }
}
