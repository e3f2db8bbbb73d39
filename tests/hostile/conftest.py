"""Hostile input, tried as a user (or an attacker) would, through every surface: the URL,
the websocket, uploads, the Python API, the CLI. Each file is one class of input; each test
feeds several, and checks the answer is a clear error (the field named, what is allowed) and
that the session and the server keep working."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from mlscope.web.app import create_app


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(create_app(max_sessions=4)) as c:
        yield c
