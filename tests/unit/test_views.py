"""View payload helpers: heatmap colour codes, the bounded History, dense network layers."""

import numpy as np
import pytest

from mlscope.core.colors import COLORMAPS
from mlscope.core.encoding import decode, encode
from mlscope.core.views import Dense, Edge, HeatmapLayer, History, Network, Node


def test_log_scale_codes():
    layer = HeatmapLayer(np.array([[1.0, 10.0, 100.0, 1000.0]]), (0, 1), (0, 1), vmin=1, vmax=1000,
                         scale="log", colormap="sequential")
    np.testing.assert_array_equal(layer.codes(), [[0, 85, 170, 255]])


def test_bad_heatmaps_are_refused():
    with pytest.raises(ValueError, match="colormap must be one of"):
        HeatmapLayer(np.zeros((2, 2)), (0, 1), (0, 1), 0, 1, colormap="rainbow")
    with pytest.raises(ValueError, match="2-D"):
        HeatmapLayer(np.zeros(4), (0, 1), (0, 1), 0, 1)


def test_colormaps_have_256_entries_and_the_right_ends():
    div = COLORMAPS["diverging"]
    assert div.shape == (256, 3)
    assert tuple(div[0]) == (0xF5, 0x93, 0x22) and tuple(div[-1]) == (0x08, 0x77, 0xBD)


def test_history_stays_bounded_and_covers_the_whole_run():
    h = History(capacity=100)
    for k in range(10_000):
        h.add(k, k * 2.0)
    assert 50 <= len(h) <= 100
    assert h.x[0] == 0 and h.x[-1] > 9_000
    assert np.all(np.diff(h.x) > 0)
    np.testing.assert_array_equal(h.y, h.x * 2)
    strides = np.diff(h.x)
    assert strides.min() == strides.max()  # evenly spaced


def test_history_keeps_everything_while_short():
    h = History(capacity=8)
    for k in range(8):
        h.add(k, k)
    assert list(h.x) == list(range(8))
    h.clear()
    assert len(h) == 0


def test_a_dense_layer_is_its_edges_and_travels_as_one_array():
    w = np.array([[0.5, -1.0, 2.0], [0.25, 0.0, -3.0]])
    d = Dense(["a", "b"], ["x", "y", "z"], w, name="1")
    net = Network("n", [Node(i, 0 if i in "ab" else 1, i) for i in "abxyz"],
                  [Edge("a", "b", 0.1)], [d])
    edges = net.all_edges()
    assert edges[0] == Edge("a", "b", 0.1)
    assert [(e.source, e.target, e.weight, e.id) for e in edges[1:]] == [
        ("a", "x", 0.5, "1:0:0"), ("a", "y", -1.0, "1:0:1"), ("a", "z", 2.0, "1:0:2"),
        ("b", "x", 0.25, "1:1:0"), ("b", "y", 0.0, "1:1:1"), ("b", "z", -3.0, "1:1:2")]
    sent = decode(encode({"v": net}))["v"]["dense"][0]
    assert sent["sources"] == ["a", "b"] and sent["name"] == "1"
    np.testing.assert_array_equal(sent["weights"], w.astype(np.float32))


def test_a_dense_layer_of_the_wrong_shape_is_refused():
    with pytest.raises(ValueError, match=r"shape \(2, 3\) \(sources, targets\); got \(3, 2\)"):
        Dense(["a", "b"], ["x", "y", "z"], np.zeros((3, 2)))
