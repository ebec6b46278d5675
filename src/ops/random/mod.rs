//! Seeded random arrays from a counter-based generator (Philox4x32-10).
//!
//! The kernels make uniform, normal and gamma values (the gamma by rejection, per
//! element); the other routines of NumPy's and CuPy's `random` are composed from them
//! on the device: continuous distributions by their inverse CDFs, a ratio of normals
//! or of gammas (`continuous.rs`), discrete distributions by searching uniform values
//! in their CDF (tabulated in f64 on the host and uploaded), permutations by sorting
//! random 64-bit keys, and [`choice`] by a search in the cumulative probabilities or
//! an exponential race (`discrete.rs`). A routine that needs several streams draws
//! them from seeds derived from `seed`. A [`Generator`] offers every routine as a
//! method of a seeded stream, as NumPy's `default_rng` does.
//!
//! Element `i` of the result depends only on `(seed, i)`, so every backend, thread
//! count and launch geometry produces the same stream: u32, i32 and f32 uniform
//! streams are bit-identical across devices; f64 uniform is too (exact 53-bit
//! construction); normal streams agree to the accuracy of each device's `ln`/`cos`.
//!
//! ```
//! use gpu::{random, Device};
//! let dev = Device::cpu();
//! let a = random::uniform::<f32>([2, 3], 0.0, 1.0, 42, &dev)?;
//! let b = random::uniform::<f32>([2, 3], 0.0, 1.0, 42, &dev)?;
//! assert_eq!(a.to_vec()?, b.to_vec()?);                 // same seed, same numbers
//! let n = random::normal::<f64>([1000], 0.0, 1.0, 7, &dev)?;
//! assert!(n.mean()?.item()?.abs() < 0.2);
//! # Ok::<(), gpu::Error>(())
//! ```

mod continuous;
mod discrete;
mod generator;

pub use continuous::*;
pub use discrete::*;
pub use generator::Generator;
