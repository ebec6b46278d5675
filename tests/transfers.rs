//! Where data moves, proven with `Stats` on each GPU backend: results stay resident,
//! only `item()`/`to_vec()` download, the pool recycles same-shape buffers, and device
//! faults come back as `gpu::Error`s.

mod common;

use gpu::{random, Array, Device, Error};

/// Tests here read device-wide counters and fill most of memory: one at a time.
fn serial() -> std::sync::MutexGuard<'static, ()> {
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    LOCK.lock().unwrap_or_else(|p| p.into_inner())
}

/// The tests here that run on `gpus()`, for the skip line of an absent backend.
const GPU_TESTS: usize = 18;

fn gpus() -> Vec<Device> {
    ["wgpu", "cuda"].into_iter().filter_map(|b| common::device(b, GPU_TESTS, file!())).collect()
}

#[test]
fn dot_of_resident_vectors_downloads_one_element_on_item() -> gpu::Result<()> {
    let _one_at_a_time = serial();
    for dev in gpus() {
        let x = random::uniform::<f32>([1 << 20], 0.0, 1.0, 1, &dev)?;
        let y = random::uniform::<f32>([1 << 20], 0.0, 1.0, 2, &dev)?;
        dev.synchronize()?;
        let before = dev.stats();
        let d = gpu::dot(&x, &y)?;
        dev.synchronize()?;
        let mid = dev.stats();
        assert_eq!((mid.uploads, mid.downloads), (before.uploads, before.downloads), "{dev}: dot moved data");
        let v = d.item()?;
        let after = dev.stats();
        assert_eq!(after.uploads, before.uploads, "{dev}: item() uploaded");
        assert_eq!(after.downloads, before.downloads + 1, "{dev}: one download");
        assert_eq!(after.download_bytes, before.download_bytes + 4, "{dev}: exactly one f32");
        assert!(v > 200_000.0 && v < 320_000.0, "{dev}: dot of uniforms {v}");
    }
    Ok(())
}

#[test]
fn downloads_in_pieces_are_exact_and_counted_once() -> gpu::Result<()> {
    // wgpu downloads in 8 MiB pieces through two staging buffers: cover several pieces
    // with a partial last one, each dtype's device width (bool is a u32 word there),
    // an offset view, a one-element read after the staging buffers grew, and an empty one.
    let _one_at_a_time = serial();
    let n = (5 << 20) + 7;
    let f: Vec<f32> = (0..n).map(|i| i as f32 * 0.5).collect();
    let d: Vec<f64> = (0..n / 2).map(|i| i as f64 - 1e9).collect();
    let u: Vec<u32> = (0..n as u32).map(|i| i.wrapping_mul(2_654_435_761)).collect();
    let b: Vec<bool> = (0..n).map(|i| i % 3 == 0).collect();
    for dev in gpus() {
        let check = |bytes: u64, what: &str, f: &dyn Fn() -> gpu::Result<bool>| -> gpu::Result<()> {
            dev.synchronize()?;
            let before = dev.stats();
            assert!(f()?, "{dev}: {what} round trip differs");
            let after = dev.stats();
            assert_eq!(after.downloads, before.downloads + 1, "{dev}: {what}: one download");
            assert_eq!(after.download_bytes, before.download_bytes + bytes, "{dev}: {what}: its bytes once");
            Ok(())
        };
        let fa = Array::from_slice(&f, [n])?.to(&dev)?;
        check(4 * n as u64, "f32", &|| Ok(fa.to_vec()? == f))?;
        if dev.supports(gpu::DType::F64) {
            let da = Array::from_slice(&d, [n / 2])?.to(&dev)?;
            check(8 * (n / 2) as u64, "f64", &|| Ok(da.to_vec()? == d))?;
        }
        let ua = Array::from_slice(&u, [n])?.to(&dev)?;
        check(4 * n as u64, "u32", &|| Ok(ua.to_vec()? == u))?;
        let ba = Array::from_slice(&b, [n])?.to(&dev)?;
        // Bools are u32 words on wgpu and bytes on CUDA.
        let word = if dev.to_string().starts_with("wgpu") { 4 } else { 1 };
        check(word * n as u64, "bool", &|| Ok(ba.to_vec()? == b))?;
        let tail = fa.slice(0, Some(3 << 20), None, 1)?;
        check(4 * (n - (3 << 20)) as u64, "offset f32 view", &|| Ok(tail.to_vec()? == f[3 << 20..]))?;
        check(4, "one element", &|| Ok(fa.slice(0, Some(n as isize - 1), None, 1)?.to_vec()? == [f[n - 1]]))?;
        // Nothing to copy must leave no staging buffer mapped for the next download.
        check(0, "empty", &|| Ok(fa.slice(0, Some(0), Some(0), 1)?.to_vec()?.is_empty()))?;
        check(4, "one element after an empty one", &|| Ok(fa.slice(0, None, Some(1), 1)?.to_vec()? == [0.0]))?;
    }
    Ok(())
}

