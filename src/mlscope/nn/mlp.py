"""A fully connected network (multi-layer perceptron) with every neuron open to inspection.

Shapes: ``x`` is ndarray of shape (n_samples, n_inputs). ``weights[l]`` has shape
(n_l, n_{l+1}): entry [i, j] is the weight from neuron i of layer l to neuron j of layer
l + 1 (layer 0 is the inputs); ``biases[l]`` has shape (n_{l+1},). Everything is vectorised
over the samples, so one call evaluates a whole batch or a whole 100 × 100 grid.

All the parameters live in one flat buffer, ``flat``: every layer's weights (row-major),
then every layer's biases. ``weights`` and ``biases`` are views into it, so one optimiser
update over ``flat`` covers all layers, and the compiled training kernel
(``mlscope.nn.fused``) reads and writes the same numbers.

>>> net = MLP([2, 4, 2, 1], ["tanh", "tanh"], output="tanh", seed=0)
>>> [a.shape for a in net.forward_all(np.zeros((5, 2)))]
[(5, 2), (5, 4), (5, 2), (5, 1)]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mlscope.nn.activations import Activation, get

Array = NDArray[np.float64]

INITS = ("playground", "glorot", "he", "zero")
"""Weight initialisations: TensorFlow Playground's uniform(-0.5, 0.5) with biases 0.1;
Glorot (Xavier) uniform; He normal; all zeros (to watch symmetry never break)."""


@dataclass
class Cache:
    """What a training forward pass keeps for ``backward``, one entry per layer of weights:
    the layer's input (after dropout), pre-activation z, activation f(z), dropout mask."""

    inputs: list[Array]
    zs: list[Array]
    outs: list[Array]
    masks: list[Array | None]


