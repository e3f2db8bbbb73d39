"""More layers of a Plot: filled areas, arrows, text labels and shapes, all in data units.

Each has one JS painter (``frontend/src/views/plot_layers.ts``) and one matplotlib painter
(``mlscope/render/plot_layers.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

import numpy as np
from numpy.typing import NDArray

from mlscope.core.views.base import FloatArray, same_length


@dataclass
class AreaLayer:
    """A filled band over x: between ``y_low`` and ``y_high`` (a confidence band), or from 0
    up to ``y_high`` (a density) when ``y_low`` is None.

    x, y_high, y_low: ndarrays of shape (n,), float. With ``steps`` the band is a histogram:
    x holds the n + 1 bin edges and y_high (and y_low) one value per bin.
    outline: the top edge drawn in ``color`` at full strength (a density's curve).
    """

    x: FloatArray
    y_high: FloatArray
    y_low: FloatArray | None = None
    color: str = "#37474f"
    opacity: float = 0.25
    outline: bool = True
    steps: bool = False
    name: str = ""
    kind: ClassVar[str] = "area"

    def __post_init__(self) -> None:
        n = same_length("AreaLayer", y_high=self.y_high, y_low=self.y_low)
        nx = same_length("AreaLayer", x=self.x)
        if nx != n + (1 if self.steps else 0):
            raise ValueError(f"AreaLayer.x must hold {'n + 1 bin edges' if self.steps else 'n'}"
                             f" values for {n} heights; got {nx}")
        if not 0 <= self.opacity <= 1:
            raise ValueError(f"AreaLayer.opacity must be in [0, 1]; got {self.opacity}")


@dataclass
class ArrowsLayer:
    """Arrows from (x, y) to (x + dx, y + dy) in data units: gradients, eigenvectors, a
    margin's normal, a vector field. All are ndarrays of shape (n,), float; the heads are
    ``head`` pixels long whatever the zoom. A zero-length arrow draws nothing."""

    x: FloatArray
    y: FloatArray
    dx: FloatArray
    dy: FloatArray
    color: str = "#37474f"
    width: float = 1.5
    head: float = 8.0
    name: str = ""
    kind: ClassVar[str] = "arrows"

    def __post_init__(self) -> None:
        same_length("ArrowsLayer", x=self.x, y=self.y, dx=self.dx, dy=self.dy)


@dataclass
class LabelsLayer:
    """Text at data coordinates: a centroid's number, a support vector's weight, a node's name.
    x, y: ndarrays of shape (n,), float; texts: n strings (plain text, escaped). Each label
    sits ``offset`` pixels (right, up) from its point, with a white halo so it reads over a
    heatmap; keep labels beside the data, not on it."""

    x: FloatArray
    y: FloatArray
    texts: list[str]
    color: str = "#2b3540"
    size: float = 11.0
    align: Literal["left", "center", "right"] = "center"
    offset: tuple[float, float] = (0.0, 0.0)
    name: str = ""
    """Labels need no key in the legend; a name only describes the layer to a screen reader."""
    kind: ClassVar[str] = "labels"

    def __post_init__(self) -> None:
        n = same_length("LabelsLayer", x=self.x, y=self.y)
        if len(self.texts) != n:
            raise ValueError(f"LabelsLayer.texts has {len(self.texts)} strings for {n} points")


@dataclass
class ShapesLayer:
    """Ellipses or rectangles in data units: ε-neighbourhoods and KNN radii (a circle is an
    ellipse with width = height = 2r), Gaussians' ellipses, a tree's regions, the squares of
    residuals.

    x, y: centres; width, height: full extents in data units; angle: degrees anticlockwise
    (ellipses and rectangles turn about their centre), or None for 0. All ndarrays of shape
    (n,), float. A shape is filled with ``fill`` ("" for none), or with its class colour when
    ``labels`` (ndarray of shape (n,), int) is given, at ``opacity``; outlined in ``stroke``
    ("" for none). A named layer has a key in the legend.
    """

    shape: Literal["ellipse", "rect"]
    x: FloatArray
    y: FloatArray
    width: FloatArray
    height: FloatArray
    angle: FloatArray | None = None
    labels: NDArray[np.integer] | None = None
    fill: str = ""
    opacity: float = 0.2
    stroke: str = "#37474f"
    stroke_width: float = 1.2
    dash: tuple[float, ...] = ()
    name: str = ""
    kind: ClassVar[str] = "shapes"

    def __post_init__(self) -> None:
        if self.shape not in ("ellipse", "rect"):
            raise ValueError(f"ShapesLayer.shape must be 'ellipse' or 'rect'; got {self.shape!r}")
        same_length("ShapesLayer", x=self.x, y=self.y, width=self.width, height=self.height,
                    angle=self.angle, labels=self.labels)
        if np.any(np.asarray(self.width) < 0) or np.any(np.asarray(self.height) < 0):
            raise ValueError("ShapesLayer.width and height must be >= 0")


@dataclass
class ImageLayer:
    """A picture stretched over x_range × y_range, its cells the edges' equal parts: e.g. a
    million points counted into cells and shaded (``lens.embedding``). rgba: ndarray of shape
    (ny, nx, 4), uint8, row 0 at the *smallest* y as a heatmap's (alpha 0: see through).
    Drawn with square cells, not smoothed. A named layer has a key in the legend."""

    rgba: NDArray[np.uint8]
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    name: str = ""
    kind: ClassVar[str] = "image"

    def __post_init__(self) -> None:
        a = np.asarray(self.rgba)
        if a.ndim != 3 or a.shape[2] != 4 or a.dtype != np.uint8:
            raise ValueError(f"ImageLayer.rgba must be uint8 of shape (ny, nx, 4); got "
                             f"{a.dtype} {a.shape}")
        self.rgba = np.ascontiguousarray(a)
