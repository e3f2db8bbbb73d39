"""Random forest: many trees, each grown on a bootstrap sample of the points (and, if asked,
shown one feature at random at each split), voting together. Add trees and watch the
forest's regions smooth out of their jagged boxes; compare soft votes (averaged
probabilities, as scikit-learn) with hard ones; see each tree's own regions side by side.

The trees are ``tree_growing.GrownTree``s; with both features at every split, each is the
tree scikit-learn grows on the same sample (tests/unit/test_random_forest.py).
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from mlscope.core.colors import COLORMAPS, HELD_OUT, TRAIN, class_codes, class_colormap
from mlscope.core.explorable import Action, Explorable
from mlscope.core.params import BoolParam, ChoiceParam, IntParam
from mlscope.core.story import PLAY, Step
from mlscope.core.views import (
    Chart,
    HeatmapLayer,
    ImageGrid,
    Plot,
    Series,
    View,
)
from mlscope.explorables.classic.tree_growing import GrownTree
from mlscope.explorables.plane_points import ADD_POINT, BOX, PlanePoints, point_params

GRID = 61
THUMB = 40
"""Pixels per side of each tree's small picture."""
SHOWN_TREES = 12
TREE_DEPTH = 12
"""Trees are grown this deep once; the depth limit cuts them back (``GrownTree.cut_at``)."""
MAX_TREES = 200
DATASETS = ("moons", "circle", "xor", "spiral", "gauss", "blobs", "noise")


def grid_points(n: int) -> np.ndarray:
    g = np.linspace(*BOX, n)
    xx, yy = np.meshgrid(g, g)  # row 0 = smallest y, as views expect
    return np.stack([xx.ravel(), yy.ravel()], axis=1)


def region_codes(probs: np.ndarray, k: int) -> np.ndarray:
    conf = (probs.max(axis=1) - 1 / k) / (1 - 1 / k)
    return class_codes(probs.argmax(axis=1), conf, k)


