"""The maths explorables (probability and statistics): slider-to-repaint latency and frames
per second while simulating, in headless Chromium, with house-prices' slider measured in the
same run as the baseline (issue 20: slider p95 within 1.2x of house-prices', >= 55 fps while
simulating).

Each case opens its page in free play with a long run already on screen, moves one slider by
one `input` event at a time (as latency.py; the values walk the slider's whole range in a
scrambled order), then plays (kernel density estimation and regression-inference have
nothing to play: their play_fps is null). mean-median-mode, conditional and eigenvectors
have no slider (their values, shelves and vectors are dragged) and are not measured.
Each figure is the median over --runs runs, the cases interleaved. Prints one JSON object
on its last line and writes it to benchmarks/results/maths.json.
"""

from __future__ import annotations

import argparse
import json

from classic import measure_play, open_page
from common import SLIDER_JS, app_and_browser, machine, medians, percentile, write_result
from playwright.sync_api import Page

CASES: dict[str, tuple[str, str]] = {
    # slug -> (query, slider); house-prices first: the baseline
    "house-prices": ("step=free&learning_rate=0.001", "weight"),
    "chance": ("step=free&flips=20000", "p_heads"),
    "compound-events": ("step=free&darts=3000&draws=2000&groups=2000", "r_a"),
    "derivative": ("step=free&f=sin(3*x)%2Bx^2", "h"),
    "gradient-2d": ("step=free&steps=60&lr=0.15", "lr"),
    "integral": ("step=free&f=sin(x)%2B0.5&a=-2.5&b=2.5", "n"),
    "matrix-transformation": ("step=free&shape=circle", "t"),
    "matrix-decompositions": ("step=free", "k"),
    "projections": ("step=free", "b1"),
    "matrix-multiplication": ("step=free", "t"),
    "taylor": ("step=free&f=tanh(x)", "degree"),
    "higher-dimensions": ("step=free", "xw"),
    "chain-rule": ("step=free&f=sin(x*y)%2Bx^2", "x"),
    # the pen's slider, then play: the epicycles with 200 circles (issue 21: ≥ 55 fps)
    "fourier": ("step=free&terms=200", "time"),
    "distributions": ("step=free&samples=20000&compare=true", "p"),
    "clt": ("step=free&source=exponential&samples=20000", "n"),
    "monty-hall": ("step=free&games=20000", "doors"),
    "bayes": ("step=free&data=2000", "alpha"),
    "estimators": ("step=free&samples=20000", "n"),
    "confidence": ("step=free&experiments=2000", "level"),
    "hypothesis-tests": ("step=free&experiments=2000", "effect"),
    "kde": ("step=free&count=200", "bandwidth"),
    "regression-inference": ("step=free&n=300", "noise"),
}

RANGE_JS = """(name) => {
  const s = document.querySelector(`input[type="range"][name="${name}"]`);
  return [Number(s.min), Number(s.max), Number(s.step) || 1];
}"""


def measure_slider(page: Page, name: str, n: int) -> list[float]:
    """Repaint latencies of n slider moves over its whole range (no two in a row equal)."""
    lo, hi, step = page.evaluate(RANGE_JS, name)
    count = round((hi - lo) / step) + 1
    values = [lo + ((k * 397) % count) * step for k in range(1, n + 1)]
    out: dict[str, list[float]] = page.evaluate(SLIDER_JS, {"name": name, "values": values})
    return out["drawn"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--url", help="a running app (default: start one)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--changes", type=int, default=60, help="slider moves per run")
    ap.add_argument("--seconds", type=float, default=3.0, help="play time per run")
    ap.add_argument("--only", nargs="*", default=[],
                    help="these slugs (and the baseline); the JSON is not written")
    args = ap.parse_args()
    cases = {k: v for k, v in CASES.items()
             if not args.only or k in args.only or k == "house-prices"}
    per: dict[str, list[dict[str, float]]] = {slug: [] for slug in cases}
    with app_and_browser(args.url) as (url, browser):
        for _ in range(args.runs):
            for slug, (query, slider) in cases.items():
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                open_page(page, url, slug, query)
                measure_slider(page, slider, 10)  # warm up
                lat = measure_slider(page, slider, args.changes)
                playable = page.get_by_role("button", name="▶ Play").count() > 0
                if playable:  # play from the link's state, not wherever the slider ended
                    open_page(page, url, slug, query)
                per[slug].append({"slider_p50_ms": percentile(lat, 0.5),
                                  "slider_p95_ms": percentile(lat, 0.95),
                                  "play_fps": measure_play(page, args.seconds) if playable
                                  else float("nan")})
                page.close()
    m = {slug: medians(runs) for slug, runs in per.items()}
    base = m["house-prices"]["slider_p95_ms"]
    result = {
        "benchmark": "maths",
        "baseline": "house-prices",
        "explorables": {slug: {
            "slider_p50_ms": round(v["slider_p50_ms"], 2),
            "slider_p95_ms": round(v["slider_p95_ms"], 2),
            "slider_p95_over_baseline": round(v["slider_p95_ms"] / base, 3),
            "play_fps": None if v["play_fps"] != v["play_fps"] else round(v["play_fps"], 1),
            "meets_target": bool(v["slider_p95_ms"] <= 1.2 * base and
                                 (v["play_fps"] != v["play_fps"] or v["play_fps"] >= 55)),
        } for slug, v in m.items() if slug != "house-prices"},
        "baseline_figures": {k: round(x, 2) for k, x in m["house-prices"].items()},
        "runs": {slug: [{k: None if x != x else round(x, 2) for k, x in r.items()}
                        for r in runs] for slug, runs in per.items()},
        "machine": machine(),
    }
    if args.only:
        print(json.dumps(result))
    else:
        write_result("maths", result)


if __name__ == "__main__":
    main()
