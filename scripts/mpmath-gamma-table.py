#!/usr/bin/env python3
"""Writes the tables tests/special.rs checks against: tests/data/gamma_digamma_mpmath.txt
(Γ, ψ), beta_mpmath.txt (ln|B(a, b)|, B), bessel_mpmath.txt (e^−|x|·I0, I1, e^−|x|·I1),
erfcx_mpmath.txt (e^(x²)·erfc(x)), zeta_mpmath.txt (Hurwitz ζ(x, q), ψ⁽ⁿ⁾(x)),
ellip_mpmath.txt (K(m), K(1 − p)), gammainc_mpmath.txt (P(a, x), Q(a, x)),
expint_mpmath.txt (E₁, Ei), expn_mpmath.txt (E_n), besselk_mpmath.txt (K0, K1 and
their scaled forms), gammaincinv_mpmath.txt (the roots of P and Q in x) and
besselj_mpmath.txt (J0, J1, Y0, Y1 with their condition numbers), ellipe_mpmath.txt
(E(m)), spence_mpmath.txt (Li₂(1 − x)), yn_mpmath.txt (Y_n(x) with its condition
number), spherical_yn_mpmath.txt (y_n(x), y_n′(x) with theirs) and
riemann_zeta_mpmath.txt (ζ(x), ζ(x) − 1 with theirs), convenience_mpmath.txt (10^x and
the trigonometric functions of degrees), ndtri_exp_mpmath.txt (the inverse of ln ndtr
with its κ), lambertw_mpmath.txt (the real branches of Lambert's W with theirs),
poch_mpmath.txt (the Pochhammer symbol), binom_mpmath.txt (the binomial coefficient),
betainc_mpmath.txt (the incomplete beta function), stdtr_fdtr_mpmath.txt (Student's t
and the F distribution functions), betaincinv_mpmath.txt (the roots of I and 1 − I in x)
sici_mpmath.txt (Si, Ci, Shi, Chi) and kolmogorov_mpmath.txt (Kolmogorov's survival
function and its inverse), each with its κ, by
mpmath at 250 bits (B at 2,400; ζ, P and Q at more), rounded to
f64. Not run by CI (the tables are committed); needs `pip install mpmath numpy`. About
half of the inputs (a third of B's) are f32 values, so that the f32 kernels are checked
against the true values too. Each table draws from the generator after the ones before
it, so adding one leaves the others as they are."""
import mpmath as mp
import numpy as np

mp.mp.prec = 250
rng = np.random.default_rng(20261204)


def caster(f32):
    """Rounds a drawn value to f32 (as a Python float) or keeps it."""
    return (lambda v: float(np.float32(v))) if f32 else float


def points(lo, hi, n, f32):
    return [caster(f32)(x) for x in rng.uniform(lo, hi, n)]


def log_uniform(gen):
    """`logu(lo, hi, n)`: n values spread evenly in log from lo to hi, drawn from `gen`."""
    return lambda lo, hi, n: np.exp(gen.uniform(np.log(lo), np.log(hi), n))


def at_250_and_400(fn, at):
    """fn() (f64 values) at 250 and at 400 bits, which must agree; `at` names the point."""
    vs = []
    for prec in (250, 400):
        with mp.workprec(prec):
            vs.append(fn())
    assert vs[0] == vs[1], (at, vs)
    return vs[0]


def write_pair_table(path, header, rows, skip, value, kappa):
    """Writes `a b value kappa` for each (a, b) of `rows` but those `skip(a, b)` names:
    value(a, b) at 250 and 400 bits (which must agree), kappa(a, b) at 600 (free of the
    cancellations a condition number has near where it vanishes); values outside f64's
    normal range are left out."""
    with open(path, "w") as out:
        out.write(header)
        for a, b in sorted(set(rows)):
            if skip(a, b):
                continue
            v = at_250_and_400(lambda: float(value(mp.mpf(a), mp.mpf(b))), (a, b))
            with mp.workprec(600):
                k = float(kappa(mp.mpf(a), mp.mpf(b)))
            if v == 0 or abs(v) >= 1.7976931348623157e308 or abs(v) < 2.2250738585072014e-308:
                continue
            out.write("%r %r %r %r\n" % (a, b, v, k))


def pick(fn, xs):
    rows = []
    for x in sorted(set(xs)):
        try:
            v = fn(mp.mpf(x))
        except ValueError:  # a pole
            continue
        rows.append((x, float(v)))
    return rows


gamma_x = []
for f32 in (False, True):
    top, bottom = (35.0, -45.0) if f32 else (171.6, -185.0)
    gamma_x += points(-6.0, 6.0, 400, f32) + points(bottom, top, 400, f32) + points(-1e-3, 1e-3, 50, f32)
gamma_x += [2.0 ** -k for k in range(1, 1000, 37)] + [-(2.0 ** -k) for k in range(1, 1000, 37)]
digamma_x = []
for f32 in (False, True):
    digamma_x += points(-12.0, 12.0, 500, f32) + points(1.3, 1.6, 150, f32) + points(-200.0, 200.0, 150, f32)
    digamma_x += [float(np.float32(x)) if f32 else float(x) for x in np.exp(rng.uniform(0.0, 80.0 if f32 else 690.0, 100))]
digamma_x += [2.0 ** -k for k in range(1, 1000, 37)] + [-(2.0 ** -k) for k in range(1, 1000, 37)]

with open("tests/data/gamma_digamma_mpmath.txt", "w") as out:
    out.write("# op x value: mpmath 1.4 at 250 bits, rounded to f64 (scripts/mpmath-gamma-table.py)\n")
    for x, v in pick(mp.gamma, gamma_x):
        out.write("gamma %r %r\n" % (x, v))
    for x, v in pick(mp.digamma, digamma_x):
        out.write("digamma %r %r\n" % (x, v))

# B(a, b) and ln|B(a, b)| for tests/special.rs' beta checks.
pairs = []
for f32 in (False, True):
    cast = caster(f32)
    k = 1 if f32 else 2
    pairs += [(cast(a), cast(b)) for a, b in np.exp(rng.uniform(np.log(1e-3), np.log(1e4), (300 * k, 2)))]
    pairs += [(cast(a), cast(b)) for a, b in zip(rng.uniform(0.01, 20, 150 * k), np.exp(rng.uniform(np.log(150), np.log(1e8), 150 * k)))]
    pairs += [(cast(a), cast(b)) for a, b in np.exp(rng.uniform(np.log(10), np.log(1e6), (100 * k, 2)))]
    pairs += [(cast(a), cast(b)) for a, b in zip(rng.uniform(-20, 0, 100 * k), rng.uniform(0.5, 30, 100 * k))]
pairs += [(1e-300, 1.0), (1e-310, 2.5), (0.5, 0.5), (1.0, 1.0), (2.0, 3.0), (200.0, 300.0), (0.5, 1e300), (1e300, 1e300), (2.0, -1.5)]
# Negative a near Γ's reach with small b, where Γ(a + b) is tiny (1e-307; f32 1e-38).
pairs += [(-170.5, 0.001), (-170.3, 0.05), (-169.7, 0.3), (-170.9, 0.3), (-165.3, 1.5), (-150.3, 0.05), (-100.25, 0.001)]
pairs += [(caster(True)(a), caster(True)(b)) for a, b in [(-33.80257, 0.0126), (-33.5, 0.001), (-30.2, 0.01), (-33.9, 0.3), (-32.5, 1.25)]]
# Negative a past the reach with a + b <= −9 (the reflection branch; the plain sum of ln Γs
# cancelled there), b small, large or negative.
pairs += [(-209.1, 0.4), (-300.25, 0.5), (-500.5, 3.25), (-1000.3, 990.1), (-250.7, -30.2), (-180.5, 7.0), (-10000.5, 0.125)]
pairs += [(caster(True)(a), caster(True)(b)) for a, b in [(-165.25, 1.5), (-50.5, 0.25), (-100.75, 2.5), (-40.25, -20.5), (-35.5, 0.001), (-60.125, 30.5)]]
# Negative a past the reach with a + b > −9 (Γ(a) reflected alone; the plain sum cancelled:
# 47,000 ulp at (−20000.25, 20000.75)), and f32's series with a negative a past its reach.
pairs += [(-20000.25, 20000.75), (-5000.5, 5001.0), (-180.3, 180.8), (-500.25, 502.5), (-1000.5, 1051.0), (-200.75, 401.25), (-0.5, 1000.75), (-3.7, 204.2)]
pairs += [(caster(True)(a), caster(True)(b)) for a, b in [(-40.25, 41.5), (-100.5, 150.75), (-300.25, 305.5), (-60.75, 60.5), (-0.5, 40.25)]]
with open("tests/data/beta_mpmath.txt", "w") as out:
    out.write("# a b betaln beta: mpmath 1.4 at 250 bits, rounded to f64 (scripts/mpmath-gamma-table.py)\n")
    for a, b in pairs:
        # a + b must be exact in the working precision (mpmath rounds it): 1e300 + 0.5
        # needs ~1000 bits more.
        try:
            with mp.workprec(2400):
                v = mp.beta(mp.mpf(a), mp.mpf(b))
        except (ValueError, ZeroDivisionError):
            continue
        if v == 0:
            continue
        out.write("%r %r %r %r\n" % (a, b, float(mp.log(abs(v))), float(v)))

# e^−|x|·I0(x), I1(x) and e^−|x|·I1(x) for tests/special.rs (the files above are
# untouched by this: it draws from the generator after them).
bessel_x = []
for f32 in (False, True):
    cast = caster(f32)
    top = 91.0 if f32 else 713.9
    bessel_x += [cast(v) for v in rng.uniform(-30, 30, 300)] + [cast(v) for v in rng.uniform(7.5, 8.5, 50)]
    bessel_x += [cast(v) for v in rng.uniform(30, top, 100)] + [cast(v) for v in np.exp(rng.uniform(0, 80, 50))]
bessel_x += [0.0, 1e-300, 1e-20, 1e-8, 8.0, 1e300]
with open("tests/data/bessel_mpmath.txt", "w") as out:
    out.write("# x i0e i1 i1e: mpmath 1.4 at 250 bits, rounded to f64 (scripts/mpmath-gamma-table.py)\n")
    for x in sorted(set(bessel_x)):
        m = mp.mpf(x)
        i1 = mp.besseli(1, m)
        out.write("%r %r %r %r\n" % (x, float(mp.besseli(0, m) * mp.exp(-abs(m))), float(i1), float(i1 * mp.exp(-abs(m)))))

