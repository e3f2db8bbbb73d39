"""End to end in headless Chromium: scrubbing t carries the data into the hidden layer, the
cube turns by itself, and a user's scikit-learn model is shown by the lens in the app."""

import base64
import io
import re

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import Page, expect
from sklearn.neural_network import MLPClassifier

import mlscope.lens
from mlscope import catalog
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
    """The view's canvases (a plot stacks three) composited in order, as a data URL."""
    return str(page.locator(f'[data-view="{view}"]').evaluate("""v => {
      const cs = [...v.querySelectorAll("canvas")];
      const out = document.createElement("canvas");
      [out.width, out.height] = [cs[0].width, cs[0].height];
      for (const c of cs) out.getContext("2d").drawImage(c, 0, 0);
      return out.toDataURL();
    }"""))


def test_scrubbing_t_carries_the_points_into_the_square(page: Page, server_url):
    open_page(page, f"{server_url}/x/network-transform?step=free")
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
    open_page(page, f"{server_url}/x/network-transform?dataset=ring&neurons=3&step=free")
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


HOLD_SETS_JS = """() => {
  // Hold back the messages that set parameters, as a slow server would.
  const app = window.__mlscope;
  const send = app.transport.send.bind(app.transport);
  window.__held = [];
  app.transport.send = (m) => { if (m.type === "set") window.__held.push(m); else send(m); };
  window.__release = () => { app.transport.send = send; window.__held.forEach(send); };
}"""


def _pixels(data_url: str) -> np.ndarray:
    raw = base64.b64decode(data_url.split(",", 1)[1])
    return np.asarray(Image.open(io.BytesIO(raw)).convert("RGB"), dtype=float)


@pytest.mark.parametrize("query,view_kind", [("?step=free", "plot"),
                                             ("?dataset=ring&neurons=3&step=free", "scene3d")])
def test_the_hidden_view_follows_t_before_the_server_answers(page: Page, server_url, query,
                                                            view_kind):
    """Dragging t redraws the hidden view in the browser from the path it already has; the
    server's frame then only confirms it (same picture, not drawn again) and brings the title."""
    open_page(page, f"{server_url}/x/network-transform{query}")
    page.get_by_role("button", name="Train 100 epochs").click()
    expect(page.locator('[data-view="loss"]')).to_contain_text("epoch 100")
    title = page.locator('[data-view="hidden"] h3').first
    drag_slider_to(page, "t", 0.9)  # the first frame after training brings the path
    expect(title).to_contain_text("t = 0.9")
    assert page.locator(f'[data-view="hidden"][data-kind="{view_kind}"]').count() == 1
    at_end = _pixels(canvas_image(page, "hidden"))
    page.evaluate(HOLD_SETS_JS)
    previews = page.evaluate("() => window.__mlscope.stats.previews")
    drag_slider_to(page, "t", 0.3)
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.__held.length") > 0
    assert page.evaluate("() => window.__mlscope.stats.previews") > previews
    expect(title).to_contain_text("t = 0.9")  # the server has not answered
    local = _pixels(canvas_image(page, "hidden"))
    assert np.abs(local - at_end).mean() > 1.0, "the view did not move with the slider"
    draws = page.locator('[data-view="hidden"]').get_attribute("data-draws")
    page.evaluate("() => window.__release()")
    expect(title).to_contain_text("t = 0.3")
    page.wait_for_timeout(200)
    # the frames that answer the drag bring the numbers already drawn: no redraw
    assert page.locator('[data-view="hidden"]').get_attribute("data-draws") == draws
    served = _pixels(canvas_image(page, "hidden"))
    # the browser's blend and the server's frame draw the same picture
    assert np.abs(served - local).mean() < 0.05 * np.abs(local - at_end).mean()
