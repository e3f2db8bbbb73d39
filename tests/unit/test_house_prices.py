"""The house-prices explorable's numbers against closed forms and finite differences."""

import numpy as np
import pytest

import mlscope
from mlscope.catalog import get
from mlscope.core.params import ParamError
from mlscope.explorables.deep.house_prices import (
    GOAL_MSE,
    HousePrices,
    least_squares,
    mse,
    mse_grid,
)
from mlscope.nn.linear import mse_gradient

X = np.array([2104.0, 1600.0, 2400.0])
Y = np.array([399.9, 329.9, 369.0])


def test_least_squares_matches_the_normal_equations():
    w, b = least_squares(X, Y)
    a = np.column_stack([X, np.ones(3)])
    w_ref, b_ref = np.linalg.solve(a.T @ a, a.T @ Y)
    assert w == pytest.approx(w_ref, rel=1e-9) and b == pytest.approx(b_ref, rel=1e-9)
    assert (w, b) == pytest.approx((0.058488, 247.263), rel=1e-4)
    assert mse(w, b, X, Y) == pytest.approx(447.291, rel=1e-5)
    assert mse(w, b, X, Y) < GOAL_MSE


@pytest.mark.parametrize("w, b", [(0.0, 0.0), (0.18, 0.0), (0.1, 150.0), (0.4, 460.0)])
def test_mse_at_any_point(w, b):
    ref = sum((w * x + b - y) ** 2 for x, y in zip(X, Y, strict=True)) / 3
    assert mse(w, b, X, Y) == pytest.approx(ref, rel=1e-12)
    assert HousePrices(weight=w, bias=b).error == pytest.approx(ref, rel=1e-12)


def test_the_landscape_is_the_mse_everywhere():
    ws, bs = np.linspace(0, 0.4, 7), np.linspace(0, 460, 5)
    grid = mse_grid(ws, bs, X, Y)
    assert grid.shape == (5, 7)  # rows are biases: row 0 at the bottom (smallest b)
    for i, b in enumerate(bs):
        for j, w in enumerate(ws):
            assert grid[i, j] == pytest.approx(mse(w, b, X, Y), rel=1e-9)


def test_gradient_matches_finite_differences():
    rng = np.random.default_rng(0)
    xs = (X - X.mean()) / X.std()
    for _ in range(5):
        w, b = rng.normal(0, 50), rng.normal(300, 50)
        (gw,), gb = mse_gradient(np.array([w]), b, xs[:, None], Y)
        h = 1e-5
        assert gw == pytest.approx((mse(w + h, b, xs, Y) - mse(w - h, b, xs, Y)) / (2 * h), rel=1e-6)
        assert gb == pytest.approx((mse(w, b + h, xs, Y) - mse(w, b - h, xs, Y)) / (2 * h), rel=1e-6)


def test_one_step_follows_the_standardised_gradient():
    ex = HousePrices(weight=0.1, bias=100.0, learning_rate=0.1)
    mu, sigma = X.mean(), X.std()
    xs = (X - mu) / sigma
    a, c = 0.1 * sigma, 100.0 + 0.1 * mu
    (ga,), gc = mse_gradient(np.array([a]), c, xs[:, None], Y)
    a, c = a - 0.1 * ga, c - 0.1 * gc
    ex.act("gd1")
    assert ex.p.weight == pytest.approx(a / sigma, rel=1e-12)
    assert ex.p.bias == pytest.approx(c - a / sigma * mu, rel=1e-12)
    assert ex.steps == 1


def test_gradient_descent_reaches_the_least_squares_line():
    ex = HousePrices()
    before = ex.error
    ex.act("gd10")
    assert ex.error < before
    for _ in range(3):
        ex.act("gd100")
    w, b = least_squares(X, Y)
    assert (ex.p.weight, ex.p.bias) == pytest.approx((w, b), rel=1e-6)
    assert ex.steps == 310


def test_goal_message_and_table():
    ex = HousePrices(weight=0.06, bias=240.0)
    views = ex.frame()
    assert ex.error < GOAL_MSE and views["goal"].tone == "success"
    assert f"{ex.error:,.1f}" in views["goal"].text
    table = views["table"]
    assert table.rows[0][:3] == ["2,104", "399.9", f"{0.06 * 2104 + 240:,.1f}"]
    assert table.footer[0][-1] == f"{ex.error:,.1f}"
    far = HousePrices(weight=0.0, bias=0.0)
    assert far.frame()["goal"].tone == "info" and "below 799" in far.frame()["goal"].text


def test_reset_restores_the_start_and_keeps_the_houses():
    houses = [[1000, 200], [2000, 300], [2500, 420]]
    ex = HousePrices(houses=houses)
    ex.act("gd100")
    ex.act("reset")
    assert (ex.p.weight, ex.p.bias) == (0.1, 100.0)
    assert ex.p.houses == ((1000.0, 200.0, 0), (2000.0, 300.0, 0), (2500.0, 420.0, 0))
    assert len(ex.history) == 1 and ex.steps == 0


def test_dragging_houses_moves_the_optimum():
    ex = HousePrices()
    ex.set(houses=[[1000, 200], [2000, 300]])
    assert ex.best == pytest.approx((0.1, 100.0))
    assert ex.frame()["landscape"].layers[0].values.shape == (121, 121)


def test_history_records_manual_changes_and_steps():
    ex = HousePrices()
    ex.set(weight=0.05)
    ex.act("gd10")
    h = ex.frame()["history"]
    assert len(h.x) == 12 and h.series[0].y[-1] == pytest.approx(ex.error)


def test_params_are_validated_by_name():
    with pytest.raises(ParamError, match=r"weight must be a number in \[0, 0.4\]; got 0.5\."):
        mlscope.explorable("house-prices", weight=0.5)
    with pytest.raises(ParamError, match="no explorable is called 'nope'"):
        get("nope")


def test_formula_and_neuron_show_the_live_numbers():
    ex = HousePrices(weight=0.06, bias=240.0)
    views = ex.frame()
    ref = mse(0.06, 240.0, X, Y)
    assert "0.0600\\,x + 240.0" in views["formula"].tex
    assert f"{ref:,.1f}".replace(",", "{,}") in views["formula"].tex
    (edge,) = views["neuron"].edges
    assert edge.label == "w = 0.0600" and views["neuron"].nodes[1].detail == "+ b = 240.0"
