//! `linalg::solve`, `inv`, `det`, `slogdet`, `matrix_power`, `cholesky`, `qr`,
//! `solve_triangular` and `norm` on
//! every backend (f32, f64), single matrices and stacks (broadcast both ways),
//! against host references in f64 (Gaussian elimination, Cholesky–Banachiewicz, norms
//! by definition): sizes 1 to 33, matrices that need row swaps (a zero leading
//! pivot, permutations), several right-hand sides, transposed views as input, singular
//! matrices (an error for solve/inv, 0 for det), and the errors (downloads: tests/transfers.rs).

#[macro_use]
mod common;

use common::{host_solve, noise, to_t, TestValue};
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

/// Host matrix product of row-major n × n matrices.
fn host_matmul(a: &[f64], b: &[f64], n: usize) -> Vec<f64> {
    (0..n * n).map(|ij| (0..n).map(|p| a[ij / n * n + p] * b[p * n + ij % n]).sum()).collect()
}

/// Stacks of matrices `[..., n, n]`: every function on each matrix of the stack as on
/// one matrix, right-hand sides as one vector, as a stack, and broadcast both ways.
fn stacks<T: TestValue + Float>(dev: &Device, rel: f64) -> gpu::Result<()> {
    let ty = T::DTYPE;
    let (n, m) = (5, 2);
    let stack = [2usize, 3];
    let count = stack.iter().product::<usize>();
    // Matrix s of the stack; every other one rotated so its rows must swap.
    let mats: Vec<Vec<f64>> = (0..count)
        .map(|s| {
            let mut a = matrix(n, 100 + s as u64);
            if s % 2 == 1 {
                a.rotate_left(n * (s % n));
            }
            to_t::<T>(&a).iter().map(|x| x.f64()).collect()
        })
        .collect();
    let ad = Array::from_vec(to_t::<T>(&mats.concat()), [stack[0], stack[1], n, n])?.to(dev)?;
    let rhs: Vec<Vec<f64>> =
        (0..count).map(|s| to_t::<T>(&noise(n * m, 200 + s as u64)).iter().map(|x| x.f64()).collect()).collect();
    let bd = Array::from_vec(to_t::<T>(&rhs.concat()), [stack[0], stack[1], n, m])?.to(dev)?;

    // Per-matrix references.
    let eye: Vec<f64> = (0..n * n).map(|i| if i % (n + 1) == 0 { 1.0 } else { 0.0 }).collect();
    let solved: Vec<(Vec<f64>, f64)> = (0..count).map(|s| host_solve(&mats[s], &rhs[s], n, m)).collect();
    let x_want: Vec<f64> = solved.iter().flat_map(|(x, _)| x.clone()).collect();
    let det_want: Vec<f64> = solved.iter().map(|(_, d)| *d).collect();
    let inv_want: Vec<f64> = (0..count).flat_map(|s| host_solve(&mats[s], &eye, n, n).0).collect();
    let f64s = |a: Array<T>| -> gpu::Result<Vec<f64>> { Ok(a.to_vec()?.iter().map(|x| x.f64()).collect()) };

    let x = linalg::solve(&ad, &bd)?;
    assert_eq!(x.shape(), &[2, 3, n, m]);
    close(&f64s(x)?, &x_want, rel, &format!("{ty}: solve, stack of 6 with 2 right-hand sides each"));
    let inv = linalg::inv(&ad)?;
    assert_eq!(inv.shape(), &[2, 3, n, n]);
    close(&f64s(inv)?, &inv_want, rel, &format!("{ty}: inv of a stack"));
    let det = linalg::det(&ad)?;
    assert_eq!(det.shape(), &stack);
    for (s, (g, w)) in f64s(det)?.iter().zip(&det_want).enumerate() {
        assert!((g - w).abs() <= rel * w.abs(), "{ty}: det of matrix {s}: {g} vs {w}");
    }
    let (sign, logabs) = linalg::slogdet(&ad)?;
    assert_eq!((sign.shape(), logabs.shape()), (&stack[..], &stack[..]));
    for (s, ((sg, la), w)) in f64s(sign)?.iter().zip(f64s(logabs)?).zip(&det_want).enumerate() {
        assert_eq!(*sg, w.signum(), "{ty}: slogdet sign of matrix {s}");
        assert!((la - w.abs().ln()).abs() <= rel * 8.0, "{ty}: slogdet of matrix {s}: {la} vs {}", w.abs().ln());
    }

    // One vector for every matrix: x is [2, 3, n].
    let v: Vec<f64> = to_t::<T>(&noise(n, 300)).iter().map(|x| x.f64()).collect();
    let vd = Array::from_vec(to_t::<T>(&v), [n])?.to(dev)?;
    let xv = linalg::solve(&ad, &vd)?;
    assert_eq!(xv.shape(), &[2, 3, n]);
    let want: Vec<f64> = (0..count).flat_map(|s| host_solve(&mats[s], &v, n, 1).0).collect();
    close(&f64s(xv)?, &want, rel, &format!("{ty}: solve, stack with one vector"));

    // Stacks broadcast: a [3, n, n] (the first row of the stack) with b [2, 1, n, m] gives [2, 3, n, m].
    let a3 = ad.index_axis(0, 0)?;
    let b2 = bd.index_axis(1, 0)?.unsqueeze(1)?;
    let x = linalg::solve(&a3, &b2)?;
    assert_eq!(x.shape(), &[2, 3, n, m]);
    let want: Vec<f64> = (0..6).flat_map(|s| host_solve(&mats[s % 3], &rhs[s / 3 * 3], n, m).0).collect();
    close(&f64s(x)?, &want, rel, &format!("{ty}: solve, broadcast stacks"));
    // And one matrix for a stack of right-hand sides.
    let x = linalg::solve(&ad.index_axis(0, 1)?.index_axis(0, 2)?, &bd)?;
    let want: Vec<f64> = (0..count).flat_map(|s| host_solve(&mats[5], &rhs[s], n, m).0).collect();
    close(&f64s(x)?, &want, rel, &format!("{ty}: solve, one matrix for a stack of b"));

    // A singular matrix anywhere in the stack is an error for solve and inv; det is 0 there.
    let mut with_singular = mats.concat();
    with_singular[4 * n * n..5 * n * n].iter_mut().skip(n).step_by(n).for_each(|x| *x = 0.0); // column 0 below row 0
    with_singular[4 * n * n] = 0.0;
    let sd = Array::from_vec(to_t::<T>(&with_singular), [2, 3, n, n])?.to(dev)?;
    assert!(matches!(linalg::solve(&sd, &bd), Err(Error::Singular { op: "solve", .. })), "{ty}: singular in a stack");
    assert!(matches!(linalg::inv(&sd), Err(Error::Singular { op: "inv", .. })), "{ty}: singular in a stack");
    let d = f64s(linalg::det(&sd)?)?;
    assert_eq!(d[4], 0.0, "{ty}: det of the singular member");
    let (sign, logabs) = linalg::slogdet(&sd)?;
    assert_eq!((f64s(sign)?[4], f64s(logabs)?[4]), (0.0, f64::NEG_INFINITY), "{ty}: slogdet of a singular matrix");

    // Cholesky of a stack of B·Bᵀ + n·I.
    let spd: Vec<Vec<f64>> = (0..count)
        .map(|s| {
            let b = noise(n * n, 400 + s as u64);
            let a: Vec<f64> = (0..n * n)
                .map(|ij| {
                    let (i, j) = (ij / n, ij % n);
                    (0..n).map(|k| b[i * n + k] * b[j * n + k]).sum::<f64>() + if i == j { n as f64 } else { 0.0 }
                })
                .collect();
            to_t::<T>(&a).iter().map(|x| x.f64()).collect()
        })
        .collect();
    let spd_d = Array::from_vec(to_t::<T>(&spd.concat()), [2, 3, n, n])?.to(dev)?;
    let l = linalg::cholesky(&spd_d)?;
    assert_eq!(l.shape(), &[2, 3, n, n]);
    let want: Vec<f64> = spd.iter().flat_map(|a| host_cholesky(a, n)).collect();
    close(&f64s(l)?, &want, rel, &format!("{ty}: cholesky of a stack"));

    // matrix_power against repeated host products (and the inverse's for p < 0).
    let a0 = &mats[1];
    let a0d = ad.index_axis(0, 0)?.index_axis(0, 1)?;
    let inv0 = host_solve(a0, &eye, n, n).0;
    for p in [0i64, 1, 2, 5, 8, -1, -3] {
        let base = if p < 0 { &inv0 } else { a0 };
        let want = (0..p.unsigned_abs()).fold(eye.clone(), |acc, _| host_matmul(&acc, base, n));
        let got = linalg::matrix_power(&a0d, p)?;
        assert_eq!(got.shape(), &[n, n]);
        close(&f64s(got)?, &want, rel * 4.0, &format!("{ty}: matrix_power {p}"));
    }
    let pw = linalg::matrix_power(&ad, 3)?;
    assert_eq!(pw.shape(), &[2, 3, n, n]);
    let want: Vec<f64> = mats.iter().flat_map(|a| host_matmul(&host_matmul(a, a, n), a, n)).collect();
    close(&f64s(pw)?, &want, rel * 4.0, &format!("{ty}: matrix_power of a stack"));
    let z = linalg::matrix_power(&ad, 0)?;
    assert_eq!(f64s(z)?, (0..count).flat_map(|_| eye.clone()).collect::<Vec<_>>(), "{ty}: power 0 is the identity");
    Ok(())
}

