//! `linalg::svd`, `svdvals`, `pinv`, `matrix_rank`, `lstsq`, the spectral and
//! nuclear norms, and `eigh`/`eigvalsh` (against a host two-sided Jacobi: eigenvalues,
//! `A·V = V·diag(w)`, `VᵀV = I`) on every backend (f32, f64): singular values against a host one-sided
//! Jacobi in f64 (checked against NumPy for the fixed example below), `U·diag(S)·Vh = a`,
//! orthonormal `U` and `Vh` (reduced and full), tall, wide, square, odd and one-column
//! shapes, rank-deficient matrices, stacks and transposed views; the Moore–Penrose
//! conditions for `pinv`; least squares against the normal equations.

#[macro_use]
mod common;

use common::{f64s, host_solve, noise, to_t, TestValue};
use gpu::{linalg, Array, DType, Device, Error, Float};

/// The values as the device holds them (rounded to `T`), in f64.
fn rounded<T: TestValue>(v: &[f64]) -> Vec<f64> {
    to_t::<T>(v).iter().map(|x| x.f64()).collect()
}

/// Host singular values (descending) of a row-major m × n matrix by cyclic one-sided
/// Jacobi in f64, to convergence.
fn host_singular_values(a: &[f64], m: usize, n: usize) -> Vec<f64> {
    // Work on columns of the taller orientation.
    let (rows, cols) = (m.max(n), m.min(n));
    let at = |i: usize, j: usize| if m >= n { a[i * n + j] } else { a[j * n + i] };
    let mut w: Vec<Vec<f64>> = (0..cols).map(|j| (0..rows).map(|i| at(i, j)).collect()).collect();
    for _ in 0..60 {
        let mut rotated = false;
        for p in 0..cols {
            for q in p + 1..cols {
                let alpha: f64 = w[p].iter().map(|x| x * x).sum();
                let beta: f64 = w[q].iter().map(|x| x * x).sum();
                let gamma: f64 = w[p].iter().zip(&w[q]).map(|(x, y)| x * y).sum();
                if gamma.abs() <= 1e-15 * (alpha * beta).sqrt() || gamma == 0.0 {
                    continue;
                }
                rotated = true;
                let zeta = (beta - alpha) / (2.0 * gamma);
                let t = zeta.signum() / (zeta.abs() + (1.0 + zeta * zeta).sqrt());
                let c = 1.0 / (1.0 + t * t).sqrt();
                let s = c * t;
                let (left, right) = w.split_at_mut(q);
                for (x, y) in left[p].iter_mut().zip(right[0].iter_mut()) {
                    (*x, *y) = (c * *x - s * *y, s * *x + c * *y);
                }
            }
        }
        if !rotated {
            break;
        }
    }
    let mut s: Vec<f64> = w.iter().map(|c| c.iter().map(|x| x * x).sum::<f64>().sqrt()).collect();
    s.sort_by(|x, y| y.total_cmp(x));
    s
}

/// Row-major matrix product of host matrices.
fn mm(a: &[f64], b: &[f64], m: usize, k: usize, n: usize) -> Vec<f64> {
    (0..m * n).map(|ij| (0..k).map(|p| a[ij / n * k + p] * b[p * n + ij % n]).sum()).collect()
}

fn transpose(a: &[f64], m: usize, n: usize) -> Vec<f64> {
    (0..m * n).map(|ji| a[(ji % m) * n + ji / m]).collect()
}

#[track_caller]
fn close(got: &[f64], want: &[f64], tol: f64, what: &str) {
    assert_eq!(got.len(), want.len(), "{what}: length");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!((g - w).abs() <= tol, "{what}: element {i}: got {g}, want {w} (tolerance {tol})");
    }
}

fn identity(k: usize) -> Vec<f64> {
    (0..k * k).map(|i| if i % (k + 1) == 0 { 1.0 } else { 0.0 }).collect()
}

