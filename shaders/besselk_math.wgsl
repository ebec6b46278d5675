// The modified Bessel functions of the second kind K0 and K1 and their scaled forms
// e^x·K0(x), e^x·K1(x) (SciPy's k0, k0e, k1, k1e), written once for f32 and f64
// ({{T}}); src/backend/cpu/besselk.rs is the same in f64 (its tables, from
// scripts/besselk-coefficients.py, are unrolled here) and src/ops/besselk.rs describes
// the methods: up to x = 1 the power series in t = x²/4, above it e^−x/√x times a
// Chebyshev series in 4/x − 2.

// 1/k!², k = 10 down to 0 (I0's series).
fn besselk_k0_i_{{T}}(t: {{T}}) -> {{T}} {
    var p: {{T}} = 7.594058428126623e-14;
    p = p * t + 7.594058428126624e-12;
    p = p * t + 6.151187326782565e-10;
    p = p * t + 3.936759889140842e-08;
    p = p * t + 1.9290123456790124e-06;
    p = p * t + 6.944444444444444e-05;
    p = p * t + 0.001736111111111111;
    p = p * t + 0.027777777777777776;
    p = p * t + 0.25;
    p = p * t + 1.0;
    p = p * t + 1.0;
    return p;
}

// H_k/k!², k = 10 down to 0.
fn besselk_k0_h_{{T}}(t: {{T}}) -> {{T}} {
    var p: {{T}} = 2.224275605476294e-13;
    p = p * t + 2.1483350211950277e-11;
    p = p * t + 1.6718048413148328e-09;
    p = p * t + 1.0207455998272325e-07;
    p = p * t + 4.72608024691358e-06;
    p = p * t + 0.0001585648148148148;
    p = p * t + 0.003616898148148148;
    p = p * t + 0.05092592592592592;
    p = p * t + 0.375;
    p = p * t + 1.0;
    p = p * t + 0.0;
    return p;
}

// 1/(k!(k + 1)!), k = 10 down to 0 (I1's series over x/2).
fn besselk_k1_i_{{T}}(t: {{T}}) -> {{T}} {
    var p: {{T}} = 6.903689480115112e-15;
    p = p * t + 7.594058428126623e-13;
    p = p * t + 6.834652585313961e-11;
    p = p * t + 4.920949861426052e-09;
    p = p * t + 2.755731922398589e-07;
    p = p * t + 1.1574074074074073e-05;
    p = p * t + 0.00034722222222222224;
    p = p * t + 0.006944444444444444;
    p = p * t + 0.08333333333333333;
    p = p * t + 0.5;
    p = p * t + 1.0;
    return p;
}

// (H_k + H_(k+1))/(k!(k + 1)!), k = 10 down to 0.
fn besselk_k1_h_{{T}}(t: {{T}}) -> {{T}} {
    var p: {{T}} = 4.106898277957945e-14;
    p = p * t + 4.3726106266713215e-12;
    p = p * t + 3.791062453869784e-10;
    p = p * t + 2.613375872835907e-08;
    p = p * t + 1.3896762408667172e-06;
    p = p * t + 5.4783950617283953e-05;
    p = p * t + 0.0015162037037037036;
    p = p * t + 0.027199074074074073;
    p = p * t + 0.2777777777777778;
    p = p * t + 1.25;
    p = p * t + 1.0;
    return p;
}

// e^x·√x·K0(x) for x >= 1 in 4/x − 2.
fn besselk_k0_b_{{T}}(x: {{T}}) -> {{T}} {
    var b0: {{T}} = 1.9525118377024673e-18;
    var b1: {{T}} = 0.0;
    var b2: {{T}} = 0.0;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -4.34951976353995e-18;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 9.772081357930103e-18;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -2.2150879127142777e-17;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 5.067869397943651e-17;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -1.1707837700385623e-16;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 2.7324144482527955e-16;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -6.445464362724762e-16;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 1.537582290719742e-15;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -3.711589997838162e-15;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 9.072046991627365e-15;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -2.2469288334596896e-14;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 5.6436532735816866e-14;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -1.4388149744180521e-13;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 3.72695818784577e-13;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -9.819576891759296e-13;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 2.6349075982806445e-12;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -7.210940065346495e-12;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 2.0159542597761383e-11;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -5.7683063818637606e-11;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 1.6929517419961088e-10;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -5.10958325791419e-10;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 1.5907351467912106e-09;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -5.1272057810909205e-09;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 1.7186668629418083e-08;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -6.025216756376064e-08;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 2.225046272255236e-07;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -8.737284518980525e-07;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 3.695146089045472e-06;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -1.7138726856421186e-05;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 8.959565555755952e-05;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -0.0005521270349863234;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 0.004362000068251702;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -0.053855323307629495;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 2.388866152433477;
    return 0.5 * (b0 - b2);
}

