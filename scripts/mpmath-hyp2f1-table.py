#!/usr/bin/env python3
"""tests/data/hyp2f1_mpmath.txt: the Gauss hypergeometric function 2F1(a, b; c; x) at real
arguments with x <= 1 (SciPy's hyp2f1) for tests/special.rs, by mpmath's hyp2f1 at 200
bits, checked at 300 (a row whose two values differ by more than 2^-60 relative is
dropped; the 300-bit value is written, rounded to f64), each with its condition number
kappa = sum |p dF/dp| / |F| over p = a, b, c, x, by mpmath.diff at 200 bits (a central
difference: F is differentiated as a real function of each argument, also at integer a or
b, where F is a polynomial in x but analytic in the parameter; a zero argument adds 0; at
x = 1 exactly the x term is left out: x = 1 is the edge of the real domain and the value
there is Gauss's sum G(c)G(c - a - b)/(G(c - a)G(c - b)), a function of a, b, c alone).

Points, from np.random.default_rng(20261214), 400 rows:
  a and b each: 40% uniform in [-10, 10], 20% uniform in [0, 3], 15% an integer in [-8, 8]
    (the non-positive ones make F a polynomial), 25% uniform in [-3, 3];
  c: 45% uniform in [-10, 10], 30% uniform in [0.1, 12], 25% a + b + m for an integer m in
    [-3, 3] in f64 arithmetic (c - a - b an integer up to rounding: the logarithmic case of
    the 1 - x transformation); c a non-positive integer is redrawn (F has a pole there);
  x: 25% uniform in [-1, 1], 20% uniform in [0.5, 1), 15% 1 - 10^u with u uniform in
    [-12, -1], 15% -10^u with u uniform in [0, 8], 10% uniform in [-1, 0], 10% k/256 for an
    integer k in [-128, 128] (exact in f32 and f64), 5% x = 1 exactly, for which (a, b, c)
    are redrawn until c - a - b > 0 (Gauss's sum; F(1) is infinite otherwise).
Every second row is drawn with a, b, c and x rounded to f32 (float(np.float32(v))) and the
constraints re-checked after the rounding (c not a non-positive integer; x <= 1, and at
x = 1, which 1 - 10^u rounds to in f32 for u below about -7.5, c - a - b > 0), a, b, c
redrawn (x kept) until they hold; so 37 of the 400 rows have x = 1.
Then 80 rows near DLMF 15.8.4's cancellation (draw_near): a and b uniform in [-5, 5],
c = a + b + m + delta for x > 0 (half 1 - 10^u, u uniform in [-9, -1.3], a quarter uniform
in [0.9, 1)), and for x = -10^u (u uniform in [1, 7], a quarter) b = a + m + delta and c
uniform in [-5, 8] (Pfaff's transformation makes b - a that form's c - a - b), m an integer
in [-3, 3] and |delta| = 10^u, u uniform in [-13, -1], of either sign; every second row
rounded to f32 as above.
A draw is rejected, and another taken in its place, where mpmath raises, where the value
is not finite, is 0 or has a non-zero imaginary part, where |value| is outside
[1e-300, 1e300], where the 200- and 300-bit values disagree as above, or where kappa
exceeds 1e8 (an ill-conditioned row tests nothing). The rejections are counted on
stderr; this table's are 13 draws: one value 0 (Gauss's sum at a pole of G(c - b), c - b
= -1 exactly after the f32 rounding), eight kappa > 1e8 with x within 6e-8 of 1 (x dF/dx
grows like 1/(1 - x) where c - a - b < 1), two kappa > 1e8 at a = -4 (polynomials: a
non-integer a brings in the x^-b or (1 - x)^(c - a - b) terms they lack, at x = -1.3e7 and
1 - 4.7e-5), and two of the 80 near rows kappa > 1e8. No row is chosen on any implementation's accuracy. Run from the repository
root with mpmath and numpy:

    python3 scripts/mpmath-hyp2f1-table.py
"""
import sys
import time
from collections import Counter

