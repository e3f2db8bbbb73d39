"""Regression as statistics: the least-squares line through points you drag, how sure we can
be of it (the confidence band for the line, the prediction band for a new point, the
slope's t test and the F test), how much it explains (R² as shares of the sums of squares),
its residuals; and a hidden common cause that makes two unrelated things correlate until
like is compared with like (Seeing Theory's "Regression Analysis").

Points come from the seed: y = 1 + βx + ε in the "linear" world; in the "confounded" one
the day's weather (cool, mild, hot: each point's label) drives both x and y, and x does
nothing to y. tests/unit/test_regression_inference.py checks the fit against
``scipy.stats.linregress``, the bands and tests against their closed forms with
``scipy.stats.t`` and ``scipy.stats.f``, and the adjusted slope against ``numpy.linalg.lstsq``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray
from scipy import stats

from mlscope.core.colors import DATA, MODEL, RESIDUAL
from mlscope.core.explorable import Action, Explorable
from mlscope.core.params import (
    BoolParam,
    ChoiceParam,
    FloatParam,
    IntParam,
    ParamError,
    PointsParam,
)
from mlscope.core.story import Step
from mlscope.core.views import AreaLayer, Bars, LinesLayer, Plot, PointsLayer, Table, View

Array = NDArray[np.float64]

X_BOX = (0.0, 10.0)
Y_BOX = (-12.0, 16.0)
GRID = np.linspace(*X_BOX, 201)
TRUTH = "#2e7d32"
PREDICT = "#f3c5d8"
"""The prediction band: the model's colour, lighter."""
WEATHER = ("cool", "mild", "hot")
WEATHER_COLORS = ("#00838f", "#9e9d24", "#c62828")
WORLDS = ("linear", "confounded")
WORLD_LABELS = ("y depends on x", "a hidden cause drives both")
AXES = {"linear": ("x", "y"),
        "confounded": ("ice creams sold (hundreds)", "sunburns seen")}


@dataclass
class Fit:
    """Ordinary least squares of y on x: y ≈ a + b·x."""

    x: Array
    y: Array
    a: float
    b: float
    s: float
    """The residuals' standard error, √(SSE / (n − 2))."""
    sxx: float
    sse: float
    sst: float

    @property
    def n(self) -> int:
        return len(self.x)

    @property
    def df(self) -> int:
        return self.n - 2

    @property
    def r2(self) -> float:
        return 1.0 - self.sse / self.sst if self.sst > 0 else float("nan")

    @property
    def residuals(self) -> Array:
        return self.y - (self.a + self.b * self.x)

    def se_slope(self) -> float:
        return float(self.s / np.sqrt(self.sxx))

    def se_intercept(self) -> float:
        return float(self.s * np.sqrt(1.0 / self.n + self.x.mean() ** 2 / self.sxx))

    def t_slope(self) -> tuple[float, float]:
        """The slope's t statistic and its two-sided p-value (H0: slope 0)."""
        t = self.b / self.se_slope() if self.s > 0 else float("inf")
        return float(t), float(2 * stats.t.sf(abs(t), self.df))

    def f_test(self) -> tuple[float, float]:
        """F = (SSR / 1) / (SSE / (n − 2)) and its p-value; equal to the slope's t², p."""
        ssr = self.sst - self.sse
        f = ssr / (self.sse / self.df) if self.sse > 0 else float("inf")
        return float(f), float(stats.f.sf(f, 1, self.df))

    def band(self, x: Array, level: float, new_point: bool) -> tuple[Array, Array]:
        """The confidence band of the line (``new_point`` False) or the prediction band of a
        new observation at x: ŷ ± t · s · √((1 if new) + 1/n + (x − x̄)²/Sxx)."""
        t = stats.t.ppf((1 + level) / 2, self.df)
        half = t * self.s * np.sqrt((1.0 if new_point else 0.0) + 1.0 / self.n +
                                    (x - self.x.mean()) ** 2 / self.sxx)
        y = self.a + self.b * x
        return y - half, y + half


