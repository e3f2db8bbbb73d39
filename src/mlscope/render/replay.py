"""The HTML replay: one self-contained file that plays a recording with the app's own JS
renderers, in any browser, with no server and no network.

The file holds the player bundle (``_static/replay.js``, built from
``frontend/src/replay.ts``) and the styles inline, the page spec and frame labels as JSON,
and the frames in binary: each is the websocket's wire format (``core/encoding.py``,
arrays unchanged since the frame before are not repeated) prefixed by its uint32 length,
the whole gzip-compressed and base64-encoded into a script element.
"""

from __future__ import annotations

import base64
import gzip
import html
import json
import struct
from pathlib import Path
from typing import Any

from mlscope.core.encoding import ArrayCache, encode
from mlscope.core.explorable import Explorable
from mlscope.render.figure import Layout
from mlscope.render.record import Frame

STATIC = Path(__file__).resolve().parent.parent / "_static"

TEMPLATE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="mlscope">
<title>{title} · mlscope replay</title>
<style>{css}</style>
</head>
<body class="replay-page">
<div id="replay"><p class="loading">Loading the recording…</p></div>
<script type="application/json" id="mlscope-replay">{info}</script>
<script type="application/octet-stream" id="mlscope-frames">{frames}</script>
<script>{js}</script>
</body>
</html>
"""


def _script_safe(text: str) -> str:
    """Text that cannot end its <script> or <style> element early."""
    return text.replace("</", "<\\/")


class ReplayWriter:
    def __init__(self, path: Path, ex: Explorable, layout: Layout, fps: float) -> None:
        if not (STATIC / "replay.js").exists():
            raise RuntimeError(f"the front-end bundle is missing from {STATIC}: run `make build`.")
        self.path, self.fps = path, fps
        self.layout = [list(r) for r in layout]
        self.names = [n for r in self.layout for n in r]
        self.spec = {**type(ex).describe(), "layout": self.layout}
        self.labels: list[str] = []
        self._cache = ArrayCache()
        self._chunks: list[bytes] = []

    def add(self, frame: Frame) -> None:
        header: dict[str, Any] = {
            "type": "frame", "seq": frame.index + 1, "applied": 0, "playing": False,
            "speed": 1, "steps": 0, "views": {n: frame.views[n] for n in self.names},
            "params": frame.params,
        }
        blob = encode(header, self._cache)
        self._chunks.append(struct.pack("<I", len(blob)) + blob)
        self.labels.append(frame.label)

    def close(self) -> None:
        packed = gzip.compress(b"".join(self._chunks), compresslevel=6)
        self._chunks.clear()
        title = str(self.spec["title"])
        info = {"spec": self.spec, "title": title, "labels": self.labels, "fps": self.fps}
        page = TEMPLATE.format(
            title=html.escape(title),
            css=_script_safe((STATIC / "mlscope.css").read_text(encoding="utf-8")),
            info=json.dumps(info, separators=(",", ":")).replace("<", "\\u003c"),
            frames=base64.b64encode(packed).decode("ascii"),
            js=_script_safe((STATIC / "replay.js").read_text(encoding="utf-8")),
        )
        self.path.write_text(page, encoding="utf-8")

    def abort(self) -> None:
        self._chunks.clear()
        self.path.unlink(missing_ok=True)
