"""What the browser tests do as a person would, shared: open a page and wait for its first
frame, type a value and press Enter, choose an option, and the goal's class once met."""

from __future__ import annotations

import re

from playwright.sync_api import Page

MET = re.compile(r"\bmet\b")
"""The story's goal box has this class once its check has turned green."""


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_function("() => window.__mlscope && window.__mlscope.stats.frames > 0")


def type_value(page: Page, name: str, value: str) -> None:
    """Type into a parameter's box (a number, a list) and press Enter."""
    box = page.locator(f'.control[data-param="{name}"] input.control-number, '
                       f'.control[data-param="{name}"] input.control-text')
    box.fill(value)
    box.press("Enter")


def choose(page: Page, name: str, value: str) -> None:
    """Pick an option: click its picture where the control shows pictures (the playground's
    data sets), else choose it in the select."""
    picture = page.locator(f'button[name="{name}:{value}"]')
    if picture.count():
        picture.click()
    else:
        page.locator(f'[data-param="{name}"] select').select_option(value)


def chosen(page: Page, name: str, value: str) -> None:
    """Wait until the control shows ``value`` chosen (a picture pressed or the select's)."""
    from playwright.sync_api import expect

    picture = page.locator(f'button[name="{name}:{value}"]')
    if picture.count():
        expect(picture).to_have_attribute("aria-checked", "true")
    else:
        expect(page.locator(f'[data-param="{name}"] select')).to_have_value(value)


def plot_px(page: Page, view: str = "plane", x_range: tuple[float, float] = (-6, 6),
            y_range: tuple[float, float] = (-6, 6)):
    """Data (x, y) -> the page's pixels on a plot with these ranges (the plane's by
    default), once its canvas holds still (the plot's margins: plot_layers.ts M)."""
    canvas = page.locator(f'[data-view="{view}"] canvas.plot-front')
    box, prev = canvas.bounding_box(), None
    while box != prev:
        page.wait_for_timeout(100)
        prev, box = box, canvas.bounding_box()
    (x0, x1), (y0, y1) = x_range, y_range
    return lambda x, y: (box["x"] + 54 + (x - x0) / (x1 - x0) * (box["width"] - 78),
                         box["y"] + 10 + (y1 - y) / (y1 - y0) * (box["height"] - 52))
