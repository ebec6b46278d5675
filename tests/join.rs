//! `concatenate` and `stack` on every backend against `ndarray`'s: every dtype (bool
//! included), axes first, middle, last and negative, empty parts, transposed / reversed
//! / broadcast inputs, one input; copies are bit-exact (NaN, -0.0). That joins move no
//! data through the host is proven with `Stats` in `transfers.rs`.

#[macro_use]
mod common;

use common::{pattern, TestValue};
use gpu::{Array, DType, Device, Scalar};
use ndarray::{ArrayD, Axis, IxDyn};

/// `shape` filled with the test pattern for `seed`.
fn host<T: TestValue + Scalar>(shape: &[usize], seed: u64) -> ArrayD<T> {
    ArrayD::from_shape_vec(IxDyn(shape), pattern::<T>(shape.iter().product(), seed)).expect("shape")
}

/// The same elements, bit for bit (so NaN and -0.0 compare as themselves).
fn same<T: TestValue + Scalar>(got: &Array<T>, want: &ArrayD<T>, what: &str) -> gpu::Result<()> {
    assert_eq!(got.shape(), want.shape(), "{what}: shape");
    assert!(got.is_contiguous(), "{what}: the result is row-major");
    let g = got.to_vec()?;
    let w: Vec<T> = want.iter().copied().collect();
    let bits = |v: &[T]| v.iter().map(|x| x.f64().to_bits()).collect::<Vec<_>>();
    assert_eq!(bits(&g), bits(&w), "{what}: elements");
    Ok(())
}

/// Fixed cases: (input shapes, axis).
fn concat_cases<T: TestValue + Scalar>(dev: &Device) -> gpu::Result<()> {
    let cases: &[(&[&[usize]], isize)] = &[
        (&[&[2, 3], &[4, 3]], 0),
        (&[&[2, 3], &[2, 1], &[2, 0], &[2, 5]], 1),
        (&[&[3, 2, 4], &[3, 1, 4], &[3, 3, 4]], 1),
        (&[&[3, 2, 4], &[3, 2, 1]], -1),
        (&[&[1, 2, 4], &[1, 3, 4]], -2),
        (&[&[5]], 0),
        (&[&[0, 3], &[0, 3]], 0),
        (&[&[4, 0], &[4, 0]], 1),
        (&[&[7], &[0], &[1000]], 0),
        // More than 16 outer indices: joined axis-first, then transposed into place.
        (&[&[20, 3], &[20, 2]], 1),
        (&[&[17, 2, 3], &[17, 1, 3], &[17, 0, 3]], 1),
        (&[&[3, 6, 2], &[3, 6, 5]], -1),
    ];
    for (ci, (shapes, axis)) in cases.iter().enumerate() {
        let hs: Vec<ArrayD<T>> = shapes.iter().enumerate().map(|(k, s)| host(s, (ci * 10 + k) as u64)).collect();
        let ds = hs.iter().map(|h| Array::from_ndarray(h).to(dev)).collect::<gpu::Result<Vec<_>>>()?;
        let ax = axis.rem_euclid(shapes[0].len() as isize) as usize;
        let views: Vec<_> = hs.iter().map(|h| h.view()).collect();
        let want = ndarray::concatenate(Axis(ax), &views).expect("ndarray concatenate");
        same(&gpu::concatenate(&ds, *axis)?, &want, &format!("{} concatenate {shapes:?} axis {axis}", T::DTYPE))?;
    }
    Ok(())
}

/// Inputs that are views: transposed, reversed, broadcast; each read in place.
fn concat_views<T: TestValue + Scalar>(dev: &Device) -> gpu::Result<()> {
    let (h0, h1, h2) = (host::<T>(&[5, 3], 1), host::<T>(&[3, 4], 2), host::<T>(&[1, 3], 3));
    let d0 = Array::from_ndarray(&h0).to(dev)?;
    let d1 = Array::from_ndarray(&h1).to(dev)?.t(); // [4, 3], column-major
    let d2 = Array::from_ndarray(&h2).to(dev)?.broadcast_to([6, 3])?; // zero row stride
    let r0 = d0.slice(0, None, None, -1)?; // reversed rows
    let h1t = h1.t().to_owned();
    let h2b = h2.broadcast(IxDyn(&[6, 3])).expect("broadcast").to_owned();
    let mut h0r = h0.clone();
    h0r.invert_axis(Axis(0));
    let views = [h0.view(), h1t.view(), h2b.view(), h0r.view()];
    for ax in [0usize, 1] {
        let (ds, hs): (Vec<Array<T>>, Vec<_>) = if ax == 0 {
            (vec![d0.clone(), d1.clone(), d2.clone(), r0.clone()], views.to_vec())
        } else {
            // Along axis 1 the row counts must agree: transpose everything to [3, rows].
            (vec![d0.t(), d1.t(), d2.t(), r0.t()], views.iter().map(|v| v.t()).collect())
        };
        let want = ndarray::concatenate(Axis(ax), &hs).expect("ndarray concatenate");
        same(&gpu::concatenate(&ds, ax as isize)?, &want, &format!("{} concatenate views axis {ax}", T::DTYPE))?;
    }
    Ok(())
}

