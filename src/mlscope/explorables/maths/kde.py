"""Kernel density estimation: a bump on every point, summed; the bandwidth that makes the
estimate spiky or oversmoothed, Scott's and Silverman's rules of thumb marked, the error
against the density the points came from over every bandwidth, and four kernels (Matthew
Conlen's "Kernel Density Estimation").

The estimate is f̂(x) = (1/nh) Σ K((x - xᵢ)/h), computed here on a grid; the kernels are
scaled as scikit-learn's ``KernelDensity`` scales them (the bandwidth is the Gaussian's sd
and the others' half-width), and tests/unit/test_kde.py checks the estimate against it and
the rules against ``scipy.stats.gaussian_kde``.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray
from scipy import stats

from mlscope.core.colors import DATA, MODEL
from mlscope.core.explorable import Action, Explorable
from mlscope.core.params import ChoiceParam, FloatParam, IntParam, PointsParam
from mlscope.core.story import Step
from mlscope.core.views import LinesLayer, Plot, PointsLayer, Table, View

Array = NDArray[np.float64]

BOX = (-5.0, 5.0)
GRID = np.linspace(*BOX, 401)
BUMPS_UP_TO = 60
"""Each point's own bump is drawn up to this many points."""
KERNELS = ("gaussian", "epanechnikov", "tophat", "linear")
KERNEL_LABELS = ("Gaussian", "Epanechnikov", "box (top hat)", "triangle")
DATASETS = ("bimodal", "normal", "skewed", "claw")
DATASET_LABELS = ("two bumps", "normal", "skewed", "the claw (Marron and Wand)")
TRUTH = "#2e7d32"
BUMP = "#b8c0c8"
RULES = (("Scott", "#4527a0"), ("Silverman", "#00838f"))
H_GRID = np.geomspace(0.03, 3.0, 36)
CLOSE = 1.1
"""Step 2's goal: an error within 10 % of the least any bandwidth gives."""


def kernel(name: str, u: Array) -> Array:
    """K(u), each integrating to 1, with scikit-learn's scaling."""
    if name == "gaussian":
        return np.asarray(np.exp(-0.5 * u * u) / np.sqrt(2 * np.pi))
    inside = np.abs(u) < 1
    if name == "epanechnikov":
        return np.where(inside, 0.75 * (1 - u * u), 0.0)
    if name == "tophat":
        return np.where(inside, 0.5, 0.0)
    return np.where(inside, 1 - np.abs(u), 0.0)


def estimate(x: Array, data: Array, h: float, name: str) -> Array:
    """f̂ at x: the average of the kernels of width h centred on the data."""
    if not len(data):
        return np.zeros_like(x)
    return np.asarray(kernel(name, (x[:, None] - data[None, :]) / h).sum(axis=1)
                      / (len(data) * h))


def scott(data: Array) -> float:
    """Scott's rule: σ n^(-1/5) (scipy's gaussian_kde 'scott')."""
    return float(data.std(ddof=1) * len(data) ** (-1 / 5))


def silverman(data: Array) -> float:
    """Silverman's rule: σ (3n/4)^(-1/5) (scipy's gaussian_kde 'silverman')."""
    return float(data.std(ddof=1) * (len(data) * 3 / 4) ** (-1 / 5))


def true_density(name: str, x: Array) -> Array:
    """The density each data set is drawn from."""
    if name == "normal":
        return np.asarray(stats.norm.pdf(x, 0, 1))
    if name == "bimodal":
        return np.asarray(0.6 * stats.norm.pdf(x, -1.5, 0.6) + 0.4 * stats.norm.pdf(x, 1.8, 0.8))
    if name == "skewed":
        return np.asarray(stats.gamma.pdf(x, 2.0, loc=-3.0, scale=0.8))
    return np.asarray(0.5 * stats.norm.pdf(x, 0, 1) + sum(
        0.1 * stats.norm.pdf(x, k / 2 - 1, 0.1) for k in range(5)))


def draw_data(name: str, n: int, seed: int) -> Array:
    rng = np.random.default_rng((seed, DATASETS.index(name)))
    if name == "normal":
        x = rng.normal(0, 1, n)
    elif name == "bimodal":
        first = rng.random(n) < 0.6
        x = np.where(first, rng.normal(-1.5, 0.6, n), rng.normal(1.8, 0.8, n))
    elif name == "skewed":
        x = -3.0 + rng.gamma(2.0, 0.8, n)
    else:
        which = rng.integers(0, 10, n)  # 0-4: the wide normal, 5-9: one of five claws
        claw = which >= 5
        x = np.where(claw, (which - 5) / 2 - 1 + 0.1 * rng.standard_normal(n),
                     rng.standard_normal(n))
    return np.clip(x, BOX[0] + 0.01, BOX[1] - 0.01)