def least_squares(x: Array, y: Array) -> Fit:
    xm, ym = x.mean(), y.mean()
    sxx = float(((x - xm) ** 2).sum())
    b = float(((x - xm) * (y - ym)).sum() / sxx)
    a = float(ym - b * xm)
    sse = float(((y - a - b * x) ** 2).sum())
    return Fit(x, y, a, b, float(np.sqrt(sse / (len(x) - 2))), sxx, sse,
               float(((y - ym) ** 2).sum()))


def adjusted_slope(x: Array, y: Array, group: NDArray[np.integer]
                   ) -> tuple[float, float, float, Array]:
    """x's slope when each group has its own intercept (y ≈ a_g + b·x, the groups' lines
    parallel): b, its standard error, its two-sided p-value, and the intercepts a_g
    (NaN for an empty group)."""
    groups = np.unique(group)
    design = np.column_stack([x] + [(group == g).astype(float) for g in groups])
    coef, *_ = np.linalg.lstsq(design, y, rcond=None)
    resid = y - design @ coef
    df = len(y) - design.shape[1]
    s2 = float(resid @ resid) / df
    cov = s2 * np.linalg.inv(design.T @ design)
    se = float(np.sqrt(cov[0, 0]))
    t = coef[0] / se
    intercepts = np.full(len(WEATHER), np.nan)
    intercepts[groups] = coef[1:]
    return float(coef[0]), se, float(2 * stats.t.sf(abs(t), df)), intercepts


def draw_points(world: str, n: int, slope: float, noise: float, seed: int
                ) -> tuple[tuple[float, float, int], ...]:
    """The seed's n points of a world, rounded as the URL keeps them."""
    rng = np.random.default_rng((seed, WORLDS.index(world)))
    if world == "linear":
        x = rng.uniform(0.5, 9.5, n)
        y = 1.0 + slope * x + noise * rng.standard_normal(n)
        g = np.zeros(n, dtype=int)
    else:  # the weather drives both; ice creams do nothing to sunburns
        g = np.arange(n) % 3
        x = 2.0 + 3.0 * g + 1.2 * rng.standard_normal(n)
        y = 1.0 + 4.0 * g + noise * rng.standard_normal(n)
    x = np.clip(x, *X_BOX)
    y = np.clip(y, *Y_BOX)
    return tuple((round(float(a), 2), round(float(b), 2), int(c)) for a, b, c in zip(x, y, g,
                                                                                  strict=True))


def p_text(p: float) -> str:
    """A p-value as tables print it: three significant digits, or "< 0.0001"."""
    return f"{p:.3g}" if p >= 1e-4 else "< 0.0001"


def _line(ex: RegressionInference) -> str:
    f = ex.fit()
    return (f"The line: ŷ = **{f.a:.2f} {'+' if f.b >= 0 else '−'} {abs(f.b):.3f}·x**, "
            f"the sum of squared residuals **{f.sse:.1f}**; no other line has a smaller one.")


def _r2(ex: RegressionInference) -> str:
    f = ex.fit()
    return (f"R² = 1 − {f.sse:.1f} / {f.sst:.1f} = **{f.r2:.3f}**: the line explains "
            f"{f.r2:.0%} of y's variation.")


def _tests(ex: RegressionInference) -> str:
    f = ex.fit()
    t, p = f.t_slope()
    fs, _ = f.f_test()
    return (f"slope {f.b:.3f} ± {f.se_slope():.3f}: t = **{t:.2f}**, p = **{p:.3g}**; "
            f"F = t² = **{fs:.2f}**, the same p.")


def _confounded(ex: RegressionInference) -> str:
    f = ex.fit()
    _, p = f.t_slope()
    b, _, pb, _ = ex.adjusted()
    line = f"All days together: slope **{f.b:.2f}** (p = {p:.2g})."
    if ex.p.adjust:
        line += f" Within each kind of day: slope **{b:.2f}** (p = {pb:.2g})."
    return line


def _to_world(world: str) -> Any:
    def enter(ex: RegressionInference) -> None:
        if ex.p.world != world:
            ex.set(world=world)
    return enter


