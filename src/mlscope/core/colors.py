"""Colours shared by the browser and the matplotlib renderer.

The 256-entry colour maps are built here and sent to the front end with the page spec, so a
heatmap code means the same colour in the app, the notebook and an export.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

# TensorFlow Playground's diverging scale: orange for negative, white at zero, blue positive.
_DIVERGING = ["#f59322", "#ffffff", "#0877bd"]
# viridis at 9 stops (matplotlib's), for magnitudes such as an error surface.
_SEQUENTIAL = ["#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c",
               "#28ae80", "#5ec962", "#addc30", "#fde725"]

# Class colours: points and regions of label k use LABEL_COLORS[k].
LABEL_COLORS = ["#0877bd", "#f59322", "#2ca02c", "#d62728", "#9467bd",
                "#8c564b", "#e377c2", "#7f7f7f"]


def _hex_to_rgb(c: str) -> tuple[int, int, int]:
    return int(c[1:3], 16), int(c[3:5], 16), int(c[5:7], 16)


def _lut(stops: list[str]) -> NDArray[np.uint8]:
    """ndarray of shape (256, 3), uint8: the stops spaced evenly and linearly interpolated."""
    rgb = np.array([_hex_to_rgb(c) for c in stops], dtype=np.float64)
    at = np.linspace(0, 1, len(stops))
    t = np.linspace(0, 1, 256)
    return np.rint(np.stack([np.interp(t, at, rgb[:, k]) for k in range(3)], axis=1)) \
        .astype(np.uint8)


COLORMAPS: dict[str, NDArray[np.uint8]] = {
    "diverging": _lut(_DIVERGING),
    "sequential": _lut(_SEQUENTIAL),
}


def colormap_spec() -> dict[str, list[int]]:
    """The colour maps as flat [r, g, b, r, g, b, ...] lists for the page spec."""
    return {name: lut.reshape(-1).tolist() for name, lut in COLORMAPS.items()}
