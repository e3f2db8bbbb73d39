"""Monty Hall in a real browser, as a learner plays it: click a door, see the host open a
goat, switch, see where the car was; then simulate and read the rates."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from mlscope.explorables.maths.monty_hall import MontyHall
from tests.e2e.ui import MET, open_page, plot_px

pytestmark = pytest.mark.browser


def test_picking_a_door_and_switching(page: Page, server_url):
    open_page(page, server_url + "/x/monty-hall?seed=3")
    title = page.locator('[data-view="doors"] h3')
    expect(title).to_have_text("Pick a door")
    ex = MontyHall(seed=3)
    ex.act("pick", {"x": 0.0, "y": 0.5})
    left = ex.game["left"]
    ex.act("switch")
    px = plot_px(page, "doors", (-0.6, 2.6), (0.0, 1.05))
    page.mouse.click(*px(0.0, 0.5))  # door 1
    expect(title).to_have_text("You picked door 1: stay or switch?")
    expect(page.locator(".story-live")).to_contain_text("opened 1 door with a goat")
    page.get_by_role("button", name="Switch", exact=True).click()
    won = ex.game["final"] == ex.game["car"]
    expect(title).to_have_text("You won the car" if won else
                               f"A goat: the car was behind door {ex.game['car'] + 1}")
    assert left != 0
    expect(page.locator('[data-view="rates"] canvas')).to_have_attribute(
        "aria-label", re.compile(rf"switch \(you\) = {'1/1' if won else '0/1'}"))
    page.get_by_role("button", name="New game").click()
    expect(title).to_have_text("Pick a door")
    expect(page.locator(".story-goal")).not_to_have_class(MET)


def test_simulating_shows_switching_winning_two_thirds(page: Page, server_url):
    open_page(page, server_url + "/x/monty-hall?step=simulate")
    for _ in range(10):
        page.get_by_role("button", name="×1000").click()
    expect(page.locator('[data-view="running"] h3')).to_have_text("10,000 simulated games")
    share = MontyHall(games=10_000, step="free").switch[:10_000].mean()
    expect(page.locator('[data-view="numbers"] tbody tr').nth(1)).to_contain_text(
        f"{share:.3f}")
    expect(page.locator(".story-goal")).to_have_class(MET)
    assert re.search(r"0\.6[5-8]", f"{share:.3f}")
