//! `std::ops` operators: `&a + &b`, `&a * 2.0`, `2.0 - &a`, `-&a`, `a += &b`, `a *= 2.0`;
//! on integer arrays `&a & &b`, `&a | 3`, `&a ^ &b`, `&a << 2`, `&a >> &s`, `!&a` (and
//! their `&=`… forms); on masks `&m & &k`, `&m | &k`, `&m ^ &k`, `!&m`.
//!
//! Operators cannot return `Result`, so they panic with the [`Error`](crate::Error)'s
//! message on failure (mismatched shapes or devices); use the named methods (`add`,
//! `add_assign_`, …) for the fallible forms. An owned left operand (`a * b + c`) is
//! reused as the output when it is the sole owner of a contiguous buffer of the result
//! shape — the temporary elision NumPy performs — so chains allocate once.

use std::ops::{
    Add, AddAssign, BitAnd, BitAndAssign, BitOr, BitOrAssign, BitXor, BitXorAssign, Div, DivAssign, Mul, MulAssign,
    Neg, Not, Rem, RemAssign, Shl, ShlAssign, Shr, ShrAssign, Sub, SubAssign,
};

use crate::array::Array;
use crate::backend::BinaryOp;
use crate::dtype::{Element, Integer};
use crate::error::Result;
use crate::ops::elementwise::{binary, Arg};

#[track_caller]
fn ok<T>(r: Result<T>) -> T {
    match r {
        Ok(v) => v,
        Err(e) => panic!("{e}"),
    }
}

/// `lhs op rhs`, writing into `lhs`'s buffer when the result has `lhs`'s shape.
fn owned_binary<T: Element>(mut lhs: Array<T>, op: BinaryOp, rhs: Arg<'_, T>) -> Result<Array<T>> {
    let fits = match rhs {
        Arg::Array(r) => crate::layout::broadcast_shapes(op.name(), lhs.shape(), r.shape())? == lhs.shape(),
        Arg::Scalar(_) => true,
    };
    if fits {
        lhs.assign(op, rhs)?;
        Ok(lhs)
    } else {
        binary(op, Arg::Array(&lhs), rhs)
    }
}

macro_rules! operator {
    ($bound:ident: $tr:ident, $method:ident, $atr:ident, $amethod:ident, $op:ident) => {
        impl<T: $bound> $tr<&Array<T>> for &Array<T> {
            type Output = Array<T>;
            #[track_caller]
            fn $method(self, rhs: &Array<T>) -> Array<T> {
                ok(binary(BinaryOp::$op, Arg::Array(self), Arg::Array(rhs)))
            }
        }

        impl<T: $bound> $tr<Array<T>> for &Array<T> {
            type Output = Array<T>;
            #[track_caller]
            fn $method(self, rhs: Array<T>) -> Array<T> {
                ok(binary(BinaryOp::$op, Arg::Array(self), Arg::Array(&rhs)))
            }
        }

        impl<T: $bound> $tr<&Array<T>> for Array<T> {
            type Output = Array<T>;
            #[track_caller]
            fn $method(self, rhs: &Array<T>) -> Array<T> {
                ok(owned_binary(self, BinaryOp::$op, Arg::Array(rhs)))
            }
        }

        impl<T: $bound> $tr<Array<T>> for Array<T> {
            type Output = Array<T>;
            #[track_caller]
            fn $method(self, rhs: Array<T>) -> Array<T> {
                ok(owned_binary(self, BinaryOp::$op, Arg::Array(&rhs)))
            }
        }

        impl<T: $bound> $tr<T> for &Array<T> {
            type Output = Array<T>;
            #[track_caller]
            fn $method(self, rhs: T) -> Array<T> {
                ok(binary(BinaryOp::$op, Arg::Array(self), Arg::Scalar(rhs)))
            }
        }

        impl<T: $bound> $tr<T> for Array<T> {
            type Output = Array<T>;
            #[track_caller]
            fn $method(self, rhs: T) -> Array<T> {
                ok(owned_binary(self, BinaryOp::$op, Arg::Scalar(rhs)))
            }
        }

        impl<T: $bound> $atr<&Array<T>> for Array<T> {
            #[track_caller]
            fn $amethod(&mut self, rhs: &Array<T>) {
                ok(self.assign(BinaryOp::$op, Arg::Array(rhs)))
            }
        }

        impl<T: $bound> $atr<T> for Array<T> {
            #[track_caller]
            fn $amethod(&mut self, rhs: T) {
                ok(self.assign(BinaryOp::$op, Arg::Scalar(rhs)))
            }
        }
    };
}

