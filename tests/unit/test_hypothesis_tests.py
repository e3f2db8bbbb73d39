"""Hypothesis tests: t and p against scipy.stats.ttest_ind on the page's own scores, the
power against scipy.stats.nct and against the page's simulated rejection rate, false
positives at rate α when there is no effect, the null view's p-value area, and the seed's
replay."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from mlscope.core.params import ParamError
from mlscope.core.views import AreaLayer
from mlscope.explorables.maths.hypothesis_tests import (
    HypothesisTests,
    critical_t,
    power,
    t_test,
)


def test_t_and_p_are_scipys_ttest_ind():
    ex = HypothesisTests(step="free", seed=5, n=12, effect=0.7, experiments=137)
    a, b = ex.last_groups()
    ref = stats.ttest_ind(b, a)
    t, p = ex.last_test()
    assert (t, p) == pytest.approx((ref.statistic, ref.pvalue))
    ts, ps = ex.tests()  # every experiment, from the blocks' means and sums of squares
    assert len(ts) == 137 and (ts[-1], ps[-1]) == pytest.approx((t, p))
    x = np.random.default_rng(0).normal(size=(4, 2, 9))
    for a, b in x:
        got = t_test(np.array([a.mean()]), np.array([b.mean()]),
                     np.array([((a - a.mean()) ** 2).sum()]),
                     np.array([((b - b.mean()) ** 2).sum()]), 9)
        ref = stats.ttest_ind(b, a)
        assert (got[0][0], got[1][0]) == pytest.approx((ref.statistic, ref.pvalue))


def test_power_is_the_noncentral_t_mass_beyond_the_critical_values():
    n, d, alpha = 20, 0.5, 0.05
    df, nc = 38, 0.5 * np.sqrt(10)
    crit = stats.t.ppf(0.975, df)
    assert critical_t(n, alpha) == pytest.approx(crit)
    assert power(d, n, alpha) == pytest.approx(stats.nct.sf(crit, df, nc) +
                                               stats.nct.cdf(-crit, df, nc))
    assert power(d, n, alpha) == pytest.approx(0.338, abs=0.001)  # Cohen's tables: 0.34
    assert power(0.0, n, alpha) == pytest.approx(alpha)
    assert power(0.5, 64, 0.05) == pytest.approx(0.80, abs=0.01)  # the textbook n = 64


def test_the_simulated_rejection_rate_matches_the_power_and_alpha():
    ex = HypothesisTests(step="free", seed=2, n=20, effect=0.5, experiments=10_000)
    se = np.sqrt(0.34 * 0.66 / 10_000)
    assert abs(ex.significant_share() - ex.power()) < 3 * se
    ex.set(effect=0.0)  # the same experiments, the treatment slid back
    assert ex.p.experiments == 10_000
    assert abs(ex.significant_share() - 0.05) < 3 * np.sqrt(0.05 * 0.95 / 10_000)
    _, p = ex.tests()  # uniform under the null
    assert stats.kstest(p, "uniform").pvalue > 0.001


def test_the_null_view_shades_the_p_value():
    ex = HypothesisTests(step="free", seed=3, n=15, experiments=4)
    t, p = ex.last_test()
    view = ex.frame()["null"]
    area = next(layer for layer in view.layers
                if isinstance(layer, AreaLayer) and layer.name.startswith("p = "))
    x, y = np.asarray(area.x), np.asarray(area.y_high)
    # the shaded area is the null density beyond |t|; it integrates to p (trapezoids over
    # a fine grid, within the grid's edges)
    assert np.all(y[np.abs(x) < abs(t) - 0.02] == 0)
    inside = stats.t.cdf(5.0, 28) - stats.t.cdf(-5.0, 28)
    assert np.trapezoid(y, x) == pytest.approx(p - (1 - inside), abs=0.01)
    assert view.title == f"t = {t:.2f}, p = {p:.3f}: " + \
        ("significant" if p < 0.05 else "not significant")


def test_a_link_replays_the_experiments_and_a_new_n_runs_new_ones():
    a = HypothesisTests(step="free", seed=9)
    a.act("run100")
    a.act("run10")
    b = HypothesisTests(step="free", seed=9, experiments=110)
    assert np.array_equal(a.tests()[0], b.tests()[0])
    a.set(alpha=0.01, effect=1.0)
    assert a.p.experiments == 110  # a view change: the same experiments
    a.set(n=30)
    assert a.p.experiments == 0


def test_bad_values_are_refused_with_the_field_named():
    ex = HypothesisTests(step="free")
    for name, value in (("n", 1), ("alpha", 0.5), ("effect", -0.1), ("n", 2.5)):
        with pytest.raises(ParamError, match=name):
            ex.set(**{name: value})
    assert ex.p.n == 20 and ex.p.alpha == 0.05


def test_the_story_goals():
    ex = HypothesisTests(step="no-effect")
    assert ex.p.effect == 0  # the step starts with no effect
    ex.act("run1000")
    assert ex.story_steps[2].done(ex)
    ex.set(step="power")
    assert ex.p.effect == 0.5
    ex.set(n=64)
    ex.act("run1000")
    assert ex.power() >= 0.8 and ex.story_steps[3].done(ex)
    ex.set(step="trade-off", alpha=0.01)
    assert not ex.story_steps[4].done(ex)
    ex.set(n=96)
    assert ex.story_steps[4].done(ex)
