"""k-means as Lloyd's algorithm runs it, one half-step at a time: start the centroids, then
alternately assign every point to its nearest centroid and move every centroid to the mean
of its points, until no point changes cluster.

The numbers follow scikit-learn's ``KMeans(algorithm="lloyd", tol=0)`` given the same
starting centroids, including what it does with a cluster that loses all its points (it
jumps to the point farthest from its own centroid); tests/unit/test_kmeans.py checks both
end in the same place. k-means++ is scikit-learn's own ``kmeans_plusplus``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from sklearn.cluster import kmeans_plusplus

Array = NDArray[np.float64]
Labels = NDArray[np.int64]

INITS = ("random", "farthest", "k-means++", "mine")
INIT_LABELS = ("random points", "farthest point", "k-means++", "I'll place them")


def start(points: Array, k: int, method: str, seed: int) -> Array:
    """k starting centroids (k, 2): ``random`` picks k distinct points; ``farthest`` one at
    random, then each next the point farthest from the centroids so far; ``k-means++``
    scikit-learn's (each next drawn with probability growing with its squared distance)."""
    rng = np.random.default_rng(seed)
    n = len(points)
    if method == "random":
        return np.asarray(points[rng.choice(n, size=k, replace=False)], dtype=float)
    if method == "farthest":
        chosen = [int(rng.integers(n))]
        d2 = np.sum((points - points[chosen[0]]) ** 2, axis=1)
        for _ in range(1, k):
            chosen.append(int(np.argmax(d2)))
            d2 = np.minimum(d2, np.sum((points - points[chosen[-1]]) ** 2, axis=1))
        return np.asarray(points[chosen], dtype=float)
    if method == "k-means++":
        centres, _ = kmeans_plusplus(points, k, random_state=seed)
        return np.asarray(centres, dtype=float)
    raise ValueError(f"init must be one of {', '.join(INITS[:3])}; got {method!r}")


def assign(points: Array, centroids: Array) -> tuple[Labels, Array]:
    """Each point's nearest centroid (the first on a tie) and the squared distance to it."""
    d2 = np.sum((points[:, None, :] - centroids[None, :, :]) ** 2, axis=2)
    labels = np.argmin(d2, axis=1).astype(np.int64)
    return labels, d2[np.arange(len(points)), labels]


def update(points: Array, labels: Labels, centroids: Array) -> tuple[Array, list[int]]:
    """Every centroid at the mean of its points, and the clusters that had none: each of
    those takes the point farthest from its own centroid instead (scikit-learn's rule, in its
    order), which then leaves the cluster it was in."""
    k = len(centroids)
    sums = np.zeros_like(centroids)
    np.add.at(sums, labels, points)
    counts = np.bincount(labels, minlength=k).astype(float)
    empty = [int(j) for j in np.flatnonzero(counts == 0)]
    if empty:
        dist = np.sum((points - centroids[labels]) ** 2, axis=1)
        if dist.max() > 0:
            far = np.argpartition(dist, -len(empty))[:-len(empty) - 1:-1]
            for j, i in zip(empty, far, strict=True):
                sums[labels[i]] -= points[i]
                counts[labels[i]] -= 1
                sums[j] = points[i]
                counts[j] = 1
    new = centroids.copy()
    has = counts > 0
    new[has] = sums[has] / counts[has, None]
    return new, empty


def inertia(points: Array, labels: Labels, centroids: Array) -> float:
    """The sum of squared distances from each point to its cluster's centroid."""
    return float(np.sum((points - centroids[labels]) ** 2))


@dataclass
class State:
    """One moment of the run: the centroids, and each point's cluster (None before the
    first assignment). ``phase`` names what made it: "start", "assign" or "update"."""

    phase: str
    centroids: Array
    labels: Labels | None
    moved: int = 0
    """assign: how many points changed cluster; update: empty clusters relocated."""


def half_step(points: Array, s: State) -> State:
    """What comes after ``s``: an assignment after a start or an update, else an update."""
    if s.phase == "assign":
        assert s.labels is not None
        new, empty = update(points, s.labels, s.centroids)
        return State("update", new, s.labels, len(empty))
    labels, _ = assign(points, s.centroids)
    moved = len(points) if s.labels is None else int(np.sum(labels != s.labels))
    return State("assign", s.centroids, labels, moved)


def converged(history: list[State]) -> bool:
    """No point changed cluster in the last assignment (after at least one update)."""
    last = history[-1]
    return last.phase == "assign" and last.moved == 0 and len(history) > 2


def run(points: Array, centroids: Array, max_half_steps: int = 1000) -> list[State]:
    """The whole run from ``centroids`` to convergence."""
    history = [State("start", np.asarray(centroids, dtype=float), None)]
    while not converged(history) and len(history) < max_half_steps:
        history.append(half_step(points, history[-1]))
    return history
