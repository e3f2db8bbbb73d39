"""matplotlib renderer of the Plot view and its layers (mirror of frontend/src/views/plot.ts).

Heatmaps are drawn from the same uint8 colour codes and colour maps as in the browser.
"""

from __future__ import annotations

from typing import Any

from mlscope.core.colors import COLORMAPS, LABEL_COLORS
from mlscope.core.views import HeatmapLayer, LinesLayer, Plot, PointsLayer
from mlscope.render.legend import legend_above

_MARKERS = {"circle": "o", "cross": "X", "star": "*"}


def _rgba(color: str) -> tuple[float, ...]:
    """'#rrggbb' or '#rrggbbaa' as a matplotlib RGBA tuple."""
    c = color.lstrip("#")
    vals = [int(c[i:i + 2], 16) / 255 for i in range(0, len(c), 2)]
    return tuple(vals if len(vals) == 4 else [*vals, 1.0])


def draw_heatmap(ax: Any, layer: HeatmapLayer) -> None:
    rgb = COLORMAPS[layer.colormap][layer.codes()]  # (ny, nx, 3), row 0 at the bottom
    ny, nx = rgb.shape[:2]
    dx = (layer.x_range[1] - layer.x_range[0]) / max(nx - 1, 1) / 2
    dy = (layer.y_range[1] - layer.y_range[0]) / max(ny - 1, 1) / 2
    ax.imshow(rgb, origin="lower", interpolation="bilinear", alpha=layer.opacity,
              extent=(layer.x_range[0] - dx, layer.x_range[1] + dx,
                      layer.y_range[0] - dy, layer.y_range[1] + dy), aspect="auto")


def draw_lines(ax: Any, layer: LinesLayer) -> None:
    ax.plot(layer.x, layer.y, color=_rgba(layer.color), lw=layer.width,
            linestyle=(0, layer.dash) if layer.dash else "-")


def draw_points(ax: Any, layer: PointsLayer) -> None:
    if layer.labels is not None:
        colors: Any = [LABEL_COLORS[int(k) % len(LABEL_COLORS)] for k in layer.labels]
    elif layer.codes is not None:
        colors = COLORMAPS[layer.colormap][layer.codes] / 255.0
    else:
        colors = layer.color
    ax.scatter(layer.x, layer.y, s=(layer.size * 1.6) ** 2, c=colors,
               marker=_MARKERS[layer.marker], edgecolors=_rgba(layer.stroke), linewidths=1.0,
               zorder=3)


_LAYER_DRAWERS: dict[str, Any] = {"heatmap": draw_heatmap, "lines": draw_lines,
                                  "points": draw_points}


def legend_handles(plot: Plot) -> list[Any]:
    """A key for each named layer (mirror of frontend/src/views/plot_legend.ts); a named
    heatmap shows its colour range."""
    from matplotlib.lines import Line2D
    from matplotlib.patheffects import Normal, Stroke

    handles = []
    for layer in plot.layers:
        if not layer.name:
            continue
        if isinstance(layer, LinesLayer):
            rgba = _rgba(layer.color)
            line = Line2D([], [], color=(rgba[0], rgba[1], rgba[2], rgba[3]),
                          lw=min(3.0, layer.width), label=layer.name,
                          linestyle=(0, layer.dash) if layer.dash else "-")
            if sum(rgba[:3]) > 2.4:  # a white contour: keyed on a dark outline, or it vanishes
                line.set_path_effects([Stroke(linewidth=line.get_linewidth() + 2.5,
                                              foreground="#3b4650"), Normal()])
            handles.append(line)
        elif isinstance(layer, PointsLayer):
            color = LABEL_COLORS[0] if layer.labels is not None else layer.color
            handles.append(Line2D([], [], color="none", marker=_MARKERS[layer.marker],
                                  markerfacecolor=color, markeredgecolor="#3b4650",
                                  markersize=7, label=layer.name))
        else:
            lut = COLORMAPS[layer.colormap]
            # The colour map from low to high as three swatches (a colour bar in little).
            for at, end in ((20, f"{layer.name} {layer.vmin:.2g}"), (235, f"{layer.vmax:.2g}")):
                handles.append(Line2D([], [], color=tuple(lut[at] / 255), lw=6,
                                      label=end + (" (log)" if at == 235 and
                                                   layer.scale == "log" else "")))
    return handles


def draw_plot(ax: Any, plot: Plot, labels: bool = True) -> None:
    """Draw ``plot`` into the matplotlib axes ``ax``, at its aspect (width over height)."""
    for layer in plot.layers:
        _LAYER_DRAWERS[layer.kind](ax, layer)
    ax.set_xlim(*plot.x_range)
    ax.set_ylim(*plot.y_range)
    ax.set_box_aspect(1 / plot.aspect)
    if plot.y_ticks:
        ax.set_yticks([t for t, _ in plot.y_ticks], [label for _, label in plot.y_ticks])
    if labels:
        legend_above(ax, legend_handles(plot), plot.title)
        ax.set_xlabel(plot.x_label)
        ax.set_ylabel(plot.y_label)
    ax.grid(True, color="#e5e5e5", lw=0.6, zorder=0)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.margins(0)
