"""The base of the pages about one function of x that the learner picks or types (the
derivative, the integral, Taylor series): the formula read and checked over the page's
range (``expression.checked_param``), and preset buttons named "f-<key>" that set it."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from mlscope.core.explorable import Action, Explorable
from mlscope.explorables.maths.expression import Expression, checked_param, parse


def preset_actions(presets: dict[str, tuple[Any, ...]]) -> tuple[Action, ...]:
    """A button "f-<key>" per preset, labelled with its label, setting f to its formula."""
    return tuple(Action(f"f-{k}", p[0], f"Use f(x) = {p[1]}.") for k, p in presets.items())


class TypedFunction(Explorable):
    """Subclasses set ``presets`` (key -> (button label, formula, ...)), ``x_sample`` (the
    x the page draws: a formula undefined at all of them is refused) and ``where`` (that
    range in words), and list ``preset_actions(presets)`` among their actions."""

    presets: ClassVar[dict[str, tuple[Any, ...]]] = {}
    x_sample: ClassVar[NDArray[np.float64]] = np.linspace(-3.0, 3.0, 601)
    where: ClassVar[str] = "from -3 to 3"

    def check(self, values: Any) -> None:
        if values.get("f") is not None:
            checked_param(values["f"], sample={"x": self.x_sample}, where=self.where)

    def act(self, name: str, value: Any = None) -> None:
        if name.startswith("f-") and name[2:] in self.presets:
            self.set(f=self.presets[name[2:]][1])
            return
        super().act(name, value)

    @property
    def fn(self) -> Expression:
        return parse(self.p.f)

    def is_preset(self, key: str) -> bool:
        """f is this preset, however it was spaced when typed."""
        return bool(str(self.p.f).replace(" ", "") ==
                    self.presets[key][1].replace(" ", ""))
