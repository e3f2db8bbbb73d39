"""The cost of recording a run, and the speed of its timeline in headless Chromium.

- overhead: a small MLP (2-64-64-2, batches of 64) trains for --steps steps, three ways, in
  turn, --runs times: plain; with mlscope.watch (the loss at every step, a snapshot every
  10 steps: histograms and arrays of every weight, bias and gradient); with TensorBoard's
  SummaryWriter (torch.utils.tensorboard) logging the loss at every step and a histogram
  of every weight, bias and gradient every 10 steps. Overhead per step = (time with - time
  plain) / steps; ``overhead_ratio`` = mlscope's over SummaryWriter's (target ≤ 0.5).
- series: a run of 1,000,000 loss values; its page opened in Chromium (``first_frame_s``:
  from navigation to the first frame, reading the run included), then the smoothing slider
  moved --moves times: from the input event to the end of the browser frame that shows the
  curve re-smoothed and redrawn (``redraw_ms``: p50, p95; target ≤ 200 ms).
- scrub: a recorded run (examples/watch_torch.py's spiral, 1,500 steps) in free play, the
  step slider dragged with the mouse: from the pointer event to the end of the first
  browser frame showing every view at the new step (``scrub_ms`` p50, p95; target p95 ≤ 25
  ms): the views follow the slider in the browser (held tweens of every snapshot), the
  server's frame follows with the titles (``scrub_server_frame_ms_p95``). The baseline, in
  the same browser: house-prices' weight slider dragged the same way, one view answered
  through the server (``baseline_slider_ms_p95``, and the ratio).

Prints one JSON object on its last line and writes benchmarks/results/timeline.json.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from common import SLIDER_JS, app_and_browser, drag_slider, machine, percentile, write_result

ROOT = Path(__file__).resolve().parent.parent


def train(steps: int, mode: str, where: Path, seed: int = 0) -> float:
    """Seconds to train ``steps`` steps, logging as ``mode`` says."""
    import torch
    from torch import nn

    import mlscope

    torch.manual_seed(seed)
    x = torch.randn(4096, 2)
    y = (x[:, 0] * x[:, 1] > 0).long()
    model = nn.Sequential(nn.Linear(2, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(),
                          nn.Linear(64, 2))
    opt = torch.optim.SGD(model.parameters(), lr=0.05)
    batches = torch.randint(0, 4096, (steps, 64))
    writer = watch = None
    if mode == "tensorboard":
        from torch.utils.tensorboard import SummaryWriter

        writer = SummaryWriter(str(where / f"tb-{time.monotonic_ns()}"))
    elif mode == "mlscope":
        watch = mlscope.watch(model, run=f"bench-{time.monotonic_ns()}", store=where,
                              optimizer=opt, every=10)
    t0 = time.perf_counter()
    for step in range(steps):
        b = batches[step]
        opt.zero_grad()
        loss = nn.functional.cross_entropy(model(x[b]), y[b])
        loss.backward()
        opt.step()
        if watch is not None:
            watch.log(step, loss=loss.item())
        elif writer is not None:
            writer.add_scalar("loss", loss.item(), step)
            if step % 10 == 0:
                for name, p in model.named_parameters():
                    writer.add_histogram(f"param/{name}", p, step)
                    writer.add_histogram(f"grad/{name}", p.grad, step)
        else:
            loss.item()
    if watch is not None:
        watch.close()
    if writer is not None:
        writer.close()
    return time.perf_counter() - t0


def measure_overhead(steps: int, runs: int) -> dict[str, float]:
    times: dict[str, list[float]] = {"plain": [], "mlscope": [], "tensorboard": []}
    with tempfile.TemporaryDirectory() as tmp:
        train(200, "plain", Path(tmp))  # warm up torch
        for _ in range(runs):
            for mode in times:  # in turn, so that the machine's drift hits all three
                times[mode].append(train(steps, mode, Path(tmp)))
    plain = statistics.median(times["plain"])
    ours = (statistics.median(times["mlscope"]) - plain) / steps * 1e6
    theirs = (statistics.median(times["tensorboard"]) - plain) / steps * 1e6
    return {"plain_us_per_step": round(plain / steps * 1e6, 1),
            "mlscope_overhead_us_per_step": round(ours, 1),
            "tensorboard_overhead_us_per_step": round(theirs, 1),
            "overhead_ratio": round(ours / theirs, 3) if theirs > 0 else float("nan")}


def million_point_store(where: Path, n: int) -> None:
    from mlscope.timeline.store import open_store

    with open_store(where) as store:
        rid = store.create_run("million", {"source": "benchmark", "model": "none"})
        rng = np.random.default_rng(0)
        loss = np.exp(-np.arange(n) / (n / 5)) + 0.1 * rng.random(n)
        walls = time.time() - n * 0.001 + np.arange(n) * 0.001
        for k in range(0, n, 100_000):
            store.write(rid, scalars=[("loss", int(s), float(walls[s]), float(loss[s]))
                                      for s in range(k, min(k + 100_000, n))])


def measure_series(url: str, browser, moves: int) -> dict[str, float]:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    t0 = time.perf_counter()
    page.goto(url + "/runs/view?run=million")
    page.wait_for_function("() => window.__mlscope && window.__mlscope.stats.frames > 0",
                           timeout=120_000)
    first = time.perf_counter() - t0
    values = [round(0.3 + 0.6 * ((k * 37) % 100) / 100, 2) for k in range(moves)]
    got = page.evaluate(SLIDER_JS, {"name": "smoothing", "values": values})
    page.close()
    return {"first_frame_s": round(first, 2),
            "redraw_ms_p50": round(percentile(got["frame"], 0.5), 1),
            "redraw_ms_p95": round(percentile(got["frame"], 0.95), 1)}


def measure_scrub(url: str, browser, moves: int, seed: int) -> dict[str, float]:
    """The run's step slider dragged, and house-prices' weight slider dragged the same way
    in the same browser (the baseline: one view answered through the server)."""
    rng = np.random.default_rng(seed)
    out: dict[str, float] = {}
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url + "/runs/view?run=spiral-adam")
    page.wait_for_function("() => window.__mlscope && window.__mlscope.stats.frames > 0")
    page.wait_for_timeout(500)
    values = list(np.clip(np.cumsum(rng.normal(0, 60, moves)) + 700, 0, 1499).round())
    got = drag_slider(page, "at", values)
    page.close()
    out.update(scrub_ms_p50=percentile(got["drawn"], 0.5),
               scrub_ms_p95=percentile(got["drawn"], 0.95),
               scrub_server_frame_ms_p95=percentile(got["frame"], 0.95))
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url + "/x/house-prices?step=free")
    page.wait_for_function("() => window.__mlscope && window.__mlscope.stats.frames > 0")
    page.wait_for_timeout(500)
    weights = list(np.clip(np.cumsum(rng.normal(0, 0.03, moves)) + 0.2, 0, 0.4).round(3))
    base = drag_slider(page, "weight", weights)
    page.close()
    out["baseline_slider_ms_p95"] = percentile(base["drawn"], 0.95)
    out["scrub_p95_over_baseline"] = out["scrub_ms_p95"] / out["baseline_slider_ms_p95"]
    return {k: round(v, 2) for k, v in out.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--steps", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--points", type=int, default=1_000_000)
    parser.add_argument("--moves", type=int, default=40)
    parser.add_argument("--gpu-raster", action="store_true")
    args = parser.parse_args()
    result: dict[str, object] = {"machine": machine(), "steps": args.steps,
                                 "runs": args.runs}
    result["overhead"] = measure_overhead(args.steps, args.runs)
    print(result["overhead"], flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        million_point_store(store, args.points)
        subprocess.run([sys.executable, str(ROOT / "examples" / "watch_torch.py"), "--store",
                        str(store)], check=True, stdout=subprocess.DEVNULL)
        series, scrub = [], []
        with app_and_browser(None, args.gpu_raster, serve=("--store", str(store))) \
                as (url, browser):
            for k in range(3):
                series.append(measure_series(url, browser, args.moves))
                scrub.append(measure_scrub(url, browser, args.moves, k))
        result["series"] = {k: statistics.median(s[k] for s in series) for k in series[0]}
        result["series"]["points"] = args.points
        result["scrub"] = {k: statistics.median(s[k] for s in scrub) for k in scrub[0]}
    result["raster"] = "gpu (swiftshader)" if args.gpu_raster else "software"
    write_result("timeline", result)


if __name__ == "__main__":
    main()
