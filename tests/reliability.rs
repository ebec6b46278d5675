//! Reliability under pressure, on every backend present:
//!
//! - out of memory: asking for 1 TiB (creation, op outputs, downloads) is
//!   `Error::OutOfMemory`; the process and earlier arrays survive, nothing leaks;
//! - concurrency: 8 threads × 500 mixed ops on one device, own and shared arrays, every
//!   result checked exactly against a host reference, a deadline instead of a hang, and
//!   the device's `Stats` deltas equal to what the threads did;
//! - bounded memory: 10,000 create/op/drop iterations keep pool bytes, bytes in use and
//!   RSS flat after warm-up; `trim()` hands pooled memory back;
//! - no panic sites in `src/` outside tests, except a short reviewed list.
//!
//! Every test here reads process-wide RSS or device-wide counters, so they run one at a
//! time (`serial`). Figures go to stderr (uncaptured), for the README.

#[macro_use]
mod common;

use std::io::Write;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::pattern;
use gpu::{random, Array, Device, DeviceKind, Error};

/// One test at a time: RSS and device counters are shared by the whole process.
fn serial() -> std::sync::MutexGuard<'static, ()> {
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    LOCK.lock().unwrap_or_else(|p| p.into_inner())
}

/// Resident set size of this process, bytes (`VmRSS` in /proc/self/status); 0 where
/// there is no /proc (the RSS assertions then pass trivially, see `HAVE_RSS`).
fn rss() -> u64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let line = s.lines().find(|l| l.starts_with("VmRSS:")).unwrap_or("VmRSS: 0 kB");
    let kb: u64 = line.split_whitespace().nth(1).and_then(|v| v.parse().ok()).unwrap_or(0);
    kb * 1024
}

/// Whether `rss()` measures anything here (Linux, as in CI).
fn have_rss() -> bool {
    rss() > 0
}

fn mib(b: u64) -> f64 {
    b as f64 / (1 << 20) as f64
}

/// Every GPU context this process can open, opened now and kept while the caller
/// measures RSS: other tests open theirs before they wait for `serial`, and a context
/// created mid-measurement (~100 MiB on lavapipe) would read as growth.
fn open_all_devices() -> Vec<Device> {
    [Device::wgpu(), Device::cuda(0)].into_iter().flatten().collect()
}

/// A figure for the README, on stderr so the harness does not capture it.
fn report(line: String) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

// ---- out of memory ----------------------------------------------------------------------

const TIB: usize = 1 << 40;

mod oom {
    use super::*;

