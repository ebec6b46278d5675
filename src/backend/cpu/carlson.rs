//! Legendre's incomplete elliptic integrals `F(φ | m)` and `E(φ | m)` in f64 (SciPy's
//! `ellipkinc`, `ellipeinc`) through Carlson's symmetric integrals R_F and R_D;
//! src/ops/ellip.rs describes the method, and shaders/special_math.wgsl and
//! kernels/common.cuh are the same for wgpu and CUDA.

use super::ellipj::reduce_pi;
use super::special::{ellipe, ellipkm1};

/// Where the duplication stops: `(3ε)^(−1/6)` and `(ε/4)^(−1/6)` times the arguments'
/// spread below the mean, then the fifth-order series (Carlson 1995, ε = 2^-52).
const RF_SPREAD: f64 = 338.3813509546826;
const RD_SPREAD: f64 = 512.0;
/// Past this many duplications the arguments agree to the last bit (13 from 0 against
/// 1e300).
const DUPLICATIONS: usize = 32;

/// Carlson's duplication from (x, y, z) with mean `a0` until `spread·4⁻ⁿ` is below the
/// mean: `(a, 4⁻ⁿ, Σ 4⁻ᵏ/(√zₖ(zₖ + λₖ)))`, λ = √x√y + √y√z + √z√x (the sum is R_D's).
fn duplicate(mut x: f64, mut y: f64, mut z: f64, a0: f64, spread: f64) -> (f64, f64, f64) {
    let q = spread * (a0 - x).abs().max((a0 - y).abs()).max((a0 - z).abs());
    let (mut a, mut f, mut sum) = (a0, 1.0, 0.0);
    for _ in 0..DUPLICATIONS {
        if q * f < a.abs() {
            break;
        }
        let (sx, sy, sz) = (x.sqrt(), y.sqrt(), z.sqrt());
        let l = sx * sy + sy * sz + sz * sx;
        sum += f / (sz * (z + l));
        (x, y, z, a) = (0.25 * (x + l), 0.25 * (y + l), 0.25 * (z + l), 0.25 * (a + l));
        f *= 0.25;
    }
    (a, f, sum)
}

/// `R_F(x, y, z) = ½∫₀^∞ dt/√((t + x)(t + y)(t + z))` for non-negative arguments, at most
/// one of them 0 (DLMF 19.36.1, Carlson's duplication).
fn rf(x: f64, y: f64, z: f64) -> f64 {
    let a0 = (x + y + z) / 3.0;
    let (a, f, _) = duplicate(x, y, z, a0, RF_SPREAD);
    let (xx, yy) = ((a0 - x) * f / a, (a0 - y) * f / a);
    let zz = -xx - yy;
    let (e2, e3) = (xx * yy - zz * zz, xx * yy * zz);
    (1.0 - e2 / 10.0 + e3 / 14.0 + e2 * e2 / 24.0 - 3.0 * e2 * e3 / 44.0) / a.sqrt()
}

/// `R_D(x, y, z) = (3/2)∫₀^∞ dt/((t + z)√((t + x)(t + y)(t + z)))` for non-negative x, y
/// (at most one 0) and positive z (DLMF 19.36.2, Carlson's duplication).
fn rd(x: f64, y: f64, z: f64) -> f64 {
    let a0 = (x + y + 3.0 * z) / 5.0;
    let (a, f, sum) = duplicate(x, y, z, a0, RD_SPREAD);
    let (xx, yy) = ((a0 - x) * f / a, (a0 - y) * f / a);
    let zz = -(xx + yy) / 3.0;
    let (xy, z2) = (xx * yy, zz * zz);
    let (e2, e3, e4, e5) = (xy - 6.0 * z2, (3.0 * xy - 8.0 * z2) * zz, 3.0 * (xy - z2) * z2, xy * z2 * zz);
    let series = 1.0 - 3.0 * e2 / 14.0 + e3 / 6.0 + 9.0 * e2 * e2 / 88.0 - 3.0 * e4 / 22.0 - 9.0 * e2 * e3 / 52.0
        + 3.0 * e5 / 26.0;
    f * series / (a * a.sqrt()) + 3.0 * sum
}

