"""A recorded run as an explorable: one scrubbable timeline. The step slider (``at``) and
Play move every view together: the curve's cursor, the histograms, gradient flow, the
decision surface and the hidden layer's view of the probe set. The app's Runs page, the
notebook widget and the exporters drive it like any explorable.

``timeline_class(store, names)`` makes a subclass per set of runs (the first is the one
whose tensors are shown; the others join its curve for comparison), holding their data as
class attributes, so ``cls()`` builds a session anywhere. Its slug is ``run:`` followed by
the names as JSON, which the web app resolves on the store it serves.
"""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import Any, ClassVar

from mlscope.core.explorable import Action, Explorable
from mlscope.core.params import ChoiceParam, FloatParam, IntParam, Param
from mlscope.core.story import FREE, Step
from mlscope.core.views import Text, View
from mlscope.timeline.run_data import RunData
from mlscope.timeline.store import Store, StoreError
from mlscope.timeline.views import (
    about_view,
    bands_view,
    boundary_view,
    curve_view,
    flow_view,
    hidden_basis,
    hidden_view,
    layer_label,
    network_view,
    ridges_view,
    weight_chain,
)

SLUG_PREFIX = "run:"
PLAY_FRAMES = 99
"""Play crosses the whole run in this many moves of the slider (an export's 100 frames
show it from the first step to the last)."""
_ids = itertools.count(1)


def slug_of(names: list[str]) -> str:
    return SLUG_PREFIX + json.dumps(names, separators=(",", ":"))


def names_of(slug: str) -> list[str]:
    """The run names a ``run:`` slug carries; ValueError if it carries none."""
    if len(slug) > 8 * 1000:
        raise ValueError("a run page names at most 8 runs of 1,000 characters")
    try:
        names = json.loads(slug[len(SLUG_PREFIX):])
    except (json.JSONDecodeError, RecursionError) as e:
        raise ValueError(f"not a list of run names: {slug[:80]!r}") from e
    if not (isinstance(names, list) and names and len(names) <= 8
            and all(isinstance(n, str) for n in names)):
        raise ValueError("a run page shows 1 to 8 runs by name")
    return names


class RunTimeline(Explorable):
    """Base of the per-run classes; see ``timeline_class``."""

    topic = "other"
    playable = True
    step_name = ""
    runs: ClassVar[list[RunData]]
    first: ClassVar[int]
    last: ClassVar[int]
    actions = (Action("reload", "Reload the run",
                      "Read the run again from its store (for a run still training)."),)
    captions: ClassVar[dict[str, str]] = {
        "curve": "Faint: every value logged; strong: smoothed. The dashed line is the step "
                 "every view shows.",
        "histograms": "How the tensor's values are spread at each snapshot, earliest at the "
                      "top; in colour, the step shown.",
        "flow": "The size of each layer's gradient (log scale): far apart means vanishing "
                "or exploding.",
        "boundary": "The model's answer over the plane of the probe set, at the step shown.",
        "network": "Every weight at the step shown: width its size, blue positive, orange "
                   "negative; a unit's square is its bias.",
        "hidden": "The probe set as the chosen layer sees it, on fixed axes: watch the "
                  "classes pull apart as training goes on.",
        "about": "Each run's model, hyperparameters, and the curve's last and lowest values.",
    }

    @classmethod
    def all_params(cls) -> tuple[Param, ...]:
        """As every explorable's, but a run opens in free play: all its views at once (the
        story is a click away for a first look)."""
        return tuple(replace(p, default=FREE) if p.name == "step" else p
                     for p in super().all_params())

    def reset(self) -> None:
        self._basis: dict[str, Any] = {}

    def act(self, name: str, value: Any = None) -> None:
        if name == "reload":
            with _reload_lock:
                for run in self.runs:
                    run.reload()
            self._basis.clear()
            return
        super().act(name, value)

    def step(self) -> None:
        span = self.last - self.first
        if span <= PLAY_FRAMES:
            self._assign(at=min(self.p.at + 1, self.last))
            return
        # the next of PLAY_FRAMES evenly spaced stops after the current step
        k = round((self.p.at - self.first) * PLAY_FRAMES / span) + 1
        self._assign(at=min(self.first + round(k * span / PLAY_FRAMES), self.last))

    @property
    def finished(self) -> bool:
        return bool(self.p.at >= self.last)

    def frame(self) -> dict[str, View]:
        return self.frame_of([v for row in self.layout for v in row])

    def frame_of(self, names: Any) -> dict[str, View]:
        run, at = self.runs[0], int(self.p.at)
        makers: dict[str, Callable[[], View]] = {
            "curve": lambda: curve_view(self.runs, self.p.scalar, self.p.smoothing,
                                        self.p.x_axis, at, (self.first, self.last)),
            "histograms": lambda: (ridges_view if self.p.histogram == "offset"
                                   else bands_view)(run, self.p.tensor, at),
            "flow": lambda: flow_view(run, at, (self.first, self.last)),
            "network": lambda: network_view(run, at),
            "boundary": lambda: boundary_view(run, at),
            "hidden": lambda: self._hidden(at),
            "about": lambda: about_view(self.runs, self.p.scalar),
        }
        out: dict[str, View] = {}
        for name, make in makers.items():
            if name not in names:
                continue
            try:
                out[name] = make()
            except StoreError as err:  # a damaged row: this card says so, the rest go on
                out[name] = Text(str(err), tone="error", title="Not readable")
        return out

    def _hidden(self, at: int) -> View:
        layer = self.p.layer
        if layer not in self._basis:
            self._basis[layer] = hidden_basis(self.runs[0], layer)
        return hidden_view(self.runs[0], layer, at, self._basis[layer])


