"""The guided story of an explorable: steps, each one idea, one action and one picture.

An explorable declares its ``story_steps`` beside its parameters. Each step names the views and
controls it shows (the page hides the rest), the ones to act on now (highlighted), its prose
(the guide's markup: paragraphs, **bold**, TeX between $...$), and optionally a goal that is
checked on every frame and unlocks Next. After the last step comes free play: every view and
every control, as a dashboard.

The step is a parameter like any other (``step``, added to every explorable that has steps),
so it is validated, travels in the URL (``?step=automation``) and is set with
``ex.set(step="automation")``; changing it never calls ``changed()``. Only a step's own
``enter`` may touch the model: to bring it to where the step starts (a trained network).

Example::

    Step("fit", "Be the optimiser",
         "Move the two sliders until the line runs through the houses.",
         views=("fit", "table"), controls=("weight", "bias"),
         goal="Bring the mean squared error below 799.",
         done=lambda ex: ex.error < 799,
         live=lambda ex: f"The MSE is {ex.error:,.1f}.")
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from mlscope.core.params import ChoiceParam

FREE = "free"
"""The step name of free play: every view and every control."""

PLAY = "play"
"""The name of the play button in ``Step.controls`` (the speed slider goes with it)."""


@dataclass(frozen=True)
class Step:
    """One step of a story. Names in ``views`` are views of ``frame()``; names in
    ``controls`` are parameters, actions, or ``"play"``."""

    name: str
    """Its URL form (``?step=NAME``): lower case, no spaces."""
    title: str
    text: str
    """Prose in the guide's markup; keep it to a few sentences."""
    views: tuple[str, ...]
    controls: tuple[str, ...] = ()
    highlight: tuple[str, ...] = ()
    """Controls or views to act on or look at now (the page marks them)."""
    goal: str = ""
    """What to achieve, e.g. "Bring the mean squared error below 799."."""
    done: Callable[[Any], bool] | None = field(default=None, compare=False)
    """Checked on every frame with the explorable: True once the goal is reached."""
    live: Callable[[Any], str] | None = field(default=None, compare=False)
    """A sentence with live numbers or a teachable moment, recomputed on every frame
    (the guide's markup; "" for nothing to say)."""
    enter: Callable[[Any], None] | None = field(default=None, compare=False)
    """Brings the model to where the step starts, when it is not there yet (a network
    trained, for a step about a trained network), so that a link straight to the step shows
    what its words say. Runs when the step is entered and when an explorable is made at the
    step; it must be deterministic (the same parameters give the same state) and quick."""

    def __post_init__(self) -> None:
        name = self.name
        if not name or not name.replace("-", "").isalnum() or name != name.lower():
            raise ValueError(f"a step's name is its URL form: lower case letters, digits and "
                             f"'-'; got {self.name!r}")
        if self.name == FREE:
            raise ValueError(f"{FREE!r} is free play, not a step name")
        if not self.views:
            raise ValueError(f"step {self.name!r} shows no view")
        if self.goal and self.done is None:
            raise ValueError(f"step {self.name!r} states a goal but has no done() to check it")
        missing = set(self.highlight) - set(self.controls) - set(self.views)
        if missing:
            raise ValueError(f"step {self.name!r} highlights {', '.join(sorted(missing))}, "
                             "which it does not show")

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title, "text": self.text,
                "views": list(self.views), "controls": list(self.controls),
                "highlight": list(self.highlight), "goal": self.goal}


def step_param(steps: Sequence[Step]) -> ChoiceParam:
    """The ``step`` parameter of an explorable with these steps: a step name or "free"."""
    names = [s.name for s in steps]
    if len(set(names)) != len(names):
        raise ValueError(f"step names must differ; got {', '.join(names)}")
    return ChoiceParam("step", names[0], (*names, FREE),
                       labels=(*(s.title for s in steps), "Free play"), label="step",
                       doc="Where you are in the story; 'free' shows everything.")


def check(steps: Sequence[Step], views: set[str], controls: set[str]) -> None:
    """Every view and control a step names exists: raise ValueError naming the first that
    does not (run by the tests for every explorable)."""
    for s in steps:
        for v in s.views:
            if v not in views:
                raise ValueError(f"step {s.name!r} shows view {v!r}, not one of "
                                 f"{', '.join(sorted(views))}")
        for c in s.controls:
            if c not in controls:
                raise ValueError(f"step {s.name!r} shows control {c!r}, not one of "
                                 f"{', '.join(sorted(controls))}")


def state(steps: Sequence[Step], name: str, explorable: Any) -> dict[str, Any]:
    """What the page shows of step ``name`` now: whether its goal is met and its live text."""
    step = next((s for s in steps if s.name == name), None)
    if step is None:
        return {"step": name, "met": None, "live": ""}
    return {"step": name,
            "met": None if step.done is None else bool(step.done(explorable)),
            "live": step.live(explorable) if step.live else ""}
