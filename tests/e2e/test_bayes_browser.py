"""Bayesian inference in a real browser: shape the prior to the goal, flip one at a time
and read the posterior's mean, then the normal mean's posterior narrowing."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from scipy import stats

from mlscope.explorables.maths.bayes import Bayes
from tests.e2e.ui import MET, open_page, type_value

pytestmark = pytest.mark.browser


def cell(page: Page, row: int, col: int):
    return page.locator('[data-view="numbers"] tbody tr').nth(row).locator("td").nth(col)


def test_a_sure_prior_then_flips_update_it(page: Page, server_url):
    open_page(page, server_url + "/x/bayes?seed=3")
    goal = page.locator(".story-goal")
    type_value(page, "alpha", "15")
    expect(goal).not_to_have_class(MET)  # not centred: Beta(15, 2)
    type_value(page, "beta", "15")
    expect(goal).to_have_class(MET)
    page.get_by_role("button", name="Next →").click()
    title = page.locator('[data-view="posterior"] h3')
    for k in (1, 2, 3):
        page.get_by_role("button", name="Flip ×1").click()
        h = Bayes(seed=3, data=k, step="free").heads
        expect(title).to_have_text(f"Belief about P(heads): {k} flips, {h} heads")
    expect(cell(page, 0, 2)).to_have_text(f"{stats.beta(15 + h, 15 + 3 - h).mean():.4f}")


def test_the_normal_means_posterior_narrows(page: Page, server_url):
    open_page(page, server_url + "/x/bayes?step=normal")
    expect(cell(page, 1, 2)).to_have_text("2.0000")  # the prior's sd, before any data
    page.get_by_role("button", name="×100").click()
    expect(cell(page, 1, 2)).to_have_text(f"{1 / (1 / 4 + 100 / 4) ** 0.5:.4f}")
    page.get_by_role("button", name="×100").click()
    expect(page.locator(".story-goal")).to_have_class(MET)