#[test]
fn cpu_views_go_to_the_device_in_one_upload_of_their_own_elements() -> gpu::Result<()> {
    let _one_at_a_time = serial();
    let host: Vec<i32> = (0..60).collect();
    let base = Array::from_slice(&host, [6, 10])?;
    // A contiguous view with an offset (read in place) and a transposed one (gathered first).
    let rows = base.slice(0, Some(2), Some(5), 1)?;
    let cols = base.t();
    for dev in gpus() {
        for (view, want) in
            [(&rows, host[20..50].to_vec()), (&cols, (0..60).map(|k| host[(k % 6) * 10 + k / 6]).collect::<Vec<_>>())]
        {
            let before = dev.stats();
            let on_dev = view.to(&dev)?;
            let after = dev.stats();
            assert_eq!(after.uploads, before.uploads + 1, "{dev}: one upload for {:?}", view.shape());
            assert_eq!(
                after.upload_bytes,
                before.upload_bytes + 4 * want.len() as u64,
                "{dev}: only the view's elements"
            );
            assert_eq!(on_dev.shape(), view.shape());
            assert_eq!(on_dev.to_vec()?, want, "{dev}: {:?}", view.shape());
        }
    }
    Ok(())
}

#[test]
fn joins_of_resident_arrays_stay_on_the_device() -> gpu::Result<()> {
    let _one_at_a_time = serial();
    for dev in gpus() {
        let a = random::uniform::<f32>([300, 40], 0.0, 1.0, 1, &dev)?;
        let b = random::uniform::<f32>([200, 40], 0.0, 1.0, 2, &dev)?;
        dev.synchronize()?;
        let before = dev.stats();
        let rows = gpu::concatenate(&[&a, &b], 0)?;
        let cols = gpu::concatenate(&[&a.t(), &b.t()], 1)?;
        let pair = gpu::concatenate(&[&a.slice(0, None, Some(2), 1)?, &b.slice(0, None, Some(2), 1)?], 1)?;
        dev.synchronize()?;
        let after = dev.stats();
        assert_eq!((after.uploads, after.downloads), (before.uploads, before.downloads), "{dev}: joins moved data");
        // Axis 0: one kernel per input. Axis 1 with 40 rows: one per input, then one
        // transposing pass. Axis 1 with 2 rows: one per (row, input), straight into place.
        assert_eq!(after.kernel_launches - before.kernel_launches, 2 + 3 + 4, "{dev}: kernel launches");
        assert_eq!(pair.shape(), &[2, 80]);
        assert_eq!(rows.shape(), &[500, 40]);
        assert_eq!(cols.t().to_vec()?, rows.to_vec()?, "{dev}: axis 1 of the transposes is axis 0");
    }
    Ok(())
}

#[test]
fn takes_of_resident_arrays_stay_on_the_device() -> gpu::Result<()> {
    let _one_at_a_time = serial();
    for dev in gpus() {
        let table = random::uniform::<f32>([1000, 64], 0.0, 1.0, 1, &dev)?;
        let ids = random::uniform::<u32>([4, 32], 0, 1000, 2, &dev)?;
        dev.synchronize()?;
        let before = dev.stats();
        let rows = table.take(&ids, 0)?;
        let cols = table.t().take(&ids.slice(1, None, None, -1)?, 0)?;
        dev.synchronize()?;
        let after = dev.stats();
        assert_eq!((after.uploads, after.downloads), (before.uploads, before.downloads), "{dev}: take moved data");
        // One gather kernel each: neither views nor index shapes take extra passes.
        assert_eq!(after.kernel_launches - before.kernel_launches, 2, "{dev}: kernel launches");
        assert_eq!((rows.shape(), cols.shape()), (&[4, 32, 64][..], &[4, 32, 1000][..]));
        let host = table.to(&gpu::Device::cpu())?;
        let want = host.take(&ids.to(&gpu::Device::cpu())?, 0)?;
        assert_eq!(rows.to_vec()?, want.to_vec()?, "{dev}: rows");
    }
    Ok(())
}

