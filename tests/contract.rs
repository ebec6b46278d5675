//! `einsum`, `tensordot`, `inner`, `vdot` and `kron` on every backend and dtype against
//! a brute-force host einsum (every assignment of every label, products summed in f64
//! or in wrapping integer arithmetic): matrix products in every orientation, batches,
//! row dots, outer products, transpositions, diagonals and traces, sums, three
//! operands, `...` with broadcasting, 0-d operands, view inputs, and the errors.

#[macro_use]
mod common;

use common::{sample_nd, upload_nd, HostNd, TestValue, Tolerances};
use gpu::{Array, DType, Device, Element, Error};

/// Brute-force einsum over letters only (an explicit `->`): extents of 1 broadcast.
/// Returns the output shape, the values and, per output, Σ|product| for the bound.
fn naive<T: TestValue>(spec: &str, ops: &[&HostNd<T>]) -> (Vec<usize>, Vec<f64>, Vec<f64>) {
    let (ins, out) = spec.split_once("->").expect("explicit output");
    let terms: Vec<Vec<char>> = ins.split(',').map(|t| t.chars().collect()).collect();
    let out: Vec<char> = out.chars().collect();
    let mut labels: Vec<char> = terms.iter().flatten().copied().collect();
    labels.sort_unstable();
    labels.dedup();
    let extent = |c: char| {
        terms
            .iter()
            .zip(ops)
            .flat_map(|(t, h)| t.iter().zip(&h.shape).filter(|(x, _)| **x == c).map(|(_, &d)| d))
            .max()
            .unwrap_or(1)
    };
    let ext: Vec<usize> = labels.iter().map(|&c| extent(c)).collect();
    let out_shape: Vec<usize> = out.iter().map(|&c| extent(c)).collect();
    let n_out: usize = out_shape.iter().product();
    let (mut val, mut mag, mut wrap) = (vec![0.0; n_out], vec![0.0; n_out], vec![0u32; n_out]);
    for assign in HostNd::<T>::indices(&ext) {
        let at = |c: char| assign[labels.iter().position(|&l| l == c).unwrap_or(0)];
        let (mut p, mut w) = (1.0f64, 1u32);
        for (t, h) in terms.iter().zip(ops) {
            let idx: Vec<usize> = t.iter().zip(&h.shape).map(|(&c, &d)| if d == 1 { 0 } else { at(c) }).collect();
            let x = h.get(&idx).f64();
            p *= x;
            w = w.wrapping_mul(x as i64 as u32);
        }
        let o = out.iter().zip(&out_shape).fold(0, |acc, (&c, &d)| acc * d + at(c));
        val[o] += p;
        mag[o] += p.abs();
        wrap[o] = wrap[o].wrapping_add(w);
    }
    let val = match T::DTYPE {
        DType::I32 => wrap.iter().map(|&w| w as i32 as f64).collect(),
        DType::U32 => wrap.iter().map(|&w| w as f64).collect(),
        _ => val,
    };
    (out_shape, val, mag)
}

/// Asserts `got` against the reference: exact for integers, for floats within
/// `DOT_C · (terms + operands) · ε · Σ|product|` (each output sums `terms` products of
/// `operands` factors, in whatever order the contraction chose).
#[track_caller]
fn check<T: TestValue + Tolerances>(got: &Array<T>, want: &(Vec<usize>, Vec<f64>, Vec<f64>), terms: usize, what: &str) {
    assert_eq!(got.shape(), want.0.as_slice(), "{what}: shape");
    let g = got.to_vec().expect("download");
    assert_eq!(g.len(), want.1.len(), "{what}: length");
    for (i, (x, (&w, &m))) in g.iter().zip(want.1.iter().zip(&want.2)).enumerate() {
        let bound = T::DOT_C * (terms + 3) as f64 * T::EPS * m;
        assert!((x.f64() - w).abs() <= bound, "{what}: element {i}: got {x:?}, want {w} (bound {bound})");
    }
}