# e^(x²)·erfc(x) for tests/special.rs.
erfcx_x = []
for f32 in (False, True):
    cast = caster(f32)
    bottom = -9.0 if f32 else -26.5
    erfcx_x += [cast(v) for v in rng.uniform(bottom, 30, 400)] + [cast(v) for v in rng.uniform(1.0, 3.0, 50)]
    erfcx_x += [cast(v) for v in np.exp(rng.uniform(np.log(28.0), np.log(1e30 if f32 else 1e300), 60))]
erfcx_x += [0.0, 1e-300, -1e-300, 1.25, -1.25, 28.0]
with open("tests/data/erfcx_mpmath.txt", "w") as out:
    out.write("# x erfcx: mpmath 1.4 at 250 bits, rounded to f64 (scripts/mpmath-gamma-table.py)\n")
    for x in sorted(set(erfcx_x)):
        m = mp.mpf(x)
        if x > 1e6:  # mpmath's erfc cannot take these; the series is exact to 1e-48 here
            v = (1 - 1 / (2 * m * m) + 3 / (4 * m**4) - 15 / (8 * m**6)) / (m * mp.sqrt(mp.pi))
        else:
            v = mp.exp(m * m) * mp.erfc(m)
        out.write("%r %r\n" % (x, float(v)))

# Hurwitz ζ(x, q) and ψ⁽ⁿ⁾(x) for tests/special.rs.
zeta_xq = []
for f32 in (False, True):
    cast = caster(f32)
    def pairs_of(xs, qs):
        return [(cast(x), cast(q)) for x, q in zip(xs, qs)]
    n = 150
    zeta_xq += pairs_of(np.exp(rng.uniform(np.log(1.01), np.log(200), n)), np.exp(rng.uniform(np.log(1e-3), np.log(1e4), n)))
    zeta_xq += pairs_of(1 + np.exp(rng.uniform(np.log(1e-7), np.log(1e-2), 50)), rng.uniform(0.01, 10, 50))
    xs = np.exp(rng.uniform(np.log(50), np.log(1e4), 100))
    zeta_xq += pairs_of(xs, xs * rng.uniform(0.05, 2.0, 100))  # where the sum and the tail meet
    zeta_xq += pairs_of(rng.uniform(1.01, 6, 50), np.exp(rng.uniform(np.log(1e4), np.log(1e12), 50)))
    zeta_xq += pairs_of(rng.uniform(1.001, 4, 50), np.exp(rng.uniform(np.log(1e-30), np.log(1e-3), 50)))
    zeta_xq += pairs_of(rng.integers(2, 31, 100), rng.uniform(-40, 0, 100))
# The ends: x within 2^-52 of the pole, x up to 1e15, q from 1e-300 to 1e300.
zeta_xq += [(1 + 2.0**-k, q) for k in (20, 30, 40, 52) for q in (1e-300, 1e-10, 0.5, 1.0, 7.3, 1e5, 1e15, 1e300)]
zeta_xq += [(x, q) for x in (1e3, 1e5, 1e10, 1e15) for q in (0.999, 1.0, 1.0000001, 2.0, 700.0, 1e5, 6e9, 1e16)]
zeta_xq += [(2.0, 1.0), (3.0, 1.0), (1.5, 1e300), (2.0, 1e-300), (1.0000001, 1.0), (50.0, 0.25), (3.0, -1.5), (3.0, -1e-20), (4.0, -2.5), (1.1, 1e-300)]
poly_nx = [(float(k), float(x)) for k, x in zip(rng.integers(0, 25, 400), rng.uniform(-15, 40, 400))]
poly_nx += [(float(k), float(x)) for k, x in zip(rng.integers(1, 6, 100), np.exp(rng.uniform(np.log(1e-5), np.log(1e6), 100)))]
poly_nx += [(float(k), float(np.float32(x))) for k, x in zip(rng.integers(0, 12, 200), rng.uniform(-8, 30, 200))]


def agreed(fn):
    """fn() at precisions from 400 bits up until two agree to 2^-80: mpmath's zeta at
    250 bits was 7e-14 off at (23.1185, 4415.5), where the Euler–Maclaurin sum at 250
    bits and zeta at 600 agree."""
    prec, last = 400, None
    while True:
        with mp.workprec(prec):
            v = fn()
        if last is not None and abs(v - last) <= abs(v) * mp.mpf(2) ** -80:
            return v
        prec, last = prec * 2, v


with open("tests/data/zeta_mpmath.txt", "w") as out:
    out.write("# op a b value: zeta x q, polygamma n x; mpmath 1.4 at 250 bits (ζ, ψ⁽ⁿ⁾ at 400 and more, until two precisions agree), rounded to f64 (scripts/mpmath-gamma-table.py)\n")
    for x, q in sorted(set(zeta_xq)):
        if q <= 0 and q == int(q):
            continue
        v = float(agreed(lambda: mp.zeta(mp.mpf(x), mp.mpf(q))))
        if v != 0 and 1e-300 < abs(v) < 1e300:
            out.write("zeta %r %r %r\n" % (x, q, v))
    for k, x in sorted(set(poly_nx)):
        if x <= 0 and x == int(x):
            continue
        v = float(agreed(lambda: mp.polygamma(int(k), mp.mpf(x))))
        if v != 0 and 1e-300 < abs(v) < 1e300:
            out.write("polygamma %r %r %r\n" % (k, x, v))

# K(m) and K(1 − p) (SciPy's ellipk, ellipkm1) for tests/special.rs, with 1 − p carried
# at enough precision to hold p.
ellip_rows = []
for f32 in (False, True):
    cast = caster(f32)
    top = 3e38 if f32 else 1e300
    bottom = 1e-38 if f32 else 1e-300
    ellip_rows += [("ellipkm1", cast(p)) for p in np.exp(rng.uniform(np.log(bottom), np.log(top), 300))]
    ellip_rows += [("ellipk", cast(m)) for m in rng.uniform(-10, 1, 300)]
    ellip_rows += [("ellipk", cast(-m)) for m in np.exp(rng.uniform(np.log(10), np.log(top), 100))]
ellip_rows += [("ellipk", 1 - 2.0**-k) for k in range(1, 53)] + [("ellipk", 0.0), ("ellipk", 0.5), ("ellipkm1", 1.0)]
with open("tests/data/ellip_mpmath.txt", "w") as out:
    out.write("# op arg value: ellipk m, ellipkm1 p (K(1 − p)); mpmath 1.4, rounded to f64 (scripts/mpmath-gamma-table.py)\n")
    for op, v in sorted(set(ellip_rows)):
        if op == "ellipk" and v >= 1:
            continue
        with mp.workprec(400 + 1100):
            m = mp.mpf(v) if op == "ellipk" else 1 - mp.mpf(v)
            k = mp.ellipk(m)
        out.write("%s %r %r\n" % (op, v, float(k)))

# P(a, x) and Q(a, x) (SciPy's gammainc, gammaincc) for tests/special.rs, through every
# method's region: the series, the continued fraction, Q's small-x series, Temme's
# expansion near x = a, and a from 1e-300 to 1e15.
inc_ax = []
for f32 in (False, True):
    cast = caster(f32)
    k = 1 if f32 else 2
    logu = log_uniform(rng)
    inc_ax += [(cast(a), cast(x)) for a, x in zip(logu(1e-3, 1e3, 300 * k), logu(1e-3, 1e3, 300 * k))]
    a = logu(1.0, 1e6, 150 * k)
    inc_ax += [(cast(a), cast(x)) for a, x in zip(a, a * np.abs(1 + 3 * rng.standard_normal(150 * k) / np.sqrt(a)))]
    a = rng.uniform(10, 40, 75 * k)
    inc_ax += [(cast(a), cast(x)) for a, x in zip(a, a * rng.uniform(0.6, 1.4, 75 * k))]
    a = logu(1e6, 3e15 if not f32 else 1e12, 50 * k)
    inc_ax += [(cast(a), cast(x)) for a, x in zip(a, a * (1 + 6 * rng.standard_normal(50 * k) / np.sqrt(a)))]
    inc_ax += [(cast(a), cast(x)) for a, x in zip(logu(1e-300 if not f32 else 1e-37, 1e-3, 50 * k), logu(1e-3, 10, 50 * k))]
    inc_ax += [(cast(a), cast(x)) for a, x in zip(rng.uniform(0, 2, 100 * k), rng.uniform(0, 1.1, 100 * k))]
    inc_ax += [(cast(a), cast(x)) for a, x in zip(rng.uniform(0.5, 30, 50 * k), logu(30, 800, 50 * k))]
inc_ax += [(1.0, 700.0), (1.0, 745.0), (3.0, 2.5), (100.0, 90.0), (1000.0, 1100.0), (1e-3, 1e-3), (0.5, 2.0), (1e-300, 1.0), (20.0, 20.0), (1e10, 1e10)]


def inc(a, x, upper):
    """mpmath's gammainc; from a = 1e5, where its series does not converge, the integral
    of t^(a−1)·e^−t/Γ(a) by quadrature, split at a and steps of √a around it."""
    a, x = mp.mpf(a), mp.mpf(x)
    if a < 1e5:
        return mp.gammainc(a, x, mp.inf, regularized=True) if upper else mp.gammainc(a, 0, x, regularized=True)
    lg = mp.loggamma(a)
    w = mp.sqrt(a)
    if upper:
        cuts = [x] + [p for p in (a, a + w, a + 4 * w, a + 16 * w, a + 64 * w) if p > x]
        cuts = cuts + [cuts[-1] + 64 * w, mp.inf]
    else:
        cuts = [0] + [p for p in (a - 64 * w, a - 16 * w, a - 4 * w, a - w, a) if 0 < p < x] + [x]
    return mp.quad(lambda t: mp.exp((a - 1) * mp.log(t) - t - lg), cuts)


with open("tests/data/gammainc_mpmath.txt", "w") as out:
    out.write("# a x P Q: mpmath 1.4 at 400 bits and more (until two precisions agree), rounded to f64 (scripts/mpmath-gamma-table.py)\n")
    for a, x in sorted(set(inc_ax)):
        if a <= 0 or x <= 0:
            continue
        p = float(agreed(lambda: inc(a, x, False)))
        q = float(agreed(lambda: inc(a, x, True)))
        out.write("%r %r %r %r\n" % (a, x, p, q))

