//! `assign_view` / `fill_view` (NumPy's `a[index] = v`) on every backend: slices with
//! positive and negative steps, transposed, diagonal, flipped, reshaped, 0-d and empty
//! views, broadcast values, a view repeating elements (last write wins), random view
//! chains, copy-on-write, non-contiguous arrays, nothing moved to or from the host, and
//! the errors. The reference writes at the flat positions the same view selects from
//! an array of positions `0..len` on the CPU device.

#[macro_use]
mod common;

use common::{pattern, TestValue};
use gpu::{Array, DType, Device, Error};

/// `base` with `values` (broadcast to the view's shape) written where `view` points.
fn reference<T: TestValue>(
    base: &[T],
    shape: &[usize],
    view: &dyn Fn(&Array<u32>) -> gpu::Result<Array<u32>>,
    values: &Array<T>,
) -> gpu::Result<Vec<T>> {
    let positions = view(&Array::from_vec((0..base.len() as u32).collect(), shape)?)?;
    let vals = values.to(&Device::cpu())?.broadcast_to(positions.shape())?.to_vec()?;
    let mut out = base.to_vec();
    for (p, v) in positions.to_vec()?.into_iter().zip(vals) {
        out[p as usize] = v;
    }
    Ok(out)
}

/// Assigns through `view` on `dev` and checks against the reference; the same view
/// closure is applied to the positions array, so it is written once per case.
macro_rules! check_view {
    ($dev:expr, $shape:expr, $vshape:expr, $what:expr, |$x:ident| $body:expr) => {{
        let shape: &[usize] = &$shape;
        let n: usize = shape.iter().product();
        let base: Vec<i32> = pattern(n, 1);
        let vals: Vec<i32> = (0..$vshape.iter().product::<usize>()).map(|i| 100 + i as i32).collect();
        let values = Array::from_vec(vals, $vshape.to_vec())?.to($dev)?;
        let mut a = Array::from_vec(base.clone(), shape)?.to($dev)?;
        a.assign_view(|$x| $body, &values)?;
        let want = reference(&base, shape, &|$x| $body, &values)?;
        assert_eq!(a.to_vec()?, want, "{}", $what);
        assert_eq!(a.shape(), shape, "{}: shape kept", $what);
    }};
}

/// A tiny deterministic generator for the random view chains.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// One random view step on an array of `shape`: a slice (any step sign), a
/// transposition, an index along an axis, or a flip.
#[derive(Debug, Clone)]
enum Step {
    Slice(isize, Option<isize>, Option<isize>, isize),
    Transpose(Vec<isize>),
    Index(isize, isize),
    Flip(isize),
}

impl Step {
    fn random(rng: &mut Rng, shape: &[usize]) -> Step {
        let nd = shape.len();
        let axis = rng.below(nd);
        let n = shape[axis] as isize;
        match rng.below(if nd > 1 { 4 } else { 3 }) {
            0 => {
                let step = [1, 2, 3, -1, -2][rng.below(5)];
                let start = Some(rng.below(n as usize + 1) as isize - n / 2);
                let end = if rng.below(3) == 0 { None } else { Some(rng.below(n as usize + 1) as isize) };
                Step::Slice(axis as isize, start, end, step)
            }
            1 => Step::Flip(axis as isize),
            2 if n > 0 && nd > 1 => {
                Step::Index(axis as isize, rng.below(n as usize) as isize - (n / 2) * (rng.below(2) as isize))
            }
            _ => {
                let mut perm: Vec<isize> = (0..nd as isize).collect();
                for i in (1..nd).rev() {
                    perm.swap(i, rng.below(i + 1));
                }
                Step::Transpose(perm)
            }
        }
    }

    fn apply<T: gpu::Scalar>(&self, a: &Array<T>) -> gpu::Result<Array<T>> {
        match self {
            Step::Slice(axis, s, e, step) => a.slice(*axis, *s, *e, *step),
            Step::Transpose(p) => a.transpose(p),
            Step::Index(axis, i) => a.index_axis(*axis, *i),
            Step::Flip(axis) => a.flip(*axis),
        }
    }
}

fn chain<T: gpu::Scalar>(steps: &[Step], a: &Array<T>) -> gpu::Result<Array<T>> {
    steps.iter().try_fold(a.clone(), |v, s| s.apply(&v))
}

