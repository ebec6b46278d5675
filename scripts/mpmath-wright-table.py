#!/usr/bin/env python3
"""tests/data/wright_bessel_mpmath.txt: Wright's generalized Bessel function
Phi(a, b; x) = sum_{k>=0} x^k / (k! G(a k + b)) at a >= 0, b >= 0, x >= 0 (SciPy's
wright_bessel; log_wright_bessel is ln Phi) for tests/special.rs, with 1/G(0) = 0 (so at
b = 0 the k = 0 term is 0), by summing the series in mpmath at 200 bits, checked at 300 (a
row whose two values differ by more than 2^-60 relative is dropped; the 300-bit value is
written, rounded to f64 for value and lnvalue).

Summation: every term t_k = x^k / (k! G(ak + b)) is >= 0 and k -> ln t_k is concave
(ln G is convex on (0, inf)), so the terms rise to a largest one and then fall. Its index
K is found in floats (the root of d/dk ln t_k = ln x - psi(k + 1) - a psi(ak + b) by
bisection, then the better of its floor and ceiling). Each term is
exp(k ln x - loggamma(k + 1) - loggamma(ak + b)) in mpmath at the working precision (the
exponent is below about 1e8 in size here, so 200 bits leave well over 150 of them), and the
sum runs outward from K in both directions, each direction stopping at the first term that
is smaller than its predecessor (the one nearer K), below 2^-250 times the running sum,
and whose geometric tail bound, t r / (1 - r) with r the ratio of that term to its
predecessor (the later ratios are no larger, by the concavity; downward also at most the
number of terms left times t), is below 2^-250 times the running sum too; so the sum is
within 2^-249 relative of Phi. At x = 0 only the k = 0 term, 1/G(b), is left. A row needing
more than 40,000 terms (estimated beforehand as 37 sigma + 10, sigma^-2 = psi'(K + 1) +
a^2 psi'(aK + b) the curvature of ln t_k at the peak, and counted while summing) is
redrawn. The script checks the summation at a = 0 against e^x / G(b), at a = 1 against
x^((1 - b)/2) I_{b-1}(2 sqrt x) (mpmath's besseli), both to 2^-150, and its derivative
sums below against mpmath.diff on a few points, before it draws any row.

kappa = sum |p dPhi/dp| / Phi over p = a, b, x, from the series at 200 bits (no numeric
differentiation): x dPhi/dx = sum k t_k; dPhi/db = sum x^k/k! (1/G)'(ak + b), with
(1/G)'(z) = -psi(z)/G(z) for z > 0, so that term is -t_k psi(ak + b), and (1/G)'(0) = 1
(the k = 0 term at b = 0, where it is multiplied by b = 0); dPhi/da = sum k x^k/k!
(1/G)'(ak + b). kappa is written to 3 significant digits; for ln Phi the condition number is
kappa / |lnvalue| (no column of its own).

Rows "wright a b x value lnvalue kappa", value the string inf where Phi exceeds f64's
largest value (lnvalue is still finite there). Points, from np.random.default_rng(20261207),
each argument drawn independently:
  a: 10% exactly 0, 20% 10^u with u uniform in [-6, -1], 30% uniform in [0, 1], 25% uniform
    in [1, 5], 10% uniform in [5, 20], 5% an integer in [1, 4];
  b: 10% an integer in [0, 5] (0 included), 15% 10^u with u uniform in [-8, 0], 30% uniform
    in [0, 2], 30% uniform in [0, 10], 15% uniform in [10, 60];
  x: 5% exactly 0, 25% uniform in [0, 5], 20% 10^u with u uniform in [-10, 1], 30% 10^u with
    u uniform in [1, 3], 20% 10^u with u uniform in [3, 7].
400 such rows, every second one (the odd rows, counting from 0) with a, b and x rounded to
f32 (float(np.float32(v))). Then 40 rows for the peak-window regime of ln Phi (mostly with
value inf): a = 10^u with u uniform in [-3, 0.5], b uniform in [0, 5], x = 10^u with u
uniform in [4, 12], again every second one rounded to f32. The draws are made in advance, in
this order: 3000 candidates (a, b, x) for the even rows, 3000 for the odd rows (rounded to
f32), 3000 for the stress rows (the odd-numbered ones rounded to f32; the even stress rows
take the even-numbered candidates, the odd ones the odd-numbered); each row takes the next
candidate of its list that is not rejected, and the lists are evaluated in parallel batches
(2 processes), which does not change the result. A candidate is rejected where Phi = 0 (a = b = 0, or b = 0 and x = 0),
where Phi < 1e-300 (rows have Phi >= 1e-300, or value inf for overflow), where lnvalue is
not finite, where kappa > 1e8, where the 200- and 300-bit values disagree as above, or
where the term count exceeds 40,000 (most rejections: a small a with a large x puts K near
x). The rejections are counted on stdout with a summary; this table's are 7 for the 400 rows
(5 for the term count, 2 for Phi = 0) and 50 for the 40 stress rows (all for the term count:
K grows like x^(1/(1 + a)), so small a with large x is redrawn). No row is chosen on any
implementation's accuracy. The run takes about 2 minutes. Run from the repository root with mpmath and numpy:

    python3 scripts/mpmath-wright-table.py
"""
import math
import multiprocessing
import sys
import time
from collections import Counter

