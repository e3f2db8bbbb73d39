"""PCA in a real browser, as a learner walks its story: turn the line to the most variance,
drag a point and watch the components follow, thicken the 3-D cloud, find how many
components keep 90% of the digits, click the odd country out; then upload a table."""

from __future__ import annotations

import re

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from mlscope.explorables.classic.pca import PCA
from tests.e2e.ui import MET, open_page, plot_px, type_value

pytestmark = pytest.mark.browser




def next_step(page: Page) -> None:
    page.get_by_role("button", name="Next →").first.click()


def test_a_learner_walks_the_pca_story(page: Page, server_url):
    ref = PCA()
    open_page(page, server_url + "/x/pca")
    goal, live = page.locator(".story-goal"), page.locator(".story-live")
    title = page.locator('[data-view="direction"] h3')
    expect(title).to_have_text("Variance along the line: 1.32")
    expect(goal).not_to_have_class(MET)
    pc1_key = page.locator('[data-view="by_angle"] .key', has_text="PC1")
    expect(pc1_key).to_have_count(0)  # the answer is not given away
    best = round(ref.pc1_angle() * 2) / 2
    type_value(page, "angle", str(best))
    expect(goal).to_have_class(MET)
    expect(title).to_have_text(f"Variance along the line: {ref.fit2.variances[0]:.2f}")
    expect(live).to_contain_text("no line does better")
    expect(pc1_key).to_have_count(1)

    # Drag the lonely point at the lower left to below the middle: PC1 turns steeper.
    next_step(page)
    comps = page.locator('[data-view="components"] h3')
    expect(comps).to_have_text("PC1 keeps 83% of the variance")
    expect(goal).not_to_have_class(MET)
    far = ref.points[np.argmin(ref.points.sum(axis=1))]
    px = plot_px(page, "components")
    page.mouse.move(*px(*far))
    page.mouse.down()
    for t in np.linspace(0, 1, 8):
        page.mouse.move(*px(far[0] + t * (1.0 - far[0]), far[1] + t * (-5.5 - far[1])))
    page.mouse.up()
    expect(comps).not_to_have_text("PC1 keeps 83% of the variance")
    moved = PCA()
    points = [list(p) for p in moved.p.points]
    i = int(np.argmin(moved.points.sum(axis=1)))
    page.wait_for_timeout(600)  # the URL follows the state at most 5 times a second
    query = page.evaluate("location.search")
    got = re.search(r"points=([^&]*)", query).group(1).replace("%2C", ",").replace("%3B", ";")
    points[i] = [float(v) for v in got.split(";")[i].split(",")]
    assert abs(points[i][0] - 1.0) < 0.2 and abs(points[i][1] + 5.5) < 0.2
    moved.set(points=points)
    expect(comps).to_have_text(f"PC1 keeps {moved.fit2.ratios[0]:.0%} of the variance")
    expect(goal).to_have_class(MET)

    next_step(page)
    bars = page.locator('[data-view="explained"] canvas')
    expect(bars).to_have_attribute("aria-label", re.compile(r"PC3 \(dropped\) = 4%"))
    type_value(page, "thickness", "1.2")
    expect(goal).to_have_class(MET)
    thick = PCA(thickness=1.2)
    expect(bars).to_have_attribute(
        "aria-label", re.compile(rf"PC3 \(dropped\) = {thick.cloud_fit.ratios[2]:.0%}"))

    next_step(page)
    kept = np.cumsum(ref.digit_fit.ratios)
    smallest = int(np.argmax(kept >= 0.9)) + 1
    type_value(page, "k", str(smallest + 3))
    expect(page.locator('[data-view="kept"] h3')).to_have_text(
        f"k = {smallest + 3} keeps {kept[smallest + 2]:.0%} of the variance")
    expect(goal).not_to_have_class(MET)  # enough, but not the smallest
    type_value(page, "k", str(smallest))
    expect(goal).to_have_class(MET)
    expect(page.locator('[data-view="digits"] figcaption')
           .last).to_have_text(f"from {smallest}")

    next_step(page)
    s = ref.table_scores
    rx = ref._scores_range(s[:, 0])
    ry = ref._scores_range(s[:, 1])
    px = plot_px(page, "map", rx, ry)
    wales, ireland = s[1], s[3]
    page.mouse.click(*px(*wales))
    expect(live).to_contain_text("Wales sits with the others")
    expect(goal).not_to_have_class(MET)
    page.mouse.click(*px(*ireland))
    expect(goal).to_have_class(MET)
    expect(live).to_contain_text("N. Ireland is alone at one end of PC1")
    loadings = page.locator('[data-view="loadings"] canvas')
    expect(loadings).to_have_attribute("aria-label", re.compile(r"Fresh fruit = \+0\.63"))
    assert loadings.bounding_box()["height"] == pytest.approx(6 + 34 + 17 * 22, abs=1)


def test_upload_a_table_then_a_bad_one(page: Page, server_url):
    open_page(page, server_url + "/x/pca?step=free")
    good = "a,b,c,kind\n" + "\n".join(f"{i},{2 * i + (i % 3)},{i % 4},{'xy'[i % 2]}"
                                      for i in range(30))
    page.set_input_files("input[name=upload_csv]", files=[
        {"name": "mine.csv", "mimeType": "text/csv", "buffer": good.encode()}])
    expect(page.locator('[data-view="table"] h3')).to_have_text("Your table: 30 rows × 3 columns")
    expect(page.locator('[data-view="map"] h3')).to_have_text(
        "30 rows on their first two components")
    bad = b"a,b,c\n1,2,3\n4,NaN,6\n7,8,9\n"
    page.set_input_files("input[name=upload_csv]", files=[
        {"name": "bad.csv", "mimeType": "text/csv", "buffer": bad}])
    expect(page.locator(".control-error")).to_have_text(
        "line 3: column 'b' must be a finite number; got 'NaN'.")
    expect(page.locator('[data-view="table"] h3')).to_have_text("Your table: 30 rows × 3 columns")
