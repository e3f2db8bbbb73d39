"""k-means clustering, step by step (after Naftali Harris's "Visualizing K-Means
Clustering"): start k centroids (at random points, farthest apart, by k-means++, or where
you click), then alternately assign every point to its nearest centroid and move every
centroid to the mean of its points, until no point changes cluster. Step half a step at a
time, go back, play to watch the centroids glide, change the data mid-way; the elbow and the
silhouette over k = 1..10 say how many clusters; the shapes where k-means fails sit beside
the ones where it works.

The run is ``kmeans_lloyd``: scikit-learn's Lloyd iterations, which tests/unit/test_kmeans.py
checks end where ``sklearn.cluster.KMeans`` ends from the same starting centroids.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any, ClassVar

import numpy as np
from sklearn.metrics import adjusted_rand_score, silhouette_score

from mlscope.core.colors import MODEL, class_codes, class_colormap
from mlscope.core.explorable import Action, Explorable
from mlscope.core.params import BoolParam, ChoiceParam, IntParam, ParamError, PointsParam
from mlscope.core.story import PLAY, Step
from mlscope.core.text import count
from mlscope.core.views import (
    ArrowsLayer,
    Bars,
    Chart,
    HeatmapLayer,
    LinesLayer,
    Plot,
    PointsLayer,
    Series,
    View,
)
from mlscope.data import cluster_sets, plane
from mlscope.explorables.classic.kmeans_lloyd import (
    INIT_LABELS,
    INITS,
    State,
    assign,
    converged,
    half_step,
    inertia,
    run,
    start,
)
from mlscope.explorables.cluster_points import (
    ADD_POINT,
    BOX,
    UPLOAD,
    ClusterPoints,
    cluster_point_params,
)

MAX_K = 10
GRID = 121
"""Cells per side of the regions' map."""
TICKS = 16
"""Play: frames per half-step (about 4 a second), the centroids gliding in the first ones."""
GLIDE = 0.6
"""The share of a half-step's frames the centroids take to glide to their new place."""
UNASSIGNED = "#9aa5b1"
PATHS = "#37474f"


def _assigned(ex: KMeans) -> bool:
    return len(ex.history) > 1


def _updated(ex: KMeans) -> bool:
    return any(s.phase == "update" for s in ex.history)


def _assign_live(ex: KMeans) -> str:
    s = ex.history[-1]
    if s.labels is None:
        return ("No point belongs anywhere yet (grey). Press **Step**: each joins the centroid "
                "nearest to it.")
    sizes = np.bincount(s.labels, minlength=ex.k)
    return ("Every point has joined its nearest centroid: clusters of "
            + ", ".join(str(int(n)) for n in sizes) + " points. The coloured regions are "
            "the places nearest each centroid.")


def _update_live(ex: KMeans) -> str:
    s = ex.history[-1]
    if s.phase != "update":
        return "Press **Step**: each centroid moves to the mean of its points (the arrows)."
    prev = ex.history[-2].centroids
    far = float(np.max(np.hypot(*(s.centroids - prev).T)))
    jumped = f" {count(s.moved, 'empty cluster')} took the farthest point." if s.moved else ""
    return f"The centroids moved, the farthest by {far:.2f}.{jumped}"


def _converge_live(ex: KMeans) -> str:
    j = ex.inertia_now()
    if ex.finished:
        return (f"Converged after {count(ex.iterations(), 'iteration')}: no point changed "
                f"cluster. Inertia **{j:.1f}**.")
    if ex.history[-1].labels is None:
        return "Press **Play**, or **Step** half a step at a time."
    return f"Iteration {ex.iteration_now()}: inertia **{j:.1f}**, still falling."


def _starts_live(ex: KMeans) -> str:
    if ex.p.init == "mine" and len(ex.p.starts) < ex.k:
        return f"{len(ex.p.starts)} of {ex.k} centroids placed: click the plot."
    if not ex.finished:
        return "Press **Play** to run to the end."
    best = ex.best_inertia()
    worse = ex.inertia_now() / best - 1
    return (f"This run ends at inertia **{ex.inertia_now():.1f}**; the best of 10 k-means++ "
            f"starts reaches {best:.1f}" + (f": yours is {worse:.0%} worse, a local minimum."
                                             if worse > 0.005 else ", the same."))


