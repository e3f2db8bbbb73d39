"""A classification tree grown one split at a time (CART, as scikit-learn's
DecisionTreeClassifier): each split is the axis-aligned threshold, halfway between two
neighbouring values, that lowers the weighted impurity (Gini or entropy) the most. The next
split grown is the leaf whose best split gains the most, so a tree grown to the end is the
one scikit-learn grows depth first (tests/unit/test_decision_tree.py compares them).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


def impurity(counts: np.ndarray, criterion: str) -> np.ndarray:
    """Gini 1 - Σp² or entropy -Σ p log₂ p of class counts, along the last axis."""
    n = counts.sum(axis=-1, keepdims=True)
    p = np.divide(counts, n, out=np.zeros_like(counts, dtype=float), where=n > 0)
    if criterion == "gini":
        return np.asarray(1.0 - np.sum(p * p, axis=-1))
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.where(p > 0, np.log2(np.where(p > 0, p, 1)), 0.0)
    return np.asarray(-np.sum(p * logs, axis=-1))


@dataclass
class Split:
    feature: int
    threshold: float
    gain: float
    """Weighted impurity decrease: N_t/N · (I - N_l/N_t·I_l - N_r/N_t·I_r), as scikit-learn."""


@dataclass
class Node:
    """A node of the tree: the points that reach it (indices), its box on the plane, and,
    once split, its children (left: feature ≤ threshold)."""

    id: int
    depth: int
    index: np.ndarray
    counts: np.ndarray
    box: tuple[float, float, float, float]
    """(x0, x1, y0, y1): the region of the plane this node decides."""
    split: Split | None = None
    best: Split | None = None
    """The split it would take next (None: it stays a leaf)."""
    children: list[int] = field(default_factory=list)
    parent: int = -1

    @property
    def majority(self) -> int:
        return int(np.argmax(self.counts))

    @property
    def leaf(self) -> bool:
        return not self.children


def _spread(counts: np.ndarray, n: np.ndarray, criterion: str) -> np.ndarray:
    """n · impurity of class counts (rows) with n points each, without dividing by zero:
    Gini n - Σc²/n; entropy n log₂ n - Σ c log₂ c."""
    if criterion == "gini":
        return np.asarray(n - np.einsum("ij,ij->i", counts, counts) / np.maximum(n, 1))
    with np.errstate(divide="ignore", invalid="ignore"):
        clogc = np.where(counts > 0, counts * np.log2(np.where(counts > 0, counts, 1)), 0.0)
        nlogn = np.where(n > 0, n * np.log2(np.where(n > 0, n, 1)), 0.0)
    return np.asarray(nlogn - clogc.sum(axis=1))


def best_split(x: np.ndarray, y: np.ndarray, n_classes: int, criterion: str,
               min_leaf: int, n_total: int, features: tuple[int, ...] = (0, 1)) -> Split | None:
    """The split of the points (x, y) that lowers the impurity the most, each side keeping at
    least ``min_leaf`` points; None when there is none (pure, too few points, or all
    points in one place)."""
    n = len(y)
    if n < 2 * min_leaf:
        return None
    onehot = np.eye(n_classes)[y]
    total = onehot.sum(axis=0)
    if total.max() == n:  # pure
        return None
    parent = float(_spread(total[None], np.array([float(n)]), criterion)[0])
    nl = np.arange(1, n, dtype=float)
    best: Split | None = None
    for f in features:
        order = np.argsort(x[:, f], kind="stable")
        xs = x[order, f]
        left = np.cumsum(onehot[order], axis=0)[:-1]  # counts of the first i + 1 points
        ok = (xs[1:] > xs[:-1] + 1e-12) & (nl >= min_leaf) & (n - nl >= min_leaf)
        if not ok.any():
            continue
        # the children's n · impurity, summed: what the best split makes smallest
        child = _spread(left, nl, criterion) + _spread(total - left, n - nl, criterion)
        i = int(np.argmin(np.where(ok, child, np.inf)))
        gain = (parent - child[i]) / n
        # As scikit-learn, an impure node splits even if no split lowers the impurity (XOR's
        # first split gains nothing; its children's do).
        if best is None or gain * n / n_total > best.gain + 1e-15:
            best = Split(f, float((xs[i] + xs[i + 1]) / 2), float(gain * n / n_total))
    return best


class GrownTree:
    """A tree over points x (n, 2) with labels y, grown by ``grow_one()``."""

    def __init__(self, x: np.ndarray, y: np.ndarray, n_classes: int, criterion: str = "gini",
                 max_depth: int = 10, min_leaf: int = 1,
                 box: tuple[float, float, float, float] = (-6.0, 6.0, -6.0, 6.0),
                 max_features: int = 2, rng: np.random.Generator | None = None) -> None:
        """``max_features`` < 2: each node looks at that many features drawn at random by
        ``rng`` (a random forest's trees)."""
        self.x, self.y, self.k = x, y, n_classes
        self.criterion, self.max_depth, self.min_leaf = criterion, max_depth, min_leaf
        self.max_features, self.rng = max_features, rng or np.random.default_rng(0)
        root = self._node(0, 0, np.arange(len(y)), box)
        self.nodes = [root]

    def _node(self, nid: int, depth: int, index: np.ndarray,
              box: tuple[float, float, float, float]) -> Node:
        counts = np.bincount(self.y[index], minlength=self.k).astype(float)
        node = Node(nid, depth, index, counts, box)
        if depth < self.max_depth:
            features = (0, 1) if self.max_features >= 2 else \
                tuple(int(f) for f in self.rng.choice(2, self.max_features, replace=False))
            node.best = best_split(self.x[index], self.y[index], self.k, self.criterion,
                                   self.min_leaf, len(self.y), features)
        return node

    def next_leaf(self) -> Node | None:
        """The leaf whose split gains the most (the first such, in order of growth)."""
        open_leaves = [n for n in self.nodes if n.leaf and n.best is not None]
        return max(open_leaves, key=lambda n: n.best.gain) if open_leaves else None  # type: ignore[union-attr]

    def grow_one(self) -> bool:
        """Split one more leaf; False when none can be split."""
        node = self.next_leaf()
        if node is None or node.best is None:
            return False
        s = node.best
        node.split = s
        go_left = self.x[node.index, s.feature] <= s.threshold
        x0, x1, y0, y1 = node.box
        boxes = ((x0, min(x1, s.threshold), y0, y1), (max(x0, s.threshold), x1, y0, y1)) \
            if s.feature == 0 else ((x0, x1, y0, min(y1, s.threshold)),
                                    (x0, x1, max(y0, s.threshold), y1))
        for side, box in ((go_left, boxes[0]), (~go_left, boxes[1])):
            child = self._node(len(self.nodes), node.depth + 1, node.index[side], box)
            child.parent = node.id
            node.children.append(child.id)
            self.nodes.append(child)
        return True

    def grow_all(self) -> GrownTree:
        while self.grow_one():
            pass
        return self

    @property
    def splits(self) -> int:
        return sum(1 for n in self.nodes if not n.leaf)

    def leaves(self) -> list[Node]:
        return [n for n in self.nodes if n.leaf]

    def path(self, point: np.ndarray) -> list[int]:
        """Node ids from the root to the leaf ``point`` falls in."""
        out, node = [0], self.nodes[0]
        while not node.leaf and node.split is not None:
            s = node.split
            node = self.nodes[node.children[0] if point[s.feature] <= s.threshold
                              else node.children[1]]
            out.append(node.id)
        return out

    def leaf_of(self, points: np.ndarray) -> np.ndarray:
        """The id of the leaf each point falls in (the points sent down the tree in bulk)."""
        out = np.zeros(len(points), dtype=int)
        todo = [(0, np.arange(len(points)))]
        while todo:
            nid, idx = todo.pop()
            node = self.nodes[nid]
            if node.leaf or node.split is None:
                out[idx] = nid
                continue
            left = points[idx, node.split.feature] <= node.split.threshold
            todo += [(node.children[0], idx[left]), (node.children[1], idx[~left])]
        return out

    def shares(self) -> np.ndarray:
        """Every node's class shares, (len(nodes), k): a leaf's are its answer."""
        return np.array([n.counts / max(n.counts.sum(), 1) for n in self.nodes])

    def cut_at(self, depth: int) -> np.ndarray:
        """For every node, the node that answers for it in this tree cut back to ``depth``:
        its ancestor at that depth, or itself if it is not deeper. A greedy tree's splits do
        not depend on the depth limit, so the tree grown to ``depth`` is this tree cut there;
        ``shares()[cut_at(d)[leaf_of(x)]]`` answers for it without growing it again."""
        depths = np.array([n.depth for n in self.nodes])
        parents = np.array([n.parent for n in self.nodes])
        out = np.arange(len(self.nodes))
        deep = depths[out] > depth
        while deep.any():  # one level up at a time, every node at once
            out[deep] = parents[out[deep]]
            deep = depths[out] > depth
        return out

    def predict_proba(self, points: np.ndarray, depth: int | None = None) -> np.ndarray:
        """Each point's leaf's class shares (in the tree cut back to ``depth``, if given)."""
        ids = self.leaf_of(points)
        if depth is not None:
            ids = self.cut_at(depth)[ids]
        return np.asarray(self.shares()[ids])

    def predict(self, points: np.ndarray, depth: int | None = None) -> np.ndarray:
        """Each point's leaf's majority class (ties: the first class, as scikit-learn)."""
        return np.asarray(self.predict_proba(points, depth).argmax(axis=1))
