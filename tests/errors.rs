//! Every fallible public function provoked into its error: the exact `Error` variant
//! (with `matches!`, field values included where they are known) and a Display message
//! that names the offending shapes, axes, dtypes or devices. Shape and axis errors run
//! on every backend; device errors, and operators panicking with the error's message,
//! run once.

#[macro_use]
mod common;

use std::panic::{catch_unwind, AssertUnwindSafe};

use common::{arr, panic_text, sh};
use gpu::{random, Array, Device, Error};

/// `expect_err!(expr, Pattern, "part", …)`: `expr` is an `Err` matching `Pattern` whose
/// message contains every part. Evaluates to the error.
macro_rules! expect_err {
    ($e:expr, $pat:pat $(, $part:expr)* $(,)?) => {{
        match $e {
            Ok(_) => panic!("`{}`: expected an error, got Ok", stringify!($e)),
            Err(err) => {
                assert!(matches!(err, $pat), "`{}`: wrong variant: {err:?}", stringify!($e));
                #[allow(unused_variables)]
                let msg = err.to_string();
                $(
                    let part: &str = &$part;
                    assert!(msg.contains(part), "`{}`: message {msg:?} does not contain {part:?}", stringify!($e));
                )*
                err
            }
        }
    }};
}

backend_tests! {
    fn length_mismatch(dev) {
        expect_err!(
            Array::from_vec(vec![1, 2, 3], [2, 2]),
            Error::LengthMismatch { len: 3, expected: 4, .. },
            "length 3", sh(&[2, 2]), "4 elements"
        );
        expect_err!(
            Array::from_slice(&[1.0f32; 5], [2, 3]),
            Error::LengthMismatch { len: 5, expected: 6, .. },
            "5", sh(&[2, 3]), "6"
        );
        expect_err!(Array::<i32>::from_vec(vec![], []), Error::LengthMismatch { len: 0, expected: 1, .. }, "[]");
        expect_err!(Array::from_vec(vec![1u32], [0]), Error::LengthMismatch { len: 1, expected: 0, .. }, sh(&[0]));
        // The successful forms, for contrast.
        assert_eq!(Array::from_slice(&[1.0f32; 6], [2, 3])?.to(dev)?.shape(), &[2, 3]);
        Ok(())
    }

    fn shape_overflow(dev) {
        let huge = [usize::MAX, 2];
        expect_err!(Array::<f32>::from_vec(vec![], huge), Error::ShapeOverflow { .. }, sh(&huge));
        expect_err!(Array::<f32>::from_slice(&[1.0], huge), Error::ShapeOverflow { .. }, sh(&huge));
        expect_err!(Array::<f32>::zeros(huge, dev), Error::ShapeOverflow { .. }, sh(&huge));
        expect_err!(Array::<i32>::ones(huge, dev), Error::ShapeOverflow { .. }, sh(&huge));
        expect_err!(Array::<u32>::full(huge, 3, dev), Error::ShapeOverflow { .. }, sh(&huge));
        let over = [isize::MAX as usize + 1];
        expect_err!(Array::<f32>::zeros(over, dev), Error::ShapeOverflow { .. }, sh(&over));
        expect_err!(random::uniform::<f32>(huge, 0.0, 1.0, 1, dev), Error::ShapeOverflow { .. }, sh(&huge));
        expect_err!(random::normal::<f64>(huge, 0.0, 1.0, 1, dev), Error::ShapeOverflow { .. }, sh(&huge));
        expect_err!(arr(&[2], dev)?.reshape(huge), Error::ShapeOverflow { .. }, sh(&huge));
        expect_err!(Array::<f64>::arange(0.0, 1e300, 1e-300, dev), Error::ShapeOverflow { .. });
        Ok(())
    }

    fn byte_size_overflow_is_an_error_not_a_panic(dev) {
        // 2^62 elements: the count fits in isize, the byte size (2^64 or more) does not.
        let shape = [1usize << 62];
        type Make<'a> = Box<dyn Fn() -> gpu::Result<()> + 'a>;
        let makers: [(&str, Make); 5] = [
            ("zeros::<f32>", Box::new(|| Array::<f32>::zeros(shape, dev).map(drop))),
            ("full::<i32>", Box::new(|| Array::<i32>::full(shape, 7, dev).map(drop))),
            ("arange::<f64>", Box::new(|| Array::<f64>::arange(0.0, (1u64 << 62) as f64, 1.0, dev).map(drop))),
            ("uniform::<f32>", Box::new(|| random::uniform::<f32>(shape, 0.0, 1.0, 1, dev).map(drop))),
            ("normal::<f64>", Box::new(|| random::normal::<f64>(shape, 0.0, 1.0, 1, dev).map(drop))),
        ];
        let mut failures = Vec::new();
        for (name, make) in makers {
            match catch_unwind(AssertUnwindSafe(make)) {
                Err(p) => failures.push(format!("{name}({shape:?}) panicked: {}", panic_text(p))),
                Ok(Ok(())) => failures.push(format!("{name}({shape:?}) succeeded")),
                Ok(Err(Error::ShapeOverflow { .. } | Error::OutOfMemory { .. } | Error::TooLarge { .. })) => {}
                Ok(Err(e)) => failures.push(format!("{name}({shape:?}): unexpected {e:?}")),
            }
        }
        assert!(failures.is_empty(), "byte-size overflow must be an error:\n{}", failures.join("\n"));
        Ok(())
    }

    fn broadcast_to_overflow(dev) {
        let s = Array::<f32>::scalar(1.0, dev)?;
        let huge = [usize::MAX, 2];
        expect_err!(s.broadcast_to(huge), Error::ShapeOverflow { .. }, sh(&huge));
        Ok(())
    }

    fn reshape_mismatch(dev) {
        let a = arr(&[2, 3], dev)?;
        let e = expect_err!(
            a.reshape([4, 2]),
            Error::ReshapeMismatch { .. },
            sh(&[2, 3]), sh(&[4, 2]), "6 elements", "8 elements"
        );
        assert_eq!(e, Error::ReshapeMismatch { from: vec![2, 3], to: vec![4, 2] });
        expect_err!(a.t().reshape([5]), Error::ReshapeMismatch { .. }, sh(&[3, 2]), sh(&[5]));
        expect_err!(a.reshape(Vec::<usize>::new()), Error::ReshapeMismatch { .. }, "[]", "1 elements");
        expect_err!(Array::<f32>::scalar(1.0, dev)?.reshape([2]), Error::ReshapeMismatch { .. }, sh(&[2]));
        expect_err!(Array::<f32>::zeros([0, 3], dev)?.reshape([1]), Error::ReshapeMismatch { .. }, sh(&[0, 3]));
        Ok(())
    }

    fn broadcast_mismatch_in_binary_compare_where(dev) {
        let (a, b) = (arr(&[2, 3], dev)?, arr(&[4], dev)?);
        let parts = [sh(&[2, 3]), sh(&[4])];
        let results = [
            ("add", a.add(&b)),
            ("sub", a.sub(&b)),
            ("mul", a.mul(&b)),
            ("div", a.div(&b)),
            ("maximum", a.maximum(&b)),
            ("pow", a.pow(&b)),
        ];
        for (name, r) in results {
            let e = expect_err!(r, Error::BroadcastMismatch { .. }, name, parts[0], parts[1]);
            assert!(matches!(e, Error::BroadcastMismatch { op, .. } if op == name));
        }
        let e = expect_err!(b.add(&a), Error::BroadcastMismatch { .. });
        assert_eq!(e, Error::BroadcastMismatch { op: "add", lhs: vec![4], rhs: vec![2, 3] });
        let masks = [
            ("eq", a.eq(&b)),
            ("ne", a.ne(&b)),
            ("lt", a.lt(&b)),
            ("le", a.le(&b)),
            ("gt", a.gt(&b)),
            ("ge", a.ge(&b)),
        ];
        for (name, r) in masks {
            expect_err!(r, Error::BroadcastMismatch { .. }, name, parts[0], parts[1]);
        }
        // Size 0 against size 2 does not broadcast either.
        expect_err!(arr(&[0], dev)?.add(&arr(&[2], dev)?), Error::BroadcastMismatch { .. }, sh(&[0]), sh(&[2]));
        let mask = arr(&[3], dev)?.gt_scalar(1.0)?;
        let c = arr(&[3], dev)?;
        expect_err!(gpu::where_(&mask, &c, &b), Error::BroadcastMismatch { op: "where", .. }, sh(&[3]), sh(&[4]));
        expect_err!(gpu::where_(&mask, &b, &b), Error::BroadcastMismatch { op: "where", .. }, sh(&[3]), sh(&[4]));
        Ok(())
    }

    fn broadcast_to_incompatible(dev) {
        let a = arr(&[3], dev)?;
        let e = expect_err!(a.broadcast_to([4]), Error::BroadcastTo { .. }, sh(&[3]), sh(&[4]));
        assert_eq!(e, Error::BroadcastTo { from: vec![3], to: vec![4] });
        expect_err!(arr(&[2, 3], dev)?.broadcast_to([3]), Error::BroadcastTo { .. }, sh(&[2, 3]), sh(&[3]));
        expect_err!(a.broadcast_to([2, 0]), Error::BroadcastTo { .. }, sh(&[2, 0]));
        expect_err!(arr(&[0], dev)?.broadcast_to([3]), Error::BroadcastTo { .. }, sh(&[0]), sh(&[3]));
        expect_err!(a.broadcast_to(Vec::<usize>::new()), Error::BroadcastTo { .. }, sh(&[3]), "[]");
        Ok(())
    }

    fn in_place_rhs_must_broadcast_to_self(dev) {
        let mut a = arr(&[3], dev)?;
        let e = expect_err!(a.add_assign_(&arr(&[2, 3], dev)?), Error::BroadcastTo { .. }, sh(&[2, 3]), sh(&[3]));
        assert_eq!(e, Error::BroadcastTo { from: vec![2, 3], to: vec![3] });
        assert_eq!(a.to_vec()?, vec![0.0, 1.0, 2.0], "a failed in-place op must leave self unchanged");
        // Broadcast-compatible, but the result would not have self's shape.
        let mut row = arr(&[1, 3], dev)?;
        expect_err!(row.mul_assign_(&arr(&[2, 3], dev)?), Error::BroadcastTo { .. }, sh(&[2, 3]), sh(&[1, 3]));
        assert_eq!(row.shape(), &[1, 3]);
        let mut m = arr(&[2, 3], dev)?;
        expect_err!(m.sub_assign_(&arr(&[2], dev)?), Error::BroadcastTo { .. }, sh(&[2]), sh(&[2, 3]));
        expect_err!(m.maximum_assign_(&arr(&[3, 3], dev)?), Error::BroadcastTo { .. }, sh(&[3, 3]));
        assert_eq!(m.to_vec()?, vec![0.0, 1.0, 2.0, 3.0, 4.0, 5.0]);
        Ok(())
    }

    fn axis_out_of_range(dev) {
        let a = arr(&[2, 3], dev)?;
        let s = sh(&[2, 3]);
        let e = expect_err!(
            a.slice(2, None, None, 1),
            Error::AxisOutOfRange { axis: 2, .. },
            "axis 2", s, "2 dimensions"
        );
        assert_eq!(e, Error::AxisOutOfRange { axis: 2, shape: vec![2, 3] });
        expect_err!(a.slice(-3, Some(0), None, 1), Error::AxisOutOfRange { axis: -3, .. }, "axis -3", s);
        expect_err!(a.squeeze(2), Error::AxisOutOfRange { axis: 2, .. }, "axis 2", s);
        expect_err!(a.squeeze(-3), Error::AxisOutOfRange { axis: -3, .. }, "axis -3", s);
        expect_err!(a.unsqueeze(3), Error::AxisOutOfRange { axis: 3, .. }, "axis 3", s);
        expect_err!(a.unsqueeze(-4), Error::AxisOutOfRange { axis: -4, .. }, "axis -4", s);
        expect_err!(a.sum_axis(2, false), Error::AxisOutOfRange { axis: 2, .. }, "axis 2", s);
        expect_err!(a.sum_axis(-3, true), Error::AxisOutOfRange { axis: -3, .. }, "axis -3", s);
        expect_err!(a.max_axis(7, false), Error::AxisOutOfRange { axis: 7, .. }, "axis 7", s);
        expect_err!(a.mean_axis(2, false), Error::AxisOutOfRange { axis: 2, .. }, s);
        expect_err!(a.sum_axes(&[0, 3], false), Error::AxisOutOfRange { axis: 3, .. }, s);
        expect_err!(a.argmax_axis(2, false), Error::AxisOutOfRange { axis: 2, .. }, "axis 2", s);
        expect_err!(a.argmin_axis(-5, false), Error::AxisOutOfRange { axis: -5, .. }, "axis -5", s);
        expect_err!(a.index_axis(2, 0), Error::AxisOutOfRange { axis: 2, .. }, "axis 2", s);
        expect_err!(a.index_axis(-3, 0), Error::AxisOutOfRange { axis: -3, .. }, s);
        // 0-d arrays have no axes at all (but unsqueeze(0) and unsqueeze(-1) are fine).
        let z = Array::<f32>::scalar(1.0, dev)?;
        expect_err!(z.sum_axis(0, false), Error::AxisOutOfRange { axis: 0, .. }, "[]", "0 dimensions");
        expect_err!(z.slice(0, None, None, 1), Error::AxisOutOfRange { axis: 0, .. }, "[]");
        expect_err!(z.index_axis(-1, 0), Error::AxisOutOfRange { axis: -1, .. }, "[]");
        expect_err!(z.squeeze(0), Error::AxisOutOfRange { axis: 0, .. }, "[]");
        expect_err!(z.unsqueeze(1), Error::AxisOutOfRange { axis: 1, .. }, "[]");
        expect_err!(z.argmax_axis(0, false), Error::AxisOutOfRange { axis: 0, .. }, "[]");
        Ok(())
    }

    fn index_out_of_bounds(dev) {
        let a = arr(&[2, 3], dev)?;
        let e = expect_err!(
            a.index_axis(1, 3),
            Error::IndexOutOfBounds { index: 3, axis: 1, len: 3, .. },
            "index 3", "axis 1", "length 3", sh(&[2, 3])
        );
        assert_eq!(e, Error::IndexOutOfBounds { index: 3, axis: 1, len: 3, shape: vec![2, 3] });
        expect_err!(
            a.index_axis(-1, -4),
            Error::IndexOutOfBounds { index: -4, axis: 1, len: 3, .. },
            "index -4", "axis 1"
        );
        expect_err!(a.index_axis(0, 2), Error::IndexOutOfBounds { index: 2, axis: 0, len: 2, .. }, "length 2");
        let e0 = arr(&[2, 0], dev)?;
        expect_err!(e0.index_axis(1, 0), Error::IndexOutOfBounds { index: 0, axis: 1, len: 0, .. }, sh(&[2, 0]));
        Ok(())
    }

    fn slice_step_zero(dev) {
        let a = arr(&[2, 3], dev)?;
        let e = expect_err!(a.slice(0, None, None, 0), Error::ZeroStep { axis: 0, .. }, "step", "axis 0", sh(&[2, 3]));
        assert_eq!(e, Error::ZeroStep { axis: 0, shape: vec![2, 3] });
        expect_err!(a.slice(-1, Some(1), Some(2), 0), Error::ZeroStep { axis: 1, .. }, "axis 1", sh(&[2, 3]));
        expect_err!(arr(&[0], dev)?.slice(0, None, None, 0), Error::ZeroStep { axis: 0, .. }, sh(&[0]));
        Ok(())
    }

    fn squeeze_of_a_longer_axis(dev) {
        let a = arr(&[2, 1], dev)?;
        let e = expect_err!(
            a.squeeze(0),
            Error::SqueezeNotOne { axis: 0, len: 2, .. },
            "axis 0", sh(&[2, 1]), "length is 2"
        );
        assert_eq!(e, Error::SqueezeNotOne { axis: 0, len: 2, shape: vec![2, 1] });
        expect_err!(
            arr(&[2, 3], dev)?.squeeze(-1),
            Error::SqueezeNotOne { axis: 1, len: 3, .. },
            "axis 1", "length is 3"
        );
        expect_err!(arr(&[1, 0], dev)?.squeeze(1), Error::SqueezeNotOne { axis: 1, len: 0, .. }, sh(&[1, 0]));
        assert_eq!(a.squeeze(-1)?.shape(), &[2]);
        Ok(())
    }

    fn invalid_transpose_permutation(dev) {
        let a = arr(&[2, 3, 4], dev)?;
        let s = sh(&[2, 3, 4]);
        for axes in [&[0, 1][..], &[0, 1, 2, 0], &[0, 1, 1], &[0, -1, 2], &[0, 1, 3], &[-4, 0, 1], &[]] {
            let e = expect_err!(a.transpose(axes), Error::InvalidPermutation { .. }, format!("{axes:?}"), s, "3 axes");
            assert_eq!(e, Error::InvalidPermutation { axes: axes.to_vec(), shape: vec![2, 3, 4] });
        }
        expect_err!(Array::<f32>::scalar(1.0, dev)?.transpose(&[0]), Error::InvalidPermutation { .. }, "[0]", "0 axes");
        Ok(())
    }

    fn join_shapes(dev) {
        let (a, b) = (arr(&[2, 3], dev)?, arr(&[2, 4], dev)?);
        let e = expect_err!(
            gpu::concatenate(&[&a, &a, &b], 0),
            Error::JoinShape { op: "concatenate", index: 2, .. },
            "concatenate", "array 2", sh(&[2, 4]), sh(&[2, 3]), "axis 0"
        );
        assert!(matches!(&e, Error::JoinShape { shape, first, .. } if shape == &[2, 4] && first == &[2, 3]));
        assert_eq!(gpu::concatenate(&[&a, &b], 1)?.shape(), &[2, 7]);
        expect_err!(
            gpu::concatenate(&[&a, &arr(&[6], dev)?], 0),
            Error::JoinShape { op: "concatenate", index: 1, .. },
            sh(&[6]), "number of dimensions"
        );
        expect_err!(gpu::concatenate(&[&a, &b], 2), Error::AxisOutOfRange { axis: 2, .. }, "axis 2", sh(&[2, 3]));
        expect_err!(gpu::concatenate(&[&a, &b], -3), Error::AxisOutOfRange { axis: -3, .. });
        expect_err!(gpu::concatenate::<f32, Array<f32>>(&[], 0), Error::InvalidArgument { op: "concatenate", .. }, "at least one");
        let z = Array::<f32>::scalar(1.0, dev)?;
        expect_err!(gpu::concatenate(&[&z, &z], 0), Error::InvalidArgument { op: "concatenate", .. }, "0-d");
        // stack: equal shapes, axis in -(ndim + 1)..=ndim.
        expect_err!(
            gpu::stack(&[&a, &b], 0),
            Error::JoinShape { op: "stack", index: 1, .. },
            "stack", sh(&[2, 4]), sh(&[2, 3]), "one shape"
        );
        assert_eq!(gpu::stack(&[&a, &a], -3)?.shape(), &[2, 2, 3]);
        expect_err!(gpu::stack(&[&a, &a], 3), Error::AxisOutOfRange { axis: 3, .. }, "axis 3");
        expect_err!(gpu::stack(&[&a, &a], -4), Error::AxisOutOfRange { axis: -4, .. });
        expect_err!(gpu::stack::<f32, &Array<f32>>(&[], 0), Error::InvalidArgument { op: "stack", .. }, "at least one");
        Ok(())
    }

    fn matmul_shapes(dev) {
        let e = expect_err!(
            gpu::matmul(&arr(&[2, 3], dev)?, &arr(&[4, 2], dev)?),
            Error::MatmulShape { op: "matmul", .. },
            "matmul", sh(&[2, 3]), sh(&[4, 2]), "3", "4"
        );
        assert!(matches!(&e, Error::MatmulShape { lhs, rhs, .. } if lhs == &[2, 3] && rhs == &[4, 2]));
        expect_err!(
            arr(&[3], dev)?.matmul(&arr(&[4], dev)?),
            Error::MatmulShape { op: "matmul", .. },
            sh(&[3]), sh(&[4])
        );
        expect_err!(arr(&[3], dev)?.matmul(&arr(&[4, 2], dev)?), Error::MatmulShape { op: "matmul", .. }, sh(&[4, 2]));
        expect_err!(
            arr(&[2, 3], dev)?.matmul(&arr(&[2], dev)?),
            Error::MatmulShape { op: "matmul", .. },
            sh(&[2, 3]), sh(&[2])
        );
        // 0-d operands.
        let z = Array::<f32>::scalar(2.0, dev)?;
        expect_err!(
            gpu::matmul(&z, &arr(&[2, 2], dev)?),
            Error::MatmulShape { op: "matmul", .. },
            "0-d", "[]", sh(&[2, 2])
        );
        expect_err!(arr(&[2], dev)?.matmul(&z), Error::MatmulShape { op: "matmul", .. }, "0-d");
        // Batch dimensions that do not broadcast.
        expect_err!(
            gpu::matmul(&arr(&[2, 3, 4], dev)?, &arr(&[5, 4, 2], dev)?),
            Error::MatmulShape { op: "matmul", .. },
            "batch", sh(&[2, 3, 4]), sh(&[5, 4, 2])
        );
        expect_err!(arr(&[3, 2, 2, 2], dev)?.matmul(&arr(&[4, 2, 2], dev)?), Error::MatmulShape { .. }, "batch");
        Ok(())
    }

    fn dot_shapes(dev) {
        let e = expect_err!(
            gpu::dot(&arr(&[3], dev)?, &arr(&[4], dev)?),
            Error::MatmulShape { op: "dot", .. },
            "dot", sh(&[3]), sh(&[4]), "3 != 4"
        );
        assert!(matches!(&e, Error::MatmulShape { lhs, rhs, .. } if lhs == &[3] && rhs == &[4]));
        expect_err!(
            arr(&[2, 3], dev)?.dot(&arr(&[4, 5], dev)?),
            Error::MatmulShape { op: "dot", .. },
            sh(&[2, 3]), sh(&[4, 5])
        );
        expect_err!(
            arr(&[2, 3], dev)?.dot(&arr(&[4], dev)?),
            Error::MatmulShape { op: "dot", .. },
            sh(&[2, 3]), sh(&[4])
        );
        expect_err!(
            arr(&[3], dev)?.dot(&arr(&[2, 3], dev)?),
            Error::MatmulShape { op: "dot", .. },
            sh(&[3]), sh(&[2, 3])
        );
        expect_err!(
            arr(&[2, 2, 3], dev)?.dot(&arr(&[2, 4, 5], dev)?),
            Error::MatmulShape { op: "dot", .. },
            sh(&[2, 2, 3]), sh(&[2, 4, 5])
        );
        // Host data is checked the same way.
        let (x, y) = (vec![1.0f32; 3], vec![1.0f32; 4]);
        expect_err!(gpu::dot(&x, &y), Error::MatmulShape { op: "dot", .. }, sh(&[3]), sh(&[4]));
        expect_err!(gpu::dot(&arr(&[3], dev)?, &y), Error::MatmulShape { op: "dot", .. }, sh(&[3]), sh(&[4]));
        Ok(())
    }

    fn item_of_non_scalar(dev) {
        let e = expect_err!(arr(&[2], dev)?.item(), Error::NotScalar { .. }, sh(&[2]), "holds 2");
        assert_eq!(e, Error::NotScalar { shape: vec![2] });
        expect_err!(arr(&[0], dev)?.item(), Error::NotScalar { .. }, sh(&[0]), "holds 0");
        expect_err!(arr(&[1, 2], dev)?.item(), Error::NotScalar { .. }, sh(&[1, 2]));
        expect_err!(arr(&[3], dev)?.sum_axis(0, true)?.broadcast_to([2])?.item(), Error::NotScalar { .. }, sh(&[2]));
        assert_eq!(arr(&[1, 1, 1], dev)?.item()?, 0.0);
        Ok(())
    }

    fn reductions_of_empty_arrays(dev) {
        for shape in [&[0][..], &[2, 0], &[0, 3]] {
            let a = arr(shape, dev)?;
            let s = sh(shape);
            expect_err!(a.max(), Error::EmptyReduction { op: "max", .. }, "max", s);
            expect_err!(a.min(), Error::EmptyReduction { op: "min", .. }, "min", s);
            expect_err!(a.argmax(), Error::EmptyReduction { op: "argmax", .. }, "argmax", s);
            expect_err!(a.argmin(), Error::EmptyReduction { op: "argmin", .. }, "argmin", s);
            assert_eq!(a.sum()?.item()?, 0.0, "sum of {s}");
            assert_eq!(a.prod()?.item()?, 1.0, "prod of {s}");
            assert!(a.mean()?.item()?.is_nan(), "mean of {s}");
            assert!(a.var()?.item()?.is_nan() && a.std()?.item()?.is_nan(), "var/std of {s}");
            assert_eq!(a.norm()?.item()?, 0.0, "norm of {s}");
        }
        let i = Array::<i32>::zeros([2, 0], dev)?;
        assert_eq!((i.sum()?.item()?, i.prod()?.item()?), (0, 1));
        expect_err!(i.max(), Error::EmptyReduction { op: "max", .. }, sh(&[2, 0]));
        // Axis forms: an empty reduced axis is an error for max/min/argmax/argmin …
        let a = arr(&[2, 0], dev)?;
        expect_err!(a.max_axis(1, false), Error::EmptyReduction { op: "max", .. }, sh(&[2, 0]));
        expect_err!(a.min_axis(-1, true), Error::EmptyReduction { op: "min", .. }, sh(&[2, 0]));
        expect_err!(a.argmax_axis(1, false), Error::EmptyReduction { op: "argmax", .. }, sh(&[2, 0]));
        expect_err!(a.argmin_axis(-1, false), Error::EmptyReduction { op: "argmin", .. }, sh(&[2, 0]));
        expect_err!(a.max_axes(&[0, 1], false), Error::EmptyReduction { op: "max", .. }, sh(&[2, 0]));
        // … and identities for sum/prod, NaN for mean.
        assert_eq!(a.sum_axis(1, false)?.to_vec()?, vec![0.0, 0.0]);
        assert_eq!(a.prod_axis(1, true)?.shape(), &[2, 1]);
        assert_eq!(a.prod_axis(1, true)?.to_vec()?, vec![1.0, 1.0]);
        let m = a.mean_axis(1, false)?.to_vec()?;
        assert!(m.len() == 2 && m.iter().all(|x| x.is_nan()), "mean over an empty axis: {m:?}");
        // Reducing a non-empty axis of an empty array gives an empty result, not an error.
        let b = arr(&[0, 3], dev)?;
        assert_eq!(b.max_axis(1, false)?.shape(), &[0]);
        assert_eq!(b.argmax_axis(1, true)?.shape(), &[0, 1]);
        assert_eq!(b.sum_axis(0, false)?.to_vec()?, vec![0.0; 3]);
        Ok(())
    }

    fn repeated_reduction_axes(dev) {
        let a = arr(&[2, 3], dev)?;
        expect_err!(
            a.sum_axes(&[0, -2], false),
            Error::InvalidArgument { op: "sum", .. },
            "sum", "[0, -2]", sh(&[2, 3])
        );
        expect_err!(a.max_axes(&[1, 1], true), Error::InvalidArgument { op: "max", .. }, "[1, 1]", sh(&[2, 3]));
        expect_err!(a.mean_axes(&[-1, 1], false), Error::InvalidArgument { op: "mean", .. }, "[-1, 1]");
        assert_eq!(a.sum_axes(&[0, -1], false)?.item()?, 15.0);
        Ok(())
    }

    fn creation_arguments(dev) {
        expect_err!(
            Array::<i32>::arange(0, 10, 0, dev),
            Error::InvalidArgument { op: "arange", .. },
            "arange", "step=0"
        );
        expect_err!(Array::<f32>::arange(0.0, 1.0, 0.0, dev), Error::InvalidArgument { op: "arange", .. }, "step=0");
        expect_err!(Array::<f64>::arange(0.0, f64::NAN, 1.0, dev), Error::InvalidArgument { op: "arange", .. }, "NaN");
        expect_err!(
            Array::<f32>::arange(0.0, 1.0, f32::INFINITY, dev),
            Error::InvalidArgument { op: "arange", .. },
            "inf"
        );
        expect_err!(
            Array::<f64>::linspace(0.0, f64::INFINITY, 5, dev),
            Error::InvalidArgument { op: "linspace", .. },
            "inf"
        );
        expect_err!(
            random::uniform::<f32>([3], 1.0, 1.0, 0, dev),
            Error::InvalidArgument { op: "uniform", .. },
            "low=1", "high=1"
        );
        expect_err!(
            random::uniform::<f64>([3], 2.0, -1.0, 0, dev),
            Error::InvalidArgument { op: "uniform", .. },
            "low=2", "high=-1"
        );
        expect_err!(random::uniform::<i32>([3], 5, 5, 0, dev), Error::InvalidArgument { op: "uniform", .. }, "low=5");
        expect_err!(
            random::uniform::<f32>([3], f32::NAN, 1.0, 0, dev),
            Error::InvalidArgument { op: "uniform", .. },
            "NaN"
        );
        expect_err!(
            random::normal::<f32>([3], 0.0, -1.0, 0, dev),
            Error::InvalidArgument { op: "normal", .. },
            "normal", "std=-1"
        );
        expect_err!(
            random::normal::<f64>([3], f64::NAN, 1.0, 0, dev),
            Error::InvalidArgument { op: "normal", .. },
            "NaN"
        );
        expect_err!(
            random::normal::<f64>([3], 0.0, f64::INFINITY, 0, dev),
            Error::InvalidArgument { op: "normal", .. },
            "inf"
        );
        // The boundary cases are valid: std = 0 gives the mean exactly.
        assert_eq!(random::normal::<f32>([3], 2.5, 0.0, 0, dev)?.to_vec()?, vec![2.5; 3]);
        Ok(())
    }

    fn operators_panic_with_the_message(dev) {
        let (a, b) = (arr(&[2, 3], dev)?, arr(&[4], dev)?);
        type Op<'a> = Box<dyn Fn() -> Array<f32> + 'a>;
        let cases: [(&str, Op); 5] = [
            ("add", Box::new(|| &a + &b)),
            ("sub", Box::new(|| &a - &b)),
            ("mul", Box::new(|| &a * &b)),
            ("div", Box::new(|| a.clone() / &b)),
            ("rem", Box::new(|| &b % a.clone())),
        ];
        for (name, f) in cases {
            let p = catch_unwind(AssertUnwindSafe(f)).expect_err("an operator on mismatched shapes must panic");
            let text = panic_text(p);
            for part in [name, &sh(&[2, 3]), &sh(&[4]), "cannot be broadcast"] {
                assert!(text.contains(part), "{name}: panic message {text:?} does not contain {part:?}");
            }
        }
        let mut c = arr(&[3], dev)?;
        let p = catch_unwind(AssertUnwindSafe(|| c += &a)).expect_err("`+=` with a non-broadcasting rhs must panic");
        let text = panic_text(p);
        assert!(text.contains(&sh(&[2, 3])) && text.contains(&sh(&[3])), "+= panic message {text:?}");
        assert_eq!(c.to_vec()?, vec![0.0, 1.0, 2.0], "a panicking += must leave self unchanged");
        Ok(())
    }
}

