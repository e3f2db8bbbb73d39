"""End to end in headless Chromium: the rest of the neural-network basics series."""

import re

import numpy as np
import pytest
from playwright.sync_api import Page, expect

import mlscope
from mlscope.nn.functional import softmax

pytestmark = pytest.mark.browser


def open_explorable(page: Page, server_url: str, slug: str, query: str = "") -> None:
    page.goto(f"{server_url}/x/{slug}{query}")
    page.wait_for_function("() => window.__mlscope && window.__mlscope.stats.frames > 0")


def type_value(page: Page, name: str, value: str) -> None:
    box = page.locator(f'[data-param="{name}"] input.control-number, [data-param="{name}"] input.control-text')
    box.fill(value)
    box.press("Enter")


def test_series_links_walk_the_parts_in_order(page: Page, server_url):
    open_explorable(page, server_url, "house-prices")
    expect(page.locator(".series-nav")).to_contain_text("part 1 of 5")
    for slug in ("two-inputs", "classification", "softmax", "network-shape"):
        page.locator(".series-next").click()
        expect(page).to_have_url(re.compile(f"/x/{slug}"))
    # The last part leads on to the playground.
    expect(page.locator(".series-next")).to_have_attribute("href", "/x/playground")
    page.locator(".series-prev").click()
    expect(page).to_have_url(re.compile("/x/softmax"))


def test_two_inputs_plane_turns_and_fits(page: Page, server_url):
    open_explorable(page, server_url, "two-inputs", "?step=free")
    canvas = page.locator('[data-view="scene"] canvas')
    expect(canvas).to_be_visible()
    image = canvas.evaluate("c => c.toDataURL()")
    blank = canvas.evaluate("c => { const b = document.createElement('canvas'); "
                            "b.width = c.width; b.height = c.height; return b.toDataURL(); }")
    assert image != blank, "the 3-D view drew nothing"
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 120, box["y"] + box["height"] / 2 + 20, steps=6)
    page.mouse.up()
    assert canvas.evaluate("c => c.toDataURL()") != image, "dragging did not turn the view"

    type_value(page, "w_bathrooms", "-20")
    ex = mlscope.explorable("two-inputs", w_bathrooms=-20.0)
    footer = page.locator('[data-view="table"] tfoot td').last
    expect(footer).to_have_text(f"{ex.error:,.1f}")
    for _ in range(4):
        page.get_by_role("button", name="GD ×100").click()
        ex.act("gd100")
        expect(footer).to_have_text(f"{ex.error:,.1f}")
    expect(footer).to_have_text("1,406.1")


def test_classification_trains_and_reports_both_lists(page: Page, server_url):
    open_explorable(page, server_url, "classification", "?seed=5&step=free")
    page.get_by_role("button", name="GD ×100").click()
    ex = mlscope.explorable("classification", seed=5)
    ex.act("gd100")
    expect(page.locator('[data-view="accuracy"] .message')).to_have_text(ex.frame()["accuracy"].text)
    first = page.locator('[data-view="houses"] tbody tr').first.locator("td")
    p = ex.model.proba(ex._x[:1])[0]
    expect(first.nth(3)).to_have_text(f"{p[0]:.3f}")
    type_value(page, "held_out", "50")
    expect(page.locator('[data-view="accuracy"] .message')).to_contain_text("of 50 right")
    expect(page.locator('[data-view="accuracy"] .message')).to_contain_text("after 0 steps")


def test_softmax_typed_and_dragged(page: Page, server_url):
    open_explorable(page, server_url, "softmax", "?step=free")
    # KaTeX keeps the TeX source beside what it draws.
    text = page.locator('[data-view="exaggeration"] annotation')
    expect(text).to_contain_text("e^{2} = 7.39")
    # A click on an example row loads its logits.
    page.locator('[data-view="rows"] tbody tr').nth(6).click()
    expect(page.locator('[data-param="logits"] input')).to_have_value("1, 2, 4")
    rows = page.locator('[data-view="rows"] tbody tr td:nth-child(2)')
    expect(rows).to_have_text(["[1]", "[0.5, 0.5]", "[0.27, 0.73]", "[0.12, 0.88]",
                               "[0.007, 0.993]", "[0.09, 0.24, 0.67]", "[0.04, 0.11, 0.84]"])

    type_value(page, "logits", "1, 2, 4")
    p = softmax(np.array([1.0, 2.0, 4.0]))
    expect(text).to_contain_text(f"p_{{3}} = {p[2]:.3f},\\; p_{{2}} = {p[1]:.3f}")

    type_value(page, "logits", "1, 99")
    expect(page.locator(".control-error")).to_contain_text("logits[1] must be a number in [-10, 10]")

    # Drag the second bar of the logits chart down to about -4.
    type_value(page, "logits", "2, 4")
    expect(text).to_contain_text("e^{2} = 7.39")
    canvas = page.locator('[data-view="logits"] canvas')
    b = canvas.bounding_box()
    band = (b["width"] - 46 - 12) / 2  # bars.ts margins: left 46, right 12, top 18, bottom 30
    x = b["x"] + 46 + 1.5 * band
    def y_of(v):
        return b["y"] + 18 + (10 - v) / 20 * (b["height"] - 48)
    page.mouse.move(x, y_of(4))
    page.mouse.down()
    page.mouse.move(x, y_of(-4), steps=8)
    page.mouse.up()
    box = page.locator('[data-param="logits"] input')
    # Frames trail the pointer by one round trip: wait for the one after the last move.
    page.wait_for_function("""() => {
        const v = document.querySelector('[data-param="logits"] input').value.split(",");
        return v.length === 2 && Math.abs(parseFloat(v[1]) + 4) < 0.3;
    }""")
    z2 = float(box.input_value().split(",")[1])
    assert z2 == pytest.approx(-4, abs=0.3)
    q = softmax(np.array([2.0, z2]))
    expect(text).to_contain_text(f"p_{{1}} = {q[0]:.3f},\\; p_{{2}} = {q[1]:.3f}")


def test_network_shape_follows_its_controls(page: Page, server_url):
    open_explorable(page, server_url, "network-shape", "?step=free")
    type_value(page, "inputs", "4")
    type_value(page, "classes", "3")
    expect(page.locator('[data-view="count"] .message')).to_have_text(
        "4 inputs × 3 classes: 12 weights and 3 biases, 15 numbers to learn.")
    labels = page.locator('[data-view="diagram"] text.edge-label')
    expect(labels).to_have_count(12)
    expect(page.locator('[data-view="diagram"] .node')).to_have_count(4 + 3 + 3)
    expect(page.locator('[data-view="formula"] .katex-display')).to_contain_text("z3")
    expect(page).to_have_url(re.compile(r"inputs=4&classes=3"))  # follows within 200 ms
    # 6 × 6 = 36 weights: their labels would collide, so the diagram drops them.
    type_value(page, "inputs", "6")
    type_value(page, "classes", "6")
    expect(page.locator('[data-view="count"] .message')).to_contain_text("36 weights")
    expect(labels).to_have_count(0)
    expect(page.locator('[data-view="formula"] .katex-display')).to_contain_text("w66")
