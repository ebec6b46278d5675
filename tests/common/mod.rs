//! Shared test support.
//!
//! - [`device`]: the device of a backend, or `None` with one "skipped" line per test
//!   file when absent — and a failure instead when `GPU_TEST_REQUIRE` names it.
//! - `backend_tests!`: stamps every test body once per backend (cpu, wgpu, cuda).
//! - [`Tol`]/[`Tolerances`]: every tolerance, in one place per dtype.
//! - [`HostNd`]: a naive host array with a reference index mapping, for references.
//! - [`ViewOp`]: one view operation, for the property and fuzz tests of view chains.
#![allow(dead_code)]

use std::collections::HashSet;
use std::io::Write;
use std::sync::Mutex;

use gpu::{Array, Device, Element, Scalar};

/// Whether `GPU_TEST_REQUIRE` (a comma list) names `backend`.
pub fn required(backend: &str) -> bool {
    std::env::var("GPU_TEST_REQUIRE")
        .map(|v| v.split(',').any(|b| b.trim().eq_ignore_ascii_case(backend)))
        .unwrap_or(false)
}

/// The device for `backend` ("cpu", "wgpu", "cuda"). An absent backend fails the test
/// when required, else prints one skip line per (test file, backend) and gives `None`.
pub fn device(backend: &str, tests_in_file: usize, file: &str) -> Option<Device> {
    let r = match backend {
        "cpu" => Ok(Device::cpu()),
        "wgpu" => Device::wgpu(),
        "cuda" => Device::cuda(0),
        other => panic!("unknown backend {other}"),
    };
    match r {
        Ok(d) => Some(d),
        Err(e) => {
            if required(backend) {
                panic!("GPU_TEST_REQUIRE includes {backend}, but no {backend} device is available: {e}");
            }
            static SEEN: Mutex<Option<HashSet<String>>> = Mutex::new(None);
            let mut seen = SEEN.lock().unwrap_or_else(|p| p.into_inner());
            if seen.get_or_insert_with(HashSet::new).insert(format!("{file}:{backend}")) {
                // Raw stderr: the test harness does not capture it, so the line is seen.
                let _ = writeln!(
                    std::io::stderr(),
                    "{}: {tests_in_file} tests skipped — skipped: no {backend} device ({e}) [{file}]",
                    backend.to_uppercase()
                );
            }
            None
        }
    }
}

