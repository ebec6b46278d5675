//! `pad` in every mode and `meshgrid` on every backend: NumPy's own outputs for 1-D
//! borders (including borders wider than the axis and one-element axes), N-D borders
//! of different widths per axis against a host reference, views as input, every dtype,
//! empty axes, nothing moved through the host, and the errors.

#[macro_use]
mod common;

use common::{pattern, HostNd, TestValue};
use gpu::{Array, DType, Device, Error, Indexing, PadMode};

/// The source position of padded position `i` (−before..n+after) under `mode`, the
/// slow way: walk outward, bouncing (reflect/symmetric) or wrapping.
fn source(i: isize, n: isize, mode: &str) -> usize {
    if (0..n).contains(&i) {
        return i as usize;
    }
    match mode {
        "edge" => i.clamp(0, n - 1) as usize,
        "wrap" => i.rem_euclid(n) as usize,
        _ if n == 1 => 0,
        _ => {
            // Walk from the nearest edge, one step at a time, turning at each end.
            let (mut p, mut dir, mut left) = if i < 0 { (0isize, -1isize, -i) } else { (n - 1, 1, i - (n - 1)) };
            while left > 0 {
                let next = p + dir;
                if next < 0 || next >= n {
                    dir = -dir;
                    if mode == "symmetric" {
                        left -= 1; // the edge value is repeated
                        if left == 0 {
                            break;
                        }
                    }
                    p += dir;
                } else {
                    p = next;
                }
                left -= 1;
            }
            p as usize
        }
    }
}

fn mode_of<T>(name: &str) -> PadMode<T> {
    match name {
        "edge" => PadMode::Edge,
        "wrap" => PadMode::Wrap,
        "reflect" => PadMode::Reflect,
        "symmetric" => PadMode::Symmetric,
        _ => unreachable!(),
    }
}

fn host_pad<T: TestValue>(h: &HostNd<T>, widths: &[(usize, usize)], mode: &str, fill: T) -> (Vec<usize>, Vec<T>) {
    let shape: Vec<usize> = h.shape.iter().zip(widths).map(|(&n, &(b, a))| n + b + a).collect();
    let data = HostNd::<T>::indices(&shape)
        .iter()
        .map(|idx| {
            let src: Vec<isize> = idx.iter().zip(widths).map(|(&i, &(b, _))| i as isize - b as isize).collect();
            if mode == "constant" {
                let inside = src.iter().zip(&h.shape).all(|(&s, &n)| (0..n as isize).contains(&s));
                if inside {
                    h.get(&src.iter().map(|&s| s as usize).collect::<Vec<_>>())
                } else {
                    fill
                }
            } else {
                let at: Vec<usize> = src.iter().zip(&h.shape).map(|(&s, &n)| source(s, n as isize, mode)).collect();
                h.get(&at)
            }
        })
        .collect();
    (shape, data)
}

fn nd_cases<T: TestValue>(dev: &Device, fill: T) -> gpu::Result<()> {
    let h = HostNd::new(pattern::<T>(2 * 3 * 4, 3), &[2, 3, 4]);
    let a = Array::from_vec(h.to_vec(), [2, 3, 4])?.to(dev)?;
    let widths = [(1, 2), (0, 4), (5, 1)];
    for mode in ["constant", "edge", "wrap", "reflect", "symmetric"] {
        let m = if mode == "constant" { PadMode::Constant(fill) } else { mode_of(mode) };
        let got = a.pad(&widths, m)?;
        let (shape, want) = host_pad(&h, &widths, mode, fill);
        assert_eq!(got.shape(), shape.as_slice(), "{} {mode}: shape", T::DTYPE);
        assert_eq!(got.to_vec()?, want, "{} {mode}", T::DTYPE);
        // A transposed view as input, one pair for every axis.
        let t = a.transpose(&[2, 0, 1])?;
        let ht = h.permute(&[2, 0, 1]);
        let (shape, want) = host_pad(&ht, &[(2, 3); 3], mode, fill);
        let got = t.pad(&[(2, 3)], m)?;
        assert_eq!(got.shape(), shape.as_slice());
        assert_eq!(got.to_vec()?, want, "{} {mode} of a transposed view", T::DTYPE);
        assert_eq!(a.pad(&[(0, 0)], m)?.to_vec()?, h.to_vec(), "zero widths");
    }
    Ok(())
}