/// A host matrix of rank `r` (m × r times r × n), or full random noise for `r = 0`.
fn matrix(m: usize, n: usize, rank: usize, seed: u64) -> Vec<f64> {
    if rank == 0 {
        return noise(m * n, seed);
    }
    mm(&noise(m * rank, seed), &noise(rank * n, seed + 1), m, rank, n)
}

/// svd of one host matrix on `dev`: singular values vs the host, reconstruction and
/// orthonormality in both modes. `eps` is the dtype's tolerance per unit of scale.
fn check_svd<T: TestValue + Float>(
    dev: &Device,
    a: &[f64],
    m: usize,
    n: usize,
    eps: f64,
    what: &str,
) -> gpu::Result<()> {
    let a = rounded::<T>(a);
    let ad = Array::from_vec(to_t::<T>(&a), [m, n])?.to(dev)?;
    let k = m.min(n);
    let want = host_singular_values(&a, m, n);
    let scale = want.first().copied().unwrap_or(1.0).max(1.0);
    let tol = eps * scale * (m.max(n) as f64);
    let s = f64s(&linalg::svdvals(&ad)?);
    close(&s, &want, tol, &format!("{what}: svdvals"));
    for full in [false, true] {
        let w = format!("{what} full_matrices={full}");
        let (u, sd, vh) = linalg::svd(&ad, full)?;
        let (ur, vr) = if full { (m, n) } else { (k, k) };
        assert_eq!((u.shape(), sd.shape(), vh.shape()), (&[m, ur][..], &[k][..], &[vr, n][..]), "{w}: shapes");
        let s = f64s(&sd);
        close(&s, &want, tol, &format!("{w}: S"));
        assert!(
            s.windows(2).all(|p| p[0] >= p[1]) && s.iter().all(|x| *x >= 0.0),
            "{w}: S descending, non-negative: {s:?}"
        );
        let (uh, vhh) = (f64s(&u), f64s(&vh));
        // Orthonormal columns of U and rows of Vh.
        close(&mm(&transpose(&uh, m, ur), &uh, ur, m, ur), &identity(ur), eps * 10.0 * m as f64, &format!("{w}: UᵀU"));
        close(
            &mm(&vhh, &transpose(&vhh, vr, n), vr, n, vr),
            &identity(vr),
            eps * 10.0 * n as f64,
            &format!("{w}: Vh·Vhᵀ"),
        );
        // U · diag(S) · Vh = a (the first k columns of U and rows of Vh).
        let us: Vec<f64> = (0..m * k).map(|ij| uh[ij / k * ur + ij % k] * s[ij % k]).collect();
        close(&mm(&us, &vhh[..k * n], m, k, n), &a, tol, &format!("{w}: U·diag(S)·Vh"));
    }
    Ok(())
}

