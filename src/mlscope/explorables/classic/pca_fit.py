"""Principal component analysis, the numbers behind the PCA explorable: the components of a
table of points, the variance along any direction, projection and reconstruction.

``fit`` gives what ``sklearn.decomposition.PCA`` gives (tests/unit/test_pca.py checks it):
components as rows, variances with n - 1, each component's sign chosen so that its largest
entry (in absolute value) is positive, as scikit-learn ≥ 1.5 does, so a picture does not flip
when a point moves a little.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]


@dataclass(frozen=True)
class Fit:
    mean: Array
    """(d,) the mean of the points."""
    components: Array
    """(m, d) unit directions of most variance, m = min(n - 1, d), orthogonal, best first."""
    variances: Array
    """(m,) the variance of the points along each component (divided by n - 1)."""

    @property
    def ratios(self) -> Array:
        """(m,) each component's share of the total variance."""
        total = float(self.variances.sum())
        return self.variances / total if total > 0 else np.zeros_like(self.variances)

    def scores(self, x: Array, k: int | None = None) -> Array:
        """(n, k) the points' coordinates along the first k components."""
        return (np.asarray(x, dtype=float) - self.mean) @ self.components[:k].T

    def reconstruct(self, x: Array, k: int) -> Array:
        """(n, d) the points rebuilt from their first k coordinates: the nearest points of the
        k-dimensional plane through the mean spanned by the first k components."""
        return self.mean + self.scores(x, k) @ self.components[:k]

    def kept(self, k: int) -> float:
        """The share of the variance the first k components keep."""
        return float(self.ratios[:k].sum())


def fit(x: Array) -> Fit:
    """The principal components of the rows of ``x`` (n ≥ 2 points, d ≥ 1 dimensions)."""
    x = np.asarray(x, dtype=float)
    n = len(x)
    if x.ndim != 2 or n < 2:
        raise ValueError(f"PCA needs at least 2 points as rows of a 2-D array; got {x.shape}")
    mean = x.mean(axis=0)
    _, s, vt = np.linalg.svd(x - mean, full_matrices=False)
    m = min(n - 1, x.shape[1])  # n points span at most n - 1 directions
    s, vt = s[:m], vt[:m]
    flip = np.sign(vt[np.arange(len(vt)), np.argmax(np.abs(vt), axis=1)])
    vt = vt * np.where(flip == 0, 1.0, flip)[:, None]
    return Fit(mean, vt, s**2 / (n - 1))


def direction(angle_deg: float) -> Array:
    """The unit vector at ``angle_deg`` anticlockwise from the x axis."""
    a = np.radians(angle_deg)
    return np.array([np.cos(a), np.sin(a)])


def variance_along(x: Array, angles_deg: Array | float) -> Array:
    """The variance (n - 1) of 2-D points projected onto the line at each angle: the curve
    whose top is the first component."""
    c = np.cov(np.asarray(x, dtype=float), rowvar=False)
    a = np.radians(np.asarray(angles_deg, dtype=float))
    u, v = np.cos(a), np.sin(a)
    return np.asarray(c[0, 0] * u * u + 2 * c[0, 1] * u * v + c[1, 1] * v * v)


def angle_of(v: Array) -> float:
    """The angle of a 2-D direction as a line, in [0, 180) degrees."""
    return float(np.degrees(np.arctan2(v[1], v[0])) % 180.0)
