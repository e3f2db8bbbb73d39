"""The support vector machine: SMO reaches scikit-learn's SVC solution on the same points
(the decision function, the support vectors, the street's width), for each kernel; the
dual's constraints hold at every step; the story's goals work; degenerate data give a
picture."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.svm import SVC

import mlscope
from mlscope.core.encoding import encode
from mlscope.explorables.classic.svm import SupportVectorMachine
from mlscope.explorables.classic.svm_solver import SMO, kernel

GRID = np.random.default_rng(0).uniform(-6, 6, (600, 2))


def svm(**values) -> SupportVectorMachine:
    ex = SupportVectorMachine(step="free", **values)
    ex.solve_now()
    return ex


def sklearn_svc(ex):
    y = np.where(ex.labels == 1, 1, -1)
    return SVC(kernel=ex.p.kernel, C=ex.p.C, gamma=ex.p.gamma, degree=2, coef0=1.0,
               tol=1e-6).fit(ex.points, y)


@pytest.mark.parametrize("values", [
    {"kernel": "linear", "C": 10.0, "dataset": "gauss"},
    {"kernel": "linear", "C": 0.05, "dataset": "gauss", "noise": 40},
    {"kernel": "poly", "C": 1.0, "gamma": 0.5, "dataset": "circle", "count": 120},
    {"kernel": "rbf", "C": 5.0, "gamma": 0.7, "dataset": "moons", "count": 100},
    {"kernel": "rbf", "C": 100.0, "gamma": 2.0, "dataset": "xor", "count": 80},
])
def test_the_solution_is_scikit_learns(values):
    ex = svm(**values)
    sk = sklearn_svc(ex)
    f, g = ex.svm.decision(GRID), sk.decision_function(GRID)
    assert np.allclose(f, g, atol=2e-3 * max(1.0, np.abs(g).max()))
    # the same support vectors, but for points sitting on the margin with α ≈ 0
    ours, theirs = set(ex.svm.support), set(sk.support_)
    margin = np.abs(np.abs(sk.decision_function(ex.points)) - 1) < 1e-3
    assert ours ^ theirs <= set(np.flatnonzero(margin))


def test_the_linear_street_is_two_over_w():
    ex = svm(kernel="linear", C=1000.0)
    w = sklearn_svc(ex).coef_[0]
    assert ex.street_width() == pytest.approx(2 / np.linalg.norm(w), rel=1e-3)


def test_the_dual_stays_feasible_while_it_learns():
    ex = SupportVectorMachine(step="free", kernel="rbf", C=2.0, dataset="moons", count=80)
    y = np.where(ex.labels == 1, 1.0, -1.0)
    for _ in range(10):
        ex.step()
        a = ex.svm.alpha
        assert (a >= -1e-12).all() and (a <= 2.0 + 1e-12).all()
        assert abs(np.dot(a, y)) < 1e-9
    Q = y[:, None] * y[None] * kernel(ex.points, ex.points, "rbf", ex.p.gamma)
    assert np.allclose(ex.svm.grad, Q @ ex.svm.alpha - 1)  # kept, not recomputed


def test_kernels_are_scikit_learns():
    from sklearn.metrics.pairwise import polynomial_kernel, rbf_kernel

    a, b = GRID[:7], GRID[7:12]
    assert np.allclose(kernel(a, b, "rbf", 0.3), rbf_kernel(a, b, gamma=0.3))
    assert np.allclose(kernel(a, b, "poly", 0.3, 2, 1.0), polynomial_kernel(a, b, 2, 0.3, 1.0))


def test_the_story_goals():
    ex = mlscope.explorable("svm")
    step = {s.name: s for s in ex.story_steps}
    assert ex.svm.converged and not step["street"].done(ex)
    sv = int(ex.svm.support[0])
    w = ex.svm.linear_weights()
    f = ex.svm.decision(ex.points[sv:sv + 1])[0]
    moved = list(ex.p.data)
    x, y = ex.points[sv] - 0.7 * f * w / np.dot(w, w)  # 70 % of the way to the boundary
    moved[sv] = (float(x), float(y), moved[sv][2])
    ex.set(data=moved)  # a support vector dragged into the street
    assert ex.svm.converged and step["street"].done(ex)
    ex.set(step="kernel")
    assert ex.accuracy() < 0.95 and not step["kernel"].done(ex)
    ex.set(kernel="rbf")
    ex.solve_now()
    assert step["kernel"].done(ex)


@pytest.mark.parametrize("data", [
    [(0.0, 0.0, 0), (1.0, 1.0, 1)],
    [(1.0, 1.0, 0), (1.0, 1.0, 1), (2.0, 2.0, 0), (2.0, 2.0, 1)],   # identical points
    [(1.0, 1.0, 1), (2.0, 2.0, 1), (3.0, 1.0, 1)],                   # one class
])
def test_degenerate_data_give_a_picture(data):
    ex = svm(data=data)
    encode(ex.frame())


def test_solver_on_a_hand_made_pair():
    s = SMO(np.array([[-1.0, 0.0], [1.0, 0.0]]), np.array([-1.0, 1.0]), 10.0, "linear", 1.0)
    while s.iterate(10) == 10:
        pass
    assert np.allclose(s.linear_weights(), [1.0, 0.0]) and s.b == pytest.approx(0.0)
    assert np.allclose(s.decision(np.array([[-1.0, 3.0], [1.0, -2.0]])), [-1.0, 1.0])
