//! The plan cache: what an FFT of one length needs besides its data — the Stockham
//! twiddle table, Bluestein's chirp and the transform of its kernel — computed once per
//! (device, dtype, length) and kept on the device, as cuFFT's plans are in CuPy's plan
//! cache. A repeated transform then launches only its steps and, for Bluestein
//! lengths, uploads nothing.
//!
//! The cache is process-wide and least-recently-used, [`DEFAULT_PLAN_CACHE_SIZE`] plans
//! by default. Its arrays hold device memory (counted in
//! [`Stats::bytes_in_use`](crate::Stats::bytes_in_use)) and keep their device open until
//! they are evicted or [`clear_plan_cache`] is called.

use std::any::Any;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard};

use crate::device::Device;
use crate::dtype::DType;
use crate::error::Result;

/// Plans kept by default (CuPy's default plan cache size).
pub const DEFAULT_PLAN_CACHE_SIZE: usize = 16;

/// What a plan holds.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Kind {
    /// The Stockham twiddle table of a length.
    Twiddles,
    /// Bluestein's chirp and the transform of its kernel padded to `m`.
    Chirp { m: usize },
    /// The half-twiddles of a real transform by a complex one of half the length.
    RealTwiddles,
}

struct Plan {
    device: Device,
    dtype: DType,
    n: usize,
    kind: Kind,
    value: Arc<dyn Any + Send + Sync>,
}

struct Cache {
    /// Most recently used first.
    plans: VecDeque<Plan>,
    capacity: usize,
}

static CACHE: Mutex<Cache> = Mutex::new(Cache { plans: VecDeque::new(), capacity: DEFAULT_PLAN_CACHE_SIZE });

/// The cache (a panic while it was held leaves it consistent: every update is one call).
fn cache() -> MutexGuard<'static, Cache> {
    CACHE.lock().unwrap_or_else(|p| p.into_inner())
}

/// The plan of `kind` for `(device, dtype, n)`, made by `make` on a miss (outside the
/// lock: making one runs kernels, and may itself need other plans).
pub(super) fn cached<V: Clone + Send + Sync + 'static>(
    device: &Device,
    dtype: DType,
    n: usize,
    kind: Kind,
    make: impl FnOnce() -> Result<V>,
) -> Result<V> {
    {
        let mut c = cache();
        let hit = c.plans.iter().position(|p| p.kind == kind && p.n == n && p.dtype == dtype && &p.device == device);
        if let Some(plan) = hit.and_then(|at| c.plans.remove(at)) {
            let value = plan.value.downcast_ref::<V>().cloned();
            c.plans.push_front(plan);
            if let Some(v) = value {
                return Ok(v);
            }
        }
    }
    let value = make()?;
    let mut c = cache();
    if c.capacity > 0 {
        let plan = Plan { device: device.clone(), dtype, n, kind, value: Arc::new(value.clone()) };
        c.plans.retain(|p| !(p.kind == kind && p.n == n && p.dtype == dtype && &p.device == device));
        c.plans.push_front(plan);
        let keep = c.capacity;
        c.plans.truncate(keep);
    }
    Ok(value)
}

/// Drops every cached FFT plan (CuPy's `get_plan_cache().clear()`), releasing its
/// device memory to the pools — call [`Device::trim`] to return it to the device.
///
/// ```
/// use gpu::{fft, Array, Device};
///
/// let dev = Device::cpu();
/// let x = Array::<f32>::arange(0.0, 1000.0, 1.0, &dev)?;
/// let _ = fft::fft(&x, None, -1)?; // makes the plan of length 1000
/// assert_eq!(fft::plan_cache_len(), 1);
/// fft::clear_plan_cache();
/// assert_eq!(fft::plan_cache_len(), 0);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn clear_plan_cache() {
    cache().plans.clear();
}

/// Sets how many plans the cache keeps (CuPy's `set_size`), evicting the least recently
/// used beyond it; 0 turns caching off.
pub fn set_plan_cache_size(plans: usize) {
    let mut c = cache();
    c.capacity = plans;
    c.plans.truncate(plans);
}

/// How many plans the cache holds now.
pub fn plan_cache_len() -> usize {
    cache().plans.len()
}

#[cfg(test)]
mod tests {
    use super::{cached, Kind, DEFAULT_PLAN_CACHE_SIZE};
    use crate::device::Device;
    use crate::dtype::DType;

    /// Looks up plan `n` (lengths no FFT uses, so other tests cannot collide), saying
    /// whether it had to be made.
    fn made(dev: &Device, n: usize) -> bool {
        let mut fresh = false;
        let v = cached(dev, DType::F32, n, Kind::Twiddles, || {
            fresh = true;
            Ok(n as u64)
        });
        assert_eq!(v.ok(), Some(n as u64));
        fresh
    }

    #[test]
    fn least_recently_used_plans_are_evicted() {
        let dev = Device::cpu();
        let base = usize::MAX - 1000;
        assert!(made(&dev, base));
        assert!(!made(&dev, base), "a second lookup is served");
        // Fill the cache behind `base`, touching it again halfway: it stays, `base + 1`
        // (the oldest untouched) goes.
        for i in 1..DEFAULT_PLAN_CACHE_SIZE {
            assert!(made(&dev, base + i));
            if i == DEFAULT_PLAN_CACHE_SIZE / 2 {
                assert!(!made(&dev, base));
            }
        }
        assert!(made(&dev, base + DEFAULT_PLAN_CACHE_SIZE));
        assert!(!made(&dev, base), "recently used");
        assert!(made(&dev, base + 1), "least recently used: evicted");
        // Another dtype or kind is another plan.
        let other = cached(&dev, DType::F64, base, Kind::Twiddles, || Ok(7u64));
        assert_eq!(other.ok(), Some(7));
    }
}
