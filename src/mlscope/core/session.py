"""A session: one explorable driven by one front end, whatever the transport.

It is a state machine with no I/O: ``receive(message)`` returns what to send back (binary
frames and JSON error messages). The websocket endpoint and the notebook widget both just
pass messages in and send what comes out, so the play loop, flow control and validation
live here once.

Flow control: at most one frame is in flight. After sending a frame the session waits for
the client's ``ack`` (sent once the frame is taken for painting) before sending another;
changes that arrive meanwhile are applied at once and go out together in the next frame.
While playing, each frame first runs ``speed`` steps (fewer if they overrun the frame's time
budget), so training speed is decoupled from the frame rate and the frame rate follows what
the client can paint.

While playing, a transport may also call ``prepare()`` right after sending a frame: the
next frame is then computed while the client paints this one, and goes out the moment the
ack arrives. Still one frame in flight; a change made meanwhile shows one frame later.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from mlscope.core.encoding import ArrayCache, encode
from mlscope.core.explorable import Explorable
from mlscope.core.params import ParamError
from mlscope.core.protocol import (
    MAX_STEP_BUDGET_S,
    SPEED,
    STEP_BUDGET_S,
    CancelExport,
    ErrorMessage,
    ExportRequest,
    error_message,
    export_request,
    parse_client_message,
)

Outgoing = bytes | ErrorMessage | ExportRequest | CancelExport
"""Frames, error messages, and export requests for the transport to carry out."""

log = logging.getLogger("mlscope.session")

MAX_HELLO_ERRORS = 10
"""A link's bad values are reported one by one up to this many messages."""


def failure_message(err: Exception, msg_id: int | None = None) -> ErrorMessage:
    """What the page is told when the explorable itself failed (a bug, not bad input): the
    session stays open, playing stops, the last good picture stays."""
    return {"type": "error", "field": "explorable", "id": msg_id,
            "message": f"This explorable failed ({type(err).__name__}) and stopped playing; "
                       "the picture is the last good one. Change a setting or press Reset."}


