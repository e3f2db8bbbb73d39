"""matplotlib renderer of the Plot view and its layers (mirror of frontend/src/views/plot.ts).

Each layer kind has its painter in ``plot_layers.py``; heatmaps are drawn from the same uint8
colour codes and colour maps as in the browser.
"""

from __future__ import annotations

from typing import Any

from mlscope.core.views import Plot
from mlscope.render.legend import legend_above
from mlscope.render.plot_layers import LAYER_PAINTERS, legend_handles


def draw_plot(ax: Any, plot: Plot, labels: bool = True) -> None:
    """Draw ``plot`` into the matplotlib axes ``ax``, at its aspect (width over height)."""
    for layer in plot.layers:
        LAYER_PAINTERS[layer.kind](ax, layer)
    ax.set_xlim(*plot.x_range)
    ax.set_ylim(*plot.y_range)
    ax.set_box_aspect(1 / plot.aspect)
    if plot.y_ticks is not None:
        ax.set_yticks([t for t, _ in plot.y_ticks], [label for _, label in plot.y_ticks])
    if plot.x_ticks is not None:
        ax.set_xticks([t for t, _ in plot.x_ticks], [label for _, label in plot.x_ticks])
    if labels:
        legend_above(ax, legend_handles(plot), plot.title)
        ax.set_xlabel(plot.x_label)
        ax.set_ylabel(plot.y_label)
    ax.grid(True, color="#e5e5e5", lw=0.6, zorder=0)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.margins(0)
