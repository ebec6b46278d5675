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

/// `R_J(x, y, z, p) = (3/2)∫₀^∞ dt/((t + p)√((t + x)(t + y)(t + z)))` for non-negative x,
/// y, z (at most one 0) and positive p. p takes no part in the duplication's λ, so where
/// it is far above the others it would meet them only after `log₄(p/λ)` steps (70 at
/// `R_J(1e-7, 1e-28, 1e-21, 1e28)`): above 16 times the largest, DLMF 19.21.12 with x the
/// smallest trades it for `q = x + (y − x)(z − x)/(p − x)`, below the largest:
/// `(p − x)·R_J(p) = 3R_F(x, y, z) − 3√x·R_C(yz, pq) − (q − x)·R_J(q)`, where the two terms
/// subtracted are within `(π/2)√(z/p)` ≤ 0.4 of the first.
fn rj(x: f64, y: f64, z: f64, p: f64) -> f64 {
    if p <= 16.0 * x.max(y).max(z) {
        return rj_duplicate(x, y, z, p);
    }
    let [x, y, z] = sorted([x, y, z]);
    let q = x + (y - x) * ((z - x) / (p - x));
    // √x·R_C(yz, pq) as √(x/q)·R_C(yz/(pq), 1)/√p, the products formed as ratios (both at
    // most about 1); q underflowing to 0 (x = 0, p past yz/2⁻¹⁰⁷⁴) leaves R_F alone.
    let rest = if q > 0.0 {
        3.0 * (x / q).sqrt() / p.sqrt() * rf((y / p) * (z / q), 1.0, 1.0) + (q - x) * rj_duplicate(x, y, z, q)
    } else {
        0.0
    };
    (3.0 * rf(x, y, z) - rest) / (p - x)
}

/// `R_J(x, y, z, p)` by Carlson's duplication (Carlson 1995), p not far above the others:
/// the duplication to `(ε/4)^(−1/6)` of the spread, the fifth-order series, and at each
/// step `6·4⁻ᵐ·R_C(1, 1 + eₘ)/dₘ`, `dₘ = (√p + √x)(√p + √y)(√p + √z)` at step m. With √ written
/// s, a, b, c: `eₘ = 4⁻³ᵐδ/dₘ² = Π 4⁻ᵐ(p − x)/(s + a)²` over the three (no δ to
/// overflow), and `1 + eₘ = 2s(p + λ)/dₘ`, all terms positive, so that R_C keeps its
/// digits where e is near −1 (p small against the others).
fn rj_duplicate(x: f64, y: f64, z: f64, p: f64) -> f64 {
    let a0 = (x + y + z + 2.0 * p) / 5.0;
    let q = RD_SPREAD * (a0 - x).abs().max((a0 - y).abs()).max((a0 - z).abs()).max((a0 - p).abs());
    let (dx, dy, dz) = (p - x, p - y, p - z);
    let (mut xm, mut ym, mut zm, mut pm) = (x, y, z, p);
    let (mut a, mut f, mut sum) = (a0, 1.0, 0.0);
    for _ in 0..DUPLICATIONS {
        if q * f < a.abs() {
            break;
        }
        let (sx, sy, sz, sp) = (xm.sqrt(), ym.sqrt(), zm.sqrt(), pm.sqrt());
        let l = sx * sy + sy * sz + sz * sx;
        let (px, py, pz) = (sp + sx, sp + sy, sp + sz);
        let d = px * py * pz;
        let e = (dx * f / (px * px)) * (dy * f / (py * py)) * (dz * f / (pz * pz));
        sum += f / d * rc1p(e, 2.0 * sp * (pm + l) / d);
        (xm, ym, zm, pm) = (0.25 * (xm + l), 0.25 * (ym + l), 0.25 * (zm + l), 0.25 * (pm + l));
        a = 0.25 * (a + l);
        f *= 0.25;
    }
    let (xx, yy, zz) = ((a0 - x) * f / a, (a0 - y) * f / a, (a0 - z) * f / a);
    let pp = -(xx + yy + zz) / 2.0;
    let (xyz, p2) = (xx * yy * zz, pp * pp);
    let e2 = xx * yy + xx * zz + yy * zz - 3.0 * p2;
    let e3 = xyz + 2.0 * e2 * pp + 4.0 * p2 * pp;
    let e4 = (2.0 * xyz + e2 * pp + 3.0 * p2 * pp) * pp;
    let e5 = xyz * p2;
    let series = 1.0 - 3.0 * e2 / 14.0 + e3 / 6.0 + 9.0 * e2 * e2 / 88.0 - 3.0 * e4 / 22.0 - 9.0 * e2 * e3 / 52.0
        + 3.0 * e5 / 26.0;
    f * series / (a * a.sqrt()) + 6.0 * sum
}

