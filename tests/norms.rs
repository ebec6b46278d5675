//! `linalg::vector_norm`, `matrix_norm` (stacks, axes, keepdims), `cond`,
//! `multi_dot`, `cross`, `tensorinv`/`tensorsolve` and NumPy 2's namespace helpers
//! (`vecdot`, `matrix_transpose`, `diagonal`, `trace`, `outer`) on every backend, against host references in f64 (norms by
//! definition over the reduced axes, inverses by the shared host elimination (`common::host_solve`), chain products in the
//! written order, cross products by components) and constants from NumPy 2.4
//! (`np.linalg.cond([[1, 2], [3, 4]], p)` for every `p`, `np.cross` of mixed 2- and
//! 3-vectors). Integer cross products and chains are exact; float tolerances are
//! stated per dtype at the call.

#[macro_use]
mod common;

use common::{f64s, host_solve, noise, pattern, to_t, HostNd, TestValue};
use gpu::{linalg, linalg::NormOrd as N, Array, DType, Device, Error, Float};

#[track_caller]
fn close(got: &[f64], want: &[f64], rel: f64, what: &str) {
    assert_eq!(got.len(), want.len(), "{what}: length");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        let ok = if w.is_infinite() || w.is_nan() {
            g == w || (g.is_nan() && w.is_nan())
        } else {
            (g - w).abs() <= rel * w.abs().max(1e-30)
        };
        assert!(ok, "{what}: element {i}: got {g}, want {w} (rel {rel})");
    }
}

/// A host vector norm of `v` by definition (NumPy's formulas).
fn host_vector_norm(v: &[f64], ord: N) -> f64 {
    let abs = v.iter().map(|x| x.abs());
    match ord {
        N::Frobenius => v.iter().map(|x| x * x).sum::<f64>().sqrt(),
        N::L1 => abs.sum(),
        N::Inf => abs.fold(f64::NEG_INFINITY, f64::max),
        N::NegInf => abs.fold(f64::INFINITY, f64::min),
        N::NegL1 => 1.0 / abs.map(|x| 1.0 / x).sum::<f64>(),
        N::Count => v.iter().filter(|x| **x != 0.0).count() as f64,
        N::P(p) => abs.map(|x| x.powf(p)).sum::<f64>().powf(1.0 / p),
        N::Nuclear => unreachable!(),
    }
}

/// The host reference of a norm over `axes` of `h`: the kept axes' values in row-major
/// order, each the norm of the elements that share them.
fn host_over_axes(h: &HostNd<f64>, axes: &[usize], ord: N) -> Vec<f64> {
    let kept: Vec<usize> = (0..h.shape.len()).filter(|d| !axes.contains(d)).collect();
    let kept_shape: Vec<usize> = kept.iter().map(|&d| h.shape[d]).collect();
    HostNd::<f64>::indices(&kept_shape)
        .into_iter()
        .map(|k| {
            let group: Vec<f64> = HostNd::<f64>::indices(&h.shape)
                .into_iter()
                .filter(|i| kept.iter().zip(&k).all(|(&d, &x)| i[d] == x))
                .map(|i| h.get(&i))
                .collect();
            host_vector_norm(&group, ord)
        })
        .collect()
}

