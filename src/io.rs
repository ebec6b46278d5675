//! NumPy's `.npy` files (format versions 1.0 to 3.0): [`save`] and [`load`] (NumPy's
//! `np.save`/`np.load`, CuPy's `cupy.save`/`cupy.load`), and the same bytes in memory
//! ([`Array::to_npy`], [`Array::from_npy`]); and `.npz` archives of them ([`savez`],
//! [`NpzFile`]: NumPy's `np.savez` and `np.load` of an `.npz`), zip files whose members
//! are stored uncompressed. Arrays are written little-endian in C
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
        let mut out = Vec::with_capacity(prefix + header_len + self.len() * T::DTYPE.size_of());
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
        match T::into_host(self.to_vec()?) {
            HostVec::F32(v) => v.iter().for_each(|x| out.extend_from_slice(&x.to_le_bytes())),
            HostVec::F64(v) => v.iter().for_each(|x| out.extend_from_slice(&x.to_le_bytes())),
            HostVec::I32(v) => v.iter().for_each(|x| out.extend_from_slice(&x.to_le_bytes())),
            HostVec::U32(v) => v.iter().for_each(|x| out.extend_from_slice(&x.to_le_bytes())),
            HostVec::Bool(v) => out.extend(v.iter().map(|&b| u8::from(b))),
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
            DType::F32 => HostVec::F32(words(data, big_endian).map(f32::from_le_bytes).collect()),
            DType::F64 => HostVec::F64(words(data, big_endian).map(f64::from_le_bytes).collect()),
            DType::I32 => HostVec::I32(words(data, big_endian).map(i32::from_le_bytes).collect()),
            DType::U32 => HostVec::U32(words(data, big_endian).map(u32::from_le_bytes).collect()),
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

/// The `N`-byte words of `data`, in little-endian order.
fn words<const N: usize>(data: &[u8], big_endian: bool) -> impl Iterator<Item = [u8; N]> + '_ {
    data.chunks_exact(N).map(move |c| {
        let mut w = [0u8; N];
        w.copy_from_slice(c);
        if big_endian {
            w.reverse();
        }
        w
    })
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

/// CRC-32 (IEEE, as zip files use).
fn crc32(data: &[u8]) -> u32 {
    let table: Vec<u32> =
        (0..256u32).map(|n| (0..8).fold(n, |c, _| if c & 1 == 1 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 })).collect();
    !data.iter().fold(!0u32, |c, &b| table[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8))
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
/// # Errors
/// [`Error::Io`] when the file cannot be written; [`Error::InvalidArgument`] for an
/// empty or repeated name; [`Error::TooLarge`] past the plain zip format's 4 GiB or
/// 65,535 members; device faults.
pub fn savez(path: impl AsRef<Path>, arrays: &[(&str, &dyn ToNpy)]) -> Result<()> {
    let path = path.as_ref();
    let mut out = Vec::new();
    let mut central = Vec::new();
    let too_large =
        |bytes: u64| Error::TooLarge { what: ".npz archive", bytes, limit: u32::MAX as u64, device: "host".into() };
    if arrays.len() > 0xFFFF {
        return Err(too_large(arrays.len() as u64));
    }
    for (i, (name, a)) in arrays.iter().enumerate() {
        if name.is_empty() || arrays[..i].iter().any(|(m, _)| m == name) {
            return Err(bad(format!("savez: names must be non-empty and distinct, got {name:?} twice or empty")));
        }
        let member = format!("{name}.npy");
        let data = a.npy_bytes()?;
        let (offset, size) = (out.len() as u64, data.len() as u64);
        if offset + size + 30 + member.len() as u64 > u64::from(u32::MAX) {
            return Err(too_large(offset + size));
        }
        let crc = crc32(&data);
        // Version 2.0, no flags, stored, 1980-01-01 00:00.
        let fixed = |sig: u32| -> Vec<u8> {
            let mut h = sig.to_le_bytes().to_vec();
            h.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0x21, 0]);
            h.extend_from_slice(&crc.to_le_bytes());
            h.extend_from_slice(&(size as u32).to_le_bytes());
            h.extend_from_slice(&(size as u32).to_le_bytes());
            h.extend_from_slice(&(member.len() as u16).to_le_bytes());
            h.extend_from_slice(&[0, 0]);
            h
        };
        out.extend(fixed(0x0403_4B50));
        out.extend_from_slice(member.as_bytes());
        out.extend_from_slice(&data);
        // Central directory entry: "made by" version first, then the local fields, then
        // comment length, disk, attributes and the local header's offset.
        let local = fixed(0x0201_4B50);
        central.extend_from_slice(&local[..4]);
        central.extend_from_slice(&[20, 0]);
        central.extend_from_slice(&local[4..]);
        central.extend_from_slice(&[0; 6]);
        central.extend_from_slice(&[0, 0, 0xA4, 0x81]); // a regular file, rw-r--r--
        central.extend_from_slice(&(offset as u32).to_le_bytes());
        central.extend_from_slice(member.as_bytes());
    }
    let (cd_offset, cd_size, count) = (out.len() as u32, central.len() as u32, arrays.len() as u16);
    out.extend(central);
    out.extend_from_slice(&0x0605_4B50u32.to_le_bytes());
    out.extend_from_slice(&[0, 0, 0, 0]);
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&cd_size.to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    std::fs::write(path, out).map_err(|e| io_error(path, e))
}

