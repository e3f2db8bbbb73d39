"""Running the app with uvicorn: what `mlscope serve` and a lens display's `serve()` share."""

from __future__ import annotations

from starlette.applications import Starlette

from mlscope.core.protocol import MAX_MESSAGE_BYTES

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def run(app: Starlette, host: str, port: int) -> None:
    """Serve ``app`` until interrupted. Frames are mostly float arrays, which deflate barely
    shrinks; on this machine compressing them cost the server and the browser more time than
    the bytes save (6 % of the server's time in the playground), so websocket compression is
    on only when the app is served beyond this machine."""
    import uvicorn

    uvicorn.run(app, host=host, port=port, log_level="warning",
                ws_max_size=2 * MAX_MESSAGE_BYTES,
                # a long link gets the page that explains (414), not a bare 400
                h11_max_incomplete_event_size=MAX_MESSAGE_BYTES,
                ws_per_message_deflate=host not in LOOPBACK)