fn vector_norms<T: TestValue + Float>(dev: &Device, rel: f64) -> gpu::Result<()> {
    let ty = T::DTYPE;
    let shape = [3, 4, 5];
    let mut v = noise(60, 11);
    v[7] = 0.0; // Count sees a zero; NegL1 of its group is 0
    let host = HostNd::new(to_t::<T>(&v).iter().map(|x| x.f64()).collect(), &shape);
    let a = Array::from_vec(to_t::<T>(&v), shape)?.to(dev)?;
    let ords =
        [N::Frobenius, N::L1, N::Inf, N::NegInf, N::NegL1, N::Count, N::P(3.0), N::P(-2.0), N::P(2.0), N::P(1.0)];
    let axis_sets: [(Option<&[isize]>, &[usize]); 5] =
        [(None, &[0, 1, 2]), (Some(&[-1]), &[2]), (Some(&[0, 2]), &[0, 2]), (Some(&[1]), &[1]), (Some(&[]), &[])];
    for ord in ords {
        for (axes, resolved) in axis_sets {
            let want = host_over_axes(&host, resolved, ord);
            let got = linalg::vector_norm(&a, axes, ord, false)?;
            let kept: Vec<usize> = (0..3).filter(|d| !resolved.contains(d)).map(|d| shape[d]).collect();
            assert_eq!(got.shape(), &kept[..], "{ty} {ord:?} over {axes:?}: shape");
            close(&f64s(&got), &want, rel, &format!("{ty} vector_norm {ord:?} over {axes:?}"));
            let kd = linalg::vector_norm(&a, axes, ord, true)?;
            let kd_shape: Vec<usize> = (0..3).map(|d| if resolved.contains(&d) { 1 } else { shape[d] }).collect();
            assert_eq!(kd.shape(), &kd_shape[..], "{ty} {ord:?} over {axes:?} keepdims");
        }
    }
    // A transposed view: its norms over an axis are the original's over the other one.
    let m = a.index_axis(0, 1)?; // [4, 5]
    let by_rows = linalg::vector_norm(&m.t(), Some(&[0]), N::L1, false)?;
    close(&f64s(&by_rows), &f64s(&linalg::vector_norm(&m, Some(&[1]), N::L1, false)?), rel, "view");
    // A 0-d array: |x|.
    let s = Array::scalar(T::of_f64(-2.5), dev)?;
    assert_eq!(linalg::vector_norm(&s, None, N::P(3.0), false)?.item()?.f64(), 2.5, "{ty} 0-d");
    // One element per norm is |x| itself, even where |x|^p would overflow.
    let big = if T::DTYPE == gpu::DType::F32 { 1e30 } else { 1e200 };
    let col = Array::from_vec(to_t::<T>(&[-big, 3.0]), [2, 1])?.to(dev)?;
    let got = f64s(&linalg::vector_norm(&col, Some(&[1]), N::P(3.0), false)?);
    assert_eq!(got, vec![T::of_f64(big).f64(), 3.0], "{ty} norms of one element");
    // Scaled by the largest |x| (the smallest for p < 0): a norm in range is found where
    // Σ |x|^p overflows or underflows (each case did, unscaled).
    for (x, p) in [(big, 3.0), (1.0 / big, 3.0), (1.0 / big, -3.0), (big, -3.0)] {
        let v = Array::from_vec(to_t::<T>(&[x, -x, x / 2.0]), [3])?.to(dev)?;
        let xt = T::of_f64(x).f64();
        let want = xt * (2.0 + 0.5f64.powf(p)).powf(1.0 / p);
        let got = linalg::vector_norm(&v, None, N::P(p), false)?.item()?.f64();
        close(&[got], &[want], rel, &format!("{ty} P({p}) of [{x:e}, -{x:e}, {x:e}/2]"));
    }
    // Where the scale is 0, ∞ or NaN the norm is that.
    let inf = f64::INFINITY;
    for (v, p, want) in
        [([0.0, 0.0], 3.0, 0.0), ([inf, 1.0], 3.0, inf), ([inf, inf], -3.0, inf), ([f64::NAN, 1.0], 3.0, f64::NAN)]
    {
        let a = Array::from_vec(to_t::<T>(&v), [2])?.to(dev)?;
        let got = linalg::vector_norm(&a, None, N::P(p), false)?.item()?.f64();
        assert!(got == want || (got.is_nan() && want.is_nan()), "{ty} P({p}) of {v:?}: {got}, want {want}");
    }
    // NegL1 over vectors is P(-1): a zero element makes it 0, as NumPy.
    let z = Array::from_vec(to_t::<T>(&[1.0, -2.0, 0.0, 4.0]), [4])?.to(dev)?;
    assert_eq!(linalg::norm(&z, N::NegL1)?.item()?.f64(), 0.0);
    assert_eq!(linalg::vector_norm(&z, None, N::P(-2.0), false)?.item()?.f64(), 0.0);
    for (ord, axes) in [(N::Nuclear, None), (N::P(0.0), None), (N::P(f64::NAN), None), (N::L1, Some(&[1isize, -2][..]))]
    {
        assert!(
            matches!(linalg::vector_norm(&a, axes, ord, false), Err(Error::InvalidArgument { .. })),
            "{ord:?} over {axes:?}"
        );
    }
    assert!(matches!(linalg::vector_norm(&a, Some(&[3]), N::L1, false), Err(Error::AxisOutOfRange { .. })));
    let empty = Array::<T>::zeros([0, 3], dev)?;
    assert!(matches!(linalg::vector_norm(&empty, Some(&[0]), N::Inf, false), Err(Error::EmptyReduction { .. })));
    assert_eq!(f64s(&linalg::vector_norm(&empty, Some(&[0]), N::Frobenius, false)?), [0.0; 3]);
    Ok(())
}

