//! Running a benchmark: open the devices, measure every case on each, check, guard,
//! and assemble the [`Report`].

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use gpu::{DType, Device, DeviceKind};
use indicatif::{ProgressBar, ProgressStyle};

use crate::cases::{BenchFloat, Case, Mode, Op, Size};
use crate::ceiling::{self, DeviceClass, HostLimits, HOST_MARGIN};
use crate::checks::{self, Fault, Verifier};
use crate::measure::{self, Failure, Measurement};
use crate::report::{dtype_id, Ceilings, DeviceEntry, Figures, Host, Record, Report, RunConfig, Status, SCHEMA};
use crate::BenchError;

/// Which devices to measure besides the serial loop and the CPU backend (always run:
/// they are the baselines and the reference).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeviceSelection {
    /// The best wgpu adapter (software ones included) and every CUDA device.
    Auto,
    /// Every wgpu adapter and every CUDA device.
    All,
    /// Exactly these (`wgpu`, `wgpu:1`, `cuda`, `cuda:1`; `cpu`/`serial` are implied).
    List(Vec<String>),
}

/// Everything a run needs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Quick, default or full.
    pub mode: Mode,
    /// The cases, in order.
    pub cases: Vec<Case>,
    /// Devices beyond the baselines.
    pub devices: DeviceSelection,
    /// `F32` or `F64`.
    pub dtype: DType,
    /// Timed runs per mode.
    pub repeat: usize,
    /// A deliberate fault (tests only).
    pub fault: Option<Fault>,
    /// Show a progress bar on stderr (drawn only when stderr is a terminal).
    pub progress: bool,
}

impl Config {
    /// Every op at `mode`'s sizes on the automatically chosen devices, in f32.
    pub fn new(mode: Mode) -> Config {
        let cases = Op::ALL.iter().flat_map(|&op| op.sizes(mode).into_iter().map(move |size| Case { op, size }));
        Config {
            mode,
            cases: cases.collect(),
            devices: DeviceSelection::Auto,
            dtype: DType::F32,
            repeat: mode.repeat(),
            fault: None,
            progress: true,
        }
    }

    /// [`Config::new`] with [`Mode::Quick`].
    pub fn quick() -> Config {
        Config::new(Mode::Quick)
    }

    /// Replaces the cases with `ops` at `sizes` (each op's own defaults when `None`).
    pub fn with_cases(mut self, ops: &[Op], sizes: impl Fn(Op) -> Option<Vec<Size>>) -> Config {
        self.cases = ops
            .iter()
            .flat_map(|&op| {
                sizes(op).unwrap_or_else(|| op.sizes(self.mode)).into_iter().map(move |size| Case { op, size })
            })
            .collect();
        self
    }
}

/// A device to measure: the serial loop has no `Device`.
struct Target {
    entry: DeviceEntry,
    device: Option<Device>,
    class: DeviceClass,
}

fn entry_for(device: &Device, basis: &str) -> (DeviceEntry, DeviceClass) {
    let info = device.info();
    let id = match info.kind {
        DeviceKind::Cpu => "cpu".to_string(),
        k => format!("{k}:{}", info.ordinal),
    };
    let class =
        if info.kind == DeviceKind::Cpu || info.software { DeviceClass::Host } else { DeviceClass::HardwareGpu };
    let ceiling_basis = match class {
        DeviceClass::Host => basis.to_string(),
        DeviceClass::HardwareGpu => format!(
            "device-resident: {} GB/s and {} GFLOP/s (above any GPU); end-to-end GB/s: as the host's",
            ceiling::GPU_BANDWIDTH_CEILING_GBS,
            ceiling::GPU_GFLOPS_CEILING
        ),
    };
    let name = if info.kind == DeviceKind::Cpu { format!("gpu CPU backend, {}", info.name) } else { info.name };
    let entry = DeviceEntry {
        id,
        kind: info.kind.to_string(),
        name,
        api: info.api,
        software: info.software,
        memory_bytes: info.memory_bytes,
        supports_f64: info.supports_f64,
        ceiling_basis,
    };
    (entry, class)
}

