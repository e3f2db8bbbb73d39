"""Parts 3 to 6 of the neural-network basics: numbers against closed forms and references."""

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

import mlscope
from mlscope.core import catalog
from mlscope.core.params import ParamError
from mlscope.data import houses
from mlscope.explorables.deep.classification import Classification, held_out_houses
from mlscope.explorables.deep.softmax import ARTICLE_ROWS, prob_text
from mlscope.nn import linear
from mlscope.nn.functional import Standardiser, cross_entropy, cross_entropy_grad, softmax

X, Y = houses.features(), houses.PRICE_K


# --- nn.functional and nn.linear ------------------------------------------------------------

def test_softmax_is_exp_over_sum_and_stable():
    z = np.array([[1.0, 2.0, 4.0], [1000.0, 1001.0, 1003.0]])
    ref = np.exp([1.0, 2.0, 4.0]) / np.exp([1.0, 2.0, 4.0]).sum()
    np.testing.assert_allclose(softmax(z), [ref, ref], rtol=1e-12)


def test_cross_entropy_and_its_gradient_against_finite_differences():
    rng = np.random.default_rng(1)
    z, y = rng.normal(size=(6, 3)), rng.integers(0, 3, 6)
    assert cross_entropy(z, y) == pytest.approx(-np.mean(np.log(softmax(z)[np.arange(6), y])))
    g, h = cross_entropy_grad(z, y), 1e-6
    for i, j in np.ndindex(z.shape):
        dz = np.zeros_like(z)
        dz[i, j] = h
        fd = (cross_entropy(z + dz, y) - cross_entropy(z - dz, y)) / (2 * h)
        assert g[i, j] == pytest.approx(fd, abs=1e-8)


def test_linear_gradient_against_finite_differences():
    xs, w, b, h = Standardiser(X)(X), np.array([0.3, -0.7]), 2.0, 1e-6
    gw, gb = linear.mse_gradient(w, b, xs, Y)
    for k in range(2):
        dw = np.eye(2)[k] * h
        fd = (linear.mse(w + dw, b, xs, Y) - linear.mse(w - dw, b, xs, Y)) / (2 * h)
        assert gw[k] == pytest.approx(fd, rel=1e-6)
    assert gb == pytest.approx((linear.mse(w, b + h, xs, Y) - linear.mse(w, b - h, xs, Y)) / (2 * h),
                               rel=1e-6)


# --- part 3: two inputs ---------------------------------------------------------------------

def test_least_squares_plane_matches_numpy():
    w, b = linear.least_squares(X, Y)
    a = np.column_stack([X, np.ones(10)])
    ref = np.linalg.solve(a.T @ a, a.T @ Y)
    np.testing.assert_allclose([*w, b], ref, rtol=1e-9)
    assert linear.mse(w, b, X, Y) == pytest.approx(1406.05263, rel=1e-6)


def test_two_inputs_mse_and_gradient_descent_to_the_plane():
    ex = mlscope.explorable("two-inputs", w_area=0.15, w_bathrooms=-5, bias=20)
    pred = 0.15 * X[:, 0] - 5 * X[:, 1] + 20
    assert ex.error == pytest.approx(np.mean((pred - Y) ** 2), rel=1e-12)
    for _ in range(4):
        ex.act("gd100")
    w, b = linear.least_squares(X, Y)
    assert (ex.p.w_area, ex.p.w_bathrooms, ex.p.bias) == pytest.approx((*w, b), rel=1e-5)
    views = ex.frame()
    assert views["table"].footer[0][-1] == f"{ex.error:,.1f}"
    plane = views["scene"].layers[0].z
    assert plane.shape == (11, 11)
    assert plane[0, 0] == pytest.approx(ex.p.w_area * 1200 + ex.p.w_bathrooms * 1.5 + ex.p.bias)
    assert plane[-1, 0] == pytest.approx(ex.p.w_area * 1200 + ex.p.w_bathrooms * 4.5 + ex.p.bias)


# --- part 4: classification -----------------------------------------------------------------

def test_softmax_classifier_converges_to_logistic_regression():
    ex = Classification(learning_rate=1.0)
    for _ in range(30):
        ex.act("gd100")
    # Two-class softmax = logistic regression on the difference of the logits.
    scaler = Standardiser(X)
    ref = LogisticRegression(C=1e8, tol=1e-12, max_iter=100_000).fit(scaler(X), houses.LABELS)
    w_diff = ex.model.W[:, houses.BAD] - ex.model.W[:, houses.GOOD]
    b_diff = ex.model.b[houses.BAD] - ex.model.b[houses.GOOD]
    np.testing.assert_allclose(w_diff, ref.coef_[0], rtol=2e-3)
    assert b_diff == pytest.approx(ref.intercept_[0], rel=2e-3)
    assert ex.accuracy() == pytest.approx(ref.score(scaler(X), houses.LABELS))


