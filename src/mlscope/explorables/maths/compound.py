"""Compound events and counting (Seeing Theory's "Compound Probability"): two circles A and B
you drag in a box of outcomes, a set operation shaded and its probability as an area share,
darts thrown at random to estimate it, and inclusion-exclusion; drawing k balls from an urn
of n, ordered or not, with or without replacement, until the distinct outcomes seen reach
the count the formula gives; and the birthday problem simulated against its closed form.

Every dart, draw and group comes from the seed. tests/unit/test_compound.py checks the lens
area against a fine grid, the counts against ``math.perm``/``math.comb`` and an enumeration
with ``itertools``, and the birthday curve against its product formula and a simulation.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from mlscope.core.colors import DATA
from mlscope.core.explorable import Action, Explorable
from mlscope.core.params import ChoiceParam, FloatParam, IntParam, ParamError, PointsParam
from mlscope.core.story import PLAY, Step
from mlscope.core.views import (
    ImageLayer,
    LabelsLayer,
    LinesLayer,
    Plot,
    PointsLayer,
    ShapesLayer,
    Table,
    View,
)
from mlscope.explorables.maths.revealed import count_buttons

Array = NDArray[np.float64]

BOX_W, BOX_H = 10.0, 6.0
MAX = 20_000
A_COLOR, B_COLOR = "#00897b", "#8e24aa"
EVENT = "#c62828"
OUTSIDE = "#90a4ae"
DRAWN = "#ef9a9a"
EVENTS = ("a", "b", "union", "intersection", "a_not_b", "not_a", "neither", "xor")
EVENT_LABELS = ("A", "B", "A ∪ B (A or B)", "A ∩ B (A and B)", "A − B (A, not B)",
                "Aᶜ (not A)", "(A ∪ B)ᶜ (neither)", "A △ B (exactly one)")
MODES = ("perm", "comb", "power", "multiset")
MODE_LABELS = ("ordered, without replacement", "unordered, without replacement",
               "ordered, with replacement", "unordered, with replacement")
DAYS = 365
MAX_GROUP = 80
SHADE_GRID = (120, 200)
"""Rows and columns of the picture that shades the event."""
DARTS_SHOWN = 3000


def lens_area(ra: float, rb: float, d: float) -> float:
    """The area two circles of radii ra and rb, centres d apart, share."""
    if d >= ra + rb:
        return 0.0
    if d <= abs(ra - rb):
        return math.pi * min(ra, rb) ** 2
    a = ra * ra * math.acos((d * d + ra * ra - rb * rb) / (2 * d * ra))
    b = rb * rb * math.acos((d * d + rb * rb - ra * ra) / (2 * d * rb))
    k = 0.5 * math.sqrt((-d + ra + rb) * (d + ra - rb) * (d - ra + rb) * (d + ra + rb))
    return a + b - k


def event_mask(event: str, in_a: NDArray[np.bool_], in_b: NDArray[np.bool_]
               ) -> NDArray[np.bool_]:
    """Which outcomes are in the event, from which are in A and in B."""
    return {"a": in_a, "b": in_b, "union": in_a | in_b, "intersection": in_a & in_b,
            "a_not_b": in_a & ~in_b, "not_a": ~in_a, "neither": ~(in_a | in_b),
            "xor": in_a ^ in_b}[event]


def event_probability(event: str, pa: float, pb: float, pab: float) -> float:
    """The event's probability from P(A), P(B) and P(A ∩ B) (inclusion-exclusion)."""
    return {"a": pa, "b": pb, "union": pa + pb - pab, "intersection": pab,
            "a_not_b": pa - pab, "not_a": 1 - pa, "neither": 1 - (pa + pb - pab),
            "xor": pa + pb - 2 * pab}[event]


def outcome_count(mode: str, n: int, k: int) -> int:
    """How many outcomes drawing k of n balls has."""
    if mode == "perm":
        return math.perm(n, k)
    if mode == "comb":
        return math.comb(n, k)
    if mode == "power":
        return int(n ** k)
    return math.comb(n + k - 1, k)


def birthday(m: int | NDArray[np.integer], days: int = DAYS) -> Any:
    """P(at least two of m people share a birthday) = 1 − ∏ (days − i)/days, i < m."""
    m = np.asarray(m)
    logs = np.concatenate([[0.0], np.cumsum(np.log1p(-np.arange(days) / days))])
    return 1.0 - np.exp(logs[np.minimum(m, days)])