/// einsum `spec` of fresh operands of `shapes` against the host reference `reference`
/// (the same contraction written with letters only; `spec` itself when it has no `...`).
fn case<T: TestValue + Tolerances + Element>(
    dev: &Device,
    spec: &str,
    reference: &str,
    shapes: &[&[usize]],
) -> gpu::Result<()> {
    let hosts: Vec<HostNd<T>> = shapes.iter().enumerate().map(|(i, s)| sample_nd(s, 7 + i as u64)).collect();
    let arrays = hosts.iter().map(|h| upload_nd(h, dev)).collect::<gpu::Result<Vec<_>>>()?;
    let refs: Vec<&Array<T>> = arrays.iter().collect();
    let got = gpu::einsum(spec, &refs)?;
    let want = naive(reference, &hosts.iter().collect::<Vec<_>>());
    let terms = shapes.iter().map(|s| s.iter().product::<usize>()).max().unwrap_or(1);
    check(&got, &want, terms, &format!("{} einsum {spec}", T::DTYPE));
    Ok(())
}

fn einsum_cases<T: TestValue + Tolerances + Element>(dev: &Device) -> gpu::Result<()> {
    let same = |spec: &'static str, shapes: &[&[usize]]| case::<T>(dev, spec, spec, shapes);
    same("ij,jk->ik", &[&[3, 4], &[4, 5]])?;
    case::<T>(dev, "ij,jk", "ij,jk->ik", &[&[3, 4], &[4, 5]])?;
    same("ik,jk->ij", &[&[3, 4], &[5, 4]])?;
    same("ki,kj->ij", &[&[4, 3], &[4, 5]])?;
    same("ij,jk->ki", &[&[3, 4], &[4, 5]])?;
    same("bij,bjk->bik", &[&[2, 3, 4], &[2, 4, 5]])?;
    same("bij,bkj->kbi", &[&[2, 3, 4], &[2, 5, 4]])?;
    same("ij,ij->i", &[&[3, 6], &[3, 6]])?;
    same("i,i->", &[&[7], &[7]])?;
    case::<T>(dev, "i,i", "i,i->", &[&[7], &[7]])?;
    same("i,j->ij", &[&[3], &[4]])?;
    same("ij,ij->ij", &[&[3, 4], &[3, 4]])?;
    same("ij,j->i", &[&[3, 4], &[4]])?;
    same("j,jk->k", &[&[4], &[4, 5]])?;
    same("ij->ji", &[&[3, 4]])?;
    same("ii->i", &[&[4, 4]])?;
    case::<T>(dev, "ii", "ii->", &[&[4, 4]])?;
    same("iij->ji", &[&[3, 3, 2]])?;
    same("ij->", &[&[3, 4]])?;
    same("ij->j", &[&[3, 4]])?;
    same("abc,cd->dba", &[&[2, 3, 4], &[4, 5]])?;
    same("ijk,jl,kl->il", &[&[2, 3, 4], &[3, 5], &[4, 5]])?;
    same("ij,jk,kl->il", &[&[2, 3], &[3, 4], &[4, 2]])?;
    same("ab,cd->abcd", &[&[2, 3], &[1, 2]])?;
    same("i,i->i", &[&[1], &[5]])?;
    same(",ij->ij", &[&[], &[2, 3]])?;
    same(",->", &[&[], &[]])?;
    same("ij,jk->ik", &[&[3, 0], &[0, 2]])?;
    case::<T>(dev, "...ij,...jk->...ik", "abij,bjk->abik", &[&[5, 1, 2, 3], &[4, 3, 2]])?;
    case::<T>(dev, "...ij,...jk", "abij,bjk->abik", &[&[5, 1, 2, 3], &[4, 3, 2]])?;
    case::<T>(dev, "i...->...", "iab->ab", &[&[3, 2, 4]])?;
    case::<T>(dev, "i...i", "iai->a", &[&[3, 2, 3]])?;
    // Orders other than left to right (einsum_path's): chains, a vector last, NumPy's
    // five-operand example, a batch label, and nine operands (the greedy order).
    same("ij,jk,k->i", &[&[3, 6], &[6, 2], &[2]])?;
    same("ij,jk,kl,lm->im", &[&[5, 6], &[6, 3], &[3, 2], &[2, 4]])?;
    same("ea,fb,abcd,gc,hd->efgh", &[&[2, 3], &[2, 2], &[3, 2, 3, 2], &[2, 3], &[3, 2]])?;
    same("bi,bij,bj->b", &[&[2, 3], &[2, 3, 4], &[2, 4]])?;
    same(
        "ab,bc,cd,de,ef,fg,gh,hi,ij->aj",
        &[&[2, 3], &[3, 2], &[2, 2], &[2, 3], &[3, 2], &[2, 2], &[2, 3], &[3, 2], &[2, 2]],
    )?;
    Ok(())
}

