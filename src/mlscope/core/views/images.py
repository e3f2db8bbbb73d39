"""The ImageGrid view: small multiples of images (digits, a CNN's filters and feature maps,
the regions of a forest's trees), each with a caption and an optional class frame.

JS renderer: ``frontend/src/views/images.ts``; matplotlib: ``mlscope/render/images.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np
from numpy.typing import NDArray

MAX_IMAGES = 400
MAX_PIXELS = 4_000_000
"""Bounds on one grid (count, and pixels over all its images)."""


@dataclass
class ImageGrid:
    """images: ndarray of shape (k, h, w) (grey) or (k, h, w, 3) (colour). uint8 as it is;
    floats must be in [0, 1] (or give ``vmin``/``vmax`` for grey ones, e.g. a filter's
    weights: -1 black, 1 white) and are converted to uint8 here, once. Row 0 of an image is
    its *top* row, as images are stored.

    captions: k strings under the images ("" for none); labels: ndarray of shape (k,), int:
    a frame in the class colour around each image; columns: images per row (0: as many as
    fit). Images are drawn with square pixels, not smoothed. select_action: the action a
    click on image i sends (value i); None for none.
    """

    title: str
    images: NDArray[np.uint8]
    captions: list[str] = field(default_factory=list)
    labels: NDArray[np.integer] | None = None
    columns: int = 0
    select_action: str | None = None
    vmin: float = 0.0
    vmax: float = 1.0
    kind: ClassVar[str] = "images"

    def __post_init__(self) -> None:
        a = np.asarray(self.images)
        if a.ndim not in (3, 4) or (a.ndim == 4 and a.shape[3] != 3):
            raise ValueError(f"ImageGrid.images must have shape (k, h, w) or (k, h, w, 3); "
                             f"got {a.shape}")
        if a.shape[0] > MAX_IMAGES or a.size > MAX_PIXELS * (3 if a.ndim == 4 else 1):
            raise ValueError(f"ImageGrid holds at most {MAX_IMAGES} images and {MAX_PIXELS} "
                             f"pixels; got {a.shape}")
        if a.dtype != np.uint8:
            if not np.issubdtype(a.dtype, np.number):
                raise ValueError(f"ImageGrid.images must be numbers; got {a.dtype}")
            t = (a.astype(np.float64) - self.vmin) / (self.vmax - self.vmin)
            a = np.rint(np.clip(np.nan_to_num(t), 0, 1) * 255).astype(np.uint8)
        self.images = np.ascontiguousarray(a)
        k = a.shape[0]
        if self.captions and len(self.captions) != k:
            raise ValueError(f"ImageGrid.captions has {len(self.captions)} strings for {k} "
                             f"images")
        if self.labels is not None and np.shape(self.labels) != (k,):
            raise ValueError(f"ImageGrid.labels must have shape ({k},)")
        if self.columns < 0:
            raise ValueError("ImageGrid.columns must be >= 0")

    def grid_shape(self, fit: int = 8) -> tuple[int, int]:
        """(rows, columns) of the grid; ``fit`` is the columns used when ``columns`` is 0."""
        k = len(self.images)
        cols = max(1, min(k, self.columns or fit))
        return -(-k // cols), cols