class Session:
    """Drive ``explorable`` from client messages; see the module docstring."""

    def __init__(self, explorable: Explorable) -> None:
        self.explorable = explorable
        self.playing = False
        self.speed = SPEED.validate(explorable.default_speed)
        self.seq = 0  # frames encoded
        self.applied = 0  # id of the last client message applied
        self.in_flight = False
        self._sent_seq = 0  # the frame in flight
        self._ready: bytes | ErrorMessage | None = None
        """A frame prepared while the last was in flight (or the failure to make it)."""
        self.dirty = True
        self.steps = 0  # steps taken for the last frame
        self._cache = ArrayCache()
        self._sent_params: dict[str, Any] | None = None
        self._sent_unused: list[str] | None = None
        self.paint_period = 0.0
        """The page's time to draw a frame while playing (smoothed, from its acks)."""
        self._prepared_at = 0.0  # when the prepared frame was ready, until its ack
        self.slack = 0.0
        """Seconds a prepared frame waited for the page's ack (smoothed): time the session
        could have spent on more steps."""
        self.step_time = 0.0
        """Seconds one step takes (smoothed while playing): a frame ends as near its budget
        as whole steps allow, rather than overrunning it by up to a whole step."""

    # --- input ------------------------------------------------------------------------

    def receive(self, raw: str | bytes | dict[str, Any]) -> list[Outgoing]:
        """Apply one client message; return the messages to send back, in order."""
        out: list[Outgoing] = []
        msg_id = None
        try:
            msg = parse_client_message(raw)
            msg_id = msg.get("id")
            out.extend(self._apply(msg))
        except ParamError as err:
            out.append(error_message(err, msg_id if isinstance(msg_id, int) else None))
        except Exception as err:  # a bug in the explorable must not end the session
            log.exception("%s failed on a message", self.explorable.slug)
            self.playing = False
            out.append(failure_message(err, msg_id if isinstance(msg_id, int) else None))
        out.extend(self._flush())
        return out

    def set(self, **values: Any) -> list[Outgoing]:
        """Change parameters from Python (e.g. the notebook): validated like any message."""
        self.explorable.set(**values)
        self.dirty = True
        return self._flush()

    def _apply(self, msg: dict[str, Any]) -> list[Outgoing]:
        kind = msg["type"]
        if kind == "ack":
            if msg["seq"] == self._sent_seq:
                self.in_flight = False
                self._time_ack(msg.get("render_ms"))
                self._time_slack()
            return []
        if kind == "export":
            return [export_request(msg, self.explorable)]
        if kind == "cancel_export":
            return [CancelExport()]
        if kind == "hello":
            self.in_flight, self.dirty, self._sent_params = False, True, None
            self._sent_unused = None
            self._ready = None
            return self._apply_each(msg["params"])
        self.applied = max(self.applied, msg["id"])
        self.dirty = True
        if kind == "set":
            self.explorable.set(**msg["params"])
        elif kind == "speed":
            self.speed = SPEED.validate(msg["value"])
        elif msg["name"] in ("play", "pause"):
            self.playing = msg["name"] == "play" and self.explorable.playable
            self.paint_period, self.slack, self.step_time = 0.0, 0.0, 0.0
        else:
            self.explorable.act(msg["name"], msg.get("value"))
        return []

    def _apply_each(self, values: dict[str, Any]) -> list[Outgoing]:
        """Start afresh from ``values``: what is valid is used, each value that is not is
        reported (a link with one bad field still opens, on that field's default).
        With no values the explorable is kept as it is: in a notebook it is the user's own
        object, and a second view of the same widget must not reset it."""
        if not values:
            return []
        errors: list[Outgoing] = []
        # Unnamed parameters take their defaults, as the link means: not the current values,
        # some of which follow from others (points generated for a count and a seed).
        good: dict[str, Any] = {}
        for name, value in values.items():
            try:
                good.update(self.explorable.validate({name: value}))
            except ParamError as err:
                errors.append(error_message(err))
        # A value can pass alone and fail the explorable's own check (a formula that is
        # undefined everywhere, a count out of reach of another field): drop that field, say
        # why, and open on the rest.
        while True:
            try:
                self.explorable = type(self.explorable)(**good)
                break
            except ParamError as err:
                if err.field not in good:
                    raise
                del good[err.field]
                errors.append(error_message(err))
        self.playing = False
        if len(errors) > MAX_HELLO_ERRORS:  # a link of 20,000 unknown names: not 20,000 errors
            rest = len(errors) - MAX_HELLO_ERRORS + 1
            errors = [*errors[:MAX_HELLO_ERRORS - 1], {
                "type": "error", "field": "message", "id": None,
                "message": f"…and {rest:,} more values of this link were not used."}]
        return errors

    # --- output -----------------------------------------------------------------------

    def _flush(self) -> list[Outgoing]:
        if self.in_flight:
            return []
        if self._ready is not None:
            ready, self._ready = self._ready, None
        elif self.dirty or self.playing:
            ready = self._compute()
        else:
            return []
        if not isinstance(ready, bytes):
            return [ready]
        self.in_flight, self._sent_seq = True, self.seq  # the last frame encoded is this one
        return [ready]

    def _compute(self) -> bytes | ErrorMessage:
        """The next frame, after this frame's steps if playing; if the explorable fails,
        the message that says so (and playing stops)."""
        self.steps = 0
        self.dirty = False
        try:
            if self.playing:
                self._play()
            return self.frame_bytes()
        except Exception as err:  # a bug in the explorable must not end the session
            log.exception("%s failed to compute a frame", self.explorable.slug)
            self.playing = False
            return failure_message(err)

    def prepare(self) -> None:
        """While playing with a frame in flight, compute the next one now (see the module
        docstring); it is sent when the ack comes. Does nothing otherwise."""
        if self.playing and self.in_flight and self._ready is None:
            self._ready = self._compute()
            self._prepared_at = time.perf_counter()

    def _time_ack(self, render_ms: Any) -> None:
        """Note how long the page took to draw its last frame (the ack's render_ms)."""
        if not self.playing or isinstance(render_ms, bool) or \
                not isinstance(render_ms, int | float) or not 0 <= render_ms <= 10_000:
            return
        dt = float(render_ms) / 1000
        self.paint_period = dt if not self.paint_period else 0.8 * self.paint_period + 0.2 * dt

    def _time_slack(self) -> None:
        """How long the prepared frame waited for this ack; the budget grows by most of it
        and shrinks again when frames stop waiting."""
        if self._prepared_at and self.playing:
            waited = time.perf_counter() - self._prepared_at
            self.slack = min(MAX_STEP_BUDGET_S, 0.8 * self.slack + 0.8 * waited) \
                if waited > 0.002 else 0.8 * self.slack
        self._prepared_at = 0.0

    def step_budget(self) -> float:
        """Seconds of steps per frame: STEP_BUDGET_S, or more while the page is slower than
        the steps (the next frame is computed as the page draws this one, so that time costs
        the display nothing): 0.9 of its drawing time, or the budget plus the time prepared
        frames waited for the page's ack; at most MAX_STEP_BUDGET_S."""
        return min(MAX_STEP_BUDGET_S, max(STEP_BUDGET_S + self.slack,
                                          0.9 * self.paint_period))

    def _play(self) -> None:
        """Take ``speed`` steps, or fewer: stop when the next step would end farther past the
        frame's time budget than the frame now ends short of it (always one step at least).
        Steps of 14 ms under a 30 ms budget make frames of two (28 ms), not three (42)."""
        start = time.perf_counter()
        deadline = start + self.step_budget()
        while self.steps < self.speed:
            self.explorable.step()
            self.steps += 1
            now = time.perf_counter()
            took, start = now - start, now
            self.step_time = took if not self.step_time else 0.7 * self.step_time + 0.3 * took
            if self.explorable.finished:
                self.playing = False
                break
            if now + self.step_time / 2 > deadline:
                break

    def frame_header(self) -> dict[str, Any]:
        """The next frame before encoding: views plus the state the controls show."""
        self.seq += 1
        ex = self.explorable
        header: dict[str, Any] = {
            "type": "frame",
            "seq": self.seq,
            "applied": self.applied,
            "playing": self.playing,
            "speed": self.speed,
            "steps": self.steps,
            "views": self._shown(),
        }
        story = ex.story()
        if story is not None:
            header["story"] = story
        unused = sorted(ex.unused())
        if unused != self._sent_unused:
            self._sent_unused = unused
            header["unused"] = unused
        values = ex.values
        if values != self._sent_params:
            # Unchanged parameters are not resent: a drawn data set can be 5,000 points.
            self._sent_params = values
            header["params"] = values
            header["url"] = ex.url_query()
        return header

    def _shown(self) -> dict[str, Any]:
        """The views the page shows at the story's step (all of them in free play); only
        those are built."""
        ex = self.explorable
        step = ex.step_now
        return ex.frame() if step is None else ex.frame_of(step.views)

    def frame_bytes(self) -> bytes:
        """Encode the next frame; arrays unchanged since the last frame are not resent."""
        return encode(self.frame_header(), self._cache)
