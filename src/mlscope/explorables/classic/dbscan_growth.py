"""DBSCAN as scikit-learn runs it, kept as the order in which it labels the points, so a page
can replay the growth point by point.

A point with at least ``min_pts`` points within ``eps`` (itself included) is a core point.
Going through the points in order, each core point not yet in a cluster starts a new one,
which grows depth first: every point reached joins it, and a core point passes the growth
on to its own neighbours; a non-core point reached is a border point and stops there. Points
no cluster reaches are noise. This is scikit-learn's ``dbscan_inner`` step for step (the
same stack, the same order of clusters), so the labels are ``sklearn.cluster.DBSCAN``'s;
tests/unit/test_dbscan.py checks that.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.spatial import cKDTree

Array = NDArray[np.float64]


@dataclass
class Growth:
    """The whole run: ``order`` lists the points in the order they were labelled, ``by`` the
    core point whose neighbourhood reached each (-1 for the core point that starts a
    cluster), ``cluster`` the cluster each joined; ``labels`` the final labels (-1 noise)."""

    neighbours: list[NDArray[np.intp]]
    core: NDArray[np.bool_]
    order: NDArray[np.intp]
    by: NDArray[np.intp]
    cluster: NDArray[np.intp]
    labels: NDArray[np.intp]

    @property
    def n_clusters(self) -> int:
        return int(self.labels.max()) + 1 if len(self.labels) else 0

    def labels_after(self, steps: int) -> NDArray[np.intp]:
        """Each point's cluster once the first ``steps`` points are labelled (-1: not yet,
        or noise)."""
        out = np.full(len(self.labels), -1, dtype=np.intp)
        out[self.order[:steps]] = self.cluster[:steps]
        return out


def grow(points: Array, eps: float, min_pts: int) -> Growth:
    """Run DBSCAN on ``points`` (n, 2) and keep how it grew."""
    n = len(points)
    tree = cKDTree(points)
    neighbours = [np.asarray(nb, dtype=np.intp) for nb in
                  tree.query_ball_point(points, r=eps, return_sorted=True)] if n else []
    core = np.array([len(nb) >= min_pts for nb in neighbours], dtype=bool)
    labels = np.full(n, -1, dtype=np.intp)
    order: list[int] = []
    by: list[int] = []
    cluster: list[int] = []
    label = 0
    for start in range(n):
        if labels[start] != -1 or not core[start]:
            continue
        stack: list[tuple[int, int]] = []
        i, parent = start, -1
        while True:
            if labels[i] == -1:
                labels[i] = label
                order.append(i)
                by.append(parent)
                cluster.append(label)
                if core[i]:
                    stack.extend((int(v), i) for v in neighbours[i] if labels[v] == -1)
            if not stack:
                break
            i, parent = stack.pop()
        label += 1
    return Growth(neighbours, core, np.array(order, dtype=np.intp), np.array(by, dtype=np.intp),
                  np.array(cluster, dtype=np.intp), labels)


def k_distance(points: Array, k: int) -> Array:
    """Each point's distance to its k-th nearest point, itself counted as the first (so a
    point is core for ``eps`` at least this and ``min_pts = k``), largest first: the
    k-distance plot that helps choose eps. Infinite for all when there are fewer than k."""
    n = len(points)
    if n < k:  # fewer points than minPts: no point can be core, at any eps
        return np.full(n, np.inf)
    d, _ = cKDTree(points).query(points, k=k)
    d = np.asarray(d).reshape(n, k)
    return np.sort(d[:, -1])[::-1]
