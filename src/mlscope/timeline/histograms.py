"""A tensor's values summarised as a histogram: 30 equal-width bins between its finite
minimum and maximum (TensorFlow 2's summary histogram), with count, sum and sum of squares
(TensorBoard's HistogramProto), and how many values were NaN or infinite."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from mlscope.timeline.store import Histogram

BINS = 30


def histogram(tag: str, step: int, wall: float, values: NDArray[Any],
              bins: int = BINS) -> Histogram:
    v = np.asarray(values, dtype=np.float64).ravel()
    finite = v[np.isfinite(v)]
    nonfinite = int(v.size - finite.size)
    if finite.size == 0:
        return Histogram(tag, step, wall, float("nan"), float("nan"), 0, nonfinite, 0.0, 0.0,
                         np.array([0.0, 1.0]), np.zeros(1))
    lo, hi = float(finite.min()), float(finite.max())
    if lo == hi:
        edges = np.array([lo - 0.5, hi + 0.5])
        counts = np.array([float(finite.size)])
    else:
        # numpy's equal bins (the last one closed; a value on an edge may round into either
        # neighbour), without np.histogram's checks and fix-ups: a
        # snapshot's dozen small tensors cost a tenth as much
        edges = np.linspace(lo, hi, bins + 1)
        index = ((finite - lo) * (bins / (hi - lo))).astype(np.intp)
        np.minimum(index, bins - 1, out=index)
        counts = np.bincount(index, minlength=bins).astype(np.float64)
    return Histogram(tag, step, wall, lo, hi, int(finite.size), nonfinite,
                     float(finite.sum()), float(np.dot(finite, finite)), edges, counts)
