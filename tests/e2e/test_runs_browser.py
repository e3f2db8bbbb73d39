"""The Runs page in a real browser, as a practitioner uses it: open a run from the list,
drag the step slider and watch every view follow, tick two runs and compare them."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import serving
from tests.e2e.ui import type_value

pytestmark = pytest.mark.browser
pytest.importorskip("torch")


@pytest.fixture(scope="module")
def runs_url(tmp_path_factory):
    from mlscope.web.app import create_app
    from tests.recorded_runs import record_blobs

    where = tmp_path_factory.mktemp("runs")
    record_blobs(where, "adam", steps=200, every=20)
    record_blobs(where, "slow", steps=200, lr=0.005, every=20)
    with serving(create_app(run_store=where)) as url:
        yield url


def title(page: Page, view: str):
    return page.locator(f'[data-view="{view}"] h3')


def test_open_a_run_and_scrub_its_timeline(page: Page, runs_url):
    page.goto(runs_url + "/runs")
    expect(page.locator(".runs-table tbody tr")).to_have_count(2)
    page.get_by_role("link", name="adam", exact=True).click()
    page.wait_for_function("() => window.__mlscope && window.__mlscope.stats.frames > 0")
    expect(title(page, "curve")).to_contain_text("loss at step 199")
    expect(title(page, "boundary")).to_have_text("Decision surface at step 180")
    type_value(page, "at", "45")
    expect(title(page, "curve")).to_contain_text("loss at step 45")
    expect(title(page, "histograms")).to_contain_text("param/0.weight at step 40")
    expect(title(page, "boundary")).to_have_text("Decision surface at step 40")
    expect(title(page, "hidden")).to_contain_text("at step 40")
    expect(title(page, "network")).to_have_text("Weights at step 40")
    # drag the slider's thumb to the far right: every view follows to the end
    slider = page.locator('.control[data-param="at"] input.control-slider')
    box = slider.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 45 / 199, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.6, box["y"] + box["height"] / 2, steps=5)
    page.mouse.move(box["x"] + box["width"] + 20, box["y"] + box["height"] / 2, steps=5)
    page.mouse.up()
    expect(title(page, "curve")).to_contain_text("loss at step 199")
    expect(title(page, "boundary")).to_have_text("Decision surface at step 180")
    # a tensor chosen: its histograms
    page.locator('[data-param="tensor"] select').select_option("grad/2.weight")
    expect(title(page, "histograms")).to_contain_text("grad/2.weight at step 180")


def test_play_runs_through_training(page: Page, runs_url):
    page.goto(runs_url + "/runs/view?run=adam&at=0")
    page.wait_for_function("() => window.__mlscope && window.__mlscope.stats.frames > 0")
    expect(title(page, "curve")).to_contain_text("loss at step 0:")
    page.locator("button.play").click()
    expect(title(page, "curve")).to_contain_text("loss at step 199", timeout=20_000)
    expect(page.locator("button.play")).to_have_text("▶ Play")  # it stopped at the end


def test_compare_two_runs(page: Page, runs_url):
    page.goto(runs_url + "/runs")
    page.get_by_label("compare adam").check()
    page.get_by_label("compare slow").check()
    page.get_by_role("button", name="Compare the ticked runs").click()
    page.wait_for_function("() => window.__mlscope && window.__mlscope.stats.frames > 0")
    legend = page.locator('[data-view="curve"] .plot-legend')
    expect(legend).to_contain_text("slow")
    expect(legend).to_contain_text("adam")
    expect(page.locator('[data-view="about"] tbody tr')).to_have_count(2)
