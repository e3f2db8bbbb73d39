"""Gallery thumbnails: the explorable's ``thumbnail_view`` from its first frame, as PNG."""

from __future__ import annotations

import io

from matplotlib.figure import Figure

from mlscope.core.explorable import Explorable
from mlscope.core.views import Plot
from mlscope.render.plot import draw_plot

SIZE = (320, 200)


def thumbnail_png(explorable: Explorable, dpi: int = 100) -> bytes:
    """PNG bytes of SIZE pixels; the view must be a Plot."""
    view = explorable.frame()[explorable.thumbnail_view]
    if not isinstance(view, Plot):
        raise TypeError(f"{explorable.slug}: thumbnail_view must name a Plot view")
    fig = Figure(figsize=(SIZE[0] / dpi, SIZE[1] / dpi), dpi=dpi)
    ax = fig.add_axes((0.02, 0.03, 0.96, 0.94))
    draw_plot(ax, view, labels=False)
    ax.set_xticks([])
    ax.set_yticks([])
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()
