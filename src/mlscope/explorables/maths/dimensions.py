"""Higher dimensions (after Max Goldstein's "Invitation to Another Dimension"): a 4-D
hypercube turning in planes that involve the fourth axis, seen through a perspective
projection to 3-D (where its inner and outer cubes trade places) and a shadow in 2-D; and
distances in many dimensions: between random points they bunch up around their mean, so the
nearest point is almost as far as the farthest, a reason behind the curse of
dimensionality.

Points come from the seed. tests/unit/test_dimensions.py checks the hypercube's counts
(2^d corners, d·2^(d−1) edges), that the rotations keep every edge 2 long, and the distance
ratios against their concentration (the spread of distances over their mean shrinks like
1/√d).
"""

from __future__ import annotations

import itertools
from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from mlscope.core.colors import DATA, MODEL
from mlscope.core.explorable import Explorable
from mlscope.core.params import FloatParam, IntParam
from mlscope.core.story import PLAY, Step
from mlscope.core.views import (
    AreaLayer,
    Lines3D,
    LinesLayer,
    Plot,
    Points3D,
    PointsLayer,
    Scene3D,
    Table,
    View,
)
from mlscope.explorables.maths.numbers import fmt

Array = NDArray[np.float64]

CORNERS = np.array(list(itertools.product((-1.0, 1.0), repeat=4)))
EDGES = [(i, j) for i in range(16) for j in range(i + 1, 16)
         if np.abs(CORNERS[i] - CORNERS[j]).sum() == 2]
EYE = 3.0
"""The 4-D eye sits at w = EYE: a corner nearer to it (larger w) looks bigger."""
INNER_COLOR, OUTER_COLOR, LINK_COLOR = "#6a4c93", "#2e7d32", "#9aa5b1"
POINTS = 500
DIMS = np.unique(np.geomspace(1, 1000, 40).round().astype(int))
MAX_DIM = 1000


def rotation4(plane: tuple[int, int], angle: float) -> Array:
    """A rotation of 4-D space in the plane of two axes (0 x, 1 y, 2 z, 3 w)."""
    r = np.eye(4)
    i, j = plane
    c, s = np.cos(angle), np.sin(angle)
    r[i, i], r[j, j], r[i, j], r[j, i] = c, c, -s, s
    return r


def project(p4: Array) -> Array:
    """Perspective from 4-D to 3-D: each point scaled by how near it is to the eye on w."""
    scale = EYE / (EYE - p4[:, 3])
    return np.asarray(p4[:, :3] * scale[:, None], dtype=float)


def distance_ratios(d: int, seed: int, queries: int = 20) -> tuple[float, Array]:
    """For POINTS uniform points in the unit cube of dimension d: the mean over ``queries``
    query points of nearest / farthest distance, and one query's distances over their mean."""
    rng = np.random.default_rng((seed, d))
    pts = rng.uniform(size=(POINTS, d))
    qs = rng.uniform(size=(queries, d))
    ratios = []
    first = np.zeros(POINTS)
    for k, q in enumerate(qs):
        dist = np.sqrt(((pts - q) ** 2).sum(axis=1))
        ratios.append(dist.min() / dist.max())
        if k == 0:
            first = dist / dist.mean()
    return float(np.mean(ratios)), first


def _turn_live(ex: Dimensions) -> str:
    deg = float(ex.p.xw) % 360
    return (f"Turned {fmt(deg, 0)}° in the x–w plane: the corners with large w are nearer "
            f"the 4-D eye and look bigger; at 180° the inner and outer cubes have traded "
            f"places.")


def _distance_live(ex: Dimensions) -> str:
    r, rel = ex.ratio()
    return (f"In {ex.p.d} dimensions the nearest of {POINTS} random points is, on average, "
            f"**{r:.0%}** as far as the farthest; distances spread only "
            f"±{np.std(rel):.0%} around their mean.")


