"""One epoch of mini-batch training compiled with numba: forward, backward and update fused.

At TensorFlow Playground's sizes (4-2 neurons, batches of 10) a numpy training step is
almost all call overhead: some thirty array operations of a few dozen numbers each. This
kernel does the same arithmetic in plain loops compiled to machine code, over the network's
one flat parameter buffer (``MLP.flat``), so an epoch of the default playground takes tens of
microseconds instead of a millisecond.

It computes what ``Trainer``'s numpy path computes, operation for operation (the same
formulas, the same order of the optimiser's and regulariser's steps); only the summation
order inside a dot product differs, so the two agree to rounding (tested to 1e-6 after many
epochs in ``tests/unit/test_fused_training.py``). The numpy path stays for what the kernel
does not cover (dropout, losses other than squared error and softmax cross-entropy) and for
platforms without numba; ``MLSCOPE_ENGINE=numpy`` forces it.

Compiling takes a few seconds the first time and is cached on disk (numba's ``cache=True``)
after that. ``warm_up()`` compiles in a background thread; until the kernel is ready,
``kernel()`` returns None and training runs on the numpy path, which gives the same numbers.
"""

from __future__ import annotations

import itertools
import logging
import os
import threading
from collections.abc import Callable
from typing import Any

import numpy as np

ACTIVATION_CODES = {name: k for k, name in enumerate(
    ("relu", "tanh", "sigmoid", "linear", "elu", "leaky_relu", "gelu", "swish", "softplus",
     "sine", "gaussian"))}
"""The kernel's number for each activation of ``mlscope.nn.activations``."""
LOSS_CODES = {"square": 0, "softmax_ce": 1}
OPTIMISER_CODES = {"sgd": 0, "momentum": 1, "rmsprop": 2, "adam": 3}
REG_CODES = {"none": 0, "l1": 1, "l2": 2}

_lock = threading.Lock()
_kernel: Callable[..., Any] | None = None
_failed = False
_thread: threading.Thread | None = None


def enabled() -> bool:
    """False when ``MLSCOPE_ENGINE=numpy`` asks for the numpy path, or numba is missing."""
    if os.environ.get("MLSCOPE_ENGINE", "").lower() == "numpy" or _failed:
        return False
    try:
        import numba  # noqa: F401
    except ImportError:
        return False
    return True


def kernel(wait: bool = False) -> Callable[..., Any] | None:
    """The compiled epoch, or None if it is not ready (still compiling, or not enabled).
    ``wait=True`` compiles it here if need be."""
    if not enabled():
        return None
    if _kernel is not None:
        return _kernel
    if wait:
        _compile()
        return _kernel
    warm_up()
    return None


def warm_up() -> None:
    """Start compiling the kernel in a background thread (once); returns at once."""
    global _thread
    with _lock:
        if _thread is None and _kernel is None and enabled():
            _thread = threading.Thread(target=_compile, name="mlscope-fused-compile",
                                       daemon=True)
            _thread.start()


def _compile() -> None:
    global _kernel, _failed
    with _lock:
        if _kernel is not None or _failed:
            return
        try:
            from mlscope.nn import fused_kernel
            fn = fused_kernel.train_epoch
            fn.compile(fused_kernel.SIGNATURE)
        except Exception:  # any failure: the numpy path, which is always there
            logging.getLogger(__name__).warning(
                "mlscope: the compiled training kernel failed to build; training runs on "
                "numpy (same numbers, slower)", exc_info=True)
            _failed = True
            return
        _kernel = fn


MAX_WEIGHTS_PER_LAYER = 300
"""Above this many weights per layer numpy's matrix products beat the kernel's plain loops
(an epoch over 250 points in batches of 10, 2 cores: 4 × 2 neurons 11× faster in the kernel,
6 × 8 3.7×, 2 × 16 2.3×, 2 × 24 (256 weights per layer) 1.3×, 6 × 24 (439) 0.8×,
6 × 32 (768) 0.5×), so larger networks train on the numpy path."""


def covers(activations: list[str], loss: str, optimiser: str, dropout: float,
           sizes: list[int]) -> bool:
    """Whether the kernel can train this network, and faster (else the numpy path does)."""
    weights = sum(a * b for a, b in itertools.pairwise(sizes))
    return dropout == 0 and loss in LOSS_CODES and optimiser in OPTIMISER_CODES and \
        all(a in ACTIVATION_CODES for a in activations) and \
        weights <= MAX_WEIGHTS_PER_LAYER * max(len(sizes) - 1, 1)


def pack(sizes: list[int], activations: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The kernel's description of a network: its layer sizes and activation codes."""
    return (np.asarray(sizes, dtype=np.int64),
            np.asarray([ACTIVATION_CODES[a] for a in activations], dtype=np.int64))

