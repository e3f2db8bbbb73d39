"""A frame's views laid out in one matplotlib figure and drawn to pixels (PNG, GIF, MP4).

The layout is rows of view names, as ``Explorable.layout`` (each row's views share its
width). Row heights follow what the views need: a message is a strip, a formula a few
lines, a plot or a diagram a full share.

Drawing many frames reuses the figure, its canvas and one axes per view; an axes is only
rebuilt when its view changes kind (2-D and 3-D axes differ).

And it redraws only what changed (blitting). An axes' decorations (its ticks, tick labels,
axis labels, grid and spines) are most of the cost of a frame, mostly text to rasterise, and
between two frames of a recording they rarely change. So each 2-D axes' decorations are
drawn once into a kept image of its cell, stored with their signature (limits, ticks, tick
labels, axis labels, position); a frame whose axes has the same signature pastes that image
and draws on it only the content (lines, points, images, texts, legend, title) and the
spines. ``FrameFigure(blit=False)`` draws every frame whole.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox
from numpy.typing import NDArray

from mlscope.core.views import Formula, Table, View
from mlscope.render import draw_into
from mlscope.render.legend import CELL

Layout = Sequence[Sequence[str]]

MIN_SIZE, MAX_SIZE = 64, 4096
"""Bounds on each side of an export, in pixels."""


def row_weight(views: Sequence[View]) -> float:
    """Relative height of a row holding ``views``."""
    def one(v: View) -> float:
        if v.kind == "text":
            return 0.16
        if isinstance(v, Formula):
            return 0.12 + 0.1 * v.tex.count("\\\\")
        if isinstance(v, Table):
            return min(1.0, 0.12 + 0.08 * (1 + len(v.rows) + len(v.footer)))
        return 1.0
    return max(one(v) for v in views)


def _content(ax: Any) -> list[Any]:
    """What a renderer drew into ``ax`` (not the axes' own decorations)."""
    return [*ax.lines, *ax.collections, *ax.images, *ax.patches, *ax.texts, *ax.artists,
            *ax.tables]


def _clear_content(ax: Any) -> None:
    """Remove what a renderer drew into ``ax`` but keep the axes themselves: ticks, spines
    and labels are rebuilt by ``cla()`` at a cost that dominated drawing a frame, and the
    renderer sets limits, labels and title again anyway."""
    for artist in _content(ax):
        artist.remove()
    if ax.legend_ is not None:
        ax.legend_.remove()
    ax.set_prop_cycle(None)


TITLE_PT = 11
CHAR_PX = 0.6
"""A title's character is about this many of its points wide (DejaVu Sans, mixed text)."""


def _decorations(ax: Any) -> tuple[Any, ...]:
    """What an axes' decorations look like (its ticks, labels, spines, legend): equal
    signatures, equal pixels."""
    ticks = []
    for axis in (ax.xaxis, ax.yaxis):
        major, minor = axis.get_majorticklocs(), axis.get_minorticklocs()
        ticks.append((tuple(major), tuple(minor), tuple(axis.major.formatter.format_ticks(major)),
                      tuple(axis.minor.formatter.format_ticks(minor)) if len(minor) else (),
                      bool(_grid_of(axis)), axis.get_label_text(), axis.get_visible(),
                      axis.get_label_position(), axis.get_ticks_position()))
    return (tuple(ax.get_position().bounds), ax.get_xlim(), ax.get_ylim(), ax.get_xscale(),
            ax.get_yscale(), ax.axison, ax.get_aspect(), ax.get_facecolor(),
            tuple((k, s.get_visible(), s.get_edgecolor(), s.get_linewidth())
                  for k, s in ax.spines.items()), tuple(ticks), _legend_look(ax.legend_))


_LOOKS = ("get_color", "get_facecolor", "get_edgecolor", "get_linestyle", "get_linewidth",
          "get_marker", "get_markersize", "get_markerfacecolor", "get_markeredgecolor",
          "get_sizes", "get_alpha", "get_hatch")


def _legend_look(leg: Any) -> Any:
    """A legend's texts and how each of its keys is drawn."""
    if leg is None:
        return None
    keys = tuple(tuple(str(np.asarray(getattr(h, g)()).tolist()) for g in _LOOKS
                       if hasattr(h, g)) for h in leg.legend_handles if h is not None)
    return (tuple(t.get_text() for t in leg.get_texts()), keys, leg.get_visible())


def _grid_of(axis: Any) -> list[Any]:
    return [t.gridline for t in axis.get_major_ticks(len(axis.get_majorticklocs()))
            if t.gridline.get_visible()]


def _grid(ax: Any) -> list[Any]:
    """The grid lines a draw of ``ax`` shows: those of the ticks at the current locations."""
    if not ax.axison:
        return []
    return [g for axis in (ax.xaxis, ax.yaxis) if axis.get_visible() for g in _grid_of(axis)]


def _titles(ax: Any) -> list[Any]:
    return [t for t in (ax.title, ax._left_title, ax._right_title) if t.get_text()]


def fit_title(ax: Any, right_px: float, fig_w: float, dpi: float) -> None:
    """Make ``ax``'s left title fit between the axes' left edge and ``right_px`` (its
    cell's right edge): a smaller font first (down to 8 pt), then cut with an ellipsis. A
    title wider than its cell would otherwise make the fitting squeeze the axes into a
    sliver to make room for it."""
    title = ax.title if ax.get_title() else ax._left_title
    text = title.get_text()
    if not text:
        return
    width_px = right_px - ax.get_position().x0 * fig_w
    per_char = CHAR_PX * dpi / 72  # px per character per point
    size = min(TITLE_PT, width_px / max(len(text), 1) / per_char)
    if size < 8:
        room = max(int(width_px / (8 * per_char)) - 1, 4)
        title.set_text(text[:room] + "…")
        size = 8
    title.set_fontsize(size)


class FrameFigure:
    """Draw frames (dicts of named views) laid out as ``layout`` at ``size`` pixels."""

    def __init__(self, layout: Layout, size: tuple[int, int] = (480, 480), dpi: int = 100,
                 title: str = "", blit: bool = True) -> None:
        w, h = size
        if not (MIN_SIZE <= w <= MAX_SIZE and MIN_SIZE <= h <= MAX_SIZE):
            raise ValueError(f"size must be (width, height) in pixels, each from {MIN_SIZE} to "
                             f"{MAX_SIZE}; got {size}")
        self.layout = [list(row) for row in layout]
        self.size = (int(w), int(h))
        self.title = title
        self.fig = Figure(figsize=(w / dpi, h / dpi), dpi=dpi, facecolor="white")
        self.canvas: Any = FigureCanvasAgg(self.fig)
        self._axes: dict[str, tuple[str, Any]] = {}
        self._cells: dict[str, tuple[float, float, float, float]] = {}
        self._fitted = False
        self._drawn = 0
        self._weights: list[float] | None = None
        self._suptitle: Any = None
        self.blit = blit
        self._blank: Any = None  # the empty figure's pixels
        self._kept: dict[str, tuple[tuple[Any, ...], Any]] = {}
        """Per view: its axes' decorations' signature and the pixels of its cell with them."""

    def _place(self, views: Mapping[str, View]) -> None:
        """A cell (figure fractions) per view, from the rows' weights; each view's axes
        starts as its cell and is fitted to it after the first draw (``_fit``)."""
        weights = [row_weight([views[n] for n in row]) for row in self.layout]
        if weights == self._weights:
            return
        self._weights = weights
        top = 1 - (24 / self.size[1] if self.title else 2 / self.size[1])
        total = sum(weights)
        y = top
        for row, weight in zip(self.layout, weights, strict=True):
            height = top * weight / total
            for k, name in enumerate(row):
                self._cells[name] = (k / len(row), y - height, 1 / len(row), height)
            y -= height
        for _kind, ax in self._axes.values():  # new shares: new axes, fitted again
            self.fig.delaxes(ax)
        self._axes.clear()
        self._fitted = False

    def _fit(self) -> bool:
        """Shrink each 2-D axes so that its ticks, labels and title fit inside its cell.
        Axes only ever shrink, so a recording's layout settles instead of jittering.
        Returns whether anything moved (and the frame must be drawn again)."""
        renderer = self.canvas.get_renderer()
        w, h = self.size
        pad = 7
        moved = False
        for name, (kind, ax) in self._axes.items():
            cx, cy, cw, ch = self._cells[name]
            if kind == "scene3d":  # 3-D axes keep their own margins; leave room for a title
                ax.set_position((cx, cy + 26 / h, cw, max(ch - 52 / h, 0.05)))
                continue
            tight = ax.get_tightbbox(renderer)
            box = ax.get_window_extent(renderer)
            x0 = max(cx * w + (box.x0 - tight.x0) + pad, box.x0 if self._fitted else 0)
            x1 = min((cx + cw) * w - (tight.x1 - box.x1) - pad, box.x1 if self._fitted else w)
            y0 = max(cy * h + (box.y0 - tight.y0) + pad, box.y0 if self._fitted else 0)
            y1 = min((cy + ch) * h - (tight.y1 - box.y1) - pad, box.y1 if self._fitted else h)
            if max(abs(x0 - box.x0), abs(x1 - box.x1), abs(y0 - box.y0), abs(y1 - box.y1)) > 0.5:
                ax.set_position((x0 / w, y0 / h, max(x1 - x0, 8) / w, max(y1 - y0, 8) / h))
                moved = True
        self._fitted = True
        return moved

    def _ax(self, name: str, view: View) -> Any:
        held = self._axes.get(name)
        if held is not None and held[0] == view.kind:
            ax = held[1]
            if view.kind == "scene3d":
                ax.cla()
            else:
                _clear_content(ax)
            return ax
        if held is not None:
            self.fig.delaxes(held[1])
        ax = self.fig.add_axes(self._cells[name],
                               projection="3d" if view.kind == "scene3d" else None)
        self._axes[name] = (view.kind, ax)
        return ax

    def draw(self, views: Mapping[str, View]) -> NDArray[np.uint8]:
        """Pixels of this frame, ndarray of shape (height, width, 3), uint8."""
        missing = [n for row in self.layout for n in row if n not in views]
        if missing:
            raise KeyError(f"the frame has no view named {missing[0]!r}; "
                           f"it has: {', '.join(views)}")
        self._place(views)

        for row in self.layout:
            for name in row:
                ax = self._ax(name, views[name])
                cx, _, cw, _ = self._cells[name]
                setattr(ax, CELL, (cx, cx + cw))
                draw_into(ax, views[name])
                cx, _cy, cw, _ch = self._cells[name]
                fit_title(ax, (cx + cw) * self.size[0] - 6, self.size[0], self.fig.dpi)
        if self.title and self._suptitle is None:
            self._suptitle = self.fig.text(0.012, 1 - 6 / self.size[1], self.title, ha="left",
                                           va="top", fontsize=11, weight="bold",
                                           color="#1f2933")
        # Fit on frames 0, 1, 2, 4, 8, ...: labels change most early on (a chart's axis
        # after its first points), and the fitting costs about as much as a draw.
        self._drawn += 1
        fitting = not self._fitted or self._drawn & (self._drawn - 1) == 0
        if fitting or not self.blit or any(k == "scene3d" for k, _ in self._axes.values()):
            self._kept.clear()
            self.canvas.draw()
            if fitting and self._fit():
                self.canvas.draw()
        else:
            self._draw_changed()
        rgba = np.asarray(self.canvas.buffer_rgba())
        return np.ascontiguousarray(rgba[:, :, :3])

    def _draw_changed(self) -> None:
        """Draw this frame on the kept decorations of each axes (drawn again where they
        changed), then every axes' content, spines and title, in the order a whole draw
        would (by z-order), and the figure's title."""
        renderer = self.canvas.get_renderer()
        if self._blank is None:  # the figure's own background, nothing on it
            renderer.clear()
            self.fig.patch.draw(renderer)
            self._blank = self.canvas.copy_from_bbox(self.fig.bbox)
        self.canvas.restore_region(self._blank)
        w, h = self.size
        for name, (_kind, ax) in self._axes.items():
            cx, cy, cw, ch = self._cells[name]
            sig = _decorations(ax)
            kept = self._kept.get(name)
            if kept is not None and kept[0] == sig:
                self.canvas.restore_region(kept[1])
                continue
            # the decorations alone: no content, no title, and no grid lines, which content
            # below the axis (an image) would cover: they are drawn with it
            hidden = [a for a in [*_content(ax), *_titles(ax), *_grid(ax)] if a.get_visible()]
            places = [t.get_position() for t in _titles(ax)]  # the axes' draw moves titles
            for a in hidden:
                a.set_visible(False)
            ax.draw(renderer)
            for a in hidden:
                a.set_visible(True)
            for t, xy in zip(_titles(ax), places, strict=True):
                t.set_position(xy)
            cell = Bbox.from_extents(cx * w, cy * h, (cx + cw) * w, (cy + ch) * h)
            self._kept[name] = (sig, self.canvas.copy_from_bbox(cell))
        for _kind, ax in self._axes.values():
            axis_z = ax.xaxis.get_zorder()
            top = [(a.get_zorder(), a) for a in
                   [*_content(ax), *(s for s in ax.spines.values() if s.get_visible()),
                    *_titles(ax)]]
            top += [(axis_z, g) for g in _grid(ax)]
            for _z, a in sorted(top, key=lambda za: za[0]):
                if a.get_visible():
                    ax.draw_artist(a)
        if self._suptitle is not None:
            self.fig.draw_artist(self._suptitle)

    def set_title(self, title: str) -> None:
        """A line above the views (e.g. the recording's step), updated per frame; cut
        with an ellipsis to the figure's width (about 9.5 px per character)."""
        room = max(int(self.size[0] / 9.5) - 2, 8)
        if len(title) > room:
            title = title[:room - 1] + "…"
        self.title = title
        if self._suptitle is not None:
            self._suptitle.set_text(title)

    def png(self, views: Mapping[str, View]) -> bytes:
        """This frame as PNG bytes."""
        import io

        from PIL import Image

        buf = io.BytesIO()
        Image.fromarray(self.draw(views)).save(buf, format="PNG", optimize=True)
        return buf.getvalue()
