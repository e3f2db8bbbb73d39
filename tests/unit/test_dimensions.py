"""Higher dimensions: the hypercube's counts, rotations that keep every edge 2 long, the
projection's perspective, and distance concentration: nearest ÷ farthest rising towards 1
and the spread of distances over their mean shrinking like 1/√d."""

from __future__ import annotations

import numpy as np
import pytest

from mlscope.explorables.maths.dimensions import (
    CORNERS,
    EDGES,
    Dimensions,
    distance_ratios,
    project,
    rotation4,
)


def test_the_hypercube_has_16_corners_and_32_edges():
    assert len(CORNERS) == 16 and len(EDGES) == 32
    rows = Dimensions().frame()["counts"].rows
    assert [r[1:] for r in rows] == [[str(2 ** d), str(d * 2 ** (d - 1)) if d else "0"]
                                     for d in range(6)]


def test_rotations_keep_every_edge_two_long():
    r = rotation4((0, 3), 0.7) @ rotation4((1, 3), -1.2) @ rotation4((0, 1), 2.0)
    np.testing.assert_allclose(r @ r.T, np.eye(4), atol=1e-12)
    p = CORNERS @ r.T
    for i, j in EDGES:
        assert np.linalg.norm(p[i] - p[j]) == pytest.approx(2.0)


def test_a_quarter_turn_in_x_w_swaps_the_cubes():
    p = CORNERS @ rotation4((0, 3), np.pi / 2).T
    # the corners that had x = 1 now have w = 1: nearer the eye, drawn bigger
    big = project(p)
    assert (np.abs(big[CORNERS[:, 0] == 1]).max() > np.abs(big[CORNERS[:, 0] == -1]).max())


def test_distances_concentrate():
    ratios = [distance_ratios(d, 0)[0] for d in (2, 10, 100, 1000)]
    assert ratios == sorted(ratios) and ratios[0] < 0.05 and ratios[-1] > 0.85
    spreads = {d: np.std(distance_ratios(d, 0)[1]) for d in (10, 1000)}
    # the spread over the mean shrinks like 1/√d: 100× the dimensions, a tenth the spread
    assert spreads[10] / spreads[1000] == pytest.approx(10.0, rel=0.25)


def test_goals_and_play():
    ex = Dimensions(step="hypercube")
    assert not ex.step_now.done(ex)
    while not ex.step_now.done(ex):
        ex.step()
    assert 180 <= ex.p.xw < 181
    ex.set(step="distances", d=100)
    assert not ex.step_now.done(ex)
    ex.set(d=200)
    assert ex.step_now.done(ex)
