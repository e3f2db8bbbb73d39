"""Kernel density estimation: the estimate against scikit-learn's KernelDensity for every
kernel and scipy's gaussian_kde, the rules of thumb against gaussian_kde's factors, the
error curve's minimum between too narrow and too wide, and dragged points."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import integrate, stats
from sklearn.neighbors import KernelDensity

from mlscope.core.params import ParamError
from mlscope.explorables.maths.kde import (
    GRID,
    KERNELS,
    Kde,
    estimate,
    kernel,
    scott,
    silverman,
    true_density,
)

DATA = np.random.default_rng(0).normal(0, 1.3, 60)


@pytest.mark.parametrize("name", KERNELS)
def test_the_estimate_is_scikit_learns(name):
    kd = KernelDensity(kernel=name, bandwidth=0.4).fit(DATA[:, None])
    ref = np.exp(kd.score_samples(GRID[:, None]))
    assert np.allclose(estimate(GRID, DATA, 0.4, name), ref, atol=1e-12)
    assert integrate.quad(lambda u: float(kernel(name, np.array([u]))[0]), -9, 9,
                          points=[-1, 0, 1])[0] == pytest.approx(1.0)


def test_the_gaussian_estimate_and_the_rules_are_scipys():
    for rule, ours in (("scott", scott), ("silverman", silverman)):
        kde = stats.gaussian_kde(DATA, bw_method=rule)
        h = ours(DATA)
        assert h == pytest.approx(kde.factor * DATA.std(ddof=1))
        assert np.allclose(estimate(GRID, DATA, h, "gaussian"), kde(GRID), atol=1e-12)


@pytest.mark.parametrize("name", ["bimodal", "normal", "skewed", "claw"])
def test_the_true_densities_integrate_to_one(name):
    assert integrate.trapezoid(true_density(name, GRID), GRID) == pytest.approx(1.0, abs=2e-3)


def test_the_error_is_least_between_too_narrow_and_too_wide():
    ex = Kde(step="free", count=200)
    errs = ex.errors()
    k = int(np.argmin(errs))
    assert 0 < k < len(errs) - 1  # an interior minimum
    assert errs[0] > 2 * errs[k] and errs[-1] > 2 * errs[k]
    # for normal data the rules land near the best; for the claw they oversmooth
    ex.set(dataset="normal")
    best_h, _ = ex.best()
    assert abs(np.log(scott(ex.data) / best_h)) < np.log(1.6)
    ex.set(dataset="claw")
    assert silverman(ex.data) > 2 * ex.best()[0]


def test_dragging_a_point_moves_its_bump_and_a_new_data_set_replaces_them():
    ex = Kde(step="free", count=20, bandwidth=0.2)
    before = estimate(GRID, ex.data, 0.2, "gaussian")
    moved = list(ex.p.points)
    moved[0] = (4.5, 2.7, 0)  # a drag lands wherever the pointer is; only x counts
    ex.set(points=moved)
    assert ex.moved and ex.data[0] == 4.5
    after = estimate(GRID, ex.data, 0.2, "gaussian")
    assert after[GRID > 4.3].max() > 0.05 > before[GRID > 4.3].max()
    ex.set(dataset="skewed")
    assert len(ex.data) == 20 and not ex.moved
    seed = ex.p.seed
    ex.act("new_points")
    assert ex.p.seed == seed + 1 and not np.array_equal(ex.data, Kde(
        step="free", count=20, dataset="skewed", seed=seed).data)


def test_bad_values_name_their_field():
    ex = Kde(step="free")
    for field, bad in (("bandwidth", 0.0), ("count", 1), ("kernel", "cosine"),
                       ("points", [(9.0, 0.0, 0)])):
        with pytest.raises(ParamError) as err:
            ex.set(**{field: bad})
        assert err.value.field == field


def test_the_story_goals():
    ex = Kde()
    assert not ex.story()["met"]
    pts = list(ex.p.points)
    pts[3] = (1.0, 0.0, 0)
    ex.set(points=pts)
    assert ex.story()["met"]
    ex.set(step="bandwidth")
    assert not ex.story()["met"]
    ex.set(bandwidth=round(ex.best()[0], 2))
    assert ex.story()["met"]
    ex.set(step="rules", dataset="claw")
    assert ex.story()["met"]
    ex.set(step="kernels", kernel="tophat")
    ex.set(kernel="linear")
    assert ex.story()["met"]
