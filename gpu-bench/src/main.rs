//! `gpu-bench`: see the library docs (`gpu_bench`) and `gpu-bench --help`.
//!
//! Exit status: 0 when every result matched and every figure is possible; 1 for a
//! usage or library error; 2 when a result differed from the cpu backend's; 3 when a
//! figure was rejected as a measurement error.
#![deny(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use gpu_bench::cli::{Cli, Format};
use gpu_bench::{json, plot, run, table, BenchError};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match bench(&cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("gpu-bench: {e}");
            ExitCode::from(1)
        }
    }
}

fn bench(cli: &Cli) -> Result<u8, BenchError> {
    let config = cli.config()?;
    if let Some(path) = &cli.plot {
        plot::check_path(path)?;
    }
    let report = run::run(&config)?;
    let text = match cli.format {
        Format::Table => table::render(&report),
        Format::Json => json::to_json(&report) + "\n",
        Format::Csv => table::csv(&report),
    };
    match &cli.out {
        Some(path) => {
            std::fs::write(path, &text)
                .map_err(|source| BenchError::Io { path: path.display().to_string(), source })?;
            eprintln!("gpu-bench: wrote {}", path.display());
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())
                .and_then(|_| out.flush())
                .map_err(|source| BenchError::Io { path: "stdout".into(), source })?;
        }
    }
    if let Some(path) = &cli.plot {
        plot::write_plot(&report, path)?;
        eprintln!("gpu-bench: wrote {}", path.display());
    }
    let failures = report.failures();
    if !failures.is_empty() {
        eprintln!(
            "\ngpu-bench: FAILED — {} of {} measurements have no valid figures:",
            failures.len(),
            report.results.len()
        );
        for r in failures {
            eprintln!("  {}", r.failure_line());
        }
    }
    Ok(report.exit_code())
}