fn svd_cases<T: TestValue + Float>(dev: &Device, eps: f64) -> gpu::Result<()> {
    let ty = T::DTYPE;
    // Tall, wide, square, odd and even column counts, one row or column, rank-deficient.
    let shapes: [(usize, usize, usize); 11] = [
        (6, 4, 0),
        (4, 6, 0),
        (5, 5, 0),
        (7, 3, 0),
        (3, 7, 0),
        (9, 1, 0),
        (1, 5, 0),
        (8, 6, 2),
        (6, 8, 3),
        (33, 17, 0),
        (12, 12, 5),
    ];
    for (i, &(m, n, r)) in shapes.iter().enumerate() {
        check_svd::<T>(dev, &matrix(m, n, r, 10 + i as u64), m, n, eps, &format!("{ty} {m}x{n} rank {r}"))?;
    }
    // Zero columns and a zero matrix.
    let mut z = noise(5 * 4, 3);
    for row in z.chunks_mut(4) {
        row[1] = 0.0;
    }
    check_svd::<T>(dev, &z, 5, 4, eps, &format!("{ty} a zero column"))?;
    check_svd::<T>(dev, &[0.0; 6], 3, 2, eps, &format!("{ty} zeros"))?;
    // NumPy 2.4: np.linalg.svd([[1, 2, 3], [4, 5, 6], [7, 8, 10]]).S
    let a = Array::from_vec(to_t::<T>(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 10.0]), [3, 3])?.to(dev)?;
    close(
        &f64s(&linalg::svdvals(&a)?),
        &[17.412505166808593, 0.8751613501104366, 0.1968665211174301],
        eps * 100.0,
        "NumPy's S",
    );

    // A stack [2, 3] of 5 × 4 matrices handed over as a transposed view of [2, 3, 4, 5].
    let data = noise(2 * 3 * 20, 40);
    let sd = Array::from_vec(to_t::<T>(&data), [2, 3, 4, 5])?.to(dev)?.swapaxes(-1, -2)?;
    let (u, s, vh) = linalg::svd(&sd, false)?;
    assert_eq!((u.shape(), s.shape(), vh.shape()), (&[2, 3, 5, 4][..], &[2, 3, 4][..], &[2, 3, 4, 4][..]));
    let (sg, vals) = (f64s(&s), f64s(&linalg::svdvals(&sd)?));
    for j in 0..6 {
        let member = transpose(&rounded::<T>(&data[j * 20..(j + 1) * 20]), 4, 5);
        let want = host_singular_values(&member, 5, 4);
        close(&sg[j * 4..(j + 1) * 4], &want, eps * 20.0, &format!("{ty}: S of stack member {j}"));
        close(&vals[j * 4..(j + 1) * 4], &want, eps * 20.0, &format!("{ty}: svdvals of stack member {j}"));
    }
    let back = u.mul(&s.unsqueeze(-2)?)?.matmul(&vh)?;
    close(&f64s(&back), &f64s(&sd.contiguous()?), eps * 50.0, &format!("{ty}: stack reconstructed"));

    // Empty matrices.
    let (u, s, vh) = linalg::svd(&Array::<T>::zeros([3, 0], dev)?, true)?;
    assert_eq!((u.shape(), s.shape(), vh.shape()), (&[3, 3][..], &[0][..], &[0, 0][..]), "{ty}: empty, full");
    assert!(matches!(linalg::svd(&Array::<T>::ones([3], dev)?, false), Err(Error::InvalidArgument { op: "svd", .. })));
    Ok(())
}

