"""Principal component analysis in numpy, for drawing more dimensions than a screen has."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]


class PCA:
    """The first ``k`` principal axes of ``x`` (n, d), fitted once.

    ``to(x)`` gives coordinates (n, k) on those axes; ``back(c)`` the points (n, d) in the
    original space that those coordinates name (on the plane through the mean). Signs are
    fixed so that each axis's largest loading is positive, so a refit of the same data never
    flips the picture.
    """

    def __init__(self, x: Array, k: int) -> None:
        self.mean = x.mean(axis=0)
        _, s, vt = np.linalg.svd(x - self.mean, full_matrices=False)
        axes = vt[:k]
        signs = np.sign(axes[np.arange(len(axes)), np.abs(axes).argmax(axis=1)])
        self.axes = axes * signs[:, None]
        var = s**2
        self.explained = float(var[:k].sum() / var.sum()) if var.sum() > 0 else 1.0

    def to(self, x: Array) -> Array:
        return np.asarray((x - self.mean) @ self.axes.T)

    def back(self, c: Array) -> Array:
        return np.asarray(c @ self.axes + self.mean)
