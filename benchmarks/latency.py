"""Slider-to-repaint latency and frames per second in play, measured in headless Chromium.

Runs `mlscope serve` in a subprocess (or uses --url), opens the house-prices explorable and:

- slider: moves the weight slider by one `input` event at a time, at least 50 times a run,
  idle between moves; latency = from the input event to the end of the first browser frame
  that reflects it (its drawing callback, layout, paint); `slider_callback_*` stops at the
  end of the drawing callback, the definition issue 2's target was set under;
- play: presses Play at 1 step per frame and counts frames actually rendered per second;
- baseline, in the same page: the animation-frame cadence (the fastest anything can
  repaint), as `raf_fps` and `raf_wait_p50_ms` (input to next animation frame).

Each figure is the median over --runs runs. Prints one JSON object on its last line and
writes it to benchmarks/results/latency.json.
"""

from __future__ import annotations

import argparse

from common import (
    RAF_JS,
    SLIDER_JS,
    app_and_browser,
    machine,
    medians,
    percentile,
    write_result,
)
from playwright.sync_api import Page


def open_page(page: Page, url: str) -> None:
    # Every view, as before the story; a small learning rate, so that play (which stops once
    # gradient descent converges) runs through the whole measurement.
    page.goto(url + "/x/house-prices?step=free&learning_rate=0.001")
    page.wait_for_function("() => window.__mlscope && window.__mlscope.stats.frames > 0")


def measure_slider(page: Page, n: int) -> dict[str, list[float]]:
    """``drawn``: to the end of the browser frame; ``callback``: to the end of the drawing
    callback (see common.SLIDER_JS)."""
    # Alternate across the range so every move is a real change.
    values = [(k * 397) % 1000 for k in range(1, n + 1)]
    result: dict[str, list[float]] = page.evaluate(SLIDER_JS, {"name": "weight", "values": values})
    return result


def measure_play(page: Page, seconds: float) -> float:
    page.get_by_role("button", name="Reset").click()
    page.get_by_role("button", name="▶ Play").click()
    page.wait_for_timeout(300)  # warm up
    f0, t0 = page.evaluate("() => [window.__mlscope.stats.frames, performance.now()]")
    page.wait_for_timeout(seconds * 1000)
    f1, t1 = page.evaluate("() => [window.__mlscope.stats.frames, performance.now()]")
    page.get_by_role("button", name="❚❚ Pause").click()
    return float((f1 - f0) / ((t1 - t0) / 1000))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--url", help="a running app (default: start one)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--changes", type=int, default=60, help="slider moves per run (>= 50)")
    ap.add_argument("--seconds", type=float, default=3.0, help="play time per run")
    args = ap.parse_args()

    runs: list[dict[str, float]] = []
    with app_and_browser(args.url) as (url, browser):
        for _ in range(args.runs):
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            open_page(page, url)
            measure_slider(page, 10)  # warm up
            slider = measure_slider(page, args.changes)
            lat, cb = slider["drawn"], slider["callback"]
            fps = measure_play(page, args.seconds)
            raf = page.evaluate(RAF_JS, {"n": 40})
            runs.append({
                "slider_p50_ms": percentile(lat, 0.5), "slider_p95_ms": percentile(lat, 0.95),
                "slider_callback_p95_ms": percentile(cb, 0.95),
                "play_fps": fps, "raf_fps": raf["fps"],
                "raf_wait_p50_ms": percentile(raf["waits"], 0.5), "changes": len(lat),
            })
            page.close()
    m = medians(runs)

    result = {
        "benchmark": "latency",
        "explorable": "house-prices",
        "slider_p50_ms": m["slider_p50_ms"],
        "slider_p95_ms": m["slider_p95_ms"],
        "slider_callback_p95_ms": m["slider_callback_p95_ms"],
        "play_fps": m["play_fps"],
        "baseline_raf_fps": m["raf_fps"],
        "baseline_raf_wait_p50_ms": m["raf_wait_p50_ms"],
        "play_fps_over_raf": round(m["play_fps"] / m["raf_fps"], 3),
        "runs": [{k: round(v, 2) for k, v in r.items()} for r in runs],
        "machine": machine(),
    }
    write_result("latency", result)


if __name__ == "__main__":
    main()
