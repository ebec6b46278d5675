//! # gpu-bench — honest CPU-vs-GPU comparisons of the `gpu` crate
//!
//! `cargo run --release --bin gpu-bench` measures dot, sum, `a*b+c`, row mean and
//! matmul at three sizes on every available device (the CPU backend, wgpu, CUDA) and on
//! a plain serial Rust loop, and prints one table: first-call time, median and minimum
//! of N synchronised runs both device-resident and end to end (host data in, host
//! result out), GB/s or GFLOP/s, speedups, the CPU backend's parallel efficiency and
//! the size from which each device beats the CPU backend.
//!
//! Two rules make the figures trustworthy:
//! - every result is compared with the CPU backend's ([`checks::compare`]) before its
//!   time counts; a mismatch is reported loudly and the process exits non-zero;
//! - a figure above the device's physical ceiling ([`ceiling`]) is a measurement error
//!   and is rejected ([`checks::guard`]) instead of printed.
//!
//! The binary is a thin wrapper: [`cli::Cli`] → [`run::Config`] → [`run::run`] →
//! [`report::Report`], rendered by [`table`], [`json`] and [`plot`].
//!
//! ```no_run
//! use gpu_bench::{run, table};
//! let config = run::Config::quick();
//! let report = run::run(&config)?;
//! println!("{}", table::render(&report));
//! assert!(report.failures().is_empty());
//! # Ok::<(), gpu_bench::BenchError>(())
//! ```
#![warn(missing_docs)]
#![deny(clippy::unwrap_used, clippy::expect_used)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod cases;
pub mod ceiling;
pub mod checks;
pub mod cli;
pub mod json;
pub mod measure;
pub mod plot;
pub mod report;
pub mod run;
pub mod table;

use std::fmt;

/// Everything that stops a benchmark run as a whole (per-case failures — mismatches,
/// rejected figures, device errors — are recorded in the [`report::Report`] instead).
#[derive(Debug)]
#[non_exhaustive]
pub enum BenchError {
    /// A command-line value that cannot be used (the message says which and why).
    Config(String),
    /// An error from the `gpu` library outside any single measurement.
    Gpu(gpu::Error),
    /// Writing the output or the chart failed.
    Io {
        /// The file being written.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// Drawing the chart failed.
    Plot(String),
}

impl fmt::Display for BenchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BenchError::Config(m) => write!(f, "{m}"),
            BenchError::Gpu(e) => write!(f, "{e}"),
            BenchError::Io { path, source } => write!(f, "cannot write {path}: {source}"),
            BenchError::Plot(m) => write!(f, "cannot draw the chart: {m}"),
        }
    }
}

impl std::error::Error for BenchError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BenchError::Gpu(e) => Some(e),
            BenchError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl From<gpu::Error> for BenchError {
    fn from(e: gpu::Error) -> Self {
        BenchError::Gpu(e)
    }
}
