"""On a phone (390 × 844): the controls stay pinned under the picture they drive, fold away,
and carry the story's Back and Next."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.ui import open_page

pytestmark = pytest.mark.browser

IN_VIEW_JS = """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
  return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0; }"""


def test_the_picture_and_its_slider_are_on_screen_together(phone: Page, server_url):
    open_page(phone, server_url + "/x/house-prices?step=error")
    bar = phone.locator(".controls-bar")
    expect(bar).to_be_visible()
    # Scroll to the picture, as a person would: the slider that drives it stays pinned below.
    phone.locator('[data-view="fit"]').evaluate("e => e.scrollIntoView({block: 'start'})")
    assert phone.evaluate(IN_VIEW_JS, 'input[name="weight"]')
    plot = phone.locator('[data-view="fit"] .plot-stack').bounding_box()
    controls = phone.locator(".mlscope-app > .side").bounding_box()
    assert plot["y"] >= 0 and plot["y"] + plot["height"] <= controls["y"] + 1, \
        "the whole plot is on screen above the pinned controls"
    # Move the slider with the keyboard; the formula's error changes, the plot stays in view.
    before = phone.locator('[data-view="fit"]').get_attribute("data-draws")
    phone.locator('input[name="weight"]').press("PageDown")
    phone.wait_for_function(
        "(b) => document.querySelector('[data-view=fit]').dataset.draws !== b", arg=before)
    assert phone.evaluate(IN_VIEW_JS, 'input[name="weight"]')


FIT_ABOVE_CONTROLS_JS = """() => {
  const plot = document.querySelector('[data-view="fit"] .plot-stack').getBoundingClientRect();
  const side = document.querySelector('.mlscope-app > .side').getBoundingClientRect();
  return plot.top >= 0 && plot.bottom <= side.top + 1; }"""


@pytest.mark.parametrize("screen", ["phone", "tablet"])
def test_moving_a_control_brings_the_picture_it_changes_on_screen(screen, request, server_url):
    """Without scrolling first: the learner's first touch of a pinned slider scrolls the
    picture it redraws (the fit, the largest) just above the controls; the slider stays."""
    page: Page = request.getfixturevalue(screen)
    open_page(page, server_url + "/x/house-prices")
    assert not page.evaluate(FIT_ABOVE_CONTROLS_JS), "the fit is already on screen: no test"
    before = page.locator('[data-view="fit"]').get_attribute("data-draws")
    page.locator('input[name="weight"]').press("ArrowRight")
    page.wait_for_function(
        "(b) => document.querySelector('[data-view=fit]').dataset.draws !== b", arg=before)
    page.wait_for_function(FIT_ABOVE_CONTROLS_JS)
    assert page.evaluate(IN_VIEW_JS, 'input[name="weight"]')
    # held still from then on: more presses do not move the page
    y = page.evaluate("scrollY")
    page.locator('input[name="weight"]').press("ArrowRight")
    page.wait_for_timeout(300)
    assert page.evaluate("scrollY") == y


def test_the_pinned_bar_folds_and_walks_the_story(phone: Page, server_url):
    open_page(phone, server_url + "/x/house-prices")
    bar = phone.locator(".controls-bar")
    bar.get_by_role("button", name="Next").click()
    expect(phone.locator(".story-title")).to_have_text("How good is a line?")
    expect(bar.get_by_role("button", name="Next")).to_be_disabled()  # the goal comes first
    bar.get_by_role("button", name="Controls ▾").click()
    expect(phone.locator('input[name="weight"]')).to_be_hidden()
    bar.get_by_role("button", name="Controls ▴").click()
    expect(phone.locator('input[name="weight"]')).to_be_visible()
    bar.get_by_role("button", name="Back").click()
    expect(phone.locator(".story-title")).to_have_text("A neuron that prices houses")
