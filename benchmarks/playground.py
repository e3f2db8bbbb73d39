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

TensorFlow Playground, built from its public source, is played in the same browser at
`default` and `big` (its page from ../shared/anchors/tf-playground/, served here; skipped if
that folder is missing), alternating with mlscope's pages in each run. It trains one epoch
per animation frame and redraws after each, so its `fps` is its epochs per second. The
result gives mlscope's fps and top-speed epochs/s as ratios to it.

`--tricks` also plays `default` and `big` with each browser-side trick switched on in turn,
alternating with the page as it ships (`page`, without them: each lost in a raster mode):
`strands` draws wide lines as strands of hairlines (`strands.ts`), `layers` gives every view
card its own compositing layer (`style.css`).

Figures are medians over --runs runs. Prints one JSON object on its last line and writes it
to benchmarks/results/playground.json (playground-gpu-raster.json with --gpu-raster: Chromium
on Skia's GPU raster path, in software through SwiftShader).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

from common import RAF_JS, app_and_browser, machine, medians, write_result
from playwright.sync_api import Browser, Page

TF_PLAYGROUND = Path(__file__).resolve().parents[2] / "shared" / "anchors" / "tf-playground"
_TF_COMMON = ("activation=tanh&batchSize=10&dataset=circle&regDataset=reg-plane"
              "&learningRate=0.03&regularizationRate=0&noise=0&seed=0.81234&showTestData=false"
              "&discretize=false&percTrainData=50&cosX=false&cosY=false&collectStats=false"
              "&problem=classification&initZero=false&hideText=true")
TF_CONFIGS = {
    "default": f"#{_TF_COMMON}&networkShape=4,2&x=true&y=true&xTimesY=false&xSquared=false"
               "&ySquared=false&sinX=false&sinY=false",
    "big": f"#{_TF_COMMON}&networkShape=8,8,8,8,8,8&x=true&y=true&xTimesY=true"
           "&xSquared=true&ySquared=true&sinX=true&sinY=true",
}
"""TensorFlow Playground's state in its URL: the same problems as CONFIGS'."""
TRICKS = {
    "strands": ("window.__mlscopeStrands = true;", ""),
    "layers": ("", ".mlscope-app .card.view { will-change: transform; }"),
}
"""Each browser-side trick turned the other way: (a script run before the page's, a style
added)."""

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


def run_config(page: Page, url: str, query: str, seconds: float,
               style: str = "") -> dict[str, float]:
    page.goto(url + "/x/playground" + query)
    page.wait_for_function("() => window.__mlscope && window.__mlscope.stats.frames > 0")
    if style:
        page.add_style_tag(content=style)
    page.locator(".control-more:not(.export-fold) > summary").click()  # the speed: Advanced
    page.locator("button[name=play]").click()
    fps, eps = measure(page, seconds)
    page.locator("input[name=speed]").fill("1000")  # the highest setting
    max_fps, max_eps = measure(page, seconds)
    page.locator("button[name=play]").click()
    raf = page.evaluate(RAF_JS, {"n": 10})
    return {"fps": fps, "epochs_per_s": eps, "max_speed_fps": max_fps,
            "max_speed_epochs_per_s": max_eps, "raf_fps": raf["fps"]}


TF_READ_JS = """() => [performance.now(),
  Number(document.querySelector('#iter-number').textContent.replace(/\\D/g, ''))]"""


def run_tf_playground(page: Page, url: str, fragment: str, seconds: float) -> dict[str, float]:
    """TensorFlow Playground playing: epochs per second (one redraw each) and the browser's
    animation-frame rate meanwhile."""
    page.goto(url + "/index.html" + fragment)
    page.wait_for_selector("#play-pause-button")
    page.locator("#play-pause-button").click()
    page.wait_for_timeout(500)
    t0, e0 = page.evaluate(TF_READ_JS)
    page.wait_for_timeout(seconds * 1000)
    t1, e1 = page.evaluate(TF_READ_JS)
    eps = (e1 - e0) / ((t1 - t0) / 1000)
    page.locator("#play-pause-button").click()
    raf = page.evaluate(RAF_JS, {"n": 10})
    return {"fps": eps, "epochs_per_s": eps, "raf_fps": raf["fps"]}


@contextlib.contextmanager
def static_site(folder: Path) -> Iterator[str]:
    """``folder`` served over HTTP on a free loopback port, in a thread."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def play(browser: Browser, url: str, query: str, seconds: float,
         off: tuple[str, str] = ("", "")) -> dict[str, float]:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    if off[0]:
        page.add_init_script(off[0])
    try:
        return run_config(page, url, query, seconds, style=off[1])
    finally:
        page.close()


def play_tf(browser: Browser, url: str, fragment: str, seconds: float) -> dict[str, float]:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        return run_tf_playground(page, url, fragment, seconds)
    finally:
        page.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--url", help="a running app (default: start one)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seconds", type=float, default=4.0, help="play time per measurement")
    ap.add_argument("--gpu-raster", action="store_true",
                    help="Chromium on its GPU raster path (SwiftShader) instead of software")
    ap.add_argument("--only", help="one configuration (default, big or huge); prints only")
    ap.add_argument("--tricks", action="store_true",
                    help="also play default and big with each browser-side trick turned the "
                         "other way")
    ap.add_argument("--tf-playground", type=Path, default=TF_PLAYGROUND,
                    help="TensorFlow Playground's built page (default: %(default)s)")
    args = ap.parse_args()
    configs = {args.only: CONFIGS[args.only]} if args.only else CONFIGS
    tf = args.tf_playground if (args.tf_playground / "index.html").exists() else None

    runs: dict[str, list[dict[str, float]]] = {name: [] for name in configs}
    tf_runs: dict[str, list[dict[str, float]]] = {name: [] for name in TF_CONFIGS
                                                  if name in configs}
    trick_runs: dict[str, list[dict[str, float]]] = {name: [] for name in TF_CONFIGS
                                                     if name in configs and args.tricks}
    with app_and_browser(args.url, gpu_raster=args.gpu_raster) as (url, browser), \
            (static_site(tf) if tf else contextlib.nullcontext("")) as tf_url:
        for _ in range(args.runs):
            for name, query in configs.items():
                runs[name].append(play(browser, url, query, args.seconds))
                if tf and name in tf_runs:
                    tf_runs[name].append(play_tf(browser, tf_url, TF_CONFIGS[name],
                                                 args.seconds))
                if name in trick_runs:
                    row = {"page": play(browser, url, query, args.seconds)["fps"]}
                    for trick, off in TRICKS.items():
                        row[trick] = play(browser, url, query, args.seconds, off)["fps"]
                    trick_runs[name].append(row)

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
    if tf:
        tf_result: dict[str, object] = {"source": str(tf)}
        for name, rs in tf_runs.items():
            med = medians(rs)
            ours = result[name]
            assert isinstance(ours, dict)
            tf_result[name] = {
                **med, "runs": [{k: round(v, 2) for k, v in r.items()} for r in rs],
                "mlscope_fps_ratio": round(ours["fps"] / med["fps"], 2),
                "mlscope_max_speed_epochs_ratio":
                    round(ours["max_speed_epochs_per_s"] / med["epochs_per_s"], 2),
            }
        result["tf_playground"] = tf_result
    if trick_runs:
        result["tricks_fps"] = {name: medians(rs) for name, rs in trick_runs.items()}
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
