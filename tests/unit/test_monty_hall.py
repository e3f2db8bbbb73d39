"""Monty Hall: the simulated rates against the closed forms 1/n and (n-1)/n (binomial
tests), the host's rules in a game by hand, the seed's replay, and bad clicks."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from mlscope.core.params import ParamError
from mlscope.explorables.maths.monty_hall import MAX_GAMES, MontyHall, host_leaves, simulate


@pytest.mark.parametrize("doors", [3, 4, 10])
def test_simulated_rates_match_the_closed_forms(doors):
    stay, switch = simulate(doors, MAX_GAMES, 0)
    assert (stay ^ switch).all()  # every game is won by exactly one strategy
    assert stats.binomtest(int(switch.sum()), MAX_GAMES, (doors - 1) / doors).pvalue > 1e-3
    assert stats.binomtest(int(stay.sum()), MAX_GAMES, 1 / doors).pvalue > 1e-3


def test_the_host_leaves_the_car_or_a_random_other_door():
    rng = np.random.default_rng(0)
    assert host_leaves(5, car=3, pick=1, rng=rng) == 3
    left = {host_leaves(4, car=2, pick=2, rng=rng) for _ in range(200)}
    assert left == {0, 1, 3}


@pytest.mark.parametrize("doors", [3, 7])
def test_a_game_by_hand_follows_the_rules(doors):
    wins = {"stay": 0, "switch": 0}
    ex = MontyHall(doors=doors, step="free", seed=4)
    for game in range(60):
        g = ex.game
        ex.act("pick", {"x": float(game % doors), "y": 0.5})
        assert g["pick"] == game % doors and g["left"] != g["pick"]
        assert g["car"] in (g["pick"], g["left"])  # the host never opens the car
        view = ex.frame()["doors"]
        opened = next(layer for layer in view.layers if layer.name == "goat")
        assert len(opened.x) == doors - 2 and g["car"] not in opened.x
        choice = "switch" if game % 2 else "stay"
        ex.act(choice)
        wins[choice] += int(g["final"] == g["car"])
        ex.act(choice)  # a second press changes nothing
        ex.act("new_game")
    assert ex.hand == [[wins["stay"], 30], [wins["switch"], 30]]


def test_the_same_seed_plays_the_same_games_and_a_link_replays_the_simulation():
    a, b = MontyHall(seed=9, step="free"), MontyHall(seed=9, step="free")
    for ex in (a, b):
        ex.act("pick", {"x": 0.1, "y": 0.5})
        ex.act("new_game")
        ex.act("sim1000")
    assert a.game == b.game
    c = MontyHall(seed=9, step="free", games=1000)
    assert c.frame()["numbers"].rows[1][2] == a.frame()["numbers"].rows[1][2]
    a.set(doors=5)
    assert a.p.games == 0 and a.hand == [[0, 0], [0, 0]]


def test_bad_clicks_and_presses_name_their_field():
    ex = MontyHall(step="free")
    with pytest.raises(ParamError) as err:
        ex.act("stay")
    assert err.value.field == "action" and "pick a door first" in err.value.message
    with pytest.raises(ParamError) as err:
        ex.act("pick", "door 2")
    assert err.value.field == "pick"
    ex.act("pick", {"x": 1.5, "y": 0.5})  # between two doors: nothing picked
    assert ex.game["pick"] is None
    with pytest.raises(ParamError) as err:
        ex.set(doors=2)
    assert err.value.field == "doors"


def test_the_story_goals():
    ex = MontyHall()
    for k in range(5):
        ex.act("pick", {"x": 0.0, "y": 0.5})
        ex.act("switch" if k % 2 else "stay")
        ex.act("new_game")
    assert ex.story()["met"]
    ex.set(step="simulate")
    for _ in range(10):
        ex.act("sim1000")
    assert ex.story()["met"] and "10,000 games" in ex.story()["live"]
    ex.set(step="doors", doors=10)
    ex.act("sim1000")
    assert not ex.story()["met"] and "9/10" in ex.story()["live"]  # not yet played by hand
    ex.act("pick", {"x": 4.0, "y": 0.5})
    ex.act("switch")
    assert ex.story()["met"]
    opened = next(layer for layer in ex.frame()["doors"].layers if layer.name == "goat")
    assert len(opened.x) == 9  # the game is over: every door but the car's is open
