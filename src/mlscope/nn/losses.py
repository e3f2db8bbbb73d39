"""Losses with their gradients with respect to the network's output.

``out`` is ndarray of shape (n_samples, n_outputs). Targets: for ``SQUARE`` an ndarray of
shape (n_samples, n_outputs), float; for ``SOFTMAX_CE`` the class indices, ndarray of shape
(n_samples,), int, with ``out`` the logits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mlscope.nn.functional import cross_entropy, cross_entropy_grad

Array = NDArray[np.float64]


@dataclass(frozen=True)
class Loss:
    name: str
    label: str
    value: Callable[[Array, Array], float]
    """Mean loss over the samples."""
    grad: Callable[[Array, Array], Array]
    """d value / d out."""
    tex: str


def _square(out: Array, target: Array) -> float:
    return float(0.5 * np.sum((out - target) ** 2) / len(out))


def _square_grad(out: Array, target: Array) -> Array:
    return np.asarray((out - target) / len(out))


SQUARE = Loss("square", "squared error", _square, _square_grad,
              r"L = \frac{1}{n}\sum_i \tfrac12 (\hat y_i - y_i)^2")
"""TensorFlow Playground's loss: ½(output − target)² averaged over the points."""

SOFTMAX_CE = Loss("softmax_ce", "cross-entropy",
                  lambda out, t: cross_entropy(out, t.astype(int)),
                  lambda out, t: cross_entropy_grad(out, t.astype(int)),
                  r"L = -\frac{1}{n}\sum_i \ln \operatorname{softmax}(z_i)_{y_i}")
"""Cross-entropy of softmax(logits) against class indices."""


def _bce(out: Array, target: Array) -> float:
    a = np.clip(out, 1e-12, 1.0 - 1e-12)
    t = target.reshape(a.shape)
    return float(-np.sum(t * np.log(a) + (1.0 - t) * np.log(1.0 - a)) / len(a))


def _bce_grad(out: Array, target: Array) -> Array:
    a = np.clip(out, 1e-12, 1.0 - 1e-12)
    return np.asarray((a - target.reshape(a.shape)) / (a * (1.0 - a)) / len(a))


SIGMOID_CE = Loss("sigmoid_ce", "cross-entropy", _bce, _bce_grad,
                  r"L = -\frac{1}{n}\sum_i y_i \ln \hat y_i + (1 - y_i) \ln (1 - \hat y_i)")
"""Binary cross-entropy of sigmoid outputs ``out`` (in (0, 1)) against 0/1 targets."""
