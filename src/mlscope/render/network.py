"""matplotlib renderer of the Network view (mirror of frontend/src/views/network.ts and,
for nodes carrying a heatmap, network_live.ts: each neuron drawn as its thumbnail)."""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.collections import LineCollection, PatchCollection
from matplotlib.image import AxesImage

from mlscope.core.colors import COLORMAPS
from mlscope.core.views import Edge, Network

BLUE, ORANGE, GREY, INK, MUTED = "#0877bd", "#f59322", "#b8c0c8", "#1f2933", "#5b6773"


def layout(view: Network) -> dict[str, tuple[float, float]]:
    """Node id -> (x, y) in [0, 1]²: columns by layer, nodes centred in each column."""
    layers = max(n.layer for n in view.nodes) + 1
    columns: dict[int, list[str]] = {}
    for n in view.nodes:
        columns.setdefault(n.layer, []).append(n.id)
    tallest = max(len(c) for c in columns.values())
    pos = {}
    for layer, ids in columns.items():
        # Room on the left for input labels when they sit beside the inputs.
        x0 = 0.2 if view.toggle_param else 0.1
        x = 0.5 if layers == 1 else x0 + (0.9 - x0) * layer / (layers - 1)
        for i, node in enumerate(ids):
            # First node at the top, as in the browser.
            pos[node] = (x, 0.5 - (i - (len(ids) - 1) / 2) / max(tallest, 1) * 0.9)
    return pos


def _sign_colour(value: float) -> tuple[float, ...]:
    """The diverging scale over [-1, 1], as the live diagram colours weights and biases."""
    lut = COLORMAPS["diverging"] / 255.0
    return tuple(lut[round(min(1.0, max(0.0, (value + 1) / 2)) * 255)])


def _edges(ax: Any, edges: list[Edge], pos: dict[str, tuple[float, float]],
           live: bool = False) -> None:
    """Edges by weight: blue positive, orange negative, wider for larger. ``live`` (the
    playground's diagram, neurons as pictures): as the browser draws it, the colour on the
    diverging scale over [-1, 1] and the width growing to |w| = 5, so a small weight is a
    faint hairline and the edges do not swamp the tiles."""
    top = max((abs(e.weight) for e in edges if not e.structural), default=1.0) or 1.0
    segments: list[Any] = []
    colors: list[Any] = []
    widths: list[float] = []
    for e in edges:
        segments.append([pos[e.source], pos[e.target]])
        if e.structural:
            colors.append(GREY)
            widths.append(0.8)
        elif live:
            colors.append(_sign_colour(e.weight))
            widths.append(0.4 + 2.2 * min(1.0, abs(e.weight) / 5))
        else:
            colors.append(BLUE if e.weight >= 0 else ORANGE)
            widths.append(0.6 + 3 * min(abs(e.weight) / top, 1.0))
    ax.add_collection(LineCollection(segments, colors=colors, linewidths=widths, zorder=1))


def draw_network(ax: Any, view: Network, labels: bool = True) -> None:
    pos = layout(view)
    edges = view.all_edges()
    live = any(n.heatmap is not None for n in view.nodes)
    _edges(ax, edges, pos, live)
    if labels:
        for e in edges:
            if e.label:
                (x1, y1), (x2, y2) = pos[e.source], pos[e.target]
                t = e.label_at
                ax.text(x1 + t * (x2 - x1), y1 + t * (y2 - y1) + 0.03, e.label, ha="center",
                        fontsize=8, bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    # Thumbnails are squares on screen: their half-size in data units per axis.
    box = ax.get_position()
    fig_w, fig_h = ax.figure.get_size_inches()
    ratio = (box.width * fig_w) / max(box.height * fig_h, 1e-9)
    tallest = max(sum(1 for m in view.nodes if m.layer == n.layer) for n in view.nodes)
    half_y = min(0.4 / max(tallest, 1), 0.09)
    half_x = half_y / ratio
    # ... and narrower than a third of the space between two columns, so the weights
    # between them stay visible (at 6 hidden layers the columns are close).
    layers = max(n.layer for n in view.nodes) + 1
    if layers > 1:
        x0 = 0.2 if view.toggle_param else 0.1
        half_x = min(half_x, (0.9 - x0) / (layers - 1) * 0.3)
        half_y = min(half_y, half_x * ratio)
    frames: list[Any] = []  # the tiles' outlines, as one collection (not a patch each)
    for n in view.nodes:
        x, y = pos[n.id]
        alpha = 1.0 if n.active else 0.35
        if n.heatmap is None and view.toggle_param and n.layer == 0:
            frames.append(_frame(x, y, half_x, half_y, fill="#f3f5f7"))
            label_y = y - half_y - 0.01
        elif n.heatmap is not None:
            rgb = COLORMAPS[n.colormap][np.asarray(n.heatmap)]
            # an image added as imshow would, without its autoscaling (the limits are set)
            tile = AxesImage(ax, origin="lower", interpolation="bilinear", alpha=alpha,
                             zorder=2)
            tile.set_data(rgb)
            tile.set_extent((x - half_x, x + half_x, y - half_y, y + half_y))
            tile.set_clip_path(ax.patch)
            ax.add_image(tile)
            frames.append(_frame(x, y, half_x, half_y))
            if n.bias is not None:
                # The bias: a small square on the tile's lower-left corner, as live.
                bx, by = 0.22 * half_x * 2, 0.22 * half_y * 2
                frames.append(_frame(x - half_x - bx / 2 + 0.002, y - half_y + by / 2 - 0.004,
                                     bx / 2, by / 2, fill=_sign_colour(n.bias)))
            label_y = y - half_y - 0.01
        else:
            ax.scatter([x], [y], s=260, c="white", edgecolors="#4a5561", linewidths=1.5,
                       zorder=2, alpha=alpha)
            label_y = y - 0.08
        if labels and n.label and n.layer == 0 and view.toggle_param:
            # The playground's inputs: labels to the left, as in the browser.
            ax.text(x - half_x - 0.01, y, n.label, ha="right", va="center", fontsize=8,
                    weight="bold", color=INK, alpha=alpha)
        elif labels and n.label:
            ax.text(x, label_y, n.label, ha="center", va="top", fontsize=8, weight="bold",
                    color=INK, alpha=alpha)
            if n.detail:
                ax.text(x, label_y - 0.06, n.detail, ha="center", va="top", fontsize=7,
                        color=MUTED)
    if frames:
        # above the tiles, under the labels (which they never meet)
        ax.add_collection(PatchCollection(frames, match_original=True, zorder=2.9),
                          autolim=False)
    # Column headings only where they fit between columns (about 5 px per character).
    gap_px = box.width * fig_w * ax.figure.dpi * 0.7 / max(len(view.columns) - 1, 1)
    fits = all(len(c) * 5 < gap_px for c in view.columns)
    if labels and view.columns and fits:
        for layer, heading in enumerate(view.columns):
            xs = [pos[n.id][0] for n in view.nodes if n.layer == layer]
            if xs and heading:
                ax.text(xs[0], 1.0, heading, ha="center", va="bottom", fontsize=7, color=MUTED)
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.02, 1.02)
    ax.axis("off")
    if labels:
        ax.set_title(view.title, fontsize=11, loc="left")


def _frame(x: float, y: float, hx: float, hy: float, fill: Any = "") -> Any:
    from matplotlib.patches import Rectangle

    return Rectangle((x - hx, y - hy), 2 * hx, 2 * hy, fill=bool(fill), facecolor=fill or None,
                     edgecolor="#9aa3ad", lw=0.6, zorder=3)