fn open_targets(config: &Config, basis: &str, notes: &mut Vec<String>) -> Result<Vec<Target>, BenchError> {
    let mut devices = vec![Device::cpu()];
    let mut add = |d: Device| {
        if !devices.contains(&d) {
            devices.push(d);
        }
    };
    let every_cuda = |add: &mut dyn FnMut(Device), notes: &mut Vec<String>| {
        for i in 0..64 {
            match Device::cuda(i) {
                Ok(d) => add(d),
                Err(e) => {
                    if i == 0 {
                        notes.push(format!("cuda: not measured ({e})"));
                    }
                    break;
                }
            }
        }
    };
    match &config.devices {
        DeviceSelection::Auto => {
            match Device::wgpu() {
                Ok(d) => add(d),
                Err(e) => notes.push(format!("wgpu: not measured ({e})")),
            }
            every_cuda(&mut add, notes);
        }
        DeviceSelection::All => {
            for info in gpu::devices().into_iter().filter(|i| i.kind == DeviceKind::Wgpu) {
                match Device::wgpu_adapter(info.ordinal) {
                    Ok(d) => add(d),
                    Err(e) => notes.push(format!("wgpu:{}: not measured ({e})", info.ordinal)),
                }
            }
            every_cuda(&mut add, notes);
        }
        DeviceSelection::List(names) => {
            for name in names {
                let n = name.trim().to_ascii_lowercase();
                if n == "cpu" || n == "serial" {
                    continue;
                }
                add(Device::parse(&n).map_err(|e| BenchError::Config(format!("--devices {name}: {e}")))?);
            }
        }
    }
    let serial = DeviceEntry {
        id: "serial".into(),
        kind: "serial".into(),
        name: format!("plain Rust loops, 1 thread, on {}", ceiling::cpu_name()),
        api: "std".into(),
        software: false,
        memory_bytes: None,
        supports_f64: true,
        ceiling_basis: basis.to_string(),
    };
    let mut targets = vec![Target { entry: serial, device: None, class: DeviceClass::Host }];
    for d in devices {
        let (entry, class) = entry_for(&d, basis);
        if !d.supports(config.dtype) {
            notes.push(format!(
                "{}: skipped, no {} kernels on {} (run with --dtype f32)",
                entry.id,
                dtype_id(config.dtype),
                entry.name
            ));
            continue;
        }
        targets.push(Target { entry, device: Some(d), class });
    }
    Ok(targets)
}