fn matrix_norms<T: TestValue + Float>(dev: &Device, rel: f64) -> gpu::Result<()> {
    let ty = T::DTYPE;
    let (b, m, n) = (3, 5, 4);
    let v = noise(b * m * n, 12);
    let host: Vec<f64> = to_t::<T>(&v).iter().map(|x| x.f64()).collect();
    let a = Array::from_vec(to_t::<T>(&v), [b, m, n])?.to(dev)?;
    let entry = |s: usize, i: usize, j: usize| host[s * m * n + i * n + j];
    let fold = |it: &mut dyn Iterator<Item = f64>, largest: bool| {
        it.fold(if largest { f64::MIN } else { f64::MAX }, if largest { f64::max } else { f64::min })
    };
    let col = |s: usize, j: usize| (0..m).map(|i| entry(s, i, j).abs()).sum::<f64>();
    let row = |s: usize, i: usize| (0..n).map(|j| entry(s, i, j).abs()).sum::<f64>();
    let by_definition = |ord: N| -> Vec<f64> {
        (0..b)
            .map(|s| match ord {
                N::Frobenius => (0..m * n).map(|k| host[s * m * n + k].powi(2)).sum::<f64>().sqrt(),
                N::L1 => fold(&mut (0..n).map(|j| col(s, j)), true),
                N::NegL1 => fold(&mut (0..n).map(|j| col(s, j)), false),
                N::Inf => fold(&mut (0..m).map(|i| row(s, i)), true),
                N::NegInf => fold(&mut (0..m).map(|i| row(s, i)), false),
                _ => unreachable!(),
            })
            .collect()
    };
    for ord in [N::Frobenius, N::L1, N::NegL1, N::Inf, N::NegInf] {
        let got = linalg::matrix_norm(&a, ord, false)?;
        assert_eq!(got.shape(), &[b]);
        close(&f64s(&got), &by_definition(ord), 4.0 * rel, &format!("{ty} matrix_norm {ord:?}"));
        // Each matrix of the stack alone, through `norm`.
        for s in 0..b {
            let one = linalg::norm(&a.index_axis(0, s as isize)?, ord)?.item()?.f64();
            close(&[one], &by_definition(ord)[s..s + 1], 4.0 * rel, &format!("{ty} norm {ord:?} of matrix {s}"));
        }
        // The transposed stack swaps the column and row norms.
        let swapped = match ord {
            N::L1 => N::Inf,
            N::Inf => N::L1,
            N::NegL1 => N::NegInf,
            N::NegInf => N::NegL1,
            o => o,
        };
        let t = linalg::matrix_norm(&a.swapaxes(-1, -2)?, swapped, true)?;
        assert_eq!(t.shape(), &[b, 1, 1], "{ty} keepdims");
        close(&f64s(&t), &by_definition(ord), 4.0 * rel, &format!("{ty} {swapped:?} of the transposes"));
    }
    // The singular-value norms: against the singular values themselves.
    let s = f64s(&linalg::svdvals(&a)?);
    let k = m.min(n);
    let per = |f: &dyn Fn(&[f64]) -> f64| -> Vec<f64> { s.chunks(k).map(f).collect() };
    let spectral = per(&|c| c[0]);
    close(&f64s(&linalg::matrix_norm(&a, N::P(2.0), false)?), &spectral, rel, "P(2)");
    close(&f64s(&linalg::matrix_norm(&a, N::P(-2.0), false)?), &per(&|c| c[k - 1]), rel, "P(-2)");
    close(&f64s(&linalg::matrix_norm(&a, N::Nuclear, false)?), &per(&|c| c.iter().sum()), rel, "Nuclear");
    // NumPy: the singular values of [[1, 2], [3, 4]] are 5.4649857 and 0.36596619.
    let fixed = Array::from_vec(to_t::<T>(&[1.0, 2.0, 3.0, 4.0]), [2, 2])?.to(dev)?;
    close(&[linalg::matrix_norm(&fixed, N::P(2.0), false)?.item()?.f64()], &[5.464985704219043], 10.0 * rel, "2");
    close(&[linalg::matrix_norm(&fixed, N::Nuclear, false)?.item()?.f64()], &[5.830951894845301], 10.0 * rel, "nuc");
    for ord in [N::Count, N::P(3.0), N::P(1.0)] {
        assert!(matches!(linalg::matrix_norm(&a, ord, false), Err(Error::InvalidArgument { .. })), "{ord:?}");
    }
    let v1 = Array::<T>::zeros([4], dev)?;
    assert!(matches!(linalg::matrix_norm(&v1, N::L1, false), Err(Error::InvalidArgument { .. })));
    Ok(())
}

fn host_matrix_norm(a: &[f64], n: usize, ord: N) -> f64 {
    let col = |j: usize| (0..n).map(|i| a[i * n + j].abs()).sum::<f64>();
    let row = |i: usize| (0..n).map(|j| a[i * n + j].abs()).sum::<f64>();
    match ord {
        N::Frobenius => a.iter().map(|x| x * x).sum::<f64>().sqrt(),
        N::L1 => (0..n).map(col).fold(f64::MIN, f64::max),
        N::NegL1 => (0..n).map(col).fold(f64::MAX, f64::min),
        N::Inf => (0..n).map(row).fold(f64::MIN, f64::max),
        N::NegInf => (0..n).map(row).fold(f64::MAX, f64::min),
        _ => unreachable!(),
    }
}

