"""The template in docs/ADDING_AN_EXPLORABLE.md is a working explorable: its code runs, its
numbers are least squares, its story's goal works, it draws in matplotlib and answers a
session like any other."""

from __future__ import annotations

import re
import types
from pathlib import Path

import numpy as np
import pytest

from mlscope import catalog
from mlscope.core.encoding import decode
from mlscope.core.explorable import Explorable
from mlscope.core.session import Session
from mlscope.render.figure import FrameFigure

DOC = Path(__file__).resolve().parents[2] / "docs" / "ADDING_AN_EXPLORABLE.md"


@pytest.fixture(scope="module")
def template() -> type[Explorable]:
    code = re.search(r"```python\n(.*?)```", DOC.read_text(), re.S).group(1)
    module = types.ModuleType("template_explorable")
    exec(compile(code, str(DOC), "exec"), module.__dict__)
    classes = [c for c in vars(module).values()
               if isinstance(c, type) and issubclass(c, Explorable) and c is not Explorable]
    assert len(classes) == 1
    return classes[0]


def test_the_template_is_about_seventy_lines():
    code = re.search(r"```python\n(.*?)```", DOC.read_text(), re.S).group(1)
    assert 50 <= len(code.splitlines()) <= 90


def test_its_numbers_are_least_squares_and_its_goal_works(template):
    ex = template()
    m, c = np.polyfit(ex.x, ex.y, 1)
    assert ex.best_sse == pytest.approx(np.sum((m * ex.x + c - ex.y) ** 2))
    step = ex.story_steps[0]
    assert not step.done(ex)
    ex.set(slope=round(m, 2), intercept=round(c, 2))
    assert step.done(ex)
    assert ex.frame()["fit"].title == f"SSE {ex.sse():.2f}"


def test_it_draws_and_serves_like_any_other(template):
    ex = template()
    rgb = FrameFigure([["fit", "numbers"]], size=(640, 320)).draw(ex.frame())
    assert (rgb < 240).any(axis=2).mean() > 0.02
    catalog.register(template)
    try:
        assert catalog.get(template.slug) is template
        session = Session(template())
        out = session.receive({"type": "set", "id": 1, "params": {"slope": 0.5}})
        assert all(m.get("type") != "error" for m in out if isinstance(m, dict))
        frames = [decode(m) for m in out if isinstance(m, bytes)]
        assert frames and set(frames[-1]["views"]) == {"fit", "numbers"}
        assert session.explorable.p.slope == 0.5
    finally:
        catalog.unregister(template.slug)
