"""Training runs over time: recording (``watch``), the run store (SQLite or PostgreSQL),
reading runs back (``Runs``), importing TensorBoard logs.

Where things are: ``store.py`` (tables, reading, writing), ``writer.py`` (the background
thread), ``watch.py`` (what every recorder shares), ``torch_watch.py`` and
``sklearn_watch.py``, ``keras_watch.py`` (one per kind of model), ``histograms.py``,
``runs.py`` (``Run``),
``tensorboard_import.py``.
"""

from __future__ import annotations

import sys
from typing import Any

from mlscope.timeline.store import Store, StoreError, open_store
from mlscope.timeline.watch import Watch

WATCHABLE = ("a PyTorch nn.Module (pip install mlscope[torch]), a Keras 3 model (its "
             "callback: w.callback) or a scikit-learn estimator (fitted step by step: "
             "partial_fit, warm_start, staged predictions)")

__all__ = ["WATCHABLE", "Store", "StoreError", "Watch", "open_store", "watch"]


def watch(model: Any, *, probe: Any = None, run: str | None = None,
          store: str | Store | None = None, optimizer: Any = None, every: int | None = None,
          hparams: dict[str, Any] | None = None, overwrite: bool = False,
          flush_secs: float = 1.0) -> Watch:
    """Starts recording ``model``'s training as run ``run`` in ``store``; see
    ``mlscope.watch``."""
    # Keras first: with the torch backend a Keras model is also a torch module
    keras = sys.modules.get("keras")
    if keras is not None and isinstance(model, keras.Model):
        if optimizer is not None:
            raise TypeError("optimizer: not for a Keras model (its learning rate is read "
                            "from model.optimizer)")
        from mlscope.timeline.keras_watch import KerasWatch

        return KerasWatch(model, probe=probe, run=run, store=store,
                          every=10 if every is None else every, hparams=hparams,
                          overwrite=overwrite, flush_secs=flush_secs)
    torch = sys.modules.get("torch")
    if torch is not None and isinstance(model, torch.nn.Module):
        from mlscope.timeline.torch_watch import TorchWatch

        return TorchWatch(model, probe=probe, optimizer=optimizer, run=run, store=store,
                          every=10 if every is None else every, hparams=hparams,
                          overwrite=overwrite, flush_secs=flush_secs)
    if hasattr(model, "get_params") and hasattr(model, "fit"):
        if optimizer is not None:
            raise TypeError("optimizer: only for a PyTorch model (a scikit-learn estimator "
                            "keeps its own learning rate)")
        from mlscope.timeline.sklearn_watch import SklearnWatch

        return SklearnWatch(model, probe=probe, run=run, store=store,
                            every=1 if every is None else every, hparams=hparams,
                            overwrite=overwrite, flush_secs=flush_secs)
    raise TypeError(f"model: {WATCHABLE}; got {type(model).__module__}."
                    f"{type(model).__name__}")