// e^x·√x·K1(x) for x >= 1 in 4/x − 2.
fn besselk_k1_b_{{T}}(x: {{T}}) -> {{T}} {
    var b0: {{T}} = -2.112162909517424e-18;
    var b1: {{T}} = 0.0;
    var b2: {{T}} = 0.0;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 4.712904181351028e-18;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -1.0606842599775882e-17;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 2.4087033253210357e-17;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -5.521491188037577e-17;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 1.2781913900252082e-16;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -2.9895680121763374e-16;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 7.068360792264328e-16;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -1.690331071434488e-15;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 4.091059996919741e-15;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -1.002779686252293e-14;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 2.4911830875182032e-14;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -6.277632672531289e-14;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 1.6061141914625803e-13;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -4.1763277431648047e-13;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 1.1049772078983365e-12;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -2.9786645069974164e-12;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 8.193082518369976e-12;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -2.3034250700407756e-11;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 6.632273899864202e-11;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -1.96028004074301e-10;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 5.963886884453419e-10;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -1.873778917957349e-09;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 6.103966549420336e-09;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -2.0717892129028323e-08;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 7.37247184977708e-08;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -2.772707643805077e-07;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 1.1139969511197356e-06;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -4.853489413610226e-06;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 2.3441638979785087e-05;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -0.000129995769583983;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 0.0008815363164514389;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -0.008406706460495654;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 0.19051350202061165;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 2.906551335187683;
    return 0.5 * (b0 - b2);
}

// ln(x/2) + γ as ln x less ln 2 − γ in two parts.
fn besselk_ln_half_euler_{{T}}(x: {{T}}) -> {{T}} {
    return (ln_{{T}}(x) - 0.11593151565841245) - 3.7780767526472776e-19;
}

// K0(x) for 0 <= x <= 1: −(ln(x/2) + γ)·I0(x) + Σ H_k·t^k/k!² (+∞ at 0).
fn besselk_k0_series_{{T}}(x: {{T}}) -> {{T}} {
    let t = 0.25 * x * x;
    return besselk_k0_h_{{T}}(t) - besselk_ln_half_euler_{{T}}(x) * besselk_k0_i_{{T}}(t);
}

// K1(x) for 0 < x <= 1: 1/x + (ln(x/2) + γ)·I1(x) − (x/4)·Σ (H_k + H_(k+1))·t^k/(k!(k + 1)!).
fn besselk_k1_series_{{T}}(x: {{T}}) -> {{T}} {
    let t = 0.25 * x * x;
    return 1.0 / x + besselk_ln_half_euler_{{T}}(x) * (0.5 * x * besselk_k1_i_{{T}}(t))
        - 0.25 * x * besselk_k1_h_{{T}}(t);
}

// e^−x·c/√x, e^−x in two halves where it alone is subnormal (0 at +∞).
fn besselk_scale_down_{{T}}(x: {{T}}, c: {{T}}) -> {{T}} {
    let big = x > {{EXP_NORMAL_END}};
    let h = exp_{{T}}(select(-x, -0.5 * x, big));
    return h * (c / sqrt(x)) * select(1.0, h, big);
}

// K0 or K1 (one), or e^x·K (scaled): NaN for x < 0, +∞ at 0, 0 at +∞. Each caller
// passes constants, so each kernel keeps one path.
fn besselk_{{T}}(x: {{T}}, one: bool, scaled: bool) -> {{T}} {
    if (nan_{{T}}(x) || x < 0.0) { return qnan_{{T}}(); }
    if (x == 0.0) { return inf_{{T}}(); }
    if (x <= 1.0) {
        var k = besselk_k0_series_{{T}}(x);
        if (one) { k = besselk_k1_series_{{T}}(x); }
        return select(k, exp_{{T}}(x) * k, scaled);
    }
    if (x > {{T_MAX}}) { return 0.0; }
    var c = besselk_k0_b_{{T}}(4.0 / x - 2.0);
    if (one) { c = besselk_k1_b_{{T}}(4.0 / x - 2.0); }
    if (scaled) { return c / sqrt(x); }
    return besselk_scale_down_{{T}}(x, c);
}

fn math_k0_{{T}}(x: {{T}}) -> {{T}} { return besselk_{{T}}(x, false, false); }
fn math_k0e_{{T}}(x: {{T}}) -> {{T}} { return besselk_{{T}}(x, false, true); }
fn math_k1_{{T}}(x: {{T}}) -> {{T}} { return besselk_{{T}}(x, true, false); }
fn math_k1e_{{T}}(x: {{T}}) -> {{T}} { return besselk_{{T}}(x, true, true); }
