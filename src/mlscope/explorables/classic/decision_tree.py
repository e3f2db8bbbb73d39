"""Decision tree: grow a classification tree split by split and watch the plane cut into
boxes beside the tree itself; limit its depth and its leaves' size, and find where the
held-out accuracy stops rising; drag the star to see its path down the tree.

The tree is grown by ``tree_growing.GrownTree`` (CART, as scikit-learn's
DecisionTreeClassifier); the regions are its leaves' boxes, the diagram a ``Graph``.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from mlscope.core.colors import HELD_OUT, LABEL_COLORS, MODEL, TRAIN
from mlscope.core.colors import LABEL_NAMES as CLASS_NAMES
from mlscope.core.explorable import Action, Explorable
from mlscope.core.params import ChoiceParam, IntParam, PointsParam
from mlscope.core.story import PLAY, Step
from mlscope.core.text import count
from mlscope.core.views import (
    Chart,
    Graph,
    GraphEdge,
    GraphNode,
    LinesLayer,
    Plot,
    PointsLayer,
    Series,
    ShapesLayer,
    View,
)
from mlscope.explorables.classic.tree_growing import GrownTree, Node, impurity
from mlscope.explorables.plane_points import ADD_POINT, BOX, PlanePoints, point_params

DATASETS = ("moons", "gauss", "circle", "xor", "spiral", "blobs", "noise")
FEATURES = ("x₁", "x₂")
MAX_DEPTH = 12
TINT = 0.45
"""A leaf's box is its majority's colour at this opacity times its purity."""


def _grow(ex: DecisionTree) -> None:
    ex.act("grow_all")


class DecisionTree(PlanePoints, Explorable):
    _depth_curves: tuple[np.ndarray, np.ndarray] | None = None

    slug = "decision-tree"
    title = "Decision tree"
    topic = "classic"
    summary = ("Grow a tree split by split: each split cuts the plane along an axis. Limit its "
               "depth, and find where the held-out accuracy stops rising.")
    params = (
        IntParam("max_depth", 4, 1, MAX_DEPTH, label="max depth",
                 doc="How many questions at most from the root to a leaf."),
        IntParam("min_leaf", 1, 1, 50, label="min points per leaf",
                 doc="A split must leave at least this many points on each side."),
        ChoiceParam("criterion", "gini", options=("gini", "entropy"),
                    labels=("Gini impurity", "entropy"), label="impurity"),
        PointsParam("probe", ((1.0, 2.0, 0),), x_range=BOX, y_range=BOX, min_points=1,
                    max_points=1, label="the star", effect="view", advanced=True,
                    doc="The point whose path down the tree is lit; drag it in the plot."),
        *point_params(DATASETS, "moons", noise=25),
    )
    actions = (
        Action("step", "Split", "Grow one more split: the leaf whose best split gains most."),
        Action("grow_all", "Grow it all", "Split until no leaf can be split."),
        Action("reset", "Cut back", "Back to the root alone."),
        ADD_POINT,
    )
    playable = True
    step_name = "split"
    layout = (("plane", "tree"), ("accuracy",))
    export_layout = (("plane", "tree"),)
    thumbnail_view = "plane"
    thumbnail_steps = 8
    captions: ClassVar[dict[str, str]] = {
        "plane": "Each box is a leaf, in the colour of most of its points (paler: more "
                 "mixed). Dashed: the next split. Drag the star.",
        "tree": "The questions, root on top: each node's question, its points and impurity, "
                "and its class mix. The star's path is lit.",
        "accuracy": "Accuracy of the tree grown to each depth, on its training points and on "
                    "the held-out ones.",
    }
    story_steps = (
        Step("split", "One question",
             "A tree asks yes-or-no questions about one coordinate at a time. Its first "
             "question is the cut that leaves the two sides purest: the Gini impurity "
             "$1 - \\sum_c p_c^2$ is 0 for a pure side and largest for an even mix. The dashed "
             "line is the best cut; press Split.",
             views=("plane", "tree"), controls=("step", "reset"), highlight=("step",),
             goal="Make the first split.", done=lambda ex: ex.tree.splits >= 1,
             live=lambda ex: ex.next_split_text()),
        Step("grow", "Split by split",
             "Each split cuts one box in two, along an axis: the regions are boxes, and the "
             "tree is the list of cuts. Play splits until every leaf is pure or at the depth "
             "limit.",
             views=("plane", "tree"), controls=(PLAY, "step", "reset", "max_depth"),
             highlight=(PLAY,),
             goal="Grow the tree to the end.", done=lambda ex: ex.finished,
             live=lambda ex: f"{count(ex.tree.splits, 'split')}, "
                             f"{count(len(ex.tree.leaves()), 'leaf', 'leaves')}; "
                             f"training accuracy **{ex.accuracy():.0%}**."),
        Step("depth", "How deep?",
             "A deep tree answers every training point right, noise included; the held-out "
             "points say when the questions stop being about the shape and start being "
             "about the noise.",
             views=("plane", "accuracy"), controls=("max_depth", "min_leaf", "noise"),
             highlight=("max_depth",),
             goal="Set the depth with the best held-out accuracy.",
             done=lambda ex: ex.p.max_depth == ex.best_depth(),
             live=lambda ex: f"Depth {ex.p.max_depth}: held-out accuracy "
                             f"**{ex.accuracy(held_out=True):.0%}**"
                             + ("; no depth does better." if ex.p.max_depth == ex.best_depth()
                                else "; does another depth do better? The chart says."),
             enter=_grow),
        Step("path", "A point's way down",
             "To classify a point, start at the root and answer each question: the path ends "
             "in a leaf, and the leaf's majority is the answer. Drag the star.",
             views=("plane", "tree"), highlight=("plane", "tree"), enter=_grow),
    )

    def reset(self) -> None:
        self.load_points()
        self.tree = self._new_tree(self.p.max_depth)

    def _new_tree(self, depth: int) -> GrownTree:
        return GrownTree(self.points[self.train], self.labels[self.train], self.n_classes,
                         self.p.criterion, depth, self.p.min_leaf, (*BOX, *BOX))

    def changed(self, names: set[str]) -> None:
        self.forget_points(names)
        grown = self.finished and self.tree.splits > 0
        super().changed(names)
        if grown and self.effects(names) & {"restart", "data"}:
            self.tree.grow_all()  # a tree shown whole stays whole under new settings

    def act(self, name: str, value: Any = None) -> None:
        if name == "grow_all":
            self.tree.grow_all()
        elif name == "add_point":
            self.add_point(value)
        else:
            super().act(name, value)

    def step(self) -> None:
        self.tree.grow_one()

    @property
    def finished(self) -> bool:
        return self.tree.next_leaf() is None

    # --- numbers ------------------------------------------------------------------------

    def accuracy(self, held_out: bool = False) -> float:
        mask = ~self.train if held_out else self.train
        if not mask.any():
            return float("nan")
        return float(np.mean(self.tree.predict(self.points[mask]) == self.labels[mask]))

    def depth_curves(self) -> tuple[np.ndarray, np.ndarray]:
        """Training and held-out accuracy of the tree grown whole to each depth 1..12: kept
        while nothing but the depth limit (and what is only shown) changes."""
        key = tuple(v for k, v in sorted(self.values.items())
                    if k not in ("max_depth", "probe", "brush", "step"))
        if getattr(self, "_curves_key", None) != key:
            self._curves_key, self._depth_curves = key, None
        if self._depth_curves is None:
            train, held = [], []
            for d in range(1, MAX_DEPTH + 1):
                t = self._new_tree(d).grow_all()
                train.append(np.mean(t.predict(self.points[self.train]) ==
                                     self.labels[self.train]))
                held.append(np.mean(t.predict(self.points[~self.train]) ==
                                    self.labels[~self.train]) if (~self.train).any()
                            else np.nan)
            self._depth_curves = (np.array(train), np.array(held))
        return self._depth_curves

    def best_depth(self) -> int:
        held = self.depth_curves()[1]
        return int(np.nanargmax(held)) + 1 if np.isfinite(held).any() else self.p.max_depth

    def next_split_text(self) -> str:
        node = self.tree.next_leaf()
        if node is None or node.best is None:
            return "No leaf can be split: every one is pure, too small or at the depth limit."
        s = node.best
        return (f"Next: **{FEATURES[s.feature]} ≤ {s.threshold:.2f}** in a box of "
                f"{len(node.index)} points; it lowers the impurity by {s.gain:.3f}.")

    # --- the frame ----------------------------------------------------------------------

    def frame(self) -> dict[str, View]:
        return {"plane": self.plane_view(), "tree": self.tree_view(),
                "accuracy": self.accuracy_view()}

    def _probe(self) -> np.ndarray:
        return np.array(self.p.probe[0][:2], dtype=float)

    def plane_view(self) -> Plot:
        leaves = self.tree.leaves()
        purity = np.array([n.counts.max() / max(n.counts.sum(), 1) for n in leaves])
        boxes = np.array([n.box for n in leaves])
        layers: list[Any] = []
        for c in range(self.n_classes):  # one layer per class: its colour, its purity
            mine = np.array([n.majority == c for n in leaves])
            if not mine.any():
                continue
            b = boxes[mine]
            layers.append(ShapesLayer("rect", (b[:, 0] + b[:, 1]) / 2, (b[:, 2] + b[:, 3]) / 2,
                                      b[:, 1] - b[:, 0], b[:, 3] - b[:, 2],
                                      fill=LABEL_COLORS[c],
                                      opacity=float(TINT * purity[mine].mean()),
                                      stroke="#ffffff", stroke_width=1.0))
        node = self.tree.next_leaf()
        if node is not None and node.best is not None:
            s, (x0, x1, y0, y1) = node.best, node.box
            xs = np.array([s.threshold, s.threshold]) if s.feature == 0 else np.array([x0, x1])
            ys = np.array([y0, y1]) if s.feature == 0 else np.array([s.threshold, s.threshold])
            layers.append(LinesLayer(xs, ys, MODEL, 2.0, (6, 4), name="next split"))
        layers += self.points_layers()
        px, py = self._probe()
        layers.append(PointsLayer(np.array([px]), np.array([py]), color="#ffffff", size=9,
                                  marker="star", stroke="#1b232b", draggable="probe",
                                  name="the star"))
        title = (f"{count(self.tree.splits, 'split')}, {count(len(leaves), 'leaf', 'leaves')}: "
                 f"training {self.accuracy():.0%}")
        if (~self.train).any():
            title += f", held out {self.accuracy(held_out=True):.0%}"
        title = self.plane_title(title)  # odd data: say why the picture looks so
        return Plot(title, "x₁", "x₂", BOX, BOX, layers, click_action="add_point", aspect=1.0)

    def _node_view(self, n: Node, lit: set[int]) -> GraphNode:
        total = int(n.counts.sum())
        gini = f"{self.p.criterion} {float(impurity(n.counts, self.p.criterion)):.2f}"
        label = f"{FEATURES[n.split.feature]} ≤ {n.split.threshold:.2f}" if n.split else \
            CLASS_NAMES[n.majority]
        return GraphNode(str(n.id), label, f"n = {total}\n{gini}", mix=list(n.counts),
                         highlight=n.id in lit)

    def tree_view(self) -> Graph:
        lit = set(self.tree.path(self._probe()))
        nodes = [self._node_view(n, lit) for n in self.tree.nodes]
        edges = [GraphEdge(str(n.id), str(c), "yes" if k == 0 else "no",
                           highlight=n.id in lit and c in lit)
                 for n in self.tree.nodes for k, c in enumerate(n.children)]
        leaf = self.tree.nodes[max(lit)] if lit else self.tree.nodes[0]
        return Graph(f"The star goes down {count(len(lit) - 1, 'question')} to a "
                     f"{CLASS_NAMES[leaf.majority]} leaf", nodes, edges)

    def accuracy_view(self) -> Chart:
        train, held = self.depth_curves()
        depths = np.arange(1, MAX_DEPTH + 1, dtype=float)
        series = [Series("training", train, TRAIN)]
        if np.isfinite(held).any():
            series.append(Series("held out", held, HELD_OUT))
        return Chart("Accuracy by depth", "max depth", "accuracy", depths, series)

