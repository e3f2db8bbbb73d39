"""Fourier series in a real browser: play the heart, find the fewest circles within 1%,
draw a shape by clicking, build the square wave from sines."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.ui import MET, choose, open_page, plot_px, type_value

pytestmark = pytest.mark.browser

R = (-2.2, 2.2)


def test_play_the_heart(page: Page, server_url):
    open_page(page, server_url + "/x/fourier")
    page.locator("button.play").click()
    expect(page.locator(".story-live")).to_contain_text(re.compile(r"gone [1-9]\d*% of the way"))
    expect(page.locator(".story-goal")).to_have_class(MET, timeout=15_000)


def test_the_fewest_circles(page: Page, server_url):
    open_page(page, server_url + "/x/fourier?step=terms")
    type_value(page, "terms", "21")
    expect(page.locator(".story-live")).to_contain_text("21 circles redraw the outline within")
    expect(page.locator(".story-goal")).not_to_have_class(MET)
    type_value(page, "terms", "22")
    expect(page.locator(".story-goal")).to_have_class(MET)


def test_drawing_by_clicking(page: Page, server_url):
    open_page(page, server_url + "/x/fourier?step=draw")
    choose(page, "shape", "drawn")
    expect(page.locator('[data-view="epicycles"] h3')).to_contain_text("click to add corners")
    px = plot_px(page, "epicycles", R, R)
    for x, y in ((0, 1.5), (1.2, 0.5), (0.8, -1.2), (-0.8, -1.2), (-1.2, 0.5), (0, 0.2)):
        page.mouse.click(*px(x, y))
        page.wait_for_timeout(150)
    expect(page.locator('[data-view="epicycles"] [role="img"]')).to_have_attribute(
        "aria-label", re.compile(r"your corners \(6 points\)"))
    page.locator("button.play").click()
    expect(page.locator(".story-goal")).to_have_class(MET, timeout=15_000)


def test_the_square_wave_from_sines(page: Page, server_url):
    open_page(page, server_url + "/x/fourier?step=sound")
    title = page.locator('[data-view="sound"] h3')
    expect(title).to_have_text("The square wave from 3 sines")
    type_value(page, "harmonics", "25")
    expect(title).to_have_text("The square wave from 25 sines")
    expect(page.locator(".story-goal")).to_have_class(MET)
