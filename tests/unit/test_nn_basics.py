"""Parts 3 to 6 of the neural-network basics: numbers against closed forms and references."""

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

import mlscope
from mlscope import catalog
from mlscope.core.params import ParamError
from mlscope.data import houses
from mlscope.explorables.deep.classification import (
    GOAL_LOSS,
    GOAL_RIGHT,
    GOAL_RISING,
    Classification,
    SoftmaxRegression,
    held_out_houses,
)
from mlscope.explorables.deep.network_shape import MAX_LABELLED
from mlscope.explorables.deep.softmax import ARTICLE_ROWS, GOAL_RATIO, prob_text
from mlscope.explorables.deep.two_inputs import GOAL_BATHROOMS_MSE, GOAL_HAND_MSE, TwoInputs
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


def test_classification_starts_near_log2_from_small_random_weights_and_loss_falls():
    # All-zero weights say ½ for every house: the cross-entropy log 2, a blank map.
    zero = SoftmaxRegression(Standardiser(X))
    assert cross_entropy(zero.logits(X), houses.LABELS) == pytest.approx(np.log(2))
    # The explorable starts from small random weights set by the seed: near log 2, and the
    # first map is already a (poor) guess, not p = ½ everywhere.
    ex = Classification()
    assert ex.loss == pytest.approx(np.log(2), abs=0.15) and ex.loss != pytest.approx(np.log(2))
    p0 = ex.frame()["regions"].layers[0].values
    assert p0.min() < 0.4 and p0.max() > 0.6
    # A small random weight per square foot is written out, never in e-notation.
    first = ex.frame()
    assert "e-" not in first["formula"].tex
    assert not any("e-" in e.label for e in first["network"].edges)
    w0 = ex.model.W.copy()
    np.testing.assert_array_equal(Classification().model.W, w0)  # same seed, same start
    assert not np.array_equal(Classification(seed=1).model.W, w0)
    start = ex.loss
    ex.act("gd10")
    assert ex.loss < start
    views = ex.frame()
    assert f"{ex.steps} steps" in views["accuracy"].text
    p = views["regions"].layers[0].values
    assert p.shape == (81, 97) and 0 < p.min() < 0.5 < p.max() < 1
    ex.act("reset")  # back to the same random start
    np.testing.assert_array_equal(ex.model.W, w0)
    assert ex.loss == start and ex.steps == 0
    ex.act("gd1")
    assert ex.frame()["accuracy"].text.endswith("after 1 step.")


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
    assert "e^{2} = 7.39" in views["exaggeration"].tex  # typeset like every formula
    ex.act("load_row", {"row": 3})  # a click on the article's row [2, 4]
    assert ex.p.logits == (2.0, 4.0)
    with pytest.raises(ParamError, match="row must be a whole number from 0 to 6; got 9"):
        ex.act("load_row", {"row": 9})
    ex.set(logits=[1, 1, 1, 1])
    np.testing.assert_allclose(ex.frame()["probabilities"].values, 0.25)
    with pytest.raises(ParamError, match=r"logits\[0\] must be a number in \[-10, 10\]; got 50"):
        ex.set(logits=[50])


# --- part 6: network shape ----------------------------------------------------------------------

@pytest.mark.parametrize("n, k", [(1, 1), (2, 3), (4, 3), (6, 6)])
def test_network_shape_has_every_weight_and_bias(n, k):
    views = mlscope.explorable("network-shape", inputs=n, classes=k).frame()
    net = views["diagram"]
    weights = [e for e in net.edges if e.source.startswith("x")]
    assert {(e.source, e.target) for e in weights} == {(f"x{i}", f"z{j}") for i in range(1, n + 1)
                                                       for j in range(1, k + 1)}
    labels = {e.label for e in net.edges if e.label}
    # Every weight is labelled up to MAX_LABELLED; beyond, 36 labels would collide and the
    # formula names them instead.
    names = {f"w{'₀₁₂₃₄₅₆₇₈₉'[i]}{'₀₁₂₃₄₅₆₇₈₉'[j]}" for i in range(1, n + 1)
             for j in range(1, k + 1)}
    assert labels == (names if n * k <= MAX_LABELLED else set())
    assert sum(1 for node in net.nodes if node.detail.startswith("+ b")) == k
    assert sum(1 for node in net.nodes if node.id.startswith("p")) == k
    assert views["formula"].tex.count("&=") == k + 1
    assert views["formula"].tex.count("w_{") == n * k


@pytest.mark.parametrize("n, k, text", [
    (1, 1, "1 input × 1 class: 1 weight and 1 bias, 2 numbers to learn."),
    (2, 3, "2 inputs × 3 classes: 6 weights and 3 biases, 9 numbers to learn."),
    (6, 6, "6 inputs × 6 classes: 36 weights and 6 biases, 42 numbers to learn."),
])
def test_network_shape_counts_in_words(n, k, text):
    assert mlscope.explorable("network-shape", inputs=n, classes=k).frame()["count"].text == text


# --- the series -------------------------------------------------------------------------------

