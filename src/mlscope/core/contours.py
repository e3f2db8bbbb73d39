"""Contour lines of a grid, as the NaN-separated polylines a LinesLayer draws."""

from __future__ import annotations

import numpy as np
from contourpy import contour_generator
from numpy.typing import NDArray

Array = NDArray[np.float64]


def contour_lines(z: Array, xs: Array, ys: Array, levels: Array | list[float]) \
        -> tuple[Array, Array]:
    """Lines where z (shape (len(ys), len(xs)), row i at ys[i]) equals each level.

    Returns x and y arrays with NaN between separate lines.
    """
    gen = contour_generator(xs, ys, z)
    parts = [seg for lev in levels for seg in gen.lines(float(lev))]
    if not parts:
        return np.empty(0), np.empty(0)
    sep = np.full((1, 2), np.nan)
    xy = np.concatenate([p for seg in parts for p in (seg, sep)])
    return xy[:, 0], xy[:, 1]
