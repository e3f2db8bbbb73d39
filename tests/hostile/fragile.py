"""An explorable with a bug on purpose, to see that a failure inside an explorable is told to
the page and the session and the server go on."""

from __future__ import annotations

from mlscope.core.explorable import Explorable
from mlscope.core.params import FloatParam, IntParam
from mlscope.core.views import Text, View


class Fragile(Explorable):
    """Its frame fails once ``x`` passes 0.5, or from step ``breaks_at`` on (0: never)."""

    slug = "fragile"
    title = "Fragile"
    topic = "maths"
    summary = "Fails on purpose."
    playable = True
    layout = (("text",),)
    params = (FloatParam("x", 0.1, 0.0, 1.0), IntParam("breaks_at", 0, 0, 100))

    def reset(self) -> None:
        self.t = 0

    def step(self) -> None:
        self.t += 1

    def frame(self) -> dict[str, View]:
        if self.p.x > 0.5 or (self.p.breaks_at and self.t >= self.p.breaks_at):
            raise ZeroDivisionError("a bug")
        return {"text": Text(f"x = {self.p.x}, t = {self.t}")}
