"""Mean, median, mode and skew: drag values on a number line and watch the three centres
move; add an outlier and see the mean follow it while the median barely moves; skewed data
pull the mean toward their tail (Seeing Theory's "Basic Probability" measures, and the
classic dot plot).

The numbers are numpy's mean and median, the most common whole-number value, and
``scipy.stats.skew``; tests/unit/test_center.py checks them.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray
from scipy import stats

from mlscope.core.colors import DATA
from mlscope.core.explorable import Action, Explorable
from mlscope.core.params import ChoiceParam, ParamError, PointsParam
from mlscope.core.story import Step
from mlscope.core.views import LinesLayer, Plot, PointsLayer, Table, View

Array = NDArray[np.float64]

BOX = (0.0, 100.0)
MAX_POINTS = 200
DATASETS = ("symmetric", "right_skewed", "left_skewed", "bimodal")
DATASET_LABELS = ("symmetric", "skewed right (a long tail of high values)",
                  "skewed left (a long tail of low values)", "two groups")
MEASURES = (("mean", "#4527a0", (1, 0)), ("median", "#00838f", (7, 4)),
            ("mode", "#6d4c41", (2, 3)))
"""Each centre's colour and dash (the mean solid)."""
OUTLIER = 97.0
SHIFT = 1.5
"""Step 2's goal: the mean moved this much while the median moves at most 1."""


def dataset(name: str) -> tuple[float, ...]:
    """The values of a starting data set (whole numbers, fixed)."""
    rng = np.random.default_rng(DATASETS.index(name))
    if name == "symmetric":
        x = rng.normal(50, 8, 25)
    elif name == "right_skewed":
        x = 15 + rng.exponential(14.0, 25)
    elif name == "left_skewed":
        x = 88 - rng.exponential(14.0, 25)
    else:
        x = np.concatenate([rng.normal(30, 5, 13), rng.normal(70, 5, 12)])
    return tuple(float(v) for v in np.clip(np.round(x), 1, 99))


BIN = 5.0
"""Values are grouped in bins this wide: the dot plot stacks each bin's values, and the
mode is the middle of the fullest bin (the modal class: with few values, no exact value
repeats often enough to be the typical one)."""


def bins_of(x: Array) -> Array:
    return np.floor(np.asarray(x) / BIN)


def modes(x: Array) -> list[float]:
    """The middle of the fullest bin (of every one of them, when tied)."""
    if not len(x):
        return []
    b, counts = np.unique(bins_of(x), return_counts=True)
    return [float((v + 0.5) * BIN) for v in b[counts == counts.max()]]


def stack_heights(x: Array) -> Array:
    """A dot plot's heights: the k-th value of a bin, left to right, sits k rows up."""
    b = bins_of(x)
    out = np.zeros(len(x))
    seen: dict[float, int] = {}
    for i in np.argsort(x, kind="stable"):
        out[i] = seen.get(float(b[i]), 0)
        seen[float(b[i])] = seen.get(float(b[i]), 0) + 1
    return out


def _centres(ex: Center) -> str:
    m = modes(ex.x)
    return (f"Mean **{ex.x.mean():.2f}**, median **{np.median(ex.x):.1f}**, mode "
            + (", ".join(f"{v:g}" for v in m) if len(m) <= 3 else f"{len(m)} values tie")
            + ".")


def _outlier(ex: Center) -> str:
    return (f"The mean moved **{ex.x.mean() - ex.start[0]:+.2f}**, the median "
            f"**{np.median(ex.x) - ex.start[1]:+.1f}** since this step began.")


def _skew(ex: Center) -> str:
    g = float(stats.skew(ex.x)) if len(ex.x) > 2 else 0.0
    side = "right: mean above median" if ex.x.mean() > np.median(ex.x) else \
        "left: mean below median" if ex.x.mean() < np.median(ex.x) else "neither way"
    return f"Skewness **{g:.2f}**: the mean is pulled {side}."


def _to(name: str) -> Any:
    """A step starts from the data set ``name`` as it comes (the learner's edits of another
    step are not carried over), and notes where its mean and median start."""
    def enter(ex: Center) -> None:
        ex.set(dataset=name, points=_points(dataset(name)))
        ex.start = (float(ex.x.mean()), float(np.median(ex.x)))
    return enter


def _points(values: tuple[float, ...]) -> tuple[tuple[float, float, int], ...]:
    return tuple((v, 0.0, 0) for v in values)


