"""The playground explorable: data recipes, parameters, actions and what the frame shows,
checked against the network's own numbers; its story's goals and live texts."""

import itertools

import numpy as np
import pytest

import mlscope
from mlscope import catalog
from mlscope.core.colors import HELD_OUT, LABEL_COLORS, TRAIN
from mlscope.core.encoding import decode, encode
from mlscope.core.params import ParamError
from mlscope.core.session import Session
from mlscope.data import csv_points, plane
from mlscope.explorables.deep.playground import (
    GOAL_CIRCLE,
    GOAL_REG,
    GOAL_SPIRAL,
    OVERFIT_EPOCHS,
    OVERFIT_MARGIN,
    REG_EPOCHS,
    RISE,
    RISE_WINDOW,
    RISES,
    Playground,
)
from mlscope.explorables.deep.playground_views import GRID, THUMB
from mlscope.nn.functional import softmax


def test_two_class_recipes_follow_tensorflow_playground():
    x, t = plane.generate("circle", 500, 0.0, 2, seed=1)
    r = np.hypot(x[:, 0], x[:, 1])
    assert np.all(r[t == 0] <= 2.5) and np.all(r[t == 1] >= 3.5) and np.all(r <= 5)
    assert (t == 0).sum() == 250
    x, t = plane.generate("xor", 500, 0.0, 2, seed=1)
    assert np.all((x[:, 0] * x[:, 1] >= 0) == (t == 0)) and np.abs(x).min() >= 0.3
    x, t = plane.generate("gauss", 2000, 0.0, 2, seed=1)
    np.testing.assert_allclose(x[t == 0].mean(axis=0), [2, 2], atol=0.1)
    np.testing.assert_allclose(x[t == 0].var(axis=0), [0.5, 0.5], rtol=0.15)
    x, y = plane.generate("plane", 1200, 0.0, 2, seed=1)
    np.testing.assert_allclose(y, (x[:, 0] + x[:, 1]) / 10)
    x, y = plane.generate("gaussians", 1200, 0.0, 2, seed=1)
    assert y.min() >= -1 and y.max() <= 1 and np.abs(x).max() <= 6


def test_more_classes_and_the_split():
    for name in ("circle", "gauss", "spiral"):
        _, t = plane.generate(name, 500, 0.1, 5, seed=0)
        assert set(np.unique(t)) == {0, 1, 2, 3, 4}
    a, b = plane.is_train(100, 0.5), plane.is_train(101, 0.5)
    np.testing.assert_array_equal(a, b[:100])  # appending a point moves no other point
    assert abs(a.mean() - 0.5) <= 0.02


def test_the_default_reaches_the_target_loss_through_the_explorable():
    losses = []
    for seed in range(3):
        ex = Playground(seed=seed)
        for _ in range(300):
            ex.step()
        losses.append(ex.losses()[1])
    assert np.median(losses) <= 0.01


def test_cross_field_rules_name_the_field():
    with pytest.raises(ParamError, match="classes must be at most 4 for xor; got 5") as e:
        Playground(dataset="xor", classes=5)
    assert e.value.field == "classes"
    with pytest.raises(ParamError, match="at least one input feature"):
        Playground(features=())
    with pytest.raises(ParamError, match=r"hidden\[1\] must be a whole number in \[1, 32\]"):
        Playground(hidden="4,40")
    ex = Playground()
    with pytest.raises(ParamError):
        ex.set(dataset="xor", classes=5)
    assert ex.p.dataset == "circle" and ex.p.classes == 2  # all or nothing


def test_live_settings_keep_the_weights_and_structure_changes_reset():
    ex = Playground()
    for _ in range(5):
        ex.step()
    w = ex.net.weights[0].copy()
    ex.set(learning_rate=0.1, reg_rate="0.01", regularisation="l2", batch_size=5, dropout=0.1)
    np.testing.assert_array_equal(ex.net.weights[0], w)
    assert ex.epoch == 5 and ex.trainer.optimiser.lr == 0.1 and ex.trainer.reg_rate == 0.01
    ex.set(hidden=(3,))
    assert ex.epoch == 0 and ex.net.sizes == [2, 3, 1]
    ex.set(layer_activations=("relu",), activation="sigmoid")
    assert [a.name for a in ex.net.activations] == ["relu", "tanh"]


