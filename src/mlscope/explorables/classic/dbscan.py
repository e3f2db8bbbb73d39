"""DBSCAN, point by point (after Naftali Harris's "Visualizing DBSCAN Clustering"): a
point with at least minPts points within ε is a core point; clusters grow from core points,
through core points, picking up border points on the way; what no cluster reaches is noise.
Drag the star to see its ε-neighbourhood, step or play the growth one point at a time, and
see where DBSCAN finds any shape (a face, moons) and where one density threshold cannot fit
all (bars of different densities). The k-distance plot shows how ε is chosen.

The run is ``dbscan_growth``: scikit-learn's own order, so the labels are
``sklearn.cluster.DBSCAN``'s (tests/unit/test_dbscan.py).
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from sklearn.metrics import adjusted_rand_score

from mlscope.core.colors import LABEL_COLORS, MODEL
from mlscope.core.explorable import Action, Explorable
from mlscope.core.params import FloatParam, IntParam, PointsParam
from mlscope.core.story import PLAY, Step
from mlscope.core.text import count
from mlscope.core.views import (
    Bars,
    LabelsLayer,
    LinesLayer,
    Plot,
    PointsLayer,
    ShapesLayer,
    View,
)
from mlscope.explorables.classic.dbscan_growth import Growth, grow, k_distance
from mlscope.explorables.cluster_points import (
    ADD_POINT,
    BOX,
    UPLOAD,
    ClusterPoints,
    cluster_point_params,
)

NOT_YET = "#b8c0c8"
STAR_STEPS = ("neighbours", "free")
"""The steps that show the star (it would sit on the clusters in the others)."""
NOISE = "#5b6773"
COLOURS = len(LABEL_COLORS)
"""Clusters beyond this many repeat the palette's colours (the title says how many)."""


def _ordinal(k: int) -> str:
    """1st, 2nd, 3rd, 4th, ..., 11th, 12th, 13th, 21st."""
    tail = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    return f"{k}{tail}"


def _probe_live(ex: DBSCAN) -> str:
    n, need = ex.probe_count(), ex.p.min_pts
    verdict = "a **core point**: a cluster can grow from here" if n >= need else \
        f"not dense enough for a core point (minPts = {need})"
    return f"The star has {count(n, 'point')} within ε = {ex.p.eps:g}: {verdict}."


def _grow_live(ex: DBSCAN) -> str:
    g, k = ex.growth, ex.steps
    if ex.finished:
        return (f"Done: {count(g.n_clusters, 'cluster')}, "
                f"{count(int(np.sum(g.labels < 0)), 'noise point')} that no cluster reached.")
    if k == 0:
        return "Press **Step** or **Play**: the first core point starts cluster 1."
    c = int(g.cluster[k - 1])
    size = int(np.sum(g.cluster[:k] == c))
    return (f"Cluster {c + 1} is growing: {count(size, 'point')} so far; {k} of "
            f"{len(g.order)} points that will join a cluster have joined.")


def _shapes_live(ex: DBSCAN) -> str:
    g = ex.growth
    noise = float(np.mean(g.labels < 0)) if len(g.labels) else 0.0
    return (f"ε = {ex.p.eps:g}, minPts = {ex.p.min_pts}: {count(g.n_clusters, 'cluster')}, "
            f"{noise:.0%} noise" + (f"; agreement with the groups {ex.agreement():.0%}"
                                    if ex.grouped() else "") + ".")


def _grown(ex: DBSCAN) -> None:
    ex.steps = len(ex.growth.order)


def _noisy_blobs(ex: DBSCAN) -> None:
    ex.set(dataset="noisy_blobs", eps=0.25, min_pts=4, data=())
    _grown(ex)


def _density_bars_grown(ex: DBSCAN) -> None:
    ex.set(dataset="density_bars")
    _grown(ex)


