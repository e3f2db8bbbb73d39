"""How a network moves its data, layer by layer: the numbers behind the transformation views.

A ``Transformation`` holds a network (``adapters.Net``), its data, and a grid of lines over
the input plane. For hidden layer L it lays out the path the data travels:

    input plane -> z¹ (weighted sums) -> a¹ (activations) -> z² -> a² ... -> a^L

and ``at(L, t)`` carries every point and every grid line along that path: t = 0 is the
input plane, t = 1 the activations of layer L, and each step of the path takes an equal
share of t, moving points in straight lines between one space and the next (the animation of
the seed article, generalised to any depth) while the axes hold still (``keyframes``).

Spaces with more than 3 dimensions are drawn through their first 3 principal axes, and an
input of more than 2 features through its first 2 (the base plane); every space is drawn in
the path's largest dimension (2 or 3), lower ones padded with zeros.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mlscope.lens.adapters import Array, Net
from mlscope.lens.projection import PCA

Range = tuple[float, float]
SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass
class Space:
    """The points and grid in one space of the path, in D display coordinates."""

    title: str
    points: Array
    grid: Array
    ranges: list[Range]
    axis_labels: list[str]
    note: str = ""
    symbol: str = ""
    """Short name for titles: "input", "z¹", "a¹"."""


HOLD = 0.15
"""The share of each step of the path the axes take to widen before the points move, and to
close in after they arrive."""


@dataclass
class Keyframe:
    """One stop of the path along t: the points sit in space ``space``; the axes' ranges."""

    t: float
    space: int
    ranges: list[Range]


@dataclass
class Moment:
    """Everything at one t: positions (n, D) and (m, D), ranges, and where on the path."""

    points: Array
    grid: Array
    ranges: list[Range]
    axis_labels: list[str]
    title: str
    """Where on the path, in words: "at the input plane", "40% of the way from ..."."""
    short: str
    """The same, short: "z¹ → a¹ (40%)"."""
    at_end: bool
    """True at t = 1: the points sit in the chosen layer's activation space."""
    notes: list[str]


def _pad(a: Array, d: int) -> Array:
    if a.shape[1] >= d:
        return a
    return np.hstack([a, np.zeros((len(a), d - a.shape[1]))])


def _range(values: Array, pad: float = 0.06) -> Range:
    lo, hi = float(np.min(values)), float(np.max(values))
    if not np.isfinite(lo) or not np.isfinite(hi):
        return (-1.0, 1.0)
    if hi - lo < 1e-9:
        return (lo - 0.5, hi + 0.5)
    m = (hi - lo) * pad
    return (lo - m, hi + m)


