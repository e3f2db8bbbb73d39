"""The chain rule in a real browser: step the forward pass node by node, then the backward
pass, and read the gradients the graph gives against finite differences."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.ui import MET, open_page, type_value

pytestmark = pytest.mark.browser


def test_forward_then_backward(page: Page, server_url):
    open_page(page, server_url + "/x/chain-rule")
    title = page.locator('[data-view="graph"] h3')
    expect(title).to_have_text("f = (x + y) * x · forward pass: 0 of 4 values")
    for k in range(1, 5):
        page.get_by_role("button", name="Next node").click()
        expect(title).to_have_text(f"f = (x + y) * x · forward pass: {k} of 4 values" if k < 4
                                   else "f = (x + y) * x · backward pass: 0 of 2 steps")
    expect(page.locator(".story-live")).to_contain_text("f(2, 1) = 6")
    expect(page.locator(".story-goal")).to_have_class(MET)
    page.locator('[data-step="backward"]').click()
    for _ in range(2):  # the two operations send their gradients back
        page.get_by_role("button", name="Next node").click()
    expect(page.locator(".story-live")).to_contain_text("∂f/∂x = 5, ∂f/∂y = 2")
    rows = page.locator('[data-view="numbers"] tbody tr')
    expect(rows.nth(0).locator("td").nth(1)).to_have_text("5")
    expect(rows.nth(0).locator("td").nth(2)).to_have_text("5")
    expect(page.locator(".story-goal")).to_have_class(MET)


def test_typing_a_neuron_and_moving_x(page: Page, server_url):
    open_page(page, server_url + "/x/chain-rule?step=free&progress=80")
    box = page.locator('.control[data-param="f"] input')
    box.fill("tanh(2*x - y)")
    box.press("Enter")
    expect(page.locator('[data-view="graph"] h3')).to_have_text(
        "f = tanh(2*x - y) · forward pass: 0 of 6 values")
    type_value(page, "x", "0.5")
    page.locator("button.play").click()
    expect(page.locator('[data-view="graph"] h3')).to_contain_text("both passes done",
                                                                  timeout=15_000)
    rows = page.locator('[data-view="numbers"] tbody tr')
    # d/dx tanh(2x - y) at (0.5, 1) = 2(1 - tanh(0)²) = 2
    expect(rows.nth(0).locator("td").nth(1)).to_have_text("2")
