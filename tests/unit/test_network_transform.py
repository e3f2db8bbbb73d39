"""The "How a network transforms data" explorable: it learns the article's data, t and the
other view settings never disturb training, and deeper networks walk every layer; the weight
limit that keeps the hidden picture readable, and the story's goals and live texts."""

from __future__ import annotations

import numpy as np
import pytest

from mlscope.core.colors import LABEL_COLORS, TRAIN
from mlscope.core.views import Plot, Scene3D
from mlscope.data.seed_article import article
from mlscope.explorables.deep.transform import (
    GOAL_ACCURACY,
    GOAL_RING,
    MAX_NORM,
    NetworkTransform,
)


def _accuracy(ex: NetworkTransform) -> float:
    return float(np.mean((ex.net.forward(ex.x)[:, 0] >= 0.5) == ex.y))


def test_the_article_data_is_learnt_and_shown():
    ex = NetworkTransform()
    np.testing.assert_array_equal(ex.x, article()[0])
    first = ex.history.y[0]
    for _ in range(300):
        ex.step()
    assert _accuracy(ex) >= 0.95
    assert ex.history.y[-1] < first / 4
    views = ex.frame()
    assert isinstance(views["hidden"], Plot)
    assert f"classifies {_accuracy(ex):.1%} of the 200 points" in views["about"].text
    # the views show the trained network, not a stale one
    np.testing.assert_allclose(ex.transformation.hidden_activations(0),
                               ex.net.forward_all(ex.x)[1])


def test_view_settings_keep_the_training():
    ex = NetworkTransform()
    for _ in range(20):
        ex.step()
    w = ex.net.weights[0].copy()
    ex.set(t=0.3, angle=90.0, spin=True, learning_rate=0.2)
    assert ex.epoch == 20 and ex.optimiser.lr == 0.2
    np.testing.assert_array_equal(ex.net.weights[0], w)
    ex.set(neurons=3, dataset="ring")
    assert ex.epoch == 0
    assert isinstance(ex.frame()["hidden"], Scene3D)


def test_animate_moves_t_and_does_not_train():
    ex = NetworkTransform(play_mode="animate", t=0.0)
    for _ in range(5):
        ex.step()
    assert ex.p.t == pytest.approx(0.1) and ex.epoch == 0
    ex.set(t=1.0)
    ex.step()
    assert ex.p.t == 0.0  # wraps round to the input plane


def test_deeper_networks_walk_every_layer():
    ex = NetworkTransform(layers=3, neurons=2, layer=3, activation="tanh")
    assert len(ex.transformation.path(2)) == 7  # input, then z and a of each layer
    ex.set(layer=4)  # more than the network has: the last is shown, and the text says so
    assert "showing the last" in ex.frame()["about"].text


def test_the_tween_goes_out_once_the_weights_hold_still():
    """While training, every frame would resend the whole path along t: it goes with the
    first frame after the weights stop changing, and stays."""
    ex = NetworkTransform()
    ex.frame()
    ex.step()
    assert ex.frame()["hidden"].tween is None  # weights changed since the last frame
    assert ex.frame()["hidden"].tween is not None
    ex.set(t=0.4)
    assert ex.frame()["hidden"].tween is not None


def test_the_weight_limit_keeps_the_hidden_picture_off_the_edges():
    """Unlimited, the sigmoids grow steep and about 80 % of the activations sit within 0.02 of
    0 or 1 (points piled on the square's edges); the default limit keeps each neuron's weights
    at most MAX_NORM long, classifies as well, and leaves most activations inside."""
    limited, free = NetworkTransform(), NetworkTransform(max_norm=0.0)
    for _ in range(300):
        limited.step()
        free.step()

    def edge_share(ex: NetworkTransform) -> float:
        a = ex.net.forward_all(ex.x)[1]
        return float(np.mean((a < 0.02) | (a > 0.98)))

    assert np.linalg.norm(limited.net.weights[0], axis=0).max() <= MAX_NORM + 1e-9
    assert np.linalg.norm(free.net.weights[0], axis=0).max() > 2 * MAX_NORM
    assert edge_share(free) > 0.7 and edge_share(limited) < 0.4
    assert limited.accuracy() >= GOAL_ACCURACY
    limited.set(max_norm=5.0)  # a training setting: the training goes on
    assert limited.epoch == 300


