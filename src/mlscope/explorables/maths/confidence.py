"""Confidence intervals: draw a sample, build its t interval (and a bootstrap one beside it),
repeat a hundred times and see about 5 % of the 95 % intervals miss the true mean; change
the level, the sample size and the population, and watch the coverage follow, or fail
(Seeing Theory's "Confidence Interval").

Experiments come in seeded blocks of 100: a block's samples, and its bootstrap resamples
(400 per sample), from ``numpy.random.default_rng((seed, n, population, block))``, so a link
replays them. tests/unit/test_confidence.py checks the t interval against
``scipy.stats.t.interval`` and the bootstrap against ``scipy.stats.bootstrap``'s percentile
method, and the coverage against the level.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray
from scipy import stats

from mlscope.core.colors import DATA
from mlscope.core.explorable import Action
from mlscope.core.params import ChoiceParam, FloatParam, IntParam
from mlscope.core.story import PLAY, Step
from mlscope.core.views import LinesLayer, Plot, PointsLayer, Table, View
from mlscope.explorables.maths.revealed import Revealed, count_buttons

Array = NDArray[np.float64]

MAX_EXPERIMENTS = 10_000
BLOCK = 100
RESAMPLES = 400
SHOWN = 100
"""The intervals view shows the last this many experiments."""
POPULATIONS = ("normal", "skewed", "uniform")
POP_LABELS = ("normal (μ 10, σ 3)", "skewed (exponential, mean 10)", "uniform on [0, 20]")
TRUE_MEAN = 10.0
TRUTH = "#2e7d32"
MISS = "#c62828"
BOOT = "#4527a0"
NOMINAL = "#90a4ae"


def population_draws(name: str, rng: np.random.Generator, shape: tuple[int, int]) -> Array:
    """Draws from the population ``name`` (each has mean 10)."""
    if name == "normal":
        return rng.normal(TRUE_MEAN, 3.0, shape)
    if name == "skewed":
        return rng.exponential(TRUE_MEAN, shape)
    return rng.uniform(0.0, 2 * TRUE_MEAN, shape)


def t_interval(means: Array, sds: Array, n: int, level: float) -> tuple[Array, Array]:
    """The t interval for the mean of samples of n with these means and sds (ddof 1):
    x̄ ± t_{(1+level)/2, n-1} · s/√n."""
    half = stats.t.ppf((1 + level) / 2, n - 1) * sds / np.sqrt(n)
    return means - half, means + half


def percentile_interval(boot_means: Array, level: float, is_sorted: bool = False
                        ) -> tuple[Array, Array]:
    """Each row's bootstrap percentile interval from its resample means (numpy's linear
    quantiles; ``is_sorted`` when each row already is)."""
    rows = boot_means if is_sorted else np.sort(boot_means, axis=1)
    m = rows.shape[1]
    out = []
    for q in ((1 - level) / 2, (1 + level) / 2):
        at = q * (m - 1)
        lo = int(np.floor(at))
        hi = min(lo + 1, m - 1)
        out.append(rows[:, lo] + (at - lo) * (rows[:, hi] - rows[:, lo]))
    return out[0], out[1]


@dataclass
class Block:
    """BLOCK experiments: the samples (BLOCK, n), their means and sds (ddof 1), and each
    one's bootstrap resample means, sorted (BLOCK, RESAMPLES)."""

    samples: Array
    means: Array
    sds: Array
    boot: Array


def _one(ex: Confidence) -> str:
    k = ex.p.experiments
    if not k:
        return "Draw a sample."
    lo, hi = ex.t_bounds()
    hit = lo[-1] <= TRUE_MEAN <= hi[-1]
    return (f"Sample {k}: mean **{ex.sample_means()[-1]:.2f}**, t interval "
            f"**[{lo[-1]:.2f}, {hi[-1]:.2f}]**: it {'holds' if hit else 'misses'} the true "
            f"mean 10. In real life you never know which.")


def _coverage(ex: Confidence) -> str:
    k = ex.p.experiments
    if not k:
        return "Draw samples."
    t, b = ex.coverage()
    return (f"{k:,} intervals: the t intervals held the true mean **{t:.1%}** of the time, the "
            f"bootstrap ones **{b:.1%}**; the level is {ex.p.level:.0%}.")