operator!(Element: Add, add, AddAssign, add_assign, Add);
operator!(Element: Sub, sub, SubAssign, sub_assign, Sub);
operator!(Element: Mul, mul, MulAssign, mul_assign, Mul);
operator!(Element: Div, div, DivAssign, div_assign, Div);
operator!(Element: Rem, rem, RemAssign, rem_assign, Rem);
operator!(Integer: BitAnd, bitand, BitAndAssign, bitand_assign, BitAnd);
operator!(Integer: BitOr, bitor, BitOrAssign, bitor_assign, BitOr);
operator!(Integer: BitXor, bitxor, BitXorAssign, bitxor_assign, BitXor);
operator!(Integer: Shl, shl, ShlAssign, shl_assign, Shl);
operator!(Integer: Shr, shr, ShrAssign, shr_assign, Shr);

impl<T: Integer> Not for &Array<T> {
    type Output = Array<T>;
    #[track_caller]
    fn not(self) -> Array<T> {
        ok(self.bitwise_not())
    }
}

impl<T: Integer> Not for Array<T> {
    type Output = Array<T>;
    #[track_caller]
    fn not(self) -> Array<T> {
        ok(owned_binary(self, BinaryOp::BitXor, Arg::Scalar(T::ALL_ONES)))
    }
}

/// Scalar on the left (`2.0 * &a`, `1.0 - &a`): one impl per concrete type (a generic
/// impl for a foreign left-hand type is not allowed).
macro_rules! scalar_lhs {
    ($($t:ty),*) => {$(
        impl Add<&Array<$t>> for $t {
            type Output = Array<$t>;
            #[track_caller]
            fn add(self, rhs: &Array<$t>) -> Array<$t> {
                ok(binary(BinaryOp::Add, Arg::Scalar(self), Arg::Array(rhs)))
            }
        }
        impl Sub<&Array<$t>> for $t {
            type Output = Array<$t>;
            #[track_caller]
            fn sub(self, rhs: &Array<$t>) -> Array<$t> {
                ok(binary(BinaryOp::Sub, Arg::Scalar(self), Arg::Array(rhs)))
            }
        }
        impl Mul<&Array<$t>> for $t {
            type Output = Array<$t>;
            #[track_caller]
            fn mul(self, rhs: &Array<$t>) -> Array<$t> {
                ok(binary(BinaryOp::Mul, Arg::Scalar(self), Arg::Array(rhs)))
            }
        }
        impl Div<&Array<$t>> for $t {
            type Output = Array<$t>;
            #[track_caller]
            fn div(self, rhs: &Array<$t>) -> Array<$t> {
                ok(binary(BinaryOp::Div, Arg::Scalar(self), Arg::Array(rhs)))
            }
        }
    )*};
}

scalar_lhs!(f32, f64, i32, u32);

impl<T: Element> Neg for &Array<T> {
    type Output = Array<T>;
    #[track_caller]
    fn neg(self) -> Array<T> {
        ok(Array::neg(self))
    }
}

impl<T: Element> Neg for Array<T> {
    type Output = Array<T>;
    #[track_caller]
    fn neg(self) -> Array<T> {
        ok(Array::neg(&self))
    }
}

/// Mask operators: `&a & &b`, `&a | &b`, `&a ^ &b` (borrowed or owned operands) run
/// [`Array::logical_and`] / `logical_or` / `logical_xor`.
macro_rules! mask_operator {
    ($tr:ident, $method:ident, $logical:ident) => {
        impl $tr<&Array<bool>> for &Array<bool> {
            type Output = Array<bool>;
            #[track_caller]
            fn $method(self, rhs: &Array<bool>) -> Array<bool> {
                ok(self.$logical(rhs))
            }
        }

        impl $tr<Array<bool>> for Array<bool> {
            type Output = Array<bool>;
            #[track_caller]
            fn $method(self, rhs: Array<bool>) -> Array<bool> {
                ok(self.$logical(&rhs))
            }
        }
    };
}

mask_operator!(BitAnd, bitand, logical_and);
mask_operator!(BitOr, bitor, logical_or);
mask_operator!(BitXor, bitxor, logical_xor);

/// `!&mask`: [`Array::logical_not`].
impl Not for &Array<bool> {
    type Output = Array<bool>;
    #[track_caller]
    fn not(self) -> Array<bool> {
        ok(self.logical_not())
    }
}

/// `!mask`: [`Array::logical_not`].
impl Not for Array<bool> {
    type Output = Array<bool>;
    #[track_caller]
    fn not(self) -> Array<bool> {
        ok(self.logical_not())
    }
}
