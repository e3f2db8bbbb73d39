"""End to end in headless Chromium: a person opens the gallery, plays with the explorable."""

import re
from urllib.parse import parse_qs, urlparse

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from mlscope.explorables.deep.house_prices import HousePrices

pytestmark = pytest.mark.browser


def mse_text(ex: HousePrices) -> str:
    return f"{ex.error:,.1f}"


def footer(page: Page):
    return page.locator('[data-view="table"] tfoot td').last


def wait_ready(page: Page) -> None:
    page.wait_for_function("() => window.__mlscope && window.__mlscope.stats.frames > 0")


def number(page: Page, name: str) -> float:
    return float(page.locator(f'[data-param="{name}"] .control-number').input_value())


def test_gallery_opens_the_explorable(page: Page, server_url):
    page.goto(server_url + "/")
    expect(page.locator("section.topic h2")).to_contain_text(["Deep learning"])
    card = page.locator('a.card[data-slug="house-prices"]')
    expect(card.locator("img")).to_have_js_property("complete", True)
    assert card.locator("img").evaluate("i => i.naturalWidth") == 320
    card.click()
    expect(page).to_have_url(re.compile(r"/x/house-prices"))
    wait_ready(page)
    expect(page.locator(".story-title")).to_have_text("A neuron that prices houses")
    page.get_by_role("button", name="Free play").click()
    expect(footer(page)).to_have_text(mse_text(HousePrices()))
    expect(page.locator('[data-view="goal"]')).to_contain_text("below 799")
    expect(page.locator('[data-view="formula"] .katex')).to_have_count(1)


def test_drag_slider_then_gradient_descent_then_reload(page: Page, server_url):
    page.goto(server_url + "/x/house-prices?step=free")  # the whole dashboard
    wait_ready(page)
    slider = page.locator('input[name="weight"]')
    box = slider.bounding_box()
    y = box["y"] + box["height"] / 2
    start = box["x"] + box["width"] * 0.25  # the thumb sits at w = 0.1 of [0, 0.4]
    page.mouse.move(start, y)
    page.mouse.down()
    for k in range(1, 11):  # a person drags in small moves
        page.mouse.move(start - k * box["width"] * 0.012, y)
    page.mouse.up()
    expect(page.locator('[data-param="weight"] .control-number')).not_to_have_value("0.1000")
    w = number(page, "weight")
    assert 0.04 < w < 0.08
    expected = HousePrices(weight=w, bias=100.0)
    expect(footer(page)).to_have_text(mse_text(expected))

    page.get_by_role("button", name="GD ×10", exact=True).click()
    expected.act("gd10")
    expect(footer(page)).to_have_text(mse_text(expected))
    # The boxes show the values to their step's decimals (as the formula does).
    specs = {p.name: p for p in HousePrices.params}
    expect(page.locator('[data-param="weight"] .control-number')).to_have_value(
        specs["weight"].text(expected.p.weight))
    expect(page.locator('[data-param="bias"] .control-number')).to_have_value(
        specs["bias"].text(expected.p.bias))
    expect(page.locator('[data-view="table"] tbody tr').first.locator("td").nth(2)).to_have_text(
        f"{expected.p.weight * 2104 + expected.p.bias:,.1f}")

    # The URL holds every parameter and the seed: reloading it reproduces the state.
    page.wait_for_function(f"() => location.search.includes('bias={expected.url_query()['bias']}')")
    query = parse_qs(urlparse(page.url).query)
    assert set(query) == {"weight", "bias", "learning_rate", "houses", "seed", "step"}
    page.reload()
    wait_ready(page)
    expect(footer(page)).to_have_text(mse_text(expected))
    expect(page.locator('[data-param="bias"] .control-number')).to_have_value(
        specs["bias"].text(expected.p.bias))


def test_typing_a_bad_value_names_the_field_and_the_page_keeps_working(page: Page, server_url):
    page.goto(server_url + "/x/house-prices?step=free")  # the whole dashboard
    wait_ready(page)
    box = page.locator('[data-param="weight"] .control-number')
    box.fill("5")
    box.press("Enter")
    expect(page.locator(".control-error")).to_have_text("weight must be a number in [0, 0.4]; got 5.")
    expect(page.locator('[data-param="weight"]')).to_have_class(re.compile("invalid"))
    bias = page.locator('[data-param="bias"] .control-number')
    bias.fill("240")
    bias.press("Enter")
    expect(footer(page)).to_have_text(mse_text(HousePrices(bias=240.0)))
    expect(page.locator(".control-error")).to_be_hidden()


