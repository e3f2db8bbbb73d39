"""Hypothesis tests and p-values: run an experiment (a control group and a treatment group of
n test scores each), compute the two-sample t statistic, see where it falls in the t
distribution the null hypothesis predicts and read the p-value as the area beyond it; then
repeat the experiment thousands of times to see what "p < 0.05" promises (false positives at
rate α when there is no effect) and what it does not (power, when there is one).

Scores are 100 + 15·z for standard normal z; the treatment adds d·15 points (the effect d in
standard deviations). The z come in seeded blocks (``numpy.random.default_rng((seed, n,
block))``) that do not depend on d, so moving the effect keeps the same experiments and
slides their treatment groups. tests/unit/test_hypothesis_tests.py checks t and p against
``scipy.stats.ttest_ind`` and the power against the noncentral t (``scipy.stats.nct``) and a
simulation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray
from scipy import stats

from mlscope.core.colors import DATA, LABEL_COLORS, MODEL
from mlscope.core.explorable import Action
from mlscope.core.params import FloatParam, IntParam
from mlscope.core.story import PLAY, Step
from mlscope.core.views import AreaLayer, LinesLayer, Plot, PointsLayer, ShapesLayer, Table, View
from mlscope.explorables.maths.revealed import Revealed, count_buttons

Array = NDArray[np.float64]

MAX_EXPERIMENTS = 10_000
BLOCK = 100
BASE, SD = 100.0, 15.0
"""The control group's mean score and every score's standard deviation."""
P_AREA = "#c62828"
"""The p-value's area, and significant results."""
CRIT = "#78909c"
ALT = "#4527a0"
"""The t distribution if the effect is real, and its power."""
GROUPS = ("control", "treatment")
N_GRID = np.unique(np.round(np.geomspace(2, 400, 120)).astype(int))
"""Group sizes at which the power curve is drawn."""


def t_test(mean_a: Array, mean_b: Array, ss_a: Array, ss_b: Array, n: int
           ) -> tuple[Array, Array]:
    """Student's two-sample t test (equal variances, two-sided) for groups of n with these
    means and sums of squared deviations: (t, p), t = (x̄_b − x̄_a) / (s_p √(2/n))."""
    df = 2 * n - 2
    sp = np.sqrt((ss_a + ss_b) / df)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = (mean_b - mean_a) / (sp * np.sqrt(2.0 / n))
    return t, 2 * stats.t.sf(np.abs(t), df)


def critical_t(n: int, alpha: float) -> float:
    """|t| beyond which a two-sided test at level α rejects the null."""
    return float(stats.t.isf(alpha / 2, 2 * n - 2))


def power(d: float | Array, n: int | Array, alpha: float) -> Any:
    """The chance a two-sided two-sample t test at level α rejects when the true effect is
    d standard deviations, groups of n: the noncentral t's mass beyond ±t*."""
    n = np.asarray(n)
    df = 2 * n - 2
    crit = stats.t.isf(alpha / 2, df)
    nc = np.asarray(d) * np.sqrt(n / 2.0)
    return stats.nct.sf(crit, df, nc) + stats.nct.cdf(-crit, df, nc)


@dataclass
class Block:
    """BLOCK experiments in standard units (the effect not yet added): each group's mean
    and sum of squared deviations, shape (BLOCK,)."""

    mean_a: Array
    mean_b: Array
    ss_a: Array
    ss_b: Array


def _one(ex: HypothesisTests) -> str:
    k = ex.p.experiments
    if not k:
        return "Run an experiment."
    a, b = ex.last_groups()
    t, p = ex.last_test()
    return (f"Experiment {k}: the treatment group scored **{b.mean() - a.mean():+.1f}** "
            f"points on average (t = **{t:.2f}**, p = **{p:.3f}**).")


