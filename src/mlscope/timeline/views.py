"""The views of a run's timeline at one step: the curve with its cursor, histograms over
time (TensorBoard's offset ridges and percentile bands), gradient flow, the decision
surface on the probe's plane, the hidden layer's view of the probe, and the run's numbers.

Colours: runs are told apart by RUN_COLORS (never blue or orange, which mean class);
histograms are neutral grey with the step shown in magenta; layers in gradient flow go from
purple to teal along the network; the weights diagram keeps blue and orange for the sign.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from mlscope.core.colors import DATA, MODEL
from mlscope.core.views import (
    AreaLayer,
    Dense,
    HeatmapLayer,
    LinesLayer,
    Network,
    Node,
    Plot,
    PointsLayer,
    Table,
    Text,
    Tween,
)
from mlscope.lens.views import score_codes
from mlscope.timeline.run_data import RunData
from mlscope.timeline.series import downsample, smooth
from mlscope.timeline.store import Histogram

RUN_COLORS = ["#5e35b1", "#00897b", "#c2185b", "#6d4c41", "#546e7a", "#7cb342", "#8e24aa",
              "#d81b60"]
"""One colour per run compared (blue and orange are kept for classes)."""
LAYER_COLORS = ["#4a148c", "#6a1b9a", "#8e24aa", "#ab47bc", "#ce93d8", "#80cbc4", "#4db6ac",
                "#26a69a", "#00897b", "#00796b", "#00695c", "#004d40"]
CURSOR = MODEL
PIXELS = 900
"""Buckets a curve is downsampled to: about the widest a chart is drawn."""
MAX_RIDGES = 30
MAX_HELD = 400
"""Snapshots up to which a view sends them all, for the browser to scrub without a round
trip (a decision surface: 2.3 kB each)."""
BANDS = (0.0, 6.68, 15.87, 30.85, 50.0, 69.15, 84.13, 93.32, 100.0)
"""TensorBoard's distribution percentiles: min, ±1.5σ, ±1σ, ±0.5σ, median, max."""
X_LABELS = {"step": "step", "wall": "wall time (s since the epoch)", "relative":
            "time since the start (s)"}


def x_of(steps: NDArray[np.int64], walls: NDArray[np.float64], axis: str,
         start: float) -> NDArray[np.float64]:
    if axis == "wall":
        return walls
    if axis == "relative":
        return walls - start
    return steps.astype(np.float64)


def cursor_x(run: RunData, tag: str, step: int, axis: str) -> float:
    """Where ``step`` falls on ``axis`` for ``run`` (wall times interpolated)."""
    if axis == "step":
        return float(step)
    steps, walls, _ = run.scalars(tag)
    if steps.size == 0:
        return float("nan")
    wall = float(np.interp(step, steps, walls))
    return wall - run.info.started if axis == "relative" else wall


def curve_view(runs: list[RunData], tag: str, smoothing: float, axis: str,
               step: int, span: tuple[int, int] = (0, 0)) -> Plot:
    """The scalar ``tag`` of each run over ``axis``, raw (faint) and smoothed, with the
    cursor at ``step``; on the step axis the cursor follows the slider in the browser."""
    layers: list[Any] = []
    xs, lows, highs = [], [], []
    title_bits = []
    for k, run in enumerate(runs):
        if tag not in run.tags["scalars"]:
            continue
        steps, walls, values = run.scalars(tag)
        x = x_of(steps, walls, axis, run.info.started)
        s = smooth(values, smoothing)
        color = RUN_COLORS[k % len(RUN_COLORS)]
        if smoothing > 0:
            layers.append(LinesLayer(*downsample(x, values, PIXELS), color=color, width=1.0,
                                     name="raw" if k == 0 else ""))
            layers[-1] = _faint(layers[-1])
        layers.append(LinesLayer(*downsample(x, s, PIXELS), color=color, width=2.0,
                                 name=run.name if len(runs) > 1 else
                                 ("smoothed" if smoothing > 0 else tag)))
        finite = values[np.isfinite(values)]
        if finite.size:
            lo, hi = np.percentile(finite, [1, 99]) if finite.size > 50 else \
                (finite.min(), finite.max())
            lows.append(min(float(lo), float(np.nanmin(s))))
            highs.append(max(float(hi), float(np.nanmax(s))))
        if x.size:
            xs += [float(x[0]), float(x[-1])]
        k_at = int(np.searchsorted(steps, step, side="right")) - 1
        if k_at >= 0:
            title_bits.append(f"{_num(values[k_at])}" + (f" (smoothed {_num(s[k_at])})"
                                                          if smoothing > 0 else ""))
    if not xs:
        return Plot(f"{tag}: nothing logged", X_LABELS[axis], tag, (0.0, 1.0), (0.0, 1.0), [])
    x_range = _span(min(xs), max(xs))
    y_range = _span(min(lows) if lows else 0.0, max(highs) if highs else 1.0, pad=0.05)
    cx = cursor_x(runs[0], tag, step, axis)
    tween = None
    if np.isfinite(cx):
        layers.append(LinesLayer(np.array([cx, cx]), np.array(y_range), color=CURSOR,
                                 width=1.5, dash=(4, 3), name="the step shown"))
        if axis == "step":
            tween = cursor_tween(len(layers) - 1, span)
    title = f"{tag} at step {step:,}: {title_bits[0]}" if title_bits else tag
    return Plot(title, X_LABELS[axis], tag, x_range, y_range, layers, aspect=2.0, tween=tween)


