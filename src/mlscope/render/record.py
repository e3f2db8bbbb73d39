"""What an export records: a sequence of frames taken from a copy of an explorable.

Two ways to make a recording:

- **play**: frame 0 is the explorable as it is; each next frame comes after ``every`` more
  steps (e.g. every 5th epoch of training). A playground with "stop after" ends early.
- **sweep**: one parameter moves from a to b over the frames (e.g. the weight of a neuron
  from 0 to 0.4), everything else as it is.

The explorable handed in is never changed: recording works on a deep copy, so exporting a
live notebook explorable or a session's state leaves the user's own object as it was.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from mlscope.core.explorable import Explorable
from mlscope.core.params import ChoiceParam, FloatParam, IntParam, ParamError, brief
from mlscope.core.views import View

MAX_FRAMES = 2000
MAX_STEPS = 1_000_000
"""Bounds on a recording: frames, and steps between two frames times frames."""


@dataclass(frozen=True)
class Sweep:
    """Parameter ``name`` from ``start`` to ``stop`` (numbers, or for a choice two options:
    every option from one to the other), or through the given ``values``, one per frame
    (any kind of parameter, e.g. a list of logit vectors)."""

    name: str
    start: Any = None
    stop: Any = None
    values: tuple[Any, ...] | None = None


@dataclass(frozen=True)
class Frame:
    index: int
    label: str
    views: dict[str, View]
    params: dict[str, Any]
    """The parameter values shown (views such as the playground's diagram read them)."""


def check_counts(frames: Any, every: Any) -> None:
    """ParamError unless ``frames`` and ``every`` are whole numbers in range (a bool, a
    string such as "10" or a float is refused, not coerced)."""
    if isinstance(frames, bool) or not isinstance(frames, int | np.integer) or \
            not 1 <= frames <= MAX_FRAMES:
        raise ParamError("frames", f"frames must be a whole number from 1 to {MAX_FRAMES}; "
                                   f"got {brief(frames)}.")
    if isinstance(every, bool) or not isinstance(every, int | np.integer) or \
            not 1 <= every <= MAX_STEPS // max(frames, 1):
        raise ParamError("every", f"every must be a whole number from 1 to "
                                  f"{MAX_STEPS // max(frames, 1)} for {frames} frames; "
                                  f"got {brief(every)}.")


def sweep_values(ex: Explorable, sweep: Sweep, frames: int) -> list[Any]:
    """The values the swept parameter takes, one per frame, each validated by its spec."""
    spec = next((p for p in ex.all_params() if p.name == sweep.name), None)
    if spec is None:
        names = ", ".join(p.name for p in ex.all_params())
        raise ParamError("sweep", f"sweep names no parameter of {ex.slug}: {sweep.name!r}; "
                                  f"its parameters are {names}.")
    if sweep.values is not None:
        if len(sweep.values) != frames:
            raise ParamError("sweep", f"sweep gives {len(sweep.values)} values for {frames} "
                                      "frames; give one value per frame.")
        return [spec.validate(v) for v in sweep.values]
    if isinstance(spec, ChoiceParam):
        opts = list(spec.options)
        i, j = (opts.index(spec.validate(v)) for v in (sweep.start, sweep.stop))
        span = opts[i:j + 1] if i <= j else opts[j:i + 1][::-1]
        return [span[min(int(k * len(span) / frames), len(span) - 1)] for k in range(frames)]
    if not isinstance(spec, FloatParam | IntParam):
        raise ParamError("sweep", f"sweep takes a number or choice parameter; {sweep.name} is "
                                  f"a {spec.kind} parameter.")
    a: float = spec.validate(sweep.start)
    b: float = spec.validate(sweep.stop)
    if getattr(spec, "log", False) and a > 0 and b > 0:
        values = np.geomspace(a, b, frames)
    else:
        values = np.linspace(a, b, frames)
    return [spec.validate(float(v) if isinstance(spec, FloatParam) else round(v))
            for v in values]


def _short(value: Any) -> str:
    """A parameter value for a frame label: numbers to 3 significant digits."""
    if isinstance(value, float | np.floating):
        return f"{value:.3g}"
    if isinstance(value, list | tuple):
        return "(" + ", ".join(_short(v) for v in value) + ")"
    return str(value)


def steps_taken(ex: Explorable) -> int:
    """Steps the explorable has taken so far, for frame labels: its ``epoch`` or ``steps``
    attribute where it keeps one (a playground trained to epoch 300 records from 300)."""
    for attr in ("epoch", "steps"):
        v = getattr(ex, attr, None)
        if isinstance(v, int | np.integer):
            return int(v)
    return 0


def record(target: Explorable, frames: int, every: int = 1,
           sweep: Sweep | None = None) -> Iterator[Frame]:
    """Frames of a recording of ``target`` (left unchanged; see the module docstring)."""
    check_counts(frames, every)
    ex = copy.deepcopy(target)
    if sweep is not None:
        for k, value in enumerate(sweep_values(ex, sweep, frames)):
            ex.set(**{sweep.name: value})
            yield Frame(k, f"{sweep.name} = {_short(value)}", ex.frame(), ex.values)
        return
    if frames > 1 and not ex.playable:
        raise ParamError("frames", f"{ex.slug} does not play, so a recording of {frames} frames "
                                   f"needs a sweep of one parameter (e.g. sweep=(name, a, b)); "
                                   f"or export 1 frame.")
    name = getattr(ex, "step_name", "step")
    done = steps_taken(ex)
    for k in range(frames):
        if k:
            for _ in range(every):
                ex.step()
                done += 1
                if ex.finished:
                    break
        yield Frame(k, f"{name} {done}" if name else "", ex.frame(), ex.values)
        if k and ex.finished:
            return