    backend_tests! {
        fn out_of_memory_is_an_error_and_the_process_survives(dev) {
            let _one_at_a_time = serial();
            // Host allocations fail up front only when the kernel refuses them: with
            // `vm.overcommit_memory = 1` it grants 1 TiB and the OOM killer acts later.
            let always = std::fs::read_to_string("/proc/sys/vm/overcommit_memory").is_ok_and(|v| v.trim() == "1");
            if always && dev.kind() == DeviceKind::Cpu {
                report(format!("reliability/oom on {dev}: skipped: vm.overcommit_memory = 1 grants any allocation"));
                return Ok(());
            }
            let start = Instant::now();
            // Arrays made before the failures, checked after them.
            // Small values, so every sum below is exact in f32.
            let host: Vec<f32> = (0..1000).map(|i| (i % 17) as f32).collect();
            let keep = Array::from_vec(host.clone(), [10, 100])?.to(dev)?;
            let keep_sum = keep.sum()?; // resident, read at the end
            let keep_i = Array::<i32>::arange(0, 1000, 1, dev)?;
            let one = Array::<f32>::ones([1], dev)?;
            let one_i = Array::<i32>::ones([1], dev)?;
            let huge = one.broadcast_to([TIB / 4])?; // a 1 TiB view of one element: no memory
            dev.synchronize()?;
            let before = dev.stats();

            type Attempt<'a> = (&'static str, Box<dyn Fn() -> gpu::Result<()> + 'a>);
            let mut attempts: Vec<Attempt> = vec![
                ("zeros::<f32>, 1 TiB", Box::new(|| Array::<f32>::zeros([TIB / 4], dev).map(drop))),
                ("full::<i32>, 1 TiB", Box::new(|| Array::<i32>::full([TIB / 4], 7, dev).map(drop))),
                ("uniform::<f32>, 1 TiB", Box::new(|| random::uniform::<f32>([TIB / 4], 0.0, 1.0, 1, dev).map(drop))),
                ("arange::<f64>, 1 TiB", Box::new(|| Array::<f64>::arange(0.0, (TIB / 8) as f64, 1.0, dev).map(drop))),
                ("add_scalar of a 1 TiB broadcast view", Box::new(|| huge.add_scalar(1.0).map(drop))),
                ("copy of a 1 TiB broadcast view", Box::new(|| huge.copy().map(drop))),
                ("to_vec of a 1 TiB broadcast view (host memory)", Box::new(|| huge.to_vec().map(drop))),
                (
                    "cast::<f64> of a 512 GiB i32 view",
                    Box::new(|| one_i.broadcast_to([TIB / 8])?.cast::<f64>().map(drop)),
                ),
                (
                    "sum_axis with a 1 TiB output",
                    Box::new(|| one.broadcast_to([2, TIB / 4])?.sum_axis(0, false).map(drop)),
                ),
                (
                    "matmul with a 1 TiB output",
                    Box::new(|| {
                        let (x, y) = (Array::<f32>::ones([1 << 20, 1], dev)?, Array::<f32>::ones([1, 1 << 18], dev)?);
                        gpu::matmul(&x, &y).map(drop)
                    }),
                ),
            ];
            if dev.kind() == DeviceKind::Cpu {
                // Host paths that used to allocate with `vec!` (an abort, not an error): the
                // dense gather of a reduction over non-mergeable broadcast axes, and the
                // packed rhs of an integer matmul. (GPU kernels read these views in place;
                // the reductions would take minutes there, so they run on the CPU only.)
                attempts.push((
                    "sum of a 1 TiB view that the CPU gathers densely",
                    Box::new(|| {
                        Array::<f32>::ones([1 << 19, 1], dev)?.broadcast_to([1 << 19, 1 << 19])?.sum().map(drop)
                    }),
                ));
                attempts.push((
                    "i32 matmul against a 4 TiB broadcast rhs",
                    Box::new(|| {
                        let x = Array::<i32>::ones([1, 1 << 20], dev)?;
                        gpu::matmul(&x, &one_i.reshape([1, 1])?.broadcast_to([1 << 20, 1 << 20])?).map(drop)
                    }),
                ));
            }
            let kind = dev.kind().to_string();
            for (name, attempt) in &attempts {
                let t = Instant::now();
                match attempt() {
                    Err(Error::OutOfMemory { requested, device }) => {
                        assert!(requested >= TIB as u64 / 2, "{name} on {dev}: requested only {requested} bytes");
                        assert!(device.contains(&kind) || device.contains("cpu"), "{name}: device {device:?}");
                    }
                    other => panic!("{name} on {dev}: expected OutOfMemory, got {:?}", other.map(|_| ())),
                }
                assert!(t.elapsed() < Duration::from_secs(10), "{name} on {dev} took {:?}", t.elapsed());
            }
            // wgpu also refuses single buffers above the adapter's limit (TooLarge), while
            // they still fit in memory.
            let info = dev.info();
            if let (Some(max), Some(mem)) = (info.max_buffer_bytes, info.memory_bytes) {
                let bytes = (max / 4 + 1) * 4;
                if dev.kind() == DeviceKind::Wgpu && bytes < mem {
                    match Array::<f32>::zeros([bytes as usize / 4], dev) {
                        Err(Error::TooLarge { bytes: b, limit, .. }) => assert!(b == bytes && limit <= max),
                        other => panic!("{dev}: an array above max_buffer_size: {:?}", other.map(|_| ())),
                    }
                }
            }

            // The process survived; earlier arrays are intact; the device still works.
            dev.synchronize()?;
            assert_eq!(keep.to_vec()?, host);
            assert_eq!(keep_sum.item()?, host.iter().sum::<f32>());
            assert_eq!(keep_i.sum()?.item()?, 499_500);
            assert_eq!(gpu::matmul(&keep, &keep.t())?.sum()?.item()?, host_matmul_sum(&host, 10, 100));
            let fresh = Array::<f32>::full([512, 512], 0.5, dev)?;
            assert_eq!(fresh.sum()?.item()?, 131_072.0);
            drop(fresh);
            let after = dev.stats();
            assert_eq!(after.bytes_in_use, before.bytes_in_use, "{dev}: failed allocations left bytes in use");
            report(format!(
                "reliability/oom on {dev}: {} attempts of 1 TiB or more, each OutOfMemory; \
                 earlier arrays intact ({:.0} ms)",
                attempts.len(),
                start.elapsed().as_secs_f64() * 1e3
            ));
            Ok(())
        }
    }
}

