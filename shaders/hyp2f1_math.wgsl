// SciPy's hyp2f1: the Gauss hypergeometric function 2F1(a, b; c; x) at real arguments.
// These are the steps of src/backend/cpu/hyp2f1.rs (its comments say why); src/ops/hyp2f1.rs
// describes the method. Every series stops by 4,000 terms, so that the sums of one SIMD
// group stay within llvmpipe's 65,535 loop passes.

fn hyp2f1_npi_{{T}}(v: {{T}}) -> bool { return v <= 0.0 && v == floor(v); }

// (sum, loss) of Σ (a)_n (b)_n/((c)_n n!) x^n: loss is the largest term over the sum; NaN
// and an infinite loss if the series has not ended by 4,000 terms.
fn hyp2f1_series_{{T}}(a: {{T}}, b: {{T}}, c: {{T}}, x: {{T}}) -> vec2<{{T}}> {
    var s = {{T}}(1.0);
    var t = {{T}}(1.0);
    var big = {{T}}(1.0);
    let n0 = max(max(-a, -b), max(-c, 0.0));
    var n = {{T}}(0.0);
    loop {
        let num = (a + n) * (b + n);
        if (num == 0.0) { break; }
        if (n >= 4000.0) { return vec2<{{T}}>(qnan_{{T}}(), inf_{{T}}()); }
        t *= num / ((c + n) * (n + 1.0)) * x;
        s += t;
        big = max(big, abs(t));
        n += 1.0;
        if (n > n0 && abs(t) <= {{EPS_HALF}} * abs(s)) { break; }
    }
    return vec2<{{T}}>(s, big / abs(s));
}

// Given the sum of the polynomial F(m, b; c; w) and its loss: where that cancels, DLMF
// 15.8.7's in y = 1 − w if it cancels less.
fn hyp2f1_poly_in_y_{{T}}(m: {{T}}, b: {{T}}, c: {{T}}, y: {{T}}, r: vec2<{{T}}>) -> vec2<{{T}}> {
    let c2 = b - c + m + 1.0;
    if (r.y <= 4.0 || (hyp2f1_npi_{{T}}(c2) && c2 > m) || -m > 4000.0) { return r; }
    var k = {{T}}(1.0);
    var j = {{T}}(0.0);
    while (j < -m) {
        k *= (c - b + j) / (c + j);
        j += 1.0;
    }
    let r2 = hyp2f1_series_{{T}}(m, b, c2, y);
    if (r2.y < r.y) { return vec2<{{T}}>(k * r2.x, r2.y); }
    return r;
}

fn hyp2f1_poly_pos_{{T}}(m: {{T}}, b: {{T}}, c: {{T}}, w: {{T}}, y: {{T}}) -> vec2<{{T}}> {
    return hyp2f1_poly_in_y_{{T}}(m, b, c, y, hyp2f1_series_{{T}}(m, b, c, w));
}

// The polynomial F(m, b; c; x) at any finite x: the sum, Pfaff's, DLMF 15.8.7's or
// Euler's form, the least cancelling.
fn hyp2f1_polynomial_{{T}}(m: {{T}}, b: {{T}}, c: {{T}}, x: {{T}}) -> {{T}} {
    var r = hyp2f1_series_{{T}}(m, b, c, x);
    if (r.y <= 4.0 || x >= 1.0) { return r.x; }
    var r2: vec2<{{T}}>;
    if (x < 0.0) {
        let y = 1.0 / (1.0 - x);
        r2 = hyp2f1_poly_pos_{{T}}(m, c - b, c, -x * y, y);
        r2.x *= pow_{{T}}(1.0 - x, -m);
    } else {
        r2 = hyp2f1_poly_in_y_{{T}}(m, b, c, 1.0 - x, r);
    }
    if (r2.y < r.y) { r = r2; }
    if (hyp2f1_npi_{{T}}(c - b) && !hyp2f1_npi_{{T}}(c)) {
        let r3 = hyp2f1_series_{{T}}(c - m, c - b, c, x);
        if (r3.y < r.y) { r = vec2<{{T}}>(pow_{{T}}(1.0 - x, c - m - b) * r3.x, r3.y); }
    }
    return r.x;
}

