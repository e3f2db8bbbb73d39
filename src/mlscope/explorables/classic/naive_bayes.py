"""Gaussian naive Bayes: each class a bell curve per feature, multiplied as if the features
were independent (so its contours are ellipses along the axes), weighted by the class's
prior and turned into a posterior by Bayes' rule. A prior slider moves the boundary; a
stretched, correlated data set shows the independence assumption fail.

Means, variances (with scikit-learn's var_smoothing) and posteriors are scikit-learn's
GaussianNB's; tests/unit/test_naive_bayes.py compares them.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from mlscope.core.colors import LABEL_COLORS, class_codes, class_colormap
from mlscope.core.colors import LABEL_NAMES as CLASS_NAMES
from mlscope.core.explorable import Explorable
from mlscope.core.params import (
    BoolParam,
    FloatParam,
)
from mlscope.core.story import Step
from mlscope.core.views import (
    AreaLayer,
    HeatmapLayer,
    LinesLayer,
    Plot,
    ShapesLayer,
    Table,
    View,
)
from mlscope.explorables.plane_points import ADD_POINT, BOX, PlanePoints, point_params

GRID = 81
DATASETS = ("gauss", "blobs", "anisotropic", "mixture", "moons")
VAR_SMOOTHING = 1e-9
"""As scikit-learn: every variance grows by this share of the largest feature variance."""
MARGIN = 1.6
"""Height, in the plot's units, of the bell curves drawn along its bottom and left edges."""


