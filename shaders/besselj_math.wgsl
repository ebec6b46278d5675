// The Bessel functions of the first and second kinds of orders 0 and 1, J0, J1, Y0, Y1
// (SciPy's j0, j1, y0, y1), written once for f32 and f64 ({{T}}): FreeBSD msun's
// e_j0.c and e_j1.c, which the CPU backend calls through the libm crate (src/ops/besselj.rs
// describes the method). Their coefficients are msun's:
//
// ====================================================
// Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
//
// Developed at SunSoft, a Sun Microsystems, Inc. business.
// Permission to use, copy, modify, and distribute this
// software is freely granted, provided that this notice
// is preserved.
// ====================================================

// R/S with R = r0 + r1·z + … + r5·z^5 and S = 1 + s0·z + … + s5·z^6 (s5 = 0 for P).
fn besselj_ratio_{{T}}(z: {{T}}, r0: {{T}}, r1: {{T}}, r2: {{T}}, r3: {{T}}, r4: {{T}}, r5: {{T}},
                       s0: {{T}}, s1: {{T}}, s2: {{T}}, s3: {{T}}, s4: {{T}}, s5: {{T}}) -> {{T}} {
    let r = r0 + z * (r1 + z * (r2 + z * (r3 + z * (r4 + z * r5))));
    let s = 1.0 + z * (s0 + z * (s1 + z * (s2 + z * (s3 + z * (s4 + z * s5)))));
    return r / s;
}