def cursor_tween(index: int, span: tuple[int, int]) -> Tween | None:
    """The cursor (layer ``index``, a vertical line at x = the step) moving with the step
    slider from the run's first step to its last."""
    first, last = span
    if last <= first:
        return None
    return Tween("at", [float(first), float(last)],
                 [{f"layers.{index}.x": np.array([float(first)] * 2)},
                  {f"layers.{index}.x": np.array([float(last)] * 2)}])


def held(steps: list[int], frames: list[dict[str, Any]]) -> Tween | None:
    """A tween that shows each snapshot's numbers from its step until the next one (what
    the server draws: the last snapshot at or before the step), for the browser to follow
    the step slider without a round trip; None for fewer than two or too many snapshots."""
    if not 2 <= len(steps) <= MAX_HELD:
        return None
    return Tween("at", [float(s) for s in steps], frames, hold=True)


def _faint(layer: LinesLayer) -> LinesLayer:
    layer.color = _mix(layer.color, 0.35)
    return layer


def _mix(color: str, strength: float) -> str:
    """``color`` blended toward white, ``strength`` of it left."""
    rgb = np.array([int(color[i:i + 2], 16) for i in (1, 3, 5)], float)
    out = 255 - strength * (255 - rgb)
    return "#" + "".join(f"{round(c):02x}" for c in out)


