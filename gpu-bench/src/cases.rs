//! The benchmark cases: the operations, their sizes, the work each one does (bytes,
//! FLOPs), and how it runs on a device and as a plain serial loop.

use std::fmt;
use std::ops::{Add, AddAssign, Mul};

use serde::Serialize;

use crate::BenchError;
use gpu::{random, Array, Device, Float};

/// The element types the benchmark runs (f32, f64): `gpu::Float` plus the arithmetic
/// the serial loops need.
pub trait BenchFloat: Float + Add<Output = Self> + Mul<Output = Self> + AddAssign {}
impl BenchFloat for f32 {}
impl BenchFloat for f64 {}

/// A benchmarked operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// `gpu::dot(a, b)` of two vectors (a 0-d result).
    Dot,
    /// `a.sum()` of one vector.
    Sum,
    /// `a*b+c` elementwise into a new vector (two kernels; the temporary is reused).
    Fma,
    /// `a.mean_axis(1)`: the mean of each row of a matrix (an axis reduction).
    RowMean,
    /// `gpu::matmul(a, b)` of two matrices.
    Matmul,
}

impl Op {
    /// Every operation, in table order.
    pub const ALL: [Op; 5] = [Op::Dot, Op::Sum, Op::Fma, Op::RowMean, Op::Matmul];

    /// The name used on the command line, in JSON and CSV.
    pub fn id(self) -> &'static str {
        match self {
            Op::Dot => "dot",
            Op::Sum => "sum",
            Op::Fma => "fma",
            Op::RowMean => "row_mean",
            Op::Matmul => "matmul",
        }
    }

    /// The name shown in the table.
    pub fn label(self) -> &'static str {
        match self {
            Op::Fma => "a*b+c",
            op => op.id(),
        }
    }

    /// Parses an operation name (`dot`, `sum`, `fma` or `a*b+c`, `row_mean`, `matmul`).
    ///
    /// # Errors
    /// [`BenchError::Config`] naming the valid names.
    pub fn parse(s: &str) -> Result<Op, BenchError> {
        match s.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "dot" => Ok(Op::Dot),
            "sum" => Ok(Op::Sum),
            "fma" | "a*b+c" | "axpy" => Ok(Op::Fma),
            "row_mean" | "rowmean" | "mean" => Ok(Op::RowMean),
            "matmul" | "gemm" => Ok(Op::Matmul),
            other => Err(BenchError::Config(format!(
                "unknown op {other:?}: expected dot, sum, fma (a*b+c), row_mean or matmul"
            ))),
        }
    }

    /// What the size parameters mean, for axis labels.
    pub fn size_meaning(self) -> &'static str {
        match self {
            Op::Dot | Op::Sum | Op::Fma => "elements per vector",
            Op::RowMean => "matrix elements (rows x cols)",
            Op::Matmul => "N (N x N times N x N)",
        }
    }

    /// The sizes run by default (three per op, chosen so the default run stays under a
    /// minute on a 2-core machine with a software GPU), by `--quick` and by `--full`.
    pub fn sizes(self, mode: Mode) -> Vec<Size> {
        let v = |ns: &[usize]| ns.iter().map(|&n| Size::Vector(n)).collect();
        let m = |ns: &[usize]| ns.iter().map(|&n| Size::Matrix { rows: n, cols: n }).collect();
        let g = |ns: &[usize]| ns.iter().map(|&n| Size::Matmul { m: n, k: n, n }).collect();
        match (self, mode) {
            (Op::Dot | Op::Sum | Op::Fma, Mode::Quick) => v(&[10_000, 100_000, 1_000_000]),
            (Op::Dot | Op::Sum | Op::Fma, Mode::Default) => v(&[100_000, 1_000_000, 10_000_000]),
            (Op::Dot | Op::Sum | Op::Fma, Mode::Full) => v(&[10_000, 100_000, 1_000_000, 10_000_000, 100_000_000]),
            (Op::RowMean, Mode::Quick) => m(&[64, 256, 1024]),
            (Op::RowMean, Mode::Default) => m(&[256, 1024, 4096]),
            (Op::RowMean, Mode::Full) => m(&[256, 1024, 4096, 10_000]),
            (Op::Matmul, Mode::Quick) => g(&[64, 128, 256]),
            (Op::Matmul, Mode::Default) => g(&[256, 512, 1024]),
            (Op::Matmul, Mode::Full) => g(&[128, 256, 512, 1024, 2048]),
        }
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// How much to run: `--quick`, the default, or `--full`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Small sizes, 3 runs each: a smoke test in seconds.
    Quick,
    /// Three sizes per op, 5 runs each: under a minute on a 2-core machine.
    Default,
    /// Five sizes per op up to 100M elements and 2048² matmul, 7 runs: minutes.
    Full,
}

