//! The Gauss hypergeometric function `₂F₁(a, b; c; x)` at real arguments (SciPy's and
//! CuPy's `hyp2f1`), one kernel of four operands (`QuaternaryOp::Hyp2f1`) on every
//! backend: src/backend/cpu/hyp2f1.rs, shaders/hyp2f1_math.wgsl and kernels/common.cuh
//! (`k_hyp2f1`) take the same steps.
//!
//! Every value comes from a power series, summed until a term is below half an ulp of
//! the sum (after every parameter has passed 0), in the form that cancels least. A sum's
//! loss is its largest term over its value; where it passes 4 the other forms are tried
//! and the smallest loss wins:
//!
//! - **Polynomials** (a or b a non-positive integer −m, c not a pole before the series
//!   ends): the m + 1 terms at x, or Pfaff's form (x < 0, DLMF 15.8.1, still a polynomial
//!   in `x/(x − 1)`), DLMF 15.8.7's in 1 − x (0 < x < 1), or Euler's where c − b ends the
//!   series too. Any finite x, also x > 1.
//! - **−0.5 ≤ x < 0**: the series at x, else as below.
//! - **x < 0**: Pfaff's `(1 − x)^−a F(a, c − b; c; w)`, `w = x/(x − 1)` in (0, 1) and
//!   `1 − w = 1/(1 − x)` (not `1 − w` rounded, which loses `|x|` ulps). A factor
//!   `(1 − w)^e` from Euler's form below joins Pfaff's as `(1 − x)^−(a + e)`, the other
//!   Pfaff form, so nothing overflows that the value does not.
//! - **0 < w < 1, `y = 1 − w ≥ 0.07`**: the series at w; up to w = 0.9, where that
//!   cancels, Euler's `(1 − w)^(c−a−b) F(c − a, c − b; c; w)` if it cancels less. Where
//!   c − a or c − b is a non-positive integer, Euler's form is a polynomial and is used.
//! - **Nearer 1** (or past 0.9 where the series cancels): Euler's form first if
//!   `d = c − a − b < 0`, so d ≥ 0, then DLMF 15.8.4 in y,
//!   `Γ(c)Γ(d)/(Γ(c − a)Γ(c − b))·F(a, b; 1 − d; y) + y^d Γ(c)Γ(−d)/(Γ(a)Γ(b))·F(c − a, c − b; 1 + d; y)`,
//!   whose two terms have poles that cancel wherever d is near an integer m (to `ε/|δ|` of
//!   the value, δ = d − m: 1e9 ulps at `hyp2f1(−1.3, 2.7, 1.4 + 1e-12, 0.999)` in SciPy
//!   1.17, which like CuPy uses this form). The cancellation is done in closed form
//!   instead: the first term's m-th and later terms pair with the second's, and each pair
//!   is `π/sin(πd)·(h_k(0) − h_k(δ))` for a product of Γ ratios h_k, whose difference
//!   quotient `(h_k(δ) − h_k(0))/δ` is carried by the recurrence in k from k = 0, where it
//!   is `expm1` of a sum of `ln(Γ(z + δ)/Γ(z))/δ` (`ln_1p` steps, then Stirling's series
//!   with each term's quotient in closed form). At δ = 0 this is A&S 15.3.10–11's
//!   logarithmic series; for every δ in [−½, ½] it is exact, so one form serves all d.
//!
//! No series takes more than 4,000 terms (wgpu's loops must stay within llvmpipe's budget
//! of 65,535 passes per SIMD group): a parameter below −4,000, or a polynomial of higher
//! degree, gives NaN. Γ's ratios are formed as products, so parameters beyond about 170
//! (f64) or 35 (f32 on wgpu and CUDA, which compute f32 natively) overflow.
//!
//! **Accuracy and its limits.** Against mpmath at 400 points (`tests/data/hyp2f1_mpmath.txt`,
//! |a|, |b| ≤ 10) the worst is 11 ulps per unit of `max(1, κ)` but for one point, κ the
//! condition number in all four arguments. That point, `(−9.77, −8.38, 4.39, −0.715)`, is
//! 846 off (f32: 454): where a and b are both large and of a sign that makes every form's
//! terms alternate, each series cancels, and a recurrence in a (SciPy's `hyp2f1ra`, which
//! gets 0.3 there) was tried and left out: with no estimate of its own growth of error it
//! was 1e6 off at other points. On a wider stress set (3,000 points: a, b to ±20, c − a − b
//! within 1e-12 to 0.03 of an integer, x to −3e6 and within 1e-9 of 1) 103 points are
//! beyond 4 and 35 beyond 64, every one with a parameter beyond ±8 (SciPy 1.17: 514 and
//! 241, up to 3.5e13).
use crate::array::Array;
use crate::backend::QuaternaryOp;
use crate::dtype::Float;
use crate::error::Result;
use crate::ops::elementwise::quaternary;
use crate::ops::AsArray;

impl<T: Float> Array<T> {
    /// The Gauss hypergeometric function `₂F₁(a, b; c; x) = Σ (a)ₙ(b)ₙ/((c)ₙ n!) xⁿ` of
    /// `self` (a), b, c and x broadcast together (SciPy's and CuPy's `special.hyp2f1`,
    /// real arguments), in one kernel: the power series in x, `x/(x − 1)` (Pfaff) or
    /// `1 − x` (DLMF 15.8.4, and its logarithmic limit where c − a − b is an integer), in
    /// the form that cancels least; the module documentation of `src/ops/hyp2f1.rs`
    /// gives the steps.
    ///
    /// Conventions (SciPy's but where noted): 1 at x = 0; polynomials (a or b a
    /// non-positive integer −m, and c not a non-positive integer above −m) at every finite
    /// x; +∞ for c a non-positive integer otherwise; at x = 1, Gauss's sum
    /// `Γ(c)Γ(c − a − b)/(Γ(c − a)Γ(c − b))` where c − a − b > 0 and +∞ elsewhere; NaN
    /// for x > 1 (the function is complex there; SciPy: +∞), x = ±∞ and a NaN; NaN past
    /// 4,000 terms (a parameter below −4,000 or a polynomial of higher degree).
    ///
    /// # Errors
    /// [`Error::BroadcastMismatch`](crate::Error::BroadcastMismatch),
    /// [`Error::DeviceMismatch`](crate::Error::DeviceMismatch),
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a dtype the device lacks.
    ///
    /// ```
    /// let a = gpu::Array::from_vec(vec![1.0f64, 0.5, -3.0, 1.5], [4])?;
    /// let x = [0.75f64, -3.0, 0.4, 1.0];
    /// let f = a.hyp2f1(&[1.0f64, 1.0, 2.5, 2.0][..], &[2.0f64, 1.5, 1.0, 5.0][..], &x[..])?.to_vec()?;
    /// let close = |g: f64, w: f64| (g / w - 1.0).abs() < 1e-15; // within 4.5 ulps
    /// assert!(close(f[0], 4f64.ln() / 0.75)); // −ln(1 − x)/x
    /// let pi = std::f64::consts::PI;
    /// assert!(close(f[1], pi / 3.0 / 3f64.sqrt())); // atan(√−x)/√−x
    /// assert!(close(f[2], -0.32)); // a polynomial: 1 − 3 + 2.1 − 0.42
    /// assert!(close(f[3], 3.2)); // Gauss: Γ(5)Γ(1.5)/(Γ(3.5)Γ(3))
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn hyp2f1(&self, b: impl AsArray<T>, c: impl AsArray<T>, x: impl AsArray<T>) -> Result<Array<T>> {
        quaternary(QuaternaryOp::Hyp2f1, self, b, c, x)
    }
}
