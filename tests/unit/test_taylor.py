"""Taylor series: coefficients from truncated power series against closed forms and SymPy's
derivatives, the polynomial's error against the Lagrange remainder, the presets' radii of
convergence (the partial sums settle inside and blow up outside), corners, goals."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp

from mlscope.explorables.maths.expression import parse
from mlscope.explorables.maths.power_series import NotAnalytic, taylor
from mlscope.explorables.maths.taylor import PRESETS, TaylorSeries, polynomial

FORMULAS = ["sin(x)", "cos(2*x)", "exp(x)*sin(x)", "log(1+x)", "1/(1-x)", "sqrt(1+x)",
            "tan(x)", "tanh(x)", "sigmoid(x)", "atan(x)", "asin(x/2)", "acos(x/2)",
            "x^3-2*x", "2^x", "x^x", "1/(1+x^2)", "abs(x-2)", "relu(x-1)+x", "sinh(x)*cosh(x)"]


@pytest.mark.parametrize("text", FORMULAS)
def test_coefficients_against_sympys_derivatives(text):
    f = parse(text)
    a = 0.3
    c = taylor(f, a, 8)  # SymPy's 9th derivative of x^x already takes a while
    sym = f.sympy()
    (x,) = sym.free_symbols
    ref, d = [], sym
    for k in range(9):
        ref.append(float(d.subs(x, a)) / math.factorial(k))
        d = sp.diff(d, x)
    np.testing.assert_allclose(c, ref, rtol=1e-9, atol=1e-12)


def test_closed_forms():
    np.testing.assert_allclose(taylor(parse("exp(x)"), 0.0, 10),
                               [1 / math.factorial(k) for k in range(11)], rtol=1e-14)
    np.testing.assert_allclose(taylor(parse("1/(1-x)"), 0.0, 10), np.ones(11), rtol=1e-14)
    np.testing.assert_allclose(taylor(parse("log(1+x)"), 0.0, 6),
                               [0, 1, -1 / 2, 1 / 3, -1 / 4, 1 / 5, -1 / 6], atol=1e-15)


def test_the_error_is_within_the_lagrange_remainder():
    # sin: |f⁽ⁿ⁺¹⁾| ≤ 1, so |sin x − p_n(x)| ≤ |x|ⁿ⁺¹/(n + 1)!
    xs = np.linspace(-3, 3, 121)
    for n in (1, 3, 5, 9, 15):
        c = taylor(parse("sin(x)"), 0.0, n)
        err = np.abs(np.sin(xs) - polynomial(c, 0.0, xs))
        assert (err <= np.abs(xs) ** (n + 1) / math.factorial(n + 1) + 1e-12).all()


@pytest.mark.parametrize("key", ["log", "geometric", "bump"])
def test_the_series_converges_inside_its_radius_and_not_outside(key):
    _, text, radius = PRESETS[key]
    f, a = parse(text), 0.2
    r = radius(a)
    c = taylor(f, a, 60)
    inside, outside = a + 0.8 * r, a + 1.2 * r
    err_in = [abs(polynomial(c[:n + 1], a, np.array([inside]))[0] - f(np.array([inside]))[0])
              for n in (20, 40, 60)]
    term_out = [abs(c[n]) * (1.2 * r) ** n for n in (20, 40, 60)]
    assert err_in[2] < err_in[0] < 0.1  # shrinking towards 0 inside
    assert term_out[2] > term_out[1] > term_out[0]  # growing terms: no sum outside
    assert outside  # (the point the terms are measured at)


def test_no_series_at_a_corner():
    for text, a in (("abs(x)", 0.0), ("relu(x)", 0.0), ("log(x)", 0.0), ("sqrt(x)", 0.0)):
        with pytest.raises(NotAnalytic):
            taylor(parse(text), a, 5)
    ex = TaylorSeries(f="abs(x)", centre=[(0.0, 0.0, 0)], step="free")
    assert ex.coefficients() is None
    assert ex.frame()["terms"].tex == r"\text{no Taylor series here}"


def test_goals():
    ex = TaylorSeries(step="tangent", degree=0)
    assert not ex.step_now.done(ex)
    ex.set(degree=1, centre=[(1.0, 0.5, 0)])
    assert ex.step_now.done(ex)
    ex.set(step="degree", centre=[(0.0, 0.0, 0)], degree=7)
    assert not ex.step_now.done(ex)
    ex.set(degree=9)  # |x|¹⁰/10! at 3 is 0.016, but the odd terms make 9 enough
    assert ex.step_now.done(ex)
    ex.set(step="radius", f="log(1+x)")  # typed without spaces: still the preset
    assert not ex.step_now.done(ex)  # around 0 it reaches 1
    ex.set(centre=[(0.6, 0.0, 0)])  # radius 1.6 reaches 2.2
    assert ex.step_now.done(ex)
