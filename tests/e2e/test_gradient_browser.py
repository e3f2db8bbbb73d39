"""Gradients in 2-D in a real browser: drag the point to the bottom of the bowl and read
both slopes 0, take ten steps of descent, find the learning rate at the edge of diverging,
type a function of x and y."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.ui import MET, open_page, plot_px, type_value

pytestmark = pytest.mark.browser

R = (-3.0, 3.0)


def cell(page: Page, label: str):
    return page.locator('[data-view="numbers"] tbody tr', has_text=label).locator("td").nth(1)


def test_dragging_the_point_to_the_bottom(page: Page, server_url):
    open_page(page, server_url + "/x/gradient-2d")
    expect(cell(page, "∂f/∂x")).to_have_text("5")
    px = plot_px(page, "contours", R, R)
    page.mouse.move(*px(2.5, -1.5))
    page.mouse.down()
    page.mouse.move(*px(0.01, -0.02), steps=10)
    page.mouse.up()
    expect(cell(page, "the point")).to_have_text("(0, 0)")  # snapped to 0.05
    expect(cell(page, "∂f/∂y")).to_have_text("0")
    expect(page.locator(".story-goal")).to_have_class(MET)


def test_ten_steps_of_descent(page: Page, server_url):
    open_page(page, server_url + "/x/gradient-2d?step=descent&lr=0.05")
    page.get_by_role("button", name="×10").click()
    expect(page.locator(".story-live")).to_contain_text("Step 10: at (0.872, −0.001)")
    # x after 10 steps: 2.5 · 0.9¹⁰ = 0.8717; y: -1.5 · 0.5¹⁰ = -0.0015
    expect(page.locator('[data-view="contours"]')).to_contain_text("descent")


def test_the_fastest_learning_rate(page: Page, server_url):
    open_page(page, server_url + "/x/gradient-2d?step=rates")
    live = page.locator(".story-live")
    type_value(page, "lr", "0.25")
    expect(live).to_contain_text("diverging")
    type_value(page, "lr", "0.19")
    expect(live).to_contain_text("zig-zag")
    expect(page.locator(".story-goal")).not_to_have_class(MET)
    type_value(page, "lr", "0.167")  # 2 / (2 + 10): both directions shrink by 2/3 a step
    expect(live).to_contain_text("within 0.001 of the bottom in 20 steps")
    expect(page.locator(".story-goal")).to_have_class(MET)


def test_typing_a_function_of_two_variables(page: Page, server_url):
    open_page(page, server_url + "/x/gradient-2d?step=free")
    box = page.locator('.control[data-param="f"] input')
    box.fill("x^2 - y^2")
    box.press("Enter")
    expect(page.locator('[data-view="contours"] h3')).to_have_text("f(x, y) = x^2 - y^2")
    expect(cell(page, "∇f(x, y)")).to_have_text("(2·x, -2·y)")
    box.fill("x^2 + z")
    box.press("Enter")
    expect(page.locator(".control-error")).to_contain_text("position 7: 'z' is not allowed")
