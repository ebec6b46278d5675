//! The per-device context: adapter selection, device limits and features, the batch
//! of recorded dispatches (one encoder until a sync point), the parameter arena, and
//! fault tracking (uncaptured errors and device loss become `gpu::Error`s).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock, Weak};

use super::kernels::{Kernel, PipelineCache};
use super::memory::BufferPool;
use crate::error::{Error, Result};
use crate::info::{Counters, DeviceInfo, DeviceKind};

/// Bytes of the parameter arena (kernel metadata, scalars), rewritten every batch.
const ARENA_BYTES: u64 = 1 << 20;
/// Dispatches recorded before the batch is submitted without waiting for a sync point.
const MAX_PENDING: usize = 512;

/// Device limits the kernels plan around.
#[derive(Debug, Clone, Copy)]
pub(super) struct Limits {
    /// Largest storage binding, bytes (a multiple of `align`).
    pub max_binding: u64,
    /// Largest buffer, bytes (a multiple of 4).
    pub max_buffer: u64,
    /// Storage binding offset alignment, bytes.
    pub align: u64,
    /// Workgroups per dispatch dimension.
    pub max_groups: u32,
    /// Workgroup memory per workgroup, bytes.
    pub workgroup_storage: u32,
    /// Invocations per workgroup.
    pub workgroup_invocations: u32,
    /// Largest subgroup size the adapter may use (0 without subgroup operations).
    pub subgroup_max: u32,
}

/// Dispatches recorded but not yet submitted, and where the next parameters go.
struct Batch {
    encoder: Option<wgpu::CommandEncoder>,
    arena: wgpu::Buffer,
    arena_used: u64,
    pending: usize,
}

/// A wgpu device: the context every array on it shares.
pub(crate) struct WgpuBackend {
    pub(super) device: wgpu::Device,
    pub(super) queue: wgpu::Queue,
    pub(super) limits: Limits,
    pub(super) f64: bool,
    /// Subgroup operations are used in reductions (SUBGROUP feature, unless
    /// `GPU_WGPU_SUBGROUPS=0`).
    pub(super) subgroups: bool,
    pub(super) counters: Arc<Counters>,
    pub(super) pool: Arc<BufferPool>,
    pub(super) pipelines: PipelineCache,
    pub(super) name: String,
    info: DeviceInfo,
    batch: Mutex<Batch>,
    pub(super) staging: Mutex<Vec<wgpu::Buffer>>,
    fault: Arc<Fault>,
}

/// Faults reported by wgpu callbacks, surfaced at the next call.
#[derive(Default)]
struct Fault {
    lost: AtomicBool,
    reason: Mutex<Option<String>>,
    error: Mutex<Option<String>>,
}

