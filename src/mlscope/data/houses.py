"""The houses of "A Visual and Interactive Guide to the Basics of Neural Networks".

Prices are in $1000s throughout mlscope (the article's own unit on its charts).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

# (area ft², bathrooms, price $) in the article's order.
_TABLE = np.array([
    (2104, 3, 399900), (1600, 3, 329900), (2400, 3, 369000), (1416, 2, 232000),
    (3000, 4, 539900), (1985, 4, 299900), (1534, 3, 314900), (1427, 3, 198999),
    (1380, 3, 212000), (1494, 3, 242500),
], dtype=float)

AREA: NDArray[np.float64] = _TABLE[:, 0]
BATHROOMS: NDArray[np.float64] = _TABLE[:, 1]
PRICE_K: NDArray[np.float64] = _TABLE[:, 2] / 1000
"""Price in $1000s."""

# Class indices; they also pick the colours (label 0 blue, label 1 orange).
GOOD = 0
BAD = 1
LABELS: NDArray[np.int64] = np.array([GOOD, GOOD, GOOD, BAD, BAD, GOOD, BAD, GOOD, GOOD, GOOD])
"""The article's good/bad labels, in order: good, good, good, bad, bad, good, bad, good, good,
good."""
LABEL_NAMES = ("good", "bad")


def features() -> NDArray[np.float64]:
    """ndarray of shape (10, 2): area and bathrooms of each house."""
    return np.column_stack([AREA, BATHROOMS])
