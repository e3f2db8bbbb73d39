"""The random forest in a real browser, as a learner uses it: add a tree and see it beside
the first, play to fifty trees, switch to one feature per split and read the trees' own
accuracies under their pictures."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from mlscope.explorables.classic.random_forest import RandomForest
from tests.e2e.ui import MET, choose, open_page

pytestmark = pytest.mark.browser


def test_add_a_tree_then_play_to_fifty(page: Page, server_url):
    open_page(page, server_url + "/x/random-forest")
    pictures = page.locator('[data-view="trees"] figure')
    expect(pictures).to_have_count(1)
    page.get_by_role("button", name="Add a tree").click()
    expect(pictures).to_have_count(2)
    expect(page.locator(".story-goal")).to_have_class(MET)
    page.get_by_role("button", name="Next →").first.click()
    page.get_by_role("button", name="▶ Play").click()
    expect(page.locator(".story-goal")).to_have_class(MET, timeout=20_000)
    # Play goes on past the goal: the forest has at least 50 trees
    expect(page.locator('[data-view="plane"] h3')).to_have_text(
        re.compile(r"A forest of ([5-9]\d|1\d\d|200) trees"))


def test_the_trees_pictures_say_their_own_accuracy(page: Page, server_url):
    open_page(page, server_url + "/x/random-forest?step=random")
    choose(page, "max_features", "1")
    ex = RandomForest(step="free", trees=30, max_features="1")
    first = ex.frame()["trees"].captions[0]
    expect(page.locator('[data-view="trees"] figcaption').first).to_have_text(first)
    expect(page.locator('[data-view="plane"] h3')).to_have_text(ex.frame()["plane"].title)
