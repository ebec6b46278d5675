//! The multiprocessing shared-memory example in Rust: scale a large array by 2.0 in
//! place, in four slices — and what "in place" means for `gpu` arrays.
//!
//! In Python, four processes write their quarter of one shared buffer. `gpu` arrays
//! have value semantics instead: clones and slices are views that share storage, and a
//! write through one handle is never seen through another (copy-on-write). So:
//! - `a *= 2.0` on an array that owns its buffer alone updates it in place — no new
//!   buffer (the device's allocation counters prove it);
//! - `q *= 2.0` on a slice `q` of `a` gives `q` its own scaled copy of that quarter
//!   and leaves `a` untouched — no data race is possible, at the price of a copy.
//!
//! ```text
//! GPU_DEVICE=wgpu cargo run --release --example scale_inplace
//! cargo run --release --example scale_inplace -- 1000
//! ```

mod common;

use common::{mb, show, speedup, time, verdict};
use gpu::{Array, Device, Float};

fn main() -> gpu::Result<()> {
    let n = common::size_arg(10_000_000).max(4);
    let dev = common::device()?;
    if common::use_f64(&dev) {
        run::<f64>(&dev, n)
    } else {
        run::<f32>(&dev, n)
    }
}

/// New device buffers handed out since `before` (fresh allocations and pool reuse).
fn new_buffers(dev: &Device, before: gpu::Stats) -> u64 {
    let now = dev.stats();
    (now.allocations - before.allocations) + (now.pool_hits - before.pool_hits)
}

/// `arange`'s element `i`: computed in f64, rounded to `T`.
fn exact<T: Float>(i: usize) -> f64 {
    T::from_f64(i as f64).to_f64()
}

/// Elements `0..count` of `a` as f64.
fn head<T: Float>(a: &Array<T>, count: usize) -> gpu::Result<Vec<f64>> {
    let end = count.min(a.len()) as isize;
    Ok(a.slice(0, Some(0), Some(end), 1)?.to_vec()?.into_iter().map(|v| v.to_f64()).collect())
}

/// Largest |got - want| / max(|want|, 1) over the whole array, where element `i`
/// should be `f(i)`.
fn worst<T: Float>(a: &Array<T>, f: impl Fn(usize) -> f64) -> gpu::Result<f64> {
    let v = a.to_vec()?;
    Ok(v.iter().enumerate().map(|(i, x)| (x.to_f64() - f(i)).abs() / f(i).abs().max(1.0)).fold(0.0, f64::max))
}

fn run<T: Float>(dev: &Device, n: usize) -> gpu::Result<()> {
    println!("scale 0..{n} by 2.0 in place, {} ({:.1} MB)", T::DTYPE, mb(n, T::DTYPE));
    let k = dev.kind();
    let arange = |d: &Device| Array::<T>::arange(T::ZERO, T::from_f64(n as f64), T::ONE, d);

    // Timing: five in-place scalings of a scratch array after a first call (the values
    // grow by 2 each time, exactly).
    let mut scratch = arange(dev)?;
    let (t_dev, ()) = time(5, || {
        scratch.mul_scalar_assign_(T::from_f64(2.0))?;
        dev.synchronize()
    })?;
    show(&format!("a *= 2.0 on {k} (whole array)"), &t_dev);
    let mut c = arange(&Device::cpu())?;
    let (t_cpu, ()) = time(5, || c.mul_scalar_assign_(T::from_f64(2.0)))?;
    show("a *= 2.0 on cpu backend (whole array)", &t_cpu);
    speedup(&format!("of {k} over the cpu backend"), &t_cpu, &t_dev);
    drop((scratch, c));

    // 1. The whole array, owned by one handle: written in place.
    let mut a = arange(dev)?;
    dev.synchronize()?;
    let before = dev.stats();
    a *= T::from_f64(2.0);
    dev.synchronize()?;
    let buffers = new_buffers(dev, before);
    let what = if buffers == 0 { "updated in place" } else { "copied" };
    println!("a *= 2.0 on the whole array: {buffers} new device buffer(s) ({what}); first elements {:?}", head(&a, 4)?);
    let whole = worst(&a, |i| 2.0 * exact::<T>(i))?;

    // 2. Four slices of one array: views sharing its storage.
    println!("four slices of a (views sharing a's storage), each scaled with mul_scalar_assign_(2.0):");
    let quarter = n.div_ceil(4);
    let mut quarters = Vec::new();
    for q in 0..4 {
        let (start, end) = ((q * quarter).min(n), ((q + 1) * quarter).min(n));
        quarters.push((start, a.slice(0, Some(start as isize), Some(end as isize), 1)?));
    }
    let mut slices = 0.0f64;
    for (q, (start, view)) in quarters.iter_mut().enumerate() {
        let before = dev.stats();
        let (t, ()) = time(0, || {
            view.mul_scalar_assign_(T::from_f64(2.0))?;
            dev.synchronize()
        })?;
        let buffers = new_buffers(dev, before);
        let what =
            if buffers == 0 { "in place" } else { "copy-on-write: storage shared, the slice got its own buffer" };
        println!(
            "  quarter {q} [{start}..{}): {:.3} ms (one run), {buffers} new buffer(s) ({what}); first elements {:?}",
            *start + view.len(),
            t.first,
            head(view, 3)?
        );
        let s = *start;
        slices = slices.max(worst(view, |i| 4.0 * exact::<T>(s + i))?);
    }
    println!("  a itself is unchanged by the slice writes: first elements {:?}", head(&a, 4)?);
    let untouched = worst(&a, |i| 2.0 * exact::<T>(i))?;

    verdict(
        &[
            ("whole array: a[i] == 2 i", whole),
            ("each quarter: q[i] == 4 (start + i)", slices),
            ("a unchanged by writes through slices", untouched),
        ],
        0.0,
    );
    Ok(())
}
