"""Logistic regression: a line's signed distance, squashed by the sigmoid into a probability,
trained by gradient descent on the log-loss; C (the inverse of the penalty on the weights)
on a log scale; more than two classes with the softmax (multinomial).

The objective is scikit-learn's: C · Σ log-loss + ½‖W‖² (the intercepts not penalised),
here divided by C·n, so a step's size does not depend on the number of points. "Solve" jumps
to its minimum with SciPy's L-BFGS; tests/unit/test_logistic_regression.py checks it, and
where gradient descent ends, against scikit-learn's LogisticRegression.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from scipy.optimize import minimize

from mlscope.core.colors import (
    HELD_OUT,
    LABEL_COLORS,
    MODEL,
    TRAIN,
    class_codes,
    class_colormap,
)
from mlscope.core.colors import LABEL_NAMES as CLASS_NAMES
from mlscope.core.explorable import Action, Explorable
from mlscope.core.params import FloatParam, PointsParam
from mlscope.core.story import PLAY, Step
from mlscope.core.views import (
    ArrowsLayer,
    Chart,
    HeatmapLayer,
    History,
    LinesLayer,
    Plot,
    PointsLayer,
    Series,
    Table,
    View,
)
from mlscope.explorables.plane_points import ADD_POINT, BOX, PlanePoints, point_params
from mlscope.nn.functional import softmax

GRID = 81
DATASETS = ("gauss", "blobs", "moons", "anisotropic", "xor", "noise")
SOLVED_STEPS = ("distance", "c", "classes")
"""Story steps about the fitted model: new data there are fitted at once."""
SIGMOID_POINTS = 300
GOAL_GAP = 0.01
"""The training step's goal: the objective within 1 % of its minimum."""


def sigmoid(z: np.ndarray) -> np.ndarray:
    return np.asarray(0.5 * (1.0 + np.tanh(0.5 * z)))  # no overflow warnings at large |z|


