//! Constructors and random arrays on every backend: zeros/ones/full/arange/linspace/eye,
//! and the counter-based generator — streams checked bit for bit against an
//! independent Philox4x32-10 written here from the paper, plus distribution statistics.

#[macro_use]
mod common;

use gpu::{random, Array, DType, Device};

/// Philox4x32-10 from Salmon et al. (SC'11), written independently of the library.
fn philox(ctr: [u32; 4], key: [u32; 2]) -> [u32; 4] {
    let (mut c, mut k) = (ctr, key);
    for r in 0..10 {
        if r > 0 {
            k = [k[0].wrapping_add(0x9E3779B9), k[1].wrapping_add(0xBB67AE85)];
        }
        let p0 = 0xD2511F53u64 * c[0] as u64;
        let p1 = 0xCD9E8D57u64 * c[2] as u64;
        c = [(p1 >> 32) as u32 ^ c[1] ^ k[0], p1 as u32, (p0 >> 32) as u32 ^ c[3] ^ k[1], p0 as u32];
    }
    c
}

fn words(seed: u64, block: u64) -> [u32; 4] {
    philox([block as u32, (block >> 32) as u32, 0, 0], [seed as u32, (seed >> 32) as u32])
}

#[test]
fn reference_philox_matches_random123_known_answers() {
    assert_eq!(philox([0; 4], [0; 2]), [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]);
    assert_eq!(
        philox([0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0]),
        [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1]
    );
}