/// Σ (X·Xᵀ) for row-major X of shape [m, k].
fn host_matmul_sum(x: &[f32], m: usize, k: usize) -> f32 {
    let mut s = 0.0f64;
    for i in 0..m {
        for j in 0..m {
            s += (0..k).map(|p| x[i * k + p] as f64 * x[j * k + p] as f64).sum::<f64>();
        }
    }
    s as f32
}

// ---- concurrency --------------------------------------------------------------------------

const THREADS: usize = 8;
const OPS_PER_THREAD: usize = 500;
const N: usize = 16; // matrices are N×N: small, so lavapipe keeps up

/// What one thread did, to compare with the device's counters.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    ops: u64,
    kernels: u64,
    uploads: u64,
    upload_bytes: u64,
    downloads: u64,
    download_bytes: u64,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.ops += o.ops;
        self.kernels += o.kernels;
        self.uploads += o.uploads;
        self.upload_bytes += o.upload_bytes;
        self.downloads += o.downloads;
        self.download_bytes += o.download_bytes;
    }
}

/// The arrays every thread shares, with their host values.
struct Shared {
    a: Array<f32>,
    a_h: Vec<f32>,
    b: Array<f32>,
    b_h: Vec<f32>,
    i: Array<i32>,
    i_h: Vec<i32>,
}

fn mat_ref(x: &[f32], y: &[f32]) -> Vec<f32> {
    let mut out = vec![0.0; N * N];
    for r in 0..N {
        for c in 0..N {
            out[r * N + c] = (0..N).map(|p| x[r * N + p] * y[p * N + c]).sum();
        }
    }
    out
}

fn transpose_ref<T: Copy>(x: &[T]) -> Vec<T> {
    (0..N * N).map(|k| x[(k % N) * N + k / N]).collect()
}

