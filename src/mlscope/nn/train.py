"""Mini-batch training of an ``MLP``: the loop every network explorable runs.

One epoch is one pass over the training points in order, in batches of ``batch_size``
(the last batch may be smaller), as in TensorFlow Playground. Each batch: forward pass,
gradient of the mean loss, backward pass, optimiser update, then the regulariser's own
step on the weights (not the biases): w ← w − lr · rate · dR/dw, where an L1 step that
would cross zero stops at zero (TensorFlow Playground's rule).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from mlscope.nn.losses import Loss
from mlscope.nn.mlp import MLP
from mlscope.nn.optimisers import Optimiser

Array = NDArray[np.float64]

REGULARISATIONS = ("none", "l1", "l2")


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
                 seed: int = 0) -> None:
        if regularisation not in REGULARISATIONS:
            raise ValueError(f"regularisation must be one of {', '.join(REGULARISATIONS)}; "
                             f"got {regularisation!r}")
        self.net, self.loss, self.optimiser = net, loss, optimiser
        self.batch_size = batch_size
        self.regularisation, self.reg_rate = regularisation, reg_rate
        self.dropout = dropout
        self.rng = np.random.default_rng(seed)
        self.epoch = 0

    def train_batch(self, x: Array, target: Array) -> None:
        net = self.net
        cache = net.forward_train(x, self.dropout, self.rng)
        gw, gb = net.backward(cache, self.loss.grad(cache.inputs[-1], target))
        self.optimiser.update(net.parameters(), gw + gb)
        regularise(net.weights, self.regularisation, self.optimiser.lr * self.reg_rate)

    def train_epoch(self, x: Array, target: Array) -> None:
        b = self.batch_size
        for s in range(0, len(x), b):
            self.train_batch(x[s:s + b], target[s:s + b])
        self.epoch += 1

    def penalty(self) -> float:
        """The regularisation term rate · R(w) (not part of the data loss shown)."""
        if self.regularisation == "l1":
            return self.reg_rate * float(sum(np.abs(w).sum() for w in self.net.weights))
        if self.regularisation == "l2":
            return self.reg_rate * 0.5 * float(sum((w * w).sum() for w in self.net.weights))
        return 0.0
