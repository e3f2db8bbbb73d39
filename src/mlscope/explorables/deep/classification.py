"""Classification: a two-output network with softmax tells good houses from bad ones.

Part 4 of "A Visual and Interactive Guide to the Basics of Neural Networks": the ten houses
labelled good or bad, logits z = W x + b, probabilities softmax(z), gradient descent on the
cross-entropy, and a second list of houses the model never sees.
"""

from __future__ import annotations

import numpy as np

from mlscope.core.catalog import register
from mlscope.core.contours import contour_lines
from mlscope.core.explorable import GD_ACTIONS, Action, Explorable
from mlscope.core.params import FloatParam, IntParam
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
from mlscope.data import houses
from mlscope.nn.functional import Standardiser, cross_entropy, cross_entropy_grad, softmax

AREA_RANGE, BATH_RANGE = (1000.0, 3400.0), (1.0, 5.0)
GRID = (97, 81)  # (nx, ny) of the decision-region map
GOOD, BAD = houses.GOOD, houses.BAD
NAMES = houses.LABEL_NAMES
REFERENCE_L2 = 0.1  # ridge of the smooth rule that labels the held-out list


class SoftmaxRegression:
    """Logits z = xs @ W + b on standardised features xs; W of shape (n_features, 2)."""

    def __init__(self, scaler: Standardiser, n_features: int = 2) -> None:
        self.scaler = scaler
        self.W = np.zeros((n_features, 2))
        self.b = np.zeros(2)

    def logits(self, x: np.ndarray) -> np.ndarray:
        return np.asarray(self.scaler(x) @ self.W + self.b)

    def proba(self, x: np.ndarray) -> np.ndarray:
        """ndarray of shape (n_samples, 2): P(good), P(bad)."""
        return softmax(self.logits(x))

    def step(self, x: np.ndarray, y: np.ndarray, lr: float, l2: float = 0.0) -> None:
        """One gradient-descent step on the mean cross-entropy (+ l2/2 * |W|²)."""
        g = cross_entropy_grad(self.logits(x), y)  # (n, 2)
        self.W -= lr * (self.scaler(x).T @ g + l2 * self.W)
        self.b -= lr * g.sum(axis=0)

    def raw(self) -> tuple[np.ndarray, np.ndarray]:
        """(W, b) acting on features in their own units (area ft², bathrooms)."""
        w = self.W / self.scaler.std[:, None]
        return w, self.b - self.scaler.mean @ w


def held_out_houses(seed: int, n: int, scaler: Standardiser) -> tuple[np.ndarray, np.ndarray]:
    """A second list of n labelled houses like the first: areas and bathrooms drawn from the
    first list's (areas jittered by ±10 %), labels drawn from a smooth rule fitted to it."""
    x, y = houses.features(), houses.LABELS
    rule = SoftmaxRegression(scaler)
    for _ in range(500):
        rule.step(x, y, lr=0.5, l2=REFERENCE_L2)
    rng = np.random.default_rng(seed)
    area = np.round(rng.choice(x[:, 0], n) * rng.uniform(0.9, 1.1, n), -1)
    bath = rng.choice(x[:, 1], n)
    xh = np.column_stack([area, bath])
    yh = (rng.random(n) < rule.proba(xh)[:, BAD]).astype(int)  # BAD = 1 when drawn
    return xh, yh