import mpmath as mp
import numpy as np

rng = np.random.default_rng(20261214)
ROWS = 400
NEAR = 80
KAPPA_MAX = 1e8


def F(a, b, c, x):
    v = mp.hyp2f1(a, b, c, x)
    if isinstance(v, mp.mpc):
        if v.imag != 0:
            raise ValueError("complex value")
        v = v.real
    return v


def bad_c(c):
    return c <= 0 and c == int(c)


def param():
    kind = rng.uniform()
    if kind < 0.4:
        return float(rng.uniform(-10, 10))
    if kind < 0.6:
        return float(rng.uniform(0, 3))
    if kind < 0.75:
        return float(rng.integers(-8, 9))
    return float(rng.uniform(-3, 3))


def third(a, b):
    kind = rng.uniform()
    if kind < 0.45:
        return float(rng.uniform(-10, 10))
    if kind < 0.75:
        return float(rng.uniform(0.1, 12))
    return a + b + float(rng.integers(-3, 4))


def argument():
    """x, or None for x = 1 (drawn apart, since it constrains a, b, c)."""
    kind = rng.uniform()
    if kind < 0.25:
        return float(rng.uniform(-1, 1))
    if kind < 0.45:
        return float(rng.uniform(0.5, 1))
    if kind < 0.6:
        return 1 - float(10 ** rng.uniform(-12, -1))
    if kind < 0.75:
        return -float(10 ** rng.uniform(0, 8))
    if kind < 0.85:
        return float(rng.uniform(-1, 0))
    if kind < 0.95:
        return float(rng.integers(-128, 129)) / 256
    return None


def gauss_ok(a, b, c):
    """c - a - b > 0, exactly (in mpmath, not in rounded f64)."""
    return mp.mpf(c) - mp.mpf(a) - mp.mpf(b) > 0


def draw(f32):
    x = argument()
    while True:
        a, b = param(), param()
        c = third(a, b)
        if bad_c(c):
            continue
        if x is None and not gauss_ok(a, b, c):
            continue
        args = [a, b, c, 1.0 if x is None else x]
        if f32:
            args = [float(np.float32(v)) for v in args]
        a, b, c, xx = args
        if bad_c(c) or xx > 1 or (xx == 1 and not gauss_ok(a, b, c)):
            continue
        return args


def draw_near(f32):
    """A row near DLMF 15.8.4's cancellation: c - a - b (x > 0) or b - a (x < 0, where
    Pfaff's transformation makes it that form's c - a - b) within delta of an integer."""
    while True:
        a = float(rng.uniform(-5, 5))
        m = float(rng.integers(-3, 4))
        delta = float(rng.choice([-1, 1]) * 10 ** rng.uniform(-13, -1))
        kind = rng.uniform()
        if kind < 0.5:
            x = 1 - float(10 ** rng.uniform(-9, -1.3))
        elif kind < 0.75:
            x = float(rng.uniform(0.9, 1))
        else:
            x = -float(10 ** rng.uniform(1, 7))
        if x > 0:
            b = float(rng.uniform(-5, 5))
            c = a + b + m + delta
        else:
            b = a + m + delta
            c = float(rng.uniform(-5, 8))
        args = [a, b, c, x]
        if f32:
            args = [float(np.float32(v)) for v in args]
        if bad_c(args[2]) or args[3] >= 1:
            continue
        return args


