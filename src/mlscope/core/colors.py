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

# Colours with one meaning on every page (DESIGN 3.4). Blue and orange mean class or sign
# and nothing else; these carry the other meanings.
DATA = "#37474f"
"""Points that have no class (the houses of a regression), and single curves of a value."""
MODEL = "#c2185b"
"""The model now: its prediction line or plane, its current parameters and their path."""
RESIDUAL = "#5b6773"
"""A data point's error: the gap between it and the model (drawn dashed)."""
TRAIN, HELD_OUT = "#37474f", "#8e44ad"
"""The neutral pair for training vs held-out data (curves, markers)."""

# Class colours: points and regions of label k use LABEL_COLORS[k]. Two classes are blue and
# orange (TensorFlow Playground's); more take Tableau's 10 in order, then two more: 12
# colours that stay apart (tests/unit/test_colors.py measures it), for up to 12 classes.
LABEL_COLORS = ["#0877bd", "#f59322", "#2ca02c", "#d62728", "#9467bd",
                "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
                "#1a2a6c", "#ffd92f"]
MAX_CLASSES = len(LABEL_COLORS)
LABEL_NAMES = ("blue", "orange", "green", "red", "purple", "brown", "pink", "grey", "olive",
               "cyan", "navy", "yellow")
"""What the page calls class k: its colour's name."""


def _hex_to_rgb(c: str) -> tuple[int, int, int]:
    return int(c[1:3], 16), int(c[3:5], 16), int(c[5:7], 16)


def _lut(stops: list[str]) -> NDArray[np.uint8]:
    """ndarray of shape (256, 3), uint8: the stops spaced evenly and linearly interpolated."""
    rgb = np.array([_hex_to_rgb(c) for c in stops], dtype=np.float64)
    at = np.linspace(0, 1, len(stops))
    t = np.linspace(0, 1, 256)
    return np.rint(np.stack([np.interp(t, at, rgb[:, k]) for k in range(3)], axis=1)) \
        .astype(np.uint8)


CLASS_LEVELS = 51
"""Shades per class in the "classes" colour map: code = class · 51 + level (0..50)."""
MANY_CLASS_LEVELS = 21
"""Shades per class in "classes12", for 6 to 12 classes: code = class · 21 + level."""


def _class_lut(classes: int = 5, levels: int = CLASS_LEVELS) -> NDArray[np.uint8]:
    """``classes`` classes, each from a pale tint (level 0, an unsure region) to a strong
    tint of its label colour (the last level, a sure one); spare codes repeat the last."""
    out = np.zeros((256, 3), dtype=np.uint8)
    white = np.array([248.0, 249.0, 250.0])
    for c in range(classes):
        rgb = np.array(_hex_to_rgb(LABEL_COLORS[c]), dtype=float)
        t = np.linspace(0.12, 0.6, levels)[:, None]
        out[c * levels:(c + 1) * levels] = np.rint(white + t * (rgb - white))
    out[classes * levels:] = out[classes * levels - 1]
    return out


def class_colormap(n_classes: int) -> str:
    """The colour map for regions of ``n_classes`` classes: "classes" up to 5, "classes12"
    up to 12; ValueError beyond."""
    if not 1 <= n_classes <= MAX_CLASSES:
        raise ValueError(f"class colours go up to {MAX_CLASSES} classes; got {n_classes}")
    return "classes" if n_classes <= 5 else "classes12"


def value_codes(v: NDArray[np.floating], vmin: float, vmax: float) -> NDArray[np.uint8]:
    """Codes 0..255 for values on [vmin, vmax] (clipped; NaN gives 0)."""
    t = (np.asarray(v, dtype=np.float64) - vmin) / (vmax - vmin)
    # fmax, unlike clip, turns NaN into its other argument: NaN -> 0, ±inf -> 1 or 0
    t = np.fmin(np.fmax(t, 0.0), 1.0)
    return np.asarray(np.rint(t * 255), dtype=np.uint8)


def class_codes(label: NDArray[np.integer], confidence: NDArray[np.floating],
                n_classes: int = 2) -> NDArray[np.uint8]:
    """Codes of ``class_colormap(n_classes)``: the class, shaded by ``confidence`` in [0, 1]."""
    levels = CLASS_LEVELS if class_colormap(n_classes) == "classes" else MANY_CLASS_LEVELS
    level = np.rint(np.clip(confidence, 0.0, 1.0) * (levels - 1))
    return np.asarray(np.asarray(label) * levels + level, dtype=np.uint8)


COLORMAPS: dict[str, NDArray[np.uint8]] = {
    "diverging": _lut(_DIVERGING),
    "sequential": _lut(_SEQUENTIAL),
    "classes": _class_lut(),
    "classes12": _class_lut(MAX_CLASSES, MANY_CLASS_LEVELS),
}


def colormap_spec() -> dict[str, list[int]]:
    """The colour maps as flat [r, g, b, r, g, b, ...] lists for the page spec."""
    return {name: lut.reshape(-1).tolist() for name, lut in COLORMAPS.items()}
