//! Elementwise ops with NumPy broadcasting: binary, scalar, unary, ternary, comparisons,
//! `where_`, casts, and the in-place forms.

use std::sync::Arc;

use super::{common_device, resolve_on, AsArray};
use crate::array::{check_output, check_supported, Array};
use crate::backend::{Backend, BinaryOp, CompareOp, Operand, QuaternaryOp, TernaryOp, UnaryOp, View};
use crate::device::on_backend;
use crate::dtype::{Element, Float, Integer, Scalar};
use crate::error::{Error, Result};
use crate::layout::{broadcast_shapes, Layout};

/// One side of an elementwise op.
#[derive(Clone, Copy)]
pub(crate) enum Arg<'a, T: Scalar> {
    Array(&'a Array<T>),
    Scalar(T),
}

impl<T: Scalar> Arg<'_, T> {
    fn array(&self) -> Option<&Array<T>> {
        match self {
            Arg::Array(a) => Some(a),
            Arg::Scalar(_) => None,
        }
    }
}

/// An operand after validation: an array with its layout broadcast to the op's shape,
/// or a scalar.
enum Side<'a, T: Scalar> {
    Array(&'a Array<T>, Layout),
    Scalar(T),
}

/// The backend operand for a validated side.
fn operand<'a, B: Backend, T: Scalar>(b: &B, side: &'a Side<'a, T>) -> Result<Operand<'a, B::Storage>> {
    Ok(match side {
        Side::Array(a, l) => Operand::Array(View { storage: b.storage(&a.storage)?, layout: l }),
        Side::Scalar(v) => Operand::Scalar(v.to_value()),
    })
}

/// Two validated operands: their device, broadcast shape, and each side broadcast to it.
struct Prepared<'a, T: Scalar> {
    dev: crate::Device,
    shape: Vec<usize>,
    a: Side<'a, T>,
    b: Side<'a, T>,
}

fn prepare<'a, T: Scalar>(name: &'static str, a: Arg<'a, T>, b: Arg<'a, T>) -> Result<Prepared<'a, T>> {
    let dev = match (a.array(), b.array()) {
        (Some(x), Some(y)) => common_device(name, x.device(), y.device())?.clone(),
        (Some(x), None) | (None, Some(x)) => x.device().clone(),
        (None, None) => {
            return Err(Error::InvalidArgument { op: name, reason: "at least one operand must be an array".into() })
        }
    };
    check_supported(&dev, T::DTYPE)?;
    let shape = match (a.array(), b.array()) {
        (Some(x), Some(y)) => broadcast_shapes(name, x.shape(), y.shape())?,
        (Some(x), None) | (None, Some(x)) => x.shape().to_vec(),
        (None, None) => Vec::new(),
    };
    let side = |arg: Arg<'a, T>| -> Result<Side<'a, T>> {
        Ok(match arg {
            Arg::Array(x) => Side::Array(x, x.layout.broadcast_to(&shape)?),
            Arg::Scalar(v) => Side::Scalar(v),
        })
    };
    let (a, b) = (side(a)?, side(b)?);
    // Comparisons write bool, at most as wide as T on every backend.
    check_output(&shape, T::DTYPE)?;
    Ok(Prepared { dev, shape, a, b })
}

pub(crate) fn binary<T: Element>(op: BinaryOp, a: Arg<'_, T>, b: Arg<'_, T>) -> Result<Array<T>> {
    let Prepared { dev, shape, a: sa, b: sb } = prepare(op.name(), a, b)?;
    let storage = on_backend!(&dev, be => {
        let oa = operand(be, &sa)?;
        let ob = operand(be, &sb)?;
        be.wrap(be.binary(op, T::DTYPE, oa, ob, &shape)?)
    });
    Ok(Array::from_storage(storage, Layout::contiguous(&shape), dev))
}

fn compare<T: Scalar>(op: CompareOp, a: Arg<'_, T>, b: Arg<'_, T>) -> Result<Array<bool>> {
    let Prepared { dev, shape, a: sa, b: sb } = prepare(op.name(), a, b)?;
    let storage = on_backend!(&dev, be => {
        let oa = operand(be, &sa)?;
        let ob = operand(be, &sb)?;
        be.wrap(be.compare(op, T::DTYPE, oa, ob, &shape)?)
    });
    Ok(Array::from_storage(storage, Layout::contiguous(&shape), dev))
}

impl<T: Element> Array<T> {
    pub(crate) fn unary(&self, op: UnaryOp) -> Result<Array<T>> {
        check_supported(&self.device, T::DTYPE)?;
        check_output(self.shape(), T::DTYPE)?;
        let storage = on_backend!(&self.device, be => be.wrap(be.unary(op, T::DTYPE, self.storage_of(be)?)?));
        Ok(Array::from_storage(storage, Layout::contiguous(self.shape()), self.device.clone()))
    }

