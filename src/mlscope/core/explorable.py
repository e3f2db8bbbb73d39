"""The Explorable base: pure computation that the app, the notebook and the exporter drive.

An explorable declares, as class attributes, its catalogue entry (slug, title, topic,
summary), its parameters, its actions, its layout and its guide text; it implements three
hooks. It knows nothing of websockets, widgets, HTML or matplotlib.

Lifecycle (who calls what, in order):

1. ``__init__(**values)``: validates the values against ``params`` (defaults for the rest),
   then calls ``reset()``. Subclasses do not override ``__init__``.
2. ``reset()``: (re)build all state from ``self.p``. Also the "reset" action.
3. ``set(**values)``: validates every value first (all or nothing), stores them, then calls
   ``changed(names)`` with the names whose values really changed. The default ``changed``
   calls ``reset()``; override it where a change should keep state (e.g. a learning rate).
4. ``step()``: advance one unit of work (one gradient step, one epoch...). The session calls
   it N times per frame while playing; the "step" action calls it once.
5. ``act(name, value)``: an action: a button (value None), a click in a view or an upload
   (value: what the view sends, e.g. {"x": 1.5, "y": 0.2}, or the file's text). The base
   handles "step", "reset" and repeat actions; override for more and call
   ``super().act(name, value)`` for the rest.
6. ``frame()``: the views to show now, a dict of name -> view payload (``core.views``).
   It must not do work that grows with history.

Example::

    ex = HousePrices(weight=0.1)
    ex.act("gd10")
    views = ex.frame()
"""

from __future__ import annotations

import builtins
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from mlscope.core.colors import LABEL_COLORS, colormap_spec
from mlscope.core.params import EFFECTS, SEED, Param, ParamError, brief, did_you_mean
from mlscope.core.protocol import MAX_MESSAGE_BYTES
from mlscope.core.story import FREE, Step, step_param
from mlscope.core.story import state as story_state
from mlscope.core.views import View

TOPICS = {
    "maths": "Maths behind ML",
    "classic": "Classic machine learning",
    "deep": "Deep learning",
    "other": "Other concepts",
}


@dataclass(frozen=True)
class Action:
    """A button. ``name`` is what the transports send; ``label`` what the button says.

    An action with ``steps`` > 0 needs no code: it calls ``step()`` that many times.
    """

    name: str
    label: str
    doc: str = ""
    steps: int = 0
    button: bool = True
    """False for actions that views send (e.g. a click on a plot), not shown as buttons."""
    upload: str = ""
    """File types (e.g. ".csv"): the control is a file picker that sends the file's text."""


GD_ACTIONS = (
    Action("gd1", "GD ×1", "One step of gradient descent.", steps=1),
    Action("gd10", "GD ×10", "Ten steps of gradient descent.", steps=10),
    Action("gd100", "GD ×100", "A hundred steps of gradient descent.", steps=100),
)
"""The gradient-descent buttons of the neural-network explorables."""


class Values:
    """Read-only attribute access to validated parameter values: ``self.p.weight``."""

    def __init__(self, values: dict[str, Any]) -> None:
        object.__setattr__(self, "_values", values)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # copy and pickle probe for these before _values exists
            raise AttributeError(name)
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("parameters change through Explorable.set()")


