"""Conditional probability: balls fall at random places across a floor, through two shelves A
and B you drag; the share of balls each shelf catches is its probability, the balls through
both are A ∩ B, and among the balls through B the share also through A is P(A | B) =
P(A ∩ B) / P(B) (setosa's "Conditional Probability", Explained Visually).

A ball's place is uniform on [0, 1], from the seed, so a shelf's probability is its width
and P(A ∩ B) the width the shelves share. tests/unit/test_conditional.py checks the counts
against numpy and the shares against those widths within binomial error.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from mlscope.core.colors import DATA
from mlscope.core.explorable import Action
from mlscope.core.params import IntParam, ParamError, PointsParam
from mlscope.core.story import PLAY, Step
from mlscope.core.views import Formula, LinesLayer, Plot, PointsLayer, ShapesLayer, Table, View
from mlscope.explorables.maths.revealed import Revealed, count_buttons

Array = NDArray[np.float64]

MAX_BALLS = 20_000
HEIGHT = {0: 0.72, 1: 0.42}
"""The heights of shelves A (label 0) and B (label 1) in the drop view."""
TOP, FLOOR = 0.98, 0.12
IN_FLIGHT = 40
"""The newest this many balls are drawn falling, one step apart; older ones lie on the floor."""
ON_FLOOR = 400
A_COLOR, B_COLOR, BOTH_COLOR, NONE_COLOR = "#8e24aa", "#00897b", "#c62828", "#b0bec5"
MIN_WIDTH = 0.01
DEFAULT_SHELVES = ((0.1, HEIGHT[0], 0), (0.45, HEIGHT[0], 0),
                   (0.35, HEIGHT[1], 1), (0.85, HEIGHT[1], 1))


def shelf(points: tuple[tuple[float, float, int], ...], label: int) -> tuple[float, float]:
    """Shelf ``label``'s (left, right) ends from its two handles."""
    xs = sorted(p[0] for p in points if p[2] == label)
    return xs[0], xs[-1]


def overlap(a: tuple[float, float], b: tuple[float, float]) -> float:
    return max(0.0, min(a[1], b[1]) - max(a[0], b[0]))


def _counts(ex: Conditional) -> str:
    n = ex.p.balls
    if not n:
        return "Drop a ball."
    c = ex.counts()
    return (f"{n:,} balls: **{c['A']:,}** hit A, a share of **{c['A'] / n:.3f}**; "
            f"A is {ex.a[1] - ex.a[0]:.2f} of the floor wide.")


def _both(ex: Conditional) -> str:
    n = ex.p.balls
    if not n:
        return "Drop balls."
    c = ex.counts()
    return (f"**{c['AB']:,}** of {n:,} balls hit both: P(A ∩ B) ≈ **{c['AB'] / n:.3f}**; "
            f"the shelves share {ex.theory()['AB']:.2f} of the floor.")


def _given(ex: Conditional) -> str:
    c = ex.counts()
    if not c["B"]:
        return "Drop balls until some hit B."
    return (f"Of the **{c['B']:,}** balls that hit B, **{c['AB']:,}** also hit A: "
            f"P(A | B) ≈ **{c['AB'] / c['B']:.3f}** (the widths say "
            f"{ex.theory()['A|B']:.3f}).")


def _independent(ex: Conditional) -> str:
    t = ex.theory()
    return (f"P(A) = **{t['A']:.3f}**, P(A | B) = **{t['A|B']:.3f}**; P(A)·P(B) = "
            f"{t['A'] * t['B']:.3f} against P(A ∩ B) = {t['AB']:.3f}.")


def _independent_goal(ex: Conditional) -> bool:
    t = ex.theory()
    return bool(0.2 <= t["A"] <= 0.8 and 0.2 <= t["B"] <= 0.8 and
                abs(t["A|B"] - t["A"]) <= 0.02)


