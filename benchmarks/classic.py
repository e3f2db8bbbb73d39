"""The classic machine-learning explorables at 1,000 points: slider-to-repaint latency and
frames per second while training, in headless Chromium, with house-prices measured in the
same run as the baseline.

For each explorable in CASES: a slider moved by one `input` event at a time (as
latency.py), its p95 over the run, and the frames rendered per second while Play runs.
Target (issue 17): each within 1.2x of house-prices' slider p95, and >= 55 fps while
training. Each figure is the median over --runs runs. Prints one JSON object on its last
line and writes it to benchmarks/results/classic.json. An explorable with nothing to train
(k-nearest neighbours) has no Play: its play_fps is null.
"""

from __future__ import annotations

import argparse

from common import SLIDER_JS, app_and_browser, machine, medians, percentile, write_result
from playwright.sync_api import Page

CASES: dict[str, tuple[str, str]] = {
    # slug -> (query: the whole dashboard, 1,000 points, slow enough not to converge; slider)
    "house-prices": ("step=free&learning_rate=0.001", "weight"),
    "linear-regression": ("step=free&count=1000&held_out=20&degree=3&show_fit=true"
                          "&learning_rate=0.001&slope=-3&intercept=4", "slope"),
    "logistic-regression": ("step=free&count=1000&noise=30&held_out=20&learning_rate=0.002",
                            "C"),
    "knn": ("step=free&count=1000&noise=30&held_out=20", "k"),
    "naive-bayes": ("step=free&count=1000&noise=30&held_out=20&own_prior=true", "prior"),
    "svm": ("step=free&count=1000&noise=50&kernel=rbf&gamma=3&C=1000", "C"),
    # 100 trees (the slider: max depth, which grows all 100 again)
    "random-forest": ("step=free&count=1000&noise=30&held_out=20&trees=100", "max_depth"),
    # grows some hundreds of splits, one a frame: Play outlasts the measurement
    "decision-tree": ("step=free&count=1000&noise=50&held_out=20&max_depth=12&dataset=spiral",
                      "max_depth"),
}
"""house-prices first: the baseline the others are compared with."""


def open_page(page: Page, url: str, slug: str, query: str) -> None:
    page.goto(f"{url}/x/{slug}?{query}")
    page.wait_for_function("() => window.__mlscope && window.__mlscope.stats.frames > 0")


def measure_slider(page: Page, name: str, n: int) -> list[float]:
    values = [(k * 397) % 1000 for k in range(1, n + 1)]
    out: dict[str, list[float]] = page.evaluate(SLIDER_JS, {"name": name, "values": values})
    return out["drawn"]


def measure_play(page: Page, seconds: float) -> float:
    """Frames per second while Play runs: over ``seconds``, or until the explorable has
    nothing left to do (a tree grown whole, a forest at its largest) and Play stops."""
    page.get_by_role("button", name="▶ Play").click()
    page.wait_for_timeout(300)  # warm up
    now = "() => [window.__mlscope.stats.frames, performance.now()]"
    f0, t0 = page.evaluate(now)
    f1, t1 = f0, t0
    pause = page.get_by_role("button", name="❚❚ Pause")
    for _ in range(int(seconds * 10)):
        page.wait_for_timeout(100)
        if not pause.count():
            break
        f1, t1 = page.evaluate(now)
    if pause.count():
        pause.click()
    return float((f1 - f0) / max((t1 - t0) / 1000, 1e-9))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--url", help="a running app (default: start one)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--changes", type=int, default=60, help="slider moves per run (>= 50)")
    ap.add_argument("--seconds", type=float, default=3.0, help="play time per run")
    ap.add_argument("--only", nargs="*", default=[], help="these slugs (and the baseline)")
    args = ap.parse_args()
    cases = {s: c for s, c in CASES.items()
             if not args.only or s in args.only or s == "house-prices"}

    per: dict[str, list[dict[str, float]]] = {slug: [] for slug in cases}
    with app_and_browser(args.url) as (url, browser):
        for _ in range(args.runs):
            for slug, (query, slider) in cases.items():  # interleaved: noise hits all alike
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                open_page(page, url, slug, query)
                measure_slider(page, slider, 10)  # warm up
                lat = measure_slider(page, slider, args.changes)
                playable = page.get_by_role("button", name="▶ Play").count() > 0
                per[slug].append({"slider_p50_ms": percentile(lat, 0.5),
                                  "slider_p95_ms": percentile(lat, 0.95),
                                  "play_fps": measure_play(page, args.seconds) if playable
                                  else float("nan")})
                page.close()
    m = {slug: medians(runs) for slug, runs in per.items()}
    base = m["house-prices"]["slider_p95_ms"]
    result = {
        "benchmark": "classic",
        "baseline": "house-prices",
        "explorables": {slug: {
            "slider_p50_ms": round(v["slider_p50_ms"], 2),
            "slider_p95_ms": round(v["slider_p95_ms"], 2),
            "slider_p95_over_baseline": round(v["slider_p95_ms"] / base, 3),
            "play_fps": None if v["play_fps"] != v["play_fps"] else round(v["play_fps"], 1),
            "meets_target": bool(v["slider_p95_ms"] <= 1.2 * base and
                                 (v["play_fps"] != v["play_fps"] or v["play_fps"] >= 55)),
        } for slug, v in m.items()},
        "runs": {slug: [{k: None if x != x else round(x, 2) for k, x in r.items()} for r in runs]
                 for slug, runs in per.items()},
        "machine": machine(),
    }
    write_result("classic", result)


if __name__ == "__main__":
    main()
