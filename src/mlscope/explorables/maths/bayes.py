"""Bayesian inference: a coin's P(heads) with a beta prior you shape, updated flip by flip to
the posterior, with its 95 % credible interval; the same flips under three priors side by
side; and a normal mean with a normal prior (Seeing Theory's "Bayesian Inference").

Conjugate updates: a Beta(α, β) prior and h heads in n flips give Beta(α + h, β + n - h); a
normal prior N(m₀, s₀²) and n draws of N(μ, σ²) with σ known give a normal posterior with
precision 1/s₀² + n/σ². tests/unit/test_bayes.py checks both against a grid posterior
(prior × likelihood, normalised) and scipy.stats. Flips and draws come from the seed.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray
from scipy import stats

from mlscope.core.colors import MODEL
from mlscope.core.explorable import Action
from mlscope.core.params import ChoiceParam, FloatParam, IntParam
from mlscope.core.story import PLAY, Step
from mlscope.core.views import LinesLayer, Plot, ShapesLayer, Table, Text, View
from mlscope.explorables.maths.revealed import Revealed, count_buttons

Array = NDArray[np.float64]

MAX_DATA = 5000
PRIOR = "#90a4ae"
TRUTH = "#2e7d32"
LIKELIHOOD = "#4527a0"
BAND = "#f8bbd0"
OTHERS = (("flat Beta(1, 1)", 1.0, 1.0, "#00838f"), ("sceptical Beta(30, 30)", 30.0, 30.0,
                                                       "#6d4c41"))
"""The two priors the comparison shows beside yours: (label, α, β, colour)."""
AGREE = 0.02
P_GRID = np.linspace(0.0, 1.0, 501)


def beta_posterior(a: float, b: float, heads: int, n: int) -> Any:
    """Beta(a, b) updated by ``heads`` in ``n`` flips: scipy's frozen Beta(a + h, b + n - h)."""
    return stats.beta(a + heads, b + n - heads)


def normal_posterior(m0: float, s0: float, sigma: float, xs: Array) -> Any:
    """N(m0, s0²) updated by draws xs of N(μ, σ²), σ known: scipy's frozen normal."""
    precision = 1 / s0 ** 2 + len(xs) / sigma ** 2
    mean = (m0 / s0 ** 2 + xs.sum() / sigma ** 2) / precision
    return stats.norm(mean, 1 / np.sqrt(precision))


def peak(f: Array) -> float:
    """The height to scale a density's plot by: its largest finite value away from the ends
    (a beta prior with α < 1 is infinite at 0)."""
    inner = f[1:-1] if len(f) > 2 else f
    finite = inner[np.isfinite(inner)]
    return float(finite.max()) if len(finite) and finite.max() > 0 else 1.0


def interval(d: Any) -> tuple[float, float]:
    """The equal-tailed 95 % credible interval."""
    return float(d.ppf(0.025)), float(d.ppf(0.975))


def _prior_text(ex: Bayes) -> str:
    d = stats.beta(ex.p.alpha, ex.p.beta)
    said = (f"Your prior Beta({ex.p.alpha:g}, {ex.p.beta:g}): mean **{d.mean():.3f}**, sd "
            f"**{d.std():.3f}**.")
    h, t = ex.p.alpha - 1, ex.p.beta - 1
    if h >= 0 and t >= 0:
        said += (f" As if you had seen {h:g} {'head' if h == 1 else 'heads'} and {t:g} "
                 f"{'tail' if t == 1 else 'tails'} before.")
    return said


def _update_text(ex: Bayes) -> str:
    n, h = ex.n, ex.heads
    post = ex.posterior()
    lo, hi = interval(post)
    return (f"{n} flips, {h} heads. Posterior Beta({ex.p.alpha + h:g}, {ex.p.beta + n - h:g}): "
            f"mean **{post.mean():.3f}**, 95 % credible interval **[{lo:.3f}, {hi:.3f}]**.")


