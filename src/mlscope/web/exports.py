"""Exports made from the app: the file is rendered on the server while the page shows a
progress bar, then offered for download.

A session asks with an ``export`` message; ``Session`` answers with an ``ExportRequest``
holding a copy of its explorable as it is now, so the live session plays on meanwhile.
``run_export`` renders it in a worker thread (``mlscope.render.export``), sends progress
messages at most ten times a second, and registers the finished file under a random token
for ``GET /download/{token}``. Bounds: one export per session at a time, two per process
(more wait their turn), a session's files are deleted when its socket closes.
"""

from __future__ import annotations

import asyncio
import logging
import re
import secrets
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response

from mlscope.core.explorable import Explorable
from mlscope.core.params import ParamError
from mlscope.core.protocol import ExportRequest
from mlscope.render.export import ExportCancelled, export
from mlscope.render.record import steps_taken

MEDIA_TYPES = {"png": "image/png", "gif": "image/gif", "mp4": "video/mp4",
               "html": "text/html; charset=utf-8"}
PROGRESS_EVERY_S = 0.1

log = logging.getLogger("mlscope.web")


TOKEN = re.compile(r"[A-Za-z0-9_-]{22}")
"""What ``secrets.token_urlsafe(16)`` makes: a download token, and its folder's name."""


@dataclass
class Store:
    """Finished exports, one folder each, named by its download token.

    With ``shared`` (``mlscope serve --workers N``) every worker uses that folder, so any
    worker can serve a download another made; it belongs to the server and is not removed
    here. Otherwise the store makes its own temporary folder at the first export and
    removes it when the app stops."""

    shared: Path | None = None
    root: Path | None = None
    files: dict[str, tuple[Path, str, str]] = field(default_factory=dict)
    running: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(2))

    def __post_init__(self) -> None:
        if self.shared is not None:
            self.root = self.shared

    def folder(self) -> Path:
        """A fresh folder for one export, named by its token (the store's folder is made
        again if it was deleted while the server ran)."""
        if self.root is None or (self.shared is None and not self.root.is_dir()):
            self.root = Path(tempfile.mkdtemp(prefix="mlscope-export-"))
        folder = self.root / secrets.token_urlsafe(16)
        folder.mkdir(parents=True)
        return folder

    def add(self, path: Path, name: str, fmt: str) -> str:
        """Offer ``path`` (written in a ``folder()``) for download; its token."""
        token = path.parent.name
        self.files[token] = (path, name, fmt)
        return token

    def lookup(self, token: str) -> tuple[Path, str, str] | None:
        """(path, file name, format) of a finished export, or None."""
        held = self.files.get(token)
        if held is not None or self.shared is None or not TOKEN.fullmatch(token):
            return held
        found = [p for p in (self.shared / token).glob("*") if p.is_file()] \
            if (self.shared / token).is_dir() else []
        if len(found) != 1 or found[0].suffix[1:] not in MEDIA_TYPES:
            return None  # none, or one still being written beside its partial file
        return found[0], found[0].name, found[0].suffix[1:]

    def remove(self, token: str) -> None:
        self.files.pop(token, None)
        if self.root is not None and TOKEN.fullmatch(token):
            shutil.rmtree(self.root / token, ignore_errors=True)

    def close(self) -> None:
        if self.root is not None and self.shared is None:
            shutil.rmtree(self.root, ignore_errors=True)


def _remove(folder: Path | None) -> None:
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def file_name(req: ExportRequest) -> str:
    """What the file shows, as its frame labels say: "playground-epoch-300.png" for one
    frame, "playground-epochs-300-to-360.gif" for a recording (the last epoch it may reach:
    a stop rule can end it sooner), "lens-sklearn-mlpclassifier.png" for a model that does
    not train here."""
    ex = req.explorable
    start = steps_taken(ex)
    if not ex.step_name:
        stem = ex.slug
    elif req.frames > 1:
        stem = f"{ex.slug}-{ex.step_name}s-{start}-to-{start + (req.frames - 1) * req.every}"
    else:
        stem = f"{ex.slug}-{ex.step_name}-{start}"
    return re.sub(r"[^A-Za-z0-9._-]", "-", stem) + f".{req.format}"


