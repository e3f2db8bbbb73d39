"""Confidence intervals in a real browser: draw samples one at a time and read each
interval, draw a thousand and read the coverage, widen the level."""

from __future__ import annotations

import re

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from mlscope.explorables.maths.confidence import TRUE_MEAN, Confidence
from tests.e2e.ui import MET, open_page, type_value

pytestmark = pytest.mark.browser


def test_one_sample_at_a_time(page: Page, server_url):
    open_page(page, server_url + "/x/confidence?seed=4")
    title = page.locator('[data-view="sample"] h3')
    expect(title).to_have_text("No sample yet")
    page.get_by_role("button", name="1 sample").click()
    ex = Confidence(seed=4, experiments=1, step="free")
    expect(title).to_have_text(f"Sample 1: mean {ex.last_sample().mean():.2f}")
    lo, hi = ex.t_bounds()
    expect(page.locator(".story-live")).to_contain_text(f"[{lo[0]:.2f}, {hi[0]:.2f}]")
    page.get_by_role("button", name="×10").click()
    page.get_by_role("button", name="×10").click()
    expect(page.locator(".story-goal")).to_have_class(MET)


def test_a_thousand_samples_and_a_wider_level(page: Page, server_url):
    open_page(page, server_url + "/x/confidence?step=level&seed=1")
    page.get_by_role("button", name="×1000").click()
    ex = Confidence(seed=1, experiments=1000, step="free")
    tl, th = ex.t_bounds()
    row = page.locator('[data-view="numbers"] tbody tr').first
    expect(row).to_contain_text(f"{np.mean((tl <= TRUE_MEAN) & (th >= TRUE_MEAN)):.1%}")
    width = np.mean(th - tl)
    expect(row).to_contain_text(f"{width:.3f}")
    type_value(page, "level", "0.99")
    ex.set(level=0.99)
    tl, th = ex.t_bounds()
    expect(row).to_contain_text(f"{np.mean(th - tl):.3f}")
    expect(page.locator('[data-view="intervals"] h3')).to_have_text(
        re.compile(r"^99% t intervals · \d+ of the last 100 miss$"))
    expect(page.locator(".story-goal")).to_have_class(MET)
