//! NumPy's `.npy` files (format versions 1.0 to 3.0): [`save`] and [`load`] (NumPy's
//! `np.save`/`np.load`, CuPy's `cupy.save`/`cupy.load`), and the same bytes in memory
//! ([`Array::to_npy`], [`Array::from_npy`]); and `.npz` archives of them ([`savez`],
//! [`NpzFile`]: NumPy's `np.savez` and `np.load` of an `.npz`; [`savez_compressed`]
//! for deflated members). Arrays are written little-endian in C
//! order, version 1.0 (2.0 when the header needs it), as NumPy does; files in
//! big-endian byte order or Fortran order are read too (Fortran order as a transposed
//! view). The dtype in the file must be `T`'s: `<f4`, `<f8`, `<i4`, `<u4` or `|b1`.

use std::path::Path;

use crate::array::Array;
use crate::device::Device;
use crate::dtype::{DType, HostVec, Scalar};
use crate::error::{Error, Result};

const MAGIC: &[u8] = b"\x93NUMPY";

/// NumPy's type string for `dtype` (little-endian).
fn descr(dtype: DType) -> &'static str {
    match dtype {
        DType::F32 => "<f4",
        DType::F64 => "<f8",
        DType::I32 => "<i4",
        DType::U32 => "<u4",
        DType::Bool => "|b1",
    }
}

fn bad(reason: String) -> Error {
    Error::InvalidArgument { op: "npy", reason }
}

impl<T: Scalar> Array<T> {
    /// The array as the bytes of a `.npy` file (one download from a GPU).
    ///
    /// ```
    /// use gpu::Array;
    /// let a = Array::from_vec(vec![1.0f32, 2.0, 3.0, 4.0], [2, 2])?;
    /// let bytes = a.to_npy()?;
    /// assert_eq!(&bytes[..6], b"\x93NUMPY");
    /// assert_eq!(Array::<f32>::from_npy(&bytes)?.to_vec()?, a.to_vec()?);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    ///
    /// # Errors
    /// Device faults while downloading.
    pub fn to_npy(&self) -> Result<Vec<u8>> {
        let dims: Vec<String> = self.shape().iter().map(|d| d.to_string()).collect();
        let shape = match dims.len() {
            1 => format!("({},)", dims[0]),
            _ => format!("({})", dims.join(", ")),
        };
        let dict = format!("{{'descr': '{}', 'fortran_order': False, 'shape': {shape}, }}", descr(T::DTYPE));
        // Magic, version, header length, then the header padded with spaces and ended by
        // a newline so the data starts at a multiple of 64 bytes.
        let (version, len_bytes) = if dict.len() + 1 + 10 <= u16::MAX as usize { (1u8, 2) } else { (2u8, 4) };
        let prefix = MAGIC.len() + 2 + len_bytes;
        let header_len = (prefix + dict.len() + 1).next_multiple_of(64) - prefix;
        let mut out = Vec::with_capacity(prefix + header_len);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&[version, 0]);
        if version == 1 {
            out.extend_from_slice(&(header_len as u16).to_le_bytes());
        } else {
            out.extend_from_slice(&(header_len as u32).to_le_bytes());
        }
        out.extend_from_slice(dict.as_bytes());
        out.resize(prefix + header_len - 1, b' ');
        out.push(b'\n');
        // A zeroed allocation (its pages faulted in by the parallel writes, not here).
        let start = out.len();
        let mut full = vec![0u8; start + self.len() * T::DTYPE.size_of()];
        full[..start].copy_from_slice(&out);
        let mut out = full;
        let data = &mut out[start..];
        match T::into_host(self.to_vec()?) {
            HostVec::F32(v) => le_bytes_into(data, &v, f32::to_le_bytes),
            HostVec::F64(v) => le_bytes_into(data, &v, f64::to_le_bytes),
            HostVec::I32(v) => le_bytes_into(data, &v, i32::to_le_bytes),
            HostVec::U32(v) => le_bytes_into(data, &v, u32::to_le_bytes),
            HostVec::Bool(v) => le_bytes_into(data, &v, |b| [u8::from(b)]),
        }
        Ok(out)
    }

    /// An array (on the CPU) from the bytes of a `.npy` file.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] (op `"npy"`) for bytes that are not a `.npy` file, a
    /// dtype in the file other than `T`'s (naming both), or data shorter than its shape.
    pub fn from_npy(bytes: &[u8]) -> Result<Array<T>> {
        let (header, data) = split_header(bytes)?;
        let field = |key: &str| -> Result<&str> {
            let at =
                header.find(&format!("'{key}'")).ok_or_else(|| bad(format!("header without '{key}': {header}")))?;
            let rest = header[at + key.len() + 2..].trim_start();
            rest.strip_prefix(':').map(str::trim_start).ok_or_else(|| bad(format!("malformed header: {header}")))
        };
        let descr_field = field("descr")?;
        let quote = descr_field.chars().next().filter(|c| *c == '\'' || *c == '"');
        let d = quote
            .and_then(|q| descr_field[1..].split(q).next())
            .ok_or_else(|| bad(format!("malformed descr in header: {header}")))?;
        let (order, code) = d.split_at(d.len().min(1));
        let want = &descr(T::DTYPE)[1..];
        if code != want || !matches!(order, "<" | ">" | "|" | "=") {
            let reason = format!("the file holds '{d}', not {} ('{}')", T::DTYPE, descr(T::DTYPE));
            return Err(bad(reason));
        }
        let big_endian = order == ">";
        let fortran = field("fortran_order")?.starts_with("True");
        let shape_field = field("shape")?;
        let inner = shape_field
            .strip_prefix('(')
            .and_then(|s| s.split(')').next())
            .ok_or_else(|| bad(format!("malformed shape in header: {header}")))?;
        let shape = inner
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.trim_end_matches('L').parse::<usize>().map_err(|_| bad(format!("bad dimension {s:?} in {header}")))
            })
            .collect::<Result<Vec<usize>>>()?;
        let n = shape
            .iter()
            .try_fold(1usize, |a, &d| a.checked_mul(d))
            .ok_or_else(|| bad(format!("shape {shape:?} overflows")))?;
        let size = T::DTYPE.size_of();
        if data.len() / size < n {
            return Err(bad(format!("{} data bytes for shape {shape:?} of {}", data.len(), T::DTYPE)));
        }
        let data = &data[..n * size];
        let host = match T::DTYPE {
            DType::F32 => HostVec::F32(words(data, big_endian, f32::from_le_bytes)),
            DType::F64 => HostVec::F64(words(data, big_endian, f64::from_le_bytes)),
            DType::I32 => HostVec::I32(words(data, big_endian, i32::from_le_bytes)),
            DType::U32 => HostVec::U32(words(data, big_endian, u32::from_le_bytes)),
            DType::Bool => HostVec::Bool(data.iter().map(|&b| b != 0).collect()),
        };
        let values =
            T::from_host(host).ok_or_else(|| bad(format!("internal: {} decoded as another dtype", T::DTYPE)))?;
        if fortran {
            // Column-major data is the row-major array of the reversed shape, transposed.
            let reversed: Vec<usize> = shape.iter().rev().copied().collect();
            let axes: Vec<isize> = (0..shape.len() as isize).rev().collect();
            return Array::from_vec(values, reversed)?.transpose(&axes);
        }
        Array::from_vec(values, shape)
    }
}