#[test]
fn scans_of_resident_arrays_stay_on_the_device() -> gpu::Result<()> {
    let _one_at_a_time = serial();
    for dev in gpus() {
        let a = random::uniform::<f32>([100, 200], 0.0, 1.0, 1, &dev)?;
        let long = random::uniform::<u32>([1000], 0, 10, 2, &dev)?;
        dev.synchronize()?;
        let before = dev.stats();
        let rows = a.cumsum(1)?;
        let cols = a.t().cummax(1)?;
        let segmented = long.cumsum(0)?;
        dev.synchronize()?;
        let after = dev.stats();
        assert_eq!((after.uploads, after.downloads), (before.uploads, before.downloads), "{dev}: scans moved data");
        // Up to 256 rows: one pass. 1000 rows: segment totals, their scan, the rows.
        assert_eq!(after.kernel_launches - before.kernel_launches, 1 + 1 + 3, "{dev}: kernel launches");
        assert_eq!((rows.shape(), cols.shape()), (&[100, 200][..], &[200, 100][..]));
        let host = long.to_vec()?;
        let want: Vec<u32> = host
            .iter()
            .scan(0u32, |s, &x| {
                *s += x;
                Some(*s)
            })
            .collect();
        assert_eq!(segmented.to_vec()?, want, "{dev}: segmented cumsum");
    }
    Ok(())
}

#[test]
fn sorts_of_resident_arrays_stay_on_the_device() -> gpu::Result<()> {
    let _one_at_a_time = serial();
    for dev in gpus() {
        let a = random::uniform::<f32>([100, 200], 0.0, 1.0, 1, &dev)?;
        let long = random::uniform::<i32>([5000], -100, 100, 2, &dev)?;
        dev.synchronize()?;
        let before = dev.stats();
        let rows = a.argsort(1)?;
        let sorted = a.sort(1)?;
        let long_sorted = long.sort(0)?;
        dev.synchronize()?;
        let after = dev.stats();
        assert_eq!((after.uploads, after.downloads), (before.uploads, before.downloads), "{dev}: sorts moved data");
        // Rows of 200 (padded to 256): one workgroup-memory pass; `sort` adds a gather.
        // 5000 (padded to 8192): the first pass, then stages 2048, 4096 and 8192 with
        // 1, 2 and 3 global steps and a merge each: 10 passes, and the gather.
        assert_eq!(after.kernel_launches - before.kernel_launches, 1 + 2 + 11, "{dev}: kernel launches");
        assert_eq!((rows.shape(), sorted.shape()), (&[100, 200][..], &[100, 200][..]));
        let v = long_sorted.to_vec()?;
        assert!(v.windows(2).all(|w| w[0] <= w[1]), "{dev}: not ascending");
        // searchsorted: one kernel, nothing moved; unique: one download, its count.
        let before = dev.stats();
        let at = long_sorted.searchsorted(&long, gpu::Side::Left)?;
        dev.synchronize()?;
        let after = dev.stats();
        assert_eq!((after.uploads, after.downloads), (before.uploads, before.downloads), "{dev}: searchsorted");
        assert_eq!(after.kernel_launches - before.kernel_launches, 1, "{dev}: searchsorted launches");
        let before = dev.stats();
        let u = long.unique()?;
        let after = dev.stats();
        assert_eq!(after.uploads, before.uploads, "{dev}: unique uploaded");
        assert_eq!((after.downloads - before.downloads, after.download_bytes - before.download_bytes), (1, 4), "{dev}");
        assert!(u.len() <= 200 && at.len() == 5000);
    }
    Ok(())
}