/// One thread's 500 ops; every result is compared exactly (small integers are exact in
/// f32, sums and products included).
fn worker(dev: &Device, sh: &Shared, t: usize) -> Result<Tally, String> {
    let fail = |what: &str, e: Error| format!("thread {t}: {what}: {e}");
    let gpu = dev.kind() != DeviceKind::Cpu;
    let mut n = Tally::default();
    let upload = |n: &mut Tally, bytes: usize| {
        if gpu {
            n.uploads += 1;
            n.upload_bytes += bytes as u64;
        }
    };
    let download = |n: &mut Tally, bytes: usize| {
        if gpu {
            n.downloads += 1;
            n.download_bytes += bytes as u64;
        }
    };
    let own_h: Vec<f32> = pattern(N * N, 100 + t as u64);
    let own = Array::from_vec(own_h.clone(), [N, N]).and_then(|a| a.to(dev)).map_err(|e| fail("upload", e))?;
    upload(&mut n, N * N * 4);
    let own_ih: Vec<i32> = own_h.iter().map(|&x| x as i32).collect();
    let own_i = Array::from_vec(own_ih.clone(), [N, N]).and_then(|a| a.to(dev)).map_err(|e| fail("upload", e))?;
    upload(&mut n, N * N * 4);
    let sum_a: f32 = sh.a_h.iter().sum();

    for i in 0..OPS_PER_THREAD {
        let r: gpu::Result<()> = (|| {
            match i % 8 {
                0 => {
                    // Elementwise with broadcasting.
                    let got = own.add(&sh.b)?.mul_scalar(2.0)?.to_vec()?;
                    let want: Vec<f32> = (0..N * N).map(|k| 2.0 * (own_h[k] + sh.b_h[k % N])).collect();
                    assert_eq!(got, want, "thread {t} op {i}: 2·(own + b)");
                    n.kernels += 2;
                    download(&mut n, N * N * 4);
                }
                1 => {
                    // Reductions: per-axis and whole-array (a 0-d result read with item()).
                    let cols = own.sum_axis(0, false)?.to_vec()?;
                    let want: Vec<f32> = (0..N).map(|c| (0..N).map(|r| own_h[r * N + c]).sum()).collect();
                    assert_eq!(cols, want, "thread {t} op {i}: sum_axis(0)");
                    assert_eq!(own.sum()?.item()?, own_h.iter().sum::<f32>(), "thread {t} op {i}: sum");
                    n.kernels += 2;
                    download(&mut n, N * 4);
                    download(&mut n, 4);
                }
                2 => {
                    let got = gpu::matmul(&own, &sh.a)?.to_vec()?;
                    assert_eq!(got, mat_ref(&own_h, &sh.a_h), "thread {t} op {i}: matmul");
                    n.kernels += 1;
                    download(&mut n, N * N * 4);
                }
                3 => {
                    // Transfers: a fresh upload, read back through a transposed view.
                    let h: Vec<f32> = pattern(N * N, (t * 100_000 + i) as u64);
                    let x = Array::from_vec(h.clone(), [N, N])?.to(dev)?;
                    upload(&mut n, N * N * 4);
                    assert_eq!(x.t().to_vec()?, transpose_ref(&h), "thread {t} op {i}: round trip");
                    download(&mut n, N * N * 4);
                }
                4 => {
                    // In place on a clone of our own array: copy-on-write, `own` unchanged.
                    let mut c = own.clone();
                    c += &sh.b;
                    let want: Vec<f32> = (0..N * N).map(|k| own_h[k] + sh.b_h[k % N]).collect();
                    assert_eq!(c.to_vec()?, want, "thread {t} op {i}: c += b");
                    n.kernels += 1;
                    download(&mut n, N * N * 4);
                    if i % 64 == 4 {
                        assert_eq!(own.to_vec()?, own_h, "thread {t} op {i}: own changed by a write to its clone");
                        download(&mut n, N * N * 4);
                    }
                }
                5 => {
                    // In place on a clone of a shared array: other threads must not see it.
                    let mut s = sh.a.clone();
                    s.mul_scalar_assign_(3.0)?;
                    assert_eq!(s.sum()?.item()?, 3.0 * sum_a, "thread {t} op {i}: 3·a");
                    assert_eq!(sh.a.sum()?.item()?, sum_a, "thread {t} op {i}: shared a changed");
                    n.kernels += 3;
                    download(&mut n, 4);
                    download(&mut n, 4);
                }
                6 => {
                    // Integers through a transposed shared view.
                    let got = sh.i.t().mul(&own_i)?.sum_axis(1, false)?.to_vec()?;
                    let it = transpose_ref(&sh.i_h);
                    let want: Vec<i32> =
                        (0..N).map(|r| (0..N).map(|c| it[r * N + c] * own_ih[r * N + c]).sum()).collect();
                    assert_eq!(got, want, "thread {t} op {i}: (iᵀ · own_i).sum_axis(1)");
                    n.kernels += 2;
                    download(&mut n, N * 4);
                }
                _ => {
                    // Masks, where_ and argmax.
                    let w = gpu::where_(&own.gt(&sh.a)?, &own, &sh.a)?.to_vec()?;
                    let want: Vec<f32> = (0..N * N).map(|k| own_h[k].max(sh.a_h[k])).collect();
                    assert_eq!(w, want, "thread {t} op {i}: where(own > a, own, a)");
                    let m = own_h.iter().copied().fold(f32::MIN, f32::max);
                    let first = own_h.iter().position(|&x| x == m).unwrap_or(0) as u32;
                    assert_eq!(own.argmax()?.item()?, first, "thread {t} op {i}: argmax");
                    n.kernels += 3;
                    download(&mut n, N * N * 4);
                    download(&mut n, 4);
                }
            }
            Ok(())
        })();
        r.map_err(|e| fail(&format!("op {i}"), e))?;
        n.ops += 1;
    }
    Ok(n)
}

mod threads {
    use super::*;

