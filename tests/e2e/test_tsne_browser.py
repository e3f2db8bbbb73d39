"""t-SNE in a real browser: play, pause (the picture holds still), step one iteration, run
six perplexities to the end, and upload a table of your own."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.ui import MET, open_page, type_value

pytestmark = pytest.mark.browser


def iteration(page: Page) -> int:
    text = page.locator('[data-view="embedding"] h3').text_content() or ""
    return int(re.match(r"Iteration (\d+) of", text).group(1))


def test_play_pause_and_step(page: Page, server_url):
    open_page(page, server_url + "/x/tsne")
    title = page.locator('[data-view="embedding"] h3')
    expect(title).to_have_text("Iteration 0 of 750")
    page.get_by_role("button", name="▶ Play").click()
    page.wait_for_function("() => /Iteration ([3-9]\\d|\\d{3})/.test(document.querySelector("
                           "'[data-view=\"embedding\"] h3').textContent)")
    page.get_by_role("button", name="❚❚ Pause").click()
    page.wait_for_timeout(300)  # a frame already under way may still land
    paused = iteration(page)
    page.wait_for_timeout(1000)
    assert iteration(page) == paused  # the picture holds still
    page.get_by_role("button", name="Step", exact=True).click()
    expect(title).to_contain_text(f"Iteration {paused + 1} of 750")
    expect(page.locator(".story-live")).to_contain_text(f"Iteration {paused + 1}")
    # The legend names each digit's colour.
    expect(page.locator('[data-view="embedding"] .key')).to_have_count(10)


def test_six_perplexities_run_to_the_end(page: Page, server_url):
    open_page(page, server_url + "/x/tsne?step=perplexity&count=301&iterations=100")
    sweep = page.locator('[data-view="sweep"]')
    expect(sweep).to_contain_text("Press Run six perplexities")
    page.get_by_role("button", name="Run six perplexities").click()
    expect(sweep.locator("figcaption")).to_have_count(6)
    page.get_by_role("button", name="▶ Play").click()
    expect(page.locator(".story-goal")).to_have_class(MET, timeout=60_000)
    expect(sweep.locator("figcaption").first).to_have_text("perplexity 2 · 500")
    expect(sweep.locator("figcaption").last).to_have_text("perplexity 100 · 500")
    expect(page.locator('[data-view="embedding"]')).to_be_hidden()  # the sweep alone


def test_upload_a_table_then_a_bad_one(page: Page, server_url):
    open_page(page, server_url + "/x/tsne?step=free&perplexity=5")
    rows = "\n".join(f"{i % 7},{(i * 3) % 11},{i % 5},{'ab'[i % 2]}" for i in range(40))
    page.set_input_files("input[name=upload_csv]", files=[
        {"name": "mine.csv", "mimeType": "text/csv",
         "buffer": ("u,v,w,kind\n" + rows).encode()}])
    numbers = page.locator('[data-view="numbers"]')
    expect(numbers).to_contain_text("40 in 3 dimensions")
    expect(page.locator('[data-view="embedding"] .key')).to_have_text(["a", "b"])
    page.set_input_files("input[name=upload_csv]", files=[
        {"name": "bad.csv", "mimeType": "text/csv", "buffer": b"u,v\n1,2\nx,y\n3,4\n5,6\n"}])
    expect(page.locator(".control-error")).to_have_text(
        "line 3: column 'u' must be a number; got 'x'.")
    expect(numbers).to_contain_text("40 in 3 dimensions")
    type_value(page, "perplexity", "20")
    expect(page.locator(".control-error")).to_contain_text("13 for 40 points")


def test_a_colour_ramp_is_keyed_by_its_start_middle_and_end(page: Page, server_url):
    open_page(page, server_url + "/x/tsne?step=free&dataset=trefoil&count=100&perplexity=10")
    key = page.locator('[data-view="embedding"] .key')
    expect(key).to_have_text("position along the shape (dark: start)")
    fills = key.locator("circle").evaluate_all("(cs) => cs.map((c) => c.getAttribute('fill'))")
    assert len(fills) == 3 and len(set(fills)) == 3 and fills[0] == "rgb(68,1,84)"  # viridis