def test_output_heatmap_is_the_network_over_the_grid():
    ex = Playground(dataset="xor", hidden=(3,))
    for _ in range(20):
        ex.step()
    heat = ex.frame()["output"].layers[0]
    i, j = 17, 63  # row i is y, column j is x
    x = -6 + 12 * j / (GRID - 1)
    y = -6 + 12 * i / (GRID - 1)
    want = ex.net.forward(ex.features_of(np.array([[x, y]])))[0, 0]
    assert heat.values[i, j] == pytest.approx(want, abs=1e-5)


def test_neuron_thumbnails_and_hover_show_that_neuron():
    ex = Playground(hidden=(4,), features=("x1", "x2", "x1sq"))
    net = ex.net
    nodes = {n.id: n for n in ex.frame()["network"].nodes}
    h = np.tanh(ex.grid_features @ net.weights[0] + net.biases[0])[:, 2].reshape(GRID, GRID)
    step = GRID // THUMB
    sample = h[step // 2::step, step // 2::step]
    want = np.rint(np.clip((sample + 1) / 2, 0, 1) * 255)
    np.testing.assert_allclose(nodes["1:2"].heatmap, want, atol=1)
    assert not nodes["off:x2sq"].active and nodes["0:2"].toggle == "x1sq"
    ex.set(focus=(1, 2))
    out = ex.frame()["output"]
    assert out.title.startswith("Neuron 1.3")
    np.testing.assert_allclose(out.layers[0].values[::step, ::step],
                               np.rint(np.clip((h[::step, ::step] + 1) / 2, 0, 1) * 255), atol=1)
    assert "focus" not in ex.url_query()
    # every neuron carries its bias for the tile's mark; inputs have none
    for _ in range(20):
        ex.step()
    nodes = {n.id: n for n in ex.frame()["network"].nodes}
    assert nodes["1:2"].bias == float(ex.net.biases[0][2]) != 0.1
    assert nodes["2:0"].bias == float(ex.net.biases[1][0])
    assert nodes["0:0"].bias is None and nodes["off:x2sq"].bias is None


def test_set_weight_edits_one_weight_and_bad_input_names_the_field():
    ex = Playground()
    ex.act("set_weight", {"id": "1:2:0", "value": "2.5"})
    assert ex.net.weights[1][2, 0] == 2.5
    edge = next(e for e in ex.frame()["network"].all_edges() if e.id == "1:2:0")
    assert edge.weight == 2.5
    with pytest.raises(ParamError, match="no weight '9:0:0'"):
        ex.act("set_weight", {"id": "9:0:0", "value": 1})
    with pytest.raises(ParamError, match=r"a weight must be a number in \[-100, 100\]"):
        ex.act("set_weight", {"id": "0:0:0", "value": "abc"})


def test_clicks_add_and_remove_points_and_keep_training():
    ex = Playground()
    for _ in range(3):
        ex.step()
    n = len(ex.points)
    ex.set(brush=1)
    ex.act("add_point", {"x": 0.5, "y": 0.25})
    assert ex.p.dataset == "custom" and len(ex.points) == n + 1 and ex.epoch == 3
    assert ex.p.data[-1] == (0.5, 0.25, 1.0)
    ex.act("add_point", {"x": 0.52, "y": 0.26, "shift": True})
    assert len(ex.points) == n and (0.5, 0.25, 1.0) not in ex.p.data
    with pytest.raises(ParamError, match="no point near enough"):
        ex.act("add_point", {"x": 5.9, "y": -5.9, "shift": True})
    with pytest.raises(ParamError, match="add_point needs"):
        ex.act("add_point", {"x": "left"})
    restored = Playground(**{k: v for k, v in ex.url_query().items()})
    np.testing.assert_array_equal(restored.points, ex.points)


GOOD_CSV = "x1,x2,label\n1,2,1\n-1,-2,-1\n0.5,0.5,1\n3,-1,-1\n"


def test_csv_upload_good_and_bad():
    ex = Playground()
    ex.act("upload_csv", GOOD_CSV)
    assert ex.p.dataset == "custom" and ex.p.data[0] == (1.0, 2.0, 0.0)  # +1 is class 0
    assert ex.p.data[1] == (-1.0, -2.0, 1.0) and len(ex.points) == 4
    before = ex.p.data
    for text, msg in [("x1,x2,label\n1,2,0\n1,oops,1\n", "line 3: x2 must be a number"),
                      ("1,2\n", "line 1: expected 3 columns"),
                      ("", "the file is empty")]:
        with pytest.raises(ParamError, match=msg):
            ex.act("upload_csv", text)
        assert ex.p.data == before
    ex.act("upload_csv", "a,b,v\n100,200,0.25\n300,400,-1.5\n")
    assert ex.p.dataset == "custom_reg" and ex.task == "regression"
    assert ex.x_range[0] < 100 and ex.x_range[1] > 300  # your units, padded
    assert csv_points.parse_csv("1,2,3\n").task == "classification"
    # whole numbers that are not classes 0 to 4 are values: 0/10/20, ratings 1 to 5
    assert csv_points.parse_csv("1,2,7\n1,1,0\n").task == "regression"
    assert csv_points.parse_csv("1,2,5\n1,1,1\n2,2,3\n").task == "regression"


def test_multiclass_uses_softmax_and_the_confusion_matrix_adds_up():
    ex = Playground(dataset="gauss", classes=4, hidden=(6,), optimiser="adam")
    assert ex.softmax and ex.net.sizes[-1] == 4 and ex.loss.name == "softmax_ce"
    for _ in range(30):
        ex.step()
    f = ex.frame()
    assert f["output"].layers[0].colormap == "classes"
    counts = np.array([[int(c) for c in r[1:]] for r in f["confusion"].rows])
    assert counts.sum() == (~ex.is_train).sum()
    p = softmax(ex.net.forward(ex.x_test))
    accuracy = np.mean(np.argmax(p, axis=1) == ex.targets_raw[~ex.is_train])
    assert f["metrics"].rows[1][2] == f"{100 * accuracy:.1f} %"
    assert np.trace(counts) / counts.sum() == pytest.approx(accuracy)


def test_regression_trains_and_switching_kind_swaps_the_default_points():
    ex = Playground(dataset="plane", hidden=(2,))
    assert ex.p.points == 500  # explicit construction keeps the user's value
    ex.set(dataset="circle")
    ex.set(dataset="gaussians")
    assert ex.p.points == 1200 and ex.task == "regression" and ex.net.sizes[-1] == 1
    first = ex.losses()[0]
    for _ in range(20):
        ex.step()
    assert ex.losses()[0] < first
    assert ex.frame()["confusion"].kind == "text"
    pts = ex.frame()["output"].layers[1]  # training points coloured by their value
    t = ex.targets_raw[ex.is_train]
    np.testing.assert_array_equal(pts.codes, np.rint((np.clip(t, -1, 1) + 1) / 2 * 255))
    assert pts.labels is None


def test_stop_after_epochs_pauses_the_session():
    s = Session(catalog.get("playground")(stop_epochs=7))
    s.receive({"type": "hello", "params": {"stop_epochs": 7}})
    s.receive({"type": "speed", "id": 1, "value": 5})
    s.receive({"type": "action", "id": 2, "name": "play"})
    for _ in range(5):
        s.receive({"type": "ack", "seq": s.seq})
    assert s.explorable.epoch == 7 and not s.playing


def test_session_keeps_frames_within_the_step_budget():
    s = Session(catalog.get("playground")(hidden=(8,) * 6))
    known: dict = {}
    frames = [decode(b, known) for b in s.receive({"type": "hello", "params": {}})]
    s.receive({"type": "speed", "id": 1, "value": 1000})
    s.receive({"type": "action", "id": 2, "name": "play"})
    for _ in range(2):
        frames += [decode(b, known) for b in s.receive({"type": "ack", "seq": s.seq})]
    assert "params" in frames[0]
    assert 1 <= frames[-1]["steps"] < 1000 and frames[-1]["playing"]
    assert "params" not in frames[-1]  # parameters travel only when they changed


def test_the_playground_is_in_the_catalogue():
    assert isinstance(mlscope.explorable("playground"), Playground)


def test_card_and_histograms_show_the_networks_own_numbers():
    ex = Playground(hidden=(3, 2), seed=4)
    for _ in range(5):
        ex.step()
    ex.set(focus=(1, 1))
    nodes = {n.id: n for n in ex.frame()["network"].nodes}
    card = nodes["1:1"].card
    assert nodes["1:0"].card == ""  # only the hovered neuron's card travels
    w, b = ex.net.weights[0][:, 1], ex.net.biases[0][1]
    assert f"weights in: {w[0]:.3g}".replace("-", "−") in card
    assert f"bias b = {b:.3g}".replace("-", "−") in card
    h = np.tanh(ex.grid_features @ ex.net.weights[0] + ex.net.biases[0])[:, 1]
    assert f"{h.min():.3g} to {h.max():.3g}".replace("-", "−") in card
    hist = ex.frame()["activations"]
    hidden1 = np.tanh(ex.x_train @ ex.net.weights[0] + ex.net.biases[0]).ravel()
    # Layer 1's band: a step outline x = e0, e0, e1, e1, ..., e30, e30; y = its baseline, each
    # bin's share twice (on the scale all layers share), the baseline again.
    line = hist.layers[0]
    bins = line.x[0::2]
    assert len(bins) == 31 and hist.y_ticks[0] == (1.0, "1")
    counts, _ = np.histogram(hidden1, bins=bins)
    heights = line.y[1:-1:2] - line.y[0]
    np.testing.assert_allclose(heights / heights.max(), counts / counts.max(), atol=1e-6)
    assert line.y[0] == line.y[-1] == pytest.approx(0.55)


def test_histogram_axes_stay_put_while_the_data_fit_and_follow_when_they_leave():
    ex = Playground(hidden=(8, 8, 8), features=("x1", "x2", "x1sq", "x2sq"), seed=1)
    ranges = []
    for _ in range(60):
        ex.step()
        g = ex.frame()["gradients"]
        ranges.append(g.x_range)
        logs = np.concatenate([line.x for line in g.layers])
        assert g.x_range[0] <= logs.min() and logs.max() <= g.x_range[1]  # every bin shown
    changes = sum(a != b for a, b in itertools.pairwise(ranges))
    assert changes <= 10, ranges  # without the steady ranges: about every third frame
    ex.set(learning_rate=3.0)  # gradients grow: the axis must follow at once
    for _ in range(3):
        ex.step()
    g = ex.frame()["gradients"]
    top = max(float(np.max(line.x)) for line in g.layers)
    assert top <= g.x_range[1]


# --- the story: each goal flips when its number crosses, the live text shows that number ---

def _story(ex: Playground) -> dict:
    s = ex.story()
    assert s is not None
    return s


def test_the_first_goals_follow_the_test_loss_and_the_hovered_neuron():
    ex = Playground()  # the story starts at its first step, on the circle
    assert ex.p.step == "train" and _story(ex)["met"] is False
    assert "Press Play" in _story(ex)["live"]
    reached = None
    for _ in range(200):
        ex.step()
        test = ex.losses()[1]
        s = _story(ex)
        assert s["met"] == (test < GOAL_CIRCLE)
        assert f"test loss **{test:.3f}**" in s["live"]
        if s["met"] and reached is None:
            reached = ex.epoch
    assert reached is not None and reached <= 150  # seconds of Play at one epoch per frame
    ex.set(step="neurons")
    assert _story(ex)["met"] is False and "Hover a neuron" in _story(ex)["live"]
    ex.set(focus=(1, 2))
    w, b = ex.net.weights[0][:, 2], ex.net.biases[0][2]
    s = _story(ex)
    assert s["met"] is True and "Neuron 1.3 computes $\\tanh(" in s["live"]
    assert f"{abs(w[0]):.2f}\\,X_1" in s["live"] and f"{abs(b):.2f})$" in s["live"]
    ex.set(focus=(2, 0))
    assert _story(ex)["met"] is False and "Neuron 2.1 sees the pictures of layer 1" in \
        _story(ex)["live"]


def test_the_spiral_needs_better_inputs_to_reach_its_goal():
    ex = Playground(step="spiral")
    assert _story(ex)["met"] is False and "Choose **Spiral**" in _story(ex)["live"]
    ex.set(dataset="spiral")
    for _ in range(300):
        ex.step()
    assert ex.losses()[1] > 0.3 and _story(ex)["met"] is False  # 4, 2 on X1, X2: stuck
    assert "cannot follow the arms" in _story(ex)["live"]
    ex.set(features=("x1", "x2", "sin_x1", "sin_x2"), hidden=(8, 8))
    reached = None
    for _ in range(250):
        ex.step()
        met = _story(ex)["met"]
        assert met == (ex.losses()[1] < GOAL_SPIRAL)
        reached = reached or (ex.epoch if met else None)
    assert reached is not None and reached <= 150


def test_a_learning_rate_too_high_is_caught_when_the_loss_rises():
    ex = Playground(step="rate")
    train = [ex.losses()[0]]
    for _ in range(150):  # the default rate: the loss never rises three times in ten epochs
        ex.step()
        train.append(ex.losses()[0])
        assert ex.loss_rises() < RISES and _story(ex)["met"] is False
    ex.set(learning_rate=1.0)
    caught = None
    for _ in range(40):
        ex.step()
        train.append(ex.losses()[0])
        window = train[-RISE_WINDOW - 1:]
        rises = sum(b > RISE * a for a, b in itertools.pairwise(window))
        assert ex.loss_rises() == rises
        s = _story(ex)
        assert s["met"] == (rises >= RISES)
        assert (f"went **up** in {rises} of the last {RISE_WINDOW} epochs" in s["live"]) == \
            (rises >= RISES)
        caught = caught or (ex.epoch if s["met"] else None)
    assert caught is not None and caught <= 160


NOISY_CIRCLE = {"noise": 50, "train_share": 10, "features": tuple(plane.FEATURES),
                "hidden": (8, 8)}


def test_the_overfitting_callout_appears_exactly_when_the_test_loss_has_risen_long_enough():
    ex = Playground(step="overfit", **NOISY_CIRCLE)
    train, test = [ex.losses()[0]], [ex.losses()[1]]
    first = None
    for _ in range(200):
        ex.step()
        tr, te = ex.losses()
        train.append(tr)
        test.append(te)
        best = int(np.argmin(test))  # the first lowest, as the explorable keeps it
        rising = ex.epoch - best if te >= OVERFIT_MARGIN * test[best] and tr < train[best] \
            else 0
        s = _story(ex)
        assert ex.overfit_epochs() == rising
        assert ("**Overfitting:**" in s["live"]) == (rising >= OVERFIT_EPOCHS) == s["met"]
        if s["met"] and first is None:
            first = ex.epoch
            assert f"lowest at epoch {best:,} ({test[best]:.3f})" in s["live"]
            assert f"has risen for {rising} epochs, to {te:.3f}" in s["live"]
    assert first is not None and first <= 150


def test_regularisation_reaches_its_goal_and_no_regularisation_does_not():
    ex = Playground(step="regularise", regularisation="l2", reg_rate="0.1", **NOISY_CIRCLE)
    assert "L2 at 0.1" in _story(ex)["live"]
    for _ in range(REG_EPOCHS - 1):
        ex.step()
    assert _story(ex)["met"] is False  # not yet 300 epochs
    ex.step()
    test, best = ex.losses()[1], ex.best_test[0]
    assert test < GOAL_REG and test <= OVERFIT_MARGIN * best
    assert _story(ex)["met"] is True and f"test loss **{test:.3f}**" in _story(ex)["live"]
    plain = Playground(step="regularise", **NOISY_CIRCLE)
    assert "Choose L2" in _story(plain)["live"]
    plain.set(regularisation="l2")  # a method without a rate is no penalty yet
    for _ in range(REG_EPOCHS):
        plain.step()
    assert _story(plain)["met"] is False and plain.overfit_epochs() >= OVERFIT_EPOCHS


def test_loss_colours_mean_training_and_test_and_the_title_shows_both():
    ex = Playground(hidden=(4, 3, 2), seed=2)
    for _ in range(3):
        ex.step()
    f = ex.frame()
    train, test = ex.losses()
    chart = f["loss"]
    assert chart.title == f"Loss: training {train:.4f} · test {test:.4f}"
    assert [(s.name, s.color) for s in chart.series] == [("training", TRAIN), ("test", HELD_OUT)]
    # one band per layer, named by the y axis: one neutral colour, never a class's
    for view in (f["activations"], f["gradients"]):
        colours = {layer.color for layer in view.layers}
        assert len(colours) == 1 and not colours & set(LABEL_COLORS[:5])
        assert view.y_ticks[0][1] == "1"


def test_the_data_sets_come_with_pictures_for_their_control():
    previews = Playground.describe()["previews"]["dataset"]
    assert set(previews) == {"circle", "xor", "gauss", "spiral", "plane", "gaussians"}
    for name, pts in previews.items():
        a = np.array(pts)
        assert a.shape == (100, 3) and np.abs(a[:, :2]).max() <= 6.5, name
        if name in ("plane", "gaussians"):
            assert np.abs(a[:, 2]).max() == pytest.approx(1.0, abs=0.01)  # values on [-1, 1]
        else:
            assert set(a[:, 2]) == {0.0, 1.0}  # two classes
    assert Playground.describe()["previews"].keys() == {"dataset"}


def test_frame_of_builds_only_the_shown_views_and_the_same_ones():
    ex = Playground(hidden=(3, 2), seed=2, step="free")
    for _ in range(4):
        ex.step()
    whole = ex.frame()
    part = ex.frame_of(["output", "loss", "no-such-view"])
    assert sorted(part) == ["loss", "output"]
    for name in part:
        a, b = encode({"v": whole[name]}), encode({"v": part[name]})
        assert a == b, name


def test_the_cached_outputs_follow_every_change_of_weights_and_data():
    """Losses, accuracy and histograms read one forward pass per state: a step, a weight
    typed in, new data each make a new one (never yesterday's numbers)."""
    ex = Playground(seed=3)
    def fresh() -> tuple[float, float]:
        return (ex.loss.value(ex.net.forward(ex.x_train), ex.y_train),
                ex.loss.value(ex.net.forward(ex.x_test), ex.y_test))
    assert ex.losses() == pytest.approx(fresh())
    ex.step()
    assert ex.losses() == pytest.approx(fresh())
    ex.act("set_weight", {"id": "0:0:0", "value": 3.0})
    assert ex.losses() == pytest.approx(fresh())
    ex.set(train_share=30)
    assert len(ex.outputs()[0][0]) == len(ex.x_train)
    assert ex.losses() == pytest.approx(fresh())
    acts, out_test = ex.outputs()
    np.testing.assert_allclose(out_test, ex.net.forward(ex.x_test))
    np.testing.assert_allclose(acts[1], np.tanh(ex.x_train @ ex.net.weights[0] +
                                                ex.net.biases[0]))


def test_histogram_counts_agree_with_numpy():
    from mlscope.explorables.deep.playground_views import _counts
    rng = np.random.default_rng(0)
    for _ in range(500):
        lo, hi = -2.0 ** rng.integers(-1, 4), 2.0 ** rng.integers(-1, 4)
        edges = np.linspace(lo, hi, 31)
        # values on every edge too, where rounding could put a value a bin off
        v = np.r_[rng.uniform(lo, hi, rng.integers(1, 300)), edges]
        np.testing.assert_array_equal(_counts(v, edges), np.histogram(v, bins=edges)[0])
