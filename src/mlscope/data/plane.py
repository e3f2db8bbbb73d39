"""The shared 2-D data toolkit: every explorable on the plane gets its points here.

- Generators, each seeded: classification sets (a class per point), regression sets (a value
  per point over two inputs) and curves (y as a function of x, for fitting a line). The
  playground's sets follow TensorFlow Playground's recipes (``dataset.ts``): the same
  shapes, radii, paddings and noise rules; with more classes each recipe generalises (k
  rings, k gaussians on a circle, k spiral arms, XOR's quadrants coloured modulo k). The
  others (blobs, moons, a gaussian mixture, anisotropic blobs, pure noise) are the classic
  test sets of scikit-learn's examples, drawn to the same [-6, 6]² box.
- ``edit_points``: a click adds a point of the chosen class, a shift-click removes the
  nearest; with ``PointsParam`` (dragging) and ``csv_points`` (uploads) that is how a learner
  edits data, the same way on every page.
- A stable train/test split (``is_train``) and the playground's input features.

Coordinates lie in about [-6, 6]². Class labels are 0..k-1; for two classes, class 0 is
TensorFlow Playground's positive class (+1, blue) and class 1 its negative class (-1,
orange). Regression targets lie in [-1, 1].
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mlscope.core.params import ParamError, finite

Array = NDArray[np.float64]
Labels = NDArray[np.int64]

DOMAIN = (-6.0, 6.0)
PLAYGROUND_CLASSIFICATION = ("circle", "xor", "gauss", "spiral")
"""TensorFlow Playground's classification sets, in its order."""
CLASSIFICATION = (*PLAYGROUND_CLASSIFICATION, "blobs", "moons", "mixture", "anisotropic",
                  "noise")
REGRESSION = ("plane", "gaussians")
CURVES = ("line", "quadratic", "sine", "outliers")
"""Sets of (x, y) points where y follows x: what a regression line is fitted to."""
MAX_CLASSES = {"circle": 5, "xor": 4, "gauss": 5, "spiral": 5, "blobs": 12, "moons": 2,
               "mixture": 12, "anisotropic": 12, "noise": 12}
LABELS = {"circle": "Circle", "xor": "Exclusive or", "gauss": "Gaussian", "spiral": "Spiral",
          "blobs": "Blobs", "moons": "Two moons", "mixture": "Gaussian mixture",
          "anisotropic": "Stretched blobs", "noise": "Noise (nothing to learn)",
          "plane": "Plane (regression)", "gaussians": "Multi-gaussian (regression)",
          "line": "A line", "quadratic": "A parabola", "sine": "A sine wave",
          "outliers": "A line with outliers"}
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


def _centres(k: int, rng: np.random.Generator, spread: float = 4.0) -> Array:
    """k blob centres in [-spread, spread]², at least 2 apart (redrawn until they are)."""
    for _ in range(200):
        c = rng.uniform(-spread, spread, (k, 2))
        d = np.hypot(*(c[:, None, :] - c[None, :, :]).transpose(2, 0, 1))
        if k == 1 or d[np.triu_indices(k, 1)].min() >= 2.0:
            return c
    return c


def _by_class(n: int, k: int, draw: Callable[[int, int], Array]) -> tuple[Array, Labels]:
    xs, labels = [], []
    for c, m in enumerate(_split_counts(n, k)):
        xs.append(draw(c, m))
        labels.append(np.full(m, c, dtype=np.int64))
    return np.concatenate(xs), np.concatenate(labels)


def blobs(n: int, noise: float, k: int, rng: np.random.Generator) -> tuple[Array, Labels]:
    """k round gaussian blobs at random centres (scikit-learn's make_blobs); the spread
    grows with the noise from 0.5 to 2.5."""
    centres, sd = _centres(k, rng), 0.5 + 4.0 * noise
    return _by_class(n, k, lambda c, m: centres[c] + rng.normal(0.0, sd, (m, 2)))