class Transformation:
    """The path of the data through ``net``; ``refresh()`` after the weights change."""

    def __init__(self, net: Net, x: Array, grid_lines: int = 13, grid_points: int = 49,
                 feature_names: list[str] | None = None) -> None:
        self.net = net
        self.x = x
        self.plane = PCA(x, 2) if x.shape[1] > 2 else None
        self.p = self.plane.to(x) if self.plane is not None else x.copy()
        self.x_range = _range(self.p[:, 0], 0.1)
        self.y_range = _range(self.p[:, 1], 0.1)
        self.grid_lines, self.grid_points = grid_lines, grid_points
        self.grid_plane = self._grid()
        if self.plane is not None:
            self.plane_labels = ["PC 1", "PC 2"]
            self.plane_note = (f"The input has {x.shape[1]} features: the base plane is their "
                               f"first 2 principal components ({self.plane.explained:.0%} "
                               f"of the variance).")
        else:
            names = feature_names or ["x₁", "x₂"]
            self.plane_labels = list(names[:2])
            self.plane_note = ""
        self.refresh()

    # --- the input plane ---------------------------------------------------------------

    def to_inputs(self, plane_points: Array) -> Array:
        """Points of the base plane as model inputs (n, n_features)."""
        return self.plane.back(plane_points) if self.plane is not None else plane_points

    def _grid(self) -> Array:
        """Grid polylines over the plane: ``grid_lines`` vertical then as many horizontal
        lines of ``grid_points`` points each, shape (2 · lines · points, 2)."""
        gx = np.linspace(*self.x_range, self.grid_lines)
        gy = np.linspace(*self.y_range, self.grid_lines)
        sx = np.linspace(*self.x_range, self.grid_points)
        sy = np.linspace(*self.y_range, self.grid_points)
        vertical = np.stack([np.repeat(gx, self.grid_points), np.tile(sy, self.grid_lines)], 1)
        horizontal = np.stack([np.tile(sx, self.grid_lines), np.repeat(gy, self.grid_points)], 1)
        return np.vstack([vertical, horizontal])

    def polylines(self, grid: Array) -> Array:
        """A grid (m, D) as NaN-separated polylines (m + lines, D) for a LinesLayer."""
        lines = grid.reshape(-1, self.grid_points, grid.shape[1])
        sep = np.full((len(lines), 1, grid.shape[1]), np.nan)
        return np.concatenate([lines, sep], axis=1).reshape(-1, grid.shape[1])

    def segments(self, grid: Array) -> Array:
        """A grid (m, D) as consecutive point pairs (2 · segments, D) for Lines3D."""
        lines = grid.reshape(-1, self.grid_points, grid.shape[1])
        pairs = np.stack([lines[:, :-1], lines[:, 1:]], axis=2)
        return pairs.reshape(-1, grid.shape[1])

    # --- the path ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Run the network on the data and the grid again (after training)."""
        both = np.vstack([self.x, self.to_inputs(self.grid_plane)])
        self.layers = self.net.layers(both)
        self._paths: dict[int, list[Space]] = {}

    def _space(self, values: Array, title: str, symbol: str, layer: int,
               bounds: Range | None) -> Space:
        n = len(self.x)
        notes = ""
        if values.shape[1] > 3:
            pca = PCA(values[:n], 3)
            coords = pca.to(values)
            labels = [f"PC {k + 1} of {symbol}" for k in range(3)]
            notes = (f"{title}: {values.shape[1]} neurons, drawn on their first 3 principal "
                     f"components ({pca.explained:.0%} of the variance).")
            bounds = None
        else:
            coords = values
            labels = [f"{symbol}{str(k + 1).translate(SUB)}" for k in range(values.shape[1])]
        if bounds is not None:
            lo, hi = bounds
            m = 0.04 * (hi - lo)
            ranges = [(lo - m, hi + m)] * coords.shape[1]
        else:
            ranges = [_range(coords[:, k]) for k in range(coords.shape[1])]
        del layer
        return Space(title, coords[:n], coords[n:], ranges, labels, notes, symbol)

    def path(self, layer: int) -> list[Space]:
        """The spaces from the input plane to hidden layer ``layer`` (0-based) activations."""
        if layer in self._paths:
            return self._paths[layer]
        n = len(self.x)
        spaces = [Space("input plane", self.p, self.grid_plane, [self.x_range, self.y_range],
                        self.plane_labels, self.plane_note, "input")]
        bounded = self.net.bounded or [None] * len(self.net.hidden)
        for k in range(layer + 1):
            z, a = self.layers[k]
            sup = str(k + 1).translate(SUP)
            spaces.append(self._space(z, f"weighted sums of hidden layer {k + 1}", f"z{sup}", k,
                                      None))
            spaces.append(self._space(a, f"activations of hidden layer {k + 1}", f"a{sup}", k,
                                      bounded[k]))
        d = max(2, max(s.points.shape[1] for s in spaces))
        for s in spaces:
            extra = d - s.points.shape[1]
            s.points, s.grid = _pad(s.points, d), _pad(s.grid, d)
            s.ranges = s.ranges + [(-1.0, 1.0)] * extra
            s.axis_labels = s.axis_labels + [""] * extra
        del n
        self._paths[layer] = spaces
        return spaces

    def dims(self, layer: int) -> int:
        return int(self.path(layer)[0].points.shape[1])

    def keyframes(self, layer: int) -> list[Keyframe]:
        """The path to layer ``layer`` as keyframes along t; between two, every number moves
        in a straight line (``at`` blends them, and the browser's tween does the same).

        Each step of the path takes an equal share of t, in three parts: the axes widen
        from the first space's own ranges to the union of both spaces', the points travel
        while the axes hold still (so the motion reads as motion, not as the axes sliding
        under still points), then the axes close in on the second space's ranges. The
        sigmoid's squeeze into its unit square is seen happening, then looked at closely."""
        spaces = self.path(layer)
        steps = len(spaces) - 1
        frames = [Keyframe(0.0, 0, spaces[0].ranges)]
        for k in range(steps):
            a, b = spaces[k], spaces[k + 1]
            both = [(min(ra[0], rb[0]), max(ra[1], rb[1]))
                    for ra, rb in zip(a.ranges, b.ranges, strict=True)]
            t0, dt = k / steps, 1 / steps
            frames += [Keyframe(t0 + HOLD * dt, k, both),
                       Keyframe(t0 + (1 - HOLD) * dt, k + 1, both),
                       Keyframe((k + 1) / steps, k + 1, b.ranges)]
        return frames

    def at(self, layer: int, t: float) -> Moment:
        """Points and grid carried a share ``t`` in [0, 1] of the way to layer ``layer``."""
        spaces = self.path(layer)
        frames = self.keyframes(layer)
        t = min(max(float(t), 0.0), 1.0)
        i = next((j for j in range(1, len(frames)) if t <= frames[j].t), len(frames) - 1)
        f0, f1 = frames[i - 1], frames[i]
        w = (t - f0.t) / (f1.t - f0.t)
        ranges = [((1 - w) * r0[0] + w * r1[0], (1 - w) * r0[1] + w * r1[1])
                  for r0, r1 in zip(f0.ranges, f1.ranges, strict=True)]
        k = min(f0.space, len(spaces) - 2)
        a, b = spaces[k], spaces[k + 1]
        u = float(f0.space - k) if f0.space == f1.space else w
        points = (1 - u) * a.points + u * b.points
        grid = (1 - u) * a.grid + u * b.grid
        near = a if u < 0.5 else b
        if u == 0:
            title, short = f"at the {a.title}", a.symbol
        elif u == 1:
            title, short = f"at the {b.title}", b.symbol
        else:
            title = f"{u:.0%} of the way from the {a.title} to the {b.title}"
            short = f"{a.symbol} → {b.symbol}"
        notes = [sp.note for sp in (a, b) if sp.note and sp is not spaces[0]]
        return Moment(points, grid, ranges, near.axis_labels, title, short, t >= 1.0,
                      list(dict.fromkeys(notes)))

    def hidden_activations(self, layer: int) -> Array:
        """The data's activations in hidden layer ``layer`` (0-based), (n, size)."""
        return self.layers[layer][1][: len(self.x)]


def labels_of(y: NDArray[np.generic], classes: list[object] | None = None) \
        -> tuple[NDArray[np.int64], list[str]]:
    """Class indices 0..k-1 for the targets ``y`` and the class names, in ``classes`` order
    if given (scikit-learn's ``classes_``) or sorted."""
    names = list(classes) if classes is not None else list(np.unique(y))
    index = {c: k for k, c in enumerate(names)}
    try:
        idx = np.array([index[v] for v in y.tolist()], dtype=np.int64)
    except KeyError as err:
        raise ValueError(f"y has the label {err.args[0]!r}, which the model does not know; "
                         f"its classes are {names}.") from None
    return idx, [str(c) for c in names]
