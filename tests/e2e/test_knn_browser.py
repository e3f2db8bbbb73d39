"""k-nearest neighbours in a real browser, as a learner uses it: drag the star into orange
(the goal turns green), move k, change the distance, click the plane to add a point."""

from __future__ import annotations

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from mlscope.explorables.classic.knn import KNearestNeighbours
from tests.e2e.ui import MET, choose, open_page

pytestmark = pytest.mark.browser


def plot_px(page: Page, x: float, y: float) -> tuple[float, float]:
    """Page pixels of (x, y) in the square [-6, 6]² plot (margins as in views/plot.ts), once
    the layout holds still (the legend above the plot settles after the first frames)."""
    canvas = page.locator('[data-view="plane"] canvas.plot-front')
    box, before = canvas.bounding_box(), None
    while box != before:
        page.wait_for_timeout(100)
        before, box = box, canvas.bounding_box()
    return (box["x"] + 54 + (x + 6) / 12 * (box["width"] - 78),
            box["y"] + 10 + (6 - y) / 12 * (box["height"] - 52))


def drag(page: Page, start: tuple[float, float], end: tuple[float, float]) -> None:
    page.mouse.move(*start)
    page.mouse.down()
    for t in np.linspace(0, 1, 10)[1:]:
        page.mouse.move(start[0] + (end[0] - start[0]) * t, start[1] + (end[1] - start[1]) * t)
    page.mouse.up()


def title(page: Page):
    return page.locator('[data-view="plane"] h3')


def test_dragging_the_star_into_orange_meets_the_goal(page: Page, server_url):
    open_page(page, server_url + "/x/knn")
    ex = KNearestNeighbours()
    expect(title(page)).to_have_text("k = 1: the star is blue")
    target = next((x, y) for x in np.linspace(-4, 0, 9) for y in np.linspace(-4, 0, 9)
                  if ex.set(probe=[(x, y, 0)]) is not None and ex.probe_class() == 1)
    drag(page, plot_px(page, 1.0, 1.0), plot_px(page, *target))
    expect(title(page)).to_have_text("k = 1: the star is orange")
    expect(page.locator(".story-goal")).to_have_class(MET)


def test_k_and_the_distance_change_the_vote_and_its_ball(page: Page, server_url):
    open_page(page, server_url + "/x/knn?step=distance")
    box = page.locator('[data-param="k"] input.control-number')
    box.fill("7")
    box.press("Enter")
    expect(title(page)).to_contain_text("k = 7")
    choose(page, "metric", "chebyshev")
    expect(page.locator(".story-goal")).to_have_class(MET)
    # the same numbers as Python: the star's 7 neighbours in L∞
    ex = KNearestNeighbours(k=7, metric="chebyshev")
    expect(page.locator('[data-view="votes"] h3')).to_have_text(ex.frame()["votes"].title)
    expect(title(page)).to_have_text(ex.frame()["plane"].title)


def test_a_click_adds_a_point_of_the_chosen_class(page: Page, server_url):
    open_page(page, server_url + "/x/knn?step=free&held_out=0&count=20")
    frames = page.evaluate("window.__mlscope.stats.frames")
    page.mouse.click(*plot_px(page, -5.0, 5.0))
    page.wait_for_function(f"window.__mlscope.stats.frames > {frames}")
    page.wait_for_function("""() => {
        const d = (new URLSearchParams(location.search).get("data") || "").split(";");
        if (d.length !== 21) return false;
        const [x, y, c] = d[20].split(",").map(Number);
        return Math.abs(x + 5) < 0.2 && Math.abs(y - 5) < 0.2 && c === 0;
    }""")
