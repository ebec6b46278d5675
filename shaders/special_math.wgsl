// Special functions written once for f32 and f64 ({{T}}): erf, erfc, erfcx, the normal
// CDF and ln|Γ|, ported from FreeBSD's msun (s_erf.c, e_lgamma_r.c; Sun Microsystems
// 1993, freely redistributable), the same code as musl's and the CPU backend's `libm`
// crate; then the inverses (AS 241) and the Bessel functions I0, I1 and their scaled
// forms (Γ and ψ are in gamma_math.wgsl). The rational approximations are msun's f64
// ones (errors < 2^-57 before rounding); f32 evaluates them in f32. Bit tests on high
// words become comparisons with the same boundaries, exact in both types.
// {{ERF_SPLIT}} is a power of two such that
// z = floor(x·S)/S has z² exact in {{T}} for x < 64 (f64, 20 fraction bits) or x < 32
// (f32, 7; its erfc and ndtr underflow long before), which is how erfc keeps its
// digits in the tail: e^(−x²) = e^(−z²)·e^((z−x)(z+x)), each factor by exp_{{T}}'s
// Cody–Waite reduction (common.wgsl, f64_math.wgsl; WGSL's builtin f32 exp was ~10 ulp
// off at −8 on lavapipe).

// erf(x) = x + x·y for |x| < 0.84375: y = P(x²)/Q(x²).
fn erf_small_{{T}}(x: {{T}}) -> {{T}} {
    let z = x * x;
    let r = 1.28379167095512558561e-01 + z * (-3.25042107247001499370e-01 + z * (-2.84817495755985104766e-02
        + z * (-5.77027029648944159157e-03 + z * -2.37630166566501626084e-05)));
    let s = 1.0 + z * (3.97917223959155352819e-01 + z * (6.50222499887672944485e-02 + z * (5.08130628187576562776e-03
        + z * (1.32494738004321644526e-04 + z * -3.96022827877536812320e-06))));
    return r / s;
}

// erf(1 + s) − 0.84506291151 (that constant rounded to 24 bits, exact in f32) for
// |x| in [0.84375, 1.25], s = |x| − 1.
fn erf_mid_{{T}}(ax: {{T}}) -> {{T}} {
    let s = ax - 1.0;
    let p = -2.36211856075265944077e-03 + s * (4.14856118683748331666e-01 + s * (-3.72207876035701323847e-01
        + s * (3.18346619901161753674e-01 + s * (-1.10894694282396677476e-01 + s * (3.54783043256182359371e-02
        + s * -2.16637559486879084300e-03)))));
    let q = 1.0 + s * (1.06420880400844228286e-01 + s * (5.40397917702171048937e-01 + s * (7.18286544141962662868e-02
        + s * (1.26171219808761642112e-01 + s * (1.36370839120290507362e-02 + s * 1.19844998467991074170e-02)))));
    return p / q;
}

// R(1/x²)/S(1/x²) of erfc's tail for x in [1.25, 28]: erfc(x) = e^(−x² − 0.5625 + R/S) / x.
fn erfc_ratio_{{T}}(x: {{T}}) -> {{T}} {
    let s = 1.0 / (x * x);
    var r: {{T}};
    var q: {{T}};
    if (x < 2.8571414947509766) {
        r = -9.86494403484714822705e-03 + s * (-6.93858572707181764372e-01 + s * (-1.05586262253232909814e+01
            + s * (-6.23753324503260060396e+01 + s * (-1.62396669462573470355e+02 + s * (-1.84605092906711035994e+02
            + s * (-8.12874355063065934246e+01 + s * -9.81432934416914548592e+00))))));
        q = 1.0 + s * (1.96512716674392571292e+01 + s * (1.37657754143519042600e+02 + s * (4.34565877475229228821e+02
            + s * (6.45387271733267880336e+02 + s * (4.29008140027567833386e+02 + s * (1.08635005541779435134e+02
            + s * (6.57024977031928170135e+00 + s * -6.04244152148580987438e-02)))))));
    } else {
        r = -9.86494292470009928597e-03 + s * (-7.99283237680523006574e-01 + s * (-1.77579549177547519889e+01
            + s * (-1.60636384855821916062e+02 + s * (-6.37566443368389627722e+02 + s * (-1.02509513161107724954e+03
            + s * -4.83519191608651397019e+02)))));
        q = 1.0 + s * (3.03380607434824582924e+01 + s * (3.25792512996573918826e+02 + s * (1.53672958608443695994e+03
            + s * (3.19985821950859553908e+03 + s * (2.55305040643316442583e+03 + s * (4.74528541206955367215e+02
            + s * -2.24409524465858183362e+01))))));
    }
    return r / q;
}

// erfc(x) for x in [1.25, 28], e^(−x²) split exactly as above.
fn erfc_tail_{{T}}(x: {{T}}) -> {{T}} {
    let z = floor(x * {{ERF_SPLIT}}) / {{ERF_SPLIT}};
    return exp_{{T}}(-z * z) * exp_{{T}}((z - x) * (z + x) - 0.5625 + erfc_ratio_{{T}}(x)) / x;
}

// The scaled complementary error function e^(x²)·erfc(x) (SciPy's erfcx): erfc times
// e^(x²) on (−1.25, 1.25); above, the tail without its e^(−x²), e^(−0.5625 + R/S)/x, and
// from 28 the asymptotic series Σ (−1)^k (2k − 1)!!/(2x²)^k / (x√π); below −1.25,
// 2e^(x²) − erfcx(|x|) with e^(x²) split exactly as erfc's tail splits e^(−x²).
fn math_erfcx_{{T}}(x: {{T}}) -> {{T}} {
    if (nan_{{T}}(x)) { return x; }
    let a = abs(x);
    if (a < 1.25) { return exp_{{T}}(x * x) * math_erfc_{{T}}(x); }
    var t: {{T}};
    if (a < 28.0) {
        t = exp_{{T}}(-0.5625 + erfc_ratio_{{T}}(a)) / a;
    } else {
        let s = 1.0 / (a * a);
        var p: {{T}} = 7918.06640625;
        p = p * s - 1055.7421875;
        p = p * s + 162.421875;
        p = p * s - 29.53125;
        p = p * s + 6.5625;
        p = p * s - 1.875;
        p = p * s + 0.75;
        p = p * s - 0.5;
        p = p * s + 1.0;
        t = p / (a * 1.772453850905516);
    }
    if (x > 0.0) { return t; }
    if (a > 27.0) { return inf_{{T}}(); }                      // e^(x²) overflows (f32: below −9.4)
    let z = floor(a * {{ERF_SPLIT}}) / {{ERF_SPLIT}};
    return 2.0 * (exp_{{T}}(z * z) * exp_{{T}}((a - z) * (a + z))) - t;
}

// Dawson's integral D(x) = e^(−x²)∫₀^x e^(t²) dt (SciPy's dawsn), as on the CPU
// (src/backend/cpu/special.rs): below |x| = 1 the series x·Σ (−2x²)^k/(2k + 1)!!,
// nested; above, Rybicki's sampling formula around the nearest even multiple n₀ of
// h = ¼ (x = n₀h + ξ, |ξ| ≤ h), 14 terms on each side with the exponentials and
// e^(−((2i + 1)h)²) by recurrence; 1/(2x) past 1e9.
fn dawsn_rybicki_{{T}}(a: {{T}}) -> {{T}} {
    if (a > 1e9) { return 0.5 / a; }
    let n0 = 2.0 * round(2.0 * a);
    let xi = a - 0.25 * n0;
    let e1 = exp_{{T}}(0.5 * xi);
    let e2 = e1 * e1;
    let q: {{T}} = 0.6065306597126334;                         // e^(−8h²) = e^(−½)
    var c: {{T}} = 0.9394130628134758;                         // e^(−h²)
    var r = q;
    var d1 = n0 + 1.0;
    var d2 = n0 - 1.0;
    var p = e1;
    var s: {{T}} = 0.0;
    for (var i = 0; i < 14; i++) {
        s += c * (p / d1 + 1.0 / (d2 * p));
        d1 += 2.0;
        d2 -= 2.0;
        p *= e2;
        c *= r;
        r *= q;
    }
    return 0.5641895835477563 * exp_{{T}}(-xi * xi) * s;
}

