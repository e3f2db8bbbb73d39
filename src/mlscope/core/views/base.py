"""Types every view module shares."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.floating]
Range = tuple[float, float]


def same_length(owner: str, **arrays: Any) -> int:
    """The common length of 1-D ``arrays``; ValueError naming the field that differs."""
    n = -1
    for name, a in arrays.items():
        if a is None:
            continue
        shape = np.shape(a)
        if len(shape) != 1:
            raise ValueError(f"{owner}.{name} must be 1-D; got shape {shape}")
        if n < 0:
            n = shape[0]
        elif shape[0] != n:
            raise ValueError(f"{owner}.{name} has {shape[0]} values; the others have {n}")
    return max(n, 0)
