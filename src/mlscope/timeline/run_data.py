"""A run's numbers held in memory for its timeline: each scalar series, each tensor's
histograms, and the last snapshots asked for, read from the store once and shared by every
session showing the run (``reload()`` reads again, for a run still being written)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np
from numpy.typing import NDArray

from mlscope.timeline.store import Histogram, RunInfo, Store

T = TypeVar("T")
SNAPSHOT_CACHE = 64
"""Snapshots kept in memory per run (a scrub back and forth reads each once)."""


class RunData:
    def __init__(self, store: Store, info: RunInfo) -> None:
        self.store, self.info = store, info
        self._lock = threading.RLock()
        self._scalars: dict[str, tuple[NDArray[np.int64], NDArray[np.float64],
                                       NDArray[np.float64]]] = {}
        self._histograms: dict[str, list[Histogram]] = {}
        self._snapshot_steps: dict[str, NDArray[np.int64]] = {}
        self._snapshots: OrderedDict[tuple[str, int], NDArray[Any]] = OrderedDict()
        self._memo: dict[tuple[Any, ...], Any] = {}
        self.tags = store.tags(info.id)

    @property
    def name(self) -> str:
        return self.info.name

    def reload(self) -> None:
        with self._lock:
            self.info = next((r for r in self.store.runs() if r.id == self.info.id), self.info)
            self.tags = self.store.tags(self.info.id)
            self._scalars.clear()
            self._histograms.clear()
            self._snapshot_steps.clear()
            self._memo.clear()

    def scalars(self, tag: str) -> tuple[NDArray[np.int64], NDArray[np.float64],
                                         NDArray[np.float64]]:
        with self._lock:
            if tag not in self._scalars:
                self._scalars[tag] = self.store.scalars(self.info.id, tag)
            return self._scalars[tag]

    def histograms(self, tag: str) -> list[Histogram]:
        with self._lock:
            if tag not in self._histograms:
                self._histograms[tag] = self.store.histograms(self.info.id, tag)
            return self._histograms[tag]

    def snapshot_steps(self, tag: str) -> NDArray[np.int64]:
        with self._lock:
            if tag not in self._snapshot_steps:
                self._snapshot_steps[tag] = self.store.snapshot_steps(self.info.id, tag)
            return self._snapshot_steps[tag]

    def memo(self, key: tuple[Any, ...], make: Callable[[], T]) -> T:
        """``make()``, computed once per key until the run is read again (what a view
        derives from all snapshots: the tweens the browser scrubs through)."""
        with self._lock:
            if key in self._memo:
                return self._memo[key]  # type: ignore[no-any-return]
        value = make()
        with self._lock:
            self._memo[key] = value
        return value

    def snapshot_at(self, tag: str, step: int) -> tuple[int, NDArray[Any]] | None:
        """The last snapshot of ``tag`` at or before ``step`` (the first one if ``step``
        is before them all): (its step, the array); None if there is none."""
        steps = self.snapshot_steps(tag) if tag in self.tags["snapshots"] else None
        if steps is None or steps.size == 0:
            return None
        k = max(int(np.searchsorted(steps, step, side="right")) - 1, 0)
        at = int(steps[k])
        with self._lock:
            key = (tag, at)
            if key in self._snapshots:
                self._snapshots.move_to_end(key)
                return at, self._snapshots[key]
        array = self.store.snapshot(self.info.id, tag, at)
        with self._lock:
            self._snapshots[key] = array
            while len(self._snapshots) > SNAPSHOT_CACHE:
                self._snapshots.popitem(last=False)
        return at, array

    def steps_span(self) -> tuple[int, int]:
        """(first, last) step anything was logged at; (0, 0) for an empty run."""
        first, last = self.store.step_range(self.info.id)
        return (first or 0, last or 0) if first is not None and last is not None else (0, 0)
