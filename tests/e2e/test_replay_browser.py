"""The HTML replay in headless Chromium with the network off: it loads from a file, asks
for nothing over the network, and scrubbing to frame k shows frame k."""

from __future__ import annotations

import pytest

import mlscope
from mlscope.render.record import record

pytestmark = pytest.mark.browser


@pytest.fixture
def offline_page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900}, offline=True)
    pg = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("request", lambda r: requests.append(r.url))
    yield pg, requests
    context.close()
    assert not errors, f"JavaScript errors in the replay: {errors}"


def _scrub(pg, k: int) -> None:
    """Drag the slider's thumb as a person would: press Home, then the right arrow k times."""
    slider = pg.locator("input.scrub")
    slider.focus()
    slider.press("Home")
    for _ in range(k):
        slider.press("ArrowRight")


def test_replay_scrubs_to_frame_k_offline(tmp_path, offline_page):
    pg, requests = offline_page
    path = mlscope.export("house-prices", tmp_path / "gd.html", frames=12, every=2,
                          progress=False)
    # What frame k must show, from the same recording in Python.
    expected = [f.views["table"].footer[0][-1] for f in record(mlscope.explorable(
        "house-prices"), frames=12, every=2)]
    assert len(set(expected)) > 5
    pg.goto(path.as_uri())
    pg.wait_for_function("window.__replay && window.__replay.frame === 0")
    footer = pg.locator('[data-view="table"] tfoot td').last
    assert footer.text_content() == expected[0]
    for k in (7, 3, 11):
        _scrub(pg, k)
        pg.wait_for_function(f"window.__replay.frame === {k}")
        assert footer.text_content() == expected[k]
        assert pg.locator(".frame-label").text_content() == f"step {2 * k}"
        assert pg.locator(".frame-count").text_content() == f"{k + 1} / 12"
    assert all(u.startswith(("file:", "data:", "blob:")) for u in requests), requests


def test_replay_plays_and_pauses(tmp_path, offline_page):
    pg, _ = offline_page
    ex = mlscope.explorable("playground")
    path = mlscope.export(ex, tmp_path / "pg.html", frames=20, every=5, fps=30, progress=False)
    pg.goto(path.as_uri())
    pg.wait_for_function("window.__replay && window.__replay.frame === 0")
    assert pg.locator('[data-view="network"] canvas').count() >= 1
    pg.get_by_role("button", name="Play").click()
    pg.wait_for_function("window.__replay.frame >= 5")
    pg.get_by_role("button", name="Pause").click()
    stopped = pg.evaluate("window.__replay.frame")
    pg.wait_for_timeout(300)
    assert pg.evaluate("window.__replay.frame") == stopped
    assert pg.locator('[data-view="metrics"] h3').text_content() == f"Epoch {5 * stopped:,}"
