"""Support vector machine: the widest street between two classes, held up by its support
vectors. Drag a point across the margin and watch the street move; lower C and let points
into it; switch to a polynomial or RBF kernel and see the kernel trick as a lift to 3-D,
where a flat plane separates what no line could.

Trained live by SMO (``svm_solver.py``); the decision function and support vectors agree
with scikit-learn's SVC on the same points (tests/unit/test_svm.py).
"""

from __future__ import annotations

import time
from typing import Any, ClassVar

import numpy as np

from mlscope.core.colors import DATA, MODEL, class_codes
from mlscope.core.colors import LABEL_NAMES as CLASS_NAMES
from mlscope.core.contours import contour_lines
from mlscope.core.explorable import Action, Explorable
from mlscope.core.params import ChoiceParam, FloatParam, IntParam, PointsParam
from mlscope.core.story import PLAY, Step
from mlscope.core.views import (
    HeatmapLayer,
    LinesLayer,
    Plot,
    Points3D,
    PointsLayer,
    Scene3D,
    Surface3D,
    Table,
    View,
)
from mlscope.data import plane
from mlscope.explorables.classic.svm_solver import SMO, kernel

BOX = (-6.0, 6.0)
GRID = 61
LIFT_GRID = 25
LIFT_POINTS = 300
DATASETS = ("gauss", "circle", "moons", "xor", "blobs")
MAX_POINTS = 1500
"""The kernel matrix is held whole: n² numbers."""
UPDATES = 400
"""SMO updates per step (a frame while playing)."""
AUTO_SOLVE = 400
"""Up to this many points, a solved street is solved again at once after a drag or a new
setting; with more, Play or Solve finish it (a slider must answer within a frame)."""
SOLVE_SECONDS = 0.5
MAX_SOLVE_ROUNDS = 5000
"""A bound on one Solve's rounds of UPDATES, whatever the data."""


def _solved(ex: SupportVectorMachine) -> None:
    ex.solve_now()


