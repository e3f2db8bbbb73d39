"""The playground's and the network transform's stories in headless Chromium, walked as a
learner would: read the step's title, act with the real controls, see the goal turn green,
Next; at the end, free play shows every view."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.ui import MET, choose, open_page, type_value

pytestmark = pytest.mark.browser

set_list = type_value  # a list is typed into its box the same way


def play_until_met(page: Page, goal: Locator, timeout: int = 40_000) -> None:
    """Press Play, wait for the goal's check to turn green, pause."""
    play = page.locator("button[name=play]")
    play.click()
    expect(goal).to_have_class(MET, timeout=timeout)
    play.click()
    expect(play).to_have_text("▶ Play")


def faster(page: Page) -> None:
    """More epochs per frame (Advanced, under the play button), as a learner in a hurry."""
    page.locator(".control-more:not(.export-fold) > summary").click()
    page.locator("input[name=speed]").fill("600")


def test_a_learner_walks_the_playground_story(page: Page, server_url):
    open_page(page, server_url + "/x/playground")
    story = page.locator(".story")
    title, goal = story.locator(".story-title"), story.locator(".story-goal")
    live = story.locator(".story-live")
    nxt = story.get_by_role("button", name=re.compile("Next|Free play →"))

    # 1. Play on the circle until the test loss is low; only the output and the loss show.
    expect(title).to_have_text("Watch a network learn")
    expect(page.locator("[data-view=output]")).to_be_visible()
    expect(page.locator("[data-view=loss]")).to_be_visible()
    expect(page.locator("[data-view=network]")).to_be_hidden()
    expect(page.locator(".control[data-param=learning_rate]")).to_be_hidden()
    expect(page.locator("[data-view=loss] .caption")).to_contain_text("test points")
    expect(goal).to_have_text("Goal: Bring the test loss below 0.02.")
    expect(nxt).to_be_disabled()
    play_until_met(page, goal)
    expect(live).to_contain_text("it has learnt the circle")
    expect(page.locator("[data-view=loss] h3")).to_contain_text(re.compile(
        r"Loss: training 0\.0\d+ · test 0\.0[01]\d+"))
    nxt.click()

    # 2. Hover a neuron of the first hidden layer: its formula and its line.
    expect(title).to_have_text("What one neuron sees")
    expect(page.locator("[data-view=network]")).to_be_visible()
    expect(nxt).to_be_disabled()
    page.hover('.netlive-node[data-node="1:0"]')
    expect(goal).to_have_class(MET)
    expect(live).to_contain_text("Neuron 1.1 computes")
    expect(live).to_contain_text("is a straight line")
    page.mouse.move(5, 5)
    expect(nxt).to_be_enabled()
    nxt.click()

    # 3. The spiral: the small network is not enough; sine features and more neurons are.
    expect(title).to_have_text("Harder data needs more")
    expect(live).to_contain_text("Choose Spiral")
    choose(page, "dataset", "spiral")
    page.locator('input[name="features:sin_x1"]').check()
    page.locator('input[name="features:sin_x2"]').check()
    set_list(page, "hidden", "8, 8")
    expect(page.locator('.netlive-node[data-node="2:7"]')).to_be_visible()
    faster(page)
    play_until_met(page, goal)
    expect(live).to_contain_text("winds around the arms")
    nxt.click()

    # 4. A learning rate too high: the loss goes up; then back to a sensible one.
    expect(title).to_have_text("A learning rate too high")
    expect(page.locator(".control[data-param=learning_rate]")).to_be_visible()
    expect(page.locator(".control[data-param=dataset]")).to_be_hidden()
    type_value(page, "learning_rate", "1")
    # Watch it happen while it plays: the callout and the goal come with the same frame,
    # and a few epochs later the loss may have settled again.
    play = page.locator("button[name=play]")
    play.click()
    expect(live).to_contain_text(re.compile(r"went up in \d+ of the last 10 epochs|is stuck"),
                                 timeout=40_000)
    expect(goal).to_have_class(MET)
    # Pause. At this speed a frame prepared before the pause may still arrive saying
    # "playing"; a second click (as a learner would) if the first did not take.
    for _ in range(3):
        if play.text_content().strip().startswith("▶"):
            break
        play.click()
        page.wait_for_timeout(1500)
    expect(play).to_have_text("▶ Play")
    type_value(page, "learning_rate", "0.03")
    nxt.click()

    # 5. Few noisy points and a big network: catch it overfitting.
    expect(title).to_have_text("Too little data, too much noise")
    choose(page, "dataset", "circle")
    type_value(page, "noise", "50")
    type_value(page, "train_share", "10")
    for box in page.locator('[data-param="features"] input[type=checkbox]').all():
        box.check()
    set_list(page, "hidden", "8, 8")
    page.locator("input[name=show_test]").check()
    expect(page.locator("[data-view=metrics]")).to_be_hidden()
    # Read the callout while it plays: a few epochs on, the test loss may dip again.
    play = page.locator("button[name=play]")
    play.click()
    expect(live).to_contain_text(re.compile(r"Overfitting:.*of its 50 training points"),
                                 timeout=40_000)
    expect(goal).to_have_class(MET)
    play.click()
    expect(play).to_have_text("▶ Play")
    nxt.click()

    # 6. Regularisation: the test loss stays near its lowest.
    expect(title).to_have_text("A penalty on large weights")
    expect(nxt).to_have_text("Free play →")
    expect(nxt).to_be_disabled()
    choose(page, "regularisation", "l2")
    choose(page, "reg_rate", "0.1")
    page.get_by_role("button", name="Reset", exact=True).click()
    expect(live).to_contain_text("L2 at 0.1, epoch 0")
    play_until_met(page, goal, timeout=60_000)
    nxt.click()

    # Free play: every view and every control.
    expect(title).to_have_text("Free play")
    expect(page).to_have_url(re.compile(r"step=free"))
    for name in ("network", "output", "loss", "metrics", "confusion", "activations",
                 "gradients"):
        expect(page.locator(f"[data-view={name}]")).to_be_visible()
    expect(page.locator(".control[data-param=batch_size]")).to_be_visible()
    expect(page.get_by_role("button", name="Regenerate")).to_be_visible()