    /// `self = op(self, rhs)` in place: written into this array's buffer when it is the
    /// sole owner of a contiguous one, otherwise computed into a new buffer that
    /// replaces it (copy-on-write; other handles to the old storage are unaffected).
    pub(crate) fn assign(&mut self, op: BinaryOp, rhs: Arg<'_, T>) -> Result<()> {
        let side = match rhs {
            Arg::Array(r) => {
                common_device(op.name(), &self.device, r.device())?;
                let l = r
                    .layout
                    .broadcast_to(self.shape())
                    .map_err(|_| Error::BroadcastTo { from: r.shape().to_vec(), to: self.shape().to_vec() })?;
                Side::Array(r, l)
            }
            Arg::Scalar(v) => Side::Scalar(v),
        };
        check_supported(&self.device, T::DTYPE)?;
        let dev = self.device.clone();
        let layout = self.layout.clone();
        if layout.is_contiguous()
            && let Some(st) = Arc::get_mut(&mut self.storage)
        {
            return on_backend!(&dev, be => {
                let rop = operand(be, &side)?;
                be.binary_assign(op, T::DTYPE, be.storage_mut(st)?, &layout, rop)
            });
        }
        *self = binary(op, Arg::Array(self), rhs)?;
        Ok(())
    }
}

/// Generates the binary method family: `a.op(&b)`, `a.op_scalar(x)`, `a.op_assign_(&b)`.
macro_rules! binary_methods {
    ($bound:ident: $($op:ident, $name:ident, $scalar:ident, $assign:ident, $assign_scalar:ident, $doc:literal;)*) => {
        impl<T: $bound> Array<T> {
            $(
                #[doc = concat!("Elementwise ", $doc, " with NumPy broadcasting.")]
                ///
                /// # Errors
                /// [`Error::BroadcastMismatch`] for incompatible shapes,
                /// [`Error::DeviceMismatch`] for operands on different devices.
                pub fn $name(&self, rhs: &Array<T>) -> Result<Array<T>> {
                    binary(BinaryOp::$op, Arg::Array(self), Arg::Array(rhs))
                }

                #[doc = concat!("Elementwise ", $doc, " with a scalar right operand.")]
                ///
                /// # Errors
                /// [`Error::Unsupported`] when the device lacks kernels for `T`.
                pub fn $scalar(&self, rhs: T) -> Result<Array<T>> {
                    binary(BinaryOp::$op, Arg::Array(self), Arg::Scalar(rhs))
                }

                #[doc = concat!("In-place ", $doc, ": `rhs` must broadcast to `self`'s shape.")]
                ///
                /// # Errors
                /// [`Error::BroadcastTo`] when `rhs` does not broadcast to `self`,
                /// [`Error::DeviceMismatch`] for another device.
                pub fn $assign(&mut self, rhs: &Array<T>) -> Result<()> {
                    self.assign(BinaryOp::$op, Arg::Array(rhs))
                }

                #[doc = concat!("In-place ", $doc, " with a scalar.")]
                ///
                /// # Errors
                /// [`Error::Unsupported`] when the device lacks kernels for `T`.
                pub fn $assign_scalar(&mut self, rhs: T) -> Result<()> {
                    self.assign(BinaryOp::$op, Arg::Scalar(rhs))
                }
            )*
        }
    };
}

binary_methods! { Element:
    Add, add, add_scalar, add_assign_, add_scalar_assign_, "addition (wrapping for integers)";
    Sub, sub, sub_scalar, sub_assign_, sub_scalar_assign_, "subtraction (wrapping for integers)";
    Mul, mul, mul_scalar, mul_assign_, mul_scalar_assign_, "multiplication (wrapping for integers)";
    Div, div, div_scalar, div_assign_, div_scalar_assign_,
        "division (integers truncate toward zero; integer division by zero gives 0)";
    Rem, rem, rem_scalar, rem_assign_, rem_scalar_assign_,
        "remainder with the sign of the dividend (C/Rust `%`; integer `x % 0` gives 0)";
    Pow, pow, pow_scalar, pow_assign_, pow_scalar_assign_, "power";
    Maximum, maximum, maximum_scalar, maximum_assign_, maximum_scalar_assign_,
        "maximum (NaN propagates)";
    Minimum, minimum, minimum_scalar, minimum_assign_, minimum_scalar_assign_,
        "minimum (NaN propagates)";
    FloorDiv, floor_div, floor_div_scalar, floor_div_assign_, floor_div_scalar_assign_,
        "floor division, NumPy's `//` (rounds toward −∞, unlike `div`; integer `x // 0` gives 0; floats follow NumPy's `divmod`, `x // 0` is `x / 0`)";
    FloorRem, floor_rem, floor_rem_scalar, floor_rem_assign_, floor_rem_scalar_assign_,
        "remainder with the sign of the divisor, NumPy's `%` and `np.mod` (unlike `rem`; `a == b * a.floor_div(b) + a.floor_rem(b)`; integer `x % 0` gives 0, float `x % 0` NaN)";
    FMax, fmax, fmax_scalar, fmax_assign_, fmax_scalar_assign_,
        "maximum ignoring NaN, NumPy's `fmax` (NaN only where both are; `maximum` propagates NaN)";
    FMin, fmin, fmin_scalar, fmin_assign_, fmin_scalar_assign_,
        "minimum ignoring NaN, NumPy's `fmin` (NaN only where both are; `minimum` propagates NaN)";
}

