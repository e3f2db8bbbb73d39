"""Logistic regression agrees with scikit-learn's LogisticRegression on the same points and
C (weights, intercepts, probabilities; binary and multinomial), its gradient matches finite
differences, gradient descent reaches the same minimum, and the story's goals work."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression as SkLogistic

import mlscope
from mlscope.core.encoding import encode
from mlscope.core.params import ParamError
from mlscope.explorables.classic.logistic_regression import (
    LogisticRegression,
    objective,
    probabilities,
)


def sklearn_fit(ex):
    x, y = ex.points[ex.train], ex.labels[ex.train]
    return SkLogistic(C=ex.p.C, tol=1e-12, max_iter=10_000).fit(x, y)


@pytest.mark.parametrize("dataset, classes, C", [
    ("gauss", 2, 1.0), ("moons", 2, 0.01), ("xor", 2, 100.0), ("blobs", 3, 1.0),
    ("blobs", 5, 0.1), ("anisotropic", 4, 10.0),
])
def test_the_minimum_is_scikit_learns(dataset, classes, C):
    ex = LogisticRegression(dataset=dataset, classes=classes, C=C, count=300)
    ex.solve_now()
    sk = sklearn_fit(ex)
    grid = np.random.default_rng(1).uniform(-6, 6, (300, 2))
    assert np.allclose(ex.predict_proba(grid), sk.predict_proba(grid), atol=2e-5)
    if classes == 2:  # one weight row: scikit-learn's coef_ for class 1
        assert np.allclose(ex.W, sk.coef_, atol=1e-4) and np.allclose(ex.b, sk.intercept_, atol=1e-4)
    else:  # the softmax is unchanged by a shift of every row; scikit-learn centres them
        assert np.allclose(ex.W - ex.W.mean(axis=0), sk.coef_ - sk.coef_.mean(axis=0), atol=1e-4)


@pytest.mark.parametrize("rows", [1, 3])
def test_the_gradient_is_the_objectives(rows):
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(40, 2)), rng.integers(0, 2 if rows == 1 else 3, 40)
    W, b = rng.normal(size=(rows, 2)), rng.normal(size=rows)
    _, gW, gb = objective(W, b, x, y, 0.7)
    h = 1e-6
    for idx in np.ndindex(W.shape):
        d = np.zeros_like(W)
        d[idx] = h
        num = (objective(W + d, b, x, y, 0.7)[0] - objective(W - d, b, x, y, 0.7)[0]) / (2 * h)
        assert gW[idx] == pytest.approx(num, rel=1e-5, abs=1e-8)
    for j in range(rows):
        d = np.zeros(rows)
        d[j] = h
        num = (objective(W, b + d, x, y, 0.7)[0] - objective(W, b - d, x, y, 0.7)[0]) / (2 * h)
        assert gb[j] == pytest.approx(num, rel=1e-5, abs=1e-8)


def test_probabilities_sum_to_one_and_the_sigmoid_is_the_two_class_softmax():
    x = np.array([[1.0, 2.0], [-3.0, 0.5]])
    W, b = np.array([[0.4, -1.0]]), np.array([0.3])
    p = probabilities(W, b, x)
    soft = probabilities(np.vstack([np.zeros(2), W[0]]), np.array([0.0, b[0]]), x)
    assert np.allclose(p, soft) and np.allclose(p.sum(axis=1), 1)


def test_gradient_descent_walks_to_the_minimum():
    ex = LogisticRegression(C=1.0)
    ex.act("reset")
    assert ex.loss == pytest.approx(np.log(2))  # every point at 50 %
    while ex.gap() > 1e-4 and ex.steps < 20_000:
        ex.step()
    assert ex.gap() <= 1e-4
    assert np.allclose(ex.W, sklearn_fit(ex).coef_, atol=0.02)


def test_c_moves_a_solved_model_and_shrinks_its_weights():
    ex = LogisticRegression()
    ex.solve_now()
    big = np.linalg.norm(ex.W)
    ex.set(C=0.001)
    assert np.linalg.norm(ex.W) < big / 5  # followed C to its new minimum
    assert np.allclose(ex.W, sklearn_fit(ex).coef_, atol=1e-4)


def test_the_story_goals():
    ex = mlscope.explorable("logistic-regression")
    step = {s.name: s for s in ex.story_steps}
    assert not step["distance"].done(ex)
    ex.set(probe=[(-4.0, -4.0, 0)])
    assert ex.probe_probabilities()[1] >= 0.9 and step["distance"].done(ex)
    ex.set(step="training")
    assert ex.steps == 0 and not step["training"].done(ex)
    ex.act("solve")
    assert step["training"].done(ex)
    ex.set(step="classes")
    assert ex.W.shape == (3, 2)


def test_the_star_arrow_is_its_signed_distance():
    ex = LogisticRegression()
    ex.solve_now()
    plot = ex.frame()["plane"]
    arrow = next(layer for layer in plot.layers if layer.kind == "arrows")
    w = ex.W[0]
    length = np.hypot(arrow.dx[0], arrow.dy[0])
    assert length == pytest.approx(abs(ex.probe_z()) / np.linalg.norm(w))
    foot = np.array([arrow.x[0], arrow.y[0]])
    assert w @ foot + ex.b[0] == pytest.approx(0, abs=1e-9)  # it starts on the line


@pytest.mark.parametrize("data", [
    [(0.0, 0.0, 0)],
    [(1.0, 1.0, 0), (1.0, 1.0, 1)],
    [(1.0, 1.0, 1), (2.0, 2.0, 1), (3.0, 1.0, 1)],
])
def test_degenerate_data_give_a_picture(data):
    ex = LogisticRegression(data=data, held_out=0)
    for _ in range(20):
        ex.step()
    ex.act("solve")
    encode(ex.frame())


def test_bad_values_name_their_field():
    with pytest.raises(ParamError, match="C"):
        LogisticRegression(C=0)
    with pytest.raises(ParamError) as err:
        LogisticRegression().act("add_point", None)
    assert err.value.field == "add_point"