def test_classification_starts_at_log2_and_loss_falls():
    ex = Classification()
    assert ex.loss == pytest.approx(np.log(2))
    ex.act("gd10")
    assert ex.loss < np.log(2)
    views = ex.frame()
    assert f"{ex.steps} steps" in views["accuracy"].text
    p = views["regions"].layers[0].values
    assert p.shape == (81, 97) and 0 < p.min() < 0.5 < p.max() < 1


def test_raw_weights_give_the_same_logits():
    ex = Classification()
    ex.act("gd100")
    w, b = ex.model.raw()
    np.testing.assert_allclose(X @ w + b, ex.model.logits(X), rtol=1e-10, atol=1e-10)


def test_held_out_list_is_reproducible_and_shaped_like_the_first():
    scaler = Standardiser(X)
    a, ya = held_out_houses(3, 50, scaler)
    b, yb = held_out_houses(3, 50, scaler)
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(ya, yb)
    assert set(a[:, 1]) <= set(X[:, 1]) and a[:, 0].min() >= 0.9 * X[:, 0].min() - 10
    assert set(ya) <= {0, 1}
    assert not np.array_equal(held_out_houses(4, 50, scaler)[0], a)


# --- part 5: softmax --------------------------------------------------------------------------

EXPECTED_ROWS = ["[1]", "[0.5, 0.5]", "[0.27, 0.73]", "[0.12, 0.88]", "[0.007, 0.993]",
                 "[0.09, 0.24, 0.67]", "[0.04, 0.11, 0.84]"]


def test_article_rows_show_correct_values():
    table = mlscope.explorable("softmax").frame()["rows"]
    assert [r[1] for r in table.rows] == EXPECTED_ROWS
    assert len(table.rows) == len(ARTICLE_ROWS)
    assert prob_text(0.5) == "0.5" and prob_text(1.0) == "1"


def test_softmax_views_and_the_exaggeration():
    ex = mlscope.explorable("softmax", logits="2, 4")
    views = ex.frame()
    np.testing.assert_allclose(views["probabilities"].values, softmax(np.array([2.0, 4.0])))
    assert "e^2 = 7.39" in views["exaggeration"].text
    ex.set(logits=[1, 1, 1, 1])
    np.testing.assert_allclose(ex.frame()["probabilities"].values, 0.25)
    with pytest.raises(ParamError, match=r"logits\[0\] must be a number in \[-10, 10\]; got 50"):
        ex.set(logits=[50])


# --- part 6: network shape ----------------------------------------------------------------------

@pytest.mark.parametrize("n, k", [(1, 1), (2, 3), (6, 6)])
def test_network_shape_has_every_weight_and_bias(n, k):
    views = mlscope.explorable("network-shape", inputs=n, classes=k).frame()
    net = views["diagram"]
    labels = {e.label for e in net.edges if e.label}
    assert labels == {f"w{'₀₁₂₃₄₅₆₇₈₉'[i]}{'₀₁₂₃₄₅₆₇₈₉'[j]}" for i in range(1, n + 1)
                      for j in range(1, k + 1)}
    assert sum(1 for node in net.nodes if node.detail.startswith("+ b")) == k
    assert sum(1 for node in net.nodes if node.id.startswith("p")) == k
    assert f"{n * k} weights and {k} biases" in views["count"].text
    assert views["formula"].tex.count("&=") == k + 1


# --- the series -------------------------------------------------------------------------------

def test_the_series_links_its_parts_in_order():
    slugs = catalog.SERIES["nn-basics"][1]
    for k, slug in enumerate(slugs):
        s = catalog.series_of(slug)
        assert s["part"] == k + 1
        assert (s["prev"] or {}).get("slug") == (slugs[k - 1] if k else None)
        assert (s["next"] or {}).get("slug") == (slugs[k + 1] if k + 1 < len(slugs) else None)


# --- numbers in formulas and diagrams -------------------------------------------------------

def test_two_inputs_formula_shows_the_least_possible_error():
    tex = mlscope.explorable("two-inputs").frame()["formula"].tex
    assert "least possible: }1{,}406.1" in tex


def test_softmax_live_numbers():
    tex = mlscope.explorable("softmax", logits="2, 4").frame()["formula"].tex
    assert f"= {np.exp(2) + np.exp(4):.4g}" in tex  # 61.99
    assert "p = [0.1192, 0.8808]" in tex


def test_classification_formula_and_network_show_the_raw_weights():
    ex = Classification()
    ex.act("gd100")
    w, b = ex.model.raw()
    views = ex.frame()
    assert f"{w[0, 0]:+.4g}\\,x_\\text{{area}}" in views["formula"].tex
    assert f"{b[1]:+.4g}" in views["formula"].tex
    labels = [e.label for e in views["network"].edges if not e.structural]
    assert labels == [f"{w[i, k]:.4g}" for k in range(2) for i in range(2)]
    assert abs(float(labels[0])) < 0.01  # the area weight keeps its digits