binary_methods! { Float:
    Atan2, atan2, atan2_scalar, atan2_assign_, atan2_scalar_assign_,
        "`atan2(self, rhs)`, the angle of the point `(rhs, self)` in `[-π, π]` (NumPy's `arctan2`; signed zeros and infinities as in C)";
    Copysign, copysign, copysign_scalar, copysign_assign_, copysign_scalar_assign_,
        "`copysign(self, rhs)`: the magnitude of `self` with the sign of `rhs`, signed zeros and NaN's sign bit included (NumPy's `copysign`)";
    Hypot, hypot, hypot_scalar, hypot_assign_, hypot_scalar_assign_,
        "`sqrt(self² + rhs²)` without intermediate overflow (NumPy's `hypot`; infinite if either is, even with a NaN)";
}

binary_methods! { Integer:
    BitAnd, bitwise_and, bitwise_and_scalar, bitwise_and_assign_, bitwise_and_scalar_assign_,
        "bitwise AND (NumPy's `bitwise_and`, `&`)";
    BitOr, bitwise_or, bitwise_or_scalar, bitwise_or_assign_, bitwise_or_scalar_assign_,
        "bitwise OR (NumPy's `bitwise_or`, `|`)";
    BitXor, bitwise_xor, bitwise_xor_scalar, bitwise_xor_assign_, bitwise_xor_scalar_assign_,
        "bitwise XOR (NumPy's `bitwise_xor`, `^`)";
    Shl, left_shift, left_shift_scalar, left_shift_assign_, left_shift_scalar_assign_,
        "left shift, NumPy's `left_shift` (`<<`; a shift by 32 or more, or by a negative `i32` amount, gives 0)";
    Shr, right_shift, right_shift_scalar, right_shift_assign_, right_shift_scalar_assign_,
        "right shift, NumPy's `right_shift` (`>>`, arithmetic for `i32`; a shift by 32 or more gives 0, or −1 for a negative `i32`)";
}

impl<T: Float> Array<T> {
    /// Rounds to `decimals` decimal places (NumPy's `np.round(a, decimals)`): `round(x ·
    /// 10^d) / 10^d` in `T`, half to even, as NumPy computes it (so `2.675` rounds to
    /// `2.68` and `1.005` to `1.0`, from their binary values); negative `decimals` round
    /// to tens, hundreds, … (`round(x / 10^-d) · 10^-d`). Two or three kernels.
    ///
    /// # Errors
    /// [`Error::Unsupported`] when the device lacks kernels for `T`.
    ///
    /// ```
    /// let a = gpu::Array::from_vec(vec![2.675f64, -0.125, 1234.5678], [3])?;
    /// assert_eq!(a.round_decimals(2)?.to_vec()?, [2.68, -0.12, 1234.57]);
    /// assert_eq!(a.round_decimals(-2)?.to_vec()?, [0.0, -0.0, 1200.0]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn round_decimals(&self, decimals: i32) -> Result<Array<T>> {
        if decimals == 0 {
            return self.round();
        }
        let scale = T::from_f64(10f64.powi(decimals.abs()));
        if decimals > 0 {
            self.mul_scalar(scale)?.round()?.div_scalar(scale)
        } else {
            self.div_scalar(scale)?.round()?.mul_scalar(scale)
        }
    }
}

impl<T: Integer> Array<T> {
    /// Elementwise bitwise NOT (NumPy's `invert`, `bitwise_not`, `~`): every bit flipped,
    /// so `-x - 1` for `i32` and `u32::MAX - x` for `u32`. One XOR kernel.
    ///
    /// # Errors
    /// [`Error::Unsupported`] when the device lacks kernels for `T`.
    ///
    /// ```
    /// let a = gpu::Array::from_vec(vec![0i32, 5, -1], [3])?;
    /// assert_eq!(a.bitwise_not()?.to_vec()?, [-1, -6, 0]);
    /// let m = gpu::Array::from_vec(vec![0b1100u32, 0b1010], [2])?;
    /// assert_eq!(m.bitwise_and_scalar(0b1000)?.to_vec()?, [0b1000, 0b1000]);
    /// assert_eq!(m.left_shift_scalar(2)?.to_vec()?, [0b110000, 0b101000]);
    /// assert_eq!(m.right_shift_scalar(40)?.to_vec()?, [0, 0]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn bitwise_not(&self) -> Result<Array<T>> {
        self.bitwise_xor_scalar(T::ALL_ONES)
    }
}

