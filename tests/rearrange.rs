//! `roll`, `flip`, `diff`, `nonzero` and `argwhere` on every backend against host
//! references built index by index (`HostNd`): every axis of 1-, 2- and 3-D arrays,
//! shifts past the length and negative ones, views as inputs (transposed, reversed),
//! empty axes, masks of densities 0 / ~½ / 1, and the 0-d rules.

#[macro_use]
mod common;

use common::{pattern, HostNd};
use gpu::{Array, Device, Error};

const SHAPES: &[&[usize]] = &[&[7], &[3, 5], &[2, 3, 4], &[4, 0, 2]];

/// Host `roll` of `h` by `shift` along `ax`.
fn roll_ref(h: &HostNd<i32>, shift: isize, ax: usize) -> Vec<i32> {
    let n = h.shape[ax] as isize;
    HostNd::<i32>::indices(&h.shape)
        .into_iter()
        .map(|mut i| {
            i[ax] = (i[ax] as isize - shift).rem_euclid(n) as usize;
            h.get(&i)
        })
        .collect()
}

fn rolls_and_flips(dev: &Device) -> gpu::Result<()> {
    for (si, shape) in SHAPES.iter().enumerate() {
        let data = pattern::<i32>(shape.iter().product(), si as u64);
        let h = HostNd::new(data.clone(), shape);
        let a = Array::from_vec(data, *shape)?.to(dev)?;
        for ax in 0..shape.len() {
            for shift in [0isize, 1, -1, 3, 11, -13] {
                let got = a.roll(shift, ax as isize)?;
                assert_eq!(got.shape(), *shape);
                if shape[ax] > 0 {
                    assert_eq!(got.to_vec()?, roll_ref(&h, shift, ax), "roll {shift} along {ax} of {shape:?}");
                }
            }
            let want = h.slice(ax, None, None, -1).to_vec();
            assert_eq!(a.flip(ax as isize)?.to_vec()?, want, "flip along {ax} of {shape:?}");
        }
    }
    // Views in: a transposed, reversed 2-D array.
    let a = Array::from_vec(pattern::<i32>(15, 9), [3, 5])?.to(dev)?;
    let v = a.t().flip(0)?;
    let h = HostNd::new(v.to_vec()?, v.shape());
    assert_eq!(v.roll(2, 1)?.to_vec()?, roll_ref(&h, 2, 1), "roll of a view");
    assert!(matches!(a.roll(1, 2), Err(Error::AxisOutOfRange { .. })));
    assert!(matches!(a.flip(-3), Err(Error::AxisOutOfRange { .. })));
    Ok(())
}

fn diffs(dev: &Device) -> gpu::Result<()> {
    for (si, shape) in SHAPES.iter().enumerate() {
        let data = pattern::<i32>(shape.iter().product(), si as u64 + 5);
        let h = HostNd::new(data.clone(), shape);
        let a = Array::from_vec(data, *shape)?.to(dev)?;
        for ax in 0..shape.len() {
            let mut out_shape = shape.to_vec();
            out_shape[ax] = shape[ax].saturating_sub(1);
            let want: Vec<i32> = HostNd::<i32>::indices(&out_shape)
                .into_iter()
                .map(|i| {
                    let mut j = i.clone();
                    j[ax] += 1;
                    h.get(&j).wrapping_sub(h.get(&i))
                })
                .collect();
            let got = a.diff(ax as isize)?;
            assert_eq!(got.shape(), &out_shape[..]);
            assert_eq!(got.to_vec()?, want, "diff along {ax} of {shape:?}");
        }
    }
    // Floats: differences of a cumsum give the input back (within rounding).
    let x = gpu::random::uniform::<f32>([1000], -1.0, 1.0, 3, dev)?;
    let back = x.cumsum(0)?.diff(0)?.to_vec()?;
    let want = x.slice(0, Some(1), None, 1)?.to_vec()?;
    for (i, (g, w)) in back.iter().zip(&want).enumerate() {
        // cumsum's running value reaches ~|Σ| ≤ 1000; f32 rounding of two such values.
        assert!((g - w).abs() <= 2.0 * 1000.0 * f32::EPSILON, "diff of cumsum, element {i}: {g} vs {w}");
    }
    Ok(())
}

fn nonzeros(dev: &Device) -> gpu::Result<()> {
    for (si, shape) in SHAPES.iter().enumerate() {
        let n: usize = shape.iter().product();
        for density in [0u64, 2, 1] {
            // density 0: none; 1: all; 2: about half.
            let mask: Vec<bool> = pattern::<u32>(n, si as u64 + density)
                .iter()
                .map(|v| match density {
                    0 => false,
                    1 => true,
                    _ => v % 2 == 0,
                })
                .collect();
            let want: Vec<Vec<usize>> =
                HostNd::<bool>::indices(shape).into_iter().zip(&mask).filter(|&(_, &m)| m).map(|(i, _)| i).collect();
            let m = Array::from_vec(mask, *shape)?.to(dev)?;
            let got = m.nonzero()?;
            assert_eq!(got.len(), shape.len());
            for (d, coords) in got.iter().enumerate() {
                let w: Vec<u32> = want.iter().map(|i| i[d] as u32).collect();
                assert_eq!(coords.to_vec()?, w, "nonzero dimension {d} of {shape:?}");
            }
            let rows = m.argwhere()?;
            assert_eq!(rows.shape(), &[want.len(), shape.len()]);
            let w: Vec<u32> = want.iter().flatten().map(|&c| c as u32).collect();
            assert_eq!(rows.to_vec()?, w, "argwhere of {shape:?}");
        }
    }
    // A transposed mask ([[T, T], [F, T], [F, F]]): coordinates in its own row-major order.
    let m = Array::from_vec(vec![true, false, false, true, true, false], [2, 3])?.to(dev)?.t();
    let ix = m.nonzero()?;
    assert_eq!((ix[0].to_vec()?, ix[1].to_vec()?), (vec![0, 0, 1], vec![0, 1, 1]));
    // 0-d: nonzero refuses, argwhere follows NumPy.
    let t = Array::full([], true, dev)?;
    assert!(matches!(t.nonzero(), Err(Error::InvalidArgument { .. })));
    assert_eq!(t.argwhere()?.shape(), &[1, 0]);
    assert_eq!(Array::full([], false, dev)?.argwhere()?.shape(), &[0, 0]);
    Ok(())
}

backend_tests! {
    fn roll_and_flip(dev) { rolls_and_flips(dev) }
    fn diff(dev) { diffs(dev) }
    fn nonzero_and_argwhere(dev) { nonzeros(dev) }
}
