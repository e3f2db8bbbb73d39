"""Simulations revealed a few at a time: the flips, samples, games or draws of a maths page
are fixed by the seed, and a count parameter says how many are shown. Play adds one per step,
buttons add more, "reset" goes back to none, and a new value of a parameter the draws depend
on starts the count again. The count lives in the URL, so a link replays what it shows.
"""

from __future__ import annotations

import builtins
from typing import Any, ClassVar

from mlscope.core.explorable import Action, Explorable

MORE = {10: "Ten more.", 100: "A hundred more.", 1000: "A thousand more."}


def count_buttons(prefix: str, first: str, first_doc: str,
                  counts: tuple[int, ...] = (1, 10, 100, 1000), each: str = "×{n}"
                  ) -> tuple[Action, ...]:
    """The buttons that reveal more draws, named ``prefix`` + how many (``draw100``): the
    first labelled ``first``, the others ``each`` ("×100"). A Revealed explorable reads
    how many each adds from its name."""
    return tuple(Action(f"{prefix}{n}", first if i == 0 else each.format(n=n),
                        first_doc if i == 0 else MORE[n]) for i, n in enumerate(counts))


class Revealed(Explorable):
    """An explorable whose draws come from the seed and are shown ``count`` at a time.

    Subclasses name the count parameter (an IntParam from 0 to ``most``), the prefix of
    the buttons that add to it (``count_buttons``: ``adds`` is read from their names) and
    ``fresh_on``, the parameters whose new value means new draws (the seed always does)."""

    count: ClassVar[str]
    most: ClassVar[int]
    prefix: ClassVar[str]
    fresh_on: ClassVar[frozenset[str]] = frozenset()
    adds: ClassVar[dict[str, int]] = {}
    """Action name -> how many draws it adds, from the names of the ``prefix`` buttons."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "prefix" in cls.__dict__:
            cls.adds = {a.name: int(a.name[len(cls.prefix):]) for a in cls.actions
                        if a.name.startswith(cls.prefix) and a.name[len(cls.prefix):].isdigit()}

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
