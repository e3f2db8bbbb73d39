"""Scrubbing t in the browser, and exporting the transformation as a GIF.

Runs `mlscope serve` in a subprocess (or uses --url) and opens "How a network transforms
data" twice: the article's data with 2 hidden neurons (a 2-D square) and the ring with 3
(a three.js cube). Each page is trained 300 epochs first, then:

- scrub: drags the t slider with the mouse (--changes moves per run, idle 25-50 ms in
  between); latency = from the pointer event to the end of the first browser frame that
  shows the view at the new t, layout, paint and WebGL read-back included (common.py
  drag_slider). The hidden view tweens along t (core/views.py Tween), so that frame is the
  browser's own redraw; `server_frame_*` is the server's frame, which follows with the title
  and the text;
- callback: the same drags, to the end of the drawing callback only (the browser's layout,
  paint and WebGL read-back left out), as SLIDER_JS measured up to now;
- unaligned: the same with synthetic `input` events at random moments (common.py SLIDER_JS),
  which wait up to a whole animation frame more than a real drag, whose pointer events the
  browser aligns to its frames;
- baseline, in the same page: the animation-frame cadence (`raf_fps`, `raf_wait_p50_ms`).

export: `mlscope.export` of the trained 2-D explorable, t swept 0 to 1 over 60 frames at
480 × 480, to a GIF (seconds, wall clock, in this process).

Each figure is the median over --runs runs. Prints one JSON object on its last line and
writes it to benchmarks/results/transform.json. Target: scrub_p95_ms <= 25.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from common import (
    RAF_JS,
    SLIDER_JS,
    app_and_browser,
    drag_slider,
    machine,
    medians,
    percentile,
    write_result,
)
from playwright.sync_api import Page

CASES = {"square": "dataset=article&neurons=2&step=free",
         "cube": "dataset=ring&neurons=3&step=free"}


def open_trained(page: Page, url: str, query: str) -> None:
    page.goto(f"{url}/x/network-transform?{query}")
    page.wait_for_function("() => window.__mlscope && window.__mlscope.stats.frames > 0")
    for _ in range(3):
        page.get_by_role("button", name="Train 100 epochs").click()
    page.wait_for_function("() => /epoch 300/.test(document.body.innerText)")


def measure_scrub(page: Page, n: int) -> dict[str, list[float]]:
    """A mouse drag of t through n + 10 values; the first 10 are a warm-up."""
    values = [((k * 397) % 1000) / 1000 for k in range(n + 11)]
    result = drag_slider(page, "t", values)
    return {k: v[10:] for k, v in result.items() if isinstance(v, list)}


def measure_unaligned(page: Page, n: int) -> list[float]:
    values = [(k * 397) % 1000 for k in range(1, n + 1)]
    result: list[float] = page.evaluate(SLIDER_JS, {"name": "t", "values": values})["drawn"]
    return result


def export_seconds() -> tuple[float, int]:
    from mlscope import export
    from mlscope.explorables.deep.transform import NetworkTransform

    ex = NetworkTransform()
    for _ in range(300):
        ex.step()
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "t.gif"
        t0 = time.perf_counter()
        export(ex, path, frames=60, sweep=("t", 0.0, 1.0), size=(480, 480), progress=False)
        return time.perf_counter() - t0, path.stat().st_size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--url", help="a running app (default: start one)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--changes", type=int, default=60, help="slider moves per run")
    args = ap.parse_args()

    runs: list[dict[str, float]] = []
    with app_and_browser(args.url) as (url, browser):
        for _ in range(args.runs):
            run: dict[str, float] = {}
            for case, query in CASES.items():
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                open_trained(page, url, query)
                lat = measure_scrub(page, args.changes)
                unaligned = measure_unaligned(page, args.changes)
                run[f"{case}_unaligned_p95_ms"] = percentile(unaligned, 0.95)
                run[f"{case}_callback_p95_ms"] = percentile(lat["callback"], 0.95)
                run[f"{case}_p50_ms"] = percentile(lat["drawn"], 0.5)
                run[f"{case}_p95_ms"] = percentile(lat["drawn"], 0.95)
                run[f"{case}_frame_p50_ms"] = percentile(lat["frame"], 0.5)
                run[f"{case}_frame_p95_ms"] = percentile(lat["frame"], 0.95)
                if case == "square":
                    raf = page.evaluate(RAF_JS, {"n": 40})
                    run["raf_fps"] = raf["fps"]
                    run["raf_wait_p50_ms"] = percentile(raf["waits"], 0.5)
                page.close()
            seconds, size = export_seconds()
            run["export_gif_s"] = seconds
            run["export_gif_kb"] = size / 1024
            runs.append(run)
    m = medians(runs)

    result = {
        "benchmark": "transform",
        "explorable": "network-transform",
        "scrub_p95_ms": max(m["square_p95_ms"], m["cube_p95_ms"]),
        "scrub_square_p50_ms": m["square_p50_ms"],
        "scrub_square_p95_ms": m["square_p95_ms"],
        "scrub_cube_p50_ms": m["cube_p50_ms"],
        "scrub_cube_p95_ms": m["cube_p95_ms"],
        "callback_square_p95_ms": m["square_callback_p95_ms"],
        "callback_cube_p95_ms": m["cube_callback_p95_ms"],
        "unaligned_square_p95_ms": m["square_unaligned_p95_ms"],
        "unaligned_cube_p95_ms": m["cube_unaligned_p95_ms"],
        "server_frame_square_p50_ms": m["square_frame_p50_ms"],
        "server_frame_square_p95_ms": m["square_frame_p95_ms"],
        "server_frame_cube_p50_ms": m["cube_frame_p50_ms"],
        "server_frame_cube_p95_ms": m["cube_frame_p95_ms"],
        "baseline_raf_fps": m["raf_fps"],
        "baseline_raf_wait_p50_ms": m["raf_wait_p50_ms"],
        "export_gif_s": m["export_gif_s"],
        "export_gif_kb": m["export_gif_kb"],
        "export_frames": 60,
        "runs": [{k: round(v, 2) for k, v in r.items()} for r in runs],
        "machine": machine(),
    }
    write_result("transform", result)


if __name__ == "__main__":
    main()
