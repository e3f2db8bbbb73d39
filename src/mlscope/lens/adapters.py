"""A user's network as a ``Net``: every hidden layer's weighted sums and activations.

Three kinds of model are accepted, each read through its own adapter:

- scikit-learn: a fitted ``MLPClassifier`` or ``MLPRegressor`` (from ``coefs_``,
  ``intercepts_``, ``activation`` and ``out_activation_``, the model's own formulas);
- PyTorch: any ``nn.Module`` whose forward() calls a chain of ``Linear`` layers of matching
  widths (activations as modules or functions, BatchNorm, LayerNorm, Dropout, residual sums
  between them), read by forward hooks on those layers during the model's own forward, in
  eval mode without gradients (its mode restored after);
- a scikit-learn ``Pipeline`` whose last step is one of these: X goes through the steps
  before it (``through_pipeline``);
- mlscope: an ``mlscope.nn.MLP``.

``Net.layers(x)`` returns, for every layer of weights (hidden layers, then the output), the
pair (z, a): the weighted sums z = a_prev @ W + b and the activations a = f(z), each an
ndarray of shape (n_samples, layer size), float64.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from mlscope.core.params import did_you_mean
from mlscope.nn.activations import get as get_activation

Array = NDArray[np.float64]
Task = Literal["binary", "multiclass", "regression"]
TASKS = ("binary", "multiclass", "regression")

SUPPORTED = ("a fitted scikit-learn MLPClassifier or MLPRegressor (or a Pipeline ending in "
             "one; decision_boundary and surface take any fitted scikit-learn classifier or "
             "regressor); a PyTorch nn.Module whose forward() calls a chain of Linear layers "
             "(pip install mlscope[torch]); an mlscope.nn.MLP")
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
    layer_names: list[list[str]] | None = None
    """Per hidden layer, the names of the model's own modules that belong to it (a torch
    model's "encoder.0", "encoder.1"...), for ``layer="encoder.1"``."""

    def layer_index(self, name: str) -> int:
        """The hidden layer (0-based) that the model's module ``name`` belongs to."""
        for k, names in enumerate(self.layer_names or []):
            if name in names:
                return k
        known = [n for names in self.layer_names or [] for n in names]
        if not known:
            raise LensError(f"layer: a hidden layer's index, 0 to {len(self.hidden) - 1}; "
                            f"this model's layers have no names; got {name!r}.")
        guess = did_you_mean(name, known)
        raise LensError(f"layer: {name!r} is not a module of a hidden layer; "
                        + (f"did you mean {guess!r}? " if guess else "")
                        + f"hidden layers' modules: {', '.join(known)}.")

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


# --- any scikit-learn estimator, read from outside ---------------------------------------


def from_estimator(model: Any) -> Net:
    """Any fitted scikit-learn classifier or regressor, seen from outside: no hidden layers;
    its output read through ``predict_proba``, else ``decision_function`` (through a logistic
    for colour, 0.5 at its boundary), else ``predict`` (hard regions)."""
    name = type(model).__name__
    classes = getattr(model, "classes_", None)
    probe = np.zeros((1, int(model.n_features_in_)))
    if classes is None:  # a regressor
        def run_reg(x: Array) -> list[tuple[Array, Array]]:
            y = np.asarray(model.predict(x), dtype=np.float64).reshape(len(x), -1)
            return [(y, y)]

        return Net(description=f"scikit-learn {name}, read through its predict",
                   n_inputs=probe.shape[1], hidden=[], activations=[], task="regression",
                   run=run_reg, score_of=lambda za: za[1][:, 0], bounded=[])
    k = len(classes)
    task: Task = "binary" if k == 2 else "multiclass"
    method = next(m for m in ("predict_proba", "decision_function", "predict")
                  if _answers(model, m, probe))

    def run(x: Array) -> list[tuple[Array, Array]]:
        if method == "predict_proba":
            p = np.asarray(model.predict_proba(x), dtype=np.float64)
        elif method == "decision_function":
            d = np.asarray(model.decision_function(x), dtype=np.float64)
            p = np.column_stack([1 - _sigmoid(d), _sigmoid(d)]) if d.ndim == 1 else _softmax(d)
        else:
            pred = np.asarray(model.predict(x))
            p = (pred[:, None] == np.asarray(classes)[None, :]).astype(np.float64)
        return [(p, p)]

    how = {"predict_proba": "its predict_proba",
           "decision_function": "its decision_function (through a logistic for colour: the "
                                "boundary is where it is 0)",
           "predict": "its predict (hard regions: it gives no scores)"}[method]
    return Net(description=f"scikit-learn {name}, read through {how}",
               n_inputs=probe.shape[1], hidden=[], activations=[], task=task, run=run,
               score_of=(lambda za: za[1][:, 1]) if task == "binary" else (lambda za: za[1]),
               bounded=[])


