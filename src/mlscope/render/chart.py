"""matplotlib renderer of the Chart view (mirror of frontend/src/views/chart.ts)."""

from __future__ import annotations

from typing import Any

import numpy as np

from mlscope.core.views import Chart

GRID, AXIS = "#eceff3", "#4a5561"


def draw_chart(ax: Any, view: Chart, labels: bool = True) -> None:
    x = np.asarray(view.x, dtype=np.float64)
    for s in view.series:
        y = np.asarray(s.y, dtype=np.float64)
        if view.log_y:
            y = np.where(y > 0, y, np.nan)  # as uPlot's log scale: non-positive values gap
        ax.plot(x, y, color=s.color, lw=2, label=s.name)
    if ax.get_yscale() != ("log" if view.log_y else "linear"):
        ax.set_yscale("log" if view.log_y else "linear")
    if len(x):
        ax.set_xlim(float(x[0]), max(float(x[-1]), float(x[0]) + 1))
    ax.grid(True, color=GRID, lw=0.8)
    ax.tick_params(colors=AXIS, labelsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if labels:
        ax.set_title(view.title, fontsize=11, loc="left")
        ax.set_xlabel(view.x_label, fontsize=9, color=AXIS)
        ax.set_ylabel(view.y_label, fontsize=9, color=AXIS)
        if len(view.series) > 1 or (view.series and view.series[0].name):
            # The browser's hover legend shows the last values; a still image says them.
            entries = [f"{s.name} {_last(s.y)}" for s in view.series]
            ax.legend(entries, fontsize=8, frameon=False, loc="upper right")


def _last(y: Any) -> str:
    y = np.asarray(y, dtype=np.float64)
    finite = y[np.isfinite(y)]
    return f"{finite[-1]:.4g}" if finite.size else ""
