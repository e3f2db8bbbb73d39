"""matplotlib renderer of the Graph view (mirror of frontend/src/views/graph.ts): boxes at
the positions the view computed, edges as arrows between them, a node's class mix as a bar
of class colours under its text."""

from __future__ import annotations

import itertools
from typing import Any

from mlscope.core.colors import LABEL_COLORS
from mlscope.core.views import Graph

HIGHLIGHT = "#c2185b"


def draw_graph(ax: Any, view: Graph, labels: bool = True) -> None:
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Rectangle

    ax.set_xlim(0, 1)
    ax.set_ylim(1, 0)
    ax.set_axis_off()
    pos = {n.id: (float(x), float(y)) for n, (x, y) in zip(view.nodes, view.positions,
                                                          strict=True)}
    # Box size from the text, in axes units: points over the axes' size in points.
    fig_w, fig_h = ax.figure.get_size_inches()
    box = ax.get_position()
    ax_w, ax_h = box.width * fig_w * 72, box.height * fig_h * 72
    lines = max(1 + (n.detail.count("\n") + 1 if n.detail else 0) for n in view.nodes) \
        if view.nodes else 1
    chars = max((max(len(t) for t in [n.label, *n.detail.split("\n")]) for n in view.nodes),
                default=4)
    font = 7.0
    w = (chars * 0.6 * font + 10) / ax_w
    h = (lines * 1.25 * font + 10) / ax_h
    details = True
    if w * _widest_row(view) > 0.98:  # crowded: the labels alone (as the browser does)
        details = False
        chars = max((len(n.label) for n in view.nodes), default=4)
        w, h = (chars * 0.6 * font + 10) / ax_w, (1.25 * font + 10) / ax_h
    # Too many to show even their labels: small dots.
    compact = w * _widest_row(view) > 0.98
    if compact:
        w = h = min(0.8 / _widest_row(view), 12 / ax_w) if view.nodes else 0.02
        h = w * ax_w / ax_h
    for e in view.edges:
        (x0, y0), (x1, y1) = pos[e.source], pos[e.target]
        ax.add_patch(FancyArrowPatch((x0, y0), (x1, y1), arrowstyle="-|>", mutation_scale=8,
                                     shrinkA=12, shrinkB=14, lw=0.8 * e.width + (1 if e.highlight
                                                                                 else 0),
                                     color=HIGHLIGHT if e.highlight else "#8a949e", zorder=1))
        if e.label and not compact:
            ax.text((x0 + x1) / 2, (y0 + y1) / 2, e.label, fontsize=7, ha="center",
                    va="center", color="#4a5561", zorder=3,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"})
    for n in view.nodes:
        x, y = pos[n.id]
        ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h, boxstyle="round,pad=0.004",
                                    fc=n.color, ec=HIGHLIGHT if n.highlight else "#9aa3ad",
                                    lw=2 if n.highlight else 0.8, zorder=2))
        if n.mix:
            total = sum(n.mix) or 1.0
            left = x - w / 2
            for k, part in enumerate(n.mix):
                ax.add_patch(Rectangle((left, y + h / 2 - 3 / ax_h), w * part / total, 3 / ax_h,
                                       color=LABEL_COLORS[k % len(LABEL_COLORS)], lw=0,
                                       zorder=3))
                left += w * part / total
        if not compact:
            top = y - h / 2 + 4 / ax_h
            ax.text(x, top, n.label, fontsize=font, fontweight="bold", ha="center", va="top",
                    zorder=3, color="#1b232b")
            if n.detail and details:
                ax.text(x, top + 1.25 * font / ax_h, n.detail, fontsize=font * 0.9,
                        ha="center", va="top", zorder=3, color="#4a5561", linespacing=1.15)
    if labels:
        ax.set_title(view.title, fontsize=11, loc="left")


def _widest_row(view: Graph) -> float:
    """How crowded the picture is: 1 over the smallest gap between two nodes of one row (as
    frontend/src/views/graph.ts crowding)."""
    rows: dict[float, list[float]] = {}
    for x, y in view.positions:
        rows.setdefault(round(float(y), 4), []).append(float(x))
    gap = 1.0
    for xs in rows.values():
        xs.sort()
        gap = min([gap, *(b - a for a, b in itertools.pairwise(xs))])
    return 1.0 / max(gap, 1e-6)
