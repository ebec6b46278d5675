//! Device loss on wgpu (`gpu::testing::destroy_device`, as a driver reset would do):
//! every later call on the lost device's arrays returns `Error::DeviceLost` promptly —
//! no panic, no hang (each phase runs under a deadline) — dropping those arrays is fine,
//! and `Device::wgpu()` opens a fresh, working context. A second phase destroys the
//! device while worker threads are mid-op.
//!
//! Own test binary: destroying the shared wgpu context would break any test running
//! beside it. CUDA has no destroy hook, so this is wgpu only.

mod common;

use std::cell::RefCell;
use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use gpu::{random, Array, Device, Error};

/// Runs `f` on its own thread; fails if it panics or does not finish within `limit`.
fn within<R: Send + 'static>(limit: Duration, what: &str, f: impl FnOnce() -> R + Send + 'static) -> R {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
        let _ = tx.send(r);
    });
    match rx.recv_timeout(limit) {
        Ok(Ok(r)) => r,
        Ok(Err(p)) => {
            let msg = p.downcast_ref::<String>().cloned().or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()));
            panic!("{what}: panicked: {}", msg.unwrap_or_default())
        }
        Err(_) => panic!("{what}: did not finish within {limit:?} (a hang)"),
    }
}

fn report(line: String) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Whether `r` is `DeviceLost` for a wgpu device.
fn is_lost<T>(r: &gpu::Result<T>) -> bool {
    matches!(r, Err(Error::DeviceLost { device, .. }) if device.contains("wgpu"))
}

type Call<'a> = (&'static str, Box<dyn Fn() -> gpu::Result<()> + 'a>);

