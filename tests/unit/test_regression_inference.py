"""Regression as statistics: the fit, its standard errors and tests against
scipy.stats.linregress, the bands and intervals against their closed forms, F = t², R² as
the share of the sums of squares, the adjusted slope against numpy.linalg.lstsq, coverage
of the confidence band, and bad points refused."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from mlscope.core.params import ParamError
from mlscope.core.views import AreaLayer
from mlscope.explorables.maths.regression_inference import (
    GRID,
    RegressionInference,
    adjusted_slope,
    least_squares,
    p_text,
)


def test_the_fit_is_linregress():
    ex = RegressionInference(step="free", seed=4, n=25, slope=0.3, noise=3.0)
    f = ex.fit()
    ref = stats.linregress(ex.x, ex.y)
    assert (f.a, f.b) == pytest.approx((ref.intercept, ref.slope))
    assert f.se_slope() == pytest.approx(ref.stderr)
    assert f.se_intercept() == pytest.approx(ref.intercept_stderr)
    assert f.r2 == pytest.approx(ref.rvalue ** 2)
    t, p = f.t_slope()
    assert p == pytest.approx(ref.pvalue)
    fs, fp = f.f_test()
    assert fs == pytest.approx(t ** 2) and fp == pytest.approx(p)
    assert f.sst == pytest.approx(f.sse + np.sum((f.a + f.b * ex.x - ex.y.mean()) ** 2))
    rows = ex.frame()["numbers"].rows
    assert rows[1][1:5] == [f"{ref.slope:.3f}", f"{ref.stderr:.3f}", f"{t:.2f}", p_text(p)]


def test_the_bands_are_the_closed_forms():
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 10, 12)
    y = 2 + 0.5 * x + rng.normal(0, 1, 12)
    f = least_squares(x, y)
    x0 = np.array([3.0])
    tq = stats.t.ppf(0.975, 10)
    xm, sxx = x.mean(), np.sum((x - x.mean()) ** 2)
    s = np.sqrt(np.sum((y - f.a - f.b * x) ** 2) / 10)
    fit0 = f.a + f.b * 3.0
    lo, hi = f.band(x0, 0.95, new_point=False)
    assert (lo[0], hi[0]) == pytest.approx((fit0 - tq * s * np.sqrt(1 / 12 + (3 - xm) ** 2 / sxx),
                                            fit0 + tq * s * np.sqrt(1 / 12 + (3 - xm) ** 2 / sxx)))
    plo, phi = f.band(x0, 0.95, new_point=True)
    assert phi[0] - plo[0] == pytest.approx(2 * tq * s * np.sqrt(1 + 1 / 12 + (3 - xm) ** 2 / sxx))
    # the slope's interval from the table is scipy's t interval
    ex = RegressionInference(step="free", points=tuple((a, b, 0) for a, b in zip(x, y, strict=True)))
    ref = stats.linregress(x, y)
    lo_b, hi_b = ref.slope - tq * ref.stderr, ref.slope + tq * ref.stderr
    assert ex.frame()["numbers"].rows[1][5] == f"[{lo_b:.3f}, {hi_b:.3f}]"


def test_the_confidence_band_holds_the_true_line_at_its_level():
    """Over many seeds, the 90% band at x = 2 holds the true value about 90% of the time."""
    held = []
    for seed in range(400):
        ex = RegressionInference(step="free", seed=seed, n=10, slope=0.5, noise=2.0)
        lo, hi = ex.fit().band(np.array([2.0]), 0.9, new_point=False)
        held.append(lo[0] <= 1 + 0.5 * 2.0 <= hi[0])
    assert abs(np.mean(held) - 0.9) < 3 * np.sqrt(0.09 / 400) + 0.01  # clipping adds a little


def test_the_view_draws_the_bands_in_the_free_step_and_the_gaps_in_the_first():
    ex = RegressionInference(step="free", seed=1)
    bands = [la for la in ex.frame()["fit"].layers if isinstance(la, AreaLayer)]
    _, hi = ex.fit().band(GRID, 0.95, new_point=False)
    assert np.allclose(bands[1].y_high, np.clip(hi, -12, 16))
    ex.set(step="line")
    assert not [la for la in ex.frame()["fit"].layers if isinstance(la, AreaLayer)]
    assert any(getattr(la, "name", "") == "residual" for la in ex.frame()["fit"].layers)


def test_a_confounder_fakes_a_slope_that_comparing_like_with_like_removes():
    ex = RegressionInference(step="confounder", seed=3, n=90)
    assert ex.p.world == "confounded"
    f = ex.fit()
    assert f.b > 0.5 and f.t_slope()[1] < 1e-6
    b, se, _, a = ex.adjusted()
    design = np.column_stack([ex.x] + [(ex.group == g).astype(float) for g in range(3)])
    coef, *_ = np.linalg.lstsq(design, ex.y, rcond=None)
    assert b == pytest.approx(coef[0]) and np.allclose(a, coef[1:])
    resid = ex.y - design @ coef
    cov = (resid @ resid / (90 - 4)) * np.linalg.inv(design.T @ design)
    assert se == pytest.approx(np.sqrt(cov[0, 0]))
    assert abs(b) < 3 * se  # ice cream does nothing
    assert not ex.story_steps[3].done(ex)
    ex.set(adjust=True)
    assert ex.story_steps[3].done(ex)
    assert ex.frame()["numbers"].rows[2][0] == "slope, same weather"
    assert ex.unused() == {"slope"}
    # one group only: the adjusted slope is the plain one
    x = np.array([1.0, 2.0, 4.0, 5.0])
    y = np.array([1.0, 3.0, 2.0, 6.0])
    assert adjusted_slope(x, y, np.zeros(4, dtype=int))[0] == pytest.approx(
        stats.linregress(x, y).slope)


def test_dragging_a_point_moves_the_line_and_a_new_world_redraws():
    ex = RegressionInference(seed=2)
    assert ex.p.step == "line" and not ex.story_steps[0].done(ex)
    pts = list(ex.p.points)
    pts[0] = (pts[0][0], 15.0, 0)
    b0 = ex.fit().b
    ex.set(points=tuple(pts))
    assert ex.fit().b != b0 and ex.story_steps[0].done(ex)
    ex.set(noise=4.0)  # a new noise draws new points
    assert not ex.moved and len(ex.p.points) == 30


def test_bad_points_are_refused_and_the_old_ones_kept():
    ex = RegressionInference(step="free", seed=1)
    before = ex.p.points
    with pytest.raises(ParamError, match="points must hold at least 3"):
        ex.set(points=((1.0, 2.0, 0), (2.0, 3.0, 0)))
    with pytest.raises(ParamError, match="one x"):
        ex.set(points=((1.0, 2.0, 0), (1.0, 3.0, 0), (1.0, 5.0, 0)))
    with pytest.raises(ParamError, match="points"):
        ex.set(points=((1.0, 99.0, 0),) * 3)  # outside the box
    for name, value in (("noise", 0.0), ("slope", 2.0), ("n", 2), ("level", 1.0)):
        with pytest.raises(ParamError, match=name):
            ex.set(**{name: value})
    assert ex.p.points == before


def test_r_squared_goal_and_the_slope_test_goal():
    ex = RegressionInference(step="r-squared", seed=1)
    assert not ex.story_steps[1].done(ex)
    ex.set(noise=5.0, slope=0.2)
    assert ex.fit().r2 < 0.3 and ex.story_steps[1].done(ex)
    ex.set(step="uncertainty", slope=0.0, n=10)
    assert ex.story_steps[2].done(ex) == (ex.fit().t_slope()[1] > 0.05)
