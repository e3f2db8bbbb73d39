"""The clustering explorables at 1,000 points: a press of their Step button to the repaint
that shows it, and frames per second while they play, in headless Chromium; house-prices'
slider measured in the same run as the baseline (issue 18: step -> repaint p95 within 1.2x
of house-prices' slider p95; play at >= 30 fps).

k-means alternates Step and Undo (so every press has work to do, and the run never ends);
DBSCAN labels one more point a press; hierarchical clustering makes one more merge.

t-SNE at 1,000 and 5,000 points (issue 18: >= 0.8x of openTSNE's own speed while the page
plays at >= 30 fps): the page playing (iterations per second read from the picture's title,
frames per second from the page), then openTSNE run alone in this process over the same
iterations (``optimize`` calls, its fastest use) and mlscope's one-iteration steps alone.
An iteration's cost changes as the embedding spreads, so the runs alone time the very
iterations the page played.

Each figure is the median over --runs runs, the cases interleaved. Prints one JSON object on
its last line and writes it to benchmarks/results/unsupervised.json. (UMAP, an extra whose
first run compiles itself with numba, is not measured.)
"""

from __future__ import annotations

import argparse
import re
import time

from classic import measure_play, measure_slider, open_page
from common import app_and_browser, machine, medians, percentile, write_result
from playwright.sync_api import Page

BUTTON_JS = """async ({ names, presses }) => {
  const app = window.__mlscope;
  const afterFrame = (resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve(performance.now());
    ch.port2.postMessage(0);
  };
  const drawn = [];
  for (let k = 0; k < presses; k++) {
    await new Promise((r) => setTimeout(r, 25 + Math.random() * 25));  // idle between presses
    const button = document.querySelector(`button[name="${names[k % names.length]}"]`);
    const id = app.nextMessageId;
    const seen = new Promise((resolve) => {
      const off = app.onFrame((f) => { if (f.applied >= id) { off(); afterFrame(resolve); } });
    });
    const t0 = performance.now();
    button.click();
    drawn.push((await seen) - t0);
  }
  return drawn;
}"""
"""Presses the buttons ``names`` in turn, ``presses`` times, idle between presses; each
figure runs from the click to the end of the first browser frame showing the server's
answer (its animation-frame callback, layout and paint)."""

CASES: dict[str, tuple[str, tuple[str, ...]]] = {
    # slug -> (query: the whole dashboard at 1,000 points; the buttons a press cycles through)
    "k-means": ("step=free&count=1000&dataset=packed_circles&k=7&init=random",
                ("step", "back")),
    "dbscan": ("step=free&count=1000&eps=0.4&dataset=smiley", ("step",)),
    "hierarchical": ("step=free&count=1000&dataset=blobs", ("step",)),
}


TSNE_SIZES = (1000, 5000)
EARLY_ITERS, EXAGGERATION = 250, 12.0
"""The page's defaults: the early exaggeration's length and factor."""


def tsne_alone(n: int, first: int, last: int) -> dict[str, float]:
    """Iterations per second at n points over iterations first..last (the ones the page
    played: the embedding's spread, and so an iteration's cost, changes as it runs):
    openTSNE's own optimize, then mlscope's steps, from the same affinities and start (the
    t-SNE page's 'distances' data), on the page's schedule."""
    from openTSNE import TSNEEmbedding

    from mlscope.data import tsne_sets
    from mlscope.explorables.classic.tsne_run import Run, auto_learning_rate

    x = tsne_sets.generate("distances", n, 0).x
    run = Run(x, 30.0, 0)
    emb = TSNEEmbedding(run.y.copy(), run.affinities, negative_gradient_method=run.method,
                        n_jobs=1, random_state=0, verbose=False)

    def opentsne(a: int, b: int) -> None:  # iterations a..b, split where exaggeration ends
        for lo, hi, e in ((a, min(b, EARLY_ITERS), EXAGGERATION), (max(a, EARLY_ITERS), b, 1)):
            if hi > lo:
                emb.optimize(n_iter=hi - lo, exaggeration=e, learning_rate=auto_learning_rate(
                    n, e), momentum=0.8, inplace=True)

    def ours(a: int, b: int) -> None:
        for i in range(a, b):
            e = EXAGGERATION if i < EARLY_ITERS else 1.0
            run.step(auto_learning_rate(n, e), e)

    figures = {}
    for name, go in (("opentsne_its_per_s", opentsne), ("steps_its_per_s", ours)):
        go(0, first)
        t = time.perf_counter()
        go(first, last)
        figures[name] = (last - first) / (time.perf_counter() - t)
    return figures