fn stack_cases<T: TestValue + Scalar>(dev: &Device) -> gpu::Result<()> {
    let shapes: &[&[usize]] = &[&[], &[4], &[2, 3], &[2, 0, 3]];
    for (si, shape) in shapes.iter().enumerate() {
        let hs: Vec<ArrayD<T>> = (0..3).map(|k| host(shape, (si * 10 + k) as u64)).collect();
        let ds = hs.iter().map(|h| Array::from_ndarray(h).to(dev)).collect::<gpu::Result<Vec<_>>>()?;
        let views: Vec<_> = hs.iter().map(|h| h.view()).collect();
        let nd = shape.len() as isize;
        for axis in -(nd + 1)..=nd {
            let want = ndarray::stack(Axis(axis.rem_euclid(nd + 1) as usize), &views).expect("ndarray stack");
            same(&gpu::stack(&ds, axis)?, &want, &format!("{} stack {shape:?} axis {axis}", T::DTYPE))?;
        }
    }
    // A transposed view stacks like its values.
    let h = host::<T>(&[3, 5], 7);
    let d = Array::from_ndarray(&h).to(dev)?;
    let want = ndarray::stack(Axis(1), &[h.t(), h.t()]).expect("ndarray stack");
    same(&gpu::stack(&[d.t(), d.t()], 1)?, &want, &format!("{} stack of transposed views", T::DTYPE))?;
    // An empty transposed view, 40 rows of none with a column stride of 40 (found by
    // the view-chain property test: the CPU's tiled copy once split by zero columns).
    let h = host::<T>(&[0, 40], 8);
    let d = Array::from_ndarray(&h).to(dev)?;
    for axis in 0..3 {
        let want = ndarray::stack(Axis(axis), &[h.t(), h.t()]).expect("ndarray stack");
        same(
            &gpu::stack(&[d.t(), d.t()], axis as isize)?,
            &want,
            &format!("{} stack of empty transposed views", T::DTYPE),
        )?;
    }
    let want = ndarray::concatenate(Axis(0), &[h.t(), h.t()]).expect("ndarray concatenate");
    same(&gpu::concatenate(&[d.t(), d.t()], 0)?, &want, &format!("{} concatenate of empty transposed views", T::DTYPE))
}

/// NaN payloads and signed zeros survive: the kernels copy bits.
fn float_bits<T: TestValue + Scalar>(dev: &Device) -> gpu::Result<()> {
    let specials: Vec<T> = [f64::NAN, -0.0, 0.0, f64::INFINITY, f64::NEG_INFINITY, -1.5].map(T::of_f64).to_vec();
    let a = Array::from_vec(specials.clone(), [2, 3])?.to(dev)?;
    let got = gpu::concatenate(&[&a, &a.slice(1, None, None, -1)?], 1)?;
    let h = ArrayD::from_shape_vec(IxDyn(&[2, 3]), specials).expect("shape");
    let mut r = h.clone();
    r.invert_axis(Axis(1));
    same(&got, &ndarray::concatenate(Axis(1), &[h.view(), r.view()]).expect("concatenate"), "signed zeros and NaN")
}

backend_tests! {
    fn concatenate_f32(dev) { concat_cases::<f32>(dev)?; concat_views::<f32>(dev)?; float_bits::<f32>(dev) }
    fn concatenate_f64(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        concat_cases::<f64>(dev)?;
        concat_views::<f64>(dev)?;
        float_bits::<f64>(dev)
    }
    fn concatenate_i32(dev) { concat_cases::<i32>(dev)?; concat_views::<i32>(dev) }
    fn concatenate_u32(dev) { concat_cases::<u32>(dev)?; concat_views::<u32>(dev) }
    fn concatenate_bool(dev) { concat_cases::<bool>(dev)?; concat_views::<bool>(dev) }

    fn stack_f32(dev) { stack_cases::<f32>(dev) }
    fn stack_f64(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        stack_cases::<f64>(dev)
    }
    fn stack_i32(dev) { stack_cases::<i32>(dev) }
    fn stack_u32(dev) { stack_cases::<u32>(dev) }
    fn stack_bool(dev) { stack_cases::<bool>(dev) }

    fn joined_masks_select(dev) {
        // A joined bool mask drives where_ like any other.
        let x = Array::from_vec(vec![1.0f32, -2.0, 3.0, -4.0], 4)?.to(dev)?;
        let m = gpu::concatenate(&[x.slice(0, None, Some(2), 1)?.gt_scalar(0.0)?, x.slice(0, Some(2), None, 1)?.lt_scalar(0.0)?], 0)?;
        assert_eq!(m.to_vec()?, vec![true, false, false, true]);
        assert_eq!(gpu::where_(&m, &x, &x.neg()?)?.to_vec()?, vec![1.0, 2.0, -3.0, -4.0]);
        Ok(())
    }
}