def test_a_learner_walks_the_network_transform_story(page: Page, server_url):
    open_page(page, server_url + "/x/network-transform")
    story = page.locator(".story")
    title, goal = story.locator(".story-title"), story.locator(".story-goal")
    live = story.locator(".story-live")
    nxt = story.get_by_role("button", name=re.compile("Next|Free play →"))
    train = page.get_by_role("button", name="Train 100 epochs")

    # 1. The data no line separates; train until the network gets it.
    expect(title).to_have_text("Data no line separates")
    expect(page.locator("[data-view=input]")).to_be_visible()
    expect(page.locator("[data-view=hidden]")).to_be_hidden()
    expect(page.locator(".control[data-param=t]")).to_be_hidden()
    expect(nxt).to_be_disabled()
    train.click()
    expect(goal).to_have_class(MET)
    expect(live).to_contain_text(re.compile(r"Epoch 100: the network puts 9\d\.\d% of the 200"))
    nxt.click()

    # 2. Halfway along t: the weighted sums, a straight grid.
    expect(title).to_have_text("The hidden layer moves the data")
    hidden_title = page.locator('[data-view="hidden"] h3').first
    expect(hidden_title).to_contain_text("t = 1.00")
    expect(nxt).to_be_disabled()
    type_value(page, "t", "0.5")
    expect(goal).to_have_class(MET)
    expect(hidden_title).to_contain_text("t = 0.50: z¹")
    expect(live).to_contain_text("still straight")
    nxt.click()

    # 3. All the way: the output neuron's line separates the classes.
    expect(title).to_have_text("A line in the hidden space")
    expect(nxt).to_be_disabled()
    type_value(page, "t", "1")
    expect(goal).to_have_class(MET)
    expect(hidden_title).to_contain_text("t = 1.00: a¹")
    expect(live).to_contain_text("that one line is the boundary")
    nxt.click()

    # 4. The ring needs three neurons: a cube, turned by the learner.
    expect(title).to_have_text("Three neurons: a cube")
    choose(page, "dataset", "ring")
    type_value(page, "neurons", "3")
    cube = page.locator('[data-view="hidden"] .scene3d')
    expect(cube).to_be_visible()
    for _ in range(4):
        train.click()
        if "met" in (goal.get_attribute("class") or ""):
            break
        page.wait_for_timeout(500)
    expect(goal).to_have_class(MET)
    page.get_by_role("checkbox", name="turn the cube", exact=True).check()
    expect(cube).to_have_attribute("data-spin", "1")
    nxt.click()

    # 5. The output as a surface; then free play shows everything.
    expect(title).to_have_text("The output as a surface")
    expect(page.locator("[data-view=surface]")).to_be_visible()
    expect(page.locator("[data-view=surface] .caption")).to_contain_text("probability of class 1")
    expect(nxt).to_have_text("Free play →")
    nxt.click()
    expect(title).to_have_text("Free play")
    for name in ("input", "hidden", "surface", "loss", "about"):
        expect(page.locator(f"[data-view={name}]")).to_be_visible()
    expect(page.locator('[data-view="about"]')).to_contain_text(
        "A network with 2 inputs, a hidden layer of 3 sigmoid neurons")
    expect(page.locator(".control[data-param=max_norm]")).to_be_visible()