fn math_dawsn_{{T}}(x: {{T}}) -> {{T}} {
    let a = abs(x);
    if (a < 1.0) {
        let t = -2.0 * x * x;
        var s: {{T}} = 1.0;
        for (var k = 20; k >= 1; k--) { s = 1.0 + s * t / {{T}}(2 * k + 1); }
        return x * s;
    }
    if (nan_{{T}}(x)) { return x; }
    let d = dawsn_rybicki_{{T}}(a);
    return select(d, -d, x < 0.0);
}

// The imaginary error function erfi(x) = 2/√π·e^(x²)·D(x) (SciPy's erfi), e^(x²) split
// exactly as in erfcx, in halves past {{EXP_SPLIT}} where it overflows before erfi
// does; below |x| = 1 its series 2x/√π·Σ x^(2k)/(k!(2k + 1)), of positive terms.
fn math_erfi_{{T}}(x: {{T}}) -> {{T}} {
    let a = abs(x);
    if (a < 1.0) {
        let y = x * x;
        var term: {{T}} = 1.0;
        var s: {{T}} = 1.0;
        for (var k = 1; k <= 18; k++) {
            term *= y / {{T}}(k);
            s += term / {{T}}(2 * k + 1);
        }
        return 1.1283791670955126 * x * s;
    }
    if (nan_{{T}}(x)) { return x; }
    var v = inf_{{T}}();
    if (a <= 27.0) {
        let z = floor(a * {{ERF_SPLIT}}) / {{ERF_SPLIT}};
        let zz = z * z;
        let d = 1.1283791670955126 * dawsn_rybicki_{{T}}(a) * exp_{{T}}((a - z) * (a + z));
        if (zz > {{EXP_SPLIT}}) {
            let h = exp_{{T}}(0.5 * zz);
            v = d * h * h;
        } else {
            v = d * exp_{{T}}(zz);
        }
    }
    return select(v, -v, x < 0.0);
}

// The standard normal CDF, ndtr(x) = ½ erfc(−x/√2). Below −1.25·√2 the tail is
// ½ e^(−x²/2 − 0.5625 + R/S) / (|x|/√2) with e^(−x²/2) split from x itself: through
// erfc(−x/√2) the rounding of x/√2 would cost x²/2 ulp (~700 at x = −37), as in
// SciPy's ndtr.
fn math_ndtr_{{T}}(x: {{T}}) -> {{T}} {
    if (nan_{{T}}(x)) { return x; }
    let h = x * 0.7071067811865476;
    if (h > -1.25) { return 0.5 * math_erfc_{{T}}(-h); }
    if (h <= -28.0) { return 0.0; }
    let ax = -x;
    let z = floor(ax * {{ERF_SPLIT}}) / {{ERF_SPLIT}};
    let e = exp_{{T}}(-0.5 * (z * z)) * exp_{{T}}(-0.5 * ((ax - z) * (ax + z)) - 0.5625 + erfc_ratio_{{T}}(-h));
    return 0.5 * e / (-h);
}

fn math_erf_{{T}}(x: {{T}}) -> {{T}} {
    if (nan_{{T}}(x)) { return x; }
    let ax = abs(x);
    if (ax < 0.84375) {
        if (ax < 3.725290298461914e-09) { return x + 0.1283791670955126 * x; }
        return x + x * erf_small_{{T}}(x);
    }
    var y: {{T}} = 1.0;
    if (ax < 1.25) {
        y = 8.45062911510467529297e-01 + erf_mid_{{T}}(ax);
    } else if (ax < 6.0) {
        y = 1.0 - erfc_tail_{{T}}(ax);
    }
    return select(y, -y, x < 0.0);
}

fn math_erfc_{{T}}(x: {{T}}) -> {{T}} {
    if (nan_{{T}}(x)) { return x; }
    let ax = abs(x);
    if (ax < 0.84375) {
        if (ax < 1.3877787807814457e-17) { return 1.0 - x; }
        let y = erf_small_{{T}}(x);
        if (x < 0.25) { return 1.0 - (x + x * y); }
        return 0.5 - (x - 0.5 + x * y);
    }
    if (ax < 1.25) {
        let pq = erf_mid_{{T}}(ax);
        if (x > 0.0) { return 0.15493708848953247 - pq; }
        return 1.0 + (8.45062911510467529297e-01 + pq);
    }
    var t: {{T}} = 0.0;
    if (ax < 28.0) { t = erfc_tail_{{T}}(ax); }
    return select(t, 2.0 - t, x < 0.0);
}

// sin(πx) for x > 0 with x reduced mod 2 exactly first; its sign is arbitrary at zeros.
// |r| <= π/4 goes straight to the small-angle kernels: f64's full sin/cos carry a
// Payne–Hanek table that made lgamma 7× slower on lavapipe even where it went unused.
fn sin_pi_{{T}}(x0: {{T}}) -> {{T}} {
    let x = 2.0 * (x0 * 0.5 - floor(x0 * 0.5));
    let n = (i32(x * 4.0) + 1) / 2;
    let r = (x - {{T}}(n) * 0.5) * 3.14159265358979311600e+00;
    if (n == 1) { return cos_small_{{T}}(r); }
    if (n == 2) { return sin_small_{{T}}(-r); }
    if (n == 3) { return -cos_small_{{T}}(r); }
    return sin_small_{{T}}(r);
}

// ln|Γ(x)| = c0 + c1·(ln(arg) − d) for finite x > 0 (msun's lgamma_r without the sign),
// returned in parts so that every branch shares one logarithm: llvmpipe runs each
// inlined ln for every lane whichever branch the lane takes, and five of them made
// lgamma 2.5× slower there.
struct LnGammaParts_{{T}} { c0: {{T}}, c1: {{T}}, d: {{T}}, arg: {{T}} }