fn conds<T: TestValue + Float>(dev: &Device, rel: f64) -> gpu::Result<()> {
    let ty = T::DTYPE;
    // NumPy 2.4: np.linalg.cond([[1., 2.], [3., 4.]], p).
    let fixed = Array::from_vec(to_t::<T>(&[1.0, 2.0, 3.0, 4.0]), [2, 2])?.to(dev)?;
    let numpy = [
        (None, 14.933034373659265),
        (Some(N::P(2.0)), 14.933034373659265),
        (Some(N::P(-2.0)), 0.06696562634074718),
        (Some(N::L1), 21.0),
        (Some(N::NegL1), 6.0),
        (Some(N::Inf), 21.0),
        (Some(N::NegInf), 6.0),
        (Some(N::Frobenius), 15.0),
        (Some(N::Nuclear), 17.0),
    ];
    for (ord, want) in numpy {
        let got = linalg::cond(&fixed, ord)?;
        assert_eq!(got.shape(), &[] as &[usize]);
        close(&[got.item()?.f64()], &[want], 20.0 * rel, &format!("{ty} cond {ord:?} (NumPy)"));
    }
    // A stack of well-conditioned 6 × 6 matrices (one of them a transposed view).
    let n = 6;
    let mut v = noise(4 * n * n, 13);
    for s in 0..4 {
        for i in 0..n {
            v[s * n * n + i * n + i] += 2.0;
        }
    }
    let host: Vec<f64> = to_t::<T>(&v).iter().map(|x| x.f64()).collect();
    let a = Array::from_vec(to_t::<T>(&v), [4, n, n])?.to(dev)?.swapaxes(-1, -2)?;
    let mats: Vec<Vec<f64>> =
        (0..4).map(|s| (0..n * n).map(|k| host[s * n * n + (k % n) * n + k / n]).collect()).collect();
    let eye: Vec<f64> = (0..n * n).map(|k| if k / n == k % n { 1.0 } else { 0.0 }).collect();
    for ord in [N::L1, N::NegL1, N::Inf, N::NegInf, N::Frobenius] {
        let want: Vec<f64> = mats
            .iter()
            .map(|m| host_matrix_norm(m, n, ord) * host_matrix_norm(&host_solve(m, &eye, n, n).0, n, ord))
            .collect();
        close(&f64s(&linalg::cond(&a, Some(ord))?), &want, 50.0 * rel, &format!("{ty} cond {ord:?} of a stack"));
    }
    let s = f64s(&linalg::svdvals(&a)?);
    let want: Vec<f64> = s.chunks(n).map(|c| c[0] / c[n - 1]).collect();
    close(&f64s(&linalg::cond(&a, None)?), &want, 10.0 * rel, &format!("{ty} cond of a stack"));
    // Rectangular matrices with the singular-value orders.
    let r = Array::from_vec(to_t::<T>(&noise(2 * 7 * 3, 14)), [2, 7, 3])?.to(dev)?;
    let s = f64s(&linalg::svdvals(&r)?);
    let want: Vec<f64> = s.chunks(3).map(|c| c[2] / c[0]).collect();
    close(&f64s(&linalg::cond(&r, Some(N::P(-2.0)))?), &want, 10.0 * rel, &format!("{ty} cond -2 of [2, 7, 3]"));
    // Singular: +inf from the norm orders (an exactly zero pivot), NaN input stays NaN.
    let singular = Array::from_vec(to_t::<T>(&[1.0, 2.0, 2.0, 4.0]), [2, 2])?.to(dev)?;
    for ord in [N::L1, N::Inf, N::Frobenius, N::NegInf] {
        let c = linalg::cond(&singular, Some(ord))?.item()?.f64();
        assert!(c == f64::INFINITY, "{ty} cond {ord:?} of a singular matrix: {c}");
    }
    // NumPy gives 4.8e16 in f64 here (σ_min is rounding noise); σ_min may also be exactly 0.
    let c = linalg::cond(&singular, None)?.item()?.f64();
    assert!(c > 0.1 / T::EPSILON.to_f64(), "{ty} cond of a singular matrix: {c}");
    let zero = Array::<T>::zeros([2, 2], dev)?;
    assert_eq!(linalg::cond(&zero, None)?.item()?.f64(), f64::INFINITY, "{ty} 0/0 becomes inf");
    let with_nan = Array::from_vec(to_t::<T>(&[f64::NAN, 1.0, 1.0, 1.0]), [2, 2])?.to(dev)?;
    assert!(linalg::cond(&with_nan, Some(N::L1))?.item()?.f64().is_nan(), "{ty} NaN input");
    // Errors.
    let bad: [(Array<T>, Option<N>); 5] = [
        (Array::<T>::zeros([3], dev)?, None),
        (Array::<T>::zeros([0, 0], dev)?, None),
        (Array::<T>::zeros([2, 3], dev)?, Some(N::L1)),
        (fixed.clone(), Some(N::Count)),
        (fixed.clone(), Some(N::P(3.0))),
    ];
    for (x, ord) in bad {
        assert!(
            matches!(linalg::cond(&x, ord), Err(Error::InvalidArgument { op: "cond", .. })),
            "{ty} cond {ord:?} of {:?}",
            x.shape()
        );
    }
    Ok(())
}