// Γ(z0)Γ(z1)/(Γ(z2)Γ(z3)), Γ(z4)/(Γ(z5)Γ(z6)) and 1/(Γ(z7)Γ(z8)), 1/Γ 0 at the poles,
// with one inlined Γ (llvmpipe runs every inlined copy, whichever branch calls it).
fn hyp2f1_gamma_products_{{T}}(z: array<{{T}}, 9>) -> vec3<{{T}}> {
    var p = vec3<{{T}}>(1.0, 1.0, 1.0);
    for (var i = 0u; i < 9u; i++) {
        let up = i == 0u || i == 1u || i == 4u;
        var f = {{T}}(0.0);
        if (up || !hyp2f1_npi_{{T}}(z[i])) {
            let g = math_gamma_{{T}}(z[i]);
            f = select(1.0 / g, g, up);
        }
        let k = select(select(2u, 1u, i >= 4u), 0u, i < 4u);
        p[k] *= f;
    }
    return p;
}

// ln|Γ(z + δ)/Γ(z)|/δ (ψ(z) at δ = 0) and the ratio's sign: ln_1p(δ/(z + j)) up to
// z + j ≥ 15, then Stirling's series's difference, each term's quotient in closed form.
fn hyp2f1_ln_rel_{{T}}(r: {{T}}) -> {{T}} {
    if (r == 0.0) { return 1.0; }
    return math_ln_1p_{{T}}(r) / r;
}

fn hyp2f1_ln_gamma_ratio_{{T}}(z0: {{T}}, delta: {{T}}) -> vec2<{{T}}> {
    var z = z0;
    var l = {{T}}(0.0);
    var sign = {{T}}(1.0);
    while (z < 15.0) {
        let r = delta / z;
        if (r > -1.0) {
            l -= hyp2f1_ln_rel_{{T}}(r) / z;
        } else {
            sign = -sign;
            l -= ln_{{T}}(-1.0 - r) / delta;
        }
        z += 1.0;
    }
    // Σ B_2j/(2j(2j − 1))·((z + δ)^(1−2j) − z^(1−2j))/δ = −uv·Σ c_j g_(2j−1),
    // g_1 = 1, g_(p+2) = u²g_p + v^p(u + v), u = 1/z, v = 1/(z + δ).
    let u = 1.0 / z;
    let v = 1.0 / (z + delta);
    var g = {{T}}(1.0);
    var vp = v;
    var tail = {{T}}(0.0);
    let cs = array<{{T}}, 6>(1.0 / 12.0, -1.0 / 360.0, 1.0 / 1260.0, -1.0 / 1680.0, 1.0 / 1188.0, -691.0 / 360360.0);
    for (var j = 0u; j < 6u; j++) {
        tail += cs[j] * g;
        g = u * u * g + vp * (u + v);
        vp *= v * v;
    }
    l += (z - 0.5) * hyp2f1_ln_rel_{{T}}(delta / z) / z + ln_{{T}}(z + delta) - 1.0 - u * v * tail;
    return vec2<{{T}}>(l, sign);
}