/// `solve_triangular`: each triangle, unit diagonals, stacks and one vector, with the
/// other triangle (and, for unit diagonals, the diagonal) full of values that must not
/// be read; a zero on the diagonal; cholesky then two triangular solves.
fn triangular<T: TestValue + Float>(dev: &Device, rel: f64) -> gpu::Result<()> {
    use linalg::{solve_triangular, Triangle};
    let ty = T::DTYPE;
    let (n, m, count) = (6, 2, 3);
    let mats: Vec<Vec<f64>> =
        (0..count).map(|s| to_t::<T>(&matrix(n, 500 + s as u64)).iter().map(|x| x.f64()).collect()).collect();
    let td = Array::from_vec(to_t::<T>(&mats.concat()), [count, n, n])?.to(dev)?;
    let rhs: Vec<f64> = to_t::<T>(&noise(count * n * m, 600)).iter().map(|x| x.f64()).collect();
    let bd = Array::from_vec(to_t::<T>(&rhs), [count, n, m])?.to(dev)?;
    for (triangle, unit) in
        [(Triangle::Lower, false), (Triangle::Upper, false), (Triangle::Lower, true), (Triangle::Upper, true)]
    {
        let what = format!("{ty} {triangle:?} unit={unit}");
        // The matrix solve_triangular should see: the triangle, the diagonal replaced by ones when unit.
        let want: Vec<f64> = (0..count)
            .flat_map(|s| {
                let t: Vec<f64> = (0..n * n)
                    .map(|ij| {
                        let (i, j) = (ij / n, ij % n);
                        let keep = match triangle {
                            Triangle::Lower => j <= i,
                            Triangle::Upper => j >= i,
                        };
                        if i == j && unit {
                            1.0
                        } else if keep {
                            mats[s][ij]
                        } else {
                            0.0
                        }
                    })
                    .collect();
                host_solve(&t, &rhs[s * n * m..(s + 1) * n * m], n, m).0
            })
            .collect();
        let got = solve_triangular(&td, &bd, triangle, unit)?;
        assert_eq!(got.shape(), &[count, n, m]);
        close(&got.to_vec()?.iter().map(|x| x.f64()).collect::<Vec<_>>(), &want, rel, &what);
        // One vector for the whole stack: the first column of the first right-hand sides.
        let v = bd.index_axis(0, 0)?.index_axis(1, 0)?;
        let got = solve_triangular(&td, &v, triangle, unit)?;
        assert_eq!(got.shape(), &[count, n], "{what}: vector b");
        let first = solve_triangular(&td.index_axis(0, 0)?, &v, triangle, unit)?;
        assert_eq!(got.index_axis(0, 0)?.to_vec()?, first.to_vec()?, "{what}: a stack's first member as one matrix");
    }
    // A zero on the diagonal: singular, unless the diagonal is not read.
    let mut z = mats[0].clone();
    z[3 * n + 3] = 0.0;
    let zd = Array::from_vec(to_t::<T>(&z), [n, n])?.to(dev)?;
    let b1 = Array::<T>::ones([n], dev)?;
    assert!(matches!(
        solve_triangular(&zd, &b1, Triangle::Lower, false),
        Err(Error::Singular { op: "solve_triangular", .. })
    ));
    assert!(solve_triangular(&zd, &b1, Triangle::Lower, true)?.to_vec()?.iter().all(|x| x.f64().is_finite()));
    // cho_solve: a = L·Lᵀ, a·x = b by two triangular solves.
    let a: Vec<f64> = (0..n * n)
        .map(|ij| {
            let (i, j) = (ij / n, ij % n);
            (0..n).map(|k| mats[1][i * n + k] * mats[1][j * n + k]).sum::<f64>()
        })
        .collect();
    let a: Vec<f64> = to_t::<T>(&a).iter().map(|x| x.f64()).collect();
    let ad = Array::from_vec(to_t::<T>(&a), [n, n])?.to(dev)?;
    let l = linalg::cholesky(&ad)?;
    let b = bd.index_axis(0, 0)?;
    let x = solve_triangular(&l.t(), &solve_triangular(&l, &b, Triangle::Lower, false)?, Triangle::Upper, false)?;
    close(
        &x.to_vec()?.iter().map(|x| x.f64()).collect::<Vec<_>>(),
        &host_solve(&a, &rhs[..n * m], n, m).0,
        rel * 20.0,
        &format!("{ty}: cholesky + two triangular solves"),
    );
    Ok(())
}

