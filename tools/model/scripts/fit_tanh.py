#!/usr/bin/env python3
"""Fits the rational tanh of AttentiveForward: tanh(x) ~ x * P(x^2) / Q(x^2) on [0, 9] (odd),
P of degree 6 and Q of degree 3 in x^2 with Q(0) = 1, nearly minimax in absolute error.

Method: linearised least squares (x*P - y*(Q - 1) = y, weighted by 1/Q of the last fit, the
Sanathanan-Koerner iteration), then Lawson's reweighting towards the minimax fit; kept is the
fit with the smallest largest error. Printed: the error in double precision, the error of the
float32 evaluation as the Java code does it (Horner with fused multiply-adds, one division),
and the coefficients to paste (powers of x^2, float32). Needs numpy (Debian python3-numpy).
"""
import numpy as np

CLAMP = 9.0  # tanh(9) = 1 - 3e-8: rounds to 1 in float32
N_P, N_Q = 7, 3


def fit():
    x = np.concatenate([np.linspace(0, CLAMP, 40001)[1:], CLAMP * np.sin(np.linspace(0, np.pi / 2, 20001))[1:]])
    x.sort()
    t = (x / CLAMP) ** 2  # fitted in t in [0, 1]: powers of x^2 up to x^12 would be ill-conditioned
    y = np.tanh(x)
    weights = np.ones_like(x)
    denominator = np.ones_like(x)
    best = None
    for iteration in range(400):
        a = np.hstack([x[:, None] * t[:, None] ** np.arange(N_P)[None, :],
                       -y[:, None] * t[:, None] ** np.arange(1, N_Q + 1)[None, :]])
        scale = (weights / denominator)[:, None]
        coef, *_ = np.linalg.lstsq(a * scale, y * scale[:, 0], rcond=None)
        p, q = coef[:N_P], coef[N_P:]
        denominator = 1 + sum(q[k] * t ** (k + 1) for k in range(N_Q))
        error = x * sum(p[k] * t ** k for k in range(N_P)) / denominator - y
        largest = np.max(np.abs(error))
        if best is None or largest < best[0]:
            best = (largest, p.copy(), q.copy())
        if iteration > 20:
            weights = weights * (np.abs(error) / largest + 1e-3)
            weights /= weights.mean()
    largest, p, q = best
    numerator = [np.float32(p[k] / CLAMP ** (2 * k)) for k in range(N_P)]
    denominator = [np.float32(1.0)] + [np.float32(q[k] / CLAMP ** (2 * (k + 1))) for k in range(N_Q)]
    return largest, numerator, denominator


def fma(a, b, c):
    return np.float32(np.float64(a) * np.float64(b) + np.float64(c))


def tanh32(x, numerator, denominator):
    c = np.float32(max(-CLAMP, min(CLAMP, x)))
    c2 = np.float32(c * c)
    p = fma(c2, numerator[6], numerator[5])
    for k in (4, 3, 2, 1, 0):
        p = fma(c2, p, numerator[k])
    p = np.float32(c * p)
    q = fma(c2, denominator[3], denominator[2])
    q = fma(c2, q, denominator[1])
    q = fma(c2, q, denominator[0])
    return np.float32(p / q)


if __name__ == "__main__":
    largest, numerator, denominator = fit()
    print("largest error, double precision:", largest)
    worst = worst_relative = 0.0
    for x in (np.arange(-200_000, 200_001, 7) * np.float32(1e-4)).astype(np.float32):
        error = abs(float(tanh32(x, numerator, denominator)) - np.tanh(float(x)))
        worst = max(worst, error)
        if x != 0:
            worst_relative = max(worst_relative, error / abs(np.tanh(float(x))))
    print("largest error, float32 as in Java: absolute", worst, "relative", worst_relative)
    for k, v in enumerate(numerator):
        print(f"P{2 * k + 1} = {float(v)!r}f")
    for k, v in enumerate(denominator):
        print(f"Q{2 * k} = {float(v)!r}f")
