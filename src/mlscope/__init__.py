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
__all__ = ["Explorable", "ParamError", "all_explorables", "explorable", "export", "show"]


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
    """Write ``target`` (an explorable, its slug, a widget, a lens object) to ``path``: the
    suffix picks GIF, MP4, PNG or a self-contained HTML replay. Options and what they do:
    ``mlscope.render.export.export``.

    >>> mlscope.export("house-prices", "gd.gif", frames=60)   # doctest: +SKIP
    """
    from mlscope.render.export import export as _export

    if isinstance(target, str):
        target = get(target)()
    return _export(target, path, **options)


jupyter.register()
