"""Eigenvectors and eigenvalues: the pairs against numpy.linalg.eig (Av = λv), the turn of
each direction against its closed form, power iteration's rate against |λ₂/λ₁|, complex
eigenvalues of a rotation, and the weather chain's steady state against its closed form."""

from __future__ import annotations

import numpy as np
import pytest

from mlscope.core.views import LinesLayer, PointsLayer
from mlscope.explorables.maths.eigen import PRESETS, Eigen, eigenpairs, is_markov, turn


def basis(m):
    return [(m[0][0], m[1][0], 0), (m[0][1], m[1][1], 0)]


@pytest.mark.parametrize("m", [[[2, 1], [1, 2]], [[1, 1], [0, 1]], [[0.8, -0.6], [0.6, 0.8]],
                               [[3, 1], [0.5, -2]], [[0.9, 0.5], [0.1, 0.5]]])
def test_eigenpairs_satisfy_av_equals_lambda_v(m):
    a = np.array(m, dtype=float)
    vals, vecs = eigenpairs(a)
    ref = np.linalg.eigvals(a)
    np.testing.assert_allclose(sorted(np.abs(vals)), sorted(np.abs(ref)), atol=1e-12)
    assert abs(vals[0]) >= abs(vals[1])
    for k in range(2):
        np.testing.assert_allclose(a @ vecs[:, k], vals[k] * vecs[:, k], atol=1e-9)


def test_turn_is_zero_exactly_on_eigenvector_lines():
    a = np.array([[2.0, 1.0], [1.0, 2.0]])
    t = turn(a, np.radians(np.array([45.0, 135.0, 0.0])))
    np.testing.assert_allclose(t[:2], [0.0, 0.0], atol=1e-9)
    # (1, 0) -> (2, 1): turned by atan(1/2)
    assert t[2] == pytest.approx(np.degrees(np.arctan(0.5)))
    rot = np.array([[0.8, -0.6], [0.6, 0.8]])  # every direction turned by 36.87°
    np.testing.assert_allclose(turn(rot, np.linspace(0, np.pi, 50, endpoint=False)),
                               np.degrees(np.arctan2(0.6, 0.8)), atol=1e-9)


def test_power_iteration_converges_at_the_rate_of_the_eigenvalue_ratio():
    ex = Eigen(basis=basis([[2.0, 1.0], [1.0, 2.0]]), v=[(1.0, 0.3, 0)])
    errs = np.array([ex.power_error(k) for k in range(1, 8)])
    ratios = np.tan(np.radians(errs[1:])) / np.tan(np.radians(errs[:-1]))
    np.testing.assert_allclose(ratios, 1 / 3, rtol=1e-6)  # |λ₂/λ₁| = 1/3 per step


def test_steps_and_goals():
    ex = Eigen(step="stay")
    assert not ex.step_now.done(ex)
    lines = next(la for la in ex.frame()["plane"].layers if la.name == "eigenvector lines")
    assert len(lines.x) == 0  # keyed, but hidden until found
    ex.set(v=[(1.0, 1.0, 0)])
    assert ex.step_now.done(ex) and "stretched by **3**" in ex.step_now.live(ex)
    lines = next(la for la in ex.frame()["plane"].layers if la.name == "eigenvector lines")
    assert len(lines.x) == 6

    ex.set(step="values")
    assert not ex.step_now.done(ex)
    ex.set(basis=basis([[1.0, 2.0], [2.0, 1.0]]))  # λ = 3, -1
    assert ex.step_now.done(ex)

    ex.set(step="power", basis=basis([[2.0, 1.0], [1.0, 2.0]]), v=[(1.0, 0.3, 0)])
    assert not ex.step_now.done(ex)
    ex.act("times10")
    assert ex.shown == 10 and ex.step_now.done(ex)
    ex.set(v=[(1.0, 0.2, 0)])  # a new start: the count starts again
    assert ex.shown == 0

    ex.set(step="rotation")
    assert not ex.step_now.done(ex)
    ex.act("preset-rotation")
    vals, _ = eigenpairs(ex.matrix)
    np.testing.assert_allclose(sorted(vals, key=lambda z: z.imag), [0.8 - 0.6j, 0.8 + 0.6j])
    assert ex.step_now.done(ex)

    ex.set(step="markov")
    ex.act("preset-weather")
    assert is_markov(ex.matrix) and not ex.step_now.done(ex)
    np.testing.assert_allclose(ex.steady(), [5 / 6, 1 / 6])  # p = 0.9p + 0.5(1 - p)
    ex.act("times10")
    np.testing.assert_allclose(ex.distribution(10),
                               np.linalg.matrix_power(ex.matrix, 10) @ [1.0, 0.0])
    assert ex.step_now.done(ex)  # |0.4¹⁰ · 1/6| < 0.001


def test_views_and_presets():
    ex = Eigen(step="free")
    for key in PRESETS:
        ex.act(f"preset-{key}")
        frame = ex.frame()
        ellipse = next(la for la in frame["plane"].layers if isinstance(la, LinesLayer)
                       and la.name == "its image under A")
        np.testing.assert_allclose(np.hypot(ellipse.x, ellipse.y).max(),
                                   np.linalg.svd(ex.matrix, compute_uv=False)[0], rtol=1e-3)
    ex.act("preset-symmetric")
    ex.act("times1")
    pts = next(la for la in ex.frame()["plane"].layers if isinstance(la, PointsLayer)
               and la.name.startswith("A^k v"))
    assert len(pts.x) == 2
    rows = ex.frame()["numbers"].rows
    assert rows[0][:2] == ["A (rows)", "(2, 1) / (1, 2)"]
    assert rows[1][1] == "3" and rows[2][1] == "1"
    ex.act("preset-shear")
    assert any(r[1] == "only one eigenvector line" for r in ex.frame()["numbers"].rows)
