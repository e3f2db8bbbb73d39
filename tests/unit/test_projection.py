"""Dot products, projections and least squares: a·b and θ against numpy, the projection
against (a·b / a·a) a with b − p perpendicular, the closest point by brute force, the fit
against numpy.linalg.lstsq with Xᵀ(y − Xβ̂) = 0, and the goals."""

from __future__ import annotations

import numpy as np
import pytest

from mlscope.core.views import Lines3D
from mlscope.explorables.maths.projection import Projection, best_fit, design, project


def test_dot_product_and_angle():
    ex = Projection(a=[(2.5, 1.0, 0)], b=[(0.8, 2.2, 0)])
    assert float(ex.a @ ex.b) == pytest.approx(2.5 * 0.8 + 1.0 * 2.2)
    cos = np.dot(ex.a, ex.b) / np.linalg.norm(ex.a) / np.linalg.norm(ex.b)
    assert ex.angle == pytest.approx(np.degrees(np.arccos(cos)))


def test_projection_is_the_closest_point_and_leaves_a_right_angle():
    rng = np.random.default_rng(0)
    for _ in range(50):
        a, b = rng.normal(size=2), rng.normal(size=2)
        p = project(b, a)
        assert np.dot(a, b - p) == pytest.approx(0.0, abs=1e-12)
        ts = np.linspace(-5, 5, 20001)
        dist = np.hypot(*(b[:, None] - ts * a[:, None]))
        best = ts[np.argmin(dist)] * a
        np.testing.assert_allclose(p, best, atol=1e-3 * np.linalg.norm(a))


def test_least_squares_against_lstsq_and_the_normal_equations():
    rng = np.random.default_rng(1)
    for _ in range(20):
        xs, ys = rng.uniform(-1, 3, 3), rng.uniform(-1, 4, 3)
        beta = best_fit(xs, ys)
        ref = np.linalg.lstsq(design(xs), ys, rcond=None)[0]
        np.testing.assert_allclose(beta, ref, atol=1e-9)
        np.testing.assert_allclose(design(xs).T @ (ys - design(xs) @ beta), 0, atol=1e-9)


def test_the_space_view_drops_a_perpendicular():
    ex = Projection(step="free")
    perp = next(la for la in ex.frame()["space"].layers if isinstance(la, Lines3D)
                and la.name == "perpendicular to the plane")
    r = np.array([perp.x[0] - perp.x[1], perp.y[0] - perp.y[1], perp.z[0] - perp.z[1]])
    np.testing.assert_allclose(design(ex.xs).T @ r, 0, atol=1e-9)


def test_goals():
    ex = Projection(step="dot")
    assert not ex.step_now.done(ex)
    ex.set(b=[(-1.0, 2.5, 0)])  # (2.5, 1)·(-1, 2.5) = 0
    assert ex.step_now.done(ex)
    ex.set(step="closest", b=[(0.8, 2.2, 0)])
    assert not ex.step_now.done(ex)
    p = ex.proj
    ex.set(q=[(round(p[0], 2), round(p[1], 2), 0)])
    assert ex.step_now.done(ex) and "perpendicular" in ex.step_now.live(ex)
    ex.set(step="least-squares")
    assert not ex.step_now.done(ex)
    b0, b1 = ex.beta
    ex.set(b0=round(float(b0), 2), b1=round(float(b1), 2))
    assert ex.step_now.done(ex)


def test_one_x_for_all_points_has_no_single_best_line():
    ex = Projection(data=[(1.0, 0.0, 0), (1.0, 2.0, 0), (1.0, 3.0, 0)], step="free")
    np.testing.assert_allclose(ex.beta, [5 / 3, 0.0])
    ex.frame()