class SupportVectorMachine(Explorable):
    slug = "svm"
    title = "Support vector machine"
    topic = "classic"
    summary = ("The widest street between two classes, held up by its support vectors; soft "
               "margins with C; kernels, and the kernel trick as a lift to 3-D.")
    params = (
        ChoiceParam("kernel", "linear", options=("linear", "poly", "rbf"),
                    labels=("linear", "polynomial (degree 2)", "RBF (Gaussian)"),
                    label="kernel"),
        FloatParam("C", 10.0, 0.01, 1000.0, log=True, label="C (cost of a violation)",
                   doc="Large C: few points inside the street. Small C: a wide street that "
                       "lets points in."),
        FloatParam("gamma", 0.5, 0.01, 10.0, log=True, label="γ (kernel width)",
                   doc="RBF and polynomial: large γ, a wiggly boundary around each point."),
        ChoiceParam("dataset", "gauss", options=DATASETS,
                    labels=tuple(plane.LABELS[d] for d in DATASETS), label="data"),
        IntParam("noise", 10, 0, 50, 5, label="noise %"),
        IntParam("count", 60, 4, MAX_POINTS, label="points", advanced=True),
        PointsParam("data", (), x_range=BOX, y_range=BOX, n_labels=2, max_points=MAX_POINTS,
                    effect="data", label="points",
                    doc="(x, y, class) of each point; drag them in the plot."),
    )
    actions = (Action("step", "Step", f"{UPDATES} SMO updates."),
               Action("solve", "Solve", "Run SMO until the margin is optimal."),
               Action("reset", "Reset", "All multipliers back to 0."))
    playable = True
    step_name = "step"
    layout = (("plane", "lift"), ("numbers",))
    export_layout = (("plane",),)
    thumbnail_view = "plane"
    captions: ClassVar[dict[str, str]] = {
        "plane": "Solid: the boundary f(x) = 0; dashed: the margins f(x) = ±1, the street's "
                 "edges. Ringed: the support vectors. Drag a point.",
        "lift": "The decision function f as a height over the plane: each point at its f. "
                "The grey plane is f = 0: the boundary is where the surface crosses it.",
        "numbers": "The street and what holds it up.",
    }
    story_steps = (
        Step("street", "The widest street",
             "Many lines separate the two classes; the SVM picks the one with the widest "
             "empty street around it. Only the points on the street's edges hold it up: the "
             "support vectors (ringed). Drag one of them and watch the street move; drag "
             "another point and nothing happens.",
             views=("plane", "numbers"), highlight=("plane",),
             goal="Drag a point so the street gets narrower.",
             done=lambda ex: ex.street_width() < 0.8 * ex.first_width,
             live=lambda ex: f"The street is **{ex.street_width():.2f}** wide, held by "
                             f"{len(ex.svm.support)} support vectors.",
             enter=_solved),
        Step("soft", "A soft margin",
             "With overlapping classes no street is empty. C prices each point inside the "
             "street or on the wrong side: a small C buys a wider street with more points "
             "in it.",
             views=("plane", "numbers"), controls=("C", "noise"), highlight=("C",),
             goal="Lower C until at least half the points hold up the street.",
             done=lambda ex: len(ex.svm.support) >= 0.5 * len(ex.svm.y),
             live=lambda ex: f"C = {ex.p.C:.3g}: {len(ex.svm.support)} of {len(ex.svm.y)} "
                             f"points are support vectors.",
             enter=lambda ex: (ex.set(noise=35), ex.solve_now())[0]),
        Step("kernel", "Kernels",
             "A ring inside a ring: no line separates them. A kernel compares points in a "
             "richer space without going there: the polynomial kernel $(\\gamma\\,x\\cdot z + "
             "1)^2$ includes $x_1^2$, $x_2^2$ and $x_1x_2$; the RBF kernel "
             "$e^{-\\gamma\\lVert x - z\\rVert^2}$ measures closeness.",
             views=("plane", "lift"), controls=("kernel", "gamma", "C", PLAY, "solve"),
             highlight=("kernel",),
             goal="Separate the rings: 95 % of the points on their side.",
             done=lambda ex: ex.accuracy() >= 0.95,
             enter=lambda ex: (ex.set(dataset="circle", kernel="linear", noise=5, count=120),
                               ex.solve_now())[0]),
        Step("lift", "The kernel trick, as a lift",
             "Lift each point to the height of $f$: in the lifted space a flat plane, $f = 0$, "
             "separates what no line in the plane could. Turn the picture.",
             views=("lift", "plane"), controls=("kernel", "gamma"),
             enter=lambda ex: (ex.set(dataset="circle", kernel="poly", noise=5, count=120),
                               ex.solve_now())[0]),
    )

    def reset(self) -> None:
        p = self.p
        if not p.data:  # a new data set: its points go into the parameter (the link, drags)
            pts, t = plane.generate(p.dataset, p.count, p.noise / 100, 2, p.seed)
            pts = np.clip(pts, BOX[0] + 0.05, BOX[1] - 0.05)
            self._assign(data=tuple((round(float(a), 3), round(float(b), 3), int(c))
                                    for (a, b), c in zip(pts, t, strict=True)))
        pts = np.array([q[:2] for q in self.p.data], dtype=float).reshape(-1, 2)
        lab = np.array([int(q[2]) for q in self.p.data], dtype=int)
        self.points, self.labels = pts, lab
        y = np.where(lab == 1, 1.0, -1.0)
        old = getattr(self, "svm", None)
        same = old is not None and old.kernel_args == (p.kernel, p.gamma, 2, 1.0) and \
            np.array_equal(old.x, pts)
        self.svm = SMO(pts, y, p.C, p.kernel, p.gamma, degree=2, coef0=1.0,
                       K=old.K if same and old is not None else None)  # a new C keeps K
        self.steps = 0
        self.first_width = getattr(self, "first_width", float("inf"))

    def changed(self, names: set[str]) -> None:
        if names & {"dataset", "count", "noise", "seed"}:
            self._assign(data=())  # a new data set replaces dragged points
        was_solved = self.svm.converged and self.steps > 0
        super().changed(names)
        if was_solved and len(self.points) <= AUTO_SOLVE:
            self.solve_now()  # a solved street answers a drag or a slider at once

    def act(self, name: str, value: Any = None) -> None:
        if name == "solve":
            self.solve_now()
        else:
            super().act(name, value)

    def solve_now(self) -> None:
        """SMO until the margin is optimal. Up to AUTO_SOLVE points always to the end (so
        the same settings give the same picture on any machine, busy or not); beyond, for
        SOLVE_SECONDS at most (then Play or Solve again go on)."""
        start = time.perf_counter()
        small = len(self.points) <= AUTO_SOLVE
        for _ in range(MAX_SOLVE_ROUNDS):
            if self.svm.iterate(UPDATES) < UPDATES:
                break
            if not small and time.perf_counter() - start >= SOLVE_SECONDS:
                break
        self.steps = max(self.steps, 1)
        if not np.isfinite(self.first_width):
            self.first_width = self.street_width()

    def step(self) -> None:
        # about the same work a step whatever the number of points (each update is O(n))
        self.svm.iterate(max(20, UPDATES * 100 // max(len(self.points), 100)))
        self.steps += 1

    @property
    def finished(self) -> bool:
        return self.svm.converged

    # --- numbers ------------------------------------------------------------------------

    def accuracy(self) -> float:
        return float(np.mean((self.svm.decision(self.points) > 0) == (self.labels == 1)))

    def street_width(self) -> float:
        """2 / |w| for the linear kernel; otherwise the mean distance between the two margin
        lines is not one number: the width in f, 2, over the mean gradient length of f
        on the support vectors."""
        if self.p.kernel == "linear":
            w = self.svm.linear_weights()
            return float(2 / max(float(np.linalg.norm(w)), 1e-12))
        sv = self.points[self.svm.support] if len(self.svm.support) else self.points
        dx, dy = np.array([1e-4, 0.0]), np.array([0.0, 1e-4])
        gx = (self.svm.decision(sv + dx) - self.svm.decision(sv - dx)) / 2e-4
        gy = (self.svm.decision(sv + dy) - self.svm.decision(sv - dy)) / 2e-4
        return float(2 / max(float(np.mean(np.hypot(gx, gy))), 1e-12))

    # --- the frame ----------------------------------------------------------------------

    def frame(self) -> dict[str, View]:
        return {"plane": self.plane_view(), "lift": self.lift_view(),
                "numbers": self.numbers_view()}

    def _grid_f(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        """f on an n × n grid: the grid's kernel rows against every point are kept (float32)
        while the kernel and the points stay, so a frame while training costs one
        matrix-vector product."""
        g = np.linspace(*BOX, n)
        key = (n, self.svm.kernel_args, id(self.svm.K))
        cache = getattr(self, "_grid_k", {})
        if key not in cache:
            xx, yy = np.meshgrid(g, g)
            grid = np.stack([xx.ravel(), yy.ravel()], axis=1)
            cache = {k: v for k, v in cache.items() if k[2] == key[2]}
            cache[key] = kernel(grid, self.points, *self.svm.kernel_args).astype(np.float32)
            self._grid_k = cache
        f = cache[key] @ (self.svm.alpha * self.svm.y).astype(np.float32) + self.svm.b
        return g, np.asarray(f, dtype=float).reshape(n, n)

    def plane_view(self) -> Plot:
        g, f = self._grid_f(GRID)
        codes = class_codes((f > 0).astype(int).ravel(), np.clip(np.abs(f.ravel()), 0, 1))
        bx, by = contour_lines(f, g, g, [0.0])
        mx, my = contour_lines(f, g, g, [-1.0, 1.0])
        sv = self.svm.support
        layers: list[Any] = [
            HeatmapLayer(codes.reshape(GRID, GRID).astype(float), BOX, BOX, 0, 255,
                         colormap="classes", opacity=0.5),
            LinesLayer(mx, my, MODEL, 1.6, (6, 4), name="margins f = ±1"),
            LinesLayer(bx, by, MODEL, 2.4, name="boundary f = 0"),
            PointsLayer(self.points[sv, 0], self.points[sv, 1], color="#ffffff", size=8.5,
                        stroke="#1b232b", name="support vectors"),
            PointsLayer(self.points[:, 0], self.points[:, 1], labels=self.labels, size=4.5,
                        draggable="data", name="points"),
        ]
        title = (f"{len(sv)} support vectors, training accuracy {self.accuracy():.0%}"
                 + ("" if self.svm.converged else " (still training)"))
        notice = plane.data_notice(self.points, self.labels, CLASS_NAMES)
        title = notice or title  # odd data: say why the picture looks as it does
        return Plot(title, "x₁", "x₂", BOX, BOX, layers, aspect=1.0)

    def lift_view(self) -> Scene3D:
        _, f = self._grid_f(LIFT_GRID)
        top = float(np.clip(np.percentile(np.abs(f), 95), 1.0, 50.0))
        fz = np.clip(f, -top, top)
        # At most LIFT_POINTS of the points (every m-th): the lift shows the shape, and each
        # one is redrawn on every change of f
        every = max(1, -(-len(self.points) // LIFT_POINTS))
        shown, labels = self.points[::every], self.labels[::every]
        pf = np.clip(self.svm.decision(shown), -top, top)
        return Scene3D(
            "The lift: each point at its f(x)", "x₁", "x₂", "f(x)", BOX, BOX, (-top, top),
            [Surface3D(fz, color=MODEL, opacity=0.35, name="f over the plane"),
             Surface3D(np.zeros_like(fz), color=DATA, opacity=0.18, name="f = 0"),
             Points3D(shown[:, 0], shown[:, 1], pf, labels=labels, name="points at their f")],
            camera=(18.0, 300.0))

    def numbers_view(self) -> Table:
        a = self.svm.alpha
        at_c = int(np.sum(a >= self.p.C - 1e-8))
        rows = [["street width", f"{self.street_width():.3f}"],
                ["support vectors", f"{len(self.svm.support)} of {len(a)}"],
                ["… on the margin", f"{len(self.svm.support) - at_c}"],
                ["… inside the street or beyond (α = C)", f"{at_c}"],
                ["SMO updates", f"{self.svm.iterations}"],
                ["largest violation", f"{self.svm.gap:.2e}"]]
        return Table("The street", ["", ""], rows)