def _answers(model: Any, method: str, x: Array) -> bool:
    """True if ``model.method(x)`` works (an SVC without probability=True has no
    predict_proba)."""
    fn = getattr(model, method, None)
    if fn is None:
        return False
    try:
        fn(x)
    except (AttributeError, NotImplementedError):
        return False
    return True


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

_BOUNDING = {"Tanh": (-1.0, 1.0), "Sigmoid": (0.0, 1.0)}


def _linears(model: Any) -> list[tuple[str, Any]]:
    return [(name, m) for name, m in model.named_modules() if type(m).__name__ == "Linear"]


def _torch_chain(model: Any, x: Array) -> list[tuple[str, Any]]:
    """The model's Linear layers in the order its forward() calls them, read by forward
    hooks on a few rows of ``x``; LensError unless they make one chain of matching widths,
    each called once."""
    import torch

    named = {id(m): n for n, m in _linears(model)}
    calls: list[Any] = []
    handles = [m.register_forward_hook(lambda mod, _i, _o: calls.append(mod))
               for _, m in _linears(model)]
    param = next(model.parameters())
    was_training = model.training
    try:
        model.eval()
        with torch.no_grad():
            model(torch.as_tensor(x[:8], dtype=param.dtype, device=param.device))
    except Exception as err:  # the model's own forward failed on X: say so
        raise LensError(f"the model's forward() failed on X: {type(err).__name__}: "
                        f"{err}") from None
    finally:
        model.train(was_training)
        for h in handles:
            h.remove()
    if len({id(m) for m in calls}) != len(calls):
        raise LensError("the model calls a Linear layer more than once (shared weights or a "
                        "loop); the lens follows a chain of layers, each used once.")
    if len(calls) < 2:
        raise LensError("the model needs at least one hidden layer: two or more Linear layers "
                        "called in forward().")
    for a, b in itertools.pairwise(calls):
        if a.out_features != b.in_features:
            raise LensError(f"layer {named[id(a)]!r} gives {a.out_features} numbers but the "
                            f"next Linear layer, {named[id(b)]!r}, reads {b.in_features}: the "
                            "lens follows a chain of Linear layers whose widths match (the "
                            "hidden activations between them of a fixed width).")
    return [(named[id(m)], m) for m in calls]


def from_torch(model: Any, task: Task, x_check: Array) -> Net:
    """Any module whose forward() calls a chain of Linear layers: z of a hidden layer is a
    Linear layer's output, its activation a whatever reaches the next Linear layer (module
    activations, functional ones such as F.relu, BatchNorm and LayerNorm, residual sums).
    Read in eval mode without gradients (BatchNorm with its running statistics, Dropout
    off); the model's mode is restored after each pass."""
    import torch

    chain = _torch_chain(model, x_check)
    param = next(model.parameters())
    dtype, device = param.dtype, param.device
    index = {id(m): k for k, (_, m) in enumerate(chain)}

    def torch_run(x: Array) -> tuple[list[tuple[Array, Array]], Array]:
        zs: list[Any] = [None] * len(chain)
        ins: list[Any] = [None] * len(chain)

        def hook(mod: Any, inputs: Any, output: Any) -> None:
            k = index[id(mod)]
            ins[k], zs[k] = inputs[0], output

        handles = [m.register_forward_hook(hook) for _, m in chain]
        was_training = model.training
        model.eval()
        try:
            with torch.no_grad():
                whole = model(torch.as_tensor(x, dtype=dtype, device=device))
        finally:
            model.train(was_training)
            for h in handles:
                h.remove()
        if isinstance(whole, tuple | list):
            whole = whole[0]
        out = []
        for k in range(len(chain)):
            z = zs[k].double().cpu().numpy()
            a = ins[k + 1] if k + 1 < len(chain) else whole
            out.append((z, a.double().cpu().numpy().reshape(len(x), -1)))
        return out, out[-1][1]

    layers, whole = torch_run(x_check[:512])
    z_last = layers[-1][0]
    final = "other"
    if whole.shape == z_last.shape:
        for kind, f in (("linear", lambda z: z), ("softmax", _softmax), ("sigmoid", _sigmoid)):
            if np.allclose(whole, f(z_last), rtol=1e-4, atol=1e-5):
                final = kind
                break

    def run(x: Array) -> list[tuple[Array, Array]]:
        return torch_run(x)[0]

    def score(za: tuple[Array, Array]) -> Array:
        z, a = za
        if task == "multiclass":
            return a if final == "softmax" else _softmax(z)
        if task == "regression":
            return a[:, 0]
        return a[:, 0] if final == "sigmoid" else _sigmoid(z[:, 0])

    # each hidden layer: its Linear and the modules defined after it, up to the next Linear
    modules = [(n, m) for n, m in model.named_modules() if n and not list(m.children())]
    groups: list[list[str]] = [[] for _ in chain]
    kinds: list[list[str]] = [[] for _ in chain]
    chain_at = {n: k for k, (n, _) in enumerate(chain)}
    current = -1
    for n, m in modules:
        if n in chain_at:
            current = chain_at[n]
        if 0 <= current < len(chain):
            groups[current].append(n)
            if n not in chain_at:
                kinds[current].append(type(m).__name__)
    names = ["+".join(k) or "f" for k in kinds[:-1]]
    bounded = [_BOUNDING.get(k[-1]) if k and k[-1] in _BOUNDING else None for k in kinds[:-1]]
    out_linear = None
    if task == "binary" and final in ("sigmoid", "linear"):
        lin = chain[-1][1]
        out_linear = (lin.weight.detach().double().cpu().numpy().T,
                      lin.bias.detach().double().cpu().numpy() if lin.bias is not None
                      else np.zeros(lin.out_features))
    normalising = sorted({type(m).__name__ for _, m in modules
                          if "Norm" in type(m).__name__ or "Dropout" in type(m).__name__})
    mode = f" (read in eval mode: {', '.join(normalising)} as at test time)" \
        if normalising else ""
    return Net(description=f"PyTorch {type(model).__name__}, hidden layers "
                           f"{_sizes([m.out_features for _, m in chain[:-1]])}, "
                           f"{', '.join(names)}{mode}",
               n_inputs=chain[0][1].in_features,
               hidden=[m.out_features for _, m in chain[:-1]], activations=names, task=task,
               run=run, score_of=score, out_linear=out_linear, bounded=bounded,
               layer_names=groups[:-1])


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
    if module.startswith("sklearn.") and hasattr(model, "predict") and hasattr(model, "fit"):
        return "estimator"
    if module.startswith("mlscope.") and name == "MLP":
        return "mlscope"
    if _is_torch_module(model):
        return "torch"
    raise LensError(f"the lens cannot read a {module}.{name}. It reads {SUPPORTED}.")