# E₁(x) and Ei(x) (SciPy's exp1, expi) for tests/special.rs: both over their whole
# range, through the switches of their methods (½ for E₁, 50 for Ei), and Ei through
# its root x₀ = 0.37250741…, where γ + ln x and the series cancel, to within 1e-15 of
# it. Its own generator, so that this table can be rebuilt alone.
rng_ei = np.random.default_rng(20261205)
ei_rows = []
x0 = float(mp.findroot(mp.ei, 0.37))
for f32 in (False, True):
    cast = caster(f32)
    tiny, e1_top, ei_top = (1e-38, 88.0, 93.0) if f32 else (1e-300, 745.0, 717.0)
    logu = log_uniform(rng_ei)
    ei_rows += [("exp1", cast(x)) for x in logu(tiny, e1_top, 300)]
    ei_rows += [("exp1", cast(x)) for x in rng_ei.uniform(0, 3, 200)]
    ei_rows += [("exp1", cast(x)) for x in rng_ei.uniform(0.45, 0.55, 50)]
    ei_rows += [("expi", cast(x)) for x in logu(tiny, ei_top, 300)]
    ei_rows += [("expi", cast(x)) for x in rng_ei.uniform(0, 60, 300)]
    ei_rows += [("expi", cast(x)) for x in rng_ei.uniform(45, 55, 50)]
    ei_rows += [("expi", cast(x)) for x in rng_ei.uniform(0.3, 0.45, 100)]
    ei_rows += [("expi", cast(x0 + d)) for d in logu(1e-15, 1e-2, 50)]
    ei_rows += [("expi", cast(x0 - d)) for d in logu(1e-15, 1e-2, 50)]
    ei_rows += [("expi", -cast(x)) for x in logu(tiny, e1_top, 100)]
ei_rows += [("expi", x0), ("expi", float(np.nextafter(x0, 1))), ("expi", float(np.nextafter(x0, 0))), ("expi", float(np.float32(x0)))]
ei_rows += [("exp1", 0.5), ("exp1", 1.0), ("expi", 50.0), ("expi", 1.0), ("expi", 700.0), ("expi", 716.0)]
with open("tests/data/expint_mpmath.txt", "w") as out:
    out.write("# op x value: exp1 E₁(x), expi Ei(x); mpmath 1.4 at 400 bits and more (until two precisions agree), rounded to f64 (scripts/mpmath-gamma-table.py)\n")
    for op, x in sorted(set(ei_rows)):
        if x == 0 or (op == "exp1" and x < 0):
            continue
        fn = mp.e1 if op == "exp1" else mp.ei
        v = float(agreed(lambda: fn(mp.mpf(x))))
        if v != 0 and abs(v) < 1.7976931348623157e308:
            out.write("%s %r %r\n" % (op, x, v))

# E_n(x) (SciPy's expn) for tests/special.rs: n from 0 to 10⁶, x over E_n's range and
# through the switch at ½ between its series and its continued fraction.
expn_rows = []
for f32 in (False, True):
    cast = caster(f32)
    tiny, top = (1e-38, 100.0) if f32 else (1e-300, 740.0)
    logu = log_uniform(rng_ei)
    for n in (0, 1, 2, 3, 4, 5, 7, 10, 20, 50, 100, 1000, 10**6):
        expn_rows += [(n, cast(x)) for x in logu(tiny, top, 20)]
        expn_rows += [(n, cast(x)) for x in rng_ei.uniform(0, 3, 20)]
        expn_rows += [(n, cast(x)) for x in rng_ei.uniform(0.45, 0.55, 6)]
with open("tests/data/expn_mpmath.txt", "w") as out:
    out.write("# n x value: E_n(x); mpmath 1.4 at 400 bits and more (until two precisions agree), rounded to f64 (scripts/mpmath-gamma-table.py)\n")
    for n, x in sorted(set(expn_rows)):
        if x == 0:
            continue
        v = float(agreed(lambda: mp.expint(n, mp.mpf(x))))
        if v != 0 and abs(v) < 1.7976931348623157e308:
            out.write("%d %r %r\n" % (n, x, v))

# K0(x), e^x·K0(x), K1(x), e^x·K1(x) (SciPy's k0, k0e, k1, k1e) for tests/special.rs: x
# from 1e-300 to 745 and 1e6 for the scaled forms, through the switch at 1 between the
# power series and the Chebyshev series, through 2e^−γ = 1.12 (where ln(x/2) + γ changes
# sign) and where e^−x is taken in halves (past 700). Its own generator.
rng_k = np.random.default_rng(20261206)
k_rows = []
for f32 in (False, True):
    cast = caster(f32)
    tiny, top = (1e-38, 90.0) if f32 else (1e-300, 745.0)
    logu = log_uniform(rng_k)
    for op in ("k0", "k0e", "k1", "k1e"):
        k_rows += [(op, cast(x)) for x in logu(tiny, top, 100)]
        k_rows += [(op, cast(x)) for x in rng_k.uniform(0, 3, 150)]
        k_rows += [(op, cast(x)) for x in rng_k.uniform(0.9, 1.3, 50)]
        k_rows += [(op, cast(x)) for x in rng_k.uniform(3, 60, 50)]
        k_rows += [(op, cast(x)) for x in (rng_k.uniform(690, 712, 30) if not f32 else rng_k.uniform(60, 90, 30))]
        if op.endswith("e"):
            k_rows += [(op, cast(x)) for x in logu(1, 1e6, 30)]
for op in ("k0", "k0e", "k1", "k1e"):
    k_rows += [(op, 1.0), (op, 2.0), (op, 1e-300), (op, 700.0), (op, 705.0)]
with open("tests/data/besselk_mpmath.txt", "w") as out:
    out.write("# op x value: k0 K0(x), k0e e^x·K0(x), k1 K1(x), k1e e^x·K1(x); mpmath 1.4 at 250 bits, rounded to f64 (scripts/mpmath-gamma-table.py)\n")
    for op, x in sorted(set(k_rows)):
        if x <= 0:
            continue
        m = mp.mpf(x)
        v = mp.besselk(0 if op.startswith("k0") else 1, m)
        v = float(v * mp.exp(m) if op.endswith("e") else v)
        if v != 0 and abs(v) < 1.7976931348623157e308:
            out.write("%s %r %r\n" % (op, x, v))

# The inverses of P and Q in x (SciPy's gammaincinv, gammainccinv) for tests/special.rs:
# a from 1e-3 to 1e4, y through (0, 1) and down to 1e-300 at each end, each root by
# Newton's method at 200 bits from SciPy's answer (bisection on ln x where SciPy's is
# not within 1e-3), with its condition number t/(x·x^(a−1)e^−x/Γ(a)) for the smaller
# tail t that fixes it. Its own generator.
rng_inv = np.random.default_rng(20261207)
mp.mp.prec = 200


def tail(a, x, upper):
    return mp.gammainc(a, x, mp.inf, regularized=True) if upper else mp.gammainc(a, 0, x, regularized=True)


def inverse(a, y, upper):
    """x with P(a, x) = y (Q when upper), and its condition number."""
    import scipy.special as sc
    a_m, y_m = mp.mpf(a), mp.mpf(y)
    density = lambda x: mp.exp((a_m - 1) * mp.log(x) - x - mp.loggamma(a_m))
    x = mp.mpf(float((sc.gammainccinv if upper else sc.gammaincinv)(a, y)))
    good = x > 0 and mp.isfinite(x) and abs(tail(a_m, x, upper) / y_m - 1) < 1e-3 * max(1, y_m / (x * density(x)))
    if not good:
        lo, hi = mp.mpf(10) ** -320, mp.mpf(10) ** 7
        for _ in range(3000):
            mid = mp.sqrt(lo * hi)
            if (tail(a_m, mid, upper) < y_m) != upper:
                lo = mid
            else:
                hi = mid
            if hi / lo - 1 < mp.mpf(10) ** -10:
                break
        x = mp.sqrt(lo * hi)
    for _ in range(40):
        step = (tail(a_m, x, upper) - y_m) / density(x) * (-1 if upper else 1)
        if x - step <= 0:  # overshot: P is a power of x below its root
            step = 0.75 * x
        x -= step
        if abs(step) < x * mp.mpf(10) ** -40:
            break
    t = min(y_m, 1 - y_m)
    return x, t / (x * density(x))


inv_rows = []
for f32 in (False, True):
    cast = caster(f32)
    tiny = 1e-37 if f32 else 1e-300
    logu = log_uniform(rng_inv)
    for op in ("gammaincinv", "gammainccinv"):
        a_s = [cast(v) for v in logu(1e-3, 1e4, 120)]
        ys = [cast(v) for v in rng_inv.uniform(0, 1, 40)] + [cast(v) for v in logu(tiny, 0.5, 40)]
        ys += [cast(1 - v) for v in logu(1e-15 if not f32 else 1e-7, 0.5, 40)]
        inv_rows += [(op, a, y) for a, y in zip(a_s, ys)]
inv_rows += [("gammaincinv", 2.0, 0.5), ("gammainccinv", 2.0, 1e-300), ("gammaincinv", 0.5, 1e-10), ("gammaincinv", 100.0, 0.975)]
with open("tests/data/gammaincinv_mpmath.txt", "w") as out:
    out.write("# op a y x kappa: gammaincinv x with P(a, x) = y, gammainccinv Q(a, x) = y; kappa = t/(x·P'(x)) for t = min(y, 1 − y); mpmath 1.4 at 200 bits, rounded to f64 (scripts/mpmath-gamma-table.py)\n")
    for op, a, y in sorted(set(inv_rows)):
        if not 0 < y < 1:
            continue
        x, kappa = inverse(a, y, op == "gammainccinv")
        xf = float(x)
        if xf != 0 and xf < 1.7976931348623157e308:
            out.write("%s %r %r %r %.3g\n" % (op, a, y, xf, float(kappa)))

# J0, J1, Y0, Y1 (SciPy's j0, j1, y0, y1) for tests/special.rs, with each point's condition
# number κ = |x·f′(x)/f(x)|: x from 1e-300 to 1e300, both sides of the switch at 2 and
# of the four ranges of the asymptotic form's fits (8, 4.55, 2.86), within 1e-15 to 1e-3
# (relatively) of the first 30 zeros of each, and x < 0 for J0 and J1. Its own generator.
rng_j = np.random.default_rng(20261208)
j_rows = []
for f32 in (False, True):
    cast = caster(f32)
    tiny, huge = (1e-38, 1e38) if f32 else (1e-300, 1e300)
    logu = log_uniform(rng_j)
    for op in ("j0", "j1", "y0", "y1"):
        n, zero = int(op[1]), (mp.besseljzero if op[0] == "j" else mp.besselyzero)
        j_rows += [(op, cast(x)) for x in logu(tiny, 2, 40)]
        j_rows += [(op, cast(x)) for x in rng_j.uniform(0, 2, 60)]
        j_rows += [(op, cast(x)) for x in rng_j.uniform(2, 30, 100)]
        j_rows += [(op, cast(x)) for x in logu(30, 1e8, 40)]
        j_rows += [(op, cast(x)) for x in logu(1e8, huge, 20)]
        if op[0] == "j":
            j_rows += [(op, cast(x)) for x in rng_j.uniform(-30, 0, 30)]
        for k in range(1, 31):
            z = float(zero(n, k))
            j_rows.append((op, cast(z)))
            for d in np.exp(rng_j.uniform(np.log(1e-15), np.log(1e-3), 2)):
                j_rows.append((op, cast(z * (1 + d * rng_j.choice([-1, 1])))))
