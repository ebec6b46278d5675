// SciPy's lpmv: the associated Legendre function P_v^m(x) of integer order and real degree,
// with the Condon–Shortley phase. These are the steps of src/backend/cpu/legendre.rs (its
// comments say why); src/ops/legendre.rs describes the method. The factors v − (j − 1) take
// j − 1 converted from an integer: Mesa's NIR treats SPIR-V arithmetic as inexact and
// rewrote (v − j) + 1 as (v + 1) − j, which rounds v + 1 before it cancels (P_v^(−16) near
// v = 4 was 5e-10 off on lavapipe).

// P_v^m(x): NaN for m not an integer, |x| > 1, |m| > 512, |v| > 2^18 or a NaN; at x = 1,
// 1 for m = 0 and 0 otherwise; ±∞ at x = −1 for non-integer v; P_v = P_(−v−1).
fn math_lpmv_{{T}}(m: {{T}}, v0: {{T}}, x: {{T}}) -> {{T}} {
    if (nan_{{T}}(m) || nan_{{T}}(v0) || nan_{{T}}(x) || m != floor(m) || abs(m) > 512.0 || abs(x) > 1.0) {
        return qnan_{{T}}();
    }
    let v = select(v0, -v0 - 1.0, v0 < -0.5);
    if (v > 262144.0) { return qnan_{{T}}(); }
    let k = u32(abs(m));
    let neg = m < 0.0;
    if (x == 1.0) { return select({{T}}(0.0), {{T}}(1.0), k == 0u); }
    let fl = floor(v);
    if (v == fl) { return lpmv_integer_{{T}}(v, k, neg, x); }
    let kf = {{T}}(k);
    if (x == -1.0) {
        var sign = -lpmv_sin_pi_{{T}}(v);
        if (neg && ((k & 1u) == 1u) != (lpmv_poch_range_{{T}}(v, k) < 0.0)) { sign = -sign; }
        return select(-inf_{{T}}(), inf_{{T}}(), sign > 0.0);
    }
    let s = sqrt((1.0 - x) * (1.0 + x));
    let turn = x < 0.0 && 0.9 * kf >= s * (kf + 1.0);
    let lo = select(kf, floor(0.9 * kf / s), turn);
    let use_log = turn || x < -0.8;
    if (fl - lo <= 1.0) { return lpmv_base_{{T}}(v, k, neg, x, s, use_log); }
    let p0 = lpmv_base_{{T}}(v - (fl - lo), k, neg, x, s, use_log);
    let p1 = lpmv_base_{{T}}(v - (fl - lo - 1.0), k, neg, x, s, use_log);
    return lpmv_climb_{{T}}(p0, p1, fl - lo - 1.0, v, select(kf, -kf, neg), x);
}

// sin(πv), exact in its argument: v split at the nearest integer n.
fn lpmv_sin_pi_{{T}}(v: {{T}}) -> {{T}} {
    let n = floor(v + 0.5);
    let sn = sincos_{{T}}(3.14159265358979311600e+00 * (v - n)).x;
    return select(sn, -sn, n - 2.0 * floor(n * 0.5) == 1.0);
}

// Π_(j = 1 − k)^k (v + j) = Γ(v + k + 1)/Γ(v − k + 1).
fn lpmv_poch_range_{{T}}(v: {{T}}, k: u32) -> {{T}} {
    var p = {{T}}(1.0);
    for (var j = 1u; j <= k; j++) {
        let jf = {{T}}(j);
        p = p * (v + jf) * (v - {{T}}(j - 1u));
    }
    return p;
}

// One step of the recurrence in the degree, from (P_(ν−1), P_ν) to (P_ν, P_(ν+1)) at
// ν = v − j, while j > 0.
fn lpmv_step_{{T}}(p0: ptr<function, {{T}}>, p1: ptr<function, {{T}}>, j: ptr<function, {{T}}>, v: {{T}}, mu: {{T}},
                   x: {{T}}) {
    if (*j > 0.0) {
        let nu = v - *j;
        let d = nu - mu + 1.0;
        let p2 = (2.0 * nu + 1.0) / d * x * *p1 - (nu + mu) / d * *p0;
        *p0 = *p1;
        *p1 = p2;
        *j = *j - 1.0;
    }
}

