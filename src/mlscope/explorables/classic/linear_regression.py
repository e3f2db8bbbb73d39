"""Linear and polynomial regression: fit a line to points by hand, see the squares whose
total area least squares makes smallest, let gradient descent walk there, then raise the
degree and watch a curve fit the training points better and the held-out ones worse.

Built from the template in docs/ADDING_AN_EXPLORABLE.md. The fits are numpy's least squares
on powers of x/5; tests/unit/test_linear_regression.py checks them against scikit-learn.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from mlscope.core.colors import DATA, HELD_OUT, MODEL, RESIDUAL, TRAIN
from mlscope.core.explorable import Action, Explorable
from mlscope.core.params import BoolParam, ChoiceParam, FloatParam, IntParam, PointsParam
from mlscope.core.story import PLAY, Step
from mlscope.core.views import (
    Chart,
    LinesLayer,
    Plot,
    PointsLayer,
    Series,
    ShapesLayer,
    Table,
    View,
)
from mlscope.data import plane

BOX = (-6.0, 6.0)
SCALE = 5.0
"""Powers are taken of x / SCALE, so x⁹ stays near 1 on the box and the fit well posed."""
MAX_DEGREE = 15
OUTLINED = 200
"""Up to this many points, each square of a residual has its outline."""
CLOSE = 1.05
"""Step 1's goal: your squares within 5 % of the least-squares total."""


def powers(x: np.ndarray, degree: int) -> np.ndarray:
    """The design matrix [1, x/5, (x/5)², ...]: ndarray of shape (len(x), degree + 1)."""
    return np.vander(np.asarray(x, dtype=float) / SCALE, degree + 1, increasing=True)


def fit(x: np.ndarray, y: np.ndarray, degree: int) -> np.ndarray:
    """Least-squares coefficients of the polynomial of ``degree`` (minimum norm when the
    points do not pin it down), for ``powers``."""
    return np.asarray(np.linalg.lstsq(powers(x, degree), y, rcond=None)[0])


def sse(pred: np.ndarray, y: np.ndarray) -> float:
    """The sum of squared errors: the total area of the residuals' squares."""
    return float(np.sum((pred - y) ** 2))


def r_squared(pred: np.ndarray, y: np.ndarray) -> float:
    """1 - SSE / SST: the share of y's spread around its mean that the fit explains."""
    total = float(np.sum((y - y.mean()) ** 2))
    return 1.0 - sse(pred, y) / total if total > 0 else float("nan")


def _r2_text(pred: np.ndarray, y: np.ndarray) -> str:
    r = r_squared(pred, y)
    return f"{r:.3f}" if np.isfinite(r) else "— (all y equal)"


def _goal_hint(ex: LinearRegression) -> str:
    ratio = ex.your_sse / max(ex.best_sse, 1e-12)
    return (f"Your squares add up to **{ex.your_sse:.1f}**; the least they can be is "
            f"{ex.best_sse:.1f} ({ratio:.2f}×).")


def _degree_hint(ex: LinearRegression) -> str:
    if not ex.test_errors.size:
        return ""
    best = int(np.argmin(ex.test_errors)) + 1
    return (f"Degree {ex.p.degree}: training error **{ex.train_errors[ex.p.degree - 1]:.2f}**"
            f", held-out error **{ex.test_errors[ex.p.degree - 1]:.2f}**. "
            # the goal's answer is the chart's to show, not this line's to tell
            + ("The lowest held-out error of every degree." if ex.p.degree == best else
               "Where on the chart is the held-out error lowest?"))


def _to_sine(ex: LinearRegression) -> None:
    ex.set(dataset="sine", count=30, held_out=30, degree=1, show_fit=True, show_line=False)


