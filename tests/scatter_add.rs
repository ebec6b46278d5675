//! `scatter_add` (NumPy's `np.add.at`) on every backend against a sequential host
//! loop: random indices with many repeats, one index everywhere (every invocation
//! contending for one element: exact, since the values are small integers), wrapping
//! negative i32 indices, one broadcast value, float values (any order of additions:
//! the tolerance is the bound of a sum of that length), a non-contiguous and a shared
//! target (copy-on-write), empty indices and the errors. f64 on wgpu (no 64-bit atomics
//! in WGSL: runs of equal positions summed instead) with runs of every length. Targets
//! past one storage binding are in `gpu_limits.rs`; the
//! transfers in `transfers.rs`.

#[macro_use]
mod common;

use common::{assert_array, noise, Tol, Tolerances};
use gpu::{Array, Device, DeviceKind, Element, Error};

/// `dst[wrap(idx[i])] += vals[i]` in order, in f64 (exact for the integer-valued cases).
fn host_add_at(dst: &mut [f64], idx: &[i64], vals: &[f64]) {
    let len = dst.len() as i64;
    for (&j, &v) in idx.iter().zip(vals) {
        dst[j.rem_euclid(len) as usize] += v;
    }
}

/// Indices in `[-len, 2·len)` (so i32 ones wrap both ways; u32 ones from `[0, 2·len)`).
fn indices(n: usize, len: usize, signed: bool, seed: u64) -> Vec<i64> {
    noise(n, seed)
        .into_iter()
        .map(|x| {
            let u = (x + 1.0) / 2.0; // [0, 1)
            if signed {
                (u * 3.0 * len as f64) as i64 - len as i64
            } else {
                (u * 2.0 * len as f64) as i64
            }
        })
        .collect()
}

fn check<T: Element + Tolerances>(dev: &Device, signed: bool) -> gpu::Result<()> {
    let (len, n) = (37, 5000);
    let idx = indices(n, len, signed, 1);
    let to_t = |v: &[f64]| v.iter().map(|&x| T::from_f64(x)).collect::<Vec<T>>();
    // Small integers (u32 ones non-negative), exact in every dtype and any order.
    let vals: Vec<f64> = noise(n, 2).into_iter().map(|x| (x * 8.0).round()).collect();
    let vals: Vec<f64> = to_t(&vals).into_iter().map(|x| x.to_f64()).collect();
    let start: Vec<f64> = (0..len).map(|i| i as f64).collect();
    let mut want = start.clone();
    host_add_at(&mut want, &idx, &vals);
    let mut a = Array::from_vec(to_t(&start), [len])?.to(dev)?;
    let v = Array::from_vec(to_t(&vals), [n])?.to(dev)?;
    let what = format!("scatter_add {} with {} indices", T::DTYPE, if signed { "i32" } else { "u32" });
    let result = if signed {
        a.scatter_add(&Array::from_vec(idx.iter().map(|&j| j as i32).collect(), [n])?.to(dev)?, &v)
    } else {
        a.scatter_add(&Array::from_vec(idx.iter().map(|&j| j as u32).collect(), [n])?.to(dev)?, &v)
    };
    result?;
    let want: Vec<T> = to_t(&want);
    assert_array(&a, &[len], &want, Tol::EXACT, &what);
    Ok(())
}