def _agree_text(ex: Bayes) -> str:
    means = ex.posterior_means()
    return (f"After {ex.n} flips the three posterior means are "
            + ", ".join(f"**{m:.3f}**" for m in means)
            + f": {max(means) - min(means):.3f} apart.")


def _normal_text(ex: Bayes) -> str:
    post = ex.posterior()
    lo, hi = interval(post)
    return (f"{ex.n} draws. Posterior mean **{post.mean():.3f}**, sd **{post.std():.3f}**, "
            f"95 % credible interval [{lo:.2f}, {hi:.2f}]; the true mean is {ex.p.true_mean:g}.")


def _to(model: str) -> Any:
    def enter(ex: Bayes) -> None:
        if ex.p.model != model:
            ex.set(model=model)
    return enter


class Bayes(Revealed):
    slug = "bayes"
    title = "Bayesian inference"
    topic = "maths"
    summary = ("Shape a prior, flip a coin and watch the posterior sharpen flip by flip; "
               "three priors meet as the data grows; a normal mean too.")
    params = (
        ChoiceParam("model", "coin", options=("coin", "normal"),
                    labels=("a coin's P(heads)", "a normal mean"), label="what to learn"),
        FloatParam("alpha", 2.0, 0.5, 60.0, step=0.5, label="prior α",
                   doc="The beta prior's first shape: heads imagined before, plus one."),
        FloatParam("beta", 2.0, 0.5, 60.0, step=0.5, label="prior β",
                   doc="The beta prior's second shape: tails imagined before, plus one."),
        FloatParam("true_p", 0.7, 0.0, 1.0, step=0.01, label="the coin's true P(heads)",
                   doc="What the flips are drawn with; the inference does not know it. A new "
                       "value draws new flips."),
        FloatParam("prior_mean", 0.0, -10.0, 10.0, step=0.1, label="prior mean m₀"),
        FloatParam("prior_sd", 2.0, 0.1, 10.0, step=0.1, label="prior sd s₀"),
        FloatParam("noise_sd", 2.0, 0.1, 10.0, step=0.1, label="the data's sd σ (known)"),
        FloatParam("true_mean", 3.0, -10.0, 10.0, step=0.1, label="the true mean μ",
                   doc="What the draws are drawn with; the inference does not know it."),
        IntParam("data", 0, 0, MAX_DATA, label="flips or draws so far", effect="view",
                 advanced=True, doc="How many of the seed's flips (or draws) are used."),
    )
    actions = (
        *count_buttons("add", "Flip ×1", "One more flip (or draw).", counts=(1, 10, 100)),
        Action("reset", "Forget the data", "Back to the prior alone."),
    )
    playable = True
    step_name = "flip"
    count, most, prefix = "data", MAX_DATA, "add"
    fresh_on = frozenset({"model", "true_p", "true_mean", "noise_sd"})
    layout = (("posterior", "compare"), ("numbers",))
    export_layout = (("posterior", "compare"),)
    thumbnail_view = "posterior"
    thumbnail_steps = 30
    captions: ClassVar[dict[str, str]] = {
        "posterior": "Grey dashed: the prior. Purple: the likelihood of the data (scaled). "
                     "Pink: the posterior, its 95 % credible interval shaded. Green: the "
                     "truth, which the inference never sees.",
        "compare": "The same data under your prior and two others: their posteriors meet as "
                   "the data grows.",
        "numbers": "Prior and posterior: mean, spread, credible interval.",
    }
    story_steps = (
        Step("prior", "Before the data: a prior",
             "How likely is heads? Before flipping, say what you believe as a beta "
             "distribution over P(heads): α − 1 and β − 1 act like heads and tails you "
             "imagine having seen. Large and equal: sure the coin is fair. 1 and 1: no "
             "idea.",
             views=("posterior",), controls=("alpha", "beta"), highlight=("alpha", "beta"),
             goal="Make a prior sure the coin is about fair: mean ½ and sd below 0.1.",
             done=lambda ex: ex.p.model == "coin" and ex.p.alpha == ex.p.beta and
             stats.beta(ex.p.alpha, ex.p.beta).std() < 0.1, live=_prior_text,
             enter=_to("coin")),
        Step("update", "Flip by flip",
             "Now flip. Each head adds one to α, each tail one to β: the posterior is "
             "the prior times the likelihood, $p(\\theta\\mid x) \\propto p(x\\mid\\theta)"
             "\\,p(\\theta)$. Watch it move toward the data and narrow.",
             views=("posterior", "numbers"), controls=("add1", "add10", PLAY, "reset"),
             highlight=("add1",),
             goal="Flip 20 times.", done=lambda ex: ex.n >= 20, live=_update_text,
             enter=_to("coin")),
        Step("priors-meet", "Enough data outweighs the prior",
             "Three people with different priors see the same flips. At first they "
             "disagree; with enough data their posteriors meet.",
             views=("compare", "numbers"), controls=("add10", "add100", "reset"),
             highlight=("add100",),
             goal=f"Flip at least 100 times, until the three posterior means are within "
                  f"{AGREE} of each other.",
             done=lambda ex: ex.p.model == "coin" and ex.n >= 100 and
             max(ex.posterior_means()) - min(ex.posterior_means()) < AGREE,
             live=_agree_text, enter=_to("coin")),
        Step("normal", "A normal mean",
             "The same reasoning for a mean: a normal prior and normal data with a known "
             "σ give a normal posterior whose precision, 1/sd², is the prior's plus "
             "n/σ². Draw data and watch the posterior narrow like σ/√n.",
             views=("posterior", "numbers"),
             controls=("prior_mean", "prior_sd", "noise_sd", "add10", "add100"),
             highlight=("add10",),
             goal="Draw at least 50 values, until the posterior's sd is below 0.2.",
             done=lambda ex: ex.p.model == "normal" and ex.n >= 50 and
             ex.posterior().std() < 0.2,
             live=_normal_text, enter=_to("normal")),
    )

    def unused(self) -> set[str]:
        coin = {"alpha", "beta", "true_p"}
        normal = {"prior_mean", "prior_sd", "noise_sd", "true_mean"}
        return normal if self.p.model == "coin" else coin

    def reset(self) -> None:
        rng = np.random.default_rng((self.p.seed, 5))  # seed 0: 14 heads in the first 20
        u, z = rng.random(MAX_DATA), rng.standard_normal(MAX_DATA)
        self.flips = (u < self.p.true_p).astype(np.int8)
        self.draws = self.p.true_mean + self.p.noise_sd * z

    # --- inference -------------------------------------------------------------------------

    @property
    def n(self) -> int:
        return int(self.p.data)

    @property
    def heads(self) -> int:
        return int(self.flips[:self.n].sum())

    def prior(self) -> Any:
        if self.p.model == "coin":
            return stats.beta(self.p.alpha, self.p.beta)
        return stats.norm(self.p.prior_mean, self.p.prior_sd)

    def posterior(self) -> Any:
        if self.p.model == "coin":
            return beta_posterior(self.p.alpha, self.p.beta, self.heads, self.n)
        return normal_posterior(self.p.prior_mean, self.p.prior_sd, self.p.noise_sd,
                                self.draws[:self.n])

    def posterior_means(self) -> list[float]:
        """Your prior's posterior mean, then those of the two others."""
        return [float(beta_posterior(a, b, self.heads, self.n).mean())
                for a, b in [(self.p.alpha, self.p.beta)] + [(a, b) for _, a, b, _ in OTHERS]]

    def likelihood(self, grid: Array) -> Array:
        """The data's likelihood over the grid, scaled to the posterior's peak height."""
        if self.p.model == "coin":
            logl = stats.binom.logpmf(self.heads, self.n, np.clip(grid, 1e-12, 1 - 1e-12))
        else:
            xs = self.draws[:self.n]
            logl = stats.norm.logpdf(xs[:, None], grid[None, :], self.p.noise_sd).sum(0) \
                if self.n else np.zeros_like(grid)
        like = np.exp(logl - logl.max())
        return np.asarray(like)

    # --- the frame ---------------------------------------------------------------------

    def grid(self) -> Array:
        if self.p.model == "coin":
            return P_GRID
        d = [self.prior(), self.posterior()]
        lo = min(float(x.ppf(0.001)) for x in d)
        hi = max(float(x.ppf(0.999)) for x in d)
        lo, hi = min(lo, self.p.true_mean - 1), max(hi, self.p.true_mean + 1)
        return np.linspace(lo, hi, 501)

    def frame(self) -> dict[str, View]:
        return {"posterior": self.posterior_view(), "compare": self.compare_view(),
                "numbers": self.numbers_view()}

    def posterior_view(self) -> Plot:
        x = self.grid()
        prior, post = self.prior(), self.posterior()
        fp, fq = prior.pdf(x), post.pdf(x)
        top = peak(np.concatenate([fp, fq])) * 1.15
        lo, hi = interval(post)
        layers: list[Any] = [
            ShapesLayer("rect", np.array([(lo + hi) / 2]), np.array([top / 2]),
                        np.array([hi - lo]), np.array([top]), fill=BAND, opacity=0.45,
                        stroke="", name="95 % credible interval"),
            LinesLayer(x, np.minimum(fp, top), PRIOR, 2.0, (6, 4), name="prior")]
        if self.n:  # before any data the posterior is the prior, and the truth stays hidden
            layers.append(LinesLayer(x, self.likelihood(x) * peak(fq), LIKELIHOOD,
                                     1.6, name="likelihood (scaled)"))
            layers.append(LinesLayer(x, np.minimum(fq, top), MODEL, 2.4, name="posterior"))
            truth = self.p.true_p if self.p.model == "coin" else self.p.true_mean
            layers.append(LinesLayer(np.array([truth, truth]), np.array([0.0, top]), TRUTH,
                                     1.6, (2, 3), name="truth"))
        what = "P(heads)" if self.p.model == "coin" else "μ"
        data = f"{self.n} flips, {self.heads} heads" if self.p.model == "coin" else \
            f"{self.n} draws"
        return Plot(f"Belief about {what}: {data}", what, "density", (float(x[0]),
                                                                     float(x[-1])),
                    (0.0, top), layers)

    def compare_view(self) -> Plot | Text:
        if self.p.model != "coin":
            return Text("Three priors side by side: choose the coin.", title="Three priors")
        x = P_GRID
        rows = [*OTHERS, ("your prior", self.p.alpha, self.p.beta, MODEL)]  # yours on top
        posts = [beta_posterior(a, b, self.heads, self.n) for _, a, b, _ in rows]
        top = max(peak(d.pdf(x)) for d in posts) * 1.1
        layers = [LinesLayer(x, np.minimum(d.pdf(x), top), color, 2.0,
                             name=f"{label}: mean {d.mean():.3f}")
                  for (label, _, _, color), d in zip(rows, posts, strict=True)]
        return Plot(f"Three priors, the same {self.n} flips", "P(heads)", "posterior density",
                    (0.0, 1.0), (0.0, top), layers)

    def numbers_view(self) -> Table:
        prior, post = self.prior(), self.posterior()
        plo, phi = interval(prior)
        lo, hi = interval(post)
        rows = [["mean", f"{prior.mean():.4f}", f"{post.mean():.4f}"],
                ["sd", f"{prior.std():.4f}", f"{post.std():.4f}"],
                ["95 % credible interval", f"[{plo:.3f}, {phi:.3f}]", f"[{lo:.3f}, {hi:.3f}]"]]
        if self.p.model == "coin":
            mle = f"{self.heads / self.n:.4f}" if self.n else "–"
            rows.append(["data alone (heads / flips)", "", mle])
        else:
            rows.append(["data alone (their mean)", "",
                         f"{self.draws[:self.n].mean():.4f}" if self.n else "–"])
        return Table("Prior and posterior", ["", "prior", "posterior"], rows)
