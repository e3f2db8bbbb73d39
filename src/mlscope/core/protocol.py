"""Every message between a front end and a session; mirrored by ``frontend/src/types.ts``.

Client -> session, JSON text (``id`` is the client's counter, echoed back as ``applied``):

- ``{"type": "hello", "params": {name: value}}``: start; values may be URL text.
- ``{"type": "set", "id": n, "params": {name: value}}``: change parameters.
- ``{"type": "action", "id": n, "name": str, "value"?: any}``: a button ("play" and "pause"
  included), a click in a view or an upload (``value``: what it sends).
- ``{"type": "speed", "id": n, "value": k}``: steps per frame while playing.
- ``{"type": "ack", "seq": k}``: frame k is on screen; the next may come.
- ``{"type": "export", "id": n, "format": "png"|"gif"|"mp4"|"html", "frames": k,
  "every": k, "size": px}``: record the explorable as it is now into a file (the web app
  renders it on the server; see ``web/exports.py``).
- ``{"type": "cancel_export"}``: stop the export under way.

Session -> client:

- a frame, binary (``encoding.encode``), whose header is ``{"type": "frame", "seq",
  "applied", "params"?, "url"?, "playing", "speed", "steps", "views"}``; "params" and "url"
  are left out when unchanged since the last frame; "steps" is how many steps the frame
  took while playing;
- ``{"type": "export", "state": "progress"|"done"|"cancelled"|"error", ...}``, JSON text,
  about an export: ``done`` and ``total`` frames, then ``url`` and ``name`` of the file to
  download, or a ``message``;
- ``{"type": "error", "field": str, "message": str, "id": n | null}``, JSON text, for a
  value that is not allowed: the message names the field and what is allowed.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from typing import Any, Literal, TypedDict

from mlscope.core.params import IntParam, ParamError, brief

MAX_MESSAGE_BYTES = 1 << 20
"""Largest client message accepted (a drawn data set of 5,000 points fits well within)."""

SPEED = IntParam("speed", 1, 1, 1000, label="steps per frame",
                 doc="How many steps the session takes between two frames while playing "
                     "(fewer if they would take longer than a frame's time budget).")

STEP_BUDGET_S = 0.018
"""While playing, a frame stops stepping after this long, so the display keeps at least
30 frames per second whatever the speed asked for (the rest of a frame's time goes to
building, sending and drawing it, on a machine the browser shares)."""
MAX_STEP_BUDGET_S = 0.030
"""While playing, the session takes steps for up to STEP_BUDGET_S per frame, or longer when
the page is the slower side (it takes longer to draw a frame, as each ack says, or prepared
frames wait for its ack), up to this: the next frame is computed while the page draws this
one, so that time is free."""

MAX_ID = 2**53 - 1
"""Message ids and frame numbers stay below this: the page reads them as JavaScript
numbers, which are exact only up to 2^53."""

MessageType = Literal["hello", "set", "action", "speed", "ack", "export", "cancel_export"]
_FIELDS: dict[str, dict[str, type | tuple[type, ...]]] = {
    "hello": {"params": dict},
    "set": {"id": int, "params": dict},
    "action": {"id": int, "name": str},
    "speed": {"id": int, "value": (int, float)},
    "ack": {"seq": int},
    "export": {"id": int, "format": str},
    "cancel_export": {},
}

EXPORT_FORMATS = ("png", "gif", "mp4", "html")
EXPORT_FRAMES = IntParam("frames", 60, 1, 600, label="frames",
                         doc="Frames in a recording made from the app.")
EXPORT_EVERY = IntParam("every", 1, 1, 100, label="steps between frames")
EXPORT_SIZE = IntParam("size", 480, 240, 1280, label="size (pixels)")


@dataclass(frozen=True)
class ExportRequest:
    """What the session hands its transport for an export message: a copy of the
    explorable as it is now (the live one plays on) and the checked options."""

    id: int
    format: str
    frames: int
    every: int
    size: int
    explorable: Any


class CancelExport:
    """The client asked to stop its export."""


def export_request(msg: dict[str, Any], explorable: Any) -> ExportRequest:
    """Check an export message's options; ParamError names the first one not allowed."""
    fmt = msg["format"]
    if fmt not in EXPORT_FORMATS:
        raise ParamError("format", f"format must be one of {', '.join(EXPORT_FORMATS)}; "
                                   f"got {brief(fmt)}.")
    for spec in (EXPORT_FRAMES, EXPORT_EVERY, EXPORT_SIZE):  # numbers, not text, here
        v = msg.get(spec.name)
        if v is not None and (isinstance(v, bool) or not isinstance(v, int | float)):
            raise ParamError(spec.name, f"{spec.name} must be {spec.allowed}; got {brief(v)}.")
    frames = 1 if fmt == "png" else EXPORT_FRAMES.validate(msg.get("frames", 60))
    if frames > 1 and not explorable.playable:
        frames = 1  # a still explorable records what it shows
    return ExportRequest(msg["id"], fmt, frames, EXPORT_EVERY.validate(msg.get("every", 1)),
                         EXPORT_SIZE.validate(msg.get("size", 480)),
                         copy.deepcopy(explorable))


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
        size = len(raw) if isinstance(raw, bytes) or len(raw) * 4 <= MAX_MESSAGE_BYTES \
            else len(raw.encode("utf-8", "surrogatepass"))  # bytes, not characters
        if size > MAX_MESSAGE_BYTES:
            raise ParamError("message", f"a message must be at most {MAX_MESSAGE_BYTES} bytes; "
                                        f"got {size}.")
        try:
            msg = json.loads(raw)
        except ValueError:
            raise ParamError("message", "a message must be a JSON object.") from None
        except RecursionError:
            raise ParamError("message", "a message must be a JSON object; this one is "
                                        "nested too deep to read.") from None
    else:
        msg = raw
    if not isinstance(msg, dict):
        raise ParamError("message", "a message must be a JSON object.")
    kind = msg.get("type")
    if not isinstance(kind, str) or kind not in _FIELDS:
        raise ParamError("type", f"type must be one of {', '.join(_FIELDS)}; got {brief(kind)}.")
    for name, typ in _FIELDS[kind].items():
        value = msg.get(name)
        if isinstance(value, bool) or not isinstance(value, typ):
            raise ParamError(name, f"a {kind} message needs {name!r} of type "
                                   f"{getattr(typ, '__name__', 'number')}; got {brief(value)}.")
        if typ is int and isinstance(value, int) and not 0 <= value <= MAX_ID:
            raise ParamError(name, f"{name} must be a whole number in [0, {MAX_ID}]; "
                                   f"got {brief(value)}.")
    return msg
