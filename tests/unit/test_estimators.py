"""Estimators: each sample's estimates against numpy, the averages against the closed forms
(E[x̄] = μ, E[s²ₙ] = (n - 1)σ²/n, E[s²ₙ₋₁] = σ², var(x̄) = σ²/n), the median's efficiency
against the mean's for normal and heavy-tailed data, and the seed's replay."""

from __future__ import annotations

import numpy as np
import pytest

from mlscope.core.params import ParamError
from mlscope.explorables.maths.estimators import (
    POPULATIONS,
    TRUE_MEAN,
    TRUE_VAR,
    Estimators,
    draws,
    estimates,
)


def test_the_estimates_are_numpys():
    s = np.random.default_rng(0).normal(size=(4, 7))
    e = estimates(s)
    assert np.allclose(e["mean"], s.mean(1)) and np.allclose(e["median"], np.median(s, 1))
    assert np.allclose(e["var_n"], s.var(1)) and np.allclose(e["var_n1"], s.var(1, ddof=1))


@pytest.mark.parametrize("name", POPULATIONS)
def test_the_populations_have_their_stated_mean_and_variance(name):
    x = draws(name, np.random.default_rng(1), (1000, 1000))
    assert x.mean() == pytest.approx(TRUE_MEAN, abs=5 * np.sqrt(TRUE_VAR[name] / x.size))
    assert x.var() == pytest.approx(TRUE_VAR[name], rel=0.03 if name != "heavy" else 0.15)


@pytest.mark.parametrize("name", POPULATIONS)
def test_the_averages_match_the_closed_forms(name):
    n, k = 4, 50_000
    ex = Estimators(population=name, n=n, samples=k, step="free")
    got = ex.so_far()
    var = TRUE_VAR[name]
    tol = 6 * np.sqrt(got["var_n1"].var() / k)
    assert got["var_n1"].mean() == pytest.approx(var, abs=tol)
    assert got["var_n"].mean() == pytest.approx((n - 1) / n * var, abs=tol)
    assert got["mean"].mean() == pytest.approx(TRUE_MEAN, abs=6 * np.sqrt(var / n / k))
    assert got["mean"].var() == pytest.approx(var / n, rel=0.05 if name != "heavy" else 0.3)


def test_the_median_is_less_efficient_for_normal_data_and_more_with_heavy_tails():
    normal = Estimators(population="normal", n=25, samples=20_000, step="free").so_far()
    ratio = normal["median"].var() / normal["mean"].var()
    assert ratio == pytest.approx(np.pi / 2, rel=0.1)  # the median's asymptotic efficiency
    heavy = Estimators(population="heavy", n=25, samples=20_000, step="free").so_far()
    assert heavy["median"].var() < heavy["mean"].var()


def test_the_table_and_a_link_replay():
    a = Estimators(seed=3, step="free", target="spread")
    a.act("draw1000")
    a.act("draw10")
    b = Estimators(seed=3, step="free", target="spread", samples=1010)
    assert np.array_equal(a.so_far()["var_n1"], b.so_far()["var_n1"])
    v = a.so_far()["var_n"]
    row = a.frame()["numbers"].rows[0]
    assert row[1] == f"{v.mean():.4f}" and row[2] == f"{v.mean() - 9.0:+.4f}"
    a.set(target="centre")  # a view: the same samples
    assert a.p.samples == 1010
    a.set(n=6)
    assert a.p.samples == 0


def test_bad_values_name_their_field():
    ex = Estimators(step="free")
    for field, bad in (("n", 1), ("population", "cauchy"), ("target", "both")):
        with pytest.raises(ParamError) as err:
            ex.set(**{field: bad})
        assert err.value.field == field


def test_the_story_goals():
    ex = Estimators()
    ex.act("draw1000")
    assert ex.story()["met"]
    ex.set(step="n-minus-1")
    assert ex.p.target == "spread"
    ex.act("draw1000")
    ex.act("draw1000")
    assert ex.story()["met"]
    ex.set(step="mean-or-median")
    ex.act("draw1000")
    ex.act("draw1000")
    assert not ex.story()["met"]  # normal data: the mean scatters less
    ex.set(population="heavy")
    ex.act("draw1000")
    ex.act("draw1000")
    assert ex.story()["met"]