#[test]
fn scatter_adds_into_resident_arrays_stay_on_the_device() -> gpu::Result<()> {
    let _one_at_a_time = serial();
    for dev in gpus() {
        let mut a = Array::<f32>::zeros([1000, 100], &dev)?;
        let idx = random::uniform::<u32>([5000], 0, 100_000, 2, &dev)?;
        let vals = random::uniform::<f32>([5000], 1.0, 2.0, 3, &dev)?;
        dev.synchronize()?;
        let before = dev.stats();
        a.scatter_add(&idx, &vals)?;
        dev.synchronize()?;
        let after = dev.stats();
        let moved = (after.uploads - before.uploads, after.downloads - before.downloads);
        assert_eq!(moved, (0, 0), "{dev}: scatter_add moved data");
        // One kernel of atomic adds, in place.
        assert_eq!(after.kernel_launches - before.kernel_launches, 1, "{dev}: kernel launches");
        assert!(a.sum()?.item()? >= 5000.0, "{dev}: nothing was added");
    }
    Ok(())
}

#[test]
fn puts_into_resident_arrays_stay_on_the_device() -> gpu::Result<()> {
    let _one_at_a_time = serial();
    for dev in gpus() {
        let mut a = random::uniform::<f32>([1000, 100], 0.0, 1.0, 1, &dev)?;
        let idx = random::uniform::<u32>([5000], 0, 100_000, 2, &dev)?;
        let vals = random::uniform::<f32>([5000], -1.0, 0.0, 3, &dev)?;
        dev.synchronize()?;
        let before = dev.stats();
        a.put(&idx, &vals)?;
        dev.synchronize()?;
        let after = dev.stats();
        assert_eq!((after.uploads, after.downloads), (before.uploads, before.downloads), "{dev}: put moved data");
        // Claim, then write: two kernels, in place (no copy of the target). The claims
        // start zeroed by a buffer clear (wgpu) or memset (CUDA), not a kernel.
        assert_eq!(after.kernel_launches - before.kernel_launches, 2, "{dev}: kernel launches");
        assert!(a.min()?.item()? < 0.0, "{dev}: nothing was written");
    }
    Ok(())
}

#[test]
fn bincount_downloads_only_the_maximum() -> gpu::Result<()> {
    let _one_at_a_time = serial();
    for dev in gpus() {
        let x = random::uniform::<u32>([100_000], 0, 300, 4, &dev)?;
        dev.synchronize()?;
        let before = dev.stats();
        let counts = x.bincount(0)?;
        dev.synchronize()?;
        let after = dev.stats();
        // The length depends on the data: the maximum (one u32) comes to the host; the
        // counting stays on the device.
        assert_eq!(after.uploads, before.uploads, "{dev}: bincount uploaded");
        assert_eq!((after.downloads - before.downloads, after.download_bytes - before.download_bytes), (1, 4), "{dev}");
        assert_eq!(counts.sum()?.item()?, 100_000, "{dev}: counts do not add up");
    }
    Ok(())
}

#[test]
fn extract_downloads_only_its_count() -> gpu::Result<()> {
    let _one_at_a_time = serial();
    for dev in gpus() {
        let a = random::uniform::<f32>([1000, 100], -1.0, 1.0, 1, &dev)?;
        dev.synchronize()?;
        let before = dev.stats();
        let picked = a.extract(&a.gt_scalar(0.0)?)?;
        let after = dev.stats();
        // The result's length is data-dependent: one u32 comes back, nothing else.
        assert_eq!(after.uploads, before.uploads, "{dev}: extract uploaded");
        assert_eq!((after.downloads - before.downloads, after.download_bytes - before.download_bytes), (1, 4), "{dev}");
        let host = a.to_vec()?;
        assert_eq!(picked.to_vec()?, host.into_iter().filter(|&x| x > 0.0).collect::<Vec<_>>(), "{dev}: values");
    }
    Ok(())
}

#[test]
fn chains_of_ops_stay_on_the_device() -> gpu::Result<()> {
    let _one_at_a_time = serial();
    for dev in gpus() {
        let a = Array::<f32>::ones([1000, 100], &dev)?;
        let b = random::normal::<f32>([100], 0.0, 1.0, 3, &dev)?;
        let before = dev.stats();
        let mut c = a.clone();
        for i in 0..10 {
            c = match i % 5 {
                0 => &c + &b,
                1 => c.mul_scalar(0.5)?,
                2 => c.tanh()?,
                3 => c.maximum(&a)?,
                _ => c.sub_scalar(1.0)?,
            };
        }
        dev.synchronize()?;
        let after = dev.stats();
        assert_eq!(after.downloads, before.downloads, "{dev}: a chain of 10 ops downloaded");
        assert_eq!(after.uploads, before.uploads, "{dev}: a chain of 10 ops uploaded");
        assert!(after.kernel_launches >= before.kernel_launches + 10);
        assert_eq!(c.shape(), &[1000, 100]);
    }
    Ok(())
}