class Dimensions(Explorable):
    slug = "higher-dimensions"
    title = "Higher dimensions"
    topic = "maths"
    summary = ("A 4-D hypercube turning through its fourth axis, seen in 3-D and 2-D; and "
               "why, in many dimensions, every point is about as far as every other.")
    params = (
        FloatParam("xw", 20.0, 0.0, 360.0, step=1.0, effect="view", label="turn in x–w (°)",
                   doc="How far the hypercube turns in the plane of x and the fourth axis w, "
                       "in degrees."),
        FloatParam("yw", 12.0, 0.0, 360.0, step=1.0, effect="view", label="turn in y–w (°)",
                   doc="The same in the plane of y and w."),
        FloatParam("xy", 30.0, 0.0, 360.0, step=1.0, effect="view", label="turn in x–y (°)",
                   doc="An ordinary turn, in the plane of x and y."),
        IntParam("d", 3, 1, MAX_DIM, log=True, effect="view", label="dimensions d",
                 doc="How many dimensions the random points have, from 1 to 1000."),
    )
    playable = True
    step_name = "frame"
    layout = (("space", "shadow"), ("distances", "spread"), ("counts",))
    export_layout = (("space", "distances"),)
    thumbnail_view = "shadow"
    captions: ClassVar[dict[str, str]] = {
        "space": "The hypercube's perspective picture in 3-D: green edges have w = 1 (nearer "
                 "the eye), purple w = −1, grey join them. Drag to turn the view.",
        "shadow": "Its shadow on a plane, cast at a slant so no two corners meet.",
        "distances": "Nearest over farthest distance from a random point to 500 others, for "
                     "every dimension (log scale); the dot is d.",
        "spread": "The 500 distances from one point, over their mean: a narrower and narrower "
                  "spike as d grows.",
        "counts": "Corners and edges of the cube in each dimension.",
    }
    story_steps = (
        Step("hypercube", "A cube in four dimensions",
             "A square is two segments joined corner to corner, a cube two squares, a "
             "hypercube two cubes: 16 corners, 32 edges. We can only see its shadow: the cube "
             "with larger w looks bigger, nearer the 4-D eye. Turn it through the fourth axis.",
             views=("space", "counts"), controls=("xw", PLAY), highlight=("xw",),
             goal="Turn it half a turn in the x–w plane, so the cubes trade places.",
             done=lambda ex: float(ex.p.xw) % 360 >= 180, live=_turn_live),
        Step("shadow", "Shadows of shadows",
             "The 3-D picture is itself a shadow of the 4-D shape, and the flat picture a "
             "shadow of that. Lengths and angles change in a shadow; which corners are "
             "joined does not.",
             views=("space", "shadow"), controls=("yw", "xy", PLAY), highlight=(PLAY,)),
        Step("distances", "Far, and all about equally far",
             "Scatter 500 random points in a cube of d dimensions and measure from one of "
             "them. In 2-D some points are close and some far. As d grows every distance "
             "crowds around the same value, so 'nearest' stops meaning much: one reason "
             "nearest-neighbour methods struggle with many features.",
             views=("distances", "spread"), controls=("d",), highlight=("d",),
             goal="Raise d until the nearest point is at least 3/4 as far as the farthest.",
             done=lambda ex: ex.ratio()[0] >= 0.75, live=_distance_live),
    )

    def reset(self) -> None:
        self._ratio_cache: dict[int, tuple[float, Array]] = {}

    def changed(self, names: set[str]) -> None:
        if "seed" in names:
            self.reset()

    def step(self) -> None:
        self._assign(xw=round(float((self.p.xw + 1.0) % 360), 2),
                     yw=round(float((self.p.yw + 0.7) % 360), 2))

    def ratio(self, d: int | None = None) -> tuple[float, Array]:
        d = int(self.p.d if d is None else d)
        if d not in self._ratio_cache:
            self._ratio_cache[d] = distance_ratios(d, int(self.p.seed))
        return self._ratio_cache[d]

    def corners3(self) -> tuple[Array, Array]:
        r = rotation4((0, 1), np.radians(self.p.xy)) @ rotation4((1, 3), np.radians(self.p.yw)) \
            @ rotation4((0, 3), np.radians(self.p.xw))
        return project(CORNERS @ r.T), np.asarray(CORNERS @ r.T, dtype=float)

    # --- the frame ---------------------------------------------------------------------

    def frame(self) -> dict[str, View]:
        return {"space": self.space_view(), "shadow": self.shadow_view(),
                "distances": self.distances_view(), "spread": self.spread_view(),
                "counts": self.counts_view()}

    def _edge_groups(self) -> list[tuple[list[tuple[int, int]], str, str]]:
        w = CORNERS[:, 3]
        outer = [e for e in EDGES if w[e[0]] == 1 and w[e[1]] == 1]
        inner = [e for e in EDGES if w[e[0]] == -1 and w[e[1]] == -1]
        links = [e for e in EDGES if w[e[0]] != w[e[1]]]
        return [(links, LINK_COLOR, "joining edges"), (inner, INNER_COLOR, "cube at w = −1"),
                (outer, OUTER_COLOR, "cube at w = 1")]

    def space_view(self) -> Scene3D:
        p3, _ = self.corners3()
        layers: list[Any] = []
        for edges, color, name in self._edge_groups():
            idx = np.array(edges).ravel()
            layers.append(Lines3D(p3[idx, 0], p3[idx, 1], p3[idx, 2], color, name=name))
        layers.append(Points3D(p3[:, 0], p3[:, 1], p3[:, 2], color=DATA, size=1.2))
        lim = round(float(np.abs(p3).max()) * 1.05, 2)
        return Scene3D("The hypercube, in perspective", "x", "y", "z", (-lim, lim), (-lim, lim),
                       (-lim, lim), layers, camera=(20.0, -60.0))

    def shadow_view(self) -> Plot:
        p3, _ = self.corners3()
        # a slanted shadow (z leans up and to the right), so no two corners fall together
        p3 = np.column_stack([p3[:, 0] + 0.45 * p3[:, 2], p3[:, 1] + 0.3 * p3[:, 2]])
        layers: list[Any] = []
        for edges, color, name in self._edge_groups():
            xs, ys = [], []
            for i, j in edges:
                xs += [p3[i, 0], p3[j, 0], np.nan]
                ys += [p3[i, 1], p3[j, 1], np.nan]
            layers.append(LinesLayer(np.array(xs), np.array(ys), color, 1.6, name=name))
        layers.append(PointsLayer(p3[:, 0], p3[:, 1], color=DATA, size=3.5, stroke=""))
        lim = round(float(np.abs(p3).max()) * 1.08, 2)
        return Plot("Its shadow in 2-D", "", "", (-lim, lim), (-lim, lim), layers, aspect=1.0,
                    x_ticks=[], y_ticks=[])

    def distances_view(self) -> Plot:
        ratios = np.array([self.ratio(int(d))[0] for d in DIMS])
        d = int(self.p.d)
        layers: list[Any] = [
            LinesLayer(np.array([0.0, 3.0]), np.full(2, 0.75), "#9aa5b1", 1.0, (4, 4),
                       name="3/4"),
            LinesLayer(np.log10(DIMS), ratios, DATA, 2.0, name="nearest ÷ farthest"),
            PointsLayer(np.array([np.log10(d)]), np.array([self.ratio()[0]]), color=MODEL,
                        size=7, name=f"d = {d}")]
        return Plot("How much nearer is the nearest?", "dimensions d", "nearest ÷ farthest",
                    (0.0, 3.0), (0.0, 1.0), layers, aspect=1.4,
                    x_ticks=[(0.0, "1"), (1.0, "10"), (2.0, "100"), (3.0, "1000")])

    def spread_view(self) -> Plot:
        _, rel = self.ratio()
        edges = np.linspace(0.0, 2.0, 61)
        counts, _ = np.histogram(np.clip(rel, 0, 2), bins=edges)
        return Plot(f"Distances from one point, d = {self.p.d}", "distance ÷ mean distance",
                    "points", (0.0, 2.0), (0.0, float(max(counts.max(), 1)) * 1.1),
                    [AreaLayer(edges, counts.astype(float), color=DATA, opacity=0.5,
                               steps=True, name="500 distances")], aspect=1.4)

    def counts_view(self) -> Table:
        rows = [[name, str(2 ** d), str(d * 2 ** (d - 1)) if d else "0"]
                for d, name in enumerate(("point", "segment", "square", "cube",
                                          "hypercube (4-D)", "5-cube"))]
        return Table("Corners and edges", ["shape", "corners 2ᵈ", "edges d·2ᵈ⁻¹"], rows)