fn ln_gamma_parts_{{T}}(x: {{T}}) -> LnGammaParts_{{T}} {
    // Tiny x (ln|Γ(x)| = −ln x to within rounding) and huge x (x·(ln x − 1)).
    if (x < 8.470329472543003e-22) { return LnGammaParts_{{T}}(0.0, -1.0, 0.0, x); }
    if (x >= 2.8823037615171174e+17) { return LnGammaParts_{{T}}(0.0, x, 1.0, x); }
    if (x == 1.0 || x == 2.0) { return LnGammaParts_{{T}}(0.0, 0.0, 0.0, 1.0); }
    if (x < 2.0) {
        var c1: {{T}} = 0.0;
        var y: {{T}};
        var i: i32;
        if (x < 0.9000000953674316) {
            // lgamma(x) = lgamma(x + 1) − ln x
            c1 = -1.0;
            if (x >= 0.7315998077392578) { y = 1.0 - x; i = 0; }
            else if (x >= 0.23163998126983643) { y = x - 0.46163214496836225; i = 1; }
            else { y = x; i = 2; }
        } else {
            if (x >= 1.7316312789916992) { y = 2.0 - x; i = 0; }
            else if (x >= 1.2316322326660156) { y = x - 1.46163214496836224576e+00; i = 1; }
            else { y = x - 1.0; i = 2; }
        }
        var c0: {{T}};
        if (i == 0) {
            let z = y * y;
            let p1 = 7.72156649015328655494e-02 + z * (6.73523010531292681824e-02 + z * (7.38555086081402883957e-03
                + z * (1.19270763183362067845e-03 + z * (2.20862790713908385557e-04 + z * 2.52144565451257326939e-05))));
            let p2 = z * (3.22467033424113591611e-01 + z * (2.05808084325167332806e-02 + z * (2.89051383673415629091e-03
                + z * (5.10069792153511336608e-04 + z * (1.08011567247583939954e-04 + z * 4.48640949618915160150e-05)))));
            c0 = y * p1 + p2 - 0.5 * y;
        } else if (i == 1) {
            // Around the minimum tc = 1.4616…: lgamma(tc) = tf + tt, tt the tail of tf.
            let z = y * y;
            let w = z * y;
            let p1 = 4.83836122723810047042e-01 + w * (-3.27885410759859649565e-02 + w * (6.10053870246291332635e-03
                + w * (-1.40346469989232843813e-03 + w * 3.15632070903625950361e-04)));
            let p2 = -1.47587722994593911752e-01 + w * (1.79706750811820387126e-02 + w * (-3.68452016781138256760e-03
                + w * (8.81081882437654011382e-04 + w * -3.12754168375120860518e-04)));
            let p3 = 6.46249402391333854778e-02 + w * (-1.03142241298341437450e-02 + w * (2.25964780900612472250e-03
                + w * (-5.38595305356740546715e-04 + w * 3.35529192635519073543e-04)));
            let p = z * p1 - (-3.63867699703950536541e-18 - w * (p2 + y * p3));
            c0 = -1.21486290535849611461e-01 + p;
        } else {
            let p1 = y * (-7.72156649015328655494e-02 + y * (6.32827064025093366517e-01 + y * (1.45492250137234768737e+00
                + y * (9.77717527963372745603e-01 + y * (2.28963728064692451092e-01 + y * 1.33810918536787660377e-02)))));
            let p2 = 1.0 + y * (2.45597793713041134822e+00 + y * (2.12848976379893395361e+00 + y * (7.69285150456672783825e-01
                + y * (1.04222645593369134254e-01 + y * 3.21709242282423911810e-03))));
            c0 = -0.5 * y + p1 / p2;
        }
        return LnGammaParts_{{T}}(c0, c1, 0.0, x);
    }
    if (x < 8.0) {
        // lgamma(i + y) = lgamma(1 + y) + ln((y + 2)…(y + i − 1)), y in [0, 1).
        let i = i32(x);
        let y = x - {{T}}(i);
        let p = y * (-7.72156649015328655494e-02 + y * (2.14982415960608852501e-01 + y * (3.25778796408930981787e-01
            + y * (1.46350472652464452805e-01 + y * (2.66422703033638609560e-02 + y * (1.84028451407337715652e-03
            + y * 3.19475326584100867617e-05))))));
        let q = 1.0 + y * (1.39200533467621045958e+00 + y * (7.21935547567138069525e-01 + y * (1.71933865632803078993e-01
            + y * (1.86459191715652901344e-02 + y * (7.77942496381893596434e-04 + y * 7.32668430744625636189e-06)))));
        var z: {{T}} = 1.0;
        if (i >= 7) { z *= y + 6.0; }
        if (i >= 6) { z *= y + 5.0; }
        if (i >= 5) { z *= y + 4.0; }
        if (i >= 4) { z *= y + 3.0; }
        if (i >= 3) { z *= y + 2.0; }
        return LnGammaParts_{{T}}(0.5 * y + p / q, select({{T}}(0), {{T}}(1), i >= 3), 0.0, z);
    }
    // Stirling: (x − ½)(ln x − 1) + ½ln(2π) + 1/(12x) − …
    let z = 1.0 / x;
    let y = z * z;
    let w = 4.18938533204672725052e-01 + z * (8.33333333333329678849e-02 + y * (-2.77777777728775536470e-03
        + y * (7.93650558643019558500e-04 + y * (-5.95187557450339963135e-04 + y * (8.36339918996282139126e-04
        + y * -1.63092934096575273989e-03)))));
    return LnGammaParts_{{T}}(w, x - 0.5, 1.0, x);
}

fn math_ln_gamma_{{T}}(x: {{T}}) -> {{T}} {
    if (nan_{{T}}(x)) { return x; }
    let ax = abs(x);
    if (ax == inf_{{T}}() || x == 0.0) { return inf_{{T}}(); }
    let g = ln_gamma_parts_{{T}}(ax);
    let pos = g.c0 + g.c1 * (ln_{{T}}(g.arg) - g.d);
    if (x > 0.0 || ax < 8.470329472543003e-22) { return pos; }
    // Reflection: Γ(x)Γ(−x) = −π / (x sin(πx)); the poles at the negative integers are +inf.
    let t = abs(sin_pi_{{T}}(ax));
    if (t == 0.0) { return inf_{{T}}(); }
    return ln_{{T}}(3.14159265358979311600e+00 / (t * ax)) - pos;
}

// The standard normal quantile by Wichura's AS 241 (PPND16, relative error ~1e-16) at
// q = p − ½ and s = min(p, 1 − p), both exact in the callers, so that a probability
// near 0 or 1 keeps its digits (src/backend/cpu/special.rs is the same for the host).
fn ppnd_{{T}}(q: {{T}}, s: {{T}}) -> {{T}} {
    if (abs(q) <= 0.425) {
        let r = 0.180625 - q * q;
        let num = ((((((2.5090809287301226727e+3 * r + 3.3430575583588128105e+4) * r + 6.7265770927008700853e+4) * r
            + 4.5921953931549871457e+4) * r + 1.3731693765509461125e+4) * r + 1.9715909503065514427e+3) * r
            + 1.3314166789178437745e+2) * r + 3.3871328727963666080e+0;
        let den = ((((((5.2264952788528545610e+3 * r + 2.8729085735721942674e+4) * r + 3.9307895800092710610e+4) * r
            + 2.1213794301586595867e+4) * r + 5.3941960214247511077e+3) * r + 6.8718700749205790830e+2) * r
            + 4.2313330701600911252e+1) * r + 1.0;
        return q * num / den;
    }
    if (s <= 0.0) { return select(-inf_{{T}}(), inf_{{T}}(), q > 0.0); }
    var r = sqrt(-ln_{{T}}(s));
    var v: {{T}};
    if (r <= 5.0) {
        r -= 1.6;
        let num = ((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r + 2.41780725177450611770e-1) * r
            + 1.27045825245236838258e+0) * r + 3.64784832476320460504e+0) * r + 5.76949722146069140550e+0) * r
            + 4.63033784615654529590e+0) * r + 1.42343711074968357734e+0;
        let den = ((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r + 1.51986665636164571966e-2) * r
            + 1.48103976427480074590e-1) * r + 6.89767334985100004550e-1) * r + 1.67638483018380384940e+0) * r
            + 2.05319162663775882187e+0) * r + 1.0;
        v = num / den;
    } else {
        r -= 5.0;
        let num = ((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 1.24266094738807843860e-3) * r
            + 2.65321895265761230930e-2) * r + 2.96560571828504891230e-1) * r + 1.78482653991729133580e+0) * r
            + 5.46378491116411436990e+0) * r + 6.65790464350110377720e+0;
        let den = ((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r + 1.84631831751005468180e-5) * r
            + 7.86869131145613259100e-4) * r + 1.48753612908506148525e-2) * r + 1.36929880922735805310e-1) * r
            + 5.99832206555887937690e-1) * r + 1.0;
        v = num / den;
    }
    return select(v, -v, q < 0.0);
}

// erfinv(x) = ndtri((1 + x) / 2) / √2; its tail from 1 − |x|, exact for |x| >= ½.
fn math_erfinv_{{T}}(x: {{T}}) -> {{T}} {
    if (nan_{{T}}(x) || abs(x) > 1.0) { return qnan_{{T}}(); }
    if (abs(x) < 1e-30) { return x * 0.886226925452758; }
    return ppnd_{{T}}(0.5 * x, 0.5 * (1.0 - abs(x))) * 0.7071067811865476;
}

// erfcinv(y) = erfinv(1 − y), its tail from y itself (or 2 − y, exact for y >= 1).
fn math_erfcinv_{{T}}(y: {{T}}) -> {{T}} {
    if (nan_{{T}}(y) || y < 0.0 || y > 2.0) { return qnan_{{T}}(); }
    return ppnd_{{T}}(0.5 * (1.0 - y), 0.5 * min(y, 2.0 - y)) * 0.7071067811865476;
}

