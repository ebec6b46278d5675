//! ndarray conversions both ways, approx comparisons, Display, and `From` impls.

#[macro_use]
mod common;

use approx::{assert_abs_diff_eq, assert_relative_eq, assert_relative_ne};
use gpu::Array;

backend_tests! {
    fn ndarray_round_trip(dev) {
        let nd = ndarray::Array3::from_shape_fn((2, 3, 4), |(i, j, k)| (i * 100 + j * 10 + k) as i32);
        let a = Array::from_ndarray(&nd).to(dev)?;
        assert_eq!(a.shape(), &[2, 3, 4]);
        assert_eq!(a.to_ndarray()?, nd.clone().into_dyn());
        // Non-standard ndarray layouts (a transposed view) convert in logical order.
        let t = nd.view().reversed_axes();
        let b = Array::from_ndarray(&t).to(dev)?;
        assert_eq!(b.to_ndarray()?, t.to_owned().into_dyn());
        // And our views convert in logical order too.
        assert_eq!(a.t().to_ndarray()?, nd.t().to_owned().into_dyn());
        let from: Array<i32> = nd.clone().into();
        assert_eq!(from.to_vec()?, nd.iter().copied().collect::<Vec<_>>());
        Ok(())
    }

    fn approx_traits(dev) {
        let a = Array::from_vec(vec![1.0f32, 2.0, 3.0], [3])?.to(dev)?;
        let b = a.add_scalar(1e-7)?;
        assert_abs_diff_eq!(a, b, epsilon = 1e-6);
        assert_relative_eq!(a, b, max_relative = 1e-6);
        assert_relative_ne!(a, a.add_scalar(0.1)?, max_relative = 1e-6);
        // Shapes must match exactly.
        assert!(!approx::abs_diff_eq!(a, a.reshape([3, 1])?, epsilon = 1.0));
        assert_eq!(a, a.clone());
        assert_ne!(a, b);
        Ok(())
    }

    fn display_prints_values_shape_dtype_device(dev) {
        let a = Array::from_vec((0..6).map(|x| x as f32).collect(), [2, 3])?.to(dev)?;
        let s = a.to_string();
        assert!(s.starts_with("[[0.0, 1.0, 2.0],\n [3.0, 4.0, 5.0]]"), "{s}");
        assert!(s.contains("shape=[2, 3]") && s.contains("dtype=float32") && s.contains(&dev.to_string()), "{s}");
        let long = Array::<i32>::arange(0, 100, 1, dev)?.to_string();
        assert!(long.starts_with("[0, 1, 2, ..., 97, 98, 99]"), "{long}");
        assert!(Array::<u32>::zeros([0], dev)?.to_string().starts_with("[]"));
        assert!(Array::scalar(true, dev)?.to_string().starts_with("true"));
        let dbg = format!("{a:?}");
        assert!(dbg.contains("shape: [2, 3]") && dbg.contains("F32"), "{dbg}");
        Ok(())
    }
}

#[test]
fn vec_into_array_is_one_dimensional() {
    let a: Array<u32> = vec![1, 2, 3].into();
    assert_eq!(a.shape(), &[3]);
    assert!(a.device().kind() == gpu::DeviceKind::Cpu);
}
