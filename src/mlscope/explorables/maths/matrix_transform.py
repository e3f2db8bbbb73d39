"""A matrix is a transformation: drag where the basis vectors î and ĵ land (the matrix's two
columns, or type them) and watch the grid, a shape and a vector move with them; the
determinant as the signed area of the unit square's image (negative: the plane is flipped);
rank 1 and 0 squash the plane onto a line or a point (3Blue1Brown's "Essence of linear
algebra", chapters 3 and 6, made interactive).

Play moves the plane from where it was (the identity) to where the matrix takes it, through
(1 - t)·I + t·A. tests/unit/test_matrix_transform.py checks the images against numpy's
matrix product, the determinant against ``numpy.linalg.det`` and the shoelace area of the
square's image, and the rank against ``numpy.linalg.matrix_rank``.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from mlscope.core.colors import DATA
from mlscope.core.explorable import Action, Explorable
from mlscope.core.params import ChoiceParam, FloatParam, PointsParam
from mlscope.core.story import PLAY, Step
from mlscope.core.views import (
    ArrowsLayer,
    Formula,
    LabelsLayer,
    LinesLayer,
    Plot,
    PointsLayer,
    Table,
    View,
)
from mlscope.explorables.maths.numbers import fmt

Array = NDArray[np.float64]

I_COLOR, J_COLOR = "#2e7d32", "#c2185b"
"""î green and ĵ magenta, in every picture and in the matrix's columns."""
AREA_COLOR = "#f9c74f"
SHAPE_COLOR = "#6a4c93"
GRID, GRID_BEFORE = "#7f9aab", "#c3ccd3"
LIMIT = 3.0
"""Both planes show [-LIMIT, LIMIT] on each axis; the handles stay inside."""
REACH = 3.0
SNAP = 0.1
GRID_LINES = 12
"""Grid lines at -12..12 (whole units) before the move, so a shrinking matrix still fills
the picture."""
SINGULAR_TOL = 1e-9
"""A singular value at most this (times the largest, at least 1) counts as zero."""
TARGET = (2.0, 1.0)
"""Where the vector step asks v to land."""

F_SHAPE = np.array([(0.2, 0.2), (0.45, 0.2), (0.45, 0.75), (0.85, 0.75), (0.85, 1.0),
                    (0.45, 1.0), (0.45, 1.35), (1.0, 1.35), (1.0, 1.6), (0.2, 1.6)]) \
    + np.array([-2.0, 0.1])
"""The letter F in the second quadrant, clear of the unit square and of v."""
CIRCLE = np.column_stack([np.cos(np.linspace(0, 2 * np.pi, 97)),
                          np.sin(np.linspace(0, 2 * np.pi, 97))])
SQUARE = np.array([(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)])

PRESETS: dict[str, tuple[str, tuple[tuple[float, float], tuple[float, float]]]] = {
    "identity": ("Identity", ((1.0, 0.0), (0.0, 1.0))),
    "rotate": ("Quarter turn", ((0.0, 1.0), (-1.0, 0.0))),
    "shear": ("Shear", ((1.0, 0.0), (1.0, 1.0))),
    "stretch": ("Stretch", ((2.0, 0.0), (0.0, 0.5))),
    "reflect": ("Mirror", ((-1.0, 0.0), (0.0, 1.0))),
    "squash": ("Squash onto a line", ((1.0, 0.5), (2.0, 1.0))),
}


def matrix_of(basis: tuple[tuple[float, ...], ...]) -> Array:
    """The 2×2 matrix whose columns are where î and ĵ land (the basis handles, in order)."""
    (a, c, *_), (b, d, *_) = basis
    return np.array([[a, b], [c, d]], dtype=float)


def rank(m: Array) -> int:
    s = np.linalg.svd(m, compute_uv=False)
    return int((s > SINGULAR_TOL * max(1.0, float(s[0]))).sum())


def det(m: Array) -> float:
    """ad − bc (within rounding of numpy.linalg.det; ``rank`` decides what counts as 0)."""
    return float(m[0, 0] * m[1, 1] - m[0, 1] * m[1, 0])


def polygon_area(xy: Array) -> float:
    """Signed area by the shoelace formula: positive anticlockwise."""
    x, y = xy[:, 0], xy[:, 1]
    return float(0.5 * (np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))))


def _fmt(v: float) -> str:
    return fmt(v, 2)


