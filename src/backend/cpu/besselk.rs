//! The modified Bessel functions of the second kind K0 and K1 in f64, and their scaled
//! forms `e^x·K0(x)`, `e^x·K1(x)` (SciPy's `k0`, `k1`, `k0e`, `k1e`); src/ops/besselk.rs
//! describes the methods, shaders/besselk_math.wgsl and kernels/common.cuh are the same
//! for wgpu and CUDA. The tables come from scripts/besselk-coefficients.py (mpmath).

use super::special::{chbevl, horner};

/// ln 2 − γ in two parts: `ln(x/2) + γ` is `ln x − LN2_EULER`, exact to the last bit
/// of ln x where it cancels (x near 2e^−γ = 1.12).
const LN2_EULER_HI: f64 = 0.11593151565841245;
const LN2_EULER_LO: f64 = 3.7780767526472776e-19;
/// Where the power series give way to the Chebyshev series.
const SERIES_END: f64 = 1.0;
/// Past where `e^−x` is normal: there it is taken in two halves, so that K keeps its
/// digits into the subnormals (only there: the halves cost an ulp).
const EXP_SPLIT: f64 = 708.0;

/// 1/k!² for k = 10 down to 0: I0(x) = Σ t^k/k!², t = x²/4.
const K0_I: [f64; 11] = [
    7.594058428126623e-14,
    7.594058428126624e-12,
    6.151187326782565e-10,
    3.936759889140842e-08,
    1.9290123456790124e-06,
    6.944444444444444e-05,
    0.001736111111111111,
    0.027777777777777776,
    0.25,
    1.0,
    1.0,
];

/// H_k/k!² (H_k = 1 + ½ + … + 1/k, H_0 = 0), k = 10 down to 0.
const K0_H: [f64; 11] = [
    2.224275605476294e-13,
    2.1483350211950277e-11,
    1.6718048413148328e-09,
    1.0207455998272325e-07,
    4.72608024691358e-06,
    0.0001585648148148148,
    0.003616898148148148,
    0.05092592592592592,
    0.375,
    1.0,
    0.0,
];

/// 1/(k!(k + 1)!), k = 10 down to 0: I1(x) = (x/2)·Σ t^k/(k!(k + 1)!).
const K1_I: [f64; 11] = [
    6.903689480115112e-15,
    7.594058428126623e-13,
    6.834652585313961e-11,
    4.920949861426052e-09,
    2.755731922398589e-07,
    1.1574074074074073e-05,
    0.00034722222222222224,
    0.006944444444444444,
    0.08333333333333333,
    0.5,
    1.0,
];

/// (H_k + H_(k+1))/(k!(k + 1)!), k = 10 down to 0.
const K1_H: [f64; 11] = [
    4.106898277957945e-14,
    4.3726106266713215e-12,
    3.791062453869784e-10,
    2.613375872835907e-08,
    1.3896762408667172e-06,
    5.4783950617283953e-05,
    0.0015162037037037036,
    0.027199074074074073,
    0.2777777777777778,
    1.25,
    1.0,
];

/// e^x·√x·K0(x) for x ≥ 1 as a Chebyshev series in 4/x − 2, highest order first
/// (`chbevl`'s form; terms to 1e-18).
const K0_B: [f64; 35] = [
    1.9525118377024673e-18,
    -4.34951976353995e-18,
    9.772081357930103e-18,
    -2.2150879127142777e-17,
    5.067869397943651e-17,
    -1.1707837700385623e-16,
    2.7324144482527955e-16,
    -6.445464362724762e-16,
    1.537582290719742e-15,
    -3.711589997838162e-15,
    9.072046991627365e-15,
    -2.2469288334596896e-14,
    5.6436532735816866e-14,
    -1.4388149744180521e-13,
    3.72695818784577e-13,
    -9.819576891759296e-13,
    2.6349075982806445e-12,
    -7.210940065346495e-12,
    2.0159542597761383e-11,
    -5.7683063818637606e-11,
    1.6929517419961088e-10,
    -5.10958325791419e-10,
    1.5907351467912106e-09,
    -5.1272057810909205e-09,
    1.7186668629418083e-08,
    -6.025216756376064e-08,
    2.225046272255236e-07,
    -8.737284518980525e-07,
    3.695146089045472e-06,
    -1.7138726856421186e-05,
    8.959565555755952e-05,
    -0.0005521270349863234,
    0.004362000068251702,
    -0.053855323307629495,
    2.388866152433477,
];