#[test]
fn pool_recycles_same_shape_buffers() -> gpu::Result<()> {
    let _one_at_a_time = serial();
    for dev in gpus() {
        let a = Array::<f32>::ones([512, 512], &dev)?;
        let b = Array::<f32>::full([512, 512], 2.0, &dev)?;
        // Warm-up with the loop's own pattern (two temporaries alive at once).
        for _ in 0..5 {
            let c = &a * &b;
            drop(c.add_scalar(1.0)?);
        }
        dev.synchronize()?;
        let before = dev.stats();
        for _ in 0..1000 {
            let c = &a * &b;
            let d = c.add_scalar(1.0)?;
            drop((c, d));
        }
        dev.synchronize()?;
        let after = dev.stats();
        let hits = after.pool_hits - before.pool_hits;
        let misses = after.pool_misses - before.pool_misses;
        let rate = hits as f64 / (hits + misses) as f64;
        assert!(rate >= 0.99, "{dev}: pool hit rate {rate} ({hits} hits, {misses} misses)");
        assert_eq!(after.bytes_in_use, before.bytes_in_use, "{dev}: memory in use grew");
        assert_eq!(after.allocations, before.allocations, "{dev}: fresh allocations in a steady loop");
        dev.trim();
        assert_eq!(dev.stats().pool_bytes, 0, "{dev}: trim releases idle buffers");
    }
    Ok(())
}

#[test]
fn invalid_kernels_and_device_faults_are_errors() -> gpu::Result<()> {
    let _one_at_a_time = serial();
    for dev in gpus().into_iter().filter(|d| d.kind() == gpu::DeviceKind::Wgpu) {
        match gpu::testing::compile_wgsl(&dev, "@compute @workgroup_size(1) fn main() { let x: f32 = 1u; }") {
            Err(Error::KernelCompile { kernel, device, log }) => {
                assert_eq!(kernel, "test");
                assert!(device.contains("wgpu"), "{device}");
                assert!(log.contains("f32") && log.contains("u32"), "the compiler log is passed through: {log}");
            }
            other => panic!("invalid WGSL: {other:?}"),
        }
        gpu::testing::inject_fault(&dev);
        match dev.synchronize() {
            Err(Error::Backend { message, .. }) => {
                assert!(message.contains("invalid on purpose") || message.contains("Usage"))
            }
            other => panic!("an uncaptured validation error must surface at the next sync point: {other:?}"),
        }
        // Reported once; the device keeps working.
        dev.synchronize()?;
        assert_eq!(Array::<i32>::arange(0, 5, 1, &dev)?.sum()?.item()?, 10);
    }
    Ok(())
}

#[test]
fn arrays_move_between_devices_explicitly() -> gpu::Result<()> {
    let _one_at_a_time = serial();
    for dev in gpus() {
        let host = Array::from_vec((0..12).map(|x| x as f64 * 0.5).collect::<Vec<_>>(), [3, 4])?;
        if !dev.supports(gpu::DType::F64) {
            assert!(matches!(host.to(&dev), Err(Error::Unsupported { .. })));
            continue;
        }
        let before = dev.stats();
        let d = host.to(&dev)?;
        let after = dev.stats();
        assert_eq!((after.uploads - before.uploads, after.upload_bytes - before.upload_bytes), (1, 96));
        assert_eq!(d.to(&dev)?.device(), &dev, "to() the same device shares");
        assert_eq!(dev.stats().uploads, after.uploads);
        let back = d.t().to(&Device::cpu())?;
        assert_eq!(back.to_vec()?, host.t().to_vec()?);
        match d.add(&host) {
            Err(Error::DeviceMismatch { lhs, rhs, .. }) => {
                assert!(lhs.contains("wgpu") || lhs.contains("cuda") && rhs.contains("cpu"))
            }
            other => panic!("{other:?}"),
        }
    }
    Ok(())
}

