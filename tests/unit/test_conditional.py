"""Conditional probability: the counts against numpy on the seed's balls, the shares against
the shelves' widths within binomial error, P(A | B) = P(A ∩ B) / P(B) both ways, the
shelves snapped and ordered, the goals, and bad shelves refused."""

from __future__ import annotations

import numpy as np
import pytest

from mlscope.core.params import ParamError
from mlscope.core.views import PointsLayer
from mlscope.explorables.maths.conditional import HEIGHT, Conditional, overlap


def shelves(a: tuple[float, float], b: tuple[float, float]):
    return ((a[0], HEIGHT[0], 0), (a[1], HEIGHT[0], 0), (b[0], HEIGHT[1], 1),
            (b[1], HEIGHT[1], 1))


def test_counts_are_the_balls_under_each_shelf():
    ex = Conditional(step="free", seed=5, balls=3000, shelves=shelves((0.2, 0.6), (0.5, 0.9)))
    x = np.random.default_rng((5, 7)).uniform(0, 1, 20_000)[:3000]
    in_a, in_b = (x >= 0.2) & (x <= 0.6), (x >= 0.5) & (x <= 0.9)
    assert ex.counts() == {"A": in_a.sum(), "B": in_b.sum(), "AB": (in_a & in_b).sum()}
    t = ex.theory()
    assert t["A"] == pytest.approx(0.4) and t["AB"] == pytest.approx(0.1)
    assert t["A|B"] == pytest.approx(0.25) and t["B|A"] == pytest.approx(0.25)
    rows = ex.frame()["numbers"].rows
    assert rows[3] == ["P(A | B)", f"{(in_a & in_b).sum():,} of {in_b.sum():,}",
                       f"{(in_a & in_b).sum() / in_b.sum():.3f}", "0.250"]


def test_the_shares_converge_on_the_widths():
    ex = Conditional(step="free", seed=1, balls=20_000)
    c, t = ex.counts(), ex.theory()
    for key in ("A", "B", "AB"):
        p = t[key]
        assert abs(c[key] / 20_000 - p) < 4 * np.sqrt(p * (1 - p) / 20_000)
    p = t["A|B"]
    assert abs(c["AB"] / c["B"] - p) < 4 * np.sqrt(p * (1 - p) / c["B"])
    assert overlap((0.0, 0.3), (0.5, 0.9)) == 0.0


def test_a_dragged_end_keeps_its_x_and_its_shelf():
    ex = Conditional(step="free")
    pts = list(ex.p.shelves)
    pts[1] = (0.95, 0.3, 0)  # A's right end dragged far right and down
    ex.set(shelves=tuple(pts))
    assert ex.p.shelves[1] == (0.95, HEIGHT[0], 0) and ex.a == (0.1, 0.95)
    # ends given in any order come out A's first, then B's
    mixed = Conditional(step="free", shelves=((0.4, 0.1, 1), (0.1, 0.2, 0), (0.9, 0.3, 1),
                                              (0.3, 0.4, 0)))
    assert [p[2] for p in mixed.p.shelves] == [0, 0, 1, 1] and mixed.b == (0.4, 0.9)
    handles = next(la for la in mixed.frame()["drop"].layers
                   if isinstance(la, PointsLayer) and la.draggable == "shelves")
    assert list(handles.x) == [p[0] for p in mixed.p.shelves]


def test_the_first_step_shows_only_shelf_a():
    ex = Conditional(seed=2, balls=100)
    assert ex.p.step == "fall"
    drop = ex.frame()["drop"]
    names = [getattr(la, "name", "") for la in drop.layers]
    assert "shelf B" not in names and "hit B" not in names and "hit A and B" not in names
    handles = next(la for la in drop.layers if getattr(la, "draggable", None) == "shelves")
    assert len(handles.x) == 2
    assert [r[0] for r in ex.frame()["numbers"].rows] == ["P(A)"]
    ex.set(step="both")
    assert "shelf B" in [getattr(la, "name", "") for la in ex.frame()["drop"].layers]


def test_the_goals():
    ex = Conditional(step="both")
    assert not ex.story_steps[1].done(ex)
    ex.set(shelves=shelves((0.1, 0.6), (0.35, 0.85)))
    assert ex.story_steps[1].done(ex)
    ex.set(step="given", shelves=shelves((0.1, 0.9), (0.35, 0.85)))
    assert ex.story_steps[2].done(ex)
    ex.set(step="independent", shelves=shelves((0.0, 0.5), (0.25, 0.75)))
    assert ex.theory()["A|B"] == pytest.approx(0.5) and ex.story_steps[3].done(ex)
    ex.set(shelves=shelves((0.0, 0.5), (0.0, 0.1)))  # B too narrow for the goal
    assert not ex.story_steps[3].done(ex)


def test_bad_shelves_are_refused_and_the_old_ones_kept():
    ex = Conditional(step="free")
    before = ex.p.shelves
    with pytest.raises(ParamError, match=r"shelf B must be at least 0\.01 wide"):
        ex.set(shelves=shelves((0.1, 0.5), (0.3, 0.3)))
    with pytest.raises(ParamError, match="two ends of shelf A"):
        ex.set(shelves=((0.1, 0.5, 0), (0.2, 0.5, 0), (0.3, 0.5, 0), (0.4, 0.5, 1)))
    with pytest.raises(ParamError, match="shelves must have between 4 and 4 points"):
        ex.set(shelves=((0.1, 0.5, 0), (0.2, 0.5, 0)))
    with pytest.raises(ParamError, match="x must be a number in"):
        ex.set(shelves=shelves((0.1, 1.5), (0.3, 0.6)))
    assert ex.p.shelves == before


def test_every_ball_on_screen_is_drawn_once_in_the_colour_of_what_it_passed():
    ex = Conditional(step="free", seed=4, balls=124)
    balls = [la for la in ex.frame()["drop"].layers
             if isinstance(la, PointsLayer) and la.draggable is None]
    assert sum(len(la.x) for la in balls) == 124  # 40 falling, 84 on the floor
    x = np.random.default_rng((4, 7)).uniform(0, 1, 20_000)[:124]
    (a0, a1), (b0, b1) = ex.a, ex.b
    on_floor = x[:84]
    both = on_floor[(on_floor >= a0) & (on_floor <= a1) & (on_floor >= b0) & (on_floor <= b1)]
    red = [la for la in balls if la.color == "#c62828" and not la.name]
    assert sorted(red[0].x) == sorted(both)