class LinearRegression(Explorable):
    slug = "linear-regression"
    title = "Linear and polynomial regression"
    topic = "classic"
    summary = ("Fit a line through points by hand, see the squares least squares shrinks, "
               "then raise the degree until the curve overfits.")
    params = (
        FloatParam("slope", 0.0, -4.0, 4.0, step=0.01, label="slope m", effect="live",
                   doc="Your line's rise per unit of x."),
        FloatParam("intercept", 0.0, -6.0, 6.0, step=0.01, label="intercept c",
                   effect="live", doc="Where your line crosses x = 0."),
        BoolParam("show_fit", False, label="show the least-squares fit", effect="view"),
        BoolParam("show_line", True, label="show your line and its squares", effect="view"),
        IntParam("degree", 1, 1, MAX_DEGREE, label="degree",
                 doc="The least-squares fit's degree: 1 a line, 2 a parabola, ..."),
        ChoiceParam("dataset", "line", options=plane.CURVES,
                    labels=tuple(plane.LABELS[c] for c in plane.CURVES), label="data",
                    doc="Which points to start from; drag them anywhere afterwards."),
        IntParam("count", 12, 2, 5000, label="points", advanced=True,
                 doc="How many points a new data set has."),
        IntParam("held_out", 0, 0, 50, 10, label="held-out %",
                 doc="Share of the points the fit never sees (ringed), to test it on."),
        FloatParam("learning_rate", 0.02, 0.001, 0.2, step=0.001, log=True,
                   label="learning rate", effect="live", advanced=True,
                   doc="Gradient descent's step on your line."),
        PointsParam("points", (), x_range=BOX, y_range=BOX, max_points=5000, effect="data",
                    label="points", doc="(x, y) of each point; drag them in the plot."),
    )
    actions = (Action("step", "GD step", "One step of gradient descent on your line."),
               Action("reset", "Reset", "Your line back to flat; the points stay."))
    playable = True
    step_name = "GD step"
    layout = (("fit", "errors"), ("numbers",))
    export_layout = (("fit",),)
    thumbnail_view = "fit"
    captions: ClassVar[dict[str, str]] = {
        "fit": "Dots: the points (drag one). Pink: your line. Grey squares: each point's "
               "error squared; their total area is the SSE.",
        "errors": "Mean squared error of the least-squares fit of each degree, on the "
                  "training points and on the held-out ones.",
        "numbers": "Your line against the least-squares fit.",
    }
    story_steps = (
        Step("by-hand", "Fit a line by hand",
             "Each point's error is the vertical gap between it and your line. Square it and "
             "you get a square whose side is the gap: big misses count a lot more than small "
             "ones. Move the slope and the intercept to make the grey area small.",
             views=("fit", "numbers"), controls=("slope", "intercept"),
             highlight=("slope", "intercept"),
             goal=f"Get the total area within {round((CLOSE - 1) * 100)} % of the least "
                  "possible.",
             done=lambda ex: ex.your_sse <= CLOSE * ex.best_sse, live=_goal_hint),
        Step("least-squares", "Least squares",
             "The line with the least total area has a formula: it solves "
             "$X^\\top X\\,\\beta = X^\\top y$. Show it, then drag a point far away: one "
             "far point moves the whole line, because its square grows with the gap squared.",
             views=("fit", "numbers"), controls=("show_fit", "dataset"),
             highlight=("show_fit",),
             enter=lambda ex: ex.set(show_fit=True)),
        Step("descent", "Gradient descent finds it too",
             "Gradient descent gets there without the formula: it moves your line a small "
             "step downhill on the squares' total, again and again. Press Play.",
             views=("fit", "numbers"), controls=(PLAY, "step", "learning_rate", "reset"),
             highlight=(PLAY,),
             goal="Let gradient descent bring your line within 1 % of the least squares.",
             done=lambda ex: ex.your_sse <= 1.01 * ex.best_sse,
             live=lambda ex: f"{ex.steps} steps: " + _goal_hint(ex)),
        Step("degree", "Curves, and overfitting",
             "A curve is a line in the powers of x: $\\hat y = \\beta_0 + \\beta_1 x + "
             "\\beta_2 x^2 + \\dots$, fitted the same way. Now 30 % of the points are held "
             "out (ringed). Raise the degree: the training error always falls, the "
             "held-out error falls, then rises: the curve learns the noise.",
             views=("fit", "errors"), controls=("degree", "held_out", "dataset", "show_line"),
             highlight=("degree",),
             goal="Find the degree with the lowest held-out error.",
             done=lambda ex: ex.test_errors.size > 0 and
             ex.p.degree == int(np.argmin(ex.test_errors)) + 1 and ex.p.degree > 1,
             live=_degree_hint, enter=_to_sine),
    )

    def reset(self) -> None:
        if not self.p.points:  # a new data set: its points go into the parameter (the URL)
            x, _ = plane.generate(self.p.dataset, self.p.count, 0.08, 2, self.p.seed)
            self._assign(points=tuple((round(float(a), 3), round(float(b), 3), 0)
                                      for a, b in x))
        pts = np.array([p[:2] for p in self.p.points], dtype=float).reshape(-1, 2)
        self.x, self.y = pts[:, 0], pts[:, 1]
        self.train = plane.is_train(len(self.x), 1 - self.p.held_out / 100)
        if self.train.sum() < 2:
            self.train[:] = True
        xt, yt = self.x[self.train], self.y[self.train]
        self.coef = fit(xt, yt, self.p.degree)
        self.line = fit(self.x, self.y, 1)  # the least-squares line of all the points
        self.best_sse = sse(powers(self.x, 1) @ self.line, self.y)
        degrees = range(1, min(MAX_DEGREE, max(1, len(xt) - 1)) + 1)
        self.train_errors = np.array([np.mean((powers(xt, d) @ fit(xt, yt, d) - yt) ** 2)
                                      for d in degrees])
        xh, yh = self.x[~self.train], self.y[~self.train]
        self.test_errors = np.array([np.mean((powers(xh, d) @ fit(xt, yt, d) - yh) ** 2)
                                     for d in degrees]) if len(xh) else np.empty(0)
        self.steps = 0

    def changed(self, names: set[str]) -> None:
        if names & {"dataset", "count", "seed"}:
            self._assign(points=())  # a new data set replaces the points
        if self.effects(names) & {"restart", "data"}:
            self.reset()

    def act(self, name: str, value: Any = None) -> None:
        if name == "reset":
            self._assign(slope=0.0, intercept=0.0)
            self.steps = 0
        else:
            super().act(name, value)

    @property
    def your_sse(self) -> float:
        return sse(self.p.slope * self.x + self.p.intercept, self.y)

    def gradient(self) -> tuple[float, float]:
        """∂MSE/∂m and ∂MSE/∂c of your line over all points."""
        r = self.p.slope * self.x + self.p.intercept - self.y
        return float(2 * np.mean(r * self.x)), float(2 * np.mean(r))

    def step(self) -> None:
        gm, gc = self.gradient()
        lr = self.p.learning_rate
        self._assign(slope=float(np.clip(self.p.slope - lr * gm, -4, 4)),
                     intercept=float(np.clip(self.p.intercept - lr * gc, -6, 6)))
        self.steps += 1

    @property
    def finished(self) -> bool:
        return bool(np.hypot(*self.gradient()) < 1e-4)

    # --- the frame ----------------------------------------------------------------------

    def frame(self) -> dict[str, View]:
        return {"fit": self.fit_view(), "errors": self.errors_view(),
                "numbers": self.numbers_view()}

    def fit_view(self) -> Plot:
        pred = self.p.slope * self.x + self.p.intercept
        side = np.abs(pred - self.y)
        right = np.where(self.x + side <= BOX[1], 1.0, -1.0)  # the square beside its gap
        layers: list[Any] = []
        if self.p.show_line:
            # Each square outlined while they can be told apart; beyond OUTLINED points the
            # outlines are a grey mesh, and cost most of the drawing: the fill alone.
            edge = RESIDUAL if len(self.x) <= OUTLINED else ""
            layers.append(ShapesLayer("rect", self.x + right * side / 2, (pred + self.y) / 2,
                                      side, side, fill=RESIDUAL, opacity=0.22, stroke=edge,
                                      stroke_width=0.8, name="your squared errors"))
        if self.p.show_fit:
            gx = np.linspace(*BOX, 241)
            gy = powers(gx, self.p.degree) @ self.coef
            gy[(gy < BOX[0] - 1) | (gy > BOX[1] + 1)] = np.nan
            seen = "" if self.train.all() else ", training points"
            layers.append(LinesLayer(gx, gy, DATA, 2.0, (6, 4),
                                     name=f"least squares (degree {self.p.degree}{seen})"))
        if self.p.show_line:
            layers.append(LinesLayer(np.array(BOX), self.p.slope * np.array(BOX) +
                                     self.p.intercept, MODEL, 2.5, name="your line"))
        layers.append(PointsLayer(self.x, self.y, color=TRAIN, size=5, draggable="points",
                                  name="points"))
        if (~self.train).any():
            layers.append(PointsLayer(self.x[~self.train], self.y[~self.train],
                                      color="#ffffff", stroke=HELD_OUT, size=7,
                                      marker="circle", name="held out"))
            layers.append(PointsLayer(self.x[~self.train], self.y[~self.train],
                                      color=HELD_OUT, size=3.5))
        fitted = powers(self.x, self.p.degree) @ self.coef
        title = f"Your line: SSE {self.your_sse:.1f}" if self.p.show_line else \
            f"Degree {self.p.degree}: R² {_r2_text(fitted, self.y)}"
        return Plot(title, "x", "y", BOX, BOX, layers, aspect=1.0)

    def errors_view(self) -> Chart:
        d = np.arange(1, len(self.train_errors) + 1, dtype=float)
        series = [Series("training", self.train_errors, TRAIN)]
        if self.test_errors.size:
            series.append(Series("held out", self.test_errors, HELD_OUT))
        return Chart("Error by degree", "degree", "mean squared error", d, series, log_y=True)

    def numbers_view(self) -> Table:
        yours = self.p.slope * self.x + self.p.intercept
        best = powers(self.x, self.p.degree) @ self.coef
        line = self.line
        # Until the fit is shown, its slope and intercept stay hidden: finding them is the
        # first step's puzzle (its total area is the target, so that one is given).
        shown = self.p.show_fit
        rows = [["your line", f"{self.p.slope:.3f}", f"{self.p.intercept:.3f}",
                 f"{self.your_sse:.2f}", _r2_text(yours, self.y)],
                ["least-squares line", f"{line[1] / SCALE:.3f}" if shown else "?",
                 f"{line[0]:.3f}" if shown else "?",
                 f"{self.best_sse:.2f}",
                 _r2_text(powers(self.x, 1) @ line, self.y)]]
        if self.p.degree > 1:
            rows.append([f"degree {self.p.degree} fit", "", "",
                         f"{sse(best, self.y):.2f}", _r2_text(best, self.y)])
        return Table("Your line and the least squares", ["", "slope", "intercept", "SSE",
                                                         "R²"], rows)