/// `einsum_path` against NumPy 2.4's `np.einsum_path(..., optimize="optimal")`: the
/// same contractions, and its "Optimized FLOP count", which is ours plus one (NumPy
/// prints it to four significant digits).
fn paths(dev: &Device) -> gpu::Result<()> {
    type Case<'a> = (&'a str, &'a [&'a [usize]], &'a [(usize, usize)], f64);
    let cases: [Case; 6] = [
        ("ij,jk,k->i", &[&[10, 100], &[100, 5], &[5]], &[(1, 2), (0, 1)], 3.001e3),
        ("ij,jk,kl->il", &[&[10, 100], &[100, 5], &[5, 50]], &[(0, 1), (0, 1)], 1.500e4),
        ("ij,jk,kl,lm->im", &[&[30, 35], &[35, 15], &[15, 5], &[5, 10]], &[(1, 2), (0, 2), (0, 1)], 1.875e4),
        ("bij,bjk,bkl->bil", &[&[4, 8, 16], &[4, 16, 2], &[4, 2, 32]], &[(0, 1), (0, 1)], 6.145e3),
        ("i,i,i->", &[&[7], &[7], &[7]], &[(0, 1), (0, 1)], 2.200e1),
        (
            "ea,fb,abcd,gc,hd->efgh",
            &[&[10, 10], &[10, 10], &[10, 10, 10, 10], &[10, 10], &[10, 10]],
            &[(0, 2), (0, 3), (0, 2), (0, 1)],
            8.000e5,
        ),
    ];
    for (spec, shapes, numpy_path, numpy_flops) in cases {
        let arrays = shapes.iter().map(|s| Array::<f32>::zeros(*s, dev)).collect::<gpu::Result<Vec<_>>>()?;
        let refs: Vec<&Array<f32>> = arrays.iter().collect();
        let path = gpu::einsum_path(spec, &refs)?;
        assert!(path.optimal, "{spec}");
        let ours = (path.flops + 1) as f64;
        assert!((ours - numpy_flops).abs() <= 5e-4 * numpy_flops, "{spec}: {path:?} vs NumPy's {numpy_flops:e}");
        assert!(path.flops <= path.left_to_right_flops, "{spec}: {path:?}");
        assert_eq!(path.contractions.len(), shapes.len() - 1, "{spec}");
        assert_eq!(path.contractions, numpy_path, "{spec}");
    }
    let one = Array::<f32>::zeros([3], dev)?;
    let single = gpu::einsum_path("i->", &[&one])?;
    assert_eq!((single.contractions.len(), single.flops), (0, 0));
    // Ten operands: the greedy order, still no worse than left to right on a chain.
    let m = Array::<f32>::zeros([4, 4], dev)?;
    let v = Array::<f32>::zeros([4], dev)?;
    let chain: Vec<&Array<f32>> = std::iter::once(&m).cycle().take(9).chain(std::iter::once(&v)).collect();
    let path = gpu::einsum_path("ab,bc,cd,de,ef,fg,gh,hi,ij,j->a", &chain)?;
    assert!(!path.optimal && path.contractions.len() == 9);
    assert!(path.flops <= path.left_to_right_flops, "{path:?}");
    Ok(())
}

/// Views as operands: a transposed matrix and a strided slice.
fn view_cases<T: TestValue + Tolerances + Element>(dev: &Device) -> gpu::Result<()> {
    let (ha, hb) = (sample_nd::<T>(&[4, 3], 1), sample_nd::<T>(&[4, 10], 2));
    let (a, b) = (upload_nd(&ha, dev)?, upload_nd(&hb, dev)?);
    let at = a.t();
    let bs = b.slice(1, Some(1), None, 2)?; // [4, 5], stride 2
    let hat = ha.permute(&[1, 0]);
    let hbs = hb.slice(1, Some(1), None, 2);
    let got = gpu::einsum("ij,jk->ik", &[&at, &bs])?;
    check(&got, &naive("ij,jk->ik", &[&hat, &hbs]), 4, "einsum of views");
    let got = gpu::einsum("ij,jk->ki", &[&at, &bs])?;
    check(&got, &naive("ij,jk->ki", &[&hat, &hbs]), 4, "einsum of views, transposed output");
    Ok(())
}

