"""The central limit theorem in a real browser, as a learner uses it: draw one sample and
then a hundred (the histogram's count and the goal), raise n and play (the means' spread
read from the table against σ/√n), and drag a bar of a source of your own."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from mlscope.explorables.maths.clt import Clt
from tests.e2e.ui import MET, open_page, type_value

pytestmark = pytest.mark.browser


def cell(page: Page, row: int, col: int):
    return page.locator('[data-view="numbers"] tbody tr').nth(row).locator("td").nth(col)


def test_one_sample_then_a_hundred(page: Page, server_url):
    open_page(page, server_url + "/x/clt?seed=2")
    title = page.locator('[data-view="means"] h3')
    expect(title).to_have_text("0 means of samples of 5 · σ/√n = 1.291")
    page.get_by_role("button", name="1 sample").click()
    expect(title).to_have_text("1 mean of samples of 5 · σ/√n = 1.291")
    mean = Clt(seed=2, samples=1).means()[0]
    expect(page.locator(".story-live")).to_contain_text(f"mean {mean:.2f}")
    goal = page.locator(".story-goal")
    expect(goal).not_to_have_class(MET)
    page.get_by_role("button", name="×100").click()
    expect(title).to_have_text("101 means of samples of 5 · σ/√n = 1.291")
    expect(goal).to_have_class(MET)


def test_a_bigger_n_narrows_the_means_as_sigma_over_root_n(page: Page, server_url):
    open_page(page, server_url + "/x/clt?step=spread")
    type_value(page, "n", "25")
    expect(page.locator('[data-view="means"] h3')).to_have_text(
        re.compile(r"^0 means of samples of 25 "))
    expect(cell(page, 1, 1)).to_have_text(f"σ/√n = {10 / 12 ** 0.5 / 5:.4f}")
    page.get_by_role("button", name="▶ Play").click()
    page.wait_for_timeout(700)
    page.get_by_role("button", name="❚❚ Pause").click()
    page.wait_for_timeout(300)
    k = int(re.search(r"samples=(\d+)", page.url).group(1))
    assert k >= 2
    sd = Clt(n=25, samples=k, step="free").means().std(ddof=1)
    expect(cell(page, 1, 2)).to_have_text(f"{sd:.4f}")
    page.get_by_role("button", name="×1000").click()
    expect(page.locator(".story-goal")).to_have_class(MET)


def test_dragging_a_bar_reshapes_your_source(page: Page, server_url):
    open_page(page, server_url + "/x/clt?step=draw")
    canvas = page.locator('[data-view="shape"] canvas')
    b = canvas.bounding_box()
    band = (b["width"] - 46 - 12) / 10  # bars.ts margins: left 46, right 12, top 18, bottom 30
    x = b["x"] + 46 + 5.5 * band  # the bar of 5-6, weight 0.5
    y_of = lambda v: b["y"] + 18 + (5 - v) / 5 * (b["height"] - 48)  # noqa: E731
    page.mouse.move(x, y_of(0.5))
    page.mouse.down()
    page.mouse.move(x, y_of(5.5), steps=8)
    page.mouse.up()
    expect(page.locator('[data-param="drawn"] input')).to_have_value(
        "5, 4, 2.5, 1.5, 1, 5, 0.5, 1, 2, 0.5", timeout=5000)
    ex = Clt(source="drawn", drawn=(5, 4, 2.5, 1.5, 1, 5, 0.5, 1, 2, 0.5), step="free")
    expect(page.locator(".story-live")).to_contain_text(f"mean {ex.mu:.2f}")