/// Host Householder QR with LAPACK's (and so NumPy's) signs: complete `Q` (m × m) and
/// `R` (m × n), row-major.
fn host_qr(a: &[f64], m: usize, n: usize) -> (Vec<f64>, Vec<f64>) {
    let mut r = a.to_vec();
    let mut q: Vec<f64> = (0..m * m).map(|i| if i % (m + 1) == 0 { 1.0 } else { 0.0 }).collect();
    for k in 0..m.min(n) {
        let xk = r[k * n + k];
        let tail: f64 = (k + 1..m).map(|i| r[i * n + k] * r[i * n + k]).sum();
        if tail == 0.0 {
            continue;
        }
        let norm = (xk * xk + tail).sqrt();
        let alpha = if xk < 0.0 { norm } else { -norm };
        let v: Vec<f64> = (0..m)
            .map(|i| {
                if i < k {
                    0.0
                } else if i == k {
                    xk - alpha
                } else {
                    r[i * n + k]
                }
            })
            .collect();
        let beta = 2.0 / v.iter().map(|x| x * x).sum::<f64>();
        let vt_r: Vec<f64> = (0..n).map(|j| (0..m).map(|i| v[i] * r[i * n + j]).sum()).collect();
        let qv: Vec<f64> = (0..m).map(|i| (0..m).map(|j| q[i * m + j] * v[j]).sum()).collect();
        for i in 0..m {
            for j in 0..n {
                r[i * n + j] -= beta * v[i] * vt_r[j];
            }
            for j in 0..m {
                q[i * m + j] -= beta * qv[i] * v[j];
            }
        }
    }
    for i in 0..m {
        for j in 0..n.min(i) {
            r[i * n + j] = 0.0;
        }
    }
    (q, r)
}