class Center(Explorable):
    slug = "mean-median-mode"
    title = "Mean, median, mode and skew"
    topic = "maths"
    summary = ("Drag values on a number line: the mean follows every value and an outlier, "
               "the median only the middle one; skew pulls the mean toward the tail.")
    params = (
        ChoiceParam("dataset", "symmetric", options=DATASETS, labels=DATASET_LABELS,
                    label="data", doc="The values to start from; drag them anywhere."),
        PointsParam("points", (), x_range=BOX, y_range=(-1.0, 1000.0), min_points=0,
                    max_points=MAX_POINTS, effect="data", label="values",
                    doc="The values (click the line to add one, shift-click to remove)."),
    )
    actions = (
        Action("outlier", "Add an outlier", f"Add the value {OUTLIER:g}."),
        Action("click", "Add or remove", "A click adds a value there; shift-click removes "
                                         "the nearest.", button=False),
        Action("reset", "Start again", "Back to the data set's values."),
    )
    layout = (("line",), ("numbers",))
    export_layout = (("line",),)
    thumbnail_view = "line"
    captions: ClassVar[dict[str, str]] = {
        "line": "Each dot is a value (drag one; click to add, shift-click to remove). Lines: "
                "the mean (solid), the median (dashed) and the mode (dotted).",
        "numbers": "The three centres, the spread and the skewness.",
    }
    story_steps = (
        Step("centres", "Three ways to say typical",
             "The **mean** adds the values and divides by how many there are. The "
             "**median** is the middle value once they are sorted. The **mode** is the "
             "most common value: here the middle of the tallest stack. Drag the values and "
             "watch all three.",
             views=("line", "numbers"), controls=("reset",), highlight=("line",),
             goal="Make the mean and the median differ by more than 5.",
             done=lambda ex: abs(ex.x.mean() - np.median(ex.x)) > 5, live=_centres,
             enter=_to("symmetric")),
        Step("outlier", "One outlier",
             "Add one far value, or drag one far away. The mean moves toward it: every "
             "value counts by its size. The median hardly moves: it only asks which value "
             "is in the middle. That is why house prices are reported as medians.",
             views=("line", "numbers"), controls=("outlier", "reset"),
             highlight=("outlier",),
             goal=f"Move the mean by {SHIFT:g} or more while the median moves by 1 at most.",
             done=lambda ex: abs(ex.x.mean() - ex.start[0]) >= SHIFT and
             abs(np.median(ex.x) - ex.start[1]) <= 1, live=_outlier, enter=_to("symmetric")),
        Step("skew", "Skew pulls the mean",
             "In skewed data a long tail of large (or small) values pulls the mean past the "
             "median, toward the tail; the mode stays at the peak. Skewness measures the "
             "tail's pull: positive for a tail on the right.",
             views=("line", "numbers"), controls=("dataset", "reset"),
             highlight=("dataset",),
             goal="Find data whose mean is below its median by more than 2.",
             done=lambda ex: np.median(ex.x) - ex.x.mean() > 2, live=_skew,
             enter=_to("right_skewed")),
    )

    def reset(self) -> None:
        if not self.p.points:
            self._assign(points=_points(dataset(self.p.dataset)))
        self.x = np.array([p[0] for p in self.p.points], dtype=float)
        if not hasattr(self, "start"):
            self.start = (float(self.x.mean()), float(np.median(self.x)))

    def changed(self, names: set[str]) -> None:
        if "dataset" in names and "points" not in names:
            self._assign(points=())
        super().changed(names)

    def act(self, name: str, value: Any = None) -> None:
        pts = list(self.p.points)
        if name == "outlier":
            if len(pts) >= MAX_POINTS:
                raise ParamError("points", f"points holds at most {MAX_POINTS} values.")
            self.set(points=[*pts, (OUTLIER, 0.0, 0)])
        elif name == "click":
            if not isinstance(value, dict) or not isinstance(value.get("x"), int | float):
                raise ParamError("click", "click needs the position: {\"x\": ..., \"y\": ...}.")
            x = float(np.clip(round(float(value["x"])), *BOX))
            if value.get("shift"):
                if len(pts) > 1:
                    k = int(np.argmin(np.abs(self.x - x)))
                    self.set(points=pts[:k] + pts[k + 1:])
            elif len(pts) < MAX_POINTS:
                self.set(points=[*pts, (x, 0.0, 0)])
        elif name == "reset":
            self.set(points=_points(dataset(self.p.dataset)))
        else:
            super().act(name, value)

    # --- the frame ---------------------------------------------------------------------

    def frame(self) -> dict[str, View]:
        return {"line": self.line_view(), "numbers": self.numbers_view()}

    def line_view(self) -> Plot:
        x = self.x
        heights = stack_heights(x)
        top = max(6.0, float(heights.max()) + 2)
        layers: list[Any] = []
        centres = {"mean": [float(x.mean())], "median": [float(np.median(x))],
                   "mode": modes(x)}
        for name, color, dash in MEASURES:
            for i, c in enumerate(centres[name]):
                layers.append(LinesLayer(np.array([c, c]), np.array([-0.5, top]), color, 2.2,
                                         dash, name=name if i == 0 else ""))
        # dots sit on rows 0, 1, 2...; the param's y is not used (a value is its x alone)
        layers.append(PointsLayer(x, heights, color=DATA, size=6, draggable="points",
                                  name="values"))
        return Plot(f"{len(x)} values: mean {x.mean():.2f}, median {np.median(x):g}", "value",
                    "", BOX, (-0.8, top), layers, click_action="click", aspect=2.6,
                    y_ticks=[])

    def numbers_view(self) -> Table:
        x = self.x
        m = modes(x)
        g = float(stats.skew(x)) if len(x) > 2 else float("nan")
        rows = [["mean", f"{x.mean():.2f}", "the sum over the count; every value pulls it"],
                ["median", f"{np.median(x):g}", "the middle value; half are below it"],
                ["mode", ", ".join(f"{v:g}" for v in m[:4]) + (" …" if len(m) > 4 else ""),
                 f"the middle of the fullest {BIN:g}-wide bin (the tallest stack)"],
                ["standard deviation", f"{x.std(ddof=1):.2f}" if len(x) > 1 else "–",
                 "the typical distance from the mean"],
                ["skewness", f"{g:.2f}" if np.isfinite(g) else "–",
                 "+: a tail on the right; −: on the left"]]
        return Table(f"{len(x)} values", ["", "value", "what it is"], rows)
