"""Be the optimiser: fit a one-neuron model to house prices by hand, then by gradient descent.

Parts 1 and 2 of "A Visual and Interactive Guide to the Basics of Neural Networks": a
neuron ``price = w * area + b`` over three houses, the mean squared error, and the
gradient-descent automation with its error history and error landscape.
"""

from __future__ import annotations

from collections import deque
from typing import Any, ClassVar

import numpy as np

from mlscope.core.colors import DATA, MODEL, RESIDUAL
from mlscope.core.contours import contour_lines
from mlscope.core.explorable import GD_ACTIONS, Action, Explorable
from mlscope.core.params import FloatParam, PointsParam
from mlscope.core.story import PLAY, Step
from mlscope.core.views import (
    Chart,
    Edge,
    Formula,
    HeatmapLayer,
    History,
    LinesLayer,
    Network,
    Node,
    Plot,
    PointsLayer,
    Series,
    Table,
    Text,
    View,
)
from mlscope.nn import linear

HOUSES = ((2104.0, 399.9, 0), (1600.0, 329.9, 0), (2400.0, 369.0, 0))
"""(area in ft², price in $1000s, label): the article's three houses."""
GOAL_MSE = 799.0
W_RANGE, B_RANGE = (0.0, 0.4), (0.0, 460.0)
AREA_RANGE, PRICE_RANGE = (0.0, 3000.0), (0.0, 600.0)
GRID = 121  # landscape resolution per axis
TRAIL = 1000  # most recent (w, b) points kept for the trajectory

CONVERGED = 1e-9
"""Play stops once a step lowers the MSE by less than this fraction of it: converged."""
GD_CONTROLS = ("gd1", "gd10", "gd100", PLAY, "learning_rate", "reset")


def _fit_hint(ex: HousePrices) -> str:
    """What the line does wrong now, in words, for the story's second step."""
    err = ex.prediction_errors()
    if ex.error < GOAL_MSE:
        return (f"The MSE is **{ex.error:,.1f}**: below {GOAL_MSE:,.0f}. The best line "
                f"possible has {ex.best_error:,.1f}.")
    if np.all(err > 0):
        where = "above every house: lower $b$ or $w$"
    elif np.all(err < 0):
        where = "below every house: raise $b$ or $w$"
    else:
        where = "above some houses and below others: turn it (change $w$, then $b$)"
    return f"The MSE is **{ex.error:,.1f}**. The line runs {where}."


def mse(w: float, b: float, x: np.ndarray, y: np.ndarray) -> float:
    """Mean squared error of the line w*x + b on the points (x, y)."""
    return linear.mse(np.array([w]), b, x[:, None], y)