class Conditional(Revealed):
    slug = "conditional"
    title = "Conditional probability"
    topic = "maths"
    summary = ("Balls fall through two shelves you drag: P(A), P(A and B), and P(A given B) "
               "counted as they land, and what makes two events independent.")
    params = (
        PointsParam("shelves", DEFAULT_SHELVES, x_range=(0.0, 1.0), y_range=(0.0, 1.0),
                    n_labels=2, min_points=4, max_points=4, effect="view",
                    label="shelf ends",
                    doc="The two ends of shelf A (label 0) and of shelf B (label 1), as x "
                        "along the floor from 0 to 1; drag them in the picture."),
        IntParam("balls", 0, 0, MAX_BALLS, label="balls so far", effect="view",
                 advanced=True, doc="How many of the seed's balls have fallen."),
    )
    actions = (
        *count_buttons("drop", "1 ball", "Drop one more ball."),
        Action("reset", "Start again", "No balls."),
    )
    playable = True
    default_speed = 3
    step_name = "ball"
    count, most, prefix = "balls", MAX_BALLS, "drop"
    layout = (("drop", "given"), ("numbers", "formula"))
    export_layout = (("drop", "given"),)
    thumbnail_view = "drop"
    thumbnail_steps = 300
    captions: ClassVar[dict[str, str]] = {
        "drop": "Balls fall straight down at random places; a ball takes the colour of the "
                "shelves it passed. Drag a shelf's ends (the dark handles).",
        "given": "Top (all): the floor, with the shelves' spans. Bottom (B): only B's span, "
                 "stretched to the full width; the red part is where A overlaps it.",
        "numbers": "Counts and shares of the balls so far, against the shelves' widths.",
        "formula": "The definition of P(A | B), with the counts so far.",
    }
    story_steps = (
        Step("fall", "A shelf catches its share",
             "Balls fall at random places across the floor. Those that pass through shelf A "
             "turn purple. The share of balls that hit A is P(A); as more fall, it settles "
             "on A's share of the floor's width.",
             views=("drop", "numbers"), controls=("drop1", "drop10", PLAY),
             highlight=("drop10",),
             goal="Drop 200 balls.", done=lambda ex: ex.p.balls >= 200, live=_counts),
        Step("both", "A and B",
             "A ball can pass through both shelves: the event A ∩ B, “A and B”. Its "
             "chance is the width the shelves share. Drag a shelf's ends to change it.",
             views=("drop", "numbers"), controls=("drop100", "shelves"),
             highlight=("drop",),
             goal="Make the shelves share at least a fifth of the floor.",
             done=lambda ex: ex.theory()["AB"] >= 0.2, live=_both),
        Step("given", "Given B",
             "Now look only at the balls that hit B. Among them, the share that also hit A "
             "is P(A | B), “A given B”: B becomes the whole world, so "
             "P(A | B) = P(A ∩ B) / P(B).",
             views=("given", "formula"), controls=("drop100", "shelves"),
             highlight=("given",),
             goal="Make every ball that hits B hit A too.",
             done=lambda ex: ex.theory()["A|B"] >= 0.999, live=_given),
        Step("independent", "Independent events",
             "Knowing a ball hit B usually changes the chance it hit A. When it does not, "
             "P(A | B) = P(A), A and B are independent, and P(A ∩ B) = P(A)·P(B).",
             views=("given", "numbers"), controls=("shelves", "drop1000"),
             highlight=("shelves",),
             goal="With each shelf between a fifth and four fifths of the floor, make "
                  "P(A | B) within 0.02 of P(A).",
             done=_independent_goal, live=_independent),
    )

    def reset(self) -> None:
        self._x = np.random.default_rng((self.p.seed, 7)).uniform(0.0, 1.0, MAX_BALLS)
        self._snap()

    def _snap(self) -> None:
        """Shelf A's ends first, then B's, each at its shelf's height (a dragged end keeps
        only its x); the drop view's handles are the points in this order."""
        snapped = tuple((x, HEIGHT[int(lab)], int(lab)) for x, _, lab in
                        sorted(self.p.shelves, key=lambda p: p[2]))
        if snapped != tuple(self.p.shelves):
            self._assign(shelves=snapped)

    def check(self, values: Mapping[str, Any]) -> None:
        pts = values.get("shelves")
        if pts is None:
            return
        labels = sorted(int(p[2]) for p in pts)
        if labels != [0, 0, 1, 1]:
            raise ParamError("shelves", "shelves must be two ends of shelf A (label 0) and "
                                        f"two of shelf B (label 1); got labels {labels}.")
        for lab, name in ((0, "A"), (1, "B")):
            lo, hi = shelf(pts, lab)
            if hi - lo < MIN_WIDTH:
                raise ParamError("shelves", f"shelf {name} must be at least {MIN_WIDTH} "
                                            f"wide; got {hi - lo:.3f}.")

    def changed(self, names: set[str]) -> None:
        if "shelves" in names:
            self._snap()
        super().changed(names)

    @property
    def a(self) -> tuple[float, float]:
        return shelf(self.p.shelves, 0)

    @property
    def b(self) -> tuple[float, float]:
        return shelf(self.p.shelves, 1)

    def hits(self, x: Array) -> tuple[NDArray[np.bool_], NDArray[np.bool_]]:
        (a0, a1), (b0, b1) = self.a, self.b
        return (x >= a0) & (x <= a1), (x >= b0) & (x <= b1)

    def counts(self) -> dict[str, int]:
        """Balls so far through A, through B, through both."""
        in_a, in_b = self.hits(self._x[:self.p.balls])
        return {"A": int(in_a.sum()), "B": int(in_b.sum()), "AB": int((in_a & in_b).sum())}

    def theory(self) -> dict[str, float]:
        """The probabilities the widths give."""
        (a0, a1), (b0, b1) = self.a, self.b
        both = overlap(self.a, self.b)
        return {"A": a1 - a0, "B": b1 - b0, "AB": both, "A|B": both / (b1 - b0),
                "B|A": both / (a1 - a0)}

    # --- the frame ---------------------------------------------------------------------

    def frame(self) -> dict[str, View]:
        return {"drop": self.drop_view(), "given": self.given_view(),
                "numbers": self.numbers_view(), "formula": self.formula_view()}

    def _colored(self, x: Array, y: Array, passed_a: NDArray[np.bool_],
                 passed_b: NDArray[np.bool_], size: float, named: bool) -> list[Any]:
        layers: list[Any] = []
        for mask, color, name in ((~passed_a & ~passed_b, NONE_COLOR, "missed both"),
                                  (passed_a & ~passed_b, A_COLOR, "hit A"),
                                  (~passed_a & passed_b, B_COLOR, "hit B"),
                                  (passed_a & passed_b, BOTH_COLOR, "hit A and B")):
            if mask.any():
                layers.append(PointsLayer(x[mask], y[mask], color=color, size=size, stroke="",
                                          name=name if named else ""))
        return layers

    def drop_view(self) -> Plot:
        n = self.p.balls
        only_a = self.p.step == "fall"  # the first step is about one shelf
        layers: list[Any] = []
        for lab, color, name in ((0, A_COLOR, "shelf A"), (1, B_COLOR, "shelf B")):
            if lab == 1 and only_a:
                continue
            lo, hi = shelf(self.p.shelves, lab)
            layers.append(LinesLayer(np.array([lo, hi]), np.full(2, HEIGHT[lab]), color, 7.0,
                                     name=name))
        layers.append(LinesLayer(np.array([0.0, 1.0]), np.full(2, FLOOR - 0.01), DATA, 1.5))
        first_flying = max(0, n - IN_FLIGHT)
        floor = np.arange(max(0, first_flying - ON_FLOOR), first_flying)
        if len(floor):  # the floor's balls: the latest ON_FLOOR landed, in a jittered band
            x = self._x[floor]
            y = 0.015 + 0.09 * ((floor * 0.618034) % 1.0)
            in_a, in_b = self.hits(x)
            layers += self._colored(x, y, in_a, in_b & (not only_a), 3.0, named=False)
        flying = np.arange(first_flying, n)
        if len(flying):  # newest at the top, each step one rung lower
            age = n - 1 - flying
            y = TOP - (age + 0.5) * (TOP - FLOOR) / IN_FLIGHT
            x = self._x[flying]
            in_a, in_b = self.hits(x)
            layers += self._colored(x, y, in_a & (y < HEIGHT[0]),
                                    in_b & (y < HEIGHT[1]) & (not only_a), 6.0, named=True)
        ends = np.array(self.p.shelves, dtype=float).reshape(-1, 3)
        if only_a:
            ends = ends[ends[:, 2] == 0]
        layers.append(PointsLayer(ends[:, 0], ends[:, 1], color=DATA, size=7,
                                  draggable="shelves", name="shelf ends (drag)"))
        return Plot(f"{n:,} {'ball' if n == 1 else 'balls'} dropped", "where it falls", "",
                    (0.0, 1.0), (0.0, 1.0), layers, aspect=1.25, y_ticks=[])

    def given_view(self) -> Plot:
        (a0, a1), (b0, b1) = self.a, self.b
        t = self.theory()
        o0, o1 = max(a0, b0), min(a1, b1)
        wb = b1 - b0
        xs, ys, ws, hs, fills = [], [], [], [], []

        def rect(lo: float, hi: float, y: float, h: float, color: str) -> None:
            xs.append((lo + hi) / 2)
            ys.append(y)
            ws.append(hi - lo)
            hs.append(h)
            fills.append(color)

        rect(0.0, 1.0, 1.55, 0.5, NONE_COLOR)  # the whole floor
        rect(a0, a1, 1.68, 0.22, A_COLOR)
        rect(b0, b1, 1.42, 0.22, B_COLOR)
        rect(0.0, 1.0, 0.5, 0.5, B_COLOR)  # B's span, stretched
        if o1 > o0:
            rect((o0 - b0) / wb, (o1 - b0) / wb, 0.5, 0.5, BOTH_COLOR)
        layers: list[Any] = []
        for color, name in ((NONE_COLOR, "floor"), (A_COLOR, "A"), (B_COLOR, "B"),
                            (BOTH_COLOR, "A ∩ B")):
            idx = [i for i, f in enumerate(fills) if f == color]
            if idx:
                layers.append(ShapesLayer("rect", np.array(xs)[idx], np.array(ys)[idx],
                                          np.array(ws)[idx], np.array(hs)[idx], fill=color,
                                          opacity=0.75, stroke="", name=name))
        # guides from B's ends down to the stretched copy's ends
        layers.append(LinesLayer(np.array([b0, 0.0, np.nan, b1, 1.0]),
                                 np.array([1.31, 0.75, np.nan, 1.31, 0.75]), DATA, 1.0, (3, 3)))
        c = self.counts()
        seen = f" · balls: {c['AB'] / c['B']:.3f}" if c["B"] else ""
        return Plot(f"P(A | B) = {t['AB']:.2f} / {t['B']:.2f} = {t['A|B']:.3f}{seen}",
                    "share", "", (0.0, 1.0),
                    (0.0, 2.0), layers, aspect=1.6,
                    y_ticks=[(0.5, "B"), (1.55, "all")])

    def numbers_view(self) -> Table:
        n = self.p.balls
        c, t = self.counts(), self.theory()

        def share(k: int, of: int) -> str:
            return f"{k / of:.3f}" if of else "–"

        rows = [["P(A)", f"{c['A']:,} of {n:,}", share(c["A"], n), f"{t['A']:.3f}"],
                ["P(B)", f"{c['B']:,} of {n:,}", share(c["B"], n), f"{t['B']:.3f}"],
                ["P(A ∩ B)", f"{c['AB']:,} of {n:,}", share(c["AB"], n), f"{t['AB']:.3f}"],
                ["P(A | B)", f"{c['AB']:,} of {c['B']:,}", share(c["AB"], c["B"]),
                 f"{t['A|B']:.3f}"],
                ["P(B | A)", f"{c['AB']:,} of {c['A']:,}", share(c["AB"], c["A"]),
                 f"{t['B|A']:.3f}"]]
        if self.p.step == "fall":
            rows = rows[:1]
        return Table(f"{n:,} balls", ["", "balls", "share", "widths"], rows)

    def formula_view(self) -> Formula:
        c, t = self.counts(), self.theory()
        rows = [r"P(A \mid B) &= \frac{P(A \cap B)}{P(B)}",
                rf"\text{{widths: }} &= \frac{{{t['AB']:.3f}}}{{{t['B']:.3f}}} = {t['A|B']:.3f}"]
        if c["B"]:
            rows.append(rf"\text{{balls: }} &\approx \frac{{{c['AB']:,}}}{{{c['B']:,}}} = "
                        rf"{c['AB'] / c['B']:.3f}".replace(",", "{,}"))
        return Formula(r"\begin{aligned}" + r"\\".join(rows) + r"\end{aligned}",
                       title="Given B: count only B's balls")
