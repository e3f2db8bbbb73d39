"""Bayesian inference: the conjugate posteriors against a grid posterior (prior times
likelihood, normalised) and scipy.stats, the credible intervals' coverage, the priors
meeting, and the seed's replay."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import integrate, stats

from mlscope.core.params import ParamError
from mlscope.explorables.maths.bayes import Bayes, beta_posterior, interval, normal_posterior


@pytest.mark.parametrize(("a", "b", "h", "n"), [(1, 1, 0, 0), (2, 2, 7, 10), (0.5, 0.5, 3, 40),
                                                (30, 30, 90, 100)])
def test_the_beta_posterior_is_prior_times_likelihood(a, b, h, n):
    grid = np.linspace(1e-6, 1 - 1e-6, 200_001)
    unnorm = stats.beta.pdf(grid, a, b) * stats.binom.pmf(h, n, grid)
    unnorm /= integrate.trapezoid(unnorm, grid)
    post = beta_posterior(a, b, h, n)
    inner = (grid > 0.01) & (grid < 0.99)
    assert np.allclose(unnorm[inner], post.pdf(grid[inner]), rtol=1e-3, atol=1e-3)
    assert post.mean() == pytest.approx((a + h) / (a + b + n))


def test_the_normal_posterior_is_prior_times_likelihood():
    xs = np.random.default_rng(0).normal(3.0, 2.0, 25)
    grid = np.linspace(-10, 15, 100_001)
    log = stats.norm.logpdf(grid, 0.0, 2.0) + stats.norm.logpdf(xs[:, None], grid, 2.0).sum(0)
    unnorm = np.exp(log - log.max())
    unnorm /= integrate.trapezoid(unnorm, grid)
    post = normal_posterior(0.0, 2.0, 2.0, xs)
    assert integrate.trapezoid(grid * unnorm, grid) == pytest.approx(post.mean(), abs=1e-6)
    var = integrate.trapezoid((grid - post.mean()) ** 2 * unnorm, grid)
    assert np.sqrt(var) == pytest.approx(post.std(), rel=1e-4)
    assert post.std() == pytest.approx(1 / np.sqrt(1 / 4 + 25 / 4))


def test_credible_intervals_hold_the_truth_95_percent_of_the_time_under_the_prior():
    """Draw p from the prior, flips from p: the 95 % posterior interval holds p in about
    95 % of 2,000 such worlds (calibration, which holds exactly when the prior is right)."""
    rng = np.random.default_rng(1)
    hits = 0
    for _ in range(2000):
        p = rng.beta(3, 5)
        h = rng.binomial(30, p)
        lo, hi = interval(beta_posterior(3, 5, h, 30))
        hits += lo <= p <= hi
    assert 0.93 <= hits / 2000 <= 0.97


def test_the_page_shows_the_posteriors_numbers_and_the_priors_meet():
    ex = Bayes(step="free", alpha=8, beta=3, data=15, seed=2)
    h = int(ex.flips[:15].sum())
    post = stats.beta(8 + h, 3 + 15 - h)
    rows = ex.frame()["numbers"].rows
    assert rows[0][2] == f"{post.mean():.4f}" and rows[1][2] == f"{post.std():.4f}"
    lo, hi = post.ppf([0.025, 0.975])
    assert rows[2][2] == f"[{lo:.3f}, {hi:.3f}]"
    gaps = []
    for n in (10, 100, 1000, 5000):
        ex.set(data=n)
        means = ex.posterior_means()
        gaps.append(max(means) - min(means))
    assert gaps == sorted(gaps, reverse=True) and gaps[-1] < 0.01


def test_a_link_replays_the_flips_and_a_new_truth_draws_new_ones():
    a = Bayes(seed=5, step="free")
    a.act("add100")
    a.act("add10")
    b = Bayes(seed=5, step="free", data=110)
    assert a.heads == b.heads
    a.set(true_p=0.2)
    assert a.p.data == 0
    a.set(alpha=5.0)  # a new prior keeps the data: the same flips, believed differently
    a.act("add10")
    a.set(alpha=6.0)
    assert a.p.data == 10


def test_bad_values_name_their_field():
    ex = Bayes(step="free")
    for field, bad in (("alpha", 0.0), ("beta", -1.0), ("true_p", 1.2), ("prior_sd", 0.0)):
        with pytest.raises(ParamError) as err:
            ex.set(**{field: bad})
        assert err.value.field == field


def test_the_story_goals():
    ex = Bayes()
    assert not ex.story()["met"]
    ex.set(alpha=20, beta=20)
    assert ex.story()["met"]
    ex.set(step="update")
    ex.act("add10")
    ex.act("add10")
    assert ex.story()["met"]
    ex.set(step="priors-meet")
    assert not ex.story()["met"]
    for _ in range(20):
        ex.act("add100")
    assert ex.story()["met"]
    ex.set(step="normal")
    assert ex.p.model == "normal" and ex.p.data == 0 and not ex.story()["met"]
    for _ in range(2):
        ex.act("add100")
    assert ex.story()["met"]
