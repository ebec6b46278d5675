//! Device memory: a size-class buffer pool (as CuPy's MemoryPool), the storage handle
//! that returns its buffer to the pool on drop, and host transfers through a reused
//! staging buffer.

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};

use super::context::{Limits, WgpuBackend};
use crate::dtype::{DType, HostSlice, HostVec};
use crate::error::{Error, Result};
use crate::info::Counters;

/// Largest chunk moved per host transfer (bounds the staging buffer and wgpu's own
/// upload staging).
const TRANSFER_CHUNK: u64 = 64 << 20;

/// Rounds a byte size up to its class: 256-byte granularity below 64 KiB, then eight
/// classes per power of two (at most 12.5% waste), so same-shape temporaries reuse.
pub(super) fn size_class(bytes: u64) -> u64 {
    let bytes = bytes.max(4);
    if bytes <= 65536 {
        return bytes.next_multiple_of(256);
    }
    let bits = 64 - bytes.leading_zeros();
    let step = 1u64 << (bits - 4);
    bytes.next_multiple_of(step)
}

/// Idle device buffers by size class.
pub(crate) struct BufferPool {
    device: wgpu::Device,
    free: Mutex<HashMap<u64, Vec<wgpu::Buffer>>>,
    counters: Arc<Counters>,
    limits: Limits,
    name: String,
    /// Device memory when known (software adapters: host RAM).
    memory: Option<u64>,
}

impl BufferPool {
    pub(super) fn new(
        device: wgpu::Device,
        counters: Arc<Counters>,
        limits: Limits,
        name: String,
        memory: Option<u64>,
    ) -> BufferPool {
        BufferPool { device, free: Mutex::new(HashMap::new()), counters, limits, name, memory }
    }

    /// A buffer of at least `bytes` bytes, from the pool when a buffer of the same
    /// class is idle. Usage: STORAGE | COPY_SRC | COPY_DST.
    pub(super) fn take(self: &Arc<Self>, bytes: u64) -> Result<WgpuStorage> {
        let oom = || Error::OutOfMemory { requested: bytes, device: self.name.clone() };
        if self.memory.is_some_and(|m| bytes > m) {
            return Err(oom());
        }
        if bytes > self.limits.max_buffer {
            return Err(Error::TooLarge {
                what: "array",
                bytes,
                limit: self.limits.max_buffer,
                device: self.name.clone(),
            });
        }
        let mut class = size_class(bytes);
        if class > self.limits.max_buffer {
            class = bytes.max(4).next_multiple_of(4);
        }
        let reused = self.free.lock().ok().and_then(|mut m| m.get_mut(&class).and_then(Vec::pop));
        let c = &self.counters;
        let buffer = match reused {
            Some(b) => {
                c.pool_hits.fetch_add(1, Ordering::Relaxed);
                c.pool_bytes.fetch_sub(class, Ordering::Relaxed);
                b
            }
            None => {
                c.pool_misses.fetch_add(1, Ordering::Relaxed);
                match self.create(class) {
                    Ok(b) => b,
                    Err(_) => {
                        // One trim-and-retry, as CuPy does, before reporting OOM.
                        self.trim();
                        self.create(class).map_err(|_| oom())?
                    }
                }
            }
        };
        c.bytes_in_use.fetch_add(class, Ordering::Relaxed);
        Ok(WgpuStorage { buffer: Some(buffer), class, pool: self.clone() })
    }

    fn create(&self, size: u64) -> std::result::Result<wgpu::Buffer, wgpu::Error> {
        let oom = self.device.push_error_scope(wgpu::ErrorFilter::OutOfMemory);
        let val = self.device.push_error_scope(wgpu::ErrorFilter::Validation);
        let b = self.device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("gpu array"),
            size,
            usage: wgpu::BufferUsages::STORAGE | wgpu::BufferUsages::COPY_SRC | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        let v = pollster::block_on(val.pop());
        let o = pollster::block_on(oom.pop());
        if let Some(e) = o.or(v) {
            return Err(e);
        }
        self.counters.allocations.fetch_add(1, Ordering::Relaxed);
        Ok(b)
    }

    fn give(&self, buffer: wgpu::Buffer, class: u64) {
        self.counters.bytes_in_use.fetch_sub(class, Ordering::Relaxed);
        if let Ok(mut m) = self.free.lock() {
            m.entry(class).or_default().push(buffer);
            self.counters.pool_bytes.fetch_add(class, Ordering::Relaxed);
        }
    }

    /// Releases every idle buffer.
    pub(super) fn trim(&self) {
        if let Ok(mut m) = self.free.lock() {
            for b in m.drain().flat_map(|(_, v)| v) {
                b.destroy();
            }
            self.counters.pool_bytes.store(0, Ordering::Relaxed);
        }
    }
}

/// A device buffer holding an array's elements; back to the pool when dropped.
pub(crate) struct WgpuStorage {
    buffer: Option<wgpu::Buffer>,
    class: u64,
    pool: Arc<BufferPool>,
}

impl WgpuStorage {
    pub(super) fn buffer(&self) -> &wgpu::Buffer {
        // Only `Drop` takes the buffer out.
        match &self.buffer {
            Some(b) => b,
            None => unreachable!("a live WgpuStorage always holds its buffer"),
        }
    }
}

impl Drop for WgpuStorage {
    fn drop(&mut self) {
        if let Some(b) = self.buffer.take() {
            self.pool.give(b, self.class);
        }
    }
}

