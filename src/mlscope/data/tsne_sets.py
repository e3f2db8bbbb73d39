"""Data for t-SNE, after Distill's "How to Use t-SNE Effectively" (Wattenberg, Viégas and
Johnson, 2016): clusters of different sizes and at different distances, two linked rings, a
trefoil knot, a random walk and plain Gaussian noise in many dimensions, and scikit-learn's
handwritten digits.

``generate(name, n, seed)`` gives the points (n, d) and how to colour them: a group per
point (clusters, rings, digits), or a position in [0, 1] along a shape (the knot, the walk)
that a colour ramp shows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mlscope.data import pca_sets

Array = NDArray[np.float64]


@dataclass(frozen=True)
class Points:
    x: Array
    """(n, d) the points."""
    groups: NDArray[np.int64] | None = None
    """(n,) the group each point came from, or None."""
    position: Array | None = None
    """(n,) where each point lies along the shape, in [0, 1], or None."""


LABELS = {
    "digits": "handwritten digits (64-D)",
    "sizes": "two clusters, one 10× wider (50-D)",
    "distances": "three clusters, one far away (50-D)",
    "rings": "two linked rings (3-D)",
    "trefoil": "a trefoil knot (3-D)",
    "walk": "a random walk (100-D)",
    "noise": "Gaussian noise (100-D)",
}
SETS = tuple(LABELS)
MAX_DIGITS = 1797


GROUP_NAMES = {
    "sizes": ["narrow", "wide (10×)"],
    "distances": ["A", "B, near A", "C, 6× as far"],
    "rings": ["ring 1", "ring 2"],
}
"""What each group of a data set is, for the legend."""


def _split(n: int, parts: int) -> NDArray[np.int64]:
    return np.arange(n) % parts


def generate(name: str, n: int, seed: int) -> Points:
    rng = np.random.default_rng(seed)
    if name == "digits":
        x, y = pca_sets.digits()
        take = np.sort(rng.permutation(len(x))[: min(n, MAX_DIGITS)])
        return Points(x[take] * 16.0, groups=y[take])
    if name == "sizes":
        g = _split(n, 2)
        x = rng.normal(size=(n, 50)) * np.where(g == 0, 1.0, 10.0)[:, None]
        x[g == 0, 0] += 200.0  # well outside the wide one (radius about 10·√50 ≈ 70)
        return Points(x, groups=g)
    if name == "distances":
        g = _split(n, 3)
        centres = np.zeros((3, 50))
        centres[1, 0] = 10.0
        centres[2, 0] = 60.0
        return Points(centres[g] + rng.normal(size=(n, 50)), groups=g)
    if name == "rings":
        g = _split(n, 2)
        t = rng.uniform(0, 2 * np.pi, n)
        ring = np.stack([np.cos(t), np.sin(t), np.zeros(n)], axis=1)
        other = np.stack([1.0 + np.cos(t), np.zeros(n), np.sin(t)], axis=1)
        x = np.where(g[:, None] == 0, ring, other) + rng.normal(0, 0.03, (n, 3))
        return Points(x, groups=g)
    if name == "trefoil":
        t = np.sort(rng.uniform(0, 2 * np.pi, n))
        x = np.stack([np.sin(t) + 2 * np.sin(2 * t), np.cos(t) - 2 * np.cos(2 * t),
                      -np.sin(3 * t)], axis=1)
        return Points(x, position=t / (2 * np.pi))
    if name == "walk":
        x = np.cumsum(rng.normal(size=(n, 100)), axis=0)
        return Points(x, position=np.linspace(0, 1, n))
    if name == "noise":
        return Points(rng.normal(size=(n, 100)))
    raise KeyError(name)
