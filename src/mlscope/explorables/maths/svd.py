"""Matrix decompositions (after Piotr Migdał's "Matrix decomposition viz"): the singular value
decomposition A = U Σ Vᵀ as rotate, stretch, rotate, taking the unit circle to an ellipse
with axes σ₁u₁ and σ₂u₂; the same matrix factored four ways (SVD, eigendecomposition, QR,
LU); and a photograph rebuilt from its k largest singular values.

The photograph is the official US Navy portrait of Grace Hopper (1984), a work of the US
federal government and so in the public domain, which matplotlib ships as sample data
(``matplotlib.cbook.get_sample_data("grace_hopper.jpg")``). tests/unit/test_svd.py checks
the factors against numpy and SciPy (U Σ Vᵀ = A, Q R = A, P L U = A), the stages' end
against A, and the rank-k error against the Eckart-Young closed form
(‖A − A_k‖²_F = Σ_{i>k} σᵢ²).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray
from scipy import linalg

from mlscope.core.colors import DATA
from mlscope.core.explorable import Explorable
from mlscope.core.params import FloatParam, IntParam, PointsParam
from mlscope.core.story import PLAY, Step
from mlscope.core.views import (
    ArrowsLayer,
    Formula,
    ImageGrid,
    LinesLayer,
    Plot,
    PointsLayer,
    View,
)
from mlscope.explorables.maths.matrix_transform import F_SHAPE, matrix_of
from mlscope.explorables.maths.numbers import fmt

Array = NDArray[np.float64]

LIM = 3.5
REACH = 3.0
V1_COLOR, V2_COLOR, SHAPE_COLOR = "#2e7d32", "#c2185b", "#6a4c93"
CIRCLE = np.stack([np.cos(np.linspace(0, 2 * np.pi, 97)), np.sin(np.linspace(0, 2 * np.pi, 97))])
IMAGE_WIDTH = 160
STAGES = ("Vᵀ: rotate", "Σ: stretch along the axes", "U: rotate (or reflect)")


@lru_cache(maxsize=1)
def photo() -> Array:
    """Grace Hopper's portrait in grey, IMAGE_WIDTH wide, values in [0, 1] (row 0 on top)."""
    from matplotlib import cbook
    from PIL import Image

    path = cbook.get_sample_data("grace_hopper.jpg", asfileobj=False)
    with Image.open(str(path)) as raw:
        im = raw.convert("L")
    h = round(im.height * IMAGE_WIDTH / im.width)
    small = im.resize((IMAGE_WIDTH, h), Image.Resampling.LANCZOS)
    return np.asarray(small, dtype=float) / 255.0


@lru_cache(maxsize=1)
def photo_svd() -> tuple[Array, Array, Array]:
    u, s, vt = np.linalg.svd(photo(), full_matrices=False)
    return u, s, vt


def low_rank(k: int) -> Array:
    """The photograph from its k largest singular values: Σ_{i≤k} σᵢ uᵢ vᵢᵀ."""
    u, s, vt = photo_svd()
    return np.asarray((u[:, :k] * s[:k]) @ vt[:k], dtype=float)


def rank_error(k: int) -> float:
    """‖A − A_k‖_F / ‖A‖_F by Eckart-Young: the singular values left out."""
    s = photo_svd()[1]
    return float(np.sqrt((s[k:] ** 2).sum() / (s ** 2).sum()))


def rotation(angle: float) -> Array:
    c, s = np.cos(angle), np.sin(angle)
    return np.array([[c, -s], [s, c]])


def svd_parts(m: Array) -> tuple[Array, Array, Array]:
    """U, σ, Vᵀ with V a rotation (det +1): a reflection, if any, is left in U."""
    u, s, vt = np.linalg.svd(m)
    if np.linalg.det(vt) < 0:  # flip v₂ and u₂ together: u₂σ₂v₂ᵀ is unchanged
        vt[1] *= -1
        u[:, 1] *= -1
    return u, s, vt