fn derived<T: TestValue + Float>(dev: &Device, eps: f64) -> gpu::Result<()> {
    let ty = T::DTYPE;
    // pinv: the four Moore–Penrose conditions, full rank and rank-deficient, tall and wide.
    for (m, n, r) in [(6, 4, 0), (4, 6, 0), (7, 5, 2), (5, 5, 3)] {
        let a = rounded::<T>(&matrix(m, n, r, 60 + m as u64));
        let ad = Array::from_vec(to_t::<T>(&a), [m, n])?.to(dev)?;
        let p = f64s(&linalg::pinv(&ad, None)?);
        let tol = eps * 200.0 * (1.0 + a.iter().fold(0.0f64, |x, y| x.max(y.abs())));
        let ap = mm(&a, &p, m, n, m);
        let pa = mm(&p, &a, n, m, n);
        let what = format!("{ty} pinv {m}x{n} rank {r}");
        close(&mm(&ap, &a, m, m, n), &a, tol, &format!("{what}: A·P·A = A"));
        close(&mm(&pa, &p, n, n, m), &p, tol * 10.0, &format!("{what}: P·A·P = P"));
        close(&transpose(&ap, m, m), &ap, tol, &format!("{what}: A·P symmetric"));
        close(&transpose(&pa, n, n), &pa, tol, &format!("{what}: P·A symmetric"));
        let rank = linalg::matrix_rank(&ad, None)?.item()?;
        assert_eq!(rank as usize, if r == 0 { m.min(n) } else { r }, "{what}: matrix_rank");
    }
    // matrix_rank of a stack, of zeros and of an empty matrix.
    let stack = [rounded::<T>(&matrix(4, 4, 1, 1)), rounded::<T>(&matrix(4, 4, 3, 2)), vec![0.0; 16]].concat();
    let sd = Array::from_vec(to_t::<T>(&stack), [3, 4, 4])?.to(dev)?;
    assert_eq!(linalg::matrix_rank(&sd, None)?.to_vec()?, vec![1, 3, 0], "{ty}: ranks of a stack");
    assert_eq!(linalg::matrix_rank(&Array::<T>::zeros([0, 3], dev)?, None)?.item()?, 0);

    // lstsq: overdetermined full rank against the normal equations, with residuals.
    let (m, n) = (9, 3);
    let a = rounded::<T>(&noise(m * n, 70));
    let b = rounded::<T>(&noise(m * 2, 71));
    let ad = Array::from_vec(to_t::<T>(&a), [m, n])?.to(dev)?;
    let bd = Array::from_vec(to_t::<T>(&b), [m, 2])?.to(dev)?;
    let linalg::Lstsq { x, residuals, rank, s } = linalg::lstsq(&ad, &bd, None)?;
    assert_eq!((x.shape(), residuals.shape(), rank, s.shape()), (&[n, 2][..], &[2][..], n, &[n][..]));
    let at = transpose(&a, m, n);
    let ata = mm(&at, &a, n, m, n);
    let atb = mm(&at, &b, n, m, 2);
    let xw = host_solve(&ata, &atb, n, 2).0;
    close(&f64s(&x), &xw, eps * 500.0, &format!("{ty} lstsq x"));
    let r = mm(&a, &xw, m, n, 2);
    let res_want: Vec<f64> = (0..2).map(|j| (0..m).map(|i| (b[i * 2 + j] - r[i * 2 + j]).powi(2)).sum()).collect();
    close(&f64s(&residuals), &res_want, eps * 500.0, &format!("{ty} lstsq residuals"));
    // One right-hand side as a vector: x [n], residuals [1].
    let linalg::Lstsq { x: x1, residuals: res1, .. } = linalg::lstsq(&ad, &bd.index_axis(1, 0)?, None)?;
    assert_eq!((x1.shape(), res1.shape()), (&[n][..], &[1][..]));
    // Underdetermined: the minimum-norm solution Aᵀ(AAᵀ)⁻¹b; no residuals.
    let (m, n) = (3, 6);
    let a = rounded::<T>(&noise(m * n, 72));
    let b = rounded::<T>(&noise(m, 73));
    let ad = Array::from_vec(to_t::<T>(&a), [m, n])?.to(dev)?;
    let linalg::Lstsq { x, residuals, rank, .. } =
        linalg::lstsq(&ad, &Array::from_vec(to_t::<T>(&b), [m])?.to(dev)?, None)?;
    assert_eq!((rank, residuals.shape()), (3, &[0][..]), "{ty}: underdetermined");
    let at = transpose(&a, m, n);
    let y = host_solve(&mm(&a, &at, m, n, m), &b, m, 1).0;
    close(&f64s(&x), &mm(&at, &y, n, m, 1), eps * 500.0, &format!("{ty} lstsq minimum norm"));
    // Rank-deficient tall: no residuals, rank reported.
    let a = rounded::<T>(&matrix(6, 4, 2, 80));
    let ad = Array::from_vec(to_t::<T>(&a), [6, 4])?.to(dev)?;
    let linalg::Lstsq { residuals, rank, .. } = linalg::lstsq(&ad, &Array::<T>::ones([6], dev)?, None)?;
    assert_eq!((rank, residuals.shape()), (2, &[0][..]), "{ty}: rank-deficient lstsq");
    assert!(matches!(
        linalg::lstsq(&ad, &Array::<T>::ones([5], dev)?, None),
        Err(Error::InvalidArgument { op: "lstsq", .. })
    ));

    // Spectral, smallest and nuclear norms.
    let a = rounded::<T>(&noise(5 * 3, 90));
    let ad = Array::from_vec(to_t::<T>(&a), [5, 3])?.to(dev)?;
    let sv = host_singular_values(&a, 5, 3);
    use linalg::NormOrd as N;
    for (ord, want) in [(N::P(2.0), sv[0]), (N::P(-2.0), sv[2]), (N::Nuclear, sv.iter().sum())] {
        let got = linalg::norm(&ad, ord)?.item()?.f64();
        assert!((got - want).abs() <= eps * 20.0 * want, "{ty} norm {ord:?}: {got} vs {want}");
    }
    Ok(())
}

