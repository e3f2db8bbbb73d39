"""A user's network as a ``Net``: every hidden layer's weighted sums and activations.

Three kinds of model are accepted, each read through its own adapter:

- scikit-learn: a fitted ``MLPClassifier`` or ``MLPRegressor`` (from ``coefs_``,
  ``intercepts_``, ``activation`` and ``out_activation_``, the model's own formulas);
- PyTorch: an ``nn.Sequential`` or ``nn.Module`` whose leaf modules are ``Linear`` layers
  and elementwise activations, applied one after another (checked against the model's own
  output on the data); the layers run in torch, in eval mode, without gradients;
- mlscope: an ``mlscope.nn.MLP``.

``Net.layers(x)`` returns, for every layer of weights (hidden layers, then the output), the
pair (z, a): the weighted sums z = a_prev @ W + b and the activations a = f(z), each an
ndarray of shape (n_samples, layer size), float64.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from mlscope.nn.activations import get as get_activation

Array = NDArray[np.float64]
Task = Literal["binary", "multiclass", "regression"]
TASKS = ("binary", "multiclass", "regression")

SUPPORTED = ("a fitted scikit-learn MLPClassifier or MLPRegressor; a PyTorch nn.Sequential or "
             "nn.Module of Linear layers and activations (pip install mlscope[torch]); "
             "an mlscope.nn.MLP")
"""What the lens accepts, as its error messages say."""


class LensError(ValueError):
    """A model or data the lens cannot show; the message says what is expected."""


@dataclass
class Net:
    """A network seen layer by layer.

    task: "binary" (one output; ``score`` is P(class 1)), "multiclass" (``score`` is the
    class probabilities, (n, k)) or "regression" (``score`` is the first output).
    out_linear: (W, b) of the output layer, whose weighted sum z = h @ W + b is 0 on a
    binary network's decision boundary; None for other tasks.
    """

    description: str
    n_inputs: int
    hidden: list[int]
    activations: list[str]
    """The hidden layers' activation names, as the model calls them (for titles)."""
    task: Task
    run: Callable[[Array], list[tuple[Array, Array]]]
    score_of: Callable[[tuple[Array, Array]], Array]
    """From the output layer's (z, a) to the score (see ``task``)."""
    out_linear: tuple[Array, Array] | None = None
    bounded: list[tuple[float, float] | None] | None = None
    """Per hidden layer, the range its activation cannot leave (sigmoid (0, 1)), or None."""

    def layers(self, x: Array) -> list[tuple[Array, Array]]:
        return self.run(np.asarray(x, dtype=np.float64))

    def score(self, x: Array) -> Array:
        return self.score_of(self.layers(x)[-1])


_BOUNDS = {"sigmoid": (0.0, 1.0), "logistic": (0.0, 1.0), "tanh": (-1.0, 1.0),
           "Sigmoid": (0.0, 1.0), "Tanh": (-1.0, 1.0), "gaussian": (0.0, 1.0)}


def _sigmoid(z: Array) -> Array:
    return np.asarray(get_activation("sigmoid").f(z))


def _softmax(z: Array) -> Array:
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return np.asarray(e / e.sum(axis=1, keepdims=True))


def _sizes(sizes: Sequence[int]) -> str:
    """Hidden layer sizes as "8-4", as the network diagrams name them."""
    return "-".join(str(int(n)) for n in sizes)


# --- scikit-learn --------------------------------------------------------------------------

_SK_ACTIVATIONS = {"identity": "linear", "logistic": "sigmoid", "tanh": "tanh", "relu": "relu"}


def from_sklearn(model: Any) -> Net:
    name = type(model).__name__
    weights = [np.asarray(w, dtype=np.float64) for w in model.coefs_]
    biases = [np.asarray(b, dtype=np.float64) for b in model.intercepts_]
    hidden_f = get_activation(_SK_ACTIVATIONS[model.activation]).f
    out_act = model.out_activation_

    def run(x: Array) -> list[tuple[Array, Array]]:
        out, a = [], x
        for k, (w, b) in enumerate(zip(weights, biases, strict=True)):
            z = a @ w + b
            if k < len(weights) - 1:
                a = np.asarray(hidden_f(z))
            else:
                a = (_sigmoid(z) if out_act == "logistic" else
                     _softmax(z) if out_act == "softmax" else z)
            out.append((z, a))
        return out

    if name == "MLPClassifier":
        task: Task = "binary" if out_act == "logistic" and weights[-1].shape[1] == 1 else \
            "multiclass"
    else:
        task = "regression"
    sizes = [w.shape[1] for w in weights[:-1]]
    return Net(
        description=f"scikit-learn {name}, hidden layers {_sizes(sizes)}, {model.activation}",
        n_inputs=weights[0].shape[0], hidden=sizes, activations=[model.activation] * len(sizes),
        task=task, run=run,
        score_of=(lambda za: za[1][:, 0]) if task != "multiclass" else (lambda za: za[1]),
        out_linear=(weights[-1], biases[-1]) if task == "binary" else None,
        bounded=[_BOUNDS.get(model.activation)] * len(sizes))


