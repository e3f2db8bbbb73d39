"""Optimisers that update a list of parameter arrays in place from their gradients.

The learning rate is an attribute, so it can change while training runs; the other state
(velocities, running averages) belongs to the parameters it was built for.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]


class Optimiser:
    """Plain stochastic gradient descent: p ← p − lr · g."""

    name = "sgd"
    label = "SGD"

    def __init__(self, lr: float) -> None:
        self.lr = lr
        self.t = 0  # updates made

    def update(self, params: list[Array], grads: list[Array]) -> None:
        self.t += 1
        for p, g in zip(params, grads, strict=True):
            p -= self.lr * g


class Momentum(Optimiser):
    """v ← β v + g; p ← p − lr · v (β = 0.9)."""

    name = "momentum"
    label = "momentum"

    def __init__(self, lr: float, beta: float = 0.9) -> None:
        super().__init__(lr)
        self.beta = beta
        self.v: list[Array] = []

    def update(self, params: list[Array], grads: list[Array]) -> None:
        self.t += 1
        if not self.v:
            self.v = [np.zeros_like(p) for p in params]
        for p, g, v in zip(params, grads, self.v, strict=True):
            v *= self.beta
            v += g
            p -= self.lr * v


class RMSProp(Optimiser):
    """s ← ρ s + (1 − ρ) g²; p ← p − lr · g / (√s + ε) (ρ = 0.9, ε = 1e-8)."""

    name = "rmsprop"
    label = "RMSProp"

    def __init__(self, lr: float, rho: float = 0.9, eps: float = 1e-8) -> None:
        super().__init__(lr)
        self.rho, self.eps = rho, eps
        self.s: list[Array] = []

    def update(self, params: list[Array], grads: list[Array]) -> None:
        self.t += 1
        if not self.s:
            self.s = [np.zeros_like(p) for p in params]
        for p, g, s in zip(params, grads, self.s, strict=True):
            s *= self.rho
            s += (1.0 - self.rho) * g * g
            p -= self.lr * g / (np.sqrt(s) + self.eps)


class Adam(Optimiser):
    """Adam (Kingma & Ba) with bias correction: β₁ = 0.9, β₂ = 0.999, ε = 1e-8."""

    name = "adam"
    label = "Adam"

    def __init__(self, lr: float, beta1: float = 0.9, beta2: float = 0.999,
                 eps: float = 1e-8) -> None:
        super().__init__(lr)
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
        self.m: list[Array] = []
        self.v: list[Array] = []

    def update(self, params: list[Array], grads: list[Array]) -> None:
        self.t += 1
        if not self.m:
            self.m = [np.zeros_like(p) for p in params]
            self.v = [np.zeros_like(p) for p in params]
        b1, b2 = self.beta1, self.beta2
        step = self.lr * np.sqrt(1.0 - b2**self.t) / (1.0 - b1**self.t)
        for p, g, m, v in zip(params, grads, self.m, self.v, strict=True):
            m *= b1
            m += (1.0 - b1) * g
            v *= b2
            v += (1.0 - b2) * g * g
            p -= step * m / (np.sqrt(v) + self.eps)


OPTIMISERS: dict[str, type[Optimiser]] = {
    o.name: o for o in (Optimiser, Momentum, RMSProp, Adam)}


def make(name: str, lr: float) -> Optimiser:
    """A fresh optimiser called ``name``."""
    try:
        return OPTIMISERS[name](lr)
    except KeyError:
        raise ValueError(f"optimiser must be one of {', '.join(OPTIMISERS)}; "
                         f"got {name!r}") from None