// From P_(v−steps−1), P_(v−steps) to P_v (the coefficients divided through first, so that
// nothing overflows before P does), 8 steps a pass: 2^18 steps take 32,768 passes,
// under llvmpipe's cap of 65,535 loop passes per invocation with the series' few thousand.
fn lpmv_climb_{{T}}(a: {{T}}, b: {{T}}, steps: {{T}}, v: {{T}}, mu: {{T}}, x: {{T}}) -> {{T}} {
    var p0 = a;
    var p1 = b;
    var j = steps;
    for (var it = 0u; it < 32769u && j > 0.0; it++) {
        lpmv_step_{{T}}(&p0, &p1, &j, v, mu, x);
        lpmv_step_{{T}}(&p0, &p1, &j, v, mu, x);
        lpmv_step_{{T}}(&p0, &p1, &j, v, mu, x);
        lpmv_step_{{T}}(&p0, &p1, &j, v, mu, x);
        lpmv_step_{{T}}(&p0, &p1, &j, v, mu, x);
        lpmv_step_{{T}}(&p0, &p1, &j, v, mu, x);
        lpmv_step_{{T}}(&p0, &p1, &j, v, mu, x);
        lpmv_step_{{T}}(&p0, &p1, &j, v, mu, x);
    }
    return p1;
}

// Integer degree n ≥ 0: 0 for 0 ≤ m and n < m; for m < 0 and n < |m| Gauss's series, or
// below x = 0 its all-positive form; otherwise P_n^m(x) = (−1)^(n+m) P_n^m(−x) and the
// climb at |x| from P_k^(±k), P_(k+1)^(±k).
fn lpmv_integer_{{T}}(n: {{T}}, k: u32, neg: bool, x: {{T}}) -> {{T}} {
    let kf = {{T}}(k);
    if (n < kf) {
        if (!neg) { return 0.0; }
        if (x == -1.0) { return inf_{{T}}(); }
        if (x >= 0.0) { return lpmv_gauss_{{T}}(n, k, true, x, sqrt((1.0 - x) * (1.0 + x))); }
        let q = sqrt((1.0 - x) / (1.0 + x));
        var c = {{T}}(1.0);
        for (var j = 1u; j <= k; j++) { c = c * q / {{T}}(j); }
        let y = (1.0 + x) * 0.5;
        var sum = {{T}}(1.0);
        var r = {{T}}(1.0);
        for (var i = 0u; {{T}}(i) < n; i++) {
            let fi = {{T}}(i);
            c = c * (kf - n + fi) / (kf + 1.0 + fi);
            r = r * (fi - n) * (n + 1.0 + fi) / ((1.0 - kf + fi) * (fi + 1.0)) * y;
            sum = sum + r;
        }
        return c * sum;
    }
    let odd = (n + kf) - 2.0 * floor((n + kf) * 0.5) == 1.0;
    let sign = select({{T}}(1.0), {{T}}(-1.0), x < 0.0 && odd);
    let ax = abs(x);
    let s = sqrt((1.0 - ax) * (1.0 + ax));
    var pk = {{T}}(1.0);
    for (var j = 1u; j <= k; j++) {
        let jf = {{T}}(j);
        pk = select(-pk * (2.0 * jf - 1.0) * s, pk * s / (2.0 * jf), neg);
    }
    if (n == kf) { return sign * pk; }
    let p1 = ax * pk * select(2.0 * kf + 1.0, 1.0, neg);
    return sign * lpmv_climb_{{T}}(pk, p1, n - kf - 1.0, n, select(kf, -kf, neg), ax);
}

