//! The measurement protocol: how one case is timed on one device.
//!
//! On a device:
//! 1. the inputs are uploaded (untimed);
//! 2. **first call**: one run timed on its own — pipeline compilation, pool misses
//!    and page faults land here, reported in their own column and excluded from the
//!    statistics;
//! 3. **device-resident**: one untimed warm-up, then N runs of the op alone on the uploaded inputs, each ended
//!    by `Device::synchronize`, so the time covers the kernels and nothing else;
//! 4. **end-to-end**: one untimed warm-up, then N runs of host slices → arrays on the
//!    device (`Array::from_slice(..).to(&dev)`) → op → result back on the host
//!    (`to_vec`), i.e. what a program holding host data pays, transfers included.
//!
//! Every result of every run is downloaded (outside the timed region for resident
//! runs) and checked by a [`Verifier`] before the run's time is kept.

use std::fmt;
use std::time::Instant;

use gpu::Device;

use crate::cases::{BenchFloat, Case};
use crate::checks::{Mismatch, Verifier};

/// The times of N runs, in milliseconds.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Timing {
    /// Each run's wall time in ms, in run order.
    pub runs_ms: Vec<f64>,
}

impl Timing {
    /// The median run (mean of the two middle runs for an even count; NaN when empty).
    pub fn median(&self) -> f64 {
        let mut v = self.runs_ms.clone();
        v.sort_by(f64::total_cmp);
        match v.len() {
            0 => f64::NAN,
            n if n % 2 == 1 => v[n / 2],
            n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
        }
    }

    /// The fastest run (NaN when empty).
    pub fn min(&self) -> f64 {
        self.runs_ms.iter().copied().reduce(f64::min).unwrap_or(f64::NAN)
    }

    /// Every run multiplied by `factor` (the fault-injection hook).
    pub fn scaled(&self, factor: f64) -> Timing {
        Timing { runs_ms: self.runs_ms.iter().map(|t| t * factor).collect() }
    }
}

/// One case measured on one device.
#[derive(Debug, Clone, PartialEq)]
pub struct Measurement {
    /// The first call, in ms (`None` for the serial loop, which has nothing to set up).
    pub first_ms: Option<f64>,
    /// Device-resident runs.
    pub resident: Timing,
    /// End-to-end runs (equal to `resident` for the serial loop, whose data is already
    /// on the host).
    pub end_to_end: Timing,
    /// Largest relative error against the reference over every run.
    pub max_rel_error: f64,
}

/// Why a measurement produced no figures.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// The library returned an error.
    Gpu(gpu::Error),
    /// A result differed from the reference.
    Mismatch {
        /// Which run: `"first call"`, `"device-resident run 3"` …
        run: String,
        /// The difference.
        mismatch: Mismatch,
    },
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Gpu(e) => write!(f, "error: {e}"),
            Failure::Mismatch { run, mismatch } => write!(f, "{run}: {mismatch}"),
        }
    }
}

impl From<gpu::Error> for Failure {
    fn from(e: gpu::Error) -> Self {
        Failure::Gpu(e)
    }
}

fn elapsed_ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

fn checked<T>(v: &mut Verifier<'_, T>, run: String, result: Vec<T>) -> Result<(), Failure>
where
    T: BenchFloat,
{
    v.check(result).map_err(|mismatch| Failure::Mismatch { run, mismatch })
}

/// Measures `case` on `device` with `repeat` runs per mode (see the module docs).
///
/// # Errors
/// The first library error or mismatching result.
pub fn measure_device<T: BenchFloat>(
    case: &Case,
    device: &Device,
    host: &[Vec<T>],
    repeat: usize,
    verifier: &mut Verifier<'_, T>,
) -> Result<Measurement, Failure> {
    let inputs = case.upload(host, device)?;
    device.synchronize()?;

    let t = Instant::now();
    let r = case.run(&inputs)?;
    device.synchronize()?;
    let first_ms = elapsed_ms(t);
    checked(verifier, "first call".into(), r.to_vec()?)?;
    // One more untimed run: lazily created state (second-pass pipelines, pooled
    // buffers of the result's size class) must not land in the statistics either.
    let r = case.run(&inputs)?;
    device.synchronize()?;
    checked(verifier, "device-resident warm-up".into(), r.to_vec()?)?;

    let mut resident = Timing::default();
    for i in 0..repeat {
        let t = Instant::now();
        let r = case.run(&inputs)?;
        device.synchronize()?;
        let ms = elapsed_ms(t);
        checked(verifier, format!("device-resident run {}", i + 1), r.to_vec()?)?;
        resident.runs_ms.push(ms);
    }
    drop(inputs);

    let end_to_end_run = || -> gpu::Result<(f64, Vec<T>)> {
        let t = Instant::now();
        let inputs = case.upload(host, device)?;
        let out = case.run(&inputs)?.to_vec()?;
        Ok((elapsed_ms(t), out))
    };
    let (_, warm) = end_to_end_run()?;
    checked(verifier, "end-to-end warm-up".into(), warm)?;
    let mut end_to_end = Timing::default();
    for i in 0..repeat {
        let (ms, out) = end_to_end_run()?;
        checked(verifier, format!("end-to-end run {}", i + 1), out)?;
        end_to_end.runs_ms.push(ms);
    }
    Ok(Measurement { first_ms: Some(first_ms), resident, end_to_end, max_rel_error: verifier.worst })
}

/// Measures the plain serial loop: one untimed warm-up, then `repeat` timed runs, each
/// result checked.
///
/// # Errors
/// The first mismatching result.
pub fn measure_serial<T: BenchFloat>(
    case: &Case,
    host: &[Vec<T>],
    repeat: usize,
    verifier: &mut Verifier<'_, T>,
) -> Result<Measurement, Failure> {
    checked(verifier, "serial warm-up".into(), case.run_serial(host))?;
    let mut timing = Timing::default();
    for i in 0..repeat {
        let t = Instant::now();
        let out = std::hint::black_box(case.run_serial(std::hint::black_box(host)));
        let ms = elapsed_ms(t);
        checked(verifier, format!("serial run {}", i + 1), out)?;
        timing.runs_ms.push(ms);
    }
    Ok(Measurement { first_ms: None, resident: timing.clone(), end_to_end: timing, max_rel_error: verifier.worst })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::{Op, Size};

    #[test]
    fn median_and_min() {
        let t = Timing { runs_ms: vec![3.0, 1.0, 2.0, 10.0] };
        assert_eq!(t.median(), 2.5);
        assert_eq!(t.min(), 1.0);
        assert_eq!(Timing { runs_ms: vec![5.0, 1.0, 4.0] }.median(), 4.0);
        assert!(Timing::default().median().is_nan());
        assert_eq!(t.scaled(2.0).min(), 2.0);
    }

    #[test]
    fn cpu_measurement_sets_the_reference_and_checks_every_run() {
        let case = Case { op: Op::Dot, size: Size::Vector(1000) };
        let host = case.host_inputs::<f32>(1).unwrap();
        let mut reference = None;
        let mut v = Verifier::new(&mut reference, 1e-5, None, "cpu");
        let m = measure_device(&case, &Device::cpu(), &host, 3, &mut v).unwrap();
        assert_eq!(m.resident.runs_ms.len(), 3);
        assert_eq!(m.end_to_end.runs_ms.len(), 3);
        assert!(m.first_ms.is_some());
        assert!(reference.is_some());
        let mut v = Verifier::new(&mut reference, 1e-5, None, "serial");
        assert!(measure_serial(&case, &host, 2, &mut v).is_ok());
    }
}