/// Writes `values` into `out` as `N`-byte words, in parallel pieces of 64 Ki values.
fn le_bytes_into<V: Copy + Sync, const N: usize>(out: &mut [u8], values: &[V], word: impl Fn(V) -> [u8; N] + Sync) {
    use rayon::prelude::*;
    const PIECE: usize = 1 << 16;
    out.par_chunks_mut(PIECE * N).zip(values.par_chunks(PIECE)).for_each(|(o, v)| {
        for (w, &x) in o.chunks_exact_mut(N).zip(v) {
            w.copy_from_slice(&word(x));
        }
    });
}

/// The `N`-byte words of `data` as values (`word` reads little-endian bytes; words are
/// reversed first when the file is big-endian), decoded in parallel pieces.
fn words<const N: usize, V: Send>(data: &[u8], big_endian: bool, word: impl Fn([u8; N]) -> V + Sync) -> Vec<V> {
    use rayon::prelude::*;
    data.par_chunks_exact(N)
        .with_min_len(1 << 16)
        .map(|c| {
            let mut w = [0u8; N];
            w.copy_from_slice(c);
            if big_endian {
                w.reverse();
            }
            word(w)
        })
        .collect()
}

/// The header text and the data bytes of a `.npy` file.
fn split_header(bytes: &[u8]) -> Result<(&str, &[u8])> {
    if bytes.len() < 10 || &bytes[..6] != MAGIC {
        return Err(bad("not a .npy file (no \\x93NUMPY magic)".into()));
    }
    let (len, start) = match bytes[6] {
        1 => (u16::from_le_bytes([bytes[8], bytes[9]]) as usize, 10),
        2 | 3 if bytes.len() >= 12 => (u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize, 12),
        v => return Err(bad(format!(".npy format version {v}.{} is not supported", bytes[7]))),
    };
    let header = bytes.get(start..start + len).ok_or_else(|| bad(format!("header of {len} bytes past the end")))?;
    let header = std::str::from_utf8(header).map_err(|_| bad("header is not text".into()))?;
    Ok((header.trim(), &bytes[start + len..]))
}

