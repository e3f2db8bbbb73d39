"""Sizes: your own data in the link. A 5,000-point upload made the page's own URL 230,000
characters long; reloading or sharing it failed (the server refuses such a request). The
page now keeps long values in the browser's storage and the link carries a reference; a link
too long for the server gets a page that explains (HTTP 414), not a reset connection."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from mlscope.web.app import MAX_QUERY_CHARS
from tests.e2e.ui import open_page


def test_a_link_over_the_limit_gets_a_page_that_explains(client):
    r = client.get("/x/playground?data=" + "1,2,0;" * 10_000)
    assert r.status_code == 414
    assert "This link is 60,005 characters long" in r.text
    assert f"at most {MAX_QUERY_CHARS:,} are read" in r.text
    assert 'href="/x/playground"' in r.text
    assert client.get("/x/playground?dataset=spiral").status_code == 200


@pytest.mark.browser
def test_five_thousand_uploaded_points_survive_a_reload_with_a_short_link(page: Page,
                                                                         server_url, browser):
    open_page(page, server_url + "/x/playground?step=free")
    rows = "".join(f"{(k % 100) / 10 - 5:.2f},{(k // 100) / 5 - 5:.2f},{k % 2}\n"
                   for k in range(5000))
    page.set_input_files("input[name=upload_csv]", files=[
        {"name": "big.csv", "mimeType": "text/csv", "buffer": ("x1,x2,label\n" + rows).encode()}])
    points = page.locator('[data-view="metrics"] tr:has(td:text-is("points")) td')
    expect(points.nth(1)).to_have_text("2500")
    expect(page).to_have_url(re.compile(r"data=stored%3A"))
    assert len(page.url) < 2000
    page.reload()
    expect(points.nth(1)).to_have_text("2500")  # the same 5,000 points, from this browser
    expect(points.nth(2)).to_have_text("2500")
    other = browser.new_context().new_page()  # another browser: the data did not travel
    try:
        other.goto(page.url)
        expect(other.locator(".status")).to_contain_text(
            "This link was made in another browser: its data (your data) stayed there")
        expect(other.locator('[data-view="metrics"] h3')).to_have_text("Epoch 0")
    finally:
        other.context.close()
