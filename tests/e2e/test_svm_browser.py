"""The support vector machine in a real browser, as a learner uses it: drag a support vector
into the street and watch it narrow (the goal turns green), then separate the rings with a
kernel."""

from __future__ import annotations

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from mlscope.explorables.classic.svm import SupportVectorMachine
from tests.e2e.ui import MET, choose, open_page

pytestmark = pytest.mark.browser


def test_dragging_a_support_vector_narrows_the_street(page: Page, server_url):
    open_page(page, server_url + "/x/svm")
    ex = SupportVectorMachine()
    sv = int(ex.svm.support[0])
    w = ex.svm.linear_weights()
    f = ex.svm.decision(ex.points[sv:sv + 1])[0]
    target = ex.points[sv] - 0.7 * f * w / np.dot(w, w)
    canvas = page.locator('[data-view="plane"] canvas.plot-front')
    box, prev = canvas.bounding_box(), None
    while box != prev:
        page.wait_for_timeout(100)
        prev, box = box, canvas.bounding_box()
    px = lambda p: (box["x"] + 54 + (p[0] + 6) / 12 * (box["width"] - 78),  # noqa: E731
                    box["y"] + 10 + (6 - p[1]) / 12 * (box["height"] - 52))
    (x0, y0), (x1, y1) = px(ex.points[sv]), px(target)
    page.mouse.move(x0, y0)
    page.mouse.down()
    for t in np.linspace(0, 1, 8)[1:]:
        page.mouse.move(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t)
    page.mouse.up()
    expect(page.locator(".story-goal")).to_have_class(MET)


def test_a_kernel_separates_the_rings(page: Page, server_url):
    open_page(page, server_url + "/x/svm?step=kernel")
    goal = page.locator(".story-goal")
    expect(goal).not_to_have_class(MET)
    choose(page, "kernel", "rbf")
    expect(goal).to_have_class(MET)
    expect(page.locator('[data-view="plane"] h3')).to_contain_text("training accuracy 100%")