def row(args, reject):
    vals = []
    for prec in (200, 300):
        with mp.workprec(prec):
            try:
                v = F(*[mp.mpf(p) for p in args])
            except Exception as e:  # noqa: BLE001 (NoConvergence, ZeroDivisionError, ...)
                reject[f"mpmath raised ({type(e).__name__})"] += 1
                return None
            if not mp.isfinite(v) or v == 0:
                reject["value not finite or 0"] += 1
                return None
            if not mp.mpf("1e-300") <= abs(v) <= mp.mpf("1e300"):
                reject["|value| outside [1e-300, 1e300]"] += 1
                return None
            vals.append(v)
    with mp.workprec(300):
        if abs(vals[0] / vals[1] - 1) > mp.mpf(2) ** -60:
            reject["200 and 300 bits disagree"] += 1
            return None
        value = float(vals[1])
    with mp.workprec(200):
        p = [mp.mpf(v) for v in args]
        kappa = mp.mpf(0)
        try:
            for i in range(4):
                if p[i] == 0 or (i == 3 and p[i] == 1):
                    continue
                d = mp.diff(lambda t: F(*(p[:i] + [t] + p[i + 1:])), p[i])
                kappa += abs(p[i] * d)
        except Exception as e:  # noqa: BLE001
            reject[f"mpmath raised in kappa ({type(e).__name__})"] += 1
            return None
        kappa = float(kappa / abs(vals[0]))
    if not kappa <= KAPPA_MAX:
        reject["kappa > 1e8"] += 1
        return None
    return value, kappa


def main():
    start = time.time()
    reject = Counter()
    lines = [
        "# a b c x value kappa: the Gauss hypergeometric function 2F1(a, b; c; x) (SciPy's hyp2f1) "
        "at real x <= 1, c not a non-positive integer; kappa = sum |p dF/dp|/|F| over p = a, b, c, x "
        "(x's term left out at x = 1); a, b: 40% U[-10, 10], 20% U[0, 3], 15% integers in [-8, 8], "
        "25% U[-3, 3]; c: 45% U[-10, 10], 30% U[0.1, 12], 25% a + b + m, m an integer in [-3, 3]; "
        "x: 25% U[-1, 1], 20% U[0.5, 1), 15% 1 - 10^U[-12, -1], 15% -10^U[0, 8], 10% U[-1, 0], "
        "10% k/256 in [-0.5, 0.5], 5% x = 1 with c - a - b > 0; every second row's arguments f32 "
        "values; rows with kappa > 1e8, |value| outside [1e-300, 1e300], value 0 or not finite "
        "redrawn; then 80 rows near DLMF 15.8.4's cancellation: a, b U[-5, 5], c = a + b + m + delta "
        "for x > 0 (50% 1 - 10^U[-9, -1.3], 25% U[0.9, 1)), b = a + m + delta and c U[-5, 8] for "
        "x = -10^U[1, 7] (25%), m an integer in [-3, 3], |delta| = 10^U[-13, -1] of either sign; "
        "mpmath 1.4 at 200 bits (300 for the check, agreeing to 2^-60; the 300-bit value "
        "written), rounded to f64 (scripts/mpmath-hyp2f1-table.py)"
    ]
    done = 0
    while done < ROWS:
        f32 = done % 2 == 1
        args = draw(f32)
        t = time.time()
        r = row(args, reject)
        dt = time.time() - t
        if dt > 5:
            print(f"slow ({dt:.1f} s): {args}", file=sys.stderr)
        if r is None:
            continue
        value, kappa = r
        a, b, c, x = args
        lines.append(f"hyp2f1 {a!r} {b!r} {c!r} {x!r} {value!r} {kappa:.3g}")
        done += 1
        if done % 20 == 0:
            print(f"{done}/{ROWS} rows, {time.time() - start:.0f} s", file=sys.stderr)
    done = 0
    while done < NEAR:
        args = draw_near(done % 2 == 1)
        r = row(args, reject)
        if r is None:
            continue
        value, kappa = r
        a, b, c, x = args
        lines.append(f"hyp2f1 {a!r} {b!r} {c!r} {x!r} {value!r} {kappa:.3g}")
        done += 1
    with open("tests/data/hyp2f1_mpmath.txt", "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"done in {time.time() - start:.0f} s; rejected: {dict(reject)}", file=sys.stderr)


if __name__ == "__main__":
    main()
