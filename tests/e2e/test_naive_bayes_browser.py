"""Naive Bayes in a real browser, as a learner uses it: raise the prior of orange and watch
the goal turn green and the numbers follow; add a point by clicking and see the class's
mean move."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from mlscope.explorables.classic.naive_bayes import NaiveBayes
from tests.e2e.ui import MET, open_page, type_value

pytestmark = pytest.mark.browser


def test_raising_the_prior_meets_the_goal(page: Page, server_url):
    open_page(page, server_url + "/x/naive-bayes?step=prior")
    goal = page.locator(".story-goal")
    expect(goal).not_to_have_class(MET)
    type_value(page, "prior", "0.9")
    expect(goal).to_have_class(MET)
    ex = NaiveBayes(own_prior=True, prior=0.9)
    expect(page.locator(".story-live")).to_contain_text(f"{ex.region_share(1):.0%} of the plane")


def test_a_click_adds_a_point_and_moves_its_class(page: Page, server_url):
    open_page(page, server_url + "/x/naive-bayes?step=free&held_out=0&count=20")
    cell = page.locator('[data-view="numbers"] tbody tr').first.locator("td").nth(2)
    before = cell.inner_text()
    canvas = page.locator('[data-view="plane"] canvas.plot-front')
    box, prev = canvas.bounding_box(), None
    while box != prev:
        page.wait_for_timeout(100)
        prev, box = box, canvas.bounding_box()
    page.mouse.click(box["x"] + 54 + 11.5 / 12 * (box["width"] - 78), box["y"] + 10 + 6 / 12 * (box["height"] - 52))
    expect(cell).not_to_have_text(before)  # blue's mean x₁ moved right, towards x₁ = 5.5
    assert float(cell.inner_text()) > float(before)
