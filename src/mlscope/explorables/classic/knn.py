"""k-nearest neighbours: a point takes the class most of its k nearest neighbours have.

Drag the star and watch its neighbours vote inside their ball (a circle for L2, a diamond
for L1, a square for L∞); raise k and watch the regions smooth and the held-out accuracy
peak; weigh votes by closeness. Neighbours come from SciPy's k-d tree; the votes, their
ties and the distance weights follow scikit-learn's KNeighborsClassifier, which
tests/unit/test_knn.py compares on the same points.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

import numpy as np
from scipy.spatial import cKDTree

from mlscope.core.colors import HELD_OUT, LABEL_COLORS, MODEL, class_codes, class_colormap
from mlscope.core.colors import LABEL_NAMES as CLASS_NAMES
from mlscope.core.explorable import Explorable
from mlscope.core.params import BoolParam, ChoiceParam, IntParam, PointsParam
from mlscope.core.story import Step
from mlscope.core.views import (
    Bars,
    Chart,
    HeatmapLayer,
    LinesLayer,
    Plot,
    PointsLayer,
    Series,
    ShapesLayer,
    View,
)
from mlscope.explorables.plane_points import ADD_POINT, BOX, PlanePoints, point_params

GRID = 81
"""Cells per side of the decision map."""
MAX_K = 50
METRICS = {"euclidean": 2.0, "manhattan": 1.0, "chebyshev": np.inf}
METRIC_LABELS = ("L2 (straight line)", "L1 (city blocks)", "L∞ (largest coordinate)")
DATASETS = ("gauss", "moons", "circle", "xor", "spiral", "blobs", "noise")


def neighbours(tree: cKDTree, points: np.ndarray, k: int, p: float) \
        -> tuple[np.ndarray, np.ndarray]:
    """(distances, indices) of the k nearest training points to each of ``points``, nearest
    first: two ndarrays of shape (len(points), k)."""
    d, i = tree.query(points, k=k, p=p)
    return np.asarray(d).reshape(len(points), k), np.asarray(i).reshape(len(points), k)


def vote(dist: np.ndarray, idx: np.ndarray, labels: np.ndarray, n_classes: int,
         weights: str) -> np.ndarray:
    """Each row's class shares, ndarray of shape (len(dist), n_classes), summing to 1.

    "uniform": one vote per neighbour. "distance": a vote of 1/d, and, as scikit-learn does,
    a row with neighbours at distance 0 counts only those."""
    if weights == "distance":
        with np.errstate(divide="ignore"):
            w = 1.0 / dist
        zero = dist == 0
        w = np.where(zero.any(axis=1, keepdims=True), zero.astype(float), w)
    else:
        w = np.ones_like(dist)
    out = np.zeros((len(dist), n_classes))
    for c in range(n_classes):
        out[:, c] = np.sum(w * (labels[idx] == c), axis=1)
    return np.asarray(out / out.sum(axis=1, keepdims=True))


def ball(metric: str, x: float, y: float, r: float) -> ShapesLayer:
    """The set of points within r of (x, y) in ``metric``: a circle, a diamond (a square
    turned 45°) or an axis-aligned square."""
    shape: Literal["ellipse", "rect"] = "ellipse" if metric == "euclidean" else "rect"
    side = r * np.sqrt(2) if metric == "manhattan" else 2 * r
    angle = 45.0 if metric == "manhattan" else 0.0
    return ShapesLayer(shape, np.array([x]), np.array([y]), np.array([side]), np.array([side]),
                       angle=np.array([angle]), stroke=MODEL, stroke_width=1.6, dash=(5, 3),
                       name="its neighbours' ball")


class KNearestNeighbours(PlanePoints, Explorable):
    slug = "knn"
    title = "k-nearest neighbours"
    topic = "classic"
    summary = ("A point takes the class most of its k nearest neighbours have: drag a point, "
               "change k and the distance, and watch the regions.")
    params = (
        IntParam("k", 1, 1, MAX_K, label="k (neighbours)", effect="live",
                 doc="How many neighbours vote."),
        ChoiceParam("metric", "euclidean", options=tuple(METRICS), labels=METRIC_LABELS,
                    label="distance", effect="live", doc="How distance is measured."),
        ChoiceParam("weights", "uniform", options=("uniform", "distance"),
                    labels=("one vote each", "closer votes more (1/d)"), label="votes",
                    effect="live"),
        PointsParam("probe", ((1.0, 1.0, 0),), x_range=BOX, y_range=BOX, min_points=1,
                    max_points=1, label="the star", effect="view",
                    doc="The point whose neighbours are shown; drag it in the plot."),
        BoolParam("show_test", True, label="show held-out points", effect="view"),
        *point_params(DATASETS, "gauss", noise=25),
    )
    actions = (ADD_POINT,)
    step_name = ""  # nothing plays: an export is a picture, not "step 0"
    layout = (("plane", "votes"), ("accuracy",))
    export_layout = (("plane",),)
    thumbnail_view = "plane"
    captions: ClassVar[dict[str, str]] = {
        "plane": "Colour: the class the vote gives each place (paler: a closer vote). Drag "
                 "the star; its neighbours are joined to it inside its ball. Click to add a "
                 "point, shift-click to remove one.",
        "votes": "The star's neighbours' votes, by class.",
        "accuracy": "Share of points the vote gets right, for every k: on the voting points "
                    "themselves and on the held-out ones.",
    }
    story_steps = (
        Step("nearest", "Your nearest neighbour decides",
             "With $k = 1$ a place takes the class of the one training point nearest to it. "
             "Drag the star: the line joins it to its nearest neighbour, and the colours show "
             "what every place would get.",
             views=("plane", "votes"), highlight=("plane",),
             goal="Drag the star into an orange region.",
             done=lambda ex: ex.probe_class() == 1,
             live=lambda ex: f"The star's nearest neighbour is **{CLASS_NAMES[ex.probe_class()]}"
                             f"**, {ex.probe_distances()[0]:.2f} away."),
        Step("k", "More neighbours, smoother regions",
             "With one neighbour every stray point carves out its own island; the vote of "
             "more neighbours smooths them away, until too many wash out the shape. The "
             "chart shows how often the vote is right on points it never saw.",
             views=("plane", "accuracy"), controls=("k", "noise"), highlight=("k",),
             goal="Find the k with the best held-out accuracy.",
             done=lambda ex: ex.p.k == ex.best_k(),
             live=lambda ex: f"k = {ex.p.k}: held-out accuracy **{ex.accuracy(held_out=True):.0%}**"
                             + ("; no k does better." if ex.p.k == ex.best_k() else
                                "; does another k do better? The chart says.")),
        Step("distance", "What is near?",
             "Nearness depends on how you measure it. The dashed ball holds the star's k "
             "neighbours: a circle for the straight-line distance, a diamond for city blocks "
             "($|\\Delta x| + |\\Delta y|$), a square for the largest coordinate.",
             views=("plane", "votes"), controls=("metric", "k"), highlight=("metric",),
             goal="Look at the ball in all three distances.",
             done=lambda ex: ex.p.metric == "chebyshev"),
        Step("weights", "Closer neighbours count more",
             "An even $k$ can tie: then the first class wins, as in scikit-learn. Weighing "
             "each vote by $1/d$ lets the closest neighbours break ties and sharpens the "
             "regions near the points.",
             views=("plane", "votes"), controls=("weights", "k"),
             highlight=("weights",), enter=lambda ex: ex.set(k=4)),
    )

    def reset(self) -> None:
        self.load_points()
        self.tree = cKDTree(self.points[self.train])
        self.train_labels = self.labels[self.train]
        self._rule_changed({"metric"})

    def _rule_changed(self, names: set[str]) -> None:
        """k, the distance or the votes changed: the data and their tree stay. What depends
        on them is computed again when next asked for (the grid's neighbours only for a new
        distance; the accuracy curves, which cover every k, not for a new k)."""
        self.k = min(self.p.k, int(self.train.sum()))
        if "metric" in names:
            self._grid_nn: tuple[np.ndarray, np.ndarray] | None = None
        if names & {"metric", "weights"}:
            self._curves: tuple[np.ndarray, np.ndarray] | None = None
        self._map: np.ndarray | None = None

    def changed(self, names: set[str]) -> None:
        self.forget_points(names)
        if self.effects(names) & {"restart", "data"}:
            self.reset()
        elif names & {"k", "metric", "weights"}:
            self._rule_changed(names)

    def act(self, name: str, value: Any = None) -> None:
        if name == "add_point":
            self.add_point(value)
        else:
            super().act(name, value)

    # --- the model's numbers ------------------------------------------------------------

    @property
    def map_codes(self) -> np.ndarray:
        """The decision map's colour codes (GRID, GRID): the grid's neighbours are found once
        for the largest k, and each k takes the first k of them."""
        if self._map is None:
            if self._grid_nn is None:
                g = np.linspace(*BOX, GRID)
                xx, yy = np.meshgrid(g, g)  # row 0 = smallest y, as views expect
                top = min(MAX_K, int(self.train.sum()))
                self._grid_nn = neighbours(self.tree, np.stack([xx.ravel(), yy.ravel()], axis=1),
                                           top, METRICS[self.p.metric])
            d, i = self._grid_nn
            shares = vote(d[:, :self.k], i[:, :self.k], self.train_labels, self.n_classes,
                          self.p.weights)
            conf = (shares.max(axis=1) - 1 / self.n_classes) / (1 - 1 / self.n_classes)
            self._map = class_codes(shares.argmax(axis=1), conf, self.n_classes) \
                .reshape(GRID, GRID)
        return self._map

    def predict_proba(self, points: np.ndarray) -> np.ndarray:
        d, i = neighbours(self.tree, points, self.k, METRICS[self.p.metric])
        return vote(d, i, self.train_labels, self.n_classes, self.p.weights)

    def predict(self, points: np.ndarray) -> np.ndarray:
        return np.asarray(self.predict_proba(points).argmax(axis=1))

    def probe_distances(self) -> np.ndarray:
        d, _ = neighbours(self.tree, self._probe(), self.k, METRICS[self.p.metric])
        return np.asarray(d[0])

    def probe_class(self) -> int:
        return int(self.predict(self._probe())[0])

    def _probe(self) -> np.ndarray:
        return np.array([self.p.probe[0][:2]], dtype=float)

    def accuracy(self, held_out: bool = False) -> float:
        mask = ~self.train if held_out else self.train
        if not mask.any():
            return float("nan")
        return float(np.mean(self.predict(self.points[mask]) == self.labels[mask]))

    def curves(self) -> tuple[np.ndarray, np.ndarray]:
        """Accuracy for k = 1..K on the voting points and on the held-out ones: the
        neighbours are found once for the largest k, then the votes grow one by one."""
        if self._curves is None:
            top = min(MAX_K, int(self.train.sum()))
            out = []
            for mask in (self.train, ~self.train):
                if not mask.any():
                    out.append(np.empty(0))
                    continue
                d, i = neighbours(self.tree, self.points[mask], top, METRICS[self.p.metric])
                acc = [np.mean(vote(d[:, :k], i[:, :k], self.train_labels, self.n_classes,
                                    self.p.weights).argmax(axis=1) == self.labels[mask])
                       for k in range(1, top + 1)]
                out.append(np.array(acc))
            self._curves = (out[0], out[1])
        return self._curves

    def held_out_accuracy(self) -> np.ndarray:
        return self.curves()[1]

    def best_k(self) -> int:
        acc = self.held_out_accuracy()
        return int(np.argmax(acc)) + 1 if acc.size else self.p.k

    # --- the frame ----------------------------------------------------------------------

    def frame(self) -> dict[str, View]:
        return {"plane": self.plane_view(), "votes": self.votes_view(),
                "accuracy": self.accuracy_view()}

    def plane_view(self) -> Plot:
        px, py = self.p.probe[0][:2]
        d, i = neighbours(self.tree, self._probe(), self.k, METRICS[self.p.metric])
        near = self.points[self.train][i[0]]
        spokes_x = np.ravel([[px, x, np.nan] for x in near[:, 0]])
        spokes_y = np.ravel([[py, y, np.nan] for y in near[:, 1]])
        layers: list[Any] = [
            HeatmapLayer(self.map_codes.astype(float), BOX, BOX, 0, 255,
                         colormap=class_colormap(self.n_classes), opacity=0.55),
            ball(self.p.metric, px, py, float(d[0, -1])),
            LinesLayer(spokes_x, spokes_y, MODEL, 1.4, name="its neighbours"),
        ]
        voting, *held = self.points_layers()
        voting.name = "voting points"
        layers += [voting, *(held if self.p.show_test else [])]
        layers.append(PointsLayer(np.array([px]), np.array([py]), color="#ffffff", size=9,
                                  marker="star", stroke="#1b232b", draggable="probe",
                                  name="the star"))
        short = f" (only {self.k} voting points)" if self.k < self.p.k else ""
        title = f"k = {self.k}{short}: the star is {CLASS_NAMES[self.probe_class()]}"
        title = self.plane_title(title)  # odd data: say why the picture looks so
        return Plot(title, "x₁", "x₂", BOX, BOX, layers, click_action="add_point", aspect=1.0)

    def votes_view(self) -> Bars:
        share = self.predict_proba(self._probe())[0]
        _, i = neighbours(self.tree, self._probe(), self.k, METRICS[self.p.metric])
        counts = np.bincount(self.train_labels[i[0]], minlength=self.n_classes)
        top = np.flatnonzero(np.isclose(share, share.max()))
        tie = f" (a tie: {CLASS_NAMES[top[0]]} wins, the first class)" if len(top) > 1 else ""
        names = list(CLASS_NAMES[:self.n_classes])
        unit = "votes" if self.p.weights == "uniform" else "share of 1/d"
        return Bars(f"The star's vote{tie}", names, share, (0.0, 1.0), unit,
                    value_labels=[f"{int(c)} of {self.k}" if self.p.weights == "uniform"
                                  else f"{s:.2f}" for c, s in zip(counts, share, strict=True)],
                    colors=LABEL_COLORS[:self.n_classes])

    def accuracy_view(self) -> Chart:
        train, held = self.curves()
        ks = np.arange(1, len(train) + 1, dtype=float)
        series = [Series("voting points", train, "#37474f")]
        if held.size:
            series.append(Series("held out", held, HELD_OUT))
        return Chart("Accuracy by k", "k", "accuracy", ks, series)
