"""Eigenvectors and eigenvalues (after setosa's "Eigenvectors and Eigenvalues"): a matrix you
set by dragging where î and ĵ land knocks most vectors off their line; the eigenvectors stay
on it, stretched by their eigenvalue. Multiplying by the matrix again and again (power
iteration) turns any start towards the dominant eigenvector; a rotation has no real
eigenvector (its eigenvalues are complex); and a Markov chain's steady state is the
eigenvector of eigenvalue 1.

tests/unit/test_eigen.py checks the eigenpairs against ``numpy.linalg.eig`` (Av = λv), the
turn of each direction against its closed form, the power iteration's rate against
|λ₂/λ₁|, and the steady state against the chain's closed form.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from mlscope.core.colors import DATA, MODEL
from mlscope.core.explorable import Action
from mlscope.core.params import IntParam, PointsParam
from mlscope.core.story import PLAY, Step
from mlscope.core.views import (
    ArrowsLayer,
    Bars,
    LabelsLayer,
    LinesLayer,
    Plot,
    PointsLayer,
    Table,
    View,
)
from mlscope.explorables.maths.matrix_transform import matrix_of
from mlscope.explorables.maths.numbers import fmt
from mlscope.explorables.maths.revealed import Revealed, count_buttons

Array = NDArray[np.float64]

LIM = 3.5
REACH = 3.0
EIGEN_COLOR, V_COLOR, AV_COLOR, RING_COLOR = "#2e7d32", DATA, MODEL, "#9aa5b1"
THETA = np.linspace(0.0, np.pi, 361)
"""Directions of the turn curve: a line through the origin is one angle in [0°, 180°)."""
MAX_ITER = 60
ON_LINE = 1.5
"""Degrees: a direction this close to an eigenvector's line counts as on it (a drag lands on
0.05 steps: far enough out, every direction is within reach)."""

PRESETS: dict[str, tuple[str, tuple[tuple[float, float], tuple[float, float]]]] = {
    "symmetric": ("Symmetric", ((2.0, 1.0), (1.0, 2.0))),
    "shear": ("Shear", ((1.0, 0.0), (1.0, 1.0))),
    "rotation": ("Rotation", ((0.8, 0.6), (-0.6, 0.8))),
    "weather": ("Weather chain", ((0.9, 0.1), (0.5, 0.5))),
}


def _cfmt(z: complex, digits: int = 3) -> str:
    if abs(z.imag) < 1e-12:
        return fmt(z.real, digits)
    sign = "+" if z.imag > 0 else "−"
    return f"{fmt(z.real, digits)} {sign} {fmt(abs(z.imag), digits)}i"


def eigenpairs(m: Array) -> tuple[NDArray[np.complex128], NDArray[np.complex128]]:
    """numpy's eigenvalues and unit eigenvectors (columns), largest |λ| first."""
    vals, vecs = np.linalg.eig(m)
    order = np.argsort(-np.abs(vals), kind="stable")
    return vals[order].astype(complex), vecs[:, order].astype(complex)


def turn(m: Array, theta: Array) -> Array:
    """How far (degrees, in (-90, 90]) the line at angle theta is turned by m: 0 on an
    eigenvector's line; NaN where m sends the direction to 0."""
    v = np.stack([np.cos(theta), np.sin(theta)])
    av = m @ v
    ang = np.degrees(np.arctan2(av[1], av[0]) - theta)
    ang = (ang + 90.0) % 180.0 - 90.0  # a line: a half turn is no turn
    ang[np.hypot(av[0], av[1]) < 1e-12] = np.nan
    return np.asarray(ang, dtype=float)


def is_markov(m: Array) -> bool:
    """Columns of non-negative numbers that each add up to 1 (a chain's transitions)."""
    return bool((m >= 0).all() and np.allclose(m.sum(axis=0), 1.0, atol=1e-9))


def _stay_live(ex: Eigen) -> str:
    t = float(turn(ex.matrix, np.array([ex.theta]))[0])
    if not np.isfinite(t):
        return "A sends v to 0: v is an eigenvector with eigenvalue 0."
    if abs(t) <= ON_LINE:
        return (f"Av stays on v's line: v is an **eigenvector**, stretched by "
                f"**{fmt(ex.stretch)}**.")
    return f"Av is turned **{fmt(abs(t), 1)}°** off v's line."


