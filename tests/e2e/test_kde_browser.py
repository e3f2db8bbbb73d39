"""Kernel density estimation in a real browser: drag a point along the axis (its bump and
the estimate follow, the goal is met), then set the bandwidth near the best."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from mlscope.explorables.maths.kde import Kde
from tests.e2e.ui import MET, open_page, plot_px, type_value

pytestmark = pytest.mark.browser


def test_dragging_a_point_then_choosing_the_bandwidth(page: Page, server_url):
    open_page(page, server_url + "/x/kde")
    view = Kde().frame()["kde"]
    rug = view.layers[-1]  # the data, a row of dots just under the axis
    px = plot_px(page, "kde", (-5.0, 5.0), view.y_range)
    sx, sy = px(float(rug.x[0]), float(rug.y[0]))
    tx, _ = px(4.0, 0.0)
    page.mouse.move(sx, sy)
    page.mouse.down()
    page.mouse.move(tx, sy, steps=8)
    page.mouse.up()
    expect(page.locator(".story-goal")).to_have_class(MET)
    page.get_by_role("button", name="Next →").click()
    goal = page.locator(".story-goal")
    expect(goal).not_to_have_class(MET)
    type_value(page, "bandwidth", "0.5")
    expect(page.locator(".story-live")).to_contain_text("Error with your bandwidth")
    expect(goal).to_have_class(MET)