/// Writes `a` to `path` as a `.npy` file (NumPy's `np.save`; the name is used as given,
/// no `.npy` appended).
///
/// ```
/// let a = gpu::Array::from_vec(vec![1i32, 2, 3], [3])?;
/// let path = std::env::temp_dir().join("gpu_doc_save.npy");
/// gpu::save(&path, &a)?;
/// assert_eq!(gpu::load::<i32>(&path, &gpu::Device::cpu())?.to_vec()?, [1, 2, 3]);
/// # std::fs::remove_file(&path).ok();
/// # Ok::<(), gpu::Error>(())
/// ```
///
/// # Errors
/// [`Error::Io`] when the file cannot be written; device faults.
pub fn save<T: Scalar>(path: impl AsRef<Path>, a: &Array<T>) -> Result<()> {
    let path = path.as_ref();
    std::fs::write(path, a.to_npy()?)
        .map_err(|e| Error::Io { path: path.display().to_string(), message: e.to_string() })
}

/// Reads a `.npy` file onto `device` (NumPy's `np.load`): one upload to a GPU.
///
/// # Errors
/// [`Error::Io`] when the file cannot be read; as [`Array::from_npy`] for its contents.
pub fn load<T: Scalar>(path: impl AsRef<Path>, device: &Device) -> Result<Array<T>> {
    let path = path.as_ref();
    let bytes =
        std::fs::read(path).map_err(|e| Error::Io { path: path.display().to_string(), message: e.to_string() })?;
    Array::from_npy(&bytes)?.to(device)
}

/// An array of any dtype that can be written as `.npy` bytes (for [`savez`]).
pub trait ToNpy {
    /// The `.npy` bytes (see [`Array::to_npy`]).
    ///
    /// # Errors
    /// Device faults while downloading.
    fn npy_bytes(&self) -> Result<Vec<u8>>;
}

impl<T: Scalar> ToNpy for Array<T> {
    fn npy_bytes(&self) -> Result<Vec<u8>> {
        self.to_npy()
    }
}

