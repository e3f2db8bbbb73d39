"""Gallery thumbnails: the explorable's ``thumbnail_view`` from its first frame, as PNG."""

from __future__ import annotations

import io

from matplotlib.figure import Figure

from mlscope.core.explorable import Explorable
from mlscope.render import draw_view

SIZE = (320, 200)


def thumbnail_png(explorable: Explorable, dpi: int = 100) -> bytes:
    """PNG bytes of SIZE pixels, without titles or tick labels."""
    for _ in range(explorable.thumbnail_steps):
        explorable.step()
    view = explorable.frame()[explorable.thumbnail_view]
    fig = Figure(figsize=(SIZE[0] / dpi, SIZE[1] / dpi), dpi=dpi)
    # 3-D axes leave wide margins of their own: give them more room.
    rect = (-0.06, -0.1, 1.12, 1.22) if view.kind == "scene3d" else (0.02, 0.03, 0.96, 0.94)
    ax = draw_view(fig, view, rect=rect, labels=False)
    if view.kind == "scene3d":
        ax.set_xticklabels([])
        ax.set_yticklabels([])
        ax.set_zticklabels([])
    elif view.kind != "network":
        ax.set_yticks([])
        if view.kind == "plot":
            ax.set_xticks([])
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()