import mpmath as mp
import numpy as np

rng = np.random.default_rng(20261207)
ROWS = 400
STRESS = 40
CANDIDATES = 3000
KAPPA_MAX = 1e8
TERM_MAX = 40000
BATCH = 16
OUT = "tests/data/wright_bessel_mpmath.txt"


def draw_a():
    kind = rng.uniform()
    if kind < 0.1:
        return 0.0
    if kind < 0.3:
        return float(10 ** rng.uniform(-6, -1))
    if kind < 0.6:
        return float(rng.uniform(0, 1))
    if kind < 0.85:
        return float(rng.uniform(1, 5))
    if kind < 0.95:
        return float(rng.uniform(5, 20))
    return float(rng.integers(1, 5))


def draw_b():
    kind = rng.uniform()
    if kind < 0.1:
        return float(rng.integers(0, 6))
    if kind < 0.25:
        return float(10 ** rng.uniform(-8, 0))
    if kind < 0.55:
        return float(rng.uniform(0, 2))
    if kind < 0.85:
        return float(rng.uniform(0, 10))
    return float(rng.uniform(10, 60))


def draw_x():
    kind = rng.uniform()
    if kind < 0.05:
        return 0.0
    if kind < 0.3:
        return float(rng.uniform(0, 5))
    if kind < 0.5:
        return float(10 ** rng.uniform(-10, 1))
    if kind < 0.8:
        return float(10 ** rng.uniform(1, 3))
    return float(10 ** rng.uniform(3, 7))


def draw():
    a = draw_a()
    b = draw_b()
    return [a, b, draw_x()]


def draw_stress():
    a = float(10 ** rng.uniform(-3, 0.5))
    b = float(rng.uniform(0, 5))
    return [a, b, float(10 ** rng.uniform(4, 12))]


def f32(args):
    return [float(np.float32(v)) for v in args]


def digamma(z):
    """psi(z) for a float z > 0 (to float accuracy, for locating the peak)."""
    if z < 1e-9:
        return -1 / z - 0.5772156649015329
    return mp.fp.psi(0, z)


def peak(a, b, x):
    """(k0, K, estimated term count): k0 the first index with a nonzero term, K the index of
    the largest term (floats)."""
    k0 = 1 if b == 0 else 0
    if x == 0:
        return k0, k0, 1
    a, b, x = float(a), float(b), float(x)

    def slope(k):  # d/dk ln t_k
        return math.log(x) - digamma(k + 1) - (a * digamma(a * k + b) if a else 0.0)

    def lt(k):
        return k * math.log(x) - math.lgamma(k + 1) - math.lgamma(a * k + b)

    if slope(k0) <= 0:
        K = k0
    else:
        lo, hi = float(k0), float(max(2 * k0, 1))
        while slope(hi) > 0:
            lo, hi = hi, 2 * hi
            if hi > 1e300:
                return k0, math.inf, math.inf
        for _ in range(200):
            mid = 0.5 * (lo + hi)
            if mid in (lo, hi):
                break
            if slope(mid) > 0:
                lo = mid
            else:
                hi = mid
        if lo > 1e15:  # far beyond the term limit; lt below would not resolve it
            return k0, lo, math.inf
        K = max(k0, math.floor(lo))
        if lt(K + 1) > lt(K):
            K += 1
    curv = mp.fp.psi(1, K + 1) + (a * a * mp.fp.psi(1, a * K + b) if a else 0.0)
    return k0, K, 37 / math.sqrt(curv) + 10


class TooManyTerms(Exception):
    pass