class MLP:
    """``sizes`` = [inputs, hidden..., outputs]; one activation name per hidden layer;
    ``output`` is the output layer's activation ("linear" gives logits for softmax)."""

    def __init__(self, sizes: Sequence[int], activations: Sequence[str], output: str = "tanh",
                 init: str = "playground", seed: int = 0) -> None:
        if len(sizes) < 2 or any(int(s) < 1 for s in sizes):
            raise ValueError(f"sizes must be at least [inputs, outputs], each >= 1; got {sizes}")
        if len(activations) != len(sizes) - 2:
            raise ValueError(f"one activation per hidden layer: {len(sizes) - 2} expected, "
                             f"got {len(activations)}")
        if init not in INITS:
            raise ValueError(f"init must be one of {', '.join(INITS)}; got {init!r}")
        self.sizes = [int(s) for s in sizes]
        self.activations: list[Activation] = [get(a) for a in activations] + [get(output)]
        rng = np.random.default_rng(seed)
        pairs = list(zip(self.sizes[:-1], self.sizes[1:], strict=True))
        self.n_weights = sum(n_in * n_out for n_in, n_out in pairs)
        """How many of ``flat``'s entries are weights (the rest are biases)."""
        self.flat: Array = np.empty(self.n_weights + sum(self.sizes[1:]))
        self.weights: list[Array] = []
        self.biases: list[Array] = []
        at, bat = 0, self.n_weights
        for n_in, n_out in pairs:
            w = self.flat[at:at + n_in * n_out].reshape(n_in, n_out)
            w[...] = _init_weights(init, n_in, n_out, rng)
            b = self.flat[bat:bat + n_out]
            b[...] = 0.1 if init == "playground" else 0.0
            self.weights.append(w)
            self.biases.append(b)
            at, bat = at + n_in * n_out, bat + n_out

    @property
    def n_layers(self) -> int:
        """Layers of weights (hidden layers + 1)."""
        return len(self.weights)

    def forward(self, x: Array) -> Array:
        """The output layer's activations, ndarray of shape (n_samples, n_outputs)."""
        a = x
        for w, b, act in zip(self.weights, self.biases, self.activations, strict=True):
            a = act.f(a @ w + b)
        return a

    def forward_all(self, x: Array, dtype: type | None = None) -> list[Array]:
        """Every layer's activations: [x, hidden 1, ..., output], each (n_samples, n_l).

        ``dtype=np.float32`` computes in single precision: twice as fast over a large grid
        of points for the screen, where 7 digits are plenty.
        """
        out = [x if dtype is None else x.astype(dtype)]
        for w, b, act in zip(self.weights, self.biases, self.activations, strict=True):
            if dtype is not None:
                w, b = w.astype(dtype), b.astype(dtype)
            out.append(act.f(out[-1] @ w + b))
        return out

    def forward_train(self, x: Array, dropout: float = 0.0,
                      rng: np.random.Generator | None = None) -> Cache:
        """Forward pass keeping what ``backward`` needs.

        With ``dropout`` > 0 each hidden neuron is zeroed with that probability and the rest
        scaled by 1 / (1 - dropout) (inverted dropout), so evaluation needs no rescaling.
        """
        cache = Cache([x], [], [], [])
        last = len(self.weights) - 1
        for k, (w, b, act) in enumerate(zip(self.weights, self.biases, self.activations,
                                            strict=True)):
            z = cache.inputs[-1] @ w + b
            a = act.f(z)
            cache.zs.append(z)
            cache.outs.append(a)
            mask = None
            if dropout > 0 and k < last:
                gen = rng if rng is not None else np.random.default_rng()
                mask = (gen.random(a.shape) >= dropout) / (1.0 - dropout)
                a = a * mask
            cache.masks.append(mask)
            cache.inputs.append(a)
        return cache

    def backward(self, cache: Cache, d_out: Array, into: Array | None = None) \
            -> tuple[list[Array], list[Array]]:
        """Gradients (d weights, d biases) given d loss / d output activations ``d_out``.

        With ``into`` (a buffer shaped as ``flat``) they are written there, in ``flat``'s
        layout, and the views into it are returned."""
        n = len(self.weights)
        gw, gb = self.gradient_views(into if into is not None else np.empty_like(self.flat))
        delta = d_out
        for k in range(n - 1, -1, -1):
            mask = cache.masks[k]
            if mask is not None:
                delta = delta * mask
            delta = delta * self.activations[k].df(cache.zs[k], cache.outs[k])
            np.matmul(cache.inputs[k].T, delta, out=gw[k])
            np.sum(delta, axis=0, out=gb[k])
            if k:
                delta = delta @ self.weights[k].T
        return gw, gb

    def parameters(self) -> list[Array]:
        """Weights then biases, the arrays themselves (optimisers update them in place);
        views into ``flat``."""
        return [*self.weights, *self.biases]

    def gradient_views(self, grad: Array) -> tuple[list[Array], list[Array]]:
        """``grad``, a buffer shaped as ``flat``, as per-layer (weights, biases) views."""
        gw, gb = [], []
        at, bat = 0, self.n_weights
        for w in self.weights:
            n_in, n_out = w.shape
            gw.append(grad[at:at + n_in * n_out].reshape(n_in, n_out))
            gb.append(grad[bat:bat + n_out])
            at, bat = at + n_in * n_out, bat + n_out
        return gw, gb

    def copy_from(self, other: MLP) -> None:
        """Take ``other``'s weights and biases (same sizes)."""
        for mine, theirs in zip(self.parameters(), other.parameters(), strict=True):
            mine[...] = theirs


def _init_weights(init: str, n_in: int, n_out: int, rng: np.random.Generator) -> Array:
    if init == "playground":
        return rng.uniform(-0.5, 0.5, (n_in, n_out))
    if init == "glorot":
        limit = np.sqrt(6.0 / (n_in + n_out))
        return rng.uniform(-limit, limit, (n_in, n_out))
    if init == "he":
        return rng.normal(0.0, np.sqrt(2.0 / n_in), (n_in, n_out))
    return np.zeros((n_in, n_out))
