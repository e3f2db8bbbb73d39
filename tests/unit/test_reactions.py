"""Declared reactions: what a new parameter value does to the model is declared on the
parameter (``Param.effect``), and every explorable honours it: a "restart" value starts the
model again, a "live" or "view" one never does."""

from __future__ import annotations

from typing import Any

import pytest

from mlscope import catalog
from mlscope.core.explorable import Explorable
from mlscope.core.params import (
    EFFECTS,
    BoolParam,
    ChoiceParam,
    FloatParam,
    IntParam,
    Param,
    ParamError,
    VectorParam,
)


def another(spec: Param, value: Any) -> Any:
    """A different allowed value, or None when there is no simple one."""
    if isinstance(spec, BoolParam):
        return not value
    if isinstance(spec, ChoiceParam):
        return next((o for o in spec.options if o != value), None)
    if isinstance(spec, IntParam):
        return value + 1 if value + 1 <= spec.hi else value - 1
    if isinstance(spec, FloatParam):
        return (value + spec.hi) / 2 if value < spec.hi else (value + spec.lo) / 2
    if isinstance(spec, VectorParam):
        return tuple(v * 0.5 + 0.1 for v in value)
    return None


CASES = [(cls, p) for cls in catalog.all_explorables() for p in cls.params]


def test_every_parameter_declares_a_known_effect():
    assert all(p.effect in EFFECTS for _, p in CASES)
    assert {p.effect for _, p in CASES} == set(EFFECTS)  # each effect is used somewhere


def test_an_unknown_effect_is_refused_when_the_class_is_made():
    with pytest.raises(ValueError, match="effect must be one of restart, data, live, view"):
        type("Bad", (Explorable,), {"params": (BoolParam("x", False, effect="redo"),)})


@pytest.mark.parametrize("cls, spec", CASES, ids=[f"{c.slug}.{p.name}" for c, p in CASES])
def test_a_new_value_does_what_its_parameter_declares(cls, spec):
    if spec.effect == "data":
        pytest.skip("data edits may keep or restart the model, as the explorable decides")
    ex = cls()
    for _ in range(3):
        ex.step()
    value = another(spec, ex.values[spec.name])
    if value is None:
        pytest.skip(f"no simple other value for a {type(spec).__name__}")
    resets: list[int] = []
    original = ex.reset
    ex.reset = lambda: (resets.append(1), original())[1]  # type: ignore[method-assign]
    try:
        ex.set(**{spec.name: value})
    except ParamError:
        pytest.skip("that value breaks a rule between parameters")
    if spec.effect == "restart":
        assert resets, f"{spec.name} declares restart, but the model went on"
    else:
        assert not resets, f"{spec.name} declares {spec.effect}, but the model started over"


@pytest.mark.parametrize("cls", catalog.all_explorables(), ids=lambda c: c.slug)
def test_a_frame_depends_on_the_state_not_on_earlier_frames(cls):
    """frame() only reads the model: drawing every step or only the last gives the same
    picture (no axis or cache that remembers what was shown). A Tween, a hint for the
    browser that network-transform sends only once the weights hold still, is left out."""
    import dataclasses

    from mlscope.core.encoding import encode

    def picture(ex: Explorable) -> bytes:
        views = {k: dataclasses.replace(v, tween=None) if hasattr(v, "tween") else v
                 for k, v in ex.frame().items()}
        return encode(views)

    watched, unwatched = cls(step="free") if cls.story_steps else cls(), \
        cls(step="free") if cls.story_steps else cls()
    for _ in range(12):
        watched.step()
        watched.frame()
        unwatched.step()
    assert picture(watched) == picture(unwatched)


@pytest.mark.parametrize("x, up, expected", [
    (-0.99, False, -1.0), (0.99, True, 1.0), (0.02, False, 0.0), (3.4, True, 4.0),
    (-7.3, False, -8.0), (-1.2, True, -1.0), (-0.3, True, 0.0), (0.2, True, 0.5), (0.0, True, 0.0),
])
def test_histogram_axes_end_at_zero_or_a_power_of_two(x, up, expected):
    from mlscope.explorables.deep.playground_views import outward

    assert outward(x, up) == expected
    assert (outward(x, up) >= x) if up else (outward(x, up) <= x)