def moons(n: int, noise: float, k: int, rng: np.random.Generator) -> tuple[Array, Labels]:
    """Two interleaving half circles (scikit-learn's make_moons) scaled by 3.5 about the
    centre; gaussian noise of 3.5 · noise. Two classes only."""
    def arc(c: int, m: int) -> Array:
        t = rng.uniform(0.0, np.pi, m)
        p = np.stack([np.cos(t), np.sin(t)], axis=1) if c == 0 else \
            np.stack([1 - np.cos(t), 0.5 - np.sin(t)], axis=1)
        return (p - [0.5, 0.25]) * 3.5 + rng.normal(0.0, 3.5 * noise, (m, 2))
    return _by_class(n, 2, arc)


def _rotation(a: float) -> Array:
    return np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])


def mixture(n: int, noise: float, k: int, rng: np.random.Generator) -> tuple[Array, Labels]:
    """k gaussians, each with its own random orientation and axis lengths (a mixture with
    full covariances, as a gaussian mixture model would fit)."""
    centres = _centres(k, rng, spread=3.5)
    shapes = [_rotation(rng.uniform(0, np.pi)) @ np.diag(rng.uniform(0.3, 1.2, 2))
              * (1 + 2 * noise) for _ in range(k)]
    return _by_class(n, k, lambda c, m: centres[c] + rng.normal(0.0, 1.0, (m, 2)) @ shapes[c].T)


_SHEAR = np.array([[0.6, -0.64], [-0.4, 0.85]]) * 1.6


def anisotropic(n: int, noise: float, k: int, rng: np.random.Generator) \
        -> tuple[Array, Labels]:
    """Round blobs sheared by one linear map (scikit-learn's "anisotropicly distributed
    blobs", the case k-means gets wrong)."""
    x, y = blobs(n, noise, k, rng)
    x = x @ _SHEAR.T
    return x - x.mean(axis=0), y


def uniform_noise(n: int, noise: float, k: int, rng: np.random.Generator) \
        -> tuple[Array, Labels]:
    """Points uniform in [-5, 5]² with labels drawn at random: there is nothing to learn."""
    return rng.uniform(-5.0, 5.0, (n, 2)), rng.integers(0, k, n).astype(np.int64)


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


def _curve(f: Callable[[Array], Array], outliers: float = 0.0) \
        -> Callable[[int, float, np.random.Generator], tuple[Array, Array]]:
    def make(n: int, noise: float, rng: np.random.Generator) -> tuple[Array, Array]:
        x = rng.uniform(-5.0, 5.0, n)
        y = f(x) + rng.normal(0.0, 0.2 + 6.0 * noise, n)
        if outliers:
            bad = rng.random(n) < outliers
            y[bad] = rng.uniform(-5.5, 5.5, int(bad.sum()))
        p = np.stack([x, np.clip(y, -5.9, 5.9)], axis=1)
        return p, p[:, 1].copy()
    return make


CLASSIFIERS: dict[str, Callable[[int, float, int, np.random.Generator],
                                tuple[Array, Labels]]] = {
    "circle": circle, "xor": xor, "gauss": gauss, "spiral": spiral, "blobs": blobs,
    "moons": moons, "mixture": mixture, "anisotropic": anisotropic, "noise": uniform_noise}
REGRESSORS: dict[str, Callable[[int, float, np.random.Generator], tuple[Array, Array]]] = {
    "plane": plane, "gaussians": gaussians,
    "line": _curve(lambda x: 0.6 * x + 0.5), "quadratic": _curve(lambda x: 0.25 * x**2 - 2.5),
    "sine": _curve(lambda x: 3.0 * np.sin(0.9 * x)),
    "outliers": _curve(lambda x: 0.6 * x + 0.5, outliers=0.08)}
"""Regression sets and curves: (points, value). A curve's value is its point's own y."""


def task_of(name: str) -> str:
    """"classification", "regression" (a value over two inputs) or "curve" (y over x)."""
    return "classification" if name in CLASSIFIERS else "curve" if name in CURVES \
        else "regression"