/// One binding of a dispatch: a window of a buffer, or small data placed in the arena.
#[derive(Clone, Copy)]
pub(super) enum Bind<'a> {
    Buffer { buffer: &'a wgpu::Buffer, offset: u64, size: u64 },
    Data(&'a [u8]),
}

impl<'a> Bind<'a> {
    /// The whole of `buffer`.
    pub fn whole(buffer: &'a wgpu::Buffer) -> Bind<'a> {
        Bind::Buffer { buffer, offset: 0, size: buffer.size() }
    }
}

fn instance() -> &'static wgpu::Instance {
    static INSTANCE: OnceLock<wgpu::Instance> = OnceLock::new();
    INSTANCE.get_or_init(|| {
        let mut desc = wgpu::InstanceDescriptor::new_without_display_handle();
        desc.backends = wgpu::Backends::PRIMARY;
        wgpu::Instance::new(desc)
    })
}

/// Adapters in preference order: discrete, integrated, virtual, other, then software.
fn adapters() -> Vec<wgpu::Adapter> {
    let mut all = pollster::block_on(instance().enumerate_adapters(wgpu::Backends::PRIMARY));
    let rank = |a: &wgpu::Adapter| match a.get_info().device_type {
        wgpu::DeviceType::DiscreteGpu => 0,
        wgpu::DeviceType::IntegratedGpu => 1,
        wgpu::DeviceType::VirtualGpu => 2,
        wgpu::DeviceType::Other => 3,
        wgpu::DeviceType::Cpu => 4,
    };
    all.sort_by_key(rank);
    all
}

/// `GPU_WGPU_F64=0` leaves SHADER_F64 unrequested, so a device acts as an adapter
/// without it does (tests/bad_input.rs runs the f32-only paths and the `Unsupported`
/// errors that way on lavapipe, which has f64). Read when a device opens.
fn f64_allowed() -> bool {
    std::env::var("GPU_WGPU_F64").map_or(true, |v| v != "0")
}

fn is_software(info: &wgpu::AdapterInfo) -> bool {
    info.device_type == wgpu::DeviceType::Cpu
}

/// System memory, for software adapters whose "device memory" is host RAM.
fn host_memory() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = s.lines().find(|l| l.starts_with("MemTotal:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

fn describe(ordinal: usize, adapter: &wgpu::Adapter) -> DeviceInfo {
    let info = adapter.get_info();
    let limits = adapter.limits();
    let features = adapter.features();
    DeviceInfo {
        kind: DeviceKind::Wgpu,
        ordinal,
        name: info.name.clone(),
        api: format!("{:?}", info.backend),
        software: is_software(&info),
        memory_bytes: if is_software(&info) { host_memory() } else { None },
        supports_f64: features.contains(wgpu::Features::SHADER_F64) && f64_allowed(),
        supports_subgroups: features.contains(wgpu::Features::SUBGROUP),
        max_buffer_bytes: Some(limits.max_buffer_size),
        max_binding_bytes: Some(limits.max_storage_buffer_binding_size),
        max_workgroups_per_dim: Some(limits.max_compute_workgroups_per_dimension),
        parallelism: None,
    }
}

/// Open contexts per adapter ordinal, so `Device::wgpu()` hands out the same device.
fn open_devices() -> &'static Mutex<Vec<Weak<WgpuBackend>>> {
    static OPEN: OnceLock<Mutex<Vec<Weak<WgpuBackend>>>> = OnceLock::new();
    OPEN.get_or_init(|| Mutex::new(Vec::new()))
}

impl WgpuBackend {
    /// The adapter with index `ordinal`, or the best one (hardware first).
    pub(crate) fn device(ordinal: Option<usize>) -> Result<Arc<WgpuBackend>> {
        let list = adapters();
        if list.is_empty() {
            return Err(Error::NoDevice {
                backend: "wgpu",
                reason: "no Vulkan/Metal/DX12 adapter found (on Linux without a GPU, install Mesa lavapipe: \
                         apt-get install mesa-vulkan-drivers libvulkan1)"
                    .into(),
            });
        }
        let index = ordinal.unwrap_or(0);
        if index >= list.len() {
            return Err(Error::NoDevice {
                backend: "wgpu",
                reason: format!("adapter {index} requested, {} found", list.len()),
            });
        }
        let mut open = open_devices().lock().unwrap_or_else(|p| p.into_inner());
        if open.len() < list.len() {
            open.resize(list.len(), Weak::new());
        }
        if let Some(ctx) = open[index].upgrade()
            && !ctx.fault.lost.load(Ordering::Acquire)
        {
            return Ok(ctx);
        }
        let ctx = Arc::new(WgpuBackend::open(index, &list[index])?);
        open[index] = Arc::downgrade(&ctx);
        Ok(ctx)
    }

    /// The best hardware adapter; software adapters are only used when asked for.
    pub(crate) fn hardware_device() -> Result<Arc<WgpuBackend>> {
        match adapters().first() {
            Some(a) if !is_software(&a.get_info()) => WgpuBackend::device(Some(0)),
            _ => Err(Error::NoDevice { backend: "wgpu", reason: "no hardware adapter".into() }),
        }
    }

    /// Every adapter, in `Device::wgpu_adapter` order.
    pub(crate) fn enumerate() -> Vec<DeviceInfo> {
        adapters().iter().enumerate().map(|(i, a)| describe(i, a)).collect()
    }

    fn open(ordinal: usize, adapter: &wgpu::Adapter) -> Result<WgpuBackend> {
        let info = describe(ordinal, adapter);
        let mut wanted = wgpu::Features::SUBGROUP | wgpu::Features::TIMESTAMP_QUERY;
        if f64_allowed() {
            wanted |= wgpu::Features::SHADER_F64;
        }
        let required_features = adapter.features() & wanted;
        let (device, queue) = pollster::block_on(adapter.request_device(&wgpu::DeviceDescriptor {
            label: Some("gpu"),
            required_features,
            required_limits: adapter.limits(),
            experimental_features: wgpu::ExperimentalFeatures::disabled(),
            memory_hints: wgpu::MemoryHints::Performance,
            trace: wgpu::Trace::Off,
        }))
        .map_err(|e| Error::NoDevice { backend: "wgpu", reason: format!("{}: {e}", info.name) })?;
        let name = format!("wgpu:{ordinal} ({})", info.name);

        let fault = Arc::new(Fault::default());
        let f = fault.clone();
        device.on_uncaptured_error(Arc::new(move |e: wgpu::Error| {
            let mut slot = f.error.lock().unwrap_or_else(|p| p.into_inner());
            slot.get_or_insert_with(|| e.to_string());
        }));
        let f = fault.clone();
        device.set_device_lost_callback(move |reason, msg| {
            f.lost.store(true, Ordering::Release);
            let mut slot = f.reason.lock().unwrap_or_else(|p| p.into_inner());
            slot.get_or_insert_with(|| format!("{reason:?}: {msg}"));
        });

        let l = device.limits();
        let align = u64::from(l.min_storage_buffer_offset_alignment).max(4);
        let limits = Limits {
            max_binding: (l.max_storage_buffer_binding_size / align) * align,
            max_buffer: l.max_buffer_size & !3,
            align,
            max_groups: l.max_compute_workgroups_per_dimension,
            workgroup_storage: l.max_compute_workgroup_storage_size,
            workgroup_invocations: l.max_compute_invocations_per_workgroup,
            subgroup_max: if required_features.contains(wgpu::Features::SUBGROUP) {
                adapter.get_info().subgroup_max_size
            } else {
                0
            },
        };
        let counters = Arc::new(Counters::default());
        let pool = Arc::new(BufferPool::new(device.clone(), counters.clone(), limits, name.clone(), info.memory_bytes));
        let arena = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("gpu params"),
            size: ARENA_BYTES,
            usage: wgpu::BufferUsages::STORAGE | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        Ok(WgpuBackend {
            f64: required_features.contains(wgpu::Features::SHADER_F64),
            subgroups: required_features.contains(wgpu::Features::SUBGROUP)
                && std::env::var("GPU_WGPU_SUBGROUPS").map_or(true, |v| v != "0"),
            device,
            queue,
            limits,
            counters,
            pool,
            pipelines: PipelineCache::default(),
            name,
            info,
            batch: Mutex::new(Batch { encoder: None, arena, arena_used: 0, pending: 0 }),
            staging: Mutex::new(Vec::new()),
            fault,
        })
    }

    pub(super) fn describe(&self) -> DeviceInfo {
        self.info.clone()
    }

    /// [`Error::DeviceLost`] once the device is gone; every call checks it first.
    pub(super) fn check(&self) -> Result<()> {
        if self.fault.lost.load(Ordering::Acquire) {
            let reason = self.fault.reason.lock().map(|r| r.clone()).unwrap_or_default();
            return Err(Error::DeviceLost { device: self.name.clone(), reason: reason.unwrap_or_default() });
        }
        Ok(())
    }

    /// The first error wgpu reported outside an error scope, if any (taken).
    pub(super) fn take_error(&self) -> Result<()> {
        self.check()?;
        let e = self.fault.error.lock().ok().and_then(|mut s| s.take());
        match e {
            Some(message) => Err(Error::Backend { device: self.name.clone(), message }),
            None => Ok(()),
        }
    }

    /// Marks the device lost (used when a wait fails, and by tests that simulate loss).
    pub(crate) fn mark_lost(&self, reason: &str) {
        self.fault.lost.store(true, Ordering::Release);
        if let Ok(mut r) = self.fault.reason.lock() {
            r.get_or_insert_with(|| reason.to_string());
        }
    }

    /// Destroys the wgpu device, as a driver reset would (for reliability tests).
    pub(crate) fn destroy(&self) {
        // Marked first, so a thread whose wgpu call fails because of the destroy finds
        // the device lost when it checks why.
        self.mark_lost("device destroyed");
        self.device.destroy();
    }

    /// The kernel for `key`, compiled on first use.
    pub(super) fn kernel(&self, key: &str, source: impl FnOnce() -> String) -> Result<Arc<Kernel>> {
        self.check()?;
        self.pipelines.get(&self.device, &self.name, key, source)
    }

    /// Records one dispatch of `groups` workgroups (laid out in 2-D past the
    /// per-dimension limit) with `binds` at bindings 0, 1, 2, …
    pub(super) fn dispatch(&self, kernel: &Kernel, binds: &[Bind<'_>], groups: u64) -> Result<()> {
        if groups == 0 {
            return Ok(());
        }
        let max = u64::from(self.limits.max_groups);
        let x = groups.min(max);
        let y = groups.div_ceil(x);
        if y > max {
            return Err(Error::TooLarge {
                what: "dispatch",
                bytes: groups,
                limit: max * max,
                device: self.name.clone(),
            });
        }
        self.dispatch_grid(kernel, binds, [x as u32, y as u32, 1])
    }

    /// Records one dispatch of a 3-D grid of workgroups.
    pub(super) fn dispatch_grid(&self, kernel: &Kernel, binds: &[Bind<'_>], grid: [u32; 3]) -> Result<()> {
        self.check()?;
        let mut batch = self.batch.lock().unwrap_or_else(|p| p.into_inner());
        // Place small data in the arena; flush first when it is full.
        let need: u64 = binds
            .iter()
            .map(|b| match b {
                Bind::Data(d) => (d.len() as u64).max(4).next_multiple_of(self.limits.align),
                Bind::Buffer { .. } => 0,
            })
            .sum();
        if batch.arena_used + need > ARENA_BYTES {
            self.submit_locked(&mut batch);
        }
        let mut placed = Vec::with_capacity(binds.len());
        for b in binds {
            match b {
                Bind::Data(d) => {
                    let off = batch.arena_used;
                    let size = (d.len() as u64).max(4);
                    if d.is_empty() {
                        self.queue.write_buffer(&batch.arena, off, &[0u8; 4]);
                    } else {
                        self.queue.write_buffer(&batch.arena, off, d);
                    }
                    batch.arena_used = off + size.next_multiple_of(self.limits.align);
                    placed.push((off, size));
                }
                Bind::Buffer { offset, size, .. } => placed.push((*offset, *size)),
            }
        }
        let entries: Vec<wgpu::BindGroupEntry<'_>> = binds
            .iter()
            .zip(&placed)
            .enumerate()
            .map(|(i, (b, &(offset, size)))| {
                let buffer = match b {
                    Bind::Buffer { buffer, .. } => *buffer,
                    Bind::Data(_) => &batch.arena,
                };
                wgpu::BindGroupEntry {
                    binding: i as u32,
                    resource: wgpu::BindingResource::Buffer(wgpu::BufferBinding {
                        buffer,
                        offset,
                        size: wgpu::BufferSize::new(size),
                    }),
                }
            })
            .collect();
        let group = self.device.create_bind_group(&wgpu::BindGroupDescriptor {
            label: None,
            layout: &kernel.layout,
            entries: &entries,
        });
        drop(entries);
        let device = &self.device;
        let encoder = batch.encoder.get_or_insert_with(|| device.create_command_encoder(&Default::default()));
        {
            let mut pass =
                encoder.begin_compute_pass(&wgpu::ComputePassDescriptor { label: None, timestamp_writes: None });
            pass.set_pipeline(&kernel.pipeline);
            pass.set_bind_group(0, &group, &[]);
            pass.dispatch_workgroups(grid[0], grid[1], grid[2]);
        }
        self.counters.launch();
        batch.pending += 1;
        if batch.pending >= MAX_PENDING {
            self.submit_locked(&mut batch);
        }
        Ok(())
    }

    /// Records a zero fill in order with the dispatches.
    pub(super) fn clear(&self, buffer: &wgpu::Buffer, offset: u64, size: u64) -> Result<()> {
        self.check()?;
        let mut batch = self.batch.lock().unwrap_or_else(|p| p.into_inner());
        let device = &self.device;
        let encoder = batch.encoder.get_or_insert_with(|| device.create_command_encoder(&Default::default()));
        encoder.clear_buffer(buffer, offset, Some(size));
        Ok(())
    }

    fn submit_locked(&self, batch: &mut Batch) {
        if let Some(enc) = batch.encoder.take() {
            self.queue.submit([enc.finish()]);
        }
        batch.arena_used = 0;
        batch.pending = 0;
    }

    /// Submits recorded work without waiting (before host writes into recycled buffers).
    pub(super) fn flush(&self) -> Result<()> {
        self.check()?;
        let mut batch = self.batch.lock().unwrap_or_else(|p| p.into_inner());
        self.submit_locked(&mut batch);
        Ok(())
    }

    /// Submits recorded work and waits for the device to finish it.
    pub(super) fn wait(&self) -> Result<()> {
        self.flush()?;
        self.block_until_idle();
        self.take_error()
    }

    /// Waits until the queue is empty. A software adapter runs kernels on this
    /// machine's cores, and its blocking wait spins on one of them: on lavapipe with two
    /// cores that costs ~20% of kernel throughput (measured), so for software adapters
    /// the wait polls with a backoff sleep (20 µs doubling to 1 ms) instead.
    pub(super) fn block_until_idle(&self) {
        if !self.info.software {
            if let Err(e) = self.device.poll(wgpu::PollType::wait_indefinitely()) {
                self.mark_lost(&e.to_string());
            }
            return;
        }
        let mut nap = FIRST_NAP;
        loop {
            match self.device.poll(wgpu::PollType::Poll) {
                Ok(wgpu::PollStatus::QueueEmpty) => return,
                Ok(_) => {}
                Err(e) => {
                    self.mark_lost(&e.to_string());
                    return;
                }
            }
            if self.fault.lost.load(Ordering::Acquire) {
                return;
            }
            backoff(&mut nap);
        }
    }
}

/// The first sleep of a software adapter's wait; `backoff` doubles it up to 1 ms.
pub(super) const FIRST_NAP: std::time::Duration = std::time::Duration::from_micros(20);

/// Sleeps `nap`, then doubles it (at most 1 ms) for the next round of a polling wait.
fn backoff(nap: &mut std::time::Duration) {
    std::thread::sleep(*nap);
    *nap = (*nap * 2).min(std::time::Duration::from_millis(1));
}

impl WgpuBackend {
    /// One bounded step of waiting for submission `index`: on hardware a wait of at
    /// most 5 ms for it; on software adapters a poll and a `backoff` sleep (`nap`, from
    /// `FIRST_NAP`; see `block_until_idle`). Unlike `block_until_idle`, work
    /// submitted after `index` does not hold it up.
    pub(super) fn wait_step(&self, index: &wgpu::SubmissionIndex, nap: &mut std::time::Duration) {
        let r = if self.info.software {
            let r = self.device.poll(wgpu::PollType::Poll);
            backoff(nap);
            r
        } else {
            let wait = wgpu::PollType::Wait {
                submission_index: Some(index.clone()),
                timeout: Some(std::time::Duration::from_millis(5)),
            };
            self.device.poll(wait)
        };
        match r {
            Ok(_) | Err(wgpu::PollError::Timeout) => {}
            Err(e) => self.mark_lost(&e.to_string()),
        }
    }

    /// Compiles arbitrary WGSL (test hook for error reporting).
    pub(crate) fn compile_for_test(&self, source: &str) -> Result<()> {
        super::kernels::compile(&self.device, &self.name, "test", source).map(|_| ())
    }

    /// Provokes a validation error outside any error scope, as a driver fault or an
    /// internal bug would (test hook): the next sync point must report it.
    pub(crate) fn inject_fault_for_test(&self) {
        let _ = self.device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("invalid on purpose"),
            size: 16,
            usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::STORAGE,
            mapped_at_creation: false,
        });
    }
}
