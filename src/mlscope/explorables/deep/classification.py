"""Classification: a two-output network with softmax tells good houses from bad ones.

Part 4 of "A Visual and Interactive Guide to the Basics of Neural Networks": the ten houses
labelled good or bad, logits z = W x + b, probabilities softmax(z), gradient descent on the
cross-entropy, and a second list of houses the model never sees.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from mlscope.core.colors import HELD_OUT, TRAIN
from mlscope.core.contours import contour_lines
from mlscope.core.explorable import GD_ACTIONS, Action, Explorable
from mlscope.core.params import FloatParam, IntParam
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
from mlscope.data import houses
from mlscope.nn.functional import Standardiser, cross_entropy, cross_entropy_grad, softmax

AREA_RANGE, BATH_RANGE = (1000.0, 3400.0), (1.0, 5.0)
GRID = (97, 81)  # (nx, ny) of the decision-region map
GOOD, BAD = houses.GOOD, houses.BAD
NAMES = houses.LABEL_NAMES
REFERENCE_L2 = 0.1  # ridge of the smooth rule that labels the held-out list
INIT_SCALE = 0.3
"""Standard deviation of the starting weights (standardised units): small and random, so the
first map already shows a (poor) guess instead of p = ½ everywhere."""
GOAL_RIGHT = 7
"""Step 1's goal: training houses right (a straight line cannot get all ten)."""
GOAL_LOSS = 0.55
"""Step 2's goal: the training cross-entropy (its least is 0.541)."""
GOAL_RISING = 50
"""Step 3's goal: steps for which the held-out loss has been rising."""
GD_CONTROLS = ("gd1", "gd10", "gd100", PLAY, "learning_rate", "reset")


def _steps(n: int) -> str:
    return f"{n:,} step" + ("" if n == 1 else "s")


def _digits(v: float, sign: str = "", digits: int = 4) -> str:
    """``digits`` significant digits, as ``format(v, sign + ".4g")`` but never in
    e-notation: a small random weight per square foot reads 0.00006079, not 6.079e-05."""
    text = format(v, f"{sign}.{digits}g")
    if "e" not in text:
        return text
    return (sign if sign and v >= 0 else "") + np.format_float_positional(
        v, precision=digits, unique=False, fractional=False, trim="-")


def _signed(v: float) -> str:
    """v to whole units with a typographic minus: "−183", "2,402"."""
    return f"{v:,.0f}".replace("-", "−")


def _minus(v: float, fmt: str) -> str:
    """v with a typographic minus: "− 418" or "+ 418"."""
    return ("− " if v < 0 else "+ ") + format(abs(v), fmt)


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


# --- the story's live sentences -----------------------------------------------------------

def _outputs_live(ex: Classification) -> str:
    (area, bath), y = ex._x[0], int(ex._y[0])
    p = ex.model.proba(ex._x[:1])[0]
    return (f"{ex.right()} of {len(ex._y)} training houses right after {_steps(ex.steps)}. "
            f"The first house ({area:,.0f} ft², {bath:.0f} bathrooms, labelled {NAMES[y]}): "
            f"p(good) = {p[GOOD]:.3f}, p(bad) = {p[BAD]:.3f}, together 1.")


def _training_live(ex: Classification) -> str:
    return (f"Cross-entropy **{ex.loss:.3f}** after {_steps(ex.steps)} (it started at "
            f"{ex.start_loss:.3f}; saying ½ for every house would score "
            f"$\\log 2 = {np.log(2):.3f}$). {ex.right()} of {len(ex._y)} houses right.")


def _held_out_live(ex: Classification) -> str:
    right = (f"Right: {ex.right()} of {len(ex._y)} training houses, "
             f"{ex.right(held_out=True)} of {len(ex._yh)} held-out ones.")
    if ex.steps == 0:
        return f"Press Play and watch both curves. {right}"
    n = ex.rising_for()
    if n == 0:
        return (f"Both losses are falling: training {ex.loss:.3f}, held-out "
                f"{ex.held_out_loss:.3f} after {_steps(ex.steps)}. {right}")
    low, at, train_then = ex.held_out_best
    if ex.loss < train_then:
        return (f"**The held-out loss has been rising for {_steps(n)}** (lowest {low:.3f} at "
                f"step {at:,}, now {ex.held_out_loss:.3f}) while the training loss kept "
                f"falling ({train_then:.3f} → {ex.loss:.3f}): **this is overfitting**. "
                f"{right}")
    return (f"The held-out loss is {ex.held_out_loss:.3f}, above its lowest {low:.3f} "
            f"(step {at:,}), and the training loss is no lower than then: try a smaller "
            f"learning rate. {right}")


