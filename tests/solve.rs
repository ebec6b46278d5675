//! `linalg::solve`, `inv`, `det`, `cholesky` and `norm` on every backend (f32, f64)
//! against host references in f64 (Gaussian elimination, Cholesky–Banachiewicz, norms
//! by definition): sizes 1 to 33, matrices that need row swaps (a zero leading
//! pivot, permutations), several right-hand sides, transposed views as input, singular
//! matrices (an error for solve/inv, 0 for det), and the errors (downloads: tests/transfers.rs).

#[macro_use]
mod common;

use common::{noise, TestValue};
use gpu::{linalg, Array, DType, Device, Error, Float};

/// Row-major n × n host matrix with a dominant diagonal (well conditioned), optionally
/// with its first row moved last so the leading pivot is small.
fn matrix(n: usize, seed: u64) -> Vec<f64> {
    // Off-diagonal rows sum to at most 1 in magnitude, the diagonal is 2 ± 1/n: the
    // determinant stays within f32's range (about 2^n) at every size here.
    let mut m: Vec<f64> = noise(n * n, seed).into_iter().map(|x| x / n as f64).collect();
    for i in 0..n {
        m[i * n + i] += 2.0;
    }
    m
}

/// Host solve by Gaussian elimination with partial pivoting: x for a·x = b (b: n × m),
/// and the determinant.
fn host_solve(a: &[f64], b: &[f64], n: usize, m: usize) -> (Vec<f64>, f64) {
    let (mut a, mut b) = (a.to_vec(), b.to_vec());
    let mut det = 1.0;
    for k in 0..n {
        let p = (k..n).max_by(|&i, &j| a[i * n + k].abs().total_cmp(&a[j * n + k].abs())).unwrap_or(k);
        if p != k {
            det = -det;
            for j in 0..n {
                a.swap(k * n + j, p * n + j);
            }
            for j in 0..m {
                b.swap(k * m + j, p * m + j);
            }
        }
        det *= a[k * n + k];
        for i in k + 1..n {
            let f = a[i * n + k] / a[k * n + k];
            for j in k..n {
                a[i * n + j] -= f * a[k * n + j];
            }
            for j in 0..m {
                b[i * m + j] -= f * b[k * m + j];
            }
        }
    }
    let mut x = vec![0.0; n * m];
    for k in (0..n).rev() {
        for j in 0..m {
            let s: f64 = (k + 1..n).map(|i| a[k * n + i] * x[i * m + j]).sum();
            x[k * m + j] = (b[k * m + j] - s) / a[k * n + k];
        }
    }
    (x, det)
}

fn to_t<T: TestValue>(v: &[f64]) -> Vec<T> {
    v.iter().map(|&x| T::of_f64(x)).collect()
}

#[track_caller]
fn close(got: &[f64], want: &[f64], rel: f64, what: &str) {
    assert_eq!(got.len(), want.len(), "{what}: length");
    let scale = want.iter().fold(1.0f64, |m, x| m.max(x.abs()));
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!((g - w).abs() <= rel * scale, "{what}: element {i}: got {g}, want {w} (rel {rel} of {scale})");
    }
}

