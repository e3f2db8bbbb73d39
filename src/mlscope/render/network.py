"""matplotlib renderer of the Network view (mirror of frontend/src/views/network.ts)."""

from __future__ import annotations

from typing import Any

from mlscope.core.views import Network

BLUE, ORANGE = "#0877bd", "#f59322"


def layout(view: Network) -> dict[str, tuple[float, float]]:
    """Node id -> (x, y) in [0, 1]²: columns by layer, nodes centred in each column."""
    layers = max(n.layer for n in view.nodes) + 1
    columns: dict[int, list[str]] = {}
    for n in view.nodes:
        columns.setdefault(n.layer, []).append(n.id)
    tallest = max(len(c) for c in columns.values())
    pos = {}
    for layer, ids in columns.items():
        x = 0.5 if layers == 1 else 0.1 + 0.8 * layer / (layers - 1)
        for i, node in enumerate(ids):
            pos[node] = (x, 0.5 + (i - (len(ids) - 1) / 2) / max(tallest, 1) * 0.9)
    return pos


def draw_network(ax: Any, view: Network, labels: bool = True) -> None:
    pos = layout(view)
    top = max((abs(e.weight) for e in view.edges if not e.structural), default=1.0) or 1.0
    for e in view.edges:
        (x1, y1), (x2, y2) = pos[e.source], pos[e.target]
        if e.structural:
            ax.plot([x1, x2], [y1, y2], color="#b8c0c8", lw=0.8, zorder=1)
        else:
            ax.plot([x1, x2], [y1, y2], color=BLUE if e.weight >= 0 else ORANGE,
                    lw=0.8 + 3 * abs(e.weight) / top, zorder=1)
        if labels and e.label:
            t = e.label_at
            ax.text(x1 + t * (x2 - x1), y1 + t * (y2 - y1) + 0.03, e.label, ha="center",
                    fontsize=8, bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    for n in view.nodes:
        x, y = pos[n.id]
        ax.scatter([x], [y], s=260, c="white", edgecolors="#4a5561", linewidths=1.5, zorder=2)
        if labels:
            ax.text(x, y - 0.08, n.label, ha="center", va="top", fontsize=9, weight="bold")
            if n.detail:
                ax.text(x, y - 0.14, n.detail, ha="center", va="top", fontsize=8,
                        color="#5b6773")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.axis("off")
    if labels:
        ax.set_title(view.title, fontsize=11, loc="left")
