"""Writes a run to its store from a background thread, in batches.

The training loop only appends to a list (a scalar costs one tuple); every ``flush_secs``
the thread takes what is pending, turns tensors into histograms, and writes it all in one
transaction. A crash (even ``kill -9``) loses at most what was logged since the last flush.
An error in the thread (a full disk, a lost database) is raised in the training loop at
its next call, never swallowed.
"""

from __future__ import annotations

import atexit
import threading
import time
import weakref
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mlscope.timeline.histograms import histogram
from mlscope.timeline.store import Histogram, Store, StoreError

MAX_PENDING = 20_000
"""Items waiting for the thread beyond which a log call writes them itself (back-pressure:
memory stays bounded when the store is slower than training)."""


class BackgroundWriter:
    def __init__(self, store: Store, run_id: int, flush_secs: float = 1.0) -> None:
        if not (isinstance(flush_secs, int | float) and 0 < flush_secs <= 3600):
            raise ValueError(f"flush_secs: seconds between writes, more than 0 and at most "
                             f"3600; got {flush_secs!r}")
        self.store, self.run_id, self.flush_secs = store, run_id, float(flush_secs)
        self._scalars: list[tuple[str, int, float, float]] = []
        self._arrays: list[tuple[str, int, float, NDArray[Any], bool, bool]] = []
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._wake = threading.Event()
        self._closed = False
        self._error: BaseException | None = None
        self.written = 0
        self._thread = threading.Thread(target=self._loop, name="mlscope-run-writer",
                                        daemon=True)
        self._thread.start()
        ref = weakref.ref(self)

        def at_exit() -> None:
            w = ref()
            if w is not None:
                w.close()

        self._atexit = at_exit
        atexit.register(at_exit)

    # -- called from the training loop ------------------------------------------------
    def scalar(self, tag: str, step: int, value: float, wall: float | None = None) -> None:
        self._check()
        with self._lock:
            self._scalars.append((tag, step, time.time() if wall is None else wall, value))
            full = len(self._scalars) > MAX_PENDING
        if full:
            self.flush()

    def array(self, tag: str, step: int, values: NDArray[Any], *, hist: bool = True,
              keep: bool = False, wall: float | None = None) -> None:
        """``values`` (a copy the caller will not change) as a histogram, and kept whole
        as a snapshot if ``keep``."""
        self._check()
        with self._lock:
            self._arrays.append((tag, step, time.time() if wall is None else wall, values,
                                 hist, keep))
            full = len(self._arrays) > MAX_PENDING
        if full:
            self.flush()

    def flush(self) -> None:
        """Writes everything logged so far before returning."""
        self._check()
        self._write()
        self._check()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        atexit.unregister(self._atexit)
        self._wake.set()
        self._thread.join()
        self._write()
        if self._error is not None:
            raise StoreError(f"the run store {self.store.where} stopped taking this run's "
                             f"data: {self._error}") from self._error

    # -- the thread ---------------------------------------------------------------------
    def _loop(self) -> None:
        while not self._closed:
            self._wake.wait(self.flush_secs)
            if self._closed:
                return
            try:
                self._write()
            except BaseException as e:  # raised in the training loop by _check
                self._error = e
                return

    def _write(self) -> None:
        with self._write_lock:
            with self._lock:
                scalars, self._scalars = self._scalars, []
                arrays, self._arrays = self._arrays, []
            if not (scalars or arrays):
                return
            hists: list[Histogram] = [histogram(tag, step, wall, a)
                                      for tag, step, wall, a, hist, _ in arrays if hist]
            snaps = [(tag, step, wall, a) for tag, step, wall, a, _, keep in arrays if keep]
            try:
                self.store.write(self.run_id, scalars=scalars, histograms=hists,
                                 snapshots=snaps)
            except BaseException:
                with self._lock:  # keep them for a retry at close: nothing is dropped
                    self._scalars[:0] = scalars
                    self._arrays[:0] = arrays
                raise
            self.written += len(scalars) + len(arrays)

    def _check(self) -> None:
        if self._closed:
            raise StoreError("this run is closed; start a new one with mlscope.watch(...)")
        if self._error is not None:
            raise StoreError(f"the run store {self.store.where} stopped taking this run's "
                             f"data: {self._error}") from self._error


def as_array(values: Any) -> NDArray[Any]:
    """A numpy copy of a tensor or array (float32 kept, other floats to float64)."""
    if hasattr(values, "detach"):
        values = values.detach().cpu().numpy()
    a = np.array(values, copy=True)
    if a.dtype.kind == "f" and a.dtype != np.float32:
        a = a.astype(np.float64)
    return a
