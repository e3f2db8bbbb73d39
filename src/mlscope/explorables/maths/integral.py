"""Integrals as areas: the area under a curve you pick or type, from n rectangles (left,
right or midpoint heights) or trapezoids; the error as n grows, shrinking like 1/n or 1/n²
by the rule; area below the axis counted as negative; and the fundamental theorem of
calculus: the area function A(t) = ∫ₐᵗ f grows at the rate f(t).

f is read by ``maths/expression.py`` (a whitelist, never ``eval``). The reference integral
is SciPy's ``quad``. tests/unit/test_integral.py checks the sums against closed forms
(Σ of x² on a lattice), the error orders against their asymptotic constants, and A(t)
against antiderivatives.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from functools import lru_cache
from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray
from scipy import integrate

from mlscope.core.colors import DATA, LABEL_COLORS
from mlscope.core.params import ChoiceParam, FloatParam, IntParam, TextParam
from mlscope.core.story import Step
from mlscope.core.views import LinesLayer, Plot, PointsLayer, Table, View
from mlscope.explorables.maths.expression import Expression, parse
from mlscope.explorables.maths.numbers import fmt
from mlscope.explorables.maths.typed_function import TypedFunction, preset_actions

Array = NDArray[np.float64]

LIM = 3.0
XS = np.linspace(-LIM, LIM, 601)
POSITIVE, NEGATIVE = LABEL_COLORS[0], LABEL_COLORS[1]
"""Area above the axis (counted +) in blue, below (counted −) in orange: sign, as everywhere."""
RULES = ("left", "right", "midpoint", "trapezoid")
RULE_LABELS = ("left ends", "right ends", "midpoints", "trapezoids")
RULE_COLORS = {"left": "#8e24aa", "right": "#00897b", "midpoint": "#c2185b",
               "trapezoid": "#5d4037"}
N_CURVE = np.unique(np.geomspace(1, 1000, 40).round().astype(int))
MAX_N = 1000

PRESETS: dict[str, tuple[str, str]] = {
    "square": ("x²", "x^2"),
    "sine": ("sin x", "sin(x)"),
    "bell": ("a bell", "exp(-x^2)"),
    "cubic": ("x³ − 2x", "x^3 - 2*x"),
}


def _fmt(v: float, digits: int = 4) -> str:
    return fmt(v, digits)


def riemann(f: Expression, a: float, b: float, n: int, rule: str) -> float:
    """The sum of n strips of width (b - a)/n under f on [a, b] by ``rule``."""
    edges = np.linspace(a, b, n + 1)
    dx = (b - a) / n
    if rule == "trapezoid":
        y = f(edges)
        return float(dx * (y[:-1] + y[1:]).sum() / 2)
    at = {"left": edges[:-1], "right": edges[1:], "midpoint": (edges[:-1] + edges[1:]) / 2}[rule]
    return float(dx * f(at).sum())


def exact(f: Callable[[Array], Array], a: float, b: float) -> float:
    """∫ₐᵇ f by SciPy's adaptive quadrature; NaN where f is undefined on the way or the
    area is infinite (1/x from 0: quad's own error estimate then stays large)."""
    if a == b:
        return 0.0
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # quad warns as it fails to converge: we say so
        value, err = integrate.quad(lambda v: float(f(np.array([v]))[0]), a, b, limit=200)
    if not np.isfinite(value) or err > 1e-6 * max(1.0, abs(value)):
        return float("nan")
    return float(value)


def _sum_live(ex: Integral) -> str:
    s, e = ex.total, ex.area
    return (f"{ex.p.n} {'strip' if ex.p.n == 1 else 'strips'} of width "
            f"{_fmt((ex.p.b - ex.p.a) / ex.p.n)}: the sum is **{_fmt(s)}**, the area "
            f"{_fmt(e)}, **{_fmt(abs(s - e))}** off.")


def _rules_live(ex: Integral) -> str:
    errs = {r: abs(riemann(ex.fn, ex.p.a, ex.p.b, ex.p.n, r) - ex.area) for r in RULES}
    parts = ", ".join(f"{lab} {_fmt(errs[r], 5)}" for r, lab in zip(RULES, RULE_LABELS,
                                                                       strict=True))
    return f"With n = {ex.p.n}, the errors: {parts}."


def _signed_live(ex: Integral) -> str:
    f, a, b = ex.fn, ex.p.a, ex.p.b
    pos = exact(lambda v: np.maximum(f(v), 0.0), a, b)
    neg = exact(lambda v: np.minimum(f(v), 0.0), a, b)
    back = " (b is left of a: going backwards, each strip counts with the other sign)" \
        if b < a else ""
    return (f"Counted +: **{_fmt(pos)}**, counted −: **{_fmt(neg)}**; the integral is their "
            f"sum, **{_fmt(ex.area)}**{back}.")


def _ftc_live(ex: Integral) -> str:
    t = ex.p.t
    ft = float(ex.fn(np.array([t]))[0])
    return (f"A({_fmt(t, 2)}) = **{_fmt(ex.area_to(t))}**, and it grows at the rate "
            f"f({_fmt(t, 2)}) = **{_fmt(ft)}** per unit of t.")


def _runs(lo: Array, hi: Array, y0: Array, y1: Array,
          keep: NDArray[np.bool_]) -> tuple[Array, Array]:
    """The kept strips as polygons, one per run of neighbours: from the axis up the first
    strip's left side, over every top, down the last one's right side; NaN between runs."""
    xs: list[float] = []
    ys: list[float] = []
    idx = np.flatnonzero(keep)
    if not len(idx):
        return np.zeros(0), np.zeros(0)
    breaks = np.flatnonzero(np.diff(idx) > 1) + 1
    for run in np.split(idx, breaks):
        xs.append(float(lo[run[0]]))
        ys.append(0.0)
        top_x = np.column_stack([lo[run], hi[run]]).ravel()
        top_y = np.column_stack([y0[run], y1[run]]).ravel()
        xs += top_x.tolist()
        ys += top_y.tolist()
        xs += [float(hi[run[-1]]), np.nan]
        ys += [0.0, np.nan]
    return np.array(xs[:-1]), np.array(ys[:-1])


@lru_cache(maxsize=256)
def _errors(text: str, a: float, b: float, rule: str) -> Array:
    """|sum − area| of ``rule`` for every n of N_CURVE (once per function and interval)."""
    f, truth = parse(text), _area(text, a, b)
    return np.array([abs(riemann(f, a, b, int(k), rule) - truth) for k in N_CURVE])


@lru_cache(maxsize=512)
def _area(text: str, a: float, b: float) -> float:
    """``exact`` once per function and interval (a frame asks several times)."""
    return exact(parse(text), a, b)


class Integral(TypedFunction):
    slug = "integral"
    title = "Integrals as areas"
    topic = "maths"
    summary = ("The area under a curve from n rectangles or trapezoids, the error as n grows, "
               "area below the axis counted negative, and the fundamental theorem of "
               "calculus. Type your own function.")
    params = (
        TextParam("f", "x^2", max_len=120, label="f(x) =",
                  doc="A function of x: numbers, x, pi, e, + - * / ^ and sin, cos, exp, log, "
                      "sqrt, abs and more, e.g. sin(x) + 1."),
        FloatParam("a", 0.0, -LIM, LIM, step=0.05, effect="view", label="from a",
                   doc="The left end of the interval, from -3 to 3."),
        FloatParam("b", 2.0, -LIM, LIM, step=0.05, effect="view", label="to b",
                   doc="The right end of the interval, from -3 to 3 (b may be below a: the "
                       "integral then changes sign)."),
        IntParam("n", 4, 1, MAX_N, log=True, effect="view", label="n strips",
                 doc="How many strips the interval is cut into, from 1 to 1000."),
        ChoiceParam("rule", "left", options=RULES, labels=RULE_LABELS, effect="view",
                    label="heights from", doc="Where each strip takes its height: the left "
                    "end, the right end, the middle, or a trapezoid between both ends."),
        FloatParam("t", 1.0, -LIM, LIM, step=0.01, effect="view", label="t",
                   doc="The moving end of the area function A(t), from -3 to 3."),
    )
    presets = PRESETS
    actions = preset_actions(PRESETS)
    layout = (("sum", "errors"), ("area", "numbers"))
    export_layout = (("sum", "errors"),)
    thumbnail_view = "sum"
    captions: ClassVar[dict[str, str]] = {
        "sum": "The curve and the strips between a and b; blue counts as +, orange as − "
               "(below the axis, or any strip when b is left of a).",
        "errors": "How far each rule's sum is from the area as n grows (both axes "
                  "logarithmic): the steeper, the faster it closes in.",
        "area": "The area function A(t), the area from a to t; its slope at t is f(t).",
        "numbers": "The sum against the area, SciPy's quad as the reference.",
    }
    story_steps = (
        Step("rectangles", "Area from rectangles",
             "How much area lies under a curve? Cut the interval into n strips, give each the "
             "height of the curve at its left end, and add up the rectangles: height × "
             "width. The more, thinner strips, the closer the sum to the area.",
             views=("sum", "numbers"), controls=("n",), highlight=("n",),
             goal="Make the sum of x² from 0 to 2 land within 0.05 of the area (8/3).",
             done=lambda ex: ex.p.f == "x^2" and ex.p.a == 0 and ex.p.b == 2
             and abs(ex.total - ex.area) <= 0.05, live=_sum_live),
        Step("rules", "Better heights",
             "The left end undershoots a rising curve and the right end overshoots it. The "
             "midpoint, or a trapezoid joining both ends, does much better: each time n grows "
             "10×, their error shrinks 100× (it falls like 1/n²), the others' only 10×.",
             views=("sum", "errors"), controls=("rule", "n"), highlight=("rule", "errors"),
             goal="With at most 10 strips, get within 0.01 of the area of x² from 0 to 2.",
             done=lambda ex: ex.p.f == "x^2" and ex.p.a == 0 and ex.p.b == 2
             and ex.p.n <= 10 and abs(ex.total - ex.area) <= 0.01, live=_rules_live),
        Step("signed", "Below the axis counts as negative",
             "Where the curve dips below the axis, height × width is negative: the integral "
             "adds what lies above and subtracts what lies below. Pick sin x and move the "
             "ends.",
             views=("sum", "numbers"), controls=("f-sine", "a", "b"), highlight=("f-sine",),
             goal="Find an interval at least 2 wide whose integral is 0 (within 0.01), "
                  "though the curve is not.",
             done=lambda ex: abs(ex.p.b - ex.p.a) >= 2 and abs(ex.area) <= 0.01
             and float(np.nanmax(np.abs(ex.fn(np.linspace(ex.p.a, ex.p.b, 50))))) > 0.1,
             live=_signed_live),
        Step("ftc", "The fundamental theorem",
             "Let the right end move: A(t) is the area from a to t. Push t a little further "
             "and the area grows by a thin strip f(t) high, so A grows at the rate f(t): the "
             "derivative of the area function is the function. Integrals and derivatives "
             "undo each other.",
             views=("sum", "area"), controls=("t", "f-sine", "f-bell"), highlight=("t",),
             goal="Slide t to a place where the area stops growing for a moment.",
             done=lambda ex: abs(float(ex.fn(np.array([ex.p.t]))[0])) <= 0.03
             and ex.p.t > ex.p.a, live=_ftc_live,
             # A(t) runs from the left edge, so every t of the picture is past a
             enter=lambda ex: ex.set(a=-3.0) if ex.p.a > -3.0 else None),
    )

    # --- the numbers -------------------------------------------------------------------

    @property
    def rule(self) -> str:
        return str(self.p.rule) if self.p.step not in ("rectangles",) else "left"

    @property
    def total(self) -> float:
        return riemann(self.fn, self.p.a, self.p.b, self.p.n, self.rule)

    @property
    def area(self) -> float:
        return _area(self.p.f, float(self.p.a), float(self.p.b))

    def area_to(self, t: float) -> float:
        return _area(self.p.f, float(self.p.a), float(t))

    # --- the frame ---------------------------------------------------------------------

    def frame(self) -> dict[str, View]:
        return {"sum": self.sum_view(), "errors": self.errors_view(),
                "area": self.area_view(), "numbers": self.numbers_view()}

    def _y_range(self, ys: Array) -> tuple[float, float]:
        ok = ys[np.isfinite(ys)]
        lo, hi = (min(float(ok.min()), 0.0), max(float(ok.max()), 0.0)) if len(ok) else (-1, 1)
        lo, hi = max(lo, -12.0), min(hi, 12.0)
        pad = max(0.08 * (hi - lo), 0.2)
        return (lo - pad, hi + pad)

    def _strips(self, a: float, b: float, n: int, rule: str) -> list[Any]:
        """The strips as filled polygons, blue above the axis and orange below."""
        f = self.fn
        edges = np.linspace(a, b, n + 1)
        lo, hi = edges[:-1], edges[1:]
        if rule == "trapezoid":
            y0, y1 = f(lo), f(hi)
        else:
            at = {"left": lo, "right": hi, "midpoint": (lo + hi) / 2}[rule]
            y0 = y1 = f(at)
        layers: list[Any] = []
        sign = np.sign((y0 + y1) / 2) * np.sign(b - a if b != a else 1.0)
        ok = np.isfinite(y0) & np.isfinite(y1)
        for mask, color, name in ((sign >= 0, POSITIVE, "counted +"),
                                  (sign < 0, NEGATIVE, "counted −")):
            # each run of neighbouring strips of one sign is one polygon, along the axis and
            # over the strips' tops: no inner edges for the rasteriser with 1,000 strips.
            # Both keys always, even with no strip of a sign: the legend keeps its size, so
            # the picture does not jump (and redraw the page) as n moves.
            xs, ys = _runs(lo, hi, y0, y1, mask & ok)
            layers.append(LinesLayer(xs, ys, color, 0.0, fill=color, fill_opacity=0.35,
                                     name=name))
        if n <= 60:  # each strip's outline, while the strips can be told apart
            k = np.flatnonzero(ok)
            nan = np.full(len(k), np.nan)
            layers.append(LinesLayer(
                np.column_stack([lo[k], hi[k], hi[k], lo[k], lo[k], nan]).ravel(),
                np.column_stack([np.zeros(len(k)), np.zeros(len(k)), y1[k], y0[k],
                                 np.zeros(len(k)), nan]).ravel(), "#78909c", 0.8))
        return layers

    def sum_view(self) -> Plot:
        f, a, b, n = self.fn, float(self.p.a), float(self.p.b), int(self.p.n)
        ys = f(XS)
        ftc = self.p.step == "ftc"
        if ftc:  # the area from a to t, in many thin strips
            layers = self._strips(a, float(self.p.t), 400, "midpoint")
        else:
            layers = self._strips(a, b, n, self.rule)
        layers.append(LinesLayer(np.array([-LIM, LIM]), np.zeros(2), "#90a4ae", 1.0))
        layers.append(LinesLayer(XS, ys, DATA, 2.0, name=f"f(x) = {self.p.f}"))
        if ftc:
            t = float(self.p.t)
            ft = float(f(np.array([t]))[0])
            layers.append(PointsLayer(np.array([t]), np.array([ft if np.isfinite(ft) else 0]),
                                      color=DATA, size=6, name="t"))
            title = f"A({_fmt(t, 2)}) = the area from {_fmt(a, 2)} to {_fmt(t, 2)}"
        else:
            how = RULE_LABELS[RULES.index(self.rule)]
            title = (f"{n} {'strip' if n == 1 else 'strips'} ({how}): {_fmt(self.total)} "
                     f"against {_fmt(self.area)}")
        return Plot(title, "x", "f(x)", (-LIM, LIM), self._y_range(ys), layers, aspect=1.4)

    def errors_view(self) -> Plot:
        a, b = float(self.p.a), float(self.p.b)
        truth = self.area
        layers: list[Any] = []
        lows: list[float] = []
        shown = RULES if self.p.step != "rectangles" else ("left",)
        for rule in shown:
            err = _errors(self.p.f, a, b, rule)
            ok = err > 1e-14
            if ok.any():
                ly = np.log10(err[ok])
                lows.append(float(ly.min()))
                lows.append(float(ly.max()))
                layers.append(LinesLayer(np.log10(N_CURVE[ok]), ly, RULE_COLORS[rule],
                                         2.5 if rule == self.rule else 1.2,
                                         name=RULE_LABELS[RULES.index(rule)]))
        now = abs(self.total - truth)
        if now > 1e-14:
            layers.append(PointsLayer(np.array([np.log10(self.p.n)]), np.array([np.log10(now)]),
                                      color=RULE_COLORS[self.rule], size=6, name="now"))
            lows.append(float(np.log10(now)))
        lo, hi = (min(lows), max(lows)) if lows else (-6.0, 0.0)
        lo, hi = np.floor(lo), np.ceil(hi) + 0.2
        ticks_y = [(float(k), f"1e{int(k)}" if k < -2 or k > 2 else _fmt(10.0 ** k, 3))
                   for k in np.arange(lo, hi + 0.01, max(1, round((hi - lo) / 6)))]
        return Plot("Error against n", "n strips", "|sum − area|", (0.0, 3.0), (lo, hi),
                    layers, aspect=1.4, x_ticks=[(0.0, "1"), (1.0, "10"), (2.0, "100"),
                                                 (3.0, "1000")], y_ticks=ticks_y)

    def area_view(self) -> Plot:
        f, a, t = self.fn, float(self.p.a), float(self.p.t)
        ts = np.linspace(-LIM, LIM, 241)
        ys = f(ts)
        # A on the grid by the cumulative trapezoid rule from a (fine grid: 240 steps)
        ok = np.where(np.isfinite(ys), ys, 0.0)
        cum = np.concatenate([[0.0], np.cumsum((ok[1:] + ok[:-1]) / 2 * np.diff(ts))])
        big = np.interp(a, ts, cum)
        area = cum - big
        at = self.area_to(t)
        ft = float(f(np.array([t]))[0])
        layers: list[Any] = [LinesLayer(ts, area, DATA, 2.0,
                                        name="A(t)")]
        if np.isfinite(ft):
            span = np.array([t - 0.8, t + 0.8])
            layers.append(LinesLayer(span, at + ft * (span - t), "#2e7d32", 1.6, (6, 4),
                                     name=f"slope f(t) = {_fmt(ft, 3)}"))
        layers.append(PointsLayer(np.array([t]), np.array([at]), color=DATA, size=6))
        return Plot(f"A(t) = ∫ from {_fmt(a, 2)} to t", "t", "A(t)", (-LIM, LIM),
                    self._y_range(area), layers, aspect=1.4)

    def numbers_view(self) -> Table:
        a, b, n = float(self.p.a), float(self.p.b), int(self.p.n)
        s, e = self.total, self.area
        rows = [["the interval", f"[{_fmt(a, 2)}, {_fmt(b, 2)}]"], ["strips", f"{n}"],
                ["width of each", _fmt((b - a) / n, 5)],
                [f"sum ({RULE_LABELS[RULES.index(self.rule)]})", _fmt(s, 6)],
                ["area (SciPy quad)", _fmt(e, 6)], ["error", _fmt(abs(s - e), 6)]]
        return Table(f"∫ of {self.p.f}", ["", ""], rows)
