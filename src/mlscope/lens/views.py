"""The transformation's views: the input plane, the hidden space at t, the output surface.

Shared by the "How a network transforms data" explorable (our own trained network) and the
lens on a user's model; both hand over a ``Transformation`` and the data's ``Targets``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mlscope.core.colors import DATA, class_codes, value_codes
from mlscope.core.contours import contour_lines
from mlscope.core.views import (
    FloatArray,
    HeatmapLayer,
    Lines3D,
    LinesLayer,
    Plot,
    Points3D,
    PointsLayer,
    Range,
    Scene3D,
    Surface3D,
    Text,
    Tween,
)
from mlscope.lens.adapters import Array
from mlscope.lens.transformation import Moment, Transformation

GRID_COLOR = "#8a94a0"
BOUNDARY_COLOR = "#222222"
PLANE_COLOR = "#6b7785"
MAX_CLASSES = 5
"""The "classes" colour map shades 5 classes."""


@dataclass
class Targets:
    """The data's targets: class indices (n,) with their names, or regression values (n,)."""

    labels: NDArray[np.int64] | None = None
    class_names: list[str] | None = None
    values: Array | None = None

    def marker_size(self) -> float:
        """Markers shrink as points multiply, so that thousands stay a cloud, not a blot:
        5 px up to 300 points, down to 2 px at 5,000."""
        n = len(self.labels) if self.labels is not None else \
            len(self.values) if self.values is not None else 0
        return float(np.clip(5.0 - 2.45 * np.log10(max(n, 1) / 300), 2.0, 5.0))

    def point_colors(self) -> dict[str, object]:
        """PointsLayer / Points3D keyword arguments that colour the points."""
        if self.labels is not None:
            return {"labels": self.labels}
        if self.values is not None:
            lo, hi = value_range(self.values)
            return {"codes": value_codes(self.values, lo, hi), "colormap": "diverging"}
        return {}


def value_range(v: Array) -> tuple[float, float]:
    lo, hi = float(np.min(v)), float(np.max(v))
    return (lo, hi) if hi > lo else (lo - 1.0, hi + 1.0)


def score_codes(task: str, score: Array, values_range: tuple[float, float] | None) -> Array:
    """Colour codes (as floats for a HeatmapLayer on 0..255) of the network's scores:
    binary and multiclass in the "classes" map, shaded by confidence; regression in the
    diverging map over the targets' range."""
    if task == "binary":
        codes = class_codes((score >= 0.5).astype(np.int64), np.abs(2 * score - 1))
    elif task == "multiclass":
        k = score.shape[1]
        codes = class_codes(score.argmax(axis=1), (score.max(axis=1) - 1 / k) / (1 - 1 / k))
    else:
        lo, hi = values_range or value_range(score)
        codes = value_codes(score, lo, hi)
    return codes.astype(np.float64)


def _heatmap(task: str, score: Array, shape: tuple[int, int], x_range: tuple[float, float],
             y_range: tuple[float, float], targets: Targets, opacity: float = 0.9) -> HeatmapLayer:
    vr = value_range(targets.values) if targets.values is not None else None
    codes = score_codes(task, score, vr).reshape(shape)
    return HeatmapLayer(codes, x_range, y_range, 0.0, 255.0,
                        colormap="diverging" if task == "regression" else "classes",
                        opacity=opacity)


def _plane_grid(tr: Transformation, n: int) -> tuple[Array, Array, Array]:
    xs = np.linspace(*tr.x_range, n)
    ys = np.linspace(*tr.y_range, n)
    gx, gy = np.meshgrid(xs, ys)
    return xs, ys, np.column_stack([gx.ravel(), gy.ravel()])


