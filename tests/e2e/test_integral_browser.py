"""Integrals as areas in a real browser: more strips close in on 8/3, the midpoint rule
gets there with ten, and sliding t moves the area function."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.ui import MET, choose, open_page, type_value

pytestmark = pytest.mark.browser


def test_more_strips_close_in_on_the_area(page: Page, server_url):
    open_page(page, server_url + "/x/integral")
    title = page.locator('[data-view="sum"] h3')
    expect(title).to_have_text("4 strips (left ends): 1.75 against 2.6667")
    slider = page.locator('.control[data-param="n"] input[type=range]')
    slider.focus()
    for _ in range(30):
        slider.press("ArrowRight")
    expect(title).not_to_have_text(re.compile(r"^4 strips"))
    type_value(page, "n", "80")
    expect(page.locator(".story-live")).to_contain_text("0.0498 off")
    expect(page.locator(".story-goal")).to_have_class(MET)


def test_ten_midpoints_are_enough(page: Page, server_url):
    open_page(page, server_url + "/x/integral?step=rules&n=10")
    expect(page.locator(".story-goal")).not_to_have_class(MET)
    choose(page, "rule", "midpoint")
    expect(page.locator('[data-view="sum"] h3')).to_have_text(
        "10 strips (midpoints): 2.66 against 2.6667")
    expect(page.locator(".story-goal")).to_have_class(MET)


def test_sliding_t_moves_the_area_function(page: Page, server_url):
    open_page(page, server_url + "/x/integral?step=ftc&f=sin(x)&a=-3&t=1.2")
    live = page.locator(".story-live")
    expect(live).to_contain_text("A(1.2) = −1.3524")
    type_value(page, "t", "0")
    expect(live).to_contain_text("f(0) = 0 per unit")
    expect(page.locator(".story-goal")).to_have_class(MET)
