"""Deploying as docs/DEPLOY.md says, with the configurations taken from that file.

Behind Debian's nginx (/usr/sbin/nginx; `make test` installs it): the one-machine block in
front of a real `mlscope serve --workers 2` (a page, long links, the bundle compressed, a
session over a websocket with a real frame), and the replicas block in front of two
servers (a download served whichever replica the request reaches first). The Dockerfile:
its command parsed by `mlscope serve` itself, and, where Docker runs, the image built, run
and asked for a page and a frame.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from websockets.sync.client import connect

from mlscope import cli
from mlscope.core.encoding import decode
from tests.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "docs" / "DEPLOY.md"
DOCKERFILE = ROOT / "Dockerfile"
NGINX = "/usr/sbin/nginx"
SLUG = "house-prices"

needs_nginx = pytest.mark.skipif(
    not os.access(NGINX, os.X_OK),
    reason=f"{NGINX} is missing: `apt-get install nginx-light` (make test does it)")


# --- docs/DEPLOY.md's nginx configurations -------------------------------------------------

def nginx_block(title: str) -> str:
    """The ```nginx block of docs/DEPLOY.md whose first line names ``title``."""
    blocks = re.findall(r"^```nginx\n(.*?)^```", DEPLOY.read_text(), re.M | re.S)
    found = [b for b in blocks if title in b.splitlines()[0]]
    assert len(found) == 1, f"docs/DEPLOY.md: no single nginx block titled {title!r}"
    return found[0]


def fill_ports(block: str, listen: int, upstreams: list[int]) -> str:
    """The block with its `listen 80;` on ``listen`` and its upstream servers (port 8765 of
    the doc's addresses) on ``upstreams``, in order; every one must be there."""
    block, n = re.subn(r"^(\s*)listen 80;$", rf"\g<1>listen 127.0.0.1:{listen};", block,
                       flags=re.M)
    assert n == 1, "the doc's block no longer has one `listen 80;`"
    servers = re.findall(r"^\s*server [0-9.]+:8765;$", block, re.M)
    assert len(servers) == len(upstreams), f"the doc's upstream has {len(servers)} servers"
    for line, port in zip(servers, upstreams, strict=True):
        block = block.replace(line, re.sub(r"[0-9.]+:8765", f"127.0.0.1:{port}", line), 1)
    return block


def main_config(block: str, tmp: Path) -> str:
    """What /etc/nginx/nginx.conf gives the block on a server, in ``tmp`` and in the
    foreground, as root or not: one process, logs, pid and temporary files in ``tmp``."""
    temps = "\n".join(f"    {kind}_temp_path {tmp / kind};"
                      for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return (f"daemon off;\nmaster_process off;\nerror_log {tmp / 'error.log'} warn;\n"
            f"pid {tmp / 'nginx.pid'};\nevents {{ worker_connections 256; }}\n"
            f"http {{\n    access_log off;\n{temps}\n{block}\n}}\n")


def wait_for_port(port: int, proc: subprocess.Popen[bytes], what: str, log: Path) -> None:
    deadline = time.monotonic() + 60
    while True:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"{what} did not start:\n{log.read_text(errors='replace')}")
        time.sleep(0.1)


@contextlib.contextmanager
def running(block: str, tmp: Path, backends: list[list[str]]):
    """``mlscope serve`` with each of ``backends``' arguments, and nginx with ``block`` in
    front of them; yields nginx's port and theirs. All stopped however the test ends."""
    procs: list[tuple[subprocess.Popen[bytes], int, Path, str]] = []
    try:
        for k, args in enumerate(backends):
            port, log = free_port(), tmp / f"mlscope-{k}.log"
            state = tmp / f"tmp-{k}"
            state.mkdir()
            with log.open("wb") as out:
                proc = subprocess.Popen(
                    [sys.executable, "-m", "mlscope", "serve", "--port", str(port),
                     "--no-open", *args], env={**os.environ, "TMPDIR": str(state)},
                    stdout=out, stderr=subprocess.STDOUT)
            procs.append((proc, port, log, f"mlscope serve {' '.join(args)}"))
        for proc, port, log, what in procs:
            wait_for_port(port, proc, what, log)
        listen = free_port()
        conf = tmp / "nginx.conf"
        conf.write_text(main_config(fill_ports(block, listen, [p for _, p, _, _ in procs]),
                                    tmp))
        log = tmp / "nginx.log"
        with log.open("wb") as out:
            nginx = subprocess.Popen([NGINX, "-c", str(conf), "-p", f"{tmp}/"],
                                     stdout=out, stderr=subprocess.STDOUT)
        procs.append((nginx, listen, log, "nginx"))
        wait_for_port(listen, nginx, "nginx", log)
        yield listen, [p for _, p, _, _ in procs[:-1]]
    finally:
        for proc, *_ in reversed(procs):
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT if proc.args[0] == sys.executable
                                 else signal.SIGQUIT)
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of a GET, whatever the status."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}),
                                    timeout=30) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as err:
        with err:
            return err.code, dict(err.headers), err.read()


def first_frame(ws) -> dict:
    ws.send(json.dumps({"type": "hello", "params": {"step": "free"}}))
    return decode(ws.recv(timeout=30))


@needs_nginx
def test_one_machine_behind_nginx(tmp_path):
    block = nginx_block("one machine")
    with running(block, tmp_path, [["--workers", "2", "--max-sessions", "3"]]) as (port, _):
        base = f"http://127.0.0.1:{port}"
        status, _, body = get(base + "/")
        assert status == 200 and b"/x/house-prices" in body  # the gallery, through nginx

        # Links up to the app's limit reach the app; one over it gets the app's own page.
        status, _, body = get(f"{base}/x/{SLUG}?note={'a' * 15_000}")
        assert status == 200 and b"/static/page.js" in body
        status, _, body = get(f"{base}/x/{SLUG}?note={'a' * 17_000}")
        assert status == 414 and b"at most 16,000 are read" in body

        status, headers, _ = get(base + "/static/page.js", {"Accept-Encoding": "gzip"})
        assert status == 200 and headers.get("Content-Encoding") == "gzip"

        with connect(f"ws://127.0.0.1:{port}/ws/{SLUG}") as ws:
            frame = first_frame(ws)
        assert frame["type"] == "frame" and frame["views"]


@needs_nginx
def test_replicas_behind_nginx_serve_a_download_from_either(tmp_path):
    block = nginx_block("several replicas")
    one = ["--workers", "1", "--max-sessions", "3"]
    with running(block, tmp_path, [one, one]) as (port, replicas), \
            connect(f"ws://127.0.0.1:{port}/ws/{SLUG}") as ws:
        assert first_frame(ws)["type"] == "frame"
        ws.send(json.dumps({"type": "export", "id": 1, "format": "png"}))
        while True:
            msg = ws.recv(timeout=60)
            if isinstance(msg, str) and json.loads(msg)["state"] in ("done", "error"):
                done = json.loads(msg)
                break
        assert done["state"] == "done", done
        # The file is on one replica only: the other has never heard of it ...
        direct = sorted(get(f"http://127.0.0.1:{p}{done['url']}")[0] for p in replicas)
        assert direct == [200, 404]
        # ... and through nginx every request gets it, whichever replica it tries first
        # (least_conn sends it first to the one without the socket, so the retry is run).
        for _ in range(4):
            status, _, body = get(f"http://127.0.0.1:{port}{done['url']}")
            assert status == 200 and body[:8] == b"\x89PNG\r\n\x1a\n"


# --- the Dockerfile --------------------------------------------------------------------------

def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of the Dockerfile, continuation lines joined."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text())
    lines = [ln.strip() for ln in text.splitlines()]
    lines = [ln for ln in lines if ln and not ln.startswith("#")]
    return [(ln.split(None, 1)[0].upper(), ln.split(None, 1)[1]) for ln in lines]


def dockerfile_command() -> tuple[list[str], dict[str, str], list[str]]:
    """The last stage's CMD as words (the shell form's or the JSON form's), the ENV the
    image sets, and the ports it exposes."""
    instructions = dockerfile_instructions()
    cmd = [args for op, args in instructions if op == "CMD"][-1]
    words = json.loads(cmd) if cmd.startswith("[") else shlex.split(cmd)
    if words[:2] == ["sh", "-c"] or words[:2] == ["/bin/sh", "-c"]:
        words = shlex.split(words[2])
    env: dict[str, str] = {}
    for op, args in instructions:
        if op == "ENV":
            env.update(w.split("=", 1) for w in shlex.split(args))
    exposed = [w for op, args in instructions if op == "EXPOSE" for w in args.split()]
    return words, env, exposed


def test_dockerfile_command_is_one_mlscope_serve_accepts(monkeypatch):
    """Parsed by the command itself, so a renamed flag fails here, not in a deployment."""
    words, env, exposed = dockerfile_command()
    if words[0] == "exec":
        words = words[1:]
    assert words[:2] == ["mlscope", "serve"], words
    argv = [re.sub(r"\$\{?(\w+)\}?", lambda m: env[m.group(1)], w) for w in words[1:]]
    seen = []
    monkeypatch.setattr(cli, "_serve", lambda args: seen.append(args) or 0)
    assert cli.main(argv) == 0
    (args,) = seen
    assert args.host == "0.0.0.0" and args.no_open
    assert exposed == [str(args.port)]
    assert args.workers >= 1 and args.max_sessions >= 1
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".git", ".venv", "frontend/node_modules", "src/mlscope/_static"} <= set(ignored)


def docker_usable() -> str | None:
    """Why Docker cannot be used here, or None."""
    if shutil.which("docker") is None:
        return "no docker command"
    try:
        info = subprocess.run(["docker", "info"], capture_output=True, timeout=30)
    except subprocess.TimeoutExpired:
        return "`docker info` did not answer in 30 s"
    if info.returncode != 0:
        return f"`docker info` failed: {info.stderr.decode(errors='replace').strip()[-200:]}"
    return None


@pytest.mark.timeout(1800)
def test_docker_image_serves_the_app():
    why = docker_usable()
    if why:
        pytest.skip(f"Docker is not usable here ({why}); the Dockerfile's command is "
                    "still checked by the test above")
    tag = f"mlscope-deploy-test:{os.getpid()}"
    name = f"mlscope-deploy-test-{os.getpid()}"
    build = subprocess.run(["docker", "build", "-t", tag, str(ROOT)], capture_output=True,
                           timeout=1500)
    assert build.returncode == 0, build.stdout.decode()[-3000:] + build.stderr.decode()[-3000:]
    port = free_port()
    try:
        subprocess.run(["docker", "run", "-d", "--name", name, "-p", f"127.0.0.1:{port}:8000",
                        "-e", "MLSCOPE_WORKERS=2", tag], check=True, capture_output=True,
                       timeout=60)
        deadline = time.monotonic() + 90
        while True:
            try:
                status, _, body = get(f"http://127.0.0.1:{port}/")
                break
            except OSError:
                if time.monotonic() > deadline:
                    logs = subprocess.run(["docker", "logs", name], capture_output=True)
                    raise AssertionError((logs.stdout + logs.stderr).decode()) from None
                time.sleep(0.5)
        assert status == 200 and b"/x/house-prices" in body
        with connect(f"ws://127.0.0.1:{port}/ws/{SLUG}") as ws:
            assert first_frame(ws)["type"] == "frame"
        user = subprocess.run(["docker", "exec", name, "id", "-u"], capture_output=True,
                              timeout=30)
        assert user.stdout.strip() not in (b"", b"0")  # not root
    finally:
        subprocess.run(["docker", "rm", "-f", name], capture_output=True, timeout=60)
        subprocess.run(["docker", "rmi", "-f", tag], capture_output=True, timeout=60)
