"""Probability distributions: fourteen families (Bernoulli to log-normal) with their
parameters on sliders, the PMF or PDF and the CDF, the mean and ± one standard deviation
marked, draws that pile up into the shape, and the binomial's Poisson and normal
approximations with their distance (Seeing Theory's "Probability Distributions").

All numbers are scipy.stats's (``distribution_zoo``); draws come in seeded blocks of 1,000,
so a link with ``seed`` and ``samples`` shows the same draws.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from mlscope.core.colors import DATA, MODEL
from mlscope.core.explorable import Action
from mlscope.core.params import BoolParam, ChoiceParam, FloatParam, IntParam, ParamError
from mlscope.core.story import PLAY, Step
from mlscope.core.views import Formula, LinesLayer, Plot, PointsLayer, ShapesLayer, Table, View
from mlscope.explorables.maths.distribution_zoo import (
    ALL_PARAMS,
    ZOO,
    approximations,
    total_variation,
)
from mlscope.explorables.maths.revealed import Revealed, count_buttons
from mlscope.explorables.maths.sorted_sample import SortedSample, grown

Array = NDArray[np.float64]

MAX_SAMPLES = 100_000
BLOCK = 1000
BINS = 50
APPROX_COLORS = ("#4527a0", "#00838f")
"""The approximations' curves (the distribution itself is the model's pink)."""
TV_GOAL = 0.01
SPREAD = "#b8c0c8"


def _tv_text(ex: Distributions) -> str:
    if ex.p.dist != "binomial":
        return "Choose the binomial."
    tv = [total_variation("binomial", ex.p, a) for _, a in approximations("binomial", ex.p)]
    return (f"Binomial(n = {ex.p.n}, p = {ex.p.p:g}): its distance from the Poisson is "
            f"**{tv[0]:.4f}**, from the normal **{tv[1]:.4f}** (total variation: the most "
            "any event's probability differs).")


def _poisson_close(ex: Distributions) -> bool:
    if ex.p.dist != "binomial" or not ex.p.compare or ex.p.n < 50:
        return False
    poisson = approximations("binomial", ex.p)[0][1]
    return total_variation("binomial", ex.p, poisson) < TV_GOAL


def _shape_text(ex: Distributions) -> str:
    m, s = ex.dist.mean(), ex.dist.std()
    return f"{ZOO[ex.p.dist].label}: mean **{m:.3f}**, standard deviation **{s:.3f}**."


def _sampled(ex: Distributions) -> str:
    k = ex.p.samples
    if k < 2:
        return "Draw some samples."
    got = ex.drawn()
    return (f"{k:,} draws: their mean is **{got.mean():.3f}** (theory {ex.dist.mean():.3f}), "
            f"their sd **{got.sd():.3f}** (theory {ex.dist.std():.3f}).")


def _seen(ex: Distributions) -> str:
    left = len(ZOO) - len(ex.seen)
    return (f"Seen {len(ex.seen)} of {len(ZOO)}: " + ", ".join(ZOO[d].label for d in ex.seen)
            + (f". {left} more to meet." if left else "."))


def _to_binomial(ex: Distributions) -> None:
    if ex.p.dist != "binomial":
        ex.set(dist="binomial")


def _compare_binomial(ex: Distributions) -> None:
    values: dict[str, Any] = {}
    if ex.p.dist != "binomial":
        values["dist"] = "binomial"
    if not ex.p.compare:
        values["compare"] = True
    if values:
        ex.set(**values)


class Distributions(Revealed):
    slug = "distributions"
    title = "Probability distributions"
    topic = "maths"
    summary = ("Fourteen distributions on sliders: PMF or PDF, CDF, mean and spread, draws "
               "that take the shape, and the binomial's Poisson and normal approximations.")
    params = (
        ChoiceParam("dist", "binomial", options=tuple(ZOO),
                    labels=tuple(k.label for k in ZOO.values()), label="distribution",
                    doc="The family; its own parameters appear below."),
        IntParam("n", 20, 1, 200, label="trials (draws) n",
                 doc="Binomial: trials. Hypergeometric: draws without replacement."),
        FloatParam("p", 0.3, 0.001, 1.0, step=0.001, label="success probability p",
                   doc="The chance of a success in one trial."),
        IntParam("r", 5, 1, 50, label="successes r", doc="Negative binomial: successes to "
                                                            "wait for."),
        FloatParam("lam", 4.0, 0.05, 50.0, step=0.05, label="rate λ",
                   doc="Poisson: events per interval. Exponential: events per unit time."),
        IntParam("population", 200, 1, 500, label="population N",
                 doc="Hypergeometric: the items to draw from."),
        IntParam("successes", 80, 0, 500, label="successes in it K",
                 doc="Hypergeometric: the items that count as a success."),
        FloatParam("a", 0.0, -20.0, 20.0, step=0.1, label="lower bound a"),
        FloatParam("b", 1.0, -20.0, 20.0, step=0.1, label="upper bound b"),
        FloatParam("mu", 0.0, -10.0, 10.0, step=0.1, label="μ",
                   doc="Normal: the mean. Log-normal: the mean of log X."),
        FloatParam("sigma", 1.0, 0.05, 5.0, step=0.05, label="σ",
                   doc="Normal: the standard deviation. Log-normal: that of log X."),
        FloatParam("shape", 2.0, 0.1, 30.0, step=0.1, label="shape k"),
        FloatParam("scale", 1.0, 0.05, 10.0, step=0.05, label="scale θ"),
        FloatParam("alpha", 2.0, 0.1, 30.0, step=0.1, label="α"),
        FloatParam("beta", 5.0, 0.1, 30.0, step=0.1, label="β"),
        FloatParam("df", 5.0, 0.5, 100.0, step=0.5, label="degrees of freedom ν"),  # noqa: RUF001
        BoolParam("compare", False, label="show the approximations", effect="view",
                  doc="Binomial: the Poisson and the normal of the same mean; Poisson, "
                      "chi-squared, gamma: a normal; t: the standard normal."),
        IntParam("samples", 0, 0, MAX_SAMPLES, label="draws so far", effect="view",
                 advanced=True, doc="How many of the seed's draws are shown."),
    )
    actions = (
        *count_buttons("draw", "Draw ×10", "Ten draws from the distribution.",
                       counts=(10, 100, 1000)),
        Action("reset", "Clear draws", "Back to no draws."),
    )
    playable = True
    default_speed = 10
    step_name = "draw"
    count, most, prefix = "samples", MAX_SAMPLES, "draw"
    fresh_on = frozenset({"dist", *ALL_PARAMS})
    layout = (("density", "cdf"), ("formula", "moments"), ("numbers",))
    export_layout = (("density", "cdf"),)
    thumbnail_view = "density"
    thumbnail_steps = 3000
    captions: ClassVar[dict[str, str]] = {
        "density": "Pink: the probability of each value (bars) or the density (curve); the "
                   "dashed line is the mean, the pale band ± one standard deviation. Dark "
                   "grey bars: the draws so far.",
        "cdf": "F(x) = P(X ≤ x): the probability adds up from left to right. Grey: the "
               "share of draws at or below x.",
        "formula": "The probability of each value (PMF) or the density (PDF).",
        "moments": "Its mean and variance, from the parameters.",
        "numbers": "scipy.stats's moments beside the draws'.",
    }
    story_steps = (
        Step("shape", "A distribution is a shape",
             "A binomial counts the successes in n trials that each succeed with "
             "probability p. Each pink bar is the chance of one count; they add up to 1. "
             "Move n and p and watch the mean (dashed) and the spread (grey band) follow "
             "$np$ and $\\sqrt{np(1-p)}$.",
             views=("density", "moments"), controls=("n", "p"), highlight=("n", "p"),
             goal="Make the mean 20 with a standard deviation between 1 and 2.5.",
             done=lambda ex: ex.p.dist == "binomial" and abs(ex.dist.mean() - 20) < 0.05 and
             1 <= ex.dist.std() < 2.5, live=_shape_text, enter=_to_binomial),
        Step("draws", "Draws take its shape",
             "Draw from it. One draw is one count; thousands of draws pile up into the "
             "distribution's shape, and their mean and spread close in on the theory's.",
             views=("density", "numbers"), controls=("draw100", "draw1000", PLAY, "reset"),
             highlight=("draw1000",),
             goal="Draw 10,000 times.", done=lambda ex: ex.p.samples >= 10_000,
             live=_sampled),
        Step("approximations", "Binomial, Poisson, normal",
             "With many trials and a small p the binomial looks like a Poisson with "
             "$\\lambda = np$; with many trials and p near ½, like a normal. The distance "
             "below says how close.",
             views=("density", "cdf"), controls=("n", "p", "compare"),
             highlight=("n", "p"),
             goal=f"With at least 50 trials, bring the Poisson within {TV_GOAL} of the "
                  "binomial (total variation).",
             done=_poisson_close, live=_tv_text, enter=_compare_binomial),
        Step("zoo", "The zoo",
             "Thirteen more: waiting times (geometric, exponential), counts in a "
             "population (hypergeometric), proportions (beta), the t and chi-squared of "
             "statistics' tests. Each shows its own parameters.",
             views=("density", "formula", "cdf"),
             controls=("dist", *ALL_PARAMS, "compare"),
             highlight=("dist",),
             goal="Look at five distributions.", done=lambda ex: len(ex.seen) >= 5,
             live=_seen),
    )

    def check(self, values: Any) -> None:
        d = values["dist"]
        if d == "hypergeometric":
            if values["successes"] > values["population"]:
                raise ParamError("successes", f"successes (K) must be at most the population "
                                              f"N = {values['population']}; got "
                                              f"{values['successes']}.")
            if values["n"] > values["population"]:
                raise ParamError("n", f"n (draws without replacement) must be at most the "
                                      f"population N = {values['population']}; got "
                                      f"{values['n']}.")
        if d == "uniform" and not values["a"] < values["b"]:
            raise ParamError("b", f"b must be above a = {values['a']:g}; got {values['b']:g}.")

    def unused(self) -> set[str]:
        return set(ALL_PARAMS) - set(ZOO[self.p.dist].uses) | (
            set() if approximations(self.p.dist, self.p) else {"compare"})

    def reset(self) -> None:
        self.dist = ZOO[self.p.dist].make(self.p)
        self._blocks: dict[int, Array] = {}
        self._drawn = SortedSample(float(self.dist.median()))  # finite, unlike t's mean
        if not hasattr(self, "seen"):
            self.seen: list[str] = []
        if self.p.dist not in self.seen:
            self.seen.append(self.p.dist)

    # --- draws -----------------------------------------------------------------------------

    def _block(self, b: int) -> Array:
        if b not in self._blocks:
            rng = np.random.default_rng((self.p.seed, b))
            self._blocks[b] = np.asarray(self.dist.rvs(size=BLOCK, random_state=rng),
                                         dtype=float)
        return self._blocks[b]

    def drawn(self) -> SortedSample:
        """The draws so far (grown by the new ones only; rebuilt when the count goes down)."""
        self._drawn = grown(self._drawn, self.p.samples, self._block, BLOCK)
        return self._drawn

    # --- the frame ---------------------------------------------------------------------

    def x_range(self) -> tuple[float, float]:
        d, kind = self.dist, ZOO[self.p.dist]
        tail = 0.02 if self.p.dist == "student_t" and self.p.df <= 2 else 0.001
        lo, hi = float(d.ppf(tail)), float(d.ppf(1 - tail))  # t with df <= 2: heavy tails
        if self.p.dist == "uniform":
            lo, hi = self.p.a, self.p.b
        if self.p.dist == "beta":
            lo, hi = 0.0, 1.0
        if kind.discrete:
            lo, hi = float(d.support()[0]), max(hi, float(d.support()[0]) + 4)
            return lo - 0.7, hi + 0.7
        pad = 0.08 * (hi - lo) if hi > lo else 1.0
        return lo - pad, hi + pad

    def frame(self) -> dict[str, View]:
        drawn = self.drawn()
        kind = ZOO[self.p.dist]
        return {"density": self.density_view(drawn), "cdf": self.cdf_view(drawn),
                "formula": Formula(kind.tex, title=f"The {kind.label} distribution"),
                "moments": Formula(kind.moments, title="Mean and variance"),
                "numbers": self.numbers_view(drawn)}

    def density_view(self, drawn: SortedSample) -> Plot:
        d, kind = self.dist, ZOO[self.p.dist]
        lo, hi = self.x_range()
        layers: list[Any] = []
        mean, sd = float(d.mean()), float(d.std())
        if kind.discrete:
            k = np.arange(np.ceil(lo), np.floor(hi) + 1)
            f = d.pmf(k)
            top = float(f.max()) * 1.25
        else:
            x = np.linspace(lo, hi, 501)
            f = d.pdf(x)
            inner = f[1:-1][np.isfinite(f[1:-1])]  # a beta with α < 1 is infinite at 0
            top = float(inner.max()) * 1.15 if len(inner) else 1.0
        top = top if top > 0 else 1.0
        if np.isfinite(sd):
            layers.append(ShapesLayer("rect", np.array([mean]), np.array([top / 2]),
                                      np.array([2 * sd]), np.array([top]), fill=SPREAD,
                                      opacity=0.25, stroke="", name="mean ± 1 sd"))
        if drawn.k:
            if kind.discrete:
                edges = np.arange(np.ceil(lo), np.floor(hi) + 2) - 0.5
            else:
                edges = np.linspace(lo, hi, BINS + 1)
            counts = drawn.count_between(edges[:-1], edges[1:])
            width = edges[1] - edges[0]
            dens = np.minimum(counts / (drawn.k * width), top)
            mid = (edges[:-1] + edges[1:]) / 2
            layers.append(ShapesLayer("rect", mid, dens / 2, np.full(len(mid), width * 0.9),
                                      dens, fill=DATA, opacity=0.45, stroke="",
                                      name="draws"))
        if kind.discrete:
            layers.append(ShapesLayer("rect", k, f / 2, np.full(len(k), 0.3), f, fill=MODEL,
                                      opacity=0.9, stroke="", name="P(X = k)"))
        else:
            layers.append(LinesLayer(x, np.minimum(f, top * 1.5), MODEL, 2.2,
                                     name="density f(x)"))
        if np.isfinite(mean):
            layers.append(LinesLayer(np.array([mean, mean]), np.array([0.0, top]), MODEL, 1.4,
                                     (6, 4), name="mean"))
        if self.p.compare:
            for (label, a), color in zip(approximations(self.p.dist, self.p), APPROX_COLORS,
                                         strict=False):
                if hasattr(a.dist, "pmf"):  # a discrete approximation: a dot at each k
                    kk = np.arange(np.ceil(lo), np.floor(hi) + 1)
                    layers.append(PointsLayer(kk, np.minimum(a.pmf(kk), top), color=color,
                                              size=4, stroke="", name=label))
                else:
                    xx = np.linspace(lo, hi, 401)
                    layers.append(LinesLayer(xx, np.minimum(a.pdf(xx), top * 1.5), color, 1.8,
                                             name=label))
        title = f"{kind.label}: mean {mean:.3f}, sd {sd:.3f}" if np.isfinite(sd) else \
            f"{kind.label}: mean {mean:.3f}, sd infinite" if np.isfinite(mean) else \
            f"{kind.label}: no mean"
        return Plot(title, "x", "P(X = k)" if kind.discrete else "density", (lo, hi),
                    (0.0, top), layers)

    def cdf_view(self, drawn: SortedSample) -> Plot:
        d, kind = self.dist, ZOO[self.p.dist]
        lo, hi = self.x_range()
        x = np.linspace(lo, hi, 601)
        layers: list[Any] = []
        if drawn.k:
            share = drawn.count_between(-np.inf, np.nextafter(x, np.inf)) / drawn.k
            layers.append(LinesLayer(x, share, DATA, 1.8, name="share of draws ≤ x"))
        layers.append(LinesLayer(x, d.cdf(np.floor(x) if kind.discrete else x), MODEL, 2.2,
                                 name="F(x)"))
        if self.p.compare:
            for (label, a), color in zip(approximations(self.p.dist, self.p), APPROX_COLORS,
                                         strict=False):
                layers.append(LinesLayer(x, a.cdf(x), color, 1.5, (4, 3), name=label))
        return Plot("Cumulative distribution F(x) = P(X ≤ x)", "x", "F(x)", (lo, hi),
                    (0.0, 1.02), layers)

    def numbers_view(self, drawn: SortedSample) -> Table:
        d = self.dist
        m, v, sk = (float(x) for x in d.stats(moments="mvs"))
        k = drawn.k

        def fmt(x: float) -> str:
            return f"{x:.4f}" if np.isfinite(x) else "–"
        rows = [["mean", fmt(m), f"{drawn.mean():.4f}" if k else "–"],
                ["variance", fmt(v), f"{drawn.sd() ** 2:.4f}" if k >= 2 else "–"],
                ["standard deviation", fmt(float(np.sqrt(v))) if np.isfinite(v) else "–",
                 f"{drawn.sd():.4f}" if k >= 2 else "–"],
                ["skewness", fmt(sk), f"{drawn.skew():.4f}" if k >= 3 else "–"]]
        return Table(f"{ZOO[self.p.dist].label}: theory and {k:,} draws",
                     ["", "theory", "draws"], rows)