class Classification(Explorable):
    slug = "classification"
    title = "Classification: good house or bad house?"
    topic = "deep"
    summary = "Two outputs and softmax turn the neuron into a classifier, trained on cross-entropy."
    params = (
        FloatParam("learning_rate", 0.5, 0.001, 5.0, step=0.001, log=True,
                   label="learning rate", doc="Size of each gradient-descent step.",
                   effect="live"),
        IntParam("held_out", 20, 5, 200, label="held-out houses",
                 doc="Houses in the second list, which the model never trains on."),
    )
    actions = (
        *GD_ACTIONS,
        Action("reset", "Reset", "Back to the small random starting weights (set by the seed); "
                                 "clear the history."),
    )
    playable = True
    layout = (("accuracy",), ("regions", "houses"), ("network", "loss"), ("formula",))
    export_layout = (("regions",), ("loss",))
    step_name = "epoch"
    thumbnail_view = "regions"
    thumbnail_steps = 300
    captions: ClassVar[dict[str, str]] = {
        "accuracy": "How many houses of each list the network gets right now.",
        "regions": "Shade: p(good), blue good, orange bad, pale unsure; black line: p = ½. "
                   "Dots: the training list; crosses: the held-out list.",
        "houses": "What the network says of each training house; ✓ right, ✗ wrong.",
        "network": "Two logits, each a weighted sum plus a bias, then softmax. Edge colour "
                   "is the weight's sign (blue +, orange −).",
        "loss": "Cross-entropy, lower is better: dark, the training list; purple, the "
                "held-out list.",
        "formula": "The logits in the houses' own units (ft², bathrooms), then softmax.",
    }
    story_steps = (
        Step("outputs", "Good house or bad house?",
             "Now each house is labelled good or bad, and the network must say which. It "
             "gets one output per class: two numbers $z_\\text{good}$ and $z_\\text{bad}$, "
             "the logits, each a weighted sum of area and bathrooms plus a bias. Softmax "
             "turns them into two probabilities that add up to 1: "
             "$p_k = e^{z_k} / \\sum_j e^{z_j}$.\n\n"
             "The weights start small and random, so the network is guessing. Press GD ×1 "
             "a few times and watch the probabilities in the table move toward the labels.",
             views=("network", "houses"), controls=("gd1", "reset"), highlight=("gd1",),
             goal=f"Train until {GOAL_RIGHT} of the 10 training houses are right.",
             done=lambda ex: ex.right() >= GOAL_RIGHT, live=_outputs_live),
        Step("training", "Training lowers the cross-entropy",
             "How wrong is the network? Its loss is the cross-entropy "
             "$-\\frac1n\\sum_i \\log p_{y_i}$: the average surprise at the right "
             "answers, 0 only if every right answer gets probability 1.\n\n"
             "The map asks the network about every (area, bathrooms): blue where it says "
             "good, orange where it says bad, with the boundary where both are ½. Press "
             "GD ×10 or Play and watch the dark training curve fall and the map sort the "
             "dots. (The crosses and the purple curve come next.)",
             views=("regions", "loss"), controls=GD_CONTROLS, highlight=("gd10", PLAY),
             goal=f"Bring the training cross-entropy below {GOAL_LOSS}.",
             done=lambda ex: ex.loss < GOAL_LOSS, live=_training_live),
        Step("held-out", "Houses it has never seen",
             "A model is only good if it works on houses it has not seen. The crosses are a "
             "second list, drawn from the same kind of houses, that training never touches; "
             "the purple curve is the cross-entropy on them.\n\n"
             "Play on and watch the two curves. When the held-out loss turns up while the "
             "training loss still falls, the network is fitting the quirks of the ten "
             "training houses rather than what makes a house good: **overfitting**. "
             "Stopping at the lowest purple point (early stopping) is the usual cure.",
             views=("regions", "loss", "accuracy"), controls=(*GD_CONTROLS, "held_out", "seed"),
             highlight=(PLAY, "loss"),
             goal=f"Train on until the held-out loss has been rising for {GOAL_RISING} steps.",
             done=lambda ex: ex.rising_for() >= GOAL_RISING, live=_held_out_live),
        Step("rule", "The rule, in the houses' own units",
             "Written out, the trained network is two formulas and softmax. Softmax only "
             "looks at the difference of the logits, so the network says good wherever "
             "$z_\\text{good} > z_\\text{bad}$: one linear inequality in area and "
             "bathrooms, which is why the boundary on the map is a straight line.\n\n"
             "These ten labels are not separable by a straight line, so no linear model gets "
             "them all right. The weight of area is tiny because an area is in the thousands.",
             views=("formula", "network", "regions"), controls=GD_CONTROLS,
             highlight=("formula",), live=lambda ex: ex.rule_text()),
    )
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
        # Small random starting weights, from their own stream of the seed (the held-out
        # list keeps the one it always had).
        self.model.W = np.random.default_rng([self.p.seed, 1]).normal(0.0, INIT_SCALE, (2, 2))
        self._xh, self._yh = held_out_houses(self.p.seed, self.p.held_out, self.model.scaler)
        self.steps = 0
        self.train_loss, self.test_loss = History(2000), History(2000)
        self._held_min = (np.inf, 0, np.inf)  # (held-out loss, step, training loss then)
        self._record()
        self.start_loss = self.loss
        self._grid = self._make_grid()

    def step(self) -> None:
        self.model.step(self._x, self._y, self.p.learning_rate)
        self.steps += 1
        self._record()

    def _record(self) -> None:
        self.loss = cross_entropy(self.model.logits(self._x), self._y)
        self.held_out_loss = cross_entropy(self.model.logits(self._xh), self._yh)
        self.train_loss.add(self.steps, self.loss)
        self.test_loss.add(self.steps, self.held_out_loss)
        if self.held_out_loss < self._held_min[0]:
            self._held_min = (self.held_out_loss, self.steps, self.loss)

    def accuracy(self, held_out: bool = False) -> float:
        x, y = (self._xh, self._yh) if held_out else (self._x, self._y)
        return float(np.mean(self.model.proba(x).argmax(axis=1) == y))

    def right(self, held_out: bool = False) -> int:
        """How many houses of the list the network gets right."""
        return round(self.accuracy(held_out) * len(self._yh if held_out else self._y))

    def rising_for(self) -> int:
        """Steps since the held-out loss was lowest, if it is higher now (else 0)."""
        loss, at, _ = self._held_min
        return self.steps - at if self.held_out_loss > loss else 0

    @property
    def held_out_best(self) -> tuple[float, int, float]:
        """(lowest held-out loss, the step it was reached, the training loss at that step)."""
        return self._held_min

    def boundary(self) -> tuple[float, float, float]:
        """(a, c, d): the network says good where a·area + c·bathrooms + d > 0, in the
        houses' own units (z_good − z_bad)."""
        w, b = self.model.raw()
        return (float(w[0, GOOD] - w[0, BAD]), float(w[1, GOOD] - w[1, BAD]),
                float(b[GOOD] - b[BAD]))

    def rule_text(self) -> str:
        """The decision rule in words, with a 3-bathroom house as the example."""
        a, c, d = self.boundary()
        if abs(a) < 1e-12:
            side = "more" if c > 0 else "fewer"
            return (f"The network says **good** for {side} bathrooms than "
                    f"{-d / c:.2f}, whatever the area." if c else
                    "The network says the same of every house.")
        slope, icpt = -c / a, -d / a
        at3 = 3 * slope + icpt
        if a < 0:
            cmp, example = "<", (f"a house with 3 bathrooms is good under {at3:,.0f} ft²"
                                 if at3 > 0 else "no house with 3 bathrooms is good")
        else:
            cmp, example = ">", (f"a house with 3 bathrooms is good over {at3:,.0f} ft²"
                                 if at3 > 0 else "every house with 3 bathrooms is good")
        return (f"The network says **good** when $z_\\text{{good}} > z_\\text{{bad}}$, that is "
                f"when area {cmp} {_signed(slope)} × bathrooms {_minus(icpt, ',.0f')} ft²: "
                f"{example}.")

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
                          [Series("training list", self.train_loss.y, TRAIN),
                           Series("held-out list", self.test_loss.y, HELD_OUT)]),
            "formula": self._formula(),
        }

    def _accuracy_text(self) -> Text:
        n, nh = len(self._y), len(self._yh)
        a, ah = self.accuracy(), self.accuracy(held_out=True)
        return Text(f"Training list: {round(a * n)} of {n} right ({a:.0%}). "
                    f"Held-out list: {round(ah * nh)} of {nh} right ({ah:.0%}). "
                    f"Cross-entropy {self.loss:.3f} after {_steps(self.steps)}.",
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
                # Two significant digits on the diagram (the formula has four); the two
                # crossing edges carry theirs near opposite ends, clear of each other.
                edges.append(Edge(src, f"z{k}", float(w[i, k] / scale), _digits(w[i, k], "", 2),
                                  label_at=0.5 if i == k else (0.27 if k == 0 else 0.73)))
            for j in range(2):
                edges.append(Edge(f"z{k}", f"p{j}", 0.0, structural=True))
        return Network("The network: two logits, then softmax", nodes, edges)

    def _formula(self) -> Formula:
        w, b = self.model.raw()
        # Four significant digits: a weight per square foot is about 0.001.
        rows = [f"z_\\text{{{name}}} &= {_digits(w[0, k], '+')}\\,x_\\text{{area}} "
                f"{_digits(w[1, k], '+')}\\,x_\\text{{bath}} {_digits(b[k], '+')}"
                for k, name in enumerate(NAMES)]
        rows.append("p_k &= \\frac{e^{z_k}}{e^{z_\\text{good}} + e^{z_\\text{bad}}}")
        return Formula("\\begin{aligned}" + "\\\\".join(rows) + "\\end{aligned}",
                       title="The model, in the houses' own units")

