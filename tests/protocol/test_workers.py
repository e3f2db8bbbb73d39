"""`mlscope serve --workers 2`, a real server of two processes behind one port: sessions in
either, the session bound counted across both, a download served by whichever worker takes
the request, and nothing left in the temporary folder once it stops."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from mlscope.core.encoding import decode
from tests.conftest import free_port


@pytest.fixture
def server(tmp_path):
    port = free_port()
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    proc = subprocess.Popen([sys.executable, "-m", "mlscope", "serve", "--workers", "2",
                             "--max-sessions", "3", "--port", str(port), "--no-open"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/explorables", timeout=2):
                break
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                raise RuntimeError(proc.stdout.read().decode()) from None
            time.sleep(0.2)
    yield port, tmp_path
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    proc.stdout.close()


def hello(ws) -> dict:
    ws.send(json.dumps({"type": "hello", "params": {"step": "free"}}))
    return decode(ws.recv(timeout=30))


def test_two_workers_share_the_bound_and_the_downloads(server):
    port, tmp = server
    url = f"ws://127.0.0.1:{port}/ws/house-prices"
    with contextlib.ExitStack() as stack:
        _share(port, tmp, url, [stack.enter_context(connect(url)) for _ in range(3)])


def _share(port, tmp, url, socks) -> None:
    for ws in socks:
        assert hello(ws)["type"] == "frame"
    assert len(list(tmp.glob("mlscope-serve-*/sessions/slot-*"))) == 3
    with connect(url) as extra, pytest.raises(ConnectionClosed) as closed:
        extra.recv(timeout=30)
    assert closed.value.rcvd.code == 4429
    assert closed.value.rcvd.reason == "This server is full (3 sessions): try again later."
    socks[0].close()
    time.sleep(0.5)
    with connect(url) as again:  # a slot freed in one worker is free for the other
        assert hello(again)["type"] == "frame"
        again.send(json.dumps({"type": "export", "id": 1, "format": "png"}))
        while True:
            msg = again.recv(timeout=60)
            if isinstance(msg, str) and json.loads(msg)["state"] in ("done", "error"):
                done = json.loads(msg)
                break
        assert done["state"] == "done"
        for _ in range(8):  # new connections: the kernel hands them to either worker
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{done['url']}") as r:
                assert r.status == 200 and r.read(8) == b"\x89PNG\r\n\x1a\n"


def test_the_state_folder_goes_when_the_server_stops(tmp_path):
    port = free_port()
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    proc = subprocess.Popen([sys.executable, "-m", "mlscope", "serve", "--workers", "2",
                             "--port", str(port), "--no-open"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.2)
    assert list(tmp_path.glob("mlscope-serve-*"))
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=30)
    assert not list(tmp_path.glob("mlscope-serve-*"))
