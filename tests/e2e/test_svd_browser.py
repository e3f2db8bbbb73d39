"""Matrix decompositions in a real browser: play the three stages, make the ellipse a
circle by dragging ĵ, and find the smallest k that rebuilds the photograph within 10%."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from mlscope.explorables.maths.svd import rank_error
from tests.e2e.ui import MET, open_page, plot_px, type_value

pytestmark = pytest.mark.browser

R = (-3.5, 3.5)


def test_play_the_stages_then_drag_to_a_circle(page: Page, server_url):
    open_page(page, server_url + "/x/matrix-decompositions?basis=1.5,0.5,0;-0.4,1.2,0")
    title = page.locator('[data-view="stages"] h3')
    page.locator("button.play").click()
    expect(title).to_have_text(re.compile(r"^Stage [123] of 3: "))
    expect(title).to_have_text("A = U Σ Vᵀ: the whole move", timeout=15_000)
    px = plot_px(page, "stages", R, R)
    page.mouse.move(*px(-0.4, 1.2))
    page.mouse.down()
    page.mouse.move(*px(-0.52, 1.47), steps=10)  # ĵ to (-0.5, 1.5): î turned a quarter
    page.mouse.up()
    expect(page.locator(".story-live")).to_contain_text("σ₁ = 1.581, σ₂ = 1.581")
    expect(page.locator(".story-goal")).to_have_class(MET)


def test_the_smallest_k_within_ten_percent(page: Page, server_url):
    k = next(k for k in range(1, 161) if rank_error(k) <= 0.1)
    open_page(page, server_url + "/x/matrix-decompositions?step=photo")
    expect(page.locator('[data-view="photo"] h3')).to_have_text(f"Rank 10: {rank_error(10):.1%} off")
    type_value(page, "k", str(k + 3))
    expect(page.locator(".story-goal")).not_to_have_class(MET)
    type_value(page, "k", str(k))
    expect(page.locator('[data-view="photo"] h3')).to_have_text(f"Rank {k}: {rank_error(k):.1%} off")
    expect(page.locator(".story-goal")).to_have_class(MET)