// F at 0.9 < w < 1 for c − a − b = d ≥ 0: DLMF 15.8.4 in y = 1 − w with its two terms'
// poles cancelled in closed form (d = m + δ; the CPU's near_one says how).
fn hyp2f1_near_one_{{T}}(a: {{T}}, b: {{T}}, c: {{T}}, y: {{T}}) -> {{T}} {
    let d = c - a - b;
    let m = floor(d + 0.5);
    let delta = d - m;
    var finite = {{T}}(0.0);
    if (m > 0.0) {
        if (m > 4000.0) { return qnan_{{T}}(); }
        var t = {{T}}(1.0);
        var s = {{T}}(1.0);
        var n = {{T}}(0.0);
        while (n < m - 1.0) {
            t *= (a + n) * (b + n) / ((n + 1.0 - d) * (n + 1.0)) * y;
            s += t;
            n += 1.0;
        }
        finite = s;
    }
    let am = a + m;
    let bm = b + m;
    // ln|Γ(z + ±δ)/Γ(z)|/δ for z = a + m, b + m, 1 + m and (with −δ) 1, in one loop: llvmpipe
    // runs every inlined copy of a function, whichever branch calls it.
    let zs = array<{{T}}, 4>(am, bm, 1.0 + m, 1.0);
    var gs: array<vec2<{{T}}>, 4>;
    for (var i = 0u; i < 4u; i++) {
        gs[i] = hyp2f1_ln_gamma_ratio_{{T}}(zs[i], select(delta, -delta, i == 3u));
    }
    let ga = gs[0];
    let gb = gs[1];
    let l0 = ga.x + gb.x - gs[2].x - gs[3].x + ln_{{T}}(y);
    let t0 = delta * l0;
    var ratio_m1: {{T}};
    if (ga.y * gb.y > 0.0) {
        ratio_m1 = select(math_exp_m1_{{T}}(t0) / delta, l0, t0 == 0.0);
    } else {
        ratio_m1 = (-exp_{{T}}(t0) - 1.0) / delta;
    }
    // Γ(c)Γ(d)/(Γ(c − a)Γ(c − b)) for the finite part and Γ(c)/(Γ(a)Γ(b)), 1/(Γ(1 + m)Γ(1 − δ))
    // for the rest, from one call of Γ.
    let gz = hyp2f1_gamma_products_{{T}}(array<{{T}}, 9>(c, d, c - a, c - b, c, a, b, 1.0 + m, 1.0 - delta));
    if (m > 0.0) { finite *= gz.x; }
    var u = gz.z;
    var q = u * ratio_m1;
    let n0 = max(max(-am, -bm), 0.0);
    var s = {{T}}(0.0);
    var yk = {{T}}(1.0);
    var k = {{T}}(0.0);
    loop {
        if (k >= 4000.0) { return qnan_{{T}}(); }
        s += yk * q;
        if (k > n0 && yk * (abs(q) + abs(u)) <= {{EPS_HALF}} * abs(s)) { break; }
        let aa = am + k;
        let bb = bm + k;
        let mm = 1.0 + m + k;
        let kk = 1.0 + k;
        let r_delta = (aa + delta) * (bb + delta) / ((mm + delta) * kk);
        let r0 = aa * bb / (mm * (kk - delta));
        let dr = ((aa + bb) * mm * kk - aa * bb * (mm + kk) + delta * (mm * kk - (aa + bb) * mm) - delta * delta * mm)
            / (mm * (mm + delta) * kk * (kk - delta));
        q = q * r_delta + u * dr;
        u *= r0;
        yk *= y;
        k += 1.0;
    }
    let pd = 3.14159265358979311600e+00 * delta;
    let pi_over_sin = select(pd / sincos_{{T}}(pd).x, {{T}}(1.0), delta == 0.0);
    let sign = select({{T}}(1.0), {{T}}(-1.0), m - 2.0 * floor(m * 0.5) == 0.0);
    let scale = ga.y * exp_{{T}}(-delta * ga.x) * gb.y * exp_{{T}}(-delta * gb.x);
    return finite + sign * gz.y * scale * pi_over_sin * pow_{{T}}(y, m) * s;
}