def input_plot(tr: Transformation, targets: Targets, show_grid: bool = True,
               resolution: int = 80, title: str = "") -> Plot:
    """The input plane: the network's output as colour, the decision boundary (binary), the
    data, and the grid whose lines the hidden view carries along. The default title says
    "decision" for a classifier and "output" for a regressor, which decides nothing."""
    net = tr.net
    who = "network" if net.hidden else "model"
    show_grid = show_grid and bool(net.hidden)  # the grid is what hidden layers carry
    if not title:
        title = (f"Input space: the {who}'s output" if net.task == "regression"
                 else f"Input space: the {who}'s decision")
    xs, ys, pts = _plane_grid(tr, resolution)
    score = net.score(tr.to_inputs(pts))
    layers: list[HeatmapLayer | PointsLayer | LinesLayer] = [
        _heatmap(net.task, score, (resolution, resolution), tr.x_range, tr.y_range, targets)]
    if show_grid:
        g = tr.polylines(tr.grid_plane)
        layers.append(LinesLayer(g[:, 0], g[:, 1], color=GRID_COLOR, width=0.6, name="grid"))
    if net.task == "binary":
        lx, ly = contour_lines(score.reshape(resolution, resolution), xs, ys, [0.5])
        layers.append(LinesLayer(lx, ly, color=BOUNDARY_COLOR, width=2.0,
                                 name="decision boundary"))
    layers.append(PointsLayer(tr.p[:, 0], tr.p[:, 1], name="data", size=targets.marker_size(),
                              **targets.point_colors()))  # type: ignore[arg-type]
    if tr.plane is not None:
        title += " (PCA plane)"
    return Plot(title, tr.plane_labels[0], tr.plane_labels[1], tr.x_range, tr.y_range, layers,
                aspect=1.0)


def _separator_2d(tr: Transformation, m: Moment, targets: Targets,
                  n: int = 60) -> list[HeatmapLayer | LinesLayer]:
    """In the last hidden layer's 2-D space: the output neuron's verdict on every point of
    the square, and its line z_out = 0 (binary)."""
    w, b = tr.net.out_linear if tr.net.out_linear is not None else (None, None)
    xs = np.linspace(*m.ranges[0], n)
    ys = np.linspace(*m.ranges[1], n)
    gx, gy = np.meshgrid(xs, ys)
    h = np.column_stack([gx.ravel(), gy.ravel()])
    out: list[HeatmapLayer | LinesLayer] = []
    if w is not None and b is not None:
        z = (h @ w + b)[:, 0]
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -60, 60)))
        out.append(_heatmap("binary", p, (n, n), m.ranges[0], m.ranges[1], targets, 0.75))
        lx, ly = contour_lines(z.reshape(n, n), xs, ys, [0.0])
        out.append(LinesLayer(lx, ly, color=BOUNDARY_COLOR, width=2.0,
                              name="output neuron's line"))
    return out


def _separator_plane(tr: Transformation, m: Moment, n: int = 12) -> Surface3D | None:
    """The output neuron's plane w·a + b = 0 in a 3-D hidden space, as a surface along the
    axis where w is largest (so it is never drawn edge-on as a steep sheet)."""
    if tr.net.out_linear is None:
        return None
    w, b = tr.net.out_linear[0][:, 0], float(tr.net.out_linear[1][0])
    up = int(np.abs(w).argmax())
    if abs(w[up]) < 1e-12:
        return None
    others = [k for k in range(3) if k != up]
    u = np.linspace(*m.ranges[others[0]], n)
    v = np.linspace(*m.ranges[others[1]], n)
    gu, gv = np.meshgrid(u, v)  # rows follow the second free axis
    vals = -(b + w[others[0]] * gu + w[others[1]] * gv) / w[up]
    return Surface3D(vals, color=PLANE_COLOR, opacity=0.35, name="output neuron's plane",
                     up="xyz"[up])  # type: ignore[arg-type]