fn math_ndtri_{{T}}(p: {{T}}) -> {{T}} {
    if (nan_{{T}}(p) || p < 0.0 || p > 1.0) { return qnan_{{T}}(); }
    return ppnd_{{T}}(p - 0.5, min(p, 1.0 - p));
}

// The inverse of ln ndtr (SciPy's ndtri_exp; src/backend/cpu/special.rs: ndtri_exp):
// −ndtri(−expm1(y)) above −ln 2, ndtri(e^y) down to where e^y stops being normal, and below
// that the root of y = −v − ½ln(4πv) + ln(1 + S) in v = x²/2 by three Newton steps. One
// ndtri for both upper branches (llvmpipe runs every inlined copy).
fn math_ndtri_exp_{{T}}(y: {{T}}) -> {{T}} {
    if (nan_{{T}}(y) || y > 0.0) { return qnan_{{T}}(); }
    if (y < -{{T_MAX}}) { return -inf_{{T}}(); }
    if (y >= -{{EXP_NORMAL_END}}) {
        let upper = y > -0.6931471805599453;
        let x = math_ndtri_{{T}}(select(exp_{{T}}(y), -math_exp_m1_{{T}}(y), upper));
        return select(x, -x, upper);
    }
    var v = -y;
    for (var i = 0; i < 3; i++) {
        let t = 0.5 / v;
        let s = t * (-1.0 + t * (3.0 + t * (-15.0 + t * (105.0 - 945.0 * t))));
        let h = v + 0.5 * (ln_{{T}}(v) + 2.5310242469692907) - math_ln_1p_{{T}}(s) + y;
        v = v - h / (1.0 + t);
    }
    // x = −√(2v), and −√2·√v where 2v would overflow.
    return select(-sqrt(2.0 * v), -1.4142135623730951 * sqrt(v), v > 0.25 * {{T_MAX}});
}

// I0, the modified Bessel function of the first kind of order 0 (NumPy's `i0`), by
// Cephes' Chebyshev expansions as NumPy evaluates them: e^|x|·A((|x|/2) − 2) up to 8,
// e^|x|·B(32/|x| − 2)/√|x| above; the series are unrolled Clenshaw recurrences (a
// table indexed in a loop costs llvmpipe a copy of it per call). e^|x| is taken in two
// halves so that I0 is finite up to its own overflow (~713.98), not e^x's (709.78).
fn i0_cheb_a_{{T}}(x: {{T}}) -> {{T}} {
    var b0: {{T}} = -4.4153416464793395e-18;
    var b1: {{T}} = 0.0;
    var b2: {{T}} = 0.0;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 3.3307945188222384e-17;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -2.431279846547955e-16;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 1.715391285555133e-15;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -1.1685332877993451e-14;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 7.676185498604936e-14;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -4.856446783111929e-13;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 2.95505266312964e-12;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -1.726826291441556e-11;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 9.675809035373237e-11;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -5.189795601635263e-10;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 2.6598237246823866e-09;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -1.300025009986248e-08;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 6.046995022541919e-08;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -2.670793853940612e-07;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 1.1173875391201037e-06;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -4.4167383584587505e-06;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 1.6448448070728896e-05;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -5.754195010082104e-05;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 0.00018850288509584165;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -0.0005763755745385824;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 0.0016394756169413357;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -0.004324309995050576;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 0.010546460394594998;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -0.02373741480589947;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 0.04930528423967071;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -0.09490109704804764;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 0.17162090152220877;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -0.3046826723431984;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 0.6767952744094761;
    return 0.5 * (b0 - b2);
}

fn i0_cheb_b_{{T}}(x: {{T}}) -> {{T}} {
    var b0: {{T}} = -7.233180487874754e-18;
    var b1: {{T}} = 0.0;
    var b2: {{T}} = 0.0;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -4.830504485944182e-18;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 4.46562142029676e-17;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 3.461222867697461e-17;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -2.8276239805165836e-16;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -3.425485619677219e-16;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 1.7725601330565263e-15;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 3.8116806693526224e-15;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -9.554846698828307e-15;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -4.150569347287222e-14;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 1.54008621752141e-14;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 3.8527783827421426e-13;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 7.180124451383666e-13;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -1.7941785315068062e-12;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -1.3215811840447713e-11;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -3.1499165279632416e-11;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 1.1889147107846439e-11;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 4.94060238822497e-10;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 3.3962320257083865e-09;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 2.266668990498178e-08;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 2.0489185894690638e-07;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 2.8913705208347567e-06;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 6.889758346916825e-05;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 0.0033691164782556943;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 0.8044904110141088;
    return 0.5 * (b0 - b2);
}

fn math_i0_{{T}}(x: {{T}}) -> {{T}} {
    if (nan_{{T}}(x)) { return x; }
    let a = abs(x);
    if (a == inf_{{T}}()) { return a; }
    if (a <= 8.0) { return exp_{{T}}(a) * i0_cheb_a_{{T}}(0.5 * a - 2.0); }
    let h = exp_{{T}}(0.5 * a);
    return h * (i0_cheb_b_{{T}}(32.0 / a - 2.0) / sqrt(a)) * h;
}

// e^−|x|·I0(x) (SciPy's i0e): the series alone; 0 at ±∞ (32/∞ = 0, over √∞).
fn math_i0e_{{T}}(x: {{T}}) -> {{T}} {
    if (nan_{{T}}(x)) { return x; }
    let a = abs(x);
    if (a <= 8.0) { return i0_cheb_a_{{T}}(0.5 * a - 2.0); }
    return i0_cheb_b_{{T}}(32.0 / a - 2.0) / sqrt(a);
}

// I1 (SciPy's i1), odd: its power series up to 8 (positive terms: Cephes' Chebyshev form
// loses a few ulp just below 8), e^|x|·B(32/|x| − 2)/√|x| above with mpmath's Chebyshev
// coefficients (src/backend/cpu/special.rs: I1_SERIES, I1_B); i1e scaled by e^−|x|.
// 16^k/(k!(k + 1)!), k = 22 down to 0: I1(x) = (x/2)·Σ in w = x²/64 for |x| <= 8.
fn i1_series_{{T}}(w: {{T}}) -> {{T}} {
    var p: {{T}} = 1.0650710926275618e-17;
    p = p * w + 3.368287330434664e-16;
    p = p * w + 9.725929666630093e-15;
    p = p * w + 2.5530565374903993e-13;
    p = p * w + 6.0635092765396984e-12;
    p = p * w + 1.2960751078603606e-10;
    p = p * w + 2.4787436437829395e-09;
    p = p * w + 4.2138641944309975e-08;
    p = p * w + 6.320796291646496e-07;
    p = p * w + 8.296045132786026e-06;
    p = p * w + 9.436751338544105e-05;
    p = p * w + 0.0009200832555080502;
    p = p * w + 0.007590686857941414;
    p = p * w + 0.05218597214834722;
    p = p * w + 0.29354609333445314;
    p = p * w + 1.3209574200050391;
    p = p * w + 4.623350970017636;
    p = p * w + 12.136296296296296;
    p = p * w + 22.755555555555556;
    p = p * w + 28.444444444444443;
    p = p * w + 21.333333333333332;
    p = p * w + 8.0;
    p = p * w + 1.0;
    return p;
}

