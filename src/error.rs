//! The crate's error type.
//!
//! Every fallible public function returns [`Result<T>`](Result). Variants carry the
//! values that matter (shapes, axes, dtypes, device names) so a message says what was
//! wrong without a debugger.

use crate::dtype::DType;

/// Result alias used throughout the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in `gpu`.
///
/// User mistakes (bad shapes, axes, devices) and device faults (out of memory, lost
/// device, kernel compilation) are separate variants; match on them rather than on the
/// message text.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Two shapes are not compatible under NumPy broadcasting rules.
    #[error("{op}: shapes {lhs:?} and {rhs:?} cannot be broadcast together")]
    BroadcastMismatch {
        /// The operation that broadcast its operands.
        op: &'static str,
        /// Shape of the first operand.
        lhs: Vec<usize>,
        /// Shape of the second operand.
        rhs: Vec<usize>,
    },
    /// `broadcast_to` (or an in-place op) asked for a shape the array cannot stretch to.
    #[error("cannot broadcast an array of shape {from:?} to shape {to:?}")]
    BroadcastTo {
        /// The array's shape.
        from: Vec<usize>,
        /// The requested shape.
        to: Vec<usize>,
    },
    /// An axis index outside `-ndim..ndim`.
    #[error("axis {axis} is out of range for an array of shape {shape:?} ({} dimensions)", shape.len())]
    AxisOutOfRange {
        /// The axis as given (negative axes count from the end).
        axis: isize,
        /// The array's shape.
        shape: Vec<usize>,
    },
    /// An element index outside the length of an axis.
    #[error("index {index} is out of bounds for axis {axis} with length {len} (shape {shape:?})")]
    IndexOutOfBounds {
        /// The index as given.
        index: isize,
        /// The axis indexed.
        axis: usize,
        /// Length of that axis.
        len: usize,
        /// The array's shape.
        shape: Vec<usize>,
    },
    /// `reshape` to a shape with a different number of elements.
    #[error("cannot reshape an array of shape {from:?} ({} elements) into shape {to:?} ({} elements)",
        from.iter().product::<usize>(), to.iter().product::<usize>())]
    ReshapeMismatch {
        /// The array's shape.
        from: Vec<usize>,
        /// The requested shape.
        to: Vec<usize>,
    },
    /// Host data whose length does not match the shape it was given.
    #[error("data of length {len} does not fit shape {shape:?}, which holds {expected} elements")]
    LengthMismatch {
        /// Length of the data.
        len: usize,
        /// The requested shape.
        shape: Vec<usize>,
        /// Number of elements the shape holds.
        expected: usize,
    },
    /// A shape whose element count (or byte size) overflows `usize`.
    #[error("shape {shape:?} has more elements than fit in memory addresses (usize overflow)")]
    ShapeOverflow {
        /// The offending shape.
        shape: Vec<usize>,
    },
    /// A slice with step 0.
    #[error("slice step must not be zero (axis {axis} of shape {shape:?})")]
    ZeroStep {
        /// The axis being sliced.
        axis: usize,
        /// The array's shape.
        shape: Vec<usize>,
    },
    /// `squeeze` of an axis whose length is not 1.
    #[error("cannot squeeze axis {axis} of shape {shape:?}: its length is {len}, not 1")]
    SqueezeNotOne {
        /// The axis.
        axis: usize,
        /// Its length.
        len: usize,
        /// The array's shape.
        shape: Vec<usize>,
    },
    /// `transpose` axes that are not a permutation of `0..ndim`.
    #[error("transpose axes {axes:?} are not a permutation of the {} axes of shape {shape:?}", shape.len())]
    InvalidPermutation {
        /// The axes as given.
        axes: Vec<isize>,
        /// The array's shape.
        shape: Vec<usize>,
    },
    /// `dot`/`matmul` operands whose contracted dimensions differ, or 0-d operands.
    #[error("{op}: shapes {lhs:?} and {rhs:?} are not aligned: {reason}")]
    MatmulShape {
        /// `"dot"` or `"matmul"`.
        op: &'static str,
        /// Shape of the left operand.
        lhs: Vec<usize>,
        /// Shape of the right operand.
        rhs: Vec<usize>,
        /// What does not match.
        reason: String,
    },
    /// `concatenate`/`stack` operands whose shapes do not line up.
    #[error("{op}: array {index} has shape {shape:?} but array 0 has shape {first:?}: {rule}")]
    JoinShape {
        /// `"concatenate"` or `"stack"`.
        op: &'static str,
        /// Position of the offending array in the argument list.
        index: usize,
        /// Its shape.
        shape: Vec<usize>,
        /// The first array's shape.
        first: Vec<usize>,
        /// What has to match.
        rule: String,
    },
    /// `item()` on an array that does not hold exactly one element.
    #[error("item() needs an array with exactly one element, but shape {shape:?} holds {}", shape.iter().product::<usize>())]
    NotScalar {
        /// The array's shape.
        shape: Vec<usize>,
    },
    /// A reduction without identity (max, min, argmax, argmin) over zero elements.
    #[error("{op} of an empty array (shape {shape:?}) has no identity")]
    EmptyReduction {
        /// The reduction.
        op: &'static str,
        /// The shape that was reduced.
        shape: Vec<usize>,
    },
    /// Operands that live on different devices.
    #[error("{op}: operands live on different devices: {lhs} and {rhs}; move one with `.to(&device)`")]
    DeviceMismatch {
        /// The operation.
        op: &'static str,
        /// The first operand's device.
        lhs: String,
        /// The second operand's device.
        rhs: String,
    },
    /// A dtype the device cannot compute with (e.g. f64 on a wgpu adapter without SHADER_F64).
    #[error("{dtype} is not supported on {device}: {reason}")]
    Unsupported {
        /// The dtype.
        dtype: DType,
        /// The device.
        device: String,
        /// Why not.
        reason: String,
    },
    /// A device allocation failed.
    #[error("out of memory on {device}: could not allocate {requested} bytes")]
    OutOfMemory {
        /// Bytes asked for.
        requested: u64,
        /// The device.
        device: String,
    },
    /// An array larger than the device can address, even in chunks.
    #[error("{what} of {bytes} bytes is too large for {device} (limit {limit} bytes)")]
    TooLarge {
        /// What was too large.
        what: &'static str,
        /// Its size in bytes.
        bytes: u64,
        /// The limit.
        limit: u64,
        /// The device.
        device: String,
    },
    /// The device was lost (driver reset, removal, or `destroy`); every later call fails.
    #[error("device {device} was lost: {reason}")]
    DeviceLost {
        /// The device.
        device: String,
        /// What the driver said.
        reason: String,
    },
    /// No device of the requested backend exists on this machine.
    #[error("no {backend} device available: {reason}")]
    NoDevice {
        /// `"wgpu"` or `"cuda"`.
        backend: &'static str,
        /// Why none was found.
        reason: String,
    },
    /// The backend was not compiled into this build.
    #[error("the {backend} backend is not compiled in; enable the `{backend}` cargo feature of `gpu`")]
    NotCompiled {
        /// `"wgpu"` or `"cuda"`.
        backend: &'static str,
    },
    /// A file could not be read or written ([`save`](crate::save), [`load`](crate::load)).
    #[error("{path}: {message}")]
    Io {
        /// The file.
        path: String,
        /// What the operating system said.
        message: String,
    },
    /// A device string (e.g. the `GPU_DEVICE` variable) that does not parse.
    #[error("invalid device {input:?}: expected one of \"cpu\", \"wgpu\", \"wgpu:N\", \"cuda\", \"cuda:N\"")]
    InvalidDevice {
        /// The string as given.
        input: String,
    },
    /// A kernel failed to compile or validate; `log` is the compiler's own output.
    #[error("kernel `{kernel}` failed to compile for {device}:\n{log}")]
    KernelCompile {
        /// The kernel's name.
        kernel: String,
        /// The device.
        device: String,
        /// Compiler or validator output.
        log: String,
    },
    /// A fault reported by the device or driver that is not one of the above.
    #[error("{device}: {message}")]
    Backend {
        /// The device.
        device: String,
        /// The driver's message.
        message: String,
    },
    /// A singular matrix where an inverse is needed (`linalg::solve`, `linalg::inv`,
    /// `linalg::solve_triangular`; NumPy's `LinAlgError`): a pivot of its LU
    /// factorisation, or a diagonal element of a triangular matrix, is exactly zero.
    #[error("{op}: the matrix of shape {shape:?} is singular (a pivot is exactly zero)")]
    Singular {
        /// The function.
        op: &'static str,
        /// The matrix's shape.
        shape: Vec<usize>,
    },
    /// A matrix that `linalg::cholesky` needs symmetric positive definite is not (NumPy's
    /// `LinAlgError`): a diagonal step of the factorisation was not positive.
    #[error("{op}: the matrix of shape {shape:?} is not positive definite")]
    NotPositiveDefinite {
        /// The function.
        op: &'static str,
        /// The matrix's shape.
        shape: Vec<usize>,
    },
    /// An argument outside its domain (e.g. `linspace` with a non-finite bound).
    #[error("{op}: {reason}")]
    InvalidArgument {
        /// The function.
        op: &'static str,
        /// What is wrong.
        reason: String,
    },
}
