#!/usr/bin/env python3
"""Writes the tables tests/special.rs checks against: tests/data/gamma_digamma_mpmath.txt
(Γ, ψ), beta_mpmath.txt (ln|B(a, b)|, B), bessel_mpmath.txt (e^−|x|·I0, I1, e^−|x|·I1)
and erfcx_mpmath.txt (e^(x²)·erfc(x)), by mpmath at 250 bits (B at 2,400), rounded to
f64. Not run by CI (the tables are committed); needs `pip install mpmath numpy`. About
half of the inputs (a third of B's) are f32 values, so that the f32 kernels are checked
against the true values too. Each table draws from the generator after the ones before
it, so adding one leaves the others as they are."""
import mpmath as mp
import numpy as np

mp.mp.prec = 250
rng = np.random.default_rng(20261204)


def points(lo, hi, n, f32):
    xs = rng.uniform(lo, hi, n)
    return [float(np.float32(x)) if f32 else float(x) for x in xs]


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
    cast = (lambda v: float(np.float32(v))) if f32 else float
    k = 1 if f32 else 2
    pairs += [(cast(a), cast(b)) for a, b in np.exp(rng.uniform(np.log(1e-3), np.log(1e4), (300 * k, 2)))]
    pairs += [(cast(a), cast(b)) for a, b in zip(rng.uniform(0.01, 20, 150 * k), np.exp(rng.uniform(np.log(150), np.log(1e8), 150 * k)))]
    pairs += [(cast(a), cast(b)) for a, b in np.exp(rng.uniform(np.log(10), np.log(1e6), (100 * k, 2)))]
    pairs += [(cast(a), cast(b)) for a, b in zip(rng.uniform(-20, 0, 100 * k), rng.uniform(0.5, 30, 100 * k))]
pairs += [(1e-300, 1.0), (1e-310, 2.5), (0.5, 0.5), (1.0, 1.0), (2.0, 3.0), (200.0, 300.0), (0.5, 1e300), (1e300, 1e300), (2.0, -1.5)]
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
    cast = (lambda v: float(np.float32(v))) if f32 else float
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
    cast = (lambda v: float(np.float32(v))) if f32 else float
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
