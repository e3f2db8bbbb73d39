"""Hierarchical clustering in a real browser: merge the nearest pairs one by one, merge all,
then drag the cut line on the dendrogram until the tree is cut into the four blobs."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from mlscope.explorables.classic.hierarchical import Hierarchical
from tests.e2e.test_kmeans_browser import next_step
from tests.e2e.ui import MET, open_page, plot_px

pytestmark = pytest.mark.browser




def test_merge_one_by_one_then_drag_the_cut_into_four(page: Page, server_url):
    open_page(page, server_url + "/x/hierarchical")
    goal, title = page.locator(".story-goal"), page.locator('[data-view="plane"] h3')
    ref = Hierarchical()
    n = ref.n
    merge = page.get_by_role("button", name="Merge", exact=True)
    for k in range(1, 6):
        merge.click()
        expect(title).to_have_text(f"{n - k} clusters after {k} merge{'s' if k > 1 else ''}")
    expect(goal).to_have_class(MET)
    page.get_by_role("button", name="Undo", exact=True).click()
    expect(title).to_have_text(f"{n - 4} clusters after 4 merges")

    next_step(page)
    page.get_by_role("button", name="Merge all").click()
    expect(goal).to_have_class(MET)

    next_step(page)
    dendro = page.locator('[data-view="dendrogram"] h3')
    expect(goal).not_to_have_class(MET)
    ref.act("run")
    ref.cut_into(4)
    target = ref.p.cut
    px = plot_px(page, "dendrogram", (-0.02, 1.02), (0.0, 1.05))
    page.mouse.move(*px(1.0, 0.15))
    page.mouse.down()
    for k in range(1, 9):
        page.mouse.move(*px(1.0, 0.15 + (target - 0.15) * k / 8))
    page.mouse.up()
    expect(dendro).to_contain_text("4 clusters")
    expect(title).to_have_text("4 clusters under the cut")
    expect(goal).to_have_class(MET)
