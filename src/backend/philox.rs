//! Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC'11)
//! and the mapping from element index to random words that every backend follows.
//!
//! The generator is counter-based: block `b` of seed `s` is `philox(counter = [b_lo,
//! b_hi, 0, 0], key = [s_lo, s_hi])`, four 32-bit words, computed independently of
//! every other block. Element `i` of an array takes its words from a fixed block, so
//! any backend, thread count or launch geometry yields the same stream:
//!
//! | dtype / distribution | words for element `i` |
//! |---|---|
//! | u32, i32, f32 uniform | word `i % 4` of block `i / 4` |
//! | f64 uniform | words `2(i%2)`, `2(i%2)+1` of block `i / 2` |
//! | f32 normal | pair `p = i/2`: words `2(p%2)`, `2(p%2)+1` of block `p / 2` |
//! | f64 normal | pair `p = i/2`: all four words of block `p` |
//!
//! Uniform f32 is `(w >> 8)·2⁻²⁴` (exact), f64 is `((w0 >> 5)·2²⁶ + (w1 >> 6))·2⁻⁵³`
//! (exact), then scaled to `[low, high)`; integers are `low + ⌊w·(high−low) / 2³²⌋`.
//! Normals use Box–Muller on one pair of uniforms: even elements take `r·cos θ`, odd
//! elements `r·sin θ`.
//!
//! Gamma values (shape `k`) take their own blocks, with the third counter word set
//! (so they never share words with the streams above): attempt `r` (0 to 15) of
//! element `i` uses blocks `[i_lo, i_hi, 2r + 1, 0]` — a normal `x` from its first
//! words, as the `r·cos θ` above (f32: words 0, 1; f64: all four) — and
//! `[i_lo, i_hi, 2r + 2, 0]` — a uniform `u` in `(0, 1]` from word 0 (f32:
//! `((w >> 8) + 1)·2⁻²⁴`) or words 0, 1 (f64: `1 - unit_f64`). With `d = k' - 1/3`,
//! `c = 1/√(9d)` (`k' = k`, or `k + 1` when `k < 1`) and `s = 1 + c·x`, the attempt is
//! accepted when `s > 0` and `ln u < x²/2 + d - d·s³ + d·ln s³`, giving `d·s³`; the
//! first accepted attempt wins (each is accepted with probability ≥ 0.95; after 16
//! rejections — below 1e-20 — the last candidate with `s > 0`, or `d`, is kept). For
//! `k < 1` the value is multiplied by `u'^(1/k)`, `u'` from block `[i_lo, i_hi, 33, 0]`
//! as above.

const M0: u32 = 0xD251_1F53;
const M1: u32 = 0xCD9E_8D57;
const W0: u32 = 0x9E37_79B9;
const W1: u32 = 0xBB67_AE85;

#[inline(always)]
fn mulhilo(a: u32, b: u32) -> (u32, u32) {
    let p = a as u64 * b as u64;
    ((p >> 32) as u32, p as u32)
}

/// The four words of block `block` for `seed`.
#[inline]
pub fn block(seed: u64, block: u64) -> [u32; 4] {
    philox4x32_10([block as u32, (block >> 32) as u32, 0, 0], [seed as u32, (seed >> 32) as u32])
}

/// Block `stream` (the third counter word) of element `i`, for the gamma attempts.
#[inline]
pub fn element_block(seed: u64, i: u64, stream: u32) -> [u32; 4] {
    philox4x32_10([i as u32, (i >> 32) as u32, stream, 0], [seed as u32, (seed >> 32) as u32])
}

/// Attempts of the gamma method per element.
pub const GAMMA_ATTEMPTS: u32 = 16;

/// The raw Philox4x32 bijection with 10 rounds.
#[inline]
pub fn philox4x32_10(mut c: [u32; 4], mut k: [u32; 2]) -> [u32; 4] {
    for round in 0..10 {
        if round > 0 {
            k[0] = k[0].wrapping_add(W0);
            k[1] = k[1].wrapping_add(W1);
        }
        let (hi0, lo0) = mulhilo(M0, c[0]);
        let (hi1, lo1) = mulhilo(M1, c[2]);
        c = [hi1 ^ c[1] ^ k[0], lo1, hi0 ^ c[3] ^ k[1], lo0];
    }
    c
}

/// `w >> 8` scaled to `[0, 1)`: exact in f32.
#[inline]
pub fn unit_f32(w: u32) -> f32 {
    (w >> 8) as f32 * (1.0 / 16_777_216.0)
}

/// 53 random bits from two words scaled to `[0, 1)`: exact in f64.
#[inline]
pub fn unit_f64(w0: u32, w1: u32) -> f64 {
    ((w0 >> 5) as f64 * 67_108_864.0 + (w1 >> 6) as f64) * (1.0 / 9_007_199_254_740_992.0)
}

/// Uniform on `[low, high)` from a unit value; the rare rounding up to `high` maps to `low`.
#[inline]
pub fn scale_f32(u: f32, low: f32, high: f32) -> f32 {
    let v = low + (high - low) * u;
    if v < high {
        v
    } else {
        low
    }
}

/// As [`scale_f32`], in f64.
#[inline]
pub fn scale_f64(u: f64, low: f64, high: f64) -> f64 {
    let v = low + (high - low) * u;
    if v < high {
        v
    } else {
        low
    }
}

