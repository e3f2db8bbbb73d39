"""Point estimation, bias and variance: draw samples from a population and estimate its
centre (the sample mean, or the median) or its spread (the variance over n, or over n - 1);
over many samples each estimator's average shows its bias and its scatter its variance
(Seeing Theory's "Point Estimation").

Samples come in seeded blocks of 1,000 (``numpy.random.default_rng((seed, n, population,
block))``). tests/unit/test_estimators.py checks the estimates against numpy and the
averages against the closed forms: E[s²ₙ] = (n - 1)σ²/n, E[x̄] = μ.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from mlscope.core.colors import DATA
from mlscope.core.explorable import Action
from mlscope.core.params import ChoiceParam, IntParam
from mlscope.core.story import PLAY, Step
from mlscope.core.views import LinesLayer, Plot, PointsLayer, ShapesLayer, Table, View
from mlscope.explorables.maths.revealed import Revealed, count_buttons

Array = NDArray[np.float64]

MAX_SAMPLES = 50_000
BLOCK = 1000
BINS = 50
POPULATIONS = ("normal", "skewed", "heavy", "uniform")
POP_LABELS = ("normal (μ 10, σ 3)", "skewed (exponential, mean 10)",
              "heavy-tailed (t, 3 degrees of freedom)", "uniform on [0, 20]")
TRUE_VAR = {"normal": 9.0, "skewed": 100.0, "heavy": 12.0, "uniform": 400 / 12}
"""Each population's variance (its mean is 10)."""
TRUE_MEAN = 10.0
PAIRS = {"centre": (("sample mean", "mean"), ("sample median", "median")),
         "spread": (("variance over n", "var_n"), ("variance over n − 1", "var_n1"))}
COLORS = ("#4527a0", "#00838f")
TRUTH = "#2e7d32"


def draws(name: str, rng: np.random.Generator, shape: tuple[int, int]) -> Array:
    if name == "normal":
        return rng.normal(TRUE_MEAN, 3.0, shape)
    if name == "skewed":
        return rng.exponential(TRUE_MEAN, shape)
    if name == "heavy":
        return TRUE_MEAN + 2.0 * rng.standard_t(3, shape)
    return rng.uniform(0.0, 2 * TRUE_MEAN, shape)


def estimates(samples: Array) -> dict[str, Array]:
    """Each row's mean, median, and variance over n and over n - 1."""
    return {"mean": samples.mean(axis=1), "median": np.median(samples, axis=1),
            "var_n": samples.var(axis=1, ddof=0), "var_n1": samples.var(axis=1, ddof=1)}


def _report(ex: Estimators) -> str:
    k = ex.p.samples
    if k < 2:
        return "Draw samples."
    (la, a), (lb, b) = PAIRS[ex.p.target]
    got = ex.so_far()
    truth = ex.truth()
    return (f"Over {k:,} samples the {la} averages **{got[a].mean():.3f}** and the {lb} "
            f"**{got[b].mean():.3f}**; the truth is {truth:.3f}.")


def _to(target: str, population: str | None = None) -> Any:
    def enter(ex: Estimators) -> None:
        values: dict[str, Any] = {}
        if ex.p.target != target:
            values["target"] = target
        if population and ex.p.population != population:
            values["population"] = population
        if values:
            ex.set(**values)
    return enter


