"""Confidence intervals: the t interval against scipy.stats.t.interval, the bootstrap's
percentile interval against scipy.stats.bootstrap on the same resamples' logic, coverage
near the level for a normal population and below it for a skewed one at small n, and the
seed's replay."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from mlscope.core.params import ParamError
from mlscope.explorables.maths.confidence import (
    RESAMPLES,
    TRUE_MEAN,
    Confidence,
    percentile_interval,
    t_interval,
)


def test_the_t_interval_is_scipys():
    x = np.random.default_rng(0).normal(10, 3, (5, 12))
    lo, hi = t_interval(x.mean(axis=1), x.std(axis=1, ddof=1), 12, 0.9)
    for i, row in enumerate(x):
        ref = stats.t.interval(0.9, 11, loc=row.mean(), scale=stats.sem(row))
        assert (lo[i], hi[i]) == pytest.approx(ref)


def test_the_page_shows_the_intervals_of_its_samples():
    ex = Confidence(step="free", experiments=250, n=8, level=0.8, seed=3)
    last = ex.last_sample()
    lo, hi = stats.t.interval(0.8, 7, loc=last.mean(), scale=stats.sem(last))
    tl, th, bl, bh = ex.bounds()
    assert (tl[-1], th[-1]) == pytest.approx((lo, hi))
    # the bootstrap interval: numpy's percentiles of the resample means
    boot = ex.block(2).boot[49]
    assert (bl[-1], bh[-1]) == pytest.approx(tuple(np.quantile(boot, [0.1, 0.9])))
    assert boot.shape == (RESAMPLES,) and boot.min() >= last.min() and boot.max() <= last.max()


def test_the_percentile_interval_is_close_to_scipys_bootstrap():
    """Our 400 resamples against scipy.stats.bootstrap's 20,000 (percentile method): the
    bounds agree to within the resampling noise."""
    x = np.random.default_rng(1).exponential(10, 30)
    rng = np.random.default_rng(2)
    means = x[rng.integers(30, size=(RESAMPLES, 30))].mean(axis=1)
    lo, hi = percentile_interval(means[None, :], 0.95)
    ref = stats.bootstrap((x,), np.mean, confidence_level=0.95, n_resamples=20_000,
                          method="percentile", random_state=3).confidence_interval
    se = x.std(ddof=1) / np.sqrt(30)
    assert abs(lo[0] - ref.low) < 0.5 * se and abs(hi[0] - ref.high) < 0.5 * se


def test_coverage_meets_the_level_for_a_normal_population_and_falls_short_when_skewed():
    ex = Confidence(step="free", experiments=10_000, n=10)
    t, b = ex.coverage()
    assert abs(t - 0.95) < 0.008  # 3 standard errors of 10,000 Bernoulli(0.95)
    assert b < t  # the percentile bootstrap is too narrow at n = 10
    ex.set(population="skewed", n=5)  # a new population or n starts the samples again
    assert ex.p.experiments == 0
    ex.set(experiments=10_000)
    t_small, _ = ex.coverage()
    assert t_small < 0.92
    ex.set(n=80)
    ex.set(experiments=10_000)
    assert ex.coverage()[0] > t_small + 0.02
    tl, th, _, _ = ex.bounds()
    assert ex.frame()["numbers"].rows[0][1] == \
        f"{np.mean((tl <= TRUE_MEAN) & (th >= TRUE_MEAN)):.1%}"


def test_a_link_replays_the_samples_and_the_level_only_changes_the_view():
    a = Confidence(step="free", seed=8)
    a.act("draw100")
    a.act("draw10")
    b = Confidence(step="free", seed=8, experiments=110)
    assert np.array_equal(a.sample_means(), b.sample_means())
    a.set(level=0.99)
    assert a.p.experiments == 110  # the same samples, wider intervals
    assert (a.bounds()[1] - a.bounds()[0]).mean() > (b.bounds()[1] - b.bounds()[0]).mean()
    a.set(n=20)
    assert a.p.experiments == 0


def test_bad_values_name_their_field():
    ex = Confidence(step="free")
    for field, bad in (("n", 1), ("level", 1.0), ("level", 0.2), ("population", "cauchy")):
        with pytest.raises(ParamError) as err:
            ex.set(**{field: bad})
        assert err.value.field == field


def test_the_story_goals():
    ex = Confidence()
    ex.act("draw10")
    ex.act("draw10")
    assert ex.story()["met"]
    ex.set(step="many")
    ex.act("draw1000")
    assert ex.story()["met"]
    ex.set(step="level", level=0.99)
    ex.act("draw1000")
    assert ex.story()["met"]
    ex.set(step="skewed")
    assert ex.p.population == "skewed" and ex.p.n == 5
    for _ in range(3):
        ex.act("draw1000")
    assert not ex.story()["met"]
    ex.set(n=80)
    for _ in range(3):
        ex.act("draw1000")
    assert ex.story()["met"]