def series(a, b, x, prec, k0, K, deriv=False):
    """Phi(a, b; x) at prec bits by summing outward from K; with deriv also
    (x dPhi/dx, dPhi/db, dPhi/da). Returns (Phi, derivatives or None, terms summed)."""
    with mp.workprec(prec):
        A, B, X = mp.mpf(a), mp.mpf(b), mp.mpf(x)
        dx = db = da = mp.mpf(0)
        if b == 0:
            # the k = 0 term: t_0 = 0, (1/G)'(0) = 1, x^0/0! = 1 (k = 0 adds nothing to da)
            db += 1
        if x == 0:
            if b == 0:
                return mp.mpf(0), (dx, db, da), 0
            z = B
            s = mp.rgamma(z)
            if deriv:
                db += -s * mp.digamma(z)
            return s, (dx, db, da), 1
        lnx = mp.log(X)
        eps = mp.mpf(2) ** -250
        count = 0

        if a == 0 and b != 0:  # G(ak + b) = G(b) for every k
            lgb = mp.loggamma(B)
            psib = mp.digamma(B) if deriv else None

        def term(k):
            z = A * k + B
            if z == 0:  # only with a = b = 0; then 1/G(0) = 0 and (1/G)'(0) = 1
                return mp.mpf(0), mp.exp(k * lnx - mp.loggamma(k + 1))
            lg = lgb if a == 0 else mp.loggamma(z)
            return mp.exp(k * lnx - mp.loggamma(k + 1) - lg), None

        def add(k, t, dz):
            nonlocal dx, db, da
            if not deriv:
                return
            dx += k * t
            if dz is None:
                d = -t * (psib if a == 0 else mp.digamma(A * k + B))
            else:
                d = dz
            db += d
            da += k * d

        tK, dz = term(K)
        s = tK
        add(K, tK, dz)
        count = 1
        for step in (1, -1):
            prev = tK
            k = K + step
            while k >= k0:
                t, dz = term(k)
                s += t
                add(k, t, dz)
                count += 1
                if count > TERM_MAX:
                    raise TooManyTerms(count)
                if t < prev and t < eps * s:
                    r = t / prev
                    tail = t * r / (1 - r)
                    if step == -1:
                        tail = min(tail, t * (k - k0))
                    if tail < eps * s:
                        break
                prev = t
                k += step
        return s, ((dx, db, da) if deriv else None), count


def row(args):
    """(value, lnvalue, kappa, K, terms) or a rejection reason (str)."""
    a, b, x = args
    if a == 0 and b == 0:
        return "Phi = 0"
    k0, K, est = peak(a, b, x)
    if est > TERM_MAX:
        return "terms > 40000"
    try:
        s200, (dx, db, da), n = series(a, b, x, 200, k0, K, deriv=True)
        s300, _, _ = series(a, b, x, 300, k0, K)
    except TooManyTerms:
        return "terms > 40000"
    if s300 == 0:
        return "Phi = 0"
    with mp.workprec(300):
        if abs(s200 / s300 - 1) > mp.mpf(2) ** -60:
            return "200 and 300 bits disagree"
        if s300 < mp.mpf("1e-300"):
            return "Phi < 1e-300"
        value = float(s300)  # rounds to nearest; inf above f64's largest value
        lnvalue = float(mp.log(s300))
    if not math.isfinite(lnvalue):
        return "lnvalue not finite"
    with mp.workprec(200):
        kappa = float((abs(dx) + abs(b * db) + abs(a * da)) / s200)
    if not kappa <= KAPPA_MAX:
        return "kappa > 1e8"
    return value, lnvalue, kappa, K, n


def phi(a, b, x):
    """Phi at the current precision (a, b, x floats or mpf)."""
    k0, K, _ = peak(a, b, x)
    return series(a, b, x, mp.mp.prec, k0, K)[0]


def checks():
    """The summation against closed forms, its derivative sums against mpmath.diff."""
    with mp.workprec(200):
        tol = mp.mpf(2) ** -150
        for b, x in [(0.5, 3.7), (2.25, 150.0), (7.0, 1e4), (1e-3, 0.01), (33.5, 2e5)]:
            ref = mp.exp(mp.mpf(x)) * mp.rgamma(mp.mpf(b))
            got = phi(0.0, b, x)
            assert abs(got / ref - 1) < tol, ("a = 0", b, x, got, ref)
        for b, x in [(0.0, 2.5), (0.5, 1e3), (3.3, 1e5), (12.0, 0.02), (1.0, 7e6), (1e-7, 40.0)]:
            B, X = mp.mpf(b), mp.mpf(x)
            ref = X ** ((1 - B) / 2) * mp.besseli(B - 1, 2 * mp.sqrt(X))
            got = phi(1.0, b, x)
            assert abs(got / ref - 1) < tol, ("a = 1", b, x, got, ref)
        for a, b, x in [(0.7, 1.3, 5.5), (2.5, 0.2, 300.0), (0.01, 4.0, 12.0), (1.5, 0.0, 3.0),
                        (3.0, 25.0, 1e4)]:
            k0, K, _ = peak(a, b, x)
            _, (dx, db, da), _ = series(a, b, x, 200, k0, K, deriv=True)
            P = [mp.mpf(a), mp.mpf(b), mp.mpf(x)]
            # forward differences in b at b = 0 (the series is summed for b >= 0 only)
            refs = [mp.diff(lambda t: phi(P[0], P[1], t), P[2]) * P[2],
                    mp.diff(lambda t: phi(P[0], t, P[2]), P[1], direction=1 if b == 0 else 0),
                    mp.diff(lambda t: phi(t, P[1], P[2]), P[0])]
            for got, ref in zip((dx, db, da), refs):
                assert abs(got - ref) <= mp.mpf(10) ** -20 * abs(ref), ("diff", a, b, x, got, ref)