/// Host eigenvalues (ascending) of a symmetric n × n matrix by cyclic Jacobi in f64.
fn host_eigenvalues(a: &[f64], n: usize) -> Vec<f64> {
    let mut a = a.to_vec();
    for _ in 0..100 {
        let off: f64 = (0..n * n).filter(|ij| ij / n != ij % n).map(|ij| a[ij] * a[ij]).sum();
        if off < 1e-30 {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                if a[p * n + q] == 0.0 {
                    continue;
                }
                let zeta = (a[q * n + q] - a[p * n + p]) / (2.0 * a[p * n + q]);
                let t = zeta.signum() / (zeta.abs() + (1.0 + zeta * zeta).sqrt());
                let c = 1.0 / (1.0 + t * t).sqrt();
                let s = c * t;
                for k in 0..n {
                    let (x, y) = (a[k * n + p], a[k * n + q]);
                    a[k * n + p] = c * x - s * y;
                    a[k * n + q] = s * x + c * y;
                }
                for k in 0..n {
                    let (x, y) = (a[p * n + k], a[q * n + k]);
                    a[p * n + k] = c * x - s * y;
                    a[q * n + k] = s * x + c * y;
                }
            }
        }
    }
    let mut w: Vec<f64> = (0..n).map(|i| a[i * n + i]).collect();
    w.sort_by(f64::total_cmp);
    w
}

