"""The playground's training and drawing speed, measured in headless Chromium.

Starts `mlscope serve` in a subprocess (or uses --url) and, for each configuration:

- `default`: circle, 4-2 tanh, lr 0.03, batch 10, X1 and X2 (TensorFlow Playground's);
- `big`: 6 hidden layers of 8 neurons with all 7 of TensorFlow Playground's features;
- `huge`: 10 hidden layers of 32 neurons, all 7 features, 5,000 points;

plays at 1 epoch per frame and reports `fps` (frames actually rendered per second) and
`epochs_per_s`; then at the highest speed setting (1000 epochs per frame asked; the session
caps each frame's training time so the display keeps up) and reports `max_speed_fps` and
`max_speed_epochs_per_s`. The baseline, in the same page, is the animation-frame rate.
Epochs are read from the page (the epoch counter), frames from the renderer's count.

Figures are medians over --runs runs. Prints one JSON object on its last line and writes it
to benchmarks/results/playground.json (playground-gpu-raster.json with --gpu-raster: Chromium
on Skia's GPU raster path, in software through SwiftShader).
"""

from __future__ import annotations

import argparse
import json

from common import RAF_JS, app_and_browser, machine, medians, write_result
from playwright.sync_api import Page

CONFIGS = {
    "default": "?dataset=circle&hidden=4,2&activation=tanh&learning_rate=0.03&batch_size=10"
               "&features=x1,x2&step=free",
    "big": "?dataset=circle&hidden=8,8,8,8,8,8&activation=tanh&learning_rate=0.03"
           "&batch_size=10&features=x1,x2,x1sq,x2sq,x1x2,sin_x1,sin_x2&step=free",
    "huge": "?dataset=circle&hidden=32,32,32,32,32,32,32,32,32,32&activation=tanh"
            "&learning_rate=0.03&batch_size=10&points=5000"
            "&features=x1,x2,x1sq,x2sq,x1x2,sin_x1,sin_x2&step=free",
}

READ_JS = """() => [window.__mlscope.stats.frames, performance.now(),
  Number(document.querySelector('[data-view=metrics] h3').textContent.replace(/\\D/g, ''))]"""


def measure(page: Page, seconds: float) -> tuple[float, float]:
    """(frames per second, epochs per second) over ``seconds`` of play."""
    page.wait_for_timeout(500)  # warm up at this speed
    f0, t0, e0 = page.evaluate(READ_JS)
    page.wait_for_timeout(seconds * 1000)
    f1, t1, e1 = page.evaluate(READ_JS)
    dt = (t1 - t0) / 1000
    return (f1 - f0) / dt, (e1 - e0) / dt


def run_config(page: Page, url: str, query: str, seconds: float) -> dict[str, float]:
    page.goto(url + "/x/playground" + query)
    page.wait_for_function("() => window.__mlscope && window.__mlscope.stats.frames > 0")
    page.locator(".control-more:not(.export-fold) > summary").click()  # the speed: Advanced
    page.locator("button[name=play]").click()
    fps, eps = measure(page, seconds)
    page.locator("input[name=speed]").fill("1000")  # the highest setting
    max_fps, max_eps = measure(page, seconds)
    page.locator("button[name=play]").click()
    raf = page.evaluate(RAF_JS, {"n": 10})
    return {"fps": fps, "epochs_per_s": eps, "max_speed_fps": max_fps,
            "max_speed_epochs_per_s": max_eps, "raf_fps": raf["fps"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--url", help="a running app (default: start one)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seconds", type=float, default=4.0, help="play time per measurement")
    ap.add_argument("--gpu-raster", action="store_true",
                    help="Chromium on its GPU raster path (SwiftShader) instead of software")
    ap.add_argument("--only", help="one configuration (default, big or huge); prints only")
    args = ap.parse_args()
    configs = {args.only: CONFIGS[args.only]} if args.only else CONFIGS

    runs: dict[str, list[dict[str, float]]] = {name: [] for name in configs}
    with app_and_browser(args.url, gpu_raster=args.gpu_raster) as (url, browser):
        for _ in range(args.runs):
            for name, query in configs.items():
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                runs[name].append(run_config(page, url, query, args.seconds))
                page.close()

    result: dict[str, object] = {"benchmark": "playground",
                                 "raster": "gpu (swiftshader)" if args.gpu_raster else "software"}
    for name, rs in runs.items():
        med = medians(rs)
        result[name] = {
            **{k: v for k, v in med.items() if k != "raf_fps"},
            "baseline_raf_fps": med["raf_fps"],
            "fps_over_raf": round(med["fps"] / med["raf_fps"], 3),
            "runs": [{k: round(v, 2) for k, v in r.items()} for r in rs],
        }
    result["targets"] = {"fps": ">= 55 (default, big), >= 30 (huge)",
                         "default.max_speed_epochs_per_s": ">= 2000",
                         "default.max_speed_fps": ">= 30"}
    result["machine"] = machine()
    if args.only:
        print(json.dumps(result))
    else:
        write_result("playground-gpu-raster" if args.gpu_raster else "playground", result)


if __name__ == "__main__":
    main()