def _pair(v: Array | tuple[float, float]) -> str:
    return f"({_fmt(float(v[0]))}, {_fmt(float(v[1]))})"


def _tex(v: float) -> str:
    return _fmt(v).replace("−", "-")


def _factor(v: float) -> str:
    """A number in a product: bracketed when negative, so 0·0 − (−1)·1 reads right."""
    return f"({_tex(v)})" if v < 0 and _tex(v) != "0" else _tex(v)


def move_at(m: Array, t: float) -> Array:
    """I at t = 0 to m at t = 1 through m's polar decomposition m = R·P (R a rotation,
    perhaps with a mirror, P symmetric): R's angle turns in with t, P blends in from I, and
    a mirror is folded in as diag(1, 1 − 2t)."""
    w, s, vt = np.linalg.svd(m)
    r = w @ vt  # the orthogonal part
    p = vt.T @ np.diag(s) @ vt  # the stretch
    mirror = np.linalg.det(r) < 0
    if mirror:  # r = rotation · diag(1, -1)
        r = r @ np.diag([1.0, -1.0])
    angle = float(np.arctan2(r[1, 0], r[0, 0]))
    c, sn = np.cos(t * angle), np.sin(t * angle)
    turn = np.array([[c, -sn], [sn, c]])
    fold = np.diag([1.0, 1.0 - 2.0 * t]) if mirror else np.eye(2)
    return np.asarray(turn @ fold @ ((1.0 - t) * np.eye(2) + t * p), dtype=float)


def _columns_live(ex: MatrixTransform) -> str:
    m = ex.matrix
    return (f"î lands on **{_pair(m[:, 0])}** and ĵ on **{_pair(m[:, 1])}**: those are the "
            f"matrix's two columns.")


def _combo(x: float, y: float, a: str, b: str) -> str:
    """x·a + y·b, with a negative y written as a subtraction."""
    return f"{_fmt(x)}·{a} {'−' if y < 0 else '+'} {_fmt(abs(y))}·{b}"


def _vector_live(ex: MatrixTransform) -> str:
    v, av = ex.v, ex.matrix @ ex.v
    text = (f"v = {_pair(v)} = {_combo(v[0], v[1], 'î', 'ĵ')} lands on Av = "
            f"{_combo(v[0], v[1], _pair(ex.matrix[:, 0]), _pair(ex.matrix[:, 1]))} = "
            f"**{_pair(av)}**.")
    if ex.rank < 2:
        text += " This matrix squashes the plane, so most points cannot be reached: " \
                "make î and ĵ point different ways."
    return text


def _det_live(ex: MatrixTransform) -> str:
    d = ex.det
    how = "squashed flat" if ex.rank < 2 else "flipped" if d < 0 else "the same way round"
    return (f"det A = ad − bc = **{_fmt(d)}**: the square's image has area "
            f"**{_fmt(abs(d))}**, and the plane is {how}.")


def _rank_live(ex: MatrixTransform) -> str:
    r = ex.rank
    where = {2: "the whole plane", 1: "a line", 0: "a single point"}[r]
    return f"det A = **{_fmt(ex.det)}**, rank **{r}**: everything lands on {where}."


