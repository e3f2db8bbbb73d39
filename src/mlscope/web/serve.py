"""Running the app with uvicorn: what `mlscope serve` and a lens display's `serve()` share."""

from __future__ import annotations

import os
import shutil
import tempfile
from typing import Any

from starlette.applications import Starlette

from mlscope.core.protocol import MAX_MESSAGE_BYTES

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def run(app: Starlette, host: str, port: int) -> None:
    """Serve ``app`` until interrupted. Frames are mostly float arrays, which deflate barely
    shrinks; on this machine compressing them cost the server and the browser more time than
    the bytes save (6 % of the server's time in the playground), so websocket compression is
    on only when the app is served beyond this machine."""
    import uvicorn

    uvicorn.run(app, host=host, port=port, **_options(host))


def _options(host: str) -> dict[str, Any]:
    return {"log_level": "warning", "ws_max_size": 2 * MAX_MESSAGE_BYTES,
            # a long link gets the page that explains (414), not a bare 400
            "h11_max_incomplete_event_size": MAX_MESSAGE_BYTES,
            "ws_per_message_deflate": host not in LOOPBACK}


def run_workers(workers: int, max_sessions: int, host: str, port: int,
                run_store: str | None = None) -> None:
    """Serve with ``workers`` processes behind one port (uvicorn's own workers). Each
    websocket is one session in whichever worker took it; the session bound and the
    exported files are shared through one temporary folder, removed when the server stops."""
    import uvicorn

    from mlscope.web.app import MAX_SESSIONS_ENV, RUN_STORE_ENV, STATE_DIR_ENV

    state = tempfile.mkdtemp(prefix="mlscope-serve-")
    os.environ[STATE_DIR_ENV], os.environ[MAX_SESSIONS_ENV] = state, str(max_sessions)
    if run_store is not None:
        os.environ[RUN_STORE_ENV] = str(run_store)
    try:
        uvicorn.run("mlscope.web.app:app_from_env", factory=True, workers=workers, host=host,
                    port=port, **_options(host))
    finally:
        shutil.rmtree(state, ignore_errors=True)