/// `a · b` on the host for row-major `m × k` and `k × n`.
fn host_matmul(a: &[f64], b: &[f64], m: usize, k: usize, n: usize) -> Vec<f64> {
    (0..m * n).map(|x| (0..k).map(|p| a[x / n * k + p] * b[p * n + x % n]).sum()).collect()
}

fn chains<T: TestValue + gpu::Element>(dev: &Device, tol: f64) -> gpu::Result<()> {
    let ty = T::DTYPE;
    let dims = [10, 3, 12, 2, 7];
    let host: Vec<Vec<f64>> =
        (0..4).map(|i| pattern::<T>(dims[i] * dims[i + 1], 20 + i as u64).iter().map(|x| x.f64()).collect()).collect();
    let arrays: Vec<Array<T>> = (0..4)
        .map(|i| Array::from_vec(to_t::<T>(&host[i]), [dims[i], dims[i + 1]])?.to(dev))
        .collect::<gpu::Result<_>>()?;
    let refs: Vec<&Array<T>> = arrays.iter().collect();
    // Left to right on the host.
    let mut want = host[0].clone();
    for i in 1..4 {
        want = host_matmul(&want, &host[i], dims[0], dims[i], dims[i + 1]);
    }
    let got = linalg::multi_dot(&refs)?;
    assert_eq!(got.shape(), &[10, 7]);
    close(&f64s(&got), &want, tol, &format!("{ty} multi_dot of four"));
    close(&f64s(&linalg::multi_dot(&refs[..2])?), &host_matmul(&host[0], &host[1], 10, 3, 12), tol, "two");
    // 1-D ends: a row vector first, a column vector last, both (a 0-d result).
    let (first, last) = (arrays[0].index_axis(0, 2)?, arrays[3].index_axis(1, 4)?);
    let row_want: Vec<f64> = want[2 * 7..3 * 7].to_vec();
    let col_want: Vec<f64> = (0..10).map(|i| want[i * 7 + 4]).collect();
    let r = linalg::multi_dot(&[&first, refs[1], refs[2], refs[3]])?;
    assert_eq!(r.shape(), &[7]);
    close(&f64s(&r), &row_want, tol, &format!("{ty} row vector first"));
    let c = linalg::multi_dot(&[refs[0], refs[1], refs[2], &last])?;
    assert_eq!(c.shape(), &[10]);
    close(&f64s(&c), &col_want, tol, &format!("{ty} column vector last"));
    let both = linalg::multi_dot(&[&first, refs[1], refs[2], &last])?;
    assert_eq!(both.shape(), &[] as &[usize]);
    close(&[both.item()?.f64()], &[want[2 * 7 + 4]], tol, &format!("{ty} both ends 1-D"));
    // NumPy: multi_dot([[1, 2], [[1, 2], [3, 4]], [5, 6]]) = 95.
    let v = Array::from_vec(to_t::<T>(&[1.0, 2.0]), [2])?.to(dev)?;
    let m = Array::from_vec(to_t::<T>(&[1.0, 2.0, 3.0, 4.0]), [2, 2])?.to(dev)?;
    let w = Array::from_vec(to_t::<T>(&[5.0, 6.0]), [2])?.to(dev)?;
    assert_eq!(linalg::multi_dot(&[&v, &m, &w])?.item()?.f64(), 95.0);
    // Errors.
    assert!(matches!(linalg::multi_dot(&refs[..1]), Err(Error::InvalidArgument { op: "multi_dot", .. })));
    let cube = Array::<T>::zeros([3, 12, 1], dev)?;
    let e = linalg::multi_dot(&[refs[0], &cube]).expect_err("3-D");
    assert!(matches!(e, Error::InvalidArgument { op: "multi_dot", .. }) && e.to_string().contains("[3, 12, 1]"), "{e}");
    let e = linalg::multi_dot(&[refs[0], refs[2]]).expect_err("inner dims");
    assert!(matches!(e, Error::MatmulShape { op: "multi_dot", .. }) && e.to_string().contains("3 columns"), "{e}");
    let mid_vector = linalg::multi_dot(&[refs[0], &first.slice(0, Some(0), Some(3), 1)?, refs[2]]);
    assert!(matches!(mid_vector, Err(Error::InvalidArgument { .. })), "a 1-D array in the middle");
    Ok(())
}

