"""Export arguments a user gets wrong, through the API, the CLI and the app: a string for
frames, fps=0.001, an infinite size, a path that cannot be written. They used to raise a raw
TypeError, OverflowError or "read of closed file"; a render that failed in the app left its
progress bar at "Rendering frame 0 of 2…" forever, and a deleted export folder broke every
later export of the session."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from starlette.testclient import TestClient

import mlscope
from mlscope import catalog
from mlscope.cli import main
from mlscope.core.params import ParamError
from mlscope.web.app import create_app
from tests.hostile.fragile import Fragile
from tests.protocol.test_export_ws import _export_messages, _read


@pytest.mark.parametrize(("options", "field"), [
    ({"frames": "10"}, "frames"), ({"frames": 10.0}, "frames"), ({"frames": -1}, "frames"),
    ({"every": "2"}, "every"), ({"fps": 0.001}, "fps"), ({"fps": "15"}, "fps"),
    ({"fps": float("inf")}, "fps"), ({"size": (float("inf"), 480)}, "size"),
    ({"size": (480,)}, "size"), ({"size": "480x480"}, "size"),
])
def test_the_api_names_the_bad_argument(tmp_path, options, field):
    with pytest.raises(ParamError) as err:
        mlscope.export("playground", tmp_path / "a.gif", progress=False, **options)
    assert err.value.field == field and len(err.value.message) < 200
    assert not (tmp_path / "a.gif").exists()


@pytest.mark.parametrize("path", ["/proc/x.mp4", "/sys/x.gif"])
def test_an_unwritable_path_is_refused_before_any_frame_is_drawn(path, capsys):
    with pytest.raises(ParamError, match="cannot write") as err:
        mlscope.export("playground", path, frames=3, progress=False)
    assert err.value.field == "path"
    assert main(["export", "playground", "--frames", "3", "-o", path]) == 2
    assert capsys.readouterr().err.startswith(f"mlscope export: cannot write '{path}'")


def test_a_pipe_or_a_dangling_link_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "pipe.gif"
    os.mkfifo(fifo)
    with pytest.raises(ParamError, match="not a regular file"):  # it used to wait forever
        mlscope.export("playground", fifo, frames=2, progress=False)
    link = tmp_path / "gone.png"
    link.symlink_to(tmp_path / "target.png")
    with pytest.raises(ParamError, match="a link to a file that does not exist"):
        mlscope.export("playground", link, progress=False)
    assert link.is_symlink() and not (tmp_path / "target.png").exists()


@pytest.fixture
def fragile():
    catalog.register(Fragile)
    yield
    catalog.unregister("fragile")


def test_a_render_that_fails_in_the_app_is_reported_and_the_next_export_works(fragile):
    with TestClient(create_app()) as client, client.websocket_connect("/ws/fragile") as ws:
        known: dict = {}
        ws.send_text(json.dumps({"type": "hello", "params": {"breaks_at": "2"}}))
        _read(ws, known)
        ws.send_text(json.dumps({"type": "export", "id": 1, "format": "gif", "frames": 4}))
        last = _export_messages(ws, known)[-1]
        assert last["state"] == "error" and "The export failed (ZeroDivisionError)" in \
            last["message"]
        ws.send_text(json.dumps({"type": "export", "id": 2, "format": "png"}))
        assert _export_messages(ws, known)[-1]["state"] == "done"


def test_the_export_folder_comes_back_if_deleted_and_goes_when_the_server_stops():
    app = create_app()
    with TestClient(app) as client, client.websocket_connect("/ws/house-prices") as ws:
        known: dict = {}
        ws.send_text(json.dumps({"type": "hello", "params": {}}))
        _read(ws, known)
        assert app.state.exports.root is None  # nothing made before the first export
        ws.send_text(json.dumps({"type": "export", "id": 1, "format": "png"}))
        assert _export_messages(ws, known)[-1]["state"] == "done"
        root = app.state.exports.root
        shutil.rmtree(root)
        ws.send_text(json.dumps({"type": "export", "id": 2, "format": "png"}))
        done = _export_messages(ws, known)[-1]
        assert done["state"] == "done" and client.get(done["url"]).status_code == 200
    assert not app.state.exports.root.exists()


def test_the_socket_refuses_text_where_a_number_goes(client):
    with client.websocket_connect("/ws/house-prices") as ws:
        known: dict = {}
        ws.send_text(json.dumps({"type": "hello", "params": {}}))
        _read(ws, known)
        ws.send_text(json.dumps({"type": "export", "id": 1, "format": "gif", "frames": "10"}))
        err = _read(ws, known)
        assert err["type"] == "error" and err["field"] == "frames"
