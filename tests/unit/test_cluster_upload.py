"""Your own points on the clustering pages: a CSV of x, y (and a group) is read whole or not
at all, scaled into the plane with one scale for both columns, and clustered like any data
set; every problem names the line and the column."""

from __future__ import annotations

import numpy as np
import pytest

from mlscope.core.params import ParamError
from mlscope.data.csv_points import parse_unlabelled
from mlscope.explorables.classic.dbscan import DBSCAN
from mlscope.explorables.classic.hierarchical import Hierarchical
from mlscope.explorables.classic.kmeans import KMeans

GOOD = "height,weight,species\n150,50,0\n152,52,0\n190,90,1\n188,91,1\n151,51,0\n189,89,1\n"


def test_one_scale_for_both_columns_centred_in_the_plane():
    got = parse_unlabelled(GOOD)
    pts = np.array([p[:2] for p in got.points])
    raw = np.array([[150, 50], [152, 52], [190, 90], [188, 91], [151, 51], [189, 89]], float)
    assert got.groups and [p[2] for p in got.points] == [0, 0, 1, 1, 0, 1]
    # distances keep their proportions: one factor for x and y
    d_raw = np.hypot(*(raw[0] - raw[2])) / np.hypot(*(raw[0] - raw[1]))
    d_pts = np.hypot(*(pts[0] - pts[2])) / np.hypot(*(pts[0] - pts[1]))
    assert d_pts == pytest.approx(d_raw)
    assert np.abs(pts).max() == pytest.approx(5.5) and got.scale == pytest.approx(11 / 41)
    assert not parse_unlabelled("0,0\n1,1\n").groups


@pytest.mark.parametrize("text, message", [
    ("", "the file is empty"),
    ("x,y\n", "a header but no rows"),
    ("1,2,3,4\n", "expected 2 columns \\(x, y\\) or 3"),
    ("1,2\n3\n", "line 2: expected 2 columns like the first row; got 1"),
    ("1,2\n3,abc\n", "line 2: y must be a number; got 'abc'"),
    ("1,2\n3,nan\n", "line 2: y must be a finite number"),
    ("1,2,0\n3,4,1.5\n", "line 2: a group must be a whole number from 0 to 11"),
])
def test_a_bad_file_names_the_line_and_column(text, message):
    with pytest.raises(ParamError, match=message) as e:
        parse_unlabelled(text)
    assert e.value.field == "data"


@pytest.mark.parametrize("cls", [KMeans, DBSCAN, Hierarchical])
def test_each_clustering_page_takes_a_file_and_keeps_its_points_on_a_bad_one(cls):
    ex = cls(step="free")
    ex.act("upload_csv", GOOD)
    assert len(ex.points) == 6 and ex.grouped() and list(ex.groups) == [0, 0, 1, 1, 0, 1]
    before = ex.points.copy()
    with pytest.raises(ParamError, match="line 3"):
        ex.act("upload_csv", "1,2\n3,4\nx,5\n")
    np.testing.assert_array_equal(ex.points, before)
    ex.act("run")
    assert ex.finished
    ex.act("add_point", {"x": 0.0, "y": 0.0})  # a click keeps the file's groups
    assert list(ex.groups) == [0, 0, 1, 1, 0, 1, 0]


def test_the_uploaded_groups_are_what_the_clusters_are_compared_with():
    ex = DBSCAN(step="free", eps=1.0, min_pts=2)
    ex.act("upload_csv", GOOD)
    ex.act("run")
    assert ex.growth.n_clusters == 2 and ex.agreement() == pytest.approx(1.0)
    ex = KMeans(step="free", k=2)
    ex.act("upload_csv", GOOD)
    ex.act("run")
    assert ex.agreement() == pytest.approx(1.0)
