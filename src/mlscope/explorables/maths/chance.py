"""Chance and the law of large numbers: flip a coin or roll a die once, ten, a hundred or a
thousand times and watch the share of each outcome settle on its probability, inside the
funnel the law of large numbers predicts; load the coin or the die and see its expectation
and variance (Seeing Theory's "Chance events" and "Expectation").

Every flip comes from the seed: the n-th flip is the n-th uniform number of
``numpy.random.default_rng(seed)`` against the coin's or die's cumulative probabilities, so
a link with ``seed`` and ``flips`` shows the very same flips. The closed forms are tested
against ``scipy.stats`` in tests/unit/test_chance.py.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from mlscope.core.colors import DATA, MODEL
from mlscope.core.explorable import Action
from mlscope.core.params import ChoiceParam, FloatParam, IntParam, ParamError, VectorParam
from mlscope.core.story import PLAY, Step
from mlscope.core.views import Bars, LinesLayer, Plot, ShapesLayer, Table, View
from mlscope.explorables.maths.revealed import Revealed, count_buttons

MAX_FLIPS = 100_000
PAST_RUNS = 8
"""New run keeps this many earlier runs' lines."""
PAST = "#90a4ae"
RECENT = 12
"""The tally's title shows this many of the last outcomes."""
"""The most flips a run holds (all drawn at once from the seed: 0.8 MB)."""
FUNNEL_FROM = 5
"""The funnel is drawn from this many flips on (below, ±2 standard errors is meaningless)."""
LINE_POINTS = 600
"""At most this many points of the running share: log-spaced, as its x axis is."""
FAINT = "#b8c0c8"
COIN = ("tails", "heads")
DIE = ("1", "2", "3", "4", "5", "6")


def probabilities(source: str, p_heads: float, weights: tuple[float, ...]) -> NDArray[Any]:
    """P(outcome) of each outcome: (tails, heads) for the coin, faces 1..6 for the die."""
    if source == "coin":
        return np.array([1.0 - p_heads, p_heads])
    w = np.asarray(weights, dtype=float)
    return np.asarray(w / w.sum())


def values_of(source: str) -> NDArray[Any]:
    """The number each outcome counts as: heads 1 and tails 0, a face its pips."""
    return np.array([0.0, 1.0]) if source == "coin" else np.arange(1.0, 7.0)


def expectation(p: NDArray[Any], x: NDArray[Any]) -> float:
    """E[X] = Σ x·P(x)."""
    return float(np.dot(p, x))


def variance(p: NDArray[Any], x: NDArray[Any]) -> float:
    """Var[X] = Σ (x - E[X])²·P(x)."""
    return float(np.dot(p, (x - expectation(p, x)) ** 2))


def draw(u: NDArray[Any], p: NDArray[Any]) -> NDArray[np.int8]:
    """The outcome of each uniform number in u: the first outcome whose cumulative
    probability exceeds it."""
    edges = np.cumsum(p)
    edges[-1] = np.inf  # rounding must not let a u near 1 fall off the end
    return np.searchsorted(edges, u, side="right").astype(np.int8)


def _one_flip(ex: Chance) -> str:
    n = ex.p.flips
    if n == 0:
        return "No flips yet."
    heads = int(ex.counts[1])
    gap = abs(heads / n - 0.5)
    return (f"**{n}** flips: {heads} {'head' if heads == 1 else 'heads'}, a share of "
            f"**{heads / n:.2f}**. "
            + ("A gap of 0.1 or more from ½ is common this early." if n < 30 and
               gap >= 0.1 - 1e-9
               else "Keep flipping."))


def _long_run(ex: Chance) -> str:
    n = ex.p.flips
    if n < FUNNEL_FROM:
        return "Flip a few hundred times: press ×100."
    share = ex.running_now()
    width = 2 * np.sqrt(ex.var / n)
    return (f"After **{n:,}** flips the share is **{share:.4f}**: {abs(share - ex.mean):.4f} "
            f"from {ex.mean:g}. The funnel's half-width here is 2·√(p(1−p)/n) = "
            f"**{width:.4f}**; a hundred times the flips make it ten times narrower.")


def _loaded(ex: Chance) -> str:
    fair = abs(ex.p.p_heads - 0.5) < 1e-9
    return (f"P(heads) = **{ex.p.p_heads:g}**: one flip's standard deviation √(p(1−p)) is "
            f"**{np.sqrt(ex.var):.3f}**, " + ("the most it can be." if fair else
                                               "less than a fair coin's 0.5."))