fn tensordot_cases<T: TestValue + Tolerances + Element>(dev: &Device) -> gpu::Result<()> {
    let (ha, hb, hc) = (sample_nd::<T>(&[2, 3, 4], 3), sample_nd::<T>(&[4, 3], 4), sample_nd::<T>(&[5, 3], 5));
    let (a, b, c) = (upload_nd(&ha, dev)?, upload_nd(&hb, dev)?, upload_nd(&hc, dev)?);
    check(&gpu::tensordot(&a, &b, ([1, 2], [1, 0]))?, &naive("ijk,kj->i", &[&ha, &hb]), 12, "tensordot pairs");
    check(&gpu::tensordot(&a, &b, ([-1], [0]))?, &naive("ijk,kl->ijl", &[&ha, &hb]), 4, "tensordot -1");
    check(&gpu::tensordot(&a, &b, 1)?, &naive("ijk,kl->ijl", &[&ha, &hb]), 4, "tensordot 1");
    check(&gpu::tensordot(&b, &a, 0)?, &naive("ab,ijk->abijk", &[&hb, &ha]), 1, "tensordot 0 (outer)");
    check(&gpu::tensordot(&b, &b, 2)?, &naive("ij,ij->", &[&hb, &hb]), 12, "tensordot 2 (full)");
    check(&gpu::tensordot(&b, &c, ([1], [1]))?, &naive("ij,kj->ik", &[&hb, &hc]), 3, "tensordot rows");
    check(&gpu::inner(&b, &c)?, &naive("ij,kj->ik", &[&hb, &hc]), 3, "inner");
    let hd = sample_nd::<T>(&[5, 4], 6);
    check(&gpu::inner(&a, &upload_nd(&hd, dev)?)?, &naive("ijk,lk->ijl", &[&ha, &hd]), 4, "inner 3-D");
    let s = upload_nd(&sample_nd::<T>(&[1], 8), dev)?.reshape(Vec::<usize>::new())?;
    let hs = HostNd::new(vec![s.item()?], &[]);
    check(&gpu::inner(&s, &b)?, &naive(",ij->ij", &[&hs, &hb]), 1, "inner with a 0-d operand");
    check(&gpu::vdot(&a, &a.reshape([4, 6])?)?, &naive("ijk,ijk->", &[&ha, &ha]), 24, "vdot");
    Ok(())
}

/// kron against blocks written out: out[i·p + k, j·q + l] = a[i, j]·b[k, l].
fn kron_cases<T: TestValue + Tolerances + Element>(dev: &Device) -> gpu::Result<()> {
    let (ha, hb) = (sample_nd::<T>(&[2, 3], 9), sample_nd::<T>(&[4, 2], 10));
    let got = gpu::kron(&upload_nd(&ha, dev)?, &upload_nd(&hb, dev)?)?;
    let mut want = vec![T::ZERO; 8 * 6];
    for idx in HostNd::<T>::indices(&[2, 3, 4, 2]) {
        let (i, j, k, l) = (idx[0], idx[1], idx[2], idx[3]);
        want[(i * 4 + k) * 6 + j * 2 + l] = T::of_f64(ha.get(&[i, j]).f64() * hb.get(&[k, l]).f64());
    }
    common::assert_array(&got, &[8, 6], &want, T::EXACT_OPS, "kron 2-D");
    // A vector against a matrix: the vector is a [1, n] row.
    let hv = sample_nd::<T>(&[3], 11);
    let got = gpu::kron(&upload_nd(&hv, dev)?, &upload_nd(&hb, dev)?)?;
    let mut want = vec![T::ZERO; 4 * 6];
    for idx in HostNd::<T>::indices(&[3, 4, 2]) {
        let (j, k, l) = (idx[0], idx[1], idx[2]);
        want[k * 6 + j * 2 + l] = T::of_f64(hv.get(&[j]).f64() * hb.get(&[k, l]).f64());
    }
    common::assert_array(&got, &[4, 6], &want, T::EXACT_OPS, "kron 1-D with 2-D");
    Ok(())
}