// The asymptotic forms' P and Q for x >= 2, order 0 (pzero, qzero) and 1 (pone, qone):
// P = 1 + R/S, Q = (∓1/8 or 3/8 + R/S)/x in z = 1/x², one fit per range of x.
fn besselj_pzero_{{T}}(x: {{T}}) -> {{T}} {
    let z = 1.0 / (x * x);
    var r: {{T}};
    if (x >= 8.0) {
        r = besselj_ratio_{{T}}(z, 0.0, -0.07031249999999004, -8.081670412753498, -257.06310567970485, -2485.216410094288, -5253.043804907295, 116.53436461966818, 3833.7447536412183, 40597.857264847255, 116752.97256437592, 47627.728414673096, 0.0);
    } else if (x >= 4.545452117919922) {
        r = besselj_ratio_{{T}}(z, -1.141254646918945e-11, -0.07031249408735993, -4.159610644705878, -67.67476522651673, -331.23129964917297, -346.4333883656049, 60.753938269230034, 1051.2523059570458, 5978.970943338558, 9625.445143577745, 2406.058159229391, 0.0);
    } else if (x >= 2.8571414947509766) {
        r = besselj_ratio_{{T}}(z, -2.547046017719519e-09, -0.07031196163814817, -2.409032215495296, -21.96597747348831, -58.07917047017376, -31.44794705948885, 35.85603380552097, 361.51398305030386, 1193.6078379211153, 1127.9967985690741, 173.58093081333575, 0.0);
    } else {
        r = besselj_ratio_{{T}}(z, -8.875343330325264e-08, -0.07030309954836247, -1.4507384678095299, -7.635696138235278, -11.193166886035675, -3.2336457935133534, 22.22029975320888, 136.2067942182152, 270.4702786580835, 153.87539420832033, 14.65761769482562, 0.0);
    }
    return 1.0 + r;
}
fn besselj_qzero_{{T}}(x: {{T}}) -> {{T}} {
    let z = 1.0 / (x * x);
    var r: {{T}};
    if (x >= 8.0) {
        r = besselj_ratio_{{T}}(z, 0.0, 0.0732421874999935, 11.76820646822527, 557.6733802564019, 8859.197207564686, 37014.62677768878, 163.77602689568982, 8098.344946564498, 142538.29141912048, 803309.2571195144, 840501.5798190605, -343899.2935378666);
    } else if (x >= 4.545452117919922) {
        r = besselj_ratio_{{T}}(z, 1.8408596359451553e-11, 0.07324217666126848, 5.8356350896205695, 135.11157728644983, 1027.243765961641, 1989.9778586460538, 82.77661022365378, 2077.81416421393, 18847.28877857181, 56751.11228949473, 35976.75384251145, -5354.342756019448);
    } else if (x >= 2.8571414947509766) {
        r = besselj_ratio_{{T}}(z, 4.377410140897386e-09, 0.07324111800429114, 3.344231375161707, 42.621844074541265, 170.8080913405656, 166.73394869665117, 48.75887297245872, 709.689221056606, 3704.1482262011136, 6460.425167525689, 2516.3336892036896, -149.2474518361564);
    } else {
        r = besselj_ratio_{{T}}(z, 1.5044444488698327e-07, 0.07322342659630793, 1.99819174093816, 14.495602934788574, 31.666231750478154, 16.252707571092927, 30.36558483552192, 269.34811860804984, 844.7837575953201, 882.9358451124886, 212.66638851179883, -5.3109549388266695);
    }
    return (-0.125 + r) / x;
}
fn besselj_pone_{{T}}(x: {{T}}) -> {{T}} {
    let z = 1.0 / (x * x);
    var r: {{T}};
    if (x >= 8.0) {
        r = besselj_ratio_{{T}}(z, 0.0, 0.11718749999998865, 13.239480659307358, 412.05185430737856, 3874.7453891396053, 7914.479540318917, 114.20737037567841, 3650.9308342085346, 36956.206026903346, 97602.79359349508, 30804.27206278888, 0.0);
    } else if (x >= 4.545452117919922) {
        r = besselj_ratio_{{T}}(z, 1.3199051955624352e-11, 0.1171874931906141, 6.802751278684329, 108.30818299018911, 517.6361395331998, 528.7152013633375, 59.28059872211313, 991.4014187336144, 5353.26695291488, 7844.690317495512, 1504.0468881036106, 0.0);
    } else if (x >= 2.8571414947509766) {
        r = besselj_ratio_{{T}}(z, 3.025039161373736e-09, 0.11718686556725359, 3.9329775003331564, 35.11940355916369, 91.05501107507813, 48.55906851973649, 34.79130950012515, 336.76245874782575, 1046.8713997577513, 890.8113463982564, 103.78793243963928, 0.0);
    } else {
        r = besselj_ratio_{{T}}(z, 1.0771083010687374e-07, 0.11717621946268335, 2.368514966676088, 12.242610914826123, 17.693971127168773, 5.073523125888185, 21.43648593638214, 125.29022716840275, 232.2764690571628, 117.6793732871471, 8.364638933716183, 0.0);
    }
    return 1.0 + r;
}
fn besselj_qone_{{T}}(x: {{T}}) -> {{T}} {
    let z = 1.0 / (x * x);
    var r: {{T}};
    if (x >= 8.0) {
        r = besselj_ratio_{{T}}(z, 0.0, -0.10253906249999271, -16.271753454459, -759.6017225139501, -11849.806670242959, -48438.512428575035, 161.3953697007229, 7825.385999233485, 133875.33628724958, 719657.7236832409, 666601.2326177764, -294490.26430383464);
    } else if (x >= 4.545452117919922) {
        r = besselj_ratio_{{T}}(z, -2.089799311417641e-11, -0.10253905024137543, -8.05644828123936, -183.66960747488838, -1373.1937606550816, -2612.4444045321566, 81.27655013843358, 1991.7987346048596, 17468.48519249089, 49851.42709103523, 27948.075163891812, -4719.183547951285);
    } else if (x >= 2.8571414947509766) {
        r = besselj_ratio_{{T}}(z, -5.078312264617666e-09, -0.10253782982083709, -4.610115811394734, -57.847221656278364, -228.2445407376317, -219.21012847890933, 47.66515503237295, 673.8651126766997, 3380.1528667952634, 5547.729097207228, 1903.119193388108, -135.20119144430734);
    } else {
        r = besselj_ratio_{{T}}(z, -1.7838172751095887e-07, -0.10251704260798555, -2.7522056827818746, -19.663616264370372, -42.32531333728305, -21.371921170370406, 29.533362906052385, 252.98154998219053, 757.5028348686454, 739.3932053204672, 155.94900333666612, -4.959498988226282);
    }
    return (0.375 + r) / x;
}

