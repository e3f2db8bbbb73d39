"""Every export layout is legible at every size the Export card and the API offer: no axes
squeezed into a sliver, no two pieces of text on top of each other (titles, axis labels,
tick labels, legends), legends off the data, and plots at their own aspect."""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import pytest
from sklearn.neural_network import MLPClassifier

from mlscope import catalog, lens
from mlscope.data.seed_article import article, ring
from mlscope.render.export import check_layout
from mlscope.render.figure import FrameFigure

pytestmark = pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")

SIZES = (480, 720, 1080)
MIN_SIDE = 0.15
"""No 2-D axes may be narrower or lower than this fraction of the frame."""


def _shown(ax: Any, tick: Any, axis: str) -> bool:
    lo, hi = sorted(ax.get_xlim() if axis == "x" else ax.get_ylim())
    return tick.get_visible() and lo - 1e-9 <= tick.get_loc() <= hi + 1e-9


def texts(fig: FrameFigure) -> list[tuple[str, Any]]:
    """Every piece of text drawn, with its box in pixels."""
    r = fig.canvas.get_renderer()
    found: list[Any] = list(fig.fig.texts)
    for _kind, ax in fig._axes.values():
        found += [ax.title, ax._left_title, ax._right_title, ax.xaxis.label, ax.yaxis.label,
                  *ax.texts]
        if ax.name != "3d" and ax.axison:
            found += [t.label1 for t in ax.xaxis.get_major_ticks() if _shown(ax, t, "x")]
            found += [t.label1 for t in ax.yaxis.get_major_ticks() if _shown(ax, t, "y")]
        if ax.legend_ is not None:
            found += ax.legend_.get_texts()
    out, seen = [], set()
    for t in found:
        if id(t) in seen or not t.get_visible() or not t.get_text().strip():
            continue
        seen.add(id(t))
        box = t.get_window_extent(r)
        if box.width >= 1 and box.height >= 1:
            out.append((t.get_text(), box))
    return out


def check_legible(fig: FrameFigure, what: str) -> None:
    w, h = fig.size
    r = fig.canvas.get_renderer()
    for name, (_kind, ax) in fig._axes.items():
        if not ax.axison or ax.name == "3d":
            continue
        box = ax.get_window_extent(r)
        assert box.width >= MIN_SIDE * w and box.height >= MIN_SIDE * h, \
            f"{what}: {name}'s axes is {box.width:.0f}×{box.height:.0f} px of {w}×{h}"
        if ax.legend_ is not None:  # a legend never sits on the data
            leg = ax.legend_.get_window_extent(r)
            assert leg.y0 >= box.y1 - 1, f"{what}: {name}'s legend sits on its data"
    found = texts(fig)
    for text, box in found:
        assert box.x0 >= -1 and box.x1 <= w + 1, f"{what}: {text!r} runs off the frame"
    for (a, ba), (b, bb) in itertools.combinations(found, 2):
        dx = min(ba.x1, bb.x1) - max(ba.x0, bb.x0)
        dy = min(ba.y1, bb.y1) - max(ba.y0, bb.y0)
        assert dx <= 1.5 or dy <= 1.5, f"{what}: {a!r} and {b!r} overlap ({dx:.0f}×{dy:.0f} px)"


def _draw(layout: list[list[str]], views: dict, size: int, title: str) -> FrameFigure:
    fig = FrameFigure(layout, (size, size), title=title)
    for _ in range(3):  # the fitting settles over the first frames, as in a recording
        fig.draw(views)
    return fig


@pytest.mark.parametrize("slug", [c.slug for c in catalog.all_explorables()])
@pytest.mark.parametrize("size", SIZES)
def test_every_explorables_export_is_legible(slug, size):
    cls = catalog.get(slug)
    ex = cls()
    for _ in range(cls.thumbnail_steps):
        ex.step()
    layout = check_layout(ex, None, html=False)
    check_legible(_draw(layout, ex.frame(), size, f"{slug} · step 10"), f"{slug} at {size}")


def _lens_explorables():
    x2, y2 = article()
    x3, y3 = ring()
    m2 = MLPClassifier(solver="lbfgs", hidden_layer_sizes=(2,), activation="logistic",
                       max_iter=1000, random_state=0).fit(x2, y2)
    m3 = MLPClassifier(solver="lbfgs", hidden_layer_sizes=(3,), activation="logistic",
                       max_iter=1000, random_state=0).fit(x3, y3)
    return {"layer_transform 2": lens.layer_transform(m2, x2, y2),
            "layer_transform 3": lens.layer_transform(m3, x3, y3),
            "decision_boundary": lens.decision_boundary(m2, x2, y2),
            "surface": lens.surface(m2, x2, y2)}


@pytest.mark.parametrize("size", SIZES)
def test_the_lens_defaults_are_legible(size):
    for what, display in _lens_explorables().items():
        ex = display.explorable
        layout = check_layout(ex, None, html=False)
        check_legible(_draw(layout, ex.frame(), size, what), f"{what} at {size}")


def test_a_plot_keeps_its_aspect_in_an_export():
    ex = catalog.get("network-transform")()
    views = ex.frame()
    fig = _draw([["input"]], views, 720, "aspect")
    ax = fig._axes["input"][1]
    box = ax.get_window_extent(fig.canvas.get_renderer())
    assert box.width / box.height == pytest.approx(views["input"].aspect, rel=0.02)
    assert np.isfinite(box.width)