/// An `.npz` archive read into memory (NumPy's `NpzFile`, what `np.load` returns for an
/// `.npz`): its arrays by name, each decoded when asked for.
#[derive(Debug, Clone)]
pub struct NpzFile {
    bytes: Vec<u8>,
    /// (name without `.npy`, start and length of the member's data).
    members: Vec<(String, usize, usize)>,
}

impl NpzFile {
    /// Reads the archive at `path` (written by `np.savez`, [`savez`], or any zip tool
    /// that stores its members uncompressed; ZIP64 sizes included).
    ///
    /// # Errors
    /// [`Error::Io`] when the file cannot be read; [`Error::InvalidArgument`] (op `"npy"`)
    /// when it is not a zip archive, or for a compressed member (`np.savez_compressed`).
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
        let count = u16_at(&bytes, eocd + 10)?;
        let mut at = u32_at(&bytes, eocd + 16)? as usize;
        let mut members = Vec::with_capacity(count);
        for _ in 0..count {
            if u32_at(&bytes, at)? != 0x0201_4B50 {
                return Err(bad("corrupt zip central directory".into()));
            }
            let method = u16_at(&bytes, at + 10)?;
            let (mut size, mut offset) = (u32_at(&bytes, at + 20)?, u32_at(&bytes, at + 42)?);
            let (name_len, extra_len, comment_len) =
                (u16_at(&bytes, at + 28)?, u16_at(&bytes, at + 30)?, u16_at(&bytes, at + 32)?);
            let name_bytes = bytes.get(at + 46..at + 46 + name_len).ok_or_else(|| bad("truncated .npz".into()))?;
            let name = String::from_utf8_lossy(name_bytes).into_owned();
            // ZIP64: the sizes and offset that are 0xFFFFFFFF follow in extra field 1.
            let mut e = at + 46 + name_len;
            while e + 4 <= at + 46 + name_len + extra_len {
                let (id, len) = (u16_at(&bytes, e)?, u16_at(&bytes, e + 2)?);
                if id == 1 {
                    let mut f = e + 4;
                    let uncompressed = u32_at(&bytes, at + 24)?;
                    if uncompressed == 0xFFFF_FFFF {
                        f += 8;
                    }
                    if size == 0xFFFF_FFFF {
                        size = u64_at(&bytes, f)?;
                        f += 8;
                    }
                    if offset == 0xFFFF_FFFF {
                        offset = u64_at(&bytes, f)?;
                    }
                }
                e += 4 + len;
            }
            if method != 0 {
                return Err(bad(format!(
                    "member {name} is compressed (method {method}, as np.savez_compressed writes); only stored members are read"
                )));
            }
            let local = offset as usize;
            if u32_at(&bytes, local)? != 0x0403_4B50 {
                return Err(bad(format!("corrupt zip local header for {name}")));
            }
            let start = local + 30 + u16_at(&bytes, local + 26)? + u16_at(&bytes, local + 28)?;
            if start + size as usize > bytes.len() {
                return Err(bad(format!("member {name} runs past the end of the archive")));
            }
            let short = name.strip_suffix(".npy").unwrap_or(&name).to_string();
            members.push((short, start, size as usize));
            at += 46 + name_len + extra_len + comment_len;
        }
        Ok(NpzFile { bytes, members })
    }

    /// The arrays' names (the members' without `.npy`), in archive order.
    pub fn names(&self) -> Vec<&str> {
        self.members.iter().map(|(n, _, _)| n.as_str()).collect()
    }

    /// The array `name` on `device` (one upload to a GPU).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] (op `"npy"`) for a name not in the archive (listing
    /// those that are) or as [`Array::from_npy`].
    pub fn get<T: Scalar>(&self, name: &str, device: &Device) -> Result<Array<T>> {
        let (_, start, len) = self
            .members
            .iter()
            .find(|(n, _, _)| n == name)
            .ok_or_else(|| bad(format!("no array {name:?} in the archive (it has {:?})", self.names())))?;
        Array::from_npy(&self.bytes[*start..start + len])?.to(device)
    }
}
