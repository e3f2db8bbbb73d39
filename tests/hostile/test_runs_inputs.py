"""Hostile input to the Runs pages and the run store: socket slugs that are not run lists,
names that are huge or markup, a step far out of range, a store that is not a store or is
damaged, bad arguments to mlscope.watch. Each gets a clear answer; the server goes on."""

from __future__ import annotations

import json
import sqlite3
from urllib.parse import quote

import numpy as np
import pytest
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from mlscope.timeline.histograms import histogram
from mlscope.timeline.store import open_store
from mlscope.web.app import create_app
from mlscope.web.ws import CLOSE_UNKNOWN_EXPLORABLE
from tests.protocol.peer import Peer


@pytest.fixture
def store_dir(tmp_path):
    with open_store(tmp_path) as store:
        rid = store.create_run("ok", {"source": "test"})
        store.write(rid, scalars=[("loss", s, 1000.0 + s, 1.0 / (s + 1)) for s in range(50)])
    return tmp_path


@pytest.fixture
def runs_client(store_dir):
    with TestClient(create_app(max_sessions=4, run_store=store_dir)) as c:
        yield c


@pytest.mark.parametrize("slug", [
    'run:["nope"]', "run:", "run:[]", "run:{}", "run:[1, 2]", 'run:"ok"',
    "run:" + json.dumps(["ok"] * 9), "run:" + "[" * 5000, "run:" + json.dumps(["x" * 20000]),
])
def test_socket_slugs_that_are_not_run_lists_close_with_a_reason(runs_client, slug):
    with pytest.raises(WebSocketDisconnect) as closed, \
            runs_client.websocket_connect("/ws/" + quote(slug, safe="")) as ws:
        ws.receive_text()
    assert closed.value.code == CLOSE_UNKNOWN_EXPLORABLE and closed.value.reason
    # and the server goes on: a good run's session still answers
    with runs_client.websocket_connect("/ws/" + quote('run:["ok"]', safe="")) as ws:
        frame = Peer(ws).frame_after(type="hello", params={"step": "free"})
        assert frame["views"]["curve"]["title"].startswith("loss at step 49")


@pytest.mark.parametrize("value", [10 ** 400, -1, 50, 1e300, "49; drop", [1], None, True])
def test_a_step_out_of_range_is_refused_by_name(runs_client, value):
    with runs_client.websocket_connect("/ws/" + quote('run:["ok"]', safe="")) as ws:
        p = Peer(ws)
        first = p.frame_after(type="hello", params={"step": "free"})
        p.send(type="set", id=1, params={"at": value})
        got = p.read()
        assert got["type"] == "error" and "at" in got["message"]
        p.send(type="set", id=2, params={"at": 10})
        assert p.next_frame(first)["params"]["at"] == 10


def test_run_pages_for_names_that_do_not_exist(runs_client):
    for query in ("run=", "run=" + "x" * 20000, "run=%3Cscript%3E", "run=ok&run=%00"):
        r = runs_client.get("/runs/view?" + query)
        assert r.status_code == 404 and "<script>" not in r.text, query
    assert runs_client.get("/runs").status_code == 200


def test_a_damaged_or_foreign_store_is_said_so(tmp_path):
    foreign = tmp_path / "foreign.sqlite"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE invoices (n INT)")
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    for where in (foreign, damaged):
        with TestClient(create_app(run_store=where)) as c:
            html = c.get("/runs").text
        assert "No runs yet" in html and "not an mlscope run store" in html
    assert foreign.stat().st_size > 0
    with sqlite3.connect(foreign) as conn:  # left as it was
        assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("invoices",)]


def test_damaged_rows_in_a_store_do_not_take_the_page_down(store_dir):
    with open_store(store_dir) as store:
        rid = store.create_run("broken", {"source": "test"})
        store.write(rid, scalars=[("loss", 0, 1.0, 1.0)])
        store.write(rid, histograms=[histogram("t", 0, 1.0, np.arange(5.0))])
        store._q("UPDATE histograms SET edges = ?, counts = ? WHERE run_id = ?",
                 (b"abc", b"de", rid))  # damaged after it was written
    with TestClient(create_app(run_store=store_dir)) as c:
        assert c.get("/runs/view?run=broken").status_code == 200
        with c.websocket_connect("/ws/" + quote('run:["broken"]', safe="")) as ws:
            frame = Peer(ws).frame_after(type="hello", params={"step": "free"})
        # that card says what is wrong; the others are drawn
        assert "damaged" in frame["views"]["histograms"]["text"]
        assert frame["views"]["curve"]["title"].startswith("loss at step 0")
        assert c.get("/runs/view?run=ok").status_code == 200


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"probe": np.full((10, 2), np.inf)}, "probe: every value finite"),
    ({"probe": "abc"}, "probe: numbers"),
    ({"every": 10 ** 30 + 0.5}, "every"),
    ({"run": ""}, "run: a name"),
    ({"flush_secs": -1}, "flush_secs"),
    ({"store": "postgresql://nobody@127.0.0.1:1/none"}, "cannot use the PostgreSQL store"),
])
def test_watch_refuses_bad_arguments_before_training(tmp_path, kwargs, message):
    torch = pytest.importorskip("torch")
    import mlscope

    kwargs = {"store": tmp_path, **kwargs}
    with pytest.raises((ValueError, TypeError), match=message):
        mlscope.watch(torch.nn.Linear(2, 1), **kwargs)
