"""matplotlib renderer of the ImageGrid view (mirror of frontend/src/views/images.ts): the
images as one mosaic with square pixels, a class-coloured frame where labelled, captions
underneath."""

from __future__ import annotations

from typing import Any

import numpy as np

from mlscope.core.colors import LABEL_COLORS
from mlscope.core.views import ImageGrid


def _rgb(color: str) -> np.ndarray[Any, Any]:
    return np.array([int(color[i:i + 2], 16) for i in (1, 3, 5)], dtype=np.uint8)


def mosaic(view: ImageGrid, fit: int = 8) -> tuple[np.ndarray[Any, Any], int, int]:
    """The grid as one RGB image, and its cell height and width in pixels: each image
    framed in its class colour (when labelled), a white gap around it and, with captions,
    a white band under it for the caption."""
    imgs = view.images
    k, h, w = imgs.shape[:3]
    rows, cols = view.grid_shape(fit)
    frame = max(1, min(h, w) // 14) if view.labels is not None else 0
    gap = max(1, min(h, w) // 8)
    caption = max(3, h // 3) if view.captions else 0
    cell_h, cell_w = h + 2 * (frame + gap) + caption, w + 2 * (frame + gap)
    out = np.full((rows * cell_h, cols * cell_w, 3), 255, dtype=np.uint8)
    for i in range(k):
        r, c = divmod(i, cols)
        y0, x0 = r * cell_h + gap, c * cell_w + gap
        if view.labels is not None:
            out[y0:y0 + h + 2 * frame, x0:x0 + w + 2 * frame] = \
                _rgb(LABEL_COLORS[int(view.labels[i]) % len(LABEL_COLORS)])
        img = imgs[i] if imgs.ndim == 4 else np.repeat(imgs[i][:, :, None], 3, axis=2)
        out[y0 + frame:y0 + frame + h, x0 + frame:x0 + frame + w] = img
    return out, cell_h, cell_w


def draw_images(ax: Any, view: ImageGrid, labels: bool = True) -> None:
    _, cols = view.grid_shape()
    image, cell_h, cell_w = mosaic(view)
    ax.imshow(image, interpolation="nearest", aspect="equal")
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ax.spines.values():
        side.set_visible(False)
    if view.captions:
        caption = max(3, view.images.shape[1] // 3)
        for i, text in enumerate(view.captions):
            r, c = divmod(i, cols)
            ax.text((c + 0.5) * cell_w - 0.5, (r + 1) * cell_h - caption / 2 - 0.5, text,
                    ha="center", va="center", fontsize=7, color="#2b3540")
    if labels:
        ax.set_title(view.title, fontsize=11, loc="left")
