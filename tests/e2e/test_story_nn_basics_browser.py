"""The stories of parts 2 to 5 of the neural-network basics, walked in headless Chromium as a
learner walks them: read the step, act with the real controls (type a number and press Enter,
click, drag), see the goal turn green, Next; each step shows its own views; the story ends in
free play with every view."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

import mlscope
from mlscope.explorables.deep.classification import GOAL_LOSS, GOAL_RIGHT
from tests.e2e.ui import MET, open_page, type_value

pytestmark = pytest.mark.browser



class Story:
    """The story card of the page."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.root = page.locator(".story")
        self.title = self.root.locator(".story-title")
        self.goal = self.root.locator(".story-goal")
        self.live = self.root.locator(".story-live")
        self.next = self.root.get_by_role("button", name=re.compile("Next|Free play →"))

    def view(self, name: str) -> Locator:
        return self.page.locator(f'[data-view="{name}"]')

    def shows(self, *views: str, hidden: tuple[str, ...] = ()) -> None:
        for v in views:
            expect(self.view(v)).to_be_visible()
        for v in hidden:
            expect(self.view(v)).to_be_hidden()

    def reach_goal(self) -> None:
        expect(self.goal).to_have_class(MET)
        expect(self.goal).to_contain_text("Goal reached")
        expect(self.next).to_be_enabled()

    def free_play(self, *views: str) -> None:
        expect(self.next).to_have_text("Free play →")
        self.next.click()
        expect(self.title).to_have_text("Free play")
        expect(self.page).to_have_url(re.compile(r"step=free"))
        for v in views:
            expect(self.view(v)).to_be_visible()


def canvas_image(canvas: Locator) -> str:
    return str(canvas.evaluate("c => c.toDataURL()"))


def test_a_learner_walks_the_two_inputs_story(page: Page, server_url):
    open_page(page, server_url + "/x/two-inputs")
    s = Story(page)

    # 1. A second input: only the neuron, the table and the bathrooms weight.
    expect(s.title).to_have_text("And then there were two")
    s.shows("neuron", "table", hidden=("scene", "history", "formula"))
    expect(page.locator(".control[data-param=w_area]")).to_be_hidden()
    expect(s.view("neuron").locator(".caption")).to_contain_text("Two inputs, two weights")
    expect(s.goal).to_have_text("Goal: With w₂ alone, bring the MSE below 3,000.")
    expect(s.live).to_contain_text("The MSE is 9,531.9")
    expect(s.next).to_be_disabled()
    type_value(page, "w_bathrooms", "25")
    s.reach_goal()
    expect(s.view("table").locator("tfoot td").last).to_have_text("2,639.9")
    expect(s.live).to_contain_text("2 × 25 = 50.0 added to its price")
    s.next.click()

    # 2. The plane: turn the 3-D view, then lay the plane among the houses by hand.
    expect(s.title).to_have_text("A plane, not a line")
    s.shows("scene", "table", hidden=("neuron", "history"))
    canvas = s.view("scene").locator("canvas")
    image = canvas_image(canvas)
    box = canvas.bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 120, y + 20, steps=6)
    page.mouse.up()
    assert canvas_image(canvas) != image, "dragging did not turn the view"
    expect(s.next).to_be_disabled()
    type_value(page, "w_area", "0.18")
    type_value(page, "w_bathrooms", "0")
    type_value(page, "bias", "-10")
    s.reach_goal()
    expect(s.live).to_contain_text("The MSE is 1,462.2: below 2,000")
    s.next.click()

    # 3. Gradient descent: Play finds the best plane and stops by itself.
    expect(s.title).to_have_text("Gradient descent, three numbers at once")
    s.shows("scene", "history", hidden=("table",))
    expect(page.locator(".control[data-param=w_area]")).to_be_hidden()
    expect(s.next).to_be_disabled()
    page.get_by_role("button", name="▶ Play").click()
    expect(s.goal).to_have_class(MET, timeout=20_000)
    expect(page.locator("button.play")).to_have_text("▶ Play", timeout=20_000)  # converged
    expect(s.live).to_contain_text("the MSE is 1,406.1, the lowest possible 1,406.1")
    s.next.click()

    # 4. What the weights say; then free play.
    expect(s.title).to_have_text("What the weights say")
    s.shows("formula", "neuron", hidden=("scene",))
    expect(s.live).to_contain_text("each bathroom takes off $10,0")
    expect(s.live).to_contain_text("With area alone the best line has 1,423.4")
    s.free_play("formula", "scene", "history", "neuron", "table")
    expect(page.locator(".control[data-param=w_area]")).to_be_visible()