impl<T: Element> Array<T> {
    /// Limits every element to `[min, max]` (NumPy's `clip`): `minimum(maximum(a, min),
    /// max)`, so a NaN element stays NaN and `min > max` gives `max` everywhere, as in
    /// NumPy. Two kernels; the second writes into the first's fresh buffer.
    ///
    /// # Errors
    /// [`Error::Unsupported`] for a dtype the device lacks.
    ///
    /// ```
    /// use gpu::Array;
    /// let x = Array::from_vec(vec![-2.0f32, 0.5, 3.0, f32::NAN], 4)?;
    /// let c = x.clip(0.0, 1.0)?.to_vec()?;
    /// assert_eq!(&c[..3], &[0.0, 0.5, 1.0]);
    /// assert!(c[3].is_nan());
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn clip(&self, min: T, max: T) -> Result<Array<T>> {
        let mut out = self.maximum_scalar(min)?;
        out.minimum_scalar_assign_(max)?;
        Ok(out)
    }
}

/// Generates the comparison family: `a.op(&b)` and `a.op_scalar(x)`, both to masks.
macro_rules! compare_methods {
    ($($op:ident, $name:ident, $scalar:ident, $sym:literal;)*) => {
        impl<T: Scalar> Array<T> {
            $(
                #[doc = concat!("Elementwise `a ", $sym, " b` as a `bool` mask, with broadcasting (IEEE: NaN compares unequal).")]
                ///
                /// # Errors
                /// [`Error::BroadcastMismatch`] or [`Error::DeviceMismatch`].
                pub fn $name(&self, rhs: &Array<T>) -> Result<Array<bool>> {
                    compare(CompareOp::$op, Arg::Array(self), Arg::Array(rhs))
                }

                #[doc = concat!("Elementwise `a ", $sym, " x` against a scalar, as a `bool` mask.")]
                ///
                /// # Errors
                /// [`Error::Unsupported`] when the device lacks kernels for `T`.
                pub fn $scalar(&self, rhs: T) -> Result<Array<bool>> {
                    compare(CompareOp::$op, Arg::Array(self), Arg::Scalar(rhs))
                }
            )*
        }
    };
}

compare_methods! {
    Eq, eq, eq_scalar, "==";
    Ne, ne, ne_scalar, "!=";
    Lt, lt, lt_scalar, "<";
    Le, le, le_scalar, "<=";
    Gt, gt, gt_scalar, ">";
    Ge, ge, ge_scalar, ">=";
}

/// Generates unary methods for a trait bound.
macro_rules! unary_methods {
    ($bound:ident: $($op:ident, $name:ident, $doc:literal;)*) => {
        impl<T: $bound> Array<T> {
            $(
                #[doc = $doc]
                ///
                /// # Errors
                /// [`Error::Unsupported`] when the device lacks kernels for `T`; device faults.
                pub fn $name(&self) -> Result<Array<T>> {
                    self.unary(UnaryOp::$op)
                }
            )*
        }
    };
}

unary_methods! { Element:
    Neg, neg, "Elementwise `-x` (wrapping for integers; `0 - x` for u32).";
    Abs, abs, "Elementwise `|x|` (`i32::MIN` wraps to itself).";
    Square, square, "Elementwise `x * x`.";
    Relu, relu, "Elementwise `max(x, 0)`; NaN stays NaN.";
    Sign, sign, "Elementwise −1, 0 or 1 by sign (NumPy's `sign`: `±0 → 0` and NaN stays NaN, unlike Rust's `signum`; `0` or `1` for u32).";
}

