"""matplotlib renderer of the Scene3D view (mirror of frontend/src/views/scene3d.ts).

Needs 3-D axes: ``fig.add_subplot(projection="3d")``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from mpl_toolkits.mplot3d.art3d import Line3DCollection

from mlscope.core.colors import COLORMAPS, LABEL_COLORS
from mlscope.core.views import Lines3D, Points3D, Scene3D, Surface3D

DEFAULT_CAMERA = (22.0, -58.0)


def _surface_xyz(view: Scene3D, layer: Surface3D) -> tuple[Any, Any, Any]:
    """The surface's x, y, z grids: ``layer.z`` lies along its ``up`` axis over the other
    two axes' ranges."""
    rows, cols = layer.z.shape
    ranges = {"x": view.x_range, "y": view.y_range, "z": view.z_range}
    free = [a for a in "xyz" if a != layer.up]
    gu, gv = np.meshgrid(np.linspace(*ranges[free[0]], cols),
                         np.linspace(*ranges[free[1]], rows))
    lo, hi = ranges[layer.up]
    # Outside the box: not drawn (clipping would draw a false flat rim along the box).
    inside = np.where((layer.z >= lo) & (layer.z <= hi), layer.z, np.nan)
    axes = {free[0]: gu, free[1]: gv, layer.up: inside}
    return axes["x"], axes["y"], axes["z"]


def _point_colors(layer: Points3D) -> Any:
    if layer.labels is not None:
        return [LABEL_COLORS[int(k) % len(LABEL_COLORS)] for k in layer.labels]
    if layer.codes is not None:
        return COLORMAPS[layer.colormap][np.asarray(layer.codes, dtype=int)] / 255.0
    return layer.color


def draw_scene3d(ax: Any, view: Scene3D, labels: bool = True) -> None:
    for layer in view.layers:
        if isinstance(layer, Surface3D):
            gx, gy, gz = _surface_xyz(view, layer)
            ax.plot_surface(gx, gy, gz, color=layer.color, alpha=layer.opacity, linewidth=0.3,
                            edgecolor=layer.color, shade=False)
        elif isinstance(layer, Lines3D):
            pts = np.column_stack([layer.x, layer.y, layer.z]).reshape(-1, 2, 3)
            lo = np.array([view.x_range[0], view.y_range[0], view.z_range[0]])
            hi = np.array([view.x_range[1], view.y_range[1], view.z_range[1]])
            pts = pts[((pts >= lo) & (pts <= hi)).all(axis=(1, 2))]  # 3-D axes do not clip
            if len(pts):  # every segment may lie outside the box
                ax.add_collection3d(Line3DCollection(pts, colors=layer.color, linewidths=0.8))
        elif isinstance(layer, Points3D):
            ax.scatter(layer.x, layer.y, layer.z, c=_point_colors(layer), s=30 * layer.size,
                       edgecolors="white", linewidths=0.5, depthshade=False)
    ax.set_xlim(*view.x_range)
    ax.set_ylim(*view.y_range)
    ax.set_zlim(*view.z_range)
    elev, azim = view.camera if view.camera is not None else DEFAULT_CAMERA
    ax.view_init(elev=elev, azim=azim)
    if labels:
        # Four ticks a side, small, and labels set off from them: in a small export the
        # default seven ticks and their axis labels run into each other.
        from matplotlib.ticker import MaxNLocator

        for axis in (ax.xaxis, ax.yaxis, ax.zaxis):
            axis.set_major_locator(MaxNLocator(4))
        ax.tick_params(labelsize=7, pad=0)
        ax.set_title(view.title, fontsize=11, loc="left")
        ax.set_xlabel(view.x_label, fontsize=9, labelpad=2)
        ax.set_ylabel(view.y_label, fontsize=9, labelpad=2)
        ax.set_zlabel(view.z_label, fontsize=9, labelpad=0)