/// e^x·√x·K1(x) for x ≥ 1, as K0_B.
const K1_B: [f64; 35] = [
    -2.112162909517424e-18,
    4.712904181351028e-18,
    -1.0606842599775882e-17,
    2.4087033253210357e-17,
    -5.521491188037577e-17,
    1.2781913900252082e-16,
    -2.9895680121763374e-16,
    7.068360792264328e-16,
    -1.690331071434488e-15,
    4.091059996919741e-15,
    -1.002779686252293e-14,
    2.4911830875182032e-14,
    -6.277632672531289e-14,
    1.6061141914625803e-13,
    -4.1763277431648047e-13,
    1.1049772078983365e-12,
    -2.9786645069974164e-12,
    8.193082518369976e-12,
    -2.3034250700407756e-11,
    6.632273899864202e-11,
    -1.96028004074301e-10,
    5.963886884453419e-10,
    -1.873778917957349e-09,
    6.103966549420336e-09,
    -2.0717892129028323e-08,
    7.37247184977708e-08,
    -2.772707643805077e-07,
    1.1139969511197356e-06,
    -4.853489413610226e-06,
    2.3441638979785087e-05,
    -0.000129995769583983,
    0.0008815363164514389,
    -0.008406706460495654,
    0.19051350202061165,
    2.906551335187683,
];

/// `ln(x/2) + γ`.
fn ln_half_euler(x: f64) -> f64 {
    (x.ln() - LN2_EULER_HI) - LN2_EULER_LO
}

/// K0(x) for 0 < x ≤ 1: `−(ln(x/2) + γ)·I0(x) + Σ H_k·t^k/k!²`, both terms positive
/// below x = 2e^−γ.
fn k0_series(x: f64) -> f64 {
    let t = 0.25 * x * x;
    horner(&K0_H, t) - ln_half_euler(x) * horner(&K0_I, t)
}

/// K1(x) for 0 < x ≤ 1.
fn k1_series(x: f64) -> f64 {
    let t = 0.25 * x * x;
    1.0 / x + ln_half_euler(x) * (0.5 * x * horner(&K1_I, t)) - 0.25 * x * horner(&K1_H, t)
}

/// `e^−x·C/√x` for the Chebyshev value `C` of `e^x·√x·K(x)`, `e^−x` in two halves near
/// its underflow.
fn scale_down(x: f64, c: f64) -> f64 {
    if x < EXP_SPLIT {
        (-x).exp() * (c / x.sqrt())
    } else {
        let h = (-0.5 * x).exp();
        h * (c / x.sqrt()) * h
    }
}

/// K0 or K1 (`one`), or their scaled forms `e^x·K` (`scaled`): NaN for x < 0, +∞ at 0,
/// 0 at +∞.
fn besselk(x: f64, one: bool, scaled: bool) -> f64 {
    if x.is_nan() || x < 0.0 {
        f64::NAN
    } else if x == 0.0 {
        f64::INFINITY
    } else if x <= SERIES_END {
        let k = if one { k1_series(x) } else { k0_series(x) };
        if scaled {
            x.exp() * k
        } else {
            k
        }
    } else {
        let c = chbevl(4.0 / x - 2.0, if one { &K1_B } else { &K0_B });
        if scaled {
            c / x.sqrt()
        } else {
            scale_down(x, c)
        }
    }
}

/// K0(x) (SciPy's `k0`).
pub(crate) fn k0(x: f64) -> f64 {
    besselk(x, false, false)
}

/// `e^x·K0(x)` (SciPy's `k0e`).
pub(crate) fn k0e(x: f64) -> f64 {
    besselk(x, false, true)
}

/// K1(x) (SciPy's `k1`).
pub(crate) fn k1(x: f64) -> f64 {
    besselk(x, true, false)
}

/// `e^x·K1(x)` (SciPy's `k1e`).
pub(crate) fn k1e(x: f64) -> f64 {
    besselk(x, true, true)
}
