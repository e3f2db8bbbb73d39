"""Linear regression in a real browser, as a learner uses it: move the sliders until the
squares are small (the goal turns green), drag a point and watch the least-squares line
follow, press Play and watch gradient descent reach it, raise the degree."""

from __future__ import annotations

import re

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from mlscope.explorables.classic.linear_regression import LinearRegression
from tests.e2e.ui import MET, open_page, type_value

pytestmark = pytest.mark.browser


def plot_px(page: Page, x: float, y: float) -> tuple[float, float]:
    """Page pixels of data point (x, y) in the square fit plot ([-6, 6]², margins as in
    frontend/src/views/plot.ts: left 54, right 24, top 10, bottom 42)."""
    box = page.locator('[data-view="fit"] canvas.plot-front').bounding_box()
    return (box["x"] + 54 + (x + 6) / 12 * (box["width"] - 78),
            box["y"] + 10 + (6 - y) / 12 * (box["height"] - 52))


def cell(page: Page, row: int, col: int):
    return page.locator('[data-view="numbers"] tbody tr').nth(row).locator("td").nth(col)


def test_fitting_by_hand_meets_the_goal(page: Page, server_url):
    open_page(page, server_url + "/x/linear-regression")
    ex = LinearRegression()
    goal = page.locator(".story-goal")
    expect(goal).not_to_have_class(MET)
    type_value(page, "slope", f"{ex.line[1] / 5:.2f}")
    type_value(page, "intercept", f"{ex.line[0]:.2f}")
    expect(goal).to_have_class(MET)
    expect(cell(page, 0, 3)).to_have_text(re.compile(r"^4\.\d\d$"))  # near the best 4.75


def test_dragging_a_point_moves_the_least_squares_line(page: Page, server_url):
    open_page(page, server_url + "/x/linear-regression?step=least-squares")
    expect(page.locator('[data-param="show_fit"] input')).to_be_checked()
    ex = LinearRegression()
    before = cell(page, 1, 2).inner_text()
    x0, y0 = ex.x[0], ex.y[0]
    sx, sy = plot_px(page, x0, y0)
    tx, ty = plot_px(page, x0, 5.5)
    page.mouse.move(sx, sy)
    page.mouse.down()
    for t in np.linspace(0, 1, 8)[1:]:
        page.mouse.move(sx + (tx - sx) * t, sy + (ty - sy) * t)
    page.mouse.up()
    moved = list(ex.p.points)
    moved[0] = (x0, 5.5, 0)
    after = LinearRegression(points=moved)
    expect(cell(page, 1, 2)).not_to_have_text(before)
    expect(cell(page, 1, 2)).to_have_text(f"{after.line[0]:.3f}", timeout=5000)


def test_play_walks_your_line_to_the_least_squares(page: Page, server_url):
    open_page(page, server_url + "/x/linear-regression?step=descent")
    goal = page.locator(".story-goal")
    page.get_by_role("button", name="▶ Play").click()
    expect(goal).to_have_class(MET, timeout=15_000)
    ex = LinearRegression()
    slope = float(page.locator('[data-param="slope"] .control-number').input_value())
    assert slope == pytest.approx(ex.line[1] / 5, abs=0.05)


def test_raising_the_degree_overfits(page: Page, server_url):
    open_page(page, server_url + "/x/linear-regression?step=degree")
    ex = LinearRegression(dataset="sine", count=30, held_out=30)
    best = int(np.argmin(ex.test_errors)) + 1
    slider = page.locator('[data-param="degree"] input[type="range"]')
    slider.focus()
    for _ in range(best - 1):
        slider.press("ArrowRight")
    expect(page.locator('[data-param="degree"] .control-number')).to_have_value(str(best))
    expect(page.locator(".story-goal")).to_have_class(MET)
    expect(page.locator('[data-view="fit"] .card-title, [data-view="fit"] h3').first) \
        .to_contain_text(f"Degree {best}")