def fit(x: np.ndarray, y: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(means (k, 2), variances (k, 2), class frequencies (k,)): maximum likelihood, the
    variances smoothed as scikit-learn does. A class with no points gets mean 0, variance
    1 and frequency 0."""
    eps = VAR_SMOOTHING * float(np.var(x, axis=0).max()) if len(x) else 0.0
    mu, var, freq = np.zeros((k, 2)), np.ones((k, 2)), np.zeros(k)
    for c in range(k):
        xc = x[y == c]
        if len(xc):
            mu[c], var[c], freq[c] = xc.mean(axis=0), xc.var(axis=0) + eps, len(xc) / len(x)
    var = np.maximum(var, 1e-12)  # one point, or all in one place: a sharp, finite bell
    return mu, var, freq


def log_joint(x: np.ndarray, mu: np.ndarray, var: np.ndarray, prior: np.ndarray) -> np.ndarray:
    """log P(c) + Σ_j log N(x_j; μ_cj, σ²_cj) for every point and class, (n, k)."""
    with np.errstate(divide="ignore"):
        lp = np.log(prior)
    ll = -0.5 * np.sum(np.log(2 * np.pi * var)[None] + (x[:, None, :] - mu[None]) ** 2
                       / var[None], axis=2)
    return np.asarray(lp[None] + ll)


def posterior(x: np.ndarray, mu: np.ndarray, var: np.ndarray, prior: np.ndarray) -> np.ndarray:
    """P(c | x) by Bayes' rule, (n, k), computed in logs (no underflow far from the data)."""
    j = log_joint(x, mu, var, prior)
    j -= j.max(axis=1, keepdims=True)
    p = np.exp(j)
    return np.asarray(p / p.sum(axis=1, keepdims=True))


def bell(t: np.ndarray, mu: float, var: float) -> np.ndarray:
    return np.asarray(np.exp(-0.5 * (t - mu) ** 2 / var) / np.sqrt(2 * np.pi * var))


class NaiveBayes(PlanePoints, Explorable):
    slug = "naive-bayes"
    title = "Naive Bayes"
    topic = "classic"
    summary = ("Each class a bell curve per feature, multiplied as if independent, weighed by "
               "a prior: Bayes' rule draws the boundary. Then watch the assumption fail.")
    params = (
        BoolParam("own_prior", False, label="set the prior by hand", effect="live",
                  doc="Off: each class's prior is its share of the training points."),
        FloatParam("prior", 0.5, 0.01, 0.99, step=0.01, label="prior of orange",
                   effect="live", doc="P(orange) before seeing a point (two classes)."),
        BoolParam("show_bells", True, label="bell curves on the axes", effect="view"),
        *point_params(DATASETS, "gauss", noise=30),
    )
    actions = (ADD_POINT,)
    step_name = ""
    layout = (("plane", "bells"), ("numbers",))
    export_layout = (("plane",),)
    thumbnail_view = "plane"
    captions: ClassVar[dict[str, str]] = {
        "plane": "Colour: the most probable class (paler: less sure). Rings: each class's "
                 "bells multiplied, at 1 and 2 standard deviations. Bells on the edges: each "
                 "feature alone.",
        "bells": "Each class's bell curve for x₁ (filled) and x₂ (lines): a mean and a spread "
                 "per class and feature, nothing else.",
        "numbers": "What the model learned: a prior, and a mean and spread per feature.",
    }
    story_steps = (
        Step("bells", "A bell curve per feature",
             "Naive Bayes describes each class by one bell curve per feature: the mean and "
             "the spread of the class's $x_1$, and of its $x_2$. Nothing about how $x_1$ and "
             "$x_2$ go together.",
             views=("bells", "numbers"), controls=("dataset", "noise")),
        Step("product", "Multiply, as if independent",
             "It then multiplies the bells: $p(x \\mid c) = p(x_1 \\mid c)\\,p(x_2 \\mid c)$. "
             "Their product's contours are ellipses along the axes (the rings). Bayes' rule "
             "$P(c \\mid x) \\propto P(c)\\,p(x \\mid c)$ colours each place by the likelier "
             "class.",
             views=("plane", "bells"), controls=("noise",),
             live=lambda ex: f"Accuracy on held-out points: **{ex.accuracy(True):.0%}**."),
        Step("prior", "The prior",
             "Before seeing a point, how likely is each class? Raise the prior of orange and "
             "the boundary moves into blue's land: more evidence is needed to call a point "
             "blue.",
             views=("plane",), controls=("own_prior", "prior"), highlight=("prior",),
             goal="Make orange the prior favourite, 9 to 1.",
             done=lambda ex: ex.p.own_prior and ex.p.prior >= 0.9,
             live=lambda ex: f"Priors: blue **{ex.priors()[0]:.2f}**, orange "
                             f"**{ex.priors()[1]:.2f}**; orange's region is "
                             f"{ex.region_share(1):.0%} of the plane.",
             enter=lambda ex: ex.set(own_prior=True)),
        Step("naive", "When the features go together",
             "Here each class is a stretched, tilted cloud: its $x_1$ and $x_2$ go together. "
             "The model cannot tilt its ellipses, so it misjudges the shape, and the "
             "boundary with it.",
             views=("plane", "numbers"), controls=("noise",),
             live=lambda ex: f"Correlation of $x_1$ and $x_2$ within blue: "
                             f"**{ex.within_correlation(0):.2f}**, which the model takes "
                             f"as 0. Held-out accuracy **{ex.accuracy(True):.0%}**.",
             enter=lambda ex: ex.set(dataset="anisotropic", own_prior=False, noise=10)),
    )

    def reset(self) -> None:
        self.load_points()
        self.mu, self.var, self.freq = fit(self.points[self.train], self.labels[self.train],
                                           self.n_classes)

    def changed(self, names: set[str]) -> None:
        self.forget_points(names)
        super().changed(names)

    def act(self, name: str, value: Any = None) -> None:
        if name == "add_point":
            self.add_point(value)
        else:
            super().act(name, value)

    # --- the model's numbers ------------------------------------------------------------

    def priors(self) -> np.ndarray:
        """The class priors: by hand (two classes: 1 - prior, prior; more: orange gets the
        prior, the rest share what is left by their frequencies), or the frequencies."""
        if not self.p.own_prior:
            return self.freq
        if self.n_classes == 2:
            return np.array([1 - self.p.prior, self.p.prior])
        rest = np.delete(self.freq, 1)
        rest = rest / rest.sum() * (1 - self.p.prior) if rest.sum() > 0 else rest
        return np.insert(rest, 1, self.p.prior)

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        return posterior(x, self.mu, self.var, self.priors())

    def accuracy(self, held_out: bool = False) -> float:
        mask = ~self.train if held_out else self.train
        if not mask.any():
            return float("nan")
        return float(np.mean(self.predict_proba(self.points[mask]).argmax(axis=1) ==
                             self.labels[mask]))

    def _grid(self) -> np.ndarray:
        g = np.linspace(*BOX, GRID)
        xx, yy = np.meshgrid(g, g)  # row 0 = smallest y, as views expect
        return np.stack([xx.ravel(), yy.ravel()], axis=1)

    def region_share(self, c: int) -> float:
        return float(np.mean(self.predict_proba(self._grid()).argmax(axis=1) == c))

    def within_correlation(self, c: int) -> float:
        xc = self.points[self.train & (self.labels == c)]
        return float(np.corrcoef(xc.T)[0, 1]) if len(xc) > 2 else float("nan")

    # --- the frame ----------------------------------------------------------------------

    def frame(self) -> dict[str, View]:
        return {"plane": self.plane_view(), "bells": self.bells_view(),
                "numbers": self.numbers_view()}

    def plane_view(self) -> Plot:
        k = self.n_classes
        probs = self.predict_proba(self._grid())
        conf = (probs.max(axis=1) - 1 / k) / (1 - 1 / k)
        codes = class_codes(probs.argmax(axis=1), conf, k).reshape(GRID, GRID)
        seen = [c for c in range(k) if self.freq[c] > 0]
        sd = np.sqrt(self.var[seen])
        layers: list[Any] = [
            HeatmapLayer(codes.astype(float), BOX, BOX, 0, 255, colormap=class_colormap(k),
                         opacity=0.5),
            *self.points_layers(),
        ]
        for n_sd, dash in ((1, ()), (2, (5, 4))):
            layers.append(ShapesLayer("ellipse", self.mu[seen, 0], self.mu[seen, 1],
                                      2 * n_sd * sd[:, 0], 2 * n_sd * sd[:, 1],
                                      labels=np.array(seen), opacity=0.0, stroke="#1b232b",
                                      stroke_width=1.4, dash=dash,
                                      name=f"{n_sd} standard deviation{'s' if n_sd > 1 else ''}"))
        if self.p.show_bells:
            t = np.linspace(*BOX, 241)
            for c in seen:
                across = bell(t, self.mu[c, 0], self.var[c, 0])
                up = bell(t, self.mu[c, 1], self.var[c, 1])
                scale = MARGIN / max(float(across.max()), float(up.max()), 1e-12)
                layers.append(AreaLayer(t, BOX[0] + across * scale,
                                        np.full_like(t, BOX[0]), color=LABEL_COLORS[c],
                                        opacity=0.35))
                layers.append(LinesLayer(BOX[0] + up * scale, t, LABEL_COLORS[c], 1.6))
        title = f"Training accuracy {self.accuracy():.0%}"
        if (~self.train).any():
            title += f", held out {self.accuracy(held_out=True):.0%}"
        title = self.plane_title(title)  # odd data: say why the picture looks so
        return Plot(title, "x₁", "x₂", BOX, BOX, layers, click_action="add_point", aspect=1.0)

    def bells_view(self) -> Plot:
        t = np.linspace(*BOX, 241)
        layers: list[Any] = []
        top = 0.0
        for c in range(self.n_classes):
            if self.freq[c] == 0:
                continue
            a = bell(t, self.mu[c, 0], self.var[c, 0])
            b = bell(t, self.mu[c, 1], self.var[c, 1])
            top = max(top, float(a.max()), float(b.max()))
            layers.append(AreaLayer(t, a, color=LABEL_COLORS[c], opacity=0.3,
                                    name=f"{CLASS_NAMES[c]}: x₁"))
            layers.append(LinesLayer(t, b, LABEL_COLORS[c], 2.0, (5, 3),
                                     name=f"{CLASS_NAMES[c]}: x₂"))
        return Plot("One bell per class and feature", "value of the feature", "density",
                    BOX, (0.0, max(top * 1.08, 1e-6)), layers, aspect=1.6)

    def numbers_view(self) -> Table:
        pri = self.priors()
        rows = [[CLASS_NAMES[c], f"{pri[c]:.2f}", f"{self.mu[c, 0]:.2f}",
                 f"{np.sqrt(self.var[c, 0]):.2f}", f"{self.mu[c, 1]:.2f}",
                 f"{np.sqrt(self.var[c, 1]):.2f}"] for c in range(self.n_classes)]
        return Table("What each class is, to the model",
                     ["class", "prior", "mean x₁", "spread x₁", "mean x₂", "spread x₂"], rows)
