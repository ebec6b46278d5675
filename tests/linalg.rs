//! `dot` and `matmul` on every backend: NumPy semantics for every rank combination,
//! batched broadcasting, transposed/sliced operands, integers (wrapping), against a
//! naive triple loop and against `ndarray` where it has the op.

#[macro_use]
mod common;

use common::{assert_all_close, sample, HostNd, TestValue, Tol, Tolerances};
use gpu::{Array, DType, Device, Element};

/// Naive product of views: out[b, i, j] = Σ_p a[b, i, p]·b[b, p, j], in f64 for floats
/// and wrapping u32 arithmetic for integers, plus the Σ|a·b| for each output.
fn naive<T: TestValue + Element>(a: &HostNd<T>, b: &HostNd<T>) -> (Vec<f64>, Vec<f64>) {
    let nd = a.shape.len();
    let (m, k, n) = (a.shape[nd - 2], a.shape[nd - 1], b.shape[nd - 1]);
    let batch = &a.shape[..nd - 2];
    let at = |bi: &[usize]| bi.iter().zip(&a.strides).fold(a.offset, |o, (&i, &s)| o + i as isize * s);
    let bt = |bi: &[usize]| bi.iter().zip(&b.strides).fold(b.offset, |o, (&i, &s)| o + i as isize * s);
    let (ars, acs, brs, bcs) = (a.strides[nd - 2], a.strides[nd - 1], b.strides[nd - 2], b.strides[nd - 1]);
    let (mut out, mut mag) = (Vec::new(), Vec::new());
    for bi in HostNd::<T>::indices(batch) {
        let (a0, b0) = (at(&bi), bt(&bi));
        for i in 0..m {
            for j in 0..n {
                let (mut s, mut s_abs, mut w) = (0.0f64, 0.0f64, 0u32);
                for p in 0..k {
                    let x = a.data[(a0 + i as isize * ars + p as isize * acs) as usize].f64();
                    let y = b.data[(b0 + p as isize * brs + j as isize * bcs) as usize].f64();
                    s += x * y;
                    s_abs += (x * y).abs();
                    w = w.wrapping_add((x as i64 as u32).wrapping_mul(y as i64 as u32));
                }
                out.push(match T::DTYPE {
                    DType::I32 => w as i32 as f64,
                    DType::U32 => w as f64,
                    _ => s,
                });
                mag.push(s_abs);
            }
        }
    }
    (out, mag)
}

fn check_product<T: TestValue + Tolerances>(
    got: &Array<T>,
    shape: &[usize],
    want: &(Vec<f64>, Vec<f64>),
    k: usize,
    what: &str,
) {
    assert_eq!(got.shape(), shape, "{what}: shape");
    let g: Vec<f64> = got.to_vec().expect("download").iter().map(|x| x.f64()).collect();
    for (i, ((&x, &w), &mag)) in g.iter().zip(&want.0).zip(&want.1).enumerate() {
        let bound = T::DOT_C * k.max(1) as f64 * T::EPS * mag;
        assert!((x - w).abs() <= bound, "{what}: element {i}: got {x}, want {w} (bound {bound})");
    }
    assert_eq!(g.len(), want.0.len(), "{what}: length");
}

/// matmul over shapes (batched, broadcast, 1-D promoted) and views.
fn matmul_cases<T: TestValue + Tolerances + Element>(dev: &Device) -> gpu::Result<()> {
    let cases: &[(&[usize], &[usize], &[usize])] = &[
        (&[3, 4], &[4, 5], &[3, 5]),
        (&[1, 1], &[1, 1], &[1, 1]),
        (&[2, 3, 4], &[2, 4, 2], &[2, 3, 2]),
        (&[2, 1, 3, 4], &[5, 4, 2], &[2, 5, 3, 2]),
        (&[3, 4], &[6, 4, 2], &[6, 3, 2]),
        (&[4], &[4, 3], &[3]),
        (&[2, 3, 4], &[4], &[2, 3]),
        (&[4], &[4], &[]),
        (&[0, 4], &[4, 3], &[0, 3]),
        (&[3, 0], &[0, 2], &[3, 2]),
        (&[67, 130], &[130, 33], &[67, 33]),
        // Matrix-vector shapes (one output row or column; the wgpu backend reduces rows),
        // with broadcast batches.
        (&[70, 300], &[300, 1], &[70, 1]),
        (&[1, 300], &[300, 70], &[1, 70]),
        (&[2, 1, 3, 4], &[5, 4, 1], &[2, 5, 3, 1]),
        (&[5, 1, 4], &[2, 1, 4, 3], &[2, 5, 1, 3]),
        // Enough output tiles for the wgpu backend's large (128×128) kernel: partial edge
        // tiles, a partial last k step, and a broadcast (zero-stride) batch operand.
        (&[64, 129, 19], &[64, 19, 130], &[64, 129, 130]),
        (&[130, 40], &[16, 40, 260], &[16, 130, 260]),
    ];
    for (ci, (sa, sb, so)) in cases.iter().enumerate() {
        let (da, db) = (sample::<T>(sa.iter().product(), ci as u64), sample::<T>(sb.iter().product(), ci as u64 + 50));
        let a = Array::from_vec(da.clone(), *sa)?.to(dev)?;
        let b = Array::from_vec(db.clone(), *sb)?.to(dev)?;
        let got = gpu::matmul(&a, &b)?;
        // Reference on promoted, broadcast operands.
        let mut pa = sa.to_vec();
        if pa.len() == 1 {
            pa.insert(0, 1);
        }
        let mut pb = sb.to_vec();
        if pb.len() == 1 {
            pb.push(1);
        }
        let batch = common::broadcast(&pa[..pa.len() - 2], &pb[..pb.len() - 2]).expect("batch broadcast");
        let ha = broadcast_host(HostNd::new(da, &pa), &batch);
        let hb = broadcast_host(HostNd::new(db, &pb), &batch);
        let k = pa[pa.len() - 1];
        check_product(&got, so, &naive(&ha, &hb), k, &format!("matmul {} {sa:?}@{sb:?}", T::DTYPE));
    }
    Ok(())
}

