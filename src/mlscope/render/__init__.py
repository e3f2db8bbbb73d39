"""matplotlib drawing of view payloads: one renderer per view type (thumbnails, exports)."""

from __future__ import annotations

from typing import Any

from mlscope.core.views import View


def draw_view(fig: Any, view: View, rect: tuple[float, float, float, float] = (0.1, 0.1, 0.85, 0.8),
              labels: bool = True) -> Any:
    """Draw ``view`` into new axes of ``fig`` at ``rect``; returns the axes."""
    from mlscope.render.bars import draw_bars
    from mlscope.render.network import draw_network
    from mlscope.render.plot import draw_plot
    from mlscope.render.scene3d import draw_scene3d

    if view.kind == "scene3d":
        ax = fig.add_axes(rect, projection="3d")
        draw_scene3d(ax, view, labels)  # type: ignore[arg-type]
        return ax
    drawers: dict[str, Any] = {"plot": draw_plot, "bars": draw_bars, "network": draw_network}
    if view.kind not in drawers:
        raise TypeError(f"no matplotlib renderer for {view.kind!r} views yet; "
                        f"drawable: {', '.join(sorted([*drawers, 'scene3d']))}")
    ax = fig.add_axes(rect)
    drawers[view.kind](ax, view, labels)
    return ax
