//! The command line.

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::{Parser, ValueEnum};
use gpu::DType;

use crate::cases::{Mode, Op, Size};
use crate::checks::Fault;
use crate::run::{Config, DeviceSelection};
use crate::BenchError;

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned table with crossovers and a legend.
    Table,
    /// The report as JSON (schema in the `json` module docs and the README).
    Json,
    /// One line per (op, size, device).
    Csv,
}

/// Element type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DtypeArg {
    /// 32-bit floats (every device has them).
    F32,
    /// 64-bit floats (devices without f64 kernels are skipped).
    F64,
}

/// Honest CPU-vs-GPU benchmarks of the `gpu` crate: dot, sum, a*b+c, row mean and
/// matmul on every available device and a plain serial loop, every result checked.
#[derive(Debug, Parser)]
#[command(name = "gpu-bench", version, after_help = AFTER_HELP)]
pub struct Cli {
    /// Operations to run, comma-separated: dot, sum, fma (a*b+c), row_mean, matmul.
    #[arg(long, value_delimiter = ',', default_value = "dot,sum,fma,row_mean,matmul")]
    pub ops: Vec<String>,

    /// Sizes, comma-separated, for every op ("1e5,1e6"), or for one op
    /// ("matmul=256,512"); repeatable. Vector ops take element counts (1e6, 10M,
    /// 100k); row_mean takes N or RxC; matmul takes N or MxKxN.
    #[arg(long)]
    pub sizes: Vec<String>,

    /// Devices besides the serial loop and the cpu backend (always measured):
    /// "auto" (best wgpu adapter + every CUDA device), "all" (every adapter), or a list
    /// such as "wgpu,cuda:1".
    #[arg(long, default_value = "auto")]
    pub devices: String,

    /// Element type.
    #[arg(long, value_enum, default_value = "f32")]
    pub dtype: DtypeArg,

    /// Timed runs per mode (default: 3 quick, 5 default, 7 full).
    #[arg(long)]
    pub repeat: Option<usize>,

    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,

    /// Write the output to FILE instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Also draw time against size per device (log axes) to FILE.svg or FILE.png.
    #[arg(long, value_name = "FILE")]
    pub plot: Option<PathBuf>,

    /// Small sizes, 3 runs: a smoke test in seconds.
    #[arg(long, conflicts_with = "full")]
    pub quick: bool,

    /// Five sizes per op up to 100M elements and 2048 matmul, 7 runs: minutes.
    #[arg(long)]
    pub full: bool,

    /// No progress bar.
    #[arg(long)]
    pub no_progress: bool,

    /// Test hook (hidden): a deliberate fault, `wrong-result:DEVICE` or `impossible-time:DEVICE`.
    #[arg(long, hide = true)]
    pub inject_fault: Option<String>,
}

const AFTER_HELP: &str = "\
Times: 'first' is the first call (compilation, allocation) and is not in the statistics;
'res' = device-resident (op + synchronize on data already on the device); 'e2e' =
end-to-end (host data uploaded, op, result downloaded). Every result is compared with
the cpu backend's; a mismatch fails the run (exit 2). Figures above a device's physical
ceiling are rejected as measurement errors (exit 3).";

impl Cli {
    /// The mode chosen by `--quick`/`--full`.
    pub fn mode(&self) -> Mode {
        if self.quick {
            Mode::Quick
        } else if self.full {
            Mode::Full
        } else {
            Mode::Default
        }
    }

    /// The run configuration these arguments describe.
    ///
    /// # Errors
    /// [`BenchError::Config`] for an unknown op, an unreadable size or fault, or
    /// `--repeat 0`.
    pub fn config(&self) -> Result<Config, BenchError> {
        let mode = self.mode();
        let mut ops = Vec::new();
        for name in self.ops.iter().filter(|s| !s.trim().is_empty()) {
            let op = Op::parse(name)?;
            if !ops.contains(&op) {
                ops.push(op);
            }
        }
        if ops.is_empty() {
            return Err(BenchError::Config("--ops: no operation given".into()));
        }
        let sizes = parse_sizes(&self.sizes, &ops)?;
        let mut config = Config::new(mode).with_cases(&ops, |op| sizes.get(&op).cloned());
        config.devices = match self.devices.trim().to_ascii_lowercase().as_str() {
            "auto" | "" => DeviceSelection::Auto,
            "all" => DeviceSelection::All,
            _ => DeviceSelection::List(self.devices.split(',').map(|s| s.trim().to_string()).collect()),
        };
        config.dtype = match self.dtype {
            DtypeArg::F32 => DType::F32,
            DtypeArg::F64 => DType::F64,
        };
        if let Some(r) = self.repeat {
            if r == 0 {
                return Err(BenchError::Config("--repeat must be at least 1".into()));
            }
            config.repeat = r;
        }
        config.fault = self.inject_fault.as_deref().map(Fault::parse).transpose()?;
        config.progress = !self.no_progress;
        Ok(config)
    }
}

/// `--sizes` values: "1e5,1e6" applies to every op in `ops`; "op=…" to that op only
/// (and wins over a general list).
fn parse_sizes(specs: &[String], ops: &[Op]) -> Result<BTreeMap<Op, Vec<Size>>, BenchError> {
    let mut general: BTreeMap<Op, Vec<Size>> = BTreeMap::new();
    let mut specific: BTreeMap<Op, Vec<Size>> = BTreeMap::new();
    for spec in specs {
        match spec.split_once('=') {
            Some((op, list)) => {
                let op = Op::parse(op)?;
                let sizes = list.split(',').map(|s| Size::parse(op, s)).collect::<Result<Vec<_>, _>>()?;
                specific.entry(op).or_default().extend(sizes);
            }
            None => {
                for &op in ops {
                    let sizes = spec.split(',').map(|s| Size::parse(op, s)).collect::<Result<Vec<_>, _>>()?;
                    general.entry(op).or_default().extend(sizes);
                }
            }
        }
    }
    general.extend(specific);
    Ok(general)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::Case;

    #[test]
    fn flags_become_a_config() {
        let cli = Cli::try_parse_from([
            "gpu-bench",
            "--ops",
            "dot,matmul",
            "--sizes",
            "1e3,1e4",
            "--sizes",
            "matmul=32",
            "--dtype",
            "f64",
            "--repeat",
            "2",
            "--quick",
            "--devices",
            "wgpu",
        ])
        .unwrap();
        let c = cli.config().unwrap();
        assert_eq!(c.mode, Mode::Quick);
        assert_eq!(c.repeat, 2);
        assert_eq!(c.dtype, DType::F64);
        assert_eq!(c.devices, DeviceSelection::List(vec!["wgpu".into()]));
        assert_eq!(
            c.cases,
            vec![
                Case { op: Op::Dot, size: Size::Vector(1000) },
                Case { op: Op::Dot, size: Size::Vector(10_000) },
                Case { op: Op::Matmul, size: Size::Matmul { m: 32, k: 32, n: 32 } },
            ]
        );
    }

    #[test]
    fn defaults_are_three_sizes_of_every_op() {
        let c = Cli::try_parse_from(["gpu-bench"]).unwrap().config().unwrap();
        assert_eq!(c.mode, Mode::Default);
        assert_eq!(c.cases.len(), 15);
        assert_eq!(c.repeat, 5);
        assert!(Cli::try_parse_from(["gpu-bench", "--quick", "--full"]).is_err());
        assert!(Cli::try_parse_from(["gpu-bench", "--ops", "fft"]).unwrap().config().is_err());
        assert!(Cli::try_parse_from(["gpu-bench", "--repeat", "0"]).unwrap().config().is_err());
    }
}
