"""matplotlib renderer of the Chart view (mirror of frontend/src/views/chart.ts)."""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.lines import Line2D

from mlscope.core.views import Chart
from mlscope.render.legend import legend_above

GRID, AXIS = "#eceff3", "#4a5561"


def draw_chart(ax: Any, view: Chart, labels: bool = True) -> None:
    x = np.asarray(view.x, dtype=np.float64)
    for s in view.series:
        y = np.asarray(s.y, dtype=np.float64)
        if view.log_y:
            y = np.where(y > 0, y, np.nan)  # as uPlot's log scale: non-positive values gap
        ax.plot(x, y, color=s.color, lw=2)
    if ax.get_yscale() != ("log" if view.log_y else "linear"):
        ax.set_yscale("log" if view.log_y else "linear")
    if view.log_y:
        ax.set_ylim(*log_range(view))
    if len(x):
        ax.set_xlim(float(x[0]), max(float(x[-1]), float(x[0]) + 1))
    ax.grid(True, color=GRID, lw=0.8)
    ax.tick_params(colors=AXIS, labelsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if labels:
        # The browser's hover legend shows the last values; a still image says them.
        handles = [Line2D([], [], color=s.color, lw=2, label=f"{s.name} {_last(s.y)}")
                   for s in view.series if s.name]
        legend_above(ax, handles, view.title)
        ax.set_xlabel(view.x_label, fontsize=9, color=AXIS)
        ax.set_ylabel(view.y_label, fontsize=9, color=AXIS)


def log_range(view: Chart) -> tuple[float, float]:
    """Whole decades around the data, at most 8 deep (as chart_scale.ts logRange): a value
    that is zero up to rounding sits below the axis instead of stretching it."""
    ys = [np.asarray(s.y, dtype=np.float64) for s in view.series]
    pos = np.concatenate([y[np.isfinite(y) & (y > 0)] for y in ys]) if ys else np.empty(0)
    hi = float(pos.max()) if pos.size else 1.0
    lo = max(float(pos.min()) if pos.size else 0.0, hi / 1e8)
    return 10.0 ** np.floor(np.log10(lo)), 10.0 ** np.ceil(np.log10(hi) - 1e-12)


def _last(y: Any) -> str:
    y = np.asarray(y, dtype=np.float64)
    finite = y[np.isfinite(y)]
    return f"{finite[-1]:.4g}" if finite.size else ""