def test_a_learner_walks_the_classification_story(page: Page, server_url):
    open_page(page, server_url + "/x/classification")
    s = Story(page)
    ex = mlscope.explorable("classification")  # the same seed: the same start

    # 1. Two outputs and softmax: the network and the table; GD ×1 by hand.
    expect(s.title).to_have_text("Good house or bad house?")
    s.shows("network", "houses", hidden=("regions", "loss", "formula", "accuracy"))
    expect(page.get_by_role("button", name="GD ×10", exact=True)).to_be_hidden()
    expect(s.goal).to_have_text(f"Goal: Train until {GOAL_RIGHT} of the 10 training houses "
                                "are right.")
    expect(s.live).to_contain_text(f"{ex.right()} of 10 training houses right after 0 steps")
    # The first picture is a guess, not a blank ½ everywhere.
    first = s.view("houses").locator("tbody tr").first.locator("td")
    p = ex.model.proba(ex._x[:1])[0]
    expect(first.nth(3)).to_have_text(f"{p[0]:.3f}")
    assert f"{p[0]:.3f}" != "0.500"
    expect(s.next).to_be_disabled()
    while ex.right() < GOAL_RIGHT:
        page.get_by_role("button", name="GD ×1", exact=True).click()
        ex.act("gd1")
        expect(s.live).to_contain_text(f"after {ex.steps} step")
    s.reach_goal()
    expect(s.live).to_contain_text(f"{ex.right()} of 10 training houses right after")
    s.next.click()

    # 2. The map and the training curve: GD ×10 until the cross-entropy is low.
    expect(s.title).to_have_text("Training lowers the cross-entropy")
    s.shows("regions", "loss", hidden=("houses", "network"))
    expect(s.view("loss").locator(".caption")).to_contain_text("dark, the training list")
    expect(s.next).to_be_disabled()
    while ex.loss >= GOAL_LOSS:
        page.get_by_role("button", name="GD ×10", exact=True).click()
        ex.act("gd10")
        expect(s.live).to_contain_text(f"Cross-entropy {ex.loss:.3f} after {ex.steps} steps")
    s.reach_goal()
    s.next.click()

    # 3. The held-out list: play on until the held-out loss turns up, and read the call-out.
    expect(s.title).to_have_text("Houses it has never seen")
    s.shows("regions", "loss", "accuracy")
    expect(page.locator(".control[data-param=held_out]")).to_be_visible()
    expect(s.next).to_be_disabled()
    page.get_by_role("button", name="▶ Play").click()
    # Read the call-out while it plays, in one look (it follows every frame).
    expect(s.live).to_contain_text(
        re.compile(r"The held-out loss has been rising for.*this is overfitting"), timeout=20_000)
    expect(s.goal).to_have_class(MET, timeout=20_000)
    page.locator("button.play").click()  # pause
    expect(page.locator("button.play")).to_have_text("▶ Play")
    s.next.click()

    # 4. The rule in the houses' units; then free play.
    expect(s.title).to_have_text("The rule, in the houses' own units")
    s.shows("formula", "network", "regions", hidden=("loss",))
    expect(s.live).to_contain_text("The network says good when")
    s.free_play("accuracy", "regions", "houses", "network", "loss", "formula")


