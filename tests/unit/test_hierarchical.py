"""Hierarchical clustering: the merges replayed from SciPy's linkage, the cut as fcluster
gives it and as scikit-learn's AgglomerativeClustering finds it, the dendrogram's links
where the merges put them, and the page's goals."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.cluster.hierarchy import fcluster, linkage
from sklearn.cluster import AgglomerativeClustering
from sklearn.metrics import adjusted_rand_score

from mlscope.core.params import ParamError
from mlscope.data import cluster_sets
from mlscope.explorables.classic.dendrogram import cut, layout, members, partition
from mlscope.explorables.classic.hierarchical import LINKAGES, Hierarchical


def same_grouping(a: np.ndarray, b: np.ndarray) -> bool:
    return adjusted_rand_score(a, b) == pytest.approx(1.0)


@pytest.mark.parametrize("method", LINKAGES)
def test_partitions_and_cuts_agree_with_scipy_and_scikit_learn(method):
    points, _ = cluster_sets.generate("uneven", 120, seed=4)
    Z = linkage(points, method=method)
    n = len(points)
    for k in (1, 2, 3, 5, 12):
        mine = partition(Z, n, n - k)
        assert mine.max() + 1 == k
        assert same_grouping(mine, fcluster(Z, k, criterion="maxclust"))
        ref = AgglomerativeClustering(n_clusters=k, linkage=method).fit(points).labels_
        assert same_grouping(mine, ref)
    for h in np.quantile(Z[:, 2], [0.1, 0.5, 0.9]):
        assert same_grouping(cut(Z, n, h), fcluster(Z, h, criterion="distance"))


def test_the_dendrogram_links_sit_on_their_merges():
    points, _ = cluster_sets.generate("blobs", 40, seed=2)
    Z = linkage(points, "average")
    n = len(points)
    t = layout(Z, n)
    assert sorted(t.leaf_x) == list(range(n))
    for j in range(n - 1):
        a, b = int(Z[j, 0]), int(Z[j, 1])
        np.testing.assert_allclose(t.y[j, 1:3], Z[j, 2])  # the top at the merge's height
        assert t.y[j, 0] == t.node_y[a] and t.y[j, 3] == t.node_y[b]  # feet on the children
        assert t.x[j, 0] == t.node_x[a] and t.x[j, 3] == t.node_x[b]
        # a merge's points sit side by side along the bottom (no crossing links)
        xs = sorted(t.leaf_x[members(Z, n, n + j)])
        assert xs == list(range(int(xs[0]), int(xs[0]) + len(xs)))


def test_merge_undo_merge_all_and_the_cut_on_the_page():
    ex = Hierarchical(step="free")
    n = ex.n
    assert ex.frame()["plane"].title == f"{n} clusters after 0 merges"
    ex.act("step")
    a, b, h = ex.merge(0)
    assert len(a) == len(b) == 1 and h == pytest.approx(ex.Z[0, 2])
    d = np.hypot(*(ex.points[a[0]] - ex.points[b[0]]))
    assert h == pytest.approx(d)  # the first merge joins the closest pair
    ex.act("back")
    assert ex.merges == 0
    ex.act("run")
    assert ex.finished and ex.merges == n - 1
    ex.cut_into(4)
    labels = ex.cut_labels()
    assert labels.max() + 1 == 4 and same_grouping(
        labels, fcluster(ex.Z, ex.cut_height(), criterion="distance"))
    assert ex.frame()["plane"].title == "4 clusters under the cut"
    assert ex.frame()["dendrogram"].title.endswith("4 clusters")


def test_a_new_linkage_keeps_the_number_of_clusters_and_a_whole_tree_stays_whole():
    ex = Hierarchical(step="linkage")
    assert ex.p.dataset == "moons" and ex.finished and ex.cut_clusters() == 2
    goal = ex.story_steps[-1]
    assert not goal.done(ex)  # Ward cuts the moons across
    ex.set(linkage="single")
    assert ex.finished and ex.cut_clusters() == 2 and goal.done(ex)
    assert ex.agreement() > 0.95


def test_the_cut_goal_follows_the_number_of_clusters():
    ex = Hierarchical(step="cut")
    goal = next(s for s in ex.story_steps if s.name == "cut")
    assert ex.finished and not goal.done(ex)  # the cut starts low: many clusters
    ex.cut_into(cluster_sets.GROUPS["blobs"])
    assert goal.done(ex)


def test_odd_and_bad_input():
    ex = Hierarchical(data=[(1.0, 1.0, 0)])
    ex.act("run")
    assert ex.finished and ex.frame()["plane"].title == "1 cluster after 0 merges"
    ex = Hierarchical(data=[(1.0, 1.0, 0)] * 3)  # identical points merge at height 0
    ex.act("run")
    assert ex.cut_clusters() >= 1 and ex.frame()["dendrogram"].title
    with pytest.raises(ParamError, match="at most 2000 points") as e:
        Hierarchical().set(count=2500)
    assert e.value.field == "count"


def test_colours_follow_a_cluster_as_it_grows():
    """A cluster keeps its colour from the merge that formed it to the end (the larger side's
    colour wins a merge), so a learner can follow it; the cut and its line wait for step 3."""
    ex = Hierarchical(step="grow")
    for _ in range(ex.n - 1):
        before = ex.colours().copy()
        ex.act("step")
        now = ex.colours()
        a, b, _ = ex.merge(ex.merges - 1)
        untouched = np.setdiff1d(np.arange(ex.n), a + b)
        np.testing.assert_array_equal(now[untouched], before[untouched])
        bigger = a if len(a) >= len(b) else b
        if before[bigger[0]] >= 0:
            assert (now[a + b] == before[bigger[0]]).all()
    names = {layer.name for layer in ex.frame()["dendrogram"].layers}
    assert "cut" not in names and not ex.cutting()
    free = Hierarchical(step="free")
    assert free.cutting() and "cut" in {layer.name for layer in free.frame()["dendrogram"].layers}


def test_play_merges_about_ten_a_second():
    ex = Hierarchical(step="free")  # 60 points: a merge every 6 frames
    for _ in range(60):
        ex.step()
    assert ex.merges == 10