/// CRC-32 (IEEE, as zip files use), sixteen bytes a step ("slicing by 16": table `k`
/// holds the CRC of a byte followed by `k` zero bytes): ~10× the byte-wise loop, which
/// took longer than writing the file.
fn crc32(data: &[u8]) -> u32 {
    static TABLES: std::sync::OnceLock<Box<[[u32; 256]; 16]>> = std::sync::OnceLock::new();
    let t = TABLES.get_or_init(|| {
        let mut t = Box::new([[0u32; 256]; 16]);
        for n in 0..256 {
            t[0][n] = (0..8).fold(n as u32, |c, _| if c & 1 == 1 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 });
        }
        for k in 1..16 {
            for n in 0..256 {
                let prev = t[k - 1][n];
                t[k][n] = (prev >> 8) ^ t[0][(prev & 0xFF) as usize];
            }
        }
        t
    });
    let mut crc = !0u32;
    let mut blocks = data.chunks_exact(16);
    for b in &mut blocks {
        let lo = crc ^ u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        let mut c = t[15][(lo & 0xFF) as usize]
            ^ t[14][((lo >> 8) & 0xFF) as usize]
            ^ t[13][((lo >> 16) & 0xFF) as usize]
            ^ t[12][(lo >> 24) as usize];
        for (i, &byte) in b[4..].iter().enumerate() {
            c ^= t[11 - i][byte as usize];
        }
        crc = c;
    }
    !blocks.remainder().iter().fold(crc, |c, &b| t[0][((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8))
}

fn io_error(path: &Path, message: impl ToString) -> Error {
    Error::Io { path: path.display().to_string(), message: message.to_string() }
}

/// Writes named arrays of any dtypes to `path` as an `.npz` archive (NumPy's
/// `np.savez(path, name=array, ...)`): each becomes the member `name.npy`, stored
/// uncompressed, readable by `np.load` and by [`NpzFile`].
///
/// ```
/// use gpu::{Array, NpzFile};
/// let x = Array::from_vec(vec![1.0f32, 2.0], [2])?;
/// let k = Array::from_vec(vec![7u32, 8, 9], [3])?;
/// let path = std::env::temp_dir().join("gpu_doc_savez.npz");
/// gpu::savez(&path, &[("x", &x), ("k", &k)])?;
/// let npz = NpzFile::open(&path)?;
/// assert_eq!(npz.names(), ["x", "k"]);
/// assert_eq!(npz.get::<u32>("k", &gpu::Device::cpu())?.to_vec()?, [7, 8, 9]);
/// # std::fs::remove_file(&path).ok();
/// # Ok::<(), gpu::Error>(())
/// ```
///
/// Archives past the plain zip format's 4 GiB or 65,535 members get ZIP64 records
/// where needed (as Python's `zipfile`, which `np.savez` uses, writes them).
///
/// # Errors
/// [`Error::Io`] when the file cannot be written; [`Error::InvalidArgument`] for an
/// empty or repeated name; device faults.
pub fn savez(path: impl AsRef<Path>, arrays: &[(&str, &dyn ToNpy)]) -> Result<()> {
    write_npz(path.as_ref(), arrays, false)
}

/// [`savez`] with every member deflated (NumPy's `np.savez_compressed`, zlib's default
/// level 6, as NumPy writes): the members are compressed in parallel on the host after
/// their downloads. Readable by `np.load` and by [`NpzFile`].
///
/// ```
/// use gpu::{Array, NpzFile};
/// let x = Array::<f64>::zeros([1000], &gpu::Device::cpu())?;
/// let path = std::env::temp_dir().join("gpu_doc_savez_compressed.npz");
/// gpu::savez_compressed(&path, &[("x", &x)])?;
/// assert!(std::fs::metadata(&path).unwrap().len() < 500); // 8 kB of zeros
/// assert_eq!(NpzFile::open(&path)?.get::<f64>("x", &gpu::Device::cpu())?.to_vec()?, vec![0.0; 1000]);
/// # std::fs::remove_file(&path).ok();
/// # Ok::<(), gpu::Error>(())
/// ```
///
/// # Errors
/// As [`savez`].
pub fn savez_compressed(path: impl AsRef<Path>, arrays: &[(&str, &dyn ToNpy)]) -> Result<()> {
    write_npz(path.as_ref(), arrays, true)
}

/// The zip archive of [`savez`] and [`savez_compressed`]: local headers and data, the
/// central directory, its end record (version 2.0, no flags, 1980-01-01 00:00), written
/// to the file piece by piece; ZIP64 fields where the plain format's 32-bit sizes and
/// offsets or 16-bit member count do not reach.
fn write_npz(path: &Path, arrays: &[(&str, &dyn ToNpy)], compress: bool) -> Result<()> {
    write_npz_limited(path, arrays, compress, Zip32::LIMITS)
}

/// The largest values the plain zip fields hold; a value at or past its limit goes into
/// ZIP64 records instead. Lowered only by the tests, to reach those records without
/// writing 4 GiB.
#[derive(Clone, Copy)]
struct Zip32 {
    size: u64,
    count: u64,
}

impl Zip32 {
    const LIMITS: Zip32 = Zip32 { size: 0xFFFF_FFFF, count: 0xFFFF };
}

fn write_npz_limited(path: &Path, arrays: &[(&str, &dyn ToNpy)], compress: bool, zip32: Zip32) -> Result<()> {
    use rayon::prelude::*;
    use std::io::Write;
    let mut seen = std::collections::HashSet::with_capacity(arrays.len());
    for (name, _) in arrays {
        if name.is_empty() || !seen.insert(*name) {
            return Err(bad(format!("savez: names must be non-empty and distinct, got {name:?} twice or empty")));
        }
    }
    // Downloads one by one, then (crc, uncompressed size, stored bytes) per member.
    let raw = arrays.iter().map(|(_, a)| a.npy_bytes()).collect::<Result<Vec<_>>>()?;
    let members: Vec<(u32, u64, Vec<u8>)> = raw
        .into_par_iter()
        .map(|data| {
            let (crc, size) = (crc32(&data), data.len() as u64);
            let stored = if compress { deflate(&data).ok_or_else(|| io_error(path, "deflate failed"))? } else { data };
            Ok((crc, size, stored))
        })
        .collect::<Result<_>>()?;
    let method: u16 = if compress { 8 } else { 0 };
    // A 32-bit field, or 0xFFFFFFFF with the value in the ZIP64 extra field.
    let field = |v: u64| if v >= zip32.size { 0xFFFF_FFFFu32 } else { v as u32 };
    let file = std::fs::File::create(path).map_err(|e| io_error(path, e))?;
    let mut out = std::io::BufWriter::new(file);
    let mut central = Vec::new();
    let mut offset = 0u64;
    for ((name, _), (crc, size, data)) in arrays.iter().zip(&members) {
        let member = format!("{name}.npy");
        let stored = data.len() as u64;
        let sizes64 = *size >= zip32.size || stored >= zip32.size;
        // ZIP64 extra fields (id 1): the local header carries both sizes; the central
        // entry the sizes and offset that did not fit, in that order (APPNOTE 4.5.3).
        let mut local_extra = Vec::new();
        if sizes64 {
            local_extra.extend_from_slice(&[1, 0, 16, 0]);
            local_extra.extend_from_slice(&size.to_le_bytes());
            local_extra.extend_from_slice(&stored.to_le_bytes());
        }
        let mut central_extra = Vec::new();
        for v in [*size, stored, offset] {
            if v >= zip32.size {
                central_extra.extend_from_slice(&v.to_le_bytes());
            }
        }
        if !central_extra.is_empty() {
            let len = central_extra.len() as u16;
            central_extra.splice(0..0, [1, 0, len as u8, (len >> 8) as u8]);
        }
        // Version 4.5 wherever ZIP64 fields appear, else 2.0.
        let version = |zip64: bool| -> u8 {
            if zip64 {
                45
            } else {
                20
            }
        };
        let fixed = |sig: u32, zip64: bool, sizes: [u32; 2], extra: usize| -> Vec<u8> {
            let mut h = sig.to_le_bytes().to_vec();
            h.extend_from_slice(&[version(zip64), 0, 0, 0]);
            h.extend_from_slice(&method.to_le_bytes());
            h.extend_from_slice(&[0, 0, 0x21, 0]);
            h.extend_from_slice(&crc.to_le_bytes());
            h.extend_from_slice(&sizes[1].to_le_bytes());
            h.extend_from_slice(&sizes[0].to_le_bytes());
            h.extend_from_slice(&(member.len() as u16).to_le_bytes());
            h.extend_from_slice(&(extra as u16).to_le_bytes());
            h
        };
        let local_sizes = if sizes64 { [0xFFFF_FFFF; 2] } else { [*size as u32, stored as u32] };
        let local = fixed(0x0403_4B50, sizes64, local_sizes, local_extra.len());
        [&local[..], member.as_bytes(), &local_extra, data]
            .iter()
            .try_for_each(|b| out.write_all(b))
            .map_err(|e| io_error(path, e))?;
        // Central directory entry: "made by" version first, then the local fields, then
        // comment length, disk, attributes and the local header's offset.
        let zip64 = !central_extra.is_empty();
        let entry = fixed(0x0201_4B50, zip64, [field(*size), field(stored)], central_extra.len());
        central.extend_from_slice(&entry[..4]);
        central.extend_from_slice(&[version(zip64), 0]);
        central.extend_from_slice(&entry[4..]);
        central.extend_from_slice(&[0; 6]);
        central.extend_from_slice(&[0, 0, 0xA4, 0x81]); // a regular file, rw-r--r--
        central.extend_from_slice(&field(offset).to_le_bytes());
        central.extend_from_slice(member.as_bytes());
        central.extend_from_slice(&central_extra);
        offset += (local.len() + member.len() + local_extra.len() + data.len()) as u64;
    }
    let (cd_size, cd_offset, count) = (central.len() as u64, offset, arrays.len() as u64);
    if count >= zip32.count || cd_size >= zip32.size || cd_offset >= zip32.size {
        // The ZIP64 end record (56 bytes) and its locator (20) before the plain one.
        let record = offset + cd_size;
        central.extend_from_slice(&0x0606_4B50u32.to_le_bytes());
        central.extend_from_slice(&44u64.to_le_bytes());
        central.extend_from_slice(&[45, 0, 45, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        for v in [count, count, cd_size, cd_offset] {
            central.extend_from_slice(&v.to_le_bytes());
        }
        central.extend_from_slice(&0x0706_4B50u32.to_le_bytes());
        central.extend_from_slice(&0u32.to_le_bytes());
        central.extend_from_slice(&record.to_le_bytes());
        central.extend_from_slice(&1u32.to_le_bytes());
    }
    let count16 = if count >= zip32.count { 0xFFFF } else { count as u16 };
    central.extend_from_slice(&0x0605_4B50u32.to_le_bytes());
    central.extend_from_slice(&[0, 0, 0, 0]);
    central.extend_from_slice(&count16.to_le_bytes());
    central.extend_from_slice(&count16.to_le_bytes());
    central.extend_from_slice(&field(cd_size).to_le_bytes());
    central.extend_from_slice(&field(cd_offset).to_le_bytes());
    central.extend_from_slice(&[0, 0]);
    out.write_all(&central).and_then(|()| out.flush()).map_err(|e| io_error(path, e))
}

/// Raw deflate of `data` at zlib's default level (6), as pigz does it: pieces of 1 MiB
/// compressed in parallel and concatenated, each but the last ended by a sync flush (an
/// empty stored block, so the next starts on a byte boundary), the last by the final
/// block. Each piece starts without the previous one's 32 KiB window, which costs
/// ~0.1% in size. `None` if the compressor reports a failure.
fn deflate(data: &[u8]) -> Option<Vec<u8>> {
    use miniz_oxide::deflate::core::{compress, create_comp_flags_from_zip_params, CompressorOxide};
    use miniz_oxide::deflate::core::{TDEFLFlush, TDEFLStatus};
    use rayon::prelude::*;
    const PIECE: usize = 1 << 20;
    let pieces: Vec<&[u8]> = if data.is_empty() { vec![data] } else { data.chunks(PIECE).collect() };
    let last = pieces.len() - 1;
    let parts = pieces
        .par_iter()
        .enumerate()
        .map(|(i, piece)| {
            let flush = if i == last { TDEFLFlush::Finish } else { TDEFLFlush::Sync };
            let mut c = CompressorOxide::new(create_comp_flags_from_zip_params(6, 0, 0));
            let mut buf = vec![0u8; piece.len() + piece.len() / 8 + 64];
            let (mut input, mut pos) = (*piece, 0);
            loop {
                let (status, used, wrote) = compress(&mut c, input, &mut buf[pos..], flush);
                input = &input[used..];
                pos += wrote;
                match status {
                    TDEFLStatus::Done => break,
                    // A sync flush is complete once the input is used up and the output
                    // did not fill the buffer.
                    TDEFLStatus::Okay if input.is_empty() && pos < buf.len() && i != last => break,
                    TDEFLStatus::Okay if used > 0 || wrote > 0 => {
                        if buf.len() - pos < 64 {
                            buf.resize(buf.len() * 2, 0);
                        }
                    }
                    _ => return None,
                }
            }
            buf.truncate(pos);
            Some(buf)
        })
        .collect::<Option<Vec<_>>>()?;
    Some(parts.concat())
}

/// An `.npz` archive read into memory (NumPy's `NpzFile`, what `np.load` returns for an
/// `.npz`): its arrays by name, each decoded when asked for.
#[derive(Debug, Clone)]
pub struct NpzFile {
    bytes: Vec<u8>,
    members: Vec<NpzMember>,
}

/// Where one member's data lies in the archive and how to decode it.
#[derive(Debug, Clone)]
struct NpzMember {
    /// The member's name without `.npy`.
    name: String,
    start: usize,
    /// Its stored (compressed) length.
    len: usize,
    /// Deflated (method 8) rather than stored (0).
    deflated: bool,
    /// Its length and CRC-32 once inflated.
    size: usize,
    crc: u32,
}

impl NpzFile {
    /// Reads the archive at `path` (written by `np.savez`, `np.savez_compressed`,
    /// [`savez`], [`savez_compressed`], or any zip tool that stores or deflates its
    /// members; ZIP64 sizes, offsets and end records included). Deflated members are
    /// inflated when asked for.
    ///
    /// ```
    /// use gpu::{Array, NpzFile};
    /// let path = std::env::temp_dir().join("gpu_doc_npz_open.npz");
    /// gpu::savez_compressed(&path, &[("w", &Array::from_vec(vec![1i32, -2], [2])?)])?;
    /// let npz = NpzFile::open(&path)?;
    /// assert_eq!(npz.get::<i32>("w", &gpu::Device::cpu())?.to_vec()?, [1, -2]);
    /// # std::fs::remove_file(&path).ok();
    /// # Ok::<(), gpu::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Io`] when the file cannot be read; [`Error::InvalidArgument`] (op `"npy"`)
    /// when it is not a zip archive, or for a member compressed by another method than
    /// deflate (bzip2, lzma: NumPy writes neither).
    pub fn open(path: impl AsRef<Path>) -> Result<NpzFile> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|e| io_error(path, e))?;
        NpzFile::from_bytes(bytes)
    }

    /// The archive from its bytes.
    ///
    /// # Errors
    /// As [`NpzFile::open`].
    pub fn from_bytes(bytes: Vec<u8>) -> Result<NpzFile> {
        let u16_at = |b: &[u8], i: usize| -> Result<usize> {
            b.get(i..i + 2)
                .map(|s| u16::from_le_bytes([s[0], s[1]]) as usize)
                .ok_or_else(|| bad("truncated .npz".into()))
        };
        let u32_at = |b: &[u8], i: usize| -> Result<u64> {
            b.get(i..i + 4)
                .map(|s| u64::from(u32::from_le_bytes([s[0], s[1], s[2], s[3]])))
                .ok_or_else(|| bad("truncated .npz".into()))
        };
        let u64_at = |b: &[u8], i: usize| -> Result<u64> {
            b.get(i..i + 8)
                .and_then(|s| s.try_into().ok())
                .map(u64::from_le_bytes)
                .ok_or_else(|| bad("truncated .npz".into()))
        };
        // The end-of-central-directory record: the last "PK\x05\x06" (a comment may follow).
        let eocd = (0..bytes.len().saturating_sub(21))
            .rev()
            .find(|&i| bytes[i..i + 4] == [0x50, 0x4B, 0x05, 0x06])
            .ok_or_else(|| bad("not a zip archive (no end of central directory)".into()))?;
        let (mut count, mut cd_offset) = (u16_at(&bytes, eocd + 10)? as u64, u32_at(&bytes, eocd + 16)?);
        // ZIP64 (more than 65,535 members or a directory past 4 GiB, as NumPy writes
        // then): a locator just before the record points to the ZIP64 end record, which
        // holds the count and the directory's offset in 8 bytes each.
        if eocd >= 20 && u32_at(&bytes, eocd - 20)? == 0x0706_4B50 {
            let z = u64_at(&bytes, eocd - 12)? as usize;
            if u32_at(&bytes, z)? != 0x0606_4B50 {
                return Err(bad("corrupt ZIP64 end of central directory".into()));
            }
            (count, cd_offset) = (u64_at(&bytes, z + 32)?, u64_at(&bytes, z + 48)?);
        }
        let mut at = cd_offset as usize;
        let mut members = Vec::with_capacity(count.min(1 << 16) as usize);
        for _ in 0..count {
            if u32_at(&bytes, at)? != 0x0201_4B50 {
                return Err(bad("corrupt zip central directory".into()));
            }
            let method = u16_at(&bytes, at + 10)?;
            let crc = u32_at(&bytes, at + 16)? as u32;
            let (mut len, mut size, mut offset) =
                (u32_at(&bytes, at + 20)?, u32_at(&bytes, at + 24)?, u32_at(&bytes, at + 42)?);
            let (name_len, extra_len, comment_len) =
                (u16_at(&bytes, at + 28)?, u16_at(&bytes, at + 30)?, u16_at(&bytes, at + 32)?);
            let name_bytes = bytes.get(at + 46..at + 46 + name_len).ok_or_else(|| bad("truncated .npz".into()))?;
            let name = String::from_utf8_lossy(name_bytes).into_owned();
            // ZIP64: the sizes and offset that are 0xFFFFFFFF follow in extra field 1, in
            // this order (uncompressed size, compressed size, offset).
            let mut e = at + 46 + name_len;
            while e + 4 <= at + 46 + name_len + extra_len {
                let (id, field_len) = (u16_at(&bytes, e)?, u16_at(&bytes, e + 2)?);
                if id == 1 {
                    let mut f = e + 4;
                    for value in [&mut size, &mut len, &mut offset] {
                        if *value == 0xFFFF_FFFF {
                            *value = u64_at(&bytes, f)?;
                            f += 8;
                        }
                    }
                }
                e += 4 + field_len;
            }
            if method != 0 && method != 8 {
                return Err(bad(format!(
                    "member {name} is compressed by zip method {method}; only stored (0) and deflated (8) members are read"
                )));
            }
            let local = offset as usize;
            if u32_at(&bytes, local)? != 0x0403_4B50 {
                return Err(bad(format!("corrupt zip local header for {name}")));
            }
            let start = local + 30 + u16_at(&bytes, local + 26)? + u16_at(&bytes, local + 28)?;
            if start.checked_add(len as usize).is_none_or(|end| end > bytes.len()) {
                return Err(bad(format!("member {name} runs past the end of the archive")));
            }
            let short = name.strip_suffix(".npy").unwrap_or(&name).to_string();
            members.push(NpzMember {
                name: short,
                start,
                len: len as usize,
                deflated: method == 8,
                size: size as usize,
                crc,
            });
            at += 46 + name_len + extra_len + comment_len;
        }
        Ok(NpzFile { bytes, members })
    }

    /// The arrays' names (the members' without `.npy`), in archive order.
    pub fn names(&self) -> Vec<&str> {
        self.members.iter().map(|m| m.name.as_str()).collect()
    }

    /// The array `name` on `device` (one upload to a GPU); a deflated member is
    /// inflated on the host first and its CRC-32 checked.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] (op `"npy"`) for a name not in the archive (listing
    /// those that are), a deflated member that does not inflate to its recorded length
    /// and CRC, or as [`Array::from_npy`].
    pub fn get<T: Scalar>(&self, name: &str, device: &Device) -> Result<Array<T>> {
        let m = self
            .members
            .iter()
            .find(|m| m.name == name)
            .ok_or_else(|| bad(format!("no array {name:?} in the archive (it has {:?})", self.names())))?;
        let stored = &self.bytes[m.start..m.start + m.len];
        if !m.deflated {
            return Array::from_npy(stored)?.to(device);
        }
        let corrupt = |what: String| bad(format!("member {name} of the archive is corrupt: {what}"));
        let data = miniz_oxide::inflate::decompress_to_vec_with_limit(stored, m.size)
            .map_err(|e| corrupt(format!("deflate stream: {e}")))?;
        if data.len() != m.size || crc32(&data) != m.crc {
            return Err(corrupt(format!(
                "{} bytes with CRC {:08x} inflated, {} with {:08x} recorded",
                data.len(),
                crc32(&data),
                m.size,
                m.crc
            )));
        }
        Array::from_npy(&data)?.to(device)
    }
}

#[cfg(test)]
mod tests {
    use super::{crc32, write_npz_limited, NpzFile, ToNpy, Zip32};
    use crate::{Array, Device};

    /// Every ZIP64 record `savez` can write — both sizes in each local header, sizes and
    /// offsets in the central entries, the ZIP64 end record and its locator — reached by
    /// lowering the plain format's limits to 64 bytes and 2 members rather than writing
    /// 4 GiB. Read back by `NpzFile` and, where `python3` is installed, checked by
    /// Python's `zipfile` (every CRC and size: `testzip`) and by NumPy when importable.
    #[test]
    fn zip64_records_read_back() -> crate::Result<()> {
        let cpu = Device::cpu();
        let a = Array::from_vec((0..100).map(|i| i as f32 * 0.5).collect::<Vec<_>>(), [10, 10])?;
        let b = Array::from_vec(vec![7u32, 8, 9], [3])?;
        let arrays: [(&str, &dyn ToNpy); 2] = [("a", &a), ("b", &b)];
        for compress in [false, true] {
            let path = std::env::temp_dir().join(format!("gpu_zip64_{compress}_{}.npz", std::process::id()));
            write_npz_limited(&path, &arrays, compress, Zip32 { size: 64, count: 2 })?;
            let bytes = std::fs::read(&path).map_err(|e| super::io_error(&path, e))?;
            let n = |sig: u32| bytes.windows(4).filter(|w| *w == sig.to_le_bytes()).count();
            assert_eq!((n(0x0606_4B50), n(0x0706_4B50)), (1, 1), "one ZIP64 end record and locator");
            let npz = NpzFile::open(&path)?;
            assert_eq!(npz.names(), ["a", "b"]);
            assert_eq!(npz.get::<f32>("a", &cpu)?.to_vec()?, a.to_vec()?);
            assert_eq!(npz.get::<u32>("b", &cpu)?.to_vec()?, [7, 8, 9]);
            let script = "import sys, zipfile\n\
                z = zipfile.ZipFile(sys.argv[1])\n\
                assert z.testzip() is None\n\
                assert [i.file_size for i in z.infolist()] == [528, 140], [i.file_size for i in z.infolist()]\n\
                try:\n    import numpy as np\nexcept ImportError:\n    print('zipfile ok; numpy not installed'); sys.exit(0)\n\
                d = np.load(sys.argv[1])\n\
                assert d['b'].tolist() == [7, 8, 9] and d['a'][9, 9] == 49.5\n\
                print('zipfile and numpy ok')\n";
            match std::process::Command::new("python3").arg("-c").arg(script).arg(&path).output() {
                Ok(out) => {
                    let said = String::from_utf8_lossy(&out.stderr);
                    assert!(out.status.success(), "Python rejects our ZIP64 archive (compress {compress}): {said}");
                    eprintln!("ZIP64 (compress {compress}): {}", String::from_utf8_lossy(&out.stdout).trim());
                }
                Err(e) => eprintln!("python3 not runnable ({e}): ZIP64 archive checked by NpzFile only"),
            }
            std::fs::remove_file(&path).ok();
        }
        Ok(())
    }

    #[test]
    fn crc32_matches_the_bytewise_definition() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
        let bytewise = |data: &[u8]| {
            !data.iter().fold(!0u32, |c, &b| {
                (0..8).fold(c ^ u32::from(b), |c, _| if c & 1 == 1 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 })
            })
        };
        let data: Vec<u8> = (0..1000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
        for len in [1, 15, 16, 17, 31, 32, 33, 100, 999, 1000] {
            assert_eq!(crc32(&data[..len]), bytewise(&data[..len]), "length {len}");
        }
    }
}