def _venn(ex: CompoundEvents) -> str:
    p = ex.probabilities()
    label = EVENT_LABELS[EVENTS.index(ex.p.event)].split(" (")[0]
    line = f"P({label}) = **{p['event']:.3f}**, its share of the box."
    if ex.p.darts:
        line += f" {ex.p.darts:,} darts: **{ex.dart_share():.3f}** landed in it."
    return line


def _union(ex: CompoundEvents) -> str:
    p = ex.probabilities()
    return (f"P(A ∪ B) = {p['A']:.3f} + {p['B']:.3f} − {p['AB']:.3f} = "
            f"**{p['A'] + p['B'] - p['AB']:.3f}**")


def _urn(ex: CompoundEvents) -> str:
    total = ex.outcomes()
    if not ex.p.draws:
        return f"There are **{total:,}** possible outcomes. Draw."
    return (f"{ex.p.draws:,} draws showed **{ex.distinct_seen():,}** of the **{total:,}** "
            f"possible outcomes.")


def _birthday(ex: CompoundEvents) -> str:
    m = ex.p.people
    line = (f"{m} people make {m * (m - 1) // 2:,} pairs; P(some pair shares) = "
            f"**{float(birthday(m)):.3f}**.")
    if ex.p.groups:
        line += f" {ex.p.groups:,} groups: **{ex.shared_share():.3f}** had a shared birthday."
    return line


def _to(**values: Any) -> Any:
    def enter(ex: CompoundEvents) -> None:
        new = {k: v for k, v in values.items() if getattr(ex.p, k) != v}
        if new:
            ex.set(**new)
    return enter


COUNTERS = {"dart": "darts", "draw": "draws", "group": "groups"}
"""Button prefix -> the count it adds to."""
STEP_COUNTER = {"sets": "darts", "union": "darts", "urn": "draws", "order": "draws",
                "birthday": "groups"}


