//! SciPy's `beta` and `betaln`, one kernel each on every backend (`BinaryOp::Beta`,
//! `BinaryOp::BetaLn`: `src/backend/cpu/special.rs`, `shaders/gamma_math.wgsl`,
//! `kernels/common.cuh`); `beta` is the ratio below itself where Γ reaches, else
//! `±e^betaln` with the product of the Γs' signs.
//!
//! With `lo = min(a, b)`, `hi = max(a, b)` and `s = lo + hi` (its rounding error `sl`
//! kept by an exact two-sum):
//! - where Γ reaches (`|lo|, hi, |s|` up to 171; f32: 34), the ratio
//!   `Γ(lo) · (Γ(hi) / Γ(s)) / (1 + ψ(s)·sl)`, each Γ within 2 ulp;
//! - past that with `lo ≥ 10`, Stirling's series for all three, rearranged so that no
//!   two large terms cancel: `ln B = ½ ln 2π − ½ ln hi + (lo − ½) ln(lo/s) −
//!   hi·ln_1p(lo/hi) + S(lo) + S(hi) − S(s)`, every term but the first and the S(x) ≤ 0;
//! - past it with `lo < 10`, `ln Γ(lo) + (ln Γ(hi) − ln Γ(s))` with the difference from
//!   Stirling's series: `−lo·ln hi − ((s − ½)·ln_1p(lo/hi) − lo) + S(hi) − S(s)`, the
//!   bracket of size `lo²/hi` computed from terms of size `lo`, not `ln Γ(hi)`;
//! - anything else (negative arguments whose sum leaves Γ's range) as
//!   `ln|Γ(lo)| + ln|Γ(hi)| − ln|Γ(s)|`.

use crate::array::Array;
use crate::backend::BinaryOp;
use crate::dtype::Float;
use crate::error::Result;
use crate::ops::elementwise::{binary, Arg};

impl<T: Float> Array<T> {
    /// ln |B(a, b)| (SciPy's `special.betaln`), `B(a, b) = Γ(a)Γ(b)/Γ(a + b)`, with `a`
    /// and `b` broadcast together, in one kernel: accurate where the logarithms of Γ
    /// would cancel (one argument far larger than the other, or both past Γ's overflow
    /// at 171.62), see the module notes. Conventions: `+∞` where `a` or `b` is 0 or a negative integer,
    /// `−∞` where `a + b` is one and they are not (B is 0) and where an argument is `+∞`,
    /// NaN for NaN and −∞. (SciPy gives a finite limit where both `a` and `a + b` are
    /// poles; these are `+∞` here.)
    ///
    /// # Errors
    /// [`Error::BroadcastMismatch`](crate::Error::BroadcastMismatch),
    /// [`Error::DeviceMismatch`](crate::Error::DeviceMismatch),
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let a = gpu::Array::from_vec(vec![0.5f64, 200.0, 0.5, 2.0], [4])?;
    /// let b = gpu::Array::from_vec(vec![0.5f64, 300.0, 1e300, -1.5], [4])?;
    /// let l = a.betaln(&b)?.to_vec()?;
    /// assert!((l[0] - std::f64::consts::PI.ln()).abs() < 1e-15); // B(½, ½) = π
    /// assert!((l[1] / -337.98011306546465 - 1.0).abs() < 1e-15);
    /// assert!((l[2] / -344.8153990061821 - 1.0).abs() < 1e-15);
    /// assert!((l[3] - (4.0f64 / 3.0).ln()).abs() < 1e-15); // |B(2, −1.5)| = 4/3
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn betaln(&self, b: &Array<T>) -> Result<Array<T>> {
        binary(BinaryOp::BetaLn, Arg::Array(self), Arg::Array(b))
    }

    /// The beta function `B(a, b) = Γ(a)Γ(b)/Γ(a + b)` (SciPy's `special.beta`), with
    /// `a` and `b` broadcast together, in one kernel: the ratio of Γs where they are finite, else
    /// `±e^betaln(a, b)` with Γ's signs, so `B(200, 300)` = 1.65e-147 rather than ∞/∞.
    /// `+∞` at the poles of `a` or `b`, 0 where only `a + b` is one; see
    /// [`betaln`](Array::betaln).
    ///
    /// # Errors
    /// As [`betaln`](Array::betaln).
    ///
    /// ```
    /// let a = gpu::Array::from_vec(vec![2.0f64, 200.0, 1.0], [3])?;
    /// let b = gpu::Array::from_vec(vec![3.0f64, 300.0, -1.5], [3])?;
    /// let y = a.beta(&b)?.to_vec()?;
    /// assert!((y[0] - 1.0 / 12.0).abs() < 1e-16 && (y[1] / 1.6485491608664747e-147 - 1.0).abs() < 1e-13);
    /// assert!((y[2] + 2.0 / 3.0).abs() < 1e-15);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn beta(&self, b: &Array<T>) -> Result<Array<T>> {
        binary(BinaryOp::Beta, Arg::Array(self), Arg::Array(b))
    }
}
