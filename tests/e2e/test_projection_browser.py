"""Projections in a real browser: drag b to a right angle with a, slide q to the closest
point, fit a line by its sliders."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from mlscope.explorables.maths.projection import Projection
from tests.e2e.ui import MET, open_page, plot_px, type_value

pytestmark = pytest.mark.browser

R = (-3.5, 3.5)


def drag(page: Page, view: str, start, end) -> None:
    px = plot_px(page, view, R, R)
    page.mouse.move(*px(*start))
    page.mouse.down()
    page.mouse.move(*px(*end), steps=10)
    page.mouse.up()


def test_a_right_angle_makes_the_dot_product_zero(page: Page, server_url):
    open_page(page, server_url + "/x/projections")
    title = page.locator('[data-view="vectors"] h3')
    expect(title).to_have_text("a·b = 4.2, θ = 48.2°")
    drag(page, "vectors", (0.8, 2.2), (-1.02, 2.49))
    expect(title).to_have_text("a·b = 0, θ = 90°")
    expect(page.locator(".story-goal")).to_have_class(MET)


def test_sliding_q_to_the_closest_point(page: Page, server_url):
    open_page(page, server_url + "/x/projections?step=closest")
    p = Projection().proj
    drag(page, "vectors", (-1.0, -0.4), (p[0] + 0.01, p[1] - 0.01))
    expect(page.locator(".story-live")).to_contain_text("Found: p = (1.45, 0.58)")
    expect(page.locator(".story-goal")).to_have_class(MET)


def test_fitting_a_line_by_its_sliders(page: Page, server_url):
    open_page(page, server_url + "/x/projections?step=least-squares")
    b0, b1 = Projection().beta
    type_value(page, "b0", f"{b0:.2f}")
    type_value(page, "b1", f"{b1:.2f}")
    expect(page.locator(".story-goal")).to_have_class(MET)
    expect(page.locator('[data-view="fit"] h3')).to_contain_text("least 1.042")