/// Broadcasts a host array's batch dims to `batch` (zero strides), keeping the last two.
fn broadcast_host<T: Copy>(h: HostNd<T>, batch: &[usize]) -> HostNd<T> {
    let nd = batch.len() + 2;
    let lead = nd - h.shape.len();
    let mut shape = batch.to_vec();
    shape.extend_from_slice(&h.shape[h.shape.len() - 2..]);
    let strides: Vec<isize> = (0..nd)
        .map(|d| if d < lead || (d < nd - 2 && h.shape[d - lead] == 1) { 0 } else { h.strides[d - lead] })
        .collect();
    HostNd { data: h.data, shape, strides, offset: h.offset }
}

fn views<T: TestValue + Tolerances + Element>(dev: &Device) -> gpu::Result<()> {
    // Transposed, reversed and strided operands, no contiguous copies requested; the
    // second size takes the wgpu backend's large-tile kernel.
    for (m, k, n) in [(37, 53, 29), (1030, 21, 1031)] {
        let da = sample::<T>(k * m, 1);
        let db = sample::<T>(2 * k * n * 3, 2);
        let a = Array::from_vec(da.clone(), [k, m])?.to(dev)?.t(); // [m, k], col-major
        let b = Array::from_vec(db.clone(), [2 * k, n * 3])?.to(dev)?;
        let b = b.slice(0, None, None, -2)?.slice(1, Some(1), None, 3)?; // [k, n] strided, reversed rows
        let ha = HostNd::new(da, &[k, m]).permute(&[1, 0]);
        let hb = HostNd::new(db, &[2 * k, n * 3]).slice(0, None, None, -2).slice(1, Some(1), None, 3);
        let want = naive(&ha, &hb);
        let what = format!("{} {m}x{k}x{n}", T::DTYPE);
        check_product(&gpu::matmul(&a, &b)?, &[m, n], &want, k, &format!("matmul views {what}"));
        // Same through dot (2-D·2-D).
        check_product(&gpu::dot(&a, &b)?, &[m, n], &want, k, &format!("dot views {what}"));
    }
    Ok(())
}

