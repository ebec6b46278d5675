//! Host ↔ device copies through a ring of pinned (page-locked) staging buffers.
//!
//! From pageable memory the driver copies synchronously (and syncs the stream before an
//! upload), so every transfer goes through pinned memory instead: an upload copies the
//! host data into the next staging slot, queues the DMA and returns without waiting
//! (the slot is reused only after its event fires); a download queues DMAs slot by slot
//! and copies each out as soon as it lands, overlapping the next DMA. Readback is the
//! only point where the host waits for the device. If pinned memory cannot be had, the
//! ring falls back to plain (synchronous) copies.

use std::sync::Arc;

use cudarc::driver::{result, sys, CudaContext, CudaEvent, CudaStream, DriverError};

/// Bytes per staging slot.
const SLOT_BYTES: usize = 8 << 20;
/// Slots in the ring (two overlap a DMA with a host copy).
const SLOTS: usize = 2;

/// One page-locked host buffer and the event marking the end of its last DMA.
struct PinnedSlot {
    ptr: *mut u8,
    event: CudaEvent,
}

// SAFETY: the pointer is a page-locked allocation owned by this slot alone and only
// touched while the ring's mutex (in `CudaBackend`) is held.
unsafe impl Send for PinnedSlot {}

impl Drop for PinnedSlot {
    fn drop(&mut self) {
        let _ = self.event.synchronize();
        // SAFETY: `ptr` came from cuMemHostAlloc, no DMA is pending (event synchronised)
        // and it is freed exactly once.
        let _ = unsafe { result::free_host(self.ptr.cast()) };
    }
}

/// The staging ring of one device.
pub(super) struct StagingRing {
    ctx: Arc<CudaContext>,
    slots: Vec<PinnedSlot>,
    next: usize,
    unavailable: bool,
}

impl StagingRing {
    pub(super) fn new(ctx: Arc<CudaContext>) -> StagingRing {
        StagingRing { ctx, slots: Vec::new(), next: 0, unavailable: false }
    }

    /// Allocates the slots on first use; false when pinned memory is unavailable.
    fn ready(&mut self) -> bool {
        if self.slots.len() == SLOTS {
            return true;
        }
        if self.unavailable {
            return false;
        }
        while self.slots.len() < SLOTS {
            let slot = self.ctx.bind_to_thread().and_then(|()| {
                let flags = sys::CUevent_flags::CU_EVENT_DISABLE_TIMING;
                let event = self.ctx.new_event(Some(flags))?;
                // SAFETY: plain page-locked allocation (flags 0: not write-combined, so
                // host reads of downloads stay fast); owned and freed by the slot.
                let ptr = unsafe { result::malloc_host(SLOT_BYTES, 0) }?;
                Ok(PinnedSlot { ptr: ptr.cast(), event })
            });
            match slot {
                Ok(s) => self.slots.push(s),
                Err(_) => {
                    self.slots.clear();
                    self.unavailable = true;
                    return false;
                }
            }
        }
        true
    }

    /// The next slot, once its previous DMA has finished.
    fn take_slot(&mut self) -> Result<usize, DriverError> {
        let i = self.next;
        self.next = (self.next + 1) % SLOTS;
        self.slots[i].event.synchronize()?;
        Ok(i)
    }

    /// Queues a copy of `src` to device address `dst` (returns before the DMA ends).
    pub(super) fn upload<T: Copy>(&mut self, stream: &CudaStream, src: &[T], dst: u64) -> Result<(), DriverError> {
        let total = std::mem::size_of_val(src);
        self.ctx.bind_to_thread()?;
        if !self.ready() {
            // SAFETY: `dst` is a live device block of at least `total` bytes; pageable
            // copies complete (to the driver's staging) before returning.
            return unsafe { result::memcpy_htod_async(dst, src, stream.cu_stream()) };
        }
        let bytes = src.as_ptr().cast::<u8>();
        let mut off = 0;
        while off < total {
            let len = (total - off).min(SLOT_BYTES);
            let i = self.take_slot()?;
            let slot = &self.slots[i];
            // SAFETY: `src` spans `total` bytes (any `T: Copy` here is plain data: f32,
            // f64, i32, u32, bool) and the slot `SLOT_BYTES >= len`; the slot's previous
            // DMA finished (take_slot) and the regions do not overlap.
            unsafe { std::ptr::copy_nonoverlapping(bytes.add(off), slot.ptr, len) };
            // SAFETY: `dst + off .. + len` lies in the destination block; the pinned
            // source stays untouched until `slot.event` (recorded next) fires.
            unsafe { sys::cuMemcpyHtoDAsync_v2(dst + off as u64, slot.ptr.cast(), len, stream.cu_stream()) }
                .result()?;
            slot.event.record(stream)?;
            off += len;
        }
        Ok(())
    }

    /// Copies `dst.len()` elements from device address `src` into `dst`, waiting for
    /// every queued kernel that produces them.
    pub(super) fn download<T: Copy>(
        &mut self,
        stream: &CudaStream,
        src: u64,
        dst: &mut [T],
    ) -> Result<(), DriverError> {
        let total = std::mem::size_of_val(dst);
        self.ctx.bind_to_thread()?;
        if !self.ready() {
            // SAFETY: `src` is a live device block of at least `total` bytes; the stream
            // is synchronised before `dst` is read.
            unsafe { result::memcpy_dtoh_async(dst, src, stream.cu_stream()) }?;
            return stream.synchronize();
        }
        let out = dst.as_mut_ptr().cast::<u8>();
        // (slot, host offset, length) of the DMA in flight, copied out one step later.
        let mut pending: Option<(usize, usize, usize)> = None;
        let mut off = 0;
        while off < total || pending.is_some() {
            let queued = if off < total {
                let len = (total - off).min(SLOT_BYTES);
                let i = self.take_slot()?;
                let slot = &self.slots[i];
                // SAFETY: `src + off .. + len` lies in the source block; the slot is
                // free (take_slot) and not read until its event fires.
                unsafe { sys::cuMemcpyDtoHAsync_v2(slot.ptr.cast(), src + off as u64, len, stream.cu_stream()) }
                    .result()?;
                slot.event.record(stream)?;
                let q = (i, off, len);
                off += len;
                Some(q)
            } else {
                None
            };
            if let Some((i, at, len)) = pending.take() {
                let slot = &self.slots[i];
                slot.event.synchronize()?;
                // SAFETY: the DMA into the slot completed (event); `dst` spans `total`
                // bytes and every bit pattern is a valid f32/f64/i32/u32/u8 (bools are
                // downloaded as u8).
                unsafe { std::ptr::copy_nonoverlapping(slot.ptr, out.add(at), len) };
            }
            pending = queued;
        }
        Ok(())
    }
}
