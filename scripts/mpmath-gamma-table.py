#!/usr/bin/env python3
"""Writes tests/data/gamma_digamma_mpmath.txt: Γ(x) and ψ(x) correctly rounded to f64
by mpmath at 250 bits, for tests/special.rs. Not run by CI (the table is committed);
needs `pip install mpmath numpy`. Half of the inputs are f32 values, so that the f32
kernels are checked against the true values too."""
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