# --- mlscope -------------------------------------------------------------------------------


def from_mlscope(net: Any, task: Task) -> Net:
    out_name = net.activations[-1].name

    def run(x: Array) -> list[tuple[Array, Array]]:
        out, a = [], x
        for w, b, act in zip(net.weights, net.biases, net.activations, strict=True):
            z = a @ w + b
            a = act.f(z)
            out.append((z, a))
        return out

    def score(za: tuple[Array, Array]) -> Array:
        z, a = za
        if task == "multiclass":
            return a if out_name == "softmax" else _softmax(z)
        if task == "regression":
            return a[:, 0]
        if out_name == "sigmoid":
            return a[:, 0]
        if out_name == "tanh":  # labels ±1, as in the playground
            return (a[:, 0] + 1.0) / 2.0
        return _sigmoid(z[:, 0])

    names = [a.name for a in net.activations[:-1]]
    return Net(description=f"mlscope MLP {'-'.join(map(str, net.sizes))}, {', '.join(names)}",
               n_inputs=net.sizes[0], hidden=list(net.sizes[1:-1]), activations=names,
               task=task, run=run, score_of=score,
               out_linear=(net.weights[-1], net.biases[-1]) if task == "binary" else None,
               bounded=[_BOUNDS.get(n) for n in names])


# --- PyTorch -------------------------------------------------------------------------------

_TORCH_ELEMENTWISE = ("ReLU", "Tanh", "Sigmoid", "LeakyReLU", "ELU", "GELU", "SiLU",
                      "Softplus", "Mish", "Hardtanh", "ReLU6", "Softsign", "CELU", "SELU",
                      "Tanhshrink", "Hardsigmoid", "Hardswish", "LogSigmoid", "PReLU")
_TORCH_PASS = ("Identity", "Dropout", "Flatten")


def _torch_groups(model: Any) -> list[tuple[Any, list[Any]]]:
    """[(Linear, [activation modules after it])] from the model's leaf modules in order."""
    leaves = [m for m in model.modules() if not list(m.children())]
    groups: list[tuple[Any, list[Any]]] = []
    for m in leaves:
        kind = type(m).__name__
        if kind == "Linear":
            groups.append((m, []))
        elif kind in _TORCH_ELEMENTWISE or kind in ("Softmax",):
            if not groups:
                raise LensError(f"the model applies {kind} before its first Linear layer; "
                                "the lens needs Linear layers, each followed by activations.")
            groups[-1][1].append(m)
        elif kind not in _TORCH_PASS:
            raise LensError(f"the model has a {kind} layer; the lens reads networks of "
                            f"Linear layers and elementwise activations "
                            f"({', '.join(_TORCH_ELEMENTWISE)}).")
    if len(groups) < 2:
        raise LensError("the model needs at least one hidden layer: two or more Linear layers.")
    return groups


def from_torch(model: Any, task: Task, x_check: Array) -> Net:
    import torch

    groups = _torch_groups(model)
    param = next(model.parameters())
    dtype, device = param.dtype, param.device

    def torch_run(x: Array) -> tuple[list[tuple[Array, Array]], Array]:
        was_training = model.training
        model.eval()  # dropout off; restored below, so the user's model is left as it was
        try:
            with torch.no_grad():
                t = torch.as_tensor(x, dtype=dtype, device=device)
                out = []
                a = t
                for linear, acts in groups:
                    z = linear(a)
                    a = z
                    for act in acts:
                        a = act(a)
                    out.append((z.double().cpu().numpy(), a.double().cpu().numpy()))
                whole = model(t).double().cpu().numpy()
        finally:
            model.train(was_training)
        return out, whole

    layers, whole = torch_run(x_check[:512])
    if whole.shape != layers[-1][1].shape or not np.allclose(whole, layers[-1][1],
                                                              rtol=1e-4, atol=1e-5):
        raise LensError("the model's forward() does not apply its layers one after another "
                        "in the order they were defined; pass an nn.Sequential of its layers.")

    def run(x: Array) -> list[tuple[Array, Array]]:
        return torch_run(x)[0]

    last = [type(m).__name__ for m in groups[-1][1]]

    def score(za: tuple[Array, Array]) -> Array:
        z, a = za
        if task == "multiclass":
            return a if last == ["Softmax"] else _softmax(z)
        if task == "regression":
            return a[:, 0]
        return a[:, 0] if last == ["Sigmoid"] else _sigmoid(z[:, 0])

    names = ["+".join(type(m).__name__ for m in acts) or "linear" for _, acts in groups[:-1]]
    out_linear = None
    if task == "binary":
        lin = groups[-1][0]
        out_linear = (lin.weight.detach().double().cpu().numpy().T,
                      lin.bias.detach().double().cpu().numpy() if lin.bias is not None
                      else np.zeros(lin.out_features))
    return Net(description=f"PyTorch {type(model).__name__}, hidden layers "
                           f"{_sizes([g[0].out_features for g in groups[:-1]])}, "
                           f"{', '.join(names)}",
               n_inputs=groups[0][0].in_features, hidden=[g[0].out_features for g in groups[:-1]],
               activations=names, task=task, run=run, score_of=score, out_linear=out_linear,
               bounded=[_BOUNDS.get(n) for n in names])


