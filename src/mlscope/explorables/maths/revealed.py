"""Simulations revealed a few at a time: the flips, samples, games or draws of a maths page
are fixed by the seed, and a count parameter says how many are shown. Play adds one per step,
buttons add more, "reset" goes back to none, and a new value of a parameter the draws depend
on starts the count again. The count lives in the URL, so a link replays what it shows.
"""

from __future__ import annotations

import builtins
from typing import Any, ClassVar

from mlscope.core.explorable import Explorable


class Revealed(Explorable):
    """An explorable whose draws come from the seed and are shown ``count`` at a time.

    Subclasses name the count parameter (an IntParam from 0 to ``most``), the buttons that
    add to it (``adds``: action name -> how many) and ``fresh_on``, the parameters whose new
    value means new draws (the seed always does)."""

    count: ClassVar[str]
    most: ClassVar[int]
    adds: ClassVar[dict[str, int]]
    fresh_on: ClassVar[frozenset[str]] = frozenset()

    @property
    def shown(self) -> int:
        """How many draws are shown now."""
        return int(getattr(self.p, self.count))

    def _show(self, k: int) -> None:
        self._assign(**{self.count: max(0, min(self.most, k))})

    def changed(self, names: builtins.set[str]) -> None:
        if names & (self.fresh_on | {"seed"}):
            self._show(0)  # other draws: they start again
        super().changed(names)

    def act(self, name: str, value: Any = None) -> None:
        if name in self.adds:
            self._show(self.shown + self.adds[name])
        elif name == "reset":
            self._show(0)
        else:
            super().act(name, value)

    def step(self) -> None:
        self._show(self.shown + 1)

    @property
    def finished(self) -> bool:
        return self.shown >= self.most
