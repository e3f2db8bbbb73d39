"""Typed functions: only the whitelist is read (never eval), ^ is a power with the usual
precedence, errors name the position in the text as typed, values agree with numpy, the
exact derivative (SymPy) with closed forms, and the numerical one with both."""

from __future__ import annotations

import math
import sys

import numpy as np
import pytest

from mlscope.explorables.maths.expression import (
    ExpressionError,
    numeric_derivative,
    one_sided_slopes,
    parse,
)

X = np.linspace(-2.5, 2.5, 101)


@pytest.mark.parametrize(("text", "value", "slope"), [
    ("x^2", X ** 2, 2 * X),
    ("x^3 - 3*x", X ** 3 - 3 * X, 3 * X ** 2 - 3),
    ("sin(2*x) + cos(x)", np.sin(2 * X) + np.cos(X), 2 * np.cos(2 * X) - np.sin(X)),
    ("exp(-x^2/2)", np.exp(-X ** 2 / 2), -X * np.exp(-X ** 2 / 2)),
    ("sigmoid(x)", 1 / (1 + np.exp(-X)), np.exp(-X) / (1 + np.exp(-X)) ** 2),
    ("tanh(x)", np.tanh(X), 1 - np.tanh(X) ** 2),
    ("2^x", 2.0 ** X, np.log(2) * 2.0 ** X),
    ("-x^2", -(X ** 2), -2 * X),  # the power binds tighter than the minus
    ("2*π*x", 2 * np.pi * X, np.full_like(X, 2 * np.pi)),
])
def test_values_and_derivatives_against_closed_forms(text, value, slope):
    f = parse(text)
    np.testing.assert_allclose(f(X), value, rtol=1e-12, atol=1e-12)
    d = f.derivative()
    assert d is not None  # SymPy comes with the test extra (through torch)
    np.testing.assert_allclose(d[0](X), slope, rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(numeric_derivative(f, X), slope, rtol=1e-8, atol=1e-8)


def test_caret_is_a_power_with_the_usual_precedence():
    np.testing.assert_allclose(parse("sqrt(1 + x^2)")(X), np.sqrt(1 + X ** 2))
    np.testing.assert_allclose(parse("2^3^2")(np.zeros(1)), [2.0 ** 9])  # right to left
    np.testing.assert_allclose(parse("x**2")(X), X ** 2)


def test_written_as_on_paper():
    np.testing.assert_allclose(parse("x²")(X), X ** 2)
    np.testing.assert_allclose(parse("x³ − 2×x")(X), X ** 3 - 2 * X)
    np.testing.assert_allclose(parse("|x| + |x − 1|")(X), np.abs(X) + np.abs(X - 1))
    np.testing.assert_allclose(parse("2·x")(X), 2 * X)


@pytest.mark.parametrize("text", [
    "x + 1/((((9^64)^64)^64)^64)^64",  # SymPy would build 9^(64^5) exactly
    "x+atan((((9^64)^64)^64)^64)",
    "x+step(log(-1))",  # Heaviside of a complex number
    "x+step(relu(acos(2)))",
    "x/((9^64)^64)^64",
    "x+atan(x/0)",  # complex infinity
    "x*atan(1/0)",
    "sigmoid(sigmoid(sigmoid(sigmoid(sigmoid(x)))))",  # seconds of symbolic work
])
def test_formulas_sympy_cannot_do_quickly_fall_back_to_numbers(text):
    f = parse(text)
    assert f.derivative() is None  # finite differences instead, no exception
    assert isinstance(f.tex(), str)
    numeric_derivative(f, X)  # and the numbers still work


def test_complex_values_of_an_exact_derivative_are_not_values():
    d = parse("(-1)^x").derivative()
    if d is not None:
        out = d[0](np.array([0.5, 2.0]))
        assert np.isnan(out[0])


def test_undefined_values_are_nan_not_errors():
    y = parse("log(x)")(np.array([-1.0, 0.0, math.e]))
    assert np.isnan(y[0]) and np.isnan(y[1]) and y[2] == pytest.approx(1.0)
    assert np.isnan(parse("1/x")(np.zeros(1))[0])


@pytest.mark.parametrize(("text", "position", "words"), [
    ("y + 1", 1, "'y' is not allowed"),
    ("x^2 + y", 7, "'y' is not allowed"),  # position in the text as typed, ^ and all
    ("__import__('os').system('ls')", 1, "not a function"),
    ("__import__('os')", 1, "'__import__' is not a function"),
    ("x.real", 1, "not part of a formula"),
    ("open", 1, "'open' is not allowed"),
    ("sin", 1, "call it: sin(x)"),
    ("max(x, 1)", 1, "'max' is not a function"),
    ("sin(x, 2)", 1, "takes one argument"),
    ("3x", 1, "3*x"),
    ("x³ − 3x", 6, "3*x"),
    ("sin x", 5, "sin(x), with brackets"),
    ("3,5*x", 1, "decimals with a point"),
    ("x # a comment", 3, "'#' is not part of a formula"),
    ("2(x + 1)", 1, "2*(x + 1)"),
    ("x if x else 1", 1, "not part of a formula"),
    ("x < 1", 1, "not part of a formula"),
    ("'a'", 1, "not a number"),
    ("x +", 3, "stops after '+'"),
    ("x ^^ 2", 4, "cannot be read"),
    ("", 0, "empty"),
    ("π * y", 5, "'y'"),  # π is two bytes in UTF-8: the position still counts characters
])
def test_refused_with_the_position(text, position, words):
    with pytest.raises(ExpressionError) as err:
        parse(text)
    assert err.value.position == position
    assert words in err.value.message


def test_huge_powers_skip_exact_arithmetic():
    f = parse("9^9^9")  # 9^387420489: SymPy would work for ever; numpy says inf -> NaN
    assert f.sympy() is None and f.derivative() is None
    assert np.isnan(f(np.zeros(1))[0])


def test_without_sympy_the_derivative_is_numerical(monkeypatch):
    monkeypatch.setitem(sys.modules, "sympy", None)
    f = parse("x^3")
    assert f.derivative() is None and f.tex() == "x^3"
    np.testing.assert_allclose(numeric_derivative(f, X), 3 * X ** 2, rtol=1e-9, atol=1e-9)


def test_one_sided_slopes_find_corners_and_jumps():
    assert one_sided_slopes(parse("abs(x)"), 0.0) == pytest.approx((-1.0, 1.0))
    left, right = one_sided_slopes(parse("relu(x)"), 0.0)
    assert left == pytest.approx(0.0) and right == pytest.approx(1.0)
    left, right = one_sided_slopes(parse("step(x)"), 0.0)
    assert left > 1e5 and right == 0.0
    left, right = one_sided_slopes(parse("x^2"), 1.0)
    assert left == pytest.approx(2.0, abs=1e-5) and right == pytest.approx(2.0, abs=1e-5)