/// `a × b` of host 3-vectors.
fn host_cross(a: [f64; 3], b: [f64; 3]) -> [f64; 3] {
    [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]
}

fn crosses<T: TestValue + gpu::Element>(dev: &Device, tol: f64) -> gpu::Result<()> {
    let ty = T::DTYPE;
    // [4, 1, 3] × [5, 3] → [4, 5, 3].
    let (ha, hb): (Vec<f64>, Vec<f64>) = (
        pattern::<T>(12, 30).iter().map(|x| x.f64()).collect(),
        pattern::<T>(15, 31).iter().map(|x| x.f64()).collect(),
    );
    let a = Array::from_vec(to_t::<T>(&ha), [4, 1, 3])?.to(dev)?;
    let b = Array::from_vec(to_t::<T>(&hb), [5, 3])?.to(dev)?;
    let want: Vec<f64> = (0..4)
        .flat_map(|i| {
            let (ha, hb) = (&ha, &hb);
            (0..5).flat_map(move |j| {
                host_cross([ha[i * 3], ha[i * 3 + 1], ha[i * 3 + 2]], [hb[j * 3], hb[j * 3 + 1], hb[j * 3 + 2]])
            })
        })
        .collect();
    // The reference in the dtype: u32 wraps modulo 2³².
    let wrap = |v: Vec<f64>| -> Vec<f64> {
        v.into_iter().map(|x| if ty == DType::U32 { f64::from(x as i64 as u32) } else { T::of_f64(x).f64() }).collect()
    };
    let got = gpu::cross(&a, &b, -1)?;
    assert_eq!(got.shape(), &[4, 5, 3]);
    close(&f64s(&got), &wrap(want.clone()), tol, &format!("{ty} cross [4,1,3] x [5,3]"));
    // The same along axis 0 of the transposes: the result's vectors along axis 0 too.
    let at = a.transpose(&[2, 1, 0])?; // [3, 1, 4]
    let bt = b.t(); // [3, 5]
    let got0 = gpu::cross(&at.transpose(&[0, 2, 1])?, &bt.unsqueeze(1)?, 0)?; // [3, 4, 1] x [3, 1, 5]
    assert_eq!(got0.shape(), &[3, 4, 5]);
    close(&f64s(&got0.moveaxis(0, -1)?), &wrap(want), tol, &format!("{ty} cross along axis 0"));
    // NumPy 2.4: cross([1, 2], [3, 4, 5]) = [10, -5, -2]; cross([1, 2, 3], [3, 4]) = [-12, 9, -2];
    // cross([1, 2], [3, 4]) = -2 (0-d).
    let v = |x: &[f64]| Array::from_vec(to_t::<T>(x), [x.len()])?.to(dev);
    let cases: [(&[f64], &[f64], Vec<f64>); 3] = [
        (&[1.0, 2.0], &[3.0, 4.0, 5.0], vec![10.0, -5.0, -2.0]),
        (&[1.0, 2.0, 3.0], &[3.0, 4.0], vec![-12.0, 9.0, -2.0]),
        (&[1.0, 2.0], &[3.0, 4.0], vec![-2.0]),
    ];
    for (x, y, want) in cases {
        let got = gpu::cross(&v(x)?, &v(y)?, -1)?;
        assert_eq!(got.ndim(), if want.len() == 1 { 0 } else { 1 }, "{ty} {x:?} x {y:?}");
        close(&f64s(&got), &wrap(want), tol, &format!("{ty} {x:?} x {y:?}"));
    }
    // Errors.
    let four = Array::<T>::zeros([2, 4], dev)?;
    let e = gpu::cross(&four, &b, -1).expect_err("length 4");
    assert!(matches!(e, Error::InvalidArgument { op: "cross", .. }) && e.to_string().contains("length 4"), "{e}");
    let three = Array::<T>::zeros([3, 3], dev)?;
    assert!(matches!(gpu::cross(&three, &b, -1), Err(Error::BroadcastMismatch { .. })), "[3, 3] x [5, 3]");
    assert!(matches!(gpu::cross(&three, &b, 2), Err(Error::AxisOutOfRange { .. })));
    Ok(())
}

