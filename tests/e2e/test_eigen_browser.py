"""Eigenvectors in a real browser: drag v onto a direction A does not turn, multiply by A
and watch the direction swing to the dominant eigenvector, run the weather chain to its
steady state."""

from __future__ import annotations

import math

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.ui import MET, open_page, plot_px

pytestmark = pytest.mark.browser

R = (-3.5, 3.5)


def test_dragging_v_onto_an_eigenvector(page: Page, server_url):
    open_page(page, server_url + "/x/eigenvectors")
    live = page.locator(".story-live")
    expect(live).to_contain_text("Av is turned 18.1° off v's line")
    px = plot_px(page, "plane", R, R)
    n = math.hypot(1.0, 0.3)
    page.mouse.move(*px(1.0 / n, 0.3 / n))
    page.mouse.down()
    page.mouse.move(*px(1.5, 1.5), steps=10)
    page.mouse.up()
    expect(live).to_contain_text("v is an eigenvector, stretched by 3")
    expect(page.locator(".story-goal")).to_have_class(MET)
    expect(page.locator('[data-view="plane"]')).to_contain_text("eigenvector lines")


def test_power_iteration_swings_to_the_dominant_eigenvector(page: Page, server_url):
    open_page(page, server_url + "/x/eigenvectors?step=power")
    live = page.locator(".story-live")
    th0 = 45 - math.degrees(math.atan(0.3))  # v at atan(0.3), the dominant line at 45°
    expect(live).to_contain_text(f"After 0 multiplications the direction is {th0:.1f}°")
    page.get_by_role("button", name="× A once").click()
    # tan of the angle shrinks by |λ₂/λ₁| = 1/3 per multiplication
    th1 = math.degrees(math.atan(math.tan(math.radians(th0)) / 3))
    expect(live).to_contain_text(f"After 1 multiplication the direction is {th1:.2f}°")
    for _ in range(5):
        page.get_by_role("button", name="× A once").click()
    expect(page.locator(".story-goal")).to_have_class(MET)


def test_the_weather_chain_settles(page: Page, server_url):
    open_page(page, server_url + "/x/eigenvectors?step=markov")
    page.get_by_role("button", name="Weather chain").click()
    live = page.locator(".story-live")
    expect(live).to_contain_text("Day 0: sunny 1, rainy 0")
    page.get_by_role("button", name="×10").click()
    expect(live).to_contain_text("Day 10: sunny 0.8334, rainy 0.1666")
    expect(live).to_contain_text("0.8333, 0.1667")
    expect(page.locator(".story-goal")).to_have_class(MET)
