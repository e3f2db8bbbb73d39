"""Taylor series in a real browser: the tangent line at a = 1, raise the degree for sin,
drag the centre of ln(1 + x) until its series reaches 2."""

from __future__ import annotations

import math

import pytest
from playwright.sync_api import Page, expect

from mlscope.explorables.maths.taylor import TaylorSeries
from tests.e2e.ui import MET, open_page, plot_px, type_value

pytestmark = pytest.mark.browser


def test_the_tangent_line_then_more_terms(page: Page, server_url):
    open_page(page, server_url + "/x/taylor")
    box = page.locator('.control[data-param="centre"] textarea')
    box.fill("1, 0")
    box.blur()
    expect(page.locator('[data-view="curve"] h3')).to_have_text("f(x) = sin(x) around a = 1")
    # p₁(x) = sin 1 + cos 1 · (x − 1)
    expect(page.locator('[data-view="terms"] .katex-mathml')).to_contain_text(
        f"{math.sin(1):.4f}")
    expect(page.locator(".story-goal")).to_have_class(MET)
    open_page(page, server_url + "/x/taylor?step=degree")
    type_value(page, "degree", "9")
    expect(page.locator(".story-live")).to_contain_text("Degree 9: within 0.01 of f from x = −3.24")
    expect(page.locator(".story-goal")).to_have_class(MET)


def test_dragging_the_centre_moves_the_radius(page: Page, server_url):
    open_page(page, server_url + "/x/taylor?step=radius&degree=8")
    page.get_by_role("button", name="ln(1 + x)").click()
    live = page.locator(".story-live")
    expect(live).to_contain_text("Radius of convergence 1:")
    view = TaylorSeries(f="log(1 + x)", degree=8, step="radius").frame()["curve"]
    px = plot_px(page, "curve", view.x_range, view.y_range)
    page.mouse.move(*px(0.0, 0.0))
    page.mouse.down()
    page.mouse.move(*px(0.6, 0.5), steps=10)
    page.mouse.up()
    expect(live).to_contain_text("Radius of convergence 1.6")
    expect(page.locator(".story-goal")).to_have_class(MET)