def staged(m: Array, t: float) -> Array:
    """The matrix of the move after t of the three stages (0 ≤ t ≤ 3): Vᵀ turns in during
    [0, 1], Σ stretches in during [1, 2], U turns (and flips, if it reflects) during [2, 3]."""
    u, s, vt = svd_parts(m)
    theta = float(np.arctan2(vt[1, 0], vt[0, 0]))  # Vᵀ = R(theta)
    a = min(max(t, 0.0), 1.0)
    b = min(max(t - 1.0, 0.0), 1.0)
    c = min(max(t - 2.0, 0.0), 1.0)
    first = rotation(a * theta)
    stretch = np.diag([1 + b * (s[0] - 1), 1 + b * (s[1] - 1)])
    flip = 1.0 if np.linalg.det(u) > 0 else -1.0
    r = u @ np.diag([1.0, flip])  # U = R(phi) · diag(1, flip)
    phi = float(np.arctan2(r[1, 0], r[0, 0]))
    last = rotation(c * phi) @ np.diag([1.0, 1.0 - c * (1.0 - flip)])
    return np.asarray(last @ stretch @ first, dtype=float)


def _tex_matrix(m: Array) -> str:
    rows = [" & ".join(fmt(float(x), 2).replace("−", "-") for x in row) for row in m]
    return r"\begin{bmatrix}" + r" \\ ".join(rows) + r"\end{bmatrix}"


def _stages_live(ex: Svd) -> str:
    _, s, _ = svd_parts(ex.matrix)
    return (f"σ₁ = **{fmt(s[0])}**, σ₂ = **{fmt(s[1])}**: the circle becomes an ellipse "
            f"{fmt(2 * s[0])} long and {fmt(2 * s[1])} wide.")


def _image_live(ex: Svd) -> str:
    k = ex.p.k
    h, w = photo().shape
    return (f"k = {k}: error **{rank_error(k):.1%}**, storing k·({h} + {w} + 1) = "
            f"{k * (h + w + 1):,} numbers instead of {h * w:,} "
            f"(**{k * (h + w + 1) / (h * w):.0%}**).")


def qr_positive(m: Array) -> tuple[Array, Array]:
    """A = QR with R's diagonal not negative (numpy's signs made unique): Q is then a
    rotation when det A > 0."""
    q, r = np.linalg.qr(m)
    d = np.where(np.diag(r) < 0, -1.0, 1.0)
    return q * d, d[:, None] * r


def _defective(m: Array) -> bool:
    """Real eigenvalues, but too few eigenvectors to decompose (a shear)."""
    vals = np.linalg.eigvals(m)
    return bool(np.abs(np.imag(vals)).max() <= 1e-12 and _no_eigen(m))


def _no_eigen(m: Array) -> bool:
    """No real eigendecomposition: complex eigenvalues, or too few eigenvectors (a shear)."""
    vals, vecs = np.linalg.eig(m)
    if np.abs(np.imag(vals)).max() > 1e-12:
        return True
    return bool(abs(np.linalg.det(np.real(vecs))) < 1e-8)