/// Phase 1: arrays with work still queued, then loss; every call is checked. Returns the
/// number of calls and one array of the lost device.
fn every_call_after_loss_is_device_lost(dev: Device) -> (usize, Array<f32>) {
    let r = (|| -> gpu::Result<(usize, Array<f32>)> {
        let host: Vec<f32> = (0..64 * 64).map(|i| (i % 13) as f32).collect();
        let a = Array::from_vec(host.clone(), [64, 64])?.to(&dev)?;
        let b = random::uniform::<f32>([64, 64], -1.0, 1.0, 3, &dev)?;
        let v = Array::<f32>::arange(0.0, 64.0, 1.0, &dev)?;
        let ai = Array::<i32>::arange(0, 100, 1, &dev)?;
        let mask = a.gt_scalar(5.0)?;
        let solo = RefCell::new(Array::<f32>::zeros([64], &dev)?); // sole owner: written in place
        assert_eq!(ai.sum()?.item()?, 4950, "the device works before the loss");
        // Recorded but not yet submitted: the loss comes mid-session.
        let pending = gpu::matmul(&a, &b)?.tanh()?;
        let t = a.t();

        gpu::testing::destroy_device(&dev);

        let cpu = Device::cpu();
        let calls: Vec<Call> = vec![
            ("synchronize", Box::new(|| dev.synchronize())),
            ("to_vec", Box::new(|| a.to_vec().map(drop))),
            ("to_vec of queued work", Box::new(|| pending.to_vec().map(drop))),
            ("to_vec of a transposed view", Box::new(|| t.to_vec().map(drop))),
            ("item", Box::new(|| ai.index_axis(0, 3)?.item().map(drop))),
            ("to(cpu)", Box::new(|| a.to(&cpu).map(drop))),
            ("to_ndarray", Box::new(|| a.to_ndarray().map(drop))),
            ("upload to the lost device", Box::new(|| Array::from_vec(host.clone(), [64, 64])?.to(&dev).map(drop))),
            ("zeros", Box::new(|| Array::<f32>::zeros([16], &dev).map(drop))),
            ("full", Box::new(|| Array::<i32>::full([16], 3, &dev).map(drop))),
            ("arange", Box::new(|| Array::<u32>::arange(0, 10, 1, &dev).map(drop))),
            ("linspace", Box::new(|| Array::<f32>::linspace(0.0, 1.0, 5, &dev).map(drop))),
            ("eye", Box::new(|| Array::<f32>::eye(4, &dev).map(drop))),
            ("uniform", Box::new(|| random::uniform::<f32>([16], 0.0, 1.0, 1, &dev).map(drop))),
            ("normal", Box::new(|| random::normal::<f32>([16], 0.0, 1.0, 1, &dev).map(drop))),
            ("add", Box::new(|| a.add(&b).map(drop))),
            ("add_scalar", Box::new(|| a.add_scalar(1.0).map(drop))),
            ("broadcast add", Box::new(|| a.add(&v).map(drop))),
            ("neg", Box::new(|| a.neg().map(drop))),
            ("exp", Box::new(|| a.exp().map(drop))),
            ("cast", Box::new(|| a.cast::<i32>().map(drop))),
            ("gt", Box::new(|| a.gt(&b).map(drop))),
            ("where_", Box::new(|| gpu::where_(&mask, &a, &b).map(drop))),
            ("sum", Box::new(|| a.sum().map(drop))),
            ("sum_axis", Box::new(|| a.sum_axis(0, false).map(drop))),
            ("max", Box::new(|| a.max().map(drop))),
            ("argmax_axis", Box::new(|| a.argmax_axis(1, true).map(drop))),
            ("var", Box::new(|| a.var().map(drop))),
            ("matmul", Box::new(|| gpu::matmul(&a, &b).map(drop))),
            ("dot", Box::new(|| gpu::dot(&v, &v).map(drop))),
            ("contiguous of a view", Box::new(|| t.contiguous().map(drop))),
            ("reshape that copies", Box::new(|| t.reshape([4096]).map(drop))),
            ("copy", Box::new(|| a.copy().map(drop))),
            ("add_assign_ (copy-on-write)", Box::new(|| a.clone().add_assign_(&b))),
            ("add_scalar_assign_ (in place)", Box::new(|| solo.borrow_mut().add_scalar_assign_(1.0))),
            ("integer sum", Box::new(|| ai.sum().map(drop))),
        ];
        let mut slowest = Duration::ZERO;
        let mut wrong = Vec::new();
        for (name, call) in &calls {
            let t0 = Instant::now();
            let r = call();
            let took = t0.elapsed();
            slowest = slowest.max(took);
            if !is_lost(&r) {
                wrong.push(format!("{name}: {:?}", r.err()));
            }
            assert!(took < Duration::from_secs(5), "{name} took {took:?} on a lost device");
        }
        assert!(wrong.is_empty(), "calls on a lost device that did not return DeviceLost:\n{}", wrong.join("\n"));
        // Views are metadata only: they still succeed, and fail once they reach the device.
        let view = a.slice(0, Some(1), None, 2)?.reshape([32, 1, 64])?.t();
        assert_eq!(view.shape(), &[64, 1, 32]);
        assert!(is_lost(&view.sum()));
        // Stats stay readable; dropping every array and trimming the pool is fine.
        let s = dev.stats();
        assert!(s.uploads >= 1 && s.kernel_launches >= 1);
        let n = calls.len();
        drop(calls);
        let kept = v.clone();
        drop((a, b, v, ai, mask, solo, pending, t, view));
        dev.trim();
        assert!(is_lost(&dev.synchronize()), "the loss is permanent");
        report(format!(
            "device_loss: {n} kinds of call after destroy, each DeviceLost (slowest {:.2} ms)",
            slowest.as_secs_f64() * 1e3
        ));
        Ok((n, kept))
    })();
    r.unwrap_or_else(|e| panic!("outside the checked calls: {e}"))
}

/// A new context after a loss: different from the lost one, fully working.
fn fresh_device_works(lost: &Device) -> Device {
    let dev = Device::wgpu().unwrap_or_else(|e| panic!("Device::wgpu() after a loss: {e}"));
    assert!(dev != *lost, "Device::wgpu() handed back the lost context");
    let r = (|| -> gpu::Result<()> {
        assert_eq!(Array::<i32>::arange(0, 100, 1, &dev)?.sum()?.item()?, 4950);
        let a = Array::from_vec(vec![1.0f32, 2.0, 3.0, 4.0], [2, 2])?.to(&dev)?;
        assert_eq!(gpu::matmul(&a, &a.t())?.to_vec()?, vec![5.0, 11.0, 11.0, 25.0]);
        dev.synchronize()
    })();
    r.unwrap_or_else(|e| panic!("the fresh device fails: {e}"));
    dev
}

