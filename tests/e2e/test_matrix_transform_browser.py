"""A matrix is a transformation in a real browser: drag î and ĵ to a quarter turn (the
drag snaps to tenths), drag v to the point the matrix sends to (2, 1), type a flip and read
det A = -1, play the move from the identity."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.ui import MET, open_page, plot_px

pytestmark = pytest.mark.browser

R = (-3.0, 3.0)


def drag(page: Page, view: str, start: tuple[float, float], end: tuple[float, float]) -> None:
    px = plot_px(page, view, R, R)
    page.mouse.move(*px(*start))
    page.mouse.down()
    page.mouse.move(*px(*end), steps=8)
    page.mouse.up()


def test_dragging_the_basis_to_a_quarter_turn(page: Page, server_url):
    open_page(page, server_url + "/x/matrix-transformation")
    live = page.locator(".story-live")
    expect(live).to_contain_text("î lands on (1, 0) and ĵ on (1, 1)")
    drag(page, "plane", (1.0, 0.0), (0.02, 0.98))  # î's tip, let go a little off (0, 1)
    expect(live).to_contain_text("î lands on (0, 1) and ĵ on (1, 1)")
    drag(page, "plane", (1.0, 1.0), (-1.03, 0.04))
    expect(live).to_contain_text("î lands on (0, 1) and ĵ on (−1, 0)")
    box = page.locator('.control[data-param="basis"] textarea')
    expect(box).to_have_value("0, 1\n-1, 0")  # snapped to tenths: exactly the turn
    expect(page.locator(".story-goal")).to_have_class(MET)
    expect(page.locator('[data-view="matrix"] .katex-mathml')).to_contain_text("det")


def test_dragging_v_onto_the_point_that_lands_on_2_1(page: Page, server_url):
    open_page(page, server_url + "/x/matrix-transformation?step=vector&basis=0,1,0;-1,0,0")
    live = page.locator(".story-live")
    expect(live).to_contain_text("v = (2, −1) = 2·î − 1·ĵ lands on Av")
    expect(page.locator(".story-goal")).not_to_have_class(MET)
    drag(page, "before", (2.0, -1.0), (1.01, -1.98))
    expect(live).to_contain_text("v = (1, −2)")
    expect(live).to_contain_text("= (2, 1).")
    expect(page.locator(".story-goal")).to_have_class(MET)


def test_typing_a_flip_reads_det_minus_one(page: Page, server_url):
    open_page(page, server_url + "/x/matrix-transformation?step=determinant")
    rows = page.locator('[data-view="numbers"] tbody tr')
    expect(rows.nth(2).locator("td").nth(1)).to_have_text("1")
    box = page.locator('.control[data-param="basis"] textarea')
    box.fill("1, 0\n0, -1")
    box.blur()  # a textarea sends on change
    expect(rows.nth(2).locator("td").nth(1)).to_have_text("−1")
    expect(rows.nth(4).locator("td").nth(1)).to_have_text("flipped (det < 0)")
    expect(page.locator(".story-goal")).to_have_class(MET)
    box.fill("1, 0\n0, 9")  # out of the box: refused, the flip kept
    box.blur()
    expect(page.locator(".control-error, .error, [role=alert]").first).to_contain_text("basis")
    expect(rows.nth(2).locator("td").nth(1)).to_have_text("−1")


def test_play_moves_the_plane_from_the_identity(page: Page, server_url):
    open_page(page, server_url + "/x/matrix-transformation?step=free")
    title = page.locator('[data-view="plane"] h3')
    page.get_by_role("button", name="Quarter turn").click()
    expect(title).to_have_text("After: the plane moved by A")
    page.locator("button.play").click()
    expect(title).to_have_text(re.compile(r"^Moving: \d+% of the way to A$"))
    expect(title).to_have_text("After: the plane moved by A", timeout=10_000)
    expect(page.locator('.control[data-param="t"] input.control-number')).to_have_value("1.00")
