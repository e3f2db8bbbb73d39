"""The derivative as a limit: a function you pick or type, the secant through x and x + h
whose slope (f(x + h) - f(x)) / h settles on one number as h shrinks (the derivative,
f'(x)); the derivative as a function of its own, traced as x slides; and the places where
no such number exists (a corner, a jump), where the slopes from the left and from the right
disagree.

The typed function is read by ``maths/expression.py`` (a whitelist, never ``eval``); the exact
derivative is SymPy's where SymPy is installed, a sixth-order central difference otherwise.
tests/unit/test_derivative.py checks the slopes against closed forms, the exact against the
numerical derivative, and the corner and jump tests.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from mlscope.core.colors import DATA, MODEL
from mlscope.core.params import FloatParam, TextParam
from mlscope.core.story import Step
from mlscope.core.views import Formula, LinesLayer, Plot, PointsLayer, Table, View
from mlscope.explorables.maths.expression import (
    Expression,
    numeric_derivative,
    one_sided_slopes,
)
from mlscope.explorables.maths.numbers import fmt
from mlscope.explorables.maths.typed_function import TypedFunction, preset_actions

Array = NDArray[np.float64]

X_RANGE = (-3.0, 3.0)
XS = np.linspace(*X_RANGE, 601)
H_MIN, H_MAX = 1e-4, 2.0
H_CURVE = np.geomspace(H_MAX, H_MIN, 160)
"""The h at which the slopes view draws the secant's slope, from 2 down to 0.0001."""
RIGHT_COLOR, LEFT_COLOR, TANGENT_COLOR = MODEL, "#00897b", "#2e7d32"
"""The secant to x + h (magenta), the one from x - h (teal), the tangent (green)."""
FLAT = 0.07
"""A traced slope at most this in size counts as a flat tangent (x³ − 3x: within 0.01 of
±1, a slider's step, or what a drag lands on)."""
CORNER = 1e-3
"""Left and right slopes (at h = 1e-6) further apart than this (relative) mean no derivative."""
MAX_TRACE = 400

PRESETS: dict[str, tuple[str, str]] = {
    "square": ("x²", "x^2"),
    "cubic": ("x³ − 3x", "x^3 - 3*x"),
    "sine": ("sin x", "sin(x)"),
    "exp": ("eˣ", "exp(x)"),
    "abs": ("|x|", "abs(x)"),
    "relu": ("ReLU", "relu(x)"),
    "jump": ("a jump", "step(x)"),
    "sigmoid": ("sigmoid", "sigmoid(x)"),
}


def _fmt(v: float, digits: int = 4) -> str:
    return fmt(v, digits)


def secant_slope(f: Expression, x: float, h: float) -> float:
    """(f(x + h) - f(x)) / h."""
    y = f(np.array([x, x + h]))
    return float((y[1] - y[0]) / h)


def _secant_live(ex: Derivative) -> str:
    s, d = ex.slope, ex.exact_at_x
    if not np.isfinite(s):
        return f"f is undefined at x = {_fmt(ex.p.x)} or x + h: move x."
    return (f"h = {_fmt(ex.p.h, 4)}: the secant's slope is **{_fmt(s)}**; the slope at x "
            f"itself is {_fmt(d)}, **{_fmt(abs(s - d))}** away.")


def _limit_live(ex: Derivative) -> str:
    d = ex.exact_at_x
    return (f"As h shrinks the secant's slope settles on f'({_fmt(ex.p.x, 2)}) = "
            f"**{_fmt(d)}**; at h = {_fmt(ex.p.h, 4)} it is {_fmt(ex.slope)}.")


def _trace_live(ex: Derivative) -> str:
    flats = ex.flat_points()
    found = ", ".join(f"x = {_fmt(x, 2)}" for x in flats) or "none yet"
    return (f"At x = {_fmt(ex.p.x, 2)} the slope is **{_fmt(ex.exact_at_x)}**. Flat tangents "
            f"found: {found}.")


