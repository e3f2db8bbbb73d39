"""Mini-batch training of an ``MLP``: the loop every network explorable runs.

One epoch is one pass over the training points in order, in batches of ``batch_size``
(the last batch may be smaller), as in TensorFlow Playground. Each batch: forward pass,
gradient of the mean loss, backward pass, optimiser update, then the regulariser's own
step on the weights (not the biases): w ← w − lr · rate · dR/dw, where an L1 step that
would cross zero stops at zero (TensorFlow Playground's rule).

Two paths compute this. Where it can (no dropout; squared error or softmax cross-entropy;
up to ``fused.MAX_WEIGHTS_PER_LAYER`` weights per layer) an epoch runs in
``mlscope.nn.fused``'s compiled kernel, 4 to 11 times faster at the playground's usual
sizes; otherwise, or until the kernel is compiled, or without numba, in numpy here. Both
update the network's one flat parameter buffer (``MLP.flat``) with one optimiser step per
batch and agree to rounding.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from mlscope.nn import fused
from mlscope.nn.losses import Loss
from mlscope.nn.mlp import MLP
from mlscope.nn.optimisers import Adam, Momentum, Optimiser, RMSProp

Array = NDArray[np.float64]

REGULARISATIONS = ("none", "l1", "l2")
_EMPTY = np.zeros(0)


def regularise(weights: list[Array], kind: str, step: float) -> None:
    """Shrink ``weights`` in place by ``step`` = lr · rate times the regulariser's gradient."""
    if kind == "none" or step == 0:
        return
    for w in weights:
        if kind == "l2":
            w -= step * w
        else:
            shrunk = w - step * np.sign(w)
            shrunk[shrunk * w < 0] = 0.0
            w[...] = shrunk


class Trainer:
    """Trains ``net`` on (x, target) with ``loss`` and ``optimiser``; counts epochs."""

    def __init__(self, net: MLP, loss: Loss, optimiser: Optimiser, batch_size: int = 10,
                 regularisation: str = "none", reg_rate: float = 0.0, dropout: float = 0.0,
                 seed: int = 0, engine: str = "auto") -> None:
        """``engine``: "auto" (the compiled kernel where it applies and is ready), "numpy"
        or "fused" (the kernel, compiled here if need be; the numpy path where it does not
        apply)."""
        if regularisation not in REGULARISATIONS:
            raise ValueError(f"regularisation must be one of {', '.join(REGULARISATIONS)}; "
                             f"got {regularisation!r}")
        self.net, self.loss, self.optimiser = net, loss, optimiser
        self.batch_size = batch_size
        self.regularisation, self.reg_rate = regularisation, reg_rate
        self.dropout = dropout
        self.rng = np.random.default_rng(seed)
        self.epoch = 0
        if engine not in ("auto", "numpy", "fused"):
            raise ValueError(f"engine must be auto, numpy or fused; got {engine!r}")
        self.engine = engine
        self._grad = np.empty_like(net.flat)
        self._packed = fused.pack(net.sizes, [a.name for a in net.activations])
        self.last_path = ""
        """Which path ran the last epoch: "fused" or "numpy"."""

    def train_batch(self, x: Array, target: Array) -> None:
        net = self.net
        cache = net.forward_train(x, self.dropout, self.rng)
        net.backward(cache, self.loss.grad(cache.inputs[-1], target), into=self._grad)
        self.optimiser.update([net.flat], [self._grad])
        regularise([net.flat[:net.n_weights]], self.regularisation,
                   self.optimiser.lr * self.reg_rate)

    def train_epoch(self, x: Array, target: Array) -> None:
        kernel = self._kernel()
        if kernel is not None and len(x):
            self._train_fused(kernel, x, target)
            self.last_path = "fused"
        else:
            b = self.batch_size
            for s in range(0, len(x), b):
                self.train_batch(x[s:s + b], target[s:s + b])
            self.last_path = "numpy"
        self.epoch += 1

    def gradient(self, x: Array, target: Array) -> Array:
        """d(mean loss over all of ``x``) / d(every parameter), in ``flat``'s layout, with no
        dropout and no step taken (what the gradient histograms show)."""
        grad = np.empty_like(self.net.flat)
        kernel = self._kernel()
        if kernel is not None and len(x):
            sizes, acts = self._packed
            y = np.ascontiguousarray(target, dtype=np.float64).reshape(len(target), -1)
            kernel(self.net.flat, grad, self.net.n_weights, sizes, acts,
                   np.ascontiguousarray(x, dtype=np.float64), y,
                   fused.LOSS_CODES[self.loss.name], len(x), 0.0, -1, _EMPTY, _EMPTY,
                   np.zeros(3), 0, 0, 0.0)
        else:
            cache = self.net.forward_train(x)
            self.net.backward(cache, self.loss.grad(cache.inputs[-1], target), into=grad)
        return grad

    def _kernel(self) -> Any:
        if self.engine == "numpy" or not fused.covers(
                [a.name for a in self.net.activations], self.loss.name, self.optimiser.name,
                self.dropout, self.net.sizes):
            return None
        return fused.kernel(wait=self.engine == "fused")

    def _train_fused(self, kernel: Any, x: Array, target: Array) -> None:
        """One epoch in the compiled kernel, on the optimiser's own state (made here on its
        first update, as its numpy ``update`` would)."""
        opt, flat = self.optimiser, self.net.flat
        s1 = s2 = _EMPTY
        hyper = np.zeros(3)
        if isinstance(opt, Momentum):
            opt.v = opt.v or [np.zeros_like(flat)]
            s1, hyper[0] = opt.v[0], opt.beta
        elif isinstance(opt, RMSProp):
            opt.s = opt.s or [np.zeros_like(flat)]
            s1, hyper[0], hyper[2] = opt.s[0], opt.rho, opt.eps
        elif isinstance(opt, Adam):
            if not opt.m:
                opt.m, opt.v = [np.zeros_like(flat)], [np.zeros_like(flat)]
            s1, s2 = opt.m[0], opt.v[0]
            hyper[:] = opt.beta1, opt.beta2, opt.eps
        sizes, acts = self._packed
        y = np.ascontiguousarray(target, dtype=np.float64).reshape(len(target), -1)
        opt.t = kernel(flat, self._grad, self.net.n_weights, sizes, acts,
                       np.ascontiguousarray(x, dtype=np.float64), y,
                       fused.LOSS_CODES[self.loss.name], int(self.batch_size), float(opt.lr),
                       fused.OPTIMISER_CODES[opt.name], s1, s2, hyper, int(opt.t),
                       fused.REG_CODES[self.regularisation],
                       float(opt.lr * self.reg_rate))

    def penalty(self) -> float:
        """The regularisation term rate · R(w) (not part of the data loss shown)."""
        if self.regularisation == "l1":
            return self.reg_rate * float(sum(np.abs(w).sum() for w in self.net.weights))
        if self.regularisation == "l2":
            return self.reg_rate * 0.5 * float(sum((w * w).sum() for w in self.net.weights))
        return 0.0
