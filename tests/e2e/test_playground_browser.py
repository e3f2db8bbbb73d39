"""End to end in headless Chromium: the playground driven as a person would."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.ui import choose, chosen, type_value

pytestmark = pytest.mark.browser


def open_playground(page: Page, server_url: str, query: str = "") -> None:
    """The playground as a dashboard: free play, every view and control (not the story)."""
    query = f"{query}&step=free" if query.startswith("?") else f"?step=free{query}"
    page.goto(f"{server_url}/x/playground{query}")
    page.wait_for_function("() => window.__mlscope && window.__mlscope.stats.frames > 0")


def epoch(page: Page) -> int:
    title = page.locator('[data-view="metrics"] h3').text_content() or ""
    return int(re.sub(r"\D", "", title))


def cell(page: Page, row: str, column: int) -> str:
    return page.locator(f'[data-view="metrics"] tr:has(td:text-is("{row}")) td').nth(column) \
        .text_content() or ""


def wait_settled(page: Page) -> None:
    """Wait until the frame on screen reflects every message sent so far."""
    page.wait_for_function(
        "() => window.__mlscope.stats.lastApplied >= window.__mlscope.nextMessageId - 1")


def test_add_a_layer_change_activation_play_and_pause(page: Page, server_url):
    open_playground(page, server_url, "?seed=1")
    page.locator('button[name="add-layer"]').click()
    expect(page.locator('[data-param="hidden"] input')).to_have_value("4, 2, 2")
    expect(page.locator('.netlive-node[data-node="3:1"]')).to_be_visible()
    page.locator('select[name="layer_activations:0"]').select_option("relu")
    expect(page.locator('[data-param="layer_activations"] input')).to_have_value(
        "relu, tanh, tanh")
    page.locator('button[name="add-neuron-2"]').click()
    expect(page.locator('[data-param="hidden"] input')).to_have_value("4, 3, 2")
    assert epoch(page) == 0
    page.locator("button[name=play]").click()
    page.wait_for_function("() => Number(document.querySelector('[data-view=metrics] h3')"
                           ".textContent.replace(/\\D/g, '')) >= 30")
    page.locator("button[name=play]").click()
    expect(page.locator("button[name=play]")).to_have_text("▶ Play")
    wait_settled(page)
    paused = epoch(page)
    page.wait_for_timeout(300)
    assert epoch(page) == paused >= 30
    page.locator("button[name=step]").click()
    page.wait_for_function(f"() => document.querySelector('[data-view=metrics] h3')"
                           f".textContent.includes('{paused + 1}')")


def test_training_on_circle_brings_the_test_loss_down(page: Page, server_url):
    open_playground(page, server_url, "?seed=0")
    start = float(cell(page, "loss", 2))
    assert start > 0.3
    page.locator(".control-more:not(.export-fold) > summary").click()  # speed is Advanced
    page.locator("input[name=speed]").fill("700")  # ≈ 125 epochs per frame, time-capped
    page.locator("button[name=play]").click()
    page.wait_for_function(
        "() => { const r = [...document.querySelectorAll('[data-view=metrics] tr')]"
        ".find(t => t.cells[0] && t.cells[0].textContent === 'loss');"
        " return r && Number(r.cells[2].textContent) < 0.02; }", timeout=30000)
    page.locator("button[name=play]").click()
    assert epoch(page) >= 100
    assert cell(page, "accuracy", 2) in ("100.0 %", "99.6 %", "99.2 %")


def test_hovering_a_neuron_shows_it_and_its_card(page: Page, server_url):
    open_playground(page, server_url)
    title = page.locator('[data-view="output"] h3')
    expect(title).to_have_text("Output")
    page.hover('.netlive-node[data-node="1:0"]')
    expect(title).to_have_text("Neuron 1.1 over the plane")
    card = page.locator(".netlive-card")
    expect(card).to_be_visible()
    expect(card).to_contain_text("Neuron 1.1: tanh")
    expect(card).to_contain_text("bias b = 0.1")
    # The card sits under the diagram, clear of every neuron.
    card_box, node = card.bounding_box(), page.locator(".netlive").bounding_box()
    assert card_box["y"] >= node["y"] + node["height"] - 1
    page.mouse.move(5, 5)
    expect(title).to_have_text("Output")
    expect(card).to_contain_text("Hover a neuron")  # back to what hovering does
    expect(card).not_to_contain_text("Neuron 1.1")


def test_clicking_a_weight_lets_you_type_a_new_value(page: Page, server_url):
    open_playground(page, server_url)
    # the first edge: X1 -> neuron 1.1; click the middle of its curve
    x, y = page.locator('.edge-hit[data-edge="0"]').evaluate(
        "p => { const l = p.getTotalLength(); const pt = p.getPointAtLength(l * 0.5);"
        " const m = p.getScreenCTM(); return [pt.x * m.a + m.e, pt.y * m.d + m.f]; }")
    page.mouse.click(x, y)
    editor = page.locator(".netlive-editor input")
    expect(editor).to_be_focused()
    editor.fill("3.25")
    editor.press("Enter")
    wait_settled(page)
    page.hover('.netlive-node[data-node="1:0"]')
    expect(page.locator(".netlive-card")).to_contain_text("weights in: 3.25,")
    page.mouse.move(x, y)
    expect(page.locator(".netlive-tip")).to_contain_text("weight 3.25")


def test_upload_a_good_csv_then_a_bad_one(page: Page, server_url):
    open_playground(page, server_url)
    good = b"x1,x2,label\n1,2,1\n-1,-2,-1\n0.5,0.5,1\n3,-1,-1\n2,2,1\n"
    page.set_input_files("input[name=upload_csv]", files=[
        {"name": "mine.csv", "mimeType": "text/csv", "buffer": good}])
    chosen(page, "dataset", "custom")
    wait_settled(page)
    total = int(cell(page, "points", 1)) + int(cell(page, "points", 2))
    assert total == 5
    bad = b"x1,x2,label\n1,2,0\n1,oops,1\n"
    page.set_input_files("input[name=upload_csv]", files=[
        {"name": "bad.csv", "mimeType": "text/csv", "buffer": bad}])
    expect(page.locator(".control-error")).to_have_text("line 3: x2 must be a number; got 'oops'.")
    wait_settled(page)
    assert int(cell(page, "points", 1)) + int(cell(page, "points", 2)) == 5  # data kept
    # 2.5 MB: over the socket's limit. It used to drop the connection ("reconnecting…") and
    # lose the file; the page now refuses it, with its size, and keeps the session.
    huge = b"x1,x2,label\n" + b"1.000001,2.000001,1\n" * 130_000
    page.set_input_files("input[name=upload_csv]", files=[
        {"name": "huge.csv", "mimeType": "text/csv", "buffer": huge}])
    expect(page.locator(".control-error")).to_contain_text("This file is 2.6 MB; at most 1.0 MB")
    expect(page.locator(".status")).not_to_contain_text("reconnecting")
    page.locator("button[name=step]").click()
    expect(page.locator('[data-view="metrics"] h3')).to_have_text("Epoch 1")
    assert int(cell(page, "points", 1)) + int(cell(page, "points", 2)) == 5


def test_click_adds_a_point_and_shift_click_removes_it(page: Page, server_url):
    open_playground(page, server_url, "?points=100")
    canvas = page.locator('[data-view="output"] canvas.plot-front')
    box = canvas.bounding_box()
    count = lambda: int(cell(page, "points", 1)) + int(cell(page, "points", 2))  # noqa: E731
    assert count() == 100
    page.mouse.click(box["x"] + box["width"] * 0.52, box["y"] + box["height"] * 0.45)
    chosen(page, "dataset", "custom")
    wait_settled(page)
    assert count() == 101
    page.keyboard.down("Shift")
    page.mouse.click(box["x"] + box["width"] * 0.52, box["y"] + box["height"] * 0.45)
    page.keyboard.up("Shift")
    wait_settled(page)
    assert count() == 100


def test_the_url_reproduces_the_state(page: Page, server_url, browser):
    open_playground(page, server_url)
    choose(page, "dataset", "xor")  # a picture of the data, as TensorFlow Playground shows
    # The typed shape, features and optimiser are Advanced (the diagram edits the first two).
    page.locator(".control-more:not(.export-fold) > summary").click()
    page.locator('[data-param="hidden"] input').fill("5, 3")
    page.locator('[data-param="hidden"] input').press("Enter")
    page.locator('input[name="features:x1x2"]').check()
    page.locator('[data-param="optimiser"] select').select_option("adam")
    expect(page).to_have_url(re.compile(r"hidden=5%2C3"))
    expect(page).to_have_url(re.compile(r"features=x1%2Cx2%2Cx1x2"))
    expect(page).to_have_url(re.compile(r"optimiser=adam"))
    other = browser.new_page()
    try:
        open_playground(other, page.url.split("/x/playground")[0], page.url.split("/x/playground")[1])
        chosen(other, "dataset", "xor")
        expect(other.locator('[data-param="hidden"] input')).to_have_value("5, 3")
        expect(other.locator('input[name="features:x1x2"]')).to_be_checked()
        expect(other.locator('.netlive-node[data-node="2:2"]')).to_be_visible()
    finally:
        other.close()


def test_classroom_mode_hides_controls_and_keeps_it_in_the_url(page: Page, server_url):
    open_playground(page, server_url, "?hide=noise,learning_rate")
    expect(page.locator('[data-param="noise"]')).to_be_hidden()
    expect(page.locator('[data-param="learning_rate"]')).to_be_hidden()
    expect(page.locator('[data-param="batch_size"]')).to_be_visible()
    page.locator(".control-more:not(.export-fold) > summary").click()
    page.locator('input[name="hide:batch_size"]').check()
    expect(page.locator('[data-param="batch_size"]')).to_be_hidden()
    expect(page).to_have_url(re.compile(r"hide=noise%2Clearning_rate%2Cbatch_size"))


CANVASES_JS = """v => [...v.querySelectorAll("canvas")].map(c => c.toDataURL())"""


def test_training_repaints_the_output_under_the_points_it_keeps(page: Page, server_url):
    """The output view's heatmap learns while the training points stay: the points (the top
    canvas) are drawn once, the heatmap (the middle one) every frame, and the points stay
    above it."""
    open_playground(page, server_url, "?seed=3")
    output = page.locator('[data-view="output"]')
    page.locator("button[name=step]").click()
    page.wait_for_function("() => document.querySelector('[data-view=metrics] h3')"
                           ".textContent.includes('1')")
    before = output.evaluate(CANVASES_JS)
    assert len(before) == 3
    page.locator("button[name=play]").click()
    page.wait_for_function("() => Number(document.querySelector('[data-view=metrics] h3')"
                           ".textContent.replace(/\\D/g, '')) >= 20")
    page.locator("button[name=play]").click()
    wait_settled(page)
    after = output.evaluate(CANVASES_JS)
    assert after[1] != before[1], "the heatmap did not learn"
    assert after[2] == before[2], "the unchanged points were drawn again"
    blank = output.evaluate("""v => { const c = v.querySelectorAll("canvas")[2];
      const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
      let n = 0; for (let k = 3; k < d.length; k += 4) n += d[k] > 0; return n; }""")
    assert blank > 2000, "the top canvas holds no points"


BIAS_MARK_JS = """box => {
  const root = box.closest('.netlive');
  const c = root.querySelector('canvas.netlive-canvas');
  const S = box.offsetWidth, b = Math.max(4, Math.round(S * 0.22));
  const dpr = c.width / c.offsetWidth;
  const x = box.offsetLeft - b + 1 + b / 2, y = box.offsetTop + S - b + 2 + b / 2;
  const d = c.getContext('2d').getImageData(Math.round(x * dpr), Math.round(y * dpr), 1, 1).data;
  return [d[0], d[1], d[2], d[3]];
}"""


def test_each_neuron_shows_its_bias_in_the_weights_colours(page: Page, server_url):
    """TensorFlow Playground's bias mark: a small square on each neuron's corner, blue for a
    positive bias and orange for a negative one, as the neuron's card states it."""
    open_playground(page, server_url, "?seed=2&dataset=xor&learning_rate=0.1")
    page.locator("button[name=play]").click()
    page.wait_for_function("() => Number(document.querySelector('[data-view=metrics] h3')"
                           ".textContent.replace(/\\D/g, '')) >= 150")
    page.locator("button[name=play]").click()
    wait_settled(page)
    card = page.locator(".netlive-card")
    strong = 0
    for node in ["1:0", "1:1", "1:2", "1:3", "2:0", "2:1", "3:0"]:
        box = page.locator(f'.netlive-node[data-node="{node}"]')
        box.hover()
        expect(card).to_contain_text("bias b = ")
        bias = float(re.search(r"bias b = ([-−0-9.e]+)", card.text_content() or "")[1]
                     .replace("−", "-"))
        r, g, b, alpha = box.evaluate(BIAS_MARK_JS)
        assert alpha == 255, f"no bias mark at neuron {node}"
        if abs(bias) > 0.25:
            strong += 1
            assert (b > r) == (bias > 0), f"neuron {node}: bias {bias} drawn as rgb {r, g, b}"
    assert strong >= 2, "training left every bias near 0: the check saw no colour"


