//! `swapaxes`, `moveaxis`, `split`/`array_split`, `repeat`, `tile`, `triu`/`tril`,
//! `outer`, `diagonal` and `trace` on every backend against host references built index
//! by index (`HostNd`): every axis of 2- and 3-D arrays, negative axes, transposed and
//! reversed views as inputs, zero repeats and empty results, batched triangles, the
//! offsets of diagonals past the matrix, and the errors.

#[macro_use]
mod common;

use common::{pattern, HostNd};
use gpu::{Array, Device, Error};

fn host(shape: &[usize], seed: u64) -> HostNd<i32> {
    HostNd::new(pattern::<i32>(shape.iter().product(), seed), shape)
}

fn upload(h: &HostNd<i32>, dev: &Device) -> gpu::Result<Array<i32>> {
    Array::from_vec(h.to_vec(), h.shape.clone())?.to(dev)
}

backend_tests! {
    fn swapaxes_and_moveaxis_are_permutations(dev) {
        let h = host(&[2, 3, 4], 1);
        let a = upload(&h, dev)?;
        for (x, y) in [(0, 1), (0, 2), (1, 2), (-1, 0), (2, 2)] {
            let mut perm = vec![0, 1, 2];
            perm.swap((x + 3) as usize % 3, (y + 3) as usize % 3);
            let s = a.swapaxes(x, y)?;
            assert_eq!(s.shape(), h.permute(&perm).shape.as_slice(), "swapaxes({x}, {y}) shape");
            assert_eq!(s.contiguous()?.to_vec()?, h.permute(&perm).to_vec(), "swapaxes({x}, {y})");
        }
        for (s, d, perm) in [(0, 2, [1, 2, 0]), (2, 0, [2, 0, 1]), (-1, 1, [0, 2, 1]), (1, 1, [0, 1, 2])] {
            let m = a.moveaxis(s, d)?;
            assert_eq!(m.contiguous()?.to_vec()?, h.permute(&perm).to_vec(), "moveaxis({s}, {d})");
        }
        assert!(matches!(a.swapaxes(0, 3), Err(Error::AxisOutOfRange { .. })));
        assert!(matches!(a.moveaxis(-4, 0), Err(Error::AxisOutOfRange { .. })));
        Ok(())
    }

    fn splits_are_views_of_the_right_lengths(dev) {
        let h = host(&[2, 7], 2);
        let a = upload(&h, dev)?;
        let parts = a.array_split(3, 1)?;
        let lens: Vec<usize> = parts.iter().map(|p| p.shape()[1]).collect();
        assert_eq!(lens, vec![3, 2, 2]);
        let mut start = 0;
        for (p, len) in parts.iter().zip(lens) {
            let want = h.slice(1, Some(start), Some(start + len as isize), 1).to_vec();
            assert_eq!(p.to_vec()?, want);
            start += len as isize;
        }
        // More sections than elements: trailing empty parts, as NumPy.
        let many = a.array_split(9, -1)?;
        assert_eq!(many.iter().map(|p| p.shape()[1]).collect::<Vec<_>>(), vec![1, 1, 1, 1, 1, 1, 1, 0, 0]);
        let rows = a.split(2, 0)?;
        assert_eq!(rows[1].to_vec()?, h.slice(0, Some(1), Some(2), 1).to_vec());
        assert!(matches!(a.split(3, 1), Err(Error::InvalidArgument { op: "split", .. })));
        assert!(matches!(a.array_split(0, 1), Err(Error::InvalidArgument { .. })));
        Ok(())
    }

    fn repeat_along_each_axis(dev) {
        let h = host(&[2, 3], 3);
        let a = upload(&h, dev)?;
        for (axis, view) in [(0usize, false), (1, false), (0, true), (1, true)] {
            // `view`: the same values through a transposed view of the transpose.
            let (src, hs) = if view { (a.t().contiguous()?.t(), h.clone()) } else { (a.clone(), h.clone()) };
            for r in [0usize, 1, 3] {
                let got = src.repeat(r, axis as isize - 2)?;
                let mut shape = hs.shape.clone();
                shape[axis] *= r;
                let want: Vec<i32> = HostNd::<i32>::indices(&shape)
                    .iter()
                    .map(|i| {
                        let mut j = i.clone();
                        j[axis] /= r;
                        hs.get(&j)
                    })
                    .collect();
                assert_eq!(got.shape(), shape.as_slice(), "repeat({r}, {axis}) shape");
                assert_eq!(got.to_vec()?, want, "repeat({r}, {axis}) view={view}");
            }
        }
        Ok(())
    }

    fn tile_like_numpy(dev) {
        let h = host(&[2, 3], 4);
        let a = upload(&h, dev)?;
        for reps in [&[2usize, 2][..], &[3], &[2, 1, 2], &[0, 2], &[1, 1]] {
            let got = a.tile(reps)?;
            let nd = reps.len().max(2);
            let pad = |v: &[usize]| std::iter::repeat_n(1, nd - v.len()).chain(v.iter().copied()).collect::<Vec<_>>();
            let (shape, r) = (pad(&h.shape), pad(reps));
            let out: Vec<usize> = shape.iter().zip(&r).map(|(s, r)| s * r).collect();
            let want: Vec<i32> = HostNd::<i32>::indices(&out)
                .iter()
                .map(|i| {
                    let j: Vec<usize> = i.iter().zip(&shape).map(|(x, s)| x % s).collect();
                    h.get(&j[nd - 2..])
                })
                .collect();
            assert_eq!(got.shape(), out.as_slice(), "tile({reps:?}) shape");
            assert_eq!(got.to_vec()?, want, "tile({reps:?})");
        }
        Ok(())
    }

    fn triangles_of_matrices_and_batches(dev) {
        for shape in [&[3usize, 4][..], &[4, 2], &[2, 3, 3]] {
            let h = host(shape, 5);
            let a = upload(&h, dev)?;
            let nd = shape.len();
            for k in [-5isize, -1, 0, 1, 3, 9] {
                for upper in [true, false] {
                    let got = if upper { a.triu(k)? } else { a.tril(k)? };
                    let want: Vec<i32> = HostNd::<i32>::indices(shape)
                        .iter()
                        .map(|i| {
                            let d = i[nd - 1] as isize - i[nd - 2] as isize;
                            if (upper && d >= k) || (!upper && d <= k) { h.get(i) } else { 0 }
                        })
                        .collect();
                    assert_eq!(got.to_vec()?, want, "{} k={k} of {shape:?}", if upper { "triu" } else { "tril" });
                }
            }
        }
        // A transposed float view.
        let f = Array::from_vec((0..6).map(|x| x as f32 + 1.0).collect(), [2, 3])?.to(dev)?.t();
        assert_eq!(f.triu(0)?.to_vec()?, vec![1.0, 4.0, 0.0, 5.0, 0.0, 0.0]);
        let v = Array::from_vec(vec![1, 2, 3], [3])?.to(dev)?;
        assert!(matches!(v.triu(0), Err(Error::InvalidArgument { op: "triu", .. })));
        Ok(())
    }

    fn outer_products(dev) {
        let a = Array::from_vec(vec![1i32, -2, 3], [3])?.to(dev)?;
        let b = Array::from_vec(vec![4i32, 5, 6, 7], [2, 2])?.to(dev)?;
        let got = a.outer(&b)?;
        assert_eq!(got.shape(), &[3, 4]);
        let want: Vec<i32> = [1, -2, 3].iter().flat_map(|x| [4, 5, 6, 7].map(|y| x * y)).collect();
        assert_eq!(got.to_vec()?, want);
        // Reversed view in.
        let r = a.slice(0, None, None, -1)?;
        assert_eq!(r.outer(&a)?.to_vec()?, vec![3, -6, 9, -2, 4, -6, 1, -2, 3]);
        Ok(())
    }

    fn diagonals_and_traces(dev) {
        let h = host(&[3, 4, 2], 6);
        let a = upload(&h, dev)?;
        for (off, a1, a2) in [(0isize, 0isize, 1isize), (1, 0, 1), (-2, 0, 1), (5, 0, 1), (0, 1, 2), (-1, 2, 0), (1, -1, -3)] {
            let d = a.diagonal(off, a1, a2)?;
            let (x, y) = ((a1 + 3) as usize % 3, (a2 + 3) as usize % 3);
            let other = 3 - x - y;
            let (i0, j0) = if off >= 0 { (0, off as usize) } else { ((-off) as usize, 0) };
            let len = h.shape[x].saturating_sub(i0).min(h.shape[y].saturating_sub(j0));
            assert_eq!(d.shape(), &[h.shape[other], len], "diagonal({off}, {a1}, {a2}) shape");
            let mut want = Vec::new();
            for o in 0..h.shape[other] {
                for t in 0..len {
                    let mut i = [0; 3];
                    (i[x], i[y], i[other]) = (i0 + t, j0 + t, o);
                    want.push(h.get(&i));
                }
            }
            assert_eq!(d.to_vec()?, want, "diagonal({off}, {a1}, {a2})");
        }
        let m = Array::from_vec((1..=9).collect::<Vec<i32>>(), [3, 3])?.to(dev)?;
        assert_eq!(m.trace(0)?.item()?, 15);
        assert_eq!(m.trace(1)?.item()?, 2 + 6);
        assert_eq!(m.t().trace(-1)?.item()?, 2 + 6);
        assert_eq!(m.trace(3)?.item()?, 0);
        assert!(matches!(m.diagonal(0, 1, 1), Err(Error::InvalidArgument { op: "diagonal", .. })));
        Ok(())
    }
}