def _to_skewed_small(ex: Confidence) -> None:
    if ex.p.population != "skewed" or ex.p.n > 5:
        ex.set(population="skewed", n=min(ex.p.n, 5))


class Confidence(Revealed):
    slug = "confidence"
    title = "Confidence intervals"
    topic = "maths"
    summary = ("Draw a hundred samples and their 95 % intervals: about five miss the true "
               "mean. Change the level, n and the population; t and bootstrap side by side.")
    params = (
        ChoiceParam("population", "normal", options=POPULATIONS, labels=POP_LABELS,
                    label="population", doc="What each sample is drawn from; its mean is 10."),
        IntParam("n", 10, 2, 100, label="sample size n",
                 doc="Values in each sample. A new n draws new samples."),
        FloatParam("level", 0.95, 0.5, 0.99, step=0.01, label="confidence level",
                   effect="view", doc="The share of intervals meant to hold the true mean."),
        IntParam("experiments", 0, 0, MAX_EXPERIMENTS, label="samples so far", effect="view",
                 advanced=True, doc="How many of the seed's samples are drawn."),
    )
    actions = (
        *count_buttons("draw", "1 sample", "Draw one more sample and its intervals."),
        Action("reset", "Start again", "No samples."),
    )
    playable = True
    default_speed = 2
    step_name = "sample"
    count, most, prefix = "experiments", MAX_EXPERIMENTS, "draw"
    fresh_on = frozenset({"population", "n"})
    layout = (("intervals", "sample"), ("coverage", "numbers"))
    export_layout = (("intervals", "coverage"),)
    thumbnail_view = "intervals"
    thumbnail_steps = 100
    captions: ClassVar[dict[str, str]] = {
        "intervals": "The last 100 samples' t intervals, newest at the top: grey ones hold "
                     "the true mean (green), red ones miss it. Dots: each sample's mean.",
        "sample": "The newest sample's values, its t interval and its bootstrap interval.",
        "coverage": "The share of intervals so far that hold the true mean, on a log scale "
                    "of samples; dashed: the level.",
        "numbers": "Coverage and average width of each kind of interval.",
    }
    story_steps = (
        Step("one", "One sample, one interval",
             "Draw a sample of n values and take its mean. The t interval, "
             "$\\bar x \\pm t\\,s/\\sqrt n$, is built to hold the true mean for 95 % of all "
             "samples; for this one, it either does or does not.",
             views=("sample", "intervals"), controls=("draw1", "draw10"),
             highlight=("draw1",),
             goal="Draw 20 samples.", done=lambda ex: ex.p.experiments >= 20, live=_one),
        Step("many", "What 95 % means",
             "Repeat. About one interval in twenty misses (red). 95 % is a promise about "
             "the method, over many samples, not about any one interval.",
             views=("intervals", "coverage"), controls=("draw100", "draw1000", PLAY),
             highlight=("draw1000",),
             goal="Draw 1,000 samples.", done=lambda ex: ex.p.experiments >= 1000,
             live=_coverage),
        Step("level", "More confidence, wider intervals",
             "Ask for 99 %: every interval widens to keep the promise. Ask for 80 %: "
             "they narrow, and one in five misses.",
             views=("intervals", "numbers"), controls=("level", "n", "draw1000"),
             highlight=("level",),
             goal="Set the level to 99 % and draw 1,000 samples.",
             done=lambda ex: ex.p.level >= 0.99 and ex.p.experiments >= 1000,
             live=_coverage),
        Step("skewed", "When the promise breaks",
             "The t interval assumes a normal population, or a large n. From a skewed "
             "population with n = 5, it misses more often than it says; the bootstrap, "
             "which resamples the sample itself, does no better with so few values. "
             "Raise n and both recover.",
             views=("coverage", "numbers"), controls=("n", "population", "draw1000"),
             highlight=("n",),
             goal="With the skewed population, raise n until the t intervals' coverage is "
                  "within two points of the level (over at least 2,000 samples).",
             done=lambda ex: ex.p.population == "skewed" and ex.p.experiments >= 2000 and
             abs(ex.coverage()[0] - ex.p.level) <= 0.02,
             live=_coverage, enter=_to_skewed_small),
    )

    def reset(self) -> None:
        self._blocks: dict[int, Block] = {}
        self._bounds: dict[tuple[int, float], tuple[Array, Array, Array, Array]] = {}

    # --- the experiments -----------------------------------------------------------------

    def block(self, b: int) -> Block:
        """Block b's BLOCK samples, drawn once: the samples, their means and sds, and each
        one's RESAMPLES bootstrap means, sorted."""
        if b not in self._blocks:
            pop = POPULATIONS.index(self.p.population)
            rng = np.random.default_rng((self.p.seed, self.p.n, pop, b))
            samples = population_draws(self.p.population, rng, (BLOCK, self.p.n))
            boot = np.empty((BLOCK, RESAMPLES))
            for i, x in enumerate(samples):  # one sample at a time: memory stays small
                boot[i] = x[rng.integers(self.p.n, size=(RESAMPLES, self.p.n))].mean(axis=1)
            boot.sort(axis=1)
            self._blocks[b] = Block(samples, samples.mean(axis=1),
                                    samples.std(axis=1, ddof=1), boot)
        return self._blocks[b]

    def bounds(self) -> tuple[Array, Array, Array, Array]:
        """(t low, t high, bootstrap low, bootstrap high) of every sample so far."""
        k, level = self.p.experiments, self.p.level
        if (k, level) not in self._bounds:
            if len(self._bounds) > 64:
                self._bounds.clear()
            blocks = [self.block(b) for b in range((k - 1) // BLOCK + 1)] if k else []
            mean = np.concatenate([bl.means for bl in blocks])[:k] if k else np.empty(0)
            sd = np.concatenate([bl.sds for bl in blocks])[:k] if k else np.empty(0)
            tlo, thi = t_interval(mean, sd, self.p.n, level)
            boot = [percentile_interval(bl.boot, level, is_sorted=True) for bl in blocks]
            blo = np.concatenate([q[0] for q in boot])[:k] if k else np.empty(0)
            bhi = np.concatenate([q[1] for q in boot])[:k] if k else np.empty(0)
            self._bounds[(k, level)] = (tlo, thi, blo, bhi)
        return self._bounds[(k, level)]

    def last_sample(self) -> Array:
        k = self.p.experiments - 1
        return np.asarray(self.block(k // BLOCK).samples[k % BLOCK])

    def sample_means(self) -> Array:
        k = self.p.experiments
        if not k:
            return np.empty(0)
        return np.concatenate([self.block(b).means for b in range((k - 1) // BLOCK + 1)])[:k]

    def t_bounds(self) -> tuple[Array, Array]:
        lo, hi, _, _ = self.bounds()
        return lo, hi

    def boot_bounds(self) -> tuple[Array, Array]:
        _, _, lo, hi = self.bounds()
        return lo, hi

    def coverage(self) -> tuple[float, float]:
        """The share of t intervals and of bootstrap intervals so far that hold the mean."""
        tl, th, bl, bh = self.bounds()
        if not len(tl):
            return float("nan"), float("nan")
        return (float(np.mean((tl <= TRUE_MEAN) & (th >= TRUE_MEAN))),
                float(np.mean((bl <= TRUE_MEAN) & (bh >= TRUE_MEAN))))

    # --- the frame ---------------------------------------------------------------------

    def x_range(self) -> tuple[float, float]:
        return (0.0, 20.0) if self.p.population != "skewed" else (0.0, 30.0)

    def frame(self) -> dict[str, View]:
        return {"intervals": self.intervals_view(), "sample": self.sample_view(),
                "coverage": self.coverage_view(), "numbers": self.numbers_view()}

    def intervals_view(self) -> Plot:
        k = self.p.experiments
        lo_x, hi_x = self.x_range()
        layers: list[Any] = [LinesLayer(np.array([TRUE_MEAN, TRUE_MEAN]),
                                        np.array([0.0, SHOWN + 1.0]), TRUTH, 1.8,
                                        name="true mean")]
        if k:
            lo, hi = self.t_bounds()
            first = max(0, k - SHOWN)
            lo, hi = lo[first:], hi[first:]
            means = self.sample_means()[first:]
            y = np.arange(1, len(lo) + 1, dtype=float)
            hit = (lo <= TRUE_MEAN) & (hi >= TRUE_MEAN)
            for mask, color, name in ((hit, DATA, "holds the mean"),
                                      (~hit, MISS, "misses it")):
                if mask.any():
                    xs = np.column_stack([np.clip(lo[mask], lo_x, hi_x),
                                          np.clip(hi[mask], lo_x, hi_x),
                                          np.full(mask.sum(), np.nan)]).ravel()
                    ys = np.repeat(y[mask], 3)
                    layers.append(LinesLayer(xs, ys, color, 1.6, name=name))
            layers.append(PointsLayer(np.clip(means, lo_x, hi_x), y, color=DATA, size=2.2,
                                      stroke="", name="sample mean"))
        missed = "" if not k else \
            f" · {int(np.sum(~self._hits_shown()))} of the last {min(k, SHOWN)} miss"
        return Plot(f"{self.p.level:.0%} t intervals{missed}", "value", "sample",
                    (lo_x, hi_x), (0.0, SHOWN + 1.0), layers, aspect=1.1, y_ticks=[])

    def _hits_shown(self) -> NDArray[np.bool_]:
        lo, hi = self.t_bounds()
        first = max(0, self.p.experiments - SHOWN)
        return np.asarray((lo[first:] <= TRUE_MEAN) & (hi[first:] >= TRUE_MEAN))

    def sample_view(self) -> Plot:
        lo_x, hi_x = self.x_range()
        layers: list[Any] = [LinesLayer(np.array([TRUE_MEAN, TRUE_MEAN]), np.array([0.0, 4.0]),
                                        TRUTH, 1.8, name="true mean")]
        title = "No sample yet"
        if self.p.experiments:
            x = self.last_sample()
            jitter = 0.6 + 0.5 * (np.arange(len(x)) % 5) / 4
            layers.append(PointsLayer(np.clip(x, lo_x, hi_x), jitter, color=DATA, size=3.5,
                                      name="the sample"))
            tl, th, bl, bh = (b[-1:] for b in self.bounds())
            for (a, b), y, color, name in (((tl[0], th[0]), 2.4, DATA, "t interval"),
                                           ((bl[0], bh[0]), 3.2, BOOT, "bootstrap interval")):
                layers.append(LinesLayer(np.array([a, b]), np.array([y, y]), color, 3.0,
                                         name=name))
            mean = float(x.mean())
            layers.append(PointsLayer(np.array([mean, mean]), np.array([2.4, 3.2]),
                                      color="#ffffff", stroke=DATA, size=5, name="its mean"))
            title = f"Sample {self.p.experiments}: mean {mean:.2f}"
        return Plot(title, "value", "", (lo_x, hi_x), (0.0, 4.0), layers, y_ticks=[])

    def coverage_view(self) -> Plot:
        k = self.p.experiments
        layers: list[Any] = [LinesLayer(np.array([0.0, 4.0]), np.full(2, self.p.level),
                                        NOMINAL, 1.8, (6, 4), name=f"level {self.p.level:.0%}")]
        if k:
            (tl, th), (bl, bh) = self.t_bounds(), self.boot_bounds()
            count = np.arange(1, k + 1)
            idx = np.unique(np.geomspace(1, k, min(k, 300)).astype(int)) - 1
            x = np.log10(idx + 1.0)
            for lo, hi, color, name in ((tl, th, DATA, "t"), (bl, bh, BOOT, "bootstrap")):
                share = np.cumsum((lo <= TRUE_MEAN) & (hi >= TRUE_MEAN)) / count
                layers.append(LinesLayer(x, share[idx], color, 2.0, name=name))
        bottom = min(0.5, self.p.level - 0.2)
        ticks = [(float(e), t) for e, t in enumerate(("1", "10", "100", "1k", "10k"))]
        return Plot("Coverage so far", "samples (log scale)", "share holding the mean",
                    (0.0, 4.0), (bottom, 1.0), layers, x_ticks=ticks)

    def numbers_view(self) -> Table:
        k = self.p.experiments
        t, b = self.coverage()
        rows = []
        for name, (lo, hi), cov in (("t", self.t_bounds(), t),
                                    ("bootstrap (percentile)", self.boot_bounds(), b)):
            rows.append([name, f"{cov:.1%}" if k else "–", f"{self.p.level:.0%}",
                         f"{np.mean(hi - lo):.3f}" if k else "–"])
        return Table(f"{k:,} samples of {self.p.n}",
                     ["interval", "coverage", "level", "average width"], rows)