class CompoundEvents(Explorable):
    slug = "compound-events"
    title = "Compound events and counting"
    topic = "maths"
    summary = ("Drag two events on a Venn diagram and shade their union, intersection or "
               "complement; count draws from an urn; simulate the birthday problem.")
    params = (
        PointsParam("circles", ((3.8, 3.0, 0), (6.0, 3.2, 1)), x_range=(0.0, BOX_W),
                    y_range=(0.0, BOX_H), n_labels=2, min_points=2, max_points=2,
                    effect="view", label="centres of A and B",
                    doc="The centres of circle A (label 0) and circle B (label 1); drag them."),
        FloatParam("r_a", 1.8, 0.3, 2.9, step=0.05, label="radius of A", effect="view",
                   doc="Circle A's radius; the box is 10 by 6."),
        FloatParam("r_b", 1.5, 0.3, 2.9, step=0.05, label="radius of B", effect="view",
                   doc="Circle B's radius."),
        ChoiceParam("event", "union", options=EVENTS, labels=EVENT_LABELS, label="event",
                    effect="view", doc="Which combination of A and B to shade."),
        IntParam("n", 5, 2, 8, label="balls in the urn n",
                 doc="Balls numbered 1 to n. A new n, k or way of drawing draws again."),
        IntParam("k", 3, 1, 8, label="balls drawn k", doc="How many balls each draw takes."),
        ChoiceParam("mode", "perm", options=MODES, labels=MODE_LABELS, label="drawing",
                    doc="Whether the order counts, and whether a ball goes back before the "
                        "next is taken."),
        IntParam("people", 23, 2, MAX_GROUP, label="people in a group",
                 doc="The group's size. A new size forms new groups."),
        IntParam("darts", 0, 0, MAX, label="darts so far", effect="view", advanced=True,
                 doc="How many of the seed's darts are thrown."),
        IntParam("draws", 0, 0, MAX, label="draws so far", effect="view", advanced=True,
                 doc="How many of the seed's draws are made."),
        IntParam("groups", 0, 0, MAX, label="groups so far", effect="view", advanced=True,
                 doc="How many of the seed's groups are formed."),
    )
    actions = (
        *count_buttons("dart", "10 darts", "Throw ten darts at random into the box.",
                       counts=(10, 100, 1000), each="{n} darts"),
        *count_buttons("draw", "1 draw", "Draw k balls from the urn, once more.",
                       each="{n} draws"),
        *count_buttons("group", "1 group", "Form one more group and look for a shared "
                                           "birthday.", each="{n} groups"),
        Action("reset", "Start again", "No darts, draws or groups."),
    )
    playable = True
    default_speed = 2
    step_name = "trial"
    layout = (("venn", "events"), ("urn", "seen"), ("birthday",))
    export_layout = (("venn", "birthday"),)
    thumbnail_view = "venn"
    captions: ClassVar[dict[str, str]] = {
        "venn": "The box holds every outcome; circles A and B are events (drag their "
                "centres). Shaded: the event chosen. Dots: darts thrown at random.",
        "events": "Each event's probability: its share of the box's area, and of the darts.",
        "urn": "The latest draw: the balls taken, in the order taken.",
        "seen": "How many different outcomes the draws have shown, against how many there "
                "are (dashed).",
        "birthday": "The chance that two people in a group share a birthday, by group size "
                    "(365 equally likely days); the dot: your groups.",
    }
    story_steps = (
        Step("sets", "Events are sets",
             "An event is a set of outcomes: here, a region of the box, and its probability "
             "is its share of the area. Combine two events: A or B (union), A and B "
             "(intersection), not A (complement). Darts thrown at random land in each "
             "region about as often as its area says.",
             views=("venn", "events"), controls=("event", "dart100", "dart1000"),
             highlight=("event",),
             goal="Shade A ∩ B and throw 1,000 darts.",
             done=lambda ex: ex.p.event == "intersection" and ex.p.darts >= 1000,
             live=_venn),
        Step("union", "Inclusion and exclusion",
             "Adding P(A) and P(B) counts the overlap twice, so P(A ∪ B) = P(A) + P(B) − "
             "P(A ∩ B). Drag the circles apart and the overlap, and the correction, vanish: "
             "the events are then mutually exclusive.",
             views=("venn", "events"), controls=("circles", "r_a", "r_b"),
             highlight=("venn",),
             goal="Make A and B mutually exclusive: P(A ∩ B) = 0.",
             done=lambda ex: ex.probabilities()["AB"] == 0.0, live=_union,
             enter=_to(event="union")),
        Step("urn", "Counting draws from an urn",
             "Draw k of n numbered balls, one after another, without putting them back. "
             "There are n choices for the first, n − 1 for the second: n!/(n − k)! "
             "ordered outcomes. Draw until you have seen them all.",
             views=("urn", "seen"), controls=("draw1", "draw10", "draw100", PLAY),
             highlight=("draw10",),
             goal="See every possible outcome.",
             done=lambda ex: ex.p.draws > 0 and ex.distinct_seen() == ex.outcomes(),
             live=_urn, enter=_to(mode="perm")),
        Step("order", "When order does not matter",
             "If only which balls were drawn counts, every set of k balls was counted k! "
             "times: n!/(k!(n − k)!) combinations, “n choose k”. Putting balls back "
             "allows repeats: nᵏ ordered outcomes.",
             views=("seen", "urn"), controls=("mode", "n", "k", "draw100"),
             highlight=("mode",),
             goal="Count the combinations: see every one.",
             done=lambda ex: ex.p.mode == "comb" and ex.p.draws > 0 and
             ex.distinct_seen() == ex.outcomes(), live=_urn),
        Step("birthday", "The birthday problem",
             "In a group of 23, the chance that two share a birthday is over a half, "
             "though 23 is far below 365: it is the 253 pairs that count. The chance no "
             "pair shares is a product of (365 − i)/365.",
             views=("birthday",), controls=("people", "group100", "group1000"),
             highlight=("people",),
             goal="Find the smallest group where a shared birthday is 99 % likely.",
             done=lambda ex: ex.p.people == int(np.argmax(birthday(np.arange(
                 MAX_GROUP + 1)) >= 0.99)), live=_birthday),
    )

    def reset(self) -> None:
        seed = self.p.seed
        rng = np.random.default_rng((seed, 1))
        self._darts = np.column_stack([rng.uniform(0, BOX_W, MAX), rng.uniform(0, BOX_H, MAX)])
        self._draws: NDArray[np.int64] | None = None
        self._groups: NDArray[np.bool_] | None = None
        self._keep_inside()

    def check(self, values: Mapping[str, Any]) -> None:
        if values["k"] > values["n"] and values["mode"] in ("perm", "comb"):
            raise ParamError("k", f"k must be at most n ({values['n']}) when balls are not "
                                  f"put back; got {values['k']}.")
        pts = values.get("circles")
        if pts is not None and sorted(int(p[2]) for p in pts) != [0, 1]:
            raise ParamError("circles", "circles must be A's centre (label 0) and B's "
                                        "(label 1).")

    def changed(self, names: set[str]) -> None:
        if names & {"n", "k", "mode", "seed"}:
            self._draws = None
            self._assign(draws=0)
        if names & {"people", "seed"}:
            self._groups = None
            self._assign(groups=0)
        if "seed" in names:
            self._assign(darts=0)
        if names & {"circles", "r_a", "r_b"}:
            self._keep_inside()
        super().changed(names)

    def _keep_inside(self) -> None:
        """Each circle's centre moved just enough for the circle to fit in the box, and A's
        listed first."""
        out = []
        for x, y, lab in sorted(self.p.circles, key=lambda p: p[2]):
            r = self.p.r_a if lab == 0 else self.p.r_b
            out.append((round(min(max(x, r), BOX_W - r), 3),
                        round(min(max(y, r), BOX_H - r), 3), int(lab)))
        if tuple(out) != tuple(self.p.circles):
            self._assign(circles=tuple(out))

    # --- actions and play ----------------------------------------------------------------

    def act(self, name: str, value: Any = None) -> None:
        for prefix, count in COUNTERS.items():
            rest = name[len(prefix):]
            if name.startswith(prefix) and rest.isdigit():
                self._assign(**{count: min(MAX, getattr(self.p, count) + int(rest))})
                return
        if name == "reset":
            self._assign(darts=0, draws=0, groups=0)
            return
        super().act(name, value)

    def step(self) -> None:
        counts = [STEP_COUNTER[self.p.step]] if self.p.step in STEP_COUNTER else \
            list(COUNTERS.values())
        self._assign(**{c: min(MAX, getattr(self.p, c) + (10 if c == "darts" else 1))
                        for c in counts})

    @property
    def finished(self) -> bool:
        return all(getattr(self.p, c) >= MAX for c in COUNTERS.values())

    # --- the sets -----------------------------------------------------------------------

    def centres(self) -> tuple[tuple[float, float], tuple[float, float]]:
        pts = sorted(self.p.circles, key=lambda p: p[2])
        return (pts[0][0], pts[0][1]), (pts[1][0], pts[1][1])

    def inside(self, x: Array, y: Array) -> tuple[NDArray[np.bool_], NDArray[np.bool_]]:
        (ax, ay), (bx, by) = self.centres()
        return ((x - ax) ** 2 + (y - ay) ** 2 <= self.p.r_a ** 2,
                (x - bx) ** 2 + (y - by) ** 2 <= self.p.r_b ** 2)

    def probabilities(self) -> dict[str, float]:
        (ax, ay), (bx, by) = self.centres()
        box = BOX_W * BOX_H
        pa = math.pi * self.p.r_a ** 2 / box
        pb = math.pi * self.p.r_b ** 2 / box
        pab = lens_area(self.p.r_a, self.p.r_b, math.hypot(ax - bx, ay - by)) / box
        return {"A": pa, "B": pb, "AB": pab,
                "event": event_probability(self.p.event, pa, pb, pab)}

    def dart_share(self, event: str | None = None) -> float:
        d = self._darts[:self.p.darts]
        if not len(d):
            return float("nan")
        in_a, in_b = self.inside(d[:, 0], d[:, 1])
        return float(event_mask(event or self.p.event, in_a, in_b).mean())

    # --- the urn ------------------------------------------------------------------------

    def draws(self) -> NDArray[np.int64]:
        """Every draw of the seed, (MAX, k) ball numbers from 1, in the order taken."""
        if self._draws is None:
            n, k = self.p.n, self.p.k
            rng = np.random.default_rng((self.p.seed, 2, n, k, MODES.index(self.p.mode)))
            if self.p.mode in ("perm", "comb"):
                taken = np.argsort(rng.random((MAX, n)), axis=1)[:, :k]
            else:
                taken = rng.integers(0, n, (MAX, k))
            self._draws = (taken + 1).astype(np.int64)
        return self._draws

    def outcomes(self) -> int:
        return outcome_count(self.p.mode, self.p.n, self.p.k)

    def keys(self) -> NDArray[np.int64]:
        """One number per draw so far naming its outcome (sorted first when order does not
        count)."""
        d = self.draws()[:self.p.draws]
        if self.p.mode in ("comb", "multiset"):
            d = np.sort(d, axis=1)
        return np.asarray(d @ (self.p.n + 1) ** np.arange(self.p.k), dtype=np.int64)

    def distinct_seen(self) -> int:
        return len(np.unique(self.keys()))

    # --- birthdays ----------------------------------------------------------------------

    def shared(self) -> NDArray[np.bool_]:
        """For each of the seed's groups: whether two people in it share a birthday."""
        if self._groups is None:
            rng = np.random.default_rng((self.p.seed, 3, self.p.people))
            days = np.sort(rng.integers(0, DAYS, (MAX, self.p.people)), axis=1)
            self._groups = np.asarray((np.diff(days, axis=1) == 0).any(axis=1))
        return self._groups

    def shared_share(self) -> float:
        g = self.shared()[:self.p.groups]
        return float(g.mean()) if len(g) else float("nan")

    # --- the frame ---------------------------------------------------------------------

    def frame(self) -> dict[str, View]:
        return {"venn": self.venn_view(), "events": self.events_view(),
                "urn": self.urn_view(), "seen": self.seen_view(),
                "birthday": self.birthday_view()}

    def venn_view(self) -> Plot:
        (ax, ay), (bx, by) = self.centres()
        ny, nx = SHADE_GRID
        gx = (np.arange(nx) + 0.5) * BOX_W / nx
        gy = (np.arange(ny) + 0.5) * BOX_H / ny
        xx, yy = np.meshgrid(gx, gy)
        mask = event_mask(self.p.event, *self.inside(xx, yy))
        rgba = np.zeros((ny, nx, 4), dtype=np.uint8)
        rgba[mask] = (198, 40, 40, 70)
        label = EVENT_LABELS[EVENTS.index(self.p.event)].split(" (")[0]
        layers: list[Any] = [ImageLayer(rgba, (0.0, BOX_W), (0.0, BOX_H), name=label)]
        d = self._darts[:min(self.p.darts, DARTS_SHOWN)]
        if len(d):
            hit = event_mask(self.p.event, *self.inside(d[:, 0], d[:, 1]))
            layers.append(PointsLayer(d[~hit, 0], d[~hit, 1], color=OUTSIDE, size=2.5,
                                      stroke="", name="dart outside"))
            layers.append(PointsLayer(d[hit, 0], d[hit, 1], color=EVENT, size=2.5, stroke="",
                                      name=f"dart in {label}"))
        for (cx, cy), r, color, name in (((ax, ay), self.p.r_a, A_COLOR, "A"),
                                         ((bx, by), self.p.r_b, B_COLOR, "B")):
            layers.append(ShapesLayer("ellipse", np.array([cx]), np.array([cy]),
                                      np.array([2 * r]), np.array([2 * r]), stroke=color,
                                      stroke_width=2.4, name=f"event {name}"))
        layers.append(PointsLayer(np.array([ax, bx]), np.array([ay, by]), color=DATA, size=7,
                                  draggable="circles", name="centres (drag)"))
        return Plot(f"P({label}) = {self.probabilities()['event']:.3f}", "", "",
                    (0.0, BOX_W), (0.0, BOX_H), layers, aspect=BOX_W / BOX_H, x_ticks=[],
                    y_ticks=[])

    def events_view(self) -> Table:
        p = self.probabilities()
        rows = []
        for event, label in zip(EVENTS, EVENT_LABELS, strict=True):
            prob = event_probability(event, p["A"], p["B"], p["AB"])
            darts = f"{self.dart_share(event):.3f}" if self.p.darts else "–"
            rows.append([label, f"{prob:.3f}", darts])
        return Table(f"Areas and {self.p.darts:,} darts", ["event", "area share", "darts"],
                     rows)

    def urn_view(self) -> Plot:
        n, k = self.p.n, self.p.k
        layers: list[Any] = []
        xs = np.arange(1, n + 1, dtype=float)
        taken = self.draws()[self.p.draws - 1] if self.p.draws else np.empty(0, dtype=int)
        left = np.ones(n, dtype=bool)
        if self.p.mode in ("perm", "comb"):
            left[taken - 1] = False
        layers.append(PointsLayer(xs[left], np.full(left.sum(), 2.0), color=OUTSIDE, size=22,
                                  stroke="", name="in the urn"))
        layers.append(LabelsLayer(xs[left], np.full(left.sum(), 2.0),
                                  [str(i) for i in range(1, n + 1) if left[i - 1]],
                                  size=13))
        if len(taken):
            tx = np.arange(1, k + 1, dtype=float) * (n + 1) / (k + 1)
            layers.append(PointsLayer(tx, np.full(k, 0.8), color=DRAWN, size=22, stroke="",
                                      name="drawn"))
            layers.append(LabelsLayer(tx, np.full(k, 0.8), [str(int(b)) for b in taken],
                                      size=13))
        mode = MODE_LABELS[MODES.index(self.p.mode)]
        title = f"Draw {self.p.draws:,}: {', '.join(str(int(b)) for b in taken)}" \
            if len(taken) else "No draw yet"
        return Plot(f"{title} ({mode})", "", "", (0.3, n + 0.7), (0.2, 2.6), layers,
                    aspect=2.6, x_ticks=[], y_ticks=[(2.0, "urn"), (0.8, "drawn")])

    def seen_view(self) -> Plot:
        total = self.outcomes()
        k = self.p.draws
        top = max(1.0, float(np.log10(MAX)))
        layers: list[Any] = [LinesLayer(np.array([0.0, top]), np.full(2, float(total)),
                                        DATA, 1.6, (6, 4), name=f"{total:,} possible")]
        if k:
            keys = self.keys()
            first = np.zeros(k, dtype=bool)
            first[np.unique(keys, return_index=True)[1]] = True
            seen = np.cumsum(first)
            idx = np.unique(np.geomspace(1, k, min(k, 300)).astype(int)) - 1
            layers.append(LinesLayer(np.log10(idx + 1.0), seen[idx].astype(float), EVENT, 2.0,
                                     name="different outcomes seen"))
        ticks = [(float(e), t) for e, t in enumerate(("1", "10", "100", "1k", "10k"))]
        formula = {"perm": "n!/(n−k)!", "comb": "n!/(k!(n−k)!)", "power": "nᵏ",
                   "multiset": "(n+k−1)!/(k!(n−1)!)"}[self.p.mode]
        return Plot(f"{formula} = {total:,} outcomes · seen {self.distinct_seen() if k else 0:,}",
                    "draws (log scale)", "different outcomes", (0.0, top),
                    (0.0, total * 1.1), layers, x_ticks=ticks)

    def birthday_view(self) -> Plot:
        m = np.arange(1, MAX_GROUP + 1)
        layers: list[Any] = [
            LinesLayer(np.array([1.0, MAX_GROUP]), np.full(2, 0.5), OUTSIDE, 1.0, (2, 3),
                       name="a half"),
            LinesLayer(m.astype(float), np.asarray(birthday(m), dtype=float), DATA, 2.0,
                       name="1 − ∏ (365 − i)/365")]
        people = self.p.people
        if self.p.groups:
            s = self.shared_share()
            se = math.sqrt(max(s * (1 - s), 1e-12) / self.p.groups)
            layers.append(LinesLayer(np.array([people, people], dtype=float),
                                     np.clip([s - 2 * se, s + 2 * se], 0, 1), EVENT, 2.0))
            layers.append(PointsLayer(np.array([float(people)]), np.array([s]), color=EVENT,
                                      size=6, name=f"{self.p.groups:,} groups of {people}"))
        else:
            layers.append(PointsLayer(np.array([float(people)]),
                                      np.array([float(birthday(people))]), color=DATA,
                                      size=6, name=f"{people} people"))
        return Plot(f"{people} people: P(a shared birthday) = {float(birthday(people)):.3f}",
                    "people in the group", "chance two share a birthday",
                    (1.0, float(MAX_GROUP)), (0.0, 1.0), layers, aspect=2.2)
