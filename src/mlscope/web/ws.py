"""The websocket session endpoint: one socket, one Session, messages in, frames out.

All logic lives in ``core.session.Session``; this loop only moves bytes. Compute runs in a
worker thread so one busy session does not stall the sockets of the others.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging

from starlette.concurrency import run_in_threadpool
from starlette.websockets import WebSocket, WebSocketDisconnect

from mlscope import catalog
from mlscope.core.params import ParamError
from mlscope.core.protocol import CancelExport, ExportRequest
from mlscope.core.session import Session
from mlscope.timeline.store import StoreError
from mlscope.web.exports import SessionExports, run_export
from mlscope.web.runs import is_run_slug
from mlscope.web.session_slots import SessionSlots

log = logging.getLogger("mlscope.web")

# Close codes in the application range 4000-4999.
CLOSE_UNKNOWN_EXPLORABLE = 4404
CLOSE_TOO_MANY_SESSIONS = 4429


async def session_endpoint(websocket: WebSocket) -> None:
    slots: SessionSlots = websocket.app.state.sessions
    slug = websocket.path_params["slug"]
    # A refusal is sent after accepting: closed before, the ASGI server answers a bare HTTP
    # 403 and the page cannot tell a full server from a dropped line.
    try:
        cls = await run_in_threadpool(websocket.app.state.run_store.resolve, slug) \
            if is_run_slug(slug) else catalog.get(slug)
    except (ParamError, StoreError, ValueError) as err:
        await websocket.accept()
        reason = err.message if isinstance(err, ParamError) else str(err)
        await websocket.close(CLOSE_UNKNOWN_EXPLORABLE, reason=reason[:120])
        return
    slot = slots.acquire()
    if slot is None:
        await websocket.accept()
        await websocket.close(CLOSE_TOO_MANY_SESSIONS,
                              reason=f"This server is full ({slots.maximum} session"
                                     f"{'' if slots.maximum == 1 else 's'}): try again later.")
        return
    try:
        await websocket.accept()
        session = Session(cls())
    except BaseException:
        slots.release(slot)
        raise
    exports = SessionExports(websocket.app.state.exports)
    tasks: set[asyncio.Task[None]] = set()

    async def send_json(msg: dict[str, object]) -> None:
        # If the page has gone, its export is cancelled below.
        with contextlib.suppress(WebSocketDisconnect, RuntimeError):
            await websocket.send_text(json.dumps(msg))

    try:
        while True:
            message = await websocket.receive()
            if message["type"] == "websocket.disconnect":
                break
            raw = message.get("text") or message.get("bytes") or b""
            for out in await run_in_threadpool(session.receive, raw):
                if isinstance(out, bytes):
                    await websocket.send_bytes(out)
                elif isinstance(out, ExportRequest):
                    task = asyncio.create_task(run_export(out, exports, send_json))
                    tasks.add(task)
                    task.add_done_callback(tasks.discard)
                elif isinstance(out, CancelExport):
                    if exports.cancel is not None:
                        exports.cancel.set()
                else:
                    await websocket.send_text(json.dumps(out))
            # While playing, compute the next frame as the browser paints this one.
            await run_in_threadpool(session.prepare)
    except WebSocketDisconnect:
        pass
    except Exception:  # a bug in one explorable must not take the server down
        log.exception("session %s failed", slug)
        await websocket.close(1011)
    finally:
        slots.release(slot)
        exports.close()