/// `qr` against the host Householder (NumPy's signs) for tall, wide, square, rank-
/// deficient and already-triangular matrices, a stack, a transposed view, both modes;
/// `Q` orthonormal and `Q·R = a`.
fn qr_cases<T: TestValue + Float>(dev: &Device, rel: f64) -> gpu::Result<()> {
    use linalg::{qr, QrMode};
    let ty = T::DTYPE;
    let f64s = |a: &Array<T>| -> gpu::Result<Vec<f64>> { Ok(a.to_vec()?.iter().map(|x| x.f64()).collect()) };
    for (m, n) in [(7usize, 4usize), (3, 5), (6, 6), (1, 3), (4, 1), (33, 20)] {
        let mut a: Vec<f64> = to_t::<T>(&noise(m * n, (m * 10 + n) as u64)).iter().map(|x| x.f64()).collect();
        if n >= 3 && m >= 3 {
            // Rank-deficient: column 2 is zero.
            for i in 0..m {
                a[i * n + 2] = 0.0;
            }
        }
        let ad = Array::from_vec(to_t::<T>(&a), [m, n])?.to(dev)?;
        let (qw, rw) = host_qr(&a, m, n);
        let k = m.min(n);
        let what = format!("{ty} qr {m}x{n}");
        let (q, r) = qr(&ad, QrMode::Complete)?;
        assert_eq!((q.shape(), r.shape()), (&[m, m][..], &[m, n][..]), "{what}: complete shapes");
        close(&f64s(&r)?, &rw, rel * 4.0, &format!("{what}: R (complete)"));
        // Q's columns past the rank are fixed only up to the reflections, which we share
        // with the host; compare all of Q.
        close(&f64s(&q)?, &qw, rel * 4.0, &format!("{what}: Q (complete)"));
        let (q, r) = qr(&ad, QrMode::Reduced)?;
        assert_eq!((q.shape(), r.shape()), (&[m, k][..], &[k, n][..]), "{what}: reduced shapes");
        let qw_red: Vec<f64> = (0..m * k).map(|ij| qw[ij / k * m + ij % k]).collect();
        close(&f64s(&q)?, &qw_red, rel * 4.0, &format!("{what}: Q (reduced)"));
        close(&f64s(&r)?, &rw[..k * n], rel * 4.0, &format!("{what}: R (reduced)"));
        let rr = f64s(&r)?;
        assert!((0..k).all(|i| (0..i.min(n)).all(|j| rr[i * n + j] == 0.0)), "{what}: exact zeros below the diagonal");
        // Qᵀ·Q = I and Q·R = a.
        let qtq = f64s(&q.t().matmul(&q)?)?;
        let eye: Vec<f64> = (0..k * k).map(|i| if i % (k + 1) == 0 { 1.0 } else { 0.0 }).collect();
        close(&qtq, &eye, rel * 8.0, &format!("{what}: QᵀQ"));
        close(&f64s(&q.matmul(&r)?)?, &a, rel * 8.0, &format!("{what}: Q·R"));
    }
    // An upper-triangular matrix (negative diagonal entry included) is its own R, Q = I.
    let u = Array::from_vec(to_t::<T>(&[-1.0, 2.0, 0.0, 3.0]), [2, 2])?.to(dev)?;
    let (q, r) = qr(&u, QrMode::Reduced)?;
    assert_eq!((f64s(&q)?, f64s(&r)?), (vec![1.0, 0.0, 0.0, 1.0], vec![-1.0, 2.0, 0.0, 3.0]), "{ty}: qr of a triangle");
    // A stack of three 5 × 3 matrices, as a transposed view of [3, 3, 5].
    let data: Vec<f64> = to_t::<T>(&noise(45, 77)).iter().map(|x| x.f64()).collect();
    let sd = Array::from_vec(to_t::<T>(&data), [3, 3, 5])?.to(dev)?.swapaxes(-1, -2)?;
    let (q, r) = qr(&sd, QrMode::Reduced)?;
    assert_eq!((q.shape(), r.shape()), (&[3, 5, 3][..], &[3, 3, 3][..]));
    let (qg, rg) = (f64s(&q)?, f64s(&r)?);
    for s in 0..3 {
        let a: Vec<f64> = (0..15).map(|ij| data[s * 15 + (ij % 3) * 5 + ij / 3]).collect();
        let (qw, rw) = host_qr(&a, 5, 3);
        let qw_red: Vec<f64> = (0..15).map(|ij| qw[ij / 3 * 5 + ij % 3]).collect();
        close(&qg[s * 15..(s + 1) * 15], &qw_red, rel * 4.0, &format!("{ty}: Q of stack member {s}"));
        close(&rg[s * 9..(s + 1) * 9], &rw[..9], rel * 4.0, &format!("{ty}: R of stack member {s}"));
    }
    assert!(matches!(qr(&Array::<T>::ones([3], dev)?, QrMode::Reduced), Err(Error::InvalidArgument { op: "qr", .. })));
    let (q, r) = qr(&Array::<T>::zeros([0, 3], dev)?, QrMode::Reduced)?;
    assert_eq!((q.shape(), r.shape()), (&[0, 0][..], &[0, 3][..]), "{ty}: empty");
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
    let cases: [(&Array<T>, N, f64); 12] = [
        (&vd, N::Frobenius, v.iter().map(|x| x * x).sum::<f64>().sqrt()),
        (&vd, N::L1, abs.iter().sum()),
        (&vd, N::NegL1, 1.0 / abs.iter().map(|x| 1.0 / x).sum::<f64>()),
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
    for (x, ord) in [(&md, N::P(3.0)), (&vd, N::Nuclear), (&md, N::Count), (&vd, N::P(0.0)), (&vd, N::P(f64::INFINITY))]
    {
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
    fn stacks_f32(dev) { stacks::<f32>(dev, 2e-5) }
    fn triangular_f32(dev) { triangular::<f32>(dev, 2e-5) }
    fn qr_f32(dev) { qr_cases::<f32>(dev, 2e-5) }
    fn qr_f64(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        qr_cases::<f64>(dev, 1e-12)
    }
    fn triangular_f64(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        triangular::<f64>(dev, 1e-12)
    }
    fn stacks_f64(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        stacks::<f64>(dev, 1e-12)
    }
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
        // Stacks that do not broadcast, and a stack of non-square matrices.
        let s2 = Array::<f32>::ones([2, 3, 3], dev)?;
        assert!(matches!(linalg::solve(&s2, &Array::<f32>::ones([4, 3, 1], dev)?), Err(Error::InvalidArgument { op: "solve", .. })));
        assert!(matches!(linalg::inv(&Array::<f32>::ones([2, 3, 4], dev)?), Err(Error::InvalidArgument { op: "inv", .. })));
        assert!(matches!(linalg::slogdet(&a), Err(Error::InvalidArgument { op: "slogdet", .. })));
        assert!(matches!(linalg::matrix_power(&a, 2), Err(Error::InvalidArgument { op: "matrix_power", .. })));
        if dev.kind() != gpu::DeviceKind::Cpu {
            let h = Array::<f32>::ones([3], &Device::cpu())?;
            assert!(matches!(linalg::solve(&sq, &h), Err(Error::DeviceMismatch { .. })));
        }
        Ok(())
    }
}