backend_tests! {
    fn matches_numpy_in_one_dimension(dev) {
        let a = Array::from_vec(vec![1i32, 2, 3], [3])?.to(dev)?;
        // np.pad([1, 2, 3], (5, 6), mode), printed by NumPy 2.4.
        let numpy = [
            (PadMode::Reflect, vec![2, 1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 2, 1]),
            (PadMode::Symmetric, vec![2, 3, 3, 2, 1, 1, 2, 3, 3, 2, 1, 1, 2, 3]),
            (PadMode::Wrap, vec![2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3]),
            (PadMode::Edge, vec![1, 1, 1, 1, 1, 1, 2, 3, 3, 3, 3, 3, 3, 3]),
            (PadMode::Constant(-7), vec![-7, -7, -7, -7, -7, 1, 2, 3, -7, -7, -7, -7, -7, -7]),
        ];
        for (mode, want) in numpy {
            assert_eq!(a.pad(&[(5, 6)], mode)?.to_vec()?, want, "{mode:?}");
        }
        let one = Array::from_vec(vec![5i32], [1])?.to(dev)?;
        assert_eq!(one.pad(&[(2, 2)], PadMode::Reflect)?.to_vec()?, vec![5; 5]);
        assert_eq!(one.pad(&[(2, 2)], PadMode::Symmetric)?.to_vec()?, vec![5; 5]);
        let two = Array::from_vec(vec![1i32, 2], [2])?.to(dev)?;
        assert_eq!(two.pad(&[(5, 5)], PadMode::Reflect)?.to_vec()?, vec![2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]);
        // The host reference agrees with NumPy on these too.
        for (i, w) in [2, 1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 2, 1].iter().enumerate() {
            assert_eq!(source(i as isize - 5, 3, "reflect") as i32 + 1, *w);
        }
        Ok(())
    }

    fn pads_every_axis_and_dtype(dev) {
        nd_cases::<i32>(dev, -1)?;
        nd_cases::<u32>(dev, 7)?;
        nd_cases::<f32>(dev, 0.5)?;
        if dev.supports(DType::F64) {
            nd_cases::<f64>(dev, 2.0)?;
        }
        let m = Array::<bool>::full([2, 2], true, dev)?;
        assert_eq!(m.pad(&[(1, 0)], PadMode::Constant(false))?.to_vec()?, vec![false, false, false, false, true, true, false, true, true]);
        Ok(())
    }

    fn empty_axes_and_errors(dev) {
        let e = Array::<f32>::zeros([0, 3], dev)?;
        let c = e.pad(&[(1, 1), (0, 0)], PadMode::Constant(4.0))?;
        assert_eq!(c.shape(), &[2, 3]);
        assert_eq!(c.to_vec()?, vec![4.0; 6]);
        assert!(matches!(e.pad(&[(1, 0), (0, 0)], PadMode::Edge), Err(Error::InvalidArgument { op: "pad", .. })));
        assert_eq!(e.pad(&[(0, 0), (1, 1)], PadMode::Edge)?.shape(), &[0, 5], "an empty array with borders on a full axis");
        let a = Array::<f32>::zeros([2, 3, 4], dev)?;
        assert!(matches!(a.pad(&[(1, 1), (1, 1)], PadMode::Wrap), Err(Error::InvalidArgument { op: "pad", .. })));
        Ok(())
    }

    fn meshgrids(dev) {
        let x = Array::from_vec(vec![1i32, 2, 3], [3])?.to(dev)?;
        let y = Array::from_vec(vec![10i32, 20], [2])?.to(dev)?;
        let z = Array::from_vec(vec![100i32, 200, 300, 400], [2, 2])?.to(dev)?; // flattened
        for indexing in [Indexing::Xy, Indexing::Ij] {
            let g = gpu::meshgrid(&[&x, &y, &z], indexing)?;
            let shape = if indexing == Indexing::Xy { [2, 3, 4] } else { [3, 2, 4] };
            let lens = [3, 2, 4];
            let axis = |i: usize| if indexing == Indexing::Xy && i < 2 { 1 - i } else { i };
            let inputs = [x.to_vec()?, y.to_vec()?, z.to_vec()?];
            for (i, grid) in g.iter().enumerate() {
                assert_eq!(grid.shape(), &shape, "{indexing:?} grid {i}");
                let want: Vec<i32> = HostNd::<i32>::indices(&shape).iter().map(|idx| inputs[i][idx[axis(i)]]).collect();
                assert_eq!(grid.contiguous()?.to_vec()?, want, "{indexing:?} grid {i}");
                assert_eq!(grid.shape()[axis(i)], lens[i]);
            }
        }
        let single = gpu::meshgrid(&[&x], Indexing::Xy)?;
        assert_eq!(single[0].to_vec()?, vec![1, 2, 3]);
        assert!(gpu::meshgrid::<i32>(&[], Indexing::Ij)?.is_empty());
        if dev.kind() != gpu::DeviceKind::Cpu {
            let h = Array::from_vec(vec![1i32], [1])?;
            assert!(matches!(gpu::meshgrid(&[&x, &h], Indexing::Xy), Err(Error::DeviceMismatch { .. })));
        }
        Ok(())
    }
}