for op in ("j0", "j1", "y0", "y1"):
    j_rows += [(op, x) for x in (2.0, 8.0, 4.545452117919922, 2.8571414947509766, 1e6, 1e-300)]
with open("tests/data/besselj_mpmath.txt", "w") as out:
    out.write("# op x value kappa: j0 J0(x), j1 J1(x), y0 Y0(x), y1 Y1(x), kappa = |x f'(x)/f(x)|; mpmath 1.4 at 250 bits, rounded to f64 (scripts/mpmath-gamma-table.py)\n")
    for op, x in sorted(set(j_rows)):
        if op[0] == "y" and x <= 0:
            continue
        m = mp.mpf(x)
        fn = mp.besselj if op[0] == "j" else mp.bessely
        v0, v1 = fn(0, m), fn(1, m)
        v, d = (v0, -v1) if op[1] == "0" else (v1, v0 - v1 / m if m != 0 else mp.mpf(0.5))
        if v == 0 or abs(v) >= 1.7976931348623157e308 or abs(v) < 2.2250738585072014e-308:
            continue
        out.write("%s %r %r %r\n" % (op, x, float(v), float(abs(m * d / v))))

# E(m) (SciPy's ellipe) for tests/special.rs: m from −1e300 (f32: −3e38) to 1, near 1
# down to 1 − 2^-52, and through [−10, 1]. Its own generator.
rng_e = np.random.default_rng(20261205)
e_rows = []
for f32 in (False, True):
    cast = caster(f32)
    top, near = (3e38, 1e-7) if f32 else (1e300, 1e-16)
    e_rows += [cast(m) for m in rng_e.uniform(-10, 1, 300)]
    e_rows += [cast(-m) for m in np.exp(rng_e.uniform(np.log(10), np.log(top), 100))]
    e_rows += [cast(1 - p) for p in np.exp(rng_e.uniform(np.log(near), 0, 100))]
e_rows += [1 - 2.0**-k for k in range(1, 53)] + [0.0, 0.5, 1.0, -1.0]
with open("tests/data/ellipe_mpmath.txt", "w") as out:
    out.write("# op m value: ellipe E(m); mpmath 1.4 at 250 bits, rounded to f64 (scripts/mpmath-gamma-table.py)\n")
    for m in sorted(set(e_rows)):
        if m <= 1:
            out.write("ellipe %r %r\n" % (m, float(mp.ellipe(mp.mpf(m)))))

# Spence's function Li₂(1 − x) (SciPy's spence) for tests/special.rs: x from 1e-300 to
# 1e300 (f32: 1e-38 to 3e38), through [0, 4] with the switches at ½ and 2, and within
# 1e-16 to 0.1 of 1, where it vanishes. Taken at 250 and 400 bits, which must agree.
# Its own generator.
rng_s = np.random.default_rng(20261206)
s_rows = []
for f32 in (False, True):
    cast = caster(f32)
    tiny, huge, near = (1e-38, 3e38, 1e-7) if f32 else (1e-300, 1e300, 1e-16)
    s_rows += [cast(x) for x in rng_s.uniform(0, 4, 300)]
    s_rows += [cast(x) for x in np.exp(rng_s.uniform(np.log(tiny), np.log(huge), 200))]
    s_rows += [cast(1 + d * rng_s.choice([-1, 1])) for d in np.exp(rng_s.uniform(np.log(near), np.log(0.1), 100))]
s_rows += [0.5, 2.0, 1.5, float(np.nextafter(0.5, 0)), float(np.nextafter(2.0, 3)), 1.0]
with open("tests/data/spence_mpmath.txt", "w") as out:
    out.write("# op x value: spence Li2(1 - x); mpmath 1.4 at 250 and 400 bits, rounded to f64 (scripts/mpmath-gamma-table.py)\n")
    for x in sorted(set(s_rows)):
        v = at_250_and_400(lambda: float(mp.polylog(2, 1 - mp.mpf(x))), x)
        out.write("spence %r %r\n" % (x, v))

# Y_n(x) (SciPy's yn) for tests/special.rs, with the condition number κ = |x·Y_n′/Y_n|
# (Y_n′ = Y_(n−1) − n/x·Y_n): small n over x from 1e-3 to 1e3; n to 3,000 from x = n/3,
# where Y_n grows past any range, through its turning point x ≈ n into the oscillations;
# x to 1e12; within 1e-15 to 1e-3 of the first zeros of Y_2, Y_7, Y_20 and Y_100; and
# negative n (Y_−n = (−1)^n·Y_n). Taken at 250 and 400 bits, which must agree. Its own
# generator.
rng_y = np.random.default_rng(20261207)
y_rows = []
for f32 in (False, True):
    cast = caster(f32)
    logu = log_uniform(rng_y)
    y_rows += [(int(n), cast(x)) for n, x in zip(rng_y.integers(0, 13, 200), logu(1e-3, 1e3, 200))]
    ns = np.round(logu(10, 3000, 150)).astype(int)
    y_rows += [(int(n), cast(n * t)) for n, t in zip(ns, logu(1 / 3, 30, 150))]
    y_rows += [(int(n), cast(x)) for n, x in zip(rng_y.integers(2, 60, 60), logu(1e3, 1e12, 60))]
    for n in (2, 7, 20, 100):
        for k in range(1, 6):
            z = mp.besselyzero(n, k)
            for d in logu(1e-15, 1e-3, 3):
                y_rows.append((n, cast(z * (1 + d * rng_y.choice([-1, 1])))))
    y_rows += [(-int(n), cast(x)) for n, x in zip(rng_y.integers(1, 40, 40), logu(1e-2, 1e3, 40))]
y_rows += [(n, x) for n in (2, 3, 50) for x in (1e-300, 1e-10, 1.0, 2.0, 1e15)]
with open("tests/data/yn_mpmath.txt", "w") as out:
    out.write("# op n x value kappa: yn Y_n(x), kappa = |x Y_n'(x)/Y_n(x)|; mpmath 1.4 at 250 and 400 bits, rounded to f64 (scripts/mpmath-gamma-table.py)\n")
    for n, x in sorted(set(y_rows)):
        vs = []
        try:
            for prec in (250, 400):
                with mp.workprec(prec):
                    m, k = mp.mpf(x), abs(n)
                    v = mp.bessely(k, m) * (-1) ** (n < 0 and k % 2)
                    d = (mp.bessely(k - 1, m) - k / m * mp.bessely(k, m)) if k else -mp.bessely(1, m)
                    vs.append((float(v), float(abs(m * d / mp.bessely(k, m)))))
        except mp.libmp.NoConvergence:  # mpmath's series, for some n in the thousands near x = n
            continue
        assert vs[0][0] == vs[1][0], (n, x, vs)
        v, kappa = vs[0]
        if v == 0 or abs(v) >= 1.7976931348623157e308 or abs(v) < 2.2250738585072014e-308:
            continue
        out.write("yn %d %r %r %r\n" % (n, x, v, kappa))

# The spherical y_n(x) = (π/(2x))^½·Y_(n+½)(x) and its derivative (SciPy's spherical_yn)
# for tests/special.rs, each with its condition number (y_n″ from Bessel's equation
# x²y″ + 2xy′ + (x² − n(n + 1))y = 0): n from 0 to 300, x from 1e-3 to 1e6, negative x
# (y_n(−x) = (−1)^(n+1)·y_n(x)), and near the first zeros of y_1, y_5 and y_30. Taken at
# 250 and 400 bits, which must agree. Its own generator.
rng_sy = np.random.default_rng(20261208)
sy_rows = []
for f32 in (False, True):
    cast = caster(f32)
    logu = log_uniform(rng_sy)
    sy_rows += [(int(n), cast(x)) for n, x in zip(rng_sy.integers(0, 13, 150), logu(1e-3, 1e3, 150))]
    ns = np.round(logu(10, 300, 80)).astype(int)
    sy_rows += [(int(n), cast(n * t)) for n, t in zip(ns, logu(1 / 3, 30, 80))]
    sy_rows += [(int(n), cast(x)) for n, x in zip(rng_sy.integers(0, 30, 40), logu(1e3, 1e6, 40))]
    sy_rows += [(int(n), -cast(x)) for n, x in zip(rng_sy.integers(0, 20, 40), logu(1e-2, 1e2, 40))]
    for n in (1, 5, 30):
        for k in range(1, 5):
            z = mp.besselyzero(n + mp.mpf(0.5), k)
            for d in logu(1e-15, 1e-3, 3):
                sy_rows.append((n, cast(z * (1 + d * rng_sy.choice([-1, 1])))))
with open("tests/data/spherical_yn_mpmath.txt", "w") as out:
    out.write("# op n x value kappa dvalue dkappa: sphyn y_n(x), kappa = |x y_n'/y_n|, y_n'(x), dkappa = |x y_n''/y_n'|; mpmath 1.4 at 250 and 400 bits, rounded to f64 (scripts/mpmath-gamma-table.py)\n")
    for n, x in sorted(set(sy_rows)):
        vs = []
        for prec in (250, 400):
            with mp.workprec(prec):
                m = mp.mpf(x)
                y = lambda v: mp.sqrt(mp.pi / (2 * abs(m))) * mp.bessely(v + mp.mpf(0.5), abs(m))
                f = lambda j: ((-1) ** (j + 1) if m < 0 else 1) * y(j)  # y_j at m, either sign
                v = f(n)
                d = (f(n - 1) - (n + 1) / m * v) if n else -f(1)
                dd = -2 / m * d - (1 - n * (n + 1) / m**2) * v
                vs.append((float(v), float(abs(m * d / v)), float(d), float(abs(m * dd / d))))
        assert vs[0][0] == vs[1][0] and vs[0][2] == vs[1][2], (n, x, vs)
        v, k, d, dk = vs[0]
        if min(abs(v), abs(d)) < 2.2250738585072014e-308 or max(abs(v), abs(d)) >= 1.7976931348623157e308:
            continue
        out.write("sphyn %d %r %r %r %r %r\n" % (n, x, v, k, d, dk))

