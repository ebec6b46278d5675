#!/usr/bin/env python3
"""tests/data/ellipj_mpmath.txt: Jacobi's elliptic functions sn, cn, dn and the amplitude
am at (u, m) (SciPy's ellipj) for tests/special.rs, by mpmath's ellipfun at 160 bits,
checked at 240, each with its condition number in both arguments,
kappa = (|u df/du| + |m df/dm|)/|f| (df/du in closed form, df/dm numerically). The
amplitude is the continuous one: atan2(sn, cn) moved by whole turns to within pi of
pi*u/(2K(m)) for m < 1, atan2(sn, cn) itself for m > 1 (where cn > 0). u from 1e-5 to
200 of either sign, m in [0, 1], within 1e-16 of 1 and of 0, down to -1e12 and up to
1e3, and at fractions of the quarter period near m = 1; half the random points are f32
values. Run from the repository root with mpmath and numpy:

    python3 scripts/mpmath-ellipj-table.py
"""
import mpmath as mp
import numpy as np

rng = np.random.default_rng(20261207)


def am(u, m):
    sn, cn = mp.re(mp.ellipfun("sn", u, m=m)), mp.re(mp.ellipfun("cn", u, m=m))
    base = mp.atan2(sn, cn)
    if m >= 1:
        return base
    j = mp.nint((mp.pi * u / (2 * mp.ellipk(m)) - base) / (2 * mp.pi))
    return base + 2 * mp.pi * j


def funcs(u, m):
    """(sn, cn, dn, am) and their derivatives in u."""
    sn, cn, dn = (mp.re(mp.ellipfun(k, u, m=m)) for k in ("sn", "cn", "dn"))
    return [(sn, cn * dn), (cn, -sn * dn), (dn, -m * sn * cn), (am(u, m), dn)]


def row(u, m):
    out = []
    vals = {}
    for prec in (160, 240):
        with mp.workprec(prec):
            U, M = mp.mpf(u), mp.mpf(m)
            fs = funcs(U, M)
            vals[prec] = [float(v) for v, _ in fs]
            if prec == 160:
                for k, (v, du) in enumerate(fs):
                    dm = mp.diff(lambda y: funcs(U, y)[k][0], M)
                    out.append(float((abs(U * du) + abs(M * dm)) / abs(v)))
    assert vals[160] == vals[240], (u, m, vals)
    return vals[160], out


def points():
    fixed = [
        (0.5, 0.3), (1.0, 0.5), (1.8540746773013719, 0.5), (5.0, 0.9), (100.0, 0.5),
        (1e4, 0.8), (-7.0, 0.99), (30.0, 1 - 1e-11), (5.0, 1 - 1e-11), (50.0, 1 - 2.0**-52),
        (-95.71102522930629, 1 - 2.0**-48), (20.0, 1e-10), (3.0, 0.999999), (2.0, -1e6),
        (0.7, -3.0), (10.0, -1e-5), (1.5, 4.0), (0.3, 1.0000001), (0.2, 1e3), (3.0, 1.0),
        (-0.5, 1.0), (1e-5, 0.5), (1e-3, 1 - 1e-15), (40.0, 1e-300), (2.5, 0.0),
    ]
    pts = list(fixed)
    # Near m = 1 (and m → −∞, which maps there), at fractions of the quarter period K,
    # where cn and dn are small or the amplitude is far from a multiple of π/2.
    for p in (1e-4, 1e-8, 1e-12, 2.0**-52):
        kq = mp.ellipk(1 - mp.mpf(p))
        for f in (0.5, 0.999, 1.0, 1.001, 1.5, 2.0, 2.5, 3.3):
            pts.append((float(f * kq), 1 - p))
    for m in (-1e6, -1e12):
        kq = mp.ellipk(-mp.mpf(m) / (1 - m)) / mp.sqrt(1 - mp.mpf(m))
        for f in (0.5, 1.0, 1.5, 3.3):
            pts.append((float(f * kq), m))
    for i in range(300):
        u = float(rng.choice([-1.0, 1.0]) * 10 ** rng.uniform(-5, 2.3))
        kind = rng.uniform()
        if kind < 0.4:
            m = float(rng.uniform())
        elif kind < 0.6:
            m = 1 - 10 ** rng.uniform(-16, -1)
        elif kind < 0.7:
            m = 10 ** rng.uniform(-20, -3)
        elif kind < 0.85:
            m = -(10 ** rng.uniform(-3, 8))
        else:
            m = 1 + 10 ** rng.uniform(-8, 3)
        if i % 2:
            u, m = float(np.float32(u)), float(np.float32(m))
        pts.append((u, m))
    return pts


def main():
    lines = [
        "# u m sn cn dn am kappa_sn kappa_cn kappa_dn kappa_am: Jacobi's elliptic functions "
        "(SciPy's ellipj), kappa = (|u df/du| + |m df/dm|)/|f|; mpmath 1.4 at 160 bits "
        "(240 for the check), rounded to f64 (scripts/mpmath-ellipj-table.py)"
    ]
    for u, m in points():
        v, k = row(u, m)
        lines.append(" ".join([repr(u), repr(m)] + [repr(x) for x in v] + [f"{x:.3g}" for x in k]))
    with open("tests/data/ellipj_mpmath.txt", "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
