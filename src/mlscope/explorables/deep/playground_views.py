"""What the playground shows: its frame, built from the network and data of a ``Playground``.

- ``network``: the diagram; every neuron drawn as a thumbnail of its output over the plane;
- ``output``: the big GRID × GRID output (or the hovered neuron) with the points;
- ``loss``: training and test loss per epoch (their values now in the title); ``metrics``:
  loss, accuracy, the epoch;
- ``confusion``: predicted against actual class on the test data;
- ``activations`` / ``gradients``: per-layer histograms, one band per layer (a ridgeline).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from mlscope.core.colors import DATA, HELD_OUT, LABEL_NAMES, TRAIN, class_codes, value_codes
from mlscope.core.views import (
    Chart,
    Dense,
    HeatmapLayer,
    LinesLayer,
    Network,
    Node,
    Plot,
    PointsLayer,
    Series,
    Table,
    Text,
    View,
)
from mlscope.data import plane
from mlscope.nn.functional import softmax

if TYPE_CHECKING:
    from mlscope.explorables.deep.playground import Playground

A = NDArray[Any]

GRID = 100
"""The output heatmap's resolution: GRID × GRID points over the input plane."""
THUMB = 25
"""Neuron thumbnails are THUMB × THUMB cells, sampled from the GRID × GRID output."""
CLASS_NAMES = LABEL_NAMES[:5]
"""The histograms' layers, first to last: a neutral sequence from ink to pale grey (blue and
orange mean class or sign only; see DESIGN 3.4)."""
BINS = 30


def playground_frame(pgx: Playground, names: Collection[str] | None = None) -> \
        dict[str, View]:
    """Every view, or only those called ``names``."""
    with np.errstate(over="ignore", invalid="ignore"):  # a diverged network: NaN, said so
        return _frame(pgx, [n for n in VIEWS if names is None or n in names])


def _frame(pgx: Playground, names: list[str]) -> dict[str, View]:
    acts = pgx.net.forward_all(pgx.grid_features, np.float32) \
        if {"network", "output"} & set(names) else []
    build: dict[str, Callable[[], View]] = {
        "network": lambda: network_view(pgx, acts),
        "output": lambda: output_view(pgx, acts),
        "loss": lambda: loss_chart(pgx),
        "metrics": lambda: metrics_table(pgx),
        "confusion": lambda: confusion_view(pgx),
        "activations": lambda: activation_histograms(pgx),
        "gradients": lambda: gradient_histograms(pgx),
    }
    return {name: build[name]() for name in names}


VIEWS = ("network", "output", "loss", "metrics", "confusion", "activations", "gradients")


# --- colour codes of a neuron over the plane ---------------------------------------------

