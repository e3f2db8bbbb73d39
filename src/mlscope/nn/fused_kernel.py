"""The numba-compiled training epoch that ``mlscope.nn.fused`` loads (imported only there,
and only where numba is installed).

Layout: ``flat`` holds every layer's weights (row-major, (n_l, n_{l+1})), then every layer's
biases, as ``MLP.flat``; ``grad`` has the same layout. Per batch: the forward pass keeps each
layer's pre-activations z and activations a (one row per point), the backward pass turns
d loss / d output into every gradient, then one optimiser step runs over all of ``flat`` and
the regulariser's step over its weights. The formulas are those of ``activations.py``,
``losses.py``, ``optimisers.py`` and ``train.py``, in the same order.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit, types
from numpy.typing import NDArray

from mlscope.nn.activations import LEAKY_SLOPE

GELU_C = math.sqrt(2.0 / math.pi)
Vec = NDArray[np.float64]
Mat = NDArray[np.float64]
Ints = NDArray[np.int64]

SIGNATURE = types.int64(
    types.float64[::1], types.float64[::1], types.int64, types.int64[::1], types.int64[::1],
    types.float64[:, ::1], types.float64[:, ::1], types.int64, types.int64, types.float64,
    types.int64, types.float64[::1], types.float64[::1], types.float64[::1], types.int64,
    types.int64, types.float64)
"""train_epoch(flat, grad, n_weights, sizes, activation codes, x, y, loss code, batch size,
learning rate, optimiser code, optimiser state 1, state 2, hyper-parameters, updates so far,
regulariser code, regulariser step) -> updates so far."""


@njit(cache=True, inline="always")
def _sigmoid(z: float) -> float:
    e = math.exp(-abs(z))
    return 1.0 / (1.0 + e) if z >= 0 else e / (1.0 + e)


@njit(cache=True, inline="always")
def _f(code: int, z: float) -> float:
    if code == 0:
        return z if z > 0 else 0.0
    if code == 1:
        return math.tanh(z)
    if code == 2:
        return _sigmoid(z)
    if code == 3:
        return z
    if code == 4:
        return z if z > 0 else math.expm1(min(z, 0.0))
    if code == 5:
        return z if z > 0 else LEAKY_SLOPE * z
    if code == 6:
        return 0.5 * z * (1.0 + math.tanh(GELU_C * (z + 0.044715 * z ** 3)))
    if code == 7:
        return z * _sigmoid(z)
    if code == 8:  # log(1 + e^z), as numpy's logaddexp(0, z)
        return max(z, 0.0) + math.log1p(math.exp(-abs(z)))
    if code == 9:
        return math.sin(z)
    return math.exp(-z * z)


@njit(cache=True, inline="always")
def _df(code: int, z: float, a: float) -> float:
    if code == 0:
        return 1.0 if z > 0 else 0.0
    if code == 1:
        return 1.0 - a * a
    if code == 2:
        return a * (1.0 - a)
    if code == 3:
        return 1.0
    if code == 4:
        return 1.0 if z > 0 else a + 1.0
    if code == 5:
        return 1.0 if z > 0 else LEAKY_SLOPE
    if code == 6:
        t = math.tanh(GELU_C * (z + 0.044715 * z ** 3))
        return 0.5 * (1.0 + t) + 0.5 * z * (1.0 - t * t) * GELU_C * (1.0 + 3 * 0.044715 * z * z)
    if code == 7:
        s = _sigmoid(z)
        return s + a * (1.0 - s)
    if code == 8:
        return _sigmoid(z)
    if code == 9:
        return math.cos(z)
    return -2.0 * z * a


@njit(cache=True)
def train_epoch(flat: Vec, grad: Vec, n_weights: int, sizes: Ints, acts: Ints, x: Mat, y: Mat,
                loss_code: int, batch: int, lr: float, opt_code: int, s1: Vec, s2: Vec,
                hyper: Vec, t: int, reg_code: int, reg_step: float) -> int:
    n_layers = len(sizes) - 1
    total = 0
    for k in range(1, n_layers + 1):
        total += sizes[k]
    width = min(batch, x.shape[0])
    zs = np.empty((width, total))
    outs = np.empty((width, total))
    delta = np.empty((width, total))
    w_at = np.empty(n_layers, dtype=np.int64)  # where layer k's weights, biases and neurons
    b_at = np.empty(n_layers, dtype=np.int64)  # start in flat and in zs
    n_at = np.empty(n_layers, dtype=np.int64)
    w, b, n = 0, n_weights, 0
    for k in range(n_layers):
        w_at[k], b_at[k], n_at[k] = w, b, n
        w += sizes[k] * sizes[k + 1]
        b += sizes[k + 1]
        n += sizes[k + 1]
    out_at, n_out = n_at[n_layers - 1], sizes[n_layers]
    n_params = flat.shape[0]

    for start in range(0, x.shape[0], batch):
        m = min(batch, x.shape[0] - start)
        # forward: z = a_prev @ W + b, a = f(z)
        for k in range(n_layers):
            n_in, n_o, at, wk = sizes[k], sizes[k + 1], n_at[k], w_at[k]
            for r in range(m):
                for j in range(n_o):
                    acc = 0.0
                    for i in range(n_in):
                        a_in = x[start + r, i] if k == 0 else outs[r, n_at[k - 1] + i]
                        acc += a_in * flat[wk + i * n_o + j]
                    z = acc + flat[b_at[k] + j]
                    zs[r, at + j] = z
                    outs[r, at + j] = _f(acts[k], z)
        # d loss / d output: ½(out − target)² or softmax cross-entropy, mean over the batch
        for r in range(m):
            if loss_code == 0:
                for j in range(n_out):
                    delta[r, out_at + j] = (outs[r, out_at + j] - y[start + r, j]) / m
            else:
                top = -np.inf
                for j in range(n_out):
                    top = max(top, outs[r, out_at + j])
                norm = 0.0
                for j in range(n_out):
                    norm += math.exp(outs[r, out_at + j] - top)
                for j in range(n_out):
                    p = math.exp(outs[r, out_at + j] - top) / norm
                    if j == int(y[start + r, 0]):
                        p -= 1.0
                    delta[r, out_at + j] = p / m
        # backward
        for k in range(n_layers - 1, -1, -1):
            n_in, n_o, at = sizes[k], sizes[k + 1], n_at[k]
            for r in range(m):
                for j in range(n_o):
                    delta[r, at + j] *= _df(acts[k], zs[r, at + j], outs[r, at + j])
            gw = grad[w_at[k]:w_at[k] + n_in * n_o]
            gw[:] = 0.0
            for r in range(m):
                for i in range(n_in):
                    a_in = x[start + r, i] if k == 0 else outs[r, n_at[k - 1] + i]
                    row = i * n_o
                    for j in range(n_o):
                        gw[row + j] += a_in * delta[r, at + j]
            for j in range(n_o):
                acc = 0.0
                for r in range(m):
                    acc += delta[r, at + j]
                grad[b_at[k] + j] = acc
            if k:
                prev = n_at[k - 1]
                for r in range(m):
                    for i in range(n_in):
                        acc = 0.0
                        for j in range(n_o):
                            acc += delta[r, at + j] * flat[w_at[k] + i * n_o + j]
                        delta[r, prev + i] = acc
        # the optimiser's step over every parameter (none for code -1: gradients only)
        t += 1
        if opt_code == 0:
            for q in range(n_params):
                flat[q] -= lr * grad[q]
        elif opt_code == 1:
            for q in range(n_params):
                s1[q] = s1[q] * hyper[0] + grad[q]
                flat[q] -= lr * s1[q]
        elif opt_code == 2:
            rho, eps = hyper[0], hyper[2]
            for q in range(n_params):
                g = grad[q]
                s1[q] = s1[q] * rho + (1.0 - rho) * g * g
                flat[q] -= lr * g / (math.sqrt(s1[q]) + eps)
        elif opt_code == 3:
            b1, b2, eps = hyper[0], hyper[1], hyper[2]
            step = lr * math.sqrt(1.0 - b2 ** t) / (1.0 - b1 ** t)
            for q in range(n_params):
                g = grad[q]
                s1[q] = s1[q] * b1 + (1.0 - b1) * g
                s2[q] = s2[q] * b2 + (1.0 - b2) * g * g
                flat[q] -= step * s1[q] / (math.sqrt(s2[q]) + eps)
        # the regulariser's step on the weights: L2 shrinks, L1 moves toward 0 and stops there
        if reg_code == 2 and reg_step != 0:
            for q in range(n_weights):
                flat[q] -= reg_step * flat[q]
        elif reg_code == 1 and reg_step != 0:
            for q in range(n_weights):
                v = flat[q]
                sign = 1.0 if v > 0 else (-1.0 if v < 0 else 0.0)
                shrunk = v - reg_step * sign
                flat[q] = 0.0 if shrunk * v < 0 else shrunk
    return t