#[test]
fn device_loss_is_an_error_on_every_call_and_a_new_device_works() {
    let Some(dev) = common::device("wgpu", 1, file!()) else { return };
    let start = Instant::now();

    // Phase 1: a loss with work queued; every kind of call on the old arrays.
    let lost = dev.clone();
    let (calls, old) =
        within(Duration::from_secs(120), "calls after the loss", move || every_call_after_loss_is_device_lost(lost));
    assert!(calls >= 30);
    let dev2 = within(Duration::from_secs(60), "a fresh device", move || fresh_device_works(&dev));

    // An array of the lost device cannot reach the new context (its data went with the
    // old one), nor mix with the new context's arrays.
    assert!(is_lost(&old.to(&dev2)), "moving a lost array to the new device");
    let x = Array::<f32>::ones([64], &dev2).expect("ones on the new device");
    assert!(matches!(old.add(&x), Err(Error::DeviceMismatch { .. })), "old + new");
    drop((old, x));

    // Phase 2: a loss while threads are mid-op.
    const WORKERS: usize = 3;
    let done_ops = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let (tx, rx) = mpsc::channel();
    for w in 0..WORKERS {
        let (dev, tx, done_ops, stop) = (dev2.clone(), tx.clone(), done_ops.clone(), stop.clone());
        std::thread::spawn(move || {
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| -> gpu::Result<usize> {
                let x = random::uniform::<f32>([128, 128], 0.0, 1.0, w as u64, &dev)?;
                let mut ops = 0;
                while !stop.load(Ordering::Relaxed) {
                    // A new size class every time: fresh allocations race the loss too.
                    let fresh = Array::<f32>::full([4096 + 64 * (ops % 200) + w], 1.0, &dev)?;
                    let y = gpu::matmul(&x, &x)?.relu()?.add(&fresh.slice(0, None, Some(128), 1)?)?;
                    let s = y.sum()?.item()?;
                    assert!(s.is_finite() && s > 0.0);
                    ops += 1;
                    done_ops.fetch_add(1, Ordering::Relaxed);
                }
                Ok(ops)
            }));
            let _ = tx.send((w, r.map_err(|_| format!("worker {w} panicked")), Instant::now()));
        });
    }
    drop(tx);
    // Let every worker get going, then pull the device from under them.
    let t0 = Instant::now();
    while done_ops.load(Ordering::Relaxed) < 3 * WORKERS && t0.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(5));
    }
    let before_loss = done_ops.load(Ordering::Relaxed);
    assert!(before_loss >= WORKERS, "workers made no progress before the loss");
    let destroyed_at = Instant::now();
    gpu::testing::destroy_device(&dev2);
    let mut worst = Duration::ZERO;
    for _ in 0..WORKERS {
        let (w, r, at) = rx.recv_timeout(Duration::from_secs(60)).expect("a worker hung after the device was lost");
        match r {
            Ok(Err(e)) => assert!(matches!(e, Error::DeviceLost { .. }), "worker {w}: {e:?}"),
            Ok(Ok(ops)) => panic!("worker {w} stopped without an error after {ops} ops"),
            Err(p) => panic!("{p}"),
        }
        worst = worst.max(at.saturating_duration_since(destroyed_at));
    }
    stop.store(true, Ordering::Relaxed);
    assert!(worst < Duration::from_secs(10), "a worker took {worst:?} to see the loss");

    // And a third context works.
    let lost2 = dev2.clone();
    let dev3 = within(Duration::from_secs(60), "a fresh device after phase 2", move || fresh_device_works(&lost2));
    assert!(dev3 != dev2);
    report(format!(
        "device_loss: {WORKERS} threads mid-op ({before_loss} ops done) all saw DeviceLost \
         within {:.1} ms of the loss; \
         Device::wgpu() reopened twice; {:.2} s",
        worst.as_secs_f64() * 1e3,
        start.elapsed().as_secs_f64()
    ));
}
