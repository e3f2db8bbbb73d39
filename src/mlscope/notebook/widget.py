"""The notebook widget: the web app's JS bundle, the kernel's comm instead of a port.

Messages are the same as over the websocket (``core.protocol``): the front end sends them
with ``model.send``; frames come back as one binary buffer beside ``{"type": "frame"}``.
The session is driven by those messages alone, so no thread or event loop is needed.

>>> import mlscope
>>> w = mlscope.show("house-prices", weight=0.18)   # displays live in Jupyter
>>> w.set(bias=120)                                  # moves the slider
>>> w.values["bias"]
120.0
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import anywidget
import traitlets

from mlscope.core.explorable import Explorable
from mlscope.core.protocol import CancelExport, ExportRequest
from mlscope.core.session import Outgoing, Session

_STATIC = Path(__file__).resolve().parent.parent / "_static"


class ExplorableWidget(anywidget.AnyWidget):
    """A live explorable in a notebook cell."""

    _esm = _STATIC / "widget.js"
    _css = _STATIC / "mlscope.css"
    spec = traitlets.Dict().tag(sync=True)
    show_guide = traitlets.Bool(False).tag(sync=True)

    def __init__(self, explorable: Explorable, show_guide: bool = False) -> None:
        if not (_STATIC / "widget.js").exists():
            raise RuntimeError(f"the front-end bundle is missing from {_STATIC}: run `make build`.")
        super().__init__(spec=explorable.describe(), show_guide=show_guide)
        self.session = Session(explorable)
        self.on_msg(self._on_msg)

    @property
    def explorable(self) -> Explorable:
        return self.session.explorable

    @property
    def values(self) -> dict[str, Any]:
        """The parameter values as Python sees them now."""
        return self.explorable.values

    def set(self, **values: Any) -> None:
        """Change parameters from Python; validated as in the app; the controls follow."""
        self._send_out(self.session.set(**values))

    def act(self, name: str, value: Any = None) -> None:
        """Run an action from Python, e.g. ``w.act("gd10")`` or
        ``w.act("upload_csv", open("mine.csv").read())``; the view follows."""
        msg: dict[str, Any] = {"type": "action", "id": 0, "name": name}
        if value is not None:
            msg["value"] = value
        self._send_out(self.session.receive(msg))

    def save(self, path: Any, **options: Any) -> Any:
        """Export what this widget shows to ``path`` (.gif, .mp4, .png, .html), from a copy
        of its state (``mlscope.export`` options; a tqdm bar shows progress)."""
        from mlscope.render.export import export

        return export(self.explorable, path, **options)

    def _on_msg(self, _widget: Any, content: Any, _buffers: Any) -> None:
        self._send_out(self.session.receive(content))

    def _send_out(self, messages: list[Outgoing]) -> None:
        for m in messages:
            if isinstance(m, bytes):
                self.send({"type": "frame"}, buffers=[m])
            elif isinstance(m, ExportRequest | CancelExport):
                self.send({"type": "export", "state": "error", "id": getattr(m, "id", 0),
                           "message": "In a notebook, export from Python: w.save('out.gif')."})
            else:
                self.send(dict(m))