unary_methods! { Float:
    Sqrt, sqrt, "Elementwise square root.";
    Exp, exp, "Elementwise `e^x`.";
    Ln, ln, "Elementwise natural logarithm.";
    Sin, sin, "Elementwise sine.";
    Cos, cos, "Elementwise cosine.";
    Tanh, tanh, "Elementwise hyperbolic tangent.";
    Sigmoid, sigmoid, "Elementwise logistic function `1 / (1 + e^-x)`.";
    Floor, floor, "Elementwise round toward −∞.";
    Ceil, ceil, "Elementwise round toward +∞.";
    Round, round, "Elementwise round half to even (NumPy's `round`).";
    Recip, recip, "Elementwise `1 / x`.";
    Tan, tan, "Elementwise tangent.";
    Sinh, sinh, "Elementwise hyperbolic sine.";
    Cosh, cosh, "Elementwise hyperbolic cosine.";
    Asin, asin, "Elementwise inverse sine, in `[-π/2, π/2]`; NaN outside `[-1, 1]` (NumPy's `arcsin`).";
    Acos, acos, "Elementwise inverse cosine, in `[0, π]`; NaN outside `[-1, 1]` (NumPy's `arccos`).";
    Atan, atan, "Elementwise inverse tangent, in `[-π/2, π/2]` (NumPy's `arctan`).";
    Exp2, exp2, "Elementwise `2^x`.";
    ExpM1, exp_m1, "Elementwise `e^x - 1`, accurate for tiny `x` (NumPy's `expm1`).";
    Log2, log2, "Elementwise base-2 logarithm.";
    Log10, log10, "Elementwise base-10 logarithm.";
    Ln1p, ln_1p, "Elementwise `ln(1 + x)`, accurate for tiny `x` (NumPy's `log1p`).";
    Trunc, trunc, "Elementwise round toward zero.";
}