# The Riemann ζ(x) and ζ(x) − 1 (SciPy's zeta(x) and zetac) for tests/special.rs, each
# with its condition number κ = |x·ζ′(x)/v|: x through (−1, 1), where the kernels take
# a Taylor series, and down to −400 by reflection (past ζ's overflow near −260; f32:
# −70), within 1e-15 to 1e-3 of the trivial zeros −2, −4, …, −60 (relatively), within
# 1e-16 to 0.1 below the pole at 1, and above 1 to 1e3, where ζ − 1 is about 2^−x.
# Taken at 250 and 400 bits, which must agree. Its own generator.
rng_z = np.random.default_rng(20261209)
z_rows = []
for f32 in (False, True):
    cast = caster(f32)
    logu = log_uniform(rng_z)
    z_rows += [cast(x) for x in rng_z.uniform(-1, 1, 200)]
    z_rows += [-cast(x) for x in logu(1, 70 if f32 else 400, 200)]
    for k in range(1, 31):
        z_rows += [cast(-2 * k * (1 + d * rng_z.choice([-1, 1]))) for d in logu(1e-7 if f32 else 1e-15, 1e-3, 2)]
    z_rows += [cast(1 - d) for d in logu(1e-7 if f32 else 1e-16, 0.1, 30)]
    z_rows += [cast(x) for x in 1 + logu(1e-7 if f32 else 1e-15, 1e3, 100)]
z_rows += [0.0, -1.0, -3.0, -0.5, 0.5, 2.0, 60.0, -2.0 ** -60, 2.0 ** -60]
with open("tests/data/riemann_zeta_mpmath.txt", "w") as out:
    out.write("# op x value kappa: zeta1 zeta(x), zetac zeta(x) - 1, kappa = |x v'(x)/v(x)|; mpmath 1.4 at 250 and 400 bits, rounded to f64 (scripts/mpmath-gamma-table.py)\n")
    for x in sorted(set(z_rows)):
        if x == 1.0:
            continue

        def values():
            m = mp.mpf(x)
            z, d = mp.zeta(m), mp.zeta(m, derivative=1)
            zc = mp.zeta(m, 2) if m > 1 else z - 1  # ζ(x, 2) = ζ(x) − 1 without the cancellation
            return [(float(v), float(abs(m * d / v)) if v else 0.0) for v in (z, zc)]

        for op, (v, kappa) in zip(("zeta1", "zetac"), at_250_and_400(values, x)):
            if v == 0 or abs(v) >= 1.7976931348623157e308 or abs(v) < 2.2250738585072014e-308:
                continue
            out.write("%s %r %r %r\n" % (op, x, v, kappa))

# 10^x and the sine, cosine, tangent and cotangent of x degrees (SciPy's exp10, sindg,
# cosdg, tandg, cotdg) for tests/special.rs: 10^x through the integers (exact up to
# 22) and the whole range to the underflow and the overflow; the angles through
# [−720, 720], at the multiples of 15, within 1e-10 to 1 degree of the multiples of 90,
# from 1e-300 to 1e-3 and from 1e3 to 1e300 (f32: 3e38), x mod 360 taken exactly (at
# 1,200 bits). Its own generator.
rng_c = np.random.default_rng(20261210)
e_rows, d_rows = [], []
for f32 in (False, True):
    cast = caster(f32)
    logu = log_uniform(rng_c)
    lo, hi = (-45.0, 38.5) if f32 else (-323.0, 308.2)
    e_rows += [cast(x) for x in rng_c.uniform(lo, hi, 300)] + [float(n) for n in range(-25, 26)]
    e_rows += [cast(s * x) for s in (-1, 1) for x in logu(1e-20, 1, 40)] + [n + 0.5 for n in range(-12, 12)]
    d_rows += [cast(x) for x in rng_c.uniform(-720, 720, 300)] + [15.0 * k for k in range(-48, 49)]
    d_rows += [cast(90 * k + s * d) for k in range(-4, 5) for s in (-1, 1) for d in logu(1e-5 if f32 else 1e-10, 1, 6)]
    d_rows += [cast(s * x) for s in (-1, 1) for x in logu(1e-38 if f32 else 1e-300, 1e-3, 30)]
    d_rows += [cast(s * x) for s in (-1, 1) for x in logu(1e3, 3e38 if f32 else 1e300, 60)]
with open("tests/data/convenience_mpmath.txt", "w") as out:
    out.write("# op x value: exp10 10^x, sindg/cosdg/tandg/cotdg of x degrees; mpmath 1.4 at 250 bits (x mod 360 at 1,200), rounded to f64 (scripts/mpmath-gamma-table.py)\n")
    for x in sorted(set(e_rows)):
        v = float(mp.power(10, mp.mpf(x)))
        if 0 < v < float("inf"):
            out.write("exp10 %r %r\n" % (x, v))
    for x in sorted(set(d_rows)):
        with mp.workprec(1200):
            r = mp.fmod(mp.mpf(x), 360)
            s, c = mp.sinpi(r / 180), mp.cospi(r / 180)  # exactly 0 at the multiples of 90
        for op, v in (("sindg", s), ("cosdg", c), ("tandg", s / c if c else None), ("cotdg", c / s if s else None)):
            if v is None or v == 0 or abs(v) >= 1.7976931348623157e308:
                continue  # the zeros (exact in the kernels, checked apart) and the poles
            out.write("%s %r %r\n" % (op, x, float(v)))

# The inverse of ln ndtr (SciPy's ndtri_exp) for tests/special.rs, with its condition
# number κ = |y·x′(y)/x| = |y·Φ(x)/(φ(x)·x)|: y through (−ln 2 − 0.1, 0) and within 1e-16
# to 0.1 of −ln 2 (where x crosses 0), from −1e-300 (f32: −1e-38) to −1, through [−800, 0]
# (the switch to the asymptotic root at −708; f32: −87), within 1e-10 of both switches, and
# down to −1e300 (f32: −3e38). Roots by Newton's method at 250 and 400 bits, which must
# agree. Its own generator.
rng_n = np.random.default_rng(20261211)


def ln_ndtr_mp(x):
    """ln Φ(x) and φ(x)/Φ(x); below −1e4 by the series Φ = φ·S/(−x) (mpmath's erfc fails
    near −1e150), which keeps the ratio from the cancellation in e^(−x²/2 − ½ln 2π − ln Φ)."""
    if x < -10000:
        t, term, s = 1 / (x * x), mp.mpf(1), mp.mpf(1)
        for k in range(1, 40):
            term *= -(2 * k - 1) * t
            s += term
        return -x * x / 2 - mp.log(-x) - mp.log(2 * mp.pi) / 2 + mp.log(s), -x / s
    cdf = mp.ncdf(x)
    return (mp.log(cdf) if x < 0 else mp.log1p(-mp.ncdf(-x))), mp.npdf(x) / cdf


def ndtri_exp_mp(y):
    """The root of ln Φ(x) = y by Newton's method, and its κ."""

    def start(ln_p):  # ln Φ(x) = ln_p < ln ½; erfinv only where 2p − 1 keeps its digits
        if ln_p > -20:
            return mp.sqrt(2) * mp.erfinv(2 * mp.exp(ln_p) - 1)
        return -mp.sqrt(-2 * ln_p - mp.log(-4 * mp.pi * ln_p))

    x = -start(mp.log(-mp.expm1(y))) if y > mp.log(mp.mpf(0.5)) else start(y)
    for _ in range(200):
        value, ratio = ln_ndtr_mp(x)
        step = (value - y) / ratio
        x -= step
        if abs(step) <= abs(x) * mp.mpf(2) ** -(mp.mp.prec - 20):
            return x, abs(y / (ratio * x))
    raise ArithmeticError("no convergence at y = %r" % y)


ne_rows = []
for f32 in (False, True):
    cast = caster(f32)
    logu = log_uniform(rng_n)
    cut = 87.0 if f32 else 708.0
    ne_rows += [cast(y) for y in rng_n.uniform(-np.log(2) - 0.1, 0, 100)]
    ne_rows += [cast(-np.log(2) * (1 + s * d)) for s in (-1, 1) for d in logu(1e-7 if f32 else 1e-16, 0.1, 30)]
    ne_rows += [-cast(y) for y in logu(1e-38 if f32 else 1e-300, 1, 100)]
    ne_rows += [cast(y) for y in rng_n.uniform(-800, 0, 300)]
    ne_rows += [cast(-cut * (1 + s * d)) for s in (-1, 1) for d in logu(1e-7 if f32 else 1e-10, 1e-3, 10)]
    ne_rows += [-cast(y) for y in logu(1, 3e38 if f32 else 1e300, 150)]
ne_rows += [-1.0, -0.5, -np.log(2), -708.0, -87.0, -1e4, -1e300]
with open("tests/data/ndtri_exp_mpmath.txt", "w") as out:
    out.write("# y x kappa: ln ndtr(x) = y, kappa = |y x'(y) / x|; mpmath 1.4 at 250 and 400 bits, rounded to f64 (scripts/mpmath-gamma-table.py)\n")
    for y in sorted(set(ne_rows)):
        x, kappa = at_250_and_400(lambda: tuple(map(float, ndtri_exp_mp(mp.mpf(y)))), y)
        out.write("%r %r %r\n" % (y, x, kappa))

# The real branches of the Lambert W function (SciPy's lambertw(x, k).real where it is
# real) for tests/special.rs, with the condition number κ = |x·W′/W| = 1/|1 + W|: W₀
# from −1/e (within 1e-16 to 0.1 of it, relatively) through [−0.37, 10], from ±1e-300
# (f32: ±1e-38) to ±0.1 and from 10 to 1e308 (f32: 3e38); W₋₁ near −1/e likewise,
# through (−1/e, 0) and for x from −0.1 to −1e-300. Taken at 250 and 400 bits, which must
# agree. Its own generator.
rng_w = np.random.default_rng(20261212)
w_rows = []
for f32 in (False, True):
    cast = caster(f32)
    logu = log_uniform(rng_w)
    branch = [-cast(1 / np.e * (1 - d)) for d in logu(1e-7 if f32 else 1e-16, 0.1, 40)]
    tiny = 1e-38 if f32 else 1e-300
    w_rows += [(0, x) for x in branch + [cast(x) for x in rng_w.uniform(-0.37, 10, 200)]]
    w_rows += [(0, cast(s * x)) for s in (-1, 1) for x in logu(tiny, 0.1, 60)]
    w_rows += [(0, cast(x)) for x in logu(10, 3e38 if f32 else 1e308, 100)]
    w_rows += [(-1, x) for x in branch + [cast(x) for x in rng_w.uniform(-0.3678, 0, 150)]]
    w_rows += [(-1, -cast(x)) for x in logu(tiny, 0.1, 100)]
