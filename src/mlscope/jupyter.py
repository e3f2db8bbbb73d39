"""Jupyter shows an explorable live: the last expression of a cell becomes its widget.

The explorables (``core``) know nothing of notebooks; this module, above them, teaches
IPython's display machinery to show one through the notebook widget. ``import mlscope``
calls ``register()`` when it runs inside IPython; ``%load_ext mlscope.jupyter`` does too.
"""

from __future__ import annotations

import sys
from typing import Any

from mlscope.core.explorable import Explorable


def _bundle(ex: Explorable) -> Any:
    from mlscope.notebook.widget import ExplorableWidget

    return ExplorableWidget(ex)._repr_mimebundle_()


def register(shell: Any = None) -> bool:
    """Show explorables as live widgets in ``shell`` (the running IPython by default).
    False when there is no IPython (plain Python never imports it)."""
    if shell is None:
        ipython = sys.modules.get("IPython")
        shell = ipython.get_ipython() if ipython is not None else None
    if shell is None:
        return False
    shell.display_formatter.mimebundle_formatter.for_type(Explorable, _bundle)
    from mlscope.timeline.runs import Run

    shell.display_formatter.mimebundle_formatter.for_type(Run, _run_bundle)
    return True


def _run_bundle(run: Any) -> Any:
    """A recorded run shows its timeline (``mlscope.runs()["name"]`` as a cell's value)."""
    return _bundle(run.explorable())


def load_ipython_extension(shell: Any) -> None:
    """``%load_ext mlscope.jupyter``."""
    register(shell)