fn dot_cases<T: TestValue + Tolerances + Element>(dev: &Device) -> gpu::Result<()> {
    // 1-D · 1-D, strided and reversed, long enough to use the parallel path.
    let n = 200_003;
    let (dx, dy) = (sample::<T>(2 * n, 7), sample::<T>(n, 8));
    let x = Array::from_vec(dx.clone(), [2 * n])?.to(dev)?.slice(0, None, None, -2)?;
    let y = Array::from_vec(dy.clone(), [n])?.to(dev)?;
    let hx = HostNd::new(dx, &[2 * n]).slice(0, None, None, -2);
    let d = gpu::dot(&x, &y)?;
    assert!(d.shape().is_empty(), "1-D·1-D is 0-d");
    let hx2 = HostNd { shape: vec![1, n], strides: vec![0, hx.strides[0]], ..hx.clone() };
    let hy2 = HostNd { shape: vec![n, 1], strides: vec![1, 0], ..HostNd::new(dy, &[n]) };
    check_product(&d, &[], &naive(&hx2, &hy2), n, &format!("dot 1-D {}", T::DTYPE));
    // N-D · M-D (tensordot over a's last and b's second-to-last axis).
    let (da, db) = (sample::<T>(2 * 3 * 4, 9), sample::<T>(5 * 4 * 2, 10));
    let a = Array::from_vec(da.clone(), [2, 3, 4])?.to(dev)?;
    let b = Array::from_vec(db.clone(), [5, 4, 2])?.to(dev)?;
    let got = gpu::dot(&a, &b)?;
    assert_eq!(got.shape(), &[2, 3, 5, 2]);
    let (ha, hb) = (HostNd::new(da, &[2, 3, 4]), HostNd::new(db, &[5, 4, 2]));
    let want: Vec<f64> = HostNd::<T>::indices(&[2, 3, 5, 2])
        .iter()
        .map(|i| (0..4).map(|p| ha.get(&[i[0], i[1], p]).f64() * hb.get(&[i[2], p, i[3]]).f64()).sum::<f64>())
        .collect();
    let g: Vec<f64> = got.to_vec()?.iter().map(|v| v.f64()).collect();
    let tol = if T::DTYPE.is_float() { Tol::rel(1e-5) } else { Tol::EXACT };
    if !T::DTYPE.is_float() {
        let wrapped: Vec<f64> = want.iter().map(|w| T::of_f64(*w).f64()).collect();
        assert_all_close(&g, &wrapped, tol, "tensordot");
    } else {
        assert_all_close(&g, &want, Tol { abs: 1e-5, rel: 1e-5 }, "tensordot");
    }
    // 0-d operand multiplies.
    let s = Array::scalar(T::of_f64(2.0), dev)?;
    assert_eq!(gpu::dot(&s, &a)?.shape(), &[2, 3, 4]);
    Ok(())
}

backend_tests! {
    fn matmul_f32(dev) { matmul_cases::<f32>(dev)?; views::<f32>(dev) }
    fn matmul_f64(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        matmul_cases::<f64>(dev)?;
        views::<f64>(dev)
    }
    fn matmul_i32(dev) { matmul_cases::<i32>(dev)?; views::<i32>(dev) }
    fn matmul_u32(dev) { matmul_cases::<u32>(dev)?; views::<u32>(dev) }

    fn dot_f32(dev) { dot_cases::<f32>(dev) }
    fn dot_f64(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        dot_cases::<f64>(dev)
    }
    fn dot_i32(dev) { dot_cases::<i32>(dev) }
    fn dot_u32(dev) { dot_cases::<u32>(dev) }

    fn integer_matmul_wraps(dev) {
        let a = Array::from_vec(vec![i32::MAX, 2], [1, 2])?.to(dev)?;
        let b = Array::from_vec(vec![2, i32::MAX], [2, 1])?.to(dev)?;
        assert_eq!(gpu::matmul(&a, &b)?.to_vec()?, vec![i32::MAX.wrapping_mul(2).wrapping_add(2i32.wrapping_mul(i32::MAX))]);
        Ok(())
    }

    fn matches_ndarray(dev) {
        let a = ndarray::Array2::from_shape_fn((64, 48), |(i, j)| ((i * 7 + j * 3) % 11) as f64 - 5.0);
        let b = ndarray::Array2::from_shape_fn((48, 40), |(i, j)| ((i * 5 + j) % 13) as f64 * 0.5);
        if dev.supports(DType::F64) {
            let got = gpu::matmul(&Array::from_ndarray(&a).to(dev)?, &Array::from_ndarray(&b).to(dev)?)?;
            assert_eq!(got.to_ndarray()?, a.dot(&b).into_dyn(), "small integers: exact");
        }
        let (af, bf) = (a.mapv(|x| x as f32), b.mapv(|x| x as f32));
        let got = gpu::dot(&Array::from_ndarray(&af).to(dev)?, &Array::from_ndarray(&bf).to(dev)?)?;
        assert_eq!(got.to_ndarray()?, af.dot(&bf).into_dyn());
        let v = ndarray::Array1::from_shape_fn(48, |i| i as f32 - 20.0);
        let got = gpu::dot(&Array::from_ndarray(&af).to(dev)?, &Array::from_ndarray(&v).to(dev)?)?;
        assert_eq!(got.to_ndarray()?, af.dot(&v).into_dyn());
        Ok(())
    }
}

#[test]
fn host_data_is_uploaded_once_and_the_result_stays() -> gpu::Result<()> {
    let a = vec![1.0f64, 2.0, 3.0];
    let b = [4.0f64, 5.0, 6.0];
    let d = gpu::dot(&a, &b)?;
    assert_eq!(d.device(), &Device::default());
    assert_eq!(d.item()?, 32.0);
    let dev = Device::cpu();
    let m = Array::<f64>::ones([3, 3], &dev)?;
    let r = gpu::matmul(&m, &a)?;
    assert_eq!((r.device(), r.to_vec()?), (&dev, vec![6.0, 6.0, 6.0]));
    let nd = ndarray::arr1(&[1.0f64, 1.0, 1.0]);
    assert_eq!(gpu::dot(&nd, &a)?.item()?, 6.0);
    Ok(())
}