_reload_lock = threading.Lock()


def timeline_class(store: Store, names: list[str]) -> type[RunTimeline]:
    """A RunTimeline subclass showing runs ``names`` of ``store`` (the first in full)."""
    known = {r.name: r for r in store.runs()}
    missing = [n for n in names if n not in known]
    if missing:
        raise StoreError(f"no run called {missing[0]!r} in {store.where}; runs there: "
                         f"{', '.join(known) or 'none'}")
    runs = [RunData(store, known[n]) for n in names]
    main = runs[0]
    first, last = main.steps_span()
    scalars = [t for t in main.tags["scalars"] if not t.startswith("grad_norm/")] or ["loss"]
    scalar = "loss" if "loss" in scalars else scalars[0]
    tensors = [t for t in main.tags["histograms"]] or ["-"]
    tensor = next((t for t in tensors if t.startswith("param/")
                   and t.endswith(("weight", "kernel"))),
                  tensors[0])
    order = {f"act/{layer['name']}": k for k, layer in
             enumerate(main.info.info.get("layers", []))}
    acts = sorted((t for t in main.tags["snapshots"] if t.startswith("act/")),
                  key=lambda t: order.get(t, len(order))) or ["-"]
    types = {f"act/{layer['name']}": str(layer.get("type", ""))
             for layer in main.info.info.get("layers", [])}
    layer = _last_hidden(acts, types)
    act_labels = tuple(layer_label(main, t) if t != "-" else "none recorded" for t in acts)
    params: tuple[Param, ...] = (
        IntParam("at", last, first, max(last, first + 1), label="step", effect="view",
                 doc="The step every view shows; Play moves it through the run."),
        ChoiceParam("scalar", scalar, tuple(scalars), label="curve", effect="view",
                    doc="The logged number the curve shows."),
        FloatParam("smoothing", 0.6, 0.0, 0.99, step=0.01, label="smoothing", effect="view",
                   doc="TensorBoard's exponential moving average (0: none)."),
        ChoiceParam("x_axis", "step", ("step", "relative", "wall"),
                    labels=("step", "time since start", "wall time"), label="curve's x axis",
                    effect="view", advanced=True),
        ChoiceParam("tensor", tensor, tuple(tensors), label="tensor", effect="view",
                    group="Histograms", doc="param/: a layer's weights or biases; grad/: "
                    "their gradients; act/: a layer's output on the probe set."),
        ChoiceParam("histogram", "offset", ("offset", "bands"),
                    labels=("one per step (offset)", "percentile bands"), label="shown as",
                    effect="view", group="Histograms"),
        ChoiceParam("layer", layer, tuple(acts), labels=act_labels, label="hidden layer",
                    effect="view",
                    group="Hidden layer", doc="Whose output on the probe set is drawn."),
    )
    has_plane = main.info.info.get("boundary") is not None
    has_acts = acts != ["-"]
    has_flow = any(t.startswith("grad_norm/") for t in main.tags["scalars"])
    has_tensors = tensors != ["-"]
    has_network = bool(weight_chain(main))
    title = names[0] if len(names) == 1 else f"{names[0]} and {len(names) - 1} more"
    # the curve first, then what this run recorded, the table last, two to a row
    shown = ["curve"] + [v for v, ok in (("histograms", has_tensors), ("flow", has_flow),
                                          ("network", has_network), ("boundary", has_plane),
                                          ("hidden", has_acts))
                         if ok] + ["about"]
    layout = [tuple(shown[k:k + 2]) for k in range(0, len(shown), 2)]
    params = tuple(p for p in params if
                   (p.name != "layer" or has_acts) and
                   (p.name not in ("tensor", "histogram") or has_tensors))
    steps = _story(scalar, has_tensors, has_flow, has_network, has_plane, has_acts)
    n = next(_ids)
    attrs: dict[str, Any] = {
        "slug": slug_of(names),
        "title": f"Run {title}",
        "summary": f"{main.info.info.get('model', 'A model')} from "
                   f"{main.info.info.get('source', '?')}: {main.info.steps:,} steps logged",
        "params": params,
        "layout": tuple(layout),
        "export_layout": (("curve", "boundary"),) if has_plane else
                         (("curve", "histograms"),) if has_tensors else (("curve",),),
        "thumbnail_view": "curve",
        "story_steps": steps,
        "runs": runs,
        "first": first,
        "last": max(last, first + 1) if last == first else last,
        "guide": ("A training run recorded by mlscope.watch. The step slider moves every "
                  "view together; Play runs through the training."),
    }
    return type(f"RunTimeline{n}", (RunTimeline,), attrs)