impl Mode {
    /// Runs per measurement unless `--repeat` says otherwise.
    pub fn repeat(self) -> usize {
        match self {
            Mode::Quick => 3,
            Mode::Default => 5,
            Mode::Full => 7,
        }
    }
}

/// The size parameters of one case; which variant applies depends on the [`Op`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Size {
    /// A vector of `n` elements (dot, sum, a*b+c).
    Vector(usize),
    /// A `rows x cols` matrix (row mean).
    Matrix {
        /// Number of rows (= number of results).
        rows: usize,
        /// Number of columns (= length of each reduction).
        cols: usize,
    },
    /// `[m, k] x [k, n]` (matmul).
    Matmul {
        /// Rows of the left operand and the result.
        m: usize,
        /// The contracted dimension.
        k: usize,
        /// Columns of the right operand and the result.
        n: usize,
    },
}

impl Size {
    /// Parses one size for `op`: a count (`1e6`, `10M`, `100k`, `1_000_000`) for the
    /// vector ops; `N` or `RxC` for row_mean; `N` or `MxKxN` for matmul.
    ///
    /// # Errors
    /// [`BenchError::Config`] for anything else, or a zero dimension.
    pub fn parse(op: Op, s: &str) -> Result<Size, BenchError> {
        let parts = s.split(['x', 'X', '*']).map(parse_count).collect::<Result<Vec<_>, _>>()?;
        let bad = || BenchError::Config(format!("size {s:?} does not fit {}: {}", op.id(), op.size_meaning()));
        let size = match (op, parts.as_slice()) {
            (Op::Dot | Op::Sum | Op::Fma, &[n]) => Size::Vector(n),
            (Op::RowMean, &[n]) => Size::Matrix { rows: n, cols: n },
            (Op::RowMean, &[rows, cols]) => Size::Matrix { rows, cols },
            (Op::Matmul, &[n]) => Size::Matmul { m: n, k: n, n },
            (Op::Matmul, &[m, k, n]) => Size::Matmul { m, k, n },
            _ => return Err(bad()),
        };
        if size.dims().contains(&0) {
            return Err(BenchError::Config(format!("size {s:?}: every dimension must be at least 1")));
        }
        Ok(size)
    }

    /// The size parameters: `[n]`, `[rows, cols]` or `[m, k, n]`.
    pub fn dims(&self) -> Vec<usize> {
        match *self {
            Size::Vector(n) => vec![n],
            Size::Matrix { rows, cols } => vec![rows, cols],
            Size::Matmul { m, k, n } => vec![m, k, n],
        }
    }

    /// One number that grows with the work, for ordering sizes and for plot axes:
    /// elements for vectors and matrices, the side N for (cubic) matmuls.
    pub fn scale(&self) -> f64 {
        match *self {
            Size::Vector(n) => n as f64,
            Size::Matrix { rows, cols } => (rows * cols) as f64,
            Size::Matmul { m, k, n } => ((m * k * n) as f64).cbrt(),
        }
    }

