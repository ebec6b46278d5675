//! `bincount` on every backend against a host count: few bins (wgpu counts them in
//! workgroup memory first) and many (atomics on the device's memory directly), heavy
//! contention (one value everywhere), `minlength` above and below the data's range,
//! strided input (copied dense first), empty input, the histogram idiom with
//! `searchsorted`, and errors. Counts past one storage binding are in `gpu_limits.rs`;
//! the one download (the maximum) in `transfers.rs`.

#[macro_use]
mod common;

use gpu::{random, Array, Device, Error, Side};

fn host_count(vals: &[u32], minlength: usize) -> Vec<u32> {
    let len = vals.iter().map(|&v| v as usize + 1).max().unwrap_or(0).max(minlength);
    let mut out = vec![0u32; len];
    for &v in vals {
        out[v as usize] += 1;
    }
    out
}

fn counts(dev: &Device) -> gpu::Result<()> {
    // (values, range, minlength): few bins, a window of exactly 4096, many bins, minlength.
    for (n, high, minlength) in
        [(1usize, 1u32, 0usize), (1000, 10, 0), (70_000, 4096, 0), (70_000, 100_000, 0), (5000, 7, 20), (300, 50, 3)]
    {
        let x = random::uniform::<u32>([n], 0, high, n as u64 + u64::from(high), &Device::cpu())?;
        let host = x.to_vec()?;
        let got = x.to(dev)?.bincount(minlength)?;
        assert_eq!(got.to_vec()?, host_count(&host, minlength), "bincount of {n} values below {high}");
    }
    // All the same value: every atomic add hits one counter.
    let same = Array::<u32>::full([100_000], 3, dev)?;
    assert_eq!(same.bincount(0)?.to_vec()?, vec![0, 0, 0, 100_000]);
    // A strided view: every other value, reversed.
    let x = Array::<u32>::arange(0, 1000, 1, dev)?.rem_scalar(9)?;
    let v = x.slice(0, None, None, -2)?;
    assert_eq!(v.bincount(0)?.to_vec()?, host_count(&v.to_vec()?, 0), "strided view");
    Ok(())
}

fn histogram(dev: &Device) -> gpu::Result<()> {
    // Bin edges and samples: searchsorted gives each sample's bin (0: below the first
    // edge, edges.len(): at or above the last), bincount counts them.
    let edges = Array::<f32>::linspace(-2.0, 2.0, 9, dev)?;
    let x = random::normal::<f32>([20_000], 0.0, 1.0, 5, &Device::cpu())?;
    let host_x = x.to_vec()?;
    let host_e = edges.to_vec()?;
    let bins = edges.searchsorted(&x.to(dev)?, Side::Right)?.bincount(host_e.len() + 1)?;
    let mut want = vec![0u32; host_e.len() + 1];
    for v in host_x {
        want[host_e.partition_point(|&e| e <= v)] += 1;
    }
    assert_eq!(bins.to_vec()?, want);
    Ok(())
}

backend_tests! {
    fn bincount_counts(dev) { counts(dev) }
    fn bincount_histogram(dev) { histogram(dev) }
    fn bincount_edges_and_errors(dev) {
        let empty = Array::<u32>::zeros([0], dev)?;
        assert_eq!(empty.bincount(0)?.shape(), &[0]);
        assert_eq!(empty.bincount(4)?.to_vec()?, vec![0; 4]);
        let two_d = Array::<u32>::zeros([2, 2], dev)?;
        assert!(matches!(two_d.bincount(0), Err(Error::InvalidArgument { .. })));
        Ok(())
    }
}