def _die(ex: Chance) -> str:
    n = ex.p.flips
    said = f"E[X] = **{ex.mean:.3f}**, Var[X] = **{ex.var:.3f}**."
    if n:
        said += f" After {n:,} rolls the average is **{ex.running_now():.3f}**."
    return said


def _to_coin(ex: Chance) -> None:
    if ex.p.source != "coin":
        ex.set(source="coin")


def _to_die(ex: Chance) -> None:
    if ex.p.source != "die":
        ex.set(source="die")


class Chance(Revealed):
    slug = "chance"
    title = "Chance and the law of large numbers"
    topic = "maths"
    summary = ("Flip a coin or roll a die thousands of times: the share of heads settles on "
               "its probability, inside the funnel the law of large numbers predicts.")
    params = (
        ChoiceParam("source", "coin", options=("coin", "die"), labels=("a coin", "a die"),
                    label="throw", doc="What to throw: a coin (heads or tails) or a die."),
        FloatParam("p_heads", 0.5, 0.0, 1.0, step=0.01, label="P(heads)",
                   doc="How likely the coin lands heads (0.5: a fair coin). A new value "
                       "starts the count again."),
        VectorParam("weights", (1.0,) * 6, lo=0.0, hi=10.0, min_len=6, max_len=6,
                    label="the die's weights",
                    doc="How likely each face is, relative to the others: drag a bar, or "
                        "type six numbers (1,1,1,1,1,3 makes six three times as likely as "
                        "each other face)."),
        IntParam("flips", 0, 0, MAX_FLIPS, label="flips so far", effect="view",
                 advanced=True, doc="How many of the seed's flips are shown (the buttons "
                                    "and Play add to it)."),
    )
    actions = (
        *count_buttons("flip", "×1", "One more flip (or roll)."),
        Action("new_run", "New run", "Another run of flips (the next seed); the runs "
                                     "before stay as faint lines."),
        Action("reset", "Start again", "Back to no flips; the next run's flips are the "
                                       "same (they come from the seed)."),
    )
    playable = True
    default_speed = 5
    step_name = "flip"
    count, most, prefix = "flips", MAX_FLIPS, "flip"
    fresh_on = frozenset({"source", "p_heads", "weights"})
    layout = (("tally", "running"), ("weights", "numbers"))
    export_layout = (("tally", "running"),)
    thumbnail_view = "running"
    thumbnail_steps = 3000
    captions: ClassVar[dict[str, str]] = {
        "tally": "Dark bars: the share of throws that came up each way. Pink lines: each "
                 "outcome's probability.",
        "running": "The share of heads (with a die, the average roll) after each throw, on a "
                   "log scale. Grey funnel: where 95 % of runs are at each n. Faint lines: "
                   "earlier runs.",
        "weights": "The model: each outcome's weight, labelled with its probability. A die's "
                   "bars can be dragged.",
        "numbers": "What the model says (probability, E[X], Var[X]) beside what the flips "
                   "gave.",
    }
    story_steps = (
        Step("one-flip", "One flip at a time",
             "A fair coin lands heads half the time, they say. Flip it and see: one at a "
             "time, then ten at a time. The dark bars are the share of flips that came up "
             "each way; the pink lines are the probabilities.",
             views=("tally", "numbers"), controls=("flip1", "flip10", "reset"),
             highlight=("flip1", "flip10"),
             goal="Flip the coin 20 times.",
             done=lambda ex: ex.p.flips >= 20, live=_one_flip, enter=_to_coin),
        Step("long-run", "The law of large numbers",
             "Keep going. The share of heads after n flips wanders, but less and less: the "
             "law of large numbers says it closes in on the probability. At any n, about "
             "95 % of runs are inside the grey funnel $p \\pm 2\\sqrt{p(1-p)/n}$, which "
             "narrows like $1/\\sqrt{n}$. Press New run for another run beside this one.",
             views=("running", "tally"),
             controls=("flip100", "flip1000", PLAY, "new_run", "reset"),
             highlight=("flip1000", PLAY),
             goal="Flip 10,000 times.",
             done=lambda ex: ex.p.flips >= 10_000, live=_long_run, enter=_to_coin),
        Step("loaded", "A loaded coin",
             "Load the coin (a new P(heads) starts the count again) and flip. The share "
             "settles on the new probability, and the funnel is narrower: one flip varies "
             "less when the coin favours a side, $\\sqrt{p(1-p)}$ is largest at ½.",
             views=("running", "tally"), controls=("p_heads", "flip1000", PLAY),
             highlight=("p_heads",),
             goal="Load the coin to land heads 80 % of the time or more, and flip 1,000 "
                  "times.",
             done=lambda ex: ex.p.source == "coin" and ex.p.p_heads >= 0.8 and
             ex.p.flips >= 1000, live=_loaded, enter=_to_coin),
        Step("expectation", "A die, and its expectation",
             "A die's long-run average roll is its expectation, $E[X] = \\sum_x x\\,P(x)$: "
             "3.5 for a fair die, a number no single roll shows. Its variance, "
             "$\\mathrm{Var}[X] = \\sum_x (x - E[X])^2 P(x)$, sets the funnel's width. Drag "
             "the bars to load the die, then roll.",
             views=("weights", "running", "numbers"),
             controls=("weights", "flip100", "flip1000", PLAY),
             highlight=("weights",),
             goal="Load the die so its expectation is 4.5 or more, and roll 1,000 times.",
             done=lambda ex: ex.p.source == "die" and ex.mean >= 4.5 and ex.p.flips >= 1000,
             live=_die, enter=_to_die),
    )

    def check(self, values: Any) -> None:
        if values["source"] == "die" and not any(w > 0 for w in values["weights"]):
            raise ParamError("weights", "weights needs at least one face above 0: a die "
                                        "must land on something.")

    def unused(self) -> set[str]:
        return {"weights"} if self.p.source == "coin" else {"p_heads"}

    def reset(self) -> None:
        self.prob = probabilities(self.p.source, self.p.p_heads, self.p.weights)
        self.x = values_of(self.p.source)
        self.mean, self.var = expectation(self.prob, self.x), variance(self.prob, self.x)
        u = np.random.default_rng(self.p.seed).random(MAX_FLIPS)
        self.outcomes = draw(u, self.prob)
        self.running = np.cumsum(self.x[self.outcomes]) / np.arange(1, MAX_FLIPS + 1)
        self.running_sq = np.cumsum(self.x[self.outcomes] ** 2)
        self._counted = -1
        self.past: list[tuple[NDArray[Any], NDArray[Any]]] = []
        """Earlier runs' lines (log10 n, running value), kept by New run."""

    def act(self, name: str, value: Any = None) -> None:
        if name == "new_run":
            past = [*self.past, self._line(LINE_POINTS // 2)][-PAST_RUNS:] \
                if self.p.flips else self.past
            self._assign(seed=(self.p.seed + 1) % (2**31 - 1), flips=0)
            self.reset()
            self.past = past
        else:
            super().act(name, value)

    def _line(self, points: int) -> tuple[NDArray[Any], NDArray[Any]]:
        """The running value of the flips so far at up to ``points`` log-spaced flips."""
        n = self.p.flips
        idx = np.unique(np.geomspace(1, n, min(n, points)).astype(int)) - 1
        return np.log10(idx + 1.0), self.running[idx]

    # --- what the flips gave ---------------------------------------------------------------

    @property
    def counts(self) -> NDArray[np.int64]:
        """How many of the flips so far came up each way."""
        if self._counted != self.p.flips:
            self._counts = np.bincount(self.outcomes[:self.p.flips], minlength=len(self.prob))
            self._counted = self.p.flips
        return self._counts

    def running_now(self) -> float:
        """The share of heads (the die: the average roll) of the flips so far."""
        return float(self.running[self.p.flips - 1]) if self.p.flips else float("nan")

    def sample_variance(self) -> float:
        """The flips' variance with n - 1 (NaN below two flips)."""
        n = self.p.flips
        if n < 2:
            return float("nan")
        total, sq = self.running[n - 1] * n, self.running_sq[n - 1]
        return float(max(0.0, (sq - total * total / n) / (n - 1)))

    # --- the frame ---------------------------------------------------------------------

    def frame(self) -> dict[str, View]:
        return {"tally": self.tally_view(), "running": self.running_view(),
                "weights": self.weights_view(), "numbers": self.numbers_view()}

    def _names(self) -> tuple[str, ...]:
        return COIN if self.p.source == "coin" else DIE

    def tally_view(self) -> Plot:
        n, k = self.p.flips, len(self.prob)
        share = self.counts / n if n else np.zeros(k)
        at = np.arange(k, dtype=float)
        top = max(0.6, float(max(share.max(), self.prob.max())) * 1.15)
        what = "flips" if self.p.source == "coin" else "rolls"
        bars = ShapesLayer("rect", at, share / 2, np.full(k, 0.6), share, fill=DATA,
                           opacity=0.85, stroke="", name=f"share of {what}")
        marks = [LinesLayer(np.array([a - 0.4, a + 0.4]), np.array([q, q]), MODEL, 2.5,
                            name="probability" if i == 0 else "")
                 for i, (a, q) in enumerate(zip(at, self.prob, strict=True))]
        last = self.outcomes[max(0, n - RECENT):n]
        shown = " ".join("HT"[1 - o] if self.p.source == "coin" else str(o + 1) for o in last)
        title = f"{n:,} {what[:-1] if n == 1 else what}" + (f" · last: {shown}" if n else "")
        return Plot(title, "", "share", (-0.6, k - 0.4), (0.0, top),
                    [bars, *marks], x_ticks=[(a, s) for a, s in zip(at, self._names(),
                                                                    strict=True)])

    def running_view(self) -> Plot:
        n = self.p.flips
        coin = self.p.source == "coin"
        lo, hi = (0.0, 1.0) if coin else (1.0, 6.0)
        layers: list[Any] = []
        grid = np.unique(np.geomspace(FUNNEL_FROM, MAX_FLIPS, 200).astype(int))
        half = 2 * np.sqrt(self.var / grid)
        for side, name in ((1, "95 % of runs at each n"), (-1, "")):
            layers.append(LinesLayer(np.log10(grid), np.clip(self.mean + side * half, lo, hi),
                                     FAINT, 1.6, name=name))
        if coin and abs(self.p.p_heads - 0.5) > 1e-9:  # a fair coin's width, to compare
            fair = 2 * np.sqrt(0.25 / grid)
            for side, name in ((1, "a fair coin's funnel"), (-1, "")):
                layers.append(LinesLayer(np.log10(grid), np.clip(self.mean + side * fair, lo,
                                                                 hi), FAINT, 1.2, (3, 3),
                                         name=name))
        for i, (px, py) in enumerate(self.past):
            layers.append(LinesLayer(px, py, PAST, 1.2, name="earlier runs" if i == 0 else ""))
        layers.append(LinesLayer(np.array([0.0, 5.0]), np.array([self.mean, self.mean]),
                                 MODEL, 2.0, (6, 4),
                                 name="P(heads)" if coin else "E[X]"))
        if n:
            lx, ly = self._line(LINE_POINTS)
            layers.append(LinesLayer(lx, ly, DATA, 2.0,
                                     name="share of heads" if coin else "average roll"))
        title = (f"Share of heads: {self.running_now():.4f}" if coin else
                 f"Average roll: {self.running_now():.3f}") if n else "No flips yet"
        ticks = list(enumerate(("1", "10", "100", "1k", "10k", "100k")))
        return Plot(title, "flips (log scale)" if coin else "rolls (log scale)",
                    "share of heads" if coin else "average roll", (0.0, 5.0), (lo, hi),
                    layers, x_ticks=[(float(e), t) for e, t in ticks])

    def weights_view(self) -> Bars:
        coin = self.p.source == "coin"
        values = self.prob if coin else np.asarray(self.p.weights, dtype=float)
        return Bars("P(heads) sets the coin" if coin else "The die's weights (drag a bar)",
                    list(self._names()), values, (0.0, 1.0) if coin else (0.0, 10.0),
                    y_label="probability" if coin else "weight",
                    value_labels=[f"{q:.2f}" for q in self.prob],
                    colors=[MODEL] * len(values), draggable=None if coin else "weights")

    def numbers_view(self) -> Table:
        n = self.p.flips
        rows = [[f"P({s})", f"{q:.3f}", f"{c / n:.3f}" if n else "–"]
                for s, q, c in zip(self._names(), self.prob, self.counts, strict=True)]
        sv = self.sample_variance()
        rows += [["E[X]" if self.p.source == "die" else "E[X] (heads = 1)",
                  f"{self.mean:.3f}", f"{self.running_now():.3f}" if n else "–"],
                 ["Var[X] (flips: with n − 1)", f"{self.var:.3f}",
                  f"{sv:.3f}" if np.isfinite(sv) else "–"]]
        return Table(f"Model and flips ({n:,} so far)", ["", "model", "flips"], rows)
