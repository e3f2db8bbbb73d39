"""The data of the seed article "Animations of Neural Networks Transforming Data", and a ring.

``article()`` is the article's own recipe: one class in the middle, the other on both
sides, so that no straight line separates them; ``ring()`` puts one class inside a ring of
the other. Both are standardised (zero mean, unit variance per feature), as in the article.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]


def standardise(x: Array) -> Array:
    """Each column shifted to mean 0 and scaled to standard deviation 1."""
    return np.asarray((x - x.mean(axis=0)) / x.std(axis=0))


def article() -> tuple[Array, NDArray[np.int64]]:
    """200 points (200, 2) and labels (200,): 100 zeros in the middle, 100 ones on both
    sides; numpy's legacy seed 1, drawn in the article's order, then standardised."""
    rs = np.random.RandomState(1)
    x1 = np.concatenate([rs.normal(0.5, 0.1, 100), rs.normal(0.2, 0.05, 50),
                         rs.normal(0.8, 0.05, 50)])
    x2 = np.concatenate([rs.normal(0.5, 0.2, 100), rs.normal(0.5, 0.2, 50),
                         rs.normal(0.5, 0.2, 50)])
    y = np.concatenate([np.zeros(100, dtype=np.int64), np.ones(100, dtype=np.int64)])
    return standardise(np.column_stack([x1, x2])), y


def ring(n: int = 300, seed: int = 1) -> tuple[Array, NDArray[np.int64]]:
    """n points: class 0 in a disc of radius 1, class 1 in a ring of radii 1.6 to 2.4
    (uniform radius and angle), standardised."""
    rng = np.random.default_rng(seed)
    half = n // 2
    r = np.concatenate([rng.uniform(0.0, 1.0, half), rng.uniform(1.6, 2.4, n - half)])
    a = rng.uniform(0.0, 2 * np.pi, n)
    y = np.concatenate([np.zeros(half, dtype=np.int64), np.ones(n - half, dtype=np.int64)])
    return standardise(np.column_stack([r * np.cos(a), r * np.sin(a)])), y
