"""Matrix multiplication: first one move, then another, is one move, the product AB (B first,
as in ABv = A(Bv)); each entry of AB is a row of A times a column of B; the order matters
(AB and BA differ); and the same for 3×3 matrices moving a cube in 3-D.

tests/unit/test_matmul.py checks the product against numpy's ``@``, the row-times-column
sums entry by entry, the staged move (B, then A) at its ends, and the cube's corners.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from mlscope.core.colors import DATA
from mlscope.core.explorable import Action, Explorable
from mlscope.core.params import ChoiceParam, FloatParam, PointsParam, VectorParam
from mlscope.core.story import PLAY, Step
from mlscope.core.views import (
    ArrowsLayer,
    Formula,
    Lines3D,
    LinesLayer,
    Plot,
    PointsLayer,
    Scene3D,
    View,
)
from mlscope.explorables.maths.matrix_transform import F_SHAPE, matrix_of, move_at
from mlscope.explorables.maths.numbers import fmt

Array = NDArray[np.float64]

LIM = 3.5
REACH = 3.0
I_COLOR, J_COLOR, K_COLOR = "#2e7d32", "#c2185b", "#1565c0"
SHAPE_COLOR, GRID, GRID_BEFORE = "#6a4c93", "#7f9aab", "#d5dde3"
ROW_COLOR, COL_COLOR, CELL_COLOR = "#00897b", "#6d4c41", "#6a4c93"
"""A's row teal, B's column brown, the entry they make purple (not ĵ's magenta)."""
CELLS = ("11", "12", "21", "22")
F_SMALL = (F_SHAPE - F_SHAPE.mean(axis=0)) * 0.9 + np.array([0.9, 0.9])
CUBE_EDGES = [(a, b) for a in range(8) for b in range(a + 1, 8)
              if bin(a ^ b).count("1") == 1]
CUBE = np.array([[(v >> 0) & 1, (v >> 1) & 1, (v >> 2) & 1] for v in range(8)], dtype=float)
A3_DEFAULT = (0.0, -1.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0)  # a quarter turn about z
B3_DEFAULT = (1.0, 0.0, 0.8, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0)  # a shear along x


def _tex(v: float) -> str:
    return fmt(v, 2).replace("−", "-")


def _factor(v: float) -> str:
    return f"({_tex(v)})" if v < 0 and _tex(v) != "0" else _tex(v)


def staged(a: Array, b: Array, t: float) -> Array:
    """The move after t of the two (0 ≤ t ≤ 2): B grows in over [0, 1], then A over [1, 2]
    (each turning as a turn: ``move_at``)."""
    if t <= 1.0:
        return move_at(b, t)
    return np.asarray(move_at(a, t - 1.0) @ b, dtype=float)


def _compose_live(ex: MatMul) -> str:
    ab = ex.a @ ex.b
    return (f"B then A: î lands on ({fmt(ab[0, 0], 2)}, {fmt(ab[1, 0], 2)}) and ĵ on "
            f"({fmt(ab[0, 1], 2)}, {fmt(ab[1, 1], 2)}): the columns of AB.")


def _cell_live(ex: MatMul) -> str:
    i, j = int(ex.p.cell[0]) - 1, int(ex.p.cell[1]) - 1
    a, b = ex.a, ex.b
    def f(v: float) -> str:  # a factor: negatives in brackets
        return f"({fmt(v, 2)})" if v < 0 and fmt(v, 2) != "0" else fmt(v, 2)

    return (f"Entry ({i + 1}, {j + 1}) of AB is row {i + 1} of A times column {j + 1} of B: "
            f"{f(a[i, 0])}·{f(b[0, j])} + {f(a[i, 1])}·{f(b[1, j])} = "
            f"**{fmt((a @ b)[i, j], 2)}**. Cells seen: {len(ex.seen)} of 4.")


def _order_live(ex: MatMul) -> str:
    ab, ba = ex.a @ ex.b, ex.b @ ex.a
    if np.allclose(ab, ba):
        return "Here AB = BA: these two moves can go in either order."
    return (f"AB and BA differ by up to **{fmt(float(np.abs(ab - ba).max()), 2)}** in an "
            f"entry: B then A is not A then B.")


class MatMul(Explorable):
    slug = "matrix-multiplication"
    title = "Matrix multiplication"
    topic = "maths"
    summary = ("Two moves in a row are one matrix, the product; each entry is a row times a "
               "column; the order matters; and the same with a cube in 3-D.")
    params = (
        PointsParam("a_cols", ((0.0, 1.0, 0), (-1.0, 0.0, 0)), x_range=(-REACH, REACH),
                    y_range=(-REACH, REACH), min_points=2, max_points=2, snap=0.1,
                    effect="view", label="A's columns (where A sends î and ĵ)",
                    doc="Two points: A's first column, then its second; each from -3 to 3."),
        PointsParam("b_cols", ((1.0, 0.0, 0), (1.0, 1.0, 0)), x_range=(-REACH, REACH),
                    y_range=(-REACH, REACH), min_points=2, max_points=2, snap=0.1,
                    effect="view", label="B's columns (where B sends î and ĵ)",
                    doc="Two points: B's first column, then its second; each from -3 to 3."),
        FloatParam("t", 2.0, 0.0, 2.0, step=0.01, effect="view", label="how far",
                   doc="0: nothing moved; 1: after B; 2: after B and then A. Play runs both."),
        ChoiceParam("cell", "11", options=CELLS,
                    labels=("row 1, column 1", "row 1, column 2", "row 2, column 1",
                            "row 2, column 2"),
                    effect="view", label="entry of AB", doc="Which entry of AB to work out."),
        VectorParam("a3", A3_DEFAULT, lo=-3.0, hi=3.0, min_len=9, max_len=9, effect="view",
                    label="3×3 A (row by row)", doc="Nine numbers from -3 to 3, row by row."),
        VectorParam("b3", B3_DEFAULT, lo=-3.0, hi=3.0, min_len=9, max_len=9, effect="view",
                    label="3×3 B (row by row)", doc="Nine numbers from -3 to 3, row by row."),
    )
    actions = (
        Action("swap", "Swap A and B", "Exchange the two matrices (and the 3×3 ones)."),
        Action("a-turn", "A = quarter turn", "Make A the quarter turn anticlockwise."),
        Action("b-stretch", "B = stretch ×2", "Make B stretch everything twice as big."),
    )
    playable = True
    step_name = "frame"
    layout = (("compose", "product"), ("other_order", "cube"))
    export_layout = (("compose", "cube"),)
    thumbnail_view = "compose"
    captions: ClassVar[dict[str, str]] = {
        "compose": "The plane, a letter F and the arrows of î and ĵ moved by B, then by A; the "
                   "faint grid is where they started. Drag A's and B's columns (filled: A, "
                   "hollow: B) once both moves are done.",
        "product": "AB worked out: the highlighted row of A times the highlighted column of B "
                   "gives the highlighted entry.",
        "other_order": "The same F moved the other way round: A first, then B.",
        "cube": "The unit cube moved by the 3×3 B, then A (drag to turn it).",
    }
    story_steps = (
        Step("compose", "Two moves make one",
             "Move the plane by B, then move the result by A. The two moves together are "
             "one move, and so one matrix: the product AB. Its columns are where î and ĵ "
             "end up. (B comes first, though it is written second: ABv = A(Bv).)",
             views=("compose", "product"), controls=(PLAY, "t"), highlight=(PLAY,),
             goal="Play both moves to the end.",
             done=lambda ex: ex.p.t >= 2.0 and ex.played, live=_compose_live),
        Step("cells", "Row times column",
             "Each entry of AB is a row of A times a column of B: multiply them entry by "
             "entry and add. Pick an entry and follow its row and its column.",
             views=("product", "compose"), controls=("cell",), highlight=("cell",),
             goal="Work out all four entries.", done=lambda ex: len(ex.seen) == 4,
             live=_cell_live),
        Step("order", "The order matters",
             "Turn then shear is not shear then turn: AB and BA are different matrices, so "
             "the F ends up in different places. Drag the columns of A and B.",
             views=("compose", "other_order"), controls=("a_cols", "b_cols", "swap"),
             highlight=("other_order",),
             goal="Find an A and a B with AB = BA, neither a plain stretch (a multiple of "
                  "the identity, which commutes with everything).",
             done=lambda ex: bool(np.allclose(ex.a @ ex.b, ex.b @ ex.a, atol=1e-9)
                                  and not _scalar(ex.a) and not _scalar(ex.b)),
             live=_order_live),
        Step("cube", "Three dimensions",
             "The same holds for 3×3 matrices moving space: here B shears the cube along x "
             "and A turns it a quarter about the vertical axis. Type your own (row by row).",
             views=("cube", "product"), controls=("a3", "b3", "t", PLAY),
             highlight=("t",),
             goal="Play the two moves of the cube to the end.",
             done=lambda ex: ex.p.t >= 2.0 and ex.played),
    )

    def reset(self) -> None:
        self.seen: set[str] = {self.p.cell}
        self.played = False

    def changed(self, names: set[str]) -> None:
        if "cell" in names:
            self.seen.add(self.p.cell)

    def step(self) -> None:
        t = 0.0 if self.p.t >= 2.0 else self.p.t
        self._assign(t=round(min(2.0, t + 1 / 60), 4))
        if self.p.t >= 2.0:
            self.played = True

    @property
    def finished(self) -> bool:
        return bool(self.p.t >= 2.0)

    def act(self, name: str, value: Any = None) -> None:
        if name == "swap":
            self.set(a_cols=self.p.b_cols, b_cols=self.p.a_cols, a3=self.p.b3, b3=self.p.a3)
        elif name == "a-turn":
            self.set(a_cols=[(0.0, 1.0, 0), (-1.0, 0.0, 0)])
        elif name == "b-stretch":
            self.set(b_cols=[(2.0, 0.0, 0), (0.0, 2.0, 0)])
        else:
            super().act(name, value)

    @property
    def a(self) -> Array:
        return matrix_of(self.p.a_cols)

    @property
    def b(self) -> Array:
        return matrix_of(self.p.b_cols)

    @property
    def a3(self) -> Array:
        return np.array(self.p.a3, dtype=float).reshape(3, 3)

    @property
    def b3(self) -> Array:
        return np.array(self.p.b3, dtype=float).reshape(3, 3)

    # --- the frame ---------------------------------------------------------------------

    def frame(self) -> dict[str, View]:
        return {"compose": self.compose_view(), "product": self.product_view(),
                "other_order": self.other_view(), "cube": self.cube_view()}

    def _plane(self, m: Array, title: str, handles: bool) -> Plot:
        layers: list[Any] = [_grid(np.eye(2), GRID_BEFORE, (3, 3)), _grid(m, GRID, ())]
        f = F_SMALL @ m.T
        ring = np.vstack([f, f[:1]])
        layers.append(LinesLayer(ring[:, 0], ring[:, 1], SHAPE_COLOR, 1.4, fill=SHAPE_COLOR,
                                 fill_opacity=0.3, name="a letter F"))
        for col, color, name in ((m[:, 0], I_COLOR, "î"), (m[:, 1], J_COLOR, "ĵ")):
            layers.append(ArrowsLayer(np.zeros(1), np.zeros(1), col[:1], col[1:], color, 3.0,
                                      11.0, name=name))
        if handles:
            a, b = np.array(self.p.a_cols)[:, :2], np.array(self.p.b_cols)[:, :2]
            layers.append(PointsLayer(a[:, 0], a[:, 1], color=DATA, size=6,
                                      draggable="a_cols", name="A's columns"))
            layers.append(PointsLayer(b[:, 0], b[:, 1], color="#ffffff", size=6, stroke=DATA,
                                      draggable="b_cols", name="B's columns"))
        return Plot(title, "x", "y", (-LIM, LIM), (-LIM, LIM), layers, aspect=1.0)

    def compose_view(self) -> Plot:
        t = float(self.p.t)
        m = staged(self.a, self.b, t)
        stage = "nothing moved yet" if t <= 0 else "moving by B" if t < 1 else \
            "after B" if t == 1 else "after B, moving by A" if t < 2 else "after B, then A: AB"
        return self._plane(m, f"The plane {stage}", handles=t >= 2.0)

    def other_view(self) -> Plot:
        return self._plane(self.b @ self.a, "The other order: A first, then B (BA)",
                           handles=False)

    def product_view(self) -> Formula:
        a, b = self.a, self.b
        ab = a @ b
        i, j = int(self.p.cell[0]) - 1, int(self.p.cell[1]) - 1
        cell_step = self.p.step in ("cells", "free")

        def mat(m: Array, row: int | None = None, col: int | None = None,
                cell: tuple[int, int] | None = None) -> str:
            rows = []
            for r in range(2):
                entries = []
                for c in range(2):
                    e = _tex(m[r, c])
                    if cell_step and (r == row or c == col or (r, c) == cell):
                        color = ROW_COLOR if r == row else COL_COLOR if c == col else CELL_COLOR
                        e = rf"\textcolor{{{color}}}{{\mathbf{{{e}}}}}"
                    entries.append(e)
                rows.append(" & ".join(entries))
            return r"\begin{bmatrix}" + r" \\ ".join(rows) + r"\end{bmatrix}"

        lines = [rf"AB = {mat(a, row=i)} {mat(b, col=j)} = {mat(ab, cell=(i, j))}"]
        if cell_step:
            lines.append(rf"(AB)_{{{i + 1}{j + 1}}} = {_factor(a[i, 0])} \cdot {_factor(b[0, j])}"
                         rf" + {_factor(a[i, 1])} \cdot {_factor(b[1, j])} = {_tex(ab[i, j])}")
        if self.p.step == "cube":
            lines = [rf"AB = {_tex3(self.a3)} {_tex3(self.b3)} = {_tex3(self.a3 @ self.b3)}"]
        return Formula(r"\begin{aligned}" + r"\\[6pt]".join(lines) + r"\end{aligned}",
                       title="The product AB")

    def cube_view(self) -> Scene3D:
        t = float(self.p.t)
        if t <= 1.0:
            m = (1 - t) * np.eye(3) + t * self.b3
        else:
            m = ((2 - t) * np.eye(3) + (t - 1) * self.a3) @ self.b3
        layers: list[Any] = []
        for pts, color, name in ((CUBE, "#c3ccd3", "the cube as it was"),
                                 (CUBE @ m.T, SHAPE_COLOR, "moved")):
            idx = np.array(CUBE_EDGES).ravel()
            layers.append(Lines3D(pts[idx, 0], pts[idx, 1], pts[idx, 2], color, name=name))
        for k, (color, name) in enumerate(((I_COLOR, "î"), (J_COLOR, "ĵ"), (K_COLOR, "k̂"))):
            e = m[:, k]
            layers.append(Lines3D(np.array([0.0, e[0]]), np.array([0.0, e[1]]),
                                  np.array([0.0, e[2]]), color, name=name))
        reach = max(2.0, float(np.ceil(np.abs(CUBE @ m.T).max())))
        box = (-reach, reach)
        return Scene3D("The cube moved by B, then A", "x", "y", "z", box, box, box, layers)


def _scalar(m: Array) -> bool:
    """A multiple of the identity (0 included): it commutes with every matrix."""
    return bool(np.allclose(m, m[0, 0] * np.eye(len(m)), atol=1e-9))


def _tex3(m: Array) -> str:
    rows = [" & ".join(_tex(v) for v in row) for row in m]
    return r"\begin{bmatrix}" + r" \\ ".join(rows) + r"\end{bmatrix}"


def _grid(m: Array, color: str, dash: tuple[float, ...]) -> LinesLayer:
    k = np.arange(-10, 11, dtype=float)
    span = np.array([-10.0, 10.0])
    segs = []
    for kk in k:
        for p in (np.column_stack([np.full(2, kk), span]), np.column_stack([span, np.full(2, kk)])):
            segs.append(p @ m.T)
            segs.append(np.full((1, 2), np.nan))
    xy = np.vstack(segs)
    return LinesLayer(xy[:, 0].copy(), xy[:, 1].copy(), color, 1.0, dash)
