"""The decision tree grows the tree scikit-learn's DecisionTreeClassifier grows (splits,
thresholds, leaves, predictions; ties between equally good splits aside), split by split in
order of gain; its regions are its leaves; the story's goals work; degenerate data give a
picture."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.tree import DecisionTreeClassifier

import mlscope
from mlscope.core.encoding import encode
from mlscope.explorables.classic.decision_tree import DecisionTree
from mlscope.explorables.classic.tree_growing import GrownTree, impurity

GRID = np.random.default_rng(0).uniform(-6, 6, (2000, 2))


def sklearn_trees(ex, depth=None):
    x, y = ex.points[ex.train], ex.labels[ex.train]
    return [DecisionTreeClassifier(criterion=ex.p.criterion, max_depth=depth or ex.p.max_depth,
                                   min_samples_leaf=ex.p.min_leaf, random_state=r).fit(x, y)
            for r in range(12)]


@pytest.mark.parametrize("dataset, classes, depth, min_leaf, criterion", [
    ("moons", 2, 3, 1, "gini"), ("moons", 2, 8, 1, "entropy"), ("gauss", 2, 10, 3, "gini"),
    ("blobs", 3, 6, 1, "gini"), ("spiral", 2, 12, 5, "entropy"),
])
def test_the_grown_tree_is_scikit_learns(dataset, classes, depth, min_leaf, criterion):
    ex = DecisionTree(dataset=dataset, classes=classes, max_depth=depth, min_leaf=min_leaf,
                      criterion=criterion, count=300)
    ex.act("grow_all")
    trees = sklearn_trees(ex)
    # scikit-learn breaks ties between equally good features at random: one of its
    # random states grows this very tree
    same = [sk for sk in trees if np.array_equal(sk.predict(GRID), ex.tree.predict(GRID))]
    assert same, "no random state of scikit-learn grows the same tree"
    sk = same[0].tree_
    assert ex.tree.splits == int(np.sum(sk.children_left >= 0))
    assert len(ex.tree.leaves()) == sk.n_leaves
    ours = sorted((n.split.feature, n.split.threshold) for n in ex.tree.nodes if n.split)
    theirs = sorted((int(f), float(t)) for f, t in zip(sk.feature, sk.threshold, strict=True)
                    if f >= 0)
    # the same questions (scikit-learn works in float32: thresholds agree to 1e-6)
    assert [f for f, _ in ours] == [f for f, _ in theirs]
    assert np.allclose([t for _, t in ours], [t for _, t in theirs], atol=1e-6)


def test_splits_come_in_order_of_gain_and_each_gain_is_the_impurity_drop():
    ex = DecisionTree(max_depth=6)
    gains = []
    while not ex.finished:
        node = ex.tree.next_leaf()
        gains.append(node.best.gain)
        before = node.counts
        ex.step()
        a, b = (ex.tree.nodes[c].counts for c in node.children)
        n, total = before.sum(), len(ex.tree.y)
        drop = n / total * (impurity(before, "gini") - a.sum() / n * impurity(a, "gini")
                            - b.sum() / n * impurity(b, "gini"))
        assert node.best.gain == pytest.approx(drop)
    sk = sklearn_trees(ex)[0].tree_
    assert max(gains) == pytest.approx(sk.weighted_n_node_samples[0] / sk.weighted_n_node_samples[0]
                                       * (sk.impurity[0] - (sk.weighted_n_node_samples[1] * sk.impurity[1]
                                          + sk.weighted_n_node_samples[sk.children_right[0]]
                                          * sk.impurity[sk.children_right[0]]) / sk.weighted_n_node_samples[0]))


def test_impurities_are_gini_and_entropy():
    counts = np.array([[3.0, 1.0], [2.0, 2.0], [4.0, 0.0]])
    assert np.allclose(impurity(counts, "gini"), [1 - 0.75**2 - 0.25**2, 0.5, 0.0])
    ent = -(0.75 * np.log2(0.75) + 0.25 * np.log2(0.25))
    assert np.allclose(impurity(counts, "entropy"), [ent, 1.0, 0.0])


def test_the_regions_are_the_leaves_and_tile_the_plane():
    ex = DecisionTree(max_depth=5)
    ex.act("grow_all")
    leaves = ex.tree.leaves()
    area = sum((n.box[1] - n.box[0]) * (n.box[3] - n.box[2]) for n in leaves)
    assert area == pytest.approx(144.0)
    ids = ex.tree.leaf_of(GRID)
    for nid in np.unique(ids)[:20]:
        x0, x1, y0, y1 = ex.tree.nodes[nid].box
        inside = GRID[ids == nid]
        assert (inside[:, 0] >= x0).all() and (inside[:, 0] <= x1).all()
        assert (inside[:, 1] >= y0).all() and (inside[:, 1] <= y1).all()


def test_min_leaf_and_max_depth_hold():
    ex = DecisionTree(max_depth=3, min_leaf=12, count=400)
    ex.act("grow_all")
    assert all(len(n.index) >= 12 for n in ex.tree.leaves())
    assert max(n.depth for n in ex.tree.nodes) <= 3


def test_the_star_path_is_lit_in_the_tree():
    ex = DecisionTree()
    ex.act("grow_all")
    graph = ex.frame()["tree"]
    lit = [n.id for n in graph.nodes if n.highlight]
    assert [int(i) for i in lit] == ex.tree.path(np.array(ex.p.probe[0][:2]))
    assert sum(e.highlight for e in graph.edges) == len(lit) - 1


def test_the_story_goals():
    ex = mlscope.explorable("decision-tree")
    step = {s.name: s for s in ex.story_steps}
    assert not step["split"].done(ex) and "Next:" in step["split"].live(ex)
    ex.act("step")
    assert step["split"].done(ex)
    ex.set(step="depth")
    assert ex.finished and ex.tree.splits > 1
    ex.set(max_depth=ex.best_depth())
    assert step["depth"].done(ex) and ex.finished  # a whole tree stays whole


@pytest.mark.parametrize("data", [
    [(0.0, 0.0, 0)],
    [(1.0, 1.0, 0), (1.0, 1.0, 1), (1.0, 1.0, 0)],   # all in one place: no split exists
    [(1.0, 1.0, 1), (2.0, 2.0, 1)],                   # one class
])
def test_degenerate_data_give_a_picture(data):
    ex = DecisionTree(data=data, held_out=0)
    ex.act("grow_all")
    assert ex.finished
    encode(ex.frame())


def test_a_tree_of_one_split_by_hand():
    x = np.array([[0.0, 0.0], [1.0, 0.0], [2.0, 5.0], [3.0, 5.0]])
    y = np.array([0, 0, 1, 1])
    t = GrownTree(x, y, 2).grow_all()
    assert t.splits == 1 and t.nodes[0].split.threshold in (1.5, 2.5)
    assert list(t.predict(np.array([[0.5, 0.0], [2.5, 5.0]]))) == [0, 1]
