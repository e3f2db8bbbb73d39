"""Probability distributions: every family's shown moments are scipy.stats's (and, where
there is one, the closed form's), its PMF sums to 1 and its PDF integrates to 1, the draws
follow it (Kolmogorov-Smirnov or chi-squared), the approximations' distances behave as the
limit theorems say, and values outside a family's domain are refused by name."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import integrate, stats

from mlscope.core.params import ParamError
from mlscope.explorables.maths.distribution_zoo import ZOO, approximations, total_variation
from mlscope.explorables.maths.distributions import Distributions

CLOSED_FORMS = {  # (mean, variance) of each family at the page's defaults
    "bernoulli": (0.3, 0.3 * 0.7),
    "binomial": (20 * 0.3, 20 * 0.3 * 0.7),
    "geometric": (1 / 0.3, 0.7 / 0.09),
    "poisson": (4.0, 4.0),
    "negative_binomial": (5 * 0.7 / 0.3, 5 * 0.7 / 0.09),
    "hypergeometric": (20 * 80 / 200, 20 * (80 / 200) * (120 / 200) * (180 / 199)),
    "uniform": (0.5, 1 / 12),
    "normal": (0.0, 1.0),
    "exponential": (0.25, 1 / 16),
    "gamma": (2.0, 2.0),
    "beta": (2 / 7, 10 / (49 * 8)),
    "chi_squared": (5.0, 10.0),
    "student_t": (0.0, 5 / 3),
    "log_normal": (np.exp(0.5), (np.e - 1) * np.e),
}


def test_there_are_fourteen_families():
    assert len(ZOO) == 14 and set(CLOSED_FORMS) == set(ZOO)


@pytest.mark.parametrize("name", list(ZOO))
def test_each_familys_moments_match_the_closed_form_and_the_table(name):
    ex = Distributions(dist=name, step="free")
    mean, var = CLOSED_FORMS[name]
    assert ex.dist.mean() == pytest.approx(mean) and ex.dist.var() == pytest.approx(var)
    rows = ex.frame()["numbers"].rows
    assert rows[0][1] == f"{mean:.4f}" and rows[1][1] == f"{var:.4f}"


@pytest.mark.parametrize("name", list(ZOO))
def test_each_familys_probabilities_add_up_to_one(name):
    d = Distributions(dist=name, step="free").dist
    if ZOO[name].discrete:
        k = np.arange(d.support()[0], d.ppf(1 - 1e-12) + 1)
        assert d.pmf(k).sum() == pytest.approx(1.0, abs=1e-9)
    else:
        lo, hi = d.support()
        assert integrate.quad(d.pdf, lo, hi, limit=200)[0] == pytest.approx(1.0, abs=1e-6)


@pytest.mark.parametrize("name", list(ZOO))
def test_the_draws_follow_the_distribution(name):
    ex = Distributions(dist=name, step="free", samples=5000, seed=1)
    x = ex.drawn().values
    assert len(x) == 5000
    if ZOO[name].discrete:
        k, counts = np.unique(x, return_counts=True)
        expected = ex.dist.pmf(k) * len(x)
        keep = expected >= 5
        rest_obs = len(x) - counts[keep].sum()
        obs = np.append(counts[keep], rest_obs)
        exp = np.append(expected[keep], len(x) - expected[keep].sum())
        assert stats.chisquare(obs, exp).pvalue > 1e-4
    else:
        assert stats.kstest(x, ex.dist.cdf).pvalue > 1e-4


def test_the_binomial_tends_to_the_poisson_and_to_the_normal():
    """Small p, large n: the Poisson's total variation distance falls (Le Cam's bound,
    np²); p = ½ and growing n: the normal's falls like 1/√n."""
    ex = Distributions(step="free")
    tv_poisson, tv_normal = [], []
    for n in (10, 50, 200):
        ex.set(n=n, p=1 / n)
        tv_poisson.append(total_variation("binomial", ex.p, approximations("binomial",
                                                                            ex.p)[0][1]))
        assert tv_poisson[-1] <= n * (1 / n) ** 2 + 1e-12  # Le Cam
        ex.set(p=0.5)
        tv_normal.append(total_variation("binomial", ex.p, approximations("binomial",
                                                                           ex.p)[1][1]))
    assert tv_poisson[0] > tv_poisson[1] > tv_poisson[2]
    assert tv_normal[0] > tv_normal[1] > tv_normal[2]
    assert total_variation("student_t", Distributions(dist="student_t", df=100).p,
                           stats.norm()) < 0.01


def test_values_outside_a_familys_domain_are_refused_by_name():
    ex = Distributions(dist="hypergeometric", step="free")
    with pytest.raises(ParamError) as err:
        ex.set(successes=260)  # more successes than the population of 200
    assert err.value.field == "successes"
    with pytest.raises(ParamError) as err:
        ex.set(population=150, n=160)
    assert err.value.field == "n"
    for field, bad in (("sigma", -1.0), ("p", 1.5), ("n", 2.5), ("df", 0.0)):
        with pytest.raises(ParamError) as err:
            ex.set(**{field: bad})
        assert err.value.field == field
    ex.set(dist="uniform")
    with pytest.raises(ParamError) as err:
        ex.set(a=2.0)  # above b = 1
    assert err.value.field == "b" and "above a" in err.value.message
    assert ex.p.a == 0.0


def test_only_the_familys_own_parameters_are_in_use():
    ex = Distributions(dist="gamma", step="free")
    assert not ({"shape", "scale", "compare"} & ex.unused())
    assert {"n", "p", "mu", "alpha"} <= ex.unused()
    ex.set(dist="beta")
    assert "compare" in ex.unused() and not ({"alpha", "beta"} & ex.unused())


def test_a_link_replays_the_draws_and_a_new_parameter_clears_them():
    a = Distributions(dist="poisson", step="free", seed=4)
    a.act("draw1000")
    a.act("draw100")
    b = Distributions(dist="poisson", step="free", seed=4, samples=1100)
    assert np.array_equal(a.drawn().values, b.drawn().values)
    a.set(lam=7.0)
    assert a.p.samples == 0
    a.set(compare=True)  # a view: the draws stay
    a.act("draw10")
    a.set(compare=False)
    assert a.p.samples == 10


def test_the_story_goals():
    ex = Distributions()
    ex.set(n=25, p=0.8)
    assert ex.story()["met"]
    ex.set(step="draws")
    for _ in range(10):
        ex.act("draw1000")
    assert ex.story()["met"]
    ex.set(step="approximations")
    assert ex.p.compare and not ex.story()["met"]
    ex.set(n=200, p=0.01)
    assert ex.story()["met"]
    ex.set(step="zoo")
    for name in ("normal", "beta", "gamma", "poisson"):
        ex.set(dist=name)
    assert ex.story()["met"]