    backend_tests! {
        fn threads_share_one_device(dev) {
            let _one_at_a_time = serial();
            let start = Instant::now();
            let a_h: Vec<f32> = pattern(N * N, 1);
            let b_h: Vec<f32> = pattern(N, 2);
            let i_h: Vec<i32> = pattern(N * N, 3);
            let shared = std::sync::Arc::new(Shared {
                a: Array::from_vec(a_h.clone(), [N, N])?.to(dev)?,
                b: Array::from_vec(b_h.clone(), [N])?.to(dev)?,
                i: Array::from_vec(i_h.clone(), [N, N])?.to(dev)?,
                a_h,
                b_h,
                i_h,
            });
            dev.synchronize()?;
            let before = dev.stats();

            let (tx, rx) = mpsc::channel();
            let mut handles = Vec::new();
            for t in 0..THREADS {
                let (dev, sh, tx) = (dev.clone(), shared.clone(), tx.clone());
                handles.push(std::thread::spawn(move || {
                    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| worker(&dev, &sh, t)));
                    let r = r.unwrap_or_else(|p| {
                        let msg = p
                            .downcast_ref::<String>()
                            .cloned()
                            .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()));
                        Err(format!("thread {t} panicked: {}", msg.unwrap_or_default()))
                    });
                    let _ = tx.send((t, r));
                }));
            }
            drop(tx);
            // A deadlock or a hang fails here instead of stalling the run.
            let deadline = start + Duration::from_secs(240);
            let mut total = Tally::default();
            let mut errors = Vec::new();
            for done in 0..THREADS {
                let left = deadline.saturating_duration_since(Instant::now());
                match rx.recv_timeout(left) {
                    Ok((_, Ok(tally))) => total.add(&tally),
                    Ok((_, Err(e))) => errors.push(e),
                    Err(_) => panic!("{dev}: deadlock or hang: only {done} of {THREADS} threads finished within 240 s"),
                }
            }
            for h in handles {
                h.join().expect("a worker thread");
            }
            assert!(errors.is_empty(), "{dev}: {}", errors.join("\n"));
            assert_eq!(total.ops, (THREADS * OPS_PER_THREAD) as u64);
            let elapsed = start.elapsed();

            // The counters are device-wide and nothing else ran on the device meanwhile, so
            // transfers add up exactly; kernels at least (an op may launch several).
            dev.synchronize()?;
            let after = dev.stats();
            let d = |f: fn(&gpu::Stats) -> u64| f(&after) - f(&before);
            assert_eq!(d(|s| s.uploads), total.uploads, "{dev}: uploads");
            assert_eq!(d(|s| s.upload_bytes), total.upload_bytes, "{dev}: upload bytes");
            assert_eq!(d(|s| s.downloads), total.downloads, "{dev}: downloads");
            assert_eq!(d(|s| s.download_bytes), total.download_bytes, "{dev}: download bytes");
            let launches = d(|s| s.kernel_launches);
            assert!(launches >= total.kernels, "{dev}: {launches} launches < {} kernel ops", total.kernels);
            assert_eq!(after.bytes_in_use, before.bytes_in_use, "{dev}: buffers outlived the threads");
            // The shared arrays are as they were.
            assert_eq!(shared.a.to_vec()?, shared.a_h);
            assert_eq!(shared.i.to_vec()?, shared.i_h);
            report(format!(
                "reliability/threads on {dev}: {THREADS} threads × {OPS_PER_THREAD} ops = {} ops, all exact; \
                 Δuploads {} ({} B), Δdownloads {} ({} B), Δlaunches {} ≥ {} ({:.2} s)",
                total.ops,
                d(|s| s.uploads),
                d(|s| s.upload_bytes),
                d(|s| s.downloads),
                d(|s| s.download_bytes),
                d(|s| s.kernel_launches),
                total.kernels,
                elapsed.as_secs_f64()
            ));
            Ok(())
        }
    }
}

// ---- bounded memory ---------------------------------------------------------------------

const ITERATIONS: usize = 10_000;
const WARM_UP: usize = 200;

mod leaks {
    use super::*;

