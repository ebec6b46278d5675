#!/usr/bin/env python3
"""tests/data/sph_legendre_mpmath.txt: the spherical Legendre function (SciPy's
sph_legendre_p(n, m, theta)) P(n, m, theta) = sqrt((2n + 1)/(4 pi) (n - m)!/(n + m)!)
P_n^m(cos theta), with the Condon-Shortley phase, for tests/special.rs, by mpmath, each
with its condition number kappa = |theta dP/dtheta|/|P| (numerically). The reference is
not our recurrence: with k = |m|, DLMF 14.3.1 for P_n^(-k) and 14.9.3,
P = (-1)^k sqrt((2n + 1)/(4 pi) (n + k)!/(n - k)!) sin^k(theta)/(2^k k!)
F(k - n, n + k + 1; k + 1; sin^2(theta/2)), times (-1)^k again for m < 0, the terminating
series summed term by term at 128 + 4n bits (its terms reach 4^n times the value), checked at 128
more (and raised by 256 until the two agree). Degrees: 0 to 10, to 100, to 1,000 and a few to 4,000; orders uniform in [-n, n],
+-n and small; theta uniform on (0, pi), within 1e-8..0.1 of 0 or pi, within 1e-3 of
pi/2, and on (-20, 20); half the rows hold f32 values. Run from the repository root with
mpmath and numpy:

    python3 scripts/mpmath-sph-legendre-table.py
"""
import mpmath as mp
import numpy as np

rng = np.random.default_rng(20261208)


def terminating_f(a, b, c, z):
    """F(a, b; c; z) for a = -N, summed term by term (mpmath's hyp2f1 takes minutes near
    z = 1 at degree 4,000)."""
    term, total = mp.mpf(1), mp.mpf(1)
    for j in range(-a):
        term *= mp.mpf((a + j) * (b + j)) / ((c + j) * (j + 1)) * z
        total += term
    return total


def P(n, m, th):
    k = abs(m)
    s = mp.sin(th)
    f = terminating_f(k - n, n + k + 1, k + 1, mp.sin(th / 2) ** 2)
    v = mp.sqrt((2 * n + 1) / (4 * mp.pi) * mp.factorial(n + k) / mp.factorial(n - k))
    v *= abs(s) ** k / (2**k * mp.factorial(k)) * f
    if m > 0 and k % 2 == 1:
        v = -v
    return v


def value(n, m, th, bits):
    with mp.workprec(bits):
        return P(n, m, mp.mpf(th))


def row(n, m, th):
    bits = 128 + 4 * n
    a, b = value(n, m, th, bits), value(n, m, th, bits + 128)
    while float(a) != float(b):  # near a zero: more bits until two agree
        bits += 256
        a, b = b, value(n, m, th, bits + 128)
    if b == 0:
        return None
    with mp.workprec(bits + 128):
        t = mp.mpf(th)
        h = abs(t) * mp.mpf(2) ** -60 if t != 0 else mp.mpf(2) ** -60
        d = (P(n, m, t + h) - P(n, m, t - h)) / (2 * h)
        kappa = abs(t * d / b)
    return float(b), float(kappa)


def angle(kind):
    if kind == 0:
        return rng.uniform(0, np.pi)
    if kind == 1:
        return 10 ** rng.uniform(-8, -1)
    if kind == 2:
        return np.pi - 10 ** rng.uniform(-8, -1)
    if kind == 3:
        return np.pi / 2 + rng.uniform(-1e-3, 1e-3)
    return rng.uniform(-20, 20)


def main():
    rows = []
    while len(rows) < 600:
        i = len(rows)
        n = int([rng.integers(0, 11), rng.integers(0, 101), rng.integers(0, 1001), rng.integers(0, 4001)][
            rng.choice(4, p=[0.25, 0.35, 0.36, 0.04])
        ])
        kind = rng.integers(0, 4)
        m = [int(rng.integers(-n, n + 1)), n, -n, int(rng.integers(-min(n, 5), min(n, 5) + 1))][kind]
        th = angle(rng.integers(0, 5))
        if i % 2 == 1:
            th = float(np.float32(th))
        r = row(n, m, th)
        if r is None:
            continue
        rows.append(f"sph {n} {m} {th!r} {r[0]!r} {r[1]:.3g}")
        if len(rows) % 50 == 0:
            print(len(rows), flush=True)
    with open("tests/data/sph_legendre_mpmath.txt", "w") as f:
        f.write(
            "# op n m theta value kappa: the spherical Legendre function P(n, m, theta) (SciPy's "
            "sph_legendre_p), kappa = |theta dP/dtheta|/|P|; mpmath at 128 + 4n bits (128 more for the "
            "check) by DLMF 14.3.1, rounded to f64 (scripts/mpmath-sph-legendre-table.py)\n"
        )
        f.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
