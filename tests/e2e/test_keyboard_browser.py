"""Every slider of every page moves under the keyboard, as a person would press the keys:
an arrow moves at least the parameter's step and never snaps back, Page Up/Down a tenth,
Home/End to the ends."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from mlscope import catalog

pytestmark = pytest.mark.browser

SLUGS = [c.slug for c in catalog.all_explorables()]

VALUE_JS = "(name) => window.__mlscope.currentParams()[name]"


def _specs(page: Page) -> dict:
    return page.evaluate("() => Object.fromEntries(window.__mlscope.spec.params"
                         ".map((p) => [p.name, p]))")


def _press(page: Page, name: str, key: str, before: float) -> float:
    """Press ``key`` on the slider and wait for the frame that answers it."""
    slider = page.locator(f'input[type=range][name="{name}"]')
    slider.press(key)
    page.wait_for_function(
        "([name, before]) => window.__mlscope.currentParams()[name] !== before",
        arg=[name, before], timeout=10_000)
    return float(page.evaluate(VALUE_JS, name))


@pytest.mark.parametrize("slug", SLUGS)
def test_every_slider_moves_by_its_step_under_the_arrow_keys(page: Page, server_url, slug):
    page.goto(f"{server_url}/x/{slug}?step=free")
    page.wait_for_function("() => window.__mlscope && window.__mlscope.stats.frames > 0")
    specs = _specs(page)
    sliders = page.locator(".controls-card input[type=range]:visible")
    names = [n for n in sliders.evaluate_all("(els) => els.map((e) => e.name)") if n in specs]
    if not names:
        pytest.skip(f"{slug} has no slider (its numbers are dragged in its views)")
    for name in names:
        spec = specs[name]
        lo, hi = spec["lo"], spec["hi"]
        value = float(page.evaluate(VALUE_JS, name))
        up = value < hi
        key = "ArrowRight" if up else "ArrowLeft"
        step = spec.get("step") or (hi - lo) / 100
        for _ in range(3):  # three presses in a row, each from where the last one landed
            if value == (hi if up else lo):
                break  # at the end already: a press changes nothing (and sends nothing)
            new = _press(page, name, key, value)
            moved = new - value if up else value - new
            if spec.get("log"):
                assert moved > 0, f"{slug}.{name}: {key} did not move from {value}"
            else:
                assert moved >= step * 0.999 or new in (lo, hi), \
                    f"{slug}.{name}: {key} moved {value} -> {new}, less than its step {step}"
            value = new
        key = "PageDown" if up else "PageUp"
        new = _press(page, name, key, value)
        if not spec.get("log"):
            assert abs(new - value) >= min((hi - lo) / 10 * 0.99, abs(value - (lo if up else hi))), \
                f"{slug}.{name}: {key} moved {value} -> {new}, not a tenth of [{lo}, {hi}]"


def test_home_and_end_go_to_the_ends(page: Page, server_url):
    page.goto(f"{server_url}/x/house-prices?step=free")
    page.wait_for_function("() => window.__mlscope && window.__mlscope.stats.frames > 0")
    assert _press(page, "bias", "End", 100.0) == 460.0
    assert _press(page, "bias", "Home", 460.0) == 0.0
    # The arrow goes on from the end it reached: the thumb's position never pulls it back.
    assert _press(page, "bias", "ArrowRight", 0.0) == 0.5
    assert _press(page, "bias", "ArrowRight", 0.5) == 1.0