def n_inputs_of(model: Any) -> int:
    """How many features ``model`` reads (LensError if it is unsupported or not fitted)."""
    kind = _kind(model)
    if kind == "estimator":
        if not hasattr(model, "n_features_in_"):
            raise LensError(f"this {type(model).__name__} is not fitted yet: call "
                            ".fit(X, y) first.")
        return int(model.n_features_in_)
    if kind == "sklearn":
        if not hasattr(model, "coefs_"):
            raise LensError(f"this {type(model).__name__} is not fitted yet: call "
                            ".fit(X, y) first.")
        return int(model.coefs_[0].shape[0])
    if kind == "mlscope":
        return int(model.sizes[0])
    linears = _linears(model)
    if len(linears) < 2:
        raise LensError("the model needs at least one hidden layer: two or more Linear "
                        "layers.")
    return int(linears[0][1].in_features)


def as_net(model: Any, x: Array, y: Any = None, task: str | None = None) -> Net:
    """The ``Net`` of ``model``, which reads ``x`` (already checked: (n, n_inputs_of(model)));
    LensError naming what is supported for anything else."""
    if task is not None and task not in TASKS:
        guess = did_you_mean(task, TASKS)
        raise LensError(f"task must be one of {', '.join(TASKS)}; got {task!r}"
                        + (f"; did you mean {guess!r}?" if guess else "."))
    kind = _kind(model)
    if kind == "estimator":
        n_inputs_of(model)
        return from_estimator(model)
    if kind == "sklearn":
        n_inputs_of(model)
        return from_sklearn(model)
    guessed: Task = task or (infer_task(y) if y is not None else "binary")  # type: ignore
    if kind == "mlscope":
        if guessed == "binary" and model.sizes[-1] != 1:
            guessed = "multiclass"
        return from_mlscope(model, guessed)
    out = _torch_chain(model, x)[-1][1].out_features
    if guessed == "binary" and out != 1:
        guessed = "multiclass"
    return from_torch(model, guessed, x)


def through_pipeline(model: Any, x: Any) -> tuple[Any, Any, str]:
    """(the network, X as it reaches it, a note) for a scikit-learn Pipeline whose last step
    is the network: X goes through the earlier steps' ``transform``; anything else as is."""
    if type(model).__name__ != "Pipeline" or not type(model).__module__.startswith("sklearn"):
        return model, x, ""
    name, last = model.steps[-1]
    before = [type(step).__name__ for _, step in model.steps[:-1] if step != "passthrough"]
    try:
        x_in = model[:-1].transform(x) if before else x
    except Exception as err:  # not fitted, or X of the wrong shape: the pipeline's words
        raise LensError(f"the Pipeline's steps before {name!r} could not transform X: "
                        f"{type(err).__name__}: {err}") from None
    note = (f"Seen through the Pipeline's last step {name!r} ({type(last).__name__})"
            + (f", after {', '.join(before)}: the axes are the features as it reads them."
               if before else "."))
    return last, x_in, note


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