fn cases<T: TestValue + Float>(dev: &Device, rel: f64) -> gpu::Result<()> {
    let ty = T::DTYPE;
    for n in [1usize, 2, 3, 8, 33] {
        for rotate in [false, true] {
            let mut a = matrix(n, n as u64);
            if rotate {
                // First row last: the leading pivot is now small, so rows must swap.
                a.rotate_left(n);
            }
            let m = 3;
            let b = noise(n * m, 50 + n as u64);
            let ad = Array::from_vec(to_t::<T>(&a), [n, n])?.to(dev)?;
            let bd = Array::from_vec(to_t::<T>(&b), [n, m])?.to(dev)?;
            // Round the inputs as the device sees them.
            let (a, b): (Vec<f64>, Vec<f64>) =
                (to_t::<T>(&a).iter().map(|x| x.f64()).collect(), to_t::<T>(&b).iter().map(|x| x.f64()).collect());
            let (x, det) = host_solve(&a, &b, n, m);
            let what = format!("{ty} n={n} rotated={rotate}");
            let got: Vec<f64> = linalg::solve(&ad, &bd)?.to_vec()?.iter().map(|v| v.f64()).collect();
            close(&got, &x, rel, &format!("{what}: solve with 3 right-hand sides"));
            let b1 = bd.index_axis(1, 0)?;
            let x1 = linalg::solve(&ad, &b1)?;
            assert_eq!(x1.shape(), &[n]);
            let want1: Vec<f64> = (0..n).map(|i| x[i * m]).collect();
            close(
                &x1.to_vec()?.iter().map(|v| v.f64()).collect::<Vec<_>>(),
                &want1,
                rel,
                &format!("{what}: solve, 1-D b"),
            );
            let got_det = linalg::det(&ad)?.item()?.f64();
            assert!((got_det - det).abs() <= rel * det.abs(), "{what}: det {got_det} vs {det}");
            let eye: Vec<f64> = (0..n * n).map(|i| if i % (n + 1) == 0 { 1.0 } else { 0.0 }).collect();
            let (inv, _) = host_solve(&a, &eye, n, n);
            let got: Vec<f64> = linalg::inv(&ad)?.to_vec()?.iter().map(|v| v.f64()).collect();
            close(&got, &inv, rel, &format!("{what}: inv"));
            // A transposed view as the matrix.
            let at: Vec<f64> = (0..n * n).map(|i| a[(i % n) * n + i / n]).collect();
            let (xt, _) = host_solve(&at, &b, n, m);
            let got: Vec<f64> = linalg::solve(&ad.t(), &bd)?.to_vec()?.iter().map(|v| v.f64()).collect();
            close(&got, &xt, rel, &format!("{what}: solve with a transposed view"));
        }
    }
    // A permutation matrix: det ±1 exactly, inverse its transpose.
    let p = Array::from_vec(to_t::<T>(&[0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0]), [3, 3])?.to(dev)?;
    assert_eq!(linalg::det(&p)?.item()?.f64(), 1.0, "{ty}: det of a cyclic permutation");
    assert_eq!(linalg::inv(&p)?.to_vec()?, p.t().contiguous()?.to_vec()?, "{ty}: inverse of a permutation");
    let swap = Array::from_vec(to_t::<T>(&[0.0, 2.0, 3.0, 4.0]), [2, 2])?.to(dev)?;
    assert_eq!(linalg::det(&swap)?.item()?.f64(), -6.0);
    // Singular: solve and inv fail, det is 0.
    let s = Array::from_vec(to_t::<T>(&[1.0, 2.0, 2.0, 4.0]), [2, 2])?.to(dev)?;
    let z = Array::from_vec(to_t::<T>(&[1.0, 0.0, 3.0, 2.0, 0.0, 1.0, 5.0, 0.0, 7.0]), [3, 3])?.to(dev)?;
    for (name, m) in [("rank 1", &s), ("zero column", &z)] {
        assert_eq!(linalg::det(m)?.item()?.f64(), 0.0, "{ty}: det of a singular matrix ({name})");
        let b = Array::<T>::ones([m.shape()[0]], dev)?;
        assert!(matches!(linalg::solve(m, &b), Err(Error::Singular { op: "solve", .. })), "{ty} {name}");
        assert!(matches!(linalg::inv(m), Err(Error::Singular { op: "inv", .. })), "{ty} {name}");
    }
    let empty = Array::<T>::zeros([0, 0], dev)?;
    assert_eq!(linalg::det(&empty)?.item()?.f64(), 1.0, "det of 0 × 0");
    Ok(())
}

/// Host Cholesky (row by row): L with a = L·Lᵀ.
fn host_cholesky(a: &[f64], n: usize) -> Vec<f64> {
    let mut l = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            let s: f64 = (0..j).map(|k| l[i * n + k] * l[j * n + k]).sum();
            l[i * n + j] = if i == j { (a[i * n + i] - s).sqrt() } else { (a[i * n + j] - s) / l[j * n + j] };
        }
    }
    l
}

