//! View semantics on every backend: reshape (view when the strides allow it, copy when
//! not), `t`/`transpose` (negative axes), `broadcast_to` (zero strides), Python slicing
//! (negative steps, negative and out-of-range bounds, empty results), `index_axis`,
//! `squeeze`/`unsqueeze`, `contiguous`, copy-on-write for in-place ops, in-place writes
//! on a unique buffer, and chains of views — all against the naive `HostNd` reference,
//! including 0-d arrays and empty dimensions.

#[macro_use]
mod common;

use common::{python_range, HostNd};
use gpu::layout::contiguous_strides;
use gpu::{Array, Device};

/// `0, 1, …, n-1` as i32 in `shape`, on `dev`, with its reference.
fn iota(shape: &[usize], dev: &Device) -> gpu::Result<(Array<i32>, HostNd<i32>)> {
    let n: usize = shape.iter().product();
    let data: Vec<i32> = (0..n as i32).collect();
    let a = Array::from_vec(data.clone(), shape)?.to(dev)?;
    Ok((a, HostNd::new(data, shape)))
}

/// As `iota`, in f32 (for the float operators `+= 1.0` …).
fn iota_f32(shape: &[usize], dev: &Device) -> gpu::Result<Array<f32>> {
    let n: usize = shape.iter().product();
    Array::from_vec((0..n).map(|i| i as f32).collect(), shape)?.to(dev)
}

/// Asserts shape and row-major elements against the reference.
#[track_caller]
fn check(got: &Array<i32>, want: &HostNd<i32>, what: &str) {
    assert_eq!(got.shape(), &want.shape[..], "{what}: shape");
    assert_eq!(got.ndim(), want.shape.len(), "{what}: ndim");
    assert_eq!(got.len(), want.len(), "{what}: len");
    let v = got.to_vec().unwrap_or_else(|e| panic!("{what}: download failed: {e}"));
    assert_eq!(v, want.to_vec(), "{what}: elements");
}

// ---- reference views that `HostNd` does not have ------------------------------------

fn h_broadcast(h: &HostNd<i32>, shape: &[usize]) -> HostNd<i32> {
    let lead = shape.len() - h.shape.len();
    let strides = (0..shape.len())
        .map(|d| if d < lead || h.shape[d - lead] != shape[d] { 0 } else { h.strides[d - lead] })
        .collect();
    HostNd { data: h.data.clone(), shape: shape.to_vec(), strides, offset: h.offset }
}

fn h_index(h: &HostNd<i32>, axis: usize, i: usize) -> HostNd<i32> {
    let mut out = h.clone();
    out.offset += i as isize * h.strides[axis];
    out.shape.remove(axis);
    out.strides.remove(axis);
    out
}

fn h_unsqueeze(h: &HostNd<i32>, axis: usize) -> HostNd<i32> {
    let mut out = h.clone();
    out.shape.insert(axis, 1);
    out.strides.insert(axis, 0);
    out
}

fn h_reshape(h: &HostNd<i32>, shape: &[usize]) -> HostNd<i32> {
    HostNd::new(h.to_vec(), shape)
}

