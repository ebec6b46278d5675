//! `argsort` and `sort` on every backend against a host reference: a stable sort of the
//! positions of each slice along the axis, with NaN after every number and
//! `-0.0 == 0.0` (NumPy's `kind="stable"`). The permutation is compared exactly — every
//! backend sorts by the same total order — and so are the sorted values (a sort moves
//! elements, it computes nothing: `Tol::EXACT`). Lengths cross the GPU's workgroup
//! block (1,024), its global flip (2,048) and disperse steps (≥ 4,096); values repeat
//! often, so ties test stability; inputs include transposed, reversed, strided and
//! broadcast views. Rows past one storage binding are in `gpu_limits.rs`.

#[macro_use]
mod common;

use std::cmp::Ordering;

use common::{assert_array, HostNd, TestValue, Tol};
use gpu::{Array, DType, Device, Element, Side};

/// Deterministic values with many repeats (ties), plus specials for floats.
fn values<T: TestValue>(n: usize, seed: u64) -> Vec<T> {
    let specials = [f64::NAN, -0.0, 0.0, f64::INFINITY, f64::NEG_INFINITY, -f64::NAN, 1e-40, -1e-310];
    (0..n)
        .map(|i| {
            let h = (i as u64 ^ seed.wrapping_mul(0x9e37_79b9_7f4a_7c15)).wrapping_mul(0xbf58_476d_1ce4_e5b9) >> 40;
            if T::DTYPE.is_float() {
                if h.is_multiple_of(17) {
                    T::of_f64(specials[(h / 17) as usize % specials.len()])
                } else {
                    T::of_f64((h % 401) as f64 / 8.0 - 25.0)
                }
            } else if T::DTYPE == DType::U32 {
                // Values above i32::MAX too: the keys must order them as unsigned.
                T::of_f64(((h % 300) * 14_000_000) as f64)
            } else {
                T::of_f64((h % 300) as f64 * 7_000_000.0 - 1_050_000_000.0)
            }
        })
        .collect()
}

/// NumPy's sort order on values: NaN last (all NaNs equal), `-0.0 == 0.0`.
fn order(a: f64, b: f64) -> Ordering {
    match (a.is_nan(), b.is_nan()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        _ => a.partial_cmp(&b).unwrap_or(Ordering::Equal),
    }
}

/// The stable argsort of `data` (row-major, `shape`) along `ax`, row-major.
fn reference<T: TestValue>(data: &[T], shape: &[usize], ax: usize) -> Vec<u32> {
    let host = HostNd::new(data.to_vec(), shape);
    let mut out = vec![0u32; data.len()];
    let strides: Vec<usize> = (0..shape.len()).map(|d| shape[d + 1..].iter().product()).collect();
    for start in HostNd::<T>::indices(shape).into_iter().filter(|ix| ix[ax] == 0) {
        let at = |j: usize| {
            let mut ix = start.clone();
            ix[ax] = j;
            ix
        };
        let mut perm: Vec<usize> = (0..shape[ax]).collect();
        perm.sort_by(|&i, &j| order(host.get(&at(i)).f64(), host.get(&at(j)).f64()));
        for (j, &p) in perm.iter().enumerate() {
            let flat: usize = at(j).iter().zip(&strides).map(|(i, s)| i * s).sum();
            out[flat] = p as u32;
        }
    }
    out
}

/// Checks `argsort` and `sort` of `a` (whose row-major values are `data`) along `axis`.
#[track_caller]
fn check<T: TestValue + Element>(a: &Array<T>, data: &[T], axis: isize, what: &str) -> gpu::Result<()> {
    let shape = a.shape().to_vec();
    let ax = axis.rem_euclid(shape.len() as isize) as usize;
    let want = reference(data, &shape, ax);
    let got = a.argsort(axis)?;
    assert_eq!(got.shape(), &shape[..], "{what}: argsort shape");
    assert_eq!(got.device(), a.device());
    let g = got.to_vec()?;
    if let Some(i) = (0..g.len()).find(|&i| g[i] != want[i]) {
        panic!("{what}: argsort differs first at element {i}: got {}, want {}", g[i], want[i]);
    }
    // The sorted values: the elements the permutation picks, bit for bit.
    let host = HostNd::new(data.to_vec(), &shape);
    let sorted: Vec<T> = HostNd::<T>::indices(&shape)
        .into_iter()
        .zip(&want)
        .map(|(mut ix, &p)| {
            ix[ax] = p as usize;
            host.get(&ix)
        })
        .collect();
    assert_array(&a.sort(axis)?, &shape, &sorted, Tol::EXACT, &format!("{what}: sort"));
    Ok(())
}

