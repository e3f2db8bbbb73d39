"""Chance and the law of large numbers: the closed forms against scipy.stats, the flips
against their probabilities, the seed's replay, and the funnel's 95 % against simulation."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from mlscope.core.params import ParamError
from mlscope.explorables.maths.chance import (
    MAX_FLIPS,
    Chance,
    draw,
    probabilities,
    values_of,
)


@pytest.mark.parametrize("p", [0.0, 0.2, 0.5, 0.93, 1.0])
def test_a_coins_expectation_and_variance_are_bernoullis(p):
    ex = Chance(p_heads=p)
    assert ex.mean == pytest.approx(stats.bernoulli(p).mean())
    assert ex.var == pytest.approx(stats.bernoulli(p).var())


@pytest.mark.parametrize("weights", [(1,) * 6, (0, 0, 0, 1, 1, 4), (5, 0, 0, 0, 0, 0.1)])
def test_a_dies_expectation_and_variance_are_scipys(weights):
    ex = Chance(source="die", weights=weights, step="free")
    die = stats.rv_discrete(values=(np.arange(1, 7), np.array(weights) / sum(weights)))
    assert ex.mean == pytest.approx(die.mean())
    assert ex.var == pytest.approx(die.var())
    if weights == (1,) * 6:
        assert (ex.mean, ex.var) == pytest.approx((3.5, 35 / 12))


def test_the_flips_follow_their_probabilities():
    """100,000 draws: a chi-squared goodness-of-fit test does not reject the probabilities,
    and an impossible face never comes up."""
    p = probabilities("die", 0.5, (1, 0, 2, 1, 1, 3))
    faces = draw(np.random.default_rng(3).random(MAX_FLIPS), p)
    counts = np.bincount(faces, minlength=6)
    assert counts[1] == 0
    seen = p > 0
    assert stats.chisquare(counts[seen], MAX_FLIPS * p[seen]).pvalue > 1e-4
    assert draw(np.array([0.0, 0.999999999999]), np.array([0.5, 0.5])).tolist() == [0, 1]


def test_running_share_counts_and_sample_variance_match_numpy():
    ex = Chance(source="die", weights=(1, 2, 3, 1, 2, 3), seed=4, flips=777, step="free")
    faces = ex.outcomes[:777] + 1
    assert ex.running_now() == pytest.approx(faces.mean())
    assert ex.sample_variance() == pytest.approx(faces.var(ddof=1))
    assert ex.counts.tolist() == np.bincount(faces - 1, minlength=6).tolist()
    assert values_of("coin").tolist() == [0, 1]
    table = ex.frame()["numbers"].rows
    assert table[-2][2] == f"{faces.mean():.3f}" and table[-1][2] == f"{faces.var(ddof=1):.3f}"


def test_a_link_replays_the_same_flips_and_a_new_coin_starts_again():
    a = Chance(seed=11)
    for _ in range(3):
        a.act("flip1000")
    a.act("flip10")
    b = Chance(seed=11, flips=3010)
    assert a.p.flips == 3010 and a.counts.tolist() == b.counts.tolist()
    a.set(p_heads=0.7)
    assert a.p.flips == 0 and a.frame()["running"].title == "No flips yet"
    a.step()
    assert a.p.flips == 1
    a.act("reset")
    assert a.p.flips == 0


def test_flips_stop_at_the_most_a_run_holds():
    ex = Chance(flips=MAX_FLIPS - 5)
    ex.act("flip1000")
    assert ex.p.flips == MAX_FLIPS and ex.finished


def test_the_funnel_holds_about_95_percent_of_runs():
    """The drawn funnel, p ± 2·√(p(1-p)/n), against 400 seeds' share of heads at n = 2,000
    (normal approximation: 95.4 %)."""
    n, inside = 2000, 0
    for seed in range(400):
        ex = Chance(p_heads=0.3, seed=seed, flips=n)
        inside += abs(ex.running_now() - 0.3) <= 2 * np.sqrt(0.21 / n)
    assert 0.92 <= inside / 400 <= 0.985


def test_bad_values_name_their_field_and_change_nothing():
    ex = Chance(source="die", flips=50, step="free")
    with pytest.raises(ParamError) as err:
        ex.set(weights=(0,) * 6)
    assert err.value.field == "weights" and "at least one face" in err.value.message
    with pytest.raises(ParamError) as err:
        ex.set(p_heads=1.5)
    assert err.value.field == "p_heads"
    with pytest.raises(ParamError) as err:
        ex.set(weights=(1, 1, 1))
    assert err.value.field == "weights"
    assert ex.p.flips == 50 and ex.p.weights == (1,) * 6


def test_the_story_goals():
    ex = Chance()
    assert not ex.story()["met"]
    ex.act("flip10")
    ex.act("flip10")
    assert ex.story()["met"]
    ex.set(step="loaded", p_heads=0.8)
    ex.act("flip1000")
    assert ex.story()["met"]
    ex.set(step="expectation")
    assert ex.p.source == "die" and not ex.story()["met"]
    ex.set(weights=(0, 0, 0, 1, 1, 4))
    ex.act("flip1000")
    assert ex.story()["met"] and "E[X] = **5.500**" in ex.story()["live"]


def test_new_run_draws_the_next_seeds_flips_and_keeps_the_earlier_runs_lines():
    ex = Chance(seed=7, step="free")
    ex.act("flip1000")
    first = ex.running_now()
    ex.act("new_run")
    assert (ex.p.seed, ex.p.flips) == (8, 0) and len(ex.past) == 1
    assert ex.past[0][1][-1] == pytest.approx(first)  # the earlier run's line ends where it did
    ex.act("flip100")
    assert ex.counts.tolist() == Chance(seed=8, flips=100, step="free").counts.tolist()
    names = [layer.name for layer in ex.frame()["running"].layers]
    assert "earlier runs" in names
    ex.set(p_heads=0.7)  # another coin: earlier runs no longer compare
    assert ex.past == [] and "a fair coin's funnel" in [
        layer.name for layer in ex.frame()["running"].layers]


def test_the_tally_title_shows_the_last_outcomes():
    ex = Chance(seed=2, flips=15, step="free")
    last = "".join("HT"[1 - o] for o in ex.outcomes[3:15])
    assert ex.frame()["tally"].title == f"15 flips · last: {' '.join(last)}"
    assert Chance(flips=1).frame()["tally"].title.startswith("1 flip · last: ")


def test_every_maths_simulation_counts_its_draws_the_same_way():
    """The shared Revealed behaviour, on each page that has it: buttons add, Play adds one,
    the count stops at its most, "reset" and a new seed go back to none."""
    from mlscope import catalog
    from mlscope.explorables.maths.revealed import Revealed

    pages = [c for c in catalog.all_explorables() if issubclass(c, Revealed)]
    assert {c.slug for c in pages} >= {"chance", "clt", "distributions", "monty-hall",
                                       "bayes", "confidence"}
    for cls in pages:
        ex = cls(step="free")
        button, k = next(iter(cls.adds.items()))
        ex.act(button)
        ex.step()
        assert ex.shown == k + 1, cls.slug
        ex.set(**{cls.count: cls.most - 1})
        ex.step()
        ex.step()
        assert ex.shown == cls.most and ex.finished, cls.slug
        ex.set(seed=ex.p.seed + 1)
        assert ex.shown == 0, cls.slug
        ex.act(button)
        ex.act("reset")
        assert ex.shown == 0, cls.slug