def _verdict(ex: HypothesisTests) -> str:
    k = ex.p.experiments
    if not k:
        return "Run an experiment."
    t, p = ex.last_test()
    sig = p < ex.p.alpha
    return (f"t = **{t:.2f}**: a difference at least this large, either way, happens by "
            f"chance alone with probability p = **{p:.3f}**. That is "
            f"{'below' if sig else 'not below'} α = {ex.p.alpha:g}: "
            f"{'significant' if sig else 'not significant'}.")


def _share(ex: HypothesisTests) -> str:
    k = ex.p.experiments
    if not k:
        return "Run experiments."
    s = ex.significant_share()
    what = ("all of them false positives, as there is no effect" if ex.p.effect == 0 else
            f"the test's power at d = {ex.p.effect:g} is {ex.power():.1%}")
    return (f"{k:,} experiments: **{s:.1%}** had p < α = {ex.p.alpha:g}; {what}.")


def _to_effect(d: float) -> Any:
    def enter(ex: HypothesisTests) -> None:
        if ex.p.effect != d:
            ex.set(effect=d)
    return enter


class HypothesisTests(Revealed):
    slug = "hypothesis-tests"
    title = "Hypothesis tests and p-values"
    topic = "maths"
    summary = ("Run an experiment, compute t and its p-value from the null distribution, "
               "then repeat it thousands of times: false positives at rate α, and power.")
    params = (
        FloatParam("effect", 0.5, 0.0, 1.5, step=0.05, label="true effect d", effect="view",
                   doc="How much the treatment raises scores, in standard deviations "
                       "(15 points each); 0: no effect at all."),
        IntParam("n", 20, 2, 400, log=True, label="group size n",
                 doc="Pupils in each group. A new n runs new experiments."),
        FloatParam("alpha", 0.05, 0.001, 0.2, step=0.001, label="significance level α",
                   effect="view", doc="Call a result significant when p is below this."),
        IntParam("experiments", 0, 0, MAX_EXPERIMENTS, label="experiments so far",
                 effect="view", advanced=True, doc="How many of the seed's experiments "
                                                   "are run."),
    )
    actions = (
        *count_buttons("run", "1 experiment", "Run one more experiment and test it."),
        Action("reset", "Start again", "No experiments."),
    )
    playable = True
    default_speed = 2
    step_name = "experiment"
    count, most, prefix = "experiments", MAX_EXPERIMENTS, "run"
    fresh_on = frozenset({"n"})
    layout = (("groups", "null"), ("pvalues", "power"), ("numbers",))
    export_layout = (("null", "pvalues"),)
    thumbnail_view = "null"
    thumbnail_steps = 3
    captions: ClassVar[dict[str, str]] = {
        "groups": "The newest experiment: each dot a pupil's score, the bars the groups' "
                  "means.",
        "null": "Grey: how t falls if the treatment did nothing. Pink: your t; red: its "
                "p-value, the area beyond ±t. Purple (power steps): how t falls if the "
                "effect is real. Dashed: ±t*, where p falls below α.",
        "pvalues": "The p-values of every experiment so far, as a density; red bars are "
                   "significant. Dashed: what no effect gives (uniform).",
        "power": "The chance of p < α as the group size grows (theory), and the share of "
                 "your experiments (dot, with ±2 standard errors).",
        "numbers": "Significant results so far against what theory predicts.",
    }
    story_steps = (
        Step("one", "One experiment",
             "Does a new teaching method raise test scores? Teach n pupils each way and "
             "compare the two groups' means. One group always scores higher, even when "
             "the method does nothing. Is this difference more than chance?",
             views=("groups",), controls=("run1",), highlight=("run1",),
             goal="Run 5 experiments.", done=lambda ex: ex.p.experiments >= 5, live=_one),
        Step("null", "The p-value",
             "The t statistic is the difference in units of its standard error. If the "
             "method did nothing (the **null hypothesis**), t would follow the grey curve. "
             "The p-value is its area beyond your t, on both sides: how often chance alone "
             "gives a difference at least this large. Below α, we call it significant.",
             views=("null", "groups"), controls=("run1", "alpha"), highlight=("null",),
             goal="Run experiments until one is significant.",
             done=lambda ex: ex.p.experiments > 0 and ex.last_test()[1] < ex.p.alpha,
             live=_verdict),
        Step("no-effect", "When there is nothing to find",
             "Set the effect to 0 and run a thousand experiments. Now every significant "
             "result is a false positive, and they come at rate α: when the null is true, "
             "p-values are spread evenly between 0 and 1. “p < 0.05” promises only this: "
             "a method that does nothing passes 5 % of the time.",
             views=("pvalues", "numbers"), controls=("effect", "run100", "run1000", PLAY),
             highlight=("run1000",),
             goal="With no effect, run 1,000 experiments.",
             done=lambda ex: ex.p.effect == 0 and ex.p.experiments >= 1000, live=_share,
             enter=_to_effect(0.0)),
        Step("power", "Power: finding what is there",
             "With a real effect of half a standard deviation, groups of 20 find it only "
             "about a third of the time. Power, the chance of p < α when the effect is "
             "real, grows with n and with the effect: the purple area under the curve t "
             "follows when the effect is real.",
             views=("power", "null"), controls=("n", "effect", "run1000"),
             highlight=("n",),
             goal="Raise n until the power is at least 80 %, and check it with 1,000 "
                  "experiments.",
             done=lambda ex: ex.p.effect > 0 and ex.power() >= 0.8 and
             ex.p.experiments >= 1000, live=_share, enter=_to_effect(0.5)),
        Step("trade-off", "Fewer false positives cost power",
             "A stricter α makes false positives rarer, and real effects harder to "
             "detect: the dashed lines move out, and the purple area shrinks. Only more "
             "data buys both.",
             views=("null", "power"), controls=("alpha", "n", "run1000"),
             highlight=("alpha",),
             goal="Set α to 0.01 and find the n that gives 80 % power again.",
             done=lambda ex: ex.p.alpha <= 0.01 and ex.p.effect > 0 and ex.power() >= 0.8,
             live=_share),
    )

    def reset(self) -> None:
        self._blocks: dict[int, Block] = {}
        self._raw: tuple[int, Array, Array] | None = None
        self._tests: tuple[tuple[int, float], tuple[Array, Array]] | None = None

    # --- the experiments -----------------------------------------------------------------

    def _draw(self, b: int) -> tuple[Array, Array]:
        """Block b's standard normal draws: (control, treatment), each (BLOCK, n)."""
        rng = np.random.default_rng((self.p.seed, self.p.n, b))
        return rng.standard_normal((BLOCK, self.p.n)), rng.standard_normal((BLOCK, self.p.n))

    def block(self, b: int) -> Block:
        if b not in self._blocks:
            za, zb = self._draw(b)
            ma, mb = za.mean(axis=1), zb.mean(axis=1)
            self._blocks[b] = Block(ma, mb, ((za - ma[:, None]) ** 2).sum(axis=1),
                                    ((zb - mb[:, None]) ** 2).sum(axis=1))
        return self._blocks[b]

    def tests(self) -> tuple[Array, Array]:
        """(t, p) of every experiment so far, with the effect as it is now."""
        k, d = self.p.experiments, self.p.effect
        if not k:
            return np.empty(0), np.empty(0)
        if self._tests is None or self._tests[0] != (k, d):
            blocks = [self.block(b) for b in range((k - 1) // BLOCK + 1)]
            ma, mb, sa, sb = (np.concatenate([getattr(bl, f) for bl in blocks])[:k]
                              for f in ("mean_a", "mean_b", "ss_a", "ss_b"))
            self._tests = ((k, d), t_test(ma, mb + d, sa, sb, self.p.n))
        return self._tests[1]

    def last_groups(self) -> tuple[Array, Array]:
        """The newest experiment's scores: (control, treatment)."""
        k = self.p.experiments - 1
        b, i = divmod(k, BLOCK)
        if self._raw is None or self._raw[0] != b:
            za, zb = self._draw(b)
            self._raw = (b, za, zb)
        _, za, zb = self._raw
        return BASE + SD * za[i], BASE + SD * (zb[i] + self.p.effect)

    def last_test(self) -> tuple[float, float]:
        a, b = self.last_groups()
        t, p = t_test(np.array([a.mean()]), np.array([b.mean()]),
                      np.array([((a - a.mean()) ** 2).sum()]),
                      np.array([((b - b.mean()) ** 2).sum()]), self.p.n)
        return float(t[0]), float(p[0])

    def significant_share(self) -> float:
        _, p = self.tests()
        return float(np.mean(p < self.p.alpha)) if len(p) else float("nan")

    def power(self) -> float:
        """The test's power at the effect, n and α now (α itself when there is no effect)."""
        return float(power(self.p.effect, self.p.n, self.p.alpha))

    # --- the frame ---------------------------------------------------------------------

    def frame(self) -> dict[str, View]:
        return {"groups": self.groups_view(), "null": self.null_view(),
                "pvalues": self.pvalues_view(), "power": self.power_view(),
                "numbers": self.numbers_view()}

    def groups_view(self) -> Plot:
        lo, hi = BASE - 4 * SD, BASE + (4 + 1.5) * SD
        layers: list[Any] = []
        title = "No experiment yet"
        if self.p.experiments:
            for g, (x, name) in enumerate(zip(self.last_groups(), GROUPS, strict=True)):
                y = g + 0.5 + 0.5 * (np.arange(len(x)) % 7 - 3) / 7
                layers.append(PointsLayer(np.clip(x, lo, hi), y, color=LABEL_COLORS[g],
                                          size=3.5, name=name))
                m = float(x.mean())
                layers.append(LinesLayer(np.array([m, m]), np.array([g + 0.1, g + 0.9]),
                                         LABEL_COLORS[g], 3.0))
            a, b = self.last_groups()
            t, p = self.last_test()
            title = (f"Experiment {self.p.experiments}: means {a.mean():.1f} and "
                     f"{b.mean():.1f}, t = {t:.2f}, p = {p:.3f}")
        return Plot(title, "test score", "group", (lo, hi), (0.0, 2.0), layers, y_ticks=[],
                    aspect=2.2)

    def null_view(self) -> Plot:
        n, alpha, d = self.p.n, self.p.alpha, self.p.effect
        df = 2 * n - 2
        nc = d * np.sqrt(n / 2.0)
        hi = max(5.0, nc + 4.0)
        lo = -5.0
        x = np.linspace(lo, hi, 601)
        null = stats.t.pdf(x, df)
        top = 0.45
        layers: list[Any] = []
        crit = critical_t(n, alpha)
        step = self.p.step
        power_shown = step in ("power", "trade-off", "free")
        if d > 0 and power_shown:
            alt = stats.nct.pdf(x, df, nc)
            reject = np.abs(x) >= crit
            layers.append(AreaLayer(x, np.where(reject, alt, 0.0), color=ALT, opacity=0.22,
                                    outline=False,
                                    name=f"power {self.power():.0%}"))
            layers.append(LinesLayer(x, alt, ALT, 1.8, (5, 3), name=f"t if d = {d:g}"))
        layers.append(LinesLayer(x, null, DATA, 2.0, name="t if no effect"))
        title = f"t if there were no effect: {df} degrees of freedom"
        if power_shown and d > 0:
            title = f"If the effect is d = {d:g}, t lands beyond ±t* {self.power():.1%} " \
                "of the time"
        if self.p.experiments and step not in ("power", "trade-off"):
            t, p = self.last_test()
            beyond = np.abs(x) >= abs(t)
            layers.append(AreaLayer(x, np.where(beyond, null, 0.0), color=P_AREA, opacity=0.55,
                                    outline=False, name=f"p = {p:.3f}"))
            tc = float(np.clip(t, lo, hi))
            layers.append(LinesLayer(np.array([tc, tc]), np.array([0.0, top * 0.9]), MODEL,
                                     2.4, name=f"your t = {t:.2f}"))
            verdict = "significant" if p < alpha else "not significant"
            title = f"t = {t:.2f}, p = {p:.3f}: {verdict}"
        cx = np.array([-crit, -crit, np.nan, crit, crit])
        layers.append(LinesLayer(cx, np.array([0.0, top, np.nan, 0.0, top]), CRIT, 1.4, (6, 4),
                                 name=f"±t* for α = {alpha:g}"))
        return Plot(title, "t", "density", (lo, hi), (0.0, top), layers)

    def pvalues_view(self) -> Plot:
        k, alpha = self.p.experiments, self.p.alpha
        edges = np.union1d(np.linspace(0.0, 1.0, 21), [alpha])
        layers: list[Any] = []
        top = 2.0
        if k:
            _, p = self.tests()
            counts, _ = np.histogram(p, edges)
            width = np.diff(edges)
            dens = counts / (k * width)
            top = float(min(30.0, max(2.0, 1.15 * dens.max())))
            mid = (edges[:-1] + edges[1:]) / 2
            sig = edges[1:] <= alpha + 1e-12
            for mask, color, name in ((sig, P_AREA, "p < α: significant"),
                                      (~sig, DATA, "not significant")):
                h = np.minimum(dens[mask], top)
                layers.append(ShapesLayer("rect", mid[mask], h / 2, width[mask] * 0.94, h,
                                          fill=color, opacity=0.6, stroke="", name=name))
        layers.append(LinesLayer(np.array([0.0, 1.0]), np.ones(2), CRIT, 1.6, (6, 4),
                                 name="no effect (uniform)"))
        return Plot(f"p-values of {k:,} experiments", "p-value", "density", (0.0, 1.0),
                    (0.0, top), layers)

    def power_view(self) -> Plot:
        d, alpha, n = self.p.effect, self.p.alpha, self.p.n
        x = np.log10(N_GRID)
        layers: list[Any] = [
            LinesLayer(np.log10([2.0, 400.0]), np.full(2, alpha), CRIT, 1.4, (6, 4),
                       name=f"α = {alpha:g}"),
            LinesLayer(np.log10([2.0, 400.0]), np.full(2, 0.8), "#b0bec5", 1.0, (2, 3),
                       name="80 %"),
            LinesLayer(x, np.asarray(power(d, N_GRID, alpha), dtype=float), ALT, 2.0,
                       name=f"power at d = {d:g}")]
        k = self.p.experiments
        if k:
            s = self.significant_share()
            se = np.sqrt(max(s * (1 - s), 1e-12) / k)
            lx = np.log10(n)
            layers.append(LinesLayer(np.array([lx, lx]),
                                     np.clip([s - 2 * se, s + 2 * se], 0, 1), DATA, 2.0))
            layers.append(PointsLayer(np.array([lx]), np.array([s]), color=DATA, size=6,
                                      name=f"{k:,} experiments at n = {n}"))
        ticks = [(float(np.log10(v)), str(v)) for v in (2, 5, 10, 20, 50, 100, 200, 400)]
        return Plot(f"Power at n = {n}: {self.power():.1%}", "group size n (log scale)",
                    "chance of p < α", (float(x[0]), float(x[-1])), (0.0, 1.0), layers,
                    x_ticks=ticks)

    def numbers_view(self) -> Table:
        k, d, alpha = self.p.experiments, self.p.effect, self.p.alpha
        _, p = self.tests()
        kind = "false positives" if d == 0 else "true positives"
        rows = []
        levels = {f"p < α = {alpha:g}": alpha}
        levels.update({f"p < {v:g}": v for v in (0.01, 0.001) if v != alpha})
        for name, level in levels.items():
            hits = int(np.sum(p < level))
            rows.append([name, f"{hits:,}", f"{hits / k:.1%}" if k else "–",
                         f"{float(power(d, self.p.n, level)):.1%}", kind])
        return Table(f"{k:,} experiments of n = {self.p.n} per group, d = {self.p.effect:g}",
                     ["result", "count", "share", "theory", "they are"], rows)