def ise(data: Array, h: float, name: str, truth: Array) -> float:
    """The integrated squared error of the estimate against the true density on the grid."""
    d = estimate(GRID, data, h, name) - truth
    return float(np.trapezoid(d * d, GRID))


def _bumps(ex: Kde) -> str:
    return (f"{len(ex.data)} points, bandwidth {ex.p.bandwidth:g}: each bump has area "
            f"1/{len(ex.data)}; the pink curve is their sum.")


def _errors(ex: Kde) -> str:
    _, best = ex.best()
    mine = ise(ex.data, ex.p.bandwidth, ex.p.kernel, ex.truth)
    return (f"Error with your bandwidth: **{mine:.4f}**; the least any bandwidth gives is "
            f"{best:.4f} ({mine / best:.2f}×)." if best > 0 else "")


def _rules(ex: Kde) -> str:
    best_h, _ = ex.best()
    return (f"Best bandwidth **{best_h:.3f}**; Scott's rule says {scott(ex.data):.3f}, "
            f"Silverman's {silverman(ex.data):.3f}: both assume the data are normal.")


class Kde(Explorable):
    slug = "kde"
    title = "Kernel density estimation"
    topic = "maths"
    summary = ("A bump on every point, summed into a density: choose the bandwidth between "
               "spiky and oversmoothed, beside Scott's and Silverman's rules.")
    params = (
        FloatParam("bandwidth", 0.1, 0.03, 3.0, step=0.01, log=True, label="bandwidth h",
                   effect="view", doc="The width of each point's bump."),
        ChoiceParam("kernel", "gaussian", options=KERNELS, labels=KERNEL_LABELS,
                    label="kernel", effect="view", doc="The shape of each bump."),
        ChoiceParam("dataset", "bimodal", options=DATASETS, labels=DATASET_LABELS,
                    label="data", doc="The density the points are drawn from."),
        IntParam("count", 40, 5, 500, label="points", doc="How many points to draw."),
        PointsParam("points", (), x_range=BOX, y_range=(-100.0, 100.0), max_points=500,
                    effect="data", label="points", doc="The points (only x counts; drag "
                                                       "them along the axis)."),
    )
    actions = (Action("new_points", "New points", "Draw new points from the same density "
                                                  "(the next seed)."),)
    layout = (("kde", "error"), ("numbers",))
    export_layout = (("kde", "error"),)
    thumbnail_view = "kde"
    captions: ClassVar[dict[str, str]] = {
        "kde": "Dots: the data (drag one). Grey: each point's bump. Pink: their sum, the "
               "estimate. Green dashed: the density the points came from.",
        "error": "How far the estimate is from that density (integrated squared error) for "
                 "every bandwidth; yours and the rules' marked.",
        "numbers": "Your bandwidth and the rules', with their errors.",
    }
    story_steps = (
        Step("bumps", "A bump on every point",
             "To guess the density behind some points, put a small bump (a kernel) on each "
             "and add them up, each with area 1/n. Drag a point and its bump moves with "
             "it; the estimate follows.",
             views=("kde",), controls=("bandwidth",), highlight=("kde",),
             goal="Drag a point.", done=lambda ex: bool(ex.moved), live=_bumps),
        Step("bandwidth", "Too narrow, too wide",
             "The bandwidth h is each bump's width. Too small and the estimate is a spike "
             "per point; too large and the two bumps of the data melt into one. The right "
             "panel shows the error for every h.",
             views=("kde", "error"), controls=("bandwidth",), highlight=("bandwidth",),
             goal="Find a bandwidth within 10 % of the least error.",
             done=lambda ex: ise(ex.data, ex.p.bandwidth, ex.p.kernel, ex.truth)
             <= CLOSE * ex.best()[1], live=_errors),
        Step("rules", "Rules of thumb",
             "Scott's and Silverman's rules pick h from the data's spread and size alone, "
             "assuming it is normal. For a normal sample they are close to the best; for "
             "data with bumps they oversmooth.",
             views=("kde", "error", "numbers"), controls=("dataset", "count"),
             highlight=("dataset",),
             goal="Find a data set where Silverman's rule picks over twice the best "
                  "bandwidth.",
             done=lambda ex: silverman(ex.data) > 2 * ex.best()[0], live=_rules),
        Step("kernels", "The kernel's shape",
             "The bump can be a bell, a parabola (Epanechnikov), a box or a triangle. With "
             "a good bandwidth each gives about the same estimate: the width matters far "
             "more than the shape.",
             views=("kde", "error"), controls=("kernel", "bandwidth"), highlight=("kernel",),
             goal="Try three kernels.", done=lambda ex: len(ex.kernels_seen) >= 3,
             live=_errors),
    )

    def reset(self) -> None:
        if not self.p.points:
            x = draw_data(self.p.dataset, self.p.count, self.p.seed)
            self._assign(points=tuple((round(float(v), 3), 0.0, 0) for v in x))
            self.original = tuple(self.p.points)
        elif not hasattr(self, "original"):
            self.original = tuple(self.p.points)
        self.data = np.array([p[0] for p in self.p.points], dtype=float)
        self.truth = true_density(self.p.dataset, GRID)
        self._errors: Array | None = None
        if not hasattr(self, "kernels_seen"):
            self.kernels_seen: set[str] = set()
        self.kernels_seen.add(self.p.kernel)

    @property
    def moved(self) -> bool:
        return tuple(self.p.points) != self.original

    def changed(self, names: set[str]) -> None:
        if names & {"dataset", "count", "seed"}:
            self._assign(points=())
        if "kernel" in names:
            self.kernels_seen.add(self.p.kernel)
            self._errors = None
        super().changed(names)

    def errors(self) -> Array:
        """The error of every bandwidth on H_GRID with this kernel (once per data and
        kernel: moving the bandwidth costs one estimate, not 36)."""
        if self._errors is None:
            self._errors = np.array([ise(self.data, h, self.p.kernel, self.truth)
                                     for h in H_GRID])
        return self._errors

    def act(self, name: str, value: Any = None) -> None:
        if name == "new_points":
            self._assign(seed=(self.p.seed + 1) % (2**31 - 1), points=())
            self.reset()
        else:
            super().act(name, value)

    def best(self) -> tuple[float, float]:
        """The bandwidth on H_GRID with the least error for this kernel, and that error."""
        errs = self.errors()
        k = int(np.argmin(errs))
        return float(H_GRID[k]), float(errs[k])

    # --- the frame ---------------------------------------------------------------------

    def frame(self) -> dict[str, View]:
        return {"kde": self.kde_view(), "error": self.error_view(),
                "numbers": self.numbers_view()}

    def kde_view(self) -> Plot:
        h, name, data = self.p.bandwidth, self.p.kernel, self.data
        f = estimate(GRID, data, h, name)
        top = max(float(f.max()), float(self.truth.max())) * 1.15
        layers: list[Any] = []
        if len(data) <= BUMPS_UP_TO:
            xs, ys = [], []
            for xi in data:
                span = np.linspace(xi - 3.5 * h if name == "gaussian" else xi - h,
                                   xi + 3.5 * h if name == "gaussian" else xi + h, 61)
                xs.append(np.append(span, np.nan))
                ys.append(np.append(kernel(name, (span - xi) / h) / (len(data) * h), np.nan))
            layers.append(LinesLayer(np.concatenate(xs), np.concatenate(ys), BUMP, 1.0,
                                     name="each point's bump"))
        layers.append(LinesLayer(GRID, self.truth, TRUTH, 1.6, (6, 4),
                                 name="the true density"))
        layers.append(LinesLayer(GRID, f, MODEL, 2.4, name="estimate"))
        layers.append(PointsLayer(data, np.full(len(data), -0.03 * top), color=DATA, size=4,
                                  draggable="points", name="data"))
        return Plot(f"{KERNEL_LABELS[KERNELS.index(name)]} kernels, h = {h:g}", "x",
                    "density", BOX, (-0.07 * top, top), layers)

    def error_view(self) -> Plot:
        errs = self.errors()
        top = float(np.quantile(errs, 0.9)) * 1.3
        mine = ise(self.data, self.p.bandwidth, self.p.kernel, self.truth)
        layers: list[Any] = [LinesLayer(np.log10(H_GRID), np.minimum(errs, top), DATA, 2.0,
                                        name="error")]
        for (label, color), h in zip(RULES, (scott(self.data), silverman(self.data)),
                                     strict=True):
            if H_GRID[0] <= h <= H_GRID[-1]:
                layers.append(LinesLayer(np.log10([h, h]), np.array([0.0, top]), color, 1.6,
                                         (5, 4), name=f"{label}: h = {h:.3f}"))
        layers.append(PointsLayer(np.log10([self.p.bandwidth]), np.array([min(mine, top)]),
                                  color=MODEL, size=6, name="your h"))
        ticks = [(float(np.log10(v)), f"{v:g}") for v in (0.03, 0.1, 0.3, 1, 3)]
        return Plot("Error for every bandwidth", "bandwidth h (log scale)",
                    "integrated squared error", (float(np.log10(H_GRID[0])),
                                                 float(np.log10(H_GRID[-1]))),
                    (0.0, top), layers, x_ticks=ticks)

    def numbers_view(self) -> Table:
        rows = []
        best_h, _ = self.best()
        for label, h in (("yours", self.p.bandwidth), ("Scott's rule", scott(self.data)),
                         ("Silverman's rule", silverman(self.data)), ("best on the grid",
                                                                       best_h)):
            rows.append([label, f"{h:.3f}",
                         f"{ise(self.data, h, self.p.kernel, self.truth):.4f}"])
        return Table(f"{len(self.data)} points", ["bandwidth", "h", "error"], rows)
