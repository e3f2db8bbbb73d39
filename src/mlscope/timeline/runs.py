"""Reading runs back: ``mlscope.runs(store)`` maps run names to ``Run`` objects.

    runs = mlscope.runs()                       # ./mlscope-runs
    run = runs["adam-lr1e-3"]
    steps, walls, loss = run.scalars("loss")
    run.histograms("grad/0.weight")             # one Histogram per snapshot
    run.snapshot("param/0.weight", step=100)    # the array at that step
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mlscope.timeline.store import Histogram, RunInfo, Store, StoreError, open_store


class Run:
    """One recorded run: its description, scalars, histograms and snapshots."""

    def __init__(self, store: Store, info: RunInfo) -> None:
        self.store, self._info = store, info

    @property
    def name(self) -> str:
        return self._info.name

    @property
    def info(self) -> dict[str, Any]:
        """What the recorder wrote: source, model, layers, probe, hyperparameters."""
        return self._info.info

    @property
    def hparams(self) -> dict[str, Any]:
        return dict(self._info.info.get("hparams", {}))

    def tags(self) -> dict[str, list[str]]:
        return self.store.tags(self._info.id)

    def scalars(self, tag: str) -> tuple[NDArray[np.int64], NDArray[np.float64],
                                         NDArray[np.float64]]:
        """(steps, wall times, values) of a scalar, in step order."""
        self._need(tag, "scalars")
        return self.store.scalars(self._info.id, tag)

    def histograms(self, tag: str) -> list[Histogram]:
        self._need(tag, "histograms")
        return self.store.histograms(self._info.id, tag)

    def snapshot_steps(self, tag: str) -> NDArray[np.int64]:
        self._need(tag, "snapshots")
        return self.store.snapshot_steps(self._info.id, tag)

    def snapshot(self, tag: str, step: int) -> NDArray[Any]:
        self._need(tag, "snapshots")
        return self.store.snapshot(self._info.id, tag, step)

    def explorable(self, **values: Any) -> Any:
        """The run's timeline as an explorable (what the Runs page and the widget show);
        ``values`` set its controls, e.g. ``at=500`` (the step), ``tensor="grad/0.weight"``."""
        from mlscope.timeline.explorable import timeline_class

        return timeline_class(self.store, [self.name])(**values)

    def _need(self, tag: str, kind: str) -> None:
        known = self.tags()[kind]
        if tag not in known:
            raise KeyError(f"run {self.name!r} has no {kind[:-1]} called {tag!r}; it has: "
                           f"{', '.join(known) or 'none'}")

    def __repr__(self) -> str:
        i = self._info
        return (f"<mlscope run {i.name!r} ({i.info.get('source', '?')}, "
                f"{i.info.get('model', 'model')}): {i.steps} steps logged, last step "
                f"{i.last_step}, in {self.store.where}>")


class Runs(Mapping[str, Run]):
    """The runs in a store, by name, oldest first."""

    def __init__(self, store: str | Path | Store | None = None) -> None:
        self.store = store if isinstance(store, Store) else open_store(store, create=False)

    def _all(self) -> list[RunInfo]:
        return self.store.runs()

    def __getitem__(self, name: str) -> Run:
        for info in self._all():
            if info.name == name:
                return Run(self.store, info)
        names = [i.name for i in self._all()]
        raise KeyError(f"no run called {name!r} in {self.store.where}; runs there: "
                       f"{', '.join(names) or 'none'}")

    def __iter__(self) -> Iterator[str]:
        return iter([i.name for i in self._all()])

    def __len__(self) -> int:
        return len(self._all())

    def __delitem__(self, name: str) -> None:
        try:
            self.store.delete(name)
        except StoreError as e:
            raise KeyError(str(e)) from e

    def __repr__(self) -> str:
        names = list(self)
        return f"<mlscope runs in {self.store.where}: {', '.join(map(repr, names)) or 'none'}>"
