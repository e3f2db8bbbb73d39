"""Compound events and counting: the lens area against a fine grid and its special cases,
every event's probability by inclusion-exclusion against the darts, the urn's counts
against math.perm/math.comb and an enumeration with itertools, the birthday curve against
its product formula and a simulation, and bad input refused."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from mlscope.core.params import ParamError
from mlscope.core.views import ImageLayer
from mlscope.explorables.maths.compound import (
    EVENTS,
    CompoundEvents,
    birthday,
    lens_area,
    outcome_count,
)
from mlscope.render.plot_layers import image_key_color


def test_the_lens_area_against_a_fine_grid():
    g = (np.arange(4000) + 0.5) / 4000 * 8 - 4  # [-4, 4], 2 mm cells
    xx, yy = np.meshgrid(g, g)
    for ra, rb, d in ((1.5, 1.0, 1.2), (2.0, 2.0, 3.0), (1.0, 0.6, 0.5)):
        inside = (xx ** 2 + yy ** 2 <= ra ** 2) & ((xx - d) ** 2 + yy ** 2 <= rb ** 2)
        assert lens_area(ra, rb, d) == pytest.approx(inside.sum() * (8 / 4000) ** 2, rel=2e-3)
    assert lens_area(1.0, 1.0, 2.5) == 0.0
    assert lens_area(2.0, 0.5, 1.0) == pytest.approx(math.pi * 0.25)  # B inside A


def test_every_event_by_inclusion_exclusion_and_by_darts():
    ex = CompoundEvents(step="free", darts=20_000, seed=3)
    p = ex.probabilities()
    assert p["A"] == pytest.approx(math.pi * 1.8 ** 2 / 60)
    for event in EVENTS:
        ex.set(event=event)
        q = ex.probabilities()["event"]
        assert abs(ex.dart_share() - q) < 4 * math.sqrt(q * (1 - q) / 20_000) + 1e-9, event
    rows = {r[0].split(" (")[0]: float(r[1]) for r in ex.frame()["events"].rows}
    assert rows["A ∪ B"] == pytest.approx(rows["A"] + rows["B"] - rows["A ∩ B"], abs=2e-3)
    assert rows["(A ∪ B)ᶜ"] == pytest.approx(1 - rows["A ∪ B"], abs=2e-3)
    assert rows["A △ B"] == pytest.approx(rows["A − B"] + rows["B"] - rows["A ∩ B"], abs=2e-3)


def test_circles_stay_in_the_box_and_drag_apart_to_exclusive():
    ex = CompoundEvents(step="union")
    ex.set(circles=((9.9, 0.1, 0), (5.0, 3.0, 1)))  # A dragged into the corner
    assert ex.p.circles[0] == (10 - 1.8, 1.8, 0)
    ex.set(circles=((1.9, 3.0, 0), (8.4, 3.0, 1)))
    assert ex.probabilities()["AB"] == 0.0 and ex.story_steps[1].done(ex)
    image = next(la for la in ex.frame()["venn"].layers if isinstance(la, ImageLayer))
    r, g, b, a = image_key_color(image)  # the legend's key is the shading's colour
    assert (round(r * 255), round(g * 255), round(b * 255), round(a * 255)) == (198, 40, 40, 70)


@pytest.mark.parametrize("mode", ["perm", "comb", "power", "multiset"])
def test_the_urn_shows_every_outcome_the_formula_counts(mode):
    n, k = 4, 3
    every = {"perm": itertools.permutations(range(1, n + 1), k),
             "comb": itertools.combinations(range(1, n + 1), k),
             "power": itertools.product(range(1, n + 1), repeat=k),
             "multiset": itertools.combinations_with_replacement(range(1, n + 1), k)}[mode]
    expected = {"perm": math.perm(4, 3), "comb": math.comb(4, 3), "power": 64,
                "multiset": math.comb(6, 3)}[mode]
    assert outcome_count(mode, n, k) == expected == len(list(every))
    ex = CompoundEvents(step="free", n=n, k=k, mode=mode, draws=5000)
    assert ex.distinct_seen() == expected
    d = ex.draws()[:5000]
    if mode in ("perm", "comb"):  # no ball twice in a draw
        assert all(len(set(row)) == k for row in d)
    assert d.min() == 1 and d.max() == n


def test_ordered_draws_are_equally_likely():
    ex = CompoundEvents(step="free", n=4, k=2, mode="perm", draws=20_000)
    _, counts = np.unique(ex.keys(), return_counts=True)
    assert len(counts) == 12
    expected = 20_000 / 12
    chi2 = float(((counts - expected) ** 2 / expected).sum())
    assert chi2 < 31.3  # chi-squared, 11 degrees of freedom, p = 0.001


def test_the_birthday_curve_and_its_simulation():
    prod = 1.0
    for m in range(1, 60):
        assert birthday(m) == pytest.approx(1 - prod, abs=1e-12)
        prod *= (365 - m) / 365
    assert birthday(23) == pytest.approx(0.5072972, abs=1e-6)
    assert int(np.argmax(birthday(np.arange(81)) >= 0.99)) == 57
    ex = CompoundEvents(step="free", people=23, groups=20_000, seed=2)
    s = ex.shared_share()
    assert abs(s - 0.5073) < 4 * math.sqrt(0.25 / 20_000)
    ex.set(people=40)
    assert ex.p.groups == 0  # a new size forms new groups


def test_bad_input_is_refused_with_the_field_named():
    ex = CompoundEvents(step="free")
    with pytest.raises(ParamError, match="k must be at most n"):
        ex.set(n=3, k=5)
    ex.set(mode="power", n=3, k=5)  # with replacement, k may exceed n
    assert ex.outcomes() == 243
    with pytest.raises(ParamError, match="k must be at most n"):
        ex.set(mode="perm")
    with pytest.raises(ParamError, match="circles"):
        ex.set(circles=((1.0, 1.0, 0), (2.0, 2.0, 0)))
    with pytest.raises(ParamError, match="r_a"):
        ex.set(r_a=5.0)
    assert ex.p.mode == "power"


def test_the_buttons_and_play_count_what_the_step_is_about():
    ex = CompoundEvents(step="urn")
    ex.act("draw10")
    ex.act("group100")
    ex.act("dart1000")
    assert (ex.p.draws, ex.p.groups, ex.p.darts) == (10, 100, 1000)
    ex.step()
    assert (ex.p.draws, ex.p.groups, ex.p.darts) == (11, 100, 1000)
    ex.act("reset")
    assert (ex.p.draws, ex.p.groups, ex.p.darts) == (0, 0, 0)
    assert {a.label for a in ex.actions if a.name.startswith(("dart", "draw", "group"))} >= \
        {"100 darts", "100 draws", "100 groups"}
