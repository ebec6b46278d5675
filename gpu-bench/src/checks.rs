//! The two guards on every figure: the result must match the CPU backend's, and the
//! figure must be physically possible. Plus the fault-injection hook that proves both
//! guards fire.

use std::fmt;

use gpu::{DType, Element};

use crate::cases::{Case, Op};
use crate::ceiling::Ceiling;
use crate::BenchError;

/// Machine epsilon of `dtype` (f64 for anything but f32).
pub fn epsilon(dtype: DType) -> f64 {
    if dtype == DType::F32 {
        f32::EPSILON as f64
    } else {
        f64::EPSILON
    }
}

/// The relative tolerance for comparing two correct implementations of `case`.
///
/// Inputs are non-negative, so relative error is well conditioned. Sums and means are
/// pairwise on every backend (error ~ log2(n)·ε); matmul accumulates K products in
/// some blocked order (typically ~ √K·ε); `a*b+c` differs at most by fused vs separate
/// rounding. Factors leave room for two implementations' errors adding up, while a
/// result missing one block of 256 elements out of 10 million is still caught in f32.
pub fn tolerance(case: &Case, dtype: DType) -> f64 {
    let eps = epsilon(dtype);
    let n = case.reduction_len().max(2) as f64;
    match case.op {
        Op::Fma => 4.0 * eps,
        Op::Dot | Op::Sum | Op::RowMean => 8.0 * eps * n.log2(),
        Op::Matmul => 8.0 * eps * (n.sqrt() + n.log2()),
    }
}

/// A result that differs from the reference: the first element out of tolerance.
#[derive(Debug, Clone, PartialEq)]
pub struct Mismatch {
    /// Index of the first differing element (or the shorter length on a length mismatch).
    pub index: usize,
    /// The value produced.
    pub got: f64,
    /// The reference value.
    pub expected: f64,
    /// `|got - expected| / |expected|` (infinite for NaN or a length mismatch).
    pub rel_error: f64,
    /// The tolerance it exceeded.
    pub tolerance: f64,
    /// Elements produced and expected.
    pub lengths: (usize, usize),
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.lengths.0 != self.lengths.1 {
            return write!(f, "{} result elements where {} were expected", self.lengths.0, self.lengths.1);
        }
        write!(
            f,
            "element {} is {:e}, the reference gives {:e} (relative error {:.2e} > tolerance {:.2e})",
            self.index, self.got, self.expected, self.rel_error, self.tolerance
        )
    }
}

/// Compares `got` with `expected` elementwise: `|g - e| <= tol·|e|`. Returns the
/// largest relative error seen, or the first element that fails (NaN always fails).
///
/// # Errors
/// The first [`Mismatch`].
pub fn compare<T: Element>(got: &[T], expected: &[T], tol: f64) -> Result<f64, Mismatch> {
    if got.len() != expected.len() {
        return Err(Mismatch {
            index: got.len().min(expected.len()),
            got: f64::NAN,
            expected: f64::NAN,
            rel_error: f64::INFINITY,
            tolerance: tol,
            lengths: (got.len(), expected.len()),
        });
    }
    let mut worst = 0.0f64;
    for (i, (g, e)) in got.iter().zip(expected).enumerate() {
        let (g, e) = (g.to_f64(), e.to_f64());
        let diff = (g - e).abs();
        let rel = if diff == 0.0 { 0.0 } else { diff / e.abs().max(f64::MIN_POSITIVE) };
        if rel.is_nan() || rel > tol || (!g.is_finite() && g != e) {
            return Err(Mismatch {
                index: i,
                got: g,
                expected: e,
                rel_error: if rel.is_nan() { f64::INFINITY } else { rel },
                tolerance: tol,
                lengths: (got.len(), expected.len()),
            });
        }
        worst = worst.max(rel);
    }
    Ok(worst)
}

/// Checks each result of one device against the reference, applying an injected
/// fault first. With no reference yet (the CPU backend's first result), the first
/// result checked, uncorrupted, becomes the reference.
#[derive(Debug)]
pub struct Verifier<'a, T> {
    /// The reference result (the CPU backend's first result).
    pub reference: &'a mut Option<Vec<T>>,
    /// Relative tolerance.
    pub tolerance: f64,
    /// Injected fault, if any.
    pub fault: Option<&'a Fault>,
    /// The id of the device whose results are checked.
    pub device_id: &'a str,
    /// Largest relative error seen so far.
    pub worst: f64,
}

