"""DBSCAN: the growth ends in scikit-learn's labels and core points, replays point by point
in the order its clusters grow, and the page's goals follow the numbers."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.cluster import DBSCAN as SkDBSCAN

from mlscope.core.params import ParamError
from mlscope.data import cluster_sets
from mlscope.explorables.classic.dbscan import DBSCAN
from mlscope.explorables.classic.dbscan_growth import grow, k_distance


@pytest.mark.parametrize("name", list(cluster_sets.SETS))
def test_the_growth_ends_in_scikit_learns_labels(name):
    points, _ = cluster_sets.generate(name, 400, seed=3)
    for eps, min_pts in [(0.3, 3), (0.6, 4), (1.0, 8), (2.0, 1)]:
        g = grow(points, eps, min_pts)
        ref = SkDBSCAN(eps=eps, min_samples=min_pts).fit(points)
        np.testing.assert_array_equal(g.labels, ref.labels_)
        np.testing.assert_array_equal(np.flatnonzero(g.core), ref.core_sample_indices_)


def test_the_growth_replays_cluster_by_cluster_from_core_points():
    points, _ = cluster_sets.generate("moons", 300, seed=1)
    g = grow(points, 0.5, 5)
    assert (np.diff(g.cluster) >= 0).all()  # one cluster after another
    assert len(g.order) == int(np.sum(g.labels >= 0))  # every clustered point once
    for j in range(len(g.order)):
        i, parent = g.order[j], g.by[j]
        if parent < 0:  # a cluster starts at a core point no one reached
            assert g.core[i] and (j == 0 or g.cluster[j] == g.cluster[j - 1] + 1)
        else:  # reached from a core point of its own cluster, within eps
            assert g.core[parent] and g.labels[parent] == g.labels[i]
            assert np.hypot(*(points[i] - points[parent])) <= 0.5
            assert parent in g.order[:j]
    np.testing.assert_array_equal(g.labels_after(len(g.order)), g.labels)
    assert (g.labels_after(0) == -1).all()


def test_k_distance_is_the_distance_to_the_k_th_nearest_itself_first():
    points = np.array([[0.0, 0.0], [1.0, 0.0], [3.0, 0.0], [7.0, 0.0]])
    np.testing.assert_allclose(k_distance(points, 2), [4.0, 2.0, 1.0, 1.0])
    np.testing.assert_allclose(k_distance(points, 1), [0.0, 0.0, 0.0, 0.0])
    assert len(k_distance(points[:0], 3)) == 0


def test_step_back_finish_a_cluster_and_run():
    ex = DBSCAN(dataset="moons", eps=0.5, min_pts=5)
    g = ex.growth
    ex.act("step")
    assert ex.steps == 1 and "Growing cluster 1" in ex.frame()["plane"].title
    ex.act("next_cluster")
    assert ex.steps == int(np.sum(g.cluster == 0))
    ex.act("back")
    assert ex.steps == int(np.sum(g.cluster == 0)) - 1
    ex.act("run")
    assert ex.finished and ex.frame()["plane"].title.startswith(f"{g.n_clusters} cluster")
    kinds = {layer.name for layer in ex.frame()["plane"].layers}
    assert {"core points", "the star"} <= kinds and "not reached yet" not in kinds
    ex.act("reset")
    assert ex.steps == 0


def test_a_grown_picture_stays_grown_under_new_settings_and_a_new_one_starts_over():
    ex = DBSCAN()
    ex.act("run")
    ex.set(eps=1.0)
    assert ex.finished and ex.growth.n_clusters == SkDBSCAN(eps=1.0, min_samples=4).fit(
        ex.points).labels_.max() + 1
    ex.act("reset")
    ex.act("step")
    ex.set(min_pts=6)
    assert ex.steps == 0


def test_the_star_counts_its_neighbourhood_itself_excluded_as_a_place():
    ex = DBSCAN(data=[(0.0, 0.0, 0), (0.5, 0.0, 0), (2.0, 0.0, 0)], eps=0.6, min_pts=2,
                probe=[(0.1, 0.0, 0)])
    assert ex.probe_count() == 2
    assert ex.story_steps[0].done(ex)
    ex.set(min_pts=3)
    assert not ex.story_steps[0].done(ex)


def test_odd_data_gives_a_picture_and_bad_input_names_the_field():
    ex = DBSCAN(data=[(1.0, 1.0, 0)] * 4, eps=0.1, min_pts=4)
    ex.act("run")
    assert ex.growth.n_clusters == 1 and ex.frame()["plane"].title == "1 cluster, 0 noise points"
    ex = DBSCAN(data=[(1.0, 1.0, 0)], min_pts=2)
    ex.act("run")
    assert ex.frame()["plane"].title == "0 clusters, 1 noise point"
    with pytest.raises(ParamError, match="keep at least 1 point") as e:
        ex.act("add_point", {"x": 1.0, "y": 1.0, "shift": True})
    assert e.value.field == "add_point"
    with pytest.raises(ParamError) as e:
        ex.set(eps=0.0)
    assert e.value.field == "eps"


def test_the_story_goals_follow_the_numbers():
    ex = DBSCAN()
    shapes = next(s for s in ex.story_steps if s.name == "shapes")
    ex.act("run")
    assert not shapes.done(ex)  # eps 0.6 breaks the outline in pieces
    ex.set(eps=1.0)
    assert ex.growth.n_clusters == 4 and shapes.done(ex)
    density = DBSCAN(step="density")
    assert density.p.dataset == "density_bars" and density.finished


def test_the_knee_step_and_the_density_bars_say_what_the_page_says():
    knee = DBSCAN(step="choose-eps")
    goal = next(s for s in knee.story_steps if s.name == "choose-eps")
    assert knee.p.dataset == "noisy_blobs" and not goal.done(knee)  # eps starts too small
    knee.set(eps=0.55)
    assert goal.done(knee) and knee.growth.n_clusters == 4
    # no single density threshold finds the three bars (with little noise), whatever the seed
    from sklearn.metrics import adjusted_rand_score as ari

    for seed in range(3):
        points, bars = cluster_sets.generate("density_bars", 300, seed)
        for eps in np.arange(0.2, 2.01, 0.1):
            for min_pts in range(2, 15):
                labels = grow(points, float(eps), min_pts).labels
                if labels.max() + 1 == 3 and np.mean(labels < 0) < 0.1:
                    assert ari(bars, labels) < 0.8, (seed, eps, min_pts)


def test_with_fewer_points_than_min_pts_none_is_core():
    ex = DBSCAN(data=[(1.0, 1.0, 0)], min_pts=3)
    assert ex.frame()["kdist"].title == "Fewer points than minPts (3): none can be core"
    assert ex.growth.core.sum() == 0
