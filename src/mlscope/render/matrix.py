"""matplotlib renderer of the Matrix view (mirror of frontend/src/views/matrix.ts): cells
coloured from the same codes and colour map, each with its text in black or white by the
cell's lightness, row 0 on top."""

from __future__ import annotations

from typing import Any

import numpy as np

from mlscope.core.colors import COLORMAPS
from mlscope.core.views import Matrix


def text_color(rgb: Any) -> str:
    """Dark text on a light cell, white on a dark one (relative luminance, as the JS)."""
    r, g, b = (float(c) for c in rgb[:3])
    return "#1b232b" if 0.2126 * r + 0.7152 * g + 0.0722 * b > 140 else "#ffffff"


def draw_matrix(ax: Any, view: Matrix, labels: bool = True) -> None:
    lut = COLORMAPS[view.colormap]
    rgb = lut[view.codes]  # (m, n, 3)
    m, n = rgb.shape[:2]
    ax.imshow(rgb, origin="upper", interpolation="nearest", aspect="equal",
              extent=(-0.5, n - 0.5, m - 0.5, -0.5))
    texts = view.texts()
    size = max(5.0, min(10.0, 90.0 / max(m, n)))
    if max(m, n) <= 24:
        for i in range(m):
            for j in range(n):
                ax.text(j, i, texts[i][j], ha="center", va="center", fontsize=size,
                        color=text_color(rgb[i, j]))
    ax.set_xticks(np.arange(n), view.col_labels, fontsize=8)
    ax.set_yticks(np.arange(m), view.row_labels, fontsize=8)
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    if labels:
        ax.set_title(view.title, fontsize=11, loc="left", pad=22 if view.col_labels else 6)
        ax.set_xlabel(view.x_label)
        ax.set_ylabel(view.y_label)