def _values_live(ex: Eigen) -> str:
    vals, _ = eigenpairs(ex.matrix)
    if np.iscomplexobj(vals) and np.abs(vals.imag).max() > 1e-12:
        return (f"The eigenvalues are **{_cfmt(vals[0])}** and **{_cfmt(vals[1])}**: complex, "
                f"so no direction stays on its line.")
    return (f"The eigenvalues are **{_cfmt(vals[0])}** and **{_cfmt(vals[1])}**; they add up "
            f"to the trace ({fmt(float(np.trace(ex.matrix)))}) and multiply to the "
            f"determinant ({fmt(float(np.linalg.det(ex.matrix)))}).")


def _power_live(ex: Eigen) -> str:
    k = ex.shown
    err = ex.power_error(k)
    if err is None:
        return "No single direction wins: the two largest eigenvalues are the same size."
    return (f"After {k} multiplication{'' if k == 1 else 's'} the direction is "
            f"**{fmt(err, 2)}°** from the dominant eigenvector.")


def _rotation_live(ex: Eigen) -> str:
    vals, _ = eigenpairs(ex.matrix)
    if np.abs(vals.imag).max() > 1e-12:
        ang = float(np.degrees(np.abs(np.angle(vals[0]))))
        return (f"λ = {_cfmt(vals[0])}, {_cfmt(vals[1])}: every direction turns; |λ| = "
                f"{fmt(float(abs(vals[0])))} is the stretch and {fmt(ang, 1)}° the turn.")
    return f"λ = {_cfmt(vals[0])}, {_cfmt(vals[1])}: real, so some direction stays put."


def _markov_live(ex: Eigen) -> str:
    m = ex.matrix
    if not is_markov(m):
        return "Press **Weather chain**: columns of chances that add up to 1."
    p = ex.distribution(ex.shown)
    s = ex.steady()
    return (f"Day {ex.shown}: sunny **{fmt(p[0], 4)}**, rainy **{fmt(p[1], 4)}**; the "
            f"eigenvector of λ = 1, scaled to add up to 1: {fmt(s[0], 4)}, {fmt(s[1], 4)}.")


