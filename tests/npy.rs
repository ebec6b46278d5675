//! `.npy` files: round trips of every dtype and shape (0-d, empty, 3-D, views) on every
//! backend through bytes and through files, files written by NumPy 2.4 (C and Fortran
//! order, big-endian, 0-d, empty, bool) read back, our bytes equal to NumPy's for the
//! same arrays, and malformed input as `InvalidArgument` or `Io` errors; `.npz`
//! archives: NumPy's `np.savez` output (ZIP64 local headers) read, ours round-tripped
//! (and checked by NumPy when it is installed), `savez_compressed` output read and
//! written (deflated members, CRC checked), corrupt or unknown compression refused, and
//! 70,000 members written through the ZIP64 end record (the ZIP64 size and offset fields
//! are reached by a unit test in `src/io.rs` with lowered limits).

#[macro_use]
mod common;

use gpu::{Array, Device, Error};

fn hex(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

// np.save of each array, NumPy 2.4 (hex).
const F32_2X3: &str = "934e554d5059010076007b276465736372273a20273c6634272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028322c2033292c207d202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a000000000000803e0000003f0000403f0000803f0000a03f";
const F64_FORTRAN: &str = "934e554d5059010076007b276465736372273a20273c6638272c2027666f727472616e5f6f72646572273a20547275652c20277368617065273a2028322c2033292c207d20202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a00000000000000000000000000001240000000000000f83f000000000000184000000000000008400000000000001e40";
const I32_BE: &str = "934e554d5059010076007b276465736372273a20273e6934272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028332c292c207d2020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a00000001fffffffe000493e0";
const U32_SCALAR: &str = "934e554d5059010076007b276465736372273a20273c7534272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028292c207d20202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a07000000";
const BOOL_1D: &str = "934e554d5059010076007b276465736372273a20277c6231272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028332c292c207d2020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a010001";
const F32_EMPTY: &str = "934e554d5059010076007b276465736372273a20273c6634272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028302c2034292c207d202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a";

// np.savez(f, a=np.arange(3, dtype=np.float32), b=np.array([[1, 2], [3, 4]], dtype=np.int32))
const NPZ: &str = "504b03042d000000000000002100b68c8653ffffffffffffffff05001400612e6e7079010010008c000000000000008c00000000000000934e554d5059010076007b276465736372273a20273c6634272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028332c292c207d2020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a000000000000803f00000040504b03042d0000000000000021007bc8617cffffffffffffffff05001400622e6e70790100100090000000000000009000000000000000934e554d5059010076007b276465736372273a20273c6934272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028322c2032292c207d202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a01000000020000000300000004000000504b01022d032d000000000000002100b68c86538c0000008c000000050000000000000000000000800100000000612e6e7079504b01022d032d0000000000000021007bc8617c90000000900000000500000000000000000000008001c3000000622e6e7079504b05060000000002000200660000008a0100000000";
// np.savez_compressed(f, a=np.arange(3, dtype=np.float32))
const NPZ_DEFLATED: &str = "504b03042d000000080000002100b68c8653ffffffffffffffff05001400612e6e7079010010008c000000000000004b000000000000009bec17ea1b10c9c850c650ad9e925a9c5ca46ea5a06e9366a2aea3a09e965f54529498179f5f94920a12774bcc294e058a17672416a402f91ac63a9a3a0ab50a14002e063068b007120e00504b01022d032d000000080000002100b68c86534b0000008c000000050000000000000000000000800100000000612e6e7079504b0506000000000100010033000000820000000000";

#[test]
fn reads_numpy_files() -> gpu::Result<()> {
    let a = Array::<f32>::from_npy(&hex(F32_2X3))?;
    assert_eq!((a.shape(), a.to_vec()?), (&[2, 3][..], vec![0.0, 0.25, 0.5, 0.75, 1.0, 1.25]));
    // Fortran order: element (i, j) is 1.5·(3i + j) all the same.
    let f = Array::<f64>::from_npy(&hex(F64_FORTRAN))?;
    assert_eq!((f.shape(), f.to_vec()?), (&[2, 3][..], vec![0.0, 1.5, 3.0, 4.5, 6.0, 7.5]));
    assert_eq!(Array::<i32>::from_npy(&hex(I32_BE))?.to_vec()?, [1, -2, 300000]);
    let s = Array::<u32>::from_npy(&hex(U32_SCALAR))?;
    assert_eq!((s.ndim(), s.item()?), (0, 7));
    assert_eq!(Array::<bool>::from_npy(&hex(BOOL_1D))?.to_vec()?, [true, false, true]);
    assert_eq!(Array::<f32>::from_npy(&hex(F32_EMPTY))?.shape(), &[0, 4]);
    // Format 2.0 (a 4-byte header length), as NumPy writes for very long headers.
    let v1 = hex(F32_2X3);
    let len = u16::from_le_bytes([v1[8], v1[9]]) as u32;
    let v2 = [&v1[..6], &[2, 0], &len.to_le_bytes(), &v1[10..]].concat();
    assert_eq!(Array::<f32>::from_npy(&v2)?.to_vec()?, a.to_vec()?);
    Ok(())
}

#[test]
fn writes_numpys_bytes() -> gpu::Result<()> {
    let a = Array::from_vec(vec![0.0f32, 0.25, 0.5, 0.75, 1.0, 1.25], [2, 3])?;
    assert_eq!(a.to_npy()?, hex(F32_2X3));
    assert_eq!(Array::from_vec(vec![7u32], [])?.to_npy()?, hex(U32_SCALAR));
    assert_eq!(Array::from_vec(vec![true, false, true], [3])?.to_npy()?, hex(BOOL_1D));
    assert_eq!(Array::<f32>::zeros([0, 4], &Device::cpu())?.to_npy()?, hex(F32_EMPTY));
    Ok(())
}

#[test]
fn malformed_input_is_an_error() -> gpu::Result<()> {
    let good = hex(F32_2X3);
    let npy_err = |r: gpu::Result<Array<f32>>| matches!(r, Err(Error::InvalidArgument { op: "npy", .. }));
    assert!(npy_err(Array::<f32>::from_npy(b"not numpy")));
    assert!(npy_err(Array::<f32>::from_npy(&good[..good.len() - 4])), "truncated data");
    assert!(npy_err(Array::<f32>::from_npy(&good[..40])), "truncated header");
    let mut v9 = good.clone();
    v9[6] = 9;
    assert!(npy_err(Array::<f32>::from_npy(&v9)), "unknown version");
    // The wrong dtype names both.
    match Array::<f64>::from_npy(&good) {
        Err(Error::InvalidArgument { reason, .. }) => {
            assert!(reason.contains("<f4") && reason.contains("<f8"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
    let missing = std::env::temp_dir().join("gpu_npy_test_missing_dir/x.npy");
    assert!(matches!(gpu::load::<f32>(&missing, &Device::cpu()), Err(Error::Io { .. })));
    assert!(matches!(gpu::save(&missing, &Array::<f32>::zeros([2], &Device::cpu())?), Err(Error::Io { .. })));
    Ok(())
}

#[test]
fn npz_archives() -> gpu::Result<()> {
    let cpu = Device::cpu();
    let z = gpu::NpzFile::from_bytes(hex(NPZ))?;
    assert_eq!(z.names(), ["a", "b"]);
    assert_eq!(z.get::<f32>("a", &cpu)?.to_vec()?, [0.0, 1.0, 2.0]);
    let b = z.get::<i32>("b", &cpu)?;
    assert_eq!((b.shape(), b.to_vec()?), (&[2, 2][..], vec![1, 2, 3, 4]));
    assert!(matches!(z.get::<f32>("c", &cpu), Err(Error::InvalidArgument { .. })));
    assert!(matches!(z.get::<f64>("a", &cpu), Err(Error::InvalidArgument { .. })));
    // np.savez_compressed's deflated member, inflated and its CRC checked.
    let zc = gpu::NpzFile::from_bytes(hex(NPZ_DEFLATED))?;
    assert_eq!(zc.get::<f32>("a", &cpu)?.to_vec()?, [0.0, 1.0, 2.0]);
    // A flipped bit in the deflate stream, and a method other than stored or deflate.
    let mut bytes = hex(NPZ_DEFLATED);
    bytes[80] ^= 0x10;
    match gpu::NpzFile::from_bytes(bytes)?.get::<f32>("a", &cpu) {
        Err(Error::InvalidArgument { reason, .. }) => assert!(reason.contains("corrupt"), "{reason}"),
        other => panic!("a corrupt member read as {other:?}"),
    }
    let mut bzip2 = hex(NPZ_DEFLATED);
    let central = bzip2.windows(4).position(|w| w == [0x50, 0x4B, 0x01, 0x02]).unwrap();
    bzip2[central + 10] = 12;
    match gpu::NpzFile::from_bytes(bzip2) {
        Err(Error::InvalidArgument { reason, .. }) => assert!(reason.contains("method 12"), "{reason}"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(gpu::NpzFile::from_bytes(b"PK not really".to_vec()), Err(Error::InvalidArgument { .. })));
    // Ours, read back; mixed dtypes and shapes.
    let x = Array::from_vec(vec![1.5f64, -2.0, 3.25], [3])?;
    let m = Array::from_vec(vec![true, false], [2])?;
    let e = Array::<f32>::zeros([0, 2], &cpu)?;
    let path = std::env::temp_dir().join(format!("gpu_npz_{}.npz", std::process::id()));
    gpu::savez(&path, &[("x", &x), ("mask", &m), ("empty", &e)])?;
    let z = gpu::NpzFile::open(&path)?;
    assert_eq!(z.names(), ["x", "mask", "empty"]);
    assert_eq!(z.get::<f64>("x", &cpu)?.to_vec()?, x.to_vec()?);
    assert_eq!(z.get::<bool>("mask", &cpu)?.to_vec()?, [true, false]);
    assert_eq!(z.get::<f32>("empty", &cpu)?.shape(), &[0, 2]);
    // NumPy reads it too, when it is around (not required).
    let script = format!(
        "import numpy as np; z = np.load({:?}); print(list(z['x']), list(z['mask']), z['empty'].shape)",
        path.display().to_string()
    );
    if let Ok(out) = std::process::Command::new("python3").args(["-c", &script]).output() {
        if out.status.success() {
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(text.contains("1.5") && text.contains("(0, 2)"), "NumPy read: {text}");
        } else {
            eprintln!("NumPy check skipped: {}", String::from_utf8_lossy(&out.stderr).lines().last().unwrap_or(""));
        }
    }
    // The same archive with a ZIP64 end record and locator (as zip writers add past
    // 65,535 members or 4 GiB): the plain record's count and offset say "see ZIP64".
    let plain = std::fs::read(&path).map_err(|e| Error::Io { path: "npz".into(), message: e.to_string() })?;
    let eocd = plain.len() - 22;
    let (count, cd_size, cd_offset) = (
        3u64,
        u32::from_le_bytes(plain[eocd + 12..eocd + 16].try_into().unwrap()),
        u32::from_le_bytes(plain[eocd + 16..eocd + 20].try_into().unwrap()),
    );
    let mut z64 = plain[..eocd].to_vec();
    z64.extend_from_slice(&0x0606_4B50u32.to_le_bytes());
    z64.extend_from_slice(&44u64.to_le_bytes()); // size of the rest of the record
    z64.extend_from_slice(&[45, 0, 45, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    for v in [count, count, u64::from(cd_size), u64::from(cd_offset)] {
        z64.extend_from_slice(&v.to_le_bytes());
    }
    z64.extend_from_slice(&0x0706_4B50u32.to_le_bytes());
    z64.extend_from_slice(&0u32.to_le_bytes());
    z64.extend_from_slice(&(eocd as u64).to_le_bytes());
    z64.extend_from_slice(&1u32.to_le_bytes());
    let mut end = plain[eocd..].to_vec();
    end[8..12].copy_from_slice(&[0xFF; 4]); // entries: 0xFFFF twice
    end[16..20].copy_from_slice(&[0xFF; 4]); // directory offset: 0xFFFFFFFF
    z64.extend_from_slice(&end);
    let z = gpu::NpzFile::from_bytes(z64.clone())?;
    assert_eq!(z.names(), ["x", "mask", "empty"]);
    assert_eq!(z.get::<f64>("x", &cpu)?.to_vec()?, x.to_vec()?);
    let z64_path = path.with_extension("z64.npz");
    std::fs::write(&z64_path, &z64).map_err(|e| Error::Io { path: "npz".into(), message: e.to_string() })?;
    let script = format!("import numpy as np; print(np.load({:?})['mask'])", z64_path.display().to_string());
    if let Ok(out) = std::process::Command::new("python3").args(["-c", &script]).output() {
        let err = String::from_utf8_lossy(&out.stderr);
        if out.status.success() || !err.contains("No module named") {
            assert!(
                String::from_utf8_lossy(&out.stdout).contains("[ True False]"),
                "NumPy on the ZIP64 archive: {err}"
            );
        }
    }
    std::fs::remove_file(&z64_path).ok();
    std::fs::remove_file(&path).ok();
    assert!(matches!(gpu::savez(&path, &[("x", &x), ("x", &m)]), Err(Error::InvalidArgument { .. })));
    assert!(matches!(gpu::savez_compressed(&path, &[("", &x)]), Err(Error::InvalidArgument { .. })));
    Ok(())
}

/// More than 65,535 members: the count does not fit the plain end record, so `savez`
/// writes the ZIP64 end record and locator for real; `NpzFile` and Python's `zipfile`
/// (every CRC: `testzip`) read all 70,000 members back.
#[test]
fn savez_past_65535_members() -> gpu::Result<()> {
    let (n, cpu) = (70_000usize, Device::cpu());
    let arrays = (0..n).map(|i| Array::from_vec(vec![i as u32], [1])).collect::<gpu::Result<Vec<_>>>()?;
    let names: Vec<String> = (0..n).map(|i| format!("m{i}")).collect();
    let members: Vec<(&str, &dyn gpu::ToNpy)> =
        names.iter().zip(&arrays).map(|(name, a)| (name.as_str(), a as &dyn gpu::ToNpy)).collect();
    let path = std::env::temp_dir().join(format!("gpu_npz_many_{}.npz", std::process::id()));
    gpu::savez(&path, &members)?;
    let z = gpu::NpzFile::open(&path)?;
    assert_eq!(z.names().len(), n);
    for i in [0, 65_534, 65_535, 65_536, n - 1] {
        assert_eq!(z.get::<u32>(&format!("m{i}"), &cpu)?.to_vec()?, [i as u32], "member m{i}");
    }
    let script = "import sys, zipfile\n\
        z = zipfile.ZipFile(sys.argv[1])\n\
        assert len(z.infolist()) == 70000 and z.testzip() is None\n\
        print(z.infolist()[-1].filename)";
    match std::process::Command::new("python3").arg("-c").arg(script).arg(&path).output() {
        Ok(out) => {
            let said = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "Python's zipfile rejects 70,000 members: {said}");
            assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "m69999.npy");
        }
        Err(e) => eprintln!("python3 not runnable ({e}): checked by NpzFile only"),
    }
    std::fs::remove_file(&path).ok();
    Ok(())
}

/// `savez_compressed` on every backend: members deflated (a compressible one far below
/// its raw size), read back exactly by us and, when it is installed, by NumPy.
fn compressed_archives(dev: &Device) -> gpu::Result<()> {
    let zeros = Array::<f32>::zeros([256, 128], dev)?;
    let noise = gpu::random::uniform::<f32>([3, 1000], -1.0, 1.0, 7, dev)?;
    let view = noise.t().slice(0, Some(10), Some(20), 1)?;
    let ints = Array::<i32>::arange(-50, 50, 1, dev)?;
    // 2.8 MB: deflated in three pieces of 1 MiB (sync-flushed, then concatenated).
    let big = gpu::random::uniform::<i32>([700_000], 0, 100, 9, dev)?;
    let path = std::env::temp_dir().join(format!("gpu_npzc_{}_{}.npz", std::process::id(), dev.kind() as u8));
    gpu::savez_compressed(
        &path,
        &[("zeros", &zeros), ("noise", &noise), ("view", &view), ("ints", &ints), ("big", &big)],
    )?;
    let size = std::fs::metadata(&path).map_err(|e| Error::Io { path: "npz".into(), message: e.to_string() })?.len();
    assert!(size < 3 * 1000 * 4 + 2_000_000, "{size} bytes: 128 KiB of zeros and 2.8 MB of small ints should deflate");
    let z = gpu::NpzFile::open(&path)?;
    assert_eq!(z.names(), ["zeros", "noise", "view", "ints", "big"]);
    assert_eq!(z.get::<i32>("big", dev)?.to_vec()?, big.to_vec()?);
    assert_eq!(z.get::<f32>("zeros", dev)?.to_vec()?, vec![0.0; 256 * 128]);
    assert_eq!(z.get::<f32>("noise", dev)?.to_vec()?, noise.to_vec()?);
    let v = z.get::<f32>("view", dev)?;
    assert_eq!((v.shape(), v.to_vec()?), (&[10, 3][..], view.to_vec()?));
    assert_eq!(z.get::<i32>("ints", dev)?.to_vec()?, (-50..50).collect::<Vec<i32>>());
    let script = format!(
        "import numpy as np; z = np.load({:?}); print(z['zeros'].shape, z['ints'].sum(), z['view'].shape, z['big'].sum(), float(z['noise'][2, 999]))",
        path.display().to_string()
    );
    if let Ok(out) = std::process::Command::new("python3").args(["-c", &script]).output() {
        if out.status.success() {
            let text = String::from_utf8_lossy(&out.stdout);
            let last = noise.to_vec()?[2999];
            let big_sum: i64 = big.to_vec()?.iter().map(|&x| i64::from(x)).sum();
            assert!(text.starts_with(&format!("(256, 128) -50 (10, 3) {big_sum} ")), "NumPy read: {text}");
            let numpy_last: f32 = text.split_whitespace().last().and_then(|t| t.parse().ok()).unwrap_or(f32::NAN);
            assert_eq!(numpy_last, last, "NumPy read: {text}");
        } else {
            eprintln!("NumPy check skipped: {}", String::from_utf8_lossy(&out.stderr).lines().last().unwrap_or(""));
        }
    }
    std::fs::remove_file(&path).ok();
    Ok(())
}

fn round_trips(dev: &Device) -> gpu::Result<()> {
    let dir = std::env::temp_dir();
    let tag = format!("{}_{}", std::process::id(), dev.kind() as u8);
    let a = gpu::random::uniform::<f32>([3, 4, 5], -1.0, 1.0, 1, dev)?;
    // A view: transposed and sliced, written in C order.
    let v = a.transpose(&[2, 0, 1])?.slice(0, None, None, 2)?;
    for (name, x) in [("a", &a), ("v", &v)] {
        let path = dir.join(format!("gpu_npy_{tag}_{name}.npy"));
        gpu::save(&path, x)?;
        let back = gpu::load::<f32>(&path, dev)?;
        std::fs::remove_file(&path).ok();
        assert_eq!(back.device(), dev);
        assert_eq!((back.shape(), back.to_vec()?), (x.shape(), x.to_vec()?), "{name}");
    }
    let d = gpu::random::uniform::<i32>([7], -100, 100, 2, dev)?;
    assert_eq!(Array::<i32>::from_npy(&d.to_npy()?)?.to_vec()?, d.to_vec()?);
    let u = gpu::random::uniform::<u32>([2, 2], 0, u32::MAX, 3, dev)?;
    assert_eq!(Array::<u32>::from_npy(&u.to_npy()?)?.to_vec()?, u.to_vec()?);
    let m = a.gt_scalar(0.0)?;
    assert_eq!(Array::<bool>::from_npy(&m.to_npy()?)?.to_vec()?, m.to_vec()?);
    let s = a.sum()?;
    assert_eq!(Array::<f32>::from_npy(&s.to_npy()?)?.item()?, s.item()?);
    if dev.supports(gpu::DType::F64) {
        let f = gpu::random::normal::<f64>([5, 0], 0.0, 1.0, 4, dev)?;
        assert_eq!(Array::<f64>::from_npy(&f.to_npy()?)?.shape(), &[5, 0]);
        let g = gpu::random::normal::<f64>([9], 0.0, 1.0, 4, dev)?;
        assert_eq!(Array::<f64>::from_npy(&g.to_npy()?)?.to_vec()?, g.to_vec()?);
    }
    Ok(())
}

backend_tests! {
    fn npy_round_trips(dev) { round_trips(dev) }
    fn savez_compressed_round_trips(dev) { compressed_archives(dev) }
}