def test_a_learner_walks_the_softmax_story(page: Page, server_url):
    open_page(page, server_url + "/x/softmax")
    s = Story(page)

    # 1. Scores in, probabilities out: type logits.
    expect(s.title).to_have_text("Scores in, probabilities out")
    s.shows("logits", "probabilities", hidden=("formula", "exaggeration", "rows"))
    expect(s.live).to_contain_text("p₂ = 0.881")
    expect(s.next).to_be_disabled()
    type_value(page, "logits", "6.5, 4")
    s.reach_goal()
    expect(s.live).to_contain_text("p₁ = 0.924")
    s.next.click()

    # 2. Only differences count: add 2 to both.
    expect(s.title).to_have_text("Only differences count")
    s.shows("logits", "probabilities", "formula", hidden=("rows",))
    expect(s.next).to_be_disabled()
    type_value(page, "logits", "8.5, 6")
    s.reach_goal()
    expect(s.live).to_contain_text("You added 2 to every logit")
    expect(s.live).to_contain_text("p stayed [0.924, 0.076]")
    s.next.click()

    # 3. Softmax exaggerates: drag the second bar down until p₁ is 100 times p₂.
    expect(s.title).to_have_text("Softmax exaggerates differences")
    s.shows("logits", "probabilities", "exaggeration", hidden=("formula",))
    expect(s.live).to_contain_text("p₁ = 0.924 is 12.18 times p₂ = 0.0759")
    expect(s.next).to_be_disabled()
    canvas = s.view("logits").locator("canvas")
    b = canvas.bounding_box()
    assert b is not None
    band = (b["width"] - 46 - 12) / 2  # bars.ts margins: left 46, right 12, top 18, bottom 30
    x = b["x"] + 46 + 1.5 * band

    def y_of(v: float) -> float:
        return b["y"] + 18 + (10 - v) / 20 * (b["height"] - 48)

    page.mouse.move(x, y_of(6))
    page.mouse.down()
    page.mouse.move(x, y_of(1), steps=8)
    page.mouse.up()
    s.reach_goal()
    expect(s.live).to_contain_text("as probabilities, p₁ =")
    s.next.click()

    # 4. Any number of classes: type a row of the table.
    expect(s.title).to_have_text("Any number of classes")
    s.shows("rows", "probabilities", hidden=("logits",))
    expect(s.next).to_be_disabled()
    type_value(page, "logits", "-1, 0, 1")
    s.reach_goal()
    expect(s.live).to_contain_text("3 logits, 1 negative: p = [0.090, 0.245, 0.665]")
    s.free_play("logits", "probabilities", "formula", "exaggeration", "rows")


def test_a_learner_walks_the_network_shape_story(page: Page, server_url):
    open_page(page, server_url + "/x/network-shape")
    s = Story(page)
    labels = s.view("diagram").locator("text.edge-label")

    # 1. A weight for every pair: count the edges.
    expect(s.title).to_have_text("A weight for every pair")
    s.shows("diagram", hidden=("count", "formula"))
    expect(labels).to_have_count(4)
    expect(s.next).to_be_disabled()
    type_value(page, "inputs", "4")
    type_value(page, "classes", "3")
    s.reach_goal()
    expect(labels).to_have_count(12)
    expect(s.live).to_contain_text("4 × 3 = 12 weights")
    s.next.click()

    # 2. Weights and biases: 20 numbers to learn.
    expect(s.title).to_have_text("Weights, biases: the numbers to learn")
    s.shows("count", "formula", hidden=("diagram",))
    expect(s.view("count").locator(".message")).to_have_text(
        "4 inputs × 3 classes: 12 weights and 3 biases, 15 numbers to learn.")
    expect(s.next).to_be_disabled()
    type_value(page, "classes", "4")
    s.reach_goal()
    expect(s.live).to_contain_text("16 weights + 4 biases")
    s.next.click()

    # 3. Softmax with one class.
    expect(s.title).to_have_text("Softmax joins the outputs")
    s.shows("diagram", "formula", hidden=("count",))
    expect(page.locator(".control[data-param=inputs]")).to_be_hidden()
    type_value(page, "classes", "1")
    s.reach_goal()
    expect(s.live).to_contain_text("whatever the input")
    s.free_play("count", "diagram", "formula")

    # In free play, 6 × 6 = 36 weights: no colliding labels; the formula names them all.
    type_value(page, "inputs", "6")
    type_value(page, "classes", "6")
    expect(s.view("count").locator(".message")).to_have_text(
        "6 inputs × 6 classes: 36 weights and 6 biases, 42 numbers to learn.")
    expect(labels).to_have_count(0)
    type_value(page, "inputs", "1")
    type_value(page, "classes", "1")
    expect(s.view("count").locator(".message")).to_have_text(
        "1 input × 1 class: 1 weight and 1 bias, 2 numbers to learn.")