fn i1_cheb_b_{{T}}(x: {{T}}) -> {{T}} {
    var b0: {{T}} = -1.242193275194891e-18;
    var b1: {{T}} = 0.0;
    var b2: {{T}} = 0.0;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -9.314178867326884e-19;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 7.517296310842105e-18;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 4.414348323071708e-18;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -4.6503053684893586e-17;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -3.209525921993424e-17;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 2.96262899764595e-16;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 3.3082023109209285e-16;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -1.8803547755107825e-15;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -3.8144030724370075e-15;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 1.0420276984128802e-14;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 4.272440016711951e-14;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -2.1015418427726643e-14;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -4.0835511110921974e-13;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -7.198551776245908e-13;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 2.0356285441470896e-12;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 1.4125807436613782e-11;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 3.2526035830154884e-11;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -1.8974958123505413e-11;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -5.589743462196584e-10;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -3.835380385964237e-09;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -2.6314688468895196e-08;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -2.512236237870209e-07;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -3.882564808877691e-06;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -0.00011058893876262371;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + -0.009761097491361469;
    b2 = b1; b1 = b0; b0 = x * b1 - b2 + 0.7785762350182801;
    return 0.5 * (b0 - b2);
}

fn math_i1_{{T}}(x: {{T}}) -> {{T}} {
    if (nan_{{T}}(x)) { return x; }
    let a = abs(x);
    if (a > {{T_MAX}}) { return x; }
    var z: {{T}};
    if (a <= 8.0) {
        z = 0.5 * a * i1_series_{{T}}(a * a / 64.0);
    } else {
        // e^|x| in two halves only near its overflow (one rounding fewer below).
        let big = a > {{EXP_SPLIT}};
        let h = exp_{{T}}(select(a, 0.5 * a, big));
        z = h * (i1_cheb_b_{{T}}(32.0 / a - 2.0) / sqrt(a)) * select(1.0, h, big);
    }
    return select(z, -z, signbit_{{T}}(x));
}

fn math_i1e_{{T}}(x: {{T}}) -> {{T}} {
    if (nan_{{T}}(x)) { return x; }
    let a = abs(x);
    var z: {{T}};
    if (a <= 8.0) {
        z = exp_{{T}}(-a) * (0.5 * a * i1_series_{{T}}(a * a / 64.0));
    } else {
        z = i1_cheb_b_{{T}}(32.0 / a - 2.0) / sqrt(a);
    }
    return select(z, -z, signbit_{{T}}(x));
}

// K(1 − p), the complete elliptic integral of the first kind at m = 1 − p (SciPy's
// ellipkm1; src/backend/cpu/special.rs: ellipkm1): π/(2·AGM(1, √p)), the mean run until
// its two terms agree to {{AGM_TOL}} (quadratic convergence: its error is then below the
// last bit; 13 steps from p = 1e-300 or 1e300).
fn math_ellipkm1_{{T}}(p: {{T}}) -> {{T}} {
    if (nan_{{T}}(p) || p < 0.0) { return qnan_{{T}}(); }
    if (p == 0.0) { return inf_{{T}}(); }
    if (p > {{T_MAX}}) { return 0.0; }
    return 3.141592653589793 / (2.0 * agm_mean_{{T}}(1.0, sqrt(p)));
}

// The arithmetic–geometric mean of positive finite a and b (src/backend/cpu/special.rs:
// agm_mean): the pairs to AGM_TOL, past which the next arithmetic mean is exact to the
// last bit; ½(a + b) and √(ab) where those neither overflow nor underflow, else ½a + ½b and
// √a·√b.
fn agm_half_sum_{{T}}(a: {{T}}, b: {{T}}) -> {{T}} {
    let s = a + b;
    return select(0.5 * a + 0.5 * b, 0.5 * s, s <= {{T_MAX}});
}

fn agm_mean_{{T}}(a0: {{T}}, b0: {{T}}) -> {{T}} {
    var a = a0;
    var b = b0;
    for (var i = 0; i < 64; i++) {
        if (abs(a - b) <= {{AGM_TOL}} * max(a, b)) { break; }
        let ab = a * b;
        let g = select(sqrt(a) * sqrt(b), sqrt(ab), ab >= {{T_MIN_NORMAL}} && ab <= {{T_MAX}});
        a = agm_half_sum_{{T}}(a, b);
        b = g;
    }
    return agm_half_sum_{{T}}(a, b);
}

// The arithmetic–geometric mean (SciPy's agm): NaN for opposite signs and ±∞ against 0,
// 0 where one is 0, −agm(−a, −b) for two negative arguments, ±∞ where one is ±∞.
fn math_agm_{{T}}(a: {{T}}, b: {{T}}) -> {{T}} {
    if (nan_{{T}}(a) || nan_{{T}}(b) || (a < 0.0 && b > 0.0) || (a > 0.0 && b < 0.0)) { return qnan_{{T}}(); }
    let inf = max(abs(a), abs(b)) > {{T_MAX}};
    if (a == 0.0 || b == 0.0) { return select({{T}}(0.0), qnan_{{T}}(), inf); }
    let sign = select({{T}}(1.0), {{T}}(-1.0), a < 0.0);
    if (inf) { return sign * inf_{{T}}(); }
    return sign * agm_mean_{{T}}(abs(a), abs(b));
}

// Jacobi's elliptic functions (src/backend/cpu/ellipj.rs, whose notes hold here).
// sn, cn and dn of z for m within 1e-4 of 1 (p = 1 − m): ascending Landen steps until p
// is below ELLIPJ_EPS, then the first order in p about tanh and sech.
fn jacobi_ascending_{{T}}(z0: {{T}}, m: {{T}}, p0: {{T}}) -> vec3<{{T}}> {
    var ks: array<{{T}}, 4>;
    var kps: array<{{T}}, 4>;
    var n = 0;
    var k = sqrt(m);
    var z = z0;
    var p = p0;
    while (p > {{ELLIPJ_EPS}} && n < 4) {
        let kp2 = p / ((1.0 + k) * (1.0 + k));
        ks[n] = k;
        kps[n] = kp2;
        n += 1;
        z = z * (0.5 * (1.0 + k));
        p = kp2 * kp2;
        k = 2.0 * sqrt(k) / (1.0 + k);
    }
    let t = tanh_{{T}}(z);
    let ch = math_cosh_{{T}}(z);
    let sech = 1.0 / ch;
    let e = 0.25 * p;
    let sc = math_sinh_{{T}}(z) * ch;
    var s = t + e * (sc - z) * sech * sech;
    var c = sech - e * (sc - z) * t * sech;
    var d = sech + e * (sc + z) * t * sech;
    for (var i = n - 1; i >= 0; i--) {
        let kk = ks[i];
        let kp2 = kps[i];
        let s1 = 2.0 / (1.0 + kk) * s * c / d;
        let c1 = (1.0 + kk) / (2.0 * kk) * (d * d - kp2) / d;
        d = 0.5 * (1.0 + kk) * (d * d + kp2) / d;
        s = s1;
        c = c1;
    }
    return vec3<{{T}}>(s, c, d);
}

// (sn, cn, dn, am) of u for a parameter in [0, 1] given as m and p = 1 − m, and j with
// am − jπ in (−π/2, π): the descending Landen sequence to ELLIPJ_EPS (13 steps at most),
// u = r + qK with a·r = a·u − qπ/2 (reduce_pi), r's functions by the amplitude's
// recurrence (or ascending Landen within 1e-4 of m = 1), then the shift by qK.
struct Jacobi_{{T}} { f: vec4<{{T}}>, j: {{T}} }

