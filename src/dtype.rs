//! Element types: the runtime tag [`DType`] and the traits that tie Rust types to it.
//!
//! [`Scalar`] is every type an [`Array`](crate::Array) can hold (`f32`, `f64`, `i32`,
//! `u32`, `bool`); [`Element`] the numeric ones; [`Float`] the floating-point ones.
//! All three are sealed: backends have kernels for exactly these types.

use std::fmt;

/// Runtime tag of an element type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DType {
    /// 32-bit IEEE float.
    F32,
    /// 64-bit IEEE float.
    F64,
    /// 32-bit signed integer (wrapping arithmetic).
    I32,
    /// 32-bit unsigned integer (wrapping arithmetic).
    U32,
    /// Boolean mask.
    Bool,
}

impl DType {
    /// Every dtype, in declaration order.
    pub const ALL: [DType; 5] = [DType::F32, DType::F64, DType::I32, DType::U32, DType::Bool];

    /// Size of one element in host memory, in bytes.
    pub fn size_of(self) -> usize {
        match self {
            DType::F32 | DType::I32 | DType::U32 => 4,
            DType::F64 => 8,
            DType::Bool => 1,
        }
    }

    /// NumPy-style name: `"float32"`, `"int32"`, `"bool"` …
    pub fn name(self) -> &'static str {
        match self {
            DType::F32 => "float32",
            DType::F64 => "float64",
            DType::I32 => "int32",
            DType::U32 => "uint32",
            DType::Bool => "bool",
        }
    }

    /// Whether this is a floating-point type.
    pub fn is_float(self) -> bool {
        matches!(self, DType::F32 | DType::F64)
    }

    /// Whether this is an integer type.
    pub fn is_int(self) -> bool {
        matches!(self, DType::I32 | DType::U32)
    }
}

impl fmt::Display for DType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A single value of any dtype, used to pass scalars to kernels.
#[derive(Debug, Clone, Copy, PartialEq)]
#[doc(hidden)]
pub enum ScalarValue {
    F32(f32),
    F64(f64),
    I32(i32),
    U32(u32),
    Bool(bool),
}

impl ScalarValue {
    /// The value's dtype.
    pub fn dtype(self) -> DType {
        match self {
            ScalarValue::F32(_) => DType::F32,
            ScalarValue::F64(_) => DType::F64,
            ScalarValue::I32(_) => DType::I32,
            ScalarValue::U32(_) => DType::U32,
            ScalarValue::Bool(_) => DType::Bool,
        }
    }

    /// The value converted to f64 (exact for every dtype but large u32/i32 never lose bits).
    pub fn to_f64(self) -> f64 {
        match self {
            ScalarValue::F32(v) => v as f64,
            ScalarValue::F64(v) => v,
            ScalarValue::I32(v) => v as f64,
            ScalarValue::U32(v) => v as f64,
            ScalarValue::Bool(v) => v as u8 as f64,
        }
    }

    /// The value's bits widened to 64 (f32 bits, i32 as two's complement, bool as 0/1).
    pub fn to_bits(self) -> u64 {
        match self {
            ScalarValue::F32(v) => v.to_bits() as u64,
            ScalarValue::F64(v) => v.to_bits(),
            ScalarValue::I32(v) => v as u32 as u64,
            ScalarValue::U32(v) => v as u64,
            ScalarValue::Bool(v) => v as u64,
        }
    }
}

/// Owned host data of any dtype.
#[derive(Debug, Clone, PartialEq)]
#[doc(hidden)]
pub enum HostVec {
    F32(Vec<f32>),
    F64(Vec<f64>),
    I32(Vec<i32>),
    U32(Vec<u32>),
    Bool(Vec<bool>),
}

/// Applies `$body` with `$v` bound to the typed `Vec` inside a [`HostVec`].
#[macro_export]
#[doc(hidden)]
macro_rules! with_host_vec {
    ($host:expr, $v:ident => $body:expr) => {
        match $host {
            $crate::dtype::HostVec::F32($v) => $body,
            $crate::dtype::HostVec::F64($v) => $body,
            $crate::dtype::HostVec::I32($v) => $body,
            $crate::dtype::HostVec::U32($v) => $body,
            $crate::dtype::HostVec::Bool($v) => $body,
        }
    };
}

impl HostVec {
    /// `len` zeros of `dtype`; large ones come from `calloc`, so untouched pages cost
    /// nothing until written. `Error::OutOfMemory` naming `device` when the host cannot
    /// provide them: the allocation is first probed with `try_reserve_exact`, which
    /// reports failure instead of aborting the process; the probe is released and the
    /// buffer allocated zeroed (a fallible zeroed allocation is not available in safe Rust).
    pub(crate) fn try_zeroed(dtype: DType, len: usize, device: &str) -> crate::Result<HostVec> {
        let oom = |bytes: usize| crate::Error::OutOfMemory { requested: bytes as u64, device: device.into() };
        let bytes = len.checked_mul(dtype.size_of()).ok_or_else(|| oom(usize::MAX))?;
        let mut probe: Vec<u8> = Vec::new();
        probe.try_reserve_exact(bytes).map_err(|_| oom(bytes))?;
        drop(probe);
        Ok(match dtype {
            DType::F32 => HostVec::F32(vec![0.0; len]),
            DType::F64 => HostVec::F64(vec![0.0; len]),
            DType::I32 => HostVec::I32(vec![0; len]),
            DType::U32 => HostVec::U32(vec![0; len]),
            DType::Bool => HostVec::Bool(vec![false; len]),
        })
    }