class RegressionInference(Explorable):
    slug = "regression-inference"
    title = "Regression as statistics"
    topic = "maths"
    summary = ("The least-squares line with its confidence and prediction bands, residuals, "
               "R², the t and F tests, and a hidden cause that fakes a relation.")
    params = (
        ChoiceParam("world", "linear", options=WORLDS, labels=WORLD_LABELS,
                    label="where the points come from",
                    doc="y = 1 + slope·x + noise, or the weather driving both x and y."),
        IntParam("n", 30, 3, 300, log=True, label="points n",
                 doc="How many points to draw."),
        FloatParam("slope", 0.8, -1.0, 1.0, step=0.05, label="true slope",
                   doc="The slope of the line the points are drawn around."),
        FloatParam("noise", 2.0, 0.1, 5.0, step=0.1, label="noise σ",
                   doc="The standard deviation of the points around their line."),
        FloatParam("level", 0.95, 0.5, 0.99, step=0.01, label="band level", effect="view",
                   doc="The confidence of the bands and the intervals."),
        BoolParam("adjust", False, label="compare like with like", effect="view",
                  doc="Fit one line per kind of day, all with the same slope (the hidden "
                      "cause controlled for)."),
        PointsParam("points", (), x_range=X_BOX, y_range=Y_BOX, n_labels=3, max_points=300,
                    effect="data", label="points",
                    doc="The points (drag them; a new n, slope, noise or world redraws)."),
    )
    actions = (Action("new_points", "New points", "Draw new points (the next seed)."),)
    layout = (("fit", "residuals"), ("squares", "numbers"))
    export_layout = (("fit", "residuals"),)
    thumbnail_view = "fit"
    captions: ClassVar[dict[str, str]] = {
        "fit": "Dots: the data (drag one). Pink: the least-squares line; dark pink band: "
               "where the true line lies; light band: where a new point falls.",
        "residuals": "Each point's residual, y − ŷ, against x: no pattern is what a good "
                     "fit leaves.",
        "squares": "R²: the share of the total sum of squares the line explains.",
        "numbers": "The coefficients with standard errors, t tests and intervals; the F "
                   "test of the whole line.",
    }
    story_steps = (
        Step("line", "The least-squares line",
             "The line through the points that makes the sum of squared residuals (the "
             "vertical gaps) smallest. Drag a point and the line follows; the residual "
             "plot shows what the line leaves unexplained.",
             views=("fit", "residuals"), controls=("new_points",), highlight=("fit",),
             goal="Drag a point.", done=lambda ex: ex.moved, live=_line,
             enter=_to_world("linear")),
        Step("r-squared", "How much the line explains",
             "y varies around its mean (the total sum of squares). The line explains part "
             "of it; the residuals are the rest. R² is the explained share. More noise, "
             "less explained.",
             views=("fit", "squares"), controls=("noise", "slope"), highlight=("noise",),
             goal="Make R² fall below 0.3.", done=lambda ex: ex.fit().r2 < 0.3, live=_r2,
             enter=_to_world("linear")),
        Step("uncertainty", "How sure is the line?",
             "Other points would give another line. The dark band holds the true line "
             "with 95 % confidence; the light band, wider, holds 95 % of new points. The t "
             "test asks if the slope could be 0; the F test asks the same of the whole "
             "line (with one x, F = t²).",
             views=("fit", "numbers"), controls=("n", "slope", "level"), highlight=("n",),
             goal="Make the slope impossible to tell from 0 (p above 0.05).",
             done=lambda ex: ex.fit().t_slope()[1] > 0.05, live=_tests,
             enter=_to_world("linear")),
        Step("confounder", "Correlation is not causation",
             "On hot days people buy more ice cream and get more sunburnt. Fit sunburns "
             "on ice creams and the slope is steep and significant, yet ice cream burns "
             "nobody. Compare like with like, days of the same weather, and the slope "
             "vanishes.",
             views=("fit", "numbers"), controls=("adjust", "new_points"),
             highlight=("adjust",),
             goal="Compare like with like.",
             done=lambda ex: ex.p.world == "confounded" and ex.p.adjust,
             live=_confounded, enter=_to_world("confounded")),
    )

    def reset(self) -> None:
        if not self.p.points:
            self._assign(points=draw_points(self.p.world, self.p.n, self.p.slope,
                                            self.p.noise, self.p.seed))
            self.original = tuple(self.p.points)
        elif not hasattr(self, "original"):
            self.original = tuple(self.p.points)
        pts = np.array(self.p.points, dtype=float).reshape(-1, 3)
        self.x, self.y = pts[:, 0], pts[:, 1]
        self.group = pts[:, 2].astype(int)
        self._fit: Fit | None = None

    def check(self, values: Mapping[str, Any]) -> None:
        pts = values.get("points") or ()
        if 0 < len(pts) < 3:
            raise ParamError("points", "points must hold at least 3 points to fit a line "
                                       f"and measure its error; got {len(pts)}.")
        if len(pts) >= 3 and len({p[0] for p in pts}) < 2:
            raise ParamError("points", "points must not all share one x: no line fits a "
                                       "vertical column.")

    @property
    def moved(self) -> bool:
        return tuple(self.p.points) != self.original

    def changed(self, names: set[str]) -> None:
        if names & {"world", "n", "slope", "noise", "seed"}:
            self._assign(points=())
        super().changed(names)

    def act(self, name: str, value: Any = None) -> None:
        if name == "new_points":
            self._assign(seed=(self.p.seed + 1) % (2**31 - 1), points=())
            self.reset()
        else:
            super().act(name, value)

    def unused(self) -> set[str]:
        return {"slope"} if self.p.world == "confounded" else {"adjust"}

    def fit(self) -> Fit:
        if self._fit is None:
            self._fit = least_squares(self.x, self.y)
        return self._fit

    def adjusted(self) -> tuple[float, float, float, Array]:
        return adjusted_slope(self.x, self.y, self.group)

    # --- the frame ---------------------------------------------------------------------

    def frame(self) -> dict[str, View]:
        return {"fit": self.fit_view(), "residuals": self.residuals_view(),
                "squares": self.squares_view(), "numbers": self.numbers_view()}

    def _adjusting(self) -> bool:
        return bool(self.p.world == "confounded" and self.p.adjust)

    def fit_view(self) -> Plot:
        f, level = self.fit(), self.p.level
        xl, yl = AXES[self.p.world]
        layers: list[Any] = []
        step = self.p.step
        if step in ("uncertainty", "free"):
            plo, phi = f.band(GRID, level, new_point=True)
            clo, chi = f.band(GRID, level, new_point=False)
            layers.append(AreaLayer(GRID, np.clip(phi, *Y_BOX), np.clip(plo, *Y_BOX),
                                    color=MODEL, opacity=0.12, outline=False,
                                    name=f"{level:.0%} prediction band"))
            layers.append(AreaLayer(GRID, np.clip(chi, *Y_BOX), np.clip(clo, *Y_BOX),
                                    color=MODEL, opacity=0.3, outline=False,
                                    name=f"{level:.0%} confidence band"))
        elif step in ("line", "r-squared"):  # the residuals: the gaps the line minimises
            fitted = f.a + f.b * f.x
            layers.append(LinesLayer(np.repeat(f.x, 3),
                                     np.column_stack([f.y, fitted, np.full(f.n, np.nan)])
                                     .ravel(), RESIDUAL, 1.2, (3, 3), name="residual"))
        if self.p.world == "linear":
            layers.append(LinesLayer(np.array(X_BOX), 1.0 + self.p.slope * np.array(X_BOX),
                                     TRUTH, 1.6, (6, 4), name="true line"))
        layers.append(LinesLayer(GRID, np.clip(f.a + f.b * GRID, *Y_BOX), MODEL, 2.4,
                                 name="least squares"))
        if self.p.world == "confounded":
            if self.p.adjust:
                b, _, _, a = self.adjusted()
                for g, color in enumerate(WEATHER_COLORS):
                    if np.isfinite(a[g]):
                        xs = self.x[self.group == g]
                        ends = np.array([xs.min(), xs.max()])
                        layers.append(LinesLayer(ends, a[g] + b * ends, color, 2.0))
            for g, (name, color) in enumerate(zip(WEATHER, WEATHER_COLORS, strict=True)):
                m = self.group == g
                layers.append(PointsLayer(self.x[m], self.y[m], color=color, size=5,
                                          name=f"{name} days"))
        else:
            layers.append(PointsLayer(self.x, self.y, color=DATA, size=5, draggable="points",
                                      name="data"))
        sign = "+" if f.b >= 0 else "−"
        return Plot(f"ŷ = {f.a:.2f} {sign} {abs(f.b):.3f}·x · R² = {f.r2:.3f}", xl, yl,
                    X_BOX, Y_BOX, layers, aspect=1.25)

    def residuals_view(self) -> Plot:
        f = self.fit()
        r = f.residuals
        top = float(max(1e-9, 2.6 * f.s, 1.15 * np.abs(r).max()))
        layers: list[Any] = [
            LinesLayer(np.array(X_BOX), np.zeros(2), MODEL, 1.6, name="the line (0)"),
            LinesLayer(np.array([*X_BOX, np.nan, *X_BOX]),
                       np.array([2 * f.s, 2 * f.s, np.nan, -2 * f.s, -2 * f.s]), RESIDUAL,
                       1.2, (4, 4), name="± 2s"),
            LinesLayer(np.repeat(f.x, 3), np.column_stack([np.zeros(f.n), r,
                                                           np.full(f.n, np.nan)]).ravel(),
                       RESIDUAL, 1.0),
            PointsLayer(f.x, r, color=DATA, size=4, name="residual")]
        return Plot(f"Residuals · s = {f.s:.3f}", AXES[self.p.world][0], "y − ŷ", X_BOX,
                    (-top, top), layers, aspect=1.6)

    def squares_view(self) -> Bars:
        f = self.fit()
        ssr = f.sst - f.sse
        return Bars(f"R² = {ssr:.1f} / {f.sst:.1f} = {f.r2:.3f}",
                    ["total (y around its mean)", "explained by the line", "residual"],
                    np.array([f.sst, ssr, f.sse]), (0.0, 1.05 * f.sst),
                    y_label="sum of squares", value_labels=[f"{f.sst:.1f}", f"{ssr:.1f}",
                                                            f"{f.sse:.1f}"],
                    colors=[DATA, MODEL, RESIDUAL], horizontal=True)

    def numbers_view(self) -> Table:
        f, level = self.fit(), self.p.level
        tq = stats.t.ppf((1 + level) / 2, f.df)
        t, p = f.t_slope()
        ti = f.a / f.se_intercept() if f.s > 0 else float("inf")
        pi = 2 * stats.t.sf(abs(ti), f.df)
        ci = f"{level:.0%} interval"
        rows = [["intercept", f"{f.a:.3f}", f"{f.se_intercept():.3f}", f"{ti:.2f}",
                 p_text(pi), f"[{f.a - tq * f.se_intercept():.3f}, "
                              f"{f.a + tq * f.se_intercept():.3f}]"],
                ["slope", f"{f.b:.3f}", f"{f.se_slope():.3f}", f"{t:.2f}", p_text(p),
                 f"[{f.b - tq * f.se_slope():.3f}, {f.b + tq * f.se_slope():.3f}]"]]
        if self._adjusting():
            b, se, pb, _ = self.adjusted()
            df = f.n - 1 - len(np.unique(self.group))
            tqa = stats.t.ppf((1 + level) / 2, df)
            rows.append(["slope, same weather", f"{b:.3f}", f"{se:.3f}", f"{b / se:.2f}",
                         p_text(pb), f"[{b - tqa * se:.3f}, {b + tqa * se:.3f}]"])
        fs, fp = f.f_test()
        footer = [["R²", f"{f.r2:.3f}", "", "", "", ""],
                   [f"F (1, {f.df})", f"{fs:.2f}", "", "", p_text(fp), ""]]
        return Table(f"{f.n} points", ["", "estimate", "std. error", "t", "p", ci], rows,
                     footer=footer)