def ridges_view(run: RunData, tag: str, step: int) -> Plot:
    """TensorBoard's offset view: one histogram per snapshot (at most MAX_RIDGES of them),
    placed by step, the earliest at the back (top); the one at ``step`` in colour."""
    hists = [h for h in run.histograms(tag) if h.count > 0]
    if not hists:
        return Plot(f"{tag}: no finite values", "value", "step", (0.0, 1.0), (0.0, 1.0), [])
    current = _at(hists, step)
    n = min(len(hists), MAX_RIDGES)
    first, last = hists[0].step, hists[-1].step

    def base(s: int) -> float:  # the earliest at the top (n - 1), the last at 0
        return 0.0 if last == first else (last - s) / (last - first) * (n - 1)

    polygons = run.memo(("ridges", tag), lambda: [_ridge(h, base(h.step)) for h in hists])
    shown = hists if len(hists) <= MAX_RIDGES else [
        hists[i] for i in np.linspace(0, len(hists) - 1, MAX_RIDGES).round().astype(int)]
    index = {id(h): k for k, h in enumerate(hists)}
    layers: list[Any] = []
    if len(hists) > 1:
        layers.append(LinesLayer(*_joined([polygons[index[id(h)]] for h in shown]),
                                 color="#8a949c", width=1.0, fill="#ffffff", fill_opacity=0.9,
                                 name="every snapshot"))
    front = len(layers)
    layers.append(LinesLayer(*polygons[index[id(current)]], color=CURSOR, width=2.0,
                             fill=CURSOR, fill_opacity=0.25, name="the step shown"))
    tween = held([h.step for h in hists], [
        {f"layers.{front}.x": x, f"layers.{front}.y": y} for x, y in polygons])
    lo = min(h.edges[0] for h in hists)
    hi = max(h.edges[-1] for h in hists)
    ticks = [(base(h.step), f"{h.step:,}") for h in shown]
    ticks = ticks[::max(1, len(ticks) // 8)]
    return Plot(_hist_title(tag, current), "value", "step", _span(lo, hi),
                (-0.5, n - 1 + 2.3), layers, y_ticks=ticks, aspect=1.3, tween=tween)


def _ridge(h: Histogram, base: float) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """One histogram as a ridge's outline: its density (scaled to its own peak) above
    ``base``."""
    edges, counts = coarser(h)
    density = counts / np.maximum(np.diff(edges), 1e-300)
    density = density / max(float(density.max()), 1e-300) * 1.8
    centers = (edges[:-1] + edges[1:]) / 2
    return (np.concatenate([[edges[0]], centers, [edges[-1]]]),
            np.concatenate([[base], base + density, [base]]))


def coarser(h: Histogram) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """The histogram's bins merged to about 2·√count of them (6 to 30): a layer of 32
    weights in 30 bins is noise, not a shape."""
    target = int(np.clip(round(2 * np.sqrt(h.count)), 6, 30))
    group = max(1, int(np.ceil(len(h.counts) / target)))
    if group == 1:
        return h.edges, h.counts
    idx = np.arange(0, len(h.counts), group)
    return np.r_[h.edges[idx], h.edges[-1]], np.add.reduceat(h.counts, idx)


def bands_view(run: RunData, tag: str, step: int) -> Plot:
    """TensorBoard's distributions: percentile bands of the histograms over steps."""
    hists = [h for h in run.histograms(tag) if h.count > 0]
    if not hists:
        return Plot(f"{tag}: no finite values", "step", "value", (0.0, 1.0), (0.0, 1.0), [])
    steps = np.array([h.step for h in hists], float)
    q = np.array([percentiles(h, BANDS) for h in hists])  # (n_steps, 9)
    layers: list[Any] = []
    names = ["min to max", "middle 87 %", "middle 68 %", "middle 38 %"]
    for k, name in enumerate(names):
        layers.append(AreaLayer(steps, q[:, 8 - k], q[:, k], color=DATA,
                                opacity=0.12 + 0.12 * k, outline=False, name=name))
    layers.append(LinesLayer(steps, q[:, 4], color=DATA, width=1.5, name="median"))
    y_range = _span(float(q.min()), float(q.max()), pad=0.05)
    x_range = _span(float(steps[0]), float(steps[-1]))
    current = _at(hists, step)
    layers.append(LinesLayer(np.array([current.step] * 2, float), np.array(y_range),
                             color=CURSOR, width=1.5, dash=(4, 3), name="the step shown"))
    cursor = len(layers) - 1
    tween = held([h.step for h in hists],
                 [{f"layers.{cursor}.x": np.array([float(h.step)] * 2)} for h in hists])
    return Plot(_hist_title(tag, current), "step", "value", x_range, y_range, layers,
                aspect=1.6, tween=tween)


def percentiles(h: Histogram, ps: tuple[float, ...]) -> NDArray[np.float64]:
    """Percentiles of a histogram's values, linear within a bin (TensorBoard's way)."""
    cum = np.concatenate([[0.0], np.cumsum(h.counts)])
    total = cum[-1]
    out = np.interp(np.asarray(ps) / 100 * total, cum, h.edges)
    out[0], out[-1] = max(out[0], h.vmin), min(out[-1], h.vmax)
    return np.asarray(out, float)


def _hist_title(tag: str, h: Histogram) -> str:
    mean = h.total / h.count
    sd = np.sqrt(max(h.total_sq / h.count - mean ** 2, 0.0))
    bad = f", {h.nonfinite:,} not finite" if h.nonfinite else ""
    return f"{tag} at step {h.step:,}: mean {_num(mean)}, sd {_num(sd)}{bad}"


def _at(hists: list[Histogram], step: int) -> Histogram:
    before = [h for h in hists if h.step <= step]
    return before[-1] if before else hists[0]


def _joined(parts: list[tuple[NDArray[np.float64], NDArray[np.float64]]]) \
        -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    gap = np.array([np.nan])
    xs: list[NDArray[np.float64]] = []
    ys: list[NDArray[np.float64]] = []
    for x, y in parts:
        xs += [x, gap]
        ys += [y, gap]
    return np.concatenate(xs[:-1]), np.concatenate(ys[:-1])


def flow_view(run: RunData, step: int, span: tuple[int, int] = (0, 0)) -> Plot | Text:
    """Per-layer gradient norms over steps on a log scale: vanishing and exploding."""
    tags = [t for t in run.tags["scalars"] if t.startswith("grad_norm/") and
            not t.endswith("bias")]
    if not tags:
        return Text("No gradients were recorded: PyTorch runs record each layer's gradient "
                    "norm at every snapshot (after backward()).", title="Gradient flow")
    tags = _network_order(run, tags)
    layers: list[Any] = []
    lo, hi, xs = np.inf, -np.inf, []
    for k, tag in enumerate(tags):
        steps, _, norms = run.scalars(tag)
        logs = np.log10(np.where(norms > 0, norms, np.nan))
        color = LAYER_COLORS[round(k * (len(LAYER_COLORS) - 1) / max(len(tags) - 1, 1))]
        layers.append(LinesLayer(steps.astype(float), logs, color=color, width=1.8,
                                 name=tag.removeprefix("grad_norm/")))
        if np.isfinite(logs).any():
            lo, hi = min(lo, float(np.nanmin(logs))), max(hi, float(np.nanmax(logs)))
        xs += [float(steps[0]), float(steps[-1])] if steps.size else []
    if not np.isfinite(lo):
        lo, hi = -1.0, 1.0
    lo, hi = np.floor(lo), np.ceil(hi) if np.ceil(hi) > np.floor(lo) else np.floor(lo) + 1
    x_range = _span(min(xs), max(xs)) if xs else (0.0, 1.0)
    layers.append(LinesLayer(np.array([step, step], float), np.array([lo, hi]), color=CURSOR,
                             width=1.5, dash=(4, 3), name="the step shown"))
    ticks = [(float(e), f"1e{int(e)}") for e in range(int(lo), int(hi) + 1)]
    ticks = ticks[::max(1, len(ticks) // 6)]
    first, last = _norm_at(run, tags[0], step), _norm_at(run, tags[-1], step)
    note = ""
    if first and last and len(tags) > 1:
        ratio = first / last
        note = f": first layer's {_num(ratio)}× the last's"
    return Plot(f"Gradient norm per layer{note}", "step", "|gradient| (log scale)", x_range,
                (float(lo), float(hi)), layers, y_ticks=ticks, aspect=1.6,
                tween=cursor_tween(len(layers) - 1, span))


def _network_order(run: RunData, tags: list[str]) -> list[str]:
    order = [p["name"] for p in run.info.info.get("parameters", [])] or \
        [f"layer{k}.weight" for k in range(64)]
    rank = {name: k for k, name in enumerate(order)}
    return sorted(tags, key=lambda t: rank.get(t.removeprefix("grad_norm/"), len(rank)))


def _norm_at(run: RunData, tag: str, step: int) -> float | None:
    steps, _, norms = run.scalars(tag)
    k = int(np.searchsorted(steps, step, side="right")) - 1
    return float(norms[k]) if k >= 0 and np.isfinite(norms[k]) and norms[k] > 0 else None


def boundary_view(run: RunData, step: int) -> Plot | Text:
    """The model's output over the probe's plane at ``step``, with the probe points."""
    grid = run.info.info.get("boundary")
    probe = run.snapshot_at("probe/x", 0)
    steps = run.snapshot_steps("boundary") if "boundary" in run.tags["snapshots"] else None
    if grid is None or probe is None or steps is None or steps.size == 0:
        return Text("Drawn for a model with two input features and a probe set: pass "
                    "probe=(X, y) to mlscope.watch.", title="Decision surface")
    x0, x1, y0, y1 = grid["extent"]
    labels = run.snapshot_at("probe/y", 0)
    y = labels[1] if labels is not None else None
    n = int(grid["resolution"])
    if steps.size <= MAX_HELD:
        every = run.memo(("boundary",), lambda: [
            _surface_codes(run, int(s), y, n) for s in steps])
    else:
        every = None
    k = max(int(np.searchsorted(steps, step, side="right")) - 1, 0)
    task, codes = every[k] if every is not None else _surface_codes(run, int(steps[k]), y, n)
    layers: list[Any] = [HeatmapLayer(codes.astype(np.float64), (x0, x1), (y0, y1), 0.0, 255.0,
                                      colormap="diverging" if task == "regression"
                                      else "classes", opacity=0.9,
                                      name="" if task != "regression" else "output")]
    px = probe[1]
    if y is not None and task != "regression":
        classes = [f"class {c}" for c in range(int(np.max(y)) + 1)]
        layers.append(PointsLayer(px[:, 0], px[:, 1], labels=y.astype(np.int64), size=4.0,
                                  classes=classes, name="probe set"))
    else:
        layers.append(PointsLayer(px[:, 0], px[:, 1], color=DATA, size=3.5, name="probe"))
    what = "Decision surface" if task != "regression" else "Output"
    tween = held([int(s) for s in steps], [{"layers.0.codes": c} for _, c in every]) \
        if every is not None else None
    return Plot(f"{what} at step {int(steps[k]):,}", "x₁", "x₂", (x0, x1), (y0, y1), layers,
                aspect=1.0, tween=tween)


def _surface_codes(run: RunData, step: int, y: NDArray[Any] | None,
                   n: int) -> tuple[str, NDArray[np.uint8]]:
    """(task, colour codes (n, n)) of the boundary snapshot at ``step``."""
    got = run.snapshot_at("boundary", step)
    assert got is not None
    task, score = _task_and_score(got[1].astype(np.float64), y)
    codes = score_codes(task, score, None if y is None or task != "regression" else
                        (float(np.min(y)), float(np.max(y))))
    return task, np.asarray(codes, np.uint8).reshape(n, n)


def _task_and_score(out: NDArray[np.float64], y: NDArray[Any] | None) \
        -> tuple[str, NDArray[np.float64]]:
    """("binary", P(class 1)), ("multiclass", probabilities) or ("regression", output):
    outputs that are not probabilities already are taken as logits."""
    classify = y is not None and np.all(np.equal(np.mod(y, 1), 0)) and len(np.unique(y)) <= 12
    if not classify:
        return "regression", out[:, 0]
    probs = bool(np.all((out >= 0) & (out <= 1)))
    if out.shape[1] == 1:
        return "binary", out[:, 0] if probs else 1 / (1 + np.exp(-out[:, 0]))
    if not (probs and np.allclose(out.sum(axis=1), 1, atol=1e-3)):
        z = out - out.max(axis=1, keepdims=True)
        out = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    return ("binary", out[:, 1]) if out.shape[1] == 2 else ("multiclass", out)


def hidden_view(run: RunData, tag: str, step: int,
                basis: tuple[NDArray[np.float64], NDArray[np.float64], tuple[float, float],
                             tuple[float, float]] | None) -> Plot | Text:
    """The probe set as layer ``tag`` sees it at ``step``: its activations projected on the
    two principal axes of the last snapshot (the same axes at every step, so the points
    move as training moves them)."""
    steps = run.snapshot_steps(tag) if tag in run.tags["snapshots"] else None
    if steps is None or steps.size == 0 or basis is None:
        return Text("Recorded with a probe set: pass probe=(X, y) to mlscope.watch.",
                    title="Hidden layer")
    mean, axes, xr, yr = basis

    def project(s: int) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        got = run.snapshot_at(tag, s)
        assert got is not None
        xy = (got[1].astype(np.float64) - mean) @ axes
        return (xy[:, 0], xy[:, 1]) if xy.shape[1] > 1 else (xy[:, 0], np.zeros(len(xy)))

    every = run.memo(("hidden", tag), lambda: [project(int(s)) for s in steps]) \
        if steps.size <= MAX_HELD else None
    k = max(int(np.searchsorted(steps, step, side="right")) - 1, 0)
    x, y_ = every[k] if every is not None else project(int(steps[k]))
    labels = run.snapshot_at("probe/y", 0)
    y = labels[1] if labels is not None else None
    if y is not None and np.all(np.equal(np.mod(y, 1), 0)) and len(np.unique(y)) <= 12:
        layer: Any = PointsLayer(x, y_, labels=y.astype(np.int64), size=4.0,
                                 classes=[f"class {c}" for c in range(int(np.max(y)) + 1)],
                                 name="probe set")
    else:
        layer = PointsLayer(x, y_, color=DATA, size=3.5, name="probe")
    tween = held([int(s) for s in steps], [{"layers.0.x": a, "layers.0.y": b}
                                           for a, b in every]) if every is not None else None
    return Plot(f"{layer_label(run, tag)} at step {int(steps[k]):,}: 2 principal axes",
                "axis 1", "axis 2", xr, yr, [layer], aspect=1.0, tween=tween)


def layer_label(run: RunData, tag: str) -> str:
    """"layer 2 (Tanh, 16 units)" for ``act/2``: the module's name, type and width."""
    name = tag.removeprefix("act/")
    kind = next((layer["type"] for layer in run.info.info.get("layers", [])
                 if layer["name"] == name), "")
    got = run.snapshot_at(tag, 0) if tag in run.tags["snapshots"] else None
    about = [kind] if kind else []
    if got is not None:
        about.append(f"{got[1].shape[1]} units")
    return f"layer {name} ({', '.join(about)})" if about else f"layer {name}"


def hidden_basis(run: RunData, tag: str) -> tuple[NDArray[np.float64], NDArray[np.float64],
                                                  tuple[float, float], tuple[float, float]] \
        | None:
    """(mean, axes (units, 2), x range, y range) of layer ``tag``: PCA of its last
    snapshot, ranges over the first, middle and last snapshots."""
    if tag not in run.tags["snapshots"]:
        return None
    steps = run.snapshot_steps(tag)
    if steps.size == 0:
        return None
    last = run.snapshot_at(tag, int(steps[-1]))
    assert last is not None
    a = last[1].astype(np.float64)
    mean = a.mean(axis=0)
    if a.shape[1] == 1:
        axes = np.ones((1, 1))
    else:
        _, _, vt = np.linalg.svd(a - mean, full_matrices=False)
        axes = vt[:2].T
        axes *= np.sign(axes[np.abs(axes).argmax(axis=0), range(axes.shape[1])])
    pts = []
    for s in {int(steps[0]), int(steps[len(steps) // 2]), int(steps[-1])}:
        got = run.snapshot_at(tag, s)
        if got is not None:
            pts.append((got[1].astype(np.float64) - mean) @ axes)
    xy = np.concatenate(pts)
    ys = xy[:, 1] if xy.shape[1] > 1 else np.array([-1.0, 1.0])
    return mean, axes, _span(float(xy[:, 0].min()), float(xy[:, 0].max()), 0.05), \
        _span(float(ys.min()), float(ys.max()), 0.05)


HIGHER_IS_BETTER = ("acc", "score", "auc", "f1", "precision", "recall", "r2", "iou")
"""Scalars whose best value is their highest (by name); the rest, losses, their lowest."""


MAX_DRAWN_UNITS = 48
"""Units in a layer up to which the network diagram is drawn."""


def weight_chain(run: RunData) -> list[tuple[str, str | None, bool]]:
    """The run's weight matrices that feed one another, input first: (weight tag, bias tag
    or None, stored as (out, in) as torch's are); [] if there is no such chain."""
    params = run.info.info.get("parameters", [])
    names = {p["name"] for p in params}
    transposed = run.info.info.get("source") == "torch"
    chain: list[tuple[str, str | None, bool]] = []
    width = None
    for p in params:
        shape = p["shape"]
        if len(shape) != 2 or f"param/{p['name']}" not in run.tags["snapshots"]:
            continue
        n_in, n_out = (shape[1], shape[0]) if transposed else (shape[0], shape[1])
        if width is not None and n_in != width:
            break
        name = str(p["name"])
        bias = next((b for b in (name.replace("weight", "bias"), name.replace("kernel", "bias"))
                     if b != name and b in names), None)
        chain.append((name, bias, transposed))
        width = n_out
    return chain if len(chain) >= 2 else []


def network_view(run: RunData, step: int) -> Network | Text:
    """The network's weights at the snapshot at or before ``step``: each edge's width and
    colour its weight (blue positive, orange negative), each unit's bias its square."""
    chain = weight_chain(run)
    if not chain:
        return Text("Drawn for a network of dense layers that feed one another.",
                    title="Weights")
    mats: list[NDArray[np.float64]] = []
    biases: list[NDArray[np.float64] | None] = []
    at = step
    for name, bias_tag, transposed in chain:
        got = run.snapshot_at(f"param/{name}", step)
        assert got is not None
        at = got[0]
        w = got[1].astype(np.float64)
        mats.append(w.T if transposed else w)
        got_b = run.snapshot_at(f"param/{bias_tag}", step) if bias_tag else None
        biases.append(got_b[1].astype(np.float64) if got_b is not None else None)
    sizes = [mats[0].shape[0]] + [m.shape[1] for m in mats]
    if max(sizes) > MAX_DRAWN_UNITS:
        return Text(f"Layers of {' → '.join(map(str, sizes))} units: too wide to draw "
                    f"(at most {MAX_DRAWN_UNITS} a layer); the histograms show their weights.",
                    title="Weights")
    ids = [[f"{k}:{i}" for i in range(n)] for k, n in enumerate(sizes)]
    nodes = [Node(ids[0][i], 0, f"x{str(i + 1).translate(_SUB)}") for i in range(sizes[0])]
    for k in range(1, len(sizes)):
        b = biases[k - 1]
        for j in range(sizes[k]):
            value = None if b is None or not np.isfinite(b[j]) else float(b[j])
            label = f"out {j + 1}" if k == len(sizes) - 1 else ""
            nodes.append(Node(ids[k][j], k, label, bias=value,
                              detail="" if value is None else f"b {value:.3g}"))
    dense = [Dense(ids[k], ids[k + 1], np.nan_to_num(m, nan=0.0), name=str(k))
             for k, m in enumerate(mats)]
    columns = ["Inputs", *[f"{n} units" for n in sizes[1:-1]], "Outputs"]
    return Network(f"Weights at step {at:,}", nodes, [], dense, columns=columns)


_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def about_view(runs: list[RunData], scalar: str) -> Table:
    """Each run: its model, hyperparameters, and the chosen scalar's last and best values
    (the same at every step, so scrubbing leaves this card alone)."""
    higher = any(word in scalar.lower() for word in HIGHER_IS_BETTER)
    rows = []
    for run in runs:
        info = run.info.info
        hp = ", ".join(f"{k}={v}" for k, v in sorted(info.get("hparams", {}).items())) or "-"
        final = best = "-"
        if scalar in run.tags["scalars"]:
            steps, _, values = run.scalars(scalar)
            finite = np.isfinite(values)
            if values.size:
                final = _num(values[-1])
            if finite.any():
                masked = np.where(finite, values, np.nan)
                k = int(np.nanargmax(masked) if higher else np.nanargmin(masked))
                best = f"{_num(values[k])} (step {int(steps[k]):,})"
        rows.append([run.name, str(info.get("model", "?")), hp, final, best,
                     f"{run.info.last_step:,}" if run.info.last_step is not None else "-"])
    return Table(f"Runs: {scalar}, last and {'highest' if higher else 'lowest'}",
                 ["run", "model", "hyperparameters", "last", "best", "last step"], rows)


def _span(lo: float, hi: float, pad: float = 0.0) -> tuple[float, float]:
    if not (np.isfinite(lo) and np.isfinite(hi)):
        return (0.0, 1.0)
    if hi <= lo:
        return (lo - 0.5, hi + 0.5) if lo == 0 else (lo - abs(lo) * 0.1, hi + abs(hi) * 0.1)
    d = (hi - lo) * pad
    return (lo - d, hi + d)


def _num(v: float) -> str:
    v = float(v)
    if not np.isfinite(v):
        return "NaN" if np.isnan(v) else ("∞" if v > 0 else "−∞")
    if v != 0 and (abs(v) < 1e-3 or abs(v) >= 1e5):
        return f"{v:.3g}"
    return f"{v:.4g}"

