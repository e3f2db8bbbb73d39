"""End to end in headless Chromium: scrubbing t carries the data into the hidden layer, the
cube turns by itself, and a user's scikit-learn model is shown by the lens in the app."""

import re

import pytest
from playwright.sync_api import Page, expect
from sklearn.neural_network import MLPClassifier

import mlscope.lens
from mlscope.core import catalog
from mlscope.data.seed_article import article

pytestmark = pytest.mark.browser


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_function("() => window.__mlscope && window.__mlscope.stats.frames > 0")


def drag_slider_to(page: Page, name: str, fraction: float) -> None:
    """Press the slider's thumb at its current place and drag it to ``fraction`` of the track,
    as a person would."""
    slider = page.locator(f'input[type="range"][name="{name}"]')
    box = slider.bounding_box()
    value = float(slider.input_value()) / float(slider.get_attribute("max"))
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 8 + value * (box["width"] - 16), y)
    page.mouse.down()
    page.mouse.move(box["x"] + 8 + fraction * (box["width"] - 16), y, steps=8)
    page.mouse.up()


def canvas_image(page: Page, view: str) -> str:
    return page.locator(f'[data-view="{view}"] canvas').first.evaluate("c => c.toDataURL()")


def test_scrubbing_t_carries_the_points_into_the_square(page: Page, server_url):
    open_page(page, f"{server_url}/x/network-transform")
    for _ in range(2):
        page.get_by_role("button", name="Train 100 epochs").click()
    expect(page.locator('[data-view="loss"]')).to_contain_text("epoch 200")
    title = page.locator('[data-view="hidden"] h3').first
    expect(title).to_contain_text("t = 1.00: a¹")
    square = canvas_image(page, "hidden")
    drag_slider_to(page, "t", 0.0)
    expect(title).to_contain_text("t = 0.00: input")
    assert canvas_image(page, "hidden") != square
    drag_slider_to(page, "t", 0.75)
    expect(title).to_contain_text(re.compile(r"t = 0\.7\d: z¹ → a¹"))
    expect(page.locator('[data-view="about"]')).to_contain_text("of the way from the weighted sums")
    # scrubbing is a view setting: training is where it was
    expect(page.locator('[data-view="loss"]')).to_contain_text("epoch 200")


def test_the_ring_in_a_cube_that_turns_by_itself(page: Page, server_url):
    open_page(page, f"{server_url}/x/network-transform?dataset=ring&neurons=3")
    page.get_by_role("button", name="Train 100 epochs").click()
    cube = page.locator('[data-view="hidden"] .scene3d')
    expect(cube).to_be_visible()
    expect(cube).to_have_attribute("data-spin", "0")
    page.get_by_role("checkbox", name="turn the cube", exact=True).check()
    expect(cube).to_have_attribute("data-spin", "1")
    before = canvas_image(page, "hidden")
    page.wait_for_timeout(400)
    assert canvas_image(page, "hidden") != before, "the cube did not turn"


def test_a_scikit_learn_model_in_the_app(page: Page, server_url):
    x, y = article()
    model = MLPClassifier(solver="lbfgs", hidden_layer_sizes=(2,), activation="logistic",
                          max_iter=1000, random_state=0).fit(x, y)
    lt = mlscope.lens.layer_transform(model, x, y, t=0.0)
    catalog.register(lt.explorable_class)  # what lt.serve() does before it starts the app
    open_page(page, f"{server_url}/x/{lt.explorable_class.slug}")
    expect(page.locator('[data-view="about"]')).to_contain_text("scikit-learn MLPClassifier")
    expect(page.locator('[data-view="about"]')).to_contain_text("99.5%")
    title = page.locator('[data-view="hidden"] h3').first
    expect(title).to_contain_text("t = 0.00")
    page.get_by_role("button", name="▶ Play").click()  # playing animates t
    expect(title).to_contain_text(re.compile(r"t = 0\.[1-9]"))
    page.get_by_role("button", name="❚❚ Pause").click()
    drag_slider_to(page, "t", 1.0)
    expect(title).to_contain_text("t = 1.00: a¹")
