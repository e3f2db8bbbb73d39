"""The shared 2-D data toolkit (data/plane.py): every generator's shape and seed, the
classic sets checked against scikit-learn's recipes and their own closed forms, editing
points by click, and the errors that name their field."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.datasets import make_moons

from mlscope.core.params import ParamError
from mlscope.data import plane


@pytest.mark.parametrize("name", [*plane.CLASSIFICATION, *plane.REGRESSION, *plane.CURVES])
def test_every_set_is_seeded_in_the_box_and_labelled(name):
    k = min(3, plane.MAX_CLASSES.get(name, 3))
    x, t = plane.generate(name, 300, 0.1, k, seed=4)
    assert x.shape == (300, 2) and t.shape == (300,)
    assert (np.abs(x) <= 6.5).all(axis=1).mean() > 0.98  # about [-6, 6]²: gaussian tails aside
    again, _ = plane.generate(name, 300, 0.1, k, seed=4)
    other, _ = plane.generate(name, 300, 0.1, k, seed=5)
    assert np.array_equal(x, again) and not np.array_equal(x, other)
    task = plane.task_of(name)
    if task == "classification":
        assert set(np.unique(t)) == set(range(k))
    elif task == "curve":
        assert np.array_equal(t, x[:, 1])
    assert name in plane.LABELS


def test_moons_lie_on_scikit_learns_moons():
    x, t = plane.generate("moons", 400, 0.0, 2, seed=0)
    ref, ref_t = make_moons(4000, noise=0.0, random_state=0)
    back = x / 3.5 + [0.5, 0.25]  # undo the scaling about the centre
    for c in (0, 1):
        d = np.hypot(*(back[t == c][:, None, :] - ref[ref_t == c][None, :, :]).transpose(2, 0, 1))
        assert d.min(axis=1).max() < 0.01


def test_blobs_have_the_stated_spread_around_separate_centres():
    x, t = plane.generate("blobs", 6000, 0.0, 3, seed=1)
    centres = np.array([x[t == c].mean(axis=0) for c in range(3)])
    gaps = [np.hypot(*(centres[a] - centres[b])) for a, b in ((0, 1), (0, 2), (1, 2))]
    assert min(gaps) > 1.9
    for c in range(3):
        assert np.allclose(x[t == c].std(axis=0), 0.5, rtol=0.06)


def test_anisotropic_blobs_are_sheared_by_one_map():
    x, t = plane.generate("anisotropic", 9000, 0.0, 2, seed=2)
    expected = plane._SHEAR @ plane._SHEAR.T * 0.5 ** 2
    for c in (0, 1):
        assert np.allclose(np.cov(x[t == c].T), expected, atol=0.03)


def test_a_gaussian_mixture_has_one_covariance_per_class():
    x, t = plane.generate("mixture", 9000, 0.0, 3, seed=3)
    covs = [np.cov(x[t == c].T) for c in range(3)]
    assert not np.allclose(covs[0], covs[1], atol=0.05)
    for cov in covs:  # a real ellipse: positive definite, not round
        w = np.linalg.eigvalsh(cov)
        assert w.min() > 0 and w.max() / w.min() > 1.2


def test_noise_has_nothing_to_learn():
    x, t = plane.generate("noise", 8000, 0.0, 2, seed=0)
    assert abs(t.mean() - 0.5) < 0.02
    right = x[:, 0] > 0
    assert abs(t[right].mean() - t[~right].mean()) < 0.04


def test_curves_follow_their_functions():
    x, _ = plane.generate("line", 4000, 0.0, 2, seed=0)
    slope, intercept = np.polyfit(x[:, 0], x[:, 1], 1)
    assert slope == pytest.approx(0.6, abs=0.01) and intercept == pytest.approx(0.5, abs=0.02)
    q, _ = plane.generate("quadratic", 4000, 0.0, 2, seed=0)
    assert np.allclose(np.polyfit(q[:, 0], q[:, 1], 2), [0.25, 0, -2.5], atol=0.02)
    o, _ = plane.generate("outliers", 4000, 0.0, 2, seed=0)
    far = np.abs(o[:, 1] - (0.6 * o[:, 0] + 0.5)) > 1.0
    assert 0.04 < far.mean() < 0.09  # 8 % replaced, a few land near the line anyway


def test_a_click_adds_and_a_shift_click_removes_the_nearest_point():
    pts = [(0.0, 0.0, 0.0), (1.0, 1.0, 1.0)]
    box = (-6.0, 6.0)
    added = plane.edit_points(pts, {"x": 2, "y": -1}, 1, box, box)
    assert added == [*pts, (2.0, -1.0, 1.0)] and len(pts) == 2  # the input is untouched
    removed = plane.edit_points(added, {"x": 0.9, "y": 1.2, "shift": True}, 0, box, box)
    assert removed == [(0.0, 0.0, 0.0), (2.0, -1.0, 1.0)]
    with pytest.raises(ParamError, match="no point near enough") as err:
        plane.edit_points(pts, {"x": 4, "y": 4, "shift": True}, 0, box, box)
    assert err.value.field == "add_point"
    for bad in (None, {"x": "a", "y": 0}, {"x": float("nan"), "y": 0}, {"x": True, "y": 0}):
        with pytest.raises(ParamError, match="needs"):
            plane.edit_points(pts, bad, 0, box, box, field="click")
    with pytest.raises(ParamError, match="no point to remove"):
        plane.edit_points([], {"x": 0, "y": 0, "shift": True}, 0, box, box)


def test_bad_names_and_class_counts_are_named():
    with pytest.raises(ParamError, match="dataset must be one of") as err:
        plane.generate("swirl", 10, 0, 2, 0)
    assert err.value.field == "dataset"
    with pytest.raises(ParamError, match="classes must be 1 to 2 for moons") as err:
        plane.generate("moons", 10, 0, 3, 0)
    assert err.value.field == "classes"


def test_previews_picture_every_set():
    got = plane.previews(plane.CLASSIFICATION + plane.CURVES)
    assert set(got) == set(plane.CLASSIFICATION + plane.CURVES)
    assert all(len(v) == 100 and len(v[0]) == 3 for v in got.values())


def test_odd_data_are_named_on_the_page():
    names = ("blue", "orange")
    assert plane.data_notice(np.empty((0, 2)), np.empty(0, int), names).startswith("No points")
    assert "blue" in plane.data_notice(np.zeros((1, 2)), np.array([0]), names)
    assert plane.data_notice(np.array([[0, 0], [1, 1.0]]), np.array([1, 1]), names) \
        .startswith("Only orange points")
    assert "one place" in plane.data_notice(np.ones((3, 2)), np.array([0, 1, 0]), names)
    assert plane.data_notice(np.array([[0, 0], [1, 1.0]]), np.array([0, 1]), names) == ""


@pytest.mark.parametrize("slug", ["knn", "logistic-regression", "decision-tree", "random-forest",
                                  "naive-bayes", "svm"])
def test_each_classic_explorable_says_when_there_is_one_class(slug):
    import mlscope

    ex = mlscope.explorable(slug, step="free", data=[(1.0, 1.0, 1), (2.0, -1.0, 1), (0.0, 3.0, 1)])
    plot = ex.frame()[next(k for k in ("plane",) if k in ex.frame())]
    assert plot.title.startswith("Only orange points")