    /// A compact label: `10M`, `100k`, `4096x4096`, `512x512x512`.
    pub fn label(&self) -> String {
        self.dims().iter().map(|&d| count_label(d)).collect::<Vec<_>>().join("x")
    }
}

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

/// `10M`, `100k`, `4096`: exact multiples of a million or thousand are abbreviated.
pub fn count_label(n: usize) -> String {
    match n {
        n if n >= 1_000_000 && n % 1_000_000 == 0 => format!("{}M", n / 1_000_000),
        n if n >= 10_000 && n % 1_000 == 0 => format!("{}k", n / 1_000),
        n => n.to_string(),
    }
}

/// Parses `1000000`, `1_000_000`, `1e6`, `10M`, `100k`, `2G`.
///
/// # Errors
/// [`BenchError::Config`] for anything else.
pub fn parse_count(s: &str) -> Result<usize, BenchError> {
    let t = s.trim().replace('_', "");
    let err = || BenchError::Config(format!("cannot read {s:?} as a size (examples: 1000000, 1e6, 10M, 100k)"));
    let (num, mult) = match t.chars().last() {
        Some('k' | 'K') => (&t[..t.len() - 1], 1e3),
        Some('m' | 'M') => (&t[..t.len() - 1], 1e6),
        Some('g' | 'G') => (&t[..t.len() - 1], 1e9),
        _ => (t.as_str(), 1.0),
    };
    let v: f64 = num.parse().map_err(|_| err())?;
    let v = v * mult;
    if !v.is_finite() || v < 0.0 || v.fract() != 0.0 || v > 1e15 {
        return Err(err());
    }
    Ok(v as usize)
}

/// Whether a case's figure of merit is bandwidth (GB/s) or arithmetic (GFLOP/s).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Memory-bound: GB/s of logical bytes read and written.
    Bandwidth,
    /// Compute-bound: GFLOP/s.
    Flops,
}

/// One operation at one size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Case {
    /// The operation.
    pub op: Op,
    /// Its size.
    pub size: Size,
}

impl Case {
    /// The shapes of the inputs, in argument order.
    pub fn input_shapes(&self) -> Vec<Vec<usize>> {
        match self.size {
            Size::Vector(n) => match self.op {
                Op::Sum => vec![vec![n]],
                Op::Fma => vec![vec![n]; 3],
                _ => vec![vec![n]; 2],
            },
            Size::Matrix { rows, cols } => vec![vec![rows, cols]],
            Size::Matmul { m, k, n } => vec![vec![m, k], vec![k, n]],
        }
    }

    /// Number of result elements.
    pub fn output_len(&self) -> usize {
        match (self.op, self.size) {
            (Op::Fma, Size::Vector(n)) => n,
            (_, Size::Vector(_)) => 1,
            (_, Size::Matrix { rows, .. }) => rows,
            (_, Size::Matmul { m, n, .. }) => m * n,
        }
    }

    /// Logical bytes moved: every input read once and the result written once (what
    /// GB/s is computed from; caches and write-allocate traffic are not counted).
    pub fn bytes(&self, elem_bytes: usize) -> u64 {
        let inputs: usize = self.input_shapes().iter().map(|s| s.iter().product::<usize>()).sum();
        ((inputs + self.output_len()) * elem_bytes) as u64
    }

    /// Floating-point operations (a multiply-add counts as two).
    pub fn flops(&self) -> u64 {
        let f = match self.size {
            Size::Vector(n) => match self.op {
                Op::Sum => n,
                _ => 2 * n,
            },
            Size::Matrix { rows, cols } => rows * cols,
            Size::Matmul { m, k, n } => 2 * m * k * n,
        };
        f as u64
    }

    /// The figure of merit: GFLOP/s for matmul, GB/s for the rest.
    pub fn metric(&self) -> Metric {
        match self.op {
            Op::Matmul => Metric::Flops,
            _ => Metric::Bandwidth,
        }
    }

