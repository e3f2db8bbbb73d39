"""``mlscope.watch``: record a training run into a run store with two lines in the loop.

    w = mlscope.watch(model, probe=(X_probe, y_probe), run="adam-lr1e-3")
    for step in range(steps):
        ...                              # the user's own training step
        w.log(step, loss=loss.item())    # scalars every call; a snapshot every `every` steps
    w.close()                            # or: with mlscope.watch(...) as w:

``Watch`` does what every kind of model shares (the run, scalars, the schedule, closing);
a subclass per kind of model (``torch_watch.TorchWatch``, ``sklearn_watch.SklearnWatch``)
takes the snapshots: parameters, gradients, activations on the probe set, the decision
surface over the probe's plane.
"""

from __future__ import annotations

import numbers
import time
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mlscope.timeline.store import Store, open_store
from mlscope.timeline.writer import BackgroundWriter

MAX_PROBE_ROWS = 5_000
"""Rows of a probe set: its activations are kept at every snapshot."""
KEEP_UP_TO = 250_000
"""Numbers in one tensor beyond which a snapshot keeps its histogram only, not the array."""
GRID = 48
"""Points per side of the grid a 2-feature model's output is kept on (its boundary)."""
def _name_ok(name: object) -> bool:
    """A run or metric name: 1 to 120 printable characters, no space at either end."""
    return isinstance(name, str) and 0 < len(name) <= 120 and name.isprintable() \
        and name == name.strip()


class Watch:
    """One run being recorded. Subclasses take ``snapshot(step)``."""

    source = "model"

    def __init__(self, *, run: str | None, store: str | Store | None, every: int,
                 hparams: dict[str, Any] | None, overwrite: bool, flush_secs: float,
                 info: dict[str, Any], probe: Any = None) -> None:
        self.x, self.y = probe_arrays(probe)
        self.grid: NDArray[np.float64] | None = None
        grid_info: dict[str, Any] | None = None
        if self.x is not None and self.x.shape[1] == 2:
            self.grid, extent = plane_grid(self.x)
            grid_info = {"extent": extent, "resolution": GRID}
        info = {**info, "boundary": grid_info, "probe": None if self.x is None else {
            "rows": len(self.x), "features": int(self.x.shape[1]),
            "labels": self.y is not None}}
        if not (isinstance(every, int) and not isinstance(every, bool) and every >= 1):
            raise ValueError(f"every: steps between snapshots, a whole number ≥ 1; got "
                             f"{every!r}")
        if run is None:
            run = time.strftime(f"{self.source}-%Y%m%d-%H%M%S")
        if not _name_ok(run):
            raise ValueError(f"run: a name of 1 to 120 printable characters; got {run!r:.80}")
        if hparams is not None and not isinstance(hparams, dict):
            raise TypeError(f"hparams: a dict of hyperparameters; got {type(hparams).__name__}")
        self.every = every
        self.name = run
        self.store = store if isinstance(store, Store) else open_store(store)
        self.info = {"source": self.source, "every": every, "hparams": hparams or {}, **info}
        self.run_id = self.store.create_run(run, self.info, overwrite=overwrite)
        self.writer = BackgroundWriter(self.store, self.run_id, flush_secs)
        self.last_snapshot: int | None = None
        self.last_step: int | None = None
        if self.x is not None:  # the probe set, once: the views draw it at every step
            self._keep("probe/x", 0, self.x, hist=False)
            if self.y is not None and self.y.dtype.kind in "biuf":
                self._keep("probe/y", 0, self.y, hist=False)

    def log(self, step: int, **metrics: Any) -> None:
        """Scalars at ``step`` (loss, accuracy... any numbers), and a snapshot if one is
        due (the first step logged, then every ``every`` steps)."""
        step = _step(step)
        for tag, value in metrics.items():
            self.writer.scalar(_tag(tag), step, _number(tag, value))
        self._log_more(step, metrics)
        self.last_step = step
        if self.last_snapshot is None or step >= self.last_snapshot + self.every:
            self.snapshot(step)

    def snapshot(self, step: int) -> None:
        """Records the model's state at ``step`` now, whatever the schedule."""
        step = _step(step)
        self._snapshot(step)
        self.last_snapshot = step

    def flush(self) -> None:
        """Writes all that was logged so far before returning."""
        self.writer.flush()

    def close(self) -> None:
        """Writes what is left and ends the run (the store stays open for reading)."""
        self.writer.close()

    def __enter__(self) -> Watch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        if not hasattr(self, "writer"):
            return f"<mlscope.watch of a {type(self).__name__} (not started)>"
        return (f"<mlscope.watch run {self.name!r} of a {self.info.get('model', 'model')} "
                f"in {self.store.where}: last step {self.last_step}, snapshots every "
                f"{self.every} steps>")

    # -- for subclasses ------------------------------------------------------------------
    def _log_more(self, step: int, metrics: dict[str, Any]) -> None:
        """Scalars the model itself gives at every step (a learning rate, a loss)."""

    def _snapshot(self, step: int) -> None:
        raise NotImplementedError

    def _keep(self, tag: str, step: int, values: NDArray[Any], hist: bool = True) -> None:
        self.writer.array(tag, step, values, hist=hist, keep=values.size <= KEEP_UP_TO)


