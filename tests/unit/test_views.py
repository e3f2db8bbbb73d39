"""View payload helpers: heatmap colour codes and the bounded History."""

import numpy as np
import pytest

from mlscope.core.colors import COLORMAPS
from mlscope.core.views import HeatmapLayer, History


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