/// Stamps each `fn name(dev) { body }` (body returns `gpu::Result<()>`) as a test per
/// backend: `cpu::name`, `wgpu::name`, `cuda::name`.
#[macro_export]
macro_rules! backend_tests {
    ($($(#[$attr:meta])* fn $name:ident($dev:ident) $body:block)*) => {
        $crate::backend_tests!(@backend cpu, "cpu", $($(#[$attr])* fn $name($dev) $body)*);
        $crate::backend_tests!(@backend wgpu, "wgpu", $($(#[$attr])* fn $name($dev) $body)*);
        $crate::backend_tests!(@backend cuda, "cuda", $($(#[$attr])* fn $name($dev) $body)*);
    };
    (@backend $m:ident, $b:literal, $($(#[$attr:meta])* fn $name:ident($dev:ident) $body:block)*) => {
        mod $m {
            #[allow(unused_imports)]
            use super::*;
            const TESTS: usize = [$(stringify!($name)),*].len();
            $(
                $(#[$attr])*
                #[test]
                fn $name() -> gpu::Result<()> {
                    let Some(d) = $crate::common::device($b, TESTS, file!()) else { return Ok(()) };
                    #[allow(unused_variables)]
                    let $dev = &d;
                    $body
                }
            )*
        }
    };
}

/// Runs test `name` of this test binary (ignored or not) again in a child process with
/// the environment variable `var` set to `value` (removed for `None`): the variables
/// this crate reads are read once per process, or must not be written while other test
/// threads may read them. Checks that the child ran the one test and passed; returns
/// its stdout and stderr.
pub fn run_in_child(name: &str, var: &str, value: Option<&str>) -> (String, String) {
    let mut cmd = std::process::Command::new(std::env::current_exe().expect("the test binary's path"));
    cmd.args([name, "--exact", "--include-ignored", "--nocapture", "--test-threads=1"]);
    match value {
        Some(v) => cmd.env(var, v),
        None => cmd.env_remove(var),
    };
    let out = cmd.output().expect("run the test binary");
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{name} with {var}={value:?} failed:\n{stdout}\n{stderr}");
    assert!(stdout.contains("1 passed"), "{name} with {var}={value:?} did not run:\n{stdout}");
    (stdout.into_owned(), stderr.into_owned())
}

/// Runs test `name` in a child process whose wgpu device lacks SHADER_F64
/// (`GPU_WGPU_F64=0`, read when a device opens) and checks that it printed `mark`
/// (proof that its f64-less branch ran). A missing wgpu device is the child's to
/// report: it skips, or fails under `GPU_TEST_REQUIRE=wgpu`, and then `mark` is not
/// required.
pub fn run_without_f64(name: &str, mark: &str) {
    let (stdout, stderr) = run_in_child(name, "GPU_WGPU_F64", Some("0"));
    let skipped = stderr.contains("skipped: no wgpu device") && !required("wgpu");
    assert!(skipped || stdout.contains(mark), "{name} without f64 did not print {mark:?}:\n{stdout}\n{stderr}");
}

/// A tolerance `|got − want| ≤ abs + rel·|want|`; `Tol::EXACT` demands bit equality
/// (NaN matches NaN).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tol {
    pub abs: f64,
    pub rel: f64,
}

impl Tol {
    pub const EXACT: Tol = Tol { abs: 0.0, rel: 0.0 };
    pub const fn rel(rel: f64) -> Tol {
        Tol { abs: 0.0, rel }
    }
}

/// Every tolerance the tests use, per dtype. Integers are always exact.
pub trait Tolerances: Element + TestValue {
    /// `+ − ×`, min/max, neg/abs/square/relu, floor/ceil/round, casts, copies.
    const EXACT_OPS: Tol = Tol::EXACT;
    /// `÷`, `%`, sqrt, recip: correctly rounded on CPU, ≤ 2.5 ulp on GPUs.
    const DIVISION: Tol;
    /// exp, ln, sin, cos, tanh, sigmoid, pow: a few ulp apart between libms/GPUs.
    const TRANSCENDENTAL: Tol;
    /// The constant `c` in the pairwise-sum bound `c·log2(n)·eps·Σ|x|`.
    const SUM_C: f64;
    /// Relative tolerance of var/std against a two-pass f64 reference.
    const MOMENTS: Tol;
    /// The constant `c` in the dot/matmul bound `c·k·eps·Σ|a·b|`.
    const DOT_C: f64;
    /// Machine epsilon as f64 (0 for integers).
    const EPS: f64;
}

impl Tolerances for f32 {
    const DIVISION: Tol = Tol { abs: 0.0, rel: 4.0 * f32::EPSILON as f64 };
    const TRANSCENDENTAL: Tol = Tol { abs: 2e-6, rel: 2e-5 };
    const SUM_C: f64 = 4.0;
    const MOMENTS: Tol = Tol { abs: 1e-6, rel: 1e-4 };
    const DOT_C: f64 = 2.0;
    const EPS: f64 = f32::EPSILON as f64;
}

impl Tolerances for f64 {
    const DIVISION: Tol = Tol { abs: 0.0, rel: 4.0 * f64::EPSILON };
    const TRANSCENDENTAL: Tol = Tol { abs: 1e-14, rel: 1e-12 };
    const SUM_C: f64 = 4.0;
    const MOMENTS: Tol = Tol { abs: 1e-14, rel: 1e-10 };
    const DOT_C: f64 = 2.0;
    const EPS: f64 = f64::EPSILON;
}

impl Tolerances for i32 {
    const DIVISION: Tol = Tol::EXACT;
    const TRANSCENDENTAL: Tol = Tol::EXACT;
    const SUM_C: f64 = 0.0;
    const MOMENTS: Tol = Tol::EXACT;
    const DOT_C: f64 = 0.0;
    const EPS: f64 = 0.0;
}

impl Tolerances for u32 {
    const DIVISION: Tol = Tol::EXACT;
    const TRANSCENDENTAL: Tol = Tol::EXACT;
    const SUM_C: f64 = 0.0;
    const MOMENTS: Tol = Tol::EXACT;
    const DOT_C: f64 = 0.0;
    const EPS: f64 = 0.0;
}

/// Conversions the references need.
pub trait TestValue: Scalar {
    fn f64(self) -> f64;
    fn of_f64(v: f64) -> Self;
    fn is_nan_value(self) -> bool;
}

macro_rules! test_value {
    ($($t:ty),*) => {$(
        impl TestValue for $t {
            fn f64(self) -> f64 {
                self as f64
            }
            fn of_f64(v: f64) -> Self {
                v as $t
            }
            #[allow(clippy::float_cmp)]
            fn is_nan_value(self) -> bool {
                (self as f64).is_nan()
            }
        }
    )*};
}
test_value!(f32, f64, i32, u32);

impl TestValue for bool {
    fn f64(self) -> f64 {
        self as u8 as f64
    }
    fn of_f64(v: f64) -> Self {
        v != 0.0
    }
    fn is_nan_value(self) -> bool {
        false
    }
}

/// Whether `got` matches `want` within `tol` (NaN matches NaN; infinities exactly).
pub fn close<T: TestValue>(got: T, want: T, tol: Tol) -> bool {
    if tol == Tol::EXACT || !T::DTYPE.is_float() {
        return got == want || (got.is_nan_value() && want.is_nan_value());
    }
    let (g, w) = (got.f64(), want.f64());
    if g.is_nan() || w.is_nan() {
        return g.is_nan() && w.is_nan();
    }
    if g.is_infinite() || w.is_infinite() {
        return g == w;
    }
    (g - w).abs() <= tol.abs + tol.rel * w.abs()
}

/// Asserts elementwise closeness, naming the first mismatch.
#[track_caller]
pub fn assert_all_close<T: TestValue>(got: &[T], want: &[T], tol: Tol, what: &str) {
    assert_eq!(got.len(), want.len(), "{what}: length {} vs expected {}", got.len(), want.len());
    let bad: Vec<usize> = (0..got.len()).filter(|&i| !close(got[i], want[i], tol)).collect();
    if let Some(&i) = bad.first() {
        panic!(
            "{what}: {} of {} elements differ beyond {tol:?}; first at {i}: got {:?}, want {:?}",
            bad.len(),
            got.len(),
            got[i],
            want[i]
        );
    }
}

/// Asserts an array's shape and elements.
#[track_caller]
pub fn assert_array<T: TestValue>(got: &Array<T>, shape: &[usize], want: &[T], tol: Tol, what: &str) {
    assert_eq!(got.shape(), shape, "{what}: shape");
    let v = got.to_vec().unwrap_or_else(|e| panic!("{what}: download failed: {e}"));
    assert_all_close(&v, want, tol, what);
}

/// A naive host array: row-major data viewed through (shape, strides, offset), with
/// views implemented by direct index arithmetic — the reference index mapping the
/// library's layouts are checked against.
#[derive(Debug, Clone)]
pub struct HostNd<T> {
    pub data: Vec<T>,
    pub shape: Vec<usize>,
    pub strides: Vec<isize>,
    pub offset: isize,
}

impl<T: Copy> HostNd<T> {
    pub fn new(data: Vec<T>, shape: &[usize]) -> HostNd<T> {
        let mut strides = vec![0isize; shape.len()];
        let mut acc = 1isize;
        for i in (0..shape.len()).rev() {
            strides[i] = acc;
            acc *= shape[i] as isize;
        }
        assert_eq!(data.len(), shape.iter().product::<usize>());
        HostNd { data, shape: shape.to_vec(), strides, offset: 0 }
    }

    pub fn len(&self) -> usize {
        self.shape.iter().product()
    }

    pub fn get(&self, idx: &[usize]) -> T {
        let off = idx.iter().zip(&self.strides).fold(self.offset, |a, (&i, &s)| a + i as isize * s);
        self.data[off as usize]
    }

    /// Every multi-index in row-major order.
    pub fn indices(shape: &[usize]) -> Vec<Vec<usize>> {
        let n: usize = shape.iter().product();
        let mut out = Vec::with_capacity(n);
        for mut flat in 0..n {
            let mut idx = vec![0; shape.len()];
            for d in (0..shape.len()).rev() {
                idx[d] = flat % shape[d];
                flat /= shape[d];
            }
            out.push(idx);
        }
        out
    }

    /// Elements in row-major order.
    pub fn to_vec(&self) -> Vec<T> {
        Self::indices(&self.shape).iter().map(|i| self.get(i)).collect()
    }

    /// The element broadcast to `shape` at `idx` (NumPy rules: align right, size-1 → 0).
    pub fn get_broadcast(&self, idx: &[usize]) -> T {
        let lead = idx.len() - self.shape.len();
        let own: Vec<usize> =
            self.shape.iter().enumerate().map(|(d, &n)| if n == 1 { 0 } else { idx[lead + d] }).collect();
        self.get(&own)
    }

    pub fn permute(&self, axes: &[usize]) -> HostNd<T> {
        HostNd {
            data: self.data.clone(),
            shape: axes.iter().map(|&a| self.shape[a]).collect(),
            strides: axes.iter().map(|&a| self.strides[a]).collect(),
            offset: self.offset,
        }
    }

    /// Python `[start:end:step]` along `axis`, by enumerating Python's `range` rule.
    pub fn slice(&self, axis: usize, start: Option<isize>, end: Option<isize>, step: isize) -> HostNd<T> {
        let n = self.shape[axis] as isize;
        let picks: Vec<isize> = python_range(n, start, end, step);
        let mut out = self.clone();
        out.shape[axis] = picks.len();
        if let Some(&first) = picks.first() {
            out.offset = self.offset + first * self.strides[axis];
            out.strides[axis] = self.strides[axis] * step;
        }
        out
    }
}

/// The indices Python's `range(n)[start:end:step]` selects, computed the slow way.
pub fn python_range(n: isize, start: Option<isize>, end: Option<isize>, step: isize) -> Vec<isize> {
    assert!(step != 0);
    let norm = |v: isize| if v < 0 { v + n } else { v };
    let mut out = Vec::new();
    if step > 0 {
        let s = start.map_or(0, |v| norm(v).clamp(0, n));
        let e = end.map_or(n, |v| norm(v).clamp(0, n));
        let mut i = s;
        while i < e {
            out.push(i);
            i += step;
        }
    } else {
        let s = start.map_or(n - 1, |v| norm(v).clamp(-1, n - 1));
        let e = end.map_or(-1, |v| norm(v).clamp(-1, n - 1));
        let mut i = s;
        while i > e {
            out.push(i);
            i += step;
        }
    }
    out
}

/// NumPy broadcast of two shapes, computed independently of the library.
pub fn broadcast(a: &[usize], b: &[usize]) -> Option<Vec<usize>> {
    let n = a.len().max(b.len());
    (0..n)
        .map(|i| {
            let x = if i + a.len() >= n { a[i + a.len() - n] } else { 1 };
            let y = if i + b.len() >= n { b[i + b.len() - n] } else { 1 };
            match (x, y) {
                _ if x == y => Some(x),
                (1, y) => Some(y),
                (x, 1) => Some(x),
                _ => None,
            }
        })
        .collect()
}

/// Deterministic test data: a small-integer-valued pattern (exact in every dtype).
pub fn pattern<T: TestValue>(n: usize, seed: u64) -> Vec<T> {
    let mut s = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    (0..n)
        .map(|_| {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let v = ((s >> 33) % 19) as f64 - 9.0;
            if T::DTYPE == gpu::DType::U32 {
                T::of_f64(v + 9.0)
            } else {
                T::of_f64(v)
            }
        })
        .collect()
}

/// Deterministic float data in [-1, 1) with fractional parts.
pub fn noise(n: usize, seed: u64) -> Vec<f64> {
    let mut s = seed ^ 0x9E37_79B9_7F4A_7C15;
    (0..n)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0
        })
        .collect()
}

/// `v` converted to `T` (Rust `as` semantics for integers).
pub fn to_t<T: TestValue>(v: &[f64]) -> Vec<T> {
    v.iter().map(|&x| T::of_f64(x)).collect()
}

/// An array's elements (downloaded) as f64.
pub fn f64s<T: TestValue>(a: &Array<T>) -> Vec<f64> {
    a.to_vec().expect("download").iter().map(|x| x.f64()).collect()
}

/// Host solve by Gaussian elimination with partial pivoting: x for a·x = b (b: n × m),
/// and the determinant.
pub fn host_solve(a: &[f64], b: &[f64], n: usize, m: usize) -> (Vec<f64>, f64) {
    let (mut a, mut b) = (a.to_vec(), b.to_vec());
    let mut det = 1.0;
    for k in 0..n {
        let p = (k..n).max_by(|&i, &j| a[i * n + k].abs().total_cmp(&a[j * n + k].abs())).unwrap_or(k);
        if p != k {
            det = -det;
            for j in 0..n {
                a.swap(k * n + j, p * n + j);
            }
            for j in 0..m {
                b.swap(k * m + j, p * m + j);
            }
        }
        det *= a[k * n + k];
        for i in k + 1..n {
            let f = a[i * n + k] / a[k * n + k];
            for j in k..n {
                a[i * n + j] -= f * a[k * n + j];
            }
            for j in 0..m {
                b[i * m + j] -= f * b[k * m + j];
            }
        }
    }
    let mut x = vec![0.0; n * m];
    for k in (0..n).rev() {
        for j in 0..m {
            let s: f64 = (k + 1..n).map(|i| a[k * n + i] * x[i * m + j]).sum();
            x[k * m + j] = (b[k * m + j] - s) / a[k * n + k];
        }
    }
    (x, det)
}

/// `n` test values: fractional noise in [-1, 1) for floats, the small-integer
/// [`pattern`] for integers (exact in every dtype).
pub fn sample<T: TestValue>(n: usize, seed: u64) -> Vec<T> {
    if T::DTYPE.is_float() {
        noise(n, seed).into_iter().map(T::of_f64).collect()
    } else {
        pattern(n, seed)
    }
}

/// A [`HostNd`] of [`sample`] values.
pub fn sample_nd<T: TestValue>(shape: &[usize], seed: u64) -> HostNd<T> {
    HostNd::new(sample(shape.iter().product(), seed), shape)
}

/// A host array's elements (row-major) as an array on `dev`.
pub fn upload_nd<T: TestValue>(h: &HostNd<T>, dev: &Device) -> gpu::Result<Array<T>> {
    Array::from_vec(h.to_vec(), h.shape.clone())?.to(dev)
}

/// One view operation with its arguments, as the view-chain property and fuzz tests
/// generate them (each test has its own reference for what it should do).
#[derive(Debug, Clone, PartialEq)]
pub enum ViewOp {
    Transpose(Vec<isize>),
    Slice(isize, Option<isize>, Option<isize>, isize),
    BroadcastTo(Vec<usize>),
    Reshape(Vec<usize>),
    Squeeze(isize),
    Unsqueeze(isize),
    IndexAxis(isize, isize),
}

impl ViewOp {
    /// Applies the operation to `a` through the public API.
    pub fn apply<T: gpu::Element>(&self, a: &gpu::Array<T>) -> gpu::Result<gpu::Array<T>> {
        match self {
            ViewOp::Transpose(axes) => a.transpose(axes),
            ViewOp::Slice(axis, start, end, step) => a.slice(*axis, *start, *end, *step),
            ViewOp::BroadcastTo(s) => a.broadcast_to(s),
            ViewOp::Reshape(s) => a.reshape(s),
            ViewOp::Squeeze(axis) => a.squeeze(*axis),
            ViewOp::Unsqueeze(axis) => a.unsqueeze(*axis),
            ViewOp::IndexAxis(axis, i) => a.index_axis(*axis, *i),
        }
    }
}

/// `format!("{:?}", shape)`, the way error messages print shapes.
pub fn sh(shape: &[usize]) -> String {
    format!("{shape:?}")
}

/// `0, 1, 2, …` as f32 in `shape`, on `dev`.
pub fn arr(shape: &[usize], dev: &Device) -> gpu::Result<Array<f32>> {
    let n: usize = shape.iter().product();
    Array::from_vec((0..n).map(|i| i as f32).collect(), shape)?.to(dev)
}

/// The string payload of a caught panic.
pub fn panic_text(p: Box<dyn std::any::Any + Send>) -> String {
    p.downcast_ref::<String>().cloned().or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default()
}
