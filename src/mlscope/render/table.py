"""matplotlib renderer of the Table view (mirror of frontend/src/views/table.ts).

Drawn as text in axes coordinates, not ``ax.table``: columns sized by their longest cell,
numbers right-aligned as in the browser, footer rows set apart by a rule.
"""

from __future__ import annotations

from typing import Any

from mlscope.core.views import Table

INK, MUTED, LINE = "#1f2933", "#5b6773", "#e1e6eb"


def _numeric(cell: str) -> bool:
    s = cell.replace(",", "").replace("−", "-").replace("%", "").strip()
    try:
        float(s)
    except ValueError:
        return False
    return True


def draw_table(ax: Any, view: Table, labels: bool = True) -> None:
    rows = [view.columns, *view.rows, *view.footer]
    n_cols = max(len(r) for r in rows)
    widths = [max(len(r[k]) if k < len(r) else 0 for r in rows) + 2 for k in range(n_cols)]
    total = sum(widths) or 1
    n = len(rows)
    step = min(0.14, 0.96 / max(n, 1))
    font = max(6.0, min(10.0, 150.0 * step))
    y = 0.98
    for i, row in enumerate(rows):
        header = i == 0
        footer = i > len(view.rows)
        if footer and i == len(view.rows) + 1:
            ax.axhline(y + step * 0.1, color=LINE, lw=1)
        x = 0.0
        for k, cell in enumerate(row):
            w = widths[k] / total
            right = not header and k > 0 and _numeric(cell)
            ax.text(x + (w - 0.01 if right else 0.01), y - step / 2, cell,
                    ha="right" if right else "left", va="center", fontsize=font,
                    color=MUTED if header else INK, weight="bold" if header else "normal",
                    family="DejaVu Sans", transform=ax.transAxes, clip_on=True)
            x += w
        if header:
            ax.axhline(y - step, color=LINE, lw=1)
        y -= step
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.axis("off")
    if labels:
        ax.set_title(view.title, fontsize=11, loc="left")
