"""Taylor series: a function you pick or type and its Taylor polynomial of degree 0 to 15
around a point you drag: the constant, the tangent line, then curves hugging f over a wider
and wider stretch; and the radius of convergence, beyond which more terms make it worse.

The coefficients come from ``maths/power_series.py`` (truncated power series, exact to
rounding, no symbolic algebra). tests/unit/test_taylor.py checks them against closed forms
and SymPy, the polynomial's error against the remainder bound, and the radii of the presets.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from mlscope.core.colors import DATA, MODEL
from mlscope.core.params import IntParam, PointsParam, TextParam
from mlscope.core.story import Step
from mlscope.core.views import AreaLayer, Formula, LinesLayer, Plot, PointsLayer, View
from mlscope.explorables.maths.numbers import fmt
from mlscope.explorables.maths.power_series import NotAnalytic, taylor
from mlscope.explorables.maths.typed_function import TypedFunction, preset_actions

Array = NDArray[np.float64]

X_RANGE = (-4.0, 4.0)
XS = np.linspace(*X_RANGE, 801)
MAX_DEGREE = 15
POLY_COLOR, RADIUS_COLOR = MODEL, "#e0f2f1"

PRESETS: dict[str, tuple[str, str, Callable[[float], float]]] = {
    # label, f, and its radius of convergence around a (the distance to the nearest
    # point where it stops being analytic, in the complex plane)
    "sine": ("sin x", "sin(x)", lambda a: math.inf),
    "exp": ("eˣ", "exp(x)", lambda a: math.inf),
    "log": ("ln(1 + x)", "log(1 + x)", lambda a: abs(1 + a)),
    "geometric": ("1/(1 − x)", "1/(1 - x)", lambda a: abs(1 - a)),
    "bump": ("1/(1 + x²)", "1/(1 + x^2)", lambda a: math.hypot(a, 1.0)),
    "tanh": ("tanh x", "tanh(x)", lambda a: math.hypot(a, math.pi / 2)),
}


def polynomial(c: NDArray[np.float64], a: float, x: Array) -> Array:
    """Σ c_k (x − a)^k by Horner's rule."""
    out = np.zeros_like(x)
    for ck in c[::-1]:
        out = out * (x - a) + ck
    return out


def _fit_live(ex: TaylorSeries) -> str:
    c = ex.coefficients()
    if c is None:
        return f"f has no Taylor series at {fmt(ex.a, 2)} (a corner, a jump or no value)."
    return (f"Degree {ex.p.degree}: within 0.01 of f from x = {fmt(ex.reach()[0], 2)} to "
            f"{fmt(ex.reach()[1], 2)}.")


def _radius_live(ex: TaylorSeries) -> str:
    r = ex.radius()
    if r is None:
        return "The radius of convergence is known here for the presets."
    if math.isinf(r):
        return "This series converges everywhere: more terms always help."
    return (f"Radius of convergence **{fmt(r, 2)}**: the series converges for "
            f"{fmt(ex.a - r, 2)} < x < {fmt(ex.a + r, 2)} and nowhere beyond.")