impl<'a, T: Element> Verifier<'a, T> {
    /// A verifier for `device_id`'s results.
    pub fn new(
        reference: &'a mut Option<Vec<T>>,
        tolerance: f64,
        fault: Option<&'a Fault>,
        device_id: &'a str,
    ) -> Self {
        Verifier { reference, tolerance, fault, device_id, worst: 0.0 }
    }

    /// Checks one result.
    ///
    /// # Errors
    /// The [`Mismatch`] when it differs from the reference.
    pub fn check(&mut self, mut result: Vec<T>) -> Result<(), Mismatch> {
        if self.reference.is_none() {
            *self.reference = Some(result.clone());
        }
        Fault::corrupt(self.fault, self.device_id, &mut result);
        let reference = self.reference.as_deref().unwrap_or_default();
        self.worst = self.worst.max(compare(&result, reference, self.tolerance)?);
        Ok(())
    }
}

/// A figure above its device's physical ceiling.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejection {
    /// `"GB/s"` or `"GFLOP/s"`.
    pub unit: &'static str,
    /// Which measurement (`"device-resident"` or `"end-to-end"`).
    pub mode: &'static str,
    /// The figure computed from the fastest run.
    pub value: f64,
    /// The ceiling it exceeded.
    pub ceiling: f64,
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {:.1} {} exceeds the device's ceiling of {:.1} {}: a measurement error (unsynchronised \
             device, elided work or a broken clock), not a result",
            self.mode, self.value, self.unit, self.ceiling, self.unit
        )
    }
}

/// Checks the figures of the fastest run against `ceiling`: `bytes` and `flops` done
/// in `min_ms` milliseconds. Matmul is judged by GFLOP/s, the rest by GB/s and GFLOP/s.
///
/// # Errors
/// The first [`Rejection`].
pub fn guard(case: &Case, bytes: u64, min_ms: f64, ceiling: Ceiling, mode: &'static str) -> Result<(), Rejection> {
    let secs = min_ms / 1e3;
    if !secs.is_finite() || secs <= 0.0 {
        return Err(Rejection { unit: "GB/s", mode, value: f64::INFINITY, ceiling: ceiling.gb_per_s });
    }
    let gflops = case.flops() as f64 / secs / 1e9;
    if gflops > ceiling.gflop_per_s {
        return Err(Rejection { unit: "GFLOP/s", mode, value: gflops, ceiling: ceiling.gflop_per_s });
    }
    let gbs = bytes as f64 / secs / 1e9;
    // Matmul reuses each byte K times from cache: its bytes say nothing physical.
    if case.op != Op::Matmul && gbs > ceiling.gb_per_s {
        return Err(Rejection { unit: "GB/s", mode, value: gbs, ceiling: ceiling.gb_per_s });
    }
    Ok(())
}

/// A deliberate fault, for the tests that prove the guards fire (hidden flag
/// `--inject-fault KIND[:DEVICE]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Results from devices whose id starts with `device` are corrupted (element 0
    /// scaled by 1.5) before they are checked, as a buggy kernel would return them.
    WrongResult {
        /// Device id prefix (`cpu`, `wgpu`, `wgpu:0`, `serial`; empty = every device).
        device: String,
    },
    /// Times measured on matching devices are divided by a million, as a missing
    /// synchronisation would make them.
    ImpossibleTime {
        /// Device id prefix, as above.
        device: String,
    },
}

impl Fault {
    /// Parses `wrong-result[:DEVICE]` or `impossible-time[:DEVICE]`.
    ///
    /// # Errors
    /// [`BenchError::Config`] for any other kind.
    pub fn parse(s: &str) -> Result<Fault, BenchError> {
        let (kind, device) = s.split_once(':').map(|(k, d)| (k, d.to_string())).unwrap_or((s, String::new()));
        match kind {
            "wrong-result" => Ok(Fault::WrongResult { device }),
            "impossible-time" => Ok(Fault::ImpossibleTime { device }),
            _ => Err(BenchError::Config(format!(
                "unknown fault {s:?}: expected wrong-result[:DEVICE] or impossible-time[:DEVICE]"
            ))),
        }
    }