def test_the_story_goals_follow_accuracy_and_t():
    ex = NetworkTransform()
    s = ex.story()
    assert s["step"] == "data" and s["met"] is False and "Press Train 100 epochs" in s["live"]
    reached = None
    for _ in range(150):
        ex.step()
        s = ex.story()
        assert s["met"] == (ex.accuracy() >= GOAL_ACCURACY)
        assert f"**{ex.accuracy():.1%}** of the 200 points" in s["live"]
        reached = reached or (ex.epoch if s["met"] else None)
    assert reached is not None and reached <= 100  # one press of "Train 100 epochs"
    ex.set(step="move")
    assert ex.p.t == 1.0 and ex.story()["met"] is False
    for t, met, says in [(0.3, False, "linear map"), (0.5, True, "the weighted sums"),
                         (0.53, False, "sigmoid squeezes"), (0.0, False, "input plane")]:
        ex.set(t=t)
        assert ex.story()["met"] is met and says in ex.story()["live"]
    ex.set(step="separate")
    assert ex.story()["met"] is False and "move on to t = 1" in ex.story()["live"]
    ex.set(t=1.0)
    assert ex.story()["met"] is True
    assert f"puts {ex.accuracy():.1%} of the points" in ex.story()["live"]
    ex.act("reset")  # an untrained network: the line separates nothing yet
    assert ex.story()["met"] is False and "train it first" in ex.story()["live"]


def test_the_cube_goal_needs_the_ring_three_neurons_and_training():
    ex = NetworkTransform(step="cube")
    assert ex.story()["met"] is False and "Choose the **ring**" in ex.story()["live"]
    ex.set(dataset="ring")
    ex.act("train100")
    assert ex.story()["met"] is False  # two neurons cannot cut a ring out of the plane
    assert ex.accuracy() < GOAL_RING
    ex.set(neurons=3)
    for _ in range(3):
        ex.act("train100")
    assert ex.accuracy() >= GOAL_RING and ex.story()["met"] is True
    assert isinstance(ex.frame()["hidden"], Scene3D)
    ex.set(step="surface")
    p = ex.net.forward(ex.x)[:, 0]
    sure = float(np.mean((p < 0.1) | (p > 0.9)))
    assert ex.story()["met"] is None and f"{sure:.0%} of the points" in ex.story()["live"]


def test_plain_words_and_colours_that_mean_one_thing():
    ex = NetworkTransform()
    ex.step()
    f = ex.frame()
    assert f["about"].text.startswith("A network with 2 inputs, a hidden layer of 2 sigmoid "
                                      "neurons and one sigmoid output. At t = 1.00")
    assert "mlscope MLP" not in f["about"].text
    assert NetworkTransform(layers=2, neurons=3, activation="relu").describe_network() == \
        "A network with 2 inputs, 2 hidden layers of 3 ReLU neurons each and one sigmoid output"
    assert [s.color for s in f["loss"].series] == [TRAIN]
    assert f"{ex.history.y[-1]:.3f}" in f["loss"].title
    surface = f["surface"].layers[0]
    assert surface.kind == "surface3d" and surface.color not in LABEL_COLORS


def test_a_link_replays_the_training_to_the_same_network():
    import mlscope

    ex = mlscope.explorable("network-transform")
    ex.act("train100")
    for _ in range(7):
        ex.step()
    assert ex.values["epochs"] == ex.epoch == 107
    again = mlscope.explorable("network-transform", **ex.values)  # what a link opens
    assert again.epoch == 107
    for a, b in zip(ex.net.weights, again.net.weights, strict=True):
        np.testing.assert_array_equal(a, b)
    ex.set(epochs=40)  # back: a replay from the seed
    assert ex.epoch == 40 and ex.values["epochs"] == 40
    ex.set(dataset="ring")  # new data: training starts again
    assert ex.epoch == 0 and ex.values["epochs"] == 0
    ex.act("train100")
    ex.act("reset")
    assert ex.epoch == 0 and ex.values["epochs"] == 0