#[test]
fn contractions_of_resident_arrays_stay_on_the_device() -> gpu::Result<()> {
    let _one_at_a_time = serial();
    for dev in gpus() {
        let a = random::uniform::<f32>([8, 16, 32], -1.0, 1.0, 4, &dev)?;
        let b = random::uniform::<f32>([8, 32, 24], -1.0, 1.0, 5, &dev)?;
        let c = random::uniform::<f32>([24], -1.0, 1.0, 6, &dev)?;
        dev.synchronize()?;
        let before = dev.stats();
        let e = gpu::einsum("bij,bjk,k->bi", &[&a, &b, &c])?;
        let t = gpu::tensordot(&a, &b, ([0, 2], [0, 1]))?;
        let k = gpu::kron(&c, &c)?;
        let total = e.sum()?.add(&t.sum()?)?.add(&k.sum()?)?;
        dev.synchronize()?;
        let after = dev.stats();
        let moved = (after.uploads - before.uploads, after.downloads - before.downloads);
        assert_eq!(moved, (0, 0), "{dev}: einsum/tensordot/kron moved data");
        assert!(total.item()?.is_finite());
        assert_eq!(dev.stats().downloads - after.downloads, 1, "{dev}: item() downloads one element");
    }
    Ok(())
}

#[test]
fn pads_and_view_assignments_move_nothing() -> gpu::Result<()> {
    let _one_at_a_time = serial();
    for dev in gpus() {
        let mut a = Array::<f32>::zeros([64, 64], &dev)?;
        let v = Array::<f32>::ones([32, 64], &dev)?;
        dev.synchronize()?;
        let before = dev.stats();
        a.assign_view(|x| x.slice(0, None, None, 2), &v)?;
        a.fill_view(|x| x.slice(1, Some(-1), None, 1), 5.0)?;
        let p = a.pad(&[(3, 3)], gpu::PadMode::Reflect)?;
        let q = a.pad(&[(1, 2)], gpu::PadMode::Constant(0.0))?;
        dev.synchronize()?;
        let after = dev.stats();
        let moved = (after.uploads - before.uploads, after.downloads - before.downloads);
        assert_eq!(moved, (0, 0), "{dev}: assign_view/fill_view/pad moved data");
        let total = 32.0 * 64.0 - 32.0 + 64.0 * 5.0;
        assert_eq!(a.sum()?.item()?, total);
        assert_eq!(q.sum()?.item()?, total);
        assert!(p.sum()?.item()? > total);
    }
    Ok(())
}