fn jacobi_core_{{T}}(u: {{T}}, m: {{T}}, p: {{T}}) -> Jacobi_{{T}} {
    if (p == 0.0) {
        let sech = 1.0 / math_cosh_{{T}}(u);
        return Jacobi_{{T}}(vec4<{{T}}>(tanh_{{T}}(u), sech, sech, math_atan_{{T}}(math_sinh_{{T}}(u))), 0.0);
    }
    var a: {{T}} = 1.0;
    var b = sqrt(p);
    var c = sqrt(m);
    var scale: {{T}} = 1.0;
    var ratio: array<{{T}}, 16>;
    var n = 0;
    while (n < 16 && c > {{ELLIPJ_EPS}} * a) {
        let a1 = 0.5 * (a + b);
        c = select(c * c / (4.0 * a1), 0.5 * (1.0 - b), n == 0 && p <= 0.5);
        b = sqrt(a * b);
        a = a1;
        ratio[n] = c / a;
        scale = scale * 2.0;
        n += 1;
    }
    let w0 = a * u;
    let q = floor(w0 / 1.5707963267948966 + 0.5);
    let w = reduce_pi_{{T}}(w0, 0.5 * q);
    var r: vec4<{{T}}>;
    if (p < 1e-4) {
        let f = jacobi_ascending_{{T}}(w / a, m, p);
        r = vec4<{{T}}>(f, math_atan2_{{T}}(f.x, f.y));
    } else {
        var phi = w * scale;
        for (var k = n - 1; k >= 0; k--) {
            phi = 0.5 * (math_asin_{{T}}(ratio[k] * sin_{{T}}(phi)) + phi);
        }
        let cs = cos_{{T}}(phi);
        r = vec4<{{T}}>(sin_{{T}}(phi), cs, sqrt(p + m * cs * cs), phi);
    }
    let j = floor(0.5 * q);
    let sign = select({{T}}(1.0), {{T}}(-1.0), j - 2.0 * floor(0.5 * j) != 0.0);
    if (q - 2.0 * j == 0.0) {
        return Jacobi_{{T}}(vec4<{{T}}>(sign * r.x, sign * r.y, r.z, j * 3.141592653589793 + r.w), j);
    }
    let kp = sqrt(p);
    let am = q * 1.5707963267948966 + math_atan2_{{T}}(kp * r.x, r.y);
    return Jacobi_{{T}}(vec4<{{T}}>(sign * r.y / r.z, -sign * kp * r.x / r.z, kp / r.z, am), j);
}

// sn, cn, dn or am (part 0 to 3) of u at parameter m: m < 0 by the imaginary-modulus
// transformation, m > 1 by the reciprocal one (DLMF 22.17); NaN for ±∞ or NaN.
fn math_ellipj_{{T}}(u: {{T}}, m: {{T}}, part: i32) -> {{T}} {
    if (nan_{{T}}(u) || nan_{{T}}(m) || abs(u) > {{T_MAX}} || abs(m) > {{T_MAX}}) { return qnan_{{T}}(); }
    var r: vec4<{{T}}>;
    if (m < 0.0) {
        let s = sqrt(1.0 - m);
        let q = jacobi_core_{{T}}(u * s, -m / (1.0 - m), 1.0 / (1.0 - m));
        let sign = select({{T}}(1.0), {{T}}(-1.0), q.j - 2.0 * floor(0.5 * q.j) != 0.0);
        let am = q.j * 3.141592653589793 + math_atan2_{{T}}(sign * q.f.x, s * sign * q.f.y);
        r = vec4<{{T}}>(q.f.x / (s * q.f.z), q.f.y / q.f.z, 1.0 / q.f.z, am);
    } else if (m > 1.0) {
        let s = sqrt(m);
        let q = jacobi_core_{{T}}(u * s, 1.0 / m, (m - 1.0) / m);
        let sn = q.f.x / s;
        r = vec4<{{T}}>(sn, q.f.z, q.f.y, math_atan2_{{T}}(sn, q.f.z));
    } else {
        r = jacobi_core_{{T}}(u, m, 1.0 - m).f;
    }
    return r[part];
}

// Carlson's R_F(x, y, z) and R_D(x, y, z) by duplication to RF_SPREAD and RD_SPREAD of the
// arguments' spread, then the fifth-order series (src/backend/cpu/carlson.rs; 13 steps at
// most).
// Duplication from (x, y, z) with mean a0 until spread·4⁻ⁿ is below the mean: (a, 4⁻ⁿ,
// R_D's sum Σ 4⁻ᵏ/(√zₖ(zₖ + λₖ))), λ = √x√y + √y√z + √z√x.
fn carlson_duplicate_{{T}}(x0: {{T}}, y0: {{T}}, z0: {{T}}, a0: {{T}}, spread: {{T}}) -> vec3<{{T}}> {
    var x = x0;
    var y = y0;
    var z = z0;
    let q = spread * max(max(abs(a0 - x), abs(a0 - y)), abs(a0 - z));
    var a = a0;
    var f: {{T}} = 1.0;
    var sum: {{T}} = 0.0;
    for (var i = 0; i < 32; i++) {
        if (q * f < abs(a)) { break; }
        let sx = sqrt(x);
        let sy = sqrt(y);
        let sz = sqrt(z);
        let l = sx * sy + sy * sz + sz * sx;
        sum = sum + f / (sz * (z + l));
        x = 0.25 * (x + l);
        y = 0.25 * (y + l);
        z = 0.25 * (z + l);
        a = 0.25 * (a + l);
        f = f * 0.25;
    }
    return vec3<{{T}}>(a, f, sum);
}

fn carlson_rf_{{T}}(x0: {{T}}, y0: {{T}}, z0: {{T}}) -> {{T}} {
    let a0 = (x0 + y0 + z0) / 3.0;
    let d = carlson_duplicate_{{T}}(x0, y0, z0, a0, {{RF_SPREAD}});
    let a = d.x;
    let xx = (a0 - x0) * d.y / a;
    let yy = (a0 - y0) * d.y / a;
    let zz = -xx - yy;
    let e2 = xx * yy - zz * zz;
    let e3 = xx * yy * zz;
    return (1.0 - e2 / 10.0 + e3 / 14.0 + e2 * e2 / 24.0 - 3.0 * e2 * e3 / 44.0) / sqrt(a);
}

fn carlson_rd_{{T}}(x0: {{T}}, y0: {{T}}, z0: {{T}}) -> {{T}} {
    let a0 = (x0 + y0 + 3.0 * z0) / 5.0;
    let d = carlson_duplicate_{{T}}(x0, y0, z0, a0, {{RD_SPREAD}});
    let a = d.x;
    let f = d.y;
    let sum = d.z;
    let xx = (a0 - x0) * f / a;
    let yy = (a0 - y0) * f / a;
    let zz = -(xx + yy) / 3.0;
    let xy = xx * yy;
    let z2 = zz * zz;
    let e2 = xy - 6.0 * z2;
    let e3 = (3.0 * xy - 8.0 * z2) * zz;
    let e4 = 3.0 * (xy - z2) * z2;
    let e5 = xy * z2 * zz;
    let series = 1.0 - 3.0 * e2 / 14.0 + e3 / 6.0 + 9.0 * e2 * e2 / 88.0 - 3.0 * e4 / 22.0 - 9.0 * e2 * e3 / 52.0 + 3.0 * e5 / 26.0;
    return f * series / (a * sqrt(a)) + 3.0 * sum;
}

// R_C(1, 1 + e) given e and ope = 1 + e, each to full precision: atan(√e)/√e, or for e < 0
// atanh(t)/t = ½ ln_1p(2t(1 + t)/(1 + e))/t, t = √−e (src/backend/cpu/carlson.rs: rc1p).
fn carlson_rc1p_{{T}}(e: {{T}}, ope: {{T}}) -> {{T}} {
    if (e > 0.0) {
        let t = sqrt(e);
        return math_atan_{{T}}(t) / t;
    }
    if (e < 0.0) {
        let t = sqrt(-e);
        return 0.5 * math_ln_1p_{{T}}(2.0 * t * (1.0 + t) / ope) / t;
    }
    return 1.0;
}

