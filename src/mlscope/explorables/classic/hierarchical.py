"""Hierarchical (agglomerative) clustering, merge by merge: every point starts as its own
cluster, and the two nearest clusters merge, again and again, until one is left; the
dendrogram grows beside the plane, each link as high as the distance its merge bridged.
What "nearest" means is the linkage: single (closest points), complete (farthest points),
average (all pairs) or Ward (the least growth in squared error). Drag the cut line on the
dendrogram to choose the clusters.

The merges are SciPy's ``linkage``; the page replays them (``dendrogram.py``) and its cut
is ``fcluster``'s, which tests/unit/test_hierarchical.py checks, with scikit-learn's
``AgglomerativeClustering`` on the same points.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from scipy.cluster.hierarchy import linkage
from sklearn.metrics import adjusted_rand_score

from mlscope.core.colors import LABEL_COLORS, MODEL
from mlscope.core.explorable import Action, Explorable
from mlscope.core.params import ChoiceParam, FloatParam, ParamError, PointsParam
from mlscope.core.story import PLAY, Step
from mlscope.core.text import count
from mlscope.core.views import LinesLayer, Plot, PointsLayer, View
from mlscope.data import cluster_sets
from mlscope.explorables.classic.dendrogram import (
    Layout,
    cut,
    layout,
    members,
    merges_below,
    roots,
)
from mlscope.explorables.cluster_points import (
    ADD_POINT,
    BOX,
    UPLOAD,
    ClusterPoints,
    cluster_point_params,
)

LINKAGES = ("single", "complete", "average", "ward")
LINKAGE_LABELS = ("single: closest points", "complete: farthest points",
                  "average: all pairs", "Ward's: least added variance")
MAX_POINTS = 2000
"""SciPy's linkage holds every pairwise distance: n² / 2 numbers."""
GREY = "#9aa5b1"
LINKS = "#37474f"
CUT_RANGE = (0.0, 1.0)
"""The cut's handle moves in [0, 1]: a share of the tallest merge's height."""


def _merge_live(ex: Hierarchical) -> str:
    m = ex.merges
    if m == 0:
        return (f"{count(ex.n, 'point')}, each its own cluster. Press **Merge**: the two "
                f"nearest merge.")
    a, b, h = ex.merge(m - 1)
    return (f"Merge {m}: a cluster of {count(len(a), 'point')} and one of "
            f"{count(len(b), 'point')}, {h:.2f} apart ({ex.p.linkage} linkage); "
            f"{count(ex.n - m, 'cluster')} left.")


def _cut_live(ex: Hierarchical) -> str:
    k = ex.cut_clusters()
    shapes = cluster_sets.GROUPS[ex.p.dataset] if ex.has_shapes() else 0
    eye = f"; the eye sees {count(shapes, 'group')}" if shapes else ""
    return f"Cut at height {ex.cut_height():.2f}: **{count(k, 'cluster')}**{eye}."


def _linkage_live(ex: Hierarchical) -> str:
    return (f"{ex.p.linkage.capitalize()} linkage, cut into {count(ex.cut_clusters(), 'cluster')}"
            f": agreement with the shapes **{ex.agreement():.0%}**.")


def _all_merged(ex: Hierarchical) -> None:
    ex.merges = ex.n - 1


def _moons(ex: Hierarchical) -> None:
    ex.set(dataset="moons", count=150, linkage="ward", data=())
    ex.merges = ex.n - 1
    ex.cut_into(2)