/// The special functions (SciPy's `scipy.special`, CuPy's `cupyx.scipy.special`), one
/// kernel each on every backend; their accuracy is measured in `tests/special.rs`.
impl<T: Float> Array<T> {
    /// Elementwise error function `erf(x) = 2/√π ∫₀ˣ e^(−t²) dt` (SciPy's `special.erf`, CuPy's
    /// `cupyx.scipy.special.erf`): odd, `±1` at `±∞`, within a few ulp on every backend.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![0.0f64, 0.5, -1.0, 3.0], 4)?;
    /// let y = x.erf()?.to_vec()?;
    /// assert!((y[1] - 0.5204998778130465).abs() < 1e-15 && (y[2] + 0.8427007929497148).abs() < 1e-15);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Unsupported`] when the device lacks kernels for `T`; device faults.
    pub fn erf(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::Erf)
    }

    /// Elementwise complementary error function `1 − erf(x)` (SciPy's `special.erfc`), computed
    /// directly so that the tail keeps its digits: `erfc(10)` is `2.09e-45`, where `1 − erf(10)` is
    /// 0.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![10.0f64, -1.0], 2)?;
    /// let y = x.erfc()?.to_vec()?;
    /// assert!((y[0] / 2.0884875837625446e-45 - 1.0).abs() < 1e-14 && (y[1] - 1.8427007929497148).abs() < 1e-15);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Unsupported`] when the device lacks kernels for `T`; device faults.
    pub fn erfc(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::Erfc)
    }

    /// Elementwise `ln |Γ(x)|` (SciPy's `special.gammaln`, Rust's `f64::ln_gamma` without the
    /// sign): `+∞` at 0 and at the negative integers, `ln(n − 1)!` at integers `n`.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![5.0f64, 0.5, -2.5], 3)?;
    /// let y = x.ln_gamma()?.to_vec()?;
    /// assert!((y[0] - 24f64.ln()).abs() < 1e-14 && (y[1] - 0.5723649429247).abs() < 1e-15);
    /// assert!((y[2] + 0.05624371649767401).abs() < 1e-15);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Unsupported`] when the device lacks kernels for `T`; device faults.
    pub fn ln_gamma(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::LnGamma)
    }

    /// Elementwise inverse error function on `[−1, 1]` (SciPy's `special.erfinv`): `±∞` at `±1`,
    /// NaN outside. Wichura's AS 241 on `1 − |x|`, so values near ±1 keep their digits.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![0.5f64, -0.999999999], 2)?;
    /// let y = x.erfinv()?;
    /// let back = y.erf()?.to_vec()?;
    /// assert!((back[0] - 0.5).abs() < 1e-15 && (back[1] + 0.999999999).abs() < 1e-15);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Unsupported`] when the device lacks kernels for `T`; device faults.
    pub fn erfinv(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::Erfinv)
    }

    /// Elementwise inverse complementary error function on `[0, 2]` (SciPy's `special.erfcinv`):
    /// `+∞` at 0, `−∞` at 2, NaN outside; computed from `y` itself, so `erfcinv(1e-300)` is right
    /// where `erfinv(1 − 1e-300)` is `∞`.
    ///
    /// ```
    /// let y = gpu::Array::from_vec(vec![1e-300f64], 1)?;
    /// let z = y.erfcinv()?.to_vec()?[0];
    /// assert!((z / 26.209469960516124 - 1.0).abs() < 1e-15);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Unsupported`] when the device lacks kernels for `T`; device faults.
    pub fn erfcinv(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::Erfcinv)
    }

    /// Elementwise standard normal CDF `½ erfc(−x/√2)` (SciPy's `special.ndtr`,
    /// `scipy.stats.norm.cdf`), its lower tail computed from `x` itself so that it keeps its digits
    /// down to `ndtr(−37) ≈ 5.7e-300`; [`ndtri`](Array::ndtri) inverts it.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![1.959963984540054f64, -37.0], 2)?;
    /// let p = x.ndtr()?.to_vec()?;
    /// assert!((p[0] - 0.975).abs() < 1e-15 && (p[1] / 5.725571222524e-300 - 1.0).abs() < 1e-12);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Unsupported`] when the device lacks kernels for `T`; device faults.
    pub fn ndtr(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::Ndtr)
    }

    /// Elementwise standard normal quantile on `[0, 1]` (SciPy's `special.ndtri`,
    /// `scipy.stats.norm.ppf`): `−∞` at 0, `+∞` at 1, NaN outside.
    ///
    /// ```
    /// let p = gpu::Array::from_vec(vec![0.975f64, 0.5, 1e-10], 3)?;
    /// let z = p.ndtri()?.to_vec()?;
    /// assert!((z[0] - 1.9599639845400538).abs() < 1e-15 && z[1] == 0.0 && (z[2] + 6.361340902404057).abs() < 1e-14);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Unsupported`] when the device lacks kernels for `T`; device faults.
    pub fn ndtri(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::Ndtri)
    }

    /// Elementwise modified Bessel function of the first kind, order 0 (NumPy's `i0`,
    /// `cupy.i0`; the Kaiser window's), by Cephes' Chebyshev expansions as NumPy computes
    /// it, but finite up to its own overflow near 713.98 where NumPy's overflows with
    /// `e^x` at 709.78; CUDA's `cyl_bessel_i0`.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![0.0f64, 1.0, -10.0, 711.0], 4)?;
    /// let y = x.i0()?.to_vec()?;
    /// assert!(y[0] == 1.0 && (y[1] - 1.2660658777520084).abs() < 1e-15);
    /// assert!((y[2] / 2815.7166284662544 - 1.0).abs() < 1e-14 && y[3].is_finite());
    /// # Ok::<(), gpu::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Unsupported`] when the device lacks kernels for `T`; device faults.
    pub fn i0(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::I0)
    }

    /// Elementwise gamma function Γ(x) (SciPy's `gamma`, `cupyx.scipy.special.gamma`):
    /// `Γ(n) = (n − 1)!`, ±∞ at ±0, NaN at the negative integers and −∞, +∞ past
    /// 171.62 (f64) or 35.04 (f32), and a signed zero where it underflows below −184.
    /// Below 10, Γ(x) is Γ(t) on [2, 3] times (or over) the factors `x − 1, …, t` or
    /// `x, …, t − 1`, multiplied in double-length arithmetic, so that its only roundings
    /// are Γ(t)'s and the last one; from 10 on, Stirling's series with its exponent
    /// carried in two parts. Within 2 ulp on the CPU and wgpu; CUDA's `tgamma`.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![0.5f64, 5.0, -1.5, 171.5], 4)?;
    /// let g = x.gamma()?.to_vec()?;
    /// assert!((g[0] - std::f64::consts::PI.sqrt()).abs() < 1e-15 && g[1] == 24.0);
    /// assert!((g[2] / 2.363271801207355 - 1.0).abs() < 1e-15 && (g[3] / 9.4833675668248e307 - 1.0).abs() < 1e-15);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Unsupported`] when the device lacks kernels for `T`; device faults.
    pub fn gamma(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::Gamma)
    }

    /// Elementwise digamma function ψ(x) = Γ'(x)/Γ(x) (SciPy's `digamma` and `psi`,
    /// `cupyx.scipy.special.digamma`): −∞ at +0, +∞ at −0, NaN at the negative integers
    /// and −∞. Near its positive root x₀ = 1.4616… it is `(x − x₀)·R(x)` with x₀ carried
    /// in two parts, so it keeps its digits there; below 0 by reflection
    /// (`ψ(1 − x) − π·cot(πx)`, whose zeros between the poles are cancellations).
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![1.0f64, 0.5, 1e10, 1.4616321449683622], 4)?;
    /// let p = x.digamma()?.to_vec()?;
    /// assert!((p[0] + 0.5772156649015329).abs() < 1e-16 && (p[1] + 1.9635100260214235).abs() < 1e-15);
    /// assert!((p[2] - 23.025850929890456).abs() < 1e-14 && (p[3] / -9.241265521729427e-17 - 1.0).abs() < 1e-14);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Unsupported`] when the device lacks kernels for `T`; device faults.
    pub fn digamma(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::Digamma)
    }

    /// Elementwise exponentially scaled modified Bessel function of order 0,
    /// `e^−|x|·I0(x)` (SciPy's `i0e`, `cupyx.scipy.special.i0e`): [`i0`](Array::i0)'s
    /// Chebyshev series without the exponential, so finite everywhere (0 at ±∞) where I0
    /// overflows past 713.98.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![0.0f64, 1.0, 1e4], 3)?;
    /// let y = x.i0e()?.to_vec()?;
    /// assert!(y[0] == 1.0 && (y[1] - 0.46575960759364043).abs() < 1e-16 && (y[2] - 0.003989472674604732).abs() < 1e-17);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Unsupported`] when the device lacks kernels for `T`; device faults.
    pub fn i0e(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::I0e)
    }

    /// Elementwise modified Bessel function of the first kind of order 1 (SciPy's `i1`,
    /// `cupyx.scipy.special.i1`), odd: Chebyshev series in Cephes' form with
    /// coefficients computed by mpmath (`x·e^|x|·A(|x|/2 − 2)` up to 8,
    /// `e^|x|·B(32/|x| − 2)/√|x|` above), `e^|x|` in two halves so that it is finite up
    /// to its own overflow near 713.99; CUDA's `cyl_bessel_i1`.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![0.0f64, 1.0, -10.0], 3)?;
    /// let y = x.i1()?.to_vec()?;
    /// assert!(y[0] == 0.0 && (y[1] - 0.565159103992485).abs() < 1e-15 && (y[2] / -2670.9883037012546 - 1.0).abs() < 1e-14);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Unsupported`] when the device lacks kernels for `T`; device faults.
    pub fn i1(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::I1)
    }

    /// Elementwise `e^−|x|·I1(x)` (SciPy's `i1e`, `cupyx.scipy.special.i1e`): odd, ±0 at
    /// ±∞, finite everywhere.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![1.0f64, -1e4], 2)?;
    /// let y = x.i1e()?.to_vec()?;
    /// assert!((y[0] - 0.20791041534970844).abs() < 1e-16 && (y[1] + 0.003989273195983662).abs() < 1e-17);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Unsupported`] when the device lacks kernels for `T`; device faults.
    pub fn i1e(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::I1e)
    }

    /// Elementwise scaled complementary error function `e^(x²)·erfc(x)` (SciPy's
    /// `erfcx`, `cupyx.scipy.special.erfcx`), finite where erfc underflows: ≈
    /// `1/(x√π)` for large x, so `erfcx(1e10)` = 5.64e-11 where `e^(x²)·erfc(x)` is ∞·0.
    /// msun's erfc tail without its `e^(−x²)` from 1.25, its asymptotic series from 28,
    /// and `2e^(x²) − erfcx(−x)` below −1.25 with x² split exactly (+∞ below −26.6);
    /// CUDA's `erfcx`.
    ///
    /// ```
    /// let x = gpu::Array::from_vec(vec![0.0f64, 1.0, 30.0, -2.0, 1e10], 5)?;
    /// let y = x.erfcx()?.to_vec()?;
    /// assert!(y[0] == 1.0 && (y[1] - 0.427583576155807).abs() < 1e-16);
    /// assert!((y[2] / 0.01879588886141675 - 1.0).abs() < 1e-15 && (y[3] / 108.94090438997797 - 1.0).abs() < 1e-15);
    /// assert!((y[4] / 5.641895835477563e-11 - 1.0).abs() < 1e-15);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Unsupported`] when the device lacks kernels for `T`; device faults.
    pub fn erfcx(&self) -> Result<Array<T>> {
        self.unary(UnaryOp::Erfcx)
    }
}