def _fails_live(ex: KMeans) -> str:
    shapes = cluster_sets.GROUPS[ex.p.dataset]
    if not ex.finished:
        return "Press **Play** to run to the end."
    return (f"k = {ex.k}, and the eye sees {count(shapes, 'shape')}. k-means agrees with the "
            f"shapes **{ex.agreement():.0%}** (adjusted Rand index: 100% the same grouping, "
            f"0% no better than chance).")


def _k_live(ex: KMeans) -> str:
    if ex.p.k == 1:
        return "k = 1: one cluster, no silhouette (it compares clusters)."
    best = ex.best_k()
    text = f"k = {ex.p.k}: silhouette **{ex.silhouettes()[ex.p.k - 1]:.2f}**" + (
        "; no k scores higher." if ex.p.k == best else "; which k scores highest? The bars say.")
    shapes = cluster_sets.GROUPS[ex.p.dataset] if ex.has_shapes() else 0
    if ex.p.k == best and shapes and best != shapes:
        text += (f" The eye sees {count(shapes, 'shape')}: the silhouette, like k-means, "
                 f"likes round clusters of one size.")
    return text


def _random_starts(ex: KMeans) -> None:
    if ex.p.init != "random":
        ex.set(init="random")


def _good_starts(ex: KMeans) -> None:
    """k-means++ starts, so that what goes wrong is the shape, not the start; run."""
    ex.set(init="k-means++", starts=())
    ex.run_to_end()


def _two_on_blobs(ex: KMeans) -> None:
    ex.set(dataset="blobs", k=2, data=())
    ex.run_to_end()


