"""A full server, seen from the page: it used to refuse before accepting the socket, which
the ASGI server turned into a bare HTTP 403, so a newcomer's page said "Connection lost;
reconnecting…" and retried every second or so, forever. Now the page says the server is
full and waits longer each time before it tries again."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from mlscope.web.app import create_app
from tests.conftest import serving

pytestmark = pytest.mark.browser


def test_a_newcomer_to_a_full_server_is_told_and_backs_off(browser):
    with serving(create_app(max_sessions=1)) as url:
        first = browser.new_page()
        second = browser.new_page()
        try:
            first.goto(url + "/x/house-prices")
            first.wait_for_function("() => window.__mlscope && window.__mlscope.stats.frames > 0")
            second.goto(url + "/x/house-prices")
            status = second.locator(".status")
            expect(status).to_have_text("This server is full (1 session): try again later. "
                                        "Trying again in 10 s.")
            second.wait_for_timeout(1500)  # no retry storm: still waiting, no frame
            assert second.evaluate("() => window.__mlscope.stats.frames") == 0
            first.locator('.control[data-param="bias"] input.control-number').fill("150")
            first.locator('.control[data-param="bias"] input.control-number').press("Enter")
            expect(first).to_have_url(re.compile("bias=150"))  # the first one works on
        finally:
            first.close()
            second.close()
