"""One websocket session through the ASGI test client, as the page drives it."""

from __future__ import annotations

import json
from typing import Any

from mlscope.core.encoding import decode


class Peer:
    """One websocket session: send JSON, read frames (decoded) or error messages."""

    def __init__(self, ws: Any) -> None:
        self.ws, self.known = ws, {}

    def send(self, **msg: Any) -> None:
        self.ws.send_text(json.dumps(msg))

    def read(self) -> dict[str, Any]:
        m = self.ws.receive()
        if m.get("bytes") is not None:
            return decode(m["bytes"], self.known)
        return json.loads(m["text"])

    def frame_after(self, **msg: Any) -> dict[str, Any]:
        """Send msg and read what comes back (a frame or an error)."""
        self.send(**msg)
        return self.read()

    def next_frame(self, last: dict[str, Any], limit: int = 50) -> dict[str, Any]:
        """Ack ``last`` and read on until a frame comes (errors before it are skipped)."""
        self.send(type="ack", seq=last["seq"])
        for _ in range(limit):
            got = self.read()
            if got["type"] == "frame":
                return got
        raise AssertionError(f"no frame in {limit} messages")

    def exchange(self, sync_id: int, **msg: Any) -> list[dict[str, Any]]:
        """Send ``msg`` and then an empty set with id ``sync_id``; return the messages that
        came back before the frame that applied the set (frames on the way are acked, so
        nothing is left in flight)."""
        self.send(**msg)
        self.send(type="set", id=sync_id, params={})
        got = []
        while True:
            m = self.read()
            if m["type"] != "frame":
                got.append(m)
                continue
            self.send(type="ack", seq=m["seq"])
            if m["applied"] >= sync_id:
                return got