// ---- devices --------------------------------------------------------------------------

#[test]
fn device_parse_rejects_malformed_strings() {
    for input in ["tpu", "cuda:x", "cpu:1", "", "gpu", "wgpu:-1", "cuda:", ":0", "cuda:0:1"] {
        let e = expect_err!(Device::parse(input), Error::InvalidDevice { .. }, format!("{input:?}"));
        assert_eq!(e, Error::InvalidDevice { input: input.to_string() });
        for form in ["\"cpu\"", "\"wgpu\"", "\"wgpu:N\"", "\"cuda\"", "\"cuda:N\""] {
            assert!(e.to_string().contains(form), "{input:?}: message {e} does not list {form}");
        }
    }
    assert_eq!(Device::parse(" CPU ").expect("\" CPU \" parses"), Device::cpu());
    assert_eq!(Device::parse("cpu:0").expect("cpu:0 parses"), Device::cpu());
}

/// An absent backend is an error value (`NoDevice`, or `NotCompiled` without its
/// feature) naming the backend — never a panic.
#[track_caller]
fn absent_or_ok(r: gpu::Result<Device>, backend: &str) {
    match r {
        Ok(d) => assert_eq!(d.kind().to_string(), backend),
        Err(e) => {
            assert!(matches!(e, Error::NoDevice { .. } | Error::NotCompiled { .. }), "{backend}: {e:?}");
            assert!(e.to_string().contains(backend), "{backend}: message {e} does not name the backend");
        }
    }
}