def fill(pool, cands, need, reject):
    """The first `need` accepted candidates, in order."""
    out = []
    i = 0
    while len(out) < need:
        if i >= len(cands):
            raise RuntimeError("out of candidates")
        batch = cands[i:i + BATCH]
        for args, r in zip(batch, pool.map(row, batch, chunksize=1)):
            if len(out) == need:
                break
            if isinstance(r, str):
                reject[r] += 1
            else:
                out.append((args, r))
        i += BATCH
    return out


def main():
    start = time.time()
    checks()
    print(f"checks passed ({time.time() - start:.1f} s)")
    even = [draw() for _ in range(CANDIDATES)]
    odd = [f32(draw()) for _ in range(CANDIDATES)]
    stress = [draw_stress() for _ in range(CANDIDATES)]
    stress = [f32(v) if i % 2 else v for i, v in enumerate(stress)]
    reject, reject_stress = Counter(), Counter()
    with multiprocessing.Pool(2) as pool:
        rows_even = fill(pool, even, ROWS // 2, reject)
        print(f"{ROWS // 2} f64 rows, {time.time() - start:.0f} s", file=sys.stderr)
        rows_odd = fill(pool, odd, ROWS // 2, reject)
        print(f"{ROWS // 2} f32 rows, {time.time() - start:.0f} s", file=sys.stderr)
        # the stress rows alternate f64 / f32 as well: two lists in one, split by parity
        s_even = fill(pool, stress[0::2], STRESS // 2, reject_stress)
        s_odd = fill(pool, stress[1::2], STRESS // 2, reject_stress)
    body = [r for pair in zip(rows_even, rows_odd) for r in pair]
    tail = [r for pair in zip(s_even, s_odd) for r in pair]
    lines = [
        "# a b x value lnvalue kappa: Wright's generalized Bessel function Phi(a, b; x) = "
        "sum_k x^k/(k! G(ak + b)) (SciPy's wright_bessel; lnvalue = ln Phi, log_wright_bessel) "
        "at a, b, x >= 0, 1/G(0) = 0; value inf where Phi overflows f64; kappa = sum |p dPhi/dp|/Phi "
        "over p = a, b, x, from the series (ln Phi's is kappa/|lnvalue|); a: 10% 0, 20% 10^U[-6, -1], "
        "30% U[0, 1], 25% U[1, 5], 10% U[5, 20], 5% integers in [1, 4]; b: 10% integers in [0, 5], "
        "15% 10^U[-8, 0], 30% U[0, 2], 30% U[0, 10], 15% U[10, 60]; x: 5% 0, 25% U[0, 5], "
        "20% 10^U[-10, 1], 30% 10^U[1, 3], 20% 10^U[3, 7]; every second row's arguments f32 values; "
        "rows with Phi = 0, Phi < 1e-300, kappa > 1e8 or more than 40000 series terms redrawn; "
        "then 40 rows for ln Phi's peak window (value mostly inf): a = 10^U[-3, 0.5], b U[0, 5], "
        "x = 10^U[4, 12], every second one f32, redrawn above 40000 terms; the series summed "
        "outward from its largest term in mpmath 1.4 at 200 bits (300 for the check, agreeing to "
        "2^-60; the 300-bit value written), rounded to f64 (scripts/mpmath-wright-table.py)"
    ]
    for args, (value, lnvalue, kappa, K, n) in body + tail:
        a, b, x = args
        lines.append(f"wright {a!r} {b!r} {x!r} {value!r} {lnvalue!r} {kappa:.3g}")
    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")
    allrows = body + tail
    infs = sum(1 for _, r in body if math.isinf(r[0]))
    infs_s = sum(1 for _, r in tail if math.isinf(r[0]))
    kmax = max(allrows, key=lambda p: p[1][2])
    Kmax = max(allrows, key=lambda p: p[1][3])
    nmax = max(allrows, key=lambda p: p[1][4])
    print(f"wrote {OUT}: {len(body)} rows + {len(tail)} stress rows = {len(allrows)}")
    print(f"value inf: {infs} of the {len(body)}, {infs_s} of the {len(tail)} stress rows")
    print(f"max kappa {kmax[1][2]:.3g} at (a, b, x) = {kmax[0]}")
    print(f"largest K {Kmax[1][3]} at {Kmax[0]}; most terms summed {nmax[1][4]} at {nmax[0]}")
    print(f"rejected: {dict(reject)}; stress rows: {dict(reject_stress)}")
    print(f"done in {time.time() - start:.0f} s")


if __name__ == "__main__":
    main()
