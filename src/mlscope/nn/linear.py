"""Linear regression, the one-neuron network: y_hat = x @ w + b, mean squared error.

Shapes: x is ndarray of shape (n_samples, n_features), y of shape (n_samples,), w of shape
(n_features,), b a float.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from mlscope.nn.functional import Standardiser

Array = NDArray[np.float64]


def mse(w: Array, b: float, x: Array, y: Array) -> float:
    """Mean squared error of x @ w + b against y."""
    return float(np.mean((x @ w + b - y) ** 2))


def mse_gradient(w: Array, b: float, x: Array, y: Array) -> tuple[Array, float]:
    """(dMSE/dw of shape (n_features,), dMSE/db)."""
    r = x @ w + b - y
    return np.asarray(2 * (x.T @ r) / len(y)), float(2 * np.mean(r))


def least_squares(x: Array, y: Array) -> tuple[Array, float]:
    """The (w, b) of least mean squared error (minimum norm where it is not unique)."""
    a = np.column_stack([x, np.ones(len(x))])
    sol, *_ = np.linalg.lstsq(a, y, rcond=None)
    return np.asarray(sol[:-1]), float(sol[-1])


def gd_step_standardised(w: Array, b: float, x: Array, y: Array, lr: float) \
        -> tuple[Array, float]:
    """One gradient-descent step taken in standardised units, returned in x's units.

    With every feature at mean 0 and deviation 1 the error is equally steep in every
    direction (its Hessian is 2·I for uncorrelated features), so one learning rate suits all
    weights; in raw units a feature in the thousands would need a rate ~10⁷ times smaller.
    """
    s = Standardiser(x)
    a, c = w * s.std, b + float(w @ s.mean)  # the same line in standardised units
    ga, gc = mse_gradient(a, c, s(x), y)
    a, c = a - lr * ga, c - lr * gc
    w_new = a / s.std
    return np.asarray(w_new), c - float(w_new @ s.mean)