    fn matches(device: &str, id: &str) -> bool {
        id.starts_with(device)
    }

    /// Corrupts `result` when this is a wrong-result fault for device `id`.
    pub fn corrupt<T: Element>(fault: Option<&Fault>, id: &str, result: &mut [T]) {
        if let (Some(Fault::WrongResult { device }), Some(first)) = (fault, result.first_mut())
            && Fault::matches(device, id)
        {
            *first = T::from_f64(first.to_f64() * 1.5 + 1.0);
        }
    }

    /// The factor applied to times measured on device `id` (1 without a time fault).
    pub fn time_factor(fault: Option<&Fault>, id: &str) -> f64 {
        match fault {
            Some(Fault::ImpossibleTime { device }) if Fault::matches(device, id) => 1e-6,
            _ => 1.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::Size;

    #[test]
    fn compare_accepts_rounding_and_rejects_a_wrong_element() {
        let e = vec![1.0f32, 2.0, 3.0];
        assert_eq!(compare(&e, &e, 1e-6).unwrap(), 0.0);
        let near = vec![1.0f32 + f32::EPSILON, 2.0, 3.0];
        assert!(compare(&near, &e, 4.0 * f32::EPSILON as f64).is_ok());
        let wrong = vec![1.0f32, 2.0, 3.01];
        let m = compare(&wrong, &e, 1e-5).unwrap_err();
        assert_eq!(m.index, 2);
        assert!(m.to_string().contains("element 2"), "{m}");
        assert!(compare(&[f32::NAN], &[1.0], 1.0).is_err());
        assert!(compare(&[1.0f32], &[1.0, 2.0], 1.0).unwrap_err().to_string().contains("1 result elements"));
    }

    #[test]
    fn f32_tolerance_still_catches_a_missing_block() {
        let case = Case { op: Op::Sum, size: Size::Vector(10_000_000) };
        let tol = tolerance(&case, DType::F32);
        assert!(tol < 256.0 / 10_000_000.0, "{tol}");
        assert!(tol > 50.0 * f32::EPSILON as f64);
    }

    #[test]
    fn guard_rejects_figures_above_the_ceiling() {
        let case = Case { op: Op::Sum, size: Size::Vector(1_000_000) };
        let ceiling = Ceiling { gb_per_s: 100.0, gflop_per_s: 1000.0 };
        // 4 MB in 1 ms = 4 GB/s: fine. In 1 µs = 4000 GB/s: impossible.
        assert!(guard(&case, 4_000_000, 1.0, ceiling, "device-resident").is_ok());
        let r = guard(&case, 4_000_000, 0.001, ceiling, "device-resident").unwrap_err();
        assert_eq!(r.unit, "GB/s");
        assert!(r.to_string().contains("measurement error"), "{r}");
        assert!(guard(&case, 4_000_000, 0.0, ceiling, "end-to-end").is_err());
        let mm = Case { op: Op::Matmul, size: Size::Matmul { m: 1000, k: 1000, n: 1000 } };
        assert_eq!(guard(&mm, 12_000_000, 0.1, ceiling, "device-resident").unwrap_err().unit, "GFLOP/s");
    }

    #[test]
    fn faults_parse_and_apply_to_matching_devices() {
        let f = Fault::parse("wrong-result:wgpu").unwrap();
        let mut r = vec![2.0f64];
        Fault::corrupt(Some(&f), "cpu", &mut r);
        assert_eq!(r, [2.0]);
        Fault::corrupt(Some(&f), "wgpu:0", &mut r);
        assert_eq!(r, [4.0]);
        let t = Fault::parse("impossible-time").unwrap();
        assert_eq!(Fault::time_factor(Some(&t), "serial"), 1e-6);
        assert_eq!(Fault::time_factor(None, "serial"), 1.0);
        assert!(Fault::parse("slow").is_err());
    }
}