def test_the_series_links_its_parts_in_order():
    slugs = catalog.SERIES["nn-basics"][1]
    for k, slug in enumerate(slugs):
        s = catalog.series_of(slug)
        assert s["part"] == k + 1
        assert (s["prev"] or {}).get("slug") == (slugs[k - 1] if k else None)
        # The last part leads on to the playground.
        assert (s["next"] or {}).get("slug") == (slugs[k + 1] if k + 1 < len(slugs)
                                                 else "playground")


# --- numbers in formulas and diagrams -------------------------------------------------------

def test_two_inputs_formula_shows_the_least_possible_error():
    tex = mlscope.explorable("two-inputs").frame()["formula"].tex
    assert "least possible: }1{,}406.1" in tex


def test_softmax_live_numbers():
    tex = mlscope.explorable("softmax", logits="2, 4").frame()["formula"].tex
    assert f"= {np.exp(2) + np.exp(4):.4g}" in tex  # 61.99
    assert "p = [0.119, 0.881]" in tex  # as the live text prints them


def test_classification_formula_and_network_show_the_raw_weights():
    ex = Classification()
    ex.act("gd100")
    w, b = ex.model.raw()
    views = ex.frame()
    assert f"{w[0, 0]:+.4g}\\,x_\\text{{area}}" in views["formula"].tex
    assert f"{b[1]:+.4g}" in views["formula"].tex
    # The diagram rounds to two significant digits (the formula keeps four).
    labels = [e.label for e in views["network"].edges if not e.structural]
    assert [float(x) for x in labels] == pytest.approx(
        [float(f"{w[i, k]:.2g}") for k in range(2) for i in range(2)])
    assert "e" not in "".join(labels)  # never in e-notation
    assert abs(float(labels[0])) < 0.01 and float(labels[0]) != 0  # the area weight shows


# --- the stories: goals flip with the numbers, live texts say the right numbers -------------

def test_two_inputs_goals_follow_the_numbers():
    ex = TwoInputs(step="two")
    assert ex.story()["met"] is False and "The MSE is **9,531.9**" in ex.story()["live"]
    ex.set(w_bathrooms=20)  # MSE 3,028.3: just above the goal
    assert ex.error > GOAL_BATHROOMS_MSE and ex.story()["met"] is False
    ex.set(w_bathrooms=25)
    assert ex.error < GOAL_BATHROOMS_MSE and ex.story()["met"] is True
    assert "2 × 25 = 50.0 added" in ex.story()["live"] and "with 4 gets 100.0" in ex.story()["live"]
    assert f"**{ex.error:,.1f}**" in ex.story()["live"]

    ex.set(step="plane")
    assert ex.story()["met"] is False and "above" in ex.story()["live"]  # 25 lifts it too far
    ex.set(w_area=0.1, w_bathrooms=0, bias=50)
    assert "below every house: raise" in ex.story()["live"]
    ex.set(w_area=0.18, bias=-10)
    assert ex.error < GOAL_HAND_MSE and ex.story()["met"] is True
    assert f"**{ex.error:,.1f}**: below 2,000" in ex.story()["live"]

    ex.set(step="descent")
    ex.act("reset")
    assert ex.story()["met"] is False and ex.story()["live"].startswith("0 steps taken")
    ex.step()
    assert ex.story()["live"].startswith("1 step taken")
    while not ex.finished and ex.steps < 5000:  # play stops at convergence
        ex.step()
    assert ex.finished and ex.story()["met"] is True
    assert ex.error == pytest.approx(linear.mse(*linear.least_squares(X, Y), X, Y), rel=1e-6)
    assert f"{ex.steps:,} steps taken; the MSE is **1,406.1**" in ex.story()["live"]

    ex.set(step="weights")
    w, b = linear.least_squares(X[:, :1], Y)
    assert ex.area_only_error == pytest.approx(np.mean((X[:, 0] * w[0] + b - Y) ** 2))
    live = ex.story()["live"]
    assert f"each square foot adds \\${ex.p.w_area * 1000:,.0f}" in live
    assert f"takes off \\${-ex.p.w_bathrooms * 1000:,.0f}" in live  # negative beside area
    assert "alone the best line has 1,423.4; with both inputs, 1,406.1" in live


