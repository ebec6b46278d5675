//! NumPy's `.npy` files (format versions 1.0 to 3.0): [`save`] and [`load`] (NumPy's
//! `np.save`/`np.load`, CuPy's `cupy.save`/`cupy.load`), and the same bytes in memory
//! ([`Array::to_npy`], [`Array::from_npy`]). Arrays are written little-endian in C
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
