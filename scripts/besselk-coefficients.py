#!/usr/bin/env python3
"""Prints the coefficient tables of the modified Bessel functions K0 and K1 (SciPy's k0,
k0e, k1, k1e) used by src/backend/cpu/besselk.rs, shaders/besselk_math.wgsl and
kernels/common.cuh, by mpmath at 200 bits (needs `pip install mpmath`).

- x <= 1: the power series in t = x²/4 (DLMF 10.31.1-2, ψ(k + 1) = H_k − γ):
  K0(x) = −(ln(x/2) + γ)·Σ t^k/k!² + Σ H_k·t^k/k!²,
  K1(x) = 1/x + (ln(x/2) + γ)·(x/2)·Σ t^k/(k!(k + 1)!) − (x/4)·Σ (H_k + H_(k+1))·t^k/(k!(k + 1)!),
  eleven terms each (k <= 10; the next is below 1e-19 of the sum for t <= ¼).
- x >= 1: e^x·√x·K_n(x) as a Chebyshev series in 4/x − 2 (Cephes' `chbevl` form: the
  highest order first, the constant term doubled), 35 terms (the rest below 1e-18)."""
import mpmath as mp

mp.mp.prec = 200
SERIES, CHEB = 11, 35


def chebyshev(f, n):
    """Chebyshev coefficients of f(2/(t + 1)) on t in [-1, 1], by interpolation at the
    roots of T_(n + 20)."""
    m = n + 20
    nodes = [(j + mp.mpf(1) / 2) * mp.pi / m for j in range(m)]
    vals = [f(2 / (mp.cos(a) + 1)) for a in nodes]
    return [2 * mp.fsum(v * mp.cos(k * a) for v, a in zip(vals, nodes)) / m for k in range(n)]


h = [mp.mpf(0)]
for k in range(1, SERIES + 1):
    h.append(h[-1] + mp.mpf(1) / k)
fact = mp.factorial
tables = {
    "K0_I": [1 / fact(k) ** 2 for k in range(SERIES)],
    "K0_H": [h[k] / fact(k) ** 2 for k in range(SERIES)],
    "K1_I": [1 / (fact(k) * fact(k + 1)) for k in range(SERIES)],
    "K1_H": [(h[k] + h[k + 1]) / (fact(k) * fact(k + 1)) for k in range(SERIES)],
}
for n in (0, 1):
    tables["K%d_B" % n] = chebyshev(lambda x: mp.exp(x) * mp.sqrt(x) * mp.besselk(n, x), CHEB)
euler_gap = mp.log(2) - mp.euler
print("// ln 2 − γ in two parts: %r, %r" % (float(euler_gap), float(euler_gap - float(euler_gap))))
for name, cs in tables.items():
    cs = [float(c) for c in reversed(cs)]  # highest order first
    print("const %s: [f64; %d] = [\n%s\n];" % (name, len(cs), "\n".join("    %r," % c for c in cs)))
