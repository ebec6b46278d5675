#!/usr/bin/env python3
"""tests/data/smirnov_mpmath.txt: the one-sided Kolmogorov–Smirnov statistic's survival
function P(D_n^+ >= x) (SciPy's smirnov) and its inverse (smirnovi) for tests/special.rs,
by the exact Smirnov–Birnbaum–Tingey sum in mpmath at 250 bits, checked at 400, each with
its condition number: kappa = |x S'(x)/S(x)| for smirnov, S/(x |S'|) at the root for
smirnovi (whose roots are Newton's, from SciPy's, to 400 bits). n from 2 to 20,000; x from
1e-4 to 1 and down to where S leaves f64's normal range; p from 1e-300 to 1 - 1e-16. Half
the arguments are f32 values. Run from the repository root with mpmath, numpy and scipy:

    python3 scripts/mpmath-smirnov-table.py
"""
import mpmath as mp
import numpy as np
from scipy import special

rng = np.random.default_rng(20261207)


def sf_and_slope(n, x):
    """P(D_n^+ >= x) and its derivative in x, at the working precision."""
    s, d, c = mp.mpf(0), mp.mpf(0), mp.mpf(1)  # c = C(n, v)
    v = 0
    while True:
        p = x + mp.mpf(v) / n
        q = 1 - p
        if q <= 0:
            break
        t = x * c * p ** (v - 1) * q ** (n - v)
        s += t
        d += t * (1 / x + (v - 1) / p - (n - v) / q) if v > 0 else -t * n / q
        c = c * (n - v) / (v + 1)
        v += 1
    return s, d


def agreed(fn, at):
    """fn() at 250 and 400 bits, rounded to f64, which must agree."""
    vs = []
    for prec in (250, 400):
        with mp.workprec(prec):
            vs.append(float(fn()))
    assert vs[0] == vs[1], (at, vs)
    return vs[0]


def root(n, p):
    """The x with S(x) = p, by Newton's method from SciPy's root, at the working precision
    (past 1 - 1/n, where S(x) = (1 - x)^n, 1 - p^(1/n))."""
    if p <= mp.mpf(n) ** -n:
        return 1 - p ** (mp.mpf(1) / n)
    x = mp.mpf(special.smirnovi(n, float(p)))
    close = False
    for _ in range(60):
        s, d = sf_and_slope(n, x)
        step = (s - p) / d
        x -= step
        if close:  # a step after one within half the precision: quadratic convergence
            return x
        close = abs(step) < x * mp.mpf(2) ** (-mp.mp.prec // 2 - 8)
    raise ArithmeticError((n, p))


def f32(v):
    return float(np.float32(v))


rows = []
for n in (2, 3, 5, 8, 10, 20, 50, 100, 300, 1000, 3000, 20000):
    top = min(1.0, float(np.sqrt(700 / (2 * n))))  # S >= e^(-2nx^2) · poly: near the subnormals
    xs = list(np.exp(rng.uniform(np.log(1e-4), np.log(top), 8))) + list(rng.uniform(0, top, 4))
    xs += [1 / n, 1 - 1 / n, 0.5 / n, 1.5 / n]
    ps = list(np.exp(rng.uniform(np.log(1e-300), 0, 5))) + [1 - v for v in np.exp(rng.uniform(np.log(1e-16), np.log(0.5), 3))]
    for k, x in enumerate(xs):
        rows.append(("smirnov", n, f32(x) if k % 2 else float(x)))
    for k, p in enumerate(ps):
        rows.append(("smirnovi", n, f32(p) if k % 2 else float(p)))
rows += [("smirnov", 1000, 0.2), ("smirnov", 5, 0.1), ("smirnovi", 100, 0.05)]

with open("tests/data/smirnov_mpmath.txt", "w") as out:
    out.write("# op n arg value kappa: smirnov P(D_n^+ >= x) with kappa = |x S'(x)/S(x)|; smirnovi the x with S(x) = p, kappa = S/(x |S'(x)|); mpmath 1.4 at 250 bits (400 for the check), rounded to f64 (scripts/mpmath-smirnov-table.py)\n")
    for op, n, a in sorted(set(rows)):
        if not 0 < a < 1:
            continue
        if op == "smirnov":
            v = agreed(lambda: sf_and_slope(n, mp.mpf(a))[0], (n, a))
            with mp.workprec(250):
                s, d = sf_and_slope(n, mp.mpf(a))
                k = abs(a * d / s)
        else:
            if special.smirnovi(n, a) != special.smirnovi(n, a):
                continue
            v = agreed(lambda: root(n, mp.mpf(a)), (n, a))
            with mp.workprec(250):
                r = root(n, mp.mpf(a))
                s, d = sf_and_slope(n, r)
                k = abs(s / (r * d))
        if v == 0 or abs(v) < 2.2250738585072014e-308:
            continue
        out.write("%s %d %r %r %.3g\n" % (op, n, a, v, float(k)))
