"""Exports from the app in headless Chromium: a person saves a PNG and records a GIF and
an HTML replay from the page, watches the progress bar, cancels one, downloads the file."""

from __future__ import annotations

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_function("() => window.__mlscope && window.__mlscope.stats.frames > 0")
    page.locator(".export-fold > summary").click()  # Export is folded away from the lesson


def test_save_png_downloads_the_views(page: Page, server_url, tmp_path):
    open_page(page, server_url + "/x/house-prices?weight=0.2")
    with page.expect_download() as info:
        page.get_by_role("button", name="Save PNG").click()
    download = info.value
    assert download.suggested_filename == "house-prices-step-0.png"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    with Image.open(path) as im:
        assert im.format == "PNG" and im.size[0] == 960
    expect(page.locator(".export-link")).to_have_text("Download house-prices-step-0.png")


def test_record_a_gif_of_training_from_the_current_state(page: Page, server_url, tmp_path):
    open_page(page, server_url + "/x/playground?dataset=xor&step=free")
    page.get_by_role("button", name="Step", exact=True).click()
    page.wait_for_function("() => document.querySelector('[data-view=metrics] h3')"
                           ".textContent === 'Epoch 1'")
    card = page.locator(".export-card")
    card.locator("select[name=format]").select_option("gif")
    card.locator("input[name=frames]").fill("8")
    card.locator("input[name=every]").fill("2")
    with page.expect_download() as info:
        card.get_by_role("button", name="Record").click()
        expect(card.locator(".export-progress")).to_be_visible()
    download = info.value
    assert download.suggested_filename == "playground-epochs-1-to-15.gif"  # 8 frames, every 2
    path = tmp_path / "x.gif"
    download.save_as(path)
    with Image.open(path) as im:
        assert im.n_frames == 8 and im.size == (480, 480)
    # The page's own session did not move: still epoch 1.
    expect(page.locator("[data-view=metrics] h3")).to_have_text("Epoch 1")


def test_cancel_a_long_recording(page: Page, server_url):
    open_page(page, server_url + "/x/house-prices")
    card = page.locator(".export-card")
    card.locator("select[name=format]").select_option("mp4")
    card.locator("input[name=frames]").fill("600")
    card.get_by_role("button", name="Record").click()
    page.wait_for_function("() => document.querySelector('.export-progress').value >= 2")
    card.get_by_role("button", name="Cancel").click()
    expect(card.locator(".export-status")).to_have_text("Cancelled.")
    expect(card.get_by_role("button", name="Record")).to_be_enabled()


def test_a_bad_option_is_shown_and_the_page_goes_on(page: Page, server_url):
    open_page(page, server_url + "/x/house-prices")
    card = page.locator(".export-card")
    card.locator("input[name=frames]").evaluate("e => { e.max = '99999'; }")
    card.locator("input[name=frames]").fill("5000")
    card.get_by_role("button", name="Record").click()
    expect(card.locator(".export-status.error")).to_contain_text("frames must be")
    expect(card.get_by_role("button", name="Record")).to_be_enabled()