def generate(name: str, n: int, noise: float, classes: int,
             seed: int) -> tuple[Array, Array]:
    """Points (n, 2) and targets (n,): class indices as floats, or regression values;
    shuffled with ``seed``, as TensorFlow Playground shuffles before splitting. ParamError
    naming the field for an unknown set or too many classes for it."""
    if name not in CLASSIFIERS and name not in REGRESSORS:
        raise ParamError("dataset", f"dataset must be one of {', '.join(LABELS)}; got {name!r}.")
    if name in CLASSIFIERS and not 1 <= classes <= MAX_CLASSES[name]:
        raise ParamError("classes", f"classes must be 1 to {MAX_CLASSES[name]} for {name}; "
                                    f"got {classes}.")
    rng = np.random.default_rng(seed)
    if name in CLASSIFIERS:
        x, y = CLASSIFIERS[name](n, noise, classes, rng)
        t = y.astype(float)
    else:
        x, t = REGRESSORS[name](n, noise, rng)
    order = rng.permutation(len(x))
    return x[order], t[order]


def previews(names: Sequence[str], n: int = 100) -> dict[str, list[list[float]]]:
    """Each set as ``n`` points [x, y, value] with no noise, for a choice's small pictures:
    a class index, or a value scaled into [-1, 1] (a curve's points carry 0)."""
    out = {}
    for name in names:
        pts, t = generate(name, n, 0.0, 2, seed=0)
        if task_of(name) == "curve":
            t = np.zeros(len(t))
        elif task_of(name) == "regression":
            t = t / max(float(np.abs(t).max()), 1e-12)
        out[name] = [[round(float(x), 2), round(float(y), 2), round(float(v), 2)]
                     for (x, y), v in zip(pts, t, strict=True)]
    return out


def data_notice(points: np.ndarray, labels: np.ndarray, names: Sequence[str]) -> str:
    """What is wrong with a classification data set for learning, in words for the page
    (the title of its plot), or "" when nothing is: no points, one point, one class, or
    every point in one place. The model still gives an answer; this says why it is odd."""
    if len(labels) == 0:
        return "No points: click the plot to add some."
    if len(labels) == 1:
        return f"One point: every place takes its class ({names[int(labels[0])]})."
    if len(np.unique(labels)) == 1:
        return (f"Only {names[int(labels[0])]} points: nothing to separate. Add a point of "
                f"another class, or choose another data set.")
    if np.ptp(points, axis=0).max() == 0:
        return "Every point in one place: nothing can tell them apart."
    return ""


# --- editing points by hand ---------------------------------------------------------------

Point = tuple[float, float, float]
REMOVE_RADIUS = 0.04
"""A shift-click removes the nearest point within this share of the plot's size."""


def edit_points(points: Sequence[Point], click: Any, label: float,
                x_range: tuple[float, float], y_range: tuple[float, float],
                field: str = "add_point") -> list[Point]:
    """``points`` after a click on the plot: ``click`` is what a Plot's click_action sends,
    {"x", "y", "shift"}. A click adds (x, y, label); a shift-click removes the nearest point
    within REMOVE_RADIUS of the plot's size. ParamError naming ``field`` if the click is not
    one, or nothing is near enough to remove. ``points`` itself is not changed."""
    if not isinstance(click, dict) or not all(finite(click.get(k)) for k in ("x", "y")):
        raise ParamError(field, f'{field} needs {{"x": number, "y": number}}.')
    x, y = float(click["x"]), float(click["y"])
    out = [tuple(map(float, p)) for p in points]
    if not click.get("shift"):
        return [*out, (x, y, float(label))]  # type: ignore[list-item]
    if not out:
        raise ParamError(field, "there is no point to remove.")
    a = np.asarray(out)
    d = np.hypot((a[:, 0] - x) / np.ptp(x_range), (a[:, 1] - y) / np.ptp(y_range))
    k = int(np.argmin(d))
    if d[k] > REMOVE_RADIUS:
        raise ParamError(field, "no point near enough to remove: shift-click on a point.")
    return out[:k] + out[k + 1:]  # type: ignore[return-value]


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
