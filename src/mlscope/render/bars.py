"""matplotlib renderer of the Bars view (mirror of frontend/src/views/bars.ts)."""

from __future__ import annotations

from typing import Any

from mlscope.core.views import Bars


def draw_bars(ax: Any, view: Bars, labels: bool = True) -> None:
    n = len(view.labels)
    colors = view.colors or ["#0877bd"] * n
    if view.horizontal:
        _draw_horizontal(ax, view, colors, labels)
        return
    ax.bar(range(n), view.values, width=0.64, color=colors[:n])
    ax.axhline(0, color="#9aa3ad", lw=1)
    ax.set_ylim(*view.y_range)
    ax.set_xticks(range(n), view.labels)
    for k, text in enumerate(view.value_labels):
        v = float(view.values[k])
        ax.annotate(text, (k, v), xytext=(0, 3 if v >= 0 else -3), textcoords="offset points",
                    ha="center", va="bottom" if v >= 0 else "top", fontsize=9)
    if labels:
        ax.set_title(view.title, fontsize=11, loc="left")
        ax.set_ylabel(view.y_label)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _draw_horizontal(ax: Any, view: Bars, colors: list[str], labels: bool) -> None:
    """One bar per row, the first at the top, labels at the left."""
    n = len(view.labels)
    ax.barh(range(n), view.values, height=0.64, color=colors[:n])
    ax.axvline(0, color="#9aa3ad", lw=1)
    ax.set_xlim(*view.y_range)
    ax.set_yticks(range(n), view.labels)
    ax.invert_yaxis()
    for k, text in enumerate(view.value_labels):
        v = float(view.values[k])
        ax.annotate(text, (v, k), xytext=(3 if v >= 0 else -3, 0), textcoords="offset points",
                    ha="left" if v >= 0 else "right", va="center", fontsize=9)
    if labels:
        ax.set_title(view.title, fontsize=11, loc="left")
        ax.set_xlabel(view.y_label)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
