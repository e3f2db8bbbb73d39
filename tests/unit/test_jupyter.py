"""An explorable, the last expression of a notebook cell, shows as the live widget: core
knows nothing of Jupyter; ``mlscope.jupyter`` registers the display with IPython."""

from __future__ import annotations

from IPython.core.interactiveshell import InteractiveShell

import mlscope
from mlscope import jupyter

WIDGET = "application/vnd.jupyter.widget-view+json"


def test_an_explorable_displays_as_its_widget_once_registered():
    shell = InteractiveShell.instance()
    try:
        ex = mlscope.explorable("house-prices", weight=0.2)
        assert WIDGET not in shell.display_formatter.format(ex)[0]
        assert jupyter.register(shell)
        data, _ = shell.display_formatter.format(ex)
        assert WIDGET in data
        assert "text/plain" in data
    finally:
        InteractiveShell.clear_instance()


def test_plain_python_registers_nothing():
    assert jupyter.register() is False