/// `R_C(1, 1 + e)` given e and `ope` = 1 + e, each to full precision: `atan(√e)/√e`, or for
/// e < 0 `atanh(t)/t = ½·ln_1p(2t(1 + t)/(1 + e))/t` with t = √−e (1 − t is
/// `(1 + e)/(1 + t)`, which keeps its digits as t nears 1).
fn rc1p(e: f64, ope: f64) -> f64 {
    if e > 0.0 {
        let t = e.sqrt();
        t.atan() / t
    } else if e < 0.0 {
        let t = (-e).sqrt();
        0.5 * (2.0 * t * (1.0 + t) / ope).ln_1p() / t
    } else {
        1.0
    }
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
/// non-negative: `2R_G = z·R_F − (x − z)(y − z)·R_D/3 + √(xy/z)`, the second term
/// multiplied as `(x − z)·((y − z)·R_D)`, whose partial products keep to the arguments'
/// own magnitudes (the product of the two differences overflowed f64 past 1e154, f32 past
/// 1.8e19). √max/2 where two arguments are 0, NaN for a negative or NaN one, +∞ where one
/// is +∞.
pub(crate) fn elliprg(x: f64, y: f64, z: f64) -> f64 {
    let v = [x, y, z];
    if v.iter().any(|a| a.is_nan() || *a < 0.0) {
        return f64::NAN;
    }
    if v.iter().any(|a| a.is_infinite()) {
        return f64::INFINITY;
    }
    let [lo, mid, hi] = sorted(v);
    if mid == 0.0 {
        return 0.5 * hi.sqrt();
    }
    0.5 * (mid * rf(lo, hi, mid) + (mid - lo) * ((hi - mid) * rd(lo, hi, mid)) / 3.0 + (lo / mid).sqrt() * hi.sqrt())
}

/// `R_J(x, y, z, p)` (SciPy's `elliprj`): for p < 0 Cauchy's principal value, by
/// Carlson's transformation to a positive `p'` with z the largest argument (DLMF 19.20.14,
/// as Boost writes it), q = −p:
///
/// `(z + q)·R_J = 3√(xyz/(xy + p'q))·R_C(xy + p'q, p'q) − (z − x)(z − y)/(z + q)·R_J(x, y, z, p') − 3R_F(x, y, z)`,
///
/// `p' = x·(z − y)/(z + q) + z·(y + q)/(z + q)`, a sum of non-negative terms; here and in
/// `rj`, each product of two differences is taken as one times a ratio at most 1, so that
/// none overflows where the value does not. NaN for a negative or NaN x, y, z; +∞ where
/// two of x, y, z are 0 or p is ±0 (SciPy: NaN for p = 0; the integral diverges there);
/// 0 where an argument is ±∞.
pub(crate) fn elliprj(x: f64, y: f64, z: f64, p: f64) -> f64 {
    let args = [x, y, z];
    if p.is_nan() || args.iter().any(|v| v.is_nan() || *v < 0.0) {
        return f64::NAN;
    }
    if p.is_infinite() || args.iter().any(|v| v.is_infinite()) {
        return 0.0;
    }
    if p == 0.0 || args.iter().filter(|v| **v == 0.0).count() >= 2 {
        return f64::INFINITY;
    }
    if p > 0.0 {
        return rj(x, y, z, p);
    }
    let ([x, y, z], q) = (sorted(args), -p);
    let pp = x * ((z - y) / (z + q)) + z * ((y + q) / (z + q));
    // With t = p'q/(xy) (+∞ at x = 0), √(xyz/(xy + p'q))·R_C(xy + p'q, p'q) is
    // `√(z/(1 + t))·R_C(1 + 1/t, 1)/√(p'q)`: no product of three arguments to overflow.
    let t = (pp / x) * (q / y);
    let pole = 3.0 * (z / (1.0 + t)).sqrt() * rf(1.0 + 1.0 / t, 1.0, 1.0) / (pp.sqrt() * q.sqrt());
    (pole - (z - x) * ((z - y) / (z + q)) * rj(x, y, z, pp) - 3.0 * rf(x, y, z)) / (z + q)
}

/// Three arguments in ascending order (none NaN here).
fn sorted(mut v: [f64; 3]) -> [f64; 3] {
    v.sort_by(f64::total_cmp);
    v
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

#[cfg(test)]
mod tests {
    use super::elliprj;

    #[test]
    fn elliprj_far_apart() {
        // mpmath at 400 bits (the table in tests/special.rs keeps to 1e±30): p far above
        // the others (70 duplications without the trade), q underflowing to 0 there, and a
        // principal value whose product xyz is past f64's range.
        let cases = [
            (
                [1.2650544857163836e-7, 7.877264163423149e-29, 1.1380949149993442e-21, 2.3580738885723383e28],
                6.280000879408881e-24,
            ),
            ([1.035365559234249e-146, 0.0, 5.458762031120364e-138, 2.471159447367264e93], 5.93797874236547e-24),
            ([4.200929345970868e-118, 0.0, 6.479631380671256e-98, 2.9161213471479256e118], 9.95369185164073e-69),
            (
                [2.967329544357016e87, 2.9631136657675714e130, 2.150959980614472e148, -4.820799088329633e-91],
                4.480303384716849e-181,
            ),
        ];
        for ([x, y, z, p], want) in cases {
            let got = elliprj(x, y, z, p);
            assert!((got / want - 1.0).abs() < 1e-15, "elliprj({x:e}, {y:e}, {z:e}, {p:e}) = {got:e}, want {want:e}");
        }
    }
}