def _tween(tr: Transformation, layer: int, grid_at: int, data_at: int,
           end_only: list[int]) -> Tween:
    """The hidden view's numbers at every keyframe of the path (``Transformation.keyframes``),
    so the browser can move the data, the grid and the axes along t by itself: the same
    straight lines as ``at``."""
    spaces = tr.path(layer)
    keys = tr.keyframes(layer)
    frames: list[dict[str, FloatArray | Range | str]] = []
    for key in keys:
        sp = spaces[key.space]
        d = sp.points.shape[1]
        grid = tr.polylines(sp.grid) if d == 2 else tr.segments(sp.grid)
        f: dict[str, FloatArray | Range | str] = {}
        for j, axis in enumerate("xyz"[:d]):
            f[f"{axis}_range"] = key.ranges[j]
            f[f"{axis}_label"] = sp.axis_labels[j]
            f[f"layers.{grid_at}.{axis}"] = grid[:, j]
            f[f"layers.{data_at}.{axis}"] = sp.points[:, j]
        frames.append(f)
    return Tween("t", [key.t for key in keys], frames,
                 {f"layers.{i}": (1.0, 1.0) for i in end_only})


def hidden_view(tr: Transformation, targets: Targets, layer: int, t: float,
                camera: tuple[float, float] | None = None, spin: bool = False,
                tween: bool = True) -> Plot | Scene3D:
    """The data and the grid carried a share t of the way to hidden layer ``layer``'s
    activations: a square (2 neurons) or a cube (3, or more through PCA). With ``tween``, the
    numbers along the whole path too, for the browser to follow the t slider by itself."""
    m = tr.at(layer, t)
    last = layer == len(tr.net.hidden) - 1
    projected = tr.net.hidden[layer] > 3
    show_separator = m.at_end and last and not projected and tr.net.task == "binary"
    title = f"Hidden layer {layer + 1}, t = {t:.2f}: {m.short}"
    colors = targets.point_colors()
    if m.points.shape[1] == 2:
        layers: list[HeatmapLayer | PointsLayer | LinesLayer] = []
        if show_separator:
            layers += _separator_2d(tr, m, targets)
        g = tr.polylines(m.grid)
        layers.append(LinesLayer(g[:, 0], g[:, 1], color=GRID_COLOR, width=0.6, name="grid"))
        layers.append(PointsLayer(m.points[:, 0], m.points[:, 1], name="data",
                                  size=targets.marker_size(),
                                  **colors))  # type: ignore[arg-type]
        n = len(layers)
        return Plot(title, m.axis_labels[0], m.axis_labels[1], m.ranges[0], m.ranges[1],
                    layers, aspect=1.0,
                    tween=_tween(tr, layer, n - 2, n - 1, list(range(n - 2))) if tween else None)
    seg = tr.segments(m.grid)
    layers3: list[Points3D | Lines3D | Surface3D] = [
        Lines3D(seg[:, 0], seg[:, 1], seg[:, 2], color="#aab2bb", name="grid")]
    if show_separator:
        plane = _separator_plane(tr, m)
        if plane is not None:
            layers3.append(plane)
    layers3.append(Points3D(m.points[:, 0], m.points[:, 1], m.points[:, 2], size=0.8,
                            name="data", **colors))  # type: ignore[arg-type]
    (xl, yl, zl), (xr, yr, zr) = m.axis_labels, m.ranges
    n = len(layers3)
    return Scene3D(title, xl, yl, zl, xr, yr, zr, layers3, camera=camera, spin=spin,
                   tween=_tween(tr, layer, 0, n - 1, list(range(1, n - 1))) if tween else None)


