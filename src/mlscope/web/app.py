"""The ASGI app: gallery, explorable pages, thumbnails, the static bundle and /ws sessions.

Routes:
    GET /                      gallery, grouped by topic
    GET /x/{slug}?k=v&embed=1  an explorable; every parameter and the seed come from the URL
    GET /thumb/{slug}.png      gallery thumbnail, drawn by mlscope.render from a real frame
    GET /api/explorables       the catalogue as JSON
    WS  /ws/{slug}             a live session (protocol: mlscope.core.protocol)
    GET /download/{token}      a file exported from a session (web/exports.py)
    GET /runs                  the training runs in the server's run store (web/runs.py)
    GET /runs/view?run=NAME    one run's timeline (more run=... to compare); its socket is
                               /ws/run:["NAME",...]
    GET /static/...            the front-end bundle built into the package
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import lru_cache
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles

from mlscope import catalog
from mlscope.core.params import ParamError
from mlscope.web import pages
from mlscope.web.exports import Store, download
from mlscope.web.runs import RunStore, run_view, runs_page
from mlscope.web.session_slots import SessionSlots
from mlscope.web.ws import session_endpoint

STATIC_DIR = Path(__file__).resolve().parent.parent / "_static"


async def gallery(request: Request) -> Response:
    return HTMLResponse(pages.gallery())


MAX_QUERY_CHARS = 16_000
"""A page's query string is read up to this length: links carry parameters, and the page
keeps long values (your own data) in the browser's storage instead (frontend/src/page.ts)."""


async def explorable(request: Request) -> Response:
    try:
        cls = catalog.get(request.path_params["slug"])
    except ParamError as err:
        return HTMLResponse(pages.not_found(err.message), status_code=404)
    query = request.url.query
    if len(query) > MAX_QUERY_CHARS:
        return HTMLResponse(pages.too_long(len(query), MAX_QUERY_CHARS, request.url.path),
                            status_code=414)
    embed = request.query_params.get("embed", "0") not in ("", "0", "false")
    return HTMLResponse(pages.explorable_page(cls, embed))


@lru_cache(maxsize=64)
def _thumbnail(slug: str) -> bytes:
    from mlscope.render.thumbnail import thumbnail_png

    return thumbnail_png(catalog.get(slug)())


async def thumbnail(request: Request) -> Response:
    try:
        png = _thumbnail(request.path_params["slug"])
    except ParamError as err:
        return JSONResponse({"error": err.message}, status_code=404)
    return Response(png, media_type="image/png",
                    headers={"Cache-Control": "public, max-age=3600"})


async def api_explorables(request: Request) -> Response:
    return JSONResponse([c.describe() for c in catalog.all_explorables()])


STATE_DIR_ENV, MAX_SESSIONS_ENV = "MLSCOPE_STATE_DIR", "MLSCOPE_MAX_SESSIONS"
RUN_STORE_ENV = "MLSCOPE_RUN_STORE"
"""How `mlscope serve --workers N` hands every worker process the same settings."""


def create_app(max_sessions: int = 100, state_dir: str | Path | None = None,
               run_store: str | Path | None = None) -> Starlette:
    """The app; ``max_sessions`` bounds the live sessions. With ``state_dir`` (a folder
    shared by the server's worker processes) the bound counts across them and any of them
    can serve a download another made; without, this process is the server. ``run_store``:
    where the Runs page reads training runs (default ./mlscope-runs; a folder, a .sqlite
    file or a postgresql:// URL)."""
    if not (STATIC_DIR / "page.js").exists():
        raise RuntimeError(f"the front-end bundle is missing from {STATIC_DIR}: "
                           "run `make build` (or `npm --prefix frontend run build`).")
    shared = Path(state_dir) if state_dir is not None else None
    store = Store(shared=shared / "exports" if shared else None)
    runs = RunStore(run_store)

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        yield
        store.close()  # exported files live as long as the server
        runs.close()

    app = Starlette(lifespan=lifespan, routes=[
        Route("/", gallery),
        Route("/x/{slug}", explorable),
        Route("/thumb/{slug}.png", thumbnail),
        Route("/api/explorables", api_explorables),
        WebSocketRoute("/ws/{slug:path}", session_endpoint),
        Route("/download/{token}", download),
        Route("/runs", runs_page),
        Route("/runs/view", run_view),
        Mount("/static", StaticFiles(directory=STATIC_DIR), name="static"),
    ])
    app.state.sessions = SessionSlots(max_sessions, shared / "sessions" if shared else None)
    app.state.exports = store
    app.state.run_store = runs
    return app


def app_from_env() -> Starlette:
    """The app of one worker of `mlscope serve --workers N` (uvicorn's factory): its
    settings from the environment the command set."""
    return create_app(int(os.environ.get(MAX_SESSIONS_ENV, "100")),
                      os.environ.get(STATE_DIR_ENV) or None,
                      os.environ.get(RUN_STORE_ENV) or None)
