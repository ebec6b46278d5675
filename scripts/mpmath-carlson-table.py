#!/usr/bin/env python3
"""tests/data/carlson_mpmath.txt: Carlson's symmetric elliptic integrals R_F, R_D, R_G
(SciPy's elliprf, elliprd, elliprg) and R_C (elliprc; the principal value for y < 0) at real
arguments for tests/special.rs, by mpmath at 200 bits, checked at 300, each with its
condition number kappa = sum |a df/da| / |f| over the arguments (numerically). Arguments
log-uniform over 1e-30..1e30, a third of the points with one argument 0, some with all
three within 1e-6 of each other; half are f32 values (within f32's range).

tests/data/elliprj_mpmath.txt: R_J(x, y, z, p) (elliprj) the same way at 160 points, x, y,
z drawn as above and p log-uniform, for 30% negative (Cauchy's principal value, by
Carlson's transformation in mpmath: see rj_pv), 10% within 1e-6 of one of x, y, z and 10%
1e-8..1e-20 of the smallest non-zero one. Run from the repository root with mpmath and
numpy:

    python3 scripts/mpmath-carlson-table.py
"""
import mpmath as mp
import numpy as np

rng = np.random.default_rng(20261207)
FN = {
    "elliprf": mp.elliprf,
    "elliprd": mp.elliprd,
    "elliprg": mp.elliprg,
    "elliprc": mp.elliprc,
    "elliprj": mp.elliprj,
}


def rj_pv(x, y, z, p):
    """R_J's principal value for p < 0 by Carlson's transformation (DLMF 19.20.14) to a
    positive p, an identity, evaluated at the working precision: mpmath's own elliprj
    integrates there, minutes a point for widely spread arguments. check_rj_pv compares
    the two where the integration is quick (to 2^-120: its quadrature is the less exact)."""
    x, y, z = sorted([x, y, z])
    q = -p
    pp = (z * (x + y + q) - x * y) / (z + q)
    r = x * y + pp * q
    v = (pp - z) * mp.elliprj(x, y, z, pp) - 3 * mp.elliprf(x, y, z) + 3 * mp.sqrt(x * y * z / r) * mp.elliprc(r, pp * q)
    return v / (z + q)


def value(op, args):
    if op == "elliprj" and args[3] < 0:
        return rj_pv(*args)
    return mp.re(FN[op](*args))


def check_rj_pv():
    for args in ([1e-10, 2e5, 3.0, -0.5], [0.0, 2.0, 7.0, -3.0], [1.5, 0.25, 9.0, -1e-3], [4.0, 4.0, 0.5, -20.0]):
        with mp.workprec(200):
            a = [mp.mpf(v) for v in args]
            assert abs(rj_pv(*a) / mp.re(mp.elliprj(*a)) - 1) < mp.mpf(2) ** -120, args


def row(op, args):
    vals = []
    for prec in (200, 300):
        with mp.workprec(prec):
            vals.append(float(value(op, [mp.mpf(a) for a in args])))
    assert vals[0] == vals[1], (op, args, vals)
    with mp.workprec(200):
        a = [mp.mpf(v) for v in args]
        v = value(op, a)
        kappa = 0
        for i in range(len(a)):
            if a[i] == 0:
                continue
            d = mp.diff(lambda t: value(op, a[:i] + [t] + a[i + 1:]), a[i])
            kappa += abs(a[i] * d)
        kappa = float(kappa / abs(v))
    return vals[0], kappa


def triple(f32):
    lim = 30 if not f32 else 15
    kind = rng.uniform()
    if kind < 0.3:
        v = [float(10 ** rng.uniform(-lim, lim)) for _ in range(3)]
        v[int(rng.integers(3))] = 0.0
    elif kind < 0.45:
        c = float(10 ** rng.uniform(-lim, lim))
        v = [c * (1 + float(rng.uniform(-1e-6, 1e-6))) for _ in range(3)]
    else:
        v = [float(10 ** rng.uniform(-lim, lim)) for _ in range(3)]
    if f32:
        v = [float(np.float32(x)) for x in v]
    return v


def main():
    lines = [
        "# op x y z value kappa: Carlson's R_F, R_D, R_G (elliprf, elliprd, elliprg) and R_C(x, y) "
        "(elliprc, z unused), kappa = sum |a df/da|/|f| over the arguments; mpmath 1.4 at 200 bits "
        "(300 for the check), rounded to f64 (scripts/mpmath-carlson-table.py)"
    ]
    for op in ("elliprf", "elliprd", "elliprg", "elliprc"):
        for i in range(70):
            x, y, z = triple(i % 2 == 1)
            if op == "elliprd" and z == 0:
                z = float(10 ** rng.uniform(-3, 3))
            if op == "elliprd" and x == 0 and y == 0:
                y = 1.0
            if op == "elliprc":
                if y == 0:
                    y = 1.0
                if i % 3 == 0:
                    y = -y
                    x = x or 1.0  # R_C(0, y < 0) = 0
                args = [x, y]
            else:
                args = [x, y, z]
            v, k = row(op, args)
            cols = args + [0.0] * (3 - len(args))
            lines.append(f"{op} {cols[0]!r} {cols[1]!r} {cols[2]!r} {v!r} {k:.3g}")
    with open("tests/data/carlson_mpmath.txt", "w") as f:
        f.write("\n".join(lines) + "\n")
    check_rj_pv()
    lines = [
        "# x y z p value kappa: Carlson's R_J (elliprj; for p < 0 Cauchy's principal value), "
        "kappa = sum |a df/da|/|f| over the arguments; mpmath 1.4 at 200 bits (300 for the check), "
        "rounded to f64 (scripts/mpmath-carlson-table.py)"
    ]
    for i in range(160):
        f32 = i % 2 == 1
        x, y, z = triple(f32)
        lim = 30 if not f32 else 15
        kind = rng.uniform()
        if kind < 0.1:
            p = [x, y, z][int(rng.integers(3))] or y or z
            p *= 1 + float(rng.uniform(-1e-6, 1e-6))
        elif kind < 0.2:
            p = min(v for v in (x, y, z) if v > 0) * float(10 ** rng.uniform(-20, -8))
        else:
            p = float(10 ** rng.uniform(-lim, lim))
            if kind > 0.7:
                p = -p
        if f32:
            p = float(np.float32(p))
        if [x, y, z].count(0.0) >= 2:
            z = 1.0
        v, k = row("elliprj", [x, y, z, p])
        lines.append(f"elliprj {x!r} {y!r} {z!r} {p!r} {v!r} {k:.3g}")
    with open("tests/data/elliprj_mpmath.txt", "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
