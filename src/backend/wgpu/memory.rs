//! Device memory: a size-class buffer pool (as CuPy's MemoryPool), the storage handle
//! that returns its buffer to the pool on drop, and host transfers through reused
//! staging buffers.

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use super::context::{Limits, WgpuBackend, FIRST_NAP};
use super::wgsl::device_size;
use crate::dtype::{DType, HostSlice, HostVec};
use crate::error::{Error, Result};
use crate::info::Counters;

/// Bytes per staging view of an upload (each filled by one task).
const UPLOAD_PART: u64 = 4 << 20;

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

/// Elements per parallel copy task in a download.
const COPY_CHUNK: usize = 1 << 18;

/// Writes the values in device bytes `b` (whole elements) into `out` from element `at`,
/// straight from the mapped staging memory and in parallel: the destination's fresh
/// pages fault in on both cores instead of one.
fn fill_host(out: &mut HostVec, at: usize, b: &[u8]) {
    fn words<T: bytemuck::Pod + Send + Sync>(dst: &mut [T], b: &[u8]) {
        match bytemuck::try_cast_slice::<u8, T>(b) {
            Ok(src) => {
                dst.par_chunks_mut(COPY_CHUNK).zip(src.par_chunks(COPY_CHUNK)).for_each(|(d, s)| d.copy_from_slice(s))
            }
            // Mapped ranges are 8-byte aligned; this is for safety, not speed.
            Err(_) => {
                let each = b.chunks_exact(std::mem::size_of::<T>()).map(bytemuck::pod_read_unaligned::<T>);
                dst.iter_mut().zip(each).for_each(|(d, v)| *d = v);
            }
        }
    }
    let n = b.len() / device_size(out.dtype());
    match out {
        HostVec::F32(v) => words(&mut v[at..at + n], b),
        HostVec::F64(v) => words(&mut v[at..at + n], b),
        HostVec::I32(v) => words(&mut v[at..at + n], b),
        HostVec::U32(v) => words(&mut v[at..at + n], b),
        HostVec::Bool(v) => v[at..at + n]
            .par_chunks_mut(COPY_CHUNK)
            .zip(b.par_chunks(4 * COPY_CHUNK))
            .for_each(|(d, s)| d.iter_mut().zip(s.chunks_exact(4)).for_each(|(d, w)| *d = w != [0u8; 4])),
    }
}

/// Bytes per piece of a download (two staging buffers of this size). A 64 MiB f32
/// download on lavapipe (median of 3): 1 MiB pieces 38.6 ms, 2 MiB 31.7, 4 MiB 29.2,
/// 8 MiB 29.3, 16 MiB 30.8, one 64 MiB piece 33.9.
const DOWNLOAD_PIECE: u64 = 8 << 20;

/// How long a readback may take before the device is declared lost.
const READBACK_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(300);

