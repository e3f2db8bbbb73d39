"""The Runs pages: the runs of the server's run store, and one run (or several compared) as
a timeline explorable.

    GET /runs                      the runs: name, model, steps, last values; tick to compare
    GET /runs/view?run=A&run=B     the timeline of A (B's curve beside it)

The timeline's websocket is ``/ws/run:["A","B"]`` (``timeline.explorable.slug_of``): any
worker resolves it on the store, so no worker needs to have served the page.
"""

from __future__ import annotations

import threading
import time
from html import escape
from pathlib import Path
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from mlscope.core.explorable import Explorable
from mlscope.timeline.explorable import SLUG_PREFIX, names_of, timeline_class
from mlscope.timeline.store import RunInfo, Store, StoreError, open_store
from mlscope.web import pages

MAX_COMPARED = 8


class RunStore:
    """The server's store, opened when first needed (it may not exist when the server
    starts), and the timeline classes made from it, kept while their runs do not change."""

    def __init__(self, where: str | Path | None) -> None:
        self.where = where
        self._store: Store | None = None
        self._classes: dict[str, tuple[tuple[object, ...], type[Explorable]]] = {}
        self._lock = threading.Lock()

    def store(self) -> Store:
        with self._lock:
            if self._store is None:
                self._store = open_store(self.where, create=False)
            return self._store

    def runs(self) -> list[RunInfo]:
        return self.store().runs()

    def timeline(self, names: list[str]) -> type[Explorable]:
        """The timeline class of ``names``; the same class while none of them has logged
        more since (sessions then share the numbers read)."""
        store = self.store()
        known = {r.name: r for r in store.runs()}
        version = tuple((known[n].steps, known[n].last_wall) if n in known else None
                        for n in names)
        key = "\n".join(names)
        with self._lock:
            cached = self._classes.get(key)
            if cached is not None and cached[0] == version:
                return cached[1]
        cls = timeline_class(store, names)
        with self._lock:
            self._classes[key] = (version, cls)
        return cls

    def resolve(self, slug: str) -> type[Explorable]:
        """The class of a ``run:`` slug (a websocket's)."""
        return self.timeline(names_of(slug))

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()


def is_run_slug(slug: str) -> bool:
    return slug.startswith(SLUG_PREFIX)


async def runs_page(request: Request) -> Response:
    holder: RunStore = request.app.state.run_store
    try:
        runs = holder.runs()
    except StoreError as err:
        return HTMLResponse(_no_store(str(err)))
    return HTMLResponse(_list(runs, holder))


async def run_view(request: Request) -> Response:
    holder: RunStore = request.app.state.run_store
    names = request.query_params.getlist("run")[:MAX_COMPARED + 1]
    if not names:
        return HTMLResponse(pages.not_found("Say which run to show: /runs/view?run=NAME"),
                            status_code=404)
    if len(names) > MAX_COMPARED:
        return HTMLResponse(pages.not_found(f"At most {MAX_COMPARED} runs can be compared "
                                            f"at once."), status_code=400)
    try:
        cls = holder.timeline(names)
    except StoreError as err:
        return HTMLResponse(pages.not_found(str(err)), status_code=404)
    return HTMLResponse(pages.explorable_page(cls, embed=False, crumbs=(("Runs", "/runs"),)))


def _no_store(message: str) -> str:
    snippet = ("import mlscope\n"
               "w = mlscope.watch(model, probe=(X_probe, y_probe), run=\"first\", "
               "optimizer=opt)\n"
               "for step in range(steps):\n"
               "    ...  # your training step\n"
               "    w.log(step, loss=loss.item())\n"
               "w.close()")
    return pages.shell(
        "Runs · mlscope",
        pages.header("Runs") + '<main class="gallery runs"><p class="lead">No runs yet.</p>'
        f"<p>{escape(message)}</p><p>Record one from your own training loop (PyTorch or "
        "scikit-learn), then reload this page:</p>"
        f"<pre class=\"snippet\">{escape(snippet)}</pre>"
        "<p>Or import TensorBoard logs: <code>mlscope runs import LOGDIR</code>. "
        "<code>mlscope serve --store PATH</code> shows another store.</p></main>")


def _list(runs: list[RunInfo], holder: RunStore) -> str:
    rows = []
    for r in reversed(runs):  # newest first
        hp = ", ".join(f"{k}={v}" for k, v in sorted(r.info.get("hparams", {}).items()))
        link = "/runs/view?" + urlencode({"run": r.name})
        rows.append(
            "<tr>"
            f'<td><input type="checkbox" name="run" value="{escape(r.name)}" '
            f'aria-label="compare {escape(r.name)}"></td>'
            f'<td><a href="{escape(link)}">{escape(r.name)}</a></td>'
            f"<td>{escape(str(r.info.get('model', '?')))}</td>"
            f"<td>{escape(str(r.info.get('source', '?')))}</td>"
            f"<td>{escape(hp) or '–'}</td>"
            f"<td class=\"num\">{r.steps:,}</td>"
            f"<td class=\"num\">{'–' if r.last_step is None else f'{r.last_step:,}'}</td>"
            f"<td>{escape(_when(r.started))}</td></tr>")
    where = escape(str(holder.store().where))
    body = (pages.header("Runs") + '<main class="gallery runs">'
            f'<p class="lead">{len(runs)} training run{"s" if len(runs) != 1 else ""} in '
            f"<code>{where}</code>. Open one to scrub through its training; tick several "
            "to compare their curves.</p>"
            '<form method="get" action="/runs/view" class="runs-form">'
            '<table class="data-table runs-table"><thead><tr><th>compare</th><th>run</th>'
            "<th>model</th><th>from</th><th>hyperparameters</th><th class=\"num\">steps</th>"
            "<th class=\"num\">last step</th><th>started</th></tr></thead><tbody>"
            + "".join(rows) + "</tbody></table>"
            '<p><button type="submit" class="compare">Compare the ticked runs</button></p>'
            "</form></main>")
    return pages.shell("Runs · mlscope", body)


def _when(wall: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(wall))