#[test]
fn linear_solves_download_one_flag() -> gpu::Result<()> {
    let _one_at_a_time = serial();
    for dev in gpus() {
        let a = random::uniform::<f32>([16, 16], -1.0, 1.0, 7, &dev)?
            .add(&Array::<f32>::eye(16, &dev)?.mul_scalar(16.0)?)?;
        let b = Array::<f32>::ones([16], &dev)?;
        dev.synchronize()?;
        let s0 = dev.stats();
        let d = gpu::linalg::det(&a)?;
        dev.synchronize()?;
        let s1 = dev.stats();
        assert_eq!((s1.uploads - s0.uploads, s1.downloads - s0.downloads), (0, 0), "{dev}: det moved data");
        let x = gpu::linalg::solve(&a, &b)?;
        dev.synchronize()?;
        let s2 = dev.stats();
        assert_eq!(s2.uploads - s1.uploads, 0, "{dev}: solve uploaded");
        assert_eq!(s2.downloads - s1.downloads, 1, "{dev}: solve downloads the singularity flag only");
        assert!(d.item()?.is_finite() && x.sum()?.item()?.is_finite());
        // A stack of 8 costs the same: one flag for solve, nothing for slogdet, matrix_power or qr.
        let stack = a.broadcast_to([8, 16, 16])?.add(&random::uniform::<f32>([8, 16, 16], 0.0, 0.1, 8, &dev)?)?;
        let bs = Array::<f32>::ones([8, 16, 3], &dev)?;
        dev.synchronize()?;
        let s3 = dev.stats();
        let xs = gpu::linalg::solve(&stack, &bs)?;
        let (sign, logabs) = gpu::linalg::slogdet(&stack)?;
        let p = gpu::linalg::matrix_power(&stack, 3)?;
        let (q, r) = gpu::linalg::qr(&stack, gpu::linalg::QrMode::Reduced)?;
        dev.synchronize()?;
        let s4 = dev.stats();
        assert_eq!(s4.uploads - s3.uploads, 0, "{dev}: stacked solve/slogdet/matrix_power/qr uploaded");
        assert_eq!(s4.downloads - s3.downloads, 1, "{dev}: a stacked solve downloads one flag, the rest nothing");
        assert_eq!((q.shape(), r.shape()), (&[8, 16, 16][..], &[8, 16, 16][..]));
        // svd: one flag per Jacobi sweep (a handful), nothing uploaded.
        let (u, s, vh) = gpu::linalg::svd(&stack, false)?;
        dev.synchronize()?;
        let s5 = dev.stats();
        let sweeps = s5.downloads - s4.downloads;
        assert_eq!(s5.uploads - s4.uploads, 0, "{dev}: svd uploaded");
        assert!((2..=20).contains(&sweeps), "{dev}: svd downloaded {sweeps} flags");
        assert_eq!((u.shape(), s.shape(), vh.shape()), (&[8, 16, 16][..], &[8, 16][..], &[8, 16, 16][..]));
        let sym = stack.add(&stack.swapaxes(-1, -2)?)?;
        dev.synchronize()?;
        let s6 = dev.stats();
        let (w, v) = gpu::linalg::eigh(&sym, gpu::linalg::Triangle::Lower)?;
        dev.synchronize()?;
        let s7 = dev.stats();
        let sweeps = s7.downloads - s6.downloads;
        assert_eq!(s7.uploads - s6.uploads, 0, "{dev}: eigh uploaded");
        assert!((2..=20).contains(&sweeps), "{dev}: eigh downloaded {sweeps} flags");
        assert_eq!((w.shape(), v.shape()), (&[8, 16][..], &[8, 16, 16][..]));
        // cond by norms (an unchecked inverse) and the norms, multi_dot, cross: nothing moves.
        use gpu::linalg::NormOrd;
        let c1 = gpu::linalg::cond(&stack, Some(NormOrd::L1))?;
        let fro = gpu::linalg::matrix_norm(&stack, NormOrd::Frobenius, false)?;
        let vn = gpu::linalg::vector_norm(&stack, Some(&[-1]), NormOrd::P(3.0), false)?;
        let chain = gpu::linalg::multi_dot(&[&a, &a.t(), &a, &b])?;
        let cr = gpu::cross(&stack.slice(-1, Some(0), Some(3), 1)?, &bs, -1)?;
        dev.synchronize()?;
        let s8 = dev.stats();
        assert_eq!((s8.uploads - s7.uploads, s8.downloads - s7.downloads), (0, 0), "{dev}: cond/norms/multi_dot/cross");
        assert_eq!((c1.shape(), fro.shape(), vn.shape()), (&[8][..], &[8][..], &[8, 16][..]));
        assert_eq!((chain.shape(), cr.shape()), (&[16][..], &[8, 16, 3][..]));
        assert_eq!(
            (xs.shape(), sign.shape(), logabs.shape(), p.shape()),
            (&[8, 16, 3][..], &[8][..], &[8][..], &[8, 16, 16][..])
        );
    }
    Ok(())
}

