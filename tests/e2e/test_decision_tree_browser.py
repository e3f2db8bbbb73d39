"""The decision tree in a real browser, as a learner uses it: press Split and see the first
question in the tree, Play until the tree is whole, pick the depth the held-out points
like best, drag the star and watch its path light up."""

from __future__ import annotations

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from mlscope.explorables.classic.decision_tree import DecisionTree
from tests.e2e.ui import MET, open_page, type_value

pytestmark = pytest.mark.browser


def test_split_then_grow_to_the_end(page: Page, server_url):
    open_page(page, server_url + "/x/decision-tree")
    ex = DecisionTree()
    s = ex.tree.next_leaf().best
    page.get_by_role("button", name="Split", exact=True).click()
    expect(page.locator(".story-goal")).to_have_class(MET)
    root = page.locator('[data-view="tree"] .graph-node[data-id="0"] .graph-label')
    expect(root).to_have_text(f"{'x₁' if s.feature == 0 else 'x₂'} ≤ {s.threshold:.2f}")
    expect(page.locator('[data-view="tree"] .graph-node')).to_have_count(3)
    page.get_by_role("button", name="Next →").first.click()
    page.get_by_role("button", name="▶ Play").click()
    expect(page.locator(".story-goal")).to_have_class(MET, timeout=15_000)
    ex.act("grow_all")
    expect(page.locator('[data-view="tree"] .graph-node')).to_have_count(len(ex.tree.nodes))


def test_the_best_depth_meets_the_goal(page: Page, server_url):
    open_page(page, server_url + "/x/decision-tree?step=depth")
    best = DecisionTree().best_depth()
    type_value(page, "max_depth", str(best))
    expect(page.locator(".story-goal")).to_have_class(MET)


def test_dragging_the_star_lights_another_path(page: Page, server_url):
    open_page(page, server_url + "/x/decision-tree?step=path")
    ex = DecisionTree()
    ex.act("grow_all")
    before = ex.tree.path(np.array([1.0, 2.0]))
    lit = page.locator('[data-view="tree"] .graph-node rect[stroke="#c2185b"]')
    expect(lit).to_have_count(len(before))
    canvas = page.locator('[data-view="plane"] canvas.plot-front')
    box, prev = canvas.bounding_box(), None
    while box != prev:
        page.wait_for_timeout(100)
        prev, box = box, canvas.bounding_box()
    px = lambda x, y: (box["x"] + 54 + (x + 6) / 12 * (box["width"] - 78),  # noqa: E731
                       box["y"] + 10 + (6 - y) / 12 * (box["height"] - 52))
    page.mouse.move(*px(1.0, 2.0))
    page.mouse.down()
    for t in np.linspace(0, 1, 8)[1:]:
        page.mouse.move(*px(1.0 + 3.0 * t, 2.0 - 6.0 * t))
    page.mouse.up()
    after = ex.tree.path(np.array([4.0, -4.0]))
    assert after != before
    expect(page.locator('[data-view="tree"] h3')).to_contain_text(
        f"to a {('blue', 'orange')[ex.tree.nodes[after[-1]].majority]} leaf")