class Explorable:
    """Base class of every explorable; see the module docstring for the lifecycle."""

    slug: ClassVar[str]
    title: ClassVar[str]
    topic: ClassVar[str]  # a key of TOPICS
    summary: ClassVar[str]
    params: ClassVar[tuple[Param, ...]] = ()
    actions: ClassVar[tuple[Action, ...]] = (Action("reset", "Reset"),)
    playable: ClassVar[bool] = False
    """True if "play" makes sense: the session then calls step() N times per frame."""
    default_speed: ClassVar[int] = 1
    """Steps per frame while playing until the user moves the speed slider (the session
    takes fewer when they would not fit in a frame's time budget): 1 for a slow motion of
    the algorithm, the most (1000) for one as fast as the frame rate allows (t-SNE)."""
    layout: ClassVar[tuple[tuple[str, ...], ...]] = ()
    """Rows of view names, top to bottom; each row's views share its width."""
    under: ClassVar[dict[str, str]] = {}
    """View -> the view of its row it sits under on a wide page, in the same column (the
    playground's loss under its output, as TensorFlow Playground has it): the row's other
    views span both. A story's step still lays its views out two to a row."""
    export_layout: ClassVar[tuple[tuple[str, ...], ...]] = ()
    """Rows of view names for a GIF, MP4 or PNG (small: legible at 480 px); () for layout."""
    step_name: ClassVar[str] = "step"
    """What one step() is called in a recording's frame labels, e.g. "epoch"."""
    guide: ClassVar[str] = ""
    """Short guided text: paragraphs split by blank lines, TeX between $...$ or $$...$$."""
    thumbnail_view: ClassVar[str] = ""
    """The view drawn as the gallery thumbnail."""
    thumbnail_steps: ClassVar[int] = 0
    """Steps taken before drawing the thumbnail (show a model trained, not blank)."""
    story_steps: ClassVar[tuple[Step, ...]] = ()
    """The guided story (``core.story``): each step shows some views and controls and says
    what to look at; after the last, free play shows everything. () for no story."""
    captions: ClassVar[dict[str, str]] = {}
    """View name -> a one-line caption under the card's title: what to look at."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for p in cls.__dict__.get("params", ()):
            if p.effect not in EFFECTS:
                raise ValueError(f"{cls.__name__}.{p.name}: effect must be one of "
                                 f"{', '.join(EFFECTS)}; got {p.effect!r}")

    def __init__(self, **values: Any) -> None:
        self._specs = {p.name: p for p in self.all_params()}
        self._values = {name: spec.default for name, spec in self._specs.items()}
        self._values.update(self.validate(values))
        self.check(self._values)
        self.p = Values(self._values)
        self.reset()
        self._enter_step()

    @classmethod
    def all_params(cls) -> tuple[Param, ...]:
        """The declared parameters, the seed, which every explorable has, and the story's
        ``step`` for an explorable with steps."""
        if not cls.story_steps:
            return (*cls.params, SEED)
        cached = cls.__dict__.get("_step_param")
        if cached is None or cached[0] is not cls.story_steps:
            if any(p.name == "step" for p in cls.params):
                raise ValueError(f"{cls.slug}: 'step' is the story's parameter; rename yours")
            cached = (cls.story_steps, step_param(cls.story_steps))
            cls._step_param = cached  # type: ignore[attr-defined]
        return (*cls.params, SEED, cached[1])

    def validate(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """The values checked against this explorable's parameters, without applying them;
        ParamError names the first one that is not allowed."""
        out = {}
        for name, value in values.items():
            spec = self._specs.get(name)
            if spec is None:
                shown = name if len(name) <= 40 else brief(name, 40)
                guess = did_you_mean(name, list(self._specs))
                hint = f"did you mean {guess!r}? " if guess else ""
                raise ParamError(name, f"{shown} is not a parameter of {self.slug}; {hint}"
                                       f"its parameters are {', '.join(self._specs)}.")
            out[name] = spec.validate(value)
        return out

    @property
    def values(self) -> dict[str, Any]:
        """A copy of the current parameter values."""
        return dict(self._values)

    def set(self, **values: Any) -> builtins.set[str]:
        """Validate all values, then apply them; returns the names that changed."""
        new = self.validate(values)
        self.check({**self._values, **new})
        changed = {k for k, v in new.items() if self._values[k] != v}
        self._values.update(new)
        # The story's step changes what the page shows; only its own enter() touches the model.
        if changed - {"step"}:
            self.changed(changed - {"step"})
        if "step" in changed:
            self._enter_step()
        return changed

    def _enter_step(self) -> None:
        step = self.step_now
        if step is not None and step.enter is not None:
            step.enter(self)

    def _assign(self, **values: Any) -> None:
        """For subclasses: store values computed by step() (validated, no changed() call)."""
        self._values.update(self.validate(values))

    # --- hooks ------------------------------------------------------------------------

    def check(self, values: Mapping[str, Any]) -> None:
        """Rules between parameters, on the values about to apply: raise ParamError naming
        the field. Each value has already passed its own spec."""

    def reset(self) -> None:
        """Build all state from the parameters."""

    def changed(self, names: builtins.set[str]) -> None:
        """Parameters ``names`` have new values. By default each does what its ``effect``
        declares: a "restart" or "data" one starts over (``reset()``); "live" and "view" ones
        need nothing, as ``step()`` and ``frame()`` read ``self.p``. Override to put a
        "live" value into a running model or to keep training over edited data, asking
        ``effects(names)`` rather than listing names."""
        if self.effects(names) & {"restart", "data"}:
            self.reset()

    def effects(self, names: builtins.set[str]) -> builtins.set[str]:
        """The declared effects (``Param.effect``) of the parameters ``names``."""
        return {self._specs[n].effect for n in names}

    def unused(self) -> builtins.set[str]:
        """Parameters that have no effect now (a coin's die weights): the page hides their
        controls until they matter again. Their values are kept and still validated."""
        return builtins.set()

    def step(self) -> None:
        """One unit of work; called by "step" and by the play loop."""

    @property
    def finished(self) -> bool:
        """True pauses the play loop (e.g. the playground's "stop after N epochs")."""
        return False

    def act(self, name: str, value: Any = None) -> None:
        """Run action ``name`` with what its control sent (None for a button)."""
        repeat = next((a.steps for a in self.actions if a.name == name), 0)
        if repeat:
            for _ in range(repeat):
                self.step()
        elif name == "step":
            self.step()
        elif name == "reset":
            self.reset()
        else:
            names = ", ".join(a.name for a in self.actions)
            raise ParamError("action", f"action must be one of {names}; got {brief(name)}.")

    def frame(self) -> dict[str, View]:
        """The views to show now."""
        raise NotImplementedError

    def frame_of(self, names: Collection[str]) -> dict[str, View]:
        """Only the views called ``names`` (those the page shows at a story's step). By
        default the whole frame, filtered; an explorable whose views cost much to build
        overrides it to build no others."""
        return {k: v for k, v in self.frame().items() if k in names}

    # --- the story ----------------------------------------------------------------------

    @property
    def step_now(self) -> Step | None:
        """The story's current step; None in free play or without a story."""
        name = self._values.get("step", FREE)
        return next((s for s in self.story_steps if s.name == name), None)

    def story(self) -> dict[str, Any] | None:
        """The story's state for the page: the step, whether its goal is met, its live text;
        None without a story."""
        if not self.story_steps:
            return None
        return story_state(self.story_steps, self._values["step"], self)

    # --- description for the front ends -----------------------------------------------

    @classmethod
    def describe(cls) -> dict[str, Any]:
        """Everything a front end needs to build this explorable's page, as JSON data."""
        return {
            "slug": cls.slug,
            "title": cls.title,
            "topic": cls.topic,
            "topic_title": TOPICS[cls.topic],
            "summary": cls.summary,
            "params": [p.spec() for p in cls.all_params()],
            "actions": [{"name": a.name, "label": a.label, "doc": a.doc, "button": a.button,
                         "upload": a.upload} for a in cls.actions],
            "playable": cls.playable,
            "layout": [list(row) for row in cls.layout],
            "under": dict(cls.under),
            "guide": cls.guide,
            "steps": [s.describe() for s in cls.story_steps],
            "previews": cls.option_previews(),
            "captions": dict(cls.captions),
            "colormaps": colormap_spec(),
            "label_colors": LABEL_COLORS,
            "max_message_bytes": MAX_MESSAGE_BYTES,
        }

    @classmethod
    def option_previews(cls) -> dict[str, dict[str, list[list[float]]]]:
        """Choice parameter -> option -> a few points [x, y, value] that picture it: the
        control shows the options as small pictures (the playground's data sets, as
        TensorFlow Playground's). Points in [-6, 6]²; value a class index, or a number in
        [-1, 1] for a regression. {} for plain selects."""
        return {}

    def url_query(self) -> dict[str, str]:
        """The parameters as URL text (what a link needs to reproduce this state)."""
        return {name: spec.to_url(self._values[name]) for name, spec in self._specs.items()
                if not spec.transient}
