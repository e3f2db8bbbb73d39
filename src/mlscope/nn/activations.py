"""Activation functions with their derivatives, by name.

Each ``Activation`` has ``f(z)`` and ``df(z, a)``: the derivative at pre-activation ``z``,
given ``a = f(z)`` already computed (tanh' = 1 - a² needs no second tanh). Every pair is
checked against finite differences in ``tests/unit/test_nn_engine.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]

LEAKY_SLOPE = 0.01
"""Slope of leaky ReLU below zero (PyTorch's default)."""

_GELU_C = float(np.sqrt(2.0 / np.pi))


@dataclass(frozen=True)
class Activation:
    name: str
    label: str
    f: Callable[[Array], Array]
    df: Callable[[Array, Array], Array]
    tex: str
    """The function in TeX, of z."""


def _sigmoid(z: Array) -> Array:
    # exp of a negative number only: no overflow warning for large |z|.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _gelu(z: Array) -> Array:
    return 0.5 * z * (1.0 + np.tanh(_GELU_C * (z + 0.044715 * z**3)))


def _gelu_df(z: Array, _a: Array) -> Array:
    t = np.tanh(_GELU_C * (z + 0.044715 * z**3))
    return 0.5 * (1.0 + t) + 0.5 * z * (1.0 - t * t) * _GELU_C * (1.0 + 3 * 0.044715 * z * z)


def _swish_df(z: Array, a: Array) -> Array:
    s = _sigmoid(z)
    return s + a * (1.0 - s)


def _elu(z: Array) -> Array:
    return np.where(z > 0, z, np.expm1(np.minimum(z, 0.0)))


ACTIVATIONS: dict[str, Activation] = {a.name: a for a in (
    Activation("relu", "ReLU", lambda z: np.maximum(z, 0.0),
               lambda z, a: (z > 0).astype(float), r"\max(0, z)"),
    Activation("tanh", "tanh", np.tanh, lambda z, a: 1.0 - a * a, r"\tanh z"),
    Activation("sigmoid", "sigmoid", _sigmoid, lambda z, a: a * (1.0 - a),
               r"\frac{1}{1 + e^{-z}}"),
    Activation("linear", "linear", lambda z: z, lambda z, a: np.ones_like(z), "z"),
    Activation("elu", "ELU", _elu, lambda z, a: np.where(z > 0, 1.0, a + 1.0),
               r"z \text{ if } z > 0 \text{ else } e^z - 1"),
    Activation("leaky_relu", "leaky ReLU", lambda z: np.where(z > 0, z, LEAKY_SLOPE * z),
               lambda z, a: np.where(z > 0, 1.0, LEAKY_SLOPE),
               r"z \text{ if } z > 0 \text{ else } 0.01 z"),
    Activation("gelu", "GELU", _gelu, _gelu_df,
               r"\tfrac{z}{2}\left(1 + \tanh\left(\sqrt{2/\pi}\,(z + 0.044715 z^3)\right)\right)"),
    Activation("swish", "swish", lambda z: z * _sigmoid(z), _swish_df, r"z\,\sigma(z)"),
    Activation("softplus", "softplus", lambda z: np.logaddexp(0.0, z),
               lambda z, a: _sigmoid(z), r"\ln(1 + e^z)"),
    Activation("sine", "sine", np.sin, lambda z, a: np.cos(z), r"\sin z"),
    Activation("gaussian", "gaussian", lambda z: np.exp(-z * z), lambda z, a: -2.0 * z * a,
               r"e^{-z^2}"),
)}
"""Every activation by name. GELU is the tanh approximation (as ``approximate='tanh'`` in
PyTorch); it differs from the erf form by less than 1e-3."""


def get(name: str) -> Activation:
    """The activation called ``name``; ValueError listing the names if there is none."""
    try:
        return ACTIVATIONS[name]
    except KeyError:
        raise ValueError(f"activation must be one of {', '.join(ACTIVATIONS)}; "
                         f"got {name!r}") from None
