"""Recording a scikit-learn estimator's training: ``mlscope.watch(estimator, ...)`` in a
``partial_fit`` loop, and ``record_fit`` for the three ways scikit-learn trains step by
step (``partial_fit``, ``warm_start``, staged predictions of boosting).

A snapshot keeps the fitted parameters it finds (an MLP's ``coefs_``/``intercepts_`` per
layer, a linear model's ``coef_``/``intercept_``), the estimator's output on the probe set
(``predict_proba``, else ``decision_function``, else ``predict``) and, for two features,
that output over a grid on the probe's plane. A step logs the estimator's ``loss_`` when it
has one and the loop did not log a loss itself.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mlscope.timeline.store import Store
from mlscope.timeline.watch import Watch


class SklearnWatch(Watch):
    source = "sklearn"

    def __init__(self, estimator: Any, *, probe: Any = None, run: str | None = None,
                 store: str | Store | None = None, every: int = 1,
                 hparams: dict[str, Any] | None = None, overwrite: bool = False,
                 flush_secs: float = 1.0) -> None:
        self.estimator = estimator
        self.staged = False
        """True when the loop keeps each stage's output itself (boosting's stages)."""
        params = {k: v for k, v in estimator.get_params(deep=False).items()
                  if isinstance(v, int | float | str | bool | type(None))}
        info = {"model": type(estimator).__name__, "estimator_params": params}
        super().__init__(run=run, store=store, every=every, hparams=hparams,
                         overwrite=overwrite, flush_secs=flush_secs, info=info, probe=probe)

    def _log_more(self, step: int, metrics: dict[str, Any]) -> None:
        loss = getattr(self.estimator, "loss_", None)
        if "loss" not in metrics and isinstance(loss, float | int | np.floating):
            self.writer.scalar("loss", step, float(loss))

    def _snapshot(self, step: int) -> None:
        for tag, values in parameters(self.estimator):
            self._keep(f"param/{tag}", step, values)
        if self.x is None or self.staged or not _fitted(self.estimator):
            return
        self._keep("output", step, output_of(self.estimator)(self.x))
        if self.grid is not None:
            self._keep("boundary", step, output_of(self.estimator)(self.grid), hist=False)


def parameters(estimator: Any) -> list[tuple[str, NDArray[np.float64]]]:
    """The fitted arrays a snapshot keeps, named as the estimator names them."""
    out: list[tuple[str, NDArray[np.float64]]] = []
    for k, (w, b) in enumerate(zip(getattr(estimator, "coefs_", []),
                                   getattr(estimator, "intercepts_", []), strict=False)):
        out += [(f"layer{k}.weight", np.array(w, float)), (f"layer{k}.bias", np.array(b, float))]
    if not out and getattr(estimator, "coef_", None) is not None:
        out.append(("coef", np.atleast_1d(np.array(estimator.coef_, float))))
        if getattr(estimator, "intercept_", None) is not None:
            out.append(("intercept", np.atleast_1d(np.array(estimator.intercept_, float))))
    return out


def output_of(estimator: Any) -> Callable[[NDArray[np.float64]], NDArray[np.float32]]:
    """The estimator's richest output: class probabilities, else decision values, else
    predictions; always (n, k) float32."""
    for method in ("predict_proba", "decision_function", "predict"):
        fn = getattr(estimator, method, None)
        if fn is None:
            continue
        try:
            fn(np.zeros((1, int(getattr(estimator, "n_features_in_", 1)))))
        except (AttributeError, NotImplementedError):
            continue  # e.g. predict_proba of an SVC without probability=True
        except ValueError:
            pass
        return _as_output(fn)
    raise TypeError(f"{type(estimator).__name__} has no predict, predict_proba or "
                    f"decision_function")


def _as_output(fn: Callable[[Any], Any]) -> Callable[[NDArray[np.float64]],
                                                     NDArray[np.float32]]:
    return lambda x: np.asarray(fn(x), np.float32).reshape(len(x), -1)


def _fitted(estimator: Any) -> bool:
    return any(k.endswith("_") and not k.startswith("_") for k in vars(estimator))


def record_fit(estimator: Any, X: Any, y: Any, *, steps: int = 50, probe: Any = None,
               run: str | None = None, store: str | Store | None = None,
               classes: Any = None, every: int = 1, hparams: dict[str, Any] | None = None,
               overwrite: bool = False) -> SklearnWatch:
    """Trains ``estimator`` on (X, y) step by step and records every step as a run:

    - with ``partial_fit`` (SGD, MLP, naive Bayes...): ``steps`` passes over the data;
    - with staged predictions (GradientBoosting, AdaBoost): one ``fit``, then each stage
      (``steps`` is ignored: the stages are the estimator's own);
    - with ``warm_start`` and ``n_estimators`` (forests, bagging): ``steps`` fits, each
      adding ``n_estimators`` trees; with ``warm_start`` and ``max_iter`` (MLP): ``steps``
      fits of one iteration each.

    Scores on (X, y) and on the probe (the estimator's ``score``) are logged at every step.
    Returns the closed watch (its ``name`` is the run's)."""
    if not (isinstance(steps, int) and 1 <= steps <= 100_000):
        raise ValueError(f"steps: a whole number from 1 to 100000; got {steps!r}")
    if not (hasattr(estimator, "partial_fit") or hasattr(estimator, "staged_predict")
            or "warm_start" in estimator.get_params()):
        raise TypeError(f"{type(estimator).__name__} trains in one go (no partial_fit, "
                        f"staged_predict or warm_start): there are no steps to record")
    x = np.asarray(X, dtype=np.float64)
    target = np.asarray(y)
    if probe is None:
        probe = (x[:1000], target[:1000])
    w = SklearnWatch(estimator, probe=probe, run=run, store=store, every=every,
                     hparams=hparams, overwrite=overwrite)
    with w, warnings.catch_warnings():
        warnings.simplefilter("ignore", category=_convergence_warning())
        if hasattr(estimator, "partial_fit"):
            kwargs = {}
            if _is_classifier(estimator):
                kwargs["classes"] = np.unique(target) if classes is None else classes
            for step in range(steps):
                estimator.partial_fit(x, target, **(kwargs if step == 0 else {}))
                w.log(step, **_scores(estimator, x, target, w))
        elif hasattr(estimator, "staged_predict"):
            _record_stages(estimator, x, target, w)
        else:
            _record_warm_start(estimator, x, target, w, steps)
    return w


def _scores(estimator: Any, x: NDArray[np.float64], y: NDArray[Any],
            w: SklearnWatch) -> dict[str, float]:
    out = {"train_score": float(estimator.score(x, y))}
    if w.x is not None and w.y is not None:
        out["probe_score"] = float(estimator.score(w.x, w.y))
    return out


def _record_stages(estimator: Any, x: NDArray[np.float64], y: NDArray[Any],
                   w: SklearnWatch) -> None:
    w.staged = True
    estimator.fit(x, y)
    train = estimator.staged_predict(x)
    probe = estimator.staged_predict(w.x) if w.y is not None else None
    out = _staged_output(estimator, w.x) if w.x is not None else None
    grid = _staged_output(estimator, w.grid) if w.grid is not None else None
    classify = hasattr(estimator, "predict_proba")
    for step, pred in enumerate(train):
        scores = {"train_score": _score(pred, y, classify)}
        if probe is not None and w.y is not None:
            scores["probe_score"] = _score(next(probe), w.y, classify)
        for tag, values in (("output", out), ("boundary", grid)):
            if values is not None:
                w._keep(tag, step, next(values), hist=tag == "output")
        w.log(step, **scores)


def _staged_output(estimator: Any, x: Any) -> Any:
    for method in ("staged_predict_proba", "staged_decision_function", "staged_predict"):
        fn = getattr(estimator, method, None)
        if fn is not None:
            return (np.asarray(v, np.float32).reshape(len(x), -1) for v in fn(x))
    return None


def _score(pred: NDArray[Any], y: NDArray[Any], classify: bool) -> float:
    if classify:
        return float(np.mean(pred == y))
    resid = ((y - pred) ** 2).sum()
    total = ((y - y.mean()) ** 2).sum()
    return float(1 - resid / total) if total > 0 else float("nan")


def _record_warm_start(estimator: Any, x: NDArray[np.float64], y: NDArray[Any],
                       w: SklearnWatch, steps: int) -> None:
    params = estimator.get_params()
    if "n_estimators" in params:
        per = int(params["n_estimators"])
        for step in range(steps):
            estimator.set_params(warm_start=True, n_estimators=per * (step + 1))
            estimator.fit(x, y)
            w.log(step, **_scores(estimator, x, y, w))
    elif "max_iter" in params:
        estimator.set_params(warm_start=True, max_iter=1)
        for step in range(steps):
            estimator.fit(x, y)
            w.log(step, **_scores(estimator, x, y, w))
    else:
        raise TypeError(f"{type(estimator).__name__} has warm_start but neither n_estimators "
                        f"nor max_iter to grow step by step")


def _is_classifier(estimator: Any) -> bool:
    from sklearn.base import is_classifier

    return bool(is_classifier(estimator))


def _convergence_warning() -> type[Warning]:
    from sklearn.exceptions import ConvergenceWarning

    return ConvergenceWarning  # type: ignore[no-any-return]
