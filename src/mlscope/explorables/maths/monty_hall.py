"""Monty Hall: pick a door, watch the host open goats, stay or switch; then simulate
thousands of games of each and see switching win (n - 1)/n of the time with n doors, as
Victor Powell's and Seeing Theory's pages do.

The host knows where the car is and always opens every other door but one, all goats. So
staying wins only when the first pick was the car (1/n); switching wins every other time.
Every game, by hand or simulated, comes from the seed: a link with ``seed`` and ``games``
replays the same games. tests/unit/test_monty_hall.py checks the rates against the closed
forms and a binomial test.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from mlscope.core.colors import DATA, MODEL
from mlscope.core.explorable import Action
from mlscope.core.params import IntParam, ParamError
from mlscope.core.story import PLAY, Step
from mlscope.core.views import Bars, LinesLayer, Plot, ShapesLayer, Table, View
from mlscope.explorables.maths.revealed import Revealed, count_buttons

MAX_GAMES = 100_000
CAR = "#2e7d32"
GOAT = "#d7dce1"
CLOSED = "#8d6e63"
SWITCH = "#4527a0"
"""Colours of the doors and of the switching strategy (staying is DATA's dark grey)."""
LINE_POINTS = 400


def simulate(n_doors: int, games: int, seed: int) -> tuple[NDArray[np.bool_], NDArray[np.bool_]]:
    """(stay won, switch won) for each of ``games`` games with ``n_doors`` doors: the car and
    the first pick uniform, the host opening every other door but one, all goats."""
    rng = np.random.default_rng((seed, n_doors, 1))
    car = rng.integers(n_doors, size=games)
    pick = rng.integers(n_doors, size=games)
    stay = car == pick
    return stay, ~stay


def host_leaves(n_doors: int, car: int, pick: int, rng: np.random.Generator) -> int:
    """The one door besides the pick the host leaves closed: the car's, or, when the pick is
    the car, one of the others at random."""
    if car != pick:
        return car
    others = [d for d in range(n_doors) if d != pick]
    return int(rng.choice(others))


def _play(ex: MontyHall) -> str:
    g = ex.game
    if g["pick"] is None:
        return "Click a door to pick it."
    if g["final"] is None:
        opened = ex.p.doors - 2
        return (f"You picked door {g['pick'] + 1}. The host, who knows where the car is, "
                f"opened {opened} {'door' if opened == 1 else 'doors'} with a goat. Stay or "
                "switch?")
    won = g["final"] == g["car"]
    return (f"You {'switched' if g['switched'] else 'stayed'} and "
            f"{'**won the car**' if won else 'got a goat'}. By hand so far: staying won "
            f"{ex.hand[0][0]} of {ex.hand[0][1]}, switching {ex.hand[1][0]} of {ex.hand[1][1]}."
            " Press New game for another.")


def _sim(ex: MontyHall) -> str:
    k = ex.p.games
    if k == 0:
        return "No games simulated yet."
    stay, switch = ex.stay[:k].mean(), ex.switch[:k].mean()
    return (f"{k:,} games: staying won **{stay:.1%}**, switching **{switch:.1%}**. "
            f"Theory: 1/{ex.p.doors} and {ex.p.doors - 1}/{ex.p.doors}.")


class MontyHall(Revealed):
    slug = "monty-hall"
    title = "The Monty Hall problem"
    topic = "maths"
    summary = ("Pick a door, the host opens goats: stay or switch? Play by hand, then "
               "simulate 10,000 games, with 3 doors or 10.")
    params = (
        IntParam("doors", 3, 3, 10, label="doors",
                 doc="How many doors; the host opens all but your pick and one other. A new "
                     "number starts the games again."),
        IntParam("games", 0, 0, MAX_GAMES, label="games simulated", effect="view",
                 advanced=True, doc="How many of the seed's simulated games are shown."),
    )
    actions = (
        Action("pick", "Pick a door", "Pick the door clicked.", button=False),
        Action("stay", "Stay", "Keep the door you picked."),
        Action("switch", "Switch", "Take the other closed door."),
        Action("new_game", "New game", "Hide the car again and pick afresh."),
        *count_buttons("sim", "Simulate ×10", "Ten more games, each scored for both "
                                              "strategies.", counts=(10, 100, 1000),
                       each="Simulate ×{n}"),
        Action("reset", "Start again", "No games by hand or simulated."),
    )
    playable = True
    default_speed = 5
    step_name = "game"
    count, most, prefix = "games", MAX_GAMES, "sim"
    fresh_on = frozenset({"doors"})
    layout = (("doors", "rates"), ("running", "numbers"))
    export_layout = (("running", "rates"),)
    thumbnail_view = "running"
    thumbnail_steps = 2000
    captions: ClassVar[dict[str, str]] = {
        "doors": "Click a door to pick it (pink outline). Grey: opened by the host, a goat. "
                 "Green: the car, once the game is over.",
        "rates": "The share of games each strategy won: by hand, and simulated.",
        "running": "The share of simulated games won after each game, on a log scale; "
                   "dashed: what probability says.",
        "numbers": "Wins and games of each strategy, beside the theory.",
    }
    story_steps = (
        Step("play", "Stay or switch?",
             "A car is behind one door, goats behind the others. Pick a door. The host, who "
             "knows where the car is, opens the other doors but one, all goats. Then you "
             "may stay or switch. Most people feel it is 50-50. Play a few games.",
             views=("doors", "rates"), controls=("stay", "switch", "new_game"),
             highlight=("doors",),
             goal="Play 5 games by hand.",
             done=lambda ex: ex.hand[0][1] + ex.hand[1][1] >= 5, live=_play),
        Step("simulate", "Ten thousand games",
             "Five games prove little. Simulate thousands of each: staying wins only when "
             "your first pick was the car, 1 time in 3. Switching wins every other time: "
             "the host's choice told you where the car is.",
             views=("running", "numbers"), controls=("sim100", "sim1000", PLAY),
             highlight=("sim1000",),
             goal="Simulate 10,000 games.",
             done=lambda ex: ex.p.games >= 10_000, live=_sim),
        Step("doors", "More doors",
             "With 10 doors your first pick is the car 1 time in 10. The host opens 8 goats "
             "and leaves one door shut: which would you rather have? Switching wins "
             "$(n-1)/n$ of the time.",
             views=("doors", "running", "numbers"),
             controls=("doors", "sim1000", "stay", "switch", "new_game"),
             highlight=("doors",),
             goal="Play one game by hand with 10 doors, and simulate 1,000.",
             done=lambda ex: ex.p.doors == 10 and ex.hand[0][1] + ex.hand[1][1] >= 1 and
             ex.p.games >= 1000, live=_sim),
    )

    def reset(self) -> None:
        self.stay, self.switch = simulate(self.p.doors, MAX_GAMES, self.p.seed)
        self.hand = [[0, 0], [0, 0]]  # [wins, games] staying, switching
        self.played = 0
        self._new_game()

    def _new_game(self) -> None:
        rng = np.random.default_rng((self.p.seed, self.p.doors, 2, self.played))
        self.game: dict[str, Any] = {"car": int(rng.integers(self.p.doors)), "pick": None,
                                     "left": None, "final": None, "switched": False}
        self._rng = rng

    def act(self, name: str, value: Any = None) -> None:
        g = self.game
        if name == "pick":
            door = self._door_at(value)
            if g["pick"] is None and door is not None:
                g["pick"] = door
                g["left"] = host_leaves(self.p.doors, g["car"], door, self._rng)
        elif name in ("stay", "switch"):
            if g["pick"] is None:
                raise ParamError("action", "pick a door first: click one.")
            if g["final"] is None:
                g["switched"] = name == "switch"
                g["final"] = g["left"] if g["switched"] else g["pick"]
                tally = self.hand[1 if g["switched"] else 0]
                tally[0] += int(g["final"] == g["car"])
                tally[1] += 1
        elif name == "new_game":
            self.played += 1
            self._new_game()
        elif name == "reset":  # the games by hand too
            super().act(name, value)
            self.reset()
        else:
            super().act(name, value)

    def _door_at(self, value: Any) -> int | None:
        """The door under a click on the doors view ({"x", "y"} in its units), if any."""
        if not isinstance(value, dict) or not isinstance(value.get("x"), int | float):
            raise ParamError("pick", "pick needs the click's position: {\"x\": ..., \"y\": ...}.")
        k = round(float(value["x"]))
        return k if 0 <= k < self.p.doors and abs(float(value["x"]) - k) <= 0.4 else None

    # --- the frame ---------------------------------------------------------------------

    def frame(self) -> dict[str, View]:
        return {"doors": self.doors_view(), "rates": self.rates_view(),
                "running": self.running_view(), "numbers": self.numbers_view()}

    def doors_view(self) -> Plot:
        n, g = self.p.doors, self.game
        at = np.arange(n, dtype=float)
        over = g["final"] is not None
        opened = [d for d in range(n) if g["pick"] is not None and (over or d not in (
            g["pick"], g["left"])) and not (over and d == g["car"])]  # all open at the end
        shut = [d for d in range(n) if d not in opened and not (over and d == g["car"])]
        layers: list[Any] = []
        for doors, fill, name in ((shut, CLOSED, "closed door"), (opened, GOAT, "goat"),
                                  ([g["car"]] if over else [], CAR, "car")):
            if doors:
                x = at[doors]
                layers.append(ShapesLayer("rect", x, np.full(len(x), 0.5), np.full(len(x), 0.7),
                                          np.full(len(x), 0.9), fill=fill, opacity=1.0,
                                          stroke="", name=name))
        mine = g["final"] if over else g["pick"]
        if mine is not None:
            layers.append(ShapesLayer("rect", np.array([float(mine)]), np.array([0.5]),
                                      np.array([0.78]), np.array([0.98]), fill="",
                                      stroke=MODEL, stroke_width=3.0, name="your door"))
        if g["pick"] is None:
            title = "Pick a door"
        elif not over:
            title = f"You picked door {g['pick'] + 1}: stay or switch?"
        else:
            title = "You won the car" if g["final"] == g["car"] else "A goat: the car was " \
                f"behind door {g['car'] + 1}"
        return Plot(title, "", "", (-0.6, n - 0.4), (0.0, 1.05), layers, click_action="pick",
                    aspect=max(1.6, n / 2.2), x_ticks=[(float(d), str(d + 1)) for d in range(n)],
                    y_ticks=[])

    def rates_view(self) -> Bars:
        k = self.p.games
        (sw, sg), (ww, wg) = self.hand
        values = np.array([sw / sg if sg else 0.0, ww / wg if wg else 0.0,
                           self.stay[:k].mean() if k else 0.0,
                           self.switch[:k].mean() if k else 0.0])
        labels = ["stay (you)", "switch (you)", "stay (sim.)", "switch (sim.)"]
        counts = [f"{sw}/{sg}" if sg else "–", f"{ww}/{wg}" if wg else "–",
                  f"{values[2]:.0%}" if k else "–", f"{values[3]:.0%}" if k else "–"]
        return Bars("Share of games won", labels, values, (0.0, 1.0), y_label="share won",
                    value_labels=counts, colors=[DATA, SWITCH, DATA, SWITCH], horizontal=True)

    def running_view(self) -> Plot:
        n, k = self.p.doors, self.p.games
        layers: list[Any] = [
            LinesLayer(np.array([0.0, 5.0]), np.full(2, 1 / n), DATA, 1.5, (6, 4),
                       name=f"stay: 1/{n}"),
            LinesLayer(np.array([0.0, 5.0]), np.full(2, (n - 1) / n), SWITCH, 1.5, (6, 4),
                       name=f"switch: {n - 1}/{n}")]
        if k:
            idx = np.unique(np.geomspace(1, k, min(k, LINE_POINTS)).astype(int)) - 1
            x = np.log10(idx + 1.0)
            count = np.arange(1, k + 1)
            for won, color, name in ((self.stay, DATA, "stay"), (self.switch, SWITCH, "switch")):
                share = np.cumsum(won[:k]) / count
                layers.append(LinesLayer(x, share[idx], color, 2.0, name=f"{name}: simulated"))
        ticks = [(float(e), t) for e, t in enumerate(("1", "10", "100", "1k", "10k", "100k"))]
        return Plot(f"{k:,} simulated games" if k else "No games simulated yet",
                    "games (log scale)", "share won", (0.0, 5.0), (0.0, 1.0), layers,
                    x_ticks=ticks)

    def numbers_view(self) -> Table:
        n, k = self.p.doors, self.p.games
        rows = []
        for i, (name, won, theory) in enumerate((("stay", self.stay, 1 / n),
                                                 ("switch", self.switch, (n - 1) / n))):
            w, g = self.hand[i]
            rows.append([name, f"{w} of {g}" if g else "–",
                         f"{int(won[:k].sum()):,} of {k:,}" if k else "–",
                         f"{won[:k].mean():.3f}" if k else "–", f"{theory:.3f}"])
        return Table(f"{n} doors", ["", "by hand", "simulated", "share", "theory"], rows)