impl<T: Scalar> Array<T> {
    /// Converts every element to `U` (floats → integers truncate toward zero and
    /// saturate; NaN → 0 on the CPU; `bool` ↔ numbers as 0/1 and `x != 0`).
    ///
    /// # Errors
    /// [`Error::Unsupported`] when the device lacks kernels for `T` or `U`.
    ///
    /// ```
    /// let a = gpu::Array::from_vec(vec![1.7f32, -2.5, 3.0], 3)?;
    /// assert_eq!(a.cast::<i32>()?.to_vec()?, vec![1, -2, 3]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn cast<U: Scalar>(&self) -> Result<Array<U>> {
        check_supported(&self.device, T::DTYPE)?;
        check_supported(&self.device, U::DTYPE)?;
        check_output(self.shape(), U::DTYPE)?;
        let storage = on_backend!(&self.device, be => be.wrap(be.cast(T::DTYPE, U::DTYPE, self.storage_of(be)?)?));
        Ok(Array::from_storage(storage, Layout::contiguous(self.shape()), self.device.clone()))
    }
}

/// `mask ? on_true : on_false` elementwise, all three broadcast together (NumPy's
/// `where`). Host data is uploaded to the device of the array arguments.
///
/// # Errors
/// [`Error::BroadcastMismatch`] or [`Error::DeviceMismatch`].
///
/// ```
/// use gpu::Array;
/// let x = Array::from_vec(vec![-1.0f32, 2.0, -3.0], 3)?;
/// let zero = Array::from_vec(vec![0.0f32], 1)?;
/// let y = gpu::where_(&x.gt_scalar(0.0)?, &x, &zero)?;
/// assert_eq!(y.to_vec()?, vec![0.0, 2.0, 0.0]);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn where_<T: Scalar>(mask: &Array<bool>, on_true: impl AsArray<T>, on_false: impl AsArray<T>) -> Result<Array<T>> {
    let dev = mask.device().clone();
    let a = resolve_on("where", &on_true, &dev)?;
    let b = resolve_on("where", &on_false, &dev)?;
    check_supported(&dev, T::DTYPE)?;
    let s = broadcast_shapes("where", a.shape(), b.shape())?;
    let shape = broadcast_shapes("where", mask.shape(), &s)?;
    check_output(&shape, T::DTYPE)?;
    let (lm, la, lb) =
        (mask.layout.broadcast_to(&shape)?, a.layout.broadcast_to(&shape)?, b.layout.broadcast_to(&shape)?);
    let storage = on_backend!(&dev, be => {
        let m = View { storage: be.storage(&mask.storage)?, layout: &lm };
        let x = View { storage: be.storage(&a.storage)?, layout: &la };
        let y = View { storage: be.storage(&b.storage)?, layout: &lb };
        be.wrap(be.select(T::DTYPE, m, x, y, &shape)?)
    });
    Ok(Array::from_storage(storage, Layout::contiguous(&shape), dev))
}

