"""Matrix multiplication in a real browser: play B then A, walk the four entries of AB,
make two moves that commute."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.ui import MET, choose, open_page

pytestmark = pytest.mark.browser


def test_play_b_then_a(page: Page, server_url):
    open_page(page, server_url + "/x/matrix-multiplication")
    title = page.locator('[data-view="compose"] h3')
    page.locator("button.play").click()
    expect(title).to_have_text(re.compile(r"^The plane (moving by B|after B)"))
    expect(title).to_have_text("The plane after B, then A: AB", timeout=15_000)
    expect(page.locator(".story-goal")).to_have_class(MET)
    expect(page.locator(".story-live")).to_contain_text("î lands on (0, 1) and ĵ on (−1, 1)")


def test_row_times_column_for_every_entry(page: Page, server_url):
    open_page(page, server_url + "/x/matrix-multiplication?step=cells")
    live = page.locator(".story-live")
    for cell, value in (("12", "−1"), ("21", "1"), ("22", "1")):
        choose(page, "cell", cell)
        expect(live).to_contain_text(f"Entry ({cell[0]}, {cell[1]}) of AB")
        expect(live).to_contain_text(f"= {value}.")
    expect(page.locator(".story-goal")).to_have_class(MET)


def test_two_moves_that_commute(page: Page, server_url):
    open_page(page, server_url + "/x/matrix-multiplication?step=order")
    expect(page.locator(".story-live")).to_contain_text("B then A is not A then B")
    box = page.locator('.control[data-param="b_cols"] textarea')
    box.fill("0, -1\n1, 0")  # B a quarter turn clockwise, A one anticlockwise: they commute
    box.blur()
    expect(page.locator(".story-live")).to_contain_text("AB = BA")
    expect(page.locator(".story-goal")).to_have_class(MET)
