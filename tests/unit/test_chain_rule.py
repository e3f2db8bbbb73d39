"""The chain rule as a graph: the backward pass's gradients against SymPy and central
finite differences for many formulas and points, each local derivative against a finite
difference, a variable used twice adding its paths, the passes node by node, and goals."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mlscope.core.params import ParamError
from mlscope.explorables.maths.chain_rule import PRESETS, ChainRule, local
from mlscope.explorables.maths.expression import numeric_gradient, parse

FORMULAS = ["(x + y) * x", "tanh(2*x - y + 0.5)", "sin(x*y) + x^2", "sigmoid(3*x + y)",
            "exp(-x^2 - y^2) / (1 + y^2)", "sqrt(x^2 + y^2 + 1) * cos(y)", "x^3 - x*y + y",
            "log(1 + x^2) - atan(y)", "relu(x - y) + 2*x"]


@pytest.mark.parametrize("text", FORMULAS)
def test_backprop_matches_sympy_and_finite_differences(text):
    f = parse(text, ("x", "y"))
    exact = f.gradient()[0]
    rng = np.random.default_rng(0)
    ex = ChainRule(f=text)
    for _ in range(10):
        x, y = (round(float(v), 1) for v in rng.uniform(-2, 2, 2))
        if text.startswith("relu") and abs(x - y) < 0.05:
            continue  # its corner has no derivative
        ex.set(x=x, y=y)
        gx, gy = ex.backprop()
        sx, sy = exact(np.array([x]), np.array([y]))
        nx, ny = numeric_gradient(f, np.array([x]), np.array([y]))
        assert gx == pytest.approx(float(sx[0]), abs=1e-9)
        assert gy == pytest.approx(float(sy[0]), abs=1e-9)
        assert gx == pytest.approx(float(nx[0]), abs=1e-6)
        assert gy == pytest.approx(float(ny[0]), abs=1e-6)


@pytest.mark.parametrize("op", ["sin", "cos", "tan", "exp", "log", "sqrt", "tanh", "sinh",
                                "cosh", "atan", "asin", "acos", "sigmoid", "abs"])
def test_local_derivatives_of_functions(op):
    from mlscope.explorables.maths.chain_rule import _apply

    a, h = 0.37, 1e-6
    out = _apply(op, a)
    d, _ = local(op, a, 0.0, out)
    assert d == pytest.approx((_apply(op, a + h) - _apply(op, a - h)) / (2 * h), rel=1e-6)


@pytest.mark.parametrize("op", ["+", "−", "×", "÷", "^"])
def test_local_derivatives_of_operations(op):
    from mlscope.explorables.maths.chain_rule import _apply

    a, b, h = 1.3, 0.7, 1e-6
    da, db = local(op, a, b, _apply(op, a, b))
    assert da == pytest.approx((_apply(op, a + h, b) - _apply(op, a - h, b)) / (2 * h), rel=1e-6)
    assert db == pytest.approx((_apply(op, a, b + h) - _apply(op, a, b - h)) / (2 * h), rel=1e-6)


def test_a_variable_used_twice_adds_its_paths():
    ex = ChainRule(f="(x + y) * x", x=2.0, y=1.0, step="shared")
    assert ex.p.progress == len(ex.nodes)  # the step starts with the forward pass done
    ex.set(progress=len(ex.nodes) + ex.n_ops)
    assert sorted(ex.edges_from(ex.var_node("x").id)) == [2.0, 3.0]  # y-path and x-path
    assert ex.backprop() == (5.0, 2.0)
    assert "2 + 3 = **5**" in ex.step_now.live(ex) or "3 + 2 = **5**" in ex.step_now.live(ex)
    assert ex.step_now.done(ex)


def test_the_passes_go_node_by_node():
    ex = ChainRule(step="forward")
    n, ops = len(ex.nodes), ex.n_ops
    assert (n, ops) == (4, 2)  # x, y, +, ×: two operations send gradients back
    assert ex.frame()["graph"].title == f"f = (x + y) * x · forward pass: 0 of {n} values"
    for k in range(1, n + 1):
        ex.act("next")
        shown = [g for g in ex.frame()["graph"].nodes if "value" in g.detail]
        assert len(shown) == k
    assert ex.step_now.done(ex) and ex.finished
    ex.set(step="backward")
    ex.act("next")
    graph = ex.frame()["graph"]
    assert graph.title == f"f = (x + y) * x · backward pass: 1 of {ops} steps"
    assert any(e.label.startswith("×") for e in graph.edges)
    ex.act("next")
    assert ex.step_now.done(ex) and ex.finished
    assert math.isclose(ex.f_value, 6.0)
    ex.act("reset")
    assert ex.p.progress == 0


def test_no_value_no_gradient():
    ex = ChainRule(f="log(x) * y", x=-1.0, y=1.0, step="free")
    gx, gy = ex.backprop()
    assert math.isnan(gx) and math.isnan(gy)


def test_presets_and_bad_input():
    ex = ChainRule()
    for key, (_, text) in PRESETS.items():
        ex.act(f"f-{key}")
        assert ex.p.f == text and ex.p.progress == 0
        ex.frame()
    with pytest.raises(ParamError) as err:
        ex.set(f="x + z")
    assert err.value.field == "f" and "'z' is not allowed" in err.value.message
    with pytest.raises(ParamError) as err:
        ex.set(f="-" * 45 + "x")  # 45 minus signs, each a node: more than 40
    assert err.value.field == "f" and "40 nodes" in err.value.message
    assert ex.p.f == PRESETS["sigmoid"][1]
