"""Points for principal component analysis: a stretched cloud on the plane to drag, a cloud
in 3-D lying near a tilted plane, and scikit-learn's handwritten digits (8×8 images, 64
dimensions), whose components can rebuild them."""

from __future__ import annotations

from functools import cache

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]

PLANE_NORMAL = np.array([0.35, -0.45, 1.0]) / np.linalg.norm([0.35, -0.45, 1.0])
"""The normal of the plane the 3-D cloud lies near (tilted, so no axis view shows it flat)."""


def stretched(n: int = 16, seed: int = 6) -> list[tuple[float, float, int]]:
    """n points of a cloud stretched along a diagonal, inside [-5, 5]², rounded to 0.01, as
    (x, y, 0) for a PointsParam."""
    rng = np.random.default_rng(seed)
    a = np.radians(30.0)
    along = rng.normal(0.0, 2.2, n)
    across = rng.normal(0.0, 1.1, n)
    x = np.clip(along * np.cos(a) - across * np.sin(a), -5, 5)
    y = np.clip(along * np.sin(a) + across * np.cos(a), -5, 5)
    return [(round(float(u), 2), round(float(v), 2), 0) for u, v in zip(x, y, strict=True)]


def cloud(n: int, thickness: float, seed: int) -> tuple[Array, NDArray[np.int64]]:
    """n points in 3-D near a tilted plane through the origin: three groups on the plane
    (labels 0, 1, 2), each point pushed off it by a normal amount of sd ``thickness``."""
    rng = np.random.default_rng(seed)
    u = np.cross(PLANE_NORMAL, [0.0, 0.0, 1.0])
    u /= np.linalg.norm(u)
    v = np.cross(PLANE_NORMAL, u)
    centres = np.array([(-2.2, -1.0), (2.0, -1.4), (0.2, 2.0)])
    labels = np.arange(n) % 3
    on = centres[labels] + rng.normal(0.0, 0.9, (n, 2)) * np.array([1.3, 0.8])
    off = rng.normal(0.0, thickness, n)
    pts = on[:, :1] * u + on[:, 1:] * v + off[:, None] * PLANE_NORMAL
    return pts, labels.astype(np.int64)


@cache
def digits() -> tuple[Array, NDArray[np.int64]]:
    """scikit-learn's 1,797 handwritten digits (shipped with it): pixels in [0, 1] as rows of
    64, and the digit each shows."""
    from sklearn.datasets import load_digits

    d = load_digits()
    return d.data / 16.0, d.target.astype(np.int64)