    /// The number of terms summed into each result element (for tolerances).
    pub fn reduction_len(&self) -> usize {
        match (self.op, self.size) {
            (Op::Fma, _) => 1,
            (_, Size::Vector(n)) => n,
            (_, Size::Matrix { cols, .. }) => cols,
            (_, Size::Matmul { k, .. }) => k,
        }
    }

    /// Seeded uniform inputs on `[0, 1)`, generated by the CPU backend and copied to
    /// host vectors. Non-negative data keeps every result well conditioned, so a
    /// relative tolerance is meaningful.
    ///
    /// # Errors
    /// Allocation failures.
    pub fn host_inputs<T: BenchFloat>(&self, seed: u64) -> gpu::Result<Vec<Vec<T>>> {
        let cpu = Device::cpu();
        let mut out = Vec::new();
        for (i, shape) in self.input_shapes().into_iter().enumerate() {
            out.push(random::uniform::<T>(shape, T::ZERO, T::ONE, seed + i as u64, &cpu)?.to_vec()?);
        }
        Ok(out)
    }

    /// Uploads host inputs to `device` (the CPU backend wraps them).
    ///
    /// # Errors
    /// Transfer or allocation failures.
    pub fn upload<T: BenchFloat>(&self, host: &[Vec<T>], device: &Device) -> gpu::Result<Vec<Array<T>>> {
        host.iter().zip(self.input_shapes()).map(|(h, shape)| Array::from_slice(h, shape)?.to(device)).collect()
    }

    /// Runs the operation on arrays that live on one device; the result stays there
    /// (call `synchronize` to wait for it).
    ///
    /// # Errors
    /// The library's errors (out of memory, device lost …).
    pub fn run<T: BenchFloat>(&self, inputs: &[Array<T>]) -> gpu::Result<Array<T>> {
        let arg = |i: usize| {
            inputs.get(i).ok_or_else(|| gpu::Error::InvalidArgument {
                op: "gpu-bench",
                reason: format!("{} needs {} inputs, got {}", self.op.id(), i + 1, inputs.len()),
            })
        };
        match self.op {
            Op::Dot => gpu::dot(arg(0)?, arg(1)?),
            Op::Sum => arg(0)?.sum(),
            Op::Fma => {
                // What `&a * &b + &c` does: the product is a fresh array owned here, so
                // the addition writes into it instead of allocating again.
                let mut t = arg(0)?.mul(arg(1)?)?;
                t.add_assign_(arg(2)?)?;
                Ok(t)
            }
            Op::RowMean => arg(0)?.mean_axis(1, false),
            Op::Matmul => gpu::matmul(arg(0)?, arg(1)?),
        }
    }

    /// The same operation as a plain serial Rust loop over host slices: one thread, no
    /// library. Reductions keep eight f64 partial sums (accurate, and lets the compiler
    /// vectorise); `a*b+c` and matmul (i-k-j loop order) compute in `T`.
    pub fn run_serial<T: BenchFloat>(&self, host: &[Vec<T>]) -> Vec<T> {
        let empty = Vec::new();
        let x = |i: usize| host.get(i).unwrap_or(&empty).as_slice();
        match self.size {
            Size::Vector(_) => match self.op {
                Op::Dot => vec![T::from_f64(serial_dot(x(0), x(1)))],
                Op::Fma => x(0).iter().zip(x(1)).zip(x(2)).map(|((&a, &b), &c)| a * b + c).collect(),
                _ => vec![T::from_f64(serial_sum(x(0)))],
            },
            Size::Matrix { cols, .. } => {
                x(0).chunks_exact(cols.max(1)).map(|row| T::from_f64(serial_sum(row) / cols as f64)).collect()
            }
            Size::Matmul { m, k, n } => serial_matmul(x(0), x(1), m, k, n),
        }
    }
}