    backend_tests! {
        fn create_op_drop_loop_stays_flat(dev) {
            let _one_at_a_time = serial();
            let _contexts = open_all_devices();
            let start = Instant::now();
            // 256 KiB f32 arrays on the CPU (its pool takes buffers from 256 KiB up), 16 KiB
            // on GPUs (pooled at any size; small keeps 10,000 iterations fast on lavapipe).
            let shape: [usize; 2] = if dev.kind() == DeviceKind::Cpu { [256, 256] } else { [64, 64] };
            let len = shape[0] * shape[1];
            let host: Vec<f32> = pattern(len, 9);
            let one_iteration = |i: usize| -> gpu::Result<f32> {
                let a = Array::from_vec(host.clone(), shape)?.to(dev)?; // create (upload)
                let b = random::uniform::<f32>(shape, -1.0, 1.0, i as u64 % 7, dev)?; // create on the device
                let c = (&a * &b).add_scalar(1.0)?; // ops, temporaries dropped
                let s = c.sum_axis(0, false)?.max()?; // reductions
                s.item() // one download
            };
            let mut checkpoints = Vec::new();
            let mut first = None;
            let mut base = (dev.stats(), rss());
            for i in 0..ITERATIONS {
                let v = one_iteration(i)?;
                assert!(v.is_finite(), "iteration {i}: {v}");
                // The same inputs give the same number every 7 iterations.
                match first {
                    None => first = Some(v),
                    Some(f) if i % 7 == 0 => assert_eq!(v, f, "iteration {i}"),
                    _ => {}
                }
                if i + 1 == WARM_UP {
                    dev.synchronize()?;
                    base = (dev.stats(), rss());
                }
                if (i + 1) % 1000 == 0 {
                    dev.synchronize()?;
                    checkpoints.push((i + 1, dev.stats(), rss()));
                }
            }
            let (s0, rss0) = base;
            let rss_peak = checkpoints.iter().map(|c| c.2).max().unwrap_or(rss0);
            let (_, s_end, rss_end) = checkpoints.last().copied().expect("checkpoints");
            for (i, s, _) in &checkpoints {
                assert_eq!(s.bytes_in_use, s0.bytes_in_use, "{dev}: bytes in use after {i} iterations");
                assert_eq!(s.pool_bytes, s0.pool_bytes, "{dev}: pool bytes after {i} iterations");
            }
            // After warm-up every pooled request is served from the pool.
            assert_eq!(s_end.pool_misses, s0.pool_misses, "{dev}: pool misses after warm-up");
            assert!(s_end.pool_hits - s0.pool_hits >= 3 * (ITERATIONS - WARM_UP) as u64, "{dev}: pool hits");
            // RSS: a leak of one 16 KiB buffer per iteration would add 150 MiB.
            let growth = rss_peak.saturating_sub(rss0);
            assert!(growth <= 16 << 20, "{dev}: RSS grew {:.1} MiB after warm-up", mib(growth));
            report(format!(
                "reliability/leaks on {dev}: {ITERATIONS} iterations of {shape:?} f32; \
                 pool {:.2} MiB and in use {:.2} MiB \
                 at every 1000 (as after {WARM_UP}); RSS {:.1} → {:.1} MiB (peak {:.1}); {:.2} s",
                mib(s0.pool_bytes),
                mib(s0.bytes_in_use),
                mib(rss0),
                mib(rss_end),
                mib(rss_peak),
                start.elapsed().as_secs_f64()
            ));
            Ok(())
        }

        fn trim_returns_pooled_memory(dev) {
            let _one_at_a_time = serial();
            let _contexts = open_all_devices();
            // 64 MiB each: above glibc's largest mmap threshold (32 MiB), so a freed buffer
            // goes back to the OS at once and RSS shows it (smaller ones may stay in the heap).
            const ARRAYS: usize = 4;
            const LEN: usize = 16 << 20; // f32: 64 MiB each, 256 MiB in all
            dev.trim();
            dev.synchronize()?;
            let (s0, rss0) = (dev.stats(), rss());
            {
                let arrays: Vec<Array<f32>> =
                    (0..ARRAYS).map(|i| Array::<f32>::full([LEN], i as f32, dev)).collect::<gpu::Result<_>>()?;
                let total: f32 = arrays.iter().map(|a| a.max().and_then(|m| m.item())).sum::<gpu::Result<f32>>()?;
                assert_eq!(total, (0..ARRAYS).sum::<usize>() as f32);
            }
            dev.synchronize()?;
            let (s1, rss1) = (dev.stats(), rss());
            let held = s1.pool_bytes - s0.pool_bytes;
            assert!(held >= (ARRAYS * LEN * 4) as u64, "{dev}: the pool holds {held} bytes of 256 MiB dropped");
            dev.trim();
            dev.synchronize()?;
            let (s2, rss2) = (dev.stats(), rss());
            assert_eq!(s2.pool_bytes, 0, "{dev}: trim left pooled bytes");
            assert_eq!(s2.bytes_in_use, s0.bytes_in_use);
            // The memory goes back to the OS: RSS falls by at least half of what was pooled.
            let freed = rss1.saturating_sub(rss2);
            assert!(
                !have_rss() || freed >= held / 2,
                "{dev}: trim freed {:.1} MiB of RSS, {:.1} MiB were pooled",
                mib(freed),
                mib(held)
            );
            // And the device allocates afresh afterwards.
            assert_eq!(Array::<f32>::full([LEN], 2.0, dev)?.sum()?.item()?, (2 * LEN) as f32);
            dev.trim(); // leave the pool empty for the tests after this one
            report(format!(
                "reliability/trim on {dev}: {ARRAYS} × 64 MiB dropped → pool {:.0} MiB, \
                 RSS {:.0} → {:.0} MiB; trim() → pool 0, RSS {:.0} MiB",
                mib(held),
                mib(rss0),
                mib(rss1),
                mib(rss2)
            ));
            Ok(())
        }
    }
}