impl WgpuBackend {
    /// Waits for the `map_async` callback of a buffer used by submission `index`.
    /// Another thread's poll may run the callback, so this watches the channel rather
    /// than the queue.
    fn await_map(
        &self,
        rx: &std::sync::mpsc::Receiver<std::result::Result<(), wgpu::BufferAsyncError>>,
        index: &wgpu::SubmissionIndex,
    ) -> Result<()> {
        use std::sync::mpsc::TryRecvError;
        let start = std::time::Instant::now();
        let mut nap = FIRST_NAP;
        loop {
            match rx.try_recv() {
                Ok(Ok(())) => return Ok(()),
                Ok(Err(e)) => {
                    self.mark_lost(&e.to_string());
                    return Err(Error::DeviceLost { device: self.name.clone(), reason: e.to_string() });
                }
                Err(TryRecvError::Empty) if start.elapsed() < READBACK_TIMEOUT => {}
                Err(_) => {
                    let reason = "readback did not complete".to_string();
                    self.mark_lost(&reason);
                    return Err(Error::DeviceLost { device: self.name.clone(), reason });
                }
            }
            self.check()?;
            self.wait_step(index, &mut nap);
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
        // Straight into wgpu's staging memory, one view per part, filled in parallel (the
        // staging pages are fresh: they fault in on every core). `None` from
        // write_buffer_with means a validation error, which take_error reports.
        let mut views: Vec<(wgpu::QueueWriteBufferView, &[u8])> = Vec::new();
        for (i, part) in bytes.chunks(UPLOAD_PART as usize).enumerate() {
            let Some(size) = wgpu::BufferSize::new(part.len() as u64) else { continue };
            if let Some(view) = self.queue.write_buffer_with(st.buffer(), i as u64 * UPLOAD_PART, size) {
                views.push((view, part));
            }
        }
        views.par_iter_mut().for_each(|(view, part)| view.slice(..).copy_from_slice(part));
        drop(views);
        self.take_error()?;
        self.counters.upload(bytes.len());
        Ok(st)
    }

    /// Reads `bytes` bytes at `offset` of `buffer` (after all recorded work).
    ///
    /// Large reads go in pieces through two staging buffers, so the device copies
    /// piece k + 1 while the host copies piece k out (see `DOWNLOAD_PIECE`).
    pub(super) fn read(&self, buffer: &wgpu::Buffer, offset: u64, bytes: u64, dtype: DType) -> Result<HostVec> {
        self.flush()?;
        let esize = device_size(dtype) as u64;
        let mut out = HostVec::try_zeroed(dtype, (bytes / esize) as usize, "cpu (host memory for a download)")?;
        let mut staging = self.staging.lock().unwrap_or_else(|p| p.into_inner());
        let piece = bytes.clamp(4, DOWNLOAD_PIECE).next_multiple_of(256);
        if staging.len() < 2 || staging[0].size() < piece {
            let make = || {
                self.device.create_buffer(&wgpu::BufferDescriptor {
                    label: Some("gpu staging"),
                    size: piece,
                    usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
                    mapped_at_creation: false,
                })
            };
            *staging = vec![make(), make()];
        }
        let result = self.read_pieces(&staging, buffer, offset, bytes, &mut out);
        if result.is_err() {
            // A staging buffer may be left mapped or awaiting a map: never reuse it.
            staging.clear();
        }
        result?;
        self.take_error()?;
        self.counters.download(bytes as usize);
        Ok(out)
    }

    /// The piece loop of `read`: copy piece k + 1 into one staging buffer while piece k
    /// is copied out of the other.
    fn read_pieces(
        &self,
        staging: &[wgpu::Buffer],
        buffer: &wgpu::Buffer,
        offset: u64,
        bytes: u64,
        out: &mut HostVec,
    ) -> Result<()> {
        if bytes == 0 {
            return Ok(());
        }
        let piece = staging[0].size();
        let esize = device_size(out.dtype()) as u64;
        let count = bytes.div_ceil(piece);
        let span = |k: u64| (k * piece, piece.min(bytes - k * piece));
        let start = |k: u64| {
            let (at, n) = span(k);
            let dst = &staging[(k % 2) as usize];
            let mut enc = self.device.create_command_encoder(&Default::default());
            enc.copy_buffer_to_buffer(buffer, offset + at, dst, 0, n);
            let index = self.queue.submit([enc.finish()]);
            let (tx, rx) = std::sync::mpsc::channel();
            dst.map_async(wgpu::MapMode::Read, 0..n, move |r| {
                let _ = tx.send(r);
            });
            (rx, index)
        };
        let mut cur = start(0);
        for k in 0..count {
            let next = (k + 1 < count).then(|| start(k + 1));
            let (rx, index) = &cur;
            self.await_map(rx, index)?;
            let (at, n) = span(k);
            let src = &staging[(k % 2) as usize];
            {
                // A loss after the map callback destroys the staging buffer too: report
                // the loss, not the symptom.
                let view = src.get_mapped_range(0..n).map_err(|e| match self.check() {
                    Err(lost) => lost,
                    Ok(()) => Error::Backend {
                        device: self.name.clone(),
                        message: format!("mapping the staging buffer: {e}"),
                    },
                })?;
                fill_host(out, (at / esize) as usize, &view);
            }
            src.unmap();
            if let Some(n) = next {
                cur = n;
            }
        }
        Ok(())
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
