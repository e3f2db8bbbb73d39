"""And then there were two: a neuron with two inputs, area and bathrooms, fits a plane.

Part 3 of "A Visual and Interactive Guide to the Basics of Neural Networks": ten houses,
price = w1·area + w2·bathrooms + b, the mean squared error, gradient descent, and the plane
in 3-D among the houses.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mlscope.core.catalog import register
from mlscope.core.explorable import GD_ACTIONS, Action, Explorable
from mlscope.core.params import FloatParam
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
BLUE, ORANGE, RED = "#0877bd", "#f59322", "#d62728"


@register
class TwoInputs(Explorable):
    slug = "two-inputs"
    title = "And then there were two: area and bathrooms"
    topic = "deep"
    summary = "A neuron with two inputs fits a plane through ten houses in 3-D."
    params = (
        FloatParam("w_area", 0.1, *W1_RANGE, step=0.0005, label="weight w₁ (area)",
                   doc="Price added per square foot, in $1000s."),
        FloatParam("w_bathrooms", 0.0, *W2_RANGE, step=0.5, label="weight w₂ (bathrooms)",
                   doc="Price added per bathroom, in $1000s."),
        FloatParam("bias", 50.0, *B_RANGE, step=0.5, label="bias b",
                   doc="Price of a house with no area and no bathroom, in $1000s."),
        FloatParam("learning_rate", 0.05, 0.001, 0.5, step=0.001, log=True,
                   label="learning rate", doc="Size of each gradient-descent step."),
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
    guide = """\
**And then there were two.** A house's price depends on more than its area. Give the
neuron a second input, the number of bathrooms, with its own weight:
$\\hat y = w_1 x_1 + w_2 x_2 + b$.

With two inputs the prediction is no longer a line but a plane over the
(area, bathrooms) floor. Drag the 3-D view to turn it: each house hangs at its price, the
red segments are the errors, and the error is still the mean of their squares.

Move the three sliders, or let gradient descent find the plane of least error. It steps in
standardised units, as in the first part, so one learning rate serves all three numbers.
"""

    def reset(self) -> None:
        self._x = houses.features()
        self._y = houses.PRICE_K
        self.best = linear.least_squares(self._x, self._y)
        self.steps = 0
        self.history = History(2000)
        self._updates = 0
        self._record()

    def changed(self, names: set[str]) -> None:
        if names & {"w_area", "w_bathrooms", "bias"}:
            self._record()

    def act(self, name: str, value: Any = None) -> None:
        if name == "reset":
            self._assign(**{p.name: p.default for p in self.params if p.name != "learning_rate"})
            self.reset()
        else:
            super().act(name, value)

    @property
    def weights(self) -> np.ndarray:
        return np.array([self.p.w_area, self.p.w_bathrooms])

    def step(self) -> None:
        w, b = linear.gd_step_standardised(self.weights, self.p.bias, self._x, self._y,
                                           self.p.learning_rate)
        self._assign(w_area=float(np.clip(w[0], *W1_RANGE)),
                     w_bathrooms=float(np.clip(w[1], *W2_RANGE)),
                     bias=float(np.clip(b, *B_RANGE)))
        self.steps += 1
        self._record()

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
                + f"\\quad(\\text{{least possible: }}{self._best_mse():,.1f})".replace(",", "{,}")
                + "\\end{aligned}", title="The model"),
            "scene": self._scene(pred),
            "history": Chart("Error history", "update", "MSE", self.history.x,
                             [Series("MSE", self.history.y, BLUE)], log_y=True),
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

    def _best_mse(self) -> float:
        return linear.mse(self.best[0], self.best[1], self._x, self._y)

    def _scene(self, pred: np.ndarray) -> Scene3D:
        gx = np.linspace(*AREA_RANGE, PLANE_GRID)
        gy = np.linspace(*BATH_RANGE, PLANE_GRID)
        plane = self.p.w_area * gx[None, :] + self.p.w_bathrooms * gy[:, None] + self.p.bias
        area, bath = self._x[:, 0], self._x[:, 1]
        return Scene3D("Houses and the neuron's plane", "area (ft²)", "bathrooms",
                       "price ($1000s)", AREA_RANGE, BATH_RANGE, PRICE_RANGE, [
                           Surface3D(plane, color=ORANGE, name="prediction"),
                           Lines3D(np.repeat(area, 2), np.repeat(bath, 2),
                                   np.column_stack([self._y, pred]).ravel(), color=RED,
                                   name="errors"),
                           Points3D(area, bath, self._y, color=BLUE, name="houses"),
                       ])
