"""A scalar series made drawable: TensorBoard's smoothing, and min/max downsampling to
the pixels it will be drawn on.

``smooth`` is TensorBoard's exponential moving average, debiased (the scalars dashboard
since 2.x): non-finite values are passed through and do not enter the average.

``downsample`` keeps, of the points falling in each of ``buckets`` equal slices of x, the
first, the lowest, the highest and the last (M4: Jugel et al., VLDB 2014). A line drawn
through them on a canvas of ``buckets`` pixels is the line drawn through every point, so a
million points reach the browser as at most four per pixel.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from scipy.signal import lfilter

Floats = NDArray[np.float64]


def smooth(values: Floats, weight: float) -> Floats:
    """TensorBoard's smoothing of ``values`` with ``weight`` in [0, 1)."""
    if not 0 <= weight < 1:
        raise ValueError(f"smoothing must be in [0, 1); got {weight}")
    v = np.asarray(values, dtype=np.float64)
    if weight == 0 or v.size == 0:
        return v.copy()
    finite = np.isfinite(v)
    out = v.copy()
    x = v[finite]
    if x.size == 0:
        return out
    # last_k = w * last_{k-1} + (1 - w) * x_k from last_0 = 0: a first-order filter;
    # TensorBoard's debias divides by 1 - w^k (k: finite values seen so far)
    last = lfilter([1 - weight], [1, -weight], x)
    out[finite] = last / -np.expm1(np.arange(1, x.size + 1) * np.log(weight))
    return out


def downsample(x: Floats, y: Floats, buckets: int) -> tuple[Floats, Floats]:
    """At most 4 points per bucket of x (x ascending): first, min, max, last, in x order.
    Points with a non-finite y are kept where they are (a gap stays a gap)."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n = x.size
    if n <= 4 * buckets or buckets < 1:
        return x, y
    lo, hi = x[0], x[-1]
    span = hi - lo if hi > lo else 1.0
    b = np.minimum(((x - lo) / span * buckets).astype(np.int64), buckets - 1)
    starts = np.flatnonzero(np.r_[True, b[1:] != b[:-1]])
    ends = np.r_[starts[1:], n] - 1
    finite = np.isfinite(y)
    ymin = np.where(finite, y, np.inf)
    ymax = np.where(finite, y, -np.inf)
    argmin = starts + _segment_arg(ymin, starts, np.minimum)
    argmax = starts + _segment_arg(ymax, starts, np.maximum)
    keep = np.zeros(n, dtype=bool)
    keep[starts] = keep[ends] = keep[argmin] = keep[argmax] = True
    keep |= ~finite
    return x[keep], y[keep]


def _segment_arg(v: Floats, starts: NDArray[np.int64], op: np.ufunc) -> NDArray[np.int64]:
    """Offset from each segment's start of its extreme value (by ``op``), first one kept."""
    extreme = op.reduceat(v, starts)
    seg = np.repeat(np.arange(starts.size), np.diff(np.r_[starts, v.size]))
    hit = v == extreme[seg]
    # the first hit of each segment
    idx = np.flatnonzero(hit)
    first = np.full(starts.size, -1, dtype=np.int64)
    segs = seg[idx]
    order = np.r_[True, segs[1:] != segs[:-1]]
    first[segs[order]] = idx[order]
    first = np.where(first < 0, starts, first)  # a segment of non-finite values only
    return first - starts
