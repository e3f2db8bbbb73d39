"""The lens as an explorable: a user's fitted model and data, shown by the transformation views.

``lens_class`` makes a subclass of ``Lens`` per model, holding the model's ``Transformation``
and targets as class attributes, so that ``cls()`` builds a session anywhere: the app's
websocket, the notebook widget, a recording's copy. The model is never trained or changed;
playing animates t.
"""

from __future__ import annotations

import itertools
from typing import Any, ClassVar

import numpy as np

from mlscope.core.explorable import Action, Explorable
from mlscope.core.params import BoolParam, FloatParam, IntParam, Param
from mlscope.core.views import View
from mlscope.lens.transformation import Transformation
from mlscope.lens.views import StaticViews, Targets, about_outside, about_text, hidden_view

T_STEP = 0.02
"""How far t moves per step of play: a sweep from 0 to 1 takes 50 steps."""
LAYOUTS: dict[str, tuple[tuple[str, ...], ...]] = {
    "layer_transform": (("input", "hidden"), ("surface", "about")),
    "decision_boundary": (("input", "surface"), ("hidden", "about")),
    "surface": (("surface", "input"), ("hidden", "about")),
}
EXPORT_LAYOUTS: dict[str, tuple[tuple[str, ...], ...]] = {
    "layer_transform": (("input", "hidden"),),
    "decision_boundary": (("input",),),
    "surface": (("surface",),),
    "embedding": (("embedding",),),
}
TITLES = {"layer_transform": "How your network transforms its data",
          "decision_boundary": "Your model's decision boundary",
          "surface": "Your model's output surface"}
_ids = itertools.count(1)


class Lens(Explorable):
    """Base of the per-model lens classes; see ``lens_class``."""

    topic = "other"
    playable = True
    step_name = ""
    """A model trained elsewhere: its frames are not steps of training (no "step 0" label)."""
    transformation: ClassVar[Transformation]
    targets: ClassVar[Targets]
    note: ClassVar[str] = ""
    actions = (Action("step", "Step", "Move t on by 0.02 (play animates it)."),
               Action("reset", "Reset", "Back to t = 0."))

    resolution: ClassVar[int] = 80

    def reset(self) -> None:
        self.steps = 0
        self._static = StaticViews(self.resolution)

    def act(self, name: str, value: Any = None) -> None:
        if name == "reset":
            self._assign(t=0.0)
        super().act(name, value)

    def step(self) -> None:
        self._assign(t=next_t(self.p.t))
        self.steps += 1

    def frame(self) -> dict[str, View]:
        tr, tg = self.transformation, self.targets
        camera = (24.0, self.p.angle)
        static = self._static.get(None, tr, tg, camera, self.p.spin)
        if not tr.net.hidden:  # a model seen from outside: no path to follow
            return {"input": static["input"], "surface": static["surface"],
                    "about": about_outside(tr, tg, self.note)}
        layer = int(self.values.get("layer", 1)) - 1
        return {
            "input": static["input"],
            "hidden": hidden_view(tr, tg, layer, self.p.t, camera, self.p.spin),
            "surface": static["surface"],
            "about": about_text(tr, tg, layer, self.p.t, self.note),
        }


def view_params(n_hidden: int, layer: int = 0, t: float = 1.0,
                spin_label: str = "turn the 3-D views") -> tuple[Param, ...]:
    """The transformation's view settings, shared by the lens and the network-transform
    explorable: t, the hidden layer shown (1-based; no control for a network of one hidden
    layer), spin and the 3-D view angle."""
    return (
        FloatParam("t", t, 0.0, 1.0, step=0.01, label="t: input → hidden", group="View",
                   doc="0 shows the input plane, 1 the chosen hidden layer's activations; "
                       "in between, each point moves in a straight line.", effect="view"),
        *([IntParam("layer", layer + 1, 1, n_hidden, label="hidden layer shown", group="View",
                    effect="view")]
          if n_hidden > 1 else []),
        BoolParam("spin", False, label=spin_label, group="View",
                  doc="The 3-D views turn by themselves.", effect="view"),
        FloatParam("angle", 310.0, 0.0, 360.0, step=1.0, label="3-D view angle (°)",
                   group="View", doc="The azimuth the 3-D views are seen from.", effect="view"),
    )


def next_t(t: float) -> float:
    """t one step of play later: T_STEP on, back to 0 after 1."""
    t += T_STEP
    return 0.0 if t > 1.0 + 1e-9 else round(t, 4)


def lens_class(transformation: Transformation, targets: Targets, kind: str, layer: int = 0,
               t: float = 1.0, note: str = "", name: str = "",
               resolution: int = 80) -> type[Lens]:
    """A Lens subclass for one model: slug ``lens-N``, the layout of ``kind``."""
    n = next(_ids)
    net = transformation.net
    if not net.hidden:
        return type(f"Lens{n}", (Lens,), {
            "slug": f"lens-{n}", "title": name or TITLES[kind], "summary": net.description,
            "params": view_params(0)[1:],  # no t: nothing moves between layers
            "playable": False, "actions": (),
            "layout": (("input", "surface"), ("about",)) if kind != "surface" else
                      (("surface", "input"), ("about",)),
            "export_layout": EXPORT_LAYOUTS[kind], "thumbnail_view": "input",
            "transformation": transformation, "targets": targets, "note": note,
            "resolution": resolution,
            "guide": ("Your model, as it is, seen from outside: its answer over the plane "
                      "of your data, and as a surface. Turn the surface with its angle.")})
    attrs: dict[str, Any] = {
        "slug": f"lens-{n}",
        "title": name or TITLES[kind],
        "summary": net.description,
        "params": view_params(len(net.hidden), layer, t),
        "layout": LAYOUTS[kind],
        "export_layout": EXPORT_LAYOUTS[kind],
        "thumbnail_view": "input",
        "transformation": transformation,
        "targets": targets,
        "note": note,
        "resolution": resolution,
        "guide": ("Your model, as it is: it is not trained here. Move t from 0 to 1 to carry "
                  "the data and a grid of the input plane into the chosen hidden layer, "
                  "through its weighted sums and then its activations. Press play to "
                  "animate t."),
    }
    return type(f"Lens{n}", (Lens,), attrs)


def subsample(n: int, limit: int, seed: int = 0) -> np.ndarray | None:
    """Indices of at most ``limit`` of n rows (sorted), or None if all fit."""
    if n <= limit:
        return None
    return np.sort(np.random.default_rng(seed).choice(n, limit, replace=False))
