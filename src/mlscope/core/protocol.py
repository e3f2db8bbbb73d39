"""Every message between a front end and a session; mirrored by ``frontend/src/types.ts``.

Client -> session, JSON text (``id`` is the client's counter, echoed back as ``applied``):

- ``{"type": "hello", "params": {name: value}}``: start; values may be URL text.
- ``{"type": "set", "id": n, "params": {name: value}}``: change parameters.
- ``{"type": "action", "id": n, "name": str, "value"?: any}``: a button ("play" and "pause"
  included), a click in a view or an upload (``value``: what it sends).
- ``{"type": "speed", "id": n, "value": k}``: steps per frame while playing.
- ``{"type": "ack", "seq": k}``: frame k is on screen; the next may come.

Session -> client:

- a frame, binary (``encoding.encode``), whose header is ``{"type": "frame", "seq",
  "applied", "params"?, "url"?, "playing", "speed", "steps", "views"}``; "params" and "url"
  are left out when unchanged since the last frame; "steps" is how many steps the frame
  took while playing;
- ``{"type": "error", "field": str, "message": str, "id": n | null}``, JSON text, for a
  value that is not allowed: the message names the field and what is allowed.
"""

from __future__ import annotations

import json
from typing import Any, Literal, TypedDict

from mlscope.core.params import IntParam, ParamError

MAX_MESSAGE_BYTES = 1 << 20
"""Largest client message accepted (a drawn data set of 5,000 points fits well within)."""

SPEED = IntParam("speed", 1, 1, 1000, label="steps per frame",
                 doc="How many steps the session takes between two frames while playing "
                     "(fewer if they would take longer than a frame's time budget).")

STEP_BUDGET_S = 0.018
"""While playing, a frame stops stepping after this long, so the display keeps at least
30 frames per second whatever the speed asked for (the rest of a frame's time goes to
building, sending and drawing it, on a machine the browser shares)."""

MessageType = Literal["hello", "set", "action", "speed", "ack"]
_FIELDS: dict[str, dict[str, type | tuple[type, ...]]] = {
    "hello": {"params": dict},
    "set": {"id": int, "params": dict},
    "action": {"id": int, "name": str},
    "speed": {"id": int, "value": (int, float)},
    "ack": {"seq": int},
}


class ErrorMessage(TypedDict):
    type: Literal["error"]
    field: str
    message: str
    id: int | None


def error_message(err: ParamError, msg_id: int | None = None) -> ErrorMessage:
    return {"type": "error", "field": err.field, "message": err.message, "id": msg_id}


def parse_client_message(raw: str | bytes | dict[str, Any]) -> dict[str, Any]:
    """Check a client message's shape; ParamError (field "message") if it is malformed."""
    if isinstance(raw, str | bytes):
        if len(raw) > MAX_MESSAGE_BYTES:
            raise ParamError("message", f"a message must be at most {MAX_MESSAGE_BYTES} bytes; "
                                        f"got {len(raw)}.")
        try:
            msg = json.loads(raw)
        except ValueError:
            raise ParamError("message", "a message must be a JSON object.") from None
    else:
        msg = raw
    if not isinstance(msg, dict):
        raise ParamError("message", "a message must be a JSON object.")
    kind = msg.get("type")
    if kind not in _FIELDS:
        raise ParamError("type", f"type must be one of {', '.join(_FIELDS)}; got {kind!r}.")
    for name, typ in _FIELDS[kind].items():
        value = msg.get(name)
        if isinstance(value, bool) or not isinstance(value, typ):
            raise ParamError(name, f"a {kind} message needs {name!r} of type "
                                   f"{getattr(typ, '__name__', 'number')}; got {value!r}.")
    return msg
