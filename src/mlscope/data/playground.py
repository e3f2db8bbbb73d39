"""The playground's data sets and input features.

The two-class sets and the regression sets follow TensorFlow Playground's recipes
(``dataset.ts``): the same shapes, radii, paddings and noise rules. With more classes each
recipe generalises: k rings, k gaussians on a circle, k spiral arms, XOR's quadrants
coloured modulo k.

Coordinates lie in about [-6, 6]². Class labels are 0..k-1; for two classes, class 0 is
TensorFlow Playground's positive class (+1, blue) and class 1 its negative class (-1,
orange). Regression targets lie in [-1, 1].
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]
Labels = NDArray[np.int64]

DOMAIN = (-6.0, 6.0)
CLASSIFICATION = ("circle", "xor", "gauss", "spiral")
REGRESSION = ("plane", "gaussians")
MAX_CLASSES = {"circle": 5, "xor": 4, "gauss": 5, "spiral": 5}
DEFAULT_POINTS = {"classification": 500, "regression": 1200}
_GOLDEN = (np.sqrt(5.0) - 1.0) / 2.0


def _uniform(rng: np.random.Generator, lo: float, hi: float, n: int) -> Array:
    return rng.uniform(lo, hi, n)


def _split_counts(n: int, k: int) -> list[int]:
    """n points over k classes as evenly as possible."""
    return [n // k + (1 if c < n % k else 0) for c in range(k)]


def circle(n: int, noise: float, k: int, rng: np.random.Generator) -> tuple[Array, Labels]:
    """k rings of width 5/k around the origin; the label comes from the noisy radius."""
    w = 5.0 / k
    xs, labels = [], []
    for c, m in enumerate(_split_counts(n, k)):
        r = _uniform(rng, w * c + (0.4 * w if c else 0.0), w * (c + 1), m)
        angle = _uniform(rng, 0.0, 2 * np.pi, m)
        p = np.stack([r * np.sin(angle), r * np.cos(angle)], axis=1)
        shift = rng.uniform(-5.0, 5.0, (m, 2)) * noise
        labels.append(np.minimum(np.hypot(*(p + shift).T) // w, k - 1).astype(np.int64))
        xs.append(p)
    return np.concatenate(xs), np.concatenate(labels)


def xor(n: int, noise: float, k: int, rng: np.random.Generator) -> tuple[Array, Labels]:
    """Points in [-5, 5]² pushed 0.3 away from the axes; the class is the noisy point's
    quadrant modulo k (for two classes: positive where x·y ≥ 0)."""
    p = rng.uniform(-5.0, 5.0, (n, 2))
    p += np.where(p > 0, 0.3, -0.3)
    q = p + rng.uniform(-5.0, 5.0, (n, 2)) * noise
    quadrant = np.select([(q[:, 0] >= 0) & (q[:, 1] >= 0), (q[:, 0] < 0) & (q[:, 1] >= 0),
                          (q[:, 0] < 0) & (q[:, 1] < 0)], [0, 1, 2], 3)
    return p, (quadrant % k).astype(np.int64)


def gauss(n: int, noise: float, k: int, rng: np.random.Generator) -> tuple[Array, Labels]:
    """k gaussian blobs at radius 2√2 (for two classes at (2, 2) and (-2, -2)); the
    variance grows with the noise from 0.5 to 4."""
    variance = 0.5 + 7.0 * noise
    xs, labels = [], []
    for c, m in enumerate(_split_counts(n, k)):
        a = np.pi / 4 + 2 * np.pi * c / k
        centre = 2 * np.sqrt(2.0) * np.array([np.cos(a), np.sin(a)])
        xs.append(centre + rng.normal(0.0, np.sqrt(variance), (m, 2)))
        labels.append(np.full(m, c, dtype=np.int64))
    return np.concatenate(xs), np.concatenate(labels)


def spiral(n: int, noise: float, k: int, rng: np.random.Generator) -> tuple[Array, Labels]:
    """k interleaved spiral arms of radius 5 and 1.75 turns."""
    xs, labels = [], []
    for c, m in enumerate(_split_counts(n, k)):
        i = np.arange(m)
        r = i / m * 5.0
        t = 1.75 * i / m * 2 * np.pi + 2 * np.pi * c / k
        p = np.stack([r * np.sin(t), r * np.cos(t)], axis=1)
        xs.append(p + rng.uniform(-1.0, 1.0, (m, 2)) * noise)
        labels.append(np.full(m, c, dtype=np.int64))
    return np.concatenate(xs), np.concatenate(labels)


def plane(n: int, noise: float, rng: np.random.Generator) -> tuple[Array, Array]:
    """Target (x + y) / 10 of the noisy point, for points uniform in [-6, 6]²."""
    p = rng.uniform(-6.0, 6.0, (n, 2))
    q = p + rng.uniform(-6.0, 6.0, (n, 2)) * noise
    return p, (q[:, 0] + q[:, 1]) / 10.0


_GAUSSIANS = np.array([[-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1],
                       [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1]], dtype=float)


def gaussians(n: int, noise: float, rng: np.random.Generator) -> tuple[Array, Array]:
    """Six signed bumps; the target is the one largest in magnitude: sign · max(0, 1 - d/2)."""
    p = rng.uniform(-6.0, 6.0, (n, 2))
    q = p + rng.uniform(-6.0, 6.0, (n, 2)) * noise
    d = np.hypot(q[:, None, 0] - _GAUSSIANS[None, :, 0], q[:, None, 1] - _GAUSSIANS[None, :, 1])
    v = _GAUSSIANS[None, :, 2] * np.clip(1.0 - d / 2.0, 0.0, 1.0)
    return p, v[np.arange(n), np.argmax(np.abs(v), axis=1)]


CLASSIFIERS: dict[str, Callable[[int, float, int, np.random.Generator],
                                tuple[Array, Labels]]] = {
    "circle": circle, "xor": xor, "gauss": gauss, "spiral": spiral}
REGRESSORS: dict[str, Callable[[int, float, np.random.Generator], tuple[Array, Array]]] = {
    "plane": plane, "gaussians": gaussians}


def generate(name: str, n: int, noise: float, classes: int,
             seed: int) -> tuple[Array, Array]:
    """Points (n, 2) and targets (n,): class indices as floats, or regression values;
    shuffled with ``seed``, as TensorFlow Playground shuffles before splitting."""
    rng = np.random.default_rng(seed)
    if name in CLASSIFIERS:
        x, y = CLASSIFIERS[name](n, noise, classes, rng)
        t = y.astype(float)
    else:
        x, t = REGRESSORS[name](n, noise, rng)
    order = rng.permutation(len(x))
    return x[order], t[order]


def is_train(n: int, share: float) -> NDArray[np.bool_]:
    """Which of n points train (the rest test): point i trains iff frac((i + 1)·φ) < share.

    A low-discrepancy rule: about ``share`` of any stretch of points train, and appending
    or editing a point never moves the others between training and test.
    """
    return np.asarray(np.modf((np.arange(n) + 1) * _GOLDEN)[0] < share)


# --- input features ------------------------------------------------------------------------

FEATURES: dict[str, tuple[str, Callable[[Array, Array], Array]]] = {
    "x1": ("X₁", lambda a, b: a),
    "x2": ("X₂", lambda a, b: b),
    "x1sq": ("X₁²", lambda a, b: a * a),
    "x2sq": ("X₂²", lambda a, b: b * b),
    "x1x2": ("X₁X₂", lambda a, b: a * b),
    "sin_x1": ("sin(X₁)", lambda a, b: np.sin(a)),
    "sin_x2": ("sin(X₂)", lambda a, b: np.sin(b)),
    "cos_x1": ("cos(X₁)", lambda a, b: np.cos(a)),
    "cos_x2": ("cos(X₂)", lambda a, b: np.cos(b)),
}
"""Feature name -> (label, function of the two coordinates). The first seven are
TensorFlow Playground's."""


def features(points: Array, names: tuple[str, ...]) -> Array:
    """The chosen features of (n, 2) points: ndarray of shape (n, len(names))."""
    a, b = points[:, 0], points[:, 1]
    return np.stack([FEATURES[f][1](a, b) for f in names], axis=1)