def surface_scene(tr: Transformation, targets: Targets, camera: tuple[float, float] | None = None,
                  spin: bool = False, resolution: int = 33) -> Scene3D:
    """The network's output as a surface over the input plane, the data at its targets."""
    net = tr.net
    _, _, pts = _plane_grid(tr, resolution)
    score = net.score(tr.to_inputs(pts))
    data_score = net.score(tr.x)
    if net.task == "binary":
        z, z_label, z_range = score, "P(class 1)", (0.0, 1.0)
        title = f"Output: probability of class {(targets.class_names or ['', '1'])[1]}"
        heights = targets.labels.astype(float) if targets.labels is not None else data_score
    elif net.task == "multiclass":
        z, z_label, z_range = score.max(axis=1), "P(predicted class)", (0.0, 1.0)
        title = "Output: probability of the predicted class"
        heights = data_score.max(axis=1)
    else:
        vr = value_range(np.concatenate([score, targets.values if targets.values is not None
                                         else data_score]))
        z, z_label, z_range = score, "output", vr
        title = "Output over the input plane"
        heights = targets.values if targets.values is not None else data_score
    return Scene3D(title, tr.plane_labels[0], tr.plane_labels[1], z_label, tr.x_range,
                   tr.y_range, z_range, [
                       # a neutral grey: blue and orange mean the classes (DESIGN 3.4), and
                       # a surface of a probability is neither class
                       Surface3D(z.reshape(resolution, resolution), color=DATA,
                                 opacity=0.35, name="output"),
                       Points3D(tr.p[:, 0], tr.p[:, 1], heights, size=0.6, name="data",
                                **targets.point_colors()),  # type: ignore[arg-type]
                   ], camera=camera, spin=spin)


class StaticViews:
    """The input plot and the output surface, computed again only when the network or the
    camera changes: scrubbing t then costs only the hidden view."""

    def __init__(self, resolution: int = 80) -> None:
        self._key: object = None
        self._views: dict[str, Plot | Scene3D] = {}
        self.resolution = resolution
        """Grid points per side of the input plot's colours (its decision boundary)."""

    def get(self, key: object, tr: Transformation, targets: Targets,
            camera: tuple[float, float] | None, spin: bool) -> dict[str, Plot | Scene3D]:
        full = (key, camera, spin)
        if full != self._key:
            self._views = {"input": input_plot(tr, targets, resolution=self.resolution),
                           "surface": surface_scene(tr, targets, camera, spin)}
            self._key = full
        return self._views


def about_text(tr: Transformation, targets: Targets, layer: int, t: float,
               extra: str = "", name: str = "") -> Text:
    """What the views show, in words, with the numbers that matter; ``name`` says what the
    network is (default: the adapter's description of the model)."""
    net = tr.net
    m = tr.at(layer, t)
    size = net.hidden[layer]
    what = (f"{name}." if name else
            f"{net.description}. Hidden layer {layer + 1} has {size} neuron"
            f"{'s' if size != 1 else ''} ({net.activations[layer]}).")
    parts = [f"{what} At t = {t:.2f} the points are {m.title}."]
    if targets.labels is not None:
        parts.append(_classified(tr, targets, "The network"))
        if net.task == "binary" and layer == len(net.hidden) - 1 and size <= 3:
            parts.append("In the last hidden space the output neuron is a logistic "
                         "regression: at t = 1 its line (or plane) splits the classes.")
    parts += [n for n in [tr.plane_note, *m.notes] if n]
    if extra:
        parts.append(extra)
    return Text(" ".join(parts), title="What you see")


def about_outside(tr: Transformation, targets: Targets, extra: str = "") -> Text:
    """What the views show for a model seen from outside (no hidden layers)."""
    net = tr.net
    parts = [f"{net.description}."]
    if targets.labels is not None:
        parts.append(_classified(tr, targets, "It"))
    parts += [n for n in [tr.plane_note, extra] if n]
    return Text(" ".join(parts), title="What you see")


def _classified(tr: Transformation, targets: Targets, who: str) -> str:
    """"<who> classifies 97.5% of the 200 points correctly."."""
    score = tr.net.score(tr.x)
    pred = (score >= 0.5).astype(int) if tr.net.task == "binary" else score.argmax(axis=1)
    return (f"{who} classifies {np.mean(pred == targets.labels):.1%} of the {len(pred)} "
            "points correctly.")
