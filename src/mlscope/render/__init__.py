"""matplotlib drawing of view payloads: one renderer per view type (thumbnails, exports)."""

from __future__ import annotations

from typing import Any

from mlscope.core.views import View

_DRAWERS: dict[str, Any] = {}


def drawers() -> dict[str, Any]:
    """View kind -> ``draw(ax, view, labels)``; imported on first use (matplotlib is slow
    to import and the web app only needs it for thumbnails and exports)."""
    if not _DRAWERS:
        from mlscope.render.bars import draw_bars
        from mlscope.render.chart import draw_chart
        from mlscope.render.graph import draw_graph
        from mlscope.render.images import draw_images
        from mlscope.render.matrix import draw_matrix
        from mlscope.render.network import draw_network
        from mlscope.render.plot import draw_plot
        from mlscope.render.scene3d import draw_scene3d
        from mlscope.render.table import draw_table
        from mlscope.render.text import draw_formula, draw_text

        _DRAWERS.update(plot=draw_plot, bars=draw_bars, network=draw_network, chart=draw_chart,
                        table=draw_table, formula=draw_formula, text=draw_text,
                        scene3d=draw_scene3d, matrix=draw_matrix, images=draw_images,
                        graph=draw_graph)
    return _DRAWERS


def draw_into(ax: Any, view: View, labels: bool = True) -> None:
    """Draw ``view`` into the (empty) axes ``ax``; a Scene3D needs 3-D axes."""
    drawers()[view.kind](ax, view, labels)


def draw_view(fig: Any, view: View, rect: tuple[float, float, float, float] = (0.1, 0.1, 0.85, 0.8),
              labels: bool = True) -> Any:
    """Draw ``view`` into new axes of ``fig`` at ``rect``; returns the axes."""
    ax = fig.add_axes(rect, projection="3d" if view.kind == "scene3d" else None)
    draw_into(ax, view, labels)
    return ax