backend_tests! {
    fn assigns_through_views(dev) {
        check_view!(dev, [4, 5, 6], [2, 5, 6], "a[1:3]", |x| x.slice(0, Some(1), Some(3), 1));
        check_view!(dev, [4, 5, 6], [1, 6], "a[1:3] = row (broadcast)", |x| x.slice(0, Some(1), Some(3), 1));
        check_view!(dev, [4, 5, 6], [3], "a[:, :, ::-2]", |x| x.slice(2, None, None, -2));
        check_view!(dev, [4, 5, 6], [6, 2, 4], "a.T[:, 1:5:2]", |x| x.transpose(&[2, 1, 0])?.slice(1, Some(1), Some(5), 2));
        check_view!(dev, [4, 5, 6], [4, 6], "a[:, -1]", |x| x.index_axis(1, -1));
        check_view!(dev, [4, 5, 6], [5, 4], "diagonal of axes 0 and 2", |x| x.diagonal(0, 0, 2));
        check_view!(dev, [4, 5, 6], [4, 5, 6], "flip(1)", |x| x.flip(1));
        check_view!(dev, [4, 5, 6], [3, 6], "reshape view then slice", |x| x.reshape([20, 6])?.slice(0, Some(3), Some(9), 2));
        check_view!(dev, [4, 5, 6], [], "one element (0-d view)", |x| x.index_axis(0, 1)?.index_axis(0, 2)?.index_axis(0, 3));
        check_view!(dev, [4, 5, 6], [1], "empty view", |x| x.slice(0, Some(2), Some(2), 1));
        // A view repeating one row three times: the last write wins, as in NumPy.
        check_view!(dev, [4, 5, 6], [3, 1, 5, 6], "broadcast view", |x| x.slice(0, Some(2), Some(3), 1)?.broadcast_to([3, 1, 5, 6]));
        Ok(())
    }

    fn random_view_chains(dev) {
        let mut rng = Rng(0x5EED_1234);
        for case in 0..60 {
            let shape: Vec<usize> = (0..1 + rng.below(3)).map(|_| 1 + rng.below(5)).collect();
            let mut steps = Vec::new();
            let mut probe = Array::<i32>::zeros(shape.clone(), &Device::cpu())?;
            for _ in 0..1 + rng.below(3) {
                if probe.ndim() == 0 {
                    break;
                }
                let s = Step::random(&mut rng, probe.shape());
                probe = s.apply(&probe)?;
                steps.push(s);
            }
            let vshape = probe.shape().to_vec();
            check_view!(dev, shape.clone(), vshape, format!("case {case}: {shape:?} {steps:?}"), |x| chain(&steps, x));
        }
        Ok(())
    }

    fn fills_every_dtype(dev) {
        let mut f = Array::<f32>::zeros([3, 3], dev)?;
        f.fill_view(|x| x.diagonal(0, 0, 1), 2.5)?;
        assert_eq!(f.to_vec()?, vec![2.5, 0.0, 0.0, 0.0, 2.5, 0.0, 0.0, 0.0, 2.5]);
        let mut u = Array::<u32>::zeros([2, 4], dev)?;
        u.fill_view(|x| x.slice(1, None, None, 3), u32::MAX)?;
        assert_eq!(u.to_vec()?, vec![u32::MAX, 0, 0, u32::MAX, u32::MAX, 0, 0, u32::MAX]);
        let mut m = Array::<bool>::full([2, 3], false, dev)?;
        m.fill_view(|x| x.index_axis(1, 1), true)?;
        assert_eq!(m.to_vec()?, vec![false, true, false, false, true, false]);
        if dev.supports(DType::F64) {
            let mut d = Array::<f64>::zeros([4], dev)?;
            d.assign_view(|x| x.slice(0, None, None, -1), &Array::from_vec(vec![1.0, 2.0, 3.0, 4.0], [4])?.to(dev)?)?;
            assert_eq!(d.to_vec()?, vec![4.0, 3.0, 2.0, 1.0]);
        }
        Ok(())
    }

    fn copy_on_write_and_views_as_targets(dev) {
        let a = Array::from_vec((0..6).collect::<Vec<i32>>(), [2, 3])?.to(dev)?;
        let mut b = a.clone();
        b.fill_view(|x| x.index_axis(0, 0), -1)?;
        assert_eq!(a.to_vec()?, vec![0, 1, 2, 3, 4, 5], "the other handle keeps its values");
        assert_eq!(b.to_vec()?, vec![-1, -1, -1, 3, 4, 5]);
        // A transposed view as the target: it becomes a contiguous copy of itself first.
        let mut t = a.t();
        t.fill_view(|x| x.index_axis(0, 2), 9)?;
        assert_eq!(t.shape(), &[3, 2]);
        assert_eq!(t.to_vec()?, vec![0, 3, 1, 4, 9, 9]);
        assert_eq!(a.to_vec()?, vec![0, 1, 2, 3, 4, 5], "the base is untouched");
        Ok(())
    }

    fn assignment_errors(dev) {
        let mut a = Array::<i32>::zeros([3, 4], dev)?;
        let other = Array::<i32>::zeros([4, 3], dev)?;
        let two = Array::<i32>::zeros([2], dev)?;
        assert!(matches!(a.assign_view(|x| x.t().contiguous(), &two), Err(Error::InvalidArgument { op: "assign_view", .. })));
        assert!(matches!(a.assign_view(|_| Ok(other.clone()), &two), Err(Error::InvalidArgument { op: "assign_view", .. })));
        assert!(matches!(a.assign_view(|x| x.index_axis(0, 0), &two), Err(Error::BroadcastTo { .. })));
        assert!(matches!(a.fill_view(|x| x.index_axis(0, 5), 1), Err(Error::IndexOutOfBounds { .. })));
        if dev.kind() != gpu::DeviceKind::Cpu {
            let host = Array::<i32>::zeros([4], &Device::cpu())?;
            assert!(matches!(a.assign_view(|x| x.index_axis(0, 0), &host), Err(Error::DeviceMismatch { .. })));
        }
        assert_eq!(a.to_vec()?, vec![0; 12], "failed assignments write nothing");
        Ok(())
    }
}
