#!/usr/bin/env python3
"""tests/data/lpmv_mpmath.txt: the associated Legendre function P_v^m(x) of integer order
and real degree, with the Condon-Shortley phase (SciPy's lpmv(m, v, x)), for
tests/special.rs, by mpmath at 200 bits, checked at 300, each with its condition number
kappa = (|v dP/dv| + |x dP/dx|)/|P| (numerically). The reference is DLMF 14.3.1 after
Euler's transformation, P_v^(-k)(x) = (1 - x^2)^(k/2)/(2^k k!) F(k - v, k + v + 1; k + 1;
(1 - x)/2), times (-1)^k (v - k + 1)_(2k) for +k (DLMF 14.9.3), and for integer v < k
((1 - x)/(1 + x))^(k/2)/k! F(v + 1, -v; k + 1; (1 - x)/2); mpmath's hyp2f1 continues F to
t near 1 itself. Rows are tagged "lpmv" for |m| <= 20 and "lpmv_high" for 20 < |m| <= 60.
Degrees: uniform on (-3, 30), log-uniform to 3e3 (a few to 3e4), integers, half-integers
and within 1e-9 of an integer; x uniform on (-1, 1), within 1e-8..0.1 of -1 or 1, and
about the methods' switches (x = -0.8, x = 0, the turning point); half the rows hold f32
values. Run from the repository root with mpmath and numpy:

    python3 scripts/mpmath-lpmv-table.py
"""
import mpmath as mp
import numpy as np

rng = np.random.default_rng(20261207)


def P(m, v, x):
    k = abs(m)
    if v < -0.5:
        v = -v - 1
    t = (1 - x) / 2
    if v == mp.floor(v) and v < k:
        if m >= 0:
            return mp.mpf(0)
        return ((1 - x) / (1 + x)) ** (mp.mpf(k) / 2) / mp.factorial(k) * mp.hyp2f1(v + 1, -v, k + 1, t)
    p = ((1 - x) * (1 + x)) ** (mp.mpf(k) / 2) / (2**k * mp.factorial(k)) * mp.hyp2f1(k - v, k + v + 1, k + 1, t)
    if m > 0:
        p *= (-1) ** k * mp.rf(v - k + 1, 2 * k)
    return p


def row(m, v, x):
    vals = []
    for prec in (200, 300):
        with mp.workprec(prec):
            vals.append(float(P(m, mp.mpf(v), mp.mpf(x))))
    assert vals[0] == vals[1], (m, v, x, vals)
    with mp.workprec(200):
        a, b = mp.mpf(v), mp.mpf(x)
        p = P(m, a, b)
        if p == 0:
            return 0.0, float("inf")
        kappa = 0
        if a != 0:
            kappa += abs(a * mp.diff(lambda t: P(m, t, b), a))
        if b != 0:
            kappa += abs(b * mp.diff(lambda t: P(m, a, t), b))
        kappa = float(kappa / abs(p))
    return vals[0], kappa


def degree():
    kind = rng.uniform()
    if kind < 0.3:
        return float(rng.uniform(-3, 30))
    if kind < 0.55:
        return float(10 ** rng.uniform(0, 3.5)) * (1 if rng.uniform() < 0.9 else -1)
    if kind < 0.6:
        return float(10 ** rng.uniform(3.5, 4.5))
    if kind < 0.75:
        return float(rng.integers(0, 80))
    if kind < 0.85:
        return float(rng.integers(0, 80)) + 0.5
    return float(rng.integers(1, 80)) + float(rng.choice([-1, 1])) * float(10 ** rng.uniform(-9, -5))


def argument(m, v):
    kind = rng.uniform()
    if kind < 0.4:
        return float(rng.uniform(-1, 1))
    if kind < 0.6:
        return -1 + float(10 ** rng.uniform(-8, -1))
    if kind < 0.75:
        return 1 - float(10 ** rng.uniform(-8, -1))
    if kind < 0.85:
        return float(rng.choice([-0.8, 0.0, -0.35])) + float(rng.uniform(-1e-3, 1e-3))
    # About x < 0's turning point |m|/sqrt(1 - x^2) = |v|.
    s = min(1.0, abs(m) / max(abs(v), 1.0)) * float(rng.uniform(0.8, 1.2))
    return -float(np.sqrt(max(0.0, 1 - min(s, 1.0) ** 2)))


def main():
    lines = [
        "# op m v x value kappa: P_v^m(x) with the Condon-Shortley phase (SciPy's lpmv), "
        "kappa = (|v dP/dv| + |x dP/dx|)/|P|; lpmv for |m| <= 20, lpmv_high for 20 < |m| <= 60; "
        "mpmath 1.4 at 200 bits (300 for the check), rounded to f64 (scripts/mpmath-lpmv-table.py)"
    ]
    done = 0
    while done < 520:
        high = done >= 400
        m = int(rng.integers(21, 61)) if high else int(rng.integers(0, 21))
        m = -m if rng.uniform() < 0.4 else m
        v = degree()
        x = argument(m, v)
        if done % 2 == 1:
            v, x = float(np.float32(v)), float(np.float32(x))
        if not -1 < x < 1:
            continue
        val, kappa = row(m, v, x)
        if val == 0 or not np.isfinite(val) or not np.isfinite(kappa):
            continue
        lines.append(f"{'lpmv_high' if high else 'lpmv'} {m} {v!r} {x!r} {val!r} {kappa:.3g}")
        done += 1
    with open("tests/data/lpmv_mpmath.txt", "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