class MatrixTransform(Explorable):
    slug = "matrix-transformation"
    title = "A matrix is a transformation"
    topic = "maths"
    summary = ("Drag where î and ĵ land and the whole plane follows: a matrix's columns, a "
               "vector's image, the determinant as an area, and the plane squashed flat.")
    params = (
        PointsParam("basis", ((1.0, 0.0, 0), (1.0, 1.0, 0)), x_range=(-REACH, REACH),
                    y_range=(-REACH, REACH), min_points=2, max_points=2, snap=SNAP,
                    label="where î and ĵ land (the matrix's columns)",
                    doc="Two points: where î = (1, 0) lands, then where ĵ = (0, 1) lands; "
                        "each from -3 to 3. Drag the arrow tips or type them."),
        PointsParam("vector", ((2.0, -1.0, 0),), x_range=(-REACH, REACH),
                    y_range=(-REACH, REACH), min_points=1, max_points=1, snap=SNAP,
                    effect="view", label="the vector v",
                    doc="A vector v = (x, y) before the move, from -3 to 3 on each axis; "
                        "drag its tip in the picture before the move."),
        FloatParam("t", 1.0, 0.0, 1.0, step=0.01, effect="view", label="how far moved",
                   doc="0: the plane as it was; 1: moved by the matrix; between, moved by "
                       "(1 - t)·I + t·A. Play moves it from 0 to 1."),
        ChoiceParam("shape", "F", options=("F", "circle", "none"),
                    labels=("the letter F", "the unit circle", "none"), effect="view",
                    label="shape", doc="A shape to carry along with the plane."),
    )
    actions = (
        *(Action(f"preset-{k}", label, f"Set the matrix to: {label.lower()}.")
          for k, (label, _) in PRESETS.items()),
    )
    playable = True
    step_name = "frame"
    layout = (("before", "plane"), ("matrix", "numbers"))
    export_layout = (("before", "plane"),)
    thumbnail_view = "plane"
    captions: ClassVar[dict[str, str]] = {
        "before": "The plane before the move: î, ĵ, the vector v and the shape. Drag v's "
                  "tip.",
        "plane": "After the move: the grid (and, where the step shows them, the shape and v) "
                 "carried by the matrix; the faint grid is where the plane was; a dark line "
                 "is all that is left when it collapses. Drag the tips of î and ĵ.",
        "matrix": "The matrix's columns are the images of î and ĵ; Av adds up x·î and y·ĵ.",
        "numbers": "Where the basis lands, the determinant and the rank.",
    }
    story_steps = (
        Step("columns", "A matrix moves the plane",
             "A 2×2 matrix is a rule for moving every point of the plane. Its first column "
             "is where the green î = (1, 0) lands, its second where the magenta ĵ = (0, 1) "
             "lands. Drag their tips: the grid follows, its lines staying straight, "
             "parallel and evenly spaced. That is what “linear” means.",
             views=("plane", "matrix"), controls=("basis", PLAY, "t"),
             highlight=("plane",),
             goal="Turn the plane a quarter turn anticlockwise: î onto (0, 1) and ĵ onto "
                  "(−1, 0).",
             done=lambda ex: bool(np.allclose(ex.matrix, [[0, -1], [1, 0]], atol=0.051)),
             live=_columns_live),
        Step("vector", "Every vector follows î and ĵ",
             "A vector v = (x, y) is x steps along î and y steps along ĵ. After the move it is "
             "x steps along the new î and y along the new ĵ: Av = x·(a, c) + y·(b, d). Drag "
             "v in the first picture (before the move) and watch where it lands in the "
             "second.",
             views=("before", "plane"), controls=("vector", "basis"),
             highlight=("before",),
             goal="Find the v that the matrix sends to (2, 1).",
             done=lambda ex: bool(np.hypot(*(ex.matrix @ ex.v - TARGET)) <= 0.1),
             live=_vector_live),
        Step("determinant", "The determinant is an area",
             "The unit square (yellow) lands on the parallelogram that the new î and ĵ span. "
             "Its area is |det A| = |ad − bc|, and every area in the plane is scaled by that "
             "same factor. When ĵ ends up clockwise of î the plane is flipped, like the F "
             "seen in a mirror, and det A is negative.",
             views=("plane", "numbers"), controls=("basis", "shape"),
             highlight=("plane",),
             goal="Flip the plane without changing any area: make det A = −1.",
             done=lambda ex: abs(ex.det + 1.0) < 1e-6, live=_det_live),
        Step("collapse", "Squashed flat",
             "Put ĵ on the line through î and the whole plane lands on that line: det A = 0, "
             "and the rank, the number of dimensions left, is 1. Put both on the origin and "
             "everything lands on one point: rank 0. A squashed plane cannot be "
             "unsquashed, so such a matrix has no inverse.",
             views=("plane", "numbers"), controls=("basis", "preset-identity"),
             highlight=("plane",),
             goal="Squash the plane onto a line (rank 1).",
             done=lambda ex: ex.rank == 1, live=_rank_live),
    )

    def reset(self) -> None:
        pass  # everything follows from the parameters

    def changed(self, names: set[str]) -> None:
        pass

    def unused(self) -> set[str]:
        return set() if self.p.step in ("vector", "free") else {"vector"}

    # --- the numbers -------------------------------------------------------------------

    @property
    def matrix(self) -> Array:
        return matrix_of(self.p.basis)

    @property
    def moving(self) -> Array:
        """The matrix of the move so far, from I at t = 0 to A at t = 1: A's turn turned in
        as a turn (a quarter turn does not shrink the plane halfway), its stretch blended
        in, and a mirror, if A has one, folded in last (``move_at``)."""
        return move_at(self.matrix, float(self.p.t))

    @property
    def v(self) -> Array:
        return np.array(self.p.vector[0][:2], dtype=float)

    @property
    def det(self) -> float:
        return det(self.matrix)

    @property
    def rank(self) -> int:
        return rank(self.matrix)

    # --- play and actions --------------------------------------------------------------

    def step(self) -> None:
        t = 0.0 if self.p.t >= 1.0 else self.p.t
        self._assign(t=round(min(1.0, t + 1 / 72), 4))

    @property
    def finished(self) -> bool:
        return bool(self.p.t >= 1.0)

    def act(self, name: str, value: Any = None) -> None:
        if name.startswith("preset-") and name[7:] in PRESETS:
            i, j = PRESETS[name[7:]][1]
            self.set(basis=[(*i, 0), (*j, 0)], t=1.0)
            return
        super().act(name, value)

    # --- the frame ---------------------------------------------------------------------

    def frame(self) -> dict[str, View]:
        return {"before": self.before_view(), "plane": self.plane_view(),
                "matrix": self.matrix_view(), "numbers": self.numbers_view()}

    def _shows(self, what: str) -> bool:
        step = self.p.step
        return {"square": step in ("determinant", "collapse", "free"),
                "vector": step in ("vector", "free"),
                "shape": step in ("determinant", "free") and self.p.shape != "none"}[what]

    def _layers(self, m: Array, before: bool) -> list[Any]:
        """The plane moved by m: grid, square, shape, vector, basis arrows."""
        layers: list[Any] = []
        k = np.arange(-GRID_LINES, GRID_LINES + 1, dtype=float)
        if not before:  # where the grid was, faint, under the moved one
            layers.append(_grid(np.eye(2), k, GRID_BEFORE, 1.0, "the grid before", (3, 3)))
        layers.append(_grid(m, k, GRID, 1.0, "" if before else "the grid after"))
        if self._shows("square"):
            sq = SQUARE @ m.T
            layers.append(LinesLayer(*_closed(sq), color="#b08900", width=1.2,
                                     fill=AREA_COLOR, fill_opacity=0.55,
                                     name="unit square" if before else "its image (area |det A|)"))
        if self._shows("shape") and not before and self.p.step == "determinant":
            # the shape as it was, to compare the moved one (flipped or not) with
            base = F_SHAPE if self.p.shape == "F" else CIRCLE
            layers.append(LinesLayer(*_closed(base), color=SHAPE_COLOR, width=1.0,
                                     dash=(3, 3), name="as it was"))
        if self._shows("shape"):
            shape = (F_SHAPE if self.p.shape == "F" else CIRCLE) @ m.T
            layers.append(LinesLayer(*_closed(shape), color=SHAPE_COLOR, width=1.5,
                                     fill=SHAPE_COLOR, fill_opacity=0.3,
                                     name="the letter F" if self.p.shape == "F" else "unit circle"))
        cols = m.T  # î's image, then ĵ's
        if self._shows("vector"):
            v = self.v
            # x steps along î, then y along ĵ: the path whose end is Av
            mid = v[0] * cols[0]
            end = mid + v[1] * cols[1]
            layers.append(LinesLayer(np.array([0.0, mid[0], end[0]]),
                                     np.array([0.0, mid[1], end[1]]), DATA, 1.2, (4, 3),
                                     name="x·î then y·ĵ"))
            layers.append(ArrowsLayer(np.zeros(1), np.zeros(1), end[:1], end[1:], DATA, 2.5,
                                      10.0, name="v" if before else "Av"))
            if before:  # the tip to drag; Av's tip is the arrow's head
                layers.append(PointsLayer(end[:1], end[1:], color=DATA, size=6,
                                          draggable="vector"))
        for col, color, name in ((cols[0], I_COLOR, "î"), (cols[1], J_COLOR, "ĵ")):
            layers.append(ArrowsLayer(np.zeros(1), np.zeros(1), col[:1], col[1:], color, 3.0,
                                      11.0, name=name if before else f"{name} lands here"))
        if not before:
            tips = np.array(self.p.basis, dtype=float)[:, :2] if self.p.t >= 1.0 else cols
            layers.append(PointsLayer(tips[:, 0], tips[:, 1], color=DATA, size=6,
                                      draggable="basis" if self.p.t >= 1.0 else None,
                                      name="drag the tips" if self.p.t >= 1.0 else ""))
            if self.rank == 1 and self.p.t >= 1.0:
                u = cols[0] if np.hypot(*cols[0]) >= np.hypot(*cols[1]) else cols[1]
                u = u / np.hypot(*u) * 3 * LIMIT
                layers.append(LinesLayer(np.array([-u[0], u[0]]), np.array([-u[1], u[1]]),
                                         DATA, 2.5))  # unnamed: the legend does not jump
        layers.append(LabelsLayer(cols[:, 0] * 1.0, cols[:, 1] * 1.0, ["î", "ĵ"],
                                  size=13, offset=(10.0, -10.0)))
        return layers

    def before_view(self) -> Plot:
        return Plot("Before: the plane as it was", "x", "y", (-LIMIT, LIMIT), (-LIMIT, LIMIT),
                    self._layers(np.eye(2), before=True), aspect=1.0)

    def plane_view(self) -> Plot:
        m = self.moving
        t = self.p.t
        title = ("After: the plane moved by A" if t >= 1.0 else
                 f"Moving: {t:.0%} of the way to A")
        return Plot(title, "x", "y", (-LIMIT, LIMIT), (-LIMIT, LIMIT),
                    self._layers(m, before=False), aspect=1.0)

    def matrix_view(self) -> Formula:
        m = self.matrix
        (a, b), (c, d) = m
        x, y = self.v
        av = m @ self.v
        ci, cj = rf"\textcolor{{{I_COLOR}}}", rf"\textcolor{{{J_COLOR}}}"  # columns as arrows
        rows = [rf"A = \begin{{bmatrix}} {ci}{{{_tex(a)}}} & {cj}{{{_tex(b)}}} \\ "
                rf"{ci}{{{_tex(c)}}} & {cj}{{{_tex(d)}}} \end{{bmatrix}}"]
        if self._shows("vector"):
            sign = "-" if y < 0 else "+"
            rows.append(rf"A v = {_tex(x)} \begin{{bmatrix}} {_tex(a)} \\ {_tex(c)} "
                        rf"\end{{bmatrix}} {sign} {_tex(abs(y))} \begin{{bmatrix}} {_tex(b)} \\ "
                        rf"{_tex(d)} "
                        rf"\end{{bmatrix}} = \begin{{bmatrix}} {_tex(av[0])} \\ {_tex(av[1])} "
                        r"\end{bmatrix}")
        rows.append(rf"\det A = ad - bc = {_factor(a)} \cdot {_factor(d)} - {_factor(b)} "
                    rf"\cdot {_factor(c)} = {_tex(self.det)}")
        return Formula(r"\begin{aligned}" + r"\\[4pt]".join(rows) + r"\end{aligned}",
                       title="The matrix: columns î and ĵ")

    def numbers_view(self) -> Table:
        m, d, r = self.matrix, self.det, self.rank
        how = "squashed (det = 0)" if r < 2 else "flipped (det < 0)" if d < 0 else \
            "kept (det > 0)"
        rows = [["î = (1, 0) lands on", _pair(m[:, 0])],
                ["ĵ = (0, 1) lands on", _pair(m[:, 1])],
                ["det A = ad − bc", _fmt(d)],
                ["area of the square's image", _fmt(abs(d))],
                ["orientation", how],
                ["rank (dimensions left)", str(r)]]
        if self._shows("vector"):
            rows.insert(2, ["v lands on Av", _pair(m @ self.v)])
        return Table("What the matrix does", ["", ""], rows)


def _closed(xy: Array) -> tuple[Array, Array]:
    """A polygon's vertices with the first repeated at the end, as x and y arrays."""
    ring = np.vstack([xy, xy[:1]])
    return ring[:, 0].copy(), ring[:, 1].copy()


def _grid(m: Array, k: Array, color: str, width: float, name: str,
          dash: tuple[float, ...] = ()) -> LinesLayer:
    """The images under m of the lines x = k and y = k (|k| ≤ GRID_LINES), as one layer."""
    span = np.array([-GRID_LINES, GRID_LINES], dtype=float)
    segs = []
    for kk in k:
        for p in (np.column_stack([np.full(2, kk), span]), np.column_stack([span, np.full(2, kk)])):
            segs.append(p @ m.T)
            segs.append(np.full((1, 2), np.nan))
    xy = np.vstack(segs)
    return LinesLayer(xy[:, 0].copy(), xy[:, 1].copy(), color, width, dash, name=name)
