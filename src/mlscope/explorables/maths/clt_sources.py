"""The source distributions of the central limit theorem's page: each one's draws, density
for the picture, and exact mean and standard deviation (tests/unit/test_clt.py checks them
against scipy.stats)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mlscope.core.params import ParamError

Array = NDArray[np.float64]

SOURCES = ("uniform", "exponential", "bimodal", "die", "drawn")
LABELS = ("uniform on [0, 10]", "exponential (mean 2)", "two bumps", "a die",
          "your own (drag its bars)")
DRAWN_BARS = 10
"""A drawn source is this many bars of width 1 on [0, 10], uniform within each bar."""
DRAWN_DEFAULT = (5.0, 4.0, 2.5, 1.5, 1.0, 0.5, 0.5, 1.0, 2.0, 0.5)
BIMODAL = ((0.7, 2.0, 0.8), (0.3, 7.5, 1.0))
"""(weight, mean, sd) of the two bumps' normals."""
EXP_SCALE = 2.0


@dataclass(frozen=True)
class Source:
    """One source distribution; ``weights`` only for a drawn one."""

    name: str
    weights: tuple[float, ...] = DRAWN_DEFAULT

    @property
    def discrete(self) -> bool:
        return self.name == "die"

    @property
    def x_range(self) -> tuple[float, float]:
        return {"exponential": (0.0, 12.0), "die": (0.5, 6.5)}.get(self.name, (0.0, 10.0))

    def _bars(self) -> Array:
        w = np.asarray(self.weights, dtype=float)
        if w.sum() <= 0:
            raise ParamError("drawn", "drawn needs at least one bar above 0: a source with "
                                      "no area has nothing to draw from.")
        return np.asarray(w / w.sum())

    def mean(self) -> float:
        if self.name == "uniform":
            return 5.0
        if self.name == "exponential":
            return EXP_SCALE
        if self.name == "bimodal":
            return sum(w * m for w, m, _ in BIMODAL)
        if self.name == "die":
            return 3.5
        return float(np.dot(self._bars(), np.arange(DRAWN_BARS) + 0.5))

    def sd(self) -> float:
        if self.name == "uniform":
            return float(10.0 / np.sqrt(12.0))
        if self.name == "exponential":
            return EXP_SCALE
        if self.name == "bimodal":
            mu = self.mean()
            return float(np.sqrt(sum(w * (s * s + (m - mu) ** 2) for w, m, s in BIMODAL)))
        if self.name == "die":
            return float(np.sqrt(35.0 / 12.0))
        p, mid = self._bars(), np.arange(DRAWN_BARS) + 0.5
        second = float(np.dot(p, mid * mid)) + 1.0 / 12.0  # within a bar: uniform, width 1
        return float(np.sqrt(max(0.0, second - self.mean() ** 2)))

    def sample(self, rng: np.random.Generator, shape: tuple[int, int]) -> Array:
        """Draws of this source, an ndarray of ``shape``."""
        if self.name == "uniform":
            return rng.random(shape) * 10.0
        if self.name == "exponential":
            return rng.exponential(EXP_SCALE, shape)
        if self.name == "bimodal":
            first = rng.random(shape) < BIMODAL[0][0]
            z = rng.standard_normal(shape)
            (_, m0, s0), (_, m1, s1) = BIMODAL
            return np.where(first, m0 + s0 * z, m1 + s1 * z)
        if self.name == "die":
            return rng.integers(1, 7, shape).astype(float)
        bar = rng.choice(DRAWN_BARS, size=shape, p=self._bars())
        return bar + rng.random(shape)

    def density(self, x: Array) -> Array:
        """The density at x (continuous sources); a die's is its probabilities at 1..6."""
        if self.name == "uniform":
            return np.where((x >= 0) & (x <= 10), 0.1, 0.0)
        if self.name == "exponential":
            return np.where(x >= 0, np.exp(-x / EXP_SCALE) / EXP_SCALE, 0.0)
        if self.name == "bimodal":
            return np.asarray(sum(w * np.exp(-0.5 * ((x - m) / s) ** 2) / (s * np.sqrt(2 * np.pi))
                                  for w, m, s in BIMODAL))
        if self.name == "die":
            return np.full(x.shape, 1 / 6)
        p = self._bars()
        k = np.floor(x).astype(int)
        inside = (k >= 0) & (k < DRAWN_BARS)
        out = np.zeros(x.shape)
        out[inside] = p[k[inside]]
        return out

    def skewness(self) -> float:
        """The third standardised moment: the means' skew shrinks as this over √n."""
        if self.name in ("uniform", "die"):
            return 0.0
        if self.name == "exponential":
            return 2.0
        mu, sd = self.mean(), self.sd()
        if self.name == "bimodal":
            third = sum(w * ((m - mu) ** 3 + 3 * (m - mu) * s * s) for w, m, s in BIMODAL)
            return float(third / sd ** 3)
        p, lo = self._bars(), np.arange(DRAWN_BARS) - mu
        # E[(X - mu)^3] within bar k, uniform on [lo_k, lo_k + 1]: ((lo+1)^4 - lo^4) / 4
        third = float(np.dot(p, ((lo + 1) ** 4 - lo ** 4) / 4))
        return third / sd ** 3 if sd > 0 else 0.0