class Hierarchical(ClusterPoints, Explorable):
    slug = "hierarchical"
    title = "Hierarchical clustering"
    topic = "classic"
    summary = ("Merge the two nearest clusters, again and again, and watch the dendrogram "
               "grow; cut it where the merges jump to choose the clusters.")
    params = (
        ChoiceParam("linkage", "average", options=LINKAGES, labels=LINKAGE_LABELS,
                    label="linkage", doc="How far apart two clusters are."),
        FloatParam("cut", 0.15, 0.0, 1.0, 0.01, label="cut height (share of the tallest)",
                   effect="view", doc="Where the tree is cut, as a share of its tallest "
                                      "merge; or drag the cut line on the dendrogram."),
        PointsParam("cut_handle", ((1.0, 0.15, 0),), x_range=(0.0, 1.0), y_range=CUT_RANGE,
                    min_points=1, max_points=1, label="cut line's handle", effect="view",
                    advanced=True, doc="Dragging the handle on the dendrogram sets the cut."),
        *cluster_point_params("blobs", count=60),
    )
    actions = (
        Action("step", "Merge", "Merge the two nearest clusters."),
        Action("back", "Undo", "Undo the last merge."),
        Action("run", "Merge all", "Merge until one cluster is left."),
        Action("reset", "Start again", "Every point its own cluster."),
        ADD_POINT,
        UPLOAD,
    )
    playable = True
    step_name = ""  # the title counts the merges
    layout = (("plane", "dendrogram"),)
    export_layout = (("plane", "dendrogram"),)
    thumbnail_view = "dendrogram"
    thumbnail_steps = 200
    captions: ClassVar[dict[str, str]] = {
        "plane": "Colour: each cluster of two points or more, kept as it grows (grey: still "
                 "alone; colours repeat after 12). Ringed: the last merge; the pink segment: "
                 "what it measured. Click to add a point, shift-click to remove one.",
        "dendrogram": "Each ∩ joins the two clusters a merge joined, as high as the distance "
                      "it bridged. On the whole tree, drag the dashed cut line: the links "
                      "below it are the clusters.",
    }
    story_steps = (
        Step("merge", "The two nearest merge",
             "Start with every point a cluster of its own. Find the two clusters nearest each "
             "other and merge them; repeat. With average linkage, the distance between two "
             "clusters is the mean distance between their points.",
             views=("plane", "dendrogram"), controls=("step", "back"), highlight=("step",),
             goal="Merge five times.", done=lambda ex: ex.merges >= 5, live=_merge_live),
        Step("grow", "The dendrogram keeps every merge",
             "Each merge adds a link to the tree on the right, as high as the distance it "
             "bridged. Early merges are short (near points), the last ones tall: they join "
             "whole groups across empty space.",
             views=("plane", "dendrogram"), controls=(PLAY, "step", "back", "run", "reset"),
             highlight=(PLAY,), goal="Merge until one cluster is left.",
             done=lambda ex: ex.merges == ex.n - 1, live=_merge_live),
        Step("cut", "Cut the tree",
             "The tree holds every number of clusters at once: cut it at a height, and the "
             "links below the cut are the clusters. A good place to cut is where the links "
             "grow tall, the big jump between merges. Drag the cut line.",
             views=("dendrogram", "plane"), controls=("cut", "dataset", "count"),
             highlight=("dendrogram", "cut"),
             goal="Cut the tree into the groups your eye sees.",
             done=lambda ex: ex.has_shapes() and
             ex.cut_clusters() == cluster_sets.GROUPS[ex.p.dataset],
             live=_cut_live, enter=_all_merged),
        Step("linkage", "What is near? The linkage",
             "Single linkage measures two clusters by their closest points, so it follows "
             "chains of near points, whatever their shape; complete linkage by their farthest "
             "points, and Ward by how much the merge spreads the points: both make round "
             "clusters of one size. Cut the two moons into two.",
             views=("plane", "dendrogram"), controls=("linkage", "dataset"),
             highlight=("linkage",),
             goal="Find the linkage whose two clusters are the two moons.",
             done=lambda ex: ex.p.dataset == "moons" and ex.has_shapes() and
             ex.cut_clusters() == 2 and ex.agreement() > 0.95,
             live=_linkage_live, enter=_moons),
    )

    # --- the run ----------------------------------------------------------------------------

    def check(self, values: Any) -> None:
        n = len(values["data"]) or values["count"]
        if n > MAX_POINTS:
            raise ParamError("count", f"hierarchical clustering holds every pairwise distance: "
                                      f"at most {MAX_POINTS} points; got {n}.")

    def reset(self) -> None:
        self.load_points()
        self.n = len(self.points)
        self.merges = 0
        self.tick = 0
        self._link()

    def _link(self) -> None:
        if self.n > 1:
            self.Z = linkage(self.points, method=self.p.linkage)
        else:
            self.Z = np.zeros((0, 4))
        self.tree: Layout = layout(self.Z, self.n)
        # each node's first point (a merge's link is coloured by it)
        self.first = np.concatenate([np.arange(self.n), np.zeros(len(self.Z), dtype=int)])
        for j in range(len(self.Z)):
            a, b = int(self.Z[j, 0]), int(self.Z[j, 1])
            self.first[self.n + j] = min(self.first[a], self.first[b])
        self.first = self.first[self.n:]

    def changed(self, names: set[str]) -> None:
        if "cut_handle" in names:  # the handle dragged: its height is the cut
            self._assign(cut=round(float(self.p.cut_handle[0][1]), 4))
        self.forget_points(names)
        whole = self.merges == self.n - 1 and self.n > 1
        k = int(cut(self.Z, self.n, self.cut_height()).max()) + 1 if self.n else 1
        if self.effects(names) & {"restart", "data"}:
            self.reset()
        if "linkage" in names:
            self.cut_into(k)  # a new linkage keeps the number of clusters under the cut
        if whole:
            self.merges = self.n - 1  # a whole tree stays whole

    def step(self) -> None:
        """Play: a merge every few frames, so the tree is watched growing (about ten merges a
        second, the whole tree in at most six seconds)."""
        if self.finished:
            return
        self.tick += 1
        if self.tick >= max(1, round(60 / max(10.0, self.n / 6))):
            self.tick = 0
            self.merges += 1

    @property
    def finished(self) -> bool:
        return self.merges >= self.n - 1

    def act(self, name: str, value: Any = None) -> None:
        if name == "step":  # the Merge button: one merge now
            self.merges = min(self.merges + 1, max(self.n - 1, 0))
        elif name == "back":
            self.merges = max(0, self.merges - 1)
        elif name == "run":
            self.merges = self.n - 1
        elif name == "reset":
            self.merges = 0
        elif name == "add_point":
            self.edit_points(value)
        elif name == "upload_csv":
            self.upload(value)
        else:
            super().act(name, value)

    # --- numbers ----------------------------------------------------------------------------

    def merge(self, j: int) -> tuple[list[int], list[int], float]:
        """Merge j: the points of its two clusters and the distance it bridged."""
        a, b = int(self.Z[j, 0]), int(self.Z[j, 1])
        return members(self.Z, self.n, a), members(self.Z, self.n, b), float(self.Z[j, 2])

    def top(self) -> float:
        """The tallest merge's height (1 when there is none, or all points coincide)."""
        return float(self.Z[-1, 2]) if len(self.Z) and self.Z[-1, 2] > 0 else 1.0

    def cut_height(self) -> float:
        return float(self.p.cut) * self.top()

    def cut_labels(self) -> np.ndarray:
        """Clusters under the cut, among the merges done so far."""
        done = self.Z[:self.merges]
        return cut(done, self.n, self.cut_height())

    def cut_clusters(self) -> int:
        return int(self.cut_labels().max()) + 1 if self.n else 0

    def cut_into(self, k: int) -> None:
        """Move the cut to the middle of the gap that leaves k clusters."""
        if self.n < 2:
            return
        k = max(1, min(k, self.n))
        lo = float(self.Z[self.n - k - 1, 2]) if self.n - k - 1 >= 0 else 0.0
        hi = float(self.Z[self.n - k, 2]) if self.n - k < len(self.Z) else self.top() * 1.05
        self.set(cut=round(min(1.0, (lo + hi) / 2 / self.top()), 4))

    def agreement(self) -> float:
        """Adjusted Rand index of the clusters under the cut against the shapes."""
        return float(adjusted_rand_score(self.groups, self.cut_labels()))

    # --- the frame --------------------------------------------------------------------------

    def frame(self) -> dict[str, View]:
        return {"plane": self.plane_view(), "dendrogram": self.dendrogram_view()}

    def colours(self) -> np.ndarray:
        """Each point's colour index, -1 for grey (alone). A cluster takes a new colour when
        two lone points form it and keeps it as it grows (the larger side's colour wins a
        merge), so a learner can follow it; under the cut (steps from "cut" on, once the
        tree is whole), each cluster has the colour of its node at the cut. The dendrogram
        colours its links the same way."""
        n = self.n
        if not n:
            return np.zeros(0, dtype=np.intp)
        node = self._node_colours()
        m = merges_below(self.Z, self.cut_height()) if self.finished and self.cutting() \
            else self.merges
        out = node[roots(self.Z, n, m)]
        return np.where(out >= 0, out % len(LABEL_COLORS), -1)

    def _node_colours(self) -> np.ndarray:
        """Colour index of every node (points: -1), given in merge order."""
        n = self.n
        node = np.full(2 * n - 1 if n else 0, -1, dtype=np.intp)
        size = np.concatenate([np.ones(n), np.zeros(len(self.Z))])
        fresh = 0
        for j in range(len(self.Z)):
            a, b = int(self.Z[j, 0]), int(self.Z[j, 1])
            size[n + j] = size[a] + size[b]
            big, small = (a, b) if size[a] >= size[b] else (b, a)
            if node[big] >= 0:
                node[n + j] = node[big]
            elif node[small] >= 0:
                node[n + j] = node[small]
            else:
                node[n + j] = fresh
                fresh += 1
        return node

    def cutting(self) -> bool:
        """The cut is part of the picture from the story's "cut" step on (and in free play)."""
        return self.p.step not in ("merge", "grow")

    def plane_view(self) -> Plot:
        pts, n = self.points, self.n
        colour = self.colours()
        layers: list[Any] = []
        if self.merges and len(self.Z) and not self.finished:
            a, b, _ = self.merge(self.merges - 1)
            p, q = self._measured(a, b)
            layers.append(LinesLayer(np.array([p[0], q[0]]), np.array([p[1], q[1]]), MODEL, 2.2,
                                     name="what the last merge measured"))
        alone = colour < 0
        if alone.any():
            layers.append(PointsLayer(pts[alone, 0], pts[alone, 1], color=GREY, size=4,
                                      name="alone"))
        if self.merges and len(self.Z) and not self.finished:
            a, b, _ = self.merge(self.merges - 1)
            both = a + b  # the last merge's points, ringed under their dots
            layers.append(PointsLayer(pts[both, 0], pts[both, 1], color="#ffffff", size=8.5,
                                      stroke=MODEL, name="just merged"))
        if (~alone).any():
            layers.append(PointsLayer(pts[~alone, 0], pts[~alone, 1], labels=colour[~alone],
                                      size=5, name="in a cluster"))
        if not n:
            title = "No points: click to add some"
        elif self.finished and n > 1 and self.cutting():
            title = f"{count(self.cut_clusters(), 'cluster')} under the cut"
        else:
            title = f"{count(n - self.merges, 'cluster')} after {count(self.merges, 'merge')}"
        return Plot(title, "x₁", "x₂", BOX, BOX, layers, click_action="add_point", aspect=1.0)

    def _measured(self, a: list[int], b: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """The two places the linkage measured between clusters a and b: the closest pair
        (single), the farthest pair (complete), else the two centroids."""
        pa, pb = self.points[a], self.points[b]
        if self.p.linkage in ("single", "complete"):
            d = np.hypot(*(pa[:, None, :] - pb[None, :, :]).transpose(2, 0, 1))
            i = np.unravel_index(np.argmin(d) if self.p.linkage == "single" else np.argmax(d),
                                 d.shape)
            return pa[i[0]], pb[i[1]]
        return pa.mean(axis=0), pb.mean(axis=0)

    def dendrogram_view(self) -> Plot:
        """Drawn in shares of the tallest merge (so the cut's handle, a share too, can be
        dragged), with the ticks labelled in real heights. Before the cut is part of the
        story, the scale follows the merges so far, so the first short links can be seen."""
        n, m, t = self.n, self.merges, self.tree
        top = self.top()
        if not self.cutting() and m and not self.finished:
            top = max(float(self.Z[m - 1, 2]) * 1.25, top * 0.05)
        frac = float(self.p.cut)
        wide = max(n - 1, 1)
        layers: list[Any] = []
        if m:
            # a link takes the colour of its points now, as the plane shows them (grey above
            # the cut, once the tree is whole and cut)
            colour = self.colours()[self.first[:m]]
            if self.finished and self.cutting():
                colour = np.where(t.y[:m, 1] <= frac * top, colour, -1)
            for c in np.unique(colour):
                mask = colour == c
                gap = np.full(int(mask.sum()), np.nan)
                sx = np.column_stack([t.x[:m][mask] / wide, gap]).ravel()
                sy = np.column_stack([t.y[:m][mask] / top, gap]).ravel()
                layers.append(LinesLayer(sx, sy, GREY if c < 0 else LABEL_COLORS[c], 1.4,
                                         name="merges above the cut" if c < 0 and
                                         self.finished and self.cutting() else ""))
            if not self.finished:  # the newest link, bold
                layers.append(LinesLayer(t.x[m - 1] / wide, t.y[m - 1] / top, MODEL, 3.0,
                                         name="the last merge"))
        if self.cutting():
            layers.append(LinesLayer(np.array([0.0, 1.0]), np.array([frac, frac]), MODEL, 1.6,
                                     dash=(6, 4), name="cut"))
            layers.append(PointsLayer(np.array([1.0]), np.array([frac]), color=MODEL, size=7,
                                      draggable="cut_handle", name="drag to cut"))
        ticks = [(float(v) / top, f"{v:g}") for v in _nice_ticks(top)]
        title = f"Dendrogram: cut at {frac * top:.2f}, {count(self.cut_clusters(), 'cluster')}" \
            if self.cutting() else f"Dendrogram: {count(m, 'merge')}"
        return Plot(title, "points (tree order)", "merge height", (-0.02, 1.02), (0.0, 1.05),
                    layers, aspect=1.0, y_ticks=ticks, x_ticks=[])


def _nice_ticks(top: float) -> list[float]:
    """About five round heights from 0 to ``top``."""
    raw = top / 5
    step = 10 ** np.floor(np.log10(raw)) if raw > 0 else 1.0
    step *= next((f for f in (1, 2, 2.5, 5, 10) if raw <= f * step), 10)
    return [float(v) for v in np.round(np.arange(0, top * 1.0001, step), 10)]
