"""Shared fixtures: a real server on a free loopback port, and Debian's headless Chromium."""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
from collections.abc import Iterator

import pytest

from mlscope.nn import fused

# The training kernel compiled before any test trains: runs then take the same path each time
# (the numpy path, taken while it compiles, agrees only to rounding).
fused.kernel(wait=True)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serving(app) -> Iterator[str]:
    """Serve ``app`` with uvicorn on a free loopback port, in a thread; yields its URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def server_url() -> Iterator[str]:
    from mlscope.web.app import create_app

    with serving(create_app()) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("MLSCOPE_SKIP_BROWSER") == "1":
            pytest.skip("MLSCOPE_SKIP_BROWSER=1 and no Chromium")
        pytest.fail(f"{CHROMIUM} is missing: `apt-get install chromium` (make test does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield b
        b.close()


def _page(browser, width: int, height: int):
    context = browser.new_context(viewport={"width": width, "height": height})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture
def page(browser):
    """A desktop's window."""
    yield from _page(browser, 1400, 1000)


@pytest.fixture
def phone(browser):
    """A phone's screen (390 × 844)."""
    yield from _page(browser, 390, 844)


@pytest.fixture
def tablet(browser):
    """A tablet held upright (800 × 1000): one column, the controls pinned at the bottom."""
    yield from _page(browser, 800, 1000)


@pytest.fixture(scope="session")
def postgres_url():
    """A real PostgreSQL server (Debian's postgresql; make test installs it) for this test
    session: the URL of its database. Tests take a fresh schema by dropping ``mlscope``."""
    from tests.postgres import postgres_server, server_binaries

    if server_binaries() is None:
        pytest.skip("PostgreSQL's server (initdb, pg_ctl) is not installed: "
                    "apt-get install postgresql")
    with postgres_server() as url:
        yield url