/// `op(a, b, c)` elementwise for a float dtype, all three broadcast together; `b` and `c`
/// are uploaded to `a`'s device when they are host data.
pub(crate) fn ternary<T: Float>(
    op: TernaryOp,
    a: &Array<T>,
    b: impl AsArray<T>,
    c: impl AsArray<T>,
) -> Result<Array<T>> {
    let dev = a.device();
    let (b, c) = (resolve_on(op.name(), &b, dev)?, resolve_on(op.name(), &c, dev)?);
    let (shape, [la, lb, lc]) = broadcast_floats(op.name(), [a, &b, &c])?;
    let storage = on_backend!(dev, be => {
        let va = View { storage: be.storage(&a.storage)?, layout: &la };
        let vb = View { storage: be.storage(&b.storage)?, layout: &lb };
        let vc = View { storage: be.storage(&c.storage)?, layout: &lc };
        be.wrap(be.ternary(op, T::DTYPE, [va, vb, vc], &shape)?)
    });
    Ok(Array::from_storage(storage, Layout::contiguous(&shape), dev.clone()))
}

/// `op(a, b, c, d)` elementwise for a float dtype, all four broadcast together; the
/// others are uploaded to `a`'s device when they are host data.
pub(crate) fn quaternary<T: Float>(
    op: QuaternaryOp,
    a: &Array<T>,
    b: impl AsArray<T>,
    c: impl AsArray<T>,
    d: impl AsArray<T>,
) -> Result<Array<T>> {
    let dev = a.device();
    let (b, c) = (resolve_on(op.name(), &b, dev)?, resolve_on(op.name(), &c, dev)?);
    let d = resolve_on(op.name(), &d, dev)?;
    let (shape, [la, lb, lc, ld]) = broadcast_floats(op.name(), [a, &b, &c, &d])?;
    let storage = on_backend!(dev, be => {
        let va = View { storage: be.storage(&a.storage)?, layout: &la };
        let vb = View { storage: be.storage(&b.storage)?, layout: &lb };
        let vc = View { storage: be.storage(&c.storage)?, layout: &lc };
        let vd = View { storage: be.storage(&d.storage)?, layout: &ld };
        be.wrap(be.quaternary(op, T::DTYPE, [va, vb, vc, vd], &shape)?)
    });
    Ok(Array::from_storage(storage, Layout::contiguous(&shape), dev.clone()))
}

/// The shape `N` float arrays on one device broadcast to, checked as an output, and their
/// layouts broadcast to it.
fn broadcast_floats<T: Float, const N: usize>(
    name: &'static str,
    arrays: [&Array<T>; N],
) -> Result<(Vec<usize>, [Layout; N])> {
    check_supported(arrays[0].device(), T::DTYPE)?;
    let mut shape = arrays[0].shape().to_vec();
    for x in &arrays[1..] {
        shape = broadcast_shapes(name, &shape, x.shape())?;
    }
    check_output(&shape, T::DTYPE)?;
    let mut layouts = arrays.map(|x| x.layout.clone());
    for (l, x) in layouts.iter_mut().zip(arrays) {
        *l = x.layout.broadcast_to(&shape)?;
    }
    Ok((shape, layouts))
}
