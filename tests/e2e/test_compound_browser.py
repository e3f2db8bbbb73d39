"""Compound events and counting in a real browser: shade A ∩ B and throw darts, drag the
circles apart, draw from the urn until every outcome shows, find the birthday group size."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from mlscope.explorables.maths.compound import BOX_H, BOX_W, CompoundEvents
from tests.e2e.ui import MET, choose, open_page, plot_px, type_value

pytestmark = pytest.mark.browser


def test_shade_the_intersection_and_throw_darts(page: Page, server_url):
    open_page(page, server_url + "/x/compound-events?seed=6")
    choose(page, "event", "intersection")
    page.get_by_role("button", name="1000 darts").click()
    ex = CompoundEvents(seed=6, event="intersection", darts=1000, step="free")
    live = page.locator(".story-live")
    expect(live).to_contain_text(f"P(A ∩ B) = {ex.probabilities()['event']:.3f}")
    expect(live).to_contain_text(f"1,000 darts: {ex.dart_share():.3f} landed in it")
    expect(page.locator(".story-goal")).to_have_class(MET)


def test_drag_the_circles_apart(page: Page, server_url):
    open_page(page, server_url + "/x/compound-events?step=union")
    title = page.locator('[data-view="venn"] h3')
    expect(title).to_have_text("P(A ∪ B) = 0.257")
    px = plot_px(page, "venn", (0.0, BOX_W), (0.0, BOX_H))
    sx, sy = px(6.0, 3.2)  # B's centre, dragged to the right edge
    tx, ty = px(9.5, 3.2)
    page.mouse.move(sx, sy)
    page.mouse.down()
    page.mouse.move(tx, ty, steps=10)
    page.mouse.up()
    ex = CompoundEvents(step="union")
    p = ex.probabilities()
    expect(title).to_have_text(f"P(A ∪ B) = {p['A'] + p['B']:.3f}")
    expect(page.locator(".story-goal")).to_have_class(MET)


def test_draw_until_every_outcome_shows_then_count_combinations(page: Page, server_url):
    open_page(page, server_url + "/x/compound-events?step=urn&seed=1")
    seen = page.locator('[data-view="seen"] h3')
    expect(seen).to_have_text("n!/(n−k)! = 60 outcomes · seen 0")
    page.get_by_role("button", name="1 draw").click()
    first = CompoundEvents(seed=1, draws=1, step="free").draws()[0]
    expect(page.locator('[data-view="urn"] h3')).to_have_text(
        f"Draw 1: {', '.join(str(b) for b in first)} (ordered, without replacement)")
    for _ in range(5):
        page.get_by_role("button", name="100 draws").click()
    expect(seen).to_have_text("n!/(n−k)! = 60 outcomes · seen 60")
    expect(page.locator(".story-goal")).to_have_class(MET)
    page.get_by_role("button", name="Next →").click()
    choose(page, "mode", "comb")
    expect(seen).to_have_text("n!/(k!(n−k)!) = 10 outcomes · seen 0")
    page.get_by_role("button", name="100 draws").click()
    expect(seen).to_have_text("n!/(k!(n−k)!) = 10 outcomes · seen 10")
    expect(page.locator(".story-goal")).to_have_class(MET)


def test_the_birthday_group_size(page: Page, server_url):
    open_page(page, server_url + "/x/compound-events?step=birthday&seed=2")
    page.get_by_role("button", name="1000 groups").click()
    ex = CompoundEvents(seed=2, groups=1000, step="free")
    expect(page.locator(".story-live")).to_contain_text(
        f"1,000 groups: {ex.shared_share():.3f} had a shared birthday")
    type_value(page, "people", "57")
    expect(page.locator('[data-view="birthday"] h3')).to_have_text(
        "57 people: P(a shared birthday) = 0.990")
    expect(page.locator(".story-goal")).to_have_class(MET)
