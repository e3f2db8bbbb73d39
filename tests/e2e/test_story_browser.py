"""The guided story in headless Chromium, as a learner walks it: read the step, act, see the
goal's check turn green, Next; the step's views and controls only; free play shows all."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.ui import MET, open_page, type_value

pytestmark = pytest.mark.browser




def test_a_learner_walks_the_house_prices_story(page: Page, server_url):
    open_page(page, server_url + "/x/house-prices")
    story = page.locator(".story")
    title, goal = story.locator(".story-title"), story.locator(".story-goal")
    nxt = story.get_by_role("button", name=re.compile("Next|Free play →"))

    # Step 1: the neuron and the line, two sliders, nothing else.
    expect(title).to_have_text("A neuron that prices houses")
    expect(page.locator("[data-view=fit]")).to_be_visible()
    expect(page.locator("[data-view=landscape]")).to_be_hidden()
    expect(page.locator(".control[data-param=learning_rate]")).to_be_hidden()
    expect(page.get_by_role("button", name="GD ×10", exact=True)).to_be_hidden()
    expect(page.locator("[data-view=fit] .caption")).to_contain_text("Dots: the houses")
    nxt.click()

    # Step 2: a goal that locks Next until the learner reaches it.
    expect(title).to_have_text("How good is a line?")
    expect(page).to_have_url(re.compile(r"step=error"))
    expect(page.locator("[data-view=table]")).to_be_visible()
    expect(goal).to_have_text("Goal: Bring the mean squared error below 799.")
    expect(story.locator(".story-live")).to_contain_text("below every house")
    expect(nxt).to_be_disabled()
    type_value(page, "weight", "0.06")
    type_value(page, "bias", "240")
    expect(goal).to_have_class(MET)
    expect(goal).to_contain_text("Goal reached")
    expect(nxt).to_be_enabled()
    nxt.click()

    # Step 3: gradient descent; the landscape appears with its idea; Play stops by itself.
    expect(title).to_have_text("Automation: gradient descent")
    expect(page.locator("[data-view=landscape]")).to_be_visible()
    expect(page.locator(".control[data-param=weight]")).to_be_hidden()
    expect(nxt).to_be_disabled()
    page.get_by_role("button", name="▶ Play").click()
    expect(goal).to_have_class(MET, timeout=20_000)
    expect(page.locator("button.play")).to_have_text("▶ Play", timeout=20_000)  # converged
    nxt.click()

    # Step 4, then free play: every view and every control.
    expect(title).to_have_text("Why is the valley so thin?")
    expect(nxt).to_have_text("Free play →")
    nxt.click()
    expect(title).to_have_text("Free play")
    expect(page).to_have_url(re.compile(r"step=free"))
    for name in ("fit", "table", "neuron", "formula", "landscape", "history"):
        expect(page.locator(f"[data-view={name}]")).to_be_visible()
    expect(page.locator(".control[data-param=weight]")).to_be_visible()
    expect(page.get_by_role("button", name="GD ×10", exact=True)).to_be_visible()
    story.get_by_role("button", name="← Back").click()
    expect(title).to_have_text("Why is the valley so thin?")


def test_a_link_opens_at_its_step(page: Page, server_url):
    open_page(page, server_url + "/x/house-prices?step=automation&weight=0.05")
    expect(page.locator(".story-title")).to_have_text("Automation: gradient descent")
    expect(page.locator(".story-tab.current")).to_have_text("3")
    expect(page.locator("[data-view=history]")).to_be_visible()


def test_one_card_embeds_with_its_controls(page: Page, server_url):
    open_page(page, server_url + "/x/house-prices?embed=1&view=fit")
    expect(page.locator("[data-view=fit]")).to_be_visible()
    expect(page.locator(".card.view:visible")).to_have_count(1)
    expect(page.locator(".story")).to_have_count(0)
    expect(page.locator(".control[data-param=weight]")).to_be_visible()
    expect(page.locator(".control[data-param=learning_rate]")).to_be_hidden()
    # The card is live: a slider moves its line.
    before = page.locator("[data-view=fit]").get_attribute("data-draws")
    type_value(page, "weight", "0.2")
    page.wait_for_function("(b) => document.querySelector('[data-view=fit]').dataset.draws !== b",
                           arg=before)
