"""mlscope: see how machine learning works, by playing with it.

>>> import mlscope
>>> ex = mlscope.explorable("house-prices", weight=0.18, bias=0)
>>> round(ex.error, 1)
2057.7
"""

from __future__ import annotations

from typing import Any

from mlscope import jupyter
from mlscope.catalog import all_explorables, get
from mlscope.core.explorable import Explorable
from mlscope.core.params import ParamError

__version__ = "0.1.0"
__all__ = ["Explorable", "ParamError", "all_explorables", "explorable", "export", "runs", "show",
           "watch"]


def explorable(slug: str, **params: Any) -> Explorable:
    """A new explorable by its slug, with ``params`` validated like everywhere else."""
    return get(slug)(**params)


def show(slug: str, *, story: bool = False, **params: Any) -> Any:
    """Show explorable ``slug`` live in Jupyter; returns the widget. The whole dashboard
    (free play), or with ``story=True`` its guided story, step by step.

    >>> w = mlscope.show("house-prices", weight=0.18)   # doctest: +SKIP
    >>> s = mlscope.show("house-prices", story=True)    # doctest: +SKIP
    """
    from mlscope.notebook.widget import ExplorableWidget

    return ExplorableWidget(explorable(slug, **params), show_guide=story)


def export(target: Any, path: Any, **options: Any) -> Any:
    """Write ``target`` (an explorable, its slug, a widget, a lens object, a run from
    ``mlscope.runs()``, played from its first step to its last) to ``path``: the
    suffix picks GIF, MP4, PNG or a self-contained HTML replay. Options and what they do:
    ``mlscope.render.export.export``.

    >>> mlscope.export("house-prices", "gd.gif", frames=60)   # doctest: +SKIP
    """
    from mlscope.render.export import export as _export
    from mlscope.timeline.runs import Run

    if isinstance(target, str):
        target = get(target)()
    elif isinstance(target, Run):  # a recorded run: its timeline from the first step
        cls = target.explorable().__class__
        target = cls(at=cls.first)
    return _export(target, path, **options)


def watch(model: Any, *, probe: Any = None, run: str | None = None, store: Any = None,
          optimizer: Any = None, every: int | None = None, hparams: dict[str, Any] | None = None,
          overwrite: bool = False, flush_secs: float = 1.0) -> Any:
    """Record ``model``'s training as a run: a PyTorch module or a scikit-learn estimator.

    >>> w = mlscope.watch(model, probe=(X_probe, y_probe), run="adam-lr1e-3",
    ...                   optimizer=opt)                         # doctest: +SKIP
    >>> for step in range(1000):                                 # doctest: +SKIP
    ...     ...                                                  # your training step
    ...     w.log(step, loss=loss.item())
    >>> w.close()                                                # doctest: +SKIP

    ``log`` stores the scalars given (and the optimizer's learning rate); every ``every``
    steps (10 for PyTorch, 1 for scikit-learn) a snapshot keeps weights, biases, gradients
    and their norms, activations and output on the ``probe`` set ((X, y) or X; at most
    5,000 rows), and for two features the output over the probe's plane. ``store``: a
    folder or ``.sqlite`` file (default ``./mlscope-runs``) or a ``postgresql://`` URL.
    A run of the same name is an error unless ``overwrite=True``. Writing happens in a
    background thread every ``flush_secs``; ``close()`` (or a ``with`` block) writes the
    rest. For scikit-learn, ``mlscope.timeline.sklearn_watch.record_fit`` runs the loop.
    """
    from mlscope.timeline import watch as _watch

    return _watch(model, probe=probe, run=run, store=store, optimizer=optimizer, every=every,
                  hparams=hparams, overwrite=overwrite, flush_secs=flush_secs)


def runs(store: Any = None) -> Any:
    """The runs in ``store`` (default ``./mlscope-runs``; a folder, a ``.sqlite`` file or a
    ``postgresql://`` URL) by name: ``mlscope.runs()["adam"].scalars("loss")``."""
    from mlscope.timeline.runs import Runs

    return Runs(store)


jupyter.register()
