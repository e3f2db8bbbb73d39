"""And then there were two: a neuron with two inputs, area and bathrooms, fits a plane.

Part 3 of "A Visual and Interactive Guide to the Basics of Neural Networks": ten houses,
price = w1·area + w2·bathrooms + b, the mean squared error, gradient descent, and the plane
in 3-D among the houses.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from mlscope.core.colors import DATA, MODEL, RESIDUAL
from mlscope.core.explorable import GD_ACTIONS, Action, Explorable
from mlscope.core.params import FloatParam
from mlscope.core.story import PLAY, Step
from mlscope.core.views import (
    Chart,
    Edge,
    Formula,
    History,
    Lines3D,
    Network,
    Node,
    Points3D,
    Scene3D,
    Series,
    Surface3D,
    Table,
    View,
)
from mlscope.data import houses
from mlscope.nn import linear

W1_RANGE, W2_RANGE, B_RANGE = (0.0, 0.4), (-100.0, 100.0), (-200.0, 300.0)
AREA_RANGE, BATH_RANGE, PRICE_RANGE = (1200.0, 3200.0), (1.5, 4.5), (0.0, 700.0)
PLANE_GRID = 11

GOAL_BATHROOMS_MSE = 3000.0
"""Step 1's goal: the MSE reachable with the bathrooms weight alone (best 2,619.9)."""
GOAL_HAND_MSE = 2000.0
"""Step 2's goal: a plane placed by hand (the least possible MSE is 1,406.1)."""
CONVERGED = 1e-9
"""Play stops once a step lowers the MSE by less than this fraction of it: converged."""
GD_CONTROLS = ("gd1", "gd10", "gd100", PLAY, "learning_rate", "reset")
WEIGHTS = ("w_area", "w_bathrooms", "bias")


def _bathrooms_live(ex: TwoInputs) -> str:
    """Step 1: what w₂ adds to the houses with the fewest and the most bathrooms."""
    w2 = ex.p.w_bathrooms
    lo, hi = int(ex._x[:, 1].min()), int(ex._x[:, 1].max())
    return (f"$w_2 = {w2:g}$: a house with {lo} bathrooms gets {lo} × {w2:g} = "
            f"{lo * w2:,.1f} added to its price, one with {hi} gets {hi * w2:,.1f} "
            f"(in \\$1000s). The MSE is **{ex.error:,.1f}**.")


def _plane_live(ex: TwoInputs) -> str:
    """Step 2: where the plane is wrong, in words."""
    err = ex.prediction_errors()
    if ex.error < GOAL_HAND_MSE:
        return (f"The MSE is **{ex.error:,.1f}**: below {GOAL_HAND_MSE:,.0f}. The best plane "
                f"possible has {ex.best_error:,.1f}.")
    if np.all(err > 0):
        where = "above every house: lower $b$ or $w_1$"
    elif np.all(err < 0):
        where = "below every house: raise $b$ or $w_1$"
    else:
        where = (f"above {int(np.sum(err > 0))} houses and below {int(np.sum(err < 0))}: "
                 "tilt it (change $w_1$, then $b$)")
    return f"The MSE is **{ex.error:,.1f}**. The plane runs {where}."


def _weights_live(ex: TwoInputs) -> str:
    """Step 4: the weights in words."""
    w1, w2 = ex.p.w_area, ex.p.w_bathrooms
    return (f"Now each square foot adds \\${w1 * 1000:,.0f} and each bathroom "
            f"{'adds' if w2 >= 0 else 'takes off'} \\${abs(w2) * 1000:,.0f} at equal area; "
            f"MSE **{ex.error:,.1f}**. With area alone the best line has "
            f"{ex.area_only_error:,.1f}; with both inputs, {ex.best_error:,.1f}.")