w_rows += [(0, 1.0), (0, -0.3), (0, 1e300), (-1, -0.3), (-1, -1e-300)]
with open("tests/data/lambertw_mpmath.txt", "w") as out:
    out.write("# k x w kappa: w e^w = x on branch k, kappa = 1/|1 + w|; mpmath 1.4 at 250 and 400 bits, rounded to f64 (scripts/mpmath-gamma-table.py)\n")
    for k, x in sorted(set(w_rows)):
        if x < -1 / mp.e or x == 0 and k == -1:
            continue

        def values():
            w = mp.lambertw(mp.mpf(x), k)
            assert abs(mp.im(w)) <= abs(w) * mp.mpf(2) ** -(mp.mp.prec - 10), (k, x, w)
            return float(mp.re(w)), float(1 / abs(1 + mp.re(w)))

        w, kappa = at_250_and_400(values, (k, x))
        out.write("%d %r %r %r\n" % (k, x, w, kappa))

# The Pochhammer symbol (z)_m = Γ(z + m)/Γ(z) (SciPy's poch) for tests/special.rs, with
# the condition number κ = |z·(ψ(z + m) − ψ(z))| + |m·ψ(z + m)| (the relative change
# for a relative change of both arguments): z and m through (−30, 30), integer m to ±70
# (the product below 64 factors, e^L beyond), z from 10 to 1e15 (f32: 1e7) against m
# from ±1e-10 to ±z/2 (Stirling's series), z from 1e-300 to 1, m from ±1e-300 to ±1e-3,
# both negative past −160 (reflection twice), one past −160 against the other past
# 160, and z + m within 1e-15 to 1e-3 of a pole. Taken at 250 and 400 bits, which must
# agree (κ at 600 bits); values outside f64's normal range are left out. Its own generator.
rng_p = np.random.default_rng(20261213)
p_rows = []
for f32 in (False, True):
    cast = caster(f32)
    logu = log_uniform(rng_p)
    sign = lambda n: rng_p.choice([-1.0, 1.0], n)
    p_rows += [(cast(z), cast(m)) for z, m in zip(rng_p.uniform(-30, 30, 250), rng_p.uniform(-30, 30, 250))]
    p_rows += [(cast(z), float(m)) for z, m in zip(rng_p.uniform(-50, 50, 120), rng_p.integers(-70, 71, 120))]
    p_rows += [(cast(z), float(m)) for z, m in zip(logu(1e-3, 1e4, 80), rng_p.integers(-70, 71, 80))]
    top = 1e7 if f32 else 1e15
    zs = logu(10, top, 200)
    p_rows += [(cast(z), cast(s * min(d, z / 2))) for z, s, d in zip(zs, sign(200), logu(1e-10, 1e3, 200))]
    p_rows += [(cast(z), cast(m)) for z, m in zip(logu(1e-38 if f32 else 1e-300, 1, 60), rng_p.uniform(-5, 5, 60))]
    p_rows += [(cast(z), cast(s * d)) for z, s, d in zip(rng_p.uniform(-100, 100, 60), sign(60), logu(1e-38 if f32 else 1e-300, 1e-3, 60))]
    p_rows += [(-cast(z), cast(m)) for z, m in zip(logu(30 if f32 else 160, 1e6, 80), rng_p.uniform(-50, 50, 80))]
    p_rows += [(-cast(z), cast(m)) for z, m in zip(rng_p.uniform(160, 300, 40), rng_p.uniform(170, 600, 40))]
    p_rows += [(cast(z), -cast(m)) for z, m in zip(rng_p.uniform(0.5, 100, 40), rng_p.uniform(200, 700, 40))]
    for z, k, d in zip(rng_p.uniform(-20, 20, 40), rng_p.integers(0, 40, 40), logu(1e-7 if f32 else 1e-15, 1e-3, 40)):
        # z + m = −k·(1 + d): m = −k(1 + d) − z, rounded.
        p_rows.append((cast(z), cast(-float(k) * (1 + d) - z if k else d - z)))
p_rows += [(3.0, 4.0), (0.5, 0.5), (1e6, 0.5), (1e15, 0.5), (-3.5, 2.25), (100.5, -200.25)]
write_pair_table(
    "tests/data/poch_mpmath.txt",
    "# z m value kappa: (z)_m = gamma(z + m)/gamma(z), kappa = |z (psi(z + m) - psi(z))| + |m psi(z + m)|; mpmath 1.4 at 250 and 400 bits, rounded to f64 (scripts/mpmath-gamma-table.py)\n",
    p_rows,
    lambda z, m: m == 0 or (z <= 0 and z == int(z)) or (z + m <= 0 and z + m == int(z + m)),
    lambda z, m: mp.gammaprod([z + m], [z]),
    lambda z, m: abs(z * (mp.digamma(z + m) - mp.digamma(z))) + abs(m * mp.digamma(z + m)),
)

# The binomial coefficient C(n, k) = Γ(n + 1)/(Γ(k + 1)Γ(n − k + 1)) (SciPy's binom) for
# tests/special.rs, with the condition number κ = |n·(ψ(n + 1) − ψ(n − k + 1))| + |k·(ψ(n
# − k + 1) − ψ(k + 1))|: n and k through (−30, 30), integer n to 1,000 with integer k
# from 0 to n (past Γ's overflow, where it is e^−betaln), n to 1e15 (f32: 1e7) with k
# from 1e-10 to 50, n to 1e6 with k within n/3 of n/2, and negative non-integer n with
# integer k. Negative integer n (where SciPy gives NaN) are left out. Taken at 250 and
# 400 bits, which must agree (κ at 600 bits); values outside f64's normal range are
# left out. Its own generator.
rng_b = np.random.default_rng(20261214)
b_rows = []
for f32 in (False, True):
    cast = caster(f32)
    logu = log_uniform(rng_b)
    b_rows += [(cast(n), cast(k)) for n, k in zip(rng_b.uniform(-30, 30, 200), rng_b.uniform(-30, 30, 200))]
    ns = rng_b.integers(0, 1001, 150)
    b_rows += [(float(n), float(k)) for n, k in zip(ns, [rng_b.integers(0, n + 1) for n in ns])]
    b_rows += [(cast(n), cast(k)) for n, k in zip(logu(1, 1e7 if f32 else 1e15, 150), logu(1e-10, 50, 150))]
    ns = logu(10, 1e6, 100)
    b_rows += [(cast(n), cast(n * f)) for n, f in zip(ns, rng_b.uniform(1 / 6, 5 / 6, 100))]
    b_rows += [(-cast(n), float(k)) for n, k in zip(rng_b.uniform(0, 50, 60), rng_b.integers(0, 40, 60))]
b_rows += [(10.0, 3.0), (1000.0, 500.0), (2.5, 1.5), (1e15, 0.5), (-2.5, 3.0)]
write_pair_table(
    "tests/data/binom_mpmath.txt",
    "# n k value kappa: C(n, k) = gamma(n + 1)/(gamma(k + 1) gamma(n - k + 1)), kappa = |n (psi(n + 1) - psi(n - k + 1))| + |k (psi(n - k + 1) - psi(k + 1))|; mpmath 1.4 at 250 and 400 bits, rounded to f64 (scripts/mpmath-gamma-table.py)\n",
    b_rows,
    lambda n, k: any(v <= 0 and v == int(v) for v in (n + 1, k + 1, n - k + 1)),
    mp.binomial,
    lambda n, k: abs(n * (mp.digamma(n + 1) - mp.digamma(n - k + 1))) + abs(k * (mp.digamma(n - k + 1) - mp.digamma(k + 1))),
)

# The regularised incomplete beta function I_x(a, b) and its complement 1 − I_x(a, b)
# (SciPy's betainc, betaincc) for tests/special.rs, with D = |a·∂I/∂a| + |b·∂I/∂b| +
# |x·∂I/∂x|, the condition numbers being D/I and D/(1 − I): a and b from 1e-3 to 1e3 with
# x uniform on (0, 1) and within 4σ of the mean; a and b from 10 to 3,000 within 6σ of
# the mean, through the switch at (a + 1)/(a + b + 2) between the two fractions; one
# parameter from 1e3 to 1e5 against the other from 0.1 to 10; a or b from 1e-8 to 1e-3;
# x from 1e-300 to 1e-3 and 1 − x from 1e-16 to 1e-3. Both values at 250 and 400 bits,
# which must agree, each directly (the complement as I_(1−x)(b, a) with 1 − x exact, not
# as 1 − I, nor by
# mpmath's betainc from x to 1, which cancels); the derivatives in a and
# b by central differences at 250 bits. Rows where neither value is a normal f64 are
# left out. Its own generator.
rng_i = np.random.default_rng(20261206)
i_rows = []
for f32 in (False, True):
    cast = caster(f32)
    logu = log_uniform(rng_i)

    def near_mean(a, b, width):
        a, b = cast(a), cast(b)
        s = a + b
        sd = (a * b / (s * s * (s + 1))) ** 0.5
        return (a, b, cast(min(max(a / s + sd * rng_i.uniform(-width, width), 1e-300), 1 - 2**-24)))

    i_rows += [(cast(a), cast(b), cast(x)) for a, b, x in zip(logu(1e-3, 1e3, 120), logu(1e-3, 1e3, 120), rng_i.uniform(0, 1, 120))]
    i_rows += [near_mean(a, b, 4) for a, b in zip(logu(1e-3, 1e3, 120), logu(1e-3, 1e3, 120))]
    i_rows += [near_mean(a, b, 6) for a, b in zip(logu(10, 3000, 100), logu(10, 3000, 100))]
    big, small = logu(1e3, 1e5, 40), logu(0.1, 10, 40)
    i_rows += [near_mean(a, b, 4) for a, b in zip(big, small)] + [near_mean(b, a, 4) for a, b in zip(big, small)]
    tiny, other = logu(1e-8, 1e-3, 40), logu(1e-2, 1e2, 40)
    xs = rng_i.uniform(0, 1, 80)
    i_rows += [(cast(a), cast(b), cast(x)) for a, b, x in zip(tiny, other, xs[:40])]
    i_rows += [(cast(b), cast(a), cast(x)) for a, b, x in zip(tiny, other, xs[40:])]
    ends = logu(1e-37 if f32 else 1e-300, 1e-3, 40)
    params = zip(logu(1e-2, 30, 40), logu(1e-2, 30, 40))
    i_rows += [(cast(a), cast(b), cast(x)) for (a, b), x in zip(params, ends)]
    tails = logu(2**-24 if f32 else 1e-16, 1e-3, 40)
    params = zip(logu(1e-2, 30, 40), logu(1e-2, 30, 40))
    i_rows += [(cast(a), cast(b), cast(1 - t)) for (a, b), t in zip(params, tails)]
