"""The derivative as a limit in a real browser: shrink h and read the secant's slope close
in on 2, type a function and read its exact derivative, type a bad one and read where the
problem is, put x on the corner of |x|."""

from __future__ import annotations

import math

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.ui import MET, open_page, type_value

pytestmark = pytest.mark.browser


def cell(page: Page, row: int):
    return page.locator('[data-view="numbers"] tbody tr').nth(row).locator("td").nth(1)


def test_shrinking_h_brings_the_secant_to_the_slope(page: Page, server_url):
    open_page(page, server_url + "/x/derivative")
    expect(cell(page, 2)).to_have_text("3")  # ((1 + 1)² - 1) / 1
    slider = page.locator('.control[data-param="h"] input[type=range]')
    slider.focus()
    for _ in range(12):
        slider.press("ArrowLeft")
    expect(page.locator(".story-live")).not_to_contain_text("h = 1:")
    type_value(page, "h", "0.005")
    expect(cell(page, 2)).to_have_text("2.005")
    expect(page.locator(".story-live")).to_contain_text("0.005 away")
    expect(page.locator(".story-goal")).to_have_class(MET)


def test_typing_a_function_shows_its_derivative(page: Page, server_url):
    open_page(page, server_url + "/x/derivative?step=free")
    box = page.locator('.control[data-param="f"] input')
    box.fill("sin(x) + x^2")
    box.press("Enter")
    expect(page.locator('[data-view="curve"] h3')).to_have_text("f(x) = sin(x) + x^2, x = 1")
    expect(cell(page, 3)).to_have_text(f"{math.cos(1) + 2:.6f}".rstrip("0"))
    expect(page.locator('[data-view="formula"] .katex-mathml')).to_contain_text("cos")
    box.fill("sin(x) + y")
    box.press("Enter")
    expect(page.locator(".control-error")).to_contain_text("position 10: 'y' is not allowed")
    expect(page.locator('[data-view="curve"] h3')).to_have_text("f(x) = sin(x) + x^2, x = 1")


def test_the_corner_of_abs_has_two_slopes(page: Page, server_url):
    open_page(page, server_url + "/x/derivative?step=corner&f=x^2")
    page.get_by_role("button", name="|x|").click()
    type_value(page, "x", "0")
    live = page.locator(".story-live")
    expect(live).to_contain_text("From the left the slope is −1, from the right 1")
    expect(page.locator(".story-goal")).to_have_class(MET)
    legend = page.locator('[data-view="slopes"] .legend, [data-view="slopes"]')
    expect(legend).to_contain_text("slope from x − h")