/// Shapes and axes from fresh arrays.
fn cases<T: TestValue + Element>(dev: &Device) -> gpu::Result<()> {
    let cases: &[(&[usize], isize)] = &[
        (&[1], 0),
        (&[2], 0),
        (&[3], -1),
        (&[7], 0),
        (&[1000], 0),
        (&[1024], 0),
        (&[1025], 0),
        (&[3000], 0),
        (&[5000], 0),
        (&[70_000], 0),
        (&[4, 600], 1),
        (&[600, 4], 0),
        (&[3, 5, 7], 0),
        (&[3, 5, 7], 1),
        (&[3, 5, 7], 2),
        (&[37, 3000], 1),
        (&[2, 1500, 3], 1),
        (&[300, 3], -1),
    ];
    for (ci, &(shape, axis)) in cases.iter().enumerate() {
        let data = values::<T>(shape.iter().product(), ci as u64);
        let a = Array::from_vec(data.clone(), shape)?.to(dev)?;
        check(&a, &data, axis, &format!("{} {shape:?} axis {axis}", T::DTYPE))?;
    }
    Ok(())
}

/// Views: transposed, reversed along and across the axis, strided, broadcast along the
/// axis (all ties) and across it (rows on top of each other), 3-D permuted.
fn views<T: TestValue + Element>(dev: &Device) -> gpu::Result<()> {
    let data = values::<T>(6 * 1100, 11);
    let a = Array::from_vec(data, [6, 1100])?.to(dev)?;
    let host = |v: &Array<T>| -> gpu::Result<Vec<T>> { v.to(&Device::cpu())?.to_vec() };
    let cases: Vec<(&str, Array<T>, isize)> = vec![
        ("transposed", a.t(), 0),
        ("transposed, last axis", a.t(), 1),
        ("reversed along the axis", a.slice(1, None, None, -1)?, 1),
        ("reversed across the axis", a.slice(0, None, None, -1)?, 1),
        ("every third column", a.slice(1, Some(1), None, 3)?, 1),
        ("broadcast along the axis", a.slice(1, Some(5), Some(6), 1)?.broadcast_to([6, 2000])?, 1),
        ("broadcast across the axis", a.slice(0, Some(2), Some(3), 1)?.broadcast_to([5, 1100])?, 1),
        ("3-D, middle axis, permuted", a.reshape([6, 110, 10])?.transpose(&[2, 0, 1])?, 1),
    ];
    for (what, v, axis) in cases {
        let vals = host(&v)?;
        check(&v, &vals, axis, &format!("{} argsort of a {what} view", T::DTYPE))?;
    }
    Ok(())
}

