"""DBSCAN in a real browser, as a learner uses it: drag the star into a dense place, play the
growth and pause it, drag ε until the face's four parts are four clusters."""

from __future__ import annotations

import re

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from mlscope.explorables.classic.dbscan import DBSCAN
from tests.e2e.test_kmeans_browser import next_step
from tests.e2e.ui import MET, open_page, plot_px

pytestmark = pytest.mark.browser


def joined(page: Page) -> int:
    title = page.locator('[data-view="plane"] h3').text_content() or ""
    m = re.search(r"(\d+) of \d+ points joined", title)
    return int(m[1]) if m else -1


def test_drag_the_star_play_the_growth_and_pause_it(page: Page, server_url):
    open_page(page, server_url + "/x/dbscan")
    goal = page.locator(".story-goal")
    expect(goal).not_to_have_class(MET)
    px = plot_px(page)
    page.mouse.move(*px(0.0, 0.3))
    page.mouse.down()
    for t in np.linspace(0, 1, 8)[1:]:
        page.mouse.move(*px(1.8 * t, 0.3 + 1.5 * t))  # into the right eye
    page.mouse.up()
    expect(goal).to_have_class(MET)
    expect(page.locator(".story-live")).to_contain_text("a core point")

    next_step(page)
    title = page.locator('[data-view="plane"] h3')
    expect(title).to_have_text(re.compile(r"core points; no cluster yet"))
    page.get_by_role("button", name="Step", exact=True).click()
    expect(title).to_have_text(re.compile(r"Growing cluster 1: 1 of \d+ points joined"))
    page.get_by_role("button", name="▶ Play").click()
    page.wait_for_function("() => /([2-9]\\d|\\d{3}) of/.test("
                           "document.querySelector('[data-view=plane] h3').textContent)")
    page.get_by_role("button", name="❚❚ Pause").click()
    page.wait_for_function(  # the frame on screen reflects the pause
        "() => window.__mlscope.stats.lastApplied >= window.__mlscope.nextMessageId - 1")
    paused = joined(page)
    page.wait_for_timeout(400)
    assert joined(page) == paused > 1, "the growth went on after Pause"
    page.get_by_role("button", name="Run to the end").click()
    expect(goal).to_have_class(MET)
    ref = DBSCAN()
    ref.act("run")
    expect(title).to_have_text(ref.plane_title())


def test_drag_eps_until_the_face_is_four_clusters(page: Page, server_url):
    open_page(page, server_url + "/x/dbscan?step=shapes")
    goal, title = page.locator(".story-goal"), page.locator('[data-view="plane"] h3')
    expect(title).to_have_text(DBSCAN(step="shapes").plane_title())
    slider = page.locator('input[name="eps"]')
    box = slider.bounding_box()
    y = box["y"] + box["height"] / 2
    # drag the thumb from 0.6 to about 1.0 (the range is 0.05 to 3)
    x_of = lambda v: box["x"] + 8 + (v - 0.05) / 2.95 * (box["width"] - 16)  # noqa: E731
    page.mouse.move(x_of(0.6), y)
    page.mouse.down()
    for v in np.linspace(0.6, 1.02, 8):
        page.mouse.move(x_of(v), y)
    page.mouse.up()
    expect(title).to_have_text("4 clusters, 0 noise points")
    expect(goal).to_have_class(MET)


def test_upload_your_points_then_a_bad_file(page: Page, server_url):
    open_page(page, server_url + "/x/dbscan?step=free&eps=1&min_pts=2")
    good = b"height,weight,species\n150,50,0\n152,52,0\n190,90,1\n188,91,1\n151,51,0\n"
    page.set_input_files("input[name=upload_csv]", files=[
        {"name": "mine.csv", "mimeType": "text/csv", "buffer": good}])
    plot = page.locator('[data-view="plane"] .plot-stack')
    expect(plot).to_have_attribute("aria-label", re.compile(r"not reached yet \(5 points\)"))
    page.get_by_role("button", name="Run to the end").click()
    expect(page.locator('[data-view="plane"] h3')).to_have_text("2 clusters, 0 noise points")
    bad = b"x,y\n1,2\n1,oops\n"
    page.set_input_files("input[name=upload_csv]", files=[
        {"name": "bad.csv", "mimeType": "text/csv", "buffer": bad}])
    expect(page.locator(".control-error")).to_have_text("line 3: y must be a number; got 'oops'.")
    expect(page.locator('[data-view="plane"] h3')).to_have_text("2 clusters, 0 noise points")