def _step(step: Any) -> int:
    if isinstance(step, bool) or not isinstance(step, numbers.Integral) or not (
            0 <= int(step) < 2**62):
        raise ValueError(f"step: a whole number from 0 to 2**62; got {step!r}")
    return int(step)


def _tag(name: str) -> str:
    if not _name_ok(name):
        raise ValueError(f"metric name {name!r:.80}: 1 to 120 printable characters")
    return name


def _number(name: str, value: Any) -> float:
    if hasattr(value, "detach") and hasattr(value, "numel"):
        if value.numel() != 1:
            raise ValueError(f"{name}: one number per step; got a tensor of shape "
                             f"{tuple(value.shape)} (call .mean() or .item())")
        value = value.detach().item()
    elif isinstance(value, np.ndarray):
        if value.size != 1:
            raise ValueError(f"{name}: one number per step; got an array of shape "
                             f"{value.shape}")
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name}: a number; got {type(value).__name__} {value!r:.60}")
    return float(value)  # NaN and ±inf are stored as "not finite" and read back as NaN


def probe_arrays(probe: Any) -> tuple[NDArray[np.float64] | None, NDArray[Any] | None]:
    """(X, y or None) of ``probe``: a tuple (X, y), or X alone; arrays, lists or tensors;
    at most MAX_PROBE_ROWS rows."""
    if probe is None:
        return None, None
    if isinstance(probe, tuple) and len(probe) == 2:
        x, y = _plain(probe[0]), _plain(probe[1])
        if np.ndim(y) == 0 or len(y) != len(x):
            raise ValueError(f"probe: (X, y) with one label or target per row of X; got "
                             f"{len(x)} rows and y of shape {np.shape(y)}")
    else:
        x, y = _plain(probe), None
    try:
        x = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError) as e:
        raise ValueError(f"probe: numbers, (n_samples, n_features); {e}") from e
    if x.ndim == 1:
        x = x[:, None]
    if x.ndim < 2 or len(x) == 0:
        raise ValueError(f"probe: at least one row, shape (n_samples, n_features); got shape "
                         f"{x.shape}")
    if len(x) > MAX_PROBE_ROWS:
        raise ValueError(f"probe: at most {MAX_PROBE_ROWS:,} rows (its activations are kept at "
                         f"every snapshot); got {len(x):,}: pass a sample, e.g. X[:1000]")
    if not np.isfinite(x).all():
        raise ValueError("probe: every value finite; it has NaN or infinite values")
    return x, None if y is None else np.asarray(y)


def _plain(values: Any) -> Any:
    if hasattr(values, "detach"):
        return values.detach().cpu().numpy()
    return values


def plane_grid(x: NDArray[np.float64], n: int = GRID) -> tuple[NDArray[np.float64],
                                                                   list[float]]:
    """An n×n grid over the probe's two features (5 % margin): (points (n*n, 2), extent
    [x0, x1, y0, y1])."""
    lo, hi = x[:, :2].min(axis=0), x[:, :2].max(axis=0)
    pad = np.where(hi > lo, (hi - lo) * 0.05, 1.0)
    lo, hi = lo - pad, hi + pad
    gx, gy = np.meshgrid(np.linspace(lo[0], hi[0], n), np.linspace(lo[1], hi[1], n))
    return np.column_stack([gx.ravel(), gy.ravel()]), [float(lo[0]), float(hi[0]),
                                                       float(lo[1]), float(hi[1])]
