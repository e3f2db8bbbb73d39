"""The lens for a model of one input feature: there is no plane to carry, so it draws
curves over x. The model's curve (a regressor's prediction, a classifier's probabilities)
over the data, and each hidden unit's activation of the chosen layer as a curve of its own:
the pieces the network adds up (a ReLU's kink, a tanh's step) where they are.

``curve_class`` makes an explorable class per model, like ``explorable.lens_class``.
"""

from __future__ import annotations

import itertools
from typing import Any, ClassVar

import numpy as np

from mlscope.core.colors import DATA, LABEL_COLORS, MODEL
from mlscope.core.explorable import Explorable
from mlscope.core.params import IntParam
from mlscope.core.views import LinesLayer, Plot, PointsLayer, Text, View
from mlscope.lens.adapters import Array, Net
from mlscope.lens.views import Targets

MAX_UNITS = 12
"""Hidden units drawn as curves at most (the first ones; the title says how many)."""
UNIT_COLORS = ["#4a148c", "#6a1b9a", "#8e24aa", "#ab47bc", "#004d40", "#00796b", "#26a69a",
               "#80cbc4", "#5d4037", "#8d6e63", "#37474f", "#78909c"]
"""One colour per unit: neither blue nor orange, which mean class."""
_ids = itertools.count(1)


class CurveLens(Explorable):
    topic = "other"
    net: ClassVar[Net]
    x: ClassVar[Array]
    targets: ClassVar[Targets]
    note: ClassVar[str] = ""
    feature: ClassVar[str] = "x"
    actions = ()

    def frame(self) -> dict[str, View]:
        layer = int(self.values.get("layer", 1)) - 1
        views: dict[str, View] = {"curve": curve_view(self.net, self.x, self.targets,
                                                      self.feature)}
        if self.net.hidden:
            views["units"] = units_view(self.net, self.x, layer, self.feature)
        views["about"] = Text(" ".join(p for p in (f"{self.net.description}.", self.note) if p),
                              title="What you see")
        return views


def span(x: Array) -> tuple[float, float]:
    lo, hi = float(x.min()), float(x.max())
    pad = (hi - lo) * 0.08 if hi > lo else 1.0
    return lo - pad, hi + pad


def curve_view(net: Net, x: Array, targets: Targets, feature: str) -> Plot:
    """The data, and the model's answer over x: a regressor's prediction; a classifier's
    probability of each class (class 1 for two), the data at its class's height."""
    xr = span(x[:, 0])
    grid = np.linspace(*xr, 400)
    score = net.score(grid[:, None])
    layers: list[Any] = []
    if net.task == "regression":
        ys = targets.values if targets.values is not None else net.score(x)
        layers.append(PointsLayer(x[:, 0], ys, color=DATA, size=targets.marker_size(),
                                  name="data"))
        layers.append(LinesLayer(grid, score, color=MODEL, width=2.5, name="the model"))
        lo, hi = float(min(ys.min(), score.min())), float(max(ys.max(), score.max()))
        pad = (hi - lo) * 0.08 or 1.0
        return Plot("The model's prediction over x", feature, "y", xr, (lo - pad, hi + pad),
                    layers)
    labels = targets.labels if targets.labels is not None else np.zeros(len(x), np.int64)
    names = targets.class_names or [str(k) for k in range(int(labels.max()) + 1)]
    if net.task == "binary":
        layers.append(LinesLayer(grid, score, color=MODEL, width=2.5,
                                 name=f"P(class {names[1]})"))
        height = labels.astype(float)
    else:
        for k in range(score.shape[1]):  # each class's probability in its class's colour
            layers.append(LinesLayer(grid, score[:, k], color=LABEL_COLORS[k % len(LABEL_COLORS)],
                                     width=2.0, name=f"P({names[k]})"))
        height = labels / max(score.shape[1] - 1, 1)
    layers.insert(0, PointsLayer(x[:, 0], height, labels=labels, size=targets.marker_size(),
                                 classes=names, name="data"))
    return Plot("The model's probabilities over x", feature, "probability", xr, (-0.08, 1.08),
                layers)


def units_view(net: Net, x: Array, layer: int, feature: str) -> Plot:
    """Each unit of hidden layer ``layer`` as a curve over x: its activation."""
    xr = span(x[:, 0])
    grid = np.linspace(*xr, 400)
    a = net.layers(grid[:, None])[layer][1]
    shown = min(a.shape[1], MAX_UNITS)
    layers = [LinesLayer(grid, a[:, k], color=UNIT_COLORS[k], width=1.8, name=f"unit {k + 1}")
              for k in range(shown)]
    lo, hi = float(a[:, :shown].min()), float(a[:, :shown].max())
    pad = (hi - lo) * 0.08 or 1.0
    more = f" (the first {shown} of {a.shape[1]})" if a.shape[1] > shown else ""
    return Plot(f"Hidden layer {layer + 1}: each unit's activation over x{more}", feature,
                f"activation ({net.activations[layer]})", xr, (lo - pad, hi + pad), layers)


def curve_class(net: Net, x: Array, targets: Targets, kind: str, layer: int, note: str,
                name: str, feature: str) -> type[CurveLens]:
    n = next(_ids)
    params = (IntParam("layer", layer + 1, 1, len(net.hidden), label="hidden layer shown",
                       effect="view"),) if len(net.hidden) > 1 else ()
    layout: tuple[tuple[str, ...], ...] = (("curve", "units"), ("about",)) if net.hidden \
        else (("curve", "about"),)
    return type(f"CurveLens{n}", (CurveLens,), {
        "slug": f"lens-curve-{n}", "title": name or "Your model over its one feature",
        "summary": net.description, "params": params, "layout": layout,
        "export_layout": (layout[0],), "thumbnail_view": "curve", "net": net, "x": x,
        "targets": targets, "note": note, "feature": feature,
        "guide": ("Your model, as it is, over its one input feature: its answer as a curve, "
                  "and, for a network, each hidden unit's activation: the curves it adds up."),
    })