backend_tests! {
    fn repeated_indices_all_count(dev) {
        check::<f32>(dev, false)?;
        check::<f32>(dev, true)?;
        check::<i32>(dev, true)?;
        check::<u32>(dev, false)?;
        if dev.supports(gpu::DType::F64) {
            check::<f64>(dev, true)?;
            check::<f64>(dev, false)?;
        }
        Ok(())
    }

    fn one_index_everywhere(dev) {
        // 200,000 adds to one element: every invocation contends (f32 through its
        // compare-exchange loop on wgpu); 1.0 each, so any order sums exactly.
        let n = 200_000;
        let idx = Array::from_vec(vec![3u32; n], [n])?.to(dev)?;
        let mut f = Array::<f32>::zeros([5], dev)?;
        f.scatter_add(&idx, &Array::from_vec(vec![1.0f32], [1])?.to(dev)?)?;
        assert_eq!(f.to_vec()?, vec![0.0, 0.0, 0.0, n as f32, 0.0]);
        let mut i = Array::<i32>::zeros([5], dev)?;
        i.scatter_add(&idx, &Array::from_vec(vec![-2i32], [1])?.to(dev)?)?;
        assert_eq!(i.to_vec()?, vec![0, 0, 0, -2 * n as i32, 0]);
        if dev.supports(gpu::DType::F64) {
            // On wgpu one run of 200,000 equal keys: four levels of partial sums.
            let mut d = Array::<f64>::zeros([5], dev)?;
            d.scatter_add(&idx, &Array::from_vec(vec![0.5f64], [1])?.to(dev)?)?;
            assert_eq!(d.to_vec()?, vec![0.0, 0.0, 0.0, n as f64 / 2.0, 0.0]);
        }
        Ok(())
    }

    fn f64_runs_of_every_length(dev) {
        if !dev.supports(gpu::DType::F64) {
            return Ok(());
        }
        // 300,000 i32 indices (wrapping both ways) over 100,003 elements: runs of 0 to ~12
        // equal keys, inside blocks and across their edges; then few elements, long runs.
        for (len, n, seed) in [(100_003, 300_000, 11), (7, 100_000, 12), (1, 65, 13), (64, 64, 14), (200_000, 150, 15)] {
            let idx = indices(n, len, true, seed);
            let vals = noise(n, seed + 100);
            let start: Vec<f64> = noise(len, seed + 200);
            let mut want = start.clone();
            host_add_at(&mut want, &idx, &vals);
            let i = Array::from_vec(idx.iter().map(|&j| j as i32).collect(), [n])?.to(dev)?;
            let v = Array::from_vec(vals.clone(), [n])?.to(dev)?;
            let mut a = Array::from_vec(start.clone(), [len])?.to(dev)?;
            a.scatter_add(&i, &v)?;
            // Any order of additions: |error| <= n·eps·(|start| + Σ|v|) per element.
            let abs: f64 = vals.iter().map(|v| v.abs()).sum::<f64>() + 1.0;
            let tol = Tol { abs: (n as f64) * f64::EPSILON * abs, rel: 0.0 };
            assert_array(&a, &[len], &want, tol, &format!("f64 scatter_add, {n} indices into {len}"));
        }
        // Few values into a long target (on wgpu: sorted, not counted): 7 positions,
        // runs of ~21, small integers — exact.
        let (len, n) = (200_000usize, 150usize);
        let idx: Vec<i64> = (0..n as i64).map(|i| (i % 7) * 28_571 - 1).collect();
        let vals: Vec<f64> = (0..n).map(|i| (i % 5) as f64 - 2.0).collect();
        let mut want = vec![0.0; len];
        host_add_at(&mut want, &idx, &vals);
        let mut a = Array::<f64>::zeros([len], dev)?;
        let i = Array::from_vec(idx.iter().map(|&j| j as i32).collect(), [n])?.to(dev)?;
        a.scatter_add(&i, &Array::from_vec(vals, [n])?.to(dev)?)?;
        assert_array(&a, &[len], &want, Tol::EXACT, "f64 scatter_add of 150 values into 200,000");
        Ok(())
    }

    fn float_values_within_the_sum_bound(dev) {
        let (len, n) = (10, 20_000);
        let idx: Vec<u32> = indices(n, len, false, 5).into_iter().map(|j| j as u32).collect();
        let vals = noise(n, 6);
        let mut want = vec![0.0; len];
        host_add_at(&mut want, &idx.iter().map(|&j| j as i64).collect::<Vec<_>>(), &vals);
        let abs: f64 = vals.iter().map(|v| v.abs()).sum();
        let mut a = Array::<f32>::zeros([len], dev)?;
        a.scatter_add(&Array::from_vec(idx, [n])?.to(dev)?, &Array::from_vec(vals.iter().map(|&v| v as f32).collect(), [n])?.to(dev)?)?;
        // Sequential f32 sums in any order: |error| <= n·eps·Σ|v| (plus the inputs' rounding).
        let tol = Tol { abs: (n as f64) * <f32 as Tolerances>::EPS * abs, rel: 0.0 };
        assert_array(&a, &[len], &want.iter().map(|&x| x as f32).collect::<Vec<_>>(), tol, "f32 scatter_add");
        Ok(())
    }

    fn views_and_shared_targets_copy_on_write(dev) {
        let base = Array::from_vec((0..12).map(|x| x as f32).collect(), [3, 4])?.to(dev)?;
        // A transposed view becomes a contiguous copy of itself; the base is untouched.
        let mut t = base.t();
        let idx = Array::from_vec(vec![0u32, 11, 0, 5], [2, 2])?.to(dev)?;
        t.scatter_add(&idx, &Array::from_vec(vec![100.0f32, 1.0, 10.0, 1000.0], [2, 2])?.to(dev)?)?;
        assert_eq!(t.shape(), &[4, 3]);
        assert_eq!(t.to_vec()?, vec![110.0, 4.0, 8.0, 1.0, 5.0, 1009.0, 2.0, 6.0, 10.0, 3.0, 7.0, 12.0]);
        assert_eq!(base.to_vec()?, (0..12).map(|x| x as f32).collect::<Vec<_>>());
        // A clone shares storage: the clone keeps the old values.
        let mut a = Array::from_vec(vec![1i32, 2, 3], [3])?.to(dev)?;
        let keep = a.clone();
        a.scatter_add(&Array::from_vec(vec![-1i32], [1])?.to(dev)?, &Array::from_vec(vec![5i32], [1])?.to(dev)?)?;
        assert_eq!((a.to_vec()?, keep.to_vec()?), (vec![1, 2, 8], vec![1, 2, 3]));
        Ok(())
    }

    fn empty_indices_and_errors(dev) {
        let mut a = Array::from_vec(vec![1.0f32, 2.0], [2])?.to(dev)?;
        a.scatter_add(&Array::<u32>::zeros([0], dev)?, &Array::<f32>::zeros([0], dev)?)?;
        assert_eq!(a.to_vec()?, vec![1.0, 2.0]);
        let idx = Array::from_vec(vec![0u32, 1, 1], [3])?.to(dev)?;
        let two = Array::from_vec(vec![1.0f32, 2.0], [2])?.to(dev)?;
        assert!(matches!(a.scatter_add(&idx, &two), Err(Error::BroadcastTo { .. })));
        let mut empty = Array::<f32>::zeros([0], dev)?;
        assert!(matches!(empty.scatter_add(&idx, &two.slice(0, Some(0), Some(1), 1)?), Err(Error::IndexOutOfBounds { .. })));
        let host = Array::from_vec(vec![1.0f32], [1])?;
        if dev.kind() != DeviceKind::Cpu {
            assert!(matches!(a.scatter_add(&idx, &host), Err(Error::DeviceMismatch { .. })));
        }
        Ok(())
    }
}