class Estimators(Revealed):
    slug = "estimators"
    title = "Estimators: bias and variance"
    topic = "maths"
    summary = ("Estimate a population's centre or spread from samples, again and again: "
               "the mean against the median, and why the variance divides by n − 1.")
    params = (
        ChoiceParam("population", "normal", options=POPULATIONS, labels=POP_LABELS,
                    label="population", doc="What the samples are drawn from (mean 10)."),
        IntParam("n", 5, 2, 100, label="sample size n",
                 doc="Values per sample. A new n draws new samples."),
        ChoiceParam("target", "centre", options=("centre", "spread"),
                    labels=("the centre: mean or median", "the spread: variance over n or "
                                                         "n − 1"),
                    label="estimate", effect="view",
                    doc="Which two estimators to compare (all four are computed)."),
        IntParam("samples", 0, 0, MAX_SAMPLES, label="samples so far", effect="view",
                 advanced=True, doc="How many of the seed's samples are drawn."),
    )
    actions = (
        *count_buttons("draw", "1 sample", "Draw one more sample and its estimates."),
        Action("reset", "Start again", "No samples."),
    )
    playable = True
    default_speed = 5
    step_name = "sample"
    count, most, prefix = "samples", MAX_SAMPLES, "draw"
    fresh_on = frozenset({"population", "n"})
    layout = (("estimates", "sample"), ("numbers",))
    export_layout = (("estimates", "sample"),)
    thumbnail_view = "estimates"
    thumbnail_steps = 2000
    captions: ClassVar[dict[str, str]] = {
        "estimates": "Each estimator's values over the samples so far (as a density). Solid "
                     "green: the truth. Dashed: each estimator's average; its gap from the "
                     "truth is the bias.",
        "sample": "The newest sample, with its estimates.",
        "numbers": "Each estimator's average, bias, variance and mean squared error.",
    }
    story_steps = (
        Step("scatter", "An estimate varies",
             "A sample's mean estimates the population's mean. Another sample, another "
             "estimate. Draw many: the estimates scatter around the truth. An estimator "
             "whose average is the truth is unbiased.",
             views=("sample", "estimates"), controls=("draw1", "draw100", PLAY),
             highlight=("draw1",),
             goal="Draw 1,000 samples.", done=lambda ex: ex.p.samples >= 1000,
             live=_report, enter=_to("centre")),
        Step("n-minus-1", "Why the variance divides by n − 1",
             "The spread of a sample around its own mean is smaller than around the true "
             "mean, so dividing by n underestimates σ²: on average by σ²/n. Dividing by "
             "n − 1 removes that bias. It matters most for small samples. (Yet the table "
             "shows the biased one's mean squared error is smaller: unbiased is not the "
             "same as closest.)",
             views=("estimates", "numbers"), controls=("n", "draw1000"),
             highlight=("n",),
             goal="With samples of 5 or fewer, draw 2,000 and compare the two averages.",
             done=lambda ex: ex.p.target == "spread" and ex.p.n <= 5 and
             ex.p.samples >= 2000, live=_report, enter=_to("spread")),
        Step("mean-or-median", "Mean or median?",
             "Both estimate the centre of a symmetric population without bias. Which "
             "scatters less? For normal data, the mean. With heavy tails, a few wild values "
             "throw the mean about while the median holds: then the median is the better "
             "estimator.",
             views=("estimates", "numbers"), controls=("population", "n", "draw1000"),
             highlight=("population",),
             goal="Find a population where the median scatters less than the mean (over "
                  "2,000 samples).",
             done=lambda ex: ex.p.target == "centre" and ex.p.samples >= 2000 and
             ex.so_far()["median"].var() < ex.so_far()["mean"].var(),
             live=_report, enter=_to("centre")),
    )

    def reset(self) -> None:
        self._blocks: dict[int, dict[str, Array]] = {}

    def _block(self, b: int) -> dict[str, Array]:
        if b not in self._blocks:
            pop = POPULATIONS.index(self.p.population)
            rng = np.random.default_rng((self.p.seed, self.p.n, pop, b))
            s = draws(self.p.population, rng, (BLOCK, self.p.n))
            self._blocks[b] = {"samples": s, **estimates(s)}
        return self._blocks[b]

    def so_far(self) -> dict[str, Array]:
        """The four estimates of every sample so far."""
        k = self.p.samples
        blocks = [self._block(b) for b in range((k - 1) // BLOCK + 1)] if k else []
        return {e: (np.concatenate([bl[e] for bl in blocks])[:k] if k else np.empty(0))
                for e in ("mean", "median", "var_n", "var_n1")}

    def truth(self) -> float:
        return TRUE_MEAN if self.p.target == "centre" else TRUE_VAR[self.p.population]

    # --- the frame ---------------------------------------------------------------------

    def frame(self) -> dict[str, View]:
        got = self.so_far()
        return {"estimates": self.estimates_view(got), "sample": self.sample_view(),
                "numbers": self.numbers_view(got)}

    def estimates_view(self, got: dict[str, Array]) -> Plot:
        truth = self.truth()
        pair = PAIRS[self.p.target]
        both = np.concatenate([got[key] for _, key in pair])
        if len(both):
            lo, hi = (float(v) for v in np.quantile(both, [0.005, 0.995]))
        else:
            lo, hi = truth * 0.5, truth * 1.5
        lo, hi = min(lo, truth), max(hi, truth)
        pad = 0.05 * (hi - lo) or 1.0
        lo, hi = lo - pad, hi + pad
        layers: list[Any] = []
        top = 1e-9
        edges = np.linspace(lo, hi, BINS + 1)
        width = edges[1] - edges[0]
        mid = (edges[:-1] + edges[1:]) / 2
        for (label, key), color in zip(pair, COLORS, strict=True):
            values = got[key]
            if len(values):
                dens = np.histogram(values, edges)[0] / (len(values) * width)
                top = max(top, float(dens.max()))
                layers.append(ShapesLayer("rect", mid, dens / 2, np.full(BINS, width * 0.92),
                                          dens, fill=color, opacity=0.35, stroke="",
                                          name=label))
        top = top * 1.15 if top > 1e-9 else 1.0
        layers.append(LinesLayer(np.array([truth, truth]), np.array([0.0, top]), TRUTH, 2.0,
                                 name=f"truth {truth:.3g}"))
        for (label, key), color in zip(pair, COLORS, strict=True):
            if len(got[key]):
                m = float(got[key].mean())
                layers.append(LinesLayer(np.array([m, m]), np.array([0.0, top]), color, 1.8,
                                         (6, 4), name=f"average of the {label}"))
        what = "the centre" if self.p.target == "centre" else "the variance"
        return Plot(f"{self.p.samples:,} estimates of {what}", "estimate", "density",
                    (lo, hi), (0.0, top), layers)

    def sample_view(self) -> Plot:
        layers: list[Any] = [LinesLayer(np.array([TRUE_MEAN, TRUE_MEAN]), np.array([0.0, 3.0]),
                                        TRUTH, 1.8, name="true mean")]
        if not self.p.samples:
            return Plot("No sample yet", "value", "", (0.0, 20.0), (0.0, 3.0), layers,
                        y_ticks=[])
        k = self.p.samples - 1
        block = self._block(k // BLOCK)
        x = block["samples"][k % BLOCK]
        lo, hi = min(0.0, float(x.min()) - 1), max(20.0, float(x.max()) + 1)
        layers.append(PointsLayer(x, 0.8 + 0.4 * (np.arange(len(x)) % 3), color=DATA, size=4,
                                  name="the sample"))
        for (label, key), color, y in zip(PAIRS["centre"], COLORS, (2.2, 2.6), strict=True):
            v = float(block[key][k % BLOCK])
            layers.append(PointsLayer(np.array([v]), np.array([y]), color=color, size=6,
                                      name=f"its {label.split()[-1]} {v:.2f}"))
        sd = (f"variance over n {block['var_n'][k % BLOCK]:.2f}, over n − 1 "
              f"{block['var_n1'][k % BLOCK]:.2f}")
        return Plot(f"Sample {self.p.samples:,}: {sd}", "value", "", (lo, hi), (0.0, 3.0),
                    layers, y_ticks=[])

    def numbers_view(self, got: dict[str, Array]) -> Table:
        truth = self.truth()
        rows = []
        for label, key in PAIRS[self.p.target]:
            v = got[key]
            if len(v) >= 2:
                bias = float(v.mean()) - truth
                rows.append([label, f"{v.mean():.4f}", f"{bias:+.4f}", f"{v.var():.4f}",
                             f"{np.mean((v - truth) ** 2):.4f}"])
            else:
                rows.append([label, "–", "–", "–", "–"])
        return Table(f"Estimating {'the mean' if self.p.target == 'centre' else 'σ²'} = "
                     f"{truth:.4g} from {self.p.samples:,} samples of {self.p.n}",
                     ["estimator", "average", "bias", "variance", "mean squared error"],
                     rows)