def test_classification_goals_and_the_overfitting_call_out():
    ex = Classification(step="outputs")
    assert ex.right() < GOAL_RIGHT and ex.story()["met"] is False
    p = ex.model.proba(X[:1])[0]
    assert f"p(good) = {p[0]:.3f}, p(bad) = {p[1]:.3f}" in ex.story()["live"]
    assert ex.story()["live"].startswith(f"{ex.right()} of 10 training houses right after 0 steps")
    while ex.right() < GOAL_RIGHT:
        ex.act("gd1")
    assert ex.story()["met"] is True

    ex.set(step="training")
    assert (ex.loss < GOAL_LOSS) == ex.story()["met"]
    while ex.loss >= GOAL_LOSS:
        assert ex.story()["met"] is False
        ex.act("gd1")
    assert ex.story()["met"] is True and f"**{ex.loss:.3f}**" in ex.story()["live"]
    assert f"it started at {ex.start_loss:.3f}" in ex.story()["live"]

    # Held out: the lowest held-out loss, recomputed here step by step, and how long since.
    ex = Classification(step="held-out")
    assert "Press Play" in ex.story()["live"]
    held = [ex.held_out_loss]
    train = [ex.loss]
    for _ in range(300):
        ex.step()
        held.append(cross_entropy(ex.model.logits(ex._xh), ex._yh))
        train.append(ex.loss)
        best = int(np.argmin(held))
        rising = ex.steps - best if held[-1] > held[best] else 0
        assert ex.rising_for() == rising
        assert ex.story()["met"] is (rising >= GOAL_RISING)
        if rising == 0:
            assert "Both losses are falling" in ex.story()["live"]
    assert rising >= GOAL_RISING  # the data shows it: the held-out loss turned up
    live = ex.story()["live"]
    assert f"rising for {rising} steps** (lowest {held[best]:.3f} at step {best}" in live
    assert f"({train[best]:.3f} → {ex.loss:.3f}): **this is overfitting**" in live
    assert f"{ex.right(held_out=True)} of 20 held-out ones" in live

    # The rule in words: on its threshold for 3 bathrooms the network is unsure, p = ½.
    ex.set(step="rule")
    live = ex.story()["live"]
    area = float(live.split("good under ")[1].split(" ft²")[0].replace(",", ""))
    assert ex.model.proba(np.array([[area, 3.0]]))[0, 0] == pytest.approx(0.5, abs=0.01)
    assert ex.model.proba(np.array([[area - 100, 3.0]]))[0, 0] > 0.5


def test_softmax_goals_follow_the_numbers():
    ex = mlscope.explorable("softmax", step="scores")
    assert ex.story()["met"] is False
    assert "p₂ = 0.881" in ex.story()["live"]
    ex.set(logits=[6.3, 4])
    assert softmax(np.array([6.3, 4.0]))[0] > 0.9 and ex.story()["met"] is True
    ex.set(logits=[6.1, 4])
    assert ex.story()["met"] is False
    ex.set(logits=[5])  # one logit: p₁ = 1, but that is no comparison
    assert ex.story()["met"] is False

    ex.set(step="shift", logits=[2, 4])
    assert ex.story()["met"] is False and "61.99" in ex.story()["live"]
    ex.set(logits=[7, 9])
    assert ex.story()["met"] is True
    assert ex.story()["live"] == ("You added 5 to every logit: $\\sum_j e^{z_j}$ went from 61.99 to "
                                  f"{np.exp(7) + np.exp(9):,.4g} (× $e^{{5}}$), and p stayed "
                                  "[0.119, 0.881].")
    ex.set(logits=[7, 10])  # not a shift
    assert ex.story()["met"] is False

    ex.set(step="exaggerate", logits=[2, 4])
    assert ex.story()["met"] is False
    assert ex.story()["live"] == (
        "As numbers, z₂ = 4 is 2 times z₁ = 2; as probabilities, p₂ = 0.881 is **7.389 times** "
        "p₁ = 0.119: softmax turned a gap of 2 into a factor $e^{2}$. A factor of 100 needs a "
        "gap of $\\ln 100 \\approx 4.61$.")
    ex.set(logits=[5, 10])
    assert np.exp(5) >= GOAL_RATIO and ex.story()["met"] is True
    assert "**148.4 times**" in ex.story()["live"]
    ex.set(logits=[1, 5.5, 1])
    assert ex.story()["met"] is False  # e^4.5 = 90

    ex.set(step="examples", logits=[1, 2, 4])
    assert ex.story()["met"] is False
    ex.set(logits=[-1, 0, 1])
    assert ex.story()["met"] is True
    assert "3 logits, 1 negative: p = [0.090, 0.245, 0.665]" in ex.story()["live"]


def test_network_shape_goals_follow_the_numbers():
    ex = mlscope.explorable("network-shape", step="weights")
    assert ex.story()["met"] is False and "**4 weights**" in ex.story()["live"]
    ex.set(inputs=4, classes=3)
    assert ex.story()["met"] is True and "4 inputs × 3 outputs: 4 × 3 = **12 weights**" in \
        ex.story()["live"]
    ex.set(inputs=6, classes=6)
    assert ex.story()["met"] is False and "drops them" in ex.story()["live"]
    ex.set(step="numbers")
    assert ex.story()["met"] is False and "**42 numbers to learn**" in ex.story()["live"]
    ex.set(inputs=4, classes=4)
    assert ex.story()["met"] is True
    assert ex.story()["live"] == ("16 weights + 4 biases = $k\\,(n+1) = 4 \\times 5$ = "
                                  "**20 numbers to learn**.")
    ex.set(step="softmax")
    assert ex.story()["met"] is False and "all 4 terms" in ex.story()["live"]
    ex.set(classes=1)
    assert ex.story()["met"] is True and "= 1$ whatever the input" in ex.story()["live"]