/// `searchsorted` of values (with specials, repeats, and values past both ends) in a
/// sorted array with runs of equal elements, both sides, against `partition_point`.
fn searches<T: TestValue + Element>(dev: &Device) -> gpu::Result<()> {
    for (len, nv) in [(1usize, 5usize), (7, 40), (1000, 3000), (5000, 700)] {
        let base = values::<T>(len, len as u64 + 1);
        let sorted = Array::from_vec(base, len)?.to(dev)?.sort(0)?;
        let s = sorted.to_vec()?;
        let mut vals = values::<T>(nv, 99);
        vals.extend((0..5).map(|i| s[i % s.len()]));
        let nv = vals.len();
        let v = Array::from_vec(vals.clone(), [nv / 5, 5])?.to(dev)?;
        for side in [Side::Left, Side::Right] {
            let got = sorted.searchsorted(&v, side)?;
            assert_eq!(got.shape(), &[nv / 5, 5]);
            let want: Vec<u32> = vals
                .iter()
                .map(|&x| {
                    let o = |e: &T| order(e.f64(), x.f64());
                    let p = match side {
                        Side::Left => s.partition_point(|e| o(e) == Ordering::Less),
                        Side::Right => s.partition_point(|e| o(e) != Ordering::Greater),
                    };
                    p as u32
                })
                .collect();
            assert_eq!(got.to_vec()?, want, "{} searchsorted {side:?} in {len}", T::DTYPE);
        }
    }
    // A strided sorted view (every other element) and reversed values.
    let sorted = Array::from_vec(values::<T>(3000, 5), 3000)?.to(dev)?.sort(0)?;
    let every_other = sorted.slice(0, None, None, 2)?;
    let v = Array::from_vec(values::<T>(100, 6), 100)?.to(dev)?.slice(0, None, None, -1)?;
    let (s, x) = (every_other.to_vec()?, v.to_vec()?);
    let want: Vec<u32> =
        x.iter().map(|&x| s.partition_point(|e| order(e.f64(), x.f64()) == Ordering::Less) as u32).collect();
    assert_eq!(every_other.searchsorted(&v, Side::Left)?.to_vec()?, want, "{} strided views", T::DTYPE);
    Ok(())
}

/// `unique` and `unique_counts` against a host count of a sorted copy (NaNs as one).
fn uniques<T: TestValue + Element>(dev: &Device) -> gpu::Result<()> {
    for (n, shape) in [(1usize, vec![1usize]), (2, vec![2]), (600, vec![20, 30]), (5000, vec![5000])] {
        let data = values::<T>(n, n as u64);
        let a = Array::from_vec(data.clone(), &shape[..])?.to(dev)?;
        let mut sorted: Vec<f64> = data.iter().map(|x| x.f64()).collect();
        sorted.sort_by(|a, b| order(*a, *b));
        let (mut want_v, mut want_c): (Vec<f64>, Vec<u32>) = (vec![], vec![]);
        for x in sorted {
            match want_v.last() {
                Some(&l) if order(l, x) == Ordering::Equal => *want_c.last_mut().unwrap() += 1,
                _ => {
                    want_v.push(x);
                    want_c.push(1);
                }
            }
        }
        let got = a.unique()?;
        let (vals, counts) = a.unique_counts()?;
        let g: Vec<f64> = got.to_vec()?.iter().map(|x| x.f64()).collect();
        let g2: Vec<f64> = vals.to_vec()?.iter().map(|x| x.f64()).collect();
        let same = g.len() == g2.len() && g.iter().zip(&g2).all(|(a, b)| order(*a, *b) == Ordering::Equal);
        assert!(same, "{} unique vs unique_counts: {g:?} vs {g2:?}", T::DTYPE);
        assert_eq!(g.len(), want_v.len(), "{} unique of {n}: count", T::DTYPE);
        for (x, w) in g.iter().zip(&want_v) {
            assert_eq!(order(*x, *w), Ordering::Equal, "{} unique of {n}: {x} vs {w}", T::DTYPE);
        }
        assert_eq!(counts.to_vec()?, want_c, "{} unique counts of {n}", T::DTYPE);
        // The inverse rebuilds the array (NaNs as the one NaN), in its shape.
        let (vals, inverse) = a.unique_inverse()?;
        assert_eq!(inverse.shape(), &shape[..]);
        let rebuilt: Vec<f64> = vals.take(&inverse, 0)?.to_vec()?.iter().map(|x| x.f64()).collect();
        for (i, (x, w)) in rebuilt.iter().zip(&data).enumerate() {
            assert_eq!(order(*x, w.f64()), Ordering::Equal, "{} unique_inverse of {n}: element {i}", T::DTYPE);
        }
    }
    Ok(())
}

