"""Exports asked for over the websocket: progress, the download, cancel, bad options; the
live session is not changed by an export of its state."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image
from starlette.testclient import TestClient

from mlscope.core.encoding import decode
from mlscope.web.app import create_app


@pytest.fixture
def client():
    with TestClient(create_app(max_sessions=3)) as c:
        yield c


def _read(ws, known):
    """The next message; a frame is acked at once, as the browser does."""
    m = ws.receive()
    if m.get("bytes") is not None:
        frame = decode(m["bytes"], known)
        ws.send_text(json.dumps({"type": "ack", "seq": frame["seq"]}))
        return frame
    return json.loads(m["text"])


def _until(ws, known, pred, limit=400):
    for _ in range(limit):
        msg = _read(ws, known)
        if pred(msg):
            return msg
    raise AssertionError("the expected message never came")


def _export_messages(ws, known):
    """Export messages up to the last one (done, cancelled or error)."""
    out = []
    while True:
        msg = _read(ws, known)
        if msg.get("type") == "export":
            out.append(msg)
            if msg["state"] != "progress":
                return out


def test_record_a_gif_of_the_current_state_and_download_it(client):
    with client.websocket_connect("/ws/playground") as ws:
        known: dict = {}
        ws.send_text(json.dumps({"type": "hello", "params": {"dataset": "xor", "step": "free"}}))
        _read(ws, known)
        ws.send_text(json.dumps({"type": "action", "id": 1, "name": "step"}))
        ws.send_text(json.dumps({"type": "export", "id": 2, "format": "gif", "frames": 6,
                                 "every": 2, "size": 240}))
        msgs = _export_messages(ws, known)
        assert msgs[0] == {"type": "export", "state": "progress", "id": 2, "done": 0, "total": 6}
        assert msgs[-2]["done"] == 6
        done = msgs[-1]
        assert done["state"] == "done" and done["name"] == "playground-epochs-1-to-11.gif"
        got = client.get(done["url"])
        assert got.status_code == 200 and got.headers["content-type"] == "image/gif"
        assert 'filename="playground-epochs-1-to-11.gif"' in got.headers["content-disposition"]
        with Image.open(io.BytesIO(got.content)) as im:
            assert im.n_frames == 6 and im.size == (240, 240)
        # The live session was not trained by the export: one more step gives epoch 2.
        ws.send_text(json.dumps({"type": "action", "id": 3, "name": "step"}))
        frame = _until(ws, known, lambda m: m.get("type") == "frame" and m["applied"] == 3)
        assert frame["views"]["metrics"]["title"] == "Epoch 2"
    # The session's files go with it.
    assert client.get(done["url"]).status_code == 404


def _png_height(client, step: str) -> int:
    with client.websocket_connect("/ws/house-prices") as ws:
        known: dict = {}
        ws.send_text(json.dumps({"type": "hello", "params": {"weight": "0.2", "step": step}}))
        _read(ws, known)
        ws.send_text(json.dumps({"type": "export", "id": 1, "format": "png", "size": 480}))
        done = _export_messages(ws, known)[-1]
        assert done["state"] == "done" and done["name"].endswith(".png")
        png = client.get(done["url"])
        with Image.open(io.BytesIO(png.content)) as im:
            assert im.format == "PNG" and im.size[0] == 960
            return im.size[1]


def test_save_png_draws_what_the_page_shows(client):
    # Free play: the whole page's views; a story's step: only the views it shows.
    assert _png_height(client, "free") > 600
    assert _png_height(client, "model") < _png_height(client, "free")


def test_what_an_export_from_the_page_shows():
    from mlscope.explorables.deep.house_prices import HousePrices
    from mlscope.web.exports import shown_rows

    free = HousePrices(step="free")
    assert shown_rows(free, True) == [list(r) for r in HousePrices.layout]
    assert shown_rows(free, False) == [list(r) for r in HousePrices.export_layout]
    auto = HousePrices(step="automation")
    assert shown_rows(auto, True) == [["landscape", "history"], ["fit"]]
    assert shown_rows(auto, False) == [["fit"], ["landscape", "history"]]
    assert shown_rows(HousePrices(step="model"), False) == [["fit"]]


def test_cancel_stops_the_export(client):
    with client.websocket_connect("/ws/house-prices") as ws:
        known: dict = {}
        ws.send_text(json.dumps({"type": "hello", "params": {}}))
        _read(ws, known)
        ws.send_text(json.dumps({"type": "export", "id": 1, "format": "mp4", "frames": 600}))
        _until(ws, known, lambda m: m.get("type") == "export" and m.get("done", 0) >= 1)
        ws.send_text(json.dumps({"type": "cancel_export"}))
        last = _until(ws, known, lambda m: m.get("type") == "export" and m["state"] != "progress")
        assert last["state"] == "cancelled"


@pytest.mark.parametrize(("options", "field", "text"), [
    ({"format": "jpg"}, "format", "format must be one of png, gif, mp4, html"),
    ({"format": "gif", "frames": 5000}, "frames", "frames must be"),
    ({"format": "gif", "size": 5}, "size", "size"),
])
def test_bad_export_options_are_named(client, options, field, text):
    with client.websocket_connect("/ws/house-prices") as ws:
        known: dict = {}
        ws.send_text(json.dumps({"type": "hello", "params": {}}))
        _read(ws, known)
        ws.send_text(json.dumps({"type": "export", "id": 7, **options}))
        err = _until(ws, known, lambda m: m.get("type") == "error")
        assert err["field"] == field and text in err["message"] and err["id"] == 7
        # The session goes on.
        ws.send_text(json.dumps({"type": "set", "id": 8, "params": {"weight": 0.3}}))
        frame = _until(ws, known, lambda m: m.get("type") == "frame" and m["applied"] == 8)
        assert frame["params"]["weight"] == 0.3