backend_tests! {
    fn reshape_of_contiguous_is_a_view(dev) {
        let (a, h) = iota(&[2, 3, 4], dev)?;
        let r = a.reshape([4, 6])?;
        check(&r, &h_reshape(&h, &[4, 6]), "reshape [4, 6]");
        assert_eq!(r.strides(), &[6, 1]);
        assert_eq!(r.layout().offset(), 0);
        // A contiguous view with an offset stays a view of the same storage: the offset
        // survives reshape (a copy would start at 0).
        let row = a.index_axis(0, 1)?;
        assert_eq!(row.layout().offset(), 12);
        let flat = row.reshape([12])?;
        assert_eq!(flat.layout().offset(), 12, "reshape of a contiguous view must not copy");
        assert_eq!(flat.to_vec()?, (12..24).collect::<Vec<i32>>());
        let back = flat.reshape([2, 2, 3])?;
        assert_eq!((back.layout().offset(), back.strides()), (12, &[6isize, 3, 1][..]));
        check(&back, &h_reshape(&h_index(&h, 0, 1), &[2, 2, 3]), "reshape of reshape");
        Ok(())
    }

    fn reshape_of_strided_view_without_copy(dev) {
        let (a, h) = iota(&[2, 3, 4], dev)?;
        let s = a.slice(1, Some(1), None, 1)?;
        assert_eq!((s.shape(), s.strides(), s.layout().offset()), (&[2usize, 2, 4][..], &[12isize, 4, 1][..], 4));
        assert!(!s.is_contiguous());
        // [2, 2, 4] -> [2, 8]: the last two dims are dense, so no copy is needed.
        let r = s.reshape([2, 8])?;
        assert_eq!((r.strides(), r.layout().offset()), (&[12isize, 1][..], 4));
        check(&r, &h_reshape(&h.slice(1, Some(1), None, 1), &[2, 8]), "reshape [2, 8] of a slice");
        // The transpose of [2, 3] reshaped to [3, 2, 1] only appends a unit dimension.
        let (m, hm) = iota(&[2, 3], dev)?;
        let u = m.t().reshape([3, 2, 1])?;
        assert_eq!(&u.strides()[..2], &[1, 3]);
        check(&u, &h_reshape(&hm.permute(&[1, 0]), &[3, 2, 1]), "reshape of t() adding a unit dim");
        Ok(())
    }

    fn reshape_of_non_contiguous_copies(dev) {
        let (a, h) = iota(&[2, 3, 4], dev)?;
        let t = a.t();
        let r = t.reshape([24])?;
        check(&r, &h_reshape(&h.permute(&[2, 1, 0]), &[24]), "t().reshape([24])");
        assert!(r.is_contiguous());
        assert_eq!((r.strides(), r.layout().offset()), (&[1isize][..], 0));
        let r2 = t.reshape([6, 4])?;
        check(&r2, &h_reshape(&h.permute(&[2, 1, 0]), &[6, 4]), "t().reshape([6, 4])");
        assert_eq!(r2.strides(), &contiguous_strides(&[6, 4])[..]);
        // Reversed slices need a copy too.
        let rev = a.slice(2, None, None, -1)?;
        let r3 = rev.reshape([4, 6])?;
        check(&r3, &h_reshape(&h.slice(2, None, None, -1), &[4, 6]), "reversed slice reshaped");
        check(&a, &h, "source unchanged");
        Ok(())
    }

    fn reshape_zero_d_and_empty(dev) {
        let s = Array::from_vec(vec![7i32], [])?.to(dev)?;
        let one = s.reshape([1, 1])?;
        assert_eq!((one.shape(), one.to_vec()?), (&[1usize, 1][..], vec![7]));
        let z = one.reshape(Vec::<usize>::new())?;
        assert_eq!((z.ndim(), z.item()?), (0, 7));
        let e = Array::<i32>::zeros([2, 0, 3], dev)?;
        for shape in [vec![0], vec![3, 0, 2], vec![0, 5], vec![0, 0]] {
            let r = e.reshape(&shape)?;
            assert_eq!(r.shape(), &shape[..]);
            assert!(r.is_empty() && r.to_vec()?.is_empty());
        }
        // An empty non-contiguous view reshapes too.
        let et = e.t().reshape([6, 0])?;
        assert_eq!((et.shape(), et.len()), (&[6usize, 0][..], 0));
        Ok(())
    }

    fn transpose_and_t(dev) {
        let (a, h) = iota(&[2, 3, 4], dev)?;
        check(&a.t(), &h.permute(&[2, 1, 0]), "t()");
        assert_eq!(a.t().strides(), &[1, 4, 12]);
        check(&a.transpose(&[-1, 0, -2])?, &h.permute(&[2, 0, 1]), "transpose [-1, 0, -2]");
        check(&a.transpose(&[1, -3, 2])?, &h.permute(&[1, 0, 2]), "transpose [1, -3, 2]");
        check(&a.transpose(&[0, 1, 2])?, &h, "identity transpose");
        check(&a.t().t(), &h, "t().t()");
        let (v, hv) = iota(&[5], dev)?;
        check(&v.t(), &hv, "t() of 1-D");
        let s = Array::from_vec(vec![3i32], [])?.to(dev)?;
        assert_eq!((s.t().shape(), s.transpose(&[])?.item()?), (&[][..], 3));
        Ok(())
    }

    fn broadcast_to_uses_zero_strides(dev) {
        let (a, h) = iota(&[3, 1], dev)?;
        let b = a.broadcast_to([2, 3, 4])?;
        assert_eq!(b.shape(), &[2, 3, 4]);
        assert_eq!(b.strides(), &[0, 1, 0]);
        assert!(b.layout().has_overlap() && !b.is_contiguous());
        check(&b, &h_broadcast(&h, &[2, 3, 4]), "[3, 1] -> [2, 3, 4]");
        let want: Vec<i32> = HostNd::<i32>::indices(&[2, 3, 4]).iter().map(|i| h.get_broadcast(i)).collect();
        assert_eq!(b.to_vec()?, want);
        // Same shape: the same layout.
        assert_eq!(a.broadcast_to([3, 1])?.layout(), a.layout());
        // 0-d to anything; size 1 to size 0.
        let s = Array::from_vec(vec![9i32], [])?.to(dev)?;
        let sb = s.broadcast_to([2, 2])?;
        assert_eq!((sb.strides(), sb.to_vec()?), (&[0isize, 0][..], vec![9; 4]));
        let one = Array::from_vec(vec![1i32], [1])?.to(dev)?;
        let e = one.broadcast_to([4, 0])?;
        assert_eq!((e.shape(), e.to_vec()?.len()), (&[4usize, 0][..], 0));
        Ok(())
    }

    fn slice_1d_python_semantics(dev) {
        let (a, _) = iota(&[10], dev)?;
        let bounds = [None, Some(-15), Some(-10), Some(-3), Some(-1), Some(0), Some(2), Some(9), Some(10), Some(15)];
        for &start in &bounds {
            for &end in &bounds {
                for step in [-4, -2, -1, 1, 2, 3] {
                    let s = a.slice(0, start, end, step)?;
                    let want: Vec<i32> = python_range(10, start, end, step).iter().map(|&i| i as i32).collect();
                    assert_eq!(s.shape(), &[want.len()], "[{start:?}:{end:?}:{step}] shape");
                    assert_eq!(s.to_vec()?, want, "[{start:?}:{end:?}:{step}]");
                }
            }
        }
        let rev = a.slice(-1, None, None, -1)?;
        assert_eq!((rev.strides(), rev.layout().offset()), (&[-1isize][..], 9));
        Ok(())
    }

    fn slice_nd_with_steps(dev) {
        let (a, h) = iota(&[4, 5, 3], dev)?;
        check(&a.slice(1, None, None, -2)?, &h.slice(1, None, None, -2), "[:, ::-2]");
        check(&a.slice(-1, Some(-1), Some(-100), -1)?, &h.slice(2, Some(-1), Some(-100), -1), "[..., -1:-100:-1]");
        check(&a.slice(0, Some(1), Some(100), 2)?, &h.slice(0, Some(1), Some(100), 2), "[1:100:2]");
        let two = a.slice(0, None, None, -1)?.slice(1, Some(4), Some(0), -3)?;
        check(&two, &h.slice(0, None, None, -1).slice(1, Some(4), Some(0), -3), "slice of a reversed slice");
        let h_two = h.slice(0, None, None, -1).slice(1, Some(4), Some(0), -3);
        check(&two.slice(2, Some(-2), None, 1)?, &h_two.slice(2, Some(-2), None, 1), "three slices");
        Ok(())
    }

    fn empty_slices(dev) {
        let (a, h) = iota(&[4, 3], dev)?;
        let cases = [
            (Some(3), Some(1), 1),
            (Some(1), Some(3), -1),
            (Some(4), None, 1),
            (None, Some(-4), 1),
            (Some(-5), None, -1),
        ];
        for (start, end, step) in cases {
            let s = a.slice(0, start, end, step)?;
            assert_eq!(s.shape(), &[0, 3], "[{start:?}:{end:?}:{step}]");
            assert!(s.is_empty() && s.to_vec()?.is_empty());
            check(&s.t(), &h.slice(0, start, end, step).permute(&[1, 0]), "t() of an empty slice");
            assert_eq!(s.reshape([3, 0])?.shape(), &[3, 0]);
            assert_eq!(s.slice(1, None, None, -1)?.shape(), &[0, 3]);
            assert_eq!(s.add(&a.slice(0, Some(0), Some(0), 1)?)?.shape(), &[0, 3]);
        }
        let e = Array::<i32>::zeros([0, 2], dev)?;
        assert_eq!(e.slice(0, None, None, -1)?.shape(), &[0, 2]);
        assert_eq!(e.slice(0, Some(-3), Some(5), 2)?.shape(), &[0, 2]);
        Ok(())
    }

    fn index_axis_drops_the_axis(dev) {
        let (a, h) = iota(&[2, 3, 4], dev)?;
        check(&a.index_axis(1, -1)?, &h_index(&h, 1, 2), "[:, -1]");
        check(&a.index_axis(-1, 0)?, &h_index(&h, 2, 0), "[..., 0]");
        check(&a.index_axis(0, 1)?, &h_index(&h, 0, 1), "[1]");
        let s = a.index_axis(0, -2)?.index_axis(0, 2)?.index_axis(0, 3)?;
        assert_eq!((s.ndim(), s.item()?), (0, 11));
        let r = a.slice(2, None, None, -1)?.index_axis(2, 1)?;
        check(&r, &h_index(&h.slice(2, None, None, -1), 2, 1), "index of a reversed axis");
        Ok(())
    }

    fn squeeze_and_unsqueeze(dev) {
        let (a, h) = iota(&[2, 1, 3], dev)?;
        let want = HostNd::new(h.to_vec(), &[2, 3]);
        check(&a.squeeze(1)?, &want, "squeeze(1)");
        check(&a.squeeze(-2)?, &want, "squeeze(-2)");
        check(&a.unsqueeze(0)?, &h_unsqueeze(&h, 0), "unsqueeze(0)");
        check(&a.unsqueeze(-1)?, &h_unsqueeze(&h, 3), "unsqueeze(-1)");
        check(&a.unsqueeze(3)?, &h_unsqueeze(&h, 3), "unsqueeze(3)");
        check(&a.unsqueeze(-4)?, &h_unsqueeze(&h, 0), "unsqueeze(-4)");
        check(&a.unsqueeze(2)?, &h_unsqueeze(&h, 2), "unsqueeze(2)");
        check(&a.unsqueeze(-2)?.squeeze(-2)?, &h, "unsqueeze then squeeze");
        // On a transposed view.
        let t = a.t().unsqueeze(1)?;
        check(&t, &h_unsqueeze(&h.permute(&[2, 1, 0]), 1), "unsqueeze of t()");
        // 0-d <-> [1].
        let s = Array::from_vec(vec![5i32], [])?.to(dev)?;
        assert_eq!(s.unsqueeze(0)?.shape(), &[1]);
        assert_eq!(s.unsqueeze(-1)?.shape(), &[1]);
        let back = s.unsqueeze(-1)?.unsqueeze(0)?.squeeze(0)?.squeeze(-1)?;
        assert_eq!((back.shape(), back.item()?), (&[][..], 5));
        Ok(())
    }

    fn contiguous_of_views(dev) {
        let (a, h) = iota(&[3, 4], dev)?;
        let views = [
            (a.t(), h.permute(&[1, 0])),
            (a.slice(1, None, None, -2)?, h.slice(1, None, None, -2)),
            (a.index_axis(1, 1)?.broadcast_to([2, 3])?, h_broadcast(&h_index(&h, 1, 1), &[2, 3])),
        ];
        for (v, hv) in &views {
            assert!(!v.is_contiguous());
            let c = v.contiguous()?;
            assert!(c.is_contiguous());
            assert_eq!(c.strides(), &contiguous_strides(c.shape())[..]);
            check(&c, hv, "contiguous()");
            check(v, hv, "view unchanged by contiguous()");
        }
        // Already contiguous: shared, not copied (the offset survives).
        let row = a.index_axis(0, 2)?;
        assert_eq!(row.contiguous()?.layout(), row.layout());
        assert_eq!(row.contiguous()?.layout().offset(), 8);
        Ok(())
    }

    fn copy_on_write(dev) {
        let a = iota_f32(&[2, 3], dev)?;
        let orig = a.to_vec()?;
        let mut b = a.clone();
        b += 1.0;
        assert_eq!(a.to_vec()?, orig, "a clone's += must not write through to the source");
        assert_eq!(b.to_vec()?, orig.iter().map(|x| x + 1.0).collect::<Vec<_>>());
        let mut r = a.reshape([6])?;
        r *= 2.0;
        assert_eq!(a.to_vec()?, orig, "reshape view");
        assert_eq!(r.to_vec()?, orig.iter().map(|x| x * 2.0).collect::<Vec<_>>());
        let mut s = a.slice(1, None, None, -1)?;
        s -= &Array::from_vec(vec![10.0f32, 20.0, 30.0], [3])?.to(dev)?;
        assert_eq!(a.to_vec()?, orig, "slice view");
        assert_eq!(s.to_vec()?, vec![-8.0, -19.0, -30.0, -5.0, -16.0, -27.0]);
        let mut bc = a.index_axis(0, 0)?.broadcast_to([2, 3])?;
        bc.add_scalar_assign_(100.0)?;
        assert_eq!((bc.shape(), bc.to_vec()?), (&[2usize, 3][..], vec![100.0, 101.0, 102.0, 100.0, 101.0, 102.0]));
        assert_eq!(a.to_vec()?, orig, "broadcast view");
        // An owned left operand that shares storage is not reused as the output.
        let d = a.clone() + &a;
        assert_eq!(a.to_vec()?, orig, "a.clone() + &a");
        assert_eq!(d.to_vec()?, orig.iter().map(|x| 2.0 * x).collect::<Vec<_>>());
        let mut c = a.clone();
        c.add_assign_(&a)?;
        assert_eq!(c.to_vec()?, orig.iter().map(|x| 2.0 * x).collect::<Vec<_>>());
        assert_eq!(a.to_vec()?, orig, "x += x through a clone");
        Ok(())
    }

    fn in_place_on_unique_arrays(dev) {
        let mut a = iota_f32(&[3, 4], dev)?;
        a += 1.0;
        a *= &Array::from_vec(vec![1.0f32, 2.0, 3.0, 4.0], [4])?.to(dev)?;
        let want: Vec<f32> = (0..12).map(|i| (i as f32 + 1.0) * ((i % 4) as f32 + 1.0)).collect();
        assert_eq!((a.shape(), a.to_vec()?), (&[3usize, 4][..], want.clone()));
        // A contiguous view that became the sole owner is written in place: its offset
        // into the storage survives (a copy would start at 0).
        let mut row = a.index_axis(0, 1)?;
        drop(a);
        row -= 1.0;
        assert_eq!(row.layout().offset(), 4, "in-place op on a unique contiguous buffer must not copy");
        assert_eq!(row.to_vec()?, want[4..8].iter().map(|x| x - 1.0).collect::<Vec<_>>());
        // A unique but non-contiguous view: the result is correct and keeps the shape.
        let mut t = iota_f32(&[2, 3], dev)?.t();
        t += 0.5;
        assert_eq!((t.shape(), t.to_vec()?), (&[3usize, 2][..], vec![0.5, 3.5, 1.5, 4.5, 2.5, 5.5]));
        let mut e = Array::<f32>::zeros([0, 3], dev)?;
        e += 1.0;
        assert_eq!(e.shape(), &[0, 3]);
        Ok(())
    }

    fn views_of_views(dev) {
        let (a, h) = iota(&[3, 1, 4], dev)?;
        let v = a
            .broadcast_to([2, 3, 5, 4])?
            .transpose(&[-1, 0, 2, 1])?
            .slice(0, None, None, -1)?
            .slice(2, Some(1), None, 2)?
            .index_axis(1, -1)?
            .unsqueeze(1)?
            .slice(3, Some(-1), None, -2)?;
        let hp = h_broadcast(&h, &[2, 3, 5, 4]).permute(&[3, 0, 2, 1]);
        let hs = hp.slice(0, None, None, -1).slice(2, Some(1), None, 2);
        let hv = h_unsqueeze(&h_index(&hs, 1, 1), 1).slice(3, Some(-1), None, -2);
        check(&v, &hv, "broadcast → transpose → slices → index → unsqueeze");
        assert_eq!(v.shape(), &[4, 1, 2, 2]);
        check(&v.squeeze(1)?.t(), &HostNd::new(hv.to_vec(), &[4, 2, 2]).permute(&[2, 1, 0]), "squeeze.t");
        check(&v.reshape([8, 2])?, &h_reshape(&hv, &[8, 2]), "reshape of the chain");
        check(&v.contiguous()?, &hv, "contiguous of the chain");
        // Elementwise ops read views through their strides.
        let (b, hb) = iota(&[4, 1, 2, 1], dev)?;
        let sum = v.add(&b)?;
        let want: Vec<i32> =
            HostNd::<i32>::indices(&[4, 1, 2, 2]).iter().map(|i| hv.get(i) + hb.get_broadcast(i)).collect();
        assert_eq!((sum.shape(), sum.to_vec()?), (&[4usize, 1, 2, 2][..], want));
        check(&a, &h, "source unchanged");
        Ok(())
    }

    fn zero_d_arrays(dev) {
        let s = Array::from_vec(vec![7.0f32], [])?.to(dev)?;
        assert_eq!((s.shape(), s.ndim(), s.len(), s.is_empty()), (&[][..], 0, 1, false));
        assert_eq!((s.item()?, s.to_vec()?), (7.0, vec![7.0]));
        assert!(s.is_contiguous());
        assert_eq!(s.t().item()?, 7.0);
        assert_eq!(s.contiguous()?.item()?, 7.0);
        assert_eq!(s.broadcast_to([2, 3])?.to_vec()?, vec![7.0; 6]);
        assert_eq!(s.reshape([1, 1, 1])?.slice(1, None, None, -1)?.item()?, 7.0);
        assert_eq!(s.unsqueeze(0)?.index_axis(0, -1)?.item()?, 7.0);
        let mut c = s.clone();
        c += 1.0;
        assert_eq!((s.item()?, c.item()?), (7.0, 8.0));
        let z = Array::<i32>::arange(4, 5, 1, dev)?.reshape(Vec::<usize>::new())?;
        assert_eq!((z.ndim(), z.item()?), (0, 4));
        Ok(())
    }

    fn empty_dims_everywhere(dev) {
        let e = Array::<i32>::zeros([2, 0, 3], dev)?;
        assert!(e.is_empty() && e.is_contiguous());
        assert_eq!(e.len(), 0);
        assert_eq!(e.t().shape(), &[3, 0, 2]);
        assert_eq!(e.transpose(&[1, -1, 0])?.shape(), &[0, 3, 2]);
        assert_eq!(e.broadcast_to([4, 2, 0, 3])?.shape(), &[4, 2, 0, 3]);
        assert_eq!(e.slice(2, Some(1), None, -1)?.shape(), &[2, 0, 2]);
        assert_eq!(e.index_axis(0, -1)?.shape(), &[0, 3]);
        assert_eq!(e.index_axis(2, 2)?.shape(), &[2, 0]);
        assert_eq!(e.unsqueeze(-1)?.shape(), &[2, 0, 3, 1]);
        assert_eq!(e.unsqueeze(1)?.squeeze(1)?.shape(), &[2, 0, 3]);
        assert_eq!(e.t().contiguous()?.shape(), &[3, 0, 2]);
        assert!(e.t().to_vec()?.is_empty() && e.reshape([0])?.to_vec()?.is_empty());
        assert!(matches!(e.index_axis(1, 0), Err(gpu::Error::IndexOutOfBounds { len: 0, .. })));
        let row = Array::from_vec(vec![1i32, 2, 3], [3])?.to(dev)?;
        assert_eq!(e.add(&row)?.shape(), &[2, 0, 3]);
        let zero = Array::<i32>::arange(0, 0, 1, dev)?;
        assert_eq!((zero.shape(), zero.reshape([0, 7])?.t().shape()), (&[0usize][..], &[7usize, 0][..]));
        Ok(())
    }

    fn views_with_offsets_into_empty_storage(dev) {
        // Slicing or indexing a non-empty axis of an empty array moves the offset past
        // the (empty) storage; such views hold no elements and must still work.
        let e = Array::<i32>::zeros([0, 2], dev)?;
        let views = [
            e.slice(1, None, None, -1)?,
            e.slice(1, Some(1), None, 1)?,
            e.index_axis(1, 1)?.unsqueeze(1)?,
            e.t().slice(0, Some(-1), None, 1)?.t(),
        ];
        type Check = fn(&Array<i32>) -> gpu::Result<bool>;
        let checks: [(&str, Check); 5] = [
            ("to_vec", |v| Ok(v.to_vec()?.is_empty())),
            ("contiguous", |v| Ok(v.contiguous()?.to_vec()?.is_empty())),
            ("add_scalar", |v| Ok(v.add_scalar(1)?.shape() == v.shape())),
            ("sum", |v| Ok(v.sum()?.item()? == 0)),
            ("+=", |v| {
                let mut w = v.clone();
                w += 1;
                Ok(w.shape() == v.shape())
            }),
        ];
        let mut failures = Vec::new();
        for v in &views {
            assert_eq!(v.len(), 0);
            for (name, f) in checks {
                match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(v))) {
                    Ok(Ok(true)) => {}
                    Ok(r) => failures.push(format!("{name} of {v:?}: {r:?}")),
                    Err(p) => {
                        let msg = p.downcast_ref::<String>().cloned();
                        failures.push(format!("{name} of {v:?} panicked: {}", msg.unwrap_or_default()));
                    }
                }
            }
        }
        assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
        Ok(())
    }
}