fn all<T: TestValue + Element>(dev: &Device) -> gpu::Result<()> {
    cases::<T>(dev)?;
    views::<T>(dev)?;
    searches::<T>(dev)?;
    uniques::<T>(dev)
}

/// The set routines against host references (sorted, deduplicated by NumPy's rules).
fn set_routines<T: TestValue + Element>(dev: &Device) -> gpu::Result<()> {
    let (ha, hb): (Vec<T>, Vec<T>) = (values::<T>(300, 21), values::<T>(200, 22));
    let a = Array::from_vec(ha.clone(), [20, 15])?.to(dev)?;
    let b = Array::from_vec(hb.clone(), [200])?.to(dev)?;
    let key = |x: &T| x.f64();
    let eq = |x: f64, y: f64| x == y; // NaN equals nothing
                                      // isin: elementwise against a host scan.
    let want: Vec<bool> = ha.iter().map(|x| hb.iter().any(|y| eq(key(x), key(y)))).collect();
    let got = gpu::isin(&a, &b, false)?;
    assert_eq!(got.shape(), &[20, 15]);
    assert_eq!(got.to_vec()?, want, "{} isin", T::DTYPE);
    let inv: Vec<bool> = want.iter().map(|w| !w).collect();
    assert_eq!(gpu::isin(&a, &b, true)?.to_vec()?, inv, "{} isin invert", T::DTYPE);
    // Sorted unique host values (NaN last, one NaN), as unique() defines them.
    let uniq = |v: &[T]| -> Vec<f64> {
        let mut u: Vec<f64> = v.iter().map(key).map(|x| if x == 0.0 { 0.0 } else { x }).collect();
        u.sort_by(|x, y| order(*x, *y));
        u.dedup_by(|x, y| order(*x, *y) == Ordering::Equal);
        u
    };
    let (ua, ub) = (uniq(&ha), uniq(&hb));
    let contains = |set: &[f64], x: f64| set.iter().any(|&y| eq(x, y));
    let f = |a: &Array<T>| -> Vec<f64> {
        a.to_vec().expect("download").iter().map(|x| x.f64()).map(|x| if x == 0.0 { 0.0 } else { x }).collect()
    };
    let same = |got: Vec<f64>, want: Vec<f64>, what: &str| {
        assert_eq!(got.len(), want.len(), "{} {what}: {got:?} vs {want:?}", T::DTYPE);
        assert!(got.iter().zip(&want).all(|(g, w)| order(*g, *w) == Ordering::Equal), "{} {what}", T::DTYPE);
    };
    same(f(&gpu::intersect1d(&a, &b)?), ua.iter().copied().filter(|&x| contains(&ub, x)).collect(), "intersect1d");
    let mut both: Vec<T> = ha.clone();
    both.extend(&hb);
    same(f(&gpu::union1d(&a, &b)?), uniq(&both), "union1d");
    same(f(&gpu::setdiff1d(&a, &b)?), ua.iter().copied().filter(|&x| !contains(&ub, x)).collect(), "setdiff1d");
    let mut xor: Vec<f64> = ua
        .iter()
        .copied()
        .filter(|&x| !contains(&ub, x))
        .chain(ub.iter().copied().filter(|&x| !contains(&ua, x)))
        .collect();
    xor.sort_by(|x, y| order(*x, *y));
    same(f(&gpu::setxor1d(&a, &b)?), xor, "setxor1d");
    // Empty operands.
    let none = Array::<T>::zeros([0], dev)?;
    assert_eq!(gpu::isin(&a, &none, false)?.to_vec()?, vec![false; 300]);
    assert_eq!(gpu::intersect1d(&a, &none)?.len(), 0);
    same(f(&gpu::setdiff1d(&a, &none)?), ua.clone(), "setdiff1d with nothing");
    same(f(&gpu::setxor1d(&none, &b)?), ub.clone(), "setxor1d with nothing");
    Ok(())
}

