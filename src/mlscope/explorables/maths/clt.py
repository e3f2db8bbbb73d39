"""The central limit theorem: draw samples of n numbers from a source (uniform, exponential,
two bumps, a die, or one you draw), take each sample's mean, and watch the means pile up
into a bell of width σ/√n whatever the source's shape, with a Q-Q plot that straightens as
n grows (Victor Powell's and Seeing Theory's central limit theorem pages).

Samples come in blocks of 1,000 from ``numpy.random.default_rng((seed, block))``, so a link
with ``seed`` and ``samples`` shows the same means, and 100,000 of them cost no frame more
than a block's draws. Sources: ``clt_sources``.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray
from scipy import stats

from mlscope.core.colors import DATA, MODEL
from mlscope.core.explorable import Action
from mlscope.core.params import BoolParam, ChoiceParam, IntParam, ParamError, VectorParam
from mlscope.core.story import PLAY, Step
from mlscope.core.views import Bars, LinesLayer, Plot, PointsLayer, ShapesLayer, Table, View
from mlscope.explorables.maths.clt_sources import (
    DRAWN_BARS,
    DRAWN_DEFAULT,
    LABELS,
    SOURCES,
    Source,
)
from mlscope.explorables.maths.revealed import Revealed, count_buttons
from mlscope.explorables.maths.sorted_sample import SortedSample, grown

Array = NDArray[np.float64]

MAX_SAMPLES = 100_000
BLOCK = 1000
"""Sample means are drawn this many at a time, each block from its own seeded generator."""
BINS = 41
QQ_POINTS = 200
"""The Q-Q plot shows this many quantiles of the means (all of them below that)."""
FAINT = "#b8c0c8"


def qq_points(means: Array, mu: float, se: float, is_sorted: bool = False
              ) -> tuple[Array, Array]:
    """(normal quantiles, the standardised means' quantiles) at QQ_POINTS probabilities
    (numpy's linear quantiles; ``is_sorted`` when ``means`` already is)."""
    m = min(len(means), QQ_POINTS)
    probs = (np.arange(1, m + 1) - 0.5) / m
    ordered = means if is_sorted else np.sort(means)
    at = probs * (len(ordered) - 1)
    lo = np.floor(at).astype(int)
    hi = np.minimum(lo + 1, len(ordered) - 1)
    q = ordered[lo] + (at - lo) * (ordered[hi] - ordered[lo])
    return stats.norm.ppf(probs), (q - mu) / se


def _one(ex: Clt) -> str:
    k = ex.p.samples
    if k == 0:
        return f"No samples yet. Each sample is {ex.p.n} numbers from the source."
    last = ex.last_sample()
    return (f"Sample {k:,}: {ex.p.n} numbers, mean **{last.mean():.2f}**. "
            f"The {k:,} {'mean' if k == 1 else 'means'} so far average "
            f"**{ex.so_far().mean():.3f}**; the source's mean is {ex.mu:.3f}.")


def _spread(ex: Clt) -> str:
    if ex.p.samples < 2:
        return f"σ/√n = {ex.sigma:.3f}/√{ex.p.n} = **{ex.se:.3f}**: draw samples to compare."
    return (f"The means' standard deviation is **{ex.so_far().sd():.3f}**; "
            f"σ/√n = {ex.sigma:.3f}/√{ex.p.n} = **{ex.se:.3f}**. Four times the sample, half "
            "the spread.")


def _shape(ex: Clt) -> str:
    g = ex.source.skewness()
    said = (f"The source's skewness is **{g:.2f}**; the means' is {g:.2f}/√{ex.p.n} = "
            f"**{g / np.sqrt(ex.p.n):.2f}**")
    if ex.p.samples >= 30:
        said += f" (the samples give {ex.so_far().skew():.2f})"
    return said + ". 0 is a symmetric bell."


def _drawn(ex: Clt) -> str:
    g = ex.source.skewness()
    return (f"Your source: mean **{ex.mu:.2f}**, σ **{ex.sigma:.2f}**, skewness "
            f"**{g:.2f}**; its means' skewness at n = {ex.p.n} is {g:.2f}/√{ex.p.n} = "
            f"**{g / np.sqrt(ex.p.n):.2f}**. The more lopsided the source, the larger the n "
            "it needs.")


def _lopsided(ex: Clt) -> None:
    values: dict[str, Any] = {} if ex.p.zoom else {"zoom": True}
    if ex.p.source == "uniform":
        values["source"] = "exponential"
    if values:
        ex.set(**values)


def _to_drawn(ex: Clt) -> None:
    values: dict[str, Any] = {} if ex.p.zoom else {"zoom": True}
    if ex.p.source != "drawn":
        values["source"] = "drawn"
    if values:
        ex.set(**values)


SKEW_GOAL = 0.2
"""Step 4's goal: the means' skewness (the source's over √n) within this of a bell's 0."""

class Clt(Revealed):
    slug = "clt"
    title = "The central limit theorem"
    topic = "maths"
    summary = ("Average samples of n numbers from any source, even one you draw: the means "
               "pile up into a bell of width σ/√n.")
    params = (
        ChoiceParam("source", "uniform", options=SOURCES, labels=LABELS, label="source",
                    doc="The distribution each number is drawn from."),
        IntParam("n", 5, 1, 100, label="sample size n",
                 doc="How many numbers each sample averages. A new n starts the count "
                     "again."),
        VectorParam("drawn", DRAWN_DEFAULT, lo=0.0, hi=5.0, min_len=DRAWN_BARS,
                    max_len=DRAWN_BARS, label="your source's bars",
                    doc="Heights of your own source's ten bars on [0, 10] (drag them); "
                        "within a bar every value is as likely."),
        BoolParam("zoom", False, label="zoom in on the means", effect="view",
                  doc="Fit the means' histogram to its own width instead of the source's "
                      "range."),
        IntParam("samples", 0, 0, MAX_SAMPLES, label="samples so far", effect="view",
                 advanced=True, doc="How many of the seed's samples are shown (the "
                                    "buttons and Play add to it)."),
    )
    actions = (
        *count_buttons("draw", "1 sample", "Draw one more sample of n and take its mean."),
        Action("reset", "Start again", "Back to no samples (the same ones come again: "
                                       "they come from the seed)."),
    )
    playable = True
    default_speed = 10
    step_name = "sample"
    count, most, prefix = "samples", MAX_SAMPLES, "draw"
    fresh_on = frozenset({"source", "n", "drawn"})
    layout = (("source", "means"), ("qq", "shape"), ("numbers",))
    export_layout = (("source", "means"),)
    thumbnail_view = "means"
    thumbnail_steps = 2000
    captions: ClassVar[dict[str, str]] = {
        "source": "The source's density (pink line: its mean μ). Dots along the axis: the "
                  "last sample's n numbers; the ring is their mean.",
        "means": "Grey bars: the samples' means (as a density). Pink curve: the normal "
                 "distribution the theorem predicts, mean μ and standard deviation σ/√n.",
        "qq": "Each quantile of the standardised means against the normal's: on the "
              "diagonal, the means are normal.",
        "numbers": "The theorem's predictions beside what the samples gave.",
        "shape": "Your source: drag a bar's top to change how likely its values are; the "
                 "label is the share of draws that land in the bar.",
    }
    story_steps = (
        Step("one-mean", "Many samples, many means",
             "Draw one sample: n numbers from the source (the dots), and their mean (the "
             "ring). Another sample has another mean. Draw many and stack their means in the "
             "histogram of means.",
             views=("source", "means"), controls=("draw1", "draw10", "draw100", "reset"),
             highlight=("draw1", "draw100"),
             goal="Draw 100 samples.", done=lambda ex: ex.p.samples >= 100, live=_one),
        Step("spread", "Bigger samples, narrower means",
             "The means spread less than the numbers themselves: their standard deviation "
             "is $\\sigma/\\sqrt{n}$, the source's σ shrunk by the square root of the sample "
             "size. Raise n (it starts the count again) and draw.",
             views=("means", "numbers"), controls=("n", "draw1000", PLAY),
             highlight=("n",),
             goal="Make n at least 25 and draw 1,000 samples.",
             done=lambda ex: ex.p.n >= 25 and ex.p.samples >= 1000, live=_spread),
        Step("any-shape", "Whatever the source, a bell",
             "Now a lopsided source: the exponential, or two bumps. Set n to 1 and draw: the "
             "means are the source itself. Raise n and the histogram turns into the bell, "
             "and the Q-Q plot's points line up on its diagonal: that is the central limit "
             "theorem.",
             views=("means", "qq"), controls=("source", "n", "draw1000", "zoom"),
             highlight=("n",),
             goal="With the exponential source, raise n to 30 or more and draw 1,000 "
                  "samples.",
             done=lambda ex: ex.p.source == "exponential" and ex.p.n >= 30 and
             ex.p.samples >= 1000, live=_shape, enter=_lopsided),
        Step("draw", "Draw your own source",
             "Drag the bars into any shape you like: steep, hollow, lopsided. Its mean and "
             "σ set the bell; its shape does not matter once n is large enough.",
             views=("shape", "means", "qq"), controls=("drawn", "n", "draw1000", "zoom"),
             highlight=("drawn",),
             goal=f"Change a bar, then raise n until the means' skewness is within "
                  f"±{SKEW_GOAL} (a bell's is 0), and draw 1,000 samples.",
             done=lambda ex: ex.p.source == "drawn" and ex.p.drawn != DRAWN_DEFAULT and
             abs(ex.source.skewness()) / np.sqrt(ex.p.n) <= SKEW_GOAL and
             ex.p.samples >= 1000,
             live=_drawn, enter=_to_drawn),
    )

    def check(self, values: Any) -> None:
        if not any(w > 0 for w in values["drawn"]):
            raise ParamError("drawn", "drawn needs at least one bar above 0: a source with "
                                      "no area has nothing to draw from.")

    def unused(self) -> set[str]:
        return set() if self.p.source == "drawn" else {"drawn"}

    def reset(self) -> None:
        self.source = Source(self.p.source, self.p.drawn)
        self.mu, self.sigma = self.source.mean(), self.source.sd()
        self.se = self.sigma / np.sqrt(self.p.n)
        self._blocks: dict[int, Array] = {}
        self._so_far = SortedSample(self.mu)

    # --- the samples ------------------------------------------------------------------------

    def _draws(self, b: int) -> Array:
        """Block b's BLOCK samples of n numbers each (an ndarray of shape (BLOCK, n))."""
        rng = np.random.default_rng((self.p.seed, b))
        return self.source.sample(rng, (BLOCK, self.p.n))

    def _block_means(self, b: int) -> Array:
        if b not in self._blocks:
            self._blocks[b] = self._draws(b).mean(axis=1)
        return self._blocks[b]

    def means(self) -> Array:
        """The means of the samples so far, in order."""
        return self.so_far().values

    def so_far(self) -> SortedSample:
        """The means so far, with their running statistics (grown by the new samples only,
        rebuilt when the count goes down)."""
        self._so_far = grown(self._so_far, self.p.samples, self._block_means, BLOCK)
        return self._so_far

    def last_sample(self) -> Array:
        """The numbers of the last sample drawn."""
        k = self.p.samples - 1
        return np.asarray(self._draws(k // BLOCK)[k % BLOCK])

    # --- the frame ---------------------------------------------------------------------

    def frame(self) -> dict[str, View]:
        means = self.so_far()
        return {"source": self.source_view(), "means": self.means_view(means),
                "qq": self.qq_view(means), "numbers": self.numbers_view(means),
                "shape": self.shape_view()}

    def source_view(self) -> Plot:
        lo, hi = self.source.x_range
        layers: list[Any] = []
        if self.source.discrete:
            faces = np.arange(1.0, 7.0)
            layers.append(ShapesLayer("rect", faces, np.full(6, 1 / 12), np.full(6, 0.5),
                                      np.full(6, 1 / 6), fill=FAINT, opacity=0.9, stroke="",
                                      name="probability"))
            top = 0.3
        else:
            x = np.linspace(lo, hi, 401)
            d = self.source.density(x)
            top = float(d.max()) * 1.3
            layers.append(LinesLayer(x, d, DATA, 2.0, name="density"))
        layers.append(LinesLayer(np.array([self.mu, self.mu]), np.array([0.0, top]), MODEL,
                                 2.0, (6, 4), name="mean μ"))
        if self.p.samples:  # a rug along the axis: the last sample, and its mean ringed
            s = self.last_sample()
            y = top * (0.035 + 0.03 * (np.arange(len(s)) % 3))
            layers.append(PointsLayer(np.array([s.mean()]), np.array([top * 0.065]),
                                      color="#ffffff", stroke=DATA, size=9, marker="circle",
                                      name="its mean"))
            layers.append(PointsLayer(s, y, color=DATA, size=3.5, name="last sample"))
        return Plot(f"Source: μ = {self.mu:.3f}, σ = {self.sigma:.3f}", "value", "density",
                    (lo, hi), (0.0, top), layers)

    def _means_range(self) -> tuple[float, float]:
        lo, hi = self.source.x_range
        if self.p.zoom:
            return max(lo, self.mu - 4.2 * self.se), min(hi, self.mu + 4.2 * self.se)
        return lo, hi

    def _edges(self, lo: float, hi: float) -> Array:
        """The histogram's bin edges: BINS across, or for a die one bin per mean a sample
        can have (multiples of 1/n; grouped to at most 2·BINS bins), so no bin is empty
        for want of a possible value."""
        if not self.source.discrete:
            return np.linspace(lo, hi, BINS + 1)
        n = self.p.n
        group = max(1, int(np.ceil((hi - lo) * n / (2 * BINS))))
        step = group / n
        first = 1.0 - 0.5 / n  # the smallest mean, 1, sits mid-bin
        k0 = int(np.floor((lo - first) / step))
        k1 = int(np.ceil((hi - first) / step))
        return np.asarray(first + step * np.arange(k0, k1 + 1), dtype=float)

    def means_view(self, means: SortedSample) -> Plot:
        lo, hi = self._means_range()
        layers: list[Any] = []
        x = np.linspace(lo, hi, 401)
        bell = stats.norm.pdf(x, self.mu, self.se)
        top = float(bell.max()) * 1.5  # fixed: bars taller than this are cut at the top
        if means.k:
            edges = self._edges(lo, hi)
            counts = means.count_between(edges[:-1], edges[1:])
            width = edges[1] - edges[0]
            dens = np.minimum(counts / (means.k * width), top)
            mid = (edges[:-1] + edges[1:]) / 2
            layers.append(ShapesLayer("rect", mid, dens / 2, np.full(len(mid), width * 0.94),
                                      dens, fill=DATA, opacity=0.55, stroke="",
                                      name="sample means"))
        layers.append(LinesLayer(x, bell, MODEL, 2.0, name="normal (μ, σ/√n)"))
        title = f"{means.k:,} {'mean' if means.k == 1 else 'means'} of samples of " \
            f"{self.p.n} · σ/√n = {self.se:.3f}"
        return Plot(title, "sample mean", "density", (lo, hi), (0.0, top), layers)

    def qq_view(self, means: SortedSample) -> Plot:
        box = (-3.5, 3.5)
        layers: list[Any] = [LinesLayer(np.array(box), np.array(box), MODEL, 1.8, (6, 4),
                                        name="normal")]
        if means.k >= 2:
            theo, z = qq_points(means.sorted, self.mu, self.se, is_sorted=True)
            z = np.clip(z, -3.6, 3.6)
            layers.append(PointsLayer(theo, z, color=DATA, size=3.0, stroke="",
                                      name="sample means"))
        return Plot("Q-Q plot against the normal", "normal quantile",
                    "standardised mean's quantile", box, box, layers, aspect=1.0)

    def numbers_view(self, means: SortedSample) -> Table:
        k = means.k
        sd = f"{means.sd():.4f}" if k >= 2 else "–"
        half = 1.96 * self.se
        inside = means.count_between(self.mu - half, np.nextafter(self.mu + half, np.inf))
        within = f"{inside / k:.1%}" if k else "–"
        rows = [["mean of the means", f"μ = {self.mu:.4f}",
                 f"{means.mean():.4f}" if k else "–"],
                ["sd of the means", f"σ/√n = {self.se:.4f}", sd],
                ["within μ ± 1.96 σ/√n", "≈ 95% (if normal)", within],
                ["skewness of the means", f"{self.source.skewness() / np.sqrt(self.p.n):.3f}",
                 f"{means.skew():.3f}" if k >= 3 else "–"]]
        return Table(f"Theory and {k:,} samples", ["", "theory", "samples"], rows)

    def shape_view(self) -> Bars | Plot:
        w = np.asarray(self.p.drawn, dtype=float)
        p = w / w.sum()
        return Bars("Your source (drag a bar)" if self.p.source == "drawn" else
                    "Your source (choose “your own” to sample it)",
                    [f"{k}–{k + 1}" for k in range(DRAWN_BARS)], w, (0.0, 5.0),
                    y_label="weight", value_labels=[f"{q:.0%}" for q in p],
                    colors=[DATA] * DRAWN_BARS, draggable="drawn")