fn all<T: TestValue + Tolerances + Element>(dev: &Device) -> gpu::Result<()> {
    einsum_cases::<T>(dev)?;
    view_cases::<T>(dev)?;
    tensordot_cases::<T>(dev)?;
    kron_cases::<T>(dev)
}

backend_tests! {
    fn contractions_f32(dev) { all::<f32>(dev) }
    fn contractions_f64(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        all::<f64>(dev)
    }
    fn contractions_i32(dev) { all::<i32>(dev) }
    fn contractions_u32(dev) { all::<u32>(dev) }

    fn einsum_paths(dev) { paths(dev) }

    fn einsum_views_stay_views(dev) {
        let a = Array::from_vec((0..12).collect::<Vec<i32>>(), [3, 4])?.to(dev)?;
        let t = gpu::einsum("ij->ji", &[&a])?;
        assert_eq!(t.contiguous()?.to_vec()?, a.t().contiguous()?.to_vec()?);
        let m = Array::from_vec((0..9).collect::<Vec<i32>>(), [3, 3])?.to(dev)?;
        let d = gpu::einsum("ii->i", &[&m])?;
        assert_eq!(d.to_vec()?, vec![0, 4, 8]);
        assert_eq!(gpu::einsum(" i i -> ", &[&m])?.item()?, 12, "whitespace is ignored");
        Ok(())
    }

    fn contraction_errors(dev) {
        let a = Array::<f32>::ones([2, 3], dev)?;
        let b = Array::<f32>::ones([4, 5], dev)?;
        let bad = |r: gpu::Result<Array<f32>>, what: &str| match r {
            Err(Error::InvalidArgument { op: "einsum", reason }) => assert!(reason.contains('`'), "{what}: {reason}"),
            other => panic!("{what}: expected InvalidArgument, got {other:?}"),
        };
        bad(gpu::einsum("ij,jk", &[&a]), "operand count");
        bad(gpu::einsum("ij->ik", &[&a]), "output letter in no operand");
        bad(gpu::einsum("ij->ii", &[&a]), "repeated output letter");
        bad(gpu::einsum("ijk", &[&a]), "term longer than the shape");
        bad(gpu::einsum("i", &[&a]), "term shorter than the shape");
        bad(gpu::einsum("ij,jk->ik", &[&a, &b]), "extents differ");
        bad(gpu::einsum("i2,jk", &[&a, &b]), "not a letter");
        bad(gpu::einsum("......", &[&a]), "two ellipses");
        bad(gpu::einsum("...i->i", &[&a]), "ellipsis axes dropped");
        assert!(matches!(gpu::einsum::<f32>("", &[]), Err(Error::InvalidArgument { .. })));
        assert!(matches!(gpu::tensordot(&a, &b, 1), Err(Error::MatmulShape { op: "tensordot", .. })));
        assert!(matches!(gpu::tensordot(&a, &b, 3), Err(Error::InvalidArgument { op: "tensordot", .. })));
        assert!(matches!(gpu::tensordot(&a, &a, ([0, 0], [0, 1])), Err(Error::InvalidArgument { op: "tensordot", .. })));
        assert!(matches!(gpu::tensordot(&a, &a, ([0, 5], [0, 1])), Err(Error::AxisOutOfRange { .. })));
        assert!(matches!(gpu::tensordot(&a, &a, (&[0, 1][..], &[0][..])), Err(Error::InvalidArgument { .. })));
        assert!(matches!(gpu::inner(&a, &b), Err(Error::MatmulShape { .. })));
        assert!(matches!(gpu::vdot(&a, &b), Err(Error::MatmulShape { op: "vdot", .. })));
        if dev.kind() != gpu::DeviceKind::Cpu {
            let host = Array::<f32>::ones([3, 2], &Device::cpu())?;
            assert!(matches!(gpu::einsum("ij,jk", &[&a, &host]), Err(Error::DeviceMismatch { .. })));
            assert!(matches!(gpu::kron(&a, &host), Err(Error::DeviceMismatch { .. })));
        }
        Ok(())
    }
}
