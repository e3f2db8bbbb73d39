"""The "How a network transforms data" explorable: it learns the article's data, t and the
other view settings never disturb training, and deeper networks walk every layer."""

from __future__ import annotations

import numpy as np
import pytest

from mlscope.core.views import Plot, Scene3D
from mlscope.data.seed_article import article
from mlscope.explorables.deep.transform import NetworkTransform


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
    assert "98" in views["about"].text or "99" in views["about"].text or "100" in views[
        "about"].text
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