/// eigh / eigvalsh: eigenvalues against the host, `A·V = V·diag(w)`, `VᵀV = I`, for
/// definite and indefinite matrices, odd and even sizes, repeated eigenvalues, a stack,
/// the unread triangle, and NumPy's figures for one matrix.
fn eigh_cases<T: TestValue + Float>(dev: &Device, eps: f64) -> gpu::Result<()> {
    use linalg::{eigh, eigvalsh, Triangle};
    let ty = T::DTYPE;
    let sym = |n: usize, seed: u64| -> Vec<f64> {
        let b = noise(n * n, seed);
        rounded::<T>(&(0..n * n).map(|ij| b[ij] + b[(ij % n) * n + ij / n]).collect::<Vec<_>>())
    };
    let mut cases: Vec<(usize, Vec<f64>, &str)> =
        [1usize, 2, 5, 8, 17].iter().map(|&n| (n, sym(n, 30 + n as u64), "random")).collect();
    // Repeated eigenvalues: diag(1, 1, 1, 2) turned by a fixed orthogonal (Householder) matrix.
    let h: Vec<f64> = {
        let v = [1.0, 2.0, -1.0, 0.5];
        let vv: f64 = v.iter().map(|x| x * x).sum();
        (0..16).map(|ij| if ij / 4 == ij % 4 { 1.0 } else { 0.0 } - 2.0 * v[ij / 4] * v[ij % 4] / vv).collect()
    };
    let d: Vec<f64> = (0..16)
        .map(|ij| {
            if ij / 4 == ij % 4 {
                if ij == 15 {
                    2.0
                } else {
                    1.0
                }
            } else {
                0.0
            }
        })
        .collect();
    cases.push((4, rounded::<T>(&mm(&mm(&h, &d, 4, 4, 4), &h, 4, 4, 4)), "repeated"));
    cases.push((3, vec![0.0; 9], "zeros"));
    for (n, a, kind) in &cases {
        let (n, what) = (*n, format!("{ty} eigh {kind} n={n}"));
        // Garbage in the upper triangle: only the lower one is read.
        let with_garbage: Vec<f64> = (0..n * n).map(|ij| if ij % n > ij / n { 1e3 } else { a[ij] }).collect();
        let ad = Array::from_vec(to_t::<T>(&with_garbage), [n, n])?.to(dev)?;
        let scale = a.iter().map(|x| x * x).sum::<f64>().sqrt().max(1.0);
        let tol = eps * scale * 4.0 * n as f64;
        let want = host_eigenvalues(a, n);
        let (w, v) = eigh(&ad, Triangle::Lower)?;
        assert_eq!((w.shape(), v.shape()), (&[n][..], &[n, n][..]), "{what}: shapes");
        let (wg, vg) = (f64s(&w), f64s(&v));
        close(&wg, &want, tol, &format!("{what}: eigenvalues"));
        close(&f64s(&eigvalsh(&ad, Triangle::Lower)?), &want, tol, &format!("{what}: eigvalsh"));
        close(&mm(&transpose(&vg, n, n), &vg, n, n, n), &identity(n), eps * 20.0 * n as f64, &format!("{what}: VᵀV"));
        let vw: Vec<f64> = (0..n * n).map(|ij| vg[ij] * wg[ij % n]).collect();
        close(&mm(a, &vg, n, n, n), &vw, tol, &format!("{what}: A·V = V·diag(w)"));
    }
    // The upper triangle when asked.
    let a = sym(6, 3);
    let lower_garbage: Vec<f64> = (0..36).map(|ij| if ij % 6 < ij / 6 { -7e3 } else { a[ij] }).collect();
    let ad = Array::from_vec(to_t::<T>(&lower_garbage), [6, 6])?.to(dev)?;
    close(
        &f64s(&eigvalsh(&ad, Triangle::Upper)?),
        &host_eigenvalues(&a, 6),
        eps * 200.0,
        &format!("{ty}: eigvalsh upper"),
    );
    // A stack [2, 3] of 5 × 5.
    let mats: Vec<Vec<f64>> = (0..6).map(|s| sym(5, 90 + s)).collect();
    let sd = Array::from_vec(to_t::<T>(&mats.concat()), [2, 3, 5, 5])?.to(dev)?;
    let (w, v) = eigh(&sd, Triangle::Lower)?;
    assert_eq!((w.shape(), v.shape()), (&[2, 3, 5][..], &[2, 3, 5, 5][..]));
    let wg = f64s(&w);
    for (j, m) in mats.iter().enumerate() {
        close(
            &wg[j * 5..(j + 1) * 5],
            &host_eigenvalues(m, 5),
            eps * 200.0,
            &format!("{ty}: eigenvalues of stack member {j}"),
        );
    }
    // NumPy 2.4: np.linalg.eigvalsh([[4, 1, 2], [1, 3, 0], [2, 0, 5]])
    let a = Array::from_vec(to_t::<T>(&[4.0, 1.0, 2.0, 1.0, 3.0, 0.0, 2.0, 0.0, 5.0]), [3, 3])?.to(dev)?;
    close(&f64s(&eigvalsh(&a, Triangle::Lower)?), &NUMPY_EIGVALSH, eps * 100.0, "NumPy's eigenvalues");
    assert!(matches!(
        eigh(&Array::<T>::ones([2, 3], dev)?, Triangle::Lower),
        Err(Error::InvalidArgument { op: "eigh", .. })
    ));
    let (w, v) = eigh(&Array::<T>::zeros([0, 0], dev)?, Triangle::Lower)?;
    assert_eq!((w.shape(), v.shape()), (&[0][..], &[0, 0][..]));
    Ok(())
}

backend_tests! {
    fn svd_f32(dev) { svd_cases::<f32>(dev, 2e-6) }
    fn svd_f64(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        svd_cases::<f64>(dev, 1e-14)
    }
    fn pinv_rank_lstsq_f32(dev) { derived::<f32>(dev, 2e-6) }
    fn eigh_f32(dev) { eigh_cases::<f32>(dev, 2e-6) }
    fn eigh_f64(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        eigh_cases::<f64>(dev, 1e-14)
    }
    fn pinv_rank_lstsq_f64(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        derived::<f64>(dev, 1e-14)
    }
}

/// NumPy 2.4's `np.linalg.eigvalsh([[4, 1, 2], [1, 3, 0], [2, 0, 5]])`.
const NUMPY_EIGVALSH: [f64; 3] = [1.854897308799576, 3.4760236029181333, 6.669079088282287];
