#!/usr/bin/env python3
"""tests/data/agm_mpmath.txt: the arithmetic-geometric mean agm(a, b) (SciPy's agm) for
tests/special.rs, by mpmath at 200 bits, checked at 300: a and b log-uniform over 1e±300
(f64 rows) and 1e±30 (f32 rows, f32 values), half of them within a factor 1 + 1e-6 of each
other, a tenth both negative. The condition number is at most 1 (agm is homogeneous of
degree 1 and increasing in both arguments). Run from the repository root with mpmath and
numpy:

    python3 scripts/mpmath-agm-table.py
"""
import mpmath as mp
import numpy as np

rng = np.random.default_rng(20261207)


def main():
    lines = ["# a b agm(a, b): mpmath 1.4 at 200 bits (300 for the check), rounded to f64 (scripts/mpmath-agm-table.py)"]
    for i in range(120):
        f32 = i % 2 == 1
        lim = 30 if f32 else 300
        a = float(10 ** rng.uniform(-lim, lim))
        b = a * (1 + float(rng.uniform(-1e-6, 1e-6))) if i % 4 < 2 else float(10 ** rng.uniform(-lim, lim))
        if i % 10 == 0:
            a, b = -a, -b
        if f32:
            a, b = float(np.float32(a)), float(np.float32(b))
        vals = []
        for prec in (200, 300):
            with mp.workprec(prec):
                vals.append(float(mp.agm(mp.mpf(a), mp.mpf(b)) if a > 0 else -mp.agm(-mp.mpf(a), -mp.mpf(b))))
        assert vals[0] == vals[1], (a, b, vals)
        lines.append(f"{a!r} {b!r} {vals[0]!r}")
    with open("tests/data/agm_mpmath.txt", "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
