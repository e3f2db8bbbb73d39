"""Conditional probability in a real browser: drop balls and read P(A), drag a shelf's end
until B lies inside A and read P(A | B) = 1, play."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from mlscope.explorables.maths.conditional import HEIGHT, Conditional
from tests.e2e.ui import MET, open_page, plot_px

pytestmark = pytest.mark.browser


def test_dropping_balls_counts_shelf_a(page: Page, server_url):
    open_page(page, server_url + "/x/conditional?seed=3")
    for _ in range(20):
        page.get_by_role("button", name="×10").click()
    ex = Conditional(seed=3, balls=200)
    c = ex.counts()
    expect(page.locator('[data-view="drop"] h3')).to_have_text("200 balls dropped")
    expect(page.locator(".story-live")).to_contain_text(
        f"200 balls: {c['A']} hit A, a share of {c['A'] / 200:.3f}")
    expect(page.locator(".story-goal")).to_have_class(MET)


def test_dragging_shelf_a_over_b_makes_b_imply_a(page: Page, server_url):
    open_page(page, server_url + "/x/conditional?step=given&seed=2&balls=500")
    title = page.locator('[data-view="given"] h3')
    expect(title).to_have_text(re.compile(r"^P\(A \| B\) = 0\.10 / 0\.50 = 0\.200"))
    page.get_by_role("button", name="Free play").click()  # the drop view, with its handles
    px = plot_px(page, "drop", (0.0, 1.0), (0.0, 1.0))
    sx, sy = px(0.45, HEIGHT[0])
    tx, _ = px(0.92, HEIGHT[0])
    page.mouse.move(sx, sy)
    page.mouse.down()
    page.mouse.move(tx, sy, steps=10)
    page.mouse.up()
    expect(title).to_have_text(re.compile(r"^P\(A \| B\) = 0\.50 / 0\.50 = 1\.000 · balls: 1\.000$"))
    row = page.locator('[data-view="numbers"] tbody tr').nth(3)
    expect(row.locator("td").nth(2)).to_have_text("1.000")
    page.locator('[data-step="given"]').click()
    expect(page.locator(".story-goal")).to_have_class(MET)


def test_play_drops_balls(page: Page, server_url):
    open_page(page, server_url + "/x/conditional?step=free&seed=1")
    page.locator("button.play").click()
    expect(page.locator('[data-view="drop"] h3')).to_have_text(
        re.compile(r"^([2-9]|\d\d+) balls dropped$"))
    page.locator("button.play").click()