backend_tests! {
    fn constants(dev) {
        assert_eq!(Array::<f32>::zeros([2, 3], dev)?.to_vec()?, vec![0.0; 6]);
        assert_eq!(Array::<i32>::ones([4], dev)?.to_vec()?, vec![1; 4]);
        assert_eq!(Array::<u32>::full([2, 2], 7, dev)?.to_vec()?, vec![7; 4]);
        assert_eq!(Array::<bool>::full([3], true, dev)?.to_vec()?, vec![true; 3]);
        assert_eq!(Array::<f32>::zeros([0, 5], dev)?.shape(), &[0, 5]);
        let s = Array::<f32>::full([], 2.5, dev)?;
        assert_eq!((s.shape(), s.item()?), (&[][..], 2.5));
        assert_eq!(Array::<f32>::eye(3, dev)?.to_vec()?, vec![1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0]);
        let z = Array::<i32>::zeros_like(&Array::<i32>::ones([2, 5], dev)?)?;
        assert_eq!((z.shape(), z.device()), (&[2usize, 5][..], dev));
        Ok(())
    }

    fn ranges(dev) {
        assert_eq!(Array::<i32>::arange(0, 10, 3, dev)?.to_vec()?, vec![0, 3, 6, 9]);
        assert_eq!(Array::<i32>::arange(5, -5, -4, dev)?.to_vec()?, vec![5, 1, -3]);
        assert_eq!(Array::<u32>::arange(3, 3, 1, dev)?.len(), 0);
        assert_eq!(Array::<f32>::arange(0.0, 1.0, 0.25, dev)?.to_vec()?, vec![0.0, 0.25, 0.5, 0.75]);
        let l = Array::<f32>::linspace(-1.0, 1.0, 5, dev)?;
        assert_eq!(l.to_vec()?, vec![-1.0, -0.5, 0.0, 0.5, 1.0]);
        let l = Array::<f32>::linspace(0.0, 1.0, 7, dev)?.to_vec()?;
        assert_eq!(l[6], 1.0, "the last element is exactly stop");
        assert_eq!(Array::<f32>::linspace(3.0, 9.0, 1, dev)?.to_vec()?, vec![3.0]);
        assert_eq!(Array::<f32>::linspace(3.0, 9.0, 0, dev)?.len(), 0);
        let big = Array::<u32>::arange(0, 1_000_003, 1, dev)?.to_vec()?;
        assert!(big.iter().enumerate().all(|(i, &v)| v == i as u32));
        Ok(())
    }

    fn log_and_geometric_ranges(dev) {
        let p: Vec<f32> = (0..=30).map(|k| 2f32.powi(k - 10)).collect();
        assert_eq!(Array::<f32>::logspace(-10.0, 20.0, 31, 2.0, dev)?.to_vec()?, p, "powers of two");
        assert_eq!(Array::<f32>::logspace(1.0, 2.0, 0, 10.0, dev)?.len(), 0);
        // f32 is computed in f64 and rounded once where the device has f64, else in f32
        // (run so by `log_and_geometric_ranges_without_f64`), a few ulps off; the ends are
        // exact either way.
        let g = Array::<f32>::geomspace(-8.0, -1.0, 4, dev)?.to_vec()?;
        let want = [-8.0f32, -4.0, -2.0, -1.0];
        if dev.supports(DType::F64) {
            assert_eq!(g, want, "f32 geomspace through f64");
        }
        for (v, w) in g.iter().zip(want) {
            assert!((v - w).abs() <= 4.0 * f32::EPSILON * w.abs(), "f32 geomspace {g:?}, want {want:?}");
        }
        let (s, e, n) = (0.3f64, 7.0e12, 25usize);
        let g = Array::<f32>::geomspace(s as f32, e as f32, n, dev)?.to_vec()?;
        assert_eq!((g[0], g[n - 1]), (s as f32, e as f32));
        for (k, v) in g.iter().enumerate() {
            let w = (s as f32 as f64) * ((e as f32 as f64) / (s as f32 as f64)).powf(k as f64 / (n - 1) as f64);
            assert!((*v as f64 - w).abs() <= 64.0 * f32::EPSILON as f64 * w, "f32 geomspace[{k}] = {v:e}, want {w:e}");
        }
        if !dev.supports(DType::F64) {
            println!("{dev}: no f64, f32 ranges computed in f32");
            return Ok(());
        }
        let l = Array::<f64>::logspace(0.0, 3.0, 4, 10.0, dev)?;
        assert_eq!(l.to_vec()?, vec![1.0, 10.0, 100.0, 1000.0], "exact powers of ten");
        // Against NumPy's formula in f64 on the host: base^linspace.
        let got = Array::<f64>::logspace(-2.5, 7.25, 40, 3.0, dev)?.to_vec()?;
        for (k, g) in got.iter().enumerate() {
            let y = -2.5 + (7.25 + 2.5) * k as f64 / 39.0;
            let w = 3f64.powf(y);
            assert!((g - w).abs() <= 4.0 * f64::EPSILON * w * (1.0 + y.abs()), "logspace[{k}] = {g:e}, want {w:e}");
        }
        assert_eq!(Array::<f64>::geomspace(1.0, 1000.0, 4, dev)?.to_vec()?, vec![1.0, 10.0, 100.0, 1000.0]);
        assert_eq!(Array::<f64>::geomspace(5.0, 9.0, 1, dev)?.to_vec()?, vec![5.0]);
        // Ends exactly start and stop, the rest within rounding of start·r^k.
        let g = Array::<f64>::geomspace(s, e, n, dev)?.to_vec()?;
        assert_eq!((g[0], g[n - 1]), (s, e));
        for (k, v) in g.iter().enumerate() {
            let w = s * (e / s).powf(k as f64 / (n - 1) as f64);
            assert!((v - w).abs() <= 1e-13 * w, "geomspace[{k}] = {v:e}, want {w:e}");
        }
        Ok(())
    }

    fn uniform_u32_and_f32_streams_are_bit_exact(dev) {
        let n = 100_003;
        let seed = 0x1234_5678_9abc_def0;
        let u = random::uniform::<u32>([n], 10, 1000, seed, dev)?.to_vec()?;
        let f = random::uniform::<f32>([n], 0.0, 1.0, seed, dev)?.to_vec()?;
        let g = random::uniform::<f32>([n], -3.0, 5.0, seed, dev)?.to_vec()?;
        for i in 0..n {
            let w = words(seed, (i / 4) as u64)[i % 4];
            assert_eq!(u[i], 10 + ((w as u64 * 990) >> 32) as u32, "u32 element {i}");
            let unit = (w >> 8) as f32 / 16_777_216.0;
            assert_eq!(f[i].to_bits(), unit.to_bits(), "f32 element {i}");
            let v = -3.0 + 8.0 * unit;
            let v = if v < 5.0 { v } else { -3.0 };
            assert!((g[i] - v).abs() <= f32::EPSILON * 8.0, "scaled f32 element {i}: {} vs {v}", g[i]);
        }
        let i = random::uniform::<i32>([1000], -5, 5, 3, dev)?.to_vec()?;
        assert!(i.iter().all(|&x| (-5..5).contains(&x)) && i.contains(&-5) && i.contains(&4));
        Ok(())
    }

    fn uniform_f64_stream_is_exact(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        let v = random::uniform::<f64>([1001], 0.0, 1.0, 77, dev)?.to_vec()?;
        for (i, &x) in v.iter().enumerate() {
            let w = words(77, (i / 2) as u64);
            let j = 2 * (i % 2);
            let want = ((w[j] >> 5) as f64 * 67_108_864.0 + (w[j + 1] >> 6) as f64) / 9_007_199_254_740_992.0;
            assert_eq!(x.to_bits(), want.to_bits(), "f64 element {i}");
        }
        Ok(())
    }

    fn distributions_have_the_right_moments(dev) {
        let n = 1 << 20;
        let u = random::uniform::<f32>([n], 2.0, 4.0, 5, dev)?;
        let (mean, var) = (u.mean()?.item()?, u.var()?.item()?);
        assert!((mean - 3.0).abs() < 0.01 && (var - 1.0 / 3.0).abs() < 0.01, "uniform mean {mean} var {var}");
        let (lo, hi) = (u.min()?.item()?, u.max()?.item()?);
        assert!(lo >= 2.0 && hi < 4.0, "uniform range [{lo}, {hi}]");
        let z = random::normal::<f32>([n], -1.0, 3.0, 6, dev)?;
        let (mean, std) = (z.mean()?.item()?, z.std()?.item()?);
        assert!((mean + 1.0).abs() < 0.02 && (std - 3.0).abs() < 0.02, "normal mean {mean} std {std}");
        // About 68.3% within one sigma.
        let inside = z.add_scalar(1.0)?.abs()?.lt_scalar(3.0)?.cast::<f32>()?.mean()?.item()?;
        assert!((inside - 0.6827).abs() < 0.005, "one-sigma fraction {inside}");
        if dev.supports(DType::F64) {
            let z = random::normal::<f64>([n], 0.0, 1.0, 8, dev)?;
            assert!(z.mean()?.item()?.abs() < 0.01 && (z.std()?.item()? - 1.0).abs() < 0.01);
        }
        // Different seeds differ; the same seed repeats.
        let a = random::normal::<f32>([64], 0.0, 1.0, 1, dev)?.to_vec()?;
        assert_eq!(a, random::normal::<f32>([64], 0.0, 1.0, 1, dev)?.to_vec()?);
        assert_ne!(a, random::normal::<f32>([64], 0.0, 1.0, 2, dev)?.to_vec()?);
        Ok(())
    }
}

