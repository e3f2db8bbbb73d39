"""Logistic regression in a real browser, as a learner uses it: drag the star until the
model is sure it is orange, train with Play until the loss reaches its minimum, move C and
read the weights, add a class."""

from __future__ import annotations

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from mlscope.explorables.classic.logistic_regression import LogisticRegression
from tests.e2e.ui import MET, open_page, type_value

pytestmark = pytest.mark.browser


def plot_px(page: Page, x: float, y: float) -> tuple[float, float]:
    canvas = page.locator('[data-view="plane"] canvas.plot-front')
    box, before = canvas.bounding_box(), None
    while box != before:  # the legend above the plot settles after the first frames
        page.wait_for_timeout(100)
        before, box = box, canvas.bounding_box()
    return (box["x"] + 54 + (x + 6) / 12 * (box["width"] - 78),
            box["y"] + 10 + (6 - y) / 12 * (box["height"] - 52))


def test_dragging_the_star_to_orange_meets_the_goal(page: Page, server_url):
    open_page(page, server_url + "/x/logistic-regression")
    start, end = plot_px(page, 2.0, -1.0), plot_px(page, -4.0, -4.0)
    page.mouse.move(*start)
    page.mouse.down()
    for t in np.linspace(0, 1, 10)[1:]:
        page.mouse.move(start[0] + (end[0] - start[0]) * t, start[1] + (end[1] - start[1]) * t)
    page.mouse.up()
    expect(page.locator(".story-goal")).to_have_class(MET)
    expect(page.locator('[data-view="plane"] h3')).to_contain_text("orange")


def test_play_trains_to_the_minimum(page: Page, server_url):
    open_page(page, server_url + "/x/logistic-regression?step=training&learning_rate=1")
    expect(page.locator('[data-view="loss"] h3')).to_contain_text("0.6931")  # all at 50 %
    page.get_by_role("button", name="▶ Play").click()
    expect(page.locator(".story-goal")).to_have_class(MET, timeout=20_000)


def test_c_follows_to_its_minimum_and_the_weights_match_python(page: Page, server_url):
    open_page(page, server_url + "/x/logistic-regression?step=c")
    type_value(page, "C", "0.01")
    ex = LogisticRegression(C=0.01)
    ex.solve_now()
    row = page.locator('[data-view="numbers"] tbody tr').first.locator("td")
    expect(row.nth(1)).to_have_text(f"{ex.W[0, 0]:.3f}")
    expect(row.nth(2)).to_have_text(f"{ex.W[0, 1]:.3f}")


def test_three_classes_have_three_rows_of_weights(page: Page, server_url):
    open_page(page, server_url + "/x/logistic-regression?step=classes")
    expect(page.locator('[data-view="numbers"] tbody tr')).to_have_count(3)
    type_value(page, "classes", "4")
    expect(page.locator('[data-view="numbers"] tbody tr')).to_have_count(4)
    expect(page.locator('[data-view="sigmoid"] .plot-legend')).to_contain_text("P(red)")
    expect(page.locator('[data-view="numbers"] tbody tr').nth(3).locator("td").nth(1)).not_to_have_text("0.000")