class RandomForest(PlanePoints, Explorable):
    slug = "random-forest"
    title = "Random forest"
    topic = "classic"
    summary = ("Many trees, each grown on its own bootstrap sample, vote together: add trees "
               "and watch the forest's regions smooth out of their boxes.")
    params = (
        IntParam("trees", 10, 1, MAX_TREES, label="trees", effect="live",
                 doc="How many trees vote (new ones are grown, extra ones dropped)."),
        IntParam("max_depth", 6, 1, TREE_DEPTH, label="max depth of each tree", effect="live",
                 doc="Each tree is grown to 12 and cut back to this depth: a greedy tree's "
                     "splits do not depend on the limit, so that is the tree grown to it."),
        ChoiceParam("max_features", "2", options=("1", "2"),
                    labels=("1, drawn at random", "both"), label="features per split",
                    doc="How many features each split may look at."),
        BoolParam("bootstrap", True, label="bootstrap samples",
                  doc="Each tree learns from n points drawn with replacement (some twice, "
                      "about a third not at all); off: every tree sees every point."),
        ChoiceParam("voting", "soft", options=("soft", "hard"),
                    labels=("soft: average the probabilities", "hard: one vote per tree"),
                    label="voting", effect="live"),
        *point_params(DATASETS, "moons", noise=30),
    )
    actions = (Action("step", "Add a tree", "Grow one more tree."),
               Action("reset", "Start again", "Back to one tree."),
               ADD_POINT)
    playable = True
    step_name = "tree"
    layout = (("plane", "trees"), ("accuracy",))
    export_layout = (("plane", "trees"),)
    thumbnail_view = "plane"
    captions: ClassVar[dict[str, str]] = {
        "plane": "The forest's vote: colour the winning class (paler: a closer vote).",
        "trees": "The first trees on their own, each from its own sample: boxy, and each "
                 "wrong somewhere else.",
        "accuracy": "Accuracy of the forest of the first n trees, on the training points and "
                    "on the held-out ones.",
    }
    story_steps = (
        Step("one", "One tree, one sample",
             "A bootstrap sample draws $n$ points with replacement: some come twice, about a "
             "third not at all. One tree grown on it is jagged and sure of itself.",
             views=("plane", "trees"), controls=("step", "bootstrap"), highlight=("step",),
             goal="Grow a second tree and compare the two.",
             done=lambda ex: len(ex.forest) >= 2,
             enter=lambda ex: ex.act("reset")),
        Step("many", "Many trees vote",
             "Each tree is wrong in its own places; averaged, their mistakes cancel and the "
             "regions smooth out. Play adds trees one by one.",
             views=("plane", "accuracy"), controls=(PLAY, "step", "trees"),
             highlight=(PLAY,),
             goal="Grow a forest of 50 trees.", done=lambda ex: len(ex.forest) >= 50,
             live=lambda ex: f"{len(ex.forest)} trees: held-out accuracy "
                             f"**{ex.accuracy(held_out=True):.0%}** (one tree: "
                             f"{ex.curves()[1][0]:.0%})."),
        Step("random", "More randomness, more different trees",
             "Letting each split look at one feature, drawn at random, makes the trees "
             "differ even more, which the vote turns into smoother regions.",
             views=("plane", "trees"), controls=("max_features", "max_depth", "voting"),
             highlight=("max_features",),
             enter=lambda ex: ex.set(trees=max(ex.p.trees, 30))),
    )

    def reset(self) -> None:
        self.load_points()
        self.rng = np.random.default_rng(self.p.seed)
        self.forest: list[GrownTree] = []
        self.samples: list[np.ndarray] = []
        self._grid = grid_points(GRID)
        self._thumb_grid = grid_points(THUMB)
        # per tree, grown whole: its nodes' class shares, and the leaf each place of the big
        # grid, the small grid and each point falls in
        self._node_shares: list[np.ndarray] = []
        self._leaves: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self._cut: dict[int, list[tuple[np.ndarray, np.ndarray, np.ndarray]]] = {}
        self._grow_to(self.p.trees)

    def _grow_to(self, n: int) -> None:
        del self.forest[n:], self.samples[n:], self._node_shares[n:], self._leaves[n:]
        x, y = self.points[self.train], self.labels[self.train]
        while len(self.forest) < n:
            idx = self.rng.integers(0, len(y), len(y)) if self.p.bootstrap else np.arange(len(y))
            tree = GrownTree(x[idx], y[idx], self.n_classes, "gini", TREE_DEPTH, 1,
                             (*BOX, *BOX), int(self.p.max_features), self.rng).grow_all()
            self.forest.append(tree)
            self.samples.append(idx)
            self._node_shares.append(tree.shares())
            self._leaves.append((tree.leaf_of(self._grid), tree.leaf_of(self._thumb_grid),
                                 tree.leaf_of(self.points)))

    def _answers(self) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """Per tree, cut back to the depth limit: its class shares on the big grid, the small
        grid and every point. Kept for the current limit and extended tree by tree, so a
        new tree (Play) costs one tree, and a new limit one pass over the trees."""
        d = self.p.max_depth
        if set(self._cut) != {d}:
            self._cut = {d: []}
        got = self._cut[d]
        del got[len(self.forest):]
        start = len(got)
        for k, (tree, shares, (grid, thumb, pts)) in enumerate(list(
                zip(self.forest, self._node_shares, self._leaves, strict=True))[start:], start):
            cut = tree.cut_at(d)
            small = shares[cut[thumb]] if k < SHOWN_TREES else thumb[:0, None]  # not shown
            got.append((shares[cut[grid]], small, shares[cut[pts]]))
        return got

    def _forest_votes(self) -> tuple[np.ndarray, np.ndarray]:
        """The forest's class shares on the big grid and on every point, summed tree by tree
        and kept (the sums grow with the forest; fewer trees, a new limit or a new way of
        voting start them again)."""
        answers = self._answers()
        key = (self.p.max_depth, self.p.voting)
        memo = getattr(self, "_sums", None)
        if memo is None or memo[0] != key or memo[1] > len(answers) or memo[4] is not answers:
            memo = (key, 0, np.zeros((GRID * GRID, self.n_classes)),
                    np.zeros((len(self.points), self.n_classes)), answers)
        _, n, grid_sum, pts_sum, _ = memo
        for grid, _thumb, pts in answers[n:]:
            if self.p.voting == "soft":
                grid_sum += grid
                pts_sum += pts
            else:  # one vote per tree, for its leaf's majority
                grid_sum[np.arange(len(grid)), grid.argmax(axis=1)] += 1
                pts_sum[np.arange(len(pts)), pts.argmax(axis=1)] += 1
        self._sums = (key, len(answers), grid_sum, pts_sum, answers)
        m = max(len(answers), 1)
        return grid_sum / m, pts_sum / m

    @property
    def _on_grid(self) -> list[np.ndarray]:
        return [a[0] for a in self._answers()]

    @property
    def _on_thumb(self) -> list[np.ndarray]:
        return [a[1] for a in self._answers()]

    @property
    def _on_points(self) -> list[np.ndarray]:
        return [a[2] for a in self._answers()]

    def changed(self, names: set[str]) -> None:
        self.forget_points(names)
        if self.effects(names) & {"restart", "data"}:
            self.reset()
        elif "trees" in names:
            self._grow_to(self.p.trees)
        # a new depth limit needs nothing: _answers() cuts the trees back when asked

    def act(self, name: str, value: Any = None) -> None:
        if name == "reset":
            self._assign(trees=1)
            self.reset()
        elif name == "add_point":
            self.add_point(value)
        else:
            super().act(name, value)

    def step(self) -> None:
        if len(self.forest) < MAX_TREES:
            self._assign(trees=len(self.forest) + 1)
            self._grow_to(self.p.trees)

    @property
    def finished(self) -> bool:
        return len(self.forest) >= MAX_TREES

    # --- the vote -----------------------------------------------------------------------

    def _vote(self, shares: list[np.ndarray]) -> np.ndarray:
        """The forest's class shares from its trees' (one (n, k) array per tree): soft, the
        mean of the trees' probabilities (as scikit-learn); hard, the share of trees
        voting for each class."""
        if self.p.voting == "soft":
            return np.asarray(np.mean(shares, axis=0))
        votes = np.stack([s.argmax(axis=1) for s in shares])
        return np.stack([np.mean(votes == c, axis=0) for c in range(self.n_classes)], axis=1)

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        return self._vote([t.predict_proba(x, self.p.max_depth) for t in self.forest])

    def accuracy(self, held_out: bool = False) -> float:
        mask = ~self.train if held_out else self.train
        if not mask.any():
            return float("nan")
        pred = self._forest_votes()[1][mask].argmax(axis=1)
        return float(np.mean(pred == self.labels[mask]))

    def curves(self) -> tuple[np.ndarray, np.ndarray]:
        """Accuracy of the forests of the first 1, 2, ... trees: training and held out."""
        out = []
        for mask in (self.train, ~self.train):
            if not mask.any():
                out.append(np.full(len(self.forest), np.nan))
                continue
            y = self.labels[mask]
            if self.p.voting == "soft":
                running = np.cumsum([s[mask] for s in self._on_points], axis=0)
            else:
                onehot = [np.eye(self.n_classes)[s[mask].argmax(axis=1)] for s in self._on_points]
                running = np.cumsum(onehot, axis=0)
            out.append(np.mean(running.argmax(axis=2) == y[None], axis=1))
        return out[0], out[1]

    # --- the frame ----------------------------------------------------------------------

    def frame(self) -> dict[str, View]:
        return {"plane": self.plane_view(), "trees": self.trees_view(),
                "accuracy": self.accuracy_view()}

    def plane_view(self) -> Plot:
        k = self.n_classes
        codes = region_codes(self._forest_votes()[0], k).reshape(GRID, GRID)
        layers: list[Any] = [HeatmapLayer(codes.astype(float), BOX, BOX, 0, 255,
                               colormap=class_colormap(k), opacity=0.6), *self.points_layers()]
        title = f"A forest of {len(self.forest)} tree{'s' if len(self.forest) > 1 else ''}: " \
                f"training {self.accuracy():.0%}"
        if (~self.train).any():
            title += f", held out {self.accuracy(held_out=True):.0%}"
        title = self.plane_title(title)  # odd data: say why the picture looks so
        return Plot(title, "x₁", "x₂", BOX, BOX, layers, click_action="add_point", aspect=1.0)

    def trees_view(self) -> ImageGrid:
        lut = COLORMAPS[class_colormap(self.n_classes)]
        shown = self._on_thumb[:SHOWN_TREES]
        # each picture as an image: row 0 on top, so the grid (row 0 = smallest y) flips
        images = np.stack([lut[region_codes(s, self.n_classes)].reshape(THUMB, THUMB, 3)[::-1]
                           for s in shown])
        held = ~self.train
        captions = [f"tree {i + 1}: {np.mean(s[held].argmax(axis=1) == self.labels[held]):.0%}"
                    if held.any() else f"tree {i + 1}"
                    for i, s in enumerate(self._on_points[:SHOWN_TREES])]
        return ImageGrid(f"The first {len(shown)} trees alone (held-out accuracy)", images,
                         captions=captions, columns=4)

    def accuracy_view(self) -> Chart:
        train, held = self.curves()
        n = np.arange(1, len(train) + 1, dtype=float)
        series = [Series("training", train, TRAIN)]
        if np.isfinite(held).any():
            series.append(Series("held out", held, HELD_OUT))
        return Chart("Accuracy by number of trees", "trees", "accuracy", n, series)