@dataclass
class SessionExports:
    """One session's export under way, and its finished files."""

    store: Store
    tokens: list[str] = field(default_factory=list)
    cancel: threading.Event | None = None

    @property
    def busy(self) -> bool:
        return self.cancel is not None

    def close(self) -> None:
        if self.cancel is not None:
            self.cancel.set()
        for t in self.tokens:
            self.store.remove(t)


async def run_export(req: ExportRequest, mine: SessionExports, send: Any) -> None:
    """Render ``req``, reporting through ``send`` (an async function taking a dict)."""
    if mine.busy:
        await send({"type": "export", "state": "error", "id": req.id,
                    "message": "an export is already under way; cancel it or wait."})
        return
    mine.cancel = cancel = threading.Event()
    loop = asyncio.get_running_loop()
    last = [0.0]

    def progress(done: int, total: int) -> None:  # in the worker thread
        now = time.monotonic()
        if done == total or now - last[0] >= PROGRESS_EVERY_S:
            last[0] = now
            asyncio.run_coroutine_threadsafe(send({"type": "export", "state": "progress",
                                                   "id": req.id, "done": done,
                                                   "total": total}), loop)

    name = file_name(req)
    folder: Path | None = None
    # A PNG is the page's views; a recording the explorable's export layout; both only
    # what the story's step shows.
    page = req.format == "png"
    try:
        folder = mine.store.folder()
        path = folder / name
        await send({"type": "export", "state": "progress", "id": req.id, "done": 0,
                    "total": req.frames})
        async with mine.store.running:
            await run_in_threadpool(
                export, req.explorable, path, frames=req.frames, every=req.every, fps=15,
                size=_png_size(req) if page else (req.size, req.size), progress=False,
                views=shown_rows(req.explorable, page),
                on_progress=progress, cancel=cancel)
    except ExportCancelled:
        _remove(folder)
        await send({"type": "export", "state": "cancelled", "id": req.id})
        return
    except ParamError as err:
        _remove(folder)
        await send({"type": "export", "state": "error", "id": req.id, "message": err.message})
        return
    except Exception as err:  # a failed render (a bug, a full disk) is told to the page
        log.exception("export of %s failed", req.explorable.slug)
        _remove(folder)
        await send({"type": "export", "state": "error", "id": req.id,
                    "message": f"The export failed ({type(err).__name__}); nothing was "
                               "written. Try another format or fewer frames."})
        return
    finally:
        mine.cancel = None
    token = mine.store.add(path, name, req.format)
    mine.tokens.append(token)
    await send({"type": "export", "state": "done", "id": req.id, "name": name,
                "url": f"/download/{token}"})


def shown_rows(ex: Explorable, page: bool) -> list[list[str]]:
    """Rows of the views an export from the page shows: the page's layout (``page``) or the
    export layout, cut to the views of the story's step; a step none of whose views are in
    the export layout exports its own views, two to a row as the page shows them."""
    cls = type(ex)
    rows = [list(r) for r in (cls.layout if page else (cls.export_layout or cls.layout))]
    step = ex.step_now
    if step is None:
        return rows
    kept = [[n for n in r if n in step.views] for r in rows]
    kept = [r for r in kept if r]
    if kept and not page:
        return kept
    names = list(step.views)
    return [names[i:i + 2] for i in range(0, len(names), 2)]


def _png_size(req: ExportRequest) -> tuple[int, int]:
    """The page's views: width from the size asked for, height from the rows."""
    from mlscope.render.figure import row_weight

    views = req.explorable.frame()
    rows = shown_rows(req.explorable, True)
    w = max(req.size * 2, 960)
    h = int(sum(row_weight([views[n] for n in row]) * w * 0.42 for row in rows)) + 30
    return w, min(max(h, 240), 4096)


async def download(request: Request) -> Response:
    store: Store = request.app.state.exports
    held = store.lookup(request.path_params["token"])
    if held is None:
        return JSONResponse({"error": "no such export (they last as long as their page)"},
                            status_code=404)
    path, name, fmt = held
    return FileResponse(path, media_type=MEDIA_TYPES[fmt], filename=name)