def test_a_bad_link_opens_on_defaults_and_says_why(page: Page, server_url):
    page.goto(server_url + "/x/house-prices?step=free&weight=2&bias=200")
    wait_ready(page)
    expect(page.locator(".control-error")).to_contain_text("weight must be a number in [0, 0.4]")
    expect(footer(page)).to_have_text(mse_text(HousePrices(bias=200.0)))


def test_play_runs_gradient_descent_until_paused(page: Page, server_url):
    page.goto(server_url + "/x/house-prices?step=free")  # the whole dashboard
    wait_ready(page)
    page.get_by_role("button", name="▶ Play").click()
    expect(page.locator('[data-view="goal"] .message')).to_have_class(re.compile("tone-success"),
                                                                      timeout=10_000)
    page.get_by_role("button", name="❚❚ Pause").click()
    expect(page.get_by_role("button", name="▶ Play")).to_be_visible()
    frames = page.evaluate("() => window.__mlscope.stats.frames")
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.__mlscope.stats.frames") == frames  # stopped
    n = page.evaluate("() => window.__mlscope.currentParams()")
    ex = HousePrices(weight=n["weight"], bias=n["bias"])
    expect(footer(page)).to_have_text(mse_text(ex))


def test_dragging_a_house_moves_it(page: Page, server_url):
    page.goto(server_url + "/x/house-prices?step=free")  # the whole dashboard
    wait_ready(page)
    canvas = page.locator('[data-view="fit"] canvas.plot-front')
    box = canvas.bounding_box()
    # Plot margins (frontend/src/views/plot.ts): left 54, right 24, top 10, bottom 42.
    def px(x, y):
        return (box["x"] + 54 + x / 3000 * (box["width"] - 78),
                box["y"] + 10 + (1 - y / 600) * (box["height"] - 52))
    x0, y0 = px(1600, 329.9)
    x1, y1 = px(1000, 150)
    page.mouse.move(x0, y0)
    page.mouse.down()
    for t in np.linspace(0, 1, 8)[1:]:
        page.mouse.move(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t)
    page.mouse.up()
    row = page.locator('[data-view="table"] tbody tr').nth(1).locator("td")
    # Frames trail the pointer by one round trip: wait for the one after the last move.
    page.wait_for_function("""() => {
        const td = document.querySelectorAll('[data-view="table"] tbody tr')[1].children[0];
        return Math.abs(parseFloat(td.textContent.replace(/,/g, "")) - 1000) < 25;
    }""")
    area = float(row.first.inner_text().replace(",", ""))
    price = float(row.nth(1).inner_text())
    assert area == pytest.approx(1000, abs=25) and price == pytest.approx(150, abs=8)
    # The link holds the moved house (the URL follows the state within 200 ms).
    page.wait_for_function("""() => {
        const h = (new URLSearchParams(location.search).get("houses") || "").split(";");
        return h.length === 3 && Math.abs(parseFloat(h[1]) - 1000) < 30;
    }""")


def test_the_houses_can_be_edited_from_the_keyboard(page: Page, server_url):
    """The houses are dragged in the plot, and typed too: one per line, under Advanced."""
    page.goto(server_url + "/x/house-prices?step=free")
    wait_ready(page)
    page.locator(".control-more:not(.export-fold) > summary").click()
    box = page.locator('textarea[name="houses"]')
    expect(box).to_have_value("2104, 399.9\n1600, 329.9\n2400, 369")
    box.fill("2000, 380\n1600, 329.9\n2400, 369")
    box.press("Tab")  # leaving the box sends it
    first = page.locator('[data-view="table"] tbody tr').first.locator("td")
    expect(first.first).to_have_text("2,000")
    expected = HousePrices(houses=((2000, 380, 0), (1600, 329.9, 0), (2400, 369, 0)))
    expect(footer(page)).to_have_text(mse_text(expected))
    box.fill("2000, 380\n1600, lots")  # a bad number is named, the page goes on
    box.press("Tab")
    expect(page.locator(".control-error")).to_contain_text("houses[1]")
    expect(footer(page)).to_have_text(mse_text(expected))