// R_J(x, y, z, p) for non-negative x, y, z (at most one 0) and positive p: the duplication
// to RD_SPREAD of the spread, the fifth-order series and Σ 6·4⁻ᵐ·R_C(1, 1 + eₘ)/dₘ, with
// eₘ = Π 4⁻ᵐ(p − x)/(√p + √x)² and 1 + eₘ = 2√p(p + λ)/dₘ at step m
// (src/backend/cpu/carlson.rs: rj_duplicate).
fn carlson_rj_duplicate_{{T}}(x0: {{T}}, y0: {{T}}, z0: {{T}}, p0: {{T}}) -> {{T}} {
    let a0 = (x0 + y0 + z0 + 2.0 * p0) / 5.0;
    let q = {{RD_SPREAD}} * max(max(abs(a0 - x0), abs(a0 - y0)), max(abs(a0 - z0), abs(a0 - p0)));
    let dx = p0 - x0;
    let dy = p0 - y0;
    let dz = p0 - z0;
    var x = x0;
    var y = y0;
    var z = z0;
    var p = p0;
    var a = a0;
    var f: {{T}} = 1.0;
    var sum: {{T}} = 0.0;
    for (var i = 0; i < 32; i++) {
        if (q * f < abs(a)) { break; }
        let sx = sqrt(x);
        let sy = sqrt(y);
        let sz = sqrt(z);
        let sp = sqrt(p);
        let l = sx * sy + sy * sz + sz * sx;
        let px = sp + sx;
        let py = sp + sy;
        let pz = sp + sz;
        let d = px * py * pz;
        let e = (dx * f / (px * px)) * (dy * f / (py * py)) * (dz * f / (pz * pz));
        sum = sum + f / d * carlson_rc1p_{{T}}(e, 2.0 * sp * (p + l) / d);
        x = 0.25 * (x + l);
        y = 0.25 * (y + l);
        z = 0.25 * (z + l);
        p = 0.25 * (p + l);
        a = 0.25 * (a + l);
        f = f * 0.25;
    }
    let xx = (a0 - x0) * f / a;
    let yy = (a0 - y0) * f / a;
    let zz = (a0 - z0) * f / a;
    let pp = -(xx + yy + zz) / 2.0;
    let xyz = xx * yy * zz;
    let p2 = pp * pp;
    let e2 = xx * yy + xx * zz + yy * zz - 3.0 * p2;
    let e3 = xyz + 2.0 * e2 * pp + 4.0 * p2 * pp;
    let e4 = (2.0 * xyz + e2 * pp + 3.0 * p2 * pp) * pp;
    let e5 = xyz * p2;
    let series = 1.0 - 3.0 * e2 / 14.0 + e3 / 6.0 + 9.0 * e2 * e2 / 88.0 - 3.0 * e4 / 22.0 - 9.0 * e2 * e3 / 52.0 + 3.0 * e5 / 26.0;
    return f * series / (a * sqrt(a)) + 6.0 * sum;
}

// SciPy's elliprf, elliprd, elliprg, elliprc (src/backend/cpu/carlson.rs, whose edges these
// follow): NaN for a negative or NaN argument; R_F +∞ where two are 0, R_D where z or x and
// y are; both 0 where one is +∞, R_G +∞; R_G by DLMF 19.21.10 about the median, its
// second term multiplied as (x − z)·((y − z)·R_D) so that no product of two arguments
// overflows.
fn carlson_bad_{{T}}(x: {{T}}, y: {{T}}, z: {{T}}) -> bool {
    return nan_{{T}}(x) || nan_{{T}}(y) || nan_{{T}}(z) || min(min(x, y), z) < 0.0;
}

fn math_elliprf_{{T}}(x: {{T}}, y: {{T}}, z: {{T}}) -> {{T}} {
    if (carlson_bad_{{T}}(x, y, z)) { return qnan_{{T}}(); }
    if (max(max(x, y), z) > {{T_MAX}}) { return 0.0; }
    let zeros = select(0, 1, x == 0.0) + select(0, 1, y == 0.0) + select(0, 1, z == 0.0);
    if (zeros >= 2) { return inf_{{T}}(); }
    return carlson_rf_{{T}}(x, y, z);
}

fn math_elliprd_{{T}}(x: {{T}}, y: {{T}}, z: {{T}}) -> {{T}} {
    if (carlson_bad_{{T}}(x, y, z)) { return qnan_{{T}}(); }
    if (max(max(x, y), z) > {{T_MAX}}) { return 0.0; }
    if (z == 0.0 || (x == 0.0 && y == 0.0)) { return inf_{{T}}(); }
    return carlson_rd_{{T}}(x, y, z);
}

fn math_elliprg_{{T}}(x: {{T}}, y: {{T}}, z: {{T}}) -> {{T}} {
    if (carlson_bad_{{T}}(x, y, z)) { return qnan_{{T}}(); }
    let lo = min(min(x, y), z);
    let hi = max(max(x, y), z);
    let mid = max(min(x, y), min(max(x, y), z));
    if (hi > {{T_MAX}}) { return inf_{{T}}(); }
    if (mid == 0.0) { return 0.5 * sqrt(hi); }
    return 0.5 * (mid * carlson_rf_{{T}}(lo, hi, mid) + (mid - lo) * ((hi - mid) * carlson_rd_{{T}}(lo, hi, mid)) / 3.0 + sqrt(lo / mid) * sqrt(hi));
}

fn math_elliprc_{{T}}(x: {{T}}, y: {{T}}) -> {{T}} {
    if (nan_{{T}}(x) || nan_{{T}}(y) || x < 0.0 || y == 0.0) { return qnan_{{T}}(); }
    if (max(x, abs(y)) > {{T_MAX}}) { return 0.0; }
    if (y > 0.0) { return carlson_rf_{{T}}(x, y, y); }
    let d = x - y;
    return sqrt(x / d) * carlson_rf_{{T}}(d, -y, -y);
}

// R_J for positive p: above 16 times the largest argument, where the duplication would
// take log₄(p/λ) steps, DLMF 19.21.12 with x the smallest trades p for
// q = x + (y − x)(z − x)/(p − x), below the largest (src/backend/cpu/carlson.rs: rj).
fn carlson_rj_{{T}}(x0: {{T}}, y0: {{T}}, z0: {{T}}, p: {{T}}) -> {{T}} {
    let x = min(min(x0, y0), z0);
    let z = max(max(x0, y0), z0);
    if (p <= 16.0 * z) { return carlson_rj_duplicate_{{T}}(x0, y0, z0, p); }
    let y = max(min(x0, y0), min(max(x0, y0), z0));
    let q = x + (y - x) * ((z - x) / (p - x));
    // √x·R_C(yz, pq) as √(x/q)·R_C(yz/(pq), 1)/√p (no overflowing products); q underflowing
    // to 0 leaves R_F alone.
    var rest: {{T}} = 0.0;
    if (q > 0.0) {
        rest = 3.0 * sqrt(x / q) / sqrt(p) * carlson_rf_{{T}}((y / p) * (z / q), 1.0, 1.0) + (q - x) * carlson_rj_duplicate_{{T}}(x, y, z, q);
    }
    return (3.0 * carlson_rf_{{T}}(x, y, z) - rest) / (p - x);
}

// SciPy's elliprj (src/backend/cpu/carlson.rs: elliprj, whose edges these follow; +∞ for
// p = 0): for p < 0 the principal value by Carlson's transformation to a positive p' with
// z the largest argument.
fn math_elliprj_{{T}}(x0: {{T}}, y0: {{T}}, z0: {{T}}, p: {{T}}) -> {{T}} {
    if (carlson_bad_{{T}}(x0, y0, z0) || nan_{{T}}(p)) { return qnan_{{T}}(); }
    if (max(max(x0, y0), max(z0, abs(p))) > {{T_MAX}}) { return 0.0; }
    let zeros = select(0, 1, x0 == 0.0) + select(0, 1, y0 == 0.0) + select(0, 1, z0 == 0.0);
    if (p == 0.0 || zeros >= 2) { return inf_{{T}}(); }
    if (p > 0.0) { return carlson_rj_{{T}}(x0, y0, z0, p); }
    let x = min(min(x0, y0), z0);
    let z = max(max(x0, y0), z0);
    let y = max(min(x0, y0), min(max(x0, y0), z0));
    let q = -p;
    let pp = x * ((z - y) / (z + q)) + z * ((y + q) / (z + q));
    // t = p'q/(xy), +∞ at x = 0: the pole's term without products of three arguments.
    let t = select((pp / x) * (q / y), inf_{{T}}(), x == 0.0);
    let pole = 3.0 * sqrt(z / (1.0 + t)) * carlson_rf_{{T}}(1.0 + 1.0 / t, 1.0, 1.0) / (sqrt(pp) * sqrt(q));
    return (pole - (z - x) * ((z - y) / (z + q)) * carlson_rj_{{T}}(x, y, z, pp) - 3.0 * carlson_rf_{{T}}(x, y, z)) / (z + q);
}

