"""The numbers behind the hierarchical-clustering page, from SciPy's linkage matrix ``Z``
(row j merges clusters ``Z[j, 0]`` and ``Z[j, 1]`` at height ``Z[j, 2]``; ids below n are
points, id n + j is the cluster row j made):

- ``roots`` and ``partition``: which cluster each point is in after the first m merges;
- ``layout``: the dendrogram as line segments, link by link in merge order, leaves in
  SciPy's ``leaves_list`` order, so a page can draw the first m links only;
- ``cut``: the clusters below a height, as ``fcluster(Z, h, "distance")`` gives them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.cluster.hierarchy import leaves_list

Array = NDArray[np.float64]
Ints = NDArray[np.intp]


def roots(Z: Array, n: int, m: int) -> Ints:
    """The node each of the n points is under after the first m merges (a point's own id
    while it is alone, else n + the row of the last merge above it): union-find, O(n)."""
    parent = np.arange(max(2 * n - 1, 0))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = int(parent[i])
        return i

    for j in range(min(m, len(Z))):
        a, b = int(Z[j, 0]), int(Z[j, 1])
        parent[root(a)] = n + j
        parent[root(b)] = n + j
    return np.array([root(i) for i in range(n)], dtype=np.intp)


def partition(Z: Array, n: int, m: int) -> Ints:
    """Cluster of each of the n points after the first m merges, numbered 0.. in the order
    of each cluster's first point."""
    _, first, inverse = np.unique(roots(Z, n, m), return_index=True, return_inverse=True)
    order = np.argsort(np.argsort(first))  # number clusters by their first point
    return np.asarray(order[inverse], dtype=np.intp)


def members(Z: Array, n: int, node: int) -> list[int]:
    """The points under ``node`` (a point id or n + a merge's row)."""
    out, todo = [], [node]
    while todo:
        i = todo.pop()
        if i < n:
            out.append(i)
        else:
            todo += [int(Z[i - n, 0]), int(Z[i - n, 1])]
    return sorted(out)


@dataclass
class Layout:
    """The dendrogram: each merge j as a ∩-shaped link from its two children up to its
    height: ``x[j]`` and ``y[j]`` are its 4 corners (left foot, left top, right top, right
    foot); ``leaf_x[i]`` is point i's place along the bottom; ``node_x``/``node_y`` where
    each node (point or merge) sits."""

    x: Array
    y: Array
    leaf_x: Array
    node_x: Array
    node_y: Array


def layout(Z: Array, n: int) -> Layout:
    leaf_x = np.empty(n)
    leaf_x[leaves_list(Z) if n > 1 else np.arange(n)] = np.arange(n, dtype=float)
    node_x = np.concatenate([leaf_x, np.zeros(len(Z))])
    node_y = np.concatenate([np.zeros(n), Z[:, 2] if len(Z) else np.zeros(0)])
    xs, ys = np.zeros((len(Z), 4)), np.zeros((len(Z), 4))
    for j in range(len(Z)):
        a, b = int(Z[j, 0]), int(Z[j, 1])
        xa, xb = node_x[a], node_x[b]
        node_x[n + j] = (xa + xb) / 2
        h = Z[j, 2]
        xs[j] = [xa, xa, xb, xb]
        ys[j] = [node_y[a], h, h, node_y[b]]
    return Layout(xs, ys, leaf_x, node_x, node_y)


def cut(Z: Array, n: int, height: float) -> Ints:
    """Clusters when every merge above ``height`` is undone: the first m merges, m the
    number of merges at or below it (SciPy's heights never decrease for these linkages)."""
    return partition(Z, n, merges_below(Z, height))


def merges_below(Z: Array, height: float) -> int:
    """How many merges are at or below ``height`` (heights never decrease along Z)."""
    return int(np.searchsorted(Z[:, 2], height, side="right")) if len(Z) else 0