fn cholesky_and_norms<T: TestValue + Float>(dev: &Device, rel: f64) -> gpu::Result<()> {
    let ty = T::DTYPE;
    for n in [1usize, 2, 5, 24] {
        // B·Bᵀ + n·I is symmetric positive definite.
        let b = noise(n * n, 70 + n as u64);
        let mut a = vec![0.0; n * n];
        for i in 0..n {
            for j in 0..n {
                a[i * n + j] =
                    (0..n).map(|k| b[i * n + k] * b[j * n + k]).sum::<f64>() + if i == j { n as f64 } else { 0.0 };
            }
        }
        let a: Vec<f64> = to_t::<T>(&a).iter().map(|x| x.f64()).collect();
        let ad = Array::from_vec(to_t::<T>(&a), [n, n])?.to(dev)?;
        let got: Vec<f64> = linalg::cholesky(&ad)?.to_vec()?.iter().map(|x| x.f64()).collect();
        close(&got, &host_cholesky(&a, n), rel, &format!("{ty} cholesky n={n}"));
        assert!((0..n).all(|i| (i + 1..n).all(|j| got[i * n + j] == 0.0)), "{ty}: the upper triangle is zero");
    }
    let not_pd = Array::from_vec(to_t::<T>(&[1.0, 2.0, 2.0, 1.0]), [2, 2])?.to(dev)?;
    assert!(matches!(linalg::cholesky(&not_pd), Err(Error::NotPositiveDefinite { op: "cholesky", .. })));

    // Norms by definition.
    use linalg::NormOrd as N;
    let v = noise(37, 5);
    let m = noise(6 * 4, 6);
    let (vd, md) = (Array::from_vec(to_t::<T>(&v), [37])?.to(dev)?, Array::from_vec(to_t::<T>(&m), [6, 4])?.to(dev)?);
    let (v, m): (Vec<f64>, Vec<f64>) =
        (to_t::<T>(&v).iter().map(|x| x.f64()).collect(), to_t::<T>(&m).iter().map(|x| x.f64()).collect());
    let abs: Vec<f64> = v.iter().map(|x| x.abs()).collect();
    let col = |j: usize| (0..6).map(|i| m[i * 4 + j].abs()).sum::<f64>();
    let row = |i: usize| (0..4).map(|j| m[i * 4 + j].abs()).sum::<f64>();
    let fmax = |it: &mut dyn Iterator<Item = f64>| it.fold(f64::MIN, f64::max);
    let fmin = |it: &mut dyn Iterator<Item = f64>| it.fold(f64::MAX, f64::min);
    let cases: [(&Array<T>, N, f64); 11] = [
        (&vd, N::Frobenius, v.iter().map(|x| x * x).sum::<f64>().sqrt()),
        (&vd, N::L1, abs.iter().sum()),
        (&vd, N::Inf, fmax(&mut abs.iter().copied())),
        (&vd, N::NegInf, fmin(&mut abs.iter().copied())),
        (&vd, N::P(3.0), abs.iter().map(|x| x.powi(3)).sum::<f64>().cbrt()),
        (&vd, N::Count, v.iter().filter(|x| **x != 0.0).count() as f64),
        (&md, N::Frobenius, m.iter().map(|x| x * x).sum::<f64>().sqrt()),
        (&md, N::L1, fmax(&mut (0..4).map(col))),
        (&md, N::NegL1, fmin(&mut (0..4).map(col))),
        (&md, N::Inf, fmax(&mut (0..6).map(row))),
        (&md, N::NegInf, fmin(&mut (0..6).map(row))),
    ];
    for (x, ord, want) in cases {
        let got = linalg::norm(x, ord)?.item()?.f64();
        assert!((got - want).abs() <= 4.0 * rel * want.abs(), "{ty} norm {ord:?} of {:?}: {got} vs {want}", x.shape());
    }
    for (x, ord) in [(&vd, N::NegL1), (&md, N::P(2.0)), (&md, N::Count), (&vd, N::P(0.0)), (&vd, N::P(f64::INFINITY))] {
        assert!(
            matches!(linalg::norm(x, ord), Err(Error::InvalidArgument { op: "norm", .. })),
            "{ord:?} of {:?}",
            x.shape()
        );
    }
    Ok(())
}

backend_tests! {
    fn cholesky_and_norms_f32(dev) { cholesky_and_norms::<f32>(dev, 2e-5) }
    fn cholesky_and_norms_f64(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        cholesky_and_norms::<f64>(dev, 1e-12)
    }

    fn solve_inv_det_f32(dev) { cases::<f32>(dev, 2e-5) }
    fn solve_inv_det_f64(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        cases::<f64>(dev, 1e-12)
    }

    fn shape_errors(dev) {
        let a = Array::<f32>::ones([2, 3], dev)?;
        let sq = Array::<f32>::eye(3, dev)?;
        assert!(matches!(linalg::det(&a), Err(Error::InvalidArgument { op: "det", .. })));
        assert!(matches!(linalg::inv(&Array::<f32>::ones([3], dev)?), Err(Error::InvalidArgument { op: "inv", .. })));
        assert!(matches!(linalg::solve(&sq, &Array::<f32>::ones([2], dev)?), Err(Error::InvalidArgument { op: "solve", .. })));
        assert!(matches!(linalg::solve(&sq, &Array::<f32>::ones([3, 1, 1], dev)?), Err(Error::InvalidArgument { op: "solve", .. })));
        if dev.kind() != gpu::DeviceKind::Cpu {
            let h = Array::<f32>::ones([3], &Device::cpu())?;
            assert!(matches!(linalg::solve(&sq, &h), Err(Error::DeviceMismatch { .. })));
        }
        Ok(())
    }
}