i_rows += [(2.0, 3.0, 0.4), (0.5, 0.5, 0.3), (1000.0, 1000.0, 0.49), (10.0, 20.0, 0.9), (1.0, 1.0, 0.25)]


def beta_sensitivity(a, b, x):
    """|a·∂I/∂a| + |b·∂I/∂b| + |x·∂I/∂x| at the working precision."""
    h = mp.mpf(2) ** -80
    i = lambda a, b: mp.betainc(a, b, 0, x, regularized=True)
    da = (i(a * (1 + h), b) - i(a * (1 - h), b)) / (2 * h)
    db = (i(a, b * (1 + h)) - i(a, b * (1 - h))) / (2 * h)
    dx = x**a * (1 - x) ** b / mp.beta(a, b)
    return abs(da) + abs(db) + abs(dx)


with open("tests/data/betainc_mpmath.txt", "w") as out:
    out.write("# a b x I 1-I D: I = betainc(a, b, x) regularised, D = |a dI/da| + |b dI/db| + |x dI/dx|; mpmath 1.4 at 250 and 400 bits, rounded to f64 (scripts/mpmath-gamma-table.py)\n")
    for a, b, x in sorted(set(i_rows)):
        if not 0 < x < 1:
            continue
        args = (mp.mpf(a), mp.mpf(b), mp.mpf(x))
        v = at_250_and_400(lambda: float(mp.betainc(*args[:2], 0, args[2], regularized=True)), (a, b, x))
        y = mp.fsub(1, args[2], exact=True)  # 1 − x held exactly, whatever the precision
        c = at_250_and_400(lambda: float(mp.betainc(args[1], args[0], 0, y, regularized=True)), (a, b, x))
        if not any(2.2250738585072014e-308 <= w for w in (v, c)):
            continue
        with mp.workprec(250):
            d = float(beta_sensitivity(*args))
        out.write("%r %r %r %r %r %r\n" % (a, b, x, v, c, d))


# Student's t and the F distribution functions (SciPy's stdtr, fdtr, fdtrc) for
# tests/special.rs, on grids of f32 values: stdtr(ν, t) = I_(ν/(ν + t²))(ν/2, ½)/2 for t
# < 0 and its complement for t > 0; fdtr(d₁, d₂, x) = I_(d₁x/(d₂ + d₁x))(d₁/2, d₂/2) and
# fdtrc = I_(d₂/(d₂ + d₁x))(d₂/2, d₁/2), each directly. With each value its condition
# number D/value, D the sum over the arguments of |arg·∂F/∂arg| (central differences at
# 250 bits, of the smaller of F and 1 − F), and that of the incomplete beta function at
# the point where src/ops/betainc.rs evaluates it (betainc_mpmath.txt's κ there), which
# bounds the error of computing it. Values at 250 and 400 bits, which must agree; rows
# whose value is not a normal f64 are left out. No random draws.
def beta_tail(a, b, z, upper):
    """I_z(a, b), or 1 − I_z(a, b) = I_(1−z)(b, a), directly; 0 where the factor
    z^a (1 − z)^b/(a B(a, b)) is below e^−760, so far below f64's range (the fraction
    after it is below e^12 here) that mpmath would take minutes to find that out."""
    if upper:
        a, b, z = b, a, 1 - z
    if a * mp.log(z) + b * mp.log(1 - z) - mp.log(a) - mp.log(mp.beta(a, b)) < -760:
        return mp.mpf(0)
    return mp.betainc(a, b, 0, z, regularized=True)


def sensitivity(fn, args):
    """Σ |argᵢ·∂fn/∂argᵢ| at the working precision."""
    h = mp.mpf(2) ** -80
    total = 0
    for i in range(len(args)):
        up, down = list(args), list(args)
        up[i], down[i] = args[i] * (1 + h), args[i] * (1 - h)
        total += abs((fn(*up) - fn(*down)) / (2 * h))
    return total


def beta_kappa(a, b, z, upper):
    """The condition number of I_z(a, b) (`upper`: of 1 − I) in a, b and z."""
    small = beta_tail(a, b, z, not upper) < beta_tail(a, b, z, upper)
    d = sensitivity(lambda a, b, z: beta_tail(a, b, z, upper != small), (a, b, z))
    v = beta_tail(a, b, z, upper)
    return float(d / v) if v > 0 else 0.0


def t_cdf(df, t):
    if t == 0:
        return mp.mpf(1) / 2
    tail = beta_tail(df / 2, mp.mpf(1) / 2, df / (df + t * t), False) / 2
    return 1 - tail if t > 0 else tail


def t_inner_kappa(df, t):
    """κ of the incomplete beta function as stdtr evaluates it (as Boost)."""
    if df > 2 * t * t:
        return beta_kappa(mp.mpf(1) / 2, df / 2, t * t / (df + t * t), True)
    return beta_kappa(df / 2, mp.mpf(1) / 2, df / (df + t * t), False)


def f_cdf(d1, d2, x, upper):
    u = d1 * x
    return beta_tail(d1 / 2, d2 / 2, u / (d2 + u), upper)


def f_inner_kappa(d1, d2, x, upper):
    """κ of the incomplete beta function as fdtr (`upper`: fdtrc) evaluates it."""
    u = d1 * x
    if u > d2:
        return beta_kappa(d2 / 2, d1 / 2, d2 / (d2 + u), not upper)
    return beta_kappa(d1 / 2, d2 / 2, u / (d2 + u), upper)


with open("tests/data/stdtr_fdtr_mpmath.txt", "w") as out:
    out.write("# t df t F kappa kappa_I | f dfn dfd x F 1-F kappa(F) kappa(1-F) kappa_I(F) kappa_I(1-F): mpmath 1.4 at 250 and 400 bits, rounded to f64; kappa = sum |arg dF/darg| / value, kappa_I that of the incomplete beta function where it is evaluated (scripts/mpmath-gamma-table.py)\n")
    for df in (0.125, 0.5, 1.0, 2.5, 3.0, 10.0, 30.0, 1000.0, 1e6):
        for t in (-1000.0, -40.0, -12.0, -4.0, -0.75, 2.0**-9, 1.5, 40.0):
            args = (mp.mpf(df), mp.mpf(t))
            v = at_250_and_400(lambda: float(t_cdf(*args)), (df, t))
            if v < 2.2250738585072014e-308:
                continue
            with mp.workprec(250):
                k = float(sensitivity(t_cdf, args) / t_cdf(*args))
                ki = t_inner_kappa(*args)
            out.write("t %r %r %r %r %r\n" % (df, t, v, k, ki))
    for d1 in (0.5, 1.0, 2.5, 30.0, 300.0, 1e5):
        for d2 in (0.5, 3.0, 100.0, 2000.0, 1e5):
            for x in (2.0**-10, 0.0625, 0.75, 1.5, 4.0, 40.0, 1e4):
                args = (mp.mpf(d1), mp.mpf(d2), mp.mpf(x))
                p = at_250_and_400(lambda: float(f_cdf(*args, False)), (d1, d2, x))
                q = at_250_and_400(lambda: float(f_cdf(*args, True)), (d1, d2, x))
                if not any(2.2250738585072014e-308 <= w for w in (p, q)):
                    continue
                with mp.workprec(250):
                    # Of the smaller of the two, whose differences keep their digits.
                    d = sensitivity(lambda a, b, c: f_cdf(a, b, c, q < p), args)
                    kp = float(d / f_cdf(*args, False)) if p > 0 else 0.0
                    kq = float(d / f_cdf(*args, True)) if q > 0 else 0.0
                    kip, kiq = f_inner_kappa(*args, False), f_inner_kappa(*args, True)
                out.write("f %r %r %r %r %r %r %r %r %r\n" % (d1, d2, x, p, q, kp, kq, kip, kiq))


# The inverses of I and 1 − I in x (SciPy's betaincinv, betainccinv) for tests/special.rs:
# a and b from 1e-3 to 1e3 (and one from 1e3 to 1e5 against the other from 0.1 to 10),
# y uniform on (0, 1), down to 1e-300 and up to 1 − 1e-15; each root by Newton's method
# at 200 bits from SciPy's answer (bisection where SciPy's is not within 1e-3), with its
# condition number kappa = (t + |a·∂T/∂a| + |b·∂T/∂b|)/(x·|T′(x)|) for the tail T that
# equals t = min(y, 1 − y), and s1 = 1/(x·|T′(x)|), which turns an absolute error in T
# into one in the root. Rows whose root is not a normal f64 below 1 are left out. Its own
# generator.
rng_bi = np.random.default_rng(20261209)


def beta_root(a, b, y, upper):
    """x with I_x(a, b) = y (1 − I when upper), kappa and s1, at the working precision.
    The root is found as v = x or v = 1 − x, whichever is at most ½ (the other side is
    the mirrored function: 1 − I_x(a, b) = I_(1−x)(b, a)), so that a root within 2^-200
    of 1 keeps its distance from 1; the tail is computed directly in v or 1 − v (with
    1 − v held exactly)."""
    import scipy.special as sc
    a_m, b_m, y_m = mp.mpf(a), mp.mpf(b), mp.mpf(y)
    q = upper == (y_m <= 0.5)  # the smaller tail is 1 − I
    t = min(y_m, 1 - y_m)
    half = mp.mpf(1) / 2
    lower = lambda a, b, v: mp.betainc(a, b, 0, v, regularized=True)
    # On the side of ½ where the root is, the tail as a function of v: (a, b, q) there.
    at_half = lower(b_m, a_m, half) if q else lower(a_m, b_m, half)
    high = (at_half < t) != q  # the tail at x = ½ says the root is above it
    pa, pb, pq = (b_m, a_m, not q) if high else (a_m, b_m, q)
    def tail(a, b, v):
        if not pq:
            return lower(a, b, v)
        if v >= mp.mpf(2) ** -150:
            return lower(b, a, 1 - v)
        with mp.workprec(mp.mp.prec + 1100):  # 1 − v held exactly (a tiny a keeps I(v) away from 0)
            return +lower(b, a, 1 - v)
    density = lambda v: mp.exp((pa - 1) * mp.log(v) + (pb - 1) * mp.log(1 - v) - mp.log(mp.beta(pa, pb)))
    x0 = float((sc.betainccinv if upper else sc.betaincinv)(a, b, y))
    v = mp.mpf(1 - x0 if high else x0)
    good = 0 < v <= half and abs(tail(pa, pb, v) / t - 1) < 1e-3
    if not good:
        lo, hi = mp.mpf(0), half
        for _ in range(3000):
            mid = mp.sqrt(lo * hi) if lo > 0 else (hi**2 if hi > mp.mpf(10) ** -300 else hi / 2)
            if (tail(pa, pb, mid) < t) != pq:
                lo = mid
            else:
                hi = mid
            if hi - lo < mp.mpf(10) ** -12 * lo or hi < mp.mpf(10) ** -330:
                break
        v = mp.sqrt(lo * hi) if lo > 0 else hi
    for _ in range(60):
        step = (tail(pa, pb, v) - t) / density(v) * (-1 if pq else 1)
        if v - step <= 0:
            step = 0.75 * v
        v -= step
        if abs(step) < v * mp.mpf(10) ** -40:
            break
    h = mp.mpf(2) ** -80
    da = (tail(pa * (1 + h), pb, v) - tail(pa * (1 - h), pb, v)) / (2 * h)
    db = (tail(pa, pb * (1 + h), v) - tail(pa, pb * (1 - h), v)) / (2 * h)
    x = 1 - v if high else v
    slope = x * density(v)
    return x, (t + abs(da) + abs(db)) / slope, 1 / slope


