"""A legend above the plotting box, never on the data, for the plot and chart renderers.

The legend takes as many columns as fit the axes' cell (measured, not guessed: entries
differ a lot in width), and the title is lifted by the legend's measured height, so the
figure's fitting keeps room for both. The legend itself is left out of the fitting
(``set_in_layout(False)``): a wide legend must not squeeze its axes into a sliver.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

FONT_PT = 7.5
LIFT = 0.6
"""Gap under the legend, in font sizes: clear of the top y tick's label, which stands half
above the axes (a legend wider than the axes reaches over the tick labels)."""
CELL = "mlscope_cell"
"""Attribute FrameFigure sets on an axes: its cell's (left, right) in figure fractions. The
legend spans the cell, above the axis labels, not only the axes, and ends at the cell's
right edge, so it never runs out of the cell whatever the axes' final place."""
_CACHE = "mlscope_legend_fit"


def _make(ax: Any, handles: Sequence[Any], ncols: int) -> Any:
    from matplotlib.transforms import blended_transform_factory

    cell = getattr(ax, CELL, None)
    right, where = (cell[1], blended_transform_factory(ax.figure.transFigure, ax.transAxes)) \
        if cell else (1.0, ax.transAxes)
    leg = ax.legend(handles=list(handles), loc="lower right", bbox_to_anchor=(right, 1.0),
                    bbox_transform=where, ncols=ncols, fontsize=FONT_PT, frameon=False,
                    borderaxespad=LIFT, handlelength=1.6, columnspacing=1.0, borderpad=0.1,
                    handletextpad=0.4,
                    labelspacing=0.3)
    leg.set_in_layout(False)
    return leg


def legend_above(ax: Any, handles: Sequence[Any], title: str) -> None:
    """Put ``handles`` (matplotlib artists with labels) above ``ax`` and ``title`` above
    them, left-aligned."""
    if not handles:
        ax.set_title(title, fontsize=11, loc="left")
        return
    fig = ax.figure
    cell = getattr(ax, CELL, None)
    span = cell[1] - cell[0] if cell else ax.get_position().width
    width_pt = span * fig.get_figwidth() * 72 - 2 * LIFT * FONT_PT  # its gap at both ends
    # Frames of a recording repeat the same legend with new numbers: measure once per
    # shape of labels and cell.
    key = (tuple(len(h.get_label()) for h in handles), round(width_pt))
    cache: dict[Any, tuple[int, float]] = getattr(ax, _CACHE, None) or {}
    setattr(ax, _CACHE, cache)
    if key in cache:
        ncols, height_pt = cache[key]
        _make(ax, handles, ncols)
    elif not hasattr(fig.canvas, "get_renderer"):  # a figure not yet on a canvas: estimate
        ncols = max(1, min(len(handles), int(width_pt // 90)))
        _make(ax, handles, ncols)
        height_pt = 12.0 * -(-len(handles) // ncols)
    else:
        renderer = fig.canvas.get_renderer()
        to_pt = 72 / fig.dpi
        for ncols in range(len(handles), 0, -1):
            leg = _make(ax, handles, ncols)
            box = leg.get_window_extent(renderer)
            if box.width * to_pt <= width_pt or ncols == 1:
                break
        height_pt = box.height * to_pt
        cache[key] = (ncols, height_pt)
    ax.set_title(title, fontsize=11, loc="left", pad=3 + height_pt + (LIFT - 0.15) * FONT_PT)
