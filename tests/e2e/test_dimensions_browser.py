"""Higher dimensions in a real browser: turn the hypercube half a turn through w, then
raise the number of dimensions until the nearest point is 3/4 as far as the farthest."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.ui import MET, open_page, type_value

pytestmark = pytest.mark.browser


def test_turning_through_the_fourth_axis(page: Page, server_url):
    open_page(page, server_url + "/x/higher-dimensions")
    live = page.locator(".story-live")
    expect(live).to_contain_text("Turned 20° in the x–w plane")
    slider = page.locator('.control[data-param="xw"] input[type=range]')
    slider.focus()
    for _ in range(5):
        slider.press("PageUp")
    expect(live).not_to_contain_text("Turned 20°")
    type_value(page, "xw", "180")
    expect(live).to_contain_text("Turned 180°")
    expect(page.locator(".story-goal")).to_have_class(MET)


def test_distances_bunch_up_in_many_dimensions(page: Page, server_url):
    open_page(page, server_url + "/x/higher-dimensions?step=distances")
    live = page.locator(".story-live")
    expect(live).to_contain_text("In 3 dimensions the nearest of 500 random points")
    type_value(page, "d", "300")
    expect(live).to_contain_text(re.compile(r"In 300 dimensions .* is, on average, (7[5-9]|8\d)%"))
    expect(page.locator(".story-goal")).to_have_class(MET)
