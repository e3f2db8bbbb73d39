"""Estimators in a real browser: draw samples and read each estimator's average, switch to
the spread and see the variance over n fall short, change the population."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from mlscope.explorables.maths.estimators import Estimators
from tests.e2e.ui import MET, choose, open_page

pytestmark = pytest.mark.browser


def cell(page: Page, row: int, col: int):
    return page.locator('[data-view="numbers"] tbody tr').nth(row).locator("td").nth(col)


def test_drawing_and_reading_the_bias(page: Page, server_url):
    open_page(page, server_url + "/x/estimators?step=n-minus-1&seed=2")
    page.get_by_role("button", name="×1000").click()
    page.get_by_role("button", name="×1000").click()
    ex = Estimators(seed=2, samples=2000, step="free", target="spread")
    v = ex.so_far()
    expect(cell(page, 0, 1)).to_have_text(f"{v['var_n'].mean():.4f}")
    expect(cell(page, 1, 1)).to_have_text(f"{v['var_n1'].mean():.4f}")
    expect(page.locator(".story-goal")).to_have_class(MET)


def test_heavy_tails_favour_the_median(page: Page, server_url):
    open_page(page, server_url + "/x/estimators?step=mean-or-median")
    choose(page, "population", "heavy")
    page.get_by_role("button", name="×1000").click()
    page.get_by_role("button", name="×1000").click()
    expect(page.locator('[data-view="estimates"] h3')).to_have_text(
        "2,000 estimates of the centre")
    expect(page.locator(".story-goal")).to_have_class(MET)
