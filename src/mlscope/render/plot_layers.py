"""matplotlib painters of a Plot's layers, one per layer kind (mirror of
frontend/src/views/plot_layers.ts), and the legend's key for each named layer."""

from __future__ import annotations

from typing import Any

import numpy as np

from mlscope.core.colors import COLORMAPS, LABEL_COLORS
from mlscope.core.views import (
    AreaLayer,
    ArrowsLayer,
    HeatmapLayer,
    ImageLayer,
    LabelsLayer,
    LinesLayer,
    Plot,
    PointsLayer,
    ShapesLayer,
)

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


def image_key_color(layer: ImageLayer) -> tuple[float, float, float, float]:
    """An image layer's key in the legend: the mean colour and opacity of its visible
    pixels (a shaded region's tint), grey when none shows (as plot_legend.ts keys it)."""
    px = np.asarray(layer.rgba).reshape(-1, 4).astype(float)
    seen = px[px[:, 3] > 0]
    if not len(seen):
        return (0x9A / 255, 0xA5 / 255, 0xB1 / 255, 1.0)
    r, g, b, a = seen.mean(axis=0) / 255
    return (float(r), float(g), float(b), float(a))


def draw_image(ax: Any, layer: ImageLayer) -> None:
    ax.imshow(layer.rgba, origin="lower", interpolation="nearest", aspect="auto",
              extent=(*layer.x_range, *layer.y_range))


def draw_lines(ax: Any, layer: LinesLayer) -> None:
    if layer.fill:  # each NaN-separated segment a closed polygon
        from matplotlib.patches import Polygon

        xy = np.column_stack([np.asarray(layer.x, dtype=float), np.asarray(layer.y, dtype=float)])
        cuts = np.flatnonzero(np.isnan(xy).any(axis=1))
        for part in np.split(xy, cuts):
            part = part[~np.isnan(part).any(axis=1)]
            if len(part) >= 3:
                ax.add_patch(Polygon(part, closed=True, facecolor=_rgba(layer.fill),
                                     alpha=layer.fill_opacity, edgecolor="none"))
    if layer.width > 0:
        ax.plot(layer.x, layer.y, color=_rgba(layer.color), lw=layer.width,
                linestyle=(0, layer.dash) if layer.dash else "-")


def draw_points(ax: Any, layer: PointsLayer) -> None:
    if layer.labels is not None:
        colors: Any = [LABEL_COLORS[int(k) % len(LABEL_COLORS)] for k in layer.labels]
    elif layer.codes is not None:
        colors = COLORMAPS[layer.colormap][layer.codes] / 255.0
    else:
        colors = layer.color
    edge = _rgba(layer.stroke) if layer.stroke else "none"  # "" draws no outline
    ax.scatter(layer.x, layer.y, s=(layer.size * 1.6) ** 2, c=colors,
               marker=_MARKERS[layer.marker], edgecolors=edge, linewidths=1.0, zorder=3)




def draw_area(ax: Any, layer: AreaLayer) -> None:
    low = np.zeros_like(np.asarray(layer.y_high, dtype=float)) if layer.y_low is None \
        else layer.y_low
    rgba = _rgba(layer.color)
    if layer.steps:  # a histogram: bins between edges
        ax.stairs(layer.y_high, layer.x, baseline=low, fill=True, color=rgba,
                  alpha=layer.opacity, lw=0)
        if layer.outline:
            ax.stairs(layer.y_high, layer.x, baseline=None, color=rgba, lw=1.2)
        return
    ax.fill_between(layer.x, low, layer.y_high, color=rgba, alpha=layer.opacity, lw=0)
    if layer.outline:
        ax.plot(layer.x, layer.y_high, color=rgba, lw=1.2)


def draw_arrows(ax: Any, layer: ArrowsLayer) -> None:
    from matplotlib.patches import FancyArrowPatch

    for x, y, dx, dy in zip(layer.x, layer.y, layer.dx, layer.dy, strict=True):
        if dx == 0 and dy == 0:
            continue
        ax.add_patch(FancyArrowPatch((x, y), (x + dx, y + dy), arrowstyle="-|>",
                                     mutation_scale=layer.head * 1.4, color=layer.color,
                                     lw=layer.width, shrinkA=0, shrinkB=0, zorder=4))


def draw_labels(ax: Any, layer: LabelsLayer) -> None:
    from matplotlib.patheffects import Normal, Stroke

    halo = [Stroke(linewidth=3, foreground="white"), Normal()]
    for x, y, text in zip(layer.x, layer.y, layer.texts, strict=True):
        ax.annotate(text, (x, y), xytext=layer.offset, textcoords="offset points",
                    ha=layer.align, va="center", color=layer.color, fontsize=layer.size * 0.8,
                    path_effects=halo, zorder=5, annotation_clip=True)