backend_tests! {
    fn sets_f32(dev) {
        set_routines::<f32>(dev)?;
        // NumPy 2.4's results with NaN.
        let up = |v: &[f32]| Array::from_vec(v.to_vec(), [v.len()])?.to(dev);
        let n = f32::NAN;
        assert_eq!(gpu::isin(&up(&[1.0, n, 3.0, -0.0])?, &up(&[n, 3.0, 0.0])?, false)?.to_vec()?, [false, false, true, true]);
        assert_eq!(gpu::intersect1d(&up(&[1.0, n, 3.0, 3.0, 2.0])?, &up(&[3.0, n, 1.0, 5.0])?)?.to_vec()?, [1.0, 3.0]);
        let u = gpu::union1d(&up(&[1.0, n, 3.0])?, &up(&[n, 2.0])?)?.to_vec()?;
        assert!(u.len() == 4 && u[..3] == [1.0, 2.0, 3.0] && u[3].is_nan());
        let d = gpu::setdiff1d(&up(&[5.0, 1.0, n, 3.0, 3.0])?, &up(&[3.0, n])?)?.to_vec()?;
        assert!(d.len() == 3 && d[..2] == [1.0, 5.0] && d[2].is_nan());
        let x = gpu::setxor1d(&up(&[1.0, n, 3.0, 4.0])?, &up(&[n, 3.0, 5.0])?)?.to_vec()?;
        assert!(x.len() == 5 && x[..3] == [1.0, 4.0, 5.0] && x[3].is_nan() && x[4].is_nan());
        Ok(())
    }
    fn sets_f64(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        set_routines::<f64>(dev)
    }
    fn sets_i32(dev) { set_routines::<i32>(dev) }
    fn sets_u32(dev) { set_routines::<u32>(dev) }

    fn sorts_f32(dev) { all::<f32>(dev) }
    fn sorts_f64(dev) {
        // Sorting moves f64 by bits: it needs no f64 arithmetic on the device.
        if !dev.supports(DType::F64) { return Ok(()) }
        all::<f64>(dev)
    }
    fn sorts_i32(dev) { all::<i32>(dev) }
    fn sorts_u32(dev) { all::<u32>(dev) }

    fn argsort_pairs_with_take_along_axis(dev) {
        // The NumPy idiom: sort one array by another's order.
        let keys = Array::from_vec(vec![3.0f32, 1.0, 2.0, 0.5, 0.25, 9.0], [2, 3])?.to(dev)?;
        let payload = Array::from_vec(vec![30, 10, 20, 5, 2, 90], [2, 3])?.to(dev)?;
        let order = keys.argsort(1)?;
        assert_eq!(payload.take_along_axis(&order, 1)?.to_vec()?, vec![10, 20, 30, 2, 5, 90]);
        // The last element after an ascending sort is the maximum: argmax agrees.
        let last = order.slice(1, Some(-1), None, 1)?;
        assert_eq!(last.to_vec()?, keys.argmax_axis(1, true)?.to_vec()?);
        Ok(())
    }

    fn lexsort_like_numpy(dev) {
        // NumPy 2.4: np.lexsort((second, first)) = [2, 0, 4, 6, 5, 3, 1].
        let first = Array::from_vec(vec![1, 5, 1, 4, 3, 4, 4], [7])?.to(dev)?;
        let second = Array::from_vec(vec![9, 4, 0, 4, 0, 2, 1], [7])?.to(dev)?;
        assert_eq!(gpu::lexsort(&[&second, &first], 0)?.to_vec()?, [2, 0, 4, 6, 5, 3, 1]);
        // Rows of a table by column 0, then 1, then 2: np.lexsort((a[:,2], a[:,1], a[:,0])) = [1, 3, 2, 0].
        let t = Array::from_vec(vec![3.0f32, 1.0, 2.0, 1.0, 1.0, 0.0, 3.0, 0.0, 2.0, 1.0, 1.0, 1.0], [4, 3])?.to(dev)?;
        let cols: Vec<Array<f32>> = (0..3).map(|j| t.index_axis(1, j)).collect::<gpu::Result<_>>()?;
        assert_eq!(gpu::lexsort(&[&cols[2], &cols[1], &cols[0]], -1)?.to_vec()?, [1, 3, 2, 0]);
        // Against a host sort by (k1, k0, position) along axis 1 of [3, 40] keys with ties.
        let (h0, h1): (Vec<i32>, Vec<i32>) = ((0..120).map(|i| i * 7 % 5).collect(), (0..120).map(|i| i * 11 % 3).collect());
        let k0 = Array::from_vec(h0.clone(), [3, 40])?.to(dev)?;
        let k1 = Array::from_vec(h1.clone(), [3, 40])?.to(dev)?;
        let got = gpu::lexsort(&[&k0, &k1], 1)?.to_vec()?;
        for r in 0..3 {
            let mut want: Vec<u32> = (0..40).collect();
            want.sort_by_key(|&j| (h1[r * 40 + j as usize], h0[r * 40 + j as usize], j));
            assert_eq!(&got[r * 40..(r + 1) * 40], &want[..], "row {r}");
        }
        assert!(matches!(gpu::lexsort::<i32>(&[], 0), Err(gpu::Error::InvalidArgument { .. })));
        assert!(matches!(gpu::lexsort(&[&first, &k0], 0), Err(gpu::Error::InvalidArgument { .. })));
        Ok(())
    }

    fn partitions(dev) {
        let h: Vec<f32> = values::<f32>(301, 9);
        let a = Array::from_vec(h.clone(), [301])?.to(dev)?;
        let mut sorted = h.clone();
        sorted.sort_by(|x, y| order(f64::from(*x), f64::from(*y)));
        for kth in [0isize, 150, 300, -1, -301] {
            let k = kth.rem_euclid(301) as usize;
            let p = a.partition(kth, 0)?.to_vec()?;
            assert_eq!(p[k].to_bits(), sorted[k].to_bits(), "partition kth {kth}");
            assert!(p[..k].iter().all(|x| order(f64::from(*x), f64::from(p[k])).is_le()), "before kth {kth}");
            assert!(p[k + 1..].iter().all(|x| order(f64::from(*x), f64::from(p[k])).is_ge()), "after kth {kth}");
            let idx = a.argpartition(kth, 0)?;
            assert_eq!(a.take_along_axis(&idx, 0)?.to_vec()?[k].to_bits(), sorted[k].to_bits(), "argpartition {kth}");
        }
        let m = Array::from_vec(vec![5, 1, 4, 2, 9, 0], [2, 3])?.to(dev)?;
        assert_eq!(m.partition(1, 1)?.to_vec()?[1], 4);
        assert_eq!(m.partition(0, 0)?.shape(), &[2, 3]);
        for kth in [301isize, -302] {
            assert!(matches!(a.partition(kth, 0), Err(gpu::Error::IndexOutOfBounds { .. })), "kth {kth}");
            assert!(matches!(a.argpartition(kth, 0), Err(gpu::Error::IndexOutOfBounds { .. })), "kth {kth}");
        }
        Ok(())
    }

    fn partitions_along_either_axis_match_argsort_at_kth(dev) {
        // Many ties (values 0..9): the CPU backend selects, GPUs sort; either way the
        // entry at kth is the stable argsort's, and the contract holds around it.
        let (rows, n) = (7, 300);
        let h: Vec<i32> = values::<f32>(rows * n, 21).iter().map(|x| ((x.abs() * 10.0) as i32) % 10).collect();
        let a = Array::from_vec(h.clone(), [rows, n])?.to(dev)?;
        for (axis, len, count, stride, step) in [(1isize, n, rows, n, 1), (0, rows, n, 1, n)] {
            let order = a.argsort(axis)?.to_vec()?;
            for kth in [0, len / 3, len / 2, len - 1] {
                let p = a.partition(kth as isize, axis)?.to_vec()?;
                let idx = a.argpartition(kth as isize, axis)?.to_vec()?;
                for s in 0..count {
                    let at = |j: usize| s * stride + j * step;
                    let pivot = p[at(kth)];
                    assert_eq!(pivot, h[at(order[at(kth)] as usize)], "axis {axis} slice {s} kth {kth}");
                    assert_eq!(idx[at(kth)], order[at(kth)], "argpartition, axis {axis} slice {s} kth {kth}");
                    assert!((0..kth).all(|j| p[at(j)] <= pivot) && (kth + 1..len).all(|j| p[at(j)] >= pivot));
                    let mut got: Vec<i32> = (0..len).map(|j| p[at(j)]).collect();
                    let mut want: Vec<i32> = (0..len).map(|j| h[at(j)]).collect();
                    got.sort_unstable();
                    want.sort_unstable();
                    assert_eq!(got, want, "partition must permute the slice");
                }
            }
        }
        Ok(())
    }

    fn sorts_of_empty_and_errors(dev) {
        let e = Array::<f32>::zeros([3, 0], dev)?;
        assert_eq!(e.argsort(1)?.shape(), &[3, 0]);
        assert_eq!(e.sort(0)?.shape(), &[3, 0]);
        let s = Array::<f32>::zeros([], dev)?;
        assert!(matches!(s.argsort(0), Err(gpu::Error::AxisOutOfRange { axis: 0, .. })));
        assert!(matches!(s.sort(-1), Err(gpu::Error::AxisOutOfRange { .. })));
        let a = Array::<i32>::ones([2, 3], dev)?;
        assert!(matches!(a.argsort(2), Err(gpu::Error::AxisOutOfRange { axis: 2, .. })));
        // All equal: a stable sort keeps the order.
        assert_eq!(a.argsort(-1)?.to_vec()?, vec![0, 1, 2, 0, 1, 2]);
        assert_eq!(a.argsort(0)?.to_vec()?, vec![0, 0, 0, 1, 1, 1]);
        Ok(())
    }

    fn unique_and_search_of_empty_and_errors(dev) {
        let e = Array::<i32>::zeros([0, 3], dev)?;
        assert_eq!(e.unique()?.shape(), &[0]);
        let (v, c) = e.unique_counts()?;
        assert_eq!((v.shape(), c.shape()), (&[0][..], &[0][..]));
        let (v, inv) = e.unique_inverse()?;
        assert_eq!((v.shape(), inv.shape()), (&[0][..], &[0, 3][..]));
        let one = Array::<f32>::full([], 2.5, dev)?;
        assert_eq!(one.unique()?.to_vec()?, vec![2.5]);
        let sorted = Array::from_vec(vec![1, 3, 5], 3)?.to(dev)?;
        assert_eq!(e.searchsorted(&sorted, Side::Left).map(|a| a.shape().to_vec()).ok(), None);
        let empty_sorted = Array::<i32>::zeros([0], dev)?;
        assert_eq!(empty_sorted.searchsorted(&sorted, Side::Right)?.to_vec()?, vec![0, 0, 0]);
        assert_eq!(sorted.searchsorted(&e, Side::Left)?.shape(), &[0, 3]);
        let two_d = Array::<i32>::zeros([2, 2], dev)?;
        assert!(matches!(two_d.searchsorted(&sorted, Side::Left), Err(gpu::Error::InvalidArgument { .. })));
        let x = Array::from_vec(vec![0, 3, 6], 3)?.to(dev)?;
        assert_eq!(sorted.searchsorted(&x, Side::Left)?.to_vec()?, vec![0, 1, 3]);
        assert_eq!(sorted.searchsorted(&x, Side::Right)?.to_vec()?, vec![0, 2, 3]);
        Ok(())
    }

    fn sort_keeps_results_on_the_device(dev) {
        let a = gpu::random::uniform([4, 3000], -1.0f32, 1.0, 5, dev)?;
        let s = a.sort(1)?;
        assert_eq!(s.device(), dev);
        let v = s.to_vec()?;
        for row in v.chunks(3000) {
            assert!(row.windows(2).all(|w| w[0] <= w[1]), "a row is not ascending");
        }
        Ok(())
    }
}