def test_the_loss_sits_under_the_output_beside_the_diagram(page: Page, server_url):
    """As TensorFlow Playground's: the loss is glanced at beside the output, not a card away."""
    page.set_viewport_size({"width": 1400, "height": 900})
    open_playground(page, server_url)
    network, output, loss = (page.locator(f'[data-view="{v}"]').bounding_box()
                             for v in ("network", "output", "loss"))
    assert abs(loss["x"] - output["x"]) < 2 and loss["y"] > output["y"] + output["height"] - 1
    assert loss["x"] > network["x"] + network["width"] - 1
    assert loss["y"] + loss["height"] <= network["y"] + network["height"] + 1
    assert loss["y"] + 120 < 900, "the loss chart is below the fold"


def test_a_diverging_network_stops_says_so_and_trains_again_after_reset(page: Page, server_url):
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    open_playground(page, server_url, "?dataset=plane&learning_rate=3&seed=0")
    page.locator("button[name=play]").click()
    output = page.locator('[data-view="output"] h3')
    expect(output).to_contain_text("the network diverged", timeout=10000)
    expect(page.locator("button[name=play]")).to_have_text("▶ Play")  # it stopped by itself
    expect(page.locator('[data-view="loss"] h3')).to_have_text("Loss: the network diverged")
    assert cell(page, "loss", 1) == "–"
    type_value(page, "learning_rate", "0.01")
    page.locator("button[name=reset]").click()
    expect(output).to_have_text("Output")
    page.locator("button[name=step]").click()
    expect(page.locator('[data-view="metrics"] h3')).to_have_text("Epoch 1")
    assert float(cell(page, "loss", 1)) < 10
    assert not errors
