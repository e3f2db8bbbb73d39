"""Regression as statistics in a real browser: drag a point and read the new line, raise
the noise until R² falls, shrink n until the slope's test gives up, compare like with like
and watch the slope vanish."""

from __future__ import annotations

import re
from urllib.parse import unquote

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from mlscope.explorables.maths.regression_inference import (
    X_BOX,
    Y_BOX,
    RegressionInference,
    least_squares,
)
from tests.e2e.ui import MET, open_page, plot_px, type_value

pytestmark = pytest.mark.browser


def test_dragging_a_point_moves_the_line(page: Page, server_url):
    open_page(page, server_url + "/x/regression-inference?seed=2")
    ex = RegressionInference(seed=2)
    title = page.locator('[data-view="fit"] h3')
    f = ex.fit()
    expect(title).to_have_text(f"ŷ = {f.a:.2f} + {f.b:.3f}·x · R² = {f.r2:.3f}")
    px = plot_px(page, "fit", X_BOX, Y_BOX)
    k = int(ex.x.argmax())  # the right-most point, dragged down
    sx, sy = px(float(ex.x[k]), float(ex.y[k]))
    _, ty = px(0.0, -10.0)
    page.mouse.move(sx, sy)
    page.mouse.down()
    page.mouse.move(sx, ty, steps=8)
    page.mouse.up()
    expect(page.locator(".story-goal")).to_have_class(MET)
    expect(title).not_to_have_text(f"ŷ = {f.a:.2f} + {f.b:.3f}·x · R² = {f.r2:.3f}")
    # the line on the screen is the least-squares line of the points in the page's link
    # (the link follows the drag: read it until it has caught up)
    shown = ""
    for _ in range(50):
        g = least_squares(*link_points(page.url))
        sign = "+" if g.b >= 0 else "−"
        shown = f"ŷ = {g.a:.2f} {sign} {abs(g.b):.3f}·x · R² = {g.r2:.3f}"
        if title.inner_text() == shown:
            break
        page.wait_for_timeout(100)
    expect(title).to_have_text(shown)
    assert g.b < f.b


def link_points(url: str) -> tuple[np.ndarray, np.ndarray]:
    found = re.search(r"points=([^&]+)", url)
    assert found, url
    xy = np.array([[float(v) for v in p.split(",")[:2]]
                   for p in unquote(found.group(1)).split(";")])
    return xy[:, 0], xy[:, 1]


def test_noise_then_the_slope_test(page: Page, server_url):
    open_page(page, server_url + "/x/regression-inference?step=r-squared&seed=1")
    type_value(page, "noise", "5")
    type_value(page, "slope", "0.2")
    ex = RegressionInference(seed=1, step="free", noise=5.0, slope=0.2)
    expect(page.locator('[data-view="squares"] h3')).to_have_text(
        re.compile(rf"= {ex.fit().r2:.3f}$"))
    expect(page.locator(".story-goal")).to_have_class(MET)
    page.get_by_role("button", name="Next →").click()
    type_value(page, "n", "8")
    ex.set(n=8)
    t, p = ex.fit().t_slope()
    row = page.locator('[data-view="numbers"] tbody tr').nth(1)
    expect(row).to_contain_text(f"{t:.2f}")
    if p > 0.05:
        expect(page.locator(".story-goal")).to_have_class(MET)


def test_comparing_like_with_like(page: Page, server_url):
    open_page(page, server_url + "/x/regression-inference?step=confounder&seed=3")
    live = page.locator(".story-live")
    expect(live).to_contain_text("All days together")
    expect(live).not_to_contain_text("Within each kind of day")
    page.get_by_role("checkbox", name="compare like with like").check()
    ex = RegressionInference(seed=3, step="confounder")
    b, _, _, _ = ex.adjusted()
    expect(live).to_contain_text(f"Within each kind of day: slope {b:.2f}")
    expect(page.locator(".story-goal")).to_have_class(MET)
