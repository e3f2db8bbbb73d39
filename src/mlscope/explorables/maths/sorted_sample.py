"""A growing sample kept sorted with running moments, so a frame that shows 100,000 draws
costs well under a millisecond (the central limit theorem's means, the distributions'
draws)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]


class SortedSample:
    """Values drawn so far (a sample's draws, or sample means), kept sorted, with running sums
    of their powers about a centre μ (the theory's mean, for accuracy): a frame's histogram,
    quantiles, sd and skewness cost O(bins · log k), not a sort of up to 100,000 values."""

    def __init__(self, mu: float) -> None:
        self.mu = mu
        self.values = np.empty(0)
        self.sorted = np.empty(0)
        self.sums = np.zeros(4)  # k, Σd, Σd², Σd³ with d = mean - μ

    def extend(self, new: Array) -> None:
        self.values = np.concatenate([self.values, new])
        self.sorted = np.insert(self.sorted, np.searchsorted(self.sorted, np.sort(new)),
                                np.sort(new))
        d = new - self.mu
        self.sums += [len(new), d.sum(), (d * d).sum(), (d * d * d).sum()]

    @property
    def k(self) -> int:
        return len(self.values)

    def mean(self) -> float:
        return float(self.mu + self.sums[1] / self.sums[0])

    def sd(self) -> float:
        """The standard deviation with k - 1."""
        k, s1, s2, _ = self.sums
        return float(np.sqrt(max(0.0, (s2 - s1 * s1 / k) / (k - 1))))

    def skew(self) -> float:
        """The (biased) sample skewness, as scipy.stats.skew gives it."""
        k, s1, s2, s3 = self.sums
        a, b, c = s1 / k, s2 / k, s3 / k
        m2, m3 = b - a * a, c - 3 * a * b + 2 * a ** 3
        return float(m3 / m2 ** 1.5) if m2 > 0 else 0.0

    def count_between(self, lo: Array | float, hi: Array | float) -> Array:
        """How many means lie in [lo, hi) (arrays: one count per interval)."""
        return np.asarray(np.searchsorted(self.sorted, hi) - np.searchsorted(self.sorted, lo))


def grown(sample: SortedSample, k: int, block: Callable[[int], Array], size: int
          ) -> SortedSample:
    """``sample`` holding the first k values of the blocks ``block(0), block(1), ...`` of
    ``size`` each: extended by the new values only, or rebuilt (a new object, about the same
    centre) when k is below what it holds."""
    if k < sample.k:
        sample = SortedSample(sample.mu)
    while sample.k < k:
        b = sample.k // size
        sample.extend(block(b)[sample.k - b * size:min(k - b * size, size)])
    return sample