// x − nπ for n a multiple of ½ (src/backend/cpu/ellipj.rs: reduce_pi), π in three parts
// whose products with n are exact below PI3_N_EXACT.
fn reduce_pi_{{T}}(phi: {{T}}, n: {{T}}) -> {{T}} {
    if (abs(n) < {{PI3_N_EXACT}}) {
        let r = keep_{{T}}(phi - n * {{PI3_A}});
        return keep_{{T}}(r - n * {{PI3_B}}) - n * {{PI3_C}};
    }
    return phi - n * 3.141592653589793;
}

// F(φ | m), or E(φ | m) when second (SciPy's ellipkinc, ellipeinc; src/backend/cpu/carlson.rs):
// φ = nπ + r, 2n·K(m) or 2n·E(m) and r's part in Carlson's forms, each a sum of terms of one
// sign. For m > 1 NaN where the integral is not real.
fn math_ellipinc_{{T}}(phi: {{T}}, m: {{T}}, second: bool) -> {{T}} {
    if (nan_{{T}}(phi) || nan_{{T}}(m) || m > {{T_MAX}}) { return qnan_{{T}}(); }
    if (phi == 0.0) { return phi; }
    if (m < -{{T_MAX}}) {
        if (second) { return select(inf_{{T}}(), -inf_{{T}}(), phi < 0.0); }
        return select({{T}}(0.0), {{T}}(-0.0), phi < 0.0);
    }
    if (abs(phi) > {{T_MAX}}) { return select(qnan_{{T}}(), phi, m <= 1.0); }
    // Carlson's forms hold for cos r ≥ 0: where n's rounding left r past ±π/2, the next n.
    var n = floor(phi / 3.141592653589793 + 0.5);
    var r = reduce_pi_{{T}}(phi, n);
    var c = cos_{{T}}(r);
    if (c < 0.0) {
        n = n + sign(r);
        r = reduce_pi_{{T}}(phi, n);
        c = cos_{{T}}(r);
    }
    let s = sin_{{T}}(r);
    let p = 1.0 - m;
    let c2 = c * c;
    let d2 = c2 + p * s * s;
    if (m > 1.0 && (n != 0.0 || d2 < 0.0)) { return qnan_{{T}}(); }
    var whole: {{T}} = 0.0;
    if (!second) {
        if (n != 0.0) { whole = 2.0 * n * math_ellipkm1_{{T}}(p); }
        return s * carlson_rf_{{T}}(c2, d2, 1.0) + whole;
    }
    if (n != 0.0) { whole = 2.0 * n * math_ellipe_{{T}}(m); }
    var part = s;
    if (p != 0.0) {
        if (m < 0.0) {
            part = s * carlson_rf_{{T}}(c2, d2, 1.0) - m / 3.0 * s * s * s * carlson_rd_{{T}}(c2, d2, 1.0);
        } else if (m <= 1.0) {
            part = p * s * carlson_rf_{{T}}(c2, d2, 1.0) + m * p / 3.0 * s * s * s * carlson_rd_{{T}}(c2, 1.0, d2) + m * s * c / sqrt(d2);
        } else {
            part = -p / 3.0 * s * s * s * carlson_rd_{{T}}(d2, 1.0, c2) + s * sqrt(d2) / c;
        }
    }
    return part + whole;
}

// E at m = 1 − x for x in [0, 1] (src/backend/cpu/special.rs: ellipe_poly): Cephes'
// P(x) − x·ln x·Q(x), the second term dropped below x = 1e-30 (below E's last bit).
fn ellipe_poly_{{T}}(x: {{T}}) -> {{T}} {
    var p: {{T}} = 1.53552577301013293365e-4;
    p = p * x + 2.50888492163602060990e-3;
    p = p * x + 8.68786816565889628429e-3;
    p = p * x + 1.07350949056076193403e-2;
    p = p * x + 7.77395492516787092951e-3;
    p = p * x + 7.58395289413514708519e-3;
    p = p * x + 1.15688436810574127319e-2;
    p = p * x + 2.18317996015557253103e-2;
    p = p * x + 5.68051945617860553470e-2;
    p = p * x + 4.43147180560990850618e-1;
    p = p * x + 1.00000000000000000299e0;
    var q: {{T}} = 3.27954898576485872656e-5;
    q = q * x + 1.00962792679356715133e-3;
    q = q * x + 6.50609489976927491433e-3;
    q = q * x + 1.68862163993311317300e-2;
    q = q * x + 2.61769742454493659583e-2;
    q = q * x + 3.34833904888224918614e-2;
    q = q * x + 4.27180926518931511717e-2;
    q = q * x + 5.85936634471101055642e-2;
    q = q * x + 9.37499997197644278445e-2;
    q = q * x + 2.49999999999888314361e-1;
    return select(p - ln_{{T}}(x) * (x * q), p, x < 1e-30);
}

// E(m), the complete elliptic integral of the second kind (SciPy's ellipe;
// src/backend/cpu/special.rs: ellipe): the polynomials in p = 1 − m, or √p·E(1 − 1/p)
// below m = 0.
fn math_ellipe_{{T}}(m: {{T}}) -> {{T}} {
    if (nan_{{T}}(m) || m > 1.0) { return qnan_{{T}}(); }
    if (m < -{{T_MAX}}) { return inf_{{T}}(); }
    let p = 1.0 - m;
    if (p > 1.0) { return ellipe_poly_{{T}}(1.0 / p) * sqrt(p); }
    return ellipe_poly_{{T}}(p);
}

// Li₂(t) for t in [−1, ½] from u = −ln(1 − t) (src/backend/cpu/special.rs: li2_series):
// the Bernoulli series u − u²/4 + u·Σ B₂ₖ/(2k + 1)!·u^(2k), nine terms.
fn li2_series_{{T}}(u: {{T}}) -> {{T}} {
    let z = u * u;
    var s: {{T}} = 4.518980029619918e-16;
    s = s * z + -1.9939295860721074e-14;
    s = s * z + 8.921691020456452e-13;
    s = s * z + -4.0647616451442256e-11;
    s = s * z + 1.8978869988971e-09;
    s = s * z + -9.185773074661964e-08;
    s = s * z + 4.72411186696901e-06;
    s = s * z + -0.0002777777777777778;
    s = s * z + 0.027777777777777776;
    return u - 0.25 * u * u + u * z * s;
}

// Spence's function Li₂(1 − x) (SciPy's spence; src/backend/cpu/special.rs: spence):
// the series with its argument reduced from x itself (u = −ln x on [½, 2]; below ½,
// π²/6 − ln x·ln(1 − x) − Li₂(x); above 2, −½ln²x − spence(1/x)).
fn math_spence_{{T}}(x: {{T}}) -> {{T}} {
    if (nan_{{T}}(x) || x < 0.0) { return qnan_{{T}}(); }
    if (x == 0.0) { return 1.6449340668482264; }
    if (x > {{T_MAX}}) { return -inf_{{T}}(); }
    let big = x > 2.0;
    let t = select(x, 1.0 / x, big);
    let l1 = math_ln_1p_{{T}}(-t);
    let lx = ln_{{T}}(x);
    let lt = select(lx, -lx, big);
    // spence(t) for t < ½, with its ln t·ln(1 − t) dropped below 1e-30 (where it is below
    // the last bit, and a subnormal t may be flushed to 0 before its logarithm).
    let low = 1.6449340668482264 - select(lt * l1, 0.0, t < 1e-30) - li2_series_{{T}}(-l1);
    if (big) { return -0.5 * lx * lx - low; }
    if (x < 0.5) { return low; }
    return li2_series_{{T}}(-lx);
}