// √(2/(πx))·(P·cos χ − Q·sin χ) for J0 and √(2/(πx))·(P·sin χ + Q·cos χ) for Y0 (`y`),
// χ = x − π/4, for x >= 2. cos χ and sin χ are (cos x ± sin x)/√2, the one whose terms
// cancel taken as −cos 2x over the other (for x up to half the largest value).
fn besselj_common0_{{T}}(x: {{T}}, y: bool) -> {{T}} {
    let sc = sincos_{{T}}(x);
    let s = sc.x;
    let c = select(sc.y, -sc.y, y);
    var cc = s + c;
    if (x <= 0.5 * {{T_MAX}}) {
        var ss = s - c;
        let z = -cos_{{T}}(2.0 * x);
        if (s * c < 0.0) { cc = z / ss; } else { ss = z / cc; }
        cc = besselj_pzero_{{T}}(x) * cc - besselj_qzero_{{T}}(x) * select(ss, -ss, y);
    }
    return 0.5641895835477563 * cc / sqrt(x);
}

// The same for J1 and Y1 (`y`), χ = x − 3π/4; `neg` negates J1 (x < 0).
fn besselj_common1_{{T}}(x: {{T}}, y: bool, neg: bool) -> {{T}} {
    let sc = sincos_{{T}}(x);
    let s = select(sc.x, -sc.x, y);
    let c = sc.y;
    var cc = s - c;
    if (x <= 0.5 * {{T_MAX}}) {
        var ss = -s - c;
        let z = cos_{{T}}(2.0 * x);
        if (s * c > 0.0) { cc = z / ss; } else { ss = z / cc; }
        cc = besselj_pone_{{T}}(x) * cc - besselj_qone_{{T}}(x) * select(ss, -ss, y);
    }
    return 0.5641895835477563 * select(cc, -cc, neg) / sqrt(x);
}

// J0(x): even; below 2, 1 − x²/4 + x⁴·R/S in x².
fn math_j0_{{T}}(x: {{T}}) -> {{T}} {
    if (nan_{{T}}(x)) { return x; }
    let ax = abs(x);
    if (ax > {{T_MAX}}) { return 0.0; }
    if (ax >= 2.0) { return besselj_common0_{{T}}(ax, false); }
    return besselj_j0_small_{{T}}(ax);
}
// J0(x) for 0 <= x < 2 (Y0 calls it rather than J0, whose asymptotic form llvmpipe
// would run for every lane).
fn besselj_j0_small_{{T}}(ax: {{T}}) -> {{T}} {
    if (ax >= 0.0001220703125) {
        let z = ax * ax;
        let r = z * (0.015624999999999995 + z * (-0.00018997929423885472 + z * (1.8295404953270067e-06 + z * -4.618326885321032e-09)));
        let s = 1.0 + z * (0.015619102946489001 + z * (0.00011692678466333745 + z * (5.135465502073181e-07 + z * 1.1661400333379e-09)));
        return (1.0 + 0.5 * ax) * (1.0 - 0.5 * ax) + z * (r / s);
    }
    return 1.0 - 0.25 * ax * ax;
}

// Y0(x): NaN below 0, −∞ at 0; below 2, U/V in x² + (2/π)·J0(x)·ln x.
fn math_y0_{{T}}(x: {{T}}) -> {{T}} {
    if (nan_{{T}}(x) || x < 0.0) { return qnan_{{T}}(); }
    if (x == 0.0) { return -inf_{{T}}(); }
    if (x > {{T_MAX}}) { return 0.0; }
    if (x >= 2.0) { return besselj_common0_{{T}}(x, true); }
    if (x >= 7.450580596923828e-09) {
        let z = x * x;
        let u = -0.07380429510868723 + z * (0.17666645250918112 + z * (-0.01381856719455969 + z * (0.00034745343209368365
            + z * (-3.8140705372436416e-06 + z * (1.9559013703502292e-08 + z * -3.982051941321034e-11)))));
        let v = 1.0 + z * (0.01273048348341237 + z * (7.600686273503533e-05 + z * (2.591508518404578e-07 + z * 4.4111031133267547e-10)));
        return u / v + 0.6366197723675814 * (besselj_j0_small_{{T}}(x) * ln_{{T}}(x));
    }
    return -0.07380429510868723 + 0.6366197723675814 * ln_{{T}}(x);
}

