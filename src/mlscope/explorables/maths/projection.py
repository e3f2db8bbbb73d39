"""Dot products, projections and least squares: a·b as |a||b|cos θ and b's shadow on a; the
point of a line closest to b, where the leftover b − p is perpendicular to the line; and
least squares as a projection: three data points are one vector y in 3-D, every line
b₀ + b₁x gives a point Xβ of the plane spanned by the columns 1 and x, and the best line is
the foot of the perpendicular from y, where Xᵀ(y − Xβ) = 0 (the regression explorable's
line, seen from the other side).

tests/unit/test_projection.py checks the dot product and angle against numpy, the
projection against its closed form, and the fit against ``numpy.linalg.lstsq``.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from mlscope.core.colors import DATA, MODEL, RESIDUAL
from mlscope.core.explorable import Explorable
from mlscope.core.params import FloatParam, PointsParam
from mlscope.core.story import Step
from mlscope.core.views import (
    ArrowsLayer,
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

LIM = 3.5
A_COLOR, B_COLOR, P_COLOR, Q_COLOR = "#2e7d32", DATA, MODEL, "#6a4c93"
FIT_COLOR, GUESS_COLOR = MODEL, "#6a4c93"


def _pair(v: Array) -> str:
    return f"({fmt(float(v[0]), 2)}, {fmt(float(v[1]), 2)})"


def project(b: Array, a: Array) -> Array:
    """The projection of b on the line through 0 and a: (a·b / a·a) a."""
    return np.asarray(np.dot(a, b) / np.dot(a, a) * a, dtype=float)


def design(xs: Array) -> Array:
    """The columns 1 and x of the straight-line fit."""
    return np.column_stack([np.ones_like(xs), xs])


def best_fit(xs: Array, ys: Array) -> Array:
    """β̂ = (b₀, b₁) from the normal equations XᵀX β = Xᵀy."""
    x = design(xs)
    return np.asarray(np.linalg.solve(x.T @ x, x.T @ ys), dtype=float)


def _dot_live(ex: Projection) -> str:
    a, b = ex.a, ex.b
    return (f"a·b = {fmt(a[0], 2)}·{fmt(b[0], 2)} + {fmt(a[1], 2)}·{fmt(b[1], 2)} = "
            f"**{fmt(float(a @ b))}** = |a||b|cos θ = {fmt(float(np.hypot(*a)))} · "
            f"{fmt(float(np.hypot(*b)))} · cos {fmt(ex.angle, 1)}°.")


def _closest_live(ex: Projection) -> str:
    d = float(np.hypot(*(ex.b - ex.q)))
    return (f"q is **{fmt(d)}** from b; the closest any point of the line gets is "
            f"{fmt(float(np.hypot(*(ex.b - ex.proj))))}." if not ex.found() else
            f"Found: p = {_pair(ex.proj)}, and b − p is perpendicular to a "
            f"(a·(b − p) = {fmt(float(ex.a @ (ex.b - ex.proj)), 6)}).")


def _lsq_live(ex: Projection) -> str:
    if not ex.fitted():
        return (f"Your line's squared errors add up to **{fmt(ex.ssr(ex.guess))}**. Move "
                f"b₀ and b₁ to make them as small as they go.")
    return (f"Your line's squared errors add up to **{fmt(ex.ssr(ex.guess))}**; the least "
            f"is {fmt(ex.ssr(ex.beta))}, at b₀ = {fmt(ex.beta[0])}, b₁ = {fmt(ex.beta[1])}.")


class Projection(Explorable):
    slug = "projections"
    title = "Dot products, projections and least squares"
    topic = "maths"
    summary = ("a·b and the angle between two vectors, the closest point of a line, and "
               "least squares as dropping a perpendicular from y onto a plane.")
    params = (
        PointsParam("a", ((2.5, 1.0, 0),), x_range=(-3.0, 3.0), y_range=(-3.0, 3.0),
                    min_points=1, max_points=1, snap=0.1, effect="view", label="a",
                    doc="The vector a (and the line through it); drag its tip."),
        PointsParam("b", ((0.8, 2.2, 0),), x_range=(-3.0, 3.0), y_range=(-3.0, 3.0),
                    min_points=1, max_points=1, snap=0.1, effect="view", label="b",
                    doc="The vector b; drag its tip."),
        PointsParam("q", ((-1.0, -0.4, 0),), x_range=(-3.0, 3.0), y_range=(-3.0, 3.0),
                    min_points=1, max_points=1, snap=0.05, effect="view", label="q",
                    doc="A point to move towards b along a's line."),
        PointsParam("data", ((0.0, 1.0, 0), (1.0, 3.0, 0), (2.0, 2.5, 0)),
                    x_range=(-1.0, 3.0), y_range=(-1.0, 4.0), min_points=3, max_points=3,
                    snap=0.05, effect="view", label="three data points",
                    doc="Three points (x, y) to fit a line to; drag them."),
        FloatParam("b0", 0.5, -2.0, 4.0, step=0.01, effect="view", label="intercept b₀",
                   doc="Your line's height at x = 0."),
        FloatParam("b1", 0.5, -2.0, 3.0, step=0.01, effect="view", label="slope b₁",
                   doc="Your line's slope."),
    )
    layout = (("vectors", "numbers"), ("fit", "space"))
    export_layout = (("fit", "space"),)
    thumbnail_view = "vectors"
    captions: ClassVar[dict[str, str]] = {
        "vectors": "a (green) and b (dark), a's line dashed; b's projection p on it "
                   "(magenta) and the leftover b − p. Drag the tips.",
        "numbers": "The dot product, lengths and angle, and the projection.",
        "fit": "Three points, your line (purple, from the sliders) and the least-squares line "
               "(magenta), with your line's errors.",
        "space": "The same in 3-D: y is one point (its three values); every line b₀ + b₁x is "
                 "a point Xβ of the grey plane; the best is where the perpendicular from y "
                 "lands. Drag to turn.",
    }
    story_steps = (
        Step("dot", "The dot product",
             "Multiply the vectors' matching coordinates and add: a·b = a₁b₁ + a₂b₂. It also "
             "equals |a| |b| cos θ, with θ the angle between them: positive when they point "
             "the same way, 0 at a right angle, negative when they point apart.",
             views=("vectors", "numbers"), controls=("b", "a"), highlight=("vectors",),
             goal="Make a and b perpendicular: a·b = 0.",
             done=lambda ex: abs(float(ex.a @ ex.b)) < 1e-9 and ex.b.any(), live=_dot_live),
        Step("closest", "The closest point of a line",
             "Which point of a's line is closest to b? Drag the purple q along the line until "
             "its distance to b is least. There, the leftover b − q makes a right angle with "
             "the line: q is b's projection, p = (a·b / a·a) a.",
             views=("vectors", "numbers"), controls=("q",), highlight=("vectors",),
             goal="Drag q to the point of the line closest to b.",
             done=lambda ex: ex.found(), live=_closest_live),
        Step("least-squares", "Least squares is a projection",
             "Fit a line b₀ + b₁x to three points. The three y values are one point y in 3-D; "
             "each choice of b₀ and b₁ gives the point Xβ = b₀·(1, 1, 1) + b₁·(x₁, x₂, x₃) "
             "of a plane. The sum of squared errors is the squared distance from y to Xβ, "
             "least at the foot of the perpendicular: Xᵀ(y − Xβ) = 0.",
             views=("fit", "space"), controls=("b0", "b1", "data"), highlight=("b0", "b1"),
             goal="Move b₀ and b₁ until your squared errors are within 1% of the least.",
             done=lambda ex: ex.fitted(),
             live=_lsq_live),
    )

    def reset(self) -> None:
        pass

    def changed(self, names: set[str]) -> None:
        pass

    # --- the numbers -------------------------------------------------------------------

    def _point(self, name: str) -> Array:
        return np.array(getattr(self.p, name)[0][:2], dtype=float)

    @property
    def a(self) -> Array:
        return self._point("a")

    @property
    def b(self) -> Array:
        return self._point("b")

    @property
    def q(self) -> Array:
        """q on a's line: wherever it is dragged, it slides along the line (the point of
        the line under the pointer)."""
        raw = self._point("q")
        return project(raw, self.a) if self.a.any() else raw

    @property
    def proj(self) -> Array:
        """b's projection on a's line."""
        return project(self.b, self.a) if self.a.any() else np.zeros(2)

    @property
    def angle(self) -> float:
        a, b = self.a, self.b
        n = float(np.hypot(*a) * np.hypot(*b))
        return float(np.degrees(np.arccos(np.clip(a @ b / n, -1, 1)))) if n else float("nan")

    def found(self) -> bool:
        return bool(np.hypot(*(self.q - self.proj)) <= 0.06)

    @property
    def xs(self) -> Array:
        return np.array([p[0] for p in self.p.data], dtype=float)

    @property
    def ys(self) -> Array:
        return np.array([p[1] for p in self.p.data], dtype=float)

    @property
    def beta(self) -> Array:
        if np.ptp(self.xs) < 1e-12:  # one x for all: no single best line
            return np.array([float(self.ys.mean()), 0.0])
        return best_fit(self.xs, self.ys)

    @property
    def guess(self) -> Array:
        return np.array([self.p.b0, self.p.b1], dtype=float)

    def fitted(self) -> bool:
        """Your line's squared errors within 1% of the least."""
        return self.ssr(self.guess) <= 1.01 * self.ssr(self.beta) + 1e-9

    def ssr(self, beta: Array) -> float:
        r = self.ys - design(self.xs) @ beta
        return float(r @ r)

    # --- the frame ---------------------------------------------------------------------

    def frame(self) -> dict[str, View]:
        return {"vectors": self.vectors_view(), "numbers": self.numbers_view(),
                "fit": self.fit_view(), "space": self.space_view()}

    def vectors_view(self) -> Plot:
        a, b, p = self.a, self.b, self.proj
        layers: list[Any] = []
        if a.any():
            u = a / np.hypot(*a) * 2 * LIM
            layers.append(LinesLayer(np.array([-u[0], u[0]]), np.array([-u[1], u[1]]), A_COLOR,
                                     1.0, (6, 4), name="a's line"))
        step = self.p.step
        if step in ("dot", "free") and a.any():  # the shadow of b on a
            layers.append(LinesLayer(np.array([b[0], p[0]]), np.array([b[1], p[1]]), RESIDUAL,
                                     1.0, (2, 3)))
            layers.append(LinesLayer(np.array([0.0, p[0]]), np.array([0.0, p[1]]), P_COLOR,
                                     4.0, name="b's shadow on a"))
        if step == "closest" or step == "free":
            q = self.q
            layers.append(LinesLayer(np.array([b[0], q[0]]), np.array([b[1], q[1]]), Q_COLOR,
                                     1.5, (4, 3), name="from q to b"))
            if self.found() or step == "free":
                layers.append(LinesLayer(np.array([b[0], p[0]]), np.array([b[1], p[1]]),
                                         RESIDUAL, 1.5, name="b − p, at a right angle"))
                layers.append(_right_angle(p, a, b - p))
                layers.append(PointsLayer(p[:1], p[1:], color=P_COLOR, size=6, name="p"))
            layers.append(PointsLayer(q[:1], q[1:], color=Q_COLOR, size=7, draggable="q",
                                      name="q (drag)"))
        layers.append(ArrowsLayer(np.zeros(1), np.zeros(1), a[:1], a[1:], A_COLOR, 2.5, 10.0,
                                  name="a"))
        layers.append(ArrowsLayer(np.zeros(1), np.zeros(1), b[:1], b[1:], B_COLOR, 2.5, 10.0,
                                  name="b"))
        tips = np.array([a, b])
        layers.append(PointsLayer(tips[:1, 0], tips[:1, 1], color=A_COLOR, size=6,
                                  draggable="a"))
        layers.append(PointsLayer(tips[1:, 0], tips[1:, 1], color=B_COLOR, size=6,
                                  draggable="b"))
        return Plot(f"a·b = {fmt(float(a @ b))}, θ = {fmt(self.angle, 1)}°", "x", "y",
                    (-LIM, LIM), (-LIM, LIM), layers, aspect=1.0)

    def numbers_view(self) -> Table:
        a, b, p = self.a, self.b, self.proj
        rows = [["a·b", fmt(float(a @ b))], ["|a|, |b|", f"{fmt(float(np.hypot(*a)))}, "
                                                        f"{fmt(float(np.hypot(*b)))}"],
                ["angle θ", f"{fmt(self.angle, 1)}°"]]
        if self.p.step != "dot" and (self.p.step != "closest" or self.found()):
            rows += [["p = (a·b / a·a) a", _pair(p)],
                     ["|b − p|", fmt(float(np.hypot(*(b - p))))],
                     ["a·(b − p)", fmt(float(a @ (b - p)), 6)]]
        return Table("The numbers", ["", ""], rows)

    def fit_view(self) -> Plot:
        xs, ys = self.xs, self.ys
        line_x = np.array([-1.0, 3.0])
        g, best = self.guess, self.beta
        layers: list[Any] = []
        fitted = g[0] + g[1] * xs
        nan = np.full(3, np.nan)
        layers.append(LinesLayer(np.column_stack([xs, xs, nan]).ravel(),
                                 np.column_stack([ys, fitted, nan]).ravel(), RESIDUAL, 1.2,
                                 (3, 3), name="your errors"))
        if self.p.step != "least-squares" or self.fitted():  # the answer, once found
            layers.append(LinesLayer(line_x, best[0] + best[1] * line_x, FIT_COLOR, 2.0,
                                     name="least squares"))
        layers.append(LinesLayer(line_x, g[0] + g[1] * line_x, GUESS_COLOR, 2.0, (6, 4),
                                 name="your line"))
        layers.append(PointsLayer(xs, ys, color=DATA, size=7, draggable="data",
                                  name="data (drag)"))
        least = fmt(self.ssr(best)) if self.p.step != "least-squares" or self.fitted() \
            else "?"
        return Plot(f"Squared errors: yours {fmt(self.ssr(g))}, least {least}",
                    "x", "y", (-1.0, 3.0), (-1.0, 4.0), layers, aspect=1.25)

    def space_view(self) -> Scene3D:
        x = design(self.xs)
        y = self.ys
        c1, c2 = x[:, 0], x[:, 1]
        layers: list[Any] = []
        # the plane of the columns: b₀·1 + b₁·x over the sliders' ranges, as a wireframe
        pts3: list[Array] = []
        for s0 in np.linspace(-1.0, 3.0, 5):  # lines of constant intercept
            pts3 += [s0 * c1 - 1.0 * c2, s0 * c1 + 2.0 * c2]
        for s1 in np.linspace(-1.0, 2.0, 4):  # and of constant slope
            pts3 += [-1.0 * c1 + s1 * c2, 3.0 * c1 + s1 * c2]
        grid = np.array(pts3)
        layers.append(Lines3D(grid[:, 0], grid[:, 1], grid[:, 2], "#b0bec5",
                              name="the plane of 1 and x"))
        fit, guess = x @ self.beta, x @ self.guess
        seg = np.array([np.zeros(3), y, y, fit, y, guess])
        layers.append(Lines3D(seg[:2, 0], seg[:2, 1], seg[:2, 2], DATA, name="y"))
        layers.append(Lines3D(seg[2:4, 0], seg[2:4, 1], seg[2:4, 2], FIT_COLOR,
                              name="perpendicular to the plane"))
        layers.append(Lines3D(seg[4:, 0], seg[4:, 1], seg[4:, 2], GUESS_COLOR,
                              name="y to your Xβ"))
        pts = np.array([y, fit, guess])
        layers.append(Points3D(pts[:1, 0], pts[:1, 1], pts[:1, 2], color=DATA, size=2.0))
        layers.append(Points3D(pts[1:2, 0], pts[1:2, 1], pts[1:2, 2], color=FIT_COLOR, size=2.0,
                               name="Xβ̂ (least squares)"))
        layers.append(Points3D(pts[2:, 0], pts[2:, 1], pts[2:, 2], color=GUESS_COLOR, size=2.0,
                               name="your Xβ"))
        span = np.concatenate([pts.ravel(), grid.ravel(), [0.0]])
        lo, hi = float(np.floor(span.min())), float(np.ceil(span.max()))
        return Scene3D("y and the plane of all lines", "y₁", "y₂", "y₃", (lo, hi), (lo, hi),
                       (lo, hi), layers)


def _right_angle(p: Array, a: Array, r: Array, size: float = 0.22) -> LinesLayer:
    """A small square at p between the line's direction a and the leftover r."""
    if not a.any() or not r.any():
        return LinesLayer(np.zeros(0), np.zeros(0), RESIDUAL, 1.0)
    u, w = a / np.hypot(*a) * size, r / np.hypot(*r) * size
    corner = np.array([p + u, p + u + w, p + w])
    return LinesLayer(corner[:, 0], corner[:, 1], RESIDUAL, 1.0)