def _grid(v: A, n: int) -> A:
    """GRID² values (or GRID² × m, one column per neuron) as an (n, n[, m]) grid; for
    n < GRID, every (GRID / n)-th point from the middle of each block."""
    g = v.reshape(GRID, GRID, *v.shape[1:])
    if n == GRID:
        return g
    f = GRID // n
    return np.asarray(g[f // 2::f, f // 2::f])


def _layer_codes(pgx: Playground, acts: list[A], layer: int, n: int) -> tuple[A, str]:
    """Colour codes of every neuron of ``layer`` over the plane, ndarray of shape (neurons,
    n, n), uint8 (each ``[j]`` contiguous), and their colour map: hidden neurons on [-1, 1];
    inputs scaled to their largest magnitude over the grid; softmax outputs as their class's
    probability."""
    a = acts[layer]
    m = a.shape[1]
    if layer == len(acts) - 1 and pgx.softmax:
        p = np.moveaxis(_grid(softmax(a), n), 2, 0)
        return class_codes(np.arange(m)[:, None, None], p), "classes"
    g = np.moveaxis(_grid(a, n), 2, 0)
    if layer == 0:
        g = g / np.maximum(np.abs(a).max(axis=0), 1e-12)[:, None, None]
    # A diverged network's NaN outputs show as 0 (blank), not as the darkest orange.
    if not np.isfinite(g).all():
        g = np.nan_to_num(g, nan=0.0)
    return value_codes(g, -1.0, 1.0), "diverging"


def _input_thumbnails(pgx: Playground, acts: list[A]) -> tuple[A, str]:
    """The inputs' thumbnails: they depend on the features over the grid only, so they are
    made once per grid (new data or features) and kept with it."""
    kept = pgx.view_cache.get("inputs")
    if kept is None or kept[0] is not pgx.grid_features:
        kept = pgx.view_cache["inputs"] = (pgx.grid_features, _layer_codes(pgx, acts, 0, THUMB))
    return kept[1]


# --- the big output plot --------------------------------------------------------------------

def _output_layer(pgx: Playground, acts: list[A]) -> tuple[HeatmapLayer, str]:
    out = acts[-1]
    focus = pgx.p.focus
    sizes = pgx.net.sizes
    rng: dict[str, Any] = {"x_range": pgx.x_range, "y_range": pgx.y_range}
    if focus and focus[0] < len(sizes) - 1 and focus[1] < sizes[focus[0]]:  # not the output
        per_neuron, cmap = _layer_codes(pgx, acts, focus[0], GRID)
        name = _neuron_name(pgx, focus[0], focus[1])
        return HeatmapLayer(per_neuron[focus[1]].astype(float), vmin=0, vmax=255, colormap=cmap,
                            **rng), f"Neuron {name} over the plane"
    if pgx.softmax:
        p = softmax(out)
        k = pgx.n_classes
        label = np.argmax(p, axis=1)
        conf = np.full(len(p), 0.5) if pgx.p.discretize else \
            (p.max(axis=1) - 1 / k) / (1 - 1 / k)
        codes = class_codes(label, conf).reshape(GRID, GRID)
        return HeatmapLayer(codes.astype(float), vmin=0, vmax=255, colormap="classes",
                            **rng), "Output: the predicted class"
    v = out[:, 0].reshape(GRID, GRID)
    if pgx.p.discretize:
        v = np.where(v >= 0, 1.0, -1.0)
    vmax = 1.0 if pgx.task == "classification" else _regression_vmax(pgx)
    # A light fill, as TensorFlow Playground's: a point on the side of its own class keeps
    # its colour instead of reading as a hollow ring.
    return HeatmapLayer(v, vmin=-vmax, vmax=vmax, colormap="diverging", opacity=0.5, **rng), \
        "Output"


def _points(pgx: Playground, mask: A, name: str, stroke: str) -> PointsLayer:
    """Points coloured by class, or for regression by value on the output's colour scale."""
    pts, t = pgx.points[mask], pgx.targets_raw[mask]
    if pgx.task == "regression":
        vmax = _regression_vmax(pgx)
        return PointsLayer(pts[:, 0], pts[:, 1], codes=value_codes(t, -vmax, vmax), size=3.5,
                           stroke="#4a5561" if stroke == "#ffffff" else stroke, name=name)
    return PointsLayer(pts[:, 0], pts[:, 1], t.astype(np.int64), size=3.5, stroke=stroke,
                       name=name)


def _regression_vmax(pgx: Playground) -> float:
    return max(1.0, float(np.abs(pgx.targets_raw).max(initial=0.0)))


DIVERGED_TITLE = "Output: none, the network diverged (lower the learning rate, then Reset)"


def output_view(pgx: Playground, acts: list[A]) -> Plot:
    layers: list[HeatmapLayer | PointsLayer | LinesLayer] = []
    if pgx.diverged:
        title = DIVERGED_TITLE
    else:
        heat, title = _output_layer(pgx, acts)
        layers.append(heat)
    layers.append(_points(pgx, pgx.is_train, "training", "#ffffff"))
    if pgx.p.show_test:
        layers.append(_points(pgx, ~pgx.is_train, "test", "#1d2530"))
    return Plot(title, "X₁", "X₂", pgx.x_range, pgx.y_range, layers, click_action="add_point",
                aspect=1.1)


# --- the network diagram ---------------------------------------------------------------------

def _neuron_name(pgx: Playground, layer: int, index: int) -> str:
    if layer == 0:
        return plane.FEATURES[pgx.p.features[index]][0]
    if layer == len(pgx.net.sizes) - 1:
        return f"output {index + 1}" if pgx.net.sizes[-1] > 1 else "output"
    return f"{layer}.{index + 1}"


def _finite_or_none(v: float) -> float | None:
    return float(v) if np.isfinite(v) else None


def _fmt(v: float) -> str:
    return f"{v:.3g}".replace("-", "−")


def _card(pgx: Playground, layer: int, j: int, span: tuple[float, float]) -> str:
    """The hover card: formula and live numbers of neuron j of ``layer`` (≥ 1)."""
    net = pgx.net
    act = net.activations[layer - 1]
    w = net.weights[layer - 1][:, j]
    b = float(net.biases[layer - 1][j])
    prev = "x" if layer == 1 else "a"
    kind = "softmax of" if layer == len(net.sizes) - 1 and pgx.softmax else act.name
    shown = ", ".join(_fmt(x) for x in w[:8]) + (", …" if len(w) > 8 else "")
    lines = [
        f"Neuron {_neuron_name(pgx, layer, j)}: {kind}",
        f"$z = \\sum_i w_i\\,{prev}_i + b$, $\\quad a = {act.tex}$",
        f"weights in: {shown}",
        f"bias b = {_fmt(b)}",
        f"output over the plane: {_fmt(span[0])} to {_fmt(span[1])}",
    ]
    return "\n".join(lines)


@functools.lru_cache(maxsize=8)
def _feature_previews(x_range: tuple[float, float], y_range: tuple[float, float]) -> \
        dict[str, A]:
    """Every input feature over the plane as thumbnail codes (THUMB², diverging, scaled to
    its largest magnitude), for the switched-off inputs' faded previews; they depend on the
    plot's box only, so they are made once per box."""
    gx, gy = np.linspace(-6.0, 6.0, GRID), np.linspace(-6.0, 6.0, GRID)
    xx, yy = np.meshgrid(gx, gy)  # row 0 = smallest y, as the views expect
    f = plane.features(np.stack([xx.ravel(), yy.ravel()], axis=1), tuple(plane.FEATURES))
    g = np.moveaxis(_grid(f, THUMB), 2, 0)
    g = g / np.maximum(np.abs(f).max(axis=0), 1e-12)[:, None, None]
    return {name: np.ascontiguousarray(value_codes(g[k], -1.0, 1.0))
            for k, name in enumerate(plane.FEATURES)}


def network_view(pgx: Playground, acts: list[A]) -> Network:
    net, p = pgx.net, pgx.p
    nodes: list[Node] = []
    on = list(p.features)
    thumbs = [_input_thumbnails(pgx, acts),
              *(_layer_codes(pgx, acts, layer, THUMB) for layer in range(1, len(acts)))]
    for name, (label, _) in plane.FEATURES.items():
        if name in on:
            i = on.index(name)
            codes, cmap = thumbs[0][0][i], thumbs[0][1]
            nodes.append(Node(f"0:{i}", 0, label, heatmap=codes, colormap=cmap, toggle=name,
                              card=f"Input {label}: switched on; click to switch it off."))
        else:
            preview = _feature_previews(tuple(pgx.x_range), tuple(pgx.y_range))[name]
            nodes.append(Node(f"off:{name}", 0, label, active=False, toggle=name,
                              heatmap=preview, colormap="diverging",
                              card=f"Input {label}: switched off; click to switch it on."))
    last = len(net.sizes) - 1
    focus = tuple(p.focus)
    for layer in range(1, last + 1):
        for j in range(net.sizes[layer]):
            codes, cmap = thumbs[layer][0][j], thumbs[layer][1]
            # only the hovered neuron's card is live (and sent)
            card = _card(pgx, layer, j, (float(acts[layer][:, j].min()),
                                         float(acts[layer][:, j].max()))) \
                if focus == (layer, j) else ""
            nodes.append(Node(f"{layer}:{j}", layer, "" if layer < last else
                              _neuron_name(pgx, layer, j), heatmap=codes, colormap=cmap,
                              card=card, bias=_finite_or_none(net.biases[layer - 1][j]),
                              detail=f"b {_fmt(float(net.biases[layer - 1][j]))}"))
    ids = [[f"{layer}:{i}" for i in range(n)] for layer, n in enumerate(net.sizes)]
    # A weight that is no longer a number (a diverged network) is drawn as 0: no edge.
    finite = not pgx.diverged
    dense = [Dense(ids[layer], ids[layer + 1], w.copy() if finite else
                   np.nan_to_num(w, nan=0.0, posinf=1e30, neginf=-1e30), name=str(layer))
             for layer, w in enumerate(net.weights)]
    acts_names = pgx.hidden_activations()
    columns = ["Features", *[f"{n} neuron{'s' if n > 1 else ''}" for n in p.hidden], "Output"]
    n_hidden = len(p.hidden)
    return Network(f"{n_hidden} hidden layer{'' if n_hidden == 1 else 's'}", nodes, [], dense,
                   columns=columns, shape_param="hidden", layer_param="layer_activations",
                   layer_values=acts_names,
                   toggle_param="features", focus_param="focus", edit_action="set_weight")


# --- curves, numbers, histograms --------------------------------------------------------------

def loss_chart(pgx: Playground) -> Chart:
    """Training and test loss per epoch, the numbers of now in the title."""
    h, t = pgx.train_history, pgx.test_history
    train, test = pgx.losses()
    title = "Loss: the network diverged" if pgx.diverged else \
        f"Loss: training {_fmt4(train)} · test {_fmt4(test)}"
    return Chart(title, "epoch",
                 pgx.loss.label, h.x.copy(),
                 [Series("training", h.y.copy(), TRAIN), Series("test", t.y.copy(), HELD_OUT)])


def _predict(pgx: Playground, out: A) -> A:
    """Classes predicted from the network's outputs ``out``."""
    if pgx.softmax:
        return np.asarray(np.argmax(out, axis=1))
    return np.where(out[:, 0] >= 0, 0, 1)


def _accuracy(pgx: Playground, out: A, t: A) -> str:
    if not len(out) or pgx.diverged:
        return "–"
    return f"{100 * np.mean(_predict(pgx, out) == t):.1f} %"


def metrics_table(pgx: Playground) -> Table:
    train, test = pgx.losses()
    tr = pgx.is_train
    rows = [["loss", _fmt4(train), _fmt4(test)]]
    if pgx.task == "classification":
        t = pgx.targets_raw
        acts, out_test = pgx.outputs()
        rows.append(["accuracy", _accuracy(pgx, acts[-1], t[tr]),
                     _accuracy(pgx, out_test, t[~tr])])
    rows.append(["points", str(int(tr.sum())), str(int((~tr).sum()))])
    return Table(f"Epoch {pgx.epoch:,}", ["", "training", "test"], rows)


def _fmt4(v: float) -> str:
    return "–" if not np.isfinite(v) else f"{v:.4f}"


def confusion_view(pgx: Playground) -> Table | Text:
    if pgx.task == "regression":
        return Text("Regression: there are no classes to confuse.", title="Confusion matrix")
    if pgx.diverged:
        return Text("The network diverged: its outputs are not numbers, so it predicts no "
                    "class.", title="Confusion matrix")
    k = pgx.n_classes
    actual = pgx.targets_raw[~pgx.is_train].astype(int)
    m = np.zeros((k, k), dtype=int)
    if len(actual):
        np.add.at(m, (actual, _predict(pgx, pgx.outputs()[1])), 1)
    names = list(CLASS_NAMES[:k])
    rows = [[names[i], *[str(c) for c in m[i]]] for i in range(k)]
    return Table("Confusion matrix (test data)", ["actual ↓ predicted →", *names], rows)


def outward(x: float, up: bool) -> float:
    """``x`` moved away from the middle of the data (down for a lower end, up for an upper
    one) to 0 or ±2^k (k ≥ -1). An axis from these ends takes few distinct values, so it
    keeps still while training moves the data within them, and it is a function of the data
    alone: a frame never depends on what earlier frames showed."""
    if x == 0:
        return 0.0
    sign, mag = (1.0 if x > 0 else -1.0), abs(x)
    if (x > 0) == up:  # away from zero: the next power of two at or beyond
        return sign * 2.0 ** max(math.ceil(math.log2(mag)), -1)
    return 0.0 if mag < 0.5 else sign * 2.0 ** math.floor(math.log2(mag))


RIDGE = 0.85
"""The tallest bar of all the layers reaches this share of a layer's band (1 unit tall)."""


Ridges = tuple[list[LinesLayer], tuple[float, float], tuple[float, float],
               list[tuple[float, str]]]


def _ridges(values: list[A], names: list[str]) -> Ridges:
    """One histogram per layer, each in its own band (layer k around y = k), on a common
    x range widened to 0 or a power of two at each end (``outward``), and a common
    height scale, so layers compare at a glance and no line hides another. Each is a step
    outline from its baseline: x = e0, e0, e1, e1, ..., e_n, e_n; y = base, then each bin's
    share twice, then base again."""
    lo = outward(min(float(v.min()) for v in values), up=False)
    hi = outward(max(float(v.max()) for v in values), up=True)
    if hi - lo < 1e-9:
        lo, hi = lo - 0.5, hi + 0.5
    edges = np.linspace(lo, hi, BINS + 1)
    # bins and range, not the edges: numpy then bins by arithmetic instead of a search
    shares = [_counts(v, edges) / max(v.size, 1) for v in values]
    top = max(float(sh.max()) for sh in shares) or 1.0
    x = np.repeat(edges, 2)
    layers = []
    for k, share in enumerate(shares, start=1):
        base = k - 0.45
        y = base + np.r_[0.0, np.repeat(share, 2), 0.0] / top * RIDGE
        layers.append(LinesLayer(x, y, DATA, 1.6))
    ticks = [(float(k), name) for k, name in enumerate(names, start=1)]
    return layers, (lo, hi), (0.45, len(values) + 0.6), ticks


def _counts(v: A, edges: A) -> A:
    """``np.histogram(v, edges)[0]`` for equal bins that span every value (as ``_ridges``'
    do), by numpy's own arithmetic for equal bins (an index from the value, corrected where
    rounding put it a bin off), without its checks, which cost more than the counting."""
    n = len(edges) - 1
    idx = ((v - edges[0]) / (edges[-1] - edges[0]) * n).astype(np.intp)
    idx[idx == n] -= 1
    idx[v < edges[idx]] -= 1
    idx[(v >= edges[idx + 1]) & (idx != n - 1)] += 1
    return np.bincount(idx, minlength=n)


def activation_histograms(pgx: Playground) -> Plot:
    hidden = pgx.outputs()[0][1:-1] if len(pgx.x_train) else \
        pgx.net.forward_all(pgx.grid_features)[1:-1]
    if not hidden:
        return Plot("Activations: no hidden layers", "activation", "share of values",
                    (-1.0, 1.0), (0.0, 1.0), [])
    if pgx.diverged:
        return Plot("Activations: not numbers (the network diverged)", "activation",
                    "hidden layer", (-1.0, 1.0), (0.0, 1.0), [])
    layers, xr, yr, ticks = _ridges([h.ravel() for h in hidden],
                                    [str(k + 1) for k in range(len(hidden))])
    return Plot("Activations per hidden layer (training data)", "activation",
                "hidden layer", xr, yr, list(layers), y_ticks=ticks)


def gradient_histograms(pgx: Playground) -> Plot:
    if not len(pgx.x_train):
        return Plot("Gradients: no training data", "log₁₀ |∂L/∂w|", "share of weights",
                    (-8.0, 0.0), (0.0, 1.0), [])
    if pgx.diverged:
        return Plot("Gradients: not numbers (the network diverged)", "log₁₀ |∂L/∂w|",
                    "weights into layer", (-8.0, 0.0), (0.0, 1.0), [])
    gw, _ = pgx.net.gradient_views(pgx.trainer.gradient(pgx.x_train, pgx.y_train))
    logs = [np.log10(np.abs(g).ravel() + 1e-12) for g in gw]
    names = [str(k + 1) if k < len(gw) - 1 else "out" for k in range(len(gw))]
    layers, xr, yr, ticks = _ridges(logs, names)
    return Plot("Gradients per weight layer (all training data)", "log₁₀ |∂L/∂w|",
                "weights into layer", xr, yr, list(layers), y_ticks=ticks)