// J1(x): odd; below 2, (½ + x²·R/S)·x in x².
fn math_j1_{{T}}(x: {{T}}) -> {{T}} {
    if (nan_{{T}}(x)) { return x; }
    let ax = abs(x);
    if (ax > {{T_MAX}}) { return 0.0; }
    if (ax >= 2.0) { return besselj_common1_{{T}}(ax, false, x < 0.0); }
    return besselj_j1_small_{{T}}(x);
}
// J1(x) for |x| < 2.
fn besselj_j1_small_{{T}}(x: {{T}}) -> {{T}} {
    let z = x * x;
    let r = z * (-0.0625 + z * (0.001407056669551897 + z * (-1.599556310840356e-05 + z * 4.9672799960958445e-08)));
    let s = 1.0 + z * (0.019153759953836346 + z * (0.00018594678558863092 + z * (1.1771846404262368e-06
        + z * (5.0463625707621704e-09 + z * 1.2354227442613791e-11))));
    return (0.5 + r / s) * x;
}

// Y1(x): NaN below 0, −∞ at 0; below 2, x·U/V in x² + (2/π)·(J1(x)·ln x − 1/x).
fn math_y1_{{T}}(x: {{T}}) -> {{T}} {
    if (nan_{{T}}(x) || x < 0.0) { return qnan_{{T}}(); }
    if (x == 0.0) { return -inf_{{T}}(); }
    if (x > {{T_MAX}}) { return 0.0; }
    if (x >= 2.0) { return besselj_common1_{{T}}(x, true, false); }
    if (x < 5.551115123125783e-17) { return -0.6366197723675814 / x; }
    let z = x * x;
    let u = -0.19605709064623894 + z * (0.05044387166398113 + z * (-0.0019125689587576355 + z * (2.352526005616105e-05
        + z * -9.190991580398789e-08)));
    let v = 1.0 + z * (0.01991673182366499 + z * (0.00020255258102513517 + z * (1.3560880109751623e-06
        + z * (6.227414523646215e-09 + z * 1.6655924620799208e-11))));
    return x * (u / v) + 0.6366197723675814 * (besselj_j1_small_{{T}}(x) * ln_{{T}}(x) - 1.0 / x);
}

// Y_n(x) (SciPy's yn): n truncated toward zero, Y_−n = (−1)^n·Y_n, and the forward
// recurrence from Y0 and Y1 (besselj_forward; src/backend/cpu/besselj.rs' yn).
fn math_yn_{{T}}(n: {{T}}, x: {{T}}) -> {{T}} {
    if (nan_{{T}}(n) || nan_{{T}}(x) || x < 0.0 || abs(n) >= 2147483648.0) { return qnan_{{T}}(); }
    let k = u32(abs(n));
    let sign = select({{T}}(1.0), {{T}}(-1.0), n < 0.0 && (k & 1u) == 1u);
    if (x == 0.0) { return -sign * inf_{{T}}(); }
    if (x > {{T_MAX}}) { return 0.0; }
    let y0 = math_y0_{{T}}(x);
    if (k == 0u) { return y0; }
    return sign * besselj_forward_{{T}}(y0, math_y1_{{T}}(x), k, x, 0.0).y;
}