def tsne_page(page: Page, url: str, n: int, seconds: float) -> dict[str, float]:
    """The page playing t-SNE at n points: iterations and frames per second, and the first
    and last iteration measured."""
    open_page(page, url, "tsne", f"step=free&dataset=distances&count={n}&iterations=5000")
    page.get_by_role("button", name="▶ Play").click()
    page.wait_for_timeout(1000)  # warm up
    read = """() => [document.querySelector('[data-view="embedding"] h3').textContent,
                     window.__mlscope.stats.frames, performance.now()]"""
    title0, f0, t0 = page.evaluate(read)
    page.wait_for_timeout(seconds * 1000)
    title1, f1, t1 = page.evaluate(read)
    page.get_by_role("button", name="❚❚ Pause").click()
    it = [int(re.match(r"Iteration (\d+)", t).group(1)) for t in (title0, title1)]
    dt = (t1 - t0) / 1000
    return {"page_its_per_s": (it[1] - it[0]) / dt, "page_fps": (f1 - f0) / dt,
            "first": it[0], "last": it[1]}


def measure_presses(page: Page, names: tuple[str, ...], n: int) -> list[float]:
    out: list[float] = page.evaluate(BUTTON_JS, {"names": list(names), "presses": n})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--url", help="a running app (default: start one)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--presses", type=int, default=60, help="presses (slider moves) per run")
    ap.add_argument("--seconds", type=float, default=3.0, help="play time per run")
    ap.add_argument("--tsne-only", action="store_true", help="only the t-SNE figures")
    args = ap.parse_args()
    cases = {} if args.tsne_only else CASES

    base: list[dict[str, float]] = []
    per: dict[str, list[dict[str, float]]] = {slug: [] for slug in cases}
    tsne: dict[int, list[dict[str, float]]] = {n: [] for n in TSNE_SIZES}
    with app_and_browser(args.url) as (url, browser):
        for _ in range(args.runs):
            for n in TSNE_SIZES:
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                figures = tsne_page(page, url, n, args.seconds)
                page.close()
                figures.update(tsne_alone(n, int(figures["first"]), int(figures["last"])))
                tsne[n].append(figures)
            if args.tsne_only:
                continue
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            open_page(page, url, "house-prices", "step=free&learning_rate=0.001")
            measure_slider(page, "weight", 10)  # warm up
            lat = measure_slider(page, "weight", args.presses)
            base.append({"slider_p50_ms": percentile(lat, 0.5),
                         "slider_p95_ms": percentile(lat, 0.95)})
            page.close()
            for slug, (query, names) in cases.items():  # interleaved: noise hits all alike
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                open_page(page, url, slug, query)
                measure_presses(page, names, 10)  # warm up
                lat = measure_presses(page, names, args.presses)
                page.get_by_role("button", name="Start again").click()
                per[slug].append({"step_p50_ms": percentile(lat, 0.5),
                                  "step_p95_ms": percentile(lat, 0.95),
                                  "play_fps": measure_play(page, args.seconds)})
                page.close()
    b = medians(base) if base else {"slider_p95_ms": float("nan")}
    m = {slug: medians(runs) for slug, runs in per.items()}
    t = {n: medians(runs) for n, runs in tsne.items()}
    result = {
        "benchmark": "unsupervised",
        "tsne": {str(n): {
            "points": n,
            "opentsne_its_per_s": round(v["opentsne_its_per_s"], 1),
            "steps_its_per_s": round(v["steps_its_per_s"], 1),
            "steps_over_opentsne": round(v["steps_its_per_s"] / v["opentsne_its_per_s"], 3),
            "page_its_per_s": round(v["page_its_per_s"], 1),
            "page_over_opentsne": round(v["page_its_per_s"] / v["opentsne_its_per_s"], 3),
            "page_fps": round(v["page_fps"], 1),
            "iterations_measured": f"{v['first']:.0f}-{v['last']:.0f}",
            "meets_target": bool(v["page_its_per_s"] >= 0.8 * v["opentsne_its_per_s"] and
                                 v["page_fps"] >= 30),
        } for n, v in t.items()},
        "baseline": {"house-prices": {k: round(v, 2) for k, v in b.items()}},
        "explorables": {slug: {
            "step_p50_ms": round(v["step_p50_ms"], 2),
            "step_p95_ms": round(v["step_p95_ms"], 2),
            "step_p95_over_baseline": round(v["step_p95_ms"] / b["slider_p95_ms"], 3),
            "play_fps": round(v["play_fps"], 1),
            "meets_target": bool(v["step_p95_ms"] <= 1.2 * b["slider_p95_ms"] and
                                 v["play_fps"] >= 30),
        } for slug, v in m.items()},
        "runs": {slug: [{k: round(x, 2) for k, x in r.items()} for r in runs]
                 for slug, runs in {"house-prices": base, **per,
                                    **{f"tsne-{n}": r for n, r in tsne.items()}}.items()},
        "not_measured": "UMAP (an extra, mlscope[umap])",
        "machine": machine(),
    }
    write_result("unsupervised", result)


if __name__ == "__main__":
    main()