#[test]
fn random_streams_agree_across_devices() -> gpu::Result<()> {
    let cpu = Device::cpu();
    let want = random::uniform::<f32>([4099], 0.0, 1.0, 9, &cpu)?.to_vec()?;
    for backend in ["wgpu", "cuda"] {
        if let Some(dev) = common::device(backend, 1, file!()) {
            let got = random::uniform::<f32>([4099], 0.0, 1.0, 9, &dev)?.to_vec()?;
            assert!(want.iter().zip(&got).all(|(a, b)| a.to_bits() == b.to_bits()), "{backend} stream differs");
            let n_cpu = random::normal::<f32>([4099], 0.0, 1.0, 9, &cpu)?.to_vec()?;
            let n_dev = random::normal::<f32>([4099], 0.0, 1.0, 9, &dev)?.to_vec()?;
            common::assert_all_close(&n_dev, &n_cpu, common::Tol { abs: 1e-5, rel: 1e-5 }, "normal stream");
        }
    }
    Ok(())
}

#[test]
fn from_slice_copies_into_recycled_cpu_buffers() -> gpu::Result<()> {
    // Host data copied in lands in a pooled buffer: a second same-size copy after the
    // first array is dropped reuses it (no fresh allocation, no page faults).
    let host: Vec<f32> = (0..1_000_003).map(|i| i as f32).collect();
    let cpu = Device::cpu();
    drop(Array::from_slice(&host, [host.len()])?);
    let before = cpu.stats();
    let a = Array::from_slice(&host, [host.len()])?;
    let after = cpu.stats();
    assert!(after.pool_hits > before.pool_hits, "from_slice missed the pool: {before:?} -> {after:?}");
    assert_eq!(a.to_vec()?, host);
    assert_eq!(a.shape(), &[1_000_003]);
    Ok(())
}

/// The f32 ranges on a wgpu device without SHADER_F64, computed in f32 there.
#[test]
fn log_and_geometric_ranges_without_f64() {
    common::run_without_f64("wgpu::log_and_geometric_ranges", "no f64, f32 ranges computed in f32");
}