def _last_hidden(acts: list[str], types: dict[str, str]) -> str:
    """The layer to show first: the last hidden one (not the output), an activation's
    output rather than a Linear layer's weighted sums where the model has both."""
    hidden = acts[:-1] or acts
    activations = [t for t in hidden
                   if not any(k in types.get(t, "") for k in ("Linear", "Dense", "Conv"))]
    return (activations or hidden)[-1]


def _story(scalar: str, has_tensors: bool, has_flow: bool, has_network: bool,
           has_plane: bool, has_acts: bool) -> tuple[Step, ...]:
    steps = [
        Step("curve", "The curve over training",
             f"This is {scalar} at every logged step. Drag the step slider: the dashed line "
             "marks the step that every view on this page shows. Smoothing averages the "
             "noise away (TensorBoard's moving average).",
             views=("curve", "about"), controls=("at", "smoothing", "scalar", "play"),
             highlight=("at",)),
    ]
    tensor_views = tuple(v for v, ok in (("histograms", has_tensors), ("flow", has_flow))
                         if ok)
    if tensor_views:
        steps.append(Step(
            "tensors", "Weights and gradients over time",
            "Each snapshot's weights (or gradients, or activations) as a histogram: watch "
            "them spread as the network learns."
            + (" Gradient flow shows each layer's gradient size: layers far below the "
               "others learn slowly (vanishing gradients)." if has_flow else ""),
            views=tensor_views,
            controls=("at", "tensor", "histogram", "play") if has_tensors else ("at", "play"),
            highlight=("tensor",) if has_tensors else ("at",)))
    if has_network:
        steps.append(Step(
            "weights", "The weights themselves",
            "Every weight of the network at the step shown: the wider the line, the larger "
            "the weight; blue lines add, orange ones subtract. Press Play and watch which "
            "connections grow as the network learns.",
            views=("network",), controls=("at", "play"), highlight=("at",)))
    if has_plane or has_acts:
        views = tuple(v for v, ok in (("boundary", has_plane), ("hidden", has_acts)) if ok)
        steps.append(Step(
            "model", "What the model does, step by step",
            "The model's answer on the probe set at the step shown"
            + (": its decision surface over the plane" if has_plane else "")
            + (", and how a hidden layer arranges the points" if has_acts else "")
            + ". Press Play to watch training shape them.",
            views=views, controls=("at", "layer", "play") if has_acts else ("at", "play"),
            highlight=("at",)))
    return tuple(steps)