def draw_shapes(ax: Any, layer: ShapesLayer) -> None:
    from matplotlib.patches import Ellipse, Rectangle

    n = len(layer.x)
    angles = np.zeros(n) if layer.angle is None else np.asarray(layer.angle, dtype=float)
    for k in range(n):
        x, y = float(layer.x[k]), float(layer.y[k])
        w, h, a = float(layer.width[k]), float(layer.height[k]), float(angles[k])
        fill = LABEL_COLORS[int(layer.labels[k]) % len(LABEL_COLORS)] \
            if layer.labels is not None else layer.fill
        style: dict[str, Any] = {"lw": layer.stroke_width if layer.stroke else 0, "zorder": 2,
                                 "linestyle": (0, layer.dash) if layer.dash else "-"}
        if fill:  # the fill translucent, the outline solid: two patches
            face = Rectangle((x - w / 2, y - h / 2), w, h, angle=a, rotation_point="center") \
                if layer.shape == "rect" else Ellipse((x, y), w, h, angle=a)
            face.set(facecolor=_rgba(fill), alpha=layer.opacity, lw=0, zorder=2)
            ax.add_patch(face)
        if layer.stroke:
            edge = Rectangle((x - w / 2, y - h / 2), w, h, angle=a, rotation_point="center") \
                if layer.shape == "rect" else Ellipse((x, y), w, h, angle=a)
            edge.set(facecolor="none", edgecolor=_rgba(layer.stroke), **style)
            ax.add_patch(edge)


LAYER_PAINTERS: dict[str, Any] = {
    "heatmap": draw_heatmap, "lines": draw_lines, "points": draw_points, "area": draw_area,
    "arrows": draw_arrows, "labels": draw_labels, "shapes": draw_shapes, "image": draw_image,
}
"""Layer kind -> ``paint(ax, layer)``."""


def legend_handles(plot: Plot) -> list[Any]:
    """A key for each named layer (mirror of frontend/src/views/plot_legend.ts); a named
    heatmap shows its colour range."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.patheffects import Normal, Stroke

    handles: list[Any] = []
    for layer in plot.layers:
        if not layer.name or isinstance(layer, LabelsLayer):
            continue
        if isinstance(layer, AreaLayer | ShapesLayer):
            color = LABEL_COLORS[0] if isinstance(layer, ShapesLayer) and layer.labels is not None \
                else layer.color if isinstance(layer, AreaLayer) else layer.fill
            edge = layer.color if isinstance(layer, AreaLayer) else layer.stroke or "none"
            rgb = _rgba(color) if color else (0.0, 0.0, 0.0)
            face: Any = (rgb[0], rgb[1], rgb[2], layer.opacity) if color else "none"
            handles.append(Patch(facecolor=face, edgecolor=edge, label=layer.name))
        elif isinstance(layer, ImageLayer):
            handles.append(Patch(facecolor=image_key_color(layer), edgecolor="none",
                                 label=layer.name))
        elif isinstance(layer, ArrowsLayer):
            handles.append(Line2D([], [], color=layer.color, lw=layer.width, marker=">",
                                  markevery=[1], label=layer.name))
        elif isinstance(layer, LinesLayer) and layer.fill:
            rgb = _rgba(layer.fill)
            handles.append(Patch(facecolor=(rgb[0], rgb[1], rgb[2], layer.fill_opacity),
                                 edgecolor=layer.color if layer.width > 0 else "none",
                                 label=layer.name))
        elif isinstance(layer, LinesLayer):
            rgba = _rgba(layer.color)
            line = Line2D([], [], color=(rgba[0], rgba[1], rgba[2], rgba[3]),
                          lw=min(3.0, layer.width), label=layer.name,
                          linestyle=(0, layer.dash) if layer.dash else "-")
            if sum(rgba[:3]) > 2.4:  # a white contour: keyed on a dark outline, or it vanishes
                line.set_path_effects([Stroke(linewidth=line.get_linewidth() + 2.5,
                                              foreground="#3b4650"), Normal()])
            handles.append(line)
        elif isinstance(layer, PointsLayer) and layer.labels is not None and layer.classes:
            for k, c in enumerate(layer.classes):  # one key per class
                handles.append(Line2D([], [], color="none", marker=_MARKERS[layer.marker],
                                      markerfacecolor=LABEL_COLORS[k % len(LABEL_COLORS)],
                                      markeredgecolor="#3b4650", markersize=7, label=c))
        elif isinstance(layer, PointsLayer):
            mid = COLORMAPS[layer.colormap][128]  # a colour map: its middle
            marker_color: Any = LABEL_COLORS[0] if layer.labels is not None else \
                tuple(mid / 255) if layer.codes is not None else layer.color
            handles.append(Line2D([], [], color="none", marker=_MARKERS[layer.marker],
                                  markerfacecolor=marker_color, markeredgecolor="#3b4650",
                                  markersize=7, label=layer.name))
        elif isinstance(layer, HeatmapLayer):
            lut = COLORMAPS[layer.colormap]
            # The colour map from low to high as three swatches (a colour bar in little).
            for at, end in ((20, f"{layer.name} {layer.vmin:.2g}"), (235, f"{layer.vmax:.2g}")):
                handles.append(Line2D([], [], color=tuple(lut[at] / 255), lw=6,
                                      label=end + (" (log)" if at == 235 and
                                                   layer.scale == "log" else "")))
    return handles


