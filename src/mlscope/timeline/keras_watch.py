"""Recording a Keras 3 model's training (``pip install 'mlscope[keras]'``, any backend):

    w = mlscope.watch(model, probe=(X_probe, y_probe), run="keras-adam")
    model.fit(X, y, epochs=20, callbacks=[w.callback])      # the run closes when fit ends

The callback logs what ``fit`` reports after every batch (loss, metrics) with the
optimizer's learning rate, the validation numbers after every epoch, and every ``every``
batches a snapshot: each weight variable (``param/<path>``, histogram and array), each
layer's output on the probe set (a functional or Sequential model; a subclassed one gives
its output only) and, for two features, the output over the probe's plane. Keras computes
gradients inside ``train_step``, out of a callback's reach: a Keras run has no gradients.
"""

from __future__ import annotations

import contextlib
from typing import Any

import numpy as np

from mlscope.timeline.store import Store
from mlscope.timeline.watch import Watch


class KerasWatch(Watch):
    source = "keras"

    def __init__(self, model: Any, *, probe: Any = None, run: str | None = None,
                 store: str | Store | None = None, every: int = 10,
                 hparams: dict[str, Any] | None = None, overwrite: bool = False,
                 flush_secs: float = 1.0) -> None:
        self.model = model
        self._layers_model: Any = None
        info = {"model": type(model).__name__,
                "layers": [{"name": layer.name, "type": type(layer).__name__,
                            "params": {v.path: list(v.shape) for v in layer.weights}}
                           for layer in model.layers],
                "parameters": [{"name": v.path, "shape": list(v.shape)}
                               for v in model.weights]}
        super().__init__(run=run, store=store, every=every, hparams=hparams,
                         overwrite=overwrite, flush_secs=flush_secs, info=info, probe=probe)
        self.callback = _callback(self)
        """Pass to ``model.fit(..., callbacks=[w.callback])``."""

    def _log_more(self, step: int, metrics: dict[str, Any]) -> None:
        lr = getattr(getattr(self.model, "optimizer", None), "learning_rate", None)
        if lr is not None:
            with contextlib.suppress(TypeError, ValueError):
                self.writer.scalar("lr", step, float(np.asarray(_numpy(lr))))

    def _snapshot(self, step: int) -> None:
        for v in self.model.weights:
            self._keep(f"param/{v.path}", step, np.array(_numpy(v), copy=True))
        if self.x is None:
            return
        outputs = self._probe_layers()
        for name, a in outputs.items():
            self._keep(f"act/{name}", step, a.reshape(len(self.x), -1).astype(np.float32))
        out = np.asarray(_numpy(self.model(self._tensor(self.x), training=False)))
        self._keep("output", step, out.reshape(len(self.x), -1).astype(np.float32))
        if self.grid is not None:
            surface = np.asarray(_numpy(self.model(self._tensor(self.grid), training=False)))
            self._keep("boundary", step, surface.reshape(len(self.grid), -1)
                       .astype(np.float32), hist=False)

    def _probe_layers(self) -> dict[str, np.ndarray]:
        """Each layer's output on the probe, through a model of the layers' outputs (built
        once); {} for a subclassed model, whose layers have no symbolic outputs."""
        import keras

        if self._layers_model is None:
            try:
                layers = [layer for layer in self.model.layers
                          if type(layer).__name__ != "InputLayer"]
                self._layers_model = (keras.Model(self.model.inputs,
                                                  [layer.output for layer in layers]),
                                      [layer.name for layer in layers])
            except (AttributeError, ValueError, TypeError):
                self._layers_model = (None, [])
        sub, names = self._layers_model
        if sub is None or self.x is None:
            return {}
        outs = sub(self._tensor(self.x), training=False)
        outs = outs if isinstance(outs, list | tuple) else [outs]
        return {name: np.asarray(_numpy(o)) for name, o in zip(names, outs, strict=True)}

    def _tensor(self, x: np.ndarray) -> Any:
        import keras

        return keras.ops.convert_to_tensor(x.astype(np.float32))


def _numpy(value: Any) -> Any:
    """A variable's or tensor's numbers as numpy, whatever the backend (a variable's own
    ``value`` first: torch's through detach, without Keras's copy=False conversion)."""
    value = getattr(value, "value", value)
    if hasattr(value, "detach"):
        return value.detach().cpu().numpy()
    if hasattr(value, "numpy"):
        return np.asarray(value.numpy())
    return np.asarray(value)


def _callback(watch: KerasWatch) -> Any:
    """A keras Callback logging into ``watch``: a step per batch, across epochs."""
    import keras

    class MlscopeCallback(keras.callbacks.Callback):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            self.step = 0

        def on_train_batch_end(self, batch: int, logs: dict[str, Any] | None = None) -> None:
            watch.log(self.step, **_numbers(logs))
            self.step += 1

        def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
            for name, value in _numbers(logs).items():
                if name.startswith("val_"):
                    watch.writer.scalar(name, max(self.step - 1, 0), value)
            watch.writer.scalar("epoch", max(self.step - 1, 0), float(epoch))

        def on_train_end(self, logs: dict[str, Any] | None = None) -> None:
            if watch.last_step is not None and watch.last_snapshot != watch.last_step:
                watch.snapshot(watch.last_step)  # the trained model, whatever the schedule
            watch.close()

    return MlscopeCallback()


def _numbers(logs: dict[str, Any] | None) -> dict[str, float]:
    out = {}
    for name, value in (logs or {}).items():
        try:
            out[name] = float(np.asarray(_numpy(value)))
        except (TypeError, ValueError):
            continue
    return out
