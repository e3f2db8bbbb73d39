"""Hypothesis tests in a real browser: run experiments one at a time and read t and p, run a
thousand with no effect and read the false positives, step the group size on its log slider
and read the power, play."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from mlscope.explorables.maths.hypothesis_tests import HypothesisTests
from tests.e2e.ui import MET, open_page, type_value

pytestmark = pytest.mark.browser


def cell(page: Page, row: int, col: int):
    return page.locator('[data-view="numbers"] tbody tr').nth(row).locator("td").nth(col)


def test_one_experiment_at_a_time_until_one_is_significant(page: Page, server_url):
    open_page(page, server_url + "/x/hypothesis-tests?step=null&seed=4")
    title = page.locator('[data-view="null"] h3')
    expect(title).to_have_text(re.compile("^t if there were no effect"))
    ex = HypothesisTests(seed=4, step="free")
    for k in range(1, 40):
        page.get_by_role("button", name="1 experiment").click()
        ex.set(experiments=k)
        t, p = ex.last_test()
        verdict = "significant" if p < 0.05 else "not significant"
        expect(title).to_have_text(f"t = {t:.2f}, p = {p:.3f}: {verdict}")
        if p < 0.05:
            break
    expect(page.locator(".story-goal")).to_have_class(MET)
    # a stricter α can make the same result not significant
    type_value(page, "alpha", "0.001")
    if p >= 0.001:
        expect(title).to_have_text(f"t = {t:.2f}, p = {p:.3f}: not significant")
        expect(page.locator(".story-goal")).to_contain_text("reached earlier")


def test_false_positives_then_power_on_the_group_size_slider(page: Page, server_url):
    open_page(page, server_url + "/x/hypothesis-tests?step=no-effect&seed=2")
    page.get_by_role("button", name="×1000").click()
    ex = HypothesisTests(seed=2, step="free", effect=0.0, experiments=1000)
    _, p = ex.tests()
    expect(cell(page, 0, 1)).to_have_text(f"{int((p < 0.05).sum()):,}")
    expect(cell(page, 0, 3)).to_have_text("5.0%")
    expect(cell(page, 0, 4)).to_have_text("false positives")
    expect(page.locator(".story-goal")).to_have_class(MET)
    page.get_by_role("button", name="Next").click()
    power = page.locator('[data-view="power"] h3')
    expect(power).to_have_text("Power at n = 20: 33.8%")
    slider = page.locator('input[type="range"][name="n"]')
    slider.focus()
    page.keyboard.press("ArrowRight")  # a log-scale whole number: one step up, to 21
    expect(power).to_have_text(f"Power at n = 21: {HypothesisTests(n=21).power():.1%}")
    page.keyboard.press("PageUp")  # a tenth of the log range: 21 * 200 ** 0.1 = 35.7
    expect(power).to_have_text(f"Power at n = 36: {HypothesisTests(n=36).power():.1%}")
    type_value(page, "n", "64")
    expect(power).to_have_text("Power at n = 64: 80.1%")
    page.get_by_role("button", name="×1000").click()
    expect(page.locator(".story-goal")).to_have_class(MET)


def test_play_runs_experiments(page: Page, server_url):
    open_page(page, server_url + "/x/hypothesis-tests?step=free&seed=1")
    page.locator("button.play").click()
    expect(page.locator('[data-view="pvalues"] h3')).to_have_text(
        re.compile(r"^p-values of ([3-9]|\d\d+) experiments$"))
    page.locator("button.play").click()