#[test]
fn fft_uploads_only_the_chirp_once_and_compositions_nothing() -> gpu::Result<()> {
    let _one_at_a_time = serial();
    for dev in gpus() {
        gpu::fft::clear_plan_cache();
        let x = random::uniform::<f32>([4, 1024], -1.0, 1.0, 3, &dev)?;
        let y = random::uniform::<f32>([4, 1000], -1.0, 1.0, 4, &dev)?;
        let z = random::uniform::<f32>([4, 1031], -1.0, 1.0, 5, &dev)?;
        dev.synchronize()?;
        let s0 = dev.stats();
        let (re, im) = gpu::fft::fft(&x, None, -1)?;
        let back =
            gpu::fft::irfft(&re.slice(-1, None, Some(513), 1)?, &im.slice(-1, None, Some(513), 1)?, Some(1024), -1)?;
        let (r1, _) = gpu::fft::fft(&y, None, -1)?;
        dev.synchronize()?;
        let s1 = dev.stats();
        assert_eq!(
            (s1.uploads - s0.uploads, s1.downloads - s0.downloads),
            (0, 0),
            "{dev}: a power-of-two or mixed-radix fft moved data"
        );
        // Bluestein (1031 is prime): the chirp (re, im) and its padded kernel (re, im),
        // once; the plan cache serves the next transform of that length.
        let bluestein = |what: &str, uploads: u64| -> gpu::Result<Array<f32>> {
            let before = dev.stats();
            let (r, _) = gpu::fft::fft(&z, None, -1)?;
            dev.synchronize()?;
            let after = dev.stats();
            let moved = (after.uploads - before.uploads, after.downloads - before.downloads);
            assert_eq!(moved, (uploads, 0), "{dev}: Bluestein's transfers, {what}");
            Ok(r)
        };
        let r2 = bluestein("first", 4)?;
        let again = bluestein("planned", 0)?;
        assert_eq!(r2.to_vec()?, again.to_vec()?, "{dev}: the planned transform differs");
        gpu::fft::clear_plan_cache();
        bluestein("after clear_plan_cache", 4)?;
        gpu::fft::set_plan_cache_size(0);
        bluestein("uncached, first", 4)?;
        bluestein("uncached, second", 4)?;
        assert_eq!(gpu::fft::plan_cache_len(), 0);
        gpu::fft::set_plan_cache_size(gpu::fft::DEFAULT_PLAN_CACHE_SIZE);
        let s2 = dev.stats();
        assert_eq!((back.shape(), r1.shape(), r2.shape()), (&[4, 1024][..], &[4, 1000][..], &[4, 1031][..]));
        // fftconvolve, and the other compositions that promise to stay on the device.
        let a = x.index_axis(0, 0)?;
        let v = y.index_axis(0, 1)?.slice(0, None, Some(37), 1)?;
        let c = gpu::fftconvolve(&a, &v, gpu::ConvolveMode::Same)?;
        let g = x.gradient(-1, 0.5, 2)?;
        let p = gpu::polyval(&v, &a)?;
        let t = x.trapezoid(0.1, -1)?;
        let e = gpu::einsum("ij,kj,k->i", &[&x, &x, &t])?;
        dev.synchronize()?;
        let s3 = dev.stats();
        assert_eq!(
            (s3.uploads - s2.uploads, s3.downloads - s2.downloads),
            (0, 0),
            "{dev}: fftconvolve and friends moved data"
        );
        assert_eq!((c.len(), g.shape(), p.len(), e.len()), (1024, &[4, 1024][..], 1024, 4));
    }
    Ok(())
}

#[test]
fn sampling_moves_nothing_but_choices_probabilities() -> gpu::Result<()> {
    let _one_at_a_time = serial();
    for dev in gpus() {
        let a = random::uniform::<f32>([1000], -1.0, 1.0, 3, &dev)?;
        let p = Array::<f32>::full([1000], 1e-3, &dev)?;
        dev.synchronize()?;
        let s0 = dev.stats();
        let e = random::exponential::<f32>([1000], 2.0, 1, &dev)?;
        let l = random::laplace::<f32>([1000], 0.0, 1.0, 2, &dev)?;
        let c = random::standard_cauchy::<f32>([1000], 3, &dev)?;
        let perm = random::permutation(1000, 4, &dev)?;
        let s = random::shuffled(&a, 0, 5)?;
        let u = random::choice(&a, [10], true, 6)?;
        let w = random::choice(&a, [10], false, 7)?;
        let wr = random::choice_weighted(&a, [10], false, &p, 8)?;
        dev.synchronize()?;
        let s1 = dev.stats();
        assert_eq!((s1.uploads - s0.uploads, s1.downloads - s0.downloads), (0, 1), "{dev}: sampling moved data");
        // With replacement and p: p downloaded to be checked, its cdf uploaded.
        let ww = random::choice_weighted(&a, [10], true, &p, 9)?;
        dev.synchronize()?;
        let s2 = dev.stats();
        assert_eq!((s2.uploads - s1.uploads, s2.downloads - s1.downloads), (1, 1), "{dev}: weighted choice");
        let lens = [e.len(), l.len(), c.len(), perm.len(), s.len(), u.len(), w.len(), wr.len(), ww.len()];
        assert_eq!(lens, [1000, 1000, 1000, 1000, 1000, 10, 10, 10, 10]);
    }
    Ok(())
}