/// `low + ⌊w·range / 2³²⌋` (Lemire's multiply-high; `range = high − low` as u32).
#[inline]
pub fn scale_u32(w: u32, low: u32, range: u32) -> u32 {
    low.wrapping_add(((w as u64 * range as u64) >> 32) as u32)
}

/// Box–Muller from two unit values in f32: `u1` mapped to `(0, 1]` avoids `ln 0`.
#[inline]
pub fn normal_pair_f32(w0: u32, w1: u32) -> (f32, f32) {
    let u1 = ((w0 >> 8) + 1) as f32 * (1.0 / 16_777_216.0);
    let u2 = unit_f32(w1);
    let r = (-2.0 * u1.ln()).sqrt();
    let t = std::f32::consts::TAU * u2;
    (r * t.cos(), r * t.sin())
}

/// Box–Muller in f64 from four words (53 bits per uniform).
#[inline]
pub fn normal_pair_f64(w: [u32; 4]) -> (f64, f64) {
    let u1 = 1.0 - unit_f64(w[0], w[1]);
    let u2 = unit_f64(w[2], w[3]);
    let r = (-2.0 * u1.ln()).sqrt();
    let t = std::f64::consts::TAU * u2;
    (r * t.cos(), r * t.sin())
}

/// The gamma method's constants for shape `k`: `(d, c, 1/k or 0)` (see the module
/// notes), computed in f64 on the host and passed to every backend as they are.
pub fn gamma_constants(k: f64) -> (f64, f64, f64) {
    let boosted = if k < 1.0 { k + 1.0 } else { k };
    let d = boosted - 1.0 / 3.0;
    (d, 1.0 / (9.0 * d).sqrt(), if k < 1.0 { 1.0 / k } else { 0.0 })
}

/// Element `i` of a standard gamma stream in f32 (constants from [`gamma_constants`]).
pub fn gamma_f32(seed: u64, i: u64, consts: (f32, f32, f32)) -> f32 {
    let unit = |w: [u32; 4]| ((w[0] >> 8) + 1) as f32 * (1.0 / 16_777_216.0);
    gamma_attempts(seed, i, consts, |w| normal_pair_f32(w[0], w[1]).0, unit, (f32::ln, f32::exp))
}

/// As [`gamma_f32`], in f64.
pub fn gamma_f64(seed: u64, i: u64, consts: (f64, f64, f64)) -> f64 {
    let unit = |w: [u32; 4]| 1.0 - unit_f64(w[0], w[1]);
    gamma_attempts(seed, i, consts, |w| normal_pair_f64(w).0, unit, (f64::ln, f64::exp))
}

/// A real function (`ln`, `exp`) of the gamma method's float type.
type Math<T> = fn(T) -> T;

/// The attempts of the gamma method (see the module notes) with the normal and the
/// `(0, 1]` uniform a block gives in `T`.
fn gamma_attempts<T>(
    seed: u64,
    i: u64,
    (d, c, inv_k): (T, T, T),
    normal: impl Fn([u32; 4]) -> T,
    unit: impl Fn([u32; 4]) -> T,
    (ln, exp): (Math<T>, Math<T>),
) -> T
where
    T: Copy
        + PartialOrd
        + From<f32>
        + std::ops::Add<Output = T>
        + std::ops::Sub<Output = T>
        + std::ops::Mul<Output = T>,
{
    let (zero, one, half) = (T::from(0.0), T::from(1.0), T::from(0.5));
    let mut out = d;
    for r in 0..GAMMA_ATTEMPTS {
        let x = normal(element_block(seed, i, 2 * r + 1));
        let u = unit(element_block(seed, i, 2 * r + 2));
        let s = one + c * x;
        if s > zero {
            let v = s * s * s;
            out = d * v;
            if ln(u) < half * x * x + d - d * v + d * ln(v) {
                break;
            }
        }
    }
    if inv_k > zero {
        out = out * exp(ln(unit(element_block(seed, i, 33))) * inv_k);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Known-answer vectors from the Random123 distribution (kat_vectors, philox4x32_10).
    #[test]
    fn known_answers() {
        assert_eq!(philox4x32_10([0; 4], [0; 2]), [0x6627_e8d5, 0xe169_c58d, 0xbc57_ac4c, 0x9b00_dbd8]);
        assert_eq!(philox4x32_10([u32::MAX; 4], [u32::MAX; 2]), [0x408f_276d, 0x41c8_3b0e, 0xa20b_c7c6, 0x6d54_51fd]);
        assert_eq!(
            philox4x32_10([0x243f_6a88, 0x85a3_08d3, 0x1319_8a2e, 0x0370_7344], [0xa409_3822, 0x299f_31d0]),
            [0xd16c_fe09, 0x94fd_cceb, 0x5001_e420, 0x2412_6ea1]
        );
        assert_eq!(block(0, 0), philox4x32_10([0; 4], [0; 2]));
    }

    #[test]
    fn unit_ranges() {
        assert_eq!(unit_f32(0), 0.0);
        assert!(unit_f32(u32::MAX) < 1.0);
        assert!(unit_f64(u32::MAX, u32::MAX) < 1.0);
        assert_eq!(scale_u32(u32::MAX, 5, 10), 14);
    }
}