def mse_grid(ws: np.ndarray, bs: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """MSE at every (w, b): ndarray of shape (len(bs), len(ws)), row i at bias bs[i]."""
    # MSE is quadratic in (w, b): expand it so the grid costs O(grid), not O(grid * n).
    sxx, sx, sxy, sy, syy = (np.mean(v) for v in (x * x, x, x * y, y, y * y))
    w, b = np.meshgrid(ws, bs)
    return np.asarray(w * w * sxx + 2 * w * b * sx + b * b - 2 * w * sxy - 2 * b * sy + syy)


def least_squares(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """The (w, b) of least mean squared error."""
    w, b = linear.least_squares(x[:, None], y)
    return float(w[0]), b


class HousePrices(Explorable):
    slug = "house-prices"
    title = "Be the optimiser: a neuron that prices houses"
    topic = "deep"
    summary = "Fit price = w·area + b to three houses by hand, then let gradient descent do it."
    params = (
        FloatParam("weight", 0.1, *W_RANGE, step=0.0005, label="weight w",
                   doc="Price added per square foot, in $1000s.", effect="live"),
        FloatParam("bias", 100.0, *B_RANGE, step=0.5, label="bias b",
                   doc="Price of a house of zero area, in $1000s.", effect="live"),
        FloatParam("learning_rate", 0.05, 0.001, 0.5, step=0.001, log=True,
                   label="learning rate", doc="Size of each gradient-descent step.",
                   effect="live"),
        PointsParam("houses", HOUSES, label="houses", x_range=(500.0, 3000.0),
                    y_range=(50.0, 600.0), min_points=2, max_points=10,
                    doc="(area ft², price $1000s) of each house; drag them in the plot.",
                    effect="data"),
    )
    actions = (
        *GD_ACTIONS,
        Action("reset", "Reset", "Back to the starting weight and bias; clear the history."),
    )
    playable = True
    layout = (("goal",), ("fit", "table"), ("neuron", "formula"), ("landscape", "history"))
    export_layout = (("fit",), ("landscape", "history"))
    thumbnail_view = "fit"
    thumbnail_steps = 25
    captions: ClassVar[dict[str, str]] = {
        "fit": "Dots: the houses (drag one). Line: the neuron's price for every area. "
               "Dashes: each house's error.",
        "table": "Each house's error is prediction − price; the MSE averages their squares.",
        "neuron": "One input, one weight, one bias: the whole model. The weight's line is "
                  "blue when it is positive, orange when negative.",
        "formula": "The model and its error with the numbers of now.",
        "landscape": "The MSE of every (w, b): darker is lower. ★ is the best line; the "
                     "pink path is where gradient descent went.",
        "history": "The MSE after every change of w or b (log scale).",
    }
    story_steps = (
        Step("model", "A neuron that prices houses",
             "A neuron with one input predicts a house's price from its area: "
             "$\\hat y = w\\,x + b$. The weight $w$ is the price of one square foot and "
             "the bias $b$ the price of a house of no area, both in \\$1000s.\n\n"
             "Move the two sliders and watch the line: it is the neuron's price for every "
             "area. Try to make it run through the three houses.",
             views=("neuron", "fit"), controls=("weight", "bias"),
             highlight=("weight", "bias")),
        Step("error", "How good is a line?",
             "Each house has an error: the prediction minus its price, $\\hat y_i - y_i$ "
             "(the dashes). Squaring the errors and averaging them gives one number for the "
             "whole line, the mean squared error "
             "$\\text{MSE} = \\frac1n\\sum_i (\\hat y_i - y_i)^2$.",
             views=("fit", "table"), controls=("weight", "bias"),
             goal=f"Bring the mean squared error below {GOAL_MSE:,.0f}.",
             done=lambda ex: ex.error < GOAL_MSE, live=_fit_hint),
        Step("automation", "Automation: gradient descent",
             "Finding $w$ and $b$ by hand is slow. Gradient descent does it for you: it "
             "moves $(w, b)$ a small step downhill on the error, "
             "$\\theta \\leftarrow \\theta - \\eta\\,\\nabla\\text{MSE}$, "
             "again and again. The map shows the error of every $(w, b)$; press GD ×10 or "
             "Play and watch the pink path walk into the valley.",
             views=("landscape", "history", "fit"), controls=GD_CONTROLS,
             highlight=("gd10", PLAY),
             goal="Let gradient descent find the best line (within 1 of the lowest MSE).",
             done=lambda ex: ex.error - ex.best_error < 1.0,
             live=lambda ex: f"{ex.steps} steps taken; the MSE is **{ex.error:,.1f}**, the "
                             f"lowest possible {ex.best_error:,.1f}."),
        Step("valley", "Why is the valley so thin?",
             "An area is in the thousands, so a tiny change of $w$ moves the error as much as "
             "a large change of $b$: the valley is long and thin. Plain gradient descent "
             "would need a different learning rate for each direction. Like every practical "
             "trainer, this one measures area in standard deviations from the mean, "
             "$x' = (x-\\bar x)/\\sigma$, while it steps, which makes both directions "
             "equally steep, and converts back to $w$ and $b$ for the sliders.\n\n"
             "Try a learning rate near 0.5, or a tiny one, then Reset and play again.",
             views=("landscape", "history"), controls=GD_CONTROLS,
             highlight=("learning_rate",),
             live=lambda ex: f"Learning rate $\\eta = {ex.p.learning_rate:g}$: "
                             f"{ex.steps} steps, MSE **{ex.error:,.1f}**."),
    )
    guide = """\
**Be the optimiser.** A neuron with one input predicts a house's price from its
area: $\\hat y = w\\,x + b$. The weight $w$ is the price of one square foot and the bias $b$
the price of a house of no area, both in \\$1000s. Move the two sliders until the line runs
through the houses.

How good is a line? Each house has an error $\\hat y_i - y_i$; squaring and averaging gives
the mean squared error $\\text{MSE} = \\frac1n\\sum_i (\\hat y_i - y_i)^2$.
Your goal: bring it below 799.

**Automation.** Gradient descent does your job: it moves $(w, b)$ a small step
against the gradient of the error, $\\theta \\leftarrow \\theta - \\eta\\,\\nabla\\text{MSE}$,
again and again. The map shows the error for every $(w, b)$ (darker is lower, log scale,
the dashed line is the goal $\\text{MSE} = 799$) with the path taken and the best line ★.

Why does the valley look so thin? An area is in the thousands, so a tiny change of $w$ moves
the error as much as a large change of $b$. Plain gradient descent would need a different
learning rate for each. Like every practical trainer, this one measures area in standard
deviations from the mean ($x' = (x-\\bar x)/\\sigma$) while it steps, which makes both
directions equally steep, and converts back to $w$ and $b$ for the sliders.
"""

    def reset(self) -> None:
        pts = np.array(self.p.houses, dtype=float)
        self._x, self._y = pts[:, 0], pts[:, 1]
        self.best = least_squares(self._x, self._y)
        self.best_error = mse(*self.best, self._x, self._y)
        self.steps = 0
        self._converged = False
        self.history = History(2000)
        self._updates = 0  # every (w, b) change, by hand or by a step: the history's x
        self._trail: deque[tuple[float, float]] = deque(maxlen=TRAIL)
        self._landscape = self._make_landscape()
        self._record()

    def changed(self, names: set[str]) -> None:
        """New houses start over; a weight or bias typed by hand is a new point on the
        path (the learning rate only changes the next steps)."""
        if self.effects(names) & {"restart", "data"}:
            self.reset()
        elif names - {"learning_rate"}:
            self._record()
        self._converged = False

    def act(self, name: str, value: Any = None) -> None:
        if name == "reset":
            defaults = {p.name: p.default for p in self.params if p.name in ("weight", "bias")}
            self._assign(**defaults)
            self.reset()
        else:
            super().act(name, value)

    @property
    def finished(self) -> bool:
        """Play stops once gradient descent has converged."""
        return self._converged

    def prediction_errors(self) -> np.ndarray:
        """ŷ - y for every house: ndarray of shape (n_houses,)."""
        return np.asarray(self.p.weight * self._x + self.p.bias - self._y)

    def step(self) -> None:
        """One gradient-descent step on (w, b), taken in standardised-area units."""
        before = self.error
        (w,), b = linear.gd_step_standardised(np.array([self.p.weight]), self.p.bias,
                                              self._x[:, None], self._y, self.p.learning_rate)
        w = float(np.clip(w, *W_RANGE))
        self._assign(weight=w, bias=float(np.clip(b, *B_RANGE)))
        self.steps += 1
        self._record()
        self._converged = before - self.error < CONVERGED * max(self.error, 1.0)

    def _record(self) -> None:
        self.error = mse(self.p.weight, self.p.bias, self._x, self._y)
        self.history.add(self._updates, self.error)
        self._updates += 1
        self._trail.append((self.p.weight, self.p.bias))

    # --- views ------------------------------------------------------------------------

    def _make_landscape(self) -> list[HeatmapLayer | LinesLayer]:
        ws = np.linspace(*W_RANGE, GRID)
        bs = np.linspace(*B_RANGE, GRID)
        z = mse_grid(ws, bs, self._x, self._y)
        lo, hi = max(float(z.min()), 1.0), float(z.max())
        heat = HeatmapLayer(z, W_RANGE, B_RANGE, vmin=lo, vmax=hi, colormap="sequential",
                            scale="log", name="MSE")
        cx, cy = contour_lines(np.log10(np.maximum(z, 1e-9)), ws, bs,
                           np.linspace(np.log10(lo), np.log10(hi), 14)[1:-1])
        gx, gy = contour_lines(z, ws, bs, np.array([GOAL_MSE]))
        return [heat, LinesLayer(cx, cy, color="#ffffff66", width=0.8, name="contours"),
                LinesLayer(gx, gy, color="#ffffff", width=1.5, dash=(5, 4), name="MSE = 799")]

    def frame(self) -> dict[str, View]:
        w, b = self.p.weight, self.p.bias
        x, y = self._x, self._y
        pred = w * x + b
        trail = np.array(self._trail)
        return {
            "goal": self._goal(),
            "fit": Plot("Price against area", "area (ft²)", "price ($1000s)",
                        AREA_RANGE, PRICE_RANGE, [
                            LinesLayer(np.repeat(x, 3), np.column_stack(
                                [y, pred, np.full_like(x, np.nan)]).ravel(),
                                       color=RESIDUAL, width=1.5, dash=(4, 3), name="errors"),
                            LinesLayer(np.array(AREA_RANGE), w * np.array(AREA_RANGE) + b,
                                       color=MODEL, width=2.5, name="prediction"),
                            PointsLayer(x, y, color=DATA, size=7, draggable="houses",
                                        name="houses"),
                        ]),
            "neuron": Network("The neuron", [
                Node("x", 0, "area x"),
                Node("y", 1, "price ŷ", f"+ b = {b:.1f}"),
            ], [Edge("x", "y", w, f"w = {w:.4f}")]),
            "table": self._table(pred),
            "formula": Formula(
                "\\begin{aligned}"
                f"\\hat y &= w\\,x + b = {w:.4f}\\,x + {b:.1f}\\\\"
                "\\text{MSE} &= \\tfrac1n\\textstyle\\sum_i(\\hat y_i - y_i)^2 = "
                + f"{self.error:,.1f}".replace(",", "{,}") + "\\end{aligned}",
                title="The model"),
            "landscape": Plot("Error over weight and bias", "weight w", "bias b",
                              W_RANGE, B_RANGE, [
                                  *self._landscape,
                                  LinesLayer(trail[:, 0], trail[:, 1], color=MODEL,
                                             width=2, name="path"),
                                  PointsLayer(np.array([self.best[0]]), np.array([self.best[1]]),
                                              color="#ffffff", size=9, marker="star",
                                              name="best (w, b)"),
                                  PointsLayer(np.array([w]), np.array([b]), color=MODEL,
                                              size=6, name="(w, b) now"),
                              ]),
            "history": Chart("Error history", "update", "MSE", self.history.x,
                             [Series("MSE", self.history.y, DATA)], log_y=True),
        }

    def _goal(self) -> Text:
        if self.error < GOAL_MSE:
            return Text(f"Goal reached: the mean squared error is {self.error:,.1f}, "
                        f"below {GOAL_MSE:,.0f}.", tone="success")
        return Text(f"Goal: bring the mean squared error below {GOAL_MSE:,.0f}. "
                    f"It is {self.error:,.1f} now.", tone="info")

    def _table(self, pred: np.ndarray) -> Table:
        err = pred - self._y
        rows = [[f"{xi:,.0f}", f"{yi:,.1f}", f"{pi:,.1f}", f"{ei:+,.1f}", f"{ei * ei:,.1f}"]
                for xi, yi, pi, ei in zip(self._x, self._y, pred, err, strict=True)]
        return Table("Each house", ["area (ft²)", "price", "prediction", "error",
                                    "squared error"], rows,
                     footer=[["mean squared error", "", "", "", f"{self.error:,.1f}"]])