class DBSCAN(ClusterPoints, Explorable):
    slug = "dbscan"
    title = "DBSCAN: clusters by density"
    topic = "classic"
    summary = ("Clusters grow from dense points through dense points, in any shape; what no "
               "cluster reaches is noise. Drag ε and minPts and watch them grow.")
    params = (
        FloatParam("eps", 0.6, 0.05, 3.0, 0.05, label="ε (radius)", effect="live",
                   doc="How near counts as a neighbour."),
        IntParam("min_pts", 4, 1, 30, label="minPts", effect="live",
                 doc="How many points within ε (the point itself included) make a core "
                     "point."),
        PointsParam("probe", ((0.0, 0.3, 0),), x_range=BOX, y_range=BOX, min_points=1,
                    max_points=1, label="the star", effect="view", advanced=True,
                    doc="The point whose ε-neighbourhood is shown; drag it in the plot."),
        *cluster_point_params("smiley"),
    )
    actions = (
        Action("step", "Step", "Label one more point."),
        Action("next_cluster", "Finish this cluster", "Grow the cluster until it stops."),
        Action("back", "Undo", "Take the last point back."),
        Action("run", "Run to the end", "Grow every cluster."),
        Action("reset", "Start again", "No point labelled yet."),
        ADD_POINT,
        UPLOAD,
    )
    playable = True
    step_name = ""  # the title says how many points have joined
    layout = (("plane", "kdist", "clusters"),)
    under: ClassVar[dict[str, str]] = {"clusters": "kdist"}
    export_layout = (("plane", "kdist"),)
    thumbnail_view = "plane"
    captions: ClassVar[dict[str, str]] = {
        "plane": "Large dots: core points; small: border points; ×: noise; grey: not reached "
                 "yet. Dashed circles: ε around the star (drag it) and around the point "
                 "joining now. Click to add a point, shift-click to remove one.",
        "kdist": "Each point's distance to its minPts-th nearest point (itself first), "
                 "largest first. Below the ε line: core points. ε is often set at the knee.",
        "clusters": "Points per cluster, and the noise.",
    }
    story_steps = (
        Step("neighbours", "Dense or not?",
             "DBSCAN needs two numbers: a radius ε and a count minPts. A point with at least "
             "minPts points within ε of it (itself included) sits in a dense place: a core "
             "point. Drag the star and watch its circle count.",
             views=("plane",), controls=("eps", "min_pts"), highlight=("plane",),
             goal="Drag the star to a place dense enough for a core point.",
             done=lambda ex: ex.probe_count() >= ex.p.min_pts, live=_probe_live),
        Step("grow", "A cluster grows from a core point",
             "Going through the points in order, the first core point starts cluster 1. Every "
             "point within ε of it joins; each of those that is itself a core point passes "
             "the growth on, and a border point (not core) joins but stops there. When the "
             "cluster can grow no more, the next unclaimed core point starts the next.",
             views=("plane", "clusters"),
             controls=("step", "next_cluster", PLAY, "back", "run", "reset"),
             highlight=(PLAY,),
             goal="Grow every cluster.", done=lambda ex: ex.finished, live=_grow_live),
        Step("shapes", "Any shape, and noise",
             "Clusters follow the density wherever it goes: a ring, a crescent, a face. A "
             "point no cluster reaches is noise, not forced into a group (k-means cuts this "
             "face into wedges).",
             views=("plane", "clusters"), controls=("eps", "min_pts", "dataset"),
             highlight=("eps",),
             goal="Find ε and minPts that give the face's four parts (outline, eyes, mouth) "
                  "as four clusters, with under 5% noise.",
             done=lambda ex: ex.p.dataset == "smiley" and ex.has_shapes() and
             ex.growth.n_clusters == 4 and ex.agreement() > 0.95 and
             ex.noise_share() < 0.05,
             live=_shapes_live, enter=_grown),
        Step("choose-eps", "Choosing ε",
             "Four blobs in a scatter of noise. Sort the points by the distance to their "
             "minPts-th nearest point: inside the blobs it is small, out in the scatter it "
             "shoots up. Points under the ε line are core points; ε at the knee, where the "
             "curve turns up, keeps the blobs and leaves the scatter out as noise.",
             views=("kdist", "plane"), controls=("eps", "min_pts"),
             highlight=("kdist", "eps"),
             goal="Move ε to the knee: the four blobs as four clusters, the scatter as noise "
                  "(between 12% and 30% of the points).",
             done=lambda ex: ex.p.dataset == "noisy_blobs" and ex.has_shapes() and
             ex.growth.n_clusters == 4 and 0.12 <= ex.noise_share() <= 0.30,
             live=_shapes_live, enter=_noisy_blobs),
        Step("density", "Where DBSCAN fails: different densities",
             "One ε and one minPts are one density threshold. These bars are each three times "
             "as dense as the last: an ε small enough to keep the dense bars apart leaves the "
             "sparse one as noise or in pieces, and one large enough for the sparse bar "
             "merges the others. Try for three clusters with little noise.",
             views=("plane", "kdist"), controls=("eps", "min_pts"), highlight=("eps",),
             live=_shapes_live,
             enter=_density_bars_grown),
    )

    # --- the run ----------------------------------------------------------------------------

    def reset(self) -> None:
        self.load_points()
        self.steps = 0
        self._regrow()

    def _regrow(self) -> None:
        self.growth: Growth = grow(self.points, self.p.eps, self.p.min_pts)
        self._kdist = k_distance(self.points, self.p.min_pts)

    def changed(self, names: set[str]) -> None:
        self.forget_points(names)
        grown = self.finished and self.steps > 0
        if self.effects(names) & {"restart", "data"}:
            self.reset()
        elif names & {"eps", "min_pts"}:
            self._regrow()
            self.steps = 0
        if grown:
            self.steps = len(self.growth.order)  # a picture shown whole stays whole

    def step(self) -> None:
        if not self.finished:
            self.steps += 1

    @property
    def finished(self) -> bool:
        return self.steps >= len(self.growth.order)

    def act(self, name: str, value: Any = None) -> None:
        if name == "back":
            self.steps = max(0, self.steps - 1)
        elif name == "run":
            self.steps = len(self.growth.order)
        elif name == "next_cluster":
            self.finish_cluster()
        elif name == "reset":
            self.steps = 0
        elif name == "add_point":
            self.edit_points(value)
        elif name == "upload_csv":
            self.upload(value)
        else:
            super().act(name, value)

    def finish_cluster(self) -> None:
        """Grow until the cluster growing now (or, between clusters, the next) is whole."""
        g = self.growth
        if self.finished:
            return
        now = int(g.cluster[max(self.steps - 1, 0)]) if self.steps else 0
        if self.steps and self.steps < len(g.order) and g.cluster[self.steps] != now:
            now += 1
        self.steps = int(np.searchsorted(g.cluster, now, side="right"))

    # --- numbers ----------------------------------------------------------------------------

    def probe_count(self) -> int:
        if not len(self.points):
            return 0
        d = np.hypot(*(self.points - np.array(self.p.probe[0][:2])).T)
        return int(np.sum(d <= self.p.eps))

    def noise_share(self) -> float:
        return float(np.mean(self.growth.labels < 0)) if len(self.growth.labels) else 0.0

    def agreement(self) -> float:
        """Adjusted Rand index of the clusters against the shapes the data came from, noise
        counted as a group of its own."""
        return float(adjusted_rand_score(self.groups, self.growth.labels))

    # --- the frame --------------------------------------------------------------------------

    def frame(self) -> dict[str, View]:
        return {"plane": self.plane_view(), "kdist": self.kdist_view(),
                "clusters": self.clusters_view()}

    def plane_view(self) -> Plot:
        g, k, pts = self.growth, self.steps, self.points
        labels = g.labels_after(k)
        reached = labels >= 0
        layers: list[Any] = []
        if k and not self.finished:
            i, parent = int(g.order[k - 1]), int(g.by[k - 1])
            layers.append(ShapesLayer("ellipse", np.array([pts[i, 0]]), np.array([pts[i, 1]]),
                                      np.array([2 * self.p.eps]), np.array([2 * self.p.eps]),
                                      stroke=MODEL, stroke_width=1.4, dash=(5, 3),
                                      name="ε around the point joining"))
            if parent >= 0:
                layers.append(LinesLayer(pts[[parent, i], 0], pts[[parent, i], 1], MODEL, 1.6,
                                         name="reached from"))
        grey = ~reached if not self.finished else np.zeros(len(pts), bool)
        if grey.any():
            layers.append(PointsLayer(pts[grey, 0], pts[grey, 1], color=NOT_YET, size=3,
                                      name="not reached yet"))
        noise = g.labels < 0 if self.finished else np.zeros(len(pts), bool)
        if noise.any():
            layers.append(PointsLayer(pts[noise, 0], pts[noise, 1], color=NOISE, size=3.5,
                                      marker="cross", name="noise"))
        border = reached & ~g.core
        core = reached & g.core
        if border.any():  # small, with a dark rim: told apart from core points in the key too
            layers.append(PointsLayer(pts[border, 0], pts[border, 1],
                                      labels=labels[border] % COLOURS, size=3,
                                      stroke="#1b232b", name="border points"))
        if core.any():
            layers.append(PointsLayer(pts[core, 0], pts[core, 1], labels=labels[core] % COLOURS,
                                      size=5, name="core points"))
        if self.p.step in STAR_STEPS:
            layers += self.star_layers()
        return Plot(self.plane_title(), "x₁", "x₂", BOX, BOX, layers, click_action="add_point",
                    aspect=1.0)

    def star_layers(self) -> list[Any]:
        """The star, its ε circle, the points inside it ringed, and its count beside it."""
        px, py = self.p.probe[0][:2]
        eps, pts = self.p.eps, self.points
        inside = np.hypot(*(pts - np.array([px, py])).T) <= eps if len(pts) else \
            np.zeros(0, bool)
        n, need = int(inside.sum()), self.p.min_pts
        out: list[Any] = [ShapesLayer("ellipse", np.array([px]), np.array([py]),
                                      np.array([2 * eps]), np.array([2 * eps]),
                                      stroke="#1b232b", stroke_width=1.2, dash=(3, 3),
                                      name="ε around the star")]
        if inside.any():
            out.append(PointsLayer(pts[inside, 0], pts[inside, 1], color="#ffffff", size=4.5,
                                   stroke="#1b232b", name="within ε of the star"))
        out.append(PointsLayer(np.array([px]), np.array([py]), color="#ffffff", size=9,
                               marker="star", stroke="#1b232b", draggable="probe",
                               name="the star"))
        out.append(LabelsLayer(np.array([px]), np.array([py + eps]), [
            f"{n} ≥ {need}: core" if n >= need else f"{n} < {need}: not core"],
            size=12, offset=(0.0, 10.0)))
        return out

    def plane_title(self) -> str:
        g = self.growth
        if not len(self.points):
            return "No points: click to add some"
        if self.finished:
            many = f" (colours repeat after {COLOURS})" if g.n_clusters > COLOURS else ""
            return (f"{count(g.n_clusters, 'cluster')}{many}, "
                    f"{count(int(np.sum(g.labels < 0)), 'noise point')}")
        if self.steps == 0:
            return f"{count(int(g.core.sum()), 'core point')}; no cluster yet"
        return f"Growing cluster {int(g.cluster[self.steps - 1]) + 1}: " \
               f"{self.steps} of {len(g.order)} points joined"

    def kdist_view(self) -> Plot:
        d = self._kdist
        n = len(d)
        x = np.arange(1, n + 1, dtype=float)
        finite = d[np.isfinite(d)]
        top = max(float(finite.max()) if len(finite) else 1.0, self.p.eps) * 1.08
        core = int(np.sum(d <= self.p.eps))
        k = self.p.min_pts
        title = f"k-distance: {core} of {n} points are core at ε = {self.p.eps:g}" \
            if len(finite) == n else f"Fewer points than minPts ({k}): none can be core"
        layers: list[Any] = []
        if len(finite) == n and n:
            layers.append(LinesLayer(x, d, "#37474f", 1.8, name="k-distance"))
        layers.append(LinesLayer(np.array([0.0, max(n, 1)]), np.array([self.p.eps] * 2),
                                 MODEL, 1.5, dash=(6, 4), name="ε"))
        return Plot(title, "points, sorted", f"distance to the {_ordinal(k)} nearest",
                    (0.0, max(n, 1)), (0.0, top), layers, aspect=1.6)

    def clusters_view(self) -> Bars:
        """The clusters started so far (the first 12), and the noise once the run is over."""
        g = self.growth
        labels = g.labels if self.finished else g.labels_after(self.steps)
        started = int(labels.max()) + 1 if (labels >= 0).any() else 0
        sizes = np.bincount(labels[labels >= 0], minlength=started)[:12]
        names = [str(c + 1) for c in range(len(sizes))]
        values = [float(v) for v in sizes]
        colours = [LABEL_COLORS[c % COLOURS] for c in range(len(sizes))]
        if self.finished:
            names.append("noise")
            values.append(float(np.sum(g.labels < 0)))
            colours.append(NOISE)
        more = f" (the first 12 of {started})" if started > 12 else ""
        top = max([1.0, *values]) * 1.1
        return Bars(f"Points per cluster{more}", names or ["none yet"],
                    np.array(values or [0.0]), (0.0, top), "points",
                    value_labels=[str(int(v)) for v in values] or [""],
                    colors=colours or [NOT_YET])
