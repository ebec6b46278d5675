//! Host buffer pool by size class.
//!
//! A fresh 40 MB output costs ~13 ms of page faults on this machine class, three to
//! four times the arithmetic of an elementwise op (see BASELINES.md). Large buffers are
//! therefore recycled: when an array is dropped its buffer returns here, and the next
//! allocation of the same size class reuses it, already faulted in. Buffers keep their
//! old contents; every kernel that takes one overwrites the part it uses.

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::Mutex;

use crate::dtype::{DType, HostVec};
use crate::error::{Error, Result};
use crate::info::Counters;

/// Buffers smaller than this are not pooled. Above it, reuse saves more than page
/// faults: a fresh buffer comes zeroed (`calloc` memsets heap-served sizes), which cost
/// a quarter of a 30k-element `a*b+c`; a pool hit costs one uncontended lock.
const MIN_POOLED_BYTES: usize = 16 * 1024;

/// Default cap on bytes held idle; `GPU_CPU_POOL_BYTES` overrides it.
const DEFAULT_LIMIT_BYTES: u64 = 4 << 30;

/// Rounds `len` elements up to its size class: 8 classes per power of two above the
/// pooling threshold (at most 12.5% waste), exact below it.
pub(crate) fn size_class(len: usize, elem_bytes: usize) -> usize {
    if len.saturating_mul(elem_bytes) < MIN_POOLED_BYTES || len > isize::MAX as usize / 2 {
        return len;
    }
    let bits = usize::BITS - len.leading_zeros(); // len < 2^bits
    let step = 1usize << (bits.saturating_sub(4)); // 8 steps between 2^(bits-1) and 2^bits
    len.div_ceil(step) * step
}

/// Idle host buffers keyed by (dtype, class length).
pub(crate) struct SizeClassPool {
    free: Mutex<HashMap<(DType, usize), Vec<HostVec>>>,
    limit: u64,
}

impl SizeClassPool {
    pub(crate) fn new() -> SizeClassPool {
        let limit =
            std::env::var("GPU_CPU_POOL_BYTES").ok().and_then(|v| v.trim().parse().ok()).unwrap_or(DEFAULT_LIMIT_BYTES);
        SizeClassPool { free: Mutex::new(HashMap::new()), limit }
    }

    /// A buffer of at least `len` elements (exactly its size class), contents arbitrary.
    pub(crate) fn take(&self, dtype: DType, len: usize, counters: &Counters) -> Result<HostVec> {
        let class = size_class(len, dtype.size_of());
        if len.saturating_mul(dtype.size_of()) >= MIN_POOLED_BYTES {
            let reused = self.free.lock().ok().and_then(|mut m| m.get_mut(&(dtype, class)).and_then(Vec::pop));
            if let Some(buf) = reused {
                counters.pool_hits.fetch_add(1, Ordering::Relaxed);
                counters.pool_bytes.fetch_sub((class * dtype.size_of()) as u64, Ordering::Relaxed);
                return Ok(buf);
            }
            counters.pool_misses.fetch_add(1, Ordering::Relaxed);
        }
        counters.allocations.fetch_add(1, Ordering::Relaxed);
        zeroed(dtype, class)
    }

    /// Returns a buffer for reuse, if it is a pooled size class and the pool has room.
    pub(crate) fn give(&self, buf: HostVec, counters: &Counters) {
        let (dtype, len) = (buf.dtype(), buf.len());
        let bytes = (len * dtype.size_of()) as u64;
        if bytes < MIN_POOLED_BYTES as u64 || size_class(len, dtype.size_of()) != len {
            return;
        }
        let held = counters.pool_bytes.load(Ordering::Relaxed);
        if held + bytes > self.limit {
            return;
        }
        if let Ok(mut m) = self.free.lock() {
            m.entry((dtype, len)).or_default().push(buf);
            counters.pool_bytes.fetch_add(bytes, Ordering::Relaxed);
        }
    }

    /// Frees every idle buffer.
    pub(crate) fn trim(&self, counters: &Counters) {
        if let Ok(mut m) = self.free.lock() {
            m.clear();
            counters.pool_bytes.store(0, Ordering::Relaxed);
        }
    }
}

/// A zero-filled buffer (see [`HostVec::try_zeroed`]).
pub(crate) fn zeroed(dtype: DType, len: usize) -> Result<HostVec> {
    HostVec::try_zeroed(dtype, len, "cpu")
}

/// `len` copies of `value` in a new vector, or [`Error::OutOfMemory`] when the host
/// cannot provide it (a plain `vec!` would abort the process instead).
pub(crate) fn try_filled<T: Clone>(len: usize, value: T) -> Result<Vec<T>> {
    let mut v = try_with_capacity(len)?;
    v.resize(len, value);
    Ok(v)
}

/// An empty vector with room for `len` values, or `OutOfMemory`.
pub(crate) fn try_with_capacity<T>(len: usize) -> Result<Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(len).map_err(|_| oom(len.saturating_mul(std::mem::size_of::<T>())))?;
    Ok(v)
}

fn oom(bytes: usize) -> Error {
    Error::OutOfMemory { requested: bytes as u64, device: "cpu".into() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_round_up_by_at_most_an_eighth() {
        for len in [70_000usize, 1 << 20, (1 << 20) + 1, 10_000_000, 123_456_789] {
            let c = size_class(len, 4);
            assert!(c >= len && (c - len) * 8 <= len, "{len} -> {c}");
            assert_eq!(size_class(c, 4), c, "a class is its own class");
        }
        assert_eq!(size_class(100, 4), 100);
    }
}