def probabilities(W: np.ndarray, b: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Class probabilities, ndarray of shape (len(x), k): two classes use one weight row and
    the sigmoid (P(class 1) = σ(w·x + b)); more use one row per class and the softmax."""
    z = x @ W.T + b
    if W.shape[0] == 1:
        p1 = sigmoid(z[:, 0])
        return np.stack([1 - p1, p1], axis=1)
    return np.asarray(softmax(z))


def objective(W: np.ndarray, b: np.ndarray, x: np.ndarray, y: np.ndarray, C: float) \
        -> tuple[float, np.ndarray, np.ndarray]:
    """(loss, ∂loss/∂W, ∂loss/∂b) of mean log-loss + ‖W‖² / (2 C n): scikit-learn's
    objective divided by C·n."""
    n = len(x)
    p = np.clip(probabilities(W, b, x), 1e-15, 1.0)
    loss = float(-np.mean(np.log(p[np.arange(n), y])) + np.sum(W * W) / (2 * C * n))
    # ∂/∂z of the log-loss: p(1) - [y = 1] with the sigmoid, p - onehot(y) with the softmax
    err = (p[:, 1] - (y == 1))[:, None] if W.shape[0] == 1 else p - np.eye(W.shape[0])[y]
    gW = err.T @ x / n + W / (C * n)
    gb = err.mean(axis=0)
    return loss, gW, gb


def solve(x: np.ndarray, y: np.ndarray, k: int, C: float) -> tuple[np.ndarray, np.ndarray]:
    """The minimum of ``objective`` by L-BFGS: (W, b)."""
    rows = 1 if k == 2 else k

    def f(theta: np.ndarray) -> tuple[float, np.ndarray]:
        W, b = theta[:rows * 2].reshape(rows, 2), theta[rows * 2:]
        loss, gW, gb = objective(W, b, x, y, C)
        return loss, np.concatenate([gW.ravel(), gb])

    res = minimize(f, np.zeros(rows * 3), jac=True, method="L-BFGS-B",
                   options={"maxiter": 2000, "gtol": 1e-10, "ftol": 1e-14})
    return res.x[:rows * 2].reshape(rows, 2), res.x[rows * 2:]


class LogisticRegression(PlanePoints, Explorable):
    slug = "logistic-regression"
    title = "Logistic regression"
    topic = "classic"
    summary = ("A line's signed distance, squashed by the sigmoid into a probability; trained "
               "by gradient descent on the log-loss, with C and more than two classes.")
    params = (
        FloatParam("C", 1.0, 0.001, 1000.0, log=True, label="C (inverse penalty)", effect="live",
                   doc="Large C: fit the training points closely. Small C: keep the weights "
                       "small, the probabilities cautious."),
        FloatParam("learning_rate", 0.1, 0.001, 1.0, log=True, label="learning rate",
                   effect="live", doc="Gradient descent's step."),
        PointsParam("probe", ((2.0, -1.0, 0),), x_range=BOX, y_range=BOX, min_points=1,
                    max_points=1, label="the star", effect="view", advanced=True,
                    doc="The point whose probability is worked out; drag it in the plot."),
        *point_params(DATASETS, "gauss", noise=30),
    )
    actions = (
        Action("step", "Step", "One step of gradient descent."),
        Action("solve", "Solve", "Jump to the minimum (L-BFGS)."),
        Action("reset", "Reset", "All weights back to 0."),
        ADD_POINT,
    )
    playable = True
    layout = (("plane", "sigmoid"), ("loss", "numbers"))
    export_layout = (("plane",),)
    thumbnail_view = "plane"
    thumbnail_steps = 200
    captions: ClassVar[dict[str, str]] = {
        "plane": "Colour: the most probable class (paler: less sure). Solid line: where the "
                 "classes are equally likely. The arrow: the star's signed distance.",
        "sigmoid": "Two classes: every point's signed distance z (across) and the probability "
                   "σ(z) of orange (up); the star is on the curve. More classes: each one's "
                   "probability along the star's row.",
        "loss": "The log-loss while training, on the training and held-out points.",
        "numbers": "The weights now, and what they score.",
    }
    story_steps = (
        Step("distance", "A line, and how far from it",
             "The model draws a line $w_1x_1 + w_2x_2 + b = 0$. A point's signed distance "
             "$z = w\\cdot x + b$ is positive on one side and negative on the other; the "
             "sigmoid $\\sigma(z) = 1/(1+e^{-z})$ squashes it into a probability. Drag the "
             "star across the line and watch $z$ and $\\sigma(z)$.",
             views=("plane", "sigmoid"), highlight=("plane",),
             goal="Drag the star to where the model is 90 % sure it is orange.",
             done=lambda ex: ex.probe_probabilities()[1] >= 0.9,
             live=lambda ex: f"The star: $z = {ex.probe_z():.2f}$, "
                             f"$\\sigma(z) = {ex.probe_probabilities()[1]:.2f}$.",
             enter=lambda ex: ex.solve_now()),
        Step("training", "Learning the line",
             "Start from $w = 0$ (every point 50 %) and let gradient descent lower the "
             "log-loss $-\\frac1n\\sum \\log p_i(y_i)$: a point the model calls unlikely for "
             "its own class costs a lot.",
             views=("plane", "loss"), controls=(PLAY, "step", "solve", "reset",
                                                "learning_rate"),
             highlight=(PLAY,),
             goal="Train until the loss is within 1 % of its minimum.",
             done=lambda ex: ex.gap() <= GOAL_GAP,
             live=lambda ex: f"{ex.steps} steps: loss **{ex.loss:.4f}**, its minimum "
                             f"{ex.best_loss:.4f}.",
             enter=lambda ex: ex.act("reset")),
        Step("c", "C: how much to trust the training points",
             "The penalty $\\frac{1}{2C}\\lVert w\\rVert^2$ keeps the weights small. A small "
             "$C$ makes the probabilities cautious (pale colours, a flat sigmoid); a large "
             "one trusts every training point.",
             views=("plane", "sigmoid", "numbers"), controls=("C", "noise"),
             highlight=("C",),
             goal="Find a C whose held-out accuracy is the best you can get.",
             done=lambda ex: ex.accuracy(held_out=True) >= ex.best_held_out() - 1e-9,
             live=lambda ex: f"C = {ex.p.C:.3g}: held-out accuracy "
                             f"**{ex.accuracy(held_out=True):.0%}**, weights length "
                             f"{np.linalg.norm(ex.W):.2f}.",
             enter=lambda ex: ex.solve_now()),
        Step("classes", "More than two classes",
             "With $k$ classes the model keeps one line per class; the softmax turns the "
             "$k$ signed distances into $k$ probabilities that sum to 1.",
             views=("plane", "sigmoid", "numbers"), controls=("classes", "dataset"),
             highlight=("classes",),
             enter=lambda ex: (ex.set(dataset="blobs", classes=3), ex.solve_now())[0]),
    )

    def reset(self) -> None:
        self.load_points()
        rows = 1 if self.n_classes == 2 else self.n_classes
        self.W, self.b = np.zeros((rows, 2)), np.zeros(rows)
        self.steps = 0
        self.history, self.held_history = History(2000), History(2000)
        self._best: tuple[np.ndarray, np.ndarray, float] | None = None
        self._record()

    def changed(self, names: set[str]) -> None:
        self.forget_points(names)
        if self.effects(names) & {"restart", "data"}:
            self.reset()
            step = self.step_now
            if step is not None and step.name in SOLVED_STEPS:
                self.solve_now()  # these steps talk about the fitted model, not training
        elif "C" in names:
            # A new objective. A model at the old minimum follows C to the new one (the
            # picture answers the slider); one still training goes on from where it is.
            at_min = self._best is not None and self.loss - self._best[2] <= 1e-7
            self._best = None
            if at_min:
                self.solve_now()
            else:
                self._record()

    def act(self, name: str, value: Any = None) -> None:
        if name == "solve":
            self.solve_now()
        elif name == "add_point":
            self.add_point(value)
        else:
            super().act(name, value)

    # --- training -----------------------------------------------------------------------

    def _train_xy(self) -> tuple[np.ndarray, np.ndarray]:
        return self.points[self.train], self.labels[self.train]

    def step(self) -> None:
        x, y = self._train_xy()
        _, gW, gb = objective(self.W, self.b, x, y, self.p.C)
        self.W = self.W - self.p.learning_rate * gW
        self.b = self.b - self.p.learning_rate * gb
        self.steps += 1
        self._record()

    def solve_now(self) -> None:
        self.W, self.b = (a.copy() for a in self.best()[:2])
        self._record()

    def best(self) -> tuple[np.ndarray, np.ndarray, float]:
        """(W, b, loss) at the objective's minimum, solved once per data and C."""
        if self._best is None:
            x, y = self._train_xy()
            W, b = solve(x, y, self.n_classes, self.p.C)
            self._best = (W, b, objective(W, b, x, y, self.p.C)[0])
        return self._best

    @property
    def best_loss(self) -> float:
        return self.best()[2]

    def gap(self) -> float:
        """How far the objective is above its minimum, as a share of the minimum."""
        return (self.loss - self.best_loss) / max(self.best_loss, 1e-12)

    def _record(self) -> None:
        x, y = self._train_xy()
        self.loss = objective(self.W, self.b, x, y, self.p.C)[0]
        self.history.add(self.steps, self.loss)
        if (~self.train).any():
            xh, yh = self.points[~self.train], self.labels[~self.train]
            p = np.clip(probabilities(self.W, self.b, xh), 1e-15, 1)
            self.held_history.add(self.steps, float(-np.mean(np.log(p[np.arange(len(yh)), yh]))))

    @property
    def finished(self) -> bool:
        x, y = self._train_xy()
        _, gW, gb = objective(self.W, self.b, x, y, self.p.C)
        return bool(np.sqrt(np.sum(gW ** 2) + np.sum(gb ** 2)) < 1e-6)

    # --- what the model says ------------------------------------------------------------

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        return probabilities(self.W, self.b, x)

    def accuracy(self, held_out: bool = False) -> float:
        mask = ~self.train if held_out else self.train
        if not mask.any():
            return float("nan")
        pred = self.predict_proba(self.points[mask]).argmax(axis=1)
        return float(np.mean(pred == self.labels[mask]))

    def best_held_out(self) -> float:
        """The best held-out accuracy over C on a log grid (the C step's goal)."""
        if (~self.train).sum() == 0:
            return float("nan")
        x, y = self._train_xy()
        xh, yh = self.points[~self.train], self.labels[~self.train]
        return max(float(np.mean(probabilities(*solve(x, y, self.n_classes, c), xh)
                                 .argmax(axis=1) == yh)) for c in np.logspace(-3, 3, 13))

    def _probe(self) -> np.ndarray:
        return np.array([self.p.probe[0][:2]], dtype=float)

    def probe_z(self) -> float:
        """The star's signed distance for class orange (two classes)."""
        return float((self._probe() @ self.W.T + self.b)[0, 0]) if self.W.shape[0] == 1 \
            else float("nan")

    def probe_probabilities(self) -> np.ndarray:
        return np.asarray(self.predict_proba(self._probe())[0])

    # --- the frame ----------------------------------------------------------------------

    def frame(self) -> dict[str, View]:
        return {"plane": self.plane_view(), "sigmoid": self.sigmoid_view(),
                "loss": self.loss_view(), "numbers": self.numbers_view()}

    def _boundaries(self) -> LinesLayer:
        """Where two classes are equally likely and no other is likelier: the line
        w·x + b = 0 for two classes; for more, each pair's line (w_i - w_j)·x + b_i - b_j = 0
        where those two lead."""
        t = np.linspace(BOX[0] - 1, BOX[1] + 1, 481)
        rows = [(0, None)] if self.W.shape[0] == 1 else \
            [(i, j) for i in range(self.W.shape[0]) for j in range(i + 1, self.W.shape[0])]
        xs: list[np.ndarray] = []
        ys: list[np.ndarray] = []
        for i, j in rows:
            w = self.W[i] - (self.W[j] if j is not None else 0)
            c = self.b[i] - (self.b[j] if j is not None else 0)
            if np.hypot(*w) < 1e-12:
                continue
            # points of the line: the foot of the origin, then along the line's direction
            foot = -c * w / np.dot(w, w)
            pts = foot + t[:, None] * np.array([-w[1], w[0]]) / np.hypot(*w)
            if j is not None:  # keep the stretch where i and j lead every other class
                z = pts @ self.W.T + self.b
                others = np.delete(z, [i, j], axis=1)
                lead = z[:, i] >= (others.max(axis=1) if others.size else -np.inf)
                pts[~lead] = np.nan
            xs += [pts[:, 0], np.array([np.nan])]
            ys += [pts[:, 1], np.array([np.nan])]
        if not xs:
            return LinesLayer(np.array([np.nan]), np.array([np.nan]), MODEL, 2.2)
        name = "50 % line" if self.W.shape[0] == 1 else "boundaries"
        return LinesLayer(np.concatenate(xs), np.concatenate(ys), MODEL, 2.2, name=name)

    def plane_view(self) -> Plot:
        g = np.linspace(*BOX, GRID)
        xx, yy = np.meshgrid(g, g)
        probs = self.predict_proba(np.stack([xx.ravel(), yy.ravel()], axis=1))
        k = self.n_classes
        conf = (probs.max(axis=1) - 1 / k) / (1 - 1 / k)
        codes = class_codes(probs.argmax(axis=1), conf, k).reshape(GRID, GRID)
        (px, py), = self._probe()
        # What training moves comes first, what stays put last: the browser keeps unchanged
        # trailing layers (the points) on a canvas of their own and does not redraw them.
        layers: list[Any] = [
            HeatmapLayer(codes.astype(float), BOX, BOX, 0, 255, colormap=class_colormap(k),
                         opacity=0.55),
            self._boundaries(),
        ]
        if self.W.shape[0] == 1 and np.linalg.norm(self.W) > 1e-9:
            # The star's signed distance: the arrow to it from the nearest point of the line
            # (its length in the plane is z / |w|).
            w = self.W[0]
            z = self.probe_z()
            foot = np.array([px, py]) - z * w / np.dot(w, w)
            layers.append(ArrowsLayer(np.array([foot[0]]), np.array([foot[1]]),
                                      np.array([px - foot[0]]), np.array([py - foot[1]]),
                                      color=MODEL, width=1.8, name="signed distance"))
        layers += self.points_layers()
        layers.append(PointsLayer(np.array([px]), np.array([py]), color="#ffffff", size=9,
                                  marker="star", stroke="#1b232b", draggable="probe",
                                  name="the star"))
        p_star = self.probe_probabilities()
        title = f"The star: {CLASS_NAMES[int(p_star.argmax())]}, {p_star.max():.0%} sure"
        title = self.plane_title(title)  # odd data: say why the picture looks so
        return Plot(title, "x₁", "x₂", BOX, BOX, layers, click_action="add_point", aspect=1.0)

    def sigmoid_view(self) -> Plot:
        if self.W.shape[0] != 1:
            return self.softmax_view()
        # At most SIGMOID_POINTS of the points (every m-th): a rug along the curve needs no
        # more, and these move on every step of training.
        every = max(1, -(-len(self.points) // SIGMOID_POINTS))
        pts, labels = self.points[::every], self.labels[::every]
        z = (pts @ self.W.T + self.b)[:, 0]
        reach = float(max(6.0, min(40.0, np.percentile(np.abs(z), 98) * 1.1 if len(z) else 6)))
        zs = np.linspace(-reach, reach, 200)
        jitter = (np.modf(np.arange(len(z)) * 0.618)[0] - 0.5) * 0.06
        up = labels == 1
        layers: list[Any] = [
            LinesLayer(zs, sigmoid(zs), MODEL, 2.2, name="σ(z)"),
            PointsLayer(z, np.where(up, 1.0, 0.0) + np.where(up, -1, 1) * (0.04 + jitter),
                        labels=labels, size=3.5, name="points at their z"),
            PointsLayer(np.array([self.probe_z()]), sigmoid(np.array([self.probe_z()])),
                        color="#ffffff", size=9, marker="star", stroke="#1b232b",
                        name="the star"),
        ]
        return Plot("The sigmoid of the signed distance", "signed distance z",
                    "P(orange)", (-reach, reach), (-0.05, 1.05), layers, aspect=1.4)

    def softmax_view(self) -> Plot:
        """More than two classes: each class's probability along the horizontal line through
        the star, where the softmax hands the lead from one class to the next."""
        (px, py), = self._probe()
        xs = np.linspace(*BOX, 241)
        probs = self.predict_proba(np.stack([xs, np.full_like(xs, py)], axis=1))
        layers: list[Any] = [LinesLayer(xs, probs[:, c], LABEL_COLORS[c], 2.2,
                                        name=f"P({CLASS_NAMES[c]})")
                             for c in range(self.n_classes)]
        layers.append(LinesLayer(np.array([px, px]), np.array([0.0, 1.0]), "#1b232b", 1.2,
                                 (4, 3), name="the star's x₁"))
        return Plot("The softmax along the star's row", "x₁ (at the star's x₂)", "probability",
                    BOX, (-0.02, 1.02), layers, aspect=1.4)

    def loss_view(self) -> Chart:
        series = [Series("training", self.history.y, TRAIN)]
        if len(self.held_history):
            series.append(Series("held out", self.held_history.y, HELD_OUT))
        return Chart(f"Log-loss {self.loss:.4f} (step {self.steps})", "step", "log-loss",
                     self.history.x, series, log_y=True)

    def numbers_view(self) -> Table:
        rows = [[CLASS_NAMES[1] if self.W.shape[0] == 1 else CLASS_NAMES[c],
                 f"{self.W[c, 0]:.3f}", f"{self.W[c, 1]:.3f}", f"{self.b[c]:.3f}"]
                for c in range(self.W.shape[0])]
        acc = f"training {self.accuracy():.0%}"
        if (~self.train).any():
            acc += f", held out {self.accuracy(held_out=True):.0%}"
        return Table("Weights", ["class", "w₁", "w₂", "b"], rows,
                     footer=[["accuracy", acc, "", ""]])