// The spherical y_n(x) = (π/(2x))^½·Y_(n+½)(x), or its derivative (SciPy's
// spherical_yn; src/backend/cpu/besselj.rs' spherical_yn): y_0 = −cos x/x,
// y_1 = (y_0 − sin x)/x, the forward recurrence, y_n′ = y_(n−1) − (n + 1)/x·y_n.
fn math_spherical_yn_{{T}}(n: {{T}}, x0: {{T}}, derivative: bool) -> {{T}} {
    if (nan_{{T}}(n) || nan_{{T}}(x0) || n < 0.0 || n >= 2147483648.0) { return qnan_{{T}}(); }
    let k = u32(n);
    let odd = (k & 1u) == 1u;
    // y_n(−x) = (−1)^(n+1)·y_n(x), so y_n′(−x) = (−1)^n·y_n′(x).
    let sign = select({{T}}(1.0), {{T}}(-1.0), x0 < 0.0 && (derivative == odd));
    let x = abs(x0);
    if (x == 0.0) { return select(-inf_{{T}}(), inf_{{T}}(), derivative); }
    if (x > {{T_MAX}}) { return 0.0; }
    let sc = sincos_{{T}}(x);
    let y0 = -sc.y / x;
    let y1 = (y0 - sc.x) / x;
    if (k == 0u) { return sign * select(y0, -y1, derivative); }
    let f = besselj_forward_{{T}}(y0, y1, k, x, 0.5);
    return sign * select(f.y, f.x - {{T}}(k + 1u) / x * f.y, derivative);
}

// The forward recurrence of Y_n and y_n, f_(i+1) = (i + half)·(2/x)·f_i − f_(i−1), from
// (f_0, f_1) to (f_(k−1), f_k) for k ≥ 1, stopping where f overflows (then (f_(i−1),
// −∞)), up to order 420,096: past it, where f has not overflowed, NaN. llvmpipe ends a
// SIMD group's loops after 65,535 iterations in all, counted across the elements an
// invocation computes (one here: `wgsl::iterative`), and when that cap ends a loop it
// also spoils the lanes that had left it (measured: NaN for neighbours of a long lane),
// so the loops stay below it on their own: 4,096 steps one per iteration, then at most
// 52,000 iterations of 8 (llvmpipe runs a loop's body once for every lane even when none
// enters it, and 8 steps cost f64 yn a fifth of its time there; 32 would cost half).
fn besselj_forward_{{T}}(f0: {{T}}, f1: {{T}}, k: u32, x: {{T}}, half: {{T}}) -> vec2<{{T}}> {
    var a = f0;
    var b = f1;
    var i = 1u;
    let h = 2.0 / x;
    let head = min(k, 4096u);
    while (i < head && abs(b) <= {{T_MAX}}) {
        besselj_step_{{T}}(&a, &b, &i, k, h, half);
    }
    for (var it = 0u; it < 52000u && i < k && abs(b) <= {{T_MAX}}; it++) {
        besselj_step_{{T}}(&a, &b, &i, k, h, half);
        besselj_step_{{T}}(&a, &b, &i, k, h, half);
        besselj_step_{{T}}(&a, &b, &i, k, h, half);
        besselj_step_{{T}}(&a, &b, &i, k, h, half);
        besselj_step_{{T}}(&a, &b, &i, k, h, half);
        besselj_step_{{T}}(&a, &b, &i, k, h, half);
        besselj_step_{{T}}(&a, &b, &i, k, h, half);
        besselj_step_{{T}}(&a, &b, &i, k, h, half);
    }
    if (i < k && abs(b) <= {{T_MAX}}) { return vec2<{{T}}>(qnan_{{T}}(), qnan_{{T}}()); }
    return vec2<{{T}}>(a, b);
}
// One step of the recurrence, from (f_(i−1), f_i) to (f_i, f_(i+1)) with h = 2/x, while
// i < k and f is finite.
fn besselj_step_{{T}}(a: ptr<function, {{T}}>, b: ptr<function, {{T}}>, i: ptr<function, u32>, k: u32, h: {{T}},
                      half: {{T}}) {
    if (*i < k && abs(*b) <= {{T_MAX}}) {
        let c = ({{T}}(*i) + half) * h * *b - *a;
        *a = *b;
        *b = c;
        *i += 1u;
    }
}
