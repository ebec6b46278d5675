//! Jacobi's elliptic functions sn, cn, dn and the amplitude am in f64 (SciPy's `ellipj`);
//! src/ops/ellip.rs describes the method, and shaders/special_math.wgsl and
//! kernels/common.cuh are the same for wgpu and CUDA.

use std::f64::consts::{FRAC_PI_2, PI};

/// The most arithmetic–geometric mean steps (13 reach 2^-53 from p = 2^-1074).
const STEPS: usize = 16;
/// π in three parts of 30, 30 and 53 bits: `n·PI_A` and `n·PI_B` are exact for n a
/// multiple of ½ below 2^22.
const PI_A: f64 = 3.1415926553308964;
const PI_B: f64 = -1.7411031384001463e-9;
const PI_C: f64 = -7.00686879617986e-19;
/// Below this `1 − m` the functions of the reduced argument come from the ascending
/// Landen transformation rather than the descending one's amplitude (whose `asin` steps
/// meet arguments within √(1 − m) of 1 there).
const ASCENDING_BELOW: f64 = 1e-4;

/// `x − nπ` for n a multiple of ½, π in three parts where their products with n are exact
/// (|n| below 2^22; past it `x − n·π`, where ulp(x) exceeds a period anyway).
pub(super) fn reduce_pi(x: f64, n: f64) -> f64 {
    if n.abs() < 4194304.0 {
        ((x - n * PI_A) - n * PI_B) - n * PI_C
    } else {
        x - n * PI
    }
}

/// sn, cn and dn of z for a parameter m within `ASCENDING_BELOW` of 1 (`p = 1 − m`):
/// ascending Landen steps (DLMF 22.7.4–6) until `1 − m` is below 2^-53, then the first
/// order in `1 − m` about tanh and sech (DLMF 22.10.8–10). At most 4 steps (2 from 1e-4).
fn ascending(mut z: f64, m: f64, mut p: f64) -> (f64, f64, f64) {
    let (mut ks, mut kps, mut n) = ([0.0; 4], [0.0; 4], 0);
    let mut k = m.sqrt();
    while p > f64::EPSILON * 0.5 && n < 4 {
        // k₂' = (1 − k)/(1 + k) = p/(1 + k)², its square the next p.
        let kp2 = p / ((1.0 + k) * (1.0 + k));
        (ks[n], kps[n]) = (k, kp2);
        n += 1;
        z *= 0.5 * (1.0 + k);
        p = kp2 * kp2;
        k = 2.0 * k.sqrt() / (1.0 + k);
    }
    let (t, ch) = (z.tanh(), z.cosh());
    let (sech, e) = (1.0 / ch, 0.25 * p);
    let sc = z.sinh() * ch;
    let (mut s, mut c, mut d) =
        (t + e * (sc - z) * sech * sech, sech - e * (sc - z) * t * sech, sech + e * (sc + z) * t * sech);
    for i in (0..n).rev() {
        let (k, kp2) = (ks[i], kps[i]);
        (s, c, d) = (
            2.0 / (1.0 + k) * s * c / d,
            (1.0 + k) / (2.0 * k) * (d * d - kp2) / d,
            0.5 * (1.0 + k) * (d * d + kp2) / d,
        );
    }
    (s, c, d)
}

/// `(sn, cn, dn, am, j)` of u for a parameter in [0, 1] given as m and `p = 1 − m`, each
/// exact, where `am − jπ` is in (−π/2, π).
fn core(u: f64, m: f64, p: f64) -> (f64, f64, f64, f64, f64) {
    if p == 0.0 {
        let sech = 1.0 / u.cosh();
        return (u.tanh(), sech, sech, u.sinh().atan(), 0.0);
    }
    // Descending Landen: a, b the arithmetic–geometric mean of 1 and √p, c² = a² − b²
    // (c₁ from b where p ≤ ½ and from m elsewhere, so neither subtracts; then c²/4a).
    let (mut a, mut b, mut c, mut scale) = (1.0f64, p.sqrt(), m.sqrt(), 1.0);
    let mut ratio = [0.0; STEPS];
    let mut n = 0;
    while n < STEPS && c > f64::EPSILON * 0.5 * a {
        let a1 = 0.5 * (a + b);
        c = if n == 0 && p <= 0.5 { 0.5 * (1.0 - b) } else { c * c / (4.0 * a1) };
        b = (a * b).sqrt();
        a = a1;
        ratio[n] = c / a;
        scale *= 2.0;
        n += 1;
    }
    // a·u = πu/(2K)·2^-n: u = r + qK with |r| ≤ K/2, reduced as a·r = a·u − qπ/2.
    let w = a * u;
    let q = (w / FRAC_PI_2).round();
    let w = reduce_pi(w, 0.5 * q);
    // sn, cn, dn and am of r.
    let (s, c, d, phi) = if p < ASCENDING_BELOW {
        let (s, c, d) = ascending(w / a, m, p);
        (s, c, d, s.atan2(c))
    } else {
        let mut phi = w * scale;
        for &r in ratio[..n].iter().rev() {
            phi = 0.5 * ((r * phi.sin()).asin() + phi);
        }
        let (s, c) = phi.sin_cos();
        // dn² = 1 − m·sn² = p + m·cn², two terms that do not cancel.
        (s, c, (p + m * c * c).sqrt(), phi)
    };
    // Shifts by 2K change the signs; one by K (DLMF 22.4.3) gives cd, −k′·sd, k′·nd, whose
    // zeros and small values are r's, not u's.
    let j = (0.5 * q).floor();
    let sign = if j % 2.0 == 0.0 { 1.0 } else { -1.0 };
    if q % 2.0 == 0.0 {
        (sign * s, sign * c, d, j * PI + phi, j)
    } else {
        let kp = p.sqrt();
        (sign * c / d, -sign * kp * s / d, kp / d, q * FRAC_PI_2 + (kp * s).atan2(c), j)
    }
}

/// `[sn, cn, dn, am]` of u at parameter m (SciPy's `ellipj(u, m)`, which is NaN outside
/// [0, 1]): for m < 0 by the imaginary-modulus transformation to `−m/(1 − m)`, for m > 1
/// by the reciprocal one to `1/m` (DLMF 22.17), where am is `atan2(sn, cn)`; NaN for an
/// infinite or NaN argument.
pub(crate) fn ellipj(u: f64, m: f64) -> [f64; 4] {
    if !u.is_finite() || !m.is_finite() {
        return [f64::NAN; 4];
    }
    if m < 0.0 {
        let s = (1.0 - m).sqrt();
        let (sn, cn, dn, _, j) = core(u * s, -m / (1.0 - m), 1.0 / (1.0 - m));
        // tan am = tan am′/s, in the same half-turn from jπ.
        let sign = if j % 2.0 == 0.0 { 1.0 } else { -1.0 };
        [sn / (s * dn), cn / dn, 1.0 / dn, j * PI + (sign * sn).atan2(s * sign * cn)]
    } else if m > 1.0 {
        let s = m.sqrt();
        let (sn, cn, dn, _, _) = core(u * s, 1.0 / m, (m - 1.0) / m);
        let sn = sn / s;
        [sn, dn, cn, sn.atan2(dn)]
    } else {
        let (sn, cn, dn, am, _) = core(u, m, 1.0 - m);
        [sn, cn, dn, am]
    }
}