fn progress_bar(config: &Config, len: usize) -> ProgressBar {
    if !config.progress {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::new(len as u64);
    if let Ok(style) = ProgressStyle::with_template("[{elapsed_precise}] {bar:30.cyan/blue} {pos}/{len} {msg}") {
        pb.set_style(style.progress_chars("=> "));
    }
    pb.enable_steady_tick(Duration::from_millis(250));
    pb
}

/// Runs the benchmark described by `config`.
///
/// Per-case failures (mismatches, rejected figures, device errors) are recorded in the
/// report and announced on stderr as they happen; see [`Report::exit_code`].
///
/// # Errors
/// [`BenchError::Config`] for an unusable configuration or an unavailable device that
/// was asked for by name; [`BenchError::Gpu`] when generating inputs fails.
pub fn run(config: &Config) -> Result<Report, BenchError> {
    match config.dtype {
        DType::F32 => run_typed::<f32>(config),
        DType::F64 => run_typed::<f64>(config),
        d => Err(BenchError::Config(format!("--dtype {d}: only f32 and f64 are benchmarked"))),
    }
}

fn run_typed<T: BenchFloat>(config: &Config) -> Result<Report, BenchError> {
    if config.repeat == 0 {
        return Err(BenchError::Config("--repeat must be at least 1".into()));
    }
    let mut limits = HostLimits::new(config.dtype);
    let basis = format!(
        "host: {} cores x one core's read bandwidth probed at each working-set size x {HOST_MARGIN}; \
         arithmetic {} x {HOST_MARGIN}",
        ceiling::cores(),
        limits.flops_basis
    );
    let mut notes = Vec::new();
    let targets = open_targets(config, &basis, &mut notes)?;
    let pb = progress_bar(config, config.cases.len() * targets.len());
    let mut results = Vec::new();
    // The CPU backend runs first: its first result is the reference for everyone else.
    let mut order: Vec<usize> = (0..targets.len()).collect();
    order.sort_by_key(|&i| targets[i].entry.kind != "cpu");

    for (ci, case) in config.cases.iter().enumerate() {
        pb.set_message(format!("{case}: generating inputs"));
        let host = case.host_inputs::<T>(1 + 8 * ci as u64)?;
        let tol = checks::tolerance(case, config.dtype);
        let bytes = case.bytes(config.dtype.size_of());
        let mut reference: Option<Vec<T>> = None;
        let mut records: Vec<Option<Record>> = vec![None; targets.len()];
        for &ti in &order {
            let t = &targets[ti];
            let id = t.entry.id.as_str();
            pb.set_message(format!("{case} on {id}"));
            let mut verifier = Verifier::new(&mut reference, tol, config.fault.as_ref(), id);
            let outcome = match &t.device {
                None => measure::measure_serial(case, &host, config.repeat, &mut verifier),
                Some(d) => measure::measure_device(case, d, &host, config.repeat, &mut verifier),
            };
            if let Some(d) = &t.device {
                d.trim();
            }
            let factor = Fault::time_factor(config.fault.as_ref(), id);
            let mut rec = settle(case, config.dtype, id, tol, &outcome, factor, limits.ceilings(t.class, bytes));
            if rec.status == Status::Rejected && t.class == DeviceClass::Host {
                // A second opinion before calling it a measurement error: the probe may
                // have run while other work held the memory bus.
                limits.reprobe(bytes);
                rec = settle(case, config.dtype, id, tol, &outcome, factor, limits.ceilings(t.class, bytes));
            }
            if rec.status != Status::Ok {
                let what = match rec.status {
                    Status::Mismatch => "RESULT MISMATCH",
                    Status::Rejected => "MEASUREMENT REJECTED",
                    _ => "ERROR",
                };
                let msg = rec.message.clone().unwrap_or_default();
                pb.suspend(|| eprintln!("gpu-bench: {what}: {case} {} on {id}: {msg}", rec.dtype));
            }
            records[ti] = Some(rec);
            pb.inc(1);
        }
        results.extend(records.into_iter().flatten());
    }
    pb.finish_and_clear();

    let cores = Device::cpu().info().parallelism.unwrap_or_else(ceiling::cores);
    let mut report = Report {
        schema: SCHEMA,
        generated_at: utc_now_rfc3339(),
        host: Host {
            cpu: ceiling::cpu_name(),
            cores: ceiling::cores(),
            os: std::env::consts::OS,
            arch: std::env::consts::ARCH,
            peak_gflop_per_s: limits.peak_gflops(),
            peak_basis: limits.flops_basis.clone(),
            ceiling_margin: HOST_MARGIN,
        },
        config: RunConfig {
            mode: config.mode,
            dtype: dtype_id(config.dtype).to_string(),
            repeat: config.repeat,
            ops: {
                let mut ops: Vec<Op> = config.cases.iter().map(|c| c.op).collect();
                ops.dedup();
                ops
            },
        },
        devices: targets.into_iter().map(|t| t.entry).collect(),
        results,
        crossovers: Vec::new(),
        notes,
        status: "ok",
    };
    report.derive(cores);
    Ok(report)
}

/// The record of a measurement: its figures, or its failure status.
fn settle(
    case: &Case,
    dtype: DType,
    id: &str,
    tol: f64,
    outcome: &Result<Measurement, Failure>,
    time_factor: f64,
    (res_ceiling, e2e_ceiling): (ceiling::Ceiling, ceiling::Ceiling),
) -> Record {
    let ceilings = Ceilings {
        resident_gb_per_s: res_ceiling.gb_per_s,
        end_to_end_gb_per_s: e2e_ceiling.gb_per_s,
        gflop_per_s: res_ceiling.gflop_per_s,
    };
    let mut rec = Record::new(case, dtype, id, tol, ceilings);
    let m = match outcome {
        Ok(m) => m,
        Err(f) => {
            rec.status = match f {
                Failure::Gpu(_) => Status::Error,
                Failure::Mismatch { .. } => Status::Mismatch,
            };
            let against = if id == "cpu" { "vs its own first result" } else { "vs the cpu backend" };
            rec.message = Some(match f {
                Failure::Mismatch { .. } => format!("{f} ({against}); its times are not reported"),
                Failure::Gpu(_) => f.to_string(),
            });
            return rec;
        }
    };
    let resident = m.resident.scaled(time_factor);
    let end_to_end = m.end_to_end.scaled(time_factor);
    rec.max_rel_error = Some(m.max_rel_error);
    let guarded = checks::guard(case, rec.bytes, resident.min(), res_ceiling, "device-resident")
        .and_then(|_| checks::guard(case, rec.bytes, end_to_end.min(), e2e_ceiling, "end-to-end"));
    match guarded {
        Err(rejection) => {
            rec.status = Status::Rejected;
            rec.message = Some(format!("{rejection}; its times are not reported"));
        }
        Ok(()) => {
            rec.first_call_ms = m.first_ms.map(|t| t * time_factor);
            rec.resident = Some(Figures::new(&resident, rec.bytes, rec.flops));
            rec.end_to_end = Some(Figures::new(&end_to_end, rec.bytes, rec.flops));
        }
    }
    rec
}

/// Now, as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn utc_now_rfc3339() -> String {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Howard Hinnant's civil-from-days.
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamp_is_rfc3339() {
        let t = utc_now_rfc3339();
        assert_eq!(t.len(), 20, "{t}");
        assert!(t.starts_with("20") && t.ends_with('Z') && t.as_bytes()[10] == b'T', "{t}");
    }
}