class TaylorSeries(TypedFunction):
    slug = "taylor"
    title = "Taylor series"
    topic = "maths"
    summary = ("A function and its Taylor polynomial of degree 0 to 15 around a point you "
               "drag: the tangent line, then closer and closer curves, and the radius "
               "beyond which more terms make it worse.")
    params = (
        TextParam("f", "sin(x)", max_len=120, label="f(x) =",
                  doc="A function of x: numbers, x, pi, e, + - * / ^ and sin, cos, exp, log, "
                      "sqrt, tanh, atan and more."),
        PointsParam("centre", ((0.0, 0.0, 0),), x_range=(-3.0, 3.0), y_range=(-10.0, 10.0),
                    min_points=1, max_points=1, snap=0.05, effect="view",
                    label="the centre a",
                    doc="The point the polynomial is built around; drag it along the curve "
                        "(only its x counts)."),
        IntParam("degree", 1, 0, MAX_DEGREE, effect="view", label="degree n",
                 doc="The polynomial's degree, from 0 to 15."),
    )
    presets = PRESETS
    x_sample = XS
    where = "from -4 to 4"
    actions = preset_actions(PRESETS)
    layout = (("curve",), ("terms",))
    export_layout = (("curve",),)
    thumbnail_view = "curve"
    captions: ClassVar[dict[str, str]] = {
        "curve": "f (dark) and its Taylor polynomial around a (magenta); the green band is the "
                 "radius of convergence, where the presets have one. Drag a's point.",
        "terms": "The polynomial: the k-th term is f⁽ᵏ⁾(a)/k! · (x − a)ᵏ.",
    }
    story_steps = (
        Step("tangent", "From a constant to a line",
             "Degree 0 is the constant f(a): right at a, wrong everywhere else. Degree 1 adds "
             "the slope: the tangent line, f(a) + f'(a)(x − a). Each degree matches one more "
             "derivative at a.",
             views=("curve", "terms"), controls=("degree", "centre"),
             highlight=("degree",),
             goal="Show the tangent line at a = 1 (degree 1).",
             done=lambda ex: ex.p.degree == 1 and abs(ex.a - 1.0) < 1e-9, live=_fit_live),
        Step("degree", "More terms, a wider fit",
             "Each term adds the next derivative, divided by k!. The polynomial hugs f over a "
             "wider and wider stretch around a.",
             views=("curve", "terms"), controls=("degree", "f-sine", "f-exp"),
             highlight=("degree",),
             goal="With sin x around 0, stay within 0.01 of it from −3 to 3.",
             done=lambda ex: ex.is_preset("sine") and abs(ex.a) < 1e-9
             and ex.reach()[0] <= -3.0 and ex.reach()[1] >= 3.0, live=_fit_live,
             enter=lambda ex: ex.set(centre=[(0.0, 0.0, 0)]) if ex.a != 0 else None),
        Step("radius", "The radius of convergence",
             "Not every series converges everywhere. ln(1 + x) breaks down at x = −1, and its "
             "series around a converges only within that distance of a: beyond it, more "
             "terms swing wider. Move the centre to move the band.",
             views=("curve", "terms"), controls=("centre", "degree", "f-log", "f-bump"),
             highlight=("f-log",),
             goal="With ln(1 + x), place the centre so that the series reaches x = 2.",
             done=lambda ex: ex.is_preset("log") and (r := ex.radius()) is not None
             and abs(2.0 - ex.a) < r, live=_radius_live),
    )

    # --- the numbers -------------------------------------------------------------------

    @property
    def a(self) -> float:
        return float(self.p.centre[0][0])

    def coefficients(self) -> NDArray[np.float64] | None:
        try:
            return taylor(self.fn, self.a, self.p.degree)
        except NotAnalytic:
            return None

    def radius(self) -> float | None:
        for key, (_, _, r) in PRESETS.items():
            if self.is_preset(key):
                return r(self.a)
        return None

    def reach(self) -> tuple[float, float]:
        """The stretch around a where the polynomial is within 0.01 of f."""
        c = self.coefficients()
        if c is None:
            return (self.a, self.a)
        err = np.abs(polynomial(c, self.a, XS) - self.fn(XS))
        good = ~(err <= 0.01)
        i = int(np.argmin(np.abs(XS - self.a)))
        left = np.flatnonzero(good[:i + 1])
        right = np.flatnonzero(good[i:])
        lo = XS[left[-1] + 1] if len(left) else XS[0]
        hi = XS[i + right[0] - 1] if len(right) else XS[-1]
        return (float(lo), float(hi))

    # --- the frame ---------------------------------------------------------------------

    def frame(self) -> dict[str, View]:
        return {"curve": self.curve_view(), "terms": self.terms_view()}

    def curve_view(self) -> Plot:
        f, a = self.fn, self.a
        ys = f(XS)
        ok = ys[np.isfinite(ys)]
        lo, hi = (float(np.percentile(ok, 1)), float(np.percentile(ok, 99))) if len(ok) \
            else (-1.0, 1.0)
        pad = max(0.25 * (hi - lo), 0.5)
        y_range = (max(lo - pad, -10.0), min(hi + pad, 10.0))
        layers: list[Any] = []
        r = self.radius()
        if r is not None and self.p.step in ("radius", "free"):
            x0, x1 = max(a - r, X_RANGE[0]), min(a + r, X_RANGE[1])
            layers.append(AreaLayer(np.array([x0, x1]), np.full(2, y_range[1]),
                                    np.full(2, y_range[0]), color=RADIUS_COLOR, opacity=0.9,
                                    outline=False, name="where it converges"))
        layers.append(LinesLayer(XS, ys, DATA, 2.2, name=f"f(x) = {self.p.f}"))
        c = self.coefficients()
        fa = float(f(np.array([a]))[0])
        if c is not None:
            p = polynomial(c, a, XS)
            p = np.where(np.abs(p) > 1e3, np.nan, p)  # far off the picture: a gap
            layers.append(LinesLayer(XS, p, POLY_COLOR, 2.0,
                                     name=f"degree {self.p.degree} around a"))
        if np.isfinite(fa):
            layers.append(PointsLayer(np.array([a]), np.array([np.clip(fa, *y_range)]),
                                      color=DATA, size=7, draggable="centre",
                                      name="a (drag)"))
        return Plot(f"f(x) = {self.p.f} around a = {fmt(a, 2)}", "x", "y", X_RANGE, y_range,
                    layers, aspect=1.8)

    def terms_view(self) -> Formula:
        c = self.coefficients()
        a = self.a
        if c is None:
            return Formula(r"\text{no Taylor series here}", title="The polynomial")
        shift = "x" if a == 0 else rf"(x - {fmt(a, 2)})" if a > 0 else \
            rf"(x + {fmt(-a, 2)})"
        terms = []
        for k, ck in enumerate(c):
            if abs(ck) < 1e-14:
                continue
            power = "" if k == 0 else shift if k == 1 else rf"{shift}^{{{k}}}"
            coef = _tex_number(abs(ck))
            body = coef if k == 0 else (power if coef == "1" else rf"{coef}\,{power}")
            terms.append(("-" if ck < 0 else "+", body))
        if not terms:
            return Formula(rf"p_{{{self.p.degree}}}(x) = 0", title="The Taylor polynomial")
        rows, line = [], ""
        for i, (sign, body) in enumerate(terms):
            piece = (("-" if sign == "-" else "") + body) if i == 0 else f" {sign} {body}"
            line += piece
            if (i + 1) % (3 if a == 0 else 2) == 0 and i + 1 < len(terms):
                rows.append(line)
                line = ""
        rows.append(line)
        head = rf"p_{{{self.p.degree}}}(x) &= "
        tex = head + r" \\ &\quad ".join(rows)
        return Formula(r"\begin{aligned}" + tex + r"\end{aligned}",
                       title=f"The Taylor polynomial of degree {self.p.degree}")


def _tex_number(v: float) -> str:
    """A coefficient: 4 decimals, or a power of ten when it is small (1/15! = 7.6·10⁻¹³)."""
    if v >= 1e-3:
        return fmt(v, 4)
    mant, exp = f"{v:.2e}".split("e")
    return rf"{mant.rstrip('0').rstrip('.')} \cdot 10^{{{int(exp)}}}"