/// Host bytes in device layout (bool as u32).
fn device_bytes(data: HostSlice<'_>) -> std::borrow::Cow<'_, [u8]> {
    use std::borrow::Cow;
    match data {
        HostSlice::F32(v) => Cow::Borrowed(bytemuck::cast_slice(v)),
        HostSlice::F64(v) => Cow::Borrowed(bytemuck::cast_slice(v)),
        HostSlice::I32(v) => Cow::Borrowed(bytemuck::cast_slice(v)),
        HostSlice::U32(v) => Cow::Borrowed(bytemuck::cast_slice(v)),
        HostSlice::Bool(v) => Cow::Owned(v.iter().flat_map(|&b| (b as u32).to_ne_bytes()).collect()),
    }
}

/// Device bytes back into host values.
fn host_values(dtype: DType, bytes: &[u8]) -> HostVec {
    fn words<T: bytemuck::Pod>(b: &[u8]) -> Vec<T> {
        b.chunks_exact(std::mem::size_of::<T>()).map(bytemuck::pod_read_unaligned).collect()
    }
    match dtype {
        DType::F32 => HostVec::F32(words(bytes)),
        DType::F64 => HostVec::F64(words(bytes)),
        DType::I32 => HostVec::I32(words(bytes)),
        DType::U32 => HostVec::U32(words(bytes)),
        DType::Bool => HostVec::Bool(words::<u32>(bytes).into_iter().map(|w| w != 0).collect()),
    }
}

/// How long a readback may take before the device is declared lost.
const READBACK_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(300);

impl WgpuBackend {
    /// Waits for a `map_async` callback. Another thread's poll may run the callback
    /// after ours returned, so poll again until it arrives (or the device is gone).
    fn await_map(&self, rx: &std::sync::mpsc::Receiver<std::result::Result<(), wgpu::BufferAsyncError>>) -> Result<()> {
        let start = std::time::Instant::now();
        loop {
            self.block_until_idle();
            match rx.recv_timeout(std::time::Duration::from_millis(5)) {
                Ok(Ok(())) => return Ok(()),
                Ok(Err(e)) => {
                    self.mark_lost(&e.to_string());
                    return Err(Error::DeviceLost { device: self.name.clone(), reason: e.to_string() });
                }
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) if start.elapsed() < READBACK_TIMEOUT => {
                    self.check()?;
                }
                Err(_) => {
                    let reason = "readback did not complete".to_string();
                    self.mark_lost(&reason);
                    return Err(Error::DeviceLost { device: self.name.clone(), reason });
                }
            }
        }
    }

    /// Copies host data into a new buffer.
    pub(super) fn upload_host(&self, data: HostSlice<'_>) -> Result<WgpuStorage> {
        self.check()?;
        let bytes = device_bytes(data);
        let st = self.pool.take(bytes.len() as u64)?;
        // A recycled buffer may still be read by recorded work: submit that work first,
        // so the queue orders this write after it.
        self.flush()?;
        for (i, chunk) in bytes.chunks(TRANSFER_CHUNK as usize).enumerate() {
            self.queue.write_buffer(st.buffer(), i as u64 * TRANSFER_CHUNK, chunk);
        }
        self.counters.upload(bytes.len());
        Ok(st)
    }

    /// Reads `bytes` bytes at `offset` of `buffer` (after all recorded work).
    pub(super) fn read(&self, buffer: &wgpu::Buffer, offset: u64, bytes: u64, dtype: DType) -> Result<HostVec> {
        self.flush()?;
        // Host memory for the copy: fallible, so a download too large for the host is
        // an error rather than an abort.
        let mut out = Vec::new();
        out.try_reserve_exact(bytes as usize)
            .map_err(|_| Error::OutOfMemory { requested: bytes, device: "cpu (host memory for a download)".into() })?;
        let mut slot = self.staging.lock().unwrap_or_else(|p| p.into_inner());
        let want = bytes.clamp(4, TRANSFER_CHUNK).next_multiple_of(256);
        if slot.as_ref().is_none_or(|s| s.size() < want) {
            *slot = Some(self.device.create_buffer(&wgpu::BufferDescriptor {
                label: Some("gpu staging"),
                size: want,
                usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
                mapped_at_creation: false,
            }));
        }
        let staging = match slot.as_ref() {
            Some(s) => s,
            None => unreachable!("the staging buffer was created above"),
        };
        let mut done = 0u64;
        while done < bytes {
            let n = (bytes - done).min(staging.size());
            let mut enc = self.device.create_command_encoder(&Default::default());
            enc.copy_buffer_to_buffer(buffer, offset + done, staging, 0, n);
            self.queue.submit([enc.finish()]);
            let (tx, rx) = std::sync::mpsc::channel();
            staging.map_async(wgpu::MapMode::Read, 0..n, move |r| {
                let _ = tx.send(r);
            });
            self.await_map(&rx)?;
            {
                // A loss after the map callback destroys the staging buffer too: report
                // the loss, not the symptom.
                let view = staging.get_mapped_range(0..n).map_err(|e| match self.check() {
                    Err(lost) => lost,
                    Ok(()) => Error::Backend {
                        device: self.name.clone(),
                        message: format!("mapping the staging buffer: {e}"),
                    },
                })?;
                out.extend_from_slice(&view);
            }
            staging.unmap();
            done += n;
        }
        self.take_error()?;
        self.counters.download(bytes as usize);
        Ok(host_values(dtype, &out))
    }
}

#[cfg(test)]
mod tests {
    use super::size_class;

    #[test]
    fn classes() {
        assert_eq!(size_class(1), 256);
        assert_eq!(size_class(65536), 65536);
        for b in [65537u64, 1 << 20, 40_000_000, 134_217_728, 1_000_000_007] {
            let c = size_class(b);
            assert!(c >= b && (c - b) * 8 <= b && c.is_multiple_of(4), "{b} -> {c}");
        }
    }
}