#[test]
fn absent_devices_are_errors() {
    absent_or_ok(Device::cuda(0), "cuda");
    absent_or_ok(Device::parse("cuda"), "cuda");
    absent_or_ok(Device::parse("cuda:3"), "cuda");
    absent_or_ok(Device::wgpu(), "wgpu");
    absent_or_ok(Device::parse("wgpu:0"), "wgpu");
    // No machine has this many devices.
    for r in [Device::cuda(usize::MAX), Device::wgpu_adapter(usize::MAX)] {
        let e = expect_err!(r, Error::NoDevice { .. } | Error::NotCompiled { .. });
        assert!(!e.to_string().is_empty());
    }
    if let Err(e) = Device::cuda(0) {
        let want = if cfg!(feature = "cuda") { "NoDevice" } else { "NotCompiled" };
        assert!(format!("{e:?}").starts_with(want), "cuda feature on: {}; got {e:?}", cfg!(feature = "cuda"));
    }
}

#[test]
fn device_mismatch_names_both_devices() -> gpu::Result<()> {
    let others: Vec<Device> = [Device::wgpu(), Device::cuda(0)].into_iter().flatten().collect();
    if others.is_empty() {
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            b"errors.rs: device_mismatch_names_both_devices skipped: only the CPU device exists\n",
        );
        absent_or_ok(Device::wgpu(), "wgpu");
        absent_or_ok(Device::cuda(0), "cuda");
        return Ok(());
    }
    let cpu = Device::cpu();
    for other in others {
        let a = Array::from_vec(vec![1.0f32, 2.0, 3.0], [3])?;
        let b = a.to(&other)?;
        let (c, o) = (cpu.to_string(), other.to_string());
        expect_err!(a.add(&b), Error::DeviceMismatch { op: "add", .. }, "add", c, o);
        expect_err!(b.lt(&a), Error::DeviceMismatch { op: "lt", .. }, c, o);
        expect_err!(gpu::dot(&a, &b), Error::DeviceMismatch { op: "dot", .. }, c, o);
        expect_err!(gpu::matmul(&a, &b), Error::DeviceMismatch { op: "matmul", .. }, c, o);
        expect_err!(gpu::where_(&a.gt_scalar(1.0)?, &b, &b), Error::DeviceMismatch { op: "where", .. }, c, o);
        expect_err!(gpu::concatenate(&[&a, &a, &b], 0), Error::DeviceMismatch { op: "concatenate", .. }, c, o);
        expect_err!(gpu::stack(&[&b, &a], 0), Error::DeviceMismatch { op: "stack", .. }, o, c);
        expect_err!(
            a.gt_scalar(1.0)?.logical_and(&b.gt_scalar(1.0)?),
            Error::DeviceMismatch { op: "logical_and", .. },
            c,
            o
        );
        let mut m = a.clone();
        expect_err!(m.add_assign_(&b), Error::DeviceMismatch { op: "add", .. }, c, o);
        let p = catch_unwind(AssertUnwindSafe(|| &a * &b)).expect_err("an operator across devices must panic");
        let text = panic_text(p);
        assert!(text.contains(&c) && text.contains(&o), "panic message {text:?}");
    }
    Ok(())
}
