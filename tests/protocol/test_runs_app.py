"""The Runs pages through the ASGI test client: the list, a run's timeline page, its
session over the websocket, and what is refused."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from starlette.testclient import TestClient

from mlscope.timeline.explorable import slug_of
from mlscope.timeline.store import open_store
from mlscope.web.app import create_app
from mlscope.web.ws import CLOSE_UNKNOWN_EXPLORABLE
from tests.protocol.peer import Peer

pytest.importorskip("torch")


@pytest.fixture(scope="module")
def where(tmp_path_factory):
    from tests.recorded_runs import record_blobs

    where = tmp_path_factory.mktemp("runs")
    record_blobs(where, "adam", steps=100, every=20)
    record_blobs(where, "tb/sgd lr=0.005", steps=60, lr=0.005, every=20)
    with open_store(where) as store:
        store.create_run("<b>bold</b>", {"source": "test", "hparams": {"x": "<i>"}})
    return where


@pytest.fixture
def client(where):
    with TestClient(create_app(max_sessions=3, run_store=where)) as c:
        yield c


def test_the_list_shows_every_run_newest_first_escaped(client):
    html = client.get("/runs").text
    assert "3 training runs in" in html
    assert html.index("&lt;b&gt;bold&lt;/b&gt;") < html.index(">adam<")
    assert "<b>bold</b>" not in html and "x=&lt;i&gt;" in html
    assert 'href="/runs/view?run=tb%2Fsgd+lr%3D0.005"' in html
    assert 'name="run" value="adam"' in html  # the compare boxes
    assert 'href="/runs">Your runs</a>' in client.get("/").text


def test_no_store_yet_says_how_to_record_one(tmp_path):
    with TestClient(create_app(run_store=tmp_path / "none")) as c:
        html = c.get("/runs").text
    assert "No runs yet" in html and "mlscope.watch(model" in html
    assert not (tmp_path / "none").exists()


def test_a_run_page_carries_its_timeline(client):
    html = client.get("/runs/view?run=adam&run=tb/sgd lr=0.005").text
    spec = json.loads(html.split('id="mlscope-spec">')[1].split("</script>")[0])
    assert spec["slug"] == 'run:["adam","tb/sgd lr=0.005"]'
    params = {p["name"]: p for p in spec["params"]}
    assert params["at"]["default"] == 99 and params["at"]["hi"] == 99
    assert params["step"]["default"] == "free"  # a run opens with every view
    assert 'href="/runs">Runs</a>' in html
    missing = client.get("/runs/view?run=nope")
    assert missing.status_code == 404 and "no run called &#x27;nope&#x27;" in missing.text
    assert client.get("/runs/view").status_code == 404
    too_many = client.get("/runs/view?" + "&".join(["run=adam"] * 9))
    assert too_many.status_code == 400


def test_a_run_session_moves_every_view_with_the_step(client):
    slug = slug_of(["adam"])
    with client.websocket_connect("/ws/" + quote(slug, safe="")) as ws:
        p = Peer(ws)
        first = p.frame_after(type="hello", params={"step": "free"})
        assert first["views"]["curve"]["title"].startswith("loss at step 99")
        p.send(type="set", id=1, params={"at": 40})
        frame = p.next_frame(first)
        assert frame["params"]["at"] == 40
        assert frame["views"]["curve"]["title"].startswith("loss at step 40")
        assert frame["views"]["histograms"]["title"].startswith("param/0.weight at step 40")
        assert frame["views"]["boundary"]["title"].endswith("at step 40")
        p.send(type="set", id=2, params={"at": 1000})
        refused = p.read()
        assert refused["type"] == "error" and "at must be" in refused["message"]


def test_an_unknown_run_closes_the_socket_with_a_reason(client):
    from starlette.websockets import WebSocketDisconnect

    with pytest.raises(WebSocketDisconnect) as closed, \
            client.websocket_connect("/ws/" + quote(slug_of(["gone"]), safe="")) as ws:
        ws.receive_text()
    assert closed.value.code == CLOSE_UNKNOWN_EXPLORABLE
    assert "no run called 'gone'" in closed.value.reason
    with pytest.raises(WebSocketDisconnect) as bad, \
            client.websocket_connect("/ws/run:not-json") as ws:
        ws.receive_text()
    assert bad.value.code == CLOSE_UNKNOWN_EXPLORABLE
