"""Functions of the network with their derivatives beside them.

Shapes: ``z`` (logits) is ndarray of shape (n_samples, n_classes); ``y`` holds class indices,
ndarray of shape (n_samples,).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]


def softmax(z: Array, axis: int = -1) -> Array:
    """exp(z) / sum(exp(z)) along ``axis``, computed stably (shifted by the maximum)."""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return np.asarray(e / np.sum(e, axis=axis, keepdims=True))


def cross_entropy(z: Array, y: NDArray[np.integer]) -> float:
    """Mean of -log softmax(z)[y] over the samples, from logits (stable log-sum-exp)."""
    z = np.asarray(z, dtype=float)
    m = np.max(z, axis=1, keepdims=True)
    log_p = z - m - np.log(np.sum(np.exp(z - m), axis=1, keepdims=True))
    return float(-np.mean(log_p[np.arange(len(y)), y]))


def cross_entropy_grad(z: Array, y: NDArray[np.integer]) -> Array:
    """d cross_entropy / d z = (softmax(z) - onehot(y)) / n_samples."""
    g = softmax(z, axis=1)
    g[np.arange(len(y)), y] -= 1.0
    return np.asarray(g / len(y))


class Standardiser:
    """Scale each column to mean 0 and standard deviation 1 (a constant column keeps scale 1).

    Gradient descent steps in standardised units, where every direction is about equally
    steep, and the explorables convert back to the units on the sliders.
    """

    def __init__(self, x: Array) -> None:
        x = np.asarray(x, dtype=float)
        self.mean = x.mean(axis=0)
        std = x.std(axis=0)
        self.std = np.where(std > 0, std, 1.0)

    def __call__(self, x: Array) -> Array:
        return np.asarray((np.asarray(x, dtype=float) - self.mean) / self.std)