class Eigen(Revealed):
    slug = "eigenvectors"
    title = "Eigenvectors and eigenvalues"
    topic = "maths"
    summary = ("The directions a matrix only stretches: find them by turning a vector, read "
               "their eigenvalues, watch power iteration find the largest, a rotation with "
               "none, and a Markov chain's steady state.")
    params = (
        PointsParam("basis", ((2.0, 1.0, 0), (1.0, 2.0, 0)), x_range=(-REACH, REACH),
                    y_range=(-REACH, REACH), min_points=2, max_points=2, snap=0.1,
                    effect="view", label="where î and ĵ land (the matrix's columns)",
                    doc="Two points: where î = (1, 0) lands, then where ĵ = (0, 1) lands; "
                        "each from -3 to 3. Drag the tips or type them."),
        PointsParam("v", ((1.0, 0.3, 0),), x_range=(-REACH, REACH), y_range=(-REACH, REACH),
                    min_points=1, max_points=1, snap=0.05, effect="view", label="the vector v",
                    doc="A direction to test (only its direction counts); drag its tip."),
        IntParam("iterations", 0, 0, MAX_ITER, effect="view", label="multiplications",
                 advanced=True, doc="How many times v has been multiplied by A."),
    )
    actions = (
        *count_buttons("times", "× A once", "Multiply by A once more.", counts=(1, 10)),
        Action("reset", "Start again", "Back to v itself."),
        *(Action(f"preset-{k}", label, f"Set the matrix to: {label.lower()}.")
          for k, (label, _) in PRESETS.items()),
    )
    playable = True
    step_name = "multiplication"
    count, most, prefix = "iterations", MAX_ITER, "times"
    fresh_on = frozenset({"basis", "v"})
    layout = (("plane", "turn"), ("numbers", "chain"))
    export_layout = (("plane", "turn"),)
    thumbnail_view = "plane"
    captions: ClassVar[dict[str, str]] = {
        "plane": "v (dark) and Av (magenta); the dashed unit circle and its image under A; "
                 "green lines are the eigenvectors' lines. Drag v, or the tips of î and ĵ.",
        "turn": "How far A turns each direction: where the curve crosses 0 the direction "
                "stays on its line.",
        "numbers": "The eigenvalues and eigenvectors, numpy's, with a check that Av = λv.",
        "chain": "A Markov chain's chances after each day, from all sunny.",
    }
    story_steps = (
        Step("stay", "Vectors that stay on their line",
             "A matrix knocks most vectors off their line: Av points somewhere else than v. "
             "A few directions only get stretched, Av = λv: those are the eigenvectors. "
             "Turn v (drag its tip) and watch the curve of how far A turns it.",
             views=("plane", "turn"), controls=("v",), highlight=("plane",),
             goal="Drag v onto a direction that A does not turn.",
             done=lambda ex: abs(float(turn(ex.matrix, np.array([ex.theta]))[0])) <= ON_LINE,
             live=_stay_live),
        Step("values", "Eigenvalues: how much they stretch",
             "Along an eigenvector A is just multiplication by a number, the eigenvalue λ: "
             "more than 1 stretches, between 0 and 1 shrinks, negative flips. Change the "
             "matrix by dragging the tips of î and ĵ and watch the green lines move.",
             views=("plane", "numbers"), controls=("basis", "preset-symmetric",
                                                   "preset-shear"),
             highlight=("basis",),
             goal="Make a matrix with a negative eigenvalue.",
             done=lambda ex: bool((np.abs(eigenpairs(ex.matrix)[0].imag) < 1e-12).all()
                                  and (eigenpairs(ex.matrix)[0].real < -1e-9).any()),
             live=_values_live),
        Step("power", "Power iteration",
             "Multiply v by A, then again, and again. The part of v along the eigenvector with "
             "the largest |λ| grows fastest, so the direction swings towards it: this is how "
             "PageRank and PCA's solvers find the leading eigenvector.",
             views=("plane", "numbers"), controls=("times1", "times10", PLAY, "reset"),
             highlight=("times1",),
             goal="Multiply until the direction is within 0.1° of the dominant eigenvector.",
             done=lambda ex: (e := ex.power_error(ex.shown)) is not None and e <= 0.1,
             live=_power_live),
        Step("rotation", "No real eigenvectors",
             "A rotation turns every direction, so none stays on its line: its eigenvalues "
             "are complex numbers, a ± bi, whose size is the stretch and whose angle is the "
             "turn.",
             views=("plane", "turn"), controls=("basis", "preset-rotation"),
             highlight=("preset-rotation",),
             goal="Make a matrix whose eigenvalues are complex.",
             done=lambda ex: bool(np.abs(eigenpairs(ex.matrix)[0].imag).max() > 1e-9),
             live=_rotation_live),
        Step("markov", "A steady state",
             "A weather chain: a sunny day is followed by sun 9 times in 10, a rainy one by sun "
             "half the time. Its matrix's columns are those chances. Day after day the "
             "chances settle on the eigenvector with eigenvalue 1: the steady state.",
             views=("chain", "numbers"), controls=("preset-weather", "times1", "times10",
                                                   "reset"),
             highlight=("preset-weather",),
             goal="Run the chain until the chance of sun is within 0.001 of its steady state.",
             done=lambda ex: is_markov(ex.matrix) and abs(
                 ex.distribution(ex.shown)[0] - ex.steady()[0]) <= 1e-3,
             live=_markov_live),
    )

    def act(self, name: str, value: Any = None) -> None:
        if name.startswith("preset-") and name[7:] in PRESETS:
            i, j = PRESETS[name[7:]][1]
            self.set(basis=[(*i, 0), (*j, 0)])
            return
        super().act(name, value)

    @property
    def finished(self) -> bool:
        return self.shown >= MAX_ITER

    # --- the numbers -------------------------------------------------------------------

    @property
    def matrix(self) -> Array:
        return matrix_of(self.p.basis)

    @property
    def v(self) -> Array:
        v = np.array(self.p.v[0][:2], dtype=float)
        n = float(np.hypot(*v))
        return v / n if n > 0 else np.array([1.0, 0.0])

    @property
    def theta(self) -> float:
        return float(np.arctan2(self.v[1], self.v[0]))

    @property
    def stretch(self) -> float:
        """Av's length along v, signed (λ when v is an eigenvector)."""
        return float(np.dot(self.matrix @ self.v, self.v))

    def iterate(self, k: int) -> Array:
        """A^k v, normalised at each step (its direction; zero if A sends it to 0)."""
        w = self.v.copy()
        for _ in range(k):
            w = self.matrix @ w
            n = float(np.hypot(*w))
            if n < 1e-300:
                return np.zeros(2)
            w = w / n
        return w

    def dominant(self) -> Array | None:
        """The eigenvector of the largest |λ|, if it is real and strictly the largest."""
        vals, vecs = eigenpairs(self.matrix)
        if np.abs(vals.imag).max() > 1e-12 or abs(abs(vals[0]) - abs(vals[1])) < 1e-9:
            return None
        return np.real(vecs[:, 0])

    def power_error(self, k: int) -> float | None:
        """Degrees between A^k v's line and the dominant eigenvector's."""
        d = self.dominant()
        w = self.iterate(k)
        if d is None or not w.any():
            return None
        c = abs(float(np.dot(w, d))) / float(np.hypot(*d))
        return float(np.degrees(np.arccos(min(1.0, c))))

    def distribution(self, k: int) -> Array:
        """The chain's chances after k days from a sunny start: A^k (1, 0)."""
        p = np.array([1.0, 0.0])
        for _ in range(k):
            p = self.matrix @ p
        return p

    def steady(self) -> Array:
        """The eigenvector of eigenvalue 1, scaled to add up to 1."""
        vals, vecs = np.linalg.eig(self.matrix)
        k = int(np.argmin(np.abs(vals - 1.0)))
        s = np.real(vecs[:, k])
        return np.asarray(s / s.sum(), dtype=float)

    # --- the frame ---------------------------------------------------------------------

    def _reveal_eigen(self) -> bool:
        """The first step hides the answer (the eigenvectors' lines) until v finds one."""
        if self.p.step != "stay":
            return True
        return abs(float(turn(self.matrix, np.array([self.theta]))[0])) <= ON_LINE

    def frame(self) -> dict[str, View]:
        return {"plane": self.plane_view(), "turn": self.turn_view(),
                "numbers": self.numbers_view(), "chain": self.chain_view()}

    def plane_view(self) -> Plot:
        m = self.matrix
        layers: list[Any] = []
        circle = np.linspace(0, 2 * np.pi, 97)
        ring = np.stack([np.cos(circle), np.sin(circle)])
        img = m @ ring
        layers.append(LinesLayer(ring[0], ring[1], RING_COLOR, 1.0, (3, 3),
                                 name="unit circle"))
        layers.append(LinesLayer(img[0], img[1], "#7f9aab", 1.5, name="its image under A"))
        vals, vecs = eigenpairs(m)
        xs, ys = [], []
        if np.abs(vals.imag).max() <= 1e-12 and self._reveal_eigen():
            for k in range(2):
                e = np.real(vecs[:, k]) * 2 * LIM
                xs += [-e[0], e[0], np.nan]
                ys += [-e[1], e[1], np.nan]
        # keyed even while hidden or complex: the legend keeps its size, the plot holds
        # still under a dragging pointer
        layers.append(LinesLayer(np.array(xs, dtype=float), np.array(ys, dtype=float),
                                 EIGEN_COLOR, 1.6, (7, 4), name="eigenvector lines"))
        v = self.v
        if self.p.step == "power" or (self.p.step == "free" and self.shown):
            w = self.iterate(self.shown)
            path = np.array([self.iterate(k) for k in range(self.shown + 1)])
            layers.append(PointsLayer(path[:, 0], path[:, 1], color=AV_COLOR, size=3.5,
                                      stroke="", name="A^k v, scaled to length 1"))
            layers.append(ArrowsLayer(np.zeros(1), np.zeros(1), w[:1], w[1:], AV_COLOR, 2.5,
                                      10.0))
        else:
            av = m @ v
            layers.append(ArrowsLayer(np.zeros(1), np.zeros(1), av[:1], av[1:], AV_COLOR, 2.5,
                                      10.0, name="Av"))
        layers.append(ArrowsLayer(np.zeros(1), np.zeros(1), v[:1], v[1:], V_COLOR, 2.5, 10.0,
                                  name="v"))
        layers.append(PointsLayer(v[:1], v[1:], color=V_COLOR, size=6, draggable="v"))
        tips = np.array(self.p.basis, dtype=float)[:, :2]
        layers.append(PointsLayer(tips[:, 0], tips[:, 1], color="#78909c", size=5,
                                  draggable="basis", name="î, ĵ land here (drag)"))
        layers.append(LabelsLayer(tips[:, 0], tips[:, 1], ["î", "ĵ"], size=12,
                                  offset=(9.0, -9.0)))
        return Plot("v and Av", "x", "y", (-LIM, LIM), (-LIM, LIM), layers, aspect=1.0)

    def turn_view(self) -> Plot:
        m = self.matrix
        t = turn(m, THETA)
        deg = np.degrees(THETA)
        here = float(np.degrees(self.theta) % 180.0)
        layers: list[Any] = [
            LinesLayer(np.array([0.0, 180.0]), np.zeros(2), "#90a4ae", 1.0),
            LinesLayer(deg, t, DATA, 2.0, name="turn of each direction")]
        th = float(turn(m, np.array([self.theta]))[0])
        if np.isfinite(th):
            layers.append(PointsLayer(np.array([here]), np.array([th]), color=V_COLOR, size=6,
                                      name="v's direction"))
        vals, vecs = eigenpairs(m)
        if np.abs(vals.imag).max() <= 1e-12 and self._reveal_eigen():
            e = np.degrees(np.arctan2(np.real(vecs[1]), np.real(vecs[0]))) % 180.0
            layers.append(PointsLayer(e, np.zeros(2), color=EIGEN_COLOR, size=6, stroke="",
                                      name="eigenvectors (no turn)"))
        return Plot("How far A turns each direction", "direction of v (degrees)",
                    "turn (degrees)", (0.0, 180.0), (-95.0, 95.0), layers, aspect=1.4,
                    x_ticks=[(float(k), f"{k}°") for k in range(0, 181, 45)],
                    y_ticks=[(float(k), f"{k}°") for k in (-90, -45, 0, 45, 90)])

    def numbers_view(self) -> Table:
        m = self.matrix
        vals, vecs = eigenpairs(m)
        rows: list[list[str]] = []
        for k in range(2):
            lam, e = vals[k], vecs[:, k]
            resid = float(np.abs(m @ e - lam * e).max())
            vec = (f"({_cfmt(e[0])}, {_cfmt(e[1])})" if np.abs(e.imag).max() > 1e-12 else
                   f"({fmt(e[0].real)}, {fmt(e[1].real)})")
            rows.append([f"λ{'₁₂'[k]}", _cfmt(lam), vec, f"{resid:.0e}"])
        rows.insert(0, ["A (rows)", f"({fmt(m[0, 0], 2)}, {fmt(m[0, 1], 2)}) / "
                                    f"({fmt(m[1, 0], 2)}, {fmt(m[1, 1], 2)})", "", ""])
        one_line = abs(abs(np.vdot(vecs[:, 0], vecs[:, 1])) - 1) < 1e-6  # a shear
        if np.abs(vals.imag).max() <= 1e-12 and one_line:
            rows.append(["", "only one eigenvector line", "", ""])
        rows.append(["trace, det", f"{fmt(float(np.trace(m)))}, "
                                   f"{fmt(float(np.linalg.det(m)))}", "", ""])
        return Table("Eigenvalues and eigenvectors", ["", "λ", "eigenvector", "|Av − λv|"],
                     rows)

    def chain_view(self) -> Bars:
        m = self.matrix
        k = self.shown
        if is_markov(m):
            p = self.distribution(k)
            s = self.steady()
            return Bars(f"Day {k}: the chances, from all sunny", ["sunny", "rainy",
                                                                   "steady: sunny",
                                                                   "steady: rainy"],
                        np.array([p[0], p[1], s[0], s[1]]), (0.0, 1.0), "chance",
                        value_labels=[fmt(x, 4) for x in (p[0], p[1], s[0], s[1])],
                        colors=["#fdd835", "#546e7a", "#fdd835", "#546e7a"])
        return Bars("Not a chain: columns must be chances that add up to 1", ["sunny", "rainy"],
                    np.zeros(2), (0.0, 1.0), "chance", colors=["#fdd835", "#546e7a"])