    /// The dtype of the elements.
    pub fn dtype(&self) -> DType {
        match self {
            HostVec::F32(_) => DType::F32,
            HostVec::F64(_) => DType::F64,
            HostVec::I32(_) => DType::I32,
            HostVec::U32(_) => DType::U32,
            HostVec::Bool(_) => DType::Bool,
        }
    }

    /// Number of elements.
    pub fn len(&self) -> usize {
        with_host_vec!(self, v => v.len())
    }

    /// Whether there are no elements.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Borrowed host data of any dtype: what [`HostVec`] is for owned data.
#[derive(Debug, Clone, Copy, PartialEq)]
#[doc(hidden)]
pub enum HostSlice<'a> {
    F32(&'a [f32]),
    F64(&'a [f64]),
    I32(&'a [i32]),
    U32(&'a [u32]),
    Bool(&'a [bool]),
}

impl HostVec {
    /// The data, borrowed.
    pub fn as_slice(&self) -> HostSlice<'_> {
        match self {
            HostVec::F32(v) => HostSlice::F32(v),
            HostVec::F64(v) => HostSlice::F64(v),
            HostVec::I32(v) => HostSlice::I32(v),
            HostVec::U32(v) => HostSlice::U32(v),
            HostVec::Bool(v) => HostSlice::Bool(v),
        }
    }
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for f32 {}
    impl Sealed for f64 {}
    impl Sealed for i32 {}
    impl Sealed for u32 {}
    impl Sealed for bool {}
}

/// A type an [`Array`](crate::Array) can hold: `f32`, `f64`, `i32`, `u32` or `bool`.
///
/// Sealed: the backends have kernels for exactly these types.
pub trait Scalar:
    sealed::Sealed + Copy + Send + Sync + PartialEq + PartialOrd + Default + fmt::Debug + fmt::Display + 'static
{
    /// The runtime tag of this type.
    const DTYPE: DType;
    #[doc(hidden)]
    fn into_host(v: Vec<Self>) -> HostVec;
    #[doc(hidden)]
    fn from_host(h: HostVec) -> Option<Vec<Self>>;
    #[doc(hidden)]
    fn host_slice(h: &HostVec) -> Option<&[Self]>;
    #[doc(hidden)]
    fn slice_ref(s: &[Self]) -> HostSlice<'_>;
    #[doc(hidden)]
    fn to_value(self) -> ScalarValue;
    #[doc(hidden)]
    fn from_value(v: ScalarValue) -> Option<Self>;
}

/// A numeric element type: `f32`, `f64`, `i32` or `u32`.
///
/// Integer arithmetic wraps on overflow; integer division truncates toward zero and
/// division or remainder by zero gives 0 on every backend.
pub trait Element: Scalar {
    /// Additive identity.
    const ZERO: Self;
    /// Multiplicative identity.
    const ONE: Self;
    /// Converts from f64 with Rust `as` semantics (saturating for integers).
    fn from_f64(v: f64) -> Self;
    /// Converts to f64 (exact for every supported type except f64 itself, which is identity).
    fn to_f64(self) -> f64;
}

/// An integer element type: `i32` or `u32` (the bitwise ops are defined for these).
pub trait Integer: Element {
    /// Every bit set (`-1` for `i32`, `u32::MAX`).
    const ALL_ONES: Self;
}

impl Integer for i32 {
    const ALL_ONES: Self = -1;
}

impl Integer for u32 {
    const ALL_ONES: Self = u32::MAX;
}

/// A floating-point element type: `f32` or `f64`.
pub trait Float: Element {
    /// Machine epsilon.
    const EPSILON: Self;
    /// Not a number.
    const NAN: Self;
}

macro_rules! impl_scalar {
    ($t:ty, $dt:ident) => {
        impl Scalar for $t {
            const DTYPE: DType = DType::$dt;
            fn into_host(v: Vec<Self>) -> HostVec {
                HostVec::$dt(v)
            }
            fn from_host(h: HostVec) -> Option<Vec<Self>> {
                match h {
                    HostVec::$dt(v) => Some(v),
                    _ => None,
                }
            }
            fn host_slice(h: &HostVec) -> Option<&[Self]> {
                match h {
                    HostVec::$dt(v) => Some(v),
                    _ => None,
                }
            }
            fn slice_ref(s: &[Self]) -> HostSlice<'_> {
                HostSlice::$dt(s)
            }
            fn to_value(self) -> ScalarValue {
                ScalarValue::$dt(self)
            }
            fn from_value(v: ScalarValue) -> Option<Self> {
                match v {
                    ScalarValue::$dt(x) => Some(x),
                    _ => None,
                }
            }
        }
    };
}

impl_scalar!(f32, F32);
impl_scalar!(f64, F64);
impl_scalar!(i32, I32);
impl_scalar!(u32, U32);
impl_scalar!(bool, Bool);

macro_rules! impl_element {
    ($t:ty, $zero:expr, $one:expr) => {
        impl Element for $t {
            const ZERO: Self = $zero;
            const ONE: Self = $one;
            fn from_f64(v: f64) -> Self {
                v as $t
            }
            fn to_f64(self) -> f64 {
                self as f64
            }
        }
    };
}

impl_element!(f32, 0.0, 1.0);
impl_element!(f64, 0.0, 1.0);
impl_element!(i32, 0, 1);
impl_element!(u32, 0, 1);

impl Float for f32 {
    const EPSILON: Self = f32::EPSILON;
    const NAN: Self = f32::NAN;
}

impl Float for f64 {
    const EPSILON: Self = f64::EPSILON;
    const NAN: Self = f64::NAN;
}
