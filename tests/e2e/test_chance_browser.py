"""Chance in a real browser, as a learner uses it: flip one at a time and ten at a time
(the bars and the table count them, the goal turns green), play the law of large numbers,
and load a die by dragging its bars."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from mlscope.explorables.maths.chance import Chance
from tests.e2e.ui import MET, open_page

pytestmark = pytest.mark.browser


def cell(page: Page, row: int, col: int):
    return page.locator('[data-view="numbers"] tbody tr').nth(row).locator("td").nth(col)


def test_flipping_counts_each_flip_and_meets_the_goal(page: Page, server_url):
    open_page(page, server_url + "/x/chance?seed=5")
    title = page.locator('[data-view="tally"] h3')
    goal = page.locator(".story-goal")
    for k in (1, 2, 3):
        page.get_by_role("button", name="×1", exact=True).click()
        expect(title).to_have_text(re.compile(rf"^{k} flips? · last: "))
    ex = Chance(seed=5, flips=3)
    expect(title).to_have_text(ex.frame()["tally"].title)  # the three flips, H or T
    expect(cell(page, 1, 2)).to_have_text(f"{ex.counts[1] / 3:.3f}")  # share of heads
    expect(goal).not_to_have_class(MET)
    page.get_by_role("button", name="×10", exact=True).click()
    page.get_by_role("button", name="×10", exact=True).click()
    expect(title).to_have_text(re.compile(r"^23 flips · last: [HT ]{23}$"))
    expect(goal).to_have_class(MET)
    ex = Chance(seed=5, flips=23)
    expect(cell(page, 1, 2)).to_have_text(f"{ex.counts[1] / 23:.3f}")
    expect(page).to_have_url(re.compile(r"flips=23&seed=5"))  # the link replays these flips


def test_playing_flips_on_and_pause_holds_the_count(page: Page, server_url):
    open_page(page, server_url + "/x/chance?step=long-run")
    title = page.locator('[data-view="running"] h3')
    expect(title).to_have_text("No flips yet")
    page.get_by_role("button", name="▶ Play").click()
    expect(title).to_have_text(re.compile(r"^Share of heads: 0\.\d{4}$"), timeout=5000)
    page.wait_for_timeout(500)
    page.get_by_role("button", name="❚❚ Pause").click()
    page.wait_for_timeout(300)
    flips = int(re.search(r"flips=(\d+)", page.url).group(1))
    assert flips > 10
    share = Chance(flips=flips).running_now()
    expect(title).to_have_text(f"Share of heads: {share:.4f}")
    page.get_by_role("button", name="×1000").click()
    expect(page.locator(".story-live")).to_contain_text(f"{flips + 1000:,}")
    page.get_by_role("button", name="New run").click()  # the next seed; this run stays faint
    expect(title).to_have_text("No flips yet")
    expect(page).to_have_url(re.compile(r"flips=0&seed=1"))
    expect(page.locator('[data-view="running"] .plot-legend')).to_contain_text("earlier runs")


def drag_bar(page: Page, bar: int, frm: float, to: float) -> None:
    """Drag the die's bar ``bar`` from weight ``frm`` to ``to`` (the axis runs 0 to 10)."""
    b = page.locator('[data-view="weights"] canvas').bounding_box()
    band = (b["width"] - 46 - 12) / 6  # bars.ts margins: left 46, right 12, top 18, bottom 30
    x = b["x"] + 46 + (bar + 0.5) * band
    y_of = lambda v: b["y"] + 18 + (10 - v) / 10 * (b["height"] - 48)  # noqa: E731
    page.mouse.move(x, y_of(frm))
    page.mouse.down()
    page.mouse.move(x, y_of(to), steps=8)
    page.mouse.up()


def hold_frames(page: Page):
    """Route the page's socket through the test: ``release(hold=True)`` keeps the server's
    messages back from then on (a slow server); ``release()`` delivers them and stops."""
    held: list[str | bytes] = []
    state = {"on": False}
    to_page = []

    def route(ws) -> None:
        to_page.append(ws)
        server = ws.connect_to_server()
        server.on_message(lambda msg: held.append(msg) if state["on"] else ws.send(msg))

    page.route_web_socket(re.compile(r"/ws/chance"), route)

    def release(hold: bool = False) -> None:
        state["on"] = hold
        if not hold:
            for msg in held:
                to_page[0].send(msg)
            held.clear()

    return release


def test_dragging_the_dies_bars_loads_it(page: Page, server_url):
    open_page(page, server_url + "/x/chance?step=expectation")
    expect(cell(page, 6, 1)).to_have_text("3.500")  # E[X] of a fair die
    drag_bar(page, 5, 1, 10.8)  # the six up past the top: 10
    drag_bar(page, 0, 1, -0.5)  # the one down past the bottom: 0
    box = page.locator('[data-param="weights"] input')
    expect(box).to_have_value("0, 1, 1, 1, 1, 10", timeout=5000)
    ex = Chance(source="die", weights=(0, 1, 1, 1, 1, 10), step="free")
    expect(cell(page, 6, 1)).to_have_text(f"{ex.mean:.3f}")
    goal = page.locator(".story-goal")
    expect(goal).not_to_have_class(MET)
    page.get_by_role("button", name="×1000").click()
    expect(goal).to_have_class(MET)


def test_a_second_drag_keeps_the_first_while_frames_are_late(page: Page, server_url):
    """A slow server: the frame with the first drag has not arrived when the second drag
    starts. The second edits the weights as the learner left them, not as the last frame
    said (it used to send the six back to 1)."""
    release = hold_frames(page)
    open_page(page, server_url + "/x/chance?step=expectation")
    expect(cell(page, 6, 1)).to_have_text("3.500")
    release(hold=True)
    drag_bar(page, 5, 1, 10.8)
    drag_bar(page, 0, 1, -0.5)
    assert page.locator('[data-param="weights"] input').input_value() == "1, 1, 1, 1, 1, 1"
    release()
    box = page.locator('[data-param="weights"] input')
    expect(box).to_have_value("0, 1, 1, 1, 1, 10", timeout=5000)


def test_a_drag_right_after_typed_weights_keeps_a_list(page: Page, server_url):
    """The weights typed as text, then a bar dragged before the frame with them arrives:
    the drag edits the last list the page has (typed text is parsed by the server), and
    the page raises no error (it used to call .map on the text)."""
    release = hold_frames(page)
    open_page(page, server_url + "/x/chance?step=expectation")
    expect(cell(page, 6, 1)).to_have_text("3.500")
    release(hold=True)
    box = page.locator('[data-param="weights"] input')
    box.fill("1, 1, 1, 1, 1, 2")
    box.press("Enter")
    drag_bar(page, 5, 1, 10.8)
    release()
    expect(box).to_have_value(re.compile(r"^1, 1, 1, 1, 1, 1\d$"), timeout=5000)


def test_only_the_controls_that_matter_now_are_shown(page: Page, server_url):
    """A coin has no die weights and a die no P(heads): free play hides the one that does
    nothing, and shows it again when it matters."""
    from tests.e2e.ui import choose

    open_page(page, server_url + "/x/chance?step=free")
    heads = page.locator('.control[data-param="p_heads"]')
    weights = page.locator('.control[data-param="weights"]')
    expect(heads).to_be_visible()
    expect(weights).to_be_hidden()
    choose(page, "source", "die")
    expect(weights).to_be_visible()
    expect(heads).to_be_hidden()
    choose(page, "source", "coin")
    expect(heads).to_be_visible()
