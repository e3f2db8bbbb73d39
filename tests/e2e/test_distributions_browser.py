"""Probability distributions in a real browser, as a learner uses them: set the binomial's
n and p to the goal, draw and read the draws' mean, turn on the approximations and bring
the Poisson close, and switch family (only its own parameters show)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from mlscope.explorables.maths.distributions import Distributions
from tests.e2e.ui import MET, choose, open_page, type_value

pytestmark = pytest.mark.browser


def cell(page: Page, row: int, col: int):
    return page.locator('[data-view="numbers"] tbody tr').nth(row).locator("td").nth(col)


def test_shaping_the_binomial_meets_the_goal(page: Page, server_url):
    open_page(page, server_url + "/x/distributions")
    title = page.locator('[data-view="density"] h3')
    expect(title).to_have_text("binomial: mean 6.000, sd 2.049")
    goal = page.locator(".story-goal")
    type_value(page, "n", "25")
    expect(title).to_have_text("binomial: mean 7.500, sd 2.291")
    expect(goal).not_to_have_class(MET)
    type_value(page, "p", "0.8")
    expect(title).to_have_text("binomial: mean 20.000, sd 2.000")
    expect(goal).to_have_class(MET)


def test_draws_and_their_mean(page: Page, server_url):
    open_page(page, server_url + "/x/distributions?step=draws&seed=6")
    for _ in range(3):
        page.get_by_role("button", name="×1000").click()
    expect(page.locator('[data-view="numbers"] h3')).to_have_text(
        "binomial: theory and 3,000 draws")
    mean = Distributions(seed=6, samples=3000).drawn().mean()
    expect(cell(page, 0, 2)).to_have_text(f"{mean:.4f}")
    expect(cell(page, 0, 1)).to_have_text("6.0000")


def test_the_poisson_approximation_and_another_family(page: Page, server_url):
    open_page(page, server_url + "/x/distributions?step=approximations")
    live = page.locator(".story-live")
    expect(page.locator('[data-param="compare"] input')).to_be_checked()
    type_value(page, "n", "200")
    type_value(page, "p", "0.01")
    expect(live).to_contain_text(re.compile(r"from the Poisson is 0\.00\d\d"))
    expect(page.locator(".story-goal")).to_have_class(MET)
    open_page(page, server_url + "/x/distributions?step=free")
    choose(page, "dist", "beta")
    expect(page.locator('[data-view="density"] h3')).to_have_text(
        "beta: mean 0.286, sd 0.160")
    expect(page.locator('.control[data-param="alpha"]')).to_be_visible()
    expect(page.locator('.control[data-param="n"]')).to_be_hidden()
    expect(page.locator('.control[data-param="compare"]')).to_be_hidden()
    type_value(page, "alpha", "-1")
    expect(page.locator(".control-error")).to_contain_text("alpha")
