//! Device memory: a caching allocator by size class (as CuPy's `MemoryPool`) and the
//! storage type arrays hold.
//!
//! A dropped buffer goes back to its size class instead of to the driver; the next
//! allocation of that class reuses it without a driver call. Reuse is safe without any
//! synchronisation because every kernel and copy of a device runs on its one stream:
//! work queued after the reuse runs after all work queued on the old contents. A failed
//! allocation empties the pool (`trim`), waits for the stream, and retries once before
//! reporting [`Error::OutOfMemory`].

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};

use cudarc::driver::{sys, CudaSlice, CudaStream, DevicePtr, DriverError};

use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::info::Counters;

/// Smallest block handed out (also the alignment granule of offsets into a block).
const MIN_CLASS: usize = 512;
/// Below this, classes are powers of two; above, eight classes per power of two.
const FINE_CLASSES_FROM: usize = 1 << 20;

/// The size class of a request of `bytes`: powers of two from 512 B to 1 MiB (little
/// memory, few classes, high reuse), then 8 steps per octave (at most 12.5% waste).
pub(super) fn size_class(bytes: usize) -> usize {
    if bytes <= MIN_CLASS {
        return MIN_CLASS;
    }
    if bytes <= FINE_CLASSES_FROM {
        return bytes.next_power_of_two();
    }
    let bits = usize::BITS - bytes.leading_zeros(); // bytes < 2^bits
    let step = 1usize << (bits - 4);
    bytes.div_ceil(step) * step
}

/// Idle device blocks by size class, plus the device's counters.
pub(crate) struct DevicePool {
    pub(super) counters: Counters,
    free: Mutex<HashMap<usize, Vec<CudaSlice<u8>>>>,
    stream: Arc<CudaStream>,
    device: String,
}

impl DevicePool {
    pub(super) fn new(stream: Arc<CudaStream>, device: String) -> DevicePool {
        DevicePool { counters: Counters::default(), free: Mutex::new(HashMap::new()), stream, device }
    }

    /// A block of at least `bytes` (exactly its size class), contents undefined.
    pub(super) fn alloc(self: &Arc<Self>, bytes: usize) -> Result<DeviceBuffer> {
        let class = size_class(bytes);
        let reused = self.free.lock().unwrap_or_else(|p| p.into_inner()).get_mut(&class).and_then(Vec::pop);
        let c = &self.counters;
        let slice = match reused {
            Some(s) => {
                c.pool_hits.fetch_add(1, Ordering::Relaxed);
                c.pool_bytes.fetch_sub(class as u64, Ordering::Relaxed);
                s
            }
            None => {
                c.pool_misses.fetch_add(1, Ordering::Relaxed);
                let s = match self.fresh(class) {
                    Err(e) if e.0 == sys::CUresult::CUDA_ERROR_OUT_OF_MEMORY => {
                        // Give every idle block back to the driver, let queued frees
                        // complete, and try once more.
                        self.trim();
                        let _ = self.stream.synchronize();
                        self.fresh(class)
                    }
                    r => r,
                };
                let s = s.map_err(|e| match e.0 {
                    sys::CUresult::CUDA_ERROR_OUT_OF_MEMORY => {
                        Error::OutOfMemory { requested: bytes as u64, device: self.device.clone() }
                    }
                    _ => Error::Backend { device: self.device.clone(), message: format!("cuMemAlloc: {e}") },
                })?;
                c.allocations.fetch_add(1, Ordering::Relaxed);
                s
            }
        };
        c.bytes_in_use.fetch_add(class as u64, Ordering::Relaxed);
        Ok(DeviceBuffer { slice: Some(slice), class, pool: self.clone() })
    }

    fn fresh(&self, class: usize) -> std::result::Result<CudaSlice<u8>, DriverError> {
        // SAFETY: the block is uninitialised; every user writes the part it uses before
        // reading it (kernels write whole outputs, uploads copy whole ranges).
        unsafe { self.stream.alloc::<u8>(class) }
    }

    fn give(&self, slice: CudaSlice<u8>, class: usize) {
        self.counters.bytes_in_use.fetch_sub(class as u64, Ordering::Relaxed);
        self.counters.pool_bytes.fetch_add(class as u64, Ordering::Relaxed);
        self.free.lock().unwrap_or_else(|p| p.into_inner()).entry(class).or_default().push(slice);
    }

    /// Frees every idle block (stream-ordered: queued work on them finishes first).
    pub(super) fn trim(&self) {
        let idle = std::mem::take(&mut *self.free.lock().unwrap_or_else(|p| p.into_inner()));
        let bytes: usize = idle.iter().map(|(class, v)| class * v.len()).sum();
        self.counters.pool_bytes.fetch_sub(bytes as u64, Ordering::Relaxed);
        drop(idle);
    }
}

/// One pooled device block; returns to its pool when dropped.
pub(crate) struct DeviceBuffer {
    slice: Option<CudaSlice<u8>>,
    class: usize,
    pool: Arc<DevicePool>,
}

impl DeviceBuffer {
    /// The block's device address.
    pub(super) fn ptr(&self) -> u64 {
        match &self.slice {
            // Event tracking is off (one stream per device), so the guard records nothing.
            Some(s) => s.device_ptr(s.stream()).0,
            None => 0,
        }
    }
}

impl Drop for DeviceBuffer {
    fn drop(&mut self) {
        if let Some(s) = self.slice.take() {
            self.pool.give(s, self.class);
        }
    }
}

/// A CUDA array buffer: a pooled block holding `len` elements of `dtype` from its start
/// (bool as one byte, 0 or 1).
pub(crate) struct CudaStorage {
    pub(super) buf: DeviceBuffer,
    pub(super) dtype: DType,
    pub(super) len: usize,
}

impl CudaStorage {
    /// Device address of element `index` (at most one past the end).
    pub(super) fn addr(&self, index: usize) -> u64 {
        debug_assert!(index <= self.len, "element {index} of a {}-element buffer", self.len);
        self.buf.ptr() + (index * self.dtype.size_of()) as u64
    }
}

#[cfg(test)]
mod tests {
    use super::size_class;

    #[test]
    fn classes() {
        assert_eq!(size_class(0), 512);
        assert_eq!(size_class(513), 1024);
        assert_eq!(size_class(1 << 20), 1 << 20);
        for b in [(1 << 20) + 1, 10_000_000, 400_000_000] {
            let c = size_class(b);
            assert!(c >= b && (c - b) * 8 <= b, "{b} -> {c}");
            assert_eq!(size_class(c), c);
        }
    }
}