@register
class Classification(Explorable):
    slug = "classification"
    title = "Classification: good house or bad house?"
    topic = "deep"
    summary = "Two outputs and softmax turn the neuron into a classifier, trained on cross-entropy."
    params = (
        FloatParam("learning_rate", 0.5, 0.001, 5.0, step=0.001, log=True,
                   label="learning rate", doc="Size of each gradient-descent step."),
        IntParam("held_out", 20, 5, 200, label="held-out houses",
                 doc="Houses in the second list, which the model never trains on."),
    )
    actions = (
        *GD_ACTIONS,
        Action("reset", "Reset", "Back to all weights zero; clear the history."),
    )
    playable = True
    layout = (("accuracy",), ("regions", "houses"), ("network", "loss"), ("formula",))
    export_layout = (("regions",), ("loss",))
    step_name = "epoch"
    thumbnail_view = "regions"
    thumbnail_steps = 300
    guide = """\
**Classification.** Now each house is labelled good or bad, and the network must
say which. It gets one output per class, two numbers $z_\\text{good}$ and
$z_\\text{bad}$ (the logits), each a weighted sum of area and bathrooms plus a bias.
Softmax turns them into probabilities that add up to 1:
$p_k = e^{z_k} / \\sum_j e^{z_j}$.

Training lowers the cross-entropy $-\\frac1n\\sum_i \\log p_{y_i}$, the average surprise at
the right answers, by gradient descent. The map shows $p_\\text{good}$ over area ×
bathrooms (blue good, orange bad) and the boundary where both are ½.

A model is only good if it works on houses it has not seen. The crosses are a second list,
drawn from the same kind of houses, that training never touches: compare the accuracy on
both lists. These ten labels are not separable by a straight line, so no linear model gets
them all right.
"""

    def reset(self) -> None:
        self._x, self._y = houses.features(), houses.LABELS
        self.model = SoftmaxRegression(Standardiser(self._x))
        self._xh, self._yh = held_out_houses(self.p.seed, self.p.held_out, self.model.scaler)
        self.steps = 0
        self.train_loss, self.test_loss = History(2000), History(2000)
        self._record()
        self._grid = self._make_grid()

    def changed(self, names: set[str]) -> None:
        if names != {"learning_rate"}:
            self.reset()

    def step(self) -> None:
        self.model.step(self._x, self._y, self.p.learning_rate)
        self.steps += 1
        self._record()

    def _record(self) -> None:
        self.loss = cross_entropy(self.model.logits(self._x), self._y)
        self.held_out_loss = cross_entropy(self.model.logits(self._xh), self._yh)
        self.train_loss.add(self.steps, self.loss)
        self.test_loss.add(self.steps, self.held_out_loss)

    def accuracy(self, held_out: bool = False) -> float:
        x, y = (self._xh, self._yh) if held_out else (self._x, self._y)
        return float(np.mean(self.model.proba(x).argmax(axis=1) == y))

    # --- views ------------------------------------------------------------------------

    def _make_grid(self) -> np.ndarray:
        xs, ys = np.linspace(*AREA_RANGE, GRID[0]), np.linspace(*BATH_RANGE, GRID[1])
        gx, gy = np.meshgrid(xs, ys)
        return np.column_stack([gx.ravel(), gy.ravel()])

    def frame(self) -> dict[str, View]:
        p_train = self.model.proba(self._x)
        p_grid = self.model.proba(self._grid)[:, GOOD].reshape(GRID[1], GRID[0])
        xs, ys = np.linspace(*AREA_RANGE, GRID[0]), np.linspace(*BATH_RANGE, GRID[1])
        bx, by = contour_lines(p_grid, xs, ys, [0.5])
        return {
            "accuracy": self._accuracy_text(),
            "regions": Plot("Decision regions: p(good)", "area (ft²)", "bathrooms",
                            AREA_RANGE, BATH_RANGE, [
                                HeatmapLayer(p_grid, AREA_RANGE, BATH_RANGE, 0.0, 1.0,
                                             colormap="diverging", opacity=0.85),
                                LinesLayer(bx, by, color="#333333", width=1.5,
                                           name="p = ½"),
                                PointsLayer(self._xh[:, 0], self._xh[:, 1], labels=self._yh,
                                            marker="cross", size=5, name="held-out list"),
                                PointsLayer(self._x[:, 0], self._x[:, 1], labels=self._y,
                                            size=6, name="training list"),
                            ]),
            "houses": Table("Each house of the training list",
                            ["area", "bathrooms", "label", "p(good)", "p(bad)", "predicted"],
                            [[f"{a:,.0f}", f"{n:.0f}", NAMES[y], f"{p[GOOD]:.3f}",
                              f"{p[BAD]:.3f}",
                              NAMES[int(p.argmax())] + (" ✓" if p.argmax() == y else " ✗")]
                             for (a, n), y, p in zip(self._x, self._y, p_train, strict=True)]),
            "network": self._network(),
            "loss": Chart("Cross-entropy", "step", "loss", self.train_loss.x,
                          [Series("training list", self.train_loss.y, "#0877bd"),
                           Series("held-out list", self.test_loss.y, "#f59322")]),
            "formula": self._formula(),
        }

    def _accuracy_text(self) -> Text:
        n, nh = len(self._y), len(self._yh)
        a, ah = self.accuracy(), self.accuracy(held_out=True)
        return Text(f"Training list: {round(a * n)} of {n} right ({a:.0%}). "
                    f"Held-out list: {round(ah * nh)} of {nh} right ({ah:.0%}). "
                    f"Cross-entropy {self.loss:.3f} after {self.steps} steps.",
                    tone="info")

    def _network(self) -> Network:
        w, b = self.model.raw()
        scale = np.abs(w).max() or 1.0
        nodes = [Node("area", 0, "area"), Node("bath", 0, "bathrooms")]
        edges = []
        for k, name in enumerate(NAMES):
            nodes.append(Node(f"z{k}", 1, f"z {name}", f"bias {b[k]:+.3g}"))
            nodes.append(Node(f"p{k}", 2, f"p {name}"))
            for i, src in enumerate(("area", "bath")):
                edges.append(Edge(src, f"z{k}", float(w[i, k] / scale), f"{w[i, k]:.4g}",
                                  label_at=0.2 + 0.45 * k))
            for j in range(2):
                edges.append(Edge(f"z{k}", f"p{j}", 0.0, structural=True))
        return Network("The network: two logits, then softmax", nodes, edges)

    def _formula(self) -> Formula:
        w, b = self.model.raw()
        # Four significant digits: a weight per square foot is about 0.001.
        rows = [f"z_\\text{{{name}}} &= {w[0, k]:+.4g}\\,x_\\text{{area}} "
                f"{w[1, k]:+.4g}\\,x_\\text{{bath}} {b[k]:+.4g}" for k, name in enumerate(NAMES)]
        rows.append("p_k &= \\frac{e^{z_k}}{e^{z_\\text{good}} + e^{z_\\text{bad}}}")
        return Formula("\\begin{aligned}" + "\\\\".join(rows) + "\\end{aligned}",
                       title="The model, in the houses' own units")