fn lpmv_base_{{T}}(v: {{T}}, k: u32, neg: bool, x: {{T}}, s: {{T}}, use_log: bool) -> {{T}} {
    if (use_log) { return lpmv_log_{{T}}(v, k, neg, x); }
    return lpmv_gauss_{{T}}(v, k, neg, x, s);
}

// P_v^(−k)(x) = s^k/(2^k k!)·F(k − v, k + v + 1; k + 1; (1 − x)/2), and
// P_v^k = (−1)^k Π(v + j)·P_v^(−k).
fn lpmv_gauss_{{T}}(v: {{T}}, k: u32, neg: bool, x: {{T}}, s: {{T}}) -> {{T}} {
    let kf = {{T}}(k);
    let t = (1.0 - x) * 0.5;
    var sum = {{T}}(1.0);
    var r = {{T}}(1.0);
    var n = {{T}}(0.0);
    for (var it = 0u; it < 8192u; it++) {
        let q = (kf - v + n) * (kf + v + 1.0 + n) / ((kf + 1.0 + n) * (n + 1.0)) * t;
        r = r * q;
        sum = sum + r;
        n = n + 1.0;
        if (abs(q) < 1.0 && abs(r) <= {{EPS_HALF}} * 0.5 * (1.0 - t) * abs(sum)) { break; }
    }
    let p = lpmv_prefactor_{{T}}(sum, v, k, s, neg);
    return select(p, -p, !neg && (k & 1u) == 1u);
}

// c·s^k/(2^k k!), times Π(v + j) unless neg, the factors applied to c one by one so that
// nothing underflows (f32: s^k/(2^k k!) at k = 32) or overflows before the value does.
fn lpmv_prefactor_{{T}}(c: {{T}}, v: {{T}}, k: u32, s: {{T}}, neg: bool) -> {{T}} {
    var p = c;
    for (var j = 1u; j <= k; j++) {
        let jf = {{T}}(j);
        p = select(p * (v + jf) * (v - {{T}}(j - 1u)) * s / (2.0 * jf), p * s / (2.0 * jf), neg);
    }
    return p;
}

// P_v^(±k)(x) for non-integer v and x < 0 by the connection formula at x = −1 for
// F(k − v, k + v + 1; k + 1; ·) (DLMF 15.8.10, Zhang & Jin's LPMV0's form) with its own
// digammas, each stepped by ψ(z + 1) = ψ(z) + 1/z; for −k the finite sum over Π(v + j).
fn lpmv_log_{{T}}(v: {{T}}, k: u32, neg: bool, x: {{T}}) -> {{T}} {
    let kf = {{T}}(k);
    let y = (1.0 + x) * 0.5;
    let vs = lpmv_sin_pi_{{T}}(v) / 3.14159265358979311600e+00;
    let lg = ln_{{T}}(y);
    var d1 = {{T}}(-0.5772156649015329);
    var d2 = d1;
    for (var j = 1u; j <= k; j++) { d2 = d2 + 1.0 / {{T}}(j); }
    var d3 = math_digamma_{{T}}(kf - v);
    var d4 = math_digamma_{{T}}(kf + v + 1.0);
    var sum = lg - d1 - d2 + d3 + d4;
    var r = {{T}}(1.0);
    var j = {{T}}(0.0);
    for (var it = 0u; it < 8192u; it++) {
        let q = (j + kf - v) * (v + kf + 1.0 + j) / ((j + 1.0) * (j + 1.0 + kf)) * y;
        r = r * q;
        d1 = d1 + 1.0 / (j + 1.0);
        d2 = d2 + 1.0 / (kf + j + 1.0);
        d3 = d3 + 1.0 / (kf - v + j);
        d4 = d4 + 1.0 / (kf + v + 1.0 + j);
        let bracket = lg - d1 - d2 + d3 + d4;
        sum = sum + bracket * r;
        j = j + 1.0;
        if (abs(q) < 1.0 && abs(r) * max(abs(bracket), 1.0) <= {{EPS_HALF}} * 0.5 * abs(sum)) { break; }
    }
    var pv0 = {{T}}(0.0);
    let s = sqrt((1.0 - x) * (1.0 + x));
    if (k > 0u) {
        var s0 = {{T}}(1.0);
        var r1 = {{T}}(1.0);
        for (var i = 1u; i < k; i++) {
            let fi = {{T}}(i);
            r1 = r1 * ({{T}}(i - 1u) - v) * (v + fi) / (fi * (fi - kf)) * y;
            s0 = s0 + r1;
        }
        let q = sqrt((1.0 - x) / (1.0 + x));
        pv0 = -vs / kf * s0;
        for (var i = 1u; i <= k; i++) {
            let fi = {{T}}(i);
            pv0 = select(pv0 * q * fi, pv0 * q * fi / ((v + fi) * (v - {{T}}(i - 1u))), neg);
        }
    }
    let p = pv0 + lpmv_prefactor_{{T}}(vs * sum, v, k, s, neg);
    return select(p, -p, neg && (k & 1u) == 1u);
}