bi_rows = []
for f32 in (False, True):
    cast = caster(f32)
    tiny = 1e-37 if f32 else 1e-300
    logu = log_uniform(rng_bi)
    for op in ("betaincinv", "betainccinv"):
        a_s, b_s = logu(1e-3, 1e3, 90), logu(1e-3, 1e3, 90)
        ys = [cast(v) for v in rng_bi.uniform(0, 1, 30)] + [cast(v) for v in logu(tiny, 0.5, 30)]
        ys += [cast(1 - v) for v in logu(1e-15 if not f32 else 1e-7, 0.5, 30)]
        bi_rows += [(op, cast(a), cast(b), y) for a, b, y in zip(a_s, b_s, ys)]
        big, small = logu(1e3, 1e5, 10), logu(0.1, 10, 10)
        ys = rng_bi.uniform(0, 1, 20)
        bi_rows += [(op, cast(a), cast(b), cast(y)) for a, b, y in zip(big, small, ys[:10])]
        bi_rows += [(op, cast(b), cast(a), cast(y)) for a, b, y in zip(big, small, ys[10:])]
bi_rows += [("betaincinv", 2.0, 3.0, 0.5248), ("betaincinv", 0.5, 0.5, 0.25), ("betainccinv", 2.0, 3.0, 1e-300), ("betaincinv", 1000.0, 1000.0, 0.3)]
with open("tests/data/betaincinv_mpmath.txt", "w") as out:
    out.write("# op a b y x kappa s1: betaincinv x with I_x(a, b) = y, betainccinv 1 - I_x(a, b) = y; kappa = (t + |a dT/da| + |b dT/db|)/(x |T'(x)|) and s1 = 1/(x |T'(x)|) for the tail T equal to t = min(y, 1 - y); mpmath 1.4 at 200 bits, rounded to f64 (scripts/mpmath-gamma-table.py)\n")
    for op, a, b, y in sorted(set(bi_rows)):
        if not 0 < y < 1:
            continue
        x, kappa, s1 = beta_root(a, b, y, op == "betainccinv")
        xf = float(x)
        if 2.2250738585072014e-308 <= xf < 1:
            out.write("%s %r %r %r %r %.3g %.3g\n" % (op, a, b, y, xf, float(kappa), float(s1)))

# Si, Ci, Shi, Chi (SciPy's sici, shichi) for tests/special.rs, each with its condition
# number κ = |x·f′(x)/f(x)| (Si′ = sin x/x, Ci′ = cos x/x, Shi′ = sinh x/x, Chi′ = cosh x/x):
# x from 1e-300 to 1e300 for Si and Ci (f32: 1e-38 to 3e38), to 717 for Shi and Chi (f32:
# 90), through [0, 16] across the switches at 2 (series, then Si and Ci by E₁(ix)'s
# continued fraction; Shi and Chi by Ei and E₁), and within 1e-15 to 1e-3 (relatively) of
# Chi's root and the first 30 roots of Ci. Taken at 250 and 400 bits, which must agree.
# Its own generator.
rng_si = np.random.default_rng(20261206)
si_rows = []
ci_roots = [mp.findroot(mp.ci, 0.6)] + [mp.findroot(mp.ci, k * mp.pi + 1 / (k * mp.pi)) for k in range(1, 30)]
chi_root = mp.findroot(mp.chi, 0.52)
for f32 in (False, True):
    cast = caster(f32)
    tiny, huge, top = (1e-38, 3e38, 90.0) if f32 else (1e-300, 1e300, 717.0)
    logu = log_uniform(rng_si)
    for op in ("si", "ci", "shi", "chi"):
        end = huge if op in ("si", "ci") else top
        si_rows += [(op, cast(x)) for x in logu(tiny, 2, 30)]
        si_rows += [(op, cast(x)) for x in rng_si.uniform(0, 4, 60)]
        si_rows += [(op, cast(x)) for x in rng_si.uniform(4, 16, 40)]
        si_rows += [(op, cast(x)) for x in logu(16, end, 50)]
    for z in ci_roots + [chi_root]:
        op = "ci" if z is not chi_root else "chi"
        for d in np.exp(rng_si.uniform(np.log(1e-15), np.log(1e-3), 2)):
            si_rows.append((op, cast(float(z) * (1 + d * rng_si.choice([-1, 1])))))
for op in ("si", "ci", "shi", "chi"):
    si_rows += [(op, x) for x in (2.0, 1.9999999999999998, 1e-300, 0.5, 1.0, 4.0)]
si_fn = {"si": (mp.si, mp.sin), "ci": (mp.ci, mp.cos), "shi": (mp.shi, mp.sinh), "chi": (mp.chi, mp.cosh)}
with open("tests/data/sici_mpmath.txt", "w") as out:
    out.write("# op x value kappa: si Si(x), ci Ci(x), shi Shi(x), chi Chi(x), kappa = |x f'(x)/f(x)|; mpmath 1.4 at 250 and 400 bits, rounded to f64 (scripts/mpmath-gamma-table.py)\n")
    for op, x in sorted(set(si_rows)):
        if x <= 0:
            continue
        fn, deriv = si_fn[op]
        v = at_250_and_400(lambda: float(fn(mp.mpf(x))), (op, x))
        if v == 0 or abs(v) >= 1.7976931348623157e308 or abs(v) < 2.2250738585072014e-308:
            continue
        with mp.workprec(600):
            kappa = float(abs(deriv(mp.mpf(x)) / fn(mp.mpf(x))))
        out.write("%s %r %r %.3g\n" % (op, x, v, kappa))

# Kolmogorov's survival function and its inverse (SciPy's kolmogorov, kolmogi) for
# tests/special.rs: x from 1e-3 to 19.4 (where it leaves f64's normal range), through
# the switch at 0.82; p through (0, 1), down to 1e-300 and up to 1 − 1e-16. Each value
# with its condition number (κ = |x·K′/K| for kolmogorov; t/(x·|T′|) for the tail t a root
# matches, as for gammaincinv), the roots by bisection on the logarithm of that tail.
# Its own generator.
rng_k = np.random.default_rng(20261207)


def kolm_tails(x):
    """(survival function, CDF) of the Kolmogorov distribution at x, each by its own series."""
    if x >= 1:
        sf = 2 * mp.nsum(lambda k: (-1) ** (k - 1) * mp.exp(-2 * k * k * x * x), [1, mp.inf])
        return sf, 1 - sf
    a = mp.pi ** 2 / (8 * x * x)
    cdf = mp.sqrt(2 * mp.pi) / x * mp.nsum(lambda k: mp.exp(-(2 * k - 1) ** 2 * a), [1, mp.inf])
    return 1 - cdf, cdf


def kolm_root(p):
    """The x with SF(x) = p, from the smaller tail, and its condition number."""
    upper = p <= 0.5119717052984973
    t = mp.mpf(p) if upper else 1 - mp.mpf(p)
    lo, hi = (mp.mpf(0.82), mp.mpf(40)) if upper else (mp.mpf(0.01), mp.mpf(0.82))
    for _ in range(400):
        mid = (lo + hi) / 2
        v = kolm_tails(mid)[0 if upper else 1]
        if (v > t) == upper:
            lo = mid
        else:
            hi = mid
    x = (lo + hi) / 2
    h = x * mp.mpf(2) ** -100
    slope = (kolm_tails(x + h)[0] - kolm_tails(x - h)[0]) / (2 * h)
    return x, t / (x * abs(slope))


k_rows = []
for f32 in (False, True):
    cast = caster(f32)
    logu = log_uniform(rng_k)
    top = 6.6 if f32 else 19.4
    k_rows += [("kolmogorov", cast(x)) for x in logu(1e-3, 0.82, 30)]
    k_rows += [("kolmogorov", cast(x)) for x in rng_k.uniform(0, 3, 60)]
    k_rows += [("kolmogorov", cast(x)) for x in rng_k.uniform(0.8, 0.85, 10)]
    k_rows += [("kolmogorov", cast(x)) for x in rng_k.uniform(3, top, 40)]
    k_rows += [("kolmogi", cast(p)) for p in rng_k.uniform(0, 1, 50)]
    k_rows += [("kolmogi", cast(p)) for p in logu(1e-37 if f32 else 1e-300, 0.5, 40)]
    k_rows += [("kolmogi", cast(1 - p)) for p in logu(1e-7 if f32 else 1e-16, 0.5, 30)]
    k_rows += [("kolmogi", cast(p)) for p in rng_k.uniform(0.5, 0.53, 10)]
k_rows += [("kolmogorov", x) for x in (0.82, 0.8199999999999998, 1.0, 0.5)]
k_rows += [("kolmogi", p) for p in (0.5119717052984973, 0.5, 0.05, 1e-300)]
with open("tests/data/kolmogorov_mpmath.txt", "w") as out:
    out.write("# op x value kappa: kolmogorov P(K > x) with kappa = |x K'(x)/K(x)|; kolmogi the x with P(K > x) = p, kappa = t/(x |T'(x)|) for the smaller tail t; mpmath 1.4 at 250 bits (400 for the check), rounded to f64 (scripts/mpmath-gamma-table.py)\n")
    for op, x in sorted(set(k_rows)):
        if op == "kolmogorov":
            if x <= 0:
                continue
            v = at_250_and_400(lambda: float(kolm_tails(mp.mpf(x))[0]), x)
            m = mp.mpf(x)
            h = m * mp.mpf(2) ** -100
            k = abs(m * (kolm_tails(m + h)[0] - kolm_tails(m - h)[0]) / (2 * h) / kolm_tails(m)[0])
        else:
            if not 0 < x < 1:
                continue
            r, k = kolm_root(x)
            v = float(r)
        if v == 0 or abs(v) < 2.2250738585072014e-308:
            continue
        out.write("%s %r %r %.3g\n" % (op, x, v, float(k)))
