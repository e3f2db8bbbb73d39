"""k-means in a real browser, as a learner walks its story: Step to assign and to move the
centroids, Play until it converges, place the centroids by clicking, find data k-means
gets wrong, and the k with the best silhouette."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from mlscope.explorables.classic.kmeans import KMeans
from tests.e2e.ui import MET, choose, open_page, plot_px, type_value

pytestmark = pytest.mark.browser




def next_step(page: Page) -> None:
    page.get_by_role("button", name="Next →").first.click()


def test_a_learner_walks_the_k_means_story(page: Page, server_url):
    open_page(page, server_url + "/x/k-means")
    goal, title = page.locator(".story-goal"), page.locator('[data-view="plane"] h3')
    expect(title).to_have_text("k = 4: the centroids start (random)")
    expect(page.locator(".story-live")).to_contain_text("No point belongs anywhere yet")
    page.get_by_role("button", name="Step", exact=True).click()
    expect(goal).to_have_class(MET)
    expect(title).to_have_text("Iteration 1: assigned to the nearest centroid")
    sizes = KMeans()
    sizes.act("step")
    counts = ", ".join(str(int((sizes.history[-1].labels == j).sum())) for j in range(4))
    expect(page.locator(".story-live")).to_contain_text(f"clusters of {counts} points")

    next_step(page)
    page.get_by_role("button", name="Step", exact=True).click()
    expect(goal).to_have_class(MET)
    expect(title).to_have_text("Iteration 1: centroids moved to the mean")
    page.get_by_role("button", name="Undo", exact=True).click()  # and back again
    expect(title).to_have_text("Iteration 1: assigned to the nearest centroid")

    next_step(page)
    page.get_by_role("button", name="▶ Play").click()
    expect(goal).to_have_class(MET, timeout=20_000)
    ref = KMeans()
    ref.act("run")
    expect(title).to_have_text(f"k = 4: converged after {ref.iterations()} iterations")
    expect(page.locator('[data-view="inertia"] h3')).to_have_text(
        f"Inertia: {ref.inertia_now():.1f}")

    # Place the centroids by clicking: three between the blobs, one in a far corner.
    next_step(page)
    choose(page, "init", "mine")
    expect(title).to_have_text("Click to place your centroids: 0 of 4")
    px = plot_px(page)
    for x, y in [(3.1, -1.4), (-0.5, -2.0), (-0.4, 1.6), (-5.0, -4.6)]:
        page.mouse.click(*px(x, y))
    expect(title).to_have_text("k = 4: the centroids start (mine)")
    page.get_by_role("button", name="Run to the end").click()
    expect(goal).to_have_class(MET)
    expect(page.locator(".story-live")).to_contain_text("a local minimum")

    next_step(page)
    choose(page, "dataset", "smiley")
    expect(page.locator('[data-param="k"] input.control-number')).to_have_value("4")
    page.get_by_role("button", name="Run to the end").click()
    expect(goal).to_have_class(MET)
    expect(page.locator(".story-live")).to_contain_text("k-means agrees with the shapes")

    next_step(page)
    expect(page.locator('[data-param="k"] input.control-number')).to_have_value("2")
    best = KMeans(dataset="blobs").best_k()
    type_value(page, "k", str(best))
    expect(goal).to_have_class(MET)


def test_a_click_adds_a_point_and_shift_click_removes_it(page: Page, server_url):
    open_page(page, server_url + "/x/k-means?step=free&count=40")
    plot = page.locator('[data-view="plane"] .plot-stack')
    expect(plot).to_have_attribute("aria-label", re.compile(r"no cluster yet\) \(40 points\)"))
    px = plot_px(page)
    page.mouse.click(*px(5.5, 5.5))
    expect(plot).to_have_attribute("aria-label", re.compile(r"\(41 points\)"))
    page.keyboard.down("Shift")
    page.mouse.click(*px(5.5, 5.5))
    page.keyboard.up("Shift")
    expect(plot).to_have_attribute("aria-label", re.compile(r"\(40 points\)"))
    page.get_by_role("button", name="Run to the end").click()
    expect(page.locator('[data-view="plane"] h3')).to_contain_text("converged")


def test_k_above_the_points_is_refused_and_the_picture_stays(page: Page, server_url):
    open_page(page, server_url + "/x/k-means?step=free&k=3&data=0,0,0;1,0,0;2,0,0")
    title = page.locator('[data-view="plane"] h3')
    expect(title).to_have_text("k = 3: the centroids start (random)")
    type_value(page, "k", "5")
    expect(page.locator(".control-error, .error").first).to_contain_text(
        "k must be at most the number of points (3); got 5")
    expect(title).to_have_text("k = 3: the centroids start (random)")
