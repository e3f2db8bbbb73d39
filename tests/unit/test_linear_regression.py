"""Linear and polynomial regression agrees with scikit-learn on the same points (fits,
coefficients, errors, R²), gradient descent reaches the closed form, the story's goals
work, and degenerate data give numbers, not exceptions."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import LinearRegression as SkLinear
from sklearn.metrics import mean_squared_error, r2_score
from sklearn.preprocessing import PolynomialFeatures

import mlscope
from mlscope.core.encoding import encode
from mlscope.core.params import ParamError
from mlscope.explorables.classic.linear_regression import LinearRegression, fit, powers


def sklearn_fit(x, y, degree):
    feats = PolynomialFeatures(degree, include_bias=False)
    return feats, SkLinear().fit(feats.fit_transform(x[:, None]), y)


@pytest.mark.parametrize("dataset", ["line", "quadratic", "sine", "outliers"])
@pytest.mark.parametrize("degree", [1, 2, 5])
def test_the_fit_is_scikit_learns(dataset, degree):
    ex = LinearRegression(dataset=dataset, count=40, degree=degree, held_out=30)
    xt, yt = ex.x[ex.train], ex.y[ex.train]
    feats, sk = sklearn_fit(xt, yt, degree)
    grid = np.linspace(-6, 6, 50)
    ours = powers(grid, degree) @ ex.coef
    assert np.allclose(ours, sk.predict(feats.transform(grid[:, None])), atol=1e-7)
    # every degree's training and held-out errors, as scikit-learn measures them
    for d in (1, 3, 6):
        f, m = sklearn_fit(xt, yt, d)
        xh, yh = ex.x[~ex.train], ex.y[~ex.train]
        assert ex.train_errors[d - 1] == pytest.approx(
            mean_squared_error(yt, m.predict(f.transform(xt[:, None]))), rel=1e-7)
        assert ex.test_errors[d - 1] == pytest.approx(
            mean_squared_error(yh, m.predict(f.transform(xh[:, None]))), rel=1e-7)


def test_the_least_squares_line_slope_intercept_sse_and_r2():
    ex = LinearRegression(dataset="outliers", count=60)
    sk = SkLinear().fit(ex.x[:, None], ex.y)
    assert ex.line[1] / 5 == pytest.approx(sk.coef_[0]) and ex.line[0] == pytest.approx(sk.intercept_)
    pred = sk.predict(ex.x[:, None])
    assert ex.best_sse == pytest.approx(np.sum((pred - ex.y) ** 2))
    rows = ex.frame()["numbers"].rows
    ex.set(show_fit=True)
    rows = ex.frame()["numbers"].rows
    assert rows[1][1] == f"{sk.coef_[0]:.3f}" and rows[1][4] == f"{r2_score(ex.y, pred):.3f}"


def test_the_answer_stays_hidden_until_the_fit_is_shown():
    rows = LinearRegression().frame()["numbers"].rows
    assert rows[1][1:3] == ["?", "?"] and rows[1][3] != "?"


def test_gradient_descent_walks_to_the_closed_form_along_the_true_gradient():
    ex = LinearRegression(slope=-1.0, intercept=2.0)
    gm, gc = ex.gradient()
    h = 1e-6
    def mse(m, c): return np.mean((m * ex.x + c - ex.y) ** 2)
    assert gm == pytest.approx((mse(-1 + h, 2) - mse(-1 - h, 2)) / (2 * h), rel=1e-5)
    assert gc == pytest.approx((mse(-1, 2 + h) - mse(-1, 2 - h)) / (2 * h), rel=1e-5)
    while not ex.finished and ex.steps < 5000:
        ex.step()
    assert ex.finished and ex.p.slope == pytest.approx(ex.line[1] / 5, abs=1e-3)
    assert ex.p.intercept == pytest.approx(ex.line[0], abs=1e-3)


def test_the_story_goals():
    ex = mlscope.explorable("linear-regression")
    step = {s.name: s for s in ex.story_steps}
    assert not step["by-hand"].done(ex)
    ex.set(slope=round(ex.line[1] / 5, 2), intercept=round(ex.line[0], 2))
    assert step["by-hand"].done(ex)
    ex.set(step="degree")
    assert ex.p.dataset == "sine" and ex.p.held_out == 30 and ex.p.show_fit
    assert not step["degree"].done(ex)
    assert "lowest of every degree" not in step["degree"].live(ex)  # the chart shows it
    ex.set(degree=int(np.argmin(ex.test_errors)) + 1)
    assert step["degree"].done(ex)
    assert "lowest held-out error of every degree" in step["degree"].live(ex)


def test_new_data_replaces_the_points_and_dragging_keeps_the_rest():
    ex = LinearRegression()
    first = ex.p.points
    ex.set(dataset="sine")
    assert ex.p.points != first and len(ex.p.points) == 12
    moved = list(ex.p.points)
    moved[0] = (0.0, 5.0, 0)
    ex.set(points=moved, slope=0.5)
    assert ex.y[0] == 5.0 and ex.p.dataset == "sine" and ex.p.slope == 0.5


@pytest.mark.parametrize("points", [
    [(1.0, 1.0, 0)],                         # one point
    [(2.0, 1.0, 0)] * 5,                     # all the same
    [(1.0, 1.0, 0), (1.0, 3.0, 0)],          # a vertical pair: x does not vary
    [(-5.0, 2.0, 0), (5.0, 2.0, 0), (0.0, 2.0, 0)],  # y does not vary: R² undefined
])
def test_degenerate_points_give_numbers_not_exceptions(points):
    ex = LinearRegression(points=points, degree=15, held_out=50)
    frame = ex.frame()
    encode(frame)  # travels (no NaN in the JSON header)
    for _ in range(5):
        ex.step()
    assert np.isfinite(ex.your_sse)


def test_bad_values_name_their_field():
    with pytest.raises(ParamError, match="slope") as err:
        LinearRegression(slope=9)
    assert err.value.field == "slope"
    with pytest.raises(ParamError, match="points"):
        LinearRegression(points=[(0, 99, 0)])
    with pytest.raises(ParamError, match="degree"):
        LinearRegression(degree=16)


def test_five_thousand_points():
    pts = [(float(x), float(0.5 * x), 0) for x in np.linspace(-5, 5, 5000)]
    ex = LinearRegression(points=pts, held_out=20, degree=3)
    assert len(ex.frame()["fit"].layers[-3].x) == 5000
    assert fit(ex.x, ex.y, 1)[1] / 5 == pytest.approx(0.5)