def _corner_live(ex: Derivative) -> str:
    left, right = ex.sides()
    if not (np.isfinite(left) and np.isfinite(right)):
        return f"f is undefined next to x = {_fmt(ex.p.x, 2)}."
    if ex.has_derivative():
        return (f"From the left the slope is {_fmt(left, 3)}, from the right "
                f"{_fmt(right, 3)}: they agree, so f'({_fmt(ex.p.x, 2)}) exists.")
    if max(abs(left), abs(right)) > 1e4:
        return (f"f jumps at x = {_fmt(ex.p.x, 2)}: a secant across the jump grows steeper "
                f"without bound as h shrinks (**{_fmt(max(left, right, key=abs), 0)}** at "
                f"h = 0.000001), so there is no derivative.")
    return (f"From the left the slope is **{_fmt(left, 3)}**, from the right **{_fmt(right, 3)}**:"
            f" no single number, so f has no derivative at x = {_fmt(ex.p.x, 2)}.")


class Derivative(TypedFunction):
    slug = "derivative"
    title = "The derivative as a limit"
    topic = "maths"
    summary = ("A secant through x and x + h: shrink h and its slope settles on the "
               "derivative; slide x and trace f' as a function; find where no derivative "
               "exists. Type your own function.")
    params = (
        TextParam("f", "x^2", max_len=120, label="f(x) =",
                  doc="A function of x: numbers, x, pi, e, + - * / ^ and sin, cos, tan, exp, "
                      "log, sqrt, abs, tanh, relu, sigmoid, step and more, e.g. "
                      "x^3 - 3*x or sin(2*x)."),
        FloatParam("x", 1.0, *X_RANGE, step=0.01, effect="view", label="x",
                   doc="Where the slope is taken, from -3 to 3."),
        FloatParam("h", 1.0, H_MIN, H_MAX, log=True, effect="view",
                   label="h (the secant's step)",
                   doc="How far the secant's second point is from x, from 0.0001 to 2."),
    )
    presets = PRESETS
    actions = preset_actions(PRESETS)
    layout = (("curve", "slopes"), ("derivative", "numbers"), ("formula",))
    export_layout = (("curve", "slopes"),)
    thumbnail_view = "curve"
    captions: ClassVar[dict[str, str]] = {
        "curve": "The function and the secant through x and x + h (its rise over its run); "
                 "after the first step, the tangent at x (dashed green).",
        "slopes": "The secant's slope for every h, h shrinking to the right: where f has a "
                  "derivative it levels off there (the dashed green line).",
        "derivative": "The derivative as a function: each x you visit leaves a dot at its "
                      "slope.",
        "numbers": "The secant's slope against the derivative, exact and numerical.",
        "formula": "The definition, and the derivative's formula.",
    }
    story_steps = (
        Step("secant", "Rise over run",
             "The slope of a line through two points of a curve is rise over run. Take the "
             "points at x and x + h: the slope is (f(x + h) − f(x)) / h. A curve's slope "
             "changes from place to place, so make the run h small.",
             views=("curve", "numbers"), controls=("h",), highlight=("h",),
             goal="Shrink h until the secant's slope is within 0.01 of the slope at x.",
             done=lambda ex: abs(ex.slope - ex.exact_at_x) <= 0.01, live=_secant_live),
        Step("limit", "The limit as h → 0",
             "On the right, the secant's slope for every h, with h shrinking to the right. "
             "It levels off at one number: the derivative f'(x), the limit of "
             "(f(x + h) − f(x)) / h as h → 0. Try it at another x, or for another function.",
             views=("curve", "slopes"), controls=("h", "x", "f-sine", "f-exp"),
             highlight=("slopes",),
             goal="Take h down to 0.001 or less.", done=lambda ex: ex.p.h <= 0.001 + 1e-12,
             live=_limit_live),
        Step("trace", "The derivative is a function",
             "Every x has its own slope, so the derivative is a function too. Slide x: each "
             "place leaves a dot at (x, f'(x)). Where the tangent is flat, f' crosses 0: the "
             "tops and bottoms of the curve.",
             views=("curve", "derivative"), controls=("x", "f-cubic", "f-sine"),
             highlight=("x", "f-cubic"),
             goal="With x³ − 3x, find both places where the tangent is flat.",
             done=lambda ex: ex.p.f.replace(" ", "") == "x^3-3*x" and len(ex.flat_points()) >= 2,
             live=_trace_live),
        Step("corner", "Where there is no derivative",
             "At a corner the secants from the left and from the right settle on different "
             "slopes, and at a jump they grow without bound: no single number, no "
             "derivative. ReLU, the favourite activation of neural networks, has such a "
             "corner at 0.",
             views=("curve", "slopes"), controls=("x", "f-abs", "f-relu", "f-jump"),
             highlight=("f-abs", "x"),
             goal="Put x on a corner of |x| or ReLU, where the two slopes disagree.",
             done=lambda ex: ex.p.f in ("abs(x)", "relu(x)") and not ex.has_derivative(),
             live=_corner_live),
    )

    def reset(self) -> None:
        self._trace: dict[float, float] = {}  # filled as x moves, not where it starts

    def changed(self, names: set[str]) -> None:
        if "f" in names:
            self.reset()
        elif "x" in names:
            self._record()

    def _record(self) -> None:
        """The slope at the current x, kept for the traced derivative (bounded)."""
        x = round(float(self.p.x), 2)
        if len(self._trace) < MAX_TRACE or x in self._trace:
            self._trace[x] = self.exact(np.array([x]))[0] if self.has_derivative(x) else np.nan

    # --- the numbers -------------------------------------------------------------------

    def exact(self, x: Array) -> Array:
        """f'(x): SymPy's derivative where SymPy is installed, else sixth-order differences."""
        d = self.fn.derivative()
        return d[0](x) if d is not None else numeric_derivative(self.fn, x)

    @property
    def exact_at_x(self) -> float:
        return float(self.exact(np.array([self.p.x]))[0]) if self.has_derivative() else np.nan

    @property
    def slope(self) -> float:
        return secant_slope(self.fn, self.p.x, self.p.h)

    def sides(self, x: float | None = None) -> tuple[float, float]:
        return one_sided_slopes(self.fn, self.p.x if x is None else x)

    def has_derivative(self, x: float | None = None) -> bool:
        left, right = self.sides(x)
        if not (np.isfinite(left) and np.isfinite(right)):
            return False
        return bool(abs(left - right) <= CORNER * max(1.0, abs(left), abs(right)))

    def corners(self, x: Array, h: float = 1e-6) -> NDArray[np.bool_]:
        """Where f has no derivative on x: undefined, or the one-sided slopes disagree (as
        ``has_derivative``, for many x at once)."""
        f = self.fn
        fx = f(x)
        left, right = (fx - f(x - h)) / h, (f(x + h) - fx) / h
        scale = np.maximum(1.0, np.maximum(np.abs(left), np.abs(right)))
        with np.errstate(invalid="ignore"):
            apart = np.abs(left - right) > CORNER * scale
        return np.asarray(~np.isfinite(left) | ~np.isfinite(right) | apart)

    def flat_points(self) -> list[float]:
        """Visited x with a flat tangent, one per run of neighbouring x (0.3 apart)."""
        xs = sorted(x for x, s in self._trace.items() if np.isfinite(s) and abs(s) <= FLAT)
        out: list[float] = []
        for x in xs:
            if not out or x - out[-1] > 0.3:
                out.append(x)
        return out

    # --- the frame ---------------------------------------------------------------------

    def frame(self) -> dict[str, View]:
        return {"curve": self.curve_view(), "slopes": self.slopes_view(),
                "derivative": self.derivative_view(), "numbers": self.numbers_view(),
                "formula": self.formula_view()}

    def _y_range(self, ys: Array, *keep: float) -> tuple[float, float]:
        """The curve's range (its extremes trimmed, within ±12), widened to show the
        points in ``keep`` (the current x's values) whatever their size."""
        ok = ys[np.isfinite(ys)]
        lo, hi = (float(v) for v in np.percentile(ok, [1, 99])) if len(ok) else (-1.0, 1.0)
        lo, hi = max(lo, -12.0), min(hi, 12.0)
        for v in keep:  # within a million: beyond, the picture says nothing more
            if np.isfinite(v):
                v = float(np.clip(v, -1e6, 1e6))
                lo, hi = min(lo, v), max(hi, v)
        pad = max(0.1 * (hi - lo), 0.25)
        return (lo - pad, hi + pad)

    def curve_view(self) -> Plot:
        f, x, h = self.fn, float(self.p.x), float(self.p.h)
        ys = f(XS)
        layers: list[Any] = [LinesLayer(XS, ys, DATA, 2.0, name=f"f(x) = {self.p.f}")]
        fx, fxh = f(np.array([x, x + h]))
        y_range = self._y_range(ys, fx, fxh)
        corner_step = self.p.step == "corner"
        if self.p.step == "trace":  # the tangent alone: the secant would slope where it is flat
            pass
        elif np.isfinite(fx) and np.isfinite(fxh):
            s = (fxh - fx) / h
            line_x = np.array(X_RANGE)
            layers.append(LinesLayer(line_x, fx + s * (line_x - x), RIGHT_COLOR, 1.5,
                                     name="secant to x + h"))
            layers.append(LinesLayer(np.array([x, x + h, x + h]), np.array([fx, fx, fxh]),
                                     RIGHT_COLOR, 1.2, (4, 3), name="run h, rise"))
            layers.append(PointsLayer(np.array([x, x + h]), np.array([fx, fxh]),
                                      color=RIGHT_COLOR, size=5))
        if corner_step:
            fxl = f(np.array([x - h]))[0]
            if np.isfinite(fx) and np.isfinite(fxl):
                s = (fx - fxl) / h
                line_x = np.array(X_RANGE)
                layers.append(LinesLayer(line_x, fx + s * (line_x - x), LEFT_COLOR, 1.5,
                                         name="secant from x − h"))
                layers.append(PointsLayer(np.array([x - h]), np.array([fxl]),
                                          color=LEFT_COLOR, size=5))
        elif self.p.step != "secant" and self.has_derivative():
            d = self.exact_at_x
            line_x = np.array(X_RANGE)
            layers.append(LinesLayer(line_x, fx + d * (line_x - x), TANGENT_COLOR, 1.5, (6, 4),
                                     name="tangent at x"))
        title = f"f(x) = {self.p.f}" + (f", x = {_fmt(x, 2)}" if np.isfinite(fx) else
                                         f": undefined at x = {_fmt(x, 2)}")
        return Plot(title, "x", "f(x)", X_RANGE, y_range, layers, aspect=1.4)

    def slopes_view(self) -> Plot:
        f, x = self.fn, float(self.p.x)
        fx = f(np.array([x]))[0]
        right = (f(x + H_CURVE) - fx) / H_CURVE
        left = (fx - f(x - H_CURVE)) / H_CURVE
        at = -np.log10(H_CURVE)  # h shrinking to the right
        layers: list[Any] = [LinesLayer(at, right, RIGHT_COLOR, 2.0,
                                        name="slope to x + h")]
        both = np.concatenate([right, [self.slope]])
        if self.p.step in ("corner", "free") or not self.has_derivative():
            layers.append(LinesLayer(at, left, LEFT_COLOR, 2.0, name="slope from x − h"))
            both = np.concatenate([both, left])
        if self.has_derivative():
            d = self.exact_at_x
            layers.insert(0, LinesLayer(np.array([at[0], at[-1]]), np.array([d, d]),
                                        TANGENT_COLOR, 1.5, (6, 4), name=f"f'(x) = {_fmt(d)}"))
            both = np.concatenate([both, [d]])
        s = self.slope
        if np.isfinite(s):
            layers.append(PointsLayer(np.array([-np.log10(self.p.h)]), np.array([s]),
                                      color=RIGHT_COLOR, size=6, name="this h"))
        ticks = [(float(k), _fmt(10.0 ** -k, 4)) for k in (0, 2, 4)]  # room at 480 px
        ok = both[np.isfinite(both)]
        lo, hi = (float(ok.min()), float(ok.max())) if len(ok) else (-1.0, 1.0)
        lo, hi = max(lo, -50.0), min(hi, 50.0)
        for v in (s, self.exact_at_x):  # this h's slope and the limit always in sight
            if np.isfinite(v):
                lo, hi = min(lo, v), max(hi, v)
        pad = max(0.1 * (hi - lo), 0.2)
        return Plot(f"The secant's slope as h → 0 (x = {_fmt(x, 2)})", "h (shrinking →)",
                    "slope", (float(at[0]), float(at[-1])), (lo - pad, hi + pad), layers,
                    aspect=1.4, x_ticks=ticks)

    def derivative_view(self) -> Plot:
        layers: list[Any] = [LinesLayer(np.array(X_RANGE), np.zeros(2), "#b0bec5", 1.0)]
        show_all = self.p.step == "free" or len(self.flat_points()) >= 2
        if show_all:  # broken where there is none (a corner, a jump)
            d = np.where(self.corners(XS), np.nan, self.exact(XS))
            layers.append(LinesLayer(XS, d, TANGENT_COLOR, 1.2, (5, 4), name="f'(x)"))
        xs = np.array(sorted(self._trace))
        ss = np.array([self._trace[x] for x in xs]) if len(xs) else np.zeros(0)
        ok = np.isfinite(ss)
        if ok.any():
            layers.append(PointsLayer(xs[ok], ss[ok], color=TANGENT_COLOR, size=3.5, stroke="",
                                      name="slopes you visited"))
        if self.has_derivative():
            layers.append(PointsLayer(np.array([self.p.x]), np.array([self.exact_at_x]),
                                      color=DATA, size=6, name="this x"))
        ys = np.concatenate([ss[ok], self.exact(XS)])
        return Plot("The derivative f'(x)", "x", "f'(x)", X_RANGE,
                    self._y_range(ys, self.exact_at_x), layers, aspect=1.4)

    def numbers_view(self) -> Table:
        f, x, h = self.fn, float(self.p.x), float(self.p.h)
        fx, fxh = f(np.array([x, x + h]))
        d = self.fn.derivative()
        exact = float(d[0](np.array([x]))[0]) if d is not None else np.nan
        numeric = float(numeric_derivative(f, np.array([x]))[0])
        left, right = self.sides()
        exists = self.has_derivative()
        rows = [["f(x)", _fmt(fx, 6)], ["f(x + h)", _fmt(fxh, 6)],
                ["secant slope (f(x + h) − f(x)) / h", _fmt(self.slope, 6)],
                ["f'(x), exact (SymPy)" if d is not None else "f'(x), exact",
                 (_fmt(exact, 6) if exists else "none") if d is not None
                 else "SymPy is not installed"],
                ["f'(x), numerical (6th-order differences)", _fmt(numeric, 6) if exists
                 else "none"],
                ["slope from the left, from the right", f"{_fmt(left, 3)}, {_fmt(right, 3)}"]]
        if self.p.step == "secant":  # one idea: the secant against the slope it aims at
            rows = [*rows[:3], ["the curve's slope at x", _fmt(self.exact_at_x, 6)]]
        return Table(f"At x = {_fmt(x, 2)}, h = {_fmt(h, 4)}", ["", ""], rows)

    def formula_view(self) -> Formula:
        rows = [r"f'(x) = \lim_{h \to 0} \frac{f(x + h) - f(x)}{h}"]
        d = self.fn.derivative()
        if d is not None:
            rows.append(rf"f(x) = {self.fn.tex()} \quad\Rightarrow\quad f'(x) = {d[1]}")
        return Formula(r"\begin{aligned}" + r"\\[6pt]".join(rows) + r"\end{aligned}",
                       title="The derivative")