// SciPy's sph_legendre_p: the spherical Legendre function P̄_n^m(θ) =
// √((2n + 1)/(4π)·(n − m)!/(n + m)!)·P_n^m(cos θ), the steps of src/backend/cpu/legendre.rs'
// sph_legendre_p (its comments say why; src/ops/sph_harm.rs describes the method). Running
// values are kept within 2^±SPH_SCALE, their exponents (i32) apart.

// v·2^e brought back within 2^±SPH_SCALE (from within 2^±2·SPH_SCALE).
fn sph_norm_{{T}}(v: {{T}}, e: i32) -> vec2<{{T}}> {
    if (abs(v) > {{SPH_BIG}}) { return vec2<{{T}}>(v * {{SPH_TINY}}, {{T}}(e + {{SPH_SCALE}})); }
    if (abs(v) < {{SPH_TINY}} && v != 0.0) { return vec2<{{T}}>(v * {{SPH_BIG}}, {{T}}(e - {{SPH_SCALE}})); }
    return vec2<{{T}}>(v, {{T}}(e));
}

// One step j (1-based, none past n): j ≤ k multiplies (G/sinᵏθ)² by (n + j)(n + 1 − j)/(4j²);
// later ones take the recurrence for u_j (in the differences w near the poles, else w is
// u_(j−1)).
fn sph_step_{{T}}(g: ptr<function, {{T}}>, eg: ptr<function, i32>, u: ptr<function, {{T}}>, w: ptr<function, {{T}}>,
                  eu: ptr<function, i32>, j: u32, n: u32, k: u32, near: bool, x: {{T}}, t: {{T}}) {
    if (j > n) { return; }
    let jf = {{T}}(j);
    let nf = {{T}}(n);
    let kf = {{T}}(k);
    if (j <= k) {
        let r = sph_norm_{{T}}(*g * ((nf + jf) * (nf + 1.0 - jf) / (4.0 * jf * jf)), *eg);
        *g = r.x;
        *eg = i32(r.y);
        return;
    }
    let a = (2.0 * jf - 1.0) / (jf + kf);
    let b = (jf - 1.0 - kf) / (jf + kf);
    if (near) {
        *w = b * *w - a * t * *u;
        *u = *u + *w;
    } else {
        let next = a * x * *u - b * *w;
        *w = *u;
        *u = next;
    }
    if (abs(*u) < {{SPH_TINY}} && abs(*w) < {{SPH_TINY}}) {
        *u = *u * {{SPH_BIG}};
        *w = *w * {{SPH_BIG}};
        *eu = *eu - {{SPH_SCALE}};
    }
}