impl fmt::Display for Case {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.op.label(), self.size.label())
    }
}

fn serial_sum<T: BenchFloat>(x: &[T]) -> f64 {
    let mut acc = [0.0f64; 8];
    let chunks = x.chunks_exact(8);
    let tail: f64 = chunks.remainder().iter().map(|v| v.to_f64()).sum();
    for c in chunks {
        for (a, v) in acc.iter_mut().zip(c) {
            *a += v.to_f64();
        }
    }
    acc.iter().sum::<f64>() + tail
}

fn serial_dot<T: BenchFloat>(x: &[T], y: &[T]) -> f64 {
    let mut acc = [0.0f64; 8];
    let (cx, cy) = (x.chunks_exact(8), y.chunks_exact(8));
    let tail: f64 = cx.remainder().iter().zip(cy.remainder()).map(|(a, b)| a.to_f64() * b.to_f64()).sum();
    for (a8, b8) in cx.zip(cy) {
        for ((s, a), b) in acc.iter_mut().zip(a8).zip(b8) {
            *s += a.to_f64() * b.to_f64();
        }
    }
    acc.iter().sum::<f64>() + tail
}

fn serial_matmul<T: BenchFloat>(a: &[T], b: &[T], m: usize, k: usize, n: usize) -> Vec<T> {
    let mut c = vec![T::ZERO; m * n];
    if n == 0 {
        return c;
    }
    for (crow, arow) in c.chunks_exact_mut(n).zip(a.chunks_exact(k.max(1))) {
        for (&aip, brow) in arow.iter().zip(b.chunks_exact(n)) {
            for (cij, &bpj) in crow.iter_mut().zip(brow) {
                *cij += aip * bpj;
            }
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_parse_with_suffixes() {
        assert_eq!(parse_count("1e6").unwrap(), 1_000_000);
        assert_eq!(parse_count("10M").unwrap(), 10_000_000);
        assert_eq!(parse_count("100k").unwrap(), 100_000);
        assert_eq!(parse_count("1_000").unwrap(), 1000);
        assert!(parse_count("1.5").is_err());
        assert!(parse_count("ten").is_err());
    }

    #[test]
    fn sizes_parse_per_op() {
        assert_eq!(Size::parse(Op::Dot, "1e5").unwrap(), Size::Vector(100_000));
        assert_eq!(Size::parse(Op::RowMean, "300x200").unwrap(), Size::Matrix { rows: 300, cols: 200 });
        assert_eq!(Size::parse(Op::Matmul, "64").unwrap(), Size::Matmul { m: 64, k: 64, n: 64 });
        assert!(Size::parse(Op::Dot, "3x3").is_err());
        assert!(Size::parse(Op::Matmul, "0").is_err());
        assert_eq!(Size::Matmul { m: 512, k: 512, n: 512 }.label(), "512x512x512");
        assert_eq!(Size::Vector(10_000_000).label(), "10M");
    }

    #[test]
    fn serial_loops_match_the_cpu_backend() {
        for case in [
            Case { op: Op::Dot, size: Size::Vector(1001) },
            Case { op: Op::Sum, size: Size::Vector(1001) },
            Case { op: Op::Fma, size: Size::Vector(37) },
            Case { op: Op::RowMean, size: Size::Matrix { rows: 7, cols: 33 } },
            Case { op: Op::Matmul, size: Size::Matmul { m: 5, k: 9, n: 6 } },
        ] {
            let host = case.host_inputs::<f64>(3).unwrap();
            let dev = case.run(&case.upload(&host, &Device::cpu()).unwrap()).unwrap().to_vec().unwrap();
            let ser = case.run_serial(&host);
            assert_eq!(dev.len(), case.output_len(), "{case}");
            for (a, b) in dev.iter().zip(&ser) {
                assert!((a - b).abs() <= 1e-12 * b.abs().max(1.0), "{case}: {a} vs {b}");
            }
        }
    }
}