// F at 0 < w < 1, y = 1 − w, c not a pole, as (f, e): F = y^e·f, e = 0 or (Euler's form)
// c − a − b.
fn hyp2f1_positive_{{T}}(a: {{T}}, b: {{T}}, c: {{T}}, w: {{T}}, y: {{T}}) -> vec2<{{T}}> {
    let d = c - a - b;
    // A polynomial: a or b ends the series, or (Euler's form) c − a or c − b does; the first
    // of them that is, in one call (llvmpipe runs every inlined copy).
    let euler = !hyp2f1_npi_{{T}}(a) && !hyp2f1_npi_{{T}}(b);
    if (!euler || hyp2f1_npi_{{T}}(c - a) || hyp2f1_npi_{{T}}(c - b)) {
        let p = select(a, c - a, euler);
        let q = select(b, c - b, euler);
        let first = hyp2f1_npi_{{T}}(p);
        let r = hyp2f1_poly_pos_{{T}}(select(q, p, first), select(p, q, first), c, w, y);
        return vec2<{{T}}>(r.x, select({{T}}(0.0), d, euler));
    }
    // The series itself up to 1 − w = 0.07 where it does not cancel; up to w = 0.9 else
    // Euler's if that cancels less; past them the transformation to 1 − w.
    if (y >= 0.07) {
        let r = hyp2f1_series_{{T}}(a, b, c, w);
        if (r.y <= 4.0) { return vec2<{{T}}>(r.x, 0.0); }
        if (w <= 0.9) {
            let r2 = hyp2f1_series_{{T}}(c - a, c - b, c, w);
            if (r2.y < r.y) { return vec2<{{T}}>(r2.x, d); }
            return vec2<{{T}}>(r.x, 0.0);
        }
    }
    if (d < 0.0) { return vec2<{{T}}>(hyp2f1_near_one_{{T}}(c - a, c - b, c, y), d); }
    return vec2<{{T}}>(hyp2f1_near_one_{{T}}(a, b, c, y), 0.0);
}

// F(a, b; c; x): NaN for x > 1 but for polynomials, for x = ±∞ and for a NaN; +∞ for c a
// non-positive integer that a or b does not cut off first, and at x = 1 where c − a − b ≤ 0.
fn math_hyp2f1_{{T}}(a: {{T}}, b: {{T}}, c: {{T}}, x: {{T}}) -> {{T}} {
    if (nan_{{T}}(a) || nan_{{T}}(b) || nan_{{T}}(c) || nan_{{T}}(x)) { return qnan_{{T}}(); }
    if (x == 0.0) { return 1.0; }
    let pa = hyp2f1_npi_{{T}}(a);
    let pb = hyp2f1_npi_{{T}}(b);
    if (pa || pb) {
        let first = pa && (!pb || a >= b);
        let m = select(b, a, first);
        let other = select(a, b, first);
        if (!(hyp2f1_npi_{{T}}(c) && c > m)) {
            if (abs(x) > {{T_MAX}}) { return qnan_{{T}}(); }
            return hyp2f1_polynomial_{{T}}(m, other, c, x);
        }
    }
    if (hyp2f1_npi_{{T}}(c)) { return inf_{{T}}(); }
    if (x > 1.0 || x < -{{T_MAX}}) { return qnan_{{T}}(); }
    let d = c - a - b;
    if (x == 1.0) {
        if (d > 0.0) { return hyp2f1_gamma_products_{{T}}(array<{{T}}, 9>(c, d, c - a, c - b, 1.0, 1.0, 1.0, 1.0, 1.0)).x; }
        return inf_{{T}}();
    }
    var r: vec2<{{T}}>;
    if (x < 0.0) {
        if (x >= -0.5) {
            r = hyp2f1_series_{{T}}(a, b, c, x);
            if (r.y <= 4.0) { return r.x; }
        }
        // Euler's factor joins Pfaff's: (1 − x)^−(a + e), which does not overflow where the
        // two would. One pow for both branches (llvmpipe runs every inlined copy).
        let y = 1.0 / (1.0 - x);
        r = hyp2f1_positive_{{T}}(a, c - b, c, -x * y, y);
        r.y = -a - r.y;
    } else {
        r = hyp2f1_positive_{{T}}(a, b, c, x, 1.0 - x);
    }
    if (r.y == 0.0) { return r.x; }
    return pow_{{T}}(1.0 - x, r.y) * r.x;
}
