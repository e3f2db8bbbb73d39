"""Gradients in two dimensions: a surface f(x, y) as contours and in 3-D, the two partial
derivatives at a point you drag, the gradient as an arrow at every point (it points uphill,
across the contours), the tangent plane it tilts, and gradient descent from the point with
a learning rate that is too small, right, oscillating or diverging: the bridge to the
optimisers.

f is typed (``maths/expression.py``: a whitelist, never ``eval``) or picked; its gradient is
SymPy's where installed, else sixth-order central differences. tests/unit/test_gradient.py
checks the gradient against closed forms and finite differences, the descent against the
closed form of gradient descent on a quadratic, and the regimes of the learning rate against
2 / λ_max.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from mlscope.core.colors import DATA, MODEL
from mlscope.core.contours import contour_lines
from mlscope.core.explorable import Action
from mlscope.core.params import FloatParam, IntParam, PointsParam, TextParam
from mlscope.core.story import PLAY, Step
from mlscope.core.views import (
    ArrowsLayer,
    Chart,
    HeatmapLayer,
    Lines3D,
    LinesLayer,
    Plot,
    Points3D,
    PointsLayer,
    Scene3D,
    Series,
    Surface3D,
    Table,
    View,
)
from mlscope.explorables.maths.expression import (
    Expression,
    checked_param,
    numeric_gradient,
    parse,
)
from mlscope.explorables.maths.numbers import fmt
from mlscope.explorables.maths.revealed import Revealed, count_buttons

Array = NDArray[np.float64]

VARS = ("x", "y")
LIM = 3.0
GRID = np.linspace(-LIM, LIM, 121)
FIELD = np.linspace(-LIM + 0.3, LIM - 0.3, 11)
MAX_STEPS = 200
ESCAPE = 1e3
"""A descent that leaves |x|, |y| < ESCAPE has diverged: its path ends there."""
GRAD_COLOR, PATH_COLOR, PLANE_COLOR = MODEL, "#2e7d32", "#6a4c93"
EAST_COLOR, NORTH_COLOR = "#00897b", "#6a4c93"
SLOPE_SCALE = 0.1
"""Plane units per unit of slope for the arrows at the point (the field shows directions)."""
"""The two partial slopes at the point, in the first step."""
FLAT = 1e-3

PRESETS: dict[str, tuple[str, str, float, tuple[float, float]]] = {
    # label, f, a learning rate and a start that show it well
    "bowl": ("a long bowl", "x^2 + 5*y^2", 0.05, (2.5, -1.5)),
    "round": ("a round bowl", "x^2 + y^2", 0.1, (2.5, -1.5)),
    "saddle": ("a saddle", "x^2 - y^2", 0.05, (2.5, 0.05)),
    "valley": ("Rosenbrock's valley", "(1 - x)^2 + 5*(y - x^2)^2", 0.03, (-1.5, 2.0)),
    "wells": ("two wells", "-exp(-(x-1)^2 - y^2) - exp(-(x+1)^2 - (y-1)^2)", 0.3,
              (0.1, 2.5)),
}
SHOWN_STEPS = 100
"""The rates step draws the whole run, this many steps, as η moves."""
BOTTOM = 1e-3


def descend(f: Expression, grad: Any, start: tuple[float, float], lr: float,
            steps: int = MAX_STEPS) -> Array:
    """Gradient descent p ← p − lr·∇f(p) from start: (k + 1, 2) points, stopping early where
    it leaves the plane (|p| > ESCAPE) or the gradient is undefined."""
    p = np.array(start, dtype=float)
    path = [p.copy()]
    for _ in range(steps):
        gx, gy = grad(np.array([p[0]]), np.array([p[1]]))
        g = np.array([gx[0], gy[0]])
        if not np.isfinite(g).all():
            break
        p = p - lr * g
        path.append(p.copy())
        if not np.isfinite(p).all() or np.abs(p).max() > ESCAPE:
            break
    return np.array(path)


def regime(f: Expression, path: Array) -> str:
    """How the descent went: "diverging", "oscillating" (converging or not), "converged",
    "creeping" (still far after all its steps)."""
    if np.abs(path[-1]).max() > ESCAPE / 2 or not np.isfinite(path[-1]).all():
        return "diverging"
    vals = f.at(x=path[:, 0], y=path[:, 1])
    if len(path) > 3:
        d = np.diff(path, axis=0)
        flips = (np.sign(d[1:]) * np.sign(d[:-1]) < 0) & (np.abs(d[1:]) > 1e-9)
        if flips.any(axis=1).mean() > 0.5:
            return "oscillating" if vals[-1] <= vals[0] else "diverging"
    if len(path) > 1 and np.hypot(*(path[-1] - path[-2])) < 1e-6:
        return "converged"
    return "creeping"


def _partials_live(ex: Gradient) -> str:
    gx, gy = ex.grad_at
    return (f"At ({fmt(ex.point[0], 2)}, {fmt(ex.point[1], 2)}): ∂f/∂x = **{fmt(gx)}** (the "
            f"slope walking east), ∂f/∂y = **{fmt(gy)}** (walking north).")


def _gradient_live(ex: Gradient) -> str:
    gx, gy = ex.grad_at
    n = float(np.hypot(gx, gy))
    if n < FLAT:
        return "The gradient is 0 here: the surface is flat, a bottom, a top or a saddle."
    ang = float(np.degrees(np.arctan2(gy, gx)))
    return (f"∇f = ({fmt(gx)}, {fmt(gy)}): uphill is **{fmt(ang, 0)}°** from east, "
            f"and the slope that way is **{fmt(n)}**.")


def _descent_live(ex: Gradient) -> str:
    k = ex.shown
    path = ex.path()[:k + 1]
    p = path[-1]
    val = float(ex.fn.at(x=p[0], y=p[1]))
    gx, gy = ex.gradient_at(p)
    return (f"Step {k}: at ({fmt(p[0])}, {fmt(p[1])}), f = **{fmt(val, 4)}**, "
            f"|∇f| = {fmt(float(np.hypot(gx, gy)), 4)}.")


def steps_to_bottom(path: Array, bottom: Array) -> int | None:
    """The first step within BOTTOM of the bottom (in each coordinate), or None."""
    near = np.flatnonzero(np.abs(path - bottom).max(axis=1) < BOTTOM)
    return int(near[0]) if len(near) else None


def _rates_live(ex: Gradient) -> str:
    r = regime(ex.fn, ex.shown_path())
    words = {"diverging": "the steps overshoot further each time: **diverging**",
             "oscillating": "the steps overshoot the valley floor and **zig-zag**",
             "converged": "it **settles** at the bottom",
             "creeping": "it is still on its way after 100 steps: **creeping**"}[r]
    k = steps_to_bottom(ex.shown_path(), np.zeros(2))
    when = f" It gets within 0.001 of the bottom in **{k}** steps." if k is not None else ""
    return f"η = {fmt(ex.p.lr, 4)}: {words}.{when}"


def _lr_goal(ex: Gradient) -> bool:
    """The long bowl, within one step of the fewest steps to the bottom (at η = 1/6 =
    2 / (λ_min + λ_max), where both directions shrink by 2/3 a step)."""
    if ex.p.f != PRESETS["bowl"][1]:
        return False
    start = (float(ex.point[0]), float(ex.point[1]))
    mine = steps_to_bottom(descend(ex.fn, ex._grad(), start, ex.p.lr, SHOWN_STEPS),
                           np.zeros(2))
    best = steps_to_bottom(descend(ex.fn, ex._grad(), start, 1 / 6, SHOWN_STEPS), np.zeros(2))
    return mine is not None and best is not None and mine <= best + 1


class Gradient(Revealed):
    slug = "gradient-2d"
    title = "Gradients in two dimensions"
    topic = "maths"
    summary = ("A surface as contours and in 3-D: the two slopes at a point you drag, the "
               "gradient pointing uphill, the tangent plane, and gradient descent with a "
               "learning rate too small, right or too big.")
    params = (
        TextParam("f", PRESETS["bowl"][1], max_len=120, label="f(x, y) =",
                  doc="A function of x and y: numbers, x, y, pi, e, + - * / ^ and sin, cos, "
                      "exp, log, sqrt, abs, tanh and more, e.g. x^2 + 5*y^2."),
        PointsParam("start", ((2.5, -1.5, 0),), x_range=(-LIM, LIM), y_range=(-LIM, LIM),
                    min_points=1, max_points=1, snap=0.05, effect="view", label="the point",
                    doc="The point (x, y) where the slopes are read and the descent starts, "
                        "each from -3 to 3; drag it on the contours."),
        FloatParam("lr", 0.05, 0.001, 1.0, log=True, effect="view", label="learning rate η",
                   doc="How far each step of gradient descent goes against the gradient, "
                       "from 0.001 to 1."),
        IntParam("steps", 0, 0, MAX_STEPS, effect="view", label="steps taken",
                 advanced=True, doc="How many steps of gradient descent are shown."),
    )
    actions = (
        *count_buttons("gd", "1 step", "One step of gradient descent.", counts=(1, 10, 100)),
        Action("reset", "Back to the start", "No steps."),
        *(Action(f"f-{k}", label, f"Use f(x, y) = {text}.") for k, (label, text, _, _) in
          PRESETS.items()),
    )
    playable = True
    step_name = "step"
    count, most, prefix = "steps", MAX_STEPS, "gd"
    fresh_on = frozenset({"f"})
    layout = (("contours", "surface"), ("numbers", "loss"))
    export_layout = (("contours", "surface"),)
    thumbnail_view = "contours"
    thumbnail_steps = 30
    captions: ClassVar[dict[str, str]] = {
        "contours": "Seen from above: colour is height, white lines join equal heights. "
                    "Drag the dark point.",
        "surface": "The same surface in 3-D (drag to turn it), with the point and, from the "
                   "second step, its tangent plane (the descent's path is on the contours).",
        "numbers": "The slopes at the point, and the descent once it starts.",
        "loss": "f at each step of the descent.",
    }
    story_steps = (
        Step("partials", "Two slopes at every point",
             "On a surface f(x, y) each point has two slopes: walking east (∂f/∂x, x "
             "changing, y held) and walking north (∂f/∂y). Drag the point and watch both.",
             views=("contours", "numbers"), controls=("start",), highlight=("contours",),
             goal="Find the point where both slopes are 0.",
             done=lambda ex: float(np.hypot(*ex.grad_at)) < FLAT, live=_partials_live),
        Step("gradient", "The gradient points uphill",
             "Put the two slopes together as an arrow, the gradient ∇f = (∂f/∂x, ∂f/∂y). It "
             "points straight uphill, across the contour lines, and grows with how steep the "
             "climb is. It also tilts the plane that touches the surface at the point.",
             views=("contours", "surface"), controls=("start",), highlight=("contours",),
             goal="Drag the point to where uphill is due north (the gradient points up).",
             done=lambda ex: ex.grad_at[1] > 0.1 and abs(ex.grad_at[0]) < 0.02 * ex.grad_at[1],
             live=_gradient_live),
        Step("descent", "Gradient descent",
             "To go downhill, step against the gradient: p ← p − η ∇f(p), with η the learning "
             "rate. Step by step the point slides to the bottom, the way a network's weights "
             "slide down its loss.",
             views=("contours", "loss"), controls=("gd1", "gd10", PLAY, "start"),
             highlight=("gd1",),
             goal="Take steps until the gradient is almost 0 (|∇f| < 0.001).",
             done=lambda ex: ex.shown > 0 and float(np.hypot(*ex.gradient_at(
                 ex.path()[min(ex.shown, len(ex.path()) - 1)]))) < FLAT,
             live=_descent_live),
        Step("rates", "Too small, just right, too big",
             "The learning rate decides everything. Too small and the descent creeps. Larger "
             "gets there in fewer steps, until the steps overshoot the bowl's steep, narrow "
             "direction and zig-zag (from η = 0.1 here); past η = 2 / 10 = 0.2 (10 is its "
             "steepest curvature) the zig-zag grows and it flies off. The whole run is drawn "
             "as you move η.",
             views=("contours", "loss"), controls=("lr", "gd100", "start"),
             highlight=("lr",),
             goal="With the long bowl, find the η that reaches the bottom in the fewest steps.",
             done=_lr_goal, live=_rates_live),
    )

    def check(self, values: Any) -> None:
        if values.get("f") is not None:
            checked_param(values["f"], VARS, {"x": GRID[None, ::4], "y": GRID[::4, None]},
                          "on the square -3 ≤ x, y ≤ 3")

    def reset(self) -> None:
        self._path_key: tuple[Any, ...] | None = None
        self._path = np.zeros((1, 2))

    def act(self, name: str, value: Any = None) -> None:
        if name.startswith("f-") and name[2:] in PRESETS:
            _, text, lr, start = PRESETS[name[2:]]
            self.set(f=text, lr=lr, start=[(*start, 0)])
            return
        super().act(name, value)

    @property
    def finished(self) -> bool:
        return self.shown >= len(self.path()) - 1

    # --- the numbers -------------------------------------------------------------------

    @property
    def fn(self) -> Expression:
        return parse(self.p.f, VARS)

    def _grad(self) -> Any:
        exact = self.fn.gradient()
        if exact is not None:
            return exact[0]
        return lambda x, y: numeric_gradient(self.fn, x, y)

    def gradient_at(self, p: Array | tuple[float, float]) -> tuple[float, float]:
        gx, gy = self._grad()(np.array([float(p[0])]), np.array([float(p[1])]))
        return float(gx[0]), float(gy[0])

    @property
    def point(self) -> Array:
        return np.array(self.p.start[0][:2], dtype=float)

    @property
    def grad_at(self) -> tuple[float, float]:
        return self.gradient_at(self.point)

    def path(self) -> Array:
        """The whole descent from the point (up to MAX_STEPS), computed once per f, point
        and learning rate."""
        key = (self.p.f, tuple(self.point), self.p.lr)
        if key != self._path_key:
            self._path = descend(self.fn, self._grad(), (self.point[0], self.point[1]),
                                 self.p.lr)
            self._path_key = key
        return self._path

    # --- the frame ---------------------------------------------------------------------

    def frame(self) -> dict[str, View]:
        return {"contours": self.contours_view(), "surface": self.surface_view(),
                "numbers": self.numbers_view(), "loss": self.loss_view()}

    def _field(self) -> tuple[Array, Array]:
        z = self.fn.at(x=GRID[None, :], y=GRID[:, None])
        return z, z[np.isfinite(z)]

    def _z_range(self, ok: Array) -> tuple[float, float]:
        if not len(ok):
            return (-1.0, 1.0)
        lo, hi = np.percentile(ok, [0.5, 99.5])
        return (float(lo), float(hi) if hi > lo else float(lo) + 1.0)

    def _descending(self) -> bool:
        return self.p.step in ("descent", "rates", "free")

    def shown_path(self) -> Array:
        """The descent as drawn: the steps taken so far, or in the rates step the whole run
        (SHOWN_STEPS), redrawn as η moves."""
        if self.p.step == "rates":
            return self.path()[:SHOWN_STEPS + 1]
        return self.path()[:self.shown + 1]

    def contours_view(self) -> Plot:
        z, ok = self._field()
        lo, hi = self._z_range(ok)
        layers: list[Any] = [HeatmapLayer(np.clip(np.nan_to_num(z, nan=lo), lo, hi),
                                          (-LIM, LIM), (-LIM, LIM), lo, hi,
                                          colormap="sequential", opacity=0.55, name="f(x, y)")]
        cx, cy = contour_lines(np.nan_to_num(z, nan=lo), GRID, GRID, np.linspace(lo, hi, 14)[1:-1])
        layers.append(LinesLayer(cx, cy, "#ffffff", 1.0))
        p = self.point
        g = np.array(self.grad_at)
        if self.p.step == "partials":  # one idea: the two slopes, not yet the gradient
            for d, color, name in ((np.array([g[0], 0.0]), EAST_COLOR, "∂f/∂x (along x)"),
                                   (np.array([0.0, g[1]]), NORTH_COLOR, "∂f/∂y (along y)")):
                if np.isfinite(d).all() and np.abs(d).max() > 1e-9:
                    d = np.clip(d * SLOPE_SCALE, -2.4, 2.4)  # one scale: they shrink to 0
                    layers.append(ArrowsLayer(p[:1], p[1:], d[:1], d[1:], color, 3.0, 10.0,
                                              name=name))
            layers.append(PointsLayer(p[:1], p[1:], color=DATA, size=7, draggable="start",
                                      name="the point (drag)"))
            return Plot(f"f(x, y) = {self.p.f}", "x", "y", (-LIM, LIM), (-LIM, LIM), layers,
                        aspect=1.0)
        # the gradient field, each arrow scaled to the grid's spacing (direction, not size)
        fx, fy = np.meshgrid(FIELD, FIELD)
        gx, gy = self._grad()(fx.ravel(), fy.ravel())
        n = np.hypot(gx, gy)
        scale = np.where(n > 0, 0.42 / np.maximum(n, 1e-12), 0.0) * np.sqrt(
            np.clip(n / max(float(np.nanmax(n)) if np.isfinite(n).any() else 1.0, 1e-12), 0.15, 1))
        ok_arrows = np.isfinite(scale) & np.isfinite(gx) & np.isfinite(gy)
        layers.append(ArrowsLayer(fx.ravel()[ok_arrows], fy.ravel()[ok_arrows],
                                  (gx * scale)[ok_arrows], (gy * scale)[ok_arrows], DATA, 1.0,
                                  5.0, name="gradient (uphill)"))
        if np.isfinite(g).all() and np.hypot(*g) > 0:
            long = g / np.hypot(*g) * min(2.6, 0.25 + SLOPE_SCALE * np.hypot(*g))
            layers.append(ArrowsLayer(p[:1], p[1:], long[:1], long[1:], GRAD_COLOR, 3.0, 11.0,
                                      name="∇f at the point"))
        if self._descending():
            path = self.shown_path()
            if len(path) > 1:
                layers.append(LinesLayer(path[:, 0], path[:, 1], PATH_COLOR, 2.0,
                                         name="descent"))
                layers.append(PointsLayer(path[1:, 0], path[1:, 1], color=PATH_COLOR, size=3.5,
                                          stroke=""))
        layers.append(PointsLayer(p[:1], p[1:], color=DATA, size=7, draggable="start",
                                  name="the point (drag)"))
        return Plot(f"f(x, y) = {self.p.f}", "x", "y", (-LIM, LIM), (-LIM, LIM), layers,
                    aspect=1.0)

    def surface_view(self) -> Scene3D:
        z, ok = self._field()
        lo, hi = self._z_range(ok)
        coarse = z[::6, ::6]  # 21 × 21: enough for the eye, and cheap to redraw in play
        layers: list[Any] = [Surface3D(np.clip(np.nan_to_num(coarse, nan=lo), lo, hi),
                                       color="#7f9aab", opacity=0.6, name="f(x, y)")]
        p = self.point
        fp = float(self.fn.at(x=p[0], y=p[1]))
        if np.isfinite(fp):
            layers.append(Points3D(p[:1], p[1:], np.array([fp]), color=DATA, size=2.0,
                                   name="the point"))
            gx, gy = self.grad_at
            if self.p.step != "partials" and np.isfinite(gx) and np.isfinite(gy):
                layers.append(_plane_patch(p, fp, gx, gy, lo, hi))
        return Scene3D("The surface z = f(x, y)", "x", "y", "f", (-LIM, LIM), (-LIM, LIM),
                       (lo, hi), layers, camera=None)

    def numbers_view(self) -> Table:
        p = self.point
        gx, gy = self.grad_at
        exact = self.fn.gradient()
        rows = [["the point (x, y)", f"({fmt(p[0], 2)}, {fmt(p[1], 2)})"],
                ["f(x, y)", fmt(float(self.fn.at(x=p[0], y=p[1])), 4)],
                ["∂f/∂x", fmt(gx, 4)], ["∂f/∂y", fmt(gy, 4)],
                ["|∇f| (steepness)", fmt(float(np.hypot(gx, gy)), 4)],
                ["gradient from", "SymPy (exact)" if exact else "6th-order differences"]]
        if exact is not None:
            rows.insert(4, ["∇f(x, y)", f"({exact[2][0]}, {exact[2][1]})"])
        if self.p.step == "partials":
            rows = [r for r in rows if not r[0].startswith(("∇f", "|∇f|"))]
        if self._descending():
            path = self.shown_path()
            k = len(path) - 1
            q = path[k]
            rows += [["descent: step", f"{k} of {len(self.path()) - 1}"],
                     ["descent: at", f"({fmt(q[0])}, {fmt(q[1])})"],
                     ["descent: f", fmt(float(self.fn.at(x=q[0], y=q[1])), 4)],
                     ["descent: how it goes", regime(self.fn, path)]]
        return Table("At the point", ["", ""], rows)

    def loss_view(self) -> Chart:
        path = self.shown_path()
        vals = self.fn.at(x=path[:, 0], y=path[:, 1])
        finite = vals[np.isfinite(vals)]
        positive = bool(len(finite) and finite.min() > 0)
        return Chart(f"f along the descent (η = {fmt(self.p.lr, 4)})", "step",
                     "f (log scale)" if positive else "f",
                     np.arange(len(path), dtype=float), [Series("f", vals, PATH_COLOR)],
                     log_y=positive)


def _plane_patch(p: Array, fp: float, gx: float, gy: float, lo: float, hi: float) -> Lines3D:
    """The tangent plane z = f(p) + ∇f·(q − p) as a wireframe square 1.6 wide around p."""
    s = np.linspace(-0.8, 0.8, 5)
    xs, ys, zs = [], [], []
    for a in s:
        for (u0, v0), (u1, v1) in (((a, -0.8), (a, 0.8)), ((-0.8, a), (0.8, a))):
            for u, v in ((u0, v0), (u1, v1)):
                xs.append(p[0] + u)
                ys.append(p[1] + v)
                zs.append(fp + gx * u + gy * v)
    return Lines3D(np.array(xs), np.array(ys), np.clip(np.array(zs), lo, hi), PLANE_COLOR,
                   name="tangent plane")