/// NumPy 2's `np.linalg` namespace helpers: `vecdot`, `matrix_transpose`, `diagonal`,
/// `trace`, `outer` against host loops (exact for small integers).
fn namespace<T: TestValue + gpu::Element>(dev: &Device) -> gpu::Result<()> {
    let ty = T::DTYPE;
    let (ha, hb): (Vec<f64>, Vec<f64>) = (
        pattern::<T>(12, 40).iter().map(|x| x.f64()).collect(),
        pattern::<T>(15, 41).iter().map(|x| x.f64()).collect(),
    );
    let a = Array::from_vec(to_t::<T>(&ha), [4, 1, 3])?.to(dev)?;
    let b = Array::from_vec(to_t::<T>(&hb), [5, 3])?.to(dev)?;
    let want: Vec<f64> = (0..4 * 5).map(|p| (0..3).map(|k| ha[p / 5 * 3 + k] * hb[p % 5 * 3 + k]).sum()).collect();
    let wrap = |v: &[f64]| -> Vec<f64> {
        v.iter().map(|&x| if ty == DType::U32 { f64::from(x as i64 as u32) } else { T::of_f64(x).f64() }).collect()
    };
    let got = linalg::vecdot(&a, &b, -1)?;
    assert_eq!(got.shape(), &[4, 5]);
    assert_eq!(f64s(&got), wrap(&want), "{ty} vecdot");
    // Along axis 0 of the transposes (the vectors down the columns).
    let got0 = linalg::vecdot(&a.transpose(&[2, 1, 0])?, &b.t().unsqueeze(-1)?, 0)?; // [1, 4] x [5, 1]
    assert_eq!(got0.shape(), &[5, 4]);
    assert_eq!(f64s(&got0.t()), wrap(&want), "{ty} vecdot along axis 0");
    let e = linalg::vecdot(&a, &b, 0).expect_err("4 against 5");
    assert!(matches!(e, Error::MatmulShape { op: "vecdot", .. }), "{e}");

    // A stack [2, 3, 4] of 3 × 4 matrices.
    let h: Vec<f64> = pattern::<T>(24, 42).iter().map(|x| x.f64()).collect();
    let m = Array::from_vec(to_t::<T>(&h), [2, 3, 4])?.to(dev)?;
    let at = |s: usize, i: usize, j: usize| h[s * 12 + i * 4 + j];
    let mt = linalg::matrix_transpose(&m)?;
    assert_eq!(mt.shape(), &[2, 4, 3]);
    let want_t: Vec<f64> = (0..2).flat_map(|s| (0..4).flat_map(move |j| (0..3).map(move |i| at(s, i, j)))).collect();
    assert_eq!(f64s(&mt), want_t, "{ty} matrix_transpose");
    for offset in [-2isize, -1, 0, 1, 3] {
        let diag = |s: usize| -> Vec<f64> {
            (0..3)
                .filter_map(|i| usize::try_from(i as isize + offset).ok().filter(|&j| j < 4).map(|j| at(s, i, j)))
                .collect()
        };
        let want_d: Vec<f64> = (0..2).flat_map(diag).collect();
        let d = linalg::diagonal(&m, offset)?;
        assert_eq!(d.shape(), &[2, want_d.len() / 2], "{ty} diagonal {offset}");
        assert_eq!(f64s(&d), want_d, "{ty} diagonal {offset}");
        let want_tr: Vec<f64> = (0..2).map(|s| diag(s).iter().sum()).collect();
        assert_eq!(f64s(&linalg::trace(&m, offset)?), wrap(&want_tr), "{ty} trace {offset}");
    }
    let v = Array::from_vec(to_t::<T>(&[1.0, 2.0]), [2])?.to(dev)?;
    let w = Array::from_vec(to_t::<T>(&[1.0, 10.0, 3.0]), [3])?.to(dev)?;
    assert_eq!(f64s(&linalg::outer(&v, &w)?), [1.0, 10.0, 3.0, 2.0, 20.0, 6.0]);
    assert!(matches!(linalg::outer(&m, &w), Err(Error::InvalidArgument { op: "outer", .. })));
    for r in [linalg::matrix_transpose(&v), linalg::diagonal(&v, 0), linalg::trace(&v, 0)] {
        assert!(matches!(r, Err(Error::InvalidArgument { .. })), "{ty}: 1-D");
    }
    Ok(())
}