// ---- no panics across the public API ----------------------------------------------------

/// Panic sites allowed in `src/` outside `#[cfg(test)]`, each with the reason it cannot
/// fire on user input. `unwrap`/`expect` are denied by clippy (`lib.rs`); this list
/// covers the macros clippy does not.
const ALLOWED_PANICS: &[(&str, &str, &str)] = &[
    (
        "src/ops/operators.rs",
        "Err(e) => panic!(\"{e}\")",
        "operators (`&a + &b`) cannot return Result; documented to panic with the Error's message",
    ),
    (
        "src/backend/wgpu/memory.rs",
        "unreachable!(\"a live WgpuStorage always holds its buffer\")",
        "the Option is emptied only in Drop",
    ),
    (
        "src/interop.rs",
        "unreachable!(\"ndarray shape and data always agree",
        "the shape and data come from one ndarray",
    ),
    ("src/interop.rs", "unreachable!(\"a Vec always fits its own length", "shape [len] of a Vec of len"),
];

const PANIC_PATTERNS: &[&str] = &[
    ".unwrap()",
    ".expect(",
    "panic!(",
    "unreachable!(",
    "todo!(",
    "unimplemented!(",
    "assert!(",
    "assert_eq!(",
    "assert_ne!(",
];

fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src/") {
        let p = entry.expect("a directory entry").path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn no_panic_sites_outside_tests() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let lib = std::fs::read_to_string(root.join("src/lib.rs")).expect("src/lib.rs");
    assert!(lib.contains("#![deny(clippy::unwrap_used, clippy::expect_used)]"), "lib.rs must deny unwrap/expect");
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    let mut used = vec![0usize; ALLOWED_PANICS.len()];
    let mut unexpected = Vec::new();
    let mut lines_scanned = 0;
    for path in &files {
        let rel = path.strip_prefix(root).expect("under the root").to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(path).expect("a source file");
        let mut in_tests = false;
        for (no, line) in text.lines().enumerate() {
            let code = line.trim_start();
            // Unit tests sit in a trailing `#[cfg(test)] mod tests`; doc comments hold
            // doctests. Neither is library code.
            if code.starts_with("#[cfg(test)]") {
                in_tests = true;
            }
            if in_tests || code.starts_with("//") {
                continue;
            }
            lines_scanned += 1;
            let code = code.split(" // ").next().unwrap_or(code);
            // debug_assert! checks internal invariants in debug builds only.
            let code = code.replace("debug_assert", "debug_check");
            for pat in PANIC_PATTERNS.iter().filter(|p| code.contains(*p)) {
                match ALLOWED_PANICS.iter().position(|(f, snippet, _)| rel == *f && code.contains(snippet)) {
                    Some(k) => used[k] += 1,
                    None => unexpected.push(format!("{rel}:{}: `{pat}` in: {}", no + 1, code.trim())),
                }
            }
        }
    }
    assert!(
        unexpected.is_empty(),
        "panic sites in library code (handle the error, or add the site with its reason to ALLOWED_PANICS):\n{}",
        unexpected.join("\n")
    );
    for (k, (f, snippet, _)) in ALLOWED_PANICS.iter().enumerate() {
        assert!(used[k] > 0, "ALLOWED_PANICS lists {f}: {snippet}, which no longer exists; remove it");
    }
    report(format!(
        "reliability/panics: {} files, {lines_scanned} library lines scanned; {} reviewed panic sites, none other",
        files.len(),
        ALLOWED_PANICS.len()
    ));
}
