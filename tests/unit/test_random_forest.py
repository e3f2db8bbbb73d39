"""The random forest: with both features at every split, each tree is the tree
scikit-learn grows on the same bootstrap sample, and the soft vote is scikit-learn's
(the mean of the trees' probabilities); the hard vote counts trees; the accuracy curve is
the forest of the first n trees; the story and degenerate data."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.tree import DecisionTreeClassifier

import mlscope
from mlscope.core.encoding import encode
from mlscope.explorables.classic.random_forest import RandomForest

GRID = np.random.default_rng(0).uniform(-6, 6, (800, 2))


def forest(**values) -> RandomForest:
    """Free play: the story's first step would cut it back to one tree."""
    return RandomForest(step="free", **values)


def test_each_tree_and_the_soft_vote_are_scikit_learns():
    ex = forest(trees=6, max_depth=5, count=200)
    x, y = ex.points[ex.train], ex.labels[ex.train]
    probs = []
    for tree, idx in zip(ex.forest, ex.samples, strict=True):
        # scikit-learn breaks ties between equal splits at random: one of its states agrees
        fits = [DecisionTreeClassifier(max_depth=5, random_state=r).fit(x[idx], y[idx])
                for r in range(8)]
        # the tree grown to 12 and cut back to 5 is the tree grown to 5
        same = [f for f in fits if np.array_equal(f.predict(GRID), tree.predict(GRID, 5))]
        assert same
        probs.append(same[0].predict_proba(GRID))
    assert np.allclose(ex.predict_proba(GRID), np.mean(probs, axis=0))


def test_bootstrap_samples_draw_with_replacement_and_off_means_every_point():
    ex = forest(trees=20)
    n = int(ex.train.sum())
    unseen = np.mean([1 - len(np.unique(idx)) / n for idx in ex.samples])
    assert unseen == pytest.approx((1 - 1 / n) ** n, abs=0.04)  # about a third
    ex.set(bootstrap=False)
    assert all(np.array_equal(idx, np.arange(n)) for idx in ex.samples)


def test_hard_votes_count_trees():
    ex = forest(trees=7, voting="hard")
    votes = np.stack([t.predict(GRID, ex.p.max_depth) for t in ex.forest])
    assert np.allclose(ex.predict_proba(GRID)[:, 1], np.mean(votes == 1, axis=0))


def test_the_accuracy_curve_is_the_forest_of_the_first_n_trees():
    ex = forest(trees=9)
    train, held = ex.curves()
    ex.set(trees=4)  # the first four trees stay, the rest go
    assert len(ex.forest) == 4
    assert held[3] == pytest.approx(ex.accuracy(held_out=True))
    assert train[3] == pytest.approx(ex.accuracy())


def test_more_trees_and_fewer_keep_the_first_ones():
    ex = forest(trees=3)
    first = ex.forest[0]
    ex.set(trees=12)
    ex.set(trees=2)
    assert ex.forest[0] is first and len(ex.forest) == 2


def test_one_feature_per_split_makes_trees_that_differ_more():
    both = forest(trees=15, bootstrap=False, max_features="2")
    one = forest(trees=15, bootstrap=False, max_features="1")
    spread = lambda ex: np.mean(np.std([t.predict(GRID, 6) for t in ex.forest], axis=0))  # noqa: E731
    assert spread(both) == 0  # the same points and every feature: the same tree each time
    assert spread(one) > 0.05


def test_the_story():
    ex = mlscope.explorable("random-forest")
    step = {s.name: s for s in ex.story_steps}
    assert len(ex.forest) == 1 and not step["one"].done(ex)
    ex.act("step")
    assert step["one"].done(ex)
    ex.set(step="many")
    while not step["many"].done(ex):
        ex.step()
    assert len(ex.forest) == 50


@pytest.mark.parametrize("data", [[(0.0, 0.0, 0)], [(1.0, 1.0, 0), (1.0, 1.0, 1)]])
def test_degenerate_data_give_a_picture(data):
    ex = forest(data=data, held_out=0, trees=3)
    encode(ex.frame())


def test_a_new_depth_limit_is_the_trees_cut_back_not_grown_again():
    from mlscope.explorables.classic.tree_growing import GrownTree

    ex = forest(trees=5, max_depth=8)
    first = ex.forest[0]
    ex.set(max_depth=3)
    assert ex.forest[0] is first  # kept
    x, y = ex.points[ex.train][ex.samples[0]], ex.labels[ex.train][ex.samples[0]]
    grown = GrownTree(x, y, ex.n_classes, "gini", 3, 1).grow_all()
    assert np.array_equal(grown.predict(GRID), first.predict(GRID, 3))