/// `tensorinv` and `tensorsolve` against their defining identities.
fn tensor_solves<T: TestValue + Float>(dev: &Device, rel: f64) -> gpu::Result<()> {
    let ty = T::DTYPE;
    let n = 24;
    let mut v = noise(n * n, 50);
    for i in 0..n {
        v[i * n + i] += 3.0;
    }
    let a = Array::from_vec(to_t::<T>(&v), [4, 6, 8, 3])?.to(dev)?;
    let t = linalg::tensorinv(&a, 2)?;
    assert_eq!(t.shape(), &[8, 3, 4, 6]);
    // tensordot(t, a, 2) is the identity of shape [8, 3, 8, 3].
    let eye: Vec<f64> = (0..n * n).map(|k| if k / n == k % n { 1.0 } else { 0.0 }).collect();
    let id = gpu::tensordot(&t, &a, 2)?;
    assert_eq!(id.shape(), &[8, 3, 8, 3]);
    let got = f64s(&id);
    assert!(got.iter().zip(&eye).all(|(g, w)| (g - w).abs() <= rel), "{ty} tensorinv: tensordot(t, a, 2) = I");
    let t1 = linalg::tensorinv(&a.reshape([24, 2, 12])?, 1)?;
    assert_eq!(t1.shape(), &[2, 12, 24]);
    // tensorsolve: a as [6, 4, 2, 3, 4] (b: [6, 4], x: [2, 3, 4]); tensordot(a, x, 3) = b.
    let a5 = a.reshape([6, 4, 2, 3, 4])?;
    let hb = noise(24, 51);
    let b = Array::from_vec(to_t::<T>(&hb), [6, 4])?.to(dev)?;
    let x = linalg::tensorsolve(&a5, &b, None)?;
    assert_eq!(x.shape(), &[2, 3, 4]);
    let back = f64s(&gpu::tensordot(&a5, &x, 3)?);
    let hb: Vec<f64> = to_t::<T>(&hb).iter().map(|x| x.f64()).collect();
    assert!(back.iter().zip(&hb).all(|(g, w)| (g - w).abs() <= rel), "{ty} tensorsolve: tensordot(a, x, 3) = b");
    // axes: x's axes given in front are moved to the end first.
    let front = a5.transpose(&[2, 3, 4, 0, 1])?; // [2, 3, 4, 6, 4]
    let x2 = linalg::tensorsolve(&front, &b, Some(&[0, 1, 2]))?;
    close(&f64s(&x2), &f64s(&x), rel, &format!("{ty} tensorsolve with axes"));
    // Errors.
    for r in [linalg::tensorinv(&a, 0), linalg::tensorinv(&a, 5), linalg::tensorinv(&a, 1)] {
        assert!(matches!(r, Err(Error::InvalidArgument { op: "tensorinv", .. })), "{ty} tensorinv");
    }
    let bad_b = Array::<T>::zeros([4, 6], dev)?;
    let e = linalg::tensorsolve(&a5, &bad_b, None).expect_err("b's shape");
    assert!(matches!(e, Error::InvalidArgument { op: "tensorsolve", .. }) && e.to_string().contains("[4, 6]"), "{e}");
    assert!(matches!(linalg::tensorsolve(&a5, &b, Some(&[0, 0])), Err(Error::InvalidArgument { .. })));
    assert!(matches!(linalg::tensorsolve(&a5, &b, Some(&[7])), Err(Error::AxisOutOfRange { .. })));
    let singular = Array::<T>::zeros([2, 2, 4], dev)?;
    let b4 = Array::<T>::ones([2, 2], dev)?;
    assert!(matches!(linalg::tensorsolve(&singular, &b4, None), Err(Error::Singular { .. })));
    Ok(())
}

backend_tests! {
    fn vector_norms_f32(dev) { vector_norms::<f32>(dev, 1e-5) }
    fn vector_norms_f64(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        vector_norms::<f64>(dev, 1e-12)
    }
    fn matrix_norms_f32(dev) { matrix_norms::<f32>(dev, 1e-5) }
    fn matrix_norms_f64(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        matrix_norms::<f64>(dev, 1e-12)
    }
    fn cond_f32(dev) { conds::<f32>(dev, 1e-5) }
    fn cond_f64(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        conds::<f64>(dev, 1e-12)
    }
    // Small integers: every product and sum is exact in each dtype.
    fn multi_dot_f32(dev) { chains::<f32>(dev, 0.0) }
    fn multi_dot_i32(dev) { chains::<i32>(dev, 0.0) }
    fn multi_dot_f64(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        chains::<f64>(dev, 0.0)
    }
    fn cross_f32(dev) { crosses::<f32>(dev, 0.0) }
    fn cross_i32(dev) { crosses::<i32>(dev, 0.0) }
    fn cross_u32(dev) { crosses::<u32>(dev, 0.0) }
    fn namespace_f32(dev) { namespace::<f32>(dev) }
    fn namespace_i32(dev) { namespace::<i32>(dev) }
    fn namespace_u32(dev) { namespace::<u32>(dev) }
    fn tensor_solves_f32(dev) { tensor_solves::<f32>(dev, 1e-4) }
    fn tensor_solves_f64(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        tensor_solves::<f64>(dev, 1e-11)
    }
    fn cross_f64(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        crosses::<f64>(dev, 0.0)
    }
}
