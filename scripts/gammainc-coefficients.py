#!/usr/bin/env python3
"""Prints the constants of the regularised incomplete gamma functions (gammainc,
gammaincc) that src/backend/cpu/gammainc.rs, shaders/gammainc_math.wgsl and
kernels/common.cuh hold: Temme's coefficients c_k(η) = Σ d[k][n]·ηⁿ of the uniform
expansion Q(a, x) = ½ erfc(η√(a/2)) + e^(−aη²/2)/√(2πa)·Σ c_k(η)·a^−k (DLMF 8.12),
computed here in exact rational arithmetic, and the Taylor coefficients of ln Γ(1 + a).
Each row of d is cut where its terms fall below 2^-56 of c_0 for a ≥ 20 and |η| ≤ 0.4
(the kernels use the expansion for a > 20 and |x − a| < 0.3a, so |η| < 0.34). Not run
by CI; needs `pip install mpmath`."""
from fractions import Fraction as F

import mpmath as mp

D = 60  # series degree kept; each derivative step loses one


def mul(a, b):
    r = [F(0)] * (D + 1)
    for i, x in enumerate(a):
        if x:
            for j in range(D + 1 - i):
                r[i + j] += x * b[j]
    return r


def inv(a):
    r = [F(0)] * (D + 1)
    r[0] = 1 / a[0]
    for n in range(1, D + 1):
        r[n] = -sum(a[i] * r[n - i] for i in range(1, n + 1)) / a[0]
    return r


def sqrt1(a):  # a[0] = 1
    r = [F(0)] * (D + 1)
    r[0] = F(1)
    for n in range(1, D + 1):
        r[n] = (a[n] - sum(r[i] * r[n - i] for i in range(1, n))) / 2
    return r


def bernoulli(n):
    a, out = [F(0)] * (n + 1), []
    for m in range(n + 1):
        a[m] = F(1, m + 1)
        for j in range(m, 0, -1):
            a[j - 1] = j * (a[j - 1] - a[j])
        out.append(a[0])
    return out


# η²/2 = μ − ln(1 + μ), η ~ μ: η = μ·h(μ), h = √(Σ 2(−1)^j μ^j/(j + 2)); μ = η·m(η) by
# fixed-point iteration m = 1/h(η·m).
h = sqrt1([F(2 * (-1) ** j, j + 2) for j in range(D + 1)])
m = [F(1)] + [F(0)] * D
for _ in range(D + 1):
    mu = [F(0)] + m[:D]
    comp, p = [F(0)] * (D + 1), [F(1)] + [F(0)] * D
    for j in range(D + 1):
        comp = [c + h[j] * q for c, q in zip(comp, p)]
        p = mul(p, mu)
    m = inv(comp)
inv_m = inv(m)  # 1/μ = inv_m/η

# Stirling's g_k: Γ(z) ~ √(2π/z)·(z/e)^z·Σ g_k z^−k, the exponential of Σ B₂ⱼ/(2j(2j − 1)z^(2j−1)).
b = bernoulli(D + 2)
s = [F(0)] * (D + 1)
for j in range(1, D // 2 + 1):
    s[2 * j - 1] = b[2 * j] / (2 * j * (2 * j - 1))
g = [F(1)] + [F(0)] * D
for n in range(1, D + 1):
    g[n] = sum(k * s[k] * g[n - k] for k in range(1, n + 1)) / n

# c_0 = 1/μ − 1/η; c_k = (1/η)·c'_{k−1} + (−1)^k g_k/μ (DLMF 8.12.9).
rows = [[inv_m[i + 1] for i in range(D)] + [F(0)]]
for k in range(1, 25):
    der = [(i + 1) * rows[-1][i + 1] for i in range(D)] + [F(0)]
    num = [der[i] + (-1) ** k * g[k] * inv_m[i] for i in range(D + 1)]
    assert num[0] == 0
    rows.append(num[1:] + [F(0)])

cut = []
for k, row in enumerate(rows):
    need = [n for n in range(D - k - 1) if abs(float(row[n])) * 0.4**n * 20.0**-k > 2.0**-56 / 3]
    if not need:
        break
    cut.append([float(v) for v in row[: max(need) + 1]])
print("// Temme: %d rows, %d coefficients" % (len(cut), sum(map(len, cut))))
for row in cut:
    print("    &[%s]," % ", ".join(repr(v) for v in row))

mp.mp.prec = 200
taylor = [-mp.euler] + [(-1) ** n * mp.zeta(n) / n for n in range(2, 40)]
keep = [c for n, c in enumerate(taylor, 1) if abs(c) * 0.25 ** (n - 1) > 2.0**-56 * 0.5]
print("// ln Γ(1 + a), a¹ to a^%d" % len(keep))
print("    %s" % ", ".join(repr(float(c)) for c in keep))
