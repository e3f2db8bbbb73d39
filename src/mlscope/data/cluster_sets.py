"""Points for clustering: the shapes Naftali Harris's "Visualizing K-Means Clustering" and
"Visualizing DBSCAN Clustering" use to show where each algorithm wins and where it fails,
drawn to the [-6, 6]² box of the rest of the toolkit (``plane``).

``generate(name, n, seed)`` gives the points (n, 2) and the groups an eye sees in them
(n,): a face's outline, eyes and mouth; each bar; each blob. The groups are not given to
the algorithm: they are what its clusters are compared with (the adjusted Rand index).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from mlscope.core.params import ParamError
from mlscope.data import plane

Array = NDArray[np.float64]
Groups = NDArray[np.int64]
Maker = Callable[[int, np.random.Generator], tuple[Array, Groups]]


def _shares(n: int, weights: list[float]) -> list[int]:
    """n points split in proportion to ``weights``, adding up to n."""
    w = np.asarray(weights) / np.sum(weights)
    counts = np.floor(w * n).astype(int)
    counts[: n - counts.sum()] += 1
    return [int(c) for c in counts]


def _stack(parts: list[Array]) -> tuple[Array, Groups]:
    return np.concatenate(parts), np.concatenate(
        [np.full(len(p), g, dtype=np.int64) for g, p in enumerate(parts)])


def _disc(rng: np.random.Generator, m: int, centre: tuple[float, float], r: float) -> Array:
    """m points uniform in a disc."""
    rad = r * np.sqrt(rng.uniform(0, 1, m))
    a = rng.uniform(0, 2 * np.pi, m)
    return np.stack([centre[0] + rad * np.cos(a), centre[1] + rad * np.sin(a)], axis=1)


def _arc(rng: np.random.Generator, m: int, r: float, lo: float, hi: float,
         width: float) -> Array:
    """m points along an arc of radius r from angle lo to hi, spread ``width`` across."""
    a = rng.uniform(lo, hi, m)
    rad = r + rng.normal(0, width, m)
    return np.stack([rad * np.cos(a), rad * np.sin(a)], axis=1)


def smiley(n: int, rng: np.random.Generator) -> tuple[Array, Groups]:
    """A face: its outline, two eyes and a smiling mouth (k-means cuts the face in pieces)."""
    face, left, right, mouth = _shares(n, [0.5, 0.1, 0.1, 0.3])
    return _stack([_arc(rng, face, 5.0, 0, 2 * np.pi, 0.15),
                   _disc(rng, left, (-1.8, 1.8), 0.6), _disc(rng, right, (1.8, 1.8), 0.6),
                   _arc(rng, mouth, 2.8, 1.15 * np.pi, 1.85 * np.pi, 0.15)])


def uneven(n: int, rng: np.random.Generator) -> tuple[Array, Groups]:
    """One wide blob beside two small tight ones: k-means gives the big one's edge away."""
    big, a, b = _shares(n, [0.7, 0.15, 0.15])
    return _stack([rng.normal((-1.5, 0.0), 1.6, (big, 2)), rng.normal((3.4, 2.6), 0.45, (a, 2)),
                   rng.normal((3.4, -2.6), 0.45, (b, 2))])


def packed_circles(n: int, rng: np.random.Generator) -> tuple[Array, Groups]:
    """Seven discs of even density packed edge to edge (a hexagon and its centre)."""
    centres = [(0.0, 0.0)] + [(3.6 * np.cos(a), 3.6 * np.sin(a))
                              for a in np.arange(6) * np.pi / 3 + np.pi / 6]
    return _stack([_disc(rng, m, c, 1.75) for m, c in zip(_shares(n, [1] * 7), centres,
                                                           strict=True)])


