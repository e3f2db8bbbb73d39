"""The new view kinds in a real browser, driven as a person would: a matrix cell typed, a
tree node clicked, a slider moved under a plot of every layer kind; what each shows is read
back and checked against the numbers the server sent."""

from __future__ import annotations

import numpy as np
import pytest
from playwright.sync_api import expect

from mlscope import catalog
from mlscope.core.colors import COLORMAPS
from tests.e2e.ui import open_page
from tests.view_samples import CONFUSION, SampleViews


@pytest.fixture(scope="module")
def kinds_url(server_url):
    catalog.register(SampleViews)
    yield f"{server_url}/x/{SampleViews.slug}"
    catalog.unregister(SampleViews.slug)


def cell(page, i, j):
    return page.locator(f'[data-view="matrix"] td[data-row="{i}"][data-col="{j}"]')


def test_a_matrix_shows_its_numbers_in_their_colours_and_takes_a_typed_cell(page, kinds_url):
    open_page(page, kinds_url)
    expect(cell(page, 0, 0)).to_have_text("40")
    expect(cell(page, 2, 1)).to_have_text("4")
    code = int(np.rint(CONFUSION[0, 0] / 45 * 255))
    r, g, b = COLORMAPS["sequential"][code]
    assert cell(page, 0, 0).evaluate("e => getComputedStyle(e).backgroundColor") == \
        f"rgb({r}, {g}, {b})"
    assert page.locator('[data-view="matrix"] .key-bar').inner_text().startswith("count")
    cell(page, 0, 1).click()
    box = cell(page, 0, 1).locator("input")
    box.fill("17")
    box.press("Enter")
    expect(cell(page, 0, 1)).to_have_text("17")
    dark = cell(page, 0, 1).evaluate("e => getComputedStyle(e).backgroundColor")
    assert dark != f"rgb({', '.join(map(str, COLORMAPS['sequential'][0]))})"  # recoloured


def test_a_click_on_a_tree_node_highlights_its_path(page, kinds_url):
    open_page(page, kinds_url)
    node = page.locator('[data-view="graph"] .graph-node[data-id="4"] rect').first
    expect(page.locator('[data-view="graph"] .graph-label')).to_have_count(5)
    assert node.get_attribute("stroke") != "#c2185b"
    page.locator('[data-view="graph"] .graph-node[data-id="4"]').click()
    expect(node).to_have_attribute("stroke", "#c2185b")
    expect(page.locator('[data-view="graph"] .graph-node[data-id="3"] rect').first) \
        .not_to_have_attribute("stroke", "#c2185b")


def test_an_image_grid_shows_the_pixels_it_was_sent(page, kinds_url):
    open_page(page, kinds_url)
    figures = page.locator('[data-view="images"] figure')
    expect(figures).to_have_count(6)
    expect(figures.nth(4).locator("figcaption")).to_have_text("filter 4")
    # Pixel (row 3, column 3) of every filter is white (the samples' bright bar).
    px = figures.nth(0).locator("canvas").evaluate(
        "c => Array.from(c.getContext('2d').getImageData(3, 3, 1, 1).data)")
    assert px == [255, 255, 255, 255]


def test_moving_a_slider_moves_the_shapes_and_the_legend_keys_every_layer(page, kinds_url):
    open_page(page, kinds_url)
    legend = page.locator('[data-view="plot"] .plot-legend').inner_text()
    for name in ("histogram", "band", "regions", "square", "gradient", "points"):
        assert name in legend
    snapshot = """() => Array.from(document.querySelectorAll('[data-view="plot"] canvas'))
        .map(c => c.toDataURL()).join('')"""
    before = page.evaluate(snapshot)
    frames = page.evaluate("window.__mlscope.stats.frames")
    slider = page.locator('[data-param="shift"] input[type="range"]')
    slider.focus()
    for _ in range(8):
        slider.press("ArrowRight")
    page.wait_for_function(f"window.__mlscope.stats.frames > {frames}")
    expect(page.locator('[data-param="shift"] input.control-number')).to_have_value("0.8")
    page.wait_for_timeout(100)
    assert page.evaluate(snapshot) != before
