"""Mean, median, mode and skew: the numbers against numpy and scipy, the modal bin against a
histogram, the outlier's pull on the mean and not on the median, clicks that add and
remove values, and the story's goals."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from mlscope.core.params import ParamError
from mlscope.explorables.maths.center import (
    BIN,
    DATASETS,
    OUTLIER,
    Center,
    dataset,
    modes,
    stack_heights,
)


@pytest.mark.parametrize("name", DATASETS)
def test_the_numbers_are_numpys_and_scipys(name):
    ex = Center(dataset=name, step="free")
    x = np.array(dataset(name))
    rows = ex.frame()["numbers"].rows
    assert rows[0][1] == f"{x.mean():.2f}" and rows[1][1] == f"{np.median(x):g}"
    assert rows[3][1] == f"{x.std(ddof=1):.2f}" and rows[4][1] == f"{stats.skew(x):.2f}"
    counts, edges = np.histogram(x, np.arange(0, 100 + BIN, BIN))
    fullest = [(edges[k] + edges[k + 1]) / 2 for k in np.flatnonzero(counts == counts.max())]
    assert modes(x) == pytest.approx(fullest)


def test_skewed_data_order_their_centres_and_the_sign_of_the_skewness():
    right = np.array(dataset("right_skewed"))
    left = np.array(dataset("left_skewed"))
    assert modes(right)[0] < np.median(right) < right.mean() and stats.skew(right) > 0
    assert modes(left)[0] > np.median(left) > left.mean() and stats.skew(left) < 0
    assert len(modes(np.array(dataset("bimodal")))) == 2


def test_the_dot_plot_stacks_each_bins_values():
    h = stack_heights(np.array([1.0, 2.0, 3.0, 7.0, 12.0, 13.0]))
    assert h.tolist() == [0, 1, 2, 0, 0, 1]


def test_an_outlier_pulls_the_mean_and_barely_the_median():
    ex = Center(step="free")
    mean, median = ex.x.mean(), np.median(ex.x)
    ex.act("outlier")
    n = len(ex.x)
    assert ex.x.mean() == pytest.approx((mean * (n - 1) + OUTLIER) / n)
    assert abs(np.median(ex.x) - median) <= 1


def test_clicks_add_and_remove_values():
    ex = Center(step="free")
    n = len(ex.x)
    ex.act("click", {"x": 12.3, "y": 0.0})
    assert len(ex.x) == n + 1 and ex.x[-1] == 12.0
    ex.act("click", {"x": 12.9, "y": 0.0, "shift": True})  # the nearest: the one just added
    assert len(ex.x) == n and 12.0 not in ex.x.tolist()
    with pytest.raises(ParamError) as err:
        ex.act("click", "here")
    assert err.value.field == "click"
    with pytest.raises(ParamError) as err:
        ex.set(points=[(150.0, 0.0, 0)])
    assert err.value.field == "points"


def test_the_story_goals():
    ex = Center()
    assert not ex.story()["met"]
    pts = list(ex.p.points)
    ex.set(points=[(99.0, 0.0, 0)] * 5 + pts[5:])  # five values dragged to the far right
    assert ex.x.mean() - np.median(ex.x) > 5 and ex.story()["met"]
    ex.set(step="outlier")
    assert not ex.story()["met"]
    ex.act("outlier")
    assert ex.story()["met"]
    ex.set(step="skew")
    assert ex.p.dataset == "right_skewed" and not ex.story()["met"]
    ex.set(dataset="left_skewed")
    assert ex.story()["met"]
