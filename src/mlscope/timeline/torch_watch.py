"""Recording a PyTorch module's training (``mlscope.watch(module, ...)``).

At each snapshot, for every parameter (``named_parameters``): its values and its gradient
(as left by the last ``backward``), each as a histogram and, up to ``KEEP_UP_TO`` numbers,
whole; the gradient's norm as a scalar (``grad_norm/<name>``: gradient flow). With a probe
set: one forward pass over it in eval mode without gradients (BatchNorm, LayerNorm and
Dropout as at test time; the module's mode is restored after), every leaf module's output
kept through forward hooks that exist only during that pass, and the model's output; for a
two-feature probe, the output over a grid on its plane (the decision surface).

Between snapshots a ``log`` costs the scalars and, with ``optimizer=``, its learning rate.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mlscope.timeline.store import Store
from mlscope.timeline.watch import Watch
from mlscope.timeline.writer import as_array


class TorchWatch(Watch):
    source = "torch"

    def __init__(self, model: Any, *, probe: Any = None, optimizer: Any = None,
                 run: str | None = None, store: str | Store | None = None, every: int = 10,
                 hparams: dict[str, Any] | None = None, overwrite: bool = False,
                 flush_secs: float = 1.0) -> None:
        import torch

        if optimizer is not None and not isinstance(optimizer, torch.optim.Optimizer):
            raise TypeError(f"optimizer: a torch.optim.Optimizer (its learning rate is logged "
                            f"as lr); got {type(optimizer).__name__}")
        self.model, self.optimizer = model, optimizer
        self.params = list(model.named_parameters())
        self.leaves = [(name, m) for name, m in model.named_modules()
                       if name and next(m.children(), None) is None]
        first = next((p for _, p in self.params if p.is_floating_point()), None)
        self.dtype = first.dtype if first is not None else torch.float32
        self.device = first.device if first is not None else torch.device("cpu")
        info = {
            "model": type(model).__name__,
            "layers": [{"name": name, "type": type(m).__name__,
                        "params": {p: list(t.shape) for p, t in m.named_parameters(
                            recurse=False)}} for name, m in self.leaves],
            "parameters": [{"name": n, "shape": list(p.shape)} for n, p in self.params],
        }
        super().__init__(run=run, store=store, every=every, hparams=hparams,
                         overwrite=overwrite, flush_secs=flush_secs, info=info, probe=probe)

    def _log_more(self, step: int, metrics: dict[str, Any]) -> None:
        if self.optimizer is None:
            return
        groups = self.optimizer.param_groups
        for k, group in enumerate(groups):
            lr: Any = group.get("lr")
            if isinstance(lr, float | int) or hasattr(lr, "item"):
                self.writer.scalar("lr" if len(groups) == 1 else f"lr/{k}", step, float(lr))

    def _snapshot(self, step: int) -> None:
        for name, p in self.params:
            values = as_array(p)
            self._keep(f"param/{name}", step, values)
            if p.grad is not None:
                grad = as_array(p.grad)
                self._keep(f"grad/{name}", step, grad)
                self.writer.scalar(f"grad_norm/{name}", step, float(np.linalg.norm(grad)))
        if self.x is not None:
            acts, out = self._forward(self.x, hooks=True)
            for name, a in acts.items():
                self._keep(f"act/{name}", step, a)
            if out is not None:
                self._keep("output", step, out)
            if self.grid is not None:
                _, surface = self._forward(self.grid, hooks=False)
                if surface is not None:
                    self._keep("boundary", step, surface.astype(np.float32), hist=False)

    def _forward(self, x: np.ndarray, *, hooks: bool) -> tuple[dict[str, np.ndarray],
                                                               np.ndarray | None]:
        """The model on ``x`` in eval mode without gradients: (leaf outputs, output)."""
        import torch

        acts: dict[str, np.ndarray] = {}
        n = len(x)

        def keep(name: str) -> Any:
            def hook(_module: Any, _inputs: Any, output: Any) -> None:
                t = _first_tensor(output)
                if t is not None and t.ndim >= 1 and t.shape[0] == n:
                    acts[name] = as_array(t.reshape(n, -1)).astype(np.float32)
            return hook

        handles = [m.register_forward_hook(keep(name)) for name, m in self.leaves] \
            if hooks else []
        was_training = self.model.training
        try:
            self.model.eval()
            with torch.no_grad():
                out = self.model(torch.as_tensor(x, dtype=self.dtype, device=self.device))
        finally:
            self.model.train(was_training)
            for h in handles:
                h.remove()
        t = _first_tensor(out)
        return acts, None if t is None else as_array(t.reshape(n, -1)).astype(np.float32)


def _first_tensor(value: Any) -> Any:
    """The tensor a module returned, or the first one in a tuple, list or dict."""
    if hasattr(value, "detach"):
        return value
    items = value.values() if isinstance(value, dict) else value \
        if isinstance(value, tuple | list) else ()
    for item in items:
        if hasattr(item, "detach"):
            return item
    return None
