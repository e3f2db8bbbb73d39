"""k-nearest neighbours agrees with scikit-learn's KNeighborsClassifier on the same points:
class shares over the plane, predictions, accuracies for every k, zero-distance votes; the
story's goals work and degenerate data give a picture, not an exception."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.neighbors import KNeighborsClassifier

import mlscope
from mlscope.core.encoding import encode
from mlscope.core.params import ParamError
from mlscope.explorables.classic.knn import METRICS, KNearestNeighbours, neighbours


def sklearn_model(ex, k=None):
    return KNeighborsClassifier(n_neighbors=k or ex.k, metric="minkowski",
                                p=METRICS[ex.p.metric], weights=ex.p.weights,
                                algorithm="brute").fit(ex.points[ex.train], ex.labels[ex.train])


def no_tie_at_k(ex, pts, k):
    """Places whose k-th and (k+1)-th neighbours are not at the same distance (there, which
    neighbour votes is an arbitrary choice, in any implementation)."""
    top = min(k + 1, int(ex.train.sum()))
    d, _ = neighbours(ex.tree, pts, top, METRICS[ex.p.metric])
    return ~np.isclose(d[:, k - 1], d[:, top - 1]) if top > k else np.ones(len(pts), bool)


@pytest.mark.parametrize("metric", list(METRICS))
@pytest.mark.parametrize("weights", ["uniform", "distance"])
@pytest.mark.parametrize("dataset, k", [("gauss", 1), ("moons", 4), ("xor", 15)])
def test_class_shares_are_scikit_learns(metric, weights, dataset, k):
    ex = KNearestNeighbours(dataset=dataset, k=k, metric=metric, weights=weights, count=300)
    grid = np.random.default_rng(0).uniform(-6, 6, (400, 2))
    ok = no_tie_at_k(ex, grid, k)
    assert ok.mean() > 0.95
    sk = sklearn_model(ex)
    assert np.allclose(ex.predict_proba(grid)[ok], sk.predict_proba(grid)[ok], atol=1e-12)
    assert np.array_equal(ex.predict(grid)[ok], sk.predict(grid)[ok])


def test_accuracy_for_every_k_is_scikit_learns():
    ex = KNearestNeighbours(dataset="moons", count=200, noise=30)
    train, held = ex.curves()
    xh, yh = ex.points[~ex.train], ex.labels[~ex.train]
    for k in (1, 2, 7, 20):
        sk = sklearn_model(ex, k)
        assert held[k - 1] == pytest.approx(sk.score(xh, yh))
        assert train[k - 1] == pytest.approx(sk.score(ex.points[ex.train], ex.labels[ex.train]))
    assert ex.best_k() == int(np.argmax(held)) + 1


def test_a_vote_at_a_training_point_counts_only_that_point_when_weighted():
    ex = KNearestNeighbours(weights="distance", k=5)
    at = ex.points[ex.train][:10]
    assert np.allclose(ex.predict_proba(at), sklearn_model(ex).predict_proba(at))
    assert np.array_equal(ex.predict(at), ex.labels[ex.train][:10])


def test_a_tie_goes_to_the_first_class_and_says_so():
    data = [(-1.0, 0.0, 1), (1.0, 0.0, 0), (0.0, 3.0, 1), (0.0, -3.0, 0)]
    ex = KNearestNeighbours(data=data, k=2, held_out=0, probe=[(0.0, 0.0, 0)])
    assert ex.probe_class() == 0
    assert "a tie: blue wins" in ex.frame()["votes"].title


def test_the_ball_holds_exactly_the_k_neighbours():
    for metric in METRICS:
        ex = KNearestNeighbours(metric=metric, k=6, count=300)
        (px, py) = ex.p.probe[0][:2]
        d = ex.probe_distances()
        diff = ex.points[ex.train] - [px, py]
        dist = np.linalg.norm(diff, ord=METRICS[metric], axis=1)
        assert np.sum(dist <= d[-1] + 1e-12) == 6
        ball = ex.frame()["plane"].layers[1]
        half = ball.width[0] / 2
        r = half * np.sqrt(2) if metric == "manhattan" else half  # a diamond's half side
        assert r == pytest.approx(d[-1])


def test_the_story_goals():
    ex = mlscope.explorable("knn")
    step = {s.name: s for s in ex.story_steps}
    start = ex.probe_class()
    target = [(x, y) for x in np.linspace(-5, 5, 21) for y in np.linspace(-5, 5, 21)]
    for x, y in target:  # drag the star until it stands in orange
        ex.set(probe=[(x, y, 0)])
        if ex.probe_class() == 1:
            break
    assert start != 1 and step["nearest"].done(ex)
    assert not step["k"].done(ex) or ex.p.k == ex.best_k()
    ex.set(k=ex.best_k())
    assert step["k"].done(ex)
    ex.set(step="weights")
    assert ex.p.k == 4


@pytest.mark.parametrize("data", [
    [(0.0, 0.0, 0)],                               # one point
    [(1.0, 1.0, 0), (1.0, 1.0, 1), (1.0, 1.0, 0)],   # all in one place
    [(1.0, 1.0, 0), (2.0, 2.0, 0), (3.0, 1.0, 0)],   # one class
])
def test_degenerate_data_give_a_picture(data):
    ex = KNearestNeighbours(data=data, k=10, weights="distance")
    frame = ex.frame()
    encode(frame)
    # said on the page: the odd data, or fewer voting points than k
    assert any(w in frame["plane"].title for w in ("One point", "Only", "one place", "only"))


def test_bad_clicks_and_values_name_their_field():
    ex = KNearestNeighbours()
    with pytest.raises(ParamError) as err:
        ex.act("add_point", {"x": "left"})
    assert err.value.field == "add_point"
    with pytest.raises(ParamError, match="k"):
        ex.set(k=0)
    with pytest.raises(ParamError, match="metric"):
        ex.set(metric="cosine")


def test_a_click_adds_a_point_of_the_brush_class_and_keeps_the_rest():
    ex = KNearestNeighbours(count=50)
    before = len(ex.points)
    ex.set(brush=2)
    ex.act("add_point", {"x": 0.5, "y": -0.5})
    assert len(ex.points) == before + 1 and ex.labels[-1] == 2 and ex.n_classes == 3