/// `F(φ | m)` (`second` false) or `E(φ | m)` (true), SciPy's `ellipkinc` and `ellipeinc`:
/// φ = nπ + r with |r| ≤ π/2 (π in three parts), `2n·K(m)` or `2n·E(m)` and r's integral
/// in Carlson's forms, each a sum of terms of one sign (DLMF 19.25.5 for F; for E
/// 19.25.9 below m = 0, 19.25.10 on [0, 1], 19.25.11 above 1), with `Δ² = cos²r + (1 − m)·sin²r`.
/// For m > 1 only where the integral is real (|sin φ| ≤ 1/√m), NaN elsewhere (SciPy:
/// NaN for every m > 1). ±∞ for φ = ±∞ at m ≤ 1; at m = −∞, F = 0 and E = ±∞ (φ ≠ 0).
pub(crate) fn ellipinc(phi: f64, m: f64, second: bool) -> f64 {
    if phi.is_nan() || m.is_nan() || m == f64::INFINITY {
        return f64::NAN;
    }
    if phi == 0.0 {
        return phi;
    }
    if m == f64::NEG_INFINITY {
        return if second { f64::INFINITY.copysign(phi) } else { 0.0f64.copysign(phi) };
    }
    if phi.is_infinite() {
        return if m <= 1.0 { phi } else { f64::NAN };
    }
    // Carlson's forms hold for cos r ≥ 0: where n's rounding (φ/π at ½) left r past ±π/2,
    // the next n.
    let mut n = (phi / std::f64::consts::PI).round();
    let mut r = reduce_pi(phi, n);
    if r.cos() < 0.0 {
        n += r.signum();
        r = reduce_pi(phi, n);
    }
    let (s, c) = r.sin_cos();
    let p = 1.0 - m;
    let (c2, d2) = (c * c, c * c + p * s * s);
    if m > 1.0 && (n != 0.0 || d2 < 0.0) {
        return f64::NAN;
    }
    let whole = |complete: f64| if n == 0.0 { 0.0 } else { 2.0 * n * complete };
    if !second {
        return s * rf(c2, d2, 1.0) + whole(ellipkm1(p));
    }
    let part = if p == 0.0 {
        s
    } else if m < 0.0 {
        s * rf(c2, d2, 1.0) - m / 3.0 * s * s * s * rd(c2, d2, 1.0)
    } else if m <= 1.0 {
        p * s * rf(c2, d2, 1.0) + m * p / 3.0 * s * s * s * rd(c2, 1.0, d2) + m * s * c / d2.sqrt()
    } else {
        -p / 3.0 * s * s * s * rd(d2, 1.0, c2) + s * d2.sqrt() / c
    };
    part + whole(ellipe(m))
}

/// `R_F(x, y, z)` (SciPy's `elliprf`): NaN for a negative or NaN argument, +∞ where two
/// are 0, 0 where one is +∞.
pub(crate) fn elliprf(x: f64, y: f64, z: f64) -> f64 {
    let args = [x, y, z];
    if args.iter().any(|v| v.is_nan() || *v < 0.0) {
        return f64::NAN;
    }
    if args.iter().any(|v| v.is_infinite()) {
        return 0.0;
    }
    if args.iter().filter(|v| **v == 0.0).count() >= 2 {
        return f64::INFINITY;
    }
    rf(x, y, z)
}

/// `R_D(x, y, z)` (SciPy's `elliprd`): NaN for a negative or NaN argument, +∞ where z or
/// both x and y are 0, 0 where one is +∞.
pub(crate) fn elliprd(x: f64, y: f64, z: f64) -> f64 {
    let args = [x, y, z];
    if args.iter().any(|v| v.is_nan() || *v < 0.0) {
        return f64::NAN;
    }
    if args.iter().any(|v| v.is_infinite()) {
        return 0.0;
    }
    if z == 0.0 || (x == 0.0 && y == 0.0) {
        return f64::INFINITY;
    }
    rd(x, y, z)
}

/// `R_G(x, y, z) = ¼∫₀^∞ (t + x)^(−½)(t + y)^(−½)(t + z)^(−½)·(x/(t + x) + y/(t + y) + z/(t + z))·t dt`
/// (SciPy's `elliprg`) by DLMF 19.21.10 with z the median, where its three terms are
/// non-negative: `2R_G = z·R_F − (x − z)(y − z)·R_D/3 + √(xy/z)`. √max/2 where two
/// arguments are 0, NaN for a negative or NaN one, +∞ where one is +∞.
pub(crate) fn elliprg(x: f64, y: f64, z: f64) -> f64 {
    let mut v = [x, y, z];
    if v.iter().any(|a| a.is_nan() || *a < 0.0) {
        return f64::NAN;
    }
    if v.iter().any(|a| a.is_infinite()) {
        return f64::INFINITY;
    }
    v.sort_by(f64::total_cmp);
    let [lo, mid, hi] = v;
    if mid == 0.0 {
        return 0.5 * hi.sqrt();
    }
    0.5 * (mid * rf(lo, hi, mid) + (mid - lo) * (hi - mid) * rd(lo, hi, mid) / 3.0 + (lo / mid).sqrt() * hi.sqrt())
}

/// `R_C(x, y) = R_F(x, y, y)` (SciPy's `elliprc`), for y < 0 Cauchy's principal value
/// `√(x/(x − y))·R_C(x − y, −y)` (DLMF 19.2.20). NaN for x < 0, y = 0 (SciPy's) or NaN, 0
/// where one is ±∞.
pub(crate) fn elliprc(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() || x < 0.0 || y == 0.0 {
        return f64::NAN;
    }
    if x.is_infinite() || y.is_infinite() {
        return 0.0;
    }
    if y > 0.0 {
        return rf(x, y, y);
    }
    let d = x - y;
    (x / d).sqrt() * rf(d, -y, -y)
}
