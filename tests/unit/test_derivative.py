"""The derivative as a limit: secant slopes against closed forms ((x + h)² - x²)/h = 2x + h,
the slopes settling on f'(x) as h -> 0, the traced derivative, corners and jumps, the goals,
presets and bad input (the field named, the last good function kept)."""

from __future__ import annotations

import numpy as np
import pytest

from mlscope.core.params import ParamError
from mlscope.core.views import LinesLayer, PointsLayer
from mlscope.explorables.maths.derivative import H_CURVE, PRESETS, Derivative, secant_slope
from mlscope.explorables.maths.expression import parse


def test_secant_slope_of_a_square_is_2x_plus_h():
    f = parse("x^2")
    for x in (-2.0, 0.3, 1.0):
        for h in (1.0, 0.1, 1e-3):
            assert secant_slope(f, x, h) == pytest.approx(2 * x + h, abs=1e-9)


def test_the_slopes_view_settles_on_the_derivative():
    ex = Derivative(f="sin(x)", x=0.7, step="limit")
    view = ex.frame()["slopes"]
    right = next(la for la in view.layers if isinstance(la, LinesLayer) and la.name == "slope to x + h")
    np.testing.assert_allclose(right.y, (np.sin(0.7 + H_CURVE) - np.sin(0.7)) / H_CURVE, rtol=1e-9)
    assert abs(right.y[-1] - np.cos(0.7)) < 1e-4  # h = 0.0001
    assert abs(right.y[0] - np.cos(0.7)) > 0.1  # h = 2
    np.testing.assert_allclose(-np.log10(H_CURVE), right.x)
    tangent = next(la for la in view.layers if la.name.startswith("f'(x) = "))
    assert tangent.y[0] == pytest.approx(np.cos(0.7))


def test_the_tangent_and_the_secant_in_the_curve_view():
    ex = Derivative(f="x^3 - 3*x", x=2.0, h=0.5, step="limit")
    layers = {la.name: la for la in ex.frame()["curve"].layers if la.name}
    secant = layers["secant to x + h"]
    s = ((2.5 ** 3 - 7.5) - (8 - 6)) / 0.5
    np.testing.assert_allclose(secant.y, 2 + s * (secant.x - 2.0))
    tangent = layers["tangent at x"]
    np.testing.assert_allclose(tangent.y, 2 + 9 * (tangent.x - 2.0))


def test_tracing_the_derivative_finds_the_flat_tangents():
    ex = Derivative(step="trace")
    ex.act("f-cubic")
    assert not ex.step_now.done(ex)
    for x in np.arange(-3.0, 3.001, 0.1):
        ex.set(x=round(float(x), 2))
    assert ex.flat_points() == [-1.0, 1.0] and ex.step_now.done(ex)
    dots = next(la for la in ex.frame()["derivative"].layers
                if isinstance(la, PointsLayer) and la.name == "slopes you visited")
    np.testing.assert_allclose(dots.y, 3 * dots.x ** 2 - 3, atol=1e-9)
    assert len(dots.x) == 61
    ex.act("f-sine")  # a new function starts a new trace, empty until x moves
    assert not ex._trace


def test_the_trace_counts_what_a_drag_lands_on_and_shows_no_secant():
    ex = Derivative(step="trace", x=1.0)
    ex.act("f-cubic")
    assert ex.flat_points() == []  # where x starts does not count: it has to be found
    ex.set(x=0.5)
    ex.set(x=1.01)  # a drag jumps past 1.00; 1.01 is still flat enough (f' = 0.06)
    ex.set(x=-0.99)
    assert ex.flat_points() == [-0.99, 1.01] and ex.step_now.done(ex)
    names = {la.name for la in ex.frame()["curve"].layers}
    assert "secant to x + h" not in names and "tangent at x" in names


def test_the_current_points_are_always_in_sight():
    ex = Derivative(f="x^4", x=2.5, h=0.3, step="free")
    frame = ex.frame()
    assert frame["curve"].y_range[1] >= 2.8 ** 4  # f(x + h) = 61.5, above the trimmed ±12
    assert frame["slopes"].y_range[1] >= 4 * 2.5 ** 3  # the limit, 62.5
    assert frame["derivative"].y_range[1] >= 62.5
    jump = Derivative(f="step(x)", x=0.0, step="corner")
    assert "1·10⁶" in jump.step_now.live(jump)  # not "1": a million, as a power of ten


def test_corners_and_jumps_have_no_derivative():
    ex = Derivative(f="abs(x)", x=0.0, step="corner")
    assert ex.sides() == pytest.approx((-1.0, 1.0))
    assert not ex.has_derivative() and ex.step_now.done(ex)
    assert np.isnan(ex.exact_at_x)
    rows = dict(ex.frame()["numbers"].rows)
    assert rows["f'(x), numerical (6th-order differences)"] == "none"
    ex.set(x=0.5)
    assert ex.has_derivative() and not ex.step_now.done(ex)
    ex.act("f-jump")
    ex.set(x=0.0)
    assert not ex.has_derivative()
    assert "jumps" in ex.step_now.live(ex)
    xs = np.linspace(-3, 3, 601)
    assert list(np.flatnonzero(Derivative(f="relu(x)").corners(xs))) == [300]


def test_goals_of_the_first_two_steps():
    ex = Derivative(step="secant")
    assert not ex.step_now.done(ex)
    ex.set(h=0.011)
    assert not ex.step_now.done(ex)
    ex.set(h=0.0099)
    assert ex.step_now.done(ex)
    ex.set(step="limit", h=0.002)
    assert not ex.step_now.done(ex)
    ex.set(h=0.001)
    assert ex.step_now.done(ex)


def test_presets_and_bad_input():
    ex = Derivative()
    for key, (_, text) in PRESETS.items():
        ex.act(f"f-{key}")
        assert ex.p.f == text
        ex.frame()
    for bad, words in (("y^2", "position 1: 'y' is not allowed"),
                       ("log(-1 - x^2)", "undefined everywhere"),
                       ("x" * 121, "at most 120"),
                       ("x\x00", "printable")):
        with pytest.raises(ParamError) as err:
            ex.set(f=bad)
        assert err.value.field == "f" and words in err.value.message
    assert ex.p.f == PRESETS["sigmoid"][1]  # the last good function stays


def test_a_function_undefined_at_x_is_said_so():
    ex = Derivative(f="log(x)", x=-1.0, step="secant")
    assert "undefined" in ex.step_now.live(ex)
    assert "undefined at x = −1" in ex.frame()["curve"].title