// sᵏ = f·2^e (0 < s ≤ 1) by binary powering, each product brought back in range.
fn sph_pow_{{T}}(s: {{T}}, k: u32) -> vec2<{{T}}> {
    var b = s;
    var eb = 0;
    for (var i = 0; i < 4 && b < {{SPH_TINY}}; i++) {
        b = b * {{SPH_BIG}};
        eb -= {{SPH_SCALE}};
    }
    var f: {{T}} = 1.0;
    var e = 0;
    var kk = k;
    for (var i = 0; i < 20 && kk > 0u; i++) {
        if ((kk & 1u) == 1u) {
            let r = sph_norm_{{T}}(f * b, e + eb);
            f = r.x;
            e = i32(r.y);
        }
        kk = kk >> 1u;
        if (kk > 0u) {
            let r = sph_norm_{{T}}(b * b, 2 * eb);
            b = r.x;
            eb = i32(r.y);
        }
    }
    return vec2<{{T}}>(f, {{T}}(e));
}

fn math_sph_legendre_p_{{T}}(n: {{T}}, m: {{T}}, theta: {{T}}) -> {{T}} {
    if (nan_{{T}}(n) || nan_{{T}}(m) || nan_{{T}}(theta) || n != floor(n) || m != floor(m) || abs(theta) > {{T_MAX}}) {
        return qnan_{{T}}();
    }
    if (n < 0.0 || abs(m) > n) { return 0.0; }
    if (n > 262144.0) { return qnan_{{T}}(); }
    let nu = u32(n);
    let k = u32(abs(m));
    let sc = sincos_{{T}}(theta);
    let s = abs(sc.x);
    let c = sc.y;
    let x = abs(c);
    if (s == 0.0 && k > 0u) { return 0.0; }
    let near = x >= 0.5;
    let t = s * s / (1.0 + x);
    var g: {{T}} = 1.0;
    var eg = 0;
    var u: {{T}} = 1.0;
    var w: {{T}} = 0.0;
    var eu = 0;
    // n steps, 8 a pass: 2^18 take 32,768 passes, under llvmpipe's cap of 65,535.
    for (var j = 1u; j <= nu; j += 8u) {
        sph_step_{{T}}(&g, &eg, &u, &w, &eu, j, nu, k, near, x, t);
        sph_step_{{T}}(&g, &eg, &u, &w, &eu, j + 1u, nu, k, near, x, t);
        sph_step_{{T}}(&g, &eg, &u, &w, &eu, j + 2u, nu, k, near, x, t);
        sph_step_{{T}}(&g, &eg, &u, &w, &eu, j + 3u, nu, k, near, x, t);
        sph_step_{{T}}(&g, &eg, &u, &w, &eu, j + 4u, nu, k, near, x, t);
        sph_step_{{T}}(&g, &eg, &u, &w, &eu, j + 5u, nu, k, near, x, t);
        sph_step_{{T}}(&g, &eg, &u, &w, &eu, j + 6u, nu, k, near, x, t);
        sph_step_{{T}}(&g, &eg, &u, &w, &eu, j + 7u, nu, k, near, x, t);
    }
    g = sqrt(g);
    var e = eg / 2;
    if (k > 0u && near) {
        let p = sph_pow_{{T}}(s, k);
        let r = sph_norm_{{T}}(g * p.x, e + i32(p.y));
        g = r.x;
        e = i32(r.y);
    } else if (k > 0u) {
        let l = 0.5 * {{T}}(k) * math_ln_1p_{{T}}(-c * c);
        let big = floor(l / {{LN2_A}});
        g = g * exp_{{T}}(l - big * {{LN2_A}} - big * {{LN2_B}});
        e += i32(big);
    }
    let r = sph_norm_{{T}}(g * u, e + eu);
    let total = clamp(i32(r.y), -4000, 4000);
    let half = total / 2;
    let v = ldexp(ldexp(sqrt((2.0 * n + 1.0) / (4.0 * 3.14159265358979311600e+00)) * r.x, half), total - half);
    let flip = (m > 0.0 && (k & 1u) == 1u) != (c < 0.0 && ((nu + k) & 1u) == 1u);
    return select(v, -v, flip);
}
