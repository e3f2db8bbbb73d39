"""matplotlib renderer of the Scene3D view (mirror of frontend/src/views/scene3d.ts).

Needs 3-D axes: ``fig.add_subplot(projection="3d")``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mlscope.core.colors import LABEL_COLORS
from mlscope.core.views import Lines3D, Points3D, Scene3D, Surface3D


def draw_scene3d(ax: Any, view: Scene3D, labels: bool = True) -> None:
    for layer in view.layers:
        if isinstance(layer, Surface3D):
            ny, nx = layer.z.shape
            gx, gy = np.meshgrid(np.linspace(*view.x_range, nx), np.linspace(*view.y_range, ny))
            z = np.clip(layer.z, *view.z_range)
            ax.plot_surface(gx, gy, z, color=layer.color, alpha=layer.opacity, linewidth=0.3,
                            edgecolor=layer.color, shade=False)
        elif isinstance(layer, Lines3D):
            for k in range(0, len(layer.x) - 1, 2):
                ax.plot(layer.x[k:k + 2], layer.y[k:k + 2], layer.z[k:k + 2], color=layer.color,
                        lw=1)
        elif isinstance(layer, Points3D):
            colors: Any = ([LABEL_COLORS[int(k) % len(LABEL_COLORS)] for k in layer.labels]
                           if layer.labels is not None else layer.color)
            ax.scatter(layer.x, layer.y, layer.z, c=colors, s=30 * layer.size,
                       edgecolors="white", depthshade=False)
    ax.set_xlim(*view.x_range)
    ax.set_ylim(*view.y_range)
    ax.set_zlim(*view.z_range)
    ax.view_init(elev=22, azim=-58)
    if labels:
        ax.set_title(view.title, fontsize=11, loc="left")
        ax.set_xlabel(view.x_label)
        ax.set_ylabel(view.y_label)
        ax.set_zlabel(view.z_label)
