"""Mean, median and mode in a real browser: add an outlier and read the mean move while the
median barely does, click the line to add a value, and drag one."""

from __future__ import annotations

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from mlscope.explorables.maths.center import OUTLIER, Center, stack_heights
from tests.e2e.ui import MET, open_page, plot_px

pytestmark = pytest.mark.browser


def cell(page: Page, row: int):
    return page.locator('[data-view="numbers"] tbody tr').nth(row).locator("td").nth(1)


def test_an_outlier_moves_the_mean_not_the_median(page: Page, server_url):
    open_page(page, server_url + "/x/mean-median-mode?step=outlier")
    ex = Center(step="free")
    expect(cell(page, 0)).to_have_text(f"{ex.x.mean():.2f}")
    goal = page.locator(".story-goal")
    expect(goal).not_to_have_class(MET)
    page.get_by_role("button", name="Add an outlier").click()
    x = np.append(ex.x, OUTLIER)
    expect(cell(page, 0)).to_have_text(f"{x.mean():.2f}")
    expect(cell(page, 1)).to_have_text(f"{np.median(x):g}")
    expect(goal).to_have_class(MET)


def test_clicking_adds_a_value_and_dragging_moves_one(page: Page, server_url):
    open_page(page, server_url + "/x/mean-median-mode?step=free")
    view = Center(step="free").frame()["line"]
    px = plot_px(page, "line", (0.0, 100.0), view.y_range)
    title = page.locator('[data-view="line"] h3')
    expect(title).to_contain_text("25 values")
    page.mouse.click(*px(10.0, 3.0))
    expect(title).to_contain_text("26 values")
    ex = Center(step="free")
    x = np.append(ex.x, 10.0)
    expect(cell(page, 1)).to_have_text(f"{np.median(x):g}")
    # drag the largest value to the far left
    k = int(np.argmax(ex.x))
    h = stack_heights(x)[k]
    sx, sy = px(float(ex.x[k]), float(h))
    tx, _ = px(2.0, 0.0)
    page.mouse.move(sx, sy)
    page.mouse.down()
    page.mouse.move(tx, sy, steps=8)
    page.mouse.up()
    expect(cell(page, 0)).not_to_have_text(f"{x.mean():.2f}", timeout=5000)