class TwoInputs(Explorable):
    slug = "two-inputs"
    title = "And then there were two: area and bathrooms"
    topic = "deep"
    summary = "A neuron with two inputs fits a plane through ten houses in 3-D."
    params = (
        FloatParam("w_area", 0.1, *W1_RANGE, step=0.0005, label="weight w₁ (area)",
                   doc="Price added per square foot, in $1000s.", effect="live"),
        FloatParam("w_bathrooms", 0.0, *W2_RANGE, step=0.5, label="weight w₂ (bathrooms)",
                   doc="Price added per bathroom, in $1000s.", effect="live"),
        FloatParam("bias", 50.0, *B_RANGE, step=0.5, label="bias b",
                   doc="Price of a house with no area and no bathroom, in $1000s.", effect="live"),
        FloatParam("learning_rate", 0.05, 0.001, 0.5, step=0.001, log=True,
                   label="learning rate", doc="Size of each gradient-descent step.",
                   effect="live"),
    )
    actions = (
        *GD_ACTIONS,
        Action("reset", "Reset", "Back to the starting weights; clear the history."),
    )
    playable = True
    layout = (("formula",), ("scene", "history"), ("neuron", "table"))
    export_layout = (("scene",), ("history",))
    thumbnail_view = "scene"
    thumbnail_steps = 30
    captions: ClassVar[dict[str, str]] = {
        "formula": "The model and its error with the numbers of now, beside the least "
                   "possible error.",
        "scene": "Drag to turn. Dots: the houses at their prices. Pink plane: the neuron's "
                 "price for every area and bathroom count. Grey segments: each house's error.",
        "history": "The MSE after every change of a weight or the bias (log scale).",
        "neuron": "Two inputs, two weights, one bias. Edge colour is the weight's sign "
                  "(blue +, orange −).",
        "table": "Each house's error is prediction − price; the MSE averages their squares.",
    }
    story_steps = (
        Step("two", "And then there were two",
             "A house's price depends on more than its area. Give the neuron a second "
             "input, the number of bathrooms $x_2$, with its own weight $w_2$: "
             "$\\hat y = w_1 x_1 + w_2 x_2 + b$.\n\n"
             "The weights of area and bias stay as they are for now, and every prediction "
             "is too low. Raise $w_2$: each bathroom adds $w_2$ to a house's price. Watch "
             "the predictions and the MSE in the table.",
             views=("neuron", "table"), controls=("w_bathrooms",),
             highlight=("w_bathrooms",),
             goal=f"With w₂ alone, bring the MSE below {GOAL_BATHROOMS_MSE:,.0f}.",
             done=lambda ex: ex.error < GOAL_BATHROOMS_MSE, live=_bathrooms_live),
        Step("plane", "A plane, not a line",
             "With two inputs the prediction is no longer a line but a plane over the "
             "(area, bathrooms) floor. Drag the 3-D view to turn it: each house hangs at its "
             "price, and the grey segment down to the plane is its error.\n\n"
             "Move the three sliders to lay the plane among the houses. The error is still "
             "the mean of the squared errors.",
             views=("scene", "table"), controls=WEIGHTS, highlight=("scene",),
             goal=f"By hand, bring the MSE below {GOAL_HAND_MSE:,.0f}.",
             done=lambda ex: ex.error < GOAL_HAND_MSE, live=_plane_live),
        Step("descent", "Gradient descent, three numbers at once",
             "Three sliders are hard to tune together. Gradient descent moves all three a "
             "small step downhill on the error at once: "
             "$\\theta \\leftarrow \\theta - \\eta\\,\\nabla\\text{MSE}$ with "
             "$\\theta = (w_1, w_2, b)$. As in part 1 it steps in standardised units, so "
             "one learning rate serves all three.\n\n"
             "Press GD ×10 or Play and watch the plane settle and the error history fall.",
             views=("scene", "history"), controls=GD_CONTROLS, highlight=("gd10", PLAY),
             goal="Let gradient descent find the best plane (within 1 of the lowest MSE).",
             done=lambda ex: ex.error - ex.best_error < 1.0,
             live=lambda ex: f"{_steps(ex.steps)} taken; the MSE is **{ex.error:,.1f}**, "
                             f"the lowest possible {ex.best_error:,.1f}."),
        Step("weights", "What the weights say",
             "The trained weights read like a price list: $w_1$ per square foot and $w_2$ "
             "per bathroom, **at equal area**. Alone, bathrooms wanted a large positive "
             "weight: they stood in for the area the neuron could not see. Beside area, "
             "their weight turns negative: among these ten houses, a bathroom more for the "
             "same area goes with a lower price.\n\n"
             "And the second input helps only a little: compare the least error with area "
             "alone and with both.",
             views=("formula", "neuron"), controls=GD_CONTROLS, highlight=("formula",),
             live=_weights_live, enter=lambda ex: ex.descend_until_converged()),
    )
    guide = """\
**And then there were two.** A house's price depends on more than its area. Give the
neuron a second input, the number of bathrooms, with its own weight:
$\\hat y = w_1 x_1 + w_2 x_2 + b$.

With two inputs the prediction is no longer a line but a plane over the
(area, bathrooms) floor. Drag the 3-D view to turn it: each house hangs at its price, the
grey segments are the errors, and the error is still the mean of their squares.

Move the three sliders, or let gradient descent find the plane of least error. It steps in
standardised units, as in the first part, so one learning rate serves all three numbers.
"""

    def reset(self) -> None:
        self._x = houses.features()
        self._y = houses.PRICE_K
        self.best = linear.least_squares(self._x, self._y)
        self.best_error = linear.mse(self.best[0], self.best[1], self._x, self._y)
        w, b = linear.least_squares(self._x[:, :1], self._y)
        self.area_only_error = linear.mse(w, b, self._x[:, :1], self._y)
        """The least MSE of a neuron that sees the area only (w₂ = 0)."""
        self.steps = 0
        self._converged = False
        self.history = History(2000)
        self._updates = 0
        self._record()

    def changed(self, names: set[str]) -> None:
        """A weight typed by hand is a new point on the path; a new seed starts over."""
        if "restart" in self.effects(names):
            self.reset()
        elif names & set(WEIGHTS):
            self._record()
        self._converged = False

    def act(self, name: str, value: Any = None) -> None:
        if name == "reset":
            self._assign(**{p.name: p.default for p in self.params if p.name != "learning_rate"})
            self.reset()
        else:
            super().act(name, value)

    @property
    def weights(self) -> np.ndarray:
        return np.array([self.p.w_area, self.p.w_bathrooms])

    @property
    def finished(self) -> bool:
        """Play stops once gradient descent has converged."""
        return self._converged

    def prediction_errors(self) -> np.ndarray:
        """ŷ - y for every house: ndarray of shape (n_houses,)."""
        return np.asarray(self._x @ self.weights + self.p.bias - self._y)

    def descend_until_converged(self, most: int = 20_000) -> None:
        """Gradient descent until it converges (as Play does): "the trained weights" of a
        step opened straight from a link. Does nothing once converged."""
        for _ in range(most):
            if self._converged:
                return
            self.step()

    def step(self) -> None:
        before = self.error
        w, b = linear.gd_step_standardised(self.weights, self.p.bias, self._x, self._y,
                                           self.p.learning_rate)
        self._assign(w_area=float(np.clip(w[0], *W1_RANGE)),
                     w_bathrooms=float(np.clip(w[1], *W2_RANGE)),
                     bias=float(np.clip(b, *B_RANGE)))
        self.steps += 1
        self._record()
        self._converged = before - self.error < CONVERGED * max(self.error, 1.0)

    def _record(self) -> None:
        self.error = linear.mse(self.weights, self.p.bias, self._x, self._y)
        self.history.add(self._updates, self.error)
        self._updates += 1

    # --- views ------------------------------------------------------------------------

    def frame(self) -> dict[str, View]:
        w1, w2, b = self.p.w_area, self.p.w_bathrooms, self.p.bias
        pred = self._x @ self.weights + b
        return {
            "formula": Formula(
                "\\begin{aligned}"
                f"\\hat y &= w_1 x_1 + w_2 x_2 + b = {w1:.4f}\\,x_1 {w2:+.1f}\\,x_2 {b:+.1f}\\\\"
                "\\text{MSE} &= \\tfrac1n\\textstyle\\sum_i(\\hat y_i - y_i)^2 = "
                + f"{self.error:,.1f}".replace(",", "{,}")
                + f"\\quad(\\text{{least possible: }}{self.best_error:,.1f})".replace(",", "{,}")
                + "\\end{aligned}", title="The model"),
            "scene": self._scene(pred),
            "history": Chart("Error history", "update", "MSE", self.history.x,
                             [Series("MSE", self.history.y, DATA)], log_y=True),
            "neuron": Network("The neuron", [
                Node("x1", 0, "area x₁"), Node("x2", 0, "bathrooms x₂"),
                Node("y", 1, "price ŷ", f"+ b = {b:.1f}"),
            ], [Edge("x1", "y", w1 / W1_RANGE[1], f"w₁ = {w1:.4f}"),
                Edge("x2", "y", w2 / W2_RANGE[1], f"w₂ = {w2:.1f}")]),
            "table": Table("Each house", ["area", "bathrooms", "price", "prediction", "error"],
                           [[f"{a:,.0f}", f"{n:.0f}", f"{p:,.1f}", f"{q:,.1f}", f"{q - p:+,.1f}"]
                            for (a, n), p, q in zip(self._x, self._y, pred, strict=True)],
                           footer=[["mean squared error", "", "", "", f"{self.error:,.1f}"]]),
        }

    def _scene(self, pred: np.ndarray) -> Scene3D:
        gx = np.linspace(*AREA_RANGE, PLANE_GRID)
        gy = np.linspace(*BATH_RANGE, PLANE_GRID)
        plane = self.p.w_area * gx[None, :] + self.p.w_bathrooms * gy[:, None] + self.p.bias
        area, bath = self._x[:, 0], self._x[:, 1]
        return Scene3D("Houses and the neuron's plane", "area (ft²)", "bathrooms",
                       "price ($1000s)", AREA_RANGE, BATH_RANGE, PRICE_RANGE, [
                           Surface3D(plane, color=MODEL, name="prediction"),
                           Lines3D(np.repeat(area, 2), np.repeat(bath, 2),
                                   np.column_stack([self._y, pred]).ravel(), color=RESIDUAL,
                                   name="errors"),
                           Points3D(area, bath, self._y, color=DATA, name="houses"),
                       ])


def _steps(n: int) -> str:
    return f"{n:,} step" + ("" if n == 1 else "s")