def density_bars(n: int, rng: np.random.Generator) -> tuple[Array, Groups]:
    """Three upright bars 0.6 apart, each three times as dense as the one before: no single
    density threshold finds all three (DBSCAN's hard case; tested over seeds)."""
    parts = []
    for m, x in zip(_shares(n, [1, 3, 9]), (-3.0, 0.0, 3.0), strict=True):
        parts.append(np.stack([rng.uniform(x - 1.2, x + 1.2, m), rng.uniform(-4.5, 4.5, m)],
                              axis=1))
    return _stack(parts)


def blobs(n: int, rng: np.random.Generator) -> tuple[Array, Groups]:
    """Four round blobs of one size, well apart: what k-means is made for."""
    centres = [(-3.0, 2.9), (3.1, 3.2), (-2.8, -3.0), (3.0, -2.7)]
    return _stack([rng.normal(c, 0.85, (m, 2)) for m, c in zip(_shares(n, [1] * 4), centres,
                                                                 strict=True)])


def noisy_blobs(n: int, rng: np.random.Generator) -> tuple[Array, Groups]:
    """Four tight blobs in a scatter of noise (a fifth of the points, group 4): where the
    k-distance plot has a clear knee."""
    noise, *blob = _shares(n, [0.2, 0.2, 0.2, 0.2, 0.2])
    centres = [(-3.0, 2.9), (3.1, 3.2), (-2.8, -3.0), (3.0, -2.7)]
    x, g = _stack([rng.normal(c, 0.6, (m, 2)) for m, c in zip(blob, centres, strict=True)])
    return np.concatenate([x, rng.uniform(-5.8, 5.8, (noise, 2))]), \
        np.concatenate([g, np.full(noise, 4, dtype=np.int64)])


def _from_plane(name: str, k: int, noise: float) -> Maker:
    def make(n: int, rng: np.random.Generator) -> tuple[Array, Groups]:
        x, t = plane.CLASSIFIERS[name](n, noise, k, rng)
        return x, t.astype(np.int64)
    make.__doc__ = f"The toolkit's {name} ({k} groups)."
    return make


SETS: dict[str, Maker] = {
    "blobs": blobs,
    "packed_circles": packed_circles,
    "uneven": uneven,
    "anisotropic": _from_plane("anisotropic", 3, 0.1),
    "smiley": smiley,
    "moons": _from_plane("moons", 2, 0.08),
    "density_bars": density_bars,
    "noisy_blobs": noisy_blobs,
    "noise": lambda n, rng: (rng.uniform(-5.0, 5.0, (n, 2)), np.zeros(n, dtype=np.int64)),
}
LABELS = {"blobs": "Round blobs", "packed_circles": "Packed circles",
          "uneven": "Uneven blobs", "anisotropic": "Stretched blobs", "smiley": "Smiley face",
          "moons": "Two moons", "density_bars": "Density bars",
          "noisy_blobs": "Blobs in noise",
          "noise": "Uniform noise (no clusters)"}
GROUPS = {"blobs": 4, "packed_circles": 7, "uneven": 3, "anisotropic": 3, "smiley": 4,
          "moons": 2, "density_bars": 3, "noisy_blobs": 4, "noise": 1}
"""How many groups an eye sees in each set."""


def generate(name: str, n: int, seed: int) -> tuple[Array, Groups]:
    """Points (n, 2) inside the box and the groups they were drawn from (n,), shuffled with
    ``seed``. ParamError naming "dataset" for an unknown set."""
    if name not in SETS:
        raise ParamError("dataset", f"dataset must be one of {', '.join(SETS)}; got {name!r}.")
    rng = np.random.default_rng(seed)
    x, g = SETS[name](n, rng)
    order = rng.permutation(len(x))
    return np.clip(x[order], -5.95, 5.95), g[order]


def previews(names: tuple[str, ...], n: int = 120) -> dict[str, list[list[float]]]:
    """Each set as ``n`` points [x, y, group] for a choice's small pictures."""
    out = {}
    for name in names:
        pts, g = generate(name, n, seed=0)
        out[name] = [[round(float(x), 2), round(float(y), 2), float(v)]
                     for (x, y), v in zip(pts, g, strict=True)]
    return out