class Svd(Explorable):
    slug = "matrix-decompositions"
    title = "Matrix decompositions"
    topic = "maths"
    summary = ("Every matrix rotates, stretches and rotates (the SVD): a circle becomes an "
               "ellipse. The same matrix factored four ways, and a photograph rebuilt from "
               "its largest singular values.")
    params = (
        PointsParam("basis", ((1.5, 0.5, 0), (0.8, 1.2, 0)), x_range=(-REACH, REACH),
                    y_range=(-REACH, REACH), min_points=2, max_points=2, snap=0.1,
                    effect="view", label="where î and ĵ land (the matrix's columns)",
                    doc="Two points: where î = (1, 0) lands, then where ĵ = (0, 1) lands; "
                        "each from -3 to 3. Drag the tips or type them."),
        FloatParam("t", 3.0, 0.0, 3.0, step=0.01, effect="view", label="stage",
                   doc="How far through A = U Σ Vᵀ: 0 the circle as it is, 1 after Vᵀ, 2 "
                       "after Σ, 3 after U. Play runs the three."),
        IntParam("k", 10, 1, 160, log=True, effect="view", label="k singular values",
                 doc="How many of the photograph's singular values rebuild it, from 1 to "
                     "160 (all of them)."),
    )
    playable = True
    step_name = "frame"
    layout = (("stages", "factors"), ("photo", "spectrum"))
    export_layout = (("stages", "photo"),)
    thumbnail_view = "stages"
    captions: ClassVar[dict[str, str]] = {
        "stages": "The unit circle and a letter F carried through Vᵀ, Σ and U; the green and "
                  "magenta arrows are v₁ and v₂, ending as σ₁u₁ and σ₂u₂. Drag the tips of "
                  "î and ĵ (at the last stage).",
        "factors": "The same matrix factored four ways, each checked by multiplying back.",
        "photo": "The photograph (160 columns) and its rebuild from k singular values.",
        "spectrum": "The photograph's singular values, largest first (log scale); the first "
                    "k are kept.",
    }
    story_steps = (
        Step("stages", "Rotate, stretch, rotate",
             "Every matrix does three simple things in a row: a rotation (Vᵀ), a stretch along "
             "the axes by the singular values σ₁ ≥ σ₂ (Σ), and another rotation, perhaps with "
             "a mirror (U). So every matrix takes the unit circle to an ellipse. Play it, "
             "then drag the tips of î and ĵ.",
             views=("stages", "factors"), controls=(PLAY, "t", "basis"),
             highlight=("t",),
             goal="Make the circle land on a circle (σ₁ = σ₂).",
             done=lambda ex: bool(np.ptp(svd_parts(ex.matrix)[1]) < 1e-9
                                  and svd_parts(ex.matrix)[1][0] > 0),
             live=_stages_live),
        Step("four", "One matrix, four factorisations",
             "The SVD always exists. An eigendecomposition A = P D P⁻¹ needs enough real "
             "eigenvectors; QR (a rotation times a triangle) solves least squares; LU (two "
             "triangles) solves equations. Each is checked here by multiplying back.",
             views=("stages", "factors"), controls=("basis",), highlight=("factors",),
             goal="Find a matrix with real eigenvalues but no eigendecomposition (too few "
                  "eigenvectors: try a shear), whose SVD still exists.",
             done=lambda ex: _defective(ex.matrix)),
        Step("photo", "A photograph from a few layers",
             "A grey photograph is a matrix of brightnesses. Its SVD writes it as a sum of "
             "layers σᵢuᵢvᵢᵀ, largest first; keeping the first k gives the closest picture "
             "that k layers can make, from far fewer numbers.",
             views=("photo", "spectrum"), controls=("k",), highlight=("k",),
             goal="Find (within 2) the smallest k whose rebuild is within 10% of the "
                  "photograph.",
             done=lambda ex: rank_error(ex.p.k) <= 0.1 < rank_error(max(ex.p.k - 3, 0)),
             live=_image_live),
    )

    def reset(self) -> None:
        pass

    def changed(self, names: set[str]) -> None:
        pass

    def step(self) -> None:
        t = 0.0 if self.p.t >= 3.0 else self.p.t
        self._assign(t=round(min(3.0, t + 1 / 40), 4))

    @property
    def finished(self) -> bool:
        return bool(self.p.t >= 3.0)

    @property
    def matrix(self) -> Array:
        return matrix_of(self.p.basis)

    # --- the frame ---------------------------------------------------------------------

    def frame(self) -> dict[str, View]:
        return {"stages": self.stages_view(), "factors": self.factors_view(),
                "photo": self.photo_view(), "spectrum": self.spectrum_view()}

    def stages_view(self) -> Plot:
        m = self.matrix
        t = float(self.p.t)
        s_now = staged(m, t)
        vt = svd_parts(m)[2]
        layers: list[Any] = [LinesLayer(CIRCLE[0], CIRCLE[1], "#c3ccd3", 1.0, (3, 3),
                                        name="unit circle")]
        ell = s_now @ CIRCLE
        layers.append(LinesLayer(ell[0], ell[1], DATA, 2.0, name="its image"))
        f = s_now @ ((F_SHAPE - F_SHAPE.mean(axis=0)) * 0.6).T  # a small F inside the circle
        f_closed = np.concatenate([f, f[:, :1]], axis=1)
        layers.append(LinesLayer(f_closed[0], f_closed[1], SHAPE_COLOR, 1.2, fill=SHAPE_COLOR,
                                 fill_opacity=0.25, name="a letter F"))
        for k, color in ((0, V1_COLOR), (1, V2_COLOR)):
            w = s_now @ vt[k]
            layers.append(ArrowsLayer(np.zeros(1), np.zeros(1), w[:1], w[1:], color, 2.5, 10.0,
                                      name=("v₁ → σ₁u₁", "v₂ → σ₂u₂")[k]))
        if t >= 3.0:
            tips = np.array(self.p.basis, dtype=float)[:, :2]
            layers.append(PointsLayer(tips[:, 0], tips[:, 1], color="#78909c", size=5,
                                      draggable="basis", name="î, ĵ land here (drag)"))
        stage = min(int(t), 2) if t < 3.0 else None
        title = ("A = U Σ Vᵀ: the whole move" if stage is None else
                 f"Stage {stage + 1} of 3: {STAGES[stage]}")
        return Plot(title, "x", "y", (-LIM, LIM), (-LIM, LIM), layers, aspect=1.0)

    def factors_view(self) -> Formula:
        m = self.matrix
        u, s, vt = svd_parts(m)
        rows = [rf"A &= {_tex_matrix(m)}",
                r"&= U \Sigma V^T \text{ (SVD)}",
                rf"&= {_tex_matrix(u)}{_tex_matrix(np.diag(s))}{_tex_matrix(vt)}"]
        vals, vecs = np.linalg.eig(m)
        if _no_eigen(m):
            rows.append(r"&= P D P^{-1} \text{: no real eigendecomposition}")
        else:
            p = np.real(vecs)
            rows += [r"&= P D P^{-1} \text{ (eigenvectors, eigenvalues)}",
                     rf"&= {_tex_matrix(p)}{_tex_matrix(np.diag(np.real(vals)))}"
                     rf"{_tex_matrix(np.linalg.inv(p))}"]
        q, r = qr_positive(m)
        rows += [r"&= Q R \text{ (orthogonal, triangle)}",
                 rf"&= {_tex_matrix(q)}{_tex_matrix(r)}"]
        perm, low, up = linalg.lu(m)
        rows += [r"&= P L U \text{ (triangles)}",
                 rf"&= {_tex_matrix(perm)}{_tex_matrix(low)}{_tex_matrix(up)}"]
        products = [u @ np.diag(s) @ vt, q @ r, perm @ low @ up]
        if not _no_eigen(m):
            products.append(np.real(vecs) @ np.diag(np.real(vals)) @ np.linalg.inv(np.real(vecs)))
        worst = max(float(np.abs(x - m).max()) for x in products)
        mant, exp = f"{worst:.0e}".split("e")
        tail = r"\text{exactly}" if worst == 0 else \
            rf"\text{{to within }}{mant} \cdot 10^{{{int(exp)}}}"
        rows.append(r"&\text{multiplied back, each gives A } " + tail)
        return Formula(r"\begin{aligned}" + r"\\[2pt]".join(rows) + r"\end{aligned}",
                       title="Four factorisations of A")

    def photo_view(self) -> ImageGrid:
        k = int(self.p.k)
        rebuilt = np.clip(low_rank(k), 0.0, 1.0)
        return ImageGrid(f"Rank {k}: {rank_error(k):.1%} off",
                         np.stack([photo(), rebuilt]),
                         captions=["the photograph", f"from {k} of its 160"],
                         columns=2)

    def spectrum_view(self) -> Plot:
        s = photo_svd()[1]
        idx = np.arange(1, len(s) + 1, dtype=float)
        k = int(self.p.k)
        ly = np.log10(np.maximum(s, 1e-12))
        layers: list[Any] = [
            PointsLayer(idx[k:], ly[k:], color="#b0bec5", size=3, stroke="", name="left out"),
            PointsLayer(idx[:k], ly[:k], color=DATA, size=3.5, stroke="", name="kept")]
        lo, hi = float(np.floor(ly.min())), float(np.ceil(ly.max()))
        ticks = [(float(e), f"{10.0 ** e:g}") for e in np.arange(lo, hi + 1)]
        return Plot(f"Singular values: the first {k} kept", "i", "σᵢ", (0.0, len(s) + 1.0),
                    (lo, hi), layers, aspect=1.4, y_ticks=ticks)
