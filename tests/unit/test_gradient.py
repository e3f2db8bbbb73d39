"""Gradients in 2-D: the gradient against closed forms and finite differences, the descent
against gradient descent's closed form on a quadratic, the learning rate's regimes against
2 / λ_max, the goals, presets and bad input."""

from __future__ import annotations

import numpy as np
import pytest

from mlscope.core.params import ParamError
from mlscope.core.views import ArrowsLayer, Lines3D
from mlscope.explorables.maths.expression import numeric_gradient, parse
from mlscope.explorables.maths.gradient import (
    PRESETS,
    SHOWN_STEPS,
    VARS,
    Gradient,
    descend,
    regime,
    steps_to_bottom,
)


@pytest.mark.parametrize(("text", "grad"), [
    ("x^2 + 5*y^2", lambda x, y: (2 * x, 10 * y)),
    ("(1 - x)^2 + 5*(y - x^2)^2", lambda x, y: (-2 * (1 - x) - 20 * x * (y - x ** 2),
                                                10 * (y - x ** 2))),
    ("sin(x)*cos(y)", lambda x, y: (np.cos(x) * np.cos(y), -np.sin(x) * np.sin(y))),
    ("exp(-(x-1)^2 - y^2)", lambda x, y: (-2 * (x - 1) * np.exp(-(x - 1) ** 2 - y ** 2),
                                         -2 * y * np.exp(-(x - 1) ** 2 - y ** 2))),
])
def test_gradient_against_closed_forms_and_differences(text, grad):
    f = parse(text, VARS)
    x, y = np.meshgrid(np.linspace(-2, 2, 9), np.linspace(-2, 2, 9))
    gx, gy = f.gradient()[0](x, y)
    ex, ey = grad(x, y)
    np.testing.assert_allclose(gx, ex, atol=1e-10)
    np.testing.assert_allclose(gy, ey, atol=1e-10)
    nx, ny = numeric_gradient(f, x, y)
    np.testing.assert_allclose(nx, ex, atol=1e-6)
    np.testing.assert_allclose(ny, ey, atol=1e-6)


def test_descent_on_a_quadratic_matches_its_closed_form():
    # f = x² + 5y²: each step multiplies x by (1 - 2η) and y by (1 - 10η)
    f = parse("x^2 + 5*y^2", VARS)
    for lr in (0.01, 0.05, 0.15, 0.19):
        path = descend(f, f.gradient()[0], (-2.5, 1.5), lr, steps=50)
        k = np.arange(51)
        np.testing.assert_allclose(path[:, 0], -2.5 * (1 - 2 * lr) ** k, atol=1e-12)
        np.testing.assert_allclose(path[:, 1], 1.5 * (1 - 10 * lr) ** k, atol=1e-12)


def test_the_learning_rates_regimes_and_the_limit_2_over_lambda_max():
    f = parse("x^2 + 5*y^2", VARS)
    g = f.gradient()[0]
    assert regime(f, descend(f, g, (-2.5, 1.5), 0.001)) == "creeping"
    assert regime(f, descend(f, g, (-2.5, 1.5), 0.05)) == "converged"
    assert regime(f, descend(f, g, (-2.5, 1.5), 0.19)) == "oscillating"  # |1 - 10η| = 0.9
    assert regime(f, descend(f, g, (-2.5, 1.5), 0.21)) == "diverging"  # |1 - 10η| = 1.1
    path = descend(f, g, (-2.5, 1.5), 0.5)
    assert len(path) < 20 and np.abs(path[-1]).max() > 1e3  # stops once it has flown off


def test_goals():
    ex = Gradient(step="partials")
    assert not ex.step_now.done(ex)
    ex.set(start=[(0.0, 0.0, 0)])
    assert ex.step_now.done(ex)

    ex.set(step="gradient", start=[(1.0, 1.0, 0)])
    assert not ex.step_now.done(ex)
    ex.set(start=[(0.0, 1.0, 0)])  # ∇f = (0, 10): due north
    assert ex.step_now.done(ex)

    ex.set(step="descent", start=[(-2.5, 1.5, 0)], lr=0.05)
    assert not ex.step_now.done(ex)
    ex.act("gd100")
    assert ex.step_now.done(ex)

    ex.set(step="rates", start=[(2.5, -1.5, 0)], lr=0.1)
    assert not ex.step_now.done(ex)
    # each step multiplies x by |1 - 2η| and y by |1 - 10η|: fewest steps at η = 1/6
    ex.set(lr=0.19)
    assert not ex.step_now.done(ex) and "zig-zag" in ex.step_now.live(ex)
    ex.set(lr=0.167)
    assert ex.step_now.done(ex)
    ex.set(lr=0.21)
    assert not ex.step_now.done(ex) and "diverging" in ex.step_now.live(ex)
    assert len(ex.shown_path()) <= SHOWN_STEPS + 1  # the whole run drawn, no steps taken


def test_the_fewest_steps_are_at_two_over_the_sum_of_the_curvatures():
    f = parse("x^2 + 5*y^2", VARS)
    g = f.gradient()[0]
    etas = np.linspace(0.05, 0.199, 150)
    steps = [steps_to_bottom(descend(f, g, (2.5, -1.5), lr, 100), np.zeros(2)) for lr in etas]
    best = etas[int(np.argmin([s if s is not None else 999 for s in steps]))]
    assert best == pytest.approx(1 / 6, abs=0.01)


def test_views_and_play():
    ex = Gradient(step="free", lr=0.05)
    ex.act("gd10")
    assert ex.shown == 10
    frame = ex.frame()
    field = [la for la in frame["contours"].layers if isinstance(la, ArrowsLayer)]
    assert field[0].name == "gradient (uphill)" and len(field[0].x) == 121
    u = np.hypot(field[0].dx, field[0].dy)
    assert u.max() <= 0.42 + 1e-9  # scaled to the grid, pointing uphill
    gx, gy = ex.gradient_at((field[0].x[0], field[0].y[0]))
    assert np.dot([gx, gy], [field[0].dx[0], field[0].dy[0]]) > 0
    plane = next(la for la in frame["surface"].layers if isinstance(la, Lines3D) and
                 la.name == "tangent plane")
    p, fp = ex.point, float(ex.fn.at(x=ex.point[0], y=ex.point[1]))
    gx, gy = ex.grad_at
    np.testing.assert_allclose(plane.z, np.clip(fp + gx * (plane.x - p[0]) + gy * (plane.y - p[1]),
                                                *frame["surface"].z_range))
    assert len(frame["loss"].x) == 11
    for _ in range(500):
        ex.step()
        if ex.finished:
            break
    assert ex.shown == len(ex.path()) - 1


def test_presets_and_bad_input():
    ex = Gradient()
    for key, (_, text, lr, start) in PRESETS.items():
        ex.act(f"f-{key}")
        assert ex.p.f == text and ex.p.lr == lr and tuple(ex.point) == start
        ex.frame()
    for bad, words in (("x^2 + z", "position 7: 'z' is not allowed"),
                       ("log(-1 - x^2 - y^2)", "undefined everywhere"),
                       ("x y", "cannot be read")):
        with pytest.raises(ParamError) as err:
            ex.set(f=bad)
        assert err.value.field == "f" and words in err.value.message
    assert ex.p.f == PRESETS["wells"][1]