# --- entry point ---------------------------------------------------------------------------


def infer_task(y: Any) -> Task:
    """Classification for labels (strings, booleans, integers, or whole-number floats with
    at most 10 distinct values), regression otherwise."""
    y = np.asarray(y)
    if y.dtype.kind in "OUSb":
        return "binary" if len(np.unique(y)) <= 2 else "multiclass"
    values = np.unique(y)
    if y.dtype.kind in "iu" or (len(values) <= 10 and np.all(values == np.round(values))):
        return "binary" if len(values) <= 2 else "multiclass"
    return "regression"


def _kind(model: Any) -> str:
    """"sklearn", "mlscope" or "torch"; LensError naming what is supported otherwise."""
    name, module = type(model).__name__, type(model).__module__
    if module.startswith("sklearn.") and name in ("MLPClassifier", "MLPRegressor"):
        return "sklearn"
    if module.startswith("mlscope.") and name == "MLP":
        return "mlscope"
    if _is_torch_module(model):
        return "torch"
    raise LensError(f"the lens cannot read a {module}.{name}. It reads {SUPPORTED}.")


def n_inputs_of(model: Any) -> int:
    """How many features ``model`` reads (LensError if it is unsupported or not fitted)."""
    kind = _kind(model)
    if kind == "sklearn":
        if not hasattr(model, "coefs_"):
            raise LensError(f"this {type(model).__name__} is not fitted yet: call "
                            ".fit(X, y) first.")
        return int(model.coefs_[0].shape[0])
    if kind == "mlscope":
        return int(model.sizes[0])
    return int(_torch_groups(model)[0][0].in_features)


def as_net(model: Any, x: Array, y: Any = None, task: str | None = None) -> Net:
    """The ``Net`` of ``model``, which reads ``x`` (already checked: (n, n_inputs_of(model)));
    LensError naming what is supported for anything else."""
    if task is not None and task not in TASKS:
        raise LensError(f"task must be one of {', '.join(TASKS)}; got {task!r}.")
    kind = _kind(model)
    if kind == "sklearn":
        n_inputs_of(model)
        return from_sklearn(model)
    guessed: Task = task or (infer_task(y) if y is not None else "binary")  # type: ignore
    if kind == "mlscope":
        if guessed == "binary" and model.sizes[-1] != 1:
            guessed = "multiclass"
        return from_mlscope(model, guessed)
    out = _torch_groups(model)[-1][0].out_features
    if guessed == "binary" and out != 1:
        guessed = "multiclass"
    return from_torch(model, guessed, x)


def _is_torch_module(model: Any) -> bool:
    return any(c.__module__.startswith("torch.nn") and c.__name__ == "Module"
               for c in type(model).__mro__)


def check_data(x: Any, y: Any, n_inputs: int, names: Sequence[str] = ("X", "y")) \
        -> tuple[Array, NDArray[Any] | None]:
    """X as float64 (n, n_inputs) and y as (n,); LensError naming the expected shape."""
    try:
        xa = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError):
        raise LensError(f"{names[0]} must be numbers, an array of shape "
                        f"(n_samples, {n_inputs}).") from None
    if xa.ndim != 2 or xa.shape[1] != n_inputs:
        raise LensError(f"{names[0]} must have shape (n_samples, {n_inputs}) for this model; "
                        f"got shape {xa.shape}.")
    if len(xa) < 2:
        raise LensError(f"{names[0]} needs at least 2 samples; got {len(xa)}.")
    if not np.isfinite(xa).all():
        raise LensError(f"{names[0]} has NaN or infinite values; the lens needs finite numbers.")
    if y is None:
        return xa, None
    ya = np.asarray(y)
    if ya.ndim == 2 and ya.shape[1] == 1:
        ya = ya[:, 0]
    if ya.ndim != 1 or len(ya) != len(xa):
        raise LensError(f"{names[1]} must have shape ({len(xa)},), one target per row of "
                        f"{names[0]}; got shape {ya.shape}.")
    if ya.dtype.kind == "O":  # numbers with a None among them: a missing value
        with contextlib.suppress(TypeError, ValueError):
            ya = np.asarray(ya, dtype=np.float64)
    if ya.dtype.kind == "c":
        raise LensError(f"{names[1]} has complex numbers; the lens needs real targets.")
    if ya.dtype.kind == "f" and not np.isfinite(ya).all():
        bad = int((~np.isfinite(ya)).sum())
        raise LensError(f"{names[1]} has {bad} NaN or infinite value{'s' if bad > 1 else ''} "
                        f"(first at row {int(np.argmin(np.isfinite(ya)))}); the lens needs a "
                        "finite target for every row. Drop those rows or fill them in.")
    return xa, ya
