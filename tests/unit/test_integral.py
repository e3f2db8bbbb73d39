"""Integrals as areas: Riemann sums against closed forms, their errors against the
asymptotic constants (left/right ~ (b-a)(f(b)-f(a))/(2n), midpoint ~ (b-a)³f''/(24n²),
trapezoid ~ (b-a)³f''/(12n²)), the reference against antiderivatives, the area function's
slope against f (the fundamental theorem), the goals and bad input."""

from __future__ import annotations

import numpy as np
import pytest

from mlscope.core.params import ParamError
from mlscope.core.views import LinesLayer
from mlscope.explorables.maths.expression import parse
from mlscope.explorables.maths.integral import PRESETS, Integral, exact, riemann

SQUARE = parse("x^2")


def test_left_and_right_sums_of_a_square_against_their_closed_forms():
    # Σ_{k=0}^{n-1} (2k/n)² · 2/n = 8(n-1)(2n-1)/(6n²); the right sum adds (f(2) - f(0))·2/n
    for n in (1, 4, 10, 400):
        left = 8 * (n - 1) * (2 * n - 1) / (6 * n ** 2)
        assert riemann(SQUARE, 0, 2, n, "left") == pytest.approx(left, rel=1e-12)
        assert riemann(SQUARE, 0, 2, n, "right") == pytest.approx(left + 8 / n, rel=1e-12)


@pytest.mark.parametrize("text", ["x^2", "exp(x)", "sin(x) + 2"])
def test_error_orders_against_their_constants(text):
    f = parse(text)
    a, b, n = -1.0, 2.0, 200
    truth = exact(f, a, b)
    x = np.linspace(a, b, 2001)
    d1 = float(f(np.array([b]))[0] - f(np.array([a]))[0])
    d2_mean = np.trapezoid(np.gradient(np.gradient(f(x), x), x), x) / (b - a)  # mean f''
    assert riemann(f, a, b, n, "left") - truth == pytest.approx(-(b - a) * d1 / (2 * n), rel=0.02)
    assert riemann(f, a, b, n, "right") - truth == pytest.approx((b - a) * d1 / (2 * n), rel=0.02)
    h = (b - a) / n
    assert riemann(f, a, b, n, "midpoint") - truth == pytest.approx(
        -(b - a) * h ** 2 * d2_mean / 24, rel=0.02)
    assert riemann(f, a, b, n, "trapezoid") - truth == pytest.approx(
        (b - a) * h ** 2 * d2_mean / 12, rel=0.02)


def test_reference_against_antiderivatives():
    assert exact(SQUARE, 0, 2) == pytest.approx(8 / 3, abs=1e-12)
    assert exact(parse("sin(x)"), -1.5, 1.5) == pytest.approx(0.0, abs=1e-12)
    assert exact(parse("exp(-x^2)"), -3, 3) == pytest.approx(np.sqrt(np.pi) * 0.9999779, rel=1e-6)
    assert exact(SQUARE, 2, 0) == pytest.approx(-8 / 3, abs=1e-12)  # reversed: negative


def test_the_area_functions_slope_is_the_function():
    ex = Integral(f="sin(x) + 0.5*x", a=-2.0, step="free")
    for t in (-1.0, 0.3, 2.2):
        h = 1e-4
        slope = (ex.area_to(t + h) - ex.area_to(t - h)) / (2 * h)
        assert slope == pytest.approx(np.sin(t) + 0.5 * t, abs=1e-6)
    area = ex.frame()["area"]
    line = next(la for la in area.layers if la.name == "A(t)")
    antiderivative = -np.cos(line.x) + 0.25 * line.x ** 2 - (-np.cos(-2.0) + 0.25 * 4)
    np.testing.assert_allclose(line.y, antiderivative, atol=2e-4)


def test_strips_are_coloured_by_sign_and_sum_to_the_total():
    ex = Integral(f="sin(x)", a=-2.0, b=2.5, n=9, rule="midpoint", step="free")
    layers = [la for la in ex.frame()["sum"].layers if isinstance(la, LinesLayer) and la.fill]
    assert [la.name for la in layers] == ["counted +", "counted −"]
    total = 0.0
    for la in layers:
        sign = 1 if la.name == "counted +" else -1
        assert la.fill == ("#0877bd" if sign > 0 else "#f59322")
        cuts = np.flatnonzero(np.isnan(la.x))
        for xs, ys in zip(np.split(la.x, cuts), np.split(la.y, cuts), strict=True):
            xs, ys = xs[~np.isnan(xs)], ys[~np.isnan(ys)]
            assert np.all(np.sign(ys[ys != 0]) == sign)
            # shoelace: each run's polygon is its strips' area (clockwise for + runs)
            area = 0.5 * (np.dot(xs, np.roll(ys, -1)) - np.dot(ys, np.roll(xs, -1)))
            total += -area
    assert total == pytest.approx(ex.total, abs=1e-12)
    big = Integral(f="sin(x)", a=-2.0, b=2.5, n=1000, step="free")
    plus = next(la for la in big.frame()["sum"].layers if la.name == "counted +")
    assert len(plus.x) < 2 * 1000 + 10  # one polygon over the tops, not 5 points a strip


def test_an_infinite_area_is_undefined_and_ftc_starts_at_the_left_edge():
    ex = Integral(f="1/x", a=0.0, b=2.0, step="free")
    assert np.isnan(ex.area)
    assert dict(ex.frame()["numbers"].rows)["area (SciPy quad)"] == "undefined"
    assert Integral(step="ftc", a=2.0).p.a == -3.0  # every t of the picture past a


def test_goals():
    ex = Integral(step="rectangles")
    assert not ex.step_now.done(ex)
    ex.set(n=80)
    assert ex.step_now.done(ex)
    ex.set(step="rules", n=10, rule="trapezoid")
    assert not ex.step_now.done(ex)  # 0.0133 off
    ex.set(rule="midpoint")
    assert ex.step_now.done(ex)  # 0.0067 off
    ex.set(step="signed")
    ex.act("f-sine")
    ex.set(a=-1.5, b=1.5)
    assert ex.step_now.done(ex)
    ex.set(b=1.0)
    assert not ex.step_now.done(ex)
    ex.set(step="ftc", a=-3.0, t=1.0)
    assert not ex.step_now.done(ex)
    ex.set(t=0.0)
    assert ex.step_now.done(ex)


def test_presets_and_bad_input():
    ex = Integral()
    for key, (_, text) in PRESETS.items():
        ex.act(f"f-{key}")
        assert ex.p.f == text
        ex.frame()
    for bad, words in (("x^2 + q", "position 7: 'q' is not allowed"),
                       ("sqrt(-1 - x^2)", "undefined everywhere")):
        with pytest.raises(ParamError) as err:
            ex.set(f=bad)
        assert err.value.field == "f" and words in err.value.message
    with pytest.raises(ParamError) as err:
        ex.set(n=0)
    assert err.value.field == "n"
    assert ex.p.f == PRESETS["cubic"][1]