class KMeans(ClusterPoints, Explorable):
    slug = "k-means"
    title = "k-means clustering"
    topic = "classic"
    summary = ("Group points around k centroids: assign each point to the nearest, move each "
               "centroid to the middle of its points, repeat; and see where it fails.")
    params = (
        IntParam("k", 4, 1, MAX_K, label="k (clusters)",
                 doc="How many clusters; a new data set sets it to the shapes the eye sees."),
        ChoiceParam("init", "random", options=INITS, labels=INIT_LABELS,
                    label="starting centroids",
                    doc="How the centroids start: at k random points, each farthest from the "
                        "last, by k-means++ (far points more likely), or where you click."),
        PointsParam("starts", (), x_range=BOX, y_range=BOX, n_labels=MAX_K, max_points=MAX_K,
                    label="your centroids", advanced=True,
                    doc="Where your centroids start (with \"I'll place them\"): click the plot "
                        "to place them, drag to move them before the first step."),
        *cluster_point_params("blobs"),
        BoolParam("regions", True, label="show regions", effect="view"),
    )
    actions = (
        Action("step", "Step", "One half-step: assign every point, or move every centroid."),
        Action("back", "Undo", "Undo the last half-step."),
        Action("run", "Run to the end", "Step until no point changes cluster."),
        Action("reset", "Start again", "Back to the starting centroids."),
        Action("new_start", "New start", "New random starting centroids (random, farthest "
                                         "point, k-means++)."),
        ADD_POINT,
        UPLOAD,
    )
    playable = True
    step_name = ""  # a frame of play is not a step of the algorithm: the title counts those
    layout = (("plane", "inertia"), ("elbow", "silhouette"))
    export_layout = (("plane", "inertia"),)
    thumbnail_view = "plane"
    thumbnail_steps = 5 * TICKS
    captions: ClassVar[dict[str, str]] = {
        "plane": "Colour: each point's cluster; shading: the places nearest each centroid "
                 "(★). Grey lines: the centroids' paths. Click to add a point, shift-click to "
                 "remove one.",
        "inertia": "Inertia after each half-step: the sum of squared distances from every "
                   "point to its centroid. Each half-step can only lower it.",
        "elbow": "Inertia at the end of a run for each k (the best of 4 k-means++ starts): "
                 "more clusters always fit closer; look for the bend, the elbow.",
        "silhouette": "Silhouette for each k: how much closer points are to their own cluster "
                      "than to the next (1 best, 0 on a border). The current k is highlighted.",
    }
    story_steps = (
        Step("assign", "Every point joins the nearest centroid",
             "k-means looks for $k$ groups in points that carry no labels. It starts from $k$ "
             "centroids (★), here at 4 random points. The first half-step: every point joins "
             "the centroid nearest to it.",
             views=("plane", "inertia"), controls=("step", "back"), highlight=("step",),
             goal="Press Step to assign the points.", done=_assigned, live=_assign_live),
        Step("update", "Every centroid moves to the middle of its points",
             "The second half-step: each centroid moves to the mean of the points that joined "
             "it, $\\mu_j = \\frac{1}{|C_j|}\\sum_{x \\in C_j} x$. Then the points choose again.",
             views=("plane", "inertia"), controls=("step", "back"), highlight=("step",),
             goal="Move the centroids.", done=_updated, live=_update_live),
        Step("converge", "Repeat until nothing changes",
             "Assign, update, assign, update: each half-step lowers the inertia $\\sum_i "
             "\\lVert x_i - \\mu_{c(i)} \\rVert^2$, so the run must stop, when no point changes "
             "cluster. Play it, or step and go back.",
             views=("plane", "inertia"), controls=(PLAY, "step", "back", "run", "reset"),
             highlight=(PLAY,), goal="Run until k-means converges.",
             done=lambda ex: ex.finished, live=_converge_live),
        Step("starts", "Where you start matters",
             "k-means finds the nearest valley, not always the deepest. From random points, "
             "press **New start** and **Run to the end** a few times: about one start in six "
             "ends with two centroids sharing a blob while one covers two. Or choose \"I'll "
             "place them\" and click. k-means++ spreads the starts out to avoid this.",
             views=("plane", "inertia"),
             controls=("new_start", "run", "init", PLAY, "step", "reset"),
             highlight=("new_start", "run"),
             goal="Find a start that ends at least 5% above the best inertia.",
             done=lambda ex: ex.finished and ex.inertia_now() > 1.05 * ex.best_inertia(),
             live=_starts_live, enter=_random_starts),
        Step("fails", "Where k-means fails",
             "A centroid claims every place nearer to it than to the others: the borders are "
             "straight lines, and clusters come out round and of one size. Shapes that are not "
             "(a face, moons, a stretched or a large blob) get cut up, even with the right k "
             "and good (k-means++) starts.",
             views=("plane", "inertia"), controls=("dataset", "k", "init", PLAY, "run"),
             highlight=("dataset",),
             goal="Find data where k-means, run to the end with k = the shapes you see, agrees "
                  "with them less than 60%.",
             done=lambda ex: ex.finished and ex.p.init == "k-means++" and ex.has_shapes()
             and ex.k == cluster_sets.GROUPS[ex.p.dataset] and ex.agreement() < 0.6,
             live=_fails_live, enter=_good_starts),
        Step("how-many", "How many clusters?",
             "Without labels, nothing says what $k$ is. More clusters always lower the inertia "
             "(the elbow chart); the silhouette rewards clusters that are tight and apart: "
             "$s = \\frac{b - a}{\\max(a, b)}$, with $a$ the mean distance to a point's own "
             "cluster and $b$ to the next one.",
             views=("plane", "silhouette", "elbow"), controls=("k", "dataset"),
             highlight=("k",), goal="Set k to the best silhouette.",
             done=lambda ex: ex.p.k == ex.best_k(), live=_k_live, enter=_two_on_blobs),
    )

    # --- the run --------------------------------------------------------------------------

    def check(self, values: Any) -> None:
        """k above the number of points is refused when k is set; a link or a data set with
        fewer points than k keeps k and clusters into as many as there are points."""
        n = len(values["data"]) or values["count"]
        setting_k = getattr(self, "_values", {}).get("k", values["k"]) != values["k"]
        if setting_k and values["k"] > n:
            raise ParamError("k", f"k must be at most the number of points ({n}); "
                                  f"got {values['k']}.")

    def reset(self) -> None:
        before = getattr(self, "points", None)
        self.load_points()
        if before is None or not np.array_equal(before, self.points):
            # the elbow, the silhouettes and the best runs: once per data set
            self.__dict__.pop("summary_by_k", None)
            self._best: dict[tuple[int, int], float] = {}
        self.draw = 0
        self.restart()

    def restart(self, centroids: np.ndarray | None = None) -> None:
        """Back to the start: these centroids, else the starting rule's."""
        self.k = min(self.p.k, len(self.points))
        if centroids is None:
            centroids = self.starting_centroids()
        self.history = [State("start", centroids, None)]
        self.tick = TICKS

    def starting_centroids(self) -> np.ndarray:
        if self.p.init == "mine":
            return np.array([q[:2] for q in self.p.starts[:self.k]], dtype=float).reshape(-1, 2)
        return start(self.points, self.k, self.p.init, self.p.seed + 1000 * self.draw)

    def changed(self, names: set[str]) -> None:
        self.forget_points(names)
        if "dataset" in names and "k" not in names:
            self._assign(k=min(MAX_K, cluster_sets.GROUPS[self.p.dataset]))
        ran = self.finished
        if names == {"data"} and len(self.history[-1].centroids) == self.k:
            # New points mid-way: the centroids stay; the next assignment takes them in.
            now = self.history[-1].centroids
            self.reset()
            self.restart(now)
        elif self.effects(names) & {"restart", "data"}:
            self.reset()
        if ran and names & {"k", "init", "dataset", "count", "seed"} and self.ready():
            self.run_to_end()  # a run shown to the end stays at the end

    def ready(self) -> bool:
        """All k centroids are placed (only yours can be missing)."""
        return bool(len(self.history[0].centroids) == self.k)

    def _advance(self) -> None:
        if not self.ready():
            missing = self.k - len(self.history[0].centroids)
            raise ParamError("step", f"place {count(missing, 'more centroid')} first: "
                                     f"click the plot.")
        if not self.finished:
            self.history.append(half_step(self.points, self.history[-1]))

    def step(self) -> None:
        """Play: one frame's worth; every TICKS frames a half-step, the centroids gliding."""
        if self.finished or not self.ready():
            return
        self.tick += 1
        if self.tick >= TICKS:
            self._advance()
            self.tick = 0

    def run_to_end(self) -> None:
        while self.ready() and not self.finished:
            self._advance()
        self.tick = TICKS

    def act(self, name: str, value: Any = None) -> None:
        if name == "step":
            self._advance()
            self.tick = TICKS
        elif name == "back":
            if len(self.history) > 1:
                self.history.pop()
            self.tick = TICKS
        elif name == "run":
            self.run_to_end()
        elif name == "reset":
            self.restart()
        elif name == "new_start":
            if self.p.init == "mine":
                raise ParamError("new_start", "your own centroids do not change by chance: drag "
                                              "them, or choose another start.")
            self.draw += 1
            self.restart()
        elif name == "add_point":
            self.click(value)
        elif name == "upload_csv":
            self.upload(value)
        else:
            super().act(name, value)

    def click(self, value: Any) -> None:
        """Place your next centroid while some are missing; else add or remove a point."""
        p = self.p
        if p.init == "mine" and len(p.starts) < self.k and isinstance(value, dict) \
                and not value.get("shift"):
            placed = plane.edit_points(list(p.starts), value, len(p.starts), BOX, BOX)
            self.set(starts=[(x, y, int(c)) for x, y, c in placed])
            return
        self.edit_points(value, keep=max(1, self.k), why=f" (k = {self.k})")

    @property
    def finished(self) -> bool:
        return converged(self.history)

    # --- numbers --------------------------------------------------------------------------

    def iterations(self) -> int:
        """Updates so far: a finished run's number of iterations."""
        return sum(s.phase == "update" for s in self.history)

    def iteration_now(self) -> int:
        """The iteration under way: an assignment and the update after it are one."""
        return self.iterations() + (self.history[-1].phase == "assign")

    def inertia_at(self, s: State) -> float:
        return float("nan") if s.labels is None else inertia(self.points, s.labels, s.centroids)

    def inertia_now(self) -> float:
        return self.inertia_at(self.history[-1])

    def agreement(self) -> float:
        """Adjusted Rand index of the clusters now against the shapes the data came from."""
        labels = self.history[-1].labels
        return float("nan") if labels is None else float(adjusted_rand_score(self.groups,
                                                                             labels))

    def best_run(self, k: int, starts: int) -> State:
        """The end of the best of ``starts`` runs from k-means++ starts (seeds seed, seed + 1,
        ...): what ``KMeans(n_init=starts)`` does, with the starts it would not tell."""
        ends = [run(self.points, start(self.points, k, "k-means++", self.p.seed + i))[-1]
                for i in range(starts)]
        return min(ends, key=self.inertia_at)

    @cached_property
    def summary_by_k(self) -> tuple[np.ndarray, np.ndarray]:
        """For k = 1..10 (at most the distinct points): the inertia of the best of 4
        k-means++ runs, and the silhouette of its clusters (NaN for k = 1). Made once per data
        set (a new k or start keeps it)."""
        n = len(self.points)
        top = min(MAX_K, self.distinct())
        inertias, sil = np.full(MAX_K, np.nan), np.full(MAX_K, np.nan)
        for k in range(1, top + 1):
            best = self.best_run(k, 4)
            inertias[k - 1] = self.inertia_at(best)
            assert best.labels is not None
            if 2 <= k < n and len(np.unique(best.labels)) > 1:
                sil[k - 1] = silhouette_score(self.points, best.labels,
                                              sample_size=min(n, 1500),
                                              random_state=self.p.seed)
        return inertias, sil

    def distinct(self) -> int:
        """How many different points there are (at most that many clusters can be found)."""
        return len(np.unique(self.points, axis=0))

    def best_inertia(self) -> float:
        """The lowest inertia of 10 k-means++ runs (or this run's, if lower); once per data
        set and k."""
        if self.k > self.distinct():
            return self.inertia_now()
        key = (self.k, self.p.seed)
        if key not in self._best:
            self._best[key] = self.inertia_at(self.best_run(self.k, 10))
        return min(self._best[key], self.inertia_now())

    def silhouettes(self) -> np.ndarray:
        return self.summary_by_k[1]

    def best_k(self) -> int:
        s = self.silhouettes()
        return int(np.nanargmax(s)) + 1 if np.isfinite(s).any() else self.p.k

    # --- the frame ------------------------------------------------------------------------

    def shown_centroids(self) -> tuple[np.ndarray, np.ndarray | None]:
        """Where the centroids are drawn now, and where they came from (on an update): while
        playing they glide from the old place to the new in the half-step's first frames."""
        s = self.history[-1]
        if s.phase != "update":
            return s.centroids, None
        before = self.history[-2].centroids
        u = min(1.0, self.tick / (GLIDE * TICKS))
        return before + (s.centroids - before) * u, before

    def frame(self) -> dict[str, View]:
        return {"plane": self.plane_view(), "inertia": self.inertia_view(),
                "elbow": self.elbow_view(), "silhouette": self.silhouette_view()}

    def plane_view(self) -> Plot:
        s = self.history[-1]
        centroids, before = self.shown_centroids()
        k = len(centroids)
        layers: list[Any] = []
        if self.p.regions and k and s.labels is not None:
            g = np.linspace(*BOX, GRID)
            xx, yy = np.meshgrid(g, g)  # row 0 = smallest y, as views expect
            near, _ = assign(np.stack([xx.ravel(), yy.ravel()], axis=1), centroids)
            codes = class_codes(near, np.full(len(near), 0.3), max(k, 2))
            layers.append(HeatmapLayer(codes.reshape(GRID, GRID).astype(float), BOX, BOX, 0, 255,
                                       colormap=class_colormap(max(k, 2)), opacity=0.45))
        if len(self.history) > 1 and k:
            path = np.stack([h.centroids for h in self.history if h.phase != "assign"])
            if before is not None:
                path[-1] = centroids
            gap = np.full((1, k), np.nan)
            xs = np.concatenate([path[:, :, 0], gap]).T.ravel()
            ys = np.concatenate([path[:, :, 1], gap]).T.ravel()
            layers.append(LinesLayer(xs, ys, PATHS, 1.2, name="centroids' paths"))
        if s.labels is None:
            layers.append(PointsLayer(self.points[:, 0], self.points[:, 1], color=UNASSIGNED,
                                      size=4, name="points (no cluster yet)"))
        else:
            layers.append(PointsLayer(self.points[:, 0], self.points[:, 1], labels=s.labels,
                                      size=4, name="points"))
        if before is not None:
            d = s.centroids - before
            layers.append(PointsLayer(before[:, 0], before[:, 1], color="#d5dbe1", size=7,
                                      marker="star", stroke="#9aa5b1", name="where they were"))
            layers.append(ArrowsLayer(before[:, 0], before[:, 1], d[:, 0], d[:, 1], MODEL, 2.2,
                                      head=10, name="to the mean"))
        if k:
            drag = "starts" if self.p.init == "mine" and len(self.history) == 1 else None
            layers.append(PointsLayer(centroids[:, 0], centroids[:, 1],
                                      labels=np.arange(k), size=10, marker="star",
                                      stroke="#1b232b", draggable=drag, name="centroids"))
        return Plot(self.plane_title(), "x₁", "x₂", BOX, BOX, layers, click_action="add_point",
                    aspect=1.0)

    def plane_title(self) -> str:
        s = self.history[-1]
        if not self.ready():
            return (f"Click to place your centroids: {len(self.history[0].centroids)} of "
                    f"{self.k}")
        if s.phase == "start":
            return f"k = {self.k}: the centroids start ({self.p.init})"
        if self.finished:
            return f"k = {self.k}: converged after {count(self.iterations(), 'iteration')}"
        what = "assigned to the nearest centroid" if s.phase == "assign" else \
            "centroids moved to the mean"
        return f"Iteration {self.iteration_now()}: {what}"

    def inertia_view(self) -> Chart:
        values = [self.inertia_at(s) for s in self.history[1:]]
        x = np.arange(1, len(values) + 1, dtype=float)
        now = f"{values[-1]:.1f}" if values else "not yet"
        return Chart(f"Inertia: {now}", "half-step", "inertia", x,
                     [Series("inertia", np.array(values, dtype=float), PATHS)])

    def elbow_view(self) -> Plot:
        inertias, _ = self.summary_by_k
        ks = np.arange(1, MAX_K + 1, dtype=float)
        ok = np.isfinite(inertias)
        top = float(np.nanmax(inertias)) if ok.any() else 1.0
        here = np.array([float(self.p.k)]), np.array([inertias[self.p.k - 1]])
        return Plot("The elbow: inertia by k", "k", "inertia", (0.5, MAX_K + 0.5),
                    (0.0, top * 1.05 or 1.0), [
                        LinesLayer(ks[ok], inertias[ok], PATHS, 1.5, name="best inertia"),
                        PointsLayer(ks[ok], inertias[ok], color=PATHS, size=3),
                        PointsLayer(*here, color=MODEL, size=7, name="this k"),
                    ], aspect=1.6)

    def silhouette_view(self) -> Bars:
        _, sil = self.summary_by_k
        values = np.nan_to_num(sil, nan=0.0)
        colours = [MODEL if k == self.p.k else "#b8c0c8" for k in range(1, MAX_K + 1)]
        return Bars("Silhouette by k", [str(k) for k in range(1, MAX_K + 1)], values,
                    (min(0.0, float(values.min())), 1.0), "silhouette",
                    value_labels=["–" if not np.isfinite(v) else f"{v:.2f}" for v in sil],
                    colors=colours)

